"""Checks on the canonical model: every document, whatever its template.

Each rule runs where the document prints its inputs; where it does not, one "not_applicable" row
says which input is missing. Amounts are compared exactly in 万元. A blank amount cell is counted as
nothing in a sum (templates print zero as a blank), and the result's `precision` says so.
`check_cells` says where each side was printed (table, page and box, or the text export's lines).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import polars as pl

from budgetlens import columns
from budgetlens.canonical import templates
from budgetlens.canonical.headings import measure_parent
from budgetlens.canonical.model import PRINTED_AT, frame_of
from budgetlens.checks import across, indicators, names, narrative, numbered, structure, tables_agree, within
from budgetlens.checks import execution as execution_checks
from budgetlens.checks.model import (
    BLANK_AS_NOTHING,
    SCHEMA,
    CellSink,
    Named,
    Rule,
    Side,
    agrees_as_printed,
    blank_as_nothing,
    cited,
    lines_of,
    not_applicable,
)
from budgetlens.formatting import printed_places

HIERARCHY = Rule(
    "canonical.hierarchy",
    "within_table",
    ("功能分类", "经济分类"),
    "每个科目等于其下级科目之和；合计等于各类之和",
    "Every code equals the sum of the codes under it; the 合计 row equals the sum of the classes",
)
PARTS = Rule(
    "canonical.columns_add_up",
    "within_table",
    ("功能分类", "经济分类", "收入", "支出"),
    "每一行的合计等于其各组成列之和（基本支出 + 项目支出；人员经费 + 公用经费；各收入来源）",
    "On every row the total equals its parts (basic + project; personnel + public; the income sources)",
)
THREE_PUBLIC = Rule(
    "canonical.three_public_parts",
    "within_table",
    ("三公",),
    "“三公”经费等于因公出国（境）费、公务用车购置及运行费和公务接待费之和；公务用车等于购置费加运行费",
    "三公 equals overseas travel + vehicles + reception; vehicles equal purchase + operation",
)
SAME_FIGURE = Rule(
    "canonical.same_figure",
    "across_tables",
    ("收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表", "基本支出表"),
    "同一个数字在两张表中相同",
    "The same figure is the same in two schedules",
)
EMPTY_NOTE = Rule(
    "canonical.empty_table_note",
    "structure",
    ("注",),
    "表下注明本表为空（或无此类预算）的表，不列出非零金额",
    "A table whose note says it is empty (or that there is no such budget) prints no amount other than zero",
)
NARRATIVE = Rule(
    "canonical.narrative",
    "narrative",
    ("说明",),
    "文字说明中的金额与表中的同一金额一致（按说明写出的小数位比较）",
    "A figure the narrative states equals the same figure in the tables (compared to the narrative's decimals)",
)
PROJECT_FUNDS = Rule(
    "canonical.project_funds",
    "within_table",
    ("绩效目标表",),
    "项目资金：总额等于财政资金加其他资金；年度资金申请总额等于当年财政拨款、上年结转和其他资金之和",
    "Project funds: the total equals fiscal plus other funds; the year's request equals appropriation, carry-over "
    "and other funds",
)
LISTING_SUMS = Rule(
    "canonical.listing_sums",
    "within_table",
    ("政府采购",),
    "政府采购表：每个项目行（每个专项、每个经济科目一行）等于其下各采购品目之和，每个分组行等于其下各项目行之和，合计等于各分组之和",
    "Procurement: each project row equals its items, each group its projects, the 合计 its groups",
)
RULES = [
    HIERARCHY,
    PARTS,
    THREE_PUBLIC,
    SAME_FIGURE,
    EMPTY_NOTE,
    NARRATIVE,
    PROJECT_FUNDS,
    *narrative.CANONICAL_RULES,
    *tables_agree.RULES,
    *execution_checks.RULES,
    *indicators.RULES,
    *within.TEMPLATE_RULES,
    *across.TEMPLATE_RULES,
    *across.PROJECT_RULES,
    across.THREE_PUBLIC_30231,
    across.MIRRORS,
    names.RESOLVED,
    structure.PROMISED,
    structure.REPEATED,
    LISTING_SUMS,
]
FUND_PARTS = {
    "project_total": ("project_fiscal", "project_other"),
    "annual_total": ("annual_appropriation", "annual_carryover", "annual_other"),
}

CODED_TABLES = ("expenditure_by_function", "basic_by_economic", "operating_expenses", "income_by_source")
AMOUNT_TABLES = (*CODED_TABLES, "summary_lines", "three_public")
EXPENDITURE_PARTS = templates.EXPENDITURE_PARTS
INCOME_PARTS = ("fiscal_appropriation", "business_income", "operating_income", "other_income", "special_account")
FISCAL_PARTS = ("general_budget", "government_fund", "state_capital")
# (the whole, the columns that add up to it); a row is checked against every set of which it prints two parts.
PARTITIONS = [
    ("total", EXPENDITURE_PARTS),
    ("basic", ("personnel", "public")),
    ("total", INCOME_PARTS),
    ("total", FISCAL_PARTS),
]


class Cells:
    """Where each side of each result was printed, collected as the rules run."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, rule: Rule, instance: str, side: str, printed: list[dict]) -> None:
        for row in printed:
            self.rows.append(
                {
                    "rule_id": rule.id,
                    "instance": instance,
                    "side": side,
                    "table_id": row["table_id"],
                    "page": row.get("page"),
                    "box": row.get("box"),
                    "source_lines": row.get("source_lines"),
                    "printed_places": (
                        printed_places(row.get("amount_printed"), row.get("unit_printed"))
                        if row.get("amount_wan") is not None
                        else None
                    ),
                }
            )

    def frame(self, results: list[dict]) -> pl.DataFrame:
        """The cells, and for each side a rule cited by its lines alone (the text export's rules over its numbered
        schedules and its 第三部分) those lines as its place: every check is found by where its figures were printed."""
        placed = {(row["rule_id"], row["instance"], row["side"]) for row in self.rows}
        for result in results:
            rule_id, instance = result["rule_id"], result["instance"]
            for side in ("expected", "actual"):
                if (lines := result[f"{side}_lines"]) and (rule_id, instance, side) not in placed:
                    self.rows.append({"rule_id": rule_id, "instance": instance, "side": side, "source_lines": lines})
        return frame_of(self.rows, CHECK_CELLS_SCHEMA)


