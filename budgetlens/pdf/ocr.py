"""A page without a text layer (a scan) read by OCR into the same page model as a digital page.

The page is rendered to a gray image, straightened (a scan is often turned by a fraction of a degree),
and read by RapidOCR (PaddleOCR's PP-OCRv4 models run by onnxruntime; the models ship inside the
`rapidocr-onnxruntime` wheel, so nothing is downloaded at run time; docs/OCR.md says why this engine).
Its output becomes `Char`s with boxes in PDF points, each carrying the engine's confidence, and the
table's ruling lines are found in the image itself (long runs of ink, by morphology). Recognition,
the readers, the canonical model and the checks then read the page exactly as they read a digital one.

What OCR gets wrong is never repaired here: a letter-spaced "99, 706, 020" becomes "99,706,020" only
because the characters' boxes say the spaces are narrow (as for any PDF line, `page.join_chars`), and a
cell the engine is unsure of keeps what it read; its confidence goes to provenance (`ocr_confidence`)
and a low one becomes a reading warning.
"""

from __future__ import annotations

import math
import os
import re
import threading
import unicodedata
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from budgetlens.pdf.page import Char, Page, Rule

if TYPE_CHECKING:  # numpy and opencv are imported when a page is read by OCR: a digital PDF never loads them
    import numpy as np

# The resolution a page is rendered at for OCR: the engine reads 9-point table text reliably from here
# (docs/OCR.md has the figures for 100, 150 and 200 dpi).
OCR_DPI = 150
# The text detector works on the page scaled down to this longest side (pixels): its cost grows with the
# area, its accuracy on table text holds down to about here.
DETECT_MAX_SIDE = 1400
# The recogniser's narrowest input (pixels at its 48-pixel height): the model's default, 320, pads every
# short cell ("201", "06") to a long line's width and doubles its cost. Not less: 96 saved 15–25 % of a table page's
# recognition but read the code part "02" of 303|02 as nothing (普陀区财政局 2025 p13, p20), 48 a lone "0" as "o".
RECOGNISE_MIN_WIDTH = 160
# Threads onnxruntime uses for one page: one; a document's scanned pages are read in OCR_WORKERS processes instead
# (onnxruntime's extra threads spin, costing CPU on a busy machine).
OCR_THREADS = 1
# Processes a document's scanned pages are read in, a page at a time each (both cores of a 2-core machine); the
# folder ingest, which already reads documents in parallel processes, reads each document's pages in one.
OCR_WORKERS = min(2, os.cpu_count() or 1)
# Fewer scanned pages than this are read in this process: a worker's start (an interpreter, opencv, onnxruntime and
# the three models, about 1.5 s of CPU) costs more than it saves.
POOL_MIN_PAGES = 3
# A page whose image draws fewer ruling lines than this is running text (a table page draws its grid): its lines
# are read by read_running_text, whole, at RUNNING_TEXT_HEIGHT (docs/OCR.md: 40–60 % less CPU on such a page).
RUNNING_TEXT_MAX_RULES = 4
# The recogniser's input height (pixels) for running text; a doubtful or mostly-digit line is read again at the
# model's 48. Body text of 10–12 points is 23–26 pixels tall on the detector's image: 32 reads it as well as 48.
RUNNING_TEXT_HEIGHT = 32
# How a scanned page's text is found. "detector": the engine's neural text detector over the whole page, its
# boxes' crops to the recogniser (the default). "pieces": pieces of text found by morphology between the ruling
# lines, each crop straight to the recogniser, the detector only for a block they cannot take apart
# (read_text): 20–75 % less CPU per page, but on the bench (docs/OCR.md) it reads fewer amounts exactly and
# misses some without a warning, so it is not the default until it reads as well.
TEXT_FINDER = "detector"
# Glyphs closer than this (points) are one piece of text at first sight, to measure the page's text height (em);
# then glyphs closer than TEXT_GAP_EM of that height are: wider than the gaps between the characters of a word
# or a letter-spaced amount ("99, 706, 020"), or after a comma of a sentence; narrower than the space between
# two amounts of a table without vertical rules.
TEXT_GAP_PT = 3.5
TEXT_GAP_EM = 0.6
# ... measured between ink up to this many ems higher or lower (a "." at the foot of a digit and the next
# digit's stem; the strokes of 工 and the character after it), less than the gap between two lines of a cell.
TEXT_REACH_DOWN_EM = 0.4
# A piece of text whose ink is taller than this many ems (the page's text height) may be two lines that touch:
# it is cut at a row with almost no ink; still taller than TOUCHING_LINES_EM, it goes to the detector.
TALL_PIECE_EM = 1.6
TOUCHING_LINES_EM = 2.5
# Pieces of one glyph (the strokes of 三, the halves of 类) lying one above the other are joined while together
# they are at most this many ems tall; two lines of text are taller.
GLYPH_PARTS_EM = 1.3
# A lone small mark (punctuation) this close (ems) to a piece of text on its line is part of it.
PUNCTUATION_GAP_EM = 1.0
# A line of text longer than this many ems is recognised in pieces cut at its widest gaps: the recogniser's
# cost grows faster than the length (a 45-character line costs several times its halves).
LONG_LINE_EM = 12.0
# Margin of the page kept around a piece of text in its crop, as a share of the text's height, left and right and above
# and below (about what the detector's boxes give), and the scale the crop is read at.
CROP_MARGIN_X = 0.25
CROP_MARGIN_Y = 0.15
CROP_SCALE = 0.8
# The characters' box reaches this share of the text's height above and below its ink, as the detector's boxes
# did: page.join_chars measures a gap against a character's height (a letter-spaced "16, 444.36" is one amount).
BOX_MARGIN_Y = 0.45
# Crops the recogniser reads at once: one. Batches cost more CPU, not less, with onnxruntime on this machine: a
# landscape page of 19 long lines took 17 s in batches of 6 and 6.5 s one by one (the same text), a table page
# 1.9–2.7 s against 1.65–1.75 s (docs/OCR.md).
RECOGNISE_BATCH = 1
# A gray level below this is ink.
INK_LEVEL = 160
# Runs of ink at least this long (points) are ruling lines; glyph strokes of table text are shorter.
RULE_MIN_LENGTH_PT = 24.0
# A ruling line is at most this thick (points); a thicker run of ink is a filled area, not a rule.
RULE_MAX_THICKNESS_PT = 3.0
# A page turned by less than this (degrees) is read as it is.
SKEW_MIN_DEGREES = 0.08
# ... and by more than this is not straightened (it is not a slightly skewed scan; OCR reads it as it is).
SKEW_MAX_DEGREES = 5.0
# Ink spots of at most this many pixels (at OCR_DPI) are specks of the scan: smaller than any full stop.
SPECK_MAX_PIXELS = 3
# Ink at least this tall (points) that OCR read nothing in is a glyph it missed (a 9-point "0" is about 6 pt).
UNREAD_MIN_HEIGHT_PT = 4.0
# Below this confidence an OCR'd amount is a reading warning (the engine's score, 0–1, per character).
LOW_CONFIDENCE = 0.90
# A recognised text whose mean score is below this is dropped as noise (the engine's own default).
MIN_TEXT_SCORE = 0.5

