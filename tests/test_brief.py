"""The council briefing read back: its text extracted from the PDF (pypdfium2) holds the documents' real figures
with their sources; 2-4 A4 pages; the CJK font embedded as a subset; offered on the overview. How long a brief takes to
build is measured by scripts/bench_brief.py (`--at-most 2`), not here: a timed test fails when the machine is busy."""

from __future__ import annotations

import dataclasses
import os
import random
import re
from collections import Counter
from decimal import Decimal

import polars as pl
import pypdfium2 as pdfium
import pytest

from budgetlens import brief, brief_content
from budgetlens.__main__ import main
from budgetlens.store import load_snapshot
from components import data as app_data
from tests.conftest import ROOT, SNAPSHOTS
from tests.test_app import open_page

SEED = "hongshan_kejingju_2023"
JIANGSU = "jiangsu_jianchayuan_2018_bumen_yusuan"
PUTUO = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"
WANLI_2023 = "shanghai_putuo_wanlijiedao_2023_bumen_yusuan"
A4_POINTS = (595.28, 841.89)


def _text(data: bytes) -> tuple[str, pdfium.PdfDocument]:
    document = pdfium.PdfDocument(data)
    pages = [page.get_textpage().get_text_range() for page in document]
    return "\n".join(p.replace("\r\n", "\n") for p in pages), document


@pytest.fixture(scope="module")
def briefs() -> dict[str, tuple[bytes, str]]:
    built = {}
    for doc_id in (SEED, JIANGSU, PUTUO):
        data = brief.brief_pdf(SNAPSHOTS, doc_id)
        built[doc_id] = (data, _text(data)[0])
    return built


def flat(text: str) -> str:
    """The text without line breaks: a cell wrapped over lines reads whole when no neighbour cell wraps too."""
    return re.sub(r"\s*\n\s*", "", text)


def test_seed_brief_states_its_figures_with_lines(briefs):
    text = briefs[SEED][1]
    assert "武汉市洪山区科学技术和经济信息化局 2023 年部门预算简报" in text
    # line 246 (附表1-5's 合计 21,225.47 | 1,349.59 | …), the total 概览 shows too
    assert "支出总计 21,225.47 21,225.47 万元 附表1-5 一般公共预算支出表 第 246 行" in text
    assert "“三公”经费 4.40 4.40 万元 附表1-7 财政拨款“三公”经费支出表 第 333 行" in text
    # the change the document states itself: 2022 from 附表1-13
    assert "支出总计 24,789.30 21,225.47 −3,563.83 −14.38%" in text
    compact = flat(text).replace(" ", "")  # where a cell wraps depends on its neighbours: compared without spaces
    assert "本年：附表1-5一般公共预算支出表第246行；上年：附表1-13部门总体资金情况第434行" in compact
    # line 2273: “三公”经费预算 4.4 万元，比 2022 年预算增加 0 万元 (a canonical narrative figure, as on a PDF)
    assert "“三公”经费 4.40 文件说明：比上年持平" in text
    assert "　公务用车运行费 4.40 文件说明：比上年持平" in text  # line 2281
    # line 2106: 2022年下达市级新两园奖补资金447万元: allocated (下达), not budgeted
    assert "新两园奖补资金 180.00 447.00（下达） 附表1-14 项目支出绩效目标表 第 2100 行" in text
    assert "项目：新两园奖补资金 447.00 180.00 −267.00 −59.73% 文件自列上年下达数" in flat(text)
    # its projects, with 附表1-14's lines; the one that changed most
    assert "科学技术研究与开发资金 18,000.00 23,000.00 附表1-14 项目支出绩效目标表 第 840 行" in text
    assert "变化最大的是“项目：科学技术研究与开发资金”：减少 5,000.00 万元" in text
    # the disagreements: 34 fail of 1,357 (1,320 pinned, 37 added); the 参公 units the 说明 counts and 第一部分 does not
    assert "1358 项，34 项对不上（同一原因的归并后为 16 处矛盾）" in flat(text)
    # counts as the document states them (第 2315 行 下属3家…, 第 85 行 …单位 0 个), not as money: 3 家, not 3.00 家
    assert "事业单位：3家（第2315行" in compact and "+3 家" in text
    assert "参照公务员法管理事业单位：0家（第85行）" in compact
    assert "206 科学技术支出" in text and "19,035.12（89.68%）" in text


