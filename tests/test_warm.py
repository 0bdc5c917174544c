"""A server warms before it listens: every page runs once on the default document, and what it built is what the
first visitor's run uses (components/warm.py, scripts/serve.py)."""

from __future__ import annotations

import logging

from components import data, warm
from components.frame import PAGES


def test_warming_runs_every_page_once_and_fills_the_shared_caches(caplog):
    data.forget()
    with caplog.at_level(logging.WARNING, logger="budgetlens.warm"):
        spent = warm.warm()
    assert list(spent) == [path for _, path, *_ in PAGES]  # every page of the navigation, once each
    assert not [r.getMessage() for r in caplog.records if r.name == "budgetlens.warm"]  # no page failed
    default = data.default_document(data.documents())
    loaded = data.prepared(default)
    assert loaded.snapshot is not None
    built = len(loaded._built)
    assert built > 20  # the pages' figures and views, built once, for every session of this process
    data.cached(default, warm_probe)  # a view the pages never build is new ...
    assert len(loaded._built) == built + 1


def warm_probe() -> str:
    return "built after the warm-up"


def test_a_server_can_be_told_not_to_warm(monkeypatch):
    monkeypatch.setenv("BUDGETLENS_WARM", "0")
    assert not warm.enabled()
    monkeypatch.delenv("BUDGETLENS_WARM")
    assert warm.enabled()
