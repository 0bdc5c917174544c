"""The templates as data: what a printed title or column heading means in the canonical model.

Nothing here names a province or a document. A title is recognized by the words it uses (收支,
三公, 基本支出 …), never by its number or place; a column heading by its words too. Each list is
tried in order and the first match wins, so the more specific patterns come first.
"""

from __future__ import annotations

import functools
import re

# (pattern on the title, kind, reader). The reader is the kind of table: coded rows, a two-sided
# summary, one row of amounts under a header, a tree of labels, or kept raw.
TABLE_KINDS: list[tuple[str, str, str]] = [
    # The units a department's document covers (二、部门决算单位构成 … 纳入…编制范围的单位包括：, then 序号 | 单位名称 |
    # 备注): a list of names, no amounts. A table with no title of these words is one too where its header names the
    # unit and it prints no amount (readers.unit_fields).
    (r"单位构成|单位包括|单位名单|所属单位(?:名单|构成)", "units", "units"),
    (r"三公", "three_public", "single_row"),
    (r"购买服务", "purchased_services", "raw"),
    (r"政府采购", "procurement", "listing"),
    (r"绩效目标|绩效指标", "performance", "form"),
    (r"机关运行经费", "operating_expenses", "coded"),
    # A 决算's fund tables (政府性基金预算财政拨款收入支出决算表) are code rows with 年初结转和结余 | 本年收入 |
    # 本年支出 | 年末结转和结余 columns: read as the function table of their scope.
    (r"(政府性基金|国有资本经营).*收入支出决算表", "expenditure_by_function", "coded"),
    (r"财政拨款收支|财政拨款收入支出", "fiscal_summary", "two_sided"),
    (r"收支|收入支出决算总表", "summary", "two_sided"),
    (r"收入", "income", "coded"),
    (r"支出(预算)?总表|^\W*[一二三四五六七八九十\d]*[、.．]?\s*(部门|单位)?支出决算表", "expenditure", "coded"),
    (r"基本支出|经济分类", "basic_by_economic", "coded"),
    (r"政府性基金|国有资本经营|一般公共预算|财政拨款|功能分类", "expenditure_by_function", "coded"),
    (r"项目支出", "projects", "raw"),
]

