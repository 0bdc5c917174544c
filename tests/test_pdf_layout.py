"""Layout hazards met by unseen documents, made from the shipped PDFs: rows with no rule between them,
and a table continued over pages."""

from __future__ import annotations

import pypdfium2 as pdfium

from budgetlens.pdf.page import read_page, text_lines
from budgetlens.pdf.tables import read_tables
from tests.conftest import ROOT

JIANGSU_2018 = ROOT / "data" / "raw" / "jiangsu_jianchayuan_2018_bumen_yusuan.pdf"


def pages(path, numbers):
    document = pdfium.PdfDocument(path)
    try:
        return [read_page(document, n - 1) for n in numbers]
    finally:
        document.close()


def rows_of(table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


def code_and_name_joined(rows: list[list[str]]) -> list[list[str]]:
    # 合 计 is printed across the code and name columns: with the rules it is one merged cell (read in the
    # first column), without them its characters sit in the second. The same row either way.
    return [[row[0] + row[1], *row[2:]] for row in rows]


def test_rows_without_rules_between_them_read_as_with_rules():
    # Page 17 of 江苏省人民检察院 2018 holds 公开07表 一般公共预算支出预算表 with a rule under every row
    # (合 计 21,940.96; 204 公共安全支出 16,444.36; 2040401 行政运行 10,883.36 …, read off the page).
    (ruled,) = pages(JIANGSU_2018, [17])
    (bare,) = pages(JIANGSU_2018, [17])
    rule_ys = sorted({round(r.position) for r in ruled.rules if r.horizontal})
    # Each table's top rule, the rule under its header and its bottom rule stay; the body rows are then
    # told apart by their lines alone. (The page holds the end of 公开06表 and then 公开07表.)
    tables: list[list[int]] = [[rule_ys[0]]]
    for y in rule_ys[1:]:
        if y - tables[-1][-1] > 40:
            tables.append([])
        tables[-1].append(y)
    keep = {y for ys in tables for y in (ys[0], ys[1], ys[-1])}
    bare.rules = [r for r in bare.rules if not r.horizontal or round(r.position) in keep]
    assert len(bare.rules) < len(ruled.rules) - 10
    with_rules = {t.title: rows_of(t) for t in read_tables([ruled])[0]}
    without = {t.title: rows_of(t) for t in read_tables([bare])[0]}
    title = "公开07表：一般公共预算支出预算表"
    assert code_and_name_joined(without[title]) == code_and_name_joined(with_rules[title])
    assert len(without[title]) == len(with_rules[title]) == 11
    assert code_and_name_joined(without[title])[0] == ["合计", "21,940.96"]
    assert ["2040401", "行政运行", "10,883.36"] in without[title]


def test_a_table_over_two_pages_is_one_table_with_its_split_label_rejoined():
    # 公开01表 收支预算总表 runs from page 13 to page 14; "十七、国土海洋气象等支" ends on page 13 and its
    # "出" begins page 14 (both read off the rendered pages).
    tables, _ = read_tables(pages(JIANGSU_2018, [13, 14]))
    summary = next(t for t in tables if t.title == "公开01表：收支预算总表")
    assert summary.pages == [13, 14]
    labels = [row[2].text for row in summary.rows]
    assert "十七、国土海洋气象等支出" in labels and "出" not in labels
    assert labels[-3:] == ["当年支出小计", "结转下年资金", "支出合计"]


def rotated_copy(source, page_number: int, path) -> None:
    """The page stored turned a quarter (its content rotated into a landscape page) and shown upright by
    /Rotate 90: how a landscape table often sits in a portrait document."""
    import pypdfium2.raw as pdfium_raw

    original = pdfium.PdfDocument(source)
    document = pdfium.PdfDocument.new()
    document.import_pages(original, [page_number - 1])
    page = document[0]
    width, height = page.get_size()
    for index in range(pdfium_raw.FPDFPage_CountObjects(page.raw)):
        pdfium_raw.FPDFPageObj_Transform(pdfium_raw.FPDFPage_GetObject(page.raw, index), 0, 1, -1, 0, height, 0)
    pdfium_raw.FPDFPage_SetMediaBox(page.raw, 0, 0, height, width)
    pdfium_raw.FPDFPage_SetCropBox(page.raw, 0, 0, height, width)
    page.set_rotation(90)
    pdfium_raw.FPDFPage_GenerateContent(page.raw)
    document.save(path)


def test_a_page_turned_by_rotate_reads_as_it_is_shown(tmp_path):
    # Page 19 holds 公开09表, the 三公 table: 合计 1,384.74 … 培训费 700.00 (read off the page).
    rotated_copy(JIANGSU_2018, 19, tmp_path / "rotated.pdf")
    (upright,) = pages(JIANGSU_2018, [19])
    (turned,) = pages(tmp_path / "rotated.pdf", [1])
    assert (round(turned.width), round(turned.height)) == (round(upright.width), round(upright.height))
    shown = {t.title: rows_of(t) for t in read_tables([upright])[0]}
    read = {t.title: rows_of(t) for t in read_tables([turned])[0]}
    assert read == shown
    three = read["公开09表：一般公共预算“三公”经费、会议费、培训费支出预算表"]
    assert three[0][0] == "1,384.74" and three[0][-1] == "700.00"


def test_an_empty_tables_total_row_is_body_not_header():
    # 公开10表 (page 19) prints 合计 with no amount, then 此表为空.
    tables, _ = read_tables(pages(JIANGSU_2018, [19]))
    fund = next(t for t in tables if t.title == "公开10表：政府性基金支出预算表")
    assert fund.columns == ["功能科目代码", "功能科目名称", "金额"]
    assert rows_of(fund)[0] == ["", "合计", ""]


def test_a_cell_merged_across_columns_spans_them_and_a_missing_right_rule_joins_nothing():
    from budgetlens.pdf.grid import _grid
    from budgetlens.pdf.page import Rule

    # two bands, two columns: the rule between the columns drawn in the lower band only (a 合计 over the code and
    # the name, as 检察院 2017 p12 prints it); the right outer rule of the lower band missing
    ys, xs = [100.0, 120.0, 140.0], [50.0, 150.0, 450.0]
    horizontals = [Rule(True, y, 50.0, 450.0) for y in ys]
    verticals = [Rule(False, 50.0, 100.0, 140.0), Rule(False, 150.0, 120.0, 140.0), Rule(False, 450.0, 100.0, 120.0)]
    grid = _grid(1, ys, xs, horizontals, verticals)
    total = grid.cell(0, 0)
    assert grid.cell(0, 1) is total and (total.col, total.col_end) == (0, 1)
    assert total.box == (50.0, 100.0, 450.0, 120.0)
    # the lower band's two cells stay two, and neither joins the band above
    code, name = grid.cell(1, 0), grid.cell(1, 1)
    assert code is not name and code is not total and name is not total
    assert (code.box, name.box) == ((50.0, 120.0, 150.0, 140.0), (150.0, 120.0, 450.0, 140.0))


def test_rules_that_meet_exactly_at_their_ends_are_one_table():
    from budgetlens.pdf.grid import _components
    from budgetlens.pdf.page import Rule

    # a frame whose rules end exactly where they meet (no overshoot of the line's width)
    frame = [
        Rule(True, 100.0, 50.0, 450.0),
        Rule(True, 140.0, 50.0, 450.0),
        Rule(False, 50.0, 100.0, 140.0),
        Rule(False, 450.0, 100.0, 140.0),
    ]
    apart = Rule(True, 300.0, 50.0, 450.0)  # a rule of another table lower on the page
    groups = _components([*frame, apart])
    assert sorted(len(group) for group in groups) == [1, 4]


def test_amounts_stacked_at_different_heights_in_two_columns_split_the_band_at_every_height():
    # 公开01表 收支预算总表, page 13 of 江苏省人民检察院 2018 (read off the rendered page): its first three body
    # rows print 收入/金额 21,940.96 and 21,940.96 (rows 1 and 2) and 支出用途/金额 13,994.31, 5,573.00 and
    # 2,388.04 (rows 1 to 3). Made into the layout of a table whose last amount column is blank in a middle
    # row: 5,573.00 taken away, and the two rules between the three rows dropped, so that the band is split by
    # the heights of the amounts alone. Row 2's height is only in 收入/金额, not in the last column.
    (ruled,) = pages(JIANGSU_2018, [13])
    (bare,) = pages(JIANGSU_2018, [13])
    (table,) = [t for t in read_tables([ruled])[0] if t.title == "公开01表：收支预算总表"]
    assert table.rows[1][-1].text == "5,573.00"
    left, top, right, bottom = table.rows[1][-1].box
    first_top, last_bottom = table.rows[0][0].box[1], table.rows[2][0].box[3]
    for page in (ruled, bare):
        page.chars = [c for c in page.chars if not (left < c.cx < right and top < c.cy < bottom)]
    bare.rules = [r for r in bare.rules if not (r.horizontal and first_top + 1 < r.position < last_bottom - 1)]
    assert len(bare.rules) == len(ruled.rules) - 12  # two rules, drawn as one piece per column
    with_rules = next(t for t in read_tables([ruled])[0] if t.title == "公开01表：收支预算总表")
    without = next(t for t in read_tables([bare])[0] if t.title == "公开01表：收支预算总表")
    assert rows_of(without) == rows_of(with_rules)
    assert rows_of(without)[:3] == [
        ["一、财政拨款", "21,940.96", "一、一般公共服务支出", "", "一、基本支出", "13,994.31"],
        ["1.一般公共预算", "21,940.96", "二、外交支出", "", "二、项目支出", ""],
        ["2.政府性基金预算", "", "三、国防支出", "", "三、单位预留机动经费", "2,388.04"],
    ]


def test_text_clipped_off_the_page_is_not_read():
    # 上海市普陀区财政局 2025 p7 (部门预算编制说明): the page shows items 1. to 8., the last line 用于缴纳养老支出。;
    # the word processor flowed items 9. to 11. past the frame and clipped them (they are drawn on p8).
    (putuo,) = pages(ROOT / "data" / "raw" / "shanghai_putuo_caizhengju_2025_bumen_yusuan.pdf", [7])
    lines = [line.text for line in text_lines(putuo.chars)]
    assert lines[0] == "2025年部门预算编制说明"
    assert lines[-1] == "用于缴纳养老支出。"
    assert [line[:2] for line in lines if line[:1].isdigit() and line[1:2] == "."] == [f"{n}." for n in range(1, 9)]
    assert not any("卫生健康支出" in line or "住房公积" in line for line in lines)
    # 江苏省高级人民法院 2017 p20: the pie chart's label on the left is cut by the chart's frame; its 项目 is not
    # on the page (the rendered page shows "支出, 40.01%" from the frame's edge), so 项目支出,40.01% is never read.
    (gaoji,) = pages(ROOT / "data" / "raw" / "jiangsu_gaoji_fayuan_2017_bumen_yusuan.pdf", [20])
    lines = [line.text for line in text_lines(gaoji.chars)]
    assert lines[-1] == "基本支出项目支出预留机动经费"  # the legend under the chart, whole on the page
    assert "基本支出,59.35%" in lines and "0.64%" in lines
    assert not any("项目支出," in line for line in lines)


def test_a_table_closed_by_a_double_rule_and_one_exactly_the_minimum_width_are_grids():
    from budgetlens.pdf.grid import MIN_TABLE_SIZE_PT, find_grids
    from budgetlens.pdf.page import Page, Rule

    # one 26 pt row closed by a double rule 4 pt under it (further apart than two strokes of one rule): the table
    # is 30 pt tall, though its last band alone is thinner than the minimum size
    double = [Rule(True, y, 50.0, 450.0) for y in (100.0, 126.0, 130.0)]
    double += [Rule(False, x, 100.0, 130.0) for x in (50.0, 450.0)]
    (grid,) = find_grids(Page(1, 595.0, 842.0, [], double))
    assert (grid.ys[0], grid.ys[-1], grid.xs) == (100.0, 130.0, [50.0, 450.0])
    # a frame exactly the minimum size wide (8 pt) is a table; one narrower is decoration
    for width, found in ((MIN_TABLE_SIZE_PT, 1), (MIN_TABLE_SIZE_PT - 1, 0)):
        frame = [Rule(True, y, 300.0, 300.0 + width) for y in (200.0, 240.0)]
        frame += [Rule(False, x, 200.0, 240.0) for x in (300.0, 300.0 + width)]
        assert len(find_grids(Page(1, 595.0, 842.0, [], frame))) == found, width
