"""经济分类: basic expenditure by economic class, 类 → 款, 人员 vs 公用 (附表1-6)."""

from budgetlens.queries import ECONOMIC_MEASURES
from components import code_view, data
from components.frame import current_document, page_title

doc_id, snapshot = current_document()
page_title("经济分类（基本支出）", snapshot, "工资福利、商品和服务、对个人和家庭的补助 … · 金额单位：万元")
code_view.render(
    doc_id,
    snapshot,
    table_name="s06_basic_economic",
    measures=ECONOMIC_MEASURES,
    tree=data.economic_tree,
    schedule="1-6",
    download_name="economic",
)
