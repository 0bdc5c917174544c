"""Checks on the document's real values: every genuine disagreement pinned, and each rule shown passing."""

from __future__ import annotations

from decimal import Decimal as D

import polars as pl
import pytest

from budgetlens.__main__ import main
from budgetlens.checks import ALL_RULES
from budgetlens.pipeline import aliases_path, checked_tables
from tests.conftest import DOC_ID, ROOT, SNAPSHOTS, shared
from tests.test_seed_checks_pinned import ADDED

# (rule, instance) -> (expected, actual, expected lines, actual lines): every failure the document contains.
NUMERIC_FAILURES = {
    ("1-3.hierarchy", "20601 科学技术管理事务 · 合计"): ("1035.12", "1035.13", [166], [167, 168, 169]),
    ("1-3.hierarchy", "20601 科学技术管理事务 · 基本支出"): ("839.24", "839.25", [166], [167, 168, 169]),
    ("1-3.hierarchy", "22102 住房改革支出 · 合计"): ("140.01", "140.00", [189], [190, 191, 192]),
    ("1-3.hierarchy", "22102 住房改革支出 · 基本支出"): ("140.01", "140.00", [189], [190, 191, 192]),
    ("1-5.hierarchy", "合计 · 人员经费"): ("1190.47", "1190.48", [246], [247, 256, 261, 265, 270]),
    ("1-5.hierarchy", "20601 科学技术管理事务 · 合计"): ("1035.12", "1035.13", [248], [249, 250, 251]),
    ("1-5.hierarchy", "20601 科学技术管理事务 · 基本支出"): ("839.24", "839.25", [248], [249, 250, 251]),
    ("1-5.hierarchy", "20601 科学技术管理事务 · 公用经费"): ("149.49", "149.50", [248], [249, 250, 251]),
    ("1-5.hierarchy", "22102 住房改革支出 · 合计"): ("140.01", "140.00", [271], [272, 273, 274]),
    ("1-5.hierarchy", "22102 住房改革支出 · 基本支出"): ("140.01", "140.00", [271], [272, 273, 274]),
    ("1-5.hierarchy", "22102 住房改革支出 · 人员经费"): ("140.01", "140.00", [271], [272, 273, 274]),
    ("1-5.row", "合计 · 基本支出"): ("1349.59", "1349.58", [246], [246]),
    ("1-6.hierarchy", "合计 · 人员经费"): ("1190.47", "1190.48", [288], [289, 298, 314, 318]),
    ("1-6.hierarchy", "301 工资福利支出 · 合计"): ("961.04", "961.03", [289], list(range(290, 298))),
    ("1-6.hierarchy", "301 工资福利支出 · 人员经费"): ("961.04", "961.03", [289], list(range(290, 298))),
    ("1-6.hierarchy", "302 商品和服务支出 · 合计"): ("159.11", "159.13", [298], list(range(299, 314))),
    ("1-6.hierarchy", "302 商品和服务支出 · 公用经费"): ("159.11", "159.13", [298], list(range(299, 314))),
    ("1-6.row", "合计"): ("1349.59", "1349.58", [288], [288]),
    ("across.categories", "运转类"): ("237.22", "237.21", [436], [246, 444, 445, 450]),
    ("narrative.amounts", "一般公共预算基本支出安排情况 · 人员经费"): ("1190.47", "1190.48", [246], [2255]),
    ("narrative.amounts", "部门支出预算安排情况 · 人员类项目"): ("1190.47", "1190.48", [435], [2301]),
    ("narrative.counts", "机关运行经费情况 · 参照公务员法管理事业单位"): ("0", "3", [85], [2315]),
    ("profile.mentions", "第三部分 机关运行经费情况: 下属3家参照公务员法管理事业单位"): ("0", "3", [85], [2315]),
    ("goals.figures", "部门年度目标2 · 承担国家省市科技计划项目不少于6个"): ("6", "5", [499], [506]),
    ("goals.figures", "科学技术研究与开发资金 年度目标2 · 承担国家省市科技计划项目不少于6个"): (
        "6",
        "5",
        [887],
        [1029],
    ),
}
TEXT_FAILURES = {
    ("indicators.1-13_vs_1-14", "部门年度目标8 ↔ 科学技术研究与开发资金 年度目标8 · 科技人才培养"): (
        "科技人才培养",
        "（无同名指标）",
    ),
    ("indicators.1-13_vs_1-14", "部门年度目标8 ↔ 科学技术研究与开发资金 年度目标8 · 科技人才培训"): (
        "（无同名指标）",
        "科技人才培训",
    ),
    ("indicators.1-13_vs_1-14", "部门年度目标20 ↔ 项目管理专项法律服务 年度目标1 · 常规法律顾问服务"): (
        "常规法律顾问服务",
        "（无同名指标）",
    ),
    ("indicators.1-13_vs_1-14", "部门年度目标20 ↔ 项目管理专项法律服务 年度目标1 · 常规法律咨询服务"): (
        "（无同名指标）",
        "常规法律咨询服务",
    ),
    (
        "indicators.1-13_vs_1-14",
        "部门年度目标22 ↔ 科技类非学科校外培训机构规范管理 年度目标1 · 非学科类科技教培机构监管 · 2023",
    ): ("95%以上", "95%"),
    # Long-term goals too: line 475 (1-13 长期目标2) prints 高新技术企业总数 1000家, line 915 (1-14) 约1500家.
    (
        "indicators.1-13_vs_1-14",
        "部门长期目标2 ↔ 科学技术研究与开发资金 长期目标 · 高新技术企业总数",
    ): ("1000家", "约1500家"),
    ("structure.schedules", "附表1-8 项目支出表"): ("列出", "未出现"),
}


