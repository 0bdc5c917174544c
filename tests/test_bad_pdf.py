"""Bad PDF input: refused with a message naming the file (and page), quickly, nothing written.

The fixtures in tests/fixtures/pdf/ are made by tests/fixtures/make_bad_pdfs.py; the truncated and
the 500-page PDFs are made here, in tmp_path, from one_budget_page.pdf (page 1 of a published budget).
"""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest

from budgetlens.__main__ import main
from budgetlens.errors import IngestError
from budgetlens.pdf.guard import (
    FIRST_PAGES,
    MAX_PAGES,
    check_is_budget,
    check_text_counts,
    open_checked,
    page_text,
)
from tests.conftest import DOC_ID, SNAPSHOTS, SOURCE

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdf"
BUDGET_PAGE = FIXTURES / "one_budget_page.pdf"
SCANNED = FIXTURES / "scanned.pdf"
ENCRYPTED = FIXTURES / "encrypted.pdf"
RESTRICTED = FIXTURES / "restricted.pdf"
NOT_BUDGET = FIXTURES / "not_budget.pdf"
JUESUAN = FIXTURES / "juesuan.pdf"
BUDGET_MENTIONS_JUESUAN = FIXTURES / "budget_mentions_juesuan.pdf"
HUGE_PAGES = 500
HUGE_SECONDS = 3.0  # refusing the 500-page PDF must not read its pages: well under this
HTML_ERROR_PAGE = "<!DOCTYPE html><html><head><title>404</title></head><body>页面不存在</body></html>".encode()


def refused(call, *args, **kwargs) -> str:
    with pytest.raises(IngestError) as caught:
        call(*args, **kwargs)
    return str(caught.value)


def assert_says(message: str, *words: str) -> None:
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"


def check_text_layer(document: pdfium.PdfDocument, path: Path) -> None:
    """The guard's text-layer rule on the PDF's own text layer (the ingest counts the characters of the pages it has
    read, OCR'd ones included)."""
    texts = [page_text(document, index, path) for index in range(len(document))]
    check_text_counts([sum(1 for c in text if c.isprintable() and not c.isspace()) for text in texts], path)


def first_pages_text(document: pdfium.PdfDocument, path: Path) -> str:
    """The first pages' text, pages separated by form feeds, as `check_is_budget` reads it."""
    return "\f".join(page_text(document, index, path) for index in range(min(FIRST_PAGES, len(document))))


def pdf_of_pages(path: Path, sources: list[Path]) -> Path:
    """A PDF of the first page of each source, in order (pypdfium2 only, so it runs in any checkout)."""
    document = pdfium.PdfDocument.new()
    for source in sources:
        with pdfium.PdfDocument(source) as pages:
            document.import_pages(pages, [0])
    document.save(path)
    document.close()
    return path


@pytest.fixture(scope="module")
def huge_pdf(tmp_path_factory) -> Path:
    """500 copies of one real budget page (the pages share their resources: about 100 KB)."""
    path = tmp_path_factory.mktemp("huge") / "huge.pdf"
    with pdfium.PdfDocument(BUDGET_PAGE) as page, pdfium.PdfDocument.new() as document:
        document.import_pages(page, [0] * HUGE_PAGES)
        document.save(path)
    return path


def first_half(tmp_path: Path, name: str = "cut_in_half.pdf") -> Path:
    data = BUDGET_PAGE.read_bytes()
    path = tmp_path / name
    path.write_bytes(data[: len(data) // 2])
    return path


# --- open_checked ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (HTML_ERROR_PAGE, ["not a PDF file", "%PDF-"]),  # a download that saved the server's error page
        (b"PK\x03\x04" + bytes(range(256)) * 8, ["not a PDF file"]),  # a .docx or .zip renamed
        ("2023年部门预算\n收支总表\n".encode(), ["not a PDF file"]),  # the text export named .pdf
        (b"", ["empty", "0 bytes"]),
    ],
    ids=["html", "zip", "text", "empty"],
)
def test_not_a_pdf(tmp_path, content, words):
    path = tmp_path / "预算.pdf"
    path.write_bytes(content)
    message = refused(open_checked, path)
    assert message.startswith("预算.pdf: ")
    assert_says(message, *words)


