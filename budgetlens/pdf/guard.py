"""Refuse a PDF the reader cannot read faithfully, before reading any table from it.

Each check raises `IngestError` with a plain message that starts with the file's name:
- `open_checked`: not a PDF, a truncated or damaged PDF, a PDF that needs a password, too many pages
  (counted from the page tree, before any page is loaded);
- `check_text_counts`: a PDF with no text to read, judged on the pages as the ingest read them, after pages
  without a text layer were read from their image by OCR (budgetlens/pdf/ocr.py), so only pages with nothing
  OCR could read (blank pages, pictures that are not text) count as textless there;
- `check_is_budget`: a document that is neither a budget (预算) nor final accounts (决算), judged by the
  title on the first page, not by the word appearing somewhere in the text; returns the stage.
"""

from __future__ import annotations

import re
from contextlib import closing
from itertools import takewhile
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from budgetlens.errors import IngestError

# A department budget runs to tens of pages; more than this is refused before any page is read.
MAX_PAGES = 400
# The PDF header (%PDF-) must start within the file's first bytes (the PDF spec allows 1024).
HEADER_WINDOW_BYTES = 1024
# A complete PDF ends with its trailer (startxref, then %%EOF) within its last bytes; pdfium repairs a
# file cut short without saying so, so this is checked on the bytes themselves.
TRAILER_WINDOW_BYTES = 1024
# A page with fewer visible characters than this has no text layer (a scanned image, or blank).
MIN_PAGE_TEXT_CHARS = 10
# A document where more than this share of pages has no text is (partly) scanned: its tables cannot be read.
MAX_TEXTLESS_PAGE_SHARE = 0.5
# The pages whose text decides what kind of document this is.
FIRST_PAGES = 3
# The title is at most this many lines at the top of the first page with text (before 目录).
TITLE_LINES = 4
# Longest title or quote put in a message.
QUOTE_CHARS = 60

# "2023年部门预算", "区级部门预算", "单位预算", "预算公开": the title of a budget document.
BUDGET_TITLE = re.compile(r"(部门|单位|区级|市级|省级|县级|年度?)预算|预算(公开|编制说明|报告)")
# "2017年部门决算", "单位决算", "决算公开": the title of a final-accounts document.
FINAL_ACCOUNTS_TITLE = re.compile(r"(部门|单位|区级|市级|省级|县级|年度?)决算|决算(公开|报告|说明)")
# Schedule titles of a 预算 ("收支预算总表", "一般公共预算支出表", "收支总表" …) and of a 决算 ("收入支出决算总表").
BUDGET_SCHEDULE = re.compile(
    r"预算(总)?表|收支总表|收入总表|支出总表|项目支出表|绩效目标表|“?三公”?经费支出表|预算公开|部门预算|单位预算"
)
FINAL_ACCOUNTS_SCHEDULE = re.compile(r"决算(总)?表")
# The two stages of a department's money the reader reads: what was planned, and what was spent.
STAGE_BUDGET = "预算"
STAGE_FINAL_ACCOUNTS = "决算"
CONTENTS_HEADING = re.compile(r"目录")
# Why pdfium would not open a file, by its error code (any other: pdfium's own words).
PDFIUM_REFUSALS = {
    pdfium_raw.FPDF_ERR_PASSWORD: "the PDF is encrypted (加密) and needs a password to open; "
    "save or publish it without an open password, then ingest it",
    pdfium_raw.FPDF_ERR_SECURITY: "the PDF is encrypted (加密) with a security scheme pdfium does not support; "
    "it cannot be opened",
    pdfium_raw.FPDF_ERR_FORMAT: "the PDF is damaged: pdfium cannot parse it (data format error)",
    pdfium_raw.FPDF_ERR_FILE: "cannot read the file (pdfium: file access error)",
}


def _fail(path: Path, reason: str) -> IngestError:
    return IngestError(f"{path.name}: {reason}")


def _check_bytes(path: Path) -> None:
    """Header and trailer, read from the file itself: a cut-off download is refused, not half-read."""
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            head = file.read(HEADER_WINDOW_BYTES)
            file.seek(max(0, size - TRAILER_WINDOW_BYTES))
            tail = file.read(TRAILER_WINDOW_BYTES)
    except OSError as err:
        raise _fail(path, f"cannot read the file ({err.strerror or err})") from err
    if size == 0:
        raise _fail(path, "the file is empty (0 bytes), not a PDF")
    if b"%PDF-" not in head:
        raise _fail(
            path,
            f"not a PDF file: its first {HEADER_WINDOW_BYTES} bytes hold no %PDF- header "
            "(this reader reads the published PDF of a 部门预算)",
        )
    if b"%%EOF" not in tail or b"startxref" not in tail:
        missing = "%%EOF" if b"%%EOF" not in tail else "startxref"
        raise _fail(
            path,
            f"the PDF is truncated or damaged: no {missing} in its last {TRAILER_WINDOW_BYTES} bytes "
            f"(it is {size:,} bytes long; was the download cut short?)",
        )
    offset = re.findall(rb"startxref\s+(\d+)", tail)
    if offset and int(offset[-1]) >= size:
        raise _fail(
            path,
            f"the PDF is truncated or damaged: its cross-reference table (xref) is said to start at byte "
            f"{int(offset[-1]):,}, past the end of the file ({size:,} bytes)",
        )


