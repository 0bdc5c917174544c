"""项目: every project the document lists, with filters that combine, and one project opened with everything the
document prints about it. One layout over the canonical model for every document."""

import polars as pl
import streamlit as st

from budgetlens import project_queries as pq
from budgetlens.formatting import exact_amount, signed_wan, wan, yuan
from components import chart_text, data, figures, state, ui
from components import projects_view as view
from components.frame import current_document, page_title
from components.source_view import Source, source_expander
from components.ui import plain

doc_id, snapshot = current_document()
year = snapshot.manifest["budget_year"]
table = data.cached(doc_id, pq.project_list, snapshot.tables, year)
# the narrative's own statement of its projects with performance targets: beside the forms, or alone without them
stated = pq.stated_projects_total(snapshot.table("narrative_figures"))
stated_words = None
if stated is not None:
    checks, cells = snapshot.table("checks"), snapshot.tables.get("check_cells")
    stated_words = data.cached(doc_id, view.stated_total_words, stated, checks, cells)
if table.is_empty():
    page_title("项目", snapshot)
    st.info("本文件未包含项目绩效目标表。", icon=":material/info:")
    st.caption("本文件没有逐个项目列出资金、目标和指标的表；文件中识别出的各张表见“数据与来源”。")
    if stated_words:
        st.markdown(stated_words)
    st.stop()
years = data.years(doc_id)  # the document's 前年, 上年, 当年: every year this page names
budget_column = years.budget_column(years.budget)
printed = data.cached(doc_id, pq.printed_columns, table)
names, units, categories = data.cached(doc_id, view.options, table)
chosen_project = view.project_key_of(table, state.text("project"))  # ?project= may give a code or a name
if chosen_project not in names:
    state.notice_if_invalid({"project": names})

