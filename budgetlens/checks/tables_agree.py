"""Two tables that print the same rows agree: one code has one name, and the summary's 人员经费 / 公用经费 are the
economic table's.

- ``canonical.code_names``: one code has one name in every table; a code that is no valid function code where the
  same row elsewhere prints a valid one.
- ``canonical.personnel_public``: the summary table's 人员经费 / 公用经费 equal the economic table's.
"""

from __future__ import annotations

import re
from collections import defaultdict

import polars as pl

from budgetlens.checks.model import CellSink, Rule, Side, cited, not_applicable

CODE_NAMES = Rule(
    "canonical.code_names",
    "across_tables",
    ("功能分类", "经济分类"),
    "同一个科目编码在各表中名称相同；同一行在别处印有有效编码时，这里的编码也应有效",
    "One code has one name in every table; a row whose code is not a valid code where the same row elsewhere "
    "prints a valid one",
)
PERSONNEL_PUBLIC = Rule(
    "canonical.personnel_public",
    "across_tables",
    ("收支总表", "基本支出表"),
    "财务收支预算总表中的人员经费、公用经费等于基本支出经济分类表中的人员经费、公用经费合计",
    "The summary table's 人员经费 and 公用经费 equal the economic table's totals",
)

RULES = [CODE_NAMES, PERSONNEL_PUBLIC]

FUNCTION_CODE = re.compile(r"^2\d{2}(\d{2}){0,2}$")
ECONOMIC_CODE = re.compile(r"^[35]\d{2}(\d{2})?$")


def _same_name(name: str) -> str:
    return re.sub(r"\s+", "", name or "").replace("其它", "其他")


def printed_code_is_valid(printed: list[str] | None) -> bool:
    """A code as printed: one whole code (3, 5 or 7 digits), or its parts (类 3 digits, 款 and 项 2 each)."""
    if not printed:
        return True
    if len(printed) == 1:
        return bool(re.fullmatch(r"\d{3}(\d{2}){0,2}", printed[0]))
    return bool(re.fullmatch(r"\d{3}", printed[0])) and all(re.fullmatch(r"\d{2}", p or "") for p in printed[1:])


def check_code_names(tables: dict[str, pl.DataFrame], titles: dict[str, str], cells: CellSink) -> list[dict]:
    results = []

    def add(instance: str, rows: tuple[dict, dict], sides: tuple[Side, ...], note: str | None = None) -> None:
        printed = ((side, [row]) for side, row in zip(sides, rows, strict=True))
        results.append(cited(cells, CODE_NAMES, instance, *printed, unit="", note=note))

    for name, valid in (("expenditure_by_function", FUNCTION_CODE), ("basic_by_economic", ECONOMIC_CODE)):
        frame = tables[name]
        if frame.is_empty() or frame.select(pl.col("table_id").n_unique()).item() < 2:
            continue
        rows = frame.unique(["table_id", "row"], keep="first", maintain_order=True).to_dicts()
        by_code: dict[str, dict[str, dict]] = defaultdict(dict)
        by_name: dict[tuple[str, int | None], dict[str, dict]] = defaultdict(dict)
        for row in rows:
            if row["code"]:
                by_code[row["code"]].setdefault(row["table_id"], row)
            if row["name"]:
                by_name[(_same_name(row["name"]), row["level"])].setdefault(row["table_id"], row)
        for row in rows:
            if row["code"] and not printed_code_is_valid(row["code_printed"]):
                elsewhere = [
                    r
                    for r in by_code[row["code"]].values()
                    if r["table_id"] != row["table_id"] and printed_code_is_valid(r["code_printed"])
                ]
                if elsewhere:
                    add(
                        f"{row['code']} {row['name']}：{titles[row['table_id']]} 所印编码",
                        (row, elsewhere[0]),
                        tuple(
                            Side(f"{titles[r['table_id']]} 所印编码", text=" ".join(r["code_printed"]))
                            for r in (row, elsewhere[0])
                        ),
                        "a code printed in a shape no code has, where another table prints the row rightly",
                    )
        for code, per_table in by_code.items():
            tables_rows = list(per_table.values())
            first, *others = tables_rows
            if not valid.match(code):
                good = [
                    r
                    for key, found in by_name.items()
                    if key[0] == _same_name(first["name"])
                    for r in found.values()
                    if r["code"] and valid.match(r["code"])
                ]
                if good:
                    add(
                        f"{code} {first['name']}：编码",
                        (first, good[0]),
                        tuple(Side(f"{titles[r['table_id']]} 所印编码", text=r["code"]) for r in (first, good[0])),
                        "a code that is not a valid one, where another table prints the row with a valid code",
                    )
            for other in others:
                add(
                    f"{code}：{titles[first['table_id']]} / {titles[other['table_id']]}",
                    (first, other),
                    tuple(Side(f"{titles[r['table_id']]} {code}", text=_same_name(r["name"])) for r in (first, other)),
                )
    return results or [not_applicable(CODE_NAMES, "no code is printed in two coded tables of one kind")]


def check_personnel_public(tables: dict[str, pl.DataFrame], titles: dict[str, str], cells: CellSink) -> list[dict]:
    summary = tables["summary_lines"].filter(
        (pl.col("side") == "expenditure") & pl.col("name").is_in(["人员经费", "公用经费"]) & (pl.col("scope") == "all")
    )
    economic = tables["basic_by_economic"].filter(pl.col("level") == 0)
    if summary.is_empty() or economic.is_empty():
        return [not_applicable(PERSONNEL_PUBLIC, "no summary 人员经费/公用经费 line beside an economic table")]
    results = []
    for row in summary.filter(pl.col("amount_wan").is_not_null()).to_dicts():
        measure = "personnel" if row["name"] == "人员经费" else "public"
        other = economic.filter(pl.col("measure") == measure).to_dicts()[:1]
        if not other:
            continue
        instance = f"{titles[row['table_id']]} {row['name']} = {titles[other[0]['table_id']]} 合计"
        stated = Side(f"{titles[row['table_id']]} {row['name']}", row["amount_wan"]), [row]
        table = Side(f"{titles[other[0]['table_id']]} 合计 {other[0]['measure_printed']}", other[0]["amount_wan"])
        results.append(cited(cells, PERSONNEL_PUBLIC, instance, stated, (table, other)))
    return results or [not_applicable(PERSONNEL_PUBLIC, "the economic table prints no 人员经费/公用经费 total")]


def run(tables: dict[str, pl.DataFrame], titles: dict[str, str], cells: CellSink) -> list[dict]:
    return [*check_code_names(tables, titles, cells), *check_personnel_public(tables, titles, cells)]
