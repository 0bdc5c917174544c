"""What the public reads: differences in the unit of the figures compared, plain Chinese instead of internal ids
and English, one format for a missing or negative number, a notice for every link parameter that names nothing.
Values are read off the rendered PDF pages named in each test."""

from __future__ import annotations

import re

from tests.test_app import open_page, texts

UNIT_BUDGET = "shanghai_shi_caizhengju_2025_danwei_yusuan"  # p17 (单位：元): 302 商品和服务支出 24,840,779
JC2018 = "jiangsu_jianchayuan_2018_bumen_yusuan"  # p23: 21,955.35万元 … 增加3,958.67万元，增长21.95%


def _seen(app) -> str:
    return texts(app).replace("**", "")


def _cards(app) -> list[str]:
    shown = [re.sub(r"\\(.)", r"\1", m.value).replace("**", "") for m in app.markdown]
    return [text for text in shown if "差额（后者 − 前者）" in text]


def test_a_one_yuan_difference_is_never_shown_as_zero_wan():
    """p17 prints 302 as 24,840,779 元 and its lines add to 24,840,778 元: the heading and the card say 1 元."""
    app = open_page("pages/checks.py", doc=UNIT_BUDGET)
    shown = _seen(app)
    assert "第 1 处，相差 1.00 元" in shown
    (card,) = _cards(app)
    assert "差额（后者 − 前者）：+0.0001 万元（1.00 元）" in card
    assert "0.00 万元" not in card
    assert "302 本行：2,484.0779 万元" in card  # 24,840,779 元 as printed, in 万元


def test_a_difference_of_two_percentages_is_in_percentage_points_with_a_true_minus():
    """p23: the narrative states 增长21.95%; 3,958.67 / (21,955.35 − 3,958.67) is 22.00%: 0.05 points apart."""
    app = open_page("pages/checks.py", doc=JC2018)
    cards = _cards(app)
    assert any("差额（后者 − 前者）：−0.05 个百分点" in card for card in cards), cards
    assert "相差 0.05 个百分点" in _seen(app)
    assert not any(" %" in card.split("差额")[1] for card in cards)


def test_a_check_card_names_its_rule_in_chinese_and_its_columns_in_chinese():
    app = open_page("pages/checks.py", doc=UNIT_BUDGET)
    (card,) = _cards(app)
    first_line = card.splitlines()[0]
    assert first_line.strip() == "每个科目等于其下级科目之和；合计等于各类之和"
    assert "302 商品和服务支出 [合计]" in card and "[total]" not in card
    assert "规则编号 canonical.hierarchy" in card  # the id only as a small citation
    others = [t.value for t in app.text]
    assert any(t.endswith("302 商品和服务支出 [公用经费]") for t in others), others
    assert not any("canonical." in t or "[public]" in t for t in others)


def _grid_with(app, column_start: str):
    for frame in app.dataframe:
        table = frame.value
        if any(str(c).startswith(column_start) for c in table.columns):
            return table
    raise AssertionError(f"no grid with a column {column_start}")


def test_the_project_list_says_new_or_not_stated_and_writes_a_decrease_with_a_minus():
    """The export's 附表1-14: line 846 科学技术研究与开发资金 2021年预算为13381万元，2022年预算为23000万元
    (2023: 18000);
    line 2031 科技类非学科校外培训机构规范管理 前两年预算安排情况：无 … 新增项目; line 2178 省级制造业高质量发展专项资金
    states only 2023's amount."""
    app = open_page("pages/projects.py")
    grid = _grid_with(app, "change_wan").set_index("project_name")
    first = grid.loc["科学技术研究与开发资金"]
    assert (first["budget_2023_wan"], first["budget_2021_wan"], first["budget_2022_wan"]) == (
        "18,000.00",
        "13,381.00",
        "23,000.00",
    )
    assert first["change_wan"] == "−5,000.00"
    new = grid.loc["科技类非学科校外培训机构规范管理"]
    assert (new["budget_2021_wan"], new["budget_2022_wan"], new["change_wan"]) == ("新增项目",) * 3
    unstated = grid.loc["省级制造业高质量发展专项资金"]
    assert (unstated["budget_2022_wan"], unstated["change_wan"]) == ("未列明", "未列明")
    money = ["budget_2023_wan", "budget_2021_wan", "budget_2022_wan", "change_wan", "procurement_yuan", "services_yuan"]
    shown = grid[money].astype(str).to_numpy().ravel().tolist()
    assert not any(cell in ("None", "nan") or cell.startswith("(") for cell in shown), shown
    assert "“新增项目”：表中写明是新增项目，往年没有预算（不是 0）" in texts(app)


def test_a_link_to_a_document_that_does_not_exist_says_so_on_the_page():
    app = open_page("pages/overview.py", doc="nonexistent_doc")
    notices = [i.value for i in app.info if "链接中的参数" in i.value]
    assert notices == ["链接中的参数“doc”不是本站的文件，已显示默认文件：武汉市洪山区科学技术和经济信息化局 2023 年部门预算。"]
    assert not [i.value for i in open_page("pages/overview.py").info if "链接中的参数" in i.value]


def test_a_project_opens_by_its_name_or_its_code():
    """The export's line 2025: 项目名称 科技类非学科校外培训机构规范管理, 项目代码 420111230670030000 101."""
    for asked in ("科技类非学科校外培训机构规范管理", "420111230670030000101"):
        app = open_page("pages/projects.py", project=asked)
        assert [t.value for t in app.title] == ["科技类非学科校外培训机构规范管理"], asked
        assert not [i.value for i in app.info if "链接中的参数" in i.value]
    unknown = open_page("pages/projects.py", project="没有这个项目")
    assert [i.value for i in unknown.info if "链接中的参数" in i.value] == [
        "链接中的参数 “project” 不是有效的选项，已显示默认视图。"
    ]
