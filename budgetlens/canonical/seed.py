"""The text-export template's schedules (附表1-1 … 1-14) onto the canonical model.

The seed keeps its own schedule tables (s01_… s14_) and its own checks; these are the same values,
column by column, in the canonical tables every document has, with `source_lines` for provenance.
The mapping is data: which schedule is which kind, and which of its columns is which measure.
A canonical column a converter does not name is null (`model.frame` takes each column by name).
"""

from __future__ import annotations

import polars as pl

from budgetlens.canonical.model import PROJECT_PRINTED, SCHEMAS, direction_of, frame
from budgetlens.canonical.readers import recognize_title
from budgetlens.ingest import schedules
from budgetlens.ingest.indicators import VALUE_PARTS  # a value's parsed parts: its columns value_<year>_<part>
from budgetlens.vocabulary import THREE_PUBLIC_ITEMS, THREE_PUBLIC_SECTION, THREE_PUBLIC_SUBJECTS
from budgetlens.years import document_years

# schedule number -> (the seed's table, canonical table, scope, the reader's column map: its amounts in order)
CODED_SCHEDULES: dict[str, tuple[str, str, str, dict[str, str]]] = {
    "1-3": ("s03_expenditure", "expenditure_by_function", "all", schedules.EXPENDITURE),
    "1-5": ("s05_general_budget", "expenditure_by_function", "general_budget", schedules.GENERAL_BUDGET),
    "1-6": ("s06_basic_economic", "basic_by_economic", "general_budget", schedules.BASIC_ECONOMIC),
}
# A coded schedule's amount column measures what its name says without `_wan`, except these.
CODED_MEASURES = {"basic_personnel_wan": "personnel", "basic_public_wan": "public"}
SUMMARIES = {"1-1": ("s01_summary", "all"), "1-4": ("s04_fiscal_summary", "fiscal")}
FUND_SCHEDULES = {"1-9": ("s09_government_fund", "government_fund"), "1-10": ("s10_state_capital", "state_capital")}
# 附表1-2's columns -> (measure, source): this year's income by source, its subtotal (income_current), the
# carry-over (its subtotal is the source `carryover`, its parts name their source); a column with no heading is
# `other`, its source null.
INCOME_COLUMNS = {
    "total_wan": ("total", "total"),
    "current_total_wan": ("income_current", "income_current"),
    **{f"current_{source}_wan": (source, source) for source in schedules.CURRENT},
    "carryover_total_wan": ("carryover", "carryover"),
    **{f"carryover_{source}_wan": ("carryover", source) for source in schedules.CARRIED},
}
THREE_PUBLIC_UNITS_SECTION = "“三公”经费的单位范围"  # “三公”经费包括一级、二级单位 4 家。
UNIT = "万元"
YUAN_SCHEDULES = ("1-11", "1-12")  # printed in 元, held in 万元


def _amount(value, year: int, printed: str, measure: str = "total") -> dict:
    """An amount (万元) as the canonical tables hold it: its measure, the column it was printed under, its year
    and basis."""
    return {
        "measure": measure,
        "measure_printed": printed,
        "year": year,
        "amount_wan": value,
        "amount_printed": "" if value is None else f"{value:,.2f}",
        "unit_printed": UNIT,
        "basis": "budget",  # a text export is a 预算: its amounts are budgeted (a prior year's may say 下达)
    }


def _wan(yuan):
    return yuan / 10000 if yuan is not None else None


def _copied(row: dict, *columns: str) -> dict:
    """The row's values of these columns, under the same names in the canonical table."""
    return {column: row[column] for column in columns}


def _rows(tables: dict[str, pl.DataFrame], name: str) -> list[dict]:
    """The seed table's rows; none when the document has no such table."""
    return tables[name].to_dicts() if name in tables else []


BASIC = "basic"  # project_names' code for a line of basic expenditure


