"""Links to 数据核对 say what they lead to: ⚠ only where a check there fails; the table filter in the document's
own words and order."""

from tests.test_app import open_page, texts


def test_a_passing_check_is_linked_without_a_warning():
    # hongshan 2023 line 846: 科学技术研究与开发资金's 2022 明细 (2023's less each stated change) add up to the stated
    # 2022 budget, 23,000.00 万元 (derived.research_2022 passes), so its link carries no ⚠
    app = open_page("pages/changes.py", view="details")
    link = next(link for link in app.get("page_link") if "明细之和是否等于所述 2022 年预算" in link.proto.label)
    assert link.proto.icon == ":material/fact_check:"
    assert link.proto.query_string == "doc=hongshan_kejingju_2023&line=846"


def test_the_table_filter_names_each_schedule_in_the_documents_order():
    options = open_page("pages/checks.py").multiselect[0].options
    assert options[:3] == ["附表1-1 收支总表", "附表1-2 收入总表", "附表1-3 支出总表"]
    assert options.index("附表1-7 财政拨款“三公”经费支出表") < options.index("附表1-11 政府采购预算表")


def test_a_selectable_grid_says_how_a_keyboard_selects_a_row():
    # the grid's own key (tests/browser/test_keyboard.py opens a project with it): said where the page says 选中一行
    for page, params in (("pages/projects.py", {}), ("pages/checks.py", {"view": "all"})):
        shown = texts(open_page(page, **params))
        assert "选中一行（键盘：Tab 进入表格，方向键移到该行，按 Shift+空格）" in shown, page
