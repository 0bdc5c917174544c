"""How scripts/test splits the suite over its two pytest-xdist workers (docs/TESTING.md): a test that uses a
fixture built once per module is grouped with its module (--dist loadgroup sends a group to one worker), so the
fixture is built once; every other test goes alone to whichever worker is free."""

from __future__ import annotations

import pytest

from tests.conftest import pytest_collection_modifyitems

pytest_plugins = ["pytester"]

MODULE = """
import pytest


@pytest.fixture(scope="module")
def server():
    return "built once for the module"


@pytest.fixture(scope="session")
def browser():
    return "one per worker"


@pytest.fixture
def page(server):
    return server


def test_uses_the_module_fixture(server):
    assert server


def test_uses_it_through_another_fixture(page):
    assert page


def test_uses_a_session_fixture(browser):
    assert browser


def test_uses_nothing():
    pass
"""


def groups(pytester: pytest.Pytester) -> dict[str, str | None]:
    pytester.makepyfile(test_split=MODULE)
    items, _ = pytester.inline_genitems()
    pytest_collection_modifyitems(pytester.parseconfig(), items)
    return {
        item.name: (marker.args[0] if (marker := item.get_closest_marker("xdist_group")) else None) for item in items
    }


def test_a_module_wide_fixture_keeps_its_tests_on_one_worker(pytester):
    assert groups(pytester) == {
        "test_uses_the_module_fixture": "test_split.py",
        "test_uses_it_through_another_fixture": "test_split.py",
        "test_uses_a_session_fixture": None,
        "test_uses_nothing": None,
    }


def test_scripts_test_runs_two_workers_by_groups():
    from tests.conftest import ROOT

    command = next(line for line in (ROOT / "scripts" / "test").read_text().splitlines() if "-m pytest" in line)
    assert "-n 2 --dist loadgroup" in command and command.rstrip().endswith('"$@"')  # arguments can override


def test_a_port_handed_out_is_given_to_no_other_bind_yet_a_server_may_listen_on_it():
    """free_port() keeps its socket bound: two workers asking at once cannot be told the same port (docs/TESTING.md)."""
    import socket

    from tests.browser.conftest import free_port

    port = free_port()
    others = []
    try:
        for _ in range(200):  # the kernel hands out other ports while this one is held
            other = socket.socket()
            other.bind(("127.0.0.1", 0))
            others.append(other)
        assert port not in {other.getsockname()[1] for other in others}
        with socket.socket() as plain, pytest.raises(OSError):
            plain.bind(("127.0.0.1", port))  # a bind without SO_REUSEADDR is refused
        with socket.socket() as server:  # as tornado and nginx bind: allowed, since nothing listens on it yet
            server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            server.bind(("127.0.0.1", port))
            server.listen()
            with socket.create_connection(("127.0.0.1", port), timeout=5):
                accepted, _ = server.accept()
                accepted.close()
    finally:
        for other in others:
            other.close()
    assert free_port() != port


GROUPED_RUN = """
import os
from pathlib import Path

import pytest

BUILDS = Path(os.environ["SPLIT_BUILDS"])


@pytest.fixture(scope="module")
def server():
    with BUILDS.open("a") as builds:
        builds.write(os.environ["PYTEST_XDIST_WORKER"] + "\\n")
    return os.environ["PYTEST_XDIST_WORKER"]


@pytest.mark.parametrize("visit", range(10))
def test_uses_the_module_fixture(server, visit):
    assert server == os.environ["PYTEST_XDIST_WORKER"]


@pytest.mark.parametrize("visit", range(10))
def test_uses_nothing(visit):
    pass
"""


def test_two_workers_build_a_module_fixture_once(pytester, monkeypatch):
    """What the grouping is for, run for real: two workers, --dist loadgroup, ten tests on one module fixture.

    pytest-xdist 3.8 groups by a suffix it writes into `item._nodeid`; pytest 9.2 keeps the node id elsewhere
    (`item._id`), so there the write is lost without an error, every test is sent alone, and each worker built the
    fixture (the proxy cluster of tests/test_deployment.py, 13 s, was built twice). requirements-dev.txt pins a pytest
    that keeps `_nodeid`; this fails on one that does not."""
    from tests.conftest import ROOT

    builds = pytester.path / "builds.txt"
    monkeypatch.setenv("SPLIT_BUILDS", str(builds))
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeconftest("from tests.conftest import pytest_collection_modifyitems  # noqa: F401\n")
    pytester.makepyfile(test_grouped=GROUPED_RUN)
    result = pytester.runpytest_subprocess("-n", "2", "--dist", "loadgroup", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=20)
    assert len(builds.read_text().split()) == 1
