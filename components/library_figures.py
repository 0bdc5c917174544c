"""Figures of the library pages: frames in, plotly figures out; no st. Amounts are drawn as floats (万元)
and labelled to 0.01 万元 (formatting.chart_amount; the tables beside them are exact); every bar names the
document it comes from."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from budgetlens.formatting import chart_amount
from components.figures import PALETTE, _layout, as_text, distinct

KIND_COLORS = {"部门预算": PALETTE[0], "单位预算": PALETTE[1], "部门决算": PALETTE[2], "单位决算": PALETTE[3]}
# mix_figure's 类, one colour each: PALETTE ran out after 8 (万里街道's 201 and 221 both blue) and three of its colours
# are under the 3:1 WCAG 1.4.11 asks of a bar against white (#E69F00 2.3, #56B4E9 2.3, #F0E442 1.3). Each of these is
# 3:1 or more (#CC79A7 3.1 the least), neighbours differ in hue and lightness; past 12 the colours come again hatched.
MIX_COLORS = [
    "#0072B2", "#D55E00", "#009E73", "#6A3D9A", "#9C6B00", "#CC79A7",
    "#01665E", "#B2182B", "#555555", "#C51B7D", "#827717", "#3949AB",
]  # fmt: skip
MIX_PATTERNS = ["", "/", ".", "x", "\\", "+"]


# Legends sit above the plot, in the order the traces are drawn: under it, at a fixed share of the plot's height, a
# legend ran into the axis title on a phone (部门对比 at 390 px: 项目支出 万元 基本支出) and a stacked bar's legend read
# from the top trace down (项目支出 before 基本支出).
LEGEND_ABOVE = {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "traceorder": "normal"}


def axis_labels(labels: list[str], most: int = 9) -> list[str]:
    """Document labels for an axis, whole: a long department name wrapped `most` characters a line (cut, the front
    was lost: …术和经济信息化局), the year and kind on the last line; two alike get a number, so no two bars merge."""
    short = []
    mixed = any("决算" in label for label in labels)  # beside a 决算, a bare year would not say it is a 预算
    for label in labels:
        department, _, rest = label.partition(" · ")
        lines = [department[i : i + most] for i in range(0, len(department), most)] or [""]
        if not mixed:  # the usual kind goes without saying; 单位预算 is kept, and coloured
            rest = rest.removesuffix("部门预算")
        short.append("<br>".join(as_text(line) for line in (*lines, rest) if line))
    return distinct(short)


def bar_height(labels: list[str], least: int) -> int:
    """Pixels a bar's row needs: its label's lines (axis_labels) at 16 px a line, at least `least`."""
    lines = max((label.count("<br>") + 1 for label in labels), default=1)
    return max(least, 16 * lines + 8)


def _float(value) -> float | None:
    return None if value is None else float(value)


def totals_figure(rows: pl.DataFrame, top: int = 20) -> go.Figure:
    """Each document's total, largest first (the first `top`), coloured by kind (部门预算 / 单位预算)."""
    shown = rows.filter(pl.col("total_wan").is_not_null()).head(top)
    axes = dict(zip(shown["label"], axis_labels(shown["label"].to_list()), strict=True))
    figure = go.Figure()
    for kind in shown["kind"].unique(maintain_order=True).to_list():
        part = shown.filter(pl.col("kind") == kind)
        figure.add_trace(
            go.Bar(
                name=kind,
                x=[_float(v) for v in part["total_wan"]],
                y=[axes[label] for label in part["label"]],
                customdata=[as_text(label) for label in part["label"]],
                orientation="h",
                marker={"color": KIND_COLORS.get(kind, PALETTE[2])},
                text=[chart_amount(v) for v in part["total_wan"]],
                textposition="auto",
                hovertemplate="%{customdata}<br>支出合计 %{text} 万元<extra></extra>",
            )
        )
    order = list(axes.values())
    figure.update_yaxes(categoryorder="array", categoryarray=order, autorange="reversed", automargin=True)
    figure.update_xaxes(title_text="万元", gridcolor="#e5e8eb")
    figure.update_layout(legend=LEGEND_ABOVE | {"title": {"text": "类型"}})
    return _layout(figure, 120 + bar_height(order, 28) * max(shown.height, 1))


def basic_project_figure(rows: pl.DataFrame) -> go.Figure:
    """基本支出 and 项目支出 of each document, stacked (a document that prints neither has no bar)."""
    figure = go.Figure()
    labels = axis_labels(rows["label"].to_list())
    for column, name, color in (("basic_wan", "基本支出", PALETTE[0]), ("project_wan", "项目支出", PALETTE[1])):
        figure.add_trace(
            go.Bar(
                name=name,
                y=labels,
                x=[_float(v) for v in rows[column]],
                orientation="h",
                marker={"color": color},
                text=[chart_amount(v) if v is not None else "" for v in rows[column]],
                textposition="inside",
                textangle=0,  # plotly turned a label on its side in a narrow segment (部门对比 at 390 px: 5,533.00)
                customdata=[as_text(label) for label in rows["label"]],
                hovertemplate=f"%{{customdata}}<br>{name} %{{text}} 万元<extra></extra>",
            )
        )
    # a label too long for its segment is left out rather than shrunk past reading; the table under the chart has it
    figure.update_layout(barmode="stack", legend=LEGEND_ABOVE, uniformtext={"minsize": 11, "mode": "hide"})
    figure.update_yaxes(autorange="reversed", automargin=True)
    figure.update_xaxes(title_text="万元", gridcolor="#e5e8eb")
    return _layout(figure, 130 + bar_height(labels, 34) * max(rows.height, 1))


