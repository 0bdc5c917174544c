"""Projects, indicators and purchases over the canonical model (budgetlens.project_queries), on the text export's
real values (the lines of data/raw/hongshan_kejingju_2023.txt named beside each)."""

from __future__ import annotations

from decimal import Decimal as D

import polars as pl
import pytest

from budgetlens import project_queries as pq
from budgetlens.project_queries import IndicatorFilter, ProjectFilter, filter_indicators, filter_projects

BASE = "420111220670310000106"


def test_project_table(snapshot):
    table = pq.project_list(snapshot.tables, 2023)
    assert table.height == 16 and table["budget_2023_wan"].sum() == D("19875.88")
    base = table.filter(pl.col("project_code") == BASE).row(0, named=True)
    assert (base["category"], base["budget_2023_wan"], base["budget_2021_wan"], base["budget_2022_wan"]) == (
        "特定目标类",
        D("22.60"),
        D("47.00"),
        D("37.60"),
    )
    assert (base["services_yuan"], base["procurement_yuan"], base["indicator_count"]) == (D("226000"), None, 8)
    research = table.filter(pl.col("project_code") == RESEARCH).row(0, named=True)
    assert (research["leader"], research["share_of_projects_pct"], research["change_wan"]) == (
        "李立",
        D("90.56"),  # of 附表1-5's 项目支出 19,875.88
        D("-5000"),
    )
    assert (research["source_lines"], research["prior_years_status"]) == (list(range(840, 847)), "stated")
    assert table.schema["share_of_projects_pct"] == table.schema["change_wan"] == pl.Decimal(18, 2)
    office = table.filter(pl.col("project_name") == "机关事业办公维护经费").row(0, named=True)
    assert (office["procurement_yuan"], office["services_yuan"]) == (D("475000"), D("641400"))


def test_filters_combine(snapshot):
    table = pq.project_list(snapshot.tables, 2023)
    unit = filter_projects(table, ProjectFilter(units=("发展规划与政策法规科",)))
    assert sorted(unit["project_name"]) == sorted(
        [
            "科学技术研究与开发资金",
            "评审、审计、调研、绩效评价费用",
            "项目管理专项法律服务",
            "科技类非学科校外培训机构规范管理",
        ]
    )
    both = filter_projects(
        table, ProjectFilter(units=("发展规划与政策法规科",), purchases="services", status="continuing")
    )
    assert sorted(both["project_name"]) == ["评审、审计、调研、绩效评价费用", "项目管理专项法律服务"]
    assert filter_projects(table, ProjectFilter(search="三星"))["project_name"].to_list() == ["国家示范基地管理费"]
    assert filter_projects(table, ProjectFilter(status="new"))["project_name"].to_list() == [
        "科技类非学科校外培训机构规范管理"
    ]
    assert filter_projects(table, ProjectFilter(budget_min=D("100")))["project_name"].to_list() == [
        "科学技术研究与开发资金",
        "省级制造业高质量发展专项资金",
        "新两园奖补资金",
    ]
    assert filter_projects(table, ProjectFilter(budget_max=D("3")))["project_name"].to_list() == [
        "科技类非学科校外培训机构规范管理",
        "党建工作经费",
        "科技经信服务平台维护费",
        "文明创建和宣传",
        "科技资料等相关费用",
    ]
    at_ten = filter_projects(table, ProjectFilter(budget_min=D("10"), budget_max=D("10")))
    assert at_ten["project_name"].to_list() == ["中小企业服务体系建设", "科技成果转化工作经费"]  # both bounds included
    # the search is for the text as typed: "(" is a bracket, not the start of a pattern
    assert filter_projects(table, ProjectFilter(search="("))["project_name"].to_list() == [
        "科学技术研究与开发资金",
        "国家示范基地管理费",
    ]
    either = filter_projects(table, ProjectFilter(purchases="either"))
    procurement = filter_projects(table, ProjectFilter(purchases="procurement"))
    none = filter_projects(table, ProjectFilter(purchases="none"))
    assert (either.height, procurement.height, none.height) == (11, 4, 5)  # 11 + 5 = all 16
    assert "国家示范基地管理费" in set(either["project_name"]) - set(procurement["project_name"])  # services only
    assert filter_projects(table, ProjectFilter(categories=("其他运转类",), purchases="none"))[
        "project_name"
    ].to_list() == ["文明创建和宣传"]


