"""附表1-6 一般公共预算基本支出表: basic expenditure by economic code, 人员经费 vs 公用经费."""

from __future__ import annotations

import polars as pl

from budgetlens.ingest.coded import read_coded_table
from budgetlens.ingest.source import Section

SCHEDULE = "1-6"
_GROUP = "部门预算支出经济分类科目"
_AMOUNTS = "本年一般公共预算基本支出"
COLUMNS = {
    f"{_GROUP}/科目编码": "code",
    f"{_GROUP}/科目名称": "name",
    "科目编码": "code",
    "科目名称": "name",
    f"{_AMOUNTS}/合计": "total_wan",
    f"{_AMOUNTS}/人员经费": "personnel_wan",
    f"{_AMOUNTS}/公用经费": "public_wan",
}


def parse(section: Section) -> dict[str, pl.DataFrame]:
    return {"s06_basic_economic": read_coded_table(section, COLUMNS, SCHEDULE)}
