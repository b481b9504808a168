"""Execution and response, the last steps of a SPARQL request: a job runs on the query backend
within its time budget and its client's limit, and its answer frames become the HTTP response
(small results in one piece, large ones streamed). Pages run their internal queries through the
same ``QueryRunner`` (``select``, ``values``; ``page`` counts a page's queries once against its
client's limit)."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass

from starlette.responses import Response, StreamingResponse

from diplokg.core.errors import ErrorKind
from diplokg.core.formats import BY_NAME
from diplokg.core.settings import Settings
from diplokg.core.terms import Term
from diplokg.engine.backend import QueryBackend
from diplokg.engine.errors import PoolBusy, QueryTimeout, WorkerFailed, WorkerOutOfMemory
from diplokg.engine.framing import Frame
from diplokg.engine.messages import Failure, Job, QueryJob, failure_from_json, head_from_json
from diplokg.http.errors import InternalQueryFailed
from diplokg.http.limits import ClientLimiter, QueryBudget, query_budget, service_timeout_message
from diplokg.http.responses import error_response, not_acceptable_for

TRUNCATED_HEADER = "X-Diplokg-Truncated"
ROW_CAP_HEADER = "X-Diplokg-Row-Cap"
Frames = AsyncGenerator[tuple[Frame, bytes], None]


@dataclass
class QueryRunner:
    settings: Settings
    backend: QueryBackend
    limiter: ClientLimiter

    async def run(self, job: Job, timeout: float | None, accept: str | None, client: str | None,
                  extra_headers: dict[str, str] | None = None) -> Response:
        """Run ``job`` and answer with its result; ``client`` None: an internal query of a page that
        already holds its client's place."""
        if client is not None and not self.limiter.try_acquire(client):
            return self.too_many(accept)
        services = job.services if isinstance(job, QueryJob) else ()
        budget = query_budget(self.budget(timeout), services, self.settings.service_timeout)
        frames = self.backend.run(job, time.monotonic() + budget.seconds, client)
        handed_over = False
        try:
            response = await self._respond(frames, accept, client, extra_headers)
            handed_over = isinstance(response, StreamingResponse)
            return response
        except QueryTimeout:
            return self._timed_out(budget, accept)
        except PoolBusy as e:
            return error_response(503, f"{e}; retry later", accept, {"Retry-After": "5"}, kind=ErrorKind.BUSY)
        except WorkerOutOfMemory as e:
            return memory_exceeded(e, accept)
        except (WorkerFailed, StopAsyncIteration) as e:
            return error_response(500, f"the query worker failed while answering ({e}); it has been replaced",
                                  accept, kind=ErrorKind.WORKER)
        finally:
            if not handed_over:
                await frames.aclose()
                if client is not None:
                    self.limiter.release(client)

    def budget(self, requested: float | None) -> float:
        return min(requested, self.settings.timeout) if requested else self.settings.timeout

    async def _respond(self, frames: Frames, accept: str | None, client: str | None,
                       extra_headers: dict[str, str] | None) -> Response:
        """The response to the answer ``frames``: an error, the whole body, or a stream of it."""
        kind, payload = await anext(frames)
        if kind == Frame.ERROR:
            return failure_response(failure_from_json(json.loads(payload)), accept)
        if kind != Frame.HEAD:
            raise WorkerFailed("unexpected first frame")
        head = head_from_json(json.loads(payload))
        fmt = BY_NAME[head.format]
        headers = {"Vary": "Accept", **(extra_headers or {})}
        if head.truncated:
            headers[TRUNCATED_HEADER] = "true"
            headers[ROW_CAP_HEADER] = str(self.settings.row_cap)
        # Small results: collect one chunk and answer in one piece; otherwise stream.
        first: list[bytes] = []
        kind, payload = await anext(frames)
        if kind == Frame.CHUNK:
            first.append(payload)
            kind, payload = await anext(frames)
        if kind == Frame.END:
            return Response(b"".join(first), 200, headers, fmt.content_type)
        if kind == Frame.ABORT:  # failed before anything was sent: answer with the error
            failure = failure_from_json(json.loads(payload))
            return error_response(failure.status, failure.message, accept, kind=failure.kind)
        first.append(payload)
        return StreamingResponse(self._stream(first, frames, client), 200, headers, fmt.content_type)

    async def _stream(self, first: list[bytes], frames: Frames, client: str | None) -> AsyncIterator[bytes]:
        try:
            for chunk in first:
                yield chunk
            async for kind, payload in frames:
                if kind == Frame.CHUNK:
                    yield payload
                elif kind == Frame.END:
                    return
                elif kind == Frame.ABORT:
                    raise WorkerFailed(failure_from_json(json.loads(payload)).message)
        finally:
            await frames.aclose()
            if client is not None:
                self.limiter.release(client)

    def _timed_out(self, budget: QueryBudget, accept: str | None) -> Response:
        if budget.service_bound:
            return error_response(504, service_timeout_message(budget), accept, kind=ErrorKind.SERVICE_TIMEOUT)
        return error_response(503, f"the query did not finish within its time budget of {budget.seconds:g} s and was "
                              "stopped; make it more selective (LIMIT, more specific patterns) or raise the "
                              f"'timeout' parameter (at most {self.settings.timeout:g} s)", accept,
                              {"Retry-After": "5"}, kind=ErrorKind.TIMEOUT)

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

    async def graph(self, query: str, fmt: str, bindings: Mapping[str, Term], accept: str | None,
                    client: str | None, headers: dict[str, str]) -> Response:
        """An internal CONSTRUCT or DESCRIBE of a page, uncapped, in the RDF format ``fmt``
        (``client``: as for ``run``)."""
        return await self.run(QueryJob(query, None, fmt, 0, bindings=dict(bindings)), None, accept, client, headers)

    async def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[dict[str, dict[str, str]]]:
        """The bindings (SPARQL JSON) of an internal SELECT query, with values bound as RDF terms;
        a result large enough to be streamed is read to its end. InternalQueryFailed if it fails."""
        response = await self.run(QueryJob(query, "json", None, 0, bindings=dict(bindings or {})),
                                  None, "application/json", None)
        if response.status_code != 200:
            raise InternalQueryFailed(f"internal query failed with status {response.status_code}")
        if isinstance(response, StreamingResponse):
            body = b"".join([_bytes(chunk) async for chunk in response.body_iterator])
        else:
            body = bytes(response.body)
        rows: list[dict[str, dict[str, str]]] = json.loads(body)["results"]["bindings"]
        return rows

    async def values(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[str]:
        """First-column values of an internal SELECT query (e.g. the allowed values of a parameter)."""
        rows = await self.select(query, bindings)
        return [next(iter(b.values()))["value"] for b in rows if b]


def _bytes(chunk: str | bytes | memoryview) -> bytes:
    """A chunk of a streamed answer (this module streams bytes; Starlette's type allows more)."""
    return chunk.encode() if isinstance(chunk, str) else bytes(chunk)


def failure_response(failure: Failure, accept: str | None) -> Response:
    """The response to a job that failed before its answer began."""
    if failure.status == 406:
        return not_acceptable_for(failure.form, None, accept)
    return error_response(failure.status, failure.message, accept, **failure.details())


def memory_exceeded(e: Exception, accept: str | None) -> Response:
    return error_response(503, f"{e}; the query was stopped and its worker replaced. Make it more selective: fewer "
                          "rows before ORDER BY, GROUP BY or DISTINCT, shorter strings built per row", accept,
                          kind=ErrorKind.MEMORY)
