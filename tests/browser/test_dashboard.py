"""The dashboard in a real browser: every page at laptop and phone width, drill-down, shared links."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    assert_renders_cleanly,
    errors_on_page,
    horizontal_overflow,
    resize_for_screenshot,
    save_screenshot,
    wait_for_charts,
    wait_until_idle,
)

pytestmark = pytest.mark.browser

# url path -> (name for the screenshot, charts the page draws, a text the page must show)
PAGES = {
    "overview": ("overview", 2, "21,225.47 万元"),
    "function": ("function", 1, "全部支出"),
    "economic": ("economic", 1, "工资福利支出"),
    "checks": ("checks", 0, "发现的矛盾（16 处，涉及 34 项核对）"),
    "data": ("data", 0, "快照清单"),
    "changes": ("changes", 1, "部门收支构成"),
    "three-public": ("three_public", 1, "与其他表对照"),
    "projects": ("projects", 0, "打开项目。"),
    "indicators": ("indicators", 0, "部门年度目标与所属项目"),
    "purchases": ("purchases", 4, "政府购买服务明细"),
}


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", list(PAGES))
def test_page_renders_cleanly(base_url, showing, path, width):
    name, charts, must_show = PAGES[path]
    page = showing(f"{base_url}/{path}", width)
    assert_renders_cleanly(page, charts, must_show, f"{name}_{width}.png", width)


def test_drill_into_the_function_tree(base_url, page_at):
    page = page_at(1280)
    page.goto(f"{base_url}/function")
    wait_until_idle(page)
    wait_for_charts(page, 1)
    before = page.locator(".js-plotly-plot").first.inner_text()
    page.get_by_role("combobox", name="展开到").click()
    page.keyboard.type("20601")
    page.get_by_role("option", name=re.compile("20601 科学技术管理事务")).click()
    wait_until_idle(page)
    wait_for_charts(page, 1)
    expect(page.get_by_text("表中此行列示 1,035.12 万元")).to_be_visible()
    assert re.search(r"[?&]node=20601\b", page.url)
    after = page.locator(".js-plotly-plot").first.inner_text()
    assert after != before and "2060199" in after
    grid = page.locator('[data-testid="stDataFrame"]').first
    expect(grid).to_be_visible()
    save_screenshot(page, "function_drilled_1280.png")


def test_a_shared_link_restores_the_view(base_url, page_at):
    page = page_at(1280)
    page.goto(f"{base_url}/function?node=20601&measure=basic_wan&chart=sunburst")
    wait_until_idle(page)
    wait_for_charts(page, 1)
    expect(page.get_by_text("839.25 万元").first).to_be_visible()
    expect(page.get_by_text("表中此行列示 839.24 万元")).to_be_visible()
    assert page.locator(".js-plotly-plot .sunburstlayer").count() == 1
    expect(page.get_by_role("combobox", name="展开到")).to_have_value(re.compile("20601 科学技术管理事务"))
    assert "node=20601" in page.url and "measure=basic_wan" in page.url


def test_an_invalid_link_falls_back_with_a_notice(base_url, page_at):
    page = page_at(390)
    page.goto(f"{base_url}/function?node=%3Cscript%3Ealert(1)%3C%2Fscript%3E&measure=x")
    wait_until_idle(page)
    expect(page.get_by_text("不是有效的选项")).to_be_visible()
    assert errors_on_page(page) == []
    assert "<script>" not in page.content().split("</head>", 1)[1].replace("&lt;script&gt;", "")


def test_overview_leads_to_the_checks(base_url, page_at):
    page = page_at(1280)
    page.goto(f"{base_url}/overview")
    wait_until_idle(page)
    page.get_by_text("数据核对：发现 16 处矛盾").click()
    wait_until_idle(page)
    expect(page.get_by_text("发现的矛盾（16 处，涉及 34 项核对）")).to_be_visible()
    assert "/checks" in page.url


def test_selecting_a_project_shows_its_three_years(base_url, page_at):
    page = page_at(390)
    page.goto(f"{base_url}/changes?view=projects")
    wait_until_idle(page)
    wait_for_charts(page, 1)
    page.get_by_role("combobox", name="选择一个项目").click()
    page.keyboard.type("科学技术研究")
    page.get_by_role("option", name="科学技术研究与开发资金").click()
    wait_until_idle(page)
    for value in ("13,381.00", "23,000.00", "18,000.00"):
        expect(page.get_by_text(value, exact=True).filter(visible=True).first).to_be_visible()
    assert "project=420111220670310000109" in page.url
    assert horizontal_overflow(page) <= 0
    resize_for_screenshot(page, 390, 2600)
    save_screenshot(page, "changes_project_390.png")


def test_a_long_page_shows_one_part_at_a_time(base_url, page_at):
    page = page_at(1280)
    page.goto(f"{base_url}/changes")
    wait_until_idle(page)
    wait_for_charts(page, 1)
    expect(page.get_by_text("16 个项目中，比 2022 年增加的 2 个、减少的 12 个")).to_be_visible()
    assert page.get_by_role("heading", name="各项目预算").count() == 0
    page.get_by_role("radio", name="明细变化").click()
    wait_until_idle(page)
    wait_for_charts(page, 1)
    expect(page.get_by_text("2022 年预算 23,000.00 万元 → 2023 年 18,000.00 万元")).to_be_visible()
    assert page.locator(".js-plotly-plot .waterfalllayer").count() >= 1
    assert "view=details" in page.url
    page.reload()  # the link keeps the part
    wait_until_idle(page)
    expect(page.get_by_text("2022 年预算 23,000.00 万元 → 2023 年 18,000.00 万元")).to_be_visible()


def test_downloads_open_on_demand_and_hold_the_rows_on_screen(base_url, page_at):
    page = page_at(390)
    page.goto(f"{base_url}/function?node=20601")
    wait_until_idle(page)
    page.get_by_role("button", name=re.compile("下载这 4 行")).click()
    wait_until_idle(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="下载 CSV").click()
    csv = download.value.path().read_text(encoding="utf-8-sig")
    assert download.value.suggested_filename == "hongshan_kejingju_2023_function_20601.csv"
    rows = csv.strip().splitlines()
    assert len(rows) == 5 and rows[1].startswith("20601,科学技术管理事务,2,1035.12,839.24,195.88,")
    save_screenshot(page, "downloads_390.png")


def test_a_check_card_shows_both_sides_lines(base_url, page_at):
    page = page_at(390)
    page.goto(f"{base_url}/checks")
    wait_until_idle(page)
    page.get_by_text("两边在原文中的行").first.click()
    expect(page.get_by_text(re.compile("166 │ 20601 │ 科学技术管理事务 │ 1035.12")).first).to_be_visible()
    assert horizontal_overflow(page) <= 0
    save_screenshot(page, "checks_card_390.png")


@pytest.mark.parametrize("width", [1280, 390])
def test_projects_search_filter_open_and_back(base_url, page_at, width):
    page = page_at(width)
    page.goto(f"{base_url}/projects")
    wait_until_idle(page)
    page.get_by_role("textbox", name=re.compile("搜索项目名称")).fill("审计")
    page.keyboard.press("Enter")
    wait_until_idle(page)
    expect(page.get_by_text(re.compile(r"^2 个项目"))).to_be_visible()
    page.get_by_role("combobox", name="执行单位").click()
    page.get_by_role("option", name="发展规划与政策法规科").click()
    page.keyboard.press("Escape")
    wait_until_idle(page)
    expect(page.get_by_text(re.compile(r"^1 个项目，合计 39\.56 万元"))).to_be_visible()
    assert "q=" in page.url and "unit=" in page.url
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()  # at 390 px the incomplete-document notice above pushes it below the fold
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 14, box["y"] + 36 + 18)  # the first row's selection box
    wait_until_idle(page)
    expect(page.get_by_role("heading", name="评审、审计、调研、绩效评价费用")).to_be_visible()
    assert "project=420111220670310000108" in page.url
    assert horizontal_overflow(page) <= 0
    resize_for_screenshot(page, width, 2600)
    save_screenshot(page, f"project_detail_{width}.png")
    page.get_by_text("返回项目列表").click()
    wait_until_idle(page)
    save_screenshot(page, f"project_back_{width}.png")
    expect(page.get_by_text(re.compile(r"^1 个项目，合计 39\.56 万元"))).to_be_visible()
    assert "project=" not in page.url and "unit=" in page.url and "q=" in page.url


# documents read from their PDFs: (doc, url path) -> (screenshot name, charts, a printed value the page must show)
PDF_PAGES = {
    ("shanghai_putuo_wanlijiedao_2024_bumen_yusuan", "overview"): ("pdf_putuo_overview", 1, "15,621.1123"),
    ("shanghai_putuo_wanlijiedao_2024_bumen_yusuan", "function"): ("pdf_putuo_function", 1, "功能分类预算表"),
    ("shanghai_putuo_wanlijiedao_2024_bumen_yusuan", "three-public"): ("pdf_putuo_three_public", 1, "47.91"),
    ("shanghai_putuo_wanlijiedao_2024_bumen_yusuan", "checks"): ("pdf_putuo_checks", 0, "发现的矛盾"),
    ("jiangsu_jianchayuan_2018_bumen_yusuan", "overview"): ("pdf_jiangsu_overview", 1, "21,955.35"),
    ("jiangsu_jianchayuan_2018_bumen_yusuan", "function"): ("pdf_jiangsu_function", 1, "公开07表"),
    ("jiangsu_jianchayuan_2018_bumen_yusuan", "three-public"): ("pdf_jiangsu_three_public", 1, "会议费"),
    ("jiangsu_jianchayuan_2018_bumen_yusuan", "checks"): ("pdf_jiangsu_checks", 0, "发现的矛盾"),
    # 决算: 预算执行 and the overview (page 21: 年初预算 2993.92; page 10: 合计 2,940.05; 规划 page 21: 10210.34,
    # page 10: 9759.38)
    ("shanghai_putuo_caizhengju_2024_bumen_juesuan", "execution"): ("final_caizheng_execution", 1, "2,993.92"),
    ("shanghai_putuo_caizhengju_2024_bumen_juesuan", "overview"): ("final_caizheng_overview", 1, "2,940.05"),
    ("shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan", "execution"): ("final_guihua_execution", 1, "10,210.34"),
    ("shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan", "overview"): ("final_guihua_overview", 1, "9,759.38"),
}


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("doc_path", list(PDF_PAGES), ids=[f"{name}" for name, *_ in PDF_PAGES.values()])
def test_pdf_document_page_renders_cleanly(base_url, showing, doc_path, width):
    doc, path = doc_path
    name, charts, must_show = PDF_PAGES[doc_path]
    page = showing(f"{base_url}/{path}?doc={doc}", width)
    assert_renders_cleanly(page, charts, must_show, f"{name}_{width}.png", width)


def test_pdf_check_card_shows_the_page_region(base_url, page_at):
    page = page_at(1280)
    page.goto(f"{base_url}/checks?doc=shanghai_putuo_wanlijiedao_2024_bumen_yusuan")
    wait_until_idle(page)
    page.get_by_text("两边在原件中的位置").first.click()
    wait_until_idle(page)
    image = page.locator('[data-testid="stImage"] img').first
    expect(image).to_be_visible()
    expect(page.get_by_text("第 31 页").first).to_be_visible()
    assert errors_on_page(page) == []
    resize_for_screenshot(page, 1280, 2000)
    save_screenshot(page, "pdf_putuo_checks_source_1280.png")


def test_execution_row_shows_its_numbers_in_the_pdf(base_url, page_at):
    """预算执行 on 财政局's 决算: the largest gap, 行政运行 (2010601), opened: its 决算数 on page 15 and the narrative's
    statement on page 22, both as page images."""
    page = page_at(1280)
    page.goto(f"{base_url}/execution?doc=shanghai_putuo_caizhengju_2024_bumen_juesuan")
    wait_until_idle(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 14, box["y"] + 36 + 18)  # the first row's selection box
    wait_until_idle(page)
    expect(page.get_by_role("heading", name="2010601 行政运行")).to_be_visible()
    expect(page.locator('[data-testid="stImage"] img')).to_have_count(2)
    expect(page.get_by_text("第 15 页 · 一般公共预算财政拨款支出决算表")).to_be_visible()
    expect(page.get_by_text("第 22 页 · 说明")).to_be_visible()
    assert errors_on_page(page) == []
    resize_for_screenshot(page, 1280, 2600)
    save_screenshot(page, "final_caizheng_execution_source_1280.png")


# A grid's cells are drawn on a canvas inside a scroller as wide as its columns: scrollWidth > clientWidth means the
# reader must scroll sideways to see the last columns. Every grid drawn on the page (one in a closed expander is not).
GRIDS_CUT = """() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller'))
  .map((scroller) => scroller.scrollWidth - scroller.clientWidth)"""


@pytest.mark.parametrize(
    "doc", ["shanghai_putuo_wanlijiedao_2024_bumen_yusuan", "jiangsu_jianchayuan_2018_bumen_yusuan"]
)
def test_the_function_class_table_shows_every_column_at_1280(base_url, showing, doc):
    """概览's table of the function classes (the page's one open grid): beside the chart it had half the page and cut
    占比 and 核对 off behind a sideways scroll at 1280 px; at the page's width every column is in view (and the page
    fits a phone)."""
    page = showing(f"{base_url}/overview?doc={doc}", 1280)
    wait_for_charts(page, 1)
    page.wait_for_function(GRIDS_CUT + ".length > 0")
    assert page.evaluate(GRIDS_CUT) == [0], "the table's columns are wider than its box"
    page.set_viewport_size({"width": 390, "height": 900})
    wait_until_idle(page)
    assert horizontal_overflow(page) <= 0, "the page is wider than the window"
