"""At phone width (390 px) what a reader needs stays on screen: a chart's amount labels inside the chart, and a
listing's amounts beside its names (not only code and name, the amounts off to the right)."""

from __future__ import annotations

import pytest

from components.ui import CHECK_LINK_WIDTH, NAMED_WIDTHS
from tests.browser.helpers import first_grid_table, save_screenshot, wait_for_charts

pytestmark = pytest.mark.browser

JC2018 = "jiangsu_jianchayuan_2018_bumen_yusuan"  # p19 公开09表: “三公”经费 484.30, 公务用车运行费 267.80
CZJ_FINAL = "shanghai_putuo_caizhengju_2024_bumen_juesuan"  # p21: 行政运行 年初预算 1,560.05, 决算 1,511.89


def test_the_three_public_chart_keeps_every_amount_label_inside_it_at_390(base_url, showing):
    page = showing(f"{base_url}/three-public?doc={JC2018}", 390)
    wait_for_charts(page, 1)
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    right, labels = page.evaluate(
        """() => { const plot = document.querySelector('.js-plotly-plot');
            return [plot.querySelector('.main-svg').getBoundingClientRect().right,
                    Array.from(plot.querySelectorAll('text.bartext')).map(t => [t.textContent,
                        t.getBoundingClientRect().right])]; }"""
    )
    assert "484.30 万元" in [text for text, _ in labels], labels
    outside = [(text, edge) for text, edge in labels if edge > right]
    assert outside == [], f"labels past the chart's right edge ({right}): {outside}"
    save_screenshot(page, "three_public_chart_390.png")


def test_the_execution_listing_shows_the_amounts_beside_the_names_at_390(base_url, showing):
    page = showing(f"{base_url}/execution?doc={CZJ_FINAL}", 390)
    wait_for_charts(page, 1)
    headers, rows = first_grid_table(page)  # the columns the grid draws in view
    first_row = rows[0]
    drawn = dict(zip(headers, first_row, strict=True))
    assert {name: drawn.get(name) for name in ("科目名称", "年初预算", "决算数")} == {
        "科目名称": "行政运行",
        "年初预算": "1,560.05",
        "决算数": "1,511.89",
    }, drawn
    save_screenshot(page, "execution_listing_390.png")


WANLI = "上海市普陀区人民政府万里街道办事处"  # 2023 p19 and 2024 p20 (支出预算总表 合计): 16,497.86 and 15,621.11 万元


def test_the_department_totals_and_cross_checks_show_their_figures_at_390(base_url, showing):
    page = showing(f"{base_url}/department?dept={WANLI}", 390)
    wait_for_charts(page, 1)
    headers, rows = first_grid_table(page)
    drawn = dict(zip(headers, rows[-1], strict=True))
    # the document by year and kind, then its total: a full name first pushed the amounts off the screen
    # (the accessible table holds the number itself; the column after it is drawn, so it ends inside the grid)
    assert (drawn.get("文件"), drawn.get("支出合计（万元）")) == ("2024年部门预算 ⚠", "15621.11"), drawn
    assert "基本支出（万元）" in drawn, drawn
    grids = page.locator('[data-testid="stDataFrame"]').count()
    headers, rows = first_grid_table(page, nth=grids - 1)  # the checks against the earlier document, last
    assert headers[:3] == ["结果", "对象", "所述上年数"], headers
    said = {row[1]: row[2] for row in rows}
    # 2024 p32 says 公务接待费 1.35万元，持平: the 2023 figure it implies, whole beside what it says
    assert said["第 32 页：公务接待费 1.35万元，持平"] == "1.35", said
    save_screenshot(page, "department_390.png")


def test_the_compare_class_table_shows_the_amount_beside_the_document_at_390(base_url, showing):
    page = showing(f"{base_url}/compare?year=2023&set=all&view=function", 390)
    wait_for_charts(page, 1)
    headers, rows = first_grid_table(page)
    drawn = dict(zip(headers, rows[0], strict=True))
    # 洪山 2023 line 247 (一般公共预算支出表): 206 科学技术支出 19,035.12; the document's name first used to push the
    # amount past the screen's edge
    assert drawn.get("名称（原文）") == "科学技术支出", drawn
    assert drawn.get("金额（万元）", "").replace(",", "") == "19035.12", drawn
    assert drawn["文件"].startswith("武汉市洪山区科学技术和经济信息化局"), drawn
    save_screenshot(page, "compare_function_390.png")


def test_the_compare_class_table_fits_a_laptop_at_1280(base_url, showing):
    page = showing(f"{base_url}/compare?year=2017&set=all&view=function", 1280)
    wait_for_charts(page, 1)
    headers, rows = first_grid_table(page)
    drawn = dict(zip(headers, rows[0], strict=True))
    # 法院 2017 p15 (八、2017年度江苏省高级人民法院部门一般公共预算支出预算表): 204 公共安全支出 23,513.11; its page
    # number, the last column, was cut at the grid's edge behind the table's long title
    assert (drawn.get("名称（原文）"), drawn.get("金额（万元）"), drawn.get("页码")) == (
        "公共安全支出",
        "23513.11",
        "15",
    )
    hidden = page.evaluate(
        """() => { const s = document.querySelector('[data-testid="stDataFrame"] .dvn-scroller');
            return s.scrollWidth - s.clientWidth; }"""
    )
    assert hidden <= 0, (headers, hidden)


CZJ_2025 = "shanghai_putuo_caizhengju_2025_bumen_yusuan"  # p13 支出预算总表: 201 一般公共服务支出 22,186,440.80 元


def test_the_overview_class_table_shows_the_share_whole_at_390(base_url, showing):
    page = showing(f"{base_url}/overview?doc={CZJ_2025}", 390)
    wait_for_charts(page, 1)
    labels = page.eval_on_selector_all(
        '[data-testid="stDataFrame"]', "grids => grids.map(g => g.querySelector('[aria-label]')?.ariaLabel || '')"
    )
    nth = next(i for i, label in enumerate(labels) if label.endswith("（类）"))
    headers, rows = first_grid_table(page, nth=nth)
    drawn = dict(zip(headers, rows[0], strict=True))
    assert (drawn.get("科目名称"), drawn.get("合计（万元）")) == ("一般公共服务支出", "2218.64408"), drawn
    assert drawn.get("占比") == "71.08", drawn
    # the share ends inside the grid (it was cut at its edge): what scrolls out of view is at most the 核对 column
    hidden = page.evaluate(
        """nth => { const grid = document.querySelectorAll('[data-testid="stDataFrame"]')[nth];
            const s = grid.querySelector('.dvn-scroller'); return s.scrollWidth - s.clientWidth; }""",
        nth,
    )
    assert hidden <= NAMED_WIDTHS[CHECK_LINK_WIDTH], (headers, hidden)
    save_screenshot(page, "overview_classes_390.png")
