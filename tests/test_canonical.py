"""The canonical model: a document in two files, the seed mapped onto the model, templates as data."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import polars as pl
import pypdfium2 as pdfium
import pytest

from budgetlens.canonical.document import read_pdf_document
from budgetlens.canonical.readers import measure_of, recognize_title
from budgetlens.pipeline import doc_id_for, ingest_any
from tests.conftest import ROOT, SNAPSHOTS

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
