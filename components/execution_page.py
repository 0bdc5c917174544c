"""预算执行 (budget against actual): the page's layout. On a 决算: the execution by 类/款/项 and in total (the
budget, 年初 and 全年 where both are stated, the actual, the rate computed exactly and beside it the rate and the
reason the document states), sorted by the size of the gap; 三公 budget against actual; the chart with its sentence;
each number's place in the PDF. On a 预算: that a budget has no execution figures, and the same department's 决算 in
the library, when there is one. Every label comes from the document or the model's vocabularies.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import polars as pl
import streamlit as st

from budgetlens import canonical_queries as cq
from budgetlens.formatting import exact_amount, rate, signed_amount
from budgetlens.library_queries import document_stage
from budgetlens.store import Snapshot
from components import chart_text, data, figures, library, source_view, state, three_public_view, ui
from components.frame import page_title
from components.ui import plain

LEVELS = {"3": "项", "2": "款", "1": "类"}  # ?level=; the narrative states its execution per 项
NOT_STATED = "未说明"
BASIS_ZH = {"budget_full": "全年预算", "budget_initial": "年初预算", "budget": "预算"}


def _table_title(snapshot: Snapshot, table_id: str | None) -> str:
    return cq.table_title(snapshot.table("schedules"), table_id) if table_id else ""


def render(doc_id: str, snapshot: Snapshot) -> None:
    if document_stage(snapshot.manifest) != "决算":
        budget_document(doc_id, snapshot)
        return
    page_title("预算执行", snapshot, "预算数与决算数 · 金额单位：万元")
    rows = data.cached(doc_id, cq.execution_by_code, snapshot.tables)  # `level` 0 (the total) to 3 (项)
    _total(snapshot, rows.filter(pl.col("level") == 0))
    st.caption(
        "完成率（计算）= 决算数 ÷ 预算数，由本文件的数字逐分算出；文件写了全年预算的按全年预算算，否则按年初预算。"
        "决算数取自决算表，预算数取自说明；“文件所述”照说明原文。"
    )
    _by_code(doc_id, snapshot, rows)
    three_public_section(doc_id, snapshot)


def _total(snapshot: Snapshot, total: pl.DataFrame) -> None:
    if total.is_empty():
        st.info("本文件的说明没有写出支出总的预算数和决算数。", icon=":material/info:")
        return
    row = total.row(0, named=True)
    stated_at = f"说明第 {row['statement_page']} 页" if row["statement_page"] is not None else None
    kpis = [
        ui.Kpi(
            "年初预算（万元）",
            exact_amount(row["budget_initial_wan"]) if row["budget_initial_wan"] is not None else NOT_STATED,
            help=stated_at,
        )
    ]
    if row["budget_full_wan"] is not None:
        kpis.append(ui.Kpi("全年预算（万元）", exact_amount(row["budget_full_wan"]), help=stated_at))
    kpis += [
        ui.Kpi(
            "决算数（万元）",
            exact_amount(row["actual_wan"]) if row["actual_wan"] is not None else NOT_STATED,
            help=plain(f"{_table_title(snapshot, row['actual_table_id'])} 第 {row['actual_page']} 页")
            if row["actual_page"] is not None
            else None,
        ),
        ui.Kpi(
            "完成率（计算）",
            rate(row["rate"]),
            help=f"决算数 ÷ {BASIS_ZH.get(row['budget_basis'] or '', '预算数')}",
        ),
        ui.Kpi("完成率（文件所述）", row["rate_printed"] or NOT_STATED, help=stated_at),
    ]
    ui.kpi_row(kpis)
    if said := rates_apart(row["rate"], row["rate_printed"]):
        st.caption(said)
    if row["actual_table_id"] is not None:  # which money: a 一般公共预算 table's 决算数 is not the 决算总额
        scope = cq.table_info(snapshot.table("schedules"), row["actual_table_id"])["scope"]
        table = plain(_table_title(snapshot, row["actual_table_id"]))
        money = f"{cq.SCOPE_ZH[scope]}支出（{table}的合计）" if scope in cq.SCOPE_ZH else f"{table}的合计"
        st.caption(f"口径：{money}。")
    if row["reason_stated"]:
        st.markdown(f"文件所述原因：{plain(row['reason_stated'])}")
    elif row["comparison_stated"]:
        st.markdown(f"文件所述：{plain(comparison_text(row['comparison_stated']))}。")


def rates_apart(computed: Decimal | None, printed: str | None) -> str:
    """Why the rate we compute and the one the document states differ, where they do at the document's decimals:
    规划 2024 决算's 9,746.50 ÷ 10,210.34 = 95.4571…% is 95.46% rounded; its 95.45% is that rate cut, not rounded."""
    stated = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*[%％]\s*", printed or "")
    if computed is None or stated is None:
        return ""
    value = Decimal(stated.group(1))
    step = Decimal(1).scaleb(value.as_tuple().exponent)
    rounded = computed.quantize(step, rounding=ROUND_HALF_UP)
    if rounded == value:
        return ""
    cut = computed.quantize(Decimal("0.0001"), rounding=ROUND_DOWN)
    exact = f"{computed.normalize():f}" if cut == computed else f"{cut}…"  # 90 of 100 is 90%, not 90.0000…%
    said = f"决算数 ÷ 预算数 = {exact}%，四舍五入为 {rounded}%"
    if computed.quantize(step, rounding=ROUND_DOWN) == value:
        return f"{said}；文件写作 {stated.group(1)}%，是舍去而不是四舍五入的结果。"
    return f"{said}，与文件所述的 {stated.group(1)}% 不同。"


