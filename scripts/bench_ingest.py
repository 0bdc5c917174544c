"""Time the ingest: in-process (median of N warm runs) and the CLI as a user runs it (cold process).

.venv/bin/python scripts/bench_ingest.py [--runs 10]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from budgetlens.pipeline import ingest_to_snapshot  # noqa: E402

SOURCE = ROOT / "data" / "raw" / "hongshan_kejingju_2023.txt"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        ingest_to_snapshot(SOURCE, Path(out))  # warm imports and caches
        warm = []
        for _ in range(args.runs):
            start = time.perf_counter()
            ingest_to_snapshot(SOURCE, Path(out))
            warm.append(time.perf_counter() - start)
        cold = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "budgetlens", "ingest", str(SOURCE), "--out", out],
                check=True,
                capture_output=True,
                cwd=ROOT,
            )
            cold.append(time.perf_counter() - start)
    print(f"ingest in-process, median of {args.runs} warm runs: {statistics.median(warm) * 1000:.0f} ms")
    print(f"ingest CLI (new python process, imports included), median of 3: {statistics.median(cold) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
