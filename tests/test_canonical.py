"""The canonical model: a document in two files, the seed mapped onto the model, templates as data."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import polars as pl
import pypdfium2 as pdfium
import pytest

from budgetlens.canonical.document import read_pdf_document
from budgetlens.canonical.readers import measure_of, recognize_title
from budgetlens.canonical.seed import canonical_from_seed
from budgetlens.pipeline import aliases_path, checked_tables, doc_id_for, ingest_any
from tests.conftest import ROOT, SNAPSHOTS, SOURCE, shared

RAW = ROOT / "data" / "raw"
JIANGSU_2018 = RAW / "jiangsu_jianchayuan_2018_bumen_yusuan.pdf"
AMOUNT_TABLES = [
    "expenditure_by_function",
    "basic_by_economic",
    "operating_expenses",
    "income_by_source",
    "summary_lines",
    "three_public",
]


def split(source: Path, first_table_page: int, folder: Path) -> tuple[Path, Path]:
    """The document as its 说明 PDF (pages before the tables) and its 表 PDF (the rest)."""
    whole = pdfium.PdfDocument(source)
    parts = []
    for name, pages in (("说明", range(first_table_page - 1)), ("表", range(first_table_page - 1, len(whole)))):
        part = pdfium.PdfDocument.new()
        part.import_pages(whole, list(pages))
        path = folder / f"jiangsu_jianchayuan_2018_{name}.pdf"
        part.save(path)
        parts.append(path)
    return parts[0], parts[1]


def amounts(tables: dict[str, pl.DataFrame]) -> dict[str, list[tuple]]:
    return {
        name: sorted(tables[name].select("measure_printed", "amount_printed", "page").rows(), key=str)
        for name in AMOUNT_TABLES
    }


def test_a_document_in_two_files_reads_as_one(tmp_path):
    # 公开01表 starts on page 13 of the published file (read off the rendered page).
    explanation, schedules = split(JIANGSU_2018, 13, tmp_path)
    whole = read_pdf_document([JIANGSU_2018], "whole")
    pair = read_pdf_document([explanation, schedules], doc_id_for([explanation, schedules]))
    assert doc_id_for([explanation, schedules]) == "jiangsu_jianchayuan_2018"
    assert amounts(pair.tables) == amounts(whole.tables)  # same amounts, on the same (continued) page numbers
    assert [s["first_page"] for s in pair.sources] == [1, 13]
    assert pair.budget_year == 2018 and pair.department_name == "江苏省人民检察院"


def test_either_file_alone_reads_what_it_holds(tmp_path):
    explanation, schedules = split(JIANGSU_2018, 13, tmp_path)
    text_only = read_pdf_document([explanation], "text")
    assert text_only.tables["schedules"].is_empty() and text_only.budget_year == 2018
    tables_only = read_pdf_document([schedules], "tables")
    assert tables_only.budget_year == 2018  # from "第二部分 2018 年度部门预算表" above the first table
    general = tables_only.tables["expenditure_by_function"].filter(
        (pl.col("scope") == "general_budget") & (pl.col("level") == 0)
    )
    assert general["amount_wan"].to_list() == [Decimal("21940.96")]  # 公开07表 合计, page 17
    assert general["page"].to_list() == [17 - 12]  # its own page 5


def test_the_cli_ingests_two_files_as_one_document(tmp_path, capsys):
    from budgetlens.__main__ import main

    explanation, schedules = split(JIANGSU_2018, 13, tmp_path)
    assert main(["ingest", str(explanation), str(schedules), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "jiangsu_jianchayuan_2018" / "manifest.json").is_file()
    assert "wrote" in capsys.readouterr().out


def test_the_seed_maps_onto_the_canonical_model_with_its_values():
    # 附表1-5's 合计 row, line 246 of the text export: 21,225.47 = 1,349.59 基本 + 19,875.88 项目.
    general = pl.read_parquet(SNAPSHOTS / "hongshan_kejingju_2023" / "expenditure_by_function.parquet")
    total = general.filter((pl.col("scope") == "general_budget") & (pl.col("level") == 0))
    by_measure = {r["measure"]: r for r in total.to_dicts()}
    assert by_measure["total"]["amount_wan"] == Decimal("21225.47")
    assert by_measure["basic"]["amount_wan"] == Decimal("1349.59")
    assert by_measure["project"]["amount_wan"] == Decimal("19875.88")
    assert by_measure["total"]["source_lines"] == [246] and by_measure["total"]["page"] is None
    three = pl.read_parquet(SNAPSHOTS / "hongshan_kejingju_2023" / "three_public.parquet")
    assert dict(three.select("item", "amount_wan").rows())["three_public_total"] == Decimal("4.40")


@pytest.mark.parametrize(
    ("title", "kind", "scope"),
    [
        ("2024年部门财务收支预算总表", "summary", "all"),
        ("公开04表：财政拨款收支预算总表", "fiscal_summary", "fiscal"),
        ("二、收入预算总表", "income", "all"),
        ("2023年部门支出预算总表", "expenditure", "all"),
        ("2024年部门一般公共预算支出功能分类预算表", "expenditure_by_function", "general_budget"),
        ("五、财政拨款支出预算表", "expenditure_by_function", "fiscal"),
        ("2024年部门政府性基金预算支出功能分类预算表", "expenditure_by_function", "government_fund"),
        ("2024年部门一般公共预算基本支出部门预算经济分类预算表", "basic_by_economic", "general_budget"),
        ("六、财政拨款基本支出预算表", "basic_by_economic", "fiscal"),
        ("部门“三公”经费和机关运行经费预算表", "three_public", "all"),
        ("十一、一般公共预算“三公”经费、会议费、培训费支出预算表", "three_public", "general_budget"),
        ("十、一般公共预算机关运行经费支出预算表", "operating_expenses", "general_budget"),
        ("公开12表：政府采购支出预算表", "procurement", "all"),
        ("财政项目支出绩效目标填报表", "performance", "all"),
        ("附表1-14 项目支出绩效目标表", "performance", "all"),
        ("2017年度部门收入支出决算总表", "summary", "all"),
        ("收入决算表", "income", "all"),
        ("三、支出决算表", "expenditure", "all"),
        ("财政拨款收入支出决算总表", "fiscal_summary", "fiscal"),
        ("一般公共预算财政拨款支出决算表", "expenditure_by_function", "general_budget"),
        ("一般公共预算财政拨款基本支出决算表", "basic_by_economic", "general_budget"),
        ("财政拨款“三公”经费支出决算表", "three_public", "fiscal"),
        ("政府性基金预算财政拨款收入支出决算表", "expenditure_by_function", "government_fund"),
        ("国有资本经营预算财政拨款收入支出决算表", "expenditure_by_function", "state_capital"),
        ("人员编制情况表", "unknown", "all"),
    ],
)
def test_a_table_is_recognized_by_its_title_never_its_number(title, kind, scope):
    assert recognize_title(title)[:2] == (kind, scope)


@pytest.mark.parametrize(
    ("heading", "measure"),
    [
        ("一般公共预算基本支出/合计", "total"),
        ("本年一般公共预算支出/基本支出/小计", "basic"),
        ("基本支出/人员经费", "personnel"),
        ("支出预算/项目支出", "project"),
        ("收入预算/事业单位经营收入", "operating_income"),
        ("财政拨款支出/政府性基金预算", "government_fund"),
        ("金额", "total"),
        ("单位预留机动经费", "reserve"),
    ],
)
def test_a_column_is_known_by_its_heading(heading, measure):
    assert measure_of(heading) == measure


def test_every_shipped_pdf_ingests_and_its_snapshot_is_what_the_code_produces(tmp_path):
    for source in sorted(RAW.glob("*.pdf")):
        result = ingest_any([source], tmp_path)
        committed = SNAPSHOTS / source.stem
        for parquet in sorted(committed.glob("*.parquet")):
            assert (result.path / parquet.name).read_bytes() == parquet.read_bytes(), (source.stem, parquet.name)


def test_a_cell_that_caught_a_word_with_its_number_reads_the_number_and_says_so():
    from budgetlens.canonical.readers import _amount_row
    from budgetlens.pdf.tables import PrintedCell

    warnings: list[str] = []
    row = _amount_row({}, PrintedCell("合计 1,234.50", 3, (0, 0, 1, 1)), "金额", "万元", 2018, warnings)
    assert (row["amount_wan"], row["amount_printed"]) == (Decimal("1234.50"), "合计 1,234.50")
    assert "'合计'" in warnings[0] and "page 3" in warnings[0]
    plain = _amount_row({}, PrintedCell("见说明", 3, (0, 0, 1, 1)), "金额", "万元", 2018, warnings)
    assert plain["amount_wan"] is None and "not an amount" in warnings[-1]


@pytest.mark.parametrize(
    ("printed", "amount", "understood"),
    [
        ("", None, True),
        ("-", None, True),
        ("—", None, True),
        ("0", Decimal("0"), True),
        ("0.00", Decimal("0.00"), True),
        ("1,234.50", Decimal("1234.50"), True),
        ("15897.44", Decimal("15897.44"), True),
        ("见附注", None, False),
    ],
)
def test_blank_dash_zero_and_amount_stay_apart(printed, amount, understood):
    from budgetlens.canonical.readers import parse_amount

    assert parse_amount(printed) == (amount, understood)


# --- the text export's schedules onto the canonical model, run from the code on the document read fresh (not the
# committed snapshot). Every value is the one printed on the named line of data/raw/hongshan_kejingju_2023.txt.

SEED_LINES = SOURCE.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope=shared)
def seed_canonical(document) -> dict[str, pl.DataFrame]:
    return canonical_from_seed(document.tables, document.schedules, document.budget_year)


def _printed_on_line(row: dict, *printed: str) -> None:
    """Each printed text is on the row's first source line."""
    line = SEED_LINES[row["source_lines"][0] - 1]
    for text in printed:
        assert text in line, (row["source_lines"], text, line)


