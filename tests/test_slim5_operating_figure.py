"""The 机关运行经费 that narrative.operating_expenses_302 holds against 302: the document's own table's 合计, else the
三公 table's line that prints it. No shipped document reaches the second through the rule (where a Shanghai document
prints it, its narrative never says the scope is 302's), so it is pinned here on the snapshots themselves."""

from __future__ import annotations

from decimal import Decimal

from budgetlens.checks import narrative
from budgetlens.store import load_snapshot
from tests.conftest import SNAPSHOTS


def test_the_operating_figure_is_the_own_table_s_total_else_the_three_public_line():
    """江苏省人民检察院 2018 prints a 机关运行经费 table (合计 2,722.57 万元); 上海市普陀区财政局 2025 prints none, and
    its 三公 table's 机关运行经费 line (229.43 万元, p21) stands for it; a document with neither has none."""
    jiangsu = load_snapshot(SNAPSHOTS / "jiangsu_jianchayuan_2018_bumen_yusuan").tables
    assert narrative._operating_figure(jiangsu)["amount_wan"] == Decimal("2722.57")
    putuo = load_snapshot(SNAPSHOTS / "shanghai_putuo_caizhengju_2025_bumen_yusuan").tables
    found = narrative._operating_figure(putuo)
    assert (found["item"], found["amount_wan"], found["page"]) == ("operating_expenses", Decimal("229.43"), 21)
    assert narrative._operating_figure({}) is None
