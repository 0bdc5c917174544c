"""At phone width (390 px) an amount in a listing is never cut mid-number (tour2 D15): a cut "754.7" reads as a
different amount. The grid's accessible table holds the columns it draws in view; when the column AFTER an amount
column is drawn, the amount column ends inside the grid, so every digit of it shows. Values read off the rendered
PDF pages."""

from __future__ import annotations

import pytest

from tests.browser.helpers import first_grid_table, save_screenshot, wait_for_charts

pytestmark = pytest.mark.browser

GUIHUA = "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"  # p14: 208 社会保障和就业支出 754.75, 212 3,832.36
CZJ_FINAL = "shanghai_putuo_caizhengju_2024_bumen_juesuan"  # p22: 行政运行 年初预算 1,560.05, 决算 1,511.89


@pytest.mark.parametrize(
    ("node", "name", "amount"), [("208", "社会保障和就业支出", "754.75"), ("212", "城乡社区支出", "3832.36")]
)
def test_the_function_rows_show_every_digit_at_390(base_url, showing, node, name, amount):
    # each class opened by its link (?node=): its row first in the grid, whose rows wrap long names (face6) and so
    # hold fewer rows in view than the accessible table would need for both
    page = showing(f"{base_url}/function?doc={GUIHUA}&node={node}", 390)
    wait_for_charts(page, 1)
    headers, rows = first_grid_table(page, first_cell=node)
    assert headers[0] == "编码", headers  # the code first, so its digits are never the cut edge
    assert "核对" in headers, f"the column after 合计 is out of view, so 合计 is cut: {headers}"
    drawn = [dict(zip(headers, row, strict=True)) for row in rows]
    # the accessible table holds the number itself (the canvas draws it as 3,832.36)
    amounts = {row["科目名称"].removeprefix("⚠ "): row["合计（万元）"] for row in drawn}  # its ⚠ said in its help
    assert amounts[name] == amount
    save_screenshot(page, f"function_rows_{node}_390.png")


def test_the_execution_gap_shows_whole_at_390(base_url, showing):
    page = showing(f"{base_url}/execution?doc={CZJ_FINAL}", 390)
    wait_for_charts(page, 1)
    headers, rows = first_grid_table(page)
    assert "完成率（计算）" in headers, f"the column after 差额 is out of view, so 差额 is cut: {headers}"
    first = dict(zip(headers, rows[0], strict=True))
    assert (first["科目名称"], first["年初预算"], first["决算数"], first["差额"]) == (
        "行政运行",
        "1,560.05",
        "1,511.89",
        "−48.16",
    )
    save_screenshot(page, "execution_gap_390.png")
