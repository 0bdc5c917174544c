"""项目: every project with filters that combine, and one project opened with everything about it."""

import polars as pl
import streamlit as st

from budgetlens.canonical_queries import is_pdf
from budgetlens.projects import ProjectFilter
from components import canonical_pages, chart_text, data, figures, state, ui, views
from components.format import number, signed_wan, wan, yuan
from components.frame import current_document, page_title

doc_id, snapshot = current_document(canonical=True)
if is_pdf(snapshot.manifest):  # read from its PDF: the canonical model's layout
    canonical_pages.projects(doc_id, snapshot)
    st.stop()
table = data.project_table(doc_id)
years = data.years(doc_id)  # the document's 前年, 上年, 当年: every year this page names
budget_column = years.budget_column(years.budget)
names, units, categories = data.cached(doc_id, views.project_options, table)
state.notice_if_invalid({"project": names})
chosen_project = state.text("project")

if chosen_project in names:
    detail = data.project_detail(doc_id, chosen_project)
    project = detail.project
    st.page_link(
        "pages/projects.py", label="返回项目列表", icon=":material/arrow_back:", query_params=state.without("project")
    )
    page_title(project["project_name"], snapshot, f"项目代码 {project['project_code']}")
    row = table.filter(pl.col("project_code") == chosen_project).row(0, named=True)
    st.markdown(
        f"{ui.plain(row['category'] or '类别未列明')} · 执行单位："
        f"{ui.plain('、'.join(project['executing_units']))} · 负责人：{ui.plain(project['leader'] or '—')}"
    )
    history = []
    for year in years.earlier:  # the two years before the budget year
        value = project[years.budget_column(year)]
        if value is None:
            label = "新增项目" if project["prior_years_status"] == "new_project" else "未列明"
            history.append(ui.Kpi(f"{year} 年（万元）", "—", help=label, delta=label, delta_arrow="off"))
        else:
            wording = "下达" if project[years.wording_column(year)] == "下达" else "预算"
            history.append(ui.Kpi(f"{year} 年{wording}（万元）", number(value)))
    change = row["change_wan"]
    ui.kpi_row(
        [
            ui.Kpi(
                f"{years.budget} 年预算（万元）",
                number(project[budget_column]),
                delta=f"{signed_wan(change)} 比 {years.previous} 年" if change is not None else None,
                delta_arrow="off" if not change else ("up" if change > 0 else "down"),
            ),
            *history,
        ]
    )
    reason, content = st.columns(2, gap="large")
    with reason:
        st.subheader("申请理由")
        for paragraph in (project["reason"] or "未填写").split("\n"):
            st.text(paragraph)
    with content:
        st.subheader("主要内容")
        for paragraph in (project["content"] or "未填写").split("\n"):
            st.text(paragraph)
    if project["change_statement"]:
        st.caption("当年预算变动情况及理由：" + ui.plain(project["change_statement"]))

    st.subheader("资金来源与支出明细")
    funding, details = st.columns(2, gap="large")
    with funding:
        ui.table(
            detail.funding,
            {"label": st.column_config.TextColumn("资金来源"), "amount_wan": ui.money_column("金额")},
            key="funding",
            height=ui.fit_height(detail.funding.height, 300),
        )
    with details:
        lines = detail.details.filter(~pl.col("is_total"))
        if lines.height > 1:
            st.plotly_chart(
                data.cached(doc_id, figures.amount_bars_figure, lines, label="item", value="amount_wan"),
                config={"displayModeBar": False},
                key="details-chart",
            )
            ui.chart_summary(  # the table of its numbers follows
                chart_text.parts_sentence(lines.select("item", "amount_wan").rows(), what="支出明细")
            )
        ui.table(
            detail.details,
            {"label": st.column_config.TextColumn("支出明细"), "amount_wan": ui.money_column("金额")},
            key="details",
            height=ui.fit_height(detail.details.height, 400),
        )

    st.subheader("绩效目标与指标")
    for row_goal in detail.goals.iter_rows(named=True):
        kind = "长期" if row_goal["goal_kind"] == "long_term" else "年度"
        st.markdown(f"**{kind}目标 {row_goal['goal_number']}**：{ui.plain(row_goal['text'])}")
    for kind, title, columns in (
        ("long_term", "长期绩效指标", {"target": "指标值"}),
        (
            "annual",
            "年度绩效指标",
            {
                years.value_column(year): f"{when}（{year}）"
                for when, year in zip(("前年", "上年", "当年"), years, strict=True)
            },
        ),
    ):
        rows = detail.indicators.filter(pl.col("goal_kind") == kind)
        parsed = "target_number" if kind == "long_term" else f"{years.value_column(years.budget)}_number"
        if rows.is_empty():
            continue
        st.markdown(f"**{title}**（{rows.height} 项；“位置推断”表示原表错位、按规则摆放）")
        ui.table(
            rows,
            {
                "goal_number": st.column_config.NumberColumn("目标", width="small"),
                "level1": st.column_config.TextColumn("一级指标"),
                "level2": st.column_config.TextColumn("二级指标"),
                "name": st.column_config.TextColumn("三级指标", width="medium"),
                **{key: st.column_config.TextColumn(label) for key, label in columns.items()},
                parsed: st.column_config.NumberColumn("数值", help="从指标值中读出的数字；文字指标为空"),
                f"{parsed.removesuffix('_number')}_unit": st.column_config.TextColumn("单位"),
                "placement_inferred": st.column_config.CheckboxColumn("位置推断"),
            },
            key=f"indicators-{kind}",
            height=ui.fit_height(rows.height, 520),
        )

    st.subheader("政府采购与政府购买服务")
    budget = project[budget_column]
    st.markdown(
        f"政府采购 **{wan(detail.procurement_wan)}**、政府购买服务 **{wan(detail.services_wan)}**，"
        f"项目当年预算 **{wan(budget)}**。标为“包含政府采购”的购买服务同时出现在采购表中，两者不相加。"
    )
    if detail.procurement.height:
        ui.table(
            detail.procurement,
            {
                "item_name": st.column_config.TextColumn("采购品目"),
                "economic_name": st.column_config.TextColumn("经济分类"),
                "amount_yuan": ui.money_column("金额", "元"),
            },
            key="procurement",
            height=ui.fit_height(detail.procurement.height, 300),
        )
    if detail.services.height:
        ui.table(
            detail.services,
            {
                "service_content": st.column_config.TextColumn("购买服务内容"),
                "includes_procurement": st.column_config.CheckboxColumn("包含政府采购"),
                "amount_yuan": ui.money_column("金额", "元"),
            },
            key="services",
            height=ui.fit_height(detail.services.height, 300),
        )
    if not detail.procurement.height and not detail.services.height:
        procurement_table = data.schedule(doc_id, "s11_procurement", with_title=False)
        services_table = data.schedule(doc_id, "s12_purchased_services", with_title=False)
        st.caption(f"这个项目在{procurement_table}、{services_table} 中没有采购或购买服务。")
    with st.expander("原文"):
        ui.source_lines(
            doc_id,
            list(project["source_lines"]),
            title=f"{data.schedule(doc_id, 's14_projects', with_title=False)} 项目表头",
        )
    st.stop()

