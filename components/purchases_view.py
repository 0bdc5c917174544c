"""The 政府采购与购买服务 page's text and tables, built from the canonical model's frames
(budgetlens.canonical_queries): the same for every document, whatever format it was read from. Pure functions; no
streamlit calls."""

from __future__ import annotations

import polars as pl

from budgetlens import canonical_queries as cq
from budgetlens.formatting import exact_amount, signed_amount, yuan
from components.figures import SHORT_LABEL
from components.ui import BLANK_CELL, NOT_PRINTED, plain

NOT_READ = "未读到"


def no_listing_words(kind: str, stated: bool) -> str:
    """What a document without a procurement listing lacks, in its kind's words (部门预算, 单位决算 … from its
    manifest): a budget's 政府采购预算表; a 决算 states the year's procurement in its narrative, no budget table."""
    if kind.endswith("决算"):
        where = "政府采购只在说明中写出（见下）" if stated else "说明中也没有写到政府采购"
        return f"本{kind}没有政府采购明细表（决算不列采购预算），{where}。"
    return f"本{kind}未包含政府采购预算表。"


def narrative_markdown(figures_frame: pl.DataFrame, parts: bool = False) -> list[str]:
    """The narrative's stated procurement totals, each with the check that held it against the tables (escaped);
    `parts`: 数据核对 holds the total against the parts the narrative states (parts_check_markdown, said next)."""
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
                f"，与{plain(row['check_actual_label'] or '表')}的 {exact_amount(row['check_actual'])} 万元不一致"
                f"（差额 {signed_amount(row['check_difference'])} 万元）。"
            )
        elif status == "not_applicable":  # no listing to hold it against: said so, not "cannot be checked"
            text += "；本文件没有可与它对照的采购明细表" + ("，它与说明所列各部分之和的核对见下。" if parts else "。")
        else:
            text += "。"
        texts.append(text)
    return texts


# How the listing's row is known to belong to its project (procurement.project_source); null: no project.
PROJECT_SOURCE_ZH = {
    "printed": "本行写出",
    "merged_cell": "与上方几行合并的一格写出",
    "row_above": "本行空白，承上",
    "previous_page": "本行空白，承上一页",
}


def parts_check_markdown(check: dict | None) -> str | None:
    """The narrative's procurement total against the sum of the parts it states, as 数据核对 reports it (escaped);
    None where no such check was made."""
    if check is None or check["status"] not in ("pass", "fail"):
        return None
    text = (
        f"说明中所列{plain(check['expected_label'])}之和 **{exact_amount(check['expected'])} 万元**，"
        f"所述政府采购金额 {exact_amount(check['actual'])} 万元"
    )
    if check["status"] == "pass":
        return text + "，二者一致（核对通过）。"
    return text + f"，二者不一致（差额 {signed_amount(check['difference'])} 万元，见数据核对）。"


def printed_listing(rows: pl.DataFrame) -> pl.DataFrame:
    """A listing's rows as printed, in printed order, with the printed text and page of each amount; beside the
    project cell as printed (blank where the row continues the project above), after the amounts, the project the
    row belongs to and how that is known."""
    return rows.select(
        pl.col("category").alias("采购品目大类"),
        pl.col("project").alias("专项名称"),
        pl.col("economic").alias("经济科目"),
        pl.col("item").alias("采购物品名称"),
        pl.col("method").alias("采购组织形式"),
        pl.col("amount_wan").map_elements(exact_amount, return_dtype=pl.String).fill_null("—").alias("金额（万元）"),
        pl.col("amount_printed").fill_null("").alias("原文"),
        pl.col("page").alias("页码"),
        pl.col("project_belongs_to").alias("所属专项"),
        pl.col("project_source").replace_strict(PROJECT_SOURCE_ZH, default=None).alias("所属专项依据"),
    )


