"""``/sparql`` (SPARQL 1.1 Protocol, query operation) and ``/graph-store`` (Graph Store Protocol,
read side). ``/sparql`` is answered by ``sparql_view`` through ``middleware.direct_route``; its
routes here document it in OpenAPI."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from diplokg.core.formats import GRAPH_FORMATS, HTML
from diplokg.engine.messages import GraphJob
from diplokg.http.answer import QueryCall, answer_query
from diplokg.http.errors import ProtocolError
from diplokg.http.graph_store import parse_graph_request
from diplokg.http.limits import BodyTooLarge, read_body
from diplokg.http.negotiation import choose
from diplokg.http.openapi import SPARQL_DOC, sparql_openapi
from diplokg.http.protocol import ALLOWED_METHODS, parse_query_request
from diplokg.http.responses import error_response, rdf_response
from diplokg.http.service_description import service_description
from diplokg.http.site import Site, client_of

View = Callable[[Request], Awaitable[Response]]
#: the query editor for browsers
EDITOR = Path(__file__).resolve().parents[2] / "static" / "editor.html"
_GRAPH_STORE_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "DELETE", "PATCH"]


def views(site: Site) -> tuple[View, View]:
    """The views of ``/sparql`` and ``/graph-store``."""
    sd = service_description(site.settings, site.release.stats)

    async def graph_store(request: Request) -> Response:
        accept = request.headers.get("accept")
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": "GET, HEAD, OPTIONS"})
        try:
            req = parse_graph_request(request.method, request.scope.get("query_string", b""))
        except ProtocolError as e:
            return error_response(e.status, e.message, accept, e.headers)
        fmt = choose(accept, GRAPH_FORMATS, req.formats)
        if fmt is None:
            return error_response(406, "no acceptable RDF format; available: "
                                  + ", ".join(f.media_type for f in GRAPH_FORMATS), None)
        return await site.runner.run(GraphJob(fmt.name, req.graph), None, accept, client_of(request))

    async def sparql(request: Request) -> Response:
        accept = request.headers.get("accept")
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": ", ".join(ALLOWED_METHODS)})
        try:
            body = await read_body(request, site.settings.max_body) if request.method == "POST" else b""
            req = parse_query_request(request.method, request.headers.get("content-type"),
                                      request.scope.get("query_string", b""), body)
        except BodyTooLarge:
            return error_response(413, f"the request body is larger than {site.settings.max_body} bytes", accept)
        except ProtocolError as e:
            return error_response(e.status, e.message, accept, e.headers)
        if req.query is None:
            if "graph" in req.params or "default" in req.params:
                return await graph_store(request)
            # browsers (who prefer HTML) get the query editor, RDF clients the service description
            if choose(accept, [*GRAPH_FORMATS, HTML], req.formats) is HTML:
                return FileResponse(EDITOR, media_type="text/html; charset=utf-8", headers={"Vary": "Accept"})
            return rdf_response(sd, accept, req.formats)
        return await answer_query(site.runner, QueryCall(req.query, accept, client_of(request), req.formats,
                                                         req.timeout, req.dataset, req.bindings))

    return sparql, graph_store


def router(sparql: View, graph_store: View) -> APIRouter:
    routes = APIRouter()
    for method in ("GET", "POST"):
        routes.add_api_route("/sparql", sparql, methods=[method], operation_id=f"sparql_{method.lower()}",
                             summary="SPARQL 1.1 query endpoint", description=SPARQL_DOC, response_class=Response,
                             openapi_extra=sparql_openapi(method))
    for method in _GRAPH_STORE_METHODS:  # one route per method, so each gets its own OpenAPI operation id
        routes.add_api_route(
            "/graph-store", graph_store, methods=[method], operation_id=f"graph_store_{method.lower()}",
            include_in_schema=method in ("GET", "POST"), summary="Graph Store Protocol (read-only)",
            description="`?graph=IRI` for a named graph, `?default` for the default graph (the union of all "
            "named graphs); RDF format by Accept or `format=`. Writing methods answer 405.", response_class=Response)
    return routes

