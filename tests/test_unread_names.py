"""A coded row whose name was not read (a scanned 科目名称 cell the recogniser lost: null in the model) is said as
（名称未读出） wherever it is shown, never "None", and the 经济分类 caption does not list it. The amounts are the
digital document's: 检察院 2018 p17 (rendered at 80 dpi) prints 204 公共安全支出 16,444.36 and 2040401 行政运行
10,883.36; p18's 301 工资福利支出 10,204.52."""

from __future__ import annotations

import dataclasses
import io
from decimal import Decimal

import polars as pl
import pytest

from budgetlens import brief_content
from budgetlens import canonical_queries as cq
from budgetlens import classification as cl
from budgetlens import overview_queries as oq
from budgetlens.store import load_snapshot
from components import classification_view
from components.ui import export_bytes
from tests.conftest import SNAPSHOTS, per_module

JIANCHAYUAN_2018 = "jiangsu_jianchayuan_2018_bumen_yusuan"


@pytest.fixture(scope=per_module)
def unread():
    """The document as a scan whose name cells were all lost would hold it: every coded row's name null."""
    snapshot = load_snapshot(SNAPSHOTS / JIANCHAYUAN_2018)
    lost = {
        name: table.with_columns(
            pl.when(pl.col("code").is_not_null()).then(None).otherwise(pl.col("name")).alias("name")
        )
        for name, table in snapshot.tables.items()
        if name in ("expenditure_by_function", "basic_by_economic")
    }
    return cq.names_said(dataclasses.replace(snapshot, tables={**snapshot.tables, **lost}))


def test_an_unread_name_is_said_and_its_amount_kept(unread):
    coded = unread.table("expenditure_by_function")
    row = coded.filter(pl.col("code") == "204").row(0, named=True)
    assert row["name"] == "（名称未读出）" and str(row["amount_wan"].normalize()) == "16444.36"
    head = oq.snapshot_headline(unread)
    found = oq.standouts(
        head,
        unread.table("schedules"),
        coded,
        unread.table("projects"),
        unread.table("project_funds"),
        unread.table("checks"),
        None,
        "预算总额",
    )
    largest = next(s.text for s in found if s.text.startswith("最大的一项支出"))
    assert largest == "最大的一项支出是 2040401 （名称未读出）：10,883.36 万元，占一般公共预算支出的 49.60%。"


def test_the_economic_caption_lists_only_names_read(unread):
    economic = unread.table("basic_by_economic")
    table_id = economic.filter(pl.col("code") == "301")["table_id"][0]
    rows = cl.coded_rows(economic, table_id)
    assert classification_view.class_names(rows) == ""  # no name to list, and no crash on None
    read = load_snapshot(SNAPSHOTS / JIANCHAYUAN_2018).table("basic_by_economic")
    assert classification_view.class_names(cl.coded_rows(read, table_id)).startswith("工资福利")


def test_the_brief_never_prints_none(unread):
    sections = brief_content.build_brief(unread).sections
    text = "\n".join(
        [
            *(p for s in sections for p in s.paragraphs),
            *(str(c) for s in sections if s.table for r in s.table.rows for c in r),
        ]
    )
    assert "None" not in text
    classes = next(s for s in sections if s.title.endswith("支出按功能分类（类）"))
    assert (classes.bars[0].label, classes.bars[0].text) == ("204 （名称未读出）", "16,444.36（74.95%）")


def test_a_download_writes_an_unread_name_as_empty_not_as_the_page_words(unread):
    """The page says （名称未读出）; a file holds null there (DATA.md), so a program reads it as not read."""
    economic = unread.table("basic_by_economic")
    table_id = economic.filter(pl.col("code") == "301")["table_id"][0]
    rows = cl.coded_rows(economic, table_id).filter(pl.col("code") == "301")
    files = export_bytes(rows.select("code", "name", "total_wan"))
    assert pl.read_parquet(io.BytesIO(files["parquet"])).row(0) == ("301", None, Decimal("10204.52"))
    assert files["csv"].decode("utf-8-sig").splitlines()[1] == "301,,10204.52"
