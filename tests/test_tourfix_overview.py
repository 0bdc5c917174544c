"""概览's standouts say what a share is of."""

from tests.test_app import open_page, texts

GUIHUA_2024_FINAL = "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"


def test_the_largest_items_share_names_the_total_it_is_of():
    # 一般公共预算财政拨款支出决算表 (pp. 14-15): 2200150 事业运行 4416.67 of the table's 合计 9746.50 = 45.32 %;
    # 全部支出 (决算总额 9,759.38) is another total, of which it would be 45.26 %
    page = texts(open_page("pages/overview.py", doc=GUIHUA_2024_FINAL))
    assert "最大的一项支出是 2200150 事业运行：4,416.67 万元，占一般公共预算支出的 45.32%。" in page
    assert "占全部支出" not in page
