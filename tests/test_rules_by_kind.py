"""The rules written for the text export's numbered schedules (附表1-1 … 1-14) find their tables by kind
(budgetlens/checks/numbered.py): a document that prints those tables in another template's form is checked there
by the general rules and gets no "not applicable" row for numbers it does not print; a document that lacks a
table gets one such row per rule, naming the table."""

from __future__ import annotations

import polars as pl
import pytest

from budgetlens.checks import across, canonical, numbered, within
from budgetlens.pipeline import aliases_path, checked_tables
from budgetlens.store import load_snapshot
from tests.conftest import DOC_ID, ROOT, SNAPSHOTS, shared
from tests.test_seed_checks_pinned import across_template_rules

JIANCHAYUAN_2018 = "jiangsu_jianchayuan_2018_bumen_yusuan"
COVERED_RULES = {  # the template rules whose identities the general rules (checks/canonical.py) check on any table
    *(f"{n}.{part}" for n in ("1-3", "1-5", "1-6") for part in ("hierarchy", "row")),
    "1-1.sides",
    "1-1.balance",
    "1-2.columns",
    "1-2.rows",
    "1-4.sides",
    "1-7.sum",
    "across.totals",
    "across.classes",
    "across.1-3_vs_1-5",
    "across.1-5_vs_1-6",
}
PDFS = sorted(
    path.parent.name
    for path in SNAPSHOTS.glob("*/manifest.json")
    if '"format": "pdf"' in path.read_text(encoding="utf-8")
)


@pytest.fixture(scope=shared)
def seed_tables() -> dict[str, pl.DataFrame]:
    from budgetlens.ingest import read_document

    document = read_document(ROOT / "data" / "raw" / f"{DOC_ID}.txt")
    return checked_tables(document, aliases_path(ROOT / "data", DOC_ID))[0]


def template_results(tables: dict[str, pl.DataFrame]) -> list[dict]:
    return [*within.template_rules(tables), *across_template_rules(tables)]


def test_the_template_tables_are_found_by_kind_and_scope_not_by_number(seed_tables):
    """The seed numbers its tables 附表1-N; renumbered (as another template would), each is still found by what it
    is: 附表1-5 is the 一般公共预算 expenditure table by function, 1-6 the basic one by economic class."""
    renamed = seed_tables["schedules"].with_columns(pl.lit("表").alias("number_printed"))
    tables = {**seed_tables, "schedules": renamed}
    found = {number: (numbered.schedule(tables, number) or {}).get("table_id") for number in numbered.TEMPLATE}
    assert found == {
        "1-1": "t01",
        "1-2": "t02",
        "1-3": "t03",
        "1-4": "t04",
        "1-5": "t05",
        "1-6": "t06",
        "1-7": "t07",
        "1-11": "t11",
        "1-12": "t12",
        "1-14": "t14",  # the table holding the project forms' funds
    }
    # not in the template's form any more: the covered rules add nothing (1-11.totals: canonical.listing_sums adds up
    # a procurement table in another form), the other listing rules say once that they did not check
    results = template_results(tables)
    assert not {row["rule_id"] for row in results} & COVERED_RULES
    unchecked = {row["rule_id"]: row for row in results}
    assert set(unchecked) == {
        "1-11.price",
        "1-12.totals",
        "across.services_vs_budget",
        "across.procurement_vs_budget",
        "across.services_in_procurement",
    }
    assert {row["status"] for row in results} == {"not_applicable"} and len(results) == 5  # one row per rule
    assert unchecked["1-11.price"]["note"].startswith("本文件的政府采购表不是附表1-11的格式")


def test_a_document_lacking_a_table_gets_one_row_per_rule_naming_it(seed_tables):
    """Without its 支出总表 (附表1-3's kind) the seed's rules over 1-3 say once each that the document lacks it."""
    schedules = seed_tables["schedules"].filter(pl.col("kind") != "expenditure")
    results = template_results({**seed_tables, "schedules": schedules})
    over_1_3 = [row for row in results if row["rule_id"] in ("1-3.hierarchy", "1-3.row", "across.1-3_vs_1-5")]
    assert [row["rule_id"] for row in over_1_3] == ["1-3.hierarchy", "1-3.row", "across.1-3_vs_1-5"]
    for row in over_1_3:
        assert row["status"] == "not_applicable" and row["instance"] == "（本文件无此表）"
        assert row["note"].startswith("本文件没有支出总表；") and row["schedules"] == []
    assert [row["rule_id"] for row in results if row["rule_id"] == "across.totals"] == ["across.totals"]
    # the rules over the tables it still prints run as before (附表1-5's hierarchy: its 合计 row and codes)
    assert any(row["rule_id"] == "1-5.hierarchy" and row["status"] == "pass" for row in results)


