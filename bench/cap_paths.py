"""What the row cap costs: each saved query (defaults bound, as the benchmark sends them) run in
process by the embedded store's own code (``diplokg.engine.execute``) on an in-memory copy of a
built store, with the row cap off (pyoxigraph's serialiser writes the result) and on (serialised to
TSV, cut at the cap, converted to the format asked for), interleaved run by run. No HTTP, no worker
pool: only what the cap adds to the engine's work.

Issue 24 measured at 1 M triples that the cap doubled most saved queries: a result over 256 KB was
evaluated twice, once to find that it was large. Since then it is evaluated once; this script shows
what is left.

    python bench/cap_paths.py --store DIR [--format json] [--cap 100000] [--runs 5]

``--store``: a built store (``diplokg build``; ``diplokg generate`` for a synthetic tree of any size).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from diplokg.core.namespaces import PREFIXES
from diplokg.engine.execute import execute
from diplokg.engine.messages import QueryJob
from saved_texts import bench_queries


def run(store: ox.Store, text: str, fmt: str, cap: int) -> tuple[float, int]:
    """Milliseconds and bytes sent for one query."""
    sent = 0

    def send(frame: bytes) -> None:
        nonlocal sent
        sent += len(frame)

    job = QueryJob(text=text, results_format=fmt, graph_format="turtle", row_cap=cap)
    started = time.perf_counter()
    execute(store, job, send, PREFIXES)
    return (time.perf_counter() - started) * 1000, sent


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", type=Path, required=True, help="a built store (its snapshot.nq is loaded)")
    p.add_argument("--format", default="json", help="results format asked for (default: json)")
    p.add_argument("--cap", type=int, default=100_000, help="the row cap (default: diplokg serve's, 100000)")
    p.add_argument("--runs", type=int, default=5)
    opts = p.parse_args(argv)
    store = ox.Store()
    started = time.perf_counter()
    store.bulk_load(path=str(opts.store / "snapshot.nq"), format=ox.RdfFormat.N_QUADS)
    print(f"{len(store):,} quads loaded in memory in {time.perf_counter() - started:.1f} s; "
          f"{opts.runs} runs per query, {opts.format}, p50 in ms")
    print(f"{'query':<34}{'bytes':>11}{'no cap':>10}{'cap':>10}{'cap/none':>10}")
    ratios = []
    for q in bench_queries(opts.store / "queries"):
        times: dict[int, list[float]] = {0: [], opts.cap: []}
        size = 0
        for _ in range(opts.runs):
            for cap in times:
                ms, size = run(store, q.text, opts.format, cap)
                times[cap].append(ms)
        none, capped = statistics.median(times[0]), statistics.median(times[opts.cap])
        ratio = capped / none if none else float("nan")
        ratios.append(ratio)
        print(f"{q.slug[:33]:<34}{size:>11}{none:>10.1f}{capped:>10.1f}{ratio:>10.2f}", flush=True)
    print(f"cap/none: median {statistics.median(ratios):.2f}, worst {max(ratios):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
