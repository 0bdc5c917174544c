"""What every page shares: the selected document, and a friendly stop when it cannot be shown."""

from __future__ import annotations

import copy
import hashlib
import json
import logging
from pathlib import Path
from typing import Protocol

import streamlit as st
from streamlit.commands import navigation as st_navigation
from streamlit.runtime.scriptrunner import ScriptRunContext, get_script_run_ctx

from budgetlens.canonical.said import incomplete
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
    for run_page, which says in Chinese, on the page, what was wrong and which page opened instead."""
    st.session_state[PAGE_LINK_INVALID] = ctx.pages_manager.intended_page_name or ""


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
    # the tables' toolbar is drawn only under the mouse (opacity 0 otherwise): a keyboard reader tabbed through four
    # unseen buttons. Shown while one of them has the focus.
    " [data-testid='stElementToolbar']:focus-within{opacity: 1;}"
    # a metric's note under its figure wraps instead of ending in "…": at 390 px the 三公 page cut 按文字说明所述
    # 0.00 万元 ÷ 基本支出 2,336.91 万… before the share it states, and 比 2016 年减少 29.65 万元（文字说明所述各项…
    " [data-testid='stMetricDelta'] [data-testid='stMarkdownContainer'], [data-testid='stMetricDelta'] p"
    "{white-space: normal; overflow: visible; text-overflow: clip;}</style>"
)


# The page is Chinese, but Streamlit's index.html declares lang="en": a screen reader would read every
# heading and figure with an English voice (WCAG 3.1.1). A constant script, no document text; it removes itself,
# so the page holds no <script> element (the hostile-link tests look for any). The browser fetches it once, as a
# file (CHINESE_PAGE_FILE, below); each run sends only CHINESE_PAGE_LOADER.
#
# Streamlit's own words are English too, and it has no setting for their language (it even pins its choice boxes'
# screen-reader messages to en-US): the skip link, the sidebar's buttons, "Help for …", the choice boxes ("Open",
# "Clear all", "Remove …", "N options available."), the tables' toolbar, search and column menu. On a page that says
# it is Chinese that is a WCAG 3.1.2 failure, and a reader who knows no English meets buttons they cannot name. So the
# same script swaps each known English text for Chinese, in text nodes and in aria-label / title / placeholder, now and
# whenever Streamlit draws them again (a MutationObserver). It only sets a text node's value or an attribute, never
# markup, and never changes document text: the page's content (CONTENT: markdown, grid cells and headers, metrics,
# charts, code, hidden icon names) is left whole, and so is any text node that can hold the document's words
# (DOCUMENT_WORDS: the choice boxes' options and chosen tags, markdown anywhere, so the sidebar's and a help text's); in
# a tooltip only the tables' toolbar names are swapped (TOOLTIP_WORDS). The patterns, whose () part is the app's
# label, are for attributes and for what a screen reader is told (live regions) only. Tests:
# tests/browser/test_face7_chinese_chrome.py walks every page and fails on English left over; test_face7_words_kept.py
# puts English document words where Streamlit's chrome is and fails if one is changed.
STREAMLIT_WORDS = {
    "Skip to main content": "跳到正文",
    "Sidebar": "侧边栏",
    "Collapse sidebar": "收起侧边栏",
    "Expand sidebar": "展开侧边栏",
    "Main menu": "主菜单",
    "Running...": "正在运行…",
    "Stop": "停止",
    "Connecting": "正在连接",
    "Please wait...": "请稍候…",
    "Connection error": "连接出错",
    "Close": "关闭",
    "Dismiss": "关闭",
    "Open": "展开选项",
    "Choose an option": "请选择",
    "Choose options": "请选择",
    "No results": "没有匹配的选项",
    "Clear value": "清除",
    "Clear all": "全部清除",
    "Selected values": "已选的项",
    "Select all": "全选",
    "Press Enter to apply": "按回车键确认",
    "Show/hide columns": "显示或隐藏列",
    "Download as CSV": "下载为 CSV",
    "Search": "搜索",
    "Type to search": "输入要查找的文字",
    "Close Search": "关闭搜索",
    "Next Result": "下一个结果",
    "Previous Result": "上一个结果",
    "Fullscreen": "全屏",
    "Close fullscreen": "退出全屏",
    "Clear selection": "取消选择",
    "Copy to clipboard": "复制",
    "Dataframe column menu": "列菜单",
    "Sort ascending": "升序排列",
    "Sort descending": "降序排列",
    "Autosize": "自动列宽",
    "Pin column": "固定此列",
    "Unpin column": "取消固定",
    "Hide column": "隐藏此列",
    "Copy column name": "复制列名",
    "Format": "数字格式",
    "Automatic": "自动",
    "Localized": "本地格式",
    "Plain": "原样",
    "Percent": "百分比",
    "Dollar": "美元",
    "Euro": "欧元",
    "Yen": "日元",
    "Accounting": "会计格式",
    "Compact": "紧凑",
    "Scientific": "科学计数法",
    "Statistics": "统计",
    "Count": "计数",
    "Distinct": "不同值",
    "Empty": "空值",
    "Minimum": "最小值",
    "Maximum": "最大值",
    "Average": "平均值",
    "Median": "中位数",
    "Sum": "总和",
    "Standard deviation": "标准差",
    "Minimum length": "最短长度",
    "Maximum length": "最长长度",
    "Average length": "平均长度",
    "Distribution histogram": "分布直方图",
    "Top values frequency chart": "最常见的值",
    "Based on sample": "基于抽样",
    "text": "文本",
    "number": "数字",
}
STREAMLIT_PATTERNS = [  # JavaScript regular expression, its Chinese; the part in () is the app's own label
    (r"^Help for (.+)$", "说明：$1"),
    (r"^Remove (.+)$", "移除 $1"),
    (r"^(\d+) options? available\.$", "有 $1 个选项可用。"),
    (r"^(.+), selected$", "$1，已选择"),
    (r"^Select (\d+) matches$", "选择 $1 个匹配项"),
    # a table's toolbar button named with the table's accessible name (st.dataframe's alt, ui.table's name); the
    # patterns are written into JavaScript regular expression literals, where a bare / would end the expression
    (r"^Show\/hide columns: (.+)$", "显示或隐藏列：$1"),
    (r"^Download as CSV: (.+)$", "下载为 CSV：$1"),
    (r"^Search: (.+)$", "搜索：$1"),
    (r"^Fullscreen: (.+)$", "全屏：$1"),
    (r"^Close fullscreen: (.+)$", "退出全屏：$1"),
]
CONTENT = (  # the page's own content, never touched; hidden icons' names are ligatures that draw the icon
    '[data-testid="stMain"] [data-testid="stMarkdownContainer"], [data-testid^="glide-cell"], .js-plotly-plot,'
    ' [data-testid="stCode"] pre, [data-testid="stText"], [data-testid="stTable"], [aria-hidden="true"],'
    ' [data-testid="stDataFrame"] [role="columnheader"], [data-testid="stDataFrame"] [role="gridcell"],'
    ' [data-testid="stMetricValue"]'
)
DOCUMENT_WORDS = (  # text nodes that can hold the document's words (their attributes are Streamlit's own)
    '[role="listbox"]:not([data-empty="true"]) [role="option"]:not([data-key="__select_all__"]),'
    ' [data-baseweb="tag"], [data-testid="stMarkdownContainer"]'
)
TOOLTIP = '[data-testid="stTooltipContent"]'  # a tooltip's text is markdown: a help text, or a toolbar button's name
TOOLTIP_WORDS = ["Show/hide columns", "Download as CSV", "Search", "Fullscreen", "Close fullscreen"]
ANNOUNCED = '[aria-live], [role="log"], [role="status"]'  # what a screen reader is told: "11 options available."
CHINESE_PAGE = (
    "<script>document.currentScript?.remove(); document.documentElement.lang = 'zh-CN';\n"
    "if (!window.budgetlensChinese) { window.budgetlensChinese = true;\n"
    f"const WORDS = new Map(Object.entries({json.dumps(STREAMLIT_WORDS, ensure_ascii=False)}));\n"
    "const PATTERNS = ["
    + ", ".join(f"[/{pattern}/s, {json.dumps(chinese, ensure_ascii=False)}]" for pattern, chinese in STREAMLIT_PATTERNS)
    + "];\n"
    f"const CONTENT = {json.dumps(CONTENT)};\n"
    f"const DOCUMENT_WORDS = {json.dumps(DOCUMENT_WORDS)};\n"
    f"const TOOLTIP = {json.dumps(TOOLTIP)};\n"
    f"const TOOLTIP_WORDS = new Set({json.dumps(TOOLTIP_WORDS)});\n"
    f"const ANNOUNCED = {json.dumps(ANNOUNCED)};\n"
    """const ATTRIBUTES = ['aria-label', 'title', 'placeholder'];