@pytest.fixture(scope=shared)
def pdf_checks() -> dict[str, pl.DataFrame]:
    return {doc_id: canonical.run(load_snapshot(SNAPSHOTS / doc_id).tables)[0] for doc_id in PDFS}


def test_jianchayuan_2018_is_back_to_what_it_cannot_check(pdf_checks):
    """江苏省人民检察院 2018 prints 公开01–12表 (收支总表 … 政府采购预算表) and no 政府购买服务表 and no project
    forms: 14 not applicable (8 general, 1-11.price, 1-12.totals, the three purchases-against-projects rules and
    names.resolved, each once), none for a number it does not print (it was 30 with one row
    per rule over 附表1-1 … 1-12). Its procurement table (公开12表, by group, project and item) is added up by
    canonical.listing_sums instead of 1-11.totals. (The project and indicator rules, which find their inputs by
    kind too, add one not-applicable row each: no project forms, no 绩效目标表, no narrative read item by item.)"""
    from budgetlens.checks import indicators, narrative

    checks = pdf_checks[JIANCHAYUAN_2018]
    elsewhere = {rule.id for rule in (*across.PROJECT_RULES, *indicators.RULES, *narrative.RULES)}
    not_applicable = checks.filter(pl.col("status") == "not_applicable")
    theirs = not_applicable.filter(pl.col("rule_id").is_in(elsewhere))
    assert theirs["rule_id"].is_unique().all() and theirs.height == 22  # 12 project, 5 indicator, 5 narrative rules
    not_applicable = not_applicable.filter(~pl.col("rule_id").is_in(elsewhere))
    # the narrative's 人员经费 / 公用经费 (p27, again p28): a budget's economic table prints no 人员经费合计 line
    # to hold them against, so canonical.narrative is not applicable to them, once per statement
    split = not_applicable.filter(pl.col("rule_id") == "canonical.narrative", pl.col("instance").str.contains("经费 "))
    assert sorted(split["instance"]) == [
        "第 27 页：人员经费 11,257.35万元",
        "第 27 页：公用经费 2,722.57万元",
        "第 28 页：人员经费 11,257.35万元",
        "第 28 页：公用经费 2,722.57万元",
    ]
    not_applicable = not_applicable.filter(~pl.col("instance").is_in(split["instance"].to_list()))
    # 14: narrative.same_item now has items to hold (人员经费, 公用经费 stated twice) and passes, no longer one of them;
    # narrative.executed_change finds no 上年预算执行数 clause
    assert not_applicable.height == 14
    assert "narrative.same_item" not in not_applicable["rule_id"]
    listing = not_applicable.filter(pl.col("instance") == "（本文件无此表）", pl.col("rule_id") != "names.resolved")
    assert dict(zip(listing["rule_id"], listing["note"], strict=True)) == {
        "1-11.price": f"本文件的政府采购表不是附表1-11的格式；{within.LISTING_FORM}",
        "1-12.totals": f"本文件没有政府购买服务表；{within.LISTING_FORM}",
        "across.services_vs_budget": f"本文件没有政府购买服务表、项目表（项目资金）；{across.PURCHASES_FORM}",
        "across.procurement_vs_budget": f"本文件没有政府购买服务表、项目表（项目资金）；{across.PURCHASES_FORM}",
        "across.services_in_procurement": f"本文件没有政府购买服务表；{across.PURCHASES_FORM}",
    }
    # its three findings are the narrative's percentages, as before (p23 增长21.95 %, p26 增长0.06%, 降幅0.66 %)
    failing = checks.filter(pl.col("status") == "fail")
    assert sorted(failing["instance"]) == [
        "第 23 页：21,955.35万元，增加3,958.67万元，增长21.95 %",
        "第 26 页：1,895万元，减少134万元，降幅0.66 %",
        "第 26 页：3,666万元，增加21.8万元，增长0.06%",
    ]


def test_no_pdf_gets_a_row_from_a_covered_rule_and_each_rule_says_not_applicable_at_most_once(pdf_checks):
    assert len(PDFS) >= 10
    for doc_id, checks in pdf_checks.items():
        assert not set(checks["rule_id"]) & COVERED_RULES, doc_id
        absent = checks.filter(pl.col("instance") == "（本文件无此表）")
        assert absent["rule_id"].is_unique().all(), doc_id


