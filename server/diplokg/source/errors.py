"""Errors of reading the source tree."""

from __future__ import annotations

from diplokg.core.errors import DiplokgError


class SourceSyntaxError(DiplokgError):
    """An RDF file could not be parsed."""

    def __init__(self, file: str, line: int | None, column: int | None, message: str) -> None:
        self.file, self.line, self.column, self.message = file, line, column, message
        where = file if line is None else f"{file}:{line}" + ("" if column is None else f":{column}")
        super().__init__(f"{where}: syntax error: {message}")
