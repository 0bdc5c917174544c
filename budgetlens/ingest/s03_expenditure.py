"""附表1-3 支出总表: expenditure by function code, basic vs project."""

from __future__ import annotations

import polars as pl

from budgetlens.ingest.coded import read_coded_table
from budgetlens.ingest.source import Section

SCHEDULE = "1-3"
COLUMNS = {
    "科目编码": "code",
    "科目名称": "name",
    "合计": "total_wan",
    "基本支出": "basic_wan",
    "项目支出": "project_wan",
    "事业单位经营支出": "business_operation_wan",
    "上缴上级支出": "remit_to_superior_wan",
    "对附属单位补助支出": "subsidy_to_affiliates_wan",
}


def parse(section: Section) -> dict[str, pl.DataFrame]:
    return {"s03_expenditure": read_coded_table(section, COLUMNS, SCHEDULE)}
