"""Hostile query parameters on every page (tests/fuzz_params.py): no traceback, no error, no HTML from them."""

from __future__ import annotations

import pytest

from tests.fuzz_params import PAGES, cases
from tests.test_app import opening

pytestmark = pytest.mark.fuzz

PER_PAGE = 8
CASES = cases(per_page=PER_PAGE)


@pytest.mark.parametrize(("path", "params"), CASES, ids=[f"{path}-{i % PER_PAGE}" for i, (path, _) in enumerate(CASES)])
def test_page_survives_hostile_parameters(path, params):
    app = opening(PAGES[path], **params).run()  # the hostile link opened as it is, not after the library's run
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    assert app.main.children, "the page drew nothing"
    assert not any(m.proto.allow_html for m in [*app.markdown, *app.caption])  # markup can only ever be text
