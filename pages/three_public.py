"""三公经费: the 三公 table's items with the narrative's stated changes and reasons, the items some tables print beside
them (会议费, 培训费, 机关运行经费), the shares of basic and public expenditure, and the cross-check of vehicle running
costs with the economic table and the procurement. One layout over the canonical model for every document."""

import polars as pl
import streamlit as st

from budgetlens import canonical_queries as cq
from budgetlens import overview_queries as oq
from budgetlens import year_changes as yc
from budgetlens.formatting import exact_amount, pct
from budgetlens.library_queries import document_stage
from components import data, figures, library, ui
from components import three_public_view as view
from components.frame import current_document, page_title
from components.source_view import Source, source_expander
from components.ui import plain
from components.year_changes_view import library_disagreements

doc_id, snapshot = current_document()
page_title("“三公”经费", snapshot, "因公出国（境）、公务用车购置及运行、公务接待 · 金额单位：万元")
three = snapshot.table("three_public")
if three.is_empty():
    st.info(f"{ui.NOT_PRINTED}“三公”经费表。", icon=":material/info:")
    st.stop()
schedules = snapshot.table("schedules")
year = snapshot.manifest["budget_year"]
lines = data.cached(
    doc_id, cq.three_public_lines, three, snapshot.table("narrative_figures"), snapshot.table("execution_statements")
)
final = document_stage(snapshot.manifest) == "决算" and (lines["basis"] == "actual").any()
shown = data.cached(doc_id, cq.three_public_shown, lines)  # on a 决算: the 决算数 cells
context = data.cached(
    doc_id,
    cq.three_public_context,
    three,
    schedules,
    snapshot.table("expenditure_by_function"),
    snapshot.table("basic_by_economic"),
    snapshot.table("procurement"),
    snapshot.table("narrative_counts"),
    snapshot.table("narrative_figures"),
    snapshot.table("reading_warnings"),
)
table_id = three["table_id"][0]
info = cq.table_info(schedules, table_id)
three_table = cq.schedule_label(schedules, table_id)
st.markdown(f"**{plain(info['title'])}**")
scope = cq.scope_words(info["scope"], "three_public")
st.caption(
    f"{view.where(info['source_lines'] or [], info['pages'] or [])} · "
    f"资金范围：{scope} · 原表单位：{plain(info['unit_printed'] or '未注明')}"
)

sides = data.cached(doc_id, oq.failing_sides, snapshot.table("checks"), snapshot.tables.get("check_cells"))  # for ⚠
total = shown.filter(pl.col("item") == "three_public_total")
total_row = total.row(0, named=True) if total.height else None
if total_row is None:
    total_kpi = ui.Kpi("“三公”经费（万元）", "本表未列出")
else:
    printed_at = view.where(total_row["source_lines"] or [], [total_row["page"]] if total_row["page"] else [])
    earlier = library.cached(oq.library_prior, library.catalogue(), doc_id, total_row["amount_wan"], "three_public_wan")
    changed, compared_from, change = view.total_change(total_row, earlier)
    flagged = data.cached(doc_id, oq.flag_rows, total, sides, "amount_wan")["check_flag"].any()
    total_kpi = ui.Kpi(
        f"“三公”经费{'决算数' if final else ''}（万元）",
        view.amount_text(total_row),
        delta="；".join(part for part in (view.stated_note(total_row), changed) if part),
        delta_arrow="off" if not change else ("up" if change > 0 else "down"),
        help=f"{plain(three_table)} {printed_at}；{view.blank_stated(total_row)}{plain(compared_from)}",
        flagged=flagged,
    )


def share_kpi(label: str, share, printed: cq.Printed | None) -> ui.Kpi:
    basis = exact_amount(printed.amount_wan) if printed else ""
    value, note, help_text = view.share_texts(label.removeprefix("占"), share, printed, basis, total_row)
    return ui.Kpi(label, value, delta=note, delta_arrow="off", help=help_text)


