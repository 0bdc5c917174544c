"""The tables of 附表1-1 … 1-12, each read by one of a few shared shapes with its column map as data.

- two-sided summaries (1-1 收支总表, 1-4 财政拨款收支总表): income items left, expenditure right;
- code-keyed tables (1-3, 1-5, 1-6): code, name, amount columns; 1-2 收入总表 is keyed by unit the same way;
- 1-7 三公经费: one row of amounts, kept as one record per item with its parent;
- fund tables (1-9 政府性基金, 1-10 国有资本经营): often only a header and a statement that there is none,
  recorded as a `statement` row, so "the document says there is none" is never confused with "we read nothing";
- unit-line tables (1-11 政府采购, 1-12 政府购买服务, in 元): 合计 / group / department / unit rows, then lines.

The shared reading comes first: header rows to column keys through an explicit label map (an unknown column is an
error, not a silent shift), rows fitted to the header's width, exact amounts.
"""

from __future__ import annotations

import re
from decimal import Decimal

import polars as pl

from budgetlens.errors import IngestError
from budgetlens.frames import LINES, frame
from budgetlens.ingest.cells import (
    clean_text,
    code_level,
    is_number,
    parent_code,
    parse_money,
    split_bracket_code,
    squash,
)
from budgetlens.ingest.source import Line, Section
from budgetlens.money import MONEY

# --- shared: header rows to column keys through an explicit label map, rows to records --------------------------------


