"""The shared layout of the two code pages (支出功能分类 and 经济分类): controls bound to the URL,
a hierarchy chart that opens at the selected node, the schedule's own rows beside it, downloads,
and the source lines of a selected row."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import streamlit as st

from budgetlens import queries
from budgetlens.store import Snapshot
from components import chart_text, data, figures, state, ui, views
from components.format import wan


def render(
    doc_id: str,
    snapshot: Snapshot,
    *,
    table_name: str,
    measures: dict[str, str],
    tree: Callable[[str, str], pl.DataFrame],
    schedule: str,
    download_name: str,
) -> None:
    table = snapshot.table(table_name)
    node_labels = data.cached(doc_id, views.node_labels, table)
    state.notice_if_invalid({"measure": measures, "chart": figures.HIERARCHY_KINDS, "node": node_labels})

    measure = state.choice(
        st.segmented_control,
        "金额口径",
        list(measures),
        key="measure",
        default="total_wan",
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
        default=queries.ROOT_ID,
        format_func=node_labels.__getitem__,
        help="选择一个类或款，图和表都只显示它下面的部分；也可以直接点击图形。",
    )

    full_tree = tree(doc_id, measure)
    path = data.cached(doc_id, views.node_path, full_tree, node)
    selected = path[-1]
    st.markdown(" › ".join(ui.plain(row["label"]) for row in path) + f"　**{wan(selected['amount_wan'])}**")
    if selected["stated_differs"]:
        st.warning(
            f"表中此行列示 {wan(selected['stated_wan'])}，而它下级各行之和是 {wan(selected['amount_wan'])}。"
            "图中的面积按下级之和画出。",
            icon=":material/warning:",
        )
        ui.check_link(doc_id, selected["source_lines"][0], "查看这处出入的核对")

    chart, rows = st.columns([1, 1], gap="medium")
    with chart:
        st.plotly_chart(
            data.cached(
                doc_id, figures.hierarchy_figure, full_tree, kind=kind, root=node, measure_label=measures[measure]
            ),
            config={"displayModeBar": False},
            key=f"{table_name}-chart",
        )
        ui.chart_summary(data.cached(doc_id, chart_text.hierarchy_sentence, full_tree, node, measures[measure]))
        st.caption(
            "面积 = 金额。点击色块可以放大，点击上方路径返回。颜色区分最上一级科目，越往下越浅。各行的数字见旁边的表。"
        )
    listed, marked = data.cached(doc_id, views.code_rows, table, measures, node, data.failing_lines(doc_id), doc_id)
    with rows:
        event = ui.table(
            marked,
            {
                "name": st.column_config.TextColumn("科目名称（⚠ 有核对没通过）"),
                measure: ui.money_column(measures[measure]),
                "code": st.column_config.TextColumn("编码", width="small"),
                "check_link": ui.CHECK_LINK_COLUMN,
            },
            key=f"{table_name}-table",
            height=ui.fit_height(listed.height, 520),
            selectable=True,
        )
        st.caption(f"附表{schedule}的原数。选中一行可看它在原文中的行。")
    all_columns = st.expander("全部金额列", key=f"{table_name}-all-columns", on_change="rerun")
    if all_columns.open:  # drawn only when opened
        flags = st.column_config.CheckboxColumn("⚠", help="这一行参与的核对有没有通过的，选中这一行可看详情")
        with all_columns:
            ui.table(
                listed,
                {
                    "code": st.column_config.TextColumn("科目编码"),
                    "name": st.column_config.TextColumn("科目名称"),
                    **{key: ui.money_column(label) for key, label in measures.items()},
                    "share_of_total_pct": st.column_config.NumberColumn("占全部", format="%.2f%%"),
                    "check_flag": flags,
                },
                key=f"{table_name}-table-all",
                height=ui.fit_height(listed.height, 600),
            )
    ui.downloads(listed, f"{doc_id}_{download_name}_{node}", key=f"{table_name}-download")

    picked = event.selection.rows if event is not None else []
    if picked:
        row = listed.row(picked[0], named=True)
        st.subheader(ui.plain(f"{row['code']} {row['name']}"))
        if row["check_flag"]:
            st.warning("这一行参与的核对没有通过：" + ui.plain(row["check_rules"]), icon=":material/warning:")
            ui.check_link(doc_id, row["source_lines"][0], "查看核对")
        ui.source_lines(doc_id, list(row["source_lines"]))