units = context.units or context.scope  # a count of units, else the scope stated in words
if units:
    scope_value = f"{units.count_printed} {units.unit_printed}单位" if units.count is not None else "见文字说明"
    scope_help = f"文字说明（{view.where(units.source_lines, [units.page] if units.page else [])}）：{units.statement}"
elif context.scope_unread:  # the text names it in words not read: see 数据核对's 读取提示
    scope_value, scope_help = "未读到", "文字说明写到“三公”经费的统计范围，本程序没有读出（见数据核对的读取提示）。"
else:
    scope_value, scope_help = ui.NOT_PRINTED, "文字说明中没有写出“三公”经费的统计范围（包括几家单位）。"
ui.kpi_row(
    [
        total_kpi,
        share_kpi("占基本支出", context.share_of_basic_pct, context.basic),
        share_kpi("占公用经费", context.share_of_public_pct, context.public),
        # words only where the text states a scope: 本文件未列出 in a headline number's type read as a value
        *([ui.Kpi("统计范围", scope_value, help=plain(scope_help))] if units else []),
    ]
)
if not units:
    st.caption(f"统计范围：{scope_value}。{plain(scope_help)}")
related = shown.filter(pl.col("item").is_in(cq.THREE_PUBLIC_RELATED))
if related.height:
    related = data.cached(doc_id, oq.flag_rows, related, sides, "amount_wan")
    ui.kpi_row(
        [
            ui.Kpi(
                f"{cq.THREE_PUBLIC_ZH[row['item']]}（万元）",
                view.amount_text(row),
                delta=view.stated_note(row),
                delta_arrow="off",
                help=f"{view.where(row['source_lines'] or [], [row['page']] if row['page'] else [])}，"
                f"原文 {plain(row['amount_printed'] or '（空白）')}",
                flagged=row["check_flag"],
            )
            for row in related.iter_rows(named=True)
        ]
    )
not_printed = [cq.THREE_PUBLIC_ZH[i] for i in cq.THREE_PUBLIC_RELATED if i not in lines["item"]]
if not_printed:
    st.caption(f"本表未列出{'、'.join(not_printed)}。")
blank = data.cached(doc_id, view.blank_names, shown)
if blank:
    st.caption(f"原表空白（未填数字，图中不画）：{blank}。")
summary = data.cached(doc_id, view.summary_markdown, shown, year, final=final)
if summary:
    st.markdown(summary)

parts = data.cached(doc_id, view.chart_items, shown)
if parts["amount_wan"].is_not_null().any():
    ui.chart(
        data.cached(doc_id, figures.printed_items_figure, parts, name="name", height=max(200, 44 * parts.height)),
        data.cached(doc_id, view.chart_sentence, shown, final),
        key="three",
    )  # the table of its numbers follows
else:  # nothing printed to draw: no empty chart, the text's own figures in words
    st.markdown(data.cached(doc_id, view.stated_instead, parts, final))
if final:
    from components.execution_page import three_public_section  # the 决算 page's own section: one layout

    three_public_section(doc_id, snapshot)
    st.header("原表各格", anchor=False)
catalogue = library.catalogue()
others = yc.department_documents(catalogue, doc_id)
years_of = tuple(zip(others["doc_id"], others["budget_year"], strict=True))
checked = data.cached(
    doc_id,
    yc.with_library_checks,
    lines,
    library.cross_checks((doc_id,)),
    doc_id,
    pages="statement_pages",
    box="statement_box",
    lines="statement_lines",
)
disputed, check_note = data.cached(doc_id, view.check_marks, lines, snapshot.table("checks"), sides)
listing = data.cached(doc_id, view.listing, checked, years_of, disputed)
shown_listing = data.cached(doc_id, view.grid_listing, listing)
compared = view.compared_year(lines)


