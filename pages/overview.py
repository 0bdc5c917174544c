"""概览: the headline, the split, the classes, staffing, 三公, what stands out, and the checks."""

import polars as pl
import streamlit as st

from budgetlens import queries
from budgetlens.canonical_queries import is_pdf
from components import brief_download, canonical_pages, chart_text, data, figures, ui, views
from components.format import change_from, number, pct, signed_pct, wan
from components.frame import current_document, page_title

doc_id, snapshot = current_document(canonical=True)
if is_pdf(snapshot.manifest):  # read from its PDF: the canonical model's layout
    canonical_pages.overview(doc_id, snapshot)
    st.stop()
page_title("概览", snapshot, "金额单位：万元")
brief_download.button(doc_id)
head = data.headline(doc_id)
previous = head.years.previous  # the document's 上年
failing = data.failing_lines(doc_id)
lines = head.total_lines

ui.kpi_row(
    [
        ui.Kpi(
            "预算总额（万元）",
            number(head.total_wan),
            delta=f"{signed_pct(head.change_pct)} 比 {previous} 年" if head.change_pct is not None else None,
            delta_arrow="down" if head.change_wan is not None and head.change_wan < 0 else "up",
            help=f"{data.schedule(doc_id, 's05_general_budget')}合计；"
            f"{previous} 年数来自{data.schedule(doc_id, 's13_funds', with_title=False)} 部门总体资金情况。",
            flagged=ui.flagged(doc_id, lines, head.total_wan),
        ),
        ui.Kpi(
            "基本支出（万元）",
            number(head.basic_wan),
            help="保障机构正常运转的人员经费和公用经费。",
            flagged=ui.flagged(doc_id, lines, head.basic_wan),
        ),
        ui.Kpi(
            "项目支出（万元）",
            number(head.project_wan),
            help="为完成特定任务和事业发展目标安排的支出。",
            flagged=ui.flagged(doc_id, lines, head.project_wan),
        ),
        ui.Kpi(
            "“三公”经费（万元）",
            number(head.three_public_wan),
            help=f"因公出国（境）、公务用车购置及运行、公务接待，见{data.schedule(doc_id, 's07_three_public')}。",
        ),
    ]
)
if head.change_wan is not None:
    st.markdown(
        f"{head.years.budget} 年预算总额 **{wan(head.total_wan)}**，{change_from(previous, head.change_wan)}"
        f"（{previous} 年 {wan(head.previous_total_wan)}），**{signed_pct(head.change_pct)}**。"
    )
if any(ui.flagged(doc_id, lines, value) for value in (head.total_wan, head.basic_wan, head.project_wan)):
    ui.check_link(doc_id, lines[0], "标 ⚠ 的数字有对不上的地方：查看核对")

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader("值得注意")
    st.markdown(data.cached(doc_id, views.findings_markdown, data.standouts(doc_id)))
    found = data.findings(doc_id).height
    st.page_link(
        ui.CHECKS_PAGE,
        label=f"数据核对：发现 {found} 处矛盾，逐处查看",
        icon=":material/fact_check:",
        query_params={"doc": doc_id},
    )
with right:
    st.subheader("基本支出与项目支出")
    share_basic = queries.percent(head.basic_wan, head.total_wan)
    share_project = queries.percent(head.project_wan, head.total_wan)
    st.plotly_chart(
        data.cached(
            doc_id,
            figures.split_figure,
            (
                ("基本", float(head.basic_wan), pct(share_basic)),
                ("项目", float(head.project_wan), pct(share_project)),
            ),
        ),
        config={"displayModeBar": False},
        key="split",
    )
    split = pl.DataFrame({"part": ["基本支出", "项目支出"], "amount_wan": [head.basic_wan, head.project_wan]})
    ui.chart_summary(
        chart_text.parts_sentence(split.rows(), what="预算总额的两部分"),
        split,
        {"part": st.column_config.TextColumn("部分"), "amount_wan": ui.money_column("金额")},
        key="split-numbers",
    )
    st.caption(
        f"基本支出 {wan(head.basic_wan)}（人员经费 {wan(head.personnel_wan)}，公用经费 {wan(head.public_wan)}）；"
        f"项目支出 {wan(head.project_wan)}。"
    )

st.subheader("按支出功能分类（类）")
class_shares = data.class_shares(doc_id)
classes = data.cached(doc_id, ui.with_check_links, class_shares, doc_id)
chart, table = st.columns([1, 1], gap="large")
with chart:
    st.plotly_chart(
        data.cached(doc_id, figures.share_bar_figure, class_shares), config={"displayModeBar": False}, key="classes"
    )
    ui.chart_summary(  # the table of its numbers is beside it
        chart_text.parts_sentence(class_shares.select("name", "total_wan").rows(), what="支出功能分类各类")
    )
with table:
    ui.table(
        classes,
        {
            "code": st.column_config.TextColumn("编码", width="small"),
            "name": st.column_config.TextColumn("科目名称"),
            "total_wan": ui.money_column("合计"),
            "share_pct": st.column_config.NumberColumn("占比", format="%.2f%%", width="small"),
            "check_link": ui.CHECK_LINK_COLUMN,
        },
        key="classes-table",
    )
    st.page_link(
        "pages/by_function.py", label="展开到款、项", icon=":material/account_tree:", query_params={"doc": doc_id}
    )

st.subheader("人员与单位")
staffing = data.cached(doc_id, views.staffing_markdown, queries.staffing(snapshot))
for column, text in zip(st.columns(len(staffing)), staffing.values(), strict=True):
    column.markdown(text)
