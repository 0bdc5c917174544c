"""文件库: every document of the library, filtered by region, year, kind and stage (预算 or 决算); open any one into
the pages."""

import streamlit as st

from budgetlens import library_queries as lq
from components import library, library_figures, library_pages, state, ui
from components.frame import library_title
from components.ui import plain

OPEN = [  # the pages a document opens into: (page file, label)
    ("pages/overview.py", "概览"),
    ("pages/execution.py", "预算执行"),
    ("pages/by_function.py", "支出功能分类"),
    ("pages/three_public.py", "“三公”经费"),
    ("pages/changes.py", "年度对比"),
    ("pages/checks.py", "数据核对"),
    ("pages/department.py", "本部门各年度"),
]
TOP = 20  # documents in the chart

library_title("文件库")
catalogue = library_pages.catalogue_or_stop("，这里列出每一份文件")
choices = library.cached(lq.options, catalogue)
years = [str(year) for year in choices["year"]]
stage_counts = library.cached(library_pages.stage_counts, catalogue, tuple(choices["stage"]))
st.caption(
    f"文件库共 {catalogue.height} 份公开文件（{stage_counts}）。预算是计划支出，决算是实际支出。"
    f"筛选后可按任一列排序，选中一行{ui.SELECT_KEYS}即可打开这份文件。"
)
state.notice_if_invalid(
    {"region": choices["region"], "years": years, "kinds": choices["kind"], "stages": choices["stage"]}
)

filters = st.container(horizontal=True)
regions = state.choices(
    filters.multiselect,
    "地区",
    choices["region"],
    key="region",
    placeholder="全部地区",
    help="选一个地区，也包括其下的区县",
)
chosen_years = state.choices(filters.multiselect, "年度", years, key="years", placeholder="全部年度")
stages = state.choices(filters.multiselect, "预算或决算", choices["stage"], key="stages", placeholder="预算和决算")
kinds = state.choices(filters.multiselect, "类型", choices["kind"], key="kinds", placeholder="全部类型")
rows = library.cached(
    lq.filtered, catalogue, tuple(regions), tuple(int(y) for y in chosen_years), tuple(kinds), tuple(stages)
)

if rows.is_empty():
    st.info("没有符合这些条件的文件。")
    st.stop()
listing = library.cached(library_pages.library_listing, rows, TOP)
st.header(f"{rows.height} 份文件", anchor=False)
if listing.stages_mixed:
    st.caption("其中既有预算又有决算：预算是计划数（预算数），决算是实际数（决算数），不宜相加。")
if listing.levels_mixed:
    st.caption("其中既有部门的文件又有单位的文件：单位的文件是部门文件的一部分，口径不同，不宜相加。")
joins = library.cached(lq.department_joins, rows)
if joins:
    st.caption("部门名称的合并（按人工核对过的部门名称对照表和简称规则）：" + "；".join(plain(line) for line in joins))
event = ui.wrapping_table(  # each document's name whole (a 200 px column cut it after about 13 characters)
    listing.table,
    {
        # the name, then what a reader compares (year, kind, the amounts, the contradictions) before what describes
        # the file: at 1280 px the amounts were past the grid's right edge
        "label": st.column_config.TextColumn("文件", width="medium", pinned=True),
        "budget_year": st.column_config.NumberColumn("年度", format="%d"),
        "kind": st.column_config.TextColumn("类型"),
        "total_wan": ui.money_column("支出合计", help="预算文件为预算数，决算文件为决算数", places=2),
        # the contradictions beside the total: after the three parts they were past the right edge at 1280 px
        "findings": st.column_config.NumberColumn("发现的矛盾（处）", format="%d"),
        "basic_wan": ui.money_column("基本支出", places=2),
        "project_wan": ui.money_column("项目支出", places=2),
        "three_public_wan": ui.money_column("“三公”经费", places=2),
        "stage": st.column_config.TextColumn("预算或决算", help="预算：计划支出（预算数）；决算：实际支出（决算数）"),
        "region": st.column_config.TextColumn("地区"),
        "level": st.column_config.TextColumn("级次"),
        "format": st.column_config.TextColumn("读自", help="读自 PDF 原件，或读自网站导出的文本"),
        "pages": ui.dash_column("页数", unit=None),
        "staff": st.column_config.NumberColumn("在职人数", format="%d"),
    },
    name="文件库中符合条件的文件",
    key="library-table",
    most_height=460,
    selectable=True,
)
st.caption(library_pages.ROUNDED_NOTE + "“—”表示文件没有列出（不是 0）。")
ui.downloads(listing.download, "library_catalogue", key="library-download")
doc = ui.picked(event, rows)
if doc is not None:
    with st.container(border=True):
        st.markdown(f"**{plain(doc['label'])}**")
        links = st.container(horizontal=True)
        for path, label in OPEN:
            links.page_link(path, label=label, query_params={"doc": doc["doc_id"]}, icon=":material/open_in_new:")

st.header("支出合计", anchor=False)
# no table of its numbers under the chart: the table above holds them
ui.chart(library.cached(library_figures.totals_figure, rows, TOP), listing.sentence, key="library-totals")
st.caption(
    f"按支出合计从大到小，显示前 {listing.charted} 份（共 {rows.height} 份）；颜色表示文件类型。金额单位：万元。"
)