def test_missing_file(tmp_path):
    assert_says(refused(open_checked, tmp_path / "nope.pdf"), "nope.pdf", "cannot read")


def test_pdf_cut_in_half_is_refused(tmp_path):
    message = refused(open_checked, first_half(tmp_path))
    assert_says(message, "cut_in_half.pdf", "truncated", "%%EOF")


def test_pdf_missing_only_its_last_bytes_is_refused_though_pdfium_would_repair_it(tmp_path):
    data = BUDGET_PAGE.read_bytes()
    assert data.endswith(b"%%EOF\n")
    path = tmp_path / "no_eof.pdf"
    path.write_bytes(data[: -len(b"%%EOF\n")])
    with pdfium.PdfDocument(path) as repaired:  # pdfium alone reads it without a word
        assert "部门预算" in repaired[0].get_textpage().get_text_range()
    assert_says(refused(open_checked, path), "no_eof.pdf", "truncated", "%%EOF")


def test_pdf_with_its_middle_cut_out_is_refused(tmp_path):
    data = BUDGET_PAGE.read_bytes()
    trailer = data[data.rindex(b"startxref") :]
    path = tmp_path / "middle_gone.pdf"
    path.write_bytes(data[:1000] + b"\n" + trailer)  # the xref it points to lay in the lost part
    assert_says(refused(open_checked, path), "middle_gone.pdf", "truncated", "xref", "past the end")


