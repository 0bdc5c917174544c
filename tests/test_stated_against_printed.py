"""What a narrative states against what its tables and forms print (tour2 D2, D6, D18). Every value here was read off
the rendered PDF pages (`pdftoppm -r 100 -f N -l N data/raw/<file>.pdf`), page numbers as the PDF viewer counts them."""

from __future__ import annotations

from decimal import Decimal as D
from functools import cache

import polars as pl

from budgetlens import canonical_queries as cq
from budgetlens.canonical.document import read_pdf_document
from budgetlens.checks import canonical, narrative
from budgetlens.store import load_snapshot
from tests.conftest import ROOT, SNAPSHOTS
from tests.test_app import open_page, texts

CAIZHENG = "shanghai_putuo_caizhengju_2024_bumen_juesuan"
GUIHUA = "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"
WANLI_2023 = "shanghai_putuo_wanlijiedao_2023_bumen_yusuan"


@cache
def _tables(doc_id: str) -> dict[str, pl.DataFrame]:
    """The document read fresh from data/raw (the reading under test, not a stored snapshot)."""
    return read_pdf_document([ROOT / "data" / "raw" / f"{doc_id}.pdf"], doc_id).tables


@cache
def _all_checks(doc_id: str) -> pl.DataFrame:
    return canonical.run(_tables(doc_id))[0]


def _checks(doc_id: str, rule_id: str) -> pl.DataFrame:
    return _all_checks(doc_id).filter(pl.col("rule_id") == rule_id)


def _class_rows(checks: pl.DataFrame, page: int, classes: tuple[str, ...]) -> list[tuple]:
    """The canonical.narrative rows of the classes a page's narrative names, in printed order."""
    named = "|".join(classes)
    found = checks.filter(pl.col("instance").str.contains(f"^第 {page} 页：(?:{named}) "))
    return found.select("instance", "status", "expected", "actual", "actual_label").rows()


# --- D6: a 决算's class amounts against its 一般公共预算财政拨款支出决算表 ------------------------------------------


def test_the_class_amounts_of_a_final_accounts_list_are_checked_against_the_fund_s_function_table():
    """规划和自然资源局 p21: "一般公共预算财政拨款支出9746.50万元，主要用于以下方面：
    社会保障和就业支出（类）754.75万元，占7.74%；卫生健康支出（类）236.63万元，…城乡社区支出（类）3832.36万元，…
    自然资源海洋气象等支出（类）4461.67万元，…住房保障支出（类）461.08万元"; p14 一般公共预算财政拨款支出决算表:
    208 754.75, 210 236.64, 212 3832.36, 220 4461.67, 221 461.08. 卫生健康 is one cent apart: a contradiction of
    the document."""
    table = "一般公共预算财政拨款支出决算表"
    classes = ("社会保障和就业", "卫生健康", "城乡社区", "自然资源海洋气象等", "住房保障")
    rows = _class_rows(_checks(GUIHUA, "canonical.narrative"), 21, classes)
    assert rows == [
        ("第 21 页：社会保障和就业 754.75万元", "pass", D("754.75"), D("754.75"), table),
        ("第 21 页：卫生健康 236.63万元", "fail", D("236.63"), D("236.64"), table),
        ("第 21 页：城乡社区 3832.36万元", "pass", D("3832.36"), D("3832.36"), table),
        ("第 21 页：自然资源海洋气象等 4461.67万元", "pass", D("4461.67"), D("4461.67"), table),
        ("第 21 页：住房保障 461.08万元", "pass", D("461.08"), D("461.08"), table),
    ]


def test_the_class_amounts_that_agree_pass():
    """财政局 p21: "一般公共服务支出（类）2106.66万元，…社会保障和就业支出（类）326.72万元，…
    卫生健康支出（类）60.99万元，…住房保障支出（类）445.69万元"; p15 一般公共预算财政拨款支出决算表:
    201 2,106.66, 208 326.72, 210 60.99, 221 445.69."""
    classes = ("一般公共服务", "社会保障和就业", "卫生健康", "住房保障")
    rows = _class_rows(_checks(CAIZHENG, "canonical.narrative"), 21, classes)
    assert [(r[0], r[1], r[3]) for r in rows] == [
        ("第 21 页：一般公共服务 2106.66万元", "pass", D("2106.66")),
        ("第 21 页：社会保障和就业 326.72万元", "pass", D("326.72")),
        ("第 21 页：卫生健康 60.99万元", "pass", D("60.99")),
        ("第 21 页：住房保障 445.69万元", "pass", D("445.69")),
    ]


def test_a_listed_class_is_read_with_the_fund_its_list_names():
    figures = _tables(GUIHUA)["narrative_figures"]
    classes = figures.filter(pl.col("target") == "function_class")
    assert classes["names"].to_list() == [
        ["社会保障和就业"],
        ["卫生健康"],
        ["城乡社区"],
        ["自然资源海洋气象等"],
        ["住房保障"],
    ]
    assert set(classes["words_before"]) == {
        "一般公共预算财政拨款"
    }  # the lead: 一般公共预算财政拨款支出9746.50万元，主要用于


# --- D18: 编报绩效目标的项目 N 个，涉及…资金 X 万元 against the project forms printed ---------------------------


