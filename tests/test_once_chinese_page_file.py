"""The script that puts Streamlit's own words in Chinese (static/chinese_page.js, components/frame.py CHINESE_PAGE) is
served as a file, and every run sends only a small loader for it. The browser tests (test_face7_*) read what it
does on the page; these pin the parts they cannot tell apart: the loader names the committed file by its content,
Streamlit serves it from where the loader asks, and every run sends the loader and nothing bigger."""

from __future__ import annotations

import asyncio
import hashlib
import tomllib
from concurrent.futures import ThreadPoolExecutor

from streamlit.file_util import get_app_static_dir
from streamlit.web.server.starlette.starlette_routes import create_app_static_serving_routes

from components import frame
from tests.conftest import ROOT
from tests.test_app import opening

SERVED_AT = "app/static/chinese_page.js"  # relative to the page, as the loader imports it


def test_the_loader_names_the_committed_files_content():
    """A browser that holds an older copy fetches the file again: the loader's address carries the file's digest."""
    digest = hashlib.sha256(frame.CHINESE_PAGE_FILE.read_bytes()).hexdigest()[:12]
    assert f"import('./{SERVED_AT}?v={digest}');" in frame.CHINESE_PAGE_LOADER
    assert "window.budgetlensChinese = true" in frame.CHINESE_PAGE


def test_streamlit_serves_it_where_the_loader_asks():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableStaticServing"] is True
    assert frame.CHINESE_PAGE_FILE.parent == ROOT / "static" == type(ROOT)(get_app_static_dir(str(ROOT / "app.py")))
    assert f"import('./{SERVED_AT}?v=" in frame.CHINESE_PAGE_LOADER

    sent: list[dict] = []

    async def get() -> None:
        (route, _) = create_app_static_serving_routes(str(ROOT / "app.py"), "")
        scope = {"type": "http", "method": "GET", "path": f"/{SERVED_AT}", "query_string": b"v=1", "headers": []}

        async def receive() -> dict:  # the client stays: the response ends the wait for a disconnect
            await asyncio.Event().wait()
            return {"type": "http.disconnect"}

        async def send(message: dict) -> None:
            sent.append(message)

        await route(scope, receive, send)

    with ThreadPoolExecutor(1) as thread:  # a loop of its own: a browser test in this worker may run one here
        thread.submit(asyncio.run, get()).result()
    headers = dict(sent[0]["headers"])
    assert sent[0]["status"] == 200
    assert headers[b"content-type"].split(b";")[0] in (b"text/javascript", b"application/javascript")
    body = b"".join(message.get("body", b"") for message in sent[1:])
    assert body.decode("utf-8") == frame.CHINESE_PAGE


def test_every_run_sends_the_loader_and_not_the_script():
    """In the sidebar on every run, at the same place (its empty element takes a gap in the layout), and small."""
    app = opening("pages/execution.py").run()
    first = [element.proto.body for element in app.sidebar.get("html")]
    again = [element.proto.body for element in app.run().sidebar.get("html")]
    assert first == again == [frame.CHINESE_PAGE_LOADER]
    assert app.sidebar.get("html")[0] is app.sidebar.children[len(app.sidebar.children) - 1]  # last, as before
    assert len(frame.CHINESE_PAGE_LOADER.encode()) < 200 < len(frame.CHINESE_PAGE.encode()) / 25
