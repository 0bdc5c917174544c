"""The council briefing (简报) drawn: a print-ready A4 PDF of one document for council members, 2 to 4 pages.

What it says is budgetlens/brief_content.py (`build_brief`: sections of sentences, tables and bars from the
canonical model only, each figure with where it is printed); here `render_pdf` draws that with fpdf2
(docs/ARCHITECTURE.md, "The council briefing", says why fpdf2) in Noto Sans CJK, embedded as a subset.

The font is a setting: BUDGETLENS_BRIEF_FONT (a .ttc/.otf/.ttf with Chinese glyphs; default the Debian package
fonts-noto-cjk's NotoSansCJK-Regular.ttc) and BUDGETLENS_BRIEF_FONT_INDEX (the face in a collection; default 2,
Simplified Chinese). A missing font is a BriefFontError that says what to install.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from budgetlens.brief_content import Bar, Brief, Table, build_brief
from budgetlens.canonical_queries import names_said
from budgetlens.store import Snapshot, load_snapshot

FONT_ENV = "BUDGETLENS_BRIEF_FONT"
FONT_INDEX_ENV = "BUDGETLENS_BRIEF_FONT_INDEX"
DEFAULT_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
DEFAULT_FONT_INDEX = 2  # Noto Sans CJK SC in the collection


class BriefFontError(RuntimeError):
    """The CJK font for the brief is not where the setting says."""


def font_setting() -> tuple[Path, int]:
    path = Path(os.environ.get(FONT_ENV) or DEFAULT_FONT)
    if not path.is_file():
        raise BriefFontError(
            f"简报所需的中文字体不存在：{path}。请安装 Debian 软件包 fonts-noto-cjk（apt-get install fonts-noto-cjk），"
            f"或用环境变量 {FONT_ENV} 指向一个含简体中文字形的 .ttc/.otf/.ttf 文件"
            f"（集合文件中的字体序号用 {FONT_INDEX_ENV}，默认 {DEFAULT_FONT_INDEX}）。"
        )
    return path, int(os.environ.get(FONT_INDEX_ENV) or DEFAULT_FONT_INDEX)


# ---------------------------------------------------------------- drawing

INK = (33, 37, 41)
MUTED = (100, 106, 115)
ACCENT = (38, 84, 148)
BAR = (70, 120, 180)
HEAD_FILL = (230, 236, 245)
MARGIN = 15.0  # mm
CELL_PADDING = (0.8, 1.2)  # a table cell's padding (mm): top and bottom, left and right
# Punctuation a Chinese line never starts with (行首禁则): a line break before one moves the character before it down.
# 页 too: a page reference is not cut from its number (第 18|页 moves down whole as 18 页).
NO_LINE_START = frozenset("。，、；：？！）》」』”’%页")


# The characters of a figure (5,364.75; −0.01; 2024): a line break between two of them cuts the figure in two.
FIGURE = frozenset("0123456789,.−-+")


def kept_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The lines of `text` a character wrap cut (start, end; a gap between two is a space the wrap dropped), the cuts
    moved back so that no line starts with closing punctuation and no figure is cut in two: the last character of
    the line before moves down with the punctuation (…占 2.21%|。 → …占 2.21|%。 is wrong too, so it repeats while
    needed), and a figure's head moves down to its tail (5,364.|75 → |5,364.75). Across a dropped space the line
    before ends a figure of its own (16,497.86 15,621.11) unless what moves down brings it (1.19 |% → |1.19 %). A
    line is only ever a stretch of `text`: nothing is lost or repeated."""
    spans = list(spans)
    for index in range(1, len(spans)):
        while True:
            (start, cut), (begin, end) = spans[index - 1], spans[index]
            before, after = text[start:cut], text[begin:end]
            if len(before) <= 1:
                break
            if after[:1] in NO_LINE_START:
                moved = 1
                while moved < len(before) - 1 and before[-moved].isspace():
                    moved += 1  # never a line that starts with a space: the character before it comes too
            elif before[-1:] in FIGURE and after[:1] in FIGURE and begin == cut:
                moved = len(before) - len(before.rstrip("".join(FIGURE)))
                if moved >= len(before):
                    break  # a line that is all one figure: nowhere to move it
            else:
                break
            spans[index - 1], spans[index] = (start, cut - moved), (cut - moved, end)
    return spans