def _seed_one(table: pl.DataFrame, **where) -> dict:
    found = table.filter(*(pl.col(k).is_null() if v is None else pl.col(k) == v for k, v in where.items()))
    assert found.height == 1, (where, found)
    return found.row(0, named=True)


def test_the_seed_schedules_are_listed_with_their_number_unit_and_line(seed_canonical):
    schedules = seed_canonical["schedules"]
    # 附表1-1 … 1-14, one table id each in the contents' order; 附表1-8 (项目支出表, listed on line 25) is not printed:
    # line 323 is 附表1-7, line 337 附表1-9
    assert schedules["number_printed"].to_list() == [f"附表1-{n}" for n in range(1, 15)]
    assert schedules["table_id"].to_list() == [f"t{n:02d}" for n in range(1, 15)]
    absent = _seed_one(schedules, number_printed="附表1-8")
    assert (absent["status"], absent["source_lines"], absent["title"]) == ("absent", None, "项目支出表")
    assert (
        "八、项目支出表" in SEED_LINES[25 - 1] and SEED_LINES[323 - 1] == "附表1-7" and SEED_LINES[337 - 1] == "附表1-9"
    )
    assert schedules.filter(pl.col("status") != "read")["number_printed"].to_list() == ["附表1-8"]
    summary = _seed_one(schedules, number_printed="附表1-1")
    assert (summary["table_id"], summary["title"], summary["source_lines"]) == ("t01", "收支总表", [97])
    assert (summary["kind"], summary["scope"], summary["reader"], summary["status"]) == (
        "summary",
        "all",
        "text_export",
        "read",
    )
    assert SEED_LINES[97 - 1] == "附表1-1" and SEED_LINES[99 - 1] == "收支总表"
    general = _seed_one(schedules, number_printed="附表1-5")
    assert (general["table_id"], general["kind"], general["scope"]) == (
        "t05",
        "expenditure_by_function",
        "general_budget",
    )
    # 单位：万元 (line 242) for the amount tables; 单位：元 for 附表1-11 (line 371) and 1-12
    assert general["unit_printed"] == "万元" and SEED_LINES[242 - 1] == "单位：万元"
    assert _seed_one(schedules, number_printed="附表1-11")["unit_printed"] == "元"
    assert _seed_one(schedules, number_printed="附表1-12")["unit_printed"] == "元"
    assert _seed_one(schedules, number_printed="附表1-13")["unit_printed"] == "万元"
    assert schedules["department_printed"].is_null().all() and schedules["pages"].is_null().all()


