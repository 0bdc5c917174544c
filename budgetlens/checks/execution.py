"""Checks on a 决算's execution: what the narrative states per item against itself and against the tables.

- execution.rate: the stated rate (完成年初预算的 Z%) equals the stated actual over the budget it names, to the
  rate's printed decimals (a 三公 item's budget, when the sentence states none, is its table's 预算数);
- execution.amounts: the statement's actual (支出决算为 Y) equals the table's 决算数 of its item (the 一般公共预算
  function table by code; the 三公 table by item), and a stated 三公 budget the table's 预算数;
- execution.comparison: 小于 / 大于 / 持平 as stated agrees with the stated actual against the stated budget;
- execution.item: every statement names an item the function table prints (by 类/款/项 names);
- execution.basic_split: 人员经费合计 and 公用经费合计 of the basic economic table equal its 人员 (301, 303) and
  公用 (302, 310 …) classes, and together the function table's 基本支出 合计.

Where an input is not printed the result is "not_applicable" with the missing input named. Every rule reads
only `execution_statements` and the canonical tables; on a 预算 it has no statements and says so once.
"""

from __future__ import annotations

import re
from decimal import Decimal

import polars as pl

from budgetlens.canonical import templates
from budgetlens.checks import numbered
from budgetlens.checks.model import (
    BLANK_AS_NOTHING,
    Rule,
    Side,
    as_printed,
    blank_as_nothing,
    cited,
    not_applicable,
    nothing_found,
    printed_decimals,
    result,
)
from budgetlens.vocabulary import THREE_PUBLIC_ZH

RATE = Rule(
    "execution.rate",
    "narrative",
    ("说明",),
    "说明中“完成预算的 Z%”等于说明中的决算数除以所说的预算数（按说明写出的小数位比较）",
    "A stated execution rate equals the stated actual over the budget it names, to the rate's printed decimals",
)
AMOUNTS = Rule(
    "execution.amounts",
    "narrative",
    ("说明", "一般公共预算财政拨款支出决算表", "三公"),
    "说明中每个科目的支出决算数（及“三公”经费预算数）与表中同一科目的数一致",
    "The actual (and a stated 三公 budget) the narrative states per item equals the same item's amount in the tables",
)
COMPARISON = Rule(
    "execution.comparison",
    "narrative",
    ("说明",),
    "说明所说的“决算数小于/大于/持平预算数”与说明中的两个数相符",
    "The stated comparison (决算数小于 / 大于 / 持平 预算数) agrees with the two amounts the statement gives",
)
ITEM = Rule(
    "execution.item",
    "narrative",
    ("说明", "一般公共预算财政拨款支出决算表"),
    "说明中逐项说明的科目（类、款、项名称）在支出决算表中都有",
    "Every 类/款/项 the narrative's execution statements name is a row of the function table, by its names",
)
BASIC_SPLIT = Rule(
    "execution.basic_split",
    "within_table",
    ("基本支出决算表",),
    "人员经费合计、公用经费合计分别等于对应各类之和，二者之和等于基本支出合计",
    "人员经费合计 and 公用经费合计 equal their classes, and together the function table's 基本支出 合计",
)
PROCUREMENT = Rule(
    "execution.procurement_parts",
    "narrative",
    ("说明",),
    "政府采购金额等于货物、工程、服务采购金额之和",
    "The stated 政府采购金额 equals its goods, works and services amounts",
)
SUMMARY_BALANCE = Rule(
    "execution.summary_balance",
    "within_table",
    ("收入支出决算总表", "财政拨款收入支出决算总表"),
    "决算总表每一边：各项之和等于本年合计，本年合计加结转和结余等于总计；收入总计等于支出总计",
    "On each side of a 决算's summary the items add up to the 本年 total, the 本年 total and the balances to the "
    "总计, and the income 总计 equals the expenditure 总计",
)
RULES = [RATE, AMOUNTS, COMPARISON, ITEM, BASIC_SPLIT, PROCUREMENT, SUMMARY_BALANCE]
LEVEL_ONE = re.compile(r"^\s*[一二三四五六七八九十]+、")
THREE_PUBLIC_SUBJECTS = ("three_public_total", "overseas_travel", "vehicles", "vehicle_purchase", "vehicle_operation")
BUDGET_WORDS = {"budget_initial": "年初预算", "budget_full": "全年预算", "budget": "预算"}  # a statement's budgets
# what a stated comparison says of the actual against the budget, as the sign of actual − budget
SAID_SIGN = {"持平": 0, "一致": 0, "等于": 0, "小于": -1, "低于": -1, "大于": 1, "高于": 1, "超过": 1}
NOTHING_STATED = "没有说明给出这条规则要比较的内容 / no statement gives what this rule compares"


