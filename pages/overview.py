"""概览: the headline and its change from the year before (the document's own statement beside the library's
prior-year document), what stands out, basic against project, the function classes, staffing. One layout over the
canonical model for every document; what a document does not print, the page says so."""

from dataclasses import replace
from decimal import Decimal

import polars as pl
import streamlit as st

from budgetlens import canonical_queries as cq
from budgetlens import overview_queries as oq
from budgetlens.checks.findings import table_units
from budgetlens.formatting import exact_amount, signed_pct
from budgetlens.library_queries import document_stage
from components import brief_download, chart_text, classification_view, data, figures, library, ui
from components import overview_view as view
from components import three_public_view as three_view
from components.frame import current_document, page_title
from components.ui import plain

doc_id, snapshot = current_document()
page_title("概览", snapshot, "金额单位：万元")
brief_download.button(doc_id)
stage = document_stage(snapshot.manifest)
total_word = f"{stage}总额"  # 预算总额 / 决算总额
year = snapshot.manifest["budget_year"]
schedules = snapshot.table("schedules")
coded = snapshot.table("expenditure_by_function")
three = snapshot.table("three_public")
head = data.cached(
    doc_id,
    oq.headline,
    schedules,
    coded,
    snapshot.table("summary_lines"),
    three,
    snapshot.table("basic_by_economic"),
    year,
    snapshot.table("narrative_figures"),
)
prior = data.cached(
    doc_id,
    oq.stated_prior,
    schedules,
    snapshot.table("funds_by_year"),
    snapshot.table("narrative_figures"),
    head.total,
    year,
    snapshot.table("checks"),
    snapshot.tables.get("check_cells"),
)
others = data.cached(
    doc_id,
    oq.stated_others,
    snapshot.table("narrative_figures"),
    head.total,
    year,
    prior,
    snapshot.table("checks"),
    snapshot.tables.get("check_cells"),
)
earlier = library.cached(oq.library_prior, library.catalogue(), doc_id, head.total.amount_wan if head.total else None)
sides = data.cached(doc_id, oq.failing_sides, snapshot.table("checks"), snapshot.tables.get("check_cells"))
units = table_units(schedules)
scopes = data.cached(doc_id, view.table_scopes, schedules)


def kpi(label: str, printed, explained: str, *, placed: bool = True) -> ui.Kpi:
    """A headline number with what it is and, for a cell of a page, where it is printed; ⚠ when a check disputes it."""
    if printed is None:
        return ui.Kpi(label, ui.NOT_PRINTED, help=f"{ui.NOT_PRINTED}{label.split('（')[0]}。")
    if printed.amount_wan is None:
        return ui.Kpi(label, ui.BLANK_CELL, help=plain(f"{view.where(printed)}：这一格空白（不是 0）"))
    where = f"（{view.where(printed)}{view.printed_as(printed, units.get(printed.table_id))}）"
    place = where if printed.page is not None and placed else ""
    return ui.Kpi(
        label,
        exact_amount(printed.amount_wan),  # every digit it holds, no padding zero (2,512.1091, not 2,512.109100)
        help=plain(explained + place) if printed.page is not None else explained,
        flagged=data.cached(doc_id, oq.disputed, sides, printed),
        flag_note=plain(data.cached(doc_id, oq.dispute_words, snapshot.table("checks"), sides, printed)),
    )


own = prior if prior is not None and prior.of_total else None  # the document's own change of this total
change = own or earlier
total_kpi = kpi(f"{total_word}（万元）", head.total, "")
if head.total is not None and head.total.amount_wan is not None:
    came_from = f"{own.year} 年数来自{view.source_of(own)}。" if own else ""
    if own is None and earlier is not None:
        came_from = f"{earlier.year} 年数来自文件库中的 {earlier.year} 年文件。"
    place = view.printed_as(head.total, units.get(head.total.table_id))
    where_total = f"{view.where(head.total)}合计{place}" if head.total.page else f"{head.total.table_title}合计"
    where_total += view.scope_words(scopes.get(head.total.table_id))
    # the document's own rate where it prints one (21.95%, not our 22.00% from its amounts: that is a check)
    rate_shown = own.rate_printed() if own is not None else signed_pct(change.change_pct if change else None)
    rate_check = view.rate_check_words(own)  # the document's rate its own amounts do not give: ⚠ and ours
    total_kpi = replace(
        total_kpi,
        delta=f"{rate_shown}{' ⚠' if rate_check else ''} 比 {change.year} 年" if change and rate_shown != "—" else None,
        delta_arrow="down" if change is not None and change.change_wan < 0 else "up",
        help=plain("；".join(part for part in (where_total, came_from) if part) + f"\n\n{rate_check}".rstrip()),
    )
