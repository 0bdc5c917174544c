"""Every column of every shipped snapshot has a Chinese header: 数据与来源 shows any table a reader picks, and a field
name (char_x0, seq_printed) is not a header a Chinese reader can read. A new column without its words fails here."""

from __future__ import annotations

from budgetlens.column_words import column_header
from budgetlens.store import load_snapshot
from tests.conftest import SNAPSHOTS


def test_every_column_of_every_snapshot_has_a_chinese_header():
    unnamed = set()
    for manifest in sorted(SNAPSHOTS.glob("*/manifest.json")):
        for name, table in load_snapshot(manifest.parent).tables.items():
            unnamed |= {(name, column) for column in table.columns if column_header(column) == column}
    assert sorted(unnamed) == []
