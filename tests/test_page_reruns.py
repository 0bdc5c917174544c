"""A rerun of 采购与购买服务, 数据核对 and 绩效指标 (a visitor's click, the load test's second visit) reuses what
the run before built: no polars filter in the page's own code, no new grid table (a frame made afresh misses the
Arrow table `ui.table` keeps per frame object), no card text formatted again. Each of these cost the pages
milliseconds a run (docs/SPEED.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from components import checks_view, frame, ui
from tests.conftest import ROOT
from tests.test_app import open_page

PAGE_CODE = (
    "pages/purchases.py",
    "components/purchases_view.py",
    "pages/checks.py",
    "components/checks_view.py",
    "pages/indicators.py",
    "components/projects_view.py",
)


@pytest.fixture
def filters_in_page_code(monkeypatch) -> list[str]:
    """Where each polars DataFrame.filter called from the pages' own code came from (file:line)."""
    called: list[str] = []
    original = pl.DataFrame.filter

    def counted(self, *args, **kwargs):
        caller = sys._getframe(1)
        where = Path(caller.f_code.co_filename).as_posix()
        if where.endswith(PAGE_CODE):
            called.append(f"{where}:{caller.f_lineno}")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pl.DataFrame, "filter", counted)
    return called


@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("pages/purchases.py", {}),
        ("pages/purchases.py", {"of": "国家示范基地管理费"}),
        ("pages/checks.py", {}),
        ("pages/checks.py", {"view": "all", "status": "fail"}),
        ("pages/indicators.py", {}),
        ("pages/indicators.py", {"scope": "project"}),
    ],
)
def test_a_rerun_reuses_what_the_run_before_built(page, params, filters_in_page_code, monkeypatch):
    app = open_page(page, **params)
    assert app.dataframe, "the page draws its grids"
    app.run()  # every view of this run is built now
    grids_before = set(ui._arrow_tables.kept)
    cards: list[dict] = []
    card_markdown = checks_view.card_markdown
    monkeypatch.setattr(checks_view, "card_markdown", lambda row, found: cards.append(row) or card_markdown(row, found))
    filters_in_page_code.clear()
    app.run()
    assert not app.exception
    assert filters_in_page_code == []
    assert set(ui._arrow_tables.kept) == grids_before, "every grid shows the same frame object as the run before"
    assert cards == []


def test_the_frame_makes_its_pages_once_and_copies_them_for_each_run(monkeypatch):
    """An st.Page resolves and stats its file and checks its icon (1.3 CPU-ms for the 14, every run of every page):
    the frame makes them once per process; each run gets copies, because st.navigation marks the one it returns as
    runnable and two sessions' runs must not share that mark."""
    pages_manager_init = PagesManager.__init__

    def as_served(self, *args, **kwargs) -> None:  # as scripts/serve.py runs app.py: not as a v1 pages/ folder app,
        pages_manager_init(self, *args, **kwargs)  # which AppTest would run a page file of without the frame
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", as_served)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("pages/execution.py").run()
    made: list[tuple] = []
    page_class = st.Page
    monkeypatch.setattr(st, "Page", lambda *args, **kwargs: made.append(args) or page_class(*args, **kwargs))
    handed: list[dict] = []
    build = frame.dashboard_pages
    monkeypatch.setattr(frame, "dashboard_pages", lambda *args: handed.append(build(*args)) or handed[-1])
    app.run()
    app.run()
    assert not app.exception and made == []
    first, second = ([page for pages in sections.values() for page in pages] for sections in handed)
    assert [page.title for page in first] == [page.title for page in second] == [row[2] for row in frame.PAGES]
    assert not {id(page) for page in first} & {id(page) for page in second}
