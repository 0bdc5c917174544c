"""A published budget PDF (or a 说明 PDF and a 表 PDF together) -> the canonical tables and the document's facts."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pypdfium2 as pdfium

from budgetlens.canonical import templates
from budgetlens.canonical.execution import (
    bind_codes,
    narrative_counts,
    read_statements,
    staffing_counts,
    three_public_scope,
    units_named,
    year_changes,
)
from budgetlens.canonical.model import SCHEMAS, TEXT_LINES_SCHEMA, frame
from budgetlens.canonical.narrative import (
    glossary,
    narrative_figures,
    page_furniture,
    statement_order,
    with_punctuation,
)
from budgetlens.canonical.readers import number_printed, provenance, read_table
from budgetlens.canonical.reading import (
    read_contents,
    reading_warning,
    unit_from_narrative,
    unit_warnings,
    unreadable_warning,
)
from budgetlens.canonical.said import said_in_chinese
from budgetlens.errors import IngestError
from budgetlens.pdf import ocr
from budgetlens.pdf.guard import (
    FIRST_PAGES,
    MIN_PAGE_TEXT_CHARS,
    STAGE_BUDGET,
    STAGE_FINAL_ACCOUNTS,
    check_is_budget,
    check_text_counts,
    open_checked,
)
from budgetlens.pdf.page import Page, TextLine, read_page, text_lines
from budgetlens.pdf.tables import PrintedTable, read_tables
from budgetlens.years import YEAR_WRITTEN

REGION = re.compile(r"^((?:[^省市]{2,3}省|[^省市]{2,3}市|[^省市]{2,8}自治区)(?:[^市区县]{1,6}(?:市|区|县))?)")
DEPARTMENT_LINE = re.compile(r"(?:预算主管部门|主管部门|部门名称|单位名称)[:：]\s*(\S+)")


@dataclass
class PdfDocumentRead:
    doc_id: str
    sources: list[dict]  # file, sha256, pages (in the order given)
    title: str
    department_name: str
    region: str | None
    level: str | None
    budget_year: int
    kind: str  # 部门预算, 单位预算, 部门决算 or 单位决算
    tables: dict[str, pl.DataFrame]
    stage: str = STAGE_BUDGET  # 预算 (budget) or 决算 (final accounts), from the document's own title
    title_printed: bool = True
    schedules: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    missing_tables: list[dict] = field(default_factory=list)  # listed in the contents (目录), not found
    unreadable_pages: list[dict] = field(default_factory=list)  # file, page (numbered on), page_in_file, reason
    ocr_pages: list[int] = field(default_factory=list)  # pages read from their image by OCR (no text layer)


def _text_chars_to_threshold(page: Page) -> int:
    """`page.text_chars`, counted only up to MIN_PAGE_TEXT_CHARS: the guard only asks whether a page has that
    many (a full count runs over every character of the document, twice)."""
    count = 0
    for char in page.chars:
        if not char.text.isspace():
            count += 1
            if count >= MIN_PAGE_TEXT_CHARS:
                break
    return count


def _needs_ocr(document: pdfium.PdfDocument, index: int, page: Page) -> bool:
    return _text_chars_to_threshold(page) < MIN_PAGE_TEXT_CHARS and ocr.has_image(document, index)


def _read_page(
    document: pdfium.PdfDocument, index: int, path: Path, warnings: list[str], ahead: dict[int, Page | Exception]
) -> Page:
    """The page from its text layer; a page without one that holds an image is read from the image by OCR.

    At the file's first such page, the later pages are read too and every scanned one is read by OCR at once
    (`ocr.read_pages_by_ocr`: in worker processes when there are several); `ahead` keeps them for their turn."""
    if index in ahead:
        found = ahead.pop(index)
    else:
        page = read_page(document, index)
        if not _needs_ocr(document, index, page):
            return page
        later: list[int] = []
        for following in range(index + 1, len(document)):
            try:
                text_page = read_page(document, following)
                scanned_too = _needs_ocr(document, following, text_page)
            except Exception as err:  # raised again at its turn, named as unreadable
                ahead[following] = err
                continue
            if scanned_too:
                later.append(following)
            else:
                ahead[following] = text_page
        ahead.update(ocr.read_pages_by_ocr(document, path, [index, *later]))
        found = ahead.pop(index)
    if isinstance(found, ocr.OcrUnavailable):
        raise IngestError(f"{path.name}: page {index + 1} has no text layer and {found}") from found
    if isinstance(found, Exception):
        raise found
    if found.ocr and found.text_chars < MIN_PAGE_TEXT_CHARS:
        warnings.append(
            f"{path.name} page {index + 1}: an image without a text layer, and OCR read no text on it "
            "(a blank page, or a picture that is not text)"
        )
    return found


@dataclass(frozen=True)
class UnreadablePage:
    file: str
    page: int  # in the document, numbered on across files
    page_in_file: int
    reason: str


# More than this share of a file's pages unreadable: the file is refused, not read in part.
MAX_UNREADABLE_PAGE_SHARE = 0.5


def _pages(
    paths: list[Path], warnings: list[str] | None = None
) -> tuple[list[Page], list[dict], list[UnreadablePage], str]:
    pages: list[Page] = []
    sources = []
    warnings = [] if warnings is None else warnings
    unreadable: list[UnreadablePage] = []
    stages: list[str] = []
    for path in paths:
        document = open_checked(path)
        try:
            first = len(pages)
            bad: list[UnreadablePage] = []
            ahead: dict[int, Page | Exception] = {}  # later pages read with the first scanned one (_read_page)
            for index in range(len(document)):
                try:
                    page = _read_page(document, index, path, warnings, ahead)
                except IngestError:
                    raise
                except Exception as err:
                    reason = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
                    bad.append(UnreadablePage(path.name, first + index + 1, index + 1, reason))
                    page = Page(number=index + 1, width=0.0, height=0.0, chars=[], rules=[])
                page.number = first + index + 1  # pages of a two-file document are numbered on, file after file
                pages.append(page)
            if bad and len(bad) / len(document) > MAX_UNREADABLE_PAGE_SHARE:
                listed = ", ".join(str(u.page_in_file) for u in bad[:12]) + (" …" if len(bad) > 12 else "")
                raise IngestError(
                    f"{path.name}: {len(bad)} of its {len(document)} pages cannot be read (pages {listed}); "
                    f"the PDF is damaged ({bad[0].reason}): publish or download it again"
                )
            unreadable.extend(bad)
            bad_numbers = {u.page for u in bad}
            readable = [page for page in pages[first:] if page.number not in bad_numbers]
            check_text_counts([_text_chars_to_threshold(page) for page in readable], path)
            # The guard's title test on the first pages' text, as this reader has just read it.
            opening = "\f".join(
                "\n".join(line.text for line in text_lines(page.chars)) for page in readable[:FIRST_PAGES]
            )
            stages.append(check_is_budget(opening, path))
        finally:
            document.close()
        sources.append(
            {
                "file": path.name,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                "first_page": first + 1,
                "pages": len(pages) - first,
            }
        )
    # Two files of one document: the stage either title states (a 表 PDF without a title page reads as 预算).
    stage = STAGE_FINAL_ACCOUNTS if STAGE_FINAL_ACCOUNTS in stages else STAGE_BUDGET
    return pages, sources, unreadable, stage


DATE_LINE = re.compile(r"^\s*(?:19|20)\d\d\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*$")
GLUED_DATE = re.compile(r"(?<=[\u4e00-\u9fff）)])\s*(?:19|20)\d\d\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*$")
GLUED_PAGE_NUMBER = re.compile(r"(?<=[\u4e00-\u9fff）)])\s*[-—－]?\s*\d{1,3}\s*[-—－]?\s*$")
YEAR_ALONE = re.compile(r"^\s*(?:19|20)\d\d\s*$")  # "上海市普陀区财政局 / 2024 / 年度部门决算" on a cover


def _title(lines: list[tuple[int, TextLine]], tables: list[PrintedTable], furniture: set[int]) -> str:
    """The cover's title: the first page's first lines, up to the first "X：Y" line (预算主管部门：…) or the
    contents. Never a page number ("-1-"), a running header, a date, or a table's title (a 表 file has no
    cover: its first line is its first table's title); a page number or date glued on is cut off."""
    if not lines:
        return ""
    first_number = lines[0][0]
    first_page = [line.text for i, (number, line) in enumerate(lines) if number == first_number and i not in furniture]
    table_titles = {re.sub(r"\s+", "", t.title) for t in tables if t.title}
    title: list[str] = []
    for line in first_page[:4]:
        if re.search(r"[:：]|目\s*录", line) or DATE_LINE.match(line):
            break
        if not HAS_CHINESE.search(line) and not YEAR_ALONE.match(line):
            continue  # a page number or stray mark, not a title line (a year set on a line of its own is one)
        compact = re.sub(r"\s+", "", line)
        if compact in table_titles or (compact.endswith("表") and any(compact in t for t in table_titles)):
            break  # a table's title: the file has no cover (a cover line naming the department is not one)
        title.append(line)
        if len(title) == 3:
            break
    joined = "".join(title)
    joined = GLUED_DATE.sub("", joined)
    if not YEAR_WRITTEN.search(joined[-6:] if joined else ""):
        joined = GLUED_PAGE_NUMBER.sub("", joined)
    return joined.strip()


