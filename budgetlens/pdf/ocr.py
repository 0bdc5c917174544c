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
# A shorter run (at least this long) is a rule too when rules across close it at both ends: the rule between two
# header cells of one band (22.6 pt tall on 江苏省人民检察院 2018 p17) where the 合计 row below spans both columns.
SHORT_RULE_MIN_LENGTH_PT = 10.0
# A short run's end reaches into the rule across that closes it: beyond the rule's centre line by at most its
# thickness, and short of it by at most this (points; a straightened rule's slope). A glyph's stroke that nearly
# fills a row stops before the rule: 2.4 pt short on 普陀区财政局 2024 决算 p5, rows 14.4 pt tall.
SHORT_RULE_SHORT_OF_PT = 0.75
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
            # the detector never scales an image up: its default brings the shorter side to 736 pixels, which
            # enlarges a page far wider than tall past DETECT_MAX_SIDE (more area, more cost)
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
    rule_mask = _rule_mask((gray < INK_LEVEL).astype(np.uint8), scale_x, scale_y, rules)
    paper = gray.copy()  # the page with its ruling lines taken out, found once: its ink is text (and specks' rims)
    paper[rule_mask > 0] = 255
    if len(rules) < RUNNING_TEXT_MAX_RULES:
        result = read_running_text(gray)
    else:
        result, _ = engine()(cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR), use_cls=False, return_word_box=True)
        result = _without_rules_read_as_glyphs(paper, result or [], rules, scale_x, scale_y)
        result = _without_marks_of_no_ink(paper, result)
    unread = unread_ink(paper, result, scale_x, scale_y)
    if unread and len(rules) >= RUNNING_TEXT_MAX_RULES:
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


def _rule_mask(ink: np.ndarray, scale_x: float, scale_y: float, rules: list[Rule]) -> np.ndarray:
    """The pixels of the page's ruling lines (long runs of ink across and down, and the short pieces among
    `rules`), widened by a pixel."""
    import cv2
    import numpy as np

    lines = _long_runs(ink, max(8, round(RULE_MIN_LENGTH_PT * scale_x)), horizontal=True) | _long_runs(
        ink, max(8, round(RULE_MIN_LENGTH_PT * scale_y)), horizontal=False
    )
    half = RULE_MAX_THICKNESS_PT / 2
    for rule in rules:
        if rule.end - rule.start >= RULE_MIN_LENGTH_PT:
            continue  # a long run, in `lines` already
        (x0, x1), (y0, y1) = (rule.start, rule.end), (rule.position - half, rule.position + half)
        if not rule.horizontal:
            (x0, x1), (y0, y1) = (y0, y1), (x0, x1)
        left, right = max(0, math.floor(x0 * scale_x)), math.ceil(x1 * scale_x) + 1
        top, bottom = max(0, math.floor(y0 * scale_y)), math.ceil(y1 * scale_y) + 1
        lines[top:bottom, left:right] |= ink[top:bottom, left:right]
    return cv2.dilate(lines, np.ones((3, 3), np.uint8))


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
    """The ruling lines drawn on the page image, in points: long thin runs of ink, across and down, and shorter
    ones that rules across close at both ends (`SHORT_RULE_MIN_LENGTH_PT`)."""
    import numpy as np

    ink = (gray < INK_LEVEL).astype(np.uint8)
    rules: list[Rule] = []
    short: list[Rule] = []
    for horizontal in (True, False):
        scale_along = scale_x if horizontal else scale_y
        runs = _long_runs(ink, max(8, round(RULE_MIN_LENGTH_PT * scale_along)), horizontal=horizontal)
        rules += _thin_runs(runs, scale_x, scale_y, horizontal=horizontal)
        # The short runs apart from the long ones (a glyph stroke touching a rule must not thicken that rule).
        shorter = _long_runs(ink, max(4, round(SHORT_RULE_MIN_LENGTH_PT * scale_along)), horizontal=horizontal)
        shorter[_widened(runs) > 0] = 0
        short += _thin_runs(shorter, scale_x, scale_y, horizontal=horizontal)
    return rules + [piece for piece in short if _closed_at_both_ends(piece, rules)]


def _widened(runs: np.ndarray) -> np.ndarray:
    import cv2
    import numpy as np

    return cv2.dilate(runs, np.ones((3, 3), np.uint8))


def _thin_runs(runs: np.ndarray, scale_x: float, scale_y: float, *, horizontal: bool) -> list[Rule]:
    """Each connected run of ink no thicker than a rule, as a rule in points."""
    import cv2

    scale_across = scale_y if horizontal else scale_x
    found: list[Rule] = []
    count, _, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    for label in range(1, count):
        x, y, w, h, _area = (int(v) for v in stats[label])
        across = h if horizontal else w
        if across > RULE_MAX_THICKNESS_PT * scale_across:
            continue
        if horizontal:
            found.append(Rule(True, (y + h / 2) / scale_y, x / scale_x, (x + w) / scale_x))
        else:
            found.append(Rule(False, (x + w / 2) / scale_x, y / scale_y, (y + h) / scale_y))
    return found


def _closed_at_both_ends(piece: Rule, rules: list[Rule]) -> bool:
    """Whether rules across meet both ends of a short run: a piece of a table's ruling, not a glyph's stroke."""
    across = [r for r in rules if r.horizontal is not piece.horizontal]

    def met(end: float, inwards: float) -> bool:
        """Whether a rule across holds this end; `inwards` is +1 where the piece runs on below or right of it."""
        return any(
            -RULE_MAX_THICKNESS_PT <= (end - r.position) * inwards <= SHORT_RULE_SHORT_OF_PT
            and r.start - RULE_MAX_THICKNESS_PT <= piece.position <= r.end + RULE_MAX_THICKNESS_PT
            for r in across
        )

    return met(piece.start, 1.0) and met(piece.end, -1.0)


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
