"""Facts the document states that the pages once called "not printed": 人员经费 and 公用经费 (概览), the 三公 total's
share of 公用经费 (“三公”经费 page). Each value below was read off the rendered PDF page (`pdftoppm -r 100 -f N -l N`,
page numbers as the PDF viewer counts them; the 说明 PDF of a 说明 + 表 pair comes first)."""

from __future__ import annotations

from tests.test_app import open_page, texts

JIANCHAYUAN_2018 = "jiangsu_jianchayuan_2018_bumen_yusuan"
CAIZHENG_FINAL = "shanghai_putuo_caizhengju_2024_bumen_juesuan"
BANGONGTING_2017 = "jiangsu_shengwei_bangongting_2017_bumen_yusuan"
WANLI_2024 = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"
SHI_CAIZHENG_2025 = "shanghai_shi_caizhengju_2025_danwei_yusuan"


def overview_text(doc: str) -> str:
    return texts(open_page("pages/overview.py", doc=doc)).replace("**", "")


def test_jianchayuan_2018_split_from_its_narrative():
    shown = overview_text(JIANCHAYUAN_2018)
    assert "本文件未列出人员经费和公用经费" not in shown
    # p27: "省检察院2018年度财政拨款基本支出预算 13,979.92 万元。其中：（一）人员经费 11,257.35 万元 …（二）公用经费
    # 2,722.57 万元"; the overview's 基本支出 is all money's (13,994.31), so the two do not add up to it: said
    assert "（人员经费 11,257.35 万元，公用经费 2,722.57 万元）" in shown
    assert "人员经费和公用经费取自文字说明 第 27 页。" in shown
    assert "两者之和 13,979.92 万元，与这里的基本支出不同（相差 14.39 万元）。" in shown


def test_caizhengju_2024_split_from_the_table_footer_and_the_narrative_agrees():
    shown = overview_text(CAIZHENG_FINAL)
    # p17, under the basic economic table: 人员经费合计 2,152.26 | 公用经费合计 184.65; p23 states the same figures
    assert "（人员经费 2,152.26 万元，公用经费 184.65 万元）" in shown
    assert "第 17 页的人员经费合计行。文字说明（第 23 页）所述相同。" in shown


def test_bangongting_2017_split_from_its_explanation():
    shown = overview_text(BANGONGTING_2017)
    # 说明 p9: "（一）人员经费 7819.47 万元 …（二）公用经费 2144.60 万元" of 财政拨款基本支出预算 9964.07 万元
    assert "基本支出 9,964.07 万元（人员经费 7,819.47 万元，公用经费 2,144.60 万元）" in shown
    assert "人员经费和公用经费取自文字说明 第 9 页。" in shown


def share_help(doc: str) -> tuple[str, str]:
    app = open_page("pages/three_public.py", doc=doc)
    metric = next(m for m in app.metric if m.label == "占公用经费")
    return metric.value, metric.proto.help


def test_share_of_public_expenditure_from_the_economic_table():
    # wanli p30: 合计 row, 公用经费 column 11,168,569 元 = 1,116.8569 万元; p32: “三公”经费预算数 47.91 万元
    value, explained = share_help(WANLI_2024)
    assert value == "4.29%"  # 47.91 / 1,116.8569
    assert "1,116.86" in explained or "1,116.8569" in explained
    # shi_caizhengju p19: 合计 row, 公用经费 column 25,177,779 元 = 2,517.7779 万元
    value, explained = share_help(SHI_CAIZHENG_2025)
    assert value != "无法计算" and ("2,517.78" in explained or "2,517.7779" in explained)


def test_share_of_public_expenditure_from_the_narrative():
    # jianchayuan p27: （二）公用经费 2,722.57 万元; the 三公 table's 小计 484.30 (p19) → 17.79%
    value, explained = share_help(JIANCHAYUAN_2018)
    assert value == "17.79%"
    assert "文字说明第 27 页" in explained


def three_public_page(doc: str):
    app = open_page("pages/three_public.py", doc=doc)
    return app, texts(app).replace("**", "")


