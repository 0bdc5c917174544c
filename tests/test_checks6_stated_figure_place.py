"""On the text export a narrative figure and a failing check meet by line: which figure of the line a check's side
is, is said by what the side holds (an amount, or a stated change: checks.narrative.CHANGE_SIDES). Lines read
from data/raw/hongshan_kejingju_2023.txt:

2275: 1. 因公出国(境)经费预算 0 万元，比 2022 年预算增加 0 万元，主要原因：未列入部门预算。

Two figures of one value in one sentence: the amount 0 and its change 0. A failing check of the change must not
mark the amount (概览's ⚠, 年度对比's 文件他处所载, the brief)."""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from budgetlens import overview_queries as oq
from budgetlens.canonical_queries import Printed
from budgetlens.checks.canonical import Cells
from budgetlens.checks.narrative import CHANGE_SIDES
from tests.conftest import DOC_ID, SNAPSHOTS

SECTION = "“三公”经费财政拨款预算情况"
OVERSEAS = f"{SECTION} · 因公出国(境)经费预算"


def _seed() -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    folder = SNAPSHOTS / DOC_ID
    return tuple(
        pl.read_parquet(folder / f"{name}.parquet") for name in ("checks", "narrative_figures", "narrative_items")
    )


def _failing(checks: pl.DataFrame, rule_id: str, table_value: str) -> pl.DataFrame:
    """The seed's checks with `rule_id` on 因公出国 failing: its table side made `table_value` (as if 附表1-7 or a
    2022 table printed that), its narrative side (line 2275) as stated."""
    hit = (pl.col("rule_id") == rule_id) & (pl.col("instance") == OVERSEAS)
    assert checks.filter(hit).height == 1
    return checks.with_columns(
        pl.when(hit).then(pl.lit("fail")).otherwise(pl.col("status")).alias("status"),
        pl.when(hit)
        .then(pl.lit(Decimal(table_value)).cast(pl.Decimal(20, 4)))
        .otherwise(pl.col("expected"))
        .alias("expected"),
    )


def _cells(checks: pl.DataFrame) -> pl.DataFrame:
    """The check_cells the rules write for these checks: each side at the lines it cites."""
    return Cells().frame(checks.to_dicts())


def _overseas(figures: pl.DataFrame) -> oq.StatedFigure:
    (figure,) = oq.stated_figures(
        figures.filter(pl.col("source_lines") == [2275]).select("amount_wan", "page", "box", "source_lines")
    )
    assert figure.amount_wan == 0
    return figure


def test_line_2275_states_the_amount_0_and_its_change_0():
    checks, _, items = _seed()
    on_line = items.filter(pl.col("source_lines") == [2275])
    assert on_line.select("kind", "value").rows() == [("amount", Decimal(0)), ("change_amount", Decimal(0))]
    changes = checks.filter(pl.col("rule_id") == "narrative.changes", pl.col("instance") == OVERSEAS)
    assert changes.select("actual", "actual_lines").rows() == [(Decimal(0), [2275])]  # the stated change's side


def test_a_failing_check_of_the_stated_change_does_not_contradict_the_amount():
    checks, figures, _ = _seed()
    figure = _overseas(figures)
    assert oq.contradicted(checks, _cells(checks), figure) is None  # nothing fails on line 2275 as the document reads
    assert ("narrative.changes", "actual") in CHANGE_SIDES
    disputed_change = _failing(checks, "narrative.changes", "1.5")
    assert oq.contradicted(disputed_change, _cells(disputed_change), figure) is None
    printed = Printed(Decimal(0), "0", "因公出国(境)经费预算", "第三部分", None, None, (2275,))
    assert not oq.disputed(oq.failing_sides(disputed_change, _cells(disputed_change)), printed)


def test_a_failing_check_of_the_amount_still_contradicts_it():
    checks, figures, _ = _seed()
    figure = _overseas(figures)
    disputed_amount = _failing(checks, "narrative.amounts", "1.5")
    against = oq.contradicted(disputed_amount, _cells(disputed_amount), figure)
    assert against is not None and against.amount_wan == Decimal("1.5")
    printed = Printed(Decimal(0), "0", "因公出国(境)经费预算", "第三部分", None, None, (2275,))
    assert oq.disputed(oq.failing_sides(disputed_amount, _cells(disputed_amount)), printed)


def test_each_stated_figure_of_the_text_export_is_the_one_amount_of_its_line():
    # what makes (line, amount) a position: every statement the pages hand to oq.contradicted (narrative_figures: the
    # 三公 section's six) holds one amount on its line, beside its change (and a rate on line 2273)
    _, figures, items = _seed()
    assert figures.height == 6
    for lines in figures["source_lines"].to_list():
        kinds = items.filter(pl.col("source_lines") == lines)["kind"].to_list()
        assert kinds.count("amount") == 1 and set(kinds) <= {"amount", "change_amount", "change_pct"}, (lines, kinds)


def test_a_failing_check_that_two_stated_changes_agree_does_not_contradict_the_amount_either():
    # no shipped document states one change twice, so narrative.changes_agree holds nothing here: its check is made
    # from the narrative.changes one of line 2275 (both sides the stated change 0, on that line), failing
    checks, figures, _ = _seed()
    figure = _overseas(figures)
    agree = (
        _failing(checks, "narrative.changes", "1.5")
        .filter(pl.col("rule_id") == "narrative.changes", pl.col("instance") == OVERSEAS)
        .with_columns(pl.lit("narrative.changes_agree").alias("rule_id"))
    )
    assert {("narrative.changes_agree", "expected"), ("narrative.changes_agree", "actual")} <= CHANGE_SIDES
    assert oq.contradicted(agree, _cells(agree), figure) is None
    printed = Printed(Decimal(0), "0", "因公出国(境)经费预算", "第三部分", None, None, (2275,))
    assert not oq.disputed(oq.failing_sides(agree, _cells(agree)), printed)
    # the same check under a rule whose sides are amounts does contradict it: the test can tell the two apart
    amounts = agree.with_columns(pl.lit("narrative.amounts").alias("rule_id"))
    assert oq.contradicted(amounts, _cells(amounts), figure) is not None