def test_project_detail(snapshot):
    detail = pq.project_detail(snapshot.tables, 2023, BASE)
    assert detail.project["project_name"] == "国家示范基地管理费"
    stars = detail.indicators.filter(
        pl.col("name").str.starts_with("示范基地年度考核星级评定"), pl.col("goal_kind") == "annual"
    ).row(0, named=True)
    assert [stars[f"value_{y}"] for y in (2021, 2022, 2023)] == ["三星及以上"] * 3
    assert detail.services["amount_wan"].to_list() == [D("22.6")] and detail.services_wan == D(
        "22.6"
    )  # 附表1-12 line 410: 226000 元
    office = pq.project_detail(snapshot.tables, 2023, "420111220670310000110")  # 机关事业办公维护经费
    assert (office.procurement_wan, office.services_wan) == (D("47.5"), D("64.14"))
    assert pq.project_detail(snapshot.tables, 2023, "nope") is None


RESEARCH = "420111220670310000109"


def test_project_detail_funding_details_and_goals(snapshot):
    """科学技术研究与开发资金 as 附表1-14 prints it (lines 849–894)."""
    detail = pq.project_detail(snapshot.tables, 2023, RESEARCH)
    assert detail.funds.filter(pl.col("part") == "资金来源").select("label", "amount_wan", "source_lines").rows() == [
        ("合计", D("18000"), [849]),
        ("1.一般公共预算财政拨款收入", D("18000"), [850]),
        ("其中：申请当年预算拨款", D("18000"), [851]),
    ]  # the eleven sources printed blank are left out, and counted
    assert detail.blank_funds == 11
    assert detail.funds.filter(pl.col("part") != "资金来源").select("label", "amount_wan").rows() == [
        ("项目总预算", D("18000")),  # line 845: 项目总预算 18000, 项目当年预算 18000
        ("项目当年预算", D("18000")),
    ]
    # line 846: 2021年预算为13381万元，2022年预算为23000万元 (the years the 项目 page shows beside 2023's)
    assert [detail.project[f"budget_{year}_wan"] for year in (2021, 2022, 2023)] == [D("13381"), D("23000"), D("18000")]
    assert [detail.project[f"budget_{year}_wording"] for year in (2021, 2022)] == ["预算", "预算"]
    assert detail.expenses.select("item", "amount_wan", "is_total").rows() == [
        ("合计", D("18000"), True),
        ("支持工业经济高质量发展", D("5800"), False),
        ("支持高新技术产业发展", D("7230"), False),
        ("支持信息技术企业发展", D("403"), False),
        ("支持双创孵化载体建设与发展", D("959"), False),
        ("支持科技成果就地转移转化", D("905"), False),
        ("做好企业综合配套工作", D("129"), False),
        ("科普基础设施建设及科普惠民活动", D("224"), False),
        ("科技人才工作经费", D("350"), False),
        ("洪山实验室支持经费", D("2000"), False),
    ]
    assert detail.expenses["source_lines"].to_list() == [[line] for line in range(864, 874)]
    # the stated changes (line 846) and what they leave unexplained, from 23,000 to 18,000
    steps = pq.stated_steps(detail, 2023)
    assert steps["change_wan"].sum() == D("-5000")
    assert steps.filter(pl.col("item") == "支持工业经济高质量发展")["change_wan"].item() == D("-400")
    goals = detail.goals
    assert goals.select("goal_kind", "goal_number").rows() == [
        *[("long_term", n) for n in range(1, 10)],
        *[("annual", n) for n in range(1, 10)],
    ]
    second = goals.filter(pl.col("goal_kind") == "annual", pl.col("goal_number") == 2).row(0, named=True)
    assert second["text"].startswith("净增高新技术企业超过96家，培育瞪羚及瞪羚培育企业超过100家")
    assert second["source_lines"] == [887]
    kinds = dict(detail.indicators.group_by("goal_kind").len().iter_rows())
    assert kinds == {"long_term": 53, "annual": 56}
    assert (detail.procurement.height, detail.services.height) == (0, 0)
    assert (detail.procurement_wan, detail.services_wan) == (D("0"), D("0"))