def amount_bars_figure(rows: pl.DataFrame, column: str, name: str) -> go.Figure:
    """One amount per document (三公 total), a document that does not print it left out."""
    shown = rows.filter(pl.col(column).is_not_null())
    labels = axis_labels(shown["label"].to_list())
    figure = go.Figure(
        go.Bar(
            y=labels,
            x=[_float(v) for v in shown[column]],
            orientation="h",
            marker={"color": PALETTE[2]},
            text=[chart_amount(v) for v in shown[column]],
            textposition="outside",
            cliponaxis=False,
            customdata=[as_text(label) for label in shown["label"]],
            hovertemplate=f"%{{customdata}}<br>{name} %{{text}} 万元<extra></extra>",
        )
    )
    highest = max((float(v) for v in shown[column]), default=0.0) or 1.0
    figure.update_yaxes(autorange="reversed", automargin=True)
    figure.update_xaxes(title_text="万元", gridcolor="#e5e8eb", range=[0, highest * 1.35])
    return _layout(figure, 90 + bar_height(labels, 34) * max(shown.height, 1))


def mix_figure(classes: pl.DataFrame, labels: dict[str, str]) -> go.Figure:
    """Each document's 类 as shares of its own 类 sum (100% bars): one trace per 类, named as printed."""
    figure = go.Figure()
    order = list(dict.fromkeys(classes["doc_id"].to_list()))
    y = axis_labels([labels.get(doc, doc) for doc in order])
    keys = classes.select("code", "name").unique(maintain_order=True).sort("code").to_dicts()
    for index, key in enumerate(keys):
        part = classes.filter((pl.col("code") == key["code"]) & (pl.col("name") == key["name"]))
        by_doc = {r["doc_id"]: r for r in part.to_dicts()}
        figure.add_trace(
            go.Bar(
                name=as_text(f"{key['code']} {key['name']}"),
                y=y,
                x=[_float(by_doc[doc]["share_pct"]) if doc in by_doc else None for doc in order],
                orientation="h",
                marker=mix_marker(index),
                text=[chart_amount(by_doc[doc]["amount_wan"]) if doc in by_doc else "" for doc in order],
                hovertemplate="%{fullData.name}<br>%{x:.2f}%（%{text} 万元）<extra></extra>",
                textposition="none",
            )
        )
    figure.update_layout(barmode="stack", legend=LEGEND_ABOVE | {"font": {"size": 12}})
    figure.update_yaxes(autorange="reversed", automargin=True)
    # shares read against the whole: the axis names 100% (plotly dropped its own 100% label at the plot's edge, so the
    # axis stopped at 80%, at 390 px at 50%), room on the right for that label
    ticks = [0, 25, 50, 75, 100]  # an array of ticks takes no ticksuffix: each tick's text says its %
    figure.update_xaxes(range=[0, 100], tickvals=ticks, ticktext=[f"{tick}%" for tick in ticks], gridcolor="#e5e8eb")
    _layout(figure, 160 + bar_height(y, 40) * max(len(order), 1) + 22 * len(keys))
    figure.update_layout(margin={"r": 24})
    return figure


def mix_marker(index: int) -> dict:
    """The `index`th 类's bar: its own colour, hatched past the 12 colours, a white edge between stacked segments."""
    pattern = MIX_PATTERNS[index // len(MIX_COLORS) % len(MIX_PATTERNS)]
    marker = {"color": MIX_COLORS[index % len(MIX_COLORS)], "line": {"color": "#ffffff", "width": 1}}
    return marker | ({"pattern": {"shape": pattern, "fgcolor": "#ffffff", "solidity": 0.3}} if pattern else {})


def over_documents_figure(rows: pl.DataFrame, series: list[tuple[str, str]]) -> go.Figure:
    """Amounts over one department's documents (x: each document, oldest first), one line per series
    (column, name); a figure the document does not print is a gap, not a zero."""
    x = [as_text(f"{year}年{kind}") for year, kind in zip(rows["budget_year"], rows["kind"], strict=True)]
    # the end points sit on the plot's edges: their labels lean inward (centred, a phone cut 21,955.35 to 21,955.)
    positions = ["top center"] * len(x)
    if len(x) > 1:
        positions[0], positions[-1] = "top right", "top left"
    figure = go.Figure()
    for index, (column, name) in enumerate(series):
        values = rows[column]
        figure.add_trace(
            go.Scatter(
                name=as_text(name),
                x=x,
                y=[_float(v) for v in values],
                mode="lines+markers+text",
                line={"color": PALETTE[index % len(PALETTE)]},
                text=[chart_amount(v) if v is not None else "" for v in values],
                textposition=positions,
                cliponaxis=False,
                customdata=[as_text(label) for label in rows["label"]],
                hovertemplate=f"{as_text(name)}：%{{text}} 万元<br>来自 %{{customdata}}<extra></extra>",
                connectgaps=False,
            )
        )
    figure.update_xaxes(type="category")
    figure.update_yaxes(title_text="万元", gridcolor="#e5e8eb", rangemode="tozero")
    _layout(figure, 360)
    figure.update_layout(legend=LEGEND_ABOVE, margin={"t": 30, "r": 48, "l": 48})
    return figure
