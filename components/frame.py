"""What every page shares: the selected document, and a friendly stop when it cannot be shown."""

from __future__ import annotations

import copy
import hashlib
import logging
from pathlib import Path
from typing import Protocol

import streamlit as st
from streamlit.commands import navigation as st_navigation
from streamlit.runtime.scriptrunner import ScriptRunContext, get_script_run_ctx

from budgetlens.canonical.said import incomplete, page_numbering
from budgetlens.library_queries import AMOUNT_WORD, document_kind, document_stage
from budgetlens.store import Snapshot
from components import data, state
from components.ui import plain

DOC_KEY = "doc"
DOC_LINK_INVALID = "doc-link-invalid"  # this run's ?doc= named no document: the page says so once
PAGE_LINK_INVALID = "page-link-invalid"  # this run's address named no page: its path, said once by run_page
PATH_SHOWN = 60  # characters of an unknown path the notice repeats
LOG = logging.getLogger("budgetlens.app")
UNEXPECTED = "这个页面出了问题，暂时无法显示。请刷新页面，或换一个页面看看；问题已记录，我们会尽快处理。"


class Runnable(Protocol):
    title: str

    def run(self) -> None: ...


def _page_not_found(ctx: ScriptRunContext) -> None:
    """st.navigation's answer to an address that names no page, in place of Streamlit's: it sent the browser a
    message that opens an English dialog ("Page not found … Running the app's main page."). Here the path is kept
    for run_page, which says in Chinese, on the page, what was wrong and which page opened instead. The default page's
    own name (/library) is no wrong address: Streamlit serves that page at / and knows no other name for it."""
    intended = ctx.pages_manager.intended_page_name or ""
    if intended.strip("/") != PAGES[0][4]:
        st.session_state[PAGE_LINK_INVALID] = intended


# st.navigation looks this name up in its module at each call; replaced once, when the frame is first imported, so the
# same holds under scripts/serve.py, `streamlit run app.py` and AppTest.
st_navigation.send_page_not_found = _page_not_found


def run_page(page: Runnable) -> None:
    """Run the page; an unexpected error becomes a plain Chinese message, its traceback goes to the server log.

    (With `client.showErrorDetails = "none"` Streamlit would show its own English notice; st.stop and
    st.rerun are not `Exception`s and pass through.) Above it, when the address named no page, a notice that says so.
    """
    unknown_path = st.session_state.pop(PAGE_LINK_INVALID, None)
    if unknown_path is not None:
        shown = unknown_path if len(unknown_path) <= PATH_SHOWN else unknown_path[:PATH_SHOWN] + "…"
        st.info(f"链接中的页面“/{plain(shown)}”不存在，已打开{page.title}。", icon=":material/info:")
    try:
        page.run()
    except Exception:
        LOG.exception("a page failed")
        st.error(UNEXPECTED, icon=":material/error:")


PAGES = [  # section, page file, title, icon, url path; the first is the default page
    ("文件库", "pages/library.py", "文件库", "library_books", "library"),
    ("文件库", "pages/compare.py", "部门对比", "view_column", "compare"),
    ("文件库", "pages/department.py", "跨年度", "timeline", "department"),
    ("总览", "pages/overview.py", "概览", "dashboard", "overview"),
    ("总览", "pages/execution.py", "预算执行", "rule", "execution"),
    ("支出", "pages/by_function.py", "支出功能分类", "account_tree", "function"),
    ("支出", "pages/by_economic.py", "经济分类", "category", "economic"),
    ("支出", "pages/three_public.py", "“三公”经费", "directions_car", "three-public"),
    ("项目", "pages/projects.py", "项目", "folder_open", "projects"),
    ("项目", "pages/indicators.py", "绩效指标", "flag", "indicators"),
    ("项目", "pages/purchases.py", "采购与购买服务", "shopping_cart", "purchases"),
    ("变化", "pages/changes.py", "年度对比", "compare_arrows", "changes"),
    ("核对与数据", "pages/checks.py", "数据核对", "fact_check", "checks"),
    ("核对与数据", "pages/data_sources.py", "数据与来源", "table_view", "data"),
]


_built_pages: dict[tuple[object, bool], dict[str, list[st.Page]]] = {}


def dashboard_pages(default_page: bool = True) -> dict[str, list[st.Page]]:
    """The dashboard's pages by section, for st.navigation (paths are relative to the main script).

    `default_page=False` leaves the default to the caller (the benchmark's floor page). The pages are made once per
    process and main script (an st.Page resolves and stats its file and checks its icon: 1.3 CPU-ms for the 14, in
    every run of every page); each run gets copies, since st.navigation marks the one it returns as runnable."""
    context = get_script_run_ctx()
    key = (context.pages_manager.main_script_parent if context else None, default_page)
    sections = _built_pages.get(key)
    if sections is None:
        sections = {}
        for index, (section, path, title, icon, url_path) in enumerate(PAGES):
            default = default_page and not index
            page = st.Page(path, title=title, icon=f":material/{icon}:", url_path=url_path, default=default)
            sections.setdefault(section, []).append(page)
        if context is not None:  # outside a run st.Page keeps only its defaults
            _built_pages[key] = sections
    return {section: [copy.copy(page) for page in pages] for section, pages in sections.items()}


