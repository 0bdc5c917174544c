"""A figure a failing check disputes in words is marked ⚠ like one disputed by a value."""

from tests.test_app import open_page

WANLI_2024 = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"


def test_a_total_the_tables_own_note_calls_empty_is_marked():
    # 万里街道 2024 p31: 部门“三公”经费和机关运行经费预算表 prints “三公”经费 47.91 under a note
    # 本部门2024年无“三公”经费和机关运行经费预算，故本表为空表
    # (canonical.empty_table_note fails, naming the 47.91 cell by its box)
    for page in ("pages/overview.py", "pages/three_public.py"):
        app = open_page(page, doc=WANLI_2024)
        three = next(metric for metric in app.metric if metric.label.startswith("“三公”经费"))
        assert (three.label.endswith("⚠"), three.value) == (True, "47.91"), page


def test_no_other_headline_figure_gained_a_mark():
    # the same documents' other headline figures: no failing check holds them (基本支出 9,970.6020, 项目 5,650.5103)
    app = open_page("pages/overview.py", doc=WANLI_2024)
    assert [metric.value for metric in app.metric if "⚠" in metric.label] == ["47.91"]


def test_every_figure_under_the_note_is_marked_on_the_three_public_page():
    # the same p31 table prints 机关运行经费 443.18 beside the 三公 figures; the note calls the whole table empty
    app = open_page("pages/three_public.py", doc=WANLI_2024)
    flagged = {metric.label: metric.value for metric in app.metric if "⚠" in metric.label}
    assert flagged == {"“三公”经费（万元） ⚠": "47.91", "机关运行经费（万元） ⚠": "443.18"}
