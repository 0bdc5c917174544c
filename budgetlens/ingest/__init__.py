"""Ingest: one budget document (text export) -> a dict of polars frames, one or more per schedule.

`read_document` does all the reading and raises `IngestError` (naming the schedule and line)
on anything it cannot read faithfully; it writes nothing. `budgetlens.store` writes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from budgetlens.errors import IngestError
from budgetlens.ingest import codes, glossary, narrative, profile, s13_department_performance, s14_project_performance
from budgetlens.ingest import schedules as read
from budgetlens.ingest.cells import squash
from budgetlens.ingest.layout import locate
from budgetlens.ingest.source import Section, read_source
from budgetlens.years import Years, document_years

Parser = Callable[[Section, Years], dict[str, pl.DataFrame]]


def _one(name: str, reader: Callable[..., pl.DataFrame], *args: object) -> Parser:
    """The parser of a schedule read whole into one table `name` by a shared reader (its columns name no year)."""
    return lambda section, years: {name: reader(section, *args)}


# Every schedule of the 部门预算 template we can read, by its number: (section, the document's years) -> tables.
# 附表1-13 and 1-14 name columns by the document's years (1-13's "2021年", 1-14's 前两年): `document_years(budget
# year)`, the budget year read from the title.
PARSERS: dict[str, Parser] = {
    "1-1": _one("s01_summary", read.read_two_sided, "1-1"),  # 收支总表
    "1-2": _one("s02_income", read.read_income, "1-2"),  # 收入总表
    "1-3": _one("s03_expenditure", read.read_coded_table, read.EXPENDITURE, "1-3"),
    "1-4": _one("s04_fiscal_summary", read.read_two_sided, "1-4"),  # 财政拨款收支总表: an empty cell is "not stated"
    "1-5": _one("s05_general_budget", read.read_coded_table, read.GENERAL_BUDGET, "1-5"),
    "1-6": _one("s06_basic_economic", read.read_coded_table, read.BASIC_ECONOMIC, "1-6"),
    "1-7": _one("s07_three_public", read.read_three_public, "1-7"),  # 财政拨款“三公”经费支出表
    "1-9": _one("s09_government_fund", read.read_fund_table, "1-9"),  # 政府性基金预算支出表
    "1-10": _one("s10_state_capital", read.read_fund_table, "1-10"),  # 国有资本经营预算支出表
    "1-11": _one("s11_procurement", read.read_line_table, read.PROCUREMENT, "1-11"),  # 政府采购预算表 (元)
    "1-12": _one("s12_purchased_services", read.read_line_table, read.PURCHASED_SERVICES, "1-12"),  # 政府购买服务 (元)
    "1-13": s13_department_performance.parse,
    "1-14": s14_project_performance.parse,
}

# Schedules without which the rest cannot be read faithfully, with what they hold.
REQUIRED_SCHEDULES = {"1-13": "部门整体支出绩效目标表 (附表1-13)", "1-14": "项目支出绩效目标表 (附表1-14)"}


@dataclass
class Document:
    doc_id: str
    source_path: Path
    source_sha256: str
    title: str
    department_name: str
    department_code: str | None
    budget_year: int
    tables: dict[str, pl.DataFrame]
    schedules: list[dict] = field(default_factory=list)  # every promised or found schedule, with status
    warnings: list[str] = field(default_factory=list)


def _department(tables: dict[str, pl.DataFrame], layout_first_unit: str | None) -> tuple[str, str | None]:
    income = tables.get("s02_income")
    if income is not None:
        department = income.filter(pl.col("row_level") == "department")
        if department.height:
            return department["unit_name"][0], department["unit_code"][0]
    return layout_first_unit or "", None


def read_document(path: Path) -> Document:
    doc = read_source(path)
    layout = locate(doc)
    title_line = layout.title_lines[0] if layout.title_lines else 1
    year_match = re.search(r"(20\d\d)年", layout.title)
    if not year_match:
        raise IngestError("the title does not name the budget year", line=title_line)
    budget_year = int(year_match.group(1))
    years = document_years(budget_year)
    tables: dict[str, pl.DataFrame] = {}
    tables.update(profile.parse(layout.parts[1]))
    for number, section in sorted(layout.schedules.items(), key=lambda item: int(item[0].split("-")[1])):
        parser = PARSERS.get(number)
        if parser is None:
            raise IngestError(
                f"附表{number} is not a schedule of the template this reader knows",
                line=section.first_line,
                schedule=number,
            )
        tables.update(parser(section, years))
    for number, part in REQUIRED_SCHEDULES.items():
        if number not in layout.schedules:
            # The indicator and goal tables are built from both; without one the reading would be half a document.
            raise IngestError(
                f"the schedule is missing: no {part} block was found, and this template's indicators "
                "and goals are read from 附表1-13 and 1-14 together",
                schedule=number,
                line=title_line,
            )
    tables.update(narrative.parse(layout.parts[3]))
    tables.update(glossary.parse(layout.parts[4]))
    tables.update(codes.build(tables))
    tables["indicators"] = pl.concat([tables.pop("_indicators_department"), tables.pop("_indicators_project")])
    tables["goals"] = pl.concat([tables.pop("_goals_department"), tables.pop("s14_goals")])

    schedules: list[dict] = []
    warnings: list[str] = []
    promised = {item.number: item for item in layout.promised}
    for number in sorted(set(promised) | set(layout.schedules), key=lambda n: int(n.split("-")[1])):
        present = number in layout.schedules
        item = promised.get(number)
        schedules.append(
            {
                "number": number,
                "title": item.title if item else None,
                "status": "present" if present else "absent",
                "promised_in_contents": item is not None,
                "contents_line": item.line if item else None,
                "first_line": layout.schedules[number].first_line if present else None,
                "last_line": layout.schedules[number].last_line if present else None,
            }
        )
        if not present:  # so the contents list it
            warnings.append(
                f"附表{number} {item.title} is listed in the contents (line {item.line}) but does not appear in the "
                "document"
            )
    missing_readers = [n for n in PARSERS if n not in layout.schedules and n not in promised]
    warnings.extend(f"附表{n} is neither listed nor present" for n in missing_readers)

    unit_line = layout.schedules.get("1-1").find(r"^部门/单位[：:]") if "1-1" in layout.schedules else None
    first_unit = squash(unit_line.text).split("：", 1)[-1] if unit_line else None
    name, code = _department(tables, first_unit)
    return Document(
        doc_id=doc.doc_id,
        source_path=path,
        source_sha256=doc.sha256,
        title=layout.title,
        department_name=name,
        department_code=code,
        budget_year=budget_year,
        tables=tables,
        schedules=schedules,
        warnings=warnings,
    )
