"""WCAG 2.1 A/AA in a real browser: axe-core on every page of every shipped document, at laptop and phone width.

axe-core is the npm package pinned in tests/browser/package.json (package-lock.json); scripts/test installs it
with `npm ci` before the tests, so nothing is fetched at run time. A page passes with no critical and no
serious violation; a failure lists each violation's rule, impact and the elements it found.

Coverage: every page at 1280 and 390 px on the seed (the text export) and on one PDF document; at 1280 px
on the nine other PDF documents (two of them 决算), every page but 文件库 and 部门对比, which draw the
library whatever the document (14 pages x 2 widths x 11 documents would be 308 pages, over five minutes
on the 2-core test machine; the phone layout is the same markup for every document); and at 390 px 预算执行,
概览 and “三公”经费 of a 决算, whose markup a 决算 changes. 167 pages, each scanned once; a worker loads the app
once per width and reaches the other pages through its tab's history (tests/browser/helpers.open_in_tab).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.helpers import URL_PATHS

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("critical", "serious")
SNAPSHOTS = Path(__file__).resolve().parents[2] / "data" / "snapshots"
SEED = "hongshan_kejingju_2023"
PDF_AT_BOTH_WIDTHS = "jiangsu_jianchayuan_2018_bumen_yusuan"
DOCUMENTS = sorted(path.parent.name for path in SNAPSHOTS.glob("*/manifest.json"))
SAME_FOR_EVERY_DOCUMENT = 2  # 文件库 and 部门对比 (the first two) draw the library whatever the document
BOTH_WIDTHS = (SEED, PDF_AT_BOTH_WIDTHS)
# a 决算 at phone width too, on the pages whose markup a 决算 changes (the rest is the same markup as a budget's)
FINAL_AT_BOTH_WIDTHS = "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"
FINAL_PAGES = ["execution", "overview", "three-public"]
RUNS = [
    (doc, width)
    for doc in DOCUMENTS
    for width in (1280, 390)
    if width == 1280 or doc in BOTH_WIDTHS or doc == FINAL_AT_BOTH_WIDTHS
]

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5), count: v.nodes.length,
  }));
}"""


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is drawn now (injected from the local file)."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: scripts/test installs it (npm ci --prefix tests/browser)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, WCAG_21_AA)


SKIPPED_HEADINGS = """() => {
  const levels = Array.from(document.querySelectorAll('[data-testid="stMain"] :is(h1, h2, h3, h4, h5, h6)'))
    .map(h => [Number(h.tagName[1]), h.textContent.trim()]);
  return levels.filter(([level], i) => level > (i ? levels[i - 1][0] : 0) + 1)
    .map(([level, text], i) => ({id: 'heading-order', impact: 'serious', count: 1,
      help: 'a heading one level below the last at most (1.3.1: a screen reader lists the page by its headings)',
      targets: [`h${level} ${text}`]}));
}"""


def skipped_headings(page) -> list[dict]:
    """The headings of the page's main part that come more than one level below the one before (an h3 after the h1):
    axe runs its heading-order rule only as a best practice, outside the WCAG tags run here."""
    return page.evaluate(SKIPPED_HEADINGS)


def blocking(violations: list[dict]) -> list[dict]:
    return [violation for violation in violations if violation["impact"] in BLOCKING]


def describe(found: dict[str, list[dict]]) -> str:
    lines = []
    for where, violations in found.items():
        for violation in violations:
            lines.append(f"{where}: {violation['impact']} {violation['id']} ({violation['help']})")
            lines.append(f"    on {violation['count']} elements, among them:")
            lines.extend(f"      {target}" for target in violation["targets"])
    return "\n".join(lines)


def test_every_shipped_document_is_covered():
    assert SEED in DOCUMENTS and PDF_AT_BOTH_WIDTHS in DOCUMENTS and len(DOCUMENTS) == 11
    assert len(URL_PATHS) == 14 and "execution" in URL_PATHS  # 预算执行 too, on every document
    assert FINAL_AT_BOTH_WIDTHS in DOCUMENTS


@pytest.mark.parametrize(("doc", "width"), RUNS, ids=[f"{doc}-{width}" for doc, width in RUNS])
def test_every_page_has_no_serious_violation(base_url, showing, doc, width):
    """Each page shown in the worker's tab of that width (`showing`), reached as the browser's Back and Forward reach
    it (helpers.open_in_tab; 部门对比 drawn before in the tab's session is loaded afresh)."""
    found = {}
    paths = URL_PATHS if doc in BOTH_WIDTHS else URL_PATHS[SAME_FOR_EVERY_DOCUMENT:]
    if doc == FINAL_AT_BOTH_WIDTHS and width == 390:
        paths = FINAL_PAGES
    for path in paths:
        page = showing(f"{base_url}/{path}?doc={doc}", width)
        violations = blocking(axe_violations(page)) + skipped_headings(page)
        if violations:
            found[f"/{path} at {width}px"] = violations
    assert not found, f"WCAG 2.1 A/AA violations on {doc}:\n{describe(found)}"


def test_an_opened_project_skips_no_heading_level(base_url, showing):
    """A project opened from the list (洪山 2023 line 456's 科学技术研究与开发资金) adds its own sections: 申请理由 and
    主要内容 were h3 under its h1 when the sweep's pages had none."""
    page = showing(f"{base_url}/projects?doc={SEED}&project=420111220670310000109", 1280)
    headings = page.evaluate(
        "() => Array.from(document.querySelectorAll('[data-testid=\"stMain\"] :is(h1, h2, h3)'))"
        ".map(h => h.tagName + ' ' + h.textContent.trim())"
    )
    assert "H2 申请理由" in headings, headings
    assert skipped_headings(page) == [], headings
