"""Our endpoint: ``diplokg build`` from a source tree, ``diplokg serve`` on loopback.

Unlike the other engines it is prepared from a source tree (a directory with ontology/, data/,
shapes/, queries/), not from an N-Quads file: the build validates and loads it, and writes the
N-Quads dump the other engines load (``nquads_path`` after prepare).

Serving options differ from ``diplokg serve``'s defaults where those would distort a benchmark,
and only there: a query budget of ``timeout`` seconds (default 30) and up to
``client_concurrency`` concurrent requests from one address (default 4, so 8 benchmark clients
would get 429). The row cap stays at its default (100 000: what it costs is part of what we serve;
no saved query reaches it at 1 M triples, and an answer cut short would show as different) unless
``row_cap`` is given; the query workers stay at the default unless ``workers`` is given.
"""

from __future__ import annotations

import json
import signal
import sys
import time
import urllib.request
from pathlib import Path

from . import net, procs
from .base import Engine, PrepareInfo, ServerCommand, StartInfo


class DiplokgEngine(Engine):
    name = "diplokg"
    stop_signal = signal.SIGINT  # as a user's Ctrl-C; uvicorn and the zygote shut down cleanly

    def __init__(self, python: str = sys.executable, timeout: float = 600, row_cap: int | None = None,
                 client_concurrency: int = 64, workers: int | None = None, access_log: bool = True) -> None:
        super().__init__()
        self.python = python
        self.options = ["--timeout", str(timeout), "--client-concurrency", str(client_concurrency)]
        if row_cap is not None:
            self.options += ["--row-cap", str(row_cap)]
        if workers is not None:
            self.options += ["--workers", str(workers)]
        if not access_log:
            self.options.append("--no-access-log")
        self.store: Path | None = None

    def prepare(self, data: Path, workdir: Path) -> PrepareInfo:
        """``data`` is a source tree; builds the store ``workdir/store``."""
        if not (data / "ontology").is_dir() or not (data / "data").is_dir():
            raise ValueError(f"diplokg prepares from a source tree with ontology/ and data/, not {data}")
        workdir.mkdir(parents=True, exist_ok=True)
        self.workdir = workdir
        store = workdir / "store"
        measured = procs.run_measured([self.python, "-m", "diplokg.cli", "build", "--store", str(store),
                                       "--source", str(data.resolve()), "--quiet"], workdir / "diplokg-build.log")
        self.store = store
        built = store.resolve()
        published = sum(procs.dir_bytes(built / part) for part in ("dumps", "snapshot.nq") if (built / part).exists())
        # the name index of search and reconciliation (written by the build, beside the dumps)
        names = json.loads((built / "diplokg-build.json").read_text(encoding="utf-8"))["artifacts"]["names"]
        # disk_bytes: the whole build (RocksDB store, dumps, snapshot, queries, statistics), as served
        return PrepareInfo(measured.seconds, measured.peak_rss_bytes, procs.dir_bytes(built),
                           {"store": str(built), "dumps_and_snapshot_bytes": published,
                            "name_index_bytes": int(names["bytes"]), "name_index_s": float(names["seconds"])})

    @property
    def nquads_path(self) -> Path:
        """The gzip N-Quads dump of the built store (every triple in a named graph)."""
        if self.store is None:
            raise RuntimeError("diplokg: prepare() first")
        return self.store.resolve() / "dumps" / "diplokg.nq.gz"

    def server_command(self) -> ServerCommand:
        if self.store is None:
            raise RuntimeError("diplokg: prepare() first")
        port = net.free_port()
        return ServerCommand([self.python, "-m", "diplokg.cli", "serve", "--store", str(self.store),
                              "--host", net.HOST, "--port", str(port), *self.options],
                             f"http://{net.HOST}:{port}/sparql")

    def start(self, timeout: float = 600) -> StartInfo:
        """Cold start as for every engine (launch until the first answer, which comes from the
        on-disk store); then wait until the server answers from its in-memory copy, so that latency
        is measured on what it serves once settled. details["in_memory_s"]: launch until then."""
        info = super().start(timeout)
        waited = time.perf_counter()
        health = self.query_url.rsplit("/", 1)[0] + "/health"
        deadline = waited + timeout
        while True:
            state = json.loads(urllib.request.urlopen(health, timeout=10).read())
            if state["in_memory"] in ("loaded", "off"):
                break
            if state["in_memory"].startswith("failed") or time.perf_counter() > deadline:
                self.stop()
                raise RuntimeError(f"diplokg did not load its store into memory: {state['in_memory']}")
            time.sleep(0.02)
        return StartInfo(info.seconds, info.pids,
                         {**info.details, "in_memory_s": round(info.seconds + time.perf_counter() - waited, 3)})
