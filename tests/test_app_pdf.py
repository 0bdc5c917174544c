"""Every page runs on every document (the PDFs and the text export) and shows its pinned text; on the PDFs,
the document's printed values. The values below were read off the rendered PDF pages (page numbers as printed
in the PDF viewer)."""

from __future__ import annotations

import json

import pytest

from budgetlens import classification
from budgetlens.store import load_snapshot
from components.ui import SELECT_KEYS
from tests.conftest import DOC_ID, SNAPSHOTS
from tests.page_text import assert_page_text
from tests.test_app import open_page, summaries, texts

PDF_DOCS = sorted(
    p.parent.name for p in SNAPSHOTS.glob("*/manifest.json") if json.loads(p.read_text()).get("format") == "pdf"
)
ALL_PAGES = [
    "pages/overview.py",
    "pages/execution.py",
    "pages/by_function.py",
    "pages/by_economic.py",
    "pages/three_public.py",
    "pages/projects.py",
    "pages/indicators.py",
    "pages/purchases.py",
    "pages/changes.py",
    "pages/checks.py",
    "pages/data_sources.py",
]
JIANGSU = "jiangsu_jianchayuan_2018_bumen_yusuan"
PUTUO = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"


def test_there_are_pdf_documents():
    assert len(PDF_DOCS) >= 6


@pytest.mark.parametrize("doc", [*PDF_DOCS, DOC_ID])  # every document: the PDFs and the text export
@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_page_runs_on_every_document(page, doc):
    """Each page renders without error and shows exactly the text pinned in its golden file (tests/page_text.py)."""
    app = open_page(page, doc=doc)
    assert not app.error, [e.value for e in app.error]
    assert app.title, "the page shows its title"
    assert_page_text(app, doc, page)


def test_overview_jiangsu_headline_from_the_tables():
    app = open_page("pages/overview.py", doc=JIANGSU)
    shown = texts(app).replace("**", "")
    assert "2018 年预算总额 21,955.35 万元（公开03表：支出预算总表 第 15 页" in shown  # 支出总表's 合计
    assert "基本支出（万元） 13,994.31" in shown and "项目支出（万元） 5,573.00" in shown  # 公开03表 page 15
    assert "“三公”经费（万元）" in shown
    assert "各类取自公开07表：一般公共预算支出预算表（第 17、18 页）。" in shown
    assert summaries(app)[1] == (  # the classes chart's text alternative, from 公开07表's 类 rows
        "**图表说明**：支出功能分类各类共 3 项，合计 21,940.96 万元；"
        "最大的是公共安全支出（16,444.36 万元，占 74.95%），"
        "其次是住房保障支出（3,660.38 万元，占 16.68%）、社会保障和就业支出（1,836.22 万元，占 8.37%）。"
    )


def test_overview_putuo_exact_total_from_yuan():
    shown = texts(open_page("pages/overview.py", doc=PUTUO)).replace("**", "")
    assert "2024 年预算总额 15,621.1123 万元" in shown  # 合计 156,211,123 元
    assert "原文 156,211,123 元" in shown


def test_by_function_jiangsu_general_budget_table():
    """公开07表 (p17, rendered): 合计 21,940.96, 204 公共安全支出 16,444.36; the table prints only 金额."""
    app = open_page("pages/by_function.py", doc=JIANGSU)
    shown = texts(app)
    assert "全部支出　**21,940.96 万元**" in shown  # the printed 合计 (its 类 add up to it)
    assert f"公开07表 第 17、18 页的原数。选中一行{SELECT_KEYS}可看它在原件中的位置（页面图像）。" in shown
    grid = app.dataframe[0].value
    assert list(grid.columns) == ["code", "name", "total_wan", "check_link"]  # the code first: whole at 390 px
    row = grid[grid["code"] == "204"].iloc[0]
    assert (row["name"], float(row["total_wan"])) == ("公共安全支出", pytest.approx(16444.36))
    assert set(grid["check_link"]) == {""}  # no check disputes a row of this table: no link (a blank cell)
    assert list(app.get("button_group")[0].options) == ["合计"]  # a Jiangsu table prints only 金额
    app.session_state["function-all-columns"] = True
    app.run()
    facts = texts(app)
    assert "本页画的是“公开07表：一般公共预算支出预算表” · 资金范围：一般公共预算 · 第 17、18 页" in facts
    assert "这张表本文件未列出上年数" in facts
    full = app.dataframe[1].value
    assert int(full[full["code"] == "2040401"]["page"].iloc[0]) == 17


