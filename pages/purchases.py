"""政府采购与购买服务: the procurement listings and the purchased-services listing, their totals, the overlap, the SME
share, breakdowns by project, 品目 category and economic class, and the narrative's stated total beside them. One
layout over the canonical model for every document: a section shows what the document holds, and says 本文件未列出
where it prints no such thing and 未读到 where it prints it and the reader did not read it."""

import polars as pl
import streamlit as st

from budgetlens import canonical_queries as cq
from budgetlens.formatting import exact_amount, pct, yuan
from budgetlens.library_queries import document_kind
from components import chart_text, data, figures, state, ui
from components import purchases_view as view
from components.frame import current_document, page_title
from components.source_view import Source, source_expander
from components.ui import plain

doc_id, snapshot = current_document()
schedules = snapshot.table("schedules")
procurement = snapshot.table("procurement")
services = snapshot.table("purchased_services")
tables = data.cached(doc_id, cq.procurement_tables, schedules, procurement)
labels = data.cached(doc_id, view.schedule_labels, schedules)
services_listed = data.cached(doc_id, view.services_listed, schedules)
service_table_ids = data.cached(doc_id, view.table_ids, services)
services_read = services.height > 0
stated = data.cached(
    doc_id,
    cq.narrative_procurement,
    snapshot.table("narrative_figures"),
    snapshot.table("checks"),
    snapshot.tables.get("check_cells"),
)
stated_parts = data.cached(doc_id, cq.narrative_procurement_parts, snapshot.table("narrative_figures"))
parts_checked = view.parts_check_markdown(data.cached(doc_id, cq.procurement_parts_check, snapshot.table("checks")))


def total_source(rows: pl.DataFrame, title: str, key: str) -> None:
    """The one 原文 view of a listing's 合计 row: its lines, or its page with the cell outlined."""
    total = data.cached(doc_id, view.total_row, rows)
    if total is None:
        return
    source_expander(doc_id, snapshot.manifest, [Source.of(f"{title} 合计", total)], key=key)


def show_stated_parts() -> None:
    """The parts of the procurement the narrative states (a 决算: goods, works, services, the SME amounts)."""
    if stated_parts.is_empty():
        return
    st.markdown("**说明中写到的构成**")
    ui.wrapping_table(
        stated_parts,
        {
            "part": st.column_config.TextColumn("项目"),
            "label": st.column_config.TextColumn("原文说法", width="medium"),
            "amount_wan": ui.money_column("金额"),
            "amount_printed": st.column_config.TextColumn("原文"),
            "page": st.column_config.NumberColumn("页码", width="small"),
        },
        name="文字说明中写到的政府采购构成",
        key="stated-parts",
        most_height=360,
    )


listing_labels = [labels.get(info["table_id"], "") for info in tables] + [
    labels.get(table_id, "") for table_id in service_table_ids
]
unit = (tables[0]["unit_printed"] if tables else None) or "万元"
page_title(
    "政府采购与购买服务",
    snapshot,
    " · ".join(part for part in ("、".join(plain(label) for label in listing_labels), f"金额单位：{unit}") if part),
)
if not tables and not services_read:
    listed = (schedules["kind"] == "procurement").any()
    if listed:
        st.info("文件列有政府采购表，未读到其中的行。", icon=":material/info:")
    else:
        st.info(view.no_listing_words(document_kind(snapshot.manifest), stated.height > 0), icon=":material/info:")
    if stated.height:
        st.markdown("说明中写到的政府采购：")
        for text in view.narrative_markdown(stated, parts=parts_checked is not None):
            st.markdown(f"- {text}")
        if parts_checked:
            st.markdown(f"- {parts_checked}")
        for row in stated.iter_rows(named=True):
            st.caption(f"说明原文（第 {row['page']} 页，照提取的文字）：")
            st.text(row["statement"])
    else:
        st.caption("文字说明中没有读到政府采购的总额。")
    show_stated_parts()
    st.stop()

summary = data.cached(doc_id, cq.purchase_summary, procurement, services)
lines = data.cached(doc_id, cq.procurement_lines, procurement)
service_lines = data.cached(doc_id, cq.service_lines, services)
total = summary.procurement
if services_read:
    services_help = yuan(summary.services_wan * cq.YUAN)
    services_kpi = ui.Kpi("购买服务（万元）", exact_amount(summary.services_wan), help=services_help)
else:
    absent, absent_help = view.services_absent(services_listed)
    services_kpi = ui.Kpi("购买服务", absent, help=absent_help)
kpis = [
    ui.Kpi(
        "政府采购（万元）",
        exact_amount(total.amount_wan) if total is not None and total.amount_wan is not None else ui.NOT_PRINTED,
        help=view.total_help(total) if total is not None else "采购表没有合计行。",
    ),
    services_kpi,
]
if services_read:
    kpis.append(
        ui.Kpi(
            "两者重叠（万元）",
            exact_amount(summary.overlap_wan),
            help=f"{yuan(summary.overlap_wan * cq.YUAN)}：购买服务中标为“包含政府采购”的部分，已计入采购。",
        )
    )