BUDGET_YEAR_LINE = re.compile(r"((?:19|20)\d\d)\s*年度?\s*(?:区级|市级|省级)?(?:部门|单位)?(?:预算|决算)")


def _year(title: str, tables: list[PrintedTable], lines: list[tuple[int, TextLine]], path: Path) -> int:
    """The budget year: from the title page, else the first table title naming a year, else the first line
    saying "20xx年(度)部门预算" (a 表 PDF published apart from its 说明 has no title page)."""
    for candidate in [title] + [t.title for t in tables]:
        if match := YEAR_WRITTEN.search(candidate):
            return int(match.group(1))
    for _, line in lines:
        if match := BUDGET_YEAR_LINE.search(line.text):
            return int(match.group(1))
    raise IngestError(f"{path.name}: neither the title page nor any table title names the budget year", line=None)


def _department(tables: list[PrintedTable], lines: list[tuple[int, TextLine]], title: str) -> str:
    """The 编制部门/单位 line most tables print, else a 主管部门 line near the start, else the title's name;
    never a page number or anything without a Chinese character."""
    printed = Counter(t.department for t in tables if t.department and HAS_CHINESE.search(t.department))
    if printed:
        return printed.most_common(1)[0][0]
    for _, line in lines[:40]:
        if (match := DEPARTMENT_LINE.search(line.text)) and HAS_CHINESE.search(match.group(1)):
            return match.group(1)
    name = department_from_title(title)
    return name if HAS_CHINESE.search(name) else ""


