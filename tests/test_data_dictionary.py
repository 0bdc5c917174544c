"""docs/DATA.md documents every file and every column of the snapshot."""

from __future__ import annotations

import re

from tests.conftest import ROOT


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


def test_every_file_and_column_is_documented(snapshot):
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