def trimmed(cells: list[str]) -> list[str]:
    """Cells without the trailing empty ones."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def is_column_numbering(cells: list[str]) -> bool:
    """The '1 2 3 … N' row some schedules print under their header."""
    values = trimmed(cells)
    return len(values) >= 3 and values == [str(n) for n in range(1, len(values) + 1)]


def header_paths(header_rows: list[Line]) -> list[str]:
    """One label path per column from one or two header rows.

    A group label spans the empty cells to its right in the first row ("基本支出" over
    小计/人员经费/公用经费), so the second row's labels get it as a prefix.
    """
    width = max(len(row.cells) for row in header_rows)
    grid = [[squash(cell) for cell in row.cells] + [""] * (width - len(row.cells)) for row in header_rows]
    if len(grid) == 1:
        return grid[0]
    top, bottom = grid[0], grid[1]
    paths: list[str] = []
    group = ""
    for top_label, bottom_label in zip(top, bottom, strict=True):
        if top_label:
            group = top_label
            paths.append(f"{top_label}/{bottom_label}" if bottom_label else top_label)
        elif bottom_label:
            paths.append(f"{group}/{bottom_label}" if group else bottom_label)
        else:
            paths.append("")
    return paths


def column_keys(
    paths: list[str], mapping: dict[str, str], *, line: int, schedule: str, unit_suffix: str = "_wan"
) -> list[str]:
    """Map header label paths to English keys; an unknown label is an error.

    A column with no label at all is kept as `unlabeled_column_N<unit>`: the document printed
    values under it, and we keep what it says (see `drop_empty_unlabeled`).
    """
    keys: list[str] = []
    for index, path in enumerate(paths):
        if not path:
            keys.append(f"unlabeled_column_{index + 1}{unit_suffix}")
            continue
        if path not in mapping:
            raise IngestError(
                f"header column {index + 1} {path!r} is not a known column of this schedule",
                line=line,
                schedule=schedule,
            )
        keys.append(mapping[path])
    return keys


def fit(row: Line, width: int, schedule: str) -> list[str]:
    """The row's cells padded to the header's width; more filled cells than columns is an error."""
    cells = trimmed(row.cells)
    if len(cells) > width:
        raise IngestError(
            f"the row has {len(cells)} cells but the header has {width} columns: the columns don't fit",
            line=row.number,
            schedule=schedule,
        )
    return cells + [""] * (width - len(cells))


def amounts(cells: list[str], keys: list[str], row: Line, schedule: str) -> dict[str, Decimal | None]:
    return {
        key: parse_money(cell, line=row.number, schedule=schedule, column=key)
        for key, cell in zip(keys, cells, strict=True)
        if key.endswith(("_wan", "_yuan"))
    }


def drop_empty_unlabeled(table: pl.DataFrame) -> pl.DataFrame:
    """Unlabeled columns that hold nothing in any row carry no information."""
    empty = [c for c in table.columns if c.startswith("unlabeled_column_") and table[c].null_count() == table.height]
    return table.drop(empty)


# --- two-sided summaries (1-1, 1-4) -------------------------------------------------------------------------------

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十廿]+、|（[一二三四五六七八九十廿]+）|\([一二三四五六七八九十廿]+\))")
TWO_SIDED_SCHEMA: dict[str, pl.DataType] = {
    "side": pl.String,  # income | expenditure
    "seq": pl.Int16,  # order within the side
    "label": pl.String,  # as printed, numbering included
    "name": pl.String,  # numbering removed, spaces removed
    "level": pl.Int8,  # 1 for 一、…; 2 for （一）…; 0 for 合计/总计 lines
    "parent_name": pl.String,  # for a level-2 item, the level-1 item above it on the same side
    "row_kind": pl.String,  # item | total | grand_total | carryover
    "amount_wan": MONEY,  # null when the cell is empty: not stated, not zero
    "source_lines": LINES,
}


# A two-sided row's kind: the first of these words its name holds, in this order; a name with none is an item.
ROW_KINDS = (("总计", "grand_total"), ("合计", "total"), ("结转", "carryover"), ("结余", "carryover"))


def _kind(name: str) -> str:
    return next((kind for word, kind in ROW_KINDS if word in name), "item")


def _level(label: str) -> int:
    if label.startswith(("（", "(")):
        return 2
    if _NUMBERING.match(label):
        return 1
    return 0


def read_two_sided(section: Section, schedule: str) -> pl.DataFrame:
    rows = section.rows()
    header = next((row for row in rows if squash(row.cells[0]) in {"项目"}), None)
    if header is None:
        raise IngestError("no header row starting with 项目", line=section.first_line, schedule=schedule)
    if [squash(cell) for cell in header.cells[:4]] != ["项目", "预算数", "项目", "预算数"]:
        raise IngestError("the header should read 项目 | 预算数 | 项目 | 预算数", line=header.number, schedule=schedule)
    records: list[dict] = []
    seq = {"income": 0, "expenditure": 0}
    parent: dict[str, str | None] = {"income": None, "expenditure": None}
    for row in rows[rows.index(header) + 1 :]:
        cells = fit(row, 4, schedule)
        for side, (label_cell, amount_cell) in (("income", cells[0:2]), ("expenditure", cells[2:4])):
            if not label_cell.strip():
                if amount_cell.strip():
                    raise IngestError(
                        f"an amount {amount_cell!r} without an item on the {side} side",
                        line=row.number,
                        schedule=schedule,
                    )
                continue
            label = clean_text(label_cell)
            name = squash(_NUMBERING.sub("", squash(label)))
            seq[side] += 1
            level = _level(squash(label))
            if level == 1:
                parent[side] = name
            records.append(
                {
                    "side": side,
                    "seq": seq[side],
                    "label": label,
                    "name": name,
                    "level": level,
                    "parent_name": parent[side] if level == 2 else None,
                    "row_kind": _kind(name),
                    "amount_wan": parse_money(amount_cell, line=row.number, schedule=schedule, column=f"{side} 预算数"),
                    "source_lines": [row.number],
                }
            )
    if not records:
        raise IngestError("the table has no rows", line=header.number, schedule=schedule)
    return frame(records, TWO_SIDED_SCHEMA)


# --- code-keyed tables (1-3, 1-5, 1-6) and 1-2 by unit -------------------------------------------------------------

_CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
_CODED = {"科目编码": "code", "科目名称": "name"}  # a code-keyed table's first two columns
EXPENDITURE = {  # 附表1-3 支出总表
    **_CODED,
    "合计": "total_wan",
    "基本支出": "basic_wan",
    "项目支出": "project_wan",
    "事业单位经营支出": "business_operation_wan",
    "上缴上级支出": "remit_to_superior_wan",
    "对附属单位补助支出": "subsidy_to_affiliates_wan",
}
GENERAL_BUDGET = {  # 附表1-5 一般公共预算支出表
    **_CODED,
    "合计": "total_wan",
    "基本支出/小计": "basic_wan",
    "基本支出/人员经费": "basic_personnel_wan",
    "基本支出/公用经费": "basic_public_wan",
    "项目支出": "project_wan",
}
_GROUP = "部门预算支出经济分类科目"
_AMOUNTS = "本年一般公共预算基本支出"
BASIC_ECONOMIC = {  # 附表1-6 一般公共预算基本支出表
    **{f"{_GROUP}/{heading}": key for heading, key in _CODED.items()},
    **_CODED,
    f"{_AMOUNTS}/合计": "total_wan",
    f"{_AMOUNTS}/人员经费": "personnel_wan",
    f"{_AMOUNTS}/公用经费": "public_wan",
}
_NOW, _CARRY = "本年收入", "上年结转结余"
# 附表1-2's sources of income, each the heading printed under 本年收入 (its column current_<source>_wan) and, for those
# CARRIED, under 上年结转结余 (carryover_<source>_wan). The canonical income_by_source names its sources so (seed.py).
INCOME_SOURCES = {
    "general_budget": "一般公共预算",
    "government_fund": "政府性基金预算",
    "state_capital": "国有资本经营预算",
    "special_account": "财政专户管理资金",
    "business_income": "事业收入",
    "operating_income": "事业单位经营收入",
    "superior_subsidy": "上级补助收入",
    "affiliate_remittance": "附属单位上缴收入",
    "other_income": "其他收入",
    "unit_funds": "单位资金",
}
CURRENT = tuple(source for source in INCOME_SOURCES if source != "unit_funds")
CARRIED = ("general_budget", "government_fund", "state_capital", "special_account", "unit_funds")
INCOME = {  # 附表1-2 收入总表: income by unit and source; this year's income and last year's carry-over
    "部门（单位）代码": "unit_code",
    "部门（单位）名称": "unit_name",
    "合计": "total_wan",
    f"{_NOW}/小计": "current_total_wan",
    **{f"{_NOW}/{INCOME_SOURCES[source]}": f"current_{source}_wan" for source in CURRENT},
    f"{_CARRY}/小计": "carryover_total_wan",
    **{f"{_CARRY}/{INCOME_SOURCES[source]}": f"carryover_{source}_wan" for source in CARRIED},
}


def split_header(section: Section, schedule: str) -> tuple[list[Line], list[Line]]:
    """Header rows are the table rows before the first row that carries an amount."""
    rows = [row for row in section.rows() if not is_column_numbering(row.cells)]
    for index, row in enumerate(rows):
        if any(is_number(cell) for cell in row.cells[2:]):
            if index == 0 or index > 2:
                raise IngestError(f"expected one or two header rows, found {index}", line=row.number, schedule=schedule)
            return rows[:index], rows[index:]
    raise IngestError("the table has no rows with amounts", line=section.first_line, schedule=schedule)


def read_coded_table(section: Section, mapping: dict[str, str], schedule: str) -> pl.DataFrame:
    header, body = split_header(section, schedule)
    keys = column_keys(header_paths(header), mapping, line=header[0].number, schedule=schedule)
    if keys[:2] != ["code", "name"]:
        raise IngestError(
            "the first two columns must be 科目编码 and 科目名称", line=header[0].number, schedule=schedule
        )
    amount_keys = keys[2:]
    schema: dict[str, pl.DataType] = {
        "code": pl.String,
        "name": pl.String,
        "level": pl.Int8,
        "parent_code": pl.String,
        **{key: MONEY for key in amount_keys},
        "source_lines": LINES,
    }
    records: list[dict] = []
    for row in body:
        cells = fit(row, len(keys), schedule)
        code, name = squash(cells[0]), clean_text(cells[1])
        values = amounts(cells, keys, row, schedule)
        if not code and name != "合计":
            if records and all(value is None for value in values.values()) and name:
                records[-1]["name"] += name  # a name the extraction broke across lines
                records[-1]["source_lines"].append(row.number)
                continue
            raise IngestError(f"row {name!r} has no code", line=row.number, schedule=schedule)
        if code and not _CODE.match(code):
            raise IngestError(f"{cells[0]!r} is not a 3-, 5- or 7-digit code", line=row.number, schedule=schedule)
        records.append(
            {
                "code": code or None,
                "name": name,
                "level": code_level(code) if code else 0,
                "parent_code": parent_code(code) if code else None,
                **values,
                "source_lines": [row.number],
            }
        )
    if not records or records[0]["level"] != 0:
        raise IngestError("the first row should be the 合计 row", line=body[0].number, schedule=schedule)
    return drop_empty_unlabeled(frame(records, schema))


def unit_level(code: str, name: str) -> str:
    """合计 row, the department (3-digit code), a unit within it (6 digits), or a group above it."""
    if not code and name == "合计":
        return "total"
    return {3: "department", 6: "unit", 2: "group"}.get(len(code), "other")


def _unit(row: Line, code_cell: str, name_cell: str, schedule: str) -> tuple[str, str]:
    """A row's unit code (squashed) and name; a row without a unit name is an error."""
    code, name = squash(code_cell), clean_text(name_cell)
    if not name:
        raise IngestError("a row without a unit name", line=row.number, schedule=schedule)
    return code, name


