"""A document read from two PDFs (省委办公厅 2017: its 说明 and its 表) cites pages numbered on across both files; every
page says how those numbers map onto the files, so a reader holding the 表 PDF finds 第 16 页 (the 支出预算总表 the
overview cites) at its page 3. Page counts: the 说明 PDF has 13 pages, the 表 PDF 14 (its page 3 is 二、支出预算总表,
rendered and looked at by the tour of 2026-12-07)."""

from __future__ import annotations

from budgetlens.canonical.said import page_numbering
from budgetlens.store import load_snapshot
from tests.conftest import SNAPSHOTS
from tests.page_text import seen
from tests.test_app import open_page

BANGONGTING_2017 = "jiangsu_shengwei_bangongting_2017_bumen_yusuan"
MAPPING = (
    "本文件由 2 个 PDF 组成，页码接续编排："
    "第 1–13 页是第 1 个 PDF（共 13 页）的第 1–13 页；"
    "第 14–27 页是第 2 个 PDF（共 14 页）的第 1–14 页。"
)


def test_a_two_file_document_says_how_its_page_numbers_map_onto_its_files():
    assert page_numbering(load_snapshot(SNAPSHOTS / BANGONGTING_2017).manifest) == MAPPING
    app = open_page("pages/overview.py", doc=BANGONGTING_2017)
    assert MAPPING in [seen(caption.value) for caption in app.caption]  # as the reader sees the escaped text


def test_a_one_file_document_says_nothing_of_it():
    assert page_numbering(load_snapshot(SNAPSHOTS / "jiangsu_jianchayuan_2018_bumen_yusuan").manifest) is None
