"""The library pages (文件库, 部门对比, 跨年度) and the library parts of 年度对比 and 数据核对, on the shipped
library of eleven documents (twelve files in data/raw: the 中共江苏省委办公厅's 说明 and 表 are one): the values
are the catalogue's, read off the documents' own pages."""

from __future__ import annotations

import math
import shutil
from decimal import Decimal as D

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from budgetlens import library_queries as lq
from components import library_figures
from tests.conftest import ROOT, SNAPSHOTS
from tests.test_app import open_page, summaries, texts

JIANGSU_2017 = "jiangsu_jianchayuan_2017_bumen_yusuan"
JIANGSU_2018 = "jiangsu_jianchayuan_2018_bumen_yusuan"
WANLI_2023 = "shanghai_putuo_wanlijiedao_2023_bumen_yusuan"
WANLI_2024 = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"
WANLI = "上海市普陀区人民政府万里街道办事处"
CAIZHENG = "上海市普陀区财政局"
CAIZHENG_BUDGET = "shanghai_putuo_caizhengju_2025_bumen_yusuan"
CAIZHENG_FINAL = "shanghai_putuo_caizhengju_2024_bumen_juesuan"
GUIHUA_2024 = "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"


def grid(app: AppTest, index: int = 0):
    return app.dataframe[index].value


def by_label(frame, label: str) -> dict:
    return frame[frame.iloc[:, 0].astype(str).str.startswith(label)].iloc[0].to_dict()


def test_the_library_is_the_default_page():
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    assert not app.exception
    assert [t.value for t in app.title] == ["文件库"]
    assert "文件库共 11 份公开文件（预算 9 份、决算 2 份）" in texts(app)


def test_library_lists_every_document_with_its_totals():
    app = open_page("pages/library.py")
    assert not app.error
    table = grid(app)
    assert len(table) == 11
    assert by_label(table, "江苏省人民检察院 · 2018年部门预算")["total_wan"] == pytest.approx(21955.35)
    assert by_label(table, "江苏省人民检察院 · 2017年部门预算")["total_wan"] == pytest.approx(17996.68)
    assert by_label(table, f"{WANLI} · 2024年部门预算")["three_public_wan"] == pytest.approx(47.91)
    assert table["label"].iloc[0] == "江苏省高级人民法院 · 2017年部门预算"  # largest total first: 28,849.38
    assert [s.value for s in app.header][:1] == ["11 份文件"]
    assert "其中既有预算又有决算：预算是计划数（预算数），决算是实际数（决算数），不宜相加。" in texts(app)
    # 上海市财政局's cover: "上海市2025年市级单位预算 / 预算单位：上海市财政局", beside the 部门预算
    assert "其中既有部门的文件又有单位的文件：单位的文件是部门文件的一部分，口径不同，不宜相加。" in texts(app)
    assert "既有部门的文件又有单位的文件" not in texts(open_page("pages/library.py", region="上海市普陀区"))
    final = by_label(table, "上海市普陀区财政局 · 2024年部门决算")  # 支出决算表 page 10: 合计 2,940.05
    assert (final["stage"], final["total_wan"]) == ("决算", pytest.approx(2940.05))
    assert by_label(table, "上海市普陀区财政局 · 2025年部门预算")["stage"] == "预算"
    # 页数: the PDF's own page count (pdfinfo: 27); a text export has no pages, a dash rather than the grid's "None"
    assert by_label(table, "江苏省高级人民法院 · 2017年部门预算")["pages"] == "27"
    assert by_label(table, "武汉市洪山区科学技术和经济信息化局 · 2023年部门预算")["pages"] == "—"


