"""The templates as data: what a printed title or column heading means in the canonical model.

Nothing here names a province or a document. A title is recognized by the words it uses (收支,
三公, 基本支出 …), never by its number or place; a column heading by its words too. Each list is
tried in order and the first match wins, so the more specific patterns come first.
"""

from __future__ import annotations

import re

# (pattern on the title, kind, reader). The reader is the kind of table: coded rows, a two-sided
# summary, one row of amounts under a header, a tree of labels, or kept raw.
TABLE_KINDS: list[tuple[str, str, str]] = [
    (r"决算", "final_accounts", "raw"),  # never read as a budget; the guard refuses such documents first
    (r"三公", "three_public", "single_row"),
    (r"购买服务", "purchased_services", "raw"),
    (r"政府采购", "procurement", "raw"),
    (r"绩效目标|绩效指标", "performance", "raw"),
    (r"机关运行经费", "operating_expenses", "coded"),
    (r"财政拨款收支", "fiscal_summary", "two_sided"),
    (r"收支", "summary", "two_sided"),
    (r"收入", "income", "coded"),
    (r"支出(预算)?总表", "expenditure", "coded"),
    (r"基本支出|经济分类", "basic_by_economic", "coded"),
    (r"政府性基金|国有资本经营|一般公共预算|财政拨款|功能分类", "expenditure_by_function", "coded"),
    (r"项目支出", "projects", "raw"),
]

# The scope of a table: which money it counts. The same kind of table may be printed once per scope.
SCOPES: list[tuple[str, str]] = [
    (r"政府性基金", "government_fund"),
    (r"国有资本经营", "state_capital"),
    (r"一般公共预算", "general_budget"),
    (r"财政拨款", "fiscal"),
]
DEFAULT_SCOPE = "all"

# Column headings (the whole heading path, parts joined by "/") -> measure. Tried in order.
MEASURES: list[tuple[str, str]] = [
    (r"人员经费", "personnel"),
    (r"公用经费", "public"),
    (r"基本支出", "basic"),
    (r"项目支出", "project"),
    (r"事业单位经营支出", "business_operation"),
    (r"上缴上级支出", "remit_to_superior"),
    (r"对附属单位补助支出", "subsidy_to_affiliates"),
    (r"单位预留机动经费", "reserve"),
    (r"结转下年", "carry_forward"),
    (r"机关运行经费", "operating_expenses"),
    (r"事业单位经营收入|经营收入", "operating_income"),
    (r"事业收入", "business_income"),
    (r"其他收入", "other_income"),
    (r"上年结转", "carryover"),
    (r"财政专户", "special_account"),
    (r"财政拨款收入|财政拨款$", "fiscal_appropriation"),
    (r"政府性基金", "government_fund"),
    (r"国有资本经营", "state_capital"),
    (r"一般公共预算(?!支出)", "general_budget"),
    (r"(^|/)(合计|总计|金额|预算数|小计|收入预算|支出预算)$|一般公共预算支出|预算支出$", "total"),
]

# 三公 table headings -> item and the item it is part of. Tried in order on the whole heading path.
THREE_PUBLIC_ITEMS: list[tuple[str, str, str | None]] = [
    (r"机关运行经费", "operating_expenses", None),
    (r"会议费", "meetings", None),
    (r"培训费", "training", None),
    (r"因公出国", "overseas_travel", "three_public_total"),
    (r"公务接待", "reception", "three_public_total"),
    (r"购置费$", "vehicle_purchase", "vehicles"),
    (r"运行(维护)?费$", "vehicle_operation", "vehicles"),
    (r"公务用车购置及运行(维护)?费(/小计)?$", "vehicles", "three_public_total"),
    (r"三公.*(合计|小计)$|三公[^/]*$", "three_public_total", None),
    (r"^合计$", "total", None),
]

# Column headings that hold codes: either the whole code, or one part of it (类 / 款 / 项).
CODE_WHOLE = r"编码|代码"
CODE_PARTS = {"类": 0, "款": 1, "项": 2}
NAME_COLUMN = r"名称"

# Row labels.
TOTAL_ROW = r"^(合\s*计|总\s*计|收入总计|支出总计|收入合计|支出合计|本年收入合计|本年支出合计)$"
SUBTOTAL_ROW = r"小计"
CARRYOVER_ROW = r"结转|结余"
STATES_NONE = r"无|为空|空表|没有"

# The kind of document, from its title page.
DOCUMENT_KINDS: list[tuple[str, str]] = [(r"单位预算", "单位预算"), (r"部门预算", "部门预算"), (r"预算", "部门预算")]


def first_match(patterns: list[tuple[str, str]], text: str) -> str | None:
    for pattern, value in patterns:
        if re.search(pattern, text):
            return value
    return None