def test_damaged_pdf_is_refused(tmp_path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\nstartxref\n9\n%%EOF\n")
    assert_says(refused(open_checked, path), "damaged.pdf", "damaged", "cannot parse")


def test_encrypted_pdf_is_refused():
    message = refused(open_checked, ENCRYPTED)
    assert_says(message, "encrypted.pdf", "encrypted", "加密", "password")


def test_restricted_pdf_opens_and_its_text_reads():
    with open_checked(RESTRICTED) as document:
        permissions = pdfium_raw.FPDF_GetDocPermissions(document)
        assert not permissions & (1 << 4), "the fixture should forbid copying text"  # bit 5: extract
        check_text_layer(document, RESTRICTED)
        text = first_pages_text(document, RESTRICTED)
    assert "上海市普陀区2025年区级部门预算" in text
    check_is_budget(text, RESTRICTED)


def test_500_pages_are_refused_before_any_page_is_read(huge_pdf, monkeypatch):
    def no_page_reading(self, index):
        raise AssertionError(f"page {index + 1} was loaded")

    monkeypatch.setattr(pdfium.PdfDocument, "get_page", no_page_reading)
    started = time.perf_counter()
    message = refused(open_checked, huge_pdf)
    elapsed = time.perf_counter() - started
    assert_says(message, "huge.pdf", f"{HUGE_PAGES} pages", f"more than the {MAX_PAGES}", "no page was read")
    assert message.endswith(
        "(a 部门预算 runs to tens of pages: is this several documents in one file?); no page was read"
    )
    assert elapsed < HUGE_SECONDS, f"{elapsed:.2f} s"


def test_page_limit_is_the_argument(tmp_path):
    five = pdf_of_pages(tmp_path / "five.pdf", [BUDGET_PAGE] * 5)
    with open_checked(five, max_pages=5) as document:
        assert len(document) == 5
    assert_says(refused(open_checked, five, max_pages=4), "five.pdf", "5 pages", "more than the 4")


# --- check_text_layer -----------------------------------------------------------------------------


def test_scanned_pdf_is_refused_naming_the_page():
    with open_checked(SCANNED) as document:
        message = refused(check_text_layer, document, SCANNED)
    assert_says(message, "scanned.pdf", "no text layer", "page 1 has no text", "扫描件", "OCR")


def test_mostly_scanned_pdf_is_refused_naming_the_first_page_without_text(tmp_path):
    path = pdf_of_pages(tmp_path / "mostly_scanned.pdf", [BUDGET_PAGE, SCANNED, SCANNED])
    with open_checked(path) as document:
        message = refused(check_text_layer, document, path)
    assert_says(message, "mostly_scanned.pdf", "page 2 has no text", "2 of its 3 pages", "partly scanned")


def test_a_few_pages_without_text_are_read(tmp_path):
    path = pdf_of_pages(tmp_path / "one_scanned_page.pdf", [BUDGET_PAGE, BUDGET_PAGE, SCANNED])
    with open_checked(path) as document:
        check_text_layer(document, path)


# --- check_is_budget ------------------------------------------------------------------------------


def test_pdf_that_is_no_budget_is_refused():
    with open_checked(NOT_BUDGET) as document:
        check_text_layer(document, NOT_BUDGET)
        text = first_pages_text(document, NOT_BUDGET)
    assert "预算" in text  # it speaks of 预算执行: the word alone does not make a budget
    message = refused(check_is_budget, text, NOT_BUDGET)
    assert_says(message, "not_budget.pdf", "not a department budget", "nor final accounts", "部门决算", "会议纪要")


def test_final_accounts_pdf_is_read_as_juesuan():
    with open_checked(JUESUAN) as document:
        check_text_layer(document, JUESUAN)
        text = first_pages_text(document, JUESUAN)
    assert "2017年度部门决算" in text
    assert check_is_budget(text, JUESUAN) == "决算"


def test_budget_whose_cover_and_narrative_mention_juesuan_is_read():
    with open_checked(BUDGET_MENTIONS_JUESUAN) as document:
        check_text_layer(document, BUDGET_MENTIONS_JUESUAN)
        assert check_is_budget(first_pages_text(document, BUDGET_MENTIONS_JUESUAN), BUDGET_MENTIONS_JUESUAN) == "预算"
        pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    assert all("决算" in page for page in pages)  # on the cover (under the title) and in the narrative
    assert "2019年部门预算" in pages[0]


def test_real_budget_page_passes_every_guard():
    with open_checked(BUDGET_PAGE) as document:
        assert len(document) == 1
        check_text_layer(document, BUDGET_PAGE)
        assert check_is_budget(first_pages_text(document, BUDGET_PAGE), BUDGET_PAGE) == "预算"


@pytest.mark.parametrize(
    "text",
    [
        "\n".join(SOURCE.read_text(encoding="utf-8").split("\n")[:60]),  # title broken inside 部门: "部\n门预算"
        "江苏省人民检察院\n2018年部门预算\n目 录\n一、收支预算总表\n"
        "二、2018年收入预算21,955.35万元，比2017年决算数增加1,234.00万元。",
        "上海市普陀区2025年区级部门预算\n预算主管部门：上海市普陀区财政局\n\f主要职能\n负责编制年度财政预决算并组织执行",
        "武汉市某局\n2019年部门预算\n（附2017年决算数的比较）\n2019年1月",  # 决算 in the title lines, after 预算
        "  \n\f江苏省人民检察院\n2018年部门预算",  # a blank first page: the title is on the next
        "目 录\n一、收支总表\n二、收入总表\n三、支出总表",  # no title, but the schedules of a budget
    ],
    ids=[
        "hongshan_text",
        "narrative_juesuan",
        "yujuesuan_on_page_2",
        "juesuan_in_title_lines",
        "blank_cover",
        "contents",
    ],
)
def test_budget_texts_are_budgets(text):
    assert check_is_budget(text, Path("budget.pdf")) == "预算"


@pytest.mark.parametrize(
    "text",
    [
        "武汉市某局\n2017年度部门决算（含2017年预算执行情况）",  # 决算 first in the title: a 决算
        "武汉市某局单位决算公开\n目录",
        "  \f江苏省人民检察院\n2017年度部门决算\n目 录\n一、收支预算总表",  # a blank cover: the title is on page 2
        "武汉市某局\n目 录\n一、收入支出决算总表\n二、收入决算表",  # no title, the schedules of a 决算
        "上海市普陀区财政局\n年度部门决算\n2024\n目 录",  # the year printed under the title
    ],
    ids=["title_juesuan_then_yusuan", "danwei_juesuan_gongkai", "blank_cover", "juesuan_tables", "year_below"],
)
def test_final_accounts_texts_are_final_accounts(text):
    assert check_is_budget(text, Path("final.pdf")) == "决算"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("会议纪要\n第一项：讨论了预算。", ["neither a budget", "nor final accounts", "会议纪要"]),
        ("会议纪要\n第一项：审议了决算。", ["neither a budget", "nor final accounts", "会议纪要"]),
        ("", ["not a department budget"]),
    ],
    ids=["minutes", "minutes_juesuan", "empty"],
)
def test_other_texts_are_refused(text, words):
    message = refused(check_is_budget, text, Path("other.pdf"))
    assert message.startswith("other.pdf: ")
    assert_says(message, *words)


