"""数据与来源: every table of the snapshot with downloads and any row's source, the manifest with the tables the
document prints and its files, the glossary with a search."""

import streamlit as st

from budgetlens import snapshot_queries as sq
from budgetlens.column_words import grid_frame, headers
from components import data, source_view, state, ui
from components.frame import current_document, page_title
from components.ui import plain

doc_id, snapshot = current_document()
page_title("数据与来源", snapshot, "每张表都可以下载；每一行都能看到原文")
titles = data.cached(doc_id, sq.table_titles, sorted(snapshot.tables), snapshot.table("schedules"))
names = list(titles)
state.notice_if_invalid({"table": names})

view = ui.section({"tables": "数据表", "manifest": "快照清单", "glossary": "名词解释"})
if view == "tables":
    name = state.choice(
        st.selectbox,
        "数据表",
        names,
        key="table",
        default=names[0],
        format_func=lambda n: titles.get(n, n),
    )
    frame = snapshot.table(name)
    st.caption(data.cached(doc_id, sq.table_caption, name, frame, snapshot.table("schedules")))
    shown = data.cached(doc_id, grid_frame, frame)
    named = headers(frame.columns)
    config = {
        column: st.column_config.Column(header, help=f"字段名 {column}（数据字典中的名称）")
        for column, header in named.items()
    }
    # as tall as its rows: at a fixed 420 px the grid drew empty rows under a short table (万里街道 2024's 9 tables
    # and two blank rows, read as two tables missing)
    event = ui.wrapping_table(
        shown, config, name=titles.get(name, name), key=f"data-{name}", most_height=420, selectable=True
    )
    # the column's help shows only under a mouse pointer: the field names said in words, for a keyboard or a finger too
    with st.expander("各列的字段名（数据字典和下载的 Parquet 文件用这些名称）"):
        st.caption("；".join(f"{plain(header)} = {plain(column)}" for column, header in named.items()) + "。")
    ui.downloads(frame, f"{doc_id}_{name}", key=f"data-download-{name}")
    if (row := ui.picked(event, frame)) is not None:
        if row.get("source_lines"):
            ui.source_lines(doc_id, list(row["source_lines"]))
        elif row.get("page") is not None and row.get("box") is not None:
            source_view.show_cell(snapshot.manifest, row["page"], row["box"], title=titles.get(name, name))

elif view == "manifest":
    st.markdown(f"**{ui.plain(snapshot.manifest['title'])}**")
    ui.table(data.cached(doc_id, sq.manifest_facts, snapshot.manifest), {}, name="快照概况", key="manifest-facts")
    st.markdown("**原件**")
    ui.table(data.cached(doc_id, sq.source_files, snapshot.manifest), {}, name="原件文件", key="source-files")
    listing = data.cached(doc_id, sq.schedule_listing, snapshot.table("schedules"))
    st.markdown(f"**文件中的表（{listing.height}）**")
    st.caption("目录列出或文件中印出的每张表：编号和表名照原文，识别为哪一类、资金范围、单位、所在页或起始行。")
    ui.table(listing, {}, name="文件中的表", key="schedule-listing")
    ui.downloads(listing, f"{doc_id}_schedules", key="schedule-listing-download")
    for warning in data.cached(doc_id, sq.manifest_warnings, snapshot.manifest, snapshot.table("schedules")):
        st.warning(ui.plain(warning), icon=":material/warning:")
    st.markdown("**快照中的数据文件**")
    ui.table(data.cached(doc_id, sq.data_files, snapshot.manifest), {}, name="快照中的数据文件", key="data-files")

else:
    query = state.text_input(st.text_input, "查找名词", key="term", placeholder="例如：基本支出")
    terms = data.cached(doc_id, sq.glossary_matches, snapshot.table("glossary"), query)
    if snapshot.table("glossary").is_empty():
        st.info("本文件未列出名词解释。", icon=":material/info:")
    elif terms.is_empty():
        st.markdown("没有找到这个名词。")
    else:
        shown = (f"**{plain(row['term'])}**  \n{plain(row['explanation'])}" for row in terms.iter_rows(named=True))
        st.markdown("\n\n".join(shown))