def test_by_function_putuo_measures_as_printed():
    app = open_page("pages/by_function.py", doc=PUTUO)
    options = [o for o in app.get("button_group")[0].options]
    assert options == ["合计", "基本支出", "项目支出"]
    shown = texts(app)
    assert "全部支出　**15,621.1123 万元**" in shown  # 合计 156,211,123 元, every digit kept
    assert "（原表单位：元，此处换算为万元）的原数" in shown


def test_by_economic_marks_the_row_its_check_disputes():
    """上海市财政局 2025 单位预算 pp17-18 (rendered): 302 商品和服务支出 prints 24,840,779 元, its 18 款 add up to
    24,840,778 元. The page says both with every digit and marks 302, the printed figure in dispute, with ⚠; its 款
    (30201 办公费 1,000,000, 30209 物业管理费 9,265,733 …) are the parts of the sum, not marked."""
    doc = "shanghai_shi_caizhengju_2025_danwei_yusuan"
    app = open_page("pages/by_economic.py", doc=doc, node="302")
    shown = texts(app)
    assert "表中此行列示 2,484.0779 万元，而它下级各行之和是 2,484.0778 万元。" in shown
    grid = app.dataframe[0].value
    assert grid.iloc[0]["name"] == "⚠ 商品和服务支出" and float(grid.iloc[0]["total_wan"]) == pytest.approx(2484.0779)
    parts = grid.iloc[1:]
    assert len(parts) == 18 and not parts["name"].str.startswith("⚠").any()
    office = parts[parts["code"] == "30201"].iloc[0]
    assert office["name"] == "办公费" and float(office["total_wan"]) == pytest.approx(100.0)
    property_fee = parts[parts["code"] == "30209"].iloc[0]
    assert property_fee["name"] == "物业管理费" and float(property_fee["total_wan"]) == pytest.approx(926.5733)
    # the 款 stay the finding's places (its parts), two columns each: 合计 and 公用经费
    snapshot = load_snapshot(SNAPSHOTS / doc)
    found = classification.disputes(snapshot.table("checks"), snapshot.table("check_cells"))
    assert len(found.parts) == 36 and all("302 商品和服务支出" in labels[0] for labels in found.parts.values())
    assert grid.iloc[0]["check_link"] == f"/checks?doc={doc}&view=all&status=fail"
    whole = open_page("pages/by_economic.py", doc=doc).dataframe[0].value
    assert whole[whole["code"] == "301"].iloc[0]["name"] == "工资福利支出"  # 98,950,260 元: no check disputes it
    assert app.title[0].value == "经济分类（基本支出）"


def test_three_public_putuo_parts_and_note():
    app = open_page("pages/three_public.py", doc=PUTUO)
    shown = texts(app)
    assert "“三公”经费（万元） ⚠ 47.91" in shown
    assert "机关运行经费（万元） ⚠ 443.18" in shown  # under the same 空表 note (canonical.empty_table_note)
    assert "本表未列出会议费、培训费" in shown
    assert "注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。" in shown
    grid = app.dataframe[0].value
    assert float(grid[grid["原文"] == "25"]["金额"].iloc[0]) == pytest.approx(25.0)  # 购置费


def test_three_public_jiangsu_meetings_and_training():
    shown = texts(open_page("pages/three_public.py", doc=JIANGSU))
    assert "会议费（万元）" in shown and "培训费（万元）" in shown


def test_checks_on_pdf_cite_tables_and_pages():
    app = open_page("pages/checks.py", doc=PUTUO, view="all")
    grid = app.dataframe[0].value
    assert "expected_where" in grid.columns
    compared = grid[grid["status"].isin(["通过", "没有通过"])]
    assert len(compared) > 100
    assert compared["expected_where"].str.contains(r"第 [\d、]+ 页").all()
    cited = compared["actual_where"].str.contains(r"第 [\d、]+ 页")
    assert (cited | (compared["actual_where"] == "原件中无对应单元格")).all() and cited.mean() > 0.9


def test_projects_page_names_what_the_pdf_lacks():
    app = open_page("pages/projects.py", doc=PUTUO)  # 万里街道 2024 prints no project form
    assert "本文件未包含项目绩效目标表。" in texts(app)
    assert not app.dataframe and not app.metric  # never a table of zeros


def test_data_sources_manifest_lists_the_pdf_with_its_checksum():
    app = open_page("pages/data_sources.py", doc=PUTUO, view="manifest")
    frames = [frame.value for frame in app.dataframe]
    sources = next(f for f in frames if "sha256" in f.columns and "文件" in f.columns)
    assert sources["文件"].iloc[0] == f"{PUTUO}.pdf"
    assert len(sources["sha256"].iloc[0]) == 64


