"""The 三公 grid beside the library's earlier document of the department: where the 上年 this document's narrative
implies differs from what the earlier document printed, the row carries ⚠ and the sentence under the grid names both
figures. Values off the rendered pages (pdftoppm -r 90):

江苏省人民检察院 2018 p19: 因公出国（境）费 100.00; p28–29: 因公出国（境）费预算支出 100 万元，与上年预算相等
(→ 2017: 100); p29: 公务接待费预算支出 116.5 万元，本年数小于上年预算数 40.05 万元 (→ 156.55).
江苏省人民检察院 2017 p16 (一般公共预算“三公”经费、会议费、培训费支出预算表): 因公出国（境）费 110.00,
公务接待费 156.55.
"""

from __future__ import annotations

import polars as pl
import pytest

from budgetlens import canonical_queries as cq
from budgetlens import year_changes as yc
from budgetlens.store import load_snapshot
from components import three_public_view as view
from tests.conftest import SNAPSHOTS, per_module

LATER, EARLIER = "jiangsu_jianchayuan_2018_bumen_yusuan", "jiangsu_jianchayuan_2017_bumen_yusuan"
YEARS = ((EARLIER, 2017),)


@pytest.fixture(scope=per_module)
def checked() -> pl.DataFrame:
    snapshot = load_snapshot(SNAPSHOTS / LATER)
    lines = cq.three_public_lines(
        snapshot.table("three_public"), snapshot.table("narrative_figures"), snapshot.table("execution_statements")
    )
    cross = pl.read_parquet(SNAPSHOTS / "cross_checks.parquet")
    return yc.with_library_checks(lines, cross, LATER, pages="statement_pages", box="statement_box")


def _row(listing: pl.DataFrame, name: str) -> dict:
    return listing.filter(pl.col("项目").str.contains(name, literal=True)).row(0, named=True)


def test_the_row_whose_prior_year_the_earlier_document_contradicts_carries_the_mark(checked):
    listing = view.listing(checked, YEARS)
    overseas = _row(listing, "因公出国（境）费")
    assert overseas["项目"].endswith("⚠")
    assert str(overseas["上年（推算）"]) == "100.000000"
    assert overseas[view.LIBRARY_COLUMN] == "⚠ 本库 2017 年文件自己的数为 110.00 万元（第 16 页）"
    reception = _row(listing, "公务接待费")  # stated over a page break (p28–29): matched on its own page
    assert not reception["项目"].endswith("⚠")
    assert reception[view.LIBRARY_COLUMN] == "与本库 2017 年文件一致（第 16 页）"


def test_the_sentence_under_the_grid_names_both_figures(checked):
    assert view.library_disagreements(checked, YEARS) == (
        "标 ⚠ 的项与本库上一年文件不一致，两者照原文列出。因公出国（境）费：由本文件所述增减推算的 2017 年数为 "
        "100.00 万元，本库 2017 年文件自己的数为 110.00 万元（第 16 页）。"
    )


def test_without_the_library_the_grid_has_no_such_column(checked):
    listing = view.listing(checked.drop("library_status", "library_wan", "library_doc", "library_page"))
    assert view.LIBRARY_COLUMN not in listing.columns
    assert not any(name.endswith("⚠") for name in listing["项目"])


def test_the_total_without_a_stated_change_names_the_parts_that_have_one(checked):
    shown = cq.three_public_shown(checked)
    assert view.summary_markdown(shown, 2018, final=False) == (
        "2018 年“三公”经费 **484.30 万元**，文字说明中没有读到合计与上年的比较；"
        "读到了因公出国（境）费、公务用车运行费、公务接待费与上年的比较（见下表）。"
    )
