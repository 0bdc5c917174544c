"""Real values of every schedule, read fresh from the document."""

from __future__ import annotations

from decimal import Decimal as D

import polars as pl


def row(table: pl.DataFrame, **where) -> dict:
    found = table.filter(*[pl.col(k) == v for k, v in where.items()])
    assert found.height == 1, f"expected one row for {where}, found {found.height}"
    return found.row(0, named=True)


def test_summary_1_1(document):
    table = document.tables["s01_summary"]
    assert row(table, side="income", name="一般公共预算拨款收入")["amount_wan"] == D("21225.47")
    assert row(table, side="expenditure", name="科学技术支出")["amount_wan"] == D("19035.12")
    assert row(table, side="expenditure", name="住房保障支出")["source_lines"] == [123]
    assert row(table, side="expenditure", row_kind="grand_total")["amount_wan"] == D("21225.47")
    assert table.filter(pl.col("side") == "expenditure", pl.col("row_kind") == "item").height == 24
    assert table.filter(pl.col("side") == "income", pl.col("row_kind") == "item").height == 9


def test_income_1_2(document):
    table = document.tables["s02_income"]
    department = row(table, row_level="department")
    assert (department["unit_code"], department["unit_name"]) == ("067", "武汉市洪山区科学技术和经济信息化局")
    assert department["current_general_budget_wan"] == D("21225.47")
    assert department["carryover_unit_funds_wan"] == D("0.00")
    # the document prints a 20th amount column with no header: kept, not dropped
    assert row(table, row_level="unit")["unlabeled_column_20_wan"] == D("0.00")
    assert row(table, row_level="unit")["unit_code"] == "067001"


def test_expenditure_1_3(document):
    table = document.tables["s03_expenditure"]
    total = row(table, level=0)
    assert (total["total_wan"], total["basic_wan"], total["project_wan"]) == (
        D("21225.47"),
        D("1349.59"),
        D("19875.88"),
    )
    assert total["business_operation_wan"] is None  # an empty cell stays empty, not zero
    item = row(table, code="2060199")
    assert (item["name"], item["level"], item["parent_code"]) == ("其他科学技术管理事务支出", 3, "20601")
    assert (item["basic_wan"], item["project_wan"]) == (D("371.34"), D("187.06"))
    assert table.height == 29


def test_fiscal_summary_1_4(document):
    table = document.tables["s04_fiscal_summary"]
    assert row(table, side="income", name="一般公共预算拨款", parent_name="本年收入")["amount_wan"] == D("21225.47")
    assert row(table, side="income", name="一般公共预算拨款", parent_name="上年结转")["amount_wan"] is None
    assert row(table, side="expenditure", name="科学技术支出")["parent_name"] == "本年支出"
    assert row(table, side="expenditure", name="一般公共服务支出")["amount_wan"] is None  # blank, not 0.00
    assert row(table, side="expenditure", name="资源勘探工业信息等支出")["amount_wan"] == D("1680.00")


def test_general_budget_1_5(document):
    table = document.tables["s05_general_budget"]
    total = row(table, level=0)
    assert (total["basic_personnel_wan"], total["basic_public_wan"]) == (D("1190.47"), D("159.11"))
    assert row(table, code="2060499")["total_wan"] == D("16000.00")
    assert row(table, code="2080501")["basic_public_wan"] == D("7.28")


def test_basic_economic_1_6(document):
    table = document.tables["s06_basic_economic"]
    assert row(table, level=0)["total_wan"] == D("1349.59")
    assert row(table, code="30231")["public_wan"] == D("4.40")
    assert row(table, code="30302")["name"] == "退休费"
    assert row(table, code="31299")["parent_code"] == "312"
    assert table.height == 32  # 31 codes and the 合计 row


def test_three_public_1_7(document):
    table = document.tables["s07_three_public"]
    assert row(table, item="total")["amount_wan"] == D("4.40")
    assert row(table, item="vehicle_operation")["parent_item"] == "vehicles"
    assert row(table, item="reception")["amount_wan"] == D("0.00")


def test_funds_1_9_and_1_10_record_the_statement(document):
    for name, words in (
        ("s09_government_fund", "无政府性基金预算安排的支出"),
        ("s10_state_capital", "无国有资本经营预算"),
    ):
        table = document.tables[name]
        statement = row(table, row_kind="statement")
        assert words in statement["statement"]
        assert statement["states_none"] is True
        assert table.filter(pl.col("row_kind") == "row").height == 0


