"""Every committed PDF snapshot is exactly what the code reads now from data/raw (tests/test_snapshot.py holds the
text export to the same). A test that reads a stored snapshot tests the reading only while the snapshot is current:
a change to a reader with the snapshots left as they were would pass those tests on yesterday's reading. About
0.3 s a document."""

from __future__ import annotations

import json

import pytest

from budgetlens.pipeline import ingest_pdf
from tests.conftest import ROOT, SNAPSHOTS

PDF_SNAPSHOTS = sorted(
    path.name
    for path in SNAPSHOTS.iterdir()
    if (path / "manifest.json").is_file() and json.loads((path / "manifest.json").read_text())["format"] == "pdf"
)


def test_the_corpus_pdfs_have_snapshots():
    assert len(PDF_SNAPSHOTS) == 10, PDF_SNAPSHOTS


@pytest.mark.parametrize("doc_id", PDF_SNAPSHOTS)
def test_a_fresh_reading_is_byte_identical_to_the_committed_snapshot(doc_id, tmp_path):
    committed = SNAPSHOTS / doc_id
    manifest = json.loads((committed / "manifest.json").read_text())
    sources = [ROOT / "data" / "raw" / source["file"] for source in manifest["sources"]]
    fresh = ingest_pdf(sources, tmp_path, doc_id=doc_id).path
    names = sorted(path.name for path in fresh.iterdir())
    assert names == sorted(path.name for path in committed.iterdir())
    differing = [name for name in names if (fresh / name).read_bytes() != (committed / name).read_bytes()]
    assert differing == [], f"rebuild the snapshots: python -m budgetlens ingest data/raw/ ({doc_id}: {differing})"