def comparison_text(comparison: str) -> str:
    """The document's comparison word in its own sentence: 决算数与预算数基本持平, 决算数小于预算数."""
    return f"决算数与预算数{comparison}" if "持平" in comparison else f"决算数{comparison}预算数"


def _listing(rows: pl.DataFrame) -> pl.DataFrame:
    stated = pl.coalesce(pl.col("reason_stated"), pl.col("comparison_stated").map_elements(comparison_text, pl.String))
    return rows.select(
        pl.col("code").alias("编码"),
        pl.col("name").alias("科目名称"),
        pl.col("budget_initial_wan").alias("年初预算"),
        pl.col("budget_full_wan").alias("全年预算"),
        pl.col("actual_wan").alias("决算数"),
        pl.col("actual_stated_wan").alias("说明所述决算数"),
        pl.col("gap_wan").alias("差额"),
        pl.col("rate").alias("完成率（计算）"),
        pl.col("rate_printed").alias("完成率（文件所述）"),
        stated.alias("文件所述原因"),
        pl.col("statement_page").alias("说明页码"),
        pl.col("actual_page").alias("决算数页码"),
    )


MONEY_COLUMNS = ("年初预算", "全年预算", "决算数", "说明所述决算数")
NAME_WIDTH = 112  # px of the pinned name: where every name fits three lines in it (most documents, most levels)
WIDEST_NAME = 200  # px: the most it takes where one name needs more lines (the budget and the actual still in view)
# The name first and pinned, narrow enough that the amounts follow it on a phone (390 px: the name, the budget and
# the actual in view, the gap and the rate next, the rest by scrolling beside the pinned name); short headers, the
# unit said once above the grid; the code after the amounts.
# The document's rate and reason right after ours (the reason also said in full under the grid, reasons_by_item),
# the narrative's own 决算数 and the code after them.
LISTING_COLUMNS = {
    "科目名称": st.column_config.TextColumn("科目名称", width=NAME_WIDTH, pinned=True),
    **{name: ui.dash_column(name, unit=None) for name in (*MONEY_COLUMNS[:3], "差额")},  # 万元, said above the grid
    "完成率（计算）": st.column_config.TextColumn("完成率（计算）", alignment="right"),
    "完成率（文件所述）": st.column_config.TextColumn("完成率（文件所述）"),
    "文件所述原因": st.column_config.TextColumn("文件所述原因", width="large"),
    MONEY_COLUMNS[3]: ui.dash_column(MONEY_COLUMNS[3], unit=None),
    "编码": st.column_config.TextColumn("编码", width="small"),
    "说明页码": st.column_config.NumberColumn("说明页码", width="small"),
    "决算数页码": st.column_config.NumberColumn("决算数页码", width="small"),
}
# Columns left out of the grid where no row of the document has a value (the downloads keep them).
OPTIONAL_COLUMNS = ("年初预算", "全年预算", "说明所述决算数", "完成率（文件所述）", "文件所述原因")


def _shown(listing: pl.DataFrame) -> pl.DataFrame:
    """The listing as the grid shows it: exact amounts as text, "—" where there is no number (the grid would print
    None), and a budget column (年初 / 全年), the narrative's 决算数, rate or reason only where the document states
    one for some row."""
    empty = [c for c in OPTIONAL_COLUMNS if listing[c].null_count() == listing.height]
    formats = {c: exact_amount for c in MONEY_COLUMNS} | {"差额": signed_amount, "完成率（计算）": rate}
    return ui.with_dashes(listing, formats).drop(empty)


