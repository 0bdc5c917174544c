"""概览's standouts say what a share is of."""

import json
from decimal import Decimal

import polars as pl
import pytest

from tests.test_app import open_page, texts

GUIHUA_2024_FINAL = "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"


def test_the_largest_items_share_names_the_total_it_is_of():
    # 一般公共预算财政拨款支出决算表 (pp. 14-15): 2200150 事业运行 4416.67 of the table's 合计 9746.50 = 45.32 %;
    # 全部支出 (决算总额 9,759.38) is another total, of which it would be 45.26 %
    page = texts(open_page("pages/overview.py", doc=GUIHUA_2024_FINAL))
    assert "最大的一项支出是 2200150 事业运行：4,416.67 万元，占一般公共预算支出的 45.32%。" in page
    assert "占全部支出" not in page


def test_a_change_the_narrative_states_of_a_rounded_total_adds_up_in_the_headline():
    # 上海市财政局 2025 p6: 支出预算17,192万元…比2024年预算减少990万元; the tables' total is 171,915,169 元 (p11).
    # The year before is the narrative's 17,192 + 990 = 18,182: the sentence names the figure it is derived from
    page = texts(open_page("pages/overview.py", doc="shanghai_shi_caizhengju_2025_danwei_yusuan"))
    assert "比 2024 年减少 990.00 万元（2024 年 18,182.00 万元，由文字说明所述 17,192.00 万元推算），**−5.44%**" in page


# 江苏省人民检察院 2018 公开09表 (p19, looked at): 小计 484.30; its narrative states no change from 2017; the
# library's 2017 document prints 584.35 (十一, p16, looked at): 484.30 − 584.35 = −100.05, −17.12 %.
# 万里街道 2024: p31's 三公 合计 47.91; p32's narrative: 比2023年增加25万元 (looked at)
JIANGSU_LIBRARY = ("比文件库中 2017 年的文件减少 100.05 万元（−17.12%）", "2017 年数来自文件库中的 2017 年文件")
WANLI_STATED = ("比 2023 年增加 25.00 万元", "与 2023 年的比较来自文字说明（第 32 页）。")


@pytest.mark.parametrize(
    ("page", "doc_id", "value", "said"),
    [
        ("pages/three_public.py", "jiangsu_jianchayuan_2018_bumen_yusuan", "484.30", JIANGSU_LIBRARY),
        ("pages/overview.py", "jiangsu_jianchayuan_2018_bumen_yusuan", "484.30", JIANGSU_LIBRARY),
        ("pages/overview.py", "shanghai_putuo_wanlijiedao_2024_bumen_yusuan", "47.91", WANLI_STATED),
    ],
)
def test_the_three_public_figure_says_its_change_and_where_from(page, doc_id, value, said):
    app = open_page(page, doc=doc_id)
    three = next(metric for metric in app.metric if metric.label.startswith("“三公”经费"))
    change, came_from = said
    assert (three.value, three.proto.delta) == (value, change)
    assert came_from in three.proto.help


def test_execution_names_the_money_its_total_is_of():
    # 规划 2024 决算: the 决算数 compared is the 一般公共预算财政拨款支出决算表's 合计 9746.50 (p15), not 9,759.38
    page = texts(open_page("pages/execution.py", doc=GUIHUA_2024_FINAL))
    assert "口径：一般公共预算支出（一般公共预算财政拨款支出决算表的合计）。" in page


def test_standouts_say_the_three_public_change():
    # 万里街道 2024 p32: 47.91万元，比2023年预算增加25万元 → 2023: 22.91, +109.12 % (ours: p32 prints no rate, so the
    # rate is not credited to the text); 江苏省人民检察院 2018 states none,
    # the library's 2017 document prints 584.35 (p16) → −17.12 %
    wanli = texts(open_page("pages/overview.py", doc="shanghai_putuo_wanlijiedao_2024_bumen_yusuan"))
    assert "- “三公”经费比 2023 年增加 25.00 万元（文字说明所述；按所述金额计算为 +109.12%）。" in wanli
    jiangsu = texts(open_page("pages/overview.py", doc="jiangsu_jianchayuan_2018_bumen_yusuan"))
    assert "- “三公”经费比文件库中 2017 年的文件减少 100.05 万元（−17.12%）。" in jiangsu


