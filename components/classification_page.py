"""The layout the two code pages share (支出功能分类, 经济分类), one path over the canonical model for every document:
controls bound to the URL, a hierarchy chart that opens at the chosen node, the table's own rows beside it with ⚠
on the rows a failing check cites, downloads, and the 原文 of a selected row (its lines, or its page with the cell
outlined). What the document does not print, the page says."""

from __future__ import annotations

import polars as pl
import streamlit as st

from budgetlens import canonical_queries as cq
from budgetlens import classification as cl
from budgetlens.formatting import exact_amount
from budgetlens.store import Snapshot
from components import chart_text, data, figures, state, ui
from components import classification_view as view
from components.source_view import Source, show
from components.ui import NOT_PRINTED, plain

FLAG_HELP = "名称前标 ⚠ 的行参与的核对有没有通过的，点“核对”列的链接查看"


def _disputes(snapshot: Snapshot) -> cl.Disputes:
    return cl.disputes(snapshot.table("checks"), snapshot.tables.get("check_cells"))


def _check_link(doc_id: str, lines: list[int] | None, label: str) -> None:
    """A visible mark that leads to the failing checks: those citing the row's line, or all of the document's."""
    params = {"doc": doc_id, "line": str(lines[0])} if lines else {"doc": doc_id, "view": "all", "status": "fail"}
    ui.checks_link(label, params)


def choice_of(doc_id: str, snapshot: Snapshot, table: str, kinds: tuple[str, ...]) -> cq.CodedChoice | None:
    return data.cached(doc_id, cq.coded_table_choice, snapshot.table("schedules"), snapshot.table(table), kinds)


def rows_of(doc_id: str, snapshot: Snapshot, table: str, choice: cq.CodedChoice | None) -> pl.DataFrame:
    if choice is None:
        return pl.DataFrame()
    return data.cached(doc_id, cl.coded_rows, snapshot.table(table), choice.table_id)