HAS_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def department_from_title(title: str) -> str:
    """ "2017年度江苏省高级人民法院部门预算公开" -> "江苏省高级人民法院": the year and the kind of document removed."""
    name = re.sub(r"^\s*(?:19|20)\d\d\s*年度?", "", title)
    name = re.sub(r"(?:(?:19|20)\d\d\s*年度?)?(?:区级|市级|省级|县级)?(?:部门|单位)?(?:预算|决算).*$", "", name)
    return name.strip() or title


def region_and_level(department: str) -> tuple[str | None, str | None]:
    """The region a department's name states (上海市普陀区人民政府… -> 上海市普陀区, 区县级), or (None, None)."""
    match = REGION.match(re.sub(r"^(?:中国共产党|中共)", "", department))  # 中国共产党江苏省委员会办公厅: 江苏省
    if match is None:
        return None, None
    region = match.group(1)
    return region, "区县级" if region.endswith(("区", "县")) else "市级" if region.endswith("市") else "省级"


def read_pdf_document(paths: list[Path], doc_id: str) -> PdfDocumentRead:
    page_warnings: list[str] = []
    pages, sources, unreadable, stage = _pages(paths, page_warnings)
    return read_pages(pages, sources, doc_id, paths[0], unreadable, stage, page_warnings)


