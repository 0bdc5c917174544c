"""A budget's narrative states its procurement total and its parts (goods, works, services; the amounts reserved for
small enterprises): they are read, the total is held against the procurement table, and the parts against the total.
Values as the rendered pages print them."""

from __future__ import annotations

from decimal import Decimal as D

import polars as pl

from budgetlens.store import load_snapshot
from tests.conftest import SNAPSHOTS


def stated(doc_id: str) -> dict[str, tuple[str, int]]:
    figures = load_snapshot(SNAPSHOTS / doc_id).table("narrative_figures")
    rows = figures.filter(pl.col("target").str.starts_with("procurement_"))
    return {row["target"]: (row["amount_printed"], row["page"]) for row in rows.iter_rows(named=True)}


def results(doc_id: str, rule_id: str) -> list[tuple[str, D | None, D | None]]:
    checks = load_snapshot(SNAPSHOTS / doc_id).table("checks").filter(pl.col("rule_id") == rule_id)
    return list(checks.select("status", "expected", "actual").iter_rows())


def test_a_jiangsu_budget_states_its_total_and_what_it_will_buy():
    # 检察院 2017 p23: "2017 年我部门政府采购预算总金额为 2889.8 万元。其中拟购买货物 334 万元；
    # 拟购买工程 0 万元；拟购买服务 2555.8 万元。"
    doc_id = "jiangsu_jianchayuan_2017_bumen_yusuan"
    assert stated(doc_id) == {
        "procurement_total": ("2889.8", 23),
        "procurement_goods": ("334", 23),
        "procurement_works": ("0", 23),
        "procurement_services": ("2555.8", 23),
    }
    narrative = (
        load_snapshot(SNAPSHOTS / doc_id)
        .table("checks")
        .filter(pl.col("rule_id") == "canonical.narrative", pl.col("instance").str.contains("政府采购"))
    )
    assert narrative.select("status", "expected", "actual").rows() == [("pass", D("2889.8"), D("2889.8"))]
    assert results(doc_id, "execution.procurement_parts") == [("pass", D("2889.8"), D("2889.8"))]


def test_a_shanghai_budget_states_its_parts_and_small_enterprise_reserve():
    # 万里街道 2024 p32: "政府采购预算1662.44万元，其中：政府采购货物预算93.98万元、
    # 政府采购工程预算815.87万元、政府采购服务预算752.59万元" and "面向中小企业预留政府采购项目预算金额
    # 664.98万元，其中，预留给小型和微型企业的政府采购项目预算为465.49万元"
    doc_id = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"
    assert stated(doc_id) == {
        "procurement_total": ("1662.44", 32),
        "procurement_goods": ("93.98", 32),
        "procurement_works": ("815.87", 32),
        "procurement_services": ("752.59", 32),
        "procurement_sme_reserved": ("664.98", 32),
        "procurement_micro_reserved": ("465.49", 32),
    }
    assert results(doc_id, "execution.procurement_parts") == [("pass", D("1662.44"), D("1662.44"))]


def test_parts_not_all_stated_are_not_judged():
    # 省委办公厅 2017 (说明 p12): 总额 1774.70, 货物 496.20, 服务 1278.50, and no word on works: not applicable
    doc_id = "jiangsu_shengwei_bangongting_2017_bumen_yusuan"
    assert stated(doc_id)["procurement_total"] == ("1774.70", 12)
    assert results(doc_id, "execution.procurement_parts") == [("not_applicable", D("1774.70"), None)]
