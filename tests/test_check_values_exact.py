"""A check keeps both sides to the 分 of a table printed in 元: its values are six places of 万元, as the canonical
tables hold them. Four places (the checks' old type) rounded 22,186,440.80 元 to 2218.6441 万元, a digit the page does
not print, and a real 0.34 元 between a class and its 款 vanished into 相差 0.00 元. Values read off the rendered page:
普陀区财政局 2025 p12 (2025年部门支出预算总表, 单位：元) prints 201 一般公共服务支出 22,186,440.80 and its one 款
20106 财政事务 22,186,440.80."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from budgetlens import checks as rules
from budgetlens.checks import findings as check_findings
from budgetlens.store import load_snapshot
from tests.conftest import SNAPSHOTS, shared

PUTUO_2025 = "shanghai_putuo_caizhengju_2025_bumen_yusuan"
CLASS_201 = (pl.col("table_id") == "t03") & (pl.col("code") == "201") & (pl.col("measure") == "total")


@pytest.fixture(scope=shared)
def tables() -> dict[str, pl.DataFrame]:
    return dict(load_snapshot(SNAPSHOTS / PUTUO_2025).tables)


def test_a_side_printed_to_the_fen_is_kept_to_the_fen(tables):
    checked = rules.run(tables)
    name = "2025年部门支出预算总表 201 一般公共服务支出 [total]"
    row = checked.checks.filter(pl.col("rule_id") == "canonical.hierarchy", pl.col("instance") == name)
    assert [str(v) for v in row.select("expected", "actual").row(0)] == ["2218.644080", "2218.644080"]


def test_a_class_printed_34_fen_above_its_kuan_differs_by_034_yuan(tables):
    # as if p12 printed 201 22,186,441.14: 0.34 元 more than 20106's 22,186,440.80
    functions = tables["expenditure_by_function"]
    tables["expenditure_by_function"] = functions.with_columns(
        pl.when(CLASS_201).then(pl.lit("22,186,441.14")).otherwise(pl.col("amount_printed")).alias("amount_printed"),
        pl.when(CLASS_201)
        .then(pl.lit(Decimal("2218.644114")).cast(functions.schema["amount_wan"]))
        .otherwise(pl.col("amount_wan"))
        .alias("amount_wan"),
    )
    checked = rules.run(tables)
    units = check_findings.table_units(tables["schedules"])
    found = check_findings.findings(checked.checks, checked.check_cells, units)[0]
    row = found.filter(pl.col("title") == "2025年部门支出预算总表 201 一般公共服务支出 [total]").row(0, named=True)
    assert (str(row["expected"]), str(row["actual"]), row["difference_shown"]) == (
        "2218.644080",
        "2218.644114",
        "0.34 元",
    )
