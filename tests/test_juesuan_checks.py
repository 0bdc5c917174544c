"""Checks between a 决算 and the 预算 of the same department and year, on modified copies of the shipped
documents (the library holds 上海市普陀区财政局's 2025 预算 and 2024 决算: different years, so the real pair is
"not applicable"), and the execution rules on statements changed one figure at a time."""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from budgetlens.checks import across_documents
from budgetlens.checks.canonical import Cells
from budgetlens.checks.execution import check_comparisons, check_rates
from budgetlens.store import load_snapshot
from tests.conftest import ROOT

SNAPSHOTS = ROOT / "data" / "snapshots"
FINAL = "shanghai_putuo_caizhengju_2024_bumen_juesuan"
BUDGET = "shanghai_putuo_caizhengju_2025_bumen_yusuan"


def tables(doc_id: str) -> dict[str, pl.DataFrame]:
    return dict(load_snapshot(SNAPSHOTS / doc_id).tables)


def budget_printing(amounts: dict[str | None, str]) -> dict[str, pl.DataFrame]:
    """The 2025 预算 with its 一般公共预算 function table's totals replaced (code None: the 合计 row)."""
    budget = tables(BUDGET)
    coded = budget["expenditure_by_function"]
    for code, amount in amounts.items():
        where = (pl.col("code") == code) if code else (pl.col("level") == 0)
        where = where & (pl.col("scope") == "general_budget") & (pl.col("measure") == "total")
        coded = coded.with_columns(
            pl.when(where)
            .then(pl.lit(Decimal(amount)).cast(coded["amount_wan"].dtype))
            .otherwise(pl.col("amount_wan"))
            .alias("amount_wan")
        )
    budget["expenditure_by_function"] = coded
    return budget


def test_the_real_pair_is_not_applicable_because_the_years_differ() -> None:
    cross = pl.read_parquet(SNAPSHOTS / "cross_checks.parquet")
    rows = cross.filter((pl.col("rule_id") == "documents.budget_vs_final") & (pl.col("expected_doc") == FINAL))
    assert rows["status"].to_list() == ["not_applicable"]
    assert "no 2024 预算" in rows["note"].item() and "2025年预算" in rows["note"].item()
    # and the 2025 预算's "比2024年预算…" is not held against the 2024 决算's actuals
    prior = cross.filter((pl.col("rule_id") == "documents.prior_year") & (pl.col("actual_doc") == FINAL))
    assert prior.is_empty()


def test_a_juesuan_against_its_budget_of_the_same_year() -> None:
    # p22 of the 决算: 行政运行 年初预算 1560.05, 信息化建设 135.90; p21: the total's 2993.92
    budget = budget_printing({"2010601": "1560.05", "2010607": "135.9", None: "2993.92"})
    results = across_documents.budget_vs_final(FINAL, tables(FINAL), "部门决算", "budget_copy", budget, "部门预算")
    by_instance = {r["instance"]: r for r in results}
    running = next(r for i, r in by_instance.items() if "行政运行" in i)
    assert (running["status"], running["expected"], running["actual"]) == (
        "pass",
        Decimal("1560.05"),
        Decimal("1560.05"),
    )
    assert next(r for i, r in by_instance.items() if "信息化建设" in i)["status"] == "pass"
    assert next(r for i, r in by_instance.items() if "合计" in i)["status"] == "pass"
    # 财政委托业务支出: the copy keeps the 2025 预算's 418.80 against the 决算's 年初预算 450.52
    entrusted = next(r for i, r in by_instance.items() if "财政委托业务支出" in i)
    assert (entrusted["status"], entrusted["expected"], entrusted["actual"]) == (
        "fail",
        Decimal("450.52"),
        Decimal("418.80"),
    )
    assert all(r["note"] is None for r in results)  # both 部门 documents, both 一般公共预算


def test_different_scopes_are_said() -> None:
    results = across_documents.budget_vs_final(FINAL, tables(FINAL), "部门决算", "unit", tables(BUDGET), "单位预算")
    assert results and all("单位预算" in r["note"] for r in results)


def test_the_library_pairs_a_juesuan_with_the_budget_of_its_year() -> None:
    catalogue = pl.read_parquet(SNAPSHOTS / "catalogue.parquet").with_columns(
        pl.when(pl.col("doc_id") == BUDGET).then(2024).otherwise(pl.col("budget_year")).alias("budget_year")
    )
    cross = across_documents.run(SNAPSHOTS, catalogue)
    pair = cross.filter(pl.col("rule_id") == "documents.budget_vs_final")
    assert set(pair.filter(pl.col("expected_doc") == FINAL)["actual_doc"].to_list()) == {BUDGET}
    assert pair.filter(pl.col("expected_doc") == FINAL).height == 12  # the total and the 11 项 with a 年初预算


def statement(**changed) -> dict:
    base = tables(FINAL)["execution_statements"].filter(pl.col("code") == "2010607").row(0, named=True)
    return {**base, **changed}


def test_a_stated_rate_is_held_to_its_printed_digits() -> None:
    final = tables(FINAL)
    # 135.25 / 135.90 = 99.5217…%: 99.52% holds, 99.53% does not, 99.5% holds to its one decimal
    for printed, status in (("99.52%", "pass"), ("99.53%", "fail"), ("99.5%", "pass"), ("99.6%", "fail")):
        changed = statement(
            rate_printed=printed, rate_stated=Decimal(printed.rstrip("%")), rate_against="budget_initial"
        )
        results = check_rates([changed], final, Cells())
        assert [r["status"] for r in results] == [status], printed


def test_a_stated_comparison_is_held_to_the_two_amounts() -> None:
    final = tables(FINAL)
    for said, status in (("小于", "pass"), ("大于", "fail"), ("持平", "fail")):
        assert [r["status"] for r in check_comparisons([statement(comparison_stated=said)], final, Cells())] == [status]
    # 基本持平 with different amounts sets no bound: not applicable, never an alarm
    assert [r["status"] for r in check_comparisons([statement(comparison_stated="基本持平")], final, Cells())] == [
        "not_applicable"
    ]
    # no budget stated: not applicable, naming what is missing
    missing = check_rates(
        [statement(budget_initial_wan=None, rate_printed="99.52%", rate_stated=Decimal("99.52"))], final, Cells()
    )
    assert missing[0]["status"] == "not_applicable" and "预算数" in missing[0]["note"]
