"""数据核对 says its cards and its download in Chinese (tour2 D3, D14b). Values read off the rendered PDF pages of
shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan (pdftoppm -r 100): p14 一般公共预算财政拨款支出决算表 212 城乡社区支出
合计 3832.36, 基本支出 1572.70, 项目支出 2259.65 (their sum 3832.35); p22 item 5 names
机关事业单位退休人员活动费支出（项）, a name p14 does not print (its 2080599 is 其他行政事业单位养老支出)."""

from __future__ import annotations

import re

import polars as pl

from budgetlens.check_queries import check_schedules, check_sides, filter_checks
from budgetlens.column_words import check_words, note_words
from budgetlens.store import load_snapshot
from components import checks_view
from components.ui import export_bytes
from tests.conftest import SNAPSHOTS
from tests.test_app import open_page, texts

GUIHUA = "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"
ENGLISH = re.compile(r"\b(?:basic|project|total|personnel|public|no row|the table|narrative)\b")


def test_measure_keys_and_notes_in_chinese():
    assert check_words("basic + project") == "基本支出 + 项目支出"
    assert check_words("表 212 城乡社区支出 total") == "表 212 城乡社区支出 合计"
    assert check_words("canonical.columns_add_up") == "canonical.columns_add_up"  # a rule id keeps its id
    assert note_words("预算数为 0，无法计算执行率 / the budget is 0") == "预算数为 0，无法计算执行率"
    assert note_words("no table prints it / at all") == "no table prints it / at all"  # no Chinese part: kept


def test_the_failure_cards_of_a_final_account_are_chinese():
    app = open_page("pages/checks.py", doc=GUIHUA)  # the findings, each a card
    shown = texts(app).replace("**", "")
    assert "基本支出 + 项目支出：3,832.35 万元" in shown  # p14: 1572.70 + 2259.65
    assert "合计：3,832.36 万元" in shown
    assert ":small[核对对象：一般公共预算财政拨款支出决算表 212 城乡社区支出 合计]" in shown
    assert ":small[规则编号（引用这一项时用）：canonical.columns_add_up]" in shown
    # p22 item 5: the narrative's 机关事业单位退休人员活动费支出 is no row of the table
    assert "说明所写的类、款、项名称，支出功能分类表中没有同名的科目" in shown
    without_ids = re.sub(r"规则编号（引用这一项时用）：[a-z_.0-9]+|:small", "", shown)
    assert not ENGLISH.findall(without_ids), ENGLISH.findall(without_ids)


def test_the_checks_download_says_what_the_page_says():
    snapshot = load_snapshot(SNAPSHOTS / GUIHUA)
    checks = snapshot.table("checks")
    sides = check_sides(checks, snapshot.tables.get("check_cells"), snapshot.table("schedules"))
    _, listing = filter_checks(checks, (), ("fail",), None)
    rules = checks.select("rule_id", "group", "description_zh").unique("rule_id", maintain_order=True)
    frame = checks_view.download_frame(checks_view.listing_shown(listing, sides, rules))
    csv = export_bytes(frame)["csv"].decode("utf-8-sig")
    header, *rows = csv.splitlines()
    assert "差额（另一方 − 一方）" in header.split(",")
    assert "规则（英文）" not in header and "核对对象（栏目译为中文）" not in header
    row = next(line for line in rows if "212 城乡社区支出 合计" in line)
    assert ",基本支出 + 项目支出,3832.35," in row and ",合计,3832.36," in row and ",0.01," in row
    assert not ENGLISH.findall(re.sub(r"[a-z_]+\.[a-z_]+", "", csv))  # rule ids (canonical.x) aside


def test_a_count_is_shown_as_the_whole_number_the_document_states():
    # hongshan line 85: 参照公务员法管理事业单位 0 个; line 2315: 下属3家参照公务员法管理事业单位
    app = open_page("pages/checks.py", doc="hongshan_kejingju_2023")
    shown = texts(app)
    assert "- 第一部分 参照公务员法管理事业单位：**0 个**（第 85 行）" in shown  # its line's 个
    assert "- 第三部分「机关运行经费情况」参照公务员法管理事业单位：**3 家**（第 2315 行）" in shown
    assert "- 差额（后者 − 前者）：**+3 家**" in shown
    assert ".00 家" not in shown and ".00 个" not in shown and ".00 辆" not in shown


def test_the_tables_filter_says_what_a_rule_reads_in_words():
    # 万里街道 2024: the rules read the tables' notes (p31's 本表为空), the narrative and the tables of each kind
    snapshot = load_snapshot(SNAPSHOTS / "shanghai_putuo_wanlijiedao_2024_bumen_yusuan")
    labels = check_schedules(snapshot.table("checks"), snapshot.table("schedules"))
    assert (labels["注"], labels["说明"], labels["支出"], labels["三公"]) == (
        "表下的注",
        "文字说明",
        "列支出的各表",
        "“三公”经费表",
    )
    assert labels["收支总表"] == "收支总表"  # a table's own name stays as the document prints it
    hongshan = load_snapshot(SNAPSHOTS / "hongshan_kejingju_2023")
    assert check_schedules(hongshan.table("checks"), hongshan.table("schedules"))["1-5"] == "附表1-5 一般公共预算支出表"


