"""Every number printed in the document's tables lands in some snapshot row that cites its line."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from budgetlens.ingest.cells import is_number
from budgetlens.ingest.schedules import is_column_numbering

NUMBER_IN_TEXT = re.compile(r"\d+(?:\.\d+)?")
# Labels whose numbers are structure, not data: "2021年" over a column, "长期目标（截止2025年）",
# a goal label ("年度绩效目标2": its number is each indicator's goal_number), and the template's
# unused numbered lines ("3." with nothing after it).
HEADER_LABEL = re.compile(r"^(\d{4}年|长期目标（截止\d{4}年）|(长期|年度)绩效目标\d+|\d+\.)$")


def table_lines(source_lines: list[str]) -> list[tuple[int, list[str]]]:
    """Tab-separated lines from the first schedule to 第三部分 (the tables of 第二部分)."""
    start = next(i for i, text in enumerate(source_lines) if text.strip() == "附表1-1")
    end = max(i for i, text in enumerate(source_lines) if text.startswith("第三部分"))
    rows = []
    for index in range(start, end):
        text = source_lines[index]
        if "\t" in text and not is_column_numbering([c.strip() for c in text.split("\t")]):
            rows.append((index + 1, [c.strip() for c in text.split("\t")]))
    return rows


def values_by_line(snapshot) -> tuple[dict[int, set[Decimal]], dict[int, str]]:
    """Every Decimal and every string in the snapshot, indexed by the source lines of its row."""
    numbers: dict[int, set[Decimal]] = defaultdict(set)
    texts: dict[int, str] = defaultdict(str)
    for table in snapshot.tables.values():
        if "source_lines" not in table.columns:
            continue
        for row in table.iter_rows(named=True):
            for line in row["source_lines"] or []:  # a canonical row of a promised, absent schedule has none
                for value in row.values():
                    if isinstance(value, Decimal):
                        numbers[line].add(value.normalize())
                    elif isinstance(value, str):
                        texts[line] += "\x00" + value
                    elif isinstance(value, int) and not isinstance(value, bool):
                        numbers[line].add(Decimal(value).normalize())
                    elif isinstance(value, list):
                        texts[line] += "\x00" + "\x00".join(str(v) for v in value)
    return numbers, texts


def test_every_number_in_the_tables_lands_in_a_snapshot(snapshot, source_lines):
    numbers, texts = values_by_line(snapshot)
    missing = []
    checked = 0
    for line, cells in table_lines(source_lines):
        for cell in cells:
            if not cell:
                continue
            if is_number(cell):
                checked += 1
                if Decimal(cell.replace(",", "")).normalize() not in numbers[line] and cell not in texts[line]:
                    missing.append((line, cell))
            elif not HEADER_LABEL.match(re.sub(r"\s+", "", cell)):
                squashed = re.sub(r"\s+", "", cell)
                for token in NUMBER_IN_TEXT.findall(squashed):
                    checked += 1
                    in_text = token in re.sub(r"\s+", "", texts[line])
                    if not in_text and Decimal(token).normalize() not in numbers[line]:
                        missing.append((line, token))
    assert checked > 1500
    assert missing == [], f"{len(missing)} numbers read nowhere: {missing[:40]}"
