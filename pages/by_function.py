"""支出功能分类: spending by function code, 类 → 款 → 项 (the document's general public budget table)."""

import streamlit as st

from budgetlens.canonical_queries import is_pdf
from budgetlens.queries import FUNCTION_MEASURES
from components import canonical_pages, code_view, data
from components.frame import current_document, page_title

doc_id, snapshot = current_document(canonical=True)
if is_pdf(snapshot.manifest):  # read from its PDF: the canonical model's layout
    page_title("支出功能分类", snapshot, "类 → 款 → 项 · 金额单位：万元")
    canonical_pages.coded_page(
        doc_id,
        snapshot,
        table="expenditure_by_function",
        kinds=("expenditure_by_function", "expenditure"),
        root_label="全部支出",
        key="function",
    )
    st.stop()
page_title("支出功能分类", snapshot, "类 → 款 → 项 · 金额单位：万元")
code_view.render(
    doc_id,
    snapshot,
    table_name="s05_general_budget",
    measures=FUNCTION_MEASURES,
    tree=data.function_tree,
    schedule="1-5",
    download_name="function",
)
