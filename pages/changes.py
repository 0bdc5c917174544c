"""年度对比: what changed from the year before, one part at a time, from what the document holds: its own figures
for several years (收支构成, 各项目, 绩效指标), the changes its narrative states (明细变化: the 三公 total over its
parts as a waterfall, every stated figure on the slope chart), the narrative's comparisons against the tables, and
the same department's other documents in the library (本库其他年度). A part whose inputs the document lacks is not
offered; the page says what the document does not print."""

import polars as pl
import streamlit as st

from budgetlens import canonical_queries as cq
from budgetlens import overview_queries as oq
from budgetlens import year_changes as yc
from budgetlens.check_queries import filter_checks
from budgetlens.formatting import change_from, exact_amount, signed_pct, signed_wan, wan
from components import chart_text, data, figures, library, library_pages, state, ui
from components import year_changes_view as changes_view
from components.frame import current_document, page_title

TRENDS = ["上升", "下降", "持平", "文字，不作比较", "单位不同，不作比较"]

doc_id, snapshot = current_document()
budget_year = snapshot.manifest["budget_year"]
years = data.years(doc_id)  # the document's 前年, 上年, 当年: the years its own multi-year tables name
stated = data.cached(doc_id, yc.stated_changes, snapshot.table("narrative_figures"))
stated = data.cached(doc_id, yc.with_library_checks, stated, library.cross_checks((doc_id,)), doc_id)
comparisons = data.cached(doc_id, yc.narrative_comparisons, snapshot.table("checks"))
catalogue = library.catalogue()
others = yc.department_documents(catalogue, doc_id)  # the part 本库其他年度 is offered only where there are some
projects = data.cached(doc_id, yc.project_history, snapshot.tables, budget_year)
line_projects = data.cached(doc_id, yc.projects_with_line_changes, snapshot.tables, projects)
executed = data.cached(doc_id, yc.executed_changes, snapshot.table("narrative_figures"))  # against 上年执行数
trends_all = data.cached(doc_id, yc.indicator_trends, snapshot.tables, budget_year)
parts = {  # the page's parts: their labels, and whether the document holds each part's inputs
    "composition": ("收支构成", not snapshot.table("funds_by_year").is_empty()),
    "projects": ("各项目", yc.has_earlier_amounts(projects)),
    "details": ("明细变化", bool(line_projects) or not stated.is_empty() or not executed.is_empty()),
    "indicators": ("绩效指标", not trends_all.is_empty()),
    "narrative": ("文字说法核对", not comparisons.is_empty()),
    "library": ("本库其他年度", not others.is_empty()),
}
holds = {key: held for key, (_, held) in parts.items()}
shown_years = sorted(
    {str(budget_year), *map(str, stated["compared_year"].drop_nulls().to_list()), *map(str, others["budget_year"])}
    | (set(years) if holds["composition"] or holds["projects"] else set())
)
page_title("年度对比", snapshot, f"{'、'.join(shown_years)} 年 · 金额单位：万元")
project_names = dict(zip(projects["project_key"], projects["project_name"], strict=True)) if holds["projects"] else {}
pair_labels = {key: f"{a} → {b}" for key, (a, b) in years.pairs.items()}
state.notice_if_invalid({"pair": pair_labels, "project": project_names, "trend": TRENDS})

if holds["projects"] and holds["composition"]:
    total, change, change_pct = data.cached(
        doc_id, yc.total_change, snapshot.table("funds_by_year"), years.previous, years.budget
    )
    counts = data.cached(doc_id, changes_view.change_summary, projects)
    if change is not None:
        st.markdown(
            f"{years.budget} 年预算总额 **{wan(total)}**，{change_from(years.previous, change)}"
            f"（**{signed_pct(change_pct)}**）。{len(project_names)} 个项目中，"
            f"比 {years.previous} 年增加的 {counts['up']} 个、减少的 {counts['down']} 个、持平的 {counts['level']} 个，"
            f"新增 {counts['new']} 个" + (f"，往年未列明 {counts['unstated']} 个。" if counts["unstated"] else "。")
        )

sections = {key: label for key, (label, held) in parts.items() if held}
missing = [what for key, what in changes_view.NOT_PRINTED.items() if not holds[key]]
if not sections:
    st.info(f"本文件未列出{'、'.join(missing)}。文件库中还没有本部门其他年度的文件。", icon=":material/info:")
    st.stop()
if state.text("project") in project_names and state.text("view") is None and "view" not in st.session_state:
    st.session_state["view"] = "projects"  # a link to one project opens the projects part
    state.forget("view")  # a preset, not the reader leaving a part an earlier address named
