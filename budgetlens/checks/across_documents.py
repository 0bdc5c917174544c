"""Checks across documents: a later document's statements about the year before, against the earlier
document's own figures.

Two documents are compared when the catalogue joins them to one department (the reviewed alias table)
and the later one speaks of the earlier one's year: a narrative figure with a stated change
("比2023年预算增加25万元": the earlier figure is the amount less the change), or an amount column of
that year (上年预算数). The earlier figure is the same target resolved in the earlier document's own
tables, exactly as the narrative check resolves it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import polars as pl

from budgetlens.checks.canonical import NarrativeTargets
from budgetlens.checks.execution import function_rows
from budgetlens.checks.model import SCHEMA, Rule, Side, agrees_as_printed, not_applicable, result
from budgetlens.checks.narrative import figure_instance
from budgetlens.formatting import signed_amount
from budgetlens.store import load_snapshot

PRIOR_YEAR = Rule(
    "documents.prior_year",
    "across_documents",
    ("说明", "上年预算数"),
    "后一年文件所说的上年数字（本年数减去所述增减额，或上年预算数列）等于上一年文件自己的数字",
    "What a later document says of the year before (its amount less the stated change, or a prior-year "
    "column) equals the earlier document's own figure",
)
BUDGET_AND_FINAL = Rule(
    "documents.budget_vs_final",
    "across_documents",
    ("说明", "一般公共预算支出表"),
    "决算说明中各科目的年初预算数等于同一部门同一年度预算文件中的数",
    "The 年初预算 a 决算 states per item equals the amount the same department's 预算 of that year prints",
)
RULES = [PRIOR_YEAR, BUDGET_AND_FINAL]
STAGE_BUDGET, STAGE_FINAL = "预算", "决算"
CROSS_SCHEMA = {
    **SCHEMA,
    "expected_doc": pl.String,  # the later document (what it says of the earlier year)
    "actual_doc": pl.String,  # the earlier document (its own figure)
    "expected_page": pl.Int16,
    "actual_page": pl.Int16,
    "expected_box": pl.List(pl.Float32),
    "actual_box": pl.List(pl.Float32),
}
CODED = ("expenditure_by_function", "basic_by_economic", "operating_expenses", "income_by_source")


def _placed(row: dict, expected_doc: str, actual_doc: str | None, said: dict | None, own: dict | None = None) -> dict:
    """A result between two documents: which says what (`expected_doc`) of which (`actual_doc`), and the page and box
    of each side (`said`, `own`: their rows) where it has one."""
    placed = {**row, "expected_doc": expected_doc, "actual_doc": actual_doc}
    if said is not None:
        placed |= {"expected_page": said["page"], "expected_box": said["box"]}
    if own is not None:
        placed |= {"actual_page": own["page"], "actual_box": own["box"]}
    return placed


def _pair_results(later_id: str, later: dict, earlier_id: str, earlier: dict, year: int) -> list[dict]:
    results, target_of = [], NarrativeTargets(earlier)
    figures = later["narrative_figures"].filter((pl.col("compared_year") == year) & pl.col("change_wan").is_not_null())
    for figure in figures.to_dicts():
        # The earlier figure, to the decimals the later narrative writes (15621.11 − (−876.75) = 16497.86).
        decimals = max(_decimals(figure["amount_printed"]), _decimals(figure["change_printed"] or ""))
        implied = (figure["amount_wan"] - figure["change_wan"]).quantize(Decimal(1).scaleb(-decimals))
        rows = target_of(figure)
        change = figure["change_printed"] or signed_amount(figure["change_wan"])  # a text export's reader keeps none
        instance = f"{later_id} {figure_instance(figure)}，{change}"
        statement = f"{later_id}：{figure['amount_printed']} − ({change})"
        said = Side(statement, implied, list(figure["source_lines"] or []))  # a text export's lines: where it said so
        if not rows or rows[0]["amount_wan"] is None:
            missing = Side(f"{earlier_id}：没有对应的数")
            row = not_applicable(PRIOR_YEAR, "the earlier document does not print this figure", instance, said, missing)
            results.append(_placed(row, later_id, earlier_id, figure))
            continue
        own = rows[0]["amount_wan"]
        precision = "the earlier figure rounded (or cut) to the later narrative's decimals"
        status = agrees_as_printed(own, implied, str(implied))
        own_side = Side(f"{earlier_id} 自己的数", own, list(rows[0].get("source_lines") or []))
        row = result(PRIOR_YEAR, instance, said, own_side, precision=precision, status=status)
        results.append(_placed(row, later_id, earlier_id, figure, rows[0]))
    for name in CODED:
        stated = later[name].filter((pl.col("year") == year) & pl.col("amount_wan").is_not_null())
        for row in stated.to_dicts():
            same_row = pl.col("code") == row["code"] if row["code"] else pl.col("level") == 0
            own = earlier[name].filter(same_row, scope=row["scope"], measure=row["measure"], year=year).to_dicts()[:1]
            instance = f"{later_id} {row['code'] or '合计'} {row['name'] or ''} {row['measure_printed']}"
            said = Side(f"{later_id}：{row['measure_printed']}", row["amount_wan"])
            if not own:
                continue  # the earlier document does not print this line: nothing to hold it against
            checked = result(PRIOR_YEAR, instance, said, Side(f"{earlier_id} 自己的数", own[0]["amount_wan"]))
            results.append(_placed(checked, later_id, earlier_id, row, own[0]))
    return results


def _decimals(printed: str) -> int:
    numbers = re.findall(r"\d[\d,]*(?:\.(\d+))?", printed)
    return max((len(d) for d in numbers), default=0)


def budget_vs_final(
    final_id: str, final: dict, final_kind: str, budget_id: str, budget: dict, budget_kind: str
) -> list[dict]:
    """A 决算's stated 年初预算 per item (and its total) against the same department's 预算 of that year. Where
    the two documents count different money (a 部门 against a 单位 document; the 预算's table of another scope
    than the 一般公共预算 the 决算 speaks of), every result says so in its note."""
    statements = final.get("execution_statements")
    if statements is None or statements.is_empty():
        return []
    own, found = function_rows(budget)  # the 预算's function amounts, from its 一般公共预算 table first
    scope = found.get("scope")
    scopes = []
    if final_kind[:2] != budget_kind[:2]:
        scopes.append(f"the 决算 is a {final_kind}, the 预算 a {budget_kind}: they may count different units")
    if scope not in (None, "general_budget"):
        scopes.append(f"the 预算's function table counts {scope}, the 决算's statements 一般公共预算")
    scope_note = "; ".join(scopes) or None
    results = []
    for statement in statements.filter(
        pl.col("subject").is_in(["function_item", "function_total"]) & pl.col("budget_initial_wan").is_not_null()
    ).to_dicts():
        if statement["subject"] == "function_total" and statement["scope"] not in (None, "general_budget"):
            continue
        key = statement["code"] if statement["subject"] == "function_item" else None
        if statement["subject"] == "function_item" and key is None:
            continue  # the statement names no code: nothing to look up in the 预算
        names = "".join(statement["names"] or []) or "一般公共预算财政拨款支出合计"
        instance = f"{final_id} 第 {statement['page']} 页：{names} 年初预算 {statement['budget_initial_printed']}万元"
        said = Side(f"{final_id}：年初预算", statement["budget_initial_wan"])
        row = own.get(key)
        if row is None or row["amount_wan"] is None:
            why = "; ".join(n for n in ("the 预算 does not print this item", scope_note) if n)
            missing = not_applicable(BUDGET_AND_FINAL, why, instance, said, Side(f"{budget_id}：没有对应的数"))
            results.append(_placed(missing, final_id, budget_id, statement))
            continue
        own_side = Side(f"{budget_id} 的预算数", row["amount_wan"])
        precision = "the 预算's amount rounded (or cut) to the 决算's decimals"
        stated, printed = statement["budget_initial_wan"], statement["budget_initial_printed"]
        status = agrees_as_printed(row["amount_wan"], stated, printed)
        checked = result(
            BUDGET_AND_FINAL, instance, said, own_side, precision=precision, note=scope_note, status=status
        )
        results.append(_placed(checked, final_id, budget_id, statement, row))
    return results + _three_public_budget(final_id, final, budget_id, budget, scope_note)


def _three_public_budget(final_id: str, final: dict, budget_id: str, budget: dict, note: str | None) -> list[dict]:
    """The 决算's 三公 table's 预算数 per item against the 预算 document's 三公 amounts of the same item."""
    final_three = final.get("three_public")
    budget_three = budget.get("three_public")
    if final_three is None or budget_three is None or "basis" not in final_three.columns:
        return []
    results = []
    said = final_three.filter(pl.col("basis").is_in(["budget", "budget_initial"]) & pl.col("amount_wan").is_not_null())
    for row in said.to_dicts():
        candidates = budget_three.filter(pl.col("item") == row["item"]).to_dicts()
        # the 预算's column of the 决算's year (a 预算 may print 上年 beside 本年); a copy of another year: its own
        own = ([r for r in candidates if r["year"] == row["year"]] or candidates)[:1]
        if not own or own[0]["amount_wan"] is None:
            continue  # the 预算 does not print this item
        instance = f"{final_id} 第 {row['page']} 页：“三公”经费表 {row['item']} 预算数 {row['amount_printed']}"
        sides = Side(f"{final_id}：预算数", row["amount_wan"]), Side(f"{budget_id} 的预算数", own[0]["amount_wan"])
        checked = result(BUDGET_AND_FINAL, instance, *sides, note=note)
        results.append(_placed(checked, final_id, budget_id, row, own[0]))
    return results


