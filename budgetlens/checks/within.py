"""Identities inside one schedule: items sum to their totals, columns add up."""

from __future__ import annotations

from functools import partial

import polars as pl

from budgetlens.canonical.model import model_table
from budgetlens.checks import numbered
from budgetlens.checks.model import (
    BLANK_NOT_COUNTED,
    TWO_DECIMALS,
    CellSink,
    Rule,
    Side,
    adds_up,
    agree,
    lines_of,
    not_applicable,
    result,
    round2,
    row_sum,
    single,
    value_side,
)

Tables = dict[str, pl.DataFrame]

_rule = partial(Rule, group="within_table")  # every rule of this file compares the cells of one table
SUMMARY_SIDES = _rule(
    "1-1.sides",
    schedules=("1-1",),
    zh="收支总表：各收入（支出）项目之和等于本年收入（支出）合计，合计加结转等于总计",
    en="1-1: the items on each side add up to 本年收入/支出合计, and 合计 plus carry-over equals 总计",
)
SUMMARY_BALANCE = _rule(
    "1-1.balance",
    schedules=("1-1",),
    zh="收支总表：收入总计等于支出总计",
    en="1-1: total income equals total expenditure",
)
INCOME_COLUMNS = _rule(
    "1-2.columns",
    schedules=("1-2",),
    zh="收入总表：每行合计 = 本年收入小计 + 上年结转小计，小计 = 各来源之和",
    en="1-2: on each row, 合计 = this year's subtotal + carry-over subtotal, and each subtotal = its sources",
)
INCOME_ROWS = _rule(
    "1-2.rows",
    schedules=("1-2",),
    zh="收入总表：合计行等于各部门行之和，部门行等于其下属单位行之和（每个金额列）",
    en="1-2: the 合计 row equals the department rows, a department equals its units, in every amount column",
)
FISCAL_SIDES = _rule(
    "1-4.sides",
    schedules=("1-4",),
    zh="财政拨款收支总表：各分项之和等于上级项目，收支总计相等",
    en="1-4: the sub-items add up to their item, and the two totals agree",
)
THREE_PUBLIC = _rule(
    "1-7.sum",
    schedules=("1-7",),
    zh="“三公”经费：合计 = 因公出国（境）+ 公务用车购置及运行 + 公务接待；公务用车 = 购置 + 运行",
    en="1-7: total = overseas travel + vehicles + reception; vehicles = purchase + operation",
)
PROCUREMENT_TOTALS = _rule(
    "1-11.totals",
    schedules=("1-11",),
    zh="政府采购预算表：各明细行之和等于合计行（每个金额列）",
    en="1-11: the procurement lines add up to each summary row, in every amount column",
)
PROCUREMENT_PRICE = _rule(
    "1-11.price",
    schedules=("1-11",),
    zh="政府采购预算表：采购金额 = 采购数量 × 单价",
    en="1-11: amount = quantity × unit price",
)
SERVICES_TOTALS = _rule(
    "1-12.totals",
    schedules=("1-12",),
    zh="政府购买服务预算表：各明细行之和等于合计行",
    en="1-12: the service lines add up to each summary row",
)
FUNDS_COMPOSITION = _rule(
    "1-13.composition",
    schedules=("1-13",),
    zh="部门整体绩效目标表：每年的收入构成、支出构成各项之和等于合计，收支合计相等",
    en="1-13: for each year, the income and expenditure items add up to their 合计, and the two agree",
)
FUNDS_SHARES = _rule(
    "1-13.shares",
    schedules=("1-13",),
    zh="部门整体绩效目标表：占比 = 金额 ÷ 合计（按文件保留两位小数比较）",
    en="1-13: each share = amount ÷ total (compared at the document's two decimals)",
)
PROJECT_BUDGET = _rule(
    "1-14.project_budget",
    schedules=("1-14",),
    zh="项目绩效目标表：项目总预算 = 当年预算 = 资金来源合计 = 支出明细合计",
    en="1-14: total budget = this year's budget = funding sources total = expense details total",
)
PROJECT_DETAILS = _rule(
    "1-14.details_sum",
    schedules=("1-14",),
    zh="项目绩效目标表：支出明细各行之和等于明细合计，资金来源各项之和等于来源合计，“其中”不超过其来源",
    en="1-14: the expense detail lines add up to their 合计, the funding sources to theirs, "
    "a 其中 line is at most its source",
)


