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
