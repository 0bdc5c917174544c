"""Indicator rows, including the ones the extraction shifted."""

from __future__ import annotations

from decimal import Decimal as D

import polars as pl
import pytest

from budgetlens.ingest.indicators import parse_value

PARTY = "420111220670220000102"  # 党建工作经费
BASE = "420111220670310000106"  # 国家示范基地管理费
RESEARCH = "420111220670310000109"  # 科学技术研究与开发资金


def indicator(document, **where) -> dict:
    found = document.tables["indicators"].filter(*[pl.col(k) == v for k, v in where.items()])
    assert found.height == 1, f"{where}: {found.height} rows"
    return found.row(0, named=True)


def test_counts(document):
    table = document.tables["indicators"]
    counts = {(scope, kind): n for scope, kind, n in table.group_by("scope", "goal_kind").len().iter_rows()}
    assert counts == {
        ("department", "long_term"): 13,
        ("department", "annual"): 130,
        ("project", "long_term"): 127,
        ("project", "annual"): 130,
    }
    assert table.filter(pl.col("scope") == "project")["project_code"].n_unique() == 16
    assert table.filter(pl.col("level1").is_null() | pl.col("level2").is_null()).height == 0


def test_value_under_basis_becomes_2023(document):
    row = indicator(document, project_code=PARTY, goal_kind="annual", name="组织党员学习参观活动")
    assert (row["value_2021"], row["value_2022"], row["value_2023"], row["basis"]) == (None, None, "1次", None)
    assert row["placement_inferred"] is True
    assert (row["value_2023_number"], row["value_2023_unit"]) == (D("1"), "次")


def test_unshifted_row_is_not_flagged(document):
    row = indicator(document, project_code=BASE, goal_kind="annual", name="示范基地年度考核星级评定(五星满分评定)")
    assert [row[f"value_{y}"] for y in (2021, 2022, 2023)] == ["三星及以上"] * 3
    assert row["placement_inferred"] is False
    assert row["value_2023_number"] is None  # text, not a quantity


def test_whole_row_shifted_left(document):
    row = indicator(document, project_code=RESEARCH, goal_kind="annual", goal_number=1, name="规上工业总产值")
    assert [row[f"value_{y}"] for y in (2021, 2022, 2023)] == ["280亿元", "350亿元", "400亿元"]
    assert row["placement_inferred"] is True and "shifted left" in row["placement_note"]
    assert row["value_2023_unit"] == "亿元"
    # the same indicator in 1-13 sat where its header says: same values, not flagged
    department = indicator(document, scope="department", goal_kind="annual", goal_number=1, name="规上工业总产值")
    assert [department[f"value_{y}"] for y in (2021, 2022, 2023)] == ["280亿元", "350亿元", "400亿元"]
    assert department["placement_inferred"] is False


def test_irregular_header_in_1_13(document):
    row = indicator(document, scope="department", goal_kind="annual", goal_number=9, level2="数量指标")
    assert row["value_2022"].startswith("发表论文45篇") and row["value_2023"].startswith("发表论文50篇")
    assert "header lost columns" in row["placement_note"]


def test_long_term_value_under_basis(document):
    row = indicator(document, project_code="420111220670310000105", goal_kind="long_term", name="规上工业企业隐患排查")
    assert (row["target"], row["basis"], row["placement_inferred"]) == ("300家/3年", None, True)


def test_long_term_basis_kept(document):
    row = indicator(document, scope="department", goal_kind="long_term", goal_number=2, name="高新技术企业总数")
    assert (row["target"], row["basis"], row["placement_inferred"]) == ("1000家", "计划标准", False)
    assert row["target_number"] == D("1000")


def test_missing_level1_is_restored(document):
    row = indicator(document, project_code=PARTY, goal_kind="annual", name="党组织学习培训")
    assert (row["level1"], row["level2"], row["value_2023"]) == ("满意度指标", "服务对象满意度指标", "95%以上")


def test_split_cells_are_rejoined(document):
    row = indicator(document, project_code=RESEARCH, goal_kind="annual", goal_number=6, name="创新创业活动")
    assert (row["level2"], row["value_2021"], row["value_2022"], row["value_2023"]) == (
        "数量指标",
        "400场",
        "100场",
        "3场",
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("≥5台套", ("≥", D("5"), None, "台套")),
        ("2-3人", (None, D("2"), D("3"), "人")),
        ("95%以上", ("≥", D("95"), None, "%")),
        ("约30项", ("≈", D("30"), None, "项")),
        ("300元/平方米", (None, D("300"), None, "元/平方米")),
        ("≥ 90%", ("≥", D("90"), None, "%")),
        ("0", (None, D("0"), None, None)),
        ("1.5亿元", (None, D("1.5"), None, "亿元")),
        ("三星及以上", (None, None, None, None)),
        ("发表论文50篇,申报新品种2-3个", (None, None, None, None)),
    ],
)
def test_parse_value(raw, expected):
    parsed = parse_value(raw)
    assert (parsed.comparator, parsed.number, parsed.number_max, parsed.unit) == expected


def test_the_ingest_and_the_checks_read_one_framework(document, tmp_path):
    """Some templates print 可持续影响指标 for 可持续性影响指标. The checks' framework had both, the
    ingest's only the latter, so it read the heading as an indicator's name. Both now use one
    framework: a copy of the document with the other spelling reads the same indicators."""
    from budgetlens.ingest import read_document
    from budgetlens.pipeline import aliases_path, checked_tables
    from tests.conftest import ROOT, SOURCE

    copy = tmp_path / SOURCE.name
    copy.write_text(SOURCE.read_text(encoding="utf-8").replace("可持续性影响指标", "可持续影响指标"), encoding="utf-8")
    respelled = read_document(copy).tables["indicators"]
    original = document.tables["indicators"]
    assert respelled.height == original.height == 400
    assert respelled["name"].to_list() == original["name"].to_list()
    assert respelled["level2"].to_list() == [
        "可持续影响指标" if level == "可持续性影响指标" else level for level in original["level2"]
    ]
    assert respelled.filter(pl.col("level2") == "可持续影响指标")["name"].to_list() == ["高技术产业持续发展壮大"]
    checks = checked_tables(read_document(copy), aliases_path(ROOT / "data", SOURCE.stem))[1]
    levels = checks.filter(pl.col("rule_id") == "indicators.levels")
    assert levels.height == 34 and set(levels["status"]) == {"pass"}
