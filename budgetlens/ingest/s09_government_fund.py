"""附表1-9 政府性基金预算支出表."""

from __future__ import annotations

import polars as pl

from budgetlens.ingest.fund_tables import read_fund_table
from budgetlens.ingest.source import Section


def parse(section: Section) -> dict[str, pl.DataFrame]:
    return {"s09_government_fund": read_fund_table(section, "1-9")}
