"""支出功能分类: spending by function code, 类 → 款 → 项 (附表1-5)."""

from budgetlens.queries import FUNCTION_MEASURES
from components import code_view, data
from components.frame import current_document, page_title

doc_id, snapshot = current_document()
page_title("支出功能分类", snapshot, "类 → 款 → 项 · 金额单位：万元")
code_view.render(
    doc_id,
    snapshot,
    table_name="s05_general_budget",
    measures=FUNCTION_MEASURES,
    tree=data.function_tree,
    schedule="1-5",
    download_name="function",
)
