"""第三部分's figures against the tables they describe, and 第一部分's counts against later mentions.

Each narrative fact is looked up by (section, subject) in `sources(years)`: a function that returns the
table side to compare with. A fact no table states is kept as `not_applicable` with the reason,
so every figure of the facts table has a row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache

import polars as pl

from budgetlens.checks import numbered
from budgetlens.checks.model import Rule, Side, lines_of, result, round2, rows, total, value_side
from budgetlens.vocabulary import THREE_PUBLIC_ITEMS, THREE_PUBLIC_SECTION, THREE_PUBLIC_SUBJECTS
from budgetlens.years import Years

Tables = dict[str, pl.DataFrame]
Source = Callable[[Tables], Side]

AMOUNTS = Rule(
    "narrative.amounts",
    "narrative",
    ("第三部分",),
    "情况说明中的每个金额等于它所描述的表中的数字",
    "Every amount in the narrative equals the table figure it describes",
)
CHANGES = Rule(
    "narrative.changes",
    "narrative",
    ("第三部分", "1-13"),
    "情况说明中与 {previous} 年相比的增减额，按表中 {previous}、{budget} 年数字重新计算后一致",
    "Each change from {previous} stated in the narrative equals the change recomputed from the tables",
)
PERCENTAGES = Rule(
    "narrative.percentages",
    "narrative",
    ("第三部分",),
    "情况说明中的增减百分比 = 增减额 ÷ 上年数（按文件保留两位小数比较）",
    "Each percentage change = change ÷ previous year's amount (compared at the document's two decimals)",
)
COUNTS = Rule(
    "narrative.counts",
    "narrative",
    ("第一部分", "第三部分", "1-14"),
    "情况说明中的单位数、项目数、车辆数与第一部分及各表一致",
    "Counts in the narrative (units, projects, vehicles) agree with 第一部分 and the tables",
)
ECONOMIC_SPLIT = Rule(
    "narrative.economic_split",
    "narrative",
    ("第三部分", "1-5", "1-6"),
    "情况说明按经济分类的支出之和等于支出合计，扣除基本支出部分后等于项目支出",
    "The narrative's economic split adds up to total spending, and less the basic part (1-6) to project spending",
)
MENTIONS = Rule(
    "profile.mentions",
    "narrative",
    ("第一部分", "1-13", "1-14", "第三部分"),
    "第一部分的单位数与后文（目标、项目说明、情况说明）中提到的“下属 N 个/家 …单位”一致",
    "第一部分's unit counts agree with every later mention (下属 N 个/家 … in goals, projects, narrative)",
)


def _numbered(number: str, column: str, label: str, **where) -> Source:
    """An amount of 附表`number` (found by the number the document prints), on its one row matching `where`."""
    return lambda t: value_side(label, numbered.only(numbered.records(t, number) or [], **where), column)


def _listed(table: str, number: str, t: Tables, **where) -> list[dict] | None:
    """The canonical rows of `table` that 附表`number` was read into, matching `where`; None: no such schedule."""
    found = numbered.schedule(t, number)
    return None if found is None or table not in t else rows(t[table], table_id=found["table_id"], **where)


def _summed(label: str, table: str, number: str, **where) -> Source:
    """The sum of 附表`number`'s rows matching `where` (none printed: 0; no such schedule: not stated)."""

    def side(t: Tables) -> Side:
        found = _listed(table, number, t, **where)
        return Side(label) if found is None else Side(label, total(r["amount_wan"] for r in found), lines_of(found))

    return side


def _project(name: str) -> Source:
    def side(t: Tables) -> Side:
        found = _listed("project_funds", "1-14", t, item="annual_total", project=name) or []
        return value_side(f"附表1-14 {name} 当年预算", found[0] if len(found) == 1 else None, "amount_wan")

    return side


def _fund(item: str, years: Years) -> Source:
    """附表1-13's 部门总体资金情况 row `item`, this year."""
    return lambda t: value_side(f"附表1-13 {item}", _fund_row(t, item, int(years.budget)), "amount_wan")


