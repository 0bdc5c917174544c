"""附表1-1 收支总表: the department's income and expenditure on one page."""

from __future__ import annotations

import polars as pl

from budgetlens.ingest.source import Section
from budgetlens.ingest.two_sided import read_two_sided


def parse(section: Section) -> dict[str, pl.DataFrame]:
    return {"s01_summary": read_two_sided(section, "1-1")}
