"""Queries (pure polars) and downloads, on the document's real values."""

from __future__ import annotations

import io
from decimal import Decimal as D

import polars as pl

from budgetlens import queries
from components.export import export_bytes


def test_code_table_under_a_node_keeps_the_documents_values(snapshot):
    failing = queries.failing_lines(snapshot.table("checks"))
    rows = queries.code_table(snapshot.table("s05_general_budget"), queries.FUNCTION_MEASURES, "20601", failing)
    assert rows["code"].to_list() == ["20601", "2060101", "2060102", "2060199"]
    assert rows.filter(pl.col("code") == "20601")["total_wan"].item() == D("1035.12")  # as printed
    assert rows.filter(pl.col("code") == "2060101")["share_of_total_pct"].item() == D("2.20")
    assert rows["check_flag"].to_list() == [True, True, True, True]


def test_downloads_are_exact_and_hold_exactly_the_rows(snapshot):
    rows = queries.code_table(
        snapshot.table("s05_general_budget"),
        queries.FUNCTION_MEASURES,
        "20604",
        queries.failing_lines(snapshot.table("checks")),
    )
    files = export_bytes(rows)
    parquet = pl.read_parquet(io.BytesIO(files["parquet"]))
    assert parquet["code"].to_list() == ["20604", "2060499"]
    assert parquet.schema["total_wan"].is_decimal() and parquet["total_wan"].to_list() == [D("16000.00")] * 2
    csv = files["csv"].decode("utf-8-sig").splitlines()
    assert csv[0].startswith("code,name,level,total_wan") and csv[2].startswith("2060499,其他技术与开发支出,3,16000.00")
    assert files["xlsx"][:2] == b"PK"


def test_headline_and_standouts(snapshot):
    head = queries.headline(snapshot)
    assert (head.total_wan, head.total_2022_wan, head.change_wan, head.change_pct) == (
        D("21225.47"),
        D("24789.30"),
        D("-3563.83"),
        D("-14.38"),
    )
    texts = [finding.text for finding in queries.standouts(snapshot)]
    assert texts[0] == "最大的一项支出是 2060499 其他技术与开发支出：16,000.00 万元，占全部支出的 75.38%。"
    assert "总预算比 2022 年减少 3,563.83 万元（−14.38%）。" in texts
    assert any("附表1-8“项目支出表”" in text for text in texts)


def test_failing_values_mark_only_the_numbers_that_disagree(snapshot):
    values = queries.failing_values(snapshot.table("checks"))
    assert (246, D("1349.59")) in values  # 基本支出 ≠ 人员 + 公用
    assert (246, D("21225.47")) not in values  # the total itself agrees everywhere
