"""Tables shaped for the grid and text shaped for the page, built from a snapshot's frames.

Pages call these through `data.cached(doc_id, builder, ...)`, so each is built once per snapshot
version and choice and the grid gets the same frame object run after run (ui.table then reuses
its Arrow form). Pure functions of their arguments; no streamlit calls.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from budgetlens.changes import narrative_comparisons
from budgetlens.projects import (
    IndicatorFilter,
    ProjectFilter,
    executing_units,
    filter_indicators,
    filter_projects,
)
from budgetlens.queries import ROOT_ID, code_table
from budgetlens.store import Snapshot
from budgetlens.years import years_in
from components.format import number, signed, signed_pct
from components.ui import plain, with_check_links, with_dashes

PRIOR_YEARS = {"stated": "", "new_project": "新增项目", "not_stated": "往年未列明"}
VERDICTS = {"pass": "一致", "fail": "不一致", "not_applicable": "无法核对"}


def composition_rows(composition: pl.DataFrame) -> pl.DataFrame:
    section = pl.when(pl.col("section") == "income").then(pl.lit("收入")).otherwise(pl.lit("支出"))
    return with_dashes(composition.with_columns(section.alias("section")), {"change_pct": signed_pct})


def project_rows(history: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(for the grid, for downloads): projects by change, largest cut first; the grid's earlier years
    and changes as text with "—" where the document gives none, the download's exact."""
    document = years_in(history.columns)
    exact = history.sort("change_wan", nulls_last=True).with_columns(
        pl.col("prior_years_status").replace_strict(PRIOR_YEARS, return_dtype=pl.String)
    )
    allocated = [
        [year for year in document.earlier if row[document.wording_column(year)] == "下达"]
        for row in exact.select(map(document.wording_column, document.earlier)).iter_rows(named=True)
    ]
    wording = ["、".join(years) + " 年为“下达”数" if years else "" for years in allocated]
    shown = with_dashes(
        exact.with_columns(pl.Series("wording", wording, dtype=pl.String)),
        {
            **{document.amount_column(year): number for year in document.earlier},
            "change_wan": signed,
            "change_pct": signed_pct,
        },
    )
    return shown, exact


def change_summary(history: pl.DataFrame) -> dict[str, int]:
    """How many projects rose, fell, stayed level, or are new (no earlier amount) between the pair's years."""
    change = pl.col("change_wan")
    return {
        "up": history.filter(change > 0).height,
        "down": history.filter(change < 0).height,
        "level": history.filter(change == 0).height,
        "new": history.filter(pl.col("prior_years_status") == "new_project").height,
        "unstated": history.filter(change.is_null() & (pl.col("prior_years_status") != "new_project")).height,
    }


def line_rows(lines: pl.DataFrame) -> pl.DataFrame:
    budget = years_in(lines.columns).budget
    note = pl.when(pl.col(f"in_{budget}")).then(pl.lit("")).otherwise(pl.lit(f"{budget} 年已无此项"))
    return lines.with_columns(note.alias("note"))


def trend_rows(trends: pl.DataFrame, chosen: tuple[str, ...]) -> pl.DataFrame:
    if chosen:
        trends = trends.filter(pl.col("trend").is_in(list(chosen)))
    return trends.with_columns(pl.col("project_name").fill_null("部门整体"))


def narrative_markdown(snapshot: Snapshot) -> str:
    """The narrative's year-on-year statements beside the tables' figures, one list item each (escaped)."""
    items = []
    for row in narrative_comparisons(snapshot).iter_rows(named=True):
        unit = "%" if row["unit"] == "%" else " 万元"
        stated = f"{signed(row['actual'])}{unit}" if row["actual"] is not None else "—"
        computed = f"{signed(row['expected'])}{unit}" if row["expected"] is not None else (row["note"] or "—")
        items.append(
            f"- **{VERDICTS[row['status']]}** · {plain(row['instance'])}：文字说明 {plain(stated)}；"
            f"{plain(row['expected_label'])}：{plain(computed)}"
        )
    return "\n".join(items)


