"""The library's check across years, run from the code on two documents read fresh from their PDFs (neither the
committed snapshots nor the committed cross_checks.parquet). Values off the rendered pages (pdftoppm -r 100):

江苏省人民检察院 2018 p28: 一般公共预算财政拨款支出预算21,940.96万元，与上年相比增加3,958.98万元 (→ 17,981.98);
2018 p29: 会议费预算支出200.44万元，比上年预算数增加32.44万元 (→ 168); 机关运行经费预算支出2,722.57万元，比上年相比
减少3,309.98万元 (→ 6,032.55).
江苏省人民检察院 2017 p12: 财政拨款支出预算表 合计 17,981.68; p22: 机关运行经费预算支出6032.55万元;
p23: 会议费预算支出168万元.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlens.canonical.document import read_pdf_document
from budgetlens.checks import across_documents
from tests.conftest import ROOT, per_module

RAW = ROOT / "data" / "raw"
LATER, EARLIER = "jiangsu_jianchayuan_2018_bumen_yusuan", "jiangsu_jianchayuan_2017_bumen_yusuan"


@pytest.fixture(scope=per_module)
def statements() -> list[dict]:
    later = read_pdf_document([RAW / f"{LATER}.pdf"], LATER)
    earlier = read_pdf_document([RAW / f"{EARLIER}.pdf"], EARLIER)
    return across_documents._pair_results(LATER, later.tables, EARLIER, earlier.tables, 2017)


def _statement(statements: list[dict], *printed: str) -> dict:
    found = [s for s in statements if all(p in s["instance"].replace(",", "") for p in printed)]
    assert len(found) == 1, [s["instance"] for s in statements]
    return found[0]


def test_the_prior_year_is_the_amount_less_an_increase(statements):
    meetings = _statement(statements, "200.44", "32.44")
    assert (meetings["status"], meetings["expected"], meetings["actual"]) == ("pass", Decimal("168.00"), Decimal("168"))
    total = _statement(statements, "21940.96", "3958.98")
    assert (total["status"], total["expected"], total["actual"]) == ("fail", Decimal("17981.98"), Decimal("17981.68"))
    assert (total["expected_page"], total["actual_page"]) == (28, 12)


def test_the_prior_year_is_the_amount_plus_a_decrease(statements):
    # 减少3,309.98万元: 2,722.57 + 3,309.98 = 6,032.55, what 2017 budgets (p22)
    operating = _statement(statements, "2722.57", "3309.98")
    assert operating["status"] == "pass"
    assert (operating["expected"], operating["actual"]) == (Decimal("6032.55"), Decimal("6032.55"))
