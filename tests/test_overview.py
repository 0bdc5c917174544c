"""概览 on every document, one layout over the canonical model: the headline's change from the year before as the
document states it beside the library's prior-year document, ⚠ on numbers a check disputes, and 本文件未列出… where
a document lacks an input. The values were read off the rendered PDF pages (`pdftoppm -r 100`, page numbers as the
PDF viewer counts them) or, for the text export, off its lines."""

from __future__ import annotations

from tests.conftest import DOC_ID
from tests.test_app import open_page, texts

WANLI_2024 = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"
JIANGSU_2018 = "jiangsu_jianchayuan_2018_bumen_yusuan"
CAIZHENG_FINAL = "shanghai_putuo_caizhengju_2024_bumen_juesuan"


def metrics(app) -> dict[str, tuple[str, str | None]]:
    return {m.label: (m.value, m.delta) for m in app.metric}


def test_wanli_2024_states_its_change_beside_the_library_s_2023_document():
    app = open_page("pages/overview.py", doc=WANLI_2024)
    shown = texts(app).replace("**", "")
    # p20: 合计 156,211,123 元; p6: 支出预算15621.11万元 … 比2023年预算减少876.75万元 → 2023: 16,497.86, −5.31%
    assert metrics(app)["预算总额（万元）"] == ("15,621.1123", "−5.31% 比 2023 年")
    assert (
        "2024 年预算总额 15,621.1123 万元（2024年部门支出预算总表 第 20 页，原文 156,211,123 元），"
        "比 2023 年减少 876.75 万元（2023 年 16,497.86 万元，由文字说明推算），−5.31%。"
    ) in shown
    # the library's 2023 document, p18: 合计 164,978,640 元 = 16,497.864 万元; 15,621.1123 − 16,497.864 = −876.7517
    assert "2023 年预算总额 16,497.864 万元；本年比 2023 年减少 876.7517 万元，−5.31%" in shown
    assert "本文件所述：文字说明（第 6 页）" in shown
    assert "两者所说的 2023 年数相差 0.004 万元" in shown  # 16,497.86 against 16,497.864: side by side
    assert "- 总预算比 2023 年减少 876.75 万元（−5.31%）。" in shown


def test_a_stated_change_of_another_total_is_not_the_headline_s():
    app = open_page("pages/overview.py", doc=JIANGSU_2018)
    shown = texts(app).replace("**", "")
    # p28 states 一般公共预算财政拨款支出预算21,940.96万元，与上年相比增加3,958.98万元: not the 21,955.35 total (p15)
    assert "比 2017 年增加 3,958.98 万元（2017 年" not in shown
    assert "文字说明（第 28 页）说财政拨款支出预算 21,940.96 万元，比 2017 年增加 3,958.98 万元" in shown
    # the library's 2017 document, p11 支出预算总表 合计 17,996.68; 21,955.35 − 17,996.68 = 3,958.67 (+22.00%)
    assert metrics(app)["预算总额（万元）"] == ("21,955.35", "+22.00% 比 2017 年")
    assert "2017 年预算总额 17,996.68 万元；本年比 2017 年增加 3,958.67 万元，+22.00%" in shown
    assert "本文件未列出 2017 年的预算总额或它与上年的比较；上面的比较来自文件库。" in shown


def test_the_seed_s_change_comes_from_its_1_13_prior_year_column():
    app = open_page("pages/overview.py", doc=DOC_ID)
    # line 434: 合计 21225.47 … 15317.66 24789.3 (2021, 2022); 21,225.47 − 24,789.30 = −3,563.83 (−14.38%)
    assert metrics(app)["预算总额（万元）"] == ("21,225.47", "−14.38% 比 2022 年")
    assert "文件库中" not in texts(app)  # the library holds no 2022 document of this department


def test_a_disputed_headline_number_is_marked():
    app = open_page("pages/overview.py", doc=CAIZHENG_FINAL)
    shown = texts(app).replace("**", "")
    # p10: 合计 2,940.05 while its 类 rows add to 2,940.06 (the check canonical.hierarchy fails on this cell)
    assert metrics(app)["决算总额（万元） ⚠"] == ("2,940.05", "")
    assert metrics(app)["项目支出（万元）"] == ("603.14", "")  # 603.14 = 603.14: not disputed, not marked
    assert "标 ⚠ 的数字有对不上的地方：查看核对" in [link.proto.label for link in app.get("page_link")]
    assert "本文件未列出 2023 年的决算总额或它与上年的比较，文件库中也没有本部门 2023 年的决算。" in shown
    assert "本文件未列出单位构成、编制和实有人数。" in shown
    assert "- “三公”经费：预算数 0.95，决算数（原表空白）" in shown  # p18
