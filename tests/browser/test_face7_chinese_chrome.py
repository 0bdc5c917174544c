"""The page is Chinese, Streamlit's own words included (WCAG 3.1.2), and a link to no page says so in Chinese.

Streamlit draws its chrome in English: the skip link, the sidebar's buttons, "Help for …", the choice boxes and what
they tell a screen reader, the tables' toolbar, search and column menu, and an English "Page not found" dialog for an
unknown path. components/frame.py turns the chrome into Chinese (CHINESE_PAGE) and says an unknown path on the page
(run_page). These tests read every word a reader can see or a screen reader can hear, on every page of the text export
and of a PDF document at laptop and phone width, and after the clicks that bring up Streamlit's menus. (The unknown
path: tests/browser/test_face7_page_not_found.py.)"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.browser.helpers import URL_PATHS, wait_until_drawn

pytestmark = pytest.mark.browser

SEED = "hongshan_kejingju_2023"
PDF = "jiangsu_jianchayuan_2018_bumen_yusuan"
SAME_FOR_EVERY_DOCUMENT = 2  # 文件库 and 部门对比 draw the library whatever the document

# What a reader meets that is not Chinese and is right as it is:
ALLOWED_WORDS = {
    "PDF",  # the published file's kind, named so on the pages (PDF 原件, 下载简报（PDF）)
    "CSV",  # the download formats
    "Excel",
    "Parquet",
    "OCR",  # how a scanned page was read
    "ID",
    "Tab",  # keys named as printed on the keyboard (ui.SELECT_KEYS: Tab 进入表格 … Shift+空格)
    "Shift",
}
ALLOWED_SHAPES = re.compile(
    r"https?://\S+"  # an address
    r"|[\w.-]+\.(?:txt|pdf|csv|xlsx|parquet|json)\b"  # a file's name
    r"|\b[a-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+\b"  # a check's rule id (数据核对: 规则编号 narrative.counts)
)
WORD = re.compile(r"[A-Za-z]{2,}")

# Every text a reader can see or a screen reader can hear (visible or visually hidden, not display:none and not
# aria-hidden: Material icons draw from their English names, hidden from screen readers), and the attributes a screen
# reader reads or a pointer shows. Returned with where each was found, for the failure message.
HEARD = """() => {
  const found = [];
  const where = (element) => element.closest('[data-testid]')?.dataset.testid || element.tagName;
  const heard = (element) => !element.closest('[aria-hidden="true"], script, style, noscript')
    && (element.checkVisibility() || element.closest('[aria-live]') !== null);
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (texts.nextNode()) {
    const node = texts.currentNode;
    if (/[A-Za-z]/.test(node.nodeValue) && heard(node.parentElement)) {
      found.push([node.nodeValue.trim(), 'text in ' + where(node.parentElement)]);
    }
  }
  for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-roledescription']) {
    for (const element of document.querySelectorAll(`[${name}]`)) {
      const value = element.getAttribute(name);
      if (/[A-Za-z]/.test(value) && !element.closest('[aria-hidden="true"]')) {
        found.push([value, name + ' of ' + where(element)]);
      }
    }
  }
  return found;
}"""


def english(page) -> list[str]:
    """Each English text on the page with where it is ('Open (aria-label of stSelectbox)'), the allowed words and
    shapes left out."""
    left = []
    for text, where in page.evaluate(HEARD):
        words = [word for word in WORD.findall(ALLOWED_SHAPES.sub(" ", text)) if word not in ALLOWED_WORDS]
        if words:
            left.append(f"{text[:80]!r} ({where}): {' '.join(words)}")
    return sorted(set(left))


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_speaks_chinese(base_url, showing, width):
    """Every page of the text export and every document page of a PDF document, as drawn, with nothing clicked."""
    found = {}
    visits = [(path, SEED) for path in URL_PATHS] + [(path, PDF) for path in URL_PATHS[SAME_FOR_EVERY_DOCUMENT:]]
    for path, doc in visits:
        page = showing(f"{base_url}/{path}?doc={doc}", width)
        left = english(page)
        if left:
            found[f"/{path}?doc={doc} at {width}px"] = left
    assert not found, "English on the page:\n" + "\n".join(
        f"{where}:\n    " + "\n    ".join(left) for where, left in found.items()
    )


# Every text put in a live region (what a screen reader announces), kept as it was put there: react-aria clears its
# messages after a moment. Installed after the page's own observer (CHINESE_PAGE), so it keeps what that one has made
# of the text.
ANNOUNCED = """() => {
  window.announced = [];
  new MutationObserver(() => {
    for (const region of document.querySelectorAll('[aria-live]')) {
      const text = region.textContent.trim();
      if (text && !window.announced.includes(text)) window.announced.push(text);
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def test_streamlits_menus_and_messages_speak_chinese(base_url, page_at):
    """What Streamlit draws only when asked: a choice box's list and what it tells a screen reader, a table's toolbar
    labels, its search and its column menu, a text box's hint."""
    page = page_at(1280)
    page.goto(f"{base_url}/data?doc={SEED}")
    wait_until_drawn(page)
    seen = {}

    page.evaluate(ANNOUNCED)
    choice = page.get_by_test_id("stSidebar").get_by_role("combobox").first
    choice.click()
    expect(page.get_by_role("listbox").first).to_be_visible()
    # what it told a screen reader: "11 options available." before; a message that lasts a moment (ANNOUNCED keeps it)
    page.wait_for_function("() => window.announced.some((text) => text.includes('个选项可用'))", polling=50)
    seen["the document list open"] = english(page)
    page.keyboard.type("没有这样的文件")
    expect(page.get_by_text("没有匹配的选项")).to_be_visible()  # "No results"
    seen["nothing matches"] = english(page)
    page.keyboard.press("Escape")

    grid = page.locator('[data-testid="stDataFrame"]:visible').first
    grid.scroll_into_view_if_needed()
    grid.hover()
    toolbar = grid.get_by_test_id("stElementToolbar")
    expect(toolbar.get_by_role("button", name="下载为 CSV")).to_be_visible()  # "Download as CSV" before
    button, tip = toolbar.get_by_role("button", name="显示或隐藏列"), page.get_by_role("tooltip", name="显示或隐藏列")
    for _ in range(3):  # on a loaded machine the toolbar may still be moving in as the pointer arrives: point again
        grid.hover()
        box = button.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        try:
            tip.wait_for(state="visible", timeout=15_000)
            break
        except PlaywrightTimeoutError:
            continue
    expect(tip).to_be_visible()
    seen["a table's toolbar"] = english(page)
    toolbar.get_by_role("button", name="搜索").click()
    expect(page.get_by_text("输入要查找的文字")).to_be_visible()  # "Type to search"
    seen["the table's search"] = english(page)
    page.keyboard.press("Escape")

    menu = page.get_by_test_id("stDataFrameColumnMenu")
    for _ in range(3):  # on a loaded machine the canvas may not yet draw the ⋮ where the pointer is: click again
        page.mouse.click(*column_menu_button(page, grid))
        try:
            menu.wait_for(state="visible", timeout=15_000)
            break
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
    expect(menu.get_by_text("升序排列")).to_be_visible()  # "Sort ascending"
    seen["a column's menu"] = english(page)
    page.keyboard.press("Escape")
    announced = page.evaluate("() => window.announced")

    page.goto(f"{base_url}/projects?doc={SEED}")
    wait_until_drawn(page)
    page.get_by_test_id("stMain").get_by_role("textbox").first.fill("培训")
    expect(page.get_by_text("按回车键确认")).to_be_visible()  # "Press Enter to apply"
    seen["a search box typed in"] = english(page)

    seen["what was announced"] = [text for text in announced if WORD.findall(ALLOWED_SHAPES.sub(" ", text))]
    left = {where: words for where, words in seen.items() if words}
    assert not left, "English on the page:\n" + "\n".join(
        f"{where}:\n    " + "\n    ".join(words) for where, words in left.items()
    )


HEADER_ROW = 18  # px from a table's top to the middle of its header row
# The cursor the grid shows at a point: "col-resize" on the border between two columns' headers.
CURSOR_AT = "([x, y]) => getComputedStyle(document.elementFromPoint(x, y)).cursor"


def column_menu_button(page, grid) -> tuple[float, float]:
    """Where the menu button (⋮, drawn on the grid's canvas at the right end of a header 100 px wide or more) of the
    first such column is: the pointer is moved along the header row, and the grid shows the resize cursor on each
    border between two columns."""
    box = grid.bounding_box()
    y = box["y"] + HEADER_ROW
    border = box["x"]
    for x in range(int(box["x"]) + 4, int(box["x"] + box["width"]), 4):
        page.mouse.move(x, y)
        if page.evaluate(CURSOR_AT, [x, y]) == "col-resize":
            if x - border >= 100:
                page.mouse.move(x - 16, y)  # the button shows while the pointer is over its header
                return x - 16, y
            border = x + 8
    raise AssertionError("no column 100 px wide found in the table's header row")
