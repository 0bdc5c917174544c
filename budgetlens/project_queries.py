"""项目 and 绩效指标 over the canonical model, the same for every document: the project list with its filters, one
project with everything the document prints about it, every indicator with its values by year, and the department's
goals with the project each belongs to. Pure polars over a snapshot's tables (`tables`: name -> frame); what a
document does not print is null here and the page says so. Money exact (Decimal)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from budgetlens.canonical.model import model_table, place_keys
from budgetlens.canonical_queries import SCOPE_PREFERENCE
from budgetlens.classification import Disputes, disputes
from budgetlens.frames import first_row, rank
from budgetlens.money import MONEY, YUAN_PER_WAN, change, percent
from budgetlens.years import Years, document_years

PRIOR_YEAR_ITEM = "prior_year_total"  # project_funds: what the form states for a year before the budget year
BUDGET_ITEM = "annual_total"  # the year's amount (年度资金申请总额, 项目当年预算)
PROJECT_TOTAL_ITEM = "project_total"
ALLOCATED = "allocated"  # a basis: the form says the money was 下达 (allocated), not budgeted
FUND_PARTS = {  # project_funds items: the part of the form they are printed in, in the form's order
    "project_total": "项目资金",
    "project_fiscal": "项目资金",
    "project_other": "项目资金",
    "annual_total": "年度资金",
    "annual_appropriation": "年度资金",
    "annual_carryover": "年度资金",
    "annual_other": "年度资金",
    "sources_total": "资金来源",
    "source": "资金来源",
    "source_part": "资金来源",
}
PROJECT_FUNDS_RULE = "canonical.project_funds"
# the rules that hold a project form's money against its parts: the general one, and the numbered template's
# (附表1-14: 项目总预算 = 当年预算 = 资金来源合计 = 支出明细合计; its details against their 合计)
FORM_FUNDS_RULES = (PROJECT_FUNDS_RULE, "1-14.project_budget", "1-14.details_sum")
BLANK = "（空白）"
PRINTED_TEXT = (  # an amount as the form prints it, with its unit; BLANK for a blank cell
    pl.when(pl.col("amount_printed").fill_null("") == "")
    .then(pl.lit(BLANK))
    .otherwise(pl.col("amount_printed") + pl.lit(" ") + pl.col("unit_printed").fill_null(""))
    .str.strip_chars()
)


def projects_total(tables: dict[str, pl.DataFrame]) -> Decimal | None:
    """项目支出 in the function table's 合计 row (一般公共预算 first), where the table prints that column."""
    coded = model_table(tables, "expenditure_by_function").filter(
        pl.col("level") == 0, pl.col("measure") == "project", pl.col("amount_wan").is_not_null()
    )
    for scope in SCOPE_PREFERENCE:
        found = coded.filter(pl.col("scope") == scope)["amount_wan"]
        if found.len():
            return found[0]
    return None


def _fund_amounts(funds: pl.DataFrame, item: str, year: int, name: str) -> pl.DataFrame:
    return (
        funds.filter(pl.col("item") == item, pl.col("year") == year)
        .unique(["table_id", "project"], keep="first", maintain_order=True)
        .select(
            "table_id",
            "project",
            pl.col("amount_wan").alias(f"{name}_wan"),
            PRINTED_TEXT.alias(f"{name}_printed"),
            pl.col("basis").alias(f"{name}_basis"),
        )
    )


def _to_yuan(frame: pl.DataFrame, name: str) -> pl.DataFrame:
    listed = frame.filter(pl.col("project_listed").is_not_null(), ~pl.col("basic_expenditure").fill_null(False))
    return listed.group_by("project_listed").agg((pl.col("amount_wan").sum() * YUAN_PER_WAN).cast(MONEY).alias(name))


