"""Time the ingest of every document in data/raw/: in-process (median of N warm runs, wall and CPU time:
the CPU time does not grow when other work shares the cores) and the CLI as a user runs it (a new
process, imports included). Prints each document's time and pages per second.

.venv/bin/python scripts/bench_ingest.py [--runs 10] [--cli-runs 3] [FILES …]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from budgetlens.pipeline import ingest_any  # noqa: E402


def pages_of(source: Path) -> int | None:
    if source.suffix.lower() != ".pdf":
        return None
    document = pdfium.PdfDocument(source)
    try:
        return len(document)
    finally:
        document.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--cli-runs", type=int, default=3)
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    raw = ROOT / "data" / "raw"
    sources = args.files or sorted(raw.glob("*.pdf")) + sorted(raw.glob("*.txt"))
    print(f"{'document':<48} {'pages':>5} {'in-process ms':>14} {'CPU ms':>7} {'pages/s':>8} {'CLI ms':>8}")
    in_process_pdf = []
    cpu_pdf = []
    cli_pdf = []
    with tempfile.TemporaryDirectory() as out:
        for source in sources:
            ingest_any([source], Path(out))  # warm imports and caches
            warm, cpu = [], []
            for _ in range(args.runs):
                start, start_cpu = time.perf_counter(), time.process_time()
                ingest_any([source], Path(out))
                warm.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            cold = []
            for _ in range(args.cli_runs):
                start = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-m", "budgetlens", "ingest", str(source), "--out", out],
                    check=True,
                    capture_output=True,
                    cwd=ROOT,
                )
                cold.append(time.perf_counter() - start)
            pages = pages_of(source)
            median = statistics.median(warm)
            cli = statistics.median(cold)
            if pages:
                in_process_pdf.append(median)
                cpu_pdf.append(statistics.median(cpu))
                cli_pdf.append(cli)
            rate = f"{pages / median:8.0f}" if pages else f"{'—':>8}"
            print(
                f"{source.stem:<48} {pages or '—':>5} {median * 1000:14.0f} {statistics.median(cpu) * 1000:7.0f} "
                f"{rate} {cli * 1000:8.0f}"
            )
    if in_process_pdf:
        print(
            f"PDFs: median in-process {statistics.median(in_process_pdf) * 1000:.0f} ms per document "
            f"({statistics.median(cpu_pdf) * 1000:.0f} ms of CPU), "
            f"median CLI {statistics.median(cli_pdf) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