# A constant style, no document text. data-testid is Streamlit's own hook for its elements. Page links and the
# tables' toolbar buttons (columns, CSV, search, full screen) show no focus of their own
# (tests/browser/test_keyboard.py measures it); a metric's note wraps rather than ending in "…".
FOCUS_RING = (
    "<style>[data-testid='stPageLink-NavLink']:focus-visible,"
    " [data-testid='stBaseButton-elementToolbar']:focus-visible,"
    " [data-testid='stHeaderActionElements'] a:focus-visible"
    "{outline: 2px solid #0b5d8c; outline-offset: -2px;}"
    # Streamlit rings a focused button, help icon, segmented control, expander or the skip link with a half-transparent
    # shadow (#0b5d8c at 50 %: about 2.4:1 on white, under the 3:1 a focus indicator needs): a solid ring instead
    # (drawn inside the control: an expander and a segmented control clip what lies outside their border; !important
    # over the class-scoped rule that draws the shadow)
    " button:focus-visible, summary:focus-visible, [data-testid='stSkipToContent']:focus-visible"
    "{outline: 2px solid #0b5d8c !important; outline-offset: -2px; box-shadow: none !important;}"
    # a focused choice or text box only turns its 1 px border blue: ringed as a button is (the 文件 choice, a search);
    # and the page's main region, which the skip link focuses, shows where the focus went
    " [data-testid='stSelectbox'] div:has(> input:focus-visible),"
    " [data-testid='stMultiSelect'] div:has(> input:focus-visible),"
    " [data-baseweb='input']:focus-within{outline: 2px solid #0b5d8c; outline-offset: 1px;}"
    " [data-testid='stMain']:focus-visible{outline: 2px solid #0b5d8c; outline-offset: -2px;}"
    # the tables' toolbar is drawn only under the mouse (opacity 0 otherwise): a keyboard reader tabbed through four
    # unseen buttons. Shown while one of them has the focus.
    " [data-testid='stElementToolbar']:focus-within{opacity: 1; z-index: 10;}"  # over the grid it overlaps
    # a grid's canvas takes the focus without drawing any: the grid is ringed while the focus is in it
    " [data-testid='stDataFrame']:focus-within{outline: 2px solid #0b5d8c; outline-offset: 2px;}"
    # a collapsed sidebar (a phone's) lies off screen but kept its links in the Tab order: 16 stops of unseen focus
    " [data-testid='stSidebar'][data-collapsed='true'], [data-testid='stSidebar'][data-collapsed='true'] *"
    "{visibility: hidden !important;}"
    # a metric's note under its figure wraps instead of ending in "…": at 390 px the 三公 page cut 按文字说明所述
    # 0.00 万元 ÷ 基本支出 2,336.91 万… before the share it states, and 比 2016 年减少 29.65 万元（文字说明所述各项…
    " [data-testid='stMetricDelta'] [data-testid='stMarkdownContainer'], [data-testid='stMetricDelta'] p"
    "{white-space: normal; overflow: visible; text-overflow: clip;}"
    # a page crop (the only st.image) on a phone: shrunk to the card's width a crop's digits were 5 px tall. There it
    # is drawn at half its pixels (1 px a PDF point: an amount's digits about 10 px) and scrolls sideways in its own
    # frame, which opens at its right end (rtl), where the outlined amounts are; the row's name is a swipe away. The
    # browser lets a keyboard into a frame that scrolls (the arrow keys move it); this ring shows where it is
    " @media (max-width: 640px){[data-testid='stImageContainer']{overflow-x: auto; direction: rtl;}"
    " [data-testid='stImageContainer']:focus-visible{outline: 2px solid #0b5d8c; outline-offset: 2px;}"
    " [data-testid='stImageContainer'] > *{direction: ltr;}"
    " [data-testid='stImageContainer'] img{width: max-content !important; max-width: none !important; zoom: 0.5;}}"
    "</style>"
)


# The page is Chinese, but Streamlit's index.html declares lang="en": a screen reader would read every heading and
# figure with an English voice (WCAG 3.1.1), and Streamlit's own words are English too. static/chinese_page.js says the
# page is Chinese and swaps Streamlit's words (its rules and its words are written there). It is served as a file
# (server.enableStaticServing, .streamlit/config.toml: static/ beside app.py at app/static/), committed, so a fresh
# clone serves it. Sent inline it was 5.1 KB of every run's 15–68 KB (scripts/loadtest.py --solo), the same bytes again
# on every rerun; the file is fetched once a visit and runs once a page (import() runs a module once, however often the
# loader asks).
CHINESE_PAGE_FILE = Path(__file__).resolve().parent.parent / "static" / "chinese_page.js"
CHINESE_PAGE = CHINESE_PAGE_FILE.read_text(encoding="utf-8")


