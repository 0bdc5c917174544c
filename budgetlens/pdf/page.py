"""One PDF page as the reader sees it: characters with their boxes, and the ruling lines drawn on it.

Coordinates are PDF points with the origin at the page's top-left (x grows right, y grows down),
the convention pdfplumber uses, so a box is (x0, top, x1, bottom).
"""

from __future__ import annotations

import ctypes
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

# A path thinner than this (points) is a ruling line; a thicker one is a box whose edges may rule cells.
LINE_THICKNESS_PT = 2.0
# Paths shorter than this are ticks, glyph strokes or dots, never table rules.
MIN_RULE_LENGTH_PT = 4.0
# Paths with more segments than this are drawings (logos, glyphs drawn as outlines), not rules.
MAX_RULE_SEGMENTS = 6
# Characters are grouped in horizontal bands this tall (points) to read one text clip per band.
CLIP_BAND_PT = 4.0
# A colour channel at or above this on all of red, green and blue is white: paper, not ink.
WHITE_LEVEL = 240


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float | None = None  # the OCR engine's score (0–1) for a character read from an image

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Rule:
    """A horizontal (`horizontal=True`: y fixed, from a to b along x) or vertical ruling line."""

    horizontal: bool
    position: float
    start: float
    end: float


@dataclass(frozen=True)
class TextLine:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    chars: tuple[Char, ...]

    @property
    def box(self) -> list[float]:
        """[x0, top, x1, bottom] to a tenth of a point: a row's `box` where it cites this line."""
        return [round(self.x0, 1), round(self.top, 1), round(self.x1, 1), round(self.bottom, 1)]

    def char_x(self) -> list[tuple[float, float]]:
        """(x0, x1) of each character of `text`, to a tenth of a point (text_lines' char_x0 and char_x1)."""
        return [(round(x0, 1), round(x1, 1)) for x0, x1 in char_extents(self.text, self.chars)]

    def span_box(self, start: int, end: int) -> list[float]:
        """The box of text[start:end]: from its first character's left to its last one's right, the line's top to
        bottom (as `box`), so that two figures on one line have a box each. The line's box where the span is empty."""
        extents = self.char_x()[start:end]
        if not extents:
            return self.box
        return [min(x0 for x0, _ in extents), round(self.top, 1), max(x1 for _, x1 in extents), round(self.bottom, 1)]


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    chars: list[Char]
    rules: list[Rule]
    ocr: bool = False  # read from the page's image by OCR (budgetlens/pdf/ocr.py), not from its text layer
    # OCR only: boxes of ink OCR read no text in (a lone small "0" the detector missed), for reading warnings
    unread_ink: list[tuple[float, float, float, float]] = field(default_factory=list)

    @property
    def text_chars(self) -> int:
        return sum(1 for c in self.chars if not c.text.isspace())


@dataclass(frozen=True)
class View:
    """PDF space (origin bottom-left, the page as stored) -> the page as displayed (origin top-left, the
    page's /Rotate applied). A landscape table is often stored upright on a portrait page turned by
    /Rotate 90: read in stored space its rows would be columns."""

    rotation: int  # 0, 90, 180 or 270, clockwise, as /Rotate says
    stored_width: float
    stored_height: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 90:
            return y, x
        if self.rotation == 180:
            return self.stored_width - x, y
        if self.rotation == 270:
            return self.stored_height - y, self.stored_width - x
        return x, self.stored_height - y

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom) as displayed."""
        (ax, ay), (bx, by) = self.point(left, bottom), self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def read_page(document: pdfium.PdfDocument, index: int) -> Page:
    page = document[index]
    width, height = page.get_size()  # as displayed: pdfium applies /Rotate here, not to the text
    rotation = page.get_rotation() % 360
    stored = (width, height) if rotation in (0, 180) else (height, width)
    view = View(rotation, *stored)
    chars = _chars(page, view, width, height)
    rules = _rules(page, view)
    page.close()
    return Page(number=index + 1, width=width, height=height, chars=chars, rules=rules)


def _fast(function: Any, restype: Any, *argtypes: Any) -> Any:
    """The same pdfium function, called through a prototype of plain addresses and ints: ctypes converts those
    faster than pypdfium2's typed pointers, and the loops below make tens of thousands of calls per document."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


