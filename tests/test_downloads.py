"""What the downloads hold (tour2 D14): Excel amounts are numbers a clerk can sum, formatted to show the printed
digits; CSV keeps the exact text. Values read off the rendered PDF pages (pdftoppm -r 100)."""

from __future__ import annotations

import csv
import io
import zipfile
from xml.etree import ElementTree

import polars as pl

from budgetlens import canonical_queries, classification
from budgetlens import project_queries as pq
from budgetlens.store import load_snapshot
from components import projects_view
from components.classification_view import download_rows
from components.ui import export_bytes
from tests.conftest import SNAPSHOTS

GUIHUA = "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"
SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def economic_download(doc_id: str):
    snapshot = load_snapshot(SNAPSHOTS / doc_id)
    table = snapshot.table("basic_by_economic")
    choice = canonical_queries.coded_table_choice(snapshot.table("schedules"), table, classification.ECONOMIC_KINDS)
    rows = classification.coded_rows(table, choice.table_id)
    disputed = classification.disputes(snapshot.table("checks"), snapshot.tables.get("check_cells"))
    return download_rows(classification.coded_listing(rows, ("total_wan",), classification.ROOT_ID, disputed))


def excel_cells(xlsx: bytes) -> dict[str, tuple[str, str | None, str]]:
    """cell reference -> (value, type attribute, number format) of the first sheet; shared strings resolved."""
    book = zipfile.ZipFile(io.BytesIO(xlsx))
    shared = [
        "".join(t.text or "" for t in item.iter(f"{SHEET}t"))
        for item in ElementTree.fromstring(book.read("xl/sharedStrings.xml")).iter(f"{SHEET}si")
    ]
    styles = ElementTree.fromstring(book.read("xl/styles.xml"))
    codes = {fmt.get("numFmtId"): fmt.get("formatCode") for fmt in styles.iter(f"{SHEET}numFmt")}
    xfs = [xf.get("numFmtId") for xf in styles.find(f"{SHEET}cellXfs")]
    cells = {}
    for cell in ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml")).iter(f"{SHEET}c"):
        value = cell.findtext(f"{SHEET}v") or ""
        kind = cell.get("t")
        if kind == "s":
            value = shared[int(value)]
        cells[cell.get("r")] = (value, kind, codes.get(xfs[int(cell.get("s", "0"))], "General"))
    return cells


def test_excel_amounts_are_numbers_showing_the_printed_digits():
    """p16 (一般公共预算财政拨款基本支出决算表): 302 商品和服务支出 440.90, 30201 办公费 84.62,
    301 工资福利支出 4816.14."""
    files = export_bytes(economic_download(GUIHUA))
    cells = excel_cells(files["xlsx"])
    header = {value: ref.rstrip("0123456789") for ref, (value, _, _) in cells.items() if ref.endswith("1")}
    names = {value: ref[len(ref.rstrip("0123456789")) :] for ref, (value, _, _) in cells.items() if ref.startswith("B")}
    amount = header["合计（万元）"]
    for name, printed in (("商品和服务支出", "440.90"), ("办公费", "84.62"), ("工资福利支出", "4816.14")):
        value, kind, code = cells[f"{amount}{names[name]}"]
        assert kind is None or kind == "n", (name, kind)  # a number, not a text cell
        assert float(value) == float(printed) and code == "#,##0.00", (name, value, code)
    text = files["csv"].decode("utf-8-sig")
    assert "302,商品和服务支出,1,440.90," in text  # CSV: the exact text, no padding zeros


WANLI = "shanghai_putuo_wanlijiedao_2023_bumen_yusuan"


def test_the_projects_download_names_no_code_the_form_does_not_print():
    """p35 财政项目支出绩效目标填报表 (2023年度): 项目名称 公共服务设施运行经费, no project code on the form,
    年度资金申请总额 10,903,043.00 元; the document has no earlier years' budgets on its forms."""
    snapshot = load_snapshot(SNAPSHOTS / WANLI)
    table = pq.project_list(snapshot.tables, snapshot.manifest["budget_year"])
    frame = projects_view.download_frame(pq.filter_projects(table, pq.ProjectFilter()), snapshot.table("schedules"))
    header, *rows = csv.reader(io.StringIO(export_bytes(frame)["csv"].decode("utf-8-sig")))
    row = dict(zip(header, next(r for r in rows if r[0] == "公共服务设施运行经费"), strict=True))
    assert row["预算 2023（万元）"] == "1090.3043" and row["页码"] == "35"
    assert row["表"] == "财政项目支出绩效目标填报表"  # the printed title, not an internal table id
    assert "项目编号" not in header and "表编号" not in header  # no code printed on any form; ids are ours
    assert not [h for h in header if h.startswith("预算 2021") or h.startswith("预算 2022")]  # empty for every row
    caption = projects_view.download_caption(frame)
    assert caption.startswith(f"下载包括 {len(header)} 列：项目名称、") and "表" in caption


def test_the_projects_download_says_its_codes_in_words():
    """hongshan 2023 附表1-14, lines 840-846: 科学技术研究与开发资金 prints its 2021 and 2022 budgets (13,381 and
    23,000), so it is no new project and its earlier years are stated: in words, not true/false or stated."""
    snapshot = load_snapshot(SNAPSHOTS / "hongshan_kejingju_2023")
    table = pq.project_list(snapshot.tables, snapshot.manifest["budget_year"])
    frame = projects_view.download_frame(pq.filter_projects(table, pq.ProjectFilter()), snapshot.table("schedules"))
    header, *rows = csv.reader(io.StringIO(export_bytes(frame)["csv"].decode("utf-8-sig")))
    row = dict(zip(header, next(r for r in rows if r[2] == "科学技术研究与开发资金"), strict=True))
    assert (row["新增"], row["往年预算"]) == ("否", "已列出")
    assert (row["预算 2021（万元）"], row["预算 2022（万元）"]) == ("13381.00", "23000.00")
    kept = pl.read_parquet(io.BytesIO(export_bytes(frame)["parquet"])).filter(
        pl.col("project_name") == "科学技术研究与开发资金"
    )
    assert kept.select("is_new", "prior_years_status").row(0) == (False, "stated")  # programs: the dictionary's codes