CHECK_CELLS_SCHEMA = {
    "rule_id": pl.String,
    "instance": pl.String,
    "side": pl.String,  # expected or actual
    "table_id": pl.String,
    **PRINTED_AT,
    "printed_places": pl.Int8,  # the decimals of 万元 the cited amount is printed to; null: no printed amount
}


def _compare(
    rule: Rule,
    instance: str,
    expected: tuple[str, list[dict]],
    actual: tuple[str, list[dict]],
    cells: CellSink,
    precision: str = BLANK_AS_NOTHING,
) -> dict:
    """Two sides, each (label, the rows it adds up, a blank cell counted as nothing), cited where printed."""
    sides = [(Side(label, blank_as_nothing(rows), lines_of(rows)), rows) for label, rows in (expected, actual)]
    return cited(cells, rule, instance, *sides, precision=precision)


def _check_hierarchy(tables: dict[str, pl.DataFrame], titles: dict[str, str], cells: Cells) -> list[dict]:
    results = []
    for name in CODED_TABLES:
        for measure, row, parts in numbered.code_sums(tables[name]):
            title = titles[row["table_id"]]
            if row["code"]:
                instance = f"{title} {row['code']} {row['name']} [{measure}]"
                sides = (f"{row['code']} 下级之和", parts), (f"{row['code']} 本行", [row])
            else:
                instance, sides = f"{title} 合计 [{measure}]", (("各类之和", parts), ("合计", [row]))
            results.append(_compare(HIERARCHY, instance, *sides, cells))
    return results or [not_applicable(HIERARCHY, "the document prints no coded table with codes over several levels")]


