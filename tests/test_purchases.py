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
    assert "本文件未包含政府采购表。" in texts(app)
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
