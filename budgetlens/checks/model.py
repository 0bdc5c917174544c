"""What a check result is, and the small helpers every rule uses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Protocol

import polars as pl

from budgetlens.money import CANONICAL_MONEY

# A compared value: money in 万元 to six places, as the canonical tables hold it (a table printed in 元 to the 分 is
# 2218.644080 万元; four places rounded the 分 away), percentages and counts in the same type.
VALUE = CANONICAL_MONEY
TWO_DECIMALS = "两位小数（文件的精度）/ two decimals, the document's precision"  # what a percentage is compared at
BLANK_NOT_COUNTED = "空白单元格按未列示处理，不计入"  # a note: a sum left out blank cells
BLANK_AS_NOTHING = "exact; a blank cell counts as nothing"  # a precision: a sum counted blank cells as zero
NOTHING_TO_COMPARE = "—"  # the instance of a rule's one row on a document that states nothing it compares
SCHEMA: dict[str, pl.DataType] = {
    "rule_id": pl.String,
    "instance": pl.String,  # which item the rule was applied to (a code, a project, a year …)
    "group": pl.String,  # within_table | across_tables | derived | narrative | indicators | names | structure
    "description_zh": pl.String,
    "description_en": pl.String,
    "schedules": pl.List(pl.String),
    "status": pl.String,  # pass | fail | not_applicable
    "expected_label": pl.String,  # what the expected side is, in words
    "expected": VALUE,
    "expected_text": pl.String,
    "actual_label": pl.String,
    "actual": VALUE,
    "actual_text": pl.String,
    "difference": VALUE,  # actual − expected, exact
    "unit": pl.String,
    "precision": pl.String,  # exact, or the rounding the document itself applies
    "note": pl.String,
    "expected_lines": pl.List(pl.Int32),
    "actual_lines": pl.List(pl.Int32),
}


@dataclass(frozen=True)
class Rule:
    id: str
    group: str
    schedules: tuple[str, ...]
    zh: str
    en: str


@dataclass
class Side:
    """One side of a comparison: a value (or text), what it is, and where it was printed."""

    label: str
    value: Decimal | None = None
    lines: list[int] = field(default_factory=list)
    text: str | None = None


class CellSink(Protocol):
    """Where each side of a result was printed (checks/canonical.py's `Cells` collects them)."""

    def add(self, rule: Rule, instance: str, side: str, printed: list[dict]) -> None: ...


class NoCells:
    """Where each side was printed, kept by no one (a caller that wants the results only)."""

    def add(self, rule: Rule, instance: str, side: str, printed: list[dict]) -> None:
        return None


class Named:
    """One rule's instance names, each naming one check: the same words said again (a figure printed twice on one
    page) name the next check with its place, 第 7 页：…（同名第2项）. The checks' cells (check_cells) are joined to the
    checks by (rule_id, instance): two checks of one name would share their cells, and a ⚠ would land on both."""

    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()

    def name(self, instance: str) -> str:
        self.seen[instance] += 1
        count = self.seen[instance]
        return instance if count == 1 else f"{instance}（同名第{count}项）"


def total(values: Iterable[Decimal | None]) -> Decimal | None:
    """Exact sum; None when any part was not stated (a blank cell cannot be added as zero)."""
    result = Decimal(0)
    for value in values:
        if value is None:
            return None
        result += value
    return result


def round2(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def printed_number(printed: str) -> Decimal:
    return Decimal(printed.replace(",", ""))


def printed_decimals(printed: str) -> int:
    return len(printed.split(".")[1]) if "." in printed else 0


def as_printed(value: Decimal, printed: str) -> Decimal:
    """`value` at the digits of `printed`: cut when the cut value is the one printed (877,080 元 written 87.70万元),
    else rounded half up. Documents round, and some cut."""
    step = Decimal(1).scaleb(-printed_decimals(printed))
    cut = value.quantize(step, rounding=ROUND_DOWN)
    return cut if cut == printed_number(printed) else value.quantize(step, rounding=ROUND_HALF_UP)


def agrees_as_printed(exact: Decimal, stated: Decimal, printed: str) -> str:
    """'pass' when `exact` at the digits of `printed` is the stated figure, else 'fail'. A rule comparing a table's
    amount with a figure the text rounds keeps the table's own digits on its side (the page prints 2,961.68, so the
    card says 2,961.68, not 2,961.7) and compares at the text's digits."""
    return "pass" if as_printed(exact, printed) == stated else "fail"


def result(
    rule: Rule,
    instance: str,
    expected: Side,
    actual: Side,
    *,
    unit: str = "万元",
    precision: str = "exact",
    note: str | None = None,
    status: str | None = None,
) -> dict:
    """A numeric comparison, or a text one when both sides carry text instead of a value."""
    if status is None:
        if expected.text is not None or actual.text is not None:
            status = "pass" if expected.text == actual.text else "fail"
        elif expected.value is None or actual.value is None:
            status = "not_applicable"
        else:
            status = "pass" if expected.value == actual.value else "fail"
    difference = actual.value - expected.value if expected.value is not None and actual.value is not None else None
    return {
        "rule_id": rule.id,
        "instance": instance,
        "group": rule.group,
        "description_zh": rule.zh,
        "description_en": rule.en,
        "schedules": list(rule.schedules),
        "status": status,
        "expected_label": expected.label,
        "expected": expected.value,
        "expected_text": expected.text,
        "actual_label": actual.label,
        "actual": actual.value,
        "actual_text": actual.text,
        "difference": difference,
        "unit": unit,
        "precision": precision,
        "note": note,
        "expected_lines": sorted(set(expected.lines)),
        "actual_lines": sorted(set(actual.lines)),
    }


def cited(
    cells: CellSink,
    rule: Rule,
    instance: str,
    expected: tuple[Side, list[dict]],
    actual: tuple[Side, list[dict]],
    **options,
) -> dict:
    """A result whose sides are each given with the rows (cells) they were printed in, which `cells` collects."""
    cells.add(rule, instance, "expected", expected[1])
    cells.add(rule, instance, "actual", actual[1])
    return result(rule, instance, expected[0], actual[0], **options)


def blank_as_nothing(rows: Iterable[dict]) -> Decimal:
    """The sum of the rows' amounts, a blank cell counted as nothing (templates print zero as a blank)."""
    return sum((row["amount_wan"] or Decimal(0) for row in rows), Decimal(0))


def not_applicable(
    rule: Rule,
    reason: str,
    instance: str = NOTHING_TO_COMPARE,
    expected: Side | None = None,
    actual: Side | None = None,
    *,
    unit: str = "万元",
    schedules: list[str] | None = None,
) -> dict:
    """The row of a rule that cannot be checked here, with why (`reason`); `schedules` replaces the rule's own
    (`[]`: the document prints none of the tables it compares)."""
    sides = expected or Side("—"), actual or Side("—")
    row = result(rule, instance, *sides, unit=unit, status="not_applicable", note=reason)
    return row if schedules is None else {**row, "schedules": schedules}


def nothing_found(rule: Rule, instance: str, looked_at: str, across: str, finding: str) -> dict:
    """The one passing instance of a rule that scans a whole table and found no row to report."""
    return result(rule, instance, Side(looked_at, text=finding), Side(across, text=finding), unit="")


_DICTS: dict[int, tuple[pl.DataFrame, list[dict]]] = {}
_INDEX: dict[tuple[int, tuple[str, ...]], dict[tuple, list[dict]]] = {}


def _dicts(table: pl.DataFrame) -> list[dict]:
    """The table's rows as dicts, converted once per table object (rules filter the same tables many times)."""
    cached = _DICTS.get(id(table))
    if cached is None or cached[0] is not table:
        cached = (table, table.to_dicts())
        _DICTS[id(table)] = cached
        for key in [key for key in _INDEX if key[0] == id(table)]:
            del _INDEX[key]
    return cached[1]


def clear_cache() -> None:
    _DICTS.clear()
    _INDEX.clear()


def rows(table: pl.DataFrame, **where) -> list[dict]:
    """Rows whose columns equal the given values, through an index built once per (table, columns)."""
    records = _dicts(table)
    if not where:
        return list(records)
    keys = tuple(sorted(where))
    index = _INDEX.get((id(table), keys))
    if index is None:
        index = {}
        for record in records:
            index.setdefault(tuple(record[key] for key in keys), []).append(record)
        _INDEX[(id(table), keys)] = index
    return list(index.get(tuple(where[key] for key in keys), []))


def single(found: list[dict]) -> dict | None:
    """The one row found; None where there is none, or several (the document does not say which)."""
    return found[0] if len(found) == 1 else None


def one(table: pl.DataFrame, **where) -> dict | None:
    return single(rows(table, **where))


def lines_of(records: Iterable[dict]) -> list[int]:
    """The lines the records were printed on (none for a PDF's rows: they have a page and box)."""
    return [line for record in records for line in record.get("source_lines") or []]


def sum_side(label: str, records: list[dict], column: str = "amount_wan") -> Side:
    return Side(label, total(record[column] for record in records), lines_of(records))


def value_side(label: str, record: dict | None, column: str = "amount_wan") -> Side:
    if record is None:
        return Side(label, None, [])
    return Side(label, record.get(column), lines_of([record]))


def adds_up(
    rule: Rule,
    instance: str,
    whole: tuple[str, dict | None],
    parts: tuple[str, list[dict]],
    column: str = "amount_wan",
    **options,
) -> dict:
    """The most common identity: a row's amount in `column` (`whole`: its label and row) equals the sum of `parts`'
    (their label and rows)."""
    return result(rule, instance, value_side(*whole, column), sum_side(*parts, column), **options)


def agree(rule: Rule, instance: str, expected: tuple, actual: tuple, **options) -> dict:
    """Two printed amounts that are one figure, each given as (label, row[, column: amount_wan])."""
    return result(rule, instance, value_side(*expected), value_side(*actual), **options)


def row_sum(rule: Rule, instance: str, record: dict, whole: tuple[str, str], parts: tuple[str, list[str]]) -> dict:
    """One printed row: its `whole` (label, column) equals the sum of its `parts` (label, columns)."""
    stated = total(record.get(column) for column in parts[1])
    return result(
        rule, instance, value_side(whole[0], record, whole[1]), Side(parts[0], stated, list(record["source_lines"]))
    )