def render_pdf(brief: Brief, font: tuple[Path, int] | None = None) -> bytes:
    """The brief as A4 PDF bytes, the CJK font embedded as a subset of the glyphs used."""
    from fpdf import FPDF, FontFace
    from fpdf.enums import TextMode, WrapMode

    path, face = font or font_setting()

    class Document(FPDF):
        def footer(self) -> None:
            self.set_y(-11)
            self.set_font("cjk", size=7.5)
            self.set_text_color(*MUTED)
            # the brief's own title, never the store's document id: a council member reads this
            self.cell(0, 5, f"预算透视 · {brief.title} · 第 {self.page_no()} 页，共 {{nb}} 页", align="C")

    pdf = Document(format="A4", unit="mm")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_font("cjk", "", str(path), collection_font_number=face)
    font_object = pdf.fonts.get("cjk")
    if font_object is not None and hasattr(font_object, "ttfont"):
        _lighten_subsetting(font_object)
    pdf.set_title(brief.title)
    pdf.set_author("预算透视 Budget Lens")
    pdf.set_creator("budgetlens.brief")
    pdf.add_page()
    width = pdf.epw

    def broken(text: str) -> str:
        return _broken(pdf, text, width, WrapMode)

    def strong(text: str, size: float, color=INK, height: float = 7.0) -> None:
        pdf.set_font("cjk", size=size)
        pdf.set_text_color(*color)
        with pdf.local_context(text_mode=TextMode.FILL_STROKE, line_width=0.18 * size / 12, draw_color=color):
            pdf.multi_cell(width, height, broken(text), new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.CHAR)

    def body(text: str, size: float = 9.0, color=INK) -> None:
        pdf.set_font("cjk", size=size)
        pdf.set_text_color(*color)
        pdf.multi_cell(width, size * 0.55, broken(text), new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.CHAR)
        pdf.ln(1.2)

    strong(brief.title, 16, ACCENT, 8.5)
    body(brief.subtitle, 8.5, MUTED)
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.5)
    pdf.line(MARGIN, pdf.get_y(), MARGIN + width, pdf.get_y())
    pdf.ln(2.5)

    for section in brief.sections:
        if (section.new_page and pdf.page_no() == 1) or pdf.get_y() > pdf.h - 50:
            pdf.add_page()
        strong(section.title, 12, ACCENT, 7.5)
        for paragraph in section.paragraphs:
            body(paragraph)
        if section.table is not None:
            _draw_table(pdf, section.table, width, FontFace, WrapMode)
        if section.bars:
            _draw_bars(pdf, section.bars, width)
        for note in section.notes:
            body(note, 8.0, MUTED)
        pdf.ln(2.0)
    return bytes(pdf.output())


def _no_closure(_subsetter) -> None:
    return None


def _lighten_subsetting(font_object) -> None:
    """Two costs of subsetting a CJK CFF font that buy nothing here, removed on this one font object only:

    - recomputing every kept glyph's bounds when the subset is saved (the PDF's FontBBox comes from `head`);
    - the CFF glyph closure, which runs every kept glyph's charstring to find `seac` accent components.
      A CID-keyed CFF font (Noto Sans CJK is one: its top dict has an ROS) cannot use `seac` (it names
      glyphs by Standard Encoding, which a CID font does not have), so the closure finds nothing.
    Together they were about 60 % of a text-heavy brief's time on this machine (scripts/bench_brief.py).
    """
    ttfont = font_object.ttfont
    ttfont.recalcBBoxes = False
    if "CFF " in ttfont:
        table = ttfont["CFF "]
        top = table.cff.topDictIndex[0]
        if getattr(top, "ROS", None) is not None:
            table.closure_glyphs = _no_closure  # an attribute of this table instance, not of the class


def _draw_table(pdf, table: Table, width: float, FontFace, WrapMode) -> None:
    pdf.set_font("cjk", size=8)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_text_color(*INK)
    pdf.set_draw_color(190, 196, 204)
    pdf.set_line_width(0.2)
    total = sum(table.widths)
    align = table.align or "L" * len(table.headers)
    widths = tuple(width * w / total for w in table.widths)
    with pdf.table(
        col_widths=widths,
        width=width,
        headings_style=FontFace(emphasis="", fill_color=HEAD_FILL, color=INK),
        line_height=4.0,
        padding=CELL_PADDING,
        text_align=tuple({"L": "LEFT", "R": "RIGHT"}[a] for a in align),
        wrapmode=WrapMode.CHAR,
        first_row_as_headings=True,
    ) as grid:
        grid.row(table.headers)
        for row in table.rows:
            cells = zip(row, widths, strict=True)
            grid.row([_broken(pdf, text, cell_width, WrapMode, CELL_PADDING) for text, cell_width in cells])
    pdf.ln(1.5)


