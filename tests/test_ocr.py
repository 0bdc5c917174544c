"""Scanned pages read by OCR into the same page model (issue 21).

The scans are made here from the shipped PDFs (tests/fixtures/make_scans.py), a few pages each so the
suite stays fast: pages of a digital PDF replaced by their own pictures, so the same document read from
its text layer is the reference, amount by amount. The values asserted were read off the rendered pages
(page 15 and 21 of the 普陀区财政局 2025 budget, page 19 of the 江苏省人民检察院 2018 budget), not taken
from the reader. The whole-corpus comparison and the speed are measured by scripts/bench_ocr.py
(docs/OCR.md).
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import numpy as np
import polars as pl
import pypdfium2 as pdfium
import pytest
from PIL import Image

from budgetlens.canonical.document import ocr_code_doubts, read_pdf_document
from budgetlens.canonical.readers import read_table
from budgetlens.checks.ocr import ocr_doubts, unread_amount_columns
from budgetlens.errors import IngestError
from budgetlens.pdf import ocr
from budgetlens.pdf.page import Char, Page, Rule, join_chars, read_page, text_lines
from budgetlens.pdf.tables import PrintedCell, PrintedTable
from budgetlens.pipeline import ingest_pdf
from tests.fixtures.make_scans import replace_pages_with_images

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
PUTUO = RAW / "shanghai_putuo_caizhengju_2025_bumen_yusuan.pdf"
PUTUO_SCANNED_PAGES = (15, 21)  # the function table's first page, the 三公 table
JIANGSU = RAW / "jiangsu_jianchayuan_2018_bumen_yusuan.pdf"
JIANGSU_SCANNED_PAGE = 19  # the end of the economic table and the 三公 table
NOT_BUDGET = Path(__file__).resolve().parent / "fixtures" / "pdf" / "not_budget.pdf"
COMPARED = ("summary_lines", "expenditure_by_function", "basic_by_economic", "three_public")
IDENTITY = {
    "summary_lines": ("side", "row"),  # a label read differently is still the same printed row
    "expenditure_by_function": ("code",),
    "basic_by_economic": ("code",),
    "three_public": ("item",),
}


# The scans are module-wide, not per session: the tests that use them then go to one pytest-xdist worker
# (tests/conftest.py), which reads each scan once; per session, both workers read them.
@pytest.fixture(scope="module")
def putuo_scan(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ocr_putuo")
    copy = replace_pages_with_images(PUTUO, folder / "putuo_scanned.pdf", PUTUO_SCANNED_PAGES, "gray150")
    return ingest_pdf([copy], folder / "snapshots", doc_id="putuo_scanned")


@pytest.fixture(scope="module")
def putuo_text():
    return read_pdf_document([PUTUO], "putuo")


@pytest.fixture(scope="module")
def jiangsu_scan(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ocr_jiangsu")
    copy = replace_pages_with_images(JIANGSU, folder / "jiangsu_skewed.pdf", [JIANGSU_SCANNED_PAGE], "skew200")
    return read_pdf_document([copy], "jiangsu_skewed")


@pytest.fixture(scope="module")
def jiangsu_text():
    return read_pdf_document([JIANGSU], "jiangsu")


def amounts_on(tables: dict[str, pl.DataFrame], pages: set[int]) -> dict[tuple, dict]:
    keyed: dict[tuple, dict] = {}
    for name in COMPARED:
        table = tables[name].filter(pl.col("page").is_in(list(pages)))
        seen: Counter = Counter()
        for row in table.iter_rows(named=True):
            base = (name, row["table_id"], tuple(row[c] for c in IDENTITY[name]), row["measure"], row["year"])
            seen[base] += 1
            keyed[(*base, seen[base])] = row
    return keyed


def row(table: pl.DataFrame, **where) -> dict:
    found = table.filter(*(pl.col(k) == v for k, v in where.items()))
    assert found.height == 1, (where, found)
    return found.row(0, named=True)


# --- the scanned pages read as the printed page says ---------------------------------------------------


def test_scanned_pages_are_read_by_ocr_and_say_so(putuo_scan):
    document = putuo_scan.document
    assert document.ocr_pages == list(PUTUO_SCANNED_PAGES)
    manifest = json.loads((putuo_scan.path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["ocr_pages"] == list(PUTUO_SCANNED_PAGES)
    assert any("pages 15, 21" in w and "OCR" in w for w in document.warnings)


def test_function_table_amounts_as_printed_on_the_scanned_page(putuo_scan):
    functions = putuo_scan.document.tables["expenditure_by_function"]
    # Read off page 15 rendered at 150 dpi: 201 一般公共服务支出 22,186,440.80 | 16,093,326.00 | 6,093,114.80
    assert row(functions, page=15, code="201", measure="total")["amount_printed"] == "22,186,440.80"
    assert row(functions, page=15, code="201", measure="total")["amount_wan"] == Decimal("2218.644080")
    assert row(functions, page=15, code="201", measure="project")["amount_printed"] == "6,093,114.80"
    assert row(functions, page=15, code="2010601", measure="project")["amount_printed"] == "138,514.80"
    assert row(functions, page=15, code="2080599", measure="total")["amount_printed"] == "9,620.00"
    assert row(functions, page=15, code="210", measure="basic")["amount_printed"] == "782,164.00"
    # the 项 with no basic expenditure prints a blank cell, not 0
    assert row(functions, page=15, code="2010602", measure="basic")["amount_printed"] == ""


def test_three_public_amounts_as_printed_on_the_scanned_page(putuo_scan):
    three = putuo_scan.document.tables["three_public"]
    # Page 21: 合计 0.95, 公务接待费 0.95, 因公出国(境)费 blank, 机关运行经费 229.43 (万元)
    assert row(three, page=21, item="three_public_total", measure="total")["amount_wan"] == Decimal("0.95")
    assert row(three, page=21, item="reception", measure="total")["amount_wan"] == Decimal("0.95")
    assert row(three, page=21, item="overseas_travel", measure="total")["amount_printed"] == ""


def test_ocr_rows_carry_their_confidence_and_text_rows_none(putuo_scan):
    functions = putuo_scan.document.tables["expenditure_by_function"]
    scanned = functions.filter(pl.col("page") == 15, pl.col("amount_printed") != "")
    assert scanned.height > 20
    assert scanned["ocr_confidence"].null_count() == 0
    assert scanned["ocr_confidence"].min() > 0.5
    assert (
        functions.filter(pl.col("page") == 16)["ocr_confidence"].null_count()
        == functions.filter(pl.col("page") == 16).height
    )
    cells = putuo_scan.document.tables["printed_cells"]
    assert cells.filter(pl.col("page") == 9)["ocr_confidence"].null_count() == cells.filter(pl.col("page") == 9).height


def test_scanned_pages_read_as_the_text_layer_amount_by_amount(putuo_scan, putuo_text):
    expected = amounts_on(putuo_text.tables, set(PUTUO_SCANNED_PAGES))
    read = amounts_on(putuo_scan.document.tables, set(PUTUO_SCANNED_PAGES))
    assert len(expected) > 40
    assert set(read) == set(expected)
    differing = [
        k
        for k in expected
        if (read[k]["amount_printed"], read[k]["amount_wan"])
        != (expected[k]["amount_printed"], expected[k]["amount_wan"])
    ]
    assert len(differing) <= len(expected) // 100, differing
    for key in differing:  # every differing amount is a reading warning (its box) or a doubted check
        box = [round(v, 1) for v in read[key]["box"]]
        assert any(f"box {box}" in warning for warning in putuo_scan.document.warnings), key


def test_document_with_scanned_pages_checks_as_the_original(putuo_scan, putuo_text):
    """The same checks fail, except that one failing on cells read by OCR is a reading doubt (not a finding)."""
    from budgetlens.checks import canonical as canonical_checks

    original, _ = canonical_checks.run(putuo_text.tables)
    failing_original = set(original.filter(pl.col("status") == "fail").select("rule_id", "instance").iter_rows())
    checks = putuo_scan.checks
    failing = set(checks.filter(pl.col("status") == "fail").select("rule_id", "instance").iter_rows())
    doubted = set(checks.filter(pl.col("note").str.contains("OCR")).select("rule_id", "instance").iter_rows())
    assert failing | doubted == failing_original
    for rule_id, instance in doubted:
        assert any(f"check {rule_id} ({instance})" in w and "page 15" in w for w in putuo_scan.document.warnings)
    assert putuo_scan.document.budget_year == putuo_text.budget_year
    assert putuo_scan.document.department_name == putuo_text.department_name


def test_skewed_speckled_page_reads_as_printed(jiangsu_scan):
    three = jiangsu_scan.tables["three_public"]
    # Page 19 (公开09表), 万元: 小计 484.30, 因公出国(境)费 100.00, 公务用车运行维护费 267.80,
    # 公务接待费 116.50, 会议费 200.44, 培训费 700.00, 合计 1,384.74
    printed = {r["amount_printed"] for r in three.filter(pl.col("page") == JIANGSU_SCANNED_PAGE).iter_rows(named=True)}
    assert {"484.30", "100.00", "267.80", "116.50", "200.44", "700.00", "1,384.74"} <= printed
    economic = jiangsu_scan.tables["basic_by_economic"].filter(pl.col("page") == JIANGSU_SCANNED_PAGE)
    assert row(economic, code="30299")["amount_printed"] == "994.54"
    assert row(economic, code="30309")["amount_printed"] == "1.04"


def test_skewed_page_amounts_equal_the_text_layer(jiangsu_scan, jiangsu_text):
    expected = amounts_on(jiangsu_text.tables, {JIANGSU_SCANNED_PAGE})
    read = amounts_on(jiangsu_scan.tables, {JIANGSU_SCANNED_PAGE})
    assert len(expected) >= 15
    same = sum(1 for k, r in expected.items() if k in read and read[k]["amount_wan"] == r["amount_wan"])
    assert same == len(expected)


# --- the page model: rules from the image, characters from the engine ---------------------------------


def test_ruling_lines_from_the_image_lie_on_the_pdf_rules():
    with pdfium.PdfDocument(PUTUO) as document:
        digital = read_page(document, 14)
        gray, width, height = ocr.render_gray(document, 14)
    found = ocr.image_rules(gray, gray.shape[1] / width, gray.shape[0] / height)
    for horizontal in (True, False):
        drawn = sorted({round(r.position) for r in digital.rules if r.horizontal is horizontal})
        seen = [r.position for r in found if r.horizontal is horizontal]
        assert len(seen) >= len(drawn) > 3
        for position in drawn:  # every rule of the PDF is found within a point
            assert min(abs(position - p) for p in seen) <= 1.5, (horizontal, position)


def test_skew_is_measured_from_the_rules():
    with pdfium.PdfDocument(PUTUO) as document:
        gray, _, _ = ocr.render_gray(document, 14)
    turned = np.array(Image.fromarray(gray).rotate(-0.5, resample=Image.Resampling.BICUBIC, fillcolor=255))
    assert abs(ocr.skew_degrees(gray)) < 0.05
    assert ocr.skew_degrees(turned) == pytest.approx(0.5, abs=0.08)


def test_letter_spaced_digits_join_by_their_boxes_and_a_wide_gap_stays():
    # The engine's words for "99, 706, 020": narrow gaps (a space's width) inside one amount.
    line = [
        [[0, 0], [130, 0], [130, 20], [0, 20]],
        "99, 706, 020",
        0.97,
        [
            [[0, 0], [30, 0], [30, 20], [0, 20]],
            [[38, 0], [80, 0], [80, 20], [38, 20]],
            [[88, 0], [130, 0], [130, 20], [88, 20]],
        ],
        ["99,", "706,", "020"],
        [0.99, 0.95, 0.98],
    ]
    chars = ocr.chars_from_result([line], 2.0, 2.0)
    assert join_chars(chars) == "99,706,020"
    assert {c.confidence for c in chars} == {0.97}
    apart = [
        line[0],
        "12 34",
        0.9,
        [[[0, 0], [20, 0], [20, 20], [0, 20]], [[120, 0], [140, 0], [140, 20], [120, 20]]],
        ["12", "34"],
        [0.9, 0.9],
    ]
    assert join_chars(ocr.chars_from_result([apart], 2.0, 2.0)) == "12 34"


def test_a_speck_after_the_decimals_is_left_out_and_warned_by_its_confidence():
    line = [[[0, 0], [60, 0], [60, 20], [0, 20]], "1.04.", 0.99]
    chars = ocr.chars_from_result([line], 1.0, 1.0)
    assert join_chars(chars) == "1.04"
    assert max(c.confidence for c in chars) < ocr.LOW_CONFIDENCE
    code_part = ocr.chars_from_result([[line[0], "27.", 0.99]], 1.0, 1.0)  # a code part "27" with a speck
    assert join_chars(code_part) == "27" and max(c.confidence for c in code_part) < ocr.LOW_CONFIDENCE
    # 江苏省高级人民法院 2017 p14 prints 30309 奖励金 1.90; its skewed copy read a speck after it as "-"
    dashed = ocr.chars_from_result([[line[0], "1.90-", 0.99]], 1.0, 1.0)
    assert join_chars(dashed) == "1.90" and max(c.confidence for c in dashed) < ocr.LOW_CONFIDENCE
    kept = ocr.chars_from_result([[line[0], "1.04", 0.99]], 1.0, 1.0)
    assert min(c.confidence for c in kept) == 0.99
    negative = ocr.chars_from_result([[line[0], "-1.04", 0.99]], 1.0, 1.0)
    assert join_chars(negative) == "-1.04" and min(c.confidence for c in negative) == 0.99


def test_a_lone_letter_o_in_a_cell_is_a_flagged_zero():
    # 万里街道 2024 p16, scanned at 150 dpi: the 基本支出 of 20129 (printed "0") came back as "o", and the
    # whole column stopped being amounts.
    box = [[0, 0], [10, 0], [10, 20], [0, 20]]
    chars = ocr.chars_from_result([[box, "o", 0.93]], 1.0, 1.0)
    assert join_chars(chars) == "0" and max(c.confidence for c in chars) < ocr.LOW_CONFIDENCE
    assert join_chars(ocr.chars_from_result([[box, "oo", 0.93]], 1.0, 1.0)) == "oo"  # only a lone o


def test_full_width_digits_become_ascii_and_text_stays():
    line = [[[0, 0], [100, 0], [100, 20], [0, 20]], "１２，３４５．６０", 0.9]
    assert join_chars(ocr.chars_from_result([line], 1.0, 1.0)) == "12,345.60"
    words = [[[0, 0], [100, 0], [100, 20], [0, 20]], "般公共服务支出", 0.8]
    assert join_chars(ocr.chars_from_result([words], 1.0, 1.0)) == "般公共服务支出"  # never "repaired"


# --- doubts are reading warnings, not findings ----------------------------------------------------------


def test_a_failing_check_on_ocr_cells_becomes_a_reading_warning_and_one_on_text_stays():
    checks = pl.DataFrame(
        {"rule_id": ["sum", "sum"], "instance": ["201", "208"], "status": ["fail", "fail"], "note": [None, None]}
    )
    cells = pl.DataFrame(
        {
            "rule_id": ["sum", "sum"],
            "instance": ["201", "208"],
            "page": [15, 16],
            "box": [[1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0]],
        },
        schema={"rule_id": pl.String, "instance": pl.String, "page": pl.Int16, "box": pl.List(pl.Float32)},
    )
    printed = pl.DataFrame(
        {"page": [15], "box": [[1.0, 2.0, 3.0, 4.0]], "ocr_confidence": [0.71], "text": ["99,706,020"]},
        schema={"page": pl.Int16, "box": pl.List(pl.Float32), "ocr_confidence": pl.Float32, "text": pl.String},
    )
    result, warnings = ocr_doubts(checks, cells, printed)
    statuses = dict(zip(result["instance"], result["status"], strict=True))
    assert statuses == {"201": "not_applicable", "208": "fail"}
    assert len(warnings) == 1
    assert "page 15 box [1.0, 2.0, 3.0, 4.0] '99,706,020' (confidence 0.71)" in warnings[0]
    assert "OCR" in result.filter(pl.col("instance") == "201")["note"][0]


# --- pages that are no budget -------------------------------------------------------------------------


def _image_pdf(path: Path, images: list[Image.Image], size: tuple[float, float] = (595.0, 842.0)) -> Path:
    document = pdfium.PdfDocument.new()
    for image in images:
        page = document.new_page(*size)
        picture = pdfium.PdfImage.new(document)
        bitmap = pdfium.PdfBitmap.from_pil(image)
        picture.set_bitmap(bitmap)
        picture.set_matrix(pdfium.PdfMatrix().scale(*size))
        page.insert_obj(picture)
        page.gen_content()
    document.save(path)
    return path


def test_a_blank_scanned_document_is_refused_naming_file_and_page(tmp_path):
    path = _image_pdf(tmp_path / "blank_scan.pdf", [Image.new("L", (620, 877), 255)] * 2)
    with pytest.raises(IngestError) as refused:
        read_pdf_document([path], "blank_scan")
    message = str(refused.value)
    assert "blank_scan.pdf" in message and "page 1" in message and "OCR found no text" in message


def test_a_scanned_page_that_is_no_budget_is_refused(tmp_path):
    with pdfium.PdfDocument(NOT_BUDGET) as document:
        image = document[0].render(scale=150 / 72, grayscale=True).to_pil().convert("L")
        size = document[0].get_size()
    path = _image_pdf(tmp_path / "minutes_scan.pdf", [image], size)
    with pytest.raises(IngestError) as refused:
        read_pdf_document([path], "minutes_scan")
    assert "minutes_scan.pdf" in str(refused.value) and "not a department budget" in str(refused.value)


def test_a_blank_picture_page_in_a_digital_budget_is_a_warning(putuo_text, tmp_path):
    source = pdfium.PdfDocument(PUTUO)
    blank = pdfium.PdfDocument.new()
    blank.import_pages(source, [0])
    width, height = source[1].get_size()
    page = blank.new_page(width, height)
    picture = pdfium.PdfImage.new(blank)
    picture.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("L", (200, 280), 255)))
    picture.set_matrix(pdfium.PdfMatrix().scale(width, height))
    page.insert_obj(picture)
    page.gen_content()
    blank.import_pages(source, list(range(1, len(source))))
    path = tmp_path / "with_blank_page.pdf"
    blank.save(path)
    read = read_pdf_document([path], "with_blank_page")
    assert any("with_blank_page.pdf page 2" in w and "OCR read no text" in w for w in read.warnings)
    assert read.tables["expenditure_by_function"].height == putuo_text.tables["expenditure_by_function"].height


# --- what the pages and the folder ingest show ----------------------------------------------------------


def test_function_grid_marks_the_rows_read_by_ocr(putuo_scan, putuo_text):
    from budgetlens.classification import coded_rows
    from components.classification_view import ocr_note

    rows = coded_rows(putuo_scan.document.tables["expenditure_by_function"], "t05")
    scanned = rows.filter(pl.col("page") == 15)
    assert scanned.height > 5 and scanned["ocr_confidence"].null_count() == 0
    assert rows.filter(pl.col("page") == 16)["ocr_confidence"].null_count() == rows.filter(pl.col("page") == 16).height
    assert ocr_note(rows).startswith(f"其中 {rows['ocr_confidence'].is_not_null().sum()} 行读自扫描页")
    digital = coded_rows(putuo_text.tables["expenditure_by_function"], "t05")
    assert digital["ocr_confidence"].is_null().all() and ocr_note(digital) is None  # a digital document: no column


def test_folder_ingest_counts_the_pages_read_by_ocr(putuo_scan):
    import io

    from budgetlens.library import _ocr_pages, _progress, progress_label

    assert _ocr_pages(putuo_scan.path) == 2
    bar = io.StringIO()  # a document id longer than the bar's room keeps the count in sight
    _progress(3, 12, progress_label("jiangsu_shengwei_bangongting_2017_bumen_yusuan_biao", 26), stream=bar)
    assert "3/12 OCR 26 页 · jiangsu_shengwei_bangongting" in bar.getvalue()


def test_ink_ocr_read_nothing_in_is_found():
    # A page image with one "0"-sized blob and nothing the engine read: the blob is unread ink, a speck is not.
    gray = np.full((400, 400), 255, dtype=np.uint8)
    gray[100:114, 200:208] = 0  # about 6.7 x 3.8 pt at 150 dpi: a 9-point digit
    gray[300:302, 50:52] = 0  # a speck
    found = ocr.unread_ink(gray, [], 150 / 72, 150 / 72)
    assert len(found) == 1
    x0, top, x1, bottom = found[0]
    assert (x0, top, x1, bottom) == pytest.approx((96.0, 48.0, 99.84, 54.72))
    read = [[[[195, 95], [215, 95], [215, 118], [195, 118]], "0", 0.99]]
    assert ocr.unread_ink(gray, read, 150 / 72, 150 / 72) == []  # read: not unread


# --- a code read as another valid code ------------------------------------------------------------------

SNAPSHOTS = Path(__file__).resolve().parent.parent / "data" / "snapshots"
CODED = ("expenditure_by_function", "basic_by_economic")


def _coded_tables(doc_id: str, ocr_table: str | None = None) -> dict[str, pl.DataFrame]:
    """The document's coded tables as committed, every row (or only table `ocr_table`'s) marked as read by OCR."""
    tables = {}
    for name in CODED:
        path = SNAPSHOTS / doc_id / f"{name}.parquet"
        if path.exists():
            table = pl.read_parquet(path)
            read_by_ocr = pl.lit(True) if ocr_table is None else pl.col("table_id") == ocr_table
            tables[name] = table.with_columns(
                pl.when(read_by_ocr).then(pl.lit(0.99)).otherwise(None).cast(pl.Float32).alias("ocr_confidence")
            )
    return tables


@pytest.mark.parametrize("doc_id", sorted(p.name for p in SNAPSHOTS.iterdir() if (p / "manifest.json").exists()))
def test_codes_read_right_raise_no_code_doubt(doc_id):
    # every shipped document's coded tables, as if each row had been read by OCR: no doubt on a right reading
    assert ocr_code_doubts(_coded_tables(doc_id)) == []


def test_a_code_read_as_another_valid_code_is_a_reading_warning():
    # 江苏省人民检察院 2017 p12 (五、财政拨款支出预算表) prints 2040499 其他检察支出 1,299.00; p14 prints it again.
    # OCR read it as 2040409 on p12 once: the 款 20404 still adds up, so only the other printing can tell.
    tables = _coded_tables("jiangsu_jianchayuan_2017_bumen_yusuan", ocr_table="t05")
    functions = tables["expenditure_by_function"]
    p12 = functions.filter((pl.col("table_id") == "t05") & (pl.col("code") == "2040499"))
    assert p12["page"].unique().to_list() == [12]
    assert p12["name"][0] == "其他检察支出" and "1,299.00" in p12["amount_printed"].to_list()
    misread = pl.when((pl.col("table_id") == "t05") & (pl.col("code") == "2040499"))
    tables["expenditure_by_function"] = functions.with_columns(
        misread.then(pl.lit("2040409")).otherwise("code").alias("code")
    )
    doubts = ocr_code_doubts(tables)
    assert len(doubts) == 1
    assert doubts[0].startswith("t05 (page 12, row 8, amounts at box [")
    assert "OCR read code 2040409 ('其他检察支出')" in doubts[0]
    assert "under 2040499" in doubts[0]
    # read as 2048499, its parent 20484 is in no table: a doubt from the table alone
    tables["expenditure_by_function"] = functions.with_columns(
        misread.then(pl.lit("2048499")).otherwise("code").alias("code"),
        misread.then(pl.lit("20484")).otherwise("parent_code").alias("parent_code"),
    )
    doubts = ocr_code_doubts(tables)
    assert len(doubts) == 1 and "its parent 20484 is not in the table" in doubts[0]
    assert "under 2040499" in doubts[0]  # and p14 still prints the name under the code one digit apart
    # read as no code at all (the bench's 150 dpi copy: a letter among the digits): its amounts stay, flagged
    tables["expenditure_by_function"] = functions.with_columns(
        misread.then(None).otherwise("code").alias("code"),
        misread.then(pl.lit(["2O40499"])).otherwise("code_printed").alias("code_printed"),
        misread.then(None).otherwise("level").alias("level"),
    )
    doubts = ocr_code_doubts(tables)
    assert len(doubts) == 1 and "OCR read the code as ['2O40499'], not a code" in doubts[0]


def test_an_amount_read_with_its_point_lost_leaves_its_column_amounts_and_is_warned_with_its_box():
    # 普陀区财政局 2025 p14 (财政拨款收支预算总表), expenditure side, 一般公共预算 column as printed: 22,186,440.80 and
    # 支出总计 31,214,205.80. OCR read the total as "31,214,20580" on the 150 dpi copy; that one cell made the whole
    # column labels, its other amounts silently gone.
    def cell(text: str, x: float, y: float) -> PrintedCell:
        return PrintedCell(text, 14, (x, y, x + 93.0, y + 21.6))

    table = PrintedTable(
        index=4, title="财政拨款收支预算总表", title_page=14, title_box=None, unit="元", department=None,
        columns=["财政拨款支出/项目", "财政拨款支出/合计", "财政拨款支出/一般公共预算"],
        header_cells=[],
        rows=[
            [cell("一、一般公共服务支出", 259.7, 163.6), cell("22,186,440.80", 411.1, 163.6),
             cell("22,186,440.80", 504.2, 163.6)],
            [cell("支出总计", 259.7, 315.6), cell("31,214,205.80", 411.1, 315.6), cell("31,214,20580", 504.2, 315.6)],
        ],
    )  # fmt: skip
    read = read_table(table, "t04", 2025)
    rows = [row for rows in read.rows.values() for row in rows]
    general = [row for row in rows if row["measure"] == "general_budget"]
    assert [row["amount_printed"] for row in general] == ["22,186,440.80", "31,214,20580"]
    assert general[0]["amount_wan"] == Decimal("2218.64408")
    assert general[1]["amount_wan"] is None
    warned = "'31,214,20580' under '财政拨款支出/一般公共预算' at box [504.2, 315.6, 597.2, 337.2] is not an amount"
    assert any(warned in warning for warning in read.warnings)


# --- a document's scanned pages read in worker processes ------------------------------------------------


def test_scanned_pages_read_in_two_worker_processes_come_back_each_in_its_place(tmp_path, monkeypatch):
    # 普陀区财政局 2025 rendered at 150 dpi, as looked at: p15 prints 201 一般公共服务支出 22,186,440.80 and
    # 2010601 … 138,514.80; p21 (三公) prints 机关运行经费 229.43 and 公务接待费 0.95.
    copy = replace_pages_with_images(PUTUO, tmp_path / "putuo_two_pages.pdf", PUTUO_SCANNED_PAGES, "gray150")

    def not_here(*args, **kwargs):
        raise AssertionError("a page was read in the calling process, not by a worker")

    monkeypatch.setattr(ocr, "POOL_MIN_PAGES", 2)
    monkeypatch.setattr(ocr, "read_page_by_ocr", not_here)  # the workers are spawned: they keep the real one
    with pdfium.PdfDocument(copy) as document:
        found = ocr.read_pages_by_ocr(document, copy, [14, 20], workers=2)
    assert sorted(found) == [14, 20]
    function_page, three_public_page = found[14], found[20]
    assert function_page.ocr and function_page.number == 15
    assert three_public_page.ocr and three_public_page.number == 21
    function_lines = "\n".join(line.text for line in text_lines(function_page.chars))
    three_public_lines = "\n".join(line.text for line in text_lines(three_public_page.chars))
    assert "22,186,440.80" in function_lines and "138,514.80" in function_lines
    assert "229.43" in three_public_lines and "0.95" in three_public_lines
    assert "229.43" not in function_lines


def test_a_full_width_comma_grouping_digits_in_running_text_is_the_number_s_comma():
    # 普陀区财政局 2025 p7 prints "支出预算3,121.42万元"; its 150 dpi scan came back as "支出预算3，121.42万元", and the
    # narrative figure (expenditure_total 3,121.42) was lost. A comma of a sentence stays.
    line = [[[0, 0], [300, 0], [300, 20], [0, 20]], "支出预算3，121.42万元，其中：2024年，1，2", 0.98]
    assert join_chars(ocr.chars_from_result([line], 1.0, 1.0)) == "支出预算3,121.42万元，其中：2024年，1，2"


def test_a_comma_the_engine_boxes_alone_between_digits_is_the_number_s_comma():
    # the engine boxes CJK characters (and a full-width "，") one by one: "3" "，" "121.42万元" are three words
    def word(text: str, x: float) -> list:
        return [[x, 0], [x + 10, 0], [x + 10, 20], [x, 20]]

    words = ["支", "出", "3", "，", "121.42", "万", "元", "，", "2024", "，", "12"]
    line = [word("", 0), "".join(words), 0.98, [word(w, 12 * k) for k, w in enumerate(words)], words, [0.98] * 11]
    assert join_chars(ocr.chars_from_result([line], 1.0, 1.0)) == "支出3,121.42万元，2024，12"
    # in a line of running text every character is a word of its own (普陀区财政局 2025 p7, read at 150 dpi)
    words = ["算", "3", "，", "1", "2", "1", ".", "4", "2", "万", "元", "，", "1", "，", "2", "2", "2", "2"]
    line = [word("", 0), "".join(words), 0.98, [word(w, 12 * k) for k, w in enumerate(words)], words, [0.98] * 18]
    assert join_chars(ocr.chars_from_result([line], 1.0, 1.0)) == "算3,121.42万元，1，2222"


def test_a_point_between_a_word_and_a_number_is_a_speck_left_out_and_flagged():
    # the skewed, speckled copies: 普陀区财政局 2025 p7 "（项）”87.70万元" read as "（项）.”87.70万元", 万里街道 2024
    # p8 "（项）”4.44万元" as "（项）”.4.44万元" (crops looked at: a speck beside the quote); both figures were lost
    def word(text: str, x: float) -> list:
        return [[x, 0], [x + 10, 0], [x + 10, 20], [x, 20]]

    def read(words: list[str]) -> list:
        line = [word("", 0), "".join(words), 0.99, [word(w, 12 * k) for k, w in enumerate(words)], words, [0.99] * 99]
        return ocr.chars_from_result([line], 1.0, 1.0)

    for printed in ("（项）.”87.70万元", "（项）”.4.44万元"):
        chars = read(list(printed))
        assert join_chars(chars) == printed.replace(".”", "”").replace("”.", "”")
        assert max(c.confidence for c in chars) < ocr.LOW_CONFIDENCE
    # a point after a digit (a list's number, a decimal point) stays, and so does the line's confidence
    chars = read(list("5．“社会保障和就业支出（类）”0.96万元"))
    assert join_chars(chars) == "5．“社会保障和就业支出（类）”0.96万元"
    assert min(c.confidence for c in chars) == 0.99


# --- a page of running text -----------------------------------------------------------------------------


def test_a_scanned_page_of_running_text_gives_the_figures_it_states(tmp_path, monkeypatch):
    # 普陀区财政局 2025 p7 (2025年部门预算编制说明), rendered at 100 dpi and looked at: 支出预算3,121.42万元;
    # 1.“…行政运行（项）”1,623.18万元; 2.“…一般行政管理事务（项）”10.00万元; 3.“…信息化建设（项）”166.66万元;
    # 4.“…财政委托业务支出（项）”418.80万元; 5.“…行政单位离退休（项）”87.70万元; 6.“…（项）”174.83万元 (the
    # amount opens the next line); 7.“…职业年金缴费支出（项）”887.36万元; 8.“…其它…养老支出（项）”0.96万元.
    # Its skewed, speckled copy: a speck beside the quote before 87.70 was read as "." and the figure lost.
    # The page has no grid: its whole lines are read at 32 pixels, only doubtful or mostly-digit ones again at 48.
    heights: list[int] = []
    recogniser = ocr.engine().text_rec
    original = type(recogniser).__call__

    def counting(self, crops, *args, **kwargs):
        heights.extend([self.rec_image_shape[1]] * len(crops))
        return original(self, crops, *args, **kwargs)

    monkeypatch.setattr(type(recogniser), "__call__", counting)
    copy = replace_pages_with_images(PUTUO, tmp_path / "putuo_p7_scanned.pdf", [7], "skew200")
    read = read_pdf_document([copy], "putuo_p7_scanned")  # one scanned page: read in this process
    assert read.ocr_pages == [7]
    figures = read.tables["narrative_figures"].filter(pl.col("page") == 7)
    assert figures["ocr_confidence"].null_count() == 0
    stated = {(r["target"], r["amount_printed"]) for r in figures.iter_rows(named=True)}
    assert ("expenditure_total", "3,121.42") in stated
    items = {r["amount_printed"] for r in figures.iter_rows(named=True) if r["target"] == "function_item"}
    assert items == {"1,623.18", "10.00", "166.66", "418.80", "87.70", "174.83", "887.36", "0.96"}
    small, full = heights.count(ocr.RUNNING_TEXT_HEIGHT), heights.count(48)
    assert small >= 24 and full < small / 4  # each of the page's 24 lines once at 32 px; few read again


def test_a_doubtful_line_of_running_text_with_a_figure_is_named_and_a_table_page_is_not():
    def line(text: str, top: float, confidence: float) -> list[Char]:
        return [Char(c, 10 + 12 * k, top, 21 + 12 * k, top + 12, confidence=confidence) for k, c in enumerate(text)]

    chars = [
        *line("支出预算3,121.42万元", 100, 0.72),
        *line("财政拨款支出主要内容如下", 130, 0.70),  # no figure in it: nothing to compare
        *line("87.70万元", 160, 0.99),
    ]
    text_page = Page(number=7, width=842, height=595, chars=chars, rules=[], ocr=True)
    doubts = ocr.running_text_doubts([text_page])
    assert [(page, text, round(confidence, 2)) for page, _, text, confidence in doubts] == [
        (7, "支出预算3,121.42万元", 0.72)
    ]
    assert doubts[0][1] == (10, 100, 10 + 12 * 13 + 11, 112)
    grid = [Rule(True, 50 + 20 * k, 0, 800) for k in range(6)]  # a table page: its cells are warned one by one
    table_page = Page(number=8, width=842, height=595, chars=chars, rules=grid, ocr=True)
    assert ocr.running_text_doubts([table_page]) == []


def test_a_line_with_one_character_scored_below_half_is_read_again_and_stays_a_doubt():
    # 万里街道 2024 skew200 p8 at 32 px: "行政运行”（项）”1660.32万元", the stray "”" scored 0.36 in a line of 0.97
    # (the engine's numbers for that line); the narrative figure 1660.32 was lost and nothing said so
    words = list("行政运行”（项）”1660.32万元")
    scores = [0.99] * len(words)
    scores[4] = 0.364
    line = ("".join(words), 0.9736, [], words, scores)
    assert ocr._doubtful(line) and ocr._confidence(line) == 0.364
    scores[4] = 0.99  # every character sure: one reading at 32 px is enough, and the line keeps its score
    line = ("".join(words), 0.9736, [], words, scores)
    assert not ocr._doubtful(line) and ocr._confidence(line) == 0.9736


# --- 万里街道 2024 skew200: lone zeros beside specks, a missed 0, a rule read as "1" ---------------------------

WANLI = RAW / "shanghai_putuo_wanlijiedao_2024_bumen_yusuan.pdf"
# p23: the function table's rows 204 … 20805 (its 基本支出 column, all "0" but 208 and 20805); p30: the end of the
# economic table of 基本支出 (302 05 … 303 02, 合计); both read off the pages rendered at 100 dpi.
WANLI_SCANNED_PAGES = [23, 30]


@pytest.fixture(scope="module")
def wanli_skewed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ocr_wanli")
    copy = replace_pages_with_images(WANLI, folder / "wanli_skewed.pdf", WANLI_SCANNED_PAGES, "skew200")
    return read_pdf_document([copy], "wanli_skewed")  # two scanned pages: read in this process


def test_lone_zeros_beside_specks_keep_their_column_and_every_repair_is_a_warning_with_its_crop(wanli_skewed):
    # Before: "o." and ".0" (a speck's rim beside the 0, crops looked at) made the whole 基本支出 column of the
    # function table text, and its 67 amounts were missing without a word.
    tables = wanli_skewed.tables
    function = tables["expenditure_by_function"].filter((pl.col("page") == 23) & (pl.col("measure") == "basic"))
    printed = {row["code"]: row["amount_printed"] for row in function.iter_rows(named=True)}
    zeros = ["204", "20406", "2040607", "20499", "2049999", "205", "20599", "2059999"]
    zeros += ["206", "20607", "2060702", "207", "20703", "2070308"]
    assert printed == {**dict.fromkeys(zeros, "0"), "208": "13,368,164", "20805": "7,234,970"}
    assert set(function["amount_wan"].to_list()) == {Decimal(0), Decimal("1336.8164"), Decimal("723.497")}
    # every cell OCR was unsure of, or that the reader took a mark or a letter out of, is a reading warning with
    # its page and box (数据核对 shows its crop): 205's "o." and 2060702's ".0" among them
    warned = tables["reading_warnings"].filter((pl.col("kind") == "ocr_cell") & (pl.col("page") == 23))
    warned_boxes = [box for box in warned["box"].to_list()]
    for code in ("205", "2060702"):
        (box,) = function.filter(pl.col("code") == code)["box"].to_list()
        assert any(np.allclose(box, other, atol=0.2) for other in warned_boxes), code
    low = function.filter(pl.col("ocr_confidence") < ocr.LOW_CONFIDENCE)
    for box in low["box"].to_list():
        assert any(np.allclose(box, other, atol=0.2) for other in warned_boxes)
    assert all("置信度" in message for message in warned["message"].to_list())
    # 数据核对 lists them among its reading warnings, each with the page and box its crop is cut from
    from budgetlens import checks
    from budgetlens.checks.findings import reading_warnings

    listed = reading_warnings(tables, checks.run(tables).checks).filter(pl.col("kind") == "ocr_cell")
    assert listed.filter(pl.col("page") == 23).height == warned.height and listed["box"].null_count() == 0


def test_a_code_part_after_a_speck_and_zeros_the_detector_missed_are_read_and_flagged(wanli_skewed):
    # p30: 303 | 02 退休费 read ".02" (a speck's rim before it): the economic table was kept raw (96 amounts lost);
    # the 0s of 30229 人员经费 and 303 公用经费 were not detected at all.
    tables = wanli_skewed.tables
    (schedule,) = tables["schedules"].filter(pl.col("kind") == "basic_by_economic").iter_rows(named=True)
    assert schedule["status"] == "read"
    economic = tables["basic_by_economic"].filter(pl.col("page") == 30)
    amount = {(r["code"], r["measure"]): r["amount_printed"] for r in economic.iter_rows(named=True)}
    assert amount[("30302", "total")] == "254,940" and amount[("30302", "public")] == "0"
    assert amount[("30229", "personnel")] == "0" and amount[("303", "public")] == "0"
    assert amount[("30299", "public")] == "690,682"
    personnel = [
        v for (code, measure), v in amount.items() if (code or "").startswith("302") and measure == "personnel"
    ]
    assert personnel == ["0"] * 16
    for code, measure in (("30229", "personnel"), ("303", "public")):
        row = economic.filter((pl.col("code") == code) & (pl.col("measure") == measure))
        assert row["ocr_confidence"].item() < ocr.LOW_CONFIDENCE  # read from its own crop: a reader is told


def test_a_ruling_line_read_as_a_final_1_is_left_out_and_flagged(tmp_path):
    # 普陀区财政局 2025 p11 prints 782,164.00 in 合计 for 210 11 01 (rendered page), right against the cell's rule;
    # its skewed copy read the rule as a last "1": "782,164.001".
    copy = replace_pages_with_images(PUTUO, tmp_path / "putuo_p11.pdf", [11], "skew200")
    with pdfium.PdfDocument(copy) as document:
        page = ocr.read_page_by_ocr(document, 10)
    rows = [line for line in text_lines(page.chars) if "782" in line.text]
    assert len(rows) == 3 and all(line.text.endswith("782,164.00 782,164.00") for line in rows)
    assert rows[2].text.startswith("210 11 01")
    left = [c.confidence for c in rows[2].chars if c.text.isdigit() and c.x1 < 458]  # 合计, before its rule
    assert len(left) > 8 and max(left[-8:]) < ocr.LOW_CONFIDENCE  # the rule's "1" left out: a reader is told to look


def _as_read_by_ocr(doc_id: str) -> dict[str, pl.DataFrame]:
    """A shipped document's snapshot tables with every printed cell marked as read by OCR."""
    folder = SNAPSHOTS / doc_id
    tables = {path.stem: pl.read_parquet(path) for path in folder.glob("*.parquet")}
    tables["printed_cells"] = tables["printed_cells"].with_columns(pl.lit(0.99, pl.Float32).alias("ocr_confidence"))
    return tables


