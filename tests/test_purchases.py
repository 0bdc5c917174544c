"""The 政府采购与购买服务 page's queries over the canonical procurement and purchased_services tables, and the page
itself on the text export and on a PDF. The text export's values are read off its lines (附表1-11 at lines 371–385:
合计 691000.00, 其中面向中小企业 691000.00; 附表1-12 at lines 395–418: 合计 1770000, five lines marked 是 包含政府采购);
the PDF's off the rendered page 20 of jiangsu_jianchayuan_2018 (公开12表: 合计 3,096.24, 一、货物A 268.00 万元, no
column for 中小企业, and no 政府购买服务 table in the document)."""

from __future__ import annotations

from decimal import Decimal as D

import polars as pl

from budgetlens import canonical_queries as cq
from components import purchases_view as view
from tests.page_text import seen
from tests.test_app import open_page, texts

JIANGSU = "jiangsu_jianchayuan_2018_bumen_yusuan"


def test_seed_purchases_summary(snapshot):
    procurement, services = snapshot.table("procurement"), snapshot.table("purchased_services")
    summary = cq.purchase_summary(procurement, services)
    assert summary.unresolved == 0
    assert (summary.procurement.amount_wan, summary.services_wan, summary.overlap_wan) == (
        D("69.1"),
        D("177"),
        D("63.76"),  # 5000 + 420000 + 55000 + 145600 + 12000 元, the lines marked 是
    )
    assert (summary.sme_wan, summary.sme_pct) == (D("69.1"), D("100.00"))
    lines = cq.procurement_lines(procurement)
    assert lines.height == 9 and lines["amount_yuan"].sum() == D("691000")
    basic = lines.filter(pl.col("basic_expenditure"))
    assert basic["amount_yuan"].sum() == D("53400")  # 复印纸 and the three vehicle lines: basic expenditure
    assert lines.filter(pl.col("item") == "复印纸").select("quantity", "unit_price_wan").row(0) == (D("1"), D("1.4"))


def test_seed_purchase_breakdowns(snapshot):
    lines = cq.procurement_lines(snapshot.table("procurement"))
    services = cq.service_lines(snapshot.table("purchased_services"))
    by_project = dict(cq.purchases_by_project(lines, services).iter_rows())
    assert list(by_project)[:3] == ["机关事业办公维护经费", "评审、审计、调研、绩效评价费用", "国家示范基地管理费"]
    assert cq.lines_by(lines, "economic").rows() == [  # largest first
        ("委托业务费", D("565600")),
        ("印刷费", D("72000")),
        ("公务用车运行维护费", D("39400")),
        ("办公费", D("14000")),
    ]
    assert by_project["机关事业办公维护经费"] == D("475000") + D("70000") + D("52000") + D("44400")
    assert sum(by_project.values()) == D("1823400")  # nothing counted twice: 691000 + 1770000 − 637600
    assert dict(cq.lines_by(lines, "category_shown").iter_rows()) == {"服务": D("677000"), "货物": D("14000")}
    assert by_project[cq.BASIC_EXPENDITURE_ZH] == D("53400")


def test_a_purchase_line_the_reader_could_not_resolve_stays_in_the_totals(snapshot):
    procurement = snapshot.table("procurement").with_columns(
        pl.when(pl.col("item") == "复印纸").then(None).otherwise(pl.col(c)).alias(c)
        for c in ("project_listed", "basic_expenditure")
    )
    summary = cq.purchase_summary(procurement, snapshot.table("purchased_services"))
    assert (summary.unresolved, summary.procurement.amount_wan) == (1, D("69.1"))  # counted, not dropped
    lines = cq.procurement_lines(procurement)
    assert lines.filter(pl.col("item") == "复印纸")["project_shown"].to_list() == [cq.UNRESOLVED_PROJECT_ZH]


def test_a_pdf_listing_names_no_project_per_line_and_sums_no_partial_breakdown():
    from budgetlens.store import load_snapshot
    from tests.conftest import SNAPSHOTS

    procurement = load_snapshot(SNAPSHOTS / JIANGSU).table("procurement")
    lines = cq.procurement_lines(procurement)
    assert lines["project_shown"].is_null().all()  # a PDF prints the project on its subtotal row, not on each item
    assert cq.purchases_by_project(lines, cq.service_lines(_no_services())).is_empty()
    assert cq.lines_by(lines, "economic").is_empty()  # the item rows carry no economic class
    summary = cq.purchase_summary(procurement, _no_services())
    assert summary.procurement.amount_wan == D("3096.24") and summary.procurement.page == 20
    assert (summary.services_wan, summary.sme_wan) == (None, None)


