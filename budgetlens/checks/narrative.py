"""The narrative's rules: what the text states against the tables it describes, and against itself.

Two shapes of input, one rule set. A narrative read under its headings (`narrative_items`: the text export's
第三部分) is looked up by (section, subject) in `sources(years)`, the table side to compare with, found by the
schedule number the template prints (附表1-1 … 1-14, `numbered.records`); a fact no table states is kept as
`not_applicable` with the reason. A narrative read as printed lines (`text_lines`, `narrative_figures`: a PDF) is
read for its own arithmetic:

- ``narrative.percentages``: 增加 X 万元，增长 Y% — Y is X ÷ the previous amount (the table's, else the amount less
  X), compared at the digits printed (the computed value rounded half up or cut to them: documents do either).
- ``narrative.shares``: a list of 金额，占 Y% whose shares make 100 % — each Y is its amount ÷ the list's sum.
- ``narrative.changes_agree``: one figure (same item, year and compared year) is given one change only.
- ``narrative.same_item``: one item is given one amount within one paragraph.
- ``narrative.stray_digit``: a narrative amount that is the table's amount with one digit too many.
- ``narrative.operating_expenses_302``: 机关运行经费 equals 基本支出's 302 only where the narrative says this year's
  机关运行经费 is that scope; where it says it includes project spending, or says neither, not applicable.

Each rule runs where the document holds its inputs and is otherwise one ``not_applicable`` row with the reason.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache, partial

import polars as pl

from budgetlens.canonical.model import model_table
from budgetlens.checks import model, numbered
from budgetlens.checks.model import CellSink, NoCells, Rule, Side, cited, printed_number, result, rows, total
from budgetlens.vocabulary import THREE_PUBLIC_ITEMS, THREE_PUBLIC_SECTION, THREE_PUBLIC_SUBJECTS
from budgetlens.years import YEAR_WRITTEN, Years, document_years

Tables = dict[str, pl.DataFrame]
Source = Callable[[Tables], Side]

_rule = partial(Rule, group="narrative")  # every rule of this file reads the narrative
AMOUNTS = _rule(
    "narrative.amounts",
    schedules=("第三部分",),
    zh="情况说明中的每个金额等于它所描述的表中的数字",
    en="Every amount in the narrative equals the table figure it describes",
)
CHANGES = _rule(
    "narrative.changes",
    schedules=("第三部分", "1-13"),
    zh="情况说明中与 {previous} 年相比的增减额，按表中 {previous}、{budget} 年数字重新计算后一致",
    en="Each change from {previous} stated in the narrative equals the change recomputed from the tables",
)
PERCENTAGES = _rule(
    "narrative.percentages",
    schedules=("第三部分",),
    zh="情况说明中的增减百分比 = 增减额 ÷ 上年数（按文件保留两位小数比较）",
    en="Each percentage change = change ÷ previous year's amount (compared at the document's two decimals)",
)
COUNTS = _rule(
    "narrative.counts",
    schedules=("第一部分", "第三部分", "1-14"),
    zh="情况说明中的单位数、项目数、车辆数与第一部分及各表一致",
    en="Counts in the narrative (units, projects, vehicles) agree with 第一部分 and the tables",
)
ECONOMIC_SPLIT = _rule(
    "narrative.economic_split",
    schedules=("第三部分", "1-5", "1-6"),
    zh="情况说明按经济分类的支出之和等于支出合计，扣除基本支出部分后等于项目支出",
    en="The narrative's economic split adds up to total spending, and less the basic part (1-6) to project spending",
)
MENTIONS = _rule(
    "profile.mentions",
    schedules=("第一部分", "1-13", "1-14", "第三部分"),
    zh="第一部分的单位数与后文（目标、项目说明、情况说明）中提到的“下属 N 个/家 …单位”一致",
    en="第一部分's unit counts agree with every later mention (下属 N 个/家 … in goals, projects, narrative)",
)
SHARES = _rule(
    "narrative.shares",
    schedules=("说明",),
    zh="说明中一组“占X%”（合起来为100%）的每一项等于其金额除以这一组金额之和，按说明写出的位数比较",
    en="In a list of shares that make 100 %, each share equals its amount over the list's sum, at the digits printed",
)
CHANGES_AGREE = _rule(
    "narrative.changes_agree",
    schedules=("说明",),
    zh="同一个数（同一事项、同一年度、与同一年相比）在说明中只有一个增减额",
    en="One figure (same item, year and compared year) is given one change only",
)
SAME_ITEM = _rule(
    "narrative.same_item",
    schedules=("说明",),
    zh="同一段说明中，同一事项只有一个金额",
    en="Within one paragraph, one item has one amount",
)
EXECUTED_CHANGE = _rule(
    "narrative.executed_change",
    schedules=("说明",),
    zh="说明中一项所写的“本年预算安排”与本项金额一致，所写增减率与“上年预算执行数”相符（按说明写出的位数比较）",
    en="Where an item says 上年预算执行数 Y, 本年预算安排 W and a change of P %: W is the item's own amount "
    "stated before, and P is (W − Y) ÷ Y, at the digits printed",
)
STRAY_DIGIT = _rule(
    "narrative.stray_digit",
    schedules=("说明",),
    zh="说明中的金额与表中金额只差一个多出的数字（如 887.36 与 87.36），按表中金额核对其百分比",
    en="A narrative amount that is the table's amount with one extra digit (887.36 for 87.36)",
)
OPERATING_302 = _rule(
    "narrative.operating_expenses_302",
    schedules=("说明", "机关运行经费", "基本支出表"),
    zh="说明写明机关运行经费与基本支出中的商品和服务支出（302）口径相同时，两者金额相等；说明写明机关运行经费"
    "含项目支出、或没有这样说时不核对",
    en="Where the narrative says 机关运行经费 is (the same scope as) the basic expenditure's 商品和服务支出 (302), the "
    "two amounts are equal; not applicable where it says 机关运行经费 includes project spending, or says neither",
)
# The sides that hold a stated change (比2022年预算增加 0 万元), not the amount its sentence states: the two may be
# equal and printed on one line (the text export's line 2275: 因公出国(境)经费预算 0 万元，比 2022 年预算增加 0 万元),
# so a figure's amount is never put in dispute through them (overview_queries.contradicted, failing_sides).
CHANGE_SIDES = frozenset((rule.id, side) for rule in (CHANGES, CHANGES_AGREE) for side in ("expected", "actual"))
AS_PRINTED = replace(  # the same rule read off printed text: the digits printed set the precision
    PERCENTAGES,
    schedules=("说明",),
    zh="说明中的增减百分比等于所述增减额除以上年数（本年数减去增减额），按说明写出的位数比较",
    en="A stated percentage change equals the stated change over the previous amount (the amount less the "
    "change), at the digits printed",
)


def _numbered(number: str, column: str, label: str, **where) -> Source:
    """An amount of 附表`number` (found by the number the document prints), on its one row matching `where`."""
    return lambda t: model.value_side(label, numbered.only(numbered.records(t, number) or [], **where), column)


def _listed(table: str, number: str | None, t: Tables, **where) -> list[dict] | None:
    """The canonical rows of `table` that 附表`number` was read into (any, for a table only one schedule fills: the
    project list), matching `where`; None: the document prints no such schedule."""
    if number is None:
        return rows(t[table], **where) if table in t and not t[table].is_empty() else None
    found = numbered.schedule(t, number)
    return None if found is None or table not in t else rows(t[table], table_id=found["table_id"], **where)


def _summed(label: str, table: str, number: str | None, **where) -> Source:
    """The sum of 附表`number`'s rows matching `where` (none printed: 0; no such schedule: not stated)."""

    def side(t: Tables) -> Side:
        found = _listed(table, number, t, **where)
        return Side(label) if found is None else model.sum_side(label, found)

    return side


