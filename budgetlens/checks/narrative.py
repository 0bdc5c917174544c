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

from budgetlens.checks.model import Rule, Side, lines_of, one, result, round2, rows, total, value_side
from budgetlens.money import YUAN_PER_WAN
from budgetlens.vocabulary import THREE_PUBLIC_SECTION, THREE_PUBLIC_SUBJECTS
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


def _row(table: str, column: str, label: str, **where) -> Source:
    return lambda t: value_side(label, one(t[table], **where), column)


def _sum(table: str, column: str, label: str, scale: Decimal = Decimal(1), **where) -> Source:
    def side(t: Tables) -> Side:
        records = rows(t[table], **where)
        amount = total(r[column] for r in records)
        return Side(label, amount / scale if amount is not None else None, lines_of(records))

    return side


def _project(name: str, years: Years) -> Source:
    return _row("s14_projects", years.budget_column(years.budget), f"附表1-14 {name} 当年预算", project_name=name)


def _three_public(item: str) -> Source:
    """An 附表1-7 item, labelled with the name the table prints for it."""

    def side(t: Tables) -> Side:
        row = one(t["s07_three_public"], item=item)
        return value_side(f"附表1-7 {row['name'] if row else item}", row, "amount_wan")

    return side


def _profile(label: str) -> Source:
    return lambda t: Side(f"第一部分 {label}", *_profile_count(t, label))


def _profile_count(t: Tables, label: str) -> tuple[Decimal | None, list[int]]:
    record = one(t["profile_counts"], category="units", label=label)
    return (Decimal(record["count"]), list(record["source_lines"])) if record else (None, [])


def _units_total(t: Tables) -> Side:
    parts = [one(t["profile_counts"], category="units", label=label) for label in ("行政单位", "事业单位")]
    found = [p for p in parts if p]
    return Side(
        "第一部分 行政单位 + 事业单位",
        Decimal(sum(p["count"] for p in found)) if len(found) == 2 else None,
        lines_of(found),
    )


def _count_of(table: str, label: str) -> Source:
    return lambda t: Side(label, Decimal(t[table].height), lines_of(t[table].to_dicts()))


BUDGET, BASIC, THREE, ALL, INCOME, SPEND = (
    "一般公共预算支出安排情况",
    "一般公共预算基本支出安排情况",
    THREE_PUBLIC_SECTION,
    "部门收支预算总体安排情况",
    "部门收入预算安排情况",
    "部门支出预算安排情况",
)