def reasons_by_item(listing: pl.DataFrame) -> list[tuple[str, list[str]]]:
    """Each reason the document states (or its comparison word), with the items it is given for, in the grid's order:
    the reasons in full where a grid column would cut them."""
    grouped: dict[str, list[str]] = {}
    for name, reason in listing.select("科目名称", "文件所述原因").iter_rows():
        if reason:
            grouped.setdefault(reason, []).append(name or "（未印名称）")
    return list(grouped.items())


def unpaired_words(rows: pl.DataFrame) -> str:
    """The rows that stand alone: an item the narrative states under names no row of the table has (no code), and a
    row of the table the narrative does not state; each shows only its own side (规划 2024 决算: 说明's …/机关事业单位
    退休人员活动费支出 0.88 and the table's 2080599 其他行政事业单位养老支出 0.88). Escaped; "" where none."""
    said = rows.filter(pl.col("code").is_null(), pl.col("statement_page").is_not_null())
    printed = rows.filter(pl.col("code").is_not_null(), pl.col("statement_page").is_null())
    if said.is_empty():
        return ""
    names = "、".join(f"“{plain(name)}”" for name in said["name"])
    text = f"说明所写的{names}，决算表中没有同名的科目，这 {said.height} 行只有说明的数字"
    amounts = set(pl.concat([said["actual_stated_wan"], said["budget_wan"]]).drop_nulls().to_list())
    alike = printed.filter(pl.col("actual_wan").is_in(list(amounts)))  # a name the narrative may mean: same amount
    if alike.height:
        table_names = "、".join(f"“{plain(name)}”（{code}）" for name, code in alike.select("name", "code").rows())
        text += f"；表中决算数与之相同的{table_names}，说明中没有以这个名称写到"
    if printed.height > alike.height:
        text += f"；表中另有 {printed.height - alike.height} 个科目说明中没有写到"
    return text + "。名称不同，本程序不把它们当作同一项（见数据核对）。"


def by_gap(rows: pl.DataFrame) -> pl.DataFrame:
    """The execution rows, largest gap first by size, either sign; rows without a gap (no budget stated, or no
    actual printed) last, in the document's order."""
    return (
        rows.with_row_index("order")
        .sort(pl.col("gap_wan").abs(), "order", descending=[True, False], nulls_last=True)
        .drop("order")
    )


def printed_or_blank(printed: str | None, amount: object) -> str:
    """A cell as the reader should read it: its printed text, or 原表空白 (a blank cell is not 0)."""
    if amount is None:
        return ui.BLANK_CELL if printed is not None else "未列出"
    return printed or ""


def _by_code(doc_id: str, snapshot: Snapshot, rows: pl.DataFrame) -> None:
    st.header("按支出功能分类", anchor=False)
    present = [level for level in LEVELS if rows.filter(pl.col("level") == int(level)).height]
    if not present:
        st.info("本文件没有按科目列出决算数，说明中也没有按科目写出预算数。", icon=":material/info:")
        return
    state.notice_if_invalid({"level": present})
    level = state.choice(
        st.segmented_control,
        "科目层级",
        present,
        key="level",
        default=present[0],
        format_func=LEVELS.__getitem__,
        required=True,
    )
    shown = data.cached(doc_id, by_gap, data.rows_where(doc_id, rows, "level", int(level)))
    stated = shown.filter(pl.col("budget_wan").is_not_null()).height
    if not stated:
        st.info(
            f"说明中没有写出各{LEVELS[level]}的预算数，下表只列出决算数。说明按“项”写出执行情况时，请选“项”。",
            icon=":material/info:",
        )
    else:
        ui.chart(
            data.cached(doc_id, figures.execution_figure, shown),
            chart_text.execution_sentence(
                shown.select("name", "budget_wan", "actual_wan").rows(), what=f"写出预算数的{LEVELS[level]}"
            ),
            key="execution-chart",
        )  # the table of its numbers follows
        both = shown.filter(pl.col("budget_wan").is_not_null(), pl.col("actual_wan").is_not_null()).height
        drawn = min(both, figures.CHART_ITEMS)
        st.caption(
            f"图中画出差额最大的 {drawn} 项；表中按差额大小（决算数 − 预算数，不论正负）排列全部 {shown.height} 项。"
            f"名称长于 {figures.SHORT_LABEL} 字的在图中截短（…），全名见表。"
        )
    listing = data.cached(doc_id, _listing, shown)
    st.caption("表中金额单位：万元。")
    grid = data.cached(doc_id, _shown, listing)
    # One long name made every row tall: 规划 决算's
    # 社会保障和就业支出/行政事业单位养老支出/机关事业单位退休人员活动费支出
    # took six lines of the 112 px column, so each of 15 rows was 125 px and four showed in the grid. The column widens
    # just enough for every name to fit three lines (192 px there; 112 px elsewhere): 65 px rows, seven in view at 1280
    # and 390 px, no name cut.
    name_width = data.cached(doc_id, ui.columns_wrapping_width, grid, ("科目名称",), NAME_WIDTH, WIDEST_NAME)
    event = ui.wrapping_table(
        grid,
        LISTING_COLUMNS | {"科目名称": st.column_config.TextColumn("科目名称", width=name_width, pinned=True)},
        name=f"各{LEVELS[level]}的预算数与决算数",
        key=f"execution-table-{level}",
        most_height=520,  # 机关事业单位基本养老保险缴费支出 whole in the pinned name, reasons too
        selectable=True,
    )
    if unpaired := data.cached(doc_id, unpaired_words, shown):
        st.caption(unpaired)
    reasons = data.cached(doc_id, reasons_by_item, listing)
    if reasons:
        st.markdown("**文件所述原因**（与上表同序）")
        st.markdown("\n".join(f"- {'、'.join(plain(n) for n in names)}：{plain(reason)}" for reason, names in reasons))
    ui.downloads(listing, f"{doc_id}_execution_{level}", key="execution-download")
    if (picked := ui.picked(event, shown)) is not None:
        _source(snapshot, picked)
    else:
        st.caption(f"选中一行{ui.SELECT_KEYS}可看说明原文，以及决算数和说明在原件中的位置（页面图像）。")


