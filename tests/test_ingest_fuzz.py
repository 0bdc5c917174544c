"""Damaged copies of the document (fixed seed, bounded count): never a crash, never a partial snapshot.

Each mutation either stops with a clear error naming the line (and the previous snapshot stays as it
was), or ingests completely into a snapshot that verifies, and whose checks flag the change: if
what the document says (any table read from it, line numbers and placement notes aside) differs
from the committed snapshot, the set of checks that do not pass must differ too. The ingest runs
with the committed alias table, so the checks compare like for like. (With this seed: 67 stop with
an error, 21 complete with changed content and are flagged, 32 complete unchanged.)
"""

from __future__ import annotations

import hashlib
import random
import shutil

import polars as pl
import pytest

from budgetlens.__main__ import main
from budgetlens.store import Snapshot, load_snapshot
from tests.conftest import DOC_ID, ROOT, SNAPSHOTS, SOURCE

pytestmark = pytest.mark.fuzz

SEED = 20231
ALIASES = ROOT / "data" / "aliases" / f"{DOC_ID}.csv"
COUNT = 120
LINES = SOURCE.read_text(encoding="utf-8").split("\n")


def mutations() -> list[tuple[str, bytes]]:
    rng = random.Random(SEED)
    cases: list[tuple[str, bytes]] = []
    table_lines = [i for i, line in enumerate(LINES) if "\t" in line]
    for index in range(COUNT):
        kind = ["truncate", "delete", "duplicate", "swap", "bytes", "encoding"][index % 6]
        lines = list(LINES)
        if kind == "truncate":
            cut = rng.randrange(1, len(lines))
            lines = lines[:cut]
            data = "\n".join(lines).encode()
        elif kind == "delete":
            for _ in range(rng.randint(1, 5)):
                del lines[rng.randrange(len(lines))]
            data = "\n".join(lines).encode()
        elif kind == "duplicate":
            at = rng.randrange(len(lines))
            lines.insert(at, lines[at])
            data = "\n".join(lines).encode()
        elif kind == "swap":
            at = rng.choice(table_lines)
            cells = lines[at].split("\t")
            if len(cells) > 2:
                a, b = rng.sample(range(len(cells)), 2)
                cells[a], cells[b] = cells[b], cells[a]
            lines[at] = "\t".join(cells)
            data = "\n".join(lines).encode()
        elif kind == "bytes":
            raw = bytearray("\n".join(lines).encode())
            at = rng.randrange(len(raw))
            raw[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
            data = bytes(raw)
        else:
            data = "\n".join(lines).encode(rng.choice(["gb18030", "utf-16", "big5hkscs"]), errors="replace")
        cases.append((f"{index:02d}-{kind}", data))
    return cases


def content(snapshot: Snapshot) -> dict[str, pl.DataFrame]:
    """What the document says: every table read from it, without where and how each row was read
    (line numbers shift with any deleted or duplicated line; placement notes record the reading)."""
    return {
        name: table.select(c for c in table.columns if "line" not in c and not c.startswith("placement_"))
        for name, table in snapshot.tables.items()
        if name not in ("checks", "project_names")
    }


def not_passing(snapshot: Snapshot) -> set[tuple]:
    checks = snapshot.table("checks")
    return set(checks.filter(pl.col("status") != "pass").select("rule_id", "instance", "status").iter_rows())


@pytest.fixture(scope="module")
def committed() -> tuple[dict[str, pl.DataFrame], set[tuple]]:
    snapshot = load_snapshot(SNAPSHOTS / DOC_ID)
    return content(snapshot), not_passing(snapshot)


@pytest.mark.parametrize(("name", "data"), mutations(), ids=[name for name, _ in mutations()])
def test_damaged_document(name, data, tmp_path, capsys, committed):
    out = tmp_path / "snapshots"
    shutil.copytree(SNAPSHOTS / DOC_ID, out / DOC_ID)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (out / DOC_ID).iterdir()}
    source = tmp_path / "raw" / f"{DOC_ID}.txt"
    source.parent.mkdir()
    source.write_bytes(data)
    (tmp_path / "aliases").mkdir()  # the same alias table as the committed ingest, so checks compare like for like
    shutil.copy(ALIASES, tmp_path / "aliases" / ALIASES.name)

    status = main(["ingest", str(source), "--out", str(out)])  # any exception but IngestError fails the test

    if status == 1:
        message = capsys.readouterr().err
        assert "line " in message and "nothing was written" in message, message
        after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (out / DOC_ID).iterdir()}
        assert after == before
    else:
        assert status == 0
        ingested = load_snapshot(out / DOC_ID)  # complete and verified
        committed_content, committed_not_passing = committed
        changed = content(ingested)
        if changed.keys() != committed_content.keys() or any(
            not changed[name].equals(committed_content[name]) for name in changed
        ):
            assert not_passing(ingested) != committed_not_passing, "the content changed and no check noticed"
    assert sorted(p.name for p in out.iterdir()) == [DOC_ID]
