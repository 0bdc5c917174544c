"""经济分类: basic expenditure by economic class, 类 → 款, 人员 vs 公用."""

import streamlit as st

from budgetlens.canonical_queries import is_pdf
from budgetlens.queries import ECONOMIC_MEASURES
from components import canonical_pages, code_view, data
from components.frame import current_document, page_title

doc_id, snapshot = current_document(canonical=True)
if is_pdf(snapshot.manifest):  # read from its PDF: the canonical model's layout
    page_title("经济分类", snapshot, "基本支出按经济分类 · 金额单位：万元")
    canonical_pages.coded_page(
        doc_id,
        snapshot,
        table="basic_by_economic",
        kinds=("basic_by_economic",),
        root_label="基本支出",
        key="economic",
    )
    st.stop()
page_title("经济分类（基本支出）", snapshot, "工资福利、商品和服务、对个人和家庭的补助 … · 金额单位：万元")
code_view.render(
    doc_id,
    snapshot,
    table_name="s06_basic_economic",
    measures=ECONOMIC_MEASURES,
    tree=data.economic_tree,
    schedule="1-6",
    download_name="economic",
)
