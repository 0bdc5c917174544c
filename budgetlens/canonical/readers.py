"""One reader per kind of table, shared by every template: printed table -> canonical rows.

- coded: rows keyed by a function or economic code (whole, or split over 类/款/项 columns) with a name
  and amount columns; also income tables keyed by labels (a label tree: 一般公共预算资金 / 小计).
- two_sided: a summary with income on the left and expenditure on the right, each a label column
  followed by its amount columns (收支总表, 财政拨款收支总表).
- single_row: one row of amounts under a header of named parts (三公; a 支出总表 printed as one row).
- raw: kept as printed (printed_cells), with a warning; never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from budgetlens.canonical import templates
from budgetlens.canonical.headings import measure_of
from budgetlens.canonical.model import (
    PROJECT_FROM_PREVIOUS_PAGE,
    PROJECT_FROM_ROW_ABOVE,
    PROJECT_IN_MERGED_CELL,
    PROJECT_PRINTED,
)
from budgetlens.ingest.cells import code_level, parent_code
from budgetlens.ingest.indicators import parse_value
from budgetlens.money import to_wan
from budgetlens.pdf.tables import AMOUNT, CODE, EMPTY_TABLE_MARKS, PrintedCell, PrintedTable
from budgetlens.years import YEAR_WRITTEN

# Which canonical table a coded table's rows go to, by its kind (any other kind: expenditure by function).
CODED_TARGETS = {
    "income": "income_by_source",
    "basic_by_economic": "basic_by_economic",
    "operating_expenses": "operating_expenses",
}
DASHES = {"-", "—", "－", "--", "——", "/"}
NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\(\s*[一二三四五六七八九十]+\s*\)|\d+[.．、](?!\d))"
)
LEVEL_ONE = re.compile(r"^\s*[一二三四五六七八九十]+、")
NUMBER_PRINTED = re.compile(
    r"^\s*(附表\s*\d+(?:-\d+)?|公开\s*\d+\s*表|表\s*\d+(?:-\d+)?|[一二三四五六七八九十]+、|\d+\s*[.．、](?!\d))"
)
CAPTURED_LABEL = re.compile(r"^(?P<words>[^\d\-]{1,12}?)\s*(?P<amount>-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)$")


@dataclass
class ReadTable:
    kind: str
    scope: str
    reader: str
    status: str
    rows: dict[str, list[dict]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    unit_found: str | None = None  # a unit the reader found inside the table (a form's 项目资金（元）)
    # warning -> (page, box) of the row it is about, where it is about one row (else the table's title is shown)
    warned_at: dict[str, tuple[int, tuple[float, float, float, float]]] = field(default_factory=dict)


# Digits with separators that no amount is printed as (a separator lost or doubled: "31,214,20580"): a number
# misprinted or misread, which leaves its column a column of amounts (the cell itself is warned, not read).
MISPRINTED_NUMBER = re.compile(r"-?[0-9][0-9,.]*[0-9]")


def provenance(cell: PrintedCell) -> dict:
    return {"page": cell.page, "box": list(cell.box), "source_lines": None}


def row_box(row: list[PrintedCell]) -> tuple[float, float, float, float]:
    """The box around a printed row's cells on its first cell's page: what a warning about the row outlines."""
    boxes = [cell.box for cell in row if cell.page == row[0].page]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def parse_amount(text: str) -> tuple[Decimal | None, bool]:
    """(amount, understood). A blank or a dash is no amount but understood; other text is not understood."""
    text = text.strip()
    if not text or text in DASHES:
        return None, True
    if AMOUNT.match(text):
        return Decimal(text.replace(",", "")), True
    return None, False


def number_printed(title: str) -> str | None:
    match = NUMBER_PRINTED.match(title)
    return re.sub(r"\s+", "", match.group(1)) if match else None


def year_of(heading: str, document_year: int) -> int:
    if match := YEAR_WRITTEN.search(heading):
        return int(match.group(1))
    if "上年" in heading:
        return document_year - 1
    return document_year


def recognize_title(text: str) -> tuple[str, str, str]:
    for pattern, kind, reader in templates.TABLE_KINDS:
        if re.search(pattern, text):
            scope = templates.first_match(templates.SCOPES, text) or templates.DEFAULT_SCOPE
            return kind, scope, reader
    return "unknown", templates.DEFAULT_SCOPE, "raw"


# Digits and marks, no word ("2,976,800", OCR's "·2,177,200"): a number, never a row's name.
NUMBER_ONLY = re.compile(r"[\W_]*\d[\d\W_]*")


def _column_is_amount(table: PrintedTable, column: int) -> bool:
    """A column of amounts: some body cell is a number and none is other text."""
    numbers = 0
    for row in table.rows:
        text = row[column].text.strip()
        if not text or text in DASHES or row[column].continued:
            continue
        if AMOUNT.match(text) and not CODE.match(text):
            numbers += 1
        elif AMOUNT.match(text) or MISPRINTED_NUMBER.fullmatch(text):
            continue  # a bare code-like number (decided by the heading below), or one grouped wrong ("31,214,20580")
        else:
            return False
    return numbers > 0 or bool(measure_of(table.columns[column]))


def _amount_row(base: dict, cell: PrintedCell, heading: str, unit: str, year: int, warnings: list[str]) -> dict:
    amount, understood = parse_amount(cell.text)
    if not understood and (captured := CAPTURED_LABEL.match(cell.text.strip())):
        # A cell that caught a word with its number ("合计 1,234.00"): the number is the amount, the word said.
        amount, understood = parse_amount(captured.group("amount"))
        warnings.append(
            f"page {cell.page}: {cell.text!r} under {heading!r} holds {captured.group('words')!r} beside its "
            f"amount; the amount read as {captured.group('amount')}"
        )
    if not understood:
        box = [round(v, 1) for v in cell.box]
        warnings.append(
            f"page {cell.page}: {cell.text!r} under {heading!r} at box {box} is not an amount; kept as printed"
        )
    return {
        **base,
        "measure_printed": heading,
        "year": year,
        "amount_wan": to_wan(amount, unit) if amount is not None else None,
        "amount_printed": cell.text,
        "unit_printed": unit,
        **provenance(cell),
    }


def _amounts(
    base: dict,
    row: list[PrintedCell],
    at: list[int],
    table: PrintedTable,
    unit: str,
    year: int,
    warned: list,
    unnamed: str = "total",
) -> list:
    """The row's amount cells in the columns `at`, each under the measure its heading names (else `unnamed`: a
    coded table's column that names none is "other", and said)."""
    found = []
    for j in at:
        heading = table.columns[j]
        measure = measure_of(heading) or unnamed
        if measure == "other":
            warned.append(f"{table.title}: column {heading!r} is not a known measure; kept as 'other'")
        found.append(_amount_row({**base, "measure": measure}, row[j], heading, unit, year_of(heading, year), warned))
    return found


