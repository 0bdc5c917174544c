"""Downloads: the rows on screen as CSV, Excel and Parquet bytes, amounts exact (no st here)."""

from __future__ import annotations

import io

import polars as pl


def export_bytes(frame: pl.DataFrame) -> dict[str, bytes]:
    """{"csv", "xlsx", "parquet"} -> file contents. Parquet keeps Decimal and list types; CSV and Excel
    write amounts as their exact decimal text and lists as `a;b`."""
    flat = frame.with_columns(
        *[pl.col(c).cast(pl.List(pl.String)).list.join(";") for c, t in frame.schema.items() if isinstance(t, pl.List)],
    ).with_columns(*[pl.col(c).cast(pl.String) for c, t in frame.schema.items() if t.is_decimal()])
    parquet = io.BytesIO()
    frame.write_parquet(parquet)
    excel = io.BytesIO()
    flat.write_excel(excel)
    return {"csv": flat.write_csv().encode("utf-8-sig"), "xlsx": excel.getvalue(), "parquet": parquet.getvalue()}


def export_one(frame: pl.DataFrame, extension: str) -> bytes:
    """One format only: what a download button builds when it is clicked."""
    return export_bytes(frame)[extension]
