"""The pages' layouts for a document read from its PDF (the canonical model): each page's file calls one of
these when the document's manifest says "format": "pdf". Every label comes from the document (its year,
its tables' printed titles) or from the model's vocabularies; what the document does not print says so.
"""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

import polars as pl
import streamlit as st

from budgetlens import canonical_queries as cq
from budgetlens.library_queries import document_stage
from budgetlens.queries import ROOT_ID
from budgetlens.store import Snapshot
from components import (
    brief_download,
    chart_text,
    data,
    figures,
    pdf_source,
    state,
    ui,
)
from components.format import exact_wan, signed
from components.frame import amount_word, canonical_summary, page_title
from components.ui import plain

NOT_PRINTED = "本文件未列出"


def where(printed: cq.Printed) -> str:
    return f"{printed.table_title} 第 {printed.page} 页" if printed.page is not None else printed.table_title


def is_final(snapshot: Snapshot) -> bool:
    """A 决算 (final accounts): its amounts are what was spent (决算数)."""
    return document_stage(snapshot.manifest) == "决算"


def spent(three: pl.DataFrame) -> pl.DataFrame:
    """The 三公 rows of what was spent: on a 决算's table, which prints 预算数 and 决算数 under each item, the
    决算数 cells; a budget's table as it is."""
    if "basis" in three.columns and (three["basis"] == "actual").any():
        return three.filter(pl.col("basis") == "actual")
    return three


def _headline(snapshot: Snapshot) -> cq.CanonicalHeadline:
    return cq.headline(
        snapshot.table("schedules"),
        snapshot.table("expenditure_by_function"),
        snapshot.table("summary_lines"),
        spent(snapshot.table("three_public")),  # on a 决算 the total spent, not its 预算数 column
    )


def _kpi(label: str, printed: cq.Printed | None, missing: str) -> ui.Kpi:
    if printed is not None and printed.amount_wan is None:
        return ui.Kpi(label, "原表空白", help=plain(f"{where(printed)}：这一格空白（不是 0）"))
    if printed is None or printed.amount_wan is None:
        return ui.Kpi(label, NOT_PRINTED, help=missing)
    return ui.Kpi(
        label,
        exact_wan(printed.amount_wan),
        help=plain(f"{printed.label}：{where(printed)}，原文 {printed.amount_printed}"),
    )


