"""Every page runs in AppTest and shows the document's real numbers; links keep and validate state."""

from __future__ import annotations

import re
import shutil
import urllib.parse
from collections.abc import Callable
from decimal import Decimal as D
from pathlib import Path
from typing import Any
from unittest import mock

import polars as pl
import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest, app_test
from streamlit.util import calc_hash

from components.frame import PAGES as FRAME_PAGES
from tests.conftest import DOC_ID, ROOT, SNAPSHOTS

# Every page renders on every document, the text export included, with its text pinned: tests/test_app_pdf.py.


URL_PATHS = {page_file: url_path for _, page_file, _, _, url_path in FRAME_PAGES}  # pages/x.py -> its url path


class _NavigationPages(PagesManager):
    """AppTest's page registry as the server's is after app.py's first run: app.py's st.navigation chooses the page.

    AppTest forgets before each run that the app uses st.navigation (PagesManager.uses_pages_directory), and because
    pages/ exists it takes the app for one of Streamlit's older multipage apps: a run asked for a page whose url path
    is its file name (/overview, /checks ...) then ran that file alone, without app.py (no sidebar, no document
    selector), on every run after the first. The server sets the flag off once app.py has called st.navigation."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


def _through_app_py(run: Callable[..., Any]) -> Callable[..., Any]:
    def run_through_app_py(*args: Any, **kwargs: Any) -> Any:
        with mock.patch.object(app_test, "PagesManager", _NavigationPages):
            return run(*args, **kwargs)

    return run_through_app_py


def opening(page: str, /, **params: str) -> AppTest:
    """An AppTest of app.py whose first run is `page` (a file under pages/) with the link's `params`, as a visitor
    opening `/<its url path>?<params>` gets it: one run of app.py, whose st.navigation runs the page; and so every
    later run (`_NavigationPages`).

    AppTest's own switch_page names a page only after a first run (before it, it hashes the file name, which is not
    the hash st.navigation gives a page of its own url path), so each page used to be opened after a run of the
    default page, the library: about 0.2 CPU-s of every such test, the page's own run often a tenth of that. The hash
    asked for here is the one st.Page gives its url path (calc_hash), which switch_page finds after a run."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    app._run = _through_app_py(app._run)
    app._page_hash = calc_hash(URL_PATHS[page])
    return app


def open_page(page: str, /, **params: str) -> AppTest:
    app = opening(page, **params).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def texts(app: AppTest) -> str:
    # markdown holds document text with its markdown characters escaped: read it as the reader sees it
    parts = [re.sub(r"\\(.)", r"\1", m.value) for m in app.markdown]
    parts += [c.value for c in app.caption] + [t.value for t in app.text]
    parts += [f"{m.label} {m.value} {m.delta or ''}" for m in app.metric]
    parts += [w.value for w in app.warning] + [i.value for i in app.info] + [e.value for e in app.error]
    return "\n".join(re.sub(r"\\(.)", r"\1", str(p)) for p in parts)


def test_overview_headline():
    shown = texts(open_page("pages/overview.py"))
    assert "21,225.47 万元" in shown and "−14.38%" in shown
    assert "24,789.30 万元" in shown and "3,563.83 万元" in shown
    assert "基本支出（万元） ⚠ 1,349.59" in shown  # one side of a failing check: marked
    assert "项目支出（万元） 19,875.88" in shown  # not part of a failing check: not marked
    assert "2060499 其他技术与开发支出：16,000.00 万元" in shown
    assert "总编制人数：37 人" in shown and "退休：75 人" in shown


def test_function_table_shows_the_document_rows():
    app = open_page("pages/by_function.py")
    assert len(app.dataframe) == 1  # the "全部金额列" table is drawn when its expander opens
    app.session_state["function-all-columns"] = True
    app.run()
    full = app.dataframe[1].value
    row = full[full["code"] == "2060499"].iloc[0]
    assert (row["name"], row["total_wan"], row["project_wan"]) == ("其他技术与开发支出", 16000.0, 16000.0)
    assert len(full) == 28


def test_function_node_from_the_url():
    app = open_page("pages/by_function.py", node="20601", measure="basic_wan")
    assert app.selectbox(key="node").value == "20601"
    shown = texts(app)
    assert "839.25 万元" in shown and "表中此行列示 839.24 万元" in shown
    rows = app.dataframe[0].value
    assert list(rows["code"]) == ["20601", "2060101", "2060102", "2060199"]
    # the ⚠ mark leads to the failing checks of that row's line
    assert rows.iloc[0]["check_link"] == "/checks?doc=hongshan_kejingju_2023&line=248"
    assert rows.iloc[0]["name"] == "⚠ 科学技术管理事务"
    # the document is in the link even when it is the default: the default changes as the library grows
    assert dict(app.query_params) == {"node": "20601", "measure": "basic_wan", "doc": DOC_ID}


