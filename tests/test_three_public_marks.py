"""三公: a line a failing check of the document disputes carries ⚠ after its name in the grid, as 概览 and the brief
mark it, and a sentence under the grid names each with what the check sets against it. 万里街道 2024 p31 (rendered
at 70 dpi): 合计 47.91, 因公出国(境)费 0, 公务接待费 1.35, 小计 46.56, 购置费 25, 运行费 21.56, 机关运行经费 443.18,
and under the table 注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。"""

from __future__ import annotations

import polars as pl

from budgetlens import overview_queries as oq
from budgetlens import year_changes as yc
from budgetlens.store import load_snapshot
from components import year_changes_view as changes_view
from tests.conftest import SNAPSHOTS
from tests.test_app import open_page, texts

WANLI_2024 = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"
JIANCHAYUAN_2018 = "jiangsu_jianchayuan_2018_bumen_yusuan"
JIANCHAYUAN_2017 = "jiangsu_jianchayuan_2017_bumen_yusuan"


def test_every_nonzero_line_under_a_note_saying_none_is_marked():
    app = open_page("pages/three_public.py", doc=WANLI_2024)
    grid = next(grid.value for grid in app.dataframe if "项目" in grid.value.columns)
    marked = {name.strip("　").removesuffix(" ⚠"): name.endswith(" ⚠") for name in grid["项目"]}
    assert marked == {
        "“三公”经费": True,
        "因公出国（境）费": False,  # 0: not a nonzero amount the note contradicts
        "公务用车购置及运行费": True,
        "公务用车购置费": True,
        "公务用车运行费": True,
        "公务接待费": True,
        "机关运行经费": True,
    }
    assert (
        "标 ⚠ 的数字，文件自身对不上：“三公”经费 47.91、公务用车购置及运行费 46.56、公务用车购置费 25.00、"
        "公务用车运行费 21.56、公务接待费 1.35、机关运行经费 443.18："
        "表下注明本表为空（或无此类预算）的表，不列出非零金额。"
    ) in texts(app).replace("\\", "")


def test_a_document_without_such_a_dispute_marks_only_what_the_library_contradicts():
    app = open_page("pages/three_public.py", doc=JIANCHAYUAN_2018)
    grid = next(grid.value for grid in app.dataframe if "项目" in grid.value.columns)
    assert [name.strip("　") for name in grid["项目"] if name.endswith("⚠")] == ["因公出国（境）费 ⚠"]
    assert "文件自身对不上" not in texts(app)


def test_the_stated_changes_download_says_which_rows_the_grid_marks():
    """检察院 2017 p19: 基本支出预算数为12323.46万元 (p10's 收支预算总表 prints 12,323.48: a failing check); 检察院 2018
    p28: 因公出国（境）费…与上年预算数相等 (100), where the 2017 document's p16 prints 110.00."""
    cross = pl.read_parquet(SNAPSHOTS / "cross_checks.parquet")
    for doc_id, marked in (
        (JIANCHAYUAN_2017, "基本支出预算数"),
        (JIANCHAYUAN_2018, "因公出国（境）费"),
    ):
        snapshot = load_snapshot(SNAPSHOTS / doc_id)
        stated = yc.with_library_checks(yc.stated_changes(snapshot.table("narrative_figures")), cross, doc_id)
        disputed = oq.disputed_statements(snapshot.table("checks"), snapshot.tables.get("check_cells"), stated)
        download = changes_view.stated_download(stated, disputed)
        failed = download.filter(pl.col("check_failed"))["name"].to_list()
        assert marked in failed, (doc_id, failed)
        assert download.filter(pl.col("name") == "项目支出预算数")["check_failed"].to_list() == [False]
