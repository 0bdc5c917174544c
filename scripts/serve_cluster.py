"""Run the dashboard as several replicas on loopback behind nginx, as on a public server.

    python scripts/serve_cluster.py [--replicas 2] [--port 8080] [--first-replica-port 8601]

Each replica is `scripts/serve.py` in hosted mode on 127.0.0.1; all share one
`server.cookieSecret` (from STREAMLIT_SERVER_COOKIE_SECRET, or a random one for this run), so a
cookie one replica signs is valid on the others. nginx runs deploy/nginx/budgetlens.conf with the
ports filled in, in its own folder (config, logs, temp files, pids.json). Ctrl-C stops everything.
docs/OPERATIONS.md describes the production setup this mirrors; tests/test_deployment.py tests it.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_CONFIG = ROOT / "deploy" / "nginx" / "budgetlens.conf"
NGINX = "/usr/sbin/nginx"

MAIN_CONFIG = """\
worker_processes 1;
pid {runtime}/nginx.pid;
error_log {runtime}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {runtime}/client_body;
    proxy_temp_path {runtime}/proxy;
    fastcgi_temp_path {runtime}/fastcgi;
    uwsgi_temp_path {runtime}/uwsgi;
    scgi_temp_path {runtime}/scgi;
    include {runtime}/budgetlens.conf;
    # After the include: the route key is defined there. Tests read this log to see stickiness.
    log_format routes '$bl_route $upstream_addr $status "$request"';
    access_log {runtime}/access.log routes;
}}
"""


@dataclass
class Cluster:
    url: str  # where readers connect: nginx, or the one replica when there is no proxy
    replica_urls: list[str]
    runtime: Path
    replicas: list[subprocess.Popen] = field(default_factory=list)
    proxy: subprocess.Popen | None = None

    @property
    def replica_pids(self) -> list[int]:
        return [process.pid for process in self.replicas]

    def stop(self) -> None:
        processes = [self.proxy, *self.replicas] if self.proxy else self.replicas
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def wait_healthy(url: str, process: subprocess.Popen, seconds: float = 180) -> None:
    """Until the server answers its health check (a replica does once it has warmed, components/warm.py)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the process exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{url}: no healthy answer within {seconds:.0f} s")


def render_site_config(listen: str, replica_ports: list[int]) -> str:
    upstreams = "\n".join(f"    server 127.0.0.1:{port} max_fails=0;" for port in replica_ports)
    text = SITE_CONFIG.read_text(encoding="utf-8")
    return text.replace("    listen @LISTEN@;", f"    listen {listen};").replace("\n@REPLICAS@\n", f"\n{upstreams}\n")


def start_replicas(replica_ports: list[int], runtime: Path, settings: dict[str, str] | None = None) -> Cluster:
    """Streamlit replicas on loopback in hosted mode, sharing one cookie secret; waits until each is healthy."""
    runtime.mkdir(parents=True, exist_ok=True)
    secret = os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET") or secrets.token_hex(32)
    env = {**os.environ, **(settings or {}), "STREAMLIT_SERVER_COOKIE_SECRET": secret, "PYTHONUNBUFFERED": "1"}
    urls = [f"http://127.0.0.1:{port}" for port in replica_ports]
    cluster = Cluster(urls[0], urls, runtime)
    try:
        for port in replica_ports:
            command = [sys.executable, str(ROOT / "scripts" / "serve.py"), "--server.port", str(port)]
            command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
            with open(runtime / f"replica-{port}.log", "wb") as log:  # the child keeps its own handle
                cluster.replicas.append(
                    subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
                )
        for url, process in zip(urls, cluster.replicas, strict=True):
            wait_healthy(url, process)
    except BaseException:
        cluster.stop()
        raise
    return cluster


def start_cluster(
    port: int,
    replica_ports: list[int],
    runtime: Path | None = None,
    *,
    settings: dict[str, str] | None = None,
    stream_timeout: str = "1h",
) -> Cluster:
    """The replicas, then nginx on 127.0.0.1:port in front of them; writes pids.json in the runtime folder.

    `settings` (STREAMLIT_* environment variables) and `stream_timeout` (the websocket's proxy
    timeouts) exist for tests that shorten the clock; production uses the file as it is.
    """
    runtime = runtime or Path(tempfile.mkdtemp(prefix="budgetlens-cluster-"))
    cluster = start_replicas(replica_ports, runtime, settings)
    try:
        site = render_site_config(f"127.0.0.1:{port}", replica_ports)
        if stream_timeout != "1h":
            site = site.replace("proxy_read_timeout 1h;", f"proxy_read_timeout {stream_timeout};")
            site = site.replace("proxy_send_timeout 1h;", f"proxy_send_timeout {stream_timeout};")
        (runtime / "budgetlens.conf").write_text(site)
        (runtime / "nginx.conf").write_text(MAIN_CONFIG.format(runtime=runtime))
        nginx = [NGINX, "-p", str(runtime), "-c", str(runtime / "nginx.conf"), "-e", str(runtime / "error.log")]
        subprocess.run([*nginx, "-t", "-q"], check=True)
        cluster.proxy = subprocess.Popen([*nginx, "-g", "daemon off;"])
        cluster.url = f"http://127.0.0.1:{port}"
        wait_healthy(cluster.url, cluster.proxy)
    except BaseException:
        cluster.stop()
        raise
    (runtime / "pids.json").write_text(
        json.dumps({"nginx": cluster.proxy.pid, "replicas": cluster.replica_pids}, indent=2) + "\n"
    )
    return cluster


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080, help="where nginx listens (127.0.0.1)")
    parser.add_argument("--first-replica-port", type=int, default=8601)
    parser.add_argument("--runtime", type=Path, help="folder for nginx's config, logs and pids.json")
    args = parser.parse_args(argv)
    ports = [args.first_replica_port + index for index in range(args.replicas)]
    cluster = start_cluster(args.port, ports, args.runtime)
    print(f"Budget Lens on {cluster.url} (nginx) over {', '.join(cluster.replica_urls)}")
    print(f"pids: {cluster.runtime / 'pids.json'}; logs: {cluster.runtime}")
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})  # after the children started
    try:
        signal.sigwait({signal.SIGINT, signal.SIGTERM})
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
