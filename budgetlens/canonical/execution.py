"""A 决算's execution statements: per 项 (and 款, 类, the total and the 三公 items) the budget, the actual, the
rate and the reason the narrative states, each bound to its item's code through the document's own table.

"一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：…。年初预算为1560.05万元，支出决算为1511.89万元。
决算数小于预算数的主要原因：…。" becomes one row: the names as printed, the code they name in the function
table (2010601), 年初预算 1560.05, 决算 1511.89, no stated rate, comparison 小于 and the reason.
What a statement says is kept as printed; the checks compare it with the tables.
The phrases are data (templates.EXECUTION_*); nothing here names a document.
"""

from __future__ import annotations

import re
from decimal import Decimal

import polars as pl

from budgetlens.canonical import templates
from budgetlens.canonical.narrative import with_punctuation
from budgetlens.pdf.page import TextLine

ANCHORS = [(re.compile(pattern), subject) for pattern, subject in templates.EXECUTION_ANCHORS]
FIELDS = [(re.compile(pattern), name) for pattern, name in templates.EXECUTION_FIELDS]
RATE = re.compile(templates.EXECUTION_RATE)
COMPARISON = re.compile(templates.EXECUTION_COMPARISON)
REASON = re.compile(templates.EXECUTION_REASON)
PUNCTUATION_ONLY = re.compile(r"^[，,；;：:。、\s]+$")
SCOPE_OF_TOTAL = {
    "一般公共预算财政拨款": "general_budget",
    "政府性基金预算财政拨款": "government_fund",
    "国有资本经营预算财政拨款": "state_capital",
    "财政拨款": "fiscal",
}
THREE_PUBLIC_SUBJECTS = {
    "three_public_total",
    "overseas_travel",
    "vehicles",
    "vehicle_purchase",
    "vehicle_operation",
    "reception",
}
REASON_REACH = 400  # characters after a statement's amounts where its comparison and reason may stand


def _joined(lines: list[tuple[int, TextLine]]) -> tuple[str, list[tuple[int, int, TextLine]]]:
    """The narrative as one text (lines wrap inside sentences), with where each line starts in it."""
    parts: list[str] = []
    starts: list[tuple[int, int, TextLine]] = []
    offset = 0
    for page, line in with_punctuation(lines):
        text = line.text
        if PUNCTUATION_ONLY.match(text):
            continue
        starts.append((offset, page, line))
        parts.append(text)
        offset += len(text)
    return "".join(parts), starts


def _where(starts: list[tuple[int, int, TextLine]], position: int) -> dict:
    chosen = starts[0]
    for start in starts:
        if start[0] > position:
            break
        chosen = start
    _, page, line = chosen
    return {"page": page, "box": [round(line.x0, 1), round(line.top, 1), round(line.x1, 1), round(line.bottom, 1)]}


def _anchors(text: str) -> list[tuple[int, int, str, dict]]:
    """(start, end, subject, groups) of every anchor, earliest first; an anchor inside another is dropped."""
    found: list[tuple[int, int, str, dict]] = []
    for pattern, subject in ANCHORS:
        for match in pattern.finditer(text):
            found.append((match.start(), match.end(), subject, match.groupdict()))
    found.sort(key=lambda a: (a[0], -a[1]))
    kept: list[tuple[int, int, str, dict]] = []
    for anchor in found:
        if kept and anchor[0] < kept[-1][1]:
            continue
        kept.append(anchor)
    return kept


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def read_statements(lines: list[tuple[int, TextLine]]) -> list[dict]:
    """Every execution statement of the narrative, in order, unbound (no code yet)."""
    text, starts = _joined(lines)
    anchors = _anchors(text)
    statements: list[dict] = []
    for index, (start, end, subject, groups) in enumerate(anchors):
        stop = anchors[index + 1][0] if index + 1 < len(anchors) else len(text)
        segment = text[end:stop]
        values: dict[str, tuple[Decimal, str]] = {}
        last = 0
        for pattern, name in FIELDS:
            if name in values or (name == "budget" and ("budget_initial" in values or "budget_full" in values)):
                continue
            if match := pattern.search(segment):
                values[name] = (_amount(match.group("amount")), match.group("amount"))
                last = max(last, match.end())
        if "actual" not in values and not any(k.startswith("budget") for k in values):
            continue  # an item named without its budget or actual (a 结构 sentence, a reason naming a 类)
        rate = RATE.search(segment)
        if rate:
            last = max(last, rate.end())
        statements.append(
            {
                "_start": start,
                "_fields_end": end + last,
                "_stop": stop,
                "subject": subject,
                "scope": SCOPE_OF_TOTAL.get(groups.get("scope") or "")
                if subject == "function_total"
                else ("fiscal" if subject in THREE_PUBLIC_SUBJECTS else "general_budget"),
                "names": [groups[g] for g in ("class", "kind", "item") if groups.get(g)] or None,
                **{f"{name}_wan": values[name][0] if name in values else None for name in _FIELD_NAMES},
                **{f"{name}_printed": values[name][1] if name in values else None for name in _FIELD_NAMES},
                "rate_printed": f"{rate.group('rate')}%" if rate else None,
                "rate_stated": Decimal(rate.group("rate")) if rate else None,
                "rate_against_printed": (rate.group("against") or "") + "预算" if rate else None,
                "_rate_against": rate.group("against") if rate else None,
                **_where(starts, start),
                "source_lines": None,
            }
        )
    # Comparison and reason: after a statement's amounts, before the next statement starts (a reason may name
    # a 类, which is an anchor but not a statement), up to the reason's full stop.
    for index, statement in enumerate(statements):
        following = statements[index + 1]["_start"] if index + 1 < len(statements) else len(text)
        after = text[statement["_fields_end"] : min(following, statement["_fields_end"] + REASON_REACH)]
        comparison = COMPARISON.search(after)
        statement["comparison_stated"] = comparison.group("comparison") if comparison else None
        reason = REASON.search(after)
        statement["reason_stated"] = reason.group("reason").strip() if reason else None
        end = reason.end() if reason else comparison.end() if comparison else 0
        sentence_end = text.find("。", statement["_fields_end"] + end - 1 if end else statement["_fields_end"])
        close = min(x for x in (sentence_end + 1 if sentence_end != -1 else len(text), following) if x > 0)
        statement["statement"] = text[statement["_start"] : max(close, statement["_fields_end"])].strip()
        against = statement.pop("_rate_against")
        statement["rate_against"] = (
            templates.RATE_AGAINST.get(against)
            if against
            else "budget_full"
            if statement["budget_full_wan"] is not None
            else "budget_initial"
            if statement["budget_initial_wan"] is not None
            else "budget"
            if statement["rate_stated"] is not None
            else None
        )
    _three_public_reason_to_total(statements)
    for statement in statements:
        for key in ("_start", "_fields_end", "_stop"):
            statement.pop(key)
    return statements


