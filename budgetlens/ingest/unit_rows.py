"""Shared reading for 1-11 and 1-12: header, then 合计 / group / department rows, then detail lines."""

from __future__ import annotations

from decimal import Decimal

from budgetlens.errors import IngestError
from budgetlens.ingest.cells import clean_text, parse_money, split_bracket_code, squash
from budgetlens.ingest.s02_income import unit_level
from budgetlens.ingest.source import Line, Section
from budgetlens.ingest.tables import column_keys, fit, header_paths, is_column_numbering


def read_unit_table(
    section: Section, mapping: dict[str, str], schedule: str
) -> tuple[list[str], list[tuple[Line, dict[str, str]]]]:
    """Column keys, and each body row as {key: cell text}."""
    rows = [row for row in section.rows() if not is_column_numbering(row.cells)]
    if not rows or squash(rows[0].cells[0]) != "单位代码":
        raise IngestError("no header row starting with 单位代码", line=section.first_line, schedule=schedule)
    header = rows[:2]
    keys = column_keys(header_paths(header), mapping, line=header[0].number, schedule=schedule, unit_suffix="_yuan")
    body = [(row, dict(zip(keys, fit(row, len(keys), schedule), strict=True))) for row in rows[2:]]
    return keys, body


def unit_fields(row: Line, cells: dict[str, str], schedule: str) -> dict:
    code, name = squash(cells["unit_code"]), clean_text(cells["unit_name"])
    if not name:
        raise IngestError("a row without a unit name", line=row.number, schedule=schedule)
    return {
        "unit_code": code or None,
        "unit_name": name,
        "row_level": "line" if _is_line(cells) else unit_level(code, name),
    }


def _is_line(cells: dict[str, str]) -> bool:
    return bool(cells.get("project", "").strip())


def coded(cells: dict[str, str], key: str, prefix: str) -> dict[str, str | None]:
    code, name = split_bracket_code(cells.get(key, ""))
    return {f"{prefix}_code": code, f"{prefix}_name": name or None}


def money(row: Line, cells: dict[str, str], key: str, schedule: str) -> Decimal | None:
    return parse_money(cells.get(key, ""), line=row.number, schedule=schedule, column=key)