def test_data_sources_glossary_and_schedules_on_a_pdf():
    """The glossary and the schedule listing on every document: 江苏省人民检察院 2018 p30 prints 名词解释, its
    third term 财政专户管理资金 "包括专户管理行政事业性收费（主要是教育收费）、其他非税收入。" (read off the
    rendered page)."""
    glossary = texts(open_page("pages/data_sources.py", doc=JIANGSU, view="glossary", term="教育收费"))
    assert "**财政专户管理资金**  \n包括专户管理行政事业性收费（主要是教育收费）、其他非税收入。" in glossary
    assert "一般公共预算" not in glossary  # only the term the search finds
    manifest = open_page("pages/data_sources.py", doc=JIANGSU, view="manifest")
    listing = next(f.value for f in manifest.dataframe if "表名（原文）" in f.value.columns)
    assert set(listing["状态"]) <= {"已读取", "按原样保存", "目录列出、文件中没有"}
    assert listing["页码"].str.len().min() > 0  # every table the PDF prints, with its pages


def test_checks_card_on_pdf_shows_both_sides_pages():
    app = open_page("pages/checks.py", doc=PUTUO)
    shown = texts(app)
    failing = app.metric[0].value
    if failing == "0 项":
        pytest.skip("no failing check in this snapshot")
    assert "部门“三公”经费和机关运行经费预算表 第 31 页" in shown


def test_pdf_source_region_outlines_the_cell():
    from PIL import Image

    from components import source_view

    manifest = json.loads((SNAPSHOTS / PUTUO / "manifest.json").read_text())
    found = source_view.source_file(manifest["sources"], 31)
    assert found is not None and found[0] == f"{PUTUO}.pdf" and found[2] == 30
    box = (65.3, 241.1, 167.1, 310.4)  # the 三公 合计 cell, 47.91, page 31
    png = source_view.cells_png(str(source_view.RAW / found[0]), found[2], (box,), 0.0)
    image = Image.open(__import__("io").BytesIO(png)).convert("RGB")
    # the outline's red is drawn at the cell's left edge, one margin (or the page edge) in
    x = int((box[0] - max(0.0, box[0] - source_view.MARGIN_X)) * source_view.SCALE)
    y = int((box[1] + box[3]) / 2 - max(0.0, box[1] - source_view.MARGIN_Y)) * int(source_view.SCALE)
    assert any(image.getpixel((x + dx, y))[0] > 180 and image.getpixel((x + dx, y))[1] < 80 for dx in range(-8, 4))


WANLI_2023 = "shanghai_putuo_wanlijiedao_2023_bumen_yusuan"  # 财政项目支出绩效目标填报表 on pages 31–35


def test_projects_pdf_lists_the_printed_forms():
    app = open_page("pages/projects.py", doc=WANLI_2023)
    grid = app.dataframe[0].value
    assert len(grid) == 5
    new_centre = grid[grid["project_name"] == "新建万里街道社区公共服务中心"].iloc[0]  # page 31
    assert new_centre["budget_2023_wan"] == 410.0 and new_centre["budget_printed"] == "4,100,000.00 元"
    assert int(new_centre["page"]) == 31 and new_centre["nature"] == "阶段性项目"
    running = grid[grid["project_name"] == "⚠ 公共服务设施运行经费"].iloc[0]  # page 35; ⚠: its funds check fails
    assert running["budget_2023_wan"] == 1090.3043 and running["budget_printed"] == "10,903,043.00 元"
    assert running["category"] == "其他运转类" and running["nature"] == "经常性项目" and int(running["page"]) == 35
    # of the 一般公共预算支出表's 项目支出 合计, 65,572,343 元 (page 23): 10,903,043 / 65,572,343 = 16.63 %
    assert running["share_of_projects_pct"] == 16.63
    assert "下载这 5 行" in [p.proto.popover.label for p in app.get("popover")]
    shown = texts(app)
    assert "**5** 个项目，合计 **3,351.3343 万元**" in shown  # 410 + 635.10 + 456.38 + 759.55 + 1,090.3043, every digit
    # what the forms do not print is not offered as a filter or a column of blanks
    labels = [w.label for w in app.get("selectbox")]
    assert "新增或延续" not in labels and "采购与购买服务" not in labels
    assert "is_new" not in grid.columns and "budget_2022_wan" not in grid.columns


@pytest.mark.parametrize(
    "params",
    [
        {"q": "开展活动300场"},  # an indicator's name, page 35
        {"q": "租赁解决街道办公用房"},  # the goals' text, page 35
        {"category": "其他运转类"},  # 项目类别, page 35
    ],
)
def test_projects_pdf_filters_search_names_goals_and_indicators(params):
    app = open_page("pages/projects.py", doc=WANLI_2023, **params)
    grid = app.dataframe[0].value
    assert grid["project_name"].tolist() == ["⚠ 公共服务设施运行经费"]  # its form's funds check fails
    assert "下载这 1 行" in [p.proto.popover.label for p in app.get("popover")]
    assert dict(app.query_params) | {"doc": WANLI_2023} == {**params, "doc": WANLI_2023}  # the link keeps the view


