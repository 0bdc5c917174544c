"""年度对比's grid frames and sentences for the changes a narrative states (budgetlens.year_changes), the same for every
document. Pure functions; no streamlit calls."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import polars as pl

from budgetlens.formatting import MINUS, exact_amount, signed, signed_amount, signed_pct, wan
from budgetlens.overview_queries import PRINTED_PERCENT
from budgetlens.years import years_in
from components.ui import plain, with_dashes

NOT_PRINTED = {  # a part of the page → what the document does not print when the part is not offered
    "composition": "多年的收支构成（部门总体资金情况）",
    "projects": "各项目的往年预算",
    "details": "与上年相比的增减说明",
    "indicators": "有多年数值的绩效指标",
}


def where(page: int | None, lines: list[int] | None) -> str:
    if page is not None:
        return f"第 {page} 页"
    if lines:
        return f"第 {'、'.join(map(str, sorted(set(lines))))} 行"
    return "—"


def library_words(row: dict, years: dict[str, int]) -> str:
    """What the library's earlier document prints for the figure: ⚠ and its own figure where it differs."""
    status, year = row["library_status"], years.get(row["library_doc"] or "")
    # the column is headed 本库上一年文件: the cell says which year's and what it prints, short enough for two lines
    document = f"{year} 年文件" if year else "上一年文件"
    if status == "fail":
        return f"⚠ {document}为 {exact_amount(row['library_wan'])} 万元（第 {row['library_page']} 页）"
    if status == "pass":
        return f"一致（{document}第 {row['library_page']} 页）"
    if status == "not_applicable":
        return f"{document}没有可对照的数"
    return "—"


def library_disagreements(lines: pl.DataFrame, years: tuple[tuple[str, int], ...]) -> str:
    """The ⚠ rows of the grid in a sentence, both figures and where each is printed, so that a reader on a phone need
    not scroll to the library's column; empty where the library's earlier document agrees or is not there."""
    if "library_status" not in lines.columns:
        return ""
    of_year = dict(years)
    said = []
    for row in lines.filter(pl.col("library_status") == "fail").iter_rows(named=True):
        year = of_year.get(row["library_doc"] or "")
        document = f"本库 {year} 年文件" if year else "本库上一年文件"
        said.append(
            f"{plain(row['name'])}：由本文件所述增减推算的 {row['compared_year']} 年数为 {wan(row['previous_wan'])}，"
            f"{document}自己的数为 {wan(row['library_wan'])}（第 {row['library_page']} 页）"
        )
    return f"标 ⚠ 的项与本库上一年文件不一致，两者照原文列出。{'；'.join(said)}。" if said else ""


def stated_rows(
    stated: pl.DataFrame, years: tuple[tuple[str, int], ...], disputed: tuple[bool, ...] = ()
) -> pl.DataFrame:
    """The stated changes for the grid: what, the year compared with, 上年 (derived), the amount, the change, where,
    and what the library's earlier document of the department prints for it (`years`: (doc_id, its year) pairs).
    A figure the document contradicts elsewhere (`disputed`, one per row: a failing check holds it) is named with ⚠,
    and no 上年 is derived from it (—), as 概览 says."""
    places = [where(p, s) for p, s in zip(stated["page"].to_list(), stated["source_lines"].to_list(), strict=True)]
    library = [library_words(row, dict(years)) for row in stated.iter_rows(named=True)]
    flags = disputed or (False,) * stated.height
    # ⚠ where the row starts, also where the library's document differs: its column is far right on a phone
    marks = marked(stated, disputed)
    names = [f"{name} ⚠" if mark else name for name, mark in zip(stated["name"].to_list(), marks, strict=True)]
    previous = [None if flag else value for value, flag in zip(stated["previous_wan"], flags, strict=True)]
    dashed: dict[str, Callable[[Decimal], str]] = {"change_wan": signed}
    if any(flags):  # an empty number would read "None" in the grid: the column is text, "—" where none is derived
        dashed["previous_wan"] = exact_amount
    return with_dashes(
        stated.select("compared_year", "amount_wan", "change_wan", "statement").with_columns(
            pl.Series("name", names, dtype=pl.String),
            pl.Series("previous_wan", previous, dtype=stated.schema["previous_wan"]),
            pl.Series("where", places, dtype=pl.String),
            pl.Series("library", library, dtype=pl.String),
        ),
        dashed,
    ).select(
        "name",
        "compared_year",
        "previous_wan",
        "amount_wan",
        "change_wan",
        "statement",
        "where",
        *(("library",) if any(said != "—" for said in library) else ()),  # none to compare: no column of dashes
    )


