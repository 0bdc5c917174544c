"""Checks: hold the document against itself. One rule per identity; results are data (`checks.parquet`).

One entry point and one rule list for every document: `run(tables, aliases=…)` runs every rule of
`checks/canonical.py`'s `run` (a rule is ONE line there) on the canonical tables and returns a `Checked`: one row
per rule instance (`checks`), where each side was printed (`check_cells`: table, page, box, lines) and the reading
doubts (a failing check on cells read by OCR is the reader's doubt, set aside with its reason, never a finding).
Each rule answers from what the tables hold, never from the file's format: "not applicable", with the reason, where
the document lacks its inputs; where two rules check one identity on a table (the template's numbered schedules'
rules and the general ones), only one adds rows (`numbered.covered`, `canonical.numbered_elsewhere`). Money is
compared exactly; where the document itself rounds (percentages to two places) the rule says so in `precision`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import polars as pl

from budgetlens.checks import canonical
from budgetlens.checks.model import Rule
from budgetlens.checks.ocr import ocr_doubts

ALL_RULES: list[Rule] = canonical.RULES


@dataclass(frozen=True)
class Checked:
    checks: pl.DataFrame
    check_cells: pl.DataFrame
    reading_doubts: list[str] = field(default_factory=list)


def run(tables: dict[str, pl.DataFrame], aliases: Sequence[dict[str, str]] = ()) -> Checked:
    """Every rule on a document's canonical tables (`aliases`: its alias table's rows, for names.resolved)."""
    checks, cells = canonical.run(tables, aliases)
    checks, doubts = ocr_doubts(checks, cells, tables.get("printed_cells"))
    return Checked(checks, cells, doubts)


__all__ = ["ALL_RULES", "Checked", "ocr_doubts", "run"]
