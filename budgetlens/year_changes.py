"""年度对比's queries over the canonical model: what the narrative states changed from the year before (each figure
with its stated change, the 上年 it implies), the 三公 total's stated change laid out over its parts' stated changes
(a waterfall), and the same figures shaped for the slope chart. Every document that states such changes gets them;
nothing here asks which format the document came in. Pure polars, exact Decimals.
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from budgetlens import project_queries as pq
from budgetlens.canonical.model import PRINTED_AT, model_table
from budgetlens.canonical_queries import THREE_PUBLIC_ZH
from budgetlens.checks.model import NOTHING_TO_COMPARE  # a rule's one row where nothing is compared
from budgetlens.money import CANONICAL_MONEY, change, percent
from budgetlens.years import document_years, years_in

WHOLE = "three_public_total"  # the total whose parts the narrative states changes of, item by item
UNSTATED_PART = "其余（文件未分项说明）"
FIGURE_ZH = THREE_PUBLIC_ZH  # the 三公 items by their names; any other figure by its label as printed
STATED_SCHEMA = {
    "target": pl.String,
    "name": pl.String,
    "compared_year": pl.Int16,
    "previous_wan": CANONICAL_MONEY,
    "amount_wan": CANONICAL_MONEY,
    "change_wan": CANONICAL_MONEY,
    "change_printed": pl.String,
    "statement": pl.String,
    **PRINTED_AT,
}


def _name(target: str, label: str | None, names: list[str] | None) -> str:
    if names:
        return "".join(names[-1:])  # a function item: its 项 (or 款, 类) name as written
    return FIGURE_ZH.get(target) or (label or target).removesuffix("为")


def stated_changes(figures: pl.DataFrame) -> pl.DataFrame:
    """Every figure the narrative states with its change from an earlier year (比上年增加 X, 持平): what it is, the
    year compared with, the 上年 amount it implies (amount − change, derived), the amount and the change as stated,
    and where (page and box, or lines). A figure stated twice alike is listed once."""
    if figures.is_empty() or "change_wan" not in figures.columns:
        return pl.DataFrame(schema=STATED_SCHEMA)
    stated = figures.filter(pl.col("change_wan").is_not_null(), pl.col("amount_wan").is_not_null())
    records = []
    seen = set()
    for row in stated.iter_rows(named=True):
        name = _name(row["target"], row["label"], row.get("names"))
        key = (row["target"], name, row["amount_wan"], row["change_wan"])
        if key in seen:
            continue
        seen.add(key)
        records.append({**row, "name": name, "previous_wan": row["amount_wan"] - row["change_wan"]})
    return pl.DataFrame(records, schema=STATED_SCHEMA)  # the schema's columns of each figure's row


EXECUTED_SCHEMA = {
    "name": pl.String,
    "names": pl.List(pl.String),
    "executed_year": pl.Int16,
    "executed_wan": CANONICAL_MONEY,
    "amount_wan": CANONICAL_MONEY,
    "change_wan": CANONICAL_MONEY,
    "rate_printed": pl.String,  # the document's own: 增加314.82%, 持平
    "rate_stated_pct": pl.Decimal(24, 6),  # signed, as stated
    "rate_pct": pl.Decimal(24, 6),  # ours from the stated amounts (null where the execution was 0)
    "statement": pl.String,
    **PRINTED_AT,
}


def executed_changes(figures: pl.DataFrame) -> pl.DataFrame:
    """Each function item whose narrative states its change from the year before's 预算执行数 (not its budget:
    narrative_figures' executed_*): its name, that execution, this year's amount, the change (amount − execution,
    exact), the rate the document prints and ours from the same amounts; the largest change first."""
    if figures.is_empty() or "executed_wan" not in figures.columns:
        return pl.DataFrame(schema=EXECUTED_SCHEMA)
    rows = figures.filter(pl.col("executed_wan").is_not_null(), pl.col("amount_wan").is_not_null())
    records = [
        {
            **row,  # names, executed_year, executed_wan, amount_wan, statement and where it is printed
            "name": "".join((row["names"] or [])[-1:]) or row["label"],
            "change_wan": row["amount_wan"] - row["executed_wan"],
            "rate_printed": row["executed_rate_printed"],
            "rate_stated_pct": row["executed_rate_pct"],
            "rate_pct": percent(row["amount_wan"] - row["executed_wan"], row["executed_wan"]),
        }
        for row in rows.iter_rows(named=True)
    ]
    found = pl.DataFrame(records, schema=EXECUTED_SCHEMA).with_row_index("order")
    return found.sort(pl.col("change_wan").abs(), "order", descending=[True, False]).drop("order")


def _parts(whole: str, three_public: pl.DataFrame, stated: dict[str, dict]) -> list[str]:
    """The parts of `whole` the narrative states changes of, one level down, or further down where a part's own
    change is not stated but its parts' are (公务用车购置费 and 运行费 for 公务用车购置及运行费)."""
    pairs = three_public.select("item", "parent_item").unique(maintain_order=True).rows()
    children: dict[str, list[str]] = {}
    for item, parent in pairs:
        if parent is not None and item not in children.get(parent, []):
            children.setdefault(parent, []).append(item)
    found = []
    for child in children.get(whole, []):
        if child in stated:
            found.append(child)
        else:
            found.extend(_parts(child, three_public, stated))
    return found


