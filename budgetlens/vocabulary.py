"""Words of the published documents that the readers read by and the rules judge by.

Neutral ground: the readers (budgetlens/ingest/), the rules (budgetlens/checks/) and the queries import
it, and it imports no reader (tests/test_import_layers.py). The PDF templates' words are data in
budgetlens/canonical/templates.py.
"""

from __future__ import annotations

# The framework of 财政部 performance indicators (old and new templates): 一级指标 -> its 二级指标.
# 成本指标 is both: a 一级 heading in the new template, a 二级 one under 产出指标 in the old.
# The ingest reads rows by this vocabulary and the checks (indicators.levels) judge by it.
FRAMEWORK: dict[str, frozenset[str]] = {
    "产出指标": frozenset({"数量指标", "质量指标", "时效指标", "成本指标"}),
    "成本指标": frozenset({"经济成本指标", "社会成本指标", "生态环境成本指标"}),
    "效益指标": frozenset({"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "可持续性影响指标"}),
    "满意度指标": frozenset({"服务对象满意度指标"}),
}

# The text export's 附表1-7 items and the words its 第三部分 四、“三公”经费 uses for them (narrative_facts).
THREE_PUBLIC_SECTION = "“三公”经费财政拨款预算情况"
THREE_PUBLIC_SUBJECTS = {
    "total": "一般公共预算财政拨款安排“三公”经费预算",
    "overseas_travel": "因公出国(境)经费预算",
    "vehicles": "公务用车购置及运行维护费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行维护费",
    "reception": "公务接待费预算",
}
# The seed's 三公 items are the canonical ones (three_public.item), except its total, which is the 三公 total.
THREE_PUBLIC_ITEMS = {"total": "three_public_total"}

# The 三公 items and the lines beside them in the 三公 table, named as the pages and the checks name them.
THREE_PUBLIC_ZH = {
    "total": "本表合计",
    "three_public_total": "“三公”经费",
    "overseas_travel": "因公出国（境）费",
    "vehicles": "公务用车购置及运行费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行费",
    "reception": "公务接待费",
    "meetings": "会议费",
    "training": "培训费",
    "operating_expenses": "机关运行经费",
}
