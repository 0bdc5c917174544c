from __future__ import annotations

from pathlib import Path

import pytest

from budgetlens.ingest import Document, read_document
from budgetlens.store import Snapshot, load_snapshot

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "raw" / "hongshan_kejingju_2023.txt"
SNAPSHOTS = ROOT / "data" / "snapshots"
DOC_ID = SOURCE.stem


@pytest.fixture(scope="session")
def document() -> Document:
    """The document read fresh from data/raw by the current code."""
    return read_document(SOURCE)


@pytest.fixture(scope="session")
def snapshot() -> Snapshot:
    """The committed snapshot, verified against its manifest."""
    return load_snapshot(SNAPSHOTS / DOC_ID)


@pytest.fixture(scope="session")
def source_lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").split("\n")
