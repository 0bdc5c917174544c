"""Hostile query parameters on every page (tests/fuzz_params.py): no traceback, no error, no HTML from them."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.fuzz_params import PAGES, cases

pytestmark = pytest.mark.fuzz

PER_PAGE = 8
CASES = cases(per_page=PER_PAGE)


@pytest.mark.parametrize(("path", "params"), CASES, ids=[f"{path}-{i % PER_PAGE}" for i, (path, _) in enumerate(CASES)])
def test_page_survives_hostile_parameters(path, params):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(PAGES[path]).run()
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    assert app.main.children, "the page drew nothing"
    assert not any(m.proto.allow_html for m in [*app.markdown, *app.caption])  # markup can only ever be text
