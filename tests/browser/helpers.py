"""What a person waits for and looks at on a Streamlit page."""

from __future__ import annotations

import contextlib
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from components.frame import PAGES as FRAME_PAGES

# How long a page may take to draw. Generous: with two workers, each with its server and chromium, on a 2-core
# machine that others share, a page that takes 3 s alone has taken over 30 s. Waits end when their condition holds,
# so a long limit costs nothing when all is well.
PATIENCE = 90_000

# How often a wait looks at the page: every 50 ms, not Playwright's default of every animation frame, which made the
# renderer produce a frame 60 times a second for as long as a test waited (docs/TESTING.md: 10 % of the CPU of the
# keyboard, zoom and library tests). A wait that asks for a state to have lasted (SETTLED, QUIET_MS) still resets on
# any look that finds it broken.
POLL_MS = 50

IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"

# Streamlit marks its root with the state of the script run: "initial" before the first run, then "running",
# "notRunning" and others. SETTLED holds when the last run has finished, the page is connected, nothing is drawn
# stale or running, and that has lasted `quiet` ms (a rerun that follows at once, or plotly's drawing, is waited for).
SETTLED = """(quiet) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const settled = app !== null && app.dataset.testScriptState === 'notRunning'
    && app.dataset.testConnectionState === 'CONNECTED'
    && document.querySelector('[data-testid="stMain"]') !== null
    && !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-stale="true"]');
  if (!settled) { window.__settledSince = undefined; return false; }
  if (window.__settledSince === undefined) window.__settledSince = performance.now();
  return performance.now() - window.__settledSince >= quiet;
}"""
# Counts the runs a page starts (the root's state turning to "running"), so that after a click the wait can tell
# that the run the click asked for has begun, instead of pausing a fixed time for it.
COUNT_RUNS = """() => {
  if (window.__runs === undefined) {
    window.__runs = {started: 0, atIdle: 0};
    new MutationObserver((changes) => {
      for (const change of changes) {
        if (change.target.dataset.testScriptState === 'running') window.__runs.started += 1;
      }
    }).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-test-script-state']});
  }
  window.__runs.atIdle = window.__runs.started;
}"""
RUN_STARTED = "() => window.__runs === undefined || window.__runs.started > window.__runs.atIdle"
RUN_STARTS_WITHIN = 400  # ms a click's rerun has to begin; a wait with no run to wait for costs this


def wait_until_idle(page: Page, timeout: int = PATIENCE) -> None:
    """The app has finished its run: the run a click (or the page load) asked for has started and finished,
    no running indicator, nothing stale, and the main block is drawn.

    A freshly loaded page is "initial" until its first run, so SETTLED waits for that run. After a click on an
    already drawn page the state is still "notRunning" until the server starts the rerun: the runs counted since
    the last wait tell when it has begun; when none begins within RUN_STARTS_WITHIN ms there was none to wait for."""
    with contextlib.suppress(PlaywrightError):  # no run began: the click asked for none (checked below all the same)
        page.wait_for_function(RUN_STARTED, timeout=RUN_STARTS_WITHIN, polling=POLL_MS)
    page.evaluate("() => { window.__settledSince = undefined; }")  # quiet from now on, not from the last wait
    page.wait_for_function(SETTLED, arg=200, timeout=timeout, polling=POLL_MS)
    page.evaluate(COUNT_RUNS)


# After the window is made taller for a screenshot: the fonts and images in use are loaded, then two animation
# frames (the layout the new size asks for, then its paint). Replaces the fixed 500-600 ms pauses that were here.
LAID_OUT = "() => document.fonts.status === 'loaded' && Array.from(document.images).every((image) => image.complete)"
TWO_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def resize_for_screenshot(page: Page, width: int, height: int) -> None:
    """The page at the new size, laid out and painted, ready for its screenshot."""
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_function(LAID_OUT, timeout=PATIENCE, polling=POLL_MS)
    page.evaluate(TWO_FRAMES)