def _resolved_projects(tables: dict[str, pl.DataFrame]) -> dict[tuple[str, str], str]:
    """(schedule, name as printed there) -> the project's code the checks resolved it to (project_names), or basic."""
    if "project_names" not in tables:
        return {}
    names = tables["project_names"].filter(pl.col("project_code").is_not_null())
    return {(schedule, name): code for schedule, name, code in names.select("schedule", "name", "project_code").rows()}


def _listed(row: dict, schedule: str, resolved: dict[tuple[str, str], str], listed_names: dict[str, str]) -> dict:
    """A line's project in the project list (1-14) and whether it is basic expenditure; both null if unresolved
    (and on a summary row)."""
    code = resolved.get((schedule, row["project_name"])) if row["row_level"] == "line" else None
    if code is None:
        return {"project_listed": None, "project_listed_code": None, "basic_expenditure": None}
    return {
        "project_listed": listed_names.get(code),
        "project_listed_code": None if code == BASIC else code,
        "basic_expenditure": code == BASIC,
    }


def _yuan_line(row: dict, index: int, table_id: str, year: int, listed: dict) -> dict:
    """A line of 1-11 or 1-12 (元): its amount in 万元 beside the 元 figure as printed, its unit, its economic code,
    its project and the project list's project it resolves to."""
    return {
        "table_id": table_id,
        "row": index,
        "project": row["project_name"],
        "economic": row["economic_name"],
        **_copied(row, "economic_code", "quantity", "unit_code", "unit_name", "source_lines"),
        **_amount(_wan(row["amount_yuan"]), year, "amount_yuan"),
        "amount_printed": "" if row["amount_yuan"] is None else f"{row['amount_yuan']:,.2f}",
        "unit_printed": "元",
        **listed,
    }


