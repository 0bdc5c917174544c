"""The library pages (文件库, 部门对比, 跨年度) and the library parts of 年度对比 and 数据核对, on the shipped
library of seven documents: the values are the catalogue's, read off the documents' own pages."""

from __future__ import annotations

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


def grid(app: AppTest, index: int = 0):
    return app.dataframe[index].value


def by_label(frame, label: str) -> dict:
    return frame[frame.iloc[:, 0].astype(str).str.startswith(label)].iloc[0].to_dict()


def test_the_library_is_the_default_page():
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    assert not app.exception
    assert [t.value for t in app.title] == ["文件库"]
    assert "文件库共 7 份部门预算公开文件" in texts(app)


def test_library_lists_every_document_with_its_totals():
    app = open_page("pages/library.py")
    assert not app.error
    table = grid(app)
    assert len(table) == 7
    assert by_label(table, "江苏省人民检察院 · 2018年部门预算")["total_wan"] == pytest.approx(21955.35)
    assert by_label(table, "江苏省人民检察院 · 2017年部门预算")["total_wan"] == pytest.approx(17996.68)
    assert by_label(table, f"{WANLI} · 2024年部门预算")["three_public_wan"] == pytest.approx(47.91)
    assert table["label"].iloc[0] == "江苏省高级人民法院 · 2017年部门预算"  # largest total first: 28,849.38
    assert [s.value for s in app.subheader][:1] == ["7 份文件"]


def test_library_filters_are_kept_in_the_link():
    app = open_page("pages/library.py", years="2017")
    table = grid(app)
    assert sorted(table["label"]) == ["江苏省人民检察院 · 2017年部门预算", "江苏省高级人民法院 · 2017年部门预算"]
    assert app.query_params["years"] == "2017"
    shanghai = grid(open_page("pages/library.py", region="上海市普陀区"))
    assert len(shanghai) == 3
    assert "没有符合这些条件的文件" in texts(open_page("pages/library.py", region="上海市普陀区", years="2017"))
    notice = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)  # the library is the first page run
    notice.query_params["years"] = "1999"
    notice.run()
    assert "不是有效的选项" in texts(notice) and len(grid(notice)) == 7


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
    assert "2017 年 · 2 份文件" in texts(app)
    assert summaries(app) == [
        "**图表说明**：2 份文件的支出合计中，最大的是江苏省高级人民法院 · 2017年部门预算（28,849.38 万元）；"
        "最小的是江苏省人民检察院 · 2017年部门预算（17,996.68 万元）。"
    ]
    assert app.query_params["year"] == "2017"


def test_compare_three_public_and_per_staff():
    app = open_page("pages/compare.py", year="2023", view="three_public", set="all")
    table = grid(app)
    hongshan = by_label(table, "武汉市洪山区")
    assert (hongshan["three_public_wan"], hongshan["staff"]) == pytest.approx((4.40, 68))
    assert hongshan["three_public_per_staff_wan"] == pytest.approx(0.0647)  # 4.40 / 68, exact to 4 places
    assert by_label(table, WANLI)["three_public_wan"] == pytest.approx(22.91)
    assert "1 份文件没有列出在职人数，不计算人均" in texts(app)


def test_compare_function_mix_with_its_table():
    app = open_page("pages/compare.py", year="2017", view="function")
    table = grid(app)
    court = table[table["label"].str.startswith("江苏省高级人民法院")]
    assert list(court["code"]) == ["204", "208", "221"]
    assert list(court["share_pct"]) == pytest.approx([81.50, 8.14, 10.36])  # 23,513.11 of 28,849.38
    assert set(table["scope_zh"]) == {"一般公共预算"}
    assert summaries(app) == [
        "**图表说明**：2 份文件中，占比最大的一类是公共安全支出的 2 份；"
        "占比最高的是江苏省高级人民法院 · 2017年部门预算的公共安全支出（81.50%，23,513.11 万元）。"
    ]
    assert app.get("plotly_chart")


def test_compare_marks_mixed_kinds():
    catalogue = lq.with_labels(pl.read_parquet(SNAPSHOTS / "catalogue.parquet"))
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
    assert list(totals["label"]) == [f"{WANLI} · 2023年部门预算", f"{WANLI} · 2024年部门预算"]
    row = three_public[three_public["项目"] == "“三公”经费"].iloc[0]
    assert (row["2023年部门预算"], row["2024年部门预算"]) == ("22.91", "47.91")
    education = functions[functions["类"] == "205"].iloc[0]  # printed in 2024 only: "—" in 2023, not 0
    assert (education["2023年部门预算"], education["2024年部门预算"]) == ("—", "25.00")
    assert functions[functions["类"] == "212"].iloc[0]["2024年部门预算"] == "11,938.5303"  # exact, from 元
    assert f"2023年部门预算 = {WANLI} · 2023年部门预算" in texts(app)


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
    assert "不一致 1 项" in " ".join(s.value for s in app.subheader)


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
    assert "与同一部门其他年度文件的核对（不一致 1 项，共 6 项）" in [s.value for s in app.subheader]
    shown = texts(app)
    assert "江苏省人民检察院 · 2018年部门预算（第 28 页）所说的上一年数字为 17,981.98 万元" in shown.replace("**", "")
    assert "江苏省人民检察院 · 2017年部门预算（第 12 页）自己的数字为 17,981.68 万元" in shown.replace("**", "")
    earlier = open_page("pages/checks.py", doc=JIANGSU_2017)  # the earlier document shows it too
    assert "不一致 1 项" in " ".join(s.value for s in earlier.subheader)


def test_changes_on_a_pdf_compares_with_the_departments_other_documents():
    app = open_page("pages/changes.py", doc=WANLI_2024)
    assert not app.error
    totals, three_public = grid(app, 0), grid(app, 2)
    assert list(totals["three_public_wan"]) == pytest.approx([22.91, 47.91])
    assert list(three_public.columns)[1:] == ["2023年部门预算", "2024年部门预算"]
    assert "当前文件：2024年部门预算" in texts(app)
    alone = texts(open_page("pages/changes.py", doc="shanghai_putuo_caizhengju_2025_bumen_yusuan"))
    assert "文件库中还没有本部门其他年度的文件" in alone


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
    assert labels[JIANGSU_2017] == "江苏省人民检察院 · 2017年"
    assert labels["newer_copy"] == "江苏省人民检察院 · 2018年（newer_copy）"
    assert labels[JIANGSU_2018] == f"江苏省人民检察院 · 2018年（{JIANGSU_2018}）"
    assert len(labels) == 8


def test_money_stays_exact_in_the_queries():
    catalogue = pl.read_parquet(SNAPSHOTS / "catalogue.parquet")
    row = lq.comparison(catalogue, [WANLI_2024]).row(0, named=True)
    assert row["total_wan"] == D("15621.112300")
    assert row["three_public_per_staff_wan"] is None  # no staffing printed: no per-head figure