def read_income(section: Section, schedule: str) -> pl.DataFrame:
    """附表1-2: one row per unit (合计, department, unit), its amounts by source; unlabeled columns go last."""
    header, body = split_header(section, schedule)
    keys = column_keys(header_paths(header), INCOME, line=header[0].number, schedule=schedule)
    schema: dict[str, pl.DataType] = {
        "unit_code": pl.String,
        "unit_name": pl.String,
        "row_level": pl.String,
        **{key: MONEY for key in keys if key.endswith("_wan") and not key.startswith("unlabeled_column_")},
        **{key: MONEY for key in keys if key.startswith("unlabeled_column_")},  # the unlabeled columns go last
        "source_lines": LINES,
    }
    records = []
    for row in body:
        cells = fit(row, len(keys), schedule)
        code, name = _unit(row, cells[0], cells[1], schedule)
        records.append(
            {
                "unit_code": code or None,
                "unit_name": name,
                "row_level": unit_level(code, name),
                **amounts(cells, keys, row, schedule),
                "source_lines": [row.number],
            }
        )
    return drop_empty_unlabeled(frame(records, schema))


# --- 1-7 三公经费 ---------------------------------------------------------------------------------------------------

_VEHICLES = "公务用车购置及运行费"
# heading -> (item, the item it is part of, level); the item's amount is the column <item>_wan
THREE_PUBLIC_HEADINGS = {
    "“三公”经费合计": ("total", None, 0),
    "因公出国（境）费": ("overseas_travel", "total", 1),
    f"{_VEHICLES}/小计": ("vehicles", "total", 1),
    f"{_VEHICLES}/公务用车购置费": ("vehicle_purchase", "vehicles", 2),
    f"{_VEHICLES}/公务用车运行费": ("vehicle_operation", "vehicles", 2),
    "公务接待费": ("reception", "total", 1),
}
THREE_PUBLIC = {heading: f"{item}_wan" for heading, (item, _, _) in THREE_PUBLIC_HEADINGS.items()}
THREE_PUBLIC_TREE = {item: (parent, level) for item, parent, level in THREE_PUBLIC_HEADINGS.values()}
THREE_PUBLIC_SCHEMA: dict[str, pl.DataType] = {
    "item": pl.String,
    "name": pl.String,
    "parent_item": pl.String,
    "level": pl.Int8,
    "amount_wan": MONEY,
    "source_lines": LINES,
}


