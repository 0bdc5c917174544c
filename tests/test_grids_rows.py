"""One long name no longer makes every row of 预算执行's grid tall (the name column widens just enough instead).
The 规划 决算's narrative states its 项 on p21-24 (15 in the grid, by their gap); the longest is p22's heading
社会保障和就业支出（类）行政事业单位养老支出（款）/ 机关事业单位退休人员活动费支出（项）, read as one path of names
(`pdftotext -layout -f 22 -l 22`)."""

from __future__ import annotations

import json
import math

from tests.test_app import open_page

GUIHUA_FINAL = "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"
CAIZHENG_FINAL = "shanghai_putuo_caizhengju_2024_bumen_juesuan"
LONGEST = "社会保障和就业支出/行政事业单位养老支出/机关事业单位退休人员活动费支出"


def lines_in(text: str, width: int) -> int:
    """About how many lines a cell `width` px wide wraps `text` onto: 14 px a Chinese character or full-width sign,
    8 px a digit, Latin letter or "/", 17 px of the cell's padding (the 1280 and 390 px screenshots)."""
    pixels = sum(14 if ord(char) > 0x2E7F else 8 for char in text)
    return math.ceil(pixels / (width - 17))


def execution_grid(doc: str):
    app = open_page("pages/execution.py", doc=doc)
    return next(frame for frame in app.dataframe if "科目名称" in frame.value.columns)


def test_one_long_name_widens_its_column_instead_of_heightening_every_row():
    grid = execution_grid(GUIHUA_FINAL)
    names = grid.value["科目名称"].tolist()
    width = json.loads(grid.proto.columns)["科目名称"]["width"]
    assert len(names) == 15 and LONGEST in names
    # it took six lines of 112 px, and every row was 125 px tall: four of the 15 rows in the 520 px grid
    assert lines_in(LONGEST, 112) >= 5
    assert grid.proto.row_height == 65  # three lines
    assert max(lines_in(name, width) for name in names) <= 3  # every name whole in them
    assert width <= 200  # the budget and the actual still beside it at 390 px


def test_short_names_keep_the_narrow_column():
    grid = execution_grid(CAIZHENG_FINAL)
    assert json.loads(grid.proto.columns)["科目名称"]["width"] == 112
    assert grid.proto.row_height == 65
