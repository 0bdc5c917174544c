"""At phone width (390 px) what a reader needs stays on screen: a chart's amount labels inside the chart, and a
listing's amounts beside its names (not only code and name, the amounts off to the right)."""

from __future__ import annotations

import pytest

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
