"""The floor for scripts/bench_pages.py: app.py's own frame (page config, the same navigation with
every dashboard page, the sidebar) with a page that draws one chart and nothing else as its default.

scripts/bench_pages.py runs a copy from a temporary folder that also holds `floor_page.py` and a
`pages` link to the dashboard's pages, so Streamlit treats it exactly as it treats app.py.
"""

import os
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, os.environ.get("BUDGETLENS_ROOT") or str(Path(__file__).resolve().parent.parent))

from components.frame import dashboard_pages, document_selector, run_page

st.set_page_config(page_title="预算透视 · Budget Lens", page_icon=":material/account_balance:", layout="wide")

floor = st.Page("floor_page.py", title="floor", icon=":material/bar_chart:", url_path="floor", default=True)
navigation = st.navigation({"基准": [floor], **dashboard_pages(default_page=False)})
with st.sidebar:
    document_selector()
    st.caption("预算透视把部门预算公开文件读成可核对的数据：每个数字都能追溯到原文的行。")
run_page(navigation)
