"""A document's listing of its units (单位构成: 序号 | 单位名称 | 备注) is read as the `unit_list` table, each unit with
its 备注 and its name cell's place, and 概览 shows it under 人员与单位. Values from the rendered pages
(pdftoppm -r 100):
上海市普陀区财政局 2024 决算 p5 (二、部门决算单位构成 … 纳入…编制范围的单位包括：): 1 上海市普陀区财政局（本级）;
2 上海市普陀区财政局财政所, 预算不单列，并入本级; 3 上海市普陀区国库收付中心, 预算不单列，并入本级.
上海市普陀区规划和自然资源局 2024 决算 p6: five units, 1 上海市普陀区规划和自然资源局（本级） … 5 上海市普陀区规划和
自然资源管理事务中心（下属事业单位）, 备注 blank."""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from budgetlens.canonical.execution import three_public_scope, units_named
from budgetlens.canonical_queries import three_public_context
from budgetlens.pdf.page import TextLine
from budgetlens.store import load_snapshot
from tests.conftest import SNAPSHOTS
from tests.test_app import open_page, texts

CZJ2024 = "shanghai_putuo_caizhengju_2024_bumen_juesuan"
GHZ2024 = "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"


def test_the_units_listing_is_read_with_its_remarks_and_places():
    tables = load_snapshot(SNAPSHOTS / CZJ2024).tables
    units = tables["unit_list"]
    assert units.select("seq_printed", "name", "note", "page").rows() == [
        ("1", "上海市普陀区财政局（本级）", None, 5),
        ("2", "上海市普陀区财政局财政所", "预算不单列，并入本级", 5),
        ("3", "上海市普陀区国库收付中心", "预算不单列，并入本级", 5),
    ]
    assert units["box"].is_not_null().all()
    listing = tables["schedules"].filter(pl.col("table_id") == units["table_id"][0]).row(0, named=True)
    assert (listing["kind"], listing["reader"], listing["status"]) == ("units", "units", "read")
    # no reading doubt about it any more (it was "kept as printed, not interpreted"), nor about a unit it does not print
    assert tables["reading_warnings"].filter(pl.col("table_id") == units["table_id"][0]).is_empty()


def test_another_documents_listing_with_blank_remarks():
    units = load_snapshot(SNAPSHOTS / GHZ2024).table("unit_list")
    assert units.height == 5 and units["note"].is_null().all() and set(units["page"]) == {6}
    assert units["name"][0] == "上海市普陀区规划和自然资源局（本级）"
    assert units["name"][4] == "上海市普陀区规划和自然资源管理事务中心（下属事业单位）"


def test_the_overview_shows_the_units_it_lists():
    shown = texts(open_page("pages/overview.py", doc=CZJ2024))
    assert "上海市普陀区财政局财政所（预算不单列，并入本级）" in shown
    assert "本文件未列出单位构成" not in shown
    assert "见文字说明第 5 页；本文件未列出编制数、在职实有人数、离退休人数。" in shown


def test_a_document_without_a_listing_has_none():
    units = load_snapshot(SNAPSHOTS / "jiangsu_jianchayuan_2018_bumen_yusuan").table("unit_list")
    assert units.is_empty()


def _lines(*texts: str) -> list[tuple[int, TextLine]]:
    return [(23, TextLine(text, 72.0, 100.0 + 14 * i, 520.0, 112.0 + 14 * i, ())) for i, text in enumerate(texts)]


GAOJI_FAYUAN_2017 = "jiangsu_gaoji_fayuan_2017_bumen_yusuan"


def test_units_named_in_a_sentence_are_read_where_no_table_lists_them():
    # 江苏省高级人民法院 2017 p10 (rendered): "（28）本部门纳入本年预算的下属单位如下：徐州铁路运输法 / 院，其工作
    # 职责主要：1、…"; no units table. The unit, with what the sentence calls it, and where its name starts.
    units = load_snapshot(SNAPSHOTS / GAOJI_FAYUAN_2017).table("unit_list")
    assert units.select("table_id", "name", "note", "page").rows() == [(None, "徐州铁路运输法院", "下属单位", 10)]
    shown = texts(open_page("pages/overview.py", doc=GAOJI_FAYUAN_2017))
    # named in a sentence about the units under it, the unit is not shown as the department's whole make-up
    assert "文字说明所列（本文件无单位构成表）：  \n徐州铁路运输法院（下属单位）" in shown
    assert "本文件未列出单位构成、编制和实有人数。" not in shown
    planted = units_named(_lines("本局所属单位包括：甲市信息中心、乙研究所。", "下属单位有：办公室负责文电，"))
    assert [(u["name"], u["note"]) for u in planted] == [("甲市信息中心", "所属单位"), ("乙研究所", "所属单位")]


