"""The typed parts of a review: a decision on one fact (accept, reject, defer or none, the answers
to its open questions, its edits, the reviewer and the time), an edit of a fact's triples as RDF
terms, and N-Triples terms read and written."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

DECISIONS = ("accept", "reject", "defer")

Term = ox.NamedNode | ox.Literal


@dataclass(frozen=True)
class Edit:
    """One change to a fact's triples: ``old`` replaced by ``new`` (either may be None)."""

    resource: ox.NamedNode
    property: ox.NamedNode
    old: Term | None
    new: Term | None


@dataclass(frozen=True)
class Decision:
    """A reviewer's decision on one fact; ``decision`` empty: undecided."""

    decision: str = ""
    answers: tuple[str, ...] = ()
    edits: tuple[Edit, ...] = ()
    reviewer: str = ""
    decided: str = ""


@dataclass(frozen=True)
class Step:
    """One entry of the history: a decision on a fact, and the action it was part of (the decisions
    made at once share one: undoing the last action undoes them together)."""

    fact: str
    decision: Decision
    action: int = 1


def term_text(term: Term | None) -> str:
    return "" if term is None else str(term)


def parse_term(text: object, literal: bool = True) -> Term:
    """One RDF term in N-Triples syntax (an IRI, or a literal if ``literal``); ValueError if it is not."""
    if not isinstance(text, str) or not text.strip() or "\n" in text or "\r" in text:
        raise ValueError(f"{text!r} is not an N-Triples term")
    try:
        triples = list(ox.parse(f"<urn:x:s> <urn:x:p> {text.strip()} .".encode(), format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as e:
        raise ValueError(f"{text!r} is not an N-Triples term ({e})") from None
    if len(triples) != 1 or not isinstance(triples[0].object, ox.NamedNode | ox.Literal):
        raise ValueError(f"{text!r} is not one IRI or literal")
    term = triples[0].object
    if isinstance(term, ox.Literal) and not literal:
        raise ValueError(f"{text!r} is not an IRI (<...>)")
    return term