# --- the command line: refused, nothing written, the previous snapshot byte for byte ---------------


def snapshot_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def assert_cli_refuses(tmp_path: Path, capsys, source_name: str, content: bytes, *words: str) -> str:
    """`python -m budgetlens ingest <source> --out <out>` on bad input: exit 1, the file and the reason
    on stderr, and the snapshot already in <out> (of the same doc_id) unchanged, no staging folder left."""
    out = tmp_path / "snapshots"
    shutil.copytree(SNAPSHOTS / DOC_ID, out / DOC_ID)
    before = snapshot_digest(out / DOC_ID)
    source = tmp_path / "raw" / source_name
    source.parent.mkdir(exist_ok=True)
    source.write_bytes(content)

    assert main(["ingest", str(source), "--out", str(out)]) == 1

    message = capsys.readouterr().err
    assert source.name in message.splitlines()[0], message
    assert_says(message, *words, "nothing was written")
    assert snapshot_digest(out / DOC_ID) == before
    assert sorted(p.name for p in out.iterdir()) == [DOC_ID]
    return message


PDF_NAME = f"{DOC_ID}.pdf"  # the same doc_id as the snapshot in out/: writing anything would show


def test_cli_refuses_a_file_that_is_not_a_pdf(tmp_path, capsys):
    assert_cli_refuses(tmp_path, capsys, PDF_NAME, HTML_ERROR_PAGE, "not a PDF file")


def test_cli_refuses_a_truncated_pdf(tmp_path, capsys):
    content = first_half(tmp_path).read_bytes()
    assert_cli_refuses(tmp_path, capsys, PDF_NAME, content, "truncated", "%%EOF")


def test_cli_refuses_an_encrypted_pdf(tmp_path, capsys):
    assert_cli_refuses(tmp_path, capsys, PDF_NAME, ENCRYPTED.read_bytes(), "encrypted", "password")


def test_cli_refuses_500_pages_quickly(tmp_path, capsys, huge_pdf):
    started = time.perf_counter()
    assert_cli_refuses(tmp_path, capsys, PDF_NAME, huge_pdf.read_bytes(), f"{HUGE_PAGES} pages")
    assert time.perf_counter() - started < HUGE_SECONDS


def test_cli_reads_a_scanned_page_by_ocr_and_refuses_it_for_what_it_lacks(tmp_path, capsys):
    # One scanned table page (收支预算总表, no year in its title): OCR reads it (issue 21; tests/test_ocr.py), and
    # the document is refused for what it does not say, not for being a picture.
    assert_cli_refuses(tmp_path, capsys, PDF_NAME, SCANNED.read_bytes(), "names the budget year")


def test_cli_refuses_a_pdf_that_is_no_budget(tmp_path, capsys):
    assert_cli_refuses(tmp_path, capsys, PDF_NAME, NOT_BUDGET.read_bytes(), "not a department budget")


# --- the text export: a schedule's whole block gone -------------------------------------------------

SEED_LINES = SOURCE.read_text(encoding="utf-8").split("\n")


def without_block(heading: str, next_heading: str) -> bytes:
    """The seed text without the lines from a schedule's heading ("十四、项目支出绩效目标表", the body's,
    not the contents' "- 十四、…") up to the next heading."""
    start = SEED_LINES.index(heading)
    stop = SEED_LINES.index(next_heading, start)
    return "\n".join(SEED_LINES[:start] + SEED_LINES[stop:]).encode()


@pytest.mark.parametrize(
    ("number", "heading", "next_heading"),
    [
        ("1-14", "十四、项目支出绩效目标表", "第三部分 2023 年部门预算情况说明"),
        ("1-13", "十三、部门整体支出绩效目标表", "十四、项目支出绩效目标表"),
    ],
    ids=["1-14", "1-13"],
)
def test_text_export_without_a_schedule_names_it(tmp_path, capsys, number, heading, next_heading):
    content = without_block(heading, next_heading)
    assert f"附表{number}" not in content.decode()  # the whole block, marker and all, is gone
    assert_cli_refuses(tmp_path, capsys, f"{DOC_ID}.txt", content, f"附表{number}", "missing")
