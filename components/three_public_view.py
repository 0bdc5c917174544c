"""The “三公”经费 page's text and table, built from the canonical model's frames (budgetlens.canonical_queries):
the same for every document, whatever format it was read from. Pure functions; no streamlit calls."""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from budgetlens import canonical_queries as cq
from budgetlens import overview_queries as oq
from budgetlens.column_words import BASIS_ZH, VALUE_ZH
from budgetlens.formatting import change_from, exact_amount, money, rate, signed_amount, signed_pct, wan, yuan
from budgetlens.money import percent
from budgetlens.overview_queries import LibraryPrior
from components.chart_text import parts_sentence
from components.ui import BLANK_CELL, NOT_PRINTED, plain, with_dashes
from components.year_changes_view import library_words

UNCOMPUTABLE_FROM_TABLE = "无法按表计算"  # a share whose table cell is blank (the text's amount gives it, said apart)
NOT_A_PART = ("total", "three_public_total", *cq.THREE_PUBLIC_RELATED)  # the table's totals and its other items


def amount_text(row: dict) -> str:
    """A cell's amount for a headline figure: exact, or 原表空白 for a blank cell (never 0). What the text states of
    a blank cell is said beside it, smaller, as what it is (stated_note): in the figure's place it read as the
    table's own number."""
    if row["amount_wan"] is not None:
        return exact_amount(row["amount_wan"])
    return BLANK_CELL


def stated_note(row: dict) -> str | None:
    """For a blank cell the text states: "文字说明所述 0.00 万元" (under the headline's 原表空白); else None."""
    if row["amount_wan"] is not None or row.get("stated_wan") is None:
        return None
    return f"文字说明所述 {exact_amount(row['stated_wan'])} 万元"


def blank_stated(row: dict) -> str:
    """For a blank cell the text states: "原表这一格空白；文字说明（第 23 页）所述 0.00 万元。"; else ""."""
    if row["amount_wan"] is not None or row.get("stated_wan") is None:
        return ""
    at = where(row.get("statement_lines") or [], row.get("statement_pages") or [])
    return f"原表这一格空白；文字说明（{at}）所述 {exact_amount(row['stated_wan'])} 万元。"


def stated_share(row: dict | None, printed: cq.Printed | None) -> Decimal | None:
    """The 三公 total's share of `printed` from the amount the text states where its cell is blank (else None)."""
    if row is None or printed is None or row["amount_wan"] is not None or row.get("stated_wan") is None:
        return None
    return percent(row["stated_wan"], printed.amount_wan)


def share_texts(what: str, share: Decimal | None, printed: cq.Printed | None, basis: str, row: dict | None):
    """A share of the 三公 total as a headline figure: (value, visible note, help). Every share is ours, computed from
    two printed amounts, and the note under it says so and from what (“三公”经费 47.91 万元 ÷ 基本支出 9,970.6020
    万元). Where the table's total is blank and only the text states it, the figure's place says the table gives no
    share, and the share worked out from the text's amount is said under it in words, never in the figure's type."""
    if printed is None:
        return "无法计算", None, f"本文件的表和文字说明中都没有读到{what}的合计。"
    of = f"{printed.label} {basis} 万元"
    printed_in = f"{of}（{plain(printed.table_title)}）"
    stated = stated_share(row, printed)
    if share is None and stated is not None:
        note = f"按文字说明所述 {exact_amount(row['stated_wan'])} 万元 ÷ {of} 推算为 {rate(stated)}"
        return UNCOMPUTABLE_FROM_TABLE, note, f"{printed_in}；{blank_stated(row)}{note}（本程序计算）。"
    if share is None:
        return "无法计算", None, f"{printed_in}；“三公”经费{'原表空白' if row else '本表未列出'}。"
    note = f"本程序计算：“三公”经费 {exact_amount(row['amount_wan'])} 万元 ÷ {of}"
    return rate(share), note, f"{printed_in}。"


def blank_names(shown: pl.DataFrame) -> str:
    """The blank cells' names, each with the amount the text states of it where it does (正文所述 0.00)."""
    blank = shown.filter(pl.col("amount_wan").is_null())
    return "、".join(
        plain(row["name"])
        + (f"（正文所述 {exact_amount(row['stated_wan'])}）" if row["stated_wan"] is not None else "")
        for row in blank.iter_rows(named=True)
    )