def stated_waterfall(changes: pl.DataFrame, three_public: pl.DataFrame) -> tuple[dict | None, pl.DataFrame]:
    """(the 三公 total's stated change, its steps): from its 上年 to its amount through each part's stated change,
    in the table's order, and the remainder the narrative does not give by part (whole − Σ parts), when not zero.
    (None, empty) where the narrative states no change of the 三公 total."""
    steps_schema = {"item": pl.String, "change_wan": CANONICAL_MONEY, "page": pl.Int16, "stated": pl.Boolean}
    by_target = {row["target"]: row for row in changes.iter_rows(named=True)}
    whole = by_target.get(WHOLE)
    if whole is None or three_public.is_empty():
        return None, pl.DataFrame(schema=steps_schema)
    parts = _parts(WHOLE, three_public, by_target)
    steps = [{**by_target[p], "item": by_target[p]["name"], "stated": True} for p in parts]  # its change and page
    rest = whole["change_wan"] - sum((s["change_wan"] for s in steps), Decimal(0))
    if rest:
        steps.append({"item": UNSTATED_PART, "change_wan": rest, "page": None, "stated": False})
    return whole, pl.DataFrame(steps, schema=steps_schema)


def all_flat(whole: dict, steps: pl.DataFrame) -> bool:
    """The stated change of the whole and of every part is zero (普陀区财政局 2024 决算 p23: the 三公 决算数 与 2023
    年度持平, each item 持平): nothing for a waterfall to draw."""
    return not whole["change_wan"] and not (steps["change_wan"].fill_null(0) != 0).any()


def stated_slope(changes: pl.DataFrame, budget_year: int) -> pl.DataFrame:
    """The figures stated against the year before, shaped for the slope chart (components.figures.slope_figure):
    one line per figure from 上年 (derived) to the budget year; the year before that is not stated (null)."""
    before, previous = budget_year - 2, budget_year - 1
    rows = changes.filter(pl.col("compared_year") == previous)
    return rows.select(
        (pl.col("target") + pl.lit(" ") + pl.col("name")).alias("project_key"),
        pl.col("name").alias("project_name"),
        pl.lit(None, CANONICAL_MONEY).alias(f"amount_{before}_wan"),
        pl.col("previous_wan").alias(f"amount_{previous}_wan"),
        pl.col("amount_wan").alias(f"amount_{budget_year}_wan"),
        pl.lit("stated").alias("prior_years_status"),
    )


def department_documents(catalogue: pl.DataFrame | None, doc_id: str) -> pl.DataFrame:
    """The library's other documents of this document's department (by `department_key`): doc_id and budget_year."""
    if catalogue is None:
        return pl.DataFrame(schema={"doc_id": pl.String, "budget_year": pl.Int16})
    key = catalogue.filter(pl.col("doc_id") == doc_id)["department_key"]
    if key.is_empty():
        return pl.DataFrame(schema={"doc_id": pl.String, "budget_year": pl.Int16})
    return catalogue.filter(pl.col("department_key") == key[0], pl.col("doc_id") != doc_id).select(
        "doc_id", "budget_year"
    )


