"""A row a break split (a label wrapped under stacked amounts, or cut by a page break) is joined to the row above it
by one rule (pdf/tables._joined), cell by cell."""

from __future__ import annotations

from budgetlens.pdf.tables import PrintedCell, _joined


def test_a_split_rows_text_joins_the_cell_above_and_keeps_its_place():
    above = [
        PrintedCell("一般公共服务支", 7, (10.0, 100.0, 80.0, 112.0)),
        PrintedCell("", 7, (10.0, 100.0, 80.0, 112.0), continued=True),
        PrintedCell("1,234.00", 7, (80.0, 100.0, 120.0, 112.0)),
    ]
    below = [
        PrintedCell("出", 8, (10.0, 40.0, 80.0, 52.0)),
        PrintedCell("", 8, (10.0, 40.0, 80.0, 52.0)),
        PrintedCell("", 8, (80.0, 40.0, 120.0, 52.0)),
    ]
    joined = _joined(above, below)
    assert joined[0] == PrintedCell(
        "一般公共服务支出", 7, (10.0, 100.0, 80.0, 112.0)
    )  # the text of both, the place above
    assert joined[1:] == above[1:]  # a blank cell below leaves the cell above as it was
