"""The narrative's rules (budgetlens/checks/narrative.py) over the canonical tables only.

The seed's 88 pinned narrative results (tests/golden/seed_checks.jsonl) come out of the rules run on its canonical
tables alone: every table of the text export's own (s01_… – s14_…, narrative_facts, profile_counts, goals, …) is
taken away first, so nothing but the canonical model can feed them.
"""

from __future__ import annotations

import json
from decimal import Decimal as D

import polars as pl
import pytest

from budgetlens.canonical.model import SCHEMAS
from budgetlens.checks import canonical, narrative
from budgetlens.checks.model import SCHEMA
from budgetlens.checks.narrative import NoCells
from budgetlens.frames import frame
from budgetlens.pipeline import aliases_path, checked_tables
from budgetlens.store import load_snapshot
from budgetlens.year_changes import NARRATIVE_CHANGE_RULES, narrative_comparisons
from budgetlens.years import document_years
from tests.conftest import DOC_ID, ROOT, SNAPSHOTS, shared
from tests.test_seed_checks_pinned import GOLDEN, pinned_rows

NARRATIVE_RULES = {rule.id for rule in narrative.RULES}


@pytest.fixture(scope=shared)
def canonical_only(document) -> dict:
    """The seed's canonical tables and nothing else (the model's tables, by name)."""
    tables, _ = checked_tables(document, aliases_path(ROOT / "data", DOC_ID))
    kept = {name: table for name, table in tables.items() if name in SCHEMAS}
    assert "narrative_facts" not in kept and "s05_general_budget" not in kept and "profile_counts" not in kept
    assert kept["narrative_items"].height > 0
    return kept


def test_the_narrative_rules_give_the_88_pinned_results_from_the_canonical_tables_alone(canonical_only, document):
    results = narrative.run(canonical_only, document_years(document.budget_year))
    pinned = [
        line for line in GOLDEN.read_text(encoding="utf-8").splitlines()[1:] if json.loads(line)[0] in NARRATIVE_RULES
    ]
    assert len(pinned) == len(results) == 88
    assert pinned_rows(frame(results, SCHEMA))[1:] == pinned


PDFS = sorted(p.parent.name for p in SNAPSHOTS.glob("*/manifest.json") if json.loads(p.read_text())["format"] == "pdf")


@pytest.mark.parametrize("doc_id", PDFS)
def test_on_every_pdf_each_narrative_rule_runs_or_is_one_row_saying_what_the_document_lacks(doc_id):
    """No corpus PDF is read under the text export's headings (narrative_items is empty), so amounts, changes, counts
    and the economic split are one not_applicable row each, involving none of its tables and naming what is
    lacking (every one states changes from the year before, and none prints that year's figures); the percentages
    are read off its printed text; profile.mentions says whether the document counts its units at all."""
    tables = load_snapshot(SNAPSHOTS / doc_id).tables
    assert tables["narrative_items"].is_empty() and not tables["text_lines"].is_empty()
    checks, _ = canonical.run(tables)
    final = doc_id.endswith("_juesuan")  # a 决算 counts vehicles and projects in its narrative (narrative_counts)
    why = {
        narrative.AMOUNTS.id: "说明中的金额读作 narrative_figures，由 canonical.narrative 与所指的表核对",
        narrative.CHANGES.id: "本文件没有列出上年数字的表，说明所述的增减额无从按表重算；"
        "与本库上一年文件的比较见 documents.prior_year",
        narrative.COUNTS.id: "说明所述的数目（narrative_counts：车辆、绩效项目等）在本文件的表中没有对应，无从核对"
        if final
        else "本文件的说明没有按小标题逐项读成数字（narrative_items 无行）",
        narrative.ECONOMIC_SPLIT.id: "本文件的说明没有按小标题逐项读成数字（narrative_items 无行）",
    }
    # a narrative that counts its 编报绩效目标的项目 has them checked against the project forms instead
    # (narrative.performance_projects: tests/test_stated_against_printed.py)
    projects = tables["narrative_counts"].filter(pl.col("target") == narrative.PERFORMANCE_COUNT)
    for rule_id, note in why.items():
        rows = checks.filter(pl.col("rule_id") == rule_id)
        if projects.height and rule_id in (narrative.AMOUNTS.id, narrative.COUNTS.id):
            assert rows.height == 1 and rows["instance"][0].startswith(f"第 {projects['page'][0]} 页：")
            assert rows["schedules"].to_list() == [list(narrative.PERFORMANCE_SCHEDULES)]
            continue
        assert rows.select("instance", "status", "schedules", "note").rows() == [("—", "not_applicable", [], note)]
    assert "{" not in "".join(checks["description_zh"].to_list())  # the years in words, none left as a placeholder
    assert checks.filter(pl.col("rule_id") == "narrative.percent_change").is_empty()  # folded into percentages
    mentions = checks.filter(pl.col("rule_id") == narrative.MENTIONS.id)
    units = tables["staffing"].filter(pl.col("category") == "units")
    assert mentions.height == 1 and mentions["status"][0] == "not_applicable"
    assert mentions["note"][0] == (
        "后文没有提到“下属 N 个/家 …单位”"
        if units.height
        else "文件没有列出单位构成（单位数），无从与后文提到的“下属 N 个/家 …单位”对照"
    )


