"""第三部分 预算情况说明: every figure the narrative states, as facts the checks hold against the tables.

Each amount, change and percentage becomes one row: the heading it sits under, the phrase that
names it, the kind of figure, its value and unit, the year it is compared with, and its line.
"""

from __future__ import annotations

import re
from decimal import Decimal

import polars as pl

from budgetlens.frames import LINES, frame
from budgetlens.ingest.cells import squash
from budgetlens.ingest.source import Section
from budgetlens.money import MONEY

_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])\s*(.+)$")
_NUMBER = r"(\d+(?:\.\d+)?)"
_FIGURE = re.compile(
    rf"比\s*(?P<year>20\d\d)\s*年(?:预算)?(?P<dir>增加|减少)\s*{_NUMBER}\s*万元"
    rf"|(?P<pdir>增长|下降)\s*{_NUMBER}\s*%"
    rf"|{_NUMBER}\s*(?P<unit>万元|家|辆|个)"
)
SCHEMA: dict[str, pl.DataType] = {
    "section": pl.String,  # the heading it sits under
    "seq": pl.Int16,  # order within the section
    "subject": pl.String,  # the words before the figure, up to the previous punctuation
    "kind": pl.String,  # amount | change_amount | change_pct | count
    "value": MONEY,
    "unit": pl.String,  # 万元 | % | 家 | 辆 | 个
    "compared_year": pl.Int16,  # the year a change is measured against
    "sentence": pl.String,
    "reason": pl.String,  # the sentence's 主要原因：…, as written (null when it gives none)
    "source_lines": LINES,
}
_REASON = re.compile(r"主要原因[：:]\s*([^。]*)")


_LEADING = re.compile(r"^(?:\d+[.、)）]|[（(]\d+[）)]|[、]|其中|包括|含)+")


def _subject(text: str, start: int, end: int) -> str:
    """The words naming a figure: back from it to the previous punctuation or figure."""
    before = text[start:end]
    cut = max(before.rfind(mark) for mark in "，。；：")
    subject = _LEADING.sub("", squash(before[cut + 1 :]))
    if subject:
        return subject
    after = re.split(r"[，。；]", text[end:], maxsplit=1)[0]  # "16个一级项目…": the noun follows
    return squash(re.sub(r"^\d+(?:\.\d+)?\s*", "", after))


def parse(section: Section) -> dict[str, pl.DataFrame]:
    facts: list[dict] = []
    heading = ""
    lines = section.text_lines()
    merged: list[tuple[str, list[int]]] = []
    for line in lines:
        text = line.stripped
        starts_new = not merged or _HEADING.match(text) or _HEADING.match(merged[-1][0])
        if starts_new or merged[-1][0].endswith(("。", "：", ":")):
            merged.append((text, [line.number]))
        else:  # a sentence the extraction broke across lines
            merged[-1] = (merged[-1][0] + text, merged[-1][1] + [line.number])
    for text, numbers in merged:
        match = _HEADING.match(text)
        if match and len(text) < 40:
            heading = squash(match.group(1))
            continue
        last_subject = ""
        previous_end = 0
        reason = _REASON.search(text)
        for figure in _FIGURE.finditer(text):
            if figure.group("dir"):  # 比2022年减少 N 万元
                sign = -1 if figure.group("dir") == "减少" else 1
                kind, unit, year = "change_amount", "万元", int(figure.group("year"))
                value, subject = sign * Decimal(figure.group(3)), last_subject
            elif figure.group("pdir"):  # 增长 N%: against the year the figure before it is compared with
                sign = -1 if figure.group("pdir") == "下降" else 1
                kind, unit, year = "change_pct", "%", facts[-1]["compared_year"] if facts else None
                value, subject = sign * Decimal(figure.group(5)), last_subject
            else:
                unit = figure.group("unit")
                kind = "amount" if unit == "万元" else "count"
                value, year = Decimal(figure.group(6)), None
                subject = _subject(text, previous_end, figure.start()) or last_subject
                if kind == "count" and subject.endswith("下属"):  # "下属3家参照公务员法管理事业单位的…"
                    subject = squash(re.split(r"[，。；的]", text[figure.end() :], maxsplit=1)[0])
                last_subject = subject
            previous_end = figure.end()
            facts.append(
                {
                    "section": heading,
                    "seq": 0,
                    "subject": subject,
                    "kind": kind,
                    "value": value,
                    "unit": unit,
                    "compared_year": year,
                    "sentence": text,
                    "reason": reason.group(1).strip() if reason else None,
                    "source_lines": numbers,
                }
            )
    for index, fact in enumerate(facts):
        fact["seq"] = sum(1 for other in facts[:index] if other["section"] == fact["section"]) + 1
    return {"narrative_facts": frame(facts, SCHEMA)}
