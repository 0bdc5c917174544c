"""跨年度: one department across its documents in the library, joined by the reviewed alias table."""

import streamlit as st

from budgetlens import library_queries as lq
from components import library, library_pages, state
from components.frame import DOC_KEY, library_title

library_title("跨年度")
catalogue = library_pages.catalogue_or_stop("即可比较")
departments = library.cached(lq.departments, catalogue)
names = {
    row["department_key"]: f"{row['department_key']}（{row['documents']} 份：{'、'.join(map(str, row['years']))}）"
    for row in departments.to_dicts()
}
state.notice_if_invalid({"dept": names})
current = catalogue.filter(catalogue["doc_id"] == (st.session_state.get(DOC_KEY) or ""))["department_key"]
default = current[0] if current.len() else departments["department_key"][0]
department = state.choice(
    st.selectbox,
    "部门",
    list(names),
    key="dept",
    default=default,
    format_func=names.__getitem__,
    help="同一部门不同年份的文件按人工核对过的部门名称对照表（data/aliases/departments.csv）归并。",
)
st.caption("金额单位：万元。每个数字都来自所标明的文件；文件之间不一致之处列在最后。")
library_pages.department_years(catalogue, department)