@cache
def sources(years: Years) -> dict[tuple[str, str], Source]:
    """(section, subject) -> the table side a narrative amount is compared with, for a document of these years."""
    budget_amount = years.amount_column(years.budget)
    sources: dict[tuple[str, str], Source] = {
        ("财政拨款收支预算总体情况", "一般公共预算财政拨款收入"): _row(
            "s04_fiscal_summary",
            "amount_wan",
            "附表1-4 本年收入 一般公共预算拨款",
            side="income",
            name="一般公共预算拨款",
            parent_name="本年收入",
        ),
        ("财政拨款收支预算总体情况", "支出"): _row(
            "s04_fiscal_summary", "amount_wan", "附表1-4 本年支出", side="expenditure", name="本年支出"
        ),
        (BUDGET, "一般公共预算财政拨款支出预算"): _row("s05_general_budget", "total_wan", "附表1-5 合计", level=0),
        (BUDGET, "当年预算"): _row("s05_general_budget", "total_wan", "附表1-5 合计", level=0),
        (BUDGET, "上年结转"): _row(
            "s01_summary", "amount_wan", "附表1-1 上年结转结余", side="income", row_kind="carryover"
        ),
        (BUDGET, "基本支出"): _row("s05_general_budget", "basic_wan", "附表1-5 基本支出", level=0),
        (BUDGET, "工资福利支出"): _row("s06_basic_economic", "total_wan", "附表1-6 301 工资福利支出", code="301"),
        (BUDGET, "公用经费"): _row("s05_general_budget", "basic_public_wan", "附表1-5 公用经费", level=0),
        (BUDGET, "对个人和家庭的补助"): _row(
            "s06_basic_economic", "total_wan", "附表1-6 303 对个人和家庭的补助", code="303"
        ),
        (BUDGET, "项目支出"): _row("s05_general_budget", "project_wan", "附表1-5 项目支出", level=0),
        (BUDGET, "财政专项资金-科学技术研究与开发资金"): _project("科学技术研究与开发资金", years),
        (BASIC, "一般公共预算基本支出"): _row("s05_general_budget", "basic_wan", "附表1-5 基本支出", level=0),
        (BASIC, "人员经费"): _row("s05_general_budget", "basic_personnel_wan", "附表1-5 人员经费", level=0),
        (BASIC, "工资福利支出"): _row("s06_basic_economic", "total_wan", "附表1-6 301 工资福利支出", code="301"),
        (BASIC, "对个人和家庭的补助"): _row(
            "s06_basic_economic", "total_wan", "附表1-6 303 对个人和家庭的补助", code="303"
        ),
        (BASIC, "公用经费"): _row("s05_general_budget", "basic_public_wan", "附表1-5 公用经费", level=0),
        (ALL, "全年预算安排收入"): _row(
            "s01_summary", "amount_wan", "附表1-1 本年收入合计", side="income", row_kind="total"
        ),
        (ALL, "支出"): _row("s01_summary", "amount_wan", "附表1-1 本年支出合计", side="expenditure", row_kind="total"),
        (INCOME, "部门预算收入"): _row("s02_income", "total_wan", "附表1-2 合计", row_level="total"),
        (INCOME, "一般公共预算财政拨款收入"): _row(
            "s02_income", "current_general_budget_wan", "附表1-2 一般公共预算", row_level="total"
        ),
        (INCOME, "政府性基金预算财政拨款收入"): _row(
            "s02_income", "current_government_fund_wan", "附表1-2 政府性基金预算", row_level="total"
        ),
        (INCOME, "国有资本经营预算财政拨款收入"): _row(
            "s02_income", "current_state_capital_wan", "附表1-2 国有资本经营预算", row_level="total"
        ),
        (INCOME, "事业收入"): _row("s02_income", "current_business_income_wan", "附表1-2 事业收入", row_level="total"),
        (INCOME, "上级补助收入"): _row(
            "s02_income", "current_superior_subsidy_wan", "附表1-2 上级补助收入", row_level="total"
        ),
        (INCOME, "附属单位上缴收入"): _row(
            "s02_income", "current_affiliate_remittance_wan", "附表1-2 附属单位上缴收入", row_level="total"
        ),
        (INCOME, "事业单位经营收入"): _row(
            "s02_income", "current_operating_income_wan", "附表1-2 事业单位经营收入", row_level="total"
        ),
        (INCOME, "其他收入"): _row("s02_income", "current_other_income_wan", "附表1-2 其他收入", row_level="total"),
        (INCOME, "上年结转"): _row("s02_income", "carryover_total_wan", "附表1-2 上年结转结余", row_level="total"),
        (SPEND, "部门预算支出"): _row("s03_expenditure", "total_wan", "附表1-3 合计", level=0),
        (SPEND, "人员类项目"): _row("s13_funds", budget_amount, "附表1-13 人员类项目支出", item="人员类项目支出"),
        (SPEND, "公用经费项目支出"): _row("s05_general_budget", "basic_public_wan", "附表1-5 公用经费", level=0),
        (SPEND, "其他运转类项目支出"): _sum(
            "s13_projects", years.budget_column(years.budget), "附表1-13 其他运转类项目之和", category="其他运转类"
        ),
        (SPEND, "特定目标类项目支出"): _row(
            "s13_funds", budget_amount, "附表1-13 特定目标类项目支出", item="特定目标类项目支出"
        ),
        (SPEND, "上缴上级支出"): _row("s03_expenditure", "remit_to_superior_wan", "附表1-3 上缴上级支出", level=0),
        (SPEND, "对附属单位补助支出"): _row(
            "s03_expenditure", "subsidy_to_affiliates_wan", "附表1-3 对附属单位补助支出", level=0
        ),
        (SPEND, "事业单位经营支出"): _row(
            "s03_expenditure", "business_operation_wan", "附表1-3 事业单位经营支出", level=0
        ),
        (SPEND, "工资福利支出"): _row("s06_basic_economic", "total_wan", "附表1-6 301 工资福利支出", code="301"),
        (SPEND, "对个人和家庭的补助"): _row(
            "s06_basic_economic", "total_wan", "附表1-6 303 对个人和家庭的补助", code="303"
        ),
        ("机关运行经费情况", "参照公务员法管理事业单位的机关运行经费"): _row(
            "s05_general_budget", "basic_public_wan", "附表1-5 公用经费", level=0
        ),
        ("政府采购预算情况", f"{years.budget}年部门预算中纳入政府采购预算支出合计"): _sum(
            "s11_procurement", "amount_yuan", "附表1-11 采购金额合计（折合万元）", YUAN_PER_WAN, row_level="total"
        ),
        ("政府采购预算情况", "货物类"): _sum(
            "s11_procurement",
            "amount_yuan",
            "附表1-11 货物类采购行之和（折合万元）",
            YUAN_PER_WAN,
            row_level="line",
            category="goods",
        ),
        ("政府采购预算情况", "工程类"): _sum(
            "s11_procurement",
            "amount_yuan",
            "附表1-11 工程类采购行之和（折合万元）",
            YUAN_PER_WAN,
            row_level="line",
            category="works",
        ),
        ("政府采购预算情况", "服务类"): _sum(
            "s11_procurement",
            "amount_yuan",
            "附表1-11 服务类采购行之和（折合万元）",
            YUAN_PER_WAN,
            row_level="line",
            category="services",
        ),
        ("预算绩效管理情况", "涉及一般公共预算本年财政拨款"): _row(
            "s05_general_budget", "project_wan", "附表1-5 项目支出", level=0
        ),
    }
    sources.update({(THREE, subject): _three_public(item) for item, subject in THREE_PUBLIC_SUBJECTS.items()})
    return sources


