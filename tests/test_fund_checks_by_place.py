"""A project form's fund checks are found by the cells they cite (check_cells), never by their instance's words: a
check whose name starts with one project's name but cites another's cells belongs to the other.

万里街道 2023's forms (rendered and read): p35 公共服务设施运行经费 prints 年度资金申请总额 10,903,043.00 beside
当年财政拨款 11,419,043.00, 上年结转资金 0.00, 其他资金 0.00 (fails); p34 各类工作经费's add up."""

from pathlib import Path

import polars as pl

from budgetlens import project_queries as pq
from budgetlens.store import load_snapshot
from tests.conftest import DOC_ID, SNAPSHOTS

WANLI_2023 = "shanghai_putuo_wanlijiedao_2023_bumen_yusuan"
FACILITIES, WORK = "公共服务设施运行经费", "各类工作经费"


def _detail(tables: dict[str, pl.DataFrame], name: str) -> pq.ProjectDetail:
    listed = pq.project_list(tables, 2023)
    key = listed.filter(pl.col("project_name") == name)["project_key"][0]
    return pq.project_detail(tables, 2023, key)


def test_each_form_gets_the_checks_citing_its_cells():
    tables = dict(load_snapshot(Path(SNAPSHOTS / WANLI_2023)).tables)
    # p35: 项目资金总额 and 年度资金申请总额 (10,903,043.00 元) each against their parts (canonical.project_funds), and
    # against each other (the numbered template's 1-14.project_budget, which runs on every document's forms)
    assert _detail(tables, FACILITIES).fund_checks.select("instance", "status").rows() == [
        (f"{FACILITIES} 项目资金总额", "pass"),
        (f"{FACILITIES} 年度资金申请总额", "fail"),
        (f"{FACILITIES} · 总预算", "pass"),
    ]
    # a failing check named as if it were 公共服务设施运行经费's, citing 各类工作经费's 项目资金总额 cells
    cited = tables["check_cells"].filter(pl.col("instance") == f"{WORK} 项目资金总额")
    planted = f"{FACILITIES} 另一项"
    tables["check_cells"] = pl.concat([tables["check_cells"], cited.with_columns(instance=pl.lit(planted))])
    check = tables["checks"].filter(pl.col("instance") == f"{WORK} 项目资金总额")
    tables["checks"] = pl.concat(
        [tables["checks"], check.with_columns(instance=pl.lit(planted), status=pl.lit("fail"))]
    )
    assert planted not in _detail(tables, FACILITIES).fund_checks["instance"].to_list()
    assert (planted, "fail") in _detail(tables, WORK).fund_checks.select("instance", "status").rows()


def test_a_text_export_s_form_is_placed_by_its_lines():
    """The text export's forms have no page or box: a check citing one form's lines (840–846, 科学技术研究与开发资金's
    项目资金 block) is that form's, not every form's of table t14."""
    tables = dict(load_snapshot(Path(SNAPSHOTS / DOC_ID)).tables)
    research, other = "科学技术研究与开发资金", "科技成果转化工作经费"
    funds = tables["project_funds"].filter(pl.col("project") == research, pl.col("item") == "project_total")
    planted = f"{research} 项目资金总额"
    tables["check_cells"] = funds.select(
        rule_id=pl.lit(pq.PROJECT_FUNDS_RULE),
        instance=pl.lit(planted),
        side=pl.lit("expected"),
        table_id="table_id",
        page="page",
        box="box",
        source_lines="source_lines",
    )
    checks = tables["checks"]
    check = checks.filter(pl.col("rule_id") == pq.PROJECT_FUNDS_RULE).head(1)  # the seed's own: not applicable
    tables["checks"] = pl.concat([checks, check.with_columns(instance=pl.lit(planted), status=pl.lit("fail"))])
    assert _detail(tables, research).fund_checks["instance"].to_list() == [planted]
    assert _detail(tables, other).fund_checks.is_empty()