# A units listing's columns (readers.read_units): the unit's name, its number, a remark.
UNIT_LIST_FIELDS: list[tuple[str, str]] = [
    (r"单位名称|^单位$|机构名称", "name"),
    (r"序号|编号", "seq_printed"),
    (r"备注|说明", "note"),
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
    (r"(事业单位)?经营支出", "business_operation"),
    (r"上缴上级支出", "remit_to_superior"),
    (r"对附属单位补助支出", "subsidy_to_affiliates"),
    (r"单位预留机动经费", "reserve"),
    (r"结转下年", "carry_forward"),
    (r"年初.*结转和结余|年初结转", "opening_balance"),
    (r"年末.*结转和结余|年末结转", "closing_balance"),
    (r"^本年收入$", "income_current"),
    (r"机关运行经费", "operating_expenses"),
    (r"事业单位经营收入|经营收入", "operating_income"),
    (r"事业收入", "business_income"),
    (r"其他收入", "other_income"),
    (r"上年结转", "carryover"),
    (r"财政专户", "special_account"),
    # a 决算's 一般公共预算财政拨款 | 政府性基金预算财政拨款 | 国有资本经营预算财政拨款 columns name their scope
    (r"一般公共预算财政拨款$", "general_budget"),
    (r"政府性基金预算?财政拨款$", "government_fund"),
    (r"国有资本经营预算?财政拨款$", "state_capital"),
    (r"财政拨款收入|财政拨款$", "fiscal_appropriation"),
    (r"政府性基金", "government_fund"),
    (r"国有资本经营", "state_capital"),
    (r"一般公共预算(?!支出)", "general_budget"),
    (r"(^|/)(年初|全年|调整后?)预算数?$", "total"),  # a 决算 column of the budget (its basis says which)
    (
        r"(^|/)(合计|总计|金额|预算数|决算数|小计|收入预算|支出预算|本年收入合计|本年支出合计)$|一般公共预算支出|预算支出$",
        "total",
    ),
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

# The last part of a 决算 三公 heading that says which amount it is (…/公务接待费/预算数): its basis, not its item.
THREE_PUBLIC_BASIS_PART = r"/(?:年初|全年)?(?:预算|决算)数?$"

# Column headings that hold codes: either the whole code, or one part of it (类 / 款 / 项).
CODE_WHOLE = r"编码|代码"
CODE_PARTS = {"类": 0, "款": 1, "项": 2}
NAME_COLUMN = r"名称"

# Row labels.
TOTAL_ROW = r"^(合\s*计|总\s*计|收入总计|支出总计|收入合计|支出合计|本年收入合计|本年支出合计)$"
SUBTOTAL_ROW = r"小计"
CARRYOVER_ROW = r"结转|结余"
STATES_NONE = r"无|为空|空表|没有"

# The kind of document, from its title page: 单位 or 部门, then its stage (单位预算, 部门决算 …); the first named wins.
DOCUMENT_KINDS = ("单位", "部门")
# A table title that says the document is a 单位预算 where its title page does not (2025年预算单位收入预算总表).
UNIT_TABLE = r"预算单位|单位预算|年单位"

# A unit printed in a table's header or title where no 单位： line stands above it (金额（元）, 单位:万元).
UNIT_IN_HEADER = r"(?:单位[:：]\s*|[（(])(万元|元)[)）]?"
# The contents (目录): an entry that is a table (ends in 表); group headings over the tables are not tables.
CONTENTS_HEADING = r"^目\s*录$"
CONTENTS_GROUP = r"^(第[一二三四五六七八九十]+部分.*|(?:(?:19|20)\d\d年度?)?(?:部门|单位)?(?:预算|决算)表)$"

# What an amount is of (model.AMOUNT "basis"), from its column heading (the whole path) in a 决算. Tried in
# order. A 预算 document's amounts are all "budget"; a 决算 column that names none of these is "actual"
# (its tables print 决算数, often under no heading but 合计 / 基本支出 …).
BASES: list[tuple[str, str]] = [
    (r"年初预算", "budget_initial"),
    (r"全年预算|调整预算|调整后预算", "budget_full"),
    (r"决算", "actual"),
    (r"预算", "budget"),
]
# Scope names that hold the word 预算 without being a budget amount (一般公共预算财政拨款 is a column of 决算数).
BASIS_IGNORED = r"一般公共预算|政府性基金预算|国有资本经营预算"
BASIS_OF_BUDGET = "budget"
BASIS_OF_FINAL_ACCOUNTS = "actual"


def first_match(patterns: list[tuple[str, str]], text: str) -> str | None:
    # The same few hundred headings and labels are asked about thousands of times per document.
    return _first_match(tuple(patterns), text)


@functools.lru_cache(maxsize=1 << 16)
def _first_match(patterns: tuple[tuple[str, str], ...], text: str) -> str | None:
    for pattern, value in patterns:
        if re.search(pattern, text):
            return value
    return None


# A performance form (财政项目支出绩效目标填报表, 项目支出绩效目标表): printed label -> field. The value is the
# next cell to the label's right, or, when the label heads a column (项目总目标), the cell below it.
FORM_FIELDS: list[tuple[str, str]] = [
    (r"^项目名称$", "project"),
    (r"^项目性质$", "nature"),
    (r"^项目类别$|^项目类型$", "category"),
    (r"^主管部门$|^主管部门及代码$", "department"),
    (r"^实施单位$", "unit"),
    (r"^计划开始日期$|^项目开始日期$", "start"),
    (r"^计划完成日期$|^项目完成日期$", "end"),
    (r"^项目总目标$|^长期目标$|^总体目标$", "goal_long_term"),
    (r"^年度总体目标$|^年度目标$", "goal_annual"),
]
# Money fields of a form; a label printed twice (其他资金 under 项目资金 and under 年度资金) is told apart
# by the order it is met: the first is the project's, the second the year's.
FORM_MONEY: list[tuple[str, str]] = [
    (r"^项目资金总额$", "project_total"),
    (r"^年度资金申请总额$|^年度资金总额$", "annual_total"),
    (r"^其中[:：]?财政资金$", "project_fiscal"),
    (r"^其中[:：]?当年财政拨款$|^当年财政拨款$", "annual_appropriation"),
    (r"^上年结转资金$", "annual_carryover"),
    (r"^其他资金$", "project_other|annual_other"),
]
FORM_UNIT = r"[（(](万元|元)[)）]"
INDICATOR_HEADINGS = {"一级指标": "level1", "二级指标": "level2", "三级指标": "name", "指标值": "target"}

# Columns of a procurement listing (政府采购支出预算表): heading -> field; amounts are read by MEASURES.
PROCUREMENT_FIELDS: list[tuple[str, str]] = [
    (r"品目|品目大类|采购类别", "category"),
    (r"专项|项目名称|项目", "project"),
    (r"经济科目|经济分类", "economic"),
    (r"物品|采购内容|名称", "item"),
    (r"组织形式|采购方式", "method"),
]
# Number columns of a procurement listing that qualify the row's amount (written on the same row, never as an
# amount row of their own): heading -> column of `procurement`. The first match wins: 小微 before 中小.
PROCUREMENT_ROW_NUMBERS: list[tuple[str, str]] = [
    (r"小微企业", "micro_amount_wan"),
    (r"中小企业", "sme_amount_wan"),
    (r"单价", "unit_price_wan"),
    (r"数量", "quantity"),
]

# Figures the narrative states, as data: (pattern before the amount, what the figure is). The amount
# follows as "X万元". The first pattern that matches at a place wins, so the specific ones come first.
NARRATIVE_FIGURES: list[tuple[str, str]] = [
    (r"“三公”经费(?:预算数|预算|支出预算)?(?:为|是)?", "three_public_total"),
    # also "因公出国（境）费用预算支出 70 万元" and "公务用车购置预算支出数 0 万元" (费用, no 费, 支出数)
    (r"因公出国[（(]境[）)]费(?:用)?(?:预算)?(?:支出)?(?:数)?(?:为|是)?", "overseas_travel"),
    # 公务用车, also printed 公务车 (and 公务车用车): "公务车购置及运行费0万元", "公务车用车运行费0万元".
    (r"公务(?:用)?车购置及运行(?:维护)?费(?:预算)?(?:支出)?(?:为|是)?", "vehicles"),
    (r"公务(?:用)?车(?:用车)?购置(?:费)?(?:预算)?(?:支出)?(?:数)?(?:为|是)?", "vehicle_purchase"),
    (r"公务(?:用)?车(?:用车)?运行(?:维护)?费(?:预算)?(?:支出)?(?:为|是)?", "vehicle_operation"),
    (r"公务接待费(?:预算)?(?:支出)?(?:为|是)?", "reception"),
    (r"会议费(?:预算)?(?:支出)?(?:为|是)?", "meetings"),
    (r"培训费(?:预算)?(?:支出)?(?:为|是)?", "training"),
    (r"机关运行经费(?:预算)?(?:支出)?(?:预算)?(?:数)?(?:为|是)?", "operating_expenses"),
    (r"政府采购(?:支出)?预算(?:总金额|总额)?(?:为|是)?", "procurement_total"),
    # its parts: "政府采购货物预算93.98万元、政府采购工程预算…" (Shanghai),
    # "其中拟购买货物 334 万元；拟购买工程 0 万元" (Jiangsu)
    (r"(?:政府采购货物预算|拟购买货物)(?:为|是)?", "procurement_goods"),
    (r"(?:政府采购工程预算|拟购买工程)(?:为|是)?", "procurement_works"),
    (r"(?:政府采购服务预算|拟购买服务)(?:为|是)?", "procurement_services"),
    # "面向中小企业预留政府采购项目预算金额664.98万元，其中，预留给小型和微型企业的政府采购项目预算为465.49万元"
    (r"面向中小企业预留政府采购项目预算金额(?:为|是)?", "procurement_sme_reserved"),
    (r"预留给小型和微型企业的政府采购项目预算(?:金额)?(?:为|是)?", "procurement_micro_reserved"),
    (r"财政拨款收入(?:预算)?(?:总计|合计)?(?:为|是)?", "fiscal_income_total"),
    (r"财政拨款支出预算(?:总计|合计)?(?:为|是)?", "fiscal_expenditure_total"),
    (r"(?<!拨款)(?<!基金)(?<!资本)收入预算(?:总计|总额|合计)?(?:为|是)?", "income_total"),
    (r"(?<!拨款)(?<!基金)(?<!资本)(?<!基本)(?<!项目)支出预算(?:总计|总额|合计)?(?:为|是)?", "expenditure_total"),
    (r"基本支出预算(?:数)?(?:为|是)?", "basic_total"),
    (r"项目支出预算(?:数)?(?:为|是)?", "project_total"),
    # A budget's basic expenditure split as its narrative numbers it: "其中：（一）人员经费 7819.47 万元 …（二）公用经费
    # 2144.60 万元" (only so numbered: "基本支出增加人员经费1408.29万元" is a change, not the figure).
    (r"(?<=[（(][一二三四][）)])\s*人员经费(?:预算)?(?:支出)?(?:为|是)?", "personnel_total"),
    (r"(?<=[（(][一二三四][）)])\s*公用经费(?:预算)?(?:支出)?(?:为|是)?", "public_total"),
    # The money of the projects given performance targets, after their count (NARRATIVE_COUNTS):
    # "编报绩效目标的项目5个，涉及项目预算资金3328.13万元", "编报绩效目标的2024年度项目4个，涉及预算金额598.42万元",
    # "共5个项目实行绩效目标管理，涉及财政性资金合计5,086万元". Checked against the project forms the document prints
    # (narrative.amounts).
    (
        r"(?:编报绩效目标的(?:\d{4}年度?)?项目共?\s*\d+\s*个|共\s*\d+\s*个项目实行绩效目标管理)[，,]\s*"
        r"涉及(?:项目)?(?:预算金额|预算资金|财政性资金)(?:合计)?(?:为|是)?",
        "performance_targets_amount",
    ),
]
# Words right before a figure's label that make it a part (一般公共预算收入预算 is not the income total), and
# the scope they name.
NARRATIVE_SCOPES: list[tuple[str, str]] = [
    (r"一般公共预算(财政)?(拨款)?(安排的)?$", "general_budget"),
    (r"财政拨款(收入|支出)?$", "fiscal"),
    (r"政府性基金(预算)?(拨款)?$", "government_fund"),
    (r"国有资本经营(预算)?(拨款)?$", "state_capital"),
    (r"(其他资金|事业|经营|其他)(收入)?$", "other_funds"),
    # The nearest words before a total's label that name a source make the figure that source's:
    # "2．财政专户管理资金收入预算总计147.20万元" is the 财政专户's income, not the document's.
    (r"财政专户(管理)?(资金)?$", "special_account"),
    (r"(资金|基金|拨款)$", "other_funds"),
]
# The parts a table's 支出 total row adds up from: basic and project, and the others some templates print beside them
# (单位预留机动经费, 结转下年, …); its funding columns (一般公共预算, 政府性基金) are not parts of it.
EXPENDITURE_PARTS = (
    "basic",
    "project",
    "reserve",
    "carry_forward",
    "business_operation",
    "remit_to_superior",
    "subsidy_to_affiliates",
)
NARRATIVE_AMOUNT = r"\s*(?P<amount>\d[\d,]*(?:\.\d+)?)\s*万元"
# The figures whose statement takes in the sentence after it where that one lists the parts (其中：…): the projects
# with performance targets, named with their money only there ("…涉及项目预算资金598.46万元。其中：中介机构服务费
# 418.80万元，…").
STATEMENT_WITH_PARTS = frozenset({"performance_targets_amount"})
# The change a narrative figure is compared with, in the same clause after it: "比2023年预算增加25万元",
# "与上年相比增加 3,958.67 万元", "与上年相比，增加3万元", "比上年预算数增加 32.44 万元", "与上年预算数一致",
# "比2023年预算持平", "同比减少5万元"; "本年数小于上年预算数40.05万元" (小于/低于/少于 is a decrease, 大于/高于/多于
# an increase, the amount their difference), "本年数等于上年预算数" (no change); or as the next sentence when it
# starts with the comparison and names nothing else: "公务接待费1.35万元。比2023年预算持平". The subject may be said
# again between the comparison and the change word: "收入、支出预算总计21,955.35万元，与上年相比收、支预算总计各增加
# 3,958.67万元", "收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元" (the figure's own change);
# "…总计X万元，与上年相比，基本支出增加Y万元" names another figure, and is not this one's change.
# A change with no direction word nor relation is not read. A relation with no amount ("本年数小于上年预算数") is the
# figure's own only where nothing but 本年数 stands between: "人均标准低于上年", "比例低于上年" and "不高于上年预算数"
# compare something else (narrative.stated_change, NARRATIVE_OWN_LEAD).
NARRATIVE_CHANGE = (
    # the next sentence may follow the figure's share: "…2940.05万元，占本年支出合计的100.00%。与2023年度相比，…"
    r"^(?P<lead>(?:[，,]\s*占[^。；;，,]{0,20}?%)?[。；;]\s*(?=比|较|与|同比)|(?:(?!\d[\d,.]*\s*万元)[^。；]){0,40}?)"
    r"(?:(?:(?P<relation>小于|大于|低于|高于|少于|多于|等于)|比|较|与)\s*(?:(?P<year>(?:19|20)\d\d)\s*年|上年)(?:度)?"
    r"(?:同期)?(?:预算(?:数)?)?(?:执行数)?(?:相比|相较)?[，,]?|同比)"
    # the subject said again before the change word ("…相比收、支预算总计各增加", "…相比，收入支出总计减少"): whether
    # it names the figure itself or another one is narrative.restates_figure's to judge
    r"(?P<subject>[^\d。；;，,%“”（）()]{0,24}?)"
    r"\s*(?:(?P<direction>增加|减少|下降|降低|压减|增长|上升|提高|少|多)?了?\s*(?P<change>\d[\d,]*(?:\.\d+)?)\s*万元"
    # "与2024年预算一致0万元", "与上年保持一致"
    r"|(?P<same>基本持平|持平|保持一致|一致|相等|相同|保持不变|无变化)(?:\s*0(?:\.0+)?\s*万元)?"
    # "本年数等于上年预算数。", "本年数小于上年预算数的主要原因是…" (法院 2017 p25): the relation is the whole statement
    r"|(?=[，,。；;]|$|的?主要原因))"
)
# The only words that may stand between a figure and a relation stated with no amount: punctuation and 本年(预算)数.
NARRATIVE_OWN_LEAD = r"(?:[，,\s]|本年(?:预算)?数)*"
# Words of a stated change that make it a decrease (the others are increases).
NARRATIVE_DECREASE = ("减少", "下降", "降低", "压减", "少", "小于", "低于", "少于")
# The reason a narrative figure's clause gives, after its amount and its stated change, in the same clause or
# as the next sentence's start: "…比2023年预算增加25万元，主要原因是购置公务用车；",
# "…增加 0 万元，主要原因：未列入部门预算。", "…比2023年预算持平。主要原因是…保持不变。",
# "…本年数小于上年预算数40.05万元，主要是…的选择。"
# No other amount may stand between: a reason after the next figure is that figure's.
NARRATIVE_REASON = (
    r"^(?:(?!\d[\d,.]*\s*万元)[^。；;]){0,60}?[。；;]?\s*"
    r"(?:主要原因(?:是|为|主要是)?|主要是)[：:]?\s*(?P<reason>[^。；;]+)"
)
# "“一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”25.77万元" and "公共安全（类）支出 16,458.75 万元".
NARRATIVE_FUNCTION_ITEM = r"“(?P<class>[^“”（]+)（类）(?P<kind>[^“”（]+)（款）(?P<item>[^“”（]+)（项）”"
# After an item's amount (a 街道's template), its change from the year before's 预算执行数 (not its budget):
# "…。2022年当年预算执行数为11.67万元，2023年预算安排45.41万元，比2022年预算执行数增加314.82%" (or …持平).
NARRATIVE_EXECUTED_CHANGE = (
    r"(?P<executed_year>\d{4})年(?:当年)?预算执行数为\s*(?P<executed>\d[\d,]*(?:\.\d+)?)\s*万元\s*[，,]\s*"
    r"\d{4}年预算安排\s*\d[\d,]*(?:\.\d+)?\s*万元\s*[，,]\s*比(?P=executed_year)年预算执行数\s*"
    r"(?P<rate_printed>(?P<way>增加|减少|增长|下降)\s*(?P<rate>\d[\d,]*(?:\.\d+)?)\s*[%％]|持平)"
)
EXECUTED_CHANGE_REACH = 160  # characters after the item's amount the clause may start within (its 主要用于… first)
NARRATIVE_FUNCTION_CLASS = r"(?P<class>[\u4e00-\u9fff]{2,12})（类）支出"
# A 决算's list of classes, the class named with its 支出 before （类）: "一般公共预算财政拨款支出9746.50万元，
# 主要用于以下方面：社会保障和就业支出（类）754.75万元，占7.74%；卫生健康支出（类）236.63万元，…".
# The name starts after a mark (not inside a run of words).
NARRATIVE_FUNCTION_CLASS_SPENT = r"(?<![\u4e00-\u9fff])(?P<class>[\u4e00-\u9fff]{2,12})支出[（(]类[）)]"
# The lead of such a list names the money its classes are of: the nearest before the class, in its sentence.
NARRATIVE_CLASS_LIST_FUND = (
    r"(?P<fund>一般公共预算财政拨款|政府性基金预算财政拨款|国有资本经营预算财政拨款|财政拨款)支出[^。]{0,30}?主要用于"
)

GLOSSARY_HEADING = r"^(?:第[一二三四五六七八九十]+部分)?\s*[一二三四五六七八九十]*、?\s*名词解释$"
GLOSSARY_ENTRY = (
    r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.．、])\s*、?\s*"
    r"(?P<term>[^：:。%，“”]{2,20}|“[^”]{1,10}”[^：:。%，]{0,10})[：:](?P<text>.*)$"
)
# A line that heads the next section ends the glossary.
SECTION_HEADING = (
    r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)?[^：:，。]{0,30}(说明|情况|概况|职能|职责|设置)$"
)

