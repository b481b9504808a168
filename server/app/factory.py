"""The web application: thin routes over the protocol, query, graph-store, dump and description modules.

``create_app(settings, release)`` builds an app with no global state; the worker pool starts and
stops with the app's lifespan."""

from __future__ import annotations

import contextlib
import html
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.staticfiles import StaticFiles

from diplokg import __version__
from diplokg.http.access_log import AccessLog
from diplokg.pages.entity import entity_response
from diplokg.pages.graph import graph_response
from diplokg.pages.landing import landing_counts, landing_page
from diplokg.core.formats import GRAPH_FORMATS, HTML, JSON
from diplokg.http.graph_store import parse_graph_request
from diplokg.http.responses import error_response
from diplokg.http.error_budget import ErrorBudget, ErrorBudgetLimit
from diplokg.http.limits import BodyTooLarge, ClientLimiter, SizeLimits, read_body
from diplokg.core.namespaces import PREFIXES
from diplokg.http.negotiation import choose
from diplokg.pages.ontology import OntologyDocs
from diplokg.engine.backend import QueryBackend, backend_for
from diplokg.http.protocol import ALLOWED_METHODS, ProtocolError, parse_query_request
from diplokg.http.query_service import TRUNCATED_HEADER, QueryService
from diplokg.build.reader import Release
from diplokg.releases.versions import release_info
from diplokg.saved_queries.catalog import load_all
from diplokg.http.saved_queries import add_saved_query_routes
from diplokg.http.service_description import service_description
from diplokg.http.security_headers import SecurityHeaders
from diplokg.http.openapi import SPARQL_DOC, sparql_openapi
from diplokg.pages.shapes import load_shapes_doc, shapes_response
from diplokg.core.settings import Settings
from diplokg.http.void import void_description

STATIC = Path(__file__).resolve().parents[1] / "static"