if chosen_project in names:
    detail = data.cached(doc_id, pq.project_detail, snapshot.tables, year, chosen_project)
    project = detail.project
    st.page_link(
        "pages/projects.py", label="返回项目列表", icon=":material/arrow_back:", query_params=state.without("project")
    )
    schedules = snapshot.table("schedules").filter(pl.col("table_id") == project["table_id"])
    form = schedules.row(0, named=True) if schedules.height else {}
    form_name = " ".join(filter(None, (form.get("number_printed"), form.get("title")))) or "项目表"
    place = pq.where(project["source_lines"], project["page"])
    page_title(
        plain(project["project_name"]),
        snapshot,
        " · ".join(
            filter(
                None, (project["project_code"] and f"项目代码 {project['project_code']}", f"{plain(form_name)} {place}")
            )
        ),
    )
    facts = [
        ("项目类别", project["category"]),
        ("项目性质", project["nature"]),
        ("执行单位", "、".join(project["executing_units"] or [])),
        ("负责人", project["leader"]),
    ]
    st.markdown(" · ".join(f"{label}：{plain(value)}" for label, value in facts if value))
    budget = project[budget_column]
    change = project["change_wan"]
    kpis = []  # the years oldest first (前年, 上年, 当年), as they stack on a phone: the budget year was first
    if project["prior_years_status"] is not None:  # the form has a cell for the years before
        for earlier in years.earlier:
            value = project[years.budget_column(earlier)]
            if value is None:
                label = "新增项目" if project["prior_years_status"] == "new_project" else "未列明"
                kpis.append(ui.Kpi(f"{earlier} 年（万元）", "—", help=label, delta=label, delta_arrow="off"))
            else:
                label = f"{earlier} 年{project[years.wording_column(earlier)]}（万元）"
                kpis.append(ui.Kpi(label, exact_amount(value)))
    kpis.append(
        ui.Kpi(
            f"{years.budget} 年预算（万元）",
            exact_amount(budget) if budget is not None else ui.BLANK_CELL,
            delta=f"{signed_wan(change)} 比 {years.previous} 年" if change is not None else None,
            delta_arrow="off" if not change else ("up" if change > 0 else "down"),
            help=f"原文 {plain(project['budget_printed'] or '未列出')}，{place}",
        )
    )
    if project["project_total_wan"] is not None and project["project_total_wan"] != budget:
        kpis.append(
            ui.Kpi(
                "项目资金总额（万元）",
                exact_amount(project["project_total_wan"]),
                help=f"原文 {plain(project['project_total_printed'])}",
            )
        )
    ui.kpi_row(kpis)
    if project["prior_years_status"] is None:
        st.caption(f"{ui.NOT_PRINTED}这个项目往年的预算。")
    steps = data.cached(doc_id, pq.stated_steps, detail, year)
    if steps.height:
        previous = project[years.budget_column(years.previous)]
        ui.chart(
            data.cached(
                doc_id,
                figures.waterfall_figure,
                steps,
                start_label=f"{years.previous} 年{project[years.wording_column(years.previous)]}",
                start=previous,
                end_label=f"{years.budget} 年预算",
                end=budget,
                height=max(260, 44 * steps.height + 140),
            ),
            chart_text.change_sentence("项目预算", (f"{years.previous} 年", previous), (f"{years.budget} 年", budget))
            + f"文件逐项说明了 {detail.changes.height} 项变动。",
            key="project-steps",
        )
    if project["reason"] is not None or project["content"] is not None:
        for column, (title, text) in zip(
            st.columns(2, gap="large"), (("申请理由", project["reason"]), ("主要内容", project["content"])), strict=True
        ):
            column.header(title, anchor=False)
            for paragraph in (text or "未填写").split("\n"):
                column.text(paragraph)
    else:
        st.caption(f"{ui.NOT_PRINTED}项目的申请理由和主要内容。")
    if project.get("change_statement"):
        st.caption("当年预算变动情况及理由：" + plain(project["change_statement"]))

    failing = {"doc": doc_id, "status": "fail"}  # where a ⚠ on this page leads
    st.header("资金来源与支出明细", anchor=False)
    # side by side where the document prints both; the funds across the page where it prints no expense details
    funding, details = st.columns(2, gap="large") if detail.expenses.height else (st.container(), st.container())
    with funding:
        if detail.funds.is_empty():
            st.caption(f"{ui.NOT_PRINTED}项目的资金。")
        else:
            funds = data.cached(doc_id, view.fund_grid, detail.funds)
            ui.table(
                funds,
                {
                    "部分": st.column_config.TextColumn("部分", width="small"),
                    "项目（原文）": st.column_config.TextColumn("项目（原文）"),
                    "金额（万元）": st.column_config.TextColumn("金额（万元）", alignment="right"),
                    "原文": st.column_config.TextColumn("原文", alignment="right"),
                    "出处": st.column_config.TextColumn("出处", width="small"),
                },
                name=f"{project['project_name']}：资金来源",
                key="funding",
                height=ui.fit_height(funds.height, 320),
            )
            if detail.blank_funds:
                st.caption(f"另有 {detail.blank_funds} 行原表空白（列出了、没有填金额），未列入。")
        for text in view.fund_check_markdown(detail.fund_checks.filter(pl.col("status") == "fail")):
            st.warning(text, icon=":material/warning:")
        if detail.fund_checks.height and not detail.fund_checks.filter(pl.col("status") == "fail").height:
            st.caption(f"资金的 {detail.fund_checks.height} 项核对（总额等于各部分之和、各总额彼此相符）都通过。")
    with details:
        lines = detail.expenses.filter(~pl.col("is_total"))
        if detail.expenses.is_empty():
            st.caption(f"{ui.NOT_PRINTED}项目的支出明细。")
        else:
            if lines.height > 1:
                ui.chart(
                    data.cached(doc_id, figures.amount_bars_figure, lines, label="item", value="amount_wan"),
                    chart_text.parts_sentence(lines.select("item", "amount_wan").rows(), what="支出明细"),
                    key="details-chart",
                )  # the table of its numbers follows
            expenses = data.cached(doc_id, view.expense_grid, detail.expenses)
            ui.table(
                expenses,
                {"label": st.column_config.TextColumn("支出明细"), "amount_wan": ui.money_column("金额")},
                name=f"{project['project_name']}：支出明细",
                key="details",
                height=ui.fit_height(expenses.height, 400),
            )
    if detail.funds["disputed"].any() or detail.expenses["disputed"].any():
        ui.checks_link("⚠ 标出的数字参与的核对没有通过：在“数据核对”中查看", failing, icon="fact_check")

    st.header("绩效目标与指标", anchor=False)
    for row_goal in detail.goals.iter_rows(named=True):
        kind = "长期" if row_goal["goal_kind"] == "long_term" else "年度"
        st.markdown(f"**{kind}目标 {row_goal['goal_number']}**：{plain(row_goal['text'])}")
    for label, text in (("项目总目标", project["goal_long_term"]), ("年度总体目标", project["goal_annual"])):
        if text:
            st.markdown(f"**{label}**")
            st.text(text)
    if detail.goals.is_empty() and not project["goal_long_term"] and not project["goal_annual"]:
        st.caption(f"{ui.NOT_PRINTED}项目的绩效目标。")
    value_columns = tuple(years.value_column(y) for y in years)
    kinds = detail.indicators["goal_kind"].unique(maintain_order=True).to_list()
    for kind in kinds:
        rows = detail.indicators.filter(pl.col("goal_kind").eq_missing(kind))
        grid = data.cached(doc_id, view.indicator_grid, rows, value_columns if kind != "long_term" else ())
        title = {"long_term": "长期绩效指标", "annual": "年度绩效指标"}.get(kind, "绩效指标")
        inferred = "；“位置推断”表示原表错位、按规则摆放" if "placement_inferred" in grid.columns else ""
        st.markdown(f"**{title}**（{rows.height} 项{inferred}）")
        ui.table(
            grid,
            {
                "goal_number": st.column_config.NumberColumn("目标", width="small"),
                "level1": st.column_config.TextColumn("一级指标"),
                "level2": st.column_config.TextColumn("二级指标"),
                "name": st.column_config.TextColumn("三级指标", width="medium"),
                "target": st.column_config.TextColumn("指标值"),
                **{
                    years.value_column(y): st.column_config.TextColumn(f"{when}（{y}）")
                    for when, y in zip(("前年", "上年", "当年"), years, strict=True)
                },
                f"{value_columns[-1]}_number": st.column_config.TextColumn(
                    "数值", help="从指标值中读出的数字；文字指标为“—”"
                ),
                f"{value_columns[-1]}_unit": st.column_config.TextColumn("单位"),
                "trend": st.column_config.TextColumn("趋势"),
                "placement_inferred": st.column_config.CheckboxColumn("位置推断"),
                "page": st.column_config.NumberColumn("页码", width="small"),
            },
            name=f"{project['project_name']}：{title}",
            key=f"indicators-{kind}",
            height=ui.fit_height(rows.height, 520),
        )
    if detail.indicators.is_empty():
        st.caption(f"{ui.NOT_PRINTED}这个项目的绩效指标。")
    elif detail.indicators["disputed"].any():
        ui.checks_link("⚠ 标出的指标参与的核对没有通过：在“数据核对”中查看", failing, icon="fact_check")

    st.header("政府采购与政府购买服务", anchor=False)
    if not detail.purchases_listed:
        st.caption(f"{ui.NOT_PRINTED}政府采购和购买服务各属于哪个项目。")
    else:
        st.markdown(
            f"政府采购 **{wan(detail.procurement_wan)}**、政府购买服务 **{wan(detail.services_wan)}**，"
            f"项目当年预算 **{wan(budget)}**。标为“包含政府采购”的购买服务同时出现在采购表中，两者不相加。"
        )
        if detail.procurement.height:
            ui.table(
                detail.procurement.select("item", "economic", (pl.col("amount_wan") * 10000).alias("amount_yuan")),
                {
                    "item": st.column_config.TextColumn("采购品目"),
                    "economic": st.column_config.TextColumn("经济分类"),
                    "amount_yuan": ui.money_column("金额", "元"),
                },
                name=f"{project['project_name']}：政府采购",
                key="procurement",
                height=ui.fit_height(detail.procurement.height, 300),
            )
        if detail.services.height:
            ui.table(
                detail.services.select(
                    "service_content", "includes_procurement", (pl.col("amount_wan") * 10000).alias("amount_yuan")
                ),
                {
                    "service_content": st.column_config.TextColumn("购买服务内容"),
                    "includes_procurement": st.column_config.CheckboxColumn("包含政府采购"),
                    "amount_yuan": ui.money_column("金额", "元"),
                },
                name=f"{project['project_name']}：政府购买服务",
                key="services",
                height=ui.fit_height(detail.services.height, 300),
            )
        if not detail.procurement.height and not detail.services.height:
            st.caption("这个项目在政府采购表、政府购买服务表中没有采购或购买服务。")
    title = f"{form_name} 项目表头" if project["source_lines"] else form_name
    source_expander(doc_id, snapshot.manifest, [Source.of(title, project)], key="project-source")
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
with_purchases = "procurement_yuan" in printed or "services_yuan" in printed
with_status = "prior_years_status" in printed
state.notice_if_invalid(
    {"category": categories, "unit": units, "size": sizes}
    | ({"purchases": purchase_options} if with_purchases else {})
    | ({"status": status_options} if with_status else {})
)
searched = data.cached(doc_id, pq.searched_fields, table)
search = state.text_input(
    st.text_input, f"搜索{'、'.join(searched)}", key="q", placeholder="例如：示范基地、安全生产、培训"
)


