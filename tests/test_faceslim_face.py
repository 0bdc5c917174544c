"""Behaviour that faceslim's simplifications keep and no other test pinned."""

from __future__ import annotations

from tests.test_app import open_page

CAIZHENG_FINAL = "shanghai_putuo_caizhengju_2024_bumen_juesuan"


def test_the_full_listing_says_each_instance_column_tag_in_chinese():
    # p10 支出决算表: the check of 201 一般公共服务支出 names its column [total]; the listing reads it [合计]
    app = open_page("pages/checks.py", doc=CAIZHENG_FINAL, view="all")
    table = next(t for t in app.dataframe if "instance_zh" in t.value.columns).value
    said = set(table["instance_zh"])
    assert "支出决算表 201 一般公共服务支出 [合计]" in said
    assert not [text for text in said if "[total]" in text or "[basic]" in text or "[project]" in text]
