"""Oxigraph's own server in memory (PyPI package ``oxigraph``, the Rust CLI): ``oxigraph serve``
without ``--location`` keeps its store in memory, ``--union-default-graph`` answers a query without
FROM on the union of the named graphs, as we do. The data goes in over HTTP (``POST /store``, N-Quads)
after launch, so every start loads it again: the cold start is launch + load.

The same engine as ours, without our layer and without the on-disk store: the anchor of issue 24
(``oxigraph serve-read-only``, on RocksDB, is 3–10× slower and flatters us)."""

from __future__ import annotations

import http.client
import time
import urllib.parse
from pathlib import Path

from . import net, procs
from .base import Engine, PrepareInfo, ServerCommand, StartInfo, plain_nquads
from .oxigraph_engine import oxigraph_binary


class OxigraphMemoryEngine(Engine):
    name = "oxigraph-memory"

    def __init__(self, binary: str | None = None, union_default_graph: bool = True) -> None:
        """``union_default_graph``: as the benchmark compares (a query without FROM sees every
        named graph); False for the plain SPARQL dataset (the default graph is the store's own)."""
        super().__init__()
        self.binary = binary or oxigraph_binary()
        self.union_default_graph = union_default_graph
        self.nquads: Path | None = None

    def prepare(self, data: Path, workdir: Path) -> PrepareInfo:
        """Decompress the N-Quads once, then one start (launch + load over HTTP) to measure what
        loading costs: seconds of the POST, peak memory of the server, no disk (in memory)."""
        workdir.mkdir(parents=True, exist_ok=True)
        self.workdir = workdir
        self.nquads, unzip_s = plain_nquads(data, workdir / "input")
        started = self.start()
        try:
            peak = procs.peak_rss_bytes(self.pid)
        finally:
            self.stop()
        details = {"decompress_s": unzip_s, "version": self.version(), "launch_s": started.details["launch_s"]}
        return PrepareInfo(float(started.details["load_s"]), peak, 0, details)

    def version(self) -> str:
        import subprocess

        return subprocess.run([self.binary, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()

    def server_command(self) -> ServerCommand:
        port = net.free_port()
        union = ["--union-default-graph"] if self.union_default_graph else []
        return ServerCommand([self.binary, "serve", "--bind", f"{net.HOST}:{port}", *union],
                             f"http://{net.HOST}:{port}/query")

    def start(self, timeout: float = 600) -> StartInfo:
        """Launch until the (empty) server answers, then load the data; the cold start is both."""
        if self.nquads is None:
            raise RuntimeError("oxigraph-memory: prepare() first")
        launched = super().start(timeout)
        began = time.perf_counter()
        url = urllib.parse.urlsplit(self.query_url)
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
        try:
            with open(self.nquads, "rb") as body:
                connection.request("POST", "/store", body=body, headers={"Content-Type": "application/n-quads"})
                response = connection.getresponse()
                detail = response.read()[:300]
        finally:
            connection.close()
        if response.status not in (200, 201, 204):
            self.stop()
            raise RuntimeError(f"oxigraph-memory: loading answered {response.status}: {detail!r}")
        load_s = time.perf_counter() - began
        return StartInfo(launched.seconds + load_s, launched.pids,
                         {"launch_s": round(launched.seconds, 4), "load_s": round(load_s, 4)})