def test_jiangsu_brief_against_its_2017_document(briefs):
    text = briefs[JIANGSU][1]
    assert "支出总计 21,955.35 21,955.35 万元 公开03表：支出预算总表 第 15 页" in text
    assert "“三公”经费 484.30 484.30 万元" in text
    assert "本节数字均出自：公开09表：一般公共预算“三公”经费、会议费、培训费支出预算表 第 19 页" in text
    # the document's own statement (3,958.98 more than 2017) beside the 2017 document's own figure, named as p28
    # names it (省检察院2018年一般公共预算财政拨款支出预算21,940.96万元，与上年相比增加3,958.98万元，增长22%), its
    # rate as printed: 22%, not 22.02% computed from its amounts
    compact = flat(text).replace(" ", "")
    assert "一般公共预算财政拨款支出预算17,981.9821,940.96+3,958.98+22%文件说明正文第28页" in compact
    assert "财政拨款支出总计" not in text
    # p23: 收入、支出预算总计21,955.35万元，与上年相比收、支预算总计各增加3,958.67万元，增长21.95%: the printed rate,
    # and ours from its amounts under it (3,958.67 ÷ 17,996.68 = 22.00%, the narrative.percentages failure)
    assert "支出预算总计 17,996.68 21,955.35 +3,958.67 +21.95% ⚠\n算得 +22.00% 文件说明 正文 第 23 页" in text
    assert "支出总计 17,996.68 21,955.35 +3,958.67 +22.00% 本库 2017 年文件 三、支出预算总表 第 11 页" in text
    # p28–29 of 2018: 因公出国（境）费 100 万元 "与上年预算数相等"; the 2017 document's own table (p16) prints 110.00
    assert "因公出国（境）费 100.00 文件说明：比上年持平；2017 年文件：110.00" in text
    # p29: 公务用车运行维护费预算支出 267.8 万元，与上年预算数一致; 会议费预算支出 200.44 万元，比上年预算数增加 32.44
    assert "公务用车运行费 267.80 文件说明：比上年持平；2017 年文件：267.80" in text
    assert "会议费 200.44 文件说明：比上年增加 32.44；2017 年文件：168.00" in text
    assert "“文件说明”的比较出自正文 第 28、29 页。" in text
    assert "204 公共安全支出" in text and "16,444.36（74.95%）" in text
    # p23 and p26 state percentages their own amounts do not give (tests/test_canonical_checks.py)
    assert "3 项对不上（同一原因的归并后为 3 处矛盾）" in flat(text)
    assert "本文件没有逐个列出项目的预算" in text


def test_putuo_brief_shows_its_failing_check_about_the_three_public_note(briefs):
    text = briefs[PUTUO][1]
    assert "支出总计 15,621.1123 156,211,123 元 2024年部门支出预算总表 第 20 页" in text  # printed in 元
    assert "15,621.11" in text
    # ⚠ as 概览 marks it: the failing check below disputes this very cell
    assert "“三公”经费 ⚠ 47.91 47.91 万元 部门“三公”经费和机关运行经费预算表 第 31 页；表下" in text
    # its one failing check: the note says the 三公 table is empty, the table prints 47.91
    assert "表下注明本表为空" in text and "表下的注：注:本部门2024年无“三公”经" in text
    assert "费和机关运行经费预算，故本表为空表。" in text
    assert "表中的非零金额：6 个：合计 47.91、公务" in text and "表 第 31 页）" in text
    # the change the document states (比2023年预算增加25万元, 正文 第 32 页) and the 2023 document's own figure
    # p32 names it “三公”经费预算数 (2024年“三公”经费预算数为47.91万元，比2023年预算增加25万元)
    assert "“三公”经费预算数 22.91 47.91 +25.00 +109.12% 文件说明 正文 第 32 页" in text
    assert "“文件说明”的比较出自正文 第 32 页。" in text
    # the same disputed cells carry ⚠ wherever the brief shows them, with what the check sets against them once:
    # 二 (against the 2023 document's p28 22.91) and 三 (p31's lines; 因公出国 prints 0.00, not in dispute)
    assert "“三公”经费 ⚠ 22.91 47.91 +25.00 +109.12% 本库 2023 年文件" in text
    assert "运行经费预算表 第 28 页；本年47.91：表下注明本表为空（或无此类预算）的表，不列出非零金额" in flat(text)
    assert "“三公”经费 ⚠ 47.91 文件说明：比上年增加 25.00；2023 年文件：22.91" in text
    assert "\u3000公务接待费 ⚠ 1.35 文件说明：比上年持平；2023 年文件：1.35" in text
    assert "\u3000因公出国（境）费 0.00 文件说明：比上年持平" in text
    assert "机关运行经费 ⚠ 443.18 2023 年文件：786.09" in text
    assert (
        "标 ⚠ 的数字，文件自身对不上：“三公”经费 47.91、公务用车购置及运行费 46.56、公务用车购置费 25.00、"
        "公务用车运行费 21.56、公务接待费 1.35、机关运行经费 443.18："
        "表下注明本表为空（或无此类预算）的表，不列出非零金额。"
    ) in flat(text)


def test_pdf_project_forms_in_the_brief_one_path_with_the_seed():
    """万里街道 2023: five 财政项目支出绩效目标填报表 (pages 31-35), each form's 年度资金申请总额 in 元 (p35:
    公共服务设施运行经费 10,903,043.00 元 = 1,090.3043 万元); the forms print no earlier year, and the brief says so."""
    content = brief_content.build_brief(load_snapshot(SNAPSHOTS / WANLI_2023), SNAPSHOTS)
    projects = next(s for s in content.sections if s.title == "五、项目")
    assert projects.table.headers == ("项目名称", "2023 年（万元）", "出处")
    assert projects.table.rows[0] == ("公共服务设施运行经费", "1,090.3043", "财政项目支出绩效目标填报表 第 35 页")
    assert "本文件列出 5 个项目，2023 年预算合计 3,351.3343 万元；按金额从大到小列出前 5 个。" in projects.paragraphs
    assert any("项目表没有写出上年数" in note for note in projects.notes)