def read_three_public(section: Section, schedule: str) -> pl.DataFrame:
    rows = section.rows()
    data = [row for row in rows if row.cells and row.cells[0].replace(".", "").isdigit()]
    if len(data) != 1:
        raise IngestError(f"expected one row of amounts, found {len(data)}", line=section.first_line, schedule=schedule)
    header = [row for row in rows if row.number < data[0].number]
    if not 1 <= len(header) <= 2:
        raise IngestError("expected one or two header rows", line=data[0].number, schedule=schedule)
    paths = header_paths(header)
    keys = column_keys(paths, THREE_PUBLIC, line=header[0].number, schedule=schedule)
    values = amounts(fit(data[0], len(keys), schedule), keys, data[0], schedule)
    records = []
    for key, path in zip(keys, paths, strict=True):
        item = key.removesuffix("_wan")
        parent, level = THREE_PUBLIC_TREE[item]
        records.append(
            {
                "item": item,
                "name": path.split("/")[-1].replace("小计", path.split("/")[0]),
                "parent_item": parent,
                "level": level,
                "amount_wan": values[key],
                "source_lines": [data[0].number],
            }
        )
    return frame(records, THREE_PUBLIC_SCHEMA)


# --- fund tables (1-9, 1-10) ---------------------------------------------------------------------------------------

