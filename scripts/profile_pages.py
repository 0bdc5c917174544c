"""Where a page's server time goes, in CPU time (a figure that holds while others load the machine).

    .venv/bin/python scripts/profile_pages.py [--runs 10] [--pages library overview ...]
    .venv/bin/python scripts/profile_pages.py --pages department --profile 25    # the 25 costliest calls

Per page, on the default document, warm (each page opened once first, as scripts/serve.py warms a server): the
median CPU milliseconds of one script run (Streamlit's AppTest: the frame, the sidebar and the page, as a visitor's
rerun), and what the run sends to the browser: the messages' bytes, the elements by kind, the plotly figures' JSON
bytes and the tables' Arrow bytes (the browser parses each of them: what a page sends is what chromium pays for).
With --profile N, cProfile's N functions with the most cumulative CPU time over the runs (the script thread only).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.runtime.pages_manager import PagesManager  # noqa: E402
from streamlit.runtime.scriptrunner import script_runner  # noqa: E402
from streamlit.runtime.scriptrunner.script_cache import ScriptCache  # noqa: E402
from streamlit.testing.v1 import AppTest, app_test, local_script_runner  # noqa: E402

from components.frame import PAGES  # noqa: E402
from scripts.loadtest import FILTER_CHANGE  # noqa: E402

# Run the scripts as a server does, not as AppTest does: AppTest makes a new ScriptCache for every run (the page
# and app.py compiled anew each time: 2-4 ms) and, seeing a pages/ folder, runs app.py through Streamlit's v1
# multipage wrapper (a Page made for every file of pages/ in every run: about a tenth of a run);
# scripts/serve.py turns that wrapper off, and a server keeps one ScriptCache.
_SCRIPTS = ScriptCache()
app_test.ScriptCache = local_script_runner.ScriptCache = lambda: _SCRIPTS  # type: ignore[assignment]
_pages_manager_init = PagesManager.__init__


def _as_served(self: PagesManager, *args, **kwargs) -> None:
    _pages_manager_init(self, *args, **kwargs)
    PagesManager.uses_pages_directory = False  # as scripts/serve.py sets it


PagesManager.__init__ = _as_served  # type: ignore[method-assign]
_sent: list[ForwardMsg] = []
_parse = local_script_runner.parse_tree_from_messages


def _keep_messages(messages: list[ForwardMsg]):
    _sent[:] = list(messages)
    return _parse(messages)


local_script_runner.parse_tree_from_messages = _keep_messages  # type: ignore[assignment]


def _wait_for_run(runner: local_script_runner.LocalScriptRunner, timeout: float = 3) -> None:
    """AppTest polls every millisecond for the run's end, taking the GIL from the script's thread each time (its
    CPU and its interruptions would count in the page's figures): wait on the thread instead."""
    runner._script_thread.join(timeout)


local_script_runner.require_widgets_deltas = _wait_for_run  # type: ignore[assignment]
PROFILER: cProfile.Profile | None = None
_run_script = script_runner.ScriptRunner._run_script


def _profiled_run_script(self, rerun_data):  # cProfile follows one thread: the script's
    if PROFILER is None:
        return _run_script(self, rerun_data)
    PROFILER.enable()
    try:
        return _run_script(self, rerun_data)
    finally:
        PROFILER.disable()


script_runner.ScriptRunner._run_script = _profiled_run_script  # type: ignore[method-assign]


def sent() -> dict[str, object]:
    """What the last run sent: bytes, elements by kind, figure JSON bytes, Arrow bytes."""
    kinds: Counter[str] = Counter()
    figure_bytes = arrow_bytes = 0
    for message in _sent:
        if message.WhichOneof("type") != "delta":
            continue
        delta = message.delta
        if delta.WhichOneof("type") == "add_block":
            kinds["block:" + delta.add_block.WhichOneof("type")] += 1
            continue
        if delta.WhichOneof("type") != "new_element":
            continue
        element = delta.new_element
        kind = element.WhichOneof("type")
        kinds[kind] += 1
        if kind == "plotly_chart":
            figure_bytes += len(element.plotly_chart.spec.encode())
        elif kind == "dataframe":
            arrow_bytes += element.dataframe.ByteSize()
    return {
        "bytes": sum(message.ByteSize() for message in _sent),
        "kinds": kinds,
        "figure_bytes": figure_bytes,
        "arrow_bytes": arrow_bytes,
    }


def opened(page: str, query: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.run()
    if page != PAGES[0][1]:
        app.switch_page(page).run()
    for name, value in urllib.parse.parse_qsl(query):
        app.query_params[name] = value
    app.run()
    assert not app.exception, (page, app.exception)
    return app


def main() -> None:
    global PROFILER
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--pages", nargs="+", metavar="URL_PATH", help="only these pages (their url paths)")
    parser.add_argument("--filtered", action="store_true", help="also each page with the load test's filter")
    parser.add_argument("--profile", type=int, metavar="N", help="print cProfile's N costliest calls")
    parser.add_argument("--callers", nargs="+", default=[], metavar="NAME", help="with --profile: who calls these")
    args = parser.parse_args()
    chosen = {path: url for _, path, _, _, url in PAGES if not args.pages or url in args.pages}
    apps = {page: opened(page, "") for page in chosen}
    if args.filtered:  # the load test's second run of each page (scripts/loadtest.py FILTER_CHANGE)
        queries = {page: FILTER_CHANGE.get("" if url == PAGES[0][4] else url) for page, url in chosen.items()}
        apps |= {f"{page}?{query}": opened(page, query) for page, query in queries.items() if query}
    if args.profile:
        # the script thread's CPU time, not wall time: on a loaded machine a wall-clock profile charges the waits
        # for the GIL to whatever line the thread was on (a one-line test showed 0.2 ms a call)
        PROFILER = cProfile.Profile(time.thread_time)
    spent: dict[str, list[float]] = {page: [] for page in apps}
    for _ in range(args.runs):
        for page, app in apps.items():
            started = time.process_time()
            app.run()
            spent[page].append(time.process_time() - started)
    print(f"{'page':44} {'CPU ms':>7} {'sent KB':>8} {'figures KB':>10} {'tables KB':>9}  elements")
    for page, app in apps.items():
        app.run()
        shown = sent()
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(shown["kinds"].items()))
        print(
            f"{page:44} {statistics.median(spent[page]) * 1000:7.1f} {shown['bytes'] / 1000:8.1f} "
            f"{shown['figure_bytes'] / 1000:10.1f} {shown['arrow_bytes'] / 1000:9.1f}  {kinds}"
        )
    if PROFILER is not None:
        stats = pstats.Stats(PROFILER).sort_stats("cumulative")
        stats.print_stats(args.profile)
        for name in args.callers:
            stats.print_callers(name)


if __name__ == "__main__":
    main()