def _check_parts(tables: dict[str, pl.DataFrame], titles: dict[str, str], cells: Cells) -> list[dict]:
    results = []
    sources = [tables[name] for name in CODED_TABLES] + [tables["summary_lines"]]
    for frame in sources:
        if frame.is_empty():
            continue
        keys = ["table_id", "row", *(column for column in ("side", "basis") if column in frame.columns)]
        # One pass over the rows in Python: a polars group per printed row costs more than the check.
        printed_rows: dict[tuple, dict[str, dict]] = {}
        for record in frame.to_dicts():
            printed_rows.setdefault(tuple(record[k] for k in keys), {})[record["measure"]] = record
        for by_measure in printed_rows.values():
            partitions = list(PARTITIONS)
            # Columns printed under another's heading (基本支出 over 人员经费 | 公用经费) stand for it where it
            # has no column of its own: 合计 = 人员经费 + 公用经费 + 项目支出, never 人员经费 + 公用经费.
            under = {
                m: parent
                for m, r in by_measure.items()
                if m != "total" and (parent := measure_parent(r["measure_printed"] or "")) and parent not in by_measure
            }
            # Only where the row prints a part beside them (项目支出 beside 基本支出's columns): in a table that is
            # all 基本支出 the heading over every column says what the table is, not which part a column is.
            nested = {m: up for m, up in under.items() if any(o not in under and o != "total" for o in by_measure)}
            if "basic" not in by_measure and "basic" not in nested.values():
                partitions.append(("total", ("personnel", "public")))  # a basic-expenditure table
            for whole, parts in partitions:
                if nested:  # (most rows nest nothing: their parts are the partition's own)
                    parts = tuple(c for p in parts for c in ([m for m, up in nested.items() if up == p] or [p]))
                present = [p for p in parts if p in by_measure]
                if whole not in by_measure or len(present) < 2:
                    continue
                row = by_measure[whole]
                if all(by_measure[p]["amount_wan"] is None for p in present) and row["amount_wan"] is None:
                    continue
                label = row.get("code") or row.get("label") or row.get("name") or ""
                name = row.get("name") or ""
                instance = f"{titles[row['table_id']]} {label} {name if name != label else ''}".strip() + f" {whole}"
                summed = (" + ".join(present), [by_measure[p] for p in present])
                results.append(_compare(PARTS, instance, summed, (whole, [row]), cells))
    return results or [not_applicable(PARTS, "no table prints a total beside its parts")]


def _check_three_public(tables: dict[str, pl.DataFrame], titles: dict[str, str], cells: Cells) -> list[dict]:
    frame = tables["three_public"]
    if frame.is_empty():
        return [not_applicable(THREE_PUBLIC, "the document prints no 三公 table")]
    results = []
    for whole, parts in numbered.three_public_sums(frame.to_dicts()):
        if len(parts) < 2:
            continue
        shown_basis = f" [{whole['basis']}]" if whole.get("basis") not in (None, "", "budget") else ""
        instance = f"{titles[whole['table_id']]} {whole['year']} {whole['item']}{shown_basis}"
        stated = (whole["measure_printed"], [whole])
        results.append(_compare(THREE_PUBLIC, instance, ("各组成之和", parts), stated, cells))
    return results or [not_applicable(THREE_PUBLIC, "the 三公 table prints no total beside its parts")]


def _current_year_total(totals: list[dict]) -> list[dict]:
    """The summary's total to hold against the income (expenditure) table's 合计: its last total, except in a 决算,
    whose 总计 adds 年初结转和结余 (年末结转和结余) that the 收入决算表 (支出决算表) does not print: there the
    本年收入合计 (本年支出合计) row."""
    current = [r for r in totals if r.get("basis") == "actual" and "本年" in (r["label"] or "")]
    return current[-1:] if current else totals[-1:]


