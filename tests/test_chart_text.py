"""The sentences beside the charts (components/chart_text.py), on the seed's own figures and on the same
figures turned the other way: each sentence follows the data, never a fixed wording."""

from __future__ import annotations

from decimal import Decimal as D

import polars as pl

from budgetlens import classification, library_queries
from budgetlens import overview_queries as oq
from components import chart_text
from tests.coded_tables import coded_rows
from tests.conftest import SNAPSHOTS


def test_the_function_classes_name_the_largest_three(snapshot):
    classes = oq.class_shares(snapshot.table("schedules"), snapshot.table("expenditure_by_function"))[0]
    items = [(f"{row['code']} {row['name']}", row["total_wan"]) for row in classes.iter_rows(named=True)]
    assert chart_text.parts_sentence(items, what="支出功能分类的类") == (
        "支出功能分类的类共 5 项，合计 21,225.47 万元；最大的是206 科学技术支出（19,035.12 万元，占 89.68%），"
        "其次是215 资源勘探工业信息等支出（1,680.00 万元，占 7.92%）、208 社会保障和就业支出（297.54 万元，占 1.40%）；"
        "这 3 项合计占 99.00%。"
    )
    # the order is the data's: make 210 the largest and the sentence leads with it
    turned = [(label, D("30000") if label.startswith("210") else value) for label, value in items]
    assert "最大的是210 卫生健康支出（30,000.00 万元" in chart_text.parts_sentence(turned)


def test_basic_against_project(snapshot):
    head = oq.snapshot_headline(snapshot)
    parts = [("基本支出", head.basic.amount_wan), ("项目支出", head.project.amount_wan)]
    sentence = chart_text.parts_sentence(parts, what="全部支出")
    assert sentence == (
        "全部支出共 2 项，合计 21,225.47 万元；最大的是项目支出（19,875.88 万元，占 93.64%），"
        "其次是基本支出（1,349.59 万元，占 6.36%）。"
    )


def test_three_public_parts_say_which_are_zero(snapshot):
    parts = snapshot.table("s07_three_public").filter(level=1)
    sentence = chart_text.parts_sentence(zip(parts["name"], parts["amount_wan"], strict=True), what="“三公”经费")
    assert sentence == (
        "“三公”经费共 3 项，合计 4.40 万元；最大的是公务用车购置及运行费（4.40 万元，占 100.00%）；其余 2 项为 0。"
    )
    assert chart_text.parts_sentence([("因公出国（境）费", D(0)), ("公务接待费", D(0))]) == (
        "各项共 2 项，每项都是 0.00 万元，合计 0.00 万元。"
    )
    assert chart_text.parts_sentence([("公务接待费", None), ("公务用车购置及运行费", D("4.40"))]) == (
        "各项只有一项：公务用车购置及运行费，4.40 万元。另有 1 项没有列出金额。"
    )


def test_the_total_change_reads_by_its_sign(snapshot):
    head = oq.snapshot_headline(snapshot)
    tables = (snapshot.table(name) for name in ("schedules", "funds_by_year", "narrative_figures"))
    total, previous = head.total.amount_wan, oq.stated_prior(*tables, head.total, head.year).previous_wan
    fell = chart_text.change_sentence("预算总额", ("2022 年", previous), ("2023 年", total))
    assert fell == "预算总额从 2022 年的 24,789.30 万元减少到 2023 年的 21,225.47 万元，减少 3,563.83 万元（−14.38%）。"
    rose = chart_text.change_sentence("预算总额", ("2023 年", total), ("2024 年", previous))
    assert "增加到 2024 年的 24,789.30 万元，增加 3,563.83 万元（+16.79%）" in rose
    same = chart_text.change_sentence("预算总额", ("2022 年", total), ("2023 年", total))
    assert same == "预算总额 2023 年与 2022 年持平，都是 21,225.47 万元。"
    assert chart_text.change_sentence("预算总额", ("2022 年", None), ("2023 年", total)) == (
        "预算总额只有 2023 年列出金额（21,225.47 万元），无法比较。"
    )


def test_projects_count_rises_and_falls(snapshot):
    projects = snapshot.table("s14_projects")
    items = list(zip(projects["project_name"], projects["budget_2022_wan"], projects["budget_2023_wan"], strict=True))
    sentence = chart_text.changes_sentence(items, before="2022 年", after="2023 年", what="项目")
    assert sentence.startswith("项目共 16 项，2023 年比 2022 年增加的 2 项、减少的 12 项、只在 2023 年列出的 2 项")
    assert "减少最多的是科学技术研究与开发资金（23,000.00 万元 → 18,000.00 万元，−5,000.00）" in sentence
    reversed_years = [(name, new, old) for name, old, new in items]
    turned = chart_text.changes_sentence(reversed_years, before="2023 年", after="2024 年", what="项目")
    assert "增加的 12 项、减少的 2 项" in turned and "只在 2023 年列出的 2 项" in turned
    assert "增加最多的是科学技术研究与开发资金（18,000.00 万元 → 23,000.00 万元，+5,000.00）" in turned