def project_list(tables: dict[str, pl.DataFrame], budget_year: int) -> pl.DataFrame:
    """One row per project the document lists (a 项目 form, a 附表1-14 block), with everything the list shows and
    filters by: its key, code, name, category, nature, executing units, leader; the budget year's amount and the two
    years before where the form states them (`budget_YYYY_wan`, with `budget_YYYY_wording` 预算 or 下达), the change
    from the year before, the share of the function table's 项目支出, its indicators, its procurement and purchased
    services (where the listings name the project), whether it is new; largest first."""
    years = document_years(budget_year)
    projects = model_table(tables, "projects")
    funds = model_table(tables, "project_funds")
    indicators = model_table(tables, "performance_indicators").filter(pl.col("project").is_not_null())
    rows = projects.with_columns(
        pl.col("unit").str.split("、").alias("executing_units"),
    )
    budget = years.budget_column(years.budget)
    rows = rows.join(
        _fund_amounts(funds, BUDGET_ITEM, budget_year, "budget").rename({"budget_wan": budget}),
        on=["table_id", "project"],
        how="left",
        maintain_order="left",
    ).join(
        _fund_amounts(funds, PROJECT_TOTAL_ITEM, budget_year, "project_total").drop("project_total_basis"),
        on=["table_id", "project"],
        how="left",
        maintain_order="left",
    )
    for year in years.earlier:
        earlier = _fund_amounts(funds, PRIOR_YEAR_ITEM, int(year), "earlier").select(
            "table_id",
            "project",
            pl.col("earlier_wan").alias(years.budget_column(year)),
            pl.when(pl.col("earlier_basis") == ALLOCATED)
            .then(pl.lit("下达"))
            .otherwise(pl.lit("预算"))
            .alias(years.wording_column(year)),
        )
        rows = rows.join(earlier, on=["table_id", "project"], how="left", maintain_order="left")
    counted = indicators.group_by("table_id", "project").agg(
        pl.len().cast(pl.Int32).alias("indicator_count"),
        pl.col("name").drop_nulls().str.join("；").alias("indicator_names"),
    )
    procurement = _to_yuan(model_table(tables, "procurement"), "procurement_yuan")
    services = _to_yuan(model_table(tables, "purchased_services"), "services_yuan")
    rows = (
        rows.join(counted, on=["table_id", "project"], how="left", maintain_order="left")
        .join(procurement, left_on="project", right_on="project_listed", how="left", maintain_order="left")
        .join(services, left_on="project", right_on="project_listed", how="left", maintain_order="left")
    )
    total = projects_total(tables)
    previous = years.budget_column(years.previous)
    shares = [percent(value, total) for value in rows[budget].to_list()]
    changes = [change(b, a) for a, b in zip(rows[budget].to_list(), rows[previous].to_list(), strict=True)]
    return (
        rows.with_columns(
            pl.coalesce("project_code", "project").alias("project_key"),  # what a link names it by: code, else name
            pl.col("project").alias("project_name"),
            pl.Series("share_of_projects_pct", shares, dtype=MONEY),
            pl.Series("change_wan", changes, dtype=MONEY),
            pl.col("indicator_count").fill_null(0),
            pl.col("indicator_names").fill_null(""),
            pl.when(pl.col("prior_years_status").is_null())
            .then(pl.lit(None, dtype=pl.Boolean))
            .otherwise(pl.col("prior_years_status") == "new_project")
            .alias("is_new"),
        )
        .select(
            "project_key",
            "project_code",
            "project_name",
            "category",
            "nature",
            "executing_units",
            "leader",
            budget,
            "budget_printed",
            "project_total_wan",
            "project_total_printed",
            *(years.budget_column(year) for year in years.earlier),
            *(years.wording_column(year) for year in years.earlier),
            "change_wan",
            "share_of_projects_pct",
            "indicator_count",
            "procurement_yuan",
            "services_yuan",
            "is_new",
            "prior_years_status",
            "reason",
            "content",
            "goal_long_term",
            "goal_annual",
            "indicator_names",
            "table_id",
            "page",
            "box",
            "source_lines",
        )
        .sort(budget, descending=True, nulls_last=True, maintain_order=True)
    )


