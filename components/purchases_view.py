"""The 政府采购与购买服务 page's text and tables, built from the canonical model's frames
(budgetlens.canonical_queries): the same for every document, whatever format it was read from. Pure functions; no
streamlit calls."""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from budgetlens import canonical_queries as cq
from budgetlens.formatting import exact_wan, signed, yuan
from components.ui import NOT_PRINTED, plain

NOT_READ = "未读到"


def exact_or_dash(value: Decimal | None) -> str:
    return exact_wan(value) if value is not None else "—"


def narrative_markdown(figures_frame: pl.DataFrame) -> list[str]:
    """The narrative's stated procurement totals, each with the check that held it against the tables (escaped)."""
    texts = []
    for row in figures_frame.iter_rows(named=True):
        text = (
            f"说明（第 {row['page']} 页）：{plain(row['label'])} **{plain(row['amount_printed'])} "
            f"{plain(row['unit_printed'] or '万元')}**"
        )
        status = row["check_status"]
        if status == "pass":
            text += f"，与{plain(row['check_actual_label'] or '表')}一致（核对通过）。"
        elif status == "fail":
            text += (
                f"，与{plain(row['check_actual_label'] or '表')}的 {exact_or_dash(row['check_actual'])} 万元不一致"
                f"（差额 {signed(row['check_difference']) if row['check_difference'] is not None else '—'} 万元）。"
            )
        elif status == "not_applicable":
            text += "；表中没有可以对照的数（无法核对）。"
        else:
            text += "。"
        texts.append(text)
    return texts


def printed_listing(rows: pl.DataFrame) -> pl.DataFrame:
    """A listing's rows as printed, in printed order, with the printed text and page of each amount."""
    return rows.select(
        pl.col("category").alias("采购品目大类"),
        pl.col("project").alias("专项名称"),
        pl.col("economic").alias("经济科目"),
        pl.col("item").alias("采购物品名称"),
        pl.col("method").alias("采购组织形式"),
        pl.col("amount_wan").map_elements(exact_wan, return_dtype=pl.String).fill_null("—").alias("金额（万元）"),
        pl.col("amount_printed").fill_null("").alias("原文"),
        pl.col("page").alias("页码"),
    )


def total_help(total: cq.Printed) -> str:
    """Where the listing's 合计 is printed: its amount in 元, and the printed text and page where read from a page."""
    text = yuan(total.amount_wan * cq.YUAN) if total.amount_wan is not None else "原表空白"
    if total.page is not None:
        text += f"；原文 {plain(total.amount_printed)}，第 {total.page} 页"
    return text


def table_where(info: dict, label: str) -> str:
    """The listing's printed title (where the subheader names it by its number), pages and printed unit."""
    title = f"{plain(info['title'])} · " if info["title"] and info["title"] != label else ""
    pages = info["pages"] or []
    where = f"第 {'、'.join(map(str, pages))} 页 · " if pages else ""
    return f"{title}{where}原表单位：{plain(info['unit_printed'] or '未注明')}"


def services_absent(listed: bool) -> tuple[str, str]:
    """What the page says where no purchased-services line was read: the document lists such a table and the reader
    did not read its rows (未读到), or the document prints none (本文件未列出). Value and explanation."""
    if listed:
        return NOT_READ, "文件列有政府购买服务表，未读到其中的行。"
    return NOT_PRINTED, "本文件未列出政府购买服务表。"
