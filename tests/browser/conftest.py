"""A running dashboard (scripts/serve.py on a free port) and Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser.helpers import COUNT_MESSAGES, PATIENCE, open_in_tab

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# expect(...) retries until its condition holds, for up to PATIENCE instead of Playwright's 5 s (helpers.PATIENCE).
expect.set_options(timeout=PATIENCE)


# Ports handed out by free_port(), each still bound by this process (see there); kept for the process's life.
RESERVED: list[socket.socket] = []


def free_port() -> int:
    """A port on 127.0.0.1 that no other process gets until this one ends, free for a server started after.

    Closing the probe socket before the server binds, as this did, left a gap: under pytest-xdist two workers
    (or two helpers' runs) could both be told the same port, one server failed to start, and the health check
    answered from the other worker's server. The socket here stays bound, with SO_REUSEADDR and never listening,
    so the kernel gives the port to no other bind(0); the server (tornado, nginx) binds it with SO_REUSEADDR too,
    which Linux allows while no socket listens on it."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    RESERVED.append(sock)
    return sock.getsockname()[1]


def start_server(port: int, app: Path | None = None) -> subprocess.Popen:
    """The dashboard through scripts/serve.py, or another script (a benchmark's floor) through streamlit."""
    launcher = (
        [sys.executable, str(ROOT / "scripts" / "serve.py")]
        if app is None
        else [sys.executable, "-m", "streamlit", "run", str(app)]
    )
    command = [*launcher, "--server.port", str(port), "--server.address", "127.0.0.1"]
    # Its output goes to a file, not a pipe: nobody reads a pipe while the tests run, and a server that fills one
    # (64 kB of log) blocks on its next write until the tests time out. The server keeps its own handle on the file.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"}
        )
        # Generous: scripts/serve.py runs every page once before it listens (components/warm.py), which takes
        # seconds on an idle machine and more when the suite's other worker is busy. It returns as soon as healthy.
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and process.poll() is None:  # a server that exited answers nothing of ours
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        return process
            except OSError:
                time.sleep(0.3)
        process.kill()
        process.wait()
        log.seek(0)
        output = log.read().decode(errors="replace")[-2000:]
    raise RuntimeError(f"the dashboard did not start on port {port}: {output}")


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    port = free_port()
    process = start_server(port)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/test installs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session", autouse=True)
def screenshot_folder() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


# Streamlit keeps the reader's layout in localStorage (the sidebar collapsed or open, its width). A tab's first
# document after a test has lent it (forget_the_visit clears the tab's sessionStorage) clears it, so each test starts
# as a new visitor does; later documents in the same test (a reload, a link) keep it, as a browser does.
NEW_VISITOR = """if (!sessionStorage.getItem('budgetlens-test-tab')) {
  localStorage.clear();
  sessionStorage.setItem('budgetlens-test-tab', 'opened');
}"""


@pytest.fixture(scope="session")
def tab_at(browser):
    """One tab per pixel scale, kept by the worker and lent to its tests in turn, each in a context of its own scale.

    A test's page used to be a new tab (`new_page`) in a shared context. Each new tab is a new chromium renderer that
    compiles the app's JavaScript (Streamlit's bundle, plotly) again: ten dashboard pages cost 65-90 CPU-s that way,
    and 23-35 CPU-s as ten `goto`s in one kept tab (docs/TESTING.md). A test still loads its page as a visitor does
    (`goto`: a new document and a new Streamlit session); only the renderer and its compiled code are reused."""
    tabs = {}

    def tab(scale: float):
        if scale not in tabs or tabs[scale].is_closed():
            context = browser.new_context(device_scale_factor=scale, locale="zh-CN")
            context.set_default_timeout(PATIENCE)  # clicks, typing, downloads
            context.add_init_script(NEW_VISITOR)
            tabs[scale] = context.new_page()
        return tabs[scale]

    yield tab
    for page in tabs.values():
        if not page.is_closed():
            page.context.close()


def forget_the_visit(page) -> None:
    """Leave the tab as a new visitor finds it: the app's storage in this tab cleared (so the next document starts with
    an empty localStorage, NEW_VISITOR), its Streamlit session closed with its document (about:blank). A tab in a state
    this cannot undo (a dialog, a crash) is closed, and the next test is given a new one."""
    try:
        if page.url.startswith("http"):
            page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        page.goto("about:blank")
    except PlaywrightError:
        page.context.close()


@pytest.fixture
def page_at(tab_at):
    """The worker's tab of the given pixel scale at the given width (and height), with no cookie and no storage of the
    app; after the test it is left blank for the next (forget_the_visit)."""
    lent = []

    def open_page(width: int, height: int = 900, scale: float = 1):
        page = tab_at(scale)
        page.context.clear_cookies()
        page.set_viewport_size({"width": width, "height": height})
        lent.append(page)
        return page

    yield open_page
    for page in lent:
        if not page.is_closed():
            forget_the_visit(page)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    """Each phase's report kept on the test (`report_setup`, `report_call`), for a fixture that tidies up after a
    failure."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def viewer_at(browser):
    """One tab per window width, kept by the worker on the app from one test to the next, for the tests that only
    look at a page (`showing`): the tab's first page is loaded as a visitor opens a link, the later ones are reached
    through the tab's history, a third of the CPU of a load (helpers.open_in_tab, which names the exception). Its
    context counts the websocket's messages (COUNT_MESSAGES), which tells open_in_tab that the server has answered an
    address pushed."""
    tabs = {}

    def tab(width: int):
        if width not in tabs or tabs[width].is_closed():
            context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
            context.set_default_timeout(PATIENCE)
            context.add_init_script(COUNT_MESSAGES)
            tabs[width] = context.new_page()
        return tabs[width]

    yield tab
    for page in tabs.values():
        if not page.is_closed():
            page.context.close()


@pytest.fixture
def showing(viewer_at, request):
    """`showing(url, width)`: the worker's tab of that width (900 px tall) showing `url`, drawn and quiet, for a test
    that only looks at the page (no click, no typing, nothing stored). The tab stays on the app for the next test;
    after a test that failed it is closed, so the next starts from a new tab and a fresh load."""
    lent = []

    def show(url: str, width: int):
        page = viewer_at(width)
        lent.append(page)
        page.set_viewport_size({"width": width, "height": 900})
        open_in_tab(page, url)
        return page

    yield show
    call = getattr(request.node, "report_call", None)
    if call is None or not call.passed:
        for page in lent:
            if not page.is_closed():
                page.context.close()
