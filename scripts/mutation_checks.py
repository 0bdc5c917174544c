"""How many changed numbers do the checks catch?

For every amount cell of the 附表 tables (a cell whose value the snapshot stores in a money or
share column of a row citing that line), change it by one unit of its last digit in a copy of the
source (21,225.47 -> 21,225.48; 18000 -> 18001), ingest the copy, run the checks, and see whether
any check now fails that did not before (or fails with other values). Prints caught / changed and
every cell no rule covers.

    .venv/bin/python scripts/mutation_checks.py [--jobs 2] [--limit N]
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from budgetlens.errors import IngestError  # noqa: E402
from budgetlens.ingest import read_document  # noqa: E402
from budgetlens.ingest.cells import is_number  # noqa: E402
from budgetlens.pipeline import aliases_path, checked_tables  # noqa: E402
from budgetlens.store import load_snapshot  # noqa: E402

SOURCE = ROOT / "data" / "raw" / "hongshan_kejingju_2023.txt"
ALIASES = aliases_path(ROOT / "data", SOURCE.stem)
MONEY_COLUMN = re.compile(r"(_wan|_yuan|_pct)$")


def amount_cells() -> list[tuple[int, int, str, str]]:
    """(line, cell index, cell text, where it landed) for every amount cell of the 附表 tables."""
    snapshot = load_snapshot(ROOT / "data" / "snapshots" / SOURCE.stem)
    landed: dict[int, dict[Decimal, str]] = {}
    for name, table in snapshot.tables.items():
        if name == "checks" or "source_lines" not in table.columns:
            continue
        money = [c for c in table.columns if MONEY_COLUMN.search(c)]
        for row in table.select(*money, "source_lines").iter_rows(named=True):
            for line in row["source_lines"] or []:
                for column in money:
                    if row[column] is not None:
                        landed.setdefault(line, {}).setdefault(row[column].normalize(), f"{name}.{column}")
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    start = next(i for i, text in enumerate(lines) if text.strip() == "附表1-1")
    end = max(i for i, text in enumerate(lines) if text.startswith("第三部分"))
    cells = []
    for index in range(start, end):
        for position, cell in enumerate(lines[index].split("\t")):
            text = cell.strip()
            if text and is_number(text) and "\t" in lines[index]:
                where = landed.get(index + 1, {}).get(Decimal(text.replace(",", "")).normalize())
                if where:
                    cells.append((index + 1, position, text, where))
    return cells


def bump(text: str) -> str:
    """One unit of the last digit up, keeping the format ("1,349.59" -> "1,349.60", "0.7" -> "0.8")."""
    digits = text.replace(",", "")
    places = len(digits.split(".")[1]) if "." in digits else 0
    value = Decimal(digits) + Decimal(1).scaleb(-places)
    formatted = f"{value:,.{places}f}" if "," in text else f"{value:.{places}f}"
    return formatted


def failing(document) -> set[tuple]:
    """The failing checks as the ingest computes them (on the canonical tables written from the document)."""
    _, checks = checked_tables(document, ALIASES)
    failed = checks.filter(checks["status"] == "fail")
    return set(failed.select("rule_id", "instance", "expected", "actual", "expected_text", "actual_text").iter_rows())


def mutate(job: tuple[int, int, str]) -> str:
    line, position, text = job
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    cells = lines[line - 1].split("\t")
    cells[position] = cells[position].replace(text, bump(text), 1)
    lines[line - 1] = "\t".join(cells)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / SOURCE.name
        path.write_text("\n".join(lines), encoding="utf-8")
        try:
            document = read_document(path)
        except IngestError:
            return "rejected"
    return "caught" if failing(document) != BASELINE else "missed"


BASELINE: set[tuple] = set()


def init() -> None:
    global BASELINE
    document = read_document(SOURCE)
    BASELINE = failing(document)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="only the first N cells (a quick look)")
    args = parser.parse_args()
    cells = amount_cells()
    if args.limit:
        cells = cells[: args.limit]
    # spawn, not fork: a forked polars thread pool deadlocks
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=args.jobs, initializer=init, mp_context=context) as pool:
        outcomes = list(pool.map(mutate, [(line, position, text) for line, position, text, _ in cells], chunksize=8))
    caught = outcomes.count("caught")
    rejected = outcomes.count("rejected")
    print(
        f"amount cells changed: {len(cells)}; caught by a check: {caught}; rejected by the ingest: {rejected}; "
        f"missed: {outcomes.count('missed')} ({caught / len(cells):.1%} caught)"
    )
    missed = [(cell, outcome) for cell, outcome in zip(cells, outcomes, strict=True) if outcome == "missed"]
    by_table: dict[str, int] = {}
    for (_, _, _, where), _ in missed:
        by_table[where] = by_table.get(where, 0) + 1
    print("cells no rule covers, by where they land:")
    for where, count in sorted(by_table.items(), key=lambda item: -item[1]):
        print(f"  {count:4d}  {where}")
    for (line, position, text, where), _ in missed:
        print(f"  line {line}, cell {position + 1}: {text}  (value first stored as {where})")


if __name__ == "__main__":
    main()
