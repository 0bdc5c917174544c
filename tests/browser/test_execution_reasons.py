"""预算执行 on a 决算 whose narrative states each 项's reason but no rate (财政局 2024 p22): the reasons are read whole
without scrolling sideways, at 1280 and at 390 px."""

from __future__ import annotations

import pytest

from tests.browser.helpers import save_screenshot, wait_for_charts, wait_until_idle

pytestmark = pytest.mark.browser

CZJ_FINAL = "shanghai_putuo_caizhengju_2024_bumen_juesuan"
# p22 item 4: 决算数小于预算数的主要原因：因个别项目评审费未能实施或未来得及支付完毕，于明年重新申请
REASON = "财政委托业务支出：因个别项目评审费未能实施或未来得及支付完毕，于明年重新申请"


@pytest.mark.parametrize("width", [1280, 390])
def test_the_stated_reasons_are_read_whole_without_scrolling_sideways(base_url, page_at, width):
    page = page_at(width)
    page.goto(f"{base_url}/execution?doc={CZJ_FINAL}")
    wait_until_idle(page)
    wait_for_charts(page, 1)
    reason = page.get_by_text(REASON)
    reason.scroll_into_view_if_needed()
    box = reason.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, box
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    save_screenshot(page, f"execution_reasons_{width}.png")