def test_project_pdf_opened_shows_goals_funds_failing_check_and_indicators():
    app = open_page("pages/projects.py", doc=WANLI_2023, project="公共服务设施运行经费")
    shown = texts(app)
    assert app.title[0].value.replace("\\", "") == "公共服务设施运行经费"
    assert "第 35 页" in shown and "项目类别：其他运转类" in shown
    assert "通过租赁解决街道办公用房紧张的问题" in app.text[0].value  # 项目总目标, as text
    metrics = {m.label: m.value for m in app.metric}
    assert metrics == {"2023 年预算（万元）": "1,090.3043"}  # 年度资金申请总额 10,903,043.00 元, every digit
    assert "本文件未列出这个项目往年的预算。" in shown and "本文件未列出项目的支出明细。" in shown
    funds = app.dataframe[0].value
    appropriation = funds[funds["项目（原文）"].str.endswith("其中：当年财政拨款")].iloc[0]
    assert appropriation["原文"] == "11,419,043.00 元" and appropriation["金额（万元）"] == "1,141.9043"
    assert appropriation["出处"] == "第 35 页"
    requested = funds[funds["项目（原文）"].str.endswith("年度资金申请总额")].iloc[0]
    assert requested["原文"] == "10,903,043.00 元"
    # ⚠ on the figure the failing check disputes (the year's parts do not add up to its total: the total), not on the
    # parts it summed (they are the check's places, on 数据核对) nor on the project's
    marked = funds[funds["项目（原文）"].str.startswith("⚠ ")]["项目（原文）"].tolist()
    assert marked == ["⚠ 年度资金申请总额"]
    warning = [w.value for w in app.warning]
    assert len(warning) == 1  # the one failing check on this form's funds, and not the passing one
    assert "1,141.9043 万元" in warning[0] and "年度资金申请总额 = **1,090.3043 万元**" in warning[0]
    assert warning[0].startswith("⚠ 核对没有通过。其中：当年财政拨款")  # not 通过：其中：, two colons in a row
    indicators = app.dataframe[1].value
    assert len(indicators) == 9
    row = indicators[indicators["name"] == "开展活动300场"].iloc[0]
    assert (row["level1"], row["level2"], row["target"]) == ("产出指标", "数量指标", "=300.00(场)")
    assert (row["value_2023_number"], row["value_2023_unit"]) == ("=300", "场")  # read from =300.00(场)
    satisfied = indicators[indicators["name"] == "工作人员满意度"].iloc[0]
    assert (satisfied["target"], satisfied["value_2023_number"], satisfied["value_2023_unit"]) == (
        "≥95.00(%)",
        "≥95",
        "%",
    )
    assert indicators[indicators["name"] == "房屋质量"]["value_2023_number"].iloc[0] == "—"  # 房屋完好: text
    assert "原文" in [e.label for e in app.expander]


def test_project_pdf_opened_without_failing_check():
    app = open_page("pages/projects.py", doc=WANLI_2023, project="新建万里街道社区公共服务中心")
    shown = texts(app)
    assert "2023 年预算（万元） 410.00" in shown and "第 31 页" in shown
    assert not app.warning
    funds = app.dataframe[0].value
    assert funds[funds["项目（原文）"] == "项目资金总额"]["原文"].iloc[0] == "4,100,000.00 元"
    assert not funds["项目（原文）"].str.startswith("⚠").any()


def test_indicators_pdf_every_indicator_with_its_project():
    app = open_page("pages/indicators.py", doc=WANLI_2023)
    grid = app.dataframe[0].value
    assert len(grid) >= 60 and grid["belongs_to"].nunique() == 5
    row = grid[grid["name"] == "工作人员满意度"].iloc[0]  # page 35
    assert row["belongs_to"] == "公共服务设施运行经费" and row["target"] == "≥95.00(%)" and int(row["page"]) == 35
    assert (row["value_2023_number"], row["value_2023_unit"]) == (95.0, "%")
    assert "project=" in row["link"] and WANLI_2023 in row["link"]
    satisfaction = open_page("pages/indicators.py", doc=WANLI_2023, level1="满意度指标").dataframe[0].value
    assert set(satisfaction["level1"]) == {"满意度指标"} and "工作人员满意度" in set(satisfaction["name"])
    assert len(satisfaction) < len(grid)
    searched = open_page("pages/indicators.py", doc=WANLI_2023, q="开展活动300场").dataframe[0].value
    assert searched["name"].tolist() == ["开展活动300场"]