def test_a_series_names_its_highest_year(snapshot):
    projects = snapshot.table("s14_projects").filter(project_name="科学技术研究与开发资金").row(0, named=True)
    points = [(f"{year} 年", projects[f"budget_{year}_wan"]) for year in (2021, 2022, 2023)]
    assert chart_text.series_sentence("科学技术研究与开发资金", points) == (
        "科学技术研究与开发资金从 2021 年的 13,381.00 万元增加到 2023 年的 18,000.00 万元，"
        "增加 4,619.00 万元（+34.52%）；最高的是2022 年（23,000.00 万元）。"
    )
    assert chart_text.series_sentence("x", [("2021 年", None), ("2022 年", D("1"))]) == (
        "x只有 2022 年列出金额（1.00 万元），无法比较。"
    )


def test_the_hierarchy_names_the_parts_one_level_down(snapshot):
    tree = classification.code_tree(coded_rows(snapshot), "total_wan", "全部支出")
    assert chart_text.hierarchy_sentence(tree, "20601", "合计") == (
        "20601 科学技术管理事务（合计）的下一级共 3 项，合计 1,035.13 万元；"
        "最大的是2060199 其他科学技术管理事务支出（558.40 万元，占 53.94%），"
        "其次是2060101 行政运行（467.91 万元，占 45.20%）、2060102 一般行政管理事务（8.82 万元，占 0.85%）。"
    )  # the sum of its parts, as the chart draws it (the document prints 1,035.12 for the row: a check fails)
    whole = chart_text.hierarchy_sentence(tree, classification.ROOT_ID)
    assert whole.startswith("全部支出的下一级共 5 项，合计 21,225.47 万元；")


def test_the_library_ranks_documents_by_their_totals():
    catalogue = library_queries.with_labels(pl.read_parquet(SNAPSHOTS / "catalogue.parquet"))
    items = list(zip(catalogue["label"], catalogue["total_wan"], strict=True))
    sentence = chart_text.ranking_sentence(items, what="文件")
    # 12 files in data/raw, two of them one document
    assert sentence.startswith("11 份文件中，最大的是江苏省高级人民法院")
    assert "（28,849.38 万元），其次是江苏省人民检察院" in sentence and "（21,955.35 万元）" in sentence
    # the 2024 决算's 支出决算表, page 10
    assert "最小的是上海市普陀区财政局 · 2024年部门决算" in sentence and "（2,940.05 万元）。" in sentence


def test_mix_sentence_counts_each_documents_largest_class():
    classes = pl.DataFrame(
        {
            "doc_id": ["a", "a", "b", "b", "c"],
            "name": ["公共安全支出", "住房保障支出", "公共安全支出", "教育支出", "教育支出"],
            "amount_wan": [D("80"), D("20"), D("30"), D("70"), D("5")],
            "share_pct": [D("80.00"), D("20.00"), D("30.00"), D("70.00"), D("100.00")],
        }
    )
    assert chart_text.mix_sentence(classes, {"a": "甲", "b": "乙", "c": "丙"}) == (
        "3 份文件中，2 份占比最大的一类是教育支出，1 份是公共安全支出；占比最高的是丙的教育支出（100.00%，5.00 万元）。"
    )
    same = classes.filter(pl.col("doc_id") != "a")  # one class the largest in every document: said once, as such
    assert chart_text.mix_sentence(same, {"b": "乙", "c": "丙"}).startswith("2 份文件中，占比最大的一类都是教育支出；")
    assert chart_text.mix_sentence(classes.head(0), {}) == "所选文件都没有列出各类的金额。"


def test_execution_sentence_counts_below_at_and_above_budget():
    items = [("甲", D("100"), D("90")), ("乙", D("50"), D("50")), ("丙", D("10"), D("12")), ("丁", D("5"), None)]
    assert chart_text.execution_sentence(items, what="各项") == (
        "各项中同时有预算数和决算数的 3 项，预算数合计 160.00 万元，决算数合计 152.00 万元（为预算数的 95.00%）；"
        "决算数低于预算数的 1 项，持平 1 项，高于预算数的 1 项；"
        "差额最大的是甲（预算 100.00 万元，决算 90.00 万元，少支出 10.00 万元）。另有 1 项没有同时列出预算数和决算数。"
    )
    unpaired = chart_text.execution_sentence([("甲", None, D("1"))], what="各项")
    assert unpaired == "各项都没有同时列出预算数和决算数，无法比较。"
