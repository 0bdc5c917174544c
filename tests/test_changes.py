"""What changed: the 2021–2023 frames and figures, on the document's real values."""

from __future__ import annotations

from decimal import Decimal as D

import polars as pl
import pytest

from budgetlens import year_changes
from budgetlens.store import load_snapshot
from components import figures

RESEARCH = "420111220670310000109"
RESEARCH_NAME = "科学技术研究与开发资金"


def test_composition_three_years(snapshot):
    """附表1-13 部门总体资金情况 (line 432: 财政拨款 15317.66 | 24789.30 | 21225.47), from funds_by_year."""
    funds = snapshot.table("funds_by_year")
    frame = year_changes.composition(funds, "2022", "2023")
    appropriations = frame.filter(pl.col("item") == "财政拨款").row(0, named=True)
    assert [appropriations[f"amount_{y}_wan"] for y in ("2021", "2022", "2023")] == [
        D("15317.66"),
        D("24789.30"),
        D("21225.47"),
    ]
    assert (appropriations["change_wan"], appropriations["change_pct"]) == (D("-3563.83"), D("-14.38"))
    assert appropriations["source_lines"] == [432]
    earlier = year_changes.composition(funds, "2021", "2022")
    staff = earlier.filter(pl.col("item") == "人员类项目支出").row(0, named=True)
    assert (staff["change_wan"], staff["change_pct"]) == (D("-196.52"), D("-13.94"))
    assert frame["item"].to_list()[:3] == ["财政拨款", "其他资金", "合计"]  # the document's order, income first
    assert year_changes.total_change(funds, "2022", "2023") == (D("21225.47"), D("-3563.83"), D("-14.38"))


def test_project_history(snapshot):
    history = year_changes.project_history(snapshot.tables, 2023, "2022-2023")
    research = history.filter(pl.col("project_key") == RESEARCH).row(0, named=True)
    assert [research[f"amount_{y}_wan"] for y in ("2021", "2022", "2023")] == [D("13381"), D("23000"), D("18000")]
    assert (research["category"], research["change_wan"]) == ("特定目标类", D("-5000"))
    earlier = year_changes.project_history(snapshot.tables, 2023, "2021-2022").filter(pl.col("project_key") == RESEARCH)
    assert earlier.select("change_wan", "change_pct").row(0) == (D("9619"), D("71.89"))  # 13,381 → 23,000
    new = history.filter(pl.col("prior_years_status") == "new_project").row(0, named=True)
    assert (new["project_name"], new["amount_2022_wan"], new["change_wan"]) == (
        "科技类非学科校外培训机构规范管理",
        None,
        None,
    )
    allocated = history.filter(pl.col("budget_2021_wording") == "下达")["project_name"].to_list()
    assert allocated == ["新两园奖补资金"]
    assert history["category"].null_count() == 0


def test_line_changes_reach_the_stated_2022_budget(snapshot):
    lines = year_changes.line_changes(snapshot.tables, 2023, RESEARCH_NAME)
    assert lines.height == 10
    assert lines["amount_2023_wan"].sum() == D("18000") and lines["amount_2022_wan"].sum() == D("23000")
    gone = lines.filter(~pl.col("in_2023")).row(0, named=True)
    assert (gone["item"], gone["amount_2022_wan"], gone["amount_2023_wan"]) == (
        "支持民营经济高质量发展",
        D("20"),
        D("0"),
    )
    assert (gone["change_stated"], gone["source_lines"]) == (True, [846])  # named only in the stated changes
    assert lines.schema["amount_2022_wan"] == lines.schema["change_wan"] == pl.Decimal(24, 6)
    history = year_changes.project_history(snapshot.tables, 2023)
    assert year_changes.projects_with_line_changes(snapshot.tables, history) == [RESEARCH]
    lab = lines.filter(pl.col("item") == "洪山实验室支持经费").row(0, named=True)
    assert (lab["amount_2022_wan"], lab["amount_2023_wan"]) == (D("7000"), D("2000"))
    assert lab["source_lines"] == [873, 846]  # its 2023 line, and the sentence stating its change


def test_indicator_trends(snapshot):
    trends = year_changes.indicator_trends(snapshot.tables, 2023)
    output = trends.filter(pl.col("scope") == "department", pl.col("name") == "规上工业总产值").row(0, named=True)
    assert (output["value_2021"], output["value_2023"], output["trend"]) == ("280亿元", "400亿元", "上升")
    stars = trends.filter(pl.col("name").str.starts_with("示范基地年度考核星级评定"))
    assert set(stars["trend"]) == {"文字，不作比较"}
    assert set(trends["trend"]) <= {"上升", "下降", "持平", "文字，不作比较", "单位不同，不作比较"}


