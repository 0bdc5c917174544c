"""Start the dashboard: `python scripts/serve.py [streamlit run options]` (scripts/run calls this).

Why not plain `streamlit run app.py`: Streamlit still treats a folder named `pages/` next to the
main script as the old (v1) multipage layout until the main script has called `st.navigation`
once in the process. The first visitor after a start who opens a deep link (`/function?node=206`)
would get the old file-based routing and lose the link's state. We route with `st.navigation`
only, so we say so before the server starts.

Before the server listens, every page runs once on the default document (components/warm.py), so the first
visitors after a start find the snapshot loaded and the figures built; `BUDGETLENS_WARM=0` skips it.
scripts/serve_tuning.py shortens Streamlit's hand-over of each message from the script to the websocket
(`BUDGETLENS_TUNING=0` leaves it as it is).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    PagesManager.uses_pages_directory = False
    sys.path.insert(0, str(ROOT))
    import serve_links
    import serve_tuning

    from components import warm

    serve_tuning.apply()  # before any session exists (scripts/serve_tuning.py)
    serve_links.apply()  # /a/b: a page that says so, not a blank one (scripts/serve_links.py)
    warm.imports()
    # Warming reads the config files before the command line's flags are known; when Streamlit then applies the
    # flags it logs "An update to the [server] config option section was detected ... please restart": harmless, the
    # flags are applied (the server listens on the --server.port given; tests/test_deployment.py starts it so).
    if warm.enabled():
        started = time.perf_counter()
        spent = warm.warm()
        print(
            f"warmed {len(spent)} pages in {time.perf_counter() - started:.1f} s ({sum(spent.values()):.1f} CPU-s)",
            file=sys.stderr,
            flush=True,
        )
    serve_tuning.freeze_warm_heap()
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
