"""附表1-7 三公经费: one row of amounts, kept as one record per item with its parent."""

from __future__ import annotations

import polars as pl

from budgetlens.errors import IngestError
from budgetlens.ingest.source import Section
from budgetlens.ingest.tables import LINES, amounts, column_keys, fit, frame, header_paths
from budgetlens.money import MONEY

SCHEDULE = "1-7"
_VEHICLES = "公务用车购置及运行费"
COLUMNS = {
    "“三公”经费合计": "total_wan",
    "因公出国（境）费": "overseas_travel_wan",
    f"{_VEHICLES}/小计": "vehicles_wan",
    f"{_VEHICLES}/公务用车购置费": "vehicle_purchase_wan",
    f"{_VEHICLES}/公务用车运行费": "vehicle_operation_wan",
    "公务接待费": "reception_wan",
}
# item -> (parent item, level)
TREE = {
    "total": (None, 0),
    "overseas_travel": ("total", 1),
    "vehicles": ("total", 1),
    "vehicle_purchase": ("vehicles", 2),
    "vehicle_operation": ("vehicles", 2),
    "reception": ("total", 1),
}
SCHEMA: dict[str, pl.DataType] = {
    "item": pl.String,
    "name": pl.String,
    "parent_item": pl.String,
    "level": pl.Int8,
    "amount_wan": MONEY,
    "source_lines": LINES,
}


def parse(section: Section) -> dict[str, pl.DataFrame]:
    rows = section.rows()
    data = [row for row in rows if row.cells and row.cells[0].replace(".", "").isdigit()]
    if len(data) != 1:
        raise IngestError(f"expected one row of amounts, found {len(data)}", line=section.first_line, schedule=SCHEDULE)
    header = [row for row in rows if row.number < data[0].number]
    if not 1 <= len(header) <= 2:
        raise IngestError("expected one or two header rows", line=data[0].number, schedule=SCHEDULE)
    paths = header_paths(header)
    keys = column_keys(paths, COLUMNS, line=header[0].number, schedule=SCHEDULE)
    cells = fit(data[0], len(keys), SCHEDULE)
    values = amounts(cells, keys, data[0], SCHEDULE)
    records = []
    for key, path in zip(keys, paths, strict=True):
        item = key.removesuffix("_wan")
        parent, level = TREE[item]
        records.append(
            {
                "item": item,
                "name": path.split("/")[-1].replace("小计", path.split("/")[0]),
                "parent_item": parent,
                "level": level,
                "amount_wan": values[key],
                "source_lines": [data[0].number],
            }
        )
    return {"s07_three_public": frame(records, SCHEMA)}
