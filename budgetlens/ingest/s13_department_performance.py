"""附表1-13 部门整体支出绩效目标表: funds over the document's three years, project list, goals and indicators.

Read as a sequence of parts, each found by its label: 部门总体资金情况, 部门职能概述, 年度工作任务,
项目支出情况, 整体绩效目标, then one heading row per goal (长期目标N / 年度目标N) followed by its
indicator table.
"""

from __future__ import annotations

import re

import polars as pl

from budgetlens.errors import IngestError
from budgetlens.frames import LINES, frame
from budgetlens.ingest import indicators
from budgetlens.ingest.cells import clean_text, is_number, parse_money, parse_percent, plain_paragraphs, squash
from budgetlens.ingest.source import Line, Section
from budgetlens.money import MONEY
from budgetlens.years import Years

SCHEDULE = "1-13"
_GOAL_HEADING = re.compile(r"^(长期|年度)目标(\d+)[:：]?$")
_NEVER = re.compile(r"^$^")  # 1-13 indicator rows never carry a goal label: the heading row does
_PROJECT = re.compile(r"^项目(\d+)[:：]\s*(.+)$")
_P_GOAL = re.compile(r"目标(\d+)[:：]\s*(.*)")
_HEADER_ONLY = {"", "近两年指标值", "预期当年实现值"}  # and the document's years: "2021年" …
_GROUPS = {"收入构成": "income", "支出构成": "expenditure"}
_PARTS = {"项目支出情况": "projects", "整体绩效目标": "overall_goals"}  # and 部门总体资金情况…: funds


def funds_schema(years: Years) -> dict[str, pl.DataType]:
    return {
        "section": pl.String,  # income | expenditure
        "seq": pl.Int16,
        "item": pl.String,
        "is_total": pl.Boolean,
        years.amount_column(years.budget): MONEY,
        years.share_column(years.budget): MONEY,
        years.share_column(years.budget, "raw"): pl.String,
        years.amount_column(years.prior): MONEY,
        years.amount_column(years.previous): MONEY,
        "placement_inferred": pl.Boolean,
        "source_lines": LINES,
    }


def projects_schema(years: Years) -> dict[str, pl.DataType]:
    return {
        "seq": pl.Int16,
        "project_name": pl.String,
        "category": pl.String,
        "total_budget_wan": MONEY,
        years.budget_column(years.budget): MONEY,
        "direction": pl.String,
        "source_lines": LINES,
    }


TEXTS_SCHEMA: dict[str, pl.DataType] = {"key": pl.String, "label": pl.String, "text": pl.String, "source_lines": LINES}
_TEXT_KEYS = {
    "部门（单位）名称": "department_name",
    "填报人": "filled_by",
    "联系电话": "phone",
    "部门职能概述": "functions_overview",
    "年度工作任务": "annual_tasks",
}


def _funds_row(line: Line, group: str, seq: int, years: Years) -> dict:
    cells = line.cells
    label_index = next(
        i
        for i, cell in enumerate(cells)
        if squash(cell) and squash(cell) not in _GROUPS and not squash(cell).startswith("部门总体资金情况")
    )
    values = [cell for cell in cells[label_index + 1 :] if cell.strip()]
    if len(values) != 4 or not values[1].endswith("%"):
        raise IngestError(
            f"expected 当年金额, 占比, {years.prior}年, {years.previous}年 after {cells[label_index]!r}",
            line=line.number,
            schedule=SCHEDULE,
        )
    amount, share, prior, previous = values

    def money(cell: str, column: str):
        return parse_money(cell, line=line.number, schedule=SCHEDULE, column=column)

    return {
        "section": group,
        "seq": seq,
        "item": clean_text(cells[label_index]),
        "is_total": squash(cells[label_index]) == "合计",
        years.amount_column(years.budget): money(amount, "当年金额"),
        years.share_column(years.budget): parse_percent(share, line=line.number, schedule=SCHEDULE, column="占比"),
        years.share_column(years.budget, "raw"): share.strip(),
        years.amount_column(years.prior): money(prior, f"{years.prior}年"),
        years.amount_column(years.previous): money(previous, f"{years.previous}年"),
        # the header puts the item in the third column; a row that starts elsewhere was shifted
        "placement_inferred": label_index != 2,
        "source_lines": [line.number],
    }


