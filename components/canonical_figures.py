"""Figures of documents read from their PDFs (canonical model). Frames in, plotly figures out; no st."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from components.figures import PALETTE, _layout, as_text
from components.format import wan


def printed_items_figure(items: pl.DataFrame, *, name: str = "name_zh", height: int = 300) -> go.Figure:
    """Horizontal bars of the printed parts in reading order (the table's own 合计 left to the text); a blank cell is
    left out, not drawn as 0; a part of a part is marked └."""
    rows = items.filter(pl.col("amount_wan").is_not_null(), pl.col("item") != "total").to_dicts()  # the parts
    figure = go.Figure(
        go.Bar(
            x=[float(r["amount_wan"]) for r in rows],
            y=[as_text(("└ " if r.get("depth") else "") + r[name]) for r in rows],
            orientation="h",
            marker={"color": [PALETTE[0] if r["amount_wan"] else "#c9d1d9" for r in rows]},
            text=[wan(r["amount_wan"]) for r in rows],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}<br>%{text}<extra></extra>",
        )
    )
    figure.update_yaxes(autorange="reversed", automargin=True)
    highest = max((float(r["amount_wan"]) for r in rows), default=0.0) or 1.0
    figure.update_xaxes(title_text="万元", gridcolor="#e5e8eb", range=[0, highest * 1.45])
    return _layout(figure, height)
