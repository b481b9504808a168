"""A stand-in SPARQL endpoint on loopback (stdlib HTTP server + pyoxigraph) that serves a small
Wikidata-shaped graph, so code that queries the Wikidata Query Service (federated queries, the
candidate query of ``diplokg link``) can be tested without the internet. It evaluates the real
SPARQL it receives and records every query and the request headers.

``mode`` makes it a failing endpoint instead: ``hang`` accepts the request and does not answer
(until the stand-in is closed), ``error`` answers HTTP 500 with a text body, ``garbage`` answers
200 with an HTML page instead of SPARQL results. ``fail_with = (status, headers)`` answers every
request with that HTTP status and headers (e.g. ``(429, {"Retry-After": "60"})``)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

MODES = ("answer", "hang", "error", "garbage")
ERROR_BODY = "stand-in failure: the triple store is on fire"
HANG_LIMIT = 120.0  # seconds a hanging request waits at most if the stand-in is never closed


class StandInEndpoint:
    def __init__(self, turtle: str = "", mode: str = "answer") -> None:
        if mode not in MODES:
            raise ValueError(f"unknown stand-in mode {mode!r}")
        self.mode = mode
        self.store = ox.Store()
        self.store.load(turtle.encode(), format=ox.RdfFormat.TURTLE)
        self.queries: list[str] = []
        self.headers: list[dict[str, str]] = []
        #: (status, extra headers) to answer every request with, instead of evaluating it
        self.fail_with: tuple[int, dict[str, str]] | None = None
        self.closing = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _send(self, status: int, content_type: str, body: bytes, extra: dict[str, str] | None = None) -> None:
                self.send_response(status)
                for name, value in (extra or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _answer(self, query: str | None) -> None:
                outer.headers.append({k.lower(): v for k, v in self.headers.items()})
                if outer.fail_with is not None:
                    status, extra = outer.fail_with
                    self._send(status, "text/plain; charset=utf-8", f"stand-in failure {status}".encode(), extra)
                    return
                if not query:
                    self.send_error(400, "no query")
                    return
                outer.queries.append(query)
                if outer.mode == "hang":
                    outer.closing.wait(HANG_LIMIT)
                    return
                if outer.mode == "error":
                    self._send(500, "text/plain; charset=utf-8", ERROR_BODY.encode())
                    return
                if outer.mode == "garbage":
                    self._send(200, "text/html; charset=utf-8", b"<!DOCTYPE html><html><body>Maintenance</body></html>")
                    return
                try:
                    result = outer.store.query(query)
                except SyntaxError as e:
                    self.send_error(400, str(e))
                    return
                accept = self.headers.get("Accept", "")
                xml = "sparql-results+xml" in accept and "sparql-results+json" not in accept
                fmt = ox.QueryResultsFormat.XML if xml else ox.QueryResultsFormat.JSON
                body = result.serialize(format=fmt)
                self._send(200, "application/sparql-results+xml" if xml else "application/sparql-results+json", body)

            def do_GET(self) -> None:  # noqa: N802
                self._answer(parse_qs(urlsplit(self.path).query).get("query", [None])[0])

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode("utf-8")
                kind = self.headers.get("Content-Type", "").split(";")[0].strip()
                self._answer(body if kind == "application/sparql-query" else parse_qs(body).get("query", [None])[0])

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "StandInEndpoint":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.closing.set()
        self.server.shutdown()
        self.server.server_close()