@pytest.fixture(scope=shared)
def checks(document) -> pl.DataFrame:
    """Every rule as the code runs it now, on the document as the code reads it now, as the ingest
    runs them. Not the stored checks.parquet: a rule that stopped failing would still fail there
    (tests/test_snapshot.py shows the stored results are what this code produces)."""
    return checked_tables(document, aliases_path(ROOT / "data", DOC_ID))[1]


def check(checks: pl.DataFrame, rule: str, instance: str) -> dict:
    found = checks.filter(pl.col("rule_id") == rule, pl.col("instance") == instance)
    assert found.height == 1, f"{rule} / {instance}: {found.height} rows"
    return found.row(0, named=True)


def test_the_failures_are_exactly_the_documents_disagreements(checks):
    failing = set(checks.filter(pl.col("status") == "fail").select("rule_id", "instance").iter_rows())
    goal_text = {
        ("goals.text", "年度目标1 · 1-13 列表 vs 标题"),
        ("goals.text", "年度目标8 · 1-13 vs 科学技术研究与开发资金"),
    }
    assert failing == set(NUMERIC_FAILURES) | set(TEXT_FAILURES) | goal_text
    assert len(failing) == 34


@pytest.mark.parametrize("key", sorted(NUMERIC_FAILURES))
def test_numeric_failure(checks, key):
    expected, actual, expected_lines, actual_lines = NUMERIC_FAILURES[key]
    row = check(checks, *key)
    assert row["status"] == "fail"
    assert (row["expected"], row["actual"]) == (D(expected), D(actual))
    assert row["difference"] == D(actual) - D(expected)
    assert (row["expected_lines"], row["actual_lines"]) == (expected_lines, actual_lines)


@pytest.mark.parametrize("key", sorted(TEXT_FAILURES))
def test_text_failure(checks, key):
    row = check(checks, *key)
    assert row["status"] == "fail"
    assert (row["expected_text"], row["actual_text"]) == TEXT_FAILURES[key]