def _project(name: str) -> Source:
    def side(t: Tables) -> Side:
        found = _listed("project_funds", "1-14", t, item="annual_total", project=name) or []
        return model.value_side(f"附表1-14 {name} 当年预算", model.single(found))

    return side


def _project_named(tables: Tables, subject: str) -> str | None:
    """The 附表1-14 project a narrative subject names (the whole subject, or what follows its last dash)."""
    names = {row["project"] for row in _listed("projects", "1-14", tables) or []}
    return next((name for name in (subject, subject.rsplit("-", 1)[-1]) if name in names), None)


def _fund(item: str, years: Years) -> Source:
    """附表1-13's 部门总体资金情况 row `item`, this year."""
    return lambda t: model.value_side(f"附表1-13 {item}", _fund_row(t, item, int(years.budget)))


def _fund_row(t: Tables, item: str, year: int, section: str | None = None) -> dict | None:
    found = [r for r in rows(t.get("funds_by_year", EMPTY), item=item, year=year) if section in (None, r["section"])]
    return model.single(found)


def _three_public(item: str) -> Source:
    """An 附表1-7 item, labelled with the name the table prints for it."""

    def side(t: Tables) -> Side:
        row = numbered.only(numbered.records(t, "1-7") or [], item=THREE_PUBLIC_ITEMS.get(item, item))
        return model.value_side(f"附表1-7 {row['name_printed'] if row else item}", row)

    return side


def _staffed(t: Tables, label: str) -> dict | None:
    return model.one(t.get("staffing", EMPTY), category="units", label=label)


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
        model.lines_of(found),
    )