COUNT_SOURCES: dict[tuple[str, str], Source] = {
    ("“三公”经费的单位范围", "“三公”经费包括一级、二级单位"): _units_total,
    ("机关运行经费情况", "参照公务员法管理事业单位"): _profile("参照公务员法管理事业单位"),
    ("预算绩效管理情况", "个一级项目支出绩效目标"): _count_of("s14_projects", "附表1-14 项目数"),
}
# Changes from 上年 that a table can recompute: (section, subject) -> 附表1-13's funds row (item, section)
CHANGE_SOURCES: dict[tuple[str, str], tuple[str, str]] = {
    (BUDGET, "当年预算"): ("财政拨款", "income"),
    (ALL, "全年预算安排收入"): ("合计", "income"),
}
NOT_STATED = "没有表列出这个数字，无法核对 / no table states this figure"


def _fact_label(fact: dict) -> str:
    return f"第三部分「{fact['section']}」{fact['subject']}"


def amounts_and_counts(tables: Tables, years: Years) -> list[dict]:
    out = []
    known = sources(years)
    functions = {r["name"]: r for r in rows(tables["s03_expenditure"], level=1)}
    for fact in tables["narrative_facts"].to_dicts():
        key = (fact["section"], fact["subject"])
        stated = Side(_fact_label(fact), fact["value"], list(fact["source_lines"]))
        instance = f"{fact['section']} · {fact['subject']}"
        if fact["kind"] == "amount":
            source = known.get(key)
            if source is None and fact["subject"] in functions:
                source = _row(
                    "s03_expenditure",
                    "total_wan",
                    f"附表1-3 类 {functions[fact['subject']]['code']} {fact['subject']}",
                    level=1,
                    name=fact["subject"],
                )
            if source is None:
                out.append(result(AMOUNTS, instance, Side("（无对应表格）"), stated, note=NOT_STATED))
                continue
            table_side = source(tables)
            note = "表中此格为空白（未列示），文字说明写作 0" if table_side.value is None and table_side.lines else None
            out.append(result(AMOUNTS, instance, table_side, stated, note=note))
        elif fact["kind"] == "count":
            source = COUNT_SOURCES.get(key)
            if source is None:
                out.append(result(COUNTS, instance, Side("（无对应表格）"), stated, unit=fact["unit"], note=NOT_STATED))
                continue
            out.append(result(COUNTS, instance, source(tables), stated, unit=fact["unit"]))
    return out