def test_the_librarys_three_public_is_compared_only_within_one_kind():
    # a 单位预算's 三公 (one unit) is not a 部门预算's (the whole department); a total falls back to the other kind
    import polars as pl

    from budgetlens import overview_queries as oq
    from tests.conftest import SNAPSHOTS

    catalogue = pl.read_parquet(SNAPSHOTS / "catalogue.parquet")
    earlier = "jiangsu_jianchayuan_2017_bumen_yusuan"
    later = "jiangsu_jianchayuan_2018_bumen_yusuan"
    same = oq.library_prior(catalogue, later, Decimal("484.30"), "three_public_wan")
    assert (same.doc_id, same.previous_wan) == (earlier, Decimal("584.35"))
    other = catalogue.with_columns(
        pl.when(pl.col("doc_id") == earlier).then(pl.lit("单位预算")).otherwise(pl.col("kind")).alias("kind")
    )
    assert oq.library_prior(other, later, Decimal("484.30"), "three_public_wan") is None
    assert oq.library_prior(other, later, Decimal("21955.35")).doc_id == earlier


def test_a_disputed_headline_says_what_it_is_disputed_against():
    # 普陀区财政局 2024 决算 p10–11, 支出决算表: 合计 2,940.05 and 基本支出 2,336.91, while its classes print
    # 2,106.66 + 326.72 + 60.99 + 445.69 = 2,940.06 and 1,503.52 + 326.72 + 60.99 + 445.69 = 2,336.92
    app = open_page("pages/overview.py", doc="shanghai_putuo_caizhengju_2024_bumen_juesuan")
    helps = "\n".join(metric.proto.help for metric in app.metric).replace("\\.", ".")  # markdown-escaped
    assert "这个数字参与了没有通过的核对：与各类之和 2,940.06 万元相差 0.01 万元。详见“数据核对”。" in helps
    assert "这个数字参与了没有通过的核对：与各类之和 2,336.92 万元相差 0.01 万元。详见“数据核对”。" in helps
    # 万里街道 2024 p31: the note says the table is empty and the table prints 47.91
    wanli = open_page("pages/overview.py", doc="shanghai_putuo_wanlijiedao_2024_bumen_yusuan")
    helps = "\n".join(metric.proto.help for metric in wanli.metric).replace("\\.", ".")
    assert "没有通过的核对：表下注明本表为空（或无此类预算）的表，不列出非零金额。" in helps


def test_the_overview_says_the_scope_of_its_total_and_why_basic_differs():
    # 规划 2024 决算 p10, 支出决算表 (all funds): 合计 9,759.38, 基本支出 5,377.64; p16, 一般公共预算财政拨款基本支出
    # 决算表: 人员经费合计 4,884.09, 公用经费合计 480.66 (5,364.75: 12.89 short of p10's 基本支出)
    app = open_page("pages/overview.py", doc=GUIHUA_2024_FINAL)
    helps = "\n".join(metric.proto.help for metric in app.metric).replace("\\.", ".")
    assert "支出决算表 第 10 页合计，口径：全部资金" in helps
    assert (
        "两者之和 5,364.75 万元，与这里的基本支出不同（相差 12.89 万元）：这里的基本支出是全部资金的，"
        "人员经费和公用经费是一般公共预算的，口径不同。"
    ) in texts(app)


def test_the_execution_page_says_why_its_rate_and_the_documents_differ():
    # 规划 2024 决算 p14–15: 一般公共预算财政拨款支出决算表 合计 9,746.50; p21 (说明): 年初预算 10,210.34, 完成率 95.45%
    shown = texts(open_page("pages/execution.py", doc=GUIHUA_2024_FINAL))
    assert "决算数 ÷ 预算数 = 95.4571…%，四舍五入为 95.46%；文件写作 95.45%，是舍去而不是四舍五入的结果。" in shown
    caizheng = texts(open_page("pages/execution.py", doc="shanghai_putuo_caizhengju_2024_bumen_juesuan"))
    assert "四舍五入为" not in caizheng  # 2,940.05 ÷ 2,993.92 = 98.2006…%, stated 98.20%: nothing to say
    # the words for rates no shipped document prints: an exact one, and one printed with a full-width ％
    from components.execution_page import rates_apart

    assert rates_apart(Decimal("90"), "89%") == "决算数 ÷ 预算数 = 90%，四舍五入为 90%，与文件所述的 89% 不同。"
    assert rates_apart(Decimal("95.4571542182"), "95.45％").startswith("决算数 ÷ 预算数 = 95.4571…%")


