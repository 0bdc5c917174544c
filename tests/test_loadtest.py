"""The load test's problem detector (scripts/loadtest.py) reports a page that fails, and only that page.

tests/test_deployment.py runs the load test through nginx and expects no errors; without these
tests a detector that never reported anything would pass it just as well.
"""

from __future__ import annotations

import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.browser.conftest import free_port, start_server

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import loadtest  # noqa: E402

APP = """
import streamlit as st


def fine() -> None:
    st.write("all well")
    st.warning("a warning is not an error")


def raises() -> None:
    raise ValueError("broken on purpose")


def says_error() -> None:
    st.error("这个页面出了问题，暂时无法显示。")  # what components.frame.run_page shows for a page that raised


st.navigation(
    [st.Page(fine, url_path="fine"), st.Page(raises, url_path="raises"), st.Page(says_error, url_path="says-error")]
).run()
"""


def element(kind: str) -> ForwardMsg:
    message = ForwardMsg()
    new = message.delta.new_element
    if kind == "exception":
        new.exception.type = "ValueError"
        new.exception.message = "broken on purpose"
    else:
        new.alert.body = "something"
        new.alert.format = {"error": new.alert.ERROR, "warning": new.alert.WARNING}[kind]
    return message


def finished(status: int) -> ForwardMsg:
    message = ForwardMsg()
    message.script_finished = status
    return message


def test_each_kind_of_problem_is_named():
    assert loadtest._problem(element("exception")) == "exception: ValueError: broken on purpose"
    assert loadtest._problem(element("error")) == "error message: something"
    assert loadtest._problem(finished(ForwardMsg.FINISHED_WITH_COMPILE_ERROR)).startswith("script finished with status")
    not_found = ForwardMsg()
    not_found.page_not_found.page_name = "nowhere"
    assert loadtest._problem(not_found) == "page not found"
    # and what is not a problem
    assert loadtest._problem(element("warning")) is None
    assert loadtest._problem(finished(ForwardMsg.FINISHED_SUCCESSFULLY)) is None


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    app = tmp_path_factory.mktemp("loadtest") / "app.py"
    app.write_text(APP, encoding="utf-8")
    port = free_port()
    process = start_server(port, app)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=20)


def test_a_page_that_raises_or_shows_an_error_is_reported(server):
    load = loadtest.run_load(server, 2, [], step_timeout=30, deadline=120)
    # In its own thread: after the browser tests, Playwright's sync API keeps an event loop running here.
    with ThreadPoolExecutor(1) as thread:
        report = thread.submit(asyncio.run, load).result()
    # the first load, the three pages, and the default page's filter change (FILTER_CHANGE[""]), per session
    assert report["runs"] == 2 * 5
    errors = sorted(report["errors"])
    # the server hides the exception's own text from visitors (.streamlit/config.toml: showErrorDetails)
    assert [error.split(": ")[:2] for error in errors[:2]] == [["raises (open)", "exception"]] * 2
    assert errors[2:] == ["says-error (open): error message: 这个页面出了问题，暂时无法显示。"] * 2
    assert report["pages"][""]["runs"] == 4  # the default page, served at "/" (opened, then filtered): no error
