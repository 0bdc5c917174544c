"""Units and staff as a document's narrative counts them (人员编制496人, 预算单位共3家, 23个内设机构), read by the
patterns of templates.STAFFING_COUNTS into the canonical `staffing` table, with the sentence and where it starts."""

from __future__ import annotations

import re

from budgetlens.canonical import templates
from budgetlens.canonical.execution import _joined, _where
from budgetlens.pdf.page import TextLine

PATTERNS = [(re.compile(pattern), category, label) for pattern, category, label in templates.STAFFING_COUNTS]


def staffing_counts(lines: list[tuple[int, TextLine]]) -> list[dict]:
    """Every count the narrative states of its units and staff, in reading order (a count said twice is kept twice)."""
    text, starts = _joined(lines)
    if not starts:
        return []
    found: list[dict] = []
    for pattern, category, label in PATTERNS:
        for match in pattern.finditer(text):
            begin = max(text.rfind("。", 0, match.start()), text.rfind("；", 0, match.start())) + 1
            end = min((i for i in (text.find("。", match.end()), text.find("；", match.end())) if i != -1), default=-1)
            found.append(
                {
                    "category": category,
                    "label": match.groupdict().get("label") or label,
                    "count": int(match.group("count")),
                    "count_printed": match.group("count"),
                    "unit_printed": match.group("unit"),
                    "statement": text[begin : end + 1 if end != -1 else len(text)],
                    **_where(starts, match.start()),
                    "source_lines": None,
                }
            )
    return sorted(found, key=lambda c: (c["page"], c["box"][1], c["box"][0]))