def _check_same_figure(tables: dict[str, pl.DataFrame], titles: dict[str, str], cells: Cells) -> list[dict]:
    def table_of(kind: str, scope: str | None = None) -> str | None:
        """The first read table of this kind (in this scope), in printed order."""
        found = numbered.by_kind(tables, kind, (scope,) if scope else (), any_scope=scope is None)
        return found["table_id"] if found else None

    summary = tables["summary_lines"]
    pairs: list[tuple[str, list[dict], str, list[dict]]] = []
    summary_table = table_of("summary")
    for side, source in (("income", "income_by_source"), ("expenditure", "expenditure_by_function")):
        kind_table = table_of(side)
        if summary_table is None or kind_table is None:
            continue
        totals = summary.filter(table_id=summary_table, side=side, row_kind="total", measure="total").to_dicts()
        total = _current_year_total(totals)
        other = numbered.table_total(tables, source, kind_table, "total")
        if total and other:
            pairs.append((f"{titles[summary_table]} {total[0]['label']}", total, titles[kind_table] + " 合计", other))
    general = table_of("expenditure_by_function", "general_budget")
    economic = table_of("basic_by_economic", "general_budget")
    if general and economic:
        basic = numbered.table_total(tables, "expenditure_by_function", general, "basic")
        economic_total = numbered.table_total(tables, "basic_by_economic", economic, "total")
        if basic and economic_total:
            pairs.append((titles[general] + " 合计 基本支出", basic, titles[economic] + " 合计", economic_total))
    fiscal = table_of("fiscal_summary")
    if general and fiscal:
        general_total = numbered.table_total(tables, "expenditure_by_function", general, "total")
        fiscal_general = summary.filter(table_id=fiscal, side="expenditure", row_kind="total", measure="general_budget")
        if general_total and not fiscal_general.is_empty():
            fiscal_label = titles[fiscal] + " 一般公共预算支出"
            pairs.append((fiscal_label, fiscal_general.to_dicts()[:1], titles[general] + " 合计", general_total))
    three = tables["three_public"].filter(pl.col("item") == "operating_expenses").to_dicts()[:1]
    operating = tables["operating_expenses"].filter((pl.col("level") == 0) & (pl.col("measure") != "")).to_dicts()[:1]
    if three and operating:
        operating_label = titles[operating[0]["table_id"]] + " 合计"
        pairs.append((titles[three[0]["table_id"]] + " 机关运行经费", three, operating_label, operating))
    results = [
        _compare(SAME_FIGURE, f"{a} = {b}", (a, ra), (b, rb), cells, precision="exact") for a, ra, b, rb in pairs
    ]
    return results or [not_applicable(SAME_FIGURE, "no figure is printed in two schedules that this reader pairs")]


def _check_empty_notes(tables: dict[str, pl.DataFrame], titles: dict[str, str], cells: Cells) -> list[dict]:
    notes = tables["table_notes"].filter(pl.col("states_none"))
    if notes.is_empty():
        return [not_applicable(EMPTY_NOTE, "没有表注明本表为空表 / no table carries a note saying it is empty")]
    results = []
    for table_id in notes["table_id"].unique(maintain_order=True):
        note_rows = notes.filter(pl.col("table_id") == table_id).to_dicts()
        note = "".join(r["text"] for r in note_rows)
        amounts = [
            row
            for name in AMOUNT_TABLES
            for row in tables[name].filter(pl.col("table_id") == table_id).to_dicts()
            if row["amount_wan"] is not None and row["amount_wan"] != 0
        ]
        instance = titles[table_id]
        shown = "、".join(
            f"{(r.get('measure_printed') or '').split('/')[-1]} {r['amount_printed']}" for r in amounts[:3]
        )
        printed = Side("表中的非零金额", text=f"{len(amounts)} 个：{shown}" if amounts else "没有")
        sides = (Side("表下的注", text=note), note_rows), (printed, amounts)
        results.append(cited(cells, EMPTY_NOTE, instance, *sides, status="fail" if amounts else "pass", unit=""))
    return results