def render(
    doc_id: str,
    snapshot: Snapshot,
    *,
    table: str,
    kinds: tuple[str, ...],
    root_label: str,
    missing: str,
    name: str,
) -> None:
    """The page below its title: `table` is the canonical table, `kinds` the printed tables it may come from (the
    first by scope is drawn), `missing` what the page says the document lacks, `name` the page's keys and files."""
    choice = choice_of(doc_id, snapshot, table, kinds)
    if choice is None:
        st.info(f"{NOT_PRINTED}{missing}。", icon=":material/info:")
        return
    rows = rows_of(doc_id, snapshot, table, choice)
    measures = cl.measure_options(choice)
    node_labels = data.cached(doc_id, cl.node_labels, rows)
    state.notice_if_invalid({"measure": measures, "chart": figures.HIERARCHY_KINDS, "node": node_labels})

    measure = state.choice(
        st.segmented_control,
        "金额口径",
        list(measures),
        key="measure",
        default=next(iter(measures)),
        format_func=measures.__getitem__,
        required=True,
    )
    controls = st.columns([2, 3])
    kind = state.choice(
        controls[0].segmented_control,
        "图形",
        list(figures.HIERARCHY_KINDS),
        key="chart",
        default="treemap",
        format_func=figures.HIERARCHY_KINDS.__getitem__,
        required=True,
    )
    node = state.choice(
        controls[1].selectbox,
        "展开到",
        list(node_labels),
        key="node",
        default=cl.ROOT_ID,
        format_func=node_labels.__getitem__,
        help="选择一个类或款，图和表都只显示它下面的部分；也可以直接点击图形。",
    )

    tree = data.cached(doc_id, cl.code_tree, rows, measure, root_label)
    path = data.cached(doc_id, cl.node_path, tree, node)
    selected = path[-1]
    shown = exact_amount(selected["shown_wan"])  # every digit it holds, no padding zero (a table in 元: 16,497.864)
    st.markdown(" › ".join(plain(row["label"]) for row in path) + f"　**{shown} 万元**")
    if not selected["shown_printed"]:
        st.caption(view.UNPRINTED_TOTAL)
    differs = view.drawn_differs_note(selected)
    if differs:  # every printed digit: a table in 元 can differ below 0.01 万元
        st.warning(differs, icon=":material/warning:")
        _check_link(doc_id, selected["source_lines"], "查看这处出入的核对")

    listed = data.cached(
        doc_id, cl.coded_listing, rows, tuple(measures), node, data.cached(doc_id, _disputes, snapshot)
    )
    marked = data.cached(doc_id, view.marked_rows, listed, doc_id, tuple(measures))
    marked = data.cached(doc_id, ui.blank_as_words, marked, tuple(measures))  # a blank cell reads 原表空白, not None
    chart, grid = st.columns([1, 1], gap="medium")
    with chart:
        if tree.filter(pl.col("level") > 0, pl.col("amount_wan") != 0).is_empty():
            st.info(f"{NOT_PRINTED}这一口径下各科目的金额。", icon=":material/info:")
        else:
            ui.chart(
                data.cached(
                    doc_id, figures.hierarchy_figure, tree, kind=kind, root=node, measure_label=measures[measure]
                ),
                data.cached(doc_id, chart_text.hierarchy_sentence, tree, node, measures[measure]),
                key=f"{name}-chart",
            )
            st.caption(
                "面积 = 金额。点击色块可以放大，点击上方路径返回。"
                "颜色区分最上一级科目，越往下越浅。每块写出编码、名称和金额；"
                "太小、写不下文字的块，悬停可见，各行的数字见本页的表。"
            )
    with grid:
        ocr = view.ocr_note(listed)
        if ocr:  # at 390 px the grid's last column is out of sight: say it above the grid
            st.caption(ocr)
        event = ui.wrapping_table(
            marked,
            {
                # code, name and amount in view on a phone, each whole: the code and name at fixed widths, a long
                # name wrapping onto more lines (it was cut after one: 其他城乡社区公共设施支出); the grid scrolls
                # on to the link. The header says only what the column holds: the ⚠'s meaning was cut from it
                "code": st.column_config.TextColumn("编码", width="small"),
                "name": st.column_config.TextColumn("科目名称", width=view.NAME_WIDTH, help=FLAG_HELP),
                measure: ui.amount_column(marked, measure, measures[measure]),
                "check_link": ui.CHECK_LINK_COLUMN,
                **({"ocr_confidence": st.column_config.NumberColumn(cq.OCR_COLUMN, format="%.2f")} if ocr else {}),
            },
            name=choice.title,
            key=f"{name}-table",
            most_height=520,
            selectable=True,
        )
        where = "原文中的行" if listed["source_lines"].list.len().sum() else "原件中的位置（页面图像）"
        label = cq.schedule_label(snapshot.table("schedules"), choice.table_id)
        flagged = "名称前标 ⚠ 的行有核对没通过，见“核对”列。" if marked["name"].str.contains("⚠").any() else ""
        st.caption(f"{view.where_printed(choice, label)}选中一行{ui.SELECT_KEYS}可看它在{where}。{flagged}")
    all_columns = st.expander("全部金额列", key=f"{name}-all-columns", on_change="rerun")
    if all_columns.open:  # drawn only when opened
        others = snapshot.table("schedules").filter(
            pl.col("kind").is_in(list(kinds)), pl.col("table_id") != choice.table_id
        )
        with all_columns:
            st.caption(view.table_facts(choice, others.height))
            previous = data.cached(
                doc_id,
                cl.printed_previous_year,
                snapshot.table(table),
                choice.table_id,
                snapshot.manifest["budget_year"],
            )
            if previous.is_empty():
                st.caption(
                    f"这张表{NOT_PRINTED}上年数，因此这里没有逐科目的同比；与本部门其他年度文件的对比见“年度对比”。"
                )
            every = data.cached(doc_id, view.all_columns, listed)
            every = data.cached(doc_id, ui.blank_as_words, every, tuple(measures))  # 原表空白, not None
            ui.table(
                every,
                {
                    "code": st.column_config.TextColumn("科目编码"),
                    "name": st.column_config.TextColumn("科目名称"),
                    **{key: ui.amount_column(every, key, label) for key, label in measures.items()},
                    "share_of_total_pct": st.column_config.NumberColumn("占全部", format="%.2f%%"),
                    "check_flag": st.column_config.CheckboxColumn(
                        "⚠", help="这一行参与的核对有没有通过的，选中这一行可看详情"
                    ),
                    "page": st.column_config.NumberColumn("页码", width="small"),
                },
                name=f"{choice.title}：全部金额列",
                key=f"{name}-table-all",
                height=ui.fit_height(listed.height, 600),
            )
    ui.downloads(data.cached(doc_id, view.download_rows, listed), f"{doc_id}_{name}_{node}", key=f"{name}-download")

    if (row := ui.picked(event, listed)) is not None:
        st.header(plain(f"{row['code']} {row['name']}"), anchor=False)
        if row["check_flag"]:
            st.warning("这一行参与的核对没有通过：" + plain(row["check_rules"]), icon=":material/warning:")
            _check_link(doc_id, row["source_lines"], "查看核对")
        show(doc_id, snapshot.manifest, Source.of(choice.title, row), ocr_confidence=row["ocr_confidence"])