def test_library_filters_are_kept_in_the_link():
    app = open_page("pages/library.py", years="2017")
    table = grid(app)
    assert sorted(table["label"]) == [
        "中国共产党江苏省委员会办公厅 · 2017年部门预算",  # its 表's 部门 line; the 说明's cover: 江苏省委办公厅 2017
        "江苏省人民检察院 · 2017年部门预算",
        "江苏省高级人民法院 · 2017年部门预算",
    ]
    assert app.query_params["years"] == "2017"
    # the chart's caption and text alternative follow the filter (made once per filter, components/library_pages.py)
    assert "按支出合计从大到小，显示前 3 份（共 3 份）；颜色表示文件类型。金额单位：万元。" in texts(app)
    summary = summaries(app)[0]
    assert summary.startswith("**图表说明**：3 份文件中，最大的是江苏省高级人民法院 · 2017年部门预算（28,849.38 万元）")
    assert summary.endswith("最小的是江苏省人民检察院 · 2017年部门预算（17,996.68 万元）。")
    shanghai = grid(open_page("pages/library.py", region="上海市普陀区"))
    assert len(shanghai) == 5
    finals = grid(open_page("pages/library.py", stages="决算"))  # 预算 or 决算, kept in the link like the others
    assert sorted(finals["label"]) == [
        "上海市普陀区规划和自然资源局 · 2024年部门决算",
        "上海市普陀区财政局 · 2024年部门决算",
    ]
    assert set(grid(open_page("pages/library.py", stages="预算"))["stage"]) == {"预算"}
    assert "没有符合这些条件的文件" in texts(open_page("pages/library.py", region="上海市普陀区", years="2017"))
    notice = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)  # the library is the first page run
    notice.query_params["years"] = "1999"
    notice.run()
    assert "不是有效的选项" in texts(notice) and len(grid(notice)) == 11


def test_every_library_filter_narrows_the_documents():
    """Each filter keeps the documents that match it, and filters combine: the one 单位预算 (its title says 单位)."""
    catalogue = lq.with_labels(pl.read_parquet(SNAPSHOTS / "catalogue.parquet"))
    unit_budget = lq.filtered(catalogue, kinds=("单位预算",))
    assert unit_budget["doc_id"].to_list() == ["shanghai_shi_caizhengju_2025_danwei_yusuan"]
    assert set(lq.filtered(catalogue, stages=("决算",))["kind"]) == {"部门决算"}
    # a region holds its districts: 上海市's 2025 部门预算 is 普陀区财政局's (上海市财政局's is a 单位预算)
    assert lq.filtered(catalogue, regions=("上海市",), years=(2025,), kinds=("部门预算",))["doc_id"].to_list() == [
        "shanghai_putuo_caizhengju_2025_bumen_yusuan"
    ]
    assert set(lq.filtered(catalogue, regions=("上海市",), stages=("决算",))["region"]) == {"上海市普陀区"}
    assert lq.filtered(catalogue, regions=("上海市普陀区",), years=(2025,), kinds=("单位预算",)).is_empty()
    assert lq.filtered(catalogue, regions=("江苏省",), years=(2018,))["doc_id"].to_list() == [
        "jiangsu_jianchayuan_2018_bumen_yusuan"
    ]


def test_library_totals_chart_names_each_document():
    rows = lq.filtered(lq.with_labels(pl.read_parquet(SNAPSHOTS / "catalogue.parquet")))
    figure = library_figures.totals_figure(rows, 3)
    bars = [(label, x) for trace in figure.data for label, x in zip(trace.customdata, trace.x, strict=True)]
    assert bars == [
        ("江苏省高级人民法院 · 2017年部门预算", 28849.38),
        ("江苏省人民检察院 · 2018年部门预算", 21955.35),
        ("武汉市洪山区科学技术和经济信息化局 · 2023年部门预算", 21225.47),
    ]