def _check_project_funds(tables: dict[str, pl.DataFrame], titles: dict[str, str], cells: Cells) -> list[dict]:
    funds = tables["project_funds"]
    if funds.is_empty():
        no_forms = "本文件没有列出项目资金的项目表 / the document prints no project form with its funds"
        return [not_applicable(PROJECT_FUNDS, no_forms)]
    results = []
    for (_, project), group in funds.group_by(["table_id", "project"], maintain_order=True):
        by_item = {r["item"]: r for r in group.to_dicts()}
        for whole, parts in FUND_PARTS.items():
            present = [by_item[p] for p in parts if p in by_item]
            if whole in by_item and len(present) >= 2:
                instance = f"{project} {by_item[whole]['measure_printed']}"
                summed = (" + ".join(r["measure_printed"] for r in present), present)
                stated = (by_item[whole]["measure_printed"], [by_item[whole]])
                results.append(_compare(PROJECT_FUNDS, instance, summed, stated, cells))
    no_total = "没有项目表在各组成部分旁列出合计 / no project form prints a total beside its parts"
    return results or [not_applicable(PROJECT_FUNDS, no_total)]


def _procurement_tree(rows: list[dict]) -> tuple[dict, list[tuple[dict, list[tuple[dict, list[dict]]]]]] | None:
    """A procurement table printed as 合计 / group / project / item rows (level 0; 1; 2 without an item; 2 with
    one), in printed order: (the total, [(group, [(project, [items])])]); None for a table in another form."""
    if not rows or rows[0]["level"] != 0 or any(r["level"] == 0 for r in rows[1:]):
        return None
    groups: list[tuple[dict, list[tuple[dict, list[dict]]]]] = []
    for row in rows[1:]:
        if row["level"] == 1:
            groups.append((row, []))
        elif row["level"] != 2 or not groups:
            return None
        elif row.get("item") is None:
            groups[-1][1].append((row, []))
        elif not groups[-1][1]:
            return None  # an item before any project row: not this form
        else:
            groups[-1][1][-1][1].append(row)
    return (rows[0], groups) if groups else None


def _check_listing_sums(tables: dict[str, pl.DataFrame], titles: dict[str, str], cells: Cells) -> list[dict]:
    """Procurement tables in the group / project / item form (the template's 附表1-11, by unit, is 1-11.totals')."""
    frame = tables.get("procurement")
    if frame is None or frame.is_empty():
        return []  # no procurement table: 1-11.totals says so, once
    template = numbered.template_schedule(tables, "1-11")
    results = []
    unique = Named().name  # a project printed twice under one group on one page: （同名第2项）
    amounts = frame.filter(pl.col("measure") == "total")
    for (table_id,), group in amounts.group_by("table_id", maintain_order=True):
        tree = (
            None if template and template["table_id"] == table_id else _procurement_tree(group.sort("row").to_dicts())
        )
        if tree is None:
            continue
        total, groups = tree
        title = titles.get(table_id, table_id)
        summed = ("各分组之和", [g for g, _ in groups])
        results.append(_compare(LISTING_SUMS, unique(f"{title} 合计"), summed, ("合计", [total]), cells))
        for group_row, projects in groups:
            group_name = group_row.get("category") or group_row.get("project") or "（未写名称的分组）"
            instance = unique(f"{title} {group_name}（第 {group_row.get('page')} 页）")
            summed = ("其下各项目之和", [p for p, _ in projects])
            results.append(_compare(LISTING_SUMS, instance, summed, (group_name, [group_row]), cells))
            for project, items in projects:
                name = project.get("project") or project.get("economic") or "（未写名称的项目）"
                instance = unique(f"{title} {group_name} · {name}（第 {project.get('page')} 页）")
                results.append(_compare(LISTING_SUMS, instance, ("其下各品目之和", items), (name, [project]), cells))
    if results or (template is not None and frame["table_id"].n_unique() == 1):
        return results  # (only the template's 附表1-11: 1-11.totals checks it)
    return [not_applicable(LISTING_SUMS, "no procurement table in the group / project / item form")]