# Indicator -> its 2021, 2022 and 2023 values as printed and the trend: first year against last.
TRENDS = {
    "净增高新技术企业数量": ("84家", "100家", "96家", "上升"),  # 2022 → 2023 fell; 2021 → 2023 rose
    "高新技术产业增加值": ("7%", "8%", "8%", "上升"),
    "规上工业企业隐患排查": ("90家/年", "115家/年", "110家/年", "上升"),
    "园区基础设施改造投入": ("146万", "447万", "180万", "上升"),
    "创新创业活动": ("400场", "100场", "3场", "下降"),
    "公众号文章发布总量": ("≥100条", "≥100条", ">60条", "下降"),
    "科技成果转化对接活动场次": (None, "5场", "6场", "上升"),  # two years: 2022 against 2023
    "工业企业产值增幅": (None, "8%", "8%", "持平"),
    "对外宣传洪山名优产品": ("2场", "1场", "1场次", "单位不同，不作比较"),
}


@pytest.mark.parametrize("name", sorted(TRENDS))
def test_indicator_trend_compares_the_first_year_with_the_last(snapshot, name):
    rows = year_changes.indicator_trends(snapshot.tables, 2023).filter(pl.col("name") == name)
    assert set(rows["scope"]) == {"department", "project"}  # the department's goal and its project's, alike
    for row in rows.iter_rows(named=True):
        assert (row["value_2021"], row["value_2022"], row["value_2023"], row["trend"]) == TRENDS[name]


def test_indicator_trend_counts(snapshot):
    trends = year_changes.indicator_trends(snapshot.tables, 2023)
    shown = ["scope", "project_name", "goal_number", "level2", "name", "trend", "placement_inferred", "source_lines"]
    values = [f"value_{year}{part}" for year in ("2021", "2022", "2023") for part in ("", "_number", "_unit")]
    assert set(shown + values) <= set(trends.columns)
    firms = trends.filter(pl.col("name") == "净增高新技术企业数量", pl.col("scope") == "project").row(0, named=True)
    assert (firms["project_name"], firms["level2"], firms["value_2021_number"]) == (RESEARCH_NAME, "数量指标", D("84"))
    assert dict(trends.group_by("trend").len().iter_rows()) == {
        "上升": 22,
        "下降": 6,
        "持平": 50,
        "文字，不作比较": 6,
        "单位不同，不作比较": 2,
    }


def test_narrative_comparisons_hold_both_rules_and_both_sides(snapshot):
    said = year_changes.narrative_comparisons(snapshot.table("checks"))
    assert said.height == 13 and set(said["rule_id"]) == {"narrative.changes", "narrative.percentages"}
    total = said.filter(pl.col("instance") == "一般公共预算支出安排情况 · 当年预算").sort("rule_id")
    assert total.select("rule_id", "status", "expected", "actual", "difference").rows() == [
        ("narrative.changes", "pass", D("-3563.83"), D("-3563.83"), D("0")),
        ("narrative.percentages", "pass", D("-14.38"), D("-14.38"), D("0")),
    ]
    assert (
        total.select("actual_label", "expected_lines", "actual_lines").rows()
        == [("第三部分「一般公共预算支出安排情况」当年预算", [432], [2249])] * 2
    )


def test_waterfall_runs_from_2022_to_2023(snapshot):
    lines = year_changes.line_changes(snapshot.tables, 2023, RESEARCH_NAME)
    trace = figures.waterfall_figure(
        lines, start_label="2022 年预算", start=D("23000"), end_label="2023 年预算", end=D("18000")
    ).data[0]
    assert list(trace.measure) == ["absolute", *["relative"] * 10, "total"]
    assert trace.x[0] == 23000 and trace.text[-1] == "18,000.00 万元"
    steps = sum(D(str(value)) for value in trace.x[1:-1])
    assert steps == D("-5000") and D("23000") + steps == D("18000")
    assert trace.y[-2] == "支持民营经济高质量发展"


def test_slope_has_one_line_per_project_with_prior_years(snapshot):
    history = year_changes.project_history(snapshot.tables, 2023, "2022-2023")
    figure = figures.slope_figure(history, highlight=RESEARCH)
    lines = [trace for trace in figure.data if len(trace.x) > 1]
    assert len(lines) == history.filter(pl.col("amount_2022_wan").is_not_null()).height == 14
    chosen = next(trace for trace in figure.data if trace.name.endswith(" 科学技术研究与开发资金"))
    assert list(chosen.y) == [13381.0, 23000.0, 18000.0] and chosen.line.width == 4
    new = next(trace for trace in figure.data if trace.name.endswith("（新增）"))
    assert list(new.x) == ["2023 年"] and new.marker.symbol == "star"


