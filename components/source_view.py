"""One "原文" view for any row of the canonical model: a text export's lines as text, a PDF cell as the page image
around it with the cell outlined. A page hands it what the rows carry; it never asks the document's format.

The page image is rendered locally from data/raw/<file>.pdf (pypdfium2; no network), only when the file's sha256 is
the one the manifest recorded, and cached per (file, page, box): the same cell is drawn once per process.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from components import ui
from components.ui import plain

# The originals' folder: data/raw/, or BUDGETLENS_RAW as components/data.py reads it (a dashboard over a snapshot
# folder of its own, e.g. scanned copies, shows their pages).
RAW = Path(os.environ.get("BUDGETLENS_RAW") or Path(__file__).resolve().parent.parent / "data" / "raw")
SCALE = 2.0  # pixels per PDF point
MARGIN_X = 150.0  # points of page shown left and right of the cell
MARGIN_Y = 70.0  # points above and below
NOT_AVAILABLE = "原件 PDF 不在本机或与快照清单的校验值不符，无法显示原件图像。"


def source_file(sources: list[dict], page: int) -> tuple[str, str, int] | None:
    """(file name, sha256, 0-based page index in that file) of the document's page `page` (1-based)."""
    for source in sources:
        first = int(source.get("first_page") or 1)
        if first <= page < first + int(source.get("pages") or 0):
            return source["file"], source.get("sha256", ""), page - first
    return None


@st.cache_data(max_entries=16, show_spinner=False)
def _verified(path: str, sha256: str, mtime: float) -> bool:
    data = Path(path).read_bytes()
    return hashlib.sha256(data).hexdigest() == sha256


def line_left(page, box: tuple[float, float, float, float]) -> float | None:
    """Where the printed text of the cell's line begins (points from the left): the leftmost character on the page
    whose height lies mostly within the cell's top and bottom, i.e. the row's name (and code) cells; None on a page
    without a text layer (a scan)."""
    _, top, _, bottom = box
    height = page.get_height()
    text = page.get_textpage()
    try:
        lefts = []
        for index in range(text.count_chars()):
            left, char_bottom, _, char_top = text.get_charbox(index)
            upper, lower = height - char_top, height - char_bottom  # from the top, as the box is
            overlap = min(lower, bottom) - max(upper, top)
            if lower > upper and overlap > (lower - upper) / 2 and text.get_text_range(index, 1).strip():
                lefts.append(left)
    finally:
        text.close()
    return min(lefts) if lefts else None


def crop_of(box: tuple[float, float, float, float], width: float, height: float, row_left: float | None) -> tuple:
    """The region shown around a cell (points): MARGIN_X and MARGIN_Y around it, widened on the left to where its
    line's text begins, so an amount is shown with the name of its row (a name column far left of the amounts)."""
    x0, top, x1, bottom = box
    left = x0 - MARGIN_X if row_left is None else min(x0 - MARGIN_X, row_left - 8.0)
    return max(0.0, left), max(0.0, top - MARGIN_Y), min(width, x1 + MARGIN_X), min(height, bottom + MARGIN_Y)


@st.cache_data(max_entries=512, show_spinner=False)
def cells_png(path: str, index: int, boxes: tuple[tuple[float, float, float, float], ...], mtime: float) -> bytes:
    """PNG of the page region around every box of `boxes` (x0, top, x1, bottom in points from the top-left; each
    crop_of, the row's name included, joined), each box outlined: a sum's side shows all the cells it adds up, not only
    the first."""
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    document = pdfium.PdfDocument(path)
    try:
        page = document[index]
        width, height = page.get_size()
        image = page.render(scale=SCALE).to_pil().convert("RGB")
        crops = [crop_of(box, width, height, line_left(page, box)) for box in boxes]
        page.close()
    finally:
        document.close()
    left, upper = min(crop[0] for crop in crops), min(crop[1] for crop in crops)
    right, lower = max(crop[2] for crop in crops), max(crop[3] for crop in crops)
    draw = ImageDraw.Draw(image)
    pad = 2.0
    for x0, top, x1, bottom in boxes:
        draw.rectangle(
            [(x0 - pad) * SCALE, (top - pad) * SCALE, (x1 + pad) * SCALE, (bottom + pad) * SCALE],
            outline=(214, 39, 40),
            width=4,
        )
    region = image.crop((int(left * SCALE), int(upper * SCALE), int(right * SCALE), int(lower * SCALE)))
    buffer = io.BytesIO()
    region.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def show_cell(
    manifest: dict,
    page: int | None,
    box: list[float] | tuple[float, ...] | None,
    *,
    title: str = "",
    table: str = "",
    outlined: str | None = None,
    ocr_confidence: float | None = None,
) -> None:
    """st.image of the page region around the cell, captioned "第 N 页" (and `title`, shown as text); on a page
    read by OCR (the manifest's ocr_pages) the caption says so, with the cell's confidence when given. Its alt text
    names the page, the table's title `table` where the caller knows it, and `outlined` (else `title`: alt_text)."""
    if page is None or box is None or len(box) != 4:
        st.caption("这一项没有记录在原件中的位置。")
        return
    cell = (tuple(float(v) for v in box),)
    show_cells(manifest, int(page), cell, title=title, table=table, outlined=outlined, ocr_confidence=ocr_confidence)