def overview(doc_id: str, snapshot: Snapshot) -> None:
    year = snapshot.manifest["budget_year"]
    page_title("概览", snapshot, "读自 PDF 原件 · 金额单位：万元")
    brief_download.button(doc_id)
    head = data.cached(doc_id, _headline, snapshot)
    ui.kpi_row(
        [
            _kpi("支出总计（万元）", head.total, "本文件未列出支出总表的合计或收支总表的支出合计。"),
            _kpi("基本支出（万元）", head.basic, "本文件未列出基本支出合计。"),
            _kpi("项目支出（万元）", head.project, "本文件未列出项目支出合计。"),
            _kpi("“三公”经费（万元）", head.three_public_total, "本文件未列出“三公”经费表。"),
        ]
    )
    if is_final(snapshot):
        st.page_link(
            "pages/execution.py",
            label="预算执行：预算数与决算数逐项对照",
            icon=":material/rule:",
            query_params={"doc": doc_id},
        )
    if head.total is not None:
        what = f"（{amount_word(snapshot.manifest)}）" if is_final(snapshot) else " "
        printed = f"{plain(head.total.amount_printed)} {plain(_unit(snapshot, head.total))}"
        st.markdown(
            f"{year} 年支出总计{what}**{exact_wan(head.total.amount_wan)} 万元**"
            f"（{plain(where(head.total))}，原文 {printed}）。"
        )
    else:
        st.info(f"{NOT_PRINTED}支出总计。", icon=":material/info:")
    missing = [name for name, value in (("基本支出", head.basic), ("项目支出", head.project)) if value is None]
    if missing:
        st.caption(f"{NOT_PRINTED}{'、'.join(missing)}的合计。")

    left, right = st.columns([3, 2], gap="large")
    with left:
        choice = data.cached(
            doc_id,
            cq.coded_table_choice,
            snapshot.table("schedules"),
            snapshot.table("expenditure_by_function"),
            ("expenditure_by_function", "expenditure"),
        )
        st.subheader("支出功能分类（类）")
        if choice is None:
            st.info(f"{NOT_PRINTED}按功能分类科目的支出。", icon=":material/info:")
        else:
            classes = data.cached(
                doc_id, cq.function_classes, snapshot.table("expenditure_by_function"), choice.table_id
            )
            total = data.cached(doc_id, _table_total, snapshot.table("expenditure_by_function"), choice.table_id)
            st.caption(
                f"{plain(choice.title)}（第 {'、'.join(map(str, choice.pages))} 页）"
                + (f" · 合计 {exact_wan(total)} 万元" if total is not None else "")
            )
            if classes.filter(pl.col("total_wan").is_not_null()).is_empty():
                st.info(f"{NOT_PRINTED}各类的金额。", icon=":material/info:")
            else:
                shown = classes.filter(pl.col("total_wan").is_not_null())
                st.plotly_chart(
                    data.cached(doc_id, figures.share_bar_figure, shown, height=max(160, 56 * shown.height + 60)),
                    config={"displayModeBar": False},
                    key="pdf-classes",
                )
                ui.chart_summary(
                    chart_text.parts_sentence(shown.select("name", "total_wan").rows(), what="支出功能分类各类"),
                    shown.select("code", "name", "total_wan", "share_pct"),
                    {
                        "code": st.column_config.TextColumn("编码", width="small"),
                        "name": st.column_config.TextColumn("科目名称"),
                        "total_wan": st.column_config.NumberColumn("合计（万元）", format="%.2f"),
                        "share_pct": st.column_config.NumberColumn("占比", format="%.2f%%", width="small"),
                    },
                    key="pdf-classes-numbers",
                )
    with right:
        st.subheader("“三公”经费")
        items = data.cached(doc_id, cq.three_public_items, snapshot.table("three_public"))
        if items.is_empty():
            st.info(f"{NOT_PRINTED}“三公”经费表。", icon=":material/info:")
        else:
            st.caption(plain(cq.table_title(snapshot.table("schedules"), items["table_id"][0])))
            if is_final(snapshot) and (items["basis"] == "actual").any():
                st.markdown(
                    data.cached(doc_id, _three_public_final_markdown, cq.three_public_execution(snapshot.tables))
                )
            else:
                st.markdown(data.cached(doc_id, _three_public_markdown, items))
        st.subheader("数据核对")
        counts = data.check_counts(doc_id)
        found = data.findings(doc_id).height
        st.markdown(
            f"发现 **{found}** 处矛盾（{counts.get('fail', 0)} 项核对没有通过，同一原因的归并为一处），"
            f"通过 {counts.get('pass', 0)} 项，无法核对 {counts.get('not_applicable', 0)} 项。"
        )
        st.page_link(ui.CHECKS_PAGE, label="查看数据核对", icon=":material/fact_check:", query_params={"doc": doc_id})


def _unit(snapshot: Snapshot, printed: cq.Printed) -> str:
    found = snapshot.table("schedules").filter(pl.col("title") == printed.table_title)["unit_printed"]
    return found.first() or "" if found.len() else ""


def _table_total(coded: pl.DataFrame, table_id: str) -> Decimal | None:
    found = coded.filter(pl.col("table_id") == table_id, pl.col("level") == 0, pl.col("measure") == "total")
    return found["amount_wan"].first() if found.height else None


def _three_public_markdown(items: pl.DataFrame) -> str:
    lines = []
    for row in items.iter_rows(named=True):
        value = f"**{exact_wan(row['amount_wan'])} 万元**" if row["amount_wan"] is not None else "原表空白"
        lines.append(f"{'  ' * int(row['depth'] or 0)}- {plain(row['name_zh'])}：{value}")
    return "\n".join(lines)


def _three_public_final_markdown(execution: pl.DataFrame) -> str:
    """A 决算's 三公 items, each with its 预算数 and 决算数 as printed (a blank cell said so, not 0)."""
    depth = {"three_public_total": 0, "vehicle_purchase": 2, "vehicle_operation": 2}
    lines = []
    for row in execution.iter_rows(named=True):
        sides = []
        for side, label in (("budget", "预算数"), ("actual", "决算数")):
            value = row[f"{side}_wan"]
            sides.append(f"{label} **{exact_wan(value)}**" if value is not None else f"{label}（原表空白）")
        name = cq.THREE_PUBLIC_ZH.get(row["item"], row["item"])
        lines.append(f"{'  ' * depth.get(row['item'], 1)}- {plain(name)}：{'，'.join(sides)}")
    return "\n".join(lines)


