"""Sessions that ask for the same view at the same moment (a freshly started server) get one build between them."""

from __future__ import annotations

import threading
import time

import pytest

from components import data, library
from tests.conftest import DOC_ID

built_labels: list[str] = []


def slow_build(label: str) -> dict[str, str]:
    """A view that takes long enough for every other thread to arrive while it is being built."""
    built_labels.append(label)
    time.sleep(0.3)
    return {"label": label}


def failing_build(label: str) -> None:
    built_labels.append(label)
    time.sleep(0.1)
    raise RuntimeError("no luck")


def at_once(call, count: int = 6) -> list:
    results: list = [None] * count
    start = threading.Barrier(count)

    def one(index: int) -> None:
        start.wait()
        try:
            results[index] = call()
        except RuntimeError as err:
            results[index] = err

    threads = [threading.Thread(target=one, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.fixture(autouse=True)
def fresh():
    built_labels.clear()
    yield
    built_labels.clear()


def test_a_view_asked_by_six_sessions_at_once_is_built_once():
    label = f"view-{time.monotonic_ns()}"  # a key no earlier test built
    results = at_once(lambda: data.cached(DOC_ID, slow_build, label))
    assert built_labels == [label]
    assert all(result is results[0] for result in results) and results[0] == {"label": label}


def test_different_views_are_built_side_by_side():
    labels = [f"side-{index}-{time.monotonic_ns()}" for index in range(4)]
    started = time.perf_counter()
    queue = list(labels)
    lock = threading.Lock()

    def next_view():
        with lock:
            label = queue.pop()
        return data.cached(DOC_ID, slow_build, label)

    at_once(next_view, count=4)
    assert sorted(built_labels) == sorted(labels)
    assert time.perf_counter() - started < 4 * 0.3  # not one after the other


def test_a_failed_build_is_not_kept_and_the_next_caller_builds_again():
    label = f"fail-{time.monotonic_ns()}"
    results = at_once(lambda: data.cached(DOC_ID, failing_build, label), count=3)
    assert all(isinstance(result, RuntimeError) for result in results)
    assert built_labels == [label] * 3  # each waiter tried in its turn: nothing failed is handed out as a result
    assert data.prepared(DOC_ID)._flight._turns == {}  # no lock left behind


def test_a_library_answer_asked_by_six_sessions_at_once_is_built_once():
    label = f"library-{time.monotonic_ns()}"
    results = at_once(lambda: library.cached(slow_build, label))
    assert built_labels == [label]
    assert all(result is results[0] for result in results)
