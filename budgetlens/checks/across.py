"""Identities between schedules, and the figures derived from stated changes."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

import polars as pl

from budgetlens.canonical.model import model_table
from budgetlens.checks import model, numbered, structure, within
from budgetlens.checks.model import (
    BLANK_NOT_COUNTED,
    CellSink,
    Rule,
    Side,
    adds_up,
    agree,
    cited,
    lines_of,
    not_applicable,
    result,
    single,
    sum_side,
    total,
    value_side,
)
from budgetlens.checks.within import Tables, not_printed
from budgetlens.money import YUAN_PER_WAN

_rule = partial(Rule, group="across_tables")  # a rule of this file compares two tables
TOTALS = _rule(
    "across.totals",
    schedules=("1-1", "1-2", "1-3", "1-4", "1-5"),
    zh="各表总额一致：收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算支出表的合计相同",
    en="The same total in 1-1, 1-2, 1-3, 1-4 and 1-5",
)
CLASSES = _rule(
    "across.classes",
    schedules=("1-1", "1-3", "1-4", "1-5"),
    zh="功能分类“类”级金额一致：收支总表、财政拨款收支总表的各类支出等于支出总表、一般公共预算支出表的类级合计",
    en="Each function class (类) has the same amount in 1-1 and 1-4 as in 1-3 and 1-5",
)
CODES_1_3_1_5 = _rule(
    "across.1-3_vs_1-5",
    schedules=("1-3", "1-5"),
    zh="支出总表与一般公共预算支出表：同一科目的合计、基本支出、项目支出相同",
    en="1-3 and 1-5 give each function code the same total, basic and project amounts",
)
BASIC_1_5_1_6 = _rule(
    "across.1-5_vs_1-6",
    schedules=("1-5", "1-6"),
    zh="一般公共预算支出表与基本支出表：基本支出合计、人员经费、公用经费相同",
    en="1-5 and 1-6 give the same basic expenditure, personnel and public amounts",
)
THREE_PUBLIC_30231 = _rule(
    "across.1-7_vs_30231",
    schedules=("1-7", "1-6"),
    zh="“三公”经费中的公务用车运行费等于基本支出表经济科目 30231 公务用车运行维护费",
    en="1-7's vehicle operation equals economic code 30231 in 1-6",
)
MIRRORS = _rule(
    "across.mirrors",
    schedules=("1-5", "1-6"),
    zh="经济科目与对应功能科目金额一致"
    "（30113 住房公积金 = 2210201 住房公积金，30108 养老保险缴费 = 2080505，30110 医疗保险缴费 = 21011）",
    en="Economic codes that mirror a function code agree (30113 = 2210201, 30108 = 2080505, 30110 = 21011)",
)
PROJECTS_TOTAL = _rule(
    "across.projects_total",
    schedules=("1-3", "1-13", "1-14"),
    zh="各项目的当年预算之和等于支出总表的项目支出（项目表之和、另列的项目清单之和各核对一次）",
    en="The projects' budgets add up to 项目支出 in 1-3",
)
PROJECT_LIST = _rule(
    "across.project_list",
    schedules=("1-13", "1-14"),
    zh="同一项目在部门整体绩效目标表（项目支出情况）与项目绩效目标表中的当年预算相同",
    en="Each project has the same budget in 1-13's project list and in its 1-14 table",
)
CATEGORIES = _rule(
    "across.categories",
    schedules=("1-13", "1-5"),
    zh="按项目类别汇总的项目预算与部门整体绩效目标表的支出构成一致（特定目标类；运转类 = 公用经费 + 其他运转类项目）",
    en="Project budgets by category match 1-13's expenditure composition "
    "(特定目标类; 运转类 = 公用经费 + 其他运转类 projects)",
)
PERSONNEL = _rule(
    "across.personnel",
    schedules=("1-13", "1-5"),
    zh="部门整体绩效目标表的人员类项目支出等于一般公共预算支出表的人员经费",
    en="1-13's 人员类项目支出 equals 1-5's personnel expenditure",
)
SERVICES_BUDGET = _rule(
    "across.services_vs_budget",
    schedules=("1-12", "1-14"),
    zh="每个项目的政府购买服务金额不超过该项目的当年预算",
    en="Each project's purchased services do not exceed its budget",
)
PROCUREMENT_BUDGET = _rule(
    "across.procurement_vs_budget",
    schedules=("1-11", "1-14"),
    zh="每个项目的政府采购金额不超过该项目的当年预算",
    en="Each project's procurement does not exceed its budget",
)
SERVICES_IN_PROCUREMENT = _rule(
    "across.services_in_procurement",
    schedules=("1-11", "1-12"),
    zh="标为“包含政府采购”的购买服务在政府采购预算表中有同一项目、同一金额的采购行",
    en="A purchased service marked 是 (includes procurement) has a 1-11 line of the same project and amount",
)
# Its id names the seed's 上年 (a stable name); the descriptions name the document's own years.
RESEARCH_PREVIOUS = Rule(
    "derived.research_2022",
    "derived",
    ("1-14",),
    "项目支出明细：由{budget}年各明细金额和所述增减额推出{previous}年各明细，其和应等于项目表所述{previous}年预算",
    "A project's lines: each line's {previous} value ({budget} line minus the stated change) adds up to the stated "
    "{previous} budget",
)


NUMBERED_COVERED_BY = "同一数字在各表中相同由 canonical.same_figure 核对"


def _numbered(tables: Tables, *numbers: str) -> dict[str, list[dict]] | None:
    """The records of each of these schedules in the template's form; None unless the document prints them all so
    (a rule comparing them then says once why it did not: `numbered.covered`, `numbered.unchecked`)."""
    found = {number: numbered.records(tables, number) for number in numbers}
    if any(records is None for records in found.values()):
        return None
    return found


def totals(tables: Tables) -> list[dict]:
    found = _numbered(tables, "1-1", "1-2", "1-3", "1-4", "1-5")
    if found is None:
        return numbered.covered(tables, (TOTALS,), ("1-1", "1-2", "1-3", "1-4", "1-5"), NUMBERED_COVERED_BY)
    summary, fiscal = found["1-1"], found["1-4"]
    reference = value_side("附表1-1 本年支出合计", numbered.subtotal(summary, "expenditure"))
    others = [
        value_side("附表1-1 本年收入合计", numbered.subtotal(summary, "income")),
        value_side("附表1-2 合计", numbered.only(found["1-2"], level=0), "total"),
        value_side("附表1-3 合计", numbered.only(found["1-3"], level=0), "total"),
        value_side("附表1-4 本年收入", numbered.only(fiscal, side="income", name="本年收入")),
        value_side("附表1-4 本年支出", numbered.only(fiscal, side="expenditure", name="本年支出")),
        value_side("附表1-5 合计", numbered.only(found["1-5"], level=0), "total"),
    ]
    return [result(TOTALS, other.label, reference, other) for other in others]


def classes(tables: Tables) -> list[dict]:
    found = _numbered(tables, "1-1", "1-3", "1-4", "1-5")
    if found is None:
        return numbered.covered(tables, (CLASSES,), ("1-1", "1-3", "1-4", "1-5"), NUMBERED_COVERED_BY)
    out = []
    classes_of = {number: {r["name"]: r for r in numbered.where(found[number], level=1)} for number in ("1-3", "1-5")}
    summary_items = numbered.where(found["1-1"], side="expenditure", row_kind="item")
    fiscal_items = numbered.where(found["1-4"], side="expenditure", parent_name="本年支出")
    for schedule, items in (("1-1", summary_items), ("1-4", fiscal_items)):
        for item in items:
            for other_schedule, by_name in classes_of.items():
                match = by_name.get(item["name"])
                if match is None and not item["amount_wan"]:
                    continue  # a class this department does not spend on: 0.00 or blank, and no rows
                theirs = f"类 {match['code']} {match['name']}" if match else "无此类"
                ours, theirs = (
                    (f"附表{schedule} {item['label']}", item),
                    (f"附表{other_schedule} {theirs}", match, "total"),
                )
                out.append(agree(CLASSES, f"{item['name']} · {schedule} vs {other_schedule}", ours, theirs))
    return out


def codes_1_3_vs_1_5(tables: Tables) -> list[dict]:
    found = _numbered(tables, "1-3", "1-5")
    if found is None:
        return numbered.covered(tables, (CODES_1_3_1_5,), ("1-3", "1-5"), NUMBERED_COVERED_BY)
    out = []
    general = {r["code"]: r for r in found["1-5"]}
    for record in found["1-3"]:
        other = general.get(record["code"])
        name = f"{record['code']} {record['name']}" if record["code"] else "合计"
        for measure, word in (("total", "合计"), ("basic", "基本支出"), ("project", "项目支出")):
            ours, theirs = (f"附表1-3 {name} {word}", record, measure), (f"附表1-5 {name} {word}", other, measure)
            out.append(agree(CODES_1_3_1_5, f"{name} · {word}", ours, theirs))
    return out


def basic_1_5_vs_1_6(tables: Tables) -> list[dict]:
    found = _numbered(tables, "1-5", "1-6")
    if found is None:
        return numbered.covered(tables, (BASIC_1_5_1_6,), ("1-5", "1-6"), NUMBERED_COVERED_BY)
    general = numbered.only(found["1-5"], level=0)
    economic = numbered.only(found["1-6"], level=0)
    pairs = (
        ("basic", "total", "基本支出合计"),
        ("personnel", "personnel", "人员经费"),
        ("public", "public", "公用经费"),
    )
    return [
        agree(BASIC_1_5_1_6, word, (f"附表1-5 {word}", general, left), (f"附表1-6 {word}", economic, right))
        for left, right, word in pairs
    ]


def three_public_vs_30231(tables: Tables, cells: CellSink | None = None) -> list[dict]:
    """The 三公 table's 公务用车运行费 against the basic-expenditure economic table's 30231, on any document that
    prints both (in one basis: a 决算's 决算数)."""
    cells = cells or model.NoCells()
    three = numbered.by_kind(tables, "three_public")
    economic = numbered.by_kind(tables, "basic_by_economic")
    instance = "公务用车运行维护费"
    if three is None or economic is None:
        missing = "“三公”经费表" if three is None else "基本支出经济分类表"
        sides = Side("“三公”经费 公务用车运行费"), Side("30231 公务用车运行维护费")
        return [not_applicable(THREE_PUBLIC_30231, f"本文件没有{missing}", instance, *sides, schedules=[])]
    economic_cells = tables["basic_by_economic"].filter(pl.col("table_id") == economic["table_id"])
    basis = numbered.basis_of(economic_cells)
    vehicle_rows = tables["three_public"].filter(table_id=three["table_id"], item="vehicle_operation")
    if basis is not None and "basis" in vehicle_rows.columns and (vehicle_rows["basis"] == basis).any():
        vehicle_rows = vehicle_rows.filter(pl.col("basis") == basis)
    vehicle = vehicle_rows.row(0, named=True) if vehicle_rows.height else None
    code = numbered.coded_rows(tables, "basic_by_economic", economic["table_id"], ("30231",), basis).get("30231", {})
    code_row = code.get("total")
    vehicle_name = (vehicle or {}).get("name_printed") or "公务用车运行费"
    code_name = code_row["name"] if code_row else "公务用车运行维护费"
    ours = value_side(f"{numbered.table_label(three)} {vehicle_name}", vehicle), [vehicle] if vehicle else []
    theirs = value_side(f"{numbered.table_label(economic)} 30231 {code_name}", code_row), [code_row] if code_row else []
    compared = cited(cells, THREE_PUBLIC_30231, instance, ours, theirs)
    return [numbered.involving(compared, three, economic)]


# economic codes (basic expenditure) -> the function code that spends the same money; the economic side adds the
# codes printed (公务员医疗补助缴费 30111 is part of 行政事业单位医疗 21011 where a document budgets it)
MIRRORED = ((("30113",), "2210201"), (("30108",), "2080505"), (("30110", "30111"), "21011"))


def mirrors(tables: Tables, cells: CellSink | None = None) -> list[dict]:
    """Economic codes against the function code that mirrors them, on any document that prints an economic table
    of basic expenditure and a function table: the function row's 基本支出 where the table prints it, else its
    合计; both in one basis (a 决算's 决算数)."""
    cells = cells or model.NoCells()
    economic = numbered.by_kind(tables, "basic_by_economic")
    scopes = (economic["scope"], *numbered.SCOPE_ORDER) if economic else numbered.SCOPE_ORDER
    function = numbered.by_kind(tables, "expenditure_by_function", scopes)
    if economic is None or function is None:
        missing = "基本支出经济分类表" if economic is None else "支出功能分类表"
        sides = Side("功能分类科目"), Side("经济分类科目")
        return [not_applicable(MIRRORS, f"本文件没有{missing}", "（本文件无此表）", *sides, schedules=[])]
    economic_cells = tables["basic_by_economic"].filter(pl.col("table_id") == economic["table_id"])
    basis = numbered.basis_of(economic_cells)
    all_economic = tuple(code for codes, _ in MIRRORED for code in codes)
    economic_rows = numbered.coded_rows(tables, "basic_by_economic", economic["table_id"], all_economic, basis)
    function_rows = numbered.coded_rows(
        tables, "expenditure_by_function", function["table_id"], tuple(code for _, code in MIRRORED), basis
    )
    out = []
    for codes, function_code in MIRRORED:
        printed = [economic_rows[code]["total"] for code in codes if "total" in economic_rows.get(code, {})]
        measures = function_rows.get(function_code, {})
        spent = measures.get("basic") if measures.get("basic", {}).get("amount_wan") is not None else None
        spent = spent or measures.get("total")
        if not printed and spent is None:
            continue
        printed_codes = [row["code"] for row in printed] or [codes[0]]
        instance = f"{'+'.join(printed_codes)} vs {function_code}"
        economic_label = " + ".join(f"{row['code']} {row['name']}" for row in printed) or f"{codes[0]} "
        stated = [row for row in printed if row["amount_wan"] is not None]  # a blank cell counts as nothing
        function_label = f"{numbered.table_label(function)} {function_code} {spent['name'] if spent else ''}"
        function_side = value_side(function_label, spent)
        summed = total(row["amount_wan"] for row in stated) if stated else None
        economic_side = Side(f"{numbered.table_label(economic)} {economic_label}", summed, lines_of(printed))
        note = BLANK_NOT_COUNTED if stated and len(stated) < len(printed) else None
        sides = (function_side, [spent] if spent else []), (economic_side, printed)
        compared = cited(cells, MIRRORS, instance, *sides, note=note)
        out.append(numbered.involving(compared, function, economic))
    return out


NO_LIST = "本文件没有另列项目清单（如部门整体绩效目标表中的项目支出情况）"
NOT_EVERY_FORM = "本文件的项目表不一定包括全部项目：只有另列的项目清单中每个项目都有项目表时才相加核对"


def _function_total(tables: Tables, kind: str, measure: str, scopes: tuple[str, ...]) -> tuple[str, dict | None]:
    """(the table's label, its 合计 row of this measure) for the first read table of this kind in the scopes' order."""
    found = numbered.by_kind(tables, kind, scopes)
    if found is None:
        return "", None
    in_table = model_table(tables, "expenditure_by_function").filter(
        pl.col("table_id") == found["table_id"], pl.col("level") == 0, pl.col("measure") == measure
    )
    return numbered.table_label(found), single(within.records_of(in_table))


def _listed(tables: Tables) -> list[dict]:
    """The department's project list (`listed_projects`): each listed project's budget-year amount."""
    return within.records_of(model_table(tables, "listed_projects").filter(pl.col("item") == "annual_total"))


def _budgets(tables: Tables) -> dict[str, dict]:
    """Each project form's year amount (its `annual_total` row), by the project's name."""
    budgets = {}
    for project, funds in within.forms(tables):
        annual = next((row for row in funds if row["item"] == "annual_total"), None)
        if annual is not None:
            budgets[project["project"]] = annual
    return budgets


def projects(tables: Tables) -> list[dict]:
    """across.projects_total and across.project_list: the projects' year amounts add up to the expenditure table's
    项目支出 (the forms' only where the document's own list shows that every project has one; the list's), and each
    listed project has the same amount on the list and on its form."""
    listed, budgets = _listed(tables), _budgets(tables)
    if not listed:
        return [not_printed(PROJECTS_TOTAL, NO_LIST), not_printed(PROJECT_LIST, NO_LIST)]
    list_label = within.table_label(tables, listed[0]["table_id"])
    label, stated_row = _function_total(tables, "expenditure", "project", ("all", *numbered.SCOPE_ORDER))
    stated = value_side(f"{label} 项目支出合计", stated_row)
    forms = list(budgets.values())
    form_tables = {row["table_id"] for row in forms}
    form_label = within.table_label(tables, next(iter(form_tables))) if len(form_tables) == 1 else "各项目表"
    out = []
    if forms and all(row["project_listed"] in budgets for row in listed):
        forms_sum = sum_side(f"{form_label} 各项目当年预算之和", forms)
        out.append(result(PROJECTS_TOTAL, "1-14 项目之和", stated, forms_sum))
    else:
        out.append(not_printed(PROJECTS_TOTAL, NOT_EVERY_FORM) | {"instance": "1-14 项目之和"})
    listed_sum = sum_side(f"{list_label} 项目支出情况之和", listed)
    out.append(result(PROJECTS_TOTAL, "1-13 项目之和", stated, listed_sum))
    for row in listed:
        form = budgets.get(row["project_listed"]) if row["project_listed"] else None
        theirs = f"{within.table_label(tables, form['table_id'])} {row['project_listed']}" if form else None
        ours = (f"{list_label} 项目{row['seq']} {row['project']}", row)
        out.append(agree(PROJECT_LIST, row["project"], ours, (theirs or f"{form_label} 无对应项目", form)))
    return out


def _funds_item(tables: Tables, item: str) -> tuple[str, dict | None]:
    """(the table's label, the budget year's row of this item) in `funds_by_year` (the latest year it prints)."""
    funds = model_table(tables, "funds_by_year")
    if funds.is_empty():
        return "", None
    latest = funds.filter(pl.col("year") == funds["year"].max(), pl.col("item") == item)
    return within.table_label(tables, funds["table_id"][0]), single(within.records_of(latest))


def categories(tables: Tables) -> list[dict]:
    """across.categories: the listed projects' amounts by category against the composition's 特定目标类 and 运转类
    (运转类 = the general-budget table's 公用经费 + the listed 其他运转类 projects)."""
    listed = _listed(tables)
    if model_table(tables, "funds_by_year").is_empty() or not listed:
        return [not_printed(CATEGORIES, NO_LIST if not listed else within.NO_FUNDS)]
    list_label = within.table_label(tables, listed[0]["table_id"])
    special = [r for r in listed if r["category"] == "特定目标类"]
    operating = [r for r in listed if r["category"] == "其他运转类"]
    general_label, public = _function_total(tables, "expenditure_by_function", "public", numbered.SCOPE_ORDER)
    operating_parts = [*operating, public] if public else operating
    funds_label, special_stated = _funds_item(tables, "特定目标类项目支出")
    _, operating_stated = _funds_item(tables, "运转类项目支出")
    special_sum = (f"{list_label} 特定目标类项目之和", special)
    operating_sum = total([public["amount_wan"] if public else None, *(r["amount_wan"] for r in operating)])
    operating_label = f"{general_label} 公用经费 + {list_label} 其他运转类项目之和"
    summed = Side(operating_label, operating_sum, lines_of(operating_parts))
    return [
        adds_up(CATEGORIES, "特定目标类", (f"{funds_label} 支出构成 特定目标类项目支出", special_stated), special_sum),
        result(CATEGORIES, "运转类", value_side(f"{funds_label} 支出构成 运转类项目支出", operating_stated), summed),
    ]


def personnel(tables: Tables) -> list[dict]:
    """across.personnel: the composition's 人员类项目支出 against the general-budget table's 人员经费."""
    funds_label, stated = _funds_item(tables, "人员类项目支出")
    if stated is None:
        return [not_printed(PERSONNEL, within.NO_FUNDS)]
    general_label, personnel_row = _function_total(tables, "expenditure_by_function", "personnel", numbered.SCOPE_ORDER)
    ours = (f"{funds_label} 支出构成 人员类项目支出", stated)
    return [agree(PERSONNEL, "人员类", ours, (f"{general_label} 基本支出 人员经费", personnel_row))]


def _per_project(records: list[dict]) -> dict[str, list[dict]]:
    """A listing's lines by the project of the document's project list they resolve to (basic expenditure and
    unresolved lines left out)."""
    grouped: dict[str, list[dict]] = {}
    for line in records:
        if line["is_line"] and line["project_listed"] and not line["basic_expenditure"]:
            grouped.setdefault(line["project_listed"], []).append(line)
    # in the order of the projects' codes where the list prints them, else by name
    return dict(sorted(grouped.items(), key=lambda item: (item[1][0]["project_listed_code"] or "", item[0])))


def _project_budgets(tables: Tables) -> dict[str, dict]:
    """The project list's (附表1-14) budget of each project this year: its 年度资金申请总额 / 当年预算 row."""
    listed = numbered.schedule(tables, "1-14")
    if listed is None or "project_funds" not in tables:
        return {}
    funds = tables["project_funds"].filter(pl.col("table_id") == listed["table_id"], pl.col("item") == "annual_total")
    return {row["project"]: row for row in funds.iter_rows(named=True)}


PURCHASES_FORM = "采购、购买服务的明细行须对应到项目表的项目才能核对"


def spending_vs_budget(tables: Tables) -> list[dict]:
    found = _numbered(tables, "1-11", "1-12")
    if found is None or numbered.template_schedule(tables, "1-14") is None:
        return numbered.unchecked(
            tables, (SERVICES_BUDGET, PROCUREMENT_BUDGET), ("1-11", "1-12", "1-14"), PURCHASES_FORM
        )
    out = []
    budgets = _project_budgets(tables)
    for rule, schedule in ((SERVICES_BUDGET, "1-12"), (PROCUREMENT_BUDGET, "1-11")):
        for name, lines in _per_project(found[schedule]).items():
            amount = total(line["amount_yuan"] for line in lines)
            spent = Side(
                f"附表{schedule} {name} 之和（折合万元）",
                amount / YUAN_PER_WAN if amount is not None else None,
                lines_of(lines),
            )
            budget = value_side(f"附表1-14 {name} 当年预算", budgets.get(name))
            within = spent.value is not None and budget.value is not None and spent.value <= budget.value
            at_most = "规则是“不超过”，相等或更少都算通过 / the rule is 'at most'"
            out.append(result(rule, name, budget, spent, status="pass" if within else "fail", note=at_most))
    return out


def services_in_procurement(tables: Tables) -> list[dict]:
    found = _numbered(tables, "1-11", "1-12")
    if found is None:
        return numbered.unchecked(tables, (SERVICES_IN_PROCUREMENT,), ("1-11", "1-12"), PURCHASES_FORM)
    out = []
    procurement = _per_project(found["1-11"])
    for name, lines in _per_project(found["1-12"]).items():
        for line in lines:
            if not line["includes_procurement"]:
                continue
            match = next((p for p in procurement.get(name, []) if p["amount_yuan"] == line["amount_yuan"]), None)
            ours = ("附表1-12 购买金额（标为包含政府采购）", line, "amount_yuan")
            theirs = ("附表1-11 同项目同金额的采购行", match, "amount_yuan")
            instance = f"{line['project']} · {line['service_content']}"
            out.append(agree(SERVICES_IN_PROCUREMENT, instance, ours, theirs, unit="元"))
    return out


NO_CHANGES = "本文件的项目表未按明细说明当年预算的增减"


def _in_years(row: dict, budget: str, previous: str) -> dict:
    """A result's descriptions with the rule's {budget}/{previous} placeholders made these years."""
    for key in ("description_zh", "description_en"):
        row[key] = row[key].replace("{previous}", previous).replace("{budget}", budget)
    return row


def research_fund_previous(tables: Tables) -> list[dict]:
    """derived.research_2022 on every project whose form states its line changes (`project_changes`): the year
    before's lines (this year's detail minus the stated change; a line gone this year counts 0 now) add up to the
    amount the form states for the year before."""
    changes = within.records_of(model_table(tables, "project_changes"))
    if not changes:
        return [_in_years(not_printed(RESEARCH_PREVIOUS, NO_CHANGES), "当", "上")]  # 当年, 上年
    details = within.records_of(model_table(tables, "project_expenses").filter(~pl.col("is_total")))
    forms = {(p["table_id"], p["project"]): (p, funds) for p, funds in within.forms(tables)}
    out = []
    for key in dict.fromkeys((c["table_id"], c["project"]) for c in changes):
        stated_changes = [c for c in changes if (c["table_id"], c["project"]) == key]
        budget = stated_changes[0]["year"]
        previous = budget - 1
        project, funds = forms.get(key, ({"project": key[1]}, []))
        lines_now = [d for d in details if (d["table_id"], d["project"]) == key]
        now = {d["item"]: d for d in lines_now}
        derived = Decimal(0)
        for item in set(now) | {c["item"] for c in stated_changes}:
            change = next((c["change_wan"] for c in stated_changes if c["item"] == item), Decimal(0))
            current = now[item]["amount_wan"] if item in now else Decimal(0)
            derived += current - change
        gone = [c["item"] for c in stated_changes if c["item"] not in now]
        stated = next((r for r in funds if r["item"] == "prior_year_total" and r["year"] == previous), None)
        example = f"（如{gone[0]}）" if gone else ""
        stated_side = value_side(f"{project['project']} 所述 {previous} 年预算", stated)
        recomputed = Side(f"Σ({budget} 明细 − 所述增减)", derived, lines_of([*lines_now, *stated_changes]))
        note = f"一个 {budget} 年不再有的明细{example}按 {budget} 年为 0 计"
        compared = result(RESEARCH_PREVIOUS, project["project"], stated_side, recomputed, note=note)
        out.append(_in_years(compared, str(budget), str(previous)))
    return out


def run(tables: Tables, cells: CellSink | None = None) -> list[dict]:
    """Every rule of this file: between the template's numbered schedules (on a document that numbers none of them,
    covered by the general rules or one not-applicable row each), the mirrors and 30231, the projects against the
    totals, the department's list and the listings; `cells` collects where the mirrors' sides were printed."""
    out = totals(tables) + classes(tables) + codes_1_3_vs_1_5(tables) + basic_1_5_vs_1_6(tables)
    out += three_public_vs_30231(tables, cells) + mirrors(tables, cells)
    out += projects(tables) + categories(tables) + personnel(tables)
    return out + spending_vs_budget(tables) + services_in_procurement(tables) + research_fund_previous(tables)


TEMPLATE_RULES = [
    TOTALS,
    CLASSES,
    CODES_1_3_1_5,
    BASIC_1_5_1_6,
    SERVICES_BUDGET,
    PROCUREMENT_BUDGET,
    SERVICES_IN_PROCUREMENT,
]


PROJECT_RULES = [
    within.FUNDS_COMPOSITION,
    within.FUNDS_SHARES,
    within.PROJECT_BUDGET,
    within.PROJECT_DETAILS,
    structure.FUNDING_NUMBERS,
    structure.FUNDING_LINES,
    structure.PROJECT_TEXTS,
    PROJECTS_TOTAL,
    PROJECT_LIST,
    CATEGORIES,
    PERSONNEL,
    RESEARCH_PREVIOUS,
]
