"""附表1-10 国有资本经营预算支出表."""

from __future__ import annotations

import polars as pl

from budgetlens.ingest.fund_tables import read_fund_table
from budgetlens.ingest.source import Section


def parse(section: Section) -> dict[str, pl.DataFrame]:
    return {"s10_state_capital": read_fund_table(section, "1-10")}