def _no_services() -> pl.DataFrame:
    from budgetlens.canonical.model import frame

    return frame("purchased_services", [])


def test_not_printed_and_not_read_stay_apart():
    assert view.services_absent(False) == (view.NOT_PRINTED, "本文件未列出政府购买服务表。")
    assert view.services_absent(True)[0] == view.NOT_READ == "未读到"


def test_seed_page_shows_services_and_the_sme_share():
    app = open_page("pages/purchases.py")
    metrics = {m.label: (m.value, m.help) for m in app.metric}
    assert metrics["政府采购（万元）"] == ("69.10", "691,000.00 元")  # line 374: 合计 691000.00
    assert metrics["购买服务（万元）"][0] == "177.00"  # line 398: 合计 1770000
    assert metrics["面向中小企业"][0] == "100.00%"  # line 374: 其中面向中小企业 691000.00
    assert "文字说明中没有读到政府采购的总额。" in texts(app)


def test_pdf_page_says_what_the_document_does_not_print():
    app = open_page("pages/purchases.py", doc=JIANGSU)
    metrics = {m.label: (m.value, seen(m.help)) for m in app.metric}
    assert metrics["政府采购（万元）"] == ("3,096.24", "30,962,400.00 元；原文 3,096.24，第 20 页")
    assert metrics["购买服务"][0] == "本文件未列出" and metrics["面向中小企业"][0] == "本文件未列出"
    assert "两者重叠（万元）" not in metrics  # no services listing: nothing to overlap
    shown = texts(app)
    assert "公开12表：政府采购支出预算表 · 第 20、21、22、23 页 · 原表单位：万元" in shown
    assert "本文件未列出政府购买服务表。" in shown


def test_a_pdf_listing_printing_quantity_unit_price_and_sme_writes_them_on_the_row():
    """A listing of a template nobody here has seen, in 元, with 数量, 单价 and 其中：面向中小企业 columns: the reader
    writes them on the line's own row (none becomes an amount row of its own), the money in 万元."""
    from budgetlens.canonical.readers import read_table
    from budgetlens.pdf.tables import PrintedCell, PrintedTable

    def cells(texts: list[str], top: float) -> list[PrintedCell]:
        return [PrintedCell(t, 7, (50.0 * j, top, 50.0 * j + 50, top + 20)) for j, t in enumerate(texts)]

    table = PrintedTable(
        index=12,
        title="政府采购预算表",
        title_page=7,
        title_box=None,
        unit="元",
        department=None,
        columns=["采购品目", "项目名称", "采购物品名称", "采购数量", "单价", "金额", "其中：面向中小企业"],
        header_cells=[],
        rows=[
            cells(["合计", "", "", "", "", "60,000.00", "50,000.00"], 100),
            cells(["货物", "办公设备购置", "复印机", "2", "15,000.00", "30,000.00", "30,000.00"], 120),
            cells(["服务", "物业管理", "保洁服务", "1", "30,000.00", "30,000.00", "20,000.00"], 140),
        ],
        pages=[7],
    )
    rows = read_table(table, "t12", 2025, "预算").rows["procurement"]
    assert len(rows) == 3  # one amount column: one row per printed row
    copier = next(r for r in rows if r["item"] == "复印机")
    assert (copier["amount_wan"], copier["quantity"], copier["unit_price_wan"], copier["sme_amount_wan"]) == (
        D("3"),
        D("2"),
        D("1.5"),
        D("3"),
    )
    assert rows[0]["sme_amount_wan"] == D("5") and rows[0].get("quantity") is None
    procurement = frame_of(rows)
    assert cq.purchase_summary(procurement, _no_services()).sme_pct == D("83.33")  # 50,000 of 60,000


def frame_of(rows: list[dict]) -> pl.DataFrame:
    from budgetlens.canonical.model import frame

    return frame("procurement", rows)


