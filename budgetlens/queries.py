"""Figure- and table-ready frames from a snapshot: pure polars, exact Decimals, no streamlit.

Pages call these through `components.data` (which caches them per document); figure builders
turn their frames into plotly figures. Amounts stay Decimal here; floats appear only in the
`*_float` columns a chart needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import polars as pl

from budgetlens.formatting import change_from, pct, signed_pct, signed_wan, wan
from budgetlens.money import MONEY
from budgetlens.store import Snapshot
from budgetlens.years import Years, snapshot_years

HUNDRED = Decimal(100)
ROOT_ID = "root"


def percent(part: Decimal | None, whole: Decimal | None, places: str = "0.01") -> Decimal | None:
    """part ÷ whole × 100, rounded half-up to `places`; None when it cannot be computed."""
    if part is None or not whole:
        return None
    return (part / whole * HUNDRED).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def failing_lines(checks: pl.DataFrame) -> dict[int, list[str]]:
    """Source line -> the failing rule instances whose sides cite it."""
    lines: dict[int, list[str]] = {}
    for row in checks.filter(pl.col("status") == "fail").iter_rows(named=True):
        label = f"{row['rule_id']} · {row['instance']}"
        for line in {*row["expected_lines"], *row["actual_lines"]}:
            lines.setdefault(line, []).append(label)
    return lines


def failing_values(checks: pl.DataFrame) -> dict[tuple[int, Decimal], list[str]]:
    """(source line, value) -> failing rule instances where that side has that value and cites that line.

    Finer than `failing_lines`: a headline number is marked only when it is itself one side of a
    failing check, not merely printed on the same row as one.
    """
    values: dict[tuple[int, Decimal], list[str]] = {}
    for row in checks.filter(pl.col("status") == "fail").iter_rows(named=True):
        label = f"{row['rule_id']} · {row['instance']}"
        for side in ("expected", "actual"):
            if row[side] is None:
                continue
            for line in row[f"{side}_lines"]:
                values.setdefault((line, row[side].normalize()), []).append(label)
    return values


def flag_rows(table: pl.DataFrame, failing: dict[int, list[str]]) -> pl.DataFrame:
    """Add `check_flag` (the row's source lines take part in a failing check) and `check_rules`."""
    rules = [sorted({r for line in lines for r in failing.get(line, [])}) for lines in table["source_lines"].to_list()]
    return table.with_columns(
        pl.Series("check_flag", [bool(r) for r in rules], dtype=pl.Boolean),
        pl.Series("check_rules", ["；".join(r) for r in rules], dtype=pl.String),
    )


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


def class_shares(snapshot: Snapshot) -> pl.DataFrame:
    """Each function class (类) of 1-5 with its share of the total, largest first."""
    table = snapshot.table("s05_general_budget")
    total = table.filter(pl.col("level") == 0)["total_wan"].first()
    classes = table.filter(pl.col("level") == 1).sort("total_wan", descending=True)
    shares = [percent(v, total) for v in classes["total_wan"].to_list()]
    return classes.select("code", "name", "total_wan", "basic_wan", "project_wan", "source_lines").with_columns(
        pl.Series("share_pct", shares, dtype=MONEY)
    )


def staffing(snapshot: Snapshot) -> pl.DataFrame:
    return snapshot.table("profile_counts")


@dataclass(frozen=True)
class Finding:
    text: str
    kind: str  # largest | change | check | missing
    lines: list[int]


def standouts(snapshot: Snapshot) -> list[Finding]:
    """A short, data-driven list of what a reader should notice first."""
    findings: list[Finding] = []
    general = snapshot.table("s05_general_budget")
    total = general.filter(pl.col("level") == 0)["total_wan"].first()
    top_item = general.filter(pl.col("level") == 3).sort("total_wan", descending=True).row(0, named=True)
    findings.append(
        Finding(
            f"最大的一项支出是 {top_item['code']} {top_item['name']}：{wan(top_item['total_wan'])}，"
            f"占全部支出的 {pct(percent(top_item['total_wan'], total))}。",
            "largest",
            list(top_item["source_lines"]),
        )
    )
    years = snapshot_years(snapshot)
    budget, before = years.budget_column(years.budget), years.budget_column(years.previous)
    projects = snapshot.table("s14_projects").sort(budget, descending=True)
    project_total = general.filter(pl.col("level") == 0)["project_wan"].first()
    biggest = projects.row(0, named=True)
    findings.append(
        Finding(
            f"最大的项目是“{biggest['project_name']}”：{wan(biggest[budget])}，占项目支出的 "
            f"{pct(percent(biggest[budget], project_total))}。",
            "largest",
            list(biggest["source_lines"]),
        )
    )
    head = headline(snapshot)
    if head.change_wan is not None:
        findings.append(
            Finding(
                f"总预算{change_from(years.previous, head.change_wan)}（{signed_pct(head.change_pct)}）。",
                "change",
                head.total_lines,
            )
        )
    changed = projects.filter(pl.col(before).is_not_null()).with_columns(
        (pl.col(budget) - pl.col(before)).alias("change_wan")
    )
    if changed.height:
        drop = changed.sort("change_wan").row(0, named=True)
        if drop["change_wan"] < 0:
            findings.append(
                Finding(
                    f"降幅最大的项目：“{drop['project_name']}”由 {years.previous} 年 {wan(drop[before])}降至 "
                    f"{wan(drop[budget])}（{signed_wan(drop['change_wan'])}）。",
                    "change",
                    list(drop["source_lines"]),
                )
            )
    new = projects.filter(pl.col("prior_years_status") == "new_project")
    for row in new.iter_rows(named=True):
        findings.append(
            Finding(
                f"新增项目：“{row['project_name']}”，{wan(row[budget])}。",
                "change",
                list(row["source_lines"]),
            )
        )
    failed = snapshot.table("checks").filter(pl.col("status") == "fail")
    if failed.height:
        findings.append(Finding(f"文件自身有 {failed.height} 处对不上：{disagreement_kinds(failed)}。", "check", []))
    for schedule in snapshot.manifest.get("schedules", []):
        if schedule["status"] == "absent" and schedule["promised_in_contents"]:
            findings.append(
                Finding(
                    f"目录列出的附表{schedule['number']}“{schedule['title']}”在文件中没有出现。",
                    "missing",
                    [schedule["contents_line"]],
                )
            )
    return findings


def disagreement_kinds(failed: pl.DataFrame) -> str:
    """The failing checks counted by kind, each kind named only when there is one: amounts a cent or
    two of a 万元 apart (the last printed digit), other numbers, texts."""
    numeric = failed.filter(pl.col("difference").is_not_null())
    last_digit = numeric.filter(pl.col("unit") == "万元", pl.col("difference").abs() <= Decimal("0.02")).height
    parts = [
        (last_digit, "处金额只差末位的 0.01–0.02 万元"),
        (numeric.height - last_digit, "处其他数字不一致"),
        (failed.height - numeric.height, "处文字不一致"),
    ]
    return "，".join(f"{count} {kind}" for count, kind in parts if count)


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