def printed_columns(table: pl.DataFrame) -> tuple[str, ...]:
    """The columns of the project list that hold something in this document (the others it does not print); the
    printed text only where the form prints another unit than the list's 万元 (元: the exact digits beside it), and
    the project's total only where it differs from the year's amount for some project."""
    held = [c for c in table.columns if table[c].null_count() < table.height]
    budget = _budget_column(table)
    if table["budget_printed"].fill_null("").str.ends_with("万元").all():
        held = [c for c in held if c not in ("budget_printed", "project_total_printed")]
    if table.filter(pl.col("project_total_wan").ne_missing(pl.col(budget))).is_empty():
        held = [c for c in held if c not in ("project_total_wan", "project_total_printed")]
    return tuple(held)


# Budget-year brackets (万元) the list can be filtered by: key -> (at least, below)
BUDGET_SIZES: dict[str, tuple[Decimal | None, Decimal | None]] = {
    "lt10": (None, Decimal(10)),
    "10to100": (Decimal(10), Decimal(100)),
    "100to1000": (Decimal(100), Decimal(1000)),
    "ge1000": (Decimal(1000), None),
}
SEARCHED = {  # the project list's text the search reads, and what the search box calls it
    "project_name": "项目名称",
    "reason": "申请理由",
    "content": "主要内容",
    "goal_long_term": "目标",
    "goal_annual": "目标",
    "indicator_names": "指标名称",
}


def searched_fields(table: pl.DataFrame) -> list[str]:
    """What the search reads in this document, by name, each once (项目名称、申请理由、主要内容、指标名称)."""
    present = [label for column, label in SEARCHED.items() if table[column].fill_null("").str.len_chars().sum() > 0]
    return list(dict.fromkeys(present))


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
    """Filters combine (AND); a project with several executing units matches each of them; the search is for the
    text as typed (literally) in the name, 申请理由, 主要内容, the form's goals and the indicator names."""
    rows = table
    budget = _budget_column(table)
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
        rows = rows.filter(pl.col("is_new").fill_null(False))
    elif chosen.status == "continuing":
        rows = rows.filter(~pl.col("is_new").fill_null(True))
    if chosen.search.strip():
        text = pl.concat_str([pl.col(c).fill_null("") for c in SEARCHED], separator="\n")
        rows = rows.filter(text.str.contains(chosen.search.strip(), literal=True))
    return rows


def _budget_column(table: pl.DataFrame) -> str:
    budgets = sorted(c for c in table.columns if c.startswith("budget_") and c.endswith("_wan"))
    return budgets[-1]  # the budget year's: the latest year named


def executing_units(table: pl.DataFrame) -> list[str]:
    return sorted({unit for units in table["executing_units"].drop_nulls().to_list() for unit in units})


def categories(table: pl.DataFrame) -> list[str]:
    return sorted({c for c in table["category"].to_list() if c})


# --- one project ---------------------------------------------------------------------------------------------


@dataclass  # not frozen: a page keeps its views by this object's identity (its frames are not plain values)
class ProjectDetail:
    project: dict  # the project list's row
    funds: pl.DataFrame  # the form's money lines (part, label, amount, printed, where, disputed)
    blank_funds: int  # money lines printed blank (listed, no amount)
    changes: pl.DataFrame  # the stated changes per line (item, change_wan, source_lines)
    expenses: pl.DataFrame  # 支出明细 (label, item, is_total, amount_wan, source_lines)
    goals: pl.DataFrame  # numbered goals (goal_kind, goal_number, text, source_lines)
    indicators: pl.DataFrame  # the project's indicators with each year's value, its number and unit, the trend
    procurement: pl.DataFrame
    services: pl.DataFrame
    procurement_wan: Decimal
    services_wan: Decimal
    purchases_listed: bool  # the document's listings name the project each line belongs to
    fund_checks: pl.DataFrame  # the checks of the form's totals against their parts


def _mark_disputed(frame: pl.DataFrame, disputed: Disputes) -> pl.DataFrame:
    """Add `disputed`: the row is printed where (its cell, or a line) one side of a failing check was printed."""
    flags = [
        not place_keys(page, box, lines).isdisjoint(disputed.places)
        for lines, page, box in frame.select("source_lines", "page", "box").rows()
    ]
    return frame.with_columns(pl.Series("disputed", flags, dtype=pl.Boolean))


