"""部门对比: the documents of one year side by side (2 to 10 chosen, or all)."""

import polars as pl
import streamlit as st

from budgetlens import library_queries as lq
from components import chart_text, library, library_figures, library_pages, state, ui
from components.frame import DOC_KEY, library_title
from components.library_pages import (
    ROUNDED_NOTE,
    THREE_PUBLIC_FIGURE,
    TOTALS_FIGURES,
    catalogue_or_stop,
    disputed_note,
    money,
    other_parts_note,
)
from components.ui import plain

MOST = 10  # documents chosen one by one
FIRST = 5  # chosen for a reader who has not chosen yet: the largest of the year
DRAWN = 30  # documents drawn in a chart (the largest); the tables list them all

library_title("部门对比")
catalogue = catalogue_or_stop("即可比较")
years = [str(year) for year in library.cached(lq.options, catalogue)["year"]]
state.notice_if_invalid({"year": years, "set": ["all"]})


def _year_changed() -> None:  # the chosen documents belong to the year they were chosen in
    st.session_state.pop("docs", None)
    st.query_params.pop("docs", None)


# open at the year of the document chosen in the sidebar (its department's peers of that year), else the latest
chosen = st.session_state.get(DOC_KEY) or ""
chosen_year = catalogue.filter(pl.col("doc_id") == chosen)["budget_year"].cast(pl.String).to_list()
default_year = chosen_year[0] if chosen_year and chosen_year[0] in years else years[0]
year = state.choice(st.selectbox, "年度", years, key="year", default=default_year, on_change=_year_changed)
of_year = library.cached(lq.filtered, catalogue, (), (int(year),), ())
labels = dict(zip(of_year["doc_id"], of_year["label"], strict=True))
every = state.choice(
    st.segmented_control,
    "比较哪些文件",
    ["pick", "all"],
    key="set",
    default="pick",
    format_func={"pick": f"选 2 至 {MOST} 份", "all": f"这一年的全部 {of_year.height} 份"}.__getitem__,
    required=True,
)
if every == "all":
    doc_ids = list(labels)
else:
    state.notice_if_invalid({"docs": labels})
    asked = [d for d in (state._split("docs") or st.session_state.get("docs") or []) if d in labels]
    if not asked:  # the chosen document among the first shown, then the largest of the year
        first = [chosen] if chosen in labels else []
        st.session_state["docs"] = (first + [d for d in labels if d != chosen])[:FIRST]
        state.forget("docs")  # a preset, not the reader clearing an address that named documents
    doc_ids = state.choices(
        st.multiselect,
        "文件",
        list(labels),
        key="docs",
        format_func=labels.__getitem__,
        max_selections=MOST,
        placeholder=f"选 2 至 {MOST} 份文件",
    )
if len(doc_ids) < 2:
    st.info(f"请至少选两份文件（这一年共有 {of_year.height} 份）。")
    st.stop()

rows = library.cached(lq.comparison, catalogue, tuple(doc_ids))
drawn = library.cached(pl.DataFrame.head, rows, DRAWN)  # one object run after run: its figure is kept too
if rows.height > DRAWN:
    st.caption(f"图中画出支出合计最大的 {DRAWN} 份，表中列出全部 {rows.height} 份。")
st.caption(f"{year} 年 · {rows.height} 份文件 · 金额单位：万元（各文件的原表单位已换算为万元）。")
mixed = lq.kinds_mixed(rows)
if rows["stage"].n_unique() > 1:
    st.warning(
        "所选文件中既有预算（计划支出，预算数）又有决算（实际支出，决算数）：两者不是同一种数字，"
        "下面的“类型”列标明每份文件是预算还是决算，不宜直接比较或相加。",
        icon=":material/warning:",
    )
elif mixed:
    st.warning(
        f"所选文件类型不同（{'、'.join(mixed)}）：单位预算只含一个单位，部门预算含其下属单位，口径不同，"
        "下面的“类型”列标明每份文件的口径，不宜直接比较或相加。",
        icon=":material/warning:",
    )


def documents_table(columns: dict[str, object], name: str, what: str, figures: tuple[str, ...]) -> pl.DataFrame:
    """The chosen documents one a row, each named (文件) and typed (类型) before `columns` (the grid's name says
    `what` they hold); the rows it shows."""
    shown = rows.select(library_pages.marked_label(rows, figures), "kind", *columns)  # ⚠: disputed_note says why
    # the name as narrow as lets it wrap whole (three lines), so a phone sees the first amounts beside it
    width = library.cached(ui.wrapping_width, tuple(shown["label"]), 130, 240)
    named = {"label": st.column_config.TextColumn("文件", width=width), "kind": st.column_config.TextColumn("类型")}
    ui.wrapping_table(
        shown, named | columns, name=f"{year} 年所选文件的{what}", key=f"compare-{name}-table", most_height=420
    )
    return shown


view = ui.section(
    {"totals": "总额与构成", "three_public": "“三公”经费", "function": "功能分类", "economic": "经济分类"}
)

