"""Errors of building, opening and querying a store."""

from __future__ import annotations

from diplokg.core.errors import DiplokgError


class StoreError(DiplokgError):
    """The store is missing, unreadable or cannot be written."""


class QueryError(DiplokgError):
    """A SPARQL query could not be parsed or evaluated."""

    exit_code = 2
