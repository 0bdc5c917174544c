"""A procurement listing's item rows belong to the economic class printed on the group row above them (the cell
left blank on the item rows), carried down with how it is known; the printed cell stays as printed. Values from the
rendered pages (pdftoppm -r 100):
江苏省人民检察院 2018 p21: 办公、办案设备更新购置费 | 办公设备购置 | 146.00, then 台式计算机（20万以上） 27.00,
便携式计算机（20万以下） 16.00 … 家具用具 20.00 with the 经济科目 cell blank; p22: 维修（护）费 580.00, then
数据处理服务 100.00, 运行维护服务 270.00, 信息技术咨询服务 100.00, 其他信息技术服务 110.00; 租赁费 480.00,
then 电信服务 320.00 …
中共江苏省委办公厅 2017 表 p14 (document p27): 会议费 50.00 (专项名称 blank), then 会议服务 政府集中采购 50.00."""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from budgetlens.canonical_queries import lines_by, procurement_lines
from budgetlens.store import load_snapshot
from tests.conftest import SNAPSHOTS

JC2018 = "jiangsu_jianchayuan_2018_bumen_yusuan"
BGT2017 = "jiangsu_shengwei_bangongting_2017_bumen_yusuan"


def _procurement(doc_id: str) -> pl.DataFrame:
    return load_snapshot(SNAPSHOTS / doc_id).table("procurement")


def _item(procurement: pl.DataFrame, item: str, amount: str) -> dict:
    found = procurement.filter(pl.col("item") == item, pl.col("amount_printed") == amount)
    assert found.height == 1, (item, amount)
    return found.row(0, named=True)


def test_items_under_a_group_row_belong_to_its_economic_class():
    procurement = _procurement(JC2018)
    desktop = _item(procurement, "台式计算机（20万以上）", "27.00")
    assert (desktop["economic"], desktop["economic_belongs_to"], desktop["economic_source"]) == (
        None,
        "办公设备购置",
        "row_above",
    )
    assert (desktop["page"], desktop["project_belongs_to"]) == (21, "办公、办案设备更新购置费")
    group = procurement.filter(pl.col("amount_printed") == "146.00").row(0, named=True)
    assert (group["economic"], group["economic_belongs_to"], group["economic_source"]) == (
        "办公设备购置",
        "办公设备购置",
        "printed",
    )
    # p22: a group row with no project cell of its own still sets the class of the items under it
    for item, amount, economic in [
        ("数据处理服务", "100.00", "维修（护）费"),
        ("运行维护服务", "270.00", "维修（护）费"),
        ("电信服务", "320.00", "租赁费"),
        ("车辆维修和保养服务", "267.80", "公务用车运行维护费"),
    ]:
        row = _item(procurement, item, amount)
        assert (row["economic"], row["economic_belongs_to"], row["page"]) == (None, economic, 22), item
    # a summary row (合计, 一、货物A, 三、服务C) belongs to no class
    summaries = procurement.filter(pl.col("level") < 2)
    assert summaries["economic_belongs_to"].is_null().all() and summaries["economic_source"].is_null().all()


def test_the_lines_sum_by_their_class_to_the_listings_total():
    lines = procurement_lines(_procurement(JC2018))
    by_class = dict(lines_by(lines, "economic_belongs_to").rows())
    # p21-22: 维修（护）费 580 + 4 + 150; 租赁费 480 + 16; 办公设备购置 146 + 12 + 10; 信息网络及软件购置更新 60 + 60,
    # in the 万元 the listing prints
    assert by_class["维修（护）费"] == Decimal("734")
    assert by_class["租赁费"] == Decimal("496")
    assert by_class["办公设备购置"] == Decimal("168")
    assert by_class["信息网络及软件购置更新"] == Decimal("120")
    assert sum(by_class.values()) == Decimal("3096.24")  # p20 合计 3,096.24 万元


def test_a_class_printed_without_its_project_is_carried_to_its_item():
    procurement = _procurement(BGT2017)
    meeting = procurement.filter(pl.col("item") == "会议服务", pl.col("amount_printed") == "50.00").row(0, named=True)
    assert (meeting["economic"], meeting["economic_belongs_to"], meeting["economic_source"]) == (
        None,
        "会议费",
        "row_above",
    )
    assert meeting["project_belongs_to"] == "商品和服务支出"  # printed on p26, continued