# What each run sends: the page's language at once, and the script from the file. The address is relative to the page
# (as Streamlit's own ./static/js/ are, so it holds under a server.baseUrlPath), and names the script's content, so a
# browser never runs a cached copy of an older script.
CHINESE_PAGE_LOADER = (
    "<script>document.currentScript.remove(); document.documentElement.lang = 'zh-CN';\n"
    "window.budgetlensChinese || import('./app/static/chinese_page.js?v="
    + hashlib.sha256(CHINESE_PAGE.encode()).hexdigest()[:12]
    + "');</script>"
)


def declare_page_language() -> None:
    """Say the page is Chinese, and Streamlit's own words with it. Drawn last in the sidebar, on every run: its empty
    element takes a gap in the layout, which must not come and go between runs."""
    st.html(CHINESE_PAGE_LOADER, unsafe_allow_javascript=True)


def page_links(sections: dict[str, list[st.Page]], doc_id: str | None) -> None:
    """Every page as a plain link in the sidebar, under its section's name (app.py hides st.navigation's menu), each
    carrying the current document (`?doc=`): a page link drops the address's query, and the next page fell back to
    the library's first document (a reader on 高级人民法院 2017 who clicked 项目 got 洪山 2023's projects).

    st.navigation's own sidebar menu puts each section's header and its `<li>`s inside a `<div>` in the `<ul>`,
    which screen readers announce as a broken list (axe-core: `list`, `listitem`, serious, on every page).
    st.page_link draws a link per page with no list markup, marks the current page and keeps the order.
    Its keyboard focus is only a grey background, the same as the current page's mark: FOCUS_RING adds an outline."""
    st.html(FOCUS_RING)  # style only: Streamlit puts it out of the layout
    for section, pages in sections.items():
        with st.container(gap="xxsmall"):
            st.caption(section)
            for page in pages:
                st.page_link(page, width="stretch", query_params={DOC_KEY: doc_id} if doc_id else None)


def document_selector() -> str | None:
    """The sidebar's document choice (部门 × 年度), kept in `?doc=` so links keep it."""
    choices = data.documents()
    if not choices:
        st.sidebar.error("没有找到任何预算文件的数据快照。")
        return None
    labels = {choice.doc_id: choice.label for choice in choices}
    # said again on the page itself, under its title (page_title); set on every run, so it never outlives its link
    st.session_state[DOC_LINK_INVALID] = bool(state.invalid_params({DOC_KEY: labels}))
    if st.session_state[DOC_LINK_INVALID]:
        st.sidebar.info("链接中的文件不存在，已显示默认文件。", icon=":material/info:")
    return state.choice(
        st.sidebar.selectbox,
        "文件",
        list(labels),
        key=DOC_KEY,
        default=data.default_document(choices),
        link_keeps_default=True,
        format_func=labels.__getitem__,
        help="部门 × 年度 × 预算或决算。预算是计划支出，决算是实际支出。",
    )


def current_document() -> tuple[str, Snapshot]:
    """(doc_id, snapshot) of the selected document; stops the page with a message when it cannot be shown."""
    doc_id = st.session_state.get(DOC_KEY) or (data.default_document(data.documents()) if data.documents() else None)
    if doc_id is None:
        st.warning("还没有可显示的预算文件。")
        st.stop()
    try:
        snapshot = data.snapshot(doc_id)
    except data.DocumentError as err:
        st.error(str(err), icon=":material/error:")
        st.caption("其他文件不受影响，可以在左侧选择。")
        st.stop()
        raise  # unreachable: st.stop() ends the run
    return doc_id, snapshot


def library_title(title: str) -> None:
    """A page over the library (no one document): its title, named in the browser tab too (WCAG 2.4.2)."""
    st.set_page_config(page_title=f"{title} · 预算透视")
    st.title(title, anchor=False)


def page_title(title: str, snapshot: Snapshot, caption: str | None = None) -> None:
    """The page's title and, under it, the document: department, year, kind (部门预算, 单位决算 …) and, on a 决算,
    that its amounts are what was spent."""
    manifest = snapshot.manifest
    # the browser tab names the page and the document (WCAG 2.4.2): 概览 · 江苏省人民检察院 2018 年部门预算 · 预算透视
    year_kind = f"{manifest['budget_year']} 年{document_kind(manifest)}"
    document = f"{manifest['department_name']} {year_kind}"
    st.set_page_config(page_title=f"{title} · {document} · 预算透视")
    st.title(title, anchor=False)
    spent = f" · 金额为{AMOUNT_WORD['决算']}（实际支出）" if document_stage(manifest) == "决算" else ""
    st.caption(f"{plain(manifest['department_name'])} · {year_kind}{spent}" + (f" · {caption}" if caption else ""))
    if numbering := page_numbering(manifest):
        st.caption(plain(numbering))
    if st.session_state.pop(DOC_LINK_INVALID, False):
        st.info(
            f"链接中的参数“{DOC_KEY}”不是本站的文件，已显示默认文件：{plain(document)}。",
            icon=":material/info:",
        )
    # on every page of an incomplete document (its contents list tables it does not hold, or pages could not be read)
    if line := incomplete(manifest):
        st.warning(line, icon=":material/warning:")
