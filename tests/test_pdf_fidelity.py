"""Fidelity: the values read from each shipped PDF equal the values read by eye off its rendered pages.

The expected values (tests/fidelity_values.py) were read off the pages rendered to PNG, never copied from
this reader's output; each entry names its page, and these tests assert the reader found it on that page.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

import polars as pl
import pytest

from budgetlens.canonical.document import PdfDocumentRead, read_pdf_document
from tests.conftest import ROOT
from tests.fidelity_values import EXPECTED

RAW = ROOT / "data" / "raw"
MEASURE_OF_LABEL = {
    "合计": "total",
    "金额": "total",
    "基本支出": "basic",
    "项目支出": "project",
    "人员经费": "personnel",
    "公用经费": "public",
}
FACTOR = {"元": Decimal("0.0001"), "万元": Decimal(1)}


@cache
def document(slug: str) -> PdfDocumentRead:
    return read_pdf_document([RAW / f"{slug}.pdf"], slug)


def _schedule(doc: PdfDocumentRead, title: str) -> dict:
    found = [s for s in doc.tables["schedules"].to_dicts() if s["title"] and s["title"].endswith(title)]
    assert found, f"no table titled …{title}"
    return found[0]


def _printed(text: str) -> str:
    return text.replace(",", "")


def _assert_row(rows: pl.DataFrame, amounts: dict[str, str], page: int, unit: str, where: str) -> None:
    for label, expected in amounts.items():
        row = rows.filter(pl.col("measure") == MEASURE_OF_LABEL[label]).to_dicts()
        assert len(row) == 1, f"{where} {label}: {len(row)} rows"
        assert _printed(row[0]["amount_printed"]) == expected, f"{where} {label}"
        assert row[0]["page"] == page, f"{where} {label} printed on page {page}"
        assert row[0]["unit_printed"] == unit
        if expected:
            assert row[0]["amount_wan"] == Decimal(expected) * FACTOR[unit], f"{where} {label} in 万元"
        else:
            assert row[0]["amount_wan"] is None, f"{where} {label}: a blank cell is not zero"


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_function_table_classes_items_and_total(slug: str) -> None:
    expected = EXPECTED[slug]["function_table"]
    doc = document(slug)
    schedule = _schedule(doc, expected["title"])
    assert schedule["kind"] == "expenditure_by_function" and schedule["unit_printed"] == expected["unit"]
    assert schedule["pages"] == expected["pages"]
    rows = doc.tables["expenditure_by_function"].filter(pl.col("table_id") == schedule["table_id"])
    total = expected["total"]
    _assert_row(
        rows.filter(pl.col("level") == 0),
        {k: v for k, v in total.items() if k != "page"},
        total["page"],
        expected["unit"],
        "合计",
    )
    classes = rows.filter(pl.col("level") == 1)
    assert sorted(set(classes["code"])) == sorted(c["code"] for c in expected["classes"]), "every 类 and no other"
    for entry in expected["classes"] + expected["items"]:
        row = rows.filter(pl.col("code") == entry["code"])
        assert set(row["name"]) == {entry["name"]}
        if "printed_code" in entry:
            assert row["code_printed"][0].to_list() == entry["printed_code"]
        _assert_row(row, entry["amounts"], entry["page"], expected["unit"], entry["code"])


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_summary_totals(slug: str) -> None:
    expected = EXPECTED[slug]["summary"]
    doc = document(slug)
    schedule = _schedule(doc, expected["title"])
    assert schedule["kind"] == "summary"
    lines = doc.tables["summary_lines"].filter(pl.col("table_id") == schedule["table_id"])
    totals = {k: v for k, v in expected.items() if re.search(r"合计|总计|小计", k)}
    assert totals
    for label, printed in totals.items():
        row = lines.filter(pl.col("label") == label).to_dicts()
        assert len(row) == 1, label
        (amount,) = [v for k, v in printed.items() if k != "page"]
        assert _printed(row[0]["amount_printed"]) == amount, label
        assert row[0]["page"] == printed["page"], label
        assert row[0]["row_kind"] in ("total", "subtotal")


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_economic_classes(slug: str) -> None:
    expected = EXPECTED[slug]["economic"]
    doc = document(slug)
    schedule = _schedule(doc, expected["title"])
    assert schedule["kind"] == "basic_by_economic"
    rows = doc.tables["basic_by_economic"].filter(pl.col("table_id") == schedule["table_id"])
    total = expected["total"]
    _assert_row(
        rows.filter(pl.col("level") == 0),
        {k: v for k, v in total.items() if k != "page"},
        total["page"],
        expected["unit"],
        "合计",
    )
    for entry in expected["classes"]:
        assert entry["code"] in ("301", "302", "303", "307", "309", "310", "399")
        _assert_row(
            rows.filter(pl.col("code") == entry["code"]),
            entry["amounts"],
            entry["page"],
            expected["unit"],
            entry["code"],
        )


def _normalized(heading: str) -> str:
    return heading.replace("（", "(").replace("）", ")")


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_three_public_and_its_parts(slug: str) -> None:
    expected = EXPECTED[slug]["three_public"]
    doc = document(slug)
    schedule = _schedule(doc, expected["title"])
    assert schedule["kind"] == "three_public" and schedule["unit_printed"] == expected["unit"]
    rows = doc.tables["three_public"].filter(pl.col("table_id") == schedule["table_id"]).to_dicts()
    assert len(rows) == len(expected["amounts"]), "one row per printed amount"
    for label, printed in expected["amounts"].items():
        found = [r for r in rows if _normalized(r["measure_printed"]).endswith(_normalized(label))]
        if label == "合计" and len(found) > 1:
            found = [r for r in found if r["measure_printed"] == "合计" or r["item"] == "three_public_total"][:1]
        assert len(found) == 1, (label, [r["measure_printed"] for r in rows])
        assert _printed(found[0]["amount_printed"]) == printed, label
        assert found[0]["page"] == expected["page"]
    note = expected.get("note")
    notes = doc.tables["table_notes"].filter(pl.col("table_id") == schedule["table_id"])
    assert "".join(notes["text"]) == (note or ""), "the note printed under the table, as printed"


def test_a_code_part_printed_without_its_zero_is_joined_and_kept_as_printed() -> None:
    odd = EXPECTED["shanghai_putuo_wanlijiedao_2024_bumen_yusuan"]["economic"]["odd_printed_codes"]
    rows = document("shanghai_putuo_wanlijiedao_2024_bumen_yusuan").tables["basic_by_economic"]
    for entry in odd:
        row = rows.filter((pl.col("code") == entry["expected"]) & (pl.col("measure") == "total")).to_dicts()
        assert len(row) == 1 and row[0]["code_printed"] == entry["printed"] and row[0]["name"] == entry["name"]


def test_a_table_keeps_its_printed_number_and_each_amount_its_cell_box() -> None:
    # 江苏省人民检察院 2017 p12 (rendered at 100 dpi): "五、财政拨款支出预算表"; its 合计 17,981.68 sits in the 金额
    # column between the rules at x ≈ 578 and 702 px, in the row between y ≈ 327 and 355 px: 416, 235, 505, 256 pt
    doc = document("jiangsu_jianchayuan_2017_bumen_yusuan")
    table = _schedule(doc, "财政拨款支出预算表")
    assert (table["title"], table["number_printed"], table["pages"]) == ("五、财政拨款支出预算表", "五、", [12])
    rows = doc.tables["expenditure_by_function"].filter(
        (pl.col("table_id") == table["table_id"]) & (pl.col("level") == 0) & (pl.col("measure") == "total")
    )
    total = rows.row(0, named=True)
    assert (total["amount_printed"], total["page"]) == ("17,981.68", 12)
    px = Decimal("0.72")  # points per pixel at 100 dpi
    for value, pixels in zip(total["box"], (578, 327, 702, 355), strict=True):
        assert abs(Decimal(str(value)) - pixels * px) <= 2, total["box"]


def test_a_glossary_entry_over_a_page_break_leaves_the_page_number_out() -> None:
    # 江苏省人民检察院 2017, file page 24 ends "七、单位预留机动经费：指预算单位年初预留用于年度" above the printed
    # page number 23; file page 25 goes on "执行中增人、增资等不可预见支出的经费。"
    glossary = document("jiangsu_jianchayuan_2017_bumen_yusuan").tables["glossary"]
    entry = glossary.filter(pl.col("term") == "单位预留机动经费").row(0, named=True)
    assert (entry["seq"], entry["explanation"]) == (
        7,
        "指预算单位年初预留用于年度执行中增人、增资等不可预见支出的经费。",
    )


def test_the_three_public_table_of_one_row_is_read() -> None:
    # 江苏省人民检察院 2018 p19: "公开 09 表：一般公共预算“三公”经费、会议费、培训费支出预算表", one row of amounts
    doc = document("jiangsu_jianchayuan_2018_bumen_yusuan")
    table = _schedule(doc, "培训费支出预算表")
    assert (table["number_printed"], table["status"], table["pages"]) == ("公开09表", "read", [19])


@pytest.mark.parametrize(
    ("slug", "department", "region", "level"),
    [
        # the cover's "预算主管部门：上海市普陀区财政局": a district's department
        ("shanghai_putuo_caizhengju_2025_bumen_yusuan", "上海市普陀区财政局", "上海市普陀区", "区县级"),
        # the cover's "预算单位：上海市财政局": a city's
        ("shanghai_shi_caizhengju_2025_danwei_yusuan", "上海市财政局", "上海市", "市级"),
        # the tables' "部门： 江苏省人民检察院" (p13 …): a province's
        ("jiangsu_jianchayuan_2018_bumen_yusuan", "江苏省人民检察院", "江苏省", "省级"),
    ],
)
def test_the_department_as_printed_names_its_region_and_level(slug, department, region, level) -> None:
    doc = document(slug)
    assert (doc.department_name, doc.region, doc.level) == (department, region, level)


def test_a_performance_form_reads_its_fields_money_and_indicators() -> None:
    # 万里街道 2023 p31, 财政项目支出绩效目标填报表 (2023年度), 项目资金（元）: 项目名称 新建万里街道社区公共服务中心,
    # 项目性质 阶段性项目, 项目类别 特定目标类, 计划开始日期 2023-01-01, 计划完成日期 2023-12-31; 项目资金总额,
    # 年度资金申请总额, 其中：财政资金, 其中：当年财政拨款 4,100,000.00 each; 上年结转资金 0.00, 其他资金 0.00 (twice).
    # 项目总目标 | 年度总体目标 are headings side by side, each goal printed below its own.
    doc = document("shanghai_putuo_wanlijiedao_2023_bumen_yusuan")
    project = doc.tables["projects"].filter(pl.col("page") == 31).row(0, named=True)
    assert (project["project"], project["nature"], project["category"]) == (
        "新建万里街道社区公共服务中心",
        "阶段性项目",
        "特定目标类",
    )
    assert (project["start"], project["end"]) == ("2023-01-01", "2023-12-31")
    assert project["department"].startswith("上海市普陀区人民政府万里街道办")
    for goal in ("goal_long_term", "goal_annual"):
        assert project[goal].startswith("建成后作为万里街道社区事务受理、社区管理、社区文化艺术活动场所。"), goal
    funds = doc.tables["project_funds"].filter(pl.col("project") == "新建万里街道社区公共服务中心")
    printed = dict(funds.select("item", "amount_printed").rows())
    assert printed == {
        "project_total": "4,100,000.00",
        "annual_total": "4,100,000.00",
        "project_fiscal": "4,100,000.00",
        "annual_appropriation": "4,100,000.00",
        "annual_carryover": "0.00",
        "project_other": "0.00",
        "annual_other": "0.00",
    }
    assert (
        set(funds["unit_printed"]) == {"元"}
        and funds.filter(pl.col("item") == "project_total")["amount_wan"].item() == 410
    )
    indicators = doc.tables["performance_indicators"].filter(pl.col("project") == "新建万里街道社区公共服务中心")
    assert indicators.select("level1", "level2", "name", "target").rows()[:3] == [
        ("产出指标", "数量指标", "规划建筑面积", "≥13459.00(平方米)"),
        ("产出指标", "质量指标", "完工及时率", "及时率"),
        ("产出指标", "成本指标", "预算内经费", "合规"),
    ]


def test_a_stated_change_is_against_the_year_before() -> None:
    # 江苏省人民检察院 2018 p29: 会议费预算支出200.44万元，比上年预算数增加32.44万元; 机关运行经费 2,722.57万元，
    # 比上年相比减少3,309.98万元: "上年" of a 2018 budget is 2017
    figures = document("jiangsu_jianchayuan_2018_bumen_yusuan").tables["narrative_figures"]
    meetings = figures.filter(pl.col("target") == "meetings").row(0, named=True)
    assert (meetings["amount_printed"], meetings["page"]) == ("200.44", 29)
    assert (meetings["compared_year"], meetings["change_wan"]) == (2017, Decimal("32.44"))
    # the figure keeps its sentence as the page prints it (its spaces and underlines dropped)
    assert meetings["statement"] == (
        "省检察院2018年度一般公共预算拨款安排的会议费预算支出200.44万元，比上年预算数增加32.44万元。"
    )
    operating = figures.filter(pl.col("target") == "operating_expenses").row(0, named=True)
    assert (operating["compared_year"], operating["change_wan"]) == (2017, Decimal("-3309.98"))
