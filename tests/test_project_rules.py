"""The rules over projects and the department's funds by year read the canonical tables only (issue 18).

1-13.composition, 1-13.shares, 1-14.project_budget, 1-14.details_sum, 1-14.funding_numbers, 1-14.funding_lines,
1-14.project_texts, across.projects_total, across.project_list, across.categories, across.personnel and
derived.research_2022: on the seed they give exactly their 182 pinned results from the canonical tables alone; on a
document that does not print their inputs each says so once; on a PDF's project forms they run (values below read
off the rendered pages).
"""

from __future__ import annotations

import json
from decimal import Decimal

import polars as pl
import pytest

from budgetlens.canonical.model import SCHEMAS
from budgetlens.checks import across
from budgetlens.checks import canonical as canonical_checks
from budgetlens.checks.model import SCHEMA
from budgetlens.frames import frame
from budgetlens.pipeline import aliases_path, checked_tables
from tests.conftest import DOC_ID, ROOT, SNAPSHOTS, shared
from tests.test_seed_checks_pinned import GOLDEN, pinned_rows


def project_rules(tables: dict[str, pl.DataFrame]) -> list[dict]:
    """The rules over projects and funds by year, as checks.run runs them (within, across and structure's parts)."""
    from budgetlens.checks import structure, within

    return [
        *within.funds_composition(tables),
        *within.project_money(tables),
        *structure.funding_numbers(tables),
        *structure.funding_lines(tables),
        *structure.project_texts(tables),
        *across.projects(tables),
        *across.categories(tables),
        *across.personnel(tables),
        *across.research_fund_previous(tables),
    ]


PROJECT_RULES = (
    "1-13.composition",
    "1-13.shares",
    "1-14.project_budget",
    "1-14.details_sum",
    "1-14.funding_numbers",
    "1-14.funding_lines",
    "1-14.project_texts",
    "across.projects_total",
    "across.project_list",
    "across.categories",
    "across.personnel",
    "derived.research_2022",
)
WANLI_2023 = "shanghai_putuo_wanlijiedao_2023_bumen_yusuan"
SEED_TABLES = ("s0", "s1", "project_names")  # every schedule table of the text export (s01_ … s14_) and its names


@pytest.fixture(scope=shared)
def canonical_only(document) -> dict[str, pl.DataFrame]:
    """The seed's tables with every table of the text export's own schedules and its name resolution taken away."""
    tables, _ = checked_tables(document, aliases_path(ROOT / "data", DOC_ID))
    kept = {name: table for name, table in tables.items() if not name.startswith(SEED_TABLES)}
    assert not any(name.startswith(("s13", "s14", "project_names")) for name in kept)
    assert "listed_projects" in kept and "funds_by_year" in kept
    return kept


def _by_id(results: list[dict]) -> dict[tuple[str, str], dict]:
    return {(row["rule_id"], row["instance"]): row for row in results}


def _snapshot_tables(doc_id: str) -> dict[str, pl.DataFrame]:
    folder = SNAPSHOTS / doc_id
    return {path.stem: pl.read_parquet(path) for path in folder.glob("*.parquet")}


def test_the_project_rules_give_their_182_pinned_seed_results_from_the_canonical_tables_alone(canonical_only):
    results = project_rules(canonical_only)
    pinned = [
        line for line in GOLDEN.read_text(encoding="utf-8").splitlines()[1:] if json.loads(line)[0] in PROJECT_RULES
    ]
    assert len(pinned) == len(results) == 182
    assert pinned_rows(frame(results, SCHEMA))[1:] == pinned


def test_the_seeds_project_list_is_in_the_canonical_model_with_the_project_each_name_resolves_to(canonical_only):
    """附表1-13 项目支出情况, values as the text export prints them (lines 443, 447, 450)."""
    listed = canonical_only["listed_projects"].filter(pl.col("item") == "annual_total")
    assert listed.height == 16
    by_seq = {row["seq"]: row for row in listed.iter_rows(named=True)}
    assert by_seq[1]["project"] == "科学技术研究与开发资金" and by_seq[1]["amount_wan"] == Decimal("18000")
    assert by_seq[1]["source_lines"] == [443]
    # printed 中小企业服务体系 (10) in 1-13; its 1-14 form is 中小企业服务体系建设, through the alias table
    assert (by_seq[5]["project"], by_seq[5]["project_listed"]) == ("中小企业服务体系", "中小企业服务体系建设")
    assert by_seq[5]["amount_wan"] == Decimal("10") and by_seq[5]["category"] == "特定目标类"
    assert (by_seq[8]["category"], by_seq[8]["amount_wan"]) == ("其他运转类", Decimal("75.4"))
    # 项目总预算 is printed blank in 2023: listed, not stated
    totals = canonical_only["listed_projects"].filter(pl.col("item") == "project_total")
    assert totals.height == 16 and totals["amount_wan"].null_count() == 16
    assert set(totals["amount_printed"].to_list()) == {""}


