"""What a printed column heading names: its measure (合计, 基本支出, 项目支出 …) and the measure it is part of.

Words only (budgetlens/canonical/templates.py), no reader: the table readers (canonical/readers.py) and the
rules (checks/canonical.py) both ask it, and it imports no reader (tests/test_import_layers.py).
"""

from __future__ import annotations

import functools
import re

from budgetlens.canonical import templates

UNIT_SUFFIX = re.compile(r"\s*[（(]\s*(?:单位[:：]\s*)?(?:万元|元)\s*[)）]")


@functools.lru_cache(maxsize=4096)  # a pure function of the heading; asked once per cell
def measure_of(heading: str) -> str | None:
    """The measure a column heading names: by its last part ("…基本支出/合计" is a total), a 小计 by the part
    above it ("基本支出/小计" is basic), and by the whole heading when the last part alone says nothing. A unit
    printed in the heading ("合计（元）") is not part of its name."""
    parts = UNIT_SUFFIX.sub("", heading).split("/")
    if len(parts) > 1 and parts[-1] == "小计":
        parts = parts[:-1]
    return templates.first_match(templates.MEASURES, parts[-1]) or templates.first_match(
        templates.MEASURES, "/".join(parts)
    )


@functools.lru_cache(maxsize=4096)
def measure_parent(heading: str) -> str | None:
    """The measure a column is part of, by the heading over it: "本年支出/基本支出/人员经费" is part of basic
    (a 单位预算's 财务收支预算总表 prints 合计 | 基本支出 (人员经费 | 公用经费) | 项目支出 under a header of two
    levels). None when the heading above names no measure other than a total."""
    parts = heading.split("/")
    own = measure_of(heading)
    for depth in range(len(parts) - 1, 0, -1):
        above = templates.first_match(templates.MEASURES, parts[depth - 1])
        if above is not None and above not in ("total", own):
            return above
    return None
