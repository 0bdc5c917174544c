"""Which failing check contradicts a figure the narrative states (overview_queries.contradicted), and whether the
other side is a figure the document prints or one we added up. Values read off the rendered pages
(`pdftoppm -r 80 -f N -l N`)."""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from budgetlens import overview_queries as oq
from tests.conftest import SNAPSHOTS

CAIZHENG_FINAL = "shanghai_putuo_caizhengju_2024_bumen_juesuan"


def _stated(doc_id: str) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    folder = SNAPSHOTS / doc_id
    return (
        pl.read_parquet(folder / "checks.parquet"),
        pl.read_parquet(folder / "check_cells.parquet"),
        pl.read_parquet(folder / "narrative_figures.parquet"),
    )


def _figure(figures: pl.DataFrame, page: int, amount: str) -> oq.StatedFigure:
    rows = figures.filter(pl.col("page") == page, pl.col("amount_wan") == Decimal(amount))
    return oq.stated_figures(rows.select("amount_wan", "page", "box", "source_lines"))[0]


def test_a_printed_table_figure_against_the_statement_is_said_printed():
    # p21: "财政拨款收入支出总计0.3万元"; p13 (财政拨款收入支出决算总表) prints 总计 2,961.68
    checks, cells, figures = _stated(CAIZHENG_FINAL)
    against = oq.contradicted(checks, cells, _figure(figures, 21, "0.3"))
    assert against is not None
    assert (against.amount_wan, against.page, against.printed) == (Decimal("2961.68"), 13, True)


def test_a_sum_we_added_up_is_not_said_printed():
    # p24: "政府采购金额…为251.25万元，其中：货物采购金额4.79万元、工程采购金额0万元、服务采购金额246.47万元":
    # 4.79 + 0 + 246.47 = 251.26 is our sum, not a figure the document prints
    checks, cells, figures = _stated(CAIZHENG_FINAL)
    against = oq.contradicted(checks, cells, _figure(figures, 24, "251.25"))
    assert against is not None
    assert against.amount_wan == Decimal("251.26") and against.printed is False


def test_the_parts_of_a_failing_sum_are_not_contradicted():
    # the same sentence's 服务采购金额 246.47 is a part of that sum, not itself in dispute
    checks, cells, figures = _stated(CAIZHENG_FINAL)
    assert oq.contradicted(checks, cells, _figure(figures, 24, "246.47")) is None


def test_a_check_in_percent_never_contradicts_an_amount():
    # a failing rate check whose side happens to equal a 万元 figure: only 万元 sides are compared with amounts
    checks, cells, figures = _stated(CAIZHENG_FINAL)
    figure = _figure(figures, 21, "0.3")
    as_rate = checks.with_columns(pl.lit("%").alias("unit"))
    assert oq.contradicted(as_rate, cells, figure) is None
