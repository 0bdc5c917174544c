"""A tuned server (scripts/serve_tuning.py) sends what an untuned one sends, in the same order.

The tuning hands a session's script events to the event loop in batches, wakes the sending task directly and keeps
the theme read once per configuration. If a batch lost, doubled or reordered a message, or the theme of one section
were handed to another, a reader's page would differ: these tests compare every message of every page run, and the
batching itself from several threads at once.
"""

from __future__ import annotations

import asyncio
import sys
import threading
import types
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from tests.browser.conftest import free_port

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import loadtest  # noqa: E402
import serve_cluster  # noqa: E402
import serve_tuning  # noqa: E402


def _batched_on_event():
    """The batched `AppSession._on_scriptrunner_event`, with Streamlit's own put back (only this test calls it)."""
    from streamlit.runtime import app_session

    original = app_session.AppSession._on_scriptrunner_event
    try:
        assert serve_tuning.batched_script_events()
        return app_session.AppSession._on_scriptrunner_event
    finally:
        app_session.AppSession._on_scriptrunner_event = original


def test_batched_events_arrive_once_each_in_order_from_many_threads():
    """Four script threads send 500 events each while the loop handles them: each thread's events arrive in the
    order sent, none lost or doubled, and the loop was woken fewer times than there were events."""
    on_event = _batched_on_event()
    loop = asyncio.new_event_loop()
    handled: list[tuple[int, int]] = []
    wakeups = 0

    def call_soon(callback) -> None:
        nonlocal wakeups
        wakeups += 1
        loop.call_soon_threadsafe(callback)

    session = types.SimpleNamespace(
        _call_soon_on_event_loop=call_soon,
        _handle_scriptrunner_event_on_event_loop=lambda sender, event, *rest: handled.append((sender, event)),
    )

    def script_thread(number: int) -> None:
        for index in range(500):
            on_event(session, number, index)

    async def run_threads() -> None:
        threads = [threading.Thread(target=script_thread, args=(number,)) for number in range(4)]
        for thread in threads:
            thread.start()
        while any(thread.is_alive() for thread in threads):
            await asyncio.sleep(0.001)
        for _ in range(100):  # the events sent last are handled on the loop's next turns
            await asyncio.sleep(0)

    # In its own thread: after the browser tests, Playwright's sync API keeps an event loop running in this one.
    with ThreadPoolExecutor(1) as thread:
        thread.submit(loop.run_until_complete, run_threads()).result()
    loop.close()
    assert len(handled) == 2000
    for number in range(4):
        assert [index for sender, index in handled if sender == number] == list(range(500))
    assert wakeups < 2000


def _comparable(message: ForwardMsg) -> tuple:
    """What a message shows the reader; ids of the run and the session left out (new in every run)."""
    kind = message.WhichOneof("type")
    if kind == "delta":
        delta = message.delta
        if delta.WhichOneof("type") == "new_element" and delta.new_element.WhichOneof("type") == "download_button":
            delta.new_element.download_button.ClearField("deferred_file_id")  # a random id per server process
        return (kind, tuple(message.metadata.delta_path), delta.SerializeToString(deterministic=True))
    if kind == "new_session":
        shown = message.new_session
        return (
            kind,
            shown.config.SerializeToString(deterministic=True),
            shown.custom_theme.SerializeToString(deterministic=True),
            shown.page_script_hash,
        )
    if kind == "script_finished":
        return (kind, message.script_finished)
    if kind == "navigation":
        return (kind, message.navigation.SerializeToString(deterministic=True))
    return (kind,)


async def _every_page_run(base: str) -> list[list[tuple]]:
    """Each page opened, then its load-test filter, as scripts/loadtest.py runs a session: every message of each."""
    cookie = await asyncio.to_thread(loadtest._cookies, base)
    runs: list[list[tuple]] = []
    pages: list[tuple[str, str]] = []
    async with connect(
        base.replace("http", "ws", 1) + "/_stcore/stream",
        subprotocols=["streamlit"],
        additional_headers={"Cookie": cookie} if cookie else {},
        max_size=2**26,
    ) as socket:

        async def run(message: bytes) -> None:
            await socket.send(message)
            received = []
            async with asyncio.timeout(120):
                while True:
                    incoming = ForwardMsg()
                    incoming.ParseFromString(await socket.recv())
                    if incoming.WhichOneof("type") == "navigation" and not pages:
                        pages.extend((p.url_pathname, p.page_script_hash) for p in incoming.navigation.app_pages)
                    received.append(_comparable(incoming))
                    if incoming.WhichOneof("type") == "script_finished" and (
                        incoming.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
                    ):
                        break
            runs.append(received)

        await run(loadtest._rerun(""))
        for path, page_hash in pages:
            await run(loadtest._rerun("", page_hash=page_hash))
            query = loadtest.FILTER_CHANGE.get(path, "")
            if query:
                await run(loadtest._rerun(urllib.parse.quote(query, safe="=&"), page_hash))
    return runs


