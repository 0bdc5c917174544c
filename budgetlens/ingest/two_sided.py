"""Two-sided summaries (1-1 收支总表, 1-4 财政拨款收支总表): income items left, expenditure right."""

from __future__ import annotations

import re

import polars as pl

from budgetlens.errors import IngestError
from budgetlens.ingest.cells import clean_text, parse_money, squash
from budgetlens.ingest.source import Section
from budgetlens.ingest.tables import LINES, fit, frame
from budgetlens.money import MONEY

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十廿]+、|（[一二三四五六七八九十廿]+）|\([一二三四五六七八九十廿]+\))")
SCHEMA: dict[str, pl.DataType] = {
    "side": pl.String,  # income | expenditure
    "seq": pl.Int16,  # order within the side
    "label": pl.String,  # as printed, numbering included
    "name": pl.String,  # numbering removed, spaces removed
    "level": pl.Int8,  # 1 for 一、…; 2 for （一）…; 0 for 合计/总计 lines
    "parent_name": pl.String,  # for a level-2 item, the level-1 item above it on the same side
    "row_kind": pl.String,  # item | total | grand_total | carryover
    "amount_wan": MONEY,  # null when the cell is empty: not stated, not zero
    "source_lines": LINES,
}


def _kind(name: str) -> str:
    if "总计" in name:
        return "grand_total"
    if "合计" in name:
        return "total"
    if "结转" in name or "结余" in name:
        return "carryover"
    return "item"


def _level(label: str) -> int:
    if label.startswith(("（", "(")):
        return 2
    if _NUMBERING.match(label):
        return 1
    return 0


def read_two_sided(section: Section, schedule: str) -> pl.DataFrame:
    rows = section.rows()
    header = next((row for row in rows if squash(row.cells[0]) in {"项目"}), None)
    if header is None:
        raise IngestError("no header row starting with 项目", line=section.first_line, schedule=schedule)
    if [squash(cell) for cell in header.cells[:4]] != ["项目", "预算数", "项目", "预算数"]:
        raise IngestError("the header should read 项目 | 预算数 | 项目 | 预算数", line=header.number, schedule=schedule)
    records: list[dict] = []
    seq = {"income": 0, "expenditure": 0}
    parent: dict[str, str | None] = {"income": None, "expenditure": None}
    for row in rows[rows.index(header) + 1 :]:
        cells = fit(row, 4, schedule)
        for side, (label_cell, amount_cell) in (("income", cells[0:2]), ("expenditure", cells[2:4])):
            if not label_cell.strip():
                if amount_cell.strip():
                    raise IngestError(
                        f"an amount {amount_cell!r} without an item on the {side} side",
                        line=row.number,
                        schedule=schedule,
                    )
                continue
            label = clean_text(label_cell)
            name = squash(_NUMBERING.sub("", squash(label)))
            seq[side] += 1
            level = _level(squash(label))
            if level == 1:
                parent[side] = name
            records.append(
                {
                    "side": side,
                    "seq": seq[side],
                    "label": label,
                    "name": name,
                    "level": level,
                    "parent_name": parent[side] if level == 2 else None,
                    "row_kind": _kind(name),
                    "amount_wan": parse_money(amount_cell, line=row.number, schedule=schedule, column=f"{side} 预算数"),
                    "source_lines": [row.number],
                }
            )
    if not records:
        raise IngestError("the table has no rows", line=header.number, schedule=schedule)
    return frame(records, SCHEMA)
