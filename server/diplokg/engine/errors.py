"""Failures of a query backend that the HTTP layer turns into responses. (Errors of the query
itself, such as a syntax error, are not exceptions: they come back as a ``messages.Failure``.)"""

from __future__ import annotations


class QueryTimeout(Exception):
    """The request exceeded its time budget; its worker was killed (or its engine call abandoned)."""


class PoolBusy(Exception):
    """No worker or engine connection became free within the request's time budget."""


class WorkerFailed(Exception):
    """The worker died or broke the protocol while serving the request."""


class WorkerOutOfMemory(WorkerFailed):
    """The worker was aborted because the query needed more than the per-worker memory limit."""
