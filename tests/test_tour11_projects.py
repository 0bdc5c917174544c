"""项目: the list marks a project whose form a failing check disputes, and the page quotes what the narrative says of
the projects with performance targets, with ⚠ where a check disputes its total; a document without project forms
still shows that statement. Values off the rendered pages (pdftoppm -r 80):

万里街道 2023 p29: "编报绩效目标的项目5个，涉及项目预算资金3328.13万元"; its five forms (p31–35) ask 410, 635.1,
456.38, 759.55 and 1,090.3043 万元 (3,351.3343); p35's 年度资金申请总额 10,903,043.00 元 against 其中：当年财政拨款
11,419,043.00 元. 普陀区财政局 2025 p22: "2025年度，本单位编报绩效目标的项目共4个，涉及项目预算资金598.46万元。"
"""

from __future__ import annotations

import polars as pl

from budgetlens import project_queries as pq
from budgetlens.canonical.narrative import narrative_figures
from budgetlens.store import load_snapshot
from components import projects_view
from tests.conftest import SNAPSHOTS
from tests.test_app import open_page, texts
from tests.test_narrative_changes import _lines

WANLI_2023 = "shanghai_putuo_wanlijiedao_2023_bumen_yusuan"
CAIZHENG_2025 = "shanghai_putuo_caizhengju_2025_bumen_yusuan"


def test_the_list_marks_the_project_a_failing_check_disputes():
    app = open_page("pages/projects.py", doc=WANLI_2023)
    names = list(app.dataframe[0].value["project_name"])
    assert "⚠ 公共服务设施运行经费" in names  # its 年度资金申请总额 is less than its own 其中 parts
    assert "新建万里街道社区公共服务中心" in names  # the others stay unmarked
    assert sum(name.startswith("⚠") for name in names) == 1


def test_the_projects_download_says_the_disputed_project_in_a_column_of_its_own():
    snapshot = load_snapshot(SNAPSHOTS / WANLI_2023)
    shown = pq.filter_projects(pq.project_list(snapshot.tables, 2023), pq.ProjectFilter())
    download = projects_view.download_frame(shown, snapshot.table("schedules"), pq.disputed_projects(snapshot.tables))
    failed = download.filter(pl.col("check_failed"))["project_name"].to_list()
    assert failed == ["公共服务设施运行经费"]  # p35, its name as printed (no ⚠)
    assert download.height == 5


def test_the_narratives_total_of_the_projects_stands_beside_the_forms_sum_with_its_dispute():
    shown = texts(open_page("pages/projects.py", doc=WANLI_2023))
    assert "**5** 个项目，合计 **3,351.3343 万元**" in shown  # 410 + 635.10 + 456.38 + 759.55 + 1,090.3043
    said = [line for line in shown.splitlines() if line.startswith("文字说明（第 29 页）")]
    assert len(said) == 1
    assert "编报绩效目标的项目5个，涉及项目预算资金3328.13万元。”" in said[0]
    assert said[0].endswith(
        "⚠ 所述 3,328.13 万元，与 5 张项目绩效目标表的年度资金申请总额之和 3,351.3343 万元相差 23.2043 万元。"
    )


def test_a_document_without_project_forms_quotes_what_its_narrative_says_of_its_projects():
    shown = texts(open_page("pages/projects.py", doc=CAIZHENG_2025))
    assert "本文件未包含项目绩效目标表。" in shown
    # the sentence after it names the four projects and their money: quoted with it
    assert (
        "文字说明（第 22 页）：“2025年度，本单位编报绩效目标的项目共4个，涉及项目预算资金598.46万元。"
        "其中：中介机构服务费418.80万元，财政业务费10.00万元，信息化系统日常维护费166.66万元，援滇干部工作经费3.00万元。”"
    ) in shown


def test_only_the_sentence_of_parts_after_the_statement_is_taken_in():
    lines = _lines(
        "四、绩效目标设置情况",
        "2025年度，本单位编报绩效目标的项目共2个，涉及项目预算资金20.00万元。其中：甲经费15.00万元，乙经费5.00万元。"
        "五、国有资产占有使用情况",
    )
    (stated,) = [f for f in narrative_figures(lines, 2025) if f["target"] == "performance_targets_amount"]
    assert stated["statement"].endswith("涉及项目预算资金20.00万元。其中：甲经费15.00万元，乙经费5.00万元。")
    alone = _lines("本单位编报绩效目标的项目共2个，涉及项目预算资金20.00万元。主要用于日常运转。")
    (stated,) = [f for f in narrative_figures(alone, 2025) if f["target"] == "performance_targets_amount"]
    assert stated["statement"] == "本单位编报绩效目标的项目共2个，涉及项目预算资金20.00万元。"
