"""Figure builders: frame in, plotly Figure out. No streamlit here, so each is tested on the Figure.

Amounts arrive as Decimal; they become floats only as plotly `values`, and the hover text shows
the exact amount formatted from the Decimal.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from itertools import accumulate

import plotly.graph_objects as go
import polars as pl

from budgetlens.classification import ROOT_ID
from budgetlens.formatting import chart_amount, exact_amount, pct, signed, wan
from budgetlens.years import years_in

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"]
FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
# Text on the charts (axis labels, legends, amounts beside a bar): Streamlit's chart theme draws it #808495, 3.7:1 on
# white, under the 4.5:1 WCAG 2.1 AA asks of text this small; #1f2933 is 14.7:1.
TEXT_COLOR = "#1f2933"
HIERARCHY_KINDS = {"treemap": "矩形树图", "sunburst": "旭日图", "icicle": "冰柱图"}


def as_text(text: str | None) -> str:
    """Document text for a chart, shown as written: plotly reads <b>, <a href>, <br> and entities in
    labels, ticks and hover text, so &, < and > become entities (which plotly shows as the characters)."""
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _layout(figure: go.Figure, height: int) -> go.Figure:
    figure.update_layout(
        height=height,
        margin={"t": 8, "l": 4, "r": 4, "b": 4},
        font={"family": FONT, "size": 14, "color": TEXT_COLOR},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        colorway=PALETTE,
        uniformtext={"minsize": 11, "mode": "hide"},
        hoverlabel={"font": {"family": FONT, "size": 14}},
    )
    # amounts on an axis read 5,000 and 10,000, not plotly's SI "5k" / "10k", which a Chinese reader does not use
    figure.update_xaxes(exponentformat="none", separatethousands=True)
    figure.update_yaxes(exponentformat="none", separatethousands=True)
    # the theme colours axis labels and titles and the legend itself: each set here, not only the figure's font
    dark = {"tickfont_color": TEXT_COLOR, "title_font_color": TEXT_COLOR}
    figure.update_xaxes(**dark)
    figure.update_yaxes(**dark)
    figure.update_layout(legend_font_color=TEXT_COLOR, legend_title_font_color=TEXT_COLOR)
    # text drawn on a coloured bar or block: plotly's own pick of black or white fell to 3.2–4.3:1 on some fills
    for trace in figure.data:
        fills = _fills(trace)
        if isinstance(fills, list):
            trace.update(insidetextfont_color=[text_on(fill) for fill in fills])
        elif fills is not None:
            trace.update(insidetextfont_color=text_on(fills))
    return figure


def _fills(trace: object) -> str | list[str] | None:
    """The colour(s) a trace's inside text is drawn on: a bar's marker colour, or a hierarchy chart's block colours."""
    marker = getattr(trace, "marker", None)
    if trace.type in ("treemap", "sunburst", "icicle"):
        return list(marker.colors) if marker is not None and marker.colors is not None else None
    if trace.type in ("bar", "waterfall") and marker is not None and marker.color is not None:
        return list(marker.color) if isinstance(marker.color, (list, tuple)) else marker.color
    return None