def create_app(settings: Settings, release: Release, pool: QueryBackend | None = None) -> FastAPI:
    """The app; with ``pool`` None it starts (and stops) its own query backend in its lifespan."""
    own_pool = pool is None
    pool = pool or backend_for(release, settings)
    service = QueryService(settings, pool, ClientLimiter(settings.client_concurrency))
    saved_queries = load_all(release.queries_dir)
    sd = service_description(settings, release.stats)
    versioned = release_info(release.path)
    void = void_description(settings.base_url, release.stats, release.dumps, release.built_at, versioned)
    released = {"release_iri": versioned["version_iri"]} if versioned else {}
    ontology_docs = OntologyDocs(service, settings.base_url, release.build_id)
    shapes = load_shapes_doc(release.shape_files())

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if own_pool:
            await pool.start()
        try:
            yield
        finally:
            if own_pool:
                await pool.close()

    app = FastAPI(
        title="diplokg SPARQL endpoint",
        version=__version__,
        description="Linked Data and a read-only SPARQL 1.1 endpoint over the diplokg knowledge graph of "
        "diplomatic relations. Data licence: CC BY 4.0.",
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url=None,
    )

    def client_of(request: Request) -> str:
        return request.client.host if request.client else "-"

    def rdf_response(description: Any, request: Request, extra: dict[str, str] | None = None) -> Response:
        fmt = choose(request.headers.get("accept"), GRAPH_FORMATS, request.query_params.getlist("format"))
        if fmt is None:
            return error_response(406, "no acceptable RDF format; available: "
                                  + ", ".join(f.media_type for f in GRAPH_FORMATS), None)
        return Response(description.serialize(fmt.name), 200, {"Vary": "Accept", **(extra or {})}, fmt.content_type)

    async def sparql(request: Request) -> Response:
        accept = request.headers.get("accept")
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": ", ".join(ALLOWED_METHODS)})
        try:
            body = await read_body(request, settings.max_body) if request.method == "POST" else b""
            req = parse_query_request(request.method, request.headers.get("content-type"),
                                      request.scope.get("query_string", b""), body)
        except BodyTooLarge:
            return error_response(413, f"the request body is larger than {settings.max_body} bytes", accept)
        except ProtocolError as e:
            return error_response(e.status, e.message, accept, e.headers)
        if req.query is None:
            if "graph" in req.params or "default" in req.params:
                return await graph_store(request)
            # browsers (who prefer HTML) get the query editor, RDF clients the service description
            if choose(accept, [*GRAPH_FORMATS, HTML], req.formats) is HTML:
                return FileResponse(STATIC / "editor.html", media_type="text/html; charset=utf-8",
                                    headers={"Vary": "Accept"})
            return rdf_response(sd, request)
        return await service.answer(req, accept, client_of(request))

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
        return await service.run({"op": "graph", "graph": req.graph, "format": fmt.name}, None, accept,
                                 client_of(request))

    # /sparql is answered by DirectRoute (below) for every method; these entries document it
    for method in ("GET", "POST"):
        app.add_api_route("/sparql", sparql, methods=[method], operation_id=f"sparql_{method.lower()}",
                          summary="SPARQL 1.1 query endpoint", description=SPARQL_DOC, response_class=Response,
                          openapi_extra=sparql_openapi(method))
    add_route_per_method(app, "/graph-store", graph_store, ["GET", "HEAD", "OPTIONS", "PUT", "POST", "DELETE", "PATCH"],
                         "graph_store", summary="Graph Store Protocol (read-only)",
                         description="`?graph=IRI` for a named graph, `?default` for the default graph (the union "
                         "of all named graphs); RDF format by Accept or `format=`. Writing methods answer 405.",
                         response_class=Response)
    add_saved_query_routes(app, settings, service, saved_queries)

    @app.get("/.well-known/void", summary="VoID + DCAT description of the dataset", response_class=Response)
    async def well_known_void(request: Request) -> Response:
        return rdf_response(void, request)

    @app.get("/dumps/", summary="List of the downloadable dumps", response_class=Response)
    async def dumps_listing(request: Request) -> Response:
        entries = [{**{k: e[k] for k in ("file", "title", "media_type", "gzip", "bytes", "sha256")},
                    "url": settings.base_url + "dumps/" + e["file"]} for e in release.dumps]
        if choose(request.headers.get("accept"), [JSON, HTML], request.query_params.getlist("format")) is HTML:
            rows = "".join(
                f"<tr><td><a href=\"{html.escape(e['file'])}\">{html.escape(e['file'])}</a></td>"
                f"<td>{html.escape(e['title'])}</td><td>{e['bytes']}</td><td><code>{e['sha256']}</code></td></tr>"
                for e in entries)
            page = (f"<!doctype html><meta charset=utf-8><title>diplokg dumps</title><h1>diplokg dumps</h1>"
                    f"<p>Release {html.escape(release.build_id)}, built {release.built_at}. Licence: "
                    "<a href=\"https://creativecommons.org/licenses/by/4.0/\">CC BY 4.0</a>.</p>"
                    f"<table><tr><th>file</th><th>content</th><th>bytes</th><th>SHA-256</th></tr>{rows}</table>")
            return Response(page, 200, {"Vary": "Accept"}, "text/html; charset=utf-8")
        return JSONResponse({"release": release.build_id, "built_at": release.built_at, "license":
                             "https://creativecommons.org/licenses/by/4.0/", "dumps": entries}, headers={"Vary": "Accept"})

    @app.get("/dumps/{name}", summary="Download one dump", response_class=Response)
    async def dump_file(name: str, request: Request) -> Response:
        found = release.dump_file(name)
        if found is None:
            return error_response(404, f"no dump named {name!r}; see /dumps/", request.headers.get("accept"))
        path, entry = found
        etag = f'"{entry["sha256"]}"'
        if etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
            return Response(status_code=304, headers={"ETag": etag})
        media = "application/gzip" if entry["gzip"] else entry["media_type"]
        return FileResponse(path, media_type=media, filename=name, content_disposition_type="attachment",
                            headers={"ETag": etag, "Digest": f"sha-256={entry['sha256']}", "Cache-Control": "public, max-age=3600"})

    @app.api_route("/id/{path:path}", methods=["GET", "HEAD"], summary="Linked Data: the page or RDF of an entity",
                   description="Every IRI https://w3id.org/diplokg/id/PATH is served here: HTML for browsers, "
                   "Turtle/JSON-LD/N-Triples/RDF-XML by Accept or format=.", response_class=Response)
    async def entity(path: str, request: Request) -> Response:
        try:
            offset = max(int(request.query_params.get("offset", "0")), 0)
        except ValueError:
            return error_response(400, "'offset' must be a whole number", request.headers.get("accept"))
        return await entity_response(path, request.headers.get("accept"), request.query_params.getlist("format"),
                                     offset, client_of(request), service, settings)

    # the other IRIs of our namespace: ontology (and version IRI), vocabularies, shapes, named graphs
    @app.api_route("/ontology", methods=["GET", "HEAD"], summary="The ontology: documentation or RDF",
                   description="HTML documentation for browsers; the ontology graph as Turtle/JSON-LD/N-Triples/"
                   "RDF-XML/TriG/N-Quads by Accept or format=.", response_class=Response)
    async def ontology(request: Request) -> Response:
        return await ontology_docs.ontology(settings.base_url + "ontology", request.headers.get("accept"),
                                            request.query_params.getlist("format"), client_of(request))

    @app.api_route("/ontology/{version}", methods=["GET", "HEAD"], summary="A version IRI of the ontology",
                   response_class=Response)
    async def ontology_version(version: str, request: Request) -> Response:
        return await ontology_docs.version(version, request.headers.get("accept"),
                                           request.query_params.getlist("format"), client_of(request))

    @app.api_route("/vocab/{path:path}", methods=["GET", "HEAD"], summary="Concept schemes and concepts",
                   description="303 See Other to the concept's place in the ontology documentation (browsers) "
                   "or to the ontology graph in the negotiated RDF format.", response_class=Response)
    async def vocab(path: str, request: Request) -> Response:
        return await ontology_docs.vocab(path, request.headers.get("accept"), request.query_params.getlist("format"))

    @app.api_route("/shapes", methods=["GET", "HEAD"], summary="The SHACL shapes of the release",
                   response_class=Response)
    async def shapes_document(request: Request) -> Response:
        return shapes_response(shapes, request.headers.get("accept"), request.query_params.getlist("format"),
                               settings.base_url)

    @app.api_route("/graph/{path:path}", methods=["GET", "HEAD"], summary="A named graph IRI",
                   description="303 See Other to the Graph Store for RDF clients; a short page for browsers.",
                   response_class=Response)
    async def named_graph(path: str, request: Request) -> Response:
        return graph_response(path, request.headers.get("accept"), request.query_params.getlist("format"),
                              release.stats.get("graphs", {}), settings.base_url, release.build_id)

    @app.get("/prefixes", summary="The predefined prefixes of the endpoint", response_class=JSONResponse)
    async def prefixes() -> JSONResponse:
        return JSONResponse(PREFIXES)

    @app.get("/health", summary="Store loaded and workers alive", response_class=JSONResponse)
    async def health() -> JSONResponse:
        state = pool.health()
        ok = state["store_loaded"] and state["workers"]["alive"] > 0
        return JSONResponse({"status": "ok" if ok else "unavailable", "version": __version__,
                             "release": release.build_id, **released, **state}, 200 if ok else 503)

    @app.get("/", summary="Entry point", response_class=Response, include_in_schema=False)
    async def root(request: Request) -> Response:
        links = {"sparql": settings.endpoint_url, "queries": settings.base_url + "queries",
                 "void": settings.base_url + ".well-known/void", "dumps": settings.base_url + "dumps/",
                 "graph_store": settings.base_url + "graph-store", "openapi": settings.base_url + "docs",
                 "health": settings.base_url + "health", "ontology": settings.base_url + "ontology",
                 "shapes": settings.base_url + "shapes"}
        counts = landing_counts(release.stats)
        if choose(request.headers.get("accept"), [JSON, HTML], None) is HTML:
            return Response(landing_page(settings.base_url, release, counts), 200, {"Vary": "Accept"},
                            "text/html; charset=utf-8")
        return JSONResponse({"name": "diplokg", "version": __version__, "release": release.build_id,
                             "triples": release.stats["triples"], "counts": counts, **links})

    # /sparql is served by the same handler, but dispatched before FastAPI's routing and dependency
    # machinery (the route above stays for the OpenAPI description): that layer costs more than the
    # rest of a cheap query.
    app.add_middleware(DirectRoute, path="/sparql", endpoint=sparql)
    app.add_middleware(SizeLimits, max_url=settings.max_url, max_body=settings.max_body)
    if settings.client_errors:
        app.add_middleware(ErrorBudgetLimit, budget=ErrorBudget(settings.client_errors))
    # outside the limits, so that their refusals (413, 414, 429, 431) reach browser clients on other
    # origins as what they are, not as opaque network errors
    app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST", "HEAD", "OPTIONS"],
                       allow_headers=["*"], expose_headers=[TRUNCATED_HEADER, "Retry-After", "X-Diplokg-Row-Cap", "ETag",
                                                            "Content-Length", "Content-Range", "Digest"], max_age=3600)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    if settings.access_log:
        app.add_middleware(AccessLog)
    app.state.pool = pool
    return app


def add_route_per_method(app: FastAPI, path: str, endpoint: Any, methods: list[str], name: str, **kwargs: Any) -> None:
    """One route per method, so each gets its own OpenAPI operation id."""
    for method in methods:
        app.add_api_route(path, endpoint, methods=[method], operation_id=f"{name}_{method.lower()}",
                          include_in_schema=method in ("GET", "POST"), **kwargs)


class DirectRoute:
    """ASGI middleware answering one path with a plain ``Request -> Response`` function."""

    def __init__(self, app: Any, path: str, endpoint: Any) -> None:
        self.app, self.path, self.endpoint = app, path, endpoint

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] == self.path:
            response = await self.endpoint(Request(scope, receive))
            await response(scope, receive, send)
        else:
            await self.app(scope, receive, send)
