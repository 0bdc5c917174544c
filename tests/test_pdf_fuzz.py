"""Damaged copies of a PDF (fixed seed, 300 copies): never a traceback, never a half-written snapshot.

The copies are of a 4-page excerpt of 上海市财政局 2025 单位预算 (cover, contents, narrative, 财务收支预算总表),
made in memory with pypdfium2, so 300 readings take seconds. Damage of three kinds: bytes changed in an
object's header or dictionary (a page pdfium then cannot load), a run of random bytes anywhere, a content
stream garbled. Each copy either stops with an `IngestError` whose message names the file, or reads with
every page it could not read named in `reading_warnings` (file and page) and `unreadable_pages`. One copy in
six is ingested into a snapshot: a failed ingest leaves the previous snapshot as it was; a finished one
verifies against its manifest.
"""

from __future__ import annotations

import io
import random
import re
from pathlib import Path

import polars as pl
import pypdfium2 as pdfium
import pytest

from budgetlens.canonical.document import read_pdf_document
from budgetlens.errors import IngestError
from budgetlens.pipeline import ingest_pdf
from budgetlens.store import load_snapshot, read_manifest
from tests.conftest import ROOT

pytestmark = pytest.mark.fuzz

SEED = 1919
COPIES = 300
BATCH = 30
INGEST_EVERY = 6
SOURCE = ROOT / "data" / "raw" / "shanghai_shi_caizhengju_2025_danwei_yusuan.pdf"
EXCERPT_PAGES = [0, 1, 5, 6]  # cover, contents, 单位预算编制说明, 财务收支预算总表


def excerpt() -> bytes:
    whole = pdfium.PdfDocument(SOURCE)
    part = pdfium.PdfDocument.new()
    part.import_pages(whole, EXCERPT_PAGES)
    buffer = io.BytesIO()
    part.save(buffer)
    return buffer.getvalue()


def damaged(base: bytes, index: int, rng: random.Random) -> bytes:
    data = bytearray(base)
    kind = index % 3
    if kind == 0:  # an object's header or dictionary
        objects = [m.start() for m in re.finditer(rb"\d+ 0 obj", base)]
        at = rng.choice(objects)
        for _ in range(rng.randint(1, 6)):
            data[at + rng.randrange(40)] = rng.randrange(256)
    elif kind == 1:  # a run of random bytes anywhere
        at = rng.randrange(len(data))
        run = min(rng.randint(10, 400), len(data) - at)
        data[at : at + run] = bytes(rng.randrange(256) for _ in range(run))
    else:  # a content stream garbled
        starts = [m.end() for m in re.finditer(rb"stream\r?\n", base)]
        at = rng.choice(starts)
        run = rng.randint(5, 200)
        data[at : at + run] = bytes(rng.randrange(256) for _ in range(run))
    return bytes(data)


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("damaged")
    base = excerpt()
    rng = random.Random(SEED)
    paths = []
    for index in range(COPIES):
        path = folder / f"copy_{index:03d}.pdf"
        path.write_bytes(damaged(base, index, rng))
        paths.append(path)
    intact = folder / "intact.pdf"
    intact.write_bytes(base)
    return [intact, *paths]


def snapshot_state(folder: Path) -> tuple[dict, list[str]]:
    return read_manifest(folder), sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("batch", range(COPIES // BATCH))
def test_damaged_copies_never_end_in_a_traceback(copies, batch, tmp_path):
    out = tmp_path / "snapshots"
    ingest_pdf([copies[0]], out, doc_id="excerpt")  # the previous snapshot a failed ingest must leave alone
    outcomes: dict[str, int] = {}
    for path in copies[1 + batch * BATCH : 1 + (batch + 1) * BATCH]:
        index = int(path.stem.split("_")[1])
        before = snapshot_state(out / "excerpt")
        try:
            if index % INGEST_EVERY == 0:
                result = ingest_pdf([path], out, doc_id="excerpt")
                document = result.document
                load_snapshot(out / "excerpt")  # verifies every file against the manifest
            else:
                document = read_pdf_document([path], "excerpt")
        except IngestError as err:
            assert str(err).startswith(path.name), f"{path.name}: the message does not name the file: {err}"
            assert snapshot_state(out / "excerpt") == before, f"{path.name}: a failed ingest changed the snapshot"
            outcomes["refused"] = outcomes.get("refused", 0) + 1
            continue
        warnings = document.tables["reading_warnings"].filter(pl.col("kind") == "unreadable_page")
        named = sorted(warnings["page"].to_list())
        assert named == sorted(u["page"] for u in document.unreadable_pages)
        assert all(path.name in message for message in warnings["message"])
        outcomes["read"] = outcomes.get("read", 0) + 1
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")], "staging folders left behind"
    assert sum(outcomes.values()) == BATCH


def test_some_copies_lose_pages_and_say_which(copies):
    """The damage this test makes does reach pages: some copies read with pages named as unreadable (else
    the test above would prove nothing about them)."""
    named = 0
    for path in copies[1:61:3]:  # damaged object headers
        try:
            document = read_pdf_document([path], "excerpt")
        except IngestError:
            continue
        named += len(document.unreadable_pages)
    assert named > 0
