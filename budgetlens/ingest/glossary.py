"""第四部分 名词解释: term -> explanation, for the dashboard's glossary."""

from __future__ import annotations

import re

import polars as pl

from budgetlens.frames import LINES, frame
from budgetlens.ingest.cells import clean_text
from budgetlens.ingest.source import Section

_ENTRY = re.compile(r"^[（(][一二三四五六七八九十]+[）)]\s*([^：:]+?)(?:[：:](.*))?$")
_CODE_ENTRY = re.compile(r"^(?:\d+[.．]\s*)?(.+?[（(]项[）)])[：:](.*)$")
_BROKEN = re.compile(r"[\u4e00-\u9fff]$")
SCHEMA: dict[str, pl.DataType] = {"seq": pl.Int16, "term": pl.String, "explanation": pl.String, "source_lines": LINES}


def parse(section: Section) -> dict[str, pl.DataFrame]:
    entries: list[dict] = []
    joined: list[tuple[str, list[int]]] = []
    for line in section.text_lines()[1:]:  # the first line is the part heading
        if joined and _BROKEN.search(joined[-1][0]):  # a line the extraction broke mid-word
            joined[-1] = (joined[-1][0] + line.stripped, joined[-1][1] + [line.number])
        else:
            joined.append((line.stripped, [line.number]))
    for text, numbers in joined:
        match = _ENTRY.match(text) or _CODE_ENTRY.match(text)
        if match:
            entries.append(
                {
                    "seq": len(entries) + 1,
                    "term": clean_text(match.group(1)),
                    "explanation": clean_text(match.group(2) or ""),
                    "source_lines": numbers,
                }
            )
        elif entries:
            entries[-1]["explanation"] = (entries[-1]["explanation"] + "\n" + clean_text(text)).strip()
            entries[-1]["source_lines"].extend(numbers)
    return {"glossary": frame(entries, SCHEMA)}
