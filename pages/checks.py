"""数据核对: every rule's result, disagreements first, each with both values and where the document printed them."""

from functools import partial

import streamlit as st

from budgetlens.check_queries import CHECK_STATUS_ZH, check_schedules, check_sides, filter_checks
from budgetlens.column_words import check_words
from components import checks_view, data, library_pages, state, ui
from components.frame import current_document, page_title
from components.ui import plain

doc_id, snapshot = current_document()
page_title("数据核对", snapshot, "文件自己的数字对得上吗？")
checks = data.checks_view(doc_id)
schedules = data.cached(doc_id, check_schedules, checks, snapshot.table("schedules"))
state.notice_if_invalid({"schedule": list(schedules), "status": CHECK_STATUS_ZH})
sides = data.cached(
    doc_id, check_sides, snapshot.table("checks"), snapshot.tables.get("check_cells"), snapshot.table("schedules")
)

checks_view.kpis(doc_id)
st.caption(sides.caption)
chosen_schedules = state.choices(
    st.multiselect, "涉及的表", list(schedules), key="schedule", format_func=schedules.__getitem__, placeholder="全部"
)
line_param = state.text("line")
line = int(line_param) if line_param is not None and line_param.isdigit() and len(line_param) < 7 else None
if line is not None:
    st.info(f"只显示涉及原文第 {line} 行的核对。", icon=":material/filter_alt:")
    st.page_link("pages/checks.py", label="显示全部核对", query_params={"doc": doc_id})
elif line_param is not None:
    st.info("链接中的参数“line”不是行号，已显示全部核对。", icon=":material/info:")

if state.text("status") is not None and state.text("view") is None and "view" not in st.session_state:
    st.session_state["view"] = "all"  # the result filter belongs to the full listing: a link with it opens that
    state.forget("view")  # a preset, not the reader leaving a part an earlier address named
view = ui.section({"fail": "发现的矛盾", "all": "全部核对结果"})
if view == "fail":
    state.forget("status")  # the result filter is the full listing's: the link of this view does not carry it
    failures, _ = data.cached(doc_id, filter_checks, checks, tuple(chosen_schedules), (), line)
    draw_card = partial(checks_view.draw_card, found=sides, manifest=snapshot.manifest, doc_id=doc_id)
    # Ten findings at a time: a long document can disagree with itself hundreds of times.
    checks_view.grouped_failures(doc_id, failures, draw_card)
    checks_view.reading_warnings(doc_id, snapshot.manifest)
else:
    chosen_statuses = state.choices(
        st.multiselect,
        "结果",
        list(CHECK_STATUS_ZH),
        key="status",
        format_func=CHECK_STATUS_ZH.__getitem__,
        placeholder="全部",
    )
    _, listing = data.cached(doc_id, filter_checks, checks, tuple(chosen_schedules), tuple(chosen_statuses), line)
    table = data.cached(doc_id, checks_view.listing_shown, listing, sides, data.rule_descriptions(doc_id))
    st.header(f"全部核对结果（{table.height}）", anchor=False)
    instance_width = data.cached(doc_id, ui.wrapping_width, tuple(table["instance_zh"]), 300, 480)
    columns = {
        "status": st.column_config.TextColumn("结果"),
        "rule_kind": st.column_config.TextColumn("类别"),
        "description_zh": st.column_config.TextColumn("规则", width="large"),  # what it checks, read whole
        "instance_zh": st.column_config.TextColumn("对象", width=instance_width),
        "expected_label": st.column_config.TextColumn("一方"),
        "expected": ui.exact_column("数值"),
        "expected_text": st.column_config.TextColumn("文字"),
        "expected_where": st.column_config.TextColumn("一方在原件中"),
        "actual_label": st.column_config.TextColumn("另一方"),
        "actual": ui.exact_column("数值"),
        "actual_text": st.column_config.TextColumn("文字"),
        "actual_where": st.column_config.TextColumn("另一方在原件中"),
        "difference": ui.exact_column("差额（另一方 − 一方）"),
        "unit": st.column_config.TextColumn("单位"),
        "note": st.column_config.TextColumn("说明"),
        "expected_lines": st.column_config.TextColumn("一方原文行"),
        "actual_lines": st.column_config.TextColumn("另一方原文行"),
        "rule_id": st.column_config.TextColumn("规则编号"),  # kept for citing a result
    }
    event = ui.wrapping_table(
        table,
        {name: column for name, column in columns.items() if name in table.columns},
        name="本文件的核对结果",
        key="checks-table",
        most_height=520,
        selectable=True,
    )
    ui.downloads(data.cached(doc_id, checks_view.download_frame, table), f"{doc_id}_checks", key="checks-download")
    if (row := ui.picked(event, table)) is not None:
        st.header(plain(check_words(row["instance"])), anchor=False)
        checks_view.draw_sides(doc_id, snapshot.manifest, row, sides)
    else:
        st.caption(f"选中一行{ui.SELECT_KEYS}可看两边在原件中的位置。")
checks_view.rules_explained(doc_id)
library_pages.cross_document_checks((doc_id,))
