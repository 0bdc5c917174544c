"""Measure two PDF writers for the council briefing: fpdf2 and reportlab (speed, size, CJK embedding).

Not part of the app or the tests. Run it in a scratch virtualenv that has both candidates:

    python3 -m venv ../briefcmp-venv
    ../briefcmp-venv/bin/pip install fpdf2==2.8.9 reportlab==5.1.0 fonttools pypdfium2==5.15.2
    nice -n 10 ../briefcmp-venv/bin/python scripts/compare_brief_libraries.py [--repeats 5]

Each library writes the same three-page A4 document: a title, a four-row table of figures, a horizontal bar
chart of eight classes drawn with the library's own drawing, and 60 rows of Chinese text in a table, in
Noto Sans CJK SC (the Debian fonts-noto-cjk .ttc, CFF outlines). Timed: the whole build, font loading and
subsetting included, in one process (median of --repeats after one warm-up). Reported: seconds, bytes,
pages, whether the font is embedded (a FontFile2/FontFile3 stream), and whether pypdfium2 reads the text back.

reportlab's TTFont reads TrueType (glyf) outlines only: the Noto CJK faces are CFF, so the script first tries
the .ttc directly (it fails), then gives reportlab what it would need at run time: the document's characters
subset out of the face with fontTools and converted to TrueType outlines (cu2qu), timed as part of the build.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FACE = 2  # Noto Sans CJK SC in the collection
CLASSES = [
    ("一般公共服务支出", 9120.5),
    ("公共安全支出", 4210.0),
    ("科学技术支出", 18000.0),
    ("社会保障和就业支出", 640.2),
    ("卫生健康支出", 320.1),
    ("城乡社区支出", 2210.7),
    ("住房保障支出", 140.0),
    ("其他支出", 55.3),
]
ROWS = [
    (f"第{i}项 财政拨款“三公”经费支出表 公务用车运行费", f"{i * 123.45:,.2f}", f"附表1-7 第 {300 + i} 行")
    for i in range(60)
]
TITLE = "武汉市洪山区科学技术和经济信息化局 2023 年部门预算简报"


def all_text() -> str:
    parts = [TITLE, "项目金额（万元）来源支出总计基本支出项目支出三公经费", *[c for c, _ in CLASSES]]
    parts += [" ".join(r) for r in ROWS]
    return "".join(parts) + "0123456789,.%（）：；、第页行 "


def _subset_otf(path: str, folder: str) -> str:
    """The document's characters out of one face of the collection, as a small OpenType (CFF) file."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(path, fontNumber=FACE, lazy=True)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=all_text())
    subsetter.subset(font)
    out = f"{folder}/{path.rsplit('/', 1)[1]}.otf"
    font.save(out)
    return out


def build_fpdf2(presubset: bool = False) -> bytes:
    import tempfile

    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    with tempfile.TemporaryDirectory() as folder:
        bold = FONT.replace("Regular", "Bold")
        regular_file, bold_file = (_subset_otf(FONT, folder), _subset_otf(bold, folder)) if presubset else (FONT, bold)
        number = 0 if presubset else FACE
        pdf.add_font("noto", "", regular_file, collection_font_number=number)
        pdf.add_font("noto", "B", bold_file, collection_font_number=number)
        return _fpdf2_content(pdf)


