"""The review file ``DRAFT.review.yaml`` beside a draft: every decision on its facts, saved at once
(atomically: a temporary file, fsync, rename) with the reviewer and the time, and the history of
every decision in order, so that a decision can be undone. YAML so that a person can edit it in
an editor and apply it without a browser.

Header: ``draft`` (the draft's file name, beside the review file), ``sha256`` (of the draft: a
review of a changed draft is refused), ``graph`` (the source graph IRI). Per fact, in the draft's
order: ``fact``, ``rule``, ``sentence`` and ``questions`` (for the reader; not read back), and the
decision: ``decision`` (accept | reject | defer, empty: undecided), ``answers`` (one per open
question, in order), ``edits`` (each ``resource``, ``property``, ``old``, ``new``: N-Triples terms;
no ``old``: a triple added, no ``new``: one removed), ``reviewer``, ``decided`` (ISO date and time).
``history``: the decisions in the order they were made, each with its ``action`` (a number: the
decisions made at once, as on a whole sentence, share one); undo removes a fact's last one and
restores the one before it, undo of the last action does so for each of its facts. Loading checks
everything and refuses the file with every problem (line, fact, reason)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from diplokg.core.atomic_file import write_atomically
from diplokg.review.cards import Card, Draft, read_draft
from diplokg.review.errors import ReviewChanged, ReviewError
from diplokg.review.model import DECISIONS, Decision, Edit, Step, term_text
from diplokg.review.reading import read_review_file

HEADER = """\
# Review of the draft {draft} (diplokg ingest). Edit it in any editor, then publish the accepted
# facts with: diplokg ingest --accept {name}
# Per fact set: decision: accept | reject | defer (empty: undecided; deferred facts are not
# published), reviewer: your name, decided: the time (ISO, e.g. 2026-12-06T21:00:00+00:00),
# answers: one answer per open question, in order (a fact with open questions is accepted only
# when each is answered), edits: changes to the fact's triples, as N-Triples terms, e.g.
#   - {{resource: '<https://w3id.org/diplokg/id/...>', property: '<https://...#date>',
#      old: '"2019-04-15"^^<http://www.w3.org/2001/XMLSchema#date>', new: '"2019-04-16"^^<...#date>'}}
# (no old: a triple added; no new: a triple removed). 'sentence' and 'questions' are for reading;
# 'history' is the order of the decisions (undo goes back along it; it may be left out).
# Do not edit draft, sha256 or graph: a review applies to that draft only.
"""

@dataclass
class Review:
    """A review file and its draft: the decision per fact (in the draft's order) and the history."""

    path: Path
    draft: Draft
    decisions: dict[str, Decision]
    history: list[Step] = field(default_factory=list)
    #: the SHA-256 of the file as this review last read or wrote it (None: not on disk yet)
    seen: str | None = None

    def undecided(self) -> list[Card]:
        return [c for c in self.draft.cards if not self.decisions[c.fact].decision]

    def with_decision(self, value: str) -> list[Card]:
        return [c for c in self.draft.cards if self.decisions[c.fact].decision == value]


def review_path(draft: Path) -> Path:
    """``x.trig`` → ``x.review.yaml`` beside it."""
    return draft.with_name(f"{draft.name.removesuffix('.trig')}.review.yaml")


def new_review(draft: Draft, path: Path | None = None) -> Review:
    """A review with every fact undecided (not saved)."""
    return Review(path or review_path(draft.path), draft, {c.fact: Decision() for c in draft.cards})


def check_decision(card: Card, decision: Decision) -> list[str]:
    """What is wrong with ``decision`` on ``card`` (empty: nothing)."""
    problems = []
    if decision.decision not in ("", *DECISIONS):
        problems.append(f"decision {decision.decision!r} is not one of accept, reject, defer or empty")
    if decision.decision and not decision.reviewer.strip():
        problems.append("a decision needs a reviewer")
    if decision.decision:
        try:
            dt.datetime.fromisoformat(decision.decided)
        except (TypeError, ValueError):
            problems.append(f"decided {decision.decided!r} is not an ISO date and time")
    if len(decision.answers) > len(card.questions):
        problems.append(f"{len(decision.answers)} answers to {len(card.questions)} open question(s)")
    for edit in decision.edits:
        problems += _edit_problems(card, edit)
    return problems


def _edit_problems(card: Card, edit: Edit) -> list[str]:
    where = f"edit of {edit.resource} {edit.property}"
    if edit.resource.value not in {t.subject.value for t in card.triples if isinstance(t.subject, ox.NamedNode)}:
        return [f"{where}: {edit.resource} is not a resource of this fact"]
    if edit.old is None and edit.new is None:
        return [f"{where}: needs an old or a new value"]
    if edit.old is not None and ox.Triple(edit.resource, edit.property, edit.old) not in card.triples:
        return [f"{where}: the fact has no triple with the old value {edit.old}"]
    return []


Choice = tuple[str, str, tuple[str, ...], tuple[Edit, ...]]  # fact, decision, answers, edits


def decide(review: Review, fact: str, decision: str, reviewer: str, answers: tuple[str, ...] = (),
           edits: tuple[Edit, ...] = (), now: dt.datetime | None = None) -> Decision:
    """Record a decision on ``fact`` (now, by ``reviewer``), add it to the history and save at once."""
    return decide_many(review, [(fact, decision, tuple(answers), tuple(edits))], reviewer, now)[0]


def decide_many(review: Review, choices: list[Choice], reviewer: str, now: dt.datetime | None = None) -> list[Decision]:
    """Record decisions on several facts as one action (all or none: any refused, none is made),
    add them to the history and save once."""
    when = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    made, problems = [], []
    for fact, decision, answers, edits in choices:
        card = review.draft.card(fact)
        if card is None:
            raise ReviewError(f"{review.path}: no fact {fact} in the draft")
        made.append(Decision(decision, tuple(answers), tuple(edits), reviewer.strip(), when))
        problems += [p if len(choices) == 1 else f"fact {fact}: {p}" for p in check_decision(card, made[-1])]
    if problems:
        which = f"fact {choices[0][0]}" if len(choices) == 1 else f"{len(choices)} facts"
        raise ReviewError(f"{review.path}: {which}: decision refused", problems)
    check_unchanged(review)
    action = (review.history[-1].action + 1) if review.history else 1
    for (fact, *_), recorded in zip(choices, made, strict=True):
        review.decisions[fact] = recorded
        review.history.append(Step(fact, recorded, action))
    save_review(review)
    return made


def undo(review: Review, fact: str) -> Decision:
    """Take back the last decision on ``fact``: it gets its previous decision (or none); saved at once."""
    check_unchanged(review)
    steps = [i for i, step in enumerate(review.history) if step.fact == fact]
    if not steps:
        raise ReviewError(f"{review.path}: fact {fact} has no decision to undo")
    del review.history[steps[-1]]
    review.decisions[fact] = _last(review, fact)
    save_review(review)
    return review.decisions[fact]


def undo_last(review: Review) -> list[str]:
    """Take back the last action (every decision made in it): each of its facts gets its previous
    decision (or none); saved at once. The facts, in the order they were decided."""
    check_unchanged(review)
    if not review.history:
        raise ReviewError(f"{review.path}: there is no decision to undo")
    action = review.history[-1].action
    facts = [s.fact for s in review.history if s.action == action]
    review.history = [s for s in review.history if s.action != action]
    for fact in facts:
        review.decisions[fact] = _last(review, fact)
    save_review(review)
    return facts


def _last(review: Review, fact: str) -> Decision:
    return next((s.decision for s in reversed(review.history) if s.fact == fact), Decision())


def check_unchanged(review: Review) -> None:
    """:class:`ReviewChanged` if the file on disk is not the one this review last read or wrote."""
    try:
        now: str | None = hashlib.sha256(review.path.read_bytes()).hexdigest()
    except FileNotFoundError:
        now = None
    if now != review.seen:
        raise ReviewChanged(f"{review.path} was changed outside this review (in an editor or another workspace) "
                            "since it was read: nothing was decided")


def save_review(review: Review) -> None:
    """Write the review file atomically (temporary file, fsync, rename)."""
    body = {"draft": review.draft.path.name, "sha256": review.draft.sha256, "graph": review.draft.graph.value,
            "facts": [_fact(c, review.decisions[c.fact]) for c in review.draft.cards],
            "history": [{"fact": s.fact, **_decision(s.decision), "action": s.action} for s in review.history]}
    text = HEADER.format(draft=review.draft.path.name, name=review.path.name)
    text += yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=120)
    data = text.encode("utf-8")
    write_atomically(review.path, data)
    review.seen = hashlib.sha256(data).hexdigest()


