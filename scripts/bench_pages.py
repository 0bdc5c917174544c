"""Per page: the script run time (AppTest, median of 10 warm runs) and the browser time from
navigation to all charts drawn (median of 5), beside the same figures for a one-chart page.

    .venv/bin/python scripts/bench_pages.py [--runs 10] [--browser-runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, free_port, start_server  # noqa: E402
from tests.browser.helpers import wait_for_charts, wait_until_idle  # noqa: E402

PAGES = {  # page file -> (url path, charts drawn)
    "pages/overview.py": ("", 2),
    "pages/by_function.py": ("function", 1),
    "pages/by_economic.py": ("economic", 1),
    "pages/checks.py": ("checks", 0),
    "pages/data_sources.py": ("data", 0),
    "pages/changes.py": ("changes", 1),
    "pages/three_public.py": ("three-public", 1),
    "pages/projects.py": ("projects", 0),
    "pages/indicators.py": ("indicators", 0),
    "pages/purchases.py": ("purchases", 4),
}


def floor_folder() -> Path:
    """A folder laid out like the project root: the floor app, its page, and `pages` (a link to the
    dashboard's pages). AppTest compiles the main script and the page file on every run and, for a
    main script next to a `pages/` folder, lists that folder first; the floor pays the same."""
    folder = Path(tempfile.mkdtemp(prefix="budgetlens-floor-"))
    shutil.copy(ROOT / "scripts" / "bench_floor_app.py", folder / "floor_app.py")
    shutil.copy(ROOT / "scripts" / "bench_floor_page.py", folder / "floor_page.py")
    (folder / "pages").symlink_to(ROOT / "pages")
    return folder


FLOOR = floor_folder()
os.environ["BUDGETLENS_ROOT"] = str(ROOT)


def script_times(runs: int, pages: list[str]) -> tuple[float, dict[str, float]]:
    """Median seconds of one script run (the frame and the page) for the floor and each page.

    Every app is warmed first, then the runs are interleaved (floor, page 1, page 2, …, repeated),
    so drift in the process (a growing heap, caches filling) falls on all of them alike.
    """
    apps: dict[str | None, AppTest] = {}
    for page in [None, *pages]:
        app = AppTest.from_file(str(ROOT / "app.py" if page else FLOOR / "floor_app.py"), default_timeout=60)
        app.run()
        if page:
            app.switch_page(page).run()
        app.run()
        assert not app.exception, (page, app.exception)
        apps[page] = app
    times: dict[str | None, list[float]] = {page: [] for page in apps}
    for _ in range(runs):
        for page, app in apps.items():
            start = time.perf_counter()
            app.run()
            times[page].append(time.perf_counter() - start)
            assert not app.exception, (page, app.exception)
    medians = {page: statistics.median(values) for page, values in times.items()}
    return medians.pop(None), medians


def browser_time(runs: int, url: str, charts: int) -> float:
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for index in range(runs + 1):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            start = time.perf_counter()
            page.goto(url)
            page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)  # the page itself has run
            wait_until_idle(page, timeout=60_000)
            wait_for_charts(page, charts, timeout=60_000)
            if index:  # the first is a warm-up
                times.append(time.perf_counter() - start)
            context.close()
        browser.close()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--browser-runs", type=int, default=5)
    parser.add_argument("--script-only", action="store_true", help="skip the browser times")
    args = parser.parse_args()
    floor_script, page_scripts = script_times(args.runs, list(PAGES))
    if args.script_only:
        print(f"{'page':28} {'script ms':>10} {'× floor':>8}")
        print(f"{'floor (one chart)':28} {floor_script * 1000:10.1f} {1:8.2f}")
        for page, script in page_scripts.items():
            print(f"{page:28} {script * 1000:10.1f} {script / floor_script:8.2f}")
        return
    app_port, floor_port = free_port(), free_port()
    app_server = start_server(app_port)
    floor_server = start_server(floor_port, FLOOR / "floor_app.py")
    try:
        floor_browser = browser_time(args.browser_runs, f"http://127.0.0.1:{floor_port}/", 1)
        print(f"{'page':28} {'script ms':>10} {'× floor':>8} {'browser ms':>11} {'× floor':>8}")
        print(f"{'floor (one chart)':28} {floor_script * 1000:10.1f} {1:8.2f} {floor_browser * 1000:11.0f} {1:8.2f}")
        for page, (path, charts) in PAGES.items():
            script = page_scripts[page]
            shown = browser_time(args.browser_runs, f"http://127.0.0.1:{app_port}/{path}", charts)
            print(
                f"{page:28} {script * 1000:10.1f} {script / floor_script:8.2f} "
                f"{shown * 1000:11.0f} {shown / floor_browser:8.2f}"
            )
    finally:
        app_server.terminate()
        floor_server.terminate()


if __name__ == "__main__":
    main()
