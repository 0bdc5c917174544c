"""The document's structure and completeness: promised schedules present, no row printed twice,
1-14's numbered funding lines without gaps, every project with its 申请理由 and 主要内容."""

from __future__ import annotations

import re
from collections import Counter
from functools import partial

import polars as pl

from budgetlens.canonical.model import model_table
from budgetlens.checks.model import CellSink, Rule, Side, lines_of, not_applicable, nothing_found, result
from budgetlens.checks.within import Tables, forms, not_printed, records_of, source_lines

_rule = partial(Rule, group="structure")  # every rule of this file checks the document's structure
PROMISED = _rule(
    "structure.schedules",
    schedules=("目录",),
    zh="目录中列出的每张表都在文件中出现",
    en="Every schedule the contents list promises appears in the document",
)
REPEATED = _rule(
    "structure.repeated_rows",
    schedules=("1-1", "1-2", "1-3", "1-4", "1-5", "1-6", "1-7", "1-11", "1-12", "1-13", "1-14"),
    zh="同一张表中没有完全相同的两行（重复的一行会被算两次）",
    en="No schedule prints the same row twice (a repeated row would be counted twice)",
)
FUNDING_NUMBERS = _rule(
    "1-14.funding_numbers",
    schedules=("1-14",),
    zh="项目资金来源的编号行 1、2、3…… 连续，不缺号、不重号",
    en="A project's numbered funding-source lines run 1, 2, 3 … without a gap or a repeat",
)
FUNDING_LINES = _rule(
    "1-14.funding_lines",
    schedules=("1-14",),
    zh="每个项目的资金来源各行与本文件最完整的格式一致：同样的行、同样的顺序，中间不缺行",
    en="A project's funding-source lines follow the document's fullest list: same lines, same order, "
    "none missing between",
)
PROJECT_TEXTS = _rule(
    "1-14.project_texts",
    schedules=("1-14",),
    zh="每个项目都写明申请理由和主要内容",
    en="Every project states its 申请理由 (reason) and 主要内容 (content)",
)

# The tables read from the schedules (not derived ones), and the label used to name a row.
_ROW_TABLES = [
    "s01_summary", "s02_income", "s03_expenditure", "s04_fiscal_summary", "s05_general_budget",
    "s06_basic_economic", "s07_three_public", "s09_government_fund", "s10_state_capital", "s11_procurement",
    "s12_purchased_services", "s13_funds", "s13_projects", "s14_projects", "s14_funding_sources",
    "s14_expense_details", "s14_budget_changes", "goals", "indicators",
]  # fmt: skip
_LABEL_COLUMNS = ("project_name", "project_code", "code", "name", "label", "item", "text")
_NOT_CONTENT = re.compile(r"line|^seq$|^placement_")  # where and how a row was read, not what it says
_NUMBERED = re.compile(r"^\s*(\d+)\s*[.．、]")


def promised_tables(tables: Tables, cells: CellSink | None = None) -> list[dict]:
    """`structure.schedules` on the canonical tables: every table the contents (目录) lists (`schedules` rows with
    `promised_in_contents`) is read from the document; one not-applicable row where the contents were not matched
    table by table. A PDF's table the contents list and the reader did not find is a reading warning (the reader
    cannot tell a missing table from one it failed to read), not an `absent` row here."""
    listed = tables.get("schedules")
    matched = listed is not None and "promised_in_contents" in listed.columns  # (a snapshot older than the column)
    promised = listed.filter(pl.col("promised_in_contents").fill_null(False)) if matched else None
    if promised is None or promised.is_empty():
        reason = "本文件的目录没有逐表对应到正文的表（目录列出而未找到的表见文件的“不完整”提示）"
        return [not_applicable(PROMISED, reason, "（本文件无此表）", Side("目录"), unit="", schedules=[])]
    out = []
    for schedule in promised.iter_rows(named=True):
        present = schedule["status"] != "absent"
        instance = f"{schedule['number_printed'] or ''} {schedule['title']}".strip()
        if cells is not None and schedule.get("contents_page") is not None:  # the contents entry (目录) on its page
            entry = {"table_id": "目录", "page": schedule["contents_page"], "box": schedule["contents_box"]}
            cells.add(PROMISED, instance, "expected", [entry])
        if cells is not None and present:
            cells.add(PROMISED, instance, "actual", [schedule])  # the table's title on its page
        listed = Side("目录", None, list(schedule["contents_lines"] or []), text="列出")
        printed = Side("正文", None, list(schedule["source_lines"] or []), text="出现" if present else "未出现")
        out.append(result(PROMISED, instance, listed, printed, unit="", status="pass" if present else "fail"))
    return out