def test_procurement_1_11(document):
    table = document.tables["s11_procurement"]
    assert row(table, row_level="total")["amount_yuan"] == D("691000.00")
    lines = table.filter(pl.col("row_level") == "line")
    assert lines.height == 9
    paper = row(lines, item_code="A05040101")
    assert (paper["item_name"], paper["category"], paper["economic_code"]) == ("复印纸", "goods", "30201")
    assert lines["amount_yuan"].sum() == D("691000.00")


def test_purchased_services_1_12(document):
    table = document.tables["s12_purchased_services"]
    assert row(table, row_level="total")["amount_yuan"] == D("1770000")
    lines = table.filter(pl.col("row_level") == "line")
    assert lines.height == 16
    base = row(lines, project_name="国家示范基地管理费")
    assert (base["amount_yuan"], base["includes_procurement"], base["catalog_level3"]) == (
        D("226000"),
        False,
        "基础数据资料采集",
    )
    assert lines.filter(pl.col("includes_procurement"))["amount_yuan"].sum() == D("637600")


def test_department_funds_1_13(document):
    funds = document.tables["s13_funds"]
    appropriations = row(funds, item="财政拨款")
    assert (
        appropriations["amount_2021_wan"],
        appropriations["amount_2022_wan"],
        appropriations["amount_2023_wan"],
    ) == (D("15317.66"), D("24789.30"), D("21225.47"))
    special = row(funds, item="特定目标类项目支出")
    assert (special["share_2023_pct"], special["amount_2021_wan"]) == (D("93.27"), D("13729"))
    assert row(funds, section="expenditure", is_total=True)["placement_inferred"] is True


def test_project_list_1_13(document):
    projects = document.tables["s13_projects"]
    assert projects.height == 16
    assert row(projects, seq=5)["project_name"] == "中小企业服务体系"
    assert row(projects, seq=8)["category"] == "其他运转类"
    assert projects["budget_2023_wan"].sum() == D("19875.88")


def test_goals_1_13(document):
    goals = document.tables["goals"].filter(pl.col("scope") == "department")
    annual_headings = goals.filter(pl.col("goal_kind") == "annual", pl.col("source") == "goal_heading")
    assert annual_headings["goal_number"].to_list() == list(range(1, 25))
    assert goals.filter(pl.col("goal_kind") == "long_term", pl.col("source") == "goal_list").height == 2
    assert (
        row(goals, goal_kind="annual", goal_number=19, source="goal_heading")["text"]
        == "目标为工信部对“基地”年度考核星级评定三星以上。"
    )


def test_projects_1_14(document):
    projects = document.tables["s14_projects"]
    assert projects.height == 16
    expected = {
        "420111220670310000109": ("科学技术研究与开发资金", "18000", "13381", "23000"),
        "420111220670220000102": ("党建工作经费", "2", "2", "2.07"),
        "420111220670310000106": ("国家示范基地管理费", "22.6", "47", "37.6"),
        "420111220670030000121": ("新两园奖补资金", "180", "146", "447"),
        "420111220670310000108": ("评审、审计、调研、绩效评价费用", "39.56", "138", "132.38"),
    }
    for code, (name, budget, y2021, y2022) in expected.items():
        project = row(projects, project_code=code)
        assert project["project_name"] == name
        assert (project["budget_2023_wan"], project["budget_2021_wan"], project["budget_2022_wan"]) == (
            D(budget),
            D(y2021),
            D(y2022),
        )
    assert row(projects, project_code="420111220670030000121")["budget_2021_wording"] == "下达"
    assert row(projects, project_code="420111220670310000109")["budget_2021_wording"] == "预算"
    new = row(projects, project_name="科技类非学科校外培训机构规范管理")
    assert (new["prior_years_status"], new["budget_2021_wan"]) == ("new_project", None)
    assert row(projects, project_name="省级制造业高质量发展专项资金")["prior_years_status"] == "not_stated"
    research = row(projects, project_code="420111220670310000109")
    assert len(research["executing_units"]) == 8 and research["executing_units"][0] == "经济运行科"
    assert row(projects, project_code="420111220670030000118")["executing_units"] == ["投资与技术改造科", "经济运行科"]
    assert "<p>" not in research["reason"] and research["reason"].count("\n") == 2
    assert row(projects, project_code="420111220670220000102")["phone"] == "027-87374359"


