"""附表1-5 一般公共预算支出表: general-budget expenditure by function code, basic split into 人员/公用."""

from __future__ import annotations

import polars as pl

from budgetlens.ingest.coded import read_coded_table
from budgetlens.ingest.source import Section

SCHEDULE = "1-5"
COLUMNS = {
    "科目编码": "code",
    "科目名称": "name",
    "合计": "total_wan",
    "基本支出/小计": "basic_wan",
    "基本支出/人员经费": "basic_personnel_wan",
    "基本支出/公用经费": "basic_public_wan",
    "项目支出": "project_wan",
}


def parse(section: Section) -> dict[str, pl.DataFrame]:
    return {"s05_general_budget": read_coded_table(section, COLUMNS, SCHEDULE)}