def _luminance(hex_color: str) -> float:
    """WCAG 2.1's relative luminance of a #rrggbb colour."""
    channels = [int(hex_color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def text_on(fill: str) -> str:
    """Black or white, whichever reads better on `fill`: every palette colour and its tints then reach 4.5:1."""
    if not fill.startswith("#") or len(fill) != 7:
        return TEXT_COLOR
    lightness = _luminance(fill)
    return "#ffffff" if 1.05 / (lightness + 0.05) > (lightness + 0.05) / 0.05 else "#000000"


def _tint(hex_color: str, amount: float) -> str:
    """Mix a colour with white: 0 keeps it, 1 is white."""
    red, green, blue = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(channel + (255 - channel) * amount) for channel in (red, green, blue)]
    return "#{:02x}{:02x}{:02x}".format(*mix)


def _class_colors(tree: pl.DataFrame) -> list[str]:
    """Each node takes the colour of its top-level class, lighter one step per level down,
    so a class reads as one block and the boxes nested in it stay distinguishable. The classes take the palette's
    colours largest first: with more classes than strong colours the last ones, grey among them, go to the smallest
    (万里街道 2024's 212 城乡社区支出, 76 % of the total, was the eighth class by code and drawn grey)."""
    top_of: dict[str, str] = {}
    colors = []
    classes = tree.filter(pl.col("parent") == ROOT_ID).sort(["amount_wan", "id"], descending=[True, False])
    palette_index = {class_id: index for index, class_id in enumerate(classes["id"])}
    for row in tree.iter_rows(named=True):
        if row["id"] == ROOT_ID:
            colors.append("#f4f6f8")
            continue
        top = row["id"] if row["parent"] == ROOT_ID else top_of.get(row["parent"], row["id"])
        top_of[row["id"]] = top
        palette_index.setdefault(top, len(palette_index))
        base = PALETTE[palette_index[top] % len(PALETTE)]
        colors.append(_tint(base, min(0.28 * (row["level"] - 1), 0.6)))
    return colors


BLOCK_LINE = 5  # characters of a name per line inside a treemap block (a narrow block still holds its name)
NO_LINE_START = "。，、；：？！）》」』”’"  # punctuation a Chinese line never starts with (行首禁则)
NO_LINE_END = "（《「『“‘"  # nor ends with (行尾禁则)


def block_label(code: str | None, name: str) -> str:
    """A block's text: its code on the first line, its name wrapped BLOCK_LINE characters a line (208<br>社会保障和
    <br>就业支出): on one line a long name made the block's text wider than the block and plotly hid it. A comma or
    a closing bracket stays at the end of its line (公诉、审判、<br>侦查、执行), never starting the next; an opening
    one goes down to the next line with what it opens."""
    pieces = []
    rest = name
    while rest:
        cut = BLOCK_LINE
        while cut < len(rest) and rest[cut] in NO_LINE_START:
            cut += 1
        while 1 < cut < len(rest) and rest[cut - 1] in NO_LINE_END:
            cut -= 1  # an opening bracket goes down with what it opens
        pieces.append(rest[:cut])
        rest = rest[cut:]
    return "<br>".join([code, *(pieces or [""])] if code else pieces or [""])


def hierarchy_figure(
    tree: pl.DataFrame, *, kind: str = "treemap", root: str = ROOT_ID, measure_label: str = "合计", height: int = 520
) -> go.Figure:
    """Treemap, sunburst or icicle of a `classification.code_tree` frame; `root` opens the chart at that node."""
    rows = tree.to_dicts()
    notes = [
        f"面积按下级之和 {exact_amount(r['amount_wan'])} 万元画出，与表中列示不一致 ⚠"
        if r["shown_wan"] != r["amount_wan"]
        else ""
        for r in rows
    ]
    customdata = [
        [
            r["code"] or "—",
            as_text(r["name"]),
            wan(r["shown_wan"]),
            pct(r["share_of_parent_pct"]),
            pct(r["share_of_total_pct"]),
            note,
            block_label(r["code"], as_text(r["name"])),
        ]
        for r, note in zip(rows, notes, strict=True)
    ]
    common = {
        "ids": [r["id"] for r in rows],
        "parents": [r["parent"] for r in rows],
        "labels": [as_text(r["label"]) for r in rows],
        "values": [float(r["amount_wan"]) for r in rows],
        "branchvalues": "total",
        "customdata": customdata,
        "marker": {"colors": _class_colors(tree), "line": {"color": "#ffffff", "width": 1.5}},
        "hovertemplate": (
            f"<b>%{{customdata[1]}}</b><br>科目编码：%{{customdata[0]}}<br>{measure_label}：%{{customdata[2]}}"
            "<br>占上级：%{customdata[3]}<br>占全部：%{customdata[4]}<br>%{customdata[5]}<extra></extra>"
        ),
        "texttemplate": "%{customdata[6]}<br>%{customdata[2]}",
        "level": root,
    }
    if kind == "sunburst":
        trace = go.Sunburst(**common, insidetextorientation="horizontal", maxdepth=3)
    elif kind == "icicle":
        trace = go.Icicle(**common, tiling={"orientation": "h"}, maxdepth=3)
    else:
        trace = go.Treemap(
            **common,
            tiling={"pad": 3},
            pathbar={"visible": True, "thickness": 24, "textfont": {"size": 14}},
            textfont={"size": 14},
            maxdepth=-1,
        )
    figure = _layout(go.Figure(trace), height)
    # Every block's text shrinks alike down to 9 px before one is hidden: at 11 px a narrow class's header (208
    # 社会保障和就业支出 on 检察院 2018, a block an eighth of the chart wide) was hidden, its block unnamed.
    return figure.update_layout(uniformtext={"minsize": 9, "mode": "hide"})


def share_bar_figure(classes: pl.DataFrame, *, value: str = "total_wan", height: int = 320) -> go.Figure:
    """Horizontal bars of the function classes, largest on top, labelled with amount and share."""
    rows = classes.sort(value).to_dicts()
    figure = go.Figure(
        go.Bar(
            x=[float(r[value]) for r in rows],
            y=[as_text(r["name"]) for r in rows],
            orientation="h",
            marker={"color": PALETTE[0]},
            text=[f"{chart_amount(r[value])} 万元 · {pct(r['share_pct'])}" for r in rows],
            textposition="auto",
            customdata=[[r["code"], wan(r[value]), pct(r["share_pct"])] for r in rows],
            hovertemplate="<b>%{y}</b>（%{customdata[0]}）<br>%{customdata[1]}<br>占全部：%{customdata[2]}<extra></extra>",
            cliponaxis=False,
        )
    )
    figure.update_xaxes(title_text="万元", showgrid=True, gridcolor="#e5e8eb", zeroline=False)
    figure.update_yaxes(automargin=True)
    return _layout(figure, height)


def split_figure(parts: Sequence[tuple[str, float, str]], *, height: int | None = None) -> go.Figure:
    """One stacked horizontal bar: (label, value, formatted text) parts, e.g. 基本支出 vs 项目支出, each named in a
    legend above it too: a part too narrow for its words inside (项目 19.52%) was told by its colour alone."""
    figure = go.Figure()
    for index, (label, value, text) in enumerate(parts):
        figure.add_trace(
            go.Bar(
                x=[value],
                y=[""],
                name=f"{label} {text}",
                orientation="h",
                marker={"color": PALETTE[index % len(PALETTE)]},
                text=[f"{label} {text}"],
                textposition="inside",
                textangle=0,  # never turned on end to fit a narrow part: the legend names it
                insidetextanchor="middle",
                hovertemplate=f"{label}：{text}<extra></extra>",
            )
        )
    figure.update_layout(barmode="stack")
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    # tall enough for a legend of one part a row (a narrow column wraps it so), which otherwise scrolls
    figure = _layout(figure, height or 90 + 28 * len(parts))
    legend = {"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "traceorder": "normal"}  # in the bar's order
    return figure.update_layout(showlegend=True, legend=legend)


YEAR_COLORS = ("#56B4E9", "#E69F00", "#0072B2")  # 前年, 上年, 当年


def composition_figure(frame: pl.DataFrame, *, height: int = 360) -> go.Figure:
    """Grouped bars: each expenditure category (人员类/运转类/特定目标类) in the document's three years."""
    rows = frame.filter(pl.col("section") == "expenditure", ~pl.col("is_total")).to_dicts()
    figure = go.Figure()
    for year, color in zip(years_in(frame.columns), YEAR_COLORS, strict=True):
        figure.add_trace(
            go.Bar(
                name=f"{year} 年",
                x=[as_text(r["item"]) for r in rows],
                y=[float(r[f"amount_{year}_wan"]) for r in rows],
                marker={"color": color},
                customdata=[wan(r[f"amount_{year}_wan"]) for r in rows],
                hovertemplate=f"%{{x}} · {year} 年<br>%{{customdata}}<extra></extra>",
            )
        )
    # Legend above the bars: below them it collides with the category labels that a phone tilts.
    figure.update_layout(barmode="group", legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0})
    figure.update_yaxes(title_text="万元", gridcolor="#e5e8eb")
    return _layout(figure, height)


LINE_GREY = "#7b8794"  # 3.6:1 on white: a line a reader must tell apart from the background (WCAG 1.4.11)
CROWDED = 0.04  # ends closer than this share of the log axis's span print one label ("8–10"), not three on one spot


def _end_labels(ends: list[tuple[str, float] | None]) -> list[str]:
    """The label printed at each line's end: its number (1-based, in the given order), or, for ends that would sit on
    one another (the same year, amounts within CROWDED of the axis), one label for the group on its first line."""
    drawn = [end[1] for end in ends if end is not None]
    if not drawn:
        return [""] * len(ends)
    span = max(math.log10(max(drawn)) - math.log10(min(drawn)), 1.0)
    labels = [""] * len(ends)
    groups: list[list[int]] = []
    order = sorted((i for i, end in enumerate(ends) if end is not None), key=lambda i: (ends[i][0], -ends[i][1]))
    for index in order:
        first = groups[-1][0] if groups else None
        if (
            first is not None
            and ends[first][0] == ends[index][0]
            and math.log10(ends[first][1]) - math.log10(ends[index][1]) < CROWDED * span
        ):
            groups[-1].append(index)
        else:
            groups.append([index])
    for group in groups:
        numbers = sorted(i + 1 for i in group)
        consecutive = numbers == list(range(numbers[0], numbers[-1] + 1))
        text = f"{numbers[0]}–{numbers[-1]}" if len(numbers) > 2 and consecutive else "、".join(map(str, numbers))
        labels[min(group)] = text
    return labels


def slope_figure(history: pl.DataFrame, *, highlight: str | None = None, height: int | None = None) -> go.Figure:
    """One line per project with prior-year amounts, 前年 → 上年 → 当年 on a log scale (amounts
    run from 0.3 to 23,000 万元; 0 cannot be drawn on it). A new project is a single point at the budget year, marked
    新增.

    Lines are numbered from the largest budget-year amount down: the number is printed at each line's end and the
    legend under the chart reads "number name", so a reader tells the lines apart without hovering (a phone, a
    keyboard); a line with nothing to draw says so in its legend entry."""
    document = years_in(history.columns)
    figure = go.Figure()
    last = f"amount_{document.budget}_wan"
    rows = sorted(history.iter_rows(named=True), key=lambda row: -(row[last] or 0))
    drawn_years = [[y for y in document if (row[f"amount_{y}_wan"] or 0) > 0] for row in rows]
    ends = [
        (f"{years[-1]} 年", float(row[f"amount_{years[-1]}_wan"])) if years else None
        for row, years in zip(rows, drawn_years, strict=True)
    ]
    end_labels = _end_labels(ends)
    for number, (row, drawable, end_label) in enumerate(zip(rows, drawn_years, end_labels, strict=True), 1):
        years = [y for y in document if row[f"amount_{y}_wan"] is not None]
        chosen = row["project_key"] == highlight
        new = row["prior_years_status"] == "new_project"
        label = as_text(f"{row['project_name']}（新增）" if new else row["project_name"])
        wording = [
            "下达" if y != document.budget and row.get(f"budget_{y}_wording") == "下达" else "预算" for y in years
        ]
        figure.add_trace(
            go.Scatter(
                x=[f"{y} 年" for y in years],
                # 0 has no place on the log axis: a gap, not a line plunging to the axis's bottom edge
                y=[float(row[f"amount_{y}_wan"]) if y in drawable else None for y in years],
                mode="lines+markers+text" if len(years) > 1 else "markers+text",
                name=f"{number} {label}" + ("" if drawable else "（为 0，对数刻度上不画）"),
                text=[end_label if drawable and y == drawable[-1] else "" for y in years],
                textposition="middle right",
                textfont={"size": 13, "color": "#1f2933"},
                line={"width": 4 if chosen else 1.5, "color": PALETTE[0] if chosen else LINE_GREY},
                marker={
                    "size": 10 if chosen else 6,
                    "symbol": "star" if new else "circle",
                    "color": PALETTE[5] if new else (PALETTE[0] if chosen else LINE_GREY),
                },
                # the name goes in as data, not into the template, where "%{…}" in it would be read as a field
                customdata=[[wan(row[f"amount_{y}_wan"]), w, label] for y, w in zip(years, wording, strict=True)],
                hovertemplate="<b>%{customdata[2]}</b><br>%{x}：%{customdata[0]}（%{customdata[1]}）<extra></extra>",
                cliponaxis=False,
            )
        )
    ticks = [0.1, 1, 10, 100, 1000, 10000, 100000]
    figure.update_yaxes(
        type="log",
        title_text="万元（对数刻度）",
        gridcolor="#e5e8eb",
        tickvals=ticks,
        ticktext=[f"{t:,g}" for t in ticks],
    )
    figure.update_xaxes(categoryorder="array", categoryarray=[f"{y} 年" for y in document])
    # The legend under the plot, one entry a line on a phone: it pushes the plot up, so the figure grows with it.
    figure.update_layout(
        showlegend=True,
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": -0.08,
            "x": 0,
            "font": {"size": 13},
            "itemclick": False,
            "itemdoubleclick": False,
        },
    )
    _layout(figure, height or 380 + 24 * len(rows))
    # room right of the plot for the widest end label ("12–14", "6、7"): about 8 px a digit, 13 px a 、 at 13 px
    label_px = max((sum(13 if char == "、" else 8 for char in label) for label in end_labels), default=0)
    figure.update_layout(margin={"r": 12 + label_px})
    return figure


