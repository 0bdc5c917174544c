"""components/frame.py's CHINESE_PAGE swaps Streamlit's English chrome for Chinese, and never a document's words:
English a document may print (a project named "Open", a unit "Remove duplicates", a heading "Count") is placed here
where Streamlit draws its chrome beside it (a choice box's options, a chosen tag, a help tooltip, the sidebar's text,
a metric, the grid's accessible headers), in the markup Streamlit 1.67 gives them, and must stay as written."""

from __future__ import annotations

import pytest

from components.frame import CHINESE_PAGE

pytestmark = pytest.mark.browser

MARKUP = """
<a href="#stMain" id="skip">Skip to main content</a>
<div role="listbox"><div role="option"><div id="option">Open</div></div></div>
<div role="listbox"><div role="option" data-key="__select_all__"><div id="select-all">Select all</div></div></div>
<div role="listbox" data-empty="true"><div role="option"><span id="no-results">No results</span></div></div>
<span data-baseweb="tag"><span id="tag">Remove duplicates</span>
<span id="tag-close" aria-label="Remove Remove duplicates"></span></span>
<div data-testid="stTooltipContent"><div data-testid="stMarkdownContainer"><p id="help-text">Open</p></div></div>
<div data-testid="stTooltipContent"><div data-testid="stMarkdownContainer">
<p id="toolbar-tip">Download as CSV</p></div></div>
<section data-testid="stSidebar"><div data-testid="stMarkdownContainer"><p id="sidebar-text">Search</p></div>
<button id="help" aria-label="Help for 文件"></button></section>
<div data-testid="stMetricValue" id="metric">Count</div>
<div data-testid="stDataFrame"><table><tr><th role="columnheader" id="header">Count</th></tr></table></div>
<div aria-live="polite" id="announced">11 options available.</div>
<p id="plain">Remove duplicates</p>
"""
CHANGED = {
    "skip": "跳到正文",
    "select-all": "全选",  # a multi-choice list's own first option (Streamlit 1.67's data-key), not a document's
    "no-results": "没有匹配的选项",
    "toolbar-tip": "下载为 CSV",
    "announced": "有 11 个选项可用。",
}
KEPT = {
    "option": "Open",
    "tag": "Remove duplicates",
    "help-text": "Open",
    "sidebar-text": "Search",
    "metric": "Count",
    "header": "Count",
    "plain": "Remove duplicates",  # a pattern's text outside an announcement: the document's, as printed
}


def test_streamlits_words_change_and_the_documents_stay(page_at):
    page = page_at(1280)
    page.set_content(f"<html><body>{MARKUP}</body></html>")
    page.add_script_tag(content=CHINESE_PAGE.removeprefix("<script>").removesuffix("</script>"))
    text = lambda id_: page.locator(f"#{id_}").text_content().strip()  # noqa: E731
    assert {id_: text(id_) for id_ in CHANGED} == CHANGED
    assert {id_: text(id_) for id_ in KEPT} == KEPT
    assert (
        page.locator("#tag-close").get_attribute("aria-label") == "移除 Remove duplicates"
    )  # the button is Streamlit's
    assert page.locator("#help").get_attribute("aria-label") == "说明：文件"
    # drawn again later (the observer): an option added to a list stays, Streamlit's own word is swapped
    page.evaluate(
        """() => { const option = document.createElement('div');
        option.id = 'later-option'; option.textContent = 'Search';
        const holder = document.createElement('div'); holder.setAttribute('role', 'option'); holder.append(option);
        document.querySelector('[role=listbox]').append(holder);
        const clear = document.createElement('span'); clear.id = 'later-clear'; clear.textContent = 'Clear all';
        document.body.append(clear); }"""
    )
    page.wait_for_function("() => document.querySelector('#later-clear').textContent === '全部清除'")
    assert text("later-option") == "Search"
