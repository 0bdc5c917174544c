"""The template's schedules (附表1-1 … 1-14 of the text export's template), found in the canonical tables by kind.

The rules written for that template name each schedule by its number: their results say "附表1-3 20601 科学技术管理
事务 合计". They read the canonical tables only, through these accessors. A schedule is found by what it is — the
kind and scope of table the template's number stands for (附表1-5 is the 一般公共预算 expenditure table by function,
`TEMPLATE`) — not by the number a document prints. Its rows are the canonical rows of that table, one record per
printed row with each measure's amount under the measure's name, where the table is in the template's form (the
document numbers it as the template does); a table of the same kind in another template's form is checked by the
general rules (checks/canonical.py), so a rule they cover adds no row there (`covered`), and a rule nothing else
covers says once that it was not checked (`unchecked`). A document that prints no table of the kind at all gets one
"not applicable" row per rule, naming the table it lacks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import polars as pl

from budgetlens.checks.model import Rule, Side, not_applicable, single
from budgetlens.money import YUAN_PER_WAN

Tables = dict[str, pl.DataFrame]
KIND_TABLES = {  # the canonical table a schedule's rows are in, by the schedule's kind
    "expenditure": "expenditure_by_function",
    "expenditure_by_function": "expenditure_by_function",
    "basic_by_economic": "basic_by_economic",
    "summary": "summary_lines",
    "fiscal_summary": "summary_lines",
    "income": "income_by_source",
    "three_public": "three_public",
    "procurement": "procurement",
    "purchased_services": "purchased_services",
}
LISTING_KEYS = (
    "level",
    "unit_code",
    "unit_name",
    "project",
    "project_listed",
    "project_listed_code",
    "basic_expenditure",
    "item",
    "service_content",
    "includes_procurement",
    "quantity",
)
LISTING_AMOUNTS = ("amount", "sme_amount", "micro_amount", "unit_price")  # a listing's amounts, in 万元 as `<name>_wan`
ROW_KEYS = ("code", "name", "level")  # what a record of a coded table (or 1-2) keeps of its row


# template number -> (the kind of table, the scopes it may have, first the template's own; what it is, in words)
TEMPLATE: dict[str, tuple[str, tuple[str, ...], str]] = {
    "1-1": ("summary", ("all",), "收支总表"),
    "1-2": ("income", ("all",), "收入总表"),
    "1-3": ("expenditure", ("all",), "支出总表"),
    "1-4": ("fiscal_summary", ("fiscal",), "财政拨款收支总表"),
    "1-5": ("expenditure_by_function", ("general_budget",), "一般公共预算支出表（按功能分类）"),
    "1-6": ("basic_by_economic", ("general_budget",), "一般公共预算基本支出表（按经济分类）"),
    "1-7": ("three_public", ("fiscal", "general_budget", "all"), "“三公”经费表"),
    "1-11": ("procurement", ("all",), "政府采购表"),
    "1-12": ("purchased_services", ("all",), "政府购买服务表"),
    "1-14": ("project_form", (), "项目表（项目资金）"),
}
CHECKED = ("1-1", "1-2", "1-3", "1-4", "1-5", "1-6", "1-7", "1-11", "1-12")  # the schedules within/across check


def schedule(tables: Tables, number: str) -> dict | None:
    """The read table of the kind the template numbers 附表`number` (its `schedules` row), found by kind and scope
    (附表1-14: the first table holding project forms' funds); None if the document prints no such table."""
    kind, scopes, _ = TEMPLATE[number]
    if kind != "project_form":
        return by_kind(tables, kind, scopes, any_scope=False)
    listed, funds = tables.get("schedules"), tables.get("project_funds")
    if listed is None or listed.is_empty() or funds is None:
        return None
    holding = funds["table_id"].unique(maintain_order=True).to_list()
    found = listed.filter(pl.col("status") == "read", pl.col("table_id").is_in(holding))
    return found.row(0, named=True) if found.height else None


def template_schedule(tables: Tables, number: str) -> dict | None:
    """The table of 附表`number`'s kind where the document prints it in the template's form (numbers it 附表`number`:
    its rows have the template's form, 1-2 by department and unit, 1-11 by unit and project …); else None."""
    found = schedule(tables, number)
    in_form = found is not None and (found.get("number_printed") or "").replace(" ", "") == f"附表{number}"
    return found if in_form else None


def template_cells(tables: Tables, number: str) -> pl.DataFrame | None:
    """The canonical rows of 附表`number` where the document prints it in the template's form (`template_schedule`),
    one per printed cell; else None."""
    found = template_schedule(tables, number)
    name = None if found is None else KIND_TABLES.get(found["kind"])
    if name is None or name not in tables:
        return None
    return tables[name].filter(pl.col("table_id") == found["table_id"])


def records(tables: Tables, number: str) -> list[dict] | None:
    """The rows of 附表`number` in printed order, one record per row: its keys (code, name, level for a coded
    table; side, label, name, level, row_kind and the level-1 item above it as `parent_name` for a summary) and each
    measure's amount (`record["basic"]`), with the row's lines; a 三公 table's canonical rows (one per item)."""
    cells = template_cells(tables, number)
    if cells is None:
        return None
    name = KIND_TABLES[TEMPLATE[number][0]]
    if name == "summary_lines":
        return _summary_records(cells)
    if name in ("procurement", "purchased_services"):
        return _listing_records(cells)
    if name == "three_public":
        return cells.to_dicts()
    by_row: dict[int, dict] = {}
    for row in cells.iter_rows(named=True):
        record = by_row.setdefault(
            row["row"],
            {**{key: row[key] for key in ROW_KEYS}, "source_lines": list(row["source_lines"] or []), "columns": []},
        )
        column = income_column(row) if name == "income_by_source" else row["measure"]
        record[column] = row["amount_wan"]
        record["columns"].append(column)
    return [by_row[index] for index in sorted(by_row)]


def income_column(cell: dict) -> str:
    """An income table's column by what it holds: total, current_total (本年收入小计), current_<source>,
    carryover_total (上年结转小计), carryover_<source>; a column no template names keeps its printed key."""
    measure, source = cell["measure"], cell.get("source")
    if measure == "total":
        return "total"
    if measure == "income_current":
        return "current_total"
    if measure == "carryover":
        return "carryover_total" if source in (None, "carryover") else f"carryover_{source}"
    if measure == "other" or not source:
        return (cell.get("measure_printed") or measure).removesuffix("_wan")
    return f"current_{source}"


def _yuan(wan):
    return None if wan is None else wan * YUAN_PER_WAN


def _listing_records(cells: pl.DataFrame) -> list[dict]:
    """A listing's rows in printed order, amounts back in 元 as the listing prints them (exact: 万元 × 10,000);
    `is_line` for a line (procurement: an item; services: level 2), else a summary row (合计, a group, a unit)."""
    out = []
    for row in cells.filter(pl.col("measure") == "total").sort("row").iter_rows(named=True):
        record = {key: row.get(key) for key in LISTING_KEYS} | {
            **{f"{amount}_yuan": _yuan(row.get(f"{amount}_wan")) for amount in LISTING_AMOUNTS},
            "source_lines": list(row["source_lines"] or []),
        }
        record["is_line"] = row["level"] == 2 and ("item" not in cells.columns or row.get("item") is not None)
        out.append(record)
    return out


def _summary_records(cells: pl.DataFrame) -> list[dict]:
    out = []
    above: dict[str, str | None] = {}  # side -> the last level-1 item printed on it
    for row in cells.sort("row").iter_rows(named=True):
        record = {key: row[key] for key in ("side", "label", "name", "level", "row_kind", "amount_wan")} | {
            "source_lines": list(row["source_lines"] or [])
        }
        record["parent_name"] = above.get(row["side"]) if row["level"] == 2 else None
        if row["level"] == 1:
            above[row["side"]] = row["name"]
        out.append(record)
    return out


def where(records_: list[dict], **equal) -> list[dict]:
    return [record for record in records_ if all(record.get(key) == value for key, value in equal.items())]


def only(records_: list[dict], **equal) -> dict | None:
    return single(where(records_, **equal))


def _is_grand_total(record: dict) -> bool:
    return record["row_kind"] == "total" and "总计" in (record["name"] or "")


def subtotal(records_: list[dict], side: str) -> dict | None:
    """A summary side's 本年…合计 (a total that is not the 总计)."""
    return single([r for r in where(records_, side=side, row_kind="total") if not _is_grand_total(r)])


def grand_total(records_: list[dict], side: str) -> dict | None:
    """A summary side's 总计."""
    return single([r for r in where(records_, side=side) if _is_grand_total(r)])


def _not_applicable(rule: Rule, numbers: tuple[str, ...], note: str) -> dict:
    missing = "、".join(f"附表{number}" for number in numbers)
    return not_applicable(rule, note, "（本文件无此表）", Side(missing), schedules=[])  # involves none of its tables


def _lacking(tables: Tables, numbers: tuple[str, ...]) -> list[str]:
    return [TEMPLATE[number][2] for number in numbers if schedule(tables, number) is None]


def covered(tables: Tables, rules: tuple[Rule, ...], numbers: tuple[str, ...], covered_by: str) -> list[dict]:
    """The rows of rules over 附表`numbers` on a document that does not print them in the template's form: none where
    it prints every table of their kinds (`covered_by` names the general rules that check the same identity there);
    else one not-applicable row per rule, naming the tables the document does not print."""
    lacking = _lacking(tables, numbers)
    if not lacking:
        return []
    note = f"本文件没有{'、'.join(lacking)}；{covered_by}"
    return [_not_applicable(rule, numbers, note) for rule in rules]


def unchecked(tables: Tables, rules: tuple[Rule, ...], numbers: tuple[str, ...], form: str) -> list[dict]:
    """One not-applicable row per rule over 附表`numbers` that no general rule covers: the document prints no table
    of their kind, or prints it in another form than the template's (`form` says what the rule needs)."""
    printed = "、".join(TEMPLATE[number][2] for number in numbers)
    note = f"本文件的{printed}不是附表{'、'.join(numbers)}的格式；{form}"
    return covered(tables, rules, numbers, form) or [_not_applicable(rule, numbers, note) for rule in rules]


# --- tables found by what they are, for the rules that run on every document ---------------------------------

SCOPE_ORDER = ("general_budget", "fiscal", "all")  # 一般公共预算 first: the basic-expenditure tables' usual scope
SPENT_FIRST = ("actual", "budget", "budget_full", "budget_initial")  # a 决算's 决算数 before its 预算数


def table_label(schedule_row: dict) -> str:
    """How a result names a table: the template's number where the document numbers it so (附表1-6), else its
    printed title."""
    number = (schedule_row.get("number_printed") or "").replace(" ", "")
    return number if number.startswith("附表") else (schedule_row.get("title") or schedule_row["table_id"])


KIND_WORDS = {"basic_by_economic": "经济分类", "expenditure_by_function": "功能分类", "three_public": "三公"}


def schedule_key(schedule_row: dict) -> str:
    """The table as the checks' schedule filter names it: the template's number (1-6), else what it is (经济分类)."""
    number = (schedule_row.get("number_printed") or "").replace(" ", "")
    return number.removeprefix("附表") if number.startswith("附表") else KIND_WORDS.get(schedule_row["kind"], "")


def involving(row: dict, *schedule_rows: dict) -> dict:
    """A result naming the tables it compares (the rule's own list names the template's)."""
    return {**row, "schedules": [schedule_key(s) for s in schedule_rows]}


def by_kind(tables: Tables, kind: str, scopes: tuple[str, ...] = SCOPE_ORDER, *, any_scope: bool = True) -> dict | None:
    """The first read table of this kind in the scopes' order (`any_scope`: then in any scope), as its `schedules`
    row."""
    listed = tables.get("schedules")
    if listed is None or listed.is_empty():
        return None
    found = listed.filter(pl.col("kind") == kind, pl.col("status") == "read")
    for scope in scopes:
        hit = found.filter(pl.col("scope") == scope)
        if hit.height:
            return hit.row(0, named=True)
    return found.row(0, named=True) if found.height and any_scope else None


def table_total(tables: Tables, name: str, table_id: str, measure: str) -> list[dict]:
    """One coded table's 合计 row (level 0) in one measure, as a list of one ([] where it prints none)."""
    found = tables[name].filter(pl.col("table_id") == table_id, pl.col("level") == 0, pl.col("measure") == measure)
    return found.to_dicts()[:1]


def basis_of(cells: pl.DataFrame) -> str | None:
    """The basis a table's amounts are read in: a 决算's 决算数 first."""
    bases = set(cells["basis"].drop_nulls().to_list()) if "basis" in cells.columns else set()
    return next((basis for basis in SPENT_FIRST if basis in bases), None)


def coded_rows(tables: Tables, table: str, table_id: str, codes: tuple[str, ...], basis: str | None) -> dict:
    """code -> {measure: the canonical row} of one coded table, for these codes, in one basis."""
    cells = tables[table].filter(pl.col("table_id") == table_id, pl.col("code").is_in(list(codes)))
    if basis is not None and "basis" in cells.columns:
        cells = cells.filter(pl.col("basis") == basis)
    found: dict[str, dict] = {}
    for row in cells.iter_rows(named=True):
        found.setdefault(row["code"], {}).setdefault(row["measure"], row)
    return found


def code_sums(frame: pl.DataFrame) -> Iterator[tuple[str, dict, list[dict]]]:
    """What a coded table's rows add up to, per table and measure (a 决算 printing 年初预算数 | 全年预算数 | 决算数
    adds up per basis): (the measure, a code's row, the rows of the codes under it) for each code printed with codes
    under it, in printed order, then (the measure, the 合计 row, the classes). canonical.hierarchy compares them on
    every coded table, the template's `.hierarchy` rules on 附表1-3, 1-5 and 1-6."""
    by_table: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in frame.filter(pl.col("level").is_not_null()).to_dicts():
        basis = row.get("basis")
        measure = row["measure"] if basis in (None, "budget", "actual") else f"{row['measure']} {basis}"
        by_table[(row["table_id"], measure)].append(row)
    for (_, measure), table_rows in by_table.items():
        coded = [r for r in table_rows if r["code"]]
        children: dict[str | None, list[dict]] = defaultdict(list)
        for row in coded:
            children[row["parent_code"]].append(row)
        for row in coded:
            if children.get(row["code"]):
                yield measure, row, children[row["code"]]
        totals = [r for r in table_rows if r["level"] == 0 and not r["code"]]
        if totals and children.get(None):
            yield measure, totals[0], children[None]


def three_public_sums(rows: list[dict]) -> Iterator[tuple[dict, list[dict]]]:
    """What a 三公 table's items add up to, per table, year and basis (a 决算 prints 预算数 and 决算数 under each
    item): (the whole's row, its parts' rows) for the 三公 total and 公务用车 (the items printed under them) and a
    total of 三公, 会议费 and 培训费. canonical.three_public_parts compares them, 1-7.sum on 附表1-7."""
    groups: dict[tuple, dict[str, dict]] = defaultdict(dict)
    for row in rows:
        groups[(row["table_id"], row["year"], row.get("basis"))][row["item"]] = row
    for by_item in groups.values():
        for whole in ("three_public_total", "vehicles", "total"):
            if whole == "total":
                parts = [by_item[i] for i in ("three_public_total", "meetings", "training") if i in by_item]
            else:
                parts = [r for r in by_item.values() if r["parent_item"] == whole]
            if whole in by_item and parts:
                yield by_item[whole], parts
