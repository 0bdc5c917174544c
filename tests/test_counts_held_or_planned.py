"""What a department holds (共有车辆, 单价100万元以上设备) and what its budget plans to buy (预算安排购置): two
counts. Values read off the rendered pages: 普陀区财政局 2025 p22 and 万里街道 2024 p32 (五、国有资产占有使用情况).
"""

import polars as pl
import pytest

from tests.conftest import SNAPSHOTS

CAIZHENG_2025 = "shanghai_putuo_caizhengju_2025_bumen_yusuan"
WANLI_2024 = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"


def _counts(doc_id: str) -> dict[str, list[tuple[str, int]]]:
    rows = pl.read_parquet(SNAPSHOTS / doc_id / "narrative_counts.parquet")
    found: dict[str, list[tuple[str, int]]] = {}
    for row in rows.filter(pl.col("target").str.contains("vehicles|equipment")).iter_rows(named=True):
        found.setdefault(row["target"], []).append((row["count_printed"], row["page"]))
    return found


@pytest.mark.parametrize(
    ("doc_id", "held_vehicles", "held_equipment", "vehicles_to_buy", "equipment_to_buy", "page"),
    [
        # 财政局 prints 单价100万（含）以上设备 (no 元) for what it holds, 100万元 for what it plans to buy
        (CAIZHENG_2025, "0", "0", "0", "0", 22),
        # 万里街道: 共有车辆7辆 …; 2024年部门预算安排购置车辆1辆
        (WANLI_2024, "7", "0", "1", "0", 32),
    ],
)
def test_held_and_planned_counts_apart(doc_id, held_vehicles, held_equipment, vehicles_to_buy, equipment_to_buy, page):
    assert _counts(doc_id) == {
        "vehicles_held": [(held_vehicles, page)],
        "equipment_over_threshold": [(held_equipment, page)],
        "vehicles_to_buy": [(vehicles_to_buy, page)],
        "equipment_to_buy": [(equipment_to_buy, page)],
    }