procurement_label = "、".join(plain(labels.get(info["table_id"], "")) for info in tables)
kpis.append(
    ui.Kpi(
        "面向中小企业",
        pct(summary.sme_pct),
        delta=data.cached(doc_id, view.sme_note, summary, lines),
        delta_arrow="off",
        help=f"采购金额中面向中小企业的份额（{procurement_label}）。",
    )
    if summary.sme_wan is not None
    else ui.Kpi("面向中小企业", ui.NOT_PRINTED, help="采购表没有列出面向中小企业的金额。")
)
for row in stated.iter_rows(named=True):
    kpis.append(
        ui.Kpi(
            "说明中的总额（万元）",
            view.exact_amount(row["amount_wan"]),
            help=f"{row['label']}，第 {row['page']} 页，原文 {row['amount_printed']}",
        )
    )
ui.kpi_row(kpis)
for text in view.narrative_markdown(stated, parts=parts_checked is not None):
    st.markdown(text)
if parts_checked:
    st.markdown(parts_checked)
if stated.is_empty():
    st.caption("文字说明中没有读到政府采购的总额。")
show_stated_parts()
if services_read:
    combined = (total.amount_wan if total is not None else 0) + summary.services_wan - summary.overlap_wan
    st.markdown(
        f"采购与购买服务合计（不重复计算）**{yuan(combined * cq.YUAN)}** = 采购 {yuan(total.amount_wan * cq.YUAN)}"
        f" + 不含采购的购买服务 {yuan((summary.services_wan - summary.overlap_wan) * cq.YUAN)}。"
    )
if summary.unresolved:
    st.warning(f"{summary.unresolved} 行采购或购买服务对应不到项目，见下表中项目为空的行。", icon=":material/warning:")

by_project = data.cached(doc_id, cq.purchases_by_project, lines, service_lines)
if by_project.height:
    st.header("按项目", anchor=False)
    ui.chart(
        data.cached(doc_id, figures.amount_bars_figure, by_project, label="project", value="amount_yuan", unit="元"),
        chart_text.parts_sentence(by_project.rows(), what="各项目的采购与购买服务（不重复计算）", unit="元"),
        by_project,
        {"project": st.column_config.TextColumn("项目"), "amount_yuan": ui.money_column("金额", "元")},
        key="by-project",
        numbers_name="各项目的采购与购买服务金额",
    )
    st.header("明细", anchor=False)
    project_options = data.cached(doc_id, view.project_options, lines, service_lines)
    state.notice_if_invalid({"of": project_options})
    chosen = state.choices(st.multiselect, "只看这些项目", project_options, key="of", placeholder="全部项目")
    lines = data.cached(doc_id, view.of_projects, lines, tuple(chosen))
    service_lines = data.cached(doc_id, view.of_projects, service_lines, tuple(chosen))
    st.markdown(data.cached(doc_id, view.selection_markdown, lines, service_lines, services_read))