def _amount_of(cell: str) -> Decimal | None:
    """A table cell's amount (3,121.42058 → Decimal), None for a cell that is not one."""
    try:
        return Decimal(cell.replace(",", "").replace("−", "-"))
    except ArithmeticError:
        return None


def test_every_document_brief_holds_its_catalogue_headline():
    """All seven documents: the catalogue's total and 三公, written as the brief writes them, are in its text."""
    catalogue = pl.read_parquet(SNAPSHOTS / "catalogue.parquet")
    for row in catalogue.iter_rows(named=True):
        content = brief_content.build_brief(load_snapshot(SNAPSHOTS / row["doc_id"]), SNAPSHOTS)
        cells = [cell for s in content.sections if s.table for r in s.table.rows for cell in r]
        amounts = {_amount_of(cell) for cell in cells}
        assert row["total_wan"] in amounts, row["doc_id"]
        assert row["three_public_wan"] in amounts, row["doc_id"]
        assert 2 <= len(content.sections[0].table.rows[0]) <= 4


@pytest.mark.parametrize("doc_id", [SEED, JIANGSU, PUTUO])
def test_pages_size_and_font(briefs, doc_id):
    data = briefs[doc_id][0]
    document = pdfium.PdfDocument(data)
    assert 2 <= len(document) <= 4
    for page in document:
        assert page.get_size() == pytest.approx(A4_POINTS, abs=0.5)
    # Noto Sans CJK SC embedded as a subset (a six-letter tag before its name), its CFF outlines as FontFile3
    assert re.search(rb"/BaseFont /[A-Z]{6}\+NotoSansCJKSC", data)
    assert b"/FontFile3" in data
    assert len(data) < 400_000


def test_each_brief_is_titled_with_its_own_document(briefs):
    """Each brief's first page names the document it was asked for (its manifest's department, year and kind), and
    no other of the three. (Its build time: scripts/bench_brief.py --at-most 2.)"""
    for doc_id, (data, _) in briefs.items():
        manifest = load_snapshot(SNAPSHOTS / doc_id).manifest
        first_page = pdfium.PdfDocument(data)[0].get_textpage().get_text_range()
        assert f"{manifest['department_name']} {manifest['budget_year']} 年{manifest['kind']}简报" in first_page, doc_id
        others = [load_snapshot(SNAPSHOTS / other).manifest["department_name"] for other in briefs if other != doc_id]
        assert not any(name in first_page for name in others), doc_id


def test_amount_keeps_every_digit_and_a_true_minus():
    assert brief_content.amount(Decimal("15621.112300")) == "15,621.1123"
    assert brief_content.amount(Decimal("4.4")) == "4.40"
    assert brief_content.amount(Decimal("-3563.83")) == "−3,563.83"
    assert brief_content.signed_amount(Decimal("25")) == "+25.00"
    assert brief_content.amount(None) == "—"


def test_missing_font_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv(brief.FONT_ENV, str(tmp_path / "missing.ttc"))
    with pytest.raises(brief.BriefFontError, match="fonts-noto-cjk"):
        brief.brief_pdf(SNAPSHOTS, JIANGSU)
    assert main(["brief", JIANGSU, "--out", str(tmp_path / "x.pdf")]) == 1
    assert not (tmp_path / "x.pdf").exists()


def test_command_line_writes_the_brief(tmp_path, capsys):
    out = tmp_path / "brief.pdf"
    assert main(["brief", PUTUO, "--out", str(out), "--snapshots", str(SNAPSHOTS)]) == 0
    assert "47.91" in _text(out.read_bytes())[0]
    assert "wrote" in capsys.readouterr().out
    assert main(["brief", "no_such_document", "--out", str(tmp_path / "y.pdf")]) == 1


@pytest.mark.parametrize("doc_id", [SEED, PUTUO])
def test_overview_offers_the_brief_without_building_it(monkeypatch, doc_id):
    def refuse(*args, **kwargs):
        raise AssertionError("the brief must be built on click, not on a page run")

    monkeypatch.setattr(brief, "render_pdf", refuse)
    app = open_page("pages/overview.py", doc=doc_id)
    assert not app.error, [e.value for e in app.error]
    labels = [button.proto.label for button in app.get("download_button")]
    assert "下载简报（PDF）" in labels


FINALS = ("shanghai_putuo_caizhengju_2024_bumen_juesuan", "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan")


@pytest.fixture(scope="module")
def final_briefs() -> dict[str, str]:
    return {doc_id: _text(brief.brief_pdf(SNAPSHOTS, doc_id))[0] for doc_id in FINALS}


