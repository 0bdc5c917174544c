"""Render helpers of the library (st.* only): one department across its documents, and the checks across
documents. Used by the 跨年度 page, by 年度对比 on a document read from its PDF and by 数据核对."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import polars as pl
import streamlit as st

from budgetlens import library_queries as lq
from budgetlens.formatting import chart_amount, exact_amount, rate, signed_amount
from components import chart_text, library, library_figures, ui
from components.ui import plain

STATUS_ZH = {"fail": "不一致", "pass": "一致", "not_applicable": "无法核对"}
# Several documents' amounts in one column, each printed to its own digits (万元 to 0.01, 元 to 0.0001 万元): rounded
# alike to 0.01 万元, and the page says so (ROUNDED_NOTE); each document's own pages show every digit.
money = partial(ui.money_column, places=2)
TOTALS_FIGURES = ("支出合计", "基本支出", "项目支出")  # the figures of a totals table, as `disputed` names them
THREE_PUBLIC_FIGURE = ("“三公”经费",)
ROUNDED_NOTE = (
    "各文件印出的位数不同，表中金额统一四舍五入到 0.01 万元；打开文件可见原文的每一位，下载的文件也是原文的精确值。"
)
BLANK_CELL = ui.BLANK_CELL  # the document prints the cell and leaves it empty: not 0, not a figure


def documents_table(rows: pl.DataFrame) -> pl.DataFrame:
    """One department's documents as the tables show them (exact amounts; the label says which document, with ⚠
    where the document's own checks dispute one of its figures: disputed_note says which). `document` names it as
    the other grids' columns do (its year and kind: the department is the page's), for the grid; the download keeps
    the full label."""
    marked = marked_label(rows, TOTALS_FIGURES + THREE_PUBLIC_FIGURE)
    short = pl.lit(pl.Series(list(column_labels(rows).values()), dtype=pl.String))
    return rows.select(
        "budget_year",
        marked,
        "kind",
        "total_wan",
        "basic_wan",
        "project_wan",
        "three_public_wan",
        "findings",
        pl.when(marked.str.ends_with(" ⚠")).then(short + " ⚠").otherwise(short).alias("document"),
    )


def marked_label(rows: pl.DataFrame, figures: tuple[str, ...]) -> pl.Expr:
    """The document's label, with ⚠ where its own checks dispute one of `figures` (those the table shows): the
    sentence disputed_note writes under that table says which."""
    if "disputed" not in rows.columns:  # a catalogue written before the column was added has none
        return pl.col("label")
    named = "^(?:" + "|".join(re.escape(figure) for figure in figures) + ")"
    disputed = pl.col("disputed").list.eval(pl.element().str.contains(named)).list.any().fill_null(False)
    return pl.when(disputed).then(pl.col("label") + " ⚠").otherwise(pl.col("label"))


def other_parts_note(rows: pl.DataFrame) -> str:
    """Under the totals: what a document's 支出合计 holds beyond 基本支出 and 项目支出, as its total's row prints it
    (单位预留机动经费), so a total larger than the two bars is not a gap; empty where none does."""
    if "other_parts" not in rows.columns:  # a catalogue written before the column was added has none
        return ""
    said = [f"{label}的{parts}" for label, parts in rows.select("label", "other_parts").drop_nulls().rows()]
    return f"支出合计除基本支出和项目支出外，还包括{'；'.join(said)}。" if said else ""


def disputed_note(rows: pl.DataFrame, figures: tuple[str, ...]) -> str:
    """Under a table of the documents' `figures` (支出合计, 基本支出, …): each of them that the document's own checks
    dispute, with the other side (as the document's 概览 marks it ⚠), one sentence a document; empty if none is."""
    if "disputed" not in rows.columns:  # a catalogue written before the column was added has none
        return ""
    said = []
    for label, entries in rows.select("label", "disputed").drop_nulls().rows():
        shown = [entry for entry in entries if entry.startswith(figures)]
        if shown:
            said.append(f"⚠ {label}：{'、'.join(shown)}。")
    return "".join(said) + "这些数字参与了文件自己没有通过的核对，详见该文件的“数据核对”。" if said else ""


FORMAT_ZH = {"pdf": "PDF 原件", "text": "文本导出"}  # what a document was read from, said to a reader
LISTING_COLUMNS = [  # 文件库's table, in order
    "label", "region", "level", "budget_year", "stage", "kind", "format", "pages",
    "total_wan", "basic_wan", "project_wan", "three_public_wan", "staff", "findings",
]  # fmt: skip


@dataclass(frozen=True)
class LibraryListing:
    """What 文件库 draws of the filtered documents, made once per filter (library.cached): a run that made each of
    these afresh also missed the grid's Arrow table kept per frame (ui.table) and rebuilt it."""

    table: pl.DataFrame  # LISTING_COLUMNS
    download: pl.DataFrame  # every column but the label: the exact values
    stages_mixed: bool  # both 预算 and 决算
    levels_mixed: bool  # both a department's and a unit's documents
    charted: int  # documents with a total, at most `top`
    sentence: str  # the chart's text alternative


def library_listing(rows: pl.DataFrame, top: int) -> LibraryListing:
    return LibraryListing(
        # a text export has no pages: "—", not the grid's "None" (the page's caption: blank is not listed)
        table=rows.select(LISTING_COLUMNS).with_columns(
            pl.col("pages").cast(pl.String).fill_null("—"), pl.col("format").replace(FORMAT_ZH)
        ),
        download=rows.drop("label"),
        stages_mixed=rows["stage"].n_unique() > 1,
        levels_mixed=rows["kind"].str.slice(0, 2).n_unique() > 1,
        charted=min(top, rows.filter(pl.col("total_wan").is_not_null()).height),
        sentence=chart_text.ranking_sentence(rows.select("label", "total_wan").rows(), what="文件"),
    )


def stage_counts(catalogue: pl.DataFrame, stages: tuple[str, ...]) -> str:
    """ "预算 12 份、决算 3 份": the library's documents by stage."""
    return "、".join(f"{stage} {catalogue.filter(pl.col('stage') == stage).height} 份" for stage in stages)


def _over_documents(documents: pl.DataFrame, column: str) -> list[tuple[str, object]]:
    """One figure over the documents, labelled as library_figures.over_documents_figure labels its axis."""
    return [
        (f"{year}年{kind}", value)
        for year, kind, value in zip(documents["budget_year"], documents["kind"], documents[column], strict=True)
    ]


def like_with_like_sentence(documents: pl.DataFrame, column: str, what: str) -> str:
    """One figure over the documents, 预算 with 预算 and 决算 with 决算: a 决算's actual spending and another year's
    budget are different kinds of number, so no change is said between them; each kind's own documents compared."""
    stages = documents["stage"].unique(maintain_order=True).to_list()
    if len(stages) <= 1:
        return chart_text.series_sentence(what, _over_documents(documents, column))
    said = []
    for stage in stages:
        points = _over_documents(documents.filter(pl.col("stage") == stage), column)
        known = [(label, value) for label, value in points if value is not None]
        if len(points) == 1 and not known:
            # blank or not printed alike (a 决算's 三公 决算数 cell is often blank, its text stating the amount)
            said.append(f"{points[0][0]}的{what}在表中没有金额。")
        elif len(known) == 1:
            said.append(f"{known[0][0]}的{what} {chart_amount(known[0][1])} 万元。")  # a chart's sentence: to 0.01
        else:
            said.append(chart_text.series_sentence(f"{stage}的{what}", points))
    return "预算数（计划）与决算数（实际）不是同一种数字，不算两者之间的增减：" + "".join(said)


def column_labels(documents: pl.DataFrame) -> dict[str, str]:
    """One department's documents named for a column: year and kind (the department is the page's), the
    folder name added where two would read alike."""
    short = [f"{year}年{kind}" for year, kind in zip(documents["budget_year"], documents["kind"], strict=True)]
    return {
        doc: label if short.count(label) == 1 else f"{label}（{doc}）"
        for doc, label in zip(documents["doc_id"], short, strict=True)
    }


def _wide(rows: pl.DataFrame, documents: pl.DataFrame, key: list[str], value: str = "amount_wan") -> pl.DataFrame:
    """Rows keyed by `key` with one column per document (its year and kind), oldest document first."""
    labels = column_labels(documents)
    wide = rows.select(*key, "doc_id", value).pivot(on="doc_id", index=key, values=value, aggregate_function="first")
    present = [doc for doc in documents["doc_id"] if doc in wide.columns]
    return wide.select(*key, *present).rename({doc: labels[doc] for doc in present})


def function_codes_table(classes: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """Every function 类 printed in any of the department's documents, one column per document; a code or a
    name that does not carry over between documents is flagged (`说明`), and the rows are never merged."""
    flagged = lq.code_changes(classes)
    notes = (
        flagged.with_columns(
            note=pl.struct("renamed", "renumbered", "codes_of_name").map_elements(
                lq.code_flag_text, return_dtype=pl.String
            )
        )
        .group_by("code", "name")
        .agg(pl.col("note").first())
    )
    return (
        _wide(classes, documents, ["code", "name"])
        .join(notes, on=["code", "name"], how="left")
        .sort("code", "name")
        .rename({"code": "类", "name": "名称（原文）", "note": "说明"})
    )


def three_public_table(parts: pl.DataFrame, documents: pl.DataFrame, value: str = "amount_wan") -> pl.DataFrame:
    """The 三公 items, one column per document (a 决算's column holds its 决算数: the library keeps only those)."""
    ordered = parts.select("item", "item_zh", "order").unique().sort("order")
    wide = _wide(parts, documents, ["item"], value=value)
    return ordered.join(wide, on="item", how="left").drop("item", "order").rename({"item_zh": "项目"})


def three_public_blanks(parts: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """Shaped as three_public_table: True where the document prints the item's cell but leaves it blank
    (原表空白: neither 0 nor a figure), False where it prints a figure or does not list the item."""
    flagged = parts.with_columns(printed_blank=pl.col("amount_wan").is_null().cast(pl.Int8))
    table = three_public_table(flagged, documents, value="printed_blank")
    return table.with_columns(pl.exclude("项目").fill_null(0).cast(pl.Boolean))


def _grid(
    frame: pl.DataFrame,
    *,
    name: str,
    key: str,
    money_columns: list[str],
    first: dict[str, str],
    blanks: pl.DataFrame | None = None,
) -> None:
    """A small table with one money column per document: "—" where a document does not print the row, and
    "原表空白" where `blanks` (shaped as `frame`) says the document prints the cell empty. Its columns have set widths
    (_widths) so that on a phone (390 px: 357 px of grid) the first amount column reads whole and the second starts
    at the screen's edge: autosized, a long name pushed the first amount past the edge, cut mid-number (12,131.9 of
    12,131.9878, 29 of 297.68)."""
    shown = library.cached(_dashed, frame, tuple(money_columns), blanks)
    widths = library.cached(_widths, shown, tuple(first), tuple(money_columns))
    config = {
        column: st.column_config.TextColumn(label, pinned=True, width=widths[column]) for column, label in first.items()
    }
    config |= {  # the header names the document alone: the caption under the grid gives the unit
        column: st.column_config.TextColumn(column, alignment="right", width=widths[column]) for column in money_columns
    }
    config |= {c: st.column_config.TextColumn(c) for c in frame.columns if c not in config}
    ui.wrapping_table(shown, config, name=name, key=key, most_height=420)


CODE_WIDTH = 44  # px: a 类's three digits (201) and the header 类
NAME_WIDTH = 172  # px: an 11-character name (文化旅游体育与传媒支出) on one line; a longer one wraps
AMOUNT_WIDTH = 136  # px: the header 2023年部门预算 and an amount of up to 14 characters (1,234,567.8901)


def _widths(shown: pl.DataFrame, first: tuple[str, ...], money_columns: tuple[str, ...]) -> dict[str, int]:
    """Each column's width: a code CODE_WIDTH, a name NAME_WIDTH, an amount AMOUNT_WIDTH or its longest text's; 44 +
    172 + 136 = 352 px, within the 357 px of grid a 390 px screen has."""
    widths = {}
    for column in first:
        codes = shown[column].drop_nulls().cast(pl.String).str.contains(r"^\d+$").all()
        widths[column] = CODE_WIDTH if codes else NAME_WIDTH
    for column in money_columns:
        longest = max((ui.text_px(text) for text in [column, *shown[column].drop_nulls()]), default=0)
        widths[column] = max(AMOUNT_WIDTH, longest + ui.CELL_PADDING_PX)
    return widths


def _dashed(frame: pl.DataFrame, money_columns: tuple[str, ...], blanks: pl.DataFrame | None) -> pl.DataFrame:
    """`_grid`'s cells as text, made once per table (a new frame each run also missed the grid's Arrow kept per
    frame)."""
    shown = ui.with_dashes(frame, {column: exact_amount for column in money_columns})
    if blanks is None:
        return shown
    return shown.with_columns(
        pl.when(blanks[column]).then(pl.lit(BLANK_CELL)).otherwise(pl.col(column)).alias(column)
        for column in money_columns
        if column in blanks.columns
    )


def catalogue_or_stop(then: str) -> pl.DataFrame:
    """The library's catalogue; where it has none yet, the page says so and what it shows after an ingest (`then`),
    and stops."""
    catalogue = library.catalogue()
    if catalogue is None:
        st.info(f"文件库还没有目录：运行一次文件夹导入（python -m budgetlens ingest data/raw/）后{then}。")
        st.stop()
    return catalogue


def department_years(
    catalogue: pl.DataFrame, department_key: str, *, highlight: str | None = None, key: str = "dept"
) -> None:
    """One department's documents: totals, every function 类 and 三公 over the documents, each figure labelled
    with the document it comes from, and the checks between them."""
    documents = library.cached(lq.department_documents, catalogue, department_key)
    if documents.is_empty():
        st.info("文件库中没有这个部门的文件。")
        return
    ids = tuple(documents["doc_id"])
    years = "、".join(f"{y} 年" for y in documents["budget_year"])
    st.markdown(f"文件库中本部门有 **{documents.height}** 份文件：{years}。每个数字都标明它来自哪份文件。")
    for line in library.cached(lq.department_joins, documents):
        st.caption("部门名称的合并：" + plain(line))
    if documents.height < 2:
        st.info("只有一份文件，还不能跨年度比较；下面是这份文件自己的数字。", icon=":material/info:")
    mixed = lq.kinds_mixed(documents)
    stages = documents["stage"].unique(maintain_order=True).to_list()
    if len(stages) > 1:
        st.warning(
            "这些文件中既有预算（计划支出，预算数）又有决算（实际支出，决算数）：每个数字都标明它来自哪一种文件，"
            "预算数与决算数不是同一种数字。",
            icon=":material/warning:",
        )
    elif mixed:
        st.warning(f"这些文件类型不同（{'、'.join(mixed)}），口径不同，数字不宜直接比较。", icon=":material/warning:")
    names = column_labels(documents)
    st.caption(
        "表中各列："
        + "；".join(f"{names[d]} = {plain(label)}" for d, label in zip(ids, documents["label"], strict=True))
        + (f"。当前文件：{names[highlight]}。" if highlight in ids else "。")
    )

    pairs = lq.stage_pairs(documents)
    for year, budget_doc, final_doc in pairs:
        budget_and_final(documents, year, budget_doc, final_doc, key=f"{key}-pair-{year}")
    if len(stages) > 1 and not pairs:
        st.caption(
            "文件库中本部门的预算和决算不是同一年度的，下面按文件列出；"
            "同一年度的预算和决算都导入后，这里会并排比较计划数和实际数。"
        )

    st.header("支出总额", anchor=False)
    shown = library.cached(documents_table, documents)
    ui.chart(
        library.cached(
            library_figures.over_documents_figure,
            documents,
            [("total_wan", "支出合计"), ("basic_wan", "基本支出"), ("project_wan", "项目支出")],
        ),
        library.cached(like_with_like_sentence, documents, "total_wan", "支出合计"),
        key=f"{key}-totals-chart",
    )  # the table of its numbers follows
    ui.table(
        shown,
        {
            # the document by year and kind (its department is the page's): a full name pushed the amounts off a
            # phone's screen
            "document": st.column_config.TextColumn("文件"),
            "total_wan": money("支出合计"),
            "basic_wan": money("基本支出"),
            "project_wan": money("项目支出"),
            "three_public_wan": money("“三公”经费"),
            "findings": st.column_config.NumberColumn("文件内发现的矛盾（处）"),
        },
        name=f"{department_key}各文件的支出总额",
        key=f"{key}-totals-table",
        height=ui.fit_height(shown.height, 300),
    )
    st.caption(ROUNDED_NOTE)
    if others := library.cached(other_parts_note, documents):
        st.caption(plain(others))
    disputed = library.cached(disputed_note, documents, TOTALS_FIGURES + THREE_PUBLIC_FIGURE)
    if disputed:
        st.caption(plain(disputed))
    ui.downloads(shown.drop("document"), f"{department_key}_totals", key=f"{key}-totals-download")

    st.header("支出功能分类（类）", anchor=False)
    classes = library.classes(ids, "function")
    if classes is None or classes.is_empty():
        st.info("这些文件没有列出按功能分类的支出表。")
    else:
        codes = library.cached(function_codes_table, classes, documents)
        flagged = library.cached(_flagged_rows, codes)
        if flagged:
            st.warning(
                f"有 {flagged} 行的编码或名称在各年文件中不一致（改名或改编码），已分行列出，没有合并。",
                icon=":material/warning:",
            )
        labels = dict(zip(documents["doc_id"], documents["label"], strict=True))
        ui.chart(
            library.cached(library_figures.mix_figure, classes, labels),
            library.cached(chart_text.mix_sentence, classes, labels),
            key=f"{key}-function-chart",
        )  # the table of its numbers follows
        money_columns = [c for c in codes.columns if c not in ("类", "名称（原文）", "说明")]
        _grid(
            codes,
            name=f"{department_key}各文件的支出功能分类（类）",
            key=f"{key}-function-table",
            money_columns=money_columns,
            first={"类": "类", "名称（原文）": "名称（原文）"},
        )
        st.caption("金额单位：万元。来源：" + library.cached(_class_sources, classes, documents))
        ui.downloads(codes, f"{department_key}_function_classes", key=f"{key}-function-download")

    st.header("“三公”经费", anchor=False)
    parts = library.three_public(ids)
    if parts is None or parts.is_empty():
        st.info("这些文件没有列出“三公”经费表。")
    else:
        table = library.cached(three_public_table, parts, documents)
        ui.chart(
            library.cached(library_figures.over_documents_figure, documents, [("three_public_wan", "“三公”经费")]),
            library.cached(like_with_like_sentence, documents, "three_public_wan", "“三公”经费"),
            key=f"{key}-three-public-chart",
        )  # the table of its numbers follows
        money_columns = [c for c in table.columns if c != "项目"]
        _grid(
            table,
            name=f"{department_key}各文件的“三公”经费",
            key=f"{key}-three-public-table",
            money_columns=money_columns,
            first={"项目": "项目"},
            blanks=library.cached(three_public_blanks, parts, documents),
        )
        st.caption(
            "金额单位：万元；"
            + ("决算的一列是决算数。" if documents["stage"].is_in([lq.STAGES[1]]).any() else "")
            + "“—”表示该文件的“三公”经费表没有这一项（文字说明中另有所述的，"
            "见该文件的“三公”经费页），“原表空白”表示原表印了这一格但没有填数（都不是 0）。"
        )
        if disputed := library.cached(disputed_note, documents, THREE_PUBLIC_FIGURE):
            st.caption(plain(disputed))
        ui.downloads(table, f"{department_key}_three_public", key=f"{key}-three-public-download")

    cross_document_checks(ids, key=f"{key}-cross", pairs=False)  # a year's pair is shown in its own section


def _flagged_rows(codes: pl.DataFrame) -> int:
    return codes.filter(pl.col("说明").is_not_null() & (pl.col("说明") != "")).height


def _class_sources(classes: pl.DataFrame, documents: pl.DataFrame) -> str:
    """Each document's function table: "label：title（scope）；…", escaped."""
    tables = (
        classes.select("doc_id", "table_title", "scope_zh")
        .unique()
        .join(documents.select("doc_id", "label"), on="doc_id")
    )
    return "；".join(
        plain(f"{r['label']}：{r['table_title']}（{r['scope_zh']}）") for r in tables.sort("label").to_dicts()
    )


def pair_grid(table: pl.DataFrame) -> pl.DataFrame:
    """The 预算/决算 pair as the grid shows it: each amount exact as text (a column would pad each to the most digits
    any row holds), — where a document does not print the figure (not None)."""
    amounts = {"budget_wan": exact_amount, "actual_wan": exact_amount, "difference_wan": signed_amount}
    return ui.with_dashes(table, amounts | {"rate_pct": rate})


def budget_and_final(documents: pl.DataFrame, year: int, budget_doc: str, final_doc: str, *, key: str) -> None:
    """One year's budget and its final accounts side by side: the headline figures, whether the two documents'
    scopes differ, and the checks between them (the 决算's 年初预算 against the 预算 document's own figure)."""
    names = column_labels(documents)
    st.header(f"{year} 年：预算与决算", anchor=False)
    st.caption(f"预算数来自{names[budget_doc]}，决算数来自{names[final_doc]}。")
    differences = lq.scope_differences(
        documents, library.classes((budget_doc, final_doc), "function"), budget_doc, final_doc
    )
    if differences:
        st.warning("两份文件的口径不同：" + "；".join(differences) + "。", icon=":material/warning:")
    table = library.cached(lq.pair_table, documents, budget_doc, final_doc)
    shown = library.cached(pair_grid, table)
    ui.table(
        shown,
        {
            "item": st.column_config.TextColumn("项目"),
            "budget_wan": ui.dash_column("预算数"),
            "actual_wan": ui.dash_column("决算数"),
            "difference_wan": ui.dash_column("决算数 − 预算数"),
            "rate_pct": st.column_config.TextColumn("决算数占预算数", alignment="right"),
        },
        name=f"{year} 年预算数与决算数",
        key=f"{key}-table",
        height=ui.fit_height(table.height, 260),
    )
    ui.downloads(table, f"{budget_doc}_{final_doc}", key=f"{key}-download")
    st.caption(
        "决算数占预算数 = 决算数 ÷ 预算文件的预算数（逐分计算）；决算文件自己所列的年初预算与完成率见它的“预算执行”页。"
    )
    pair_checks(budget_doc, final_doc, key=f"{key}-checks")


def cards_and_grid(
    found: pl.DataFrame,
    failures: pl.DataFrame,
    labels: dict[str, str],
    card: Callable[[dict, dict[str, str]], str],
    *,
    name: str,
    key: str,
    most_height: int,
) -> pl.DataFrame:
    """Checks between documents: a card for each disagreement, then every check in a grid whose figures are each
    exact. Returns the grid's rows before formatting (for downloads)."""
    for row in failures.to_dicts():
        with st.container(border=True):
            st.markdown(card(row, labels))
    table = library.cached(cross_table, found, labels)
    shown = library.cached(cross_grid, table)
    ui.wrapping_table(  # the later document's statement (对象) read whole
        shown, cross_columns(shown), name=name, key=f"{key}-table", most_height=most_height
    )
    return table


def pair_checks(budget_doc: str, final_doc: str, *, key: str) -> None:
    """The checks between a 预算 and its 决算 (both sides one of the two documents), disagreements as cards."""
    found = library.cross_checks((budget_doc, final_doc))
    if found is not None:
        found = found.filter(
            pl.col("expected_doc").is_in([budget_doc, final_doc]) & pl.col("actual_doc").is_in([budget_doc, final_doc])
        )
    if found is None or found.is_empty():
        st.caption("这两份文件之间还没有可以核对的数字。")
        return
    catalogue = library.catalogue()
    labels = {} if catalogue is None else dict(zip(catalogue["doc_id"], catalogue["label"], strict=True))
    failures = found.filter(pl.col("status") == "fail")
    st.markdown(f"**两份文件之间的核对**：不一致 {failures.height} 项，共 {found.height} 项。")
    cards_and_grid(found, failures, labels, pair_card_text, name="预算与决算之间的核对", key=key, most_height=360)


def _page(row: dict, side: str) -> str:
    return f"第 {row[side + '_page']} 页" if row[side + "_page"] is not None else "页码未知"


def pair_card_text(row: dict, labels: dict[str, str]) -> str:
    """A disagreement between a 预算 and its 决算: each side's figure, exact, with its document, page and label."""
    sides = []
    for side in ("expected", "actual"):
        document = labels.get(row[side + "_doc"], row[side + "_doc"])
        sides.append(
            f"{plain(row[side + '_label'] or '')}：**{exact_amount(row[side])} {row['unit']}**"
            f"（{plain(document)}，{_page(row, side)}）"
        )
    return "；".join(sides) + f"；相差 {signed_amount(row['difference'])} {row['unit']}。\n\n{plain(statement(row))}"


CROSS_AMOUNTS = ("所述上年数", "自己的数", "差额")
CROSS_PAGES = ("页码", "上一年页码")


# The two figures and their difference straight after what is compared, the documents and pages after them: on a
# phone (357 px of grid: 74 + 186 + the said figure) the later document's figure reads whole and its earlier
# document's starts at the edge, not pushed off by two documents' long names.
CROSS_COLUMNS = {
    "结果": st.column_config.TextColumn("结果", width=74),  # 无法核对 on one line
    "对象": st.column_config.TextColumn("对象", width=186),
    **{name: ui.dash_column(name, unit=None) for name in CROSS_AMOUNTS},  # each exact as text (cross_grid)
    "后一年文件": st.column_config.TextColumn("后一年文件"),
    "页码": st.column_config.NumberColumn("页码", format="%d"),
    "上一年文件": st.column_config.TextColumn("上一年文件"),
    "上一年页码": st.column_config.NumberColumn("上一年页码", format="%d"),
}


def cross_grid(table: pl.DataFrame) -> pl.DataFrame:
    """The cross-document checks as the grid shows them: each row's amounts as text, each exact (a grid column would
    give every row the most digits any row holds: 22.910 beside 16,497.864); "—" where a check could not be made (the
    earlier document does not state the figure) and where a page is not known."""
    pages = [c for c in CROSS_PAGES if c in table.columns and table[c].null_count()]
    amounts = dict(zip(CROSS_AMOUNTS, (exact_amount, exact_amount, signed_amount), strict=True))
    return ui.with_dashes(table, amounts).with_columns(pl.col(c).cast(pl.String).fill_null("—") for c in pages)


def cross_columns(shown: pl.DataFrame) -> dict:
    """CROSS_COLUMNS, a page column cross_grid made text ("—" where a page is not known) right-aligned as text."""
    return CROSS_COLUMNS | {c: ui.dash_column(c, unit=None) for c in CROSS_PAGES if shown.schema.get(c) == pl.String}


def cross_document_checks(doc_ids: tuple[str, ...], *, key: str = "cross", pairs: bool = True) -> None:
    """The checks across documents that involve these documents: disagreements as cards naming both documents
    and their pages, then every result as a table."""
    found = library.cross_checks(doc_ids)
    if found is None or found.is_empty():
        return
    catalogue = library.catalogue()
    labels = {} if catalogue is None else dict(zip(catalogue["doc_id"], catalogue["label"], strict=True))
    if catalogue is not None:  # a 预算 against a 决算: their own section (pair_checks), not a year-over-year check
        years = dict(zip(catalogue["doc_id"], catalogue["budget_year"], strict=True))
        stages = dict(zip(catalogue["doc_id"], catalogue["stage"], strict=True))
        final = [
            stages.get(a) == "决算" or stages.get(b) == "决算" or (b is not None and years.get(a) == years.get(b))
            for a, b in zip(found["expected_doc"], found["actual_doc"], strict=True)
        ]
        paired = found.filter(pl.Series(final) & pl.col("actual_doc").is_not_null())
        unpaired = found.filter(pl.Series(final) & pl.col("actual_doc").is_null())
        found = found.filter(~pl.Series(final))
        if pairs and paired.height:
            st.header("预算与决算之间的核对", anchor=False)
            for one, other in paired.select("expected_doc", "actual_doc").unique(maintain_order=True).rows():
                pair_checks(one, other, key=f"{key}-pair-{one}-{other}")
        for row in unpaired.to_dicts():
            st.caption(plain(unpaired_text(row, labels, years)))
        if found.is_empty():
            return
    failures = found.filter(pl.col("status") == "fail")
    st.header(f"与同一部门其他年度文件的核对（不一致 {failures.height} 项，共 {found.height} 项）", anchor=False)
    st.caption("后一年文件说到上一年的数字（本年数减去所述增减额，或“上年预算数”列），与上一年文件自己的数字比较。")
    table = cards_and_grid(
        found, failures, labels, card_text, name="与同一部门其他年度文件的核对", key=key, most_height=420
    )
    ui.downloads(table, "cross_document_checks", key=f"{key}-download")


def unpaired_text(row: dict, labels: dict[str, str], years: dict[str, int]) -> str:
    """A 决算's check against its year's 预算 that the library cannot make: which document, and why."""
    document = labels.get(row["expected_doc"], row["expected_doc"])
    year = years.get(row["expected_doc"])
    return (
        f"{document}所列的年初预算无法与预算文件核对：文件库中没有本部门 {year} 年的预算。"
        "导入后，这里会逐项比较决算所列的年初预算和预算文件自己的数。"
    )


def card_text(row: dict, labels: dict[str, str]) -> str:
    """A disagreement between two documents in plain words: both figures, exact, each with its document and page."""
    later = labels.get(row["expected_doc"], row["expected_doc"])
    earlier = labels.get(row["actual_doc"], row["actual_doc"])
    said, own = exact_amount(row["expected"]), exact_amount(row["actual"])
    return (
        f"**{plain(later)}**（{_page(row, 'expected')}）所说的上一年数字为 **{said} {row['unit']}**；"
        f"**{plain(earlier)}**（{_page(row, 'actual')}）自己的数字为 **{own} {row['unit']}**，"
        f"相差 {signed_amount(row['difference'])} {row['unit']}。\n\n{plain(statement(row))}"
    )


def statement(row: dict) -> str:
    """What the later document says, without its folder name (the document is named beside it)."""
    return row["instance"].removeprefix(f"{row['expected_doc']} ")


def cross_table(found: pl.DataFrame, labels: dict[str, str]) -> pl.DataFrame:
    return found.select(
        pl.col("status").replace_strict(STATUS_ZH, default=pl.col("status")).alias("结果"),
        pl.struct("instance", "expected_doc").map_elements(statement, return_dtype=pl.String).alias("对象"),
        pl.col("expected_doc").replace_strict(labels, default=pl.col("expected_doc")).alias("后一年文件"),
        pl.col("expected").alias("所述上年数"),
        pl.col("expected_page").alias("页码"),
        pl.col("actual_doc").replace_strict(labels, default=pl.col("actual_doc")).alias("上一年文件"),
        pl.col("actual").alias("自己的数"),
        pl.col("actual_page").alias("上一年页码"),
        pl.col("difference").alias("差额"),
    )
