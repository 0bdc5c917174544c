"""docs/DATA.md documents every file and every column of the snapshot."""

from __future__ import annotations

import re

import pytest

from budgetlens.store import list_snapshots, load_snapshot
from tests.conftest import ROOT, SNAPSHOTS


def documented() -> dict[str, set[str]]:
    columns: dict[str, set[str]] = {}
    current: list[str] = []
    table_started = True
    for line in (ROOT / "docs" / "DATA.md").read_text(encoding="utf-8").splitlines():
        heading = re.findall(r"^### `([a-z0-9_]+)\.parquet`", line)
        names = re.findall(r"`([a-z0-9_]+)\.parquet`", line) if line.startswith("###") else []
        if heading:
            current = (current + names) if not table_started else names  # consecutive headings share a table
            table_started = False
            for name in names:
                columns.setdefault(name, set())
            continue
        cell = re.match(r"^\| `([a-z0-9_]+)` \|", line)
        if cell and current:
            table_started = True
            for name in current:
                columns[name].add(cell.group(1))
    return columns


@pytest.mark.parametrize("folder", list_snapshots(SNAPSHOTS), ids=lambda path: path.name)
def test_every_file_and_column_is_documented(folder):
    snapshot = load_snapshot(folder)
    docs = documented()
    undocumented_files = sorted(set(snapshot.tables) - set(docs))
    assert undocumented_files == []
    missing = {name: sorted(set(table.columns) - docs[name]) for name, table in snapshot.tables.items()}
    assert {name: cols for name, cols in missing.items() if cols} == {}
    stale = {
        name: sorted(cols - set(snapshot.tables[name].columns))
        for name, cols in docs.items()
        if name in snapshot.tables
    }
    assert {name: cols for name, cols in stale.items() if cols} == {}


@pytest.mark.parametrize("name", ["catalogue", "library_classes", "library_three_public", "cross_checks"])
def test_every_column_of_the_library_files_is_documented(name):
    import polars as pl

    columns = set(pl.read_parquet_schema(SNAPSHOTS / f"{name}.parquet"))
    documented_columns = documented().get(name, set())
    # cross_checks documents only its own columns beside the checks' (which checks.parquet documents).
    if name == "cross_checks":
        documented_columns |= documented()["checks"]
    assert sorted(columns - documented_columns) == []