def test_final_account_brief_states_execution_gaps_reasons_and_three_public(final_briefs):
    """财政局 2024 决算, values read off its rendered pages 10, 15, 18, 21, 22, 23."""
    text = final_briefs[FINALS[0]]
    assert "上海市普陀区财政局 2024 年部门决算简报" in text
    # p21: 本年支出合计2940.05万元; its 收入支出总计 is 2995.39, so 2,940.05 is not called 支出总计
    # p10's 合计 prints 2,940.05, its 类 rows add to 2,940.06: ⚠ with the other side, as 概览 says it
    assert "本年支出合计（决算数） ⚠ 2,940.05 2,940.05 万元 支出决算表 第 10 页；与各类之和 2,940.06 万元相差 0.01" in (
        text
    )
    assert "其中：项目支出 603.14 603.14 万元 支出决算表 第 10 页" in text  # undisputed: no mark
    assert "支出总计（决算数）" not in text.replace("本年支出合计（决算数）", "")
    assert "“三公”经费 原表空白 （空白） 财政拨款“三公”经费支出决算表 第 18 页" in text  # the 决算数 cell, blank
    # page 21: 年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%
    assert (
        "年初预算 2,993.92 万元（说明 第 21 页）；决算数 2,940.05 万元（一般公共预算财政拨款支出决算表 第 15 页）"
        in text
    )
    assert "计算为 98.20%，文件写 98.20%" in text  # a rate we compute: two places
    # the largest gap first: 行政运行 1,560.05 (page 22) against 1,511.89 (page 15), with its reason
    assert "2010601 行政运行 1,560.05 1,511.89 −48.16 96.91%" in text
    assert "人员进出及退休变化" in flat(text)
    assert "“三公”经费 0.95 原表空白 预算 0.95，决算 0.00，完成 0%，说明 第 23 页" in text  # pages 18 and 23
    assert not re.search(r"公开\d+表|附表\d", text)  # no schedule number written


def test_final_account_brief_with_stated_rates(final_briefs):
    """规划和自然资源局 2024 决算: page 23 (城乡社区规划与管理 3110.14 → 2739.56, 88.08%), page 17 (三公 2.85, 0.39)."""
    text = flat(final_briefs[FINALS[1]])
    assert "2120201城乡社区规划与管理3,110.142,739.56−370.5888.08%88.08%" in text.replace(" ", "")
    assert "“三公”经费 2.85 0.39 预算 2.85，决算 0.39，完成 13.68%，说明 第 25 页" in final_briefs[FINALS[1]]


def test_a_final_account_s_disputed_three_public_cell_is_marked_where_the_brief_shows_it():
    """财政局 2024 决算 p18 prints the 三公 total's 预算数 0.95 and no check disputes it; a failing check citing that
    cell (as one would on a document whose parts do not add up) puts ⚠ on its row and says the check once."""
    final = load_snapshot(SNAPSHOTS / FINALS[0])
    cell = final.table("three_public").filter(pl.col("item") == "three_public_total", pl.col("amount_wan") == 0.95)
    assert cell.height == 1 and cell["page"][0] == 18
    failing = final.table("checks").filter(pl.col("status") == "fail").head(1)
    check = failing.with_columns(
        pl.lit("test.three_public_parts").alias("rule_id"),
        pl.lit(Decimal("0.95")).cast(failing["expected"].dtype).alias("expected"),
        pl.lit(Decimal("0.96")).cast(failing["actual"].dtype).alias("actual"),
        pl.lit(Decimal("0.01")).cast(failing["difference"].dtype).alias("difference"),
        pl.lit("万元").alias("unit"),
        pl.lit("合计").alias("expected_label"),
        pl.lit("各项之和").alias("actual_label"),
    )
    cells = final.table("check_cells")
    placed = cells.head(1).with_columns(
        pl.lit("test.three_public_parts").alias("rule_id"),
        pl.lit(check["instance"][0]).alias("instance"),
        pl.lit("expected").alias("side"),
        pl.lit(18).cast(cells["page"].dtype).alias("page"),
        pl.Series("box", [cell["box"][0]], dtype=cells["box"].dtype),
    )
    tables = {
        **final.tables,
        "checks": pl.concat([final.table("checks"), check]),
        "check_cells": pl.concat([cells, placed]),
    }
    sections = brief_content.build_brief(dataclasses.replace(final, tables=tables)).sections
    three = next(section for section in sections if "“三公”经费：预算数与决算数" in section.title)
    assert three.table.rows[0][:3] == ("“三公”经费", "0.95 ⚠", "原表空白")  # the 预算数 cell, not its 决算数
    assert three.table.rows[-1][0] == "\u3000公务接待费"  # 0.95 too, in another cell: not marked
    assert three.notes == ("标 ⚠ 的数字，文件自身对不上：“三公”经费 预算数 0.95：与各项之和 0.96 万元相差 0.01 万元。",)
    plain = brief_content.build_brief(final).sections
    assert not next(section for section in plain if "“三公”经费：" in section.title).notes


