"""What changed: 2021–2023 frames for the 年度对比 and 三公经费 pages. Pure polars, exact Decimals.

Every 2021/2022 figure comes from the document itself: 附表1-13's funds overview, each project's
前两年预算安排情况 sentence, the stated changes to a project's detail lines, the indicators' yearly
values, and the narrative's comparisons with 2022.
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from budgetlens.ingest.narrative import THREE_PUBLIC_SECTION, THREE_PUBLIC_SUBJECTS
from budgetlens.ingest.tables import YEARS
from budgetlens.money import MONEY
from budgetlens.queries import percent
from budgetlens.store import Snapshot

PRIOR, PREVIOUS, BUDGET = YEARS  # 前年, 上年, 当年
LATEST_PAIR = f"{PREVIOUS}-{BUDGET}"
# The comparisons a reader can choose: "before-after" -> (before, after), the latest first.
YEAR_PAIRS = {f"{a}-{b}": (a, b) for a, b in ((PREVIOUS, BUDGET), (PRIOR, PREVIOUS), (PRIOR, BUDGET))}


def _change(frame: pl.DataFrame, pair: str) -> pl.DataFrame:
    before, after = YEAR_PAIRS[pair]
    changes = [
        (a - b if a is not None and b is not None else None)
        for a, b in zip(frame[f"amount_{after}_wan"].to_list(), frame[f"amount_{before}_wan"].to_list(), strict=True)
    ]
    percents = [percent(c, b) for c, b in zip(changes, frame[f"amount_{before}_wan"].to_list(), strict=True)]
    return frame.with_columns(
        pl.Series("change_wan", changes, dtype=MONEY), pl.Series("change_pct", percents, dtype=MONEY)
    )


def composition(snapshot: Snapshot, pair: str = LATEST_PAIR) -> pl.DataFrame:
    """附表1-13's income and expenditure composition for 2021, 2022, 2023, with the change over `pair`."""
    funds = snapshot.table("s13_funds").select(
        "section", "item", "is_total", "amount_2021_wan", "amount_2022_wan", "amount_2023_wan", "source_lines"
    )
    return _change(funds, pair)


def project_history(snapshot: Snapshot, pair: str = LATEST_PAIR) -> pl.DataFrame:
    """Every 1-14 project's budget 2021 → 2022 → 2023, its category (from 1-13), and the change over `pair`.

    A new project (前两年预算安排情况：无 / 新增项目) has no earlier amounts and no change: it is new, not a
    rise from zero. An amount the document calls 下达 keeps that wording.
    """
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
        pl.col("budget_2021_wan").alias("amount_2021_wan"),
        "budget_2021_wording",
        pl.col("budget_2022_wan").alias("amount_2022_wan"),
        "budget_2022_wording",
        pl.col("budget_2023_wan").alias("amount_2023_wan"),
        "source_lines",
    )
    return _change(history, pair)


def line_changes(snapshot: Snapshot, project_code: str) -> pl.DataFrame:
    """A project's detail lines in 2023 and their 2022 values derived from the stated changes.

    2022 value = 2023 line − stated change. A line named only in the changes (支持民营经济高质量发展)
    has no 2023 line: its 2023 amount is 0 and its 2022 amount is minus its change.
    """
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
                "amount_2023_wan": row["amount_wan"],
                "change_wan": delta,
                "amount_2022_wan": row["amount_wan"] - delta,
                "in_2023": True,
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
                    "amount_2023_wan": Decimal(0),
                    "change_wan": change["change_wan"],
                    "amount_2022_wan": -change["change_wan"],
                    "in_2023": False,
                    "change_stated": True,
                    "source_lines": list(change["source_lines"]),
                }
            )
    schema = {
        "item": pl.String,
        "amount_2023_wan": MONEY,
        "change_wan": MONEY,
        "amount_2022_wan": MONEY,
        "in_2023": pl.Boolean,
        "change_stated": pl.Boolean,
        "source_lines": pl.List(pl.Int32),
    }
    return pl.DataFrame({name: [r[name] for r in records] for name in schema}, schema=schema)


def projects_with_line_changes(snapshot: Snapshot) -> list[str]:
    return snapshot.table("s14_budget_changes")["project_code"].unique(maintain_order=True).to_list()


