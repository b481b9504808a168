"""SPARQL 1.1 Graph Store HTTP Protocol, read side (https://www.w3.org/TR/sparql11-http-rdf-update/):
GET/HEAD ``?graph=<iri>`` or ``?default``; writing methods are refused (405)."""

from __future__ import annotations

from dataclasses import dataclass

from diplokg.core.formats import GRAPH_FORMATS
from diplokg.http.errors import ProtocolError
from diplokg.http.protocol import decode_params

READ_METHODS = ("GET", "HEAD", "OPTIONS")


@dataclass(frozen=True)
class GraphRequest:
    graph: str | None  # None = the default graph (the union of all named graphs)
    formats: list[str]


def parse_graph_request(method: str, query_string: bytes) -> GraphRequest:
    if method not in READ_METHODS:
        raise ProtocolError(405, f"the graph store is read-only: {method} is not allowed",
                            {"Allow": ", ".join(READ_METHODS)})
    params: dict[str, list[str]] = {}
    for key, value in decode_params(query_string, "URL query string"):
        params.setdefault(key, []).append(value)
    graphs, default = params.get("graph", []), "default" in params
    if len(graphs) > 1:
        raise ProtocolError(400, "give the 'graph' parameter at most once")
    if graphs and default:
        raise ProtocolError(400, "give either 'graph=<IRI>' or 'default', not both")
    if not graphs and not default:
        raise ProtocolError(400, "name a graph: '?graph=<IRI>' for a named graph or '?default' for the default graph")
    graph = graphs[0] if graphs else None
    if graph is not None and (":" not in graph or any(c in graph for c in '<>"{}|^`\\ \t\r\n')):
        raise ProtocolError(400, f"'graph' must be an absolute IRI, got {graph!r}")
    return GraphRequest(graph, params.get("format", []))


OFFERED = GRAPH_FORMATS
