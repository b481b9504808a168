"""Errors of validation that its callers handle."""

from __future__ import annotations

from typing import Protocol

from diplokg.core.errors import DiplokgError


class UnsupportedShapesError(DiplokgError):
    """The shapes use SHACL features the SPARQL engine does not implement."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("the SPARQL SHACL engine does not implement: " + "; ".join(self.problems))


class Report(Protocol):
    """What callers read of the report of an invalid graph (a validate.ValidationReport)."""

    def to_text(self) -> str: ...


class InvalidDataError(DiplokgError):
    """The data violates the SHACL shapes; it must not be published."""

    def __init__(self, message: str, report: Report | None = None) -> None:
        super().__init__(message)
        self.report = report