const chinese = (text, patterns = true) => {
  const key = text.trim();
  if (!/[A-Za-z]/.test(key)) return null;
  if (WORDS.has(key)) return WORDS.get(key);
  const found = patterns ? PATTERNS.find(([pattern]) => pattern.test(key)) : undefined;
  return found ? key.replace(found[0], found[1]) : null;
};
const swapText = (node) => {
  const parent = node.parentElement;
  if (!parent || parent.closest(CONTENT)) return;
  if (parent.closest(TOOLTIP)) {
    if (!TOOLTIP_WORDS.has(node.nodeValue.trim())) return;
  } else if (parent.closest(DOCUMENT_WORDS)) return;
  const words = chinese(node.nodeValue, parent.closest(ANNOUNCED) !== null);
  if (words !== null) node.nodeValue = words;
};
const swapAttributes = (element) => {
  if (element.closest(CONTENT)) return;
  for (const name of ATTRIBUTES) {
    const words = element.hasAttribute(name) ? chinese(element.getAttribute(name)) : null;
    if (words !== null) element.setAttribute(name, words);
  }
};
const swap = (root) => {
  if (root.nodeType === Node.TEXT_NODE) return swapText(root);
  if (root.nodeType !== Node.ELEMENT_NODE) return;
  swapAttributes(root);
  root.querySelectorAll('[aria-label], [title], [placeholder]').forEach(swapAttributes);
  const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (texts.nextNode()) swapText(texts.currentNode);
};
new MutationObserver((changes) => changes.forEach((change) => {
  if (change.type === 'childList') change.addedNodes.forEach(swap);
  else if (change.type === 'attributes') swapAttributes(change.target);
  else swapText(change.target);
})).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
  attributeFilter: ATTRIBUTES});