def chosen_option(place, label: str, options: dict[str, str], key: str, printed: bool) -> str:
    """A filter the document has inputs for (`printed`), bound to `?key=`; "any" where it has none."""
    if not printed:
        return "any"
    return state.choice(place.selectbox, label, list(options), key=key, default="any", format_func=options.__getitem__)


first, second = st.columns(2)
third, fourth, fifth = st.columns(3)
chosen = pq.ProjectFilter(  # each filter in its own column, made in reading order
    categories=tuple(state.choices(first.multiselect, "项目类别", categories, key="category", placeholder="全部")),
    units=tuple(state.choices(second.multiselect, "执行单位", units, key="unit", placeholder="全部")),
    sizes=tuple(
        state.choices(
            third.multiselect,
            f"{years.budget} 年预算",
            list(sizes),
            key="size",
            format_func=sizes.__getitem__,
            placeholder="全部",
        )
    ),
    purchases=chosen_option(fourth, "采购与购买服务", purchase_options, "purchases", with_purchases),
    status=chosen_option(fifth, "新增或延续", status_options, "status", with_status),
    search=search,
)
disputed = data.cached(doc_id, pq.disputed_projects, snapshot.tables)
shown, listing, totals = data.cached(doc_id, view.project_listing, table, chosen, printed, disputed)

