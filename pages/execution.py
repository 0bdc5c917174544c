"""预算执行: on a 决算, what was spent against what was budgeted, by 类/款/项 and for 三公; on a 预算, that a budget has
no execution figures, and a link to the same department's 决算 where the library holds one."""

from components import execution_page
from components.frame import current_document

doc_id, snapshot = current_document()
execution_page.render(doc_id, snapshot)
