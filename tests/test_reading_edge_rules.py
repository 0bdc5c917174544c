"""Rules of the reader that the shipped documents do not exercise, pinned on planted input (issue 18's review of
the line cuts): each test fails when its rule is broken, whatever the corpus says.

- a staffing count's sentence ends at 。 or at ；, so two counts in one sentence split by ； keep their own clause;
- a contents entry wrapped onto the next line is rejoined until its text ends in 表, and nothing is added after;
- a grid continues the last table only on the page right after it (a gap of a page starts a new table);
- pdfium's refusals are told apart by their error code, in plain words naming the file;
- a 附表1-14 project block takes the 单位名称 printed above it, else the last one; without 项目总预算 its total is null;
- a 决算 table printing 预算数 beside 决算数 gives its 决算数 (`of_basis`), and a table's 合计 row is level 0 or a
  row with neither level nor code (`TOTAL_ROW`).
"""

from __future__ import annotations

from decimal import Decimal as D

import polars as pl
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest

from budgetlens.canonical.execution import staffing_counts
from budgetlens.canonical.reading import read_contents
from budgetlens.canonical_queries import TOTAL_ROW, of_basis
from budgetlens.errors import IngestError
from budgetlens.ingest import read_document
from budgetlens.pdf import guard
from budgetlens.pdf.page import TextLine, read_page
from budgetlens.pdf.tables import read_tables
from tests.conftest import ROOT, SOURCE

JIANGSU_2018 = ROOT / "data" / "raw" / "jiangsu_jianchayuan_2018_bumen_yusuan.pdf"
BUDGET_PAGE = ROOT / "tests" / "fixtures" / "pdf" / "one_budget_page.pdf"


def line(text: str, top: float, x0: float = 90.0) -> TextLine:
    return TextLine(text, x0, top, x0 + 12.0 * len(text), top + 12.0, chars=())


def test_a_staffing_count_s_sentence_ends_at_a_semicolon_as_well_as_a_full_stop():
    # Planted: one sentence wrapped over two lines, its clauses split by ；.
    lines = [
        (3, line("单位基本情况：预算单位共3家；人员编制", 100.0)),
        (3, line("96人，在职实有人员88人；离退休人员12人。", 120.0)),
    ]
    found = [(c["category"], c["label"], c["count"], c["statement"], c["box"][1]) for c in staffing_counts(lines)]
    # each box is its count's (96人 is on the second line), the rows in the order their words start
    assert found == [
        ("establishment", "人员编制", 96, "人员编制96人，在职实有人员88人；", 120.0),
        ("units", "预算单位", 3, "单位基本情况：预算单位共3家；", 100.0),
        ("actual_staff", "在职实有人员", 88, "人员编制96人，在职实有人员88人；", 120.0),
        ("retirees", "离退休人员", 12, "离退休人员12人。", 120.0),
    ]


def test_shanghai_s_unit_counts_are_read_from_its_institution_page():
    """万里街道 2023 p4 (部门机构设置, rendered at 100 dpi, looked at): "…包括万里街道本部以及下属 5 家预算单位的
    综合收支计划。" then "本部门中，行政单位 1 家，参公单位1家，事业单位 4 家，具体包括："; 财政局 2025 p5 prints
    事业单位0家. The overview said 本文件未列出单位构成 for both."""
    snapshot = ROOT / "data" / "snapshots" / "shanghai_putuo_wanlijiedao_2023_bumen_yusuan" / "staffing.parquet"
    counts = pl.read_parquet(snapshot).filter(pl.col("category") == "units")
    assert counts.select("label", "count", "unit_printed", "page").rows() == [
        ("下属预算单位", 5, "家", 4),
        ("行政单位", 1, "家", 4),
        ("参公单位", 1, "家", 4),
        ("事业单位", 4, "家", 4),
    ]
    lines = [
        (
            4,
            line(
                "上海市普陀区人民政府万里街道办事处部门预算是包括万里街道本部以及下属 5 家预算单位的综合收支计划。",
                80.0,
            ),
        ),
        (4, line("本部门中，行政单位 1 家，参公单位1家，事业单位 4 家，具体包括：", 100.0)),
        (5, line("本部门中，行政单位1家，事业单位0家，具体包括：", 100.0)),
        (6, line("下属参照公务员法管理事业单位1家。", 100.0)),  # not a 事业单位 count of its own
    ]
    assert [(c["label"], c["count"], c["page"]) for c in staffing_counts(lines)] == [
        ("下属预算单位", 5, 4),
        ("行政单位", 1, 4),
        ("参公单位", 1, 4),
        ("事业单位", 4, 4),
        ("行政单位", 1, 5),
        ("事业单位", 0, 5),
    ]