# A word that is a number as printed: digits with their separators, full-width forms included.
NUMBER_WORD = re.compile(r"^[-−－]?[0-9０-９][0-9０-９,，.．]*$")
# A full-width comma grouping the digits of a number inside a word of running text: the engine reads the same
# printed "," of 9-point text either way (普陀区财政局 2025 p7 "支出预算3,121.42万元" as "3，121.42").
FULL_WIDTH_GROUPING = re.compile(r"(?<=[0-9])，(?=[0-9]{3}(?![0-9]))")
# What the engine reads for a lone "0" in a cell now and then (a whole line of one letter o), and the marks a speck's
# faint rim beside it is read as ("o." and ".0" on 万里街道 2024 skew200 p23: each made its whole column text).
LONE_ZERO_AS_LETTER = ("o", "O", "ｏ", "Ｏ")
SPECK_MARKS = ".,．，-−－"
# A number or a code part (or a lone 0 read as the letter o) with a mark of a speck at either end.
NUMBER_WITH_MARKS = re.compile(r"[.,．，\-−－]?[0-9oOｏＯ][0-9,.]*[.,．，\-−－]?")
# Glyphs a vertical ruling line is read as, at the end or the start of a line of text that reaches it (普陀区财政局
# 2025 skew200 p11: "782,164.00" right-aligned against its cell's rule read as "782,164.001").
RULE_AS_GLYPH = "1lI|丨!"
# A number (or a code part) followed by one more separator or a dash ("1.04.", "267.80,", "27.", "1.90-"): no
# cell prints that (a minus leads); on a speckled scan it is a speck beside the number.
TRAILING_SEPARATOR = re.compile(r"^-?[0-9][0-9,]*(?:\.[0-9]+)?[.,\-−－]$")

_engine_lock = threading.Lock()
_engine: Any = None


class OcrUnavailable(RuntimeError):
    """The OCR engine is not installed (it is in requirements.txt)."""