def _same_name(name: str) -> str:
    """A 科目 name as the narrative and the tables may each write it: 其它 and 其他 are one word."""
    return name.replace("其它", "其他")


THREE_PUBLIC_TARGETS = (
    "three_public_total",
    "overseas_travel",
    "vehicles",
    "vehicle_purchase",
    "vehicle_operation",
    "reception",
    "meetings",
    "training",
    "operating_expenses",
)


class NarrativeTargets:
    """`targets(figure)`: the table cell the narrative's figure is about, or nothing when the tables do not print it.
    Each table query runs once per document: a document states a hundred figures, most of them asking the same few
    questions (the 三公 rows, the totals, the 功能分类 codes)."""

    def __init__(self, tables: dict[str, pl.DataFrame]) -> None:
        self.tables = tables
        self._queries: dict[tuple, list[dict]] = {}
        self._answers: dict[tuple, list[dict]] = {}
        self._codes: dict[str, dict[str, dict]] | None = None

    def _rows(self, key: tuple, query: Callable[[], pl.DataFrame]) -> list[dict]:
        if key not in self._queries:
            self._queries[key] = query().to_dicts()
        return self._queries[key]

    def _where(self, table: str, **equal) -> list[dict]:
        """The rows of `table` whose columns equal these values, in printed order."""
        return self._rows((table, *sorted(equal.items())), lambda: self.tables[table].filter(**equal))

    def _totals(self, scope: str, side: str) -> list[dict]:
        """A summary's total rows on one side that print an amount (its 合计 column, not the 基本/项目 beside it)."""
        rows = self._where("summary_lines", scope=scope, side=side, row_kind="total", measure="total")
        return [row for row in rows if row["amount_wan"] is not None]

    def __call__(self, figure: dict) -> list[dict]:
        # Everything the answer depends on: the rows returned are shared, and no caller changes them.
        key = (figure["target"], figure["words_before"], figure["label"], tuple(figure["names"] or []))
        if key not in self._answers:
            self._answers[key] = self._target(figure)
        return list(self._answers[key])

    def _function_codes(self) -> dict[str, dict]:
        if self._codes is None:
            function = self.tables["expenditure_by_function"].filter(pl.col("measure") == "total")
            general = function.filter(pl.col("scope") == "general_budget")
            if general.is_empty():
                general = function
            self._codes = {"": {r["code"]: r for r in general.to_dicts() if r["code"]}}
        return self._codes[""]

    def _target(self, figure: dict) -> list[dict]:
        tables = self.tables
        target = figure["target"]
        scope = templates.first_match(templates.NARRATIVE_SCOPES, figure["words_before"] or "")
        if target in THREE_PUBLIC_TARGETS:
            rows = self._where("three_public", item=target)
            if any(r.get("basis") == "actual" for r in rows):
                # A 决算 prints both: the narrative's figure is the 决算数 unless its words say 预算.
                wanted = "actual" if "预算" not in (figure["label"] or "") else None
                rows = [r for r in rows if (r.get("basis") == "actual") == (wanted == "actual")]
            rows = rows[:1]
            if not rows and target == "operating_expenses":
                rows = self._rows(
                    ("operating",),
                    lambda: tables["operating_expenses"].filter(
                        (pl.col("level") == 0) & (pl.col("measure").is_in(["total", "operating_expenses"]))
                    ),
                )[:1]
            return rows

        if target in ("income_total", "expenditure_total"):
            if scope is not None:
                return []  # one source's income or spending, not the total
            side = "income" if target == "income_total" else "expenditure"
            totals = self._totals("all", side)
            if "本年" in (figure["label"] or ""):
                return _current_year_total(totals)  # a 决算's 本年收入合计, not its 总计
            return totals[-1:]
        if target in ("personnel_total", "public_total"):
            # a 决算's 人员经费合计 | 公用经费合计, printed under its basic economic table
            name = "人员经费合计" if target == "personnel_total" else "公用经费合计"
            return self._where("basic_by_economic", name=name, measure="total")[:1]
        if target in ("fiscal_income_total", "fiscal_expenditure_total"):
            side = "income" if target == "fiscal_income_total" else "expenditure"
            fiscal = self._totals("fiscal", side)
            if "总计" not in (figure["label"] or ""):
                return _current_year_total(fiscal)  # a 决算's 财政拨款收入 is this year's, not the 总计
            return fiscal[-1:]
        if target in ("basic_total", "project_total"):
            measure = "basic" if target == "basic_total" else "project"

            if scope:
                scoped = self._where("expenditure_by_function", level=0, measure=measure, scope=scope)[:1]
                if not scoped and measure == "basic":
                    scoped = self._where("basic_by_economic", scope=scope, level=0, measure="total")[:1]
                return scoped
            rows = self._where("expenditure_by_function", level=0, measure=measure, scope="all")[:1]
            if not rows:
                name = "基本支出" if measure == "basic" else "项目支出"
                rows = self._where("summary_lines", scope="all", side="expenditure", name=name)[:1]
            return rows
        if target == "procurement_total":
            return self._rows(
                ("procurement",),
                lambda: tables["procurement"].filter((pl.col("level") == 0) & pl.col("amount_wan").is_not_null()),
            )[:1]
        names = figure["names"] or []
        if target == "function_class" and names:
            class_name = names[0] + "支出"
            if scope is not None:  # a list of one fund's classes ("一般公共预算财政拨款支出…主要用于：…（类）…")
                scoped = self._where("expenditure_by_function", measure="total", level=1, name=class_name, scope=scope)
                if scoped:
                    return scoped[:1]
            rows = self._where("summary_lines", scope="all", side="expenditure", name=class_name)
            return rows[:1] or self._where("expenditure_by_function", measure="total", level=1, name=class_name)[:1]
        if target == "function_item" and len(names) == 3:
            names = [_same_name(n) for n in names]
            by_code = self._function_codes()
            for row in by_code.values():
                chain = [row]  # the 项, its 款 and its 类
                while len(chain) < 3 and (up := by_code.get(chain[-1]["parent_code"] or "")) is not None:
                    chain.append(up)
                if row["level"] == 3 and [_same_name(r["name"]) for r in reversed(chain)] == names:
                    return [row]
        return []