def _fund_row(t: Tables, item: str, year: int, section: str | None = None) -> dict | None:
    found = [r for r in rows(t.get("funds_by_year", EMPTY), item=item, year=year) if section in (None, r["section"])]
    return found[0] if len(found) == 1 else None


def _three_public(item: str) -> Source:
    """An 附表1-7 item, labelled with the name the table prints for it."""

    def side(t: Tables) -> Side:
        row = numbered.only(numbered.records(t, "1-7") or [], item=THREE_PUBLIC_ITEMS.get(item, item))
        return value_side(f"附表1-7 {row['name'] if row else item}", row, "amount_wan")

    return side


def _staffed(t: Tables, label: str) -> dict | None:
    found = rows(t.get("staffing", EMPTY), category="units", label=label)
    return found[0] if len(found) == 1 else None


def _profile(label: str) -> Source:
    return lambda t: Side(f"第一部分 {label}", *_profile_count(t, label))


def _profile_count(t: Tables, label: str) -> tuple[Decimal | None, list[int]]:
    record = _staffed(t, label)
    return (Decimal(record["count"]), list(record["source_lines"])) if record else (None, [])


def _units_total(t: Tables) -> Side:
    found = [p for p in (_staffed(t, label) for label in ("行政单位", "事业单位")) if p]
    return Side(
        "第一部分 行政单位 + 事业单位",
        Decimal(sum(p["count"] for p in found)) if len(found) == 2 else None,
        lines_of(found),
    )


def _projects_listed(t: Tables) -> Side:
    found = _listed("projects", "1-14", t) or []
    return Side("附表1-14 项目数", Decimal(len(found)), lines_of(found))


BUDGET, BASIC, THREE, ALL, INCOME, SPEND = (
    "一般公共预算支出安排情况",
    "一般公共预算基本支出安排情况",
    THREE_PUBLIC_SECTION,
    "部门收支预算总体安排情况",
    "部门收入预算安排情况",
    "部门支出预算安排情况",
)
EMPTY = pl.DataFrame()
TOTAL_1_5 = _numbered("1-5", "total", "附表1-5 合计", level=0)
BASIC_1_5 = _numbered("1-5", "basic", "附表1-5 基本支出", level=0)
PUBLIC_1_5 = _numbered("1-5", "public", "附表1-5 公用经费", level=0)
PROJECT_1_5 = _numbered("1-5", "project", "附表1-5 项目支出", level=0)
WAGES_1_6 = _numbered("1-6", "total", "附表1-6 301 工资福利支出", code="301")
FAMILIES_1_6 = _numbered("1-6", "total", "附表1-6 303 对个人和家庭的补助", code="303")
INCOME_1_2 = {  # 第三部分 部门收入预算安排情况's subjects -> 附表1-2's column on its 合计 row
    "部门预算收入": ("total", "合计"),
    "一般公共预算财政拨款收入": ("current_general_budget", "一般公共预算"),
    "政府性基金预算财政拨款收入": ("current_government_fund", "政府性基金预算"),
    "国有资本经营预算财政拨款收入": ("current_state_capital", "国有资本经营预算"),
    "事业收入": ("current_business_income", "事业收入"),
    "上级补助收入": ("current_superior_subsidy", "上级补助收入"),
    "附属单位上缴收入": ("current_affiliate_remittance", "附属单位上缴收入"),
    "事业单位经营收入": ("current_operating_income", "事业单位经营收入"),
    "其他收入": ("current_other_income", "其他收入"),
    "上年结转": ("carryover_total", "上年结转结余"),
}
SPEND_1_3 = {  # 部门支出预算安排情况's subjects -> 附表1-3's column on its 合计 row
    "部门预算支出": ("total", "合计"),
    "上缴上级支出": ("remit_to_superior", "上缴上级支出"),
    "对附属单位补助支出": ("subsidy_to_affiliates", "对附属单位补助支出"),
    "事业单位经营支出": ("business_operation", "事业单位经营支出"),
}
PROCUREMENT_KINDS = {"货物类": "goods", "工程类": "works", "服务类": "services"}


