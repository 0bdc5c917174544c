"""The text export's schedules onto the canonical model, run from the code on the document read fresh (not the
committed snapshot). Every value is the one printed on the named line of data/raw/hongshan_kejingju_2023.txt."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from budgetlens.canonical.seed import canonical_from_seed
from tests.conftest import SOURCE, shared

LINES = SOURCE.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope=shared)
def canonical(document) -> dict[str, pl.DataFrame]:
    return canonical_from_seed(document.tables, document.schedules, document.budget_year)


def _printed_on(row: dict, *printed: str) -> None:
    """Each printed text is on the row's first source line."""
    line = LINES[row["source_lines"][0] - 1]
    for text in printed:
        assert text in line, (row["source_lines"], text, line)


def _one(table: pl.DataFrame, **where) -> dict:
    found = table.filter(*(pl.col(k).is_null() if v is None else pl.col(k) == v for k, v in where.items()))
    assert found.height == 1, (where, found)
    return found.row(0, named=True)


def test_the_schedules_are_listed_with_their_number_unit_and_line(canonical):
    schedules = canonical["schedules"]
    # 附表1-1 … 1-14, one table id each in the contents' order; 附表1-8 (项目支出表, listed on line 25) is not printed:
    # line 323 is 附表1-7, line 337 附表1-9
    assert schedules["number_printed"].to_list() == [f"附表1-{n}" for n in range(1, 15)]
    assert schedules["table_id"].to_list() == [f"t{n:02d}" for n in range(1, 15)]
    absent = _one(schedules, number_printed="附表1-8")
    assert (absent["status"], absent["source_lines"], absent["title"]) == ("absent", None, "项目支出表")
    assert "八、项目支出表" in LINES[25 - 1] and LINES[323 - 1] == "附表1-7" and LINES[337 - 1] == "附表1-9"
    assert schedules.filter(pl.col("status") != "read")["number_printed"].to_list() == ["附表1-8"]
    summary = _one(schedules, number_printed="附表1-1")
    assert (summary["table_id"], summary["title"], summary["source_lines"]) == ("t01", "收支总表", [97])
    assert (summary["kind"], summary["scope"], summary["reader"], summary["status"]) == (
        "summary",
        "all",
        "text_export",
        "read",
    )
    assert LINES[97 - 1] == "附表1-1" and LINES[99 - 1] == "收支总表"
    general = _one(schedules, number_printed="附表1-5")
    assert (general["table_id"], general["kind"], general["scope"]) == (
        "t05",
        "expenditure_by_function",
        "general_budget",
    )
    # 单位：万元 (line 242) for the amount tables; 单位：元 for 附表1-11 (line 371) and 1-12
    assert general["unit_printed"] == "万元" and LINES[242 - 1] == "单位：万元"
    assert _one(schedules, number_printed="附表1-11")["unit_printed"] == "元"
    assert _one(schedules, number_printed="附表1-12")["unit_printed"] == "元"
    assert _one(schedules, number_printed="附表1-13")["unit_printed"] == "万元"
    assert schedules["department_printed"].is_null().all() and schedules["pages"].is_null().all()


def test_the_function_tables_carry_each_column_as_a_measure(canonical):
    rows = canonical["expenditure_by_function"]
    # 附表1-3, line 164: 206 科学技术支出 19035.12 839.24 18195.88, its last three columns blank
    science = rows.filter((pl.col("table_id") == "t03") & (pl.col("code") == "206"))
    by_measure = {r["measure"]: r for r in science.to_dicts()}
    assert set(by_measure) == {
        "total",
        "basic",
        "project",
        "business_operation",
        "remit_to_superior",
        "subsidy_to_affiliates",
    }
    assert by_measure["total"]["amount_wan"] == Decimal("19035.12")
    assert by_measure["basic"]["amount_wan"] == Decimal("839.24")
    assert by_measure["project"]["amount_wan"] == Decimal("18195.88")
    assert by_measure["business_operation"]["amount_wan"] is None
    assert by_measure["business_operation"]["amount_printed"] == ""
    total = by_measure["total"]
    assert (total["scope"], total["name"], total["level"], total["code_printed"]) == ("all", "科学技术支出", 1, ["206"])
    assert (total["measure_printed"], total["amount_printed"], total["unit_printed"]) == (
        "total_wan",
        "19,035.12",
        "万元",
    )
    assert (total["year"], total["basis"], total["page"], total["box"]) == (2023, "budget", None, None)
    _printed_on(total, "206", "科学技术支出", "19035.12", "839.24", "18195.88")
    # 附表1-5, line 246: 合计 21,225.47 = 1,349.59 基本 (1,190.47 人员 + 159.11 公用) + 19,875.88 项目
    general = rows.filter((pl.col("table_id") == "t05") & (pl.col("level") == 0))
    amounts = dict(general.select("measure", "amount_wan").rows())
    assert amounts == {
        "total": Decimal("21225.47"),
        "basic": Decimal("1349.59"),
        "personnel": Decimal("1190.47"),
        "public": Decimal("159.11"),
        "project": Decimal("19875.88"),
    }
    assert general["scope"].unique().to_list() == ["general_budget"] and general["code"].is_null().all()
    assert general["source_lines"].to_list() == [[246]] * 5 and general["row"].to_list() == [0] * 5
    _printed_on(general.row(0, named=True), "合计", "21,225.47", "1,349.59", "1,190.47", "159.11", "19,875.88")
    # line 249: 2060101 行政运行 467.91 under 20601 科学技术管理事务
    item = _one(rows, table_id="t05", code="2060101", measure="personnel")
    assert (item["amount_wan"], item["parent_code"], item["level"], item["row"]) == (Decimal("365.44"), "20601", 3, 3)
    _printed_on(item, "2060101", "行政运行", "365.44")


