"""The “三公”经费 page is one layout over the canonical model: the same features on the text export and on a PDF,
where the document prints their inputs. Values below were read off the rendered PDF pages (pdftoppm -r 100)."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.test_app import open_page, texts

WANLI_2024 = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"
JIANCHAYUAN_2018 = "jiangsu_jianchayuan_2018_bumen_yusuan"


def test_the_page_never_asks_the_format():
    page = (ROOT / "pages" / "three_public.py").read_text(encoding="utf-8")
    for word in ("is_pdf", "canonical_pages", "views", "s07_", "data.three_public", "data.schedule("):
        assert word not in page, word


def row_named(grid, name: str):
    return grid[grid["项目"].str.strip("　") == name].iloc[0]


def test_wanli_2024_stated_change_reasons_and_vehicle_cross_check():
    app = open_page("pages/three_public.py", doc=WANLI_2024)
    shown = texts(app)
    # page 32: "2024年“三公”经费预算数为47.91万元，比2023年预算增加25万元"
    assert "“三公”经费（万元） ⚠ 47.91 比 2023 年增加 25.00 万元" in shown
    assert "2024 年“三公”经费 **47.91 万元**，比 2023 年增加 25.00 万元。" in shown
    grid = app.dataframe[0].value
    # p31's note says the table is empty: its nonzero lines carry ⚠ (tests/test_three_public_marks.py)
    total = row_named(grid, "“三公”经费 ⚠")
    assert (total["金额"], total["增减"], total["上年（推算）"]) == (pytest.approx(47.91), "+25.00", "22.91")
    # page 32: "其中：公务用车购置费25万元，比2023年预算增加25万元，主要原因是购置公务用车"
    purchase = row_named(grid, "公务用车购置费 ⚠")
    assert (purchase["金额"], purchase["增减"], purchase["文件给出的原因"]) == (25.0, "+25.00", "购置公务用车")
    # page 32: "（三）公务接待费1.35万元。比2023年预算持平，主要原因是公务接待费保持不变" (a sentence of its own)
    reception = row_named(grid, "公务接待费 ⚠")
    assert (reception["增减"], reception["上年（推算）"], reception["文件给出的原因"]) == (
        "0.00",
        "1.35",
        "公务接待费保持不变",
    )
    # page 31 (三公 table) 运行费 21.56; page 30 (经济分类) 30231 公务用车运行维护费 215,600 元
    assert "公务用车运行费（部门“三公”经费和机关运行经费预算表）**21.56 万元**" in shown
    economic_table = "2024年部门一般公共预算基本支出部门预算经济分类预算表"
    assert f"经济科目 30231 公务用车运行维护费（{economic_table}）**21.56 万元**" in shown
    assert "本文件未列出政府采购预算表，无法对照公务用车的采购。" in shown


def test_jianchayuan_2018_meetings_change_and_procured_vehicle_services():
    app = open_page("pages/three_public.py", doc=JIANCHAYUAN_2018)
    shown = texts(app)
    grid = app.dataframe[0].value
    # page 29: "会议费预算支出 200.44 万元，比上年预算数增加 32.44 万元"
    meetings = row_named(grid, "会议费")
    assert (meetings["金额"], meetings["增减"], meetings["上年（推算）"]) == ("200.44", "+32.44", "168.00")
    assert row_named(grid, "公务用车购置费")["金额"] == "—"  # page 19: the cell is blank
    # page 22: 交通运行费 / 公务用车运行维护费 267.80, under it 车辆维修和保养服务 267.80 (万元)
    assert "采购合计 **267.80 万元**（1 行：“车辆维修和保养服务”），不超过运行费。" in shown
    vehicles = app.dataframe[1].value
    assert list(vehicles["item_name"]) == ["车辆维修和保养服务"]


def test_the_text_export_keeps_its_cross_check_and_reasons():
    app = open_page("pages/three_public.py")
    shown = texts(app)
    assert "统计范围 4 家单位" in shown  # line 2269: “三公”经费包括一级、二级单位 4 家。
    # line 333 (附表1-7) 公务用车运行费 4.40; line 311 (附表1-6) 30231 公务用车运行维护费 4.40
    assert "- 公务用车运行费（附表1-7）**4.40 万元**，" in shown
    assert "经济科目 30231 公务用车运行维护费（附表1-6）**4.40 万元**。" in shown


def opened_sources(doc: str | None = None):
    app = open_page("pages/three_public.py", **({"doc": doc} if doc else {}))
    app.session_state["three-public-lines"] = True  # open the 原文 expander
    app.run()
    return app


def test_the_source_view_shows_lines_or_page_images():
    app = opened_sources()
    sources = [code.value for code in app.code]
    assert sources[0].startswith("  333 │ 4.40 │ 0.00 │ 4.40")  # the 三公 table's line
    assert sources[1].startswith(" 2273 │ 一般公共预算财政拨款安排“三公”经费预算 4.4 万元，比 2022 年预算增加 0 万元")
    pdf = opened_sources(WANLI_2024)
    images = [node for node in pdf.expander[-1].children.values() if node.type == "image"]
    captions = [item.caption for image in images for item in image.proto.imgs]
    assert captions == ["第 31 页 · 部门“三公”经费和机关运行经费预算表", "第 32 页 · 文字说明"]


def test_a_final_account_s_cells_say_which_basis_each_row_is():
    """规划和自然资源局 2024 决算 p17: 合计 预算数 2.85, 决算数 0.39; 公务接待费 预算数 2.85, 决算数 0.39. The grid
    原表各格 lists both cells of each item: each row says which it is, in the table's own heading, not two rows both
    “三公”经费."""
    app = open_page("pages/three_public.py", doc="shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan")
    grid = app.dataframe[-1].value
    names = grid["项目"].str.strip("　").tolist()
    assert len(set(names)) == len(names)
    assert row_named(grid, "“三公”经费（预算数）")["原文"] == "2.85"
    assert row_named(grid, "“三公”经费（决算数）")["原文"] == "0.39"
    assert row_named(grid, "公务接待费（预算数）")["原文"] == "2.85"
    assert row_named(grid, "公务接待费（决算数）")["原文"] == "0.39"