def stated_instead(shown: pl.DataFrame, final: bool) -> str:
    """Where the table prints no amount to draw: what the text states of its blank cells, in words (no chart)."""
    stated = shown.filter(pl.col("amount_wan").is_null(), pl.col("stated_wan").is_not_null())
    what = f"“三公”经费{'的决算数' if final else ''}"
    if stated.is_empty():
        return f"原表中{what}都是空白，文字说明中也没有读到这些金额。"
    pages = sorted({p for found in stated["statement_pages"].to_list() for p in (found or ())})
    lines = sorted({n for found in stated["statement_lines"].to_list() for n in (found or ())})
    rows = stated.iter_rows(named=True)
    said = "，".join(f"{plain(row['name'])} {exact_amount(row['stated_wan'])} 万元" for row in rows)
    return f"原表中{what}都是空白（没有可画的金额）；文字说明（{where(lines, pages)}）所述：{said}。"


def where(lines: list[int] | tuple[int, ...], pages: list[int] | tuple[int, ...]) -> str:
    """Where something was printed: 第 N 页 for a PDF, 第 N 行 for a text export's lines."""
    if pages:
        return f"第 {'、'.join(map(str, sorted(set(pages))))} 页"
    if lines:
        return f"第 {'、'.join(map(str, sorted(set(lines))))} 行"
    return "原文位置未记录"


def total_row(three: pl.DataFrame, figures: pl.DataFrame, execution: pl.DataFrame) -> dict | None:
    """The 三公 table's total as the page shows it (a 决算's 决算数), with what the narrative states of it."""
    lines = cq.three_public_shown(cq.three_public_lines(three, figures, execution))
    total = lines.filter(pl.col("item") == "three_public_total")
    return total.row(0, named=True) if total.height else None


def total_change(row: dict, earlier: LibraryPrior | None) -> tuple[str, str, Decimal | None]:
    """The 三公 total's change from the year before as (the words under the figure, where they come from, the change):
    the narrative's where it states one, else the change from the library's document of the year before (its own 三公
    total, `earlier`), else that the text states none."""
    if row["compared_year"] is not None:
        came_from = "是" + cq.FROM_PARTS_ZH if row["change_from_parts"] else "来自文字说明"
        at = where(row["statement_lines"], row["statement_pages"])
        return change_words(row), f"与 {row['compared_year']} 年的比较{came_from}（{at}）。", row["change_wan"]
    if row["direction_only"] is not None and (earlier is None or row["amount_wan"] is None):
        at = where(row["statement_lines"], row["statement_pages"])
        how = "由文字说明所述各项的增减方向推得" if row["change_from_parts"] else "文字说明只写了方向"
        return change_words(row), f"与上年的比较{how}，没有写金额（{at}）。", None
    if earlier is None or row["amount_wan"] is None:
        return change_words(row), "文字说明中没有读到与上年的比较。", None
    moved = (
        "持平"
        if not earlier.change_wan
        else f"{'增加' if earlier.change_wan > 0 else '减少'} {wan(abs(earlier.change_wan))}"
    )
    said = f"比文件库中 {earlier.year} 年的文件{moved}（{signed_pct(earlier.change_pct)}）"
    came_from = (
        f"文字说明中没有读到与上年的比较；{earlier.year} 年数来自文件库中的 {earlier.year} 年文件"
        f"（{earlier.label}：“三公”经费 {exact_amount(earlier.previous_wan)} 万元）。"
    )
    return said, came_from, earlier.change_wan


def standout(row: dict, earlier: LibraryPrior | None) -> str | None:
    """The 三公 total's change as 概览's 值得注意 says it, where it changed: the narrative's stated change (with the
    rate from the amount it implies for the year before), else the library's document of the year before."""
    if row["compared_year"] is not None and row["change_wan"]:
        said = cq.FROM_PARTS_ZH if row.get("change_from_parts") else "文字说明所述"
        # the rate is ours, from the amounts the text states: the text states the change, not always a rate
        rate = (
            f"；按所述金额计算为 {signed_pct(percent(row['change_wan'], row['previous_wan']))}"
            if row["previous_wan"]
            else ""
        )
        return f"“三公”经费{change_from(str(row['compared_year']), row['change_wan'])}（{said}{rate}）。"
    if row["compared_year"] is None and earlier is not None and earlier.change_wan:
        moved = "增加" if earlier.change_wan > 0 else "减少"
        return (
            f"“三公”经费比文件库中 {earlier.year} 年的文件{moved} {exact_amount(abs(earlier.change_wan))} 万元"
            f"（{signed_pct(earlier.change_pct)}）。"
        )
    return None