@pytest.mark.parametrize("value", ["9999999", "<script>alert(1)</script>", "x" * 5000, "20601,206", ""])
def test_invalid_node_falls_back_with_a_notice(value):
    app = open_page("pages/by_function.py", node=value, measure="nonsense")
    assert app.selectbox(key="node").value == "root"
    if value:
        assert any("不是有效的选项" in i.value for i in app.info)
    assert all("<script>" not in i.value for i in app.info)


def test_economic_page_tree():
    app = open_page("pages/by_economic.py", node="302")
    rows = app.dataframe[0].value
    assert rows.iloc[0]["code"] == "302"
    assert "表中此行列示 159.11 万元，而它下级各行之和是 159.13 万元" in texts(app)


def test_checks_page_lists_failures_with_both_values():
    app = open_page("pages/checks.py")
    shown = texts(app)
    assert "发现的矛盾 16 处" in shown  # 34 failing checks, grouped by cause (tests/test_narrative_arithmetic.py)
    assert "规则说明：每条规则核对什么" in [e.label for e in app.expander]
    assert "读取提示（0）" in [h.value for h in app.header]
    assert "附表1-3 20601 科学技术管理事务 合计：**1,035.12 万元**（第 166 行）" in shown
    assert "下级科目之和：**1,035.13 万元**（第 167、168、169 行）" in shown
    assert "差额（后者 − 前者）：**+0.01 万元**" in shown
    # the document's own lines, as text, under each side's label (in the card's expander)
    source = next(c.value for c in app.code if "20601 │ 科学技术管理事务 │ 1035.12" in c.value)
    assert source.startswith(
        "附表1-3 20601 科学技术管理事务 合计（第 166 行）\n  166 │ 20601 │ 科学技术管理事务 │ 1035.12"
    )
    assert "\n\n附表1-3 20601 科学技术管理事务 下级科目之和（第 167、168、169 行）\n  167 │ " in source


def test_checks_page_lists_every_result_in_its_own_view():
    app = open_page("pages/checks.py", view="all", status="fail,not_applicable")
    # 34 failures and 27 not applicable (19 before the one rule list; its 8: tests/golden/seed_checks_added.jsonl)
    assert app.header[0].value == "全部核对结果（61）"
    listing = app.dataframe[0].value
    assert len(listing) == 61 and set(listing["status"]) == {"没有通过", "无法核对"}
    assert not [m for m in app.markdown if "下级科目之和" in m.value]  # the cards are the other view
    assert [p.proto.popover.label for p in app.get("popover")] == ["下载这 61 行"]


def test_checks_page_shows_findings_ten_at_a_time():
    first_page = open_page("pages/checks.py")
    first = texts(first_page)
    # the findings as the markdown shows them, the page's incomplete-document warning aside
    findings_shown = "\n".join(re.sub(r"\\(.)", r"\1", m.value) for m in first_page.markdown)
    assert "附表1-3 20601 科学技术管理事务 合计" in first and "附表1-8 项目支出表" not in findings_shown
    last = open_page("pages/checks.py", part="2")
    shown = texts(last)
    last_findings = "\n".join(re.sub(r"\\(.)", r"\1", m.value) for m in last.markdown)
    assert "附表1-8 项目支出表" in last_findings  # the 16th finding: 1-8 is listed in the contents, not in the document
    assert "附表1-3 20601 科学技术管理事务 合计：" not in shown
    assert last.header[0].value == "发现的矛盾（16 处，涉及 34 项核对）"
    assert len([e for e in last.expander if e.label == "两边在原文中的行"]) == 6
    assert any("不是有效的选项" in i.value for i in open_page("pages/checks.py", part="99").info)


def test_checks_page_filters_by_line_and_status():
    app = open_page("pages/checks.py", line="2315")
    shown = texts(app)
    assert "只显示涉及原文第 2315 行的核对" in shown
    assert "参照公务员法管理事业单位" in shown
    assert app.header[0].value == "发现的矛盾（1 处，涉及 2 项核对）"
    listing = open_page("pages/checks.py", line="2315", status="fail").dataframe[0].value
    assert len(listing) == 2 and set(listing["status"]) == {"没有通过"}
    cited = listing["actual_lines"] + ", " + listing["expected_lines"]
    assert all(2315 in map(int, lines.split(", ")) for lines in cited)