def test_a_contents_entry_wrapped_onto_the_next_line_is_rejoined_until_it_ends_in_biao():
    # Planted contents page: entry 1 wraps ("…功能分类" / "预算表"); entry 2 is whole, and the short line after it
    # ("单位：万元") is not part of its title, so the contents end there.
    lines = [
        (2, line("目 录", 60.0)),
        (2, line("1．一般公共预算支出功能分类", 90.0)),
        (2, line("预算表……………………5", 110.0)),
        (2, line("2．政府采购预算表……………………6", 130.0)),
        (2, line("单位：万元", 150.0)),
    ]
    listed, missing = read_contents(lines, [], set())
    assert listed == []  # no table printed: each entry is missing
    assert [(m["title"], m["page"], m["box"][1]) for m in missing] == [
        ("1．一般公共预算支出功能分类预算表", 2, 90.0),
        ("2．政府采购预算表", 2, 130.0),
    ]


def test_a_grid_a_page_apart_from_the_last_table_starts_a_new_table():
    # 公开01表 收支预算总表 runs from page 13 to page 14 (rendered pages: its rows go on at the top of page 14
    # with no title). Numbered as if a page lay between them, the grid on "page 15" is a table of its own.
    document = pdfium.PdfDocument(JIANGSU_2018)
    try:
        first, second = (read_page(document, n - 1) for n in (13, 14))
    finally:
        document.close()
    second.number = 15
    tables, _ = read_tables([first, second])
    summary = next(t for t in tables if t.title == "公开01表：收支预算总表")
    assert summary.pages == [13]
    apart = next(t for t in tables if 15 in t.pages)
    assert apart.title == "" and "page 15: a table with no title above it" in apart.warnings
    assert any([c.text for c in row][2:4] == ["十八、住房保障支出", "3,660.38"] for row in apart.rows)


PDFIUM_REFUSALS = [
    (
        pdfium_raw.FPDF_ERR_PASSWORD,
        "the PDF is encrypted (加密) and needs a password to open; save or publish it without an open password, "
        "then ingest it",
    ),
    (
        pdfium_raw.FPDF_ERR_SECURITY,
        "the PDF is encrypted (加密) with a security scheme pdfium does not support; it cannot be opened",
    ),
    (pdfium_raw.FPDF_ERR_FORMAT, "the PDF is damaged: pdfium cannot parse it (data format error)"),
    (pdfium_raw.FPDF_ERR_FILE, "cannot read the file (pdfium: file access error)"),
    (pdfium_raw.FPDF_ERR_UNKNOWN, "pdfium cannot open the PDF (refused)"),
    (None, "pdfium cannot open the PDF (refused)"),
]


@pytest.mark.parametrize(("code", "reason"), PDFIUM_REFUSALS, ids=lambda v: str(v)[:12])
def test_each_pdfium_refusal_is_said_by_its_error_code(monkeypatch, code, reason):
    def refuse(path, *args, **kwargs):
        raise pdfium.PdfiumError("refused", err_code=code)

    monkeypatch.setattr(guard.pdfium, "PdfDocument", refuse)
    with pytest.raises(IngestError) as caught:
        guard.open_checked(BUDGET_PAGE)
    message = str(caught.value)
    assert BUDGET_PAGE.name in message
    assert message.endswith(reason)


def test_of_basis_keeps_the_actuals_where_a_table_prints_them_and_the_whole_frame_otherwise():
    three = pl.DataFrame(
        {
            "item": ["reception", "reception", "vehicles", "vehicles"],
            "basis": ["budget_initial", "actual", "budget_initial", None],
            "amount_wan": [D("3.00"), D("2.50"), D("1.00"), None],
        }
    )
    assert of_basis(three).select("item", "amount_wan").rows() == [("reception", D("2.50"))]
    budgeted = three.filter(pl.col("basis") == "budget_initial")
    assert of_basis(budgeted).equals(budgeted)  # a 预算: nothing printed as actual, every row kept
    assert of_basis(three, "budget_initial")["amount_wan"].to_list() == [D("3.00"), D("1.00")]
    unbased = three.drop("basis")
    assert of_basis(unbased).equals(unbased)


def test_a_total_row_is_level_zero_or_has_neither_level_nor_code():
    coded = pl.DataFrame(
        {
            "code": [None, None, "201", None],
            "level": [0, None, None, 1],
            "name": ["合计", "总计", "一般公共服务支出", "（空）"],
        },
        schema={"code": pl.String, "level": pl.Int8, "name": pl.String},
    )
    assert coded.filter(TOTAL_ROW)["name"].to_list() == ["合计", "总计"]


# --- the text export's 附表1-14 (data/raw's 洪山区科经局 2023: lines 836 and 1119 print the 单位名称 above two
# project blocks, 科学技术和经济信息化局 and 科学技术与经济信息化局; line 845 prints 项目总预算 18000) ---------------


def _projects_of(text: str, tmp_path) -> pl.DataFrame:
    path = tmp_path / SOURCE.name
    path.write_text(text, encoding="utf-8")
    return read_document(path).tables["s14_projects"]


