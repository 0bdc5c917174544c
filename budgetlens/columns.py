"""Building polars columns from Python values quickly, to the same values and types.

polars builds a list column value by value, one Series per row (about 5 µs each); a document's tables and
checks hold tens of thousands of such rows (source lines, boxes, schedules), many of them repeating a few
distinct lists. Here the lists are built from flat columns cut into rows, each distinct list once.
"""

from __future__ import annotations

import polars as pl


def list_column(name: str, values: list, dtype: pl.List) -> pl.Series:
    """`pl.Series(name, values, dtype=dtype)` for a list type. The distinct lists are built once, those of one
    length together from one flat column cut into rows, and every row takes its own by index. Only lists of
    text or whole numbers are handled so: equal floats can differ in their bytes (0.0 and -0.0)."""
    if not (dtype.inner == pl.String or dtype.inner.is_integer()) or all(value is None for value in values):
        return pl.Series(name, values, dtype=dtype)  # (a column of nulls polars builds at once)
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
    of_length: dict[int, list[int]] = {}  # -1 for None
    for index, value in enumerate(distinct):
        of_length.setdefault(-1 if value is None else len(value), []).append(index)
    parts, order = [], []
    for length, members in of_length.items():
        if length <= 0:  # None, or the empty list: one row
            part = pl.Series(name, [distinct[m] for m in members], dtype=dtype)
        else:
            flat = [item for m in members for item in distinct[m]]
            part = pl.Series(name, flat, dtype=dtype.inner).reshape((len(members), length)).cast(dtype)
        parts.append(part)
        order += members
    built = pl.concat(parts) if len(parts) > 1 else parts[0]
    row_of = [0] * len(distinct)
    for row, index in enumerate(order):
        row_of[index] = row
    return built.gather(pl.Series([row_of[index] for index in indices], dtype=pl.UInt32))


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