def test_the_brief_marks_the_function_classes_as_overview_does():
    """规划和自然资源局 2024 决算 p14 (rendered at 80 dpi): 212 城乡社区支出 3832.36 = 基本 1572.70 + 项目 2259.65 makes
    3,832.35; 210 卫生健康支出 236.64, which the narrative states as 236.63 (checks pin both)."""
    sections = brief_content.build_brief(load_snapshot(SNAPSHOTS / FINALS[1])).sections
    classes = next(section for section in sections if section.title.endswith("支出按功能分类（类）"))
    labels = [bar.label for bar in classes.bars]
    assert labels == [
        "220 自然资源海洋气象等支出",
        "⚠ 212 城乡社区支出",
        "208 社会保障和就业支出",
        "221 住房保障支出",
        "⚠ 210 卫生健康支出",
    ]
    assert classes.notes[-1].startswith(
        "标 ⚠ 的数字，文件自身对不上：212 城乡社区支出 3,832.36：与基本支出 + 项目支出 3,832.35 万元相差 0.01 万元；"
    )


def test_final_account_brief_lists_the_stated_changes_from_the_year_before(final_briefs):
    """A 决算's 与上年相比, each row named as its narrative names it. 财政局 p21:
    收入支出总计2995.39万元 … 减少56.95万元，下降1.87%; 一般公共预算财政拨款支出2940.05万元 … 减少63.14万元，
    下降2.10%. 规划和自然资源局 p20: 收入支出总计9859.38 … 增加1062.85万元，增长12.08%; 财政拨款收入支出总计
    9746.50 … 增加1193.20万元，增长13.95%; p25 三公 减少0.15万元，下降（增长）27.78%; p27 机关运行经费支出
    142.80万元，比2023年度减少13.52万元，下降8.65%."""
    finance, planning = (flat(final_briefs[doc_id]) for doc_id in FINALS)
    assert "二、与上年相比" in finance and "二、与上年相比" in planning
    assert "收入支出总计 3,052.34 2,995.39 −56.95 −1.87% 文件说明 正文 第 21 页" in finance
    # p21 states 财政拨款收入支出总计 0.3万元; p13's table prints 2961.68: both figures beside the ⚠
    said = "财政拨款收入支出总计⚠— 0.30 0.00 — 文件说明正文 第 21 页；与第 13 页的财政拨款收入支出决算总表 2,961.68"
    assert said + "万元不符" in finance
    assert "一般公共预算财政拨款支出 3,003.19 2,940.05 −63.14 −2.10% 文件说明 正文 第 21 页" in finance
    assert "收入支出总计 8,796.53 9,859.38 +1,062.85 +12.08% 文件说明 正文 第 20 页" in planning
    assert "财政拨款收入支出总计 8,553.30 9,746.50 +1,193.20 +13.95% 文件说明 正文 第 20 页" in planning
    assert "“三公”经费财政拨款支出决算数 0.54 0.39 −0.15 −27.78% 文件说明 正文 第 25 页" in planning
    assert "机关运行经费支出 156.32 142.80 −13.52 −8.65% 文件说明 正文 第 27 页" in planning
    for text in (finance, planning):  # the sections after it renumbered, in order
        titles = ("一、总体", "二、与上年", "三、预算执行", "四、“三公”", "五、支出按", "六、文件自身")
        places = [text.index(title) for title in titles]
        assert places == sorted(places)


def test_the_disagreements_count_checks_as_items_throughout():
    """规划和自然资源局 2024 决算: 16 checks fail (项), grouped into 13 contradictions (处); the table lists checks and
    the small ones are counted as checks too, so what is listed and what is left add up to the 16."""
    content = brief_content.build_brief(load_snapshot(SNAPSHOTS / FINALS[1]), SNAPSHOTS)
    section = content.sections[-1]
    intro = section.paragraphs[0]
    failing = int(re.search(r"(\d+) 项对不上", intro).group(1))
    assert re.search(r"归并后为 \d+ 处矛盾", intro)
    listed = int(re.search(r"差额最大的 (\d+) 项核对", section.paragraphs[1]).group(1))
    assert listed == len(section.table.rows)
    left = sum(int(n) for note in section.notes for n in re.findall(r"(?:另有|其余) (\d+) 项", note))
    assert listed + left == failing
    assert not any(re.search(r"(?:另有|其余) \d+ 处", note) for note in section.notes)


# ---------------------------------------------------------------- the seed's brief pinned

