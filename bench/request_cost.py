"""What one cheap request costs, side by side in one run (issue 24: per request we are about 1 ms
above the engine): ``ASK {}`` sent to

- floor: a bare Starlette app on uvicorn, with the HTTP protocol and settings ``diplokg serve``
  uses, that answers every POST with a fixed SPARQL JSON boolean: what the web framework alone costs;
- diplokg serve on the bundled data (the benchmark's settings: bench/engines/diplokg_engine.py);
- oxigraph serve in memory with the same quads.

Prints p50 and p99 over sequential requests (the three interleaved request by request) and requests
per second with concurrent clients. A script, not a test: quote its medians and ratios.

    python bench/request_cost.py [--requests 2000] [--clients 8] [--seconds 5]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import engines
from engines import net
from load import interleaved_latency, throughput

ROOT = Path(__file__).resolve().parents[1]
ASK = "ASK {}"
ACCEPT = "application/sparql-results+json"


def floor_app() -> None:
    """Serve the floor app on the port given as the last argument (run in its own process)."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import Response
    from starlette.routing import Route

    from diplokg.app.head_limits import limited_protocol

    async def answer(request: object) -> Response:
        return Response(b'{"head":{},"boolean":true}', media_type=ACCEPT)

    app = Starlette(routes=[Route("/sparql", answer, methods=["POST"])])
    uvicorn.run(app, host=net.HOST, port=int(sys.argv[-1]), access_log=False, log_level="warning",
                timeout_keep_alive=5, server_header=False, limit_concurrency=1000,
                http=limited_protocol(8192, False))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--requests", type=int, default=2000)
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--seconds", type=float, default=5.0)
    opts = p.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="diplokg-request-cost-"))
    ours = engines.create("diplokg")
    anchor = engines.create("oxigraph-memory")
    port = net.free_port()
    floor = subprocess.Popen([sys.executable, __file__, "--floor", str(port)])
    try:
        ours.prepare(ROOT, work / "diplokg")
        anchor.prepare(ours.nquads_path, work / "oxigraph-memory")
        ours.start()
        anchor.start()
        urls = {"floor (starlette)": f"http://{net.HOST}:{port}/sparql", "diplokg": ours.query_url,
                "oxigraph-memory": anchor.query_url}
        net.wait_until_answering(urls["floor (starlette)"], floor, time.perf_counter(), 30, "floor")
        latency = interleaved_latency(urls, ASK, ACCEPT, opts.requests, 30, 600)
        print(f"ASK {{}}: {opts.requests} sequential requests each (interleaved), then {opts.clients} clients "
              f"× {opts.seconds:g} s")
        print(f"{'server':<20}{'p50 ms':>9}{'p99 ms':>9}{'req/s':>9}")
        for name, url in urls.items():
            rate = throughput(url, ASK, ACCEPT, opts.clients, opts.seconds, 30).per_second
            lat = latency[name]
            print(f"{name:<20}{lat.p50 or 0:>9.3f}{lat.p99 or 0:>9.3f}{rate:>9.0f}")
    finally:
        floor.terminate()
        floor.wait(10)
        ours.stop()
        anchor.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    if "--floor" in sys.argv:
        floor_app()
    else:
        sys.exit(main())
