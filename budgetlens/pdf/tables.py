"""Printed tables of a whole PDF: grids joined across pages, titles and units found, header and body split.

A `PrintedTable` is the schedule as printed: its title, unit and numbering as they stand, the
header's column names (a header cell that spans two or three grid rows becomes one name, its parts
joined by "/"), and body rows of cells, each cell with its page and box. Nothing is interpreted
here; `budgetlens.canonical` decides what a table is and what its numbers mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from budgetlens.pdf.grid import Cell, Grid, find_grids, outside
from budgetlens.pdf.page import Page, TextLine, join_chars, text_lines

AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
TOTAL_LABEL = re.compile(r"^(合计|总计|收入总计|支出总计|收入合计|支出合计)$")
META_LINE = re.compile(r"(单位[:：]|编制部门[:：]|编制单位[:：]|^部门[:：]|^部门名称[:：]|^单位名称[:：])")
UNIT = re.compile(r"单位[:：]\s*(万元|元|千元)")
DEPARTMENT = re.compile(r"(?:编制部门|编制单位|部门名称|单位名称|^部门)[:：]\s*([^\s单]+)")
PAGE_NUMBER = re.compile(r"^[-—\s]*\d{1,3}[-—\s]*$|^第\s*\d+\s*页")
PART_HEADING = re.compile(r"^第[一二三四五六七八九十]+部分")
NOTE_LINE = re.compile(r"^(注|说明|备注)[:：]?")
EMPTY_TABLE_MARKS = ("此表为空", "本表为空", "无")
COLUMN_TOLERANCE_PT = 4.0  # a table on the next page continues this one when its columns line up within this
TITLE_LINE_GAP = 1.8  # title lines further apart than this many line heights are not one title
ROW_TOLERANCE_PT = 3.0  # amounts stacked in one cell less than this apart are one line


@dataclass(frozen=True)
class PrintedCell:
    text: str
    page: int
    box: tuple[float, float, float, float]
    continued: bool = False  # the lower part of a cell merged over several rows: its text is the top part's


@dataclass
class PrintedTable:
    index: int  # 1-based order in the document
    title: str  # as printed, numbering included ("公开 09 表：一般公共预算“三公”经费、会议费、培训费支出预算表")
    title_page: int
    title_box: tuple[float, float, float, float] | None
    unit: str | None  # 元 / 万元 as stated above the table
    department: str | None  # 编制部门 / 部门 as stated above the table
    columns: list[str]  # one name per grid column, header parts joined by "/"
    header_cells: list[PrintedCell]
    rows: list[list[PrintedCell]]
    notes: list[TextLine] = field(default_factory=list)
    note_pages: list[int] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    xs: list[float] = field(default_factory=list)
    header_bands: list[str] = field(default_factory=list)  # each header band's text, to spot a repeated header
    header_rows: list[list[PrintedCell]] = field(default_factory=list)  # the header bands as cells (forms read them)

    @property
    def all_rows(self) -> list[list[PrintedCell]]:
        return self.header_rows + self.rows

    @property
    def note_text(self) -> str:
        return "".join(line.text for line in self.notes)


def _body_start(grid: Grid) -> int:
    """The first band of the body: the first with an amount or a code, else the first 合计 row (an empty table)."""
    totals_at = None
    for band in range(len(grid.ys) - 1):
        seen: set[int] = set()
        text_before = False
        for column in range(len(grid.xs) - 1):
            index = grid.cell_at[band][column]
            if index in seen:
                continue
            seen.add(index)
            cell = grid.cells[index]
            if cell.row != band:
                text_before = text_before or bool(cell.text)
                continue
            text = cell.text
            if text in EMPTY_TABLE_MARKS:
                return totals_at if totals_at is not None else band  # an empty table's 合计 row is body
            if any(AMOUNT.match(join_chars(line)) for line in cell.lines()):
                return band
            if totals_at is None and TOTAL_LABEL.match(text) and cell.row_end == band and not text_before:
                totals_at = band  # 合计 as the band's first text, on one band: a totals row, not a header
            text_before = text_before or bool(text)
    return totals_at if totals_at is not None else len(grid.ys) - 1


def _header(grid: Grid, body_start: int) -> tuple[list[str], list[PrintedCell]]:
    names: list[str] = []
    header_cells: dict[int, PrintedCell] = {}
    for column in range(len(grid.xs) - 1):
        parts: list[str] = []
        last = -1
        for band in range(body_start):
            index = grid.cell_at[band][column]
            if index == last:
                continue
            last = index
            cell = grid.cells[index]
            text = cell.text
            if text and (not parts or parts[-1] != text):
                parts.append(text)
            if text and index not in header_cells:
                header_cells[index] = PrintedCell(text, grid.page, cell.box)
        names.append("/".join(parts))
    return names, list(header_cells.values())


def _band_text(grid: Grid, band: int) -> str:
    return "|".join(grid.cell(band, j).text for j in range(len(grid.xs) - 1))


def _body(grid: Grid, body_start: int) -> list[list[PrintedCell]]:
    rows = []
    for band in range(body_start, len(grid.ys) - 1):
        rows.extend(_band_rows(grid, band))
    return rows


def _band_rows(grid: Grid, band: int) -> list[list[PrintedCell]]:
    """One band's row, or several where the printer drew no rule between rows: a cell holding two or more
    amounts one above the other splits the band at the midpoints between them. A line of text with no
    amount beside it (a label that wrapped) stays with the row above."""
    centres: list[float] = []
    for column in range(len(grid.xs) - 1):
        cell = grid.cell(band, column)
        if cell.col != column or cell.row != band or cell.row_end != band:
            continue
        lines = cell.lines()
        if len(lines) >= 2 and all(AMOUNT.match(join_chars(line)) for line in lines):
            centres += [sum(c.cy for c in line) / len(line) for line in lines]
    centres = sorted(centres)
    stacked: list[float] = []
    for centre in centres:
        if not stacked or centre - stacked[-1] > ROW_TOLERANCE_PT:
            stacked.append(centre)
    if len(stacked) < 2:
        return [_band_row(grid, band, None)]
    cuts = [grid.ys[band], *((a + b) / 2 for a, b in pairwise(stacked)), grid.ys[band + 1]]
    rows: list[list[PrintedCell]] = []
    for top, bottom in pairwise(cuts):
        row = _band_row(grid, band, (top, bottom))
        if rows and not any(AMOUNT.match(c.text) for c in row) and any(c.text and not c.continued for c in row):
            rows[-1] = _joined(rows[-1], row)
        else:
            rows.append(row)
    return rows


def _joined(above: list[PrintedCell], below: list[PrintedCell]) -> list[PrintedCell]:
    """A row whose text a break split off (a line in a cell, a page) joined to the row above it, cell by cell."""
    return [replace(up, text=up.text + down.text) if down.text else up for up, down in zip(above, below, strict=True)]


def _band_row(grid: Grid, band: int, stripe: tuple[float, float] | None) -> list[PrintedCell]:
    """The cells of one band, or of one horizontal stripe of it (a row the printer drew no rule under)."""
    row: list[PrintedCell] = []
    for column in range(len(grid.xs) - 1):
        cell: Cell = grid.cell(band, column)
        if cell.col != column:
            row.append(PrintedCell("", grid.page, cell.box, continued=True))  # spanned from the left
        elif stripe is None or cell.row != band or cell.row_end != band:
            row.append(PrintedCell(cell.text, grid.page, cell.box, continued=cell.row != band))
        else:
            top, bottom = stripe
            part = [c for c in cell.chars if top <= c.cy < bottom]
            lines = Cell(cell.row, cell.col, cell.row_end, cell.col_end, cell.x0, top, cell.x1, bottom, part).lines()
            text = "".join(join_chars(line) for line in lines)
            row.append(PrintedCell(text, grid.page, (cell.box[0], round(top, 1), cell.box[2], round(bottom, 1))))
    return row


def _column_map(table_xs: list[float], grid_xs: list[float]) -> list[int] | None:
    """For a grid that may continue a table: for each of the table's columns, the grid column holding it,
    or None when the grid's edges are not among the table's (a different table). A continued page may
    merge columns (a 合计 row spanning the code columns), so the grid's edges may be fewer."""

    def near(x: float, xs: list[float]) -> bool:
        return any(abs(x - y) <= COLUMN_TOLERANCE_PT for y in xs)

    if not table_xs or not near(grid_xs[0], table_xs[:1]) or not near(grid_xs[-1], table_xs[-1:]):
        return None
    if not all(near(x, table_xs) for x in grid_xs):
        return None
    mapping = []
    for j in range(len(table_xs) - 1):
        middle = (table_xs[j] + table_xs[j + 1]) / 2
        mapping.append(max(k for k in range(len(grid_xs) - 1) if grid_xs[k] <= middle))
    return mapping


