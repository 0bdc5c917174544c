"""The main paths with the keyboard only, in chromium: choose a document, open a project, switch the part of a
long page, download; every control on the way shows where the focus is. And every page at 200% zoom.

Visible focus is measured, not assumed: the focused control's box (and a few pixels around it) is captured with
the focus and again with it removed; a control whose picture does not change shows no focus.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import errors_on_page, horizontal_overflow, save_screenshot, wait_until_idle
from tests.browser.test_accessibility import URL_PATHS

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const a = document.activeElement;
  if (!a || a === document.body) return null;
  const r = a.getBoundingClientRect();
  return {name: (a.getAttribute('aria-label') || a.innerText || a.value || a.tagName).trim().slice(0, 60),
          tag: a.tagName, group: !!a.closest('[role="radiogroup"][aria-label="查看"]'),
          x: r.x, y: r.y, width: r.width, height: r.height};
}"""


def next_frames(page: Page) -> None:
    """Two animation frames: what a focus change re-renders (React's commit, then the paint) is on screen."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def focus_is_visible(page: Page) -> bool:
    """The focused control looks different from the same control without the focus."""
    box = page.evaluate(FOCUSED)
    margin = 6
    clip = {
        "x": max(box["x"] - margin, 0),
        "y": max(box["y"] - margin, 0),
        "width": box["width"] + 2 * margin,
        "height": box["height"] + 2 * margin,
    }
    focused = page.screenshot(clip=clip, animations="disabled")
    element = page.evaluate_handle("() => document.activeElement")
    page.evaluate("element => element.blur()", element)
    next_frames(page)
    unfocused = page.screenshot(clip=clip, animations="disabled")  # transitions run to their end
    page.evaluate("element => element.focus()", element)
    next_frames(page)
    return focused != unfocused


def tab_to(page: Page, matches, *, most: int = 80, check_focus: bool = True) -> dict:
    """Press Tab until the focused control matches; every control passed on the way must show its focus."""
    unseen = []
    for _ in range(most):
        page.keyboard.press("Tab")
        next_frames(page)
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        inside_grid = focused["tag"] in ("CANVAS", "TD")  # the grid draws its cell cursor on its canvas
        if check_focus and not inside_grid and not focus_is_visible(page):
            unseen.append(focused["name"])
        if matches(focused):
            assert not unseen, f"controls with no visible focus: {unseen}"
            return focused
    raise AssertionError(f"no control matched within {most} presses of Tab")


def test_choose_a_document_with_the_keyboard(base_url, page_at):
    page = page_at(1280)
    page.goto(f"{base_url}/overview")
    wait_until_idle(page)
    tab_to(page, lambda focused: focused["tag"] == "INPUT" and focused["name"] == "文件")
    page.keyboard.type("2018年预算 · 江苏省人民检察院")
    page.keyboard.press("Enter")
    wait_until_idle(page)
    assert "doc=jiangsu_jianchayuan_2018_bumen_yusuan" in page.url
    expect(page.get_by_text("21,955.35", exact=False).first).to_be_visible()
    assert errors_on_page(page) == []


def test_open_a_project_with_the_keyboard(base_url, page_at):
    page = page_at(1280)
    page.goto(f"{base_url}/projects")
    wait_until_idle(page)
    tab_to(page, lambda focused: focused["tag"] in ("CANVAS", "TD"))  # the project table
    page.keyboard.press("Shift+Space")  # the grid's own key: select the row of the cell cursor
    wait_until_idle(page)
    assert "project=420111220670310000109" in page.url
    expect(page.get_by_role("heading", name="科学技术研究与开发资金")).to_be_visible()
    tab_to(page, lambda focused: "返回项目列表" in focused["name"])  # reached, with a visible focus


def test_switch_the_part_of_a_long_page_with_the_keyboard(base_url, page_at):
    page = page_at(1280)
    page.goto(f"{base_url}/changes")
    wait_until_idle(page)
    tab_to(page, lambda focused: focused["group"])  # the part switcher: one stop; arrows choose, as radios do
    assert focus_is_visible(page)
    for _ in range(6):
        page.keyboard.press("ArrowRight")
        next_frames(page)
        focused = page.evaluate(FOCUSED)
        if focused and focused["name"] == "明细变化":
            page.keyboard.press("Space")
            break
    wait_until_idle(page)
    assert "view=details" in page.url
    expect(page.get_by_text("2022 年预算 23,000.00 万元 → 2023 年 18,000.00 万元")).to_be_visible()


def test_download_with_the_keyboard(base_url, page_at):
    page = page_at(1280)
    page.goto(f"{base_url}/function?node=20601")
    wait_until_idle(page)
    tab_to(page, lambda focused: "下载这 4 行" in focused["name"], most=200)
    page.keyboard.press("Enter")
    wait_until_idle(page)
    # The popover draws its buttons after a rerun (on_change="rerun"): wait for them before moving on.
    expect(page.get_by_role("button", name="下载 CSV")).to_be_visible()
    tab_to(page, lambda focused: focused["name"].split("\n")[-1] == "下载 CSV")  # after the icon's name
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "hongshan_kejingju_2023_function_20601.csv"
    rows = download.value.path().read_text(encoding="utf-8-sig").strip().splitlines()
    assert len(rows) == 5


@pytest.fixture
def zoomed_page(page_at):
    """A 640 x 450 page at twice the pixels, as a new visitor: the sidebar's expanded state, which Streamlit keeps in
    the browser's storage, does not carry over from the test before (page_at clears it)."""
    return page_at(640, 450, scale=2)


@pytest.mark.parametrize("path", URL_PATHS)
def test_every_page_at_200_percent_zoom(base_url, zoomed_page, path):
    """200% zoom in a 1280 x 900 window is a 640 x 450 CSS-pixel page drawn at twice the pixels."""
    page = zoomed_page
    page.goto(f"{base_url}/{path}")
    wait_until_idle(page)
    expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible()
    assert errors_on_page(page) == []
    assert horizontal_overflow(page) <= 0, "the page is wider than the window at 200%"
    save_screenshot(page, f"zoom200_{path or 'library'}.png")
    page.get_by_test_id("stExpandSidebarButton").click()  # the pages are listed in the sidebar, as at 100%
    expect(page.get_by_role("link", name=re.compile("数据与来源"))).to_be_visible()
