"""Command line: `python -m budgetlens ingest data/raw/<doc_id>.pdf|.txt [B.pdf] [--out data/snapshots] [--live]`,
`python -m budgetlens check DOC_ID`, `python -m budgetlens brief DOC_ID --out FILE.pdf [--snapshots DIR]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from budgetlens.errors import IngestError, SnapshotError
from budgetlens.ingest import Document
from budgetlens.pipeline import check_snapshot, ingest_any


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m budgetlens", description="Budget Lens data tools")
    commands = parser.add_subparsers(dest="command", required=True)
    ingest = commands.add_parser("ingest", help="read a budget document into a snapshot")
    ingest.add_argument(
        "source",
        type=Path,
        nargs="+",
        help="the document: its PDF (or its 说明 PDF and 表 PDF), or its text export data/raw/<doc_id>.txt",
    )
    ingest.add_argument("--out", type=Path, default=Path("data/snapshots"), help="the snapshots folder")
    ingest.add_argument(
        "--workers", type=int, default=None, help="for a folder: documents read at once (default: the cores)"
    )
    ingest.add_argument("--force", action="store_true", help="for a folder: read unchanged documents again too")
    ingest.add_argument(
        "--live",
        action="store_true",
        help="publish by an atomic symlink switch (for a folder a running dashboard reads; docs/OPERATIONS.md)",
    )
    check = commands.add_parser("check", help="re-run every check on a snapshot and print a report")
    check.add_argument("doc_id", help="the snapshot's folder name under --snapshots")
    check.add_argument("--snapshots", type=Path, default=Path("data/snapshots"), help="the snapshots folder")
    check.add_argument("--all", action="store_true", help="list passing checks too")
    brief = commands.add_parser("brief", help="write a document's council briefing (A4 PDF, 2-4 pages)")
    brief.add_argument("doc_id", help="the snapshot's folder name under --snapshots")
    brief.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    brief.add_argument("--snapshots", type=Path, default=Path("data/snapshots"), help="the snapshots folder")
    args = parser.parse_args(argv)

    if args.command == "brief":
        return _brief(args.doc_id, args.out, args.snapshots)

    if args.command == "ingest" and len(args.source) == 1 and args.source[0].is_dir():
        # Imported here: a one-document ingest (a new process each time) does not load the library's modules.
        from budgetlens.library import ingest_library, summary

        outcomes = ingest_library(args.source[0], args.out, workers=args.workers, force=args.force)
        print(summary(outcomes))
        return 1 if any(o.status == "failed" for o in outcomes) else 0
    if args.command == "ingest":
        try:
            result = ingest_any(args.source, args.out, live=args.live)
        except (IngestError, SnapshotError) as err:
            print(f"ingest failed: {' '.join(map(str, args.source))}: {err}", file=sys.stderr)
            print("nothing was written; any previous snapshot is unchanged", file=sys.stderr)
            return 1
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        reading = result.document.tables.get("reading_warnings")
        for message in reading["message"] if reading is not None else []:
            print(f"reading: {message}", file=sys.stderr)  # the reader's own doubts (an unreadable page …)
        if result.aliases is None and isinstance(result.document, Document):
            print(
                "warning: no alias table beside data/raw/ (data/aliases/<doc_id>.csv): "
                "project names in 1-11, 1-12, 1-13 and 1-14 are matched only where they are spelled the same",
                file=sys.stderr,
            )
        failed = result.checks.filter(result.checks["status"] == "fail").height
        print(
            f"wrote {result.path} ({result.files} files, {result.rows} rows); "
            f"{result.checks.height} checks, {failed} fail (python -m budgetlens check {result.path.name})"
        )
        return 0
    try:
        fresh, stored = check_snapshot(args.snapshots / args.doc_id)
    except SnapshotError as err:
        print(f"check could not run: {err}", file=sys.stderr)
        return 1
    from budgetlens.checks.report import render

    print(render(fresh, show_passes=args.all))
    if not fresh.equals(stored):
        print("note: these results differ from the ones stored at ingest: re-run the ingest to refresh checks.parquet")
    return 0


def _brief(doc_id: str, out: Path, snapshots: Path) -> int:
    import time

    from budgetlens.brief import BriefFontError, brief_pdf

    start = time.perf_counter()
    try:
        data = brief_pdf(snapshots, doc_id)
    except (SnapshotError, BriefFontError) as err:
        print(f"brief could not be written: {err}", file=sys.stderr)
        return 1
    out.write_bytes(data)
    print(f"wrote {out} ({len(data):,} bytes) in {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