def _code_parts_in_first_row(table: PrintedTable) -> dict[int, int]:
    """类 | 款 | 项 printed in the first body row under a code heading (a header band the grid merged with the
    合计 row beside it): column -> part, or {} when the first row does not print all three."""
    if not table.rows:
        return {}
    found = {
        j: templates.CODE_PARTS[cell.text.strip()]
        for j, cell in enumerate(table.rows[0])
        if cell.text.strip() in templates.CODE_PARTS and re.search(templates.CODE_WHOLE, table.columns[j])
    }
    return found if sorted(found.values()) == [0, 1, 2] else {}


def _halves(table: PrintedTable) -> list[tuple[int, int]]:
    """Column ranges of code | name | amount halves printed side by side on one grid row (the economic table of
    基本支出: 301/303 on the left, 302/310 on the right): a new half starts where a code column follows an
    amount column. One range when the table is not printed in halves."""
    columns = table.columns
    last = [c.split("/")[-1] for c in columns]
    starts = [0]
    seen_amount = False
    for j, heading in enumerate(columns):
        is_code = bool(re.search(templates.CODE_WHOLE, heading)) and (
            last[j] not in templates.CODE_PARTS or templates.CODE_PARTS[last[j]] == 0
        )
        if is_code and seen_amount and j > starts[-1]:
            starts.append(j)
            seen_amount = False
        elif not is_code and not re.search(templates.NAME_COLUMN, last[j]) and last[j] not in templates.CODE_PARTS:
            seen_amount = seen_amount or _column_is_amount(table, j)
    return [(a, b) for a, b in zip(starts, [*starts[1:], len(columns)], strict=True)]