@pytest.mark.parametrize("doc_id", sorted(p.parent.name for p in SNAPSHOTS.glob("*/printed_cells.parquet")))
def test_columns_read_as_amounts_raise_no_unread_column(doc_id):
    assert unread_amount_columns(_as_read_by_ocr(doc_id)) == []


def test_a_column_of_amounts_left_unread_by_one_misread_cell_names_that_cell_and_every_amount():
    # 万里街道 2024 p23 prints the function table's 基本支出 "0" for 204 … 2070308 (rendered page); a scan once read
    # 205's as "o." and the reader took the whole column for text: taken here as it was, the column's rows gone.
    tables = _as_read_by_ocr("shanghai_putuo_wanlijiedao_2024_bumen_yusuan")
    function = tables["expenditure_by_function"]
    (table_id,) = function.filter((pl.col("code") == "2070308") & (pl.col("page") == 23))["table_id"].unique().to_list()
    basic = function.filter((pl.col("table_id") == table_id) & (pl.col("measure") == "basic"))
    (box,) = basic.filter(pl.col("code") == "205")["box"].to_list()
    misread = (pl.col("table_id") == table_id) & (pl.col("page") == 23) & (pl.col("box") == pl.lit(box))
    tables["printed_cells"] = tables["printed_cells"].with_columns(
        pl.when(misread).then(pl.lit("o.")).otherwise(pl.col("text")).alias("text")
    )
    on_page = basic.filter(pl.col("page") == 23)
    tables["expenditure_by_function"] = function.join(
        on_page.select("table_id", "row", "measure"), on=["table_id", "row", "measure"], how="anti"
    )
    (column,) = unread_amount_columns(tables)
    assert (column["table_id"], column["page"]) == (table_id, 23)
    assert column["not_amounts"] == [("o.", [round(v, 1) for v in box])]
    assert len(column["unread"]) == 15  # the page's 16 basic cells but the misread one