NUMBER = re.compile(r"[−+-]?\d[\d,]*(?:\.\d+)?%?")
SCHEDULE_NUMBER = re.compile(r"附表\d+(?:-\d+)?")
SEED_GOLDEN = ROOT / "tests" / "golden" / "brief" / f"{SEED}.txt"
# Numbers of the pinned seed brief that may go, each with why. The headline's source is now the 概览 page's
# (overview_queries.headline): 附表1-5 line 246, which prints the same total split into 人员经费 and 公用经费, where
# the brief cited 附表1-3 line 164 for the total, basic and project rows.
# Numbers of the pinned seed brief that may go, each with why: the headline's source is now the 概览 page's
# (overview_queries.headline), 附表1-5's 合计 on line 246, which prints the same total split into 人员经费 and 公用经费,
# where the brief cited 附表1-3's 合计 on line 164 for the total, basic and project rows. And the library is asked
# for the year before only (overview_queries.library_prior), so the brief says it holds no 2022 document of the
# department where it said none "2023 年以前".
# The seed's check count and its not-applicable count rose by one each (1,357 → 1,358, 26 → 27) when
# narrative.executed_change joined the rules: the seed's narrative is not read as running text, so it says why.
# One rule for numbers (budgetlens/formatting.py): a change's rate carries its sign as on the pages (73.57% → +73.57%)
# and a share we compute has two places (the 三公 share of the total, 0.021% → 0.02%). A count prints as the document
# states it (lines 85, 499, 506, 2315: 0 个, 6个, 5个, 3家), not as money: the four count checks' 0.00 家 → 0 家,
# 3.00 → 3, +3.00 → +3, 6.00 个 → 6 个, 5.00 → 5, −1.00 → −1 (each twice: 家 and 个, two goals).
SEED_NUMBERS_GONE = {
    **{"164": 3, "2023": 1, "1357": 1, "26": 1, "73.57%": 1, "0.021%": 1},
    **{"0.00": 2, "3.00": 2, "+3.00": 2, "6.00": 2, "5.00": 2, "−1.00": 2},
}


def brief_lines(content) -> list[str]:
    """The brief's content as it is drawn, one line per title, paragraph, table row, bar and note."""
    lines = [content.title, content.subtitle]
    for section in content.sections:
        lines += [section.title, *section.paragraphs]
        if section.table is not None:
            lines += [" | ".join(section.table.headers), *(" | ".join(row) for row in section.table.rows)]
        lines += [f"{bar.label} | {bar.text}" for bar in section.bars]
        lines += list(section.notes)
    return lines


def numbers(lines: list[str]) -> Counter:
    """Every number in the lines but the schedule numbers (附表1-5: which schedule is said from `schedules`)."""
    return Counter(n for line in lines for n in NUMBER.findall(SCHEDULE_NUMBER.sub("", line)))


def test_seed_brief_keeps_every_number_of_its_pinned_text():
    """The seed's brief as it was before it read only the canonical model (tests/golden/brief): every number in it
    (amounts, rates, counts, line numbers) is still in it, as often, but for SEED_NUMBERS_GONE; an UPDATE_GOLDEN
    run rewrites the pin only when asked."""
    content = brief_content.build_brief(load_snapshot(SNAPSHOTS / SEED), SNAPSHOTS)
    now = brief_lines(content)
    if os.environ.get("UPDATE_GOLDEN"):
        SEED_GOLDEN.write_text("\n".join(now) + "\n", encoding="utf-8")
    pinned = numbers(SEED_GOLDEN.read_text(encoding="utf-8").splitlines())
    missing = pinned - numbers(now)
    assert missing == Counter(SEED_NUMBERS_GONE), missing


def test_brief_reads_only_the_canonical_model():
    """What the brief says is built from the canonical tables: no branch on the format, no read of the text export's
    own schedules (s07_…, s13_…, s14_…) or of its queries, no schedule number written in the code."""
    for path in ("budgetlens/brief_content.py", "budgetlens/brief.py", "components/brief_download.py"):
        code = (ROOT / path).read_text(encoding="utf-8")
        for word in ("is_pdf", "_is_text", "s07_", "s13_", "s14_", "budgetlens.queries", "budgetlens.changes", "附表"):
            assert word not in code, (path, word)


def test_seed_brief_names_tables_as_its_schedules_table_does():
    """The seed without its own schedules (only the canonical tables left) and with its tables numbered otherwise in
    `schedules`: the brief says what it said, naming each table by the number `schedules` gives it."""
    seed = load_snapshot(SNAPSHOTS / SEED)
    schedules = seed.table("schedules").with_columns(pl.col("number_printed").str.replace("附表1-", "表"))
    canonical = {name: t for name, t in seed.tables.items() if not re.match(r"s\d\d_", name)}
    renamed = dataclasses.replace(seed, tables={**canonical, "schedules": schedules})
    lines = brief_lines(brief_content.build_brief(renamed, SNAPSHOTS))
    assert "支出总计 | 21,225.47 | 21,225.47 万元 | 表5 一般公共预算支出表 第 246 行" in lines
    assert "新两园奖补资金 | 180.00 | 447.00（下达） | 表14 项目支出绩效目标表 第 2100 行" in lines
    assert "附表1-1" not in "\n".join(lines[:-20])  # the checks' own labels (last section) are the rules' words
    numbered_back = [re.sub(r"(^|[ ：，；（])表(\d+) ", r"\1附表1-\2 ", line) for line in lines]
    assert numbered_back == brief_lines(brief_content.build_brief(seed, SNAPSHOTS))


