"""Building polars columns from Python values quickly, to the same values and types.

polars builds a list column value by value, one Series per row (about 5 µs each); a document's tables and
checks hold tens of thousands of such rows (source lines, boxes, schedules), almost all of them repeating a
few distinct lists. Here each distinct list is built once and the rows take theirs by index.
"""

from __future__ import annotations

import polars as pl


def list_column(name: str, values: list, dtype: pl.List) -> pl.Series:
    """`pl.Series(name, values, dtype=dtype)` for a list type: the distinct lists built once, then gathered.
    Only lists of text or whole numbers are shared: equal floats can differ in their bytes (0.0 and -0.0)."""
    if not (dtype.inner == pl.String or dtype.inner.is_integer()):
        return pl.Series(name, values, dtype=dtype)
    position: dict[tuple | None, int] = {}
    distinct: list[list | None] = []
    indices: list[int] = []
    for value in values:
        # The types too: True == 1, yet they are not one value to polars.
        key = None if value is None else (tuple(value), tuple(map(type, value)))
        index = position.get(key)
        if index is None:
            index = position[key] = len(distinct)
            distinct.append(value)
        indices.append(index)
    if len(distinct) * 2 > len(values):
        return pl.Series(name, values, dtype=dtype)  # mostly distinct: nothing to gain
    return pl.Series(name, distinct, dtype=dtype).gather(pl.Series(indices, dtype=pl.UInt32))


_NO_BOX = (0.0, 0.0, 0.0, 0.0)  # a row without a box holds these under its null


def box_column(name: str, boxes: list) -> pl.Series:
    """`pl.Series(name, boxes, dtype=pl.List(pl.Float32))` for boxes of four numbers (or None): one flat column
    cut into rows of four, since building nested lists value by value is slow. Anything else is built as it is."""
    dtype = pl.List(pl.Float32)
    if not all(box is None or len(box) == 4 for box in boxes):
        return pl.Series(name, boxes, dtype=dtype)
    if not boxes:
        return pl.Series(name, [], dtype=dtype)
    flat = [value for box in boxes for value in (_NO_BOX if box is None else box)]
    column = pl.Series(name, flat, dtype=pl.Float32).reshape((len(boxes), 4)).cast(dtype)
    if None not in boxes:
        return column
    has_box = pl.Series([box is not None for box in boxes], dtype=pl.Boolean)
    return column.zip_with(has_box, pl.Series(name, [None] * len(boxes), dtype=dtype))


def column(name: str, values: list, dtype: pl.DataType) -> pl.Series:
    """One column of exactly this type."""
    if isinstance(dtype, pl.List):
        return list_column(name, values, dtype)
    return pl.Series(name, values, dtype=dtype)


def frame_from_rows(rows: list[dict], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """`pl.DataFrame(rows, schema=schema, orient="row")` for rows given as dicts holding every column."""
    return pl.DataFrame([column(name, [row[name] for row in rows], dtype) for name, dtype in schema.items()])
