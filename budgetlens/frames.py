"""Frames of an exact schema, built from records: what the readers write and the rules return.

Neutral ground: the text export's reader (budgetlens/ingest/), the rules (budgetlens/checks/) and the
queries import it, and it imports no reader (tests/test_import_layers.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from budgetlens import columns

LINES = pl.List(pl.Int32)  # a row's source lines


def column(values: list, dtype: pl.DataType) -> pl.Series:
    """One column of the given type. Decimals go through their exact text, which polars parses
    ten times faster than Python Decimal objects (and to the same values)."""
    if isinstance(dtype, pl.Decimal):
        return pl.Series([None if v is None else str(v) for v in values], dtype=pl.String).cast(dtype)
    if isinstance(dtype, pl.List):
        return columns.list_column("", values, dtype)  # the source lines: a few distinct lists, built once
    return pl.Series(values, dtype=dtype)


def first_row(frame: pl.DataFrame) -> dict | None:
    """The frame's first row, by column name; None for an empty frame."""
    return frame.row(0, named=True) if frame.height else None


def rank(column: str, order: Sequence[str]) -> pl.Expr:
    """Where each value of `column` stands in `order` (len(order) for any other): a frame sorted by a fixed order."""
    return pl.col(column).replace_strict({v: i for i, v in enumerate(order)}, default=len(order), return_dtype=pl.Int32)


def frame(records: list[dict], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """A frame with exactly this schema (column order too), even when there are no records."""
    return pl.DataFrame([column([r.get(name) for r in records], dtype).alias(name) for name, dtype in schema.items()])