def engine() -> Any:
    """The RapidOCR engine, loaded once per process (about half a second: three ONNX models)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as err:  # pragma: no cover - the package is pinned in requirements.txt
                raise OcrUnavailable("the OCR engine (rapidocr-onnxruntime) is not installed") from err
            _engine = RapidOCR(
                intra_op_num_threads=OCR_THREADS,
                inter_op_num_threads=1,
                max_side_len=DETECT_MAX_SIDE,
                print_verbose=False,
            )
            _engine.text_rec.rec_image_shape = [3, 48, RECOGNISE_MIN_WIDTH]
            _engine.text_rec.rec_batch_num = RECOGNISE_BATCH
            # the detector reads only blocks the morphology cannot take apart: never scaled up (its default
            # brings the shorter side to 736 pixels, a whole page's cost for a small block)
            _engine.text_det.limit_type = "max"
            _engine.text_det.limit_side_len = DETECT_MAX_SIDE
        return _engine


def has_image(document: pdfium.PdfDocument, index: int) -> bool:
    """Whether the page draws any image (a scan is one image, or several strips of one)."""
    with closing(document[index]) as page:
        return any(
            pdfium_raw.FPDFPageObj_GetType(pdfium_raw.FPDFPage_GetObject(page.raw, k)) == pdfium_raw.FPDF_PAGEOBJ_IMAGE
            for k in range(pdfium_raw.FPDFPage_CountObjects(page.raw))
        )


def render_gray(document: pdfium.PdfDocument, index: int, dpi: int = OCR_DPI) -> tuple[np.ndarray, float, float]:
    """(gray image as uint8, page width, page height in points) of the page as displayed."""
    import numpy as np

    with closing(document[index]) as page:
        width, height = page.get_size()
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        return np.array(bitmap.to_pil().convert("L")), width, height


def read_page_by_ocr(document: pdfium.PdfDocument, index: int) -> Page:
    """The page (1-based number index + 1) as characters with boxes and ruling lines, read from its image."""
    gray, width, height = render_gray(document, index)
    return page_from_image(gray, index + 1, width, height)


def read_pages_by_ocr(
    document: pdfium.PdfDocument, path: Path, indices: list[int], *, workers: int | None = None
) -> dict[int, Page | Exception]:
    """The pages (0-based `indices` of the file at `path`, open as `document`) read by OCR: each page, or the
    exception reading it raised (the caller decides what an unreadable page means, as for a text page).

    With at least POOL_MIN_PAGES pages and more than one worker, the pages are read in worker processes, one page
    at a time each (a 30-page scan uses both cores); a pool that cannot start or breaks leaves the pages it did
    not read to this process."""
    workers = OCR_WORKERS if workers is None else workers
    found: dict[int, Page | Exception] = {}
    if workers > 1 and len(indices) >= POOL_MIN_PAGES:
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        try:
            # spawned, not forked: a fork of a process whose polars thread pool is running can hang (library.py)
            with ProcessPoolExecutor(max_workers=min(workers, len(indices)), mp_context=get_context("spawn")) as pool:
                pages = pool.map(_page_in_worker, [str(path)] * len(indices), indices)
                for index, page in zip(indices, pages, strict=True):
                    found[index] = page
        except Exception:  # a broken pool (a worker killed): the rest are read here
            pass
    for index in indices:
        if index not in found:
            try:
                found[index] = read_page_by_ocr(document, index)
            except Exception as err:  # handed to the caller as the page's reason
                found[index] = err
    return found


def _page_in_worker(path: str, index: int) -> Page | Exception:
    """One page read by OCR in a worker process (the engine loads once per worker)."""
    try:
        with pdfium.PdfDocument(path) as document:
            return read_page_by_ocr(document, index)
    except Exception as err:  # returned, so the page is named as unreadable like any other
        return err


def page_from_image(gray: np.ndarray, number: int, width: float, height: float) -> Page:
    try:
        import cv2
    except ImportError as err:  # the wheel needs libGL (Debian libgl1), which scripts/run installs
        raise OcrUnavailable(f"opencv cannot be loaded for OCR ({err})") from err
    import numpy as np

    gray = _without_specks(gray)
    angle = skew_degrees(gray)
    if SKEW_MIN_DEGREES <= abs(angle) <= SKEW_MAX_DEGREES:
        gray = _rotated(gray, angle)
    scale_x, scale_y = gray.shape[1] / width, gray.shape[0] / height  # pixels per point
    rules = image_rules(gray, scale_x, scale_y)
    rule_mask = _rule_mask((gray < INK_LEVEL).astype(np.uint8), scale_x, scale_y)
    paper = gray.copy()  # the page with its ruling lines taken out, found once: its ink is text (and specks' rims)
    paper[rule_mask > 0] = 255
    if TEXT_FINDER == "pieces":
        result = read_text(paper, rule_mask, scale_x)
    elif len(rules) < RUNNING_TEXT_MAX_RULES:
        result = read_running_text(gray)
    else:
        result, _ = engine()(cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR), use_cls=False, return_word_box=True)
        result = _without_rules_read_as_glyphs(paper, result or [], rules, scale_x, scale_y)
        result = _without_marks_of_no_ink(paper, result)
    unread = unread_ink(paper, result, scale_x, scale_y)
    if unread and TEXT_FINDER != "pieces" and len(rules) >= RUNNING_TEXT_MAX_RULES:
        result, unread = _missed_glyphs_read(paper, result, unread, scale_x, scale_y)
    chars = chars_from_result(result, scale_x, scale_y)
    return Page(number=number, width=width, height=height, chars=chars, rules=rules, ocr=True, unread_ink=unread)


def read_running_text(gray: np.ndarray) -> list:
    """The engine's lines ([box, text, score, word boxes, words, word scores], pixels) of a page of running text.

    The detector finds the lines as on any page, and each whole line is read at the recogniser's smaller input
    height (RUNNING_TEXT_HEIGHT: 32 pixels, about 40 % of the cost of the model's 48: its cost grows with the
    input's area). A line is read again at 48 pixels, a higher resolution, before any of it is called a doubt:
    when the engine's score for it is below LOW_CONFIDENCE, or when it is mostly digits (a number standing alone,
    as in a table drawn without rules: a table cell's digits read at 32 pixels were lost, "22,186,440.80" -> "2").
    Of the two readings the one the engine scores higher is kept (the 48-pixel one when they tie). Whole lines keep
    every character's context (segments cut beside a bracket read "(类)" for "（类）").
    """
    import cv2

    reading = engine()
    image = cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)
    small, ratio_h, ratio_w = reading.preprocess(image)
    reading.text_det.postprocess_op.box_thresh = 0.5  # as the engine's own call sets them
    reading.text_det.postprocess_op.unclip_ratio = 1.6
    boxes, _ = reading.auto_text_det(small)
    if boxes is None:
        return []
    crops = reading.get_crop_img_list(small, boxes)
    recogniser = reading.text_rec
    full_shape = list(recogniser.rec_image_shape)
    try:
        recogniser.rec_image_shape = [3, RUNNING_TEXT_HEIGHT, round(RECOGNISE_MIN_WIDTH * RUNNING_TEXT_HEIGHT / 48)]
        recognised = reading.cal_rec_boxes(crops, boxes, recogniser(crops, True)[0])
    finally:
        recogniser.rec_image_shape = full_shape
    again = [k for k, line in enumerate(recognised) if _doubtful(line)]
    if again:
        reread = reading.cal_rec_boxes(
            [crops[k] for k in again], [boxes[k] for k in again], recogniser([crops[k] for k in again], True)[0]
        )
        for k, line in zip(again, reread, strict=True):
            if _confidence(line) >= _confidence(recognised[k]):
                recognised[k] = line
    lines = []
    for box, line in zip(boxes, recognised, strict=True):
        text, score, word_boxes, words, word_scores = line
        if float(score) < MIN_TEXT_SCORE or not text.strip():
            continue
        score = _confidence(line)  # a character still below MIN_TEXT_SCORE makes the line a doubt
        on_page = [[float(x) * ratio_w, float(y) * ratio_h] for x, y in box]  # back to the page's pixels
        word_boxes = [[[x * ratio_w, y * ratio_h] for x, y in word_box] for word_box in word_boxes]
        lines.append([on_page, text, score, word_boxes, words, word_scores])
    return lines


def _without_rules_read_as_glyphs(
    paper: np.ndarray, result: list, rules: list[Rule], scale_x: float, scale_y: float
) -> list:
    """The engine's lines, less a vertical ruling line read as a glyph at a line's end or start.

    A line whose last (or first) character is a stroke (RULE_AS_GLYPH) and whose box reaches a vertical rule there
    is read again from the page with its ruling lines taken out (a few lines a page, 0.04 s each). When that reading
    is the same text without the stroke, the stroke was the rule: it is left out, and the line's confidence is put
    below the warning line, so that a reader is told to look (a real "1" touching a rule could lose ink with it).
    When the stroke is read again, it is ink of its own and stays. `paper`: the page with its ruling lines taken out."""
    import cv2

    downs = [rule for rule in rules if not rule.horizontal]
    suspects: list[tuple[int, str, tuple[int, int, int, int]]] = []  # (line, "end"/"start", crop box in pixels)
    for k, line in enumerate(result):
        text = line[1].strip()
        if not text:
            continue
        xs, ys = [p[0] for p in line[0]], [p[1] for p in line[0]]
        x0, x1, top, bottom = min(xs) / scale_x, max(xs) / scale_x, min(ys) / scale_y, max(ys) / scale_y
        reach = 0.6 * (bottom - top)  # about a digit's width
        for rule in downs:
            if not rule.start <= (top + bottom) / 2 <= rule.end:
                continue
            end = "end" if text[-1] in RULE_AS_GLYPH and x1 - reach <= rule.position <= x1 + 1.5 else None
            end = end or ("start" if text[0] in RULE_AS_GLYPH and x0 - 1.5 <= rule.position <= x0 + reach else None)
            if end:
                box = (int(min(xs)), int(min(ys)), int(max(xs)) + 1, int(max(ys)) + 1)
                suspects.append((k, end, box))
                break
    if not suspects:
        return result
    crops = [cv2.cvtColor(paper[y0:y1, x0:x1], cv2.COLOR_GRAY2BGR) for _, _, (x0, y0, x1, y1) in suspects]
    reread, _ = engine().text_rec(crops, return_word_box=True)
    for (k, end, _), (text, _score, _boxes) in zip(suspects, reread, strict=True):
        printed = result[k][1].strip()
        if text.strip() and text.strip() == (printed[:-1].rstrip() if end == "end" else printed[1:].lstrip()):
            result[k] = _line_without(result[k], end)
    return result


def _without_marks_of_no_ink(paper: np.ndarray, result: list) -> list:
    """The engine's lines, less a separator read at the start or end of a number where the page has no ink of it.

    A speck's faint rim beside a number is read as a mark now and then (万里街道 2024 skew200: "o." and ".0" for a
    lone 0, ".02" for the code part 02; each made its whole column text). The speck's ink is gone
    (_without_specks), so the page decides: when the first (last) ink in the line's box (on `paper`, the page with its
    ruling lines taken out) is a glyph as tall as the line's tallest rather than a point, the mark has no ink of its
    own and is left out, the line's confidence put below the warning line so that a reader is told to look."""
    import cv2
    import numpy as np

    ink = (paper < INK_LEVEL).astype(np.uint8)
    for k, line in enumerate(result):
        text = line[1].strip()
        ends = [end for end, mark in (("start", text[:1]), ("end", text[-1:])) if mark and mark in SPECK_MARKS]
        if not ends or not NUMBER_WITH_MARKS.fullmatch(text):
            continue
        xs, ys = [p[0] for p in line[0]], [p[1] for p in line[0]]
        x0, y0 = max(0, int(min(xs))), max(0, int(min(ys)))
        count, _, stats, _ = cv2.connectedComponentsWithStats(ink[y0 : int(max(ys)) + 1, x0 : int(max(xs)) + 1], 8)
        blobs = [tuple(int(v) for v in stats[label]) for label in range(1, count)]  # x, y, width, height, area
        if not blobs:
            continue
        tallest = max(blob[3] for blob in blobs)
        for end in ends:
            outer = min(blobs, key=lambda b: b[0]) if end == "start" else max(blobs, key=lambda b: b[0] + b[2])
            if outer[3] >= 0.6 * tallest:
                result[k] = _line_without(result[k], end)
    return result