def wait_for_charts(page: Page, count: int, timeout: int = PATIENCE) -> None:
    if count:
        page.wait_for_function(
            f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {count}",
            timeout=timeout,
            polling=POLL_MS,
        )


def errors_on_page(page: Page) -> list[str]:
    found = page.query_selector_all('[data-testid="stException"], [data-testid="stAlertContentError"]')
    return [element.inner_text() for element in found]


def horizontal_overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0 when nothing overflows)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.querySelector('[data-testid=\"stMain\"]')"
        ".scrollWidth) - window.innerWidth"
    )


def save_screenshot(page: Page, name: str) -> None:
    """Into artifacts/screenshots/ (git-ignored), for a person to look at.

    Generous timeout and no animations: on a busy 2-core machine the first capture of a tall page
    has once taken longer than Playwright's default 30 s."""
    from tests.browser.conftest import SCREENSHOTS

    page.screenshot(path=str(SCREENSHOTS / name), timeout=PATIENCE, animations="disabled")


def assert_renders_cleanly(
    page: Page, charts: int, must_show: str, screenshot: str, width: int, *, in_view: bool = True
) -> None:
    """The page draws its charts, shows `must_show` (visible, or with `in_view=False` only present: it may be scrolled
    out of a grid's view), shows no error and fits its window; then a tall screenshot for a person to look at."""
    wait_for_charts(page, charts)
    shown = expect(page.get_by_text(must_show, exact=False).first)
    if in_view:
        shown.to_be_visible()
    else:
        shown.to_be_attached()
    assert errors_on_page(page) == []
    assert horizontal_overflow(page) <= 0, "the page is wider than the window"
    resize_for_screenshot(page, width, 2600)
    save_screenshot(page, screenshot)


URL_PATHS = ["" if index == 0 else url_path for index, (*_, url_path) in enumerate(FRAME_PAGES)]  # default page: /

# The page is drawn whole: the sidebar's links, the page's heading, nothing stale, no element still waiting for its
# code (Streamlit shows a skeleton while the chunk of a chart or a table loads), every chart drawn.
DRAWN = f"""() => document.querySelectorAll('[data-testid="stSidebar"] [data-testid="stPageLink"]').length
    == {len(URL_PATHS)}
  && document.querySelector('[data-testid="stMain"] h1') !== null
  && !document.querySelector('[data-stale="true"]')
  && !document.querySelector('[data-testid="stSkeleton"]')
  && Array.from(document.querySelectorAll('.js-plotly-plot')).every((chart) => chart.querySelector('.main-svg'))"""
QUIET_MS = 100


def wait_until_drawn(page: Page) -> None:
    """The run has drawn the whole page (DRAWN), nothing is running, and so for 100 ms.

    (A page freshly loaded has none of these until its run draws them. The accessibility sweep used to wait 300 ms of
    quiet with no look at the skeletons and charts, which was both longer than needed on most pages and shorter than
    the first page's chunks took to load, so axe could scan a page whose charts and tables were not there yet.)"""
    drawn_and_settled = f"""(quiet) => {{
      if (!({DRAWN})()) {{ window.__settledSince = undefined; return false; }}
      return ({SETTLED})(quiet);
    }}"""
    page.wait_for_function(drawn_and_settled, arg=QUIET_MS, timeout=PATIENCE, polling=POLL_MS)


# Counts the messages the tab's websocket (Streamlit's connection to its server) has received. Added to a context
# before its pages load (`add_init_script`); it only listens. A run the server starts always sends messages, so a
# count that has grown since an address was pushed says that the server has answered it, even when React drew the
# run's start and end at once and the root's state never showed "running" (a short run of the page already shown).
COUNT_MESSAGES = """(() => {
  const NativeWebSocket = window.WebSocket;
  window.__messagesIn = 0;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => { window.__messagesIn += 1; });
    }
  };
})();"""