def _coded_rules(schedule: str, measures: list[str], labels: dict[str, str]) -> tuple[Rule, Rule]:
    names = {"1-3": "支出总表", "1-5": "一般公共预算支出表", "1-6": "一般公共预算基本支出表"}[schedule]
    level_words = "每个类等于其下各款之和" + ("" if schedule == "1-6" else "，每个款等于其下各项之和")
    return (
        _rule(
            f"{schedule}.hierarchy",
            schedules=(schedule,),
            zh=f"{names}：{level_words}，合计等于各类之和（每个金额列）",
            en=f"{schedule}: each code equals the sum of its children and 合计 the sum of the top codes, "
            "in every column",
        ),
        _rule(
            f"{schedule}.row",
            schedules=(schedule,),
            zh=f"{names}：每行 " + " = ".join(labels.values()),
            en=f"{schedule}: on each row, " + " = ".join(labels),
        ),
    )


# schedule -> (its measures, in the order checked; what each row must satisfy, in English and Chinese)
CODED = {
    "1-3": (["total", "basic", "project"], {"total = basic + project": "合计 = 基本支出 + 项目支出"}),
    "1-5": (
        ["total", "basic", "personnel", "public", "project"],
        {"total = basic + project, basic = personnel + public": "合计 = 基本 + 项目，基本 = 人员经费 + 公用经费"},
    ),
    "1-6": (["total", "personnel", "public"], {"total = personnel + public": "合计 = 人员经费 + 公用经费"}),
}
MEASURE_WORDS = {
    "total": "合计",
    "basic": "基本支出",
    "project": "项目支出",
    "personnel": "人员经费",
    "public": "公用经费",
}
CODED_RULES = {schedule: _coded_rules(schedule, *spec) for schedule, spec in CODED.items()}
# schedule -> what each of its rows adds up: (instance suffix, the whole's column and word, its parts' columns, words)
ROW_SUMS = {
    "1-3": [("", "total", "合计", ("basic", "project"), "基本支出 + 项目支出")],
    "1-5": [
        (" · 合计", "total", "合计", ("basic", "project"), "基本支出 + 项目支出"),
        (" · 基本支出", "basic", "基本支出小计", ("personnel", "public"), "人员经费 + 公用经费"),
    ],
    "1-6": [("", "total", "合计", ("personnel", "public"), "人员经费 + 公用经费")],
}
COVERED_BY = "每张编码表的科目层级和各列之和由 canonical.hierarchy、canonical.columns_add_up 核对"
# the three rarely-used columns of 1-3 are blank in most documents: added only when stated
OPTIONAL_PARTS = ("business_operation", "remit_to_superior", "subsidy_to_affiliates")


def coded_tables(tables: Tables) -> list[dict]:
    out: list[dict] = []
    for schedule, (measures, _) in CODED.items():
        hierarchy, row_rule = CODED_RULES[schedule]
        records = numbered.records(tables, schedule)
        if records is None:
            out += numbered.covered(tables, (hierarchy, row_rule), (schedule,), COVERED_BY)
            continue
        # the sums canonical.hierarchy checks on every coded table, row by row in the template's measures and words
        found = [s for s in numbered.code_sums(numbered.template_cells(tables, schedule)) if s[0] in measures]
        for measure, parent, children in sorted(found, key=lambda s: (s[1]["row"], measures.index(s[0]))):
            name = f"{parent['code']} {parent['name']}" if parent["code"] else "合计"
            word = MEASURE_WORDS[measure]
            whole, parts = (f"附表{schedule} {name} {word}", parent), (f"附表{schedule} {name} 下级科目之和", children)
            out.append(adds_up(hierarchy, f"{name} · {word}", whole, parts))
        for record in records:
            name = f"{record['code']} {record['name']}" if record["code"] else "合计"
            for suffix, column, word, parts, parts_word in ROW_SUMS[schedule]:
                if schedule == "1-3":  # its rarely-used columns only where stated
                    parts = (*parts, *(c for c in OPTIONAL_PARTS if record.get(c) is not None))
                whole = (f"{name} {word}", column)
                out.append(row_sum(row_rule, name + suffix, record, whole, (f"{name} {parts_word}", parts)))
    return out


SUMMARY_COVERED_BY = "收支总表各方之和由 canonical.columns_add_up、canonical.same_figure 核对"


