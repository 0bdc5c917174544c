"""Every data grid has an accessible name (WCAG 2.1 AA: 1.3.1, 4.1.2), read in chromium as a screen reader gets it.

A page holds several grids alike (概览: the chart's numbers and the classes; 数据核对: the results, the rules, the
checks between documents); unnamed, each is announced as one more table. `components/ui.table` requires a name and
gives it to Streamlit's `alt`, which labels the grid's region (`role="region"` with `aria-label`, around the grid and
its toolbar) and each toolbar button ("Search: <name>", made Chinese by components/frame.py). These tests walk every
page of the text export and of a PDF document, each part of a page drawn one at a time (`?view=`), and the grids drawn
only when their expander is opened, and fail on any grid whose region has no name, naming the page and the grid."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from playwright.sync_api import expect

from tests.browser.helpers import URL_PATHS, wait_until_drawn, wait_until_idle

pytestmark = pytest.mark.browser

SEED = "hongshan_kejingju_2023"
PDF = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"  # a PDF in 元 with the checks between its department's years
SAME_FOR_EVERY_DOCUMENT = 2  # 文件库 and 部门对比 draw the library whatever the document
SNAPSHOTS = Path(__file__).resolve().parents[2] / "data" / "snapshots"
# the pages drawn one part at a time (ui.section, `?view=`), each part's key; a part a document lacks opens the first
PARTS = {
    "compare": ("totals", "three_public", "function", "economic"),
    "changes": ("composition", "projects", "details", "indicators", "narrative", "library"),
    "checks": ("fail", "all"),
    "data": ("tables", "manifest", "glossary"),
}

# Each grid on the page, in page order: the name its region is given (aria-label, or the text of what aria-labelledby
# points to; "" for none), and for the failure message the label of the expander it is folded in (a chart's numbers,
# the rules), if any. (Its column headers are drawn on a canvas: not in the page's markup until it is focused.)
GRIDS = """() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"]')).map((grid) => {
  const region = grid.querySelector('[role="region"]');
  const labelled = region?.getAttribute('aria-labelledby');
  const name = region?.getAttribute('aria-label')
    || (labelled ? labelled.split(' ').map((id) => document.getElementById(id)?.textContent || '').join(' ') : '');
  const folded = grid.closest('[data-testid="stExpander"]')?.querySelector('summary')?.textContent || '';
  return {name: (name || '').trim(), folded: folded.trim()};
})"""


def unnamed_grids(page) -> tuple[int, list[str]]:
    """How many grids the page draws, and each one without an accessible name ("grid 2 of 3", and its expander)."""
    grids = page.evaluate(GRIDS)
    return len(grids), [
        f"grid {index} of {len(grids)}" + (f" (in {grid['folded']})" if grid["folded"] else "")
        for index, grid in enumerate(grids, start=1)
        if not grid["name"]
    ]


def visits(doc: str, paths: list[str]) -> list[str]:
    return [
        f"{path}?doc={doc}" + (f"&view={part}" if part else "") for path in paths for part in PARTS.get(path, (None,))
    ]


def test_every_grid_on_every_page_has_a_name(base_url, showing):
    # 项目 opened at one project draws its own grids (funds, details, indicators, purchases): the seed's first project
    project = pl.read_parquet(SNAPSHOTS / SEED / "projects.parquet")["project_code"][0]
    addresses = [*visits(SEED, URL_PATHS), f"projects?doc={SEED}&project={project}"]
    found, grids = {}, 0
    for address in addresses + visits(PDF, URL_PATHS[SAME_FOR_EVERY_DOCUMENT:]):
        page = showing(f"{base_url}/{address}", 1280)
        count, unnamed = unnamed_grids(page)
        grids += count
        if unnamed:
            found[f"/{address}"] = unnamed
    assert not found, "grids without an accessible name:\n" + "\n".join(
        f"{where}: {', '.join(unnamed)}" for where, unnamed in found.items()
    )
    assert grids >= 60, f"only {grids} grids were seen: the walk did not reach the pages"


@pytest.mark.parametrize("path", ["function", "economic"])
def test_a_grid_drawn_when_its_expander_opens_has_a_name(base_url, page_at, path):
    """全部金额列 draws its grid only when opened (st.expander with on_change): the walk above never sees it."""
    page = page_at(1280)
    page.goto(f"{base_url}/{path}?doc={PDF}")
    wait_until_drawn(page)
    before = page.evaluate(GRIDS)
    page.get_by_test_id("stExpander").filter(has_text="全部金额列").locator("summary").click()
    wait_until_idle(page)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(len(before) + 1)
    wait_until_drawn(page)
    count, unnamed = unnamed_grids(page)
    assert count == len(before) + 1
    assert not unnamed, f"/{path}: grids without an accessible name: {unnamed}"
    names = [grid["name"] for grid in page.evaluate(GRIDS)]
    # the schedule's name is the document's own title (2024年部门一般公共预算支出功能分类预算表 …), as printed
    assert any(name.endswith("：全部金额列") and "预算表" in name for name in names), names
