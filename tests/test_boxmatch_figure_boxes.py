"""A 决算's execution statements, the narrative's counts and its staff counts each carry the box of their own figure
(the 决算 amount and its 万元; the count and its unit), placed as narrative figures are (narrative.figure_place), not
the box of the line their sentence starts on: the source view outlines the figure, and two statements or counts of one
line no longer share a box. Values read off the rendered pages (`pdftoppm -r 100 -f N -l N`):

财政局 2024 决算 p22, item 1: "…行政运行（项）。主要用于：局本部人 / 员经费及公用经费等的基本支出。年初预算为
  1560.05 万元，支出决算为1511.89万 / 元。…": the statement starts on the first line, its 决算 ends the second.
财政局 2024 决算 p23: "…因公出国（境）费决算为0.00万元，完成预算的0%；公务用车购置及运行 / 维护费支出决算为0.00万元…":
  two 三公 statements start on one line (they shared its box); "平均得分99.43分".
检察院 2018 p5: "本部门包括19 个内设机构、2 个 / 下属事业单位和2 个派出机构": two counts of one line.
上海市财政局 2025 p21: "…以上设备（不含车辆）1 / 台（套）。": the count ends its line, its unit starts the next.
"""

from __future__ import annotations

import re

import polars as pl
import pytest

from tests.conftest import SNAPSHOTS
from tests.test_figbox_figure_boxes import LEADING_MARKS, PDF_SNAPSHOTS, printed_in

CAIZHENG_FINAL = "shanghai_putuo_caizhengju_2024_bumen_juesuan"
JIANGSU_2018 = "jiangsu_jianchayuan_2018_bumen_yusuan"
SHI_CAIZHENG = "shanghai_shi_caizhengju_2025_danwei_yusuan"
FINAL_SNAPSHOTS = [
    doc for doc in PDF_SNAPSHOTS if not pl.read_parquet(SNAPSHOTS / doc / "execution_statements.parquet").is_empty()
]
# The one statement that starts on one page and prints its amounts on the next: 规划资源局 2024 p21's last line is
# "2、社会保障和就业支出（类）行政事业单位养老支出（款）", p22 goes on "事业单位离退休（项）。…支出决算为 28.11 万元".
# Its page is the statement's, so its box is the statement's first characters on that page (as a narrative figure's).
OVER_A_PAGE = (
    "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan",
    21,
    "28.11",
    "社会保障和就业支出（类）行政事业单位养老支出（款）",
)


def _table(doc_id: str, name: str) -> pl.DataFrame:
    return pl.read_parquet(SNAPSHOTS / doc_id / f"{name}.parquet")


def _box(row: dict) -> list[float]:
    return [round(v, 1) for v in row["box"]]


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）")


def test_an_execution_statement_s_box_is_its_final_amount():
    statements = _table(CAIZHENG_FINAL, "execution_statements")
    running = statements.filter(pl.col("names").list.last() == "行政运行").row(0, named=True)
    assert (running["page"], running["actual_printed"]) == (22, "1511.89")
    # the second line's end, 1511.89万 (元 wraps to the third line); the statement's first line was x 78–516, top 66.3
    assert _box(running) == [453.0, 80.3, 504.0, 102.6]
    assert printed_in(CAIZHENG_FINAL, 22, running["box"]) == "1511.89万"
    items = {row["subject"]: row for row in statements.filter(pl.col("page") == 23).iter_rows(named=True)}
    travel, vehicles = items["overseas_travel"], items["vehicles"]
    assert _box(travel) != _box(vehicles)  # one line starts both statements: they shared its box
    assert printed_in(CAIZHENG_FINAL, 23, travel["box"]) == "0.00万元"
    assert _box(travel)[1] < _box(vehicles)[1]  # 公务用车…的 0.00万元 is on the next line


@pytest.mark.parametrize("doc_id", FINAL_SNAPSHOTS)
def test_every_execution_statement_s_box_holds_its_amount(doc_id: str):
    """The 决算 amount it states, else its first budget, whole, with 万元 where printed on the same line."""
    statements = _table(doc_id, "execution_statements")
    assert statements.height
    for row in statements.iter_rows(named=True):
        amount = row["actual_printed"] or next(
            row[f"{basis}_printed"] for basis in ("budget_full", "budget_initial", "budget") if row[f"{basis}_printed"]
        )
        printed = printed_in(doc_id, row["page"], row["box"]).lstrip(LEADING_MARKS)
        if (doc_id, row["page"], amount) == OVER_A_PAGE[:3]:
            assert printed == OVER_A_PAGE[3]
            continue
        assert printed.startswith(amount) and f"{amount}万元".startswith(printed), (row["statement"][:30], printed)
    cells = _table(doc_id, "check_cells").filter(pl.col("rule_id") == "execution.amounts", pl.col("side") == "expected")
    placed = {(row["page"], tuple(_box(row))) for row in statements.iter_rows(named=True)}
    assert cells.height and all((cell["page"], tuple(_box(cell))) in placed for cell in cells.iter_rows(named=True))


def test_two_counts_of_one_line_have_a_box_each():
    staffing = _table(JIANGSU_2018, "staffing").filter(pl.col("page") == 5)
    boxes = {row["label"]: _box(row) for row in staffing.iter_rows(named=True)}
    assert boxes["内设机构"][1] == boxes["下属事业单位"][1] and boxes["内设机构"] != boxes["下属事业单位"]
    assert printed_in(JIANGSU_2018, 5, boxes["内设机构"]) == "19个"
    assert printed_in(JIANGSU_2018, 5, boxes["下属事业单位"]) == "2个"
    counts = _table(CAIZHENG_FINAL, "narrative_counts")
    score = counts.filter(pl.col("target") == "performance_average_score").row(0, named=True)
    assert (score["page"], printed_in(CAIZHENG_FINAL, 23, score["box"])) == (23, "99.43分")
    # the count ends its line and 台（套） starts the next: the count's part, as a figure whose 万元 wraps
    counts = _table(SHI_CAIZHENG, "narrative_counts")
    held, to_buy = (
        counts.filter(pl.col("target") == target) for target in ("equipment_over_threshold", "equipment_to_buy")
    )
    assert [printed_in(SHI_CAIZHENG, 21, box) for box in [*held["box"], *to_buy["box"]]] == ["1", "0台（套）"]


@pytest.mark.parametrize("doc_id", PDF_SNAPSHOTS)
def test_every_count_s_box_holds_its_count_and_unit(doc_id: str):
    """Every narrative count (a scope stated in words: its first words) and every staff count."""
    for name in ("narrative_counts", "staffing"):
        for row in _table(doc_id, name).iter_rows(named=True):
            # a mark set tight after the unit (台（套）。) has its centre inside the unit's right edge
            printed = _plain(printed_in(doc_id, row["page"], row["box"]).strip(LEADING_MARKS))
            if row["count_printed"] is None:  # 三公 scope in words: the words the pattern read
                assert printed and printed[:4] in _plain(row["statement"]), (name, printed)
                continue
            whole = _plain(f"{row['count_printed']}{row['unit_printed']}")
            assert printed.startswith(row["count_printed"]) and whole.startswith(printed), (name, printed)