def read_pages(
    pages: list[Page],
    sources: list[dict],
    doc_id: str,
    path: Path,
    unreadable: list[UnreadablePage] | None = None,
    stage: str = STAGE_BUDGET,
    page_warnings: list[str] | None = None,
) -> PdfDocumentRead:
    """The document from its pages as read (tests hand in pages changed in memory)."""
    printed_tables, lines = read_tables(pages)
    furniture = page_furniture(lines)
    first_text = "\n".join(line.text for number, line in lines if number <= 3)
    title = _title(lines, printed_tables, furniture)
    year = _year(title, printed_tables, lines, path)
    department = _department(printed_tables, lines, title)
    title_printed = bool(title)
    kinds = [(f"{kind}{stage}", f"{kind}{stage}") for kind in templates.DOCUMENT_KINDS]
    unit_tables = any(re.search(templates.UNIT_TABLE, t.title) for t in printed_tables if t.title)
    kind = templates.first_match(kinds, title + first_text) or (f"单位{stage}" if unit_tables else f"部门{stage}")
    reading: list[dict] = [unreadable_warning(u.file, u.page, u.page_in_file, u.reason) for u in unreadable or []]
    if not department:
        department = "（未印部门名称）"
        reading.append(
            reading_warning("title", "文件中没有找到部门名称（封面、表头“编制部门/单位”行都没有）。", detail=None)
        )
    if not title:
        # A cover drawn as a picture, or no cover at all (a 表 file), leaves no title in the text: say what the
        # document is, and that it is composed (manifest "title_printed": false), rather than take the contents
        # page's 目录, a page number or a table's title for a title.
        title = f"{department}{year}年{kind}"
        reading.append(reading_warning("title", f"封面上没有读到标题，标题“{title}”由部门、年度和类别组成。"))
    region, level = region_and_level(department)

    rows: dict[str, list[dict]] = {"schedules": [], "printed_cells": [], "table_notes": []}
    warnings: list[str] = list(page_warnings or [])
    schedules: list[dict] = []
    reads = {f"t{table.index:02d}": read_table(table, f"t{table.index:02d}", year, stage) for table in printed_tables}
    extra = templates.NARRATIVE_FIGURES_FINAL if stage == STAGE_FINAL_ACCOUNTS else None
    figures = narrative_figures(lines, year, furniture, reading, extra=extra)
    # The unit read per table: a table with no unit printed whose totals are exactly 10,000 times another's is
    # in 元, read again so; two printed units that disagree by exactly that are said, never judged.
    inferred = unit_warnings(printed_tables, reads)
    done = {table_id for table_id, *_ in inferred}
    inferred += [w for w in unit_from_narrative(printed_tables, reads, figures) if w[0] not in done]
    for table_id, unit, message, detail, table in inferred:
        if unit is not None:
            reads[table_id] = read_table(table, table_id, year, stage, unit=unit)
        reading.append(reading_warning("unit", message, table_id, table.title_page, table.title_box, detail))
    for table in printed_tables:
        table_id = f"t{table.index:02d}"
        read = reads[table_id]
        for warning in read.warnings:  # each doubt in plain Chinese, naming table and page; the English kept
            doubt, said = said_in_chinese(warning, table.title, table_id, table.pages[0])
            page, box = read.warned_at.get(warning, (table.title_page, table.title_box))
            reading.append(reading_warning(doubt, said, table_id, page, box, warning))
        for name, table_rows in read.rows.items():
            rows.setdefault(name, []).extend(table_rows)
        warnings.extend(f"{table_id} (page {table.pages[0]}): {w}" for w in read.warnings)
        schedule = {
            "table_id": table_id,
            "kind": read.kind,
            "scope": read.scope,
            "reader": read.reader,
            "status": read.status,
            "title": table.title or None,
            "number_printed": number_printed(table.title),
            "unit_printed": table.unit or read.unit_found,  # a form prints it in its money label: 项目资金（元）
            "department_printed": table.department,
            "pages": table.pages,
            "rows": len(table.rows),
            "warnings": read.warnings,
            "page": table.title_page,
            "box": list(table.title_box) if table.title_box else None,
        }
        rows["schedules"].append(schedule)
        schedules.append({k: v for k, v in schedule.items() if k not in ("box",)})
        # Every cell as printed: the header's (row -1, no column name), then the body's.
        printed = [(-1, column, None, cell) for column, cell in enumerate(table.header_cells)]
        printed += [
            (row_index, column, table.columns[column], cell)
            for row_index, row in enumerate(table.rows)
            for column, cell in enumerate(row)
            if not cell.continued
        ]
        rows["printed_cells"] += [
            {"table_id": table_id, "row": r, "column": c, "column_name": name, "text": cell.text, **provenance(cell)}
            for r, c, name, cell in printed
        ]
        for line in table.notes:
            rows["table_notes"].append(
                {
                    "table_id": table_id,
                    "text": line.text,
                    "states_none": bool(re.search(templates.STATES_NONE, table.note_text)),
                    "page": table.note_pages[0] if table.note_pages else table.pages[-1],
                    "box": line.box,
                    "source_lines": None,
                }
            )
    rows["narrative_figures"] = figures
    rows["glossary"] = glossary(lines)
    listed, missing = read_contents(lines, printed_tables, furniture)
    if listed is not None:  # the contents list tables: each read table is one it lists, or one it does not
        promised = {f"t{table.index:02d}": (page, box) for table, page, box in listed}
        for schedule in rows["schedules"]:
            schedule["promised_in_contents"] = schedule["table_id"] in promised
            schedule["contents_page"], schedule["contents_box"] = promised.get(schedule["table_id"], (None, None))
    for entry in missing:
        reading.append(
            reading_warning(
                "missing_table",
                f"目录列出的表“{entry['title']}”在文件中没有找到：这份文件不完整，或这张表未能读出。",
                None,
                entry["page"],
                entry["box"],
                entry["title"],
            )
        )
    scope, unread = three_public_scope(lines)  # the units the 三公 figures cover, and where it is said unread
    reading += [
        reading_warning(
            "not_read",
            f"第{page}页的文字说明写到“三公”经费的统计范围，本程序没有读出其中的单位数或范围，请对照原件。",
            None,
            page,
            box,
            statement,
        )
        for page, box, statement in unread
    ]
    rows["reading_warnings"] = reading
    for number, indicator in enumerate(rows.get("performance_indicators", [])):
        indicator["indicator"] = number  # joins a year's value (indicator_values) to its indicator
    tables = {name: frame(name, table_rows) for name, table_rows in rows.items()}
    if stage == STAGE_FINAL_ACCOUNTS:
        statements = read_statements(lines)
        warnings.extend(bind_codes(statements, tables["expenditure_by_function"], tables["schedules"]))
        tables["execution_statements"] = frame("execution_statements", statements)
        # A 三公 item's change stated with no amount beside it ("决算数与2023年度持平") is a narrative figure too, with
        # the amount its execution statement states; an item whose change a figure already states keeps that one.
        changed = {f["target"] for f in figures if f["change_wan"] is not None}
        more = [f for f in year_changes(lines, statements, year) if f["target"] not in changed]
        if more:
            figures = sorted([*figures, *more], key=statement_order)
            tables["narrative_figures"] = frame("narrative_figures", figures)
    # 绩效 and 国有资产 counts: a budget states its 编报绩效目标的项目 too (四、绩效目标设置情况)
    tables["narrative_counts"] = frame("narrative_counts", narrative_counts(lines) + scope)
    tables["staffing"] = frame("staffing", staffing_counts(lines))
    if tables.get("unit_list") is None or tables["unit_list"].is_empty():  # no units table: a sentence naming them
        tables["unit_list"] = frame("unit_list", units_named(lines))
    for name in SCHEMAS:
        tables.setdefault(name, frame(name, []))
    ocr_pages = [page.number for page in pages if page.ocr]
    if ocr_pages:
        tables = ocr_provenance(tables, pages)
        cell_doubts, cell_warnings = ocr_cell_doubts(tables, pages)
        warnings.extend(ocr_warnings(tables, ocr_pages, cell_warnings))
        doubts = cell_doubts + [
            reading_warning(
                "ocr_text",
                f"第{page}页（扫描页）这一行 OCR 识别把握不大（置信度 {confidence:.2f}）：其中的数字可能读错或未读出，"
                "请对照原件。",
                None,
                page,
                box,
                text,
            )
            for page, box, text, confidence in ocr.running_text_doubts(pages)
        ]
        if doubts:
            warnings.extend(
                f"OCR (page {d['page']}): line '{d['detail']}' at box {d['box']} read with low confidence"
                for d in doubts
                if d["kind"] == "ocr_text"
            )
            tables["reading_warnings"] = pl.concat([tables["reading_warnings"], frame("reading_warnings", doubts)])
    # The punctuation a page draws a little below its line is put back into it (narrative.with_punctuation), so the
    # rules that read the text see "2106.66万元，占71.73%", not a line of commas after the line.
    # Each character's left and right edge beside the line: the narrative rules cite the characters of a figure they
    # compare (its box, as narrative_figures gives it), not the whole line, which may print another figure alike.
    shown = with_punctuation(lines)
    edges = [line.char_x() for _, line in shown]
    tables["text_lines"] = pl.DataFrame(
        {
            "page": [number for number, _ in shown],
            "text": [line.text for _, line in shown],
            "box": [line.box for _, line in shown],
            "char_x0": [[x0 for x0, _ in line_edges] for line_edges in edges],
            "char_x1": [[x1 for _, x1 in line_edges] for line_edges in edges],
        },
        schema=TEXT_LINES_SCHEMA,
    )
    return PdfDocumentRead(
        doc_id=doc_id,
        sources=sources,
        title=title,
        department_name=department,
        region=region,
        level=level,
        budget_year=year,
        kind=kind,
        stage=stage,
        tables=tables,
        title_printed=title_printed,
        schedules=schedules,
        warnings=warnings,
        missing_tables=[{"title": e["title"], "page": e["page"]} for e in missing],
        unreadable_pages=[dataclasses.asdict(u) for u in unreadable or []],
        ocr_pages=ocr_pages,
    )


