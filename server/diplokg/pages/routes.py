"""The routes of the pages: entities (``/id/…``), the ontology (and its version IRI), concept
schemes and concepts (``/vocab/…``), the shapes, named graphs (``/graph/…``) and the landing page."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from diplokg import __version__
from diplokg.core.formats import HTML, JSON
from diplokg.http.negotiation import choose
from diplokg.http.responses import error_response
from diplokg.http.site import Site, client_of
from diplokg.pages.entity import entity_response
from diplokg.pages.graph import graph_response
from diplokg.pages.landing import landing_counts, landing_page
from diplokg.pages.ontology import OntologyDocs
from diplokg.pages.shapes import load_shapes_doc, shapes_response

_ENTITY_DOC = ("Every IRI https://w3id.org/diplokg/id/PATH is served here: HTML for browsers, "
               "Turtle/JSON-LD/N-Triples/RDF-XML by Accept or format=.")
_ONTOLOGY_DOC = ("HTML documentation for browsers; the ontology graph as Turtle/JSON-LD/N-Triples/"
                 "RDF-XML/TriG/N-Quads by Accept or format=.")
_VOCAB_DOC = ("303 See Other to the concept's place in the ontology documentation (browsers) "
              "or to the ontology graph in the negotiated RDF format.")


def router(site: Site) -> APIRouter:
    routes = APIRouter()
    _entity_routes(routes, site)
    _ontology_routes(routes, site)

    @routes.get("/", summary="Entry point", response_class=Response, include_in_schema=False)
    async def root(request: Request) -> Response:
        return landing(site, request.headers.get("accept"))

    return routes


def _entity_routes(routes: APIRouter, site: Site) -> None:
    settings, release = site.settings, site.release

    @routes.api_route("/id/{path:path}", methods=["GET", "HEAD"], summary="Linked Data: the page or RDF of an entity",
                      description=_ENTITY_DOC, response_class=Response)
    async def entity(path: str, request: Request) -> Response:
        try:
            offset = max(int(request.query_params.get("offset", "0")), 0)
        except ValueError:
            return error_response(400, "'offset' must be a whole number", request.headers.get("accept"))
        return await entity_response(path, request.headers.get("accept"), request.query_params.getlist("format"),
                                     offset, client_of(request), site.runner, settings)

    @routes.api_route("/graph/{path:path}", methods=["GET", "HEAD"], summary="A named graph IRI",
                      description="303 See Other to the Graph Store for RDF clients; a short page for browsers.",
                      response_class=Response)
    async def named_graph(path: str, request: Request) -> Response:
        return graph_response(path, request.headers.get("accept"), request.query_params.getlist("format"),
                              release.stats.get("graphs", {}), settings.base_url, release.build_id)


def _ontology_routes(routes: APIRouter, site: Site) -> None:
    """The other IRIs of our namespace: the ontology (and its version IRI), vocabularies, shapes."""
    settings = site.settings
    docs = OntologyDocs(site.runner, settings.base_url, site.release.build_id)
    shapes = load_shapes_doc(site.release.shape_files())

    @routes.api_route("/ontology", methods=["GET", "HEAD"], summary="The ontology: documentation or RDF",
                      description=_ONTOLOGY_DOC, response_class=Response)
    async def ontology(request: Request) -> Response:
        return await docs.ontology(settings.base_url + "ontology", request.headers.get("accept"),
                                   request.query_params.getlist("format"), client_of(request))

    @routes.api_route("/ontology/{version}", methods=["GET", "HEAD"], summary="A version IRI of the ontology",
                      response_class=Response)
    async def ontology_version(version: str, request: Request) -> Response:
        return await docs.version(version, request.headers.get("accept"), request.query_params.getlist("format"),
                                  client_of(request))

    @routes.api_route("/vocab/{path:path}", methods=["GET", "HEAD"], summary="Concept schemes and concepts",
                      description=_VOCAB_DOC, response_class=Response)
    async def vocab(path: str, request: Request) -> Response:
        return await docs.vocab(path, request.headers.get("accept"), request.query_params.getlist("format"))

    @routes.api_route("/shapes", methods=["GET", "HEAD"], summary="The SHACL shapes of the release",
                      response_class=Response)
    async def shapes_document(request: Request) -> Response:
        return shapes_response(shapes, request.headers.get("accept"), request.query_params.getlist("format"),
                               settings.base_url)


def landing(site: Site, accept: str | None) -> Response:
    """``/``: the landing page for browsers, the entry points as JSON otherwise."""
    settings, release = site.settings, site.release
    base = settings.base_url
    links = {"sparql": settings.endpoint_url, "queries": base + "queries", "void": base + ".well-known/void",
             "dumps": base + "dumps/", "graph_store": base + "graph-store", "openapi": base + "docs",
             "health": base + "health", "ontology": base + "ontology", "shapes": base + "shapes"}
    counts = landing_counts(release.stats)
    if choose(accept, [JSON, HTML], None) is HTML:
        return Response(landing_page(base, release, counts), 200, {"Vary": "Accept"}, "text/html; charset=utf-8")
    return JSONResponse({"name": "diplokg", "version": __version__, "release": release.build_id,
                         "triples": release.stats["triples"], "counts": counts, **links})