def test_the_waterfall_prints_each_amount_under_its_name_not_beside_its_bar(snapshot):
    """Beside the bars, a phone's narrow plot cut the amounts off at its right edge (23,000. and +830.0 at 390 px);
    under each name on the axis, automargin keeps them whole at any width, and the plot needs no room for them."""
    lines = year_changes.line_changes(snapshot.tables, 2023, RESEARCH_NAME)
    figure = figures.waterfall_figure(
        lines, start_label="2022 年预算", start=D("23000"), end_label="2023 年预算", end=D("18000")
    )
    assert figure.data[0].textposition == "none"
    axis = figure.layout.yaxis
    assert list(axis.tickvals) == list(figure.data[0].y)
    assert axis.ticktext[0] == "2022 年预算<br>23,000.00 万元" and axis.ticktext[-1] == "2023 年预算<br>18,000.00 万元"
    assert "支持民营经济高质量发展<br>−20.00 万元" in axis.ticktext
    assert figure.layout.height >= 46 * len(axis.ticktext)  # two lines of axis text a bar


def test_the_slope_s_lines_are_numbered_at_their_ends_and_named_in_the_legend(snapshot):
    """No hover on a phone or for a keyboard: each line's number is printed at its end (ends that would overprint one
    another share one label) and the legend under the chart reads "number name"."""
    history = year_changes.project_history(snapshot.tables, 2023, "2022-2023")
    figure = figures.slope_figure(history)
    assert figure.layout.showlegend and figure.layout.legend.orientation == "h"
    names = [trace.name for trace in figure.data]
    assert names[0] == "1 科学技术研究与开发资金"  # 18,000.00 in 2023, the largest
    assert [name.split(" ", 1)[0] for name in names] == [str(n) for n in range(1, history.height + 1)]
    assert all(trace.showlegend is not False for trace in figure.data)
    research = figure.data[0]
    assert list(research.text) == ["", "", "1"] and list(research.x)[-1] == "2023 年"
    labels = [label for trace in figure.data for label in trace.text if label]
    shown = set()
    for label in labels:
        if "–" in label:
            first, last = map(int, label.split("–"))
            shown |= set(range(first, last + 1))
        else:
            shown |= set(map(int, label.split("、")))
    assert shown == set(range(1, history.height + 1))  # every line's number is printed once, alone or in a group
    widest = max(labels, key=len)
    assert figure.layout.margin.r >= 8 * len(widest) + 12  # the widest label has room right of the plot


def test_a_stated_line_of_zero_says_in_the_legend_that_it_is_not_drawn(snapshot):
    """The narrative's 三公 lines (公务接待费 0.00 in 2023 and, with no change, in 2022): 0 has no place on a log
    axis, so the line has no end to number, and its legend entry says why it is missing."""
    stated = year_changes.stated_changes(snapshot.table("narrative_figures"))
    figure = figures.slope_figure(year_changes.stated_slope(stated, 2023))
    zero = [trace for trace in figure.data if not any(trace.y)]  # None where the amount is 0
    assert any("公务接待费" in trace.name for trace in zero)
    for trace in figure.data:
        assert trace.name.endswith("（为 0，对数刻度上不画）") == (trace in zero)
        assert any(trace.text) <= (trace not in zero)  # a label only at an end that is drawn


def test_a_stated_line_from_0_is_a_point_not_a_plunge_to_the_axis_edge():
    """万里街道 2024 states 公务用车购置费 25.00, up 25.00 from 0 in 2023: on the log axis the 0 is a gap, so the line
    is the 2024 point alone (it was drawn as a vertical line to the plot's bottom edge), numbered there."""
    from tests.conftest import SNAPSHOTS

    wanli = load_snapshot(SNAPSHOTS / "shanghai_putuo_wanlijiedao_2024_bumen_yusuan")
    stated = year_changes.stated_changes(wanli.table("narrative_figures"))
    figure = figures.slope_figure(year_changes.stated_slope(stated, 2024))
    purchase = next(trace for trace in figure.data if trace.name.endswith(" 公务用车购置费"))
    assert list(purchase.x) == ["2023 年", "2024 年"] and list(purchase.y) == [None, 25.0]
    assert purchase.text[0] == "" and purchase.customdata[0][0] == "0.00 万元"  # kept with the point; the table has it


def test_crowded_line_ends_share_one_label():
    ends = [("2023 年", 23000.0), ("2023 年", 10.2), ("2023 年", 10.0), ("2023 年", 9.9), None, ("2022 年", 10.0)]
    assert figures._end_labels(ends) == ["1", "2–4", "", "", "", "6"]


def test_a_detail_line_without_a_stated_change_keeps_its_amount(snapshot):
    stated = snapshot.table("project_changes").filter(pl.col("item") != "科技人才工作经费")
    lines = year_changes.line_changes({**snapshot.tables, "project_changes": stated}, 2023, RESEARCH_NAME)
    talent = lines.filter(pl.col("item") == "科技人才工作经费").row(0, named=True)
    assert (talent["change_wan"], talent["amount_2022_wan"], talent["change_stated"]) == (D("0"), D("350"), False)
    assert talent["source_lines"] == [872]
