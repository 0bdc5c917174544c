"""A finding's difference is shown with the digits its two sides were printed with: never rounded to 0.01 (a
difference of a table printed to 0.0001 万元 is not hidden as 0.00), never padded with digits no side printed (an
amount printed in whole 元 differs by 1 元, not 1.00 元). Values read off the rendered pages (`pdftoppm -r 100`)."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from budgetlens import checks as rules
from budgetlens.checks import findings as check_findings
from budgetlens.store import load_snapshot
from tests.conftest import SNAPSHOTS, shared

WANLI_2023 = "shanghai_putuo_wanlijiedao_2023_bumen_yusuan"
UNIT_BUDGET = "shanghai_shi_caizhengju_2025_danwei_yusuan"


@pytest.fixture(scope=shared)
def fresh() -> dict[str, tuple[rules.Checked, dict[str, str]]]:
    """The rules run from the code on each snapshot's stored tables, and its tables' units."""
    out = {}
    for doc_id in (WANLI_2023, UNIT_BUDGET):
        tables = load_snapshot(SNAPSHOTS / doc_id).tables
        out[doc_id] = rules.run(tables), check_findings.table_units(tables["schedules"])
    return out


def _finding(found: pl.DataFrame, words: str) -> dict:
    (row,) = [r for r in found.iter_rows(named=True) if words in r["title"]]
    return row


def test_a_sum_of_forms_printed_to_the_fen_against_the_text_keeps_every_digit(fresh):
    # p29: 编报绩效目标的项目5个，涉及项目预算资金3328.13万元; the five forms (pp31-35) print 年度资金申请总额 in 元 to
    # the 分: 4,100,000.00 + 6,351,000.00 + 4,563,800.00 + 7595500.00 + 10,903,043.00 (p35) = 3,351.3343 万元, six
    # places of 万元 as printed. 3,351.334300 − 3,328.13 is 23.2043 万元: the text's two places and every digit more
    # the difference holds (shown 23.20 before: 0.0043 hidden; not 23.204300, zeros no reader needs)
    checked, units = fresh[WANLI_2023]
    found = check_findings.findings(checked.checks, checked.check_cells, units)[0]
    assert _finding(found, "涉及项目预算资金 3328.13万元")["difference_shown"] == "23.2043 万元"


def test_an_amount_printed_in_whole_yuan_differs_by_whole_yuan(fresh):
    # p17 (单位：元): 302 商品和服务支出 24,840,779; its 款 add to 24,840,778 (whole 元, no 角 or 分 printed)
    checked, units = fresh[UNIT_BUDGET]
    found = check_findings.findings(checked.checks, checked.check_cells, units)[0]
    row = _finding(found, "302 商品和服务支出")
    assert (row["expected"], row["actual"]) == (Decimal("2484.0778"), Decimal("2484.0779"))
    assert row["difference_shown"] == "1 元"


def test_a_difference_of_four_yuan_in_a_table_of_whole_yuan_is_not_hidden(fresh):
    # p19 (单位：元) prints 一般公共预算资金 164,978,640 (16,497.8640 万元), and so does the function table's 合计
    # (p23): as if one of them printed 164,978,644, 4 元 (0.0004 万元) apart. In 万元 (no table unit known) that is
    # 0.0004 万元, never 0.00; in the tables' 元, 4 元
    checked, units = fresh[WANLI_2023]
    name = "2023年部门财政拨款收支预算总表 一般公共预算支出 = 2023年部门一般公共预算支出功能分类预算表 合计"
    one = checked.checks.filter(pl.col("rule_id") == "canonical.same_figure", pl.col("instance") == name)
    assert one.select("expected", "actual").row(0) == (Decimal("16497.8640"), Decimal("16497.8640"))
    apart = one.with_columns(
        pl.lit("fail").alias("status"),
        pl.lit(Decimal("16497.8644")).cast(pl.Decimal(20, 4)).alias("actual"),
        pl.lit(Decimal("0.0004")).cast(pl.Decimal(20, 4)).alias("difference"),
    )
    assert check_findings.findings(apart, checked.check_cells)[0]["difference_shown"].to_list() == ["0.0004 万元"]
    assert check_findings.findings(apart, checked.check_cells, units)[0]["difference_shown"].to_list() == ["4 元"]


def test_where_no_cell_says_its_digits_two_places_and_every_digit_the_difference_holds():
    # the text export cites lines, not cells: 附表1-3 20601 合计 1,035.12 against its 项 1,035.13 (lines 166-169)
    shown = check_findings._shown
    assert shown(Decimal("0.0100"), "万元", None) == "0.01 万元"
    assert shown(Decimal("0.0004"), "万元", None) == "0.0004 万元"
    assert shown(Decimal("0.0001"), "万元", "元") == "1.00 元"
    assert shown(Decimal("0.000034"), "万元", "元") == "0.34 元"


def test_a_rate_differs_by_percentage_points_to_two_places(fresh):
    # p6 item 3: 2022年当年预算执行数为11.67万元，2023年预算安排45.41万元，比2022年预算执行数增加314.82%; the
    # amounts give (45.41 − 11.67) ÷ 11.67 = 289.12%: −25.70 个百分点, as the card beneath prints it (not −25.7)
    checked, units = fresh[WANLI_2023]
    found = check_findings.findings(checked.checks, checked.check_cells, units)[0]
    assert _finding(found, "2023年预算安排45.41万元，增加314.82%")["difference_shown"] == "-25.70 个百分点"