def test_research_fund_detail_lines_1_14(document):
    details = document.tables["s14_expense_details"].filter(
        pl.col("project_code") == "420111220670310000109", ~pl.col("is_total")
    )
    assert dict(zip(details["item"], details["amount_wan"], strict=True)) == {
        "支持工业经济高质量发展": D("5800"),
        "支持高新技术产业发展": D("7230"),
        "支持信息技术企业发展": D("403"),
        "支持双创孵化载体建设与发展": D("959"),
        "支持科技成果就地转移转化": D("905"),
        "做好企业综合配套工作": D("129"),
        "科普基础设施建设及科普惠民活动": D("224"),
        "科技人才工作经费": D("350"),
        "洪山实验室支持经费": D("2000"),
    }
    changes = document.tables["s14_budget_changes"]
    assert changes.height == 10
    assert row(changes, item="支持民营经济高质量发展")["change_wan"] == D("-20")
    assert changes["change_wan"].sum() == D("-5000")


def test_funding_sources_1_14(document):
    funding = document.tables["s14_funding_sources"].filter(pl.col("project_code") == "420111220670310000106")
    assert row(funding, label="合计")["amount_wan"] == D("22.6")
    assert row(funding, label="3.事业收入")["amount_wan"] is None  # listed, left blank


def test_profile(document):
    counts = document.tables["profile_counts"]
    assert row(counts, category="establishment", label="行政编制")["count"] == 21
    assert row(counts, category="actual_staff", label="在职实有人数")["count"] == 34
    assert row(counts, category="retirees", label="退休")["count"] == 75
    assert row(counts, category="units", label="事业单位")["count"] == 3
    functions = document.tables["profile_functions"]
    assert functions["number"].to_list() == list(range(1, 15))
    assert row(functions, number=6)["source_lines"] == [61, 63]  # a function broken across lines


def test_narrative_facts(document):
    facts = document.tables["narrative_facts"]
    change = row(facts, section="一般公共预算支出安排情况", kind="change_pct")
    assert (change["value"], change["compared_year"], change["subject"]) == (D("-14.38"), 2022, "当年预算")
    assert row(facts, subject="人员经费", kind="amount")["value"] == D("1190.48")  # the narrative says .48
    assert row(facts, subject="服务类", kind="amount")["value"] == D("67.70")
    assert row(facts, subject="对企业补助", kind="amount")["value"] == D("19616")
    assert row(facts, subject="一般公务用车", kind="count")["value"] == D("1")
    reception = row(facts, subject="公务接待费预算", kind="amount")
    assert (reception["value"], reception["reason"]) == (D("0"), "根据中央八项规定，厉行节约")
    assert row(facts, subject="一般公共预算基本支出", kind="change_amount")["reason"] == "公务员工资改革"
    assert row(facts, subject="项目支出", kind="amount")["reason"] is None


def test_glossary(document):
    glossary = document.tables["glossary"]
    assert row(glossary, term="基本支出")["explanation"].startswith("指为保障机构正常运转")
    assert any("制造业支出（项）" in term for term in glossary["term"])


def test_code_hierarchies(document):
    functions = document.tables["function_codes"]
    assert row(functions, code="2060499")["parent_code"] == "20604"
    assert set(row(functions, code="2060199")["schedules"]) == {"1-3", "1-5", "1-11", "1-12"}
    economic = document.tables["economic_codes"]
    assert row(economic, code="30227")["schedules"] == ["1-6", "1-11", "1-12"]


def test_manifest_reports_the_missing_schedule(document, snapshot):
    by_number = {s["number"]: s for s in snapshot.manifest["schedules"]}
    assert by_number["1-8"]["status"] == "absent" and by_number["1-8"]["title"] == "项目支出表"
    assert sum(1 for s in snapshot.manifest["schedules"] if s["status"] == "present") == 13
    assert snapshot.manifest["department_code"] == "067"
    assert snapshot.manifest["budget_year"] == 2023
    assert any("附表1-8" in warning for warning in document.warnings)
