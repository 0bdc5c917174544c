"""The per-frame caches of a page run give each frame and each column its own figures: a figure kept for another
frame (another document's grid) or another column would show amounts to the wrong digits."""

from __future__ import annotations

import gc
import weakref
from decimal import Decimal as D

import polars as pl

from components import ui

MONEY = ui.money_column("合计")
AMOUNTS = pl.Decimal(24, 6)


def steps(frame: pl.DataFrame, *names: str) -> dict[str, float]:
    shown = ui._exact_money(frame, {name: MONEY for name in names})
    return {name: shown[name]["type_config"]["step"] for name in names}


def test_grid_digits_are_kept_per_frame_object():
    # two documents' grids with the same column: 万里街道 prints 元 (four decimals in 万元), 检察院 万元 (two)
    wanli = pl.DataFrame({"total_wan": pl.Series([D("11938.530300"), D("293.270000")], dtype=AMOUNTS)})
    jiangsu = pl.DataFrame({"total_wan": pl.Series([D("16444.360000"), D("1836.220000")], dtype=AMOUNTS)})
    assert steps(wanli, "total_wan") == {"total_wan": 0.0001}
    assert steps(jiangsu, "total_wan") == {"total_wan": 0.01}
    assert steps(wanli, "total_wan") == {"total_wan": 0.0001}  # the second run of each, from the cache
    assert steps(jiangsu, "total_wan") == {"total_wan": 0.01}


def test_grid_digits_are_kept_per_column():
    frame = pl.DataFrame(
        {
            "basic_wan": pl.Series([D("11938.530300")], dtype=AMOUNTS),
            "project_wan": pl.Series([D("1836.220000")], dtype=AMOUNTS),
        }
    )
    assert steps(frame, "basic_wan") == {"basic_wan": 0.0001}
    assert steps(frame, "project_wan") == {"project_wan": 0.01}
    assert steps(frame, "basic_wan", "project_wan") == {"basic_wan": 0.0001, "project_wan": 0.01}


def test_a_frame_with_kept_digits_is_not_freed():
    # the key is the frame's id: while its figures are kept the frame must live, or a new frame could get its id
    first = pl.DataFrame({"total_wan": pl.Series([D("1.2345")], dtype=AMOUNTS)})
    steps(first, "total_wan")
    alive = weakref.ref(first)
    del first
    gc.collect()
    assert alive() is not None
