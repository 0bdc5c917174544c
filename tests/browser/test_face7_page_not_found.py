"""A link to no page says so in Chinese, on the page that opens instead (components/frame.py run_page).

Streamlit answered an unknown path with its own English dialog ("Page not found — The page that you have requested
does not seem to exist. Running the app's main page."), sent from st.navigation; frame.py replaces that message."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import wait_until_drawn
from tests.browser.test_face7_chinese_chrome import english

pytestmark = pytest.mark.browser

SEED = "hongshan_kejingju_2023"


# /overview/x/y: Streamlit's index.html under it would ask for /overview/x/static/js/… and draw a blank page; the
# server sends it to /overview%2Fx%2Fy (scripts/serve_links.py), where the page names the link as for one part
@pytest.mark.parametrize("path", ["nosuchpage", "overview/x/y"])
def test_a_link_to_no_page_says_so_in_chinese(base_url, page_at, path):
    page = page_at(1280)
    page.goto(f"{base_url}/{path}?doc={SEED}")
    wait_until_drawn(page)
    notice = page.get_by_test_id("stMain").get_by_text(f"链接中的页面“/{path}”不存在，已打开文件库。")
    expect(notice).to_be_visible()
    expect(page.locator("h1").first).to_have_text("文件库")
    assert page.get_by_role("dialog").count() == 0
    assert page.get_by_text("Page not found").count() == 0
    assert page.url == f"{base_url}/?doc={SEED}"  # the address now names the page shown
    assert [line for line in english(page) if path not in line] == []  # the path quoted is the link's own


def test_the_path_is_repeated_as_text_and_cut(base_url, page_at):
    """The path comes from whoever wrote the link: it is shown as text (no markup drawn), its first 60 characters."""
    page = page_at(1280)
    path = "<b>粗体</b>*强调*" + "长" * 80
    page.goto(f"{base_url}/{quote(path, safe='')}")  # its "/" written %2F, as the server sends /a/b (below)
    wait_until_drawn(page)
    shown = path[:60] + "…"
    expect(page.get_by_test_id("stMain").get_by_text(f"链接中的页面“/{shown}”不存在，已打开文件库。")).to_be_visible()
    assert page.locator('[data-testid="stMain"] b, [data-testid="stMain"] em').count() == 0


def test_the_default_pages_own_name_is_no_wrong_link(base_url, page_at):
    """文件库 is served at / and its url path is "library": /library names it, so it opens without a notice (the tour
    found 链接中的页面“/library”不存在 on the very page it named)."""
    page = page_at(1280)
    page.goto(f"{base_url}/library")
    wait_until_drawn(page)
    expect(page.locator("h1").first).to_have_text("文件库")
    assert page.get_by_test_id("stMain").get_by_text("不存在").count() == 0
