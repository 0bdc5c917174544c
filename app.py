"""Budget Lens (预算透视): the router and the frame. Pages hold layout only; data comes from components.data."""

import streamlit as st

from components.frame import document_selector, run_page

st.set_page_config(page_title="预算透视 · Budget Lens", page_icon=":material/account_balance:", layout="wide")

pages = {
    "总览": [
        st.Page("pages/overview.py", title="概览", icon=":material/dashboard:", url_path="overview", default=True),
    ],
    "支出": [
        st.Page("pages/by_function.py", title="支出功能分类", icon=":material/account_tree:", url_path="function"),
        st.Page("pages/by_economic.py", title="经济分类", icon=":material/category:", url_path="economic"),
        st.Page("pages/three_public.py", title="“三公”经费", icon=":material/directions_car:", url_path="three-public"),
    ],
    "项目": [
        st.Page("pages/projects.py", title="项目", icon=":material/folder_open:", url_path="projects"),
        st.Page("pages/indicators.py", title="绩效指标", icon=":material/flag:", url_path="indicators"),
        st.Page("pages/purchases.py", title="采购与购买服务", icon=":material/shopping_cart:", url_path="purchases"),
    ],
    "变化": [
        st.Page("pages/changes.py", title="年度对比", icon=":material/compare_arrows:", url_path="changes"),
    ],
    "核对与数据": [
        st.Page("pages/checks.py", title="数据核对", icon=":material/fact_check:", url_path="checks"),
        st.Page("pages/data_sources.py", title="数据与来源", icon=":material/table_view:", url_path="data"),
    ],
}
navigation = st.navigation(pages)
with st.sidebar:
    document_selector()
    st.caption("预算透视把部门预算公开文件读成可核对的数据：每个数字都能追溯到原文的行。")
run_page(navigation)
