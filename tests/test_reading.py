"""Read right before judging: each cause of a false alarm, on a copy of a corpus PDF changed in memory.

Every value asserted here was read off the rendered page (pypdfium2 at 100 dpi, looked at):
- 上海市财政局 2025 单位预算, page 7 (2025年预算单位财务收支预算总表, 单位：元): 支出总计 171,915,169 =
  人员经费 102,464,260 + 公用经费 25,177,779 + 项目支出 44,273,130, under 本年支出 / 预算数 / 合计 | 基本支出
  (人员经费 | 公用经费) | 项目支出; page 13-14 (一般公共预算支出功能分类预算表, 单位：元): 合计 171,915,169;
  page 6: "收入预算17,192万元，…事业收入0万元；事业单位经营收入0万元".
- 江苏省人民检察院 2018, page 24 ends "项目支出预算数为 5,573 万元。与上年相比增加 40" above the page
  number "24"; page 25 begins "万元，增长 0.72 %".
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from budgetlens.canonical.document import _pages, read_pages
from budgetlens.canonical.narrative import narrative_figures, narrative_text, page_furniture
from budgetlens.canonical.said import incomplete
from budgetlens.checks import canonical as canonical_checks
from budgetlens.pdf.page import Char, Page, TextLine, text_lines
from budgetlens.pdf.tables import PrintedCell, PrintedTable
from tests.conftest import ROOT, per_module

RAW = ROOT / "data" / "raw"
DANWEI = RAW / "shanghai_shi_caizhengju_2025_danwei_yusuan.pdf"
JIANGSU_2018 = RAW / "jiangsu_jianchayuan_2018_bumen_yusuan.pdf"
JIANGSU_2017 = RAW / "jiangsu_jianchayuan_2017_bumen_yusuan.pdf"


@pytest.fixture(scope=per_module)
def danwei_pages() -> tuple[list[Page], list[dict]]:
    pages, sources, _, _ = _pages([DANWEI])
    return pages, sources


def copy_pages(pages: list[Page]) -> list[Page]:
    return [dataclasses.replace(page, chars=[dataclasses.replace(c) for c in page.chars]) for page in pages]


def line_chars(page: Page, words: str) -> list[Char]:
    """The characters of the page's line holding `words`."""
    for line in text_lines(page.chars):
        if words in line.text:
            return list(line.chars)
    raise AssertionError(f"no line with {words!r} on page {page.number}")


def read(pages: list[Page], sources: list[dict], path: Path = DANWEI):
    return read_pages(pages, sources, path.stem, path)


def checks_of(document) -> pl.DataFrame:
    return canonical_checks.run(document.tables)[0]


def warnings_of(document, kind: str) -> list[dict]:
    return document.tables["reading_warnings"].filter(pl.col("kind") == kind).to_dicts()


# --- headers of two levels ---------------------------------------------------------------------------


def test_a_two_level_header_reads_personnel_and_public_as_parts_of_basic(danwei_pages):
    document = read(*danwei_pages)
    parts = checks_of(document).filter(pl.col("rule_id") == "canonical.columns_add_up")
    summary = parts.filter(pl.col("instance").str.contains("财务收支预算总表"))
    assert summary.filter(pl.col("status") == "fail").is_empty()
    total_row = summary.filter(pl.col("instance").str.contains("支出总计")).to_dicts()
    assert len(total_row) == 1
    # 合计 171,915,169 元 = 人员经费 + 公用经费 + 项目支出, not 人员经费 + 公用经费 (page 7).
    assert total_row[0]["expected_label"] == "personnel + public + project"
    assert total_row[0]["expected"] == Decimal("17191.5169") and total_row[0]["unit"] == "万元"
    assert total_row[0]["status"] == "pass"
    # The narrative's 支出预算 17,192 万元 (page 6) is compared with the 合计 column, not with 项目支出.
    narrative = checks_of(document).filter(
        (pl.col("rule_id") == "canonical.narrative") & pl.col("instance").str.contains("：支出预算")
    )
    assert narrative["status"].to_list() == ["pass"]


# --- the unit read per table ---------------------------------------------------------------------------


