"""Each check is named once, so the cells it cites (check_cells, joined to checks.parquet by rule_id and instance)
are its own: a ⚠ lands on the figures that check disputes and on no other. Values read off the rendered pages
(`pdftoppm -r 100 -f N -l N`). The rules run from the code on each snapshot's stored tables."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from budgetlens import checks as rules
from budgetlens import overview_queries as oq
from budgetlens.canonical.model import place_keys
from budgetlens.store import load_snapshot
from tests.conftest import DOC_ID, SNAPSHOTS, shared

WANLI_2023 = "shanghai_putuo_wanlijiedao_2023_bumen_yusuan"
GAOJI_2017 = "jiangsu_gaoji_fayuan_2017_bumen_yusuan"
PDF_SNAPSHOTS = sorted(
    p.name for p in SNAPSHOTS.iterdir() if (p / "check_cells.parquet").is_file() and p.name != DOC_ID
)


@pytest.fixture(scope=shared)
def fresh() -> dict[str, rules.Checked]:
    return {doc_id: rules.run(load_snapshot(SNAPSHOTS / doc_id).tables) for doc_id in (WANLI_2023, GAOJI_2017)}


def _named_twice(checks: pl.DataFrame) -> list[tuple]:
    return checks.group_by("rule_id", "instance").len().filter(pl.col("len") > 1).select("rule_id", "instance").rows()


@pytest.mark.parametrize("doc_id", PDF_SNAPSHOTS)
def test_no_two_checks_of_a_snapshot_with_cells_share_a_name(doc_id):
    # the rules run from the code, not the committed checks.parquet: a rule that stops naming its repeats fails here
    # before anyone re-ingests
    assert _named_twice(rules.run(load_snapshot(SNAPSHOTS / doc_id).tables).checks) == []


def test_the_pinned_seed_repeats_one_name_and_its_cells_hold_both_lines():
    # its 1,320 results are pinned with their names: 附表1-13 合计 占比 is checked twice, income (line 434) and
    # expenditure (line 438), both passing; its check_cells place each side at its lines, the two checks' merged
    assert len(PDF_SNAPSHOTS) >= 10  # the ten PDF documents: the names test above is not run on nothing
    assert _named_twice(pl.read_parquet(SNAPSHOTS / DOC_ID / "checks.parquet")) == [("1-13.shares", "合计 占比")]
    cells = pl.read_parquet(SNAPSHOTS / DOC_ID / "check_cells.parquet").filter(pl.col("instance") == "合计 占比")
    assert cells.select("side", "source_lines").rows() == [
        ("expected", [434]),
        ("actual", [434]),
        ("expected", [438]),
        ("actual", [438]),
    ]


def _top(box) -> float:
    return round(float(box[1]), 1)


def test_wanli_2023_p7_the_failing_clause_of_item_16_cites_its_own_lines_only(fresh):
    # p7 item 15: “…机关事业单位基本养老保险缴费支出（项）”441.25万元 … 2022年当年预算执行数为274.85万元，2023年预算安排
    # 441.25万元，比2022年预算执行数增加60.54% (right); item 16: “…机关事业单位职业年金缴费支出（项）”220.63万元 …
    # 执行数为132.59万元，2023年预算安排441.25万元，…增加60.54% (item 15's figures again): the same words, two clauses
    checked = fresh[WANLI_2023]
    clauses = checked.checks.filter(
        pl.col("rule_id") == "narrative.executed_change",
        pl.col("instance").str.starts_with("第 7 页：2023年预算安排441.25"),
    )
    by_name = {r["instance"]: r for r in clauses.iter_rows(named=True)}
    first, second = (
        "第 7 页：2023年预算安排441.25万元，增加60.54%",
        "第 7 页：2023年预算安排441.25万元，增加60.54%（同名第2项）",
    )
    assert set(by_name) == {f"{first} · 本项金额", f"{first} · 增减率", f"{second} · 本项金额", f"{second} · 增减率"}
    assert by_name[f"{first} · 本项金额"]["status"] == by_name[f"{first} · 增减率"]["status"] == "pass"
    amount, rate = by_name[f"{second} · 本项金额"], by_name[f"{second} · 增减率"]
    assert (amount["status"], amount["expected"], amount["actual"]) == ("fail", Decimal("220.63"), Decimal("441.25"))
    assert (rate["status"], rate["expected"], rate["actual"]) == ("fail", Decimal("60.54"), Decimal("232.79"))
    cells = checked.check_cells.filter(pl.col("instance").str.starts_with(second))
    # item 16 is printed on p7 from 493.7 pt down (its quoted amount 220.63) to 520.3 pt; item 15 from 442.4 to 483.6
    assert sorted({_top(b) for b in cells["box"]}) == [493.7, 508.2]
    sides = oq.failing_sides(checked.checks, checked.check_cells)
    cited_15 = checked.check_cells.filter(pl.col("instance").str.starts_with(first + " "))["box"]
    item_15 = set().union(*(place_keys(7, box, None) for box in cited_15))
    assert item_15 and not item_15 & set(sides["place"])


def test_gaoji_2017_p19_the_total_said_twice_is_two_checks_each_with_its_line(fresh):
    # p19: "江苏省高级人民法院 2017 年度收入、支出预算总计 28849.38 万元" (231.9 pt) and
    # "（二）支出预算总计 28849.38万元。" (493.9 pt), each against the 收支预算总表's 28,849.38 (p12)
    checked = fresh[GAOJI_2017]
    name = "第 19 页：支出预算总计 28849.38万元"
    both = checked.checks.filter(pl.col("rule_id") == "canonical.narrative", pl.col("instance").str.starts_with(name))
    assert both["instance"].to_list() == [name, f"{name}（同名第2项）"]
    assert both["status"].to_list() == ["pass", "pass"]
    said = checked.check_cells.filter(pl.col("rule_id") == "canonical.narrative", pl.col("side") == "expected")
    tops = [[_top(b) for b in said.filter(pl.col("instance") == n)["box"]] for n in both["instance"]]
    assert tops == [[231.9], [493.9]]