def test_the_pdfs_failures_are_those_they_had(pdf_checks):
    """Finding the tables by kind adds no failure and takes none away (the counts before this change)."""
    failing = {doc_id: checks.filter(pl.col("status") == "fail").height for doc_id, checks in pdf_checks.items()}
    assert failing == {
        "jiangsu_gaoji_fayuan_2017_bumen_yusuan": 1,
        "jiangsu_jianchayuan_2017_bumen_yusuan": 5,
        "jiangsu_jianchayuan_2018_bumen_yusuan": 3,
        "jiangsu_shengwei_bangongting_2017_bumen_yusuan": 1,
        "shanghai_putuo_caizhengju_2024_bumen_juesuan": 11,  # + p21 占71.73% (narrative.shares)
        "shanghai_putuo_caizhengju_2025_bumen_yusuan": 2,
        # + canonical.narrative: p21 卫生健康支出（类）236.63 against p14's 236.64 (tour2 D6)
        "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan": 17,
        # + narrative.executed_change (tests/test_canonical_checks.py): p6 item 3's rate, p7 item 16's copied clause;
        # + narrative.amounts: p29 3328.13 against the five forms' 3,351.3343 (tour2 D18)
        "shanghai_putuo_wanlijiedao_2023_bumen_yusuan": 5,
        # + narrative.executed_change: p9 item 31's 352.67 against its 350.35, and its rate
        "shanghai_putuo_wanlijiedao_2024_bumen_yusuan": 3,
        "shanghai_shi_caizhengju_2025_danwei_yusuan": 2,
    }


def test_one_entry_point_checks_every_document(seed_tables):
    """pipeline.py calls `checks.run` and nothing else for every document (ingest and `budgetlens check`); one rule
    list runs on every document, each rule answering from what the canonical tables hold, and each snapshot's
    stored results are what `checks.run` gives now."""
    from budgetlens import checks
    from budgetlens.pipeline import check_snapshot

    source = (ROOT / "budgetlens" / "pipeline.py").read_text(encoding="utf-8")
    assert (
        source.count("rules.run(") == 3 and "checks.canonical" not in source and "checks import canonical" not in source
    )
    assert "run_checks" not in source and not hasattr(checks, "run_checks") and not hasattr(checks, "Inputs")
    assert "TEMPLATE_EXPORT" not in (ROOT / "budgetlens" / "checks" / "__init__.py").read_text(encoding="utf-8")
    seed = checks.run(seed_tables)
    pdf = checks.run(load_snapshot(SNAPSHOTS / JIANCHAYUAN_2018).tables)
    for checked in (seed, pdf):  # the same rules answer on both: each says "not applicable" where it has no input
        assert checked.check_cells.height > 0
        assert set(checked.checks["rule_id"]) <= {rule.id for rule in checks.ALL_RULES}
    assert {"names.resolved", "canonical.code_names", "1-14.project_budget"} <= set(seed.checks["rule_id"])
    assert {"names.resolved", "canonical.code_names", "1-14.project_budget"} <= set(pdf.checks["rule_id"])
    for doc_id in (DOC_ID, JIANCHAYUAN_2018):
        fresh, stored = check_snapshot(SNAPSHOTS / doc_id)
        assert fresh.equals(stored), doc_id


# --- names.resolved and structure.schedules on the canonical tables -------------------------------------------------

GOLDEN = ROOT / "tests" / "golden" / "seed_checks.jsonl"
SEED_TABLES = ("s0", "s1", "project_names")  # the text export's own schedule tables and its name resolution