# A 决算's execution statements, as data. A statement starts at an anchor (what it is about) and holds,
# up to the next anchor, the budget (年初 / 全年), the actual and the rate it states, then, up to its full
# stop, how the actual compares (小于 / 持平) and the stated reason. The amounts follow as "X万元".
EXECUTION_AMOUNT_FOLLOWS = r"(?=(?:年初|全年|调整后?)?预算(?:数)?为|(?:支出)?决算(?:数)?为)"
EXECUTION_ANCHORS: list[tuple[str, str]] = [
    (r"“?三公”?经费(?:财政拨款)?(?:支出)?" + EXECUTION_AMOUNT_FOLLOWS, "three_public_total"),
    (r"因公出国[（(]境[）)]费(?:支出)?" + EXECUTION_AMOUNT_FOLLOWS, "overseas_travel"),
    (r"公务用车购置及运行(?:维护)?费(?:支出)?" + EXECUTION_AMOUNT_FOLLOWS, "vehicles"),
    (r"公务用车购置费(?:支出)?" + EXECUTION_AMOUNT_FOLLOWS, "vehicle_purchase"),
    (r"公务用车运行(?:维护)?费(?:支出)?" + EXECUTION_AMOUNT_FOLLOWS, "vehicle_operation"),
    (r"公务接待费(?:支出)?" + EXECUTION_AMOUNT_FOLLOWS, "reception"),
    (
        r"(?P<scope>一般公共预算财政拨款|政府性基金预算财政拨款|国有资本经营预算财政拨款|财政拨款)(?:支出)?"
        + EXECUTION_AMOUNT_FOLLOWS,
        "function_total",
    ),
    # "一般公共服务支出（类）财政事务（款）行政运行（项）": a 类, optionally its 款 and 项, as the narrative names them.
    (
        r"(?P<class>[^（）()。；：:，,、\d“”\s]{2,24}?)[（(]类[）)]"
        r"(?:(?P<kind>[^（）()。；：:，,、“”\s]{1,30}?)[（(]款[）)])?"
        r"(?:(?P<item>[^（）()。；：:，,、“”\s]{1,40}?)[（(]项[）)])?",
        "function_item",
    ),
]
EXECUTION_NUMBER = r"\s*(?P<amount>\d[\d,]*(?:\.\d+)?)\s*万元"
# A 决算's change of a 三公 item from the year before, stated with no amount in its sentence (the amount is its
# execution statement's 决算为 X万元): "2024年度“三公”经费财政拨款支出决算数与2023年度持平。其中：因公出国（境）费支出
# 决算持平；…", "…决算数比2023年度减少0.15万元，下降27.78%，其中：因公出国（境）费支出与上一年度持平；公务接待费
# 支出决算减少0.15万元". The sentence names the subject and the year compared with; the items after 其中 share that
# year. 持平 / 一致 / 相同 is a stated change of 0. "决算数与预算数持平" compares with the budget, not a year: not read.
EXECUTION_YEAR_SUBJECTS: list[tuple[str, str]] = [
    (r"“?三公”?经费", "three_public_total"),
    (r"因公出国[（(]境[）)]费(?:用)?", "overseas_travel"),
    (r"公务用车购置及运行(?:维护)?费", "vehicles"),
    (r"公务用车购置费", "vehicle_purchase"),
    (r"公务用车运行(?:维护)?费", "vehicle_operation"),
    (r"公务接待费", "reception"),
]
EXECUTION_YEAR_CHANGE = (
    r"(?P<label>(?P<subject>{subject})(?:财政拨款)?(?:支出)?(?:决算(?:数)?)?)\s*"
    r"(?:(?:与|比|较|同)\s*(?:(?P<compared>(?:19|20)\d\d)\s*年度?|上一?年度?)(?:相比|相较)?[，,]?\s*)?"
    r"(?P<change>(?P<direction>增加|减少|下降|降低|增长|上升)\s*(?P<amount>\d[\d,]*(?:\.\d+)?)\s*万元"
    r"|(?P<same>基本持平|持平|保持一致|一致|相同|保持不变|无变化))"
)
EXECUTION_FIELDS: list[tuple[str, str]] = [
    (r"年初预算(?:数)?为" + EXECUTION_NUMBER, "budget_initial"),
    (r"(?:全年预算|调整后?预算)(?:数)?为" + EXECUTION_NUMBER, "budget_full"),
    (r"(?<!年初)(?<!全年)(?<!调整)(?<!调整后)预算(?:数)?为" + EXECUTION_NUMBER, "budget"),
    (r"决算(?:数)?为" + EXECUTION_NUMBER, "actual"),
]
# "完成年初预算的98.20%", "完成预算的0%", "完成全年预算的100.00%": the rate as printed, and the budget it is of.
EXECUTION_RATE = r"完成(?P<against>年初|全年|调整后?)?预算(?:数)?的\s*(?P<rate>\d+(?:\.\d+)?)\s*%"
RATE_AGAINST = {"年初": "budget_initial", "全年": "budget_full", "调整": "budget_full", "调整后": "budget_full"}
# How the actual compares, and the reason, in the sentences after the amounts.
EXECUTION_COMPARISON = (
    r"决算数?(?:与|同|和)?(?:年初|全年)?(?:预算数?)?(?P<comparison>基本持平|持平|小于|大于|低于|高于|超过|等于|一致)"
)
EXECUTION_REASON = r"(?:主要)?原因(?:(?:是|为|主要是)[：:]?|[：:])\s*(?P<reason>[^。]+)。"

