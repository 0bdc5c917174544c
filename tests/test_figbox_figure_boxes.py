"""A PDF narrative figure's box is its own characters, the amount and its unit, not its line: everything that joins a
failing check to a figure by (page, box) then marks only the figure the check is about. Values read off the rendered
pages (`pdftoppm -r 100 -f N -l N`):

万里街道 2023 p6, the first two lines of 部门预算编制说明, each printing one amount twice:
  2023年，上海市普陀区人民政府万里街道办事处收入预算16497.86万元，其中：财政拨款收入16497.86万元，比2022年（上一年度，
  支出预算16497.86万元，其中：财政拨款支出预算16497.86万元，比2022年预算增加1421.25万元。…
万里街道 2023 p7, item 16 and the next line:
  16.“社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”220.63万元，主要用于机关
  事业单位职业年金缴费支出。2022年当年预算执行数为132.59万元，2023年预算安排441.25万元，比2022年预算执行数增加60.54%。
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import cache

import polars as pl
import pypdfium2 as pdfium
import pytest

from budgetlens import overview_queries as oq
from budgetlens.canonical.model import place_keys
from budgetlens.canonical_queries import Printed
from budgetlens.classification import disputes
from tests.conftest import ROOT, SNAPSHOTS

WANLI_2023 = "shanghai_putuo_wanlijiedao_2023_bumen_yusuan"
PDF_SNAPSHOTS = sorted(
    path.parent.name
    for path in SNAPSHOTS.glob("*/manifest.json")
    if json.loads(path.read_text(encoding="utf-8"))["format"] == "pdf"
)
# (label, the other figure of its line with the same amount): p6's two lines
TWINS = [
    ("收入预算", "财政拨款收入"),
    ("财政拨款收入", "收入预算"),
    ("支出预算", "财政拨款支出预算"),
    ("财政拨款支出预算", "支出预算"),
]


@cache
def _tables(doc_id: str) -> dict[str, pl.DataFrame]:
    return {
        name: pl.read_parquet(SNAPSHOTS / doc_id / f"{name}.parquet")
        for name in ("checks", "check_cells", "narrative_figures")
    }


@cache
def _pdf(file: str) -> pdfium.PdfDocument:
    return pdfium.PdfDocument(ROOT / "data" / "raw" / file)


def printed_in(doc_id: str, page_number: int, box: list[float]) -> str:
    """The page's own text (pdfium's characters, not our reader's lines) whose characters' centres lie in `box`, within
    the middle half of its height (each character's box from its font's ascent to descent, so that a point's centre is
    its line's): a line's box is the font's full height, which on a tightly set page reaches into the next line."""
    manifest = json.loads((SNAPSHOTS / doc_id / "manifest.json").read_text(encoding="utf-8"))
    (file, index), *_ = [
        (source["file"], page_number - int(source.get("first_page") or 1))
        for source in manifest["sources"]
        if int(source.get("first_page") or 1) <= page_number < int(source.get("first_page") or 1) + source["pages"]
    ]
    page = _pdf(file)[index]
    height, text = page.get_height(), page.get_textpage()
    x0, top, x1, bottom = box
    middle, reach = (top + bottom) / 2, (bottom - top) / 4
    found = []
    for i in range(text.count_chars()):
        left, low, right, high = text.get_charbox(i, loose=True)
        cx, cy = (left + right) / 2, height - (low + high) / 2
        if x0 <= cx <= x1 and abs(cy - middle) <= reach:
            found.append(text.get_text_range(i, 1))
    return re.sub(r"\s+", "", "".join(found))


def _figure(label: str, page: int = 6) -> dict:
    figures = _tables(WANLI_2023)["narrative_figures"]
    (row,) = figures.filter(pl.col("page") == page, pl.col("label") == label).to_dicts()
    return row


def _failing(label: str, table_value: str) -> pl.DataFrame:
    """万里 2023's checks with the one comparing p6's `label` with its table failing, as if the table printed
    `table_value`."""
    checks = _tables(WANLI_2023)["checks"]
    hit = (pl.col("rule_id") == "canonical.narrative") & (pl.col("instance") == f"第 6 页：{label} 16497.86万元")
    assert checks.filter(hit)["status"].to_list() == ["pass"]  # as the document reads, it agrees
    return checks.with_columns(
        pl.when(hit).then(pl.lit("fail")).otherwise(pl.col("status")).alias("status"),
        pl.when(hit)
        .then(pl.lit(Decimal(table_value)).cast(pl.Decimal(20, 4)))
        .otherwise(pl.col("actual"))
        .alias("actual"),
    )


def _printed(figure: dict) -> Printed:
    return Printed(figure["amount_wan"], figure["amount_printed"], figure["label"], "", 6, tuple(figure["box"]))


def test_the_two_equal_figures_of_a_line_have_a_box_each():
    for left, right in (("收入预算", "财政拨款收入"), ("支出预算", "财政拨款支出预算")):
        first, second = _figure(left), _figure(right)
        assert first["amount_wan"] == second["amount_wan"] == Decimal("16497.86")
        assert first["box"][1::2] == second["box"][1::2]  # one line: the same top and bottom
        assert first["box"][2] < second["box"][0]  # 收入预算's amount, then 财政拨款收入's, left to right
        assert printed_in(WANLI_2023, 6, first["box"]) == printed_in(WANLI_2023, 6, second["box"]) == "16497.86万元"


@pytest.mark.parametrize(("label", "twin"), TWINS)
def test_a_failing_check_on_one_of_two_equal_figures_marks_only_that_one(label: str, twin: str):
    cells = _tables(WANLI_2023)["check_cells"]
    disputed, other = _figure(label), _figure(twin)
    checks = _failing(label, "16497.87")
    figures = oq.stated_figures(pl.DataFrame([disputed, other]).select("amount_wan", "page", "box", "source_lines"))
    against = oq.contradicted(checks, cells, figures[0])
    assert against is not None and against.amount_wan == Decimal("16497.87")
    assert oq.contradicted(checks, cells, figures[1]) is None  # the same amount, on the same line, not in dispute
    sides = oq.failing_sides(checks, cells)
    assert oq.disputed(sides, _printed(disputed)) and not oq.disputed(sides, _printed(other))
    cited = disputes(checks, cells).places
    assert place_keys(6, disputed["box"], None) <= cited.keys() and not place_keys(6, other["box"], None) & cited.keys()


def test_a_check_read_off_the_running_text_cites_the_figure_s_own_box():
    # narrative.executed_change reads p7 from text_lines, not narrative_figures: its 本项金额 side is item 16's amount,
    # cited by the same box, so the figure stays marked by the check that fails on it (220.63 ≠ 441.25)
    cells, checks = _tables(WANLI_2023)["check_cells"], _tables(WANLI_2023)["checks"]
    item = _figure("“社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”", page=7)
    instance = "第 7 页：2023年预算安排441.25万元，增加60.54%（同名第2项） · 本项金额"
    sides = cells.filter(pl.col("rule_id") == "narrative.executed_change", pl.col("instance") == instance)
    boxes = dict(zip(sides["side"].to_list(), sides["box"].to_list(), strict=True))
    assert boxes["expected"] == item["box"]
    assert printed_in(WANLI_2023, 7, boxes["expected"]) == "220.63万元"
    assert printed_in(WANLI_2023, 7, boxes["actual"]) == "441.25万元"
    (figure,) = oq.stated_figures(pl.DataFrame([item]).select("amount_wan", "page", "box", "source_lines"))
    against = oq.contradicted(checks, cells, figure)
    assert against is not None and against.amount_wan == Decimal("441.25")
    percent = cells.filter(
        pl.col("rule_id") == "narrative.executed_change",
        pl.col("instance") == instance.replace("本项金额", "增减率"),
        pl.col("side") == "expected",
    )
    assert printed_in(WANLI_2023, 7, percent["box"].to_list()[0]) == "60.54%"


def _year_change(figure: dict) -> bool:
    """A 决算's 三公 item whose sentence states its change and no amount (execution.year_changes): its box is its
    words, label through change."""
    return f"{figure['amount_printed']}万元" not in figure["statement"]


# The one figure whose statement starts on one page and prints its amount on the next: 高级法院 2017 p23's last
# line ends "…一般公共预算财政拨款基本", p24 goes on "支出预算17123.19万元，其中：". Its page is the statement's, so its
# box is the statement's first characters on that page.
OVER_A_PAGE = ("jiangsu_gaoji_fayuan_2017_bumen_yusuan", 23, "17123.19", "基本")
LEADING_MARKS = "：，、。．.；"  # a line's own marks drawn low into the next line's box (财政局 2024 p21)


@pytest.mark.parametrize("doc_id", PDF_SNAPSHOTS)
def test_every_narrative_figure_s_box_holds_its_own_amount_and_unit(doc_id: str):
    figures = _tables(doc_id)["narrative_figures"]
    assert figures.height
    boxes = [(row["page"], tuple(row["box"])) for row in figures.iter_rows(named=True)]
    assert len(set(boxes)) == len(boxes), "two figures share a box"
    for figure in figures.iter_rows(named=True):
        printed = printed_in(doc_id, figure["page"], figure["box"]).lstrip(LEADING_MARKS)
        if (doc_id, figure["page"], figure["amount_printed"]) == OVER_A_PAGE[:3]:
            assert printed == OVER_A_PAGE[3]
        elif _year_change(figure):
            said = re.sub(r"\s+", "", figure["label"] + figure["statement"].split(figure["label"], 1)[1])
            assert printed and said.startswith(printed), (figure["label"], printed)
        else:
            # the amount whole, and its unit where it is printed on the same line ("9193.40万" / "元，比2016年…")
            whole = f"{figure['amount_printed']}万元"
            assert printed.startswith(figure["amount_printed"]), (figure["label"], printed)
            assert whole.startswith(printed), (figure["label"], printed)


def test_text_lines_give_each_character_its_edges():
    lines = pl.read_parquet(SNAPSHOTS / WANLI_2023 / "text_lines.parquet")
    for text, left, right in lines.select("text", "char_x0", "char_x1").iter_rows():
        assert len(left) == len(right) == len(text)
        assert all(x0 <= x1 for x0, x1 in zip(left, right, strict=True))