def _check_narrative(
    tables: dict[str, pl.DataFrame],
    titles: dict[str, str],
    cells: Cells,
    target_of: Callable[[dict], list[dict]] | None = None,
    numbered_ids: set[str] | frozenset[str] = frozenset(),
) -> list[dict]:
    """Each figure the narrative states against the table's; a figure on a table the document numbers as the
    template does is narrative.amounts' (it reads those schedules), so it adds no row here."""
    target_of = target_of or NarrativeTargets(tables)
    figures = tables["narrative_figures"].to_dicts()
    if not figures:
        return [not_applicable(NARRATIVE, "the document's text states no figure this reader recognizes")]
    results = []
    named = Named()  # a figure stated twice on one page (支出预算总计 28849.38万元, 江苏省高级人民法院 2017 p19)
    for figure in figures:
        if figure["target"].startswith("procurement_") and figure["target"] != "procurement_total":
            continue  # a 决算's procurement by kind: no table prints it (execution.procurement_parts adds it up)
        if figure["target"] == narrative.PERFORMANCE_AMOUNT:
            continue  # the projects' money: the sum of the project forms (narrative.performance_projects)
        rows = target_of(figure)
        if rows and rows[0]["table_id"] in numbered_ids:
            continue
        instance = named.name(narrative.figure_instance(figure))
        said = [{**figure, "table_id": None}]
        if not rows or rows[0]["amount_wan"] is None:
            cells.add(NARRATIVE, instance, "expected", said)
            sides = Side("说明", figure["amount_wan"]), Side("表中没有对应的数")
            note = "表中没有列出这个数字，或此格空白 / the tables do not print this figure, or print it blank"
            results.append(not_applicable(NARRATIVE, note, instance, *sides))
            continue
        label = titles.get(rows[0]["table_id"], rows[0]["table_id"])
        table = Side(label, rows[0]["amount_wan"])
        stated = Side(f"说明：{figure['label']}", figure["amount_wan"])
        precision = f"the table's amount rounded (or cut) to the decimals of {figure['amount_printed']!r}"
        status = agrees_as_printed(rows[0]["amount_wan"], figure["amount_wan"], figure["amount_printed"])
        results.append(
            cited(cells, NARRATIVE, instance, (stated, said), (table, rows), precision=precision, status=status)
        )
    return results


