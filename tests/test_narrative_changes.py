"""The change from the year before that a narrative states after a figure, in the wordings budgets use, and the 三公
statement kept beside a blank cell.

The real cases are read off the rendered pages (pdftoppm -r 100): 江苏省人民检察院 2018 p29, 万里街道 2024 p32,
普陀区财政局 2025 pp21-22. The planted ones put other documents' phrasings in the same place.
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from budgetlens import brief_content
from budgetlens import canonical_queries as cq
from budgetlens.canonical.document import read_pdf_document
from budgetlens.canonical.narrative import narrative_figures
from budgetlens.pdf.page import TextLine
from budgetlens.store import load_snapshot
from components import three_public_view
from tests.conftest import ROOT, SNAPSHOTS
from tests.test_brief import brief_lines

JIANCHAYUAN_2018 = "jiangsu_jianchayuan_2018_bumen_yusuan"
WANLI_2024 = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"
CAIZHENGJU_2025 = "shanghai_putuo_caizhengju_2025_bumen_yusuan"


def _lines(*texts: str) -> list[tuple[int, TextLine]]:
    return [(5, TextLine(text, 70.0, 100.0 + 20 * i, 520.0, 114.0 + 20 * i, ())) for i, text in enumerate(texts)]


def _figure(figures: list[dict], target: str) -> dict:
    found = [f for f in figures if f["target"] == target]
    assert len(found) == 1, f"{target}: {len(found)} figures"
    return found[0]


def _snapshot_figure(doc_id: str, target: str, page: int) -> dict:
    figures = load_snapshot(SNAPSHOTS / doc_id).table("narrative_figures")
    found = figures.filter((pl.col("target") == target) & (pl.col("page") == page)).to_dicts()
    assert len(found) == 1, f"{doc_id} {target} p{page}: {len(found)} figures"
    return found[0]


def test_a_change_stated_as_smaller_than_last_years_budget_is_a_decrease():
    # 检察院 2018 p29: 3．公务接待费预算支出 116.5 万元，本年数小于上年预算数 40.05万元，主要是省检察院党组严格贯彻落实…
    reception = _snapshot_figure(JIANCHAYUAN_2018, "reception", 29)
    assert (reception["amount_wan"], reception["change_wan"], reception["compared_year"]) == (
        Decimal("116.5"),
        Decimal("-40.05"),
        2017,
    )
    assert reception["reason_stated"].startswith("省检察院党组严格贯彻落实中央“八项规定”")


def test_a_comparison_after_a_full_stop_is_the_figures_own():
    # 万里街道 2024 p32: （三）公务接待费1.35万元。比2023年预算持平，主要原因是公务接待费保持不变。
    reception = _snapshot_figure(WANLI_2024, "reception", 32)
    assert (reception["amount_wan"], reception["change_wan"], reception["compared_year"]) == (
        Decimal("1.35"),
        Decimal(0),
        2023,
    )
    assert reception["reason_stated"] == "公务接待费保持不变"
    assert reception["statement"] == "（三）公务接待费1.35万元。比2023年预算持平，主要原因是公务接待费保持不变。"


@pytest.mark.parametrize(
    ("clause", "change", "year"),
    [
        ("，本年数小于上年预算数 40.05 万元，主要是厉行节约。", "-40.05", 2024),
        ("，本年数大于上年预算数12.3万元。", "12.3", 2024),
        ("，低于2023年预算数2万元。", "-2", 2023),
        ("，本年数等于上年预算数。", "0", 2024),
        ("，比上年预算少 1,200.5 万元。", "-1200.5", 2024),
        ("，与上年相比，增加3万元。", "3", 2024),
        ("，同比减少5万元。", "-5", 2024),
        ("。比2023年预算持平，主要原因是保持不变。", "0", 2023),
        ("。较上年预算数下降1.2万元。", "-1.2", 2024),
        ("，与2024年预算一致0万元，主要原因是本部门无公务用车；", "0", 2024),
        # 江苏省高级人民法院 2017 p25: "因公出国（境）费预算支出 180 万元，本年数与上年数持平，零增长。"
        ("，本年数与上年数持平，零增长。", "0", 2024),
    ],
)
def test_the_wordings_of_a_stated_change(clause: str, change: str, year: int):
    figures = narrative_figures(
        _lines("2025年部门“三公”经费预算说明。", f"（三）公务接待费预算支出8.5万元{clause}"), 2025
    )
    reception = _figure(figures, "reception")
    assert (reception["change_wan"], reception["compared_year"]) == (Decimal(change), year)
    way = "increase" if Decimal(change) > 0 else "decrease" if Decimal(change) < 0 else "same"
    assert reception["change_direction"] == way


GAOJI_FAYUAN_2017 = "jiangsu_gaoji_fayuan_2017_bumen_yusuan"


def test_a_change_said_only_by_its_way_keeps_the_way_and_no_amount():
    # 江苏省高级人民法院 2017 p25 (rendered): "3. 公务接待费预算支出 185.72 万元，本年数小于上年预算数的主要原因是
    # 严格控制公务接待支出，…"; 会议费 228 万元 the same. Which way, never a change of 0; the reason read after it.
    figures = load_snapshot(SNAPSHOTS / GAOJI_FAYUAN_2017).table("narrative_figures")
    said = figures.filter(pl.col("page") == 25, pl.col("change_printed").is_not_null(), pl.col("change_wan").is_null())
    assert said.select("target", "amount_printed", "compared_year", "change_printed", "change_direction").rows() == [
        ("vehicle_purchase", "0", 2016, "本年数小于上年预算数", "decrease"),
        ("reception", "185.72", 2016, "本年数小于上年预算数", "decrease"),
        ("meetings", "228", 2016, "本年数小于上年预算数", "decrease"),
    ]
    assert [reason[:10] for reason in said["reason_stated"]] == [
        "当年未安排公务用车购",
        "严格控制公务接待支出",
        "严格控制会议经费支出",
    ]
    sentence = "（三）公务接待费预算支出8.5万元，本年数大于上年预算数的主要原因是会议增加。"
    planted = _figure(narrative_figures(_lines(sentence), 2025), "reception")
    assert (planted["change_wan"], planted["change_direction"], planted["reason_stated"]) == (
        None,
        "increase",
        "会议增加",
    )


def test_the_three_public_page_says_a_change_given_only_by_its_way():
    lines = _three_public_lines(GAOJI_FAYUAN_2017)
    reception = lines.filter(pl.col("item") == "reception").row(0, named=True)
    assert (reception["change_wan"], reception["direction_only"]) == (None, "decrease")
    shown = three_public_view.grid_listing(three_public_view.listing(lines))
    said = dict(zip(shown["项目"], shown["增减"], strict=True))
    assert said["　公务接待费"] == "减少（未列金额）" and said["　因公出国（境）费"] == "0.00", said
    assert "公务用车购置费、公务接待费只写了比上年减少，没有写金额" in three_public_view.summary_markdown(
        lines, 2017, final=False
    )


def test_a_total_changed_only_by_its_way_is_said_so_on_the_page():
    # A total the narrative itself says only "本年数小于上年预算数" of: its way, never "没有读到与上年的比较", and the
    # parts' sentence does not stand in for it (planted on 法院 2017's lines: its text says nothing of the total).
    lines = _three_public_lines(GAOJI_FAYUAN_2017)
    total = (pl.col("item") == "three_public_total").alias("total")
    stated = pl.when(total).then(pl.lit("decrease")).otherwise("direction_only").alias("direction_only")
    planted = lines.with_columns(
        stated, pl.when(total).then(False).otherwise("change_from_parts").alias("change_from_parts")
    )
    said = three_public_view.summary_markdown(planted, 2017, final=False)
    assert "，文字说明写了比上年减少（未列金额）；" in said, said
    assert "没有读到合计与上年的比较" not in said
    row = planted.filter(total).row(0, named=True)
    assert three_public_view.change_words(row) == "文字说明写了比上年减少（未列金额）"
    _, came_from, change = three_public_view.total_change(row, None)
    assert (came_from, change) == ("与上年的比较文字说明只写了方向，没有写金额（第 25 页）。", None)


def test_a_total_whose_parts_only_fall_or_stay_fell():
    # 法院 2017 p25 (rendered) states no change of the 三公 total; of its parts: 因公出国（境）费 本年数与上年数
    # 持平; 公务用车购置 本年数小于上年预算数; 公务用车运行维护费 本年数与上年数持平; 公务接待费 本年数小于上年预算数.
    # Parts that only fall or stay make a total that fell, read from them and said so; no amount is made up.
    lines = _three_public_lines(GAOJI_FAYUAN_2017)
    total = lines.filter(pl.col("item") == "three_public_total").row(0, named=True)
    assert (total["change_wan"], total["direction_only"], total["change_from_parts"]) == (None, "decrease", True)
    assert total["statement_pages"] == [25]
    shown = three_public_view.grid_listing(three_public_view.listing(lines))
    assert dict(zip(shown["项目"], shown["增减"], strict=True))["“三公”经费"] == "减少（由各项推得，未列金额）"
    said = three_public_view.summary_markdown(lines, 2017, final=False)
    assert said.startswith("2017 年“三公”经费 **670.12 万元**，比上年减少（由各项推得，未列金额）；"), said
    words, came_from, change = three_public_view.total_change(total, None)
    assert (words, came_from, change) == (
        "比上年减少（由各项推得，未列金额）",
        "与上年的比较由文字说明所述各项的增减方向推得，没有写金额（第 25 页）。",
        None,
    )
    lines = brief_lines(brief_content.build_brief(load_snapshot(SNAPSHOTS / GAOJI_FAYUAN_2017)))
    assert "“三公”经费 | 670.12 | 各项所述增减方向：比上年减少（由各项推得，未列金额）" in lines


@pytest.mark.parametrize(
    ("way", "others", "expected"),
    [
        ("increase", "decrease", None),  # one part rose, another fell: the total's way is unknown
        (None, "decrease", None),  # a part whose way is not stated
        ("increase", "increase", "increase"),
    ],
)
def test_a_total_s_way_from_its_parts_needs_every_part_and_one_way(way, others, expected):
    figures = load_snapshot(SNAPSHOTS / GAOJI_FAYUAN_2017).table("narrative_figures")
    # 因公出国（境）费 stated by its way only (or not at all), 公务用车购置 and 公务接待费 by the way given
    overseas, receiving = (
        pl.col("target") == "overseas_travel",
        pl.col("target").is_in(["reception", "vehicle_purchase"]),
    )
    planted = figures.with_columns(
        pl.when(overseas).then(None).otherwise("change_wan").alias("change_wan"),
        pl.when(overseas)
        .then(pl.lit(way, pl.String))
        .when(receiving)
        .then(pl.lit(others))
        .otherwise("change_direction")
        .alias("change_direction"),
    )
    lines = _three_public_lines(GAOJI_FAYUAN_2017, planted)
    total = lines.filter(pl.col("item") == "three_public_total").row(0, named=True)
    assert total["direction_only"] == expected


def test_the_brief_says_a_change_given_only_by_its_way():
    # 法院 2017 p25: 公务接待费 185.72 万元，本年数小于上年预算数 (no amount): the brief's 三公 table says the way.
    lines = brief_lines(brief_content.build_brief(load_snapshot(SNAPSHOTS / GAOJI_FAYUAN_2017)))
    assert "　公务接待费 | 185.72 | 文件说明：比上年减少（未列金额）" in lines
    assert "　　公务用车购置费 | 原表空白 | 正文写 0.00 万元；文件说明：比上年减少（未列金额）" in lines
    assert "“文件说明”的比较出自正文 第 25 页。" in lines


@pytest.mark.parametrize(
    "clause",
    [
        "。其中：公务用车购置费0万元，比上年持平。",  # the next sentence is another figure's
        "。主要用于接待。与上年相比增加3万元。",  # the comparison is not where the next sentence starts
        "，比上年 5 万元。",  # no word saying which way
        "，与上年相比，主要是业务需要。",  # a comparison with nothing compared
        "，比上年执行数增加5万元。",  # the execution of last year, not its budget
        "，与上年数相比人数增加5万元。",  # 数 ends 上年数; the words after it name another figure
    ],
)
def test_what_is_not_a_stated_change(clause: str):
    reception = _figure(narrative_figures(_lines(f"（三）公务接待费8.5万元{clause}"), 2025), "reception")
    said = ("change_wan", "compared_year", "change_printed", "change_direction")
    assert tuple(reception[key] for key in said) == (None, None, None, None)


@pytest.mark.parametrize(
    "clause",
    [
        "，公务用车运行维护费本年数大于上年预算数的主要原因是车辆增加。",  # another figure's relation
        "，人均标准低于上年。",  # a standard compared, not the figure
        "，占支出的比例低于上年。",  # its share compared
        "，本年数不高于上年预算数。",  # a bound, not a way
        "，接待批次少于上年。",  # the batches compared
    ],
)
def test_a_relation_without_an_amount_is_the_figures_own_only_with_nothing_named_before_it(clause: str):
    # A relation stated with no amount (本年数小于上年预算数, 法院 2017 p25) says which way the figure changed only
    # where nothing but 本年数 stands between the figure and the relation: read from any other words it would put
    # 减少（未列金额） on the 三公 page of a figure the sentence does not compare.
    reception = _figure(narrative_figures(_lines(f"（三）公务接待费8.5万元{clause}"), 2025), "reception")
    assert (reception["change_direction"], reception["compared_year"], reception["change_printed"]) == (
        None,
        None,
        None,
    )


GUIHUA_2024 = "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"


def test_a_final_accounts_three_public_change_stated_apart_has_its_way():
    # 规划和自然资源局 2024 决算 p25 (rendered): "“三公”经费财政拨款支出决算为0.39万元，比2023年度减少0.15万元，…
    # 其中：因公出国（境）费支出决算为0.00万元，与上一年度持平；公务用车购置及运行费支出决算为0.00万元，与上一年度持平；
    # 公务接待费支出决算为0.39万元，…减少0.15万元". The way of each, as a budget's stated change has it.
    pdf = ROOT / "data" / "raw" / f"{GUIHUA_2024}.pdf"
    figures = read_pdf_document([pdf], GUIHUA_2024).tables["narrative_figures"]  # read now, not the stored snapshot
    stated = figures.filter(pl.col("page") == 25, pl.col("change_wan").is_not_null())
    said = stated.select("target", "amount_wan", "change_wan", "change_direction")
    assert said.rows() == [
        ("three_public_total", Decimal("0.39"), Decimal("-0.15"), "decrease"),
        ("overseas_travel", Decimal(0), Decimal(0), "same"),
        ("vehicles", Decimal(0), Decimal(0), "same"),
        ("reception", Decimal("0.39"), Decimal("-0.15"), "decrease"),
    ]


def test_a_vehicle_line_spelled_公务车_is_read():
    # 财政局 2025 p22: （二）公务车购置及运行费0万元，其中：公务用车购置费0万元，与2024年预算一致0万元，主要原因是本部门
    # 无公务用车；公务车用车运行费0万元，与2024年预算一致0万元，主要原因是本部门无公务用车。
    vehicles = _snapshot_figure(CAIZHENGJU_2025, "vehicles", 22)
    assert (vehicles["amount_wan"], vehicles["change_wan"]) == (Decimal(0), None)
    running = _snapshot_figure(CAIZHENGJU_2025, "vehicle_operation", 22)
    assert (running["amount_wan"], running["change_wan"], running["compared_year"]) == (Decimal(0), Decimal(0), 2024)
    assert running["reason_stated"] == "本部门无公务用车"


def _three_public_lines(doc_id: str, figures: pl.DataFrame | None = None) -> pl.DataFrame:
    snapshot = load_snapshot(SNAPSHOTS / doc_id)
    stated = snapshot.table("narrative_figures") if figures is None else figures
    return cq.three_public_lines(snapshot.table("three_public"), stated)


def test_a_blank_three_public_cell_keeps_the_narratives_stated_zero_and_change_beside_it():
    # 财政局 2025 p21: the 因公出国(境)费 cell is blank; p22: （一）因公出国（境）费0万元，与2024年预算持平
    lines = _three_public_lines(CAIZHENGJU_2025)
    overseas = lines.filter(pl.col("item") == "overseas_travel").row(0, named=True)
    assert (overseas["amount_wan"], overseas["amount_printed"]) == (None, "")  # blank stays blank, not 0
    assert (overseas["stated_wan"], overseas["change_wan"], overseas["compared_year"]) == (Decimal(0), Decimal(0), 2024)
    assert overseas["statement_pages"] == [22]
    # a printed cell: the statement of its own amount (公务接待费 0.95 on p21 and p22)
    reception = lines.filter(pl.col("item") == "reception").row(0, named=True)
    assert (reception["amount_wan"], reception["stated_wan"], reception["change_wan"]) == (
        Decimal("0.95"),
        Decimal("0.95"),
        Decimal(0),
    )


def test_a_blank_cell_without_a_statement_stays_unread_and_another_years_statement_is_not_tied():
    snapshot = load_snapshot(SNAPSHOTS / CAIZHENGJU_2025)
    figures = snapshot.table("narrative_figures")
    unstated = _three_public_lines(CAIZHENGJU_2025, figures.filter(pl.col("target") != "overseas_travel"))
    overseas = unstated.filter(pl.col("item") == "overseas_travel").row(0, named=True)
    assert (overseas["stated_wan"], overseas["change_wan"], overseas["statement_pages"]) == (None, None, [])
    earlier = figures.with_columns(
        pl.when(pl.col("target") == "overseas_travel").then(pl.lit(2024, pl.Int16)).otherwise("year").alias("year")
    )
    overseas = (
        _three_public_lines(CAIZHENGJU_2025, earlier).filter(pl.col("item") == "overseas_travel").row(0, named=True)
    )
    assert (overseas["stated_wan"], overseas["change_wan"]) == (None, None)


def test_the_brief_keeps_the_stated_change_of_a_blank_three_public_cell():
    lines = brief_lines(brief_content.build_brief(load_snapshot(SNAPSHOTS / CAIZHENGJU_2025)))
    assert "　因公出国（境）费 | 原表空白 | 正文写 0.00 万元；文件说明：比上年持平" in lines
    assert "　公务接待费 | 0.95 | 文件说明：比上年持平" in lines


WANLI_2023 = "shanghai_putuo_wanlijiedao_2023_bumen_yusuan"


def test_an_item_s_change_from_last_year_s_execution_is_read_apart_from_a_budget_change():
    """万里街道 2023 p6 item 3: “…群众团体事务（款）一般行政管理事务（项）”45.41万元 … 2022年当年预算执行数为11.67万元，
    2023年预算安排45.41万元，比2022年预算执行数增加314.82%; p7 item 10 科普活动 10.00万元 … 比2022年预算执行数持平.
    Read as the item's executed_* (the year before's 执行数), never as change_wan (a change from a budget)."""
    figures = load_snapshot(SNAPSHOTS / WANLI_2023).table("narrative_figures")
    figures = figures.filter(pl.col("target") == "function_item")
    by_amount = {row["amount_printed"]: row for row in figures.iter_rows(named=True)}
    masses = by_amount["45.41"]
    assert (masses["executed_year"], masses["executed_wan"]) == (2022, Decimal("11.67"))
    assert masses["executed_printed"] == "11.67"
    assert (masses["executed_rate_pct"], masses["executed_rate_printed"]) == (Decimal("314.82"), "增加314.82%")
    assert masses["change_wan"] is None and masses["compared_year"] is None
    science = by_amount["10.00"]
    assert (science["executed_wan"], science["executed_rate_pct"], science["executed_rate_printed"]) == (
        Decimal("10.00"),
        Decimal(0),
        "持平",
    )
    # the clause belongs to the item before the next quoted item, not to the one after it
    planted = narrative_figures(
        _lines(
            "1.“一般公共服务支出（类）统计信息事务（款）统计管理（项）”2.63万元，主要用于统计管理。"
            "2.“一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”60.13万元。2022年当年预算执行数为0万元，"
            "2023年预算安排60.13万元，比2022年预算执行数增加100.00%。"
        ),
        2023,
    )
    first, second = (f for f in planted if f["target"] == "function_item")
    assert first["executed_year"] is None and second["executed_rate_printed"] == "增加100.00%"
