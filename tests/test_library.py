"""The library: a folder ingested document by document, failures kept apart, unchanged documents skipped,
and a catalogue of every document."""

from __future__ import annotations

import shutil
from decimal import Decimal

import polars as pl

from budgetlens.library import catalogue_row, discover, ingest_library, write_catalogue
from tests.conftest import ROOT, SNAPSHOTS

RAW = ROOT / "data" / "raw"


def quiet(done: int, total: int, label: str) -> None:
    pass


def test_parts_of_one_document_are_grouped_by_name(tmp_path):
    for name in ("a__1说明.pdf", "a__2表.pdf", "b.pdf", "c.txt", "notes.md"):
        (tmp_path / name).write_bytes(b"")
    found = {d.doc_id: [p.name for p in d.files] for d in discover(tmp_path)}
    assert found == {"a": ["a__1说明.pdf", "a__2表.pdf"], "b": ["b.pdf"], "c": ["c.txt"]}


def test_a_batch_keeps_going_past_a_bad_document_and_skips_unchanged_ones(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "snapshots"
    raw.mkdir()
    shutil.copy(RAW / "jiangsu_jianchayuan_2018_bumen_yusuan.pdf", raw)
    (raw / "broken.pdf").write_bytes((RAW / "jiangsu_jianchayuan_2017_bumen_yusuan.pdf").read_bytes()[:5000])
    first = {o.doc_id: o for o in ingest_library(raw, out, workers=2, progress=quiet)}
    assert first["jiangsu_jianchayuan_2018_bumen_yusuan"].status == "ingested"
    assert first["jiangsu_jianchayuan_2018_bumen_yusuan"].checks_failing == 0
    assert first["broken"].status == "failed" and "truncated" in first["broken"].reason
    assert not (out / "broken").exists()
    again = {o.doc_id: o.status for o in ingest_library(raw, out, workers=2, progress=quiet)}
    assert again == {"jiangsu_jianchayuan_2018_bumen_yusuan": "skipped", "broken": "failed"}
    catalogue = pl.read_parquet(out / "catalogue.parquet")
    assert catalogue["doc_id"].to_list() == ["jiangsu_jianchayuan_2018_bumen_yusuan"]
    # 公开01表 (pages 13-14): 支出合计 21,955.35 万元; 支出用途 基本支出 13,994.31, 项目支出 5,573.00 (page 13);
    # 公开09表 (page 19): “三公”经费 小计 484.30.
    row = catalogue.row(0, named=True)
    assert (row["total_wan"], row["basic_wan"], row["project_wan"], row["three_public_wan"]) == (
        Decimal("21955.35"), Decimal("13994.31"), Decimal("5573.00"), Decimal("484.30")
    )
    assert (row["department_key"], row["region"], row["level"], row["budget_year"], row["pages"]) == (
        "江苏省人民检察院", "江苏省", "省级", 2018, 31
    )


def test_the_committed_catalogue_is_what_the_snapshots_give(tmp_path):
    committed = pl.read_parquet(SNAPSHOTS / "catalogue.parquet")
    for folder in ("hongshan_kejingju_2023", "jiangsu_gaoji_fayuan_2017_bumen_yusuan"):
        shutil.copytree(SNAPSHOTS / folder, tmp_path / "snapshots" / folder)
    shutil.copytree(ROOT / "data" / "aliases", tmp_path / "aliases")
    rebuilt = write_catalogue(tmp_path / "snapshots")
    assert rebuilt.to_dicts() == committed.filter(pl.col("doc_id").is_in(rebuilt["doc_id"].implode())).to_dicts()
    assert committed.height == len(list(RAW.glob("*.pdf"))) + len(list(RAW.glob("*.txt")))


def test_the_department_alias_table_joins_names_with_a_reason_each():
    aliases = pl.read_csv(ROOT / "data" / "aliases" / "departments.csv")
    assert aliases["reason"].str.len_chars().min() > 20
    row = catalogue_row(SNAPSHOTS / "jiangsu_gaoji_fayuan_2017_bumen_yusuan", {"江苏省高级人民法院": "法院"})
    # The 2017 court document prints no 部门 line; its department comes from the title page (page 1).
    assert (row["department_printed"], row["department_key"]) == ("江苏省高级人民法院", "法院")