def _instance(statement: dict) -> str:
    subject = statement["subject"]
    names = "".join(
        f"{n}{level}" for n, level in zip(statement["names"] or [], ("（类）", "（款）", "（项）"), strict=False)
    )
    return f"第 {statement['page']} 页：{names or SUBJECT_WORDS.get(subject, subject)}"


# how a statement's subject is named where it names no 类/款/项
SUBJECT_WORDS = {"function_total": "支出合计", **THREE_PUBLIC_ZH}


def function_rows(tables: dict[str, pl.DataFrame], basis: str | None = None) -> tuple[dict[str | None, dict], dict]:
    """The total column by code of the function table a narrative speaks of (一般公共预算 first), the 合计 row
    under None, and that table's `schedules` row ({} where none prints codes); `basis`: its amounts of that basis
    only (a 决算's 决算数: actual)."""
    coded = tables["expenditure_by_function"]
    if basis is not None:
        if "basis" not in coded.columns:
            return {}, {}
        coded = coded.filter(pl.col("basis") == basis)
    coded = coded.filter((pl.col("measure") == "total") & pl.col("level").is_not_null())
    schedules = tables["schedules"].filter(pl.col("kind").is_in(["expenditure_by_function", "expenditure"]))
    order = {"general_budget": 0, "fiscal": 1, "all": 2}
    for schedule in sorted(schedules.to_dicts(), key=lambda s: (order.get(s["scope"], 3), s["table_id"])):
        rows = coded.filter(pl.col("table_id") == schedule["table_id"]).to_dicts()
        if any(r["code"] for r in rows):
            by_code: dict[str | None, dict] = {}
            for row in rows:
                by_code.setdefault(row["code"] if row["level"] else None, row)
            return by_code, schedule
    return {}, {}


def _three_public_cell(tables: dict[str, pl.DataFrame], item: str, actual: bool) -> dict | None:
    three = tables["three_public"]
    if "basis" not in three.columns:
        return None
    rows = three.filter((pl.col("item") == item) & ((pl.col("basis") == "actual") == actual)).to_dicts()
    return rows[0] if rows else None


def _budget_of(statement: dict, tables: dict[str, pl.DataFrame]) -> tuple[Decimal | None, str, dict | None]:
    """The budget a statement's rate and comparison are of: the one the rate names, else the one stated; a 三公
    item without a stated budget takes its table's 预算数. (value, label, table cell or None)."""
    order = {
        "budget_initial": ("budget_initial", "budget_full", "budget"),
        "budget_full": ("budget_full", "budget_initial", "budget"),
    }.get(statement["rate_against"] or "", ("budget_full", "budget_initial", "budget"))
    for basis in order:
        if statement[f"{basis}_wan"] is not None:
            return statement[f"{basis}_wan"], f"说明：{BUDGET_WORDS[basis]}", None
    if statement["subject"] in (*THREE_PUBLIC_SUBJECTS, "reception"):
        cell = _three_public_cell(tables, statement["subject"], actual=False)
        if cell is not None and cell["amount_wan"] is not None:
            return cell["amount_wan"], "“三公”经费表：预算数", cell
    return None, "", None


def _where(statement: dict) -> dict:
    return {"table_id": None, "page": statement["page"], "box": statement["box"], "source_lines": None}


def check_rates(statements: list[dict], tables: dict[str, pl.DataFrame], cells) -> list[dict]:
    results = []
    for statement in statements:
        if statement["rate_stated"] is None:
            continue
        instance = _instance(statement) + f" 完成{statement['rate_against_printed']}的{statement['rate_printed']}"
        stated = Side(f"说明：{statement['rate_printed']}", statement["rate_stated"])
        budget, label, cell = _budget_of(statement, tables)
        actual = statement["actual_wan"]
        cells.add(RATE, instance, "expected", [_where(statement)])
        if actual is None or budget is None:
            missing = "决算数" if actual is None else "预算数"
            why = f"执行率所依据的{missing}没有列出 / the {missing} the rate is of is not printed"
            results.append(not_applicable(RATE, why, instance, stated))
            continue
        if budget == 0:
            why = "预算数为 0，无法计算执行率 / the budget is 0: no rate can be computed from it"
            results.append(not_applicable(RATE, why, instance, stated))
            continue
        if cell is not None:
            cells.add(RATE, instance, "actual", [cell])
        printed = statement["rate_printed"].rstrip("%")
        decimals = printed_decimals(printed)
        computed = as_printed(Decimal(100) * actual / budget, printed)  # some documents cut a rate rather than round
        precision = f"100 × actual ÷ budget, rounded half up (or cut) to the {decimals} decimals printed"
        derived = Side(f"决算数 {actual} ÷ {label} {budget}", computed)
        results.append(result(RATE, instance, stated, derived, unit="%", precision=precision))
    return results