def test_a_unit_line_missed_is_inferred_from_a_total_10000_times_another(danwei_pages):
    pages, sources = danwei_pages
    changed = copy_pages(pages)
    page = changed[12]  # page 13: 一般公共预算支出功能分类预算表, "单位：元" at its top right
    unit_line = {id(c) for c in line_chars(page, "单位：元")}
    page.chars = [c for c in page.chars if id(c) not in unit_line or c.x0 < page.width / 2]  # 编制单位 kept
    document = read(changed, sources)
    schedules = document.tables["schedules"]
    table_id = schedules.filter(pl.col("title").str.contains("一般公共预算支出功能分类"))["table_id"][0]
    assert schedules.filter(pl.col("table_id") == table_id)["unit_printed"][0] is None
    total = document.tables["expenditure_by_function"].filter(
        (pl.col("table_id") == table_id) & (pl.col("level") == 0) & (pl.col("measure") == "total")
    )
    assert total["amount_wan"].to_list() == [Decimal("17191.5169")]  # 171,915,169 元, not 万元
    warning = [w for w in warnings_of(document, "unit") if w["table_id"] == table_id]
    assert len(warning) == 1 and warning[0]["page"] == 13 and "按“元”读" in warning[0]["message"]
    same = checks_of(document).filter(pl.col("rule_id") == "canonical.same_figure")
    assert same.filter(pl.col("status") == "fail").is_empty()


def test_two_printed_units_10000_apart_are_a_reading_warning(danwei_pages):
    pages, sources = danwei_pages
    changed = copy_pages(pages)
    page = changed[12]
    yuan = next(c for c in line_chars(page, "单位：元") if c.text == "元" and c.x0 > page.width / 2)
    width = yuan.x1 - yuan.x0
    page.chars.append(Char("元", yuan.x1, yuan.top, yuan.x1 + width, yuan.bottom))
    yuan.text = "万"  # "单位：万元": the table now says 万元 while its figures are the 元 of page 7
    document = read(changed, sources)
    table_id = document.tables["schedules"].filter(pl.col("title").str.contains("一般公共预算支出功能分类"))[
        "table_id"
    ][0]
    warning = [w for w in warnings_of(document, "unit") if w["table_id"] == table_id]
    assert len(warning) == 1
    assert "一万倍" in warning[0]["message"] and "171,915,169" in warning[0]["detail"]
    # both units printed: a warning that one is misread or misprinted, not a re-reading in 元 (which is for a table
    # printing no unit)
    assert "多半是单位读错或印错" in warning[0]["message"] and "上方没有印单位" not in warning[0]["message"]
    # it names both tables by page and printed title (items 5 and 1 of the contents on page 2)
    assert warning[0]["message"].startswith("第13页的表“2025年预算单位一般公共预算支出功能分类预算表”（单位：万元）")
    assert "恰是第7页的表“2025年预算单位财务收支预算总表”（单位：元）" in warning[0]["message"]


# --- page furniture out of the narrative -----------------------------------------------------------------


@pytest.fixture(scope=per_module)
def jiangsu_2018():
    pages, sources, _, _ = _pages([JIANGSU_2018])
    return read(pages, sources, JIANGSU_2018)


def test_a_page_number_after_a_broken_figure_is_not_glued_into_it(jiangsu_2018):
    text = jiangsu_2018.tables["text_lines"]
    # The page as printed: "…增加 40" at the foot of page 24, then its page number "24".
    assert text.filter(pl.col("page") == 24)["text"].to_list()[-1] == "24"
    printed = text.select("page", "text", "box").rows()
    lines = [(number, TextLine(line, *box, chars=())) for number, line, box in printed]
    joined = narrative_text(lines, page_furniture(lines))
    assert "项目支出预算数为5,573万元。与上年相比增加40万元，增长0.72%" in joined
    assert "4024" not in joined and "4024" in narrative_text(lines)  # as it was read before
    glued = warnings_of(jiangsu_2018, "glued_figure")
    assert [(w["page"], w["detail"].split(" | ")[1]) for w in glued] == [(24, "24")]


