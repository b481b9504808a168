"""The per-client error budget (as ASGI middleware): a client whose query requests failed too often
in the last minute gets 429 with ``Retry-After`` until its oldest failure is a minute old.

Like the Wikidata Query Service's limit on error queries per minute, it stops a broken or hostile
client from keeping the endpoint busy with requests that fail (runaway queries stopped at their
budget, queries past the memory limit, malformed or oversized requests), while every other client
goes on being served. Only the query routes count (``/sparql``, saved-query results, ``/search``
and the reconciliation service ``/reconcile…``), and not 502: a failure upstream (the sparql
backend's engine down, a SERVICE endpoint failing) is not the client's doing, and its clients
should go on getting that answer, not 429.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from diplokg.core.errors import ErrorKind
from diplokg.http.responses import error_response

WINDOW_SECONDS = 60.0


class ErrorBudget:
    """Failures per client over a sliding window of ``window`` seconds; at most ``limit``."""

    def __init__(self, limit: int, window: float = WINDOW_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._failures: dict[str, deque[float]] = {}

    def retry_after(self, client: str) -> float | None:
        """Seconds until ``client`` may send again, or None if it is within its budget."""
        failures = self._failures.get(client)
        if failures is None:
            return None
        now = self.clock()
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if not failures:
            del self._failures[client]
            return None
        return failures[0] + self.window - now if len(failures) >= self.limit else None

    def record_failure(self, client: str) -> None:
        self._failures.setdefault(client, deque()).append(self.clock())


def counts(path: str) -> bool:
    """Whether a request to ``path`` counts against the error budget (the query routes)."""
    return path in ("/sparql", "/search") or path.startswith("/reconcile") \
        or (path.startswith("/queries/") and "/results" in path)


class ErrorBudgetLimit:
    """Refuses query requests from clients over their error budget with 429 + Retry-After, and
    counts every other 4xx/5xx answer to a query request as a failure of its client."""

    def __init__(self, app: Any, budget: ErrorBudget) -> None:
        self.app, self.budget = app, budget

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not counts(scope["path"]):
            await self.app(scope, receive, send)
            return
        client = scope["client"][0] if scope.get("client") else "-"
        wait = self.budget.retry_after(client)
        if wait is not None:
            accept = dict(scope["headers"]).get(b"accept", b"").decode("latin-1")
            await error_response(
                429, f"too many failed requests from your address ({self.budget.limit} in the last "
                f"{self.budget.window:g} s: errors, queries stopped at their time or memory limit); retry in "
                f"{math.ceil(wait)} s, and check your queries", accept, {"Retry-After": str(math.ceil(wait))},
                kind=ErrorKind.ERROR_BUDGET)(scope, receive, send)
            return

        async def observe(message: dict[str, Any]) -> None:
            if (message["type"] == "http.response.start" and message["status"] >= 400
                    and message["status"] not in (429, 502)):
                self.budget.record_failure(client)
            await send(message)

        await self.app(scope, receive, observe)