def summary_1_1(tables: Tables) -> list[dict]:
    records = numbered.records(tables, "1-1")
    if records is None:
        return numbered.covered(tables, (SUMMARY_SIDES, SUMMARY_BALANCE), ("1-1",), SUMMARY_COVERED_BY)
    out = []
    for side, word in (("income", "收入"), ("expenditure", "支出")):
        items = numbered.where(records, side=side, row_kind="item")
        subtotal = numbered.subtotal(records, side)
        whole, parts = (f"附表1-1 本年{word}合计", subtotal), (f"附表1-1 {word}各项之和", items)
        out.append(adds_up(SUMMARY_SIDES, f"本年{word}合计", whole, parts, "amount_wan"))
        carry = numbered.only(records, side=side, row_kind="carryover")
        parts = [r for r in (subtotal, carry) if r is not None]
        whole = (f"附表1-1 {word}总计", numbered.grand_total(records, side))
        out.append(adds_up(SUMMARY_SIDES, f"{word}总计", whole, (f"附表1-1 本年{word}合计 + 结转", parts)))
    return [*out, balance(SUMMARY_BALANCE, "附表1-1", records)]


def balance(rule: Rule, table: str, records: list[dict]) -> dict:
    """A summary's 收入总计 equals its 支出总计."""
    income = (f"{table} 收入总计", numbered.grand_total(records, "income"))
    spent = (f"{table} 支出总计", numbered.grand_total(records, "expenditure"))
    return agree(rule, "收入总计 = 支出总计", income, spent)


def income_1_2(tables: Tables) -> list[dict]:
    records = numbered.records(tables, "1-2")
    if records is None:
        return numbered.covered(tables, (INCOME_COLUMNS, INCOME_ROWS), ("1-2",), SUMMARY_COVERED_BY)
    columns = list(dict.fromkeys(column for record in records for column in record["columns"]))
    current = [c for c in columns if c.startswith("current_") and c != "current_total"]
    carry = [c for c in columns if c.startswith("carryover_") and c != "carryover_total"]
    out = []
    for record in records:
        name = record["name"]
        for suffix, column, word, parts, parts_word in (
            ("合计", "total", "合计", ("current_total", "carryover_total"), "本年收入小计 + 上年结转小计"),
            ("本年收入", "current_total", "本年收入小计", current, "本年收入各来源之和"),
            ("上年结转", "carryover_total", "上年结转小计", carry, "上年结转各来源之和"),
        ):
            whole = (f"{name} {word}", column)
            out.append(row_sum(INCOME_COLUMNS, f"{name} · {suffix}", record, whole, (f"{name} {parts_word}", parts)))
    total_row = numbered.only(records, level=0)
    departments = numbered.where(records, level=1)
    groups = [(total_row, departments, "合计 = Σ部门", "附表1-2 合计行", "附表1-2 部门行之和")] if total_row else []
    for department in departments:
        units = [r for r in numbered.where(records, level=2) if (r["code"] or "").startswith(department["code"])]
        label = f"附表1-2 {department['name']}"
        groups.append((department, units, f"{department['code']} = Σ单位", label, "附表1-2 下属单位之和"))
    for parent, members, instance, parent_label, members_label in groups:
        if not members:
            continue
        for column in columns:
            summed = (members_label, members)
            out.append(adds_up(INCOME_ROWS, f"{instance} · {column}", (parent_label, parent), summed, column))
    return out


def fiscal_1_4(tables: Tables) -> list[dict]:
    records = numbered.records(tables, "1-4")
    if records is None:
        return numbered.covered(tables, (FISCAL_SIDES,), ("1-4",), SUMMARY_COVERED_BY)
    out = []
    for side in ("income", "expenditure"):
        for parent in numbered.where(records, side=side, level=1):
            children = numbered.where(records, side=side, parent_name=parent["name"])
            if not children:
                continue
            stated = [c for c in children if c["amount_wan"] is not None]
            summed = (f"附表1-4 {parent['name']} 各分项之和（空白不计）", stated)
            note = BLANK_NOT_COUNTED if len(stated) < len(children) else None
            whole = (f"附表1-4 {parent['label']}", parent)
            out.append(adds_up(FISCAL_SIDES, parent["label"], whole, summed, note=note))
    return [*out, balance(FISCAL_SIDES, "附表1-4", records)]


def three_public_1_7(tables: Tables) -> list[dict]:
    records = numbered.records(tables, "1-7")
    if records is None:
        return numbered.covered(tables, (THREE_PUBLIC,), ("1-7",), "“三公”经费之和由 canonical.three_public_parts 核对")
    out = []
    for whole, parts in sorted(numbered.three_public_sums(records), key=lambda s: records.index(s[0])):  # as printed
        name = whole["name_printed"]
        out.append(adds_up(THREE_PUBLIC, name, (f"附表1-7 {name}", whole), (f"附表1-7 {name} 各项之和", parts)))
    return out