def test_indicators_pdf_without_forms_says_so():
    app = open_page("pages/indicators.py", doc=JIANGSU)
    assert "本文件未包含项目绩效目标表。" in texts(app) and not app.dataframe


def test_purchases_pdf_listing_total_breakdowns_and_narrative():
    app = open_page("pages/purchases.py", doc=JIANGSU)  # 公开12表 on pages 20–23, the narrative on page 30
    shown = texts(app).replace("**", "")
    assert "公开12表：政府采购支出预算表" in shown
    assert "政府采购（万元） 3,096.24" in shown and "说明中的总额（万元） 3,096.24" in shown
    assert (
        "说明（第 30 页）：政府采购支出预算总额 3,096.24 万元，与公开12表：政府采购支出预算表一致（核对通过）" in shown
    )
    grid = next(d.value for d in app.dataframe if "采购物品名称" in d.value.columns)  # after the charts' numbers
    assert (
        grid["采购品目大类"].iloc[0] == "合计"
        and grid["原文"].iloc[0] == "3,096.24"
        and int(grid["页码"].iloc[0]) == 20
    )
    goods = grid[grid["采购品目大类"] == "一、货物A"].iloc[0]
    assert goods["金额（万元）"] == "268.00" and int(goods["页码"]) == 20
    assert grid[grid["采购品目大类"] == "三、服务C"]["原文"].iloc[0] == "2,828.24"  # page 21
    switch = grid[grid["采购物品名称"] == "交换设备"].iloc[0]  # page 20
    assert (switch["采购组织形式"], switch["原文"]) == ("分散自行组织", "20.00")
    charts = [json.loads(c.proto.spec)["data"][0] for c in app.get("plotly_chart")]
    assert charts[0]["y"] == ["一、货物A", "三、服务C"] and charts[0]["x"] == [268.0, 2828.24]
    # the lines by the economic class their group row prints (pp. 20–23): 维修（护）费 580 + 4 + 150 万元, in the
    # 万元 the listing prints
    by_class = dict(zip(charts[1]["y"], charts[1]["x"], strict=True))
    assert by_class["维修（护）费"] == 734.0 and sum(by_class.values()) == pytest.approx(3096.24)
    by_project = dict(zip(charts[2]["y"], charts[2]["x"], strict=True))
    assert by_project["办公、办案设备更新购置费"] == 146.0 and by_project["检察教育培训经费"] == 700.0  # pages 21, 23
    assert sum(by_project.values()) == pytest.approx(3096.24)  # every line under a project, the listing's 合计
    assert summaries(app)[0] == (
        "**图表说明**：采购品目大类共 2 项，合计 3,096.24 万元；最大的是三、服务C（2,828.24 万元，占 91.34%），"
        "其次是一、货物A（268.00 万元，占 8.66%）。"
    )


def test_purchases_pdf_without_listing_shows_the_narratives_figure():
    app = open_page("pages/purchases.py", doc=PUTUO)  # 万里街道 2024: no procurement table, the text on page 32
    shown = texts(app).replace("**", "")
    assert "本部门预算未包含政府采购预算表。" in shown  # its kind, from the manifest
    assert "说明（第 32 页）：政府采购预算 1662.44 万元" in shown
    assert "2024年本部门政府采购预算1662.44万元" in shown
    assert not app.get("plotly_chart")  # no listing to draw; the parts the text states (p32) are its only table
    (parts,) = app.dataframe
    assert list(zip(parts.value["part"], parts.value["amount_printed"], strict=True)) == [
        ("货物", "93.98"),
        ("工程", "815.87"),
        ("服务", "752.59"),
        ("面向中小企业预留", "664.98"),
        ("面向小微企业预留", "465.49"),
    ]


# 决算 (final accounts). Values read off the rendered pages of data/raw/…_juesuan.pdf.
CAIZHENG_FINAL = "shanghai_putuo_caizhengju_2024_bumen_juesuan"
CAIZHENG_BUDGET = "shanghai_putuo_caizhengju_2025_bumen_yusuan"
GUIHUA_FINAL = "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"