def disputed_projects(tables: dict[str, pl.DataFrame]) -> frozenset[tuple[str, str]]:
    """(table_id, project) of every project whose form prints a money line that one side of a failing check holds:
    the lines its own page marks ⚠ (project_detail), so the list can mark the project before it is opened."""
    if "checks" not in tables:
        return frozenset()
    disputed = disputes(tables["checks"], tables.get("check_cells"))
    found: set[tuple[str, str]] = set()
    for name in ("project_funds", "project_expenses"):
        marked = _mark_disputed(model_table(tables, name), disputed).filter(pl.col("disputed"))
        found |= set(marked.select("table_id", "project").rows())
    return frozenset(found)


def stated_projects_total(figures: pl.DataFrame) -> dict | None:
    """The narrative's statement of the projects with performance targets and their money (编报绩效目标的项目5个，涉及
    项目预算资金3328.13万元), the first where it states one: what a document without project forms still says of its
    projects, and a total to set beside the forms' sum where it has them. None where it states none."""
    return first_row(figures.filter(pl.col("target") == "performance_targets_amount"))


def where(lines: list[int] | None, page: int | None) -> str:
    """第 N 页 for a cell of a PDF, 第 N 行 for a text export's line(s); "" when neither was recorded."""
    if page is not None:
        return f"第 {page} 页"
    if lines:
        return f"第 {'、'.join(_runs(sorted(set(lines))))} 行"
    return ""


def _runs(lines: list[int]) -> list[str]:
    """Consecutive lines as one run: [1802, …, 1808, 1810] -> ["1802–1808", "1810"]."""
    runs: list[list[int]] = []
    for line in lines:
        if runs and line == runs[-1][-1] + 1:
            runs[-1].append(line)
        else:
            runs.append([line])
    return [f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs]


def _fund_lines(funds: pl.DataFrame) -> pl.DataFrame:
    return (
        funds.filter(pl.col("item") != PRIOR_YEAR_ITEM)
        .with_columns(pl.col("item").replace_strict(FUND_PARTS, default="", return_dtype=pl.String).alias("part"))
        .sort(rank("item", FUND_PARTS), maintain_order=True)
        .select(
            "item",
            "part",
            pl.col("measure_printed").fill_null(pl.col("item")).alias("label"),
            "amount_wan",
            PRINTED_TEXT.alias("printed"),
            "page",
            "box",
            "source_lines",
        )
    )


def indicator_table(tables: dict[str, pl.DataFrame], budget_year: int) -> pl.DataFrame:
    """Every indicator of the document (the department's and each project's), in the document's order: its levels,
    name, target, each year's value as printed (`value_YYYY`, the document's three years), the budget year's number
    and unit (`value_YYYY_number`, `_unit`: the year's value, or a target that is not a long-term one), the trend of
    its numbers, whether its placement was inferred, the project a department goal belongs to, and where it is."""
    years = document_years(budget_year)
    indicators = model_table(tables, "performance_indicators")
    values = model_table(tables, "indicator_values")
    out = indicators.with_columns(
        pl.when(pl.col("project").is_null()).then(pl.lit("department")).otherwise(pl.lit("project")).alias("scope"),
        pl.col("project").alias("project_name"),
    )
    for year in years:
        of_year = values.filter(pl.col("year") == int(year)).select(
            "table_id",
            "indicator",
            pl.col("value_printed").alias(years.value_column(year)),
            pl.col("comparator").alias(f"{years.value_column(year)}_comparator"),
            pl.col("number").alias(f"{years.value_column(year)}_number"),
            pl.col("unit").alias(f"{years.value_column(year)}_unit"),
        )
        out = out.join(of_year, on=["table_id", "indicator"], how="left", maintain_order="left")
    current = years.value_column(years.budget)
    target_is_the_year = pl.col("goal_kind").fill_null("") != "long_term"
    out = out.with_columns(
        pl.coalesce(f"{current}_{part}", pl.when(target_is_the_year).then(pl.col(f"target_{part}"))).alias(
            f"{current}_{part}"
        )
        for part in ("number", "unit", "comparator")
    )
    goals = (
        model_table(tables, "project_goals")
        .filter(
            pl.col("scope") == "department", pl.col("goal_kind") == "annual", pl.col("linked_project").is_not_null()
        )
        .unique("goal_number", keep="first", maintain_order=True)
        .select("goal_number", pl.col("linked_project").alias("goal_project"), pl.lit("annual").alias("_kind"))
    )
    out = out.join(
        goals,
        left_on=["goal_number", "goal_kind"],
        right_on=["goal_number", "_kind"],
        how="left",
        maintain_order="left",
    ).with_columns(
        pl.when(pl.col("scope") == "department").then(pl.col("goal_project")).otherwise(None).alias("goal_project")
    )
    numeric = pl.col("target_number").is_not_null() | pl.col(f"{current}_number").is_not_null()
    trends = [_trend(row, years) for row in out.iter_rows(named=True)]
    return out.with_columns(numeric.alias("has_number"), pl.Series("trend", trends, dtype=pl.String))


