"""What a person waits for and looks at on a Streamlit page."""

from __future__ import annotations

import contextlib

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

# How long a page may take to draw. Generous: with two workers, each with its server and chromium, on a 2-core
# machine that others share, a page that takes 3 s alone has taken over 30 s. Waits end when their condition holds,
# so a long limit costs nothing when all is well.
PATIENCE = 90_000

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
        page.wait_for_function(RUN_STARTED, timeout=RUN_STARTS_WITHIN)
    page.evaluate("() => { window.__settledSince = undefined; }")  # quiet from now on, not from the last wait
    page.wait_for_function(SETTLED, arg=200, timeout=timeout)
    page.evaluate(COUNT_RUNS)


# After the window is made taller for a screenshot: the fonts and images in use are loaded, then two animation
# frames (the layout the new size asks for, then its paint). Replaces the fixed 500-600 ms pauses that were here.
LAID_OUT = "() => document.fonts.status === 'loaded' && Array.from(document.images).every((image) => image.complete)"
TWO_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def resize_for_screenshot(page: Page, width: int, height: int) -> None:
    """The page at the new size, laid out and painted, ready for its screenshot."""
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_function(LAID_OUT, timeout=PATIENCE)
    page.evaluate(TWO_FRAMES)


def wait_for_charts(page: Page, count: int, timeout: int = PATIENCE) -> None:
    if count:
        page.wait_for_function(
            f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {count}", timeout=timeout
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
