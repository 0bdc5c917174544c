"""The code pages' grid frames and sentences (支出功能分类, 经济分类), from `budgetlens.classification`'s frames, the
same for every document. Pure functions; no streamlit calls."""

from __future__ import annotations

from urllib.parse import urlencode

import polars as pl

from budgetlens.canonical_queries import NAME_NOT_READ, OCR_COLUMN, SCOPE_ZH, CodedChoice
from budgetlens.formatting import exact_amount
from components.ui import grid_places, plain

CLASS_SUFFIX = "支出"  # 工资福利支出 → 工资福利 in the economic page's subtitle
# The heading figure of a node whose row the table does not print (a table without a 合计 row): what it is
UNPRINTED_TOTAL = "本表没有合计行，上面的金额是它下一级各行列示数之和。"
NAME_WIDTH = 130  # px of the grid's name column: at 390 px the code before it and the amount after it show whole


def check_links(rows: pl.DataFrame, doc_id: str, listing: dict[str, str]) -> pl.Series:
    """`check_link`: where each row's ⚠ leads (none where no failing check cites the row): the checks citing its first
    line, or the document's failing checks (on the `listing` view the link names: {"view": "all"} or {})."""
    failing = {"doc": doc_id, **listing, "status": "fail"}
    links = [
        f"/checks?{urlencode({'doc': doc_id, 'line': lines[0]} if lines else failing)}" if flag else None
        for flag, lines in zip(rows["check_flag"].to_list(), rows["source_lines"].to_list(), strict=True)
    ]
    return pl.Series("check_link", links, dtype=pl.String)


def marked_rows(listed: pl.DataFrame, doc_id: str, measures: tuple[str, ...]) -> pl.DataFrame:
    """The grid beside the chart, in `listed`'s order (a selected row is `listed`'s): the name with a ⚠ before it
    where a failing check cites the row, every measure, the code, a link to the checks, and the OCR confidence where
    some row was read from a scanned page."""
    name = pl.when(pl.col("check_flag")).then(pl.lit("⚠ ") + pl.col("name")).otherwise(pl.col("name"))
    ocr = ["ocr_confidence"] if listed["ocr_confidence"].is_not_null().any() else []
    return listed.select(name.alias("name"), *[m for m in measures if m in listed.columns], "code", *ocr).with_columns(
        check_links(listed, doc_id, {"view": "all"})
    )


def all_columns(listed: pl.DataFrame) -> pl.DataFrame:
    """The "全部金额列" grid: every column but the cells' boxes (drawn only on selection)."""
    return listed.drop("box", "source_lines", "check_rules", "ocr_confidence")


def download_rows(listed: pl.DataFrame) -> pl.DataFrame:
    """The rows as downloaded: every measure exact, the source (lines, or page and box), the checks."""
    rows = listed.drop("ocr_confidence") if listed["ocr_confidence"].is_null().all() else listed
    return rows.with_columns(
        pl.col(column).cast(pl.Decimal(dtype.precision, grid_places(rows[column])))
        for column, dtype in rows.schema.items()
        if isinstance(dtype, pl.Decimal)
    )


def ocr_note(listed: pl.DataFrame) -> str | None:
    """How many rows were read by OCR from a scanned page (and what the confidence column is); None when none."""
    count = listed["ocr_confidence"].is_not_null().sum()
    if not count:
        return None
    return f"其中 {count} 行读自扫描页（OCR 识别），“{OCR_COLUMN}”列是识别的把握（0–1）。"


def drawn_differs_note(node: dict) -> str | None:
    """Where a node's chart area (the sum of the lowest rows beneath it) is not the figure the page heads it with: both,
    with every printed digit; None where they agree."""
    if node["shown_wan"] == node["amount_wan"]:
        return None
    drawn = exact_amount(node["amount_wan"])
    if node["shown_printed"]:
        return (
            f"表中此行列示 {exact_amount(node['shown_wan'])} 万元，而它下级各行之和是 {drawn} 万元。"
            "图中的面积按下级之和画出。"
        )
    return (
        f"它下一级各行列示数之和是 {exact_amount(node['shown_wan'])} 万元，而最下级各行之和是 {drawn} 万元。"
        "图中的面积按最下级各行之和画出。"
    )


def where_printed(choice: CodedChoice, label: str) -> str:
    """The grid's caption: the table as the document numbers it, its pages where it has pages, and its printed unit
    where that is not the 万元 shown."""
    pages = f" 第 {'、'.join(map(str, choice.pages))} 页" if choice.pages else ""
    unit = (
        f"（原表单位：{plain(choice.unit_printed)}，此处换算为万元）"
        if choice.unit_printed and choice.unit_printed != "万元"
        else ""
    )
    return f"{plain(label)}{pages}{unit}的原数。"


def table_facts(choice: CodedChoice, others: int) -> str:
    """The chosen table in full: its printed title, money scope, pages, unit, and how many tables of its kind more."""
    parts = [
        f"本页画的是“{plain(choice.title)}”",
        f"资金范围：{SCOPE_ZH.get(choice.scope, choice.scope)}",
        *([f"第 {'、'.join(map(str, choice.pages))} 页"] if choice.pages else []),
        f"原表单位：{plain(choice.unit_printed or '未注明')}（此处为万元）",
    ]
    if others:
        parts.append(f"同类的表还有 {others} 张，见“数据与来源”")
    return " · ".join(parts) + "。"


def class_names(rows: pl.DataFrame, shown: int = 3) -> str:
    """The table's first classes (类) in its order, 支出 dropped (工资福利、商品和服务、对个人和家庭的补助 …)."""
    names = rows.filter(pl.col("level") == 1, pl.col("name") != NAME_NOT_READ)["name"].to_list() if rows.height else []
    listed = "、".join(name.removesuffix(CLASS_SUFFIX) for name in names[:shown])
    return listed + (" …" if len(names) > shown else "")