def _final_against_budget(snapshots: Path, group: pl.DataFrame) -> list[dict]:
    """Each 决算 of the department against its 预算 of the same year, when the library holds both; a 决算 whose
    year has no 预算 here gets one not_applicable row naming the years the library does hold."""
    rows = group.to_dicts()
    budgets = {r["budget_year"]: r for r in rows if (r.get("stage") or STAGE_BUDGET) == STAGE_BUDGET}
    results = []
    for final in (r for r in rows if r.get("stage") == STAGE_FINAL):
        budget = budgets.get(final["budget_year"])
        if budget is None:
            held = "、".join(f"{y}年预算" for y in sorted(budgets)) or "no 预算"
            why = f"the library holds no {final['budget_year']} 预算 of this department (it holds {held})"
            sides = Side(f"{final['doc_id']}：年初预算"), Side(f"{final['budget_year']}年预算：不在库中")
            instance = f"{final['doc_id']}：{final['budget_year']}年决算的年初预算"
            missing = not_applicable(BUDGET_AND_FINAL, why, instance, *sides)
            results.append(_placed(missing, final["doc_id"], None, None))
            continue
        results += budget_vs_final(
            final["doc_id"],
            load_snapshot(snapshots / final["doc_id"]).tables,
            final.get("kind") or "部门决算",
            budget["doc_id"],
            load_snapshot(snapshots / budget["doc_id"]).tables,
            budget.get("kind") or "部门预算",
        )
    return results


def run(snapshots: Path, catalogue: pl.DataFrame) -> pl.DataFrame:
    """Every pair of one department's 预算 a year apart, later against earlier; and each 决算 against the 预算 of
    its year."""
    results: list[dict] = []
    for _, group in catalogue.group_by("department_key", maintain_order=True):
        if "stage" in group.columns:
            results.extend(_final_against_budget(snapshots, group))
            group = group.filter(pl.col("stage").fill_null(STAGE_BUDGET) == STAGE_BUDGET)  # a 决算 is no prior 预算
        by_year = {row["budget_year"]: row["doc_id"] for row in group.to_dicts()}
        for year, later_id in sorted(by_year.items()):
            earlier_id = by_year.get(year - 1)
            if earlier_id is None:
                continue
            later = load_snapshot(snapshots / later_id).tables
            earlier = load_snapshot(snapshots / earlier_id).tables
            results.extend(_pair_results(later_id, later, earlier_id, earlier, year - 1))
    if not results:
        return pl.DataFrame(schema=CROSS_SCHEMA)
    return pl.DataFrame({k: [r.get(k) for r in results] for k in CROSS_SCHEMA}, schema=CROSS_SCHEMA)
