"""Function (功能分类) and economic (经济分类) codes as hierarchies: code, name, level, parent.

Built from every schedule that names a code, so a code used only in procurement still appears.
The name comes from the first schedule listed; other spellings are kept in `other_names`.
"""

from __future__ import annotations

import polars as pl

from budgetlens.frames import LINES, frame
from budgetlens.ingest.cells import code_level, parent_code

SCHEMA: dict[str, pl.DataType] = {
    "code": pl.String,
    "name": pl.String,
    "level": pl.Int8,
    "parent_code": pl.String,
    "other_names": pl.List(pl.String),
    "schedules": pl.List(pl.String),
    "source_lines": LINES,
}


def _collect(sources: list[tuple[str, pl.DataFrame, str, str]]) -> pl.DataFrame:
    codes: dict[str, dict] = {}
    for schedule, table, code_column, name_column in sources:
        if table.is_empty() or code_column not in table.columns:
            continue
        for row in table.select(code_column, name_column, "source_lines").iter_rows(named=True):
            code, name = row[code_column], row[name_column]
            if not code:
                continue
            entry = codes.setdefault(
                code,
                {
                    "code": code,
                    "name": name,
                    "level": code_level(code),
                    "parent_code": parent_code(code),
                    "other_names": [],
                    "schedules": [],
                    "source_lines": [],
                },
            )
            if name and name != entry["name"] and name not in entry["other_names"]:
                entry["other_names"].append(name)
            if schedule not in entry["schedules"]:
                entry["schedules"].append(schedule)
            entry["source_lines"].extend(line for line in row["source_lines"] if line not in entry["source_lines"])
    records = sorted(codes.values(), key=lambda entry: entry["code"])
    return frame(records, SCHEMA)


def build(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    empty = pl.DataFrame()
    function_sources = [
        ("1-3", tables.get("s03_expenditure", empty), "code", "name"),
        ("1-5", tables.get("s05_general_budget", empty), "code", "name"),
        ("1-11", tables.get("s11_procurement", empty), "function_code", "function_name"),
        ("1-12", tables.get("s12_purchased_services", empty), "function_code", "function_name"),
    ]
    economic_sources = [
        ("1-6", tables.get("s06_basic_economic", empty), "code", "name"),
        ("1-11", tables.get("s11_procurement", empty), "economic_code", "economic_name"),
        ("1-12", tables.get("s12_purchased_services", empty), "economic_code", "economic_name"),
    ]
    return {"function_codes": _collect(function_sources), "economic_codes": _collect(economic_sources)}
