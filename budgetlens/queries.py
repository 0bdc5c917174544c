"""Figure- and table-ready frames from a snapshot: pure polars, exact Decimals, no streamlit.

Pages call these through `components.data` (which caches them per document); figure builders
turn their frames into plotly figures. Amounts stay Decimal here; floats appear only in the
`*_float` columns a chart needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from budgetlens.money import percent
from budgetlens.store import Snapshot
from budgetlens.years import Years, snapshot_years

HUNDRED = Decimal(100)
ROOT_ID = "root"


def failing_lines(checks: pl.DataFrame) -> dict[int, list[str]]:
    """Source line -> the failing rule instances whose sides cite it."""
    lines: dict[int, list[str]] = {}
    for row in checks.filter(pl.col("status") == "fail").iter_rows(named=True):
        label = f"{row['rule_id']} · {row['instance']}"
        for line in {*row["expected_lines"], *row["actual_lines"]}:
            lines.setdefault(line, []).append(label)
    return lines


def flag_rows(table: pl.DataFrame, failing: dict[int, list[str]]) -> pl.DataFrame:
    """Add `check_flag` (the row's source lines take part in a failing check) and `check_rules`."""
    rules = [sorted({r for line in lines for r in failing.get(line, [])}) for lines in table["source_lines"].to_list()]
    return table.with_columns(
        pl.Series("check_flag", [bool(r) for r in rules], dtype=pl.Boolean),
        pl.Series("check_rules", ["；".join(r) for r in rules], dtype=pl.String),
    )


@dataclass(frozen=True)
class Headline:
    years: Years  # the document's (前年, 上年, 当年)
    total_wan: Decimal
    previous_total_wan: Decimal | None  # 上年, from 1-13
    change_wan: Decimal | None
    change_pct: Decimal | None
    basic_wan: Decimal
    project_wan: Decimal
    personnel_wan: Decimal
    public_wan: Decimal
    three_public_wan: Decimal | None
    total_lines: list[int]


def headline(snapshot: Snapshot) -> Headline:
    """The overview's key figures: this year's total (1-5), 上年's from 1-13, the basic/project split."""
    years = snapshot_years(snapshot)
    total = snapshot.table("s05_general_budget").filter(pl.col("level") == 0).row(0, named=True)
    funds = snapshot.table("s13_funds").filter(pl.col("section") == "income", pl.col("is_total"))
    previous = funds[years.amount_column(years.previous)].first() if funds.height else None
    change = total["total_wan"] - previous if previous is not None else None
    three = snapshot.table("s07_three_public").filter(pl.col("item") == "total")["amount_wan"]
    return Headline(
        years=years,
        total_wan=total["total_wan"],
        previous_total_wan=previous,
        change_wan=change,
        change_pct=percent(change, previous),
        basic_wan=total["basic_wan"],
        project_wan=total["project_wan"],
        personnel_wan=total["basic_personnel_wan"],
        public_wan=total["basic_public_wan"],
        three_public_wan=three.first() if three.len() else None,
        total_lines=list(total["source_lines"]),
    )


def checks_view(checks: pl.DataFrame) -> pl.DataFrame:
    """Checks in reading order: failures first, then not applicable, then passes; within each by rule."""
    order = pl.col("status").replace_strict({"fail": 0, "not_applicable": 1, "pass": 2}, return_dtype=pl.Int8)
    return checks.with_row_index("seq").sort(order, "seq").drop("seq")


CHECK_STATUS_ZH = {"fail": "没有通过", "not_applicable": "无法核对", "pass": "通过"}
CHECK_LISTING = [
    "status",
    "rule_id",
    "instance",
    "expected_label",
    "expected",
    "expected_text",
    "actual_label",
    "actual",
    "actual_text",
    "difference",
    "unit",
    "note",
    "expected_lines",
    "actual_lines",
    "description_zh",
    "description_en",
]


def check_schedules(checks: pl.DataFrame) -> list[str]:
    """Every schedule some check involves, sorted."""
    return sorted(checks["schedules"].explode().drop_nulls().unique().to_list())


def filter_checks(
    checks: pl.DataFrame, schedules: tuple[str, ...], statuses: tuple[str, ...], line: int | None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(failures, listing): the checks touching any of `schedules`, with one of `statuses`, citing
    `line` (each filter off when empty/None); the failures in reading order, and every match as the
    table and downloads show it (status in Chinese)."""
    shown = checks
    if schedules:
        shown = shown.filter(pl.col("schedules").list.eval(pl.element().is_in(list(schedules))).list.any())
    if statuses:
        shown = shown.filter(pl.col("status").is_in(list(statuses)))
    if line is not None:
        shown = shown.filter(pl.col("expected_lines").list.contains(line) | pl.col("actual_lines").list.contains(line))
    listing = shown.select(CHECK_LISTING).with_columns(
        pl.col("status").replace_strict(CHECK_STATUS_ZH, return_dtype=pl.String)
    )
    return shown.filter(pl.col("status") == "fail"), listing


def source_text(lines: list[str], numbers: list[int]) -> str:
    """The raw document's lines, numbered, as plain text (tabs shown as │ so columns stay visible)."""
    return "\n".join(
        f"{n:>5} │ {lines[n - 1].replace(chr(9), ' │ ')}" for n in sorted(set(numbers)) if 0 < n <= len(lines)
    )