def test_goal_texts_that_differ(checks):
    listed = check(checks, "goals.text", "年度目标1 · 1-13 列表 vs 标题")
    assert listed["status"] == "fail"
    assert "5C+工业互联网" in listed["expected_text"] and "5G+工业互联网" in listed["actual_text"]
    project = check(checks, "goals.text", "年度目标8 · 1-13 vs 科学技术研究与开发资金")
    assert project["status"] == "fail"
    assert "营造用才爱才氛围" in project["expected_text"] and "营造爱才爱才氛围" in project["actual_text"]


# One real passing instance per rule: (rule, instance) -> (expected, actual)
PASSING = {
    ("1-1.sides", "本年支出合计"): ("21225.47", "21225.47"),
    ("1-1.balance", "收入总计 = 支出总计"): ("21225.47", "21225.47"),
    ("1-2.columns", "武汉市洪山区科学技术和经济信息化局 · 合计"): ("21225.47", "21225.47"),
    ("1-2.rows", "合计 = Σ部门 · total"): ("21225.47", "21225.47"),
    ("1-3.hierarchy", "206 科学技术支出 · 合计"): ("19035.12", "19035.12"),
    ("1-3.row", "2060199 其他科学技术管理事务支出"): ("558.40", "558.40"),
    ("1-4.sides", "一、本年收入"): ("21225.47", "21225.47"),
    ("1-5.hierarchy", "合计 · 合计"): ("21225.47", "21225.47"),
    ("1-5.row", "2080501 行政单位离退休 · 基本支出"): ("186.14", "186.14"),
    ("1-6.hierarchy", "303 对个人和家庭的补助 · 合计"): ("229.44", "229.44"),
    ("1-6.row", "30231 公务用车运行维护费"): ("4.40", "4.40"),
    ("1-7.sum", "“三公”经费合计"): ("4.40", "4.40"),
    ("1-11.totals", "合计 · 采购金额合计"): ("691000", "691000"),
    ("1-11.price", "机关事业办公维护工作经费 · 其他房地产服务"): ("420000", "420000"),
    ("1-12.totals", "合计"): ("1770000", "1770000"),
    ("1-13.composition", "2022 支出构成"): ("24789.3", "24789.3"),
    ("1-13.shares", "特定目标类项目支出 占比"): ("93.27", "93.27"),
    ("1-14.project_budget", "国家示范基地管理费 · 支出明细合计"): ("22.6", "22.6"),
    ("1-14.details_sum", "科学技术研究与开发资金 · 支出明细"): ("18000", "18000"),
    ("across.totals", "附表1-2 合计"): ("21225.47", "21225.47"),
    ("across.classes", "资源勘探工业信息等支出 · 1-4 vs 1-5"): ("1680.00", "1680.00"),
    ("across.1-3_vs_1-5", "2060499 其他技术与开发支出 · 合计"): ("16000", "16000"),
    ("across.1-5_vs_1-6", "公用经费"): ("159.11", "159.11"),
    ("across.1-7_vs_30231", "公务用车运行维护费"): ("4.40", "4.40"),
    ("across.mirrors", "30113 vs 2210201"): ("98.00", "98.00"),
    ("across.projects_total", "1-14 项目之和"): ("19875.88", "19875.88"),
    ("across.project_list", "中小企业服务体系"): ("10", "10"),
    ("across.categories", "特定目标类"): ("19797.78", "19797.78"),
    ("across.personnel", "人员类"): ("1190.47", "1190.47"),
    ("across.services_vs_budget", "国家示范基地管理费"): ("22.6", "22.6"),
    ("across.procurement_vs_budget", "机关事业办公维护经费"): ("75.4", "47.5"),
    ("across.services_in_procurement", "机关事业办公维护工作经费 · 资产运营管理"): ("420000", "420000"),
    ("derived.research_2022", "科学技术研究与开发资金"): ("23000", "23000"),
    ("narrative.amounts", "政府采购预算情况 · 服务类"): ("67.7", "67.7"),
    ("narrative.changes", "一般公共预算支出安排情况 · 当年预算"): ("-3563.83", "-3563.83"),
    ("narrative.percentages", "一般公共预算支出安排情况 · 当年预算"): ("-14.38", "-14.38"),
    ("narrative.counts", "“三公”经费的单位范围 · “三公”经费包括一级、二级单位"): ("4", "4"),
    ("narrative.economic_split", "扣除基本支出后 = 项目支出"): ("19875.88", "19875.88"),
    ("profile.mentions", "目标 annual 16: 下属三个事业单位"): ("3", "3"),
    ("goals.figures", "部门年度目标18 · 加强行业内110家规模以上工业企业安全隐患排查治理"): ("110", "110"),
}
TEXT_PASSING = {
    (
        "indicators.1-13_vs_1-14",
        "部门年度目标19 ↔ 国家示范基地管理费 年度目标1 · 示范基地年度考核星级评定（五星满分评定） · 2021",
    ): "三星及以上",
    ("goals.text", "年度目标19 · 1-13 vs 国家示范基地管理费"): '目标为工信部对"基地"年度考核星级评定三星以上',
    ("names.resolved", "1-12 科技类非学校外培训机构规范管理"): "420111230670030000101",
    ("structure.schedules", "附表1-14 项目支出绩效目标表"): None,
    ("structure.repeated_rows", "indicators"): "一次",
    ("1-14.funding_numbers", "科学技术研究与开发资金"): "1, 2, 3, 4, 5, 6, 7, 8, 9",
    ("1-14.funding_lines", "国家示范基地管理费"): "与标准格式一致",
    ("1-14.project_texts", "科学技术研究与开发资金"): "都有",
    ("indicators.levels", "部门整体 · 年度指标"): "属于其一级指标",
    ("indicators.name_shape", "科学技术研究与开发资金 · 年度指标"): "都是事项",
}


