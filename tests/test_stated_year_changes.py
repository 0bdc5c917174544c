"""A 决算's change of its 三公 items from the year before stated with no amount in the sentence ("决算数与2023年度持平",
"…比2023年度减少0.15万元，…其中：因公出国（境）费支出与上一年度持平"), read as narrative figures with the amount the
item's execution statement states. Values from the rendered pages (pdftoppm -r 100):
上海市普陀区财政局 2024 决算 p23: "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元…2024年度“三公”经费财政
拨款支出决算数与2023年度持平。其中：因公出国（境）费支出决算持平；公务用车购置及运行维护费支出决算持平；公务接待费支出
决算持平。"
上海市普陀区规划和自然资源局 2024 决算 p25: "…支出决算为0.39万元…2024年度“三公”经费财政拨款支出决算数比2023年度减少
0.15万元，下降（增长）27.78%，其中：因公出国（境）费支出与上一年度持平；公务用车购置及运行维护费支出与上一年度持平；
公务接待费支出决算减少0.15万元，下降27.78%。\""""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from budgetlens.canonical_queries import three_public_lines
from budgetlens.store import load_snapshot
from tests.conftest import SNAPSHOTS

CZJ2024 = "shanghai_putuo_caizhengju_2024_bumen_juesuan"
GHZ2024 = "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"
THREE_PUBLIC = ["three_public_total", "overseas_travel", "vehicles", "reception"]


def _changes(doc_id: str) -> list[tuple]:
    figures = load_snapshot(SNAPSHOTS / doc_id).table("narrative_figures")
    stated = figures.filter(pl.col("target").is_in(THREE_PUBLIC), pl.col("change_wan").is_not_null())
    return stated.select("target", "amount_printed", "compared_year", "change_wan", "change_printed", "page").rows()


def test_a_stated_par_with_the_year_before_is_a_change_of_zero():
    assert _changes(CZJ2024) == [
        ("three_public_total", "0.00", 2023, Decimal(0), "与2023年度持平", 23),
        ("overseas_travel", "0.00", 2023, Decimal(0), "持平", 23),
        ("vehicles", "0.00", 2023, Decimal(0), "持平", 23),
        ("reception", "0.00", 2023, Decimal(0), "持平", 23),
    ]


def test_the_items_after_qizhong_share_the_year_and_a_decrease_is_signed():
    assert _changes(GHZ2024) == [
        ("three_public_total", "0.39", 2023, Decimal("-0.15"), "比2023年度减少0.15万元", 25),
        ("overseas_travel", "0.00", 2023, Decimal(0), "与上一年度持平", 25),
        ("vehicles", "0.00", 2023, Decimal(0), "与上一年度持平", 25),
        ("reception", "0.39", 2023, Decimal("-0.15"), "减少0.15万元", 25),
    ]


def test_par_with_the_budget_is_not_a_change_from_the_year_before():
    # p21-22: "决算数与预算数基本持平" compares with the budget: no narrative figure reads it as a change
    figures = load_snapshot(SNAPSHOTS / CZJ2024).table("narrative_figures")
    assert not figures.filter(pl.col("statement").str.contains("与预算数", literal=True)).height


def test_the_three_public_page_puts_the_stated_change_beside_the_final_amounts_only():
    tables = load_snapshot(SNAPSHOTS / CZJ2024).tables
    lines = three_public_lines(tables["three_public"], tables["narrative_figures"], tables["execution_statements"])
    total = lines.filter(pl.col("item") == "three_public_total")
    by_basis = {r["basis"]: r for r in total.to_dicts()}
    # p18: 预算数 0.95, 决算数 blank; p23: 决算 0.00, 与2023年度持平, reason 当年度无“三公”经费支出
    assert by_basis["actual"]["amount_wan"] is None
    assert (by_basis["actual"]["stated_wan"], by_basis["actual"]["change_wan"]) == (Decimal(0), Decimal(0))
    assert by_basis["actual"]["compared_year"] == 2023
    assert by_basis["actual"]["reason_stated"] == "当年度无“三公”经费支出"
    assert by_basis["budget"]["amount_wan"] == Decimal("0.95") and by_basis["budget"]["change_wan"] is None
    overseas_budget = lines.filter(pl.col("item") == "overseas_travel", pl.col("basis") == "budget").row(0, named=True)
    assert overseas_budget["stated_wan"] is None  # its 预算数 cell is blank; the 0.00 stated is the 决算数
