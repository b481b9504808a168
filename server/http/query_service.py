"""Runs a parsed SPARQL protocol request: read-only and federation checks, content negotiation,
time budget, per-client limit, and the response (small results in one piece, large ones streamed)."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.responses import Response, StreamingResponse

from diplokg.engine import framing
from diplokg.http.bindings import check_bindable, protocol_bindings
from diplokg.http.federation import FederationRefused, check_services
from diplokg.http.budget import query_budget, service_timeout_message
from diplokg.core.formats import BY_NAME, GRAPH_FORMATS, RESULT_FORMATS
from diplokg.http.responses import error_response
from diplokg.http.limits import MAX_QUERY_NESTING, ClientLimiter
from diplokg.core.namespaces import PREFIXES
from diplokg.http.negotiation import choose
from diplokg.engine.backend import QueryBackend
from diplokg.engine.fair_shares import PoolBusy
from diplokg.engine.pool import QueryTimeout, WorkerFailed, WorkerOutOfMemory
from diplokg.http.protocol import ProtocolError, QueryRequest
from diplokg.core.settings import Settings
from diplokg.core.lexer import analyse

TRUNCATED_HEADER = "X-Diplokg-Truncated"


def query_request(text: str, results_format: str | None, graph_format: str | None, row_cap: int,
                  union: bool = True, dataset: tuple[list[str], list[str]] | None = None,
                  substitutions: dict[str, dict[str, str]] | None = None,
                  services: list[str] | None = None) -> dict[str, Any]:
    """A worker request for a query (see executor.execute); ``dataset`` is a protocol dataset
    (default graphs, named graphs) that replaces the query's own; ``services`` the SERVICE endpoints
    the query calls (they shorten its time budget and name the endpoint when a call fails)."""
    return {
        "op": "query", "query": text,
        "default_graphs": dataset[0] if dataset else None, "named_graphs": dataset[1] if dataset else None,
        "union": union, "results_format": results_format, "graph_format": graph_format, "row_cap": row_cap,
        "substitutions": substitutions or {}, "services": services or [],
    }


@dataclass
class QueryService:
    settings: Settings
    pool: QueryBackend
    limiter: ClientLimiter

    def budget(self, requested: float | None) -> float:
        return min(requested, self.settings.timeout) if requested else self.settings.timeout

    async def answer(self, req: QueryRequest, accept: str | None, client: str) -> Response:
        assert req.query is not None
        dataset = (req.default_graphs, req.named_graphs) if req.has_protocol_dataset else None
        try:
            substitutions = protocol_bindings(req.params)  # $name=<term> (RDF4J's convention)
        except ProtocolError as e:
            return error_response(e.status, e.message, accept)
        return await self._answer(req.query, req.formats, accept, client, req.timeout, dataset, substitutions)

    async def answer_saved(self, saved: Any, bindings: dict[Any, Any], formats: list[str], accept: str | None,
                           client: str, timeout: float | None) -> Response:
        """Run a saved query with its parameters bound as RDF terms (pyoxigraph substitutions)."""
        from diplokg.engine.execute import encode_term

        substitutions = {var.value: encode_term(term) for var, term in bindings.items()}
        return await self._answer(saved.text, formats, accept, client, timeout, None, substitutions)

    async def _answer(self, text: str, formats: list[str], accept: str | None, client: str, timeout: float | None,
                      dataset: tuple[list[str], list[str]] | None,
                      substitutions: dict[str, dict[str, str]] | None = None) -> Response:
        """Read-only and federation checks, negotiation for the query's form, then the run."""
        info = analyse(text, PREFIXES)
        if info.max_depth > MAX_QUERY_NESTING:
            return error_response(400, f"the query nests brackets {info.max_depth} levels deep; at most "
                                  f"{MAX_QUERY_NESTING} are accepted", accept, kind="nesting")
        if info.form == "UPDATE":
            return error_response(400, "SPARQL Update operations cannot be sent as a query (and this endpoint is "
                                  "read-only); send a SELECT, ASK, CONSTRUCT or DESCRIBE query", accept)
        try:
            check_services(info, self.settings.federation_allowlist)
        except FederationRefused as e:
            return error_response(400, str(e), accept, kind="federation")
        try:
            check_bindable(text, info.form, list(substitutions or {}))
        except ProtocolError as e:
            return error_response(e.status, e.message, accept)
        results = choose(accept, RESULT_FORMATS, formats)
        graph = choose(accept, GRAPH_FORMATS, formats)
        needed = results if info.form in ("SELECT", "ASK") else graph if info.form in ("CONSTRUCT", "DESCRIBE") else (results or graph)
        if needed is None:
            return _not_acceptable(info.form, formats, accept)
        request = query_request(text, results.name if results else None, graph.name if graph else None,
                                self.settings.row_cap, union=not info.has_dataset_clause, dataset=dataset,
                                substitutions=substitutions, services=[call.iri for call in info.services if call.iri])
        return await self.run(request, timeout, accept, client)

    async def select(self, query: str, substitutions: dict[str, dict[str, str]] | None = None) -> list[dict[str, Any]]:
        """The bindings (SPARQL JSON) of an internal SELECT query, with values bound as RDF terms;
        a result large enough to be streamed is read to its end."""
        response = await self.run(query_request(query, "json", None, 0, substitutions=substitutions),
                                  None, "application/json", None)
        if response.status_code != 200:
            raise WorkerFailed(f"internal query failed with status {response.status_code}")
        if isinstance(response, StreamingResponse):
            body = b"".join([bytes(chunk) async for chunk in response.body_iterator])  # type: ignore[arg-type]
        else:
            body = bytes(response.body)
        return json.loads(body)["results"]["bindings"]

    async def values(self, query: str, substitutions: dict[str, dict[str, str]] | None = None) -> list[str]:
        """First-column values of an internal SELECT query (e.g. the allowed values of a parameter)."""
        rows = await self.select(query, substitutions)
        return [next(iter(b.values()))["value"] for b in rows if b]

    def too_many(self, accept: str | None) -> Response:
        return error_response(429, f"too many concurrent requests from your address (limit "
                              f"{self.settings.client_concurrency}); retry when your other requests have finished",
                              accept, {"Retry-After": "1"})

    async def page(self, client: str, accept: str | None, render: Callable[[], Awaitable[Response]]) -> Response:
        """A page built from several internal queries counts once against its client's limit."""
        if not self.limiter.try_acquire(client):
            return self.too_many(accept)
        try:
            return await render()
        finally:
            self.limiter.release(client)

    async def run(self, request: dict[str, Any], timeout: float | None, accept: str | None, client: str | None,
                  extra_headers: dict[str, str] | None = None) -> Response:
        """Run a worker request; ``client`` None: an internal query of a page that holds the client's slot."""
        if client is not None and not self.limiter.try_acquire(client):
            return self.too_many(accept)
        budget = query_budget(self.budget(timeout), request.get("services") or (), self.settings.service_timeout)
        deadline = time.monotonic() + budget.seconds
        frames = self.pool.run(request, deadline, client)
        handed_over = False
        try:
            kind, payload = await anext(frames)
            if kind == framing.ERROR:
                err = json.loads(payload)
                extra = {k: v for k, v in err.items() if k in ("line", "column", "kind")}
                if err["status"] == 406:
                    return _not_acceptable(err.get("form"), None, accept)
                return error_response(err["status"], err["message"], accept, **extra)
            if kind != framing.HEAD:
                raise WorkerFailed("unexpected first frame")
            head = json.loads(payload)
            fmt = BY_NAME[head["format"]]
            headers = {"Vary": "Accept", **(extra_headers or {})}
            if head.get("truncated"):
                headers[TRUNCATED_HEADER] = "true"
                headers["X-Diplokg-Row-Cap"] = str(self.settings.row_cap)
            # Small results: collect one chunk and answer in one piece; otherwise stream.
            first: list[bytes] = []
            kind, payload = await anext(frames)
            if kind == framing.CHUNK:
                first.append(payload)
                kind, payload = await anext(frames)
            if kind == framing.END:
                return Response(b"".join(first), 200, headers, fmt.content_type)
            if kind == framing.ABORT:  # failed before anything was sent: answer with the error
                err = json.loads(payload)
                return error_response(err.get("status", 500), err["message"], accept,
                                      **({"kind": err["kind"]} if "kind" in err else {}))
            first.append(payload)
            handed_over = True
            return StreamingResponse(self._stream(first, frames, client), 200, headers, fmt.content_type)
        except QueryTimeout:
            if budget.service_bound:
                return error_response(504, service_timeout_message(budget), accept, kind="service-timeout")
            return error_response(503, f"the query did not finish within its time budget of {budget.seconds:g} s and was "
                                  "stopped; make it more selective (LIMIT, more specific patterns) or raise the "
                                  f"'timeout' parameter (at most {self.settings.timeout:g} s)", accept,
                                  {"Retry-After": "5"}, kind="timeout")
        except PoolBusy as e:
            return error_response(503, f"{e}; retry later",
                                  accept, {"Retry-After": "5"}, kind="busy")
        except WorkerOutOfMemory as e:
            return memory_exceeded(e, accept)
        except (WorkerFailed, StopAsyncIteration) as e:
            return error_response(500, f"the query worker failed while answering ({e}); it has been replaced",
                                  accept, kind="worker")
        finally:
            if not handed_over:
                await frames.aclose()
                if client is not None:
                    self.limiter.release(client)

    async def _stream(self, first: list[bytes], frames: AsyncIterator[tuple[int, bytes]], client: str | None) -> AsyncIterator[bytes]:
        try:
            for chunk in first:
                yield chunk
            async for kind, payload in frames:
                if kind == framing.CHUNK:
                    yield payload
                elif kind == framing.END:
                    return
                elif kind == framing.ABORT:
                    raise WorkerFailed(json.loads(payload)["message"])
        finally:
            await frames.aclose()  # type: ignore[attr-defined]
            if client is not None:
                self.limiter.release(client)


def memory_exceeded(e: Exception, accept: str | None) -> Response:
    return error_response(503, f"{e}; the query was stopped and its worker replaced. Make it more selective: fewer "
                          "rows before ORDER BY, GROUP BY or DISTINCT, shorter strings built per row", accept,
                          kind="memory")


def _not_acceptable(form: str | None, format_param: list[str] | None, accept: str | None) -> Response:
    offered = RESULT_FORMATS if form in ("SELECT", "ASK") else GRAPH_FORMATS if form in ("CONSTRUCT", "DESCRIBE") else RESULT_FORMATS + GRAPH_FORMATS
    asked = "format=" + " or ".join(format_param) if format_param else f"Accept: {accept or '*/*'}"
    listing = ", ".join(f"{f.media_type} (format={f.name})" for f in offered)
    return error_response(406, f"cannot produce {form or 'this'} results in any format acceptable to the client "
                          f"({asked}); available: {listing}", None)
