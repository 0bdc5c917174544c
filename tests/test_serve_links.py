"""scripts/serve_links.py: an unknown address of several segments is sent to its one-segment form; files, Streamlit's
own routes and one-segment addresses are answered as before."""

from __future__ import annotations

import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import serve_links


def _answer(path: str, raw: bytes | None = None, query: bytes = b"", root: str = "") -> tuple[int, str | None]:
    """(status, location) the wrapped app gives a GET of `path`; 200 where Streamlit's own static app answered."""
    sent: list[dict] = []

    async def streamlit_static(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "raw_path": raw or path.encode(), "query_string": query}
    scope["root_path"] = root
    directory = str(ROOT / ".venv" / "none")  # no file exists there
    answer = serve_links.one_segment(streamlit_static, directory)(scope, None, send)
    with ThreadPoolExecutor(1) as thread:  # a loop of its own: a browser test in this worker may run one here
        thread.submit(asyncio.run, answer).result()
    headers = dict(sent[0]["headers"])
    return sent[0]["status"], headers[b"location"].decode() if b"location" in headers else None


@pytest.mark.parametrize(
    ("path", "raw", "query", "root", "answer"),
    [
        ("/overview/x/y", None, b"doc=a", "", (302, "/overview%2Fx%2Fy?doc=a")),
        ("/app/overview/x", None, b"", "/app", (302, "/app/overview%2Fx")),  # behind a base URL
        ("/概览/甲", b"/%E6%A6%82%E8%A7%88/%E7%94%B2", b"", "", (302, "/%E6%A6%82%E8%A7%88%2F%E7%94%B2")),
        ("/a/b", b"/a%2Fb", b"", "", (200, None)),  # already one segment: no redirect loop
        ("/overview", None, b"doc=a", "", (200, None)),
        ("/static/js/gone.js", None, b"", "", (200, None)),  # an asset: Streamlit's answer, as before
        ("/x/_stcore/health", None, b"", "", (200, None)),  # Streamlit's reserved routes: its own 404
    ],
)
def test_unknown_addresses_of_several_segments_become_one(path, raw, query, root, answer):
    assert _answer(path, raw, query, root) == answer
