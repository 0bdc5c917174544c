"""政府采购与购买服务: both schedules, totals, breakdowns, the SME share, and their overlap."""

import polars as pl
import streamlit as st

from components import data, figures, state, ui
from components.format import pct, yuan
from components.frame import current_document, page_title

doc_id, snapshot = current_document()
page_title("政府采购与购买服务", snapshot, "附表1-11、1-12 · 金额单位：元")
procurement, services, summary = data.purchases(doc_id)
names = dict(
    zip(snapshot.table("s14_projects")["project_code"], snapshot.table("s14_projects")["project_name"], strict=True)
) | {"basic": "基本支出（非项目）"}

ui.kpi_row(
    [
        ui.Kpi("政府采购（元）", f"{summary['procurement_yuan']:,.2f}"),
        ui.Kpi("政府购买服务（元）", f"{summary['services_yuan']:,.2f}"),
        ui.Kpi(
            "两者重叠（元）", f"{summary['overlap_yuan']:,.2f}", help="购买服务中标为“包含政府采购”的部分，已计入采购。"
        ),
        ui.Kpi("面向中小企业", pct(summary["sme_pct"]), help="采购金额中面向中小企业的份额（附表1-11）。"),
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

with_names = {
    label: frame.with_columns(
        pl.col("project_code")
        .replace_strict(names, default="（对应不到项目）", return_dtype=pl.String)
        .alias("project")
    )
    for label, frame in (("procurement", procurement), ("services", services))
}

st.subheader("按项目")
by_project = (
    pl.concat(
        [
            with_names["procurement"]
            .group_by("project")
            .agg(pl.col("amount_yuan").sum())
            .with_columns(pl.lit("采购").alias("kind")),
            with_names["services"]
            .filter(~pl.col("includes_procurement"))
            .group_by("project")
            .agg(pl.col("amount_yuan").sum())
            .with_columns(pl.lit("不含采购的购买服务").alias("kind")),
        ]
    )
    .group_by("project")
    .agg(pl.col("amount_yuan").sum())
    .sort("amount_yuan", descending=True)
)
st.plotly_chart(
    figures.amount_bars_figure(by_project, label="project", value="amount_yuan", unit="元"),
    config={"displayModeBar": False},
    key="by-project",
)

st.subheader("明细")
project_options = sorted(set(with_names["procurement"]["project"]) | set(with_names["services"]["project"]))
state.notice_if_invalid({"of": project_options})
chosen = state.choices(st.multiselect, "只看这些项目", project_options, key="of", placeholder="全部项目")
if chosen:
    with_names = {label: frame.filter(pl.col("project").is_in(chosen)) for label, frame in with_names.items()}
    procurement, services = with_names["procurement"], with_names["services"]
st.markdown(
    f"所选范围：采购 **{yuan(procurement['amount_yuan'].sum())}**，购买服务 **{yuan(services['amount_yuan'].sum())}**"
    f"（其中已计入采购 {yuan(services.filter(pl.col('includes_procurement'))['amount_yuan'].sum())}）。"
)

st.subheader("政府采购明细（附表1-11）")
left, right = st.columns(2, gap="large")
category_names = {"goods": "货物", "works": "工程", "services": "服务"}
with left:
    by_category = (
        with_names["procurement"]
        .group_by("category")
        .agg(pl.col("amount_yuan").sum())
        .with_columns(pl.col("category").replace_strict(category_names, return_dtype=pl.String))
        .sort("amount_yuan", descending=True)
    )
    st.plotly_chart(
        figures.amount_bars_figure(by_category, label="category", value="amount_yuan", unit="元"),
        config={"displayModeBar": False},
        key="by-category",
    )
with right:
    by_economic = (
        with_names["procurement"]
        .group_by("economic_name")
        .agg(pl.col("amount_yuan").sum())
        .sort("amount_yuan", descending=True)
    )
    st.plotly_chart(
        figures.amount_bars_figure(by_economic, label="economic_name", value="amount_yuan", unit="元"),
        config={"displayModeBar": False},
        key="by-economic",
    )
ui.table(
    with_names["procurement"],
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
ui.downloads(with_names["procurement"], f"{doc_id}_procurement", key="procurement-download")

st.subheader("政府购买服务明细（附表1-12）")
ui.table(
    with_names["services"],
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
ui.downloads(with_names["services"], f"{doc_id}_services", key="services-download")
