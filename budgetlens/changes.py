"""What changed over the document's three years (前年, 上年, 当年: `budgetlens.years`): frames for
the 年度对比 page. Pure polars, exact Decimals.

Every earlier figure comes from the document itself: 附表1-13's funds overview, each project's
前两年预算安排情况 sentence, the stated changes to a project's detail lines, the indicators' yearly
values, and the narrative's comparisons with 上年. Columns are named by the document's years.
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from budgetlens.money import MONEY
from budgetlens.queries import percent
from budgetlens.store import Snapshot
from budgetlens.years import Years, snapshot_years


def _change(frame: pl.DataFrame, years: Years, pair: str | None) -> pl.DataFrame:
    """The change over `pair` ("2022-2023", one of `years.pairs`; None: the latest)."""
    before, after = years.pairs[pair or years.latest_pair]
    changes = [
        (a - b if a is not None and b is not None else None)
        for a, b in zip(frame[f"amount_{after}_wan"].to_list(), frame[f"amount_{before}_wan"].to_list(), strict=True)
    ]
    percents = [percent(c, b) for c, b in zip(changes, frame[f"amount_{before}_wan"].to_list(), strict=True)]
    return frame.with_columns(
        pl.Series("change_wan", changes, dtype=MONEY), pl.Series("change_pct", percents, dtype=MONEY)
    )


def project_history(snapshot: Snapshot, pair: str | None = None) -> pl.DataFrame:
    """Every 1-14 project's budget 前年 → 上年 → 当年, its category (from 1-13), and the change over `pair`.

    A new project (前两年预算安排情况：无 / 新增项目) has no earlier amounts and no change: it is new, not a
    rise from zero. An amount the document calls 下达 keeps that wording.
    """
    years = snapshot_years(snapshot)
    projects = snapshot.table("s14_projects")
    names = snapshot.table("project_names").filter(pl.col("schedule") == "1-13")
    categories = names.join(
        snapshot.table("s13_projects").select(pl.col("project_name").alias("name"), "category"), on="name"
    ).select("project_code", "category")
    history = projects.join(categories, on="project_code", how="left").select(
        "project_code",
        "project_name",
        "category",
        "prior_years_status",
        *(
            column
            for year in years.earlier
            for column in (
                pl.col(years.budget_column(year)).alias(years.amount_column(year)),
                years.wording_column(year),
            )
        ),
        pl.col(years.budget_column(years.budget)).alias(years.amount_column(years.budget)),
        "source_lines",
    )
    return _change(history, years, pair)


def line_changes(snapshot: Snapshot, project_code: str) -> pl.DataFrame:
    """A project's detail lines in 当年 and their 上年 values derived from the stated changes.

    上年 value = 当年 line − stated change. A line named only in the changes (支持民营经济高质量发展)
    has no 当年 line: its 当年 amount is 0 and its 上年 amount is minus its change. Columns are named
    by the years (amount_2023_wan, amount_2022_wan, in_2023 for a 2023 document).
    """
    years = snapshot_years(snapshot)
    now, before, present = (
        years.amount_column(years.budget),
        years.amount_column(years.previous),
        f"in_{years.budget}",
    )
    details = snapshot.table("s14_expense_details").filter(pl.col("project_code") == project_code, ~pl.col("is_total"))
    changes = snapshot.table("s14_budget_changes").filter(pl.col("project_code") == project_code)
    stated = {row["item"]: row for row in changes.iter_rows(named=True)}
    records = []
    for row in details.iter_rows(named=True):
        change = stated.get(row["item"])
        delta = change["change_wan"] if change else Decimal(0)
        records.append(
            {
                "item": row["item"],
                now: row["amount_wan"],
                "change_wan": delta,
                before: row["amount_wan"] - delta,
                present: True,
                "change_stated": change is not None,
                "source_lines": list(row["source_lines"]) + (list(change["source_lines"]) if change else []),
            }
        )
    listed = {row["item"] for row in details.iter_rows(named=True)}
    for item, change in stated.items():
        if item not in listed:
            records.append(
                {
                    "item": item,
                    now: Decimal(0),
                    "change_wan": change["change_wan"],
                    before: -change["change_wan"],
                    present: False,
                    "change_stated": True,
                    "source_lines": list(change["source_lines"]),
                }
            )
    schema = {
        "item": pl.String,
        now: MONEY,
        "change_wan": MONEY,
        before: MONEY,
        present: pl.Boolean,
        "change_stated": pl.Boolean,
        "source_lines": pl.List(pl.Int32),
    }
    return pl.DataFrame({name: [r[name] for r in records] for name in schema}, schema=schema)


def projects_with_line_changes(snapshot: Snapshot) -> list[str]:
    return snapshot.table("s14_budget_changes")["project_code"].unique(maintain_order=True).to_list()


def _trend(row: dict, years: Years) -> str:
    numbers = [
        (year, row[f"{years.value_column(year)}_number"], row[f"{years.value_column(year)}_unit"])
        for year in years
        if row[years.value_column(year)] is not None
    ]
    if any(number is None for _, number, _ in numbers):
        return "文字，不作比较"
    units = {unit for _, _, unit in numbers}
    if len(units) > 1:
        return "单位不同，不作比较"
    first, last = numbers[0][1], numbers[-1][1]
    if last > first:
        return "上升"
    if last < first:
        return "下降"
    return "持平"


def indicator_trends(snapshot: Snapshot) -> pl.DataFrame:
    """Annual indicators with a value in more than one year, and how the value moves (when comparable)."""
    years = snapshot_years(snapshot)
    values = [years.value_column(year) for year in years]
    indicators = snapshot.table("indicators").filter(pl.col("goal_kind") == "annual")
    counted = indicators.with_columns(
        pl.sum_horizontal(*[pl.col(value).is_not_null().cast(pl.Int8) for value in values]).alias("years")
    )
    several = counted.filter(pl.col("years") >= 2)
    trends = [_trend(row, years) for row in several.iter_rows(named=True)]
    return several.with_columns(pl.Series("trend", trends, dtype=pl.String)).select(
        "scope",
        "project_code",
        "project_name",
        "goal_number",
        "level2",
        "name",
        *values,
        *(f"{value}_number" for value in values),
        f"{values[-1]}_unit",
        "trend",
        "placement_inferred",
        "source_lines",
    )