def waterfall_figure(
    lines: pl.DataFrame, *, start_label: str, start: Decimal, end_label: str, end: Decimal, height: int | None = None
) -> go.Figure:
    """From last year's total, each line's stated change, to this year's total (plotly sums the steps;
    `end` is the stated total, so a mismatch would show). Each amount is printed under its name on the axis, not
    beside its bar: beside the bar, a phone's narrow plot cut the amounts off at its right edge."""
    rows = lines.to_dicts()
    names = [start_label, *[as_text(r["item"]) for r in rows], end_label]
    # a stated 持平 is said so, not drawn as "0.00 万元"
    steps = ["持平" if r["change_wan"] == 0 else f"{signed(r['change_wan'])} 万元" for r in rows]
    amounts = [f"{chart_amount(start)} 万元", *steps, f"{chart_amount(end)} 万元"]
    figure = go.Figure(
        go.Waterfall(
            orientation="h",
            measure=["absolute", *["relative"] * len(rows), "total"],
            y=names,
            x=[float(start), *[float(r["change_wan"]) for r in rows], 0],
            text=amounts,
            textposition="none",
            increasing={"marker": {"color": PALETTE[2]}},
            decreasing={"marker": {"color": PALETTE[5]}},
            totals={"marker": {"color": PALETTE[0]}},
            connector={"line": {"color": "#9aa5b1", "width": 1}},
            hovertemplate="%{y}<br>%{text}<extra></extra>",
        )
    )
    highest = max(accumulate((float(r["change_wan"]) for r in rows), initial=float(start)))  # the running total's top
    figure.update_yaxes(
        autorange="reversed",
        automargin=True,
        tickvals=names,
        ticktext=[f"{name}<br>{amount}" for name, amount in zip(names, amounts, strict=True)],
    )
    figure.update_xaxes(title_text="万元", gridcolor="#e5e8eb", range=[0, (highest or 1.0) * 1.05])
    return _layout(figure, height or 90 + 46 * (len(rows) + 2))  # two lines of axis text a bar