def _projects_listed(t: Tables) -> Side:
    found = _listed("projects", "1-14", t) or []
    return Side("附表1-14 项目数", Decimal(len(found)), model.lines_of(found))


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
        return lambda t: model.value_side(label, numbered.subtotal(numbered.records(t, "1-1") or [], side))

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
        (BASIC, "一般公共预算基本支出"): BASIC_1_5,
        (BASIC, "人员经费"): _numbered("1-5", "personnel", "附表1-5 人员经费", level=0),
        (ALL, "全年预算安排收入"): subtotal("income", "附表1-1 本年收入合计"),
        (ALL, "支出"): subtotal("expenditure", "附表1-1 本年支出合计"),
        (SPEND, "人员类项目"): _fund("人员类项目支出", years),
        (SPEND, "公用经费项目支出"): PUBLIC_1_5,
        (SPEND, "其他运转类项目支出"): _summed(
            "附表1-13 其他运转类项目之和", "listed_projects", None, category="其他运转类", item="annual_total"
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


def _stated(fact: dict) -> tuple[str, Side]:
    """(the instance, the stated side) of a fact of the narrative read under its headings."""
    said = Side(f"第三部分「{fact['section']}」{fact['subject']}", fact["value"], list(fact["source_lines"]))
    return f"{fact['section']} · {fact['subject']}", said


def _facts(tables: Tables) -> list[dict]:
    return rows(tables.get("narrative_items", EMPTY)) if "narrative_items" in tables else []


def amounts_and_counts(tables: Tables, years: Years) -> list[dict]:
    out = []
    known = sources(years)
    functions = {r["name"]: r for r in numbered.where(numbered.records(tables, "1-3") or [], level=1)}
    for fact in _facts(tables):
        key = (fact["section"], fact["subject"])
        instance, stated = _stated(fact)
        if fact["kind"] == "amount":
            source = known.get(key)
            if source is None and fact["subject"] in functions:
                label = f"附表1-3 类 {functions[fact['subject']]['code']} {fact['subject']}"
                source = _numbered("1-3", "total", label, level=1, name=fact["subject"])
            if source is None and (project := _project_named(tables, fact["subject"])):
                source = _project(project)  # 财政专项资金-<a project of 附表1-14>
            table_side = source(tables) if source else Side("（无对应表格）")
            note = "表中此格为空白（未列示），文字说明写作 0" if table_side.value is None and table_side.lines else None
            out.append(result(AMOUNTS, instance, table_side, stated, note=note if source else NOT_STATED))
        elif fact["kind"] == "count":
            source = COUNT_SOURCES.get(key)
            side, note = (source(tables), None) if source else (Side("（无对应表格）"), NOT_STATED)
            out.append(result(COUNTS, instance, side, stated, unit=fact["unit_printed"], note=note))
    return out


def changes_and_percentages(tables: Tables, years: Years) -> list[dict]:
    previous, budget = years.previous, years.budget
    out = []
    facts = _facts(tables)
    for index, fact in enumerate(facts):
        if fact["kind"] not in ("change_amount", "change_pct"):
            continue
        key = (fact["section"], fact["subject"])

        same = [f for f in facts[: index + 1] if f["subject"] == fact["subject"] and f["section"] == fact["section"]]
        amount = next((f for f in reversed(same[:-1]) if f["kind"] == "amount"), None)
        change = next((f for f in reversed(same) if f["kind"] == "change_amount"), None)
        instance, stated = _stated(fact)
        table_key = CHANGE_SOURCES.get(key)
        before, after = (
            (_fund_row(tables, table_key[0], int(year), table_key[1]) for year in (previous, budget))
            if table_key
            else (None, None)
        )
        found = before is not None and after is not None
        if fact["kind"] == "change_amount":
            if not found:
                why = f"没有表列出 {previous} 年的这一数字 / no table gives the {previous} figure"
                out.append(result(CHANGES, instance, Side(f"（无 {previous} 年表格数字）"), stated, note=why))
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
            why = "上年数为 0 或未列出，百分比无从计算 / the base is zero or not stated"
            out.append(result(PERCENTAGES, instance, Side("（无法重新计算）"), stated, unit="%", note=why))
            continue
        derived = Side(label, model.round2(delta / base * 100), lines)
        out.append(result(PERCENTAGES, instance, derived, stated, unit="%", precision=model.TWO_DECIMALS))
    return out


def economic_split(tables: Tables) -> list[dict]:
    facts = [f for f in _facts(tables) if f["section"] == SPEND and f["kind"] == "amount"]
    economic = numbered.where(numbered.records(tables, "1-6") or [], level=1)
    economic_names = {r["name"] for r in economic}
    split = [f for f in facts if f["subject"] in economic_names]
    if not split:
        return []
    stated = Side("第三部分 按经济分类各项之和", total(f["value"] for f in split), model.lines_of(split))
    out = [result(ECONOMIC_SPLIT, "Σ经济分类 = 支出合计", TOTAL_1_5(tables), stated)]
    basic_found = [b for b in (numbered.only(economic, name=f["subject"]) for f in split) if b]
    project_part = Side(
        "第三部分 各经济分类 − 附表1-6 同类基本支出",
        stated.value - total(b["total"] for b in basic_found) if stated.value is not None else None,
        stated.lines + model.lines_of(basic_found),
    )
    out.append(result(ECONOMIC_SPLIT, "扣除基本支出后 = 项目支出", PROJECT_1_5(tables), project_part))
    return out


_MENTION = re.compile(r"下属\s*([0-9一二三四五六七八九十]+)\s*(?:个|家)\s*((?:参照公务员法管理)?(?:事业单位|二级单位))")
_CN = "一二三四五六七八九十"


def profile_mentions(tables: Tables, text: Text | None = None, cells: CellSink | None = None) -> list[dict]:
    """Each 下属 N 个/家 …单位 in the goals, the project list's reasons and contents and the narrative (its
    sentences under headings, else its printed text) against 第一部分's count of those units."""
    if "staffing" not in tables or not rows(tables["staffing"], category="units"):
        return []
    texts: list[tuple[str, str, list[int], list[dict]]] = []  # (where, what it says, its lines, where printed)
    for row in rows(tables.get("project_goals", EMPTY)) if "project_goals" in tables else []:
        texts.append((f"目标 {row['goal_kind']} {row['goal_number']}", row["text"], row["source_lines"], []))
    for row in _listed("projects", "1-14", tables) or []:
        for column in ("reason", "content"):
            if row[column]:
                texts.append((f"{row['project']} {column}", row[column], row["source_lines"], []))
    facts = _facts(tables)
    for row in facts:
        if row["statement"] not in {said for _, said, _, _ in texts}:
            texts.append((f"第三部分 {row['section']}", row["statement"], row["source_lines"], []))
    if not facts and text is not None:
        texts += [
            (f"说明第 {text.page(m.start())} 页", m.group(0), [], text.place(m.start(), m.end()))
            for m in _MENTION.finditer(text.text)
        ]
    out = []
    seen: set[tuple[str, str]] = set()
    for where, said, lines, printed in texts:
        for match in _MENTION.finditer(said):
            number, label = match.group(1), match.group(2)
            if (where, match.group(0)) in seen:
                continue
            seen.add((where, match.group(0)))
            instance = f"{where}: {match.group(0)}"
            staffed = _staffed(tables, label)
            printed_count = [{**staffed, "table_id": None}] if staffed else []
            counted = Side(f"第一部分 {label}", *_profile_count(tables, label)), printed_count
            said = Decimal(int(number) if number.isdigit() else _CN.index(number) + 1)
            mention = Side(f"{where}「{match.group(0)}」", said, list(lines)), printed
            out.append(cited(cells or NoCells(), MENTIONS, instance, counted, mention, unit="个"))
    return out


NUMBER = r"\d[\d,]*(?:\.\d+)?"
PAGE_NUMBER = re.compile(r"^[\s\-—–－·第页]*\d{1,3}[\s\-—–－·页]*$")
CHANGE_THEN_PERCENT = re.compile(
    rf"(?P<way>增加|减少|增长|下降|上升|降低)了?\s*(?P<change>{NUMBER})\s*万元[）)]*\s*[，,]?\s*"
    rf"(?:同比)?(?P<pway>增长|增幅|下降了?|降幅|减少|降低|上升)(?:为)?\s*(?P<percent>{NUMBER})\s*[%％]"
)
AMOUNT = re.compile(rf"(?P<amount>{NUMBER})\s*万元")
SHARE = re.compile(
    rf"(?P<amount>{NUMBER})\s*万元\s*[，,]\s*占(?P<base>[^%％\d；;。]{{0,24}}?)\s*(?P<percent>{NUMBER})\s*[%％]"
)
BALANCED = "; one unit of the last digit allowed: the list's shares are printed to make 100 %"
NAMED_TOTAL = (
    "; the list's shares do not add to 100 %: each is held against the total the sentence names, allowing for the "
    "rounding of the printed amount and total"
)
# an amount said of the year before (上年预算数为 B 万元) is not the amount the change leads to
PRIOR_AMOUNT = re.compile(r"(上年|去年|上一年)[^，,。；;]*$")
DOWN = ("减少", "下降", "降低", "降幅")


@dataclass(frozen=True)
class Text:
    """The document's narrative as one string, and where each character was printed."""

    text: str
    # per character: (page, the line's index in text_lines, the line's box, the character's left and right edge or
    # None where text_lines does not give them)
    places: list[tuple[int, int, list[float] | None, tuple[float, float] | None]]

    def place(self, start: int, end: int) -> list[dict]:
        """The lines a span was printed on, as check-cell rows (no table): on each line the box of the span's own
        characters (their left to right, the line's top to bottom, as canonical.narrative boxes a figure), or the
        line's box where their edges are not known."""
        on_line: dict[int, tuple[int, list[float] | None, list[tuple[float, float] | None]]] = {}
        for page, line, box, edge in self.places[start:end]:
            on_line.setdefault(line, (page, box, []))[2].append(edge)
        return [
            {"table_id": None, "page": page, "box": _span_box(box, edges), "source_lines": None}
            for page, box, edges in on_line.values()
        ]

    def figure(self, start: int, end: int) -> list[dict]:
        """Where a figure (text[start:end], an amount or a percentage) was printed, with its unit (万元, %) where the
        unit follows on the same line: cited as narrative_figures cites a figure, amount and unit."""
        unit = UNIT_AFTER.match(self.text, end)
        if unit and self.places[unit.end() - 1][1] == self.places[end - 1][1]:
            end = unit.end()
        return self.place(start, end)

    def page(self, index: int) -> int:
        return self.places[min(index, len(self.places) - 1)][0]


UNIT_AFTER = re.compile(r"\s*(?:万元|[%％])")


def _span_box(box: list[float] | None, edges: list[tuple[float, float] | None]) -> list[float] | None:
    known = [edge for edge in edges if edge is not None]
    if box is None or not known or len(known) < len(edges):
        return box
    return [min(x0 for x0, _ in known), box[1], max(x1 for _, x1 in known), box[3]]


def narrative_text(text_lines: pl.DataFrame) -> Text:
    """The text lines joined (Chinese needs no space between lines), page numbers left out; each character with its
    edges where text_lines gives them (char_x0, char_x1: a line whose text was changed after reading has none)."""
    parts: list[str] = []
    places: list[tuple[int, int, list[float] | None, tuple[float, float] | None]] = []
    for index, row in enumerate(text_lines.to_dicts()):
        printed = row["text"] or ""
        line = printed.strip()
        if not line or PAGE_NUMBER.match(line):
            continue
        lefts, rights = row.get("char_x0"), row.get("char_x1")
        edges: list[tuple[float, float] | None] = [None] * len(line)
        if lefts is not None and rights is not None and len(lefts) == len(rights) == len(printed):
            lead = len(printed) - len(printed.lstrip())
            edges = list(zip(lefts, rights, strict=True))[lead : lead + len(line)]
        parts.append(line)
        places.extend((row["page"], index, row["box"], edge) for edge in edges)
    return Text("".join(parts), places)


def _sentence_start(text: str, index: int) -> int:
    """Where the paragraph holding `index` starts: after the last 。 that closes a sentence not about it."""
    return max(text.rfind("。", 0, max(0, index - 1)), text.rfind("\n", 0, index)) + 1


def check_percent_changes(text: Text, cells: CellSink) -> list[dict]:
    results = []
    named = model.Named()  # one sentence printed twice on one page (江苏省高级人民法院 2017 p19, p21)
    for match in CHANGE_THEN_PERCENT.finditer(text.text):
        change = printed_number(match["change"])
        # The amount the change is about: the nearest amount before the change, in this sentence or the one before
        # (基本支出预算数为17123.19万元。与上年相比增加1408.29万元，增长8.96%).
        window_start = max(_sentence_start(text.text, _sentence_start(text.text, match.start()) - 1), 0)
        before = [
            m
            for m in AMOUNT.finditer(text.text, window_start, match.start())
            if not re.search(r"(增加|减少|增长|下降)了?\s*$", text.text[max(0, m.start() - 4) : m.start()])
            and not PRIOR_AMOUNT.search(text.text[max(0, m.start() - 10) : m.start()])
        ]
        page = text.page(match.start())
        printed_percent = match["percent"]
        sign = -1 if match["pway"].rstrip("了") in DOWN else 1  # signed as the seed's: a 下降 is negative
        stated = Side("说明所述百分比", sign * printed_number(printed_percent))
        if not before:
            why = "这句话没有写出增减所对应的金额 / the sentence states no amount the change belongs to"
            instance = named.name(f"第 {page} 页：{text.text[match.start() : match.end()]}")
            results.append(result(AS_PRINTED, instance, Side("没有所述的本年数"), stated, unit="%", note=why))
            continue
        amount_match = before[-1]
        amount = printed_number(amount_match["amount"])
        down = match["way"] in DOWN
        previous = amount + change if down else amount - change
        instance = named.name(f"第 {page} 页：{amount_match['amount']}万元，{text.text[match.start() : match.end()]}")
        if previous <= 0:
            why = "the amount less the change is not positive: no percentage to compute"
            results.append(result(AS_PRINTED, instance, Side("上年数不为正"), stated, unit="%", note=why))
            continue
        computed = model.as_printed(change / previous * 100, printed_percent)
        division = f"{match['change']} ÷ ({amount_match['amount']} {'+' if down else '−'} {match['change']}) × 100"
        derived = Side(division, sign * computed), text.figure(amount_match.start(), match.end("change"))
        said = Side(f"说明：{match['pway']}{printed_percent}%", sign * printed_number(printed_percent))
        said_at = text.figure(match.start("percent"), match.end("percent"))
        precision = f"the computed percentage rounded (or cut) to the digits of {printed_percent!r}"
        results.append(cited(cells, AS_PRINTED, instance, derived, (said, said_at), unit="%", precision=precision))
    none_stated = "说明中没有同时写出增减额和百分比的句子 / the narrative states no change with its percentage"
    return results or [model.not_applicable(AS_PRINTED, none_stated)]


def _share_lists(text: str) -> list[list[re.Match[str]]]:
    """Runs of 金额，占Y% clauses, one after the other, closed when their shares reach 100 %, or by a gap or a 。
    (a run whose shares never reach 100 % is a list too: its base may be the total the sentence names before it)."""
    lists: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    for match in SHARE.finditer(text):
        if current and (match.start() - current[-1].end() > 40 or "。" in text[current[-1].end() : match.start()]):
            lists.append(current)
            current = []
        current.append(match)
        if sum(printed_number(m["percent"]) for m in current) >= Decimal("99.9"):
            lists.append(current)
            current = []
    if current:
        lists.append(current)
    return lists


def _half_unit(printed: str) -> Decimal:
    """Half a unit of the last digit printed: how far the value behind a rounded figure may lie from it."""
    return Decimal(1).scaleb(-model.printed_decimals(printed)) / 2


def _named_total(text: str, shares: list[re.Match[str]]) -> re.Match[str] | None:
    """The total a list of shares is of, where the sentence names it before the list
    ("本年收入合计2946.25万元，其中：…") and the list's amounts add up to it within their printed rounding; None
    otherwise (the shares may be of a base the text does not state)."""
    start = _sentence_start(text, shares[0].start())
    before = list(AMOUNT.finditer(text, start, shares[0].start()))
    if not before:
        return None
    total = before[-1]
    added = sum(printed_number(m["amount"]) for m in shares)
    allowed = sum(_half_unit(m["amount"]) for m in shares) + _half_unit(total["amount"])
    return total if abs(added - printed_number(total["amount"])) <= allowed else None


def _share_within_rounding(amount: str, base: str, percent: str) -> bool:
    """The printed share is amount ÷ base for some values the printed amount and base round to: the share's own
    digits rounded (or cut) from a value in that range."""
    low = (printed_number(amount) - _half_unit(amount)) / (printed_number(base) + _half_unit(base)) * 100
    high = (printed_number(amount) + _half_unit(amount)) / (printed_number(base) - _half_unit(base)) * 100
    said = printed_number(percent)
    return said - _half_unit(percent) <= high and said + 2 * _half_unit(percent) >= low


# An item's paragraph (a 街道's template): “…（项）”350.35万元，主要用于…。2023年当年预算执行数为348.52万元，
# 2024年预算安排352.67万元，比2023年预算执行数增加0.53%。
EXECUTED = re.compile(
    rf"(?P<prior_year>\d{{4}})年(?:当年)?预算执行数为\s*(?P<prior>{NUMBER})\s*万元\s*[，,]\s*"
    rf"(?P<year>\d{{4}})年预算安排\s*(?P<amount>{NUMBER})\s*万元\s*[，,]\s*比(?P=prior_year)年预算执行数\s*"
    rf"(?P<way>增加|减少|增长|下降)\s*(?P<percent>{NUMBER})\s*[%％]"
)
ITEM_AMOUNT = re.compile(rf"[”\"]\s*(?P<amount>{NUMBER})\s*万元")


def check_executed_changes(text: Text, cells: CellSink) -> list[dict]:
    """Each 上年预算执行数 … 本年预算安排 … 比上年预算执行数增加 P% clause: its 本年预算安排 against the amount its item
    states first (the quoted item's “…”N万元, when the same paragraph gives one), and its P against (W − Y) ÷ Y.
    A prior figure of 0 gives no base (documents write 100 % for a new item): that percentage is not compared."""
    results = []
    named = model.Named()  # 万里街道 2023 p7: items 15 and 16 both say 2023年预算安排441.25万元，增加60.54%
    for match in EXECUTED.finditer(text.text):
        page = text.page(match.start())
        said_of = f"{match['year']}年预算安排{match['amount']}万元，{match['way']}{match['percent']}%"
        instance = named.name(f"第 {page} 页：{said_of}")
        amount, prior = printed_number(match["amount"]), printed_number(match["prior"])
        amount_at = text.figure(match.start("amount"), match.end("amount"))
        before = text.text[max(0, match.start() - 200) : match.start()]
        heads = [h for h in ITEM_AMOUNT.finditer(before) if "执行数" not in before[h.end() :]]
        if heads:
            head = heads[-1]
            offset = match.start() - len(before)
            head_at = text.figure(offset + head.start("amount"), offset + head.end("amount"))
            stated = Side("说明：本项金额", printed_number(head["amount"]))  # its value is said beside it
            arranged = Side(f"说明：{match['year']}年预算安排", amount)
            sides = (stated, head_at), (arranged, amount_at)
            results.append(cited(cells, EXECUTED_CHANGE, f"{instance} · 本项金额", *sides))
        if prior == 0:
            continue
        sign = -1 if match["way"] in DOWN else 1
        computed = model.as_printed((amount - prior) / prior * 100, match["percent"])
        said = Side(f"说明：{match['way']}{match['percent']}%", sign * printed_number(match["percent"]))
        division = Side(f"({match['amount']} − {match['prior']}) ÷ {match['prior']} × 100", computed)
        places = text.figure(match.start("prior"), match.end("amount"))
        percent_at = text.figure(match.start("percent"), match.end("percent"))
        precision = f"the computed change rounded (or cut) to the digits of {match['percent']!r}"
        sides = (said, percent_at), (division, places)
        results.append(cited(cells, EXECUTED_CHANGE, f"{instance} · 增减率", *sides, unit="%", precision=precision))
    none_stated = "说明中没有“上年预算执行数…本年预算安排…比上年预算执行数增减”的句子 / no such clause in the narrative"
    return results or [model.not_applicable(EXECUTED_CHANGE, none_stated)]


def check_shares(text: Text, cells: CellSink) -> list[dict]:
    results = []
    named = model.Named()  # 0.00万元，占0.00% said twice on one page (规划和自然资源局 2024 p25)
    for shares in _share_lists(text.text):
        stated = sum(printed_number(m["percent"]) for m in shares)
        if len(shares) < 2:
            continue  # one item alone: its base is named in words, not listed
        if abs(stated - 100) > Decimal("0.1") * len(shares):
            # Shares that do not make a whole are each still a share of the total the sentence names, where it names one
            results.extend(_shares_of_named_total(text, cells, shares, named))
            continue
        base = sum(printed_number(m["amount"]) for m in shares)
        if base == 0:
            continue
        # Shares printed to make exactly 100 % may each be moved by one unit of their last digit (0.634 % printed
        # 0.64 % so that 59.35 + 40.01 + 0.64 = 100): within that, the computed share is the printed one.
        balanced = stated == 100
        listed_at = text.place(shares[0].start(), shares[-1].end())
        for match in shares:
            computed = model.as_printed(printed_number(match["amount"]) / base * 100, match["percent"])
            unit = Decimal(1).scaleb(-model.printed_decimals(match["percent"]))
            if balanced and abs(computed - printed_number(match["percent"])) == unit:
                computed = printed_number(match["percent"])
            share = Side(f"{match['amount']} ÷ {base}（这一组金额之和）× 100", computed)
            results.append(_share(text, cells, named, match, (share, listed_at), BALANCED if balanced else ""))
    none_stated = "说明中没有合计为 100% 的一组占比 / the narrative states no list of shares that make 100 %"
    return results or [model.not_applicable(SHARES, none_stated)]


def _share(
    text: Text, cells: CellSink, named: model.Named, match: re.Match[str], ours: tuple[Side, list[dict]], why: str
) -> dict:
    """A printed share (its percent, cited where printed) against `ours`, computed from the amounts and cited where
    they were printed (`why`: what the comparison allows beyond the printed digits)."""
    instance = named.name(
        f"第 {text.page(match.start())} 页：{match['amount']}万元，占{match['base']}{match['percent']}%"
    )
    said = Side(f"说明：占{match['percent']}%", printed_number(match["percent"]))
    said_at = text.figure(match.start("percent"), match.end("percent"))
    precision = f"the computed share rounded (or cut) to the digits of {match['percent']!r}{why}"
    return cited(cells, SHARES, instance, (said, said_at), ours, unit="%", precision=precision)


def _shares_of_named_total(text: Text, cells: CellSink, shares: list[re.Match[str]], named: model.Named) -> list[dict]:
    """Each share of a list whose shares do not add to 100 %, against its amount ÷ the total the sentence names before
    the list (where the list's amounts add up to it): a share is reported only where no values its amount and the
    total round to give the share printed."""
    total = _named_total(text.text, shares)
    if total is None or printed_number(total["amount"]) == 0:
        return []
    base = total["amount"]
    base_at = text.figure(total.start("amount"), total.end("amount"))
    results = []
    for match in shares:
        computed = model.as_printed(printed_number(match["amount"]) / printed_number(base) * 100, match["percent"])
        if _share_within_rounding(match["amount"], base, match["percent"]):
            computed = printed_number(match["percent"])
        share = Side(f"{match['amount']} ÷ {base}（句中所述合计）× 100", computed)
        amount_at = text.figure(match.start("amount"), match.end("amount"))
        results.append(_share(text, cells, named, match, (share, amount_at + base_at), NAMED_TOTAL))
    return results


def figure_instance(figure: dict) -> str:
    """How a result names a narrative figure: its page, what it is (a function code's names, else its label) and the
    amount as printed."""
    name = "".join(figure["names"] or []) if figure["target"].startswith("function") else figure["label"]
    lines = "、".join(str(line) for line in figure.get("source_lines") or [])
    place = f"第 {figure['page']} 页" if figure["page"] is not None or not lines else f"第 {lines} 行"  # a text export
    return f"{place}：{name} {figure['amount_printed']}万元"


def _figure_key(figure: dict) -> tuple:
    return (figure["target"], figure["label"], tuple(figure["names"] or []), figure["year"])


def _said_twice(rule: Rule, groups: dict[tuple, list[dict]], instance_of, side_of, cells: CellSink) -> list[dict]:
    """One row for each figure after the first in a group that should hold one value."""
    results = []
    named = model.Named()  # a third figure of a group on the first's page and the second's
    for group in groups.values():
        first, *others = group
        for other in others:
            instance = named.name(instance_of(first, other))
            cells.add(rule, instance, "expected", [{**first, "table_id": None}])
            cells.add(rule, instance, "actual", [{**other, "table_id": None}])
            results.append(result(rule, instance, side_of(first, True), side_of(other, False)))
    return results


def check_changes_agree(figures: pl.DataFrame, cells: CellSink) -> list[dict]:
    with_change = [f for f in figures.to_dicts() if f["change_wan"] is not None and f["compared_year"] is not None]
    if not with_change:
        return [model.not_applicable(CHANGES_AGREE, "the narrative states no change from an earlier year")]
    by_figure: dict[tuple, list[dict]] = defaultdict(list)
    for figure in with_change:
        by_figure[(*_figure_key(figure), figure["amount_wan"], figure["compared_year"])].append(figure)

    def instance_of(a: dict, b: dict) -> str:
        return f"第 {a['page']}、{b['page']} 页：{a['label']} {a['amount_printed']}万元 比{a['compared_year']}年"

    def side_of(figure: dict, _: bool) -> Side:
        return Side(f"第 {figure['page']} 页{figure['change_printed']}", figure["change_wan"])

    results = _said_twice(CHANGES_AGREE, by_figure, instance_of, side_of, cells)
    none_twice = "没有哪个数字的增减被说了两次 / no figure's change is stated twice"
    return results or [model.not_applicable(CHANGES_AGREE, none_twice)]


def check_same_item(figures: pl.DataFrame, cells: CellSink) -> list[dict]:
    by_paragraph: dict[tuple, list[dict]] = defaultdict(list)
    for figure in figures.to_dicts():
        by_paragraph[(figure["statement"], *_figure_key(figure))].append(figure)

    def side_of(figure: dict, first: bool) -> Side:
        said = f"{'说明' if first else '同段'}：{figure['label']} {figure['amount_printed']}"
        return Side(said, figure["amount_wan"])

    results = _said_twice(SAME_ITEM, by_paragraph, lambda a, _: f"第 {a['page']} 页：{a['label']}", side_of, cells)
    none_twice = "没有哪一段对同一事项说了两个金额 / no paragraph names one item twice"
    return results or [model.not_applicable(SAME_ITEM, none_twice)]


def one_digit_more(longer: str, shorter: str) -> bool:
    """`longer` is `shorter` with one digit put in (887.36 for 87.36), both as printed."""
    long_digits, short_digits = longer.replace(",", ""), shorter.replace(",", "")
    if len(long_digits) != len(short_digits) + 1:
        return False
    return any(long_digits[:i] + long_digits[i + 1 :] == short_digits for i in range(len(long_digits)))


def check_stray_digits(figures: pl.DataFrame, target_of, cells: CellSink) -> list[dict]:
    """`target_of(figure)` is the table rows the narrative figure is about (canonical.NarrativeTargets)."""
    results = []
    named = model.Named()
    for figure in figures.to_dicts():
        rows = target_of(figure)
        if not rows or rows[0]["amount_wan"] is None:
            continue
        table_value = model.as_printed(rows[0]["amount_wan"], figure["amount_printed"])
        table_printed = f"{table_value:f}"
        if table_value == figure["amount_wan"] or not one_digit_more(figure["amount_printed"], table_printed):
            continue
        instance = named.name(figure_instance(figure))
        said = Side(f"说明：{figure['amount_printed']}", figure["amount_wan"]), [{**figure, "table_id": None}]
        in_table = f"表中 {rows[0]['amount_printed']} {rows[0].get('unit_printed') or ''}".strip()
        note = f"说明中的 {figure['amount_printed']} 比表中的 {table_printed} 多一个数字，是文字中的笔误"
        results.append(cited(cells, STRAY_DIGIT, instance, said, (Side(in_table, table_value), rows[:1]), note=note))
    none_found = "没有说明中的数字比表中多出一个数字 / no narrative figure differs from its table by one extra digit"
    return results or [model.not_applicable(STRAY_DIGIT, none_found)]


OPERATING = r"机关运行(?:经)?费"
BASIC_302 = r"基本支出[中的]*(?:的)?商品(?:和|与)?服务(?:支出)?"
EARLIER = re.compile(r"(?:上年|去年|上一年|上年度|以前年度)[^，,。；;]{0,4}$")
SAME_SCOPE = [
    re.compile(rf"{OPERATING}[^。；;，,]{{0,12}}?(?:统计)?口径(?:为|是|即)[^。；;，,]{{0,6}}?{BASIC_302}"),
    re.compile(rf"{OPERATING}[^。；;，,]{{0,6}}?(?:即|就是|等于|为)[^。；;，,]{{0,6}}?{BASIC_302}"),
    re.compile(
        rf"{OPERATING}[^。；;]{{0,16}}?(?:与|和|同)[^。；;]{{0,6}}?{BASIC_302}[^。；;]{{0,8}}?(?:一致|相同|相等)"
    ),
]
WITH_PROJECTS = [
    re.compile(rf"{OPERATING}[^。；;]{{0,16}}?(?:含|包含|包括|纳入|计入)[^。；;]{{0,16}}?项目"),
    re.compile(rf"项目[^。；;]{{0,24}}?(?<!未)(?:纳入|计入)[^。；;]{{0,20}}?{OPERATING[:4]}"),
]


def _statement(text: Text, patterns: list[re.Pattern[str]], year: int | None) -> re.Match[str] | None:
    """The first statement of `patterns` about this year's 机关运行经费: one said of the year before (上年…, or
    the last year its sentence names before it is another year) is not."""
    for pattern in patterns:
        for match in pattern.finditer(text.text):
            if EARLIER.search(text.text[max(0, match.start() - 8) : match.start()]):
                continue
            sentence = text.text[text.text.rfind("。", 0, match.start()) + 1 : match.start()]
            years = YEAR_WRITTEN.findall(sentence)
            if year is not None and years and int(years[-1]) != year:
                continue
            return match
    return None


def _document_year(tables: dict[str, pl.DataFrame]) -> int | None:
    """The year the economic table's amounts are of (the document's year)."""
    economic = tables.get("basic_by_economic")
    if economic is None or economic.is_empty() or "year" not in economic.columns:
        return None
    years = economic["year"].drop_nulls()
    return int(years.mode().sort()[-1]) if years.len() else None


def _spent_first(rows: pl.DataFrame) -> dict | None:
    """The first row, a 决算's 决算数 (basis actual) before its 预算数."""
    if rows.is_empty():
        return None
    if "basis" in rows.columns and not (actual := rows.filter(pl.col("basis") == "actual")).is_empty():
        return actual.row(0, named=True)
    return rows.row(0, named=True)


def _operating_figure(tables: dict[str, pl.DataFrame]) -> dict | None:
    """The document's 机关运行经费: its own table's 合计, else the line of the 三公 table that prints it."""
    found = _spent_first(model_table(tables, "operating_expenses").filter(pl.col("level") == 0))  # its 合计 row
    three = model_table(tables, "three_public")
    return found if found is not None else _spent_first(three.filter(pl.col("item") == "operating_expenses"))


def _economic_302(tables: dict[str, pl.DataFrame]) -> dict | None:
    """基本支出's 302 total: the 一般公共预算 table first (机关运行经费 is 一般公共预算财政拨款), then 财政拨款."""
    economic = model_table(tables, "basic_by_economic")
    rows = economic.filter((pl.col("code") == "302") & (pl.col("measure") == "total"))
    for scope in ("general_budget", "fiscal", "all"):
        found = _spent_first(rows.filter(pl.col("scope") == scope))
        if found is not None:
            return found
    return _spent_first(rows)


def check_operating_expenses_302(
    text: Text | None, tables: dict[str, pl.DataFrame], titles: dict[str, str], cells: CellSink
) -> list[dict]:
    if text is None:
        unread = "说明文字没有按原文段落读出（只读出了其中的数字），无从知道机关运行经费的口径"
        return [model.not_applicable(OPERATING_302, unread)]
    year = _document_year(tables)
    projects = _statement(text, WITH_PROJECTS, year)
    if projects is not None:
        said = text.text[projects.start() : projects.end()]
        where = f"第{text.page(projects.start())}页：“{said}”"
        why = f"说明写明机关运行经费含项目支出（{where}），与基本支出的商品和服务支出口径不同"
        return [model.not_applicable(OPERATING_302, why)]
    same = _statement(text, SAME_SCOPE, year)
    if same is None:
        unsaid = "说明没有写明机关运行经费与基本支出中的商品和服务支出（302）口径相同"
        return [model.not_applicable(OPERATING_302, unsaid)]
    operating, economic = _operating_figure(tables), _economic_302(tables)
    if operating is None or economic is None:
        missing = "机关运行经费表" if operating is None else "基本支出经济分类表的 302 行"
        return [model.not_applicable(OPERATING_302, f"说明写明口径相同，但文件没有印{missing}")]
    said = text.text[same.start() : same.end()]
    instance = f"机关运行经费 = {titles.get(economic['table_id'], economic['table_id'])} 302 商品和服务支出"
    stated = Side(f"{titles.get(operating['table_id'], operating['table_id'])} 机关运行经费", operating["amount_wan"])
    table = Side(f"{titles.get(economic['table_id'], economic['table_id'])} 302 合计", economic["amount_wan"])
    sides = (stated, [operating, *text.place(same.start(), same.end())]), (table, [economic])
    return [cited(cells, OPERATING_302, instance, *sides, note=f"说明第{text.page(same.start())}页：“{said}”")]


AMOUNT_TABLES = ("expenditure_by_function", "basic_by_economic", "summary_lines", "income_by_source", "funds_by_year")
NOT_UNDER_HEADINGS = "本文件的说明没有按小标题逐项读成数字（narrative_items 无行）"
NOTHING_FOUND = {  # a narrative read under its headings that states nothing of the kind
    AMOUNTS.id: "说明没有列出金额",
    CHANGES.id: "说明没有列出与上年相比的增减额",
    PERCENTAGES.id: "说明没有列出增减百分比",
    COUNTS.id: "说明没有列出单位数、项目数或车辆数",
    ECONOMIC_SPLIT.id: "说明没有按附表1-6 的经济分类列出支出",
}
IN_WORDS = {"description_zh": {"previous": "上一", "budget": "本"}, "description_en": {"previous": "last year"}}


PERFORMANCE_SCHEDULES = ("说明", "绩效目标表")  # what narrative.counts / amounts compare on the project forms
PERFORMANCE_COUNT = "performance_targets_projects"
PERFORMANCE_AMOUNT = "performance_targets_amount"


def _project_forms(tables: Tables, year: int | None) -> list[dict]:
    """The project forms (绩效目标填报表) the document prints: each form's 年度资金申请总额 row of `project_funds`
    (of `year` where given), one per form, in printed order."""
    funds = tables.get("project_funds", EMPTY)
    if funds.is_empty():
        return []
    annual = funds.filter((pl.col("item") == "annual_total") & (pl.col("measure") == "total"))
    if year is not None:
        annual = annual.filter(pl.col("year") == year)
    return annual.unique(["table_id", "project"], keep="first", maintain_order=True).to_dicts()


def performance_projects(tables: Tables, cells: CellSink) -> list[dict]:
    """The narrative's 编报绩效目标的项目 N 个 (narrative_counts) against the number of project forms the document
    prints, and its 涉及…资金 X 万元 (narrative_figures) against the sum of those forms' 年度资金申请总额; both only
    where the document prints every form it counts (fewer forms: not applicable, with that reason), the amount only
    where it prints exactly as many forms as it counts."""
    counts = tables.get("narrative_counts", EMPTY)
    figures = tables.get("narrative_figures", EMPTY)
    stated = rows(counts, target=PERFORMANCE_COUNT) if not counts.is_empty() else []
    if not stated:
        return []
    count = stated[0]
    amounts = rows(figures, target=PERFORMANCE_AMOUNT) if not figures.is_empty() else []
    amount = amounts[0] if amounts else None
    forms = _project_forms(tables, amount["year"] if amount else None)
    said_count = Side(f"说明：编报绩效目标的项目（第 {count['page']} 页）", count["count"])
    printed = Side(f"印出的项目绩效目标表（{len(forms)} 张）", Decimal(len(forms)))
    instance = f"第 {count['page']} 页：编报绩效目标的项目 {count['count_printed']} 个"

    def amount_unchecked(reason: str) -> dict:
        said = Side(f"说明：{amount['label']}", amount["amount_wan"])
        return model.not_applicable(AMOUNTS, reason, figure_instance(amount), said, Side("—"))

    if len(forms) < count["count"]:
        reason = (
            f"说明所述编报绩效目标的项目 {count['count_printed']} 个，本文件只印出 {len(forms)} 张项目绩效目标表，"
            "无从逐项核对其个数与金额"
        )
        out = [model.not_applicable(COUNTS, reason, instance, said_count, printed, unit="个")]
        return out + ([amount_unchecked(reason)] if amount is not None else [])
    out = [cited(cells, COUNTS, instance, (said_count, [{**count, "table_id": None}]), (printed, forms), unit="个")]
    if amount is None:
        return out
    if len(forms) != count["count"]:
        reason = "印出的项目绩效目标表与说明所述的项目个数不同，它们的金额之和不是说明所述的那些项目的"
        return [*out, amount_unchecked(reason)]
    summed = total(form["amount_wan"] for form in forms)
    if summed is None:
        return [*out, amount_unchecked("有的项目绩效目标表的年度资金申请总额空白，无从相加")]
    said = Side(f"说明：{amount['label']}", amount["amount_wan"]), [{**amount, "table_id": None}]
    added = Side(f"{len(forms)} 张项目绩效目标表的年度资金申请总额之和", summed), forms
    precision = f"the forms' sum rounded (or cut) to the decimals of {amount['amount_printed']!r}"
    status = model.agrees_as_printed(summed, amount["amount_wan"], amount["amount_printed"])
    return [*out, cited(cells, AMOUNTS, figure_instance(amount), said, added, precision=precision, status=status)]


def _why_not(rule: Rule, tables: Tables, facts: list[dict], text: Text | None) -> str:
    """Why a rule has nothing to compare on this document: the input it lacks."""
    if rule is MENTIONS:
        if "staffing" not in tables or not rows(tables["staffing"], category="units"):
            return "文件没有列出单位构成（单位数），无从与后文提到的“下属 N 个/家 …单位”对照"
        return "后文没有提到“下属 N 个/家 …单位”"
    if facts:
        return NOTHING_FOUND[rule.id]
    figures, counts = (tables.get(name, EMPTY) for name in ("narrative_figures", "narrative_counts"))
    if rule is AMOUNTS and not figures.is_empty():
        return "说明中的金额读作 narrative_figures，由 canonical.narrative 与所指的表核对"
    compared = set(figures.filter(pl.col("change_wan").is_not_null())["compared_year"]) if figures.height else set()
    printed = {year for name in AMOUNT_TABLES if name in tables for year in tables[name]["year"].unique()}
    if rule is CHANGES and compared and not compared & printed:
        return "本文件没有列出上年数字的表，说明所述的增减额无从按表重算；与本库上一年文件的比较见 documents.prior_year"
    if rule is COUNTS and not counts.is_empty():
        return "说明所述的数目（narrative_counts：车辆、绩效项目等）在本文件的表中没有对应，无从核对"
    return NO_TEXT if rule is PERCENTAGES else NOT_UNDER_HEADINGS


def run(
    tables: Tables, years: Years | None = None, text: Text | None = None, cells: CellSink | None = None
) -> list[dict]:
    """The rules over a narrative read under its headings (`narrative_items`), its percentages off the printed
    `text` where it has none, 第一部分's unit counts against every later mention; a rule with nothing to compare
    is one `not_applicable` row saying why."""
    facts = _facts(tables)
    if years is None and facts:
        years = document_years(facts[0]["year"])
    out = [] if years is None else amounts_and_counts(tables, years) + changes_and_percentages(tables, years)
    out += economic_split(tables)
    if text is not None and not any(r["rule_id"] == PERCENTAGES.id for r in out):
        out += check_percent_changes(text, cells or NoCells())
    out += profile_mentions(tables, text, cells)
    found = {r["rule_id"] for r in out}
    # the performance-target projects (a PDF's counts and amounts): in the place of the rule's not-applicable row
    projects = performance_projects(tables, cells or NoCells()) if not found & {AMOUNTS.id, COUNTS.id} else []
    missing = []
    for rule in RULES:
        if rule.id in found:
            continue
        stated = [{**row, "schedules": list(PERFORMANCE_SCHEDULES)} for row in projects if row["rule_id"] == rule.id]
        # a rule with nothing to compare involves none of the document's tables
        missing += stated or [{**model.not_applicable(rule, _why_not(rule, tables, facts, text)), "schedules": []}]
    for row in out + missing:  # the years a description speaks of: the document's, else in words
        for key, words in IN_WORDS.items():
            row[key] = row[key].format(**(vars(years) if years else words))
    return out + missing


def run_canonical(tables: Tables, titles: dict[str, str], cells: CellSink, target_of) -> list[dict]:
    """Every narrative rule on one document's canonical tables."""
    text_lines = tables.get("text_lines")
    text = None if text_lines is None or text_lines.is_empty() else narrative_text(text_lines)
    figures = tables["narrative_figures"]
    results = [
        *run(tables, text=text, cells=cells),
        *(check_shares(text, cells) if text else [model.not_applicable(SHARES, NO_TEXT)]),
        *(check_executed_changes(text, cells) if text else [model.not_applicable(EXECUTED_CHANGE, NO_TEXT)]),
        *check_changes_agree(figures, cells),
        *check_same_item(figures, cells),
        *check_stray_digits(figures, target_of, cells),
        *check_operating_expenses_302(text, tables, titles, cells),
    ]
    model.clear_cache()  # the row cache lives for one document's run
    return results


NO_TEXT = (
    "说明文字没有按原文段落读出（只读出了其中的数字），无法核对"
    " / the narrative was not read as running text (text_lines)"
)

RULES = [AMOUNTS, CHANGES, PERCENTAGES, COUNTS, ECONOMIC_SPLIT, MENTIONS]  # the template's narrative rules
CANONICAL_RULES = [*RULES, SHARES, EXECUTED_CHANGE, CHANGES_AGREE, SAME_ITEM, STRAY_DIGIT, OPERATING_302]