def test_a_final_accounts_narrative_states_the_sme_amounts_and_the_page_lists_them():
    """上海市普陀区财政局 2024 决算, page 24 (rendered and read): 货物 4.79, 工程 0, 服务 246.47 万元; 面向中小企业预留
    246.47, 面向小微企业预留 0; 由中小企业中标或成交 246.47, 由小微企业 0; 其他项目中由中小企业 4.79. The document
    prints no procurement table."""
    app = open_page("pages/purchases.py", doc="shanghai_putuo_caizhengju_2024_bumen_juesuan")
    # a 决算 has no procurement budget table: said in its kind's words (部门决算, from its manifest)
    assert "本部门决算没有政府采购明细表（决算不列采购预算），政府采购只在说明中写出（见下）。" in texts(app)
    grid = app.dataframe[0].value
    stated = dict(zip(grid["part"], grid["amount_printed"], strict=True))
    assert stated == {
        "货物": "4.79",
        "工程": "0",
        "服务": "246.47",
        "面向中小企业预留": "246.47",
        "面向小微企业预留": "0",
        "预留项目中由中小企业中标或成交": "246.47",
        "预留项目中由小微企业中标或成交": "0",
        "其他项目中由中小企业中标或成交": "4.79",
    }
    assert set(grid["page"]) == {24}


def opened_source(key: str, doc: str | None = None):
    """The page with its 原文 expander open (the state set before the first run: a rerun of this page in AppTest
    falls back to the default document)."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if doc:
        app.query_params["doc"] = doc
    app.session_state[key] = True
    app.run()
    app.switch_page("pages/purchases.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_the_source_view_shows_the_totals_lines_or_page_image():
    app = opened_source("procurement-source-t11")
    sources = [code.value for code in app.code]
    assert "691000.00" in sources[0] and sources[0].lstrip().startswith("374 │")  # line 374: 附表1-11's 合计
    pdf = opened_source("procurement-source-t12", JIANGSU)
    images = [node for e in pdf.expander if e.label == "原文" for node in e.children.values() if node.type == "image"]
    captions = [item.caption for image in images for item in image.proto.imgs]
    assert captions == ["第 20 页 · 公开12表 合计"]  # 合计 3,096.24 at the top of the listing, page 20


# --- a listing prints a project's name once and leaves the cell blank on the rows that continue it ------------------

NETWORK = "网络、电子检务、实验室、机要通道、档案数字化系统运行维护费"
SHENGWEI = "jiangsu_shengwei_bangongting_2017_bumen_yusuan"


def _listing(doc: str) -> pl.DataFrame:
    from budgetlens.store import load_snapshot
    from tests.conftest import SNAPSHOTS

    snapshot = load_snapshot(SNAPSHOTS / doc)
    (table,) = cq.procurement_tables(snapshot.table("schedules"), snapshot.table("procurement"))
    return cq.procurement_rows(snapshot.table("procurement"), table["table_id"])


def test_rows_with_a_blank_project_cell_count_under_the_project_printed_above_them():
    """jiangsu_jianchayuan_2018, 公开12表, read off the rendered pages 20–22: 网络、电子检务… is printed on page 20
    (信息网络及软件购置更新 60.00) and again under 三、服务C on page 21 (60.00); 专用设备购置 40.00 at the top of
    page 21 and 维修（护）费 580.00, 租赁费 480.00 on page 22 leave the 专项名称 cell blank: 1,220.00. 网络运行维护费:
    维修（护）费 4.00, then 租赁费 16.00 with the cell blank. 物业管理费: 维修（护）费 150.00, then 物业管理费 370.00
    blank. 合计 3,096.24 (page 20)."""
    rows = _listing(JIANGSU)
    by_project = cq.procurement_by_project(rows)
    amounts = dict(by_project.select("project", "amount_wan").iter_rows())
    assert amounts[NETWORK] == D("60") + D("40") + D("60") + D("580") + D("480") == D("1220")
    assert amounts["网络运行维护费"] == D("4") + D("16")
    assert amounts["物业管理费"] == D("150") + D("370")
    assert cq.NO_PROJECT not in amounts
    assert sum(amounts.values()) == D("3096.24")  # the breakdown adds up to the listing's 合计
    network = by_project.filter(pl.col("project") == NETWORK).row(0, named=True)
    assert (network["lines"], network["continued"]) == (5, 3)


def test_a_row_keeps_its_blank_project_cell_and_says_how_its_project_is_known():
    """Page 21's first row (专用设备购置 40.00) and page 22's 维修（护）费 580.00 print no 专项名称: the project was
    printed on an earlier page; page 22's 租赁费 16.00 under 网络运行维护费 (printed two rows above, same page)."""
    rows = _listing(JIANGSU)

    def row_of(page: int, economic: str, printed: str) -> tuple:
        found = rows.filter(pl.col("page") == page, pl.col("economic") == economic, pl.col("amount_printed") == printed)
        return found.select("project", "project_belongs_to", "project_source").row(0)

    assert row_of(21, "专用设备购置", "40.00") == (None, NETWORK, "previous_page")
    assert row_of(22, "维修（护）费", "580.00") == (None, NETWORK, "previous_page")
    assert row_of(22, "租赁费", "16.00") == (None, "网络运行维护费", "row_above")
    assert row_of(22, "维修（护）费", "4.00") == ("网络运行维护费", "网络运行维护费", "printed")
    summary = rows.filter(pl.col("level") < 2)  # 合计, 一、货物A, 三、服务C: no project
    assert summary.height == 3 and summary["project_belongs_to"].is_null().all()


