"""The limits of a request, in one place: sizes (headers, URL, body: 431/414/413, enforced by the
middleware in ``middleware.size_limits`` and by ``read_body``), nesting and dataset sizes of a
query (400), concurrent requests per client (429, ``ClientLimiter``) and the time budget of a query
(``QueryBudget``: its own, or the shorter service timeout of a query that calls SERVICE).

The other limits live where they are enforced: the error budget per client
(``middleware.error_budget``) and the fair shares of the workers (``engine.fair_shares``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: Request headers beyond these are refused with 431 before any route runs (common browsers and
#: clients send well under 8 KiB in a few dozen fields).
MAX_HEADER_BYTES = 16_384
MAX_HEADER_FIELDS = 100
#: Queries nesting brackets deeper than this are refused with 400: pyoxigraph's recursive parser
#: overflows its stack (and kills the worker) at a few thousand levels; real queries need a dozen.
MAX_QUERY_NESTING = 256
#: A per-request 'timeout' below this is refused with 400: no query, not even a syntax error, is
#: answered in less (a smaller budget would turn every request into a 503).
MIN_TIMEOUT_SECONDS = 0.1
#: More default-graph-uri or named-graph-uri values than this in one request are refused with 400
#: (the published dataset has a few dozen graphs).
MAX_DATASET_GRAPHS = 1000
#: More ``$name`` variable bindings than this in one request are refused with 400.
MAX_BINDINGS = 100


def headers_too_large_message() -> str:
    return f"the request headers are too large (at most {MAX_HEADER_FIELDS} fields and {MAX_HEADER_BYTES} bytes)"


def url_too_long_message(max_url: int) -> str:
    return f"the request URL is longer than {max_url} bytes; send the query with POST"


class ClientLimiter:
    """Counts in-flight requests per client address."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._active: dict[str, int] = defaultdict(int)

    def try_acquire(self, client: str) -> bool:
        if self._active[client] >= self.limit:
            return False
        self._active[client] += 1
        return True

    def release(self, client: str) -> None:
        self._active[client] -= 1
        if self._active[client] <= 0:
            del self._active[client]

    def active(self) -> int:
        return sum(self._active.values())


class BodyTooLarge(Exception):
    """The request body is larger than the endpoint accepts (413)."""


async def read_body(request: Any, max_body: int) -> bytes:
    """The body of ``request``, counted while it is read (BodyTooLarge past ``max_body`` bytes)."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_body:
            raise BodyTooLarge
    return bytes(body)


@dataclass(frozen=True)
class QueryBudget:
    """The time a query may run. pyoxigraph 0.5.13 has no timeout for the HTTP call of a SERVICE (a
    stand-in endpoint that answered after 40 s kept the query waiting 40 s) and cannot cancel a
    running query; queries run in worker processes killed at their deadline, so that deadline is
    the bound: a query that calls SERVICE gets at most the service timeout in all (its own budget if
    that is lower). When the service timeout set the deadline, running out of it is the remote
    endpoint's failure (504), not a slow query (503)."""

    seconds: float
    # The SERVICE endpoints whose timeout set ``seconds``; empty when the query's own budget did.
    services: tuple[str, ...] = ()

    @property
    def service_bound(self) -> bool:
        return bool(self.services)


def query_budget(budget: float, services: Sequence[str], service_timeout: float) -> QueryBudget:
    """The budget of a query with time ``budget`` that calls the SERVICE endpoints ``services``."""
    if services and service_timeout <= budget:
        return QueryBudget(service_timeout, tuple(dict.fromkeys(services)))
    return QueryBudget(budget)


def service_timeout_message(budget: QueryBudget) -> str:
    targets = " or ".join(f"SERVICE <{iri}>" for iri in budget.services)
    return (f"{targets}: no answer within {budget.seconds:g} s (this endpoint's service timeout, which bounds "
            "every query that calls SERVICE); the query was stopped")