LISTING_SUMS_BY = "明细之和由 canonical.listing_sums 核对（按分组、项目、品目列出的采购表）"
LISTING_FORM = "按单位汇总、逐行列出明细（采购另列数量和单价）的格式才能核对明细之和与单价"


def procurement_1_11(tables: Tables) -> list[dict]:
    records = numbered.records(tables, "1-11")
    if records is None:
        return numbered.covered(tables, (PROCUREMENT_TOTALS,), ("1-11",), LISTING_SUMS_BY) + numbered.unchecked(
            tables, (PROCUREMENT_PRICE,), ("1-11",), LISTING_FORM
        )
    lines = [r for r in records if r["is_line"]]
    out = []
    for summary in (r for r in records if not r["is_line"]):
        members = [
            r
            for r in lines
            if summary["unit_code"] is None
            or (r["unit_code"] or "").startswith(summary["unit_code"])
            or summary["level"] == 1
        ]
        for column, word in (
            ("amount_yuan", "采购金额合计"),
            ("sme_amount_yuan", "面向中小企业"),
            ("micro_amount_yuan", "面向小微企业"),
        ):
            whole, parts = (f"附表1-11 {summary['unit_name']} {word}", summary), (f"附表1-11 明细行{word}之和", members)
            out.append(adds_up(PROCUREMENT_TOTALS, f"{summary['unit_name']} · {word}", whole, parts, column, unit="元"))
    for line in lines:
        quantity, price = line["quantity"], line["unit_price_yuan"]
        product = quantity * price if quantity is not None and price is not None else None
        instance, amount = f"{line['project']} · {line['item']}", value_side("采购金额", line, "amount_yuan")
        priced = Side("采购数量 × 单价", product, list(line["source_lines"]))
        out.append(result(PROCUREMENT_PRICE, instance, amount, priced, unit="元"))
    return out


def services_1_12(tables: Tables) -> list[dict]:
    records = numbered.records(tables, "1-12")
    if records is None:
        return numbered.unchecked(tables, (SERVICES_TOTALS,), ("1-12",), LISTING_FORM)
    lines = [r for r in records if r["is_line"]]
    out, summed = [], ("附表1-12 明细行之和", lines)
    for summary in (r for r in records if not r["is_line"]):
        whole = (f"附表1-12 {summary['unit_name']} 购买金额", summary)
        out.append(adds_up(SERVICES_TOTALS, summary["unit_name"], whole, summed, "amount_yuan", unit="元"))
    return out


NO_FUNDS = "本文件未列出多年度的部门收支构成（部门总体资金情况）"
NO_FORMS = "本文件没有项目表（项目绩效目标表、项目支出表）"
NO_FUND_LINES = "本文件的项目表未列出资金来源和支出明细"
MULTI_YEAR = "项目跨年度实施（计划开始、完成日期不在同一年）：项目资金总额可以大于当年的年度资金"
# project_funds items of a form's 项目资金来源 lines, by level: 0 合计, 1 a numbered source, 2 a 其中 / 使用 line
SOURCE_LEVELS = {"sources_total": 0, "source": 1, "source_part": 2}


def table_label(tables: Tables, table_id: str | None) -> str:
    """How a result names a canonical table: its printed number (附表1-13), else its title."""
    listed = model_table(tables, "schedules").filter(pl.col("table_id") == table_id)
    return numbered.table_label(listed.row(0, named=True)) if listed.height else (table_id or "")


FORM_WORD = "绩效目标表"  # how the checks' table filter names a project form the document does not number


def on_form(row: dict, tables: Tables, table_id: str) -> dict:
    """A result naming the project form it checks: its printed number (1-14), else what it is."""
    listed = model_table(tables, "schedules").filter(pl.col("table_id") == table_id)
    key = numbered.schedule_key(listed.row(0, named=True)) if listed.height else ""
    return {**row, "schedules": [key or FORM_WORD]}


def not_printed(rule: Rule, reason: str) -> dict:
    """The one result of a rule whose inputs the document does not print: not applicable, saying which."""
    return not_applicable(rule, reason, "（本文件未列出）", schedules=[])


def records_of(frame: pl.DataFrame) -> list[dict]:
    """A canonical table's rows as dicts, `source_lines` [] where the row has none (a PDF's rows have a page)."""
    return [{**row, "source_lines": list(row["source_lines"] or [])} for row in frame.iter_rows(named=True)]


