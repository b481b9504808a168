"""Mixed load on one ``diplokg serve``: do cheap queries stay fast while heavy ones run?

Bounded and loopback only. It starts the server on 127.0.0.1 (bundled data, a built store, or
synthetic data it generates), then:

1. idle: one client asks the cheap saved queries for --idle-seconds: their idle p50/p99;
2. load: --clients concurrent clients (8 to 32) for --seconds (at most 300): a share of them
   (--heavy-share) ask heavy saved queries back to back, the others ask cheap ones with
   --think-ms between requests; one more, greedy client keeps its concurrency limit + 2 requests in
   flight from a single address and retries a 429 after 0.1 s, whatever Retry-After says. Each
   client has its own loopback address (127.0.0.N), as distinct users would, so per-client limits
   apply as they do in production.

It prints throughput, cheap-query p50/p99 idle and under load (goal: p99 under load at most 10x
idle), error counts per role and status, and whether every 429 carried Retry-After; --json writes
the same. Run it with scripts/load (sets everything up):

    scripts/load [--triples 100000 | --store DIR] [--clients 16] [--seconds 60] [--json FILE]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from saved_texts import bench_queries

REPO = Path(__file__).resolve().parents[1]
CHEAP = ("evidence-for-a-fact", "relations-of-a-state", "heads-of-mission-on-date", "state-identifiers")
HEAVY = ("organisations-in-relations", "event-participants", "events-per-year", "bilateral-timeline")
ACCEPT = "application/sparql-results+json"
GOAL_RATIO = 10.0
CLIENT_CONCURRENCY = 4  # the server's default --client-concurrency


@dataclass
class Sample:
    role: str
    slug: str
    status: int
    ms: float
    retry_after: bool
    at: float  # seconds since the phase started, when the request was sent


@dataclass
class Phase:
    seconds: float
    samples: list[Sample] = field(default_factory=list)

    def of(self, role: str, status: int | None = 200) -> list[Sample]:
        return [s for s in self.samples if s.role == role and (status is None or s.status == status)]


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class Client:
    """One keep-alive HTTP connection from a given loopback address."""

    def __init__(self, port: int, address: str, timeout: float) -> None:
        self.port, self.address, self.timeout = port, address, timeout
        self.conn = self._connect()

    def _connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout,
                                          source_address=(self.address, 0))

    def query(self, text: str) -> tuple[int, bool]:
        body = urlencode({"query": text})
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT}
        for attempt in range(2):
            try:
                self.conn.request("POST", "/sparql", body=body, headers=headers)
                response = self.conn.getresponse()
                response.read()
                if response.getheader("connection", "").lower() == "close":
                    self.reconnect()
                return response.status, response.getheader("retry-after") is not None
            except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected,
                    http.client.CannotSendRequest):
                self.reconnect()  # an idle keep-alive connection was closed: retry once, as clients do
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def reconnect(self) -> None:
        self.conn.close()
        self.conn = self._connect()

    def close(self) -> None:
        self.conn.close()


def run_client(role: str, port: int, address: str, queries: list[tuple[str, str]], stop_at: float, think: float,
               timeout: float, out: list[Sample], offset: int, started: float) -> None:
    client = Client(port, address, timeout)
    i = offset
    try:
        while time.perf_counter() < stop_at:
            slug, text = queries[i % len(queries)]
            i += 1
            start = time.perf_counter()
            try:
                status, retry_after = client.query(text)
            except (OSError, http.client.HTTPException):
                status, retry_after = 0, False  # connection failure: counted as status 0
                client.reconnect()
            out.append(Sample(role, slug, status, (time.perf_counter() - start) * 1000, retry_after, start - started))
            if think:
                time.sleep(think)
            elif status == 429:
                time.sleep(0.1)  # the greedy client retries after 0.1 s, whatever Retry-After says
    finally:
        client.close()


def phase(port: int, plan: list[tuple[str, str, list[tuple[str, str]], float]], seconds: float,
          timeout: float) -> Phase:
    """Run every (role, address, queries, think seconds) client of ``plan`` for ``seconds``."""
    result = Phase(seconds)
    start = time.perf_counter()
    stop_at = start + seconds
    threads = [threading.Thread(target=run_client, args=(role, port, address, queries, stop_at, think, timeout,
                                                         result.samples, n, start), daemon=True)
               for n, (role, address, queries, think) in enumerate(plan)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + timeout + 30)
    result.seconds = time.perf_counter() - start
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_store(opts: argparse.Namespace, work: Path) -> Path:
    if opts.store:
        return Path(opts.store)
    store = work / "store"
    cli = [sys.executable, "-m", "diplokg.cli"]
    if opts.triples:
        tree = work / "tree"
        subprocess.run([*cli, "generate", "-o", str(tree), "--triples", str(opts.triples), "--quiet"], check=True)
        subprocess.run([*cli, "build", "--source", str(tree), "--store", str(store), "--quiet"], check=True)
    else:
        subprocess.run([*cli, "build", "--store", str(store), "--quiet"], check=True)
    return store


def start_server(store: Path, port: int, opts: argparse.Namespace, log: Path) -> subprocess.Popen[bytes]:
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "diplokg.cli", "serve", "--store", str(store),
                                 "--port", str(port), "--workers", str(opts.workers), "--timeout", str(opts.timeout),
                                 "--no-access-log"],
                                stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"diplokg serve exited:\n{log.read_text()[-2000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health")
            health = json.loads(conn.getresponse().read())
            conn.close()
            if health.get("in_memory") in ("loaded", "off"):
                return proc
        except (OSError, ValueError, http.client.HTTPException):
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("diplokg serve did not become ready")


def summarise(idle: Phase, load: Phase, opts: argparse.Namespace, triples: int) -> dict:
    idle_ms = [s.ms for s in idle.of("cheap")]
    cheap_ms = [s.ms for s in load.of("cheap")]
    idle_p99, load_p99 = percentile(idle_ms, 0.99), percentile(cheap_ms, 0.99)
    statuses: dict[str, dict[str, int]] = {}
    for s in load.samples:
        per_role = statuses.setdefault(s.role, {})
        per_role[str(s.status)] = per_role.get(str(s.status), 0) + 1
    per_query = {}
    for slug in CHEAP + HEAVY:
        idle_q = [s.ms for s in idle.samples if s.slug == slug and s.status == 200]
        load_q = [s.ms for s in load.samples if s.slug == slug and s.status == 200 and s.role != "greedy"]
        per_query[slug] = {"idle_n": len(idle_q), "idle_p50_ms": percentile(idle_q, 0.5),
                           "idle_p99_ms": percentile(idle_q, 0.99), "load_n": len(load_q),
                           "load_p50_ms": percentile(load_q, 0.5), "load_p99_ms": percentile(load_q, 0.99)}
    too_many = [s for s in load.samples if s.status == 429]
    ratio = load_p99 / idle_p99 if idle_p99 and load_p99 else None
    return {
        "triples": triples, "workers": opts.workers, "clients": opts.clients, "heavy_clients": heavy_count(opts),
        "seconds": round(load.seconds, 1), "think_ms": opts.think_ms, "cpus": os.cpu_count(),
        "throughput_per_s": round(len(load.of("cheap")) / load.seconds + len(load.of("heavy")) / load.seconds
                                  + len(load.of("greedy")) / load.seconds, 1),
        "cheap_per_s": round(len(load.of("cheap")) / load.seconds, 1),
        "heavy_per_s": round(len(load.of("heavy")) / load.seconds, 2),
        "idle": {"n": len(idle_ms), "p50_ms": percentile(idle_ms, 0.5), "p99_ms": idle_p99},
        "load": {"n": len(cheap_ms), "p50_ms": percentile(cheap_ms, 0.5), "p99_ms": load_p99},
        "p99_ratio": ratio, "goal_met": ratio is not None and ratio <= GOAL_RATIO,
        "statuses": statuses, "too_many_requests": len(too_many),
        "retry_after_on_every_429": all(s.retry_after for s in too_many), "per_query": per_query,
    }


def heavy_count(opts: argparse.Namespace) -> int:
    return max(1, round(opts.clients * opts.heavy_share))


def report(summary: dict) -> str:
    def ms(v: float | None) -> str:
        return "-" if v is None else f"{v:.1f} ms"

    lines = [
        f"mixed load: {summary['clients']} clients ({summary['clients'] - summary['heavy_clients']} cheap with "
        f"{summary['think_ms']} ms think time, {summary['heavy_clients']} heavy) + 1 greedy, {summary['seconds']} s, "
        f"diplokg serve with {summary['workers']} workers on {summary['triples']:,} triples, {summary['cpus']} CPUs",
        f"throughput: {summary['throughput_per_s']} requests/s (cheap {summary['cheap_per_s']}/s, heavy "
        f"{summary['heavy_per_s']}/s)",
        f"cheap queries idle:       p50 {ms(summary['idle']['p50_ms'])}, p99 {ms(summary['idle']['p99_ms'])} "
        f"(n={summary['idle']['n']})",
        f"cheap queries under load: p50 {ms(summary['load']['p50_ms'])}, p99 {ms(summary['load']['p99_ms'])} "
        f"(n={summary['load']['n']})",
        "p99 under load / idle: " + ("-" if summary["p99_ratio"] is None else f"{summary['p99_ratio']:.1f}x")
        + f" (goal <= {GOAL_RATIO:g}x: {'met' if summary['goal_met'] else 'MISSED'})",
        "statuses per role: " + "; ".join(f"{role} " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
                                          for role, counts in sorted(summary["statuses"].items())),
        f"429 answers: {summary['too_many_requests']}, every one with Retry-After: "
        f"{'yes' if summary['retry_after_on_every_429'] else 'NO'}",
        f"{'query':28} {'idle n':>7} {'p50':>10} {'p99':>10} {'load n':>7} {'p50':>10} {'p99':>10}",
    ]
    for slug, q in summary["per_query"].items():
        lines.append(f"{slug:28} {q['idle_n']:>7} {ms(q['idle_p50_ms']):>10} {ms(q['idle_p99_ms']):>10} "
                     f"{q['load_n']:>7} {ms(q['load_p50_ms']):>10} {ms(q['load_p99_ms']):>10}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--store", help="a built store to serve")
    source.add_argument("--triples", type=int, default=None,
                        help="generate synthetic data of about this size and build it (default: the bundled data)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients, 8 to 32 (default 16)")
    parser.add_argument("--seconds", type=float, default=60, help="length of the load phase, at most 300 (default 60)")
    parser.add_argument("--idle-seconds", type=float, default=10, help="length of the idle phase (default 10)")
    parser.add_argument("--heavy-share", type=float, default=0.25, help="share of clients asking heavy queries")
    parser.add_argument("--think-ms", type=int, default=50, help="pause of a cheap client between requests")
    parser.add_argument("--workers", type=int, default=2, help="query workers of the server (default 2)")
    parser.add_argument("--timeout", type=float, default=30, help="the server's query budget in seconds")
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--samples",
                        help="write every request of the load phase (role, query, status, ms, at) to this file")
    opts = parser.parse_args(argv)
    if not 1 <= opts.clients <= 32 or not 0 < opts.seconds <= 300:
        parser.error("--clients must be 1..32 and --seconds at most 300 (the load is bounded)")
    queries = {q.slug: q.text for q in bench_queries(REPO / "queries")}
    cheap = [(slug, queries[slug]) for slug in CHEAP]
    heavy = [(slug, queries[slug]) for slug in HEAVY]
    with tempfile.TemporaryDirectory(prefix="diplokg-load-") as tmp:
        work = Path(tmp)
        store = prepare_store(opts, work)
        triples = json.loads((store / "diplokg-build.json").read_text())["triples"]
        port = free_port()
        server = start_server(store, port, opts, work / "serve.log")
        try:
            idle = phase(port, [("cheap", "127.0.0.2", cheap, 0.0)], opts.idle_seconds, opts.timeout)
            plan = []
            for n in range(opts.clients):
                address = f"127.0.{1 + n // 250}.{3 + n % 250}"
                if n < heavy_count(opts):
                    plan.append(("heavy", address, heavy, 0.0))
                else:
                    plan.append(("cheap", address, cheap, opts.think_ms / 1000))
            plan += [("greedy", "127.0.3.1", cheap, 0.0)] * (CLIENT_CONCURRENCY + 2)
            load = phase(port, plan, opts.seconds, opts.timeout)
        finally:
            server.terminate()
            server.wait(30)
        summary = summarise(idle, load, opts, triples)
    print(report(summary))
    if opts.json:
        Path(opts.json).write_text(json.dumps(summary, indent=2) + "\n")
    if opts.samples:
        Path(opts.samples).write_text(json.dumps([asdict(s) for s in load.samples]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