def _bars(labels: list[str], values: list[float], texts: list[str], *, unit: str, height: int, **bar) -> go.Figure:
    """Horizontal bars in the given order, top to bottom, each labelled with its formatted amount."""
    figure = go.Figure(
        go.Bar(
            x=values,
            y=[as_text(label) for label in labels],
            orientation="h",
            text=texts,
            cliponaxis=False,
            hovertemplate="%{y}<br>%{text}<extra></extra>",
            **bar,
        )
    )
    figure.update_yaxes(autorange="reversed", automargin=True)
    figure.update_xaxes(title_text=unit, gridcolor="#e5e8eb", range=[0, (max(values, default=0.0) or 1.0) * 1.45])
    return _layout(figure, height)


def amount_bars_figure(
    frame: pl.DataFrame, *, label: str, value: str, unit: str = "万元", short: bool = False
) -> go.Figure:
    """Horizontal bars of exact amounts in document order, labelled with the formatted amount; `short` cuts the
    names to SHORT_LABEL characters (a phone's axis; the table beside the chart has them whole)."""
    rows = frame.to_dicts()
    return _bars(
        [short_label(r[label]) if short else r[label] for r in rows],
        [float(r[value]) for r in rows],
        [f"{chart_amount(r[value])} {unit}" for r in rows],
        unit=unit,
        height=60 + 34 * max(len(rows), 1),
        marker={"color": PALETTE[0]},
        textposition="auto",  # inside the bar where it fits (the longest bars on a phone), outside otherwise
    )


