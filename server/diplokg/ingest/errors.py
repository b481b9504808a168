"""Errors of drafting: input that cannot be read as a ministry page."""

from __future__ import annotations

from diplokg.core.errors import DiplokgError


class PageError(DiplokgError):
    """The page cannot be drafted (empty, binary, too large, in another language, not fetched)."""

    exit_code = 2
