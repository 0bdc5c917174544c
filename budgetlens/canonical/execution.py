"""A 决算's execution statements: per 项 (and 款, 类, the total and the 三公 items) the budget, the actual, the
rate and the reason the narrative states, each bound to its item's code through the document's own table.

"一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：…。年初预算为1560.05万元，支出决算为1511.89万元。
决算数小于预算数的主要原因：…。" becomes one row: the names as printed, the code they name in the function
table (2010601), 年初预算 1560.05, 决算 1511.89, no stated rate, comparison 小于 and the reason.
What a statement says is kept as printed; the checks compare it with the tables.
The phrases are data (templates.EXECUTION_*); nothing here names a document. Also the counts a narrative
states: a 决算's (`narrative_counts`) and every document's units and staff (`staffing_counts`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import accumulate

import polars as pl

from budgetlens.canonical import templates
from budgetlens.canonical.model import direction_of
from budgetlens.canonical.narrative import (
    PUNCTUATION_ONLY,
    STATEMENT_TOP,
    figure_place,
    page_furniture,
    where_in_text,
    with_punctuation,
)
from budgetlens.pdf.page import TextLine

ANCHORS = [(re.compile(pattern), subject) for pattern, subject in templates.EXECUTION_ANCHORS]
FIELDS = [(re.compile(pattern), name) for pattern, name in templates.EXECUTION_FIELDS]
RATE = re.compile(templates.EXECUTION_RATE)
COMPARISON = re.compile(templates.EXECUTION_COMPARISON)
REASON = re.compile(templates.EXECUTION_REASON)
# The 三公 items a statement may be about: every anchor that is not a function table's row or total.
THREE_PUBLIC_SUBJECTS = {subject for _, subject in templates.EXECUTION_ANCHORS if not subject.startswith("function_")}
REASON_REACH = 400  # characters after a statement's amounts where its comparison and reason may stand


def _joined(lines: list[tuple[int, TextLine]]) -> tuple[str, list[int], list[tuple[int, TextLine]]]:
    """The narrative as one text (lines wrap inside sentences), where each line starts in it, and the lines."""
    kept = [(page, line) for page, line in with_punctuation(lines) if not PUNCTUATION_ONLY.match(line.text)]
    starts = list(accumulate((len(line.text) for _, line in kept[:-1]), initial=0)) if kept else []
    return "".join(line.text for _, line in kept), starts, kept


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


def read_statements(lines: list[tuple[int, TextLine]]) -> list[dict]:
    """Every execution statement of the narrative, in order, unbound (no code yet)."""
    text, starts, kept = _joined(lines)
    anchors = _anchors(text)
    statements: list[dict] = []
    for index, (start, end, subject, groups) in enumerate(anchors):
        stop = anchors[index + 1][0] if index + 1 < len(anchors) else len(text)
        segment = text[end:stop]
        values: dict[str, tuple[Decimal, str]] = {}
        printed_at: dict[str, tuple[int, int]] = {}  # where each amount and its 万元 stand in the text
        last = 0
        for pattern, name in FIELDS:
            if name in values or (name == "budget" and ("budget_initial" in values or "budget_full" in values)):
                continue
            if match := pattern.search(segment):
                values[name] = (Decimal(match.group("amount").replace(",", "")), match.group("amount"))
                printed_at[name] = (end + match.start("amount"), end + match.end())
                last = max(last, match.end())
        if "actual" not in values and not any(k.startswith("budget") for k in values):
            continue  # an item named without its budget or actual (a 结构 sentence, a reason naming a 类)
        rate = RATE.search(segment)
        if rate:
            last = max(last, rate.end())
        # its figure, which the source view outlines: the 决算 amount (支出决算为1511.89万元), else the first budget
        figure = printed_at.get("actual") or min(printed_at.values())
        statements.append(
            {
                "_start": start,
                "_fields_end": end + last,
                "subject": subject,
                "scope": templates.first_match(templates.SCOPES, groups.get("scope") or "")
                if subject == "function_total"
                else ("fiscal" if subject in THREE_PUBLIC_SUBJECTS else "general_budget"),
                "names": [groups[g] for g in ("class", "kind", "item") if groups.get(g)] or None,
                **{f"{name}_wan": values[name][0] if name in values else None for name in _FIELD_NAMES},
                **{f"{name}_printed": values[name][1] if name in values else None for name in _FIELD_NAMES},
                "rate_printed": f"{rate.group('rate')}%" if rate else None,
                "rate_stated": Decimal(rate.group("rate")) if rate else None,
                "rate_against_printed": (rate.group("against") or "") + "预算" if rate else None,
                "_rate_against": rate.group("against") if rate else None,
                **figure_place(starts, kept, start, *figure),
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
        # The budget a rate is of: as the rate says, else the budget the statement states (全年 before 年初).
        against = statement.pop("_rate_against")
        stated = [basis for basis in ("budget_full", "budget_initial") if statement[f"{basis}_wan"] is not None]
        fallback = "budget" if statement["rate_stated"] is not None else None
        statement["rate_against"] = templates.RATE_AGAINST.get(against) if against else (stated or [fallback])[0]
    _three_public_reason_to_total(statements)
    for statement in statements:
        for key in ("_start", "_fields_end"):
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
            for key in ("reason_stated", "comparison_stated"):
                total[key], statement[key] = statement[key], None


_FIELD_NAMES = [name for _, name in FIELDS]  # budget_initial, budget_full, budget, actual


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
        statement.update(code=None, level=None, binding=None)
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
STAFFING = [(re.compile(pattern), category, label) for pattern, category, label in templates.STAFFING_COUNTS]


# The box of the line a count's match starts on: the counts' order, as before their boxes were their figures', and an
# unread scope's reading warning. Not a column (canonical.model.frame writes only the schema's).
MATCH_LINE = "match_line"


def _stated(pattern: re.Pattern[str], text: str, starts: list[int], kept: list, stops: str, unit: str = "") -> list:
    """(match, its sentence and where) for each match of `pattern`; a sentence ends at any of `stops`. Where: the page
    the match starts on and the box of its figure (`_count_at`: the count and its unit), placed as a narrative figure
    is (narrative.figure_place), and MATCH_LINE."""
    found = []
    for match in pattern.finditer(text):
        begin = max(text.rfind(mark, 0, match.start()) for mark in stops) + 1
        ends = [i for i in (text.find(mark, match.end()) for mark in stops) if i != -1]
        statement = text[begin : min(ends) + 1 if ends else len(text)]
        line = where_in_text(starts, kept, match.start())["box"]
        where = figure_place(starts, kept, match.start(), *_count_at(match, text, unit))
        found.append((match, {"statement": statement, **where, "source_lines": None, MATCH_LINE: line}))
    return found


def _count_at(match: re.Match[str], text: str, unit: str) -> tuple[int, int]:
    """Where a stated count is printed in `text`: from its number to the end of its unit (共有车辆 12 辆: "12 辆"; the
    pattern's `unit`, else `unit` as printed after the number, 台（套） or 台(套)); a scope stated in words, with no
    count, its words."""
    if match.groupdict().get("count") is None:
        return match.start(), match.end()
    if match.groupdict().get("unit") is not None:
        return match.start("count"), match.end("unit")
    loose = re.escape(unit).replace("（", "[（(]").replace("）", "[）)]")
    after = re.compile(rf"\s*{loose}").match(text, match.end("count")) if unit else None
    return match.start("count"), after.end() if after else match.end("count")


def narrative_counts(lines: list[tuple[int, TextLine]]) -> list[dict]:
    """Counts a narrative states (车辆 held, equipment over the price threshold, 绩效 projects and the average
    score), each with its sentence and where its count is printed; a count said twice is kept twice."""
    text, starts, kept = _joined(lines)
    counts = [
        {
            "target": target,
            "count": Decimal(match.group("count")),
            "count_printed": match.group("count"),
            "unit_printed": unit,
            **said,
        }
        for pattern, target, unit in COUNTS
        for match, said in _stated(pattern, text, starts, kept, "。", unit)
    ]
    return sorted(counts, key=lambda c: (c["page"], c[MATCH_LINE][1]))


def staffing_counts(lines: list[tuple[int, TextLine]]) -> list[dict]:
    """Units and staff as the narrative counts them (人员编制496人, 预算单位共3家, 23个内设机构: the patterns of
    templates.STAFFING_COUNTS), for every document, in reading order, each with where its count is printed; a count
    said twice is kept twice."""
    text, starts, kept = _joined(lines)
    found = [
        {
            "category": category,
            "label": match.groupdict().get("label") or label,
            "count": int(match.group("count")),
            "count_printed": match.group("count"),
            "unit_printed": match.group("unit"),
            **said,
        }
        for pattern, category, label in STAFFING
        for match, said in _stated(pattern, text, starts, kept, "。；")
    ]
    return sorted(found, key=lambda c: (c["page"], c[MATCH_LINE][1], c[MATCH_LINE][0]))


UNITS_NAMED = re.compile(templates.NARRATIVE_UNITS_NAMED)


def units_named(lines: list[tuple[int, TextLine]]) -> list[dict]:
    """The units a narrative names as its own in a sentence (templates.NARRATIVE_UNITS_NAMED: "…下属单位如下：
    徐州铁路运输法院，其…"), as `unit_list` rows of no table: one per name, as printed, with the words naming what
    they are (下属单位) as its note and the box of the name's first line. A name said again (in a later sentence, or
    twice in one list) is one unit, at its first place. A page's number or running header between two lines of a
    name is not part of it."""
    furniture = page_furniture(lines)
    text, starts, kept = _joined([line for index, line in enumerate(lines) if index not in furniture])
    rows: list[dict] = []
    for match in UNITS_NAMED.finditer(text):
        at = match.start("names")
        for name in match.group("names").split("、"):
            if all(row["name"] != name for row in rows):
                place = where_in_text(starts, kept, at, at + len(name))
                said = {"table_id": None, "row": len(rows), "seq_printed": None, "name": name, "note": match["kind"]}
                rows.append(said | place | {"source_lines": None})
            at += len(name) + 1
    return rows


YEAR_CHANGES = [
    (re.compile(templates.EXECUTION_YEAR_CHANGE.replace("{subject}", words)), subject)
    for words, subject in templates.EXECUTION_YEAR_SUBJECTS
]
# Between a change that names the year and the items after it that share that year: its percentage, a full stop and
# 其中 ("…减少0.15万元，下降（增长）27.78%，其中：因公出国（境）费支出与上一年度持平"), or one item's 、；.
SHARED_YEAR_GAP = re.compile(
    r"^(?:[，,]\s*(?:下降|增长|减少|增加|上升|降低)[^。；;，,\d]{0,8}\d[\d.]*\s*[%％])?\s*[。；;，,、]?\s*(?:其中[：:])?\s*$"
)


def year_changes(lines: list[tuple[int, TextLine]], statements: list[dict], year: int) -> list[dict]:
    """A 决算's changes of its 三公 items from the year before that are stated with no amount in their sentence
    ("“三公”经费财政拨款支出决算数与2023年度持平。其中：因公出国（境）费支出决算持平；…"), as `narrative_figures` rows:
    the item's change (持平 is 0) and the year compared with, where the sentence names it (the items after 其中 share
    it), with the amount its execution statement states (支出决算为 0.00万元) as the item's amount. An item whose
    execution statement states no 决算 amount, or a change with no year named before it, is not read."""
    text, starts, kept = _joined(lines)
    found = sorted(
        (match.start(), match.end(), subject, match)
        for pattern, subject in YEAR_CHANGES
        for match in pattern.finditer(text)
    )
    actual = {}
    for statement in statements:
        if statement["subject"] in THREE_PUBLIC_SUBJECTS and statement["actual_wan"] is not None:
            actual.setdefault(statement["subject"], statement)
    figures: list[dict] = []
    compared: int | None = None
    previous_end = None
    for start, end, subject, match in found:
        if previous_end is not None and start < previous_end:
            continue  # inside a longer match
        if match.group("compared") or re.search(r"上一?年度?", match.group(0)):
            compared = int(match.group("compared")) if match.group("compared") else year - 1
        elif previous_end is None or not SHARED_YEAR_GAP.match(text[previous_end:start]):
            compared = None  # no year named for this change, nor shared from the sentence before
        previous_end = end
        statement = actual.get(subject)
        if compared is None or statement is None:
            continue
        if match.group("same"):
            change = Decimal(0)
        else:
            sign = -1 if match.group("direction") in templates.NARRATIVE_DECREASE else 1
            change = sign * Decimal(match.group("amount").replace(",", ""))
        sentence_start = max(text.rfind(mark, 0, start) for mark in "。；;") + 1
        sentence_end = min([i for i in (text.find(mark, end) for mark in "。；;") if i != -1] or [len(text) - 1])
        figures.append(
            {
                "target": subject,
                "names": None,
                "statement": text[sentence_start : sentence_end + 1],
                "words_before": text[max(0, start - 12) : start],
                "label": match.group("label"),
                "year": year,
                "amount_wan": statement["actual_wan"],
                "amount_printed": statement["actual_printed"],
                "unit_printed": "万元",
                "compared_year": compared,
                "change_wan": change,
                "change_direction": direction_of(change),
                "change_printed": text[match.end("label") : end].strip("，, "),
                "reason_stated": None,
                # no amount is printed here: the figure's own characters are its words, label through change
                **where_in_text(starts, kept, start, end),
                "source_lines": None,
                STATEMENT_TOP: where_in_text(starts, kept, start)["box"][1],
            }
        )
    return figures


SCOPES_OF_THREE_PUBLIC = [(re.compile(pattern), target) for pattern, target in templates.THREE_PUBLIC_SCOPE]
SCOPE_MENTIONED = re.compile(templates.THREE_PUBLIC_SCOPE_MENTIONED)


def three_public_scope(lines: list[tuple[int, TextLine]]) -> tuple[list[dict], list[tuple[int, list[float], str]]]:
    """The scope of the 三公 figures where the narrative states it (templates.THREE_PUBLIC_SCOPE), as
    `narrative_counts` rows: `three_public_units` with its count, `three_public_scope` stated in words (count null);
    and each sentence that names the scope in words no pattern reads (page, box, the sentence), for a reading warning.
    The first statement of each kind is kept."""
    text, starts, kept = _joined(lines)
    rows: list[dict] = []
    read_at: list[tuple[int, int]] = []
    for pattern, target in SCOPES_OF_THREE_PUBLIC:
        if any(row["target"] == target for row in rows):
            continue
        for match, said in _stated(pattern, text, starts, kept, "。；;"):
            if any(start <= match.start() < end for start, end in read_at):
                continue  # a sentence a pattern before has read (its count)
            count = match.groupdict().get("count")
            rows.append(
                {
                    "target": target,
                    "count": Decimal(count) if count else None,
                    "count_printed": count,
                    "unit_printed": match.groupdict().get("unit"),
                    **said,
                }
            )
            read_at.append((match.start(), match.end()))
            break
    unread = [
        (said["page"], said[MATCH_LINE], said["statement"])
        for match, said in _stated(SCOPE_MENTIONED, text, starts, kept, "。；;")
        if not any(start <= match.start() < end or match.start() <= start < match.end() for start, end in read_at)
    ]
    return rows, unread