# A 决算's basic economic table closes with 人员经费合计 | 公用经费合计 side by side; the 经济分类 classes each adds.
BASIC_SPLIT_TOTALS: list[tuple[str, str]] = [("人员经费合计", "personnel"), ("公用经费合计", "public")]
BASIC_SPLIT_CLASSES: dict[str, tuple[str, ...]] = {"personnel": ("301", "303"), "public": ("302", "307", "309", "310")}

# Figures a 决算's narrative states besides its execution statements (read only in a 决算, before the list above):
# 本年 totals, 基本/项目支出 and 人员/公用经费 as spent, and 政府采购 by kind and for small enterprises.
NARRATIVE_FIGURES_FINAL: list[tuple[str, str]] = [
    (r"财政拨款收入支出总计(?:为|是)?", "fiscal_income_total"),
    (r"(?<!拨款)收入支出总计(?:为|是)?", "income_total"),
    (r"本年收入合计(?:为|是)?", "income_total"),
    (r"本年支出合计(?:为|是)?", "expenditure_total"),
    # "一般公共预算财政拨款支出2940.05万元，占本年支出合计的100.00%": this year's spending of the 一般公共预算's money
    (r"一般公共预算财政拨款支出(?:决算)?(?:为|是)?", "fiscal_expenditure_total"),
    (r"基本支出(?:决算)?(?:为|是)?", "basic_total"),
    (r"项目支出(?:决算)?(?:为|是)?", "project_total"),
    (r"人员经费(?:支出)?(?:为|是)?", "personnel_total"),
    (r"公用经费(?:支出)?(?:为|是)?", "public_total"),
    (r"政府采购(?:支出)?金额(?:[（(]以合同签订为准[）)])?(?:为|是)?", "procurement_total"),
    (r"货物采购金额(?:为|是)?", "procurement_goods"),
    (r"工程采购金额(?:为|是)?", "procurement_works"),
    (r"服务采购金额(?:为|是)?", "procurement_services"),
    (r"面向中小企业预留政府采购项目预算金额(?:为|是)?", "procurement_sme_reserved"),
    (r"面向小微企业预留政府采购项目预算金额(?:为|是)?", "procurement_micro_reserved"),
    (
        r"在面向中小企业预留的?政府采购项目中[，,]?由中小企业供应商中标或成交的[，,]?采购金额(?:为|是)?",
        "procurement_sme_awarded_reserved",
    ),
    (
        r"在面向小微企业预留的?政府采购项目中[，,]?由小微企业供应商中标或成交的[，,]?采购金额(?:为|是)?",
        "procurement_micro_awarded_reserved",
    ),
    (
        r"在其他政府采购项目中[，,]?由中小企业供应商中标或成交的[，,]?采购金额(?:为|是)?",
        "procurement_sme_awarded_other",
    ),
]
# The parts of a 决算's 政府采购金额 (goods, works, services add up to it).
PROCUREMENT_PARTS = ("procurement_goods", "procurement_works", "procurement_services")
# 国有资产占用 and 绩效 counts a narrative states (a 决算's, and a budget's 绩效目标设置情况): (pattern with the count,
# what it is, unit as printed).
# What a budget plans to buy (预算安排购置车辆 N 辆, 安排购置单价100万元（含）以上设备 N 台（套）) is not what the
# department holds: its own targets, and the held equipment's pattern skips a 购置 before 单价. Some print 100万 for
# 100万元.
NARRATIVE_COUNTS: list[tuple[str, str, str]] = [
    (r"共有车辆\s*(?P<count>\d+)\s*辆", "vehicles_held", "辆"),
    (
        r"(?<!购置)单价\s*\d+\s*万元?[（(]含[）)]以上设备[（(]不含车辆[）)]\s*(?P<count>\d+)\s*台[（(]套[）)]",
        "equipment_over_threshold",
        "台（套）",
    ),
    (r"安排购置车辆\s*(?P<count>\d+)\s*辆", "vehicles_to_buy", "辆"),
    (
        r"安排购置单价\s*\d+\s*万元?[（(]含[）)]以上设备[（(]不含车辆[）)]\s*(?P<count>\d+)\s*台[（(]套[）)]",
        "equipment_to_buy",
        "台（套）",
    ),
    # "编报绩效目标的2024年度项目4个", "编报绩效目标的项目共4个", "本部门共5个项目实行绩效目标管理"
    (r"编报绩效目标的(?:\d{4}年度?)?项目共?\s*(?P<count>\d+)\s*个", "performance_targets_projects", "个"),
    (r"共\s*(?P<count>\d+)\s*个项目实行绩效目标管理", "performance_targets_projects", "个"),
    (r"绩效自评的(?:\d{4}年度)?项目\s*(?P<count>\d+)\s*个", "performance_self_assessed_projects", "个"),
    (r"平均得分\s*(?P<count>\d+(?:\.\d+)?)\s*分", "performance_average_score", "分"),
]

