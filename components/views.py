"""Tables shaped for the grid and text shaped for the page, built from a snapshot's frames.

Pages call these through `data.cached(doc_id, builder, ...)`, so each is built once per snapshot
version and choice and the grid gets the same frame object run after run (ui.table then reuses
its Arrow form). Pure functions of their arguments; no streamlit calls.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from budgetlens.projects import (
    IndicatorFilter,
    ProjectFilter,
    executing_units,
    filter_indicators,
    filter_projects,
)
from budgetlens.queries import source_text
from budgetlens.store import Snapshot
from budgetlens.years import years_in
from components.format import money, signed
from components.ui import NO_SOURCE, line_list, plain


def manifest_tables(snapshot: Snapshot) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(facts, schedules, files) of the snapshot's manifest, with Chinese headers."""
    manifest = snapshot.manifest
    facts = pl.DataFrame(
        {
            "项目": ["部门", "部门代码", "预算年度", "原文文件", "原文 SHA-256", "数据结构版本"],
            "内容": [
                manifest["department_name"],
                manifest["department_code"] or "—",
                str(manifest["budget_year"]),
                manifest["source"]["file"],
                manifest["source"]["sha256"],
                manifest["schema_version"],
            ],
        }
    )
    schedules = pl.DataFrame(manifest["schedules"]).select(
        pl.col("number").alias("附表"),
        pl.col("title").alias("名称"),
        pl.col("status")
        .replace_strict({"present": "有", "absent": "文件中没有"}, return_dtype=pl.String)
        .alias("状态"),
        pl.col("first_line").alias("起始行"),
        pl.col("last_line").alias("结束行"),
    )
    files = pl.DataFrame(
        [
            {"文件": name, "行数": entry["rows"], "SHA-256": entry["sha256"]}
            for name, entry in sorted(manifest["files"].items())
        ]
    )
    return facts, schedules, files


def glossary_markdown(glossary: pl.DataFrame, query: str) -> str:
    """第四部分's terms (those containing `query` in the term or its explanation), escaped, one paragraph each."""
    if query:
        glossary = glossary.filter(
            pl.col("term").str.contains(query, literal=True) | pl.col("explanation").str.contains(query, literal=True)
        )
    if glossary.is_empty():
        return "没有找到这个名词。"
    return "\n\n".join(
        f"**{plain(row['term'])}**  \n{plain(row['explanation'])}" for row in glossary.iter_rows(named=True)
    )


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


def check_cards(failures: pl.DataFrame, first: int, count: int, raw: list[str] | None) -> list[tuple[str, str]]:
    """(markdown, source) of failures[first:first+count]: the card's text (escaped), and both sides'
    lines of the document as one plain-text block, each side under its label and line numbers."""
    cards = []
    for row in failures.slice(first, count).iter_rows(named=True):
        values = {
            side: row[f"{side}_text"] if row[f"{side}_text"] is not None else money(row[side], row["unit"])
            for side in ("expected", "actual")
        }
        sides = [
            f"- {plain(row[side + '_label'])}：**{plain(value)}**（{line_list(row[side + '_lines'])}）"
            for side, value in values.items()
        ]
        difference = (
            f"\n- 差额（后者 − 前者）：**{plain(signed(row['difference']) + ' ' + row['unit'])}**"
            if row["difference"] is not None
            else ""
        )
        note = f"\n\n{plain(row['note'])}" if row["note"] else ""
        text = (
            f"**{plain(row['description_zh'])}**  \n:small[{plain(row['rule_id'] + ' · ' + row['instance'])}]\n\n"
            + "\n".join(sides)
            + difference
            + note
        )
        source = NO_SOURCE
        if raw is not None:
            source = "\n\n".join(
                f"{row[side + '_label']}（{line_list(row[side + '_lines'])}）\n{source_text(raw, row[side + '_lines'])}"
                for side in ("expected", "actual")
                if row[side + "_lines"]
            )
        cards.append((text, source))
    return cards
