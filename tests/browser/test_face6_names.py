"""What a screen reader is given in chromium, and what a reader sees drawn, on the pages face6 changed (2026-12-07).
Values read off the published PDFs (`pdftotext -layout -f N -l N`)."""

from __future__ import annotations

import pytest

from tests.browser.helpers import save_screenshot

pytestmark = pytest.mark.browser

CAIZHENG_FINAL = "shanghai_putuo_caizhengju_2024_bumen_juesuan"
WANLI_2024 = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"


@pytest.mark.parametrize(
    "path",
    [f"three-public?doc={CAIZHENG_FINAL}", f"checks?doc={WANLI_2024}", "projects?doc=hongshan_kejingju_2023"],
)
def test_headings_are_read_without_an_english_link(base_url, showing, path):
    page = showing(f"{base_url}/{path}", 1280)
    main = page.get_by_test_id("stMain").aria_snapshot()
    # each heading was followed by a link Streamlit names "Link to heading", read out in English at every heading
    assert "Link to heading" not in main
    assert main.count("- heading ") >= 1
    title = page.get_by_role("heading", level=1)
    assert title.inner_text() in ("“三公”经费", "数据核对", "项目")


@pytest.mark.parametrize("width", [1280, 390])
def test_a_share_from_the_text_is_drawn_as_words_not_as_a_figure(base_url, showing, width):
    # 财政局 2024 决算 p18: the 三公 合计's 决算数 blank; p23 states 0.00; p15 基本支出 2,336.91. The metric drew
    # 0.00% in its figure type.
    page = showing(f"{base_url}/three-public?doc={CAIZHENG_FINAL}", width)
    share = page.get_by_test_id("stMetric").filter(has_text="占基本支出")
    assert share.get_by_test_id("stMetricValue").inner_text() == "无法按表计算"
    assert share.get_by_test_id("stMetricDelta").inner_text() == (
        "按文字说明所述 0.00 万元 ÷ 基本支出 2,336.91 万元 推算为 0.00%"
    )
    save_screenshot(page, f"face6_three_public_share_{width}.png")


CUT = """() => Array.from(document.querySelectorAll(
        '[data-testid="stMetricDelta"] [data-testid="stMarkdownContainer"]'))
    .filter((note) => note.scrollWidth > note.clientWidth + 1).map((note) => note.innerText)"""


@pytest.mark.parametrize("doc", [CAIZHENG_FINAL, "jiangsu_jianchayuan_2017_bumen_yusuan"])
def test_a_metric_s_note_is_read_whole_on_a_phone(base_url, showing, doc):
    # at 390 px Streamlit cut a metric's note to one line: 按文字说明所述 0.00 万元 ÷ 基本支出 2,336.91 万…
    # (财政局 2024 决算, before the share it states), 比 2016 年减少 29.65 万元（文字说明所述各项… (检察院 2017)
    page = showing(f"{base_url}/three-public?doc={doc}", 390)
    notes = page.get_by_test_id("stMetricDelta")
    assert notes.count() >= 3
    assert page.evaluate(CUT) == []
    save_screenshot(page, f"face6_three_public_notes_{doc}_390.png")