def test_the_seed_function_tables_carry_each_column_as_a_measure(seed_canonical):
    rows = seed_canonical["expenditure_by_function"]
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
    _printed_on_line(total, "206", "科学技术支出", "19035.12", "839.24", "18195.88")
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
    _printed_on_line(general.row(0, named=True), "合计", "21,225.47", "1,349.59", "1,190.47", "159.11", "19,875.88")
    # line 249: 2060101 行政运行 467.91 under 20601 科学技术管理事务
    item = _seed_one(rows, table_id="t05", code="2060101", measure="personnel")
    assert (item["amount_wan"], item["parent_code"], item["level"], item["row"]) == (Decimal("365.44"), "20601", 3, 3)
    _printed_on_line(item, "2060101", "行政运行", "365.44")


def test_the_seed_economic_table_and_summaries(seed_canonical):
    economic = seed_canonical["basic_by_economic"]
    # 附表1-6, line 289: 30101 基本工资 166.07 166.07 0.00; line 298: 302 商品和服务支出 159.11 0.00 159.11
    wages = economic.filter(pl.col("code") == "30101")
    assert dict(wages.select("measure", "amount_wan").rows()) == {
        "total": Decimal("166.07"),
        "personnel": Decimal("166.07"),
        "public": Decimal("0.00"),
    }
    assert wages["table_id"].unique().to_list() == ["t06"] and wages["scope"].unique().to_list() == ["general_budget"]
    _printed_on_line(wages.row(0, named=True), "30101", "基本工资", "166.07")
    goods = _seed_one(economic, code="302", measure="public")
    assert goods["amount_wan"] == Decimal("159.11") and goods["parent_code"] is None and goods["level"] == 1
    summary = seed_canonical["summary_lines"]
    # 附表1-1, line 107: 一、一般公共预算拨款收入 21,225.47 | 一、一般公共服务支出 0.00
    income = _seed_one(summary, table_id="t01", label="一、一般公共预算拨款收入")
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
    _printed_on_line(income, "一、一般公共预算拨款收入", "21,225.47")
    science = _seed_one(summary, table_id="t01", label="四、科学技术支出")
    assert (science["side"], science["group"], science["amount_wan"]) == ("expenditure", "支出", Decimal("19035.12"))
    # rows in reading order, left then right of each line: line 107 gives rows 0 and 1, line 110 rows 6 and 7
    assert (income["row"], science["row"]) == (0, 7) and SEED_LINES[110 - 1].startswith("四、财政专户管理资金收入")
    # 附表1-4, line 233: 收 入 总 计 21225.47 | 支 出 总 计 21225.47 (a grand total is a total)
    grand = summary.filter((pl.col("table_id") == "t04") & (pl.col("level") == 0))
    assert grand["row_kind"].to_list() == ["total", "total"] and grand["scope"].unique().to_list() == ["fiscal"]
    assert grand["amount_wan"].to_list() == [Decimal("21225.47")] * 2
    _printed_on_line(grand.row(0, named=True), "收 入 总 计", "21225.47")