def by_project_caption(by_project: pl.DataFrame) -> str:
    """How the breakdown by project is summed: a project's economic-class lines, the ones whose project cell is blank
    counted under the project printed above them; and what NO_PROJECT holds where a line belongs to none."""
    text = "各专项下经济科目行之和。"
    if by_project["continued"].sum():
        text += "原表专项名称只写在专项的第一行，其下专项名称一格空白的行计入上方写出的专项（跨页时接续上一页）。"
    if (by_project["project"] == cq.NO_PROJECT).any():
        text += f"{cq.NO_PROJECT}是专项名称空白、上方也没有写出专项的行。"
    return text + f"名称长于 {SHORT_LABEL} 字的在图中截短（…），全名见下表。"


def total_help(total: cq.Printed) -> str:
    """Where the listing's 合计 is printed: its amount in 元, and the printed text and page where read from a page."""
    text = yuan(total.amount_wan * cq.YUAN) if total.amount_wan is not None else BLANK_CELL
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


# The page's derived frames and text, each made once per snapshot (and per project choice) through data.cached: made
# afresh in every run, they cost polars filters and, as new frames, missed the grid's Arrow table kept per frame.


def schedule_labels(schedules: pl.DataFrame) -> dict[str, str]:
    """Every schedule's label (cq.schedule_label), by table_id; a table_id the schedules lack is labelled ""."""
    return {table_id: cq.schedule_label(schedules, table_id) for table_id in schedules["table_id"].unique()}


def services_listed(schedules: pl.DataFrame) -> bool:
    """Whether the document lists a purchased-services table (read or not)."""
    return bool((schedules["kind"] == "purchased_services").any())


def table_ids(frame: pl.DataFrame) -> list[str]:
    return frame["table_id"].unique(maintain_order=True).to_list()


def total_row(rows: pl.DataFrame) -> dict | None:
    """A listing's 合计 row (level 0), or None where it prints none."""
    total = rows.filter(pl.col("level") == 0)
    return None if total.is_empty() else total.row(0, named=True)


def project_options(lines: pl.DataFrame, service_lines: pl.DataFrame) -> list[str]:
    return sorted(set(lines["project_shown"].drop_nulls()) | set(service_lines["project_shown"].drop_nulls()))


def of_projects(lines: pl.DataFrame, chosen: tuple[str, ...]) -> pl.DataFrame:
    """The lines under the chosen projects (all where none is chosen)."""
    return lines.filter(pl.col("project_shown").is_in(chosen)) if chosen else lines


def selection_markdown(lines: pl.DataFrame, service_lines: pl.DataFrame, services_read: bool) -> str:
    """The chosen range's procurement and purchased-services sums."""
    services_part = (
        f"，购买服务 **{yuan(service_lines['amount_yuan'].sum())}**（其中已计入采购 "
        f"{yuan(service_lines.filter(pl.col('includes_procurement'))['amount_yuan'].sum())}）"
        if services_read
        else ""
    )
    return f"所选范围：采购 **{yuan(lines['amount_yuan'].sum())}**{services_part}。"


def without_box(frame: pl.DataFrame) -> pl.DataFrame:
    """A download's rows: everything but the cell box."""
    return frame.drop("box")


def procurement_grid(lines: pl.DataFrame) -> pl.DataFrame:
    """The procurement lines as the grid shows them, with their project and SME amount."""
    return lines.select(
        pl.col("project_shown").alias("project"),
        pl.col("item").alias("item_name"),
        "amount_yuan",
        "sme_amount_yuan",
        pl.col("economic").alias("economic_name"),
        pl.col("project").alias("project_name"),
    )


def services_grid(lines: pl.DataFrame) -> pl.DataFrame:
    """The purchased-services lines as the grid shows them."""
    return lines.select(
        pl.col("project_shown").alias("project"),
        "service_content",
        "amount_yuan",
        "includes_procurement",
        "catalog_level1",
        pl.col("project").alias("project_name"),
    )


def sme_note(summary: cq.PurchaseSummary, lines: pl.DataFrame) -> str | None:
    """Under the SME share: that it is ours and from what, in 元 as the listings print them."""
    if summary.sme_wan is None:
        return None
    listed = lines["amount_wan"].sum()
    return f"本程序计算：面向中小企业 {yuan(summary.sme_wan * cq.YUAN)} ÷ 各行采购金额之和 {yuan(listed * cq.YUAN)}"
