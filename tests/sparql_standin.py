"""A stand-in SPARQL endpoint on loopback (stdlib HTTP server + pyoxigraph) that serves a small
Wikidata-shaped graph, so code that queries the Wikidata Query Service (federated queries, the
candidate query of ``diplokg link``) can be tested without the internet. It evaluates the real
SPARQL it receives, records every query and the request headers, and can be told to answer with
an HTTP error instead (``fail_with``) to stand for an overloaded or broken service."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox


class StandInEndpoint:
    def __init__(self, turtle: str) -> None:
        self.store = ox.Store()
        self.store.load(turtle.encode(), format=ox.RdfFormat.TURTLE)
        self.queries: list[str] = []
        self.headers: list[dict[str, str]] = []
        #: (status, extra headers) to answer every request with, instead of evaluating it
        self.fail_with: tuple[int, dict[str, str]] | None = None
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _answer(self, query: str | None) -> None:
                outer.headers.append({k.lower(): v for k, v in self.headers.items()})
                if outer.fail_with is not None:
                    status, extra = outer.fail_with
                    body = f"stand-in failure {status}".encode()
                    self.send_response(status)
                    for name, value in extra.items():
                        self.send_header(name, value)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                if not query:
                    self.send_error(400, "no query")
                    return
                outer.queries.append(query)
                try:
                    result = outer.store.query(query)
                except SyntaxError as e:
                    self.send_error(400, str(e))
                    return
                accept = self.headers.get("Accept", "")
                xml = "sparql-results+xml" in accept and "sparql-results+json" not in accept
                fmt = ox.QueryResultsFormat.XML if xml else ox.QueryResultsFormat.JSON
                body = result.serialize(format=fmt)
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+xml" if xml else "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:  # noqa: N802
                self._answer(parse_qs(urlsplit(self.path).query).get("query", [None])[0])

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode("utf-8")
                kind = self.headers.get("Content-Type", "").split(";")[0].strip()
                self._answer(body if kind == "application/sparql-query" else parse_qs(body).get("query", [None])[0])

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "StandInEndpoint":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
