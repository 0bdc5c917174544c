"""One key for "where was this printed" (canonical.model.place_keys), for every format: a check is found by the
place of its figure through check_cells, which the text export now writes too (each side at its lines).

Values read off the documents:
- data/raw/hongshan_kejingju_2023.txt line 2253: 一般公共预算基本支出 1349.59 万元，比 2022 年预算减少 10.31 万元，
  下降 0.76%; line 246 (附表1-5 合计): 21,225.47 | 1,349.59 | 1,190.47 | 159.11 | 19,875.88, whose 基本支出
  1,349.59 is not 人员 1,190.47 + 公用 159.11; lines 840–846 the 科学技术研究与开发资金 form's 项目总预算 18000,
  项目当年预算 18000.
- 万里街道 2023 p35 (pdftoppm -r 100, looked at): 公共服务设施运行经费's 年度资金申请总额 10,903,043.00 beside 其中：
  当年财政拨款 11,419,043.00, 上年结转资金 0.00, 其他资金 0.00; 项目资金总额 10,903,043.00 = 财政资金 10,903,043.00 +
  其他资金 0.00.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import polars as pl
import pytest

from budgetlens import canonical_queries as cq
from budgetlens import overview_queries as oq
from budgetlens import project_queries as pq
from budgetlens.canonical.model import place_keys
from budgetlens.store import load_snapshot
from tests.conftest import DOC_ID, SNAPSHOTS, shared

WANLI_2023 = "shanghai_putuo_wanlijiedao_2023_bumen_yusuan"
FACILITIES = "公共服务设施运行经费"
RESEARCH, TRANSFER = "科学技术研究与开发资金", "科技成果转化工作经费"


@pytest.fixture(scope=shared)
def seed() -> dict[str, pl.DataFrame]:
    return dict(load_snapshot(Path(SNAPSHOTS / DOC_ID)).tables)


@pytest.fixture(scope=shared)
def wanli() -> dict[str, pl.DataFrame]:
    return dict(load_snapshot(Path(SNAPSHOTS / WANLI_2023)).tables)


def test_a_place_is_a_box_start_on_its_page_or_each_line():
    box = [463.299988, 142.0, 540.0, 166.0]
    assert place_keys(35, box, None) == place_keys(35, [463.3, 142.04, 520.0, 165.96], [])  # read twice
    assert not place_keys(35, box, None) & place_keys(35, [303.5, 142.0, 380.0, 166.0], None)  # the next cell
    assert not place_keys(35, box, None) & place_keys(34, box, None)
    assert place_keys(None, None, [840, 846]) == place_keys(None, None, [846, 840, 840])
    assert place_keys(None, None, [840]) < place_keys(None, None, [840, 841])
    assert place_keys(None, None, None) == place_keys(35, None, []) == frozenset()  # placed nowhere


def test_the_text_export_s_rate_check_is_found_by_its_line(seed):
    stated = {"amount_printed": "1349.59", "page": None, "box": None, "source_lines": [2253]}
    found = cq.check_at(seed["checks"], seed["check_cells"], "narrative.percentages", stated)
    assert found is not None and found["instance"] == "一般公共预算基本支出安排情况 · 一般公共预算基本支出"
    assert (found["status"], found["actual"]) == ("pass", D("-0.76"))  # 下降 0.76%
    assert cq.check_at(seed["checks"], seed["check_cells"], "narrative.percentages", {"source_lines": [2255]}) is None
    assert cq.check_at(seed["checks"], None, "narrative.percentages", stated) is None  # no cells, no lines fallback


def test_the_text_export_s_disputed_basic_is_found_by_its_line_through_check_cells(seed):
    basic = cq.Printed(D("1349.59"), "1,349.59", "基本支出", "附表1-5", None, None, (246,))
    sides = oq.failing_sides(seed["checks"], seed["check_cells"])
    assert oq.disputed(sides, basic)  # 1-5.row 合计 · 基本支出: 1,349.59 against 1,190.47 + 159.11
    assert not oq.disputed(sides, cq.Printed(D("21225.47"), "21,225.47", "合计", "附表1-5", None, None, (246,)))
    assert not oq.disputed(oq.failing_sides(seed["checks"], None), basic)  # the checks' own lines: no second way


def test_the_text_export_s_form_checks_are_found_by_its_lines(seed):
    funds = seed["project_funds"]
    research = pq._checks_citing(seed, ("1-14.project_budget",), funds.filter(pl.col("project") == RESEARCH))
    assert research.select("instance", "status", "expected").rows() == [
        (f"{RESEARCH} · 总预算", "pass", D("18000")),
        (f"{RESEARCH} · 资金来源合计", "pass", D("18000")),
        (f"{RESEARCH} · 支出明细合计", "pass", D("18000")),
    ]
    other = pq._checks_citing(seed, ("1-14.project_budget",), funds.filter(pl.col("project") == TRANSFER))
    assert other.height and not other["instance"].str.starts_with(RESEARCH).any()


def test_a_pdf_form_s_fund_check_and_its_disputed_cell_are_found_by_the_box(wanli):
    funds = wanli["project_funds"].filter(pl.col("project") == FACILITIES)
    annual = funds.filter(pl.col("item") == "annual_total").row(0, named=True)
    assert (annual["page"], annual["amount_printed"]) == (35, "10,903,043.00")
    found = pq._checks_citing(wanli, (pq.PROJECT_FUNDS_RULE,), funds.filter(pl.col("item") == "annual_total"))
    assert found.select("instance", "status", "expected", "actual").rows() == [
        (f"{FACILITIES} 年度资金申请总额", "fail", D("1141.9043"), D("1090.3043"))
    ]
    sides = oq.failing_sides(wanli["checks"], wanli["check_cells"])
    printed = cq.Printed(annual["amount_wan"], annual["amount_printed"], "年度资金申请总额", "t14", 35, annual["box"])
    assert oq.disputed(sides, printed)
    appropriation = funds.filter(pl.col("item") == "annual_appropriation").row(0, named=True)
    assert appropriation["amount_printed"] == "11,419,043.00"  # a part of the failing sum: not itself in dispute
    assert not place_keys(35, appropriation["box"], None) & set(sides["place"])