def test_a_link_with_a_result_filter_opens_the_full_listing():
    app = open_page("pages/checks.py", status="not_applicable")
    assert app.header[0].value == "全部核对结果（27）"
    assert set(app.dataframe[0].value["status"]) == {"无法核对"}


def test_checks_page_rejects_a_bad_line():
    app = open_page("pages/checks.py", line="abc")
    assert any("不是行号" in i.value for i in app.info)


def test_data_page_table_and_manifest():
    app = open_page("pages/data_sources.py", table="s07_three_public")
    table = app.dataframe[0].value
    assert list(table["item"])[:2] == ["本表合计", "因公出国（境）费"] and table["amount_wan"].iloc[0] == "4.40"
    assert len(app.dataframe) == 1  # one part at a time
    manifest = open_page("pages/data_sources.py", view="manifest")
    assert list(manifest.dataframe[0].value["内容"])[:3] == ["武汉市洪山区科学技术和经济信息化局", "067", "2023"]
    sources = manifest.dataframe[1].value  # the original file, with the checksum the snapshot was read from
    assert list(sources["文件"]) == ["hongshan_kejingju_2023.txt"]
    assert list(sources["sha256"]) == ["ceddf65c6dc548f5238d3c1a15893290a192d66b7f3b13d7986036ad2ea9a5b1"]
    listing = manifest.dataframe[2].value  # the schedules the contents promise, 附表1-8 among them, absent
    absent = listing[listing["状态"] == "目录列出、文件中没有"]
    assert list(absent["编号（原文）"]) == ["附表1-8"] and list(absent["表名（原文）"]) == ["项目支出表"]
    assert "目录（第 25 行）列出了“附表1-8 项目支出表”，文件中没有这张表。" in texts(manifest)  # line 25
    glossary = texts(open_page("pages/data_sources.py", view="glossary", term="基本支出"))
    assert "**基本支出**  \n指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。" in glossary
    assert "没有找到这个名词" in texts(open_page("pages/data_sources.py", view="glossary", term="不存在的名词"))


def test_a_corrupt_snapshot_shows_a_message_not_a_traceback(tmp_path, monkeypatch):
    from components import data

    copy = tmp_path / "snapshots"
    shutil.copytree(SNAPSHOTS / DOC_ID, copy / DOC_ID)
    target = copy / DOC_ID / "s05_general_budget.parquet"
    target.write_bytes(target.read_bytes()[:-7] + b"corrupt")
    monkeypatch.setattr(data, "SNAPSHOTS", copy)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("pages/overview.py").run()  # the default page is the library; a document's page shows it
    assert not app.exception
    assert any("已损坏或不完整" in e.value for e in app.error)


