"""Query analysis, the second step of a SPARQL request: one pass of the lexer over the query text
(``core.lexer.analyse``), then the checks that must pass before the query may reach the engine.
Each refusal is a ``ProtocolError`` with the status and message for the client:

- brackets nested deeper than ``MAX_QUERY_NESTING`` (pyoxigraph's recursive parser would overflow
  its stack and kill the worker): 400;
- an update operation sent as a query: 400 (the endpoint is read-only);
- the federation filter: pyoxigraph follows SERVICE to any URL with no timeout and no switch, so a
  query with a SERVICE it may not call must never reach it. No allowlist: any SERVICE is refused; a
  variable or otherwise non-constant target is always refused; a constant target is admitted only if
  it is exactly an allowlisted IRI: 400;
- a bound variable the engine cannot substitute (in a SELECT it must be projected): 400.

It never decides whether a query is *valid*: the engine's parser does, and its message is what the
client sees.

The lexer's pass costs about 0.15 ms for a saved query of 2 KB, a fifth of what our layer adds to a
small query; its result for the last ``_CACHED`` texts of up to ``_CACHED_CHARS`` characters is
kept (queries are often repeated: saved queries, pages, clients polling). A ``QueryInfo`` is shared
between requests and must not be changed."""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable

from diplokg.core.errors import ErrorKind
from diplokg.core.lexer import QueryForm, QueryInfo, analyse
from diplokg.core.namespaces import PREFIXES
from diplokg.http.errors import ProtocolError
from diplokg.http.limits import MAX_QUERY_NESTING

_CACHED = 1024
_CACHED_CHARS = 16 * 1024  # so the texts kept are at most 16 M characters


@functools.lru_cache(maxsize=_CACHED)
def _analysed(text: str, base: str) -> QueryInfo:
    return analyse(text, PREFIXES, base)


def analyse_query(text: str, bound: Collection[str], allowlist: Iterable[str], base: str) -> QueryInfo:
    """What the query is (form, dataset clause, SERVICE targets, projection), once it has passed the
    checks; ProtocolError otherwise. ``bound``: the names of the variables bound to values; ``base``:
    the query's base IRI (relative SERVICE targets are checked as resolved against it)."""
    info = _analysed(text, base) if len(text) <= _CACHED_CHARS else analyse(text, PREFIXES, base)
    if info.max_depth > MAX_QUERY_NESTING:
        raise ProtocolError(400, f"the query nests brackets {info.max_depth} levels deep; at most "
                            f"{MAX_QUERY_NESTING} are accepted", kind=ErrorKind.NESTING)
    if info.form is QueryForm.UPDATE:
        raise ProtocolError(400, "SPARQL Update operations cannot be sent as a query (and this endpoint is "
                            "read-only); send a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    check_services(info, allowlist)
    check_bindable(info, bound)
    return info


def check_services(info: QueryInfo, allowlist: Iterable[str]) -> None:
    """ProtocolError unless every SERVICE of the query may be called (see the module's docstring)."""
    allowed = set(allowlist)
    for call in info.services:
        if call.iri is None:
            message = (f"SERVICE {call.target or '(missing target)'}: only constant, allowlisted endpoint IRIs may be "
                       "used in SERVICE; variable targets are never allowed")
        elif not allowed:
            message = (f"SERVICE <{call.iri}>: federated queries are disabled on this endpoint "
                       "(no SERVICE endpoint is allowlisted)")
        elif call.iri not in allowed:
            message = (f"SERVICE <{call.iri}>: this endpoint is not in the federation allowlist "
                       f"(allowed: {', '.join(sorted(allowed))})")
        else:
            continue
        raise ProtocolError(400, message, kind=ErrorKind.FEDERATION)


def check_bindable(info: QueryInfo, names: Collection[str]) -> None:
    """ProtocolError unless every bound variable can be substituted (SELECT: it must be projected)."""
    if not names or info.form is not QueryForm.SELECT or info.projection is None:
        return
    missing = [n for n in names if n not in info.projection]
    if missing:
        raise ProtocolError(400, "a binding needs its variable in the SELECT clause (the engine substitutes projected "
                            "variables only): " + ", ".join("?" + n for n in missing))