def test_a_page_number_placed_after_a_figure_that_breaks_across_pages(danwei_pages):
    """A modified copy: page 6's "收入预算17,192万元" broken as "收入预算17,1" at the page's foot, the page
    number "6" under it, and "92万元" on the next page."""
    pages, _ = danwei_pages
    page_lines: list[tuple[int, TextLine]] = []
    for page in pages[5:7]:
        page_lines += [(page.number, line) for line in text_lines(page.chars)]
    first = next(i for i, (_, line) in enumerate(page_lines) if "收入预算17,192万元" in line.text)
    number, line = page_lines[first]
    head, tail = line.text.split("17,192万元", 1)
    broken = [
        (number, dataclasses.replace(line, text=head + "17,1")),
        (number, dataclasses.replace(line, text="6", top=line.top + 500, bottom=line.bottom + 500)),
        (number + 1, dataclasses.replace(line, text="92万元" + tail, top=10, bottom=20)),
    ]
    figures = narrative_figures(broken, 2025, page_furniture(broken), reading := [])
    income = [f for f in figures if f["target"] == "income_total"]
    assert [f["amount_wan"] for f in income] == [Decimal("17192")]
    assert [w["kind"] for w in reading] == ["glued_figure"]
    # Without the furniture left out, the page number is read into the figure.
    glued = [f for f in narrative_figures(broken, 2025) if f["target"] == "income_total"]
    assert [f["amount_wan"] for f in glued] == [Decimal("171692")]  # "17,1" + "6" + "92万元"


# --- each figure bound to the label nearest before it --------------------------------------------------


def test_a_zero_of_a_later_clause_is_not_the_total(danwei_pages):
    """Page 6 with "事业收入0万元" changed to "（2）政府性基金 收入预算 0 万元" (spaced as some PDFs print it):
    the 0 is the 政府性基金's, and the total stays 17,192."""
    pages, _ = danwei_pages
    page_lines = [(pages[5].number, line) for line in text_lines(pages[5].chars)]
    changed = [
        (n, dataclasses.replace(line, text=line.text.replace("事业收入0万元", "（2）政府性基金 收入预算 0 万元")))
        for n, line in page_lines
    ]
    assert any("政府性基金 收入预算" in line.text for _, line in changed)
    figures = narrative_figures(changed, 2025)
    assert [f["amount_wan"] for f in figures if f["target"] == "income_total"] == [Decimal("17192")]
    # Read without the space, the 0 is named by 政府性基金收入预算: not the total either.
    unspaced = [
        (n, dataclasses.replace(line, text=line.text.replace("事业收入0万元", "（2）政府性基金收入预算0万元")))
        for n, line in page_lines
    ]
    assert [f["amount_wan"] for f in narrative_figures(unspaced, 2025) if f["target"] == "income_total"] == [
        Decimal("17192")
    ]


# --- who and what the document is ------------------------------------------------------------------------


def cover_with(pages: list[Page], before: str | None = None, glued: str | None = None, after: str | None = None):
    """A copy whose cover (page 1) has `before` printed above its title, `glued` stuck to the title's last
    character, or `after` printed on a line below it."""
    changed = copy_pages(pages)
    cover = changed[0]
    lines = text_lines(cover.chars)
    first, last_line = lines[0], next(line for line in lines if "预算" in line.text)
    last = last_line.chars[-1]
    size, height = last.x1 - last.x0, last.bottom - last.top
    if glued:
        for k, char in enumerate(glued):
            cover.chars.append(Char(char, last.x1 + k * size, last.top, last.x1 + (k + 1) * size, last.bottom))
    for text, top in ((before, first.top - 60), (after, last_line.bottom + 30)):
        if text:
            for k, char in enumerate(text):
                x0 = first.x0 + k * size
                cover.chars.append(Char(char, x0, top, x0 + size, top + height))
    return changed


@pytest.fixture(scope=per_module)
def jiangsu_2017_pages():
    pages, sources, _, _ = _pages([JIANGSU_2017])
    return pages, sources


@pytest.mark.parametrize(
    "change",
    [{"before": "-1-"}, {"glued": "1"}, {"after": "2017年2月24日"}, {"glued": "2017年2月24日"}],
    ids=["page_number_above", "page_number_glued", "date_below", "date_glued"],
)
def test_the_title_is_the_cover_s_not_a_page_number_or_a_date(jiangsu_2017_pages, change):
    pages, sources = jiangsu_2017_pages
    document = read(cover_with(pages, **change), sources, JIANGSU_2017)
    # Page 1 of the 2017 file: "江苏省人民检察院" / "2017 年部门预算".
    assert document.title == "江苏省人民检察院2017年部门预算"
    assert document.department_name == "江苏省人民检察院"


def test_a_file_of_tables_alone_takes_no_table_title_for_its_title(danwei_pages):
    pages, sources = danwei_pages
    tables_only = [dataclasses.replace(p, number=i + 1) for i, p in enumerate(copy_pages(pages)[6:])]
    document = read(tables_only, [{**sources[0], "pages": len(tables_only)}])
    assert "财务收支预算总表" not in document.title
    assert document.title == "上海市财政局2025年单位预算"  # composed: department, year, kind
    assert document.kind == "单位预算"  # from the tables' titles (2025年预算单位…)
    assert [w["kind"] for w in warnings_of(document, "title")] == ["title"]


