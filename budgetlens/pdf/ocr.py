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
import re
import threading
import unicodedata
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
# short cell ("201", "06") to a long line's width and doubles its cost.
RECOGNISE_MIN_WIDTH = 160
# Threads onnxruntime uses for one page: one, as the folder ingest reads documents in parallel processes (and
# onnxruntime's extra threads spin, costing CPU on a busy machine).
OCR_THREADS = 1
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
# What the engine reads for a lone "0" in a cell now and then (a whole line of one letter o).
LONE_ZERO_AS_LETTER = ("o", "O", "ｏ", "Ｏ")
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
        return _engine


def has_image(document: pdfium.PdfDocument, index: int) -> bool:
    """Whether the page draws any image (a scan is one image, or several strips of one)."""
    page = document[index]
    try:
        return any(
            pdfium_raw.FPDFPageObj_GetType(pdfium_raw.FPDFPage_GetObject(page.raw, k)) == pdfium_raw.FPDF_PAGEOBJ_IMAGE
            for k in range(pdfium_raw.FPDFPage_CountObjects(page.raw))
        )
    finally:
        page.close()


def render_gray(document: pdfium.PdfDocument, index: int, dpi: int = OCR_DPI) -> tuple[np.ndarray, float, float]:
    """(gray image as uint8, page width, page height in points) of the page as displayed."""
    import numpy as np

    page = document[index]
    try:
        width, height = page.get_size()
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        gray = np.array(bitmap.to_pil().convert("L"))
    finally:
        page.close()
    return gray, width, height


def read_page_by_ocr(document: pdfium.PdfDocument, index: int, *, dpi: int = OCR_DPI) -> Page:
    """The page (1-based number index + 1) as characters with boxes and ruling lines, read from its image."""
    gray, width, height = render_gray(document, index, dpi)
    return page_from_image(gray, index + 1, width, height)


def page_from_image(gray: np.ndarray, number: int, width: float, height: float) -> Page:
    try:
        import cv2
    except ImportError as err:  # the wheel needs libGL (Debian libgl1), which scripts/run installs
        raise OcrUnavailable(f"opencv cannot be loaded for OCR ({err})") from err

    gray = _without_specks(gray)
    angle = skew_degrees(gray)
    if SKEW_MIN_DEGREES <= abs(angle) <= SKEW_MAX_DEGREES:
        gray = _rotated(gray, angle)
    scale_x, scale_y = gray.shape[1] / width, gray.shape[0] / height  # pixels per point
    rules = image_rules(gray, scale_x, scale_y)
    result, _ = engine()(cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR), use_cls=False, return_word_box=True)
    chars = chars_from_result(result or [], scale_x, scale_y)
    unread = unread_ink(gray, result or [], scale_x, scale_y)
    return Page(number=number, width=width, height=height, chars=chars, rules=rules, ocr=True, unread_ink=unread)


def unread_ink(
    gray: np.ndarray, result: list, scale_x: float, scale_y: float
) -> list[tuple[float, float, float, float]]:
    """Boxes (points) of ink that is neither a ruling line nor inside any text the engine read: a glyph the
    detector missed (a lone "0" in a cell, now and then). Blobs smaller than a digit's dot are left alone."""
    import cv2
    import numpy as np

    ink = (gray < INK_LEVEL).astype(np.uint8)
    length = max(8, round(RULE_MIN_LENGTH_PT * scale_x))
    lines = _long_runs(ink, length, horizontal=True) | _long_runs(
        ink, round(RULE_MIN_LENGTH_PT * scale_y), horizontal=False
    )
    ink[cv2.dilate(lines, np.ones((3, 3), np.uint8)) > 0] = 0
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


def _without_specks(gray: np.ndarray) -> np.ndarray:
    """The image with isolated ink spots of a few pixels turned to paper (a full stop is larger)."""
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
    """A number's full-width digits and separators in their ASCII form (the same characters, not a repair)."""
    return unicodedata.normalize("NFKC", word) if NUMBER_WORD.match(word) else word


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
        words = [(word_box, _number_form(word)) for word_box, word in _words(line)]
        confidence = score
        if TRAILING_SEPARATOR.match("".join(word for _, word in words).replace(" ", "")):
            # "1.04.", "27.", "1.90-": no number ends so; the last mark is a speck of the scan. It is left out,
            # and the line's confidence is put below the warning line so that a reader is told to look.
            last = max(i for i, (_, word) in enumerate(words) if word.strip())
            words[last] = (words[last][0], words[last][1].rstrip()[:-1])
            confidence = min(score, LOW_CONFIDENCE - 0.01)
        if text.strip() in LONE_ZERO_AS_LETTER:
            # A cell holding one small round glyph, read as the letter o: in a budget table it is the digit 0
            # (a stated zero); taken as 0, and flagged below the warning line so that a reader looks at it.
            words = [(word_box, "0") for word_box, _ in words[:1]]
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
