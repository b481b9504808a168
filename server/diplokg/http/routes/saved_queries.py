"""REST API over the saved queries: ``/queries`` (list), ``/queries/{slug}`` (metadata and text),
``/queries/{slug}/results[.ext]`` (run with typed parameters). Every saved query is also its own
OpenAPI operation with typed, described parameters."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from diplokg.core.formats import HTML, JSON, SPARQL_TEXT
from diplokg.http.answer import QueryCall, answer_query
from diplokg.http.chrome import PAGE_END, page_start
from diplokg.http.errors import ProtocolError
from diplokg.http.limits import MIN_TIMEOUT_SECONDS, BodyTooLarge
from diplokg.http.negotiation import choose
from diplokg.http.protocol import request_params
from diplokg.http.responses import error_response
from diplokg.http.site import Site, client_of
from diplokg.saved_queries.catalog import ALLOWED_VALUES_QUERY, ParameterError, SavedQuery

# result-file suffixes: /queries/{slug}/results.csv
SUFFIXES = {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv", "ttl": "turtle",
            "nt": "ntriples", "rdf": "rdfxml", "jsonld": "jsonld", "trig": "trig", "nq": "nquads"}
_RESERVED = {"format", "timeout"}


class SavedQueryViews:
    """The views of the saved-query API over ``queries``, with the allowed values of enumerated
    parameters read once from the store."""

    def __init__(self, site: Site, queries: dict[str, SavedQuery]) -> None:
        self.site, self.queries = site, queries
        self._allowed: dict[str, dict[str, set[str]]] = {}

    async def allowed_values(self, saved: SavedQuery) -> dict[str, set[str]]:
        if saved.slug not in self._allowed:
            allowed = {}
            for p in saved.parameters:
                if p.enumerate and p.values_class:
                    values = await self.site.runner.values(ALLOWED_VALUES_QUERY,
                                                           {"class": ox.NamedNode(p.values_class)})
                    allowed[p.name] = set(values)
            self._allowed[saved.slug] = allowed
        return self._allowed[saved.slug]

    def iri(self, saved: SavedQuery) -> str:
        """The saved query's published IRI (also the base IRI of its relative IRIs)."""
        return self.site.settings.base_url + "queries/" + saved.slug

    def describe(self, saved: SavedQuery) -> dict[str, Any]:
        base = self.iri(saved)
        return {
            "slug": saved.slug, "summary": saved.summary, "description": saved.description, "tags": list(saved.tags),
            "view": saved.view, "form": saved.form, "federated": saved.federated,
            "parameters": [{"name": p.name, "variable": "?" + p.variable, "type": p.type, "required": p.required,
                            "default": p.default, "description": p.description, "enumerate": p.enumerate,
                            "class": p.values_class} for p in saved.parameters],
            "links": {"self": base, "text": base + "?format=rq", "results": base + "/results"},
        }

    async def list_queries(self, request: Request) -> Response:
        items = [self.describe(q) for q in self.queries.values()]
        if choose(request.headers.get("accept"), [JSON, HTML], request.query_params.getlist("format")) is HTML:
            rows = "".join(
                f"<li><a href=\"queries/{html.escape(q['slug'])}\">{html.escape(q['slug'])}</a> — "
                f"{html.escape(q['summary'])} <small>[{html.escape(', '.join(q['tags']))}]</small> "
                f"<a href=\"sparql?saved={html.escape(q['slug'])}\">open in the editor</a> · results: "
                + " ".join(f"<a href=\"queries/{html.escape(q['slug'])}/results.{ext}\">{ext}</a>"
                           for ext in (("json", "csv", "tsv") if q["form"] in ("SELECT", "ASK") else ("ttl", "nt")))
                + "</li>" for q in items)
            return Response(page_start("diplokg saved queries", self.site.settings.base_url)
                            + f"<main><h1>Saved queries</h1><ul>{rows}</ul></main>" + PAGE_END, 200, {"Vary": "Accept"},
                            "text/html; charset=utf-8")
        return JSONResponse({"queries": items}, headers={"Vary": "Accept"})

    async def show_query(self, slug: str, request: Request) -> Response:
        saved = self.queries.get(slug)
        if saved is None:
            return error_response(404, f"no saved query {slug!r}; see /queries", request.headers.get("accept"))
        fmt = choose(request.headers.get("accept"), [JSON, SPARQL_TEXT], request.query_params.getlist("format"))
        if fmt is SPARQL_TEXT:
            return Response(saved.text, 200, {"Vary": "Accept"}, "application/sparql-query; charset=utf-8")
        body = self.describe(saved)
        body["query"] = saved.text
        if any(p.enumerate and p.values_class for p in saved.parameters):
            allowed = await self.allowed_values(saved)
            for p in body["parameters"]:
                if p["name"] in allowed:
                    p["allowed_values"] = sorted(allowed[p["name"]])
        return JSONResponse(body, headers={"Vary": "Accept"})

    async def run_saved(self, request: Request, slug: str, suffix: str | None = None) -> Response:
        accept = request.headers.get("accept")
        saved = self.queries.get(slug)
        if saved is None:
            return error_response(404, f"no saved query {slug!r}; see /queries", accept)
        if suffix is not None and suffix not in SUFFIXES:
            return error_response(404, f"unknown result suffix .{suffix}; use one of "
                                  + ", ".join("." + s for s in SUFFIXES), accept)
        try:
            raw = await request_params(request, self.site.settings.max_body)
            formats = [SUFFIXES[suffix]] if suffix else raw.pop("format", [])
            raw.pop("format", None)
            timeout = _timeout(raw.pop("timeout", []))
            bindings = saved.bind(raw, await self.allowed_values(saved))
        except BodyTooLarge:
            return error_response(413, f"the request body is larger than {self.site.settings.max_body} bytes", accept)
        except ProtocolError as e:
            return error_response(e.status, e.message, accept)
        except ParameterError as e:
            return error_response(400, str(e), accept, parameter=e.parameter)
        call = QueryCall(saved.text, accept, client_of(request), formats, timeout,
                         bindings={var.value: term for var, term in bindings.items()}, base=self.iri(saved))
        return await answer_query(self.site.runner, call)