# --- an incomplete document says so ---------------------------------------------------------------------


def test_a_table_the_contents_lists_and_the_file_lacks_is_missing(danwei_pages):
    pages, sources = danwei_pages
    complete = read(*danwei_pages)
    assert complete.missing_tables == []
    # Page 15 holds the 政府性基金预算支出功能分类预算表 alone (item 6 of the contents on page 2).
    without = [p for p in copy_pages(pages) if p.number != 15]
    document = read(without, sources)
    titles = [m["title"] for m in document.missing_tables]
    assert len(titles) == 1 and titles[0].startswith("6") and titles[0].endswith("政府性基金预算支出功能分类预算表")
    assert document.missing_tables[0]["page"] == 2
    assert [w["kind"] for w in warnings_of(document, "missing_table")] == ["missing_table"]
    # the warning names the table as the contents (page 2) prints it, and points at that line
    missing = warnings_of(document, "missing_table")[0]
    assert (missing["detail"], missing["page"]) == (titles[0], 2) and missing["box"] is not None
    assert missing["message"] == (f"目录列出的表“{titles[0]}”在文件中没有找到：这份文件不完整，或这张表未能读出。")
    # item 6's line on page 2 rendered at 80 dpi: from "6." at x 98 px to 表 at 489 px, y 348 to 362 px
    # (x 0.9 for points): about 88, 313, 440, 326
    for measured, seen in zip(missing["box"], (88, 313, 440, 326), strict=True):
        assert abs(measured - seen) <= 3, missing["box"]
    line = incomplete({"missing_tables": document.missing_tables})
    assert line is not None and "政府性基金预算支出功能分类预算表" in line and line.startswith("这份文件不完整")
    assert incomplete({"missing_tables": [], "unreadable_pages": []}) is None


def test_the_first_table_worded_apart_from_its_contents_entry_is_found_by_its_meaning(danwei_pages):
    # Page 7's table is titled 2025年预算单位财务收支预算总表, as item 1 of the contents on page 2 lists it. Titled
    # 2025年预算单位收支预算总表 instead (its 财务 dropped), it is the same summary table worded differently: found,
    # not missing, though it is the first table and the contents' first entry.
    pages, sources = danwei_pages
    changed = copy_pages(pages)
    page = changed[6]
    title = line_chars(page, "财务收支预算总表")
    dropped = [c for c in title if c.text in "财务"]
    assert "".join(c.text for c in dropped) == "财务"
    page.chars[:] = [c for c in page.chars if all(c is not d for d in dropped)]
    document = read(changed, sources)
    assert document.tables["schedules"]["title"][0] == "2025年预算单位收支预算总表"
    assert document.missing_tables == []


def test_a_contents_group_heading_numbered_with_a_gap_is_no_missing_table(danwei_pages):
    # Page 2's contents group its tables under 五、单位预算表 (a heading, no table). Printed as another file might
    # print it, "5.  2025年单位预算表" with a gap after the number (as items 1-8 here print theirs), the line reads
    # "5. 2025年单位预算表"; it is still the group's heading, not a table the file lacks.
    pages, sources = danwei_pages
    changed = copy_pages(pages)
    page = changed[1]
    heading = line_chars(page, "五、单位预算表")
    page.chars[:] = [c for c in page.chars if all(c is not h for h in heading)]
    first = heading[0]
    width, x = first.x1 - first.x0, first.x0
    for run in ("5.", "2025年单位预算表"):
        for ch in run:
            step = width / 2 if ch.isascii() else width
            page.chars.append(Char(ch, x, first.top, x + step, first.bottom))
            x += step
        x += 2 * width
    assert "5. 2025年单位预算表" in [line.text for line in text_lines(page.chars)]
    assert read(changed, sources).missing_tables == []


