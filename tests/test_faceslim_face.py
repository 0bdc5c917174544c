"""Behaviour that faceslim's simplifications keep and no other test pinned."""

from __future__ import annotations

import pytest

from tests.test_app import open_page

CAIZHENG_FINAL = "shanghai_putuo_caizhengju_2024_bumen_juesuan"


def test_the_full_listing_says_each_instance_column_tag_in_chinese():
    # p10 支出决算表: the check of 201 一般公共服务支出 names its column [total]; the listing reads it [合计]
    app = open_page("pages/checks.py", doc=CAIZHENG_FINAL, view="all")
    table = next(t for t in app.dataframe if "instance_zh" in t.value.columns).value
    said = set(table["instance_zh"])
    assert "支出决算表 201 一般公共服务支出 [合计]" in said
    assert not [text for text in said if "[total]" in text or "[basic]" in text or "[project]" in text]


def test_a_disputed_headline_links_to_the_checks_that_cite_its_line_or_to_every_failure():
    def link(doc: str) -> str:
        app = open_page("pages/overview.py", doc=doc)
        (found,) = [e.proto for e in app.get("page_link") if e.proto.label == "标 ⚠ 的数字有对不上的地方：查看核对"]
        return f"{found.page}?{found.query_string}"

    # the text export's disputed headline is read from line 246: the link opens the checks citing that line
    assert link("hongshan_kejingju_2023") == "checks?doc=hongshan_kejingju_2023&line=246"
    # 财政局 2024 决算 p10: a cell of a page has no line, so the link opens every failing check
    assert link(CAIZHENG_FINAL) == f"checks?doc={CAIZHENG_FINAL}&status=fail"


def test_the_library_pages_say_when_the_library_has_no_catalogue(monkeypatch):
    from components import library

    monkeypatch.setattr(library, "catalogue", lambda: None)
    for page, after in (
        ("pages/library.py", "，这里列出每一份文件"),
        ("pages/compare.py", "即可比较"),
        ("pages/department.py", "即可比较"),
    ):
        app = open_page(page)
        assert [i.value for i in app.info] == [
            f"文件库还没有目录：运行一次文件夹导入（python -m budgetlens ingest data/raw/）后{after}。"
        ], page
        widgets = [w.key for kind in ("selectbox", "multiselect", "dataframe") for w in app.get(kind)]
        assert widgets == ["doc"] and not app.error, page  # it stops there: only the sidebar's document selector


def test_the_waterfall_axis_reaches_past_the_highest_running_total():
    from decimal import Decimal

    import polars as pl

    from components import figures

    # 100 → +30 → +20 → −120: the running total peaks at 150 between the start and the end
    lines = pl.DataFrame({"item": ["甲", "乙", "丙"], "change_wan": [Decimal(30), Decimal(20), Decimal(-120)]})
    figure = figures.waterfall_figure(lines, start_label="上年", start=Decimal(100), end_label="本年", end=Decimal(30))
    assert tuple(figure.layout.xaxis.range) == pytest.approx((0, 150 * 1.05))
    falling = figures.waterfall_figure(
        lines[2:], start_label="上年", start=Decimal(100), end_label="本年", end=Decimal(-20)
    )
    assert tuple(falling.layout.xaxis.range) == pytest.approx((0, 100 * 1.05))  # the start is the top


def test_the_slope_hover_says_which_earlier_amounts_the_form_calls_allocated():
    import polars as pl

    from components import figures

    history = pl.DataFrame(
        {
            "project_key": ["p1"],
            "project_name": ["某项目"],
            "prior_years_status": ["stated"],
            "amount_2021_wan": [1.0],
            "amount_2022_wan": [2.0],
            "amount_2023_wan": [3.0],
            "budget_2021_wording": ["下达"],
            "budget_2022_wording": ["预算"],
            "budget_2023_wording": ["下达"],  # the budget year's own amount is always its 预算
        }
    )
    (trace,) = figures.slope_figure(history).data
    assert [said for _, said, _ in trace.customdata] == ["下达", "预算", "预算"]


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        # 2022 compared: every amount column a number
        (
            "hongshan_kejingju_2023",
            {"金额": ("2023（万元）", "number"), "上年（推算）": ("2022（推算）（万元）", "number")},
        ),
        # a blank amount cell makes 金额 text with "—"; p25's 持平 items are compared with 2016, the others not
        (
            "jiangsu_gaoji_fayuan_2017_bumen_yusuan",
            {"金额": ("2017（万元）", "text"), "增减": ("比 2016 年（万元）", "text")},
        ),
        # an item without a stated change: 增减 and 上年（推算） text with "—"
        (
            "jiangsu_jianchayuan_2017_bumen_yusuan",
            {"增减": ("比 2016 年（万元）", "text"), "上年（推算）": ("2016（推算）（万元）", "text")},
        ),
    ],
)
def test_the_three_public_grid_heads_each_amount_column_and_shows_a_gap_as_text(doc, expected):
    import json

    app = open_page("pages/three_public.py", doc=doc)
    (grid,) = [t for t in app.dataframe if "项目" in t.value.columns and "金额" in t.value.columns]
    config = json.loads(grid.proto.columns)
    assert {c: (config[c]["label"], config[c]["type_config"]["type"]) for c in expected} == expected
