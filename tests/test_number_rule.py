"""One rule for numbers on every page and in the brief (budgetlens/formatting.py): an amount shows every digit the
document printed and no other, a rate we compute two decimals, a rate the document states as printed, a decrease
with a true minus. Values read off the rendered PDF pages (`pdftoppm -r 100`, page numbers as a PDF viewer counts)."""

from __future__ import annotations

from decimal import Decimal as D

import polars as pl

from budgetlens import brief_content, formatting
from budgetlens.store import load_snapshot
from components import figures, library_figures, ui
from tests.conftest import ROOT, SNAPSHOTS
from tests.test_app import open_page, texts
from tests.test_app_pdf import metrics

WANLI_2024 = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"
CAIZHENG_2025 = "shanghai_putuo_caizhengju_2025_bumen_yusuan"
CAIZHENG_FINAL = "shanghai_putuo_caizhengju_2024_bumen_juesuan"
JIANGSU_2018 = "jiangsu_jianchayuan_2018_bumen_yusuan"


def test_an_amount_keeps_every_printed_digit_and_invents_none():
    # 万里街道 2024 p20 prints 99,706,020 元 (9,970.6020 万元: its last 0 is printed); 21,955.35 万元 (检察院 p15)
    assert formatting.printed_places("99,706,020", "元") == 4
    assert formatting.exact_amount(D("9970.602000"), formatting.printed_places("99,706,020", "元")) == "9,970.6020"
    assert formatting.exact_amount(D("21955.350000"), formatting.printed_places("21,955.35", "万元")) == "21,955.35"
    # 财政局 2025 p13 prints 31,214,205.80 元: six decimals of 万元, none dropped, none added
    assert formatting.printed_places("31,214,205.80", "元") == 6
    assert formatting.exact_amount(D("3121.420580"), 6) == "3,121.420580"
    # without its printed text, an amount shows the digits it holds, at least two, never rounded
    assert formatting.exact_amount(D("15621.112300")) == "15,621.1123"
    assert formatting.exact_amount(D("-5000")) == "\u22125,000.00"
    assert formatting.signed_amount(D("3958.67")) == "+3,958.67"
    assert formatting.signed_amount(D("-876.7517")) == "\u2212876.7517"
    # a rate we compute: two places (98.2007 → 98.20%); a chart's bar label: 0.01 万元
    assert formatting.rate(D("98.2007")) == "98.20%"
    assert formatting.chart_amount(D("3121.420580")) == "3,121.42"


def test_kpis_show_the_exact_amount_without_padding_zeros():
    wanli = metrics(open_page("pages/overview.py", doc=WANLI_2024))
    # p20: 合计 156,211,123 | 99,706,020 | 56,505,103 元
    assert wanli["预算总额（万元）"] == "15,621.1123"
    assert wanli["基本支出（万元）"] == "9,970.602"  # the exact value; the printed text is in the help (99,706,020 元)
    assert wanli["项目支出（万元）"] == "5,650.5103"
    caizheng = open_page("pages/overview.py", doc=CAIZHENG_2025)
    # p13: 合计 31,214,205.80 | 25,121,091.00 | 6,093,114.80 元: the 分's zeros are not padded onto 万元
    assert metrics(caizheng)["预算总额（万元）"] == "3,121.42058"  # was 3,121.420580
    assert metrics(caizheng)["基本支出（万元）"] == "2,512.1091"  # was 2,512.109100
    assert "2025 年预算总额 3,121.42058 万元（2025年部门支出预算总表 第 13 页，原文 31,214,205.80 元）" in texts(
        caizheng
    ).replace("**", "")


def test_a_computed_rate_has_two_places_in_the_brief_and_on_the_page():
    """财政局 2024 决算 p21: 年初预算 2993.92 万元，支出决算 2940.05 万元，完成年初预算的 98.20% (ours 98.2007…)."""
    app = open_page("pages/execution.py", doc=CAIZHENG_FINAL)
    shown = texts(app)
    assert "98.20%" in shown and "98.2007%" not in shown
    content = brief_content.build_brief(load_snapshot(SNAPSHOTS / CAIZHENG_FINAL), SNAPSHOTS)
    said = " ".join(p for s in content.sections for p in s.paragraphs)
    assert "完成率按本文件数字计算为 98.20%" in said


def test_grid_amounts_show_their_digits_with_a_minus_never_parentheses():
    column = ui.money_column("合计")
    assert column["type_config"]["format"] == "localized"  # "accounting" wrote a decrease as (5,000.00)
    # 万里街道 2024's class table (p22–26, printed in 元): 11,938.5303 → four decimals; 检察院 2018 p17 in 万元: two
    wanli = pl.Series([D("11938.530300"), D("293.270000")], dtype=pl.Decimal(24, 6))
    jiangsu = pl.Series([D("16444.360000"), D("1836.220000")], dtype=pl.Decimal(24, 6))
    assert ui.grid_places(wanli) == 4 and ui.grid_places(jiangsu) == 2
    frame = pl.DataFrame({"total_wan": wanli})
    assert ui._exact_money(frame, {"total_wan": column})["total_wan"]["type_config"]["step"] == 0.0001
    fixed = ui.money_column("合计", places=2)  # several documents' totals, rounded alike and said so
    assert ui._exact_money(frame, {"total_wan": fixed})["total_wan"]["type_config"]["step"] == 0.01
    for path in [*(ROOT / "components").glob("*.py"), *(ROOT / "pages").glob("*.py")]:
        assert '"accounting"' not in path.read_text(encoding="utf-8"), path


