"""Projects, indicators and purchases, joined across 1-11, 1-12, 1-13 and 1-14 through the
project-name table (exact names and the reasoned aliases). Pure polars, exact Decimals."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from budgetlens.checks.indicators import _goal_pairs
from budgetlens.money import MONEY, YUAN_PER_WAN
from budgetlens.queries import percent
from budgetlens.store import Snapshot
from budgetlens.years import Years, snapshot_years, years_in


def _resolved_lines(snapshot: Snapshot, table: str, schedule: str) -> pl.DataFrame:
    names = (
        snapshot.table("project_names")
        .filter(pl.col("schedule") == schedule)
        .select(pl.col("name").alias("project_name"), "project_code", "resolution")
    )
    return snapshot.table(table).filter(pl.col("row_level") == "line").join(names, on="project_name", how="left")


def procurement_lines(snapshot: Snapshot) -> pl.DataFrame:
    """附表1-11's lines with the 1-14 project each belongs to (`basic` for basic expenditure, null if unresolved)."""
    return _resolved_lines(snapshot, "s11_procurement", "1-11")


def service_lines(snapshot: Snapshot) -> pl.DataFrame:
    """附表1-12's lines with their project; `includes_procurement` lines are also in 1-11 (never add them)."""
    return _resolved_lines(snapshot, "s12_purchased_services", "1-12")


def project_table(snapshot: Snapshot) -> pl.DataFrame:
    """One row per 1-14 project with everything the list page filters and shows."""
    projects = snapshot.table("s14_projects")
    names = snapshot.table("project_names").filter(pl.col("schedule") == "1-13")
    listed = snapshot.table("s13_projects").select(pl.col("project_name").alias("name"), "category")
    categories = names.join(listed, on="name").select("project_code", "category")
    indicators = (
        snapshot.table("indicators")
        .filter(pl.col("scope") == "project")
        .group_by("project_code")
        .agg(pl.len().cast(pl.Int32).alias("indicator_count"), pl.col("name").str.join("；").alias("indicator_names"))
    )
    procurement = (
        procurement_lines(snapshot).group_by("project_code").agg(pl.col("amount_yuan").sum().alias("procurement_yuan"))
    )
    services = service_lines(snapshot).group_by("project_code").agg(pl.col("amount_yuan").sum().alias("services_yuan"))
    project_total = snapshot.table("s05_general_budget").filter(pl.col("level") == 0)["project_wan"].first()
    table = (
        projects.join(categories, on="project_code", how="left")
        .join(indicators, on="project_code", how="left")
        .join(procurement, on="project_code", how="left")
        .join(services, on="project_code", how="left")
    )
    years = snapshot_years(snapshot)
    budget = years.budget_column(years.budget)
    shares = [percent(value, project_total) for value in table[budget].to_list()]
    changes = [
        a - b if b is not None else None
        for a, b in zip(table[budget].to_list(), table[years.budget_column(years.previous)].to_list(), strict=True)
    ]
    return (
        table.with_columns(
            pl.Series("share_of_projects_pct", shares, dtype=MONEY),
            pl.Series("change_wan", changes, dtype=MONEY),
            pl.col("indicator_count").fill_null(0),
            pl.col("indicator_names").fill_null(""),
            (pl.col("prior_years_status") == "new_project").alias("is_new"),
        )
        .select(
            "project_code",
            "project_name",
            "category",
            "executing_units",
            "leader",
            budget,
            *(years.budget_column(year) for year in years.earlier),
            "change_wan",
            "share_of_projects_pct",
            "indicator_count",
            "procurement_yuan",
            "services_yuan",
            "is_new",
            "prior_years_status",
            "reason",
            "content",
            "indicator_names",
            "source_lines",
        )
        .sort(budget, descending=True)
    )


# Budget-year brackets (万元) the list can be filtered by: key -> (at least, below)
BUDGET_SIZES: dict[str, tuple[Decimal | None, Decimal | None]] = {
    "lt10": (None, Decimal(10)),
    "10to100": (Decimal(10), Decimal(100)),
    "100to1000": (Decimal(100), Decimal(1000)),
    "ge1000": (Decimal(1000), None),
}


@dataclass(frozen=True)
class ProjectFilter:
    categories: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    budget_min: Decimal | None = None
    budget_max: Decimal | None = None
    sizes: tuple[str, ...] = ()  # keys of BUDGET_SIZES; a project in any of them matches
    purchases: str = "any"  # any | procurement | services | either | none
    status: str = "any"  # any | new | continuing
    search: str = ""


def filter_projects(table: pl.DataFrame, chosen: ProjectFilter) -> pl.DataFrame:
    """Filters combine (AND); a project with several executing units matches each of them."""
    rows = table
    years = years_in(table.columns)
    budget = years.budget_column(years.budget)
    if chosen.categories:
        rows = rows.filter(pl.col("category").is_in(list(chosen.categories)))
    if chosen.units:
        rows = rows.filter(pl.col("executing_units").list.eval(pl.element().is_in(list(chosen.units))).list.any())
    if chosen.budget_min is not None:
        rows = rows.filter(pl.col(budget) >= chosen.budget_min)
    if chosen.budget_max is not None:
        rows = rows.filter(pl.col(budget) <= chosen.budget_max)
    if chosen.sizes:
        in_any = pl.lit(False)
        for low, high in (BUDGET_SIZES[size] for size in chosen.sizes):
            bracket = pl.lit(True)
            if low is not None:
                bracket = bracket & (pl.col(budget) >= low)
            if high is not None:
                bracket = bracket & (pl.col(budget) < high)
            in_any = in_any | bracket
        rows = rows.filter(in_any)
    has_procurement = pl.col("procurement_yuan").is_not_null()
    has_services = pl.col("services_yuan").is_not_null()
    purchases = {
        "procurement": has_procurement,
        "services": has_services,
        "either": has_procurement | has_services,
        "none": ~has_procurement & ~has_services,
    }
    if chosen.purchases in purchases:
        rows = rows.filter(purchases[chosen.purchases])
    if chosen.status == "new":
        rows = rows.filter(pl.col("is_new"))
    elif chosen.status == "continuing":
        rows = rows.filter(~pl.col("is_new"))
    if chosen.search.strip():
        needle = chosen.search.strip()
        text = pl.concat_str(
            [
                pl.col("project_name"),
                pl.col("reason").fill_null(""),
                pl.col("content").fill_null(""),
                pl.col("indicator_names"),
            ],
            separator="\n",
        )
        rows = rows.filter(text.str.contains(needle, literal=True))
    return rows