def coded_page(
    doc_id: str, snapshot: Snapshot, *, table: str, kinds: tuple[str, ...], root_label: str, key: str
) -> None:
    """支出功能分类 / 经济分类 on a PDF document: the hierarchy of the chosen printed table, its rows, sources."""
    coded = snapshot.table(table)
    choice = data.cached(doc_id, cq.coded_table_choice, snapshot.table("schedules"), coded, kinds)
    if choice is None:
        st.info(f"{NOT_PRINTED}这样的表。", icon=":material/info:")
        return
    others = snapshot.table("schedules").filter(
        pl.col("kind").is_in(list(kinds)), pl.col("table_id") != choice.table_id
    )
    st.markdown(f"**{plain(choice.title)}**")
    st.caption(
        f"资金范围：{cq.SCOPE_ZH.get(choice.scope, choice.scope)} · 第 {'、'.join(map(str, choice.pages))} 页 · "
        f"原表单位：{plain(choice.unit_printed or '未注明')}（此处为万元）"
        + (f" · 同类的表还有 {others.height} 张，见“数据与来源”" if others.height else "")
    )
    measures = {m: cq.MEASURE_ZH.get(m, m) for m in choice.measures}
    state.notice_if_invalid({"measure": measures, "chart": figures.HIERARCHY_KINDS})
    controls = st.columns([3, 2])
    measure = state.choice(
        controls[0].segmented_control,
        "金额口径",
        list(measures),
        key="measure",
        default=next(iter(measures)),
        format_func=measures.__getitem__,
        required=True,
    )
    kind = state.choice(
        controls[1].segmented_control,
        "图形",
        list(figures.HIERARCHY_KINDS),
        key="chart",
        default="treemap",
        format_func=figures.HIERARCHY_KINDS.__getitem__,
        required=True,
    )
    tree = data.cached(doc_id, cq.canonical_tree, coded, choice.table_id, measure, root_label)
    if tree.is_empty() or tree.filter(pl.col("level") > 0, pl.col("amount_wan") != 0).is_empty():
        st.info(f"{NOT_PRINTED}这一口径下各科目的金额。", icon=":material/info:")
    else:
        root = tree.filter(pl.col("level") == 0).row(0, named=True)
        if root["stated_wan"] is not None and root["stated_differs"]:
            st.warning(
                f"表中合计 {exact_wan(root['stated_wan'])} 万元，各类之和 {exact_wan(root['amount_wan'])} 万元；"
                "图按各类之和画出。",
                icon=":material/warning:",
            )
        st.plotly_chart(
            data.cached(doc_id, figures.hierarchy_figure, tree, kind=kind, measure_label=measures[measure]),
            config={"displayModeBar": False},
            key=f"{key}-chart",
        )
        ui.chart_summary(  # the table of its numbers follows
            data.cached(doc_id, chart_text.hierarchy_sentence, tree, ROOT_ID, measures[measure])
        )
        st.caption("面积 = 金额。点击色块可以放大，点击上方路径返回。")
    rows = data.cached(doc_id, cq.tree_rows, coded, choice.table_id, choice.measures)
    if cq.OCR_COLUMN in rows.columns:  # at 390 px the grid's last column is out of sight: say it above the grid
        st.caption(
            f"其中 {rows[cq.OCR_COLUMN].is_not_null().sum()} 行读自扫描页（OCR 识别），"
            f"“{cq.OCR_COLUMN}”列是识别的把握（0–1）。"
        )
    config = {
        "科目编码": st.column_config.TextColumn("科目编码", width="small"),
        "科目名称": st.column_config.TextColumn("科目名称"),
        **{c: st.column_config.NumberColumn(c, format="%.2f") for c in rows.columns if c.endswith("（万元）")},
        "页码": st.column_config.NumberColumn("页码", width="small"),
        cq.OCR_COLUMN: st.column_config.NumberColumn(cq.OCR_COLUMN, format="%.2f", help="这一行读自扫描页（OCR）"),
    }
    event = ui.table(rows, config, key=f"{key}-table", height=ui.fit_height(rows.height, 520), selectable=True)
    ui.downloads(rows.drop("box"), f"{doc_id}_{key}_{choice.table_id}", key=f"{key}-download")
    picked = event.selection.rows if event is not None else []
    if picked:
        row = rows.row(picked[0], named=True)
        st.subheader(plain(f"{row['科目编码']} {row['科目名称']}".strip()))
        pdf_source.show_cell(
            snapshot.manifest, row["页码"], row["box"], title=choice.title, ocr_confidence=row.get(cq.OCR_COLUMN)
        )
    else:
        st.caption("选中一行可看它在原件中的位置（页面图像）。")


