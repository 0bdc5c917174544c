"""What a reader meets on the pages, fixed where it misread or misled (helper face5, 2026-12-07). Every value below
was read off the rendered PDF page (`pdftoppm -r 100 -f N -l N`, page numbers as the PDF viewer counts them)."""

from __future__ import annotations

import json
import math

from tests.test_app import open_page, texts

WANLI = "上海市普陀区人民政府万里街道办事处"
WANLI_2024 = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"


def lines_in(text: str, width: int) -> int:
    """How many lines a grid cell `width` px wide wraps `text` onto: about 14 px a Chinese character, 8 px a digit or
    Latin letter, 17 px of the cell's padding (measured on the 1280 px screenshots)."""
    pixels = sum(14 if ord(char) > 0x2E7F else 8 for char in text)
    return math.ceil(pixels / (width - 17))


def cross_grid(app):
    """The grid of the checks between the department's documents (the one with a 自己的数 column)."""
    return next(frame.value for frame in app.dataframe if "自己的数" in frame.value.columns)


def test_the_checks_between_documents_show_each_figure_exact():
    # 万里街道 2024 p6: 财政拨款收入15621.11万元，比2023年预算减少876.75万元 → 16,497.86 (the narrative's 2 places);
    # 万里街道 2023 p19 (财政拨款收支预算总表, 单位：元) prints 收入总计 164,978,640 = 16,497.864 万元, exact, no zero
    # padded on (it read 16,497.8640 and +0.0040); p28 (三公, 单位：万元) prints 22.91, not 22.910 (a column's digits).
    app = open_page("pages/department.py", dept=WANLI)
    assert not app.exception
    grid = cross_grid(app)
    income = grid[grid["对象"].str.startswith("第 6 页：财政拨款收入 ")].iloc[0]
    assert (income["所述上年数"], income["自己的数"], income["差额"]) == ("16,497.86", "16,497.864", "+0.004")
    three = grid[grid["对象"].str.startswith("第 32 页：“三公”经费预算数")].iloc[0]
    assert (three["所述上年数"], three["自己的数"], three["差额"]) == ("22.91", "22.91", "0.00")
    # 对象, the later document's statement (第 6 页：财政拨款支出预算 15621.11万元，比2023年预算减少876.75万元, 40
    # characters), was cut after 14 in its 200 px column: rows of 65 px wrap it whole
    table = next(frame for frame in app.dataframe if "自己的数" in frame.value.columns)
    lines = max(lines_in(said, 200) for said in grid["对象"])
    assert table.proto.row_height > 64 and lines * 20 <= table.proto.row_height
    hosted = open_page("pages/changes.py", doc=WANLI_2024, view="library")  # the same grid under 年度对比
    assert "16,497.864" in cross_grid(hosted)["自己的数"].tolist()
    assert "16,497.8640" not in texts(hosted)


CAIZHENG_FINAL = "shanghai_putuo_caizhengju_2024_bumen_juesuan"


def metrics(app) -> dict[str, tuple[str, str | None]]:
    return {m.label: (m.value, m.delta) for m in app.metric}


def test_a_blank_three_public_cell_reads_blank_with_the_text_s_amount_beside_it():
    # 财政局 2024 决算 p18 (财政拨款“三公”经费支出决算表): 合计 预算数 0.95, 决算数 left blank; p23: “三公”经费
    # 财政拨款支出年初预算为0.95万元，支出决算为0.00万元 … 2024年度“三公”经费财政拨款支出决算数与2023年度持平. It shows
    # the cell as printed (blank) and the text's 0.00 under it as the text's, not "正文所述 0.00" in the figure's place.
    page = metrics(open_page("pages/three_public.py", doc=CAIZHENG_FINAL))
    assert page["“三公”经费决算数（万元）"] == ("原表空白", "文字说明所述 0.00 万元；与 2023 年持平")
    overview = metrics(open_page("pages/overview.py", doc=CAIZHENG_FINAL))
    assert overview["“三公”经费（万元）"] == ("原表空白", "文字说明所述 0.00 万元")
    assert not any(value.startswith("正文所述") for value, _ in (*page.values(), *overview.values()))


