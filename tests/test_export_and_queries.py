"""Queries (pure polars) and downloads, on the document's real values."""

from __future__ import annotations

import dataclasses
import io
from decimal import Decimal as D

import polars as pl

from budgetlens import check_queries, classification
from budgetlens import overview_queries as oq
from budgetlens.canonical.model import place_keys
from budgetlens.formatting import change_from, number, pct
from budgetlens.money import CANONICAL_MONEY
from components.classification_view import download_rows
from components.ui import export_bytes
from tests.coded_tables import coded_rows

MEASURES = ("total_wan", "basic_wan", "project_wan", "personnel_wan", "public_wan")


def test_code_table_under_a_node_keeps_the_documents_values(snapshot):
    disputed = classification.disputes(snapshot.table("checks"), snapshot.table("check_cells"))
    rows = classification.coded_listing(coded_rows(snapshot), MEASURES, "20601", disputed)
    assert rows["code"].to_list() == ["20601", "2060101", "2060102", "2060199"]
    assert rows.filter(pl.col("code") == "20601")["total_wan"].item() == D("1035.12")  # as printed
    assert rows.filter(pl.col("code") == "2060101")["share_of_total_pct"].item() == D("2.20")
    assert rows["check_flag"].to_list() == [True, True, True, True]
    assert rows.schema["share_of_total_pct"] == CANONICAL_MONEY
    assert rows["check_rules"][0] == "；".join(
        f"1-5.hierarchy · 20601 科学技术管理事务 · {column}" for column in ("公用经费", "合计", "基本支出")
    )
    (line_166,) = place_keys(None, None, [166])
    assert disputed.places[line_166] == (
        "1-3.hierarchy · 20601 科学技术管理事务 · 合计",
        "1-3.hierarchy · 20601 科学技术管理事务 · 基本支出",
    )
    assert not place_keys(None, None, [432]) & disputed.places.keys()  # 附表1-13's 财政拨款: no failing check cites it


def test_function_tree_adds_up_and_keeps_what_the_document_states(snapshot):
    tree = classification.code_tree(coded_rows(snapshot), "total_wan", "全部支出")
    columns = ("id", "parent", "amount_wan", "stated_wan", "share_of_parent_pct", "share_of_total_pct", "is_leaf")
    chosen = tree.filter(pl.col("id").is_in(["root", "206", "20601", "2060101"]))
    assert chosen.select(*columns, "source_lines").rows() == [
        ("root", "", D("21225.47"), D("21225.47"), D("100.00"), D("100.00"), False, [246]),
        ("206", "root", D("19035.13"), D("19035.12"), D("89.68"), D("89.68"), False, [247]),  # Σ of its 项 ≠ printed
        ("20601", "206", D("1035.13"), D("1035.12"), D("5.44"), D("4.88"), False, [248]),
        ("2060101", "20601", D("467.91"), D("467.91"), D("45.20"), D("2.20"), True, [249]),
    ]
    assert tree.schema["share_of_parent_pct"] == tree.schema["amount_wan"] == CANONICAL_MONEY
    assert tree.schema["is_leaf"] == pl.Boolean


def test_source_text_numbers_every_line_asked_for():
    assert check_queries.source_text(["a\tb", "c"], [2, 1, 9]) == "    1 │ a │ b\n    2 │ c"  # 9: no such line


def test_downloads_are_exact_and_hold_exactly_the_rows(snapshot):
    rows = download_rows(
        classification.coded_listing(
            coded_rows(snapshot), MEASURES, "20604", classification.disputes(snapshot.table("checks"), None)
        )
    )
    files = export_bytes(rows)
    parquet = pl.read_parquet(io.BytesIO(files["parquet"]))
    assert parquet["code"].to_list() == ["20604", "2060499"]
    assert parquet.schema["total_wan"].is_decimal() and parquet["total_wan"].to_list() == [D("16000.00")] * 2
    csv = files["csv"].decode("utf-8-sig").splitlines()
    assert csv[0].startswith("科目编码,名称,层级,合计（万元）")  # Chinese headers for people; Parquet keeps the fields
    assert csv[2].startswith("2060499,其他技术与开发支出,3,16000.00,")  # as printed: no padding zeros
    assert files["xlsx"][:2] == b"PK"


