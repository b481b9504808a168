"""Error responses: one clear message as text/plain, or as JSON when the client prefers JSON.
Never a stack trace."""

from __future__ import annotations

import json

from starlette.responses import Response

from diplokg.core.formats import Format
from diplokg.http.negotiation import parse_accept

REASONS = {400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
           406: "Not Acceptable", 413: "Content Too Large", 414: "URI Too Long", 415: "Unsupported Media Type",
           429: "Too Many Requests", 431: "Request Header Fields Too Large", 500: "Internal Server Error",
           502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}


def wants_json(accept: str | None) -> bool:
    json_q = text_q = 0.0
    for r in parse_accept(accept):
        if r.subtype == "json" or r.subtype.endswith("+json"):
            json_q = max(json_q, r.q)
        elif r.type == "text" and r.subtype in ("plain", "*"):
            text_q = max(text_q, r.q)
    return json_q > text_q


def error_response(status: int, message: str, accept: str | None = None, headers: dict[str, str] | None = None,
                   **extra: object) -> Response:
    headers = {"Cache-Control": "no-store", **(headers or {})}
    if wants_json(accept):
        body = {"status": status, "error": REASONS.get(status, "Error"), "message": message, **extra}
        return Response(json.dumps(body, ensure_ascii=False) + "\n", status, headers, "application/json")
    return Response(message + "\n", status, headers, "text/plain; charset=utf-8")


def not_acceptable(offered: list[Format]) -> Response:
    """406 naming the media types a resource is available in."""
    return error_response(406, "no acceptable format; available: " + ", ".join(f.media_type for f in offered), None)