def _row_label(row: dict) -> str:
    parts = [str(row[c]) for c in _LABEL_COLUMNS if row.get(c) not in (None, "")]
    return " · ".join(parts[:2])[:60] or "（无名称）"


def repeated_rows(tables: Tables) -> list[dict]:
    out = []
    for name in _ROW_TABLES:
        table = tables.get(name)
        if table is None or table.is_empty():
            continue
        content = [c for c in table.columns if not _NOT_CONTENT.search(c)]
        groups: dict[tuple, list[dict]] = {}
        for row in table.iter_rows(named=True):
            groups.setdefault(tuple(repr(row[c]) for c in content), []).append(row)
        repeats = [rows for rows in groups.values() if len(rows) > 1]
        if not repeats:
            out.append(nothing_found(REPEATED, name, "每行出现", f"表中 {table.height} 行", "一次"))
        for rows in repeats:
            first = Side("第一次出现", None, lines_of(rows[:1]), text="一次")
            again = Side("相同的行", None, lines_of(rows[1:]), text=f"共 {len(rows)} 次")
            out.append(result(REPEATED, f"{name} · {_row_label(rows[0])}", first, again, unit=""))
    return out


def _funding_lists(tables: Tables) -> list[tuple[str, list[dict]]]:
    """Each project form's 项目资金来源 lines (canonical `project_funds`), in printed order, by the project's name."""
    return [(p["project"] or p["project_code"], lines) for p, funds in forms(tables) if (lines := source_lines(funds))]


NO_FUNDING_LINES = "本文件的项目表未列出编号的资金来源"


def funding_numbers(tables: Tables) -> list[dict]:
    out = []
    for name, records in _funding_lists(tables):
        numbers = [int(m.group(1)) for r in records if (m := _NUMBERED.match(r["label"] or ""))]
        expected = Side("应为", text=", ".join(str(n) for n in range(1, len(numbers) + 1)))
        printed = Side("资金来源编号", None, lines_of(records), text=", ".join(map(str, numbers)))
        out.append(result(FUNDING_NUMBERS, name, expected, printed, unit=""))
    return out or [not_printed(FUNDING_NUMBERS, NO_FUNDING_LINES)]


def funding_lines(tables: Tables) -> list[dict]:
    """Projects may stop early (the last lines are often left off), but not skip a line in between."""
    by_project = _funding_lists(tables)
    if not by_project:
        return [not_printed(FUNDING_LINES, NO_FUNDING_LINES)]
    lists = [tuple(r["label"] for r in records) for _, records in by_project]
    longest = max(map(len, lists))
    fullest = Counter(labels for labels in lists if len(labels) == longest).most_common(1)[0][0]
    out = []
    for (name, records), labels in zip(by_project, lists, strict=True):
        gap = next((i for i, label in enumerate(labels) if i >= len(fullest) or fullest[i] != label), None)
        expected = "与标准格式一致" if gap is None else (fullest[gap] if gap < len(fullest) else "（无此行）")
        actual = "与标准格式一致" if gap is None else labels[gap]
        where = "" if gap is None else f"第 {gap + 1} 行"
        fullest_side = Side(f"本文件最完整的资金来源格式{where}", text=expected)
        printed = Side(f"本项目{where}", None, lines_of(records), text=actual)
        out.append(result(FUNDING_LINES, name, fullest_side, printed, unit=""))
    return out


def project_texts(tables: Tables) -> list[dict]:
    """Where the document's project forms have the fields (some project prints one), every project fills both."""
    projects = model_table(tables, "projects")
    if projects.filter(pl.col("reason").is_not_null() | pl.col("content").is_not_null()).is_empty():
        return [not_printed(PROJECT_TEXTS, "本文件的项目表没有申请理由、主要内容两栏")]
    out = []
    for row in records_of(projects):
        missing = [label for label, column in (("申请理由", "reason"), ("主要内容", "content")) if not row[column]]
        printed = Side("项目表", None, lines_of([row]), text="都有" if not missing else "缺" + "、".join(missing))
        both = Side("申请理由、主要内容", text="都有")
        out.append(result(PROJECT_TEXTS, row["project"] or row["project_code"], both, printed, unit=""))
    return out


def run(tables: Tables, cells: CellSink | None = None) -> list[dict]:
    return [
        *promised_tables(tables, cells),
        *repeated_rows(tables),  # the text export's own row tables (a PDF has none: no row)
        *funding_numbers(tables),
        *funding_lines(tables),
        *project_texts(tables),
    ]