def read_coded(table: PrintedTable, table_id: str, kind: str, scope: str, year: int, unit: str) -> ReadTable:
    halves = _halves(table)
    if len(halves) > 1:
        # Each half read as its own table; its rows numbered after the previous half's, in reading order.
        result = ReadTable(kind, scope, "coded", "read")
        for number, (first, stop) in enumerate(halves):
            half = replace(table, columns=table.columns[first:stop], rows=[row[first:stop] for row in table.rows])
            read = read_coded_half(half, table_id, kind, scope, year, unit)
            if read.status != "read":
                return read
            for name, rows in read.rows.items():
                for row in rows:
                    row["row"] += number * len(table.rows)
                result.rows.setdefault(name, []).extend(rows)
            result.warnings += read.warnings
            result.warned_at |= read.warned_at
        return result
    return read_coded_half(table, table_id, kind, scope, year, unit)


def _sub_headings_in_first_row(table: PrintedTable) -> PrintedTable:
    """A 合计 row whose other cells print column words (合计 | 基本支出 | 项目支出 under 本年支出): the last header
    band, which the grid took for the first body row. Its words join the column names; the row keeps its 合计."""
    if not table.rows:
        return table
    first = table.rows[0]
    words = {
        j: cell.text.strip()
        for j, cell in enumerate(first)
        if cell.text.strip()
        and not cell.continued
        and not AMOUNT.match(cell.text.strip())
        and measure_of(cell.text.strip())
        and not re.search(templates.CODE_WHOLE + "|" + templates.NAME_COLUMN, table.columns[j])
    }
    labels = [c.text.strip() for j, c in enumerate(first) if j not in words and c.text.strip()]
    if len(words) < 2 or not any(re.match(templates.TOTAL_ROW, label) for label in labels):
        return table
    columns = [f"{name}/{words[j]}" if j in words else name for j, name in enumerate(table.columns)]
    cleared = [replace(cell, text="") if j in words else cell for j, cell in enumerate(first)]
    return replace(table, columns=columns, rows=[cleared, *table.rows[1:]])