def test_a_page_pdfium_cannot_read_is_named_and_the_rest_is_read(monkeypatch):
    # page 4 of 上海市财政局 2025 单位预算 made unreadable (as a damaged page tree makes one): the file still reads,
    # its nine tables (pages 7 to 20) with it, and the page is named with its file, number and reason
    import budgetlens.canonical.document as document_module

    real = document_module._read_page

    def damaged(document, index, *rest):
        if index == 3:
            raise RuntimeError("page tree damaged")
        return real(document, index, *rest)

    monkeypatch.setattr(document_module, "_read_page", damaged)
    document = document_module.read_pdf_document([DANWEI], "danwei_damaged")
    assert document.unreadable_pages == [
        {"file": DANWEI.name, "page": 4, "page_in_file": 4, "reason": "RuntimeError: page tree damaged"}
    ]
    (warning,) = warnings_of(document, "unreadable_page")
    assert (warning["page"], warning["detail"]) == (4, "RuntimeError: page tree damaged")
    assert warning["message"] == f"{DANWEI.name} 第4页无法读取（文件已损坏）：这一页上的表和文字都没有读到。"
    assert document.tables["schedules"].height == 9


# --- two files, one document -------------------------------------------------------------------------------

WENJIAN = RAW / "jiangsu_shengwei_bangongting_2017_bumen_yusuan_wenjian.pdf"
BIAO = RAW / "jiangsu_shengwei_bangongting_2017_bumen_yusuan_biao.pdf"


def test_a_folder_pairs_a_explanation_and_its_tables_by_their_titles(tmp_path):
    from budgetlens.library import department_aliases, discover

    raw = tmp_path / "raw"
    raw.mkdir()
    # Named so that nothing in the names joins them: the titles must.
    (raw / "b_说明.pdf").write_bytes(WENJIAN.read_bytes())
    (raw / "a_tables.pdf").write_bytes(BIAO.read_bytes())
    (raw / "c.pdf").write_bytes(JIANGSU_2017.read_bytes())
    found = discover(raw, department_aliases(ROOT / "data"))
    pairs = [d for d in found if len(d.files) == 2]
    assert len(pairs) == 1 and len(found) == 2
    assert [p.name for p in pairs[0].files] == ["b_说明.pdf", "a_tables.pdf"]  # the 说明 first, then the 表
    # The 说明's cover says 江苏省委办公厅 2017 年度部门预算; the 表's 部门 line 中国共产党江苏省委员会办公厅.
    assert "中国共产党江苏省委员会办公厅 2017" in pairs[0].paired and "江苏省委办公厅" in pairs[0].paired


def test_the_pair_is_checked_as_one_document_narrative_against_tables():
    from budgetlens.canonical.document import read_pdf_document

    document = read_pdf_document([WENJIAN, BIAO], "pair")
    checks = checks_of(document)
    narrative = checks.filter(pl.col("rule_id") == "canonical.narrative")
    # Page 6 of the 说明: "（一）收入预算总计 20849.45 万元" and "（二）支出预算总计 20849.45 万元", against the
    # 表's 收支预算总表; "2. 财政专户管理资金收入预算总计 147.20 万元" is the 财政专户's, not the total.
    passed = narrative.filter(pl.col("status") == "pass")["instance"].to_list()
    assert any("收入预算总计 20,849.45" in i or "收入预算总计 20849.45" in i for i in passed)
    assert any("支出预算总计 20,849.45" in i or "支出预算总计 20849.45" in i for i in passed)
    assert narrative.filter(pl.col("instance").str.contains("147")).filter(pl.col("status") == "fail").is_empty()
    assert document.missing_tables == []  # the 说明's contents lists twelve tables; the 表 holds them
    assert document.department_name == "中国共产党江苏省委员会办公厅"
    assert (document.region, document.level) == ("江苏省", "省级")  # the party's 省委 names its province
    alone = read_pdf_document([WENJIAN], "wenjian")
    assert len(alone.missing_tables) == 12  # the 说明 alone is incomplete, and says so


def test_department_names_join_by_rules_kept_as_data():
    from budgetlens.library import department_aliases

    aliases = department_aliases(ROOT / "data")
    key = "中国共产党江苏省委员会办公厅"
    for printed in ("中共江苏省委办公厅", "江苏省委办公厅", key):
        assert aliases.join(printed)[0] == key
    assert aliases.join(key)[1] is None  # the key itself needs no reason
    assert "中共" in aliases.join("中共江苏省委办公厅")[1]
    assert aliases.join("上海市委托服务中心") == ("上海市委托服务中心", None)  # 委托 is not 委


def test_the_text_export_s_absent_schedule_makes_it_incomplete_too():
    import json

    manifest = json.loads((ROOT / "data" / "snapshots" / "hongshan_kejingju_2023" / "manifest.json").read_text())
    # The export's 目录 promises 附表1-8 项目支出表; the document holds no such schedule.
    assert incomplete(manifest) == "这份文件不完整：目录列出的1张表没有找到（“附表1-8 项目支出表”）。"