name_width = data.cached(doc_id, ui.wrapping_width, tuple(shown_listing["项目"]), 150, 240)
with st.container():
    ui.wrapping_table(
        shown_listing,
        {
            # narrow enough that the amounts follow it on a phone, each name whole on its lines
            "项目": st.column_config.TextColumn("项目", width=name_width),
            # an amount column is text with "—" where it has empty cells (view.grid_listing)
            "金额": ui.amount_column(shown_listing, "金额", str(year)),
            # the change third: on a phone the last column in view
            "增减": ui.amount_column(shown_listing, "增减", f"比 {compared} 年" if compared else "比上年"),
            view.WAY_COLUMN: st.column_config.TextColumn("比上年"),  # where no change is stated with an amount
            "正文所述": ui.amount_column(shown_listing, "正文所述", "空白格的正文所述"),  # only for a stated blank cell
            "上年（推算）": ui.amount_column(shown_listing, "上年（推算）", f"{compared or '上年'}（推算）"),
            view.LIBRARY_COLUMN: st.column_config.TextColumn(view.LIBRARY_COLUMN, width="medium"),
            "文件给出的原因": st.column_config.TextColumn("文件给出的原因", width="large"),  # after the numbers, whole
            "原文": st.column_config.TextColumn("原文"),
            "页码": st.column_config.NumberColumn("页码", width="small"),
            "原表列名": st.column_config.TextColumn("原表列名", width="medium"),  # last: long, read on a wide screen
        },
        name=info["title"],
        key="three-table",
        most_height=620,  # the document's reasons wrap, read whole; a 决算's 12 rows in view at 1280 px
    )
    if "上年（推算）" in listing.columns:
        blank = "（原表空白的格取文字说明所述的金额）" if "正文所述" in listing.columns else ""
        st.caption(f"{compared or '上'} 年数 = {year} 年数{blank} − 文字说明中的增减额。")
    if check_note:
        st.caption(plain(check_note))  # document text: escaped
    disagreements = data.cached(doc_id, library_disagreements, checked, years_of)
    if disagreements:
        st.caption(disagreements)
        ui.checks_link("查看与同一部门其他年度文件的核对", {"doc": doc_id})  # listed after the document's own
ui.downloads(listing, f"{doc_id}_three_public", key="three-download")
notes = snapshot.table("table_notes").filter(pl.col("table_id") == table_id)
if notes.height:
    st.header("表下注释（原文）", anchor=False)
    for note in notes.iter_rows(named=True):
        st.text(note["text"])
    if notes["states_none"].any() and total_row is not None and (total_row["amount_wan"] or 0) > 0:
        st.caption("注释说本表为空，而表中列有金额；两者照原文列出。")
share = cq.share_of_operating(shown)
if share is not None:
    st.caption(f"“三公”经费占机关运行经费 {pct(share)}（两者都取自本表）。")

st.header("与其他表对照", anchor=False)
procurement_table = cq.procurement_table_name(document_stage(snapshot.manifest))
st.markdown(data.cached(doc_id, view.vehicle_markdown, shown, context, three_table, procurement_table))
vehicles = context.vehicle_procurement
if vehicles.height:
    unit = cq.listing_unit(vehicles)  # as the listing prints it: 元 (洪山's 附表1-11) or 万元
    ui.table(
        data.cached(doc_id, view.vehicle_grid, vehicles),
        {
            "item_name": st.column_config.TextColumn("政府采购品目"),
            cq.AMOUNT_IN[unit]: ui.money_column("采购金额", unit),
        },
        name=f"{procurement_table}中经济科目为 {cq.VEHICLE_RUNNING_CODE} 的采购（公务用车运行维护）",
        key="vehicle-procurement",
        height=ui.fit_height(vehicles.height, 200),
    )
statement = total_row or {}
stated_at = {  # the narrative's statement of the total, in the columns Source.of reads
    "source_lines": statement.get("statement_lines"),
    "page": (statement.get("statement_pages") or [None])[0],
    "box": statement.get("statement_box"),
}
sources = [Source.of(three_table, statement), Source.of("文字说明", stated_at)]
source_expander(doc_id, snapshot.manifest, sources, key="three-public-lines")