def _headline_and_prior(snapshot) -> tuple[oq.Headline, oq.PriorYear | None]:
    """The overview's headline and the year before as the document states it, as 概览 asks for them."""
    head = oq.snapshot_headline(snapshot)
    tables = (snapshot.table(name) for name in ("schedules", "funds_by_year", "narrative_figures"))
    return head, oq.stated_prior(*tables, head.total, head.year)


def test_headline(snapshot):
    head, prior = _headline_and_prior(snapshot)
    assert tuple(part.amount_wan for part in (head.basic, head.project, head.personnel, head.public)) == (
        D("1349.59"),
        D("19875.88"),
        D("1190.47"),
        D("159.11"),
    )
    assert (head.total.amount_wan, prior.previous_wan, prior.change_wan, prior.change_pct) == (
        D("21225.47"),
        D("24789.30"),
        D("-3563.83"),
        D("-14.38"),
    )
    assert head.three_public.amount_wan == D("4.40")


def test_a_change_in_words_follows_its_sign():
    assert change_from("2022", D("-3563.83")) == "比 2022 年减少 3,563.83 万元"
    assert change_from("2022", D("0.50")) == "比 2022 年增加 0.50 万元"
    assert change_from("2022", D("0")) == "与 2022 年持平"
    assert change_from("2022", None) == "没有可与 2022 年比较的数"


def test_checks_in_reading_order_and_by_schedule(snapshot):
    checks = snapshot.table("checks")
    ordered = check_queries.checks_view(checks)
    assert ordered["status"].to_list() == ["fail"] * 34 + ["not_applicable"] * 27 + ["pass"] * 1297
    assert ordered.select("rule_id", "instance").row(0) == ("1-3.hierarchy", "20601 科学技术管理事务 · 合计")
    # within a status, the order the rules produced them
    assert ordered.filter(pl.col("status") == "pass")["instance"].equals(
        checks.filter(pl.col("status") == "pass")["instance"]
    )
    failures, listing = check_queries.filter_checks(checks, ("1-7",), (), None)
    assert (failures.height, listing.height) == (0, 22)
    assert sorted(set(listing["rule_id"])) == ["1-7.sum", "across.1-7_vs_30231", "structure.repeated_rows"]
    assert set(listing["status"]) == {"通过"}


def test_the_headline_and_the_tree_without_the_figures_this_document_prints(snapshot):
    """Without 附表1-13's income total or 1-7's 三公 total there is nothing to compare or show, not a zero."""
    funds = snapshot.table("funds_by_year").filter(~pl.col("is_total"))
    three = snapshot.table("three_public").filter(pl.col("item") != "three_public_total")
    head, prior = _headline_and_prior(
        dataclasses.replace(snapshot, tables={**snapshot.tables, "funds_by_year": funds, "three_public": three})
    )
    assert (prior, head.three_public) == (None, None)
    untotalled = coded_rows(snapshot).filter(pl.col("level") > 0)
    root = classification.code_tree(untotalled, "total_wan", "全部支出").row(0, named=True)
    assert (root["amount_wan"], root["stated_wan"], root["source_lines"]) == (
        D("21225.47"),
        None,
        [],
    )  # the sum of its items


def test_a_rounded_figure_is_rounded_half_up_as_the_documents_round():
    # 四舍五入: Python's format rounds a Decimal half to even (2,512.105 → 2,512.10); a chart's sentence and bar label
    # round as the documents do
    assert number(D("2512.105")) == "2,512.11"
    assert number(D("0.125")) == "0.13" and number(0.125) == "0.13"
    assert number(D("-2.345")) == "−2.35"
    assert pct(D("45.325")) == "45.33%"