view = ui.section(sections)
if missing:  # what the document does not print, and whether the library can stand in for it
    alone = "" if holds["library"] else "文件库中还没有本部门其他年度的文件。"
    st.caption(f"本文件未列出{'、'.join(missing)}。{alone}")

if view in ("composition", "projects"):
    pair = state.choice(
        st.segmented_control,
        "比较的年份",
        list(pair_labels),
        key="pair",
        default=years.latest_pair,
        format_func=pair_labels.__getitem__,
        required=True,
    )
    before, after = years.pairs[pair]

if view == "composition":
    st.header("部门收支构成", anchor=False)
    composition = data.cached(doc_id, yc.composition, snapshot.table("funds_by_year"), before, after)
    spent = composition.filter(pl.col("section") == "expenditure", ~pl.col("is_total"))  # the bars drawn
    ui.chart(
        data.cached(doc_id, figures.composition_figure, composition),
        chart_text.changes_sentence(
            spent.select("item", years.amount_column(before), years.amount_column(after)).rows(),
            before=f"{before} 年",
            after=f"{after} 年",
            what="支出的各类",
        ),
        key="composition",
    )  # the table of its numbers follows
    schedules, funds_table = snapshot.table("schedules"), snapshot.table("funds_by_year")["table_id"][0]
    ui.table(
        data.cached(doc_id, changes_view.composition_rows, composition),
        {
            "section": st.column_config.TextColumn("类别", width="small"),
            "item": st.column_config.TextColumn("项目"),
            **{years.amount_column(year): ui.money_column(year) for year in years},
            "change_wan": ui.money_column(f"{before}→{after} 变化"),
            "change_pct": ui.dash_column("变化率", None),
        },
        name=f"{cq.table_title(schedules, funds_table)}中的部门总体资金情况：{before} 年与 {after} 年",
        key="composition-table",
        height=ui.fit_height(composition.height, 320),
    )
    st.caption(f"{cq.schedule_label(schedules, funds_table)} 部门总体资金情况。")

elif view == "projects":
    st.header("各项目预算", anchor=False)
    history = data.cached(doc_id, yc.project_history, snapshot.tables, budget_year, pair)
    chosen = state.choice(
        st.selectbox,
        "选择一个项目",
        ["", *project_names],
        key="project",
        default="",
        format_func=lambda code: project_names.get(code, "（全部项目）"),
    )
    ui.chart(
        data.cached(doc_id, figures.slope_figure, history, highlight=chosen or None),
        chart_text.changes_sentence(
            history.select("project_name", years.amount_column(before), years.amount_column(after)).rows(),
            before=f"{before} 年",
            after=f"{after} 年",
            what="各项目",
        ),
        key="slope",
    )  # the table of its numbers follows
    st.caption("每条线是一个项目（选中的项目加粗）；★ 为新增项目（没有往年数，不是从零增长）；纵轴为对数刻度。")
    shown, exact = data.cached(doc_id, changes_view.project_rows, history)
    ui.table(
        shown,
        {
            "project_name": st.column_config.TextColumn("项目"),
            **{years.amount_column(year): ui.dash_column(year) for year in years.earlier},
            years.amount_column(years.budget): ui.money_column(years.budget),
            "change_wan": ui.dash_column(f"{before}→{after}"),
            "change_pct": ui.dash_column("变化率", None),
            "prior_years_status": st.column_config.TextColumn("说明"),
            "wording": st.column_config.TextColumn("口径"),
        },
        name=f"各项目预算：{before} 年与 {after} 年",
        key="history-table",
        height=ui.fit_height(shown.height, 520),
    )
    if chosen:
        row = history.filter(pl.col("project_key") == chosen).row(0, named=True)
        st.markdown(f"**{ui.plain(row['project_name'])}**")
        columns = st.columns(3)
        for column, year in zip(columns, years, strict=True):
            wording = row.get(years.wording_column(year)) if year != years.budget else "预算"
            value = row[years.amount_column(year)]
            if value is None:
                label = "新增项目，无往年数" if row["prior_years_status"] == "new_project" else "文件未列明"
                column.metric(f"{year} 年", "—", help=label)
                column.caption(label)
            else:
                column.metric(f"{year} 年（{wording}，万元）", exact_amount(value))
        ui.source_lines(doc_id, list(row["source_lines"]), title="项目表中的原文")
    ui.downloads(exact, f"{doc_id}_projects_{pair}", key="history-download")