def test_a_corrupt_document_does_not_stop_the_others(tmp_path, monkeypatch):
    """One flipped byte in one document's file: that document shows its error, the other one its numbers."""
    from components import data

    copy = tmp_path / "snapshots"
    shutil.copytree(SNAPSHOTS / DOC_ID, copy / DOC_ID)
    shutil.copytree(SNAPSHOTS / DOC_ID, copy / "damaged_copy_2023")
    target = copy / "damaged_copy_2023" / "s07_three_public.parquet"
    damaged = bytearray(target.read_bytes())
    damaged[len(damaged) // 2] ^= 0x01
    target.write_bytes(bytes(damaged))
    monkeypatch.setattr(data, "SNAPSHOTS", copy)
    # same department and year: the selector tells them apart by folder name
    assert sorted(c.label for c in data.documents()) == [
        "2023年预算 · 武汉市洪山区科学技术和经济信息化局（damaged_copy_2023）",
        f"2023年预算 · 武汉市洪山区科学技术和经济信息化局（{DOC_ID}）",
    ]

    broken = open_page("pages/overview.py", doc="damaged_copy_2023")
    assert any("已损坏或不完整" in e.value and "s07_three_public.parquet" in e.value for e in broken.error)
    assert not broken.metric  # no number from the damaged snapshot
    healthy = open_page("pages/overview.py", doc=DOC_ID)
    assert not healthy.error
    assert "21,225.47 万元" in texts(healthy)


def test_download_buttons_are_offered_when_the_popover_opens():
    app = open_page("pages/by_function.py")
    assert not app.get("download_button")  # drawn only when asked for
    app.session_state["function-download-open"] = True
    app.run()
    labels = [button.proto.label for button in app.get("download_button")]
    assert labels == ["下载 CSV", "下载 Excel", "下载 Parquet"]


def test_changes_page_shows_three_years():
    app = open_page("pages/changes.py")
    shown = texts(app)
    assert (
        "2023 年预算总额 **21,225.47 万元**，比 2022 年减少 3,563.83 万元（**−14.38%**）。16 个项目中，"
        "比 2022 年增加的 2 个、减少的 12 个、持平的 0 个，新增 1 个，往年未列明 1 个。"
    ) in shown
    composition = app.dataframe[0].value  # the first part: 收支构成
    row = composition[composition["item"] == "财政拨款"].iloc[0]
    assert (row["amount_2021_wan"], row["amount_2022_wan"], row["amount_2023_wan"]) == (15317.66, 24789.3, 21225.47)
    other_funds = composition[composition["item"] == "其他资金"].iloc[0]
    assert other_funds["change_pct"] == "—"  # 0 → 0: no rate
    assert len(app.dataframe) == 1  # the other parts are not drawn

    projects = open_page("pages/changes.py", view="projects").dataframe[0].value
    research = projects[projects["project_name"] == "科学技术研究与开发资金"].iloc[0]
    assert (research["amount_2021_wan"], research["amount_2022_wan"], research["amount_2023_wan"]) == (
        "13,381.00",
        "23,000.00",
        18000.0,
    )
    assert research["change_pct"] == "−21.74%"
    assert projects[projects["project_name"] == "新两园奖补资金"].iloc[0]["wording"] == "2021、2022 年为“下达”数"
    new = projects[projects["project_name"] == "科技类非学科校外培训机构规范管理"].iloc[0]
    assert new["prior_years_status"] == "新增项目"
    # no earlier amount: a dash, not the grid's "None"
    assert (new["amount_2021_wan"], new["amount_2022_wan"], new["change_pct"]) == ("—", "—", "—")
    details = texts(open_page("pages/changes.py", view="details"))
    assert "2022 年预算 **23,000.00 万元** → 2023 年 **18,000.00 万元**（−5,000.00 万元）" in details
    narrative = texts(open_page("pages/changes.py", view="narrative"))
    assert "- **一致** · 一般公共预算支出安排情况 · 当年预算：文字说明 −3,563.83 万元" in narrative


def test_changes_page_trend_filter_from_the_url():
    app = open_page("pages/changes.py", view="indicators", trend="下降")
    trends = app.dataframe[0].value
    assert set(trends["trend"]) == {"下降"}
    assert sorted(set(trends["name"])) == [
        "公众号文章发布总量",
        "创新创业活动",
        "开展宣传教育，定期举办读书、学习分享活动",
    ]
    assert len(trends) == 6  # each in the department's table and in its project's
    rising = open_page("pages/changes.py", view="indicators", trend="上升").dataframe[0].value
    firms = rising[rising["name"] == "净增高新技术企业数量"]
    years = ["value_2021", "value_2022", "value_2023"]
    assert len(firms) == 2 and list(firms.iloc[0][years]) == ["84家", "100家", "96家"]
    assert any("不是有效的选项" in i.value for i in open_page("pages/changes.py", trend="sideways").info)


def test_changes_page_project_from_the_url():
    app = open_page("pages/changes.py", project="420111220670310000109", pair="2021-2022")
    years = {m.label: m.value for m in app.metric}
    assert years == {
        "2021 年（预算，万元）": "13,381.00",
        "2022 年（预算，万元）": "23,000.00",
        "2023 年（预算，万元）": "18,000.00",
    }
    new = open_page("pages/changes.py", project="420111230670030000101")
    assert "新增项目，无往年数" in texts(new)


def test_three_public_page():
    app = open_page("pages/three_public.py")
    shown = texts(app)
    assert "2023 年“三公”经费 **4.40 万元**，与 2022 年持平" in shown
    assert "“三公”经费（万元） 4.40 与 2022 年持平" in shown
    table = app.dataframe[0].value
    reception = table[table["项目"].str.strip("　") == "公务接待费"].iloc[0]
    reason = "根据中央八项规定，厉行节约"
    assert (reception["金额"], reception["增减"], reception["文件给出的原因"]) == (0.0, 0.0, reason)
    assert "占公用经费 2.77%" in shown and "统计范围 4 家单位" in shown
    zeros = "因公出国（境）费、公务用车购置费、公务接待费为 0，照原文列出"
    assert f"{zeros}，文件说明了原因（见下表“文件给出的原因”）。" in shown
    assert (
        "采购合计 **39,400.00 元**（3 行：“车辆维修和保养服务”“车辆加油、添加燃料服务”“财产保险服务”），不超过运行费。"
    ) in shown


@pytest.fixture(scope="module")
def changed_snapshots(tmp_path_factory) -> Path:
    """A copy of the document where the vehicle procurement exceeds the running cost (车辆维修和保养服务
    20,400 → 60,400 元, line 380) and 新两园奖补资金's 2022 amount is a budget, not an allocation (line 2106)."""
    from budgetlens.pipeline import ingest_to_snapshot

    folder = tmp_path_factory.mktemp("changed")
    (folder / "raw").mkdir()
    shutil.copytree(ROOT / "data" / "aliases", folder / "aliases")
    lines = (ROOT / "data" / "raw" / f"{DOC_ID}.txt").read_text(encoding="utf-8").split("\n")
    assert "车辆维修和保养服务" in lines[379] and "2022年下达" in lines[2105]
    lines[379] = lines[379].replace("20400", "60400")
    lines[2105] = lines[2105].replace("2022年下达", "2022年预算")
    source = folder / "raw" / f"{DOC_ID}.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    ingest_to_snapshot(source, folder / "snapshots")
    return folder / "snapshots"


def test_pages_say_what_a_changed_document_says(changed_snapshots, monkeypatch):
    from components import data

    monkeypatch.setattr(data, "SNAPSHOTS", changed_snapshots)
    shown = texts(open_page("pages/three_public.py", doc=DOC_ID))
    assert "采购合计 **79,400.00 元**（3 行：" in shown and "），比运行费多 3.54 万元。" in shown
    assert "不超过运行费" not in shown
    projects = open_page("pages/changes.py", doc=DOC_ID, view="projects").dataframe[0].value
    assert projects[projects["project_name"] == "新两园奖补资金"].iloc[0]["wording"] == "2021 年为“下达”数"


def test_projects_filtered_by_executing_unit():
    app = open_page("pages/projects.py", unit="发展规划与政策法规科")
    listed = app.dataframe[0].value
    assert sorted(listed["project_name"]) == sorted(
        [
            "科学技术研究与开发资金",
            "评审、审计、调研、绩效评价费用",
            "项目管理专项法律服务",
            "科技类非学科校外培训机构规范管理",
        ]
    )
    assert "**4** 个项目，合计 **18,051.56 万元**" in texts(app)
    assert dict(app.query_params) == {"unit": "发展规划与政策法规科", "doc": DOC_ID}


def test_projects_search_and_second_filter_combine():
    app = open_page("pages/projects.py", q="培训", status="new")
    assert list(app.dataframe[0].value["project_name"]) == ["科技类非学科校外培训机构规范管理"]


def test_project_opened_from_the_url():
    app = open_page("pages/projects.py", project="420111220670310000106", unit="软件和信息服务业发展中心")
    assert app.title[0].value == "国家示范基地管理费"
    metrics = {m.label: m.value for m in app.metric}
    assert metrics == {"2023 年预算（万元）": "22.60", "2021 年预算（万元）": "47.00", "2022 年预算（万元）": "37.60"}
    assert "**年度绩效指标**（4 项；“位置推断”表示原表错位、按规则摆放）" in texts(app)
    annual = next(frame.value for frame in app.dataframe if "value_2021" in frame.value.columns)  # the year columns
    stars = annual[annual["name"].str.startswith("示范基地年度考核星级评定")].iloc[0]
    assert [stars["value_2021"], stars["value_2022"], stars["value_2023"]] == ["三星及以上"] * 3
    services = next(frame.value for frame in app.dataframe if "service_content" in frame.value.columns)
    assert list(services["amount_yuan"]) == [226000.0]
    funding = next(frame.value for frame in app.dataframe if "项目（原文）" in frame.value.columns)
    assert list(zip(funding["部分"], funding["项目（原文）"], funding["金额（万元）"], strict=True)) == [
        ("项目资金", "项目总预算", "22.60"),  # 附表1-14's header, lines 1802–1808
        ("年度资金", "项目当年预算", "22.60"),
        ("资金来源", "合计", "22.60"),  # line 1810
        ("资金来源", "1.一般公共预算财政拨款收入", "22.60"),
        ("资金来源", "其中：申请当年预算拨款", "22.60"),
    ]
    assert "另有 11 行原表空白（列出了、没有填金额），未列入。" in texts(app)
    details = next(frame.value for frame in app.dataframe if "label" in frame.value.columns)
    assert list(zip(details["label"], details["amount_wan"], strict=True)) == [
        ("合计", 22.6),
        ("1.国家示范基地管理经费", 22.6),
    ]
    shown = texts(app)
    assert "**长期目标 1**：目标为工信部对“基地”年度考核星级评定四星。" in shown
    assert "**年度目标 1**：目标为工信部对“基地”年度考核星级评定三星以上。" in shown
    assert "政府购买服务 **22.60 万元**，项目当年预算 **22.60 万元**" in shown
    back = next(link for link in app.get("page_link") if "返回项目列表" in link.proto.label)
    assert urllib.parse.unquote(back.proto.query_string) == f"unit=软件和信息服务业发展中心&doc={DOC_ID}"


@pytest.mark.parametrize("value", ["999", "<img src=x onerror=alert(1)>", "4201112206703100001060" * 200])
def test_unknown_project_shows_a_notice_and_the_list(value):
    app = open_page("pages/projects.py", project=value)
    assert any("不是有效的选项" in i.value for i in app.info)
    assert app.title[0].value == "项目"


def test_indicators_page_filters():
    app = open_page("pages/indicators.py", of="国家示范基地管理费", kind="annual")
    table = app.dataframe[0].value
    assert len(table) == 4 and "示范基地年度考核星级评定(五星满分评定)" in set(table["name"])
    goals = app.dataframe[1].value
    assert len(goals) == 24 and goals[goals["goal_number"] == 19].iloc[0]["project_name"] == "国家示范基地管理费"


@pytest.mark.parametrize("page", ["pages/indicators.py", "pages/projects.py"])
def test_a_grid_is_sent_only_the_columns_it_shows(page):
    """The browser parses every column it is sent, shown or not: 绩效指标's grid was sent 37 columns for its 15
    (238 KB of Arrow for 122), 项目's 10 hidden text columns were 27 of its 31 KB."""
    app = open_page(page)
    assert app.dataframe
    for grid in app.dataframe:
        assert list(grid.value.columns) == [c for c in grid.proto.column_order if c in grid.value.columns]


def test_a_grids_repeated_text_is_sent_once():
    """绩效指标's 400 rows name 17 projects and link to them, in two scopes: each distinct text is sent once (an
    Arrow dictionary), 130 → 49 KB, and the grid reads the same values (the page's golden text pins every cell)."""
    grid = open_page("pages/indicators.py").dataframe[0].value
    assert len(grid) == 400
    repeated = ("belongs_to", "scope", "goal_kind", "level1", "level2", "link")
    assert all(grid[column].dtype == "category" for column in repeated)
    assert grid["scope"].value_counts().to_dict() == {"项目": 257, "部门整体": 143}


def test_purchases_page():
    app = open_page("pages/purchases.py")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["政府采购（万元）"] == "69.10" and metrics["两者重叠（万元）"] == "63.76"
    assert "采购与购买服务合计（不重复计算）**1,823,400.00 元**" in texts(app)
    services = app.dataframe[-1].value  # after each chart's numbers and the procurement table
    assert services["project"].isin(["（对应不到项目）"]).sum() == 0 and services["includes_procurement"].sum() == 5


def test_purchases_filtered_to_one_project():
    app = open_page("pages/purchases.py", of="国家示范基地管理费")
    assert "所选范围：采购 **0.00 元**，购买服务 **226,000.00 元**" in texts(app)
    assert list(app.dataframe[-1].value["amount_yuan"]) == [226000.0]


def summaries(app: AppTest) -> list[str]:
    """The charts' text alternatives (ui.chart), as the reader sees them."""
    return [re.sub(r"\\(.)", r"\1", m.value) for m in app.markdown if m.value.startswith("**图表说明**")]


def test_overview_charts_say_what_they_show():
    split, classes = summaries(open_page("pages/overview.py"))
    # line 246 (附表1-5 合计 21,225.47 | 1,349.59 | 19,875.88): shares of the total, the base named, as the brief says
    assert split == "**图表说明**：基本支出占预算总额的 6.36%，项目支出占 93.64%（预算总额 21,225.47 万元）。"
    assert classes == (
        "**图表说明**：支出功能分类各类共 5 项，合计 21,225.47 万元；"
        "最大的是科学技术支出（19,035.12 万元，占 89.68%），"
        "其次是资源勘探工业信息等支出（1,680.00 万元，占 7.92%）、社会保障和就业支出（297.54 万元，占 1.40%）；"
        "这 3 项合计占 99.00%。"
    )


def test_changes_charts_say_what_changed():
    (composition,) = summaries(open_page("pages/changes.py"))
    assert composition == (
        "**图表说明**：支出的各类共 3 项，2023 年比 2022 年增加的 1 项、减少的 2 项；"
        "增加最多的是运转类项目支出（196.40 万元 → 237.22 万元，+40.82）；"
        "减少最多的是特定目标类项目支出（23,379.90 万元 → 19,797.78 万元，−3,582.12）。"
    )
    (slope,) = summaries(open_page("pages/changes.py", view="projects"))
    assert slope.startswith(
        "**图表说明**：各项目共 16 项，2023 年比 2022 年增加的 2 项、减少的 12 项、只在 2023 年列出的 2 项；"
    )
    assert "减少最多的是科学技术研究与开发资金（23,000.00 万元 → 18,000.00 万元，−5,000.00）。" in slope
    assert summaries(open_page("pages/changes.py", view="details"))[0] == (
        "**图表说明**：科学技术研究与开发资金的预算从 2022 年的 23,000.00 万元减少到 2023 年的 18,000.00 万元，"
        "减少 5,000.00 万元（−21.74%）。"
    )


def test_purchases_charts_say_what_they_show_with_their_numbers():
    app = open_page("pages/purchases.py")
    by_project, by_category, by_economic = summaries(app)
    assert by_project.startswith(
        "**图表说明**：各项目的采购与购买服务（不重复计算）共 12 项，合计 1,823,400.00 元；"
        "最大的是机关事业办公维护经费（641,400.00 元，占 35.18%）"
    )
    assert by_category == (
        "**图表说明**：采购的各品目大类共 2 项，合计 691,000.00 元；最大的是服务（677,000.00 元，占 97.97%），"
        "其次是货物（14,000.00 元，占 2.03%）。"
    )
    assert "最大的是委托业务费（565,600.00 元，占 81.85%）" in by_economic
    assert [e.label for e in app.expander].count("图表的数字（表格）") == 3  # no table of these numbers beside them
    assert list(app.dataframe[1].value["amount_yuan"]) == [677000.0, 14000.0]  # the category chart's numbers


def _cached_total(data) -> D:
    """The overview's total as the app's cache hands it out for the current snapshot of DOC_ID."""
    from budgetlens import overview_queries as oq

    return data.cached(DOC_ID, oq.snapshot_headline, data.snapshot(DOC_ID)).total.amount_wan


def test_a_snapshot_replaced_on_a_live_server_is_picked_up(tmp_path, monkeypatch):
    """The ingest swaps folders by rename; the app's cache follows the manifest, so no restart is needed."""
    from budgetlens.pipeline import ingest_to_snapshot
    from components import data

    folder = tmp_path / "snapshots"
    shutil.copytree(SNAPSHOTS / DOC_ID, folder / DOC_ID)
    monkeypatch.setattr(data, "SNAPSHOTS", folder)
    assert _cached_total(data) == D("21225.47")
    broken = tmp_path / "broken"
    shutil.copytree(folder / DOC_ID, broken)
    (broken / "s05_general_budget.parquet").write_bytes(b"not parquet")
    shutil.move(folder / DOC_ID, tmp_path / "old")
    shutil.move(broken, folder / DOC_ID)
    with pytest.raises(data.DocumentError, match="已损坏或不完整"):
        data.snapshot(DOC_ID)
    ingest_to_snapshot(ROOT / "data" / "raw" / f"{DOC_ID}.txt", folder)  # the fix, swapped in by rename
    assert _cached_total(data) == D("21225.47")


def test_a_live_publish_is_followed_and_keeps_the_document_id(tmp_path, monkeypatch):
    """In the live layout the app reads a resolved `.<doc_id>@<time>` folder, still as the same document."""
    from budgetlens.pipeline import ingest_to_snapshot
    from components import data

    folder = tmp_path / "snapshots"
    shutil.copytree(SNAPSHOTS / DOC_ID, folder / DOC_ID)
    monkeypatch.setattr(data, "SNAPSHOTS", folder)
    first = data.snapshot(DOC_ID)
    ingest_to_snapshot(ROOT / "data" / "raw" / f"{DOC_ID}.txt", folder, live=True)
    second = data.snapshot(DOC_ID)
    assert second is not first and second.path.name.startswith(f".{DOC_ID}@")
    assert second.doc_id == DOC_ID
    assert [choice.doc_id for choice in data.documents()] == [DOC_ID]
    source_text = (ROOT / "data" / "raw" / f"{DOC_ID}.txt").read_text(encoding="utf-8")
    assert data.raw_lines(DOC_ID) == source_text.split("\n")  # found by document id, not by folder name
    assert _cached_total(data) == D("21225.47")


def test_an_unexpected_error_reads_as_plain_chinese_and_goes_to_the_log(caplog):
    def failing_app() -> None:
        from components.frame import run_page

        class Broken:
            def run(self) -> None:
                raise ValueError("/srv/budgetlens/secret.parquet: internal detail")

        run_page(Broken())

    app = AppTest.from_function(failing_app)
    with caplog.at_level("ERROR", logger="budgetlens.app"):
        app.run()
    assert not app.exception  # no traceback element for the visitor
    assert [e.value for e in app.error] == [
        "这个页面出了问题，暂时无法显示。请刷新页面，或换一个页面看看；问题已记录，我们会尽快处理。"
    ]
    assert "secret.parquet" in caplog.text and "Traceback" in caplog.text


def test_schedule_names_on_the_pages_are_the_documents_own(tmp_path, monkeypatch):
    """The pages name a schedule as the document titles it (they ask the document; they do not write
    附表1-N and a title of their own): a copy whose 附表1-11 is titled otherwise is labelled so."""
    from budgetlens.store import load_snapshot, write_snapshot
    from components import data

    seed = load_snapshot(SNAPSHOTS / DOC_ID)
    retitled = seed.table("schedules").with_columns(
        pl.when(pl.col("number_printed") == "附表1-11")
        .then(pl.lit("政府采购预算明细表"))
        .otherwise(pl.col("title"))
        .alias("title")
    )
    copy = tmp_path / "snapshots"
    write_snapshot({**seed.tables, "schedules": retitled}, seed.manifest, copy, DOC_ID)
    monkeypatch.setattr(data, "SNAPSHOTS", copy)
    tables = open_page("pages/data_sources.py").selectbox[0].options
    assert "附表1-11 政府采购预算明细表（元）" in tables
    assert "附表1-13 项目支出情况" in tables
    monkeypatch.undo()  # the committed snapshot, as printed
    printed = open_page("pages/data_sources.py").selectbox[0].options
    assert "附表1-11 政府采购预算表（元）" in printed


def test_project_history_with_allocated_years_and_its_stated_changes():
    """新两园奖补资金 (line 2106): “2021年下达…146万元，2022年下达…447万元”, 180 in 2023: the years before are
    下达 amounts, labelled so; 科学技术研究与开发资金 (line 846) states its changes line by line: the waterfall."""
    allocated = open_page("pages/projects.py", project="420111220670030000121")
    metrics = {m.label: m.value for m in allocated.metric}
    assert metrics == {
        "2023 年预算（万元）": "180.00",
        "2021 年下达（万元）": "146.00",
        "2022 年下达（万元）": "447.00",
    }
    assert "本文件未列出这个项目往年的预算。" not in texts(allocated)
    research = open_page("pages/projects.py", project="420111220670310000109")
    assert len(research.get("plotly_chart")) == 2  # the stated changes' waterfall and the expense details' bars
    shown = texts(research)
    assert "项目预算从 2022 年的 23,000.00 万元减少到 2023 年的 18,000.00 万元，减少 5,000.00 万元" in shown
    assert "文件逐项说明了 10 项变动。" in shown
    # line 915: the project's 高新技术企业总数 约1500家, 附表1-13 (line 475) prints 1000家: a failing check, marked
    long_term = next(frame.value for frame in research.dataframe if "target" in frame.value.columns)
    assert long_term[long_term["name"] == "⚠ 高新技术企业总数"]["target"].tolist() == ["约1500家"]
    assert not long_term[long_term["name"] == "工业企业流动资金贷款成本"].empty  # a number no check disputes
    assert any("标出的指标参与的核对没有通过" in link.proto.label for link in research.get("page_link"))
    annual = next(frame.value for frame in research.dataframe if "trend" in frame.value.columns)
    output = annual[annual["name"] == "规上工业总产值"].iloc[0]  # line 1010: 280亿元, 350亿元, 400亿元
    assert [output["value_2021"], output["value_2022"], output["value_2023"], output["trend"]] == [
        "280亿元",
        "350亿元",
        "400亿元",
        "上升",
    ]