def funds_composition(tables: Tables) -> list[dict]:
    """1-13.composition and 1-13.shares over `funds_by_year`: each year's income and expenditure items add up to
    their 合计, the two 合计 agree, and each printed share is its amount ÷ its 合计 (at the document's two decimals)."""
    funds = model_table(tables, "funds_by_year")
    if funds.is_empty():
        return [not_printed(FUNDS_COMPOSITION, NO_FUNDS), not_printed(FUNDS_SHARES, NO_FUNDS)]
    out = []
    for (table_id,), table in funds.group_by("table_id", maintain_order=True):
        label = table_label(tables, table_id)
        records = records_of(table)

        def total_of(section: str, year: int, records: list[dict] = records) -> dict | None:
            return single([r for r in records if r["section"] == section and r["year"] == year and r["is_total"]])

        for year in sorted({r["year"] for r in records}):
            totals = {}
            for section, word in (("income", "收入构成"), ("expenditure", "支出构成")):
                items = [r for r in records if r["section"] == section and r["year"] == year and not r["is_total"]]
                totals[section] = total_of(section, year)
                whole, parts = (
                    (f"{label} {year}年 {word} 合计", totals[section]),
                    (f"{label} {year}年 {word} 各项之和", items),
                )
                out.append(adds_up(FUNDS_COMPOSITION, f"{year} {word}", whole, parts, "amount_wan"))
            income = (f"{label} {year}年 收入合计", totals["income"], "amount_wan")
            spent = (f"{label} {year}年 支出合计", totals["expenditure"], "amount_wan")
            out.append(agree(FUNDS_COMPOSITION, f"{year} 收入合计 = 支出合计", income, spent))
        for record in records:
            stated_total = total_of(record["section"], record["year"])
            if record["share_pct"] is None or record["amount_wan"] is None or stated_total is None:
                continue
            if not stated_total["amount_wan"]:
                continue
            computed = round2(record["amount_wan"] / stated_total["amount_wan"] * 100)
            divided = Side(f"{label} {record['item']} 金额 ÷ 合计", computed, lines_of([record, stated_total]))
            printed = value_side(f"{label} {record['item']} 占比（{record['share_printed']}）", record, "share_pct")
            out.append(
                result(FUNDS_SHARES, f"{record['item']} 占比", divided, printed, unit="%", precision=TWO_DECIMALS)
            )
    return out


def forms(tables: Tables) -> list[tuple[dict, list[dict]]]:
    """Each project form (a `projects` row) with its `project_funds` rows in printed order."""
    funds: dict[tuple, list[dict]] = {}
    for row in records_of(model_table(tables, "project_funds")):
        funds.setdefault((row["table_id"], row["project"]), []).append(row)
    return [(p, funds.get((p["table_id"], p["project"]), [])) for p in records_of(model_table(tables, "projects"))]


def source_lines(funds: list[dict]) -> list[dict]:
    """A form's 项目资金来源 lines in printed order, each with its `level` and printed `label`."""
    return [
        {**row, "level": SOURCE_LEVELS[row["item"]], "label": row["measure_printed"]}
        for row in funds
        if row["item"] in SOURCE_LEVELS
    ]


def _item(funds: list[dict], item: str) -> dict | None:
    return next((row for row in funds if row["item"] == item), None)


AT_MOST_ITS_SOURCE = "“其中”不超过上一级来源 / a 其中 line is at most its source"
UNDATED = "本项目表未写明计划开始、完成日期（本文件其他项目表写明）：无法判断项目资金总额是否只属当年"


def _period_note(project: dict, dated_forms: bool) -> str | None:
    """Why the form's total need not equal its year's amount: a project run over several years (its planned start
    and end in different years), or a form without the dates the document's other forms print; None: one year."""
    start, end = (project.get("start") or "")[:4], (project.get("end") or "")[:4]
    if start.isdigit() and end.isdigit():
        return MULTI_YEAR if start != end else None
    return UNDATED if dated_forms else None  # a template without dates (the text export's 1-14) holds one year


