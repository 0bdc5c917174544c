"""Budget Lens (预算透视): the router and the frame. Pages hold layout only; data comes from components.data."""

import streamlit as st

from components.frame import dashboard_pages, declare_page_language, document_selector, page_links, run_page

st.set_page_config(page_title="预算透视 · Budget Lens", page_icon=":material/account_balance:", layout="wide")

sections = dashboard_pages()
navigation = st.navigation(sections, position="hidden")  # listed by page_links: an accessible list of links
with st.sidebar:
    links = st.container()  # drawn first, filled once the document is known: each link carries it
    doc_id = document_selector()
    with links:
        page_links(sections, doc_id)
    st.caption("预算透视把部门预算公开文件读成可核对的数据：每个数字都能追溯到原文的行。")
    declare_page_language()
run_page(navigation)
