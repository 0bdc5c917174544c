"""支出功能分类: spending by function code, 类 → 款 → 项, from the document's own table (一般公共预算 first)."""

from budgetlens.classification import FUNCTION_KINDS
from components import classification_page
from components.frame import current_document, page_title

doc_id, snapshot = current_document()
page_title("支出功能分类", snapshot, "类 → 款 → 项 · 金额单位：万元")
classification_page.render(
    doc_id,
    snapshot,
    table="expenditure_by_function",
    kinds=FUNCTION_KINDS,
    root_label="全部支出",
    missing="按功能分类科目的支出表",
    name="function",
)
