"""附表1-14 项目支出绩效目标表: one block per project, read into six tables.

A block starts at its 项目名称 row and runs to the next one. Inside it, each part is found
by its own label (项目资金来源, 项目支出明细, 项目绩效总目标, 长期绩效目标表, 年度绩效目标表).
"""

from __future__ import annotations

import re
from decimal import Decimal

import polars as pl

from budgetlens.errors import IngestError
from budgetlens.frames import LINES, frame
from budgetlens.ingest import indicators
from budgetlens.ingest.cells import clean_text, is_number, parse_money, plain_paragraphs, squash
from budgetlens.ingest.source import Line, Section
from budgetlens.money import MONEY
from budgetlens.years import Years

SCHEDULE = "1-14"
_GOAL_TEXT = re.compile(r"^(长期|年度)绩效目标(\d+)$")
_GOAL_LABEL = re.compile(r"^(?:长期|年度)绩效目标(\d+)$")
_FIELDS = {
    "项目名称": "name",
    "项目代码": "code",
    "项目主管部门": "department",
    "项目执行单位": "executing_units",
    "项目负责人": "leader",
    "联系电话": "phone",
    "项目申请理由": "reason",
    "项目主要内容": "content",
    "项目总预算": "total_budget",
    "项目当年预算": "budget",
}
_PRIOR_YEAR = re.compile(r"(20\d\d)年(度)?([^0-9，,；;。：]*?)(\d+(?:\.\d+)?)万元?")
_CHANGE = re.compile(r"“([^”]+)”\s*项目\s*(增加|减少)\s*(\d+(?:\.\d+)?)\s*万元")
_LIST_SPLIT = re.compile(r"[、，,；;]")


def project_schema(years: Years) -> dict[str, pl.DataType]:
    """s14_projects' columns: the budget year's and the two stated years' budgets are named by the years."""
    return {
        "project_code": pl.String,
        "project_name": pl.String,
        "seq": pl.Int16,
        "department": pl.String,
        "executing_units": pl.List(pl.String),
        "leader": pl.String,
        "phone": pl.String,
        "reason": pl.String,
        "content": pl.String,
        "total_budget_wan": MONEY,
        years.budget_column(years.budget): MONEY,
        "prior_years_text": pl.String,  # the 前两年预算及当年预算变动情况 cell, markup removed
        "prior_years_status": pl.String,  # stated | new_project | not_stated
        years.budget_column(years.prior): MONEY,
        years.wording_column(years.prior): pl.String,  # 预算 | 下达
        years.budget_column(years.previous): MONEY,
        years.wording_column(years.previous): pl.String,
        "change_statement": pl.String,  # 当年预算变动情况及理由, as written
        "unit_name_in_header": pl.String,  # 单位名称 above the block, as printed
        "source_lines": LINES,
    }


FUNDING_SCHEMA: dict[str, pl.DataType] = {
    "project_code": pl.String,
    "seq": pl.Int16,
    "label": pl.String,
    "level": pl.Int8,
    "amount_wan": MONEY,
    "source_lines": LINES,
}
DETAIL_SCHEMA: dict[str, pl.DataType] = {
    "project_code": pl.String,
    "seq": pl.Int16,
    "item": pl.String,
    "label": pl.String,  # as printed, numbering included
    "is_total": pl.Boolean,
    "amount_wan": MONEY,
    "source_lines": LINES,
}
CHANGE_SCHEMA: dict[str, pl.DataType] = {
    "project_code": pl.String,
    "item": pl.String,
    "direction": pl.String,  # increase | decrease
    "change_wan": MONEY,  # signed: a decrease is negative
    "source_lines": LINES,
}


def _blocks(section: Section) -> list[tuple[int, list[Line]]]:
    """Each project block with the index in the section of its first line."""
    starts = [i for i, line in enumerate(section.lines) if line.is_table_row and squash(line.cells[0]) == "项目名称"]
    if not starts:
        raise IngestError("no project block (项目名称 row) found", line=section.first_line, schedule=SCHEDULE)
    ends = [*starts[1:], len(section.lines)]
    return [(start, list(section.lines[start:end])) for start, end in zip(starts, ends, strict=True)]


def _header_fields(block: list[Line]) -> tuple[dict[str, str], dict[str, int]]:
    """Label/value pairs of the block's header rows, and the line of each."""
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    for line in block:
        if not line.is_table_row:
            continue
        cells = [cell for cell in line.cells if cell.strip()]
        first = squash(cells[0]) if cells else ""
        if first == "项目资金来源" or first.startswith("资金来源项目"):
            break
        if first.startswith("项目前两年预算"):
            fields["prior"] = " ".join(cells[1:])
            lines["prior"] = line.number
            continue
        for index, cell in enumerate(cells):
            key = _FIELDS.get(squash(cell))
            if key and key not in fields:
                value = cells[index + 1] if index + 1 < len(cells) and squash(cells[index + 1]) not in _FIELDS else ""
                fields[key] = value
                lines[key] = line.number
    return fields, lines


