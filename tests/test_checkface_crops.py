"""A check's side that is a sum is shown on the page with every cell it adds up outlined, and each page crop says
what it shows to a screen reader. shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan p16 (pdftoppm -r 100, looked at):
一般公共预算财政拨款基本支出决算表, 302 商品和服务支出 440.90 and its 27 children 30201 办公费 84.62 through 30299
其他商品和服务支出 28.86 in the right-hand 决算数 column; their sum is 440.88 (the check's 302 下级之和)."""

from __future__ import annotations

import io
from decimal import Decimal

import polars as pl
import pypdfium2 as pdfium
from PIL import Image

from budgetlens.check_queries import check_sides
from budgetlens.store import load_snapshot
from components import source_view
from tests.conftest import SNAPSHOTS

GUIHUA = "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"
PARENT_302 = "一般公共预算财政拨款基本支出决算表 302 商品和服务支出 [total]"
OUTLINE = (214, 39, 40)


def _sides():
    snapshot = load_snapshot(SNAPSHOTS / GUIHUA)
    checks = snapshot.table("checks")
    return snapshot, checks, check_sides(checks, snapshot.tables.get("check_cells"), snapshot.table("schedules"))


def test_the_sum_side_holds_every_child_cell_of_its_page():
    _, checks, sides = _sides()
    check = checks.filter(pl.col("rule_id") == "canonical.hierarchy", pl.col("instance") == PARENT_302).row(
        0, named=True
    )
    assert (check["expected_label"], check["expected"], check["actual"]) == (
        "302 下级之和",
        Decimal("440.88"),
        Decimal("440.90"),
    )
    (children,) = sides.pages_of("canonical.hierarchy", PARENT_302, "expected")
    assert (children.page, children.title, len(children.boxes)) == (16, "一般公共预算财政拨款基本支出决算表", 27)
    (parent,) = sides.pages_of("canonical.hierarchy", PARENT_302, "actual")
    assert (parent.page, len(parent.boxes)) == (16, 1)
    assert parent.boxes[0][3] == children.boxes[0][1]  # 302's row sits right above 30201's


def _is_outline(pixel: tuple[int, int, int]) -> bool:
    return abs(pixel[0] - OUTLINE[0]) < 40 and pixel[1] < 90 and pixel[2] < 90


def test_the_crop_covers_and_outlines_every_cell_of_the_sum():
    snapshot, _, sides = _sides()
    (children,) = sides.pages_of("canonical.hierarchy", PARENT_302, "expected")
    found = source_view.source_file(snapshot.manifest["sources"], children.page)
    assert found is not None
    path = str(source_view.RAW / found[0])
    image = Image.open(io.BytesIO(source_view.cells_png(path, found[2], children.boxes, 0.0))).convert("RGB")
    top = min(box[1] for box in children.boxes) - source_view.MARGIN_Y
    assert image.height >= (max(box[3] for box in children.boxes) - top) * source_view.SCALE  # down to 30299
    document = pdfium.PdfDocument(path)
    try:
        page = document[found[2]]
        width, height = page.get_size()
        left = min(
            source_view.crop_of(box, width, height, source_view.line_left(page, box))[0] for box in children.boxes
        )
    finally:
        document.close()
    for x0, box_top, _, bottom in children.boxes:  # the outline's left edge, halfway down each cell
        x = int((x0 - 2.0 - left) * source_view.SCALE)
        y = int(((box_top + bottom) / 2 - top) * source_view.SCALE)
        assert any(_is_outline(image.getpixel((x + dx, y))) for dx in range(-3, 4)), (x0, box_top)
    one = Image.open(io.BytesIO(source_view.cells_png(path, found[2], children.boxes[:1], 0.0))).convert("RGB")
    assert one.height < image.height / 2  # the first child alone: what the crop outlined before


def test_a_crop_says_what_it_shows():
    assert (
        source_view.alt_text(16, 27, title="302 下级之和", table="一般公共预算财政拨款基本支出决算表")
        == "原件第 16 页截图（一般公共预算财政拨款基本支出决算表），红框标出 27 个单元格：302 下级之和"
    )
    assert source_view.alt_text(16, 1, title="302 本行") == "原件第 16 页截图，红框标出一个单元格：302 本行"
    assert source_view.alt_text(3, 1) == "原件第 3 页截图，红框标出一个单元格"


def test_a_reading_warnings_crop_names_its_table():
    from components.checks_view import table_titles

    snapshot = load_snapshot(SNAPSHOTS / "shanghai_putuo_wanlijiedao_2024_bumen_yusuan")
    warnings = snapshot.table("reading_warnings").filter(pl.col("box").is_not_null())
    assert warnings["table_id"].to_list() == ["t08", "t08"]  # p29: a code printed in two parts, 301 | 2
    title = table_titles(snapshot.table("schedules"))["t08"]
    assert title == "2024年部门一般公共预算基本支出部门预算经济分类预算表"
    assert source_view.alt_text(29, 1, title="30102", table=title).startswith(f"原件第 29 页截图（{title}），")
