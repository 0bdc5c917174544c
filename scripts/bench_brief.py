"""Time the council briefing per document: `python scripts/bench_brief.py [--repeats 3] [DOC_ID ...]`.

Prints, per document in data/snapshots (or those named), the median seconds of building its brief from the
snapshot folder (load, content, PDF with the font subset) in this one process, as CPU time (time.process_time)
and as wall time, the PDF's size and pages. The first document's figure also pays the imports (fpdf2,
fontTools): printed separately.
`--at-most SECONDS` exits with status 1 when a document's median CPU time is over it (the aim: 2 s). CPU time,
not wall time: on a machine shared by other jobs the wall time mostly measures waiting for a core (at load 28 on
two cores a 0.5 s build takes 6 s of wall time). tests/test_brief.py does not time the build, since a timed test
fails whenever the machine is busy.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("doc_ids", nargs="*")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--snapshots", type=Path, default=ROOT / "data" / "snapshots")
    parser.add_argument("--at-most", type=float, help="seconds a document's median may take; over it, exit 1")
    args = parser.parse_args()
    start = time.perf_counter()
    import pypdfium2 as pdfium

    from budgetlens.brief import brief_pdf
    from budgetlens.store import list_snapshots

    print(f"imports: {time.perf_counter() - start:.2f} s")
    doc_ids = args.doc_ids or [folder.name for folder in list_snapshots(args.snapshots)]
    too_slow = []
    for doc_id in doc_ids:
        times, cpu = [], []
        for _ in range(args.repeats):
            began, began_cpu = time.perf_counter(), time.process_time()
            data = brief_pdf(args.snapshots, doc_id)
            times.append(time.perf_counter() - began)
            cpu.append(time.process_time() - began_cpu)
        print(
            f"{doc_id:<48} CPU median {statistics.median(cpu):.2f} s (max {max(cpu):.2f}), "
            f"wall median {statistics.median(times):.2f} s, {len(data):,} bytes, {len(pdfium.PdfDocument(data))} pages"
        )
        if args.at_most is not None and statistics.median(cpu) > args.at_most:
            too_slow.append(doc_id)
    if too_slow:
        print(f"over {args.at_most} s: {', '.join(too_slow)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