def project_money(tables: Tables, cells: CellSink | None = None) -> list[dict]:
    """1-14.project_budget and 1-14.details_sum on every project form: the year's budget against the project's
    total, its funding sources' 合计 and its expense details' 合计 (each where the document prints it); the details
    and the sources add up, a 其中 line is at most its source."""
    listed = forms(tables)
    if not listed:
        return [not_printed(PROJECT_BUDGET, NO_FORMS), not_printed(PROJECT_DETAILS, NO_FORMS)]
    expenses = model_table(tables, "project_expenses")
    details_by: dict[tuple, list[dict]] = {}
    for row in records_of(expenses):
        details_by.setdefault((row["table_id"], row["project"]), []).append(row)
    prints_sources = any(source_lines(funds) for _, funds in listed)
    dated_forms = any(project.get("start") or project.get("end") for project, _ in listed)
    out = []
    for project, funds in listed:
        name = project["project"]
        annual, whole = _item(funds, "annual_total"), _item(funds, "project_total")
        budget = value_side(f"{name} {annual['measure_printed'] if annual else '当年预算'}", annual)
        if whole is not None:
            period = _period_note(project, dated_forms)
            if cells is not None:
                cells.add(PROJECT_BUDGET, f"{name} · 总预算", "expected", [annual] if annual else [])
                cells.add(PROJECT_BUDGET, f"{name} · 总预算", "actual", [whole])
            stated = value_side(f"{name} {whole['measure_printed']}", whole)
            status = "not_applicable" if period else None
            out.append(result(PROJECT_BUDGET, f"{name} · 总预算", budget, stated, status=status, note=period))
        lines = source_lines(funds)
        funding_total = single([r for r in lines if r["level"] == 0])
        if prints_sources:
            stated = value_side(f"{name} 资金来源合计", funding_total)
            out.append(result(PROJECT_BUDGET, f"{name} · 资金来源合计", budget, stated))
        if not expenses.is_empty():
            details = details_by.get((project["table_id"], name), [])
            detail_total = single([r for r in details if r["is_total"]])
            stated = (f"{name} 支出明细合计", detail_total)
            out.append(result(PROJECT_BUDGET, f"{name} · 支出明细合计", budget, value_side(*stated)))
            summed = (f"{name} 支出明细各行之和", [r for r in details if not r["is_total"]])
            out.append(adds_up(PROJECT_DETAILS, f"{name} · 支出明细", stated, summed))
        if not prints_sources:
            continue
        for index, line in enumerate(lines):
            parent = next((r for r in reversed(lines[:index]) if r["level"] == 1), None)
            if line["level"] == 2 and line["amount_wan"] is not None and parent is not None:
                within = parent["amount_wan"] is not None and line["amount_wan"] <= parent["amount_wan"]
                sides = (f"{name} {parent['label']}", parent), (f"{name} {line['label']}", line)
                verdict = {"status": "pass" if within else "fail", "note": AT_MOST_ITS_SOURCE}
                out.append(agree(PROJECT_DETAILS, f"{name} · {line['label']}", *sides, **verdict))
        sources = [r for r in lines if r["level"] == 1 and r["amount_wan"] is not None]
        summed = (f"{name} 各资金来源之和（空白不计）", sources)
        out.append(adds_up(PROJECT_DETAILS, f"{name} · 资金来源", (f"{name} 资金来源合计", funding_total), summed))
    form_of = {project["project"]: project["table_id"] for project, _ in listed}  # instances are "<project> · …"
    out = [on_form(row, tables, form_of[row["instance"].split(" · ")[0]]) for row in out]
    if not any(row["rule_id"] == PROJECT_DETAILS.id for row in out):
        out.append(not_printed(PROJECT_DETAILS, NO_FUND_LINES))
    return out


def template_rules(tables: Tables) -> list[dict]:
    """The rules over the template's numbered schedules (附表1-1 … 1-7, 1-11, 1-12): on a document that numbers none
    of them, covered by the general rules (no row) or one not-applicable row each (`numbered.covered`)."""
    return (
        summary_1_1(tables)
        + income_1_2(tables)
        + coded_tables(tables)
        + fiscal_1_4(tables)
        + three_public_1_7(tables)
        + procurement_1_11(tables)
        + services_1_12(tables)
    )


def run(tables: Tables, cells: CellSink | None = None) -> list[dict]:
    """Every rule of this file: the template's numbered schedules, then the project forms' funds."""
    return template_rules(tables) + funds_composition(tables) + project_money(tables, cells)


TEMPLATE_RULES = [
    *[rule for rules in CODED_RULES.values() for rule in rules],
    SUMMARY_SIDES,
    SUMMARY_BALANCE,
    INCOME_COLUMNS,
    INCOME_ROWS,
    FISCAL_SIDES,
    THREE_PUBLIC,
    PROCUREMENT_TOTALS,
    PROCUREMENT_PRICE,
    SERVICES_TOTALS,
]
