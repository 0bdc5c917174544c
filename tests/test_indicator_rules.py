"""The goal and indicator rules (budgetlens/checks/indicators.py) read the canonical tables only.

On the text export they give exactly their 521 pinned results (tests/golden/seed_checks.jsonl) from the canonical
tables alone; on a PDF they run where the document prints a 绩效目标表 (上海市普陀区万里街道 2023: five
财政项目支出绩效目标填报表, pages 31-35) and say "not applicable", once per rule, where it does not. The counts
and values below are read off the rendered pages (pdftoppm -r 110 -f 31 -l 35).
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal

import polars as pl
import pytest

from budgetlens.canonical.model import SCHEMAS
from budgetlens.checks import canonical, indicators
from budgetlens.checks.model import SCHEMA
from budgetlens.frames import frame
from budgetlens.pipeline import aliases_path, checked_tables
from budgetlens.store import load_snapshot
from tests.conftest import DOC_ID, ROOT, SNAPSHOTS
from tests.test_seed_checks_pinned import GOLDEN, pinned_rows

RULE_IDS = {rule.id for rule in indicators.RULES}
FORMS = "shanghai_putuo_wanlijiedao_2023_bumen_yusuan"
# each form's 项目名称 and the 三级指标 rows it prints (p31 5, p32 4, p33 4, p34 15 数量 + 8 质量 + 14 社会效益
# + 6 满意度, p35 9), as counted on the rendered pages
FORM_INDICATORS = {
    "新建万里街道社区公共服务中心": (31, 5),
    "就业援助基地补贴": (32, 4),
    "社区环境整治和建设经费": (33, 4),
    "各类工作经费": (34, 43),
    "公共服务设施运行经费": (35, 9),
}


def _mine(checks: pl.DataFrame) -> pl.DataFrame:
    return checks.filter(pl.col("rule_id").is_in(RULE_IDS))


def test_the_goal_and_indicator_rules_give_their_521_pinned_results_from_the_canonical_tables_alone(document):
    """Run on the canonical tables alone (every table the canonical model does not name taken away: the text
    export's goals, indicators, s13_*/s14_* and project_names), the rules give exactly their pinned results."""
    tables, _ = checked_tables(document, aliases_path(ROOT / "data", DOC_ID))
    canonical_only = {name: table for name, table in tables.items() if name in SCHEMAS}
    assert {"goals", "indicators", "s14_projects", "s13_texts", "project_names"} & set(canonical_only) == set()
    assert {"performance_indicators", "indicator_values", "project_goals"} <= set(canonical_only)
    results = indicators.run(canonical_only)
    pinned = [line for line in GOLDEN.read_text(encoding="utf-8").splitlines()[1:] if json.loads(line)[0] in RULE_IDS]
    counts = Counter(row["rule_id"] for row in results)
    assert counts == {
        "indicators.1-13_vs_1-14": 389,
        "indicators.levels": 34,
        "indicators.name_shape": 34,
        "goals.figures": 14,
        "goals.text": 50,
    }
    assert len(pinned) == len(results) == 521
    assert pinned_rows(frame(results, SCHEMA))[1:] == pinned


def test_a_changed_canonical_value_changes_the_seeds_result(document):
    """The rule compares what indicator_values holds: the department's 2023 value of 科技人才培养's twin changed in
    the canonical table alone makes its comparison fail."""
    tables, _ = checked_tables(document, aliases_path(ROOT / "data", DOC_ID))
    canonical_only = {name: table for name, table in tables.items() if name in SCHEMAS}
    before = {(r["instance"], r["status"]) for r in indicators.run(canonical_only)}
    department = canonical_only["performance_indicators"].filter(
        pl.col("project").is_null(), pl.col("goal_kind") == "annual", pl.col("goal_number") == 2
    )
    first = department.row(0, named=True)
    values = canonical_only["indicator_values"].with_columns(
        pl.when((pl.col("indicator") == first["indicator"]) & (pl.col("year") == 2023))
        .then(pl.lit("不少于999个"))
        .otherwise(pl.col("value_printed"))
        .alias("value_printed")
    )
    after = indicators.run({**canonical_only, "indicator_values": values})
    changed = {(r["instance"], r["status"]) for r in after} - before
    assert changed == {(f"部门年度目标2 ↔ 科学技术研究与开发资金 年度目标2 · {first['name']} · 2023", "fail")}


@pytest.fixture(scope="module")
def forms():
    return load_snapshot(SNAPSHOTS / FORMS)


def test_on_a_pdfs_project_forms_the_headings_and_names_are_checked_per_form(forms):
    checks, cells = canonical.run(forms.tables)
    mine = _mine(checks)
    assert mine.filter(pl.col("status") == "fail").is_empty()  # the forms' headings and names are as printed
    for rule, finding in (("indicators.levels", "属于其一级指标"), ("indicators.name_shape", "都是事项")):
        rows = mine.filter(pl.col("rule_id") == rule)
        assert rows.height == len(FORM_INDICATORS)
        for project, (page, count) in FORM_INDICATORS.items():
            row = rows.filter(pl.col("instance") == f"{project} · 绩效指标").row(0, named=True)
            assert (row["status"], row["actual_label"], row["actual_text"]) == ("pass", f"{count} 个指标", finding)
            assert row["schedules"] == ["绩效目标表"]
            where = cells.filter(pl.col("rule_id") == rule, pl.col("instance") == row["instance"])
            assert where.height == count and set(where["page"]) == {page}


def test_a_pdf_without_department_indicators_or_numbered_goals_says_so_once_per_rule(forms):
    checks, _ = canonical.run(forms.tables)
    absent = _mine(checks).filter(pl.col("status") == "not_applicable")
    assert dict(absent.select("rule_id", "note").iter_rows()) == {
        "indicators.1-13_vs_1-14": "本文件没有部门整体绩效指标",
        "goals.text": "本文件没有编号的绩效目标（部门整体的目标列表和指标表标题，或与之对应的项目目标）",
        "goals.figures": "本文件的目标文字中没有与同一事项、同一单位的指标对应的数字",
    }


PDFS_WITHOUT_FORMS = sorted(
    path.name
    for path in SNAPSHOTS.iterdir()
    if path.is_dir() and path.name not in (DOC_ID, FORMS) and (path / "manifest.json").is_file()
)


@pytest.mark.parametrize("doc_id", PDFS_WITHOUT_FORMS)
def test_a_pdf_without_a_performance_table_gets_one_not_applicable_row_per_rule(doc_id):
    checks, cells = canonical.run(load_snapshot(SNAPSHOTS / doc_id).tables)
    mine = _mine(checks)
    assert sorted(mine["rule_id"]) == sorted(RULE_IDS)
    assert set(mine["status"]) == {"not_applicable"}
    assert set(mine["note"]) == {"本文件没有绩效指标表（部门整体或项目的绩效目标表）"}
    assert cells.filter(pl.col("rule_id").is_in(RULE_IDS)).is_empty()


def _with_goal(tables: dict, project: str, added: str) -> dict:
    projects = tables["projects"].with_columns(
        pl.when(pl.col("project") == project)
        .then(pl.col("goal_annual") + added)
        .otherwise(pl.col("goal_annual"))
        .alias("goal_annual")
    )
    return {**tables, "projects": projects}


@pytest.mark.parametrize(("stated", "status"), [("150", "pass"), ("160", "fail")])
def test_a_figure_in_a_forms_annual_goal_is_held_against_the_forms_indicator(forms, stated, status):
    """p34 prints 日常走访企业 with 年度指标值 >150.00(家); its 年度总体目标 states no such figure. A goal that said
    “日常走访企业{stated}家” would be held against it."""
    checks, cells = canonical.run(_with_goal(forms.tables, "各类工作经费", f"日常走访企业{stated}家。"))
    figures = _mine(checks).filter(pl.col("rule_id") == "goals.figures")
    assert figures.height == 1
    row = figures.row(0, named=True)
    assert row["instance"] == f"各类工作经费 · 日常走访企业{stated}家"
    assert (row["status"], row["expected"], row["actual"], row["unit"]) == (
        status,
        Decimal(stated),
        Decimal("150"),
        "家",
    )
    assert row["actual_label"] == "指标「日常走访企业」当年值 >150.00(家)"
    assert set(cells.filter(pl.col("rule_id") == "goals.figures")["page"]) == {34}


def test_a_form_indicator_under_the_wrong_heading_or_with_a_value_for_a_name_fails_on_its_page(forms):
    """p31: 规划建筑面积 is a 数量指标 under 产出指标; moved under 满意度指标, and a name replaced by a value,
    they fail."""
    indicators_table = forms.tables["performance_indicators"]
    name = pl.col("name")
    broken = indicators_table.with_columns(
        pl.when(name == "规划建筑面积").then(pl.lit("满意度指标")).otherwise(pl.col("level1")).alias("level1"),
        pl.when(name == "完工及时率").then(pl.lit("≥95%")).otherwise(name).alias("name"),
    )
    checks, cells = canonical.run({**forms.tables, "performance_indicators": broken})
    failing = _mine(checks).filter(pl.col("status") == "fail")
    assert sorted(failing.select("rule_id", "instance", "expected_text", "actual_text").rows()) == [
        ("indicators.levels", "新建万里街道社区公共服务中心 · 绩效指标 · 规划建筑面积", "满意度指标", "数量指标"),
        ("indicators.name_shape", "新建万里街道社区公共服务中心 · 绩效指标 · ≥95%", "一个事项", "≥95%"),
    ]
    assert set(cells.filter(pl.col("instance").is_in(failing["instance"].to_list()))["page"]) == {31}


def test_a_performance_table_read_without_indicators_is_our_gap_not_the_documents(forms):
    """Where the document prints its forms (pp. 31-35) but no indicator was read from them, the rules do not say
    the document has none: they say the reading has a gap, naming the pages."""
    empty = forms.tables["performance_indicators"].clear()
    checks, _ = canonical.run({**forms.tables, "performance_indicators": empty})
    mine = _mine(checks)
    assert mine.height == len(RULE_IDS) and set(mine["status"]) == {"not_applicable"}
    assert set(mine["note"]) == {
        "本文件印有绩效目标表（第 31、32、33、34、35 页），但没有从中读出绩效指标：这是读取的缺口，不是文件的内容"
    }


def test_a_heading_not_read_is_left_unjudged_not_called_the_documents_error(forms):
    """p32 prints 产出指标 over 补贴对象申请审核完成率 (a merged cell); had the reader lost it, the indicator's headings
    could not be judged: the table passes on the others and says one was left unchecked, it does not fail."""
    table = forms.tables["performance_indicators"]
    lost = table.with_columns(
        pl.when(pl.col("name") == "补贴对象申请审核完成率").then(None).otherwise(pl.col("level1")).alias("level1")
    )
    checks, _ = canonical.run({**forms.tables, "performance_indicators": lost})
    row = check_row(checks, "indicators.levels", "就业援助基地补贴 · 绩效指标")
    assert (row["status"], row["actual_label"], row["note"]) == (
        "pass",
        "4 个指标",
        "其中 1 个指标的一级指标或二级指标为空，未核对",
    )
    assert _mine(checks).filter(pl.col("status") == "fail").is_empty()


def check_row(checks: pl.DataFrame, rule_id: str, instance: str) -> dict:
    found = checks.filter(pl.col("rule_id") == rule_id, pl.col("instance") == instance)
    assert found.height == 1
    return found.row(0, named=True)