def composition(funds: pl.DataFrame, before: str, after: str) -> pl.DataFrame:
    """The funds the document prints for several years (`funds_by_year`), one row per item in its order: section,
    item, is_total, `amount_<year>_wan` per year, its source lines, and the change from `before` to `after`
    (exact, and as a percentage of `before`, two places)."""
    keys = ["section", "seq", "item", "is_total"]
    wide = funds.sort("year").pivot(on="year", index=keys, values="amount_wan", aggregate_function="first")
    wide = wide.rename({column: f"amount_{column}_wan" for column in wide.columns if column not in keys})
    lines = funds.group_by(keys, maintain_order=True).agg(pl.col("source_lines").first())
    wide = lines.join(wide, on=keys, how="left", maintain_order="left")
    years = sorted(c for c in wide.columns if c.startswith("amount_"))
    return wide.select("section", "item", "is_total", *years, "source_lines").with_columns(
        *_change_columns(wide[f"amount_{before}_wan"].to_list(), wide[f"amount_{after}_wan"].to_list())
    )


def _change_columns(olds: list, news: list) -> tuple[pl.Series, pl.Series]:
    """`change_wan` (new − old, exact) and `change_pct` (of old, two places); null where either is not printed."""
    changes = [change(old, new) for old, new in zip(olds, news, strict=True)]
    percents = [percent(change, old) for change, old in zip(changes, olds, strict=True)]
    return (
        pl.Series("change_wan", changes, dtype=CANONICAL_MONEY),
        pl.Series("change_pct", percents, dtype=CANONICAL_MONEY),
    )


def total_change(funds: pl.DataFrame, before: str, after: str) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(the total income in `after`, its change from `before`, that change in percent) as the funds table prints
    them; None where a year's total is not printed."""
    totals = funds.filter(pl.col("section") == "income", pl.col("is_total"))
    by_year = dict(zip(map(str, totals["year"].to_list()), totals["amount_wan"].to_list(), strict=True))
    now, then = by_year.get(after), by_year.get(before)
    return now, change(then, now), percent(change(then, now), then)


NARRATIVE_CHANGE_RULES = ("narrative.changes", "narrative.percentages")  # the narrative's 与上年 statements, checked


