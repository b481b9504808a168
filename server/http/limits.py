"""Request limits: header, URL and body size (431/414/413, as ASGI middleware) and concurrent requests
per client (429)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from diplokg.http.responses import error_response

#: Request headers beyond these are refused with 431 before any route runs (common browsers and
#: clients send well under 8 KiB in a few dozen fields).
MAX_HEADER_BYTES = 16_384
MAX_HEADER_FIELDS = 100
#: Queries nesting brackets deeper than this are refused with 400: pyoxigraph's recursive parser
#: overflows its stack (and kills the worker) at a few thousand levels; real queries need a dozen.
MAX_QUERY_NESTING = 256
#: A per-request 'timeout' below this is refused with 400: no query, not even a syntax error, is
#: answered in less (a smaller budget would turn every request into a 503).
MIN_TIMEOUT_SECONDS = 0.1
#: More default-graph-uri or named-graph-uri values than this in one request are refused with 400
#: (the published dataset has a few dozen graphs).
MAX_DATASET_GRAPHS = 1000


def headers_too_large_message() -> str:
    return f"the request headers are too large (at most {MAX_HEADER_FIELDS} fields and {MAX_HEADER_BYTES} bytes)"


def url_too_long_message(max_url: int) -> str:
    return f"the request URL is longer than {max_url} bytes; send the query with POST"


class ClientLimiter:
    """Counts in-flight requests per client address."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._active: dict[str, int] = defaultdict(int)

    def try_acquire(self, client: str) -> bool:
        if self._active[client] >= self.limit:
            return False
        self._active[client] += 1
        return True

    def release(self, client: str) -> None:
        self._active[client] -= 1
        if self._active[client] <= 0:
            del self._active[client]

    def active(self) -> int:
        return sum(self._active.values())


class SizeLimits:
    """Rejects oversized headers (431), over-long URLs (414) and bodies whose declared length is too
    large (413) before any route runs; bodies without a declared length are counted while they are
    read (see ``read_body``)."""

    def __init__(self, app: Any, max_url: int, max_body: int) -> None:
        self.app, self.max_url, self.max_body = app, max_url, max_body

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            headers = dict(scope["headers"])
            accept = headers.get(b"accept", b"").decode("latin-1")
            fields = scope["headers"]
            if len(fields) > MAX_HEADER_FIELDS or sum(len(k) + len(v) for k, v in fields) > MAX_HEADER_BYTES:
                await error_response(431, headers_too_large_message(), accept)(scope, receive, send)
                return
            if len(scope.get("raw_path", b"")) + len(scope.get("query_string", b"")) > self.max_url:
                await error_response(414, url_too_long_message(self.max_url), accept)(scope, receive, send)
                return
            length = headers.get(b"content-length")
            if length is not None:
                try:
                    too_big = int(length) > self.max_body
                except ValueError:
                    await error_response(400, "invalid Content-Length", accept)(scope, receive, send)
                    return
                if too_big:
                    await error_response(413, f"the request body is larger than {self.max_body} bytes",
                                         accept)(scope, receive, send)
                    return
        await self.app(scope, receive, send)


class BodyTooLarge(Exception):
    pass


async def read_body(request: Any, max_body: int) -> bytes:
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_body:
            raise BodyTooLarge
    return bytes(body)