def test_running_headers_and_footers_are_left_out_of_the_narrative(danwei_pages):
    """A modified copy of pages 3–6: a running header (the department's name and year) at the top of every
    page and a footer "第 N 页" at its foot; the narrative text is what it was without them."""
    pages, _ = danwei_pages
    plain: list[tuple[int, TextLine]] = []
    framed: list[tuple[int, TextLine]] = []
    for page in pages[2:6]:
        lines = text_lines(page.chars)
        first = lines[0]
        header = dataclasses.replace(first, text="上海市财政局2025年单位预算", top=5.0, bottom=15.0)
        footer = dataclasses.replace(first, text=f"第 {page.number} 页", top=page.height - 20, bottom=page.height - 10)
        plain += [(page.number, line) for line in lines]
        framed += [(page.number, header), *[(page.number, line) for line in lines], (page.number, footer)]
    assert narrative_text(framed, page_furniture(framed)) == narrative_text(plain, page_furniture(plain))
    assert "上海市财政局2025年单位预算" in narrative_text(framed)  # what the reader would have read
    # Page 6's figures (收入预算17,192万元 …) are read the same with the frame as without it.
    assert narrative_figures(framed, 2025, page_furniture(framed)) == narrative_figures(plain, 2025)


def test_a_unit_printed_in_the_header_is_the_table_s_unit(danwei_pages):
    """A modified copy of pages 13–14: the "单位：元" line removed and "（元）" printed after the header's 合计
    (on both pages: the header repeated on page 14 stays the same header)."""
    pages, sources = danwei_pages
    changed = copy_pages(pages)
    page = changed[12]
    unit_line = {id(c) for c in line_chars(page, "单位：元")}
    page.chars = [c for c in page.chars if id(c) not in unit_line or c.x0 < page.width / 2]
    for page in changed[12:14]:
        he = min(
            (c for k, c in enumerate(page.chars[:-1]) if c.text == "合" and page.chars[k + 1].text == "计"),
            key=lambda c: c.top,
        )
        width = he.x1 - he.x0
        for k, char in enumerate("（元）"):
            x0 = he.x1 + width * (k + 1)
            page.chars.append(Char(char, x0, he.top, x0 + width, he.bottom))
    document = read(changed, sources)
    schedules = document.tables["schedules"]
    table_id = schedules.filter(pl.col("title").str.contains("一般公共预算支出功能分类"))["table_id"][0]
    total = document.tables["expenditure_by_function"].filter(
        (pl.col("table_id") == table_id) & (pl.col("level") == 0) & (pl.col("measure") == "total")
    )
    assert total["amount_wan"].to_list() == [Decimal("17191.5169")]
    assert total["unit_printed"].to_list() == ["元"]
    assert [w for w in warnings_of(document, "unit") if w["table_id"] == table_id] == []  # printed, not inferred


def test_a_unit_missed_on_every_table_of_a_total_is_inferred_from_the_narrative(danwei_pages):
    """A modified copy whose tables with the total 171,915,169 元 (pages 7, 8, 10, 12, 13) lost their unit
    line: no table prints 元 beside that total any more, and the narrative's 支出预算 17,192 万元 (page 6) is
    what says they are in 元."""
    pages, sources = danwei_pages
    changed = copy_pages(pages)
    for number in (7, 8, 10, 12, 13):
        page = changed[number - 1]
        unit_line = {id(c) for c in line_chars(page, "单位：元")}
        page.chars = [c for c in page.chars if id(c) not in unit_line or c.x0 < page.width / 2]
    document = read(changed, sources)
    schedules = document.tables["schedules"]
    unitless = schedules.filter(pl.col("unit_printed").is_null())["table_id"].to_list()
    assert len(unitless) == 5
    inferred = {w["table_id"]: w for w in warnings_of(document, "unit")}
    assert sorted(inferred) == sorted(unitless)
    assert all("说明第6页" in w["message"] for w in inferred.values())
    summary = document.tables["summary_lines"].filter(
        (pl.col("side") == "expenditure") & (pl.col("row_kind") == "total") & (pl.col("measure") == "total")
    )
    assert Decimal("17191.5169") in summary["amount_wan"].to_list()
    narrative = checks_of(document).filter(
        (pl.col("rule_id") == "canonical.narrative") & pl.col("instance").str.contains("：支出预算")
    )
    assert narrative["status"].to_list() == ["pass"]


# --- a table's shape: halves side by side, and a coded table that prints no amounts -----------------------------