def open_checked(path: Path, *, max_pages: int = MAX_PAGES) -> pdfium.PdfDocument:
    """Open a PDF for reading, or raise `IngestError` naming the file and why it cannot be read.

    No page is loaded: the page count comes from the document's page tree, so a huge PDF is refused
    in bounded time and memory. The caller closes the returned document.
    """
    _check_bytes(path)
    try:
        document = pdfium.PdfDocument(path)
    except FileNotFoundError as err:
        raise _fail(path, "cannot read the file (no such file)") from err
    except pdfium.PdfiumError as err:
        reason = PDFIUM_REFUSALS.get(getattr(err, "err_code", None), f"pdfium cannot open the PDF ({err})")
        raise _fail(path, reason) from err
    pages = len(document)
    if pages > max_pages or pages == 0:
        document.close()
        if pages == 0:
            raise _fail(path, "the PDF has no pages")
        raise _fail(
            path,
            f"the PDF has {pages} pages, more than the {max_pages} this reader accepts "
            "(a 部门预算 runs to tens of pages: is this several documents in one file?); no page was read",
        )
    return document


def page_text(document: pdfium.PdfDocument, index: int, path: Path) -> str:
    try:
        with closing(document[index]) as page, closing(page.get_textpage()) as textpage:
            return textpage.get_text_range()
    except pdfium.PdfiumError as err:
        raise _fail(path, f"page {index + 1} cannot be read: the PDF is damaged ({err})") from err


def check_text_counts(visible_chars_per_page: list[int], path: Path) -> None:
    """Refuse a scanned PDF (扫描件): no page, or too few pages, carry text the reader can read (the reader counts
    each page's visible characters as it reads it)."""
    pages = len(visible_chars_per_page)
    textless = [i + 1 for i, count in enumerate(visible_chars_per_page) if count < MIN_PAGE_TEXT_CHARS]
    if not textless:
        return
    if len(textless) == pages:
        others = "its only page" if pages == 1 else f"and so has every other of its {pages} pages"
        raise _fail(
            path,
            f"no text layer: page {textless[0]} has no text (fewer than {MIN_PAGE_TEXT_CHARS} characters), "
            f"{others}; where a page is a picture (扫描件) OCR found no text on it either: "
            "is it blank, or a picture that is not a budget? use the text PDF as published",
        )
    if len(textless) / pages > MAX_TEXTLESS_PAGE_SHARE:
        raise _fail(
            path,
            f"page {textless[0]} has no text (fewer than {MIN_PAGE_TEXT_CHARS} characters), and so have "
            f"{len(textless)} of its {pages} pages (OCR found no text where a page is a picture); it looks like "
            "a partly scanned PDF (扫描件) whose pages are blank or unreadable: use the text PDF as published",
        )


def title_lines(first_pages_text: str) -> list[str]:
    """The title: the first lines of the first page with text, up to 目录, each without spaces."""
    for page in first_pages_text.split("\f"):
        lines = [compact for line in page.splitlines() if (compact := "".join(line.split()))]
        if lines:
            return list(takewhile(lambda line: not CONTENTS_HEADING.search(line), lines[:TITLE_LINES]))
    return []


def check_is_budget(first_pages_text: str, path: Path) -> str:
    """The stage of the document, "预算" (budget) or "决算" (final accounts); refuse anything else.

    Judged by the title on the first page: a budget whose narrative speaks of "2021年决算数" is a budget,
    and a 决算 whose title says "（含预算执行情况）" after 决算 is a 决算 (the word the title says first wins).
    Only when the title names neither do the first pages' schedule titles decide.
    """
    lines = title_lines(first_pages_text)
    title = "".join(lines)  # a title may break inside a word: "…2023年部" / "门预算"
    shown = " / ".join(lines)
    shown = shown if len(shown) <= QUOTE_CHARS else shown[: QUOTE_CHARS - 1] + "…"
    budget = BUDGET_TITLE.search(title)
    final = FINAL_ACCOUNTS_TITLE.search(title)
    if final and (budget is None or final.start() < budget.start()):
        return STAGE_FINAL_ACCOUNTS
    if budget:
        return STAGE_BUDGET
    text = "".join(first_pages_text.split())
    budget_schedules = BUDGET_SCHEDULE.findall(text)
    final_schedules = FINAL_ACCOUNTS_SCHEDULE.findall(text)
    if final_schedules and len(final_schedules) >= len(budget_schedules):
        return STAGE_FINAL_ACCOUNTS
    if not budget_schedules:
        raise _fail(
            path,
            f"neither a budget (部门预算/单位预算) nor final accounts (部门决算/单位决算): neither its title "
            f"('{shown}') nor its first pages name a 预算 or a 决算, or any of their schedules "
            "(收支总表, 收入总表, 支出总表, 一般公共预算支出表, 收入支出决算总表 …); "
            "not a department budget (部门预算)",
        )
    return STAGE_BUDGET