def read_coded_half(table: PrintedTable, table_id: str, kind: str, scope: str, year: int, unit: str) -> ReadTable:
    table = _sub_headings_in_first_row(table)
    result = ReadTable(kind, scope, "coded", "read")
    columns = table.columns
    last = [c.split("/")[-1] for c in columns]
    part_columns = {j: templates.CODE_PARTS[name] for j, name in enumerate(last) if name in templates.CODE_PARTS}
    parts_in_body = _code_parts_in_first_row(table) if not part_columns else {}
    part_columns = part_columns or parts_in_body
    whole = [j for j, c in enumerate(columns) if re.search(templates.CODE_WHOLE, c) and j not in part_columns]
    names = [j for j, c in enumerate(columns) if re.search(templates.NAME_COLUMN, last[j]) and j not in part_columns]
    for j in [j for j in whole if j in names]:
        # A heading that names both (one header cell over 编码 and 名称, its rule between them unread on a scan):
        # the column's own cells say which it is.
        (names if _holds_codes(table, j) else whole).remove(j)
    amounts = [
        j
        for j in range(len(columns))
        if j not in part_columns and j not in whole and j not in names and _column_is_amount(table, j)
    ]
    labels = [j for j in range(len(columns)) if j not in amounts and j not in part_columns and j not in whole]
    if not amounts:
        result.status, result.reader = "kept_raw", "raw"
        result.warnings.append(f"{table.title or table_id}: no amount columns recognized; kept as printed")
        return result
    target = CODED_TARGETS.get(kind, "expenditure_by_function")
    rows: list[dict] = []
    class_part = ""
    for index, row in enumerate(table.rows):
        printed: list[str] = []
        code = None
        if part_columns:
            parts = ["", "", ""]
            for j, position in part_columns.items():
                parts[position] = row[j].text.strip()
            if index == 0 and parts_in_body:
                parts = ["", "", ""]  # the 类 | 款 | 项 labels, printed in the first row beside its 合计
            printed = [p for p in parts if p]
            if parts[0]:
                class_part = parts[0]
            elif parts[1] and class_part:
                parts[0] = class_part  # the 类 left blank under its first row
            if parts[0] and re.fullmatch(r"\d{3}", parts[0]):
                code = parts[0] + "".join(p.zfill(2) for p in parts[1:] if p)
        elif whole:
            text = row[whole[0]].text.strip()
            printed = [text] if text else []
            code = text if CODE.match(text) else None
        label_parts: list[str] = []
        for j in labels:
            text = row[j].text.strip()
            if j not in names and NUMBER_ONLY.fullmatch(text) and not CODE.match(text):
                continue  # a number in a column of amounts one misread cell made labels: never the row's name
            if text and (not label_parts or label_parts[-1] != text):
                label_parts.append(text)
        if not code and printed and not label_parts:
            label_parts = printed  # a 合计 printed in the code column
        label = "/".join(label_parts)
        if not code and not label and all(not row[j].text.strip() for j in amounts):
            continue  # an empty ruled row
        if label in EMPTY_TABLE_MARKS:
            continue  # 此表为空: said again in table_notes
        if code:
            level, parent = code_level(code), parent_code(code)
        elif any(re.match(templates.TOTAL_ROW, part) for part in label_parts[:1] + label_parts[-1:]):
            level, parent = 0, None
        else:
            level, parent = None, None
        if not code and level is None and kind == "income" and label_parts:
            level = len(label_parts) if not re.search(templates.SUBTOTAL_ROW, label_parts[-1]) else len(label_parts) - 1
        if code and printed and any(len(p) == 1 for p in printed[1:]):
            warning = f"page {row[0].page}: code part printed as {printed}; joined as {code}"
            result.warnings.append(warning)
            result.warned_at[warning] = (row[0].page, row_box(row))
        base = {
            "table_id": table_id,
            "scope": scope,
            "row": index,
            "code": code,
            "code_printed": printed or None,
            "name": label_parts[-1] if label_parts else None,
            "level": level,
            "parent_code": parent,
            "label": label or None,
        }
        if kind == "income" and not code and level is not None and level > 0:
            base["name"] = label_parts[0] if re.search(templates.SUBTOTAL_ROW, label_parts[-1]) else label_parts[-1]
            base["source"] = templates.first_match(templates.MEASURES, label)
        for record in _amounts(base, row, amounts, table, unit, year, result.warnings, unnamed="other"):
            if kind == "income" and (code is not None or level == 0):
                record["source"] = record["measure"]
            rows.append(record)
    result.rows[target] = rows
    result.warnings += _names_not_read(table, rows)
    result.warnings = sorted(set(result.warnings), key=result.warnings.index)
    return result


def _holds_codes(table: PrintedTable, column: int) -> bool:
    """Whether most of a column's printed body cells are codes (201, 20101, 2010101)."""
    texts = [row[column].text.strip() for row in table.rows if not row[column].continued and row[column].text.strip()]
    return sum(1 for text in texts if CODE.match(text)) * 2 > len(texts)


def _names_not_read(table: PrintedTable, rows: list[dict]) -> list[str]:
    """One warning per page whose coded rows were read with their code but no name: a name is never left out
    silently (a scan's name column lost to OCR or to a column the reader did not find)."""
    unnamed: dict[int, list[str]] = {}
    for row in rows:
        if row["code"] and not row["name"] and row["code"] not in unnamed.get(row["page"], []):
            unnamed.setdefault(row["page"], []).append(row["code"])
    return [
        f"page {page}: {len(codes)} coded rows read with no name ({', '.join(codes[:3])}"
        f"{', …' if len(codes) > 3 else ''}); their names were not read"
        for page, codes in unnamed.items()
    ]


