"""An address of two or more segments that names no file (/overview/x, a link cut or pasted wrong) is sent to the
same words as one segment (/overview%2Fx), where the app says in Chinese that no such page exists.

Why: Streamlit answers any unknown path with its index.html, whose scripts are named relative to the address
(./static/js/…). Under /a/b the browser asks for /a/static/js/…, gets index.html again, runs no script and shows a
blank white page, with no word of what was wrong. One segment keeps the scripts at /static/; the page then names the
path (components/frame.py `_page_not_found`). The path is checked undecoded (`raw_path`): /a%2Fb is one segment.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import quote

from streamlit.web.server.starlette import starlette_static_routes

Scope = MutableMapping[str, Any]
Asgi = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]]


def one_segment(app: Asgi, directory: str) -> Asgi:
    """`app` (Streamlit's static files and index.html), with a GET or HEAD of an unknown many-segment path redirected
    to its one-segment form; every other request as before."""

    async def links_of_one_segment(scope: Scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            root = scope.get("root_path", "")
            raw = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1").split("?", 1)[0]
            relative = raw[len(root) :].strip("/") if raw.startswith(root) else raw.strip("/")
            unknown = not relative.startswith(("static/", "_stcore/")) and "/_stcore/" not in f"/{relative}"
            if "/" in relative and unknown and not os.path.isfile(os.path.join(directory, relative)):
                query = scope.get("query_string", b"").decode("latin-1")
                location = f"{root}/{quote(relative, safe='%')}" + (f"?{query}" if query else "")
                headers = [(b"location", location.encode()), (b"cache-control", b"no-cache")]
                await send({"type": "http.response.start", "status": 302, "headers": headers})
                await send({"type": "http.response.body", "body": b""})
                return
        await app(scope, receive, send)

    return links_of_one_segment


def apply() -> None:
    """Before the server starts (scripts/serve.py): Streamlit's static handler answers through `one_segment`."""
    create = starlette_static_routes.create_streamlit_static_handler

    def create_with_one_segment_links(directory: str, base_url: str | None) -> Asgi:
        return one_segment(create(directory=directory, base_url=base_url), directory)

    starlette_static_routes.create_streamlit_static_handler = create_with_one_segment_links