def _three_public_reason_to_total(statements: list[dict]) -> None:
    """ "…“三公”经费支出决算数小于预算数的主要原因：…" after the last 三公 item is the 三公 total's reason."""
    total = None
    for statement in statements:
        if statement["subject"] == "three_public_total":
            total = statement
            continue
        if total is None or statement["subject"] not in THREE_PUBLIC_SUBJECTS or statement["reason_stated"] is None:
            continue
        tail = statement["statement"]
        said = tail.find("决算数")
        if said != -1 and "三公" in tail[tail.rfind("。", 0, said) + 1 : said] and total["reason_stated"] is None:
            total["reason_stated"], total["comparison_stated"] = (
                statement["reason_stated"],
                statement["comparison_stated"],
            )
            statement["reason_stated"], statement["comparison_stated"] = None, None


_FIELD_NAMES = ("budget_initial", "budget_full", "budget", "actual")


def _norm(name: str | None) -> str:
    return re.sub(r"\s+", "", name or "")


def bind_codes(statements: list[dict], coded: pl.DataFrame, schedules: pl.DataFrame) -> list[str]:
    """Give each function statement the code its names name in the document's function table (一般公共预算
    first): 类 by name, then 款 under it, then 项 under that. Where the 款 name is not the table's, a 项 name
    that is unique under the 类 binds it (`binding` says so); otherwise the code stays null. Returns warnings."""
    warnings: list[str] = []
    tables = schedules.filter(pl.col("kind").is_in(["expenditure_by_function", "expenditure"]))
    order = {"general_budget": 0, "fiscal": 1, "all": 2}
    ids = sorted(tables.iter_rows(named=True), key=lambda r: (order.get(r["scope"], 3), r["table_id"]))
    rows = coded.filter(pl.col("code").is_not_null() & pl.col("level").is_not_null())
    names: list[tuple[str, int, str]] = []
    for table in ids:
        chosen = rows.filter(pl.col("table_id") == table["table_id"]).unique(subset=["code"], keep="first")
        if chosen.height:
            names = [(r["code"], r["level"], _norm(r["name"])) for r in chosen.iter_rows(named=True)]
            break
    for statement in statements:
        statement["code"] = None
        statement["level"] = None
        statement["binding"] = None
        if statement["subject"] == "function_total":
            statement["level"] = 0
            continue
        if statement["subject"] != "function_item" or not statement["names"]:
            continue
        printed = [_norm(n) for n in statement["names"]]
        statement["level"] = len(printed)
        parent = ""
        code = None
        for depth, name in enumerate(printed, start=1):
            match = [c for c, level, n in names if level == depth and n == name and c.startswith(parent)]
            if len(match) != 1:
                code = None
                break
            code = parent = match[0]
        if code is not None:
            statement["code"], statement["binding"] = code, "names"
            continue
        class_code = [c for c, level, n in names if level == 1 and n == printed[0]]
        if len(printed) == 3 and len(class_code) == 1:
            items = [c for c, level, n in names if level == 3 and n == printed[2] and c.startswith(class_code[0])]
            if len(items) == 1:
                statement["code"], statement["binding"] = items[0], "item_within_class"
                warnings.append(
                    f"page {statement['page']}: the narrative's {'/'.join(statement['names'])} is bound to "
                    f"{items[0]} by its 项 name under the 类; the table names that 款 otherwise"
                )
                continue
        warnings.append(
            f"page {statement['page']}: the narrative's {'/'.join(statement['names'])} names no row of the "
            "function table; its execution statement is kept without a code"
        )
    return warnings


COUNTS = [(re.compile(pattern), target, unit) for pattern, target, unit in templates.NARRATIVE_COUNTS]


def narrative_counts(lines: list[tuple[int, TextLine]]) -> list[dict]:
    """Counts a 决算's narrative states (车辆 held, equipment over the price threshold, 绩效 projects and the
    average score), each with its sentence and where it starts; a count said twice is kept twice."""
    text, starts = _joined(lines)
    counts: list[dict] = []
    for pattern, target, unit in COUNTS:
        for match in pattern.finditer(text):
            begin = text.rfind("。", 0, match.start()) + 1
            end = text.find("。", match.end())
            counts.append(
                {
                    "target": target,
                    "count": Decimal(match.group("count")),
                    "count_printed": match.group("count"),
                    "unit_printed": unit,
                    "statement": text[begin : end + 1 if end != -1 else len(text)],
                    **_where(starts, match.start()),
                    "source_lines": None,
                }
            )
    return sorted(counts, key=lambda c: (c["page"], c["box"][1]))
