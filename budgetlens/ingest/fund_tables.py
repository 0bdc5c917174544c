"""1-9 政府性基金 and 1-10 国有资本经营: often only a header and a statement that there is none.

The statement ("…2023 年无政府性基金预算安排的支出。") is a fact of its own: it is recorded as a
`statement` row, so "the document says there is none" is never confused with "we read nothing".
"""

from __future__ import annotations

import polars as pl

from budgetlens.errors import IngestError
from budgetlens.ingest.cells import clean_text, code_level, squash
from budgetlens.ingest.source import Section
from budgetlens.ingest.tables import (
    LINES,
    amounts,
    column_keys,
    fit,
    frame,
    header_paths,
    is_column_numbering,
)
from budgetlens.money import MONEY

_OPERATING = "运转类项目支出"
COLUMNS = {
    "功能科目编码": "function_code",
    "功能科目名称": "function_name",
    "单位编码": "unit_code",
    "单位名称": "unit_name",
    "总计": "total_wan",
    "人员类项目支出": "personnel_projects_wan",
    f"{_OPERATING}/公用经费项目支出": "public_expense_projects_wan",
    f"{_OPERATING}/其他运转类项目支出": "other_operating_projects_wan",
    "特定目标类项目支出": "special_purpose_projects_wan",
}
AMOUNT_KEYS = [key for key in COLUMNS.values() if key.endswith("_wan")]
SCHEMA: dict[str, pl.DataType] = {
    "row_kind": pl.String,  # statement | row
    "statement": pl.String,
    "states_none": pl.Boolean,  # the statement says there is no such spending
    "function_code": pl.String,
    "function_name": pl.String,
    "level": pl.Int8,
    "unit_code": pl.String,
    "unit_name": pl.String,
    **{key: MONEY for key in AMOUNT_KEYS},
    "source_lines": LINES,
}


def read_fund_table(section: Section, schedule: str) -> pl.DataFrame:
    rows = [row for row in section.rows() if not is_column_numbering(row.cells)]
    header_start = next((i for i, row in enumerate(rows) if squash(row.cells[0]) == "功能科目编码"), None)
    if header_start is None:
        raise IngestError("no header row starting with 功能科目编码", line=section.first_line, schedule=schedule)
    header = rows[header_start : header_start + 2]
    keys = column_keys(header_paths(header), COLUMNS, line=header[0].number, schedule=schedule)
    records: list[dict] = []
    empty_amounts = dict.fromkeys(AMOUNT_KEYS)
    for row in rows[header_start + 2 :]:
        cells = fit(row, len(keys), schedule)
        values = dict(zip(keys, cells, strict=True))
        code = squash(values.get("function_code", ""))
        records.append(
            {
                "row_kind": "row",
                "statement": None,
                "states_none": None,
                "function_code": code or None,
                "function_name": clean_text(values.get("function_name", "")),
                "level": code_level(code) if code else 0,
                "unit_code": squash(values.get("unit_code", "")) or None,
                "unit_name": clean_text(values.get("unit_name", "")),
                **empty_amounts,
                **amounts(cells, keys, row, schedule),
                "source_lines": [row.number],
            }
        )
    for line in section.text_lines():
        text = clean_text(line.text)
        if text.startswith("说明"):
            statement = text.split("：", 1)[-1]
            records.append(
                {
                    "row_kind": "statement",
                    "statement": statement,
                    "states_none": "无" in statement or "没有" in statement,
                    "function_code": None,
                    "function_name": None,
                    "level": None,
                    "unit_code": None,
                    "unit_name": None,
                    **empty_amounts,
                    "source_lines": [line.number],
                }
            )
    if not records:
        raise IngestError(
            "neither rows nor a statement (说明：…) found: the schedule says nothing",
            line=header[-1].number,
            schedule=schedule,
        )
    return frame(records, SCHEMA)
