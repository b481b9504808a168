"""One review session of one draft: the review file (loaded if it exists, begun and saved if not),
the reviewer, the comparison of each fact with the published graph and the candidates of its entity
values (both made once, when the session starts), and the actions of the page — decide, edit,
answer, undo, decide a whole sentence — each saved at once by ``review.file``. A lock keeps the
requests of the page in order."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from diplokg.review.candidates import Candidate, Candidates
from diplokg.review.cards import read_draft
from diplokg.review.compare import Comparison
from diplokg.review.errors import ReviewChanged, ReviewError
from diplokg.review.file import (
    Review,
    decide,
    decide_many,
    load_review,
    new_review,
    review_path,
    save_review,
    undo,
    undo_last,
)
from diplokg.review.model import DECISIONS, Edit, parse_term


class RequestError(ValueError):
    """A request of the page that is refused: ``status`` and the reason."""

    def __init__(self, status: int, reason: str, problems: list[str] | None = None) -> None:
        super().__init__(reason)
        self.status, self.reason, self.problems = status, reason, list(problems or [])


@dataclass
class Session:
    """The review being made in the browser."""

    review: Review
    reviewer: str
    comparisons: dict[str, Comparison] = field(default_factory=dict)
    choices: dict[str, dict[str, list[Candidate]]] = field(default_factory=dict)  # fact → value → candidates
    names: dict[str, str] = field(default_factory=dict)  # IRI → the name shown
    properties: list[tuple[ox.NamedNode, str]] = field(default_factory=list)  # what a triple can be added with
    lock: threading.Lock = field(default_factory=threading.Lock)

    def decide(self, body: Any) -> None:
        """``{fact, decision, answers?, edits?}``: answers and edits left out are kept as they are."""
        fact = _fact(self, body)
        decision = body.get("decision", "")
        if decision not in ("", *DECISIONS):
            raise RequestError(400, f"decision {decision!r} is not one of accept, reject, defer or empty")
        current = self.review.decisions[fact]
        answers = _answers(body["answers"]) if "answers" in body else current.answers
        edits = _edits(body["edits"]) if "edits" in body else current.edits
        with self.lock:
            self._apply(lambda: decide(self.review, fact, decision, self.reviewer, answers, edits))

    def undo(self, body: Any) -> None:
        fact = _fact(self, body)
        with self.lock:
            self._apply(lambda: undo(self.review, fact))

    def undo_last(self, body: Any) -> None:
        """``{}``: the last action taken back (every decision made in it)."""
        with self.lock:
            self._apply(lambda: undo_last(self.review))

    def decide_sentence(self, body: Any) -> None:
        """``{sentence, decision}``: every fact of that sentence accepted or rejected, as one action
        (all or none; undone together)."""
        if not isinstance(body, dict) or not isinstance(body.get("sentence"), str):
            raise RequestError(400, "the request needs a sentence (the IRI of a fact's evidence)")
        decision = body.get("decision")
        if decision not in ("accept", "reject"):
            raise RequestError(400, f"decision {decision!r} for a sentence is not accept or reject")
        cards = [c for c in self.review.draft.cards if c.sentence.iri == body["sentence"]]
        if not cards:
            raise RequestError(404, f"no fact of the draft has the sentence {body['sentence']}")
        with self.lock:
            choices = [(c.fact, decision, self.review.decisions[c.fact].answers, self.review.decisions[c.fact].edits)
                       for c in cards]
            self._apply(lambda: decide_many(self.review, choices, self.reviewer))

    def _apply(self, action: Any) -> None:
        """Do ``action``; a refusal is a 400 with its problems. If the review file was changed
        outside (an editor), the file is read again and the action refused with 409: the page shows
        the file as it is now, and nothing anyone wrote is overwritten."""
        try:
            action()
        except ReviewChanged as e:
            try:
                self.review = load_review(self.review.path)
            except ReviewError as bad:
                raise RequestError(409, e.headline + "; it cannot be read now", [bad.headline, *bad.problems]) from None
            raise RequestError(409, e.headline + "; it was read again: the page shows it now") from None
        except ReviewError as e:
            raise RequestError(400, e.headline, e.problems) from None


def open_session(draft_path: Path, reviewer: str, comparisons: list[Comparison] | None = None,
                 published: ox.Store | None = None) -> Session:
    """The session of a draft: its review file loaded, or begun and saved; the candidates of each
    entity value from the draft and ``published`` (if given); ReviewError if refused."""
    if not reviewer.strip():
        raise ReviewError("a review needs a reviewer's name (--reviewer NAME)")
    path = review_path(draft_path)
    if path.exists():
        review = load_review(path)
    else:
        review = new_review(read_draft(draft_path), path)
        save_review(review)
    candidates = Candidates(review.draft, published)
    choices = candidates.every()
    names = {c.value.value: c.name for values in choices.values() for found in values.values() for c in found}
    return Session(review, reviewer.strip(), {c.fact.value: c for c in comparisons or []}, choices,
                   names | candidates.shown(), candidates.properties())


def _fact(session: Session, body: Any) -> str:
    if not isinstance(body, dict) or not isinstance(body.get("fact"), str):
        raise RequestError(400, "the request needs a fact (the IRI of a drafted fact)")
    if session.review.draft.card(body["fact"]) is None:
        raise RequestError(404, f"no fact {body['fact']} in the draft")
    return str(body["fact"])


def _answers(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
        raise RequestError(400, "answers must be a list of strings, one per open question")
    return tuple(value)


def _edits(value: Any) -> tuple[Edit, ...]:
    if not isinstance(value, list):
        raise RequestError(400, "edits must be a list of {resource, property, old, new}")
    edits = []
    for n, item in enumerate(value, 1):
        if not isinstance(item, dict):
            raise RequestError(400, f"edit {n} is not an object with resource, property, old, new")
        try:
            resource, prop = parse_term(item.get("resource"), False), parse_term(item.get("property"), False)
            old = parse_term(item["old"]) if item.get("old") else None
            new = parse_term(item["new"]) if item.get("new") else None
        except ValueError as e:
            raise RequestError(400, f"edit {n}: {e}") from None
        assert isinstance(resource, ox.NamedNode) and isinstance(prop, ox.NamedNode)  # literal=False
        edits.append(Edit(resource, prop, old, new))
    return tuple(edits)
