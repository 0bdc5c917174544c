"""预算执行 (budget against actual) on a 决算: the rows the page draws and its chart. Frames in, frames and
figures out; no st. Every amount is the snapshot's (exact Decimal 万元); the rates are canonical_queries'.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from components.figures import PALETTE, _layout, as_text

SHORT_LABEL = 12  # characters of an item's name on the chart's axis (a phone); the table has it whole
CHART_ITEMS = 12  # the items with the largest gaps drawn; the table lists every one


def by_gap(rows: pl.DataFrame) -> pl.DataFrame:
    """The execution rows (canonical_queries.execution_by_code), largest gap first by size, either sign; rows
    without a gap (no budget stated, or no actual printed) last, in the document's order."""
    return (
        rows.with_row_index("order")
        .sort(pl.col("gap_wan").abs(), "order", descending=[True, False], nulls_last=True)
        .drop("order")
    )


def short_label(text: str | None) -> str:
    text = text or ""
    return text if len(text) <= SHORT_LABEL else text[: SHORT_LABEL - 1] + "…"


def execution_figure(rows: pl.DataFrame, *, label: str = "name", top: int = CHART_ITEMS) -> go.Figure:
    """Budget and actual side by side per item (the largest gaps first, at most `top`); an item without one of
    them is left out (a missing number is not drawn as 0)."""
    shown = rows.filter(pl.col("budget_wan").is_not_null(), pl.col("actual_wan").is_not_null()).head(top)
    names = [as_text(short_label(name)) for name in shown[label].to_list()]
    seen: dict[str, int] = {}
    axis = []
    for name in names:  # two items cut to the same text must not merge into one bar
        seen[name] = seen.get(name, 0) + 1
        axis.append(name if seen[name] == 1 else f"{name}（{seen[name]}）")
    figure = go.Figure()
    for column, series, color in (("budget_wan", "预算数", PALETTE[4]), ("actual_wan", "决算数", PALETTE[0])):
        values = shown[column].to_list()
        figure.add_trace(
            go.Bar(
                name=series,
                y=axis,
                x=[float(v) for v in values],
                orientation="h",
                marker={"color": color},
                customdata=[as_text(n) for n in shown[label].to_list()],
                hovertemplate=f"%{{customdata}}<br>{series} %{{x:,.2f}} 万元<extra></extra>",
            )
        )
    figure.update_layout(barmode="group", legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0})
    figure.update_yaxes(autorange="reversed", automargin=True)
    figure.update_xaxes(title_text="万元", gridcolor="#e5e8eb", rangemode="tozero")
    _layout(figure, 90 + 52 * max(shown.height, 1))
    figure.update_layout(margin={"t": 36, "l": 4, "r": 12, "b": 4})
    return figure


def printed_or_blank(printed: str | None, amount: object) -> str:
    """A cell as the reader should read it: its printed text, or 原表空白 (a blank cell is not 0)."""
    if amount is None:
        return "原表空白" if printed is not None else "未列出"
    return printed or ""
