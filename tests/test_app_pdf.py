"""Every page runs on every document read from its PDF, and shows the document's printed values.

The values below were read off the rendered PDF pages (page numbers as printed in the PDF viewer)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SNAPSHOTS
from tests.test_app import open_page, texts

PDF_DOCS = sorted(
    p.parent.name for p in SNAPSHOTS.glob("*/manifest.json") if json.loads(p.read_text()).get("format") == "pdf"
)
ALL_PAGES = [
    "pages/overview.py",
    "pages/by_function.py",
    "pages/by_economic.py",
    "pages/three_public.py",
    "pages/projects.py",
    "pages/indicators.py",
    "pages/purchases.py",
    "pages/changes.py",
    "pages/checks.py",
    "pages/data_sources.py",
]
JIANGSU = "jiangsu_jianchayuan_2018_bumen_yusuan"
PUTUO = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"


def test_there_are_pdf_documents():
    assert len(PDF_DOCS) >= 6


@pytest.mark.parametrize("doc", PDF_DOCS)
@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_page_runs_on_every_pdf_document(page, doc):
    app = open_page(page, doc=doc)
    assert not app.error, [e.value for e in app.error]
    assert app.title, "the page shows its title"


def test_overview_jiangsu_headline_from_the_tables():
    shown = texts(open_page("pages/overview.py", doc=JIANGSU)).replace("**", "")
    assert "2018 年支出总计 21,955.35 万元（公开03表：支出预算总表 第 15 页" in shown  # 支出总表's 合计
    assert "基本支出（万元） 13,994.31" in shown and "项目支出（万元） 5,573.00" in shown  # 公开03表 page 15
    assert "“三公”经费（万元）" in shown
    assert "公开07表：一般公共预算支出预算表（第 17、18 页） · 合计 21,940.96 万元" in shown


def test_overview_putuo_exact_total_from_yuan():
    shown = texts(open_page("pages/overview.py", doc=PUTUO)).replace("**", "")
    assert "2024 年支出总计 15,621.1123 万元" in shown  # 合计 156,211,123 元
    assert "原文 156,211,123 元" in shown
    assert "“三公”经费：47.91 万元" in shown  # page 31


def test_by_function_jiangsu_general_budget_table():
    app = open_page("pages/by_function.py", doc=JIANGSU)
    shown = texts(app)
    assert "公开07表：一般公共预算支出预算表" in shown and "资金范围：一般公共预算" in shown
    grid = app.dataframe[0].value
    total = grid[grid["科目名称"] == "合计"]
    assert float(total["合计（万元）"].iloc[0]) == pytest.approx(21940.96)
    assert int(total["页码"].iloc[0]) == 17
    assert list(app.get("button_group")[0].options) == ["合计"]  # a Jiangsu table prints only 金额


def test_by_function_putuo_measures_as_printed():
    app = open_page("pages/by_function.py", doc=PUTUO)
    options = [o for o in app.get("button_group")[0].options]
    assert options == ["合计", "基本支出", "项目支出"]
    grid = app.dataframe[0].value
    total = grid[grid["科目名称"] == "合计"]
    assert float(total["合计（万元）"].iloc[0]) == pytest.approx(15621.1123)
    assert int(total["页码"].iloc[0]) == 26


def test_three_public_putuo_parts_and_note():
    app = open_page("pages/three_public.py", doc=PUTUO)
    shown = texts(app)
    assert "“三公”经费（万元） 47.91" in shown
    assert "机关运行经费（万元） 443.18" in shown
    assert "本文件未列出会议费、培训费" in shown
    assert "注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。" in shown
    grid = app.dataframe[0].value
    assert float(grid[grid["原文"] == "25"]["金额（万元）"].iloc[0]) == pytest.approx(25.0)  # 购置费


def test_three_public_jiangsu_meetings_and_training():
    shown = texts(open_page("pages/three_public.py", doc=JIANGSU))
    assert "会议费（万元）" in shown and "培训费（万元）" in shown


def test_checks_on_pdf_cite_tables_and_pages():
    app = open_page("pages/checks.py", doc=PUTUO, view="all")
    grid = app.dataframe[0].value
    assert "expected_where" in grid.columns
    compared = grid[grid["status"].isin(["通过", "没有通过"])]
    assert len(compared) > 100
    assert compared["expected_where"].str.contains(r"第 [\d、]+ 页").all()
    cited = compared["actual_where"].str.contains(r"第 [\d、]+ 页")
    assert (cited | (compared["actual_where"] == "原件中无对应单元格")).all() and cited.mean() > 0.9


def test_projects_page_names_what_the_pdf_lacks():
    shown = texts(open_page("pages/projects.py", doc=PUTUO))
    assert "本文件未包含项目支出表。" in shown
    assert "本文件未包含项目支出绩效目标表。" in shown


def test_data_sources_manifest_lists_the_pdf_with_its_checksum():
    app = open_page("pages/data_sources.py", doc=PUTUO, view="manifest")
    frames = [frame.value for frame in app.dataframe]
    sources = next(f for f in frames if "sha256" in f.columns and "文件" in f.columns)
    assert sources["文件"].iloc[0] == f"{PUTUO}.pdf"
    assert len(sources["sha256"].iloc[0]) == 64


def test_checks_card_on_pdf_shows_both_sides_pages():
    app = open_page("pages/checks.py", doc=PUTUO)
    shown = texts(app)
    failing = app.metric[0].value
    if failing == "0 项":
        pytest.skip("no failing check in this snapshot")
    assert "部门“三公”经费和机关运行经费预算表 第 31 页" in shown


def test_pdf_source_region_outlines_the_cell():
    from PIL import Image

    from components import pdf_source

    manifest = json.loads((SNAPSHOTS / PUTUO / "manifest.json").read_text())
    found = pdf_source.source_file(manifest["sources"], 31)
    assert found is not None and found[0] == f"{PUTUO}.pdf" and found[2] == 30
    box = (65.3, 241.1, 167.1, 310.4)  # the 三公 合计 cell, 47.91, page 31
    png = pdf_source.region_png(str(pdf_source.RAW / found[0]), found[2], box, 0.0)
    image = Image.open(__import__("io").BytesIO(png)).convert("RGB")
    # the outline's red is drawn at the cell's left edge, one margin (or the page edge) in
    x = int((box[0] - max(0.0, box[0] - pdf_source.MARGIN_X)) * pdf_source.SCALE)
    y = int((box[1] + box[3]) / 2 - max(0.0, box[1] - pdf_source.MARGIN_Y)) * int(pdf_source.SCALE)
    assert any(image.getpixel((x + dx, y))[0] > 180 and image.getpixel((x + dx, y))[1] < 80 for dx in range(-8, 4))
