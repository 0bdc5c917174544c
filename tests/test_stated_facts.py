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