def numbered_elsewhere(tables: dict[str, pl.DataFrame]) -> tuple[dict[str, pl.DataFrame], set[str]]:
    """(the tables without those the document prints in the template's numbered form, their ids): the template's
    rules (附表1-1 … 1-7, 1-11, 1-12: within.py, across.py) check the same identities on those, so the general rules
    skip them (the mirror of `numbered.covered`, which drops a numbered rule where the general rules check its
    tables)."""
    ids = {found["table_id"] for n in numbered.CHECKED if (found := numbered.template_schedule(tables, n)) is not None}
    if not ids:
        return tables, ids
    kept = {name: tables[name].filter(~pl.col("table_id").is_in(list(ids))) for name in (*AMOUNT_TABLES, "schedules")}
    return {**tables, **kept}, ids


def _unless_covered(rows: list[dict], numbered_ids: set[str]) -> list[dict]:
    """A general rule's rows; none where it found nothing to check because the numbered rules check its tables."""
    return [] if numbered_ids and all(r["status"] == "not_applicable" for r in rows) else rows


def run(tables: dict[str, pl.DataFrame], aliases: Sequence[dict[str, str]] = ()) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(checks, check_cells) for a document's canonical tables: every rule (`RULES`, one line each below) answers
    from what the document prints, "not applicable" with the reason where it lacks a rule's inputs."""
    titles = {s["table_id"]: s["title"] or s["table_id"] for s in tables["schedules"].to_dicts()}
    cells = Cells()
    targets = NarrativeTargets(tables)
    general, numbered_ids = numbered_elsewhere(tables)
    results = [
        *_unless_covered(_check_hierarchy(general, titles, cells), numbered_ids),
        *_unless_covered(_check_parts(general, titles, cells), numbered_ids),
        *_unless_covered(_check_three_public(general, titles, cells), numbered_ids),
        *_unless_covered(_check_same_figure(general, titles, cells), numbered_ids),
        *_check_empty_notes(tables, titles, cells),
        *_check_narrative(tables, titles, cells, targets, numbered_ids),
        *_check_project_funds(tables, titles, cells),
        *execution_checks.run(tables, cells),  # a 决算's execution statements (checks/execution.py)
        # the template's rules (附表1-1 … 1-14 and between them: where a document prints no table of theirs in the
        # template's form, covered by the rules above or one not-applicable row each), then the rules over projects,
        # the mirrors and 30231, which run on every document that prints their inputs
        *within.run(tables, cells),
        *across.run(tables, cells),
        *narrative.run_canonical(tables, titles, cells, targets),
        *tables_agree.run(tables, titles, cells),
        *indicators.run(tables, cells),  # goals and indicators: every document that prints a 绩效目标表
        *names.run(tables, aliases),  # names.resolved: listings' project names against the project forms
        *structure.run(tables, cells),  # the contents' tables are there, repeated rows, the project forms' lines
        *_check_listing_sums(tables, titles, cells),  # a procurement table by group, project and item
    ]
    checks = columns.frame_from_rows(results, SCHEMA) if results else pl.DataFrame(schema=SCHEMA)
    return checks, cells.frame(results)
