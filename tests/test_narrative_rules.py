"""The narrative's rules (budgetlens/checks/narrative.py) over the canonical tables only.

The seed's 88 pinned narrative results (tests/golden/seed_checks.jsonl) come out of the rules run on its canonical
tables alone: every table of the text export's own (s01_… – s14_…, narrative_facts, profile_counts, goals, …) is
taken away first, so nothing but the canonical model can feed them.
"""

from __future__ import annotations

import json

import pytest

from budgetlens.canonical.model import SCHEMAS
from budgetlens.checks import narrative
from budgetlens.checks.model import SCHEMA
from budgetlens.frames import frame
from budgetlens.pipeline import aliases_path, checked_tables
from budgetlens.years import document_years
from tests.conftest import DOC_ID, ROOT, shared
from tests.test_seed_checks_pinned import GOLDEN, pinned_rows

NARRATIVE_RULES = {rule.id for rule in narrative.RULES}


@pytest.fixture(scope=shared)
def canonical_only(document) -> dict:
    """The seed's canonical tables and nothing else (the model's tables, by name)."""
    tables, _ = checked_tables(document, aliases_path(ROOT / "data", DOC_ID))
    kept = {name: table for name, table in tables.items() if name in SCHEMAS}
    assert "narrative_facts" not in kept and "s05_general_budget" not in kept and "profile_counts" not in kept
    assert kept["narrative_items"].height > 0
    return kept


def test_the_narrative_rules_give_the_88_pinned_results_from_the_canonical_tables_alone(canonical_only, document):
    results = narrative.run(canonical_only, document_years(document.budget_year))
    pinned = [
        line for line in GOLDEN.read_text(encoding="utf-8").splitlines()[1:] if json.loads(line)[0] in NARRATIVE_RULES
    ]
    assert len(pinned) == len(results) == 88
    assert pinned_rows(frame(results, SCHEMA))[1:] == pinned