def _source(snapshot: Snapshot, row: dict) -> None:
    st.header(plain(f"{row['code'] or ''} {row['name'] or ''}".strip()), anchor=False)
    if row["actual_page"] is not None:
        st.markdown(f"**决算数** {exact_amount(row['actual_wan'])} 万元：")
        source_view.show_cell(
            snapshot.manifest,
            row["actual_page"],
            row["actual_box"],
            title=_table_title(snapshot, row["actual_table_id"]),
        )
    else:
        st.caption("决算表中没有与说明所写名称对应的一行，所以没有决算数可以对照。")
    if row["statement"]:
        st.markdown(f"**说明原文**（第 {row['statement_page']} 页，照提取的文字）：")
        st.text(row["statement"])
        source_view.show_cell(snapshot.manifest, row["statement_page"], row["statement_box"], title="说明")
    else:
        st.caption("说明中没有写到这一项的预算和决算。")


def three_public_section(doc_id: str, snapshot: Snapshot) -> None:
    """The 三公 table of a 决算, 预算数 against 决算数 per item, with what the narrative states (also drawn on the
    “三公”经费 page of a 决算)."""
    st.header("“三公”经费：预算数与决算数", anchor=False)
    table = data.cached(doc_id, cq.three_public_execution, snapshot.tables)
    if table.is_empty():
        st.info("本文件未列出“三公”经费表的预算数和决算数。", icon=":material/info:")
        return
    three = snapshot.table("three_public")
    info = cq.table_info(snapshot.table("schedules"), three["table_id"][0])
    st.caption(
        f"{plain(info['title'])} · 第 {'、'.join(map(str, info['pages'] or []))} 页 · 原表空白的格照原样标出（不是 0）"
    )
    st.markdown(
        plain(
            chart_text.execution_sentence(
                # a blank 决算数 cell is compared as the narrative states it, the item so labelled (正文所述)
                table.filter(pl.col("depth") == 1)
                .select(_compared_label(), "budget_wan", "actual_compared_wan")
                .rows(),
                what="“三公”经费各项",
            )
        )
    )
    stated = data.cached(doc_id, three_public_view.execution_blank_stated, table)
    if stated:
        st.markdown(plain(stated))
    listing = data.cached(doc_id, _three_public_listing, table)
    event = ui.wrapping_table(
        listing,
        {
            "项目": st.column_config.TextColumn("项目"),
            "预算数": st.column_config.TextColumn("预算数（万元）", alignment="right"),
            "决算数": st.column_config.TextColumn("决算数（万元）", alignment="right"),
            "差额": ui.dash_column("差额"),
            "完成率（计算）": st.column_config.TextColumn("完成率（计算）", alignment="right"),
            "说明所述": st.column_config.TextColumn("说明所述", width="large"),
            "页码": st.column_config.NumberColumn("页码", width="small"),
        },
        name=f"{info['title']}：预算数与决算数",
        key="execution-three-public",
        most_height=400,  # what the text states of each item, read whole
        selectable=True,
    )
    said = [(item, words) for item, words in listing.select("项目", "说明所述").iter_rows() if words]
    if said:  # in full: at 1280 px the grid's last wide column was cut and scrolled out of view
        st.markdown("**说明所述**（与上表同序）")
        st.markdown("\n".join(f"- {plain(item.strip())}：{plain(words)}" for item, words in said))
    if (row := ui.picked(event, table)) is not None:
        for side, label in (("budget", "预算数"), ("actual", "决算数")):
            source_view.show_cell(
                snapshot.manifest, row[f"{side}_page"], row[f"{side}_box"], title=f"{row['name_zh']} {label}"
            )
    else:
        st.caption(f"选中一行{ui.SELECT_KEYS}可看预算数和决算数在原件中的位置。")


