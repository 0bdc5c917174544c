"""附表1-2 收入总表: income by unit and source; this year's income and last year's carry-over."""

from __future__ import annotations

import polars as pl

from budgetlens.errors import IngestError
from budgetlens.ingest.cells import clean_text, squash
from budgetlens.ingest.coded import split_header
from budgetlens.ingest.source import Section
from budgetlens.ingest.tables import (
    LINES,
    amounts,
    column_keys,
    drop_empty_unlabeled,
    fit,
    frame,
    header_paths,
    with_unlabeled,
)
from budgetlens.money import MONEY

SCHEDULE = "1-2"
_NOW, _CARRY = "本年收入", "上年结转结余"
COLUMNS = {
    "部门（单位）代码": "unit_code",
    "部门（单位）名称": "unit_name",
    "合计": "total_wan",
    f"{_NOW}/小计": "current_total_wan",
    f"{_NOW}/一般公共预算": "current_general_budget_wan",
    f"{_NOW}/政府性基金预算": "current_government_fund_wan",
    f"{_NOW}/国有资本经营预算": "current_state_capital_wan",
    f"{_NOW}/财政专户管理资金": "current_special_account_wan",
    f"{_NOW}/事业收入": "current_business_income_wan",
    f"{_NOW}/事业单位经营收入": "current_operating_income_wan",
    f"{_NOW}/上级补助收入": "current_superior_subsidy_wan",
    f"{_NOW}/附属单位上缴收入": "current_affiliate_remittance_wan",
    f"{_NOW}/其他收入": "current_other_income_wan",
    f"{_CARRY}/小计": "carryover_total_wan",
    f"{_CARRY}/一般公共预算": "carryover_general_budget_wan",
    f"{_CARRY}/政府性基金预算": "carryover_government_fund_wan",
    f"{_CARRY}/国有资本经营预算": "carryover_state_capital_wan",
    f"{_CARRY}/财政专户管理资金": "carryover_special_account_wan",
    f"{_CARRY}/单位资金": "carryover_unit_funds_wan",
}


def unit_level(code: str, name: str) -> str:
    """合计 row, the department (3-digit code), a unit within it (6 digits), or a group above it."""
    if not code and name == "合计":
        return "total"
    if len(code) == 3:
        return "department"
    if len(code) == 6:
        return "unit"
    if len(code) == 2:
        return "group"
    return "other"


def parse(section: Section) -> dict[str, pl.DataFrame]:
    header, body = split_header(section, SCHEDULE)
    keys = column_keys(header_paths(header), COLUMNS, line=header[0].number, schedule=SCHEDULE)
    schema = with_unlabeled(
        {
            "unit_code": pl.String,
            "unit_name": pl.String,
            "row_level": pl.String,
            **{key: MONEY for key in keys if key.endswith("_wan") and not key.startswith("unlabeled")},
            "source_lines": LINES,
        },
        keys,
    )
    records = []
    for row in body:
        cells = fit(row, len(keys), SCHEDULE)
        code, name = squash(cells[0]), clean_text(cells[1])
        if not name:
            raise IngestError("a row without a unit name", line=row.number, schedule=SCHEDULE)
        records.append(
            {
                "unit_code": code or None,
                "unit_name": name,
                "row_level": unit_level(code, name),
                **amounts(cells, keys, row, SCHEDULE),
                "source_lines": [row.number],
            }
        )
    return {"s02_income": drop_empty_unlabeled(frame(records, schema))}
