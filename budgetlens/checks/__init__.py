"""Checks: hold the document against itself. One rule per identity; results are data (`checks.parquet`).

One entry point for every document: `run(tables, budget_year=…, aliases=…)` returns a `Checked`: one
row per rule instance (`checks`), where each side was printed (`check_cells`: table, page, box), the project-name
resolution and the reading doubts (a failing check on cells read by OCR is the reader's doubt, set aside with its
reason, never a finding). Which rules run is decided by what the tables hold, never by the file's format:

- the canonical rule set (`checks/canonical.py`, its `run` list: a rule over the canonical tables is ONE line there)
  runs on every document whose tables are the canonical model alone;
- a document that still carries the text export's own schedule tables (`s01_…`–`s14_…`: its template's rules not yet
  moved read them) runs that template's rule set, `TEMPLATE_EXPORT_RULES` below — one line per rule module; a module
  moved onto the canonical tables keeps its line, now reading the canonical tables (within.template_rules …).

The budget year (the manifest's) names the year columns the rules read and the years their descriptions speak of.
Money is compared exactly; where the document itself rounds (percentages to two places) the rule says so in
`precision` and compares at that precision.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import polars as pl

from budgetlens.checks import across, canonical, indicators, names, narrative, structure, within
from budgetlens.checks.model import SCHEMA, Rule, clear_cache
from budgetlens.checks.ocr import ocr_doubts
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


@dataclass(frozen=True)
class Inputs:
    """What a rule set may read besides the tables: the document's years, its alias table's rows, and the project
    names resolved through it."""

    years: Years
    aliases: Sequence[dict[str, str]] = ()
    project_names: pl.DataFrame | None = None


@dataclass(frozen=True)
class Checked:
    checks: pl.DataFrame
    check_cells: pl.DataFrame | None  # None where no rule of the set locates its sides by page and box
    project_names: pl.DataFrame | None = None  # the names 1-11/1-12/1-13 print resolved to projects (template set)
    reading_doubts: list[str] = field(default_factory=list)


Tables = dict[str, pl.DataFrame]
TEMPLATE_EXPORT_RULES: list[Callable[[Tables, Inputs], list[dict]]] = [
    lambda tables, given: within.run(tables, given.years),
    lambda tables, given: across.run(tables, given.project_names, given.years),
    lambda tables, given: narrative.run(tables, given.years),
    lambda tables, given: indicators.run(tables),  # reads the canonical tables only
    lambda tables, given: names.check_listed_names(given.project_names, tables),
    lambda tables, given: structure.run(tables),
]
TEMPLATE_EXPORT_TABLES = ("s14_projects", "s13_funds")  # the text export's own tables its remaining rules read


def _in_years(text: str | None, years: Years) -> str | None:
    """A rule's description with its {prior}/{previous}/{budget} placeholders made the document's years."""
    if text is None or "{" not in text:
        return text
    return text.replace("{prior}", years.prior).replace("{previous}", years.previous).replace("{budget}", years.budget)


def run(
    tables: Tables,
    *,
    budget_year: int | None,
    aliases: Sequence[dict[str, str]] = (),
) -> Checked:
    """Every rule that applies to a document's tables; `budget_year` is the document's (its manifest's)."""
    if not all(name in tables for name in TEMPLATE_EXPORT_TABLES):
        checks, cells = canonical.run(tables)
        checks, doubts = ocr_doubts(checks, cells, tables.get("printed_cells"))
        return Checked(checks, cells, reading_doubts=doubts)
    years = document_years(budget_year)
    clear_cache()
    given = Inputs(years, aliases, names.listed_names(tables, list(aliases)))
    results = [row for rules in TEMPLATE_EXPORT_RULES for row in rules(tables, given)]
    clear_cache()  # the row cache only lives for one run
    for row in results:
        row["description_zh"] = _in_years(row["description_zh"], years)
        row["description_en"] = _in_years(row["description_en"], years)
    return Checked(frame(results, SCHEMA), None, given.project_names)


def run_checks(
    tables: Tables, schedules: list[dict], aliases: list[dict[str, str]], budget_year: int
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(project_names, checks): `run` as the text export's callers had it (the contents are read from the canonical
    `schedules` now: `schedules` is not needed)."""
    checked = run(tables, budget_year=budget_year, aliases=aliases)
    return checked.project_names, checked.checks


__all__ = ["ALL_RULES", "Checked", "Inputs", "ocr_doubts", "run", "run_checks"]