@pytest.mark.parametrize("key", sorted(PASSING))
def test_rule_passes_on_real_values(checks, key):
    row = check(checks, *key)
    assert row["status"] == "pass"
    assert (row["expected"], row["actual"]) == tuple(D(v) for v in PASSING[key])


@pytest.mark.parametrize("key", sorted(TEXT_PASSING))
def test_text_rule_passes_on_real_values(checks, key):
    row = check(checks, *key)
    assert row["status"] == "pass"
    if TEXT_PASSING[key] is not None:
        assert row["actual_text"] == TEXT_PASSING[key]


def test_every_rule_is_exercised_and_documented(checks):
    pinned = {rule for rule, _ in [*NUMERIC_FAILURES, *TEXT_FAILURES, *PASSING, *TEXT_PASSING]}
    ran = set(checks["rule_id"])
    assert pinned <= ran <= {rule.id for rule in ALL_RULES}
    assert ran - pinned == {rule for rule, _ in ADDED}  # the general rules' rows beside the template's (pinned apart)
    documented = (ROOT / "docs" / "CHECKS.md").read_text(encoding="utf-8")
    assert [rule.id for rule in ALL_RULES if f"`{rule.id}`" not in documented] == []


def test_not_applicable_says_why(checks):
    unchecked = checks.filter(pl.col("status") == "not_applicable")
    assert unchecked.height == 19 + sum(status == "not_applicable" for _, status in ADDED)
    assert unchecked["note"].null_count() == 0
    blank = check(checks, "narrative.amounts", "部门支出预算安排情况 · 上缴上级支出")
    assert blank["actual"] == D("0") and blank["expected"] is None and "空白" in blank["note"]


def test_every_name_resolves_through_exact_match_or_a_reasoned_alias(snapshot):
    names = snapshot.table("project_names")
    assert names.filter(pl.col("resolution") == "unresolved").height == 0
    aliases = names.filter(pl.col("resolution") == "alias")
    assert aliases.height == 17 and aliases["reason"].str.len_chars().min() > 20
    assert names.filter(pl.col("name") == "中小企业服务体系")["project_code"].to_list() == ["420111220670310000100"]


