"""The library pages in a real browser, at laptop and phone width: what they show, links that keep the view,
opening a document from the library; screenshots in artifacts/screenshots/ for a person to look at."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    assert_renders_cleanly,
    errors_on_page,
    wait_until_idle,
)

pytestmark = pytest.mark.browser

WANLI = "上海市普陀区人民政府万里街道办事处"
# url (path and query) -> (screenshot name, charts drawn, a value the page must show)
PAGES = {
    "": ("library", 1, "21,955.35"),
    "compare?year=2017": ("compare", 1, "2017 年 · 3 份文件"),
    "compare?year=2023&set=all&view=function": ("compare_function", 1, "城乡社区支出"),
    f"department?dept={WANLI}": ("department", 3, "47.91"),
    "checks?doc=jiangsu_jianchayuan_2018_bumen_yusuan": ("checks_across_documents", 0, "所说的上一年数字为"),
    "changes?doc=shanghai_putuo_wanlijiedao_2024_bumen_yusuan": ("changes_pdf", 3, "22.91"),
}


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("url", list(PAGES))
def test_library_page_renders_cleanly(base_url, showing, url, width):
    name, charts, must_show = PAGES[url]
    page = showing(f"{base_url}/{url}", width)
    assert_renders_cleanly(page, charts, must_show, f"library_{name}_{width}.png", width, in_view=False)


def test_library_opens_a_document(base_url, page_at):
    page = page_at(1280)
    page.goto(f"{base_url}/?years=2018")
    wait_until_idle(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 14, box["y"] + 36 + 18)  # the first row's selection box
    wait_until_idle(page)
    page.get_by_role("link", name=re.compile("概览")).last.click()
    wait_until_idle(page)
    assert "/overview" in page.url and "doc=jiangsu_jianchayuan_2018_bumen_yusuan" in page.url
    expect(page.get_by_text("21,955.35", exact=False).first).to_be_visible()
    assert errors_on_page(page) == []
