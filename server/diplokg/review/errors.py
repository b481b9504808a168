"""Errors of reviewing: a draft or review file that cannot be read, and a review that cannot be
published. The command line reports them as they are (one line, or one line per problem) with exit
status 2."""

from __future__ import annotations

from diplokg.core.errors import DiplokgError


class ReviewError(DiplokgError):
    """A draft, a review file or a review to publish that is refused; the message lists every problem."""

    exit_code = 2

    def __init__(self, headline: str, problems: list[str] | None = None) -> None:
        self.headline, self.problems = headline, list(problems or [])
        listed = "".join(f"\n  - {p}" for p in self.problems)
        super().__init__(f"{headline}{listed}")


class ReviewChanged(ReviewError):
    """The review file was changed by someone else (an editor, another workspace) since this
    review read or wrote it: a decision made now would overwrite theirs, so none is made."""
