"""The committed snapshot is exactly what the code produces now, and it is verified on load."""

from __future__ import annotations

import shutil

import pytest

from budgetlens.errors import SnapshotError
from budgetlens.pipeline import ingest_to_snapshot
from budgetlens.store import load_snapshot, verify_snapshot
from tests.conftest import DOC_ID, SNAPSHOTS, SOURCE


def test_fresh_ingest_is_byte_identical_to_committed(tmp_path):
    result = ingest_to_snapshot(SOURCE, tmp_path)
    committed = SNAPSHOTS / DOC_ID
    fresh_files = sorted(p.name for p in result.path.iterdir())
    assert fresh_files == sorted(p.name for p in committed.iterdir())
    differing = [name for name in fresh_files if (result.path / name).read_bytes() != (committed / name).read_bytes()]
    assert differing == [], f"rebuild the snapshot: python -m budgetlens ingest {SOURCE.relative_to(SOURCE.parents[2])}"


def test_manifest_lists_every_file_with_rows_and_checksum(snapshot):
    files = snapshot.manifest["files"]
    assert files["s03_expenditure.parquet"]["rows"] == 29
    assert files["s03_expenditure.parquet"]["schedule"] == "1-3"
    assert len(files["indicators.parquet"]["sha256"]) == 64
    assert snapshot.manifest["source"]["sha256"] == "ceddf65c6dc548f5238d3c1a15893290a192d66b7f3b13d7986036ad2ea9a5b1"
    assert snapshot.manifest["title"] == "洪山区科学技术和经济信息化局2023年部门预算编制说明"


def test_money_is_decimal_everywhere(snapshot):
    for name, table in snapshot.tables.items():
        for column, dtype in table.schema.items():
            if column.endswith(("_wan", "_yuan")):
                assert dtype.is_decimal(), f"{name}.{column} is {dtype}"
        assert "source_lines" in table.columns or name == "checks", name


def test_flipped_byte_is_caught(tmp_path):
    copy = tmp_path / DOC_ID
    shutil.copytree(SNAPSHOTS / DOC_ID, copy)
    target = copy / "s05_general_budget.parquet"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    with pytest.raises(SnapshotError, match=r"s05_general_budget\.parquet does not match"):
        load_snapshot(copy)
    with pytest.raises(SnapshotError, match=r"s05_general_budget\.parquet does not match"):
        verify_snapshot(copy)


def test_missing_file_and_missing_manifest(tmp_path):
    copy = tmp_path / DOC_ID
    shutil.copytree(SNAPSHOTS / DOC_ID, copy)
    (copy / "glossary.parquet").unlink()
    with pytest.raises(SnapshotError, match=r"glossary\.parquet"):
        load_snapshot(copy)
    (copy / "manifest.json").unlink()
    with pytest.raises(SnapshotError, match=r"no manifest\.json"):
        load_snapshot(copy)


def test_live_publish_is_atomic_for_a_reader(tmp_path, monkeypatch):
    """`--live`: readers that resolve the symlink once always get one whole version, never an error."""
    import os
    import threading

    from budgetlens import store
    from budgetlens.store import list_snapshots, load_snapshot, write_snapshot

    out = tmp_path / "snapshots"
    shutil.copytree(SNAPSHOTS / DOC_ID, out / DOC_ID)
    committed = load_snapshot(out / DOC_ID)
    manifest = {k: v for k, v in committed.manifest.items() if k not in ("files", "schema_version")}
    # The first live publish turns the plain folder into a version: the one step with an instant
    # without a snapshot (docs/OPERATIONS.md: do it before readers arrive). Readers come after.
    write_snapshot(committed.tables, {**manifest, "publish": 0}, out, DOC_ID, live=True)
    seen, errors, stop = [], [], threading.Event()

    def read_until_stopped() -> None:
        while not stop.is_set():
            try:
                loaded = load_snapshot((out / DOC_ID).resolve(), DOC_ID)
                assert len(loaded.tables) == len(committed.tables)
                seen.append(loaded.manifest["publish"])
            except Exception as err:  # every failure is what the test reports
                errors.append(repr(err))

    reader = threading.Thread(target=read_until_stopped)
    reader.start()
    try:
        for publish in range(1, 13):
            write_snapshot(committed.tables, {**manifest, "publish": publish}, out, DOC_ID, live=True)
    finally:
        stop.set()
        reader.join()
    assert errors == []
    assert len(set(seen)) >= 3  # the reader read while versions changed under it
    assert (out / DOC_ID).is_symlink()
    assert load_snapshot(out / DOC_ID).manifest["publish"] == 12

    def versions() -> list[str]:
        return sorted((p.name for p in out.iterdir() if p.name.startswith(f".{DOC_ID}@")), key=len)

    assert len(versions()) == 14  # the plain folder and 13 publishes: all replaced moments ago, all kept
    monkeypatch.setattr(store, "RETIRE_AFTER_S", 0)
    write_snapshot(committed.tables, {**manifest, "publish": 13}, out, DOC_ID, live=True)
    live = os.readlink(out / DOC_ID)
    assert len(versions()) == 2 and live in versions()  # the live one and the one before it
    assert [p.name for p in list_snapshots(out)] == [DOC_ID]