@cache
def sources(years: Years) -> dict[tuple[str, str], Source]:
    """(section, subject) -> the table side a narrative amount is compared with, for a document of these years."""

    def subtotal(side: str, label: str) -> Source:
        return lambda t: value_side(label, numbered.subtotal(numbered.records(t, "1-1") or [], side), "amount_wan")

    found: dict[tuple[str, str], Source] = {
        ("财政拨款收支预算总体情况", "一般公共预算财政拨款收入"): _numbered(
            "1-4",
            "amount_wan",
            "附表1-4 本年收入 一般公共预算拨款",
            side="income",
            name="一般公共预算拨款",
            parent_name="本年收入",
        ),
        ("财政拨款收支预算总体情况", "支出"): _numbered(
            "1-4", "amount_wan", "附表1-4 本年支出", side="expenditure", name="本年支出"
        ),
        (BUDGET, "一般公共预算财政拨款支出预算"): TOTAL_1_5,
        (BUDGET, "当年预算"): TOTAL_1_5,
        (BUDGET, "上年结转"): _numbered(
            "1-1", "amount_wan", "附表1-1 上年结转结余", side="income", row_kind="carryover"
        ),
        (BUDGET, "基本支出"): BASIC_1_5,
        (BUDGET, "项目支出"): PROJECT_1_5,
        (BUDGET, "财政专项资金-科学技术研究与开发资金"): _project("科学技术研究与开发资金"),
        (BASIC, "一般公共预算基本支出"): BASIC_1_5,
        (BASIC, "人员经费"): _numbered("1-5", "personnel", "附表1-5 人员经费", level=0),
        (ALL, "全年预算安排收入"): subtotal("income", "附表1-1 本年收入合计"),
        (ALL, "支出"): subtotal("expenditure", "附表1-1 本年支出合计"),
        (SPEND, "人员类项目"): _fund("人员类项目支出", years),
        (SPEND, "公用经费项目支出"): PUBLIC_1_5,
        (SPEND, "其他运转类项目支出"): _summed(
            "附表1-13 其他运转类项目之和", "listed_projects", "1-13", category="其他运转类", item="annual_total"
        ),
        (SPEND, "特定目标类项目支出"): _fund("特定目标类项目支出", years),
        ("机关运行经费情况", "参照公务员法管理事业单位的机关运行经费"): PUBLIC_1_5,
        ("政府采购预算情况", f"{years.budget}年部门预算中纳入政府采购预算支出合计"): _summed(
            "附表1-11 采购金额合计（折合万元）", "procurement", "1-11", measure="total", level=0
        ),
        ("预算绩效管理情况", "涉及一般公共预算本年财政拨款"): PROJECT_1_5,
    }
    for section in (BUDGET, BASIC, SPEND):
        found[(section, "工资福利支出")] = WAGES_1_6
        found[(section, "对个人和家庭的补助")] = FAMILIES_1_6
    for section in (BUDGET, BASIC):
        found[(section, "公用经费")] = PUBLIC_1_5
    for subject, (column, name) in INCOME_1_2.items():
        found[(INCOME, subject)] = _numbered("1-2", column, f"附表1-2 {name}", level=0)
    for subject, (column, name) in SPEND_1_3.items():
        found[(SPEND, subject)] = _numbered("1-3", column, f"附表1-3 {name}", level=0)
    for subject, category in PROCUREMENT_KINDS.items():
        found[("政府采购预算情况", subject)] = _summed(
            f"附表1-11 {subject}采购行之和（折合万元）",
            "procurement",
            "1-11",
            measure="total",
            level=2,
            category=category,
        )
    found.update({(THREE, subject): _three_public(item) for item, subject in THREE_PUBLIC_SUBJECTS.items()})
    return found