def test_check_command_prints_a_report(capsys):
    assert main(["check", DOC_ID, "--snapshots", str(SNAPSHOTS)]) == 0
    out = capsys.readouterr().out
    assert "34 fail" in out
    assert "20601 科学技术管理事务 · 合计" in out and "1,035.12 万元" in out and "difference: +0.01 万元" in out
    assert "differ from the ones stored" not in out


def test_check_command_fails_when_it_cannot_run(tmp_path, capsys):
    assert main(["check", "no_such_doc", "--snapshots", str(tmp_path)]) == 1
    assert "could not run" in capsys.readouterr().err


# The completeness rules pass everywhere on the real document; on a copy of its tables with one
# thing broken, each names what broke and where.


def _rerun(snapshot, **changed):
    from budgetlens.checks import run
    from budgetlens.checks.names import load_aliases

    tables = {**snapshot.tables, **changed}
    aliases = load_aliases(ROOT / "data" / "aliases" / f"{snapshot.doc_id}.csv")
    return run(tables, aliases).checks


def test_a_repeated_row_fails(snapshot):
    indicators = snapshot.table("indicators")
    repeated = pl.concat([indicators, indicators.slice(5, 1)])
    row = check(
        _rerun(snapshot, indicators=repeated), "structure.repeated_rows", f"indicators · {_label(indicators, 5)}"
    )
    assert row["status"] == "fail" and row["actual_text"] == "共 2 次"
    assert (row["expected_label"], row["actual_label"]) == ("第一次出现", "相同的行")
    assert row["expected_lines"] == row["actual_lines"] == indicators["source_lines"][5].to_list()


def _label(table, index):
    record = table.row(index, named=True)
    return " · ".join(str(record[c]) for c in ("project_name", "name") if record.get(c))[:60]


def test_a_missing_funding_line_fails(snapshot):
    """The rules read the canonical `project_funds` (the form's 项目资金来源 lines): a line taken out of it fails."""
    code = "420111220670030000118"
    name = _project_name(snapshot, code)
    funds = snapshot.table("project_funds").with_row_index()
    lines = funds.filter(pl.col("project") == name, pl.col("item").is_in(["sources_total", "source", "source_part"]))
    without = funds.filter(pl.col("index") != lines["index"][2]).drop("index")
    checks = _rerun(snapshot, project_funds=without)
    row = check(checks, "1-14.funding_lines", name)
    assert row["status"] == "fail"
    assert (row["expected_text"], row["actual_text"]) == ("其中：申请当年预算拨款", "2.政府性基金预算财政拨款收入")
    assert (row["expected_label"], row["actual_label"]) == ("本文件最完整的资金来源格式第 3 行", "本项目第 3 行")
    numbered = funds.filter(~((pl.col("project") == name) & (pl.col("measure_printed") == "3.事业收入"))).drop("index")
    row = check(_rerun(snapshot, project_funds=numbered), "1-14.funding_numbers", name)
    assert row["status"] == "fail" and row["actual_text"].startswith("1, 2, 4, 5")


def _project_name(snapshot, code):
    projects = snapshot.table("s14_projects")
    return projects.filter(pl.col("project_code") == code)["project_name"].item()


def test_a_project_without_its_reason_fails(snapshot):
    projects = snapshot.table("projects").with_columns(
        pl.when(pl.col("project") == "国家示范基地管理费").then(None).otherwise(pl.col("reason")).alias("reason")
    )
    row = check(_rerun(snapshot, projects=projects), "1-14.project_texts", "国家示范基地管理费")
    assert row["status"] == "fail" and row["actual_text"] == "缺申请理由"


