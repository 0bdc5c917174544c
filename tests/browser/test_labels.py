"""What a reader sees drawn in chromium: every treemap block named, the library chart's document names whole at both
widths. Values read off the rendered PDF pages. (A grid's number cells draw on a canvas; its accessible table holds
the raw values, so the digits a money column shows are tested on its column config, tests/test_number_rule.py.)"""

from __future__ import annotations

import pytest

from tests.browser.helpers import save_screenshot, wait_for_charts

pytestmark = pytest.mark.browser

JC2018 = "jiangsu_jianchayuan_2018_bumen_yusuan"  # p17 公开07表: 208 社会保障和就业支出 1,836.22


def test_the_treemap_names_a_narrow_class_block_at_1280(base_url, showing):
    page = showing(f"{base_url}/function?doc={JC2018}", 1280)
    wait_for_charts(page, 1)
    texts = page.evaluate(  # the texts drawn: a text too big for its block is kept with display none
        """() => Array.from(document.querySelectorAll('.js-plotly-plot text.slicetext'))
            .filter(t => getComputedStyle(t).display !== 'none' && t.getBoundingClientRect().width > 0)
            .map(t => t.textContent)"""
    )
    assert any(text.startswith("208 社会保障和就业支出") for text in texts), texts  # it was an unnamed block
    assert any(text.startswith("2040402一般行政管理事务") for text in texts), texts
    # Streamlit's page says lang="en"; a screen reader would read the Chinese with an English voice
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    save_screenshot(page, "function_treemap_1280.png")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_library_chart_names_each_document_whole(base_url, showing, width):
    page = showing(f"{base_url}/", width)
    wait_for_charts(page, 1)
    ticks = page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot .yaxislayer-above text'))
            .map(t => t.textContent)"""
    )
    assert any(tick.startswith("武汉市洪山区科学技术和经济信息化局") for tick in ticks), ticks
    assert not any("…" in tick for tick in ticks), ticks  # it read …术和经济信息化局 · 2023年
    save_screenshot(page, f"library_chart_{width}.png")
