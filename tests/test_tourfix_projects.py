"""A project form's money checks are found by where the form printed its money, whichever rule checked it."""

from tests.test_app import open_page, texts


def test_a_text_export_form_shows_its_money_checks():
    # hongshan 2023 附表1-14, lines 845-850: 项目总预算 18000, 项目当年预算 18000, 资金来源 合计 18000,
    # 一般公共预算财政拨款收入 18000, 其中：申请当年预算拨款 18000: the numbered template's five checks of it pass
    page = texts(open_page("pages/projects.py", project="420111220670310000109"))
    assert "资金的 5 项核对（总额等于各部分之和、各总额彼此相符）都通过。" in page
