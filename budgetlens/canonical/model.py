"""The canonical model: the same tables and columns for every document, whatever its template.

Amounts are long: one row per printed amount cell, with the measure it is (total, basic, project …),
the year it is for, the amount in 万元 (exact) and the text as printed. "Printed as 0" and "left
blank" stay apart: `amount_printed` is "" for a blank cell and `amount_wan` is then null. A table the
document does not print has no rows here, and `schedules` says it was not found.

Provenance on every row: `page` and `box` (x0, top, x1, bottom in PDF points from the page's top-left)
for a PDF, `source_lines` for a text export; `ocr_confidence` for a cell read from a scanned page by OCR.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import polars as pl

from budgetlens import columns
from budgetlens.money import CANONICAL_MONEY

PROJECT_LISTED = pl.String  # a project list's name for the project; null where not resolved

# Where a listing row's project (`project_belongs_to`) comes from (`project_source`): the row's own project cell prints
# it; a cell merged over this row and the rows above it prints it (once, for all of them); the cell is blank and the
# row continues the project printed above it on the same page; or on an earlier page (the table continues over a page
# break and the new page's first rows leave the project cell blank).
PROJECT_PRINTED, PROJECT_IN_MERGED_CELL = "printed", "merged_cell"
PROJECT_FROM_ROW_ABOVE, PROJECT_FROM_PREVIOUS_PAGE = "row_above", "previous_page"

# Where a row was printed: a page and the box on it (a PDF), or lines (the text export).
PRINTED_AT = {
    "page": pl.Int16,
    "box": pl.List(pl.Float32),
    "source_lines": pl.List(pl.Int32),
}
PROVENANCE = {
    **PRINTED_AT,
    "ocr_confidence": pl.Float32,  # the OCR engine's lowest score (0–1) in the cell; null: read from a text layer
}


def place_keys(page: int | None, box: Sequence[float] | None, lines: Sequence[int] | None) -> frozenset[str]:
    """Where a figure, a table cell or a check's side was printed, as keys two printings of one place share: on a PDF
    its page and where its box starts on its line (left edge, top and bottom, to a tenth of a point: a box read twice
    is one cell, and a check citing a figure from its amount on through its change starts where the figure does);
    in a text export each line it is on. Empty where no place was recorded."""
    if page is not None and box is not None:
        return frozenset({f"{page}:" + ",".join(f"{float(box[i]):.1f}" for i in (0, 1, 3))})
    return frozenset(f"line {line}" for line in lines or ())


AMOUNT = {
    "measure": pl.String,  # total, basic, project, personnel, public, … (templates.MEASURES)
    "measure_printed": pl.String,  # the column heading as printed, parts joined by "/"
    "year": pl.Int16,  # the year the amount is for, as the document states it
    "amount_wan": CANONICAL_MONEY,  # 万元, exact; null when the cell is blank or a dash
    "amount_printed": pl.String,  # the cell's text as printed ("" blank, "0", "0.00", "-", "1,234.00")
    "unit_printed": pl.String,  # 元 or 万元: the printed schedule's own unit
    # What the amount is of (templates.BASES): "budget" (预算数: every 预算 document's amounts, and a 决算's
    # unqualified 预算数), "budget_initial" (年初预算), "budget_full" (全年预算 / 调整预算), "actual" (决算数).
    "basis": pl.String,
}

CODED = {
    "table_id": pl.String,
    "scope": pl.String,
    "row": pl.Int32,
    "code": pl.String,  # the full code (2010101), parts printed over 类/款/项 joined
    "code_printed": pl.List(pl.String),  # as printed: one whole code, or the 类/款/项 parts
    "name": pl.String,
    "level": pl.Int8,  # 0 合计, 1 类, 2 款, 3 项; null for a row with neither code nor total label
    "parent_code": pl.String,
    **AMOUNT,
    **PROVENANCE,
}

# A PDF's text outside its tables, line by line (canonical/document.py writes it apart from SCHEMAS' tables).
TEXT_LINES_SCHEMA: dict[str, pl.DataType] = {
    "page": pl.Int16,
    "text": pl.String,
    "box": pl.List(pl.Float32),
    # each character of `text`: its left and right edge (points, to a tenth); a space between two words spans the gap
    "char_x0": pl.List(pl.Float32),
    "char_x1": pl.List(pl.Float32),
}

SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "schedules": {
        "table_id": pl.String,
        "kind": pl.String,  # summary, income, expenditure, fiscal_summary, expenditure_by_function, …
        "scope": pl.String,  # all, general_budget, fiscal, government_fund, state_capital
        "reader": pl.String,  # coded, two_sided, single_row, label_tree, raw
        "status": pl.String,  # read, kept_raw (kept as printed, not interpreted)
        "title": pl.String,  # as printed, numbering included
        "number_printed": pl.String,  # 附表1-5, 公开05表, 五、, 5. … as printed; never relied on
        "unit_printed": pl.String,
        "department_printed": pl.String,
        "pages": pl.List(pl.Int16),
        "rows": pl.Int32,
        "warnings": pl.List(pl.String),
        "promised_in_contents": pl.Boolean,  # the contents (目录) lists it; null: the reader did not match it there
        "contents_lines": pl.List(pl.Int32),  # where the contents lists it (a text export's lines)
        "contents_page": pl.Int16,  # where the contents lists it (a PDF's page and the entry's box)
        "contents_box": pl.List(pl.Float32),
        **PROVENANCE,
    },
    "printed_cells": {
        "table_id": pl.String,
        "row": pl.Int32,  # -1 for a header cell
        "column": pl.Int16,
        "column_name": pl.String,
        "text": pl.String,
        **PROVENANCE,
    },
    "expenditure_by_function": CODED,
    "basic_by_economic": CODED,
    "operating_expenses": CODED,
    "income_by_source": {
        **CODED,
        "label": pl.String,  # the row label as printed (a label tree joins its levels with "/")
        "source": pl.String,  # the income source the row or column is (fiscal_appropriation, …)
    },
    "summary_lines": {
        "table_id": pl.String,
        "scope": pl.String,
        "row": pl.Int32,
        "side": pl.String,  # income or expenditure
        "group": pl.String,  # the heading over the pair of columns (本年收入, 功能分类, 支出用途 …)
        "label": pl.String,  # as printed, numbering included
        "name": pl.String,  # numbering removed
        "level": pl.Int8,  # 1 for 一、, 2 for 1./（一）, 0 for totals
        "row_kind": pl.String,  # item, total, subtotal, carryover
        **AMOUNT,
        **PROVENANCE,
    },
    "three_public": {
        "table_id": pl.String,
        "item": pl.String,  # total, three_public_total, overseas_travel, vehicles, vehicle_purchase, …
        "parent_item": pl.String,
        **AMOUNT,
        "name_printed": pl.String,  # the item's own label as printed (a text export's heading); null: not kept
        **PROVENANCE,
    },
    "projects": {
        "table_id": pl.String,
        "project": pl.String,  # 项目名称 as printed
        "nature": pl.String,  # 项目性质 (经常性项目, 阶段性项目 …)
        "category": pl.String,  # 项目类别
        "department": pl.String,  # 主管部门
        "unit": pl.String,  # 实施单位
        "start": pl.String,  # 计划开始日期, as printed
        "end": pl.String,  # 计划完成日期, as printed
        "goal_long_term": pl.String,  # 项目总目标
        "goal_annual": pl.String,  # 年度总体目标
        **PROVENANCE,
        # what some project lists print beside the form's fields (null where the document prints no such field)
        "project_code": pl.String,  # 项目代码
        "leader": pl.String,  # 项目负责人
        "reason": pl.String,  # 项目申请理由
        "content": pl.String,  # 项目主要内容
        "prior_years_text": pl.String,  # 项目前两年预算及当年预算变动情况, as written
        "prior_years_status": pl.String,  # stated, new_project (无 / 新增项目), not_stated; null: no such cell
        "change_statement": pl.String,  # 当年预算变动情况及理由, as written
    },
    # A project's expense details (项目支出明细): the 合计 row and each filled line.
    "project_expenses": {
        "table_id": pl.String,
        "project": pl.String,
        "seq": pl.Int16,
        "item": pl.String,  # the line, numbering removed
        "label": pl.String,  # as printed, numbering included
        "is_total": pl.Boolean,
        **AMOUNT,
        **PROVENANCE,
    },
    # A project's stated changes per line (“支持工业经济高质量发展”项目减少400万元).
    "project_changes": {
        "table_id": pl.String,
        "project": pl.String,
        "item": pl.String,  # the line named
        "direction": pl.String,  # increase or decrease
        "change_wan": CANONICAL_MONEY,  # signed: a decrease is negative
        "year": pl.Int16,  # the year the change leads to (the budget year)
        **PROVENANCE,
    },
    # A list of the department's projects printed in another schedule than their forms (the text export's 附表1-13
    # 项目支出情况): one row per listed project and amount, with the project (form) it resolves to.
    "listed_projects": {
        "table_id": pl.String,
        "seq": pl.Int16,  # N of 项目N, the list's order
        "project": pl.String,  # as printed in the list
        "category": pl.String,  # 项目类别 as printed (特定目标类, 其他运转类 …)
        "direction": pl.String,  # 项目主要支出方向和用途
        "project_listed": PROJECT_LISTED,  # the `projects` row's name it resolves to; null: not resolved
        "project_listed_code": pl.String,  # that project's 项目代码, where printed
        "item": pl.String,  # annual_total (本年度预算) or project_total (项目总预算)
        **AMOUNT,
        **PROVENANCE,
    },
    # Numbered goals of the department and of each project (目标N), the department's annual goals with the
    # project whose goal they are (as the ingest matched them by their text).
    "project_goals": {
        "table_id": pl.String,
        "scope": pl.String,  # department or project
        "project": pl.String,  # null for the department
        "goal_kind": pl.String,  # long_term or annual
        "goal_number": pl.Int16,
        "text": pl.String,
        "source": pl.String,  # goal_list or goal_heading
        "linked_project": pl.String,  # a department goal: the project whose goal it is; null: none found
        "linked_goal": pl.Int16,  # that project's goal number
        **PROVENANCE,
    },
    "project_funds": {
        "table_id": pl.String,
        "project": pl.String,
        "item": pl.String,  # project_total, project_fiscal, project_other, annual_total, annual_appropriation, …
        **AMOUNT,
        **PROVENANCE,
    },
    "performance_indicators": {
        "table_id": pl.String,
        "project": pl.String,  # the project the indicator belongs to (null for the department's own)
        "level1": pl.String,  # 一级指标
        "level2": pl.String,  # 二级指标
        "name": pl.String,  # 三级指标
        "target": pl.String,  # 指标值 as printed (≥13459.00(平方米), 满意度 …)
        **PROVENANCE,
        "indicator": pl.Int32,  # the indicator's number in the document (0-based), joins indicator_values
        "goal_kind": pl.String,  # long_term (one target) or annual (a value per year); null: the form says neither
        "goal_number": pl.Int16,  # N of 目标N; null where not numbered
        "target_comparator": pl.String,  # ≥ ≤ > < ≈ = read from the target; null: none, or text
        "target_number": pl.Decimal(20, 4),  # the number (the lower bound of a range)
        "target_number_max": pl.Decimal(20, 4),  # the upper bound of a range (2-3人 -> 3)
        "target_unit": pl.String,  # 家, %, 平方米 … as printed
        "value_basis": pl.String,  # 指标值确定依据
        "placement_inferred": pl.Boolean,  # the values did not sit where the header says and were placed by rule
        "placement_note": pl.String,  # which rule
    },
    # An indicator's value for one year (the text export's annual goals: 前年, 上年, 当年), printed and parsed.
    "indicator_values": {
        "table_id": pl.String,
        "indicator": pl.Int32,
        "year": pl.Int16,
        "value_printed": pl.String,
        "comparator": pl.String,
        "number": pl.Decimal(20, 4),
        "number_max": pl.Decimal(20, 4),
        "unit": pl.String,
        **PROVENANCE,
    },
    "procurement": {
        "table_id": pl.String,
        "row": pl.Int32,
        "level": pl.Int8,  # 0 合计, 1 a category line (一、货物), 2 an item
        "category": pl.String,  # 采购品目大类
        "project": pl.String,  # 专项名称 / 项目名称 as printed in the row's own cell (null: the cell is blank)
        "economic": pl.String,  # 经济科目
        "item": pl.String,  # 采购物品名称
        "method": pl.String,  # 采购组织形式
        "economic_code": pl.String,  # 经济科目编码 as printed (30231 …); null where the listing prints none
        **AMOUNT,
        **PROVENANCE,
        # what some listings print beside the amount, on the same row (null where the listing prints no such column)
        "quantity": pl.Decimal(18, 2),  # 采购数量
        "measure_unit": pl.String,  # 计量单位 as printed
        "unit_price_wan": CANONICAL_MONEY,  # 单价, 万元
        "sme_amount_wan": CANONICAL_MONEY,  # 其中面向中小企业, 万元
        "micro_amount_wan": CANONICAL_MONEY,  # 其中面向小微企业, 万元
        # the project of the document's project list the line belongs to, as the reader resolved it
        "project_listed": PROJECT_LISTED,
        "basic_expenditure": pl.Boolean,  # the line is basic expenditure (基本支出), no project; null: not resolved
        # the unit a row is printed for (单位代码, 单位名称), where the listing prints one; a summary row's is its own
        "project_listed_code": pl.String,  # that project's code (项目代码) where the list prints one
        "unit_code": pl.String,
        "unit_name": pl.String,
        # the listing's project the row belongs to: printed in its cell, or continued from the rows above it
        "project_belongs_to": pl.String,
        "project_source": pl.String,  # printed | merged_cell | row_above | previous_page; null: no project
        # the economic class (经济科目) the row belongs to: printed in its cell, or carried down from the group row
        # above that prints it (an item row under a subtotal leaves the class blank); `economic` stays as printed
        "economic_belongs_to": pl.String,
        "economic_source": pl.String,  # printed | merged_cell | row_above | previous_page; null: no class
    },
    "purchased_services": {  # 政府购买服务预算表: one row per printed line
        "table_id": pl.String,
        "row": pl.Int32,
        "level": pl.Int8,  # 0 合计, 1 a group or unit line, 2 a service line
        "project": pl.String,  # 项目 as printed in this table
        "project_listed": PROJECT_LISTED,
        "basic_expenditure": pl.Boolean,
        "service_content": pl.String,  # 政府购买服务内容
        "catalog_level1": pl.String,  # 政府购买服务指导性目录, 一级
        "includes_procurement": pl.Boolean,  # 是否包含政府采购: the same spending is also a procurement line
        "quantity": pl.Decimal(18, 2),
        "economic_code": pl.String,
        "economic": pl.String,
        **AMOUNT,
        **PROVENANCE,
        "project_listed_code": pl.String,  # as in procurement
        "unit_code": pl.String,  # as in procurement
        "unit_name": pl.String,
    },
    "narrative_figures": {
        "target": pl.String,  # what the figure is: income_total, three_public_total, function_item, … (templates)
        "names": pl.List(pl.String),  # for a function figure, the 类/款/项 names as the narrative writes them
        "statement": pl.String,  # the sentence holding the figure
        "words_before": pl.String,  # the words right before its label (一般公共预算 … says which money it is)
        "label": pl.String,  # the words that name it
        "year": pl.Int16,
        "amount_wan": CANONICAL_MONEY,
        "amount_printed": pl.String,
        "unit_printed": pl.String,
        "compared_year": pl.Int16,  # the year a stated change is from (比2023年预算…, 与上年相比… = the year before)
        "change_wan": CANONICAL_MONEY,  # the stated change, signed (减少 is negative; 持平 is 0); null if none
        "change_printed": pl.String,  # the words of the change as printed
        # which way the stated change goes: increase, decrease or same; alone (change_wan null) where the text says
        # which way but no amount (法院 2017 p25: "公务接待费预算支出185.72万元，本年数小于上年预算数")
        "change_direction": pl.String,
        "reason_stated": pl.String,  # the reason the sentence gives (主要原因：…), as printed; null if none
        # a function item's change from the year before's 预算执行数 (not its budget), where its paragraph states one
        "executed_year": pl.Int16,  # 2022年当年预算执行数为…: the year
        "executed_wan": CANONICAL_MONEY,  # …11.67万元: that year's execution, as stated
        "executed_printed": pl.String,  # 11.67
        "executed_rate_pct": pl.Decimal(24, 6),  # 比2022年预算执行数增加314.82%: signed, as stated
        "executed_rate_printed": pl.String,  # 增加314.82%
        **PROVENANCE,
    },
    # A 决算's execution statements (canonical/execution.py): per 项/款/类, the total and the 三公 items, what
    # the narrative states was budgeted and spent, the rate and the reason, bound to the item's code.
    "execution_statements": {
        "subject": pl.String,  # function_item, function_total, three_public_total, overseas_travel, reception …
        "scope": pl.String,  # general_budget, fiscal (三公), government_fund, state_capital
        "names": pl.List(pl.String),  # the 类/款/项 names as the narrative writes them
        "code": pl.String,  # the code those names name in the document's function table; null if none does
        "level": pl.Int8,  # 0 the total, 1 类, 2 款, 3 项 (by the names printed); null for a 三公 item
        "binding": pl.String,  # names (类/款/项 all found), item_within_class (the 款 name differs); null
        "budget_initial_wan": CANONICAL_MONEY,  # 年初预算为 X 万元
        "budget_initial_printed": pl.String,
        "budget_full_wan": CANONICAL_MONEY,  # 全年预算为 X 万元 (调整预算)
        "budget_full_printed": pl.String,
        "budget_wan": CANONICAL_MONEY,  # 预算为 X 万元, unqualified
        "budget_printed": pl.String,
        "actual_wan": CANONICAL_MONEY,  # (支出)决算为 Y 万元
        "actual_printed": pl.String,
        "rate_printed": pl.String,  # "98.20%" as printed; null when no rate is stated
        "rate_stated": CANONICAL_MONEY,  # the stated rate in percent, exactly as printed (98.20)
        "rate_against_printed": pl.String,  # 年初预算 / 全年预算 / 预算: the budget the stated rate is of
        "rate_against": pl.String,  # budget_initial, budget_full, budget (unqualified: the one stated)
        "comparison_stated": pl.String,  # 小于, 大于, 持平, 基本持平 … as printed
        "reason_stated": pl.String,  # the stated reason (主要原因：…), as printed
        "statement": pl.String,  # the statement's text
        **PROVENANCE,
    },
    # Counts a narrative states: a 决算's 国有资产占用 (车辆, equipment over the threshold) and 绩效 (projects, score);
    # the units the 三公 figures cover (three_public_units: “三公”经费包括…单位 4 家).
    "narrative_counts": {
        "target": pl.String,  # vehicles_held, equipment_over_threshold, three_public_units, …
        "count": CANONICAL_MONEY,  # the number as printed (a count, or the average score)
        "count_printed": pl.String,
        "unit_printed": pl.String,  # 辆, 台（套）, 个, 分
        "statement": pl.String,
        **PROVENANCE,
    },
    # Every figure a narrative states, one row per figure in printed order, under the heading it sits in (the
    # text export's 第三部分: 当年预算 X 万元，比上年减少 Y 万元，下降 Z%: an amount, a change and a percentage).
    "narrative_items": {
        "section": pl.String,  # the heading the figure sits under, numbering removed
        "seq": pl.Int16,  # its order within the section
        "subject": pl.String,  # the words naming it, as printed (up to the previous punctuation)
        "kind": pl.String,  # amount (万元), change_amount (signed 万元), change_pct (signed %), count
        "value": CANONICAL_MONEY,
        "unit_printed": pl.String,  # 万元, %, 家, 辆, 个
        "year": pl.Int16,  # the document's year (the year an amount is for)
        "compared_year": pl.Int16,  # the year a change is from; null for an amount or count
        "statement": pl.String,  # the sentence holding it
        "reason_stated": pl.String,  # the sentence's 主要原因：…, as printed; null if none
        **PROVENANCE,
    },
    # A department's funds over several years as the document prints them (the text export's 附表1-13 部门总体资金
    # 情况: income by source and expenditure by kind, 前年 / 上年 / 当年), one row per item and year.
    "funds_by_year": {
        "table_id": pl.String,
        "part_printed": pl.String,  # the heading over the rows, as printed (部门总体资金情况)
        "section": pl.String,  # income (收入构成) or expenditure (支出构成)
        "seq": pl.Int16,  # the item's order within its section
        "item": pl.String,  # as printed (财政拨款, 人员类项目支出 …, 合计)
        "is_total": pl.Boolean,
        "share_pct": CANONICAL_MONEY,  # 占比 as a number, where the document prints it (the budget year)
        "share_printed": pl.String,
        "placement_inferred": pl.Boolean,  # the row sat off its header and was read by order
        **AMOUNT,
        **PROVENANCE,
    },
    # Staffing and units as the document counts them (the text export's 部门预算单位构成 and 部门人员构成).
    "staffing": {
        "category": pl.String,  # units (单位构成), establishment (编制), actual_staff (在职实有), retirees (离退休)
        "label": pl.String,  # what is counted, as the sentence names it (行政编制, 事业单位 …)
        "count": pl.Int32,
        "count_printed": pl.String,
        "unit_printed": pl.String,  # 人, 个, 家
        "statement": pl.String,  # the sentence
        **PROVENANCE,
    },
    # The units a document lists as its own (单位构成: a table of 序号 | 单位名称 | 备注), one row per printed unit;
    # where it prints no such table, the units a sentence names (下属单位如下：…), with no table_id.
    "unit_list": {
        "table_id": pl.String,
        "row": pl.Int32,  # the body row
        "seq_printed": pl.String,  # 序号 as printed; null where the table prints none
        "name": pl.String,  # 单位名称 as printed
        "note": pl.String,  # 备注 as printed (预算不单列，并入本级), or the sentence's 下属单位; null where blank
        **PROVENANCE,  # the 单位名称 cell
    },
    "glossary": {
        "seq": pl.Int16,  # order in the document
        "term": pl.String,
        "explanation": pl.String,
        **PROVENANCE,
    },
    "reading_warnings": {
        "kind": pl.String,  # unit, columns, code, amount, glued_figure, unreadable_page, missing_table, table_kept_raw…
        "message": pl.String,  # plain Chinese, naming the place
        "table_id": pl.String,  # null for a narrative or page warning
        **PROVENANCE,
        "detail": pl.String,  # the figures or words involved, as printed
    },
    "table_notes": {
        "table_id": pl.String,
        "text": pl.String,  # a note printed under a table (注：本部门…无…，故本表为空表。)
        "states_none": pl.Boolean,  # the note says the table has nothing (无 / 空表)
        **PROVENANCE,
    },
}


def direction_of(change: Decimal | None) -> str | None:
    """A stated change's way (narrative_figures.change_direction) from its signed amount."""
    return None if change is None else "increase" if change > 0 else "decrease" if change < 0 else "same"


def frame(name: str, rows: list[dict]) -> pl.DataFrame:
    """The rows as the canonical table `name`."""
    return frame_of(rows, SCHEMAS[name])


def frame_of(rows: list[dict], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """The rows as a table of this schema, column by column (budgetlens/columns.py: list columns from their
    distinct values, the box from four flat columns; a row without a box, or with an empty one, has null)."""
    built = []
    for key, dtype in schema.items():
        if key == "box":
            built.append(columns.box_column(key, [row.get(key) or None for row in rows]))
        else:
            built.append(columns.column(key, [row.get(key) for row in rows], dtype))
    return pl.DataFrame(built)


def model_table(tables: dict[str, pl.DataFrame], name: str) -> pl.DataFrame:
    """A canonical table of the snapshot, or an empty one of the model's schema where the snapshot has none."""
    found = tables.get(name)
    return found if found is not None else pl.DataFrame(schema=SCHEMAS[name])