def test_a_project_continued_over_a_page_break_of_another_template():
    """jiangsu_shengwei_bangongting_2017 (表 file pages 13–14, the document's 26–27): 商品和服务支出 | 培训费 25.00 is
    the last project printed on page 26; page 27's first row, 会议费 50.00, leaves 专项名称 blank: 75.00 in all."""
    rows = _listing(SHENGWEI)
    first = rows.filter(pl.col("page") == 27).row(0, named=True)
    assert (first["economic"], first["amount_printed"], first["project"]) == ("会议费", "50.00", None)
    assert (first["project_belongs_to"], first["project_source"]) == ("商品和服务支出", "previous_page")
    amounts = dict(cq.procurement_by_project(rows).select("project", "amount_wan").iter_rows())
    assert amounts["商品和服务支出"] == D("25") + D("50")
    assert sum(amounts.values()) == D("1774.70") and cq.NO_PROJECT not in amounts  # 合计 1,774.70 (page 25)


def test_a_project_printed_once_in_a_merged_cell_belongs_to_every_row_it_spans():
    """jiangsu_shengwei_bangongting_2017 (表 file page 12, the document's 25): 机要及电子政务业务费 is printed once in a
    cell merged over 办公设备购置 30.00 and 台式计算机（20万以下） 4.00; the cell is printed again on page 26 over the
    seven rows from 便携式计算机 3.50 to 其他办公消耗用品及类似物品 4.50."""
    rows = _listing(SHENGWEI)
    spanned = rows.filter(pl.col("project") == "机要及电子政务业务费", pl.col("page").is_in([25, 26]))
    assert spanned.select("amount_printed", "project_source").rows() == [
        ("30.00", "printed"),
        ("4.00", "merged_cell"),
        ("3.50", "printed"),  # page 26 prints the cell again: its first row
        *[(amount, "merged_cell") for amount in ("3.00", "2.00", "3.00", "9.00", "1.00", "4.50")],
    ]


def test_the_reader_continues_a_project_only_within_its_group():
    """A listing of a template nobody here has seen: a category line ends the project above it, and a line with a
    blank project cell and no project above it belongs to none (kept under NO_PROJECT, never guessed)."""
    from budgetlens.canonical.readers import read_table
    from budgetlens.pdf.tables import PrintedCell, PrintedTable

    def cells(texts: list[str], page: int, top: float) -> list[PrintedCell]:
        return [PrintedCell(t, page, (50.0 * j, top, 50.0 * j + 50, top + 20)) for j, t in enumerate(texts)]

    table = PrintedTable(
        index=9,
        title="政府采购支出预算表",
        title_page=4,
        title_box=None,
        unit="万元",
        department=None,
        columns=["采购品目大类", "专项名称", "经济科目", "采购物品名称", "总计"],
        header_cells=[],
        rows=[
            cells(["合计", "", "", "", "30.00"], 4, 100),
            cells(["一、货物A", "", "", "", "12.00"], 4, 120),
            cells(["", "设备购置", "办公设备购置", "", "10.00"], 4, 140),
            cells(["", "", "", "复印机", "10.00"], 4, 160),
            cells(["", "", "印刷费", "", "2.00"], 5, 60),
            cells(["三、服务C", "", "", "", "18.00"], 5, 80),
            cells(["", "", "维修（护）费", "", "18.00"], 5, 100),
        ],
        pages=[4, 5],
    )
    frame = frame_of(read_table(table, "t09", 2024, "预算").rows["procurement"])
    sources = frame.select("project", "project_belongs_to", "project_source").rows()
    assert sources == [
        (None, None, None),
        (None, None, None),
        ("设备购置", "设备购置", "printed"),
        (None, "设备购置", "row_above"),
        (None, "设备购置", "previous_page"),
        (None, None, None),
        (None, None, None),  # after 三、服务C: nothing above it in its group to continue
    ]
    amounts = dict(cq.procurement_by_project(frame).select("project", "amount_wan").iter_rows())
    assert amounts == {"设备购置": D("12"), cq.NO_PROJECT: D("18")}


