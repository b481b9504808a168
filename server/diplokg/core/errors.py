"""The base of the errors the command line reports as one clear line (never a traceback), and the
kinds of failure an error response names (its JSON ``kind``).

Each package keeps the errors it raises in its own ``errors`` module (``source``, ``validation``,
``build``, ``engine``, ``http``), all ``DiplokgError`` where a command reports them."""

from __future__ import annotations

from enum import StrEnum


class DiplokgError(Exception):
    """Base class for expected, user-facing failures."""

    exit_code = 1


class ErrorKind(StrEnum):
    """The ``kind`` of an error response: what a client can act on (the status says the rest)."""

    SYNTAX = "syntax"  # the query does not parse (with line and column)
    NESTING = "nesting"  # brackets nested deeper than the parser can take
    UNSUPPORTED = "unsupported"  # the query parses but asks for what the engine cannot evaluate
    FEDERATION = "federation"  # a SERVICE the endpoint may not call
    NOT_ACCEPTABLE = "not-acceptable"
    NOT_FOUND = "not-found"
    TIMEOUT = "timeout"  # the query's time budget ran out
    SERVICE_TIMEOUT = "service-timeout"  # a SERVICE endpoint did not answer in time
    SERVICE = "service"  # a SERVICE endpoint failed
    MEMORY = "memory"  # the query needed more than the worker memory limit
    BUSY = "busy"  # no worker or engine connection became free in time
    WORKER = "worker"  # the query worker failed
    ENGINE = "engine"  # the remote SPARQL engine failed
    ENGINE_UNREACHABLE = "engine-unreachable"
    ERROR_BUDGET = "error-budget"  # the client's failed requests used up its budget