def test_compare_one_year_side_by_side():
    app = open_page("pages/compare.py", year="2017")
    assert not app.error
    table = grid(app)
    assert by_label(table, "江苏省高级人民法院")["total_wan"] == pytest.approx(28849.38)
    row = by_label(table, "江苏省人民检察院")
    assert (row["total_wan"], row["basic_wan"], row["project_wan"]) == pytest.approx((17996.68, 12323.48, 5533.0))
    assert "2017 年 · 3 份文件" in texts(app)
    assert summaries(app) == [  # 省委办公厅's 支出预算总表 (p3 of its 表 file): 合计 20,849.45
        "**图表说明**：3 份文件的支出合计中，最大的是江苏省高级人民法院 · 2017年部门预算（28,849.38 万元），"
        "其次是中国共产党江苏省委员会办公厅 · 2017年部门预算（20,849.45 万元）；"
        "最小的是江苏省人民检察院 · 2017年部门预算（17,996.68 万元）。"
    ]
    assert app.query_params["year"] == "2017"
    # each total's row prints a fourth amount beside 基本 and 项目 (法院 p13: 单位预留机动经费 182.92; 检察院 p11:
    # 140.20; 省委办公厅's 表 file p3: 196.72): said under the bars that draw only the two
    assert (
        "支出合计除基本支出和项目支出外，还包括江苏省高级人民法院 · 2017年部门预算的单位预留机动经费 182.92 万元；"
        "中国共产党江苏省委员会办公厅 · 2017年部门预算的单位预留机动经费 196.72 万元；"
        "江苏省人民检察院 · 2017年部门预算的单位预留机动经费 140.20 万元。"
    ) in texts(app)


def test_compare_three_public_and_per_staff():
    app = open_page("pages/compare.py", year="2023", view="three_public", set="all")
    table = grid(app)
    hongshan = by_label(table, "武汉市洪山区")
    # line 89: 在职实有人数 34 人，其中：行政编制 19 人，事业编制 15 人 (the parts are not more people)
    assert (hongshan["three_public_wan"], hongshan["staff"]) == pytest.approx((4.40, 34))
    assert hongshan["three_public_per_staff_wan"] == pytest.approx(0.1294)  # 4.40 / 34, exact to 4 places
    wanli = by_label(table, WANLI)  # lists no staff: no figure, which the grid shows as —, not Streamlit's None
    assert wanli["three_public_wan"] == pytest.approx(22.91)
    assert math.isnan(wanli["staff"]) and math.isnan(wanli["three_public_per_staff_wan"])
    assert app.dataframe[0].proto.placeholder == "—"
    assert "1 份文件没有列出在职人数，不计算人均" in texts(app)


def test_compare_function_mix_with_its_table():
    app = open_page("pages/compare.py", year="2017", view="function")
    table = grid(app)
    court = table[table["label"].str.startswith("江苏省高级人民法院")]
    assert list(court["code"]) == ["204", "208", "221"]
    assert list(court["share_pct"]) == pytest.approx([81.50, 8.14, 10.36])  # 23,513.11 of 28,849.38
    assert set(table["scope_zh"]) == {"一般公共预算"}
    assert summaries(app) == [  # 省委办公厅 (p8 of its 表 file): 201 一般公共服务支出 16,845.17 of 20,702.25
        "**图表说明**：3 份文件中，2 份占比最大的一类是公共安全支出，1 份是一般公共服务支出；"
        "占比最高的是江苏省高级人民法院 · 2017年部门预算的公共安全支出（81.50%，23,513.11 万元）。"
    ]
    assert app.get("plotly_chart")


def test_compare_marks_mixed_kinds():
    catalogue = lq.with_labels(pl.read_parquet(SNAPSHOTS / "catalogue.parquet"))
    # the library holds budgets and final accounts, and 上海市财政局's 单位预算
    assert lq.kinds_mixed(catalogue) == ["单位预算", "部门决算", "部门预算"]
    assert lq.kinds_mixed(catalogue.filter(pl.col("stage") == "预算")) == ["单位预算", "部门预算"]
    catalogue = catalogue.filter(pl.col("kind") == "部门预算")
    assert lq.kinds_mixed(catalogue) == []
    mixed = catalogue.with_columns(
        kind=pl.when(pl.col("doc_id") == JIANGSU_2017).then(pl.lit("单位预算")).otherwise("kind")
    )
    assert lq.kinds_mixed(lq.comparison(mixed, [JIANGSU_2017, JIANGSU_2018])) == ["单位预算", "部门预算"]


