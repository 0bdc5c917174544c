"""The library pages at scale: browser time of 文件库, 部门对比 and 跨年度 against the one-chart floor,
and the server's memory, on a snapshots folder of your choice (the 1,000-document synthetic library).

    .venv/bin/python scripts/synthetic_library.py --count 1000 --out artifacts/synthetic
    .venv/bin/python scripts/bench_library.py --snapshots artifacts/synthetic/snapshots [--browser-runs 5]

Each page visit is paired with a visit to the floor (a bare page drawing one chart), one after the
other, so load on the machine falls on both alike; the ratio is the median of the pairs' ratios.
Memory: the server's resident set (RSS, /proc) when idle, after each page's visits, and at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.bench_pages import FLOOR  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, free_port, start_server  # noqa: E402
from tests.browser.helpers import wait_for_charts, wait_until_idle  # noqa: E402

PAGES = {"文件库": ("library", 1), "部门对比": ("compare", 1), "跨年度": ("department", 1)}


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def visit(browser, url: str, charts: int) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=90_000)
    wait_until_idle(page, timeout=90_000)
    wait_for_charts(page, charts, timeout=90_000)
    seconds = time.perf_counter() - start
    context.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--snapshots", type=Path, required=True)
    parser.add_argument("--browser-runs", type=int, default=5)
    args = parser.parse_args()
    os.environ["BUDGETLENS_SNAPSHOTS"] = str(args.snapshots.resolve())
    from playwright.sync_api import sync_playwright

    app_port, floor_port = free_port(), free_port()
    app = start_server(app_port)
    floor = start_server(floor_port, FLOOR / "floor_app.py")
    documents = sum(1 for p in args.snapshots.iterdir() if p.is_dir() and not p.name.startswith("."))
    try:
        time.sleep(2)
        print(f"{documents} documents; server RSS idle {rss_mib(app.pid):.0f} MiB")
        print(f"{'page':10} {'browser ms':>10} {'floor ms':>9} {'× floor':>8} {'RSS after MiB':>14}")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            visit(browser, f"http://127.0.0.1:{floor_port}/", 1)  # warm-ups
            for title, (path, charts) in PAGES.items():
                url = f"http://127.0.0.1:{app_port}/{path}"
                visit(browser, url, charts)
                pairs = []
                for _ in range(args.browser_runs):
                    shown = visit(browser, url, charts)
                    bare = visit(browser, f"http://127.0.0.1:{floor_port}/", 1)
                    pairs.append((shown, bare))
                ratio = statistics.median(s / b for s, b in pairs)
                print(
                    f"{title:10} {statistics.median(s for s, _ in pairs) * 1000:10.0f} "
                    f"{statistics.median(b for _, b in pairs) * 1000:9.0f} {ratio:8.2f} {rss_mib(app.pid):14.0f}"
                )
            browser.close()
        print(f"server RSS at the end {rss_mib(app.pid):.0f} MiB")
    finally:
        app.terminate()
        floor.terminate()


if __name__ == "__main__":
    main()