def test_items_stated_against_last_year_s_execution_wrap_their_long_names():
    # 万里街道 2024 p7: “社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）”
    # 460.85万元 … 2023年当年预算执行数为357.56万元 … 增加28.89%. The 项 name, 16 characters, was cut after 8 in the
    # pinned 130 px column (机关事业单位基本养…) at 1280 and 390 px. The grid wraps a cell's text only in rows taller
    # than 4rem (64 px, Streamlit 1.67); at about 14 px a character, 113 px of text a line (130 less the cell's padding)
    # and 20 px a line, three lines fit a 65 px row: every name reads whole (screenshots at 1280 and 390 px looked at).
    app = open_page("pages/changes.py", doc=WANLI_2024, view="details")
    table = next(frame for frame in app.dataframe if "executed_wan" in frame.value.columns)
    grid = table.value
    pension = grid[grid["name"] == "机关事业单位基本养老保险缴费支出"].iloc[0]
    assert (pension["executed_wan"], pension["amount_wan"], pension["rate_printed"]) == (357.56, 460.85, "增加28.89%")
    width = json.loads(table.proto.columns)["name"]["width"]
    lines = max(lines_in(name, width) for name in grid["name"])
    assert table.proto.row_height > 64 and lines * 20 <= table.proto.row_height


def test_a_stated_total_the_document_contradicts_is_marked_not_inferred_from():
    # 财政局 2024 决算 p21: “上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元。与2023年度相比，财政拨款
    # 收入支出总计持平。” p13 (财政拨款收入支出决算总表) prints 总计 2,961.68 on both sides (本年收入合计 2,940.05 +
    # 年初财政拨款结转和结余 21.63).
    # The statement is a total, not a change, and the document contradicts its own table (canonical.narrative fails,
    # 数据核对 reports it). 概览 said it plainly, and inferred "2023 年 0.30 万元" from it; it now marks it ⚠ with p13's
    # figure and infers nothing.
    app = open_page("pages/overview.py", doc=CAIZHENG_FINAL)
    caption = next(c.value for c in app.caption if "财政拨款收入支出总计" in c.value)
    assert (
        "（第 21 页）说财政拨款收入支出总计 0.30 万元 ⚠，与 2023 年持平；"
        "而财政拨款收入支出决算总表（第 13 页）印的是 2,961.68 万元，文件前后不一致（见“数据核对”），"
        "不据此推算 2023 年数"
    ) in caption
    assert "推算 2023 年 0.30" not in caption
    # the statement beside it that no check disputes keeps its inference: p21 收入支出总计2995.39万元 … 减少56.95万元
    assert "说收入支出总计 2,995.39 万元，比 2023 年减少 56.95 万元（推算 2023 年 3,052.34 万元，−1.87%）" in caption


def test_the_project_list_wraps_long_project_names():
    # hongshan_kejingju_2023.txt line 456: "项目14: 科技类非学科校外培训机构规范管理 特定目标类 3" (tabs between): 16
    # characters, cut after 12 in the 项目 column (200 px, "medium") at 1280 px and after 11 at 390 px; rows of 65 px
    # wrap them whole (screenshots looked at).
    app = open_page("pages/projects.py", doc="hongshan_kejingju_2023")
    table = next(frame for frame in app.dataframe if "project_name" in frame.value.columns)
    grid = table.value
    assert grid[grid["project_name"] == "科技类非学科校外培训机构规范管理"].iloc[0]["budget_2023_wan"] == 3.0
    assert table.proto.row_height > 64  # the grid wraps a cell's text only in rows taller than 4rem
    medium = 200  # Streamlit's "medium" column width, px
    lines = max(lines_in(name, medium) for name in grid["project_name"])
    assert lines * 20 <= table.proto.row_height


def test_the_three_public_table_wraps_the_document_s_reasons():
    # hongshan_kejingju_2023.txt line 2281: "(2) 公务用车运行维护费 4.4 万元，比 2022 年预算增加 0 万元，主要原因：
    # 严格执行公务用车制度，用于车辆日常运行维修维护等费用。" The reason, 27 characters, was cut after 12 in its 200 px
    # column at 1280 px.
    app = open_page("pages/three_public.py", doc="hongshan_kejingju_2023")
    table = next(frame for frame in app.dataframe if "文件给出的原因" in frame.value.columns)
    grid = table.value
    running = grid[grid["项目"].str.strip("　") == "公务用车运行费"].iloc[0]
    assert running["文件给出的原因"] == "严格执行公务用车制度，用于车辆日常运行维修维护等费用"
    assert table.proto.row_height > 64
    medium = 200  # Streamlit's "medium" column width, px
    lines = max(lines_in(reason, medium) for reason in grid["文件给出的原因"])
    assert lines * 20 <= table.proto.row_height


def test_the_execution_table_wraps_long_item_names():
    # 财政局 2024 决算 p22: “…机关事业单位基本养老保险缴费支出（项）…年初预算为161.62万元，支出决算为160.75万元”; its
    # 16 characters were cut after 5 in the pinned 112 px 科目名称 column at 1280 and 390 px. Rows of 65 px wrap them.
    app = open_page("pages/execution.py", doc=CAIZHENG_FINAL)
    table = next(frame for frame in app.dataframe if "科目名称" in frame.value.columns)
    grid = table.value
    pension = grid[grid["科目名称"] == "机关事业单位基本养老保险缴费支出"].iloc[0]
    assert (pension["年初预算"], pension["决算数"]) == ("161.62", "160.75")
    width = json.loads(table.proto.columns)["科目名称"]["width"]
    lines = max(lines_in(name, width) for name in grid["科目名称"])
    assert table.proto.row_height > 64 and lines * 20 <= table.proto.row_height


