"""The 科目名称 column of a scanned coded table: read, or its loss said.

A scan of 江苏省人民检察院 2018 p13-19 read the names of 公开06/07/08表 as nothing: their header is one band and the
合计 row below spans 编码 and 名称, so the rule between the two header cells is a piece shorter than the long runs
OCR takes for rules. The grid merged the header, both columns took the heading 功能科目代码功能科目名称, and the
coded reader took both for code columns. The values asserted were read off page 17 of the shipped PDF rendered
with pdftoppm (-r 130) and looked at: 公开06表's last 15 rows and 公开07表's heading, 合计 and first 10 rows.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from budgetlens.canonical.document import read_pdf_document
from budgetlens.canonical.readers import read_table
from budgetlens.pdf import ocr
from budgetlens.pdf.grid import find_grids
from budgetlens.pdf.page import Page
from budgetlens.pdf.tables import PrintedCell, PrintedTable
from tests.fixtures.make_scans import replace_pages_with_images

ROOT = Path(__file__).resolve().parent.parent
JIANGSU = ROOT / "data" / "raw" / "jiangsu_jianchayuan_2018_bumen_yusuan.pdf"
DIGITAL = ROOT / "data" / "snapshots" / "jiangsu_jianchayuan_2018_bumen_yusuan"
PAGE = 17
# 公开07表 on page 17, as printed: code, 功能科目名称, 金额 (万元). 合计 21,940.96 spans the first two columns.
FUNCTION_ROWS = {
    "204": ("公共安全支出", "16,444.36"),
    "20404": ("检察", "16,444.36"),
    "2040401": ("行政运行", "10,883.36"),
    "2040402": ("一般行政管理事务", "3,666.00"),
    "2040405": ("公诉、审判、侦查、执行等检察监督支出", "1895.00"),
    "208": ("社会保障和就业支出", "1,836.22"),
    "20805": ("行政事业单位离退休", "1,836.22"),
    "2080504": ("未归口管理的行政单位离退休", "371.92"),
    "2080505": ("机关事业单位基本养老保险缴费支出", "1,045.93"),
    "2080506": ("机关事业单位职业年金缴费支出", "418.37"),
}
# 公开06表's rows continued on page 17 (its header, the same kind, is on page 16).
ECONOMIC_ROWS = {
    "30207": ("邮电费", "60.00"),
    "30213": ("维修（护）费", "65.00"),
    "30215": ("会议费", "200.44"),
    "30217": ("公务接待费", "36.50"),
    "30218": ("专用材料费", "30.00"),
    "30228": ("工会经费", "128.00"),
    "30229": ("福利费", "16.00"),
    "30231": ("公务用车运行维护费", "267.80"),
    "30239": ("其他交通费用", "468.37"),
    "30299": ("其他商品和服务支出", "994.54"),
    "30211": ("差旅费", "45.00"),
    "303": ("对个人和家庭的补助", "1,052.83"),
    "30301": ("离休费", "428.51"),
    "30302": ("退休费", "623.28"),
    "30309": ("奖励金", "1.04"),
}
# The recogniser reads the thin 一 of 一般 as "-" or not at all (docs/OCR.md, step 6: a name stays as read; the row
# is still matched by its code, and canonical.code_names sets the difference aside as an OCR doubt).
THIN_FIRST_STROKE = {"2040402"}
COMPARED = ["table_id", "row", "code", "code_printed", "name", "level", "parent_code", "measure", "amount_wan"]


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ocrnames")
    copy = replace_pages_with_images(JIANGSU, folder / "jiangsu_p17.pdf", [PAGE], "skew200")
    return read_pdf_document([copy], "jiangsu_p17")


def _on_page(table: pl.DataFrame, table_id: str) -> dict[str, tuple[str | None, str]]:
    rows = table.filter((pl.col("table_id") == table_id) & (pl.col("page") == PAGE) & pl.col("code").is_not_null())
    return {row["code"]: (row["name"], row["amount_printed"]) for row in rows.iter_rows(named=True)}


def test_a_scanned_one_band_header_over_a_spanning_total_keeps_its_name_column(scanned):
    assert scanned.ocr_pages == [PAGE]
    function = _on_page(scanned.tables["expenditure_by_function"], "t07")
    economic = _on_page(scanned.tables["basic_by_economic"], "t06")
    for code in THIN_FIRST_STROKE:
        (name, amount), (printed_name, printed_amount) = function.pop(code), FUNCTION_ROWS[code]
        assert name.endswith(printed_name[1:]) and amount == printed_amount
    assert function == {code: row for code, row in FUNCTION_ROWS.items() if code not in THIN_FIRST_STROKE}
    assert economic == ECONOMIC_ROWS
    cells = scanned.tables["printed_cells"].filter((pl.col("table_id") == "t07") & (pl.col("row") == -1))
    assert cells["text"].to_list() == ["功能科目代码", "功能科目名称", "金额"]  # the header's rule between them read
    total = scanned.tables["expenditure_by_function"].filter((pl.col("table_id") == "t07") & (pl.col("level") == 0))
    assert total.select("name", "amount_printed").rows() == [("合计", "21,940.96")]
    assert not [w for w in scanned.tables["reading_warnings"]["detail"].to_list() if w and "with no name" in w]


def test_every_scanned_row_reads_as_the_digital_document(scanned):
    for name, table_id in (("expenditure_by_function", "t07"), ("basic_by_economic", "t06")):
        digital = pl.read_parquet(DIGITAL / f"{name}.parquet").filter(
            (pl.col("table_id") == table_id) & (pl.col("page") == PAGE)
        )
        read = scanned.tables[name].filter((pl.col("table_id") == table_id) & (pl.col("page") == PAGE))
        assert digital.height >= 11
        thin = pl.col("code").is_in(list(THIN_FIRST_STROKE))
        assert (
            read.select(COMPARED).rows()
            == digital.with_columns(name=pl.when(thin).then(read["name"]).otherwise(pl.col("name")))
            .select(COMPARED)
            .rows()
        )
        assert read.filter(thin)["name"].str.ends_with("般行政管理事务").all()


# --- the pieces, without the engine ---------------------------------------------------------------------


def _ruled_header_page() -> np.ndarray:
    """A white 800 × 400 px page with three rows ruled across and columns at x = 100, 500 and 700."""
    gray = np.full((400, 800), 255, dtype=np.uint8)
    for y in (100, 145, 190, 235):
        gray[y : y + 2, 100:701] = 0
    for x in (100, 500, 700):
        gray[100:237, x : x + 2] = 0
    return gray


def test_a_short_rule_closed_at_both_ends_is_a_rule_and_a_stroke_is_not():
    # 150 dpi (2.083 px a point): a header band 45 px (21.6 pt) tall over a 合计 row that spans the first two
    # columns, then a body row with all three. The rule at x = 300 is drawn in the header and the body row only.
    gray = _ruled_header_page()
    gray[100:147, 300:302] = 0  # the header's piece
    gray[190:237, 300:302] = 0  # the body row's piece
    gray[155:180, 200:202] = 0  # a glyph's stroke in the 合计 row, 12 pt, touching no rule
    gray[147:170, 600:602] = 0  # a stroke hanging from a rule, closed at one end only
    gray[195:232, 650:652] = 0  # a glyph's stroke that nearly fills its row: 2 pt short of either rule
    scale = 150 / 72
    rules = ocr.image_rules(gray, scale, scale)
    down = sorted((round(r.position), round(r.start), round(r.end)) for r in rules if not r.horizontal)
    assert (144, 48, 71) in down  # x 300-302 px, y 100-147 px, in points
    assert not [d for d in down if d[0] in (96, 288, 312)]  # no stroke is a rule
    page = Page(number=1, width=800 / scale, height=400 / scale, chars=[], rules=rules)
    (grid,) = find_grids(page)
    assert grid.cell(0, 0) is not grid.cell(0, 1)  # the header keeps its two cells
    assert grid.cell(1, 0) is grid.cell(1, 1)  # the 合计 row spans them
    assert grid.cell(2, 0) is not grid.cell(2, 1)


def _cell(text: str, page: int, x: float, y: float) -> PrintedCell:
    return PrintedCell(text, page, (x, y, x + 100.0, y + 22.0))


def _function_table(names: list[str], columns: list[str]) -> PrintedTable:
    printed = zip(["204", "20404"], names, ["16,444.36", "16,444.36"], strict=True)
    rows = [
        [_cell("合计", 17, 84.4, 508.8), PrintedCell("", 17, (84.4, 508.8, 369.9, 530.9), continued=True),
         _cell("16,444.36", 17, 369.9, 508.8)],
        *[[_cell(code, 17, 84.4, 530.9 + 22 * i), _cell(name, 17, 201.0, 530.9 + 22 * i),
           _cell(amount, 17, 369.9, 530.9 + 22 * i)] for i, (code, name, amount) in enumerate(printed)],
    ]  # fmt: skip
    return PrintedTable(
        index=7, title="公开07表：一般公共预算支出预算表", title_page=17, title_box=None, unit="万元",
        department=None, columns=columns, header_cells=[], rows=rows, pages=[17],
    )  # fmt: skip


def test_a_heading_over_both_code_and_name_is_told_apart_by_the_cells():
    merged = "功能科目代码功能科目名称"
    read = read_table(_function_table(["公共安全支出", "检察"], [merged, merged, "金额"]), "t07", 2018)
    rows = read.rows["expenditure_by_function"]
    assert [(r["code"], r["name"], r["amount_wan"]) for r in rows] == [
        (None, "合计", Decimal("16444.36")),
        ("204", "公共安全支出", Decimal("16444.36")),
        ("20404", "检察", Decimal("16444.36")),
    ]
    assert not [w for w in read.warnings if "with no name" in w]


def test_coded_rows_whose_names_were_not_read_are_a_warning_naming_the_page():
    read = read_table(_function_table(["", ""], ["功能科目代码", "功能科目名称", "金额"]), "t07", 2018)
    assert [r["name"] for r in read.rows["expenditure_by_function"]] == ["合计", None, None]
    assert [w for w in read.warnings if "with no name" in w] == [
        "page 17: 2 coded rows read with no name (204, 20404); their names were not read"
    ]


def test_a_short_rule_is_taken_out_with_the_others_and_never_unread_ink():
    gray = _ruled_header_page()
    gray[100:147, 300:302] = 0  # the header's piece, 22.6 pt: shorter than a long run
    scale = 150 / 72
    page = ocr.page_from_image(gray, 1, 800 / scale, 400 / scale)
    assert any(not r.horizontal and round(r.position) == 144 for r in page.rules)
    assert not [box for box in page.unread_ink if box[0] < 146 and box[2] > 143]


def test_a_column_of_amounts_read_as_labels_never_names_the_row():
    # 万里街道 2023 skew200 p15-18 (function table): OCR read one 合计 cell of p18 as "·2,177,200", so the 合计 column
    # was labels (its cell warned by checks/ocr.unread_amount_columns) and every row's name was its 合计 amount
    # (201 "2,976,800"). The amounts here are p15's first rows as printed.
    def cell(text: str, x: float, y: float) -> PrintedCell:
        return PrintedCell(text, 15, (x, y, x + 90.0, y + 24.5))

    table = PrintedTable(
        index=3, title="2023年支出预算总表", title_page=15, title_box=None, unit="元", department=None,
        columns=["功能分类科目编码", "功能分类科目名称", "支出预算/合计", "支出预算/基本支出"], header_cells=[],
        rows=[
            [cell("合计", 54.7, 160.7), PrintedCell("", 15, (54.7, 160.7, 433.2, 185.4), continued=True),
             cell("·2,177,200", 433.2, 160.7), cell("0", 553.4, 160.7)],
            [cell("201", 54.7, 185.4), cell("一般公共服务支出", 167.7, 185.4), cell("2,976,800", 433.2, 185.4),
             cell("0", 553.4, 185.4)],
            [cell("20105", 54.7, 209.8), cell("统计信息事务", 167.7, 209.8), cell("627,600", 433.2, 209.8),
             cell("0", 553.4, 209.8)],
        ],
    )  # fmt: skip
    rows = read_table(table, "t03", 2023).rows["expenditure_by_function"]
    assert [(r["code"], r["name"], r["level"], r["amount_printed"]) for r in rows] == [
        (None, "合计", 0, "0"),
        ("201", "一般公共服务支出", 1, "0"),
        ("20105", "统计信息事务", 2, "0"),
    ]


def test_the_unread_names_warning_is_said_in_chinese_with_its_page():
    from budgetlens.canonical.said import said_in_chinese

    message = "page 17: 2 coded rows read with no name (204, 20404); their names were not read"
    assert said_in_chinese(message, "公开07表", "t07", 15) == (
        "code",
        "第17页的表“公开07表”有 2 行只读出了科目编码（204, 20404），没有读出科目名称：请对照原件。",
    )