def metrics(app) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def test_execution_caizheng_total_items_and_three_public():
    app = open_page("pages/execution.py", doc=CAIZHENG_FINAL)
    assert "上海市普陀区财政局 · 2024 年部门决算 · 金额为决算数（实际支出）" in texts(app)
    shown = metrics(app)
    # page 21: 年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%
    assert shown["年初预算（万元）"] == "2,993.92" and shown["决算数（万元）"] == "2,940.05"
    assert shown["完成率（文件所述）"] == "98.20%"
    assert shown["完成率（计算）"] == "98.20%"  # 2,940.05 ÷ 2,993.92 = 98.2007…: a rate we compute, two places
    assert "全年预算（万元）" not in shown  # the document states 年初预算 only
    grid = app.dataframe[0].value
    first = grid.iloc[0]  # sorted by the size of the gap: 行政运行, 1,560.05 (page 22) against 1,511.89 (page 15)
    assert (first["编码"], first["科目名称"]) == ("2010601", "行政运行")
    assert (first["年初预算"], first["决算数"], first["差额"]) == ("1,560.05", "1,511.89", "−48.16")
    assert "人员进出及退休变化" in first["文件所述原因"]
    assert (int(first["说明页码"]), int(first["决算数页码"])) == (22, 15)
    same = grid[grid["编码"] == "2010602"].iloc[0]  # 一般行政管理事务: 10.00 and 10.00, 决算数与预算数基本持平
    assert same["差额"] == "0.00" and same["文件所述原因"] == "决算数与预算数基本持平"
    assert len(grid) == 11  # the eleven 项 of page 22
    assert "全年预算" not in grid.columns  # no 全年预算 stated: no column of dashes
    assert summaries(app) == [  # the sums of page 22's eleven 年初预算 and page 15's eleven 决算数
        "**图表说明**：写出预算数的项共 11 项，预算数合计 2,993.93 万元，"
        "决算数合计 2,940.06 万元（为预算数的 98.20%）；决算数低于预算数的 8 项，持平 3 项，高于预算数的 0 项；"
        "差额最大的是行政运行（预算 1,560.05 万元，决算 1,511.89 万元，少支出 48.16 万元）。"
    ]
    three = app.dataframe[1].value.set_index("项目")  # page 18: 合计 预算数 0.95, 决算数 blank
    assert (three.loc["“三公”经费", "预算数"], three.loc["“三公”经费", "决算数"]) == ("0.95", "原表空白")
    assert three.loc["　公务接待费", "预算数"] == "0.95"


def test_execution_reasons_are_read_whole_and_an_unstated_rate_is_no_column():
    """财政局 2024 决算 p22 states no 项's completion rate, only its reason: no column of dashes pushes the reasons off
    the grid's right edge, and under the grid each reason is written whole with the 项 it is given for."""
    app = open_page("pages/execution.py", doc=CAIZHENG_FINAL)
    grid = app.dataframe[0].value
    assert "完成率（文件所述）" not in grid.columns
    columns = list(grid.columns)
    assert columns.index("文件所述原因") < columns.index("编码")  # the reason before the code and the pages
    shown = texts(app)
    # p22 items 9 and 10 (and 7): 决算数小于预算数的主要原因：预算按周全保障测算，实际执行基本贴合预期
    assert "- 行政单位医疗、住房公积金、机关事业单位职业年金缴费支出：预算按周全保障测算，实际执行基本贴合预期" in shown
    assert "- 财政委托业务支出：因个别项目评审费未能实施或未来得及支付完毕，于明年重新申请" in shown  # p22 item 4
    guihua = open_page("pages/execution.py", doc=GUIHUA_FINAL).dataframe[0].value
    assert "完成率（文件所述）" in guihua.columns  # p23 states its rates (88.08%): kept


def test_execution_guihua_stated_rates_and_three_public():
    app = open_page("pages/execution.py", doc=GUIHUA_FINAL)
    grid = app.dataframe[0].value
    first = grid.iloc[0]  # page 23: 年初预算为3110.14万元，支出决算为2739.56万元，完成年初预算的88.08%
    assert (first["编码"], first["年初预算"], first["决算数"]) == ("2120201", "3,110.14", "2,739.56")
    assert (first["完成率（文件所述）"], first["完成率（计算）"]) == ("88.08%", "88.08%")  # 2,739.56 ÷ 3,110.14
    assert "图中画出差额最大的 11 项" in texts(app)  # the eleven with a budget stated and a 决算数 printed
    three = app.dataframe[1].value.set_index("项目")  # page 17: 合计 2.85 | 0.39, 公务接待费 2.85 | 0.39
    assert (three.loc["“三公”经费", "预算数"], three.loc["“三公”经费", "决算数"]) == ("2.85", "0.39")
    assert three.loc["“三公”经费", "差额"] == "−2.46"
    assert "完成 13.68%" in three.loc["“三公”经费", "说明所述"]  # page 25


def test_execution_items_level_from_the_url():
    app = open_page("pages/execution.py", doc=CAIZHENG_FINAL, level="1")
    grid = app.dataframe[0].value
    assert sorted(grid["编码"]) == ["201", "208", "210", "221"]  # the four 类 of page 15
    assert "说明中没有写出各类的预算数" in texts(app)