def canonical_only(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    kept = {name: table for name, table in tables.items() if not name.startswith(SEED_TABLES)}
    assert "s14_projects" not in kept and "s11_procurement" not in kept and "projects" in kept
    return kept


def pinned(rule_ids: tuple[str, ...]) -> list[str]:
    import json

    lines = GOLDEN.read_text(encoding="utf-8").splitlines()[1:]
    return [line for line in lines if json.loads(line)[0] in rule_ids]


def test_names_and_contents_rules_give_the_pinned_results_from_the_canonical_tables_alone(seed_tables):
    """names.resolved (33) and structure.schedules (14), run on the seed's canonical tables with its own schedule
    tables and its name resolution taken away, give exactly their pinned rows (the alias table is the input it was)."""
    from budgetlens.checks import names, structure
    from budgetlens.checks.model import SCHEMA
    from budgetlens.checks.names import load_aliases
    from budgetlens.frames import frame
    from tests.test_seed_checks_pinned import pinned_rows

    tables = canonical_only(seed_tables)
    results = [
        *names.run(tables, load_aliases(aliases_path(ROOT / "data", DOC_ID))),
        *structure.promised_tables(tables),
    ]
    expected = pinned(("names.resolved", "structure.schedules"))
    assert len(results) == len(expected) == 47
    assert pinned_rows(frame(results, SCHEMA))[1:] == expected


def test_a_listing_name_no_project_form_has_fails_on_the_canonical_tables(seed_tables):
    """附表1-12 prints 科技类非学校外培训机构规范管理 (line 401); with no alias it resolves to nothing: a failure."""
    from budgetlens.checks import names

    results = names.run(canonical_only(seed_tables), aliases=())
    row = next(r for r in results if r["instance"] == "1-12 科技类非学校外培训机构规范管理")
    assert (row["status"], row["actual_text"], row["actual_lines"]) == ("fail", "（无法对应）", [401])
    assert row["note"] == "no 1-14 project of this name and no alias"


def test_a_table_the_contents_promise_and_the_document_lacks_fails(seed_tables):
    """The seed's 目录 (line 25) lists 附表1-8 项目支出表, which the document does not print: the one failure."""
    from budgetlens.checks import structure

    results = structure.promised_tables(canonical_only(seed_tables))
    failing = [r for r in results if r["status"] == "fail"]
    assert [(r["instance"], r["expected_lines"], r["actual_text"]) for r in failing] == [
        ("附表1-8 项目支出表", [25], "未出现")
    ]


def test_the_pdfs_say_once_why_names_are_not_checked(pdf_checks):
    for doc_id, checks in pdf_checks.items():
        rows = checks.filter(pl.col("rule_id") == "names.resolved")
        assert rows.height == 1 and rows["status"][0] == "not_applicable", doc_id
    wanli = pdf_checks["shanghai_putuo_wanlijiedao_2023_bumen_yusuan"]  # five project forms (p31-35), no listing
    assert wanli.filter(pl.col("rule_id") == "names.resolved")["note"][0] == (
        "本文件没有按附表1-11、1-12 格式列出项目名称的采购、购买服务表，也没有项目清单（附表1-13）"
    )


def test_a_pdfs_contents_are_held_against_its_tables():
    """万里街道 2023's 目录 (rendered p2) lists under 五、部门预算表 nine tables, 1. 2023年部门财务收支预算总表 …
    9. 2023年部门“三公”经费和机关运行经费预算表; all nine are in the document (pass, each located at its title),
    and its five 财政项目支出绩效目标填报表 (p31-35, under 八、绩效目标, not a listed table) are not held to it."""
    tables = load_snapshot(SNAPSHOTS / "shanghai_putuo_wanlijiedao_2023_bumen_yusuan").tables
    checks, cells = canonical.run(tables)
    rows = checks.filter(pl.col("rule_id") == "structure.schedules")
    assert rows.height == 9 and set(rows["status"]) == {"pass"}
    assert (
        rows["instance"][0] == "2023年部门财务收支预算总表"
        and rows["instance"][8] == "2023年部门“三公”经费和机关运行经费预算表"
    )
    located = cells.filter(pl.col("rule_id") == "structure.schedules", pl.col("side") == "actual")
    assert located.height == 9 and located["page"].to_list() == [10, 11, 15, 19, 20, 24, 25, 26, 28]
    # the expected side is the contents entry itself: on the rendered p2 "1. 2023年部门财务收支预算总表" stands about
    # 250 pt from the top and "9. …预算表" about 420 pt, the nine one under another
    listed = cells.filter(pl.col("rule_id") == "structure.schedules", pl.col("side") == "expected")
    tops = [box[1] for box in listed["box"].to_list()]
    assert listed["page"].to_list() == [2] * 9 and set(listed["table_id"]) == {"目录"}
    assert 235 < tops[0] < 260 and 405 < tops[-1] < 430 and tops == sorted(tops)
    forms = tables["schedules"].filter(pl.col("title") == "财政项目支出绩效目标填报表")
    assert forms.height == 5 and forms["promised_in_contents"].to_list() == [False] * 5
    for doc_id in PDFS:  # every corpus PDF: its contents matched table by table, nothing missing
        listed = load_snapshot(SNAPSHOTS / doc_id).tables["schedules"]["promised_in_contents"]
        assert listed.null_count() == 0 and listed.sum() >= 9, doc_id