def _changed(number: int, old: str, new: str) -> str:
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    assert old in lines[number - 1], lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    return "\n".join(lines)


RESEARCH_FUND, PARTY_WORK = "420111220670310000109", "420111220670220000102"


def test_a_project_block_takes_the_unit_name_printed_above_it(tmp_path):
    printed = _projects_of(SOURCE.read_text(encoding="utf-8"), tmp_path)
    names = dict(printed.select("project_code", "unit_name_in_header").rows())
    assert names[RESEARCH_FUND] == "武汉市洪山区科学技术和经济信息化局"
    assert names[PARTY_WORK] == "武汉市洪山区科学技术与经济信息化局"


def test_a_project_block_without_its_unit_name_keeps_the_one_above_the_block_before(tmp_path):
    # Planted: line 1119's 单位名称 line blanked; the block below it keeps the name printed for the blocks before.
    projects = _projects_of(_changed(1119, "单位名称：武汉市洪山区科学技术与经济信息化局", ""), tmp_path)
    names = dict(projects.select("project_code", "unit_name_in_header").rows())
    assert names[PARTY_WORK] == "武汉市洪山区科学技术和经济信息化局"


def test_a_project_block_without_a_total_budget_cell_reads_it_as_not_printed(tmp_path):
    # Planted: line 845 without "项目总预算 18000": the block still reads, its total budget null (not 0), its
    # 当年预算 18000 as printed.
    projects = _projects_of(_changed(845, "项目总预算\t18000\t", ""), tmp_path)
    research = projects.filter(pl.col("project_code") == RESEARCH_FUND).row(0, named=True)
    assert research["total_budget_wan"] is None
    assert research["budget_2023_wan"] == D("18000")
    printed = _projects_of(SOURCE.read_text(encoding="utf-8"), tmp_path)
    assert printed.filter(pl.col("project_code") == RESEARCH_FUND)["total_budget_wan"].to_list() == [D("18000")]


def test_a_text_export_whose_1_3_does_not_print_a_column_reads_without_that_measure(tmp_path):
    # Planted: 附表1-3 (header line 163, rows to line 191) without its last column, 对附属单位补助支出. The
    # document is read (it used to stop on a KeyError), the measure is simply not printed (no rows, not zeros),
    # and its own arithmetic is checked exactly as before: the same 34 failing checks.
    from budgetlens.pipeline import ingest_to_snapshot

    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    assert lines[162].endswith("对附属单位补助支出"), lines[162]
    for number in range(163, 192):
        assert lines[number - 1].count("\t") == 7, number
        lines[number - 1] = lines[number - 1].rsplit("\t", 1)[0]
    path = tmp_path / SOURCE.name
    path.write_text("\n".join(lines), encoding="utf-8")
    result = ingest_to_snapshot(path, tmp_path / "snapshots")
    by_function = pl.read_parquet(result.path / "expenditure_by_function.parquet")
    in_1_3 = by_function.filter(pl.col("scope") == "all")
    assert "subsidy_to_affiliates" not in in_1_3["measure"].to_list()
    total = in_1_3.filter((pl.col("code_printed").list.first() == "206") & (pl.col("measure") == "total"))
    assert total["amount_wan"].to_list() == [D("19035.12")]  # line 165: 206 科学技术支出 19035.12
    unchanged = tmp_path / "unchanged"
    unchanged.mkdir()
    (unchanged / SOURCE.name).write_text(SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    as_printed = ingest_to_snapshot(unchanged / SOURCE.name, tmp_path / "as_printed").checks

    def failing(checks: pl.DataFrame) -> list[tuple]:
        return checks.filter(pl.col("status") == "fail").select("rule_id", "instance").rows()

    assert failing(result.checks) == failing(as_printed)


@pytest.mark.parametrize(
    ("number", "first", "end", "kept"),
    [("1-11", 365, 389, "purchased_services.parquet"), ("1-12", 389, 420, "procurement.parquet")],
)
def test_a_text_export_without_its_procurement_or_purchased_services_schedule_reads(tmp_path, number, first, end, kept):
    # Planted: 附表1-11 (lines 365-388) or 附表1-12 (lines 389-419) cut out. The names check used to stop on a
    # KeyError (a traceback); now the document reads, says where the contents list the schedule it lacks, and keeps
    # the other listing as printed.
    from budgetlens.pipeline import ingest_to_snapshot

    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    assert lines[first - 1] == f"附表{number}", lines[first - 1]
    assert lines[end - 1].startswith("附表1-1"), lines[end - 1]
    path = tmp_path / SOURCE.name
    path.write_text("\n".join(lines[: first - 1] + lines[end - 1 :]), encoding="utf-8")
    result = ingest_to_snapshot(path, tmp_path / "snapshots")
    missing = [warning for warning in result.warnings if "does not appear in the document" in warning]
    assert any(f"附表{number}" in warning for warning in missing), result.warnings
    assert not pl.read_parquet(result.path / kept).is_empty()