def test_execution_on_a_budget_says_so_and_links_the_final_accounts():
    app = open_page("pages/execution.py", doc=CAIZHENG_BUDGET)
    assert not app.error
    assert "这是一份预算" in texts(app) and not app.dataframe
    links = [link.proto.label for link in app.get("page_link")]
    assert "上海市普陀区财政局 · 2024年部门决算：预算执行" in links
    alone = texts(open_page("pages/execution.py", doc=PUTUO))
    assert "文件库中还没有本部门的决算" in alone


def test_pages_on_a_final_account_say_they_show_what_was_spent():
    overview = open_page("pages/overview.py", doc=CAIZHENG_FINAL)
    shown = texts(overview).replace("**", "")
    assert "2024 年决算总额 2,940.05 万元（支出决算表 第 10 页" in shown  # page 10: 合计 2,940.05
    # page 18: the 决算数 cell is blank, not 0.95; page 23 states 支出决算为0.00万元: both said, the blank not made 0
    assert metrics(overview)["“三公”经费（万元）"] == "原表空白"  # the text's 0.00 under it (face5)
    assert "- “三公”经费：预算数 0.95，决算数（原表空白，文字说明第 23 页所述 0.00）" in shown
    three = open_page("pages/three_public.py", doc=GUIHUA_FINAL)
    assert metrics(three)["“三公”经费决算数（万元）"] == "0.39"  # page 17
    budget = texts(open_page("pages/overview.py", doc=CAIZHENG_BUDGET))
    assert "上海市普陀区财政局 · 2025 年部门预算" in budget and "决算数" not in budget


def test_changes_waterfall_of_the_three_public_parts_the_narrative_states():
    """万里街道 2024 p32 (rendered): “三公”经费预算数为47.91万元，比2023年预算增加25万元; 因公出国（境）费0万元，
    比2023年预算持平; 公务用车购置及运行费46.56万元，比2023年预算增加25万元; 公务接待费1.35万元。比2023年预算持平 (its
    change a sentence of its own). The waterfall runs from the 2023 amount these imply (22.91) through each part's
    stated change to 47.91."""
    app = open_page("pages/changes.py", doc=PUTUO, view="details")
    assert list(app.get("button_group")[0].options) == ["明细变化", "本库其他年度"]
    charts = [json.loads(c.proto.spec)["data"][0] for c in app.get("plotly_chart")]
    waterfall = next(c for c in charts if c["type"] == "waterfall")
    assert waterfall["y"] == ["2023 年（推算）", "因公出国（境）费", "公务接待费", "公务用车购置及运行费", "2024 年"]
    assert waterfall["x"] == [22.91, 0.0, 0.0, 25.0, 0.0]
    assert waterfall["text"] == ["22.91 万元", "持平", "持平", "+25.00 万元", "47.91 万元"]  # 持平 as the text says it
    shown = texts(app)
    assert "“三公”经费从 2023 年（推算）的 22.91 万元增加到 2024 年的 47.91 万元，增加 25.00 万元" in shown
    slope = app.dataframe[0].value
    row = slope[slope["name"] == "公务用车购置费"].iloc[0]
    assert (float(row["previous_wan"]), float(row["amount_wan"]), row["where"]) == (0.0, 25.0, "第 32 页")


def test_changes_on_a_document_whose_narrative_states_no_three_public_total():
    """检察院 2018 p29 (rendered): 会议费预算支出 200.44 万元，比上年预算数增加 32.44 万元 (上年 168.00); the narrative
    states no change of the 三公 total, so there is no waterfall, and the page says so."""
    app = open_page("pages/changes.py", doc=JIANGSU)
    shown = texts(app)
    assert "文字说明没有说明“三公”经费合计的增减，因此没有分项的增减图。" in shown
    assert "本文件未列出多年的收支构成（部门总体资金情况）、各项目的往年预算、有多年数值的绩效指标。" in shown
    assert all(json.loads(c.proto.spec)["data"][0]["type"] != "waterfall" for c in app.get("plotly_chart"))
    stated = app.dataframe[0].value
    row = stated[stated["name"] == "会议费"].iloc[0]
    assert (float(row["previous_wan"]), float(row["amount_wan"]), row["change_wan"]) == (168.0, 200.44, "+32.44")
    assert row["library"] == "一致（2017 年文件第 16 页）"  # 2017 p16 (rendered): 会议费 168.00
    # p28: 因公出国（境）费预算支出 100 万元，与上年预算数相等; the 2017 document's 三公 table (p16) prints 110.00
    overseas = stated[stated["name"] == "因公出国（境）费 ⚠"].iloc[0]  # marked where the row starts, for a phone
    assert overseas["library"] == "⚠ 2017 年文件为 110.00 万元（第 16 页）"
    # and both figures under the grid
    both = "因公出国（境）费：由本文件所述增减推算的 2017 年数为 100.00 万元，本库 2017 年文件自己的数为 110.00 万元"
    assert both in shown
    library = texts(open_page("pages/changes.py", doc=JIANGSU, view="library"))
    assert "文件库中本部门有 **2** 份文件：2017 年、2018 年。" in library