def executing_units(table: pl.DataFrame) -> list[str]:
    return sorted({unit for units in table["executing_units"].to_list() for unit in units})


def all_indicators(snapshot: Snapshot) -> pl.DataFrame:
    """Every indicator of the department and the projects, with the project each 1-13 goal belongs to."""
    indicators = snapshot.table("indicators")
    pairs = {goal["goal_number"]: other["project_code"] for goal, other in _goal_pairs(snapshot.tables)}
    names = dict(
        zip(snapshot.table("s14_projects")["project_code"], snapshot.table("s14_projects")["project_name"], strict=True)
    )
    linked = [
        names.get(pairs.get(number)) if scope == "department" and kind == "annual" else None
        for scope, kind, number in zip(
            indicators["scope"], indicators["goal_kind"], indicators["goal_number"], strict=True
        )
    ]
    current = snapshot_years(snapshot).value_column(snapshot_years(snapshot).budget)
    numeric = pl.col("target_number").is_not_null() | pl.col(f"{current}_number").is_not_null()
    return indicators.with_columns(pl.Series("goal_project", linked, dtype=pl.String), numeric.alias("has_number"))


def department_goals(snapshot: Snapshot) -> pl.DataFrame:
    """The department's annual goals 1–24 (as headed in 1-13) and the 1-14 project each belongs to."""
    names = dict(
        zip(snapshot.table("s14_projects")["project_code"], snapshot.table("s14_projects")["project_name"], strict=True)
    )
    records = [
        {
            "goal_number": goal["goal_number"],
            "text": goal["text"],
            "project_code": other["project_code"],
            "project_name": names.get(other["project_code"]),
            "project_goal": other["goal_number"],
        }
        for goal, other in _goal_pairs(snapshot.tables)
    ]
    schema = {
        "goal_number": pl.Int16,
        "text": pl.String,
        "project_code": pl.String,
        "project_name": pl.String,
        "project_goal": pl.Int16,
    }
    return pl.DataFrame({k: [r[k] for r in records] for k in schema}, schema=schema).sort("goal_number")


@dataclass(frozen=True)
class ProjectDetail:
    project: dict
    funding: pl.DataFrame
    details: pl.DataFrame
    goals: pl.DataFrame
    indicators: pl.DataFrame
    procurement: pl.DataFrame
    services: pl.DataFrame
    procurement_wan: Decimal
    services_wan: Decimal


def project_detail(snapshot: Snapshot, project_code: str) -> ProjectDetail | None:
    projects = snapshot.table("s14_projects").filter(pl.col("project_code") == project_code)
    if projects.is_empty():
        return None
    procurement = procurement_lines(snapshot).filter(pl.col("project_code") == project_code)
    services = service_lines(snapshot).filter(pl.col("project_code") == project_code)
    return ProjectDetail(
        project=projects.row(0, named=True),
        funding=snapshot.table("s14_funding_sources").filter(
            pl.col("project_code") == project_code, pl.col("amount_wan").is_not_null()
        ),
        details=snapshot.table("s14_expense_details").filter(pl.col("project_code") == project_code),
        goals=snapshot.table("goals").filter(pl.col("project_code") == project_code),
        indicators=snapshot.table("indicators").filter(pl.col("project_code") == project_code),
        procurement=procurement,
        services=services,
        procurement_wan=(procurement["amount_yuan"].sum() or Decimal(0)) / YUAN_PER_WAN,
        services_wan=(services["amount_yuan"].sum() or Decimal(0)) / YUAN_PER_WAN,
    )


@dataclass(frozen=True)
class IndicatorFilter:
    scopes: tuple[str, ...] = ()  # department | project
    projects: tuple[str, ...] = ()  # project names
    kinds: tuple[str, ...] = ()  # long_term | annual
    level1: tuple[str, ...] = ()
    level2: tuple[str, ...] = ()
    numeric_only: bool = False
    search: str = ""  # in the name, the long-term target or a year's value


def filter_indicators(indicators: pl.DataFrame, chosen: IndicatorFilter) -> pl.DataFrame:
    """Filters combine (AND); an empty choice does not filter."""
    rows = indicators
    for column, values in (
        ("scope", chosen.scopes),
        ("project_name", chosen.projects),
        ("goal_kind", chosen.kinds),
        ("level1", chosen.level1),
        ("level2", chosen.level2),
    ):
        if values:
            rows = rows.filter(pl.col(column).is_in(list(values)))
    if chosen.numeric_only:
        rows = rows.filter(pl.col("has_number"))
    if chosen.search:
        text = pl.concat_str(
            [pl.col(c).fill_null("") for c in ("name", "target", *map(Years.value_column, years_in(rows.columns)))],
            separator="\n",
        )
        rows = rows.filter(text.str.contains(chosen.search, literal=True))
    return rows
