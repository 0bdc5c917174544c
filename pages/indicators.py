"""绩效指标: every indicator of the department and the projects, filterable, and the department's goals
linked to the projects they belong to."""

import streamlit as st

from budgetlens.canonical_queries import is_pdf
from budgetlens.projects import IndicatorFilter
from components import canonical_pages, data, state, ui, views
from components.frame import current_document, page_title

doc_id, snapshot = current_document(canonical=True)
if is_pdf(snapshot.manifest):  # read from its PDF: the canonical model's layout
    canonical_pages.indicators(doc_id, snapshot)
    st.stop()
department_table = data.schedule(doc_id, "s13_funds", with_title=False)
project_table = data.schedule(doc_id, "s14_projects", with_title=False)
page_title("绩效指标", snapshot, f"部门整体（{department_table}）与各项目（{project_table}）")
indicators = data.all_indicators(doc_id)
years = data.years(doc_id)  # the document's 前年, 上年, 当年: the value columns and their labels
projects, level1, level2 = data.cached(doc_id, views.indicator_options, indicators)
scopes, kinds = views.INDICATOR_SCOPES, views.GOAL_KINDS
state.notice_if_invalid({"scope": scopes, "of": projects, "kind": kinds, "level1": level1, "level2": level2})

search = state.text_input(st.text_input, "搜索指标名称或指标值", key="q", placeholder="例如：满意度、专利、星级")
first, second, third = st.columns(3)
chosen_scopes = state.choices(
    first.multiselect, "范围", list(scopes), key="scope", format_func=scopes.__getitem__, placeholder="全部"
)
chosen_projects = state.choices(second.multiselect, "项目", projects, key="of", placeholder="全部")
chosen_kinds = state.choices(
    third.multiselect, "目标类型", list(kinds), key="kind", format_func=kinds.__getitem__, placeholder="全部"
)
fourth, fifth, sixth = st.columns(3)
chosen_level1 = state.choices(fourth.multiselect, "一级指标", level1, key="level1", placeholder="全部")
chosen_level2 = state.choices(fifth.multiselect, "二级指标", level2, key="level2", placeholder="全部")
numeric_only = sixth.toggle("只看有数字目标的指标", key="numeric")

chosen = IndicatorFilter(
    scopes=tuple(chosen_scopes),
    projects=tuple(chosen_projects),
    kinds=tuple(chosen_kinds),
    level1=tuple(chosen_level1),
    level2=tuple(chosen_level2),
    numeric_only=numeric_only,
    search=search,
)
shown, listing = data.cached(doc_id, views.indicator_listing, indicators, chosen)
st.markdown(f"**{shown.height}** 项指标。")
ui.table(
    listing,
    {
        "belongs_to": st.column_config.TextColumn("项目", width="medium"),
        "name": st.column_config.TextColumn("指标", width="medium"),
        "target": st.column_config.TextColumn("长期目标值"),
        **{years.value_column(year): st.column_config.TextColumn(year) for year in years},
        "scope": st.column_config.TextColumn("范围"),
        "goal_kind": st.column_config.TextColumn("目标类型"),
        "goal_number": st.column_config.NumberColumn("目标"),
        "level1": st.column_config.TextColumn("一级"),
        "level2": st.column_config.TextColumn("二级"),
        f"{years.value_column(years.budget)}_number": st.column_config.NumberColumn(f"{years.budget} 数值"),
        f"{years.value_column(years.budget)}_unit": st.column_config.TextColumn("单位"),
        "placement_inferred": st.column_config.CheckboxColumn("位置推断"),
    },
    key="indicators",
    height=ui.fit_height(listing.height, 600),
)
ui.downloads(shown, f"{doc_id}_indicators", key="indicators-download")

st.subheader("部门年度目标与所属项目")
goals = data.department_goals(doc_id)
ui.table(
    goals,
    {
        "goal_number": st.column_config.NumberColumn("目标", width="small"),
        "project_name": st.column_config.TextColumn("所属项目", width="medium"),
        "text": st.column_config.TextColumn("目标内容", width="large"),
    },
    key="goals",
    height=ui.fit_height(goals.height, 600),
)
st.caption(f"{department_table} 的年度目标按文字对应到{project_table} 各项目的年度目标。")
