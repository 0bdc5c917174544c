"""附表1-4 财政拨款收支总表: appropriations only; empty cells mean "not stated", not zero."""

from __future__ import annotations

import polars as pl

from budgetlens.ingest.source import Section
from budgetlens.ingest.two_sided import read_two_sided


def parse(section: Section) -> dict[str, pl.DataFrame]:
    return {"s04_fiscal_summary": read_two_sided(section, "1-4")}