def _title_lines(context: list[TextLine]) -> tuple[list[TextLine], str | None, str | None]:
    """(title lines, unit, department) from the text between the previous table and this one."""
    unit = department = None
    meta_index = len(context)
    for i, line in enumerate(context):
        if META_LINE.search(line.text):
            meta_index = min(meta_index, i)
            if match := UNIT.search(line.text):
                unit = match.group(1)
            if match := DEPARTMENT.search(line.text):
                department = match.group(1)
    candidates = [
        line for line in context[:meta_index] if not PAGE_NUMBER.match(line.text) and not PART_HEADING.match(line.text)
    ]
    title: list[TextLine] = []
    for line in reversed(candidates):
        if line.text.endswith(("。", "；")) or len(line.text) > 60:
            break
        if title:
            height = max(line.bottom - line.top, 1.0)
            if title[0].top - line.bottom > height * TITLE_LINE_GAP or len(title) >= 2:
                break
        title.insert(0, line)
    return title, unit, department


def read_tables(pages: list[Page]) -> tuple[list[PrintedTable], list[tuple[int, TextLine]]]:
    """The document's printed tables, and its text outside them: (page number, line) in reading order."""
    tables: list[PrintedTable] = []
    free_text: list[tuple[int, TextLine]] = []
    last_unit: str | None = None
    for page in pages:
        grids = find_grids(page)
        lines = text_lines(outside(page.chars, grids))
        free_text.extend((page.number, line) for line in lines)
        previous_bottom = 0.0
        for position, grid in enumerate(grids):
            top = grid.ys[0]
            context = [line for line in lines if previous_bottom <= line.top and line.bottom <= top + 1]
            previous_bottom = grid.ys[-1]
            title_lines, unit, department = _title_lines(context)
            body_start = _body_start(grid)
            columns, header_cells = _header(grid, body_start)
            body = _body(grid, body_start)
            if not title_lines and body_start < len(grid.ys) - 1 and grid.cell(0, 0).col_end == len(grid.xs) - 2:
                # A form whose title is its own first row (财政项目支出绩效目标填报表).
                inner = grid.cell(0, 0)
                if "表" in inner.text:
                    title_lines = [TextLine(inner.text, *inner.box, chars=tuple(inner.chars))]
            # A grid without a title, first on its page, whose columns line up with the last table of the page
            # before, continues that table.
            last = tables[-1] if tables and not title_lines and position == 0 else None
            mapping = _column_map(last.xs, grid.xs) if last and last.pages[-1] == page.number - 1 else None
            if last and mapping is not None:
                # A continuation's header is only the first page's header printed again; anything else is body.
                repeated = 0
                while repeated < len(grid.ys) - 1 and _band_text(grid, repeated) in last.header_bands:
                    repeated += 1
                _continue(last, _remap(_body(grid, repeated), mapping), page.number)
                if unit and not last.unit:
                    last.unit = unit
                continue
            title = "".join(line.text for line in title_lines)
            table = PrintedTable(
                index=len(tables) + 1,
                title=title,
                title_page=page.number,
                title_box=(
                    round(min(x.x0 for x in title_lines), 1),
                    round(min(x.top for x in title_lines), 1),
                    round(max(x.x1 for x in title_lines), 1),
                    round(max(x.bottom for x in title_lines), 1),
                )
                if title_lines
                else None,
                unit=unit or (None if title_lines else last_unit),
                department=department,
                columns=columns,
                header_cells=header_cells,
                rows=body,
                pages=[page.number],
                xs=grid.xs,
                header_bands=[_band_text(grid, band) for band in range(body_start)],
                header_rows=_header_rows(grid, body_start, body),
            )
            if not title_lines:
                table.warnings.append(f"page {page.number}: a table with no title above it")
            if unit:
                last_unit = unit
            tables.append(table)
        _attach_notes(tables, grids, lines, page.number)
    return tables, free_text