def _missed_glyphs_read(
    paper: np.ndarray, result: list, unread: list[tuple[float, float, float, float]], scale_x: float, scale_y: float
) -> tuple[list, list[tuple[float, float, float, float]]]:
    """(lines, ink still unread): each glyph the detector missed (`unread_ink`: a lone "0" in a cell, now and then:
    万里街道 2024 skew200 p29, p30) read by the recogniser from its own crop (of `paper`, the page with its ruling
    lines taken out). What it reads is kept with its confidence below the warning line (the detector did not see it,
    so a reader is told to look); ink it reads nothing in stays unread (and a blank cell there is warned about)."""
    import cv2

    boxes, crops = [], []
    for x0, top, x1, bottom in unread:
        margin = 0.3 * (bottom - top)
        left, upper = max(0, int((x0 - margin) * scale_x)), max(0, int((top - margin) * scale_y))
        right, lower = int((x1 + margin) * scale_x) + 1, int((bottom + margin) * scale_y) + 1
        boxes.append((left, upper, right, lower))
        crops.append(cv2.cvtColor(paper[upper:lower, left:right], cv2.COLOR_GRAY2BGR))
    recognised, _ = engine().text_rec(crops, return_word_box=True)
    still = []
    for blob, (left, upper, right, lower), (text, score, _) in zip(unread, boxes, recognised, strict=True):
        if not text.strip() or float(score) < MIN_TEXT_SCORE:
            still.append(blob)
            continue
        corners = [[left, upper], [right, upper], [right, lower], [left, lower]]
        result.append([corners, text, min(float(score), LOW_CONFIDENCE - 0.01), [corners], [text], [float(score)]])
    return result, still


def _line_without(line: list, end: str) -> list:
    """An engine line ([box, text, score, word boxes, words, word scores]) without its last ("end") or first
    ("start") character, its confidence put below the warning line (the reader is told to look)."""
    line = list(line)
    printed = line[1].strip()
    line[1] = printed[:-1].rstrip() if end == "end" else printed[1:].lstrip()
    line[2] = min(float(line[2]), LOW_CONFIDENCE - 0.01)
    if len(line) >= 5 and line[3] and line[4] and len(line[3]) == len(line[4]):  # the words and their boxes
        filled = [i for i, word in enumerate(line[4]) if word.strip()]
        at = filled[-1] if end == "end" else filled[0]
        word = line[4][at].strip()
        trimmed = word[:-1] if end == "end" else word[1:]
        keep = [i for i in range(len(line[4])) if i != at or trimmed]
        if len(line) >= 6 and line[5] is not None and len(line[5]) == len(line[4]):
            line[5] = [line[5][i] for i in keep]
        line[3], line[4] = [line[3][i] for i in keep], [trimmed if i == at else line[4][i] for i in keep]
    return line


