"""Tells a failing SERVICE call apart from other evaluation errors, so the client gets 502 with the
endpoint's IRI and the engine's own text, which is the useful detail; and tells the errors the
query itself causes (``query_fault``: 400) apart from faults of the server (500).

pyoxigraph maps evaluation errors to Python exceptions by kind: I/O errors to OSError (and its
ConnectionError subclasses), query parsing to SyntaxError, bad input to ValueError, and everything
else — including a SERVICE's HTTP failure and unparsable SERVICE results — to RuntimeError. What
pyoxigraph 0.5.13 raised, while iterating the results, for ``SERVICE <URL> { … }`` against a
loopback ``http.server`` (recorded by hand; the same with SILENT gave the local rows, except the
body errors marked *, which surface after the call and are not silenced):

  HTTP 500               OSError "Error 500 Internal Server Error returned by URL with payload:\\n<body>"
  HTTP 429               OSError "Error 429 Too Many Requests returned by URL with payload:\\n<body>"
  200 text/html          RuntimeError "Unsupported Content-Type returned by service <URL>: text/html"
  200 bad JSON results   RuntimeError "Parser error at line 1 between columns 2 and column 5: null expected"
  200 cut-off JSON *     RuntimeError "Parser error at line 1 column 84: Unexpected end of file, a value was expected"
  200 bad XML results    RuntimeError "Expecting <head> tag, found <results>"
  body < Content-Length  RuntimeError "The body was expected to contain 1000 bytes but we have been able to only read 8"
  closed port            ConnectionRefusedError "Connection refused (os error 111)"
  closed without answer  ConnectionAbortedError "Empty HTTP request"
  unknown host           OSError "failed to lookup address information: Name or service not known"
  no answer (hang)       nothing: the call waits as long as the endpoint does (see http.limits.QueryBudget)

The rule, for a query that calls SERVICE: an OSError is a SERVICE failure (the store is in memory,
so the HTTP client is the engine's only I/O); a RuntimeError is one unless its text is one of the
engine's fixed messages for local evaluation errors (``_LOCAL``). Queries without SERVICE, and other
exception types, are never attributed to a SERVICE.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# spareval's errors caused by the query's text alone, whatever the data: a function IRI it does not
# implement (an extension function of another engine), a SERVICE whose variable target is unbound
# or not an IRI. The same query fails the same way on every store.
_QUERY_FAULT = re.compile(
    r"The custom function .* is not supported"
    r"|The variable encoding the service name is unbound"
    r"|is not a valid service name"
)
# spareval's QueryEvaluationError variants that pyoxigraph raises as RuntimeError without any
# remote endpoint involved (their Display texts): the query faults, and these.
_LOCAL = re.compile(
    r"does not contains? variable .* in its SELECT projection"
    r"|returned the default graph even if a named graph is expected"
    r"|custom function"
    r"|triple term that is not a valid RDF-star term"
    r"|" + _QUERY_FAULT.pattern
)


def query_fault(error: BaseException) -> bool:
    """Whether ``error``, raised by pyoxigraph while evaluating a query, is the query's own fault
    (a client error, 400) rather than a fault of the server or the store."""
    return isinstance(error, RuntimeError) and _QUERY_FAULT.search(str(error)) is not None


def service_failure(error: BaseException, services: Sequence[str]) -> str | None:
    """The client's message if ``error``, raised while evaluating a query that calls the SERVICE
    endpoints ``services``, came from a SERVICE call; None if it did not."""
    if not services:
        return None
    text = str(error).strip()
    if isinstance(error, RuntimeError):
        if _LOCAL.search(text):
            return None
    elif not isinstance(error, OSError):
        return None
    named = [iri for iri in dict.fromkeys(services) if iri in text]
    targets = " or ".join(f"SERVICE <{iri}>" for iri in (named or dict.fromkeys(services)))
    return f"{targets}: the remote SPARQL endpoint failed: {text or type(error).__name__}"
