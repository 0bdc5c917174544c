"""OCR against the text layer, amount by amount, on image-only copies of the shipped PDFs (issue 21).

For each PDF in data/raw/ and each scan kind (tests/fixtures/make_scans.py: gray150, skew200), the pages
printing the compared tables (or, with --scan all, every page) are replaced by their pictures, the copy is
read by the ingest (the pictured pages go through OCR), and its
amounts in the summary, function, economic and 三公 tables are compared with the same document read from
its text layer: identical, different (and then: flagged by a reading warning or a check, or not), or
missing. Seconds per OCR'd page are measured as wall time and CPU time of the whole read.

    .venv/bin/python scripts/bench_ocr.py                 # every PDF, both kinds: table pages, then running text
    .venv/bin/python scripts/bench_ocr.py --scan all      # every page of every PDF scanned (slow)
    .venv/bin/python scripts/bench_ocr.py --kinds gray150 --files shanghai_putuo_caizhengju_2025_bumen_yusuan.pdf
    .venv/bin/python scripts/bench_ocr.py --scan narrative  # only the pages of running text scanned
    .venv/bin/python scripts/bench_ocr.py --workers 1      # every page in the reading process (CPU per page)

CPU seconds count the OCR worker processes too (their usage once the pool has closed).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import polars as pl  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

from budgetlens.canonical.document import read_pdf_document  # noqa: E402
from budgetlens.checks import canonical as canonical_checks  # noqa: E402
from budgetlens.checks import ocr_doubts  # noqa: E402
from budgetlens.pdf import ocr  # noqa: E402
from budgetlens.pdf.page import read_page  # noqa: E402
from tests.fixtures.make_scans import KINDS, make_scan, replace_pages_with_images  # noqa: E402

# The tables the issue names: the summary, function, economic and 三公 tables; and the figures the narrative
# states, which the checks hold against them.
COMPARED = ("summary_lines", "expenditure_by_function", "basic_by_economic", "three_public", "narrative_figures")
IDENTITY = {
    "summary_lines": ("side", "row"),  # a label read differently is still the same printed row
    "expenditure_by_function": ("code",),
    "basic_by_economic": ("code",),
    "three_public": ("item",),
    "narrative_figures": ("target", "names"),  # a function figure is named by its 类/款/项 names
}
# A page of running text: its text layer draws fewer ruling lines than this (a table page draws its grid).
NARRATIVE_MAX_RULES = 4


def amounts(tables: dict[str, pl.DataFrame]) -> dict[tuple, dict]:
    """Every amount of the compared tables, keyed by what it is (table, row identity, measure, year, nth)."""
    keyed: dict[tuple, dict] = {}
    # A table is named by what it is (kind and scope), not by its number: one table split differently on an
    # earlier page would renumber every later one.
    kinds = {r["table_id"]: f"{r['kind']}/{r['scope']}" for r in tables["schedules"].iter_rows(named=True)}
    for name in COMPARED:
        table = tables.get(name)
        if table is None or table.is_empty():
            continue
        seen: Counter = Counter()
        for row in table.iter_rows(named=True):
            identity = tuple(
                tuple(value) if isinstance(value, list) else value for value in (row.get(c) for c in IDENTITY[name])
            )
            table_id = row.get("table_id")
            base = (name, kinds.get(table_id, table_id), identity, row.get("measure"), row["year"])
            seen[base] += 1
            keyed[(*base, seen[base])] = row
    return keyed


def near(a: dict, b: dict, tolerance: float = 2.0) -> bool:
    """Printed in the same place: same page, boxes within `tolerance` points."""
    if a.get("page") != b.get("page") or a.get("box") is None or b.get("box") is None:
        return False
    return all(abs(x - y) <= tolerance for x, y in zip(a["box"], b["box"], strict=True))


def flagged(row: dict, warnings: list[str], failing_pages_boxes: set) -> bool:
    box = [round(v, 1) for v in row["box"]] if row.get("box") is not None else None
    if box is not None and any(f"box {box}" in warning for warning in warnings):
        return True
    if box is not None and any(inside(box, line) for line in doubtful_lines(warnings, row.get("page"))):
        return True
    return (row.get("page"), tuple(box or ())) in failing_pages_boxes


def named_near(row: dict, warnings: list[str]) -> bool:
    """A warning names a box on the row's page within 2 points of where the text layer prints it."""
    if row.get("box") is None:
        return False
    for warning in warnings:
        for match in re.finditer(r"\(page (\d+)\)[^\[]*at box \[([^\]]+)\]", warning):
            box = {"page": int(match.group(1)), "box": [float(v) for v in match.group(2).split(",")]}
            if near(box, row):
                return True
    return False


