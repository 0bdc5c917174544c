"""The text export's 1,320 check results pinned before the rules moved to the canonical tables (issue 18).

tests/golden/seed_checks.jsonl holds one JSON array per result (the columns named on its first line), lines
sorted: its id (rule_id and instance; 1-13.shares has two "合计 占比", income and expenditure), status, both values
(number or text), the difference, the unit, both labels, the note and both sides' source lines. It was written once from the per-schedule rules (commit before the move) and is never regenerated
by a test: whatever path computes the seed's checks must give exactly these rows.
"""

from __future__ import annotations

import json

import polars as pl
import pytest

from budgetlens.pipeline import aliases_path, checked_tables
from tests.conftest import DOC_ID, ROOT, shared

GOLDEN = ROOT / "tests" / "golden" / "seed_checks.jsonl"
PINNED = (
    "rule_id",
    "instance",
    "status",
    "expected_label",
    "expected",
    "expected_text",
    "actual_label",
    "actual",
    "actual_text",
    "difference",
    "unit",
    "note",
    "expected_lines",
    "actual_lines",
)


def pinned_rows(checks: pl.DataFrame) -> list[str]:
    """The header, then each result as one JSON array of its pinned columns (amounts as exact decimal text), sorted."""
    lines = []
    for row in checks.select(PINNED).iter_rows():
        lines.append(json.dumps([str(v) if hasattr(v, "as_tuple") else v for v in row], ensure_ascii=False))
    return [json.dumps(PINNED), *sorted(lines)]


@pytest.fixture(scope=shared)
def seed_checks(document) -> pl.DataFrame:
    """The checks as the ingest computes them now, on the document read fresh from data/raw."""
    return checked_tables(document, aliases_path(ROOT / "data", DOC_ID))[1]


def test_the_seed_has_1320_results_34_failing(seed_checks):
    assert seed_checks.height == 1320
    assert seed_checks.filter(pl.col("status") == "fail").height == 34
    assert seed_checks.select("rule_id", "instance").unique().height == 1319  # 1-13.shares: 合计 占比 twice


def test_every_seed_result_is_the_pinned_one(seed_checks):
    pinned = GOLDEN.read_text(encoding="utf-8").splitlines()
    now = pinned_rows(seed_checks)
    assert len(pinned) == 1 + 1320
    gone, new = sorted(set(pinned) - set(now)), sorted(set(now) - set(pinned))
    assert not gone and not new, f"{len(gone)} pinned results changed or went, first {gone[:2]}; new {new[:2]}"
    assert now == pinned
