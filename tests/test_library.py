"""The library: a folder ingested document by document, failures kept apart, unchanged documents skipped,
and a catalogue of every document."""

from __future__ import annotations

import shutil
from decimal import Decimal

import polars as pl

from budgetlens.library import DepartmentAliases, catalogue_row, discover, ingest_library, write_catalogue
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
    # three findings: percentages on p23 and p26 that their own amounts do not give (test_canonical_checks.py)
    assert first["jiangsu_jianchayuan_2018_bumen_yusuan"].findings == 3
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
        Decimal("21955.35"),
        Decimal("13994.31"),
        Decimal("5573.00"),
        Decimal("484.30"),
    )
    assert (row["department_key"], row["region"], row["level"], row["budget_year"], row["pages"]) == (
        "江苏省人民检察院",
        "江苏省",
        "省级",
        2018,
        31,
    )


def test_the_committed_catalogue_is_what_the_snapshots_give(tmp_path):
    committed = pl.read_parquet(SNAPSHOTS / "catalogue.parquet")
    for folder in ("hongshan_kejingju_2023", "jiangsu_gaoji_fayuan_2017_bumen_yusuan"):
        shutil.copytree(SNAPSHOTS / folder, tmp_path / "snapshots" / folder)
    shutil.copytree(ROOT / "data" / "aliases", tmp_path / "aliases")
    rebuilt = write_catalogue(tmp_path / "snapshots")
    assert rebuilt.to_dicts() == committed.filter(pl.col("doc_id").is_in(rebuilt["doc_id"].implode())).to_dicts()
    assert committed.height == len(discover(RAW))  # one row per document: a 说明 and its 表 are one


def test_the_department_alias_table_joins_names_with_a_reason_each():
    aliases = pl.read_csv(ROOT / "data" / "aliases" / "departments.csv")
    assert aliases["reason"].str.len_chars().min() > 20
    court = DepartmentAliases({"江苏省高级人民法院": ("法院", "a test alias")}, [])
    row = catalogue_row(SNAPSHOTS / "jiangsu_gaoji_fayuan_2017_bumen_yusuan", court)
    # The 2017 court document prints no 部门 line; its department comes from the title page (page 1).
    assert (row["department_printed"], row["department_key"]) == ("江苏省高级人民法院", "法院")
    assert row["department_join"] == "a test alias"


def test_a_later_document_is_held_against_the_earlier_ones_own_figures():
    checks = pl.read_parquet(SNAPSHOTS / "cross_checks.parquet")
    by_instance = {r["instance"]: r for r in checks.to_dicts()}

    def find(doc: str, words: str) -> dict:
        (row,) = [r for i, r in by_instance.items() if i.startswith(doc) and words in i]
        return row

    # 江苏省人民检察院 2018, p28: 一般公共预算财政拨款支出预算 21,940.96 万元，与上年相比增加 3,958.98 万元 → 17,981.98;
    # the 2017 document's 一般公共预算支出预算表 (p14) and 财政拨款收支预算总表 print 17,981.68. A real disagreement.
    wrong = find("jiangsu_jianchayuan_2018", "3,958.98")
    assert (wrong["status"], wrong["expected"], wrong["actual"]) == ("fail", Decimal("17981.98"), Decimal("17981.68"))
    assert (wrong["expected_page"], wrong["actual_doc"]) == (28, "jiangsu_jianchayuan_2017_bumen_yusuan")
    # 万里街道 2024, p32: “三公”经费 47.91 万元，比2023年预算增加25万元 → 22.91, the 2023 三公 合计 (p28).
    three = find("shanghai_putuo_wanlijiedao_2024", "“三公”经费")
    assert (three["status"], three["actual"], three["actual_page"]) == ("pass", Decimal("22.91"), 28)
    # p6: 财政拨款收入 15621.11 万元，比2023年预算减少876.75万元 → 16497.86; 2023 prints 164,978,640 元 (p10, p19):
    # 16,497.864 万元 on its side, agreeing at the two decimals the later text writes.
    income = find("shanghai_putuo_wanlijiedao_2024", "财政拨款收入")
    assert (income["status"], income["expected"]) == ("pass", Decimal("16497.86"))
    assert income["actual"] == Decimal("16497.864")
    # 江苏省人民检察院 2018, p28–29: "因公出国（境）费预算支出 100 万元，与上年预" | page number 28 | "算数相等。";
    # the 2017 document (p22) prints 110 万元. Read only since the page number is kept out of the sentence.
    travel = find("jiangsu_jianchayuan_2018", "因公出国")
    assert (travel["status"], travel["expected"], travel["actual"]) == ("fail", Decimal("100"), Decimal("110"))
    # p24: 基本支出预算数为 13,994.31 万元。与上年相比增加 1,670.85 万元 → 12,323.46; 2017's 收支预算总表 (p10) prints
    # 12,323.48. A real disagreement (the change is stated in the sentence after the figure's).
    basic = find("jiangsu_jianchayuan_2018", "基本支出预算数")
    assert (basic["status"], basic["expected"], basic["actual"]) == ("fail", Decimal("12323.46"), Decimal("12323.48"))
    assert checks.filter(pl.col("status") == "fail").height == 3