def show_cells(
    manifest: dict,
    page: int,
    boxes: tuple[tuple[float, float, float, float], ...],
    *,
    title: str = "",
    table: str = "",
    outlined: str | None = None,
    ocr_confidence: float | None = None,
) -> None:
    """st.image of the page region around all of `boxes`, each outlined, captioned as show_cell's; its alt text says
    what it shows for a screen reader (alt_text: the page, the table's title `table` where known, what is outlined:
    `outlined`, else `title`)."""
    found = source_file(manifest.get("sources") or [], page)
    path = RAW / found[0] if found else None
    mtime = path.stat().st_mtime if path is not None and path.is_file() else None
    if mtime is None or not _verified(str(path), found[1], mtime):
        st.caption(NOT_AVAILABLE)
        return
    png = cells_png(str(path), found[2], boxes, mtime)
    caption = f"第 {page} 页" + (f" · {plain(title)}" if title else "")  # captions render markdown
    if len(boxes) > 1:
        caption += f" · 红框标出 {len(boxes)} 个单元格"
    if page in (manifest.get("ocr_pages") or []):
        caption += " · 扫描页，OCR 识别" + (f"（置信度 {ocr_confidence:.2f}）" if ocr_confidence is not None else "")
    st.image(
        png,
        caption=caption,
        width="content",
        alt=alt_text(page, len(boxes), title=title if outlined is None else outlined, table=table),
    )


def alt_text(page: int, cells: int, *, title: str = "", table: str = "") -> str:
    """What a page crop shows, for a screen reader (an image's alt is plain text, never markdown):
    "原件第 16 页截图（一般公共预算财政拨款基本支出决算表），红框标出 27 个单元格：302 下级之和"."""
    shown = f"原件第 {page} 页截图" + (f"（{table}）" if table else "")
    outlined = "一个单元格" if cells == 1 else f" {cells} 个单元格"
    return f"{shown}，红框标出{outlined}" + (f"：{title}" if title else "")


@dataclass(frozen=True)
class Source:
    title: str
    lines: tuple[int, ...] = ()
    page: int | None = None
    box: tuple[float, ...] | None = None

    @classmethod
    def of(cls, title: str, row: dict, *, lines: str = "source_lines", page: str = "page", box: str = "box") -> Source:
        """The source a row carries in its columns `lines`, `page` and `box` (any of them may be empty)."""
        found = row.get(box)
        return cls(title, tuple(row.get(lines) or ()), row.get(page), tuple(found) if found is not None else None)


def source_expander(doc_id: str, manifest: dict, sources: list[Source], *, key: str, label: str = "原文") -> None:
    """An expander with each source, drawn only when opened: lines as text, a page and box as the page's image."""
    shown = [s for s in sources if s.lines or (s.page is not None and s.box is not None)]
    if not shown:
        return
    expander = st.expander(label, key=key, on_change="rerun")
    if not expander.open:
        return
    with expander:
        for source in shown:
            show(doc_id, manifest, source)


def show(doc_id: str, manifest: dict, source: Source, *, ocr_confidence: float | None = None) -> None:
    """One source drawn in place: its lines as text, or its page and box as the page's image."""
    if source.lines:
        ui.source_lines(doc_id, list(source.lines), title=source.title)
    else:
        show_cell(manifest, source.page, source.box, title=source.title, ocr_confidence=ocr_confidence)