def canonical_from_seed(tables: dict[str, pl.DataFrame], schedules: list[dict], year: int) -> dict[str, pl.DataFrame]:
    rows: dict[str, list[dict]] = {name: [] for name in SCHEMAS}
    table_ids = {s["number"]: f"t{i + 1:02d}" for i, s in enumerate(schedules)}
    for schedule in schedules:
        number = schedule["number"]
        kind, scope, _ = recognize_title(schedule["title"] or "")
        rows["schedules"].append(
            {
                "table_id": table_ids[number],
                "kind": kind,
                "scope": scope,
                "reader": "text_export",
                "status": "read" if schedule["status"] == "present" else "absent",
                "title": schedule["title"],
                "number_printed": f"附表{number}",
                "unit_printed": "元" if number in YUAN_SCHEDULES else UNIT,
                "warnings": [],  # its department, pages and rows are not printed in a text export: null
                "promised_in_contents": schedule["promised_in_contents"],
                "contents_lines": [schedule["contents_line"]] if schedule["contents_line"] else None,
                "source_lines": [schedule["first_line"]] if schedule["first_line"] else None,
            }
        )
    for number, (name, target, scope, column_map) in CODED_SCHEDULES.items():
        columns = [column for column in dict.fromkeys(column_map.values()) if column.endswith("_wan")]
        for index, row in enumerate(_rows(tables, name)):
            base = {
                "table_id": table_ids[number],
                "scope": scope,
                "row": index,
                "code_printed": [row["code"]] if row["code"] else None,
                **_copied(row, "code", "name", "level", "parent_code", "source_lines"),
            }
            for column in columns:
                if column not in row:  # the document does not print this column: no amount, not a zero
                    continue
                measure = CODED_MEASURES.get(column, column.removesuffix("_wan"))
                rows[target].append({**base, **_amount(row[column], year, column, measure)})
    for number, (name, scope) in SUMMARIES.items():
        for index, row in enumerate(_rows(tables, name)):
            rows["summary_lines"].append(
                {
                    "table_id": table_ids[number],
                    "scope": scope,
                    "row": index,
                    "group": "收入" if row["side"] == "income" else "支出",
                    "row_kind": {"grand_total": "total"}.get(row["row_kind"], row["row_kind"]),
                    **_copied(row, "side", "label", "name", "level", "source_lines"),
                    **_amount(row["amount_wan"], year, "预算数"),
                }
            )
    if "s02_income" in tables:
        income = tables["s02_income"]
        amount_columns = [c for c in income.columns if c.endswith("_wan")]  # the schedule's own order
        for index, row in enumerate(income.to_dicts()):
            for column in amount_columns:
                measure, source = INCOME_COLUMNS.get(column, ("other", None))  # unlabeled_column_N_wan
                rows["income_by_source"].append(
                    {
                        "table_id": table_ids["1-2"],
                        "scope": "all",
                        "row": index,
                        "code": row["unit_code"],  # the seed's income table is by unit, not by function
                        "name": row["unit_name"],
                        "label": row["unit_name"],
                        "level": {"total": 0, "department": 1, "unit": 2}.get(row["row_level"]),
                        "source": source,
                        **_amount(row[column], year, column, measure),
                        "source_lines": row["source_lines"],
                    }
                )
    for row in _rows(tables, "s07_three_public"):
        rows["three_public"].append(
            {
                "table_id": table_ids["1-7"],
                "item": THREE_PUBLIC_ITEMS.get(row["item"], row["item"]),
                "parent_item": THREE_PUBLIC_ITEMS.get(row["parent_item"], row["parent_item"]),
                **_amount(row["amount_wan"], year, row["name"]),
                "name_printed": row["name"],
                "source_lines": row["source_lines"],
            }
        )
    if "narrative_facts" in tables:
        rows["narrative_figures"] += _three_public_statements(tables["narrative_facts"], year)
        rows["narrative_counts"] += _three_public_units(tables["narrative_facts"])
        rows["narrative_items"] = [
            {
                **_copied(fact, "section", "seq", "subject", "kind", "value", "compared_year", "source_lines"),
                "unit_printed": fact["unit"],
                "year": year,
                "statement": fact["sentence"],
                "reason_stated": fact["reason"],
            }
            for fact in tables["narrative_facts"].to_dicts()
        ]
    for number, (name, scope) in FUND_SCHEDULES.items():
        for index, row in enumerate(_rows(tables, name)):
            if row["row_kind"] == "statement":
                note = {"table_id": table_ids[number], "text": row["statement"]}
                rows["table_notes"].append({**note, **_copied(row, "states_none", "source_lines")})
                continue
            rows["expenditure_by_function"].append(
                {
                    "table_id": table_ids[number],
                    "scope": scope,
                    "row": index,
                    "code": row["function_code"],
                    "code_printed": [row["function_code"]] if row["function_code"] else None,
                    "name": row["function_name"],
                    **_copied(row, "level", "source_lines"),
                    **_amount(row["total_wan"], year, "total_wan"),
                }
            )
    rows["staffing"] += [
        {
            **_copied(row, "category", "label", "count", "source_lines"),
            "count_printed": str(row["count"]),
            "unit_printed": row["unit"],
            "statement": row["sentence"],
        }
        for row in _rows(tables, "profile_counts")
    ]
    listed_names: dict[str, str] = {}
    if "s14_projects" in tables:
        listed_names = dict(tables["s14_projects"].select("project_code", "project_name").rows())
        _projects(tables, table_ids["1-14"], year, listed_names, rows)
    if "indicators" in tables:
        _indicators(tables["indicators"], table_ids, listed_names, rows)
    if "goals" in tables:
        rows["project_goals"] += _goals(tables, table_ids, listed_names)
    resolved = _resolved_projects(tables)
    for index, row in enumerate(_rows(tables, "s11_procurement")):
        rows["procurement"].append(
            {
                **_yuan_line(row, index, table_ids["1-11"], year, _listed(row, "1-11", resolved, listed_names)),
                "level": {"total": 0, "group": 1}.get(row["row_level"], 2),
                "category": row["category"],
                "item": row["item_name"],
                # 1-11 prints each line's own project (the summary rows none): nothing is continued from above
                "project_belongs_to": row["project_name"],
                "project_source": PROJECT_PRINTED if row["project_name"] else None,
                "economic_belongs_to": row["economic_name"],  # each line prints its own class too
                "economic_source": PROJECT_PRINTED if row["economic_name"] else None,
                "measure_unit": row["measure_unit"],
                **{
                    f"{column}_wan": _wan(row[f"{column}_yuan"])
                    for column in ("unit_price", "sme_amount", "micro_amount")
                },
            }
        )
    for index, row in enumerate(_rows(tables, "s12_purchased_services")):
        rows["purchased_services"].append(
            {
                **_yuan_line(row, index, table_ids["1-12"], year, _listed(row, "1-12", resolved, listed_names)),
                "level": {"total": 0, "group": 1, "department": 1, "unit": 1}.get(row["row_level"], 2),
                **_copied(row, "service_content", "catalog_level1", "includes_procurement"),
            }
        )
    if "s13_funds" in tables:
        rows["funds_by_year"] = _funds_by_year(tables["s13_funds"], table_ids.get("1-13"), year)
    if "s13_projects" in tables:
        rows["listed_projects"] = _listed_projects(tables, table_ids.get("1-13"), year, resolved, listed_names)
    rows["glossary"] += _rows(tables, "glossary")  # seq, term, explanation and source lines, as the seed holds them
    return {name: frame(name, table_rows) for name, table_rows in rows.items() if name != "printed_cells"}