COUNT_SOURCES: dict[tuple[str, str], Source] = {
    ("“三公”经费的单位范围", "“三公”经费包括一级、二级单位"): _units_total,
    ("机关运行经费情况", "参照公务员法管理事业单位"): _profile("参照公务员法管理事业单位"),
    ("预算绩效管理情况", "个一级项目支出绩效目标"): _projects_listed,
}
# Changes from 上年 that a table can recompute: (section, subject) -> 附表1-13's funds row (item, section)
CHANGE_SOURCES: dict[tuple[str, str], tuple[str, str]] = {
    (BUDGET, "当年预算"): ("财政拨款", "income"),
    (ALL, "全年预算安排收入"): ("合计", "income"),
}
NOT_STATED = "没有表列出这个数字，无法核对 / no table states this figure"


def _fact_label(fact: dict) -> str:
    return f"第三部分「{fact['section']}」{fact['subject']}"


def _facts(tables: Tables) -> list[dict]:
    return rows(tables.get("narrative_items", EMPTY)) if "narrative_items" in tables else []


def amounts_and_counts(tables: Tables, years: Years) -> list[dict]:
    out = []
    known = sources(years)
    functions = {r["name"]: r for r in numbered.where(numbered.records(tables, "1-3") or [], level=1)}
    for fact in _facts(tables):
        key = (fact["section"], fact["subject"])
        stated = Side(_fact_label(fact), fact["value"], list(fact["source_lines"]))
        instance = f"{fact['section']} · {fact['subject']}"
        if fact["kind"] == "amount":
            source = known.get(key)
            if source is None and fact["subject"] in functions:
                label = f"附表1-3 类 {functions[fact['subject']]['code']} {fact['subject']}"
                source = _numbered("1-3", "total", label, level=1, name=fact["subject"])
            if source is None:
                out.append(result(AMOUNTS, instance, Side("（无对应表格）"), stated, note=NOT_STATED))
                continue
            table_side = source(tables)
            note = "表中此格为空白（未列示），文字说明写作 0" if table_side.value is None and table_side.lines else None
            out.append(result(AMOUNTS, instance, table_side, stated, note=note))
        elif fact["kind"] == "count":
            source = COUNT_SOURCES.get(key)
            unit = fact["unit_printed"]
            if source is None:
                out.append(result(COUNTS, instance, Side("（无对应表格）"), stated, unit=unit, note=NOT_STATED))
                continue
            out.append(result(COUNTS, instance, source(tables), stated, unit=unit))
    return out


def changes_and_percentages(tables: Tables, years: Years) -> list[dict]:
    previous, budget = years.previous, years.budget
    out = []
    facts = _facts(tables)
    for index, fact in enumerate(facts):
        if fact["kind"] not in ("change_amount", "change_pct"):
            continue
        key = (fact["section"], fact["subject"])

        def said(kind: str, upto: int, fact: dict = fact) -> dict | None:
            return next(
                (
                    f
                    for f in reversed(facts[:upto])
                    if f["kind"] == kind and f["subject"] == fact["subject"] and f["section"] == fact["section"]
                ),
                None,
            )

        amount, change = said("amount", index), said("change_amount", index + 1)
        stated = Side(_fact_label(fact), fact["value"], list(fact["source_lines"]))
        instance = f"{fact['section']} · {fact['subject']}"
        table_key = CHANGE_SOURCES.get(key)
        before, after = (
            (_fund_row(tables, table_key[0], int(year), table_key[1]) for year in (previous, budget))
            if table_key
            else (None, None)
        )
        found = before is not None and after is not None
        if fact["kind"] == "change_amount":
            if not found:
                out.append(
                    result(
                        CHANGES,
                        instance,
                        Side(f"（无 {previous} 年表格数字）"),
                        stated,
                        note=f"没有表列出 {previous} 年的这一数字 / no table gives the {previous} figure",
                    )
                )
                continue
            label = f"附表1-13 {after['item']} {budget} − {previous}"
            recomputed = after["amount_wan"] - before["amount_wan"]
            out.append(result(CHANGES, instance, Side(label, recomputed, list(after["source_lines"])), stated))
            continue
        # a percentage: from the tables where they give 上年, else from the narrative's own amount and change
        if found and before["amount_wan"]:
            base, delta = before["amount_wan"], after["amount_wan"] - before["amount_wan"]
            label = f"附表1-13 {after['item']} ({budget} − {previous}) ÷ {previous}"
            lines = list(after["source_lines"])
        elif amount is not None and change is not None and amount["value"] - change["value"]:
            base, delta = amount["value"] - change["value"], change["value"]
            label, lines = "第三部分 增减额 ÷ (金额 − 增减额)", list(amount["source_lines"])
        else:
            out.append(
                result(
                    PERCENTAGES,
                    instance,
                    Side("（无法重新计算）"),
                    stated,
                    unit="%",
                    note="上年数为 0 或未列出，百分比无从计算 / the base is zero or not stated",
                )
            )
            continue
        out.append(
            result(
                PERCENTAGES,
                instance,
                Side(label, round2(delta / base * 100), lines),
                stated,
                unit="%",
                precision="两位小数（文件的精度）/ two decimals, the document's precision",
            )
        )
    return out


