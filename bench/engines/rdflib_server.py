"""rdflib-endpoint over an in-memory rdflib Dataset parsed from an N-Quads file; run as a script
by rdflib_engine.py (this directory holds no module named like a package it imports).

    python rdflib_server.py --data FILE.nq --port P [--parse-only] [--status FILE.json] [--memory-limit BYTES]

The Dataset is created with ``default_union=True`` (rdflib-endpoint's own ``serve`` command does
the same), so a query without FROM sees the union of the named graphs; GRAPH ?g ranges over the
named graphs only. ``--parse-only`` parses, reports and exits (the load measurement). The status
file receives {"parse_s": …, "quads": …} once parsing is done. ``--memory-limit`` caps the
process's address space (RLIMIT_AS): rdflib's evaluator can build huge intermediate results, and a
MemoryError (an HTTP 400 from rdflib-endpoint) is better than a machine out of memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path


def load(path: Path):
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    dataset.parse(str(path), format="nquads")
    return dataset


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--parse-only", action="store_true")
    ap.add_argument("--status", type=Path)
    ap.add_argument("--memory-limit", type=int, default=0, help="address-space limit in bytes (0: none)")
    args = ap.parse_args(argv)
    if args.memory_limit:
        resource.setrlimit(resource.RLIMIT_AS, (args.memory_limit, args.memory_limit))

    start = time.perf_counter()
    dataset = load(args.data)
    status = {"parse_s": time.perf_counter() - start, "quads": len(dataset)}
    if args.status:
        args.status.write_text(json.dumps(status))
    print(json.dumps(status), flush=True)
    if args.parse_only:
        return 0

    import uvicorn
    from rdflib_endpoint import SparqlEndpoint

    app = SparqlEndpoint(graph=dataset, path="/sparql", title="rdflib-endpoint (benchmark)", cors_enabled=False)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