def _trend(row: dict, years: Years) -> str | None:
    """How an indicator's value moves over the years the document prints (None: fewer than two years)."""
    stated = [
        (row[f"{years.value_column(year)}_number"], row[f"{years.value_column(year)}_unit"])
        for year in years
        if row[years.value_column(year)] is not None
    ]
    if len(stated) < 2:
        return None
    if any(number is None for number, _ in stated):
        return "文字，不作比较"
    if len({unit for _, unit in stated}) > 1:
        return "单位不同，不作比较"
    first, last = stated[0][0], stated[-1][0]
    return "上升" if last > first else "下降" if last < first else "持平"


def project_detail(tables: dict[str, pl.DataFrame], budget_year: int, key: str) -> ProjectDetail | None:
    """Everything the document prints about one project (by its key: code, else name); None if none has that key."""
    project = first_row(project_list(tables, budget_year).filter(pl.col("project_key") == key))
    if project is None:
        return None
    mine = (pl.col("table_id") == project["table_id"]) & (pl.col("project") == project["project_name"])
    disputed = disputes(tables["checks"], tables.get("check_cells")) if "checks" in tables else Disputes({})
    fund_rows = model_table(tables, "project_funds").filter(mine)
    funds = _fund_lines(fund_rows)
    printed = funds.filter(pl.col("printed") != BLANK)
    indicators = indicator_table(tables, budget_year).filter(mine)
    procurement = model_table(tables, "procurement")
    services = model_table(tables, "purchased_services")
    purchases_listed = (
        procurement["project_listed"].is_not_null().any() or services["project_listed"].is_not_null().any()
    )
    my_procurement = procurement.filter(pl.col("project_listed") == project["project_name"])
    my_services = services.filter(pl.col("project_listed") == project["project_name"])
    fund_checks = _checks_citing(tables, FORM_FUNDS_RULES, fund_rows)
    return ProjectDetail(
        project=project,
        funds=_mark_disputed(printed, disputed),
        blank_funds=funds.height - printed.height,
        changes=model_table(tables, "project_changes").filter(mine),
        expenses=_mark_disputed(model_table(tables, "project_expenses").filter(mine), disputed),
        goals=model_table(tables, "project_goals").filter(mine).sort("goal_kind", descending=True, maintain_order=True),
        indicators=_mark_disputed(indicators, disputed),
        procurement=my_procurement,
        services=my_services,
        procurement_wan=my_procurement["amount_wan"].sum() or Decimal(0),
        services_wan=my_services["amount_wan"].sum() or Decimal(0),
        purchases_listed=bool(purchases_listed),
        fund_checks=fund_checks,
    )