def test_a_finding_s_heading_groups_its_thousands():
    # 财政局 2024: p21 states 财政拨款收入支出总计 0.3 万元, p13 prints 总计 2,961.68: the finding's heading said
    # "相差 2961.38 万元" where its card (and every amount on the pages) writes 2,961.38.
    app = open_page("pages/checks.py", doc=CAIZHENG_FINAL)
    shown = texts(app).replace("**", "")
    assert "第 6 处，相差 2,961.38 万元" in shown and "差额（后者 − 前者）：+2,961.38 万元" in shown
    assert "相差 2961.38" not in shown


def test_the_basic_and_project_caption_says_what_the_kpi_says():
    # 万里街道 2024 p20 (2024年部门支出预算总表, 单位：元): 合计 156,211,123 | 99,706,020 | 56,505,103. The KPI once
    # said 9,970.6020 and the caption under the chart 9,970.602; both are now the exact value, no zero padded on.
    shown = texts(open_page("pages/overview.py", doc=WANLI_2024))
    assert "基本支出 9,970.602 万元（人员经费 8,853.7451 万元" in shown and "项目支出 5,650.5103 万元。" in shown
    assert "9,970.6020" not in shown


def test_the_stated_changes_table_marks_a_figure_the_document_contradicts():
    # 财政局 2024 p21 states 财政拨款收入支出总计 0.3万元 … 持平; p13 prints 总计 2,961.68: 年度对比's row (上年 0.3
    # inferred) is marked ⚠ and links to the checks. 江苏省人民检察院 2017 p19: 基本支出预算数为12323.46万元, where its
    # 收支预算总表 prints 12,323.48: marked too. Rows no check disputes stay unmarked.
    app = open_page("pages/changes.py", doc=CAIZHENG_FINAL, view="details")
    grid = next(frame.value for frame in app.dataframe if "statement" in frame.value.columns)
    assert "财政拨款收入支出总计 ⚠" in grid["name"].tolist()
    assert "收入支出总计" in grid["name"].tolist()  # p21's 2,995.39, no check disputes it
    # no 上年（推算） from the disputed 0.3 (as 概览 says), while p21's 2,995.39 less 56.95 still gives 3,052.34
    by_name = {row["name"]: row for row in grid.to_dict("records")}
    assert by_name["财政拨款收入支出总计 ⚠"]["previous_wan"] == "—"  # never "None" in the grid
    assert by_name["收入支出总计"]["previous_wan"] == "3,052.34"
    charts = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    slope = [trace for chart in charts for trace in chart["data"] if trace.get("mode", "").startswith("lines")]
    assert slope and not any("财政拨款收入支出总计" in json.dumps(trace, ensure_ascii=False) for trace in slope)
    assert "上年为“—”的 ⚠ 项与文件别处的数不符：查看核对" in [link.proto.label for link in app.get("page_link")]
    jiangsu = open_page("pages/changes.py", doc="jiangsu_jianchayuan_2017_bumen_yusuan", view="details")
    names = next(frame.value for frame in jiangsu.dataframe if "statement" in frame.value.columns)["name"].tolist()
    assert "基本支出预算数 ⚠" in names


def test_the_brief_marks_the_stated_total_the_document_contradicts():
    # The council brief's 与上年相比 table (page 1 of its PDF, read with pypdfium2 as tests/test_brief.py does) listed
    # 财政拨款收入支出总计 0.30 → 0.30 as any other row; p13 of the 决算 prints 2,961.68, so it is marked as on 概览.
    import re

    import pypdfium2 as pdfium

    from budgetlens import brief
    from tests.conftest import SNAPSHOTS

    document = pdfium.PdfDocument(brief.brief_pdf(SNAPSHOTS, CAIZHENG_FINAL))
    text = re.sub(r"\s*\n\s*", "", document[0].get_textpage().get_text_range().replace("\r\n", "\n"))
    # and, as 概览 says, no 上年 nor rate is derived from the disputed figure (—)
    said = "财政拨款收入支出总计⚠— 0.30 0.00 — 文件说明正文 第 21 页；与第 13 页的财政拨款收入支出决算总表 2,961.68"
    assert said + "万元不符" in text  # the other figure beside it
    assert "收入支出总计 3,052.34 2,995.39 −56.95 −1.87% 文件说明 正文 第 21 页财政" in text  # no check disputes it
