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
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from support.loopback_http import LoopbackServer, QuietHandler

MODES = ("answer", "hang", "error", "garbage")
ERROR_BODY = "stand-in failure: the triple store is on fire"
HANG_LIMIT = 120.0  # seconds a hanging request waits at most if the stand-in is never closed


class StandInEndpoint(LoopbackServer):
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

        class Handler(QuietHandler):
            def _answer(self, query: str | None) -> None:
                outer.headers.append({k.lower(): v for k, v in self.headers.items()})
                if outer.fail_with is not None:
                    status, extra = outer.fail_with
                    self.send_body(status, "text/plain; charset=utf-8", f"stand-in failure {status}".encode(), extra)
                    return
                if not query:
                    self.send_error(400, "no query")
                    return
                outer.queries.append(query)
                if outer.mode == "hang":
                    outer.closing.wait(HANG_LIMIT)
                    return
                if outer.mode == "error":
                    self.send_body(500, "text/plain; charset=utf-8", ERROR_BODY.encode())
                    return
                if outer.mode == "garbage":
                    self.send_body(200, "text/html; charset=utf-8",
                                   b"<!DOCTYPE html><html><body>Maintenance</body></html>")
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
                self.send_body(200, "application/sparql-results+xml" if xml else "application/sparql-results+json",
                               body)

            def do_GET(self) -> None:
                self._answer(parse_qs(urlsplit(self.path).query).get("query", [None])[0])

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode("utf-8")
                kind = self.headers.get("Content-Type", "").split(";")[0].strip()
                self._answer(body if kind == "application/sparql-query" else parse_qs(body).get("query", [None])[0])

        super().__init__(Handler, "/sparql")

    def __exit__(self, *exc: object) -> None:
        self.closing.set()  # release hanging requests first
        super().__exit__(*exc)