def test_a_forms_difference_is_said_in_the_yuan_it_prints():
    # 万里街道 2023 p35: the form's money label reads 项目资金（元）; 年度资金申请总额 10,903,043.00 against
    # 其中：当年财政拨款 11,419,043.00 (上年结转资金 0.00, 其他资金 0.00): 516,000.00 元 apart
    snapshot = load_snapshot(SNAPSHOTS / "shanghai_putuo_wanlijiedao_2023_bumen_yusuan")
    forms = snapshot.table("schedules").filter(pl.col("kind") == "performance")
    assert forms["unit_printed"].to_list() == ["元"] * 5
    shown = texts(open_page("pages/checks.py", doc="shanghai_putuo_wanlijiedao_2023_bumen_yusuan"))
    assert "**第 1 处**，相差 516,000.00 元" in shown
    assert "- 差额（后者 − 前者）：**−51.60 万元（516,000.00 元）**" in shown
    # each side too, so a reader finds it on the form
    assert "其他资金：**1,141.9043 万元（11,419,043.00 元）**" in shown
    assert "- 年度资金申请总额：**1,090.3043 万元（10,903,043.00 元）**" in shown


def test_a_rate_reads_as_printed_with_a_true_minus_and_a_total_row_once():
    # 检察院 2018 p26: 公诉、审判…支出（项）1,895 万元，与上年相比减少 134 万元，降幅 0.66 %
    shown = texts(open_page("pages/checks.py", doc="jiangsu_jianchayuan_2018_bumen_yusuan"))
    assert "- 说明：降幅0.66%：**−0.66%**（正文 第 26 页）" in shown
    assert "- 134 ÷ (1,895 + 134) × 100：**−6.60%**（正文 第 26 页）" in shown
    # 规划 2024 决算 p14: the 合计 row's 合计 column (9,746.50) against its basic + project
    guihua = texts(open_page("pages/checks.py", doc=GUIHUA))
    assert ":small[核对对象：一般公共预算财政拨款支出决算表 合计行的合计数]" in guihua and "合计 合计" not in guihua
    # 洪山's labels begin with it (附表1-5 合计 合计: the 合计 row's 合计 column, line 246)
    assert check_words("附表1-5 合计 合计") == "附表1-5 合计行的合计数" and check_words("合计 合计") == "合计行的合计数"


def test_a_sum_a_cent_off_is_said_to_differ_in_its_last_digit_and_still_reported():
    # 规划 2024 决算 p14: 212 城乡社区支出 基本支出 1,572.70 + 项目支出 2,259.65 = 3,832.35 against 合计 3,832.36
    guihua = texts(open_page("pages/checks.py", doc=GUIHUA))
    card = guihua[guihua.index("212 城乡社区支出 合计]") :]
    assert card.index("只差末位：各数多是分别四舍五入后印出的") < card.index("规则编号")
    assert "但文件印出的这些数字确实对不上，这里照原样列出" in card
    # 检察院 2017 p19: the narrative's 12323.46 against the table's 12,323.48 is one figure against one: no such note
    jiancha = texts(open_page("pages/checks.py", doc="jiangsu_jianchayuan_2017_bumen_yusuan"))
    first = jiancha[jiancha.index("**第 1 处**") : jiancha.index("**第 2 处**")]
    assert "12,323.48 万元" in first and "只差末位" not in first


def test_a_count_is_quoted_with_the_word_its_own_line_prints():
    """洪山 (the text export) line 85: "事业单位 3 个(含参照公务员法管理事业单位 0 个)"; line 2315: "下属3家参照公务员法
    管理事业单位". The check's one unit is 家; each side keeps the word its own line prints."""
    from decimal import Decimal

    from budgetlens.check_queries import counter_printed

    shown = texts(open_page("pages/checks.py"))
    assert "第一部分 参照公务员法管理事业单位：**0 个**（第 85 行）" in shown
    assert "参照公务员法管理事业单位：**3 家**（第 2315 行）" in shown
    row = {
        "unit": "家",
        "expected": Decimal("0.000000"),
        "expected_lines": [1],
        "actual": Decimal("2"),
        "actual_lines": [1, 2],
    }
    assert counter_printed(row, "expected", ["共 10 个单位，其中 0 个"]) == "个"
    assert counter_printed(row, "expected", ["0 个，另 0 家"]) is None  # two words for the count: the check's unit
    assert counter_printed(row, "actual", ["2 个", "2 家"]) is None  # two lines cited
    assert counter_printed(row | {"unit": "万元"}, "expected", ["0 个"]) is None  # money keeps its unit