def test_the_pdf_page_sums_by_project_and_shows_each_rows_project():
    app = open_page("pages/purchases.py", doc=JIANGSU)
    grids = {tuple(df.value.columns): df.value for df in app.dataframe}
    by_project = grids[("project", "amount_wan", "lines", "continued")]
    amounts = dict(zip(by_project["project"], by_project["amount_wan"], strict=True))
    assert amounts[NETWORK] == 1220 and amounts["物业管理费"] == 520 and cq.NO_PROJECT not in amounts
    shown = texts(app)
    assert "其下专项名称一格空白的行计入上方写出的专项" in shown and cq.NO_PROJECT not in shown
    listing = pl.from_pandas(next(v for k, v in grids.items() if "所属专项" in k))
    row = listing.filter(pl.col("经济科目") == "租赁费", pl.col("原文") == "480.00")  # page 22, 专项名称 blank
    assert row.select("专项名称", "所属专项", "所属专项依据").row(0) == ("—", NETWORK, "本行空白，承上一页")


CAIZHENGJU_2024 = "shanghai_putuo_caizhengju_2024_bumen_juesuan"


def test_a_final_accounts_page_shows_the_stated_total_against_its_stated_parts():
    """上海市普陀区财政局 2024 决算, the rendered page 24: 政府采购金额（以合同签订为准）为251.25万元，其中：
    货物采购金额4.79万元、工程采购金额0万元、服务采购金额246.47万元: the parts add to 251.26. The document prints
    no procurement table, so the total cannot be held against a table, and the page says the parts disagree, as
    数据核对 does."""
    shown = texts(open_page("pages/purchases.py", doc=CAIZHENGJU_2024)).replace("**", "")
    # no table to hold the total against, said so, and the check that was made next to it (it said 无法与表核对
    # while 数据核对 reported the parts' 251.26 against the 251.25)
    assert "为 251.25 万元；本文件没有可与它对照的采购明细表，它与说明所列各部分之和的核对见下。" in shown
    assert "无法" not in shown
    parts = "说明中所列货物 + 工程 + 服务之和 251.26 万元，所述政府采购金额 251.25 万元"
    assert f"{parts}，二者不一致（差额 −0.01 万元，见数据核对）。" in shown
    checks = texts(open_page("pages/checks.py", doc=CAIZHENGJU_2024)).replace("**", "")
    assert "核对对象：第 24 页：政府采购金额 251.25万元]" in checks
    assert "规则编号（引用这一项时用）：execution.procurement_parts" in checks
    assert "货物 + 工程 + 服务：251.26 万元" in checks


def test_the_procurement_table_is_named_for_the_documents_stage():
    """A 决算 prints no 政府采购预算表: its pages name the missing table by the document's stage."""
    assert cq.procurement_table_name("预算") == "政府采购预算表"
    assert cq.procurement_table_name("决算") == "政府采购表"
    final = texts(open_page("pages/three_public.py", doc=CAIZHENGJU_2024))
    assert "本文件未列出政府采购表，无法对照公务用车的采购。" in final and "政府采购预算表" not in final
    budget = texts(open_page("pages/three_public.py", doc="shanghai_putuo_wanlijiedao_2024_bumen_yusuan"))
    assert "本文件未列出政府采购预算表，无法对照公务用车的采购。" in budget


def test_a_listing_printed_in_wan_is_summed_and_said_in_wan():
    # 江苏省人民检察院 2017 p16–18, 十二、政府采购支出预算表 (单位：万元): 合计 2,889.80; 培训费 700.00 and
    # 车辆维修和保养服务 267.80 (30231 公务用车运行维护费); 洪山's 附表1-11 prints 元 and keeps its 元
    doc = "jiangsu_jianchayuan_2017_bumen_yusuan"
    shown = texts(open_page("pages/purchases.py", doc=doc))
    assert "采购的各经济分类共 10 项，合计 2,889.80 万元；最大的是培训费（700.00 万元，占 24.22%）" in shown
    assert " 元，占" not in shown and "000.00 元" not in shown
    app = open_page("pages/three_public.py", doc=doc)
    assert "经济科目为 30231 的采购合计 **267.80 万元**（1 行：“车辆维修和保养服务”）" in texts(app)
    grid = next(frame.value for frame in app.dataframe if "item_name" in frame.value.columns)
    assert list(grid.columns) == ["item_name", "amount_wan"] and float(grid["amount_wan"].iloc[0]) == 267.8
    hongshan = texts(open_page("pages/three_public.py", doc="hongshan_kejingju_2023"))
    assert "经济科目为 30231 的采购合计 **" in hongshan and " 元**（" in hongshan