def economic_split(tables: Tables) -> list[dict]:
    facts = [f for f in _facts(tables) if f["section"] == SPEND and f["kind"] == "amount"]
    economic = numbered.where(numbered.records(tables, "1-6") or [], level=1)
    economic_names = {r["name"] for r in economic}
    split = [f for f in facts if f["subject"] in economic_names]
    if not split:
        return []
    stated = Side("第三部分 按经济分类各项之和", total(f["value"] for f in split), lines_of(split))
    out = [result(ECONOMIC_SPLIT, "Σ经济分类 = 支出合计", TOTAL_1_5(tables), stated)]
    basic_found = [b for b in (numbered.only(economic, name=f["subject"]) for f in split) if b]
    project_part = Side(
        "第三部分 各经济分类 − 附表1-6 同类基本支出",
        stated.value - total(b["total"] for b in basic_found) if stated.value is not None else None,
        stated.lines + lines_of(basic_found),
    )
    out.append(result(ECONOMIC_SPLIT, "扣除基本支出后 = 项目支出", PROJECT_1_5(tables), project_part))
    return out


_MENTION = re.compile(r"下属\s*([0-9一二三四五六七八九十]+)\s*(?:个|家)\s*((?:参照公务员法管理)?(?:事业单位|二级单位))")
_CN = "一二三四五六七八九十"


def profile_mentions(tables: Tables) -> list[dict]:
    texts: list[tuple[str, str, list[int]]] = []
    for row in rows(tables.get("project_goals", EMPTY)) if "project_goals" in tables else []:
        texts.append((f"目标 {row['goal_kind']} {row['goal_number']}", row["text"], row["source_lines"]))
    for row in _listed("projects", "1-14", tables) or []:
        for column in ("reason", "content"):
            if row[column]:
                texts.append((f"{row['project']} {column}", row[column], row["source_lines"]))
    seen_sentences: set[str] = set()
    for row in _facts(tables):
        if row["statement"] not in seen_sentences:
            seen_sentences.add(row["statement"])
            texts.append((f"第三部分 {row['section']}", row["statement"], row["source_lines"]))
    out = []
    seen: set[tuple[str, str]] = set()
    for where, text, lines in texts:
        for match in _MENTION.finditer(text):
            number = match.group(1)
            count = int(number) if number.isdigit() else _CN.index(number) + 1
            label = match.group(2)
            if (where, match.group(0)) in seen:
                continue
            seen.add((where, match.group(0)))
            profile_value, profile_lines = _profile_count(tables, label)
            out.append(
                result(
                    MENTIONS,
                    f"{where}: {match.group(0)}",
                    Side(f"第一部分 {label}", profile_value, profile_lines),
                    Side(f"{where}「{match.group(0)}」", Decimal(count), list(lines)),
                    unit="个",
                )
            )
    return out


def run(tables: Tables, years: Years) -> list[dict]:
    return (
        amounts_and_counts(tables, years)
        + changes_and_percentages(tables, years)
        + economic_split(tables)
        + profile_mentions(tables)
    )


RULES = [AMOUNTS, CHANGES, PERCENTAGES, COUNTS, ECONOMIC_SPLIT, MENTIONS]
