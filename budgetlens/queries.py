"""Figure- and table-ready frames from a snapshot: pure polars, exact Decimals, no streamlit.

Pages call these through `components.data` (which caches them per document); figure builders
turn their frames into plotly figures. Amounts stay Decimal here; floats appear only in the
`*_float` columns a chart needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from budgetlens.money import MONEY, percent
from budgetlens.store import Snapshot
from budgetlens.years import Years, snapshot_years

HUNDRED = Decimal(100)
FUNCTION_MEASURES = {
    "total_wan": "合计",
    "basic_wan": "基本支出",
    "project_wan": "项目支出",
    "basic_personnel_wan": "人员经费",
    "basic_public_wan": "公用经费",
}
ECONOMIC_MEASURES = {"total_wan": "合计", "personnel_wan": "人员经费", "public_wan": "公用经费"}
ROOT_ID = "root"


def failing_lines(checks: pl.DataFrame) -> dict[int, list[str]]:
    """Source line -> the failing rule instances whose sides cite it."""
    lines: dict[int, list[str]] = {}
    for row in checks.filter(pl.col("status") == "fail").iter_rows(named=True):
        label = f"{row['rule_id']} · {row['instance']}"
        for line in {*row["expected_lines"], *row["actual_lines"]}:
            lines.setdefault(line, []).append(label)
    return lines


def flag_rows(table: pl.DataFrame, failing: dict[int, list[str]]) -> pl.DataFrame:
    """Add `check_flag` (the row's source lines take part in a failing check) and `check_rules`."""
    rules = [sorted({r for line in lines for r in failing.get(line, [])}) for lines in table["source_lines"].to_list()]
    return table.with_columns(
        pl.Series("check_flag", [bool(r) for r in rules], dtype=pl.Boolean),
        pl.Series("check_rules", ["；".join(r) for r in rules], dtype=pl.String),
    )


def code_tree(table: pl.DataFrame, measure: str, root_label: str) -> pl.DataFrame:
    """A treemap-ready hierarchy from a code table (1-5 by function, 1-6 by economic class).

    Leaves carry the document's values; every parent's `amount_wan` is the sum of its children,
    so the chart adds up exactly, and `stated_wan` keeps what the document prints for that row
    (they differ where the document's own sums disagree: `stated_differs`).
    """
    rows = table.filter(pl.col("level") > 0).to_dicts()
    by_code = {row["code"]: row for row in rows}
    children: dict[str, list[str]] = {}
    for row in rows:
        children.setdefault(row["parent_code"] or ROOT_ID, []).append(row["code"])
    total_row = table.filter(pl.col("level") == 0).to_dicts()

    def computed(code: str) -> Decimal:
        kids = children.get(code)
        if not kids:
            return by_code[code][measure] or Decimal(0)
        return sum((computed(kid) for kid in kids), Decimal(0))

    root_value = sum((computed(code) for code in children.get(ROOT_ID, [])), Decimal(0))
    records = [
        {
            "id": ROOT_ID,
            "parent": "",
            "code": "",
            "name": root_label,
            "label": root_label,
            "level": 0,
            "amount_wan": root_value,
            "stated_wan": total_row[0][measure] if total_row else None,
            "source_lines": total_row[0]["source_lines"] if total_row else [],
        }
    ]
    for row in rows:
        records.append(
            {
                "id": row["code"],
                "parent": row["parent_code"] or ROOT_ID,
                "code": row["code"],
                "name": row["name"],
                "label": f"{row['code']} {row['name']}",
                "level": row["level"],
                "amount_wan": computed(row["code"]),
                "stated_wan": row[measure],
                "source_lines": row["source_lines"],
            }
        )
    values = {r["id"]: r["amount_wan"] for r in records}
    for record in records:
        parent_value = values.get(record["parent"]) if record["parent"] else record["amount_wan"]
        record["share_of_parent_pct"] = percent(record["amount_wan"], parent_value)
        record["share_of_total_pct"] = percent(record["amount_wan"], root_value)
        record["stated_differs"] = record["stated_wan"] is not None and record["stated_wan"] != record["amount_wan"]
        record["is_leaf"] = record["id"] != ROOT_ID and not children.get(record["id"])
    schema = {
        "id": pl.String,
        "parent": pl.String,
        "code": pl.String,
        "name": pl.String,
        "label": pl.String,
        "level": pl.Int8,
        "amount_wan": MONEY,
        "stated_wan": MONEY,
        "share_of_parent_pct": MONEY,
        "share_of_total_pct": MONEY,
        "stated_differs": pl.Boolean,
        "is_leaf": pl.Boolean,
        "source_lines": pl.List(pl.Int32),
    }
    return pl.DataFrame({name: [r[name] for r in records] for name in schema}, schema=schema)


def code_table(table: pl.DataFrame, measures: dict[str, str], node: str, failing: dict[int, list[str]]) -> pl.DataFrame:
    """The schedule's own rows (as printed) under a node, with shares of the stated total and check flags."""
    total = table.filter(pl.col("level") == 0)["total_wan"].first()
    rows = table.filter(pl.col("level") > 0)
    if node != ROOT_ID:
        rows = rows.filter(pl.col("code").str.starts_with(node))
    shares = [percent(value, total) for value in rows["total_wan"].to_list()]
    rows = rows.with_columns(pl.Series("share_of_total_pct", shares, dtype=MONEY))
    columns = ["code", "name", "level", *measures, "share_of_total_pct", "source_lines"]
    return flag_rows(rows.select(columns), failing)


@dataclass(frozen=True)
class Headline:
    years: Years  # the document's (前年, 上年, 当年)
    total_wan: Decimal
    previous_total_wan: Decimal | None  # 上年, from 1-13
    change_wan: Decimal | None
    change_pct: Decimal | None
    basic_wan: Decimal
    project_wan: Decimal
    personnel_wan: Decimal
    public_wan: Decimal
    three_public_wan: Decimal | None
    total_lines: list[int]


def headline(snapshot: Snapshot) -> Headline:
    """The overview's key figures: this year's total (1-5), 上年's from 1-13, the basic/project split."""
    years = snapshot_years(snapshot)
    total = snapshot.table("s05_general_budget").filter(pl.col("level") == 0).row(0, named=True)
    funds = snapshot.table("s13_funds").filter(pl.col("section") == "income", pl.col("is_total"))
    previous = funds[years.amount_column(years.previous)].first() if funds.height else None
    change = total["total_wan"] - previous if previous is not None else None
    three = snapshot.table("s07_three_public").filter(pl.col("item") == "total")["amount_wan"]
    return Headline(
        years=years,
        total_wan=total["total_wan"],
        previous_total_wan=previous,
        change_wan=change,
        change_pct=percent(change, previous),
        basic_wan=total["basic_wan"],
        project_wan=total["project_wan"],
        personnel_wan=total["basic_personnel_wan"],
        public_wan=total["basic_public_wan"],
        three_public_wan=three.first() if three.len() else None,
        total_lines=list(total["source_lines"]),
    )


def checks_view(checks: pl.DataFrame) -> pl.DataFrame:
    """Checks in reading order: failures first, then not applicable, then passes; within each by rule."""
    order = pl.col("status").replace_strict({"fail": 0, "not_applicable": 1, "pass": 2}, return_dtype=pl.Int8)
    return checks.with_row_index("seq").sort(order, "seq").drop("seq")


CHECK_STATUS_ZH = {"fail": "没有通过", "not_applicable": "无法核对", "pass": "通过"}
CHECK_LISTING = [
    "status",
    "rule_id",
    "instance",
    "expected_label",
    "expected",
    "expected_text",
    "actual_label",
    "actual",
    "actual_text",
    "difference",
    "unit",
    "note",
    "expected_lines",
    "actual_lines",
    "description_zh",
    "description_en",
]


def check_schedules(checks: pl.DataFrame) -> list[str]:
    """Every schedule some check involves, sorted."""
    return sorted(checks["schedules"].explode().drop_nulls().unique().to_list())


def filter_checks(
    checks: pl.DataFrame, schedules: tuple[str, ...], statuses: tuple[str, ...], line: int | None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(failures, listing): the checks touching any of `schedules`, with one of `statuses`, citing
    `line` (each filter off when empty/None); the failures in reading order, and every match as the
    table and downloads show it (status in Chinese)."""
    shown = checks
    if schedules:
        shown = shown.filter(pl.col("schedules").list.eval(pl.element().is_in(list(schedules))).list.any())
    if statuses:
        shown = shown.filter(pl.col("status").is_in(list(statuses)))
    if line is not None:
        shown = shown.filter(pl.col("expected_lines").list.contains(line) | pl.col("actual_lines").list.contains(line))
    listing = shown.select(CHECK_LISTING).with_columns(
        pl.col("status").replace_strict(CHECK_STATUS_ZH, return_dtype=pl.String)
    )
    return shown.filter(pl.col("status") == "fail"), listing


def source_text(lines: list[str], numbers: list[int]) -> str:
    """The raw document's lines, numbered, as plain text (tabs shown as │ so columns stay visible)."""
    return "\n".join(
        f"{n:>5} │ {lines[n - 1].replace(chr(9), ' │ ')}" for n in sorted(set(numbers)) if 0 < n <= len(lines)
    )