def test_the_economic_table_and_the_summaries(canonical):
    economic = canonical["basic_by_economic"]
    # 附表1-6, line 289: 30101 基本工资 166.07 166.07 0.00; line 298: 302 商品和服务支出 159.11 0.00 159.11
    wages = economic.filter(pl.col("code") == "30101")
    assert dict(wages.select("measure", "amount_wan").rows()) == {
        "total": Decimal("166.07"),
        "personnel": Decimal("166.07"),
        "public": Decimal("0.00"),
    }
    assert wages["table_id"].unique().to_list() == ["t06"] and wages["scope"].unique().to_list() == ["general_budget"]
    _printed_on(wages.row(0, named=True), "30101", "基本工资", "166.07")
    goods = _one(economic, code="302", measure="public")
    assert goods["amount_wan"] == Decimal("159.11") and goods["parent_code"] is None and goods["level"] == 1
    summary = canonical["summary_lines"]
    # 附表1-1, line 107: 一、一般公共预算拨款收入 21,225.47 | 一、一般公共服务支出 0.00
    income = _one(summary, table_id="t01", label="一、一般公共预算拨款收入")
    assert (income["scope"], income["side"], income["group"], income["row_kind"], income["level"]) == (
        "all",
        "income",
        "收入",
        "item",
        1,
    )
    assert (income["amount_wan"], income["amount_printed"], income["measure"], income["measure_printed"]) == (
        Decimal("21225.47"),
        "21,225.47",
        "total",
        "预算数",
    )
    _printed_on(income, "一、一般公共预算拨款收入", "21,225.47")
    science = _one(summary, table_id="t01", label="四、科学技术支出")
    assert (science["side"], science["group"], science["amount_wan"]) == ("expenditure", "支出", Decimal("19035.12"))
    # 附表1-4, line 233: 收 入 总 计 21225.47 | 支 出 总 计 21225.47 (a grand total is a total)
    grand = summary.filter((pl.col("table_id") == "t04") & (pl.col("level") == 0))
    assert grand["row_kind"].to_list() == ["total", "total"] and grand["scope"].unique().to_list() == ["fiscal"]
    assert grand["amount_wan"].to_list() == [Decimal("21225.47")] * 2
    _printed_on(grand.row(0, named=True), "收 入 总 计", "21225.47")


def test_income_three_public_and_fund_statements(canonical):
    income = canonical["income_by_source"]
    # 附表1-2, lines 149-151: 合计, 067 (the department), 067001 (its own unit): 一般公共预算 21225.47, 上年结转 0.00
    general = income.filter(pl.col("measure") == "general_budget").sort("row")
    assert general["code"].to_list() == [None, "067", "067001"]
    assert general["level"].to_list() == [0, 1, 2]
    assert general["amount_wan"].to_list() == [Decimal("21225.47")] * 3
    assert general["source_lines"].to_list() == [[149], [150], [151]]
    assert (general["source"] == general["measure"]).all() and general["table_id"].unique().to_list() == ["t02"]
    assert general["measure_printed"].unique().to_list() == ["current_general_budget_wan"]
    _printed_on(general.row(1, named=True), "067", "武汉市洪山区科学技术和经济信息化局", "21225.47")
    assert set(income["measure"]) >= {"total", "general_budget", "government_fund", "carryover", "other_income"}
    assert _one(income, code="067001", measure="carryover")["amount_wan"] == Decimal("0.00")
    three = canonical["three_public"]
    # 附表1-7, line 333: 4.40 合计 | 0.00 出国 | 4.40 车 (0.00 购置, 4.40 运行) | 0.00 接待
    assert dict(three.select("item", "amount_wan").rows()) == {
        "three_public_total": Decimal("4.40"),
        "overseas_travel": Decimal("0.00"),
        "vehicles": Decimal("4.40"),
        "vehicle_purchase": Decimal("0.00"),
        "vehicle_operation": Decimal("4.40"),
        "reception": Decimal("0.00"),
    }
    assert dict(three.select("item", "parent_item").rows())["overseas_travel"] == "three_public_total"
    assert dict(three.select("item", "parent_item").rows())["vehicle_operation"] == "vehicles"
    assert dict(three.select("item", "parent_item").rows())["three_public_total"] is None
    total = _one(three, item="three_public_total")
    assert (total["measure_printed"], total["table_id"], total["source_lines"]) == ("“三公”经费合计", "t07", [333])
    # 附表1-9 and 1-10 print no rows, only a statement that nothing is budgeted (lines 347, 361)
    notes = canonical["table_notes"]
    assert notes["source_lines"].to_list() == [[347], [361]] and notes["states_none"].to_list() == [True, True]
    assert notes["table_id"].to_list() == [
        _one(canonical["schedules"], number_printed="附表1-9")["table_id"],
        _one(canonical["schedules"], number_printed="附表1-10")["table_id"],
    ]
    assert "无政府性基金预算安排的支出" in notes["text"][0]
    funds = canonical["expenditure_by_function"].filter(pl.col("scope").is_in(["government_fund", "state_capital"]))
    assert funds.is_empty()