def stated_download(stated: pl.DataFrame, disputed: tuple[bool, ...]) -> pl.DataFrame:
    """The stated changes as downloaded: the stored rows, and `check_failed` where the grid marks ⚠ (a figure the
    document contradicts elsewhere, or one the library's earlier document prints otherwise)."""
    return stated.with_columns(pl.Series("check_failed", marked(stated, disputed), dtype=pl.Boolean))


def marked(stated: pl.DataFrame, disputed: tuple[bool, ...]) -> list[bool]:
    """Per stated change, whether the grid marks it ⚠: the document contradicts its figure elsewhere (`disputed`), or
    the library's earlier document prints it otherwise."""
    flags = disputed or (False,) * stated.height
    differs = [row.get("library_status") == "fail" for row in stated.iter_rows(named=True)]
    return [flag or other for flag, other in zip(flags, differs, strict=True)]


def undisputed(stated: pl.DataFrame, disputed: tuple[bool, ...]) -> pl.DataFrame:
    """The stated changes whose figure no failing check contradicts (`disputed`, one flag per row)."""
    if not any(disputed):
        return stated
    return stated.filter(pl.Series([not flag for flag in disputed], dtype=pl.Boolean))


def executed_rows(executed: pl.DataFrame) -> pl.DataFrame:
    """The items stated against the year before's 预算执行数 for the grid (year_changes.executed_changes): the item's
    项 name (its 类／款 in `parents`), that execution, this year's amount, the change, the rate as the document prints
    it and ours from the same amounts (— where the execution was 0), and where."""
    places = [where(p, s) for p, s in zip(executed["page"].to_list(), executed["source_lines"].to_list(), strict=True)]
    return with_dashes(
        executed.select(
            "name",  # the 项 first (a phone shows it whole), its 类／款 after the figures
            pl.col("names").list.head(2).list.join("／").alias("parents"),
            "executed_wan",
            "amount_wan",
            "change_wan",
            "rate_printed",
            "rate_pct",
        ).with_columns(pl.Series("where", places, dtype=pl.String)),
        {"change_wan": signed_amount, "rate_pct": signed_pct},
    )


def executed_sentence(executed: pl.DataFrame, year: int) -> str:
    """How many items the narrative states against the year before's 预算执行数, which way, and the largest change."""
    up = executed.filter(pl.col("change_wan") > 0).height
    down = executed.filter(pl.col("change_wan") < 0).height
    level = executed.height - up - down
    top = executed.row(0, named=True)
    return (
        f"文字说明逐项写出 {executed.height} 个科目 {year} 年预算比 {year - 1} 年预算执行数的增减"
        f"（比的是执行数，不是 {year - 1} 年预算）：增加的 {up} 项、减少的 {down} 项、持平的 {level} 项；"
        f"增减额最大的是“{plain(top['name'])}”（{year - 1} 年执行数 {exact_amount(top['executed_wan'])} 万元 → "
        f"{year} 年 {exact_amount(top['amount_wan'])} 万元，{signed_amount(top['change_wan'])} 万元，"
        f"文件写{plain(top['rate_printed'])}）。"
    )


def waterfall_note(steps: pl.DataFrame) -> str:
    """What the waterfall's steps rest on: each part's change as stated, and a remainder the narrative leaves unsaid."""
    unstated = steps.filter(~pl.col("stated"))
    if unstated.is_empty():
        return "每一步是文字说明中该项的增减；上年数由本年数减去所述增减额得出（推算）。"
    return (
        "每一步是文字说明中该项的增减；“其余”是合计的增减减去各项所述增减之和，文件没有分项说明。"
        "上年数由本年数减去所述增减额得出（推算）。"
    )


