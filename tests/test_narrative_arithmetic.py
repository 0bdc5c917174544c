"""The narrative's arithmetic and the findings, run from the code on the corpus documents' canonical tables and on
copies of them with a contradiction planted. The values are those of the rendered pages (pdftoppm -r 100):
江苏省人民检察院 2018 p25 (基本支出13,994.31万元，占63.75%；项目支出5,573万元，占25.38%；单位预留机动经费2,388.04万元，
占10.87%), p26 (行政运行 10,883.36 万元，增加 2,915.22 万元，增长 36.58 %), p17 (公开07表 2040401 10,883.36)."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from budgetlens.checks import across_documents, canonical, tables_agree
from budgetlens.checks import narrative as arithmetic
from budgetlens.checks.findings import findings, is_unit_slip, reading_warnings, table_units
from budgetlens.store import load_snapshot
from tests.conftest import SNAPSHOTS

JC2018 = "jiangsu_jianchayuan_2018_bumen_yusuan"
JC2017 = "jiangsu_jianchayuan_2017_bumen_yusuan"


def _tables(doc_id: str) -> dict[str, pl.DataFrame]:
    return dict(load_snapshot(SNAPSHOTS / doc_id).tables)


def _text_changed(tables: dict[str, pl.DataFrame], old: str, new: str) -> dict[str, pl.DataFrame]:
    changed = dict(tables)
    assert tables["text_lines"]["text"].str.contains(old, literal=True).sum() == 1, old
    changed["text_lines"] = tables["text_lines"].with_columns(pl.col("text").str.replace(old, new, literal=True))
    return changed


def _failing(checks: pl.DataFrame, rule_id: str) -> list[dict]:
    return checks.filter((pl.col("status") == "fail") & (pl.col("rule_id") == rule_id)).to_dicts()


def _findings(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    checks, cells = canonical.run(tables)
    return findings(checks, cells, table_units(tables["schedules"]))[0]


def test_the_real_percentage_passes_and_a_changed_one_is_one_finding():
    tables = _tables(JC2018)
    checks, _ = canonical.run(tables)
    passed = checks.filter(pl.col("instance").str.contains("增长36.58%", literal=True))
    # 2,915.22 ÷ (10,883.36 − 2,915.22) = 36.586 %: the document cuts it to 36.58
    assert passed.select("status", "expected", "actual").rows() == [("pass", Decimal("36.58"), Decimal("36.58"))]
    planted = _text_changed(tables, "增长36.58%", "增长36.68%")
    after, cells = canonical.run(planted)
    found = [f for f in _failing(after, "narrative.percentages") if "36.68" in f["instance"]]
    # 2,915.22 ÷ 7,968.14 = 36.586 %: cut it is 36.58, rounded 36.59 (the one shown when neither is printed)
    assert [(f["expected"], f["actual"]) for f in found] == [(Decimal("36.59"), Decimal("36.68"))]
    where = cells.filter(pl.col("instance") == found[0]["instance"])
    assert set(where["page"].to_list()) == {26}
    assert _findings(planted).height == _findings(tables).height + 1


def test_a_decrease_is_divided_by_the_amount_plus_the_change():
    tables = _tables(JC2018)
    checks, _ = canonical.run(tables)
    # p26: 1,895 万元，减少 134 万元，降幅 0.66 % — the previous year was 2,029, and 134 ÷ 2,029 is 6.60 %
    row = checks.filter(pl.col("instance").str.contains("降幅0.66", literal=True)).row(0, named=True)
    assert (row["status"], row["expected"], row["actual"]) == ("fail", Decimal("-6.60"), Decimal("-0.66"))
    assert "1,895 + 134" in row["expected_label"]


def test_shares_are_checked_against_their_lists_sum_and_a_changed_amount_is_one_finding():
    tables = _tables(JC2018)
    checks, _ = canonical.run(tables)
    shares = checks.filter(pl.col("rule_id") == "narrative.shares")
    row = shares.filter(pl.col("instance").str.contains("5,573万元", literal=True)).row(0, named=True)
    # 5,573 ÷ 21,955.35 = 25.383 %
    assert (row["status"], row["expected"], row["actual"]) == ("pass", Decimal("25.38"), Decimal("25.38"))
    before = _findings(tables).height
    planted = _text_changed(tables, "项目支出5,573万元，占25.38%", "项目支出5,973万元，占25.38%")
    after, _ = canonical.run(planted)
    assert len(_failing(after, "narrative.shares")) >= 2  # the whole list's base moved
    assert _findings(planted).height == before + 1  # one list: one finding


def test_the_previous_years_amount_is_not_taken_for_this_years():
    said = "本年支出预算120万元，上年预算数为100万元，增加20万元，增长20%。"
    text = arithmetic.narrative_text(pl.DataFrame({"page": [3], "text": [said], "box": [None]}))
    found = arithmetic.check_percent_changes(text, canonical.Cells())
    assert [(r["status"], r["actual"]) for r in found] == [("pass", Decimal("20"))]


def test_a_list_of_shares_that_does_not_make_100_is_not_applicable():
    text = arithmetic.narrative_text(
        pl.DataFrame({"page": [1], "text": ["甲10万元，占50%；乙5万元，占20%。"], "box": [None]})
    )
    assert arithmetic.check_shares(text, canonical.Cells())[0]["status"] == "not_applicable"


def test_one_amount_changed_in_one_table_is_one_finding_with_all_its_places():
    # p19 (公开09表) prints 公务接待费 116.5; p28 and p29 say 公务接待费支出116.5万元. Make the table say 116.6.
    tables = _tables(JC2018)
    before = _findings(tables)
    changed = dict(tables)
    changed["three_public"] = tables["three_public"].with_columns(
        pl.when(pl.col("item") == "reception")
        .then(pl.lit(Decimal("116.6"), dtype=tables["three_public"]["amount_wan"].dtype))
        .otherwise(pl.col("amount_wan"))
        .alias("amount_wan")
    )
    checks, _ = canonical.run(changed)
    new_failures = checks.filter((pl.col("status") == "fail") & pl.col("rule_id").str.starts_with("canonical."))
    # the 三公 小计 no longer adds up, and both narrative mentions disagree with the table
    assert sorted(new_failures["rule_id"].to_list()) == [
        "canonical.narrative",
        "canonical.narrative",
        "canonical.three_public_parts",
    ]
    after = _findings(changed)
    assert after.height == before.height + 1
    grouped = after.filter(pl.col("failures") == 3)
    assert grouped.height == 1 and grouped["difference_shown"][0] in ("0.10 万元", "-0.10 万元")


def test_two_changes_for_one_figure_and_two_amounts_in_one_paragraph():
    figures = _tables(JC2018)["narrative_figures"]
    meetings = figures.filter(pl.col("target") == "meetings")
    assert arithmetic.check_changes_agree(figures, canonical.Cells())[0]["status"] == "not_applicable"
    other_change = meetings.with_columns(pl.lit(Decimal("23.44")).cast(figures["change_wan"].dtype).alias("change_wan"))
    found = arithmetic.check_changes_agree(pl.concat([figures, other_change]), canonical.Cells())
    assert [(r["status"], r["expected"], r["actual"]) for r in found] == [("fail", Decimal("32.44"), Decimal("23.44"))]
    # as printed, the items stated twice (p27: 人员经费, 公用经费 under 财政拨款基本支出; p28 again under
    # 一般公共预算基本支出, the same amounts) agrees with itself
    assert {r["status"] for r in arithmetic.check_same_item(figures, canonical.Cells())} == {"pass"}
    other_amount = meetings.with_columns(
        pl.lit(Decimal("200.45")).cast(figures["amount_wan"].dtype).alias("amount_wan")
    )
    found = arithmetic.check_same_item(pl.concat([figures, other_amount]), canonical.Cells())
    assert [(r["status"], r["expected"], r["actual"]) for r in found if r["status"] != "pass"] == [
        ("fail", Decimal("200.44"), Decimal("200.45"))
    ]


def test_a_stray_digit_is_named_and_grouped_with_the_narrative_check():
    tables = _tables("shanghai_putuo_caizhengju_2025_bumen_yusuan")
    found = _findings(tables)
    # p7 item 7: 887.36万元; p15: 873,617.00 元 = 87.36 万元. One finding, from two rules.
    assert found.height == 1
    assert found.row(0, named=True)["rule_ids"] == ["canonical.narrative", "narrative.stray_digit"]
    # the first failure is the narrative's against the table's own digits, printed to the 分: 87.361700 − 887.36, shown
    # to the text's two places and every digit more the difference holds
    assert found["difference_shown"][0] == "-799.9983 万元"
    assert arithmetic.one_digit_more("887.36", "87.36") and not arithmetic.one_digit_more("887.36", "87.35")


def test_one_code_named_two_ways_or_printed_invalid_is_found():
    tables = _tables(JC2018)
    checks, _ = canonical.run(tables)
    names = checks.filter(pl.col("rule_id") == "canonical.code_names")
    assert names.height > 10 and set(names["status"]) == {"pass"}
    renamed = dict(tables)
    frame = tables["expenditure_by_function"]
    renamed["expenditure_by_function"] = frame.with_columns(
        pl.when((pl.col("code") == "2040401") & (pl.col("table_id") == "t07"))
        .then(pl.lit("行政运转"))
        .otherwise(pl.col("name"))
        .alias("name")
    )
    failing = _failing(arithmetic_checks(renamed), "canonical.code_names")
    assert [(f["expected_text"], f["actual_text"]) for f in failing] == [("行政运行", "行政运转")]
    recoded = dict(tables)
    recoded["expenditure_by_function"] = frame.with_columns(
        pl.when((pl.col("code") == "204") & (pl.col("table_id") == "t07"))
        .then(pl.lit("4"))
        .otherwise(pl.col("code"))
        .alias("code")
    )
    failing = _failing(arithmetic_checks(recoded), "canonical.code_names")
    assert [(f["expected_text"], f["actual_text"]) for f in failing] == [("4", "204")]


def test_a_code_printed_in_no_codes_shape_is_found_where_another_table_prints_it_rightly():
    # 万里街道 2024 p29 prints 津贴补贴's 款 as "2" (not "02"); no other table prints 30102: a reading warning only.
    tables = _tables("shanghai_putuo_wanlijiedao_2024_bumen_yusuan")
    assert not _failing(arithmetic_checks(tables), "canonical.code_names")
    assert not tables_agree.printed_code_is_valid(["301", "2"]) and tables_agree.printed_code_is_valid(["301", "02"])
    # 江苏省人民检察院 2018: 公开07表 prints 2040401 whole (p17), 公开05表 too (p15); plant a 类 printed as "4"
    tables = _tables(JC2018)
    frame = tables["expenditure_by_function"]
    tables["expenditure_by_function"] = frame.with_columns(
        pl.when((pl.col("code") == "2040401") & (pl.col("table_id") == "t07"))
        .then(pl.lit(["4", "04", "01"], dtype=pl.List(pl.String)))
        .otherwise(pl.col("code_printed"))
        .alias("code_printed")
    )
    failing = _failing(arithmetic_checks(tables), "canonical.code_names")
    assert [(f["expected_text"], f["actual_text"]) for f in failing] == [("4 04 01", "2040401")]


def arithmetic_checks(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    titles = {s["table_id"]: s["title"] for s in tables["schedules"].to_dicts()}
    rows = tables_agree.check_code_names(tables, titles, canonical.Cells())
    return pl.DataFrame(rows, schema=canonical.SCHEMA, orient="row")


def test_the_summarys_personnel_and_public_against_the_economic_table():
    tables = _tables("shanghai_putuo_caizhengju_2025_bumen_yusuan")
    titles = {s["table_id"]: s["title"] for s in tables["schedules"].to_dicts()}
    assert tables_agree.check_personnel_public(tables, titles, canonical.Cells())[0]["status"] == "not_applicable"
    economic = tables["basic_by_economic"].filter((pl.col("level") == 0) & (pl.col("measure") == "personnel"))
    personnel = economic["amount_wan"][0]
    line = tables["summary_lines"].filter(pl.col("side") == "expenditure").head(1)
    for amount, status in ((personnel, "pass"), (personnel + Decimal("0.01"), "fail")):
        planted = dict(tables)
        planted["summary_lines"] = pl.concat(
            [
                tables["summary_lines"],
                line.with_columns(
                    pl.lit("人员经费").alias("name"),
                    pl.lit("all").alias("scope"),
                    pl.lit(amount).cast(line["amount_wan"].dtype).alias("amount_wan"),
                ),
            ]
        )
        found = tables_agree.check_personnel_public(planted, titles, canonical.Cells())
        assert [r["status"] for r in found] == [status]


def test_the_rules_say_why_they_do_not_apply_to_a_document_without_text():
    tables = _tables(JC2018)
    tables["text_lines"] = tables["text_lines"].clear()
    checks, _ = canonical.run(tables)
    rows = checks.filter(pl.col("rule_id").is_in(["narrative.percentages", "narrative.shares"]))
    assert rows["status"].to_list() == ["not_applicable", "not_applicable"]
    assert "没有按原文段落读出" in rows["note"][0]


def test_the_text_exports_34_failures_are_16_findings():
    checks = load_snapshot(SNAPSHOTS / "hongshan_kejingju_2023").table("checks")
    assert checks.filter(pl.col("status") == "fail").height == 34
    found, warnings = findings(checks)
    assert found["failures"].sum() == 34 and warnings.is_empty()
    by_title = {r["title"]: r for r in found.to_dicts()}
    # 20601 in 1-3 (合计, 基本支出) and 1-5 (合计, 基本支出, 公用经费): one cent, one finding
    assert by_title["20601 科学技术管理事务 · 合计"]["failures"] == 5
    assert by_title["20601 科学技术管理事务 · 合计"]["difference_shown"] == "0.01 万元"
    assert by_title["合计 · 人员经费"]["failures"] == 4  # 1-5, 1-6 and the narrative twice: 1,190.47 / 1,190.48
    assert found.height == 16


def test_a_difference_of_exactly_ten_thousand_times_is_a_reading_warning():
    checks = load_snapshot(SNAPSHOTS / JC2018).table("checks").head(1)
    slip = checks.with_columns(
        pl.lit("fail").alias("status"),
        pl.lit(Decimal("87.36")).cast(checks["expected"].dtype).alias("expected"),
        pl.lit(Decimal("873600")).cast(checks["actual"].dtype).alias("actual"),
    )
    found, warnings = findings(slip)
    assert found.is_empty() and warnings["kind"].to_list() == ["unit"]
    assert is_unit_slip(Decimal("87.36"), Decimal("873600")) and not is_unit_slip(Decimal("87.36"), Decimal("873601"))
    listed = reading_warnings({"schedules": load_snapshot(SNAPSHOTS / JC2018).table("schedules")}, slip)
    assert listed["kind"].to_list() == ["unit"]


def test_a_difference_is_shown_in_the_tables_unit():
    checks = load_snapshot(SNAPSHOTS / JC2018).table("checks").head(1)
    row = checks.with_columns(
        pl.lit("fail").alias("status"),
        pl.lit("万元").alias("unit"),
        pl.lit(Decimal("0.000034")).cast(checks["difference"].dtype).alias("difference"),
    )
    cells = pl.DataFrame(
        {"rule_id": [row["rule_id"][0]], "instance": [row["instance"][0]], "side": ["actual"], "table_id": ["t01"]},
    ).with_columns(page=pl.lit(1, pl.Int16), box=pl.lit(None, pl.List(pl.Float32)))
    # the difference column rounds to 4 places; 0.0034 万元 is 34.00 元
    row = row.with_columns(pl.lit(Decimal("0.0034")).cast(checks["difference"].dtype).alias("difference"))
    found, _ = findings(row, cells, {"t01": "元"})
    assert found["difference_shown"].to_list() == ["34.00 元"]


@pytest.mark.parametrize(
    ("target", "amount", "change", "status"),
    [("meetings", "200.44", "32.44", "pass"), ("fiscal_expenditure_total", "21940.96", "3958.98", "fail")],
)
def test_the_prior_year_is_the_amount_less_the_stated_change(target, amount, change, status):
    # 2018 p29: 会议费 200.44 万元，比上年预算数增加 32.44 万元 → 168, as 2017 prints (p23: 会议费 168);
    # 2018 p28: 财政拨款支出 21,940.96，增加 3,958.98 → 17,981.98, but 2017 prints 17,981.68.
    later, earlier = _tables(JC2018), _tables(JC2017)
    results = across_documents._pair_results(JC2018, later, JC2017, earlier, 2017)
    found = [
        r for r in results if r["instance"].startswith(f"{JC2018} 第") and amount in r["instance"].replace(",", "")
    ]
    found = [r for r in found if change in (r["instance"].replace(",", ""))]
    assert len(found) == 1, [r["instance"] for r in results]
    assert found[0]["status"] == status
    assert found[0]["expected"] == Decimal(amount) - Decimal(change)


def test_the_library_check_run_from_the_code_finds_the_disagreements_between_years():
    # every pair of one department's documents a year apart, recomputed from the snapshots (not the stored file)
    catalogue = pl.read_parquet(SNAPSHOTS / "catalogue.parquet")
    fresh = across_documents.run(SNAPSHOTS, catalogue)
    # 20 year-over-year statements (12 检察院, 8 万里街道) and the two 决算 with no 预算 of their year
    assert fresh.height == 22
    assert fresh.group_by("rule_id").len().sort("rule_id").rows() == [
        ("documents.budget_vs_final", 2),
        ("documents.prior_year", 20),
    ]
    assert sorted(fresh["status"].to_list()).count("pass") == 15
    # 2018 p23: 收入、支出预算总计21,955.35万元，与上年相比收、支预算总计各增加3,958.67万元 → 17,996.68, as 2017's
    # 收支预算总表 (p10) prints 支出合计 17,996.68
    total = fresh.filter(pl.col("instance").str.contains(f"{JC2018} 第 23 页：支出预算总计", literal=True))
    assert total.select("status", "expected", "actual", "actual_page").row(0) == (
        "pass",
        Decimal("17996.68"),
        Decimal("17996.68"),
        10,
    )
    fails = fresh.filter(pl.col("status") == "fail")
    assert fails.height == 3
    # 2018 p24: 基本支出预算数为 13,994.31 万元。与上年相比增加 1,670.85 万元 → 12,323.46; 2017's 收支预算总表 (p10)
    # prints 一、基本支出 12,323.48 (its own narrative, p19, says 12323.46 and 12323.48 both)
    basic = fails.filter(pl.col("instance").str.contains("基本支出预算数", literal=True)).row(0, named=True)
    assert (basic["expected"], basic["actual"], basic["expected_page"], basic["actual_page"]) == (
        Decimal("12323.46"),
        Decimal("12323.48"),
        24,
        10,
    )
    # 2018 p29: 公务接待费预算支出 116.5 万元，本年数小于上年预算数 40.05 万元 → 156.55, as 2017 prints (p16)
    reception = fresh.filter(pl.col("instance").str.contains(f"{JC2018} 第 29 页：公务接待费", literal=True))
    assert reception.select("status", "expected", "actual_page").row(0) == ("pass", Decimal("156.55"), 16)
    # 2018 p28–29: 因公出国（境）费预算支出 100 万元，与上年预算数相等; 2017's 三公 table (p16) prints 110.00
    abroad = fails.filter(pl.col("instance").str.contains("因公出国", literal=True)).row(0, named=True)
    assert (abroad["expected_doc"], abroad["actual_doc"]) == (JC2018, JC2017)
    assert (abroad["expected"], abroad["actual"], abroad["expected_page"], abroad["actual_page"]) == (
        Decimal("100"),
        Decimal("110"),
        28,
        16,
    )
    failing = fails.filter(pl.col("instance").str.contains("财政拨款支出", literal=True)).row(0, named=True)
    assert (failing["expected_doc"], failing["actual_doc"]) == (JC2018, JC2017)
    assert (failing["expected"], failing["actual"], failing["expected_page"], failing["actual_page"]) == (
        Decimal("17981.98"),
        Decimal("17981.68"),
        28,
        12,
    )
    assert failing["expected_label"] == f"{JC2018}：21,940.96 − (与上年相比增加3,958.98万元)"  # the words, no comma
    assert failing["actual_label"] == f"{JC2017} 自己的数"
    assert failing["expected_box"] is not None and failing["actual_box"] is not None
    unmatched = fresh.filter(
        (pl.col("status") == "not_applicable") & (pl.col("rule_id") == "documents.prior_year")
    ).row(0, named=True)
    # p23: 一般公共预算收入 21,940.96，增加 3,959.28: the income of one source, which no total of 2017 is
    assert unmatched["note"] == "the earlier document does not print this figure"
    assert (unmatched["expected_page"], unmatched["actual_page"]) == (23, None)
    assert unmatched["actual_label"] == f"{JC2017}：没有对应的数"
    # 万里街道 2024 p6: 15621.11 万元，比2023年预算减少876.75万元 → 16,497.86, as 2023 prints (p19)
    wanli = fresh.filter(pl.col("instance").str.contains("财政拨款收入 15621.11", literal=True)).row(0, named=True)
    assert (wanli["status"], wanli["expected"], wanli["actual_page"]) == ("pass", Decimal("16497.86"), 19)
    empty = across_documents.run(SNAPSHOTS, catalogue.head(0))
    assert empty.is_empty() and empty.schema == pl.Schema(across_documents.CROSS_SCHEMA)


def test_a_prior_year_column_is_held_against_the_earlier_documents_own_row():
    later, earlier = _tables(JC2018), _tables(JC2017)
    own = earlier["expenditure_by_function"].filter(
        (pl.col("code") == "2040401") & (pl.col("scope") == "general_budget") & (pl.col("measure") == "total")
    )
    assert own.height == 1
    for amount, status in ((own["amount_wan"][0], "pass"), (own["amount_wan"][0] + Decimal("1"), "fail")):
        column = own.with_columns(
            pl.lit(amount).cast(own["amount_wan"].dtype).alias("amount_wan"),
            pl.lit("上年预算数").alias("measure_printed"),
            pl.lit(7, pl.Int16).alias("page"),
        )
        with_column = dict(later)
        with_column["expenditure_by_function"] = pl.concat([later["expenditure_by_function"], column])
        results = across_documents._pair_results(JC2018, with_column, JC2017, earlier, 2017)
        found = [r for r in results if r["instance"].startswith(f"{JC2018} 2040401")]
        assert len(found) == 1
        row = found[0]
        assert (row["status"], row["expected"], row["actual"]) == (status, amount, own["amount_wan"][0])
        assert row["instance"] == f"{JC2018} 2040401 行政运行 上年预算数"
        assert row["expected_label"] == f"{JC2018}：上年预算数"
        assert (row["expected_page"], row["actual_page"]) == (7, own["page"][0])
        assert (row["expected_doc"], row["actual_doc"]) == (JC2018, JC2017)
        assert (row["expected_box"], row["actual_box"]) == (own["box"][0].to_list(), own["box"][0].to_list())
    # a line the earlier document does not print is not compared
    absent = own.with_columns(pl.lit("2049999").alias("code"))
    with_column = dict(later)
    with_column["expenditure_by_function"] = pl.concat([later["expenditure_by_function"], absent])
    results = across_documents._pair_results(JC2018, with_column, JC2017, earlier, 2017)
    assert not [r for r in results if "2049999" in r["instance"]]


def test_the_prior_year_keeps_the_later_narratives_decimals():
    assert across_documents._decimals("，比上年预算数增加32.44万元") == 2
    assert across_documents._decimals("持平") == 0
    assert across_documents._decimals("增加3,958.981万元，1.5") == 3


def test_findings_keys_and_warnings_one_by_one():
    assert is_unit_slip(Decimal("873600"), Decimal("87.36"))
    assert not is_unit_slip(Decimal("0"), Decimal("0")) and not is_unit_slip(None, Decimal("1"))
    assert not is_unit_slip(Decimal("87.36"), Decimal("0"))
    checks = load_snapshot(SNAPSHOTS / "hongshan_kejingju_2023").table("checks")
    failing = checks.filter(pl.col("status") == "fail")
    found, _ = findings(failing)
    assert found["finding"].to_list() == list(range(1, 17))
    first = found.row(0, named=True)
    assert first["rule_ids"] == ["1-3.hierarchy", "1-5.hierarchy"]
    assert first["failures"] == len(first["instances"]) == 5
    assert (first["expected"], first["actual"]) == (Decimal("1035.12"), Decimal("1035.13"))
    assert first["expected_label"] and first["actual_label"] and first["description_zh"]
    # 301 and 302 are different subjects: not one finding, though both are 1-6 hierarchy failures
    assert found.filter(pl.col("title").str.starts_with("30")).height == 2
    # the same values in a percentage and in 万元 are not one cause
    percent = failing.head(2).with_columns(
        pl.Series("unit", ["%", "万元"]),
        pl.Series("instance", ["a", "b"]),
        pl.lit(Decimal("1")).cast(failing["expected"].dtype).alias("expected"),
        pl.lit(Decimal("2")).cast(failing["actual"].dtype).alias("actual"),
    )
    assert findings(percent)[0]["difference_shown"].to_list() == ["0.01 个百分点", "0.01 万元"]
    passing = checks.filter(pl.col("status") == "pass")
    assert findings(passing)[0].is_empty() and findings(passing)[1].is_empty()


def test_reading_warnings_come_from_the_schedules_and_the_snapshot():
    tables = _tables("shanghai_putuo_wanlijiedao_2024_bumen_yusuan")
    listed = reading_warnings(tables, tables["checks"])
    # p29 prints 津贴补贴's and 绩效工资's 款 as "2" and "7" (the rendered page)
    assert listed.select("kind", "table_id", "page").rows() == [("code", "t08", 29), ("code", "t08", 29)]
    table = "第29页的表“2024年部门一般公共预算基本支出部门预算经济分类预算表”"
    assert listed["message"].to_list() == [  # said once, in Chinese; the reader's English kept as the detail
        f"{table}有一行的科目编码分栏印作“301 | 2”，合并读作 30102。",
        f"{table}有一行的科目编码分栏印作“301 | 7”，合并读作 30107。",
    ]
    assert listed["detail"].to_list() == [
        "page 29: code part printed as ['301', '2']; joined as 30102",
        "page 29: code part printed as ['301', '7']; joined as 30107",
    ]
    assert all(box is not None and len(box) == 4 for box in listed["box"].to_list())
    stored = pl.DataFrame(
        {"kind": ["glued_figure"], "message": ["页码粘在数字上"], "table_id": [None], "page": [3]},
        schema_overrides={"page": pl.Int16},
    )
    with_stored = reading_warnings({**tables, "reading_warnings": stored}, tables["checks"])
    assert with_stored["kind"].to_list() == ["glued_figure", "code", "code"]  # the schedules' own, said in Chinese
    assert with_stored["page"].to_list()[0] == 3 and with_stored["box"].to_list()[0] is None
    assert reading_warnings({}, tables["checks"].clear()).is_empty()
    assert table_units(tables["schedules"])["t08"] == "元" and table_units(pl.DataFrame()) == {}


def test_what_the_rules_say_when_they_cannot_compute():
    # the amount less the change is not positive: no percentage to compute
    text = arithmetic.narrative_text(
        pl.DataFrame({"page": [5], "text": ["会议费10万元，比上年增加10万元，增长100%。"], "box": [None]})
    )
    row = arithmetic.check_percent_changes(text, canonical.Cells())[0]
    assert (row["status"], row["expected_label"], row["unit"]) == ("not_applicable", "上年数不为正", "%")
    assert row["note"] == "the amount less the change is not positive: no percentage to compute"
    checks, _ = canonical.run(_tables("shanghai_putuo_caizhengju_2025_bumen_yusuan"))
    notes = dict(checks.filter(pl.col("status") == "not_applicable").select("rule_id", "note").rows())
    assert (
        notes["narrative.percentages"]
        == "说明中没有同时写出增减额和百分比的句子 / the narrative states no change with its percentage"
    )
    assert (
        notes["narrative.shares"]
        == "说明中没有合计为 100% 的一组占比 / the narrative states no list of shares that make 100 %"
    )
    stray = checks.filter(pl.col("rule_id") == "narrative.stray_digit").row(0, named=True)
    assert stray["note"] == "说明中的 887.36 比表中的 87.36 多一个数字，是文字中的笔误"
    assert stray["actual_label"] == "表中 873,617.00 元"


def test_a_list_of_shares_runs_on_within_forty_characters_and_is_placed_on_its_lines():
    filler = "；" + "说" * 38 + "乙"  # 40 characters between the first share's % and the second amount
    said = "甲60万元，占60%" + filler + "40万元，占40%。"
    text = arithmetic.narrative_text(pl.DataFrame({"page": [2], "text": [said], "box": [None]}))
    assert [r["status"] for r in arithmetic.check_shares(text, canonical.Cells())] == ["pass", "pass"]
    apart = arithmetic.narrative_text(
        pl.DataFrame({"page": [2], "text": [said.replace(filler, filler + "说")], "box": [None]})
    )
    assert [r["status"] for r in arithmetic.check_shares(apart, canonical.Cells())] == ["not_applicable"]
    tables = _tables(JC2018)
    checks, cells = canonical.run(tables)
    row = checks.filter(pl.col("instance").str.contains("5,573万元，占25.38", literal=True)).row(0, named=True)
    assert row["unit"] == "%"
    where = cells.filter(pl.col("instance") == row["instance"])
    # the list is printed on p25, three lines; its share on one of them
    assert where.filter(pl.col("side") == "actual")["page"].to_list() == [25, 25, 25]
    assert where.filter(pl.col("side") == "expected")["page"].to_list() == [25]


def test_the_earlier_figure_keeps_the_changes_decimals_and_a_function_item_is_named_by_its_names():
    later, earlier = _tables(JC2018), _tables(JC2017)
    figures = later["narrative_figures"]
    training = figures.filter(pl.col("target") == "training").with_columns(
        pl.lit(2017, pl.Int16).alias("compared_year"),
        pl.lit(Decimal("12.5")).cast(figures["change_wan"].dtype).alias("change_wan"),
        pl.lit("，比上年预算数增加12.5万元").alias("change_printed"),
    )
    later["narrative_figures"] = pl.concat([figures.filter(pl.col("target") != "training"), training])
    results = across_documents._pair_results(JC2018, later, JC2017, earlier, 2017)
    found = [r for r in results if "培训费" in r["instance"]]
    # 700 − 12.5 = 687.5 (the change's one decimal), against 2017's 700
    assert [(r["status"], r["expected"], r["actual"]) for r in found] == [("fail", Decimal("687.5"), Decimal("700.0"))]
    item = figures.filter(pl.col("target") == "function_class").with_columns(
        pl.lit(2017, pl.Int16).alias("compared_year"),
        pl.lit(Decimal("1")).cast(figures["change_wan"].dtype).alias("change_wan"),
        pl.lit("，增加1万元").alias("change_printed"),
    )
    later["narrative_figures"] = item
    found = across_documents._pair_results(JC2018, later, JC2017, earlier, 2017)
    assert found[0]["instance"] == f"{JC2018} 第 24 页：公共安全 16,458.75万元，，增加1万元"


def test_findings_details_that_a_page_relies_on():
    from budgetlens.checks import findings as module

    assert module._family("1-3.hierarchy") == "hierarchy" and module._family("across.totals") == "totals"
    assert module.as_shown(Decimal("12323.4600")) == "12,323.46" and module.as_shown(Decimal("0.000034")) == "0.000034"
    checks = load_snapshot(SNAPSHOTS / JC2018).table("checks").head(2)
    one_sided = checks.with_columns(
        pl.lit("fail").alias("status"),
        pl.Series("instance", ["x · 甲", "y · 乙"]),
        pl.lit(None).cast(checks["expected"].dtype).alias("expected"),
        pl.lit(Decimal("5")).cast(checks["actual"].dtype).alias("actual"),
        pl.lit([1], dtype=pl.List(pl.Int32)).alias("expected_lines"),
        pl.lit([], dtype=pl.List(pl.Int32)).alias("actual_lines"),
    )
    assert findings(one_sided)[0]["failures"].to_list() == [1, 1]
    slip = checks.head(1).with_columns(
        pl.lit("fail").alias("status"),
        pl.lit(Decimal("87.36")).cast(checks["expected"].dtype).alias("expected"),
        pl.lit(Decimal("873600")).cast(checks["actual"].dtype).alias("actual"),
    )
    cells = pl.DataFrame(
        {"rule_id": [slip["rule_id"][0]], "instance": [slip["instance"][0]], "side": ["actual"], "table_id": ["t03"]}
    ).with_columns(page=pl.lit(11, pl.Int16), box=pl.lit(None, pl.List(pl.Float32)))
    listed = reading_warnings({"check_cells": cells}, slip)
    assert listed.select("kind", "table_id").rows() == [("unit", "t03")]
    assert listed["message"][0].endswith("相差正好一万倍：多半是一方的单位（元/万元）读错了，不算文件的矛盾")


def test_the_same_figure_in_two_schedules_names_both_and_compares_exactly():
    checks, _ = canonical.run(_tables("shanghai_putuo_caizhengju_2025_bumen_yusuan"))
    same = checks.filter(pl.col("rule_id") == "canonical.same_figure")
    assert same["instance"].to_list() == [
        "2025年部门财务收支预算总表 收入总计 = 2025年部门收入预算总表 合计",
        "2025年部门财务收支预算总表 支出总计 = 2025年部门支出预算总表 合计",
        "2025年部门一般公共预算支出功能分类预算表 合计 基本支出 = "
        "2025年部门一般公共预算基本支出部门预算经济分类预算表 合计",
        "2025年部门财政拨款收支预算总表 一般公共预算支出 = 2025年部门一般公共预算支出功能分类预算表 合计",
    ]
    assert set(same["status"]) == {"pass"} and set(same["precision"]) == {"exact"}
    # p7: 收入预算3,121.42万元 — the 收支总表 (p9) prints 31,214,205.80 元
    assert same["expected"][0] == Decimal("3121.4206")
    tables = _tables(JC2018)
    checks, _ = canonical.run(tables)
    jc = checks.filter(pl.col("rule_id") == "canonical.same_figure")
    assert jc.select("instance", "expected", "actual").rows() == [
        ("公开01表：收支预算总表 收入合计 = 公开02表：收入预算总表 合计", Decimal("21955.35"), Decimal("21955.35"))
    ]
    # the 三公 table's 机关运行经费 against the 机关运行经费 table's 合计 (planted: 公开09表 prints none)
    operating = tables["operating_expenses"].filter(pl.col("level") == 0).head(1)
    three = tables["three_public"]
    line = three.head(1).with_columns(
        pl.lit("operating_expenses").alias("item"),
        pl.lit(operating["amount_wan"][0]).cast(three["amount_wan"].dtype).alias("amount_wan"),
    )
    planted = {**tables, "three_public": pl.concat([three, line])}
    rows = canonical.run(planted)[0].filter(pl.col("rule_id") == "canonical.same_figure")
    assert rows["instance"].to_list()[-1] == (
        "公开09表：一般公共预算“三公”经费、会议费、培训费支出预算表 机关运行经费 = "
        "公开11表：一般公共预算机关运行经费支出预算表 合计"
    )
    assert rows["status"].to_list()[-1] == "pass"
    # without an income table the expenditure pair is still made
    shanghai = _tables("shanghai_putuo_caizhengju_2025_bumen_yusuan")
    no_income = {**shanghai, "schedules": shanghai["schedules"].filter(pl.col("kind") != "income")}
    titles = {r["table_id"]: r["title"] for r in shanghai["schedules"].to_dicts()}
    rows = canonical._check_same_figure(no_income, titles, canonical.Cells())
    assert rows[0]["instance"] == "2025年部门财务收支预算总表 支出总计 = 2025年部门支出预算总表 合计"
    nothing = {**tables, "schedules": tables["schedules"].clear(), "three_public": three.clear()}
    row = canonical._check_same_figure(nothing, {}, canonical.Cells())[0]
    assert row["note"] == "no figure is printed in two schedules that this reader pairs"


def test_the_canonical_rules_say_why_they_do_not_apply():
    checks, _ = canonical.run(_tables(JC2018))
    notes = dict(checks.filter(pl.col("status") == "not_applicable").select("rule_id", "note").rows())
    assert (
        notes["canonical.project_funds"]
        == "本文件没有列出项目资金的项目表 / the document prints no project form with its funds"
    )
    assert notes["narrative.changes_agree"] == "the narrative states no change from an earlier year" or (
        notes["narrative.changes_agree"] == "没有哪个数字的增减被说了两次 / no figure's change is stated twice"
    )
    none = checks.filter((pl.col("status") == "not_applicable") & (pl.col("instance") == "—")).row(0, named=True)
    assert (none["instance"], none["expected_label"], none["actual_label"]) == ("—", "—", "—")
    figures = _tables(JC2018)["narrative_figures"].clear()
    assert arithmetic.check_changes_agree(figures, canonical.Cells())[0]["note"] == (
        "the narrative states no change from an earlier year"
    )
    wanli = _tables("shanghai_putuo_wanlijiedao_2023_bumen_yusuan")
    funds = wanli["project_funds"].filter(pl.col("item") == "project_total")
    row = canonical._check_project_funds({**wanli, "project_funds": funds}, {}, canonical.Cells())[0]
    assert (row["rule_id"], row["note"]) == (
        "canonical.project_funds",
        "没有项目表在各组成部分旁列出合计 / no project form prints a total beside its parts",
    )
    checks, _ = canonical.run(_tables("shanghai_putuo_wanlijiedao_2024_bumen_yusuan"))
    note = checks.filter((pl.col("rule_id") == "canonical.empty_table_note") & (pl.col("status") == "fail")).row(
        0, named=True
    )
    # p31: 合计 47.91, 公务接待费 1.35, 小计 46.56 … under a note that the table is empty
    assert note["actual_text"] == "6 个：合计 47.91、公务接待费 1.35、小计 46.56"


def test_the_three_public_total_with_meetings_and_training_is_checked_and_a_lone_table_has_no_code_pairs():
    tables = _tables(JC2018)
    checks, _ = canonical.run(tables)
    parts = checks.filter(pl.col("rule_id") == "canonical.three_public_parts")
    title = "公开09表：一般公共预算“三公”经费、会议费、培训费支出预算表"
    # p19: 三公 484.30 + 会议费 200.44 + 培训费 700.00 = 1,384.74 合计
    total = parts.filter(pl.col("instance") == f"{title} 2018 total").row(0, named=True)
    assert (total["status"], total["actual"]) == ("pass", Decimal("1384.74"))
    changed = {
        **tables,
        "three_public": tables["three_public"].with_columns(
            pl.when(pl.col("item") == "meetings")
            .then(pl.lit(Decimal("200.45"), dtype=tables["three_public"]["amount_wan"].dtype))
            .otherwise(pl.col("amount_wan"))
            .alias("amount_wan")
        ),
    }
    failing = _failing(canonical.run(changed)[0], "canonical.three_public_parts")
    assert [f["instance"] for f in failing] == [f"{title} 2018 total"]
    one_table = {
        **tables,
        "expenditure_by_function": tables["expenditure_by_function"].filter(pl.col("table_id") == "t07"),
    }
    one_table["basic_by_economic"] = tables["basic_by_economic"].filter(pl.col("table_id") == "t08")
    row = tables_agree.check_code_names(one_table, {}, canonical.Cells())[0]
    assert (row["status"], row["note"]) == ("not_applicable", "no code is printed in two coded tables of one kind")
    assert row["actual_label"] == "—"


CZJ2024 = "shanghai_putuo_caizhengju_2024_bumen_juesuan"


def test_a_share_list_printed_with_its_commas_drawn_apart_is_checked_share_by_share():
    # 上海市普陀区财政局 2024 决算 p21 (rendered): 一般公共服务支出（类）2106.66万元，占71.73%；社会保障和就业支出（类）
    # 326.72万元，占11.11%；卫生健康支出（类）60.99万元，占2.07%；住房保障支出（类）445.69万元，占15.16%. The shares add
    # to 100.07; 2106.66 ÷ 2940.06 (the list's sum) is 71.65 %, the other three agree. The page draws its commas a
    # little below the line: the text must still read 2106.66万元，占71.73%.
    checks, cells = canonical.run(_tables(CZJ2024))
    shares = checks.filter(pl.col("rule_id") == "narrative.shares")
    by_share = {
        row["instance"]: (row["status"], row["expected"], row["actual"])
        for row in shares.filter(pl.col("instance").str.contains("^第 21 页：(2106|326|60\\.99|445)")).to_dicts()
    }
    assert by_share == {
        "第 21 页：2106.66万元，占71.73%": ("fail", Decimal("71.73"), Decimal("71.65")),
        "第 21 页：326.72万元，占11.11%": ("pass", Decimal("11.11"), Decimal("11.11")),
        "第 21 页：60.99万元，占2.07%": ("pass", Decimal("2.07"), Decimal("2.07")),
        "第 21 页：445.69万元，占15.16%": ("pass", Decimal("15.16"), Decimal("15.16")),
    }
    where = cells.filter(pl.col("instance") == "第 21 页：2106.66万元，占71.73%")
    assert set(where["page"].to_list()) == {21}


def test_shares_that_do_not_add_to_100_are_each_held_against_the_total_the_sentence_names():
    # p21's 支出 sentence as printed (本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出603.14万元，
    # 占20.51%), with 79.49 written 79.94: the shares then add to 100.45, and 2336.91 ÷ 2940.05 is still 79.49 %.
    said = "本年支出合计2940.05万元，其中：基本支出2336.91万元，占{}%；项目支出603.14万元，占20.51%。"
    for printed, expected in (("79.49", ["pass", "pass"]), ("79.94", ["fail", "pass"])):
        text = arithmetic.narrative_text(pl.DataFrame({"page": [21], "text": [said.format(printed)], "box": [None]}))
        found = arithmetic.check_shares(text, canonical.Cells())
        assert [r["status"] for r in found] == expected, printed
    assert (found[0]["expected"], found[0]["actual"]) == (Decimal("79.94"), Decimal("79.49"))
    assert "2940.05（句中所述合计）" in found[0]["actual_label"]
    # amounts that do not add up to the total the sentence names: the base is not stated, nothing is judged
    partial = arithmetic.narrative_text(
        pl.DataFrame({"page": [21], "text": [said.format("79.94").replace("603.14", "503.14")], "box": [None]})
    )
    assert arithmetic.check_shares(partial, canonical.Cells())[0]["status"] == "not_applicable"
