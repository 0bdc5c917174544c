"""The library's 类 and 三公 files (library_classes.parquet, library_three_public.parquet) as write_catalogue
builds them: their columns, of the model's types, and where each figure was printed. The committed catalogue has a
test of its own (tests/test_library.py); these two files were pinned only by the ingest's byte-identical snapshots."""

from __future__ import annotations

import shutil
from decimal import Decimal

import polars as pl

from budgetlens.canonical.model import SCHEMAS
from budgetlens.library import write_catalogue
from budgetlens.library_queries import CLASSES, THREE_PUBLIC_PARTS
from tests.conftest import ROOT, SNAPSHOTS

JIANGSU_COURT = "jiangsu_gaoji_fayuan_2017_bumen_yusuan"
DOCUMENTS = ("hongshan_kejingju_2023", JIANGSU_COURT)


def test_the_committed_library_files_are_what_the_snapshots_give(tmp_path):
    for folder in DOCUMENTS:
        shutil.copytree(SNAPSHOTS / folder, tmp_path / "snapshots" / folder)
    shutil.copytree(ROOT / "data" / "aliases", tmp_path / "aliases")
    write_catalogue(tmp_path / "snapshots")
    for name in (CLASSES, THREE_PUBLIC_PARTS):
        rebuilt = pl.read_parquet(tmp_path / "snapshots" / name)
        committed = pl.read_parquet(SNAPSHOTS / name).filter(pl.col("doc_id").is_in(DOCUMENTS))
        assert rebuilt.schema == committed.schema, name
        assert rebuilt.to_dicts() == committed.to_dicts(), name


def test_the_three_public_rows_say_where_they_were_printed():
    """江苏省高级人民法院 2017, p17 (一般公共预算“三公”经费支出预算表): 合计 2,599.37, 培训费 1,701.25 万元."""
    parts = pl.read_parquet(SNAPSHOTS / THREE_PUBLIC_PARTS).filter(pl.col("doc_id") == JIANGSU_COURT)
    rows = {row["item"]: row for row in parts.iter_rows(named=True)}
    assert (rows["total"]["amount_wan"], rows["total"]["amount_printed"], rows["total"]["page"]) == (
        Decimal("2599.37"),
        "2,599.37",
        17,
    )
    assert (rows["training"]["amount_wan"], rows["training"]["page"]) == (Decimal("1701.25"), 17)
    model = SCHEMAS["three_public"]
    assert all(parts.schema[column] == model[column] for column in parts.columns if column != "doc_id")
