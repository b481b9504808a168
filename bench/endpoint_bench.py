"""Benchmark: our endpoint (`diplokg serve`) against `oxigraph serve-read-only` (PyPI `oxigraph`,
the same engine behind Rust's HTTP server) on the same data and the same queries, side by side.

For every query it prints the engine time (pyoxigraph in process, query + JSON serialisation),
p50/p99 latency of sequential requests (the two servers interleaved request by request, so machine
noise hits both alike), and throughput with N concurrent keep-alive clients, with the ratios
ours/oxigraph. Figures also go to a JSON file so runs can be compared.

    python bench/endpoint_bench.py [--store DIR] [--requests 200] [--clients 8] [--seconds 3] [--json FILE]

Without --store it builds the bundled data into a temporary store first. Needs the `bench` extra
(`pip install .[bench]`, included in requirements-test.lock).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox

P = ("PREFIX dkg: <https://w3id.org/diplokg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
     "PREFIX oa: <http://www.w3.org/ns/oa#> ")
QUERIES: dict[str, tuple[str, str]] = {
    # name: (query, Accept)
    "ask-state": (P + "ASK { <https://w3id.org/diplokg/id/state/ROU> a dkg:State }", "application/sparql-results+json"),
    "german-labels": (P + "SELECT ?s ?label { ?s a dkg:State ; rdfs:label ?label FILTER(LANG(?label) = 'de') }",
                      "application/sparql-results+json"),
    "evidence-norway": (P + "SELECT ?fact ?quote { ?fact dkg:evidence ?ev . ?ev oa:hasSource "
                        "<https://w3id.org/diplokg/id/source/mfa-tj-norway> ; oa:hasSelector/oa:exact ?quote }",
                        "application/sparql-results+json"),
    "count-by-property": ("SELECT ?p (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n)",
                          "application/sparql-results+json"),
    "two-hop-count": ("SELECT (COUNT(*) AS ?n) { ?a ?p ?b . ?b ?q ?c }", "application/sparql-results+json"),
    "all-triples": ("SELECT ?s ?p ?o { ?s ?p ?o }", "application/sparql-results+json"),
    "construct-romania": ("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/diplokg/graph/source/mfa-tj-romania> "
                          "{ ?s ?p ?o } }", "application/n-triples"),
    "label-self-join": (P + "SELECT (COUNT(*) AS ?n) { ?a rdfs:label ?l . ?b rdfs:label ?l2 "
                        "FILTER(STR(?l) = STR(?l2) && ?a != ?b) }", "application/sparql-results+json"),
}
HEAVY_MS = 10.0  # the threshold between "trivial" and engine-bound queries


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(port: int, path: str, proc: subprocess.Popen[bytes], timeout: float = 120) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return time.monotonic() - start
        except OSError:
            time.sleep(0.05)
    raise SystemExit("server did not start")


class Server:
    def __init__(self, name: str, argv: list[str], port: int, health: str) -> None:
        self.name, self.port = name, port
        self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.startup = wait_until_up(port, health, self.proc)

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Client:
    """One keep-alive HTTP/1.1 connection (http.client: the lightest Python client, so the servers dominate)."""

    def __init__(self, port: int, path: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.path = path

    def query(self, query: str, accept: str) -> bytes:
        body = urlencode({"query": query})
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
        try:
            self.conn.request("POST", self.path, body=body, headers=headers)
            response = self.conn.getresponse()
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            # the server closed the idle keep-alive connection (uvicorn: after 5 s): reconnect once,
            # as HTTP clients do
            self.conn.close()
            self.conn.request("POST", self.path, body=body, headers=headers)
            response = self.conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}: {body[:200]!r}")
        return body


def engine_ms(store: ox.Store, query: str, accept: str, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = store.query(query, use_default_graph_as_union=True)
        if isinstance(result, ox.QueryTriples):
            ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
        else:
            result.serialize(format=ox.QueryResultsFormat.JSON)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def latencies(servers: list[Server], query: str, accept: str, n: int) -> dict[str, list[float]]:
    clients = {s.name: Client(s.port, "/sparql" if s.name == "diplokg" else "/query") for s in servers}
    for c in clients.values():  # warm up
        for _ in range(3):
            c.query(query, accept)
    out: dict[str, list[float]] = {s.name: [] for s in servers}
    for i in range(n):
        order = servers if i % 2 == 0 else list(reversed(servers))  # interleaved, alternating first
        for s in order:
            start = time.perf_counter()
            clients[s.name].query(query, accept)
            out[s.name].append((time.perf_counter() - start) * 1000)
    return out


def throughput(server: Server, query: str, accept: str, clients: int, seconds: float) -> float:
    path = "/sparql" if server.name == "diplokg" else "/query"
    done = [0] * clients
    stop = time.monotonic() + seconds

    def loop(i: int) -> None:
        client = Client(server.port, path)
        while time.monotonic() < stop:
            client.query(query, accept)
            done[i] += 1

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(clients)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.monotonic() - start)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", help="a store built by 'diplokg build' (default: build the bundled data)")
    ap.add_argument("--requests", type=int, default=300,
                    help="sequential requests per query and server (fewer for slow queries, at least 20)")
    ap.add_argument("--clients", type=int, default=8, help="concurrent clients for the throughput run")
    ap.add_argument("--seconds", type=float, default=3.0, help="duration of each throughput run")
    ap.add_argument("--queries", nargs="*", help="only these queries")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="diplokg-bench-"))
    servers: list[Server] = []
    try:
        store = Path(args.store) if args.store else work / "store"
        if not args.store:
            subprocess.run([sys.executable, "-m", "diplokg.cli", "build", "--store", str(store), "-q"], check=True,
                           stdout=subprocess.DEVNULL)
        snapshot = store.resolve() / "snapshot.nq"
        oxi_dir = work / "oxigraph"
        oxigraph = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or "oxigraph"
        subprocess.run([oxigraph, "load", "--location", str(oxi_dir), "--file", str(snapshot)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        mem = ox.Store()
        mem.bulk_load(path=str(snapshot), format=ox.RdfFormat.N_QUADS)

        ours_port, oxi_port = free_port(), free_port()
        servers.append(Server("diplokg", [sys.executable, "-m", "diplokg.cli", "serve", "--store", str(store),
                                          "--port", str(ours_port), "--row-cap", "0", "--client-concurrency",
                                          str(max(args.clients, 4))], ours_port, "/health"))
        servers.append(Server("oxigraph", [oxigraph, "serve-read-only", "--location", str(oxi_dir), "--bind",
                                           f"127.0.0.1:{oxi_port}", "--union-default-graph"], oxi_port, "/"))
        print(f"diplokg {mem.__len__()} quads; machine: {platform.machine()}, {os.cpu_count()} cores, "
              f"Python {platform.python_version()}, pyoxigraph {ox.__version__}")
        print(f"start-up until first answer: diplokg {servers[0].startup:.2f} s, oxigraph {servers[1].startup:.2f} s")
        print(f"latency: {args.requests} sequential requests per query and server, interleaved; "
              f"throughput: {args.clients} keep-alive clients for {args.seconds:g} s\n")
        header = (f"{'query':<20}{'engine':>9}{'p50 ours':>10}{'p50 oxi':>9}{'ratio':>7}{'p99 ours':>10}"
                  f"{'p99 oxi':>9}{'req/s ours':>11}{'req/s oxi':>10}{'ratio':>7}  goal")
        print(header)
        print("-" * len(header))
        results = []
        for name, (query, accept) in QUERIES.items():
            if args.queries and name not in args.queries:
                continue
            answers = {s.name: Client(s.port, "/sparql" if s.name == "diplokg" else "/query").query(query, accept) for s in servers}
            same = _same_answer(answers["diplokg"], answers["oxigraph"], accept)
            engine = engine_ms(mem, query, accept)
            # bounded run time: fewer sequential requests for slow queries (at least 20)
            n = min(args.requests, max(20, int(10_000 / max(engine * 5, 0.1))))
            lat = latencies(servers, query, accept, n)
            tput = {s.name: throughput(s, query, accept, args.clients, args.seconds) for s in servers}
            p50 = {k: statistics.median(v) for k, v in lat.items()}
            p99 = {k: percentile(v, 99) for k, v in lat.items()}
            ratio = p50["diplokg"] / p50["oxigraph"]
            goal = 1.25 if engine >= HEAVY_MS else 2.0
            row = {"query": name, "engine_ms": engine, "requests": n, "p50_ms": p50, "p99_ms": p99, "throughput_rps": tput,
                   "latency_ratio": ratio, "throughput_ratio": tput["diplokg"] / tput["oxigraph"],
                   "goal_ratio": goal, "goal_met": ratio <= goal, "same_answer": same}
            results.append(row)
            print(f"{name:<20}{engine:>8.2f}ms{p50['diplokg']:>8.2f}ms{p50['oxigraph']:>7.2f}ms{ratio:>7.2f}"
                  f"{p99['diplokg']:>8.2f}ms{p99['oxigraph']:>7.2f}ms{tput['diplokg']:>11.0f}{tput['oxigraph']:>10.0f}"
                  f"{row['throughput_ratio']:>7.2f}  ≤{goal:g}× {'met' if row['goal_met'] else 'MISSED'}"
                  f"{'' if same else '  (answers differ!)'}")
        if args.json:
            Path(args.json).write_text(json.dumps({
                "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "cores": os.cpu_count(),
                "quads": len(mem), "startup_s": {s.name: s.startup for s in servers},
                "requests": args.requests, "clients": args.clients, "seconds": args.seconds, "results": results,
            }, indent=2))
        return 0
    finally:
        for s in servers:
            s.stop()
        shutil.rmtree(work, ignore_errors=True)


def _same_answer(ours: bytes, theirs: bytes, accept: str) -> bool:
    if accept == "application/n-triples":
        return sorted(ours.splitlines()) == sorted(theirs.splitlines())
    a, b = json.loads(ours), json.loads(theirs)
    if "boolean" in a:
        return a["boolean"] == b.get("boolean")
    key = lambda r: json.dumps(r, sort_keys=True)  # noqa: E731
    return sorted(map(key, a["results"]["bindings"])) == sorted(map(key, b["results"]["bindings"]))


if __name__ == "__main__":
    sys.exit(main())
