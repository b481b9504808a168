"""rdflib-endpoint (PyPI ``rdflib-endpoint``, in the ``bench`` extra): rdflib's in-memory Dataset
and SPARQL engine behind FastAPI/uvicorn, one process, on loopback.

It has no persistent store: prepare() only decompresses the input and measures a parse in a
separate process (the load time and peak RSS reported), and every start() parses again, so its
cold start includes the parse (StartInfo.details["parse_s"] says how much of it).

rdflib-endpoint runs each query synchronously inside its asyncio event loop: one query at a time,
and a long query blocks every other request (including the next probe) until it ends. The server
process gets an address-space limit (``memory_limit``, default 8 GiB) so that a query whose
intermediate results explode fails with MemoryError instead of exhausting the machine.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import net, procs
from .base import Detail, Engine, PrepareInfo, ServerCommand, plain_nquads

SERVER_SCRIPT = Path(__file__).resolve().with_name("rdflib_server.py")


class RdflibEndpointEngine(Engine):
    name = "rdflib-endpoint"

    def __init__(self, python: str = sys.executable, memory_limit: int = 8 << 30) -> None:
        super().__init__()
        self.python = python
        self.memory_limit = memory_limit
        self.nquads: Path | None = None

    def prepare(self, data: Path, workdir: Path) -> PrepareInfo:
        """``data``: an N-Quads file, gzip or not."""
        workdir.mkdir(parents=True, exist_ok=True)
        self.workdir = workdir
        nquads, unzip_s = plain_nquads(data, workdir / "input")
        status = workdir / "rdflib-parse.json"
        measured = procs.run_measured([self.python, str(SERVER_SCRIPT), "--data", str(nquads), "--parse-only",
                                       "--status", str(status)], workdir / "rdflib-parse.log")
        parsed = json.loads(status.read_text())
        self.nquads = nquads
        # the figure reported is the parse alone; the process's start-up (imports) is in details
        return PrepareInfo(parsed["parse_s"], measured.peak_rss_bytes, procs.dir_bytes(nquads),
                           {"process_s": measured.seconds, "triples": parsed["quads"], "decompress_s": unzip_s,
                            "version": _version()})

    def server_command(self) -> ServerCommand:
        if self.nquads is None:
            raise RuntimeError("rdflib-endpoint: prepare() first")
        port = net.free_port()
        self._status().unlink(missing_ok=True)
        return ServerCommand([self.python, str(SERVER_SCRIPT), "--data", str(self.nquads), "--host", net.HOST,
                              "--port", str(port), "--status", str(self._status()),
                              "--memory-limit", str(self.memory_limit)],
                             f"http://{net.HOST}:{port}/sparql")

    def start_details(self) -> dict[str, Detail]:
        try:
            return {"parse_s": json.loads(self._status().read_text())["parse_s"]}
        except (OSError, ValueError, KeyError):
            return {}

    def _status(self) -> Path:
        return self._work() / "rdflib-serve-status.json"


def _version() -> str:
    from importlib.metadata import version

    return f"rdflib-endpoint {version('rdflib-endpoint')}, rdflib {version('rdflib')}"
