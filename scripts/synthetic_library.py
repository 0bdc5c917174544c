"""Build a synthetic library of N documents from the shipped PDFs, to measure the library at scale.

.venv/bin/python scripts/synthetic_library.py --count 1000 --out artifacts/synthetic
    -> artifacts/synthetic/raw/synthetic_NNNN_<slug>.pdf  (copies of data/raw/*.pdf, each with a distinct byte
       comment after its %%EOF so every file has its own sha256)
    -> artifacts/synthetic/snapshots/                     (the batch ingest of that folder, timed)
Every snapshot is then labelled synthetic: its manifest says `"synthetic": true`, its department gets a
number (部门名（合成017）) so there are many departments, and its year moves by -1, 0 or +1 so departments
span years. The tables inside keep the real document's figures and years: this library is for measuring
time and memory, never for reading. It is never committed.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from budgetlens.library import ingest_library, write_catalogue  # noqa: E402
from budgetlens.store import MANIFEST, list_snapshots  # noqa: E402

DEPARTMENTS = 170  # distinct synthetic departments


def build_raw(count: int, raw: Path) -> None:
    raw.mkdir(parents=True, exist_ok=True)
    sources = sorted((ROOT / "data" / "raw").glob("*.pdf"))
    for i in range(count):
        source = sources[i % len(sources)]
        target = raw / f"synthetic_{i:04d}_{source.stem}.pdf"
        if not target.exists():
            target.write_bytes(source.read_bytes() + f"% synthetic copy {i}\n".encode())


def label(snapshots: Path, sources: int) -> None:
    for folder in list_snapshots(snapshots):
        number = int(folder.name.split("_")[1])
        path = folder / MANIFEST
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if manifest.get("synthetic"):
            continue
        group = (number // sources) % DEPARTMENTS
        manifest["department_name"] = f"{manifest['department_name']}（合成{group:03d}）"
        manifest["budget_year"] = manifest["budget_year"] + (number // (sources * DEPARTMENTS)) % 3 - 1
        manifest["synthetic"] = True
        path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "synthetic")  # ignored by git
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    raw, snapshots = args.out / "raw", args.out / "snapshots"
    build_raw(args.count, raw)
    start = time.perf_counter()
    outcomes = ingest_library(raw, snapshots, workers=args.workers)
    ingest_seconds = time.perf_counter() - start
    failed = [o for o in outcomes if o.status == "failed"]
    sources = len(list((ROOT / "data" / "raw").glob("*.pdf")))
    label(snapshots, sources)
    start = time.perf_counter()
    catalogue = write_catalogue(snapshots)
    catalogue_seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    size_mib = sum(p.stat().st_size for p in snapshots.rglob("*") if p.is_file()) / 2**20
    print(
        f"{args.count} documents: batch ingest {ingest_seconds:.1f} s "
        f"({ingest_seconds / max(args.count, 1) * 1000:.0f} ms a document on {args.workers or 'all'} workers), "
        f"{len(failed)} failed; catalogue of {catalogue.height} rows and its breakdowns {catalogue_seconds:.1f} s; "
        f"{catalogue['department_key'].n_unique()} departments over {catalogue['budget_year'].n_unique()} years; "
        f"snapshots {size_mib:.0f} MiB on disk; peak RSS {peak_mib:.0f} MiB here, {children_mib:.0f} MiB per worker"
    )


if __name__ == "__main__":
    main()
