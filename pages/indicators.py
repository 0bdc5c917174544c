"""绩效指标: every indicator of the department and the projects, filterable, with each year's value, and the
department's goals linked to the projects they belong to. One layout over the canonical model for every document."""

import streamlit as st

from budgetlens import project_queries as pq
from components import data, state, ui
from components import projects_view as view
from components.frame import current_document, page_title
from components.ui import plain

doc_id, snapshot = current_document()
year = snapshot.manifest["budget_year"]
indicators = data.cached(doc_id, pq.indicator_table, snapshot.tables, year)
if indicators.is_empty():
    page_title("绩效指标", snapshot)
    st.info("本文件未包含项目绩效目标表。", icon=":material/info:")
    st.caption("本文件没有列出绩效指标。列出项目绩效目标表的文件，这里逐项列出每个项目的指标和目标值。")
    st.stop()
projects = data.cached(doc_id, pq.project_list, snapshot.tables, year)
indicators = data.cached(doc_id, view.with_project_keys, indicators, projects)
printed = data.cached(doc_id, view.printed_columns, indicators)
sources = data.cached(doc_id, pq.indicator_sources, indicators, snapshot.table("schedules"))
where = "与".join(
    f"{label}（{plain('、'.join(sources[scope]))}）"
    for scope, label in (("department", "部门整体"), ("project", "各项目"))
    if scope in sources
)
page_title("绩效指标", snapshot, where)
years = data.years(doc_id)  # the document's 前年, 上年, 当年: the value columns and their labels
current = years.value_column(years.budget)
offered = data.cached(doc_id, view.indicator_choices, indicators)
scopes, kinds, project_names = offered.scopes, offered.kinds, offered.project_names
level1, level2 = offered.level1, offered.level2
state.notice_if_invalid({"scope": scopes, "of": project_names, "kind": kinds, "level1": level1, "level2": level2})

search = state.text_input(st.text_input, "搜索指标名称或指标值", key="q", placeholder="例如：满意度、专利、星级")
filters = [name for name, shown in (("scope", len(scopes) > 1), ("of", True), ("kind", bool(kinds))) if shown]
filters += ["level1", "level2"] + (["numeric"] if offered.has_number else [])
# the filters this document has inputs for, three to a row, in one order
places = dict(zip(filters, [cell for _ in range(0, len(filters), 3) for cell in st.columns(3)], strict=False))


def chosen_in(key: str, label: str, labelled: dict[str, str] | list[str]) -> tuple[str, ...]:
    """The choices of the filter `key` where this document has it (with the options' labels, if any); else none."""
    if key not in places:
        return ()
    shown = {"format_func": labelled.__getitem__} if isinstance(labelled, dict) else {}
    return tuple(state.choices(places[key].multiselect, label, list(labelled), key=key, placeholder="全部", **shown))


chosen = pq.IndicatorFilter(  # the filters drawn in `places`' order
    scopes=chosen_in("scope", "范围", scopes),
    projects=chosen_in("of", "项目", project_names),
    kinds=chosen_in("kind", "目标类型", kinds),
    level1=chosen_in("level1", "一级指标", level1),
    level2=chosen_in("level2", "二级指标", level2),
    numeric_only=places["numeric"].toggle("只看有数字目标的指标", key="numeric") if "numeric" in places else False,
    search=search,
)
shown, listing = data.cached(doc_id, view.indicator_listing, indicators, chosen, doc_id, printed)
values = ("target", *(years.value_column(year) for year in years))
value_width = data.cached(doc_id, ui.columns_wrapping_width, listing, values, 100, 240)  # 高于上年水平 in 2 lines
name_width = data.cached(doc_id, ui.columns_wrapping_width, listing, ("name",), 200, 320)
st.markdown(f"**{shown.height}** 项指标。")
ui.wrapping_table(  # names and values read whole (我区企业新增国家两化融合贯标…, 280亿元 and 高于上年水平 were cut)
    listing,
    {
        "belongs_to": st.column_config.TextColumn("项目", width="medium"),
        "name": st.column_config.TextColumn("指标", width=name_width),
        "target": st.column_config.TextColumn("长期目标值" if offered.long_term_only else "指标值", width=value_width),
        **{years.value_column(year): st.column_config.TextColumn(year, width=value_width) for year in years},
        "scope": st.column_config.TextColumn("范围"),
        "goal_kind": st.column_config.TextColumn("目标类型"),
        "goal_number": st.column_config.NumberColumn("目标"),
        "level1": st.column_config.TextColumn("一级"),
        "level2": st.column_config.TextColumn("二级"),
        f"{current}_number": st.column_config.NumberColumn(f"{years.budget} 数值"),
        f"{current}_unit": st.column_config.TextColumn("单位"),
        "placement_inferred": st.column_config.CheckboxColumn("位置推断"),
        "page": st.column_config.NumberColumn("页码", width="small"),
        "link": st.column_config.LinkColumn("打开项目", display_text="打开", width="small"),
    },
    name="符合所选条件的绩效指标",
    key="indicators",
    most_height=600,
)
ui.downloads(data.cached(doc_id, view.indicators_download, shown), f"{doc_id}_indicators", key="indicators-download")

st.header("部门年度目标与所属项目", anchor=False)
goals = data.cached(doc_id, pq.department_goals, snapshot.tables)
if goals.is_empty():
    st.caption("本文件未列出部门的年度目标。")
else:
    ui.wrapping_table(  # each goal's text whole, however long
        goals,
        {
            "goal_number": st.column_config.NumberColumn("目标", width="small"),
            "project_name": st.column_config.TextColumn("所属项目", width="medium"),
            "text": st.column_config.TextColumn(
                "目标内容", width=data.cached(doc_id, ui.columns_wrapping_width, goals, ("text",), 400, 520)
            ),
        },
        name="部门年度目标与所属项目",
        key="goals",
        most_height=600,
    )
    st.caption(
        f"{plain('、'.join(sources.get('department', [])))} 的年度目标按文字对应到"
        f"{plain('、'.join(sources.get('project', [])))} 各项目的年度目标。"
    )
