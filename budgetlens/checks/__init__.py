"""Checks: hold the document against itself. One rule per identity; results are data (`checks.parquet`).

`run_checks(tables, schedules, aliases, budget_year)` returns the project-name resolution table and one row per
rule instance; `tables` holds the text export's own tables and its canonical tables (the rules over 附表1-1 …
1-7, 1-11, 1-12 read only the canonical ones, through `numbered.py`); the budget year (the manifest's) names the
year columns the rules read and the years their descriptions speak of. Money is compared exactly; where the
document itself rounds (percentages to two places) the rule says so in `precision` and compares at that precision.
"""

from __future__ import annotations

import polars as pl

from budgetlens.checks import across, indicators, names, narrative, structure, within
from budgetlens.checks.model import SCHEMA, Rule, clear_cache
from budgetlens.frames import frame
from budgetlens.years import Years, document_years

ALL_RULES: list[Rule] = [
    *within.RULES,
    *across.RULES,
    *narrative.RULES,
    *indicators.RULES,
    *names.RULES,
    *structure.RULES,
]


def _in_years(text: str | None, years: Years) -> str | None:
    """A rule's description with its {prior}/{previous}/{budget} placeholders made the document's years."""
    if text is None or "{" not in text:
        return text
    return text.replace("{prior}", years.prior).replace("{previous}", years.previous).replace("{budget}", years.budget)


def run_checks(
    tables: dict[str, pl.DataFrame], schedules: list[dict], aliases: list[dict[str, str]], budget_year: int
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(project_names, checks) for a document's tables; `budget_year` is the document's (its manifest's)."""
    years = document_years(budget_year)
    clear_cache()
    project_names = names.resolve_names(tables, aliases)
    results: list[dict] = []
    results.extend(within.run(tables, years))
    results.extend(across.run(tables, project_names, years))
    results.extend(narrative.run(tables, years))
    results.extend(indicators.run(tables))  # reads the canonical tables only
    results.extend(names.check_names(project_names, tables))
    results.extend(structure.run(schedules, tables))
    clear_cache()  # the row cache only lives for one run
    for row in results:
        row["description_zh"] = _in_years(row["description_zh"], years)
        row["description_en"] = _in_years(row["description_en"], years)
    checks = frame(results, SCHEMA)
    return project_names, checks


__all__ = ["ALL_RULES", "run_checks"]