def parse(section: Section, years: Years) -> dict[str, pl.DataFrame]:
    """The schedule's tables; `years` are the document's (from its title), which its columns are labelled by."""
    header_only = _HEADER_ONLY | {f"{year}年" for year in years}
    funds, projects, texts, goals, indicator_rows = [], [], [], [], []
    mode = "start"
    group = ""
    goal_kind, goal_number = "", 0
    header: list[Line] = []
    slots: indicators.Slots | None = None
    cursor = indicators.IndicatorCursor()
    for line in section.rows():
        cells = line.cells
        squashed = [squash(cell) for cell in cells]
        nonempty = [cell for cell in squashed if cell]
        if not nonempty:
            continue
        first = nonempty[0]
        heading = _GOAL_HEADING.match(first)
        if heading:
            goal_kind, goal_number = indicators.GOAL_KINDS[heading.group(1)], int(heading.group(2))
            text = clean_text(
                " ".join(cell for cell in cells if cell.strip() and not _GOAL_HEADING.match(squash(cell)))
            )
            goals.append(
                indicators.goal_record("department", None, goal_kind, goal_number, text, "goal_heading", line.number)
            )
            mode, header = "goal", []
            continue
        if first in ("长期绩效指标", "年度绩效指标"):
            mode, header = "indicator_header", [line]
            continue
        if mode == "indicator_header" and set(squashed) <= header_only:
            header.append(line)
            continue
        if mode == "indicator_header":
            slots = indicators.header_slots(header, goal_kind, years)
            cursor = indicators.IndicatorCursor(goal_number=goal_number)
            mode = "indicators"
        if mode == "indicators":
            found = indicators.read_indicator_row(line, cursor, _NEVER)
            if found and slots is not None:
                record = indicators.indicator_record(line, found[0], found[1], cursor, slots, goal_kind)
                indicator_rows.append({"scope": "department", "project_code": None, "project_name": None, **record})
            continue
        part = "funds" if first.startswith("部门总体资金情况") else _PARTS.get(first)
        if part:
            mode = part
            continue
        if first in _TEXT_KEYS:
            mode = "texts"
        if mode == "funds" and not any(is_number(cell) for cell in cells):
            continue  # the 前年/上年 ("2021年"/"2022年") header row
        if mode == "funds":
            group = next((_GROUPS[cell] for cell in squashed if cell in _GROUPS), group)
            funds.append(_funds_row(line, group, len(funds) + 1, years))
            continue
        if mode == "overall_goals":
            goals.extend(_overall_goals(line))
            continue
        if mode == "projects":
            project = _PROJECT.match(clean_text(next(cell for cell in cells if cell.strip())))
            if not project:
                raise IngestError("a project row should start with 项目N:", line=line.number, schedule=SCHEDULE)
            rest = [cell for cell in cells[cells.index(next(c for c in cells if c.strip())) + 1 :]]
            rest += [""] * (4 - len(rest))
            projects.append(
                {
                    "seq": int(project.group(1)),
                    "project_name": clean_text(project.group(2)),
                    "category": clean_text(rest[0]) or None,
                    "total_budget_wan": parse_money(rest[1], line=line.number, schedule=SCHEDULE, column="项目总预算"),
                    years.budget_column(years.budget): parse_money(
                        rest[2], line=line.number, schedule=SCHEDULE, column="项目本年度预算"
                    ),
                    "direction": clean_text(rest[3]) or None,
                    "source_lines": [line.number],
                }
            )
            continue
        texts.extend(_text_fields(line))
    if not funds:
        raise IngestError("no 部门总体资金情况 table found", line=section.first_line, schedule=SCHEDULE)
    if not indicator_rows:
        raise IngestError("no goal indicator tables found", line=section.last_line, schedule=SCHEDULE)
    return {
        "s13_funds": frame(funds, funds_schema(years)),
        "s13_projects": frame(projects, projects_schema(years)),
        "s13_texts": frame(texts, TEXTS_SCHEMA),
        "_goals_department": frame(goals, indicators.GOAL_SCHEMA),
        "_indicators_department": frame(indicator_rows, indicators.schema(years)),
    }


def _text_fields(line: Line) -> list[dict]:
    cells = [cell for cell in line.cells if cell.strip()]
    records = []
    for index, cell in enumerate(cells):
        key = _TEXT_KEYS.get(squash(cell))
        if key and index + 1 < len(cells) and squash(cells[index + 1]) not in _TEXT_KEYS:
            records.append(
                {
                    "key": key,
                    "label": squash(cell),
                    "text": plain_paragraphs(cells[index + 1]),
                    "source_lines": [line.number],
                }
            )
    return records


def _overall_goals(line: Line) -> list[dict]:
    """The row under 整体绩效目标: long-term goals in one cell, annual goals in another, as <p> lists."""
    goal_cells = [cell for cell in line.cells if "目标" in cell]
    kinds = ["long_term", "annual"] if len(goal_cells) == 2 else ["annual"] * len(goal_cells)
    records = []
    for kind, cell in zip(kinds, goal_cells, strict=True):
        for paragraph in plain_paragraphs(cell).split("\n"):
            match = _P_GOAL.match(paragraph)
            if match:
                text = clean_text(match.group(2))
                records.append(
                    indicators.goal_record(
                        "department", None, kind, int(match.group(1)), text, "goal_list", line.number
                    )
                )
    return records
