"""经济分类: basic expenditure by economic class, 类 → 款, 人员经费 and 公用经费 where the table prints them."""

from budgetlens.classification import ECONOMIC_KINDS
from components import classification_page, data
from components import classification_view as view
from components.frame import current_document, page_title

doc_id, snapshot = current_document()
choice = classification_page.choice_of(doc_id, snapshot, "basic_by_economic", ECONOMIC_KINDS)
classes = data.cached(
    doc_id, view.class_names, classification_page.rows_of(doc_id, snapshot, "basic_by_economic", choice)
)
page_title("经济分类（基本支出）", snapshot, f"{classes or '基本支出按经济分类'} · 金额单位：万元")
classification_page.render(
    doc_id,
    snapshot,
    table="basic_by_economic",
    kinds=ECONOMIC_KINDS,
    root_label="基本支出",
    missing="基本支出按经济分类科目的表",
    name="economic",
)