def printed_items_figure(items: pl.DataFrame, *, name: str = "name_zh", height: int = 300) -> go.Figure:
    """Horizontal bars of the printed parts in reading order (the table's own 合计 left to the text); a blank cell is
    left out, not drawn as 0; a part of a part is marked └."""
    rows = items.filter(pl.col("amount_wan").is_not_null(), pl.col("item") != "total").to_dicts()  # the parts
    return _bars(
        [("└ " if r.get("depth") else "") + r[name] for r in rows],
        [float(r["amount_wan"]) for r in rows],
        [f"{chart_amount(r['amount_wan'])} 万元" for r in rows],
        unit="万元",
        height=height,
        marker={"color": [PALETTE[0] if r["amount_wan"] else "#c9d1d9" for r in rows]},
        textposition="auto",  # inside the longest bars (on a phone "outside" ran past the chart's right edge)
    )


SHORT_LABEL = 12  # characters of an item's name on a chart's axis (a phone); the table has it whole
CHART_ITEMS = 12  # the execution items with the largest gaps drawn; the table lists every one


def distinct(labels: list[str]) -> list[str]:
    """Axis labels with a repeat numbered （2）, （3）…: two bars of one label would merge into one."""
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label}（{seen[label]}）")
    return unique


def short_label(text: str | None) -> str:
    text = text or ""
    return text if len(text) <= SHORT_LABEL else text[: SHORT_LABEL - 1] + "…"


def execution_figure(rows: pl.DataFrame, *, label: str = "name", top: int = CHART_ITEMS) -> go.Figure:
    """Budget and actual side by side per item (the largest gaps first, at most `top`); an item without one of
    them is left out (a missing number is not drawn as 0)."""
    shown = rows.filter(pl.col("budget_wan").is_not_null(), pl.col("actual_wan").is_not_null()).head(top)
    axis = distinct([as_text(short_label(name)) for name in shown[label].to_list()])  # two may cut to the same text
    figure = go.Figure()
    for column, series, color in (("budget_wan", "预算数", PALETTE[4]), ("actual_wan", "决算数", PALETTE[0])):
        figure.add_trace(
            go.Bar(
                name=series,
                y=axis,
                x=[float(v) for v in shown[column].to_list()],
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
