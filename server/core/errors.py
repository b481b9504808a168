"""Errors the command line reports as one clear line (never a traceback)."""

from __future__ import annotations


class DiplokgError(Exception):
    """Base class for expected, user-facing failures."""

    exit_code = 1


class SourceSyntaxError(DiplokgError):
    """An RDF file could not be parsed."""

    def __init__(self, file: str, line: int | None, column: int | None, message: str) -> None:
        self.file, self.line, self.column, self.message = file, line, column, message
        where = file if line is None else f"{file}:{line}" + ("" if column is None else f":{column}")
        super().__init__(f"{where}: syntax error: {message}")


class InvalidDataError(DiplokgError):
    """The data violates the SHACL shapes; it must not be published."""

    def __init__(self, message: str, report: object = None) -> None:
        super().__init__(message)
        self.report = report


class StoreError(DiplokgError):
    """The store is missing, unreadable or cannot be written."""


class QueryError(DiplokgError):
    """A SPARQL query could not be parsed or evaluated."""

    exit_code = 2