# The scope of the 三公 figures where a PDF's narrative states it, read into `narrative_counts` for every PDF:
# "“三公”经费统计范围包括部门本级及所属 3 家单位" (three_public_units, with its count), "“三公”经费的统计范围为
# 部门本级及所属单位" (three_public_scope: stated in words, no count). A glossary's definition of the term (“三公”
# 经费：是与区级财政有经费领拨关系的部门及其下属预算单位使用…) says what the term means, not which units these figures
# cover: not read.
THREE_PUBLIC_SCOPE: list[tuple[str, str]] = [
    (
        r"“?三公”?经费[^。；;]{0,30}?(?:统计范围|核算范围|口径|包括|涵盖|覆盖)[^。；;\d]{0,30}?(?P<count>\d+)\s*"
        r"(?P<unit>[家个])(?:[^。；;]{0,6}单位)?",
        "three_public_units",
    ),
    (r"“?三公”?经费[^。；;]{0,20}?(?:统计范围|核算范围|口径)[^。；;]{0,40}?单位", "three_public_scope"),
    (
        r"“?三公”?经费[^。；;]{0,20}?(?:包括|涵盖)[^。；;]{0,30}?(?:本级|所属|下属)[^。；;]{0,20}?单位",
        "three_public_scope",
    ),
]
# A sentence that names the scope of the 三公 figures (统计范围, N 家单位) in words none of the patterns above reads: a
# reading warning, so a page says 未读到 there and 本文件未列出 where the text says nothing of it.
THREE_PUBLIC_SCOPE_MENTIONED = (
    r"三公[^。；;]{0,40}(?:统计范围|核算范围|(?:\d+|[一二三四五六七八九十]+)\s*[家个][^。；;]{0,8}单位)"
)

