"""政府采购与购买服务: both schedules, totals, breakdowns, the SME share, and their overlap."""

import polars as pl
import streamlit as st

from budgetlens.canonical_queries import is_pdf
from budgetlens.money import YUAN_PER_WAN
from components import canonical_pages, chart_text, data, figures, state, ui
from components.format import number, pct, yuan
from components.frame import current_document, page_title

doc_id, snapshot = current_document(canonical=True)
if is_pdf(snapshot.manifest):  # read from its PDF: the canonical model's layout
    canonical_pages.purchases(doc_id, snapshot)
    st.stop()
procurement_table = data.schedule(doc_id, "s11_procurement", with_title=False)
services_table = data.schedule(doc_id, "s12_purchased_services", with_title=False)
page_title("政府采购与购买服务", snapshot, f"{procurement_table}、{services_table} · 金额单位：元")
procurement, services, summary, breakdowns = data.purchases(doc_id)

ui.kpi_row(
    [
        # in 万元 so the figures fit a KPI box; the tables below keep the schedules' 元
        ui.Kpi(
            "政府采购（万元）",
            number(summary["procurement_yuan"] / YUAN_PER_WAN),
            help=yuan(summary["procurement_yuan"]),
        ),
        ui.Kpi(
            "购买服务（万元）", number(summary["services_yuan"] / YUAN_PER_WAN), help=yuan(summary["services_yuan"])
        ),
        ui.Kpi(
            "两者重叠（万元）",
            number(summary["overlap_yuan"] / YUAN_PER_WAN),
            help=f"{yuan(summary['overlap_yuan'])}：购买服务中标为“包含政府采购”的部分，已计入采购。",
        ),
        ui.Kpi("面向中小企业", pct(summary["sme_pct"]), help=f"采购金额中面向中小企业的份额（{procurement_table}）。"),
    ]
)
st.markdown(
    f"采购与购买服务合计（不重复计算）**{yuan(summary['combined_yuan'])}** = 采购 {yuan(summary['procurement_yuan'])}"
    f" + 不含采购的购买服务 {yuan(summary['services_only_yuan'])}。"
)
if summary["unresolved"]:
    st.warning(
        f"{summary['unresolved']} 行采购或购买服务对应不到项目，见下表中项目为空的行。", icon=":material/warning:"
    )


st.subheader("按项目")
st.plotly_chart(
    data.cached(
        doc_id, figures.amount_bars_figure, breakdowns["project"], label="project", value="amount_yuan", unit="元"
    ),
    config={"displayModeBar": False},
    key="by-project",
)
ui.chart_summary(
    chart_text.parts_sentence(breakdowns["project"].rows(), what="各项目的采购与购买服务（不重复计算）", unit="元"),
    breakdowns["project"],
    {"project": st.column_config.TextColumn("项目"), "amount_yuan": ui.money_column("金额", "元")},
    key="by-project-numbers",
)

st.subheader("明细")
project_options = sorted(set(procurement["project"]) | set(services["project"]))
state.notice_if_invalid({"of": project_options})
chosen = state.choices(st.multiselect, "只看这些项目", project_options, key="of", placeholder="全部项目")
if chosen:
    procurement = procurement.filter(pl.col("project").is_in(chosen))
    services = services.filter(pl.col("project").is_in(chosen))
st.markdown(
    f"所选范围：采购 **{yuan(procurement['amount_yuan'].sum())}**，购买服务 **{yuan(services['amount_yuan'].sum())}**"
    f"（其中已计入采购 {yuan(services.filter(pl.col('includes_procurement'))['amount_yuan'].sum())}）。"
)

st.subheader(f"政府采购明细（{procurement_table}）")
left, right = st.columns(2, gap="large")
with left:
    st.plotly_chart(
        data.cached(
            doc_id, figures.amount_bars_figure, breakdowns["category"], label="category", value="amount_yuan", unit="元"
        ),
        config={"displayModeBar": False},
        key="by-category",
    )
    ui.chart_summary(
        chart_text.parts_sentence(breakdowns["category"].rows(), what="采购的各品目大类", unit="元"),
        breakdowns["category"],
        {"category": st.column_config.TextColumn("品目大类"), "amount_yuan": ui.money_column("采购金额", "元")},
        key="by-category-numbers",
    )
with right:
    st.plotly_chart(
        data.cached(
            doc_id,
            figures.amount_bars_figure,
            breakdowns["economic"],
            label="economic_name",
            value="amount_yuan",
            unit="元",
        ),
        config={"displayModeBar": False},
        key="by-economic",
    )
    ui.chart_summary(
        chart_text.parts_sentence(breakdowns["economic"].rows(), what="采购的各经济分类", unit="元"),
        breakdowns["economic"],
        {"economic_name": st.column_config.TextColumn("经济分类"), "amount_yuan": ui.money_column("采购金额", "元")},
        key="by-economic-numbers",
    )
ui.table(
    procurement,
    {
        "project": st.column_config.TextColumn("项目", width="medium"),
        "item_name": st.column_config.TextColumn("品目"),
        "amount_yuan": ui.money_column("采购金额", "元"),
        "sme_amount_yuan": ui.money_column("面向中小企业", "元"),
        "economic_name": st.column_config.TextColumn("经济分类"),
        "project_name": st.column_config.TextColumn("表中写的项目名"),
    },
    key="procurement-table",
    height=ui.fit_height(procurement.height, 400),
)
ui.downloads(procurement, f"{doc_id}_procurement", key="procurement-download")

st.subheader(f"政府购买服务明细（{services_table}）")
ui.table(
    services,
    {
        "project": st.column_config.TextColumn("项目", width="medium"),
        "service_content": st.column_config.TextColumn("服务内容"),
        "amount_yuan": ui.money_column("购买金额", "元"),
        "includes_procurement": st.column_config.CheckboxColumn("包含政府采购", help="已计入采购，合计时不重复相加"),
        "catalog_level1": st.column_config.TextColumn("指导目录（一级）"),
        "project_name": st.column_config.TextColumn("表中写的项目名"),
    },
    key="services-table",
    height=ui.fit_height(services.height, 560),
)
ui.downloads(services, f"{doc_id}_services", key="services-download")
