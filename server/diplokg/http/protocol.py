"""SPARQL 1.1 Protocol, query operation: turn an HTTP request (method, media type, URL parameters,
body) into a query request, or a ProtocolError with the status the protocol prescribes.

Plain functions over bytes and strings — no web framework — so the rules can be tested directly.
https://www.w3.org/TR/sparql11-protocol/#query-operation
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import pyoxigraph as ox

from diplokg.core.terms import Term, parse_term
from diplokg.engine.messages import Dataset
from diplokg.http.errors import ProtocolError
from diplokg.http.limits import MAX_BINDINGS, MAX_DATASET_GRAPHS, MIN_TIMEOUT_SECONDS, read_body

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")

ALLOWED_METHODS = ("GET", "HEAD", "POST", "OPTIONS")
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"


@dataclass
class QueryRequest:
    query: str | None  # None: no query (GET /sparql → service description)
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    timeout: float | None = None
    formats: list[str] = field(default_factory=list)  # `format` values: alternatives, first usable wins
    params: dict[str, list[str]] = field(default_factory=dict)
    #: variables bound by ``$name=TERM`` parameters (RDF4J's convention), as RDF terms
    bindings: dict[str, Term] = field(default_factory=dict)

    @property
    def dataset(self) -> Dataset | None:
        """The protocol dataset, if the request names one (it replaces the query's FROM clauses)."""
        if not (self.default_graphs or self.named_graphs):
            return None
        return Dataset(tuple(self.default_graphs), tuple(self.named_graphs))


async def request_params(request: Any, max_body: int) -> dict[str, list[str]]:
    """A request's parameters by name: from the URL, and from a form-encoded body of a POST
    (ProtocolError 415 for another body, BodyTooLarge past ``max_body``)."""
    pairs = decode_params(request.scope.get("query_string", b""), "URL query string")
    if request.method == "POST":
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/x-www-form-urlencoded":
            raise ProtocolError(415, "send parameters as application/x-www-form-urlencoded")
        pairs += decode_params(await read_body(request, max_body), "request body")
    raw: dict[str, list[str]] = {}
    for key, value in pairs:
        raw.setdefault(key, []).append(value)
    return raw


def decode_params(raw: bytes | str, where: str) -> list[tuple[str, str]]:
    """Decode application/x-www-form-urlencoded data strictly as UTF-8 (400 otherwise)."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        return parse_qsl(text, keep_blank_values=True, strict_parsing=False, encoding="utf-8", errors="strict",
                         separator="&")
    except UnicodeDecodeError:
        raise ProtocolError(400, f"the {where} is not valid UTF-8 "
                            "(percent-encoded bytes must decode as UTF-8)") from None
    except ValueError as e:
        raise ProtocolError(400, f"malformed {where}: {e}") from None


def media_type(content_type: str | None) -> tuple[str, dict[str, str]]:
    if not content_type:
        return "", {}
    main, *rest = content_type.split(";")
    params = {}
    for p in rest:
        key, _, value = p.partition("=")
        params[key.strip().lower()] = value.strip().strip('"')
    return main.strip().lower(), params


def _grouped(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in pairs:
        out.setdefault(key, []).append(value)
    return out


def _single(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise ProtocolError(400, f"the '{name}' parameter must be given at most once, got {len(values)}")
    return values[0]


def _check_graph_iris(values: list[str], name: str) -> list[str]:
    if len(values) > MAX_DATASET_GRAPHS:
        raise ProtocolError(400, f"at most {MAX_DATASET_GRAPHS} '{name}' values per request, got {len(values)}")
    for v in values:
        if not v or any(c in v for c in '<>"{}|^`\\ \t\r\n') or ":" not in v:
            raise ProtocolError(400, f"'{name}' must be an absolute IRI, got {v!r}")
        try:
            ox.NamedNode(v)  # the engine's own IRI check (a scheme, legal code points)
        except ValueError as e:
            raise ProtocolError(400, f"'{name}' must be an absolute IRI, got {v!r} ({e})") from None
    return values


def _timeout(value: str | None) -> float | None:
    if value is None or value == "":
        return None
    try:
        seconds = float(value)
    except ValueError:
        raise ProtocolError(400, f"'timeout' must be a number of seconds, at least {MIN_TIMEOUT_SECONDS:g}; got "
                            f"{value!r}") from None
    if not seconds >= MIN_TIMEOUT_SECONDS:  # also NaN
        raise ProtocolError(400, f"'timeout' must be a number of seconds, at least {MIN_TIMEOUT_SECONDS:g}")
    return seconds


def parse_query_request(method: str, content_type: str | None, query_string: bytes, body: bytes) -> QueryRequest:
    """Apply the protocol's rules. ``body`` must already be size-checked by the caller."""
    if method not in ALLOWED_METHODS:
        raise ProtocolError(405, f"method {method} is not allowed on the SPARQL endpoint",
                            {"Allow": ", ".join(ALLOWED_METHODS)})
    url_params = _grouped(decode_params(query_string, "URL query string"))
    if "update" in url_params:
        raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is not accepted")
    if method in ("GET", "HEAD", "OPTIONS"):
        params, query = url_params, _single(url_params, "query")
    else:
        kind, mt_params = media_type(content_type)
        charset = mt_params.get("charset", "utf-8").lower()
        if charset not in ("utf-8", "utf8"):
            raise ProtocolError(415, f"only UTF-8 request bodies are accepted, got charset={charset}")
        if kind == SPARQL_UPDATE:
            raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is not accepted")
        if kind == FORM:
            body_params = _grouped(decode_params(body, "request body"))
            if "update" in body_params:
                raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is not accepted")
            if "query" in url_params:
                raise ProtocolError(400, "the query must be sent either in the URL or in the request body, not both")
            params = {**url_params, **{k: url_params.get(k, []) + v for k, v in body_params.items()}}
            query = _single(body_params, "query")
            if query is None:
                raise ProtocolError(400, "a form-encoded POST must carry a 'query' parameter")
        elif kind == SPARQL_QUERY:
            if "query" in url_params:
                raise ProtocolError(400, "a POST with application/sparql-query carries the query in its body, "
                                    "not in the URL")
            try:
                query = body.decode("utf-8")
            except UnicodeDecodeError:
                raise ProtocolError(400, "the request body is not valid UTF-8") from None
            params = url_params
        elif not kind:
            raise ProtocolError(415, f"a POST needs a Content-Type: {SPARQL_QUERY} or {FORM}")
        else:
            raise ProtocolError(415, f"unsupported Content-Type {kind}; use {SPARQL_QUERY} or {FORM}")
    if query is not None and not query.strip():
        raise ProtocolError(400, "the query is empty")
    default_graphs = _check_graph_iris(params.get("default-graph-uri", []), "default-graph-uri")
    named_graphs = _check_graph_iris(params.get("named-graph-uri", []), "named-graph-uri")
    timeout = _timeout(_single(params, "timeout"))
    return QueryRequest(query, default_graphs, named_graphs, timeout, params.get("format", []), params,
                        bindings(params) if query is not None else {})


def bindings(params: dict[str, list[str]]) -> dict[str, Term]:
    """The ``$name`` parameters of a request as variable bindings (variable name → RDF term); the
    values become RDF terms, never query text."""
    out: dict[str, Term] = {}
    for key, values in params.items():
        if not key.startswith("$"):
            continue
        name = key[1:]
        if not _NAME.match(name):
            raise ProtocolError(400, f"'{key[:60]}' is not a variable binding: $ must be followed by a variable name")
        if len(values) != 1:
            raise ProtocolError(400, f"the binding '{key}' must be given once, got {len(values)} values")
        try:
            out[name] = parse_term(values[0])
        except ValueError as e:
            raise ProtocolError(400, f"the binding '{key}' is not an RDF term: {e}") from None
        if len(out) > MAX_BINDINGS:
            raise ProtocolError(400, f"at most {MAX_BINDINGS} variable bindings per request")
    return out