def _doubtful(line: tuple | list) -> bool:
    """A line worth reading again at full height: the engine unsure of it or of one of its characters (below
    MIN_TEXT_SCORE: 万里街道 2024 skew200 p8 read "行政运行”（项）”1660.32" at 32 px, the stray "”" at 0.36 in a
    line of 0.97, and the figure was lost; at 48 px it read right), or mostly digits."""
    text = line[0].replace(" ", "")
    digits = sum(c.isdigit() or c in ",.，．" for c in text)
    return _confidence(line) < LOW_CONFIDENCE or (bool(text) and digits * 2 >= len(text))


def _confidence(line: tuple | list) -> float:
    """A recognised line's score ([text, score, word boxes, words, word scores]), or the score of its least sure
    character when that is below MIN_TEXT_SCORE (the scores of single characters below that are not noise)."""
    least = min((float(score) for score in line[4] or []), default=1.0)
    return min(float(line[1]), least) if least < MIN_TEXT_SCORE else float(line[1])


def read_text(paper: np.ndarray, rule_mask: np.ndarray, scale_x: float) -> list:
    """The engine's lines ([box, text, score, char boxes, chars, char scores], pixels) of the page's text.

    The text is found by morphology, not by the engine's detector (a neural network over the whole page, most
    of a table page's cost): with the ruling lines taken out, each run of ink whose glyphs lie closer than
    TEXT_GAP_PT is one piece of text (a cell's amount, a name, a line of a paragraph); a ruling line always
    ends a run, so two cells never join. Each run's crop goes straight to the recogniser, a long line in
    pieces cut at its widest gaps; a blank cell has no ink and costs nothing. Only a block the morphology
    cannot take apart (lines of text that touch, a picture) is given to the detector, alone. `paper`: the page with
    its ruling lines (`rule_mask`) taken out, so that crops hold text only.
    """
    import numpy as np

    text = (paper < INK_LEVEL).astype(np.uint8)
    runs = text_runs(text, rule_mask, max(3, round(TEXT_GAP_PT * scale_x)))
    if not runs:
        return []
    em = _em_pixels(runs)
    runs = text_runs(text, rule_mask, max(3, round(TEXT_GAP_EM * em)), max(1, round(TEXT_REACH_DOWN_EM * em)))
    pieces: list[tuple[int, int, int, int]] = []
    detect: list[tuple[int, int, int, int]] = []
    for run in _punctuation_joined(_merged_pieces(runs, em), em, rule_mask):
        for band in _split_touching_lines(text, run, em):
            if band[3] - band[1] > TOUCHING_LINES_EM * em:
                detect.append(band)
            else:
                pieces.extend(_split_long(text, band, em))
    result = _recognised(paper, text, pieces)
    for area in detect:
        result.extend(_detected(paper, area))
    result.sort(key=lambda line: (line[0][0][1], line[0][0][0]))
    return result


def unread_ink(
    paper: np.ndarray, result: list, scale_x: float, scale_y: float
) -> list[tuple[float, float, float, float]]:
    """Boxes (points) of ink on `paper` (the page with its ruling lines taken out) that is not inside any text the
    engine read: a glyph the detector missed (a lone "0" in a cell, now and then). Blobs smaller than a digit's dot
    are left alone."""
    import cv2
    import numpy as np

    ink = (paper < INK_LEVEL).astype(np.uint8)
    for line in result:
        xs, ys = [p[0] for p in line[0]], [p[1] for p in line[0]]
        ink[max(0, int(min(ys)) - 2) : int(max(ys)) + 3, max(0, int(min(xs)) - 2) : int(max(xs)) + 3] = 0
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    boxes = []
    min_height = UNREAD_MIN_HEIGHT_PT * scale_y
    for label in range(1, count):
        x, y, w, h, _area = (int(v) for v in stats[label])
        if h >= min_height:
            boxes.append((x / scale_x, y / scale_y, (x + w) / scale_x, (y + h) / scale_y))
    return boxes


def _rule_mask(ink: np.ndarray, scale_x: float, scale_y: float) -> np.ndarray:
    """The pixels of the page's ruling lines (long runs of ink across and down), widened by a pixel."""
    import cv2
    import numpy as np

    lines = _long_runs(ink, max(8, round(RULE_MIN_LENGTH_PT * scale_x)), horizontal=True) | _long_runs(
        ink, max(8, round(RULE_MIN_LENGTH_PT * scale_y)), horizontal=False
    )
    return cv2.dilate(lines, np.ones((3, 3), np.uint8))


Box = tuple[int, int, int, int]  # pixels: x0, y0, x1, y1 (ends exclusive)


def text_runs(text: np.ndarray, rule_mask: np.ndarray, reach: int, reach_down: int = 1) -> list[Box]:
    """Tight boxes of the runs of text ink: glyphs less than `reach` pixels apart (within `reach_down` pixels
    of each other's rows) joined, never across a ruling line."""
    import cv2
    import numpy as np

    joined = cv2.dilate(text, np.ones((reach_down, reach), np.uint8))
    joined[rule_mask > 0] = 0
    count, labels = cv2.connectedComponents(joined, connectivity=8)
    ys, xs = np.nonzero(text)
    labels_at = labels[ys, xs]
    inside = labels_at > 0
    ys, xs, labels_at = ys[inside], xs[inside], labels_at[inside]
    x0 = np.full(count, text.shape[1], dtype=np.int64)
    y0 = np.full(count, text.shape[0], dtype=np.int64)
    x1 = np.full(count, -1, dtype=np.int64)
    y1 = np.full(count, -1, dtype=np.int64)
    np.minimum.at(x0, labels_at, xs)
    np.minimum.at(y0, labels_at, ys)
    np.maximum.at(x1, labels_at, xs)
    np.maximum.at(y1, labels_at, ys)
    runs = []
    for label in range(1, count):
        if x1[label] < 0:
            continue
        width, height = int(x1[label] - x0[label] + 1), int(y1[label] - y0[label] + 1)
        if min(width, height) >= 2 and max(width, height) >= 4:  # a speck is no text
            runs.append((int(x0[label]), int(y0[label]), int(x1[label]) + 1, int(y1[label]) + 1))
    return runs