def test_every_treemap_block_names_its_code_and_its_name():
    """检察院 2018 p17 公开07表: 208 社会保障和就业支出 1,836.22 (an eighth of the chart: its header was hidden)."""
    tree = pl.DataFrame(
        {
            "id": ["(root)", "204", "208", "20805"],
            "parent": ["", "(root)", "(root)", "208"],
            "code": [None, "204", "208", "20805"],
            "name": ["全部支出", "公共安全支出", "社会保障和就业支出", "行政事业单位离退休"],
            "label": ["全部支出", "204 公共安全支出", "208 社会保障和就业支出", "20805 行政事业单位离退休"],
            "level": [0, 1, 1, 2],
            "amount_wan": [D("18280.58"), D("16444.36"), D("1836.22"), D("1836.22")],
            "share_of_parent_pct": [D("100"), D("89.96"), D("10.04"), D("100")],
            "share_of_total_pct": [D("100"), D("89.96"), D("10.04"), D("10.04")],
            "stated_wan": [None, None, None, None],
            "stated_differs": [False, False, False, False],
            "shown_printed": [False, True, True, True],
        }
    )
    amounts = pl.col("amount_wan").cast(pl.Decimal(24, 6))
    figure = figures.hierarchy_figure(tree.with_columns(amounts, amounts.alias("shown_wan")))
    trace = figure.data[0]
    blocks = dict(zip(trace.ids, trace.customdata, strict=True))
    assert blocks["208"][6] == "208<br>社会保障和<br>就业支出"
    assert blocks["20805"][6] == "20805<br>行政事业单<br>位离退休"
    # 检察院 2018 p17's 2040405: a 、 never starts a line (行首禁则); it stays at the end of the line before
    assert figures.block_label("2040405", "公诉、审判、侦查、执行等检察监督支出") == (
        "2040405<br>公诉、审判、<br>侦查、执行<br>等检察监督<br>支出"
    )
    assert figures.block_label(None, "") == ""
    assert figures.block_label(None, "其他支出（项目）") == "其他支出<br>（项目）"  # an opening bracket ends no line
    assert trace.texttemplate == "%{customdata[6]}<br>%{customdata[2]}"
    assert figure.layout.uniformtext.minsize == 9  # at 11 the 208 header was hidden at 1280 px


def test_library_axis_labels_are_whole_names_wrapped():
    labels = ["武汉市洪山区科学技术和经济信息化局 · 2023年部门预算", "上海市财政局 · 2025年单位预算"]
    shown = library_figures.axis_labels(labels)
    assert shown == ["武汉市洪山区科学技<br>术和经济信息化局<br>2023年", "上海市财政局<br>2025年单位预算"]
    assert not any("…" in label for label in shown)  # it cut the front: …术和经济信息化局 · 2023年
    assert library_figures.bar_height(shown, 28) == 16 * 3 + 8
    # beside a 决算 (跨年度 of 财政局: 2024年部门决算, 2025年部门预算), the 预算 says what it is
    mixed = library_figures.axis_labels(["上海市普陀区财政局 · 2024年部门决算", "上海市普陀区财政局 · 2025年部门预算"])
    assert mixed == ["上海市普陀区财政局<br>2024年部门决算", "上海市普陀区财政局<br>2025年部门预算"]


def test_a_stated_rate_is_shown_as_printed_and_ours_with_two_places():
    """检察院 2018 p24: 社会保障和就业支出1,836.22万元 … 与上年相比减少184.96万元，降幅9.1%: the statement's rate as
    printed (−9.1%, not −9.10%), ours from its amounts with two places (184.96 ÷ 2,021.18 = −9.15%, as its own
    check rounds it to the printed digit: −9.10%)."""
    shown = texts(open_page("pages/changes.py", doc=JIANGSU_2018, view="narrative"))
    assert "降幅9.1%：文字说明 −9.1%；184.96 ÷ (1,836.22 + 184.96) × 100：−9.10%" in shown
    assert "文字说明 −9.10%" not in shown


def test_the_department_chart_keeps_its_end_labels_inside():
    """检察院 2017 p11 / 2018 p15: 支出合计 17,996.68 → 21,955.35; centred on the plot's edges a phone cut them."""
    rows = pl.DataFrame(
        {
            "budget_year": [2017, 2018],
            "kind": ["部门预算", "部门预算"],
            "label": ["江苏省人民检察院 · 2017年部门预算", "江苏省人民检察院 · 2018年部门预算"],
            "total_wan": pl.Series([D("17996.68"), D("21955.35")], dtype=pl.Decimal(24, 6)),
        }
    )
    trace = library_figures.over_documents_figure(rows, [("total_wan", "支出合计")]).data[0]
    assert list(trace.text) == ["17,996.68", "21,955.35"]
    assert list(trace.textposition) == ["top right", "top left"] and trace.cliponaxis is False