def test_brief_follows_a_stated_three_public_change_and_a_missing_one():
    """Every 三公 line of the seed is stated unchanged (lines 2273-2283: 比 2022 年预算增加 0 万元); were the running
    cost's stated change 0.50 (line 2281), and the reception's change not stated (line 2283):"""
    seed = load_snapshot(SNAPSHOTS / SEED)
    figures = seed.table("narrative_figures")
    running = pl.col("target") == "vehicle_operation"
    changed = figures.with_columns(
        pl.when(running)
        .then(pl.lit(Decimal("0.5")).cast(figures.schema["change_wan"]))
        .otherwise("change_wan")
        .alias("change_wan")
    ).filter(pl.col("target") != "reception")
    lines = brief_lines(
        brief_content.build_brief(dataclasses.replace(seed, tables={**seed.tables, "narrative_figures": changed}))
    )
    assert "　　公务用车运行费 | 4.40 | 文件说明：比上年增加 0.50" in lines
    assert "　公务接待费 | 0.00 | —" in lines


def test_a_pdf_form_with_an_earlier_year_shows_its_history_as_the_seed_does():
    """No corpus PDF form prints an earlier year; were 万里街道 2023's 公共服务设施运行经费 form (p35) to state 2022's
    money as 下达 (a project_funds row of year 2022, basis allocated, whatever its item is called), its brief would
    show the year as the seed's does: one path."""
    wanli = load_snapshot(SNAPSHOTS / WANLI_2023)
    funds = wanli.table("project_funds")
    this_year = funds.filter(pl.col("project") == "公共服务设施运行经费", pl.col("item") == "annual_total")
    earlier = this_year.with_columns(
        pl.lit(2022, pl.Int16).alias("year"),
        pl.lit("earlier_years_total").alias("item"),
        pl.lit("allocated").alias("basis"),
        pl.lit(Decimal("1000"), funds.schema["amount_wan"]).alias("amount_wan"),
    )
    widened = dataclasses.replace(wanli, tables={**wanli.tables, "project_funds": pl.concat([funds, earlier])})
    lines = brief_lines(brief_content.build_brief(widened, SNAPSHOTS))
    assert "项目名称 | 2023 年（万元） | 2022 年（万元） | 出处" in lines
    assert "公共服务设施运行经费 | 1,090.3043 | 1,000.00（下达） | 财政项目支出绩效目标填报表 第 35 页" in lines
    assert "各类工作经费 | 759.55 | 新增或未列 | 财政项目支出绩效目标填报表 第 34 页" in lines
    assert any(line.startswith("项目：公共服务设施运行经费 | 1,000.00 | 1,090.3043 | +90.3043") for line in lines)


def test_a_last_digit_disagreement_is_counted_not_called_rounding():
    """检察院 2017 p19 says "基本支出预算数为 12323.46 万元" and, lower on the same page, "基本支出 12323.48 万元":
    both to the cent, so no rounding explains it. The brief counts it among the small ones and names no cause."""
    content = brief_content.build_brief(load_snapshot(SNAPSHOTS / "jiangsu_jianchayuan_2017_bumen_yusuan"), SNAPSHOTS)
    notes = [note for section in content.sections for note in section.notes]
    assert "另有 1 项核对两边只差不超过 0.02 万元，网站“数据核对”页逐项列出。" in notes
    assert not any("四舍五入" in line for line in brief_lines(content))


def test_stated_changes_are_labelled_with_the_document_s_own_subject(briefs):
    """万里街道 2024 p6: 财政拨款收入15621.11万元，比2023年预算减少876.75万元 … 财政拨款支出预算15621.11万元，
    比2023年预算减少876.75万元: each row named as the page names it, not as our 财政拨款支出总计."""
    text = briefs[PUTUO][1]
    assert "财政拨款支出预算 16,497.86 15,621.11 −876.75 −5.31% 文件说明 正文 第 6 页" in text
    assert "财政拨款收入 16,497.86 15,621.11 −876.75 −5.31% 文件说明 正文 第 6 页" in text
    assert "财政拨款支出总计" not in text and "财政拨款收入总计" not in text


def kept_together(lines: list[str], spaced: list[bool] | None = None) -> list[str]:
    """brief.kept_spans on lines as a wrap cut them (`spaced[i]`: the wrap dropped a space before line i), as lines."""
    text, spans, at = "", [], 0
    for index, line in enumerate(lines):
        gap = " " if index and spaced and spaced[index] else ""
        text += gap + line
        at += len(gap)
        spans.append((at, at + len(line)))
        at += len(line)
    return [text[start:end] for start, end in brief.kept_spans(text, spans)]


def test_no_line_of_a_brief_starts_with_closing_punctuation(briefs):
    """A character wrap put a lone 。 (or ，) at a line's start; the brief breaks its lines itself (行首禁则)."""
    for doc_id, (_, text) in briefs.items():
        starts = [line for line in text.splitlines() if line[:1] in brief.NO_LINE_START]
        assert not starts, (doc_id, starts[:3])
    assert kept_together(["占支出总计的 2.21%", "。"]) == ["占支出总计的 ", "2.21%。"]  # % cannot lead either
    assert kept_together(["支出表 第 23 页", "；2023 年"]) == ["支出表 第 ", "23 页；2023 年"]


FIGURE_BREAK = re.compile(r"[0-9,.−]\n[0-9,.%]")  # a line ending in a figure's digit, the next going on with it


