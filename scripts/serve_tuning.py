"""What a served process changes in Streamlit's own message path, before the server starts (scripts/serve.py).

Every element a page draws is one ForwardMsg, and Streamlit 1.67 hands each one from the script's thread to the
event loop with its own `call_soon_threadsafe`: a write to the loop's wake-up socket, the loop thread woken, the
interpreter lock handed over and back, and then, from the loop thread itself, another `call_soon_threadsafe` to
wake the sending task. A page run sends 35 to 125 messages, so on a quiet server, where the loop wakes for each
message, this hand-over cost more than a third of the server's CPU a run (docs/SPEED.md). And at the start of
every run the `new_session` message re-read the theme from the configuration (six passes over the options).

- `batched_script_events`: a session's script events go into one queue; the loop is woken when the queue was
  empty, and it handles every event waiting, in the order they were sent. Nothing is sent in another order and
  nothing is left out; events wait at most until the loop's next turn, as before.
- `direct_send_wakeup`: a message queued on the loop thread wakes the sending task directly, not through the
  wake-up socket (the same `Event.set`, on the thread it belongs to).
- `theme_read_once`: the theme parts of `new_session` are read once per configuration (a changed config.toml is
  a new configuration, read anew).
- `freeze_warm_heap`: what warming loaded (the snapshots, figures, modules) is moved out of the garbage
  collector's sight: a full collection no longer walks it (`gc.freeze`).

`BUDGETLENS_TUNING=0` leaves Streamlit as it is (for measuring the difference: scripts/loadtest.py). Each change
checks that the Streamlit code it replaces is the version it was written against; on another version it is
skipped with a warning and the server runs unchanged. tests/test_load5_serve_tuning.py pins the messages: a tuned
server sends every page's messages exactly as an untuned one.
"""

from __future__ import annotations

import asyncio
import collections
import gc
import inspect
import logging
import os
import threading
from collections.abc import Callable
from typing import Any

import streamlit
from streamlit import config
from streamlit.runtime import app_session, runtime

LOG = logging.getLogger("budgetlens.serve")
WRITTEN_FOR = "1.67."  # the Streamlit whose code these replace (read before changing the pin)


def enabled() -> bool:
    return os.environ.get("BUDGETLENS_TUNING", "1") != "0"


def _replaces(owner: Any, name: str, *expected_lines: str) -> bool:
    """Whether `owner.name` is still the code these changes were written against."""
    try:
        source = inspect.getsource(getattr(owner, name))
    except (AttributeError, OSError, TypeError):
        return False
    return streamlit.__version__.startswith(WRITTEN_FOR) and all(line in source for line in expected_lines)


def batched_script_events() -> bool:
    target = app_session.AppSession
    if not _replaces(
        target,
        "_on_scriptrunner_event",
        "self._call_soon_on_event_loop(",
        "self._handle_scriptrunner_event_on_event_loop(",
    ):
        return False
    guard = threading.Lock()

    def on_scriptrunner_event(
        self: app_session.AppSession,
        sender: Any,
        event: Any,
        forward_msg: Any = None,
        exception: BaseException | None = None,
        client_state: Any = None,
        page_script_hash: str | None = None,
        fragment_ids_this_run: list[str] | None = None,
        pages: Any = None,
        run_descriptor: Any = None,
    ) -> None:
        event_and_details = (
            sender,
            event,
            forward_msg,
            exception,
            client_state,
            page_script_hash,
            fragment_ids_this_run,
            pages,
            run_descriptor,
        )
        with guard:
            waiting = self.__dict__.get("_events_waiting")
            if waiting is None:
                waiting = self._events_waiting = collections.deque()
            wake_loop = not waiting and not self.__dict__.get("_events_handling")
            waiting.append(event_and_details)
            self._events_handling = True
        if wake_loop:
            self._call_soon_on_event_loop(lambda: handle_waiting_events(self))

    def handle_waiting_events(self: app_session.AppSession) -> None:
        waiting = self._events_waiting
        while True:
            with guard:
                if not waiting:
                    self._events_handling = False
                    return
                event_and_details = waiting.popleft()
            try:
                self._handle_scriptrunner_event_on_event_loop(*event_and_details)
            except Exception:  # as the loop does with a failing callback: logged, and the next events still run
                LOG.exception("a script event of a session failed")
            except BaseException:  # the loop itself is stopping: leave the rest to a later turn, never stalled
                with guard:
                    self._events_handling = bool(waiting)
                if waiting:
                    self._call_soon_on_event_loop(lambda: handle_waiting_events(self))
                raise

    target._on_scriptrunner_event = on_scriptrunner_event
    return True


def direct_send_wakeup() -> bool:
    target = runtime.Runtime
    if not _replaces(target, "_enqueued_some_message", "call_soon_threadsafe(async_objs.need_send_data.set)"):
        return False

    def enqueued_some_message(self: runtime.Runtime) -> None:
        async_objs = self._get_async_objs()
        if asyncio._get_running_loop() is async_objs.eventloop:  # on the loop's own thread
            async_objs.need_send_data.set()
        else:
            async_objs.eventloop.call_soon_threadsafe(async_objs.need_send_data.set)

    target._enqueued_some_message = enqueued_some_message
    return True


def theme_read_once() -> bool:
    if not _replaces(app_session, "_populate_theme_msg", "config.get_options_for_section(section)"):
        return False
    read_theme: Callable[..., None] = app_session._populate_theme_msg
    kept: dict[tuple[int, str], tuple[object, Any, bool]] = {}

    def populate_theme_msg(msg: Any, section: str = "theme") -> None:
        options = config._config_options  # replaced whole when a config file changes
        key = (id(options), section)
        found = kept.get(key)
        if found is None:
            theme = type(msg)()
            read_theme(theme, section)
            # Streamlit's own code writes into the message (so marks the section present, even where every value it
            # writes is a default, such as base = "light" alone) exactly when the section sets any option
            touched = any(value is not None for value in config.get_options_for_section(section).values())
            if len(kept) > 32:
                kept.clear()
            kept[key] = found = (options, theme, touched)  # the options stay referenced: their id is not reused
        _, theme, touched = found
        if touched:
            msg.MergeFrom(theme)
            msg.SetInParent()

    app_session._populate_theme_msg = populate_theme_msg
    return True


def apply() -> list[str]:
    """Make the changes; the names of those made."""
    if not enabled():
        return []
    made = [change.__name__ for change in (batched_script_events, direct_send_wakeup, theme_read_once) if change()]
    skipped = {"batched_script_events", "direct_send_wakeup", "theme_read_once"} - set(made)
    if skipped:
        LOG.warning("Streamlit %s: left as it is: %s", streamlit.__version__, ", ".join(sorted(skipped)))
    return made


def freeze_warm_heap() -> None:
    """After warming: what is on the heap now lives as long as the process."""
    if enabled():
        gc.collect()
        gc.freeze()