def test_the_seed_income_three_public_and_fund_statements(seed_canonical):
    income = seed_canonical["income_by_source"]
    # 附表1-2, lines 149-151: 合计, 067 (the department), 067001 (its own unit): 一般公共预算 21225.47, 上年结转 0.00
    general = income.filter(pl.col("measure") == "general_budget").sort("row")
    assert general["code"].to_list() == [None, "067", "067001"]
    assert general["level"].to_list() == [0, 1, 2]
    assert general["amount_wan"].to_list() == [Decimal("21225.47")] * 3
    assert general["source_lines"].to_list() == [[149], [150], [151]]
    assert (general["source"] == general["measure"]).all() and general["table_id"].unique().to_list() == ["t02"]
    assert general["measure_printed"].unique().to_list() == ["current_general_budget_wan"]
    _printed_on_line(general.row(1, named=True), "067", "武汉市洪山区科学技术和经济信息化局", "21225.47")
    assert set(income["measure"]) >= {"total", "general_budget", "government_fund", "carryover", "other_income"}
    assert _seed_one(income, code="067001", measure="carryover", source="carryover")["amount_wan"] == Decimal("0.00")
    # every amount column of 附表1-2: line 151 prints 18 amounts (21225.47 合计, 本年收入小计, 一般公共预算, then 15
    # zeros), the carry-over's parts by their source, the headless 20th column as `other`
    unit = income.filter(pl.col("code") == "067001")
    assert unit.height == 18 and unit["amount_wan"].to_list()[:4] == [Decimal("21225.47")] * 3 + [Decimal("0.00")]
    assert _seed_one(income, code="067001", measure="other")["measure_printed"] == "unlabeled_column_20_wan"
    assert unit.filter(pl.col("measure") == "carryover")["source"].to_list() == [
        "carryover",
        "general_budget",
        "government_fund",
        "state_capital",
        "special_account",
        "unit_funds",
    ]
    assert _seed_one(income, code="067001", measure="income_current")["amount_wan"] == Decimal("21225.47")
    three = seed_canonical["three_public"]
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
    total = _seed_one(three, item="three_public_total")
    assert (total["measure_printed"], total["table_id"], total["source_lines"]) == ("“三公”经费合计", "t07", [333])
    # 附表1-9 and 1-10 print no rows, only a statement that nothing is budgeted (lines 347, 361)
    notes = seed_canonical["table_notes"]
    assert notes["source_lines"].to_list() == [[347], [361]] and notes["states_none"].to_list() == [True, True]
    assert notes["table_id"].to_list() == [
        _seed_one(seed_canonical["schedules"], number_printed="附表1-9")["table_id"],
        _seed_one(seed_canonical["schedules"], number_printed="附表1-10")["table_id"],
    ]
    assert "无政府性基金预算安排的支出" in notes["text"][0]
    funds = seed_canonical["expenditure_by_function"].filter(
        pl.col("scope").is_in(["government_fund", "state_capital"])
    )
    assert funds.is_empty()