def changes_and_percentages(tables: Tables, years: Years) -> list[dict]:
    previous, budget = years.previous, years.budget
    before, after = years.amount_column(previous), years.amount_column(budget)
    out = []
    facts = tables["narrative_facts"].to_dicts()
    funds = tables["s13_funds"]
    for index, fact in enumerate(facts):
        if fact["kind"] not in ("change_amount", "change_pct"):
            continue
        key = (fact["section"], fact["subject"])
        amount = next(
            (
                f
                for f in reversed(facts[:index])
                if f["kind"] == "amount" and f["subject"] == fact["subject"] and f["section"] == fact["section"]
            ),
            None,
        )
        change = next(
            (
                f
                for f in reversed(facts[: index + 1])
                if f["kind"] == "change_amount" and f["subject"] == fact["subject"] and f["section"] == fact["section"]
            ),
            None,
        )
        stated = Side(_fact_label(fact), fact["value"], list(fact["source_lines"]))
        instance = f"{fact['section']} · {fact['subject']}"
        table_key = CHANGE_SOURCES.get(key)
        table_row = one(funds, item=table_key[0], section=table_key[1]) if table_key else None
        if fact["kind"] == "change_amount":
            if table_row is None:
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
            recomputed = table_row[after] - table_row[before]
            out.append(
                result(
                    CHANGES,
                    instance,
                    Side(
                        f"附表1-13 {table_row['item']} {budget} − {previous}",
                        recomputed,
                        list(table_row["source_lines"]),
                    ),
                    stated,
                )
            )
            continue
        # a percentage: from the tables where they give 上年, else from the narrative's own amount and change
        if table_row is not None and table_row[before]:
            base, delta = table_row[before], table_row[after] - table_row[before]
            label = f"附表1-13 {table_row['item']} ({budget} − {previous}) ÷ {previous}"
            lines = list(table_row["source_lines"])
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
    facts = [f for f in tables["narrative_facts"].to_dicts() if f["section"] == SPEND and f["kind"] == "amount"]
    economic_names = set(tables["s06_basic_economic"].filter(pl.col("level") == 1)["name"])
    split = [f for f in facts if f["subject"] in economic_names]
    if not split:
        return []
    stated = Side("第三部分 按经济分类各项之和", total(f["value"] for f in split), lines_of(split))
    out = [
        result(
            ECONOMIC_SPLIT,
            "Σ经济分类 = 支出合计",
            value_side("附表1-5 合计", one(tables["s05_general_budget"], level=0), "total_wan"),
            stated,
        )
    ]
    basic = [one(tables["s06_basic_economic"], name=f["subject"], level=1) for f in split]
    basic_found = [b for b in basic if b]
    project_part = Side(
        "第三部分 各经济分类 − 附表1-6 同类基本支出",
        stated.value - total(b["total_wan"] for b in basic_found) if stated.value is not None else None,
        stated.lines + lines_of(basic_found),
    )
    out.append(
        result(
            ECONOMIC_SPLIT,
            "扣除基本支出后 = 项目支出",
            value_side("附表1-5 项目支出", one(tables["s05_general_budget"], level=0), "project_wan"),
            project_part,
        )
    )
    return out


_MENTION = re.compile(r"下属\s*([0-9一二三四五六七八九十]+)\s*(?:个|家)\s*((?:参照公务员法管理)?(?:事业单位|二级单位))")
_CN = "一二三四五六七八九十"


def profile_mentions(tables: Tables) -> list[dict]:
    texts: list[tuple[str, str, list[int]]] = []
    for row in tables["goals"].to_dicts():
        texts.append((f"目标 {row['goal_kind']} {row['goal_number']}", row["text"], row["source_lines"]))
    for row in tables["s14_projects"].to_dicts():
        for column in ("reason", "content"):
            if row[column]:
                texts.append((f"{row['project_name']} {column}", row[column], row["source_lines"]))
    for row in tables["narrative_facts"].unique("sentence", maintain_order=True).to_dicts():
        texts.append((f"第三部分 {row['section']}", row["sentence"], row["source_lines"]))
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