def _em_pixels(runs: list[Box]) -> float:
    """The height of the page's body text (pixels): most pieces of text are a line of it."""
    import numpy as np

    heights = [y1 - y0 for x0, y0, x1, y1 in runs if y1 - y0 >= 4]
    return max(6.0, float(np.percentile(heights, 80))) if heights else 6.0


def _merged_pieces(runs: list[Box], em: float) -> list[Box]:
    """Runs joined where they are parts of one glyph one above the other (三, 类): overlapping across, and
    together at most GLYPH_PARTS_EM tall."""
    boxes = sorted(runs)
    merged = True
    while merged:
        merged = False
        for i, a in enumerate(boxes):
            if a[3] - a[1] >= 0.75 * em:
                continue
            for j, b in enumerate(boxes):
                if i == j:
                    continue
                overlap = min(a[2], b[2]) - max(a[0], b[0])
                if overlap < 0.5 * min(a[2] - a[0], b[2] - b[0]):
                    continue
                if max(a[3], b[3]) - min(a[1], b[1]) > GLYPH_PARTS_EM * em:
                    continue
                joined = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                boxes = [box for k, box in enumerate(boxes) if k not in (i, j)] + [joined]
                merged = True
                break
            if merged:
                break
    return boxes


def _punctuation_joined(runs: list[Box], em: float, rule_mask: np.ndarray) -> list[Box]:
    """A small mark alone (a 、 or ， before a wide gap, a line starting with 、) joined to the nearest piece of
    text on its line less than PUNCTUATION_GAP_EM away, unless a ruling line lies between them (two cells)."""
    boxes = list(runs)
    small = [b for b in boxes if b[3] - b[1] <= 0.55 * em and b[2] - b[0] <= 0.8 * em]
    for mark in small:
        if mark not in boxes:
            continue
        centre = (mark[1] + mark[3]) / 2
        best = None
        for other in boxes:
            if other == mark or other[3] - other[1] <= 0.55 * em or not other[1] <= centre <= other[3] + 0.1 * em:
                continue
            gap = max(other[0] - mark[2], mark[0] - other[2])
            if gap > PUNCTUATION_GAP_EM * em or (best is not None and gap >= best[0]):
                continue
            left, right = (mark[2], other[0]) if other[0] >= mark[2] else (other[2], mark[0])
            if right > left and rule_mask[other[1] : other[3], left:right].any():
                continue
            best = (gap, other)
        if best is not None:
            other = best[1]
            boxes.remove(mark)
            boxes.remove(other)
            boxes.append(
                (min(mark[0], other[0]), min(mark[1], other[1]), max(mark[2], other[2]), max(mark[3], other[3]))
            )
    return boxes


def _split_touching_lines(text: np.ndarray, box: Box, em: float) -> list[Box]:
    """A piece taller than TALL_PIECE_EM cut at its emptiest middle row when that row is almost blank (two
    lines that touch); a tall line of large text has no such row and stays whole."""
    x0, y0, x1, y1 = box
    if y1 - y0 <= TALL_PIECE_EM * em:
        return [box]
    rows = text[y0:y1, x0:x1].sum(axis=1)
    low, high = (y1 - y0) // 4, 3 * (y1 - y0) // 4
    middle = low + int(rows[low:high].argmin())
    if rows[middle] > 0.05 * rows.max():
        return [box]
    return [
        *_split_touching_lines(text, _tight(text, (x0, y0, x1, y0 + middle)), em),
        *_split_touching_lines(text, _tight(text, (x0, y0 + middle + 1, x1, y1)), em),
    ]


def _tight(text: np.ndarray, box: Box) -> Box:
    import numpy as np

    x0, y0, x1, y1 = box
    ys, xs = np.nonzero(text[y0:y1, x0:x1])
    if ys.size == 0:
        return box
    return (x0 + int(xs.min()), y0 + int(ys.min()), x0 + int(xs.max()) + 1, y0 + int(ys.max()) + 1)


def _split_long(text: np.ndarray, box: Box, em: float) -> list[Box]:
    """A line longer than LONG_LINE_EM in pieces of 6–12 ems, each cut in the widest blank gap of its window."""
    x0, y0, x1, y1 = box
    if x1 - x0 <= LONG_LINE_EM * em:
        return [box]
    blank = text[y0:y1, x0:x1].sum(axis=0) == 0
    gaps: list[tuple[int, int]] = []  # (start, end) of blank column runs, relative to x0
    start = None
    for column, is_blank in enumerate(blank):
        if is_blank and start is None:
            start = column
        elif not is_blank and start is not None:
            gaps.append((start, column))
            start = None
    pieces = []
    left = 0
    while (x1 - x0) - left > LONG_LINE_EM * em:
        window = [g for g in gaps if left + LONG_LINE_EM * em / 2 <= (g[0] + g[1]) / 2 <= left + LONG_LINE_EM * em]
        if not window:
            break
        widest = max(window, key=lambda g: (g[1] - g[0], -g[0]))
        cut = (widest[0] + widest[1]) // 2
        pieces.append(_tight(text, (x0 + left, y0, x0 + cut, y1)))
        left = cut
    pieces.append(_tight(text, (x0 + left, y0, x1, y1)))
    return pieces