def read_two_sided(table: PrintedTable, table_id: str, kind: str, scope: str, year: int, unit: str) -> ReadTable:
    result = ReadTable(kind, scope, "two_sided", "read")
    columns = table.columns
    is_amount = [_column_is_amount(table, j) for j in range(len(columns))]
    groups: list[tuple[int, list[int]]] = []
    for j, amount in enumerate(is_amount):
        if not amount:
            groups.append((j, []))
        elif groups:
            groups[-1][1].append(j)
    rows: list[dict] = []
    for group_number, (label_column, amount_columns) in enumerate(groups):
        heading = columns[label_column]
        group = "/".join(heading.split("/")[:-1]) or heading
        unnamed = "income" if group_number == 0 else "expenditure"  # a group whose heading names neither side
        side = "income" if "收入" in group else "expenditure" if "支出" in group else unnamed
        for index, row in enumerate(table.rows):
            cell = row[label_column]
            label = cell.text.strip()
            if cell.continued and not label:
                # The label cell spans from the left (当年支出小计 over two groups): the label is the spanning one's.
                label = next((c.text.strip() for c in reversed(row[:label_column]) if not c.continued), "")
            live_amounts = [j for j in amount_columns if not row[j].continued]
            if not live_amounts or (not label and all(not row[j].text.strip() for j in live_amounts)):
                continue
            if re.search(templates.TOTAL_ROW, label) or re.search(r"合计|总计", label):
                row_kind, level = "total", 0
            elif re.search(templates.SUBTOTAL_ROW, label):
                row_kind, level = "subtotal", 0
            elif re.search(templates.CARRYOVER_ROW, label) and not LEVEL_ONE.match(label):
                row_kind, level = "carryover", 0
            else:
                row_kind, level = "item", 1 if LEVEL_ONE.match(label) else 2 if NUMBERING.match(label) else 1
            base = {
                "table_id": table_id,
                "scope": scope,
                "row": index,
                "side": side,
                "group": group,
                "label": label,
                "name": NUMBERING.sub("", label).strip(),
                "level": level,
                "row_kind": row_kind,
            }
            rows += _amounts(base, row, live_amounts, table, unit, year, result.warnings)
    result.rows["summary_lines"] = rows
    return result


def read_single_row(table: PrintedTable, table_id: str, kind: str, scope: str, year: int, unit: str) -> ReadTable:
    result = ReadTable(kind, scope, "single_row", "read")
    rows: list[dict] = []
    for index, row in enumerate(table.rows):
        if not any(AMOUNT.match(c.text.strip()) for c in row):
            continue
        row_label = next((c.text for c in row if c.text and not AMOUNT.match(c.text.strip())), "")
        for j, cell in enumerate(row):
            heading = table.columns[j]
            if cell.continued or (cell.text and not AMOUNT.match(cell.text.strip()) and cell.text not in DASHES):
                continue
            item_heading = re.sub(templates.THREE_PUBLIC_BASIS_PART, "", heading)  # 决算: …/预算数 | …/决算数
            matches = (entry[1:] for entry in templates.THREE_PUBLIC_ITEMS if re.search(entry[0], item_heading))
            item, parent = next(matches, (None, None))
            if item is None:
                result.warnings.append(f"{table.title}: column {heading!r} is not a known 三公 part; kept as 'other'")
                item = "other"
            base = {"table_id": table_id, "item": item, "parent_item": parent, "measure": "total", "row": index}
            rows.append(_amount_row(base, cell, heading, unit, year_of(row_label or heading, year), result.warnings))
    result.rows["three_public"] = rows
    if not rows:
        result.status = "kept_raw"
        result.warnings.append(f"{table.title}: no row of amounts found; kept as printed")
    return result


def _label_field(text: str, fields: list[tuple[str, str]]) -> str | None:
    return templates.first_match(fields, re.sub(r"\s+", "", text))


_TARGET_IN_FORM = re.compile(r"^(?P<equal>[=＝])?(?P<value>.*?)(?:[(（](?P<unit>[^()（）]{1,6})[)）])?$")


