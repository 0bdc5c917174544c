"""Checks: hold the document against itself. One rule per identity; results are data (`checks.parquet`).

One entry point and one rule list for every document: `run(tables, budget_year=…, aliases=…)` runs every rule of
`checks/canonical.py`'s `run` (a rule is ONE line there) on the canonical tables and returns a `Checked`: one row
per rule instance (`checks`), where each side was printed (`check_cells`: table, page, box, lines) and the reading
doubts (a failing check on cells read by OCR is the reader's doubt, set aside with its reason, never a finding).
Each rule answers from what the tables hold, never from the file's format: "not applicable", with the reason, where
the document lacks its inputs; where two rules check one identity on a table (the template's numbered schedules'
rules and the general ones), only one adds rows (`numbered.covered`, `canonical.numbered_elsewhere`).

The budget year (the manifest's) names the years a rule's description speaks of. Money is compared exactly; where
the document itself rounds (percentages to two places) the rule says so in `precision` and compares at that
precision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import polars as pl

from budgetlens.checks import canonical
from budgetlens.checks.model import Rule
from budgetlens.checks.ocr import ocr_doubts
from budgetlens.years import document_years

ALL_RULES: list[Rule] = canonical.RULES


@dataclass(frozen=True)
class Checked:
    checks: pl.DataFrame
    check_cells: pl.DataFrame
    reading_doubts: list[str] = field(default_factory=list)


def run(tables: dict[str, pl.DataFrame], *, budget_year: int | None, aliases: Sequence[dict[str, str]] = ()) -> Checked:
    """Every rule on a document's canonical tables; `budget_year` is the document's (its manifest's)."""
    checks, cells = canonical.run(tables, aliases)
    checks, doubts = ocr_doubts(checks, cells, tables.get("printed_cells"))
    if budget_year is not None:  # a description's {prior}/{previous}/{budget}: the document's years
        years = document_years(budget_year)
        for column in ("description_zh", "description_en"):
            checks = checks.with_columns(
                pl.col(column)
                .str.replace_all("{prior}", years.prior, literal=True)
                .str.replace_all("{previous}", years.previous, literal=True)
                .str.replace_all("{budget}", years.budget, literal=True)
            )
    return Checked(checks, cells, doubts)


__all__ = ["ALL_RULES", "Checked", "ocr_doubts", "run"]