def _header_rows(grid: Grid, body_start: int, body: list[list[PrintedCell]]) -> list[list[PrintedCell]]:
    """`_body(grid, 0)[:body_start]`, the body's rows (read already) not read twice: the first `body_start`
    rows of the grid's header bands, then of its body where the header bands make fewer rows."""
    rows = [row for band in range(body_start) for row in _band_rows(grid, band)]
    return (rows + [list(row) for row in body[: max(body_start - len(rows), 0)]])[:body_start]


def _remap(body: list[list[PrintedCell]], mapping: list[int]) -> list[list[PrintedCell]]:
    rows = []
    for row in body:
        cells = []
        for j, k in enumerate(mapping):
            first = j == 0 or mapping[j - 1] != k
            cell = row[k]
            cells.append(cell if first else PrintedCell("", cell.page, cell.box, continued=True))
        rows.append(cells)
    return rows


def _continue(table: PrintedTable, body: list[list[PrintedCell]], page: int) -> None:
    """Join a table continued on the next page (its repeated header already dropped): a label split by the
    page break is rejoined with its first part."""
    rows = body
    if (
        rows
        and table.rows
        and not any(AMOUNT.match(c.text) for c in rows[0])
        and all(not c.text or not CODE.match(c.text) for c in rows[0])
        # the tail of a split label is shorter than its head; a longer label is a row of its own left blank
        # ("使用非财政拨款结余（含专用结余）" under "本年收入合计")
        and all(not f.text or len(f.text) <= len(p.text) for f, p in zip(rows[0], table.rows[-1], strict=True))
    ):
        table.rows[-1] = _joined(table.rows[-1], rows[0])
        rows = rows[1:]
    table.rows.extend(rows)
    table.pages.append(page)


def _attach_notes(tables: list[PrintedTable], grids: list[Grid], lines: list[TextLine], page: int) -> None:
    """Lines right under a table that start 注/说明/备注 (and their wrapped continuations) are its notes."""
    page_tables = [t for t in tables if t.pages and t.pages[-1] == page]
    for grid, table in zip(grids[-len(page_tables) :] if page_tables else [], page_tables, strict=False):
        below = [line for line in lines if line.top >= grid.ys[-1] - 1]
        if not below:
            continue
        first = below[0]
        if NOTE_LINE.match(first.text) and first.top - grid.ys[-1] < 40:
            table.notes.append(first)
            table.note_pages.append(page)
            for line in below[1:]:
                if line.top - table.notes[-1].bottom > (first.bottom - first.top) * TITLE_LINE_GAP:
                    break
                if NOTE_LINE.match(line.text):
                    table.notes.append(line)  # a second note (注：本表反映… then 说明：…故本表无数据。)
                    continue
                if META_LINE.search(line.text) or "表" in line.text[-3:]:
                    break
                table.notes.append(line)