def test_the_seed_projects_indicators_purchases_and_glossary(seed_canonical):
    # 附表1-14, lines 840-846: 科学技术研究与开发资金, 项目主管部门 科经局, 项目总预算 18000, 项目当年预算 18000
    project = _seed_one(seed_canonical["projects"], project="科学技术研究与开发资金")
    assert (project["department"], project["table_id"]) == ("科经局", "t14")
    assert project["unit"].startswith("经济运行科、投资与技术改造科、高新技术与产业发展科")
    _printed_on_line(project, "科学技术研究与开发资金")
    assert _seed_one(seed_canonical["projects"], project="科技类非学科校外培训机构规范管理")["prior_years_status"] == (
        "new_project"
    )
    funds = seed_canonical["project_funds"].filter(
        pl.col("project") == "科学技术研究与开发资金", pl.col("item").is_in(["project_total", "annual_total"])
    )
    assert dict(funds.select("item", "amount_wan").rows()) == {
        "project_total": Decimal("18000"),
        "annual_total": Decimal("18000"),
    }
    assert dict(funds.select("item", "measure_printed").rows()) == {
        "project_total": "项目总预算",
        "annual_total": "项目当年预算",
    }
    assert funds["amount_printed"].to_list() == ["18,000.00", "18,000.00"]
    # line 846: 2021年预算为13381万元，2022年预算为23000万元 (预算, not 下达); its key and leader (lines 840, 842)
    prior = seed_canonical["project_funds"].filter(
        pl.col("project") == "科学技术研究与开发资金", pl.col("item") == "prior_year_total"
    )
    assert prior.select("year", "amount_wan", "basis").rows() == [
        (2021, Decimal("13381"), "budget"),
        (2022, Decimal("23000"), "budget"),
    ]
    assert (project["project_code"], project["leader"]) == ("420111220670310000109", "李立")
    assert "项目总预算\t18000\t项目当年预算\t18000" in "\n".join(SEED_LINES[839:846])
    indicators = seed_canonical["performance_indicators"]
    # line 898: 长期绩效目标1 成本指标 经济成本指标 工业企业流动资金贷款成本 降低500万元 (1-14, that project)
    cost = _seed_one(indicators, name="工业企业流动资金贷款成本")
    assert (cost["table_id"], cost["project"], cost["level1"], cost["level2"], cost["target"]) == (
        "t14",
        "科学技术研究与开发资金",
        "成本指标",
        "经济成本指标",
        "降低500万元",
    )
    # line 464: 1-13, the department's own: 产出指标 数量指标 新增规上工业企业 30家, no project
    new = _seed_one(indicators, name="新增规上工业企业")
    assert (new["table_id"], new["project"], new["target"], new["source_lines"]) == ("t13", None, "30家", [464])
    purchases = seed_canonical["procurement"].sort("row")
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
    _printed_on_line(paper, "在职人员公用", "[A05040101]复印纸", "[30201]办公费", "14000.00")
    glossary = seed_canonical["glossary"]
    # line 2331: (一) 一般公共预算财政拨款收入：指区级财政一般公共预算当年拨付的资金。
    first = glossary.row(0, named=True)
    assert (first["seq"], first["term"], first["explanation"], first["source_lines"]) == (
        1,
        "一般公共预算财政拨款收入",
        "指区级财政一般公共预算当年拨付的资金。",
        [2331],
    )
    # every amount of a text export is a budgeted one, but a year before that its form says was 下达 (allocated)
    for name in ("expenditure_by_function", "summary_lines", "three_public", "procurement"):
        assert seed_canonical[name]["basis"].unique().to_list() == ["budget"], name
    funds = seed_canonical["project_funds"]
    assert funds.filter(pl.col("basis") != "budget")["item"].unique().to_list() == ["prior_year_total"]
    allocated = funds.filter(pl.col("basis") == "allocated")  # line 2106: 2021年下达…146万元，2022年下达…447万元
    assert allocated.filter(pl.col("project") == "新两园奖补资金").select("year", "amount_wan").rows() == [
        (2021, Decimal("146")),
        (2022, Decimal("447")),
    ]
    assert "printed_cells" not in seed_canonical