# A PDF's stated percentages, as printed (pages rendered with pdftoppm -r 100 and read): (document, the instance's
# words, the percentage recomputed from the sentence's own amount and change, the percentage printed), signed.
PERCENTAGES_ON_THE_PAGE = [
    # 江苏省人民检察院 2017 p22: 机关运行经费 6032.55 万元，比 2016 年增加 3401.59 万元，增长 129.97 %
    # (3401.59 ÷ 2630.96 = 129.29 %).
    ("jiangsu_jianchayuan_2017_bumen_yusuan", "增长129.97%", "fail", D("129.29"), D("129.97")),
    # 江苏省人民检察院 2018 p26: 行政运行 10,883.36 万元，增加 2,915.22 万元，增长 36.58 % (36.586 %, cut);
    # 一般行政管理事务 3,666 万元，增加 21.8 万元，增长 0.06 % (21.8 ÷ 3,644.2 = 0.60 %);
    # 检察监督支出 1,895 万元，减少 134 万元，降幅 0.66 % (134 ÷ 2,029 = 6.60 %);
    # 未归口管理行政单位离退休费 371.92 万元，减少 1,649.26 万元，降幅 81.6 % (1,649.26 ÷ 2,021.18 = 81.60 %).
    ("jiangsu_jianchayuan_2018_bumen_yusuan", "增长36.58%", "pass", D("36.58"), D("36.58")),
    ("jiangsu_jianchayuan_2018_bumen_yusuan", "增长0.06%", "fail", D("0.60"), D("0.06")),
    ("jiangsu_jianchayuan_2018_bumen_yusuan", "降幅0.66", "fail", D("-6.60"), D("-0.66")),
    ("jiangsu_jianchayuan_2018_bumen_yusuan", "降幅81.6", "pass", D("-81.6"), D("-81.6")),
]


@pytest.mark.parametrize(("doc_id", "words", "status", "recomputed", "printed"), PERCENTAGES_ON_THE_PAGE)
def test_a_pdfs_percentages_are_the_same_rule_with_the_seeds_sides(doc_id, words, status, recomputed, printed):
    checks, _ = canonical.run(load_snapshot(SNAPSHOTS / doc_id).tables)
    rows = checks.filter(
        pl.col("rule_id") == "narrative.percentages", pl.col("instance").str.contains(words, literal=True)
    )
    assert rows.select("status", "expected", "actual").rows() == [(status, recomputed, printed)]
    shown = narrative_comparisons(checks).filter(pl.col("instance").str.contains(words, literal=True))
    assert shown["actual_label"][0].startswith("说明：")  # 年度对比 shows the printed side as the narrative's


def test_the_changes_page_leaves_out_a_rules_one_row_where_nothing_is_compared():
    checks, _ = canonical.run(load_snapshot(SNAPSHOTS / "shanghai_putuo_wanlijiedao_2024_bumen_yusuan").tables)
    assert checks.filter(pl.col("rule_id").is_in(list(NARRATIVE_CHANGE_RULES))).height == 2  # one n/a row each
    assert narrative_comparisons(checks).is_empty()


def _text(*lines: str) -> pl.DataFrame:
    return pl.DataFrame(
        {"page": [3] * len(lines), "text": list(lines), "box": [[10.0, 20.0, 300.0, 32.0]] * len(lines)}
    )


def test_profile_mentions_reads_a_pdfs_text_against_its_unit_counts(canonical_only):
    """A document that counts its units (staffing) and says 下属 N 家 … later in its text: one result per mention."""
    tables = {**canonical_only, "narrative_items": canonical_only["narrative_items"].clear()}
    tables["project_goals"], tables["projects"] = tables["project_goals"].clear(), tables["projects"].clear()
    said = _text("本部门下属3家事业单位，", "另有下属2个二级单位。")
    found = narrative.profile_mentions(tables, narrative.narrative_text(said), NoCells())
    # the seed's 第一部分 (line 85): 事业单位 3, 二级单位 3
    assert [(r["instance"], r["status"], r["expected"], r["actual"]) for r in found] == [
        ("说明第 3 页: 下属3家事业单位", "pass", D("3"), D("3")),
        ("说明第 3 页: 下属2个二级单位", "fail", D("3"), D("2")),
    ]
    no_units = {**tables, "staffing": tables["staffing"].filter(pl.col("category") != "units")}
    assert narrative.profile_mentions(no_units, narrative.narrative_text(said), NoCells()) == []


def test_a_project_named_in_a_narrative_subject_is_found_in_the_project_list_not_by_a_written_in_name(canonical_only):
    """第三部分 names 财政专项资金-科学技术研究与开发资金: the rule looks the name up among 附表1-14's projects
    (line 840's block: 当年预算 18000.00), so another project named so is found too (党建工作经费: 2.00, line 1123)."""
    assert narrative._project_named(canonical_only, "财政专项资金-科学技术研究与开发资金") == "科学技术研究与开发资金"
    assert narrative._project_named(canonical_only, "财政专项资金-党建工作经费") == "党建工作经费"
    assert narrative._project_named(canonical_only, "财政专项资金-无此项目") is None
    side = narrative._project("党建工作经费")(canonical_only)
    assert (side.label, side.value) == ("附表1-14 党建工作经费 当年预算", D("2.00"))


def test_the_changes_page_shows_a_pdfs_stated_percentages_beside_the_recomputed_ones():
    """年度对比 › 文字说法核对 on 江苏省人民检察院 2018: p26's 降幅 0.66 % against 134 ÷ (1,895 + 134) = 6.60 %
    (the rendered page read)."""
    from tests.test_app import open_page, texts

    app = open_page("pages/changes.py", doc="jiangsu_jianchayuan_2018_bumen_yusuan", view="narrative")
    shown = texts(app)
    said = "第 26 页：1,895万元，减少134万元，降幅0.66 %：文字说明 −0.66%；134 ÷ (1,895 + 134) × 100：−6.60%"
    assert f"**不一致** · {said}" in shown
    assert "百分比按文件写出的位数比较" in shown
