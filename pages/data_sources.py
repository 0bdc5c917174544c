"""数据与来源: every table of the snapshot with downloads, the manifest, the glossary, and any row's source lines."""

import streamlit as st

from budgetlens.canonical_queries import is_pdf
from budgetlens.store import FILE_SCHEDULES
from components import canonical_pages, data, state, ui, views
from components.frame import current_document, page_title

# Each table's own words; the schedule it comes from is asked of the document (data.schedule).
PARTS = {
    "s01_summary": "",
    "s02_income": "",
    "s03_expenditure": "",
    "s04_fiscal_summary": "",
    "s05_general_budget": "",
    "s06_basic_economic": "",
    "s07_three_public": "",
    "s09_government_fund": "",
    "s10_state_capital": "",
    "s11_procurement": "（元）",
    "s12_purchased_services": "（元）",
    "s13_funds": " 部门总体资金情况",
    "s13_projects": " 项目支出情况",
    "s13_texts": " 文字",
    "s14_projects": " 项目",
    "s14_funding_sources": " 项目资金来源",
    "s14_expense_details": " 项目支出明细",
    "s14_budget_changes": " 当年预算变动",
}
TITLES = {
    "goals": "绩效目标",
    "indicators": "绩效指标",
    "function_codes": "功能分类科目",
    "economic_codes": "经济分类科目",
    "profile_functions": "第一部分 主要职能",
    "profile_counts": "第一部分 单位与人员",
    "narrative_facts": "第三部分 说明中的数字",
    "glossary": "第四部分 名词解释",
    "project_names": "项目名称对照",
    "checks": "数据核对结果",
}

doc_id, snapshot = current_document(canonical=True)
if is_pdf(snapshot.manifest):  # read from its PDF: the canonical model's layout
    canonical_pages.data_sources(doc_id, snapshot)
    st.stop()
page_title("数据与来源", snapshot, "每张表都可以下载；每一行都能看到原文")
titles = {
    # a whole schedule by its own title; a part of one (" 项目资金来源") by its number and the part's name
    name: data.schedule(doc_id, name, with_title=not part.startswith(" ")) + part
    for name, part in PARTS.items()
} | TITLES
names = [name for name in titles if name in snapshot.tables] + sorted(set(snapshot.tables) - set(titles))
state.notice_if_invalid({"table": names})

view = ui.section({"tables": "数据表", "manifest": "快照清单", "glossary": "名词解释"})
if view == "tables":
    name = state.choice(
        st.selectbox,
        "数据表",
        names,
        key="table",
        default=names[0],
        format_func=lambda n: f"{titles.get(n, n)}（{n}.parquet）",
    )
    frame = snapshot.table(name)
    st.caption(
        f"{frame.height} 行 · 来自 {data.schedule(doc_id, name, with_title=False) if name in FILE_SCHEDULES else ''}"
        " · 列的含义见 docs/DATA.md。选中一行可看原文。"
        "“—”（文字）和灰色的 None（数字）表示文件没有给出这一项，不是 0。"
    )
    config = {column: st.column_config.Column(column) for column in frame.columns}
    event = ui.table(frame, config, key=f"data-{name}", height=420, selectable=True)
    ui.downloads(frame, f"{doc_id}_{name}", key=f"data-download-{name}")
    picked = event.selection.rows if event is not None else []
    if picked and "source_lines" in frame.columns:
        ui.source_lines(doc_id, list(frame.row(picked[0], named=True)["source_lines"]))

elif view == "manifest":
    facts, schedules, files = data.cached(doc_id, views.manifest_tables, snapshot)
    st.markdown(f"**{ui.plain(snapshot.manifest['title'])}**")
    st.dataframe(facts, hide_index=True, width="stretch")
    st.markdown("**目录中的附表**")
    st.dataframe(schedules, hide_index=True, width="stretch")
    for warning in snapshot.manifest.get("warnings", []):
        st.warning(ui.plain(warning), icon=":material/warning:")
    st.dataframe(files, hide_index=True, width="stretch")

else:
    query = state.text_input(st.text_input, "查找名词", key="term", placeholder="例如：基本支出")
    st.markdown(data.cached(doc_id, views.glossary_markdown, snapshot.table("glossary"), query))
