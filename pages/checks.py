"""数据核对: every rule's result, disagreements first, each with both values and the document's own lines."""

import polars as pl
import streamlit as st

from budgetlens.canonical_queries import is_pdf
from budgetlens.queries import CHECK_STATUS_ZH, check_schedules, filter_checks
from components import canonical_pages, data, findings_view, library_pages, state, ui, views
from components.frame import current_document, page_title

doc_id, snapshot = current_document(canonical=True)
if is_pdf(snapshot.manifest):  # read from its PDF: the canonical model's layout
    canonical_pages.checks(doc_id, snapshot)
    library_pages.cross_document_checks((doc_id,))
    st.stop()
page_title("数据核对", snapshot, "文件自己的数字对得上吗？")
checks = data.checks_view(doc_id)
schedules = data.cached(doc_id, check_schedules, checks)
state.notice_if_invalid({"schedule": schedules, "status": CHECK_STATUS_ZH})

findings_view.kpis(doc_id)
st.caption("金额逐分比较，不做四舍五入；文件自己四舍五入的百分比按两位小数比较。")
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
view = ui.section({"fail": "发现的矛盾", "all": "全部核对结果"})
if view == "fail":
    failures, _ = data.cached(doc_id, filter_checks, checks, tuple(chosen_schedules), (), line)

    def draw_card(one: pl.DataFrame, index: int) -> None:
        for text, source in views.check_cards(one, 0, 1, data.raw_lines(doc_id)):
            st.markdown(text)
            st.expander("两边在原文中的行").code(source, language=None, wrap_lines=True)

    # Ten findings at a time: a long document can disagree with itself hundreds of times.
    findings_view.grouped_failures(doc_id, failures, draw_card)
    findings_view.reading_warnings(doc_id, snapshot.manifest)
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
findings_view.rules_explained(doc_id)
library_pages.cross_document_checks((doc_id,))