def parse_prior_years(text: str, years: Years) -> dict:
    """The 前两年预算安排情况 sentence -> the two earlier years' amounts and wording; 新增/无 -> a new project."""
    prior_part, _, change_part = text.partition("当年预算变动情况")
    result: dict = {
        **{column(year): None for year in years.earlier for column in (years.budget_column, years.wording_column)},
        "change_statement": None,
    }
    if change_part:
        result["change_statement"] = re.sub(r"^(及理由)?[：:]\s*", "", change_part).strip() or None
    if "前两年预算安排情况" not in prior_part:
        result["prior_years_status"] = "not_stated"
        return result
    stated = prior_part.split("前两年预算安排情况", 1)[1]
    found = False
    for year, _, wording, amount in _PRIOR_YEAR.findall(stated):
        if year in years.earlier:  # the two years before the budget year
            result[years.budget_column(year)] = Decimal(amount)
            result[years.wording_column(year)] = "下达" if "下达" in wording else "预算"
            found = True
    if found:
        result["prior_years_status"] = "stated"
    elif "无" in stated or "新增" in text:
        result["prior_years_status"] = "new_project"
    else:
        result["prior_years_status"] = "not_stated"
    return result


def _money(cell: str, line: Line, column: str) -> Decimal | None:
    return parse_money(cell, line=line.number, schedule=SCHEDULE, column=column)


def _label_amount_rows(rows: list[Line], skip: set[str]) -> list[tuple[Line, str, str]]:
    """(line, label, amount text) for rows of a label/amount list; the block label cell is skipped."""
    result = []
    for line in rows:
        cells = [cell.strip() for cell in line.cells if cell.strip() and squash(cell) not in skip]
        if not cells:
            continue
        amount = cells[-1] if len(cells) > 1 and is_number(cells[-1]) else ""
        label = clean_text(" ".join(cells[:-1] if amount else cells))
        result.append((line, label, amount))
    return result


# The labels that start a part of a project block: printed in any cell of the row, or as its first cell.
_PARTS_ANYWHERE = {"资金来源项目": "funding", "项目支出明细": "details"}
_PARTS_FIRST = {"项目绩效总目标": "goals", "长期绩效目标表": "long_term", "年度绩效目标表": "annual"}


def _split_parts(block: list[Line]) -> dict[str, list[Line]]:
    """The block's rows by part, each part found by its label."""
    parts: dict[str, list[Line]] = {part: [] for part in ("header", *_PARTS_ANYWHERE.values(), *_PARTS_FIRST.values())}
    current = "header"
    for line in block:
        cells = [squash(cell) for cell in line.cells]
        first = next((cell for cell in cells if cell), "")
        if not first:
            continue
        starts = next((part for label, part in _PARTS_ANYWHERE.items() if label in cells), _PARTS_FIRST.get(first))
        if starts:
            current = starts
            continue
        if current in ("long_term", "annual") and first == "目标名称":
            parts[f"{current}_header"] = [line]
            continue
        if current == "annual" and {"前年", "上年"} <= set(cells):
            parts.setdefault("annual_header", []).append(line)
            continue
        if current == "goals" and first == "名称":
            continue
        if line.is_table_row:
            parts[current].append(line)
    return parts


