"""The time budget of a query that calls SERVICE, and the message when it runs out.

pyoxigraph 0.5.13 has no timeout for the HTTP call of a SERVICE (a stand-in endpoint that answered
after 40 s kept the query waiting 40 s) and cannot cancel a running query. Queries already run in
worker processes that are killed at their deadline, so that deadline is the bound: a query that
calls SERVICE gets at most ``service_timeout`` seconds in all (its own budget if that is lower).
When the service timeout is what set the deadline, running out of it is reported as the remote
endpoint's failure (504), not as a slow query (503).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class QueryBudget:
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