three_kpi = kpi(
    "“三公”经费（万元）",
    head.three_public,
    f"因公出国（境）、公务用车购置及运行、公务接待，见{view.where(head.three_public)}。" if head.three_public else "",
    placed=False,
)
three_total = data.cached(
    doc_id, three_view.total_row, three, snapshot.table("narrative_figures"), snapshot.table("execution_statements")
)
three_earlier = library.cached(
    oq.library_prior,
    library.catalogue(),
    doc_id,
    three_total["amount_wan"] if three_total else None,
    "three_public_wan",
)
three_stated = (  # a blank total: what the text states of it
    data.cached(
        doc_id,
        oq.three_public_stated,
        three,
        snapshot.table("narrative_figures"),
        snapshot.table("execution_statements"),
    )
    if head.three_public is not None and head.three_public.amount_wan is None
    else None
)
three_kpi = view.three_public_kpi(three_kpi, head.three_public, three_total, three_earlier, three_stated)
ui.kpi_row(
    [
        total_kpi,
        kpi("基本支出（万元）", head.basic, "保障机构正常运转的人员经费和公用经费。"),
        kpi("项目支出（万元）", head.project, "为完成特定任务和事业发展目标安排的支出。"),
        three_kpi,
    ]
)
if stage == "决算":
    st.page_link(
        "pages/execution.py",
        label="预算执行：预算数与决算数逐项对照",
        icon=":material/rule:",
        query_params={"doc": doc_id},
    )
contradictions: list[oq.Contradiction | None] = []  # of the other totals' statements, where a check disputes one
if head.total is None or head.total.amount_wan is None:
    st.info(f"{ui.NOT_PRINTED}{total_word}（支出总表的合计或收支总表的支出合计）。", icon=":material/info:")
else:
    st.markdown(view.change_sentence(year, total_word, head.total, units.get(head.total.table_id), own))
    gap = view.differ(own, earlier)
    if own is not None and own.derived and earlier is None:
        st.caption(f"文字说明（第 {own.page} 页）：“{plain(own.statement or '')}”")
    if own is not None and earlier is not None and gap != 0:
        said, held = st.columns(2, gap="medium")
        said.markdown(view.stated_markdown(own))
        held.markdown(view.library_markdown(earlier, total_word))
        held.page_link("pages/overview.py", label="打开库中这份文件", query_params={"doc": earlier.doc_id})
        below = "，小于文字说明所写的末位 0.01 万元" if own.derived and abs(gap) < Decimal("0.01") else ""
        st.caption(f"两者所说的 {own.year} 年数相差 {exact_amount(abs(gap))} 万元{below}。")
    elif own is not None and earlier is not None:
        st.caption(
            f"文件库中本部门 {earlier.year} 年的文件（{plain(earlier.label)}）所列{total_word}与此一致："
            f"{exact_amount(earlier.previous_wan)} 万元。"
        )
    elif earlier is not None:
        st.markdown(view.library_markdown(earlier, total_word))
        st.caption(f"{ui.NOT_PRINTED} {year - 1} 年的{total_word}或它与上年的比较；上面的比较来自文件库。")
        st.page_link("pages/overview.py", label="打开库中这份文件", query_params={"doc": earlier.doc_id})
    elif own is None:
        st.caption(
            f"{ui.NOT_PRINTED} {year - 1} 年的{total_word}或它与上年的比较，"
            f"文件库中也没有本部门 {year - 1} 年的{stage}。"
        )
    not_the_total = ([prior] if prior is not None and not prior.of_total else []) + others
    contradictions = [
        data.cached(doc_id, oq.contradicted, snapshot.table("checks"), snapshot.tables.get("check_cells"), said)
        for said in not_the_total
    ]
    if not_the_total:  # the stated changes of other totals (收入支出总计 …), said as what they are
        st.caption(
            view.others_statement(
                not_the_total, total_word, total_stated=own is not None, contradictions=contradictions
            )
        )
headline_parts = (head.total, head.basic, head.project, head.three_public)
flagged = [p for p in headline_parts if data.cached(doc_id, oq.disputed, sides, p)]
if flagged or any(contradictions):  # to the checks citing the first disputed headline's line, else every failure
    lines = flagged[0].source_lines if flagged else None
    ui.checks_link(
        "标 ⚠ 的数字有对不上的地方：查看核对",
        {"doc": doc_id, "line": str(lines[0])} if lines else {"doc": doc_id, "status": "fail"},
    )

left, right = st.columns([3, 2], gap="large")
with left:
    st.header("值得注意", anchor=False)
    found = data.cached(
        doc_id,
        oq.standouts,
        head,
        schedules,
        coded,
        snapshot.table("projects"),
        snapshot.table("project_funds"),
        snapshot.table("checks"),
        change,
        "总预算" if stage == "预算" else total_word,
        three_view.standout(three_total, three_earlier) if three_total is not None else None,
    )
    st.markdown(data.cached(doc_id, view.standouts_markdown, found))
    contradictions = data.cached(doc_id, oq.findings_words, data.findings(doc_id))
    ui.checks_link(f"数据核对：{contradictions}，逐处查看", {"doc": doc_id}, icon="fact_check")