def change_words(row: dict) -> str:
    """An item's change as the narrative states it (与 2022 年持平, 比 2023 年增加 25.00 万元)."""
    if row["compared_year"] is None and row.get("direction_only"):  # 本年数小于上年预算数: the way, no amount
        return f"{'' if row.get('change_from_parts') else '文字说明写了'}比上年{cq.direction_words(row)}"
    if row["compared_year"] is None:
        return "文字说明中没有读到与上年的比较"
    summed = f"（{cq.FROM_PARTS_ZH}）" if row.get("change_from_parts") else ""
    return change_from(str(row["compared_year"]), row["change_wan"]) + summed


def summary_markdown(shown: pl.DataFrame, year: int, *, final: bool) -> str:
    """The 三公 total and its stated change, then the items the table states as zero, by name, and whether the
    document gives a reason for each (escaped)."""
    total = shown.filter(pl.col("item") == "three_public_total")
    if total.is_empty():
        return ""
    row = total.row(0, named=True)
    if row["amount_wan"] is not None:
        amount = f"**{wan(row['amount_wan'])}**"
    elif row["stated_wan"] is not None:
        at = where(row["statement_lines"] or [], row["statement_pages"] or [])
        amount = f"原表空白，文字说明（{at}）所述 **{wan(row['stated_wan'])}**"
    else:
        amount = BLANK_CELL
    compared = shown.filter(~pl.col("item").is_in(NOT_A_PART), pl.col("compared_year").is_not_null())
    # the parts' changes are stated, the total's is not (not even by its way: 本年数小于上年预算数)
    if row["compared_year"] is None and not row["direction_only"] and compared.height:
        names = "、".join(plain(name) for name in compared["name"])
        said = f"文字说明中没有读到合计与上年的比较；读到了{names}与上年的比较（见下表）"
    else:
        said = change_words(row)
    only_way = shown.filter(~pl.col("item").is_in(NOT_A_PART), pl.col("direction_only").is_not_null())
    if only_way.height:  # 本年数小于上年预算数, with no amount
        ways = VALUE_ZH["change_direction"]
        said += "；" + "，".join(
            f"{'、'.join(plain(name) for name in group['name'])}只写了比上年{ways[way]}，没有写金额"
            for (way,), group in only_way.group_by("direction_only", maintain_order=True)
        )
    spaced = " " if amount.startswith("**") else ""  # a number spaced from the words, 原表空白 not
    text = f"{year} 年“三公”经费{'决算数' if final else ''}{spaced}{amount}，{said}。"
    zeros = shown.filter(~pl.col("item").is_in(NOT_A_PART), pl.col("amount_wan") == 0)
    # a part of an item that is 0 is 0 with it: named once, by the item (公务用车购置及运行费, not its two parts too)
    zeros = zeros.filter(~pl.col("parent_item").is_in(zeros["item"].to_list()).fill_null(False))
    if zeros.height:
        text += f"{'、'.join(plain(name) for name in zeros['name'])}为 0，照原文列出"
        unexplained = zeros.filter(pl.col("reason_stated").is_null())["name"].to_list()
        if not unexplained:
            text += "，文件说明了原因（见下表“文件给出的原因”）。"
        else:
            text += f"；没有读到文件说明{'、'.join(plain(name) for name in unexplained)}为何为 0。"
    return text


def basis_words() -> pl.Expr:
    """What a 三公 cell's amount is, as its column heading prints it (…/合计/预算数 → 预算数), else in our words."""
    printed = pl.col("measure_printed").str.extract(r"/((?:年初|全年)?(?:预算|决算)数?)$", 1)
    return printed.fill_null(pl.col("basis").replace_strict(BASIS_ZH, default=pl.col("basis")))


