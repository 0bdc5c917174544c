"""Shared reading of tab-separated schedule tables: headers to column keys, rows to records."""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from budgetlens import columns
from budgetlens.errors import IngestError
from budgetlens.ingest.cells import parse_money, squash
from budgetlens.ingest.source import Line
from budgetlens.money import MONEY

LINES = pl.List(pl.Int32)
# The years a document names its columns by (amount_2021_wan, value_2023 …) are its own: budgetlens.years.


def trimmed(cells: list[str]) -> list[str]:
    """Cells without the trailing empty ones."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def is_column_numbering(cells: list[str]) -> bool:
    """The '1 2 3 … N' row some schedules print under their header."""
    values = trimmed(cells)
    return len(values) >= 3 and values == [str(n) for n in range(1, len(values) + 1)]


def header_paths(header_rows: list[Line]) -> list[str]:
    """One label path per column from one or two header rows.

    A group label spans the empty cells to its right in the first row ("基本支出" over
    小计/人员经费/公用经费), so the second row's labels get it as a prefix.
    """
    width = max(len(row.cells) for row in header_rows)
    grid = [[squash(cell) for cell in row.cells] + [""] * (width - len(row.cells)) for row in header_rows]
    if len(grid) == 1:
        return grid[0]
    top, bottom = grid[0], grid[1]
    paths: list[str] = []
    group = ""
    for top_label, bottom_label in zip(top, bottom, strict=True):
        if top_label:
            group = top_label
            paths.append(f"{top_label}/{bottom_label}" if bottom_label else top_label)
        elif bottom_label:
            paths.append(f"{group}/{bottom_label}" if group else bottom_label)
        else:
            paths.append("")
    return paths


def column_keys(
    paths: list[str], mapping: dict[str, str], *, line: int, schedule: str, unit_suffix: str = "_wan"
) -> list[str]:
    """Map header label paths to English keys; an unknown label is an error.

    A column with no label at all is kept as `unlabeled_column_N<unit>`: the document printed
    values under it, and we keep what it says (see `drop_empty_unlabeled`).
    """
    keys: list[str] = []
    for index, path in enumerate(paths):
        if not path:
            keys.append(f"unlabeled_column_{index + 1}{unit_suffix}")
            continue
        if path not in mapping:
            raise IngestError(
                f"header column {index + 1} {path!r} is not a known column of this schedule",
                line=line,
                schedule=schedule,
            )
        keys.append(mapping[path])
    return keys


def fit(row: Line, width: int, schedule: str) -> list[str]:
    """The row's cells padded to the header's width; more filled cells than columns is an error."""
    cells = trimmed(row.cells)
    if len(cells) > width:
        raise IngestError(
            f"the row has {len(cells)} cells but the header has {width} columns: the columns don't fit",
            line=row.number,
            schedule=schedule,
        )
    return cells + [""] * (width - len(cells))


def amounts(cells: list[str], keys: list[str], row: Line, schedule: str) -> dict[str, Decimal | None]:
    return {
        key: parse_money(cell, line=row.number, schedule=schedule, column=key)
        for key, cell in zip(keys, cells, strict=True)
        if key.endswith(("_wan", "_yuan"))
    }


def column(values: list, dtype: pl.DataType) -> pl.Series:
    """One column of the given type. Decimals go through their exact text, which polars parses
    ten times faster than Python Decimal objects (and to the same values)."""
    if isinstance(dtype, pl.Decimal):
        return pl.Series([None if v is None else str(v) for v in values], dtype=pl.String).cast(dtype)
    if isinstance(dtype, pl.List):
        return columns.list_column("", values, dtype)  # the source lines: a few distinct lists, built once
    return pl.Series(values, dtype=dtype)


def frame(records: list[dict], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """A frame with exactly this schema (column order too), even when there are no records."""
    return pl.DataFrame([column([r.get(name) for r in records], dtype).alias(name) for name, dtype in schema.items()])


def with_unlabeled(schema: dict[str, pl.DataType], keys: list[str]) -> dict[str, pl.DataType]:
    """Add Decimal columns for the unlabeled amount columns the header revealed."""
    extra = {key: MONEY for key in keys if key.startswith("unlabeled_column_")}
    lines = schema.get("source_lines")
    ordered = {name: dtype for name, dtype in schema.items() if name != "source_lines"} | extra
    return ordered | ({"source_lines": lines} if lines is not None else {})


def drop_empty_unlabeled(table: pl.DataFrame) -> pl.DataFrame:
    """Unlabeled columns that hold nothing in any row carry no information."""
    empty = [c for c in table.columns if c.startswith("unlabeled_column_") and table[c].null_count() == table.height]
    return table.drop(empty)