page_title("项目", snapshot, f"{table.height} 个项目 · 金额单位：万元")
sizes = {"lt10": "10 万元以下", "10to100": "10–100 万元", "100to1000": "100–1000 万元", "ge1000": "1000 万元及以上"}
purchase_options = {
    "any": "不限",
    "either": "有采购或购买服务",
    "procurement": "有政府采购",
    "services": "有购买服务",
    "none": "都没有",
}
status_options = {"any": "不限", "new": "新增项目", "continuing": "延续项目"}
state.notice_if_invalid(
    {"category": categories, "unit": units, "size": sizes, "purchases": purchase_options, "status": status_options}
)

search = state.text_input(
    st.text_input, "搜索项目名称、申请理由、主要内容、指标名称", key="q", placeholder="例如：示范基地、安全生产、培训"
)
first, second = st.columns(2)
chosen_categories = state.choices(first.multiselect, "项目类别", categories, key="category", placeholder="全部")
chosen_units = state.choices(second.multiselect, "执行单位", units, key="unit", placeholder="全部")
third, fourth, fifth = st.columns(3)
chosen_sizes = state.choices(
    third.multiselect,
    f"{years.budget} 年预算",
    list(sizes),
    key="size",
    format_func=sizes.__getitem__,
    placeholder="全部",
)
chosen_purchases = state.choice(
    fourth.selectbox,
    "采购与购买服务",
    list(purchase_options),
    key="purchases",
    default="any",
    format_func=purchase_options.__getitem__,
)
chosen_status = state.choice(
    fifth.selectbox,
    "新增或延续",
    list(status_options),
    key="status",
    default="any",
    format_func=status_options.__getitem__,
)

shown, listing, totals = data.cached(
    doc_id,
    views.project_listing,
    table,
    ProjectFilter(
        categories=tuple(chosen_categories),
        units=tuple(chosen_units),
        purchases=chosen_purchases,
        status=chosen_status,
        search=search,
        sizes=tuple(chosen_sizes),
    ),
)

st.markdown(f"**{shown.height}** 个项目，合计 **{wan(totals[budget_column])}**。选中一行打开项目。")
event = ui.table(
    listing,
    {
        "project_name": st.column_config.TextColumn("项目", width="medium"),
        budget_column: ui.money_column(years.budget),
        "change_wan": ui.money_column(f"比 {years.previous} 年"),
        "category": st.column_config.TextColumn("类别"),
        "units": st.column_config.TextColumn("执行单位", width="medium"),
        **{years.budget_column(year): ui.money_column(year) for year in years.earlier},
        "share_of_projects_pct": st.column_config.NumberColumn("占项目支出", format="%.2f%%"),
        "indicator_count": st.column_config.NumberColumn("指标数"),
        "procurement_yuan": ui.money_column("政府采购", "元"),
        "services_yuan": ui.money_column("购买服务", "元"),
        "is_new": st.column_config.CheckboxColumn("新增"),
        "leader": st.column_config.TextColumn("负责人"),
        "project_code": st.column_config.TextColumn("项目代码"),
    },
    # a fresh key after each opening, so coming back never replays the old row selection
    key=f"projects-table-{st.session_state.get('opened', 0)}",
    height=ui.fit_height(listing.height, 600),
    selectable=True,
)
ui.downloads(shown.drop("reason", "content", "indicator_names"), f"{doc_id}_projects", key="projects-download")
picked = event.selection.rows if event is not None else []
if picked:
    st.session_state["opened"] = st.session_state.get("opened", 0) + 1
    st.query_params["project"] = listing.row(picked[0], named=True)["project_code"]
    st.rerun()
st.caption(f"合计中的政府采购 {yuan(totals['procurement_yuan'])}、购买服务 {yuan(totals['services_yuan'])}。")