def test_the_seeds_categories_finding_holds_from_the_canonical_tables(canonical_only):
    """附表1-13 line 436 states 运转类项目支出 237.22; 附表1-5's 公用经费 plus the three listed 其他运转类 projects
    (2, 0.7, 75.4) give 237.21: the seed's one across.categories failure."""
    found = _by_id(across.categories(canonical_only))[("across.categories", "运转类")]
    assert found["status"] == "fail"
    assert (found["expected"], found["actual"]) == (Decimal("237.22"), Decimal("237.21"))
    assert found["actual_lines"] == [246, 444, 445, 450]


def test_a_document_without_the_inputs_gets_one_not_applicable_row_per_rule_with_its_reason():
    empty = {name: pl.DataFrame(schema=schema) for name, schema in SCHEMAS.items()}
    results = project_rules(empty)
    assert [row["rule_id"] for row in results] == list(PROJECT_RULES)
    assert all(row["status"] == "not_applicable" and row["note"] for row in results)
    assert all("{" not in row["description_zh"] for row in results)  # no year placeholder left unfilled


def test_every_pdf_snapshot_without_project_forms_says_so_once_per_rule():
    for folder in sorted(SNAPSHOTS.iterdir()):
        if not folder.is_dir() or folder.name in (DOC_ID, WANLI_2023):
            continue
        checks = pl.read_parquet(folder / "checks.parquet").filter(pl.col("rule_id").is_in(PROJECT_RULES))
        assert checks.height == len(PROJECT_RULES), folder.name
        assert set(checks["status"]) == {"not_applicable"}, folder.name


def test_wanli_2023s_project_forms_hold_their_total_against_the_years_amount():
    """万里街道 2023 p31–35 print five 财政项目支出绩效目标填报表 (元). p31 新建万里街道社区公共服务中心: 项目资金总额
    4,100,000.00 and 年度资金申请总额 4,100,000.00; p35 公共服务设施运行经费: 10,903,043.00 and 10,903,043.00 (its
    当年财政拨款 11,419,043.00 is canonical.project_funds's finding, not these rules'). Both forms run 2023-01-01 to
    2023-12-31. No form prints funding-source lines or expense details: those rules are not applicable, once each."""
    tables = _snapshot_tables(WANLI_2023)
    checks, cells = canonical_checks.run(tables)
    mine = checks.filter(pl.col("rule_id").is_in(PROJECT_RULES))
    budget = mine.filter(pl.col("rule_id") == "1-14.project_budget")
    assert budget.height == 5 and set(budget["status"]) == {"pass"}
    found = {row["instance"]: row for row in budget.iter_rows(named=True)}
    first = found["新建万里街道社区公共服务中心 · 总预算"]
    assert (first["expected"], first["actual"]) == (Decimal("410"), Decimal("410"))
    assert first["expected_label"] == "新建万里街道社区公共服务中心 年度资金申请总额"
    assert first["actual_label"] == "新建万里街道社区公共服务中心 项目资金总额"
    last = found["公共服务设施运行经费 · 总预算"]
    assert (last["expected"], last["actual"]) == (Decimal("1090.3043"), Decimal("1090.3043"))
    where = cells.filter(pl.col("instance") == "公共服务设施运行经费 · 总预算")
    assert sorted(where["page"].to_list()) == [35, 35]
    others = mine.filter(pl.col("rule_id") != "1-14.project_budget")
    assert others.height == len(PROJECT_RULES) - 1 and set(others["status"]) == {"not_applicable"}


def _with(tables: dict[str, pl.DataFrame], name: str, changed: pl.DataFrame) -> dict[str, pl.DataFrame]:
    return {**tables, name: changed}


def test_a_listed_amount_that_differs_from_its_form_fails_the_list_and_the_sum(canonical_only):
    listed = canonical_only["listed_projects"].with_columns(
        pl.when((pl.col("seq") == 2) & (pl.col("item") == "annual_total"))
        .then(pl.col("amount_wan") + Decimal("0.01"))
        .otherwise(pl.col("amount_wan"))
        .alias("amount_wan")
    )
    found = _by_id(across.projects(_with(canonical_only, "listed_projects", listed)))
    assert found[("across.project_list", "党建工作经费")]["status"] == "fail"
    assert found[("across.projects_total", "1-13 项目之和")]["status"] == "fail"
    assert found[("across.projects_total", "1-14 项目之和")]["status"] == "pass"