def _page(number: int, *texts: str) -> list[tuple[int, TextLine]]:
    return [(number, TextLine(text, 72.0, 100.0 + 14 * i, 520.0, 112.0 + 14 * i, ())) for i, text in enumerate(texts)]


def test_a_unit_named_twice_is_one_and_a_page_break_is_not_part_of_a_name():
    # A name wrapped over a page break has the page's number between its halves (法院 2017 p10's name wraps within
    # its page: 徐州铁路运输法 / 院); a name said again in a later sentence is the same unit.
    pages = [
        *_page(9, "- 8 -", "部门职责与机构设置说明，", "本部门纳入本年预算的下属单位如下：甲市信息中", "- 9 -"),
        *_page(10, "- 10 -", "心、乙研究所、甲市信息中心，其工作职责主要：", "预算单位包括：乙研究所。", "- 10 -"),
        *_page(11, "- 11 -", "其他说明，", "第三段文字。", "- 11 -"),
    ]
    named = units_named(pages)
    assert [(u["name"], u["note"], u["page"]) for u in named] == [
        ("甲市信息中心", "下属单位", 9),
        ("乙研究所", "下属单位", 10),
    ]


def test_the_scope_of_the_three_public_figures_is_read_where_stated_and_said_unread_otherwise():
    # No corpus PDF states it (their 名词解释 define the term: "…是与区级财政有经费领拨关系的部门及其下属预算单位使用
    # 区级财政拨款安排的…", which is not read as a scope); these sentences are the forms the template's patterns name.
    counted, unread = three_public_scope(_lines("2024年“三公”经费统计范围包括部门本级及所属3家单位。"))
    assert [(r["target"], r["count"], r["count_printed"], r["unit_printed"]) for r in counted] == [
        ("three_public_units", Decimal(3), "3", "家")
    ]
    assert unread == []
    worded, unread = three_public_scope(_lines("“三公”经费的统计范围为部门本级及所属单位。"))
    assert [(r["target"], r["count"], r["page"]) for r in worded] == [("three_public_scope", None, 23)]
    assert unread == []
    glossary, unread = three_public_scope(
        _lines(
            "（三）“三公”经费：是与区级财政有经费领拨关系的部门及其下属预算单位使用区级财政拨款安排的因公出国（境）费。"
        )
    )
    assert glossary == [] and unread == []
    said = "本部门“三公”经费涉及的单位共有三个二级单位。"  # named in words no pattern reads: a reading warning
    missed, unread = three_public_scope(_lines(said))
    assert missed == [] and [statement for _, _, statement in unread] == [said]


def test_the_three_public_page_says_the_scope_is_not_printed_where_the_text_says_nothing_of_it():
    app = open_page("pages/three_public.py", doc=CZJ2024)
    assert "统计范围" not in [m.label for m in app.metric]  # said in words under the numbers, not as one
    said = "统计范围：本文件未列出。文字说明中没有写出“三公”经费的统计范围（包括几家单位）。"
    assert said in [c.value for c in app.caption]
    tables = load_snapshot(SNAPSHOTS / CZJ2024).tables
    inputs = [
        tables[name]
        for name in (
            "three_public",
            "schedules",
            "expenditure_by_function",
            "basic_by_economic",
            "procurement",
            "narrative_counts",
            "narrative_figures",
        )
    ]
    context = three_public_context(*inputs, tables["reading_warnings"])
    assert (context.units, context.scope, context.scope_unread) == (None, None, False)
    assert three_public_context(*inputs, pl.DataFrame({"kind": ["not_read"]})).scope_unread