def _printed_table(columns: list[str], rows: list[list[str]]) -> PrintedTable:

    def cells(texts: list[str], top: float) -> list[PrintedCell]:
        return [PrintedCell(text, 1, (60.0 * j, top, 60.0 * (j + 1), top + 20)) for j, text in enumerate(texts)]

    return PrintedTable(
        index=1,
        title="政府性基金预算支出表",
        title_page=1,
        title_box=None,
        unit="万元",
        department=None,
        columns=columns,
        header_cells=cells(columns, 80.0),
        rows=[cells(row, 100.0 + 20 * i) for i, row in enumerate(rows)],
    )


def test_a_second_code_column_before_any_amount_starts_no_half():
    from budgetlens.canonical.readers import _halves

    # the text export's 附表1-9 heading (hongshan line 342): 功能科目编码 功能科目名称 单位编码 单位名称 总计
    columns = ["功能科目编码", "功能科目名称", "单位编码", "单位名称", "总计"]
    table = _printed_table(columns, [["2120101", "行政运行", "067001", "本级", "12.00"]])
    assert _halves(table) == [(0, 5)]
    # the economic table printed in halves (301 … on the left, 302 … on the right) is two
    halves = _printed_table(
        ["科目编码", "科目名称", "金额", "科目编码", "科目名称", "金额"],
        [["301", "工资福利支出", "961.04", "302", "商品和服务支出", "159.11"]],
    )
    assert _halves(halves) == [(0, 3), (3, 6)]
    # and a second half of the 附表1-9 kind (a function code and a unit code before its amount) is one half
    mixed = _printed_table(
        ["科目编码", "科目名称", "金额", "功能科目编码", "功能科目名称", "单位编码", "单位名称", "总计"],
        [["301", "工资福利支出", "961.04", "2120101", "行政运行", "067001", "本级", "12.00"]],
    )
    assert _halves(mixed) == [(0, 3), (3, 8)]


def test_a_coded_table_that_prints_no_amount_is_kept_raw():
    from budgetlens.canonical.readers import read_coded_half

    # a table of codes and names only (附表1-9's heading, its body stating nothing budgeted): nothing to read as money
    table = _printed_table(["功能科目编码", "功能科目名称"], [["", "本单位无政府性基金预算安排的支出"]])
    read = read_coded_half(table, "t09", "expenditure_by_function", "government_fund", 2023, "万元")
    assert (read.status, read.reader) == ("kept_raw", "raw")


def test_a_two_sided_table_without_its_side_band_reads_income_on_the_left():
    from budgetlens.canonical.readers import read_two_sided

    # 检察院 2017 p10's 收支预算总表 without its 收入 | 支出 band over the headings: 项目 预算数 | 项目 预算数
    table = _printed_table(
        ["项目", "预算数", "项目", "预算数"],
        [["一、一般公共预算", "17,981.68", "一、基本支出", "12,308.48"]],
    )
    read = read_two_sided(table, "t01", "summary", "all", 2017, "万元")
    sides = {(row["side"], row["label"]) for row in read.rows["summary_lines"]}
    assert sides == {("income", "一、一般公共预算"), ("expenditure", "一、基本支出")}


def test_a_label_split_by_the_page_break_is_rejoined_and_keeps_its_merged_cell_flag():
    from budgetlens.pdf.tables import _continue

    # 2060102 一般行政管理事务 (hongshan 附表1-5, line 250), its name split in two halves of equal length by a page
    # break: "一般行政" at the foot of one page, "管理事务" heading the next, the amount on the first
    table = _printed_table(["科目编码", "科目名称", "金额"], [["2060102", "一般行政", "8.82"]])
    table.rows[-1][0] = PrintedCell("2060102", 1, table.rows[-1][0].box, continued=True)
    tail = [
        PrintedCell("", 2, (0, 60, 60, 80)),
        PrintedCell("管理事务", 2, (60, 60, 120, 80)),
        PrintedCell("", 2, (120, 60, 180, 80)),
    ]
    _continue(table, [tail], 2)
    assert [c.text for c in table.rows[-1]] == ["2060102", "一般行政管理事务", "8.82"] and len(table.rows) == 1
    assert table.pages == [2]
    # a merged cell's lower part split by the break stays one: joined, it is still the lower part
    table = _printed_table(["科目编码", "科目名称", "金额"], [["2060102", "一般行政", "8.82"]])
    table.rows[-1][1] = PrintedCell("一般行政", 1, table.rows[-1][1].box, continued=True)
    _continue(table, [tail], 2)
    assert table.rows[-1][1].text == "一般行政管理事务" and table.rows[-1][1].continued