def _recognised(paper: np.ndarray, text: np.ndarray, pieces: list[Box]) -> list:
    """Each piece's crop read by the recogniser: engine lines with the piece's box and the characters' boxes."""
    import cv2
    import numpy as np

    crops, origins, boxes, kept = [], [], [], []
    near_ink = cv2.dilate(text, np.ones((3, 3), np.uint8))
    for x0, y0, x1, y1 in pieces:
        height = y1 - y0
        across, down = max(2, round(CROP_MARGIN_X * height)), max(1, round(CROP_MARGIN_Y * height))
        left, top = max(0, x0 - across), max(0, y0 - down)
        right, bottom = min(paper.shape[1], x1 + across), min(paper.shape[0], y1 + down)
        crop = paper[top:bottom, left:right].copy()
        # ink of other pieces in the margin (a neighbouring cell's text) is taken out; the page's own paper and
        # the glyphs' soft edges stay (blank padding instead turns the 一 of 一般 into a "-")
        others = near_ink[top:bottom, left:right].copy()
        others[max(0, y0 - top - 1) : y1 - top + 1, max(0, x0 - left - 1) : x1 - left + 1] = 0
        crop[others > 0] = 255
        if CROP_SCALE != 1.0:
            crop = cv2.resize(crop, None, fx=CROP_SCALE, fy=CROP_SCALE, interpolation=cv2.INTER_AREA)
        crops.append(cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR))
        origins.append(left)
        box_down = max(1, round(BOX_MARGIN_Y * height))
        box_top, box_bottom = max(0, y0 - box_down), min(paper.shape[0], y1 + box_down)
        boxes.append([[left, box_top], [right, box_top], [right, box_bottom], [left, box_bottom]])
    if not crops:
        return []
    reading = engine()
    recognised, _ = reading.text_rec(crops, return_word_box=True)
    keep = [k for k, (text, score, _) in enumerate(recognised) if text.strip() and float(score) >= MIN_TEXT_SCORE]
    if not keep:
        return []
    frames = [
        np.array(
            [[0, 0], [crops[k].shape[1], 0], [crops[k].shape[1], crops[k].shape[0]], [0, crops[k].shape[0]]]
        ).astype(np.float32)
        for k in keep
    ]
    boxed = reading.cal_rec_boxes([crops[k] for k in keep], frames, [recognised[k] for k in keep])
    for k, (text, score, char_boxes, char_texts, char_scores) in zip(keep, boxed, strict=True):
        # the characters' places along the crop, back on the page (their height is the piece's box)
        on_page = [[[origins[k] + point[0] / CROP_SCALE, point[1]] for point in box] for box in char_boxes]
        kept.append([boxes[k], text, score, on_page, char_texts, char_scores])
    return kept


def _detected(paper: np.ndarray, area: Box) -> list:
    """A block the morphology cannot take apart, read by the engine's detector and recogniser (its lines'
    boxes put back on the page)."""
    import cv2

    x0, y0, x1, y1 = area
    margin = 4
    left, top = max(0, x0 - margin), max(0, y0 - margin)
    crop = paper[top : min(paper.shape[0], y1 + margin), left : min(paper.shape[1], x1 + margin)]
    result, _ = engine()(cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR), use_cls=False, return_word_box=True)
    lines = []
    for line in result or []:
        moved = [[[p[0] + left, p[1] + top] for p in line[0]], line[1], line[2]]
        if len(line) >= 5:
            moved += [[[[p[0] + left, p[1] + top] for p in box] for box in line[3]], line[4], *line[5:]]
        lines.append(moved)
    return lines


def _without_specks(gray: np.ndarray) -> np.ndarray:
    """The image with isolated ink spots of a few pixels turned to paper (a full stop is larger). Their faint rim
    stays: taking out marks lighter than gray 224 too (at most 8 pixels, at most 3 of them ink) took the decimal
    points of 9-point amounts on 普陀区财政局 2025 skew200 p14 with them ("782,164.00" -> "782,16400")."""
    import cv2
    import numpy as np

    ink = (gray < INK_LEVEL).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count <= 1:
        return gray
    small = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] <= SPECK_MAX_PIXELS)
    small = small[small > 0]
    if small.size == 0:
        return gray
    cleaned = gray.copy()
    cleaned[np.isin(labels, small)] = 255
    return cleaned


def _long_runs(ink: np.ndarray, length: int, *, horizontal: bool) -> np.ndarray:
    import cv2

    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)


