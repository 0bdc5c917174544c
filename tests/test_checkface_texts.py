"""数据核对 shows where two long texts of a check differ (the tour: a reader could not find the one character).
hongshan_kejingju_2023's text export, read with sed -n: line 461 (附表1-13 目标列表) prints “打造5C+工业互联网”,
line 480 (指标表标题) “打造5G+工业互联网”; line 590 (1-13) “营造用才爱才氛围”, line 893 (1-14 科学技术研究与开发资金
年度绩效目标8) “营造爱才爱才氛围”. The checks (goals.text) hold those texts as read."""

from __future__ import annotations

import polars as pl

from budgetlens.check_queries import text_difference
from tests.conftest import SNAPSHOTS
from tests.test_app import open_page

HONGSHAN = "hongshan_kejingju_2023"


def _goal_texts(instance: str) -> tuple[str, str]:
    checks = pl.read_parquet(SNAPSHOTS / HONGSHAN / "checks.parquet")
    row = checks.filter(pl.col("rule_id") == "goals.text", pl.col("instance") == instance).row(0, named=True)
    return row["expected_text"], row["actual_text"]


def test_the_one_differing_character_of_two_goal_texts_is_bracketed():
    first, second = _goal_texts("年度目标1 · 1-13 列表 vs 标题")
    assert len(first) == len(second) > 200  # two long texts, one character apart
    assert text_difference(first, second) == (
        "…点工业企业打造5〔C〕+工业互联网的应…",
        "…点工业企业打造5〔G〕+工业互联网的应…",
    )
    first, second = _goal_texts("年度目标8 · 1-13 vs 科学技术研究与开发资金")
    assert text_difference(first, second) == ("…秀人才典型,营造〔用〕才爱才氛围", "…秀人才典型,营造〔爱〕才爱才氛围")


def test_what_one_side_lacks_is_an_empty_bracket_and_distant_differences_are_excerpts_apart():
    assert text_difference("目标：完成项目验收一项，资金支付到位", "目标：完成项目验收一项，资金全部支付到位") == (
        "…目验收一项，资金〔〕支付到位",
        "…目验收一项，资金〔全部〕支付到位",
    )
    apart = text_difference("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉", "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申戌")
    assert apart == ("…丑寅卯辰巳午未申〔酉〕", "…丑寅卯辰巳午未申〔戌〕")
    far = text_difference("一" + "中" * 30 + "二", "甲" + "中" * 30 + "乙")
    assert far == ("〔一〕中中中中中中中中…中中中中中中中中〔二〕", "〔甲〕中中中中中中中中…中中中中中中中中〔乙〕")


def test_short_or_unalike_texts_are_left_whole():
    assert text_difference("95%以上", "95%") is None  # short: read at a glance
    assert text_difference("科技人才培养", "（无同名指标）") is None
    assert text_difference("一个很长的目标文字，写了很多内容", "另一段完全不同的说明，毫无相同之处可言") is None
    assert text_difference(None, "文字") is None


def test_the_card_says_where_the_goal_texts_differ():
    app = open_page("pages/checks.py", doc=HONGSHAN, part="2")  # findings 11-20 hold the goal texts
    cards = [m.value for m in app.markdown if "goals\\.text" in m.value]
    assert len(cards) == 2
    first = cards[0]
    assert "- 两边不同的字（在〔〕内；〔〕为空即这一方没有）：" in first
    assert "  - 附表1\\-13 目标列表：…点工业企业打造5〔C〕\\+工业互联网的应…" in first  # escaped document text
    assert "  - 附表1\\-13 指标表标题：…点工业企业打造5〔G〕\\+工业互联网的应…" in first
    assert "打造5C\\+工业互联网的应用标杆项目4项" in first  # the whole text still shown as read
    assert "营造〔用〕才爱才氛围" in cards[1] and "营造〔爱〕才爱才氛围" in cards[1]