VERDICTS = {"pass": "一致", "fail": "不一致", "not_applicable": "无法核对"}


def stated_text(value: Decimal | None, label: str | None, unit: str | None) -> str:
    """What the narrative states, as it printed it: a rate with its printed digits (说明：降幅9.1% → −9.1%, never
    −9.10%), an amount with every digit (signed_amount)."""
    if value is None:
        return "—"
    said = PRINTED_PERCENT.search(label or "") if unit == "%" else None
    if said is None:
        return f"{signed(value)}%" if unit == "%" else f"{signed_amount(value)} 万元"
    return ("+" if value > 0 else (MINUS if value < 0 else "")) + f"{said[1]}%"


def narrative_markdown(comparisons: pl.DataFrame) -> str:
    """The narrative's year-on-year statements beside the tables' figures, one list item each (escaped): the
    statement's figure as printed (stated_text), ours two places for a rate, every digit for an amount."""
    items = []
    for row in comparisons.iter_rows(named=True):
        rate = row["unit"] == "%"
        stated = stated_text(row["actual"], row["actual_label"], row["unit"])
        computed = (
            (f"{signed(row['expected'])}%" if rate else f"{signed_amount(row['expected'])} 万元")
            if row["expected"] is not None
            else (row["note"] or "—")
        )
        items.append(
            f"- **{VERDICTS[row['status']]}** · {plain(row['instance'])}：文字说明 {plain(stated)}；"
            f"{plain(row['expected_label'])}：{plain(computed)}"
        )
    return "\n".join(items)


# --- composition, projects, a project's stated line changes, indicator trends ---

PRIOR_YEARS = {"stated": "", "new_project": "新增项目", "not_stated": "往年未列明"}


def composition_rows(composition: pl.DataFrame) -> pl.DataFrame:
    section = pl.when(pl.col("section") == "income").then(pl.lit("收入")).otherwise(pl.lit("支出"))
    return with_dashes(composition.with_columns(section.alias("section")), {"change_pct": signed_pct})


def project_rows(history: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(for the grid, for downloads): projects by change, largest cut first; the grid's earlier years
    and changes as text with "—" where the document gives none, the download's exact."""
    document = years_in(history.columns)
    exact = history.sort("change_wan", nulls_last=True).with_columns(
        pl.col("prior_years_status").replace_strict(PRIOR_YEARS, return_dtype=pl.String)
    )
    allocated = [
        [year for year in document.earlier if row[document.wording_column(year)] == "下达"]
        for row in exact.select(map(document.wording_column, document.earlier)).iter_rows(named=True)
    ]
    wording = ["、".join(years) + " 年为“下达”数" if years else "" for years in allocated]
    shown = with_dashes(
        exact.with_columns(pl.Series("wording", wording, dtype=pl.String)),
        {
            **{document.amount_column(year): exact_amount for year in document.earlier},
            "change_wan": signed_amount,
            "change_pct": signed_pct,
        },
    )
    return shown, exact


def change_summary(history: pl.DataFrame) -> dict[str, int]:
    """How many projects rose, fell, stayed level, or are new (no earlier amount) between the pair's years."""
    change = pl.col("change_wan")
    return {
        "up": history.filter(change > 0).height,
        "down": history.filter(change < 0).height,
        "level": history.filter(change == 0).height,
        "new": history.filter(pl.col("prior_years_status") == "new_project").height,
        "unstated": history.filter(change.is_null() & (pl.col("prior_years_status") != "new_project")).height,
    }


def line_rows(lines: pl.DataFrame) -> pl.DataFrame:
    budget = years_in(lines.columns).budget
    note = pl.when(pl.col(f"in_{budget}")).then(pl.lit("")).otherwise(pl.lit(f"{budget} 年已无此项"))
    return lines.with_columns(note.alias("note"))


def trend_rows(trends: pl.DataFrame, chosen: tuple[str, ...]) -> pl.DataFrame:
    if chosen:
        trends = trends.filter(pl.col("trend").is_in(list(chosen)))
    return trends.with_columns(pl.col("project_name").fill_null("部门整体"))
