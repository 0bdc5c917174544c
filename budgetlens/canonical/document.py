"""A published budget PDF (or a 说明 PDF and a 表 PDF together) -> the canonical tables and the document's facts."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from budgetlens.canonical import templates
from budgetlens.canonical.execution import bind_codes, narrative_counts, read_statements
from budgetlens.canonical.model import frame
from budgetlens.canonical.narrative import glossary, narrative_figures
from budgetlens.canonical.readers import number_printed, provenance, read_table
from budgetlens.errors import IngestError
from budgetlens.pdf.guard import (
    FIRST_PAGES,
    STAGE_BUDGET,
    STAGE_FINAL_ACCOUNTS,
    check_is_budget,
    check_text_counts,
    open_checked,
)
from budgetlens.pdf.page import Page, read_page, text_lines
from budgetlens.pdf.tables import PdfText, PrintedTable, read_tables

YEAR_IN_TITLE = re.compile(r"((?:19|20)\d\d)\s*年")
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


def _pages(paths: list[Path]) -> tuple[list[Page], list[dict], str]:
    pages: list[Page] = []
    sources = []
    stages: list[str] = []
    for path in paths:
        document = open_checked(path)
        try:
            first = len(pages)
            for index in range(len(document)):
                page = read_page(document, index)
                page.number = first + index + 1  # pages of a two-file document are numbered on, file after file
                pages.append(page)
            check_text_counts([page.text_chars for page in pages[first:]], path)
            # The guard's title test on the first pages' text, as this reader has just read it.
            opening = "\f".join(
                "\n".join(line.text for line in text_lines(page.chars)) for page in pages[first : first + FIRST_PAGES]
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
    return pages, sources, stage


def _title(text: PdfText) -> str:
    """The title page's first lines, up to the first "X：Y" line (预算主管部门：…) or the contents."""
    first_page = [line.text for number, line in text.lines if number == text.lines[0][0]] if text.lines else []
    title: list[str] = []
    for line in first_page[:3]:
        if re.search(r"[:：]|目\s*录", line):
            break
        title.append(line)
    return "".join(title)


BUDGET_YEAR_LINE = re.compile(r"((?:19|20)\d\d)\s*年度?\s*(?:区级|市级|省级)?(?:部门|单位)?(?:预算|决算)")


def _year(title: str, tables: list[PrintedTable], text: PdfText, path: Path) -> int:
    """The budget year: from the title page, else the first table title naming a year, else the first line
    saying "20xx年(度)部门预算" (a 表 PDF published apart from its 说明 has no title page)."""
    for candidate in [title] + [t.title for t in tables]:
        if match := YEAR_IN_TITLE.search(candidate):
            return int(match.group(1))
    for _, line in text.lines:
        if match := BUDGET_YEAR_LINE.search(line.text):
            return int(match.group(1))
    raise IngestError(f"{path.name}: neither the title page nor any table title names the budget year", line=None)


def _department(tables: list[PrintedTable], text: PdfText, title: str) -> str:
    printed = Counter(t.department for t in tables if t.department)
    if printed:
        return printed.most_common(1)[0][0]
    for _, line in text.lines[:40]:
        if match := DEPARTMENT_LINE.search(line.text):
            return match.group(1)
    return department_from_title(title)


def department_from_title(title: str) -> str:
    """ "2017年度江苏省高级人民法院部门预算公开" -> "江苏省高级人民法院": the year and the kind of document removed."""
    name = re.sub(r"^\s*(?:19|20)\d\d\s*年度?", "", title)
    name = re.sub(r"(?:(?:19|20)\d\d\s*年度?)?(?:区级|市级|省级|县级)?(?:部门|单位)?(?:预算|决算).*$", "", name)
    return name.strip() or title


def region_and_level(department: str) -> tuple[str | None, str | None]:
    """The region a department's name states (上海市普陀区人民政府… -> 上海市普陀区, 区县级), or (None, None)."""
    match = REGION.match(department)
    region = match.group(1) if match else None
    return region, _level(region)