def fallback(snapshot: Snapshot, needs: tuple[str, ...]) -> None:
    """A text-export page on a PDF document: which of its schedules this document lacks, then what it holds."""
    missing = cq.missing_schedules(snapshot.table("schedules"), needs)
    canonical_summary(snapshot)
    for name in missing:
        st.warning(f"本文件未包含{plain(name)}。", icon=":material/info:")


# --- 项目, 绩效指标, 采购与购买服务 on a PDF document --------------------------------------------------------------

NO_PROJECT_FORMS = "本文件未包含项目绩效目标表。"


def _exact_or_dash(value: Decimal | None) -> str:
    return exact_wan(value) if value is not None else "—"


def _project_rows(snapshot: Snapshot) -> pl.DataFrame:
    return cq.project_rows(
        snapshot.table("projects"), snapshot.table("project_funds"), snapshot.table("performance_indicators")
    )


def _project_listing(shown: pl.DataFrame) -> pl.DataFrame:
    """The grid's rows: amounts as exact 万元 text (every printed digit), the printed 元 beside them."""
    return shown.select(
        "project",
        "nature",
        "category",
        "unit",
        pl.col("annual_total_wan").map_elements(exact_wan, return_dtype=pl.String).fill_null("—"),
        "annual_total_printed",
        pl.col("project_total_wan").map_elements(exact_wan, return_dtype=pl.String).fill_null("—"),
        "project_total_printed",
        "indicator_count",
        "page",
    )


def _page_image(manifest: dict, page: int | None, box, *, title: str, key: str) -> None:
    expander = st.expander("原件中的位置", key=key, on_change="rerun")
    if not expander.open:
        return
    with expander:
        pdf_source.show_cell(manifest, page, box, title=title)


def _fund_check_markdown(failing: pl.DataFrame) -> list[str]:
    texts = []
    for row in failing.iter_rows(named=True):
        unit = row["unit"] or ""
        texts.append(
            f"核对没有通过：{plain(row['expected_label'])} = **{_exact_or_dash(row['expected'])} {unit}**，"
            f"{plain(row['actual_label'])} = **{_exact_or_dash(row['actual'])} {unit}**，"
            f"差额（后者 − 前者）{plain(signed(row['difference']) if row['difference'] is not None else '—')} {unit}。"
        )
    return texts