def test_the_execution_page_names_the_items_that_stand_alone():
    # 规划 2024 决算: p22 states 机关事业单位退休人员活动费支出（项） 0.88 and p24 其他国土资源事务支出（项） 45.00; the
    # tables print 2080599 其他行政事业单位养老支出 0.88 (p10, p14) and 2200199 其他自然资源事务支出 45.00
    shown = texts(open_page("pages/execution.py", doc=GUIHUA_2024_FINAL))
    assert "决算表中没有同名的科目，这 2 行只有说明的数字；" in shown
    assert "表中决算数与之相同的“其他行政事业单位养老支出”（2080599）、" in shown
    assert "“其他自然资源事务支出”（2200199），说明中没有以这个名称写到。名称不同" in shown
    # a table row of another amount is counted, not named as a counterpart
    from budgetlens import canonical_queries as cq
    from budgetlens.store import load_snapshot
    from components.execution_page import unpaired_words
    from tests.conftest import SNAPSHOTS

    rows = cq.execution_by_code(load_snapshot(SNAPSHOTS / GUIHUA_2024_FINAL).tables).filter(pl.col("level") == 3)
    fewer = rows.filter(pl.col("code").is_null() | (pl.col("code") != "2200199")).with_columns(
        pl.when(pl.col("code") == "2080599").then(Decimal("1.00")).otherwise(pl.col("actual_wan")).alias("actual_wan")
    )
    said = unpaired_words(fewer)
    assert "表中另有 1 个科目说明中没有写到" in said and "2080599" not in said


def test_the_execution_pages_three_public_statements_are_said_in_full():
    # 普陀区财政局 2024 决算 p23: “三公”经费…年初预算为0.95万元，支出决算为0.00万元，完成预算的0%…
    # 主要原因：当年度无“三公”经费支出
    shown = texts(open_page("pages/execution.py", doc="shanghai_putuo_caizhengju_2024_bumen_juesuan"))
    assert "- “三公”经费：预算 0.95，决算 0.00，完成 0%。原因：当年度无“三公”经费支出（第 23 页）" in shown


def test_a_flat_three_public_change_is_said_not_drawn_as_a_waterfall_of_zeros():
    # 普陀区财政局 2025 p22: 2025年“三公”经费预算数为0.95万元，与2024年预算持平；each item 与2024年预算持平/一致
    app = open_page("pages/changes.py", doc="shanghai_putuo_caizhengju_2025_bumen_yusuan")
    shown = texts(app)
    flat = "文字说明所述：“三公”经费 2025 年与 2024 年（推算）持平，都是 0.95 万元。"
    assert f"{flat}所述各项也都持平，没有增减可画。" in shown
    drawn = [trace["type"] for chart in app.get("plotly_chart") for trace in json.loads(chart.proto.spec)["data"]]
    assert "waterfall" not in drawn


def test_the_disputed_figures_words_name_the_other_side_in_chinese():
    # a hand-made failing check of a 合计 (12,323.46) against its basic + project (12,323.45): the stored label's
    # measure keys are the model's, said in Chinese on the page
    from budgetlens import overview_queries as oq
    from budgetlens.canonical.model import place_keys
    from budgetlens.canonical_queries import Printed

    printed = Printed(Decimal("12323.46"), "12,323.46", "合计", "支出总表", 3, (1.0, 2.0, 3.0, 4.0), table_id="t01")
    checks = pl.DataFrame(
        [
            {
                "rule_id": "canonical.columns_add_up",
                "instance": "支出总表 合计 total",
                "status": "fail",
                "unit": "万元",
                "expected_label": "basic + project",
                "expected": Decimal("12323.45"),
                "actual_label": "total",
                "actual": Decimal("12323.46"),
                "difference": Decimal("0.01"),
                "description_zh": "每一行的合计等于其各组成列之和",
            }
        ]
    )
    place = sorted(place_keys(3, (1.0, 2.0, 3.0, 4.0), None))[0]
    sides = pl.DataFrame(
        {"rule": ["canonical.columns_add_up · 支出总表 合计 total"], "value": [Decimal("12323.46")], "place": [place]},
        schema={"rule": pl.String, "value": pl.Object, "place": pl.String},
    )
    assert oq.dispute_words(checks, sides, printed) == "与基本支出 + 项目支出 12,323.45 万元相差 0.01 万元"
