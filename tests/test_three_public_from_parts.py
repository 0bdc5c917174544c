"""The 三公 total's change where the text states each part's change and not the total's: the sum of the parts',
said to be that sum (never as if the text had stated it)."""

from __future__ import annotations

from decimal import Decimal as D

import polars as pl

from budgetlens import brief_content
from budgetlens import canonical_queries as cq
from budgetlens.store import load_snapshot
from tests.conftest import SNAPSHOTS
from tests.test_app import open_page, texts

JIANCHAYUAN_2017 = "jiangsu_jianchayuan_2017_bumen_yusuan"


def total_line(doc_id: str) -> dict:
    snapshot = load_snapshot(SNAPSHOTS / doc_id)
    lines = cq.three_public_shown(
        cq.three_public_lines(
            snapshot.table("three_public"),
            snapshot.table("narrative_figures"),
            snapshot.tables.get("execution_statements"),
        )
    )
    return lines.filter(pl.col("item") == "three_public_total").row(0, named=True)


def test_the_parts_stated_changes_add_up_to_the_totals():
    # 检察院 2017 p22: 因公出国（境）费 110 万元"与上年预算数相等"; 公务用车购置 50 万元"与上年预算数相等"; p22-23:
    # 公务用车运行维护费 267.8 万元"与上年预算数一致"; p23: 公务接待费 156.55 万元"本年数小于上年预算数 29.65 万元".
    # The total (584.35, p16) has no stated change of its own.
    row = total_line(JIANCHAYUAN_2017)
    assert (row["amount_wan"], row["change_wan"], row["previous_wan"]) == (D("584.35"), D("-29.65"), D("614.00"))
    assert (row["compared_year"], row["change_from_parts"], row["statement_pages"]) == (2016, True, [22, 23])


def test_the_page_and_the_brief_say_it_is_the_parts_sum():
    shown = texts(open_page("pages/three_public.py", doc=JIANCHAYUAN_2017))
    assert "2017 年“三公”经费 **584.35 万元**，比 2016 年减少 29.65 万元（文字说明所述各项增减之和）。" in shown
    content = brief_content.build_brief(load_snapshot(SNAPSHOTS / JIANCHAYUAN_2017), SNAPSHOTS)
    section = next(section for section in content.sections if section.title.endswith("“三公”经费"))
    total = next(row for row in section.table.rows if row[0] == "“三公”经费")
    assert total[2].startswith("各项所述增减之和：比上年减少 29.65")


def test_a_stated_change_of_the_total_is_kept_as_stated():
    # 万里街道 2024 p32: "2024年“三公”经费预算数为47.91万元，比2023年预算增加25万元"
    row = total_line("shanghai_putuo_wanlijiedao_2024_bumen_yusuan")
    assert (row["change_wan"], row["compared_year"], row["change_from_parts"]) == (D("25"), 2023, False)
