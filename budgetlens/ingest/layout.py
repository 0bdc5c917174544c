"""Where things are: the contents list, the four parts, and each schedule's lines.

Everything is found by its own heading, never by line number, so next year's document
(same template, other rows) is read by the same code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from budgetlens.errors import IngestError
from budgetlens.ingest.cells import squash
from budgetlens.ingest.source import CN_NUMERALS, SCHEDULE_MARK, Section, SourceDocument

_HEADING = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")
_PART = re.compile(r"^第([一二三四])部分")
_TITLE_END = re.compile(r"^(\d{4}\s*年\s*\d{1,2}\s*月|.*目录)$")


def cn_number(text: str) -> int:
    """一 -> 1, 十 -> 10, 十四 -> 14, 二十 -> 20, 廿一 -> 21."""
    text = text.replace("廿", "二十")
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (CN_NUMERALS.index(tens) + 1 if tens else 1) * 10 + (CN_NUMERALS.index(ones) + 1 if ones else 0)
    return CN_NUMERALS.index(text) + 1


@dataclass(frozen=True)
class PromisedSchedule:
    number: str  # "1-8"
    title: str
    line: int


@dataclass
class Layout:
    parts: dict[int, Section]
    schedules: dict[str, Section]
    promised: list[PromisedSchedule]
    title_lines: list[int] = field(default_factory=list)
    title: str = ""


def _contents(doc: SourceDocument, body_part2: int) -> list[PromisedSchedule]:
    """The 目录's schedule list: the '- 一、收支总表' items under 第二部分, before the body starts."""
    promised: list[PromisedSchedule] = []
    in_part2 = False
    for line in doc.lines:
        if line.number >= body_part2:
            break
        text = line.stripped
        part = _PART.match(text)
        if part:
            in_part2 = part.group(1) == "二"
            continue
        if in_part2 and text.startswith("-"):
            heading = _HEADING.match(text.lstrip("- ").strip())
            if heading:
                promised.append(
                    PromisedSchedule(f"1-{cn_number(heading.group(1))}", heading.group(2).strip(), line.number)
                )
    return promised


def locate(doc: SourceDocument) -> Layout:
    part_starts: dict[int, int] = {}
    for line in doc.lines:
        part = _PART.match(line.stripped)
        if part:
            part_starts[cn_number(part.group(1))] = line.number  # the last one wins: the body, not the 目录
    if not any(SCHEDULE_MARK.match(squash(line.text)) for line in doc.lines):
        raise IngestError("this is not a department budget document: no schedule marker (附表1-N) found", line=1)
    last = doc.lines[-1].number
    for number, name in (
        (1, "第一部分 部门概况"),
        (2, "第二部分 预算表"),
        (3, "第三部分 预算情况说明"),
        (4, "第四部分 名词解释"),
    ):
        if number not in part_starts:
            raise IngestError(
                f"the document has no '{name}': it is truncated or not a department budget (it ends at line {last})",
                line=last,
            )
    order = [part_starts[n] for n in (1, 2, 3, 4)]
    for number in (2, 3, 4):
        if part_starts[number] < part_starts[number - 1]:
            part, previous = CN_NUMERALS[number - 1], CN_NUMERALS[number - 2]
            raise IngestError(
                f"第{part}部分 appears only in the contents, not after 第{previous}部分: "
                f"the document is truncated (it ends at line {last})",
                line=last,
            )
    bounds = [*order, last + 1]
    parts = {n: doc.slice(f"part{n}", bounds[n - 1], bounds[n]) for n in (1, 2, 3, 4)}

    markers: list[tuple[str, int]] = []
    for line in parts[2].lines:
        mark = SCHEDULE_MARK.match(squash(line.text))
        if mark:
            markers.append((f"1-{int(mark.group(1))}", line.number))
    schedules: dict[str, Section] = {}
    for index, (number, start) in enumerate(markers):
        stop = markers[index + 1][1] if index + 1 < len(markers) else parts[3].first_line
        section = doc.slice(number, start, stop)
        # drop the next schedule's heading ("九、政府性基金预算支出表") from the tail
        lines = list(section.lines)
        while lines and (not lines[-1].stripped or _HEADING.match(lines[-1].stripped)):
            lines.pop()
        if number in schedules:
            raise IngestError(f"附表{number} appears twice", line=start, schedule=number)
        schedules[number] = Section(number, tuple(lines))

    title_lines: list[int] = []
    for line in doc.lines[: order[0]]:
        if _TITLE_END.match(line.stripped):
            break
        if line.stripped:
            title_lines.append(line.number)
    title = squash("".join(doc.lines[n - 1].text for n in title_lines)).replace("*", "")
    return Layout(
        parts=parts,
        schedules=schedules,
        promised=_contents(doc, order[0]),
        title_lines=title_lines,
        title=title,
    )