def parse(section: Section, years: Years) -> dict[str, pl.DataFrame]:
    """The schedule's tables; `years` are the document's (from its title), which its columns are named by."""
    projects, funding, details, goals, changes, indicator_rows = [], [], [], [], [], []
    unit_name = None
    for seq, (start, block) in enumerate(_blocks(section), start=1):
        unit_name = _unit_name_above(section.lines[max(start - 8, 0) : start]) or unit_name
        fields, field_lines = _header_fields(block)
        for required in ("name", "code", "budget"):
            if not fields.get(required):
                raise IngestError(
                    f"project block has no {required} ({'/'.join(k for k, v in _FIELDS.items() if v == required)})",
                    line=block[0].number,
                    schedule=SCHEDULE,
                )
        code = squash(fields["code"])
        if not code.isdigit():
            raise IngestError(
                f"project code {fields['code']!r} is not a number", line=field_lines["code"], schedule=SCHEDULE
            )
        name = clean_text(fields["name"])
        prior_text = plain_paragraphs(fields.get("prior", ""))
        prior = parse_prior_years(prior_text, years)
        header_lines = sorted(set(field_lines.values()))
        projects.append(
            {
                "project_code": code,
                "project_name": name,
                "seq": seq,
                "department": clean_text(fields.get("department", "")) or None,
                "executing_units": [
                    clean_text(u) for u in _LIST_SPLIT.split(fields.get("executing_units", "")) if u.strip()
                ],
                "leader": clean_text(fields.get("leader", "")) or None,
                "phone": squash(fields.get("phone", "")) or None,
                "reason": plain_paragraphs(fields.get("reason", "")) or None,
                "content": plain_paragraphs(fields.get("content", "")) or None,
                "total_budget_wan": _money(fields.get("total_budget", ""), block[0], "项目总预算"),  # empty: null
                years.budget_column(years.budget): _money(fields["budget"], block[0], "项目当年预算"),
                "prior_years_text": prior_text or None,
                **prior,
                "unit_name_in_header": unit_name,
                "source_lines": header_lines,
            }
        )
        for item, direction, amount in _CHANGE.findall(prior_text):  # none without a 前两年 row
            value = Decimal(amount)
            changes.append(
                {
                    "project_code": code,
                    "item": clean_text(item),
                    "direction": "increase" if direction == "增加" else "decrease",
                    "change_wan": value if direction == "增加" else -value,
                    "source_lines": [field_lines["prior"]],
                }
            )
        parts = _split_parts(block)
        if not parts["funding"] or not parts["details"]:
            missing = "项目资金来源" if not parts["funding"] else "项目支出明细"
            raise IngestError(
                f"project {name!r} has no {missing} table: the block is incomplete",
                line=block[-1].number,
                schedule=SCHEDULE,
            )
        for index, (line, label, amount) in enumerate(_label_amount_rows(parts["funding"], {"项目资金来源"}), start=1):
            level = 0 if label == "合计" else (2 if label.startswith(("其中", "使用")) else 1)
            funding.append(
                {
                    "project_code": code,
                    "seq": index,
                    "label": label,
                    "level": level,
                    "amount_wan": _money(amount, line, "资金来源 金额"),
                    "source_lines": [line.number],
                }
            )
        detail_seq = 0
        for line, label, amount in _label_amount_rows(
            parts["details"], {"项目支出明细预算", "项目支出明细", "项目支出支出明细预算"}
        ):
            item = re.sub(r"^\d+[.、．]\s*", "", label).strip()
            if not item and not amount:
                continue  # an unused numbered line of the template ("2.")
            detail_seq += 1
            details.append(
                {
                    "project_code": code,
                    "seq": detail_seq,
                    "item": item or label,
                    "label": label,
                    "is_total": item == "合计",
                    "amount_wan": _money(amount, line, "支出明细 金额"),
                    "source_lines": [line.number],
                }
            )
        for line in parts["goals"]:
            cells = [cell for cell in line.cells if cell.strip()]
            match = _GOAL_TEXT.match(squash(cells[0])) if cells else None
            if match and len(cells) > 1:
                kind, number = indicators.GOAL_KINDS[match.group(1)], int(match.group(2))
                text = clean_text(" ".join(cells[1:]))
                goals.append(indicators.goal_record("project", code, kind, number, text, "goal_list", line.number))
        for kind in ("long_term", "annual"):
            slots = indicators.header_slots(parts.get(f"{kind}_header", []), kind, years)
            cursor = indicators.IndicatorCursor()
            for line in parts[kind]:
                found = indicators.read_indicator_row(line, cursor, _GOAL_LABEL)
                if found:
                    record = indicators.indicator_record(line, found[0], found[1], cursor, slots, kind)
                    indicator_rows.append({"scope": "project", "project_code": code, "project_name": name, **record})
    return {
        "s14_projects": frame(projects, project_schema(years)),
        "s14_funding_sources": frame(funding, FUNDING_SCHEMA),
        "s14_expense_details": frame(details, DETAIL_SCHEMA),
        "s14_goals": frame(goals, indicators.GOAL_SCHEMA),
        "s14_budget_changes": frame(changes, CHANGE_SCHEMA),
        "_indicators_project": frame(indicator_rows, indicators.schema(years)),
    }


def _unit_name_above(lines: tuple[Line, ...]) -> str | None:
    """The 单位名称：… line printed above a project block (the department's name varies there), if any."""
    for line in reversed(lines):
        text = squash(line.text)
        if text.startswith("单位名称"):
            return text.split("：", 1)[-1].split(":", 1)[-1]
    return None