def doubtful_lines(warnings: list[str], page: int | None) -> list[list[float]]:
    """The boxes of the lines of running text a warning names on `page` (budgetlens/pdf/ocr.running_text_doubts)."""
    found = (re.match(r"OCR \(page (\d+)\): line .* at box \[([^\]]+)\]", warning) for warning in warnings)
    return [[float(v) for v in m.group(2).split(",")] for m in found if m and int(m.group(1)) == page]


def inside(box: list[float], line: list[float]) -> bool:
    """The centre of `box` lies in `line` (both in points; OCR's line boxes and the text layer's differ a little)."""
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return line[0] - 2 <= x <= line[2] + 2 and line[1] - 4 <= y <= line[3] + 4


def table_pages(tables: dict[str, pl.DataFrame]) -> list[int]:
    """The pages that print the compared tables' amounts."""
    pages: set[int] = set()
    for name in COMPARED[:-1]:
        table = tables.get(name)
        if table is not None and not table.is_empty():
            pages.update(p for p in table["page"].to_list() if p is not None)
    return sorted(pages)


def narrative_pages(source: Path) -> list[int]:
    """The pages of running text: text on them, and (almost) no ruling lines."""
    pages = []
    with pdfium.PdfDocument(source) as document:
        for index in range(len(document)):
            page = read_page(document, index)
            if page.text_chars >= 100 and len(page.rules) < NARRATIVE_MAX_RULES:
                pages.append(index + 1)
    return pages


