"""A narrative's statement of its total and the change from the year before, and the parts of the total that name
their source of money (其他资金…, 一般公共预算…, 财政专户管理资金…), which are never the total.

Values read off the rendered pages (pdftoppm -r 100): 江苏省人民检察院 2018 p23, 省委办公厅 2017 说明 pp5-6, 普陀区
财政局 2024 (决算) p21. The planted lines put the same wordings, and their near misses, in one place.
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from budgetlens import brief_content
from budgetlens import overview_queries as oq
from budgetlens.canonical import templates
from budgetlens.canonical.narrative import narrative_figures
from budgetlens.pdf.page import TextLine
from budgetlens.store import load_snapshot
from tests.conftest import SNAPSHOTS
from tests.test_brief import brief_lines

JIANCHAYUAN_2018 = "jiangsu_jianchayuan_2018_bumen_yusuan"
BANGONGTING_2017 = "jiangsu_shengwei_bangongting_2017_bumen_yusuan"
CAIZHENGJU_2024 = "shanghai_putuo_caizhengju_2024_bumen_juesuan"
TOTALS = ("income_total", "expenditure_total")


def _lines(*texts: str) -> list[tuple[int, TextLine]]:
    return [(5, TextLine(text, 70.0, 100.0 + 20 * i, 520.0, 114.0 + 20 * i, ())) for i, text in enumerate(texts)]


def _figures(doc_id: str) -> pl.DataFrame:
    return load_snapshot(SNAPSHOTS / doc_id).table("narrative_figures")


def _stated(doc_id: str, page: int) -> list[tuple]:
    """(target, label, amount, change, compared year) of each figure on `page` that states a change."""
    rows = _figures(doc_id).filter((pl.col("page") == page) & pl.col("change_wan").is_not_null())
    return [
        (r["target"], r["label"], r["amount_wan"], r["change_wan"], r["compared_year"])
        for r in rows.iter_rows(named=True)
    ]


def _prior(doc_id: str) -> oq.PriorYear | None:
    snapshot = load_snapshot(SNAPSHOTS / doc_id)
    year = snapshot.manifest["budget_year"]
    head = oq.headline(
        snapshot.table("schedules"),
        snapshot.table("expenditure_by_function"),
        snapshot.table("summary_lines"),
        snapshot.table("three_public"),
        snapshot.table("basic_by_economic"),
        year,
    )
    figures = snapshot.table("narrative_figures")
    return oq.stated_prior(snapshot.table("schedules"), snapshot.table("funds_by_year"), figures, head.total, year)


def test_the_totals_change_said_with_its_subject_again_is_read():
    # 检察院 2018 p23: 江苏省人民检察院 2018 年度收入、支出预算总计 21,955.35 万元，与上年相比收、支预算总计各增加
    # 3,958.67 万元，增长 21.95 %。 … （1）一般公共预算收入预算 21,940.96 万元，与上年相比增加 3,959.28 万元 …
    # 2．其他资金收入预算总计 14.39 万元。与上年相比减少 0.61 万元。
    assert _stated(JIANCHAYUAN_2018, 23) == [
        ("expenditure_total", "支出预算总计", Decimal("21955.35"), Decimal("3958.67"), 2017),
        ("income_part", "一般公共预算收入预算", Decimal("21940.96"), Decimal("3959.28"), 2017),
        ("income_part", "其他资金收入预算总计", Decimal("14.39"), Decimal("-0.61"), 2017),
    ]


def test_a_part_named_by_its_source_is_never_the_total():
    for doc_id in (JIANCHAYUAN_2018, BANGONGTING_2017):
        totals = _figures(doc_id).filter(pl.col("target").is_in(TOTALS))
        # every figure read as the department's total is its total as printed on the page (21,955.35; 20849.45)
        assert set(totals["amount_printed"]) in ({"21,955.35"}, {"20849.45"}), doc_id
    # 省委办公厅 2017 p6: 2. 财政专户管理资金收入预算总计 147.20 万元。与上年保持一致。
    part = _figures(BANGONGTING_2017).filter(pl.col("target") == "income_part").row(0, named=True)
    assert (part["label"], part["amount_wan"], part["change_wan"], part["compared_year"]) == (
        "财政专户管理资金收入预算总计",
        Decimal("147.2"),
        Decimal(0),
        2016,
    )


def test_the_offices_total_change_runs_over_its_page_break():
    # 省委办公厅 2017 说明 p5-6: 省委办公厅 2017 年度收入、支出预算总计 20849.45 万元，与上年相比收、支预算总计各增加
    # 2043.58 万元，增长 | — 5 — | 10.87%。
    total = _figures(BANGONGTING_2017).filter(pl.col("target") == "expenditure_total").row(0, named=True)
    assert (total["page"], total["amount_wan"], total["change_wan"], total["compared_year"]) == (
        5,
        Decimal("20849.45"),
        Decimal("2043.58"),
        2016,
    )
    prior = _prior(BANGONGTING_2017)
    assert prior is not None and prior.of_total
    assert (prior.year, prior.previous_wan, prior.change_wan) == (2016, Decimal("18805.87"), Decimal("2043.58"))


def test_the_overview_takes_the_stated_change_of_the_total():
    prior = _prior(JIANCHAYUAN_2018)
    assert prior is not None and prior.of_total and prior.derived
    assert (prior.year, prior.amount_wan, prior.change_wan, prior.previous_wan, prior.page) == (
        2017,
        Decimal("21955.35"),
        Decimal("3958.67"),
        Decimal("17996.68"),
        23,
    )
    # the quoted statement starts after the headings run into the text, not in the contents before them
    assert prior.statement.startswith("江苏省人民检察院2018年度收入、支出预算总计21,955.35万元，与上年相比")


def test_a_final_accounts_fund_change_of_the_total_s_figure_is_the_headlines_change_named():
    # 财政局 2024 p21: 上海市普陀区财政局 2024 年度收入支出总计 2995.39 万元。与 2023 年度相比，收入支出总计减少
    # 56.95 万元，下降 1.87%。 … 财政拨款收入支出总计 0.3 万元。与 2023 年度相比，财政拨款收入支出总计持平。 …
    # 一般公共预算财政拨款支出 2940.05 万元，占本年支出合计的 100.00%。与 2023 年度相比，一般公共预算财政拨款支出减少
    # 63.14 万元，下降 2.10%。
    assert _stated(CAIZHENGJU_2024, 21) == [
        ("income_total", "收入支出总计", Decimal("2995.39"), Decimal("-56.95"), 2023),
        ("fiscal_income_total", "财政拨款收入支出总计", Decimal("0.3"), Decimal(0), 2023),
        ("fiscal_expenditure_total", "一般公共预算财政拨款支出", Decimal("2940.05"), Decimal("-63.14"), 2023),
    ]
    fund = _figures(CAIZHENGJU_2024).filter(pl.col("change_wan") == Decimal("-63.14")).row(0, named=True)
    assert fund["change_printed"] == "与2023年度相比，一般公共预算财政拨款支出减少63.14万元"  # not the share before it
    prior = _prior(CAIZHENGJU_2024)
    # the headline is the 本年支出合计 2940.05 (p10 支出决算表 合计); the 一般公共预算's spending is the same figure
    # (占本年支出合计的100.00%), so its stated change is the total's, named as the document states it (tour2 D5); the
    # 收入支出总计 (2995.39) is another total
    assert prior is not None and prior.of_total and prior.subject == "一般公共预算财政拨款支出"
    assert (prior.amount_wan, prior.change_wan, prior.previous_wan) == (
        Decimal("2940.05"),
        Decimal("-63.14"),
        Decimal("3003.19"),
    )


def test_the_brief_labels_the_parts_as_printed():
    lines = brief_lines(brief_content.build_brief(load_snapshot(SNAPSHOTS / JIANCHAYUAN_2018)))
    # p23: 收入、支出预算总计21,955.35万元，…增加3,958.67万元，增长21.95%; (1) 一般公共预算收入预算21,940.96万元，…增加
    # 3,959.28万元，增长22%: each named and its rate given as printed (ours beside it where they differ)
    stated_total = (
        "支出预算总计 | 17,996.68 | 21,955.35 | +3,958.67 | +21.95% ⚠\n算得 +22.00% | 文件说明 | 正文 第 23 页"
    )
    assert stated_total in lines
    assert "一般公共预算收入预算 | 17,981.68 | 21,940.96 | +3,959.28 | +22% | 文件说明 | 正文 第 23 页" in lines
    assert not [line for line in lines if line.startswith("收入总计 |")]


def test_the_change_is_printed_without_the_clauses_comma():
    cross = pl.read_parquet(SNAPSHOTS / "cross_checks.parquet")
    said = cross.filter(pl.col("instance").str.starts_with(f"{JIANCHAYUAN_2018} 第 23 页：其他资金"))["instance"]
    assert said.to_list() == [f"{JIANCHAYUAN_2018} 第 23 页：其他资金收入预算总计 14.39万元，与上年相比减少0.61万元"]
    assert not cross.filter(pl.col("instance").str.contains("，，")).height


@pytest.mark.parametrize(
    ("text", "target", "change", "year"),
    [
        ("2025年度收入、支出预算总计100万元，与上年相比收、支预算总计各增加5万元。", "expenditure_total", "5", 2024),
        ("2025年度收入支出总计100万元。与2024年度相比，收入支出总计减少5万元，下降4.76%。", "income_total", "-5", 2024),
        ("2025年度收入、支出预算总计100万元，与上年相比，收支总计均减少5万元。", "expenditure_total", "-5", 2024),
        # the subject said again names another figure: not the total's change
        ("2025年度收入、支出预算总计100万元，与上年相比，基本支出增加5万元。", "expenditure_total", None, None),
        (
            "2025年收入、支出预算总计100万元，与上年相比，财政拨款收、支总计各增加5万元。",
            "expenditure_total",
            None,
            None,
        ),
        # a source's part: read with its source, as printed
        ("（1）一般公共预算收入预算 90 万元，与上年相比增加 5 万元。", "income_part", "5", 2024),
        ("2．事业收入预算总计10万元。与上年相比减少1万元。", "income_part", "-1", 2024),
    ],
)
def test_the_wordings_of_a_totals_change(text: str, target: str, change: str | None, year: int | None):
    final = "收入支出总计" in text  # a 决算's wording (templates.NARRATIVE_FIGURES_FINAL)
    figures = narrative_figures(_lines(text), 2025, extra=templates.NARRATIVE_FIGURES_FINAL if final else None)
    assert len(figures) == 1
    figure = figures[0]
    assert figure["target"] == target
    assert (figure["change_wan"], figure["compared_year"]) == (Decimal(change) if change else None, year)
