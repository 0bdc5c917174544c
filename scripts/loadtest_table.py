"""The load-test table of docs/OPERATIONS.md: 1, 10 and 50 sessions, directly and through nginx with two replicas.

    python scripts/loadtest_table.py [--sessions 1 10 50] [--json artifacts/loadtest.json]

Every row starts its servers afresh (one replica on its own, or two behind nginx via
scripts/serve_cluster.py), warms each replica with one session, then runs scripts/loadtest.py's
sessions and stops the servers. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import loadtest
import serve_cluster


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def one_row(sessions: int, behind_nginx: bool) -> dict:
    runtime = Path(tempfile.mkdtemp(prefix="budgetlens-load-"))
    replica_ports = [free_port(), free_port()] if behind_nginx else [free_port()]
    if behind_nginx:
        cluster = serve_cluster.start_cluster(free_port(), replica_ports, runtime)
    else:
        cluster = serve_cluster.start_replicas(replica_ports, runtime)
    try:
        report = asyncio.run(
            loadtest.run_load(cluster.url, sessions, cluster.replica_pids, 60, 900, warm=cluster.replica_urls)
        )
    finally:
        cluster.stop()
    report["setup"] = "nginx, 2 replicas" if behind_nginx else "direct, 1 process"
    return report


def table(reports: list[dict]) -> str:
    """Two Markdown tables: one row per test, then p50/p95 per page with one column per test."""
    lines = [
        "| setup | sessions | page runs | errors | wall s | p50 / p95 ms (all runs) "
        "| server RSS MiB: warm → with sessions (peak) | MiB per session |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for report in reports:
        overall = report["all_runs"]
        lines.append(
            f"| {report['setup']} | {report['sessions']} | {report['runs']} | {len(report['errors'])} | "
            f"{report['wall_s']} | {overall['p50_ms']} / {overall['p95_ms']} | "
            f"{report['rss_before_mib']} → {report['rss_held_mib']} ({report['rss_peak_mib']}) | "
            f"{report['mib_per_session']} |"
        )
    lines += ["", "p50 / p95 ms per page:", ""]
    heads = [f"{'direct' if r['setup'].startswith('direct') else 'nginx'} ×{r['sessions']}" for r in reports]
    lines.append("| page | " + " | ".join(heads) + " |")
    lines.append("| --- |" + " ---: |" * len(reports))
    for page in reports[0]["pages"]:
        cells = [f"{r['pages'][page]['p50_ms']} / {r['pages'][page]['p95_ms']}" for r in reports]
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    reports = []
    for behind_nginx in (False, True):
        for sessions in args.sessions:
            report = one_row(sessions, behind_nginx)
            print(f"{report['setup']}, {sessions} sessions: {len(report['errors'])} errors", flush=True)
            for error in report["errors"][:10]:
                print(f"  {error}", flush=True)
            reports.append(report)
    print(table(reports))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(reports, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 1 if any(report["errors"] for report in reports) else 0


if __name__ == "__main__":
    sys.exit(main())