def children_cpu() -> float:
    """CPU seconds of this process's finished children (the OCR worker processes)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def compare(source: Path, kind: str, work: Path, scope: str) -> dict:
    text_read = read_pdf_document([source], source.stem)
    target = work / f"{source.stem}_{kind}.pdf"
    if scope == "all":
        scan = make_scan(source, target, kind)
        scanned = None
    else:
        scanned = narrative_pages(source) if scope == "narrative" else table_pages(text_read.tables)
        scan = replace_pages_with_images(source, target, scanned, kind)
    load = os.getloadavg()[0]
    cpu, children, wall = time.process_time(), children_cpu(), time.perf_counter()
    ocr_read = read_pdf_document([scan], source.stem)
    # the worker processes' CPU counts: they are waited for when the pool closes, inside the read
    cpu = time.process_time() - cpu + children_cpu() - children
    wall = time.perf_counter() - wall
    checks, cells = canonical_checks.run(ocr_read.tables)
    checks, doubts = ocr_doubts(checks, cells, ocr_read.tables.get("printed_cells"))
    warnings = ocr_read.warnings + doubts
    failing = {(r, i) for r, i in checks.filter(pl.col("status") == "fail").select("rule_id", "instance").iter_rows()}
    failing_cells = {
        (page, tuple(round(v, 1) for v in box))
        for rule, instance, page, box in cells.select("rule_id", "instance", "page", "box").iter_rows()
        if (rule, instance) in failing and box is not None
    }
    expected, read = amounts(text_read.tables), amounts(ocr_read.tables)
    if scanned is not None:  # the amounts printed on the pages made pictures (the rest are read from text)
        expected = {key: row for key, row in expected.items() if row.get("page") in set(scanned)}
    same = differ_flagged = differ_silent = missing = missing_flagged = 0
    silent: list[str] = []
    for key, row in expected.items():
        got = read.get(key)
        if got is None:
            # read under another identity (a code read otherwise): the OCR row printed in the same place; or not
            # read at all, with a warning naming its place (a cell OCR read nothing in where the page has ink)
            same_place = [r for r in read.values() if near(r, row)]
            if (same_place and any(flagged(r, warnings, failing_cells) for r in same_place)) or named_near(
                row, warnings
            ):
                missing_flagged += 1
                continue
            missing += 1
            shown = [r["code"] if "code" in r else r.get("item") for r in same_place]
            silent.append(f"missing {key[:3]} {key[3]} {row['amount_printed']!r}; read there as {shown}")
            continue
        if got["amount_wan"] == row["amount_wan"] and got["amount_printed"] == row["amount_printed"]:
            same += 1
        elif flagged(got, warnings, failing_cells):
            differ_flagged += 1
        else:
            differ_silent += 1
            silent.append(f"{key[:3]} {key[3]}: text {row['amount_printed']!r} OCR {got['amount_printed']!r}")
    pages = len(ocr_read.ocr_pages)
    return {
        "file": source.name,
        "kind": kind,
        "pages": pages,
        "amounts": len(expected),
        "identical": same,
        "differ_flagged": differ_flagged,
        "differ_silent": differ_silent,
        "missing": missing,
        "missing_flagged": missing_flagged,
        "extra": len(
            {key for key, row in read.items() if scanned is None or row.get("page") in set(scanned)} - set(expected)
        ),
        "s_per_page_wall": round(wall / max(pages, 1), 2),
        "s_per_page_cpu": round(cpu / max(pages, 1), 2),
        "load": round(load, 1),
        "silent": silent,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--files", help="file names in data/raw/, comma-separated (default: every PDF)")
    parser.add_argument(
        "--scan",
        default="tables,narrative",
        help="comma-separated, each measured apart: "
        "tables: only the pages printing the compared tables become images (the rest keep their text); "
        f"narrative: only the pages of running text (text, fewer than {NARRATIVE_MAX_RULES} ruling lines); "
        "all: every page is an image",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=ocr.OCR_WORKERS,
        help="processes a document's scanned pages are read in (budgetlens/pdf/ocr.py OCR_WORKERS)",
    )
    args = parser.parse_args()
    ocr.OCR_WORKERS = args.workers
    raw = ROOT / "data" / "raw"
    files = [raw / name for name in args.files.split(",")] if args.files else sorted(raw.glob("*.pdf"))
    print(
        f"load average at start: {' '.join(f'{v:.2f}' for v in os.getloadavg())} on {os.cpu_count()} cores; "
        f"scanned: {args.scan}; OCR workers {args.workers}",
        flush=True,
    )
    results = []
    scopes = args.scan.split(",")
    with tempfile.TemporaryDirectory() as folder:
        for scope in scopes:
            for kind in args.kinds.split(","):
                for source in files:
                    result = compare(source, kind, Path(folder), scope)
                    result["scope"] = scope
                    results.append(result)
                    print(
                        f"{result['file']:<48} {kind:<8} {scope:<9} pages {result['pages']:>3}  "
                        f"amounts {result['amounts']:>4}  identical {result['identical']:>4}  "
                        f"differ+flagged {result['differ_flagged']:>3}  differ silent {result['differ_silent']:>3}  "
                        f"missing {result['missing']:>3} (+{result['missing_flagged']} flagged)  "
                        f"extra {result['extra']:>3}  s/page wall {result['s_per_page_wall']}  "
                        f"cpu {result['s_per_page_cpu']}  load {result['load']}",
                        flush=True,
                    )
                    for line in result["silent"][:12]:
                        print("    ", line, flush=True)
    print(f"\nSummary (load average at end: {' '.join(f'{v:.2f}' for v in os.getloadavg())} on {os.cpu_count()} cores)")
    print(
        f"{'pages scanned':<22} {'copy':<8} {'OCR pages':>9} {'wall s/page':>11} {'CPU s/page':>10} {'amounts':>7} "
        f"{'identical':>15} {'differ flagged':>14} {'differ silent':>13} {'missing flagged':>15} {'missing silent':>14}"
    )
    for scope in scopes:
        for kind in args.kinds.split(","):
            rows = [r for r in results if r["kind"] == kind and r["scope"] == scope]
            total = sum(r["amounts"] for r in rows)
            same = sum(r["identical"] for r in rows)
            pages = sum(r["pages"] for r in rows)
            wall = sum(r["s_per_page_wall"] * r["pages"] for r in rows)
            cpu = sum(r["s_per_page_cpu"] * r["pages"] for r in rows)
            label = {"tables": "table pages", "narrative": "running-text pages", "all": "every page"}[scope]
            print(
                f"{label:<22} {kind:<8} {pages:>9} {wall / max(pages, 1):>11.2f} {cpu / max(pages, 1):>10.2f} "
                f"{total:>7} {f'{same} ({100 * same / max(total, 1):.2f} %)':>15} "
                f"{sum(r['differ_flagged'] for r in rows):>14} {sum(r['differ_silent'] for r in rows):>13} "
                f"{sum(r['missing_flagged'] for r in rows):>15} {sum(r['missing'] for r in rows):>14}"
            )


if __name__ == "__main__":
    main()
