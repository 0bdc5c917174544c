"""WCAG 2.1 A/AA in a real browser: axe-core on every page of every shipped document, at laptop and phone width.

axe-core is the npm package pinned in tests/browser/package.json (package-lock.json); scripts/test installs it
with `npm ci` before the tests, so nothing is fetched at run time. A page passes with no critical and no
serious violation; a failure lists each violation's rule, impact and the elements it found.

Coverage: every page at 1280 and 390 px on the seed (the text export) and on one PDF document; at 1280 px
on the nine other PDF documents (two of them 决算), every page but 文件库 and 部门对比, which draw the
library whatever the document (14 pages x 2 widths x 11 documents would be 308 page loads, over five
minutes on the 2-core test machine; the phone layout is the same markup for every document); and at
390 px 预算执行, 概览 and “三公”经费 of a 决算, whose markup a 决算 changes. 167 page loads.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from components.frame import PAGES as FRAME_PAGES
from tests.browser.helpers import COUNT_RUNS, PATIENCE, RUN_STARTED, SETTLED

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("critical", "serious")
SNAPSHOTS = Path(__file__).resolve().parents[2] / "data" / "snapshots"
SEED = "hongshan_kejingju_2023"
PDF_AT_BOTH_WIDTHS = "jiangsu_jianchayuan_2018_bumen_yusuan"
DOCUMENTS = sorted(path.parent.name for path in SNAPSHOTS.glob("*/manifest.json"))
URL_PATHS = ["" if index == 0 else url_path for index, (*_, url_path) in enumerate(FRAME_PAGES)]  # default page: /
SAME_FOR_EVERY_DOCUMENT = 2  # 文件库 and 部门对比 (the first two) draw the library whatever the document
BOTH_WIDTHS = (SEED, PDF_AT_BOTH_WIDTHS)
# a 决算 at phone width too, on the pages whose markup a 决算 changes (the rest is the same markup as a budget's)
FINAL_AT_BOTH_WIDTHS = "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"
FINAL_PAGES = ["execution", "overview", "three-public"]
RUNS = [
    (doc, width)
    for doc in DOCUMENTS
    for width in (1280, 390)
    if width == 1280 or doc in BOTH_WIDTHS or doc == FINAL_AT_BOTH_WIDTHS
]

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5), count: v.nodes.length,
  }));
}"""


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is drawn now (injected from the local file)."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: scripts/test installs it (npm ci --prefix tests/browser)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, WCAG_21_AA)


DRAWN = f"""() => document.querySelectorAll('[data-testid="stSidebar"] [data-testid="stPageLink"]').length
    == {len(URL_PATHS)}
  && document.querySelector('[data-testid="stMain"] h1') !== null
  && !document.querySelector('[data-stale="true"]')
  && !document.querySelector('[data-testid="stSkeleton"]')
  && Array.from(document.querySelectorAll('.js-plotly-plot')).every((chart) => chart.querySelector('.main-svg'))"""
QUIET_MS = 100


def wait_until_drawn(page) -> None:
    """The run has drawn the whole page: the sidebar's links, the page's title, nothing stale, nothing running, no
    element still waiting for its code (Streamlit shows a skeleton while the chunk of a chart or a table loads: the
    first page of a run has shown one for seconds after its run had finished), every chart drawn; and so for 100 ms.

    (A page freshly loaded has none of these until its run draws them. The wait used to be 300 ms of quiet with no
    look at the skeletons and charts, which was both longer than needed on most pages and shorter than the first
    page's chunks took to load, so axe could scan a page whose charts and tables were not there yet.)"""
    drawn_and_settled = f"""(quiet) => {{
      if (!({DRAWN})()) {{ window.__settledSince = undefined; return false; }}
      return ({SETTLED})(quiet);
    }}"""
    page.wait_for_function(drawn_and_settled, arg=QUIET_MS, timeout=PATIENCE)


TITLES = dict(zip(URL_PATHS, (title for _, _, title, *_ in FRAME_PAGES), strict=True))  # url path -> page title