# Streamlit's answer to the browser's Back and Forward: on `popstate` it asks its server, over the connection it has,
# for the page and query of the address now shown (onHistoryChange in its frontend; it does so even for the address
# already shown). Only from an idle app.
FOLLOW_ADDRESS = f"""(url) => {{
  const app = document.querySelector('[data-testid="stApp"]');
  if (app === null || app.dataset.testScriptState !== 'notRunning') return false;
  ({COUNT_RUNS})();
  window.__messagesBefore = window.__messagesIn;
  window.history.pushState({{}}, '', url);
  window.dispatchEvent(new PopStateEvent('popstate', {{state: {{}}}}));
  return true;
}}"""
NOT_RUNNING = "() => document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState === 'notRunning'"
# The run of the new address has begun: the root turned to "running" (COUNT_RUNS), or the server's messages for it
# have arrived (COUNT_MESSAGES: React may draw a short run's start and end at once).
NEW_RUN_ANSWERED = f"() => ({RUN_STARTED})() || window.__messagesIn > window.__messagesBefore"
TO_THE_TOP = """() => { for (const element of [document.scrollingElement,
    document.querySelector('[data-testid="stMain"]'), document.querySelector('[data-testid="stAppViewContainer"]')]) {
  if (element) element.scrollTop = 0;
} }"""


def open_in_tab(page: Page, url: str) -> None:
    """Show `url` in the tab and wait until it is drawn. A tab on a page of the app that has not drawn this page yet
    reaches it as the browser's history does (Back, Forward), without loading the app again: the same Streamlit
    session, a new run of the page asked over its connection. A tab on no page of the app loads it as a visitor opening
    a link: a new document and a new session.

    A page load costs chromium about three times what the page's run does (docs/TESTING.md), and the app it loads is
    the same for every page; what a test looks at is the page drawn, which is the same markup either way. A page drawn
    a second time in one session shows what its link shows (部门对比 did not, until its preset stopped counting as the
    reader's clearing; tests/test_linked_controls.py). The tab's context needs COUNT_MESSAGES (the `viewer_at` tabs of
    tests/browser/conftest.py have it)."""
    path = urlsplit(url).path
    if not page.url.startswith("http"):
        page.goto(url)
    else:
        while not page.evaluate(FOLLOW_ADDRESS, url):
            page.wait_for_function(NOT_RUNNING, timeout=PATIENCE, polling=POLL_MS)
        page.wait_for_function(NEW_RUN_ANSWERED, timeout=PATIENCE, polling=POLL_MS)
        page.evaluate(TO_THE_TOP)  # where a visitor arriving at the page starts
    page.evaluate("() => { window.__settledSince = undefined; }")  # quiet from now on, not from the last page
    wait_until_drawn(page)
    assert urlsplit(page.url).path == path, f"{page.url} is not {url}"


def first_grid_table(
    page: Page, first_cell: str | None = None, timeout: int = PATIENCE, nth: int = 0
) -> tuple[list[str], list[list[str]]]:
    """The first (or `nth`) grid's headers and rows as its accessible table holds them (the columns it draws in view),
    read in the same step that finds a row in it: a grid redrawn between a wait and a read has no rows for a moment.
    With `first_cell`, only once its first row's first cell reads that (a tab still holding an earlier link's rows)."""
    grid = page.locator('[data-testid="stDataFrame"]').nth(nth)
    grid.scroll_into_view_if_needed()
    handle = page.wait_for_function(
        """([first, nth]) => { const grid = document.querySelectorAll('[data-testid="stDataFrame"]')[nth];
            const rows = grid ? Array.from(grid.querySelectorAll('tbody tr'))
                .filter(r => r.querySelector('[role=gridcell]')) : [];
            if (!rows.length) return null;
            const text = (cells) => Array.from(cells).map(c => c.textContent.trim());
            const cells = rows.map(r => text(r.querySelectorAll('[role=gridcell]')));
            if (first !== null && cells[0][0] !== first) return null;
            return [text(grid.querySelectorAll('[role=columnheader]')), cells]; }""",
        arg=[first_cell, nth],
        timeout=timeout,
    )
    headers, rows = handle.json_value()
    return headers, rows