def ocr_provenance(tables: dict[str, pl.DataFrame], pages: list[Page]) -> dict[str, pl.DataFrame]:
    """Each row's `ocr_confidence`: the lowest engine score of the characters inside its box, for rows printed
    on a page read by OCR (null on a text-layer page)."""
    by_number = {page.number: page for page in pages if page.ocr}
    result = {}
    for name, table in tables.items():
        if "ocr_confidence" not in table.columns or table.is_empty() or "box" not in table.columns:
            result[name] = table
            continue
        confidences = [
            ocr.cell_confidence(by_number[page], box) if page in by_number and box is not None else None
            for page, box in zip(table["page"].to_list(), table["box"].to_list(), strict=True)
        ]
        result[name] = table.with_columns(pl.Series("ocr_confidence", confidences, dtype=pl.Float32))
    return result


def ocr_cell_doubts(tables: dict[str, pl.DataFrame], pages: list[Page]) -> tuple[list[dict], list[str]]:
    """(reading warnings, the manifest's lines): one for each table cell OCR read as blank where the page has ink (a
    missed glyph: a stated 0 must not pass for a blank), then one for each cell read with a low confidence. Each is
    of kind `ocr_cell` with its page and box, so 数据核对 shows the page crop; its `detail` is the text as read."""
    cells = tables.get("printed_cells")
    if cells is None or cells.is_empty():
        return [], []
    body = cells.filter(pl.col("row") >= 0).sort("page", "table_id", "row", "column")
    unread = {page.number: page.unread_ink for page in pages if page.ocr and page.unread_ink}
    doubts = []
    for cell in body.iter_rows(named=True):
        box = [round(v, 1) for v in cell["box"]]
        x0, top, x1, bottom = cell["box"]
        confidence = cell["ocr_confidence"]
        if cell["text"] == "" and any(
            x0 <= (a + c) / 2 <= x1 and top <= (b + d) / 2 <= bottom for a, b, c, d in unread.get(cell["page"], [])
        ):
            message = (
                f"第{cell['page']}页（扫描页）这一格 OCR 没有读出内容，但原件此处有字迹（可能是“0”），请对照原件。"
            )
            detail = (
                f"{cell['table_id']} (page {cell['page']}): OCR read nothing at box {box}, where the page has ink "
                "(a stated 0 may be there); compare it with the page"
            )
        elif confidence is not None and confidence < ocr.LOW_CONFIDENCE:
            message = (
                f"第{cell['page']}页（扫描页）这一格 OCR 读作“{cell['text']}”，把握不大（置信度 {confidence:.2f}）："
                "请对照原件。"
            )
            detail = (
                f"{cell['table_id']} (page {cell['page']}): OCR read '{cell['text']}' at box {box} with confidence "
                f"{confidence:.2f} (below {ocr.LOW_CONFIDENCE}); compare it with the page"
            )
        else:
            continue
        doubts.append((reading_warning("ocr_cell", message, cell["table_id"], cell["page"], box, cell["text"]), detail))
    doubts.sort(key=lambda doubt: doubt[0]["detail"] != "")  # the cells read as nothing first, as the manifest had
    from budgetlens.checks.ocr import unread_amount_columns  # only a document with scanned pages needs it

    unread_lines = []
    for column in unread_amount_columns(tables):  # a column of amounts one misread cell left unread
        table_id, page, count = column["table_id"], column["page"], len(column["unread"])
        for text, box in column["not_amounts"]:
            message = (
                f"第{page}页（扫描页）这一格 OCR 读作“{text}”，不是金额：本页这一列的 {count} 个金额因此没有读出，"
                "请对照原件。"
            )
            detail = f"{table_id} (page {page}): OCR read '{text}' at box {box}, not an amount: its column was not read"
            doubts.append((reading_warning("ocr_cell", message, table_id, page, box, text), detail))
        unread_lines.extend(
            f"{table_id} (page {page}): the amount at box {box} was not read (its column holds text OCR misread)"
            for box in column["unread"]
        )
    return [row for row, _ in doubts], [detail for _, detail in doubts] + unread_lines


