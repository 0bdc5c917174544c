"""Hostile links in a real browser (tests/fuzz_params.py, another seed): the page draws, nothing runs."""

from __future__ import annotations

import urllib.parse

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import PATIENCE, errors_on_page, wait_until_idle
from tests.fuzz_params import cases

pytestmark = [pytest.mark.browser, pytest.mark.fuzz]

# Elements that only exist if text from the link was rendered as HTML (whether or not it could run).
RENDERED_MARKUP = ", ".join(
    f'[data-testid="stMain"] {selector}, [data-testid="stSidebar"] {selector}'
    for selector in ("script", "iframe", "[onerror]", "[onload]", 'a[href^="javascript:"]', 'img[src="x"]', "p p")
)

PER_PAGE = 2
CASES = [(path, urllib.parse.urlencode(params, doseq=True)) for path, params in cases(per_page=PER_PAGE, seed=7)] + [
    ("function", "node=%FF%FE%00&measure=%E0%A4"),  # not UTF-8, a NUL
    ("projects", "&".join(["q=%3Cscript%3Ewindow.__fuzzed%3D1%3C%2Fscript%3E"] * 40)),  # one key 40 times
    ("checks", "line=" + "9" * 4000),
    (
        "data",
        "table=" + urllib.parse.quote('"><img src="x" onerror="window.__fuzzed=1">') + "&table=s05_general_budget",
    ),
]


@pytest.fixture(scope="module")
def fuzz_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(PATIENCE)
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


@pytest.mark.parametrize(("path", "query"), CASES, ids=[f"{path}-{i}" for i, (path, _) in enumerate(CASES)])
def test_a_hostile_link_draws_the_page_and_runs_nothing(base_url, fuzz_page, path, query):
    page = fuzz_page
    page.goto(f"{base_url}/{'' if path == 'library' else path}?{query}")  # the library is the default page
    wait_until_idle(page)
    expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible()  # the page itself ran
    wait_until_idle(page)
    assert errors_on_page(page) == []
    assert page.evaluate("() => window.__fuzzed") is None
    assert page.locator(RENDERED_MARKUP).count() == 0
    assert page.dialogs == []
    assert page.get_by_text("Page not found").count() == 0