st.markdown(f"**{shown.height}** 个项目，合计 **{wan(totals[budget_column])}**。选中一行{ui.SELECT_KEYS}打开项目。")
if stated_words:  # ⚠ where a check disputes it against the forms' sum
    st.caption(stated_words)
if disputed:
    ui.checks_link("标 ⚠ 的项目：查看没有通过的核对", {"doc": doc_id, "status": "fail"})  # one line at 390 px
# the name and the executing units wrap whole: 洪山 line 456's 16-character name, its first project's 72-character list
# of 7 units (cut after 3 lines in a 200 px column); each column as narrow as lets its longest text fit three lines
name_width = data.cached(doc_id, ui.wrapping_width, tuple(listing["project_name"]))
units_width = data.cached(doc_id, ui.wrapping_width, tuple(listing["units"])) if "units" in listing.columns else None
listing_columns = {
    "project_name": st.column_config.TextColumn("项目", width=name_width),
    **{years.budget_column(year): ui.dash_column(year) for year in years.earlier},  # the years oldest first
    budget_column: ui.money_column(years.budget),
    "change_wan": ui.dash_column(f"比 {years.previous} 年"),
    "category": st.column_config.TextColumn("类别"),
    "units": st.column_config.TextColumn("执行单位", width=units_width),
    "share_of_projects_pct": st.column_config.NumberColumn("占项目支出", format="%.2f%%"),
    "indicator_count": st.column_config.NumberColumn("指标数"),
    "procurement_yuan": ui.dash_column("政府采购", "元"),
    "services_yuan": ui.dash_column("购买服务", "元"),
    "is_new": st.column_config.CheckboxColumn("新增"),
    "leader": st.column_config.TextColumn("负责人"),
    "project_code": st.column_config.TextColumn("项目代码"),
    "nature": st.column_config.TextColumn("项目性质"),
    "budget_printed": st.column_config.TextColumn(f"{years.budget}（原文）", alignment="right"),
    "project_total_wan": ui.dash_column("项目资金总额"),
    "project_total_printed": st.column_config.TextColumn("项目资金总额（原文）", alignment="right"),
    "page": st.column_config.NumberColumn("页码", width="small"),
}
event = ui.wrapping_table(
    listing,
    listing_columns,
    name="符合所选条件的项目",
    # a fresh key after each opening, so coming back never replays the old row selection
    key=f"projects-table-{st.session_state.get('opened', 0)}",
    most_height=600,
    selectable=True,
)
downloaded = data.cached(doc_id, view.download_frame, shown, snapshot.table("schedules"), disputed)
caption = data.cached(doc_id, view.download_caption, downloaded)
ui.downloads(downloaded, f"{doc_id}_projects", key="projects-download", note=caption)
if (picked := ui.picked(event, shown)) is not None:
    st.session_state["opened"] = st.session_state.get("opened", 0) + 1
    st.query_params["project"] = picked["project_key"]
    st.rerun()
if with_status:
    st.caption(view.PRIOR_YEARS_HELP)
if with_purchases:
    st.caption(f"合计中的政府采购 {yuan(totals['procurement_yuan'])}、购买服务 {yuan(totals['services_yuan'])}。")