def test_department_across_its_documents():
    app = open_page("pages/department.py", dept=WANLI)
    assert not app.error
    totals, functions, three_public = grid(app, 0), grid(app, 1), grid(app, 2)
    assert list(totals["total_wan"]) == pytest.approx([16497.864, 15621.1123])
    assert list(totals["document"]) == ["2023年部门预算", "2024年部门预算 ⚠"]  # the department is the page's
    row = three_public[three_public["项目"] == "“三公”经费"].iloc[0]
    assert (row["2023年部门预算"], row["2024年部门预算"]) == ("22.91", "47.91")
    education = functions[functions["类"] == "205"].iloc[0]  # printed in 2024 only: "—" in 2023, not 0
    assert (education["2023年部门预算"], education["2024年部门预算"]) == ("—", "25.00")
    assert functions[functions["类"] == "212"].iloc[0]["2024年部门预算"] == "11,938.5303"  # exact, from 元
    assert f"2023年部门预算 = {WANLI} · 2023年部门预算" in texts(app)
    # its 三公 table prints 47.91 (p31) under a note that says the department has no 三公 spending: not a total ⚠,
    # but the figure is named under the table all the same
    assert (
        f"⚠ {WANLI} · 2024年部门预算：“三公”经费 47.91 万元（未通过核对：表下注明本表为空（或无此类预算）的表，"
        "不列出非零金额）。这些数字参与了文件自己没有通过的核对，详见该文件的“数据核对”。"
    ) in texts(app)


def test_department_defaults_to_the_selected_document():
    app = open_page("pages/department.py", doc=JIANGSU_2018)
    assert app.selectbox(key="dept").value == "江苏省人民检察院"
    totals, _, three_public = summaries(app)
    assert totals == (
        "**图表说明**：支出合计从2017年部门预算的 17,996.68 万元增加到2018年部门预算的 21,955.35 万元，"
        "增加 3,958.67 万元（+22.00%）。"
    )
    assert three_public == (
        "**图表说明**：“三公”经费从2017年部门预算的 584.35 万元减少到2018年部门预算的 484.30 万元，"
        "减少 100.05 万元（−17.12%）。"
    )
    assert "不一致 3 项" in " ".join(s.value for s in app.header)  # the three of the checks page, below


def test_codes_renamed_or_renumbered_are_flagged_not_merged():
    rows = pl.DataFrame(
        {
            "doc_id": ["a", "a", "b", "b"],
            "code": ["201", "204", "201", "205"],
            "name": ["一般公共服务支出", "公共安全支出", "一般公共服务", "公共安全支出"],
        }
    )
    flagged = {(r["doc_id"], r["code"]): lq.code_flag_text(r) for r in lq.code_changes(rows).to_dicts()}
    assert flagged[("a", "201")] == flagged[("b", "201")] == "同一编码在别的年份名称不同"
    assert flagged[("a", "204")] == "同一名称在别的年份编码不同（204、205）"
    assert len(flagged) == 4  # every printed row stays a row


def test_checks_page_shows_the_disagreement_between_documents():
    app = open_page("pages/checks.py", doc=JIANGSU_2018)
    # 12 statements: p23's 收入、支出预算总计…各增加3,958.67万元 (agreeing with 2017's 17,996.68, p10) is the 12th
    assert "与同一部门其他年度文件的核对（不一致 3 项，共 12 项）" in [s.value for s in app.header]
    shown = texts(app).replace("**", "")
    assert "江苏省人民检察院 · 2018年部门预算（第 28 页）所说的上一年数字为 17,981.98 万元" in shown
    assert "江苏省人民检察院 · 2017年部门预算（第 12 页）自己的数字为 17,981.68 万元" in shown
    # 2018 p28–29: 因公出国（境）费预算支出 100 万元，与上年预算数相等; 2017's 三公 table (p16) prints 110.00
    assert "江苏省人民检察院 · 2018年部门预算（第 28 页）所说的上一年数字为 100.00 万元" in shown
    assert "江苏省人民检察院 · 2017年部门预算（第 16 页）自己的数字为 110.00 万元，相差 +10.00 万元" in shown
    # 2018 p24: 基本支出预算数为 13,994.31 万元，与上年相比增加 1,670.85 万元 (so 12,323.46); 2017's 收支预算总表 (p10)
    # prints 基本支出 12,323.48
    assert "江苏省人民检察院 · 2018年部门预算（第 24 页）所说的上一年数字为 12,323.46 万元" in shown
    assert "江苏省人民检察院 · 2017年部门预算（第 10 页）自己的数字为 12,323.48 万元，相差 +0.02 万元" in shown
    earlier = open_page("pages/checks.py", doc=JIANGSU_2017)  # the earlier document shows them too
    assert "不一致 3 项" in " ".join(s.value for s in earlier.header)


