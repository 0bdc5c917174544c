"""One rule mask per scanned page: the page's ruling lines are taken out once (ocr.page_from_image) and every later
step (a rule read as a glyph, a speck read as a mark, ink OCR read nothing in, a missed glyph read again) looks at
that page. Its ruling lines are never ink that OCR left unread."""

from __future__ import annotations

import numpy as np

from budgetlens.pdf import ocr


def test_a_scanned_tables_ruling_lines_are_not_unread_ink():
    # A ruled grid of 4 x 3 cells at 150 dpi (points = pixels × 72/150) and one digit-sized blob in a cell.
    gray = np.full((600, 800), 255, dtype=np.uint8)
    for y in (100, 200, 300, 400, 500):
        gray[y : y + 2, 100:701] = 0
    for x in (100, 300, 500, 700):
        gray[100:502, x : x + 2] = 0
    gray[240:254, 400:408] = 0  # about 6.7 x 3.8 pt: a 9-point "0"'s ink
    page = ocr.page_from_image(gray, 1, 800 * 72 / 150, 600 * 72 / 150)
    assert len(page.rules) >= ocr.RUNNING_TEXT_MAX_RULES  # read as a table page
    for x0, top, x1, bottom in page.unread_ink:  # the blob, if OCR read nothing in it; never the grid
        assert x1 - x0 < 10 and bottom - top < 10