def test_a_figure_glued_to_the_last_page_number_of_the_narrative_is_warned_with_nothing_after_it():
    from budgetlens.canonical.narrative import _text_with_lines

    # 检察院 2018 p24's last line and its page number, as if the narrative ended there
    lines = [
        (24, TextLine("项目支出预算数为 5,573 万元。与上年相比增加 40", 90.0, 700.0, 500.0, 712.0, ())),
        (24, TextLine("24", 290.0, 780.0, 302.0, 790.0, ())),
    ]
    reading: list[dict] = []
    text = _text_with_lines(lines, {1}, reading)[0]
    assert text.endswith("与上年相比增加40") or text.endswith("与上年相比增加 40")
    assert [r["kind"] for r in reading] == ["glued_figure"]
    assert (
        reading[0]["message"] == "第24页末的数字“40”后面是页码或页眉页脚“24”，读数时没有把它算进数字（下一段接着“”）。"
    )


def test_a_listed_table_printed_as_its_title_alone_is_not_missing():
    from budgetlens.canonical.reading import read_contents

    # 检察院 2017's contents (p2) lists 七、政府性基金支出预算表; a document that prints that title alone with a
    # note and no grid (本表无数据) holds the table, empty: it is not missing
    def line(text: str, top: float) -> TextLine:
        return TextLine(text, 90.0, top, 500.0, top + 12, ())

    lines = [
        (2, line("目录", 100.0)),
        (2, line("七、政府性基金支出预算表", 130.0)),
        (13, line("七、政府性基金支出预算表", 400.0)),
        (13, line("本表无数据。", 430.0)),
    ]
    assert read_contents(lines, [], set())[1] == []
    # without that title anywhere, it is missing, named as the contents prints it
    missing = read_contents(lines[:2], [], set())[1]
    assert [(m["title"], m["page"]) for m in missing] == [("七、政府性基金支出预算表", 2)]


def test_a_tables_title_alone_on_the_page_after_a_two_page_contents_is_the_table_not_a_contents_entry():
    from budgetlens.canonical.reading import read_contents

    # 检察院 2017's contents (p2) lists 七、政府性基金支出预算表, and that document prints the table's title alone
    # with a note when it is empty. Here the contents runs over two pages (2 and 3) and the body's first page
    # (4) opens with that title alone: a contents list ends within two pages, so page 4's title is the table,
    # printed (empty), not one more entry of the contents, and nothing is missing
    def line(text: str, top: float) -> TextLine:
        return TextLine(text, 90.0, top, 500.0, top + 12, ())

    lines = [
        (2, line("目录", 100.0)),
        (2, line("第一部分 部门概况", 130.0)),
        (3, line("七、政府性基金支出预算表", 100.0)),
        (4, line("七、政府性基金支出预算表", 100.0)),
        (4, line("本表无数据。", 130.0)),
    ]
    assert read_contents(lines, [], set())[1] == []
    # without the title on page 4 the listed table is missing, named as the contents prints it on page 3
    missing = read_contents(lines[:3], [], set())[1]
    assert [(m["title"], m["page"]) for m in missing] == [("七、政府性基金支出预算表", 3)]


def test_a_warning_about_one_row_outlines_that_row_not_the_table_title():
    """万里街道 2024 p29 (rendered at 108 dpi, looked at): the rows 301 | 2 津贴补贴 16,623,810 and 301 | 7 绩效工资
    11,447,100 print their 款 in one digit, under the title 2024年部门一般公共预算基本支出部门预算经济分类预算表 (top
    about 81 pt); the two rows sit one under the other, below 301 | 01 基本工资 (top about 265 and 289 pt)."""
    warnings = pl.read_parquet(
        ROOT / "data" / "snapshots" / "shanghai_putuo_wanlijiedao_2024_bumen_yusuan" / "reading_warnings.parquet"
    ).filter(pl.col("kind") == "code")
    tops = {
        detail[-5:]: (page, box[1], box[3]) for detail, page, box in warnings.select("detail", "page", "box").rows()
    }
    assert set(tops) == {"30102", "30107"}
    (page, top, bottom), (_, next_top, _) = tops["30102"], tops["30107"]
    assert page == 29 and 255 < top < 275 and abs(bottom - next_top) < 1  # the 津贴补贴 row, then 绩效工资's
