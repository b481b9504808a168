"""A stand-in for the Wikidata search API (``action=wbsearchentities``) on loopback: a stdlib HTTP
server that answers each search with the JSON file ``recorded/wbsearchentities/<language>/<search>.json``
(the search text URL-quoted except for spaces), cut to the request's ``limit`` as the API does, and
with an empty ``search`` list when there is no file. These files are synthetic responses in
Wikidata's format, not recordings (see ``recorded/README.md``).

It records every request (time, query parameters, headers) and can be told to fail: an HTTP status
(``fail_with = (500, {})``, ``(429, {"Retry-After": "60"})``) or an API error object in a 200
answer (``api_error = ("maxlag", "Waiting for a database server")``), as the real API does."""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from support.loopback_http import LoopbackServer, QuietHandler

RECORDED = Path(__file__).parent.parent / "fixtures" / "wikidata" / "recorded" / "wbsearchentities"


def recorded_file(search: str, language: str) -> Path:
    return RECORDED / language / f"{quote(search, safe=' ')}.json"


class SearchStandIn(LoopbackServer):
    def __init__(self) -> None:
        self.requests: list[tuple[float, dict[str, str], dict[str, str]]] = []
        self.fail_with: tuple[int, dict[str, str]] | None = None
        self.api_error: tuple[str, str] | None = None
        outer = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                url = urlsplit(self.path)
                params = {k: v[0] for k, v in parse_qs(url.query).items()}
                outer.requests.append((time.monotonic(), params, {k.lower(): v for k, v in self.headers.items()}))
                if url.path != "/w/api.php":
                    self.send_body(404, "text/plain", b"not found")
                    return
                if outer.fail_with is not None:
                    status, extra = outer.fail_with
                    self.send_body(status, "text/html", f"stand-in failure {status}".encode(), extra)
                    return
                if outer.api_error is not None:
                    code, info = outer.api_error
                    body = {"error": {"code": code, "info": info}, "servedby": "stand-in"}
                    self.send_body(200, "application/json; charset=utf-8", json.dumps(body).encode())
                    return
                if (params.get("action") != "wbsearchentities" or params.get("format") != "json"
                        or params.get("type") != "item"):
                    body = {"error": {"code": "badvalue",
                                      "info": "the stand-in only answers wbsearchentities for items as JSON"}}
                    self.send_body(200, "application/json; charset=utf-8", json.dumps(body).encode())
                    return
                search, language = params.get("search", ""), params.get("language", "")
                path = recorded_file(search, language)
                if path.is_file():
                    answer = json.loads(path.read_text(encoding="utf-8"))
                else:
                    answer = {"searchinfo": {"search": search}, "search": [], "success": 1}
                limit = int(params.get("limit", "7"))
                if len(answer["search"]) > limit:
                    answer["search"] = answer["search"][:limit]
                    answer["search-continue"] = limit
                self.send_body(200, "application/json; charset=utf-8",
                               json.dumps(answer, ensure_ascii=False).encode("utf-8"))

        super().__init__(Handler, "/w/api.php")

    def searches(self) -> list[tuple[str, str]]:
        return [(p.get("search", ""), p.get("language", "")) for _, p, _ in self.requests]
