"""Responses built the same way everywhere: errors as one clear message (text/plain, or JSON when
the client prefers JSON; never a stack trace), 406 naming what is available, and an RDF description
in the negotiated format."""

from __future__ import annotations

import json
from collections.abc import Sequence

from starlette.responses import Response

from diplokg.core.description import Description
from diplokg.core.formats import GRAPH_FORMATS, RESULT_FORMATS, Format
from diplokg.core.lexer import QueryForm
from diplokg.http.negotiation import choose, parse_accept

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
    """``extra``: fields of the JSON body after status, error and message (those that are None are left out)."""
    headers = {"Cache-Control": "no-store", **(headers or {})}
    extra = {k: v for k, v in extra.items() if v is not None}
    if wants_json(accept):
        body = {"status": status, "error": REASONS.get(status, "Error"), "message": message, **extra}
        return Response(json.dumps(body, ensure_ascii=False) + "\n", status, headers, "application/json")
    return Response(message + "\n", status, headers, "text/plain; charset=utf-8")


def not_acceptable(offered: Sequence[Format]) -> Response:
    """406 naming the media types a resource is available in."""
    return error_response(406, "no acceptable format; available: " + ", ".join(f.media_type for f in offered), None)


def offered_for(form: QueryForm | None) -> tuple[Format, ...]:
    """The formats a result of ``form`` can be sent in (both kinds if the form is unknown)."""
    if form in (QueryForm.SELECT, QueryForm.ASK):
        return RESULT_FORMATS
    if form is not None and form.gives_graph:
        return GRAPH_FORMATS
    return RESULT_FORMATS + GRAPH_FORMATS


def not_acceptable_for(form: QueryForm | None, format_param: list[str] | None, accept: str | None) -> Response:
    """406 for a query result: what the client asked for and every format a result of ``form`` comes in."""
    asked = "format=" + " or ".join(format_param) if format_param else f"Accept: {accept or '*/*'}"
    listing = ", ".join(f"{f.media_type} (format={f.name})" for f in offered_for(form))
    return error_response(406, f"cannot produce {form or 'this'} results in any format acceptable to the client "
                          f"({asked}); available: {listing}", None)


def rdf_response(description: Description, accept: str | None, formats: list[str],
                 extra: dict[str, str] | None = None) -> Response:
    """``description`` in the RDF format the client negotiated (406 naming the formats otherwise)."""
    fmt = choose(accept, GRAPH_FORMATS, formats)
    if fmt is None:
        return error_response(406, "no acceptable RDF format; available: "
                              + ", ".join(f.media_type for f in GRAPH_FORMATS), None)
    return Response(description.serialize(fmt.name), 200, {"Vary": "Accept", **(extra or {})}, fmt.content_type)