for info in tables:
    table_id = info["table_id"]
    label = plain(labels.get(table_id, ""))
    title = cq.table_title(schedules, table_id)  # the listing as the document titles it: its grids' names
    rows = data.cached(doc_id, cq.procurement_rows, procurement, table_id)
    table_lines = data.rows_where(doc_id, lines, "table_id", table_id)
    st.header(f"政府采购明细（{label}）", anchor=False)
    if info["pages"]:
        st.caption(view.table_where(info, labels.get(table_id, "")))
    by_category = data.cached(doc_id, cq.procurement_by_category, rows)
    if by_category.height:  # the listing prints its category lines: drawn as printed
        st.markdown("**按采购品目大类**")
        ui.chart(
            data.cached(doc_id, figures.amount_bars_figure, by_category, label="category", value="amount_wan"),
            chart_text.parts_sentence(by_category.select("category", "amount_wan").rows(), what="采购品目大类"),
            by_category,  # the grid sends only the columns its config names
            {
                "category": st.column_config.TextColumn("采购品目大类"),
                "amount_wan": ui.money_column("金额"),
                "amount_printed": st.column_config.TextColumn("原文"),
                "page": st.column_config.NumberColumn("页码", width="small"),
            },
            key=f"procurement-category-{table_id}",
            numbers_name=f"{title}：按采购品目大类",
        )
    summed = {
        "category_shown": ("采购的各品目大类", "品目大类"),
        # each line's class: printed on it, or on the group row above it (procurement.economic_belongs_to)
        "economic_belongs_to": ("采购的各经济分类", "经济分类"),
    }
    if by_category.height:  # the categories as printed are drawn above
        del summed["category_shown"]
    breakdowns = [(name, data.cached(doc_id, cq.lines_by, table_lines, name), *words) for name, words in summed.items()]
    breakdowns = [part for part in breakdowns if part[1].height]
    if breakdowns:  # the lines carry their category and economic class: summed from the lines
        if len(breakdowns) == 1:  # alone under the printed categories: its own heading
            st.markdown(f"**按{breakdowns[0][3]}**")
        columns = st.columns(len(breakdowns), gap="large")
        unit = cq.listing_unit(table_lines)  # as the listing prints it: 元 (洪山's 附表1-11) or 万元
        value = cq.AMOUNT_IN[unit]
        for (name, frame, what, heading), column in zip(breakdowns, columns, strict=True):
            with column:
                ui.chart(
                    data.cached(doc_id, figures.amount_bars_figure, frame, label=name, value=value, unit=unit),
                    chart_text.parts_sentence(frame.rows(), what=what, unit=unit),
                    frame,
                    {name: st.column_config.TextColumn(heading), value: ui.money_column("采购金额", unit)},
                    key=f"by-{name}-{table_id}",
                    numbers_name=f"{title}：按{heading}",
                )
    printed_projects = data.cached(doc_id, cq.procurement_by_project, rows)
    if printed_projects.height:  # the listing prints each project's subtotal above its items
        st.markdown("**按专项**")
        ui.chart(
            data.cached(
                doc_id, figures.amount_bars_figure, printed_projects, label="project", value="amount_wan", short=True
            ),
            chart_text.parts_sentence(printed_projects.select("project", "amount_wan").rows(), what="各专项的采购"),
            printed_projects,
            {
                "project": st.column_config.TextColumn("专项名称（全名）"),
                "amount_wan": ui.money_column("金额"),
                "lines": st.column_config.NumberColumn("经济科目行", width="small"),
                "continued": st.column_config.NumberColumn("其中专项名称空白的行", width="small"),
            },
            key=f"procurement-project-{table_id}",
            numbers_name=f"{title}：按专项",
        )
        st.caption(view.by_project_caption(printed_projects))
    if by_project.height:  # every line names its project: the lines, with their project and SME amount
        ui.wrapping_table(
            data.cached(doc_id, view.procurement_grid, table_lines),
            {
                "project": st.column_config.TextColumn("项目", width="medium"),
                "item_name": st.column_config.TextColumn("品目"),
                "amount_yuan": ui.money_column("采购金额", "元"),
                "sme_amount_yuan": ui.money_column("面向中小企业", "元"),
                "economic_name": st.column_config.TextColumn("经济分类"),
                "project_name": st.column_config.TextColumn("表中写的项目名"),
            },
            name=f"{title}：各行及其项目",
            key=f"procurement-table-{table_id}",
            most_height=400,
        )
        ui.downloads(
            data.cached(doc_id, view.without_box, table_lines),
            f"{doc_id}_procurement",
            key=f"procurement-download-{table_id}",
        )
    else:  # the rows as printed, each amount beside its printed text and page
        listing = data.cached(doc_id, view.printed_listing, rows)
        st.markdown(f"**{listing.height} 行（照原表顺序）**")
        ui.wrapping_table(
            listing,
            {
                "采购品目大类": st.column_config.TextColumn("采购品目大类"),
                "专项名称": st.column_config.TextColumn("专项名称", width="medium"),
                "经济科目": st.column_config.TextColumn("经济科目"),
                "采购物品名称": st.column_config.TextColumn("采购物品名称"),
                "采购组织形式": st.column_config.TextColumn("采购组织形式"),
                "金额（万元）": st.column_config.TextColumn("金额（万元）", alignment="right"),
                "原文": st.column_config.TextColumn("原文", alignment="right"),
                "页码": st.column_config.NumberColumn("页码", width="small"),
                "所属专项": st.column_config.TextColumn("所属专项", width="medium"),
                "所属专项依据": st.column_config.TextColumn("所属专项依据"),
            },
            name=title,
            key=f"procurement-{table_id}",
            most_height=520,
        )
        ui.downloads(
            data.cached(doc_id, view.without_box, rows),
            f"{doc_id}_procurement_{table_id}",
            key=f"procurement-download-{table_id}",
        )
    total_source(rows, label, f"procurement-source-{table_id}")

if services_read:
    for table_id in service_table_ids:
        shown = data.rows_where(doc_id, service_lines, "table_id", table_id)
        st.header(f"政府购买服务明细（{plain(labels.get(table_id, ''))}）", anchor=False)
        ui.wrapping_table(
            data.cached(doc_id, view.services_grid, shown),
            {
                "project": st.column_config.TextColumn("项目", width="medium"),
                "service_content": st.column_config.TextColumn("服务内容"),
                "amount_yuan": ui.money_column("购买金额", "元"),
                "includes_procurement": st.column_config.CheckboxColumn(
                    "包含政府采购", help="已计入采购，合计时不重复相加"
                ),
                "catalog_level1": st.column_config.TextColumn("指导目录（一级）"),
                "project_name": st.column_config.TextColumn("表中写的项目名"),
            },
            name=cq.table_title(schedules, table_id),
            key=f"services-table-{table_id}",
            most_height=560,
        )
        ui.downloads(
            data.cached(doc_id, view.without_box, shown), f"{doc_id}_services", key=f"services-download-{table_id}"
        )
        total_source(
            data.rows_where(doc_id, services, "table_id", table_id),
            plain(labels.get(table_id, "")),
            f"services-source-{table_id}",
        )
else:
    st.header("政府购买服务", anchor=False)
    st.caption(view.services_absent(services_listed)[1])
