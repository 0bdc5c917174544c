"""What a reader meets on the pages, fixed where it misread or could not be read whole (helper face6, 2026-12-07).
Every value below was read off the published PDF (`pdftotext -layout -f N -l N`, pages as the PDF viewer counts them)
or the text export's lines."""

from __future__ import annotations

from tests.test_app import open_page

CAIZHENG_FINAL = "shanghai_putuo_caizhengju_2024_bumen_juesuan"
WANLI_2024 = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"


def metrics(app) -> dict[str, tuple[str, str | None, str]]:
    return {m.label: (m.value, m.delta, m.proto.help) for m in app.metric}


def test_a_share_worked_out_from_the_text_is_not_shown_as_a_printed_figure():
    # 财政局 2024 决算 p18 (财政拨款“三公”经费支出决算表): the 决算数 of the 合计 is blank; p23: “三公”经费财政拨款支出
    # … 支出决算为0.00万元. p15 (一般公共预算财政拨款支出决算表) 合计 基本支出 2,336.91; p17 公用经费合计 184.65.
    # The page showed 占基本支出 0.00% in the metric's type, a share the document prints nowhere, from a blank cell.
    shares = metrics(open_page("pages/three_public.py", doc=CAIZHENG_FINAL))
    value, note, help_text = shares["占基本支出"]
    assert value == "无法按表计算"
    assert note == "按文字说明所述 0.00 万元 ÷ 基本支出 2,336.91 万元 推算为 0.00%"
    assert "原表这一格空白；文字说明（第 23 页）所述 0.00 万元" in help_text and "本程序计算" in help_text
    value, note, _ = shares["占公用经费"]
    assert (value, note) == ("无法按表计算", "按文字说明所述 0.00 万元 ÷ 公用经费合计 184.65 万元 推算为 0.00%")
    assert not any(value.endswith("%") for value, _, _ in shares.values())


def test_a_share_computed_from_two_printed_amounts_says_so_and_from_what():
    # 万里街道 2024 p31 (部门“三公”经费和机关运行经费预算表, 单位：万元): “三公”经费 47.91; p26 (2024年部门一般公共预算
    # 支出功能分类预算表, 单位：元) 合计 基本支出 99,706,020 = 9,970.6020 万元; p30 (基本支出经济分类) 合计 公用经费
    # 11,168,569 = 1,116.8569 万元. 47.91 ÷ 9,970.6020 = 0.48%, 47.91 ÷ 1,116.8569 = 4.29%.
    shares = metrics(open_page("pages/three_public.py", doc=WANLI_2024))
    assert shares["占基本支出"][:2] == ("0.48%", "本程序计算：47.91 ÷ 基本支出 9,970.6020 万元")
    assert shares["占公用经费"][:2] == ("4.29%", "本程序计算：47.91 ÷ 公用经费 1,116.8569 万元")
