"""The browser tab names the page and the document (WCAG 2.1 2.4.2 Page Titled): a reader with several tabs open, or
a screen reader announcing the page, hears which page of which document it is, not the same 预算透视 · Budget Lens on
every page."""

from __future__ import annotations

import pytest

from tests.browser.helpers import wait_until_idle

pytestmark = pytest.mark.browser


def test_each_page_is_titled_with_its_name_and_its_document(base_url, page_at):
    page = page_at(1280)
    titles = []
    for path in ("overview", "three-public"):
        page.goto(f"{base_url}/{path}?doc=jiangsu_jianchayuan_2018_bumen_yusuan")
        wait_until_idle(page)
        page.wait_for_function("() => document.title.includes('江苏省人民检察院')", timeout=15000)
        titles.append(page.title())
    assert titles == [
        "概览 · 江苏省人民检察院 2018 年部门预算 · 预算透视",
        "“三公”经费 · 江苏省人民检察院 2018 年部门预算 · 预算透视",
    ]
    page.goto(f"{base_url}/compare")  # a page over the library: its own name
    wait_until_idle(page)
    page.wait_for_function("() => document.title.startsWith('部门对比')", timeout=15000)
    assert page.title() == "部门对比 · 预算透视"