def parse_target(text: str | None) -> dict:
    """A form's 指标值 read as a quantity: "≥13459.00(平方米)" -> ≥, 13459.00, 平方米; "=100.00(%)" -> =, 100.00, %;
    text that is not a quantity (满意度, 合规) has no parsed parts."""
    match = _TARGET_IN_FORM.match(re.sub(r"\s+", "", text or ""))
    parsed = parse_value(match.group("value") + (match.group("unit") or "")) if match else parse_value(None)
    comparator = "=" if match and match.group("equal") and parsed.number is not None else parsed.comparator
    return {
        "target_comparator": comparator,
        "target_number": parsed.number,
        "target_number_max": parsed.number_max,
        "target_unit": parsed.unit,
    }


def read_form(table: PrintedTable, table_id: str, kind: str, scope: str, year: int, unit: str) -> ReadTable:
    """A performance form: labelled fields, money fields and an indicator grid (一级/二级/三级指标, 指标值)."""
    result = ReadTable(kind, scope, "form", "read")
    rows = table.all_rows
    project: dict = {"table_id": table_id}
    money: list[dict] = []
    indicators: list[dict] = []
    money_unit = unit
    seen_money: dict[str, int] = {}
    indicator_columns: dict[str, int] | None = None
    carried: dict[str, str] = {}
    for index, row in enumerate(rows):
        cells = [(j, c) for j, c in enumerate(row) if not c.continued]  # a merged cell is read where it starts
        if indicator_columns is not None:
            values = {field: row[j] for field, j in indicator_columns.items()}
            for field in ("level1", "level2"):
                if values[field].text:
                    carried[field] = values[field].text
            if values["name"].text and not values["name"].continued:
                indicators.append(
                    {
                        "table_id": table_id,
                        "level1": carried.get("level1"),
                        "level2": carried.get("level2"),
                        "name": values["name"].text,
                        "target": values["target"].text or None,
                        **parse_target(values["target"].text),
                        **provenance(values["name"]),
                    }
                )
            continue
        headings = {
            field: j for j, c in cells for label, field in templates.INDICATOR_HEADINGS.items() if label in c.text
        }
        if {"level1", "name", "target"} <= set(headings):
            headings.setdefault("level2", headings["level1"])
            indicator_columns = headings
            continue
        for position, (j, cell) in enumerate(cells):
            if match := re.search(templates.FORM_UNIT, cell.text):
                money_unit = result.unit_found = match.group(1)  # printed in the form: 项目资金（元）
            field = _label_field(cell.text, templates.FORM_FIELDS)
            money_field = _label_field(cell.text, templates.FORM_MONEY)
            if field is None and money_field is None:
                continue
            value = cells[position + 1][1] if position + 1 < len(cells) else None
            value_is_label = value is not None and (
                _label_field(value.text, templates.FORM_FIELDS) or _label_field(value.text, templates.FORM_MONEY)
            )
            if field is not None:
                if value is None or value_is_label or not value.text:
                    below = rows[index + 1][j] if index + 1 < len(rows) else None
                    value = below if below is not None and below.text else None
                if value is not None and field not in project:
                    project[field] = value.text
                    if field == "project":
                        project.update(provenance(value))
                continue
            if value is None or value_is_label:
                continue
            names = money_field.split("|")
            seen_money[money_field] = seen_money.get(money_field, 0) + 1
            name = names[min(seen_money[money_field], len(names)) - 1]
            base = {"table_id": table_id, "project": None, "item": name, "measure": "total"}
            money.append(_amount_row(base, value, cell.text, money_unit, year, result.warnings))
    for row in [*money, *indicators]:
        row["project"] = project.get("project")
    result.rows["projects"] = [project] if project.get("project") else []
    result.rows["project_funds"] = money
    result.rows["performance_indicators"] = indicators
    if not project.get("project"):
        result.status = "kept_raw"
        result.warnings.append(f"{table.title or table_id}: no 项目名称 found in the form; kept as printed")
    return result


