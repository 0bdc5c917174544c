"""The code pages write the figure a row prints, never the sum the chart draws (tour2 D4). Values read off the
rendered PDF pages (pdftoppm -r 100, page numbers as the PDF viewer counts them)."""

from __future__ import annotations

from budgetlens import canonical_queries, classification
from budgetlens.store import load_snapshot
from components import figures
from tests.conftest import SNAPSHOTS
from tests.test_app import open_page, summaries, texts

GUIHUA = "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"
CAIZHENG = "shanghai_putuo_caizhengju_2024_bumen_juesuan"


def test_economic_page_heads_with_the_printed_classes():
    """guihuaziyuanju p16 (一般公共预算财政拨款基本支出决算表, no 合计 row): 301 4816.14, 302 440.90, 303 67.96,
    310 39.76; 302's 款 add up to 440.88."""
    app = open_page("pages/by_economic.py", doc=GUIHUA)
    shown = texts(app).replace("**", "")
    assert "基本支出　5,364.76 万元" in shown  # 4816.14 + 440.90 + 67.96 + 39.76, said to be a sum
    assert "本表没有合计行，上面的金额是它下一级各行列示数之和。" in shown
    assert "5,364.74" not in shown.split("而最下级各行之和是")[0]
    sentence = summaries(app)[0]
    assert "302 商品和服务支出（440.90 万元，占 8.22%）" in sentence
    assert "440.88 万元（" not in sentence
    assert "302 商品和服务支出表中列示 440.90 万元，图中面积按它下级各行之和 440.88 万元画出" in sentence


def test_economic_page_caizhengju_printed_classes():
    """caizhengju p16: 301 工资福利支出 2,082.85, 302 商品和服务支出 171.07 (their 款 add up to 2,082.86 and 171.09)."""
    sentence = summaries(open_page("pages/by_economic.py", doc=CAIZHENG))[0]
    assert "301 工资福利支出（2,082.85 万元" in sentence
    assert "302 商品和服务支出（171.07 万元" in sentence
    assert "2,082.86 万元（" not in sentence and "171.09 万元（" not in sentence


def test_function_page_heads_with_the_printed_total():
    """caizhengju p15 (一般公共预算财政拨款支出决算表): 合计 2,940.05; its rows add up to 2,940.06."""
    shown = texts(open_page("pages/by_function.py", doc=CAIZHENG)).replace("**", "")
    assert "全部支出　2,940.05 万元" in shown
    assert "表中此行列示 2,940.05 万元，而它下级各行之和是 2,940.06 万元。图中的面积按下级之和画出。" in shown
    assert "全部支出　2,940.06" not in shown


def test_treemap_tiles_show_the_printed_figure():
    """The tile and hover text of guihuaziyuanju's 302 is the printed 440.90 (p16), its area the 款' 440.88."""
    snapshot = load_snapshot(SNAPSHOTS / GUIHUA)
    choice = canonical_queries.coded_table_choice(
        snapshot.table("schedules"), snapshot.table("basic_by_economic"), classification.ECONOMIC_KINDS
    )
    rows = classification.coded_rows(snapshot.table("basic_by_economic"), choice.table_id)
    trace = figures.hierarchy_figure(classification.code_tree(rows, "total_wan", "基本支出")).data[0]
    custom = dict(zip(trace.ids, trace.customdata, strict=True))
    values = dict(zip(trace.ids, trace.values, strict=True))
    assert custom["302"][2] == "440.90 万元"
    assert custom["302"][5] == "面积按下级之和 440.88 万元画出，与表中列示不一致 ⚠"
    assert round(values["302"], 2) == 440.88