def test_changes_on_a_pdf_compares_with_the_departments_other_documents():
    app = open_page("pages/changes.py", doc=WANLI_2024, view="library")
    assert not app.error
    totals, three_public = grid(app, 0), grid(app, 2)
    assert list(totals["three_public_wan"]) == pytest.approx([22.91, 47.91])
    assert list(three_public.columns)[1:] == ["2023年部门预算", "2024年部门预算"]
    assert "当前文件：2024年部门预算" in texts(app)
    alone = texts(open_page("pages/changes.py", doc=GUIHUA_2024))
    assert "文件库中还没有本部门其他年度的文件" in alone


def test_department_budget_and_final_of_different_years_in_one_series():
    """财政局: its 2024 决算 and its 2025 预算, not a pair: both in the series, each labelled by its stage."""
    app = open_page("pages/department.py", dept=CAIZHENG)
    assert not app.error
    totals = grid(app, 0)
    # ⚠: the 决算's own check disputes its 合计 (p10 prints 2,940.05 and 2,336.91; its 类 rows on p10–11 add to
    # 2,940.06 and 2,336.92), as its 概览 marks it
    assert list(totals["document"]) == ["2024年部门决算 ⚠", "2025年部门预算"]
    # 支出决算表 合计 2,940.05 万元 (page 10); 部门支出预算总表 合计 31,214,205.80 元 (page 13)
    assert list(totals["total_wan"]) == pytest.approx([2940.05, 3121.420580])
    shown = texts(app)
    assert (
        f"⚠ {CAIZHENG} · 2024年部门决算：支出合计 2,940.05 万元（与各类之和 2,940.06 万元相差 0.01 万元）、"
        "基本支出 2,336.91 万元（与各类之和 2,336.92 万元相差 0.01 万元）。"
        "这些数字参与了文件自己没有通过的核对，详见该文件的“数据核对”。"
    ) in shown
    assert "既有预算（计划支出，预算数）又有决算（实际支出，决算数）" in shown
    assert "本部门的预算和决算不是同一年度的" in shown
    # the 决算's 年初预算 cannot be held against a 2024 预算: said so, not listed as a year-over-year check
    assert f"{CAIZHENG} · 2024年部门决算所列的年初预算无法与预算文件核对：文件库中没有本部门 2024 年的预算。" in shown
    assert not [s.value for s in app.header if "预算与决算" in s.value]


def paired_library(tmp_path, *, kind: str = "部门预算"):
    """A copy of the library in which 财政局's 预算 is of the 决算's year (2024), so the two make a pair, with one
    check between them that disagrees."""
    copy = tmp_path / "snapshots"
    shutil.copytree(SNAPSHOTS, copy)
    catalogue = pl.read_parquet(copy / "catalogue.parquet")
    budget = pl.col("doc_id") == CAIZHENG_BUDGET
    catalogue.with_columns(
        budget_year=pl.when(budget).then(pl.lit(2024, pl.Int16)).otherwise("budget_year"),
        kind=pl.when(budget).then(pl.lit(kind)).otherwise("kind"),
    ).write_parquet(copy / "catalogue.parquet")
    checks = pl.read_parquet(copy / "cross_checks.parquet")
    row = {c: None for c in checks.columns} | {
        "rule_id": "test.budget_against_final",
        "instance": f"{CAIZHENG_FINAL} 一般公共预算财政拨款支出年初预算",
        "status": "fail",
        "expected_label": "决算所列年初预算",
        "expected": D("2993.92"),
        "actual_label": "预算文件的一般公共预算支出",
        "actual": D("3121.42"),
        "difference": D("127.50"),
        "unit": "万元",
        "expected_doc": CAIZHENG_FINAL,
        "actual_doc": CAIZHENG_BUDGET,
        "expected_page": 21,
        "actual_page": 13,
    }
    pl.concat([checks, pl.DataFrame([row], schema=checks.schema)]).write_parquet(copy / "cross_checks.parquet")
    return copy


