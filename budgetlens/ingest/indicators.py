"""Performance indicators of 1-13 and 1-14 in one tidy shape.

Rows are read by the fixed vocabulary (一级/二级指标), not by column position, because the
extraction shifted many rows. Values are then placed by the table's header; where a row's
values do not sit where the header says (the common one-column-right shift), they are placed
by rule and the row is flagged `placement_inferred` with a note saying which rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from budgetlens.errors import IngestError
from budgetlens.frames import LINES
from budgetlens.ingest.cells import clean_text, squash
from budgetlens.ingest.source import Line
from budgetlens.vocabulary import FRAMEWORK  # the ingest reads rows by it; the checks judge by it
from budgetlens.years import Years

LEVEL1 = frozenset(FRAMEWORK)
LEVEL2 = frozenset().union(*FRAMEWORK.values())
# The 一级 indicator each 二级 one belongs to, to restore a missing 一级指标 (成本指标 has two).
PARENT = {level2: level1 for level1, names in FRAMEWORK.items() for level2 in names if level2 not in LEVEL1}
PLACEHOLDER = re.compile(r"^[.。…]+$")
VALUE = pl.Decimal(20, 4)

_COMPARATORS = {  # a value's prefix -> its comparator
    **dict.fromkeys(("≥", ">=", "不少于", "不低于"), "≥"),
    **dict.fromkeys(("≤", "<=", "不高于"), "≤"),
    **dict.fromkeys((">", "＞", "超过", "高于"), ">"),
    **dict.fromkeys(("<", "＜", "低于"), "<"),
    "约": "≈",
}
_SUFFIXES = {"以上": "≥", "及以上": "≥", "以下": "≤", "左右": "≈"}
_QUANTITY = re.compile(
    r"^(?P<prefix>≥|>=|≤|<=|>|＞|<|＜|约|不少于|不低于|不高于|超过|高于|低于)?\s*"
    r"(?P<number>\d+(?:\.\d+)?)\s*(?:[-—–~～至]\s*(?P<number_max>\d+(?:\.\d+)?))?\s*"
    r"(?P<unit>[^\d\s]{0,6}?)\s*(?P<suffix>及以上|以上|以下|左右)?$"
)


@dataclass(frozen=True)
class ParsedValue:
    comparator: str | None
    number: Decimal | None
    number_max: Decimal | None
    unit: str | None


def parse_value(raw: str | None) -> ParsedValue:
    """'≥5台套' -> (≥, 5, None, 台套); '2-3人' -> (None, 2, 3, 人); '三星及以上' -> text only."""
    if not raw:
        return ParsedValue(None, None, None, None)
    match = _QUANTITY.match(squash(raw))
    if not match or any(ch in (match.group("unit") or "") for ch in "，,；;、"):
        return ParsedValue(None, None, None, None)
    comparator = _COMPARATORS.get(match.group("prefix") or "") or _SUFFIXES.get(match.group("suffix") or "")
    number_max = match.group("number_max")
    return ParsedValue(
        comparator,
        Decimal(match.group("number")),
        Decimal(number_max) if number_max else None,
        match.group("unit") or None,
    )


GOAL_SCHEMA: dict[str, pl.DataType] = {
    "scope": pl.String,  # department | project
    "project_code": pl.String,
    "goal_kind": pl.String,  # long_term | annual
    "goal_number": pl.Int16,
    "text": pl.String,
    "source": pl.String,  # goal_heading | goal_list
    "source_lines": LINES,
}
GOAL_KINDS = {"长期": "long_term", "年度": "annual"}


def goal_record(
    scope: str, project_code: str | None, kind: str, number: int, text: str, source: str, line: int
) -> dict:
    """One numbered goal of 1-13 or 1-14, as GOAL_SCHEMA holds it."""
    keys = ("scope", "project_code", "goal_kind", "goal_number", "text", "source")
    return {**dict(zip(keys, (scope, project_code, kind, number, text, source), strict=True)), "source_lines": [line]}


@dataclass(frozen=True)
class Slots:
    """Where, relative to the indicator-name column, the header puts each value."""

    offsets: dict[str, int]  # slot name -> offset
    regular: bool  # the header has the standard layout
    years: Years  # the document's years: the value slots' columns (value_2021 …) are named by them


# Slots by role; the value columns are named by the document's years (`Years.value_column`).
ROLES = ("prior", "previous", "budget")  # the value slots, in the order of `Years`
ANNUAL_STANDARD = {"prior": 1, "previous": 2, "budget": 3, "basis": 4}
LONG_TERM_STANDARD = {"target": 1, "basis": 2}
_HEADER_LABELS = {
    "指标名称": "name",
    "三级指标": "name",
    "前年": "prior",
    "上年": "previous",
    "预期当年实现值": "budget",
    "预计当年实现": "budget",
    "指标值确定依据": "basis",
    "指标值": "target",
}


def header_slots(header: list[Line], goal_kind: str, years: Years) -> Slots:
    # header label -> slot, with the document's stated years ("2021年" is 前年 of a 2023 budget)
    labels = {**_HEADER_LABELS, f"{years.prior}年": "prior", f"{years.previous}年": "previous"}
    positions: dict[str, int] = {}
    for row in header:
        for index, cell in enumerate(row.cells):
            label = labels.get(squash(cell))
            if label and label not in positions:
                positions[label] = index
    standard = ANNUAL_STANDARD if goal_kind == "annual" else LONG_TERM_STANDARD
    if "name" not in positions:
        return Slots(standard, False, years)
    found = {slot: positions[slot] - positions["name"] for slot in standard if slot in positions}
    if goal_kind == "long_term":
        # one document puts an empty column between 指标值 and 指标值确定依据: still regular
        found.setdefault("target", 1)
        return Slots(found, found.get("target") == 1 and "basis" in found, years)
    return Slots(found if found == standard else standard, found == standard, years)


@dataclass
class IndicatorCursor:
    """The 一级/二级 indicator in force as rows go by (rows often leave them blank)."""

    level1: str | None = None
    level2: str | None = None
    goal_number: int | None = None


def read_indicator_row(row: Line, cursor: IndicatorCursor, goal_label: re.Pattern[str]) -> tuple[int, list[str]] | None:
    """Advance the cursor over goal/一级/二级 cells; return (name index, cells) when the row names an indicator."""
    cells = row.cells
    nonempty = [(i, squash(c)) for i, c in enumerate(cells) if squash(c)]
    for position, (index, text) in enumerate(nonempty):
        label = goal_label.match(text)
        if label:
            cursor.goal_number = int(label.group(1))
            cursor.level1 = cursor.level2 = None
            continue
        following = nonempty[position + 1][1] if position + 1 < len(nonempty) else ""
        if text in LEVEL1 and (text != "成本指标" or following in LEVEL2):
            cursor.level1, cursor.level2 = text, None
            continue
        if text in LEVEL2:
            cursor.level2 = text
            parent = PARENT.get(text)
            if parent and cursor.level1 != parent and text != "成本指标":
                cursor.level1 = parent
            continue
        if PLACEHOLDER.match(text):
            return None
        late = [later for _, later in nonempty[position + 1 :] if later in LEVEL1 or later in LEVEL2]
        if late:
            # Read on, the row would land under the previous row's 一级/二级 while saying otherwise.
            raise IngestError(
                f"the indicator {text!r} has its 一级/二级 cells ({'、'.join(late)}) after its name: "
                "the columns are out of order",
                line=row.number,
            )
        return index, cells
    return None


def place_values(values: dict[int, str], slots: Slots, goal_kind: str) -> tuple[dict[str, str | None], str | None]:
    """Values by offset -> named slots, and a note when the placement had to be inferred."""
    by_offset = {offset: slot for slot, offset in slots.offsets.items()}
    placed: dict[str, str | None] = dict.fromkeys(slots.offsets)
    placed |= {by_offset[offset]: value for offset, value in values.items() if offset in by_offset}
    stray = {offset: value for offset, value in values.items() if offset not in by_offset}
    notes: list[str] = []
    if not slots.regular:
        notes.append("the table's header lost columns; values placed by the standard layout")
    if stray:
        ordered = [values[offset] for offset in sorted(values)]
        placed = dict.fromkeys(slots.offsets) | dict(zip(slots.offsets, ordered, strict=False))
        notes.append("values stood outside the header's columns; placed in order")
    if goal_kind == "long_term":
        if not placed.get("target") and placed.get("basis"):
            placed["target"], placed["basis"] = placed["basis"], None
            notes.append("the value sat under 指标值确定依据; read as the target")
    elif placed.get("basis"):
        y1, y2, y3 = placed["prior"], placed["previous"], placed["budget"]
        if not y1 and y3:
            placed["prior"], placed["previous"], placed["budget"] = y2, y3, placed["basis"]
            placed["basis"] = None
            notes.append("values sat one column right of their header; shifted left")
        elif not y3:
            placed["budget"], placed["basis"] = placed["basis"], None
            notes.append(f"the current-year value sat under 指标值确定依据; read as the {slots.years.budget} value")
    return placed, ("; ".join(notes) or None)


def indicator_record(
    row: Line, name_index: int, cells: list[str], cursor: IndicatorCursor, slots: Slots, goal_kind: str
) -> dict:
    values = {
        offset: clean_text(cells[name_index + offset])
        for offset in range(1, len(cells) - name_index)
        if clean_text(cells[name_index + offset])
    }
    placed, note = place_values(values, slots, goal_kind)
    years = slots.years
    record = {
        "goal_kind": goal_kind,
        "goal_number": cursor.goal_number,
        "level1": cursor.level1,
        "level2": cursor.level2,
        "name": clean_text(cells[name_index]),
        "target": placed.get("target"),
        **{years.value_column(year): placed.get(role) for role, year in zip(ROLES, years, strict=True)},
        "basis": placed.get("basis"),
        "placement_inferred": note is not None,
        "placement_note": note,
        "source_lines": [row.number],
    }
    for column in ("target", *map(years.value_column, years)):
        parsed = parse_value(record[column])
        record |= {f"{column}_{part}": getattr(parsed, part) for part in VALUE_PARTS}
    return record


# A value's parsed parts (ParsedValue), each a column <value column>_<part> of this type.
VALUE_PARTS: dict[str, pl.DataType] = {"comparator": pl.String, "number": VALUE, "number_max": VALUE, "unit": pl.String}


def schema(years: Years) -> dict[str, pl.DataType]:
    """The indicators table's columns for a document of these years."""
    values = [years.value_column(year) for year in years]
    return {
        "scope": pl.String,  # department | project
        "project_code": pl.String,
        "project_name": pl.String,
        "goal_kind": pl.String,  # long_term | annual
        "goal_number": pl.Int16,
        "level1": pl.String,
        "level2": pl.String,
        "name": pl.String,
        "target": pl.String,
        **dict.fromkeys(values, pl.String),
        "basis": pl.String,
        "placement_inferred": pl.Boolean,
        "placement_note": pl.String,
        **{f"{column}_{part}": dtype for column in ("target", *values) for part, dtype in VALUE_PARTS.items()},
        "source_lines": LINES,
    }
