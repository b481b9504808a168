"""Request size limits as ASGI middleware: oversized headers (431), over-long URLs (414) and bodies
whose declared length is too large (413) are refused before any route runs. (Bodies without a
declared length are counted while they are read, by ``limits.read_body``; the head of a request is
counted while it arrives, by ``app.head_limits``.)"""

from __future__ import annotations

from typing import Any

from diplokg.http.limits import MAX_HEADER_BYTES, MAX_HEADER_FIELDS, headers_too_large_message, url_too_long_message
from diplokg.http.responses import error_response


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