FUND_PART = "部门总体资金情况"  # the heading 附表1-13 prints over its composition rows


def _funds_by_year(funds: pl.DataFrame, table_id: str | None, year: int) -> list[dict]:
    """附表1-13's funds, one row per item and year (the document's 前年, 上年, 当年: its columns amount_<year>_wan)."""
    years = document_years(year)
    rows = []
    for row in funds.to_dicts():
        for each in years:
            shown = int(each) == year
            rows.append(
                {
                    "table_id": table_id,
                    "part_printed": FUND_PART,
                    **_copied(row, "section", "seq", "item", "is_total", "placement_inferred", "source_lines"),
                    "share_pct": row[years.share_column(each)] if shown else None,
                    "share_printed": row[years.share_column(each, "raw")] if shown else None,
                    **_amount(row[years.amount_column(each)], int(each), years.amount_column(each)),
                }
            )
    return rows


# 附表1-13 项目支出情况's amounts: (listed_projects item, the seed's column, the column as printed)
LISTED_AMOUNTS = (
    ("annual_total", "budget_{year}_wan", "项目本年度预算"),
    ("project_total", "total_budget_wan", "项目总预算"),
)


def _listed_projects(
    tables: dict[str, pl.DataFrame],
    table_id: str | None,
    year: int,
    resolved: dict[tuple[str, str], str],
    listed_names: dict[str, str],
) -> list[dict]:
    """附表1-13's project list (项目支出情况), one row per project and amount, with the 1-14 project each name
    resolves to (through the project-name resolution and its alias table)."""
    out = []
    for row in tables["s13_projects"].to_dicts():
        code = resolved.get((CATEGORY_SCHEDULE, row["project_name"]))
        listed = code if code and code != BASIC else None
        for item, column, label in LISTED_AMOUNTS:
            column = column.format(year=year)
            if column not in row:
                continue
            out.append(
                {
                    "table_id": table_id,
                    "project": row["project_name"],
                    **_copied(row, "seq", "category", "direction", "source_lines"),
                    "project_listed": listed_names.get(listed) if listed else None,
                    "project_listed_code": listed,
                    "item": item,
                    **_amount(row[column], year, label),
                }
            )
    return out


