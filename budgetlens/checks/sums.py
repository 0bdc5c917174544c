"""A printed row's total equals its parts: one rule on every table that prints a total beside its parts.

`columns_add_up` is canonical.columns_add_up on every such table. Where the document prints the table under a
template number whose rules name this identity (附表1-3, 1-5, 1-6: `numbered.ROW_SUMS`), `template_row_sums` makes
the same comparisons, reported as that template's rule names them ("1-5.row", "20601 科学技术管理事务 · 合计"):
which comparisons a row makes is decided once, here (`row_sums`), for every document.
"""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from budgetlens.canonical.headings import measure_parent
from budgetlens.checks import numbered
from budgetlens.checks.model import CellSink, NoCells, Rule, Side, compare, lines_of, not_applicable, result, total

PARTS = Rule(
    "canonical.columns_add_up",
    "within_table",
    ("功能分类", "经济分类", "收入", "支出"),
    "每一行的合计等于其各组成列之和（基本支出 + 项目支出；人员经费 + 公用经费；各收入来源）",
    "On every row the total equals its parts (basic + project; personnel + public; the income sources)",
)
CODED_TABLES = ("expenditure_by_function", "basic_by_economic", "operating_expenses", "income_by_source")
EXPENDITURE_PARTS = (
    "basic",
    "project",
    "reserve",
    "carry_forward",
    "business_operation",
    "remit_to_superior",
    "subsidy_to_affiliates",
)
INCOME_PARTS = ("fiscal_appropriation", "business_income", "operating_income", "other_income", "special_account")
FISCAL_PARTS = ("general_budget", "government_fund", "state_capital")
# (the whole, the columns that add up to it); a row is checked against every set of which it prints two parts.
PARTITIONS = [
    ("total", EXPENDITURE_PARTS),
    ("basic", ("personnel", "public")),
    ("total", INCOME_PARTS),
    ("total", FISCAL_PARTS),
]


def _printed_rows(frame: pl.DataFrame) -> Iterator[dict[str, dict]]:
    """Each printed row of a table (a basis of it, in a 决算), as {measure: its canonical row}, in printed order."""
    keys = (
        ["table_id", "row"]
        + (["side"] if "side" in frame.columns else [])
        + (["basis"] if "basis" in frame.columns else [])
    )
    # One pass over the rows in Python: a polars group per printed row costs more than the check.
    printed_rows: dict[tuple, dict[str, dict]] = {}
    for record in frame.to_dicts():
        printed_rows.setdefault(tuple(record[k] for k in keys), {})[record["measure"]] = record
    yield from printed_rows.values()


def row_sums(by_measure: dict[str, dict]) -> Iterator[tuple[str, list[str]]]:
    """The sums one printed row states: (the whole's measure, the measures of its parts the row prints)."""
    partitions = list(PARTITIONS)
    # Columns printed under another's heading (基本支出 over 人员经费 | 公用经费) stand for it where it
    # has no column of its own: 合计 = 人员经费 + 公用经费 + 项目支出, never 人员经费 + 公用经费.
    under = {
        m: parent
        for m, r in by_measure.items()
        if m != "total" and (parent := measure_parent(r["measure_printed"] or "")) and parent not in by_measure
    }
    # Only where the row prints a part beside them (项目支出 beside 基本支出's columns): in a table that is
    # all 基本支出 the heading over every column says what the table is, not which part a column is.
    nested = {m: up for m, up in under.items() if any(o not in under and o != "total" for o in by_measure)}
    if "basic" not in by_measure and "basic" not in nested.values():
        partitions.append(("total", ("personnel", "public")))  # a basic-expenditure table
    for whole, parts in partitions:
        if nested:  # (most rows nest nothing: their parts are the partition's own)
            parts = tuple(c for p in parts for c in ([m for m, up in nested.items() if up == p] or [p]))
        present = [p for p in parts if p in by_measure]
        if whole in by_measure and present:
            yield whole, present


def columns_add_up(tables: dict[str, pl.DataFrame], titles: dict[str, str], cells: CellSink) -> list[dict]:
    """canonical.columns_add_up: each row's total against every set of its parts of which it prints two, a blank
    cell counted as nothing (a row blank throughout is not checked)."""
    results = []
    for frame in [tables[name] for name in CODED_TABLES] + [tables["summary_lines"]]:
        for by_measure in _printed_rows(frame):
            for whole, present in row_sums(by_measure):
                row = by_measure[whole]
                blank = row["amount_wan"] is None and all(by_measure[p]["amount_wan"] is None for p in present)
                if len(present) < 2 or blank:
                    continue
                label = row.get("code") or row.get("label") or row.get("name") or ""
                name = row.get("name") or ""
                instance = f"{titles[row['table_id']]} {label} {name if name != label else ''}".strip() + f" {whole}"
                summed = (" + ".join(present), [by_measure[p] for p in present])
                results.append(compare(PARTS, instance, summed, (whole, [row]), cells))
    return results or [not_applicable(PARTS, "no table prints a total beside its parts")]


def template_row_sums(
    tables: dict[str, pl.DataFrame], number: str, rule: Rule, cells: CellSink | None = None
) -> list[dict]:
    """The same sums on the table the document prints as 附表`number`, as the template names them (`rule`,
    `numbered.ROW_SUMS`): the whole first, its named parts after; a named part the row does not state makes the sum
    not stated (not applicable), a part the template does not name counts only where the row states it."""
    found = numbered.template_schedule(tables, number)
    if found is None:
        return []
    naming = numbered.ROW_SUMS[number]
    frame = tables[numbered.KIND_TABLES[found["kind"]]].filter(pl.col("table_id") == found["table_id"])
    cells = cells or NoCells()
    out = []
    for by_measure in _printed_rows(frame):
        for whole, present in row_sums(by_measure):
            if whole not in naming:
                continue
            suffix, whole_word, named, parts_word = naming[whole]
            row = by_measure[whole]
            name = f"{row['code']} {row['name']}" if row["code"] else "合计"
            extra = [p for p in present if p not in named and by_measure[p]["amount_wan"] is not None]
            parts = [by_measure[p] for p in (*named, *extra) if p in by_measure]
            summed = total(by_measure[p]["amount_wan"] if p in by_measure else None for p in (*named, *extra))
            instance = name + suffix
            cells.add(rule, instance, "expected", [row])
            cells.add(rule, instance, "actual", parts)
            stated = Side(f"{name} {whole_word}", row["amount_wan"], lines_of([row]))
            out.append(result(rule, instance, stated, Side(f"{name} {parts_word}", summed, lines_of(parts))))
    return out