def test_department_budget_and_final_of_one_year_side_by_side(tmp_path, monkeypatch):
    from components import data, library

    monkeypatch.setattr(data, "SNAPSHOTS", paired_library(tmp_path))
    library.forget()
    app = open_page("pages/department.py", dept=CAIZHENG)
    assert not app.error, [e.value for e in app.error]
    assert "2024 年：预算与决算" in [s.value for s in app.header]
    pair = grid(app, 0).set_index("item")
    # 预算数 31,214,205.80 元 (预算 page 13) against 决算数 2,940.05 万元 (决算 page 10)
    # 31,214,205.80 元 exact, no zero padded on (it read 3,121.420580 and −181.370580)
    assert pair.loc["支出合计", "budget_wan"] == "3,121.42058"
    assert pair.loc["支出合计", "actual_wan"] == "2,940.05"
    assert pair.loc["支出合计", "difference_wan"] == "−181.37058"
    assert pair.loc["支出合计", "rate_pct"] == "94.19%"  # 2,940.05 ÷ 3,121.42058
    shown = texts(app).replace("**", "")
    assert "两份文件之间的核对：不一致" in shown
    assert f"决算所列年初预算：2,993.92 万元（{CAIZHENG} · 2024年部门决算，第 21 页）" in shown
    assert "口径不同" not in shown
    library.forget()


def test_department_pair_says_when_scopes_differ(tmp_path, monkeypatch):
    from components import data, library

    monkeypatch.setattr(data, "SNAPSHOTS", paired_library(tmp_path, kind="单位预算"))
    library.forget()
    shown = texts(open_page("pages/department.py", dept=CAIZHENG))
    assert "两份文件的口径不同：预算是单位的文件，决算是部门的文件。" in shown
    library.forget()


def test_library_pages_open_no_snapshot(monkeypatch):
    """The library pages read the catalogue and the library files only: a page that loaded a snapshot fails."""
    from components import data

    def refuse(*args, **kwargs):
        raise AssertionError("a library page loaded a snapshot")

    monkeypatch.setattr(data, "load_snapshot", refuse)
    data.forget()
    for page, params in (
        ("pages/library.py", {}),
        ("pages/compare.py", {"year": "2017", "view": "function"}),
        ("pages/department.py", {"dept": WANLI}),
    ):
        app = open_page(page, **params)
        assert not app.error, [e.value for e in app.error]
    data.forget()


def test_document_list_comes_from_the_catalogue(tmp_path, monkeypatch):
    """With a catalogue, the selector's labels come from it (no manifest read per document); a folder the
    catalogue does not list is still listed, from its manifest."""
    from components import data

    copy = tmp_path / "snapshots"
    shutil.copytree(SNAPSHOTS, copy)
    shutil.copytree(SNAPSHOTS / JIANGSU_2018, copy / "newer_copy")
    monkeypatch.setattr(data, "SNAPSHOTS", copy)
    reads = []
    original = data.read_manifest
    monkeypatch.setattr(data, "read_manifest", lambda folder: reads.append(folder.name) or original(folder))
    labels = {c.doc_id: c.label for c in data.documents()}
    assert reads == ["newer_copy"]
    assert labels[JIANGSU_2017] == "2017年预算 · 江苏省人民检察院"
    assert labels["newer_copy"] == "2018年预算 · 江苏省人民检察院（newer_copy）"
    assert labels[JIANGSU_2018] == f"2018年预算 · 江苏省人民检察院（{JIANGSU_2018}）"
    assert len(labels) == 12  # the library's eleven and the copy
    assert labels["shanghai_putuo_caizhengju_2024_bumen_juesuan"] == "2024年决算 · 上海市普陀区财政局"


def test_money_stays_exact_in_the_queries():
    catalogue = pl.read_parquet(SNAPSHOTS / "catalogue.parquet")
    row = lq.comparison(catalogue, [WANLI_2024]).row(0, named=True)
    assert row["total_wan"] == D("15621.112300")
    assert row["three_public_per_staff_wan"] is None  # no staffing printed: no per-head figure


