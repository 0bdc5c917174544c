"""附表1-11 政府采购预算表 (元): procurement lines with 品目, function and economic codes."""

from __future__ import annotations

import polars as pl

from budgetlens.ingest.cells import clean_text
from budgetlens.ingest.source import Section
from budgetlens.ingest.tables import LINES, frame
from budgetlens.ingest.unit_rows import coded, money, read_unit_table, unit_fields
from budgetlens.money import MONEY

SCHEDULE = "1-11"
_AMOUNT = "采购金额"
COLUMNS = {
    "单位代码": "unit_code",
    "单位名称": "unit_name",
    "项目": "project",
    "政府采购品目": "item",
    "功能科目": "function",
    "部门支出经济分类": "economic",
    "资金来源": "fund_source",
    "资金性质": "fund_nature",
    "采购数量": "quantity",
    "单价(元)": "unit_price_yuan",
    "计量单位": "measure_unit",
    f"{_AMOUNT}/采购金额合计(元)": "amount_yuan",
    f"{_AMOUNT}/其中面向中小企业(元)": "sme_amount_yuan",
    f"{_AMOUNT}/其中面向小微企业(元)": "micro_amount_yuan",
}
# The first letter of a 政府采购品目 code: A goods, B works, C services.
CATEGORY = {"A": "goods", "B": "works", "C": "services"}
SCHEMA: dict[str, pl.DataType] = {
    "unit_code": pl.String,
    "unit_name": pl.String,
    "row_level": pl.String,  # total | group | department | unit | line
    "project_name": pl.String,
    "item_code": pl.String,
    "item_name": pl.String,
    "category": pl.String,  # goods | works | services, from the 品目 code
    "function_code": pl.String,
    "function_name": pl.String,
    "economic_code": pl.String,
    "economic_name": pl.String,
    "fund_source": pl.String,
    "fund_nature": pl.String,
    "quantity": MONEY,
    "unit_price_yuan": MONEY,
    "measure_unit": pl.String,
    "amount_yuan": MONEY,
    "sme_amount_yuan": MONEY,
    "micro_amount_yuan": MONEY,
    "source_lines": LINES,
}


def parse(section: Section) -> dict[str, pl.DataFrame]:
    _, body = read_unit_table(section, COLUMNS, SCHEDULE)
    records = []
    for row, cells in body:
        item = coded(cells, "item", "item")
        records.append(
            {
                **unit_fields(row, cells, SCHEDULE),
                "project_name": clean_text(cells.get("project", "")) or None,
                **item,
                "category": CATEGORY.get((item["item_code"] or " ")[0]),
                **coded(cells, "function", "function"),
                **coded(cells, "economic", "economic"),
                "fund_source": clean_text(cells.get("fund_source", "")) or None,
                "fund_nature": clean_text(cells.get("fund_nature", "")) or None,
                "quantity": money(row, cells, "quantity", SCHEDULE),
                "unit_price_yuan": money(row, cells, "unit_price_yuan", SCHEDULE),
                "measure_unit": clean_text(cells.get("measure_unit", "")) or None,
                "amount_yuan": money(row, cells, "amount_yuan", SCHEDULE),
                "sme_amount_yuan": money(row, cells, "sme_amount_yuan", SCHEDULE),
                "micro_amount_yuan": money(row, cells, "micro_amount_yuan", SCHEDULE),
                "source_lines": [row.number],
            }
        )
    return {"s11_procurement": frame(records, SCHEMA)}