def test_an_indicator_under_the_wrong_heading_or_with_a_value_for_a_name_fails(snapshot):
    indicators = snapshot.table("performance_indicators")  # the rules read the canonical tables
    first = indicators.row(0, named=True)
    broken = indicators.with_columns(
        pl.when(pl.int_range(pl.len()) == 0).then(pl.lit("满意度指标")).otherwise(pl.col("level1")).alias("level1"),
        pl.when(pl.int_range(pl.len()) == 1).then(pl.lit("95%以上")).otherwise(pl.col("name")).alias("name"),
    )
    checks = _rerun(snapshot, performance_indicators=broken)
    table = f"{first['project'] or '部门整体'} · {'长期' if first['goal_kind'] == 'long_term' else '年度'}指标"
    level = check(checks, "indicators.levels", f"{table} · {first['name']}")
    assert level["status"] == "fail" and (level["expected_text"], level["actual_text"]) == (
        "满意度指标",
        first["level2"],
    )
    name = check(checks, "indicators.name_shape", f"{table} · 95%以上")
    assert name["status"] == "fail" and name["actual_lines"] == indicators["source_lines"][1].to_list()


def test_the_report_shows_failures_and_unchecked_with_both_sides(checks):
    from budgetlens.checks.report import render

    report = render(checks).split("\n")
    assert report[:2] == ["1358 checks from 60 rules: 34 fail, 1297 pass, 27 not applicable", ""]  # 1,320 + 38 added
    assert not [line for line in report if line.startswith("  ok  ")]  # passes are left out by default
    at = report.index("  FAIL 20601 科学技术管理事务 · 合计")
    assert report[at - 2 : at + 4] == [
        "[1-3.hierarchy] 支出总表：每个类等于其下各款之和，每个款等于其下各项之和，合计等于各类之和（每个金额列）",
        "    1-3: each code equals the sum of its children and 合计 the sum of the top codes, in every column",
        "  FAIL 20601 科学技术管理事务 · 合计",
        "       附表1-3 20601 科学技术管理事务 合计: 1,035.12 万元  (lines 166)",
        "       附表1-3 20601 科学技术管理事务 下级科目之和: 1,035.13 万元  (lines 167, 168, 169)",
        "       difference: +0.01 万元",
    ]
    at = report.index("  FAIL 机关运行经费情况 · 参照公务员法管理事业单位")
    assert report[at + 1 : at + 4] == [
        "       第一部分 参照公务员法管理事业单位: 0 家  (lines 85)",
        "       第三部分「机关运行经费情况」参照公务员法管理事业单位: 3 家  (lines 2315)",
        "       difference: +3 家",
    ]
    at = report.index("  n/a  部门支出预算安排情况 · 上缴上级支出")
    assert report[at + 1 : at + 4] == [
        "       附表1-3 上缴上级支出: —  (lines 164)",
        "       第三部分「部门支出预算安排情况」上缴上级支出: 0.00 万元  (lines 2301)",
        "       note: 表中此格为空白（未列示），文字说明写作 0",
    ]
    at = report.index("  FAIL 附表1-8 项目支出表")
    assert report[at + 1 : at + 3] == ["       目录: 列出  (lines 25)", "       正文: 未出现  (lines —)"]
    everything = render(checks, show_passes=True).split("\n")
    assert len([line for line in everything if line.startswith("  ok   ")]) == 1267 + 30  # + code names, empty notes
    assert "  ok   本年支出合计" in everything


def test_a_mirror_with_one_side_missing_is_reported_not_skipped(snapshot):
    # the rule reads the canonical tables: the economic table (附表1-6) without its 30113 row
    economic = snapshot.table("basic_by_economic").filter(pl.col("code") != "30113")
    row = check(_rerun(snapshot, basic_by_economic=economic), "across.mirrors", "30113 vs 2210201")
    assert (row["status"], row["expected"], row["actual"]) == ("not_applicable", D("98.00"), None)