def check_amounts(statements: list[dict], tables: dict[str, pl.DataFrame], cells) -> list[dict]:
    results = []
    by_code, _ = function_rows(tables, "actual")
    title = {s["table_id"]: s["title"] for s in tables["schedules"].to_dicts()}
    for statement in statements:
        instance = _instance(statement) + " 支出决算数"
        stated = Side("说明：支出决算", statement["actual_wan"])
        if statement["subject"] in ("function_item", "function_total"):
            if statement["subject"] == "function_total" and statement["scope"] not in (None, "general_budget"):
                continue
            if statement["subject"] == "function_item" and statement["code"] is None:
                continue  # execution.item reports it
            key = statement["code"] if statement["subject"] == "function_item" else None
            row = by_code.get(key)
        else:
            row = _three_public_cell(tables, statement["subject"], actual=True)
        cells.add(AMOUNTS, instance, "expected", [_where(statement)])
        if statement["actual_wan"] is None:
            continue
        if row is not None:
            cells.add(AMOUNTS, instance, "actual", [row])
        if row is None or row["amount_wan"] is None:
            where = (
                "表中此项的决算数空白 / the table leaves its 决算数 blank"
                if row is not None
                else "没有表列出此项的决算数 / no table prints this item's 决算数"
            )
            results.append(not_applicable(AMOUNTS, where, instance, stated))
            continue
        table = Side(title.get(row["table_id"], row["table_id"]), row["amount_wan"])
        results.append(result(AMOUNTS, instance, stated, table))
        if statement["subject"] in (*THREE_PUBLIC_SUBJECTS, "reception"):
            budget_cell = _three_public_cell(tables, statement["subject"], actual=False)
            for basis, label in BUDGET_WORDS.items():
                if statement[f"{basis}_wan"] is None:
                    continue
                budget_instance = _instance(statement) + f" {label}"
                said = Side(f"说明：{label}", statement[f"{basis}_wan"])
                cells.add(AMOUNTS, budget_instance, "expected", [_where(statement)])
                if budget_cell is None or budget_cell["amount_wan"] is None:
                    why = "“三公”经费表没有列出它的预算数 / the 三公 table prints no 预算数 for it"
                    results.append(not_applicable(AMOUNTS, why, budget_instance, said))
                    continue
                cells.add(AMOUNTS, budget_instance, "actual", [budget_cell])
                table = Side("“三公”经费表：预算数", budget_cell["amount_wan"])
                results.append(result(AMOUNTS, budget_instance, said, table))
    return results


def check_comparisons(statements: list[dict], tables: dict[str, pl.DataFrame], cells) -> list[dict]:
    results = []
    for statement in statements:
        said = statement["comparison_stated"]
        if said is None:
            continue
        instance = _instance(statement) + f" 决算数{said}预算数"
        budget, label, cell = _budget_of(statement, tables)
        actual = statement["actual_wan"]
        cells.add(COMPARISON, instance, "expected", [_where(statement)])
        if budget is None or actual is None:
            why = "说明没有同时给出预算数和决算数 / the statement does not give both amounts"
            results.append(not_applicable(COMPARISON, why, instance))
            continue
        if cell is not None:
            cells.add(COMPARISON, instance, "actual", [cell])
        sign = (actual > budget) - (actual < budget)
        shown = {-1: "小于", 0: "等于", 1: "大于"}[sign]
        if said.startswith("基本") and sign:
            why = f"“基本持平”没有界限可核对：决算数 {actual}，{label} {budget} / 基本持平 sets no bound"
            results.append(not_applicable(COMPARISON, why, instance))
            continue
        stated_sign = 0 if said.startswith("基本") else SAID_SIGN.get(said)
        if stated_sign is None:
            continue
        sides = Side("说明所说", text=said), Side(f"决算数 {actual} 与 {label} {budget}", text=shown)
        verdict = "pass" if sign == stated_sign else "fail"
        results.append(result(COMPARISON, instance, *sides, unit="", status=verdict))
    return results