def ocr_warnings(tables: dict[str, pl.DataFrame], ocr_pages: list[int], cell_warnings: list[str]) -> list[str]:
    """The manifest's OCR warnings: which pages were read by OCR, each doubtful cell (`ocr_cell_doubts`) and each
    code the document contradicts, naming page and box."""
    numbers = ", ".join(map(str, ocr_pages))
    warnings = [f"pages {numbers}: no text layer; read from the page image by OCR (each such row says so)"]
    warnings.extend(cell_warnings)
    warnings.extend(ocr_code_doubts(tables))
    return warnings


# The coded tables whose codes OCR may misread into another valid-looking code (the sums may still hold).
CODED_TABLES = ("expenditure_by_function", "basic_by_economic")


def ocr_code_doubts(tables: dict[str, pl.DataFrame]) -> list[str]:
    """A reading warning for each code read by OCR that the document itself contradicts: its row's name printed
    elsewhere in the document under a code one digit apart, the code printed twice in one table, a 项 or 款
    whose parent is missing from a table that prints that level, or a code column cell that is not a code.
    A misread digit can make another valid code whose amounts still add up, which no check would see."""
    warnings: list[str] = []
    for name in CODED_TABLES:
        table = tables.get(name)
        if table is None or table.is_empty() or "ocr_confidence" not in table.columns:
            continue
        rows = table.unique(subset=["table_id", "row"], keep="first", maintain_order=True)
        ocr_rows = rows.filter(pl.col("ocr_confidence").is_not_null())
        if ocr_rows.is_empty():
            continue
        boxes: dict[tuple[str, int], list[list[float]]] = {}  # the row's amount cells, so the warning points at them
        for table_id, index, box in table.select("table_id", "row", "box").iter_rows():
            if box is not None:
                boxes.setdefault((table_id, index), []).append([round(v, 1) for v in box])
        codes_of_name: dict[str, set[str]] = {}
        for row in rows.filter(pl.col("code").is_not_null() & pl.col("name").is_not_null()).iter_rows(named=True):
            codes_of_name.setdefault(row["name"], set()).add(row["code"])
        codes_in_table: dict[str, list[str]] = {}
        tables_of_code: dict[str, set[str]] = {}
        for row in rows.filter(pl.col("code").is_not_null()).iter_rows(named=True):
            codes_in_table.setdefault(row["table_id"], []).append(row["code"])
            tables_of_code.setdefault(row["code"], set()).add(row["table_id"])
        for row in ocr_rows.iter_rows(named=True):
            cells = " ".join(f"box {box}" for box in boxes.get((row["table_id"], row["row"]), []))
            at = f", amounts at {cells}" if cells else ""
            where = f"{row['table_id']} (page {row['page']}, row {row['row']}{at})"
            code, label = row["code"], row["name"]
            if code is None:
                printed = "".join(row["code_printed"] or [])
                # A label printed in the code column (人员经费合计 of a two-halves table) is no misread code.
                if printed and row["level"] != 0 and not HAS_CHINESE.search(printed):
                    warnings.append(
                        f"{where}: OCR read the code as {list(row['code_printed'])}, not a code; "
                        "its amounts are kept without one; compare it with the page"
                    )
                continue
            in_table = codes_in_table[row["table_id"]]
            doubts = []
            # the name under a code one digit apart, in a table without this code, when this table lacks that one
            near = sorted(
                other
                for other in codes_of_name.get(label, ())
                if len(code) == len(other)
                and sum(a != b for a, b in zip(code, other, strict=True)) == 1
                and other not in in_table
                and not tables_of_code[other] & tables_of_code[code]
            )
            if near:
                doubts.append(f"the document prints '{label}' under {', '.join(near)}")
            if in_table.count(code) > 1:
                doubts.append(f"{code} is printed twice in the table")
            parent = row["parent_code"]
            if parent and parent not in in_table and any(len(c) == len(parent) for c in in_table):
                doubts.append(f"its parent {parent} is not in the table")
            if doubts:
                warnings.append(
                    f"{where}: OCR read code {code} ('{label}'), but {'; '.join(doubts)}; compare it with the page"
                )
    return warnings