_OPERATING = "运转类项目支出"
FUND = {
    "功能科目编码": "function_code",
    "功能科目名称": "function_name",
    "单位编码": "unit_code",
    "单位名称": "unit_name",
    "总计": "total_wan",
    "人员类项目支出": "personnel_projects_wan",
    f"{_OPERATING}/公用经费项目支出": "public_expense_projects_wan",
    f"{_OPERATING}/其他运转类项目支出": "other_operating_projects_wan",
    "特定目标类项目支出": "special_purpose_projects_wan",
}
FUND_AMOUNTS = [key for key in FUND.values() if key.endswith("_wan")]
FUND_SCHEMA: dict[str, pl.DataType] = {
    "row_kind": pl.String,  # statement | row
    "statement": pl.String,
    "states_none": pl.Boolean,  # the statement says there is no such spending
    "function_code": pl.String,
    "function_name": pl.String,
    "level": pl.Int8,
    "unit_code": pl.String,
    "unit_name": pl.String,
    **{key: MONEY for key in FUND_AMOUNTS},
    "source_lines": LINES,
}


def read_fund_table(section: Section, schedule: str) -> pl.DataFrame:
    """The rows under the header, then each 说明：… statement; columns a row does not fill are null."""
    rows = [row for row in section.rows() if not is_column_numbering(row.cells)]
    header_start = next((i for i, row in enumerate(rows) if squash(row.cells[0]) == "功能科目编码"), None)
    if header_start is None:
        raise IngestError("no header row starting with 功能科目编码", line=section.first_line, schedule=schedule)
    header = rows[header_start : header_start + 2]
    keys = column_keys(header_paths(header), FUND, line=header[0].number, schedule=schedule)
    records: list[dict] = []
    for row in rows[header_start + 2 :]:
        cells = fit(row, len(keys), schedule)
        values = dict(zip(keys, cells, strict=True))
        code = squash(values.get("function_code", ""))
        records.append(
            {
                "row_kind": "row",
                "function_code": code or None,
                "function_name": clean_text(values.get("function_name", "")),
                "level": code_level(code) if code else 0,
                "unit_code": squash(values.get("unit_code", "")) or None,
                "unit_name": clean_text(values.get("unit_name", "")),
                **amounts(cells, keys, row, schedule),
                "source_lines": [row.number],
            }
        )
    for line in section.text_lines():
        text = clean_text(line.text)
        if text.startswith("说明"):
            statement = text.split("：", 1)[-1]
            records.append(
                {
                    "row_kind": "statement",
                    "statement": statement,
                    "states_none": "无" in statement or "没有" in statement,
                    "source_lines": [line.number],
                }
            )
    if not records:
        raise IngestError(
            "neither rows nor a statement (说明：…) found: the schedule says nothing",
            line=header[-1].number,
            schedule=schedule,
        )
    return frame(records, FUND_SCHEMA)


# --- unit-line tables (1-11, 1-12, in 元) --------------------------------------------------------------------------