# Units a narrative names as its own in a sentence, where it prints no units table: "本部门纳入本年预算的下属单位如下：
# 徐州铁路运输法院，其工作职责主要：…" (江苏 2017). Each name (、 between them) ends as an institution's name does; the
# words before the colon say what they are (下属单位), kept as the unit's note.
NARRATIVE_UNITS_NAMED = (
    r"(?P<kind>(?:下属|所属|预算)单位)(?:如下|包括|有)[：:]\s*"
    r"(?P<names>{name}(?:、{name})*)(?=[，,。；;]|$)"
).format(name=r"[^\s\d，,。；;：:、]{1,30}?(?:院|局|中心|所|站|队|馆|校|委员会|办公室|处|会|社|公司|厂|场|园|台|部)")

# Units and staff a narrative counts (部门概况: 人员编制, 预算单位构成), read into `staffing` for every document:
# (pattern with `count` and, where the words name it, `label`; category; the label when the pattern has none).
STAFFING_COUNTS: list[tuple[str, str, str | None]] = [
    (r"(?P<label>(?:行政|事业|政法|工勤|人员|参公)+编制)\s*(?P<count>\d+)\s*(?P<unit>[人名])", "establishment", None),
    (r"(?P<label>在职(?:实有)?人员?|实有人数)\s*(?P<count>\d+)\s*(?P<unit>[人名])", "actual_staff", None),
    (r"(?P<label>离退休人员|退休人员|离休人员)\s*(?P<count>\d+)\s*(?P<unit>[人名])", "retirees", None),
    (r"预算单位共\s*(?P<count>\d+)\s*(?P<unit>[家个])", "units", "预算单位"),
    (r"(?P<count>\d+)\s*(?P<unit>个)(?P<label>内设机构|下属事业单位|派出机构|直属单位|二级单位)", "units", None),
    # Shanghai's 机构设置: "包括…本部以及下属 5 家预算单位", "本部门中，行政单位 1 家，参公单位1家，事业单位 4 家"
    (r"下属\s*(?P<count>\d+)\s*(?P<unit>[家个])预算单位", "units", "下属预算单位"),
    # not inside 下属事业单位2个 or 参照公务员法管理事业单位1家
    (r"(?<![属理])(?P<label>行政单位|参公单位|事业单位)\s*(?P<count>\d+)\s*(?P<unit>[家个])", "units", None),
]