def check_items(statements: list[dict], tables: dict[str, pl.DataFrame], cells) -> list[dict]:
    results = []
    for statement in statements:
        if statement["subject"] != "function_item":
            continue
        instance = _instance(statement)
        cells.add(ITEM, instance, "expected", [_where(statement)])
        names = "/".join(statement["names"] or [])
        if statement["binding"] == "names":
            continue
        if statement["binding"] == "item_within_class":
            coded = tables["expenditure_by_function"]
            parent = coded.filter(pl.col("code") == statement["code"][:5]).head(1).to_dicts()
            table_names = f"{statement['code'][:5]} {parent[0]['name']}" if parent else statement["code"][:5]
            said = Side("说明的款", text=statement["names"][1])
            sides = said, Side(f"表中 {statement['code']} 所在的款", text=table_names)
            note = (
                f"说明中的{names}按项的名称是表中的 {statement['code']}，但所在的款不同"
                f" / the narrative's {names} is the table's {statement['code']} by its 项 name; the 款 differs"
            )
        else:
            sides = Side("说明的科目", text=names), Side("支出决算表", text="没有同名的科目")
            note = (
                "说明所写的类、款、项名称，支出功能分类表中没有同名的科目"
                " / no row of the function table has the 类/款/项 names the narrative gives"
            )
        results.append(result(ITEM, instance, *sides, unit="", status="fail", note=note))
    bound = [s for s in statements if s["subject"] == "function_item" and s["binding"] == "names"]
    if bound and not results:
        found = f"{len(bound)} 个科目都在表中"
        results.append(nothing_found(ITEM, "逐项说明的科目", "说明的科目", "支出决算表", found))
    return results


def check_basic_split(tables: dict[str, pl.DataFrame], cells) -> list[dict]:
    economic = tables["basic_by_economic"]
    if "basis" not in economic.columns:
        return []
    economic = economic.filter((pl.col("basis") == "actual") & (pl.col("measure") == "total"))
    results = []
    for table_id in economic["table_id"].unique(maintain_order=True).to_list():
        rows = economic.filter(pl.col("table_id") == table_id).to_dicts()
        totals = {
            part: row
            for row in rows
            if row["code"] is None
            for label, part in templates.BASIC_SPLIT_TOTALS
            if row["name"] and label in row["name"]
        }
        if not totals:
            continue
        classes = [r for r in rows if r["level"] == 1]
        for part, row in totals.items():
            codes = templates.BASIC_SPLIT_CLASSES[part]
            members = [r for r in classes if r["code"] in codes]
            summed = Side(" + ".join(r["code"] for r in members) + " 之和", blank_as_nothing(members))
            stated = (Side(row["name"], row["amount_wan"]), [row])
            summed_side = (summed, members)
            results.append(cited(cells, BASIC_SPLIT, row["name"], summed_side, stated, precision=BLANK_AS_NOTHING))
        function_id = function_rows(tables, "actual")[1].get("table_id")
        basic = function_id and numbered.table_total(tables, "expenditure_by_function", function_id, "basic")
        if len(totals) == 2 and basic and basic[0]["amount_wan"] is not None:
            parts = list(totals.values())
            both = (Side("人员经费合计 + 公用经费合计", blank_as_nothing(parts)), parts)
            stated = (Side("支出决算表 合计 基本支出", basic[0]["amount_wan"]), basic)
            results.append(cited(cells, BASIC_SPLIT, "人员经费合计 + 公用经费合计 = 基本支出合计", both, stated))
    return results


def check_procurement_parts(tables: dict[str, pl.DataFrame], cells) -> list[dict]:
    figures = tables["narrative_figures"].to_dicts()
    totals = [f for f in figures if f["target"] == "procurement_total"]
    parts = [f for f in figures if f["target"] in templates.PROCUREMENT_PARTS]
    if not totals or not parts:
        return []
    total = totals[0]
    instance = f"第 {total['page']} 页：政府采购金额 {total['amount_printed']}万元"
    named = {f["target"] for f in parts}
    cells.add(PROCUREMENT, instance, "expected", [_where(f) for f in parts])
    cells.add(PROCUREMENT, instance, "actual", [{**total, "table_id": None}])
    stated = Side("货物 + 工程 + 服务", sum((f["amount_wan"] for f in parts), Decimal(0)))
    if named != set(templates.PROCUREMENT_PARTS):
        missing = ", ".join(sorted(set(templates.PROCUREMENT_PARTS) - named))
        why = f"说明没有写出政府采购的货物、工程、服务全部三项 / the narrative does not state {missing}"
        return [not_applicable(PROCUREMENT, why, instance, stated)]
    return [result(PROCUREMENT, instance, stated, Side("说明：政府采购金额", total["amount_wan"]))]