def test_caizhengju_2024_stated_zero_beside_blank_cells_and_no_empty_chart():
    app, shown = three_public_page(CAIZHENG_FINAL)
    # p18: every 决算数 cell of the 三公 table is blank; p23: "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为
    # 0.00万元，完成预算的0%，其中：因公出国（境）费决算为0.00万元 … 公务用车购置及运行维护费支出决算为0.00万元 …
    # 公务接待费支出决算为0.00万元"
    metric = next(m for m in app.metric if m.label.startswith("“三公”经费"))
    assert (metric.value, metric.delta) == ("原表空白", "文字说明所述 0.00 万元；与 2023 年持平")  # face5
    assert "原表这一格空白；文字说明（第 23 页）所述 0.00 万元。" in metric.proto.help
    assert "2024 年“三公”经费决算数原表空白，文字说明（第 23 页）所述 0.00 万元" in shown
    # nothing printed to draw: no chart, the stated figures in words
    assert not app.get("plotly_chart")
    assert (
        "原表中“三公”经费的决算数都是空白（没有可画的金额）；文字说明（第 23 页）所述：“三公”经费 0.00 万元，"
        "因公出国（境）费 0.00 万元，公务用车购置及运行费 0.00 万元，公务接待费 0.00 万元。"
    ) in shown
    assert "原表空白的决算数，文字说明（第 23 页）写出：“三公”经费 0.00 万元" in shown
    # 0.00 of 公用经费合计 184.65 (p17): the share the text's zero gives, said as from the text under a figure that
    # says the table gives none (face6: it stood as 0.00% in the metric's type, as if printed)
    share = next(m for m in app.metric if m.label == "占公用经费")
    assert share.value == "无法按表计算" and share.delta.endswith("推算为 0.00%")
    assert "文字说明（第 23 页）所述 0.00 万元" in share.proto.help


def test_caizhengju_2024_overview_says_the_stated_zero():
    app = open_page("pages/overview.py", doc=CAIZHENG_FINAL)
    shown = texts(app).replace("**", "")
    assert "- “三公”经费：预算数 0.95，决算数（原表空白，文字说明第 23 页所述 0.00）" in shown
    kpi = next(m for m in app.metric if m.label.startswith("“三公”经费"))
    assert (kpi.value, kpi.delta) == ("原表空白", "文字说明所述 0.00 万元")  # face5
    help_text = kpi.proto.help.replace("\\", "")  # markdown-escaped
    assert help_text == "财政拨款“三公”经费支出决算表 第 18 页：这一格空白；文字说明 第 23 页所述 0.00 万元。"


def test_bangongting_2017_stated_zero_of_a_blank_cell_and_stated_same_as_last_year():
    app, shown = three_public_page(BANGONGTING_2017)
    # 说明 p11: "（1）公务用车购置预算支出数 0 万元，本年数与上年预算数一致"; 表 (p24): the cell is blank
    assert "原表空白（未填数字，图中不画）：公务用车购置费（正文所述 0.00）。" in shown
    grid = app.dataframe[0].value
    purchase = grid[grid["项目"].str.strip("　") == "公务用车购置费"].iloc[0]
    assert (purchase["金额"], purchase["正文所述"], purchase["增减"]) == ("—", "0.00", "0.00")
    # 说明 p11: "1．因公出国（境）费用预算支出70万元，本年数与上年预算数一致" (费用, not 费)
    travel = grid[grid["项目"].str.strip("　") == "因公出国（境）费"].iloc[0]
    assert (travel["增减"], travel["上年（推算）"]) == ("0.00", "70.00")


def test_compare_opens_at_the_selected_document_s_year():
    # the library holds 2017, 2018, 2023, 2024 and 2025 documents: the chosen 2018 document opens 2018, not 2025
    app = open_page("pages/compare.py", doc=JIANCHAYUAN_2018)
    year = next(box for box in app.selectbox if box.label == "年度")
    assert year.value == "2018"
    app = open_page("pages/compare.py", doc=BANGONGTING_2017)
    assert next(box for box in app.selectbox if box.label == "年度").value == "2017"
    docs = next(box for box in app.multiselect if box.label == "文件")
    assert docs.value[0] == BANGONGTING_2017


def test_across_years_never_calls_a_final_account_to_a_budget_a_change():
    shown = texts(open_page("pages/department.py", doc=CAIZHENG_FINAL))
    # 2024 决算 p10 支出决算表 合计 2,940.05; 2025 预算 p13 合计 31,214,205.80 元 = 3,121.42058 万元, to 0.01 in
    # the chart's sentence as every chart sentence (the tables beside it hold every digit)
    assert "增加到" not in shown and "增加 181.37" not in shown
    assert (
        "预算数（计划）与决算数（实际）不是同一种数字，不算两者之间的增减：2024年部门决算的支出合计 2,940.05 万元。"
        "2025年部门预算的支出合计 3,121.42 万元。"
    ) in shown
    # the 决算's 三公 决算数 cells are blank (p18): said, not drawn as a change
    assert "2024年部门决算的“三公”经费在表中没有金额。" in shown
