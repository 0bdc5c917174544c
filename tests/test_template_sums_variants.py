"""The template's sums (附表1-1 sides, 1-3/1-5/1-6 .hierarchy and .row, 1-7.sum) on planted variants of the seed
text export: the variants on which a reading of these sums through the general rules' (checks/numbered.code_sums,
three_public_sums) once gave other results than the template's own rules. Each expected value is read off the
variant's lines (the seed's lines are quoted in each test)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal as D
from pathlib import Path

import polars as pl

from budgetlens.ingest import read_document
from budgetlens.pipeline import aliases_path, checked_tables
from tests.conftest import DOC_ID, ROOT, SOURCE

Edit = Callable[[list[str]], None]


def checks_of(tmp_path: Path, edit: Edit) -> pl.DataFrame:
    """The checks of the seed with `edit` applied to its lines (a list, line N at index N - 1)."""
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    edit(lines)
    path = tmp_path / SOURCE.name
    path.write_text("\n".join(lines), encoding="utf-8")
    return checked_tables(read_document(path), aliases_path(ROOT / "data", DOC_ID))[1]


def results(checks: pl.DataFrame, rule_id: str) -> list[tuple]:
    """(instance, status, expected, actual, expected_lines, actual_lines) of one rule, in the order reported."""
    found = checks.filter(pl.col("rule_id") == rule_id)
    columns = ("instance", "status", "expected", "actual", "expected_lines", "actual_lines")
    return [(i, s, e, a, tuple(el), tuple(al)) for i, s, e, a, el, al in found.select(columns).iter_rows()]


def test_a_three_public_table_printing_its_total_last_is_summed_in_printed_order(tmp_path):
    def total_last(lines: list[str]) -> None:
        assert lines[332] == "4.40\t0.00\t4.40\t0.00\t4.40\t0.00"  # 合计 | 出国 | 小计 | 购置 | 运行 | 接待
        lines[330] = "因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\t“三公”经费合计"
        lines[331] = "\t小计\t公务用车购置费\t公务用车运行费\t\t"
        lines[332] = "0.00\t4.40\t0.00\t4.40\t0.00\t4.40"

    # 公务用车购置及运行费 is printed before the “三公” total now, so it is reported first
    assert results(checks_of(tmp_path, total_last), "1-7.sum") == [
        ("公务用车购置及运行费", "pass", D("4.40"), D("0.00") + D("4.40"), (333,), (333,)),
        ("“三公”经费合计", "pass", D("4.40"), D("0.00") + D("4.40") + D("0.00"), (333,), (333,)),
    ]


def test_a_summary_printing_its_grand_total_first_still_adds_up_by_what_each_row_is(tmp_path):
    def grand_total_first(lines: list[str]) -> None:
        first, grand = lines[106], lines[132]
        assert first.startswith("一、一般公共预算拨款收入\t21,225.47") and grand.startswith("收 入 总 计\t21,225.47")
        lines[106], lines[132] = grand, first

    checks = checks_of(tmp_path, grand_total_first)
    # income items: lines 108–115 and the 一、 line now printed on 133 (21,225.47 + eight 0.00); 本年收入合计 on 131;
    # 上年结转结余 0.00 on 132; 收入总计 21,225.47 now on 107
    income_items = (108, 109, 110, 111, 112, 113, 114, 115, 133)
    assert results(checks, "1-1.sides")[:2] == [
        ("本年收入合计", "pass", D("21225.47"), D("21225.47"), (131,), income_items),
        ("收入总计", "pass", D("21225.47"), D("21225.47") + D("0.00"), (107,), (131, 132)),
    ]
    assert results(checks, "1-1.balance") == [
        ("收入总计 = 支出总计", "pass", D("21225.47"), D("21225.47"), (107,), (107,))
    ]


def test_a_summary_printing_its_carry_over_before_its_current_total_still_adds_up(tmp_path):
    def carry_first(lines: list[str]) -> None:
        current, carry = lines[130], lines[131]
        assert current.startswith("本年收入合计\t21,225.47") and carry.startswith("上年结转结余\t0.00")
        lines[130], lines[131] = carry, current

    # 本年收入合计 21,225.47 on 132 and 上年结转结余 0.00 on 131 make the 收入总计 on 133
    assert results(checks_of(tmp_path, carry_first), "1-1.sides")[1] == (
        "收入总计",
        "pass",
        D("21225.47"),
        D("21225.47") + D("0.00"),
        (133,),
        (131, 132),
    )


def test_an_expenditure_table_without_its_total_column_says_each_row_sum_is_not_applicable(tmp_path):
    def without_total(lines: list[str]) -> None:
        assert lines[162].startswith("科目编码\t科目名称\t合计\t基本支出\t项目支出")
        for index in range(162, 192):  # 附表1-3's header and its 29 rows: drop the 合计 column
            fields = lines[index].split("\t")
            del fields[2]
            lines[index] = "\t".join(fields)

    checks = checks_of(tmp_path, without_total)
    rows = results(checks, "1-3.row")
    assert len(rows) == 29 and all(status == "not_applicable" and stated is None for _, status, stated, *_ in rows)
    # the 合计 row (line 164): 1,349.59 + 19,875.88 summed, no 合计 to hold it against
    assert rows[0] == ("合计", "not_applicable", None, D("1349.59") + D("19875.88"), (164,), (164,))
    hierarchy = results(checks, "1-3.hierarchy")
    assert {instance.split(" · ")[1] for instance, *_ in hierarchy} == {"基本支出", "项目支出"}
    # 20601's 基本支出 839.24 (line 166) against 467.91 + 0.00 + 371.34 on lines 167–169
    assert ("20601 科学技术管理事务 · 基本支出", "fail", D("839.24"), D("839.25"), (166,), (167, 168, 169)) in hierarchy