elif view == "details":
    previous, budget = years.previous, years.budget
    for key in line_projects:
        project = projects.filter(pl.col("project_key") == key).row(0, named=True)
        lines = data.cached(doc_id, yc.line_changes, snapshot.tables, budget_year, project["project_name"])
        st.header(f"{ui.plain(project['project_name'])}：各明细的变化", anchor=False)
        start, end = project[years.amount_column(previous)], project[years.amount_column(budget)]
        st.markdown(
            f"{previous} 年预算 **{wan(start)}** → {budget} 年 **{wan(end)}**（{signed_wan(end - start)}）。"
            f"{previous} 年各明细由 {budget} 年明细减去文件所述的增减额得出。"
        )
        ui.chart(
            data.cached(
                doc_id,
                figures.waterfall_figure,
                lines,
                start_label=f"{previous} 年预算",
                start=start,
                end_label=f"{budget} 年预算",
                end=end,
            ),
            chart_text.change_sentence(
                f"{project['project_name']}的预算", (f"{previous} 年", start), (f"{budget} 年", end)
            ),
            key=f"waterfall-{key}",
        )  # the table of its numbers follows
        ui.table(
            data.cached(doc_id, changes_view.line_rows, lines),
            {
                "item": st.column_config.TextColumn("明细"),
                years.amount_column(previous): ui.money_column(f"{previous}（推算）"),
                "change_wan": ui.money_column("所述增减"),
                years.amount_column(budget): ui.money_column(budget),
                "note": st.column_config.TextColumn("说明"),
            },
            name=f"{project['project_name']}：各明细的变化",
            key=f"lines-{key}",
            height=ui.fit_height(lines.height, 420),
        )
        line = lines["source_lines"][0][-1]
        failures, _ = data.cached(doc_id, filter_checks, data.checks_view(doc_id), (), ("fail",), line)
        ui.checks_link(
            f"核对：推算的 {previous} 年明细之和是否等于所述 {previous} 年预算",
            {"doc": doc_id, "line": str(line)},
            icon="warning" if failures.height else "fact_check",  # ⚠ only where a check there fails
        )
    if not stated.is_empty():
        whole, steps = data.cached(doc_id, yc.stated_waterfall, stated, snapshot.table("three_public"))
        if whole is not None:
            what = whole["name"]
            before_label, after_label = f"{whole['compared_year']} 年（推算）", f"{budget_year} 年"
            st.header(f"{what}：各项所述的增减", anchor=False)
            said = chart_text.change_sentence(
                what, (before_label, whole["previous_wan"]), (after_label, whole["amount_wan"])
            )
            if yc.all_flat(whole, steps):  # a chart of zeros says nothing
                st.markdown(f"文字说明所述：{said}所述各项也都持平，没有增减可画。")
            else:
                ui.chart(
                    data.cached(
                        doc_id,
                        figures.waterfall_figure,
                        steps,
                        start_label=before_label,
                        start=whole["previous_wan"],
                        end_label=after_label,
                        end=whole["amount_wan"],
                    ),
                    said,
                    key="waterfall-stated",
                )
                st.caption(changes_view.waterfall_note(steps))
        elif not line_projects:
            st.caption(f"文字说明没有说明{yc.FIGURE_ZH[yc.WHOLE]}合计的增减，因此没有分项的增减图。")
        st.header("文字说明中与上年相比的数字", anchor=False)
        checks, check_cells = snapshot.table("checks"), snapshot.tables.get("check_cells")
        disputed = data.cached(doc_id, oq.disputed_statements, checks, check_cells, stated)
        # a figure the document contradicts elsewhere is shown with ⚠ below, but no year before is drawn from it
        slope = data.cached(doc_id, yc.stated_slope, changes_view.undisputed(stated, disputed), budget_year)
        if not slope.is_empty():
            ui.chart(
                data.cached(doc_id, figures.slope_figure, slope),
                chart_text.changes_sentence(
                    slope.select("project_name", f"amount_{budget_year - 1}_wan", f"amount_{budget_year}_wan").rows(),
                    before=f"{budget_year - 1} 年（推算）",
                    after=f"{budget_year} 年",
                    what="文字说明所述的各项",
                ),
                key="slope-stated",
            )
            st.caption(
                "每条线是文字说明中说了与上年相比增减的一项；上年数由本年数减去所述增减额得出；"
                "纵轴为对数刻度（0 不画）。"
                + ("下表上年为“—”的 ⚠ 项与文件别处的数不符，不据此推算上年，图中不画。" if any(disputed) else "")
            )
        years_of = tuple(zip(others["doc_id"], others["budget_year"], strict=True))
        rows = data.cached(doc_id, changes_view.stated_rows, stated, years_of, disputed)
        ui.wrapping_table(
            rows,
            {
                "name": st.column_config.TextColumn("项目"),
                "compared_year": st.column_config.NumberColumn("比较年份", format="%d", width=70),
                "previous_wan": ui.amount_column(rows, "previous_wan", "上年（推算）"),
                "amount_wan": ui.money_column("本年"),
                "change_wan": ui.dash_column("所述增减"),
                # the library's figure beside the amounts, in view at 1280 px: a ⚠ there is what a reader looks for
                "library": st.column_config.TextColumn("本库上一年文件", width="medium"),
                "where": st.column_config.TextColumn("出处", width=70),
                "statement": st.column_config.TextColumn("原文", width="large"),
            },
            name="文字说明中与上年相比的数字",
            key="stated-table",
            most_height=420,
        )
        differs = data.cached(doc_id, changes_view.library_disagreements, stated, years_of)
        if differs:  # both figures, so that a reader on a phone need not scroll to the library's column
            st.caption(differs)
        if any(disputed):
            ui.checks_link("上年为“—”的 ⚠ 项与文件别处的数不符：查看核对", {"doc": doc_id, "status": "fail"})
        stated_download = data.cached(doc_id, changes_view.stated_download, stated, disputed)
        ui.downloads(stated_download, f"{doc_id}_stated_changes", key="stated-download")
    if not executed.is_empty():
        st.header("各科目与上年预算执行数相比", anchor=False)
        st.markdown(data.cached(doc_id, changes_view.executed_sentence, executed, budget_year))
        rows = data.cached(doc_id, changes_view.executed_rows, executed)
        ui.wrapping_table(
            rows,
            {
                "name": st.column_config.TextColumn("科目（项）", width=130, pinned=True),  # 390 px: amounts whole
                "executed_wan": ui.money_column(f"{budget_year - 1} 年执行数"),
                "amount_wan": ui.money_column(f"{budget_year} 年预算"),
                "change_wan": ui.dash_column("增减"),
                "rate_printed": st.column_config.TextColumn("文件所述增减率", alignment="right"),
                "rate_pct": ui.dash_column("按金额计算", None),
                "where": st.column_config.TextColumn("出处"),
                "parents": st.column_config.TextColumn("所属类／款", width="medium"),
            },
            name="各科目与上年预算执行数相比",
            key="executed-table",
            most_height=560,  # 机关事业单位基本养老保险缴费支出 whole in 130 px, at 1280 and 390 px
        )
        st.caption(
            "按增减额大小排列。文件把各科目的本年预算与上年预算执行数（实际执行）比较，不是与上年预算比较；"
            "增减率照文件所写，按金额计算的列在旁边，两者不同的见“数据核对”。"
        )
        ui.downloads(executed, f"{doc_id}_executed_changes", key="executed-download")