def test_department_goals_link_to_projects(snapshot):
    goals = pq.department_goals(snapshot.tables)
    assert goals["goal_number"].to_list() == list(range(1, 25))
    assert goals.schema == {
        "goal_number": pl.Int16,
        "text": pl.String,
        "project_name": pl.String,
        "project_goal": pl.Int16,
        "source_lines": pl.List(pl.Int32),
        "page": pl.Int16,
    }
    assert goals.filter(pl.col("goal_number") == 19)["project_name"].item() == "国家示范基地管理费"
    indicators = pq.indicator_table(snapshot.tables, 2023)
    linked = indicators.filter(
        pl.col("scope") == "department", pl.col("goal_number") == 10, pl.col("goal_kind") == "annual"
    )
    assert set(linked["goal_project"]) == {"党建工作经费"}
    # only the department's annual goals are matched to projects; a project's indicator belongs to its own
    assert indicators.filter(pl.col("scope") == "project")["goal_project"].null_count() == 257
    assert indicators.filter(pl.col("goal_kind") == "long_term")["goal_project"].null_count() == 140


def test_budget_size_brackets(snapshot):
    table = pq.project_list(snapshot.tables, 2023)
    small = filter_projects(table, ProjectFilter(sizes=("lt10",)))
    assert small.height == 7 and small["budget_2023_wan"].max() == D("9.00")  # the two 10.00 are not below 10
    big_or_small = filter_projects(table, ProjectFilter(sizes=("lt10", "ge1000")))
    assert big_or_small.height == 9


def test_indicator_filters_combine(snapshot):
    indicators = pq.indicator_table(snapshot.tables, 2023)
    assert indicators.height == 400
    department_long_term = filter_indicators(indicators, IndicatorFilter(scopes=("department",), kinds=("long_term",)))
    assert department_long_term.height == 13
    assert set(department_long_term["scope"]) == {"department"}
    assert set(department_long_term["goal_kind"]) == {"long_term"}
    satisfaction = filter_indicators(indicators, IndicatorFilter(search="满意度"))
    assert satisfaction.height == 40 and all("满意度" in name for name in satisfaction["name"])
    base = filter_indicators(indicators, IndicatorFilter(projects=("国家示范基地管理费",)))
    numeric = filter_indicators(indicators, IndicatorFilter(projects=("国家示范基地管理费",), numeric_only=True))
    assert (base.height, numeric.height) == (8, 4)
    assert sorted(numeric["name"]) == [
        "产业规模发展壮大,库内企业总量",
        "开展企业培训",
        "服务对象满意度",
        "服务对象满意度",
    ]
    assert filter_indicators(indicators, IndicatorFilter()).equals(indicators)
    assert filter_indicators(indicators, IndicatorFilter(level1=("满意度指标",))).height == 55
    assert filter_indicators(indicators, IndicatorFilter(level2=("可持续性影响指标",)))["name"].to_list() == [
        "高技术产业持续发展壮大"
    ]
    # the search reads the target and each year's value too, as written (a "." is a dot, not any character)
    assert filter_indicators(indicators, IndicatorFilter(search="1000家")).select("name", "target").rows() == [
        ("高新技术企业总数", "1000家")
    ]
    assert set(filter_indicators(indicators, IndicatorFilter(search="400场"))["value_2021"]) == {"400场"}
    assert filter_indicators(indicators, IndicatorFilter(search=".")).height == 8
    assert filter_indicators(indicators, IndicatorFilter(search="总数1000")).is_empty()  # not across two fields


def test_cached_views_key_filters_by_value():
    """Two equal filters made in two runs find one cached view; another filter gets its own."""
    from components import data
    from components import projects_view as view
    from tests.conftest import DOC_ID

    table = data.cached(DOC_ID, pq.project_list, data.snapshot(DOC_ID).tables, 2023)
    assert data.cached(DOC_ID, pq.project_list, data.snapshot(DOC_ID).tables, 2023) is table
    printed = pq.printed_columns(table)
    chosen = {"units": ("发展规划与政策法规科",), "search": "审计"}
    first = data.cached(DOC_ID, view.project_listing, table, ProjectFilter(**chosen), printed)
    again = data.cached(DOC_ID, view.project_listing, table, ProjectFilter(**chosen), printed)
    other = data.cached(DOC_ID, view.project_listing, table, ProjectFilter(search="审计"), printed)
    assert first is again and other is not first
    assert first[0].height == 1 and first[2]["budget_2023_wan"] == D("39.56")
    assert other[0].height == 2
    with pytest.raises(ValueError, match="module-level"):
        data.cached(DOC_ID, lambda frame: frame, table)  # two pages' lambdas would share one key