def _three_public_statements(facts: pl.DataFrame, year: int) -> list[dict]:
    """The narrative's sentence on each 三公 item (its amount, its stated change from 上年 and the stated reason),
    one figure per item, as canonical narrative figures."""
    section = facts.filter(pl.col("section") == THREE_PUBLIC_SECTION)
    figures = []
    for item, subject in THREE_PUBLIC_SUBJECTS.items():
        said = section.filter(pl.col("subject") == subject)
        if said.is_empty():
            continue
        amount = said.filter(pl.col("kind") == "amount")
        change = said.filter(pl.col("kind") == "change_amount")
        reasons = [reason for reason in said["reason"].to_list() if reason]
        value = amount["value"].first() if amount.height else None
        figures.append(
            {
                "target": THREE_PUBLIC_ITEMS.get(item, item),
                "statement": said["sentence"].first(),
                "label": subject,
                "year": year,
                "amount_wan": value,
                "amount_printed": "" if value is None else format(value.normalize(), "f"),
                "unit_printed": UNIT,
                "compared_year": change["compared_year"].first() if change.height else None,
                "change_wan": change["value"].first() if change.height else None,
                "change_direction": direction_of(change["value"].first()) if change.height else None,
                "reason_stated": reasons[0] if reasons else None,
                "source_lines": sorted({line for lines in said["source_lines"].to_list() for line in lines}),
            }
        )
    return figures


def _three_public_units(facts: pl.DataFrame) -> list[dict]:
    """How many units the 三公 figures cover, as the narrative counts them."""
    said = facts.filter(pl.col("section") == THREE_PUBLIC_UNITS_SECTION, pl.col("kind") == "count")
    return [
        {
            "target": "three_public_units",
            "count": row["value"],
            "count_printed": format(row["value"].normalize(), "f"),
            "unit_printed": row["unit"],
            "statement": row["sentence"],
            "source_lines": row["source_lines"],
        }
        for row in said.iter_rows(named=True)
    ]


# The text export's 1-14 header amounts: (project_funds item, the seed's column, the label 1-14 prints)
PROJECT_HEADER_FUNDS = (
    ("project_total", "total_budget_wan", "项目总预算"),
    ("annual_total", "budget_{year}_wan", "项目当年预算"),
)
# 项目资金来源 lines by their level: 合计, a numbered source, a 其中/使用 line
FUNDING_SOURCE_ITEMS = {0: "sources_total", 1: "source", 2: "source_part"}
PRIOR_YEAR_ITEM = "prior_year_total"  # what the form says the project had in one of the two years before
WORDING_BASIS = {"预算": "budget", "下达": "allocated"}
CATEGORY_SCHEDULE = "1-13"  # the project list that prints each project's 项目类别


def _projects(
    tables: dict[str, pl.DataFrame], table_id: str, year: int, names: dict[str, str], rows: dict[str, list[dict]]
) -> None:
    """附表1-14's project blocks: the project (with its 1-13 category, as the project names resolve it), its header
    amounts and the two years before (预算 or 下达), its funding sources, expense details and stated changes."""
    listed = dict(tables["s13_projects"].select("project_name", "category").rows()) if "s13_projects" in tables else {}
    categories: dict[str, str] = {}
    for (schedule, name), code in _resolved_projects(tables).items():
        if schedule == CATEGORY_SCHEDULE and listed.get(name) is not None:
            categories.setdefault(code, listed[name])
    for row in tables["s14_projects"].to_dicts():
        name = row["project_name"]
        rows["projects"].append(
            {
                "table_id": table_id,
                "project": name,
                "category": categories.get(row["project_code"]),
                "unit": "、".join(row["executing_units"] or []) or None,
                **_copied(row, "department", "source_lines", "project_code", "leader", "reason", "content"),
                **_copied(row, "prior_years_text", "prior_years_status", "change_statement"),
            }
        )
        base = {"table_id": table_id, "project": name, "source_lines": row["source_lines"]}
        for item, column, label in PROJECT_HEADER_FUNDS:
            column = column.format(year=year)
            if column in row:
                rows["project_funds"].append({**base, "item": item, **_amount(row[column], year, label)})
        for earlier in (year - 2, year - 1):
            value = row.get(f"budget_{earlier}_wan")
            if value is None:
                continue  # not stated (or a new project): no amount, never 0
            wording = row.get(f"budget_{earlier}_wording") or "预算"
            rows["project_funds"].append(
                {
                    **base,
                    "item": PRIOR_YEAR_ITEM,
                    **_amount(value, earlier, f"{earlier}年{wording}"),
                    "basis": WORDING_BASIS.get(wording, "budget"),
                }
            )
    for row in _rows(tables, "s14_funding_sources"):
        rows["project_funds"].append(
            {
                "table_id": table_id,
                "project": names.get(row["project_code"]),
                "item": FUNDING_SOURCE_ITEMS.get(row["level"], "source"),
                **_amount(row["amount_wan"], year, row["label"]),
                "source_lines": row["source_lines"],
            }
        )
    for row in _rows(tables, "s14_expense_details"):
        rows["project_expenses"].append(
            {
                "table_id": table_id,
                "project": names.get(row["project_code"]),
                **_copied(row, "seq", "item", "label", "is_total", "source_lines"),
                **_amount(row["amount_wan"], year, "金额"),
            }
        )
    for row in _rows(tables, "s14_budget_changes"):
        rows["project_changes"].append(
            {
                "table_id": table_id,
                "project": names.get(row["project_code"]),
                **_copied(row, "item", "direction", "change_wan", "source_lines"),
                "year": year,
            }
        )