with right:
    st.header("基本支出与项目支出", anchor=False)
    basic, project = head.basic, head.project
    shares = oq.split_shares(head)  # each a share of the total, as the brief says them
    if not shares:
        st.info(f"{ui.NOT_PRINTED}基本支出和项目支出的合计。", icon=":material/info:")
    else:
        split = pl.DataFrame(
            {"part": [s.name for s in shares], "amount_wan": [s.amount_wan for s in shares]},
            schema={"part": pl.String, "amount_wan": pl.Decimal(24, 6)},
        )
        ui.chart(
            data.cached(
                doc_id,
                figures.split_figure,
                view.split_parts(shares),
            ),
            f"{oq.shares_words(shares, total_word)}（{total_word} {exact_amount(head.total.amount_wan)} 万元）。",
            split,
            {"part": st.column_config.TextColumn("部分"), "amount_wan": ui.money_column("金额")},
            key="split",
            numbers_name="基本支出与项目支出",
        )
        st.caption(view.split_caption(basic, project, head, scopes))
        if head.total is not None and head.total.amount_wan is not None:
            gap = view.parts_gap(head.total, basic, project, head.others, total_word)
            if gap:
                st.caption(gap)

st.header("按支出功能分类（类）", anchor=False)
class_shares, class_table = data.cached(doc_id, oq.class_shares, schedules, coded)
if class_shares.is_empty():
    st.info(f"{ui.NOT_PRINTED}按功能分类科目的支出。", icon=":material/info:")
else:
    if head.total is None or class_table != head.total.table_id:
        pages = cq.table_info(schedules, class_table)["pages"]
        st.caption(
            f"各类取自{plain(oq.table_name(schedules, class_table))}"
            + (f"（第 {'、'.join(map(str, pages))} 页）" if pages else "")
            + "。"
        )
    flagged_classes = data.cached(doc_id, oq.flag_rows, class_shares, sides)
    # The chart, then its table at the page's full width: beside the chart, half a 1280 px page cut the table's last
    # columns (占比, 核对) off behind a sideways scroll.
    ui.chart(
        data.cached(doc_id, figures.share_bar_figure, class_shares, height=max(320, 40 * class_shares.height + 60)),
        chart_text.parts_sentence(class_shares.select("name", "total_wan").rows(), what="支出功能分类各类"),
        key="classes",
    )
    # the name wraps at the code pages' width, so a phone's 390 px hold the code, name, amount and share whole
    ui.wrapping_table(
        data.cached(doc_id, view.class_links, flagged_classes, doc_id),
        {
            "code": st.column_config.TextColumn("编码", width=48),  # a class's three digits: more room for the rest
            "name": st.column_config.TextColumn("科目名称", width=classification_view.NAME_WIDTH),
            "total_wan": ui.money_column("合计"),
            "share_pct": st.column_config.NumberColumn("占比", format="%.2f%%", width="small"),
            "check_link": ui.CHECK_LINK_COLUMN,
        },
        name=f"{cq.table_title(schedules, class_table)}（类）",
        key="classes-table",
        most_height=800,
    )
    st.page_link(
        "pages/by_function.py", label="展开到款、项", icon=":material/account_tree:", query_params={"doc": doc_id}
    )

if oq.both_bases(three):
    st.header("“三公”经费", anchor=False)
    st.caption(plain(oq.three_public_title(schedules, three)))
    st.markdown(data.cached(doc_id, view.three_public_final_markdown, cq.three_public_execution(snapshot.tables)))

st.header("人员与单位", anchor=False)
counts = snapshot.table("staffing")
counted = data.cached(doc_id, oq.staffing, counts)
units, unit_pages = cq.listed_units(snapshot.tables)  # a listing of the units (单位构成), where no sentence counts them
if units and oq.STAFFING["units"] not in counted:
    counted = {oq.STAFFING["units"]: units, **counted}
staffing = view.staffing_markdown(counted)
if staffing:
    for column, text in zip(st.columns(len(staffing)), staffing, strict=True):
        column.markdown(text)
    pages = sorted(set(counts["page"].drop_nulls().to_list()) | set(unit_pages))
    missing = [title for title in oq.STAFFING.values() if not any(text.startswith(f"**{title}**") for text in staffing)]
    said = [
        f"见文字说明第 {'、'.join(map(str, pages))} 页" if pages else "",
        f"{ui.NOT_PRINTED}{'、'.join(view.STAFFING_MISSING[t] for t in missing)}" if missing else "",
    ]
    if any(said):
        st.caption("；".join(part for part in said if part) + "。")
else:
    st.caption(f"{ui.NOT_PRINTED}单位构成、编制和实有人数。")