def _fact(card: Card, decision: Decision) -> dict[str, Any]:
    return {"fact": card.fact, "rule": card.rule, "sentence": card.sentence.quote,
            "questions": list(card.questions), **_decision(decision)}


def _decision(decision: Decision) -> dict[str, Any]:
    return {"decision": decision.decision, "answers": list(decision.answers),
            "edits": [{"resource": term_text(e.resource), "property": term_text(e.property),
                       "old": term_text(e.old), "new": term_text(e.new)} for e in decision.edits],
            "reviewer": decision.reviewer, "decided": decision.decided}


def load_review(path: Path) -> Review:
    """Read and check a review file and its draft (beside it); :class:`ReviewError` listing every problem."""
    read = path.read_bytes() if path.is_file() else b""
    header, facts, history, actions = read_review_file(path)
    draft = read_draft(path.parent / header["draft"])
    problems = []
    if draft.sha256 != header["sha256"]:
        problems.append(f"the draft {draft.path.name} has changed since this review began (SHA-256 "
                        f"{draft.sha256}, the review's {header['sha256']}): a review applies to its draft only")
    if draft.graph.value != header["graph"]:
        problems.append(f"graph {header['graph']} is not the draft's {draft.graph.value}")
    decisions = {c.fact: Decision() for c in draft.cards}
    for line, fact, decision in facts + history:
        card = draft.card(fact)
        if card is None:
            problems.append(f"line {line}: fact {fact} is not in the draft")
            continue
        problems += [f"line {line}: fact {fact}: {p}" for p in check_decision(card, decision)]
    for _line, fact, decision in facts:
        decisions[fact] = decision
    if problems:
        raise ReviewError(f"{path}: refused ({len(problems)} problem(s))", problems)
    steps = [Step(fact, d, a) for (_, fact, d), a in zip(history, actions, strict=True)]
    return Review(path, draft, decisions, steps, hashlib.sha256(read).hexdigest())