if view == "totals":
    st.header("支出合计：基本支出与项目支出", anchor=False)
    ui.chart(
        library.cached(library_figures.basic_project_figure, drawn),
        chart_text.ranking_sentence(drawn.select("label", "total_wan").rows(), what="文件的支出合计"),
        key="compare-basic",
    )  # the table of its numbers follows
    shown = documents_table(
        {"total_wan": money("支出合计"), "basic_wan": money("基本支出"), "project_wan": money("项目支出")},
        "totals",
        "支出合计、基本支出和项目支出",
        TOTALS_FIGURES,
    )
    st.caption(ROUNDED_NOTE)
    if others := library.cached(other_parts_note, rows):  # the bars draw 基本 and 项目 only
        st.caption(plain(others))
    if disputed := library.cached(disputed_note, rows, TOTALS_FIGURES):
        st.caption(plain(disputed))
    ui.downloads(shown, f"compare_{year}_totals", key="compare-totals-download")

elif view == "three_public":
    st.header("“三公”经费", anchor=False)
    ui.chart(
        library.cached(library_figures.amount_bars_figure, drawn, "three_public_wan", "“三公”经费"),
        chart_text.ranking_sentence(drawn.select("label", "three_public_wan").rows(), what="文件的“三公”经费"),
        key="compare-three-public",
    )  # the table of its numbers follows
    shown = documents_table(
        {
            "three_public_wan": money("“三公”经费"),
            "staff": st.column_config.NumberColumn("在职人数", format="%d"),
            "three_public_per_staff_wan": ui.money_column("人均“三公”经费", help="只在文件列出在职人数时计算"),
        },
        "three-public",
        "“三公”经费与人均",
        THREE_PUBLIC_FIGURE,
    )
    missing = shown.filter(pl.col("staff").is_null()).height
    if missing:
        st.caption(f"{missing} 份文件没有列出在职人数，不计算人均。")
    if disputed := library.cached(disputed_note, rows, THREE_PUBLIC_FIGURE):
        st.caption(plain(disputed))
    ui.downloads(shown, f"compare_{year}_three_public", key="compare-three-public-download")

else:
    classification = view
    st.header(f"{lq.CLASSIFICATION_ZH[classification]}（类）的构成", anchor=False)
    classes = library.classes(tuple(doc_ids), classification)
    if classes is None or classes.is_empty():
        st.info("所选文件没有列出这张表。")
        st.stop()
    all_labels = dict(zip(rows["doc_id"], rows["label"], strict=True))
    ui.chart(
        library.cached(library_figures.mix_figure, library.classes(tuple(drawn["doc_id"]), classification), all_labels),
        chart_text.mix_sentence(library.classes(tuple(drawn["doc_id"]), classification), all_labels),
        key=f"compare-{classification}",
    )  # the table of its numbers follows
    scopes = classes["scope_zh"].unique().to_list()
    if len(scopes) > 1:
        st.warning(f"各文件的表口径不同（{'、'.join(scopes)}），见表中“口径”列。", icon=":material/warning:")
    # the document and the class's name wrapped narrow, then the amount: on a phone the amount beside them, the
    # code after (a full name first, then the code, pushed every amount off a 390 px screen)
    shown = classes.join(rows.select("doc_id", "label"), on="doc_id").select(
        "label", "name", "amount_wan", "share_pct", "code", "scope_zh", "table_title", "page"
    )
    label_width = library.cached(ui.wrapping_width, tuple(shown["label"].unique(maintain_order=True)), 110, 240)
    name_width = library.cached(ui.wrapping_width, tuple(shown["name"].unique(maintain_order=True)), 112, 200)
    # the table's title as narrow as it wraps whole, so that 页码 after it is in view at 1280 px
    title_width = library.cached(ui.wrapping_width, tuple(shown["table_title"].unique(maintain_order=True)), 120, 200)
    ui.wrapping_table(
        shown,
        {
            "label": st.column_config.TextColumn("文件", width=label_width),
            "name": st.column_config.TextColumn("名称（原文）", width=name_width),
            "amount_wan": money("金额"),
            "share_pct": st.column_config.NumberColumn("占比（%）", format="%.2f"),
            "code": st.column_config.TextColumn("类"),
            "scope_zh": st.column_config.TextColumn("口径"),
            "table_title": st.column_config.TextColumn("原表", width=title_width),
            "page": st.column_config.NumberColumn("页码", format="%d"),
        },
        name=f"{year} 年所选文件的{lq.CLASSIFICATION_ZH[classification]}（类）构成",
        key=f"compare-{classification}-table",
        most_height=460,
    )
    without = sorted(set(doc_ids) - set(classes["doc_id"]))
    if without:
        st.caption("没有列出这张表的文件：" + "、".join(plain(all_labels[d]) for d in without))
    ui.downloads(shown, f"compare_{year}_{classification}", key=f"compare-{classification}-download")
