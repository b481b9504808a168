"""The federation filter: decides, before a query reaches the engine, whether its SERVICE calls
may run. pyoxigraph follows SERVICE to any URL with no timeout and no switch, so a refused query
must never reach it.

Rules: no allowlist → any SERVICE is refused; a variable or otherwise non-constant target is always
refused; a constant target is admitted only if it is exactly an allowlisted IRI.
"""

from __future__ import annotations

from collections.abc import Iterable

from diplokg.core.lexer import QueryInfo


class FederationRefused(Exception):
    """The query calls a SERVICE it may not call; the message says why."""


def check_services(info: QueryInfo, allowlist: Iterable[str]) -> None:
    allowed = set(allowlist)
    for call in info.services:
        if call.iri is None:
            raise FederationRefused(
                f"SERVICE {call.target or '(missing target)'}: only constant, allowlisted endpoint IRIs may be "
                "used in SERVICE; variable targets are never allowed"
            )
        if not allowed:
            raise FederationRefused(
                f"SERVICE <{call.iri}>: federated queries are disabled on this endpoint "
                "(no SERVICE endpoint is allowlisted)"
            )
        if call.iri not in allowed:
            raise FederationRefused(
                f"SERVICE <{call.iri}>: this endpoint is not in the federation allowlist "
                f"(allowed: {', '.join(sorted(allowed))})"
            )
