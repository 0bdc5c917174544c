"""Checks: hold the document against itself. One rule per identity; results are data (`checks.parquet`).

`run_checks(tables, schedules, aliases)` returns the project-name resolution table and one row
per rule instance. Money is compared exactly; where the document itself rounds (percentages to
two places) the rule says so in `precision` and compares at that precision.
"""

from __future__ import annotations

import polars as pl

from budgetlens.checks import across, indicators, names, narrative, structure, within
from budgetlens.checks.model import SCHEMA, Rule, clear_cache
from budgetlens.ingest.tables import frame

ALL_RULES: list[Rule] = [
    *within.RULES,
    *across.RULES,
    *narrative.RULES,
    *indicators.RULES,
    *names.RULES,
    *structure.RULES,
]


def run_checks(
    tables: dict[str, pl.DataFrame], schedules: list[dict], aliases: list[dict[str, str]]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(project_names, checks) for a document's tables."""
    clear_cache()
    project_names = names.resolve_names(tables, aliases)
    results: list[dict] = []
    for check in within.CHECKS:
        results.extend(check(tables))
    results.extend(across.run(tables, project_names))
    results.extend(narrative.run(tables))
    results.extend(indicators.run(tables))
    results.extend(names.check_names(project_names, tables))
    results.extend(structure.run(schedules, tables))
    clear_cache()  # the row cache only lives for one run
    checks = frame(results, SCHEMA)
    return project_names, checks


__all__ = ["ALL_RULES", "run_checks"]
