"""The routes of search and reconciliation: ``/search`` (HTML or JSON by negotiation),
``/reconcile`` (manifest, queries, data extension; GET or form POST), its suggest, preview and
propose-properties services and its documentation page. Each request counts once against its
client's limit of concurrent requests, as a SPARQL query does; bad input is a 400 that says why."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from diplokg.core.formats import HTML, JSON
from diplokg.http.errors import InternalQueryFailed, ProtocolError
from diplokg.http.limits import BodyTooLarge
from diplokg.http.negotiation import choose
from diplokg.http.protocol import request_params
from diplokg.http.responses import error_response, not_acceptable
from diplokg.http.site import Site, client_of
from diplokg.matching.index import MAX_QUERY, NameIndex
from diplokg.search import service
from diplokg.search.extend import ExtendError, extend, propose, read_extend
from diplokg.search.facts import Lookup, TooMuchWork
from diplokg.search.finder import MAX_OFFSET, Finder, SearchError, SearchRequest
from diplokg.search.page import search_page
from diplokg.search.reconcile import ReconcileError, candidates, read_batch

_JSON = "application/json"
Render = Callable[[], Awaitable[Response]]
#: the preview card is shown in an iframe of the client (OpenRefine on another origin): it may be
#: framed by any page, and it loads nothing and runs nothing (the site's own CSP forbids framing)
PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors *"
_SEARCH_DOC = ("Entities by name: every label and alternative label, in any language, script, transliteration "
               "or word order, with small misspellings; exact labels first. Parameters: q, type (repeatable: IRI, "
               "dkg:Class or Class), limit (1-100), offset, lang. HTML for browsers, JSON otherwise. iri= (JSON): "
               "the one entity of that IRI, with its label and type.")


def router(site: Site) -> APIRouter:
    views = Views(site, Finder(NameIndex(site.release.name_index), site.settings.base_url))
    routes = APIRouter()
    routes.add_api_route("/search", views.search, methods=["GET"], summary="Search entities by name",
                         description=_SEARCH_DOC, response_class=Response)
    routes.add_api_route("/reconcile", views.reconcile, methods=["GET", "POST"],
                         summary="W3C Reconciliation Service API 0.2", response_class=JSONResponse,
                         description="Without parameters the service manifest; 'queries' (JSON) reconciles names, "
                         "'extend' (JSON) returns property values of reconciled ids. GET or form-encoded POST.")
    routes.add_api_route("/reconcile/suggest/{kind}", views.suggest, methods=["GET"], response_class=JSONResponse,
                         summary="Suggest entities, types or properties (by prefix)")
    routes.add_api_route("/reconcile/preview", views.preview, methods=["GET"], response_class=HTMLResponse,
                         summary="A small HTML card of an entity")
    routes.add_api_route("/reconcile/properties", views.properties, methods=["GET"], response_class=JSONResponse,
                         summary="Properties proposed for a type (data extension)")
    routes.add_api_route("/reconcile/docs", views.docs, methods=["GET"], response_class=HTMLResponse,
                         summary="How to use the reconciliation service, and its limits")
    return routes


class Views:
    def __init__(self, site: Site, finder: Finder) -> None:
        self.site, self.finder = site, finder

    async def limited(self, request: Request, accept: str | None, render: Render) -> Response:
        """``render``'s response, counted against the client's limit; its errors as 400 or 503."""
        async def guarded() -> Response:
            try:
                return await render()
            except (SearchError, ReconcileError, ExtendError, TooMuchWork) as e:
                return error_response(400, str(e), accept)
            except InternalQueryFailed as e:
                return error_response(503, f"the facts of an entity could not be read ({e}); retry", accept,
                                      {"Retry-After": "5"})
        return await self.site.runner.page(client_of(request), accept, guarded)

    async def search(self, request: Request) -> Response:
        accept, finder = request.headers.get("accept"), self.finder
        fmt = choose(accept, [JSON, HTML], request.query_params.getlist("format"))
        if fmt is None:
            return not_acceptable([JSON, HTML])

        async def render() -> Response:
            iri = request.query_params.get("iri")
            if iri is not None and fmt is JSON:  # one entity by its IRI: its label and type
                wanted = SearchRequest(iri, lang=request.query_params.get("lang", "en"))
                return JSONResponse(finder.as_json(wanted, finder.look_up(iri, wanted.lang)))
            wanted = finder.read(request.query_params.getlist, need_q=fmt is JSON)
            found = await asyncio.to_thread(finder.find, wanted) if wanted.q else None
            if fmt is HTML:
                return HTMLResponse(search_page(finder, wanted, found), headers={"Vary": "Accept"})
            assert found is not None, "a JSON search has a query"
            return JSONResponse(finder.as_json(wanted, found), headers={"Vary": "Accept"})
        return await self.limited(request, _JSON if fmt is JSON else None, render)

    async def reconcile(self, request: Request) -> Response:
        finder, max_body = self.finder, self.site.settings.max_body
        try:
            params = await request_params(request, max_body)
        except BodyTooLarge:
            return error_response(413, f"the request body is larger than {max_body} bytes", _JSON)
        except ProtocolError as e:
            return error_response(e.status, e.message, _JSON)
        if "queries" in params:
            async def answer() -> Response:
                batch = read_batch(params["queries"][-1], finder)
                lookup = Lookup(self.site.runner.select, finder.index)
                return JSONResponse({key: {"result": await candidates(query, finder, lookup)}
                                     for key, query in batch.items()})
            return await self.limited(request, _JSON, answer)
        if "extend" in params:
            async def extension() -> Response:
                ids, chosen = read_extend(params["extend"][-1])
                return JSONResponse(await extend(ids, chosen, finder, Lookup(self.site.runner.select, finder.index)))
            return await self.limited(request, _JSON, extension)
        return JSONResponse(service.manifest(finder))

    async def suggest(self, kind: str, request: Request) -> Response:
        prefix = request.query_params.get("prefix", "")
        cursor = request.query_params.get("cursor", "0")
        if len(prefix) > MAX_QUERY:
            return error_response(400, f"'prefix' has more than {MAX_QUERY} characters", _JSON)
        if not cursor.isdigit() or int(cursor) > MAX_OFFSET:
            return error_response(400, f"'cursor' must be a whole number up to {MAX_OFFSET}", _JSON)
        if kind == "entity":
            async def entities() -> Response:
                return JSONResponse(await asyncio.to_thread(service.suggest_entities, self.finder, prefix,
                                                            request.query_params.get("type"), int(cursor)))
            return await self.limited(request, _JSON, entities)
        if kind == "type":
            return JSONResponse(service.suggest_types(self.finder, prefix))
        if kind == "property":
            return JSONResponse(service.suggest_properties(prefix))
        return error_response(404, f"no suggest service {kind!r}; there are entity, type and property", _JSON)

    async def preview(self, request: Request) -> Response:
        ident = request.query_params.get("id", "")
        if not ident or len(ident) > 1000:
            return error_response(400, "give the entity's id as 'id' (e.g. id=state/NOR)", None)
        card = service.preview(self.finder, ident)
        if card is None:
            return error_response(404, f"no entity with id {ident!r}", None)
        return HTMLResponse(card, headers={"Content-Security-Policy": PREVIEW_CSP})

    async def properties(self, request: Request) -> Response:
        limit = request.query_params.get("limit", "50")
        if not limit.isdigit() or not 0 < int(limit) <= 100:
            return error_response(400, "'limit' must be a whole number from 1 to 100", _JSON)
        try:
            return JSONResponse(propose(self.finder, request.query_params.get("type"), int(limit)))
        except ExtendError as e:
            return error_response(400, str(e), _JSON)

    async def docs(self) -> Response:
        return HTMLResponse(service.docs_page(self.finder))
