"""The text-export template's rules on the canonical tables (budgetlens/checks/numbered.py): the mirrors and
三公 against 30231 run on every document that prints their tables; the rules over 附表1-N say where a document
numbers none. Values read off the rendered pages (pdftoppm -r 100)."""

from __future__ import annotations

from decimal import Decimal as D

import polars as pl
import pytest

from budgetlens.checks import canonical as canonical_checks
from budgetlens.store import load_snapshot
from tests.conftest import SNAPSHOTS, shared

GUIHUA = "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"
SHI_CAIZHENGJU = "shanghai_shi_caizhengju_2025_danwei_yusuan"
WANLI_2023 = "shanghai_putuo_wanlijiedao_2023_bumen_yusuan"


@pytest.fixture(scope=shared)
def rerun():
    """The rules as the code runs them now, on a committed snapshot's canonical tables: (checks, check_cells)."""
    done: dict[str, tuple[pl.DataFrame, pl.DataFrame]] = {}

    def run(doc_id: str) -> tuple[pl.DataFrame, pl.DataFrame]:
        if doc_id not in done:
            done[doc_id] = canonical_checks.run(load_snapshot(SNAPSHOTS / doc_id).tables)
        return done[doc_id]

    return run


def one(checks: pl.DataFrame, rule: str, instance: str) -> dict:
    found = checks.filter(pl.col("rule_id") == rule, pl.col("instance") == instance)
    assert found.height == 1, f"{rule} / {instance}: {found.height} rows"
    return found.row(0, named=True)


def test_medical_insurance_mirror_fails_where_the_document_prints_two_amounts(rerun):
    """规划和自然资源局 2024 决算: p14 prints 21011 行政事业单位医疗 236.64 (基本支出 236.64); p16 prints 30110
    职工基本医疗保险缴费 236.63 and 30111 公务员医疗补助缴费 0.00: the same basic spending, 0.01 apart."""
    checks, cells = rerun(GUIHUA)
    row = one(checks, "across.mirrors", "30110+30111 vs 21011")
    assert row["status"] == "fail"
    assert (row["expected"], row["actual"], row["difference"]) == (D("236.64"), D("236.63"), D("-0.01"))
    assert row["schedules"] == ["功能分类", "经济分类"]
    sides = cells.filter(pl.col("rule_id") == "across.mirrors", pl.col("instance") == "30110+30111 vs 21011")
    assert sorted(zip(sides["side"], sides["page"], strict=True)) == [("actual", 16), ("actual", 16), ("expected", 14)]


def test_medical_insurance_mirror_counts_the_civil_servants_subsidy(rerun):
    """上海市财政局 2025 单位预算: p14 prints 21011 行政事业单位医疗 4,620,000 元; p17 prints 30110 职工基本医疗保险缴费
    3,300,000 and 30111 公务员医疗补助缴费 1,320,000. 30110 alone (330 万元) is not 21011: with 30111 they agree."""
    checks, _ = rerun(SHI_CAIZHENGJU)
    row = one(checks, "across.mirrors", "30110+30111 vs 21011")
    assert (row["status"], row["expected"], row["actual"]) == ("pass", D("462.00"), D("462.00"))
    assert "30110 职工基本医疗保险缴费 + 30111 公务员医疗补助缴费" in row["actual_label"]


def test_three_public_vehicles_against_30231_on_a_pdf(rerun):
    """万里街道 2023: the 三公 table (p28) prints 运行费 21.56 万元, the economic table (p27) 30231 215,600 元."""
    checks, _ = rerun(WANLI_2023)
    row = one(checks, "across.1-7_vs_30231", "公务用车运行维护费")
    assert (row["status"], row["expected"], row["actual"]) == ("pass", D("21.56"), D("21.56"))
    assert row["schedules"] == ["三公", "经济分类"]


def test_a_rule_over_a_numbered_schedule_says_where_the_document_numbers_none(rerun):
    checks, _ = rerun(WANLI_2023)
    row = one(checks, "1-3.hierarchy", "（本文件无此表）")
    assert row["status"] == "not_applicable" and "附表1-3" in row["note"] and "canonical.hierarchy" in row["note"]
    assert row["schedules"] == []
    # the template's numbered rules never fail on a document that does not number its schedules so
    # (1-13.* and 1-14.* find their inputs by kind, not by number: tests/test_project_rules.py)
    numbered = checks.filter(
        pl.col("rule_id").str.contains(r"^1-([0-9]|1[0-2])\.|^across\.(totals|classes|1-3_vs|1-5_vs)")
    )
    assert set(numbered["status"]) == {"not_applicable"}


def test_a_blank_part_of_the_mirror_counts_as_nothing(rerun):
    """上海市普陀区财政局 2024 决算: p16 prints 30110 职工基本医疗保险缴费 60.99 and leaves 30111 公务员医疗补助缴费
    blank; p15 prints 21011 行政事业单位医疗 60.99. A blank is not 0, but it adds nothing: the two agree, and the
    result says the blank was left out."""
    checks, _ = rerun("shanghai_putuo_caizhengju_2024_bumen_juesuan")
    row = one(checks, "across.mirrors", "30110+30111 vs 21011")
    assert (row["status"], row["expected"], row["actual"]) == ("pass", D("60.99"), D("60.99"))
    assert row["note"] == "空白单元格按未列示处理，不计入"