def check_marks(lines: pl.DataFrame, checks: pl.DataFrame, sides: pl.DataFrame) -> tuple[tuple[bool, ...], str]:
    """Which lines a failing check disputes (oq.flag_rows, as 概览 and the brief mark them), and the sentence naming
    them with what the checks set against them (empty where none is)."""
    disputes = oq.Disputes(checks, sides)
    marked = tuple(disputes.marked_rows(lines))
    return marked, "".join(disputes.note())


def listing(
    lines: pl.DataFrame, years: tuple[tuple[str, int], ...] = (), disputed: tuple[bool, ...] = ()
) -> pl.DataFrame:
    """The table's cells for the grid: name (indented by nesting), amount, and, where the document holds them, the
    narrative's stated change and the 上年 amount derived from it, what the library's earlier document prints for
    that 上年 (lines with_library_checks; `years`: (doc_id, its year) pairs), ⚠ where it differs, and the reason it
    states; the printed text, page and column heading where the cell was read from a page."""
    name = pl.lit("　").repeat_by(pl.col("depth")).list.join("") + pl.col("name")
    if lines["basis"].n_unique() > 1:  # a 决算 prints 预算数 beside 决算数: each row says which, in the table's words
        name = name + "（" + basis_words() + "）"
    checked = "library_status" in lines.columns and lines["library_status"].is_not_null().any()
    # the mark where the row starts (the library's column is far right on a phone): the library's earlier document
    # differs, or a failing check of this document disputes the line (`disputed`, one per line: check_marks)
    marked = pl.Series(disputed or (False,) * lines.height, dtype=pl.Boolean)
    if checked:
        marked = marked | (lines["library_status"] == "fail").fill_null(False)
    name = pl.when(pl.lit(marked)).then(name + " ⚠").otherwise(name)
    columns = [name.alias("项目"), pl.col("amount_wan").alias("金额")]
    # the change right after the amount: on a phone the third column is the last one in view
    if lines["change_wan"].is_not_null().any():
        columns.append(pl.col("change_wan").alias("增减"))
    if lines["direction_only"].is_not_null().any():  # 本年数小于上年预算数: which way, and no amount to show
        said = [cq.direction_words(row) if row["direction_only"] else None for row in lines.iter_rows(named=True)]
        columns.append(pl.Series(WAY_COLUMN, said, dtype=pl.String))
    if (lines["amount_wan"].is_null() & lines["stated_wan"].is_not_null()).any():  # a blank cell the text states
        columns.append(pl.when(pl.col("amount_wan").is_null()).then(pl.col("stated_wan")).alias("正文所述"))
    if lines["change_wan"].is_not_null().any():
        columns.append(pl.col("previous_wan").alias("上年（推算）"))
    if checked:
        said = [library_words(row, dict(years)) for row in lines.iter_rows(named=True)]
        columns.append(pl.Series(LIBRARY_COLUMN, said, dtype=pl.String))
    if lines["reason_stated"].is_not_null().any():  # after the numbers: a long reason pushed them off a phone's grid
        columns.append(pl.col("reason_stated").alias("文件给出的原因"))
    if lines["page"].is_not_null().any():
        columns += [
            pl.when(pl.col("amount_printed") == "")
            .then(pl.lit("（空白）"))
            .otherwise(pl.col("amount_printed"))
            .alias("原文"),
            pl.col("page").alias("页码"),
            pl.col("measure_printed").alias("原表列名"),
        ]
    return lines.select(columns)


NUMBER_COLUMNS = ("金额", "正文所述", "增减", "上年（推算）")
WAY_COLUMN = "所述增减方向"
LIBRARY_COLUMN = "本库上一年文件"


def grid_listing(listing: pl.DataFrame) -> pl.DataFrame:
    """The listing for the grid: a number column with an empty cell (a blank cell, an item without a stated
    change) as text with "—", which the grid would print as None; the downloads keep the exact values."""
    gaps = [c for c in NUMBER_COLUMNS if c in listing.columns and listing[c].is_null().any()]
    shown = with_dashes(listing, {column: signed_amount if column == "增减" else exact_amount for column in gaps})
    if {WAY_COLUMN, "增减"} <= set(shown.columns):  # a change said only by its way, in the change's own column
        shown = shown.with_columns(pl.coalesce(WAY_COLUMN, "增减").alias("增减")).drop(WAY_COLUMN)
    return shown


