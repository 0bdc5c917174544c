"""What components/data.py still reads of the text export's own schedules: its headline and the lines a failing
check cites (`checks_view` lives in check_queries). Neither feeds a page; this module goes when data.py drops them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from budgetlens.check_queries import checks_view as checks_view
from budgetlens.money import percent
from budgetlens.store import Snapshot
from budgetlens.years import Years, snapshot_years


def failing_lines(checks: pl.DataFrame) -> dict[int, list[str]]:
    """Source line -> the failing rule instances whose sides cite it."""
    lines: dict[int, list[str]] = {}
    for row in checks.filter(pl.col("status") == "fail").iter_rows(named=True):
        label = f"{row['rule_id']} · {row['instance']}"
        for line in {*row["expected_lines"], *row["actual_lines"]}:
            lines.setdefault(line, []).append(label)
    return lines


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