def test_a_purchase_line_naming_no_project_fails(snapshot):
    lines = snapshot.table("procurement")  # names.resolved reads the canonical listing
    renamed = lines.with_columns(
        pl.when(pl.col("item") == "复印纸").then(pl.lit("不存在的项目")).otherwise(pl.col("project")).alias("project")
    )
    row = check(_rerun(snapshot, procurement=renamed), "names.resolved", "1-11 不存在的项目")
    assert (row["status"], row["actual_text"], row["actual_lines"]) == ("fail", "（无法对应）", [377])
    assert (row["expected_text"], row["note"]) == ("（某个 1-14 项目）", "no 1-14 project of this name and no alias")


def test_a_percentage_without_a_base_is_not_applicable(snapshot):
    """三公 is stated as 4.40 万元, +0.00 and 0.00%; were the amount 0, the base (amount − change) is 0."""
    facts = snapshot.table("narrative_items")
    subject = "一般公共预算财政拨款安排“三公”经费预算"
    zero = facts.with_columns(
        pl.when((pl.col("subject") == subject) & (pl.col("kind") == "amount"))
        .then(pl.lit(D("0")).cast(facts.schema["value"]))
        .otherwise(pl.col("value"))
        .alias("value")
    )
    row = check(
        _rerun(snapshot, narrative_items=zero), "narrative.percentages", f"“三公”经费财政拨款预算情况 · {subject}"
    )
    assert (row["status"], row["expected_label"], row["expected"], row["unit"]) == (
        "not_applicable",
        "（无法重新计算）",
        None,
        "%",
    )
    assert (row["actual"], row["note"]) == (
        D("0"),
        "上年数为 0 或未列出，百分比无从计算 / the base is zero or not stated",
    )


def test_the_report_lists_rules_with_failures_first(checks):
    from budgetlens.checks.report import render

    headers = [line.split("]")[0] + "]" for line in render(checks).split("\n") if line.startswith("[")]
    assert headers[:2] == ["[1-3.hierarchy]", "[1-5.hierarchy]"]
    unchecked_only = ["[1-4.sides]", "[canonical.personnel_public]", "[canonical.project_funds]"]
    unchecked_only += ["[narrative.changes]", "[narrative.changes_agree]", "[narrative.executed_change]"]
    unchecked_only += ["[narrative.operating_expenses_302]", "[narrative.same_item]", "[narrative.shares]"]
    unchecked_only += ["[narrative.stray_digit]"]
    assert headers[-10:] == unchecked_only  # rules with nothing failing, only unchecked, last
    amounts = render(checks).split("[narrative.amounts]")[1].split("\n[")[0]
    assert amounts.index("  FAIL ") < amounts.index("  n/a  ")


def test_a_detail_line_without_its_stated_change_breaks_the_derived_2022_budget(snapshot):
    stated = snapshot.table("project_changes").filter(pl.col("item") != "科技人才工作经费")  # +170 万元
    row = check(_rerun(snapshot, project_changes=stated), "derived.research_2022", "科学技术研究与开发资金")
    assert (row["status"], row["expected"], row["actual"]) == ("fail", D("23000"), D("23170"))


def test_a_goal_heading_without_its_listed_goal_is_left_out_not_an_error(snapshot):
    goals = snapshot.table("project_goals")  # the rules read the canonical tables
    listed_first = (
        (pl.col("scope") == "department")
        & (pl.col("source") == "goal_list")
        & (pl.col("goal_kind") == "annual")
        & (pl.col("goal_number") == 1)
    )
    checks = _rerun(snapshot, project_goals=goals.filter(~listed_first))
    texts = checks.filter(pl.col("rule_id") == "goals.text")
    assert texts.height == 49 and "年度目标1 · 1-13 列表 vs 标题" not in set(texts["instance"])
    assert check(checks, "goals.text", "年度目标1 · 1-13 vs 科学技术研究与开发资金")["status"] == "pass"
