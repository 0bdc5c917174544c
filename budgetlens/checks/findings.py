"""Findings, not failures: the failing checks that share one cause grouped into one finding with all its places,
and the reader's own doubts set apart as reading warnings.

Two failing checks are one finding when they show the same contradiction:
- the same two values (1,190.47 against 1,190.48, wherever each rule met them);
- the same subject (a code, 合计) off by the same amount in the same kind of rule, in another table or column
  (20601's 合计, 基本支出 and 公用经费 in the 支出总表 and the 一般公共预算支出表: one rounding);
- the same printed cell off by the same amount (one amount changed in one table fails its row, its column's
  sum and the figure it repeats: one finding);
- the same pair of named things where one side's name is missing on the other (an indicator renamed).

A failure whose two values differ by exactly ×10,000 is the reader's unit, not the document's contradiction:
it is a reading warning, never a finding. The checks themselves are unchanged (checks.parquet keeps every
rule instance); findings are derived from them.
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from budgetlens.canonical.model import PRINTED_AT, place_keys
from budgetlens.checks.model import VALUE, round2
from budgetlens.formatting import MINUS, decimals_held

TEN_THOUSAND = Decimal(10000)
FINDING_SCHEMA = {
    "finding": pl.Int32,  # 1, 2, … in the order of the first failure
    "rule_ids": pl.List(pl.String),
    "instances": pl.List(pl.String),  # every failing check of the finding
    "failures": pl.Int32,
    "title": pl.String,  # the first failure's instance
    "expected_label": pl.String,
    "expected": VALUE,
    "actual_label": pl.String,
    "actual": VALUE,
    "difference_shown": pl.String,  # in the unit and digits the document prints: "0.34 元", "0.01 万元"
    "last_digit": pl.Boolean,  # every failure of it is amounts only their last printed digit apart (in_last_digit)
    "description_zh": pl.String,
}
WARNING_SCHEMA = {
    "kind": pl.String,
    "message": pl.String,
    "table_id": pl.String,
    **PRINTED_AT,
    "detail": pl.String,
}


def is_unit_slip(expected: Decimal | None, actual: Decimal | None) -> bool:
    """The two values differ by exactly ×10,000: one was read in 元 and the other in 万元."""
    if expected is None or actual is None or expected == 0 or actual == 0:
        return False
    return expected * TEN_THOUSAND == actual or actual * TEN_THOUSAND == expected


def _subject(instance: str) -> str:
    """What a text-export rule instance is about: '20601 科学技术管理事务 · 合计' → '20601 科学技术管理事务'."""
    return instance.split(" · ")[0]


def _family(rule_id: str) -> str:
    """The kind of rule, whatever its schedule: 1-3.hierarchy and 1-5.hierarchy are one kind."""
    return rule_id.split(".", 1)[-1]


def _keys(check: dict, cells: dict[tuple[str, str], list[tuple]]) -> list[tuple]:
    expected, actual = check["expected"], check["actual"]
    keys: list[tuple] = []
    if expected is not None and actual is not None:
        if check["unit"] == "万元":
            # One contradiction seen by two rules: one may keep a table's own digits (87.3617 against the text's
            # 887.36) and another round it first (87.36): the same pair to the cent is the same finding.
            expected, actual = round2(expected), round2(actual)
        size = abs(actual - expected)
        keys.append(("values", check["unit"] == "%", min(expected, actual), max(expected, actual)))
        if " · " in check["instance"]:
            keys.append(("subject", _family(check["rule_id"]), _subject(check["instance"]), size))
        for cell in cells.get((check["rule_id"], check["instance"]), []):
            keys.append(("cell", *cell, size))
    elif not check["expected_lines"] or not check["actual_lines"]:
        keys.append(("named", check["rule_id"], check["instance"].rsplit(" · ", 1)[0]))
    return keys


AMOUNT_UNITS = ("万元", "元", "%")  # shown to two places at least, as a document prints money and rates


def as_shown(value: Decimal, unit: str = "万元") -> str:
    """A compared value without the store's padding: 12323.4600 → 12,323.46, 0.000034 stays 0.000034; a count
    (个, 家, 辆) as the whole number it is: 3.000000 家 → 3; a true minus (−6.60), as the page writes it elsewhere."""
    places = max(2, decimals_held(value)) if unit in AMOUNT_UNITS else decimals_held(value)
    return f"{value:,.{places}f}".replace("-", MINUS)


def _with_digits(value: Decimal, places: int) -> str:
    """`value` to `places` decimals, or to every decimal it holds where that is more: a difference is never hidden."""
    return f"{value.quantize(Decimal(1).scaleb(-max(places, decimals_held(value))))}"


def _shown(difference: Decimal | None, unit: str, table_unit: str | None, places: int | None = None) -> str:
    """The difference in the unit the document prints, never rounded. In 元 (both sides are tables printed in 元) with
    the digits its sides were printed with: `places`, the fewest decimals of 万元 of the cells the check cites
    (check_cells.printed_places), 4 fewer in 元: 24,840,779 against 24,840,778 is 1 元, and a real 0.34 元 is 0.34 元.
    In 万元 to two places and every further digit the difference holds: 3,328.13 against forms printed in 元 to the
    分 is 23.2043 万元 (not 23.20, which hides 0.0043, nor 23.204300); 51.60, not 51.600000. Percentage points
    likewise: 314.82% against 289.12% is 25.70 个百分点."""
    if difference is None:
        return ""
    if unit == "万元" and table_unit == "元":
        return f"{_with_digits(difference * TEN_THOUSAND, 2 if places is None else max(places - 4, 0))} 元"
    if unit == "万元":
        return f"{_with_digits(difference, 2)} 万元"
    if unit == "%":  # two places, as the card under the heading shows it (25.70, not 25.7) and every digit more
        return f"{_with_digits(difference, 2)} 个百分点"
    value = difference.normalize()
    return f"{value:f} {unit}".strip()


def findings(checks: pl.DataFrame, check_cells: pl.DataFrame | None = None, table_units: dict | None = None):
    """(findings, unit warnings) from one document's check results.

    `check_cells` says where each side was printed (a PDF's cells, by page and box, group failures); `table_units`
    maps table_id to the unit the table prints (元 or 万元)."""
    failing, slips = [], []
    for check in checks.filter(pl.col("status") == "fail").to_dicts():
        (slips if is_unit_slip(check["expected"], check["actual"]) else failing).append(check)
    cells: dict[tuple[str, str], list[tuple]] = {}
    text_places: dict[tuple[str, str], list[tuple]] = {}
    first_table: dict[tuple[str, str], str] = {}
    places: dict[tuple[str, str], int] = {}  # the fewest decimals of 万元 a check's cited cells are printed to
    if check_cells is not None and not check_cells.is_empty():
        in_text: set[tuple[str, str]] = set()
        # a text export's line prints a whole row: its place says which row, not which cell
        for cell in check_cells.filter(pl.col("page").is_not_null()).to_dicts():
            key = (cell["rule_id"], cell["instance"])
            if cell.get("printed_places") is not None:  # (a snapshot written before says nothing of it)
                places[key] = min(places.get(key, cell["printed_places"]), cell["printed_places"])
            if cell["table_id"] is None:
                if cell["side"] == "actual":
                    text_places.setdefault(key, []).extend(place_keys(cell["page"], cell["box"], None))
                in_text.add(key)  # one side is the narrative: its unit (万元) is the one to show
                continue
            cells.setdefault(key, []).append((cell["table_id"], *place_keys(cell["page"], cell["box"], None)))
            first_table.setdefault(key, cell["table_id"])
        for key in in_text:
            first_table.pop(key, None)
    parent = list(range(len(failing)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[tuple, int] = {}
    for index, check in enumerate(failing):
        keys = _keys(check, cells)
        if check["rule_id"] == "narrative.shares":  # one list of shares that its amounts do not give: one finding
            keys.append(("shares", tuple(text_places.get((check["rule_id"], check["instance"]), ()))))
        if check["rule_id"] == "narrative.executed_change":  # one clause's amount and its rate: one finding
            keys.append(("clause", check["instance"].rsplit(" · ", 1)[0]))
        for key in keys:
            if key in seen:
                parent[root(index)] = root(seen[key])
            else:
                seen[key] = index
    groups: dict[int, list[dict]] = {}
    for index, check in enumerate(failing):
        groups.setdefault(root(index), []).append(check)
    rows = []
    for number, members in enumerate(groups.values(), start=1):
        head = members[0]
        key = (head["rule_id"], head["instance"])
        table_unit = (table_units or {}).get(first_table.get(key))
        rows.append(
            {
                **head,  # its sides (labels and values) and the rule's description
                "finding": number,
                "rule_ids": list(dict.fromkeys(m["rule_id"] for m in members)),
                "instances": [m["instance"] for m in members],
                "failures": len(members),
                "title": head["instance"],
                "difference_shown": _shown(head["difference"], head["unit"] or "", table_unit, places.get(key)),
                "last_digit": all(in_last_digit(m["unit"], m["difference"]) for m in members),
            }
        )
    warnings = [
        {
            "kind": "unit",
            "message": f"{c['expected_label']} 与 {c['actual_label']} 相差正好一万倍："
            "多半是一方的单位（元/万元）读错了，不算文件的矛盾",
            "table_id": first_table.get((c["rule_id"], c["instance"])),
            "page": None,
            "box": None,
            "source_lines": c["expected_lines"] + c["actual_lines"],
            "detail": f"{c['rule_id']} {c['instance']}: {c['expected']} / {c['actual']}",
        }
        for c in slips
    ]
    return _frame(rows, FINDING_SCHEMA), _frame(warnings, WARNING_SCHEMA)


LAST_DIGIT_WAN = Decimal("0.02")  # amounts this close differ in their last printed digit or two (0.01 万元)


def in_last_digit(unit: str | None, difference: Decimal | None) -> bool:
    """Two amounts a cent or two of a 万元 apart (or less: 1 元 in a table of 元): figures each rounded before they
    were printed often add up so; the document's figures still disagree, and the check says so."""
    return unit == "万元" and difference is not None and 0 < abs(difference) <= LAST_DIGIT_WAN


def _frame(rows: list[dict], schema: dict) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)


