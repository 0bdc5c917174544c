"""概览's ⚠ marks. A change rate the document prints but its own amounts do not give carries ⚠ on the card and in
值得注意, with our rate beside it. 检察院 2018 p23 (rendered at 80 dpi): 收、支预算总计 21,955.35 万元，与上年相比…
各增加 3,958.67 万元，增长 21.95 %; 3,958.67 ÷ (21,955.35 − 3,958.67) is 22.00%."""

from __future__ import annotations

from tests.test_app import open_page, texts

JIANCHAYUAN_2018 = "jiangsu_jianchayuan_2018_bumen_yusuan"
GAOJI_2017 = "jiangsu_gaoji_fayuan_2017_bumen_yusuan"
GUIHUA_2024 = "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"


def test_a_printed_rate_its_amounts_do_not_give_is_marked_with_ours_beside_it():
    app = open_page("pages/overview.py", doc=JIANCHAYUAN_2018)
    total = next(metric for metric in app.metric if metric.label.startswith("预算总额"))
    assert total.value == "21,955.35"
    assert total.proto.delta == "+21.95% ⚠ 比 2017 年"
    help_text = total.proto.help.replace("\\", "")  # markdown-escaped
    assert help_text.endswith("文件所述 +21.95% ⚠，按所述金额计算为 +22.00%：没有通过核对，详见“数据核对”。")
    assert "总预算比 2017 年增加 3,958.67 万元（文件所述 +21.95% ⚠，按所述金额计算为 +22.00%）。" in texts(app)


def test_a_rate_its_amounts_give_is_not_marked():
    """高级法院 2017 p19 (rendered at 80 dpi): 收、支预算总计 28849.38 万元，与上年相比…各增加 1808.29 万元，增长 6.69%;
    1,808.29 ÷ 27,041.09 is 6.69%: the document's own rate, with no mark."""
    app = open_page("pages/overview.py", doc=GAOJI_2017)
    total = next(metric for metric in app.metric if metric.label.startswith("预算总额"))
    assert (total.value, total.proto.delta) == ("28,849.38", "+6.69% 比 2016 年")
    assert "没有通过核对" not in total.proto.help
    assert "总预算比 2016 年增加 1,808.29 万元（+6.69%）。" in texts(app)


def test_a_disputed_class_is_marked_where_its_row_starts():
    """规划和自然资源局 2024 决算 p14 (rendered at 80 dpi): 212 城乡社区支出 3832.36, 210 卫生健康支出 236.64,
    208 社会保障和就业支出 754.75. The class table's ⚠ stood only in its last column (核对), beyond a phone's screen;
    it is also before the name, as 支出功能分类 marks it."""
    grids = [grid.value for grid in open_page("pages/overview.py", doc=GUIHUA_2024).dataframe]
    classes = next(grid for grid in grids if "code" in grid.columns).set_index("code")
    assert classes.loc["212", "name"] == "⚠ 城乡社区支出" and float(classes.loc["212", "total_wan"]) == 3832.36
    assert classes.loc["210", "name"] == "⚠ 卫生健康支出" and float(classes.loc["210", "total_wan"]) == 236.64
    assert classes.loc["208", "name"] == "社会保障和就业支出"  # no failing check cites it
    assert (classes["check_link"] != "").sum() == 2  # an empty link is ""
