"""Tables add up: every code equals the codes under it (`hierarchy`), every printed row's total its parts
(`columns_add_up`), every 三公 total its items (`three_public_parts`): one implementation of each, for every document.

Which sums a table states is decided once, here (`code_sums`, `row_sums`, `_three_public_sums`). Where the document
prints the table under a template number whose rules name these identities (附表1-3, 1-5, 1-6, 1-7), the
`template_*` functions report the same comparisons as that template's rules name them ("1-5.hierarchy", "1-5.row",
"20601 科学技术管理事务 · 合计"; the naming is data: `numbered.ROW_SUMS` and the measures' words the caller gives)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import polars as pl

from budgetlens.canonical.headings import measure_parent
from budgetlens.checks import numbered
from budgetlens.checks.model import (
    CellSink,
    NoCells,
    Rule,
    Side,
    cited,
    compare,
    lines_of,
    not_applicable,
    sum_side,
    total,
)

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
THREE_PUBLIC_PARTS = Rule(
    "canonical.three_public_parts",
    "within_table",
    ("三公",),
    "“三公”经费等于因公出国（境）费、公务用车购置及运行费和公务接待费之和；公务用车等于购置费加运行费",
    "三公 equals overseas travel + vehicles + reception; vehicles equal purchase + operation",
)
CODED_TABLES = ("expenditure_by_function", "basic_by_economic", "operating_expenses", "income_by_source")
EXPENDITURE_PARTS = (
    "basic",
    "project",
    "reserve",
    "carry_forward",
    "business_operation",
    "remit_to_superior",
    "subsidy_to_affiliates",
)
INCOME_PARTS = ("fiscal_appropriation", "business_income", "operating_income", "other_income", "special_account")
FISCAL_PARTS = ("general_budget", "government_fund", "state_capital")
# (the whole, the columns that add up to it); a row is checked against every set of which it prints two parts.
PARTITIONS = [
    ("total", EXPENDITURE_PARTS),
    ("basic", ("personnel", "public")),
    ("total", INCOME_PARTS),
    ("total", FISCAL_PARTS),
]


def code_sums(frame: pl.DataFrame) -> Iterator[tuple[str, dict, list[dict]]]:
    """The sums a coded table states, by table and measure (a 决算's 年初预算数 | 全年预算数 | 决算数 each on its own):
    (the measure, a row, the rows of the codes under it) for every code printed with codes under it, in printed
    order, then (the measure, the 合计 row, the classes)."""
    by_table: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in frame.filter(pl.col("level").is_not_null()).to_dicts():
        basis = row.get("basis")
        measure = row["measure"] if basis in (None, "budget", "actual") else f"{row['measure']} {basis}"
        by_table[(row["table_id"], measure)].append(row)
    for (_, measure), table_rows in by_table.items():
        coded = [r for r in table_rows if r["code"]]
        children: dict[str | None, list[dict]] = defaultdict(list)
        for row in coded:
            children[row["parent_code"]].append(row)
        for row in coded:
            if children.get(row["code"]):
                yield measure, row, children[row["code"]]
        totals = [r for r in table_rows if r["level"] == 0 and not r["code"]]
        if totals and children.get(None):
            yield measure, totals[0], children[None]


def hierarchy(tables: dict[str, pl.DataFrame], titles: dict[str, str], cells: CellSink) -> list[dict]:
    """canonical.hierarchy: each code against the sum of the codes under it, the 合计 against the classes', a blank
    cell counted as nothing."""
    results = []
    for name in CODED_TABLES:
        for measure, row, children in code_sums(tables[name]):
            title = titles[row["table_id"]]
            if row["code"]:
                instance = f"{title} {row['code']} {row['name']} [{measure}]"
                sides = (f"{row['code']} 下级之和", children), (f"{row['code']} 本行", [row])
            else:
                instance, sides = f"{title} 合计 [{measure}]", (("各类之和", children), ("合计", [row]))
            results.append(compare(HIERARCHY, instance, *sides, cells))
    return results or [not_applicable(HIERARCHY, "the document prints no coded table with codes over several levels")]


def _template_table(tables: dict[str, pl.DataFrame], number: str) -> pl.DataFrame | None:
    """The canonical rows of the table the document prints as 附表`number` (in the template's form), else None."""
    found = numbered.template_schedule(tables, number)
    if found is None:
        return None
    return tables[numbered.KIND_TABLES[found["kind"]]].filter(pl.col("table_id") == found["table_id"])


def template_hierarchy(
    tables: dict[str, pl.DataFrame], number: str, rule: Rule, words: dict[str, str], cells: CellSink | None = None
) -> list[dict]:
    """`code_sums` on the table the document prints as 附表`number`, as the template names them (`rule`; `words`: the
    measures it checks, in its order, and what it calls each): row by row, the row first, its codes' sum after (not
    stated where one of them is blank)."""
    frame = _template_table(tables, number)
    if frame is None:
        return []
    found = [(row["row"], list(words).index(m), m, row, kids) for m, row, kids in code_sums(frame) if m in words]
    out = []
    for _, _, measure, row, children in sorted(found, key=lambda sum_: sum_[:2]):
        name = f"{row['code']} {row['name']}" if row["code"] else "合计"
        stated = Side(f"附表{number} {name} {words[measure]}", row["amount_wan"], lines_of([row]))
        summed = sum_side(f"附表{number} {name} 下级科目之和", children)
        out.append(cited(cells or NoCells(), rule, f"{name} · {words[measure]}", (stated, [row]), (summed, children)))
    return out


def _printed_rows(frame: pl.DataFrame) -> Iterator[dict[str, dict]]:
    """Each printed row of a table (a basis of it, in a 决算), as {measure: its canonical row}, in printed order."""
    keys = (
        ["table_id", "row"]
        + (["side"] if "side" in frame.columns else [])
        + (["basis"] if "basis" in frame.columns else [])
    )
    # One pass over the rows in Python: a polars group per printed row costs more than the check.
    printed_rows: dict[tuple, dict[str, dict]] = {}
    for record in frame.to_dicts():
        printed_rows.setdefault(tuple(record[k] for k in keys), {})[record["measure"]] = record
    yield from printed_rows.values()


def row_sums(by_measure: dict[str, dict]) -> Iterator[tuple[str, list[str]]]:
    """The sums one printed row states: (the whole's measure, the measures of its parts the row prints)."""
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
        if whole in by_measure and present:
            yield whole, present


def columns_add_up(tables: dict[str, pl.DataFrame], titles: dict[str, str], cells: CellSink) -> list[dict]:
    """canonical.columns_add_up: each row's total against every set of its parts of which it prints two, a blank
    cell counted as nothing (a row blank throughout is not checked)."""
    results = []
    for frame in [tables[name] for name in CODED_TABLES] + [tables["summary_lines"]]:
        for by_measure in _printed_rows(frame):
            for whole, present in row_sums(by_measure):
                row = by_measure[whole]
                blank = row["amount_wan"] is None and all(by_measure[p]["amount_wan"] is None for p in present)
                if len(present) < 2 or blank:
                    continue
                label = row.get("code") or row.get("label") or row.get("name") or ""
                name = row.get("name") or ""
                instance = f"{titles[row['table_id']]} {label} {name if name != label else ''}".strip() + f" {whole}"
                summed = (" + ".join(present), [by_measure[p] for p in present])
                results.append(compare(PARTS, instance, summed, (whole, [row]), cells))
    return results or [not_applicable(PARTS, "no table prints a total beside its parts")]


def template_row_sums(
    tables: dict[str, pl.DataFrame], number: str, rule: Rule, cells: CellSink | None = None
) -> list[dict]:
    """The same sums on the table the document prints as 附表`number`, as the template names them (`rule`,
    `numbered.ROW_SUMS`): the whole first, its named parts after; a named part the row does not state makes the sum
    not stated (not applicable), a part the template does not name counts only where the row states it."""
    frame = _template_table(tables, number)
    if frame is None:
        return []
    naming = numbered.ROW_SUMS[number]
    out = []
    for by_measure in _printed_rows(frame):
        for whole, present in row_sums(by_measure):
            if whole not in naming:
                continue
            suffix, whole_word, named, parts_word = naming[whole]
            row = by_measure[whole]
            name = f"{row['code']} {row['name']}" if row["code"] else "合计"
            extra = [p for p in present if p not in named and by_measure[p]["amount_wan"] is not None]
            parts = [by_measure[p] for p in (*named, *extra) if p in by_measure]
            summed = total(by_measure[p]["amount_wan"] if p in by_measure else None for p in (*named, *extra))
            stated = Side(f"{name} {whole_word}", row["amount_wan"], lines_of([row]))
            summed_side = Side(f"{name} {parts_word}", summed, lines_of(parts))
            out.append(cited(cells or NoCells(), rule, name + suffix, (stated, [row]), (summed_side, parts)))
    return out


def _three_public_sums(frame: pl.DataFrame) -> Iterator[tuple[str, dict, list[dict]]]:
    """The sums a 三公 table states, by table, year and basis (a 决算 prints 预算数 and 决算数 under each item: each
    adds up on its own): (the basis, the whole's row, its parts' rows): the 三公 total and 公务用车 their items, the
    total of 三公, 会议费 and 培训费 where a table prints it."""
    keys = ["table_id", "year", "basis"] if "basis" in frame.columns else ["table_id", "year"]
    for (_, _, *basis), group in frame.group_by(keys, maintain_order=True):
        by_item = {r["item"]: r for r in group.to_dicts()}
        for whole in ("three_public_total", "vehicles", "total"):
            if whole not in by_item:
                continue
            if whole == "total":
                parts = [by_item[i] for i in ("three_public_total", "meetings", "training") if i in by_item]
            else:
                parts = [r for r in by_item.values() if r["parent_item"] == whole]
            if parts:
                yield (basis[0] if basis else None), by_item[whole], parts


def three_public_parts(tables: dict[str, pl.DataFrame], titles: dict[str, str], cells: CellSink) -> list[dict]:
    """canonical.three_public_parts: every 三公 total that prints two parts or more against their sum."""
    frame = tables["three_public"]
    if frame.is_empty():
        return [not_applicable(THREE_PUBLIC_PARTS, "the document prints no 三公 table")]
    results = []
    for basis, whole, parts in _three_public_sums(frame):
        if len(parts) < 2:
            continue
        shown_basis = f" [{basis}]" if basis and basis != "budget" else ""
        instance = f"{titles[whole['table_id']]} {whole['year']} {whole['item']}{shown_basis}"
        stated = (whole["measure_printed"], [whole])
        results.append(compare(THREE_PUBLIC_PARTS, instance, ("各组成之和", parts), stated, cells))
    return results or [not_applicable(THREE_PUBLIC_PARTS, "the 三公 table prints no total beside its parts")]


def template_three_public(
    tables: dict[str, pl.DataFrame], number: str, rule: Rule, cells: CellSink | None = None
) -> list[dict]:
    """`_three_public_sums` on the table the document prints as 附表`number`, as the template names them (`rule`,
    each total by its printed name; not stated where a part is blank)."""
    frame = _template_table(tables, number)
    if frame is None:
        return []
    out = []
    for _, whole, parts in _three_public_sums(frame):
        name = whole["name_printed"]
        stated = Side(f"附表{number} {name}", whole["amount_wan"], lines_of([whole]))
        summed = sum_side(f"附表{number} {name} 各项之和", parts)
        out.append(cited(cells or NoCells(), rule, name, (stated, [whole]), (summed, parts)))
    return out