def _project_detail(doc_id: str, snapshot: Snapshot, project: dict) -> None:
    st.page_link(
        "pages/projects.py", label="返回项目列表", icon=":material/arrow_back:", query_params=state.without("project")
    )
    title = cq.table_title(snapshot.table("schedules"), project["table_id"])
    page_title(plain(project["project"]), snapshot, f"{plain(title)} · 第 {project['page']} 页")
    facts = [
        ("项目性质", project["nature"]),
        ("项目类别", project["category"]),
        ("实施单位", project["unit"]),
    ]
    st.markdown(" · ".join(f"{label}：{plain(value or '未填写')}" for label, value in facts))
    ui.kpi_row(
        [
            ui.Kpi(
                "年度资金申请总额（万元）",
                _exact_or_dash(project["annual_total_wan"]),
                help=f"原文 {project['annual_total_printed'] or '未列出'}，第 {project['page']} 页",
            ),
            ui.Kpi(
                "项目资金总额（万元）",
                _exact_or_dash(project["project_total_wan"]),
                help=f"原文 {project['project_total_printed'] or '未列出'}，第 {project['page']} 页",
            ),
            ui.Kpi("绩效指标", f"{project['indicator_count']} 项"),
        ]
    )

    st.subheader("绩效目标")
    long_term, annual = st.columns(2, gap="large")
    with long_term:
        st.markdown("**项目总目标**")
        st.text(project["goal_long_term"] or "未填写")
    with annual:
        st.markdown("**年度总体目标**")
        st.text(project["goal_annual"] or "未填写")

    st.subheader("项目资金")
    lines = data.cached(doc_id, cq.project_fund_lines, snapshot.table("project_funds"), project["table_id"])
    if lines.is_empty():
        st.info("这张表没有列出项目资金。", icon=":material/info:")
    else:
        shown = lines.select(
            pl.col("part").alias("部分"),
            pl.col("label").alias("项目（原文）"),
            pl.col("amount_wan").map_elements(exact_wan, return_dtype=pl.String).fill_null("—").alias("金额（万元）"),
            pl.col("printed").alias("原文"),
            (pl.lit("第 ") + pl.col("page").cast(pl.String) + pl.lit(" 页")).fill_null("—").alias("出处"),
        )
        ui.table(
            shown,
            {
                "部分": st.column_config.TextColumn("部分", width="small"),
                "项目（原文）": st.column_config.TextColumn("项目（原文）"),
                "金额（万元）": st.column_config.TextColumn("金额（万元）", alignment="right"),
                "原文": st.column_config.TextColumn("原文", alignment="right"),
                "出处": st.column_config.TextColumn("出处", width="small"),
            },
            key="pdf-project-funds",
            height=ui.fit_height(shown.height, 320),
        )
    checks_frame = data.cached(doc_id, cq.project_fund_checks, snapshot.table("checks"), project["project"])
    failing = checks_frame.filter(pl.col("status") == "fail")
    for text in _fund_check_markdown(failing):
        st.warning(text, icon=":material/warning:")
    if failing.height:
        st.page_link(
            ui.CHECKS_PAGE,
            label="在“数据核对”中查看",
            icon=":material/fact_check:",
            query_params={"doc": doc_id, "view": "all", "status": "fail"},
        )
    elif checks_frame.height:
        st.caption(f"资金的 {checks_frame.height} 项核对（总额 = 各部分之和）都通过。")

    st.subheader("绩效指标")
    indicators = data.cached(
        doc_id, cq.project_indicators, snapshot.table("performance_indicators"), project["table_id"]
    )
    if indicators.is_empty():
        st.info("这张表没有列出绩效指标。", icon=":material/info:")
    else:
        ui.table(
            indicators,
            {
                "level1": st.column_config.TextColumn("一级指标"),
                "level2": st.column_config.TextColumn("二级指标"),
                "name": st.column_config.TextColumn("三级指标", width="medium"),
                "target": st.column_config.TextColumn("指标值（原文）", width="medium"),
                "page": st.column_config.NumberColumn("页码", width="small"),
            },
            key="pdf-project-indicators",
            height=ui.fit_height(indicators.height, 560),
        )
    _page_image(snapshot.manifest, project["page"], project["box"], title=title, key="pdf-project-source")


