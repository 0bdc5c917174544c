"""Fidelity of the two shipped 部门决算: every value below was read by eye off the pages rendered with
`pdftoppm -r 100` (the page is named beside each), never copied from this reader's output.

上海市普陀区财政局 2024 (…caizhengju_2024_bumen_juesuan): 类|款|项 codes in three columns, commas drawn below
their line, the 三公 table's 决算数 all blank. 上海市普陀区规划和自然资源局 2024 (…guihuaziyuanju…): whole codes,
every table cell clipped apart, a narrative that names two items otherwise than its table.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import polars as pl
import pytest

from budgetlens.canonical.document import PdfDocumentRead, read_pdf_document
from budgetlens.canonical_queries import execution_by_code, three_public_execution
from budgetlens.checks import canonical as canonical_checks
from tests.conftest import ROOT

RAW = ROOT / "data" / "raw"
CAIZHENG = "shanghai_putuo_caizhengju_2024_bumen_juesuan"
GUIHUA = "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"
FUNCTION_TITLE = "一般公共预算财政拨款支出决算表"


@cache
def document(slug: str) -> PdfDocumentRead:
    return read_pdf_document([RAW / f"{slug}.pdf"], slug)


def function_rows(slug: str) -> pl.DataFrame:
    doc = document(slug)
    table_id = doc.tables["schedules"].filter(pl.col("title") == FUNCTION_TITLE)["table_id"].item()
    return doc.tables["expenditure_by_function"].filter(pl.col("table_id") == table_id)


def cell(slug: str, code: str | None, measure: str = "total") -> dict:
    rows = function_rows(slug).filter(pl.col("measure") == measure)
    rows = rows.filter(pl.col("level") == 0) if code is None else rows.filter(pl.col("code") == code)
    assert rows.height == 1, (slug, code, measure)
    return rows.row(0, named=True)


# --- the document: stage, kind, year, department --------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "department"), [(CAIZHENG, "上海市普陀区财政局"), (GUIHUA, "上海市普陀区规划和自然资源局")]
)
def test_a_juesuan_is_read_as_a_juesuan(slug: str, department: str) -> None:
    doc = document(slug)
    assert (doc.stage, doc.kind, doc.budget_year) == ("决算", "部门决算", 2024)  # cover: "…2024年度部门决算"
    assert doc.department_name == department


# --- every 类, three 项 and the total of the 一般公共预算财政拨款支出决算表 ------------------------------------

# page 15 of 财政局 (类|款|项 in three columns, 合计 last); pages 14-15 of 规划和自然资源局 (whole codes, 合计 on p15)
CLASSES = {
    CAIZHENG: {
        "201": ("一般公共服务支出", "2,106.66", 15),
        "208": ("社会保障和就业支出", "326.72", 15),
        "210": ("卫生健康支出", "60.99", 15),
        "221": ("住房保障支出", "445.69", 15),
    },
    GUIHUA: {
        "208": ("社会保障和就业支出", "754.75", 14),
        "210": ("卫生健康支出", "236.64", 14),
        "212": ("城乡社区支出", "3832.36", 14),
        "220": ("自然资源海洋气象等支出", "4461.67", 14),
        "221": ("住房保障支出", "461.08", 14),
    },
}
ITEMS = {  # code: (name, 合计, 基本支出, 项目支出, page); "" is a blank cell
    CAIZHENG: {
        "2010601": ("行政运行", "1,511.89", "1,503.52", "8.37", 15),
        "2080505": ("机关事业单位基本养老保险缴费支出", "160.75", "160.75", "", 15),
        "2210203": ("购房补贴", "258.50", "258.50", "", 15),
    },
    GUIHUA: {
        "2080505": ("机关事业单位基本养老保险缴费支出", "446.11", "446.11", "0.00", 14),
        "2120201": ("城乡社区规划与管理", "2739.56", "488.68", "2250.88", 14),
        "2200199": ("其他自然资源事务支出", "45.00", "0.00", "45.00", 14),
    },
}
TOTALS = {CAIZHENG: ("2,940.05", "2,336.91", "603.14", 15), GUIHUA: ("9746.50", "5364.75", "4381.74", 15)}


@pytest.mark.parametrize("slug", [CAIZHENG, GUIHUA])
def test_every_class_of_the_function_table(slug: str) -> None:
    classes = function_rows(slug).filter((pl.col("level") == 1) & (pl.col("measure") == "total"))
    assert sorted(classes["code"].to_list()) == sorted(CLASSES[slug])  # every 类, and no other
    for code, (name, printed, page) in CLASSES[slug].items():
        row = cell(slug, code)
        assert (row["name"], row["amount_printed"], row["page"]) == (name, printed, page)
        assert row["amount_wan"] == Decimal(printed.replace(",", ""))
        assert (row["basis"], row["unit_printed"], row["scope"]) == ("actual", "万元", "general_budget")


@pytest.mark.parametrize("slug", [CAIZHENG, GUIHUA])
def test_three_items_with_their_columns(slug: str) -> None:
    for code, (name, total, basic, project, page) in ITEMS[slug].items():
        for measure, printed in (("total", total), ("basic", basic), ("project", project)):
            row = cell(slug, code, measure)
            assert (row["name"], row["level"], row["amount_printed"], row["page"]) == (name, 3, printed, page)
            expected = Decimal(printed.replace(",", "")) if printed else None
            assert row["amount_wan"] == expected, f"{code} {measure}: a blank cell is null, not zero"


@pytest.mark.parametrize("slug", [CAIZHENG, GUIHUA])
def test_the_total_row(slug: str) -> None:
    total, basic, project, page = TOTALS[slug]
    for measure, printed in (("total", total), ("basic", basic), ("project", project)):
        row = cell(slug, None, measure)
        assert (row["name"], row["amount_printed"], row["page"]) == ("合计", printed, page)


def test_the_split_code_columns_and_the_merged_kuan_xiang_header_row() -> None:
    # 财政局 p10 支出决算表: the 类 | 款 | 项 labels share the grid row with its 合计 (2,940.05)
    doc = document(CAIZHENG)
    table_id = doc.tables["schedules"].filter(pl.col("title") == "支出决算表")["table_id"].item()
    rows = doc.tables["expenditure_by_function"].filter(
        (pl.col("table_id") == table_id) & (pl.col("measure") == "total")
    )
    assert rows.filter(pl.col("level") == 0)["amount_printed"].to_list() == ["2,940.05"]
    assert rows.filter(pl.col("code") == "2010601")["code_printed"].to_list() == [["201", "06", "01"]]
    assert sorted(rows.filter(pl.col("level") == 1)["code"].to_list()) == ["201", "208", "210", "221"]


# --- the economic table printed in two halves side by side -----------------------------------------------


@pytest.mark.parametrize(
    ("slug", "amounts"),
    [
        # 财政局 p16-17: 301 | 302 on one grid row; 人员经费合计 2,152.26 | 公用经费合计 184.65 on the last
        (CAIZHENG, {"301": "2,082.85", "30102": None, "302": "171.07", "30201": "21.21", "310": "13.58"}),
        # 规划和自然资源局 p16: whole codes; 30201 办公费 84.62 beside 30101 基本工资 537.64
        (GUIHUA, {"301": "4816.14", "30101": "537.64", "302": "440.90", "30201": "84.62", "310": "39.76"}),
    ],
)
def test_basic_economic_halves(slug: str, amounts: dict[str, str | None]) -> None:
    rows = document(slug).tables["basic_by_economic"].filter(pl.col("measure") == "total")
    for code, printed in amounts.items():
        if printed is None:
            continue
        found = rows.filter(pl.col("code") == code)["amount_printed"].to_list()
        assert found == [printed], code
    split = {r["name"]: r["amount_printed"] for r in rows.filter(pl.col("code").is_null()).to_dicts()}
    assert split == (
        {"人员经费合计": "2,152.26", "公用经费合计": "184.65"}
        if slug == CAIZHENG
        else {"人员经费合计": "4884.09", "公用经费合计": "480.66"}
    )


def test_caizhengju_basic_wage_item_sits_under_301() -> None:
    rows = document(CAIZHENG).tables["basic_by_economic"]
    row = rows.filter((pl.col("code") == "30102") & (pl.col("measure") == "total")).row(0, named=True)
    assert (row["name"], row["amount_printed"], row["parent_code"], row["page"]) == ("津贴补贴", "1,238.58", "301", 16)


# --- 三公: 预算数 and 决算数 of each item, or blank as printed --------------------------------------------------

THREE_PUBLIC = {
    # p18: only 合计 and 公务接待费 print a 预算数 (0.95); every 决算数 cell is blank
    CAIZHENG: {
        "three_public_total": ("0.95", ""),
        "overseas_travel": ("", ""),
        "vehicles": ("", ""),
        "vehicle_purchase": ("", ""),
        "vehicle_operation": ("", ""),
        "reception": ("0.95", ""),
    },
    # p17: 合计 2.85 | 0.39, 公务接待费 2.85 | 0.39, every other cell 0.00
    GUIHUA: {
        "three_public_total": ("2.85", "0.39"),
        "overseas_travel": ("0.00", "0.00"),
        "vehicles": ("0.00", "0.00"),
        "vehicle_purchase": ("0.00", "0.00"),
        "vehicle_operation": ("0.00", "0.00"),
        "reception": ("2.85", "0.39"),
    },
}


@pytest.mark.parametrize("slug", [CAIZHENG, GUIHUA])
def test_three_public_budget_and_actual(slug: str) -> None:
    three = document(slug).tables["three_public"]
    for item, (budget, actual) in THREE_PUBLIC[slug].items():
        for basis, printed in (("budget", budget), ("actual", actual)):
            rows = three.filter((pl.col("item") == item) & (pl.col("basis") == basis))
            assert rows["amount_printed"].to_list() == [printed], (item, basis)
            assert rows["amount_wan"].to_list() == [Decimal(printed) if printed else None], (item, basis)
    execution = three_public_execution(document(slug).tables).filter(pl.col("item") == "reception").row(0, named=True)
    assert execution["budget_printed"] == THREE_PUBLIC[slug]["reception"][0]
    assert execution["actual_printed"] == THREE_PUBLIC[slug]["reception"][1]
    # 财政局 p18: 决算数 blank; p23 "公务接待费支出决算为0.00万元": compared as stated (0 of 0.95), the cell left blank
    expected_rate = (Decimal("0.39") * 100 / Decimal("2.85")) if slug == GUIHUA else Decimal(0)
    assert abs(execution["rate"] - expected_rate) < Decimal("1e-9")
    assert execution["actual_compared_stated"] == (slug != GUIHUA)


# --- execution statements: budget, actual, rate and reason, bound to the item's code --------------------------

STATEMENTS = {
    # (code, 年初预算, 决算, rate as printed, comparison, reason starts with, page): read off pp. 21-24
    CAIZHENG: [
        (None, "2993.92", "2940.05", "98.20%", "小于", "因年度工作计划安排，个别信息化项目", 21),
        ("2010601", "1560.05", "1511.89", None, "小于", "人员进出及退休变化，减少人员经费开支", 22),
        ("2010602", "10.00", "10.00", None, "基本持平", None, 22),
        ("2010607", "135.90", "135.25", None, "小于", "因产业政策扶持资金管理系统项目进度，调减相关经费", 22),
        ("2080505", "161.62", "160.75", None, "小于", "预算按充分保障预估，实际执行基本贴合预期", 22),
        ("2210203", "258.50", "258.50", None, "基本持平", None, 22),
    ],
    GUIHUA: [
        (None, "10210.34", "9746.50", "95.45%", "小于", "城乡社区支出（类）未完成年初预期", 21),
        ("2080501", "54.53", "54.53", "100.00%", "持平", None, 21),
        ("2120201", "3110.14", "2739.56", "88.08%", "小于", "部分项目支出未完成", 23),
        ("2200150", "4477.33", "4416.67", "98.65%", "小于", "严格贯彻控制机关运行成本相关规定", 23),
        ("2101102", "196.40", "196.29", "99.94%", "小于", "年中社会保险缴费基数变更导致", 23),
    ],
}


@pytest.mark.parametrize("slug", [CAIZHENG, GUIHUA])
def test_execution_statements(slug: str) -> None:
    statements = document(slug).tables["execution_statements"].filter(pl.col("subject").str.starts_with("function"))
    for code, budget, actual, rate, comparison, reason, page in STATEMENTS[slug]:
        found = statements.filter(pl.col("code") == code) if code else statements.filter(pl.col("level") == 0)
        assert found.height == 1, code
        row = found.row(0, named=True)
        assert row["budget_initial_printed"] == budget and row["budget_initial_wan"] == Decimal(budget), code
        assert row["actual_printed"] == actual and row["actual_wan"] == Decimal(actual), code
        assert row["rate_printed"] == rate, code
        assert row["rate_stated"] == (Decimal(rate.rstrip("%")) if rate else None), code
        assert row["rate_against"] == ("budget_initial" if rate else "budget_initial" if budget else None)
        assert row["comparison_stated"] == comparison, code
        assert (row["reason_stated"] or "").startswith(reason or "") and (reason is None) == (
            row["reason_stated"] is None
        ), code
        assert row["page"] == page, code


def test_three_public_statement_keeps_its_stated_rate_and_reason() -> None:
    # 财政局 p23: "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%"
    # … 主要原因：当年度无“三公”经费支出
    rows = document(CAIZHENG).tables["execution_statements"]
    total = rows.filter(pl.col("subject") == "three_public_total").row(0, named=True)
    assert (total["budget_initial_printed"], total["actual_printed"], total["rate_printed"]) == ("0.95", "0.00", "0%")
    assert total["reason_stated"] == "当年度无“三公”经费支出"
    reception = rows.filter(pl.col("subject") == "reception").row(0, named=True)
    assert (reception["actual_printed"], reception["rate_printed"], reception["reason_stated"]) == ("0.00", "0%", None)


def test_execution_by_code_puts_budget_actual_and_rate_in_one_row() -> None:
    rows = execution_by_code(document(GUIHUA).tables)
    row = rows.filter(pl.col("code") == "2120201").row(0, named=True)
    assert (row["level"], row["name"], row["actual_wan"]) == (3, "城乡社区规划与管理", Decimal("2739.56"))
    assert (row["budget_initial_wan"], row["budget_wan"], row["budget_basis"]) == (
        Decimal("3110.14"),
        Decimal("3110.14"),
        "budget_initial",
    )
    assert row["rate"] == (Decimal("2739.56") * 100 / Decimal("3110.14")).quantize(Decimal("1e-10"))
    assert (row["rate_printed"], row["gap_wan"]) == ("88.08%", Decimal("-370.58"))
    assert (row["actual_page"], row["statement_page"]) == (14, 23)
    total = rows.filter(pl.col("level") == 0).row(0, named=True)
    assert (total["actual_wan"], total["budget_wan"], total["rate_printed"]) == (
        Decimal("9746.50"),
        Decimal("10210.34"),
        "95.45%",
    )
    # a class the narrative does not speak of has its actual and no budget: no rate, not zero
    klass = rows.filter(pl.col("code") == "212").row(0, named=True)
    assert (klass["actual_wan"], klass["budget_wan"], klass["rate"]) == (Decimal("3832.36"), None, None)


def test_a_budget_has_no_execution() -> None:
    budget = read_pdf_document([RAW / "shanghai_putuo_caizhengju_2025_bumen_yusuan.pdf"], "b")
    assert budget.stage == "预算"
    assert execution_by_code(budget.tables).is_empty()
    assert three_public_execution(budget.tables).is_empty()
    assert set(budget.tables["expenditure_by_function"]["basis"].unique().to_list()) == {"budget"}


# --- the checks: real contradictions of the documents, none of our reading ------------------------------------


def checks(slug: str) -> pl.DataFrame:
    return canonical_checks.run(document(slug).tables)[0]


def test_caizhengju_execution_checks_pass_or_say_what_is_not_printed() -> None:
    found = checks(CAIZHENG).filter(pl.col("rule_id").str.starts_with("execution"))
    # the one real contradiction (p24): 货物 4.79 + 工程 0 + 服务 246.47 = 251.26, printed 政府采购金额 251.25
    failing = found.filter(pl.col("status") == "fail")
    assert failing["rule_id"].to_list() == ["execution.procurement_parts"]
    assert (failing["expected"].item(), failing["actual"].item()) == (Decimal("251.26"), Decimal("251.25"))
    rate = found.filter(pl.col("instance").str.contains("支出合计 完成年初预算的98.20%")).row(0, named=True)
    assert (rate["status"], rate["actual"]) == ("pass", Decimal("98.20"))  # 2940.05 / 2993.92 = 98.2007 %
    # the 三公 table leaves its 决算数 blank while the narrative says 0.00: not comparable, not a contradiction
    blank = found.filter(pl.col("instance").str.contains("公务接待费 支出决算数")).row(0, named=True)
    assert blank["status"] == "not_applicable" and "blank" in blank["note"]


def test_guihua_contradictions_are_found() -> None:
    found = checks(GUIHUA)
    failing = found.filter(pl.col("status") == "fail")
    items = failing.filter(pl.col("rule_id") == "execution.item")["instance"].to_list()
    # p22 names 机关事业单位退休人员活动费支出 and p24 其他国土资源事务支出, which the table (p14) does not print;
    # p24 puts 住房公积金 and 购房补贴 under a 住房保障支出（款）, the table under 22102 住房改革支出
    assert any("机关事业单位退休人员活动费支出" in i for i in items)
    assert any("其他国土资源事务支出" in i for i in items)
    assert sum("住房保障支出（款）" in i for i in items) == 2
    # p16: 301 工资福利支出 4816.14 + 303 对个人和家庭的补助 67.96 = 4884.10, printed 人员经费合计 4884.09
    split = failing.filter(pl.col("rule_id") == "execution.basic_split").row(0, named=True)
    assert (split["expected"], split["actual"]) == (Decimal("4884.10"), Decimal("4884.09"))
    # the 95.45% (p21) is 9746.50 / 10210.34 = 95.457…% cut, not rounded: accepted as the narrative's convention
    rate = found.filter(pl.col("instance").str.contains("完成年初预算的95.45%")).row(0, named=True)
    assert rate["status"] == "pass"
    # 三公 p17: 预算数 and 决算数 each add up (2.85 = 0 + 0 + 2.85; 0.39 = 0 + 0 + 0.39)
    parts = found.filter(pl.col("rule_id") == "canonical.three_public_parts")
    assert parts.height == 4 and set(parts["status"].to_list()) == {"pass"}


def test_procurement_assets_and_performance_of_the_narrative() -> None:
    # 财政局 p24: 政府采购金额 251.25 = 货物 4.79 + 工程 0 + 服务 246.47 (as printed); 面向中小企业预留 246.47;
    # 车辆 0 辆, 单价100万元（含）以上设备 2 台（套）; p23: 绩效目标 4 个项目, 平均得分 99.43 分
    doc = document(CAIZHENG)
    figures = {f["target"]: f["amount_printed"] for f in doc.tables["narrative_figures"].to_dicts()}
    assert [figures[t] for t in ("procurement_total", "procurement_goods", "procurement_works")] == [
        "251.25",
        "4.79",
        "0",
    ]
    assert (figures["procurement_services"], figures["procurement_sme_reserved"]) == ("246.47", "246.47")
    counts = {
        c["target"]: (c["count_printed"], c["unit_printed"], c["page"])
        for c in doc.tables["narrative_counts"].to_dicts()
    }
    assert counts["vehicles_held"] == ("0", "辆", 24)
    assert counts["equipment_over_threshold"] == ("2", "台（套）", 24)
    assert counts["performance_targets_projects"] == ("4", "个", 23)
    assert counts["performance_average_score"] == ("99.43", "分", 23)
    # 规划和自然资源局 p27-28: 2319.21 = 122.43 + 1387.72 + 809.07 (2319.22: a real 0.01), 小微企业预留 164.87
    figures = {f["target"]: f["amount_printed"] for f in document(GUIHUA).tables["narrative_figures"].to_dicts()}
    assert [
        figures[t] for t in ("procurement_total", "procurement_goods", "procurement_works", "procurement_services")
    ] == [
        "2319.21",
        "122.43",
        "1387.72",
        "809.07",
    ]
    assert figures["procurement_micro_reserved"] == "164.87"


def test_the_summary_with_its_balances() -> None:
    # 财政局 收入支出决算总表 pp. 6-7: 八、其他收入 6.20; 本年收入合计 2,946.25; 年初结转和结余 49.14; 总计 2,995.39;
    # 八、社会保障和就业支出 326.71 (the 一般公共预算 table, p15, prints 326.72); 本年支出合计 2,940.05;
    # 年末结转和结余 55.34
    summary = document(CAIZHENG).tables["summary_lines"]
    table_id = document(CAIZHENG).tables["schedules"].filter(pl.col("title") == "收入支出决算总表")["table_id"].item()
    printed = {
        (r["side"], r["label"]): (r["amount_printed"], r["row_kind"], r["page"], r["basis"])
        for r in summary.filter((pl.col("table_id") == table_id) & (pl.col("amount_printed") != "")).to_dicts()
    }
    assert printed[("income", "八、其他收入")] == ("6.20", "item", 6, "actual")
    assert printed[("income", "本年收入合计")] == ("2,946.25", "total", 6, "actual")
    assert printed[("income", "年初结转和结余")] == ("49.14", "carryover", 7, "actual")
    assert printed[("income", "总计")] == ("2,995.39", "total", 7, "actual")
    assert printed[("expenditure", "八、社会保障和就业支出")] == ("326.71", "item", 6, "actual")
    assert printed[("expenditure", "本年支出合计")] == ("2,940.05", "total", 6, "actual")
    assert printed[("expenditure", "年末结转和结余")] == ("55.34", "carryover", 7, "actual")
    # 使用非财政拨款结余（含专用结余） (p7) is a row of its own, printed blank: not joined to 本年收入合计
    assert ("income", "使用非财政拨款结余（含专用结余）") not in printed
    labels = summary.filter(pl.col("table_id") == table_id)["label"].to_list()
    assert "使用非财政拨款结余（含专用结余）" in labels


def test_a_statement_says_its_level_and_how_its_code_was_bound() -> None:
    # 财政局 p22: 一般公共服务支出（类）财政事务（款）行政运行（项）: three names, all the table's (2010601)
    statements = document(CAIZHENG).tables["execution_statements"]
    admin = statements.filter(pl.col("code") == "2010601").row(0, named=True)
    assert (admin["names"], admin["level"], admin["binding"]) == (
        ["一般公共服务支出", "财政事务", "行政运行"],
        3,
        "names",
    )
    # 规划和自然资源局 p24: 住房保障支出（类）住房保障支出（款）住房公积金（项）, where the table (p14) prints the 款
    # as 22102 住房改革支出: bound by the 项's name under the 类, and said so
    statements = document(GUIHUA).tables["execution_statements"]
    housing = statements.filter(pl.col("code") == "2210201").row(0, named=True)
    assert (housing["names"], housing["level"], housing["binding"], housing["page"]) == (
        ["住房保障支出", "住房保障支出", "住房公积金"],
        3,
        "item_within_class",
        24,
    )
    assert (housing["budget_initial_printed"], housing["actual_printed"]) == ("289.59", "289.59")


def test_a_count_keeps_its_value_and_its_sentence() -> None:
    # 财政局 p24, under the heading （三）国有资产占有使用情况说明: 截至2024年12月31日，上海市普陀区财政局共有车辆0辆，
    # 其中：…其他用车0辆。单价100万元（含）以上设备（不含车辆）2台（套）。 (a sentence runs from the last 。)
    counts = {c["target"]: c for c in document(CAIZHENG).tables["narrative_counts"].to_dicts()}
    vehicles, equipment = counts["vehicles_held"], counts["equipment_over_threshold"]
    assert (vehicles["count"], equipment["count"]) == (Decimal("0"), Decimal("2"))
    assert vehicles["statement"] == (
        "（三）国有资产占有使用情况说明截至2024年12月31日，上海市普陀区财政局共有车辆0辆，其中：部级领导干部用车0辆、"
        "主要领导干部用车0辆、机要通信用车0辆、应急保障用车0辆、执法执勤用车0辆、特种专业技术用车0辆、离退休干部用车0辆、"
        "其他用车0辆。"
    )
    assert equipment["statement"] == "单价100万元（含）以上设备（不含车辆）2台（套）。"


def test_a_count_in_a_last_sentence_without_its_full_stop_keeps_the_sentence() -> None:
    from budgetlens.canonical.execution import narrative_counts
    from budgetlens.pdf.page import TextLine

    # 财政局 p24's two lines, the narrative ending without the final 。
    lines = [
        (24, TextLine("截至2024年12月31日，上海市普陀区财政局共有车辆0辆。", 90.0, 500.0, 500.0, 512.0, ())),
        (24, TextLine("单价100万元（含）以上设备（不含车辆）2台（套）", 90.0, 515.0, 400.0, 527.0, ())),
    ]
    counts = {c["target"]: c for c in narrative_counts(lines)}
    assert counts["equipment_over_threshold"]["statement"] == "单价100万元（含）以上设备（不含车辆）2台（套）"
    assert counts["equipment_over_threshold"]["page"] == 24
    assert counts["vehicles_held"]["statement"] == "截至2024年12月31日，上海市普陀区财政局共有车辆0辆。"