def _trend(row: dict) -> str:
    numbers = [
        (year, row[f"value_{year}_number"], row[f"value_{year}_unit"])
        for year in YEARS
        if row[f"value_{year}"] is not None
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
    indicators = snapshot.table("indicators").filter(pl.col("goal_kind") == "annual")
    counted = indicators.with_columns(
        pl.sum_horizontal(*[pl.col(f"value_{year}").is_not_null().cast(pl.Int8) for year in YEARS]).alias("years")
    )
    several = counted.filter(pl.col("years") >= 2)
    trends = [_trend(row) for row in several.iter_rows(named=True)]
    return several.with_columns(pl.Series("trend", trends, dtype=pl.String)).select(
        "scope",
        "project_code",
        "project_name",
        "goal_number",
        "level2",
        "name",
        "value_2021",
        "value_2022",
        "value_2023",
        "value_2021_number",
        "value_2022_number",
        "value_2023_number",
        "value_2023_unit",
        "trend",
        "placement_inferred",
        "source_lines",
    )


def narrative_comparisons(snapshot: Snapshot) -> pl.DataFrame:
    """The narrative's own comparisons with 2022, beside the same change recomputed from the tables."""
    checks = snapshot.table("checks").filter(pl.col("rule_id").is_in(["narrative.changes", "narrative.percentages"]))
    return checks.select(
        "instance",
        "rule_id",
        "status",
        "expected_label",
        "expected",
        "actual_label",
        "actual",
        "difference",
        "unit",
        "note",
        "expected_lines",
        "actual_lines",
    )


def three_public(snapshot: Snapshot) -> pl.DataFrame:
    """附表1-7's lines with the narrative's change from 2022, the derived 2022 amount and the stated reason."""
    items = snapshot.table("s07_three_public")
    facts = snapshot.table("narrative_facts").filter(pl.col("section") == THREE_PUBLIC_SECTION)
    records = []
    for row in items.iter_rows(named=True):
        subject = THREE_PUBLIC_SUBJECTS.get(row["item"])
        said = facts.filter(pl.col("subject") == subject)
        amount = said.filter(pl.col("kind") == "amount")
        change = said.filter(pl.col("kind") == "change_amount")
        change_value = change["value"].first() if change.height else None
        reasons = [r for r in said["reason"].to_list() if r]
        records.append(
            {
                **row,
                "narrative_amount_wan": amount["value"].first() if amount.height else None,
                "change_wan": change_value,
                "amount_2022_wan": row["amount_wan"] - change_value if change_value is not None else None,
                "reason": reasons[0] if reasons else None,
                "narrative_lines": sorted({line for lines in said["source_lines"].to_list() for line in lines}),
            }
        )
    schema = {
        **items.schema,
        "narrative_amount_wan": MONEY,
        "change_wan": MONEY,
        "amount_2022_wan": MONEY,
        "reason": pl.String,
        "narrative_lines": pl.List(pl.Int32),
    }
    return pl.DataFrame({name: [r[name] for r in records] for name in schema}, schema=schema)


def three_public_context(snapshot: Snapshot) -> dict:
    """三公 against basic and public expenditure, the 30231 line, the vehicle procurement, and the scope."""
    total = snapshot.table("s07_three_public").filter(pl.col("item") == "total")["amount_wan"].first()
    general = snapshot.table("s05_general_budget").filter(pl.col("level") == 0).row(0, named=True)
    code_30231 = snapshot.table("s06_basic_economic").filter(pl.col("code") == "30231")
    procurement = snapshot.table("s11_procurement").filter(
        pl.col("row_level") == "line", pl.col("economic_code") == "30231"
    )
    scope = snapshot.table("narrative_facts").filter(
        pl.col("section") == "“三公”经费的单位范围", pl.col("kind") == "count"
    )
    return {
        "total_wan": total,
        "share_of_basic_pct": percent(total, general["basic_wan"]),
        "share_of_public_pct": percent(total, general["basic_public_wan"]),
        "basic_wan": general["basic_wan"],
        "public_wan": general["basic_public_wan"],
        "code_30231_wan": code_30231["total_wan"].first() if code_30231.height else None,
        "vehicle_procurement_yuan": procurement["amount_yuan"].sum() if procurement.height else None,
        "vehicle_procurement_lines": procurement.select("item_name", "amount_yuan", "source_lines"),
        "units": int(scope["value"].first()) if scope.height else None,
        "units_lines": list(scope["source_lines"].first()) if scope.height else [],
    }