def test_compare_says_when_budgets_and_final_accounts_are_mixed():
    shown = texts(open_page("pages/compare.py", year="2024", set="all"))
    assert "所选文件中既有预算（计划支出，预算数）又有决算（实际支出，决算数）" in shown
    assert "所选文件中既有" not in texts(open_page("pages/compare.py", year="2017"))


def test_library_grids_round_half_up_where_they_say_they_round():
    # 上海市普陀区财政局 2025 p13 prints 基本支出 25,121,091.00 元 = 2,512.1091 万元; the grid says it rounds to
    # 0.01 万元: 2,512.11 (cut to the grid's two places it read 2,512.10)
    table = grid(open_page("pages/library.py"))
    basic = by_label(table, "上海市普陀区财政局 · 2025年部门预算")["basic_wan"]
    assert str(basic) == "2512.11"
    total = by_label(table, "上海市财政局 · 2025年单位预算")["total_wan"]
    assert str(total) == "17191.52"  # p11: 合计 171,915,169 元


def test_department_three_public_caption_says_what_a_dash_means():
    # 万里街道: two budgets, no 决算 column to explain; 普陀区财政局: its 2024 决算's 三公 table (p18) leaves the
    # 决算数 blank and its text states the amounts (p23), so a dash is the table's, not the document's silence
    budgets = texts(open_page("pages/department.py", dept=WANLI))
    assert "“—”表示该文件的“三公”经费表没有这一项（文字说明中另有所述的，见该文件的“三公”经费页）" in budgets
    assert "决算的一列是决算数" not in budgets
    caizheng = texts(open_page("pages/department.py", dept=CAIZHENG))
    assert "金额单位：万元；决算的一列是决算数。“—”表示" in caizheng
    # the chart's sentence: the blank 决算数 is no figure, and not "not listed"; the budget's 3,121.42058 to 0.01
    assert "2024年部门决算的“三公”经费在表中没有金额。2025年部门预算的“三公”经费 0.95 万元。" in caizheng
    assert "2024年部门决算的支出合计 2,940.05 万元。2025年部门预算的支出合计 3,121.42 万元。" in caizheng


def test_compare_names_a_disputed_figure_under_the_table_that_shows_it():
    """洪山 line 246: its 合计 row prints 基本支出 1,349.59 beside 人员经费 1,190.47 and 公用经费 159.11 (1,349.58):
    概览 marks 1,349.59 ⚠, and so does 部门对比 under its totals, not under its 三公 table."""
    app = open_page("pages/compare.py", year="2023", set="all")
    table = grid(app)
    assert "武汉市洪山区科学技术和经济信息化局 · 2023年部门预算 ⚠" in list(table["label"])
    said = (
        "⚠ 武汉市洪山区科学技术和经济信息化局 · 2023年部门预算：基本支出 1,349.59 万元（与合计行的人员经费 + 公用经费 "
        "1,349.58 万元相差 0.01 万元）。"
    )
    assert said in texts(app)
    three_public = texts(open_page("pages/compare.py", year="2023", set="all", view="three_public"))
    assert said not in three_public and "47.91" not in three_public  # 万里 2024 is of another year


def test_compare_marks_a_document_only_on_the_tab_showing_its_disputed_figure():
    """财政局 2024 决算's disputed figures are its 支出合计 and 基本支出 (p10); 万里街道 2024's is its 三公 47.91
    (p31): each label carries ⚠ on the tab that shows that figure, not on the other."""
    totals = grid(open_page("pages/compare.py", year="2024", set="all"))
    three_public = grid(open_page("pages/compare.py", year="2024", set="all", view="three_public"))
    assert f"{CAIZHENG} · 2024年部门决算 ⚠" in list(totals["label"])
    assert f"{WANLI} · 2024年部门预算" in list(totals["label"])
    assert f"{WANLI} · 2024年部门预算 ⚠" in list(three_public["label"])
    assert f"{CAIZHENG} · 2024年部门决算" in list(three_public["label"])