def _row_numbers(row: list[PrintedCell], qualifiers: dict[int, str], unit: str) -> dict:
    """A listing row's quantity, unit price and SME amounts (templates.PROCUREMENT_ROW_NUMBERS): money in 万元, the
    quantity as printed; a blank cell or one that is not a number stays null."""
    found: dict = {}
    for j, column in qualifiers.items():
        number, understood = parse_amount(row[j].text)
        if number is None or not understood:
            continue
        found[column] = number if column == "quantity" else to_wan(number, unit)
    return found


def _carried(level: int, row: list[PrintedCell], column: int | None, above: tuple[str, int] | None) -> tuple:
    """(value, source, above for the next row): what a listing row's cell in `column` says, or carries down from
    above, and how that is known (None: the listing has no such column). A listing prints a project's name (or an
    economic class) once, on its first row or in a cell merged over several rows, and leaves the cell of the rows
    that continue it blank, also at the top of a page the table continues on; a summary row (合计, 一、货物) belongs
    to none and closes the one above it. `above`: the nearest value printed above this row since the last summary
    row, and its page."""
    if level < 2:
        return None, None, None
    if column is None:
        return None, None, above
    cell, page = row[column], row[0].page
    if cell.text:
        return cell.text, PROJECT_IN_MERGED_CELL if cell.continued else PROJECT_PRINTED, (cell.text, page)
    if above is None:
        return None, None, None  # blank, with nothing above to continue
    value, printed_on = above
    return value, PROJECT_FROM_ROW_ABOVE if printed_on == page else PROJECT_FROM_PREVIOUS_PAGE, above


def read_listing(table: PrintedTable, table_id: str, kind: str, scope: str, year: int, unit: str) -> ReadTable:
    """A listing (政府采购支出预算表): label columns named by their headings, and amount columns. A row whose
    project cell is blank continues the project printed above it (_carried): `project` keeps the cell as
    printed, `project_belongs_to` and `project_source` say which project the row belongs to and how we know."""
    result = ReadTable(kind, scope, "listing", "read")
    amounts = [j for j in range(len(table.columns)) if _column_is_amount(table, j)]
    fields = {
        j: templates.first_match(templates.PROCUREMENT_FIELDS, heading)
        for j, heading in enumerate(table.columns)
        if j not in amounts
    }
    qualifiers = {
        j: column
        for j in amounts
        if (column := templates.first_match(templates.PROCUREMENT_ROW_NUMBERS, table.columns[j])) is not None
    }
    amounts = [j for j in amounts if j not in qualifiers]
    # the project and economic columns (the last one so named, as `labels` reads it)
    project_column = max((j for j, field in fields.items() if field == "project"), default=None)
    economic_column = max((j for j, field in fields.items() if field == "economic"), default=None)
    rows: list[dict] = []
    above: tuple[str, int] | None = None  # the project printed above the row (name, page), since the last summary row
    class_above: tuple[str, int] | None = None  # the economic class printed above the row, likewise
    for index, row in enumerate(table.rows):
        labels = {field: row[j].text or None for j, field in fields.items() if field}
        if not any(labels.values()) and all(not row[j].text for j in amounts):
            continue
        first = next((c.text for c in row if c.text), "")
        level = 0 if re.match(templates.TOTAL_ROW, first) else 1 if LEVEL_ONE.match(first) else 2
        project, project_source, above = _carried(level, row, project_column, above)
        if project_source == PROJECT_PRINTED:
            class_above = None  # a new project's rows do not continue another project's class
        economic, economic_source, class_above = _carried(level, row, economic_column, class_above)
        base = {
            "table_id": table_id,
            "row": index,
            "level": level,
            **{field: labels.get(field) for _, field in templates.PROCUREMENT_FIELDS},
            "project_belongs_to": project,
            "project_source": project_source,
            "economic_belongs_to": economic,
            "economic_source": economic_source,
            **_row_numbers(row, qualifiers, unit),
        }
        rows += _amounts(base, row, amounts, table, unit, year, result.warnings)
    result.rows["procurement"] = rows
    return result


