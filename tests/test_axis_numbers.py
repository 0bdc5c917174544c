"""Amounts on a chart's axis are written as a Chinese reader writes them (5,000, 10,000), never plotly's SI
suffixes ("5k", "10k"), which face5's tour found on 概览's function-class chart."""

from __future__ import annotations

import json

from tests.test_app import open_page


def test_every_axis_of_the_overview_writes_whole_thousands():
    # 万里街道 2024: 支出 by function class, the largest class over 5,000 万元 (its ticks read 5k / 10k before)
    app = open_page("pages/overview.py", doc="shanghai_putuo_wanlijiedao_2024_bumen_yusuan")
    layouts = [json.loads(chart.proto.spec)["layout"] for chart in app.get("plotly_chart")]
    assert layouts
    for layout in layouts:
        for axis in ("xaxis", "yaxis"):
            assert layout[axis]["exponentformat"] == "none"
            assert layout[axis]["separatethousands"] is True