swap(document.body);
}</script>"""
)


# CHINESE_PAGE as a file Streamlit serves (server.enableStaticServing, .streamlit/config.toml: static/ beside app.py
# at app/static/), committed, so a fresh clone serves it. Sent inline it was 5.1 KB of every run's 15–68 KB
# (scripts/loadtest.py --solo), the same bytes again on every rerun; the file is fetched once a visit and runs once
# a page (import() runs a module once, however often the loader asks). tests/test_once_chinese_page_file.py fails
# when the file is not CHINESE_PAGE's script; write_chinese_page_file() writes it.
CHINESE_PAGE_FILE = Path(__file__).resolve().parent.parent / "static" / "chinese_page.js"


def chinese_page_script() -> str:
    """What CHINESE_PAGE_FILE holds: CHINESE_PAGE's script, without its tags."""
    made_here = "// Written by components/frame.py (write_chinese_page_file) from CHINESE_PAGE: change it there.\n"
    return made_here + CHINESE_PAGE.removeprefix("<script>").removesuffix("</script>") + "\n"


def write_chinese_page_file() -> None:
    CHINESE_PAGE_FILE.write_text(chinese_page_script(), encoding="utf-8")


# What each run sends: the page's language at once, and the script from the file. The address is relative to the page
# (as Streamlit's own ./static/js/ are, so it holds under a server.baseUrlPath), and names the script's content, so a
# browser never runs a cached copy of an older script.
CHINESE_PAGE_LOADER = (
    "<script>document.currentScript.remove(); document.documentElement.lang = 'zh-CN';\n"
    "window.budgetlensChinese || import('./app/static/chinese_page.js?v="
    + hashlib.sha256(chinese_page_script().encode()).hexdigest()[:12]
    + "');</script>"
)


def declare_page_language() -> None:
    """Say the page is Chinese, and Streamlit's own words with it. Drawn last in the sidebar, on every run: its empty
    element takes a gap in the layout, which must not come and go between runs."""
    st.html(CHINESE_PAGE_LOADER, unsafe_allow_javascript=True)


def page_links(sections: dict[str, list[st.Page]]) -> None:
    """Every page as a plain link in the sidebar, under its section's name (app.py hides st.navigation's menu).

    st.navigation's own sidebar menu puts each section's header and its `<li>`s inside a `<div>` in the `<ul>`,
    which screen readers announce as a broken list (axe-core: `list`, `listitem`, serious, on every page).
    st.page_link draws a link per page with no list markup, marks the current page and keeps the order.
    Its keyboard focus is only a grey background, the same as the current page's mark: FOCUS_RING adds an outline."""
    st.html(FOCUS_RING)  # style only: Streamlit puts it out of the layout
    for section, pages in sections.items():
        with st.container(gap="xxsmall"):
            st.caption(section)
            for page in pages:
                st.page_link(page, width="stretch")  # the whole row is the target


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


def page_title(title: str, snapshot: Snapshot, caption: str | None = None) -> None:
    """The page's title and, under it, the document: department, year, kind (部门预算, 单位决算 …) and, on a 决算,
    that its amounts are what was spent."""
    manifest = snapshot.manifest
    st.title(title, anchor=False)
    spent = f" · 金额为{AMOUNT_WORD['决算']}（实际支出）" if document_stage(manifest) == "决算" else ""
    st.caption(
        f"{plain(manifest['department_name'])} · {manifest['budget_year']} 年{document_kind(manifest)}"
        + spent
        + (f" · {caption}" if caption else "")
    )
    if st.session_state.pop(DOC_LINK_INVALID, False):
        st.info(
            f"链接中的参数“{DOC_KEY}”不是本站的文件，已显示默认文件：{plain(manifest['department_name'])}"
            f" {manifest['budget_year']} 年{document_kind(manifest)}。",
            icon=":material/info:",
        )
    incomplete_banner(manifest)


def incomplete_banner(manifest: dict) -> None:
    """On every page of a document that is incomplete (its contents list tables it does not hold, or pages
    could not be read), one warning that says so, as text."""
    line = incomplete(manifest)
    if line:
        st.warning(line, icon=":material/warning:")
