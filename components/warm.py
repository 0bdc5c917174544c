"""Load at start what the first visits need: every page run once on the default document before the server listens.

A freshly started server used to make its first visitors pay for everything at once: importing the pages' modules,
listing the documents (a thousand manifests in a large library), loading and verifying the default document's
snapshot, reading the library files, building every figure and view. With many sessions arriving in the first minute
each waited for all of it. `warm()` runs each dashboard page once, in this process, through Streamlit's own test
runner (AppTest), so the caches every session shares (components/data.py, components/library.py) hold the default
document's pages before the first request; scripts/serve.py calls it before the server starts, so a replica
reports healthy only once it is warm. `BUDGETLENS_WARM=0` skips it (a server for one quick look).
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from components.frame import PAGES

LOG = logging.getLogger("budgetlens.warm")
ROOT = Path(__file__).resolve().parent.parent


def imports() -> None:
    """Modules that are otherwise imported lazily, in the middle of some session's run, while other sessions' threads
    run too. plotly asks `sys.modules` for pandas while validating a figure and uses what it finds: a pandas that
    another thread is still importing failed 部门对比 and 跨年度 with "partially initialized module 'pandas'" in the
    first seconds of a load test. Imported whole here, before any session starts."""
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    import plotly.graph_objects  # noqa: F401
    import pyarrow  # noqa: F401


def enabled() -> bool:
    return os.environ.get("BUDGETLENS_WARM", "1") != "0"


def warm(app: Path = ROOT / "app.py", timeout: float = 120) -> dict[str, float]:
    """Run every page of the navigation once (each in a new test session, as a visitor opening its link) and return
    the CPU seconds each took. A page that fails is logged and skipped: warming never stops a server from starting."""
    from streamlit.testing.v1 import AppTest

    spent: dict[str, float] = {}
    for _section, path, *_ in PAGES:
        started = time.process_time()
        try:
            session = AppTest.from_file(str(app), default_timeout=timeout)
            session.run()  # the frame and the default page
            session.switch_page(path).run()
            if session.exception:
                LOG.warning("warming %s: %s", path, session.exception[0].message)
        except Exception:  # a broken page is the page's to report when visited, not the server's to die of
            LOG.exception("warming %s failed", path)
        spent[path] = time.process_time() - started
    return spent