def test_projects_indicators_purchases_and_glossary(canonical):
    # 附表1-14, lines 840-846: 科学技术研究与开发资金, 项目主管部门 科经局, 项目总预算 18000, 项目当年预算 18000
    project = _one(canonical["projects"], project="科学技术研究与开发资金")
    assert (project["department"], project["table_id"]) == ("科经局", "t14")
    assert project["unit"].startswith("经济运行科、投资与技术改造科、高新技术与产业发展科")
    _printed_on(project, "科学技术研究与开发资金")
    funds = canonical["project_funds"].filter(pl.col("project") == "科学技术研究与开发资金")
    assert dict(funds.select("item", "amount_wan").rows()) == {
        "project_total": Decimal("18000"),
        "annual_total": Decimal("18000"),
    }
    assert dict(funds.select("item", "measure_printed").rows()) == {
        "project_total": "total_budget_wan",
        "annual_total": "budget_2023_wan",
    }
    assert funds["amount_printed"].to_list() == ["18,000.00", "18,000.00"]
    assert "项目总预算\t18000\t项目当年预算\t18000" in "\n".join(LINES[839:846])
    indicators = canonical["performance_indicators"]
    # line 898: 长期绩效目标1 成本指标 经济成本指标 工业企业流动资金贷款成本 降低500万元 (1-14, that project)
    cost = _one(indicators, name="工业企业流动资金贷款成本")
    assert (cost["table_id"], cost["project"], cost["level1"], cost["level2"], cost["target"]) == (
        "t14",
        "科学技术研究与开发资金",
        "成本指标",
        "经济成本指标",
        "降低500万元",
    )
    # line 464: 1-13, the department's own: 产出指标 数量指标 新增规上工业企业 30家, no project
    new = _one(indicators, name="新增规上工业企业")
    assert (new["table_id"], new["project"], new["target"], new["source_lines"]) == ("t13", None, "30家", [464])
    purchases = canonical["procurement"].sort("row")
    # 附表1-11 (单位：元), line 374: 合计 691000.00 元 = 69.1 万元; line 377: 复印纸 14000.00
    total = purchases.row(0, named=True)
    assert (total["level"], total["amount_wan"], total["amount_printed"], total["unit_printed"]) == (
        0,
        Decimal("69.1"),
        "691,000.00",
        "元",
    )
    assert total["source_lines"] == [374] and total["measure_printed"] == "amount_yuan"
    assert purchases["level"].to_list()[:4] == [0, 1, 2, 2]
    paper = purchases.row(3, named=True)
    assert (paper["project"], paper["economic"], paper["item"], paper["amount_wan"]) == (
        "在职人员公用",
        "办公费",
        "复印纸",
        Decimal("1.4"),
    )
    _printed_on(paper, "在职人员公用", "[A05040101]复印纸", "[30201]办公费", "14000.00")
    glossary = canonical["glossary"]
    # line 2331: (一) 一般公共预算财政拨款收入：指区级财政一般公共预算当年拨付的资金。
    first = glossary.row(0, named=True)
    assert (first["seq"], first["term"], first["explanation"], first["source_lines"]) == (
        1,
        "一般公共预算财政拨款收入",
        "指区级财政一般公共预算当年拨付的资金。",
        [2331],
    )
    # every amount of a text export is a budgeted one
    for name in ("expenditure_by_function", "summary_lines", "three_public", "project_funds", "procurement"):
        assert canonical[name]["basis"].unique().to_list() == ["budget"], name
    assert "printed_cells" not in canonical