def skew_degrees(gray: np.ndarray) -> float:
    """How far the page is turned (degrees, positive when lines fall to the right), from its long horizontal
    rules, or from its text lines' bottoms when it has none; 0.0 when neither says."""
    import cv2
    import numpy as np

    ink = (gray < INK_LEVEL).astype(np.uint8)
    runs = _long_runs(ink, max(40, gray.shape[1] // 40), horizontal=True)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    slopes: list[tuple[float, float]] = []
    for label in range(1, count):
        x, y, w, h, _area = stats[label]
        if w < gray.shape[1] * 0.25:
            continue
        ys, xs = np.nonzero(labels[y : y + h, x : x + w] == label)
        if len(xs) < 10:
            continue
        slopes.append((float(np.polyfit(xs, ys, 1)[0]), float(w)))
    if not slopes:
        return 0.0
    slopes.sort()
    total = sum(weight for _, weight in slopes)
    running = 0.0
    for slope, weight in slopes:  # the weighted median: one stray diagonal does not turn the page
        running += weight
        if running >= total / 2:
            return math.degrees(math.atan(slope))
    return 0.0


def _rotated(gray: np.ndarray, angle: float) -> np.ndarray:
    import cv2

    rows, cols = gray.shape
    matrix = cv2.getRotationMatrix2D((cols / 2, rows / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (cols, rows), flags=cv2.INTER_LINEAR, borderValue=255)


def image_rules(gray: np.ndarray, scale_x: float, scale_y: float) -> list[Rule]:
    """The ruling lines drawn on the page image, in points: long thin runs of ink, across and down."""
    import cv2
    import numpy as np

    ink = (gray < INK_LEVEL).astype(np.uint8)
    rules: list[Rule] = []
    for horizontal in (True, False):
        scale_along, scale_across = (scale_x, scale_y) if horizontal else (scale_y, scale_x)
        runs = _long_runs(ink, max(8, round(RULE_MIN_LENGTH_PT * scale_along)), horizontal=horizontal)
        count, _, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
        for label in range(1, count):
            x, y, w, h, _area = (int(v) for v in stats[label])
            across = h if horizontal else w
            if across > RULE_MAX_THICKNESS_PT * scale_across:
                continue
            if horizontal:
                rules.append(Rule(True, (y + h / 2) / scale_y, x / scale_x, (x + w) / scale_x))
            else:
                rules.append(Rule(False, (x + w / 2) / scale_x, y / scale_y, (y + h) / scale_y))
    return rules


def _char_weight(char: str) -> float:
    """A character's width in ems, as the engine's box is shared out: CJK full width, Latin and digits half."""
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.55


def _number_form(word: str) -> str:
    """A number's full-width digits and separators in their ASCII form (the same characters, not a repair); in
    running text, a full-width comma between a digit and a group of three ("支出预算3，121.42万元")."""
    if NUMBER_WORD.match(word):
        return unicodedata.normalize("NFKC", word)
    return FULL_WIDTH_GROUPING.sub(",", word)


def chars_from_result(result: list, scale_x: float, scale_y: float) -> list[Char]:
    """The engine's lines -> characters with boxes (points) and confidences.

    With word boxes each recognised word (a run of CJK characters comes as one box per character, a run
    of digits as one box) is shared out among its characters by their widths; spaces take no character.
    """
    chars: list[Char] = []
    for line in result:
        box, text, score = line[0], line[1], float(line[2])
        if score < MIN_TEXT_SCORE or not text.strip():
            continue
        ys = [point[1] for point in box]
        top, bottom = min(ys) / scale_y, max(ys) / scale_y
        words = _comma_grouped([(word_box, _number_form(word)) for word_box, word in _words(line)])
        confidence = score
        if TRAILING_SEPARATOR.match("".join(word for _, word in words).replace(" ", "")):
            # "1.04.", "27.", "1.90-": no number ends so; the last mark is a speck of the scan. It is left out,
            # and the line's confidence is put below the warning line so that a reader is told to look.
            last = max(i for i, (_, word) in enumerate(words) if word.strip())
            words[last] = (words[last][0], words[last][1].rstrip()[:-1])
            confidence = min(score, LOW_CONFIDENCE - 0.01)
        stray = _stray_points(words)
        if stray:
            # a point after a word and before a number ("（项）.”87.70万元", "”.4.44万元"): no budget prints one
            # there (a point follows a digit); on a speckled scan it is a speck. Left out, and flagged as above.
            words = [(box, word[1:] if k in stray else word) for k, (box, word) in enumerate(words)]
            confidence = min(confidence, LOW_CONFIDENCE - 0.01)
        if text.replace(" ", "").strip(SPECK_MARKS) in LONE_ZERO_AS_LETTER:
            # A cell holding one small round glyph, read as the letter o (with a speck beside it read as a mark, or
            # not): in a budget table it is the digit 0 (a stated zero); taken as 0, and flagged below the warning
            # line so that a reader looks at it.
            letters = [(word_box, word) for word_box, word in words if word.strip() in LONE_ZERO_AS_LETTER]
            words = [(word_box, "0") for word_box, _ in (letters or words)[:1]]
            confidence = min(score, LOW_CONFIDENCE - 0.01)
        for word_box, word in words:
            xs = [point[0] for point in word_box]
            left, right = min(xs) / scale_x, max(xs) / scale_x
            visible = [c for c in word if not c.isspace()]
            if not visible:
                continue
            weights = [_char_weight(c) for c in visible]
            per_weight = (right - left) / sum(weights)
            x = left
            for char, weight in zip(visible, weights, strict=True):
                chars.append(Char(char, x, top, x + weight * per_weight, bottom, confidence=round(confidence, 4)))
                x += weight * per_weight
    return chars


def _stray_points(words: list[tuple[list, str]]) -> set[int]:
    """Indices of the words that open with a point ("." or "．") standing after a character that is not a digit or
    a Latin letter (a Chinese character, a quote, a bracket) and before a number, quotes between them aside."""
    stray = set()
    before = ""
    for k, (_, word) in enumerate(words):
        if word[:1] in (".", "．") and before and not before.isdigit() and not before.isascii():
            after = (word[1:] + "".join(w for _, w in words[k + 1 : k + 4])).lstrip("“”\"'‘’ ")
            if after[:1].isdigit():
                stray.add(k)
        if word.strip():
            before = word.strip()[-1]
    return stray


def _comma_grouped(words: list[tuple[list, str]]) -> list[tuple[list, str]]:
    """A full-width comma that is a word of its own (the engine boxes CJK characters one by one) between a digit
    and a group of three digits: the number's comma, as FULL_WIDTH_GROUPING within a word."""
    grouped = list(words)
    for k in range(1, len(words) - 1):
        after = "".join(word for _, word in words[k + 1 : k + 5])  # a mixed line comes one character a word
        if words[k][1] == "，" and words[k - 1][1][-1:].isdigit() and re.match(r"[0-9]{3}(?![0-9])", after):
            grouped[k] = (words[k][0], ",")
    return grouped


def _words(line: list) -> list[tuple[list, str]]:
    """(box, text) per word of one engine line; the line itself when the engine gave no word boxes. The line's
    score stands for all its words: the engine's per-word scores for digits are not calibrated (a correct
    "994.54" scores 0.5 where its line scores 0.99)."""
    box, text = line[0], line[1]
    if len(line) >= 5 and line[3] and line[4] and len(line[3]) == len(line[4]):
        return list(zip(line[3], line[4], strict=True))
    return [(box, text)]


def cell_confidence(page: Page, box: list[float] | tuple[float, ...]) -> float | None:
    """The lowest confidence of the OCR'd characters inside `box` on `page`; None for a text-layer page or
    an empty cell."""
    if not page.ocr:
        return None
    x0, top, x1, bottom = box
    scores = [
        c.confidence for c in page.chars if x0 <= c.cx <= x1 and top <= c.cy <= bottom and c.confidence is not None
    ]
    return round(min(scores), 4) if scores else None


def running_text_doubts(pages: list[Page]) -> list[tuple[int, tuple[float, float, float, float], str, float]]:
    """(page, line box in points, text, confidence) of each line holding a digit that OCR read with a confidence
    below LOW_CONFIDENCE on a page of running text (fewer than RUNNING_TEXT_MAX_RULES ruling lines; a table page's
    cells are warned about cell by cell): a figure stated there may be misread, or lost to the narrative reader,
    so the line is named for a reader to compare with the page."""
    from budgetlens.pdf.page import text_lines

    doubts = []
    for page in pages:
        if not page.ocr or len(page.rules) >= RUNNING_TEXT_MAX_RULES:
            continue
        for line in text_lines(page.chars):
            scores = [c.confidence for c in line.chars if c.confidence is not None]
            if scores and min(scores) < LOW_CONFIDENCE and re.search(r"[0-9]", line.text):
                doubts.append((page.number, (line.x0, line.top, line.x1, line.bottom), line.text, min(scores)))
    return doubts