def test_a_blank_printed_cell_reads_as_blank_not_none():
    """财政局 2024 决算 p16 (一般公共预算财政拨款基本支出决算表): 30103 奖金 and 30106 伙食补助费 printed with their
    决算数 cell empty, 30101 基本工资 262.33, 30302 退休费 69.10. The grid says 原表空白 (the page's word; the browser
    printed None), every amount to its printed digits (the 全部金额列 grid is made by the same ui.blank_as_words)."""
    app = open_page("pages/by_economic.py", doc=CAIZHENG_FINAL)
    grid = app.dataframe[0].value.set_index("code")
    assert grid.loc["30103", "total_wan"] == "原表空白" and grid.loc["30106", "total_wan"] == "原表空白"
    assert (grid.loc["30101", "total_wan"], grid.loc["30302", "total_wan"]) == ("262.33", "69.10")
    assert not grid["total_wan"].isna().any()
    whole = open_page("pages/by_function.py", doc=CAIZHENG_FINAL).dataframe[0].value  # p15 prints every 合计 cell
    assert whole["total_wan"].dtype != object  # no blank: the column stays numbers and sorts as numbers


def test_a_check_between_documents_that_could_not_be_made_reads_dash_not_none():
    """检察院 2018 p23: 一般公共预算收入预算 21,940.96 万元，与上年相比增加 3,959.28 万元 (so 17,981.68 the year
    before); the 2017 document states no such figure, so the check is 无法核对 and its other side, page and
    difference are empty: the grid writes — (the browser printed None), and the made checks keep every digit."""
    app = open_page("pages/checks.py", doc="jiangsu_jianchayuan_2018_bumen_yusuan")
    grid = next(frame.value for frame in app.dataframe if "自己的数" in frame.value.columns)
    unmade = grid[grid["对象"].str.contains("3,959.28")].iloc[0]
    assert unmade["结果"] == "无法核对"
    assert unmade["所述上年数"] == "17,981.68"  # each row to its printed digits, as text (face5)
    assert (unmade["自己的数"], unmade["上一年页码"], unmade["差额"]) == ("—", "—", "—")
    assert not grid[["自己的数", "上一年页码", "差额"]].isna().any().any()


def test_the_library_s_prior_year_total_is_exact():
    """万里街道 2023 p18 prints the 支出预算总表's 合计 164,978,640 元 = 16,497.864 万元. The 2024 overview's figure
    from the library's 2023 document, and the 2023 function page's total, show that exact value: not 16,497.86
    (digits cut) nor 16,497.8640 (a zero padded on)."""
    shown = texts(open_page("pages/overview.py", doc="shanghai_putuo_wanlijiedao_2024_bumen_yusuan"))
    assert "2023 年预算总额 16,497.864 万元；本年比 2023 年减少 876.7517 万元" in shown
    assert "16,497.8640" not in shown
    function = texts(open_page("pages/by_function.py", doc="shanghai_putuo_wanlijiedao_2023_bumen_yusuan"))
    assert "全部支出　**16,497.864 万元**" in function


def test_changes_lists_the_items_stated_against_last_year_s_execution():
    """万里街道 2023 p6 item 3: 2022年当年预算执行数为11.67万元，2023年预算安排45.41万元，比2022年预算执行数增加314.82%
    (the amounts give 289.12%); p9 item 31 3853.06 → 1450.00, 减少62.37%, the largest change. 年度对比 shows every such
    item, said to be against 执行数, the document's rate beside ours."""
    app = open_page("pages/changes.py", doc="shanghai_putuo_wanlijiedao_2023_bumen_yusuan")
    grid = next(frame.value for frame in app.dataframe if "rate_printed" in frame.value.columns)
    masses = grid[grid["parents"] == "一般公共服务支出／群众团体事务"].iloc[0]
    assert masses["name"] == "一般行政管理事务"
    assert (float(masses["executed_wan"]), float(masses["amount_wan"])) == (11.67, 45.41)
    assert (masses["change_wan"], masses["rate_printed"], masses["rate_pct"], masses["where"]) == (
        "+33.74",
        "增加314.82%",
        "+289.12%",
        "第 6 页",
    )
    assert (grid["name"][0], grid["parents"][0]) == ("其他城乡社区支出", "城乡社区支出／其他城乡社区支出")
    assert "增减额最大的是“其他城乡社区支出”（2022 年执行数 3,853.06 万元 → 2023 年 1,450.00 万元" in texts(app)
    assert "不是 2022 年预算" in texts(app)