def reading_warnings(tables: dict[str, pl.DataFrame], checks: pl.DataFrame) -> pl.DataFrame:
    """What the reader was unsure of, apart from the findings: the snapshot's reading_warnings (when the reader
    wrote them), each schedule's warnings, and checks whose two values differ by exactly ×10,000."""
    frames = []
    stored = tables.get("reading_warnings")
    if stored is not None and not stored.is_empty():
        frames.append(
            stored.select(
                [
                    pl.col(k).cast(v) if k in stored.columns else pl.lit(None, v).alias(k)
                    for k, v in WARNING_SCHEMA.items()
                ]
            )
        )
    schedules = tables.get("schedules")
    if schedules is not None and "warnings" in schedules.columns and not schedules.is_empty():
        from budgetlens.canonical.said import said_in_chinese

        # The reader writes each schedule warning into reading_warnings in Chinese (its English as `detail`);
        # a snapshot written before that has only the English: said here in Chinese the same way.
        said = set(stored["detail"].drop_nulls()) if stored is not None and "detail" in stored.columns else set()
        rows = []
        for s in schedules.to_dicts():
            first_page = (s.get("pages") or [None])[0]
            for warning in s["warnings"] or []:
                if warning not in said:
                    kind, message = said_in_chinese(warning, s.get("title"), s["table_id"], first_page)
                    where = (s["table_id"], s.get("page"), s.get("box"), s.get("source_lines"))
                    rows.append(dict(zip(WARNING_SCHEMA, (kind, message, *where, warning), strict=True)))
        if rows:
            frames.append(_frame(rows, WARNING_SCHEMA))
    units = findings(checks, tables.get("check_cells"))[1]
    if not units.is_empty():
        frames.append(units)
    return pl.concat(frames) if frames else pl.DataFrame(schema=WARNING_SCHEMA)


def table_units(schedules: pl.DataFrame) -> dict[str, str]:
    if schedules.is_empty() or "unit_printed" not in schedules.columns:
        return {}
    return {r["table_id"]: r["unit_printed"] for r in schedules.select("table_id", "unit_printed").to_dicts()}