def test_the_forms_are_added_up_only_where_every_listed_project_has_one(canonical_only):
    listed = canonical_only["listed_projects"].with_columns(
        pl.when(pl.col("seq") == 5).then(None).otherwise(pl.col("project_listed")).alias("project_listed")
    )
    found = _by_id(across.projects(_with(canonical_only, "listed_projects", listed)))
    assert found[("across.projects_total", "1-14 项目之和")]["status"] == "not_applicable"
    unmatched = found[("across.project_list", "中小企业服务体系")]
    assert unmatched["status"] == "not_applicable" and unmatched["actual_label"] == "附表1-14 无对应项目"


def test_a_multi_year_form_whose_total_exceeds_the_year_is_not_a_contradiction(canonical_only):
    name = "党建工作经费"
    projects = canonical_only["projects"].with_columns(
        pl.when(pl.col("project") == name).then(pl.lit("2022-01-01")).otherwise(None).alias("start"),
        pl.when(pl.col("project") == name).then(pl.lit("2024-12-31")).otherwise(None).alias("end"),
    )
    funds = canonical_only["project_funds"].with_columns(
        pl.when((pl.col("project") == name) & (pl.col("item") == "project_total"))
        .then(Decimal("6"))
        .otherwise(pl.col("amount_wan"))
        .alias("amount_wan")
    )
    tables = _with(_with(canonical_only, "projects", projects), "project_funds", funds)
    row = _by_id(project_rules(tables))[("1-14.project_budget", f"{name} · 总预算")]
    assert row["status"] == "not_applicable" and "跨年度" in row["note"]
    one_year = _with(canonical_only, "project_funds", funds)
    assert _by_id(project_rules(one_year))[("1-14.project_budget", f"{name} · 总预算")]["status"] == "fail"


def test_a_funding_line_over_its_source_and_a_missing_reason_fail(canonical_only):
    name = "党建工作经费"
    funds = canonical_only["project_funds"]
    part = funds.with_row_index().filter(
        (pl.col("project") == name) & (pl.col("item") == "source_part") & pl.col("amount_wan").is_not_null()
    )["index"][0]
    over = funds.with_columns(
        pl.when(pl.int_range(pl.len()) == part).then(Decimal("99")).otherwise(pl.col("amount_wan")).alias("amount_wan")
    )
    label = funds["measure_printed"][part]
    found = _by_id(project_rules(_with(canonical_only, "project_funds", over)))
    assert found[("1-14.details_sum", f"{name} · {label}")]["status"] == "fail"
    projects = canonical_only["projects"].with_columns(
        pl.when(pl.col("project") == name).then(None).otherwise(pl.col("reason")).alias("reason")
    )
    texts = _by_id(project_rules(_with(canonical_only, "projects", projects)))[("1-14.project_texts", name)]
    assert (texts["status"], texts["actual_text"]) == ("fail", "缺申请理由")


def test_the_research_funds_year_before_is_derived_from_the_stated_line_changes(canonical_only):
    """附表1-14 科学技术研究与开发资金: 2023's lines minus the stated changes give the stated 2022 budget 23000."""
    (row,) = across.research_fund_previous(canonical_only)
    assert (row["instance"], row["status"], row["expected"]) == ("科学技术研究与开发资金", "pass", Decimal("23000"))
    assert "2022" in row["description_zh"] and "{" not in row["description_zh"]
    dropped = canonical_only["project_changes"].filter(pl.int_range(pl.len()) > 0)
    (changed,) = across.research_fund_previous(_with(canonical_only, "project_changes", dropped))
    assert changed["status"] == "fail"


def test_a_form_without_the_dates_the_other_forms_print_is_not_held_to_one_year():
    """万里街道 2023's forms print 计划开始日期 / 计划完成日期 (2023-01-01, 2023-12-31): one without them could be a
    project over several years, so its total is not held against the year's amount; with them it is."""
    tables = _snapshot_tables(WANLI_2023)
    name = "就业援助基地补贴"
    undated = tables["projects"].with_columns(
        pl.when(pl.col("project") == name).then(None).otherwise(pl.col("start")).alias("start"),
        pl.when(pl.col("project") == name).then(None).otherwise(pl.col("end")).alias("end"),
    )
    larger = tables["project_funds"].with_columns(
        pl.when((pl.col("project") == name) & (pl.col("item") == "project_total"))
        .then(Decimal("1000"))
        .otherwise(pl.col("amount_wan"))
        .alias("amount_wan")
    )
    key = ("1-14.project_budget", f"{name} · 总预算")
    row = _by_id(project_rules({**tables, "projects": undated, "project_funds": larger}))[key]
    assert row["status"] == "not_applicable" and "未写明" in row["note"]
    dated = _by_id(project_rules({**tables, "project_funds": larger}))[key]
    assert (dated["status"], dated["expected"], dated["actual"]) == ("fail", Decimal("635.1"), Decimal("1000"))
    assert dated["schedules"] == ["绩效目标表"]
