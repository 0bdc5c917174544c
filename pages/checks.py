"""数据核对: every rule's result, disagreements first, each with both values and the document's own lines."""

import streamlit as st

from budgetlens.canonical_queries import is_pdf
from budgetlens.queries import CHECK_STATUS_ZH, check_schedules, filter_checks
from components import canonical_pages, data, library_pages, state, ui, views
from components.frame import current_document, page_title

CARDS = 10  # failures drawn as cards per part

doc_id, snapshot = current_document(canonical=True)
if is_pdf(snapshot.manifest):  # read from its PDF: the canonical model's layout
    canonical_pages.checks(doc_id, snapshot)
    library_pages.cross_document_checks((doc_id,))
    st.stop()
page_title("数据核对", snapshot, "文件自己的数字对得上吗？")
checks = data.checks_view(doc_id)
schedules = data.cached(doc_id, check_schedules, checks)
state.notice_if_invalid({"schedule": schedules, "status": CHECK_STATUS_ZH})

counts = data.check_counts(doc_id)
ui.kpi_row(
    [
        ui.Kpi("没有通过", f"{counts.get('fail', 0)} 项", help="两个本应相等的数字不相等（或文字不一致）。"),
        ui.Kpi("通过", f"{counts.get('pass', 0)} 项"),
        ui.Kpi("无法核对", f"{counts.get('not_applicable', 0)} 项", help="某一方在表中没有列出，原因见每项说明。"),
        ui.Kpi("规则", f"{data.rule_count(doc_id)} 条", help="每条规则是文件中一个应当成立的等式。"),
    ]
)
st.caption("金额逐分比较，不做四舍五入；文件自己四舍五入的百分比按两位小数比较。规则说明见 docs/CHECKS.md。")

chosen_schedules = state.choices(st.multiselect, "涉及的表", schedules, key="schedule", placeholder="全部")
line_param = state.text("line")
line = int(line_param) if line_param is not None and line_param.isdigit() and len(line_param) < 7 else None
if line is not None:
    st.info(f"只显示涉及原文第 {line} 行的核对。", icon=":material/filter_alt:")
    st.page_link("pages/checks.py", label="显示全部核对", query_params={"doc": doc_id})
elif line_param is not None:
    st.info("链接中的参数“line”不是行号，已显示全部核对。", icon=":material/info:")

if state.text("status") is not None and state.text("view") is None:
    st.session_state["view"] = "all"  # the result filter belongs to the full listing: a link with it opens that
view = ui.section({"fail": "没有通过的", "all": "全部核对结果"})
if view == "fail":
    failures, _ = data.cached(doc_id, filter_checks, checks, tuple(chosen_schedules), (), line)
    st.subheader(f"没有通过的核对（{failures.height}）")
    if failures.is_empty():
        st.success("所选范围内没有对不上的地方。", icon=":material/check_circle:")
    # Ten cards at a time: a long document can disagree with itself hundreds of times.
    first = ui.part_of(failures.height, CARDS)
    for text, source in data.cached(doc_id, views.check_cards, failures, first, CARDS, data.raw_lines(doc_id)):
        with st.container(border=True):
            st.markdown(text)
            st.expander("两边在原文中的行").code(source, language=None, wrap_lines=True)
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
    st.subheader(f"全部核对结果（{listing.height}）")
    ui.table(
        listing,
        {
            "status": st.column_config.TextColumn("结果"),
            "rule_id": st.column_config.TextColumn("规则"),
            "instance": st.column_config.TextColumn("对象", width="medium"),
            "expected_label": st.column_config.TextColumn("一方"),
            "expected": st.column_config.NumberColumn("数值", format="%.2f"),
            "expected_text": st.column_config.TextColumn("文字"),
            "actual_label": st.column_config.TextColumn("另一方"),
            "actual": st.column_config.NumberColumn("数值", format="%.2f"),
            "actual_text": st.column_config.TextColumn("文字"),
            "difference": st.column_config.NumberColumn("差额", format="%.2f"),
            "unit": st.column_config.TextColumn("单位"),
            "note": st.column_config.TextColumn("说明"),
            "expected_lines": st.column_config.TextColumn("一方原文行"),
            "actual_lines": st.column_config.TextColumn("另一方原文行"),
        },
        key="checks-table",
        height=420,
    )
    ui.downloads(listing, f"{doc_id}_checks", key="checks-download")
library_pages.cross_document_checks((doc_id,))
