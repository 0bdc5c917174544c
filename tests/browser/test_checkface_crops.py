"""数据核对's card for 302 商品和服务支出 (shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan p16, looked at with
pdftoppm): its 下级之和 side shows one crop with its 27 children outlined, and each crop tells a screen reader what it
shows (the table's title, the page, what is outlined) instead of an empty alt."""

from __future__ import annotations

import pytest

from tests.browser.helpers import horizontal_overflow, save_screenshot, wait_until_idle

pytestmark = pytest.mark.browser

GUIHUA = "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"


def test_the_sum_sides_crop_outlines_all_27_children_and_says_so(base_url, page_at):
    page = page_at(1280)
    page.goto(f"{base_url}/checks?doc={GUIHUA}")
    wait_until_idle(page)
    card = (
        page.get_by_test_id("stVerticalBlock")
        .filter(has_text="302 商品和服务支出")
        .filter(has_text="302 下级之和")
        .last
    )
    card.get_by_text("两边在原件中的位置").click()
    images = card.get_by_test_id("stImage").locator("img")
    images.first.wait_for()
    wait_until_idle(page)
    alts = [images.nth(index).get_attribute("alt") for index in range(images.count())]
    assert alts == [
        "原件第 16 页截图（一般公共预算财政拨款基本支出决算表），红框标出 27 个单元格：302 下级之和",
        "原件第 16 页截图（一般公共预算财政拨款基本支出决算表），红框标出一个单元格：302 本行",
    ]
    assert "第 16 页 · 302 下级之和 · 红框标出 27 个单元格" in card.inner_text()
    children, parent = (images.nth(index).evaluate("e => e.naturalHeight") for index in range(2))
    assert children > 3 * parent  # 30201 through 30299 (p16's rows 127–536 pt), not 30201 alone
    card.scroll_into_view_if_needed()
    save_screenshot(page, "checkface_sum_crop.png")


def test_a_reading_warnings_crop_names_its_page_table_and_cell(base_url, page_at):
    page = page_at(1280)
    page.goto(f"{base_url}/checks?doc=shanghai_putuo_wanlijiedao_2024_bumen_yusuan")
    wait_until_idle(page)
    warning = page.get_by_test_id("stVerticalBlock").filter(has_text="合并读作 30102").last
    warning.get_by_text("原件中的位置").click()
    image = warning.get_by_test_id("stImage").locator("img")
    image.wait_for()
    alt = image.get_attribute("alt")
    # p29 prints 301 and 2 in two parts of 30102's code cell (the warning's detail)
    assert alt == (
        "原件第 29 页截图（2024年部门一般公共预算基本支出部门预算经济分类预算表），红框标出一个单元格："
        "这条读取提示所说的位置"
    )


def test_a_crop_on_a_phone_is_drawn_large_enough_to_read_and_scrolls_in_its_frame(base_url, page_at):
    """At 390 px the crop was shrunk to the card (p10 of 普陀区财政局 2024 决算, 1,075 px wide, shown 292 px: its digits
    about 5 px). It is drawn at half its pixels, 1 px a PDF point, in a frame that scrolls sideways, the page itself
    no wider than the window."""
    page = page_at(390)
    page.goto(f"{base_url}/checks?doc=shanghai_putuo_caizhengju_2024_bumen_juesuan")
    wait_until_idle(page)
    page.get_by_text("两边在原件中的位置").first.click()
    image = page.get_by_test_id("stImage").locator("img").first
    image.wait_for()
    wait_until_idle(page)
    natural, shown = image.evaluate("e => [e.naturalWidth, e.getBoundingClientRect().width]")
    assert abs(shown - natural / 2) < 2, (natural, shown)
    frame = page.get_by_test_id("stImageContainer").first
    assert frame.evaluate("e => e.scrollWidth > e.clientWidth && getComputedStyle(e).overflowX === 'auto'")
    assert horizontal_overflow(page) <= 0
    # a keyboard reaches the frame (the browser makes a scrolling frame a tab stop), and its ring shows
    page.get_by_text("两边在原件中的位置").first.focus()
    for _ in range(2):  # the image's own 全屏 button first, then its frame
        page.keyboard.press("Tab")
    assert frame.evaluate("e => document.activeElement === e")
    assert frame.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    at = frame.evaluate("e => e.scrollLeft")
    page.keyboard.press("ArrowLeft")
    page.wait_for_timeout(300)
    assert frame.evaluate("e => e.scrollLeft") != at  # the arrow keys move it toward the row's name