def node_labels(table: pl.DataFrame) -> dict[str, str]:
    """A code table's nodes for the "展开到" selector: code → indented "code name"."""
    nodes = table.filter(pl.col("level") > 0)
    return {ROOT_ID: "全部"} | {
        row["code"]: f"{'　' * (row['level'] - 1)}{row['code']} {row['name']}" for row in nodes.iter_rows(named=True)
    }


def node_path(tree: pl.DataFrame, node: str) -> list[dict]:
    """The rows of `tree` from its root down to `node`."""
    path = [tree.filter(pl.col("id") == node).row(0, named=True)]
    while path[0]["parent"]:
        path.insert(0, tree.filter(pl.col("id") == path[0]["parent"]).row(0, named=True))
    return path


def code_rows(
    table: pl.DataFrame, measures: dict[str, str], node: str, failing: dict[int, list[str]], doc_id: str
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(listed, marked): the schedule's rows under `node` with every amount column, and the same rows
    for the grid beside the chart, a ⚠ before the name of a row in a failing check and a link to it."""
    listed = code_table(table, measures, node, failing)
    name = pl.when(pl.col("check_flag")).then(pl.lit("⚠ ") + pl.col("name")).otherwise(pl.col("name"))
    return listed, with_check_links(listed, doc_id).with_columns(name.alias("name"))


STAFFING = {"units": "单位构成", "establishment": "编制", "actual_staff": "在职实有", "retirees": "离退休"}


def staffing_markdown(counts: pl.DataFrame) -> dict[str, str]:
    """第一部分's counts by category (`STAFFING`): a bold title, then "label：count unit" per line, escaped."""
    return {
        category: "  \n".join(
            [f"**{title}**"]
            + [
                plain(f"{row['label']}：{row['count']} {row['unit']}")
                for row in counts.filter(pl.col("category") == category).iter_rows(named=True)
            ]
        )
        for category, title in STAFFING.items()
    }


def findings_markdown(findings: list) -> str:
    """What stands out (queries.standouts), one list item each, escaped."""
    return "\n".join(f"- {plain(finding.text)}" for finding in findings)


def project_listing(table: pl.DataFrame, chosen: ProjectFilter) -> tuple[pl.DataFrame, pl.DataFrame, dict[str, Any]]:
    """(matching, for the grid, totals): the projects `chosen` selects, the same with their executing
    units joined for the grid, and the sums the page states."""
    shown = filter_projects(table, chosen)
    listing = shown.with_columns(pl.col("executing_units").list.join("、").alias("units"))
    budget = years_in(table.columns).budget_column(years_in(table.columns).budget)
    totals = {
        budget: shown[budget].sum(),
        "procurement_yuan": shown["procurement_yuan"].sum(),
        "services_yuan": shown["services_yuan"].sum(),
    }
    return shown, listing, totals


def project_options(table: pl.DataFrame) -> tuple[dict[str, str], list[str], list[str]]:
    """(code → name, executing units, categories) for the project filters."""
    names = dict(zip(table["project_code"], table["project_name"], strict=True))
    return names, executing_units(table), sorted({c for c in table["category"].to_list() if c})


INDICATOR_SCOPES = {"department": "部门整体", "project": "项目"}
GOAL_KINDS = {"long_term": "长期目标", "annual": "年度目标"}


def indicator_options(indicators: pl.DataFrame) -> tuple[list[str], list[str], list[str]]:
    """(project names, 一级 names, 二级 names) for the indicator filters."""
    return tuple(sorted({v for v in indicators[c].to_list() if v}) for c in ("project_name", "level1", "level2"))


def indicator_listing(indicators: pl.DataFrame, chosen: IndicatorFilter) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(matching, for the grid): the indicators `chosen` selects, and the same with Chinese scope and
    goal kind and the project each belongs to."""
    shown = filter_indicators(indicators, chosen)
    listing = shown.with_columns(
        pl.col("scope").replace_strict(INDICATOR_SCOPES, return_dtype=pl.String),
        pl.col("goal_kind").replace_strict(GOAL_KINDS, return_dtype=pl.String),
        pl.coalesce("project_name", "goal_project", pl.lit("部门整体")).alias("belongs_to"),
    )
    return shown, listing