def _level(region: str | None) -> str | None:
    if region is None:
        return None
    if region.endswith(("区", "县")):
        return "区县级"
    if region.endswith("市") and "省" in region:
        return "市级"
    return "市级" if region.endswith("市") else "省级"


def read_pdf_document(paths: list[Path], doc_id: str) -> PdfDocumentRead:
    pages, sources, stage = _pages(paths)
    printed_tables, text = read_tables(pages)
    first_text = "\n".join(line.text for number, line in text.lines if number <= 3)
    title = _title(text)
    year = _year(title, printed_tables, text, paths[0])
    department = _department(printed_tables, text, title)
    title_printed = bool(title)
    if not title:
        # A cover drawn as a picture leaves no title in the text: say what the document is, and that it is
        # composed (manifest "title_printed": false), rather than take the contents page's 目录 for a title.
        title = f"{department}{year}年部门{stage}"
    region, level = region_and_level(department)
    kinds = templates.FINAL_ACCOUNTS_KINDS if stage == STAGE_FINAL_ACCOUNTS else templates.DOCUMENT_KINDS
    kind = templates.first_match(kinds, title + first_text) or f"部门{stage}"

    rows: dict[str, list[dict]] = {"schedules": [], "printed_cells": [], "table_notes": []}
    warnings: list[str] = []
    schedules: list[dict] = []
    for table in printed_tables:
        table_id = f"t{table.index:02d}"
        read = read_table(table, table_id, year, stage)
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
            "unit_printed": table.unit,
            "department_printed": table.department,
            "pages": table.pages,
            "rows": len(table.rows),
            "warnings": read.warnings,
            "page": table.title_page,
            "box": list(table.title_box) if table.title_box else None,
        }
        rows["schedules"].append(schedule)
        schedules.append({k: v for k, v in schedule.items() if k not in ("box",)})
        for cell_index, cell in enumerate(table.header_cells):
            rows["printed_cells"].append(
                {
                    "table_id": table_id,
                    "row": -1,
                    "column": cell_index,
                    "column_name": None,
                    "text": cell.text,
                    **provenance(cell),
                }
            )
        for row_index, row in enumerate(table.rows):
            for column, cell in enumerate(row):
                if cell.continued:
                    continue
                rows["printed_cells"].append(
                    {
                        "table_id": table_id,
                        "row": row_index,
                        "column": column,
                        "column_name": table.columns[column],
                        "text": cell.text,
                        **provenance(cell),
                    }
                )
        for line in table.notes:
            rows["table_notes"].append(
                {
                    "table_id": table_id,
                    "text": line.text,
                    "states_none": bool(re.search(templates.STATES_NONE, table.note_text)),
                    "page": table.note_pages[0] if table.note_pages else table.pages[-1],
                    "box": [round(line.x0, 1), round(line.top, 1), round(line.x1, 1), round(line.bottom, 1)],
                    "source_lines": None,
                }
            )
    final = stage == STAGE_FINAL_ACCOUNTS
    rows["narrative_figures"] = narrative_figures(
        text.lines, year, templates.NARRATIVE_FIGURES_FINAL if final else None
    )
    rows["glossary"] = glossary(text.lines)
    tables = {name: frame(name, table_rows) for name, table_rows in rows.items()}
    if stage == STAGE_FINAL_ACCOUNTS:
        statements = read_statements(text.lines)
        warnings.extend(bind_codes(statements, tables["expenditure_by_function"], tables["schedules"]))
        tables["execution_statements"] = frame("execution_statements", statements)
        tables["narrative_counts"] = frame("narrative_counts", narrative_counts(text.lines))
    from budgetlens.canonical.model import SCHEMAS

    for name in SCHEMAS:
        tables.setdefault(name, frame(name, []))
    tables["text_lines"] = pl.DataFrame(
        {
            "page": [number for number, _ in text.lines],
            "text": [line.text for _, line in text.lines],
            "box": [
                [round(line.x0, 1), round(line.top, 1), round(line.x1, 1), round(line.bottom, 1)]
                for _, line in text.lines
            ],
        },
        schema={"page": pl.Int16, "text": pl.String, "box": pl.List(pl.Float32)},
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
    )
