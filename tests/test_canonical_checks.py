"""Checks on every document: each PDF's failing checks are the document's own disagreements, each one seen
on the rendered pages (the page is named beside each), and the rules fail when the numbers are changed."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from budgetlens.checks import canonical
from budgetlens.store import load_snapshot
from tests.conftest import SNAPSHOTS

# (rule, the instance's words, expected side, actual side) of every failing check, per document; a percentage's
# expected side is the one computed, its actual side the one printed, both signed (a 降幅 is negative).
DISAGREEMENTS = {
    # p19: the narrative says 基本支出预算数为 12323.46 万元; the 收支预算总表 (p10) and a later line of p19
    # say 12323.48.
    "jiangsu_jianchayuan_2017_bumen_yusuan": [
        ("canonical.narrative", "基本支出预算数为", Decimal("12323.46"), Decimal("12323.48")),
        # p22: 机关运行经费 6032.55万元，比2016年增加3401.59万元，增长129.97% — 3401.59 ÷ 2630.96 is 129.29 %.
        ("narrative.percentages", "增长129.97%", Decimal("129.29"), Decimal("129.97")),
        # p22: 因公出国 110、公务用车 317.8、公务接待 156.55 万元 (sum 584.35) printed as 18.85 %, 54.43 %, 26.72 %.
        ("narrative.shares", "18.85%", Decimal("18.85"), Decimal("18.82")),
        ("narrative.shares", "54.43%", Decimal("54.43"), Decimal("54.39")),
        ("narrative.shares", "26.72%", Decimal("26.72"), Decimal("26.79")),
    ],
    # p7: item 7 says “…机关事业单位职业年金缴费支出（项）”887.36万元; the function table (p15) prints 873,617.00 元.
    "shanghai_putuo_caizhengju_2025_bumen_yusuan": [
        ("canonical.narrative", "职业年金缴费支出", Decimal("887.36"), Decimal("87.3617")),
        ("narrative.stray_digit", "职业年金缴费支出", Decimal("887.36"), Decimal("87.36")),
    ],
    # p35: 公共服务设施运行经费's 年度资金申请总额 10,903,043.00 元 but 当年财政拨款 11,419,043.00 元 (+0 +0).
    "shanghai_putuo_wanlijiedao_2023_bumen_yusuan": [
        ("canonical.project_funds", "公共服务设施运行经费", Decimal("1141.9043"), Decimal("1090.3043")),
        # p6 item 3: 群众团体事务 45.41万元; 2022年当年预算执行数为11.67万元，2023年预算安排45.41万元，增加314.82% —
        # (45.41 − 11.67) ÷ 11.67 is 289.12 %.
        ("narrative.executed_change", "45.41万元，增加314.82% · 增减率", Decimal("314.82"), Decimal("289.12")),
        # p7 item 16: 职业年金缴费支出 220.63万元, then 2022年当年预算执行数为132.59万元，2023年预算安排441.25万元，增加
        # 60.54% (item 15's figures: 441.25 from 274.85 is 60.54 %; from 132.59 it is 232.79 %): the same words as item
        # 15's clause on that page, so its checks are named 第2处.
        ("narrative.executed_change", "60.54%（第2处） · 本项金额", Decimal("220.63"), Decimal("441.25")),
        ("narrative.executed_change", "60.54%（第2处） · 增减率", Decimal("60.54"), Decimal("232.79")),
        # p29: 编报绩效目标的项目5个，涉及项目预算资金3328.13万元; the five forms pp31–35 print 年度资金申请总额
        # 4,100,000.00 + 6,351,000.00 + 4,563,800.00 + 7595500.00 + 10,903,043.00 元 = 3,351.3343 万元 (tour2 D18)
        ("narrative.amounts", "涉及项目预算资金 3328.13万元", Decimal("3328.13"), Decimal("3351.3343")),
    ],
    # p31: the 三公 table's note says the table is empty (本表为空表), above 合计 47.91 and 机关运行经费 443.18.
    "shanghai_putuo_wanlijiedao_2024_bumen_yusuan": [
        ("canonical.empty_table_note", "三公", None, None),
        # p9 item 31: 住房公积金 350.35万元; 2023年当年预算执行数为348.52万元，2024年预算安排352.67万元，增加0.53% —
        # 0.53 % is 350.35 over 348.52; 352.67 over it is 1.19 %.
        ("narrative.executed_change", "352.67万元，增加0.53% · 本项金额", Decimal("350.35"), Decimal("352.67")),
        ("narrative.executed_change", "352.67万元，增加0.53% · 增减率", Decimal("0.53"), Decimal("1.19")),
    ],
    "jiangsu_jianchayuan_2018_bumen_yusuan": [
        # p23: 收、支预算总计 21,955.35万元 … 各增加3,958.67万元，增长21.95 % — 3,958.67 ÷ 17,996.68 is 22.00 %.
        ("narrative.percentages", "增长21.95", Decimal("22.00"), Decimal("21.95")),
        # p26: 一般行政管理事务 3,666 万元，增加 21.8 万元，增长 0.06 % (21.8 ÷ 3,644.2 is 0.60 %);
        # 检察监督支出 1,895 万元，减少 134 万元，降幅 0.66 % (134 ÷ 2,029 is 6.60 %).
        ("narrative.percentages", "增长0.06%", Decimal("0.60"), Decimal("0.06")),
        ("narrative.percentages", "降幅0.66", Decimal("-6.60"), Decimal("-0.66")),
    ],
    "jiangsu_gaoji_fayuan_2017_bumen_yusuan": [
        # p22: 提租补贴 1959.99 万元，增加 865.57 万元，增长 79.05 % — 865.57 ÷ 1,094.42 is 79.09 %.
        ("narrative.percentages", "增长79.05%", Decimal("79.09"), Decimal("79.05")),
    ],
}


@pytest.mark.parametrize("doc_id", sorted(DISAGREEMENTS))
def test_the_checks_run_from_the_code_find_exactly_the_documents_disagreements(doc_id):
    snapshot = load_snapshot(SNAPSHOTS / doc_id)
    checks, _ = canonical.run(snapshot.tables)
    failing = checks.filter(pl.col("status") == "fail").to_dicts()
    assert len(failing) == len(DISAGREEMENTS[doc_id]), [f["instance"] for f in failing]
    for rule_id, words, expected, actual in DISAGREEMENTS[doc_id]:
        found = [f for f in failing if f["rule_id"] == rule_id and words in f["instance"]]
        assert len(found) == 1, (rule_id, words)
        if expected is not None:
            assert (found[0]["expected"], found[0]["actual"]) == (expected, actual)
    assert checks.filter(pl.col("status") == "pass").height > 20


def test_a_narrative_figure_cut_to_its_decimals_agrees():
    # p7 writes 行政单位离退休 87.70万元; p15 prints 877,080.00 元 = 87.708 万元 (cut, not rounded, to 87.70).
    checks, _ = canonical.run(load_snapshot(SNAPSHOTS / "shanghai_putuo_caizhengju_2025_bumen_yusuan").tables)
    row = checks.filter(pl.col("instance").str.contains("行政单位离退休 87.70")).to_dicts()
    assert [(r["status"], r["actual"]) for r in row] == [("pass", Decimal("87.708"))]


def test_every_failing_check_says_where_both_sides_are_printed():
    snapshot = load_snapshot(SNAPSHOTS / "shanghai_putuo_caizhengju_2025_bumen_yusuan")
    checks, cells = canonical.run(snapshot.tables)
    failing = checks.filter(pl.col("status") == "fail").row(0, named=True)
    sides = cells.filter(pl.col("instance") == failing["instance"])
    assert dict(sides.select("side", "page").rows()) == {"expected": 7, "actual": 15}


def _changed(tables: dict[str, pl.DataFrame], name: str, where: pl.Expr, amount: str) -> dict[str, pl.DataFrame]:
    changed = dict(tables)
    changed[name] = tables[name].with_columns(
        pl.when(where)
        .then(pl.lit(Decimal(amount), dtype=tables[name]["amount_wan"].dtype))
        .otherwise(pl.col("amount_wan"))
        .alias("amount_wan")
    )
    return changed


def test_a_changed_amount_fails_the_hierarchy_and_the_columns():
    tables = load_snapshot(SNAPSHOTS / "jiangsu_jianchayuan_2018_bumen_yusuan").tables
    before, _ = canonical.run(tables)
    # the document's own failures are the narrative's percentages (p23, p26), none of the tables' rules
    assert before.filter((pl.col("status") == "fail") & pl.col("rule_id").str.starts_with("canonical.")).is_empty()
    # 2040401 行政运行 is 10,883.36 on p17 of 公开07表; make it one cent more.
    after, _ = canonical.run(_changed(tables, "expenditure_by_function", (pl.col("code") == "2040401"), "10883.37"))
    failed = after.filter(pl.col("status") == "fail")
    assert failed.filter(pl.col("rule_id") == "canonical.hierarchy").height >= 2  # 20404 in both scopes printing it


def test_a_changed_three_public_part_fails():
    tables = load_snapshot(SNAPSHOTS / "jiangsu_jianchayuan_2018_bumen_yusuan").tables
    after, _ = canonical.run(_changed(tables, "three_public", pl.col("item") == "reception", "116.51"))
    failed = after.filter((pl.col("status") == "fail") & (pl.col("rule_id") == "canonical.three_public_parts"))
    # The 三公 小计 (484.30 on p19) no longer adds up; the 合计 adds 三公 小计, 会议费 and 培训费, which did not change.
    title = "公开09表：一般公共预算“三公”经费、会议费、培训费支出预算表"
    assert failed["instance"].to_list() == [f"{title} 2018 three_public_total"]


def test_a_table_figure_compared_with_a_rounded_text_keeps_the_digits_the_table_prints():
    # 决算 p21 writes 财政拨款收入支出总计 0.3万元; p13's 财政拨款收入支出决算总表 prints 总计 2,961.68. The text is
    # compared at its one decimal (a contradiction either way), but the table's side is what p13 prints: the card
    # used to say 2,961.70, a figure no page prints.
    snapshot = load_snapshot(SNAPSHOTS / "shanghai_putuo_caizhengju_2024_bumen_juesuan")
    row = (
        snapshot.tables["checks"]
        .filter((pl.col("rule_id") == "canonical.narrative") & pl.col("instance").str.contains("0.3万元"))
        .to_dicts()
    )
    assert [(r["status"], r["expected"], r["actual"], r["difference"]) for r in row] == [
        ("fail", Decimal("0.3"), Decimal("2961.68"), Decimal("2961.38"))
    ]


def test_one_contradiction_seen_at_two_precisions_is_one_finding():
    # 普陀区财政局 2025 p7's 887.36 against p15's 873,617.00 元: canonical.narrative keeps 87.3617,
    # narrative.stray_digit compares 87.36; the page counts one 矛盾, not two.
    from budgetlens.checks.findings import findings

    snapshot = load_snapshot(SNAPSHOTS / "shanghai_putuo_caizhengju_2025_bumen_yusuan")
    found, _ = findings(snapshot.tables["checks"], snapshot.tables.get("check_cells"))
    assert found.height == 1
    assert sorted(found["rule_ids"].to_list()[0]) == ["canonical.narrative", "narrative.stray_digit"]


def test_an_items_executed_change_is_one_finding_and_its_new_item_is_not_divided_by_zero():
    # 万里街道 2023 p6 item 2: 2022年当年预算执行数为0万元 … 增加100.00% (a new item): no base, no alarm; p7 item 16's
    # amount and rate disagree for one reason (item 15's clause copied): one finding on the page.
    from budgetlens.checks.findings import findings

    snapshot = load_snapshot(SNAPSHOTS / "shanghai_putuo_wanlijiedao_2023_bumen_yusuan")
    checks = snapshot.tables["checks"].filter(pl.col("rule_id") == "narrative.executed_change")
    assert checks.filter(pl.col("instance").str.contains("60.13万元")).select("status").to_series().to_list() == [
        "pass"
    ]
    found, _ = findings(snapshot.tables["checks"], snapshot.tables.get("check_cells"))
    copied = found.filter(pl.col("title").str.contains("441.25万元"))
    assert copied["failures"].to_list() == [2]