def test_a_file_opening_with_its_contents_is_a_narrative_even_when_the_heading_is_glued_to_an_entry(monkeypatch):
    from budgetlens.pdf import identity

    # 检察院 2018's contents as pdfium's plain text can give it with the cover left out: the heading 目录 run
    # into the first entry, then table titles; a 说明 file, not a file of tables
    contents = "\n".join(
        [
            "目录一、收支预算总表",
            "二、收入预算总表",
            "三、支出预算总表",
            "四、财政拨款收支预算总表",
            "2018年江苏省人民检察院部门预算",
        ]
    )
    monkeypatch.setattr(identity, "_page_texts", lambda path, pages: [contents])
    found = identity.read_identity(JIANGSU_2018)
    assert (found.role, found.year) == ("说明", 2018)


def test_the_seed_purchased_services_print_their_amount_in_yuan_and_the_three_public_unit_count(seed_canonical):
    # 附表1-12 (单位：元), line 398: 合计 1770000; line 401: 科技类非学校外培训机构规范管理 30000
    services = seed_canonical["purchased_services"].sort("row")
    total = services.row(0, named=True)
    assert (total["level"], total["amount_wan"], total["amount_printed"], total["unit_printed"]) == (
        0,
        Decimal("177"),
        "1,770,000.00",
        "元",
    )
    assert total["source_lines"] == [398] and "合计\t\t\t\t\t1770000" in SEED_LINES[397]
    training = _seed_one(services, project="科技类非学校外培训机构规范管理")
    assert (training["amount_printed"], training["amount_wan"], training["source_lines"]) == (
        "30,000.00",
        Decimal("3"),
        [401],
    )
    _printed_on_line(training, "科技类非学校外培训机构规范管理", "30000")
    # line 2269: “三公”经费包括一级、二级单位 4 家。
    (units,) = seed_canonical["narrative_counts"].filter(pl.col("target") == "three_public_units").to_dicts()
    assert (units["count"], units["count_printed"], units["unit_printed"], units["source_lines"]) == (
        Decimal("4"),
        "4",
        "家",
        [2269],
    )
    assert units["statement"] == "“三公”经费包括一级、二级单位 4 家。" == SEED_LINES[2268]


