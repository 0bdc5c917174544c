"""A file's identity (pdf/identity.py): read from its own first pages, or none where the file cannot be read."""

from __future__ import annotations

from pathlib import Path

from budgetlens.pdf.identity import read_identity

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"


def test_a_file_that_is_no_pdf_has_no_identity(tmp_path):
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\nnot a PDF after all\n")
    assert read_identity(damaged) is None
    assert read_identity(tmp_path / "missing.pdf") is None


def test_the_two_files_of_one_publication_say_who_and_what_they_are():
    tables = read_identity(RAW / "jiangsu_shengwei_bangongting_2017_bumen_yusuan_biao.pdf")
    words = read_identity(RAW / "jiangsu_shengwei_bangongting_2017_bumen_yusuan_wenjian.pdf")
    assert (tables.role, tables.year, tables.kind) == ("表", 2017, "部门预算")
    assert (words.role, words.year, words.kind) == ("说明", 2017, "部门预算")