def _stated(row: dict) -> str:
    """What the narrative says of a 三公 item: its budget, actual and rate as printed, and the reason."""
    text = "，".join(cq.three_public_stated(row, exact_amount))
    if row["reason_stated"]:
        text += f"。原因：{row['reason_stated']}"
    if text and row["statement_page"] is not None:
        text += f"（第 {row['statement_page']} 页）"
    return text


def _compared_label() -> pl.Expr:
    """An item's name, with （决算数为正文所述） where its 决算数 cell is blank and the comparison uses the text's."""
    stated = pl.lit(f"（决算数为{cq.STATED_IN_TEXT}）")
    return (
        pl.when(pl.col("actual_compared_stated"))
        .then(pl.col("name_zh") + stated)
        .otherwise(pl.col("name_zh"))
        .alias("name_zh")
    )


def _as_compared(row: dict, text: str) -> str:
    """A gap or rate cell: marked 正文所述 where it is computed from the narrative's 决算 (the table's cell blank);
    the mark before the number, so that a narrow right-aligned cell clips the words, never a digit."""
    return f"{cq.STATED_IN_TEXT} {text}" if row["actual_compared_stated"] and text != "—" else text


def _three_public_listing(table: pl.DataFrame) -> pl.DataFrame:
    rows = table.to_dicts()
    return pl.DataFrame(
        {
            "项目": ["　" * int(r["depth"] or 0) + r["name_zh"] for r in rows],
            "预算数": [printed_or_blank(r["budget_printed"], r["budget_wan"]) for r in rows],
            "决算数": [printed_or_blank(r["actual_printed"], r["actual_wan"]) for r in rows],
            "差额": [_as_compared(r, "—" if r["gap_wan"] is None else signed_amount(r["gap_wan"])) for r in rows],
            "完成率（计算）": [_as_compared(r, rate(r["rate"])) for r in rows],
            "说明所述": [_stated(r) for r in rows],
            "页码": table.select(pl.coalesce("actual_page", "budget_page")).to_series(),
        }
    )


def budget_document(doc_id: str, snapshot: Snapshot) -> None:
    """A 预算 has no execution: say so, and link to the same department's 决算 where the library holds one."""
    page_title("预算执行", snapshot)
    st.info(
        "这是一份预算：它写的是计划怎样花钱（预算数），还没有执行，所以没有实际支出（决算数）和完成率。"
        "预算执行情况写在同一部门的决算里。",
        icon=":material/info:",
    )
    finals = library.cached(_finals_of, library.catalogue(), doc_id)
    if finals is None or finals.is_empty():
        st.caption("文件库中还没有本部门的决算。导入后，可以在这里打开它的预算执行情况。")
        return
    st.markdown("文件库中本部门的决算：")
    for row in finals.iter_rows(named=True):
        st.page_link(
            "pages/execution.py",
            label=f"{row['label']}：预算执行",
            icon=":material/rule:",
            query_params={"doc": row["doc_id"]},
        )


def _finals_of(catalogue: pl.DataFrame | None, doc_id: str) -> pl.DataFrame | None:
    """The library's 决算 documents of the same department as `doc_id`, nearest year first."""
    if catalogue is None:
        return None
    me = catalogue.filter(pl.col("doc_id") == doc_id)
    if me.is_empty():
        return None
    year = me["budget_year"][0]
    return (
        catalogue.filter(pl.col("department_key") == me["department_key"][0], pl.col("stage") == "决算")
        .with_columns(distance=(pl.col("budget_year").cast(pl.Int32) - year).abs())
        .sort("distance", "budget_year")
    )
