"""附表1-12 政府购买服务预算表 (元): purchased services, some of which are also procurement."""

from __future__ import annotations

import polars as pl

from budgetlens.errors import IngestError
from budgetlens.ingest.cells import clean_text
from budgetlens.ingest.source import Section
from budgetlens.ingest.tables import LINES, frame
from budgetlens.ingest.unit_rows import coded, money, read_unit_table, unit_fields
from budgetlens.money import MONEY

SCHEDULE = "1-12"
_CATALOG = "政府购买服务指导目录"
COLUMNS = {
    "单位代码": "unit_code",
    "单位名称": "unit_name",
    "是否包含政府采购": "includes_procurement",
    "项目": "project",
    "政府购买服务内容": "content",
    "购买数量": "quantity",
    "购买金额": "amount_yuan",
    "资金来源": "fund_source",
    "资金性质": "fund_nature",
    "支出功能分类科目": "function",
    "部门支出经济分类": "economic",
    f"{_CATALOG}/一级目录": "catalog_level1",
    f"{_CATALOG}/二级目录": "catalog_level2",
    f"{_CATALOG}/三级目录": "catalog_level3",
}
SCHEMA: dict[str, pl.DataType] = {
    "unit_code": pl.String,
    "unit_name": pl.String,
    "row_level": pl.String,  # total | group | department | unit | line
    "includes_procurement": pl.Boolean,  # 是 / 否: the line is also in 1-11 政府采购
    "project_name": pl.String,
    "service_content": pl.String,
    "quantity": MONEY,
    "amount_yuan": MONEY,
    "fund_source": pl.String,
    "fund_nature": pl.String,
    "function_code": pl.String,
    "function_name": pl.String,
    "economic_code": pl.String,
    "economic_name": pl.String,
    "catalog_level1": pl.String,
    "catalog_level2": pl.String,
    "catalog_level3": pl.String,
    "source_lines": LINES,
}
_YES_NO = {"是": True, "否": False, "": None}


def parse(section: Section) -> dict[str, pl.DataFrame]:
    _, body = read_unit_table(section, COLUMNS, SCHEDULE)
    records = []
    for row, cells in body:
        flag = cells.get("includes_procurement", "").strip()
        if flag not in _YES_NO:
            raise IngestError(f"是否包含政府采购 should be 是 or 否, not {flag!r}", line=row.number, schedule=SCHEDULE)
        records.append(
            {
                **unit_fields(row, cells, SCHEDULE),
                "includes_procurement": _YES_NO[flag],
                "project_name": clean_text(cells.get("project", "")) or None,
                "service_content": clean_text(cells.get("content", "")) or None,
                "quantity": money(row, cells, "quantity", SCHEDULE),
                "amount_yuan": money(row, cells, "amount_yuan", SCHEDULE),
                "fund_source": clean_text(cells.get("fund_source", "")) or None,
                "fund_nature": clean_text(cells.get("fund_nature", "")) or None,
                **coded(cells, "function", "function"),
                **coded(cells, "economic", "economic"),
                **{
                    key: clean_text(cells.get(key, "")) or None
                    for key in ("catalog_level1", "catalog_level2", "catalog_level3")
                },
                "source_lines": [row.number],
            }
        )
    return {"s12_purchased_services": frame(records, SCHEMA)}