# Streamlit's answer to the browser's Back and Forward: on `popstate` it asks its server, over the connection it has,
# for the page and query of the address now shown (onHistoryChange in its frontend). Only from an idle app; the
# heading drawn until then is kept, to tell the new page's from it.
FOLLOW_ADDRESS = f"""(url) => {{
  const app = document.querySelector('[data-testid="stApp"]');
  if (app === null || app.dataset.testScriptState !== 'notRunning') return false;
  ({COUNT_RUNS})();
  window.__headingBefore = document.querySelector('[data-testid="stMain"] h1')?.innerText;
  window.history.pushState({{}}, '', url);
  window.dispatchEvent(new PopStateEvent('popstate', {{state: {{}}}}));
  return true;
}}"""
NOT_RUNNING = "() => document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState === 'notRunning'"
# The run of the new address has begun: the root turned to "running" (COUNT_RUNS), or, when React drew a short run's
# start and end at once, its heading, which names the page, has replaced the one before.
NEW_PAGE_STARTED = f"""(title) => ({RUN_STARTED})() || (() => {{
  const heading = document.querySelector('[data-testid="stMain"] h1')?.innerText;
  return heading !== undefined && heading !== window.__headingBefore && heading.includes(title);
}})()"""


def open_in_tab(page, url: str) -> None:
    """Show `url` in the tab and wait until it is drawn. The tab's first page is loaded as a visitor opening a link;
    the next pages are reached in the same tab as the browser's history reaches them, without loading the app again.

    A page load costs chromium about three times what the page's run does (1.4 against 0.45 CPU-s on the 2-core
    test machine, docs/TESTING.md), and the app it loads is the same for every page; what axe-core scans is the
    page drawn, which is the same markup either way."""
    if page.url in ("about:blank", ""):
        page.goto(url)
    else:
        while not page.evaluate(FOLLOW_ADDRESS, url):
            page.wait_for_function(NOT_RUNNING, timeout=PATIENCE)
        page.wait_for_function(NEW_PAGE_STARTED, arg=TITLES[urlsplit(url).path.strip("/")], timeout=PATIENCE)
    page.evaluate("() => { window.__settledSince = undefined; }")  # quiet from now on, not from the last page
    wait_until_drawn(page)
    assert urlsplit(page.url).path == urlsplit(url).path, f"{page.url} is not {url}"


def blocking(violations: list[dict]) -> list[dict]:
    return [violation for violation in violations if violation["impact"] in BLOCKING]


def describe(found: dict[str, list[dict]]) -> str:
    lines = []
    for where, violations in found.items():
        for violation in violations:
            lines.append(f"{where}: {violation['impact']} {violation['id']} ({violation['help']})")
            lines.append(f"    on {violation['count']} elements, among them:")
            lines.extend(f"      {target}" for target in violation["targets"])
    return "\n".join(lines)


def test_every_shipped_document_is_covered():
    assert SEED in DOCUMENTS and PDF_AT_BOTH_WIDTHS in DOCUMENTS and len(DOCUMENTS) == 11
    assert len(URL_PATHS) == 14 and "execution" in URL_PATHS  # 预算执行 too, on every document
    assert FINAL_AT_BOTH_WIDTHS in DOCUMENTS


@pytest.mark.parametrize(("doc", "width"), RUNS, ids=[f"{doc}-{width}" for doc, width in RUNS])
def test_every_page_has_no_serious_violation(base_url, page_at, doc, width):
    page = page_at(width)
    found = {}
    paths = URL_PATHS if doc in BOTH_WIDTHS else URL_PATHS[SAME_FOR_EVERY_DOCUMENT:]
    if doc == FINAL_AT_BOTH_WIDTHS and width == 390:
        paths = FINAL_PAGES
    for path in paths:
        open_in_tab(page, f"{base_url}/{path}?doc={doc}")
        violations = blocking(axe_violations(page))
        if violations:
            found[f"/{path} at {width}px"] = violations
    assert not found, f"WCAG 2.1 A/AA violations on {doc}:\n{describe(found)}"