def unit_fields(table: PrintedTable) -> list[str | None] | None:
    """Each column's field where the table names units and prints no amount (序号 | 单位名称 | 备注): a units
    listing, whatever its title; None for any other table."""
    fields = [templates.first_match(templates.UNIT_LIST_FIELDS, heading or "") for heading in table.columns]
    amounts = any(_column_is_amount(table, j) for j, field in enumerate(fields) if field != "seq_printed")
    return fields if "name" in fields and table.rows and not amounts else None


def read_units(table: PrintedTable, table_id: str, kind: str, scope: str, year: int, unit: str) -> ReadTable:
    """A units listing (单位构成): one row per unit named, with its 序号 and 备注 as printed and its name cell's place.
    A table with no 单位名称 column, or with an amount, is not a listing of units: kept as printed."""
    fields = unit_fields(table)
    if fields is None:
        raise ValueError("no 单位名称 column, or a column of amounts: not a listing of units")
    name_column = fields.index("name")
    result = ReadTable(kind, scope, "units", "read")
    rows = []
    for index, row in enumerate(table.rows):
        name = row[name_column]
        if not name.text or row[name_column].continued:
            continue
        printed = {field: row[j].text or None for j, field in enumerate(fields) if field in ("seq_printed", "note")}
        rows.append({"table_id": table_id, "row": index, "name": name.text, **printed, **provenance(name)})
    result.rows["unit_list"] = rows
    return result


READERS = {
    "units": read_units,
    "coded": read_coded,
    "two_sided": read_two_sided,
    "single_row": read_single_row,
    "form": read_form,
    "listing": read_listing,
}


def unit_in_header(table: PrintedTable) -> str | None:
    """A unit printed in the table's title or header cells (金额（元）) where no 单位： line stands above it."""
    for text in [table.title, *table.columns]:
        if match := re.search(templates.UNIT_IN_HEADER, text or ""):
            return match.group(1)
    return None


def basis_of(heading: str | None, stage: str) -> str:
    """What an amount is of: every amount of a 预算 is "budget"; a 决算's by its column heading (年初预算,
    全年预算, 预算数, 决算数), and "actual" where the heading names none (合计 / 基本支出 of a 决算 table)."""
    if stage != "决算":
        return templates.BASIS_OF_BUDGET
    words = re.sub(templates.BASIS_IGNORED, "", heading or "")
    return templates.first_match(templates.BASES, words) or templates.BASIS_OF_FINAL_ACCOUNTS


def read_table(
    table: PrintedTable, table_id: str, document_year: int, stage: str = "预算", *, unit: str | None = None
) -> ReadTable:
    """`unit` overrides the printed one (a unit inferred where none is printed; said in a reading warning)."""
    kind, scope, reader = recognize_title(table.title or "/".join(table.columns))  # a title, else the header
    if kind == "unknown" and unit_fields(table):
        kind, scope, reader = "units", templates.DEFAULT_SCOPE, "units"
    inferred = unit is not None
    printed_unit = table.unit or unit_in_header(table)
    unit = unit or printed_unit or "万元"
    if reader == "raw":
        read = ReadTable(kind, scope, "raw", "kept_raw")
        read.warnings.append(f"{table.title or table_id}: a {kind} table, kept as printed (not interpreted yet)")
    else:
        try:
            read = READERS[reader](table, table_id, kind, scope, document_year, unit)
        except (ArithmeticError, IndexError, KeyError, ValueError) as err:
            # One table this reader gets wrong must not cost the document: kept as printed, and said.
            read = ReadTable(kind, scope, reader, "kept_raw")
            read.warnings.append(
                f"{table.title or table_id}: could not be read ({type(err).__name__}: {err}); kept as printed"
            )
    amounts_read = read.reader != "units"  # a listing of units prints no amount, so no unit either
    if read.status == "read" and amounts_read and not inferred and not (printed_unit or read.unit_found):
        read.warnings.append(f"{table.title or table_id}: no unit printed above the table; read as {unit}")
    for table_rows in read.rows.values():
        for row in table_rows:
            if "amount_printed" in row and row.get("basis") is None:
                row["basis"] = basis_of(row.get("measure_printed"), stage)
    read.warnings = table.warnings + read.warnings
    return read
