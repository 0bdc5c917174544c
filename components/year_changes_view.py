"""年度对比's grid frames and sentences for the changes a narrative states (budgetlens.year_changes), the same for every
document. Pure functions; no streamlit calls."""

from __future__ import annotations

import polars as pl

from components.format import signed
from components.ui import with_dashes

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


def stated_rows(stated: pl.DataFrame) -> pl.DataFrame:
    """The stated changes for the grid: what, the year compared with, 上年 (derived), the amount, the change, where."""
    places = [where(p, s) for p, s in zip(stated["page"].to_list(), stated["source_lines"].to_list(), strict=True)]
    return with_dashes(
        stated.select("name", "compared_year", "previous_wan", "amount_wan", "change_wan", "statement").with_columns(
            pl.Series("where", places, dtype=pl.String)
        ),
        {"change_wan": signed},
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
