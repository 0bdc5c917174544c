"""Tables whose rows are keyed by a budget code (1-3, 1-5, 1-6): code, name, amount columns."""

from __future__ import annotations

import re

import polars as pl

from budgetlens.errors import IngestError
from budgetlens.ingest.cells import clean_text, code_level, is_number, parent_code, squash
from budgetlens.ingest.source import Line, Section
from budgetlens.ingest.tables import (
    LINES,
    amounts,
    column_keys,
    drop_empty_unlabeled,
    fit,
    frame,
    header_paths,
    is_column_numbering,
)
from budgetlens.money import MONEY

_CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")


# The column maps of the code-keyed schedules (ingest.PARSERS reads each with read_coded_table).
EXPENDITURE = {  # 附表1-3 支出总表
    "科目编码": "code",
    "科目名称": "name",
    "合计": "total_wan",
    "基本支出": "basic_wan",
    "项目支出": "project_wan",
    "事业单位经营支出": "business_operation_wan",
    "上缴上级支出": "remit_to_superior_wan",
    "对附属单位补助支出": "subsidy_to_affiliates_wan",
}
GENERAL_BUDGET = {  # 附表1-5 一般公共预算支出表
    "科目编码": "code",
    "科目名称": "name",
    "合计": "total_wan",
    "基本支出/小计": "basic_wan",
    "基本支出/人员经费": "basic_personnel_wan",
    "基本支出/公用经费": "basic_public_wan",
    "项目支出": "project_wan",
}
_GROUP = "部门预算支出经济分类科目"
_AMOUNTS = "本年一般公共预算基本支出"
BASIC_ECONOMIC = {  # 附表1-6 一般公共预算基本支出表
    f"{_GROUP}/科目编码": "code",
    f"{_GROUP}/科目名称": "name",
    "科目编码": "code",
    "科目名称": "name",
    f"{_AMOUNTS}/合计": "total_wan",
    f"{_AMOUNTS}/人员经费": "personnel_wan",
    f"{_AMOUNTS}/公用经费": "public_wan",
}


def split_header(section: Section, schedule: str) -> tuple[list[Line], list[Line]]:
    """Header rows are the table rows before the first row that carries an amount."""
    rows = [row for row in section.rows() if not is_column_numbering(row.cells)]
    for index, row in enumerate(rows):
        if any(is_number(cell) for cell in row.cells[2:]):
            if index == 0 or index > 2:
                raise IngestError(f"expected one or two header rows, found {index}", line=row.number, schedule=schedule)
            return rows[:index], rows[index:]
    raise IngestError("the table has no rows with amounts", line=section.first_line, schedule=schedule)


def read_coded_table(section: Section, mapping: dict[str, str], schedule: str) -> pl.DataFrame:
    header, body = split_header(section, schedule)
    keys = column_keys(header_paths(header), mapping, line=header[0].number, schedule=schedule)
    if keys[:2] != ["code", "name"]:
        raise IngestError(
            "the first two columns must be 科目编码 and 科目名称", line=header[0].number, schedule=schedule
        )
    amount_keys = keys[2:]
    schema: dict[str, pl.DataType] = {
        "code": pl.String,
        "name": pl.String,
        "level": pl.Int8,
        "parent_code": pl.String,
        **{key: MONEY for key in amount_keys},
        "source_lines": LINES,
    }
    records: list[dict] = []
    for row in body:
        cells = fit(row, len(keys), schedule)
        code, name = squash(cells[0]), clean_text(cells[1])
        values = amounts(cells, keys, row, schedule)
        if not code and name != "合计":
            if records and all(value is None for value in values.values()) and name:
                records[-1]["name"] += name  # a name the extraction broke across lines
                records[-1]["source_lines"].append(row.number)
                continue
            raise IngestError(f"row {name!r} has no code", line=row.number, schedule=schedule)
        if code and not _CODE.match(code):
            raise IngestError(f"{cells[0]!r} is not a 3-, 5- or 7-digit code", line=row.number, schedule=schedule)
        records.append(
            {
                "code": code or None,
                "name": name,
                "level": code_level(code) if code else 0,
                "parent_code": parent_code(code) if code else None,
                **values,
                "source_lines": [row.number],
            }
        )
    if not records or records[0]["level"] != 0:
        raise IngestError("the first row should be the 合计 row", line=body[0].number, schedule=schedule)
    return drop_empty_unlabeled(frame(records, schema))