def compared_year(lines: pl.DataFrame) -> int | None:
    years = lines["compared_year"].drop_nulls()
    return int(years[0]) if years.len() and years.n_unique() == 1 else None


def vehicle_markdown(
    shown: pl.DataFrame, context: cq.ThreePublicContext, three_table: str, procurement_table: str
) -> str:
    """公务用车运行费 in the 三公 table, the economic table's 30231 line and the procurement listed under that
    economic class, side by side; whether the procurement exceeds the running cost is computed (escaped).
    `procurement_table`: what the document's procurement listing is called (cq.procurement_table_name)."""
    found = shown.filter(pl.col("item") == "vehicle_operation")["amount_wan"]
    operation = found.first() if found.len() else None
    operation_text = f"**{wan(operation)}**" if operation is not None else (BLANK_CELL if found.len() else "本表未列出")
    running = context.vehicle_running
    if running is None:
        running_text = f"经济科目 {cq.VEHICLE_RUNNING_CODE}：{NOT_PRINTED}这一行"
    else:
        amount = f"**{money(running.amount_wan, '万元')}**" if running.amount_wan is not None else BLANK_CELL
        where_printed = plain(running.table_title)
        running_text = f"经济科目 {cq.VEHICLE_RUNNING_CODE} {plain(running.label)}（{where_printed}）{amount}"
    text = f"- 公务用车运行费（{plain(three_table)}）{operation_text}，{running_text}。\n"
    lines = context.vehicle_procurement
    if not context.procurement_listed:
        return text + f"- {NOT_PRINTED}{procurement_table}，无法对照公务用车的采购。"
    if not lines.height:
        return text + f"- {procurement_table}中没有经济科目为 {cq.VEHICLE_RUNNING_CODE} 的采购。"
    procured: Decimal = context.vehicle_procurement_wan
    if operation is None:
        compared = f"{plain(three_table)} 没有列出运行费，无法比较"
    elif procured <= operation:
        compared = "不超过运行费"
    else:
        compared = f"比运行费多 {wan(procured - operation)}"
    names = "".join(f"“{plain(name)}”" for name in lines["name"])
    in_unit = yuan(procured * 10000) if cq.listing_unit(lines) == "元" else wan(procured)  # as the listing prints it
    total = f"**{in_unit}**（{lines.height} 行：{names}）"
    return text + f"- {procurement_table}中经济科目为 {cq.VEHICLE_RUNNING_CODE} 的采购合计 {total}，{compared}。"


def chart_items(shown: pl.DataFrame) -> pl.DataFrame:
    """The cells the chart draws: the 三公 items, without the other items some tables print beside them."""
    return shown.filter(~pl.col("item").is_in(cq.THREE_PUBLIC_RELATED))


def chart_sentence(shown: pl.DataFrame, final: bool) -> str:
    """The chart's text alternative: the parts of the 三公 total, from the chart's own numbers."""
    parts = shown.filter(pl.col("depth") == 1).select("name", "amount_wan").rows()
    return parts_sentence(parts, what=f"“三公”经费{'的决算数' if final else ''}")


def vehicle_grid(vehicles: pl.DataFrame) -> pl.DataFrame:
    """The 30231 procurement lines: name, and the amount in the unit the listing prints (cq.listing_unit)."""
    return vehicles.select(pl.col("name").alias("item_name"), cq.AMOUNT_IN[cq.listing_unit(vehicles)])


def execution_blank_stated(table: pl.DataFrame) -> str:
    """A 决算's 三公 items whose 决算数 cell is blank and whose 决算数 the narrative states, in words (with the
    pages); "" where there are none. The cell stays blank; the comparison uses the stated figure, and says so."""
    stated = table.filter(pl.col("actual_wan").is_null(), pl.col("actual_stated_wan").is_not_null())
    if stated.is_empty():
        return ""
    rows = stated.iter_rows(named=True)
    said = "，".join(f"{row['name_zh']} {exact_amount(row['actual_stated_wan'])} 万元" for row in rows)
    pages = sorted({p for p in stated["statement_page"].to_list() if p is not None})
    at = f"（第 {'、'.join(map(str, pages))} 页）" if pages else ""
    return f"原表空白的决算数，文字说明{at}写出：{said}。差额和完成率按这些正文所述的数计算，表中的格仍是空白。"