def test_the_seed_purchases_name_their_listed_project_or_basic_expenditure(document):
    # the checks resolve each purchase line's project to 1-14 (data/aliases/hongshan_kejingju_2023.csv for names
    # written differently); the canonical rows carry 1-14's name, or that the line is basic expenditure
    tables, _ = checked_tables(document, aliases_path(ROOT / "data", document.doc_id))
    canonical = canonical_from_seed(tables, document.schedules, document.budget_year)
    services = canonical["purchased_services"]
    # line 410: 1-12's 国家示范基地管理费, the same name as 1-14's project on line 1802 (项目名称 国家示范基地管理费)
    base = _seed_one(services, project="国家示范基地管理费")
    assert (base["project_listed"], base["basic_expenditure"], base["source_lines"]) == (
        "国家示范基地管理费",
        False,
        [410],
    )
    assert SEED_LINES[1801].startswith("项目名称\t国家示范基地管理费\t")
    # line 401: 科技类非学校外培训机构规范管理, 1-14's 科技类非学科校外培训机构规范管理 (line 2025)
    training = _seed_one(services, project="科技类非学校外培训机构规范管理")
    assert (training["project_listed"], training["basic_expenditure"]) == ("科技类非学科校外培训机构规范管理", False)
    assert SEED_LINES[2024].startswith("项目名称\t科技类非学科校外培训机构规范管理\t")
    # the 合计 line (398) is no project's: both unknown
    total = services.filter(pl.col("level") == 0).row(0, named=True)
    assert (total["project_listed"], total["basic_expenditure"], total["source_lines"]) == (None, None, [398])
    # 1-11 line 377: 在职人员公用 is basic expenditure, no listed project
    staff = _seed_one(canonical["procurement"], project="在职人员公用")
    assert (staff["project_listed"], staff["basic_expenditure"], staff["source_lines"]) == (None, True, [377])


def test_a_fund_table_printing_rows_keeps_each_rows_line(document):
    # This export's 附表1-9 prints only a statement (line 347); another department's 1-9 prints rows. Its rows as
    # the text reader gives them (the 1-9 frame's own columns), one 类 line on the export's line 348.
    row = {column: None for column in document.tables["s09_government_fund"].columns}
    row |= {
        "row_kind": "line",
        "function_code": "229",
        "function_name": "其他支出",
        "level": 1,
        "total_wan": Decimal("12.50"),
        "source_lines": [348],
    }
    fund = pl.DataFrame([row], schema=document.tables["s09_government_fund"].schema)
    tables = {**document.tables, "s09_government_fund": fund}
    canonical = canonical_from_seed(tables, document.schedules, document.budget_year)
    rows = canonical["expenditure_by_function"].filter(pl.col("scope") == "government_fund")
    (line,) = rows.to_dicts()
    assert (line["code"], line["name"], line["level"], line["amount_wan"], line["amount_printed"]) == (
        "229",
        "其他支出",
        1,
        Decimal("12.50"),
        "12.50",
    )
    assert line["source_lines"] == [348] and line["measure"] == "total"
    assert line["table_id"] == _seed_one(canonical["schedules"], number_printed="附表1-9")["table_id"]
    assert canonical["table_notes"]["source_lines"].to_list() == [[361]]  # 1-10 still states none


def test_a_form_target_is_read_as_a_quantity():
    """万里街道 2023's forms print targets as 比较符 + number + (unit): page 31 “≥13459.00(平方米)”, page 35
    “=300.00(场)” and “≥95.00(%)”, and “90%” without brackets; text targets (page 35 “卫生整洁、内部安全有序”)
    have no number."""
    from budgetlens.canonical.readers import parse_target

    def read(text: str) -> tuple:
        parsed = parse_target(text)
        return (parsed["target_comparator"], parsed["target_number"], parsed["target_unit"])

    assert read("≥13459.00(平方米)") == ("≥", Decimal("13459.00"), "平方米")
    assert read("=300.00(场)") == ("=", Decimal("300.00"), "场")
    assert read("≥95.00(%)") == ("≥", Decimal("95.00"), "%")
    assert read("90%") == (None, Decimal("90"), "%")
    assert read("卫生整洁、内部安全有序") == (None, None, None)
    assert read("居民参与率不低于100%") == (None, None, None)  # a sentence, not a quantity: kept as text
