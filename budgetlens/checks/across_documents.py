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

from budgetlens.checks.canonical import _narrative_target, _rounded_like
from budgetlens.checks.model import SCHEMA, Rule, Side, result
from budgetlens.store import load_snapshot

PRIOR_YEAR = Rule(
    "documents.prior_year",
    "across_documents",
    ("说明", "上年预算数"),
    "后一年文件所说的上年数字（本年数减去所述增减额，或上年预算数列）等于上一年文件自己的数字",
    "What a later document says of the year before (its amount less the stated change, or a prior-year "
    "column) equals the earlier document's own figure",
)
RULES = [PRIOR_YEAR]
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


def _pair_results(later_id: str, later: dict, earlier_id: str, earlier: dict, year: int) -> list[dict]:
    results = []
    figures = later["narrative_figures"].filter((pl.col("compared_year") == year) & pl.col("change_wan").is_not_null())
    for figure in figures.to_dicts():
        # The earlier figure, to the decimals the later narrative writes (15621.11 − (−876.75) = 16497.86).
        decimals = max(_decimals(figure["amount_printed"]), _decimals(figure["change_printed"] or ""))
        implied = (figure["amount_wan"] - figure["change_wan"]).quantize(Decimal(1).scaleb(-decimals))
        rows = _narrative_target(earlier, figure)
        name = "".join(figure["names"] or []) if figure["target"].startswith("function") else figure["label"]
        instance = (
            f"{later_id} 第 {figure['page']} 页：{name} {figure['amount_printed']}万元，{figure['change_printed']}"
        )
        said = Side(f"{later_id}：{figure['amount_printed']} − ({figure['change_printed']})", implied)
        if not rows or rows[0]["amount_wan"] is None:
            row = result(
                PRIOR_YEAR,
                instance,
                said,
                Side(f"{earlier_id}：没有对应的数"),
                status="not_applicable",
                note="the earlier document does not print this figure",
            )
            results.append(
                {
                    **row,
                    "expected_doc": later_id,
                    "actual_doc": earlier_id,
                    "expected_page": figure["page"],
                    "expected_box": figure["box"],
                }
            )
            continue
        own = _rounded_like(rows[0]["amount_wan"], str(implied))
        row = result(
            PRIOR_YEAR,
            instance,
            said,
            Side(f"{earlier_id} 自己的数", own),
            precision="the earlier figure rounded (or cut) to the later narrative's decimals",
        )
        results.append(
            {
                **row,
                "expected_doc": later_id,
                "actual_doc": earlier_id,
                "expected_page": figure["page"],
                "expected_box": figure["box"],
                "actual_page": rows[0]["page"],
                "actual_box": rows[0]["box"],
            }
        )
    for name in CODED:
        stated = later[name].filter((pl.col("year") == year) & pl.col("amount_wan").is_not_null())
        for row in stated.to_dicts():
            own = (
                earlier[name]
                .filter(
                    (pl.col("scope") == row["scope"])
                    & (pl.col("measure") == row["measure"])
                    & (pl.col("year") == year)
                    & (pl.col("code") == row["code"] if row["code"] else pl.col("level") == 0)
                )
                .to_dicts()[:1]
            )
            instance = f"{later_id} {row['code'] or '合计'} {row['name'] or ''} {row['measure_printed']}"
            said = Side(f"{later_id}：{row['measure_printed']}", row["amount_wan"])
            if not own:
                continue  # the earlier document does not print this line: nothing to hold it against
            checked = result(PRIOR_YEAR, instance, said, Side(f"{earlier_id} 自己的数", own[0]["amount_wan"]))
            results.append(
                {
                    **checked,
                    "expected_doc": later_id,
                    "actual_doc": earlier_id,
                    "expected_page": row["page"],
                    "expected_box": row["box"],
                    "actual_page": own[0]["page"],
                    "actual_box": own[0]["box"],
                }
            )
    return results


def _decimals(printed: str) -> int:
    numbers = re.findall(r"\d[\d,]*(?:\.(\d+))?", printed)
    return max((len(d) for d in numbers), default=0)


def run(snapshots: Path, catalogue: pl.DataFrame) -> pl.DataFrame:
    """Every pair of one department's documents a year apart, later against earlier."""
    results: list[dict] = []
    for _, group in catalogue.group_by("department_key", maintain_order=True):
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