@pytest.fixture(scope="module")
def runs_by_server(tmp_path_factory) -> dict[str, list[list[tuple]]]:
    found = {}
    for tuning in ("0", "1"):
        settings = {"BUDGETLENS_TUNING": tuning, "BUDGETLENS_WARM": "0"}
        server = serve_cluster.start_replicas([free_port()], tmp_path_factory.mktemp(f"tuning{tuning}"), settings)
        try:
            with ThreadPoolExecutor(1) as thread:  # Playwright's sync API may keep a loop running in this thread
                found[tuning] = thread.submit(asyncio.run, _every_page_run(server.url)).result()
        finally:
            server.stop()
    return found


def test_an_event_whose_handling_fails_does_not_stop_the_sessions_later_events():
    """Unbatched, each event was its own loop callback, and the loop logged a failing one and went on; batched, the
    events after a failing one in the same batch, and every later batch, must still be handled."""
    on_event = _batched_on_event()
    waiting_callbacks: list = []
    handled: list[int] = []

    def handle(sender, event, *rest) -> None:
        if event == 1:
            raise RuntimeError("one event's handling fails")
        handled.append(event)

    session = types.SimpleNamespace(
        _call_soon_on_event_loop=waiting_callbacks.append,
        _handle_scriptrunner_event_on_event_loop=handle,
    )
    for event in range(3):
        on_event(session, 0, event)
    assert len(waiting_callbacks) == 1  # one wake-up for the three
    waiting_callbacks.pop()()
    assert handled == [0, 2]
    on_event(session, 0, 3)  # a later batch wakes the loop again
    assert len(waiting_callbacks) == 1
    waiting_callbacks.pop()()
    assert handled == [0, 2, 3]


def test_a_tuned_server_sends_every_page_run_as_an_untuned_one(runs_by_server):
    untuned, tuned = runs_by_server["0"], runs_by_server["1"]
    assert len(untuned) == len(tuned) == 25  # the first load, 14 pages, 10 filters
    for run_untuned, run_tuned in zip(untuned, tuned, strict=True):
        assert run_tuned == run_untuned
    assert sum(len(run) for run in tuned) > 1000  # every element of every run was compared
    themes = {message[2] for run in tuned for message in run if message[0] == "new_session"}
    assert len(themes) == 1 and b"#0b5d8c" in next(iter(themes))  # .streamlit/config.toml's theme, every run


def test_every_tuning_applies_to_the_streamlit_this_project_pins():
    """On another Streamlit a tuning is skipped with a warning and the servers run untuned, so the message
    comparison above would pass with nothing tuned: the pinned Streamlit must take all three."""
    from streamlit.runtime import app_session, runtime

    originals = (
        app_session.AppSession._on_scriptrunner_event,
        runtime.Runtime._enqueued_some_message,
        app_session._populate_theme_msg,
    )
    try:
        assert set(serve_tuning.apply()) == {"batched_script_events", "direct_send_wakeup", "theme_read_once"}
    finally:
        (
            app_session.AppSession._on_scriptrunner_event,
            runtime.Runtime._enqueued_some_message,
            app_session._populate_theme_msg,
        ) = originals


@pytest.mark.parametrize(
    "theme_options",
    [
        {"base": "light", "primaryColor": None},  # defaults only: Streamlit still marks the theme present
        {"base": None, "primaryColor": "#0b5cad"},
        {"base": None, "primaryColor": None},  # nothing set: Streamlit leaves the theme out
    ],
)
def test_the_theme_read_once_is_the_message_streamlit_writes(monkeypatch, theme_options):
    from streamlit import config
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.runtime import app_session

    monkeypatch.setattr(config, "_config_options", object())  # a configuration of its own: read afresh
    monkeypatch.setattr(config, "get_options_for_section", lambda section: dict(theme_options))
    original = app_session._populate_theme_msg
    untuned, tuned = ForwardMsg(), ForwardMsg()
    original(untuned.new_session.custom_theme)
    try:
        assert serve_tuning.theme_read_once()
        for _ in range(2):  # the first read, then the kept one
            tuned = ForwardMsg()
            app_session._populate_theme_msg(tuned.new_session.custom_theme)
            assert tuned.new_session.HasField("custom_theme") == untuned.new_session.HasField("custom_theme")
            assert tuned.SerializeToString() == untuned.SerializeToString()
    finally:
        app_session._populate_theme_msg = original
