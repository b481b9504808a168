"""Errors of the HTTP layer that its views turn into responses."""

from __future__ import annotations

from diplokg.core.errors import ErrorKind


class ProtocolError(Exception):
    """A request the endpoint refuses: the status, the message for the client, headers to send
    (``Allow``, ``Retry-After``) and, for some, the kind of refusal."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None,
                 kind: ErrorKind | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers, self.kind = status, message, headers or {}, kind


class InternalQueryFailed(Exception):
    """A query the server itself runs for a page did not answer (the backend failed or was busy)."""
