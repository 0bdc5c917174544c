"""三公经费: the 三公 schedule's lines, their change from 上年 with the narrative's reasons, and the cross-checks."""

import polars as pl
import streamlit as st

from budgetlens.canonical_queries import is_pdf
from components import canonical_pages, chart_text, data, figures, ui, views
from components.format import number, pct, wan
from components.frame import current_document, page_title

doc_id, snapshot = current_document(canonical=True)
if is_pdf(snapshot.manifest):  # read from its PDF: the canonical model's layout
    canonical_pages.three_public(doc_id, snapshot)
    st.stop()
page_title("“三公”经费", snapshot, "因公出国（境）、公务用车购置及运行、公务接待 · 金额单位：万元")
items = data.three_public(doc_id)
three_public_table = data.schedule(doc_id, "s07_three_public", with_title=False)
general_table = data.schedule(doc_id, "s05_general_budget", with_title=False)
years = data.years(doc_id)  # the document's 前年, 上年, 当年
previous, budget = years.previous, years.budget
context = data.three_public_context(doc_id)
total = items.filter(pl.col("item") == "total").row(0, named=True)

change = total["change_wan"]
compared = views.three_public_change(items, years)
ui.kpi_row(
    [
        ui.Kpi(
            "“三公”经费（万元）",
            number(total["amount_wan"]),
            delta=compared,
            delta_arrow="off" if not change else ("up" if change > 0 else "down"),
            help=f"{three_public_table}；与 {previous} 年的比较来自第三部分的文字说明。",
        ),
        ui.Kpi(
            "占基本支出",
            pct(context["share_of_basic_pct"]),
            help=f"基本支出 {wan(context['basic_wan'])}（{general_table}）",
        ),
        ui.Kpi(
            "占公用经费",
            pct(context["share_of_public_pct"]),
            help=f"公用经费 {wan(context['public_wan'])}（{general_table}）",
        ),
        ui.Kpi(
            "统计范围",
            f"{context['units']} 家单位" if context["units"] else "未说明",
            help="第三部分：“三公”经费包括一级、二级单位的家数。",
        ),
    ]
)
st.markdown(data.cached(doc_id, views.three_public_summary, items, years))

st.plotly_chart(data.cached(doc_id, figures.three_public_figure, items), config={"displayModeBar": False}, key="three")
parts = items.filter(pl.col("level") == 1).select("name", "amount_wan").rows()
ui.chart_summary(chart_text.parts_sentence(parts, what="“三公”经费"))  # the table of its numbers follows
with st.container():
    ui.table(
        items,
        {
            "name": st.column_config.TextColumn("项目"),
            "amount_wan": ui.money_column(budget),
            "reason": st.column_config.TextColumn("文件给出的原因", width="medium"),
            "change_wan": ui.money_column(f"比 {previous} 年"),
            years.amount_column(previous): ui.money_column(f"{previous}（推算）"),
        },
        key="three-table",
        height=ui.fit_height(items.height, 300),
    )
    st.caption(f"{previous} 年数 = {budget} 年数 − 文字说明中的增减额。")

st.subheader("与其他表对照")
economic_table = data.schedule(doc_id, "s06_basic_economic", with_title=False)
st.markdown(data.cached(doc_id, views.vehicle_procurement_text, items, context, three_public_table, economic_table))
ui.table(
    context["vehicle_procurement_lines"],
    {
        "item_name": st.column_config.TextColumn("政府采购品目"),
        "amount_yuan": ui.money_column("采购金额", "元"),
    },
    key="vehicle-procurement",
    height=ui.fit_height(context["vehicle_procurement_lines"].height, 200),
)
ui.source_expander(
    doc_id,
    [(three_public_table, list(total["source_lines"])), ("第三部分 四、“三公”经费", list(total["narrative_lines"]))],
    key="three-public-lines",
)
