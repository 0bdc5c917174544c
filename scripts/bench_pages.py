"""Per page: the script run time (AppTest, median of 10 warm runs) and, in chromium, the time and the CPU from
navigation to the page drawn (every chart, no skeleton, every table in view painted; median of 5 visits, each a new
visitor), beside the same figures for a bare page with one chart (the floor), interleaved with it in one run.

    .venv/bin/python scripts/bench_pages.py [--runs 10] [--browser-runs 5] [--pages overview changes ...]
    .venv/bin/python scripts/bench_pages.py --browser-only --browser-runs 7     # the goal: every page <= 1.5x

CPU is every chromium process's and the page's server's, read from /proc: on a machine others load, compare the CPU
ratios; wall-clock ratios are meaningful only on an idle machine (docs/SPEED.md).
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
from tests.browser.helpers import wait_until_idle  # noqa: E402

PAGES = {  # page file -> (url path, charts drawn on the default document)
    "pages/library.py": ("library", 1),
    "pages/compare.py": ("compare", 1),
    "pages/department.py": ("department", 3),
    "pages/overview.py": ("overview", 2),
    "pages/execution.py": ("execution", 0),
    "pages/by_function.py": ("function", 1),
    "pages/by_economic.py": ("economic", 1),
    "pages/three_public.py": ("three-public", 1),
    "pages/projects.py": ("projects", 0),
    "pages/indicators.py": ("indicators", 0),
    "pages/purchases.py": ("purchases", 3),
    "pages/changes.py": ("changes", 1),
    "pages/checks.py": ("checks", 0),
    "pages/data_sources.py": ("data", 0),
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


TICKS = os.sysconf("SC_CLK_TCK")
# The page drawn: every chart (plotly gives each two `.main-svg` layers, so counting those would wait for half of
# them), no skeleton left (Streamlit's placeholder while a chart's or a table's code loads), and every table in the
# window painted (its canvas; the grid paints one only when it is scrolled into view). The floor is held to the same.
PAGE_DRAWN = """(count) => Array.from(document.querySelectorAll('.js-plotly-plot'))
    .filter((chart) => chart.querySelector('.main-svg')).length >= count
  && !document.querySelector('[data-testid="stSkeleton"]')
  && Array.from(document.querySelectorAll('[data-testid="stDataFrame"]'))
    .filter((grid) => grid.offsetParent !== null && grid.getBoundingClientRect().top < window.innerHeight)
    .every((grid) => grid.querySelector('canvas'))"""


def cpu_seconds(root: int) -> float:
    """CPU seconds used so far by a process and every process below it (live ones, and those they reaped)."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = sum(int(value) for value in fields[11:15]) / TICKS  # utime stime cutime cstime
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += times.get(pid, 0.0)
        todo += [child for child, parent in parents.items() if parent == pid]
    return total


def chromium_pid(tag: str) -> int:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if tag.encode() in (entry / "cmdline").read_bytes():
                    return int(entry.name)
            except OSError:
                continue
    raise RuntimeError("chromium's main process not found")


def browser_times(
    runs: int, targets: dict[str, tuple[str, int]], servers: dict[str, int]
) -> dict[str, tuple[float, float]]:
    """Per target (name -> (url, charts)): the median wall seconds from navigation to every chart drawn and the
    run settled, and the median CPU seconds spent meanwhile by chromium (every process of the browser: renderer,
    GPU, browser) and the target's server (`servers`: name -> pid): the figure that holds when others load the
    machine.

    One browser; each visit in a new context (a new visitor, nothing cached); the targets interleaved round by
    round (floor, page 1, page 2, ..., floor, page 1, ...), so a change in the machine's load falls on all alike.
    Round 0 is a warm-up and not counted."""
    from playwright.sync_api import sync_playwright

    walls: dict[str, list[float]] = {name: [] for name in targets}
    cpus: dict[str, list[float]] = {name: [] for name in targets}
    with sync_playwright() as playwright:
        tag = f"--bench-pages-{os.getpid()}"  # an unknown switch chromium ignores, to find its process
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_FLAGS, tag])
        chromium = chromium_pid(tag)
        for round_number in range(runs + 1):
            for name, (url, charts) in targets.items():
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                server = servers[name]
                cpu_before = cpu_seconds(chromium) + cpu_seconds(server)
                start = time.perf_counter()
                page.goto(url)
                page.wait_for_selector('[data-testid="stMain"] h1', timeout=90_000)  # the page itself has run
                wait_until_idle(page, timeout=90_000)
                page.wait_for_function(PAGE_DRAWN, arg=charts, timeout=90_000)
                wall = time.perf_counter() - start
                cpu = cpu_seconds(chromium) + cpu_seconds(server) - cpu_before
                if round_number:
                    walls[name].append(wall)
                    cpus[name].append(cpu)
                context.close()
        browser.close()
    return {name: (statistics.median(walls[name]), statistics.median(cpus[name])) for name in targets}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--browser-runs", type=int, default=5)
    parser.add_argument("--script-only", action="store_true", help="skip the browser times")
    parser.add_argument("--browser-only", action="store_true", help="skip the script times")
    parser.add_argument("--pages", nargs="+", metavar="URL_PATH", help="only these pages (their url paths)")
    args = parser.parse_args()
    chosen = {page: shown for page, shown in PAGES.items() if not args.pages or shown[0] in args.pages}
    page_scripts: dict[str, float] = {}
    floor_script = None
    if not args.browser_only:
        floor_script, page_scripts = script_times(args.runs, list(chosen))
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
        targets = {"floor (one chart)": (f"http://127.0.0.1:{floor_port}/", 1)} | {
            page: (f"http://127.0.0.1:{app_port}/{path}", charts) for page, (path, charts) in chosen.items()
        }
        servers = {name: app_server.pid for name in targets} | {"floor (one chart)": floor_server.pid}
        shown = browser_times(args.browser_runs, targets, servers)
    finally:
        app_server.terminate()
        floor_server.terminate()
    floor_wall, floor_cpu = shown.pop("floor (one chart)")
    print(
        f"{'page':28} {'script ms':>10} {'× floor':>8} {'browser ms':>11} {'× floor':>8} {'CPU ms':>16} {'× floor':>8}"
    )

    def script_cells(script: float | None) -> str:
        if script is None or floor_script is None:
            return f"{'':>10} {'':>8}"
        return f"{script * 1000:10.1f} {script / floor_script:8.2f}"

    print(
        f"{'floor (one chart)':28} {script_cells(floor_script)} {floor_wall * 1000:11.0f} {1:8.2f} "
        f"{floor_cpu * 1000:16.0f} {1:8.2f}"
    )
    for page, (wall, cpu) in shown.items():
        print(
            f"{page:28} {script_cells(page_scripts.get(page))} {wall * 1000:11.0f} {wall / floor_wall:8.2f} "
            f"{cpu * 1000:16.0f} {cpu / floor_cpu:8.2f}"
        )


if __name__ == "__main__":
    main()
