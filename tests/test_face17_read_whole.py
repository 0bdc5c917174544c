"""What a reader met on the library, project and data pages, fixed (helper face17, 2026-12-07): a number cut at a
phone's edge, two 类 in one colour and a share axis short of 100%, a project's years out of order, empty grid rows
read as missing tables and a hint only a mouse could follow. Every value below was read off the published PDF
(`pdftotext -layout -f N -l N`, pages as the PDF viewer counts them) or the text export's lines."""

from __future__ import annotations

import json
from unittest import mock

import streamlit as st

from components import library_figures, ui
from tests.test_app import open_page

WANLI = "上海市普陀区人民政府万里街道办事处"
WANLI_2024 = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"
PHONE_GRID_PX = 357  # a 390 px screen's grid: 16 px of page padding each side, a border


def grid_columns(table) -> dict[str, dict]:
    return json.loads(table.proto.columns) if table.proto.columns else {}


def width(column: dict) -> int:
    return ui.NAMED_WIDTHS.get(column.get("width"), column.get("width"))


def test_the_first_amount_column_of_a_department_grid_reads_whole_on_a_phone():
    # 万里街道 2023 p20 (2023年部门一般公共预算支出功能分类预算表, 单位：元): 201 一般公共服务支出 2,976,800 =
    # 297.68 万元; p22: 212 城乡社区支出 121,319,878 = 12,131.9878 万元. 2024 p25: 212 119,385,303 = 11,938.5303 万元.
    # At 390 px the 2023 column began 220 px in, under an autosized 名称, and showed 12,131.9 and 29 at the edge.
    app = open_page("pages/department.py", doc=WANLI_2024)
    functions = next(t for t in app.dataframe if "名称（原文）" in t.value.columns)
    rows = functions.value.set_index("类")
    assert rows.loc["201", "2023年部门预算"] == "297.68"
    assert rows.loc["212", "2023年部门预算"] == "12,131.9878" and rows.loc["212", "2024年部门预算"] == "11,938.5303"
    columns = grid_columns(functions)
    assert columns["2023年部门预算"]["label"] == "2023年部门预算"  # 万元 is in the caption under the grid
    code, name, first = (width(columns[c]) for c in ("类", "名称（原文）", "2023年部门预算"))
    assert code + name + first <= PHONE_GRID_PX
    assert all(ui.text_px(text) + ui.CELL_PADDING_PX <= first for text in functions.value["2023年部门预算"])
    # each name on one line (文化旅游体育与传媒支出, 11 characters, the longest), so the rows stay one line tall
    assert all(ui.wrapped_lines(text, name) == 1 for text in functions.value["名称（原文）"])
    assert functions.proto.row_height in (0, ui.SINGLE_LINE_ROW_HEIGHT)
    # the 三公 grid alike: p31 of 2024, “三公”经费 47.91
    three_public = next(t for t in app.dataframe if "项目" in t.value.columns and "2024年部门预算" in t.value.columns)
    assert three_public.value.set_index("项目").loc["“三公”经费", "2024年部门预算"] == "47.91"
    columns = grid_columns(three_public)
    assert width(columns["项目"]) + width(columns["2023年部门预算"]) <= PHONE_GRID_PX


def contrast_on_white(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 1.05 / (0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b) + 0.05)


def test_every_class_of_the_mix_has_its_own_colour_and_the_axis_reaches_100():
    # 万里街道 has 9 类 over its two documents (2023 p20-23, 2024 p23-26): 201 一般公共服务支出 and 221 住房保障支出
    # were both #0072B2 (the palette's 8 colours, again from the first); the share axis ended at its 80% tick
    app = open_page("pages/department.py", doc=WANLI_2024)
    mix = next(
        json.loads(c.proto.spec)
        for c in app.get("plotly_chart")
        if json.loads(c.proto.spec)["layout"].get("barmode") == "stack"
        and "201 一般公共服务支出" in [t["name"] for t in json.loads(c.proto.spec)["data"]]
    )
    names = [trace["name"] for trace in mix["data"]]
    assert names[0] == "201 一般公共服务支出" and names[-1] == "221 住房保障支出" and len(names) == 9
    looks = [(t["marker"]["color"], t["marker"].get("pattern", {}).get("shape", "")) for t in mix["data"]]
    assert len(set(looks)) == len(looks)
    assert min(contrast_on_white(colour) for colour, _ in looks) >= 3
    axis = mix["layout"]["xaxis"]
    assert axis["range"] == [0, 100] and axis["ticktext"][-1] == "100%" and axis["tickvals"][-1] == 100
    assert mix["layout"]["margin"]["r"] >= 16  # room for the 100% label at the plot's edge


def test_a_mix_of_more_classes_than_colours_stays_apart():
    # 部门对比 of several departments draws up to 30-odd function 类: past the 12 colours, hatched
    markers = [library_figures.mix_marker(index) for index in range(30)]
    assert len({(m["color"], m.get("pattern", {}).get("shape", "")) for m in markers}) == 30


def test_a_projects_years_read_oldest_first():
    # hongshan_kejingju_2023.txt line 845 项目当年预算 18000, line 846: 2021年预算为13381万元，2022年预算为23000万元
    # (科学技术研究与开发资金). The detail listed 2023, then 2021, then 2022 (stacked so at 390 px).
    app = open_page("pages/projects.py", doc="hongshan_kejingju_2023", project="科学技术研究与开发资金")
    assert [(m.label, m.value) for m in app.metric] == [
        ("2021 年预算（万元）", "13,381.00"),
        ("2022 年预算（万元）", "23,000.00"),
        ("2023 年预算（万元）", "18,000.00"),
    ]
    listing = open_page("pages/projects.py", doc="hongshan_kejingju_2023")
    table = next(frame for frame in listing.dataframe if "project_name" in frame.value.columns)
    order = [name for name in table.proto.column_order if name.startswith("budget_2")]
    assert order == ["budget_2021_wan", "budget_2022_wan", "budget_2023_wan"]
    row = table.value.set_index("project_name").loc["科学技术研究与开发资金"]
    assert (row["budget_2021_wan"], row["budget_2022_wan"]) == ("13,381.00", "23,000.00")


def test_the_tables_grid_is_as_tall_as_its_rows_and_its_field_names_are_said():
    # 万里街道 2024 prints 9 schedules (p4 目录 … p31 部门“三公”经费和机关运行经费预算表); the grid of them was a fixed
    # 420 px, and 9 rows left two empty rows drawn under t09, read as two tables missing
    heights = []  # the height each grid is drawn at (the element's, not in the Arrow proto AppTest shows)
    draw = st.dataframe

    def drawn(*args, **kwargs):
        heights.append(kwargs.get("height"))
        return draw(*args, **kwargs)

    with mock.patch.object(ui.st, "dataframe", drawn):
        app = open_page("pages/data_sources.py", doc=WANLI_2024)
    table = app.dataframe[0]
    assert len(table.value) == 9 and table.value.iloc[-1]["title"] == "部门“三公”经费和机关运行经费预算表"
    assert heights[0] == ui.SINGLE_LINE_ROW_HEIGHT * 9 + 38  # the header and 9 rows, none empty under them
    # the column's help shows under a mouse only: the field names in words, under the grid, for every reader
    (expander,) = [e for e in app.expander if "字段名" in e.label]
    said = expander.caption[0].value.replace("\\", "")
    assert "表编号 = table_id" in said and "表名（原文） = title" in said