def projects(doc_id: str, snapshot: Snapshot) -> None:
    """项目 on a PDF document: the printed project forms, filtered; one opened with its goals, funds, indicators."""
    rows = data.cached(doc_id, _project_rows, snapshot)
    if rows.is_empty():
        page_title("项目", snapshot, "读自 PDF 原件")
        st.info(NO_PROJECT_FORMS, icon=":material/info:")
        st.caption("本文件没有逐个项目列出资金、目标和指标的表；文件中识别出的各张表见“数据与来源”。")
        return
    names = rows["project"].to_list()
    categories = rows["category"].drop_nulls().unique(maintain_order=True).to_list()
    state.notice_if_invalid({"project": names, "category": categories})
    chosen = state.text("project")
    if chosen in names:
        found = rows.filter(pl.col("project") == chosen).row(0, named=True)
        boxes = snapshot.table("projects").filter(pl.col("table_id") == found["table_id"])["box"]
        _project_detail(doc_id, snapshot, {**found, "box": boxes[0] if boxes.len() else None})
        return

    page_title("项目", snapshot, f"{rows.height} 张项目绩效目标表 · 读自 PDF 原件 · 金额单位：万元（原文照印）")
    search = state.text_input(
        st.text_input, "搜索项目名称、目标、指标名称", key="q", placeholder="例如：满意度、服务中心"
    )
    chosen_categories = state.choices(st.multiselect, "项目类别", categories, key="category", placeholder="全部")
    shown = data.cached(doc_id, cq.filter_projects, rows, search, tuple(chosen_categories))
    listing = data.cached(doc_id, _project_listing, shown)
    st.markdown(f"**{shown.height}** 个项目。选中一行打开项目。")
    event = ui.table(
        listing,
        {
            "project": st.column_config.TextColumn("项目", width="large"),
            "annual_total_wan": st.column_config.TextColumn("年度资金申请总额（万元）", alignment="right"),
            "annual_total_printed": st.column_config.TextColumn("年度资金申请总额（原文）", alignment="right"),
            "project_total_wan": st.column_config.TextColumn("项目资金总额（万元）", alignment="right"),
            "project_total_printed": st.column_config.TextColumn("项目资金总额（原文）", alignment="right"),
            "nature": st.column_config.TextColumn("项目性质"),
            "category": st.column_config.TextColumn("项目类别"),
            "unit": st.column_config.TextColumn("实施单位", width="medium"),
            "indicator_count": st.column_config.NumberColumn("指标数", width="small"),
            "page": st.column_config.NumberColumn("页码", width="small"),
        },
        key=f"pdf-projects-{st.session_state.get('opened', 0)}",
        height=ui.fit_height(listing.height, 600),
        selectable=True,
    )
    ui.downloads(shown.drop("indicator_names"), f"{doc_id}_projects", key="pdf-projects-download")
    picked = event.selection.rows if event is not None else []
    if picked:
        st.session_state["opened"] = st.session_state.get("opened", 0) + 1
        st.query_params["project"] = listing.row(picked[0], named=True)["project"]
        st.rerun()


def indicators(doc_id: str, snapshot: Snapshot) -> None:
    """绩效指标 on a PDF document: every indicator of the printed project forms, filtered."""
    page_title("绩效指标", snapshot, "读自 PDF 原件 · 各项目绩效目标表中的指标")
    frame = snapshot.table("performance_indicators")
    if frame.is_empty():
        st.info(NO_PROJECT_FORMS, icon=":material/info:")
        st.caption("本文件没有列出绩效指标。")
        return
    level1, level2 = data.cached(doc_id, cq.indicator_options, frame)
    state.notice_if_invalid({"level1": level1, "level2": level2})
    search = state.text_input(st.text_input, "搜索指标名称、指标值或项目", key="q", placeholder="例如：满意度、及时率")
    first, second = st.columns(2)
    chosen_level1 = state.choices(first.multiselect, "一级指标", level1, key="level1", placeholder="全部")
    chosen_level2 = state.choices(second.multiselect, "二级指标", level2, key="level2", placeholder="全部")
    shown = data.cached(doc_id, cq.filter_indicators, frame, tuple(chosen_level1), tuple(chosen_level2), search)
    projects_shown = shown["project"].drop_nulls().n_unique()
    st.markdown(f"**{shown.height}** 项指标，属于 {projects_shown} 个项目。指标值照原文。")
    listing = data.cached(doc_id, _indicator_listing, shown, doc_id)
    ui.table(
        listing,
        {
            "project": st.column_config.TextColumn("项目", width="medium"),
            "level1": st.column_config.TextColumn("一级指标"),
            "level2": st.column_config.TextColumn("二级指标"),
            "name": st.column_config.TextColumn("三级指标", width="medium"),
            "target": st.column_config.TextColumn("指标值（原文）", width="medium"),
            "page": st.column_config.NumberColumn("页码", width="small"),
            "link": st.column_config.LinkColumn("打开项目", display_text="打开", width="small"),
        },
        key="pdf-indicators",
        height=ui.fit_height(listing.height, 600),
    )
    ui.downloads(shown, f"{doc_id}_indicators", key="pdf-indicators-download")


def _indicator_listing(shown: pl.DataFrame, doc_id: str) -> pl.DataFrame:
    """The indicators with a link to each one's project on 项目 (the document kept in the link)."""
    links = [
        f"/projects?{urlencode({'doc': doc_id, 'project': name})}" if name is not None else None
        for name in shown["project"].to_list()
    ]
    return shown.with_columns(
        pl.Series("project", shown["project"]).fill_null("（部门整体）"), pl.Series("link", links)
    )