def check_summary_balance(tables: dict[str, pl.DataFrame], cells) -> list[dict]:
    """A 决算's two-sided summaries (basis actual), per side and amount column: the 一、二、… items before the 本年
    total add up to it; the 本年 total and the unnumbered lines after it (年初结转和结余, 使用非财政拨款结余 …; a
    numbered line there breaks a balance down) add up to the 总计; and income 总计 = expenditure 总计."""
    summary = tables["summary_lines"]
    if "basis" not in summary.columns:
        return []
    summary = summary.filter(pl.col("basis") == "actual")
    titles = {s["table_id"]: s["title"] for s in tables["schedules"].to_dicts()}
    results = []
    for (table_id, measure), group in summary.group_by(["table_id", "measure"], maintain_order=True):
        grand: dict[str, dict] = {}
        for side in ("income", "expenditure"):
            rows = group.filter(pl.col("side") == side).sort("row").to_dicts()
            current = next((i for i, r in enumerate(rows) if r["row_kind"] == "total" and "本年" in r["label"]), None)
            final = next((i for i in range(len(rows) - 1, -1, -1) if "总计" in rows[i]["label"]), None)
            side_zh = "收入" if side == "income" else "支出"
            name = f"{titles.get(table_id, table_id)} {side_zh} [{measure}]"
            if current is not None:
                items = [r for r in rows[:current] if LEVEL_ONE.match(r["label"]) and r["row_kind"] == "item"]
                if items and (rows[current]["amount_wan"] is not None or any(r["amount_wan"] for r in items)):
                    instance = f"{name} 各项之和 = {rows[current]['label']}"
                    summed = (Side("各项之和", blank_as_nothing(items)), items)
                    stated = (Side(rows[current]["label"], rows[current]["amount_wan"]), [rows[current]])
                    results.append(cited(cells, SUMMARY_BALANCE, instance, summed, stated, precision=BLANK_AS_NOTHING))
            if current is not None and final is not None and final > current:
                parts = [rows[current]] + [r for r in rows[current + 1 : final] if not LEVEL_ONE.match(r["label"])]
                if rows[final]["amount_wan"] is not None:
                    instance = f"{name} {' + '.join(r['label'] for r in parts)} = 总计"
                    summed = (Side(" + ".join(r["label"] for r in parts), blank_as_nothing(parts)), parts)
                    stated = (Side("总计", rows[final]["amount_wan"]), [rows[final]])
                    results.append(cited(cells, SUMMARY_BALANCE, instance, summed, stated, precision=BLANK_AS_NOTHING))
            if final is not None and rows[final]["amount_wan"] is not None:
                grand[side] = rows[final]
        if len(grand) == 2:
            instance = f"{titles.get(table_id, table_id)} [{measure}] 收入总计 = 支出总计"
            income, spent = (
                (Side(f"{w}总计", r["amount_wan"]), [r])
                for w, r in (("收入", grand["income"]), ("支出", grand["expenditure"]))
            )
            results.append(cited(cells, SUMMARY_BALANCE, instance, income, spent))
    return results


def run(tables: dict[str, pl.DataFrame], cells) -> list[dict]:
    """Every execution rule's results (none on a document without execution statements, a 预算)."""
    statements = tables["execution_statements"].to_dicts() if "execution_statements" in tables else []
    results = [*check_basic_split(tables, cells), *check_summary_balance(tables, cells)]
    results += check_procurement_parts(tables, cells)  # a 预算's narrative states its parts too
    if not statements:
        return results  # a 预算 (or a 决算 stating no execution): these rules have nothing to compare
    checks = ((RATE, check_rates), (AMOUNTS, check_amounts), (COMPARISON, check_comparisons), (ITEM, check_items))
    for rule, check in checks:
        found = check(statements, tables, cells)
        results += found or [not_applicable(rule, NOTHING_STATED)]
    return results