def narrative_comparisons(checks: pl.DataFrame) -> pl.DataFrame:
    """The narrative's own comparisons with 上年, beside the same change recomputed from the tables (the checks of
    `NARRATIVE_CHANGE_RULES`, both sides with their lines)."""
    said = pl.col("rule_id").is_in(NARRATIVE_CHANGE_RULES) & (pl.col("instance") != NOTHING_TO_COMPARE)
    return checks.filter(said).select(
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


def with_library_checks(
    stated: pl.DataFrame,
    cross_checks: pl.DataFrame | None,
    doc_id: str,
    *,
    pages: str = "page",
    box: str = "box",
    lines: str = "source_lines",
) -> pl.DataFrame:
    """The stated changes with what the library's earlier document of the department prints for the same figure
    (the checks across documents, `cross_checks.parquet`, matched by the statement's box on its page, or by its
    lines in a text export; `pages` may name a list of pages, a statement running over a page break): its status
    (pass, fail, not_applicable), its own figure, the document and page. Null where no such check exists."""
    found: dict[tuple, dict] = {}
    if cross_checks is not None and not cross_checks.is_empty():
        # the earlier year's document (a 决算 against its year's 预算 is another check, shown apart)
        own = cross_checks.filter(pl.col("expected_doc") == doc_id, pl.col("rule_id") == "documents.prior_year")
        for row in own.iter_rows(named=True):
            if row["expected_box"] is not None:
                found[(row["expected_page"], tuple(row["expected_box"]))] = row
            elif row["expected_lines"]:
                found[("lines", tuple(row["expected_lines"]))] = row
    matched = []
    cited = stated[lines].to_list() if lines in stated.columns else [None] * stated.height
    for on, at, said in zip(stated[pages].to_list(), stated[box].to_list(), cited, strict=True):
        places = [] if at is None else [(page, tuple(at)) for page in (on if isinstance(on, list) else [on])]
        places += [("lines", tuple(said))] if said else []
        matched.append(next((found[place] for place in places if place in found), {}))
    return stated.with_columns(
        pl.Series("library_status", [m.get("status") for m in matched], dtype=pl.String),
        pl.Series("library_wan", [m.get("actual") for m in matched], dtype=CANONICAL_MONEY),
        pl.Series("library_doc", [m.get("actual_doc") for m in matched], dtype=pl.String),
        pl.Series("library_page", [m.get("actual_page") for m in matched], dtype=pl.Int16),
    )


# --- a project's history, its stated line changes, indicator trends: over the canonical tables -----------------


def project_history(tables: dict[str, pl.DataFrame], budget_year: int, pair: str | None = None) -> pl.DataFrame:
    """Every listed project's amount in each of the document's years (`amount_YYYY_wan`; an earlier year is the
    form's prior_year_total for that year in project_funds, `budget_YYYY_wording` 下达 where its basis is allocated,
    else 预算), its category, whether it is new, and the change over `pair` ("2022-2023"; None: the latest). Empty of
    earlier amounts where the document prints none. A new project (前两年预算安排情况：无) has no earlier amount and no
    change: it is new, not a rise from zero."""
    years = document_years(budget_year)
    listed = pq.project_list(tables, budget_year)
    history = listed.select(
        "project_key",
        "project_code",
        "project_name",
        "category",
        "prior_years_status",
        *(
            column
            for year in years.earlier
            for column in (
                pl.col(years.budget_column(year)).alias(years.amount_column(year)),
                pl.col(years.wording_column(year)),
            )
        ),
        pl.col(years.budget_column(years.budget)).alias(years.amount_column(years.budget)),
        "source_lines",
    )
    before, after = years.pairs[pair or years.latest_pair]
    return history.with_columns(
        *_change_columns(history[years.amount_column(before)].to_list(), history[years.amount_column(after)].to_list())
    )


def has_earlier_amounts(history: pl.DataFrame) -> bool:
    """Whether any project's earlier-year amount is printed (the 各项目 part has something to compare)."""
    earlier = [c for c in history.columns if c.startswith("amount_")][:-1]
    return history.height > 0 and any(history[c].null_count() < history.height for c in earlier)


def projects_with_line_changes(tables: dict[str, pl.DataFrame], history: pl.DataFrame) -> list[str]:
    """The keys of the projects whose form states its changes line by line (project_changes) and prints both the
    year before's amount and the budget year's, in the document's order."""
    years = years_in(history.columns)
    stated = model_table(tables, "project_changes")["project"].unique(maintain_order=True).to_list()
    both = history.filter(
        pl.col(years.amount_column(years.previous)).is_not_null(),
        pl.col(years.amount_column(years.budget)).is_not_null(),
    )
    keys = dict(zip(both["project_name"], both["project_key"], strict=True))
    return [keys[name] for name in stated if name in keys]


def line_changes(tables: dict[str, pl.DataFrame], budget_year: int, project_name: str) -> pl.DataFrame:
    """A project's expense lines in the budget year (project_expenses) and their amounts the year before, derived
    from the changes the form states (project_changes): 上年 = 当年 − stated change. A line named only in the changes
    has no budget-year line: its amount is 0 and the year before's is minus its change."""
    years = document_years(budget_year)
    now, before, present = years.amount_column(years.budget), years.amount_column(years.previous), f"in_{budget_year}"
    details = model_table(tables, "project_expenses").filter(
        pl.col("project") == project_name, ~pl.col("is_total"), pl.col("year") == budget_year
    )
    stated = {
        row["item"]: row
        for row in model_table(tables, "project_changes")
        .filter(pl.col("project") == project_name)
        .iter_rows(named=True)
    }
    records = []
    for row in details.iter_rows(named=True):
        change = stated.get(row["item"])
        delta = change["change_wan"] if change else Decimal(0)
        records.append(
            (
                row["item"],
                row["amount_wan"],
                delta,
                row["amount_wan"] - delta,
                True,
                change is not None,
                list(row["source_lines"] or []) + (list(change["source_lines"] or []) if change else []),
            )
        )
    listed = set(details["item"])
    records += [
        (item, Decimal(0), change["change_wan"], -change["change_wan"], False, True, list(change["source_lines"] or []))
        for item, change in stated.items()
        if item not in listed
    ]
    schema = {
        "item": pl.String,
        now: CANONICAL_MONEY,
        "change_wan": CANONICAL_MONEY,
        before: CANONICAL_MONEY,
        present: pl.Boolean,
        "change_stated": pl.Boolean,
        "source_lines": pl.List(pl.Int32),
    }
    return pl.DataFrame(records, schema=schema, orient="row")


def indicator_trends(tables: dict[str, pl.DataFrame], budget_year: int) -> pl.DataFrame:
    """The annual indicators (the department's and each project's) with a value in more than one year, and how the
    value moves where it is comparable: the 绩效指标 page's indicator table (budgetlens.project_queries)."""
    indicators = pq.indicator_table(tables, budget_year)
    return indicators.filter(pl.col("goal_kind") == "annual", pl.col("trend").is_not_null())