def _checks_citing(tables: dict[str, pl.DataFrame], rule_ids: tuple[str, ...], rows: pl.DataFrame) -> pl.DataFrame:
    """The checks of `rule_ids` citing one of `rows`' cells (check_cells, by place: page and box, or the text export's
    lines): found by their place, never by their words, so a project sharing its name, or the start of it, with
    another gets only its own checks. A row placed nowhere (no page, no lines) is cited by none."""
    checks, cells = tables.get("checks"), tables.get("check_cells")
    if checks is None or cells is None or rows.is_empty():
        return pl.DataFrame(schema={"rule_id": pl.String, "instance": pl.String, "status": pl.String})
    places = set().union(*(place_keys(*row) for row in rows.select("page", "box", "source_lines").rows()))
    mine = cells.filter(pl.col("rule_id").is_in(rule_ids)).select("rule_id", "instance", "page", "box", "source_lines")
    cited = {(rule, instance) for rule, instance, *place in mine.rows() if not places.isdisjoint(place_keys(*place))}
    cited_frame = pl.DataFrame(list(cited), schema={"rule_id": pl.String, "instance": pl.String}, orient="row")
    return checks.join(cited_frame, on=["rule_id", "instance"], how="semi", maintain_order="left")


def stated_steps(detail: ProjectDetail, budget_year: int) -> pl.DataFrame:
    """The steps from the year before's amount to the budget year's as the form states them: each line's stated
    change (item, change_wan), and what the stated changes leave unexplained as its own step. Empty where the form
    states no amount for the year before or no change per line."""
    years = document_years(budget_year)
    before = detail.project[years.budget_column(years.previous)]
    after = detail.project[years.budget_column(years.budget)]
    schema = {"item": pl.String, "change_wan": pl.Decimal(24, 6)}
    if before is None or after is None or detail.changes.is_empty():
        return pl.DataFrame(schema=schema)
    steps = [(item, change) for item, change in detail.changes.select("item", "change_wan").rows()]
    gap = after - before - sum((change for _, change in steps), Decimal(0))
    if gap:
        steps.append(("其他（未逐项说明）", gap))
    return pl.DataFrame(steps, schema=schema, orient="row")


# --- indicators page -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorFilter:
    scopes: tuple[str, ...] = ()  # department | project
    projects: tuple[str, ...] = ()  # project names
    kinds: tuple[str, ...] = ()  # long_term | annual
    level1: tuple[str, ...] = ()
    level2: tuple[str, ...] = ()
    numeric_only: bool = False
    search: str = ""  # in the name, the target or a year's value


def filter_indicators(indicators: pl.DataFrame, chosen: IndicatorFilter) -> pl.DataFrame:
    """Filters combine (AND); an empty choice does not filter; the search is literal."""
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
        value_columns = [c for c in rows.columns if c.startswith("value_") and c.removeprefix("value_").isdigit()]
        text = pl.concat_str([pl.col(c).fill_null("") for c in ("name", "target", *value_columns)], separator="\n")
        rows = rows.filter(text.str.contains(chosen.search, literal=True))
    return rows


def department_goals(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """The department's annual goals (as headed above their indicators) and the project each belongs to."""
    return (
        model_table(tables, "project_goals")
        .filter(pl.col("scope") == "department", pl.col("goal_kind") == "annual", pl.col("source") == "goal_heading")
        .select(
            "goal_number",
            "text",
            pl.col("linked_project").alias("project_name"),
            pl.col("linked_goal").alias("project_goal"),
            "source_lines",
            "page",
        )
        .sort("goal_number", maintain_order=True)
    )


def indicator_sources(indicators: pl.DataFrame, schedules: pl.DataFrame) -> dict[str, list[str]]:
    """The tables the department's and the projects' indicators are printed in: scope -> the tables' names."""
    names = dict(
        schedules.select(
            "table_id", pl.coalesce("number_printed", "title").fill_null(pl.col("table_id")).alias("name")
        ).rows()
    )
    out: dict[str, list[str]] = {}
    for scope, table_id in indicators.select("scope", "table_id").unique(maintain_order=True).rows():
        name = names.get(table_id, table_id)
        if name not in out.setdefault(scope, []):
            out[scope].append(name)
    return out
