"""Load test: N concurrent sessions against a running dashboard, speaking Streamlit's own protocol.

    python scripts/loadtest.py http://127.0.0.1:8501 --sessions 10 [--pid 1234 ...] [--json out.json]
    python scripts/loadtest.py --serve 2 --sessions 50 --p95-at-most 1.0      # starts and stops its own servers
    python scripts/loadtest.py --serve 1 --snapshots artifacts/synthetic/snapshots --sessions 20 --cold

`--serve N` starts N replicas of scripts/serve.py on free ports (N > 1: behind nginx, as
scripts/serve_cluster.py --replicas N does), measures their memory, and stops them at the end;
`--snapshots` serves another snapshots folder (the synthetic library); `--cold` skips the warm-up
session, so the sessions are the first visits after the servers started; `--p95-at-most S` exits 1
when the p95 over every run is above S seconds (docs/SPEED.md has the goals and the commands).

Each session does what a reader does: GET / (and keeps the cookies, e.g. the proxy's sticky-route
cookie), opens the websocket `/_stcore/stream`, runs the default page, then for every page of the
navigation opens it and changes one filter (a rerun with the filter's value, the same run a widget
change causes; the filters are URL-backed, see components/state.py). A step is timed from the
message sent to `script_finished`, and the bytes the server sent over the websocket for it are
counted. An error is: a run that does not finish within --step-timeout, a finish status other than
success, an exception element, an error alert, "page not found", or a closed connection.

Sessions stay connected until all are done, so the server's resident memory is measured with N
live sessions. Before the measurement one session runs alone against the url (or each `--warm`
address, e.g. every replica behind a proxy), so the baseline is a warm server. `--pid` names the
server processes whose RSS is summed (a replica behind nginx is one process each).

No outside service: the websockets client that Streamlit itself depends on, and its protobufs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

# One filter per page, as a reader would change it (values from the first document; for another
# document the page shows its default view with a notice, which is still a full run).
FILTER_CHANGE = {
    "": "kinds=部门预算",  # the default page, 文件库, served at "/"
    "compare": "view=function",
    "department": "",
    "overview": "",
    "function": "measure=basic_wan&node=206",
    "economic": "measure=personnel_wan",
    "three-public": "",
    "projects": "unit=发展规划与政策法规科",
    "indicators": "scope=project",
    "purchases": "of=国家示范基地管理费",
    "changes": "view=projects&pair=2021-2022",  # the long pages: the reader opens another part
    "checks": "view=all&status=fail",
    "data": "table=s07_three_public",
}


@dataclass
class Step:
    page: str
    kind: str  # "open" or "filter"
    seconds: float
    error: str | None = None
    cpu_seconds: float | None = None  # the servers' CPU over the run, when the session ran alone (--solo)
    bytes_received: int = 0  # what the server sent over the websocket for the run (its messages, as framed)


@dataclass
class SessionResult:
    steps: list[Step] = field(default_factory=list)
    error: str | None = None  # a failure that ended the session early


def rss_kib(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def cpu_seconds(pids: list[int]) -> float:
    """CPU seconds the server processes have used so far, every thread's (those that ended too), to the
    nanosecond: Linux's per-process CPU clock (/proc's figures count in 10 ms ticks, too coarse for one run)."""
    try:
        return sum(time.clock_gettime(((~pid) << 3) | 2) for pid in pids)  # MAKE_PROCESS_CPUCLOCK(pid, SCHED)
    except OSError:
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in pids:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        return total / ticks


def _cookies(base: str) -> str:
    with urllib.request.urlopen(base + "/", timeout=30) as response:
        response.read()
        pairs = [header.split(";", 1)[0] for header in response.headers.get_all("Set-Cookie") or []]
    return "; ".join(pairs)


def _rerun(query: str, page_hash: str = "", page_name: str = "") -> bytes:
    message = BackMsg()
    state = message.rerun_script
    state.query_string = query
    state.page_script_hash = page_hash
    state.page_name = page_name
    state.widget_states.SetInParent()
    return message.SerializeToString()


def _problem(message: ForwardMsg) -> str | None:
    kind = message.WhichOneof("type")
    if kind == "page_not_found":
        return "page not found"
    if kind == "script_finished" and message.script_finished not in (
        ForwardMsg.FINISHED_SUCCESSFULLY,
        ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
    ):
        return f"script finished with status {message.script_finished}"
    if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
        element = message.delta.new_element
        which = element.WhichOneof("type")
        if which == "exception":
            return f"exception: {element.exception.type}: {element.exception.message[:200]}"
        if which == "alert" and element.alert.format == element.alert.ERROR:
            return f"error message: {element.alert.body[:200]}"
    return None


SETTLE_SECONDS = 0.03  # --solo: wait this long around a run before reading the servers' CPU clocks


class Session:
    def __init__(self, base: str, step_timeout: float, cpu_of: list[int] | None = None):
        self.base = base.rstrip("/")
        self.step_timeout = step_timeout
        self.cpu_of = cpu_of  # measure each run's server CPU (the session runs alone)
        self.pages: list[tuple[str, str]] = []  # (url_pathname, page_script_hash)
        self.result = SessionResult()
        self.finished = asyncio.Event()  # every step done (or the session failed)

    async def run(self, hold: asyncio.Event) -> SessionResult:
        try:
            cookie = await asyncio.to_thread(_cookies, self.base)
            ws_url = self.base.replace("http", "ws", 1) + "/_stcore/stream"
            headers = {"Cookie": cookie} if cookie else {}
            async with connect(
                ws_url, subprotocols=["streamlit"], additional_headers=headers, max_size=2**26, open_timeout=30
            ) as socket:
                self.socket = socket
                await self._step("(first load)", "open", _rerun(""))
                if not self.pages:
                    raise RuntimeError("the server sent no page list")
                for path, page_hash in self.pages:
                    await self._step(path, "open", _rerun("", page_hash=page_hash))
                    query = FILTER_CHANGE.get(path, "")
                    if query:
                        await self._step(path, "filter", _rerun(urllib.parse.quote(query, safe="=&"), page_hash))
                self.finished.set()
                await hold.wait()
        except Exception as err:  # any failure is a result to report, not a crash
            self.result.error = f"{type(err).__name__}: {err}"
            self.finished.set()
        return self.result

    async def _step(self, page: str, kind: str, message: bytes) -> None:
        if self.cpu_of is not None:  # alone on the server: what this run costs it, read before and after
            await asyncio.sleep(SETTLE_SECONDS)  # the last run's leftovers (its thread ending) stay with it
            cpu_before = cpu_seconds(self.cpu_of)
        started = time.perf_counter()
        await self.socket.send(message)
        error = None
        received = 0
        try:
            async with asyncio.timeout(self.step_timeout):
                while True:
                    incoming = ForwardMsg()
                    payload = await self.socket.recv()
                    received += len(payload)
                    incoming.ParseFromString(payload)
                    kind_received = incoming.WhichOneof("type")
                    if kind_received == "navigation" and not self.pages:
                        # url_pathname "" is the default page, served at "/"
                        self.pages = [(p.url_pathname, p.page_script_hash) for p in incoming.navigation.app_pages]
                    error = error or _problem(incoming)
                    if kind_received == "script_finished":
                        if incoming.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                            continue
                        break
        except TimeoutError:
            error = f"no script_finished within {self.step_timeout:.0f} s"
        seconds = time.perf_counter() - started
        cpu = None
        if self.cpu_of is not None:
            await asyncio.sleep(SETTLE_SECONDS)
            cpu = cpu_seconds(self.cpu_of) - cpu_before
        self.result.steps.append(Step(page, kind, seconds, error, cpu, received))


async def solo_cpu(
    base: str, pids: list[int], step_timeout: float, rounds: int
) -> tuple[dict[str, float], dict[str, int]]:
    """Each page run's server CPU in milliseconds, median of `rounds` sessions run one at a time (nothing else on
    the servers: what one visitor's run costs them, run by run), and the bytes it sent (the last session's). A failed
    run is left out."""
    spent: dict[str, list[float]] = {}
    sent: dict[str, int] = {}
    done = asyncio.Event()
    done.set()
    for _ in range(rounds):
        result = await Session(base, step_timeout, cpu_of=pids).run(done)
        for step in result.steps:
            if step.cpu_seconds is not None and not step.error:
                name = step.page if step.kind == "open" else f"{step.page} ?{FILTER_CHANGE.get(step.page, '')}"
                spent.setdefault(name, []).append(step.cpu_seconds * 1000)
                sent[name] = step.bytes_received
    return {name: round(statistics.median(values), 2) for name, values in spent.items()}, sent


async def run_load(
    base: str,
    sessions: int,
    pids: list[int],
    step_timeout: float,
    deadline: float,
    warm: list[str] | None = None,
    solo_rounds: int = 0,
) -> dict:
    warmed = asyncio.Event()
    warmed.set()
    for url in [base] if warm is None else warm:  # loads the snapshots, so the baseline is a warm server ([]: cold)
        await Session(url, step_timeout).run(warmed)
    solo, solo_sent = await solo_cpu(base, pids, step_timeout, solo_rounds) if solo_rounds and pids else (None, {})
    hold = asyncio.Event()
    workers = [Session(base, step_timeout) for _ in range(sessions)]
    peak = 0
    rss_before = rss_kib(pids) if pids else 0
    cpu_before = cpu_seconds(pids) if pids else 0.0

    async def sample() -> None:
        nonlocal peak
        while True:
            peak = max(peak, rss_kib(pids))
            await asyncio.sleep(0.25)

    sampler = asyncio.create_task(sample()) if pids else None
    started = time.perf_counter()
    client_cpu_before = time.process_time()
    tasks = [asyncio.create_task(worker.run(hold)) for worker in workers]

    async def all_steps_done() -> None:
        await asyncio.gather(*(worker.finished.wait() for worker in workers))

    timed_out = False
    try:
        await asyncio.wait_for(all_steps_done(), timeout=deadline)
    except TimeoutError:
        timed_out = True
    wall = time.perf_counter() - started
    client_cpu = time.process_time() - client_cpu_before  # this client shares the machine with the servers
    rss_held = rss_kib(pids) if pids else 0
    server_cpu = cpu_seconds(pids) - cpu_before if pids else None
    hold.set()
    results = await asyncio.gather(*tasks)
    if sampler:
        sampler.cancel()
    report = summarise(results, sessions, wall, timed_out, rss_before, rss_held, peak)
    report["client_cpu_s"] = round(client_cpu, 1)
    if solo is not None:
        report["solo_rounds"] = solo_rounds
        report["solo_cpu_ms"] = solo
        report["solo_cpu_ms_sum"] = round(sum(solo.values()), 1)
        report["solo_bytes"] = solo_sent
        report["solo_bytes_sum"] = sum(solo_sent.values())
    if server_cpu is not None:  # what the servers spent: a figure other work on the machine does not inflate much
        report["server_cpu_s"] = round(server_cpu, 1)
        report["server_cpu_ms_per_run"] = round(server_cpu * 1000 / max(report["runs"], 1), 1)
    return report


def summarise(
    results: list[SessionResult], sessions: int, wall: float, timed_out: bool, rss_before: int, rss_held: int, peak: int
) -> dict:
    per_page: dict[str, list[float]] = {}
    errors: list[str] = []
    for result in results:
        if result.error:
            errors.append(result.error)
        for step in result.steps:
            per_page.setdefault(step.page, []).append(step.seconds)
            if step.error:
                errors.append(f"{step.page} ({step.kind}): {step.error}")
    if timed_out:
        errors.append("the test did not finish within its deadline")

    def quantile(values: list[float], q: float) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    every_run = [seconds for times in per_page.values() for seconds in times]
    overall = (
        {"p50_ms": round(statistics.median(every_run) * 1000), "p95_ms": round(quantile(every_run, 0.95) * 1000)}
        if every_run
        else {}
    )
    pages = {
        page: {
            "runs": len(times),
            "p50_ms": round(statistics.median(times) * 1000),
            "p95_ms": round(quantile(times, 0.95) * 1000),
        }
        for page, times in per_page.items()
    }
    runs = sum(len(r.steps) for r in results)
    return {
        "sessions": sessions,
        "wall_s": round(wall, 1),
        "runs": runs,
        "bytes_per_run": round(sum(step.bytes_received for r in results for step in r.steps) / max(runs, 1)),
        "errors": errors,
        "pages": pages,
        "all_runs": overall,
        "rss_before_mib": round(rss_before / 1024, 1),
        "rss_held_mib": round(rss_held / 1024, 1),
        "rss_peak_mib": round(peak / 1024, 1),
        "mib_per_session": round((rss_held - rss_before) / 1024 / sessions, 2) if rss_before else None,
    }


def print_report(report: dict) -> None:
    overall = report["all_runs"]
    print(
        f"sessions {report['sessions']}: {report['runs']} runs in {report['wall_s']} s, {len(report['errors'])} errors"
        + (f"; p50 {overall['p50_ms']} ms, p95 {overall['p95_ms']} ms" if overall else "")
        + (f" ({report['setup']}{', cold' if report.get('cold') else ', warmed first'})" if "setup" in report else "")
    )
    for error in report["errors"][:20]:
        print(f"  error: {error}")
    print(f"{'page':<14}{'runs':>6}{'p50 ms':>9}{'p95 ms':>9}")
    for page, figures in report["pages"].items():
        print(f"{page:<14}{figures['runs']:>6}{figures['p50_ms']:>9}{figures['p95_ms']:>9}")
    if "server_cpu_s" in report:
        print(f"server CPU: {report['server_cpu_s']} s, {report['server_cpu_ms_per_run']} ms a page run")
    print(f"sent over the websocket: {report['bytes_per_run']:,} bytes a page run (mean)")
    if "solo_cpu_ms" in report:
        print(f"server CPU a run, one session alone (median of {report['solo_rounds']} sessions, ms), bytes it sent:")
        for page, milliseconds in report["solo_cpu_ms"].items():
            print(f"  {page or '(default page)':<44}{milliseconds:>8.2f}{report['solo_bytes'].get(page, 0):>10,}")
        summed = f"{report['solo_cpu_ms_sum']:>8.1f}{report['solo_bytes_sum']:>10,}"
        print(f"  {'every run of a session, summed':<44}{summed}")
    if "client_cpu_s" in report:
        print(f"this client's CPU: {report['client_cpu_s']} s (on the same machine as the servers, when local)")
    if report["rss_before_mib"]:
        print(
            f"server RSS: {report['rss_before_mib']} MiB before, {report['rss_held_mib']} MiB with every session "
            f"connected (peak {report['rss_peak_mib']}), {report['mib_per_session']} MiB per session"
        )


def served(replicas: int, snapshots: Path | None, first_port: int | None = None):
    """`replicas` fresh servers (behind nginx when more than one) on free ports (or on `first_port` and the ports
    after it: the proxy first, then the replicas), healthy, as a Cluster."""
    import socket
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import serve_cluster

    def free_port() -> int:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]

    settings = {"BUDGETLENS_SNAPSHOTS": str(snapshots.resolve())} if snapshots else None
    runtime = Path(tempfile.mkdtemp(prefix="budgetlens-load-"))
    if first_port is not None:
        proxy_port, ports = first_port, [first_port + 1 + index for index in range(replicas)]
    else:
        proxy_port, ports = free_port(), [free_port() for _ in range(replicas)]
    if replicas > 1:
        return serve_cluster.start_cluster(proxy_port, ports, runtime, settings=settings)
    return serve_cluster.start_replicas(ports, runtime, settings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", help="the dashboard's address, e.g. http://127.0.0.1:8501 (or --serve)")
    parser.add_argument("--serve", type=int, metavar="REPLICAS", help="start this many servers, test them, stop them")
    parser.add_argument("--first-port", type=int, help="with --serve: use this port and the next ones (default: free)")
    parser.add_argument("--snapshots", type=Path, help="with --serve: the snapshots folder the servers read")
    parser.add_argument("--cold", action="store_true", help="no warm-up session: the first visits after a start")
    parser.add_argument("--p95-at-most", type=float, metavar="SECONDS", help="exit 1 when the p95 is above this")
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--pid", type=int, action="append", default=[], help="a server process to measure (repeat)")
    parser.add_argument("--step-timeout", type=float, default=60.0, help="seconds one page run may take")
    parser.add_argument("--deadline", type=float, default=600.0, help="seconds the whole test may take")
    parser.add_argument(
        "--warm", action="append", default=[], help="warm up this address first (repeat; default: the url)"
    )
    parser.add_argument(
        "--solo",
        type=int,
        default=0,
        metavar="ROUNDS",
        help="before the load, this many sessions one at a time: each page run's server CPU (median) and bytes sent",
    )
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    if bool(args.url) == bool(args.serve):
        parser.error("give the url of a running server or --serve N, one of the two")
    cluster = served(args.serve, args.snapshots, args.first_port) if args.serve else None
    try:
        url = cluster.url if cluster else args.url
        pids = args.pid or (cluster.replica_pids if cluster else [])
        warm = [] if args.cold else (args.warm or (cluster.replica_urls if cluster else None))
        report = asyncio.run(run_load(url, args.sessions, pids, args.step_timeout, args.deadline, warm, args.solo))
    finally:
        if cluster:
            cluster.stop()
    if cluster:
        report["setup"] = f"{args.serve} replica{'s behind nginx' if args.serve > 1 else ''}" + (
            f", {args.snapshots}" if args.snapshots else ""
        )
    report["cold"] = args.cold
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    too_slow = args.p95_at_most is not None and report["all_runs"].get("p95_ms", 0) > args.p95_at_most * 1000
    if too_slow:
        print(f"p95 {report['all_runs']['p95_ms']} ms is above the goal of {args.p95_at_most * 1000:.0f} ms")
    return 1 if report["errors"] or too_slow else 0


if __name__ == "__main__":
    sys.exit(main())