def _fpdf2_content(pdf) -> bytes:
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("noto", size=16)
    pdf.cell(0, 10, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("noto", size=9)
    with pdf.table(col_widths=(60, 40, 80)) as table:
        for row in [("项目", "金额（万元）", "来源"), *ROWS[:4]]:
            table.row(row)
    top = pdf.get_y() + 6
    biggest = max(v for _, v in CLASSES)
    for i, (name, value) in enumerate(CLASSES):
        y = top + i * 7
        pdf.set_xy(15, y)
        pdf.cell(45, 5, name)
        pdf.set_fill_color(70, 110, 170)
        pdf.rect(62, y + 0.5, 110 * value / biggest, 4, style="F")
        pdf.set_xy(62 + 110 * value / biggest + 1, y)
        pdf.cell(20, 5, f"{value:,.2f}")
    pdf.set_y(top + len(CLASSES) * 7 + 6)
    with pdf.table(col_widths=(100, 30, 50)) as table:
        for row in ROWS:
            table.row(row)
    return bytes(pdf.output())


def _reportlab_font(path: str, name: str):
    """The document's characters from the CFF face, as a TrueType font reportlab can embed."""
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable
    from reportlab.pdfbase.ttfonts import TTFont as RLFont

    font = TTFont(path, fontNumber=FACE, lazy=True)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=all_text())
    subsetter.subset(font)
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = {}
    for glyph in glyf.glyphOrder:
        pen = TTGlyphPen(glyph_set)
        glyph_set[glyph].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[glyph] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    font["maxp"].tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(font["maxp"], attr, 0)
    font["maxp"].maxZones = 1
    font["post"].formatType = 2.0
    font["post"].extraNames = []
    font["post"].mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"
    out = io.BytesIO()
    font.save(out)
    out.seek(0)
    return RLFont(name, out)


def build_reportlab() -> bytes:
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    pdfmetrics.registerFont(_reportlab_font(FONT, "noto"))
    pdfmetrics.registerFont(_reportlab_font(FONT.replace("Regular", "Bold"), "noto-bold"))
    pdfmetrics.registerFontFamily("noto", normal="noto", bold="noto-bold")
    style = ParagraphStyle("cn", fontName="noto", fontSize=9, leading=12, wordWrap="CJK")
    head = ParagraphStyle("h", fontName="noto-bold", fontSize=16, leading=20)
    biggest = max(v for _, v in CLASSES)
    chart = Drawing(180 * mm, len(CLASSES) * 7 * mm)
    for i, (name, value) in enumerate(CLASSES):
        y = (len(CLASSES) - 1 - i) * 7 * mm
        chart.add(String(0, y + 1.5 * mm, name, fontName="noto", fontSize=9))
        width = 110 * mm * value / biggest
        chart.add(Rect(47 * mm, y + 0.5 * mm, width, 4 * mm, fillColor=colors.Color(0.27, 0.43, 0.67), strokeWidth=0))
        chart.add(String(47 * mm + width + 1 * mm, y + 1.5 * mm, f"{value:,.2f}", fontName="noto", fontSize=9))
    story = [
        Paragraph(TITLE, head),
        Table(
            [[Paragraph(c, style) for c in r] for r in [("项目", "金额（万元）", "来源"), *ROWS[:4]]],
            colWidths=(60 * mm, 40 * mm, 80 * mm),
        ),
        chart,
        Table([[Paragraph(c, style) for c in r] for r in ROWS], colWidths=(100 * mm, 30 * mm, 50 * mm)),
    ]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()


def reportlab_direct() -> str:
    """What reportlab says when handed the Debian font as it is."""
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        TTFont("noto-direct", FONT, subfontIndex=FACE)
    except Exception as err:  # the measurement is the error itself
        return f"{type(err).__name__}: {err}"
    return "loaded"


def inspect(data: bytes) -> dict:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    text = "".join(page.get_textpage().get_text_range() for page in document)
    width, height = document[0].get_size()
    return {
        "pages": len(document),
        "a4": (round(width), round(height)) == (595, 842),
        "font_embedded": b"/FontFile2" in data or b"/FontFile3" in data,
        "text_reads_back": TITLE.replace(" ", "") in text.replace(" ", "").replace("\r\n", ""),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print("reportlab given the .ttc as it is:", reportlab_direct())
    candidates = (
        ("fpdf2 (the .ttc face as it is)", build_fpdf2),
        ("fpdf2 (+ fontTools subset first)", lambda: build_fpdf2(presubset=True)),
        ("reportlab (+ fontTools subset, CFF->TrueType)", build_reportlab),
    )
    for name, build in candidates:
        data = build()  # warm-up: imports
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            data = build()
            times.append(time.perf_counter() - start)
        print(
            f"{name}: median {statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f}), "
            f"{len(data):,} bytes, {inspect(data)}"
        )


if __name__ == "__main__":
    main()
