"""What a person waits for and looks at on a Streamlit page."""

from __future__ import annotations

from playwright.sync_api import Page

IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


def wait_until_idle(page: Page, timeout: int = 30_000) -> None:
    """The app has finished its run: no running indicator, and the main block is drawn."""
    page.wait_for_selector('[data-testid="stMain"]', timeout=timeout)
    page.wait_for_timeout(400)
    page.wait_for_function(IDLE, timeout=timeout)
    page.wait_for_timeout(300)


def wait_for_charts(page: Page, count: int, timeout: int = 30_000) -> None:
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

    page.screenshot(path=str(SCREENSHOTS / name), timeout=90_000, animations="disabled")
