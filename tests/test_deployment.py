"""The hosted setup: two replicas behind nginx (deploy/nginx/budgetlens.conf), as scripts/serve_cluster.py runs it."""

from __future__ import annotations

import asyncio
import json
import sys
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from components.frame import PAGES
from tests.browser.conftest import free_port

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import loadtest  # noqa: E402
import serve_cluster  # noqa: E402


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    running = serve_cluster.start_cluster(free_port(), [free_port(), free_port()], tmp_path_factory.mktemp("cluster"))
    yield running
    running.stop()


def get(url: str, cookie: str | None = None) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read(), dict(err.headers)


def routes(cluster) -> dict[str, set[str]]:
    """Route key -> the replicas nginx sent its requests to, from the access log."""
    seen: dict[str, set[str]] = defaultdict(set)
    for line in (cluster.runtime / "access.log").read_text().splitlines():
        key, upstream = line.split()[:2]
        if upstream != "-":
            seen[key].add(upstream)
    return seen


def websocket_lines(cluster, at_least: int) -> list[str]:
    """nginx logs a websocket when it closes, a moment after the client closed it."""
    deadline = time.monotonic() + 10
    while True:
        lines = [
            line for line in (cluster.runtime / "access.log").read_text().splitlines() if "/_stcore/stream" in line
        ]
        if len(lines) >= at_least or time.monotonic() > deadline:
            return lines
        time.sleep(0.2)


def test_health_passes_the_proxy_and_metrics_do_not(cluster):
    assert get(cluster.url + "/_stcore/health")[:2] == (200, b"ok")
    assert get(cluster.url + "/_stcore/metrics")[0] == 404
    assert get(cluster.replica_urls[0] + "/_stcore/metrics")[0] == 200  # so the 404 is the proxy's doing


def test_a_new_reader_gets_a_route_cookie(cluster):
    status, _, headers = get(cluster.url + "/")
    assert status == 200
    assert headers["Set-Cookie"].startswith("bl_route=")
    assert "HttpOnly" in headers["Set-Cookie"]
    assert headers["Server"] == "nginx"  # no version: server_tokens off


def test_one_route_key_always_reaches_the_same_replica(cluster):
    keys = [f"reader{index:02d}" for index in range(16)]
    for _ in range(3):
        for key in keys:
            assert get(cluster.url + "/_stcore/health", cookie=f"bl_route={key}")[0] == 200
    seen = routes(cluster)
    assert all(len(seen[key]) == 1 for key in keys)
    used = set().union(*(seen[key] for key in keys))
    assert used == {url.removeprefix("http://") for url in cluster.replica_urls}  # both replicas take readers


def test_the_replicas_share_one_cookie_secret(cluster):
    secrets = set()
    for pid in cluster.replica_pids:
        environment = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        secrets |= {item for item in environment if item.startswith(b"STREAMLIT_SERVER_COOKIE_SECRET=")}
    assert len(secrets) == 1
    assert len(secrets.pop()) > len("STREAMLIT_SERVER_COOKIE_SECRET=") + 32


def test_sessions_through_the_proxy_open_every_page_without_error(cluster):
    load = loadtest.run_load(cluster.url, 4, cluster.replica_pids, 60, 240, warm=cluster.replica_urls)
    # In its own thread: Playwright's sync API (the browser tests, same session) keeps a loop running here.
    with ThreadPoolExecutor(1) as thread:
        report = thread.submit(asyncio.run, load).result()
    assert report["errors"] == []
    assert set(report["pages"]) >= {"overview", "function", "projects", "changes", "checks", "data"}
    # Every page the app lists, each opened, then its filter changed; the default page is served at "/" (path "").
    pages = ["", *(url_path for *_, url_path in PAGES[1:])]
    assert report["runs"] == 4 * (1 + len(pages) + sum(1 for page in pages if loadtest.FILTER_CHANGE.get(page)))
    # Every websocket went through the upgrade, and each session's requests stayed on one replica.
    upgrades = websocket_lines(cluster, at_least=5)
    assert len(upgrades) >= 4 and all(line.split()[2] == "101" for line in upgrades)
    seen = routes(cluster)
    assert all(len(seen[line.split()[0]]) == 1 for line in upgrades)
    (cluster.runtime / "report.json").write_text(json.dumps(report, ensure_ascii=False))


async def _rerun_after_idle(url: str, idle_seconds: float) -> str:
    """Open a session through the proxy, run the first page, stay idle, run it again: 'ok' or what failed."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect
    from websockets.exceptions import ConnectionClosed

    async def run_once(socket) -> None:
        await socket.send(loadtest._rerun(""))
        async with asyncio.timeout(30):
            while True:
                message = ForwardMsg()
                message.ParseFromString(await socket.recv())
                if message.WhichOneof("type") == "script_finished":
                    return

    async with connect(url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"]) as socket:
        await run_once(socket)
        await asyncio.sleep(idle_seconds)
        try:
            await run_once(socket)
        except ConnectionClosed as closed:
            return f"closed: {closed}"
    return "ok"


@pytest.mark.parametrize(("ping_seconds", "expected"), [("1", "ok"), ("60", "closed")])
def test_the_servers_ping_keeps_an_idle_tab_past_the_proxy_timeout(tmp_path, ping_seconds, expected):
    """nginx drops a websocket that is silent longer than its read timeout (1 h in the real config,
    3 s here); Streamlit's ping (30 s by default, 1 s here) keeps an open tab's connection alive.
    With pings rarer than the timeout, the same idle tab is cut off: the control that shows the test can fail."""
    # One page run on an idle tab: no need to warm every page first (components/warm.py).
    settings = {"STREAMLIT_SERVER_WEBSOCKET_PING_INTERVAL": ping_seconds, "BUDGETLENS_WARM": "0"}
    running = serve_cluster.start_cluster(free_port(), [free_port()], tmp_path, settings=settings, stream_timeout="3s")
    try:
        with ThreadPoolExecutor(1) as thread:
            outcome = thread.submit(asyncio.run, _rerun_after_idle(running.url, 6)).result()
    finally:
        running.stop()
    assert outcome.startswith(expected), outcome


@pytest.mark.parametrize(
    "path",
    [
        "/%2e%2e/%2e%2e/etc/passwd",
        "/static/../../../../etc/passwd",
        "/media/..%2f..%2fetc%2fpasswd",
        "/component/..%2f..%2f..%2fetc/passwd",
        "/data/raw/hongshan_kejingju_2023.txt",
        "/data/snapshots/hongshan_kejingju_2023/manifest.json",
        "/.streamlit/config.toml",
        "/app.py",
    ],
)
def test_no_file_is_served_from_a_path_someone_types(cluster, path):
    status, body, _ = get(cluster.url + path)
    assert b"root:" not in body
    assert "武汉市洪山区".encode() not in body  # neither the source document nor a snapshot's manifest
    assert b"cookieSecret" not in body and b"st.navigation" not in body
    assert status in (200, 400, 404) and (status != 200 or body.lstrip().startswith(b"<!"))  # 200 = the app page
