"""Command line: `python -m budgetlens ingest data/raw/<doc_id>.txt [--out data/snapshots]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from budgetlens.errors import IngestError, SnapshotError
from budgetlens.pipeline import ingest_to_snapshot


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m budgetlens", description="Budget Lens data tools")
    commands = parser.add_subparsers(dest="command", required=True)
    ingest = commands.add_parser("ingest", help="read a budget document into a snapshot")
    ingest.add_argument("source", type=Path, help="the document's text export, data/raw/<doc_id>.txt")
    ingest.add_argument("--out", type=Path, default=Path("data/snapshots"), help="the snapshots folder")
    args = parser.parse_args(argv)

    if args.command == "ingest":
        try:
            result = ingest_to_snapshot(args.source, args.out)
        except (IngestError, SnapshotError) as err:
            print(f"ingest failed: {args.source}: {err}", file=sys.stderr)
            print("nothing was written; any previous snapshot is unchanged", file=sys.stderr)
            return 1
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        print(f"wrote {result.path} ({result.files} files, {result.rows} rows)")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