elif view == "indicators":
    st.header("多年都有数值的绩效指标", anchor=False)
    trend_filter = state.choices(st.pills, "变化", TRENDS, key="trend", selection_mode="multi")
    trends = data.cached(doc_id, changes_view.trend_rows, trends_all, tuple(trend_filter))
    ui.table(
        trends,
        {
            "project_name": st.column_config.TextColumn("范围"),
            "name": st.column_config.TextColumn("指标", width="medium"),
            **{years.value_column(year): st.column_config.TextColumn(year) for year in years},
            "trend": st.column_config.TextColumn("变化"),
            "placement_inferred": st.column_config.CheckboxColumn(
                "位置推断", help="原表这一行错位，数值位置按规则推断"
            ),
        },
        name="多年都有数值的绩效指标",
        key="trends",
        height=ui.fit_height(trends.height, 420),
    )
    st.caption("数字可比（同一单位）时比较首末两年；文字指标照原文显示，不作比较。")

elif view == "narrative":
    st.header("情况说明中的同比说法，与表中数字或说明自己的数字对照", anchor=False)
    st.markdown(data.cached(doc_id, changes_view.narrative_markdown, comparisons))
    st.caption(
        "百分比按文件写出的位数比较；表中没有上年数时，上年数为所述金额减去增减额（减少时加上）；"
        f"没有表列出 {years.previous} 年数的增减额无法核对。"
    )

else:  # this document against its department's other documents in the library, each figure labelled with its own
    department = catalogue.filter(pl.col("doc_id") == doc_id)["department_key"][0]
    library_pages.department_years(catalogue, department, highlight=doc_id, key="doc-years")