def _timeout(values: list[str]) -> float | None:
    try:
        timeout = float(values[0]) if values else None
        if timeout is not None and not timeout >= MIN_TIMEOUT_SECONDS:  # also NaN
            raise ValueError
    except ValueError:
        raise ProtocolError(400, f"'timeout' must be a number of seconds, at least {MIN_TIMEOUT_SECONDS:g}") from None
    return timeout


def router(site: Site, queries: dict[str, SavedQuery]) -> APIRouter:
    views = SavedQueryViews(site, queries)
    routes = APIRouter()
    routes.add_api_route("/queries", views.list_queries, methods=["GET"], tags=["saved queries"],
                         summary="The saved queries (research questions)", response_class=Response)
    routes.add_api_route("/queries/{slug}", views.show_query, methods=["GET"], tags=["saved queries"],
                         summary="One saved query: metadata, parameters and text", response_class=Response)
    for saved, method in ((q, m) for q in queries.values() for m in ("GET", "POST")):
        routes.add_api_route(
            f"/queries/{saved.slug}/results", _bound(views.run_saved, saved.slug), methods=[method],
            summary=saved.summary, description=saved.description or saved.summary, tags=["saved queries"],
            operation_id=f"query_{saved.slug.replace('-', '_')}_{method.lower()}", response_class=Response,
            openapi_extra=_openapi_inputs(saved, method))

    async def run_any(slug: str, request: Request) -> Response:
        return await views.run_saved(request, slug)

    async def run_suffix(slug: str, suffix: str, request: Request) -> Response:
        return await views.run_saved(request, slug, suffix)

    routes.add_api_route("/queries/{slug}/results", run_any, methods=["GET", "POST"], include_in_schema=False)
    routes.add_api_route("/queries/{slug}/results.{suffix}", run_suffix, methods=["GET", "POST"],
                         include_in_schema=False)
    return routes


def _bound(handler: Callable[[Request, str], Awaitable[Response]],
           slug: str) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        return await handler(request, slug)

    return endpoint


_FORMAT = {"name": "format", "in": "query", "required": False,
           "description": "result format (json, xml, csv, tsv, ttl, nt, rdfxml, jsonld); overrides Accept",
           "schema": {"type": "string"}}


def _openapi_inputs(saved: Any, method: str) -> dict[str, Any]:
    """GET: the parameters in the URL; POST: the same as a form-encoded body (required: the route
    answers 415 to a POST without one)."""
    parameters = [_openapi_parameter(p) for p in saved.parameters] + [_FORMAT]
    if method == "GET":
        return {"parameters": parameters}
    form = {"type": "object", "properties": {p["name"]: {**p["schema"], "description": p["description"]}
                                             for p in parameters},
            "required": [p["name"] for p in parameters if p["required"]]}
    return {"requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": form}}}}


def _openapi_parameter(p: Any) -> dict[str, Any]:
    description = p.description or p.name
    if p.enumerate and p.values_class:
        description += f" (one of the instances of <{p.values_class}>; see /queries/{{slug}} for the list)"
    return {"name": p.name, "in": "query", "required": p.required and p.default is None,
            "description": description, "schema": p.json_schema()}