_AMOUNT = "采购金额"
_UNIT_COLUMNS = {"单位代码": "unit_code", "单位名称": "unit_name"}  # a unit-line table's first two columns
PROCUREMENT = {  # 附表1-11 政府采购预算表: procurement lines with 品目, function and economic codes
    **_UNIT_COLUMNS,
    "项目": "project",
    "政府采购品目": "item",
    "功能科目": "function",
    "部门支出经济分类": "economic",
    "资金来源": "fund_source",
    "资金性质": "fund_nature",
    "采购数量": "quantity",
    "单价(元)": "unit_price_yuan",
    "计量单位": "measure_unit",
    f"{_AMOUNT}/采购金额合计(元)": "amount_yuan",
    f"{_AMOUNT}/其中面向中小企业(元)": "sme_amount_yuan",
    f"{_AMOUNT}/其中面向小微企业(元)": "micro_amount_yuan",
}
_CATALOG = "政府购买服务指导目录"
PURCHASED_SERVICES = {  # 附表1-12 政府购买服务预算表: purchased services, some of which are also procurement
    **_UNIT_COLUMNS,
    "是否包含政府采购": "includes_procurement",
    "项目": "project",
    "政府购买服务内容": "content",
    "购买数量": "quantity",
    "购买金额": "amount_yuan",
    "资金来源": "fund_source",
    "资金性质": "fund_nature",
    "支出功能分类科目": "function",
    "部门支出经济分类": "economic",
    f"{_CATALOG}/一级目录": "catalog_level1",
    f"{_CATALOG}/二级目录": "catalog_level2",
    f"{_CATALOG}/三级目录": "catalog_level3",
}
# How a line's cell is read, by its column key: an amount; a "[code]name" cell (its <key>_code and <key>_name); else
# text (clean, null when empty), held under TEXT_COLUMNS' name or its key.
LINE_AMOUNTS = frozenset({"quantity", "unit_price_yuan", "amount_yuan", "sme_amount_yuan", "micro_amount_yuan"})
LINE_CODED = ("item", "function", "economic")
TEXT_COLUMNS = {"project": "project_name", "content": "service_content"}
# The first letter of a 政府采购品目 code: A goods, B works, C services.
CATEGORY = {"A": "goods", "B": "works", "C": "services"}
_YES_NO = {"是": True, "否": False, "": None}


def line_schema(mapping: dict[str, str]) -> dict[str, pl.DataType]:
    """A unit-line table's columns, in its column map's order; 单位名称 is followed by the row's level
    (total | group | department | unit | line), the 品目 by its category (goods | works | services, from its code);
    是否包含政府采购 (是 / 否: the line is also in 1-11) is a boolean."""
    schema: dict[str, pl.DataType] = {}
    for key in mapping.values():
        if key in LINE_CODED:
            schema |= {f"{key}_code": pl.String, f"{key}_name": pl.String}
        elif key == "includes_procurement":
            schema[key] = pl.Boolean
        else:
            schema[TEXT_COLUMNS.get(key, key)] = MONEY if key in LINE_AMOUNTS else pl.String
        if key == "unit_name":
            schema["row_level"] = pl.String
        elif key == "item":
            schema["category"] = pl.String
    return schema | {"source_lines": LINES}


def read_line_table(section: Section, mapping: dict[str, str], schedule: str) -> pl.DataFrame:
    """The header (two rows under 单位代码), then one record per row, each cell read by its column's kind."""
    rows = [row for row in section.rows() if not is_column_numbering(row.cells)]
    if not rows or squash(rows[0].cells[0]) != "单位代码":
        raise IngestError("no header row starting with 单位代码", line=section.first_line, schedule=schedule)
    header = rows[:2]
    keys = column_keys(header_paths(header), mapping, line=header[0].number, schedule=schedule, unit_suffix="_yuan")
    if "unit_name" not in keys:
        raise IngestError("the header has no 单位名称 column", line=header[0].number, schedule=schedule)
    records = []
    for row in rows[2:]:
        cells = dict(zip(keys, fit(row, len(keys), schedule), strict=True))
        flag = cells.get("includes_procurement", "").strip()
        if flag not in _YES_NO:
            raise IngestError(f"是否包含政府采购 should be 是 or 否, not {flag!r}", line=row.number, schedule=schedule)
        code, name = _unit(row, cells["unit_code"], cells["unit_name"], schedule)
        record = {
            "unit_code": code or None,
            "unit_name": name,
            "row_level": "line" if cells.get("project", "").strip() else unit_level(code, name),
            "includes_procurement": _YES_NO[flag],
            "source_lines": [row.number],
        }
        for key in mapping.values():
            cell = cells.get(key, "")
            if key in LINE_AMOUNTS:
                record[key] = parse_money(cell, line=row.number, schedule=schedule, column=key)
            elif key in LINE_CODED:
                code_printed, name_printed = split_bracket_code(cell)
                record |= {f"{key}_code": code_printed, f"{key}_name": name_printed or None}
            elif key not in record:  # the unit's columns and the 是/否 flag are read above
                record[TEXT_COLUMNS.get(key, key)] = clean_text(cell) or None
        record["category"] = CATEGORY.get((record.get("item_code") or " ")[0])
        records.append(record)
    return frame(records, line_schema(mapping))