_GET_UNICODE = _fast(pdfium_raw.FPDFText_GetUnicode, ctypes.c_uint, ctypes.c_void_p, ctypes.c_int)
_GET_LOOSE_CHAR_BOX = _fast(
    pdfium_raw.FPDFText_GetLooseCharBox, ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p
)
_GET_OBJECT = _fast(pdfium_raw.FPDFPage_GetObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
_GET_OBJECT_TYPE = _fast(pdfium_raw.FPDFPageObj_GetType, ctypes.c_int, ctypes.c_void_p)
_GET_TEXT_OBJECT = _fast(pdfium_raw.FPDFText_GetTextObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
_GET_CLIP_PATH = _fast(pdfium_raw.FPDFPageObj_GetClipPath, ctypes.c_void_p, ctypes.c_void_p)
_COUNT_CLIP_PATHS = _fast(pdfium_raw.FPDFClipPath_CountPaths, ctypes.c_int, ctypes.c_void_p)
_COUNT_CLIP_SEGMENTS = _fast(pdfium_raw.FPDFClipPath_CountPathSegments, ctypes.c_int, ctypes.c_void_p, ctypes.c_int)
_GET_CLIP_SEGMENT = _fast(
    pdfium_raw.FPDFClipPath_GetPathSegment, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.c_int
)
_GET_SEGMENT_POINT = _fast(
    pdfium_raw.FPDFPathSegment_GetPoint, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p
)
_COUNT_PATH_SEGMENTS = _fast(pdfium_raw.FPDFPath_CountSegments, ctypes.c_int, ctypes.c_void_p)
_GET_BOUNDS = _fast(pdfium_raw.FPDFPageObj_GetBounds, ctypes.c_int, ctypes.c_void_p, *[ctypes.c_void_p] * 4)
_GET_DRAW_MODE = _fast(pdfium_raw.FPDFPath_GetDrawMode, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)
_GET_STROKE_COLOUR = _fast(pdfium_raw.FPDFPageObj_GetStrokeColor, ctypes.c_int, ctypes.c_void_p, *[ctypes.c_void_p] * 4)
_GET_FILL_COLOUR = _fast(pdfium_raw.FPDFPageObj_GetFillColor, ctypes.c_int, ctypes.c_void_p, *[ctypes.c_void_p] * 4)
_FOUR_FLOATS = struct.Struct("=4f")  # an FS_RECTF (or four float out-parameters), read in one call
_FOUR_UINTS = struct.Struct("=4I")
_TWO_INTS = struct.Struct("=2i")
# Not characters: spaces, pdfium's generated line breaks and control characters.
_SKIPPED_CODES = frozenset((0x3000, 0xA0, 0xFFFE, 0xFFFF))


def _clip_box(obj: int | None) -> tuple[float, float, float, float] | None:
    """The box a page object (its address) is clipped to: the intersection of its clip paths' bounds, or None."""
    if not obj:
        return None
    clip = _GET_CLIP_PATH(obj)
    if not clip:
        return None
    area: list[float] | None = None
    x, y = ctypes.c_float(), ctypes.c_float()
    x_address, y_address = ctypes.addressof(x), ctypes.addressof(y)
    for path in range(_COUNT_CLIP_PATHS(clip)):
        xs, ys = [], []
        for index in range(_COUNT_CLIP_SEGMENTS(clip, path)):
            segment = _GET_CLIP_SEGMENT(clip, path, index)
            if _GET_SEGMENT_POINT(segment, x_address, y_address):
                xs.append(x.value)
                ys.append(y.value)
        if not xs:
            continue
        bounds = [min(xs), min(ys), max(xs), max(ys)]
        area = (
            bounds
            if area is None
            else [max(area[0], bounds[0]), max(area[1], bounds[1]), min(area[2], bounds[2]), min(area[3], bounds[3])]
        )
    return tuple(area) if area is not None else None  # type: ignore[return-value]


def _chars(page: pdfium.PdfPage, view: View, width: float, height: float) -> list[Char]:
    """The characters a reader sees: on the page, and inside the clip of their text object. Word processors
    flow a paragraph past a page's frame and clip it, drawing it again on the next page; pdfium reports both.
    The clip is read once per line band (every character has its own object in such files, and reading a
    clip costs tens of calls), from the band's first character; a character outside that clip is judged by
    its own object's clip (read once per object), since some producers clip each table cell apart.

    Raw calls through plain-address prototypes, and one pass that makes a `Char` only of what is seen: this
    loop runs over every character of the document."""
    textpage = page.get_textpage()
    raw = textpage.raw
    handle = ctypes.cast(raw, ctypes.c_void_p).value
    count = pdfium_raw.FPDFText_CountChars(raw)
    box = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom; the loose box: font ascent to descent,
    box_address = ctypes.addressof(box)  # so "," and "2" share a line
    get_unicode, get_box, floats = _GET_UNICODE, _GET_LOOSE_CHAR_BOX, _FOUR_FLOATS.unpack_from
    upright = view.rotation == 0
    clip_of_band: dict[int, list[tuple[float, float, float, float] | None]] = {}
    clip_of_object: dict[int, tuple[float, float, float, float] | None] = {}
    chars: list[Char] = []
    for i in range(count):
        code = get_unicode(handle, i)
        if code <= 32 or code in _SKIPPED_CODES:
            continue  # spaces, pdfium's generated line breaks and control characters
        if not get_box(handle, i, box_address):
            continue
        left, top, right, bottom = floats(box)  # three times faster than iterating the ctypes array
        if upright:  # the common case, inlined: one call per character adds up over a document
            x0, y0, x1, y1 = left, height - top, right, height - bottom
        else:
            x0, y0, x1, y1 = view.box(left, bottom, right, top)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2  # Char.cx, Char.cy
        if not (0 <= cx <= width and 0 <= cy <= height):
            continue  # off the page
        band = int(cy // CLIP_BAND_PT)
        areas = clip_of_band.get(band)
        if areas is None:
            clip = _clip_box(_GET_TEXT_OBJECT(handle, i))
            areas = clip_of_band[band] = [None if clip is None else view.box(*clip)]  # the clip is in PDF space
        for area in areas:
            if area is None or (area[0] <= cx <= area[2] and area[1] <= cy <= area[3]):
                break
        else:
            key = _GET_TEXT_OBJECT(handle, i) or 0
            if key not in clip_of_object:
                clip = _clip_box(key)
                clip_of_object[key] = None if clip is None else view.box(*clip)
            own = clip_of_object[key]
            if not (own is None or (own[0] <= cx <= own[2] and own[1] <= cy <= own[3])):
                continue
            areas.append(own)  # the band's other clips: a cell clipped apart is read once
        # A damaged font map can give half a surrogate pair or no code point at all: the replacement character
        # stands in (it cannot be written to a snapshot as it is).
        text = chr(code) if code < 0xD800 or 0xDFFF < code <= 0x10FFFF else "\ufffd"
        chars.append(Char(text, x0, y0, x1, y1))
    textpage.close()
    return chars


def _rules(page: pdfium.PdfPage, view: View) -> list[Rule]:
    rules: list[Rule] = []
    # Out-parameters, reused for every object (as pdfium leaves them when a call fails) and read in one call each.
    bounds = (ctypes.c_float * 4)()  # left, bottom, right, top
    at = ctypes.addressof(bounds)
    bounds_at = (at, at + 4, at + 8, at + 12)
    mode = (ctypes.c_int * 2)()  # fill mode, stroked
    mode_at = (ctypes.addressof(mode), ctypes.addressof(mode) + 4)
    colour = (ctypes.c_uint * 4)()  # red, green, blue, alpha
    at = ctypes.addressof(colour)
    colour_at = (at, at + 4, at + 8, at + 12)
    floats, ints = _FOUR_FLOATS.unpack_from, _TWO_INTS.unpack_from

    def white(getter: Any, obj: int) -> bool:
        if not getter(obj, *colour_at):
            return False
        red, green, blue, alpha = _FOUR_UINTS.unpack_from(colour)
        return alpha == 0 or min(red, green, blue) >= WHITE_LEVEL

    handle = ctypes.cast(page.raw, ctypes.c_void_p).value
    get_object, get_type, path_type = _GET_OBJECT, _GET_OBJECT_TYPE, pdfium_raw.FPDF_PAGEOBJ_PATH
    upright, page_height = view.rotation == 0, view.stored_height
    for k in range(pdfium_raw.FPDFPage_CountObjects(page.raw)):
        obj = get_object(handle, k)  # most objects are text, often one per character
        if not obj or get_type(obj) != path_type:
            continue
        if _COUNT_PATH_SEGMENTS(obj) > MAX_RULE_SEGMENTS:
            continue
        if not _GET_BOUNDS(obj, *bounds_at):
            continue
        left, low, right, high = floats(bounds)
        if upright:  # View.box for rotation 0, written out (Jiangsu tables draw every cell edge as a path)
            x0, x1 = min(left, right), max(left, right)
            top, bottom = min(page_height - low, page_height - high), max(page_height - low, page_height - high)
        else:
            x0, top, x1, bottom = view.box(left, low, right, high)
        w, h = x1 - x0, bottom - top
        if max(w, h) < MIN_RULE_LENGTH_PT:
            continue
        _GET_DRAW_MODE(obj, *mode_at)
        fill_mode, stroked = ints(mode)
        visible_stroke = bool(stroked) and not white(_GET_STROKE_COLOUR, obj)
        if h < LINE_THICKNESS_PT or w < LINE_THICKNESS_PT:
            if not (visible_stroke or (fill_mode != 0 and not white(_GET_FILL_COLOUR, obj))):
                continue  # a white line is invisible on the page
            if h < LINE_THICKNESS_PT:
                rules.append(Rule(True, (top + bottom) / 2, x0, x1))
            else:
                rules.append(Rule(False, (x0 + x1) / 2, top, bottom))
        elif visible_stroke:
            # A stroked box: its four edges rule the cells (some producers draw each cell as a rectangle).
            # A filled box without a stroke is a cell's background and rules nothing.
            rules += [
                Rule(True, top, x0, x1),
                Rule(True, bottom, x0, x1),
                Rule(False, x0, top, bottom),
                Rule(False, x1, top, bottom),
            ]
    return rules


def centre_then_left(char: Char) -> tuple[float, float]:
    """(Char.cy, Char.x0), the reading order of characters, without the property call (a sort key)."""
    return ((char.top + char.bottom) / 2, char.x0)


_left = attrgetter("x0")


def text_lines(chars: list[Char], *, tolerance: float = 3.0) -> list[TextLine]:
    """Characters grouped into lines by their vertical centre, each line in x order."""
    lines: list[list[Char]] = []
    centres: list[float] = []  # running sum of each line's centres, for its mean
    # The centre (Char.cy) computed once per character: this runs over every character of every page.
    for char in sorted(chars, key=centre_then_left):
        centre = (char.top + char.bottom) / 2
        if lines and abs(centres[-1] / len(lines[-1]) - centre) <= tolerance:
            lines[-1].append(char)
            centres[-1] += centre
        else:
            lines.append([char])
            centres.append(centre)
    result = []
    for line in lines:
        line.sort(key=_left)
        x0, top, x1, bottom = line[0].x0, line[0].top, line[0].x1, line[0].bottom
        for c in line:  # the line's box in one pass (min and max of each edge)
            x0, top, x1, bottom = min(x0, c.x0), min(top, c.top), max(x1, c.x1), max(bottom, c.bottom)
        result.append(TextLine(text=join_chars(line), x0=x0, top=top, x1=x1, bottom=bottom, chars=tuple(line)))
    return result


def join_chars(line: list[Char]) -> str:
    """One line's characters as text: a space only where a wide gap separates two Latin/digit runs."""
    out: list[str] = []
    previous: Char | None = None
    previous_ascii = False
    for char in line:
        text = char.text
        is_ascii = text.isascii()
        # The gap is measured only between two Latin/digit characters (most lines are Chinese).
        if previous_ascii and is_ascii and char.x0 - previous.x1 > max(previous.bottom - previous.top, 1.0) * 0.9:
            out.append(" ")
        out.append(text)
        previous, previous_ascii = char, is_ascii
    return "".join(out)


def char_extents(text: str, chars: Sequence[Char]) -> list[tuple[float, float]]:
    """(x0, x1) of each character of `text`, a line's characters as join_chars wrote them (some spaces may have been
    taken out since): a character's own edges; a space join_chars put between two words spans the gap it stands for."""
    extents: list[tuple[float, float]] = []
    k, count = 0, len(chars)
    for letter in text:
        while k < count and chars[k].text != letter and chars[k].text.isspace():
            k += 1  # a space-like character printed on the page and taken out of the text
        if k < count and chars[k].text == letter:
            extents.append((chars[k].x0, chars[k].x1))
            k += 1
            continue
        left = chars[k - 1].x1 if k else (chars[0].x0 if count else 0.0)
        right = chars[k].x0 if k < count else left
        extents.append((min(left, right), max(left, right)))
    return extents
