"""Figure builders, tested on the Figure they return."""

from __future__ import annotations

import json
from decimal import Decimal as D

import polars as pl
import pytest

from budgetlens import canonical_queries, classification
from budgetlens import overview_queries as oq
from components import figures
from tests.coded_tables import coded_rows


def cents(value: float) -> D:
    return D(str(value)).quantize(D("0.01"))


@pytest.fixture(scope="module")
def function_tree(snapshot):
    return classification.code_tree(coded_rows(snapshot), "total_wan", "全部支出")


@pytest.mark.parametrize("kind", ["treemap", "sunburst", "icicle"])
def test_hierarchy_adds_up(function_tree, kind):
    trace = figures.hierarchy_figure(function_tree, kind=kind).data[0]
    values = dict(zip(trace.ids, trace.values, strict=True))
    parents = dict(zip(trace.ids, trace.parents, strict=True))
    children: dict[str, list[str]] = {}
    for node, parent in parents.items():
        if parent:
            children.setdefault(parent, []).append(node)
    leaves = [node for node in values if node not in children]
    assert len(leaves) == 15
    assert sum(cents(values[leaf]) for leaf in leaves) == D("21225.47")
    for parent, kids in children.items():
        assert cents(values[parent]) == sum(cents(values[kid]) for kid in kids), parent
    assert trace.branchvalues == "total"


def test_treemap_hover_shows_exact_amounts_and_the_documents_disagreement(function_tree):
    trace = figures.hierarchy_figure(function_tree, root="20601").data[0]
    assert trace.level == "20601"
    custom = dict(zip(trace.ids, trace.customdata, strict=True))
    assert list(custom["2060499"][:5]) == ["2060499", "其他技术与开发支出", "16,000.00 万元", "100.00%", "75.38%"]
    assert custom["20601"][2] == "1,035.12 万元"  # the row's printed figure, never the sum drawn
    assert custom["20601"][5] == "面积按下级之和 1,035.13 万元画出，与表中列示不一致 ⚠"
    assert custom["2060101"][5] == ""
    assert "%{customdata[2]}" in trace.hovertemplate and "占上级" in trace.hovertemplate


def test_colours_follow_the_top_class_and_lighten_with_depth(function_tree):
    trace = figures.hierarchy_figure(function_tree).data[0]
    colour = dict(zip(trace.ids, trace.marker.colors, strict=True))
    assert colour["206"] == figures.PALETTE[0].lower()
    assert colour["20601"] != colour["206"] and colour["2060101"] != colour["20601"]
    # the classes take the palette largest first: 215 资源勘探工业信息等支出 1,680.00, then 208 社会保障和就业 297.54
    assert colour["215"] == figures.PALETTE[1].lower() and colour["208"] == figures.PALETTE[2].lower()
    assert len(set(trace.marker.colors)) > 10


def test_economic_tree(snapshot):
    tree = classification.code_tree(coded_rows(snapshot, "basic_by_economic"), "public_wan", "基本支出")
    trace = figures.hierarchy_figure(tree, measure_label="公用经费").data[0]
    values = dict(zip(trace.ids, trace.values, strict=True))
    assert cents(values["root"]) == D("159.13")  # Σ款 of 302; the table prints 159.11 (a failing check)
    assert cents(values["30231"]) == D("4.40")


def test_share_bar(snapshot):
    trace = figures.share_bar_figure(
        oq.class_shares(snapshot.table("schedules"), snapshot.table("expenditure_by_function"))[0]
    ).data[0]
    assert trace.y[-1] == "科学技术支出" and cents(trace.x[-1]) == D("19035.12")
    assert trace.text[-1] == "19,035.12 万元 · 89.68%"
    assert len(trace.y) == 5


MARKUP = '<b>粗</b><a href="https://example.com">链</a>&amp;%{x}'
SHOWN = '&lt;b&gt;粗&lt;/b&gt;&lt;a href="https://example.com"&gt;链&lt;/a&gt;&amp;amp;%{x}'


def test_document_text_in_charts_is_shown_as_written(snapshot, function_tree):
    """Plotly reads tags and entities in labels, ticks and hover text: a name from the document is escaped,
    and it never goes into a hover template, where "%{x}" would be read as a field."""
    from budgetlens import year_changes

    history = year_changes.project_history(snapshot.tables, 2023, "2022-2023")
    history = history.with_columns(history["project_name"].str.replace("^科学技术研究与开发资金$", MARKUP))
    built = [
        figures.hierarchy_figure(function_tree.with_columns(function_tree["label"].str.replace("^2060499 .*", MARKUP))),
        figures.share_bar_figure(
            oq.class_shares(snapshot.table("schedules"), snapshot.table("expenditure_by_function"))[0].with_columns(
                name=pl.lit(MARKUP)
            )
        ),
        figures.slope_figure(history),
        figures.printed_items_figure(
            canonical_queries.three_public_lines(
                snapshot.table("three_public"), snapshot.table("narrative_figures")
            ).with_columns(name=pl.lit(MARKUP)),
            name="name",
        ),
        figures.amount_bars_figure(
            pl.DataFrame({"item": [MARKUP], "amount": [D("1.00")]}), label="item", value="amount"
        ),
    ]
    for figure in built:
        texts = list(strings(json.loads(figure.to_json())["data"]))
        assert any(SHOWN in text for text in texts), type(figure.data[0]).__name__
        assert not any("<b>粗" in text or "<a href" in text for text in texts)
        assert all("%{x}" not in (trace.hovertemplate or "").replace("%{x}：", "") for trace in figure.data)


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