# the seed's indicator columns that performance_indicators holds under the same names
INDICATOR_COLUMNS = ("level1", "level2", "name", "target", "source_lines", "goal_kind", "goal_number")
TARGET_PARTS = tuple(f"target_{part}" for part in VALUE_PARTS)


def _indicators(
    indicators: pl.DataFrame, table_ids: dict[str, str], names: dict[str, str], rows: dict[str, list[dict]]
) -> None:
    """Every indicator of 1-13 and 1-14, its target parsed, and each year's value (value_YYYY) as its own row."""
    value_years = sorted(
        int(column.removeprefix("value_"))
        for column in indicators.columns
        if column.startswith("value_") and column.removeprefix("value_").isdigit()
    )
    for index, row in enumerate(indicators.to_dicts()):
        table_id = table_ids["1-14" if row["scope"] == "project" else "1-13"]
        rows["performance_indicators"].append(
            {
                "table_id": table_id,
                "project": names.get(row["project_code"]),
                **_copied(row, *INDICATOR_COLUMNS, *TARGET_PARTS, "placement_inferred", "placement_note"),
                "indicator": index,
                "value_basis": row["basis"],
            }
        )
        for value_year in value_years:
            column = f"value_{value_year}"
            if row[column] is None:
                continue
            rows["indicator_values"].append(
                {
                    "table_id": table_id,
                    "indicator": index,
                    "year": value_year,
                    "value_printed": row[column],
                    **{part: row[f"{column}_{part}"] for part in VALUE_PARTS},
                    "source_lines": row["source_lines"],
                }
            )


def _goals(tables: dict[str, pl.DataFrame], table_ids: dict[str, str], names: dict[str, str]) -> list[dict]:
    """The numbered goals of 1-13 and 1-14; a department annual goal with the project goal its text matches."""
    from budgetlens.checks.indicators import goal_pairs  # the ingest side may use the rules' matching

    pairs = (
        {(goal["goal_number"], goal["source"]): other for goal, other in goal_pairs(tables["goals"].to_dicts())}
        if "s14_projects" in tables and "indicators" in tables
        else {}
    )
    out = []
    for row in tables["goals"].to_dicts():
        other = pairs.get((row["goal_number"], row["source"])) if row["scope"] == "department" else None
        out.append(
            {
                "table_id": table_ids["1-14" if row["scope"] == "project" else "1-13"],
                "project": names.get(row["project_code"]),
                **_copied(row, "scope", "goal_kind", "goal_number", "text", "source", "source_lines"),
                "linked_project": names.get(other["project_code"]) if other else None,
                "linked_goal": other["goal_number"] if other else None,
            }
        )
    return out
