"""A view opened from a link can be changed in the browser: the reader's pick wins over the address it replaces
(a linked chart type, a linked document), and the address follows the pick."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import wait_until_idle

pytestmark = pytest.mark.browser

JIANCHAYUAN_2017 = "jiangsu_jianchayuan_2017_bumen_yusuan"
WANLI_2023 = "shanghai_putuo_wanlijiedao_2023_bumen_yusuan"


def test_a_linked_chart_and_document_can_be_changed(base_url, page_at):
    page = page_at(1280)
    page.goto(f"{base_url}/function?doc={JIANCHAYUAN_2017}&chart=sunburst")
    wait_until_idle(page)
    page.get_by_role("radio", name="冰柱图").click()
    wait_until_idle(page)
    expect(page).to_have_url(re.compile("chart=icicle"))
    page.get_by_role("radio", name="矩形树图").click()  # a second change, from a value the page itself wrote
    wait_until_idle(page)
    expect(page).to_have_url(re.compile(r"^(?!.*chart=)"))  # the default is left out of the link

    page.get_by_role("combobox", name="文件").click()
    page.get_by_role("option", name=re.compile("2023.*万里街道")).click()
    wait_until_idle(page)
    expect(page).to_have_url(re.compile(f"doc={WANLI_2023}"))
    expect(page.get_by_role("combobox", name="文件")).to_have_value(re.compile("^2023年预算 · .*万里街道"))


GAOJI_2017 = "jiangsu_gaoji_fayuan_2017_bumen_yusuan"  # its cover: 江苏省高级人民法院 2017年部门预算


def test_the_sidebar_links_keep_the_document(base_url, page_at):
    """A page link in the sidebar drops the address's query: each carries ?doc=, or the next page shows the
    library's first document (洪山 2023) under the reader's eyes (tour of 2026-12-07)."""
    page = page_at(1280)
    page.goto(f"{base_url}/overview?doc={GAOJI_2017}")
    wait_until_idle(page)
    main_caption = page.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").first
    for name, path in (("项目", "projects"), ("“三公”经费", "three-public")):
        page.get_by_test_id("stSidebar").get_by_role("link", name=name).click()
        wait_until_idle(page)
        expect(page).to_have_url(re.compile(f"/{path}\\?doc={GAOJI_2017}$"))
        expect(main_caption).to_contain_text("江苏省高级人民法院 · 2017 年部门预算")
    # a document picked in the box travels too
    page.get_by_role("combobox", name="文件").click()
    page.get_by_role("option", name=re.compile("2023.*万里街道")).click()
    wait_until_idle(page)
    page.get_by_test_id("stSidebar").get_by_role("link", name="概览").click()
    wait_until_idle(page)
    expect(page).to_have_url(re.compile(f"/overview\\?doc={WANLI_2023}$"))
    expect(main_caption).to_contain_text("上海市普陀区人民政府万里街道办事处 · 2023 年部门预算")