def _broken(pdf, text: str, width: float, WrapMode, padding: tuple[float, float] = (0, 0)) -> str:
    """The text with its line breaks made here, in the font and size set, for a cell `width` wide with `padding` (a
    table's cells): the breaks a character wrap makes, moved back where it cut a figure or put closing punctuation
    first (kept_spans); a line that then no longer fits is wrapped anew with the rest. A space the wrap drops at a
    break stays dropped, unless the break moved from it."""
    from fpdf.enums import MethodReturnValue

    def wrapped(text: str) -> list[str]:
        return pdf.multi_cell(
            width, 4, text, dry_run=True, output=MethodReturnValue.LINES, wrapmode=WrapMode.CHAR, padding=padding
        )

    paragraphs = []
    for paragraph in text.split("\n"):
        kept: list[str] = []
        rest = paragraph
        while rest:
            wrap = wrapped(rest)
            starts = _starts(rest, wrap)
            if starts is None:  # the wrap's lines are not stretches of the text: kept as it wrapped them
                kept += wrap
                break
            cut = [(start, start + len(line)) for start, line in zip(starts, wrap, strict=True)]
            spans = kept_spans(rest, cut)
            # a line that grew with what moved down and no longer fits: it and the rest are wrapped anew
            grown = next(
                (i for i, span in enumerate(spans) if i and span != cut[i] and len(wrapped(rest[slice(*span)])) > 1),
                len(spans),
            )
            kept += [rest[slice(*span)] for span in spans[:grown]]
            rest = rest[spans[grown][0] :] if grown < len(spans) else ""
        paragraphs.append("\n".join(kept))
    return "\n".join(paragraphs)


def _starts(text: str, lines: list[str]) -> list[int] | None:
    """Where each of a wrap's lines starts in `text` (the wrap drops a space where it breaks at one); None where a line
    is not the next stretch of the text."""
    starts, at = [], 0
    for line in lines:
        at = text.find(line, at)
        if at < 0:
            return None
        starts.append(at)
        at += len(line)
    return starts


def _draw_bars(pdf, bars: tuple[Bar, ...], width: float) -> None:
    """A horizontal bar chart drawn with the PDF's own rectangles: label, bar, exact figure."""
    label_w, text_w, bar_h, gap = 52.0, 36.0, 4.2, 2.2
    plot_w = width - label_w - text_w
    biggest = max((b.value for b in bars), default=0) or 1.0
    pdf.set_font("cjk", size=8.5)
    for bar in bars:
        if pdf.get_y() + bar_h + gap > pdf.h - 18:
            pdf.add_page()
        y = pdf.get_y()
        pdf.set_text_color(*INK)
        pdf.set_xy(MARGIN, y)
        pdf.cell(label_w - 2, bar_h, _fit(pdf, bar.label, label_w - 2), align="R")
        length = max(plot_w * max(bar.value, 0.0) / biggest, 0.4)
        pdf.set_fill_color(*BAR)
        pdf.rect(MARGIN + label_w, y + 0.4, length, bar_h - 0.8, style="F")
        pdf.set_xy(MARGIN + label_w + length + 1.5, y)
        pdf.cell(text_w, bar_h, bar.text)
        pdf.set_y(y + bar_h + gap)
    pdf.set_fill_color(255, 255, 255)
    pdf.ln(1.0)


def _fit(pdf, text: str, width: float) -> str:
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


# Kept in a download's name: letters and digits of any script (Chinese included), and these; anything else
# (separators, spaces, path characters, control characters of a hostile title) becomes one "_".
NOT_IN_FILE_NAME = re.compile(r"[^\w（）()\-]+")


def brief_file_name(label: str, most: int = 80) -> str:
    """The brief's download name from the document's label as the sidebar shows it: 2024年决算 · 上海市普陀区财政局 →
    2024年决算_上海市普陀区财政局_简报.pdf (not the snapshot's folder name, which is ours)."""
    stem = NOT_IN_FILE_NAME.sub("_", label).strip("_")[:most] or "预算文件"
    return f"{stem}_简报.pdf"


def brief_pdf(snapshots: Path, doc_id: str) -> bytes:
    """Load `doc_id` from the snapshots folder and return its brief as PDF bytes."""
    snapshot = names_said(load_snapshot(snapshots / doc_id, doc_id))
    return render_pdf(build_brief(snapshot, snapshots))


def snapshot_brief_pdf(snapshot: Snapshot, snapshots: Path | None) -> bytes:
    """The brief of an already loaded snapshot (the dashboard's cached one)."""
    return render_pdf(build_brief(snapshot, snapshots))