def test_no_figure_of_a_brief_is_cut_over_two_lines(briefs):
    """A character wrap cut figures in two (规划 2024 p.2: 5,364.|75 万元, 4|,884.09 万元; 万里 2024: 2|023 年): the
    brief moves a figure's head down to its tail, also where a moved % brings a digit with it (1.1|9 %)."""
    guihua = _text(brief.brief_pdf(SNAPSHOTS, "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"))[0]
    for doc_id, text in [*((doc_id, text) for doc_id, (_, text) in briefs.items()), ("guihua", guihua)]:
        assert not FIGURE_BREAK.findall(text), (doc_id, FIGURE_BREAK.findall(text)[:3])
    lines = guihua.splitlines()
    assert any("5,364.75 万元" in line for line in lines) and any("4,884.09 万元" in line for line in lines)
    assert kept_together(["财政拨款支出决算表：5,364.", "75 万元"]) == ["财政拨款支出决算表：", "5,364.75 万元"]
    assert kept_together(["16,497.86", "15,621.11"], [False, True]) == ["16,497.86", "15,621.11"]  # two figures


def test_the_download_is_named_after_the_document_not_our_folder():
    labels = {choice.doc_id: choice.label for choice in app_data.documents()}
    named = brief.brief_file_name(labels["shanghai_putuo_caizhengju_2024_bumen_juesuan"])
    assert named == "2024年决算_上海市普陀区财政局_简报.pdf"
    hostile = brief.brief_file_name('../../etc/passwd\n:*?"<>| ' + "局" * 300)
    assert hostile.endswith("_简报.pdf") and len(hostile) <= 80 + len("_简报.pdf")
    assert not any(c in hostile for c in '/\\:*?"<>| \n') and hostile.count(".") == 1


def test_a_budget_brief_lists_the_items_stated_against_last_year_s_execution():
    """万里街道 2023 pp6-9 state each item against 2022年当年预算执行数: p9 item 31 其他城乡社区支出 1450.00万元，
    2022年当年预算执行数为3853.06万元 … 比2022年预算执行数减少62.37% (the largest change); p6 item 3 45.41 against
    11.67, 增加314.82% where the amounts give 289.12%. The brief lists the largest apart from the changes against the
    year before's budget, said to be against 执行数."""
    content = brief_content.build_brief(load_snapshot(SNAPSHOTS / WANLI_2023), SNAPSHOTS)
    most = next(section for section in content.sections if section.title == "与上年预算执行数相比变化最大的科目")
    rows = [" | ".join(row) for row in most.table.rows]
    budget = next(section for section in content.sections if section.title == "变化最大的几项")
    assert budget.notes[0].endswith("各科目与上年预算执行数的比较见下一节。")
    assert rows[0] == (
        "城乡社区支出／其他城乡社区支出／其他城乡社区支出 | 3,853.06 | 1,450.00 | −2,403.06 | −62.37% | "
        "文件说明（比上年执行数） | 正文 第 9 页"
    )
    assert all("比上年执行数" in row for row in rows)
    assert "（不是 2022 年预算）" in most.paragraphs[0]
    executed = brief_content._executed_changes(load_snapshot(SNAPSHOTS / WANLI_2023))
    masses = next(c for c in executed if c.current == Decimal("45.41"))
    row = brief_content._change_table([masses]).rows[0]
    assert row[1:5] == ("11.67", "45.41", "+33.74", "+314.82% ⚠\n算得 +289.12%")


def test_breaking_lines_never_loses_or_repeats_a_character():
    """kept_spans moves cuts only: over strings of figures, spaces and punctuation at many widths (a review's fuzz
    found a paragraph's last 138 characters dropped where a moved cut was looked for again in the text)."""
    from fpdf import FPDF
    from fpdf.enums import WrapMode

    path, face = brief.font_setting()
    pdf = FPDF(format="A4", unit="mm")
    pdf.add_font("cjk", "", str(path), collection_font_number=face)
    pdf.add_page()
    randomly = random.Random(11)
    alphabet = list("0123456789,.−-+%。，、；：）” 万元占比年ABC")
    for _ in range(150):
        text = "".join(randomly.choice(alphabet) for _ in range(randomly.randint(0, 160)))
        pdf.set_font("cjk", size=randomly.choice([8, 9, 12]))
        padding = randomly.choice([(0, 0), brief.CELL_PADDING])
        broken = brief._broken(pdf, text, randomly.choice([15, 22, 40, 80, 180]), WrapMode, padding)
        assert re.sub(r"\s", "", broken) == re.sub(r"\s", "", text), text
    assert kept_together(["增长 1.19", "%，主要"], [False, True]) == ["增长 ", "1.19 %，主要"]
    assert kept_together(["预算总表 第 18", "页"], [False, True]) == ["预算总表 第 ", "18 页"]


def test_a_rate_in_the_briefs_disagreements_reads_as_printed(briefs):
    # 万里街道 2024 p9: 2024年预算安排352.67万元…增加0.53%, its rate against 350.35 (the table's 3,503,499 元)
    text = briefs[PUTUO][1]
    assert "0.53%" in text and "0.53 %" not in text and " %" not in text