def test_the_performance_projects_count_and_money_against_the_forms_printed():
    """万里街道 2023 p29: "编报绩效目标的项目5个，涉及项目预算资金3328.13万元"; pp31–35 print five 财政项目支出绩效目标
    填报表 whose 年度资金申请总额 are 4,100,000.00, 6,351,000.00, 4,563,800.00, 7595500.00 and 10,903,043.00 元:
    5 forms, 33,513,343 元 = 3,351.3343 万元, not 3,328.13."""
    counts = _checks(WANLI_2023, "narrative.counts")
    assert counts.select("instance", "status", "expected", "actual").rows() == [
        ("第 29 页：编报绩效目标的项目 5 个", "pass", D(5), D(5))
    ]
    amounts = _checks(WANLI_2023, "narrative.amounts")
    assert amounts.select("status", "expected", "actual", "difference").rows() == [
        ("fail", D("3328.13"), D("3351.3343"), D("23.2043"))
    ]
    assert amounts["schedules"].to_list() == [["说明", "绩效目标表"]]


def test_a_document_that_prints_fewer_forms_than_it_counts_is_not_checked_with_that_reason():
    """财政局 2024 p23: "编报绩效目标的2024年度项目4个，涉及预算金额598.42万元"; 规划和自然资源局 p27: "编报绩效目标的
    2024年度项目39个，涉及预算金额4415.48万元": a 决算 prints no project form."""
    for doc_id, page, count, amount in ((CAIZHENG, 23, 4, "598.42"), (GUIHUA, 27, 39, "4415.48")):
        counts, amounts = (_checks(doc_id, rule) for rule in ("narrative.counts", "narrative.amounts"))
        reason = f"说明所述编报绩效目标的项目 {count} 个，本文件只印出 0 张项目绩效目标表，无从逐项核对其个数与金额"
        assert counts.select("instance", "status", "note").rows() == [
            (f"第 {page} 页：编报绩效目标的项目 {count} 个", "not_applicable", reason)
        ]
        assert amounts.select("status", "expected", "note").rows() == [("not_applicable", D(amount), reason)]


def test_the_count_decides_whether_the_money_is_compared():
    """The same 万里街道 forms, the stated count changed: 6 stated (5 printed) is not checkable; 4 stated (5 printed)
    fails the count and leaves the money unchecked (the forms' sum is not of the counted projects)."""
    tables = _tables(WANLI_2023)

    def with_count(count: int) -> list[tuple]:
        counts = tables["narrative_counts"].with_columns(
            pl.when(pl.col("target") == narrative.PERFORMANCE_COUNT)
            .then(pl.lit(D(count)).cast(tables["narrative_counts"].schema["count"]))
            .otherwise(pl.col("count"))
            .alias("count")
        )
        checks, _ = canonical.run({**tables, "narrative_counts": counts})
        chosen = checks.filter(pl.col("rule_id").is_in(["narrative.counts", "narrative.amounts"]))
        return chosen.select("rule_id", "status").rows()

    assert with_count(6) == [("narrative.amounts", "not_applicable"), ("narrative.counts", "not_applicable")]
    assert with_count(4) == [("narrative.amounts", "not_applicable"), ("narrative.counts", "fail")]
    assert with_count(5) == [("narrative.amounts", "fail"), ("narrative.counts", "pass")]


# --- D2: a blank 三公 决算数 compared as the narrative states it --------------------------------------------------


def test_a_blank_three_public_actual_is_compared_as_the_text_states_it():
    """财政局 p18 财政拨款“三公”经费支出决算表: 合计 预算数 0.95, 决算数 blank; 公务接待费 预算数 0.95, 决算数 blank.
    p23: "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%，…公务接待费支出决算为0.00万元".
    The cell stays blank (原表空白); the gap −0.95 and the rate 0.00% are the text's, marked 正文所述 before
    the number."""
    execution = cq.three_public_execution(load_snapshot(SNAPSHOTS / CAIZHENG).tables)
    reception = execution.filter(pl.col("item") == "reception").row(0, named=True)
    assert (reception["budget_wan"], reception["actual_wan"], reception["actual_stated_wan"]) == (D("0.95"), None, D(0))
    assert (reception["actual_compared_wan"], reception["actual_compared_stated"], reception["gap_wan"]) == (
        D(0),
        True,
        D("-0.95"),
    )
    app = open_page("pages/execution.py", doc=CAIZHENG)
    shown = texts(app)
    assert "“三公”经费各项都没有同时列出预算数和决算数，无法比较。" not in shown
    assert (
        "“三公”经费各项中同时有预算数和决算数的 1 项，预算数合计 0.95 万元，决算数合计 0.00 万元（为预算数的 0.00%）；"
        "决算数低于预算数的 1 项，持平 0 项，高于预算数的 0 项；"
        "差额最大的是公务接待费（决算数为正文所述；预算 0.95 万元，决算 0.00 万元，少支出 0.95 万元）。"
        "另有 2 项没有同时列出预算数和决算数。"
    ) in shown
    listing = next(frame.value for frame in app.dataframe if "项目" in frame.value.columns)
    row = listing[listing["项目"] == "　公务接待费"].iloc[0]
    assert (row["预算数"], row["决算数"], row["差额"], row["完成率（计算）"]) == (
        "0.95",
        "原表空白",
        "正文所述 −0.95",
        "正文所述 0.00%",
    )
