"""The text export's two-sided rows are classed by the words of their names (schedules.ROW_KINDS), as the PDF reader
classes the same rows: the seed prints no label that holds 结余 without 结转, so these real labels of 普陀区财政局
2024 决算 (p7, 收入支出决算总表) pin that word, against the row kind the PDF reader gave them in the snapshot."""

from __future__ import annotations

import polars as pl

from budgetlens.ingest.schedules import _kind
from tests.conftest import SNAPSHOTS

PUTUO_2024 = "shanghai_putuo_caizhengju_2024_bumen_juesuan"


def test_a_row_named_for_its_balance_alone_is_a_carryover_as_the_pdf_reader_says():
    lines = pl.read_parquet(SNAPSHOTS / PUTUO_2024 / "summary_lines.parquet")
    for label in ("使用非财政拨款结余（含专用结余）", "结余分配"):
        printed = lines.filter((pl.col("label") == label) & (pl.col("page") == 7))
        assert printed.height and set(printed["row_kind"]) == {"carryover"}, label
        assert _kind(label) == "carryover", label
