"""The review file (diplokg.review.file): written with every fact undecided, decisions saved at once
with reviewer and time and read back typed (edits as RDF terms), undo back to the previous decision,
and malformed files refused with the line or fact and the reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyoxigraph as ox
import pytest

from diplokg.review.cards import Draft
from diplokg.review.errors import ReviewError
from diplokg.review.file import (
    Edit,
    decide,
    decide_many,
    load_review,
    new_review,
    review_path,
    save_review,
    undo,
    undo_last,
)
from unit.review.conftest import FACT, ID

NOW = dt.datetime(2026, 12, 6, 21, 0, tzinfo=dt.UTC)
DATE = ox.NamedNode("https://w3id.org/diplokg/ontology#dateAsStated")
EVENT = ox.NamedNode(f"{ID}event/2019-04-15-conference-CHL-TJK")


def test_a_new_review_has_every_fact_undecided_and_reads_back(draft: Draft) -> None:
    review = new_review(draft)
    assert review.path == review_path(draft.path) and review.path.name == "chile.review.yaml"
    save_review(review)
    text = review.path.read_text(encoding="utf-8")
    assert text.startswith("# Review of the draft chile.trig") and f"sha256: {draft.sha256}" in text
    loaded = load_review(review.path)
    assert [c.fact for c in loaded.undecided()] == list(FACT.values()) and loaded.history == []


def test_decisions_are_saved_at_once_with_reviewer_time_and_typed_edits(draft: Draft) -> None:
    review = new_review(draft)
    old = ox.Literal("15-16 April 2019", language="en")
    edit = Edit(EVENT, DATE, old, ox.Literal("15–16 April 2019", language="en"))
    decide(review, FACT[4], "accept", " Ann ", answers=("yes, the conference's",), edits=(edit,), now=NOW)
    loaded = load_review(review.path)  # nothing else saved it
    decision = loaded.decisions[FACT[4]]
    assert (decision.decision, decision.reviewer, decision.decided) == ("accept", "Ann", "2026-12-06T21:00:00+00:00")
    assert decision.answers == ("yes, the conference's",) and decision.edits == (edit,)
    assert [s.fact for s in loaded.history] == [FACT[4]]


def test_undo_goes_back_to_the_fact_s_previous_decision(draft: Draft) -> None:
    review = new_review(draft)
    decide(review, FACT[1], "accept", "Ann", now=NOW)
    decide(review, FACT[2], "defer", "Ann", now=NOW)
    decide(review, FACT[1], "reject", "Bob", now=NOW)
    assert undo(review, FACT[1]).decision == "accept"
    loaded = load_review(review.path)
    assert loaded.decisions[FACT[1]].reviewer == "Ann" and loaded.decisions[FACT[2]].decision == "defer"
    assert undo(loaded, FACT[1]).decision == ""
    assert [s.fact for s in load_review(review.path).history] == [FACT[2]]
    with pytest.raises(ReviewError, match="no decision to undo"):
        undo(loaded, FACT[1])


def test_decisions_made_at_once_are_one_action_all_or_none_and_undone_together(draft: Draft) -> None:
    review = new_review(draft)
    decide(review, FACT[3], "defer", "Ann", now=NOW)
    decide_many(review, [(FACT[1], "accept", (), ()), (FACT[2], "accept", (), ())], "Ann", now=NOW)
    loaded = load_review(review.path)
    assert [(s.fact, s.action) for s in loaded.history] == [(FACT[3], 1), (FACT[1], 2), (FACT[2], 2)]
    bad = Edit(EVENT, DATE, ox.Literal("16 April"), None)
    with pytest.raises(ReviewError) as refused:
        decide_many(loaded, [(FACT[4], "accept", (), ()), (FACT[3], "accept", (), (bad,))], "Ann", now=NOW)
    assert refused.value.headline.endswith("2 facts: decision refused")
    assert any(p.startswith(f"fact {FACT[3]}: edit of") for p in refused.value.problems)
    assert load_review(review.path).decisions[FACT[4]].decision == "", "none of them was made"
    assert undo_last(loaded) == [FACT[1], FACT[2]]
    again = load_review(review.path)
    assert [again.decisions[FACT[n]].decision for n in (1, 2, 3)] == ["", "", "defer"]
    assert undo_last(again) == [FACT[3]] and load_review(review.path).history == []
    with pytest.raises(ReviewError, match="no decision to undo"):
        undo_last(again)


def test_history_without_actions_is_one_action_per_entry_and_actions_never_go_back(draft: Draft) -> None:
    review = new_review(draft)
    decide(review, FACT[1], "accept", "Ann", now=NOW)
    decide(review, FACT[2], "reject", "Ann", now=NOW)
    text = review.path.read_text(encoding="utf-8")
    review.path.write_text(text.replace("  action: 1\n", "").replace("  action: 2\n", ""), encoding="utf-8")
    assert [s.action for s in load_review(review.path).history] == [1, 2]
    review.path.write_text(text.replace("  action: 2\n", "  action: 0\n"), encoding="utf-8")
    with pytest.raises(ReviewError) as refused:
        load_review(review.path)
    assert "action must be a whole number from 1, never lower than the entry before" in refused.value.problems[0]


@pytest.mark.parametrize("decision, edits, reason", [
    ("maybe", (), "not one of accept, reject, defer"),
    ("accept", (Edit(ox.NamedNode(f"{ID}person/someone"), DATE, None, ox.Literal("x")),), "not a resource of this"),
    ("accept", (Edit(EVENT, DATE, ox.Literal("16 April"), None),), "no triple with the old value"),
])
def test_a_bad_decision_is_refused_and_not_saved(draft: Draft, decision: str, edits: tuple[Edit, ...],
                                                 reason: str) -> None:
    review = new_review(draft)
    save_review(review)
    with pytest.raises(ReviewError) as refused:
        decide(review, FACT[4], decision, "Ann", edits=edits, now=NOW)
    assert reason in str(refused.value)
    assert load_review(review.path).decisions[FACT[4]].decision == ""


def _edited(draft: Draft, old: str, new: str) -> str:
    review = new_review(draft)
    save_review(review)
    text = review.path.read_text(encoding="utf-8")
    assert old in text
    review.path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return str(review.path)


FIRST = f"- fact: {FACT[1]}\n  rule: relations/established"
BLOCK = "  decision: ''\n  answers: []\n  edits: []\n  reviewer: ''\n  decided: ''\n"


def _block(decision: str = "accept", reviewer: str = "Ann", decided: str = "'2026-12-06T21:00:00Z'",
           edits: str = "[]") -> str:
    return f"  decision: {decision}\n  answers: []\n  edits: {edits}\n  reviewer: {reviewer}\n  decided: {decided}\n"


_TERM = f"{{resource: '<{EVENT.value}>', property: '<{DATE.value}>', new: "


@pytest.mark.parametrize("old, new, reason", [
    (FIRST, FIRST + "\n  : [", "not valid YAML"),
    (FIRST, f"- fact: {ID}draft/review-test/99\n  rule: x", "review-test/99 is not in the draft"),
    (f"{FIRST}", f"{FIRST}\n  colour: red", "unknown field 'colour'"),
    (BLOCK, _block("perhaps"), "'perhaps'"),
    (BLOCK, _block(decided="2026-12-06 21:00:00"), "must be a string"),
    (BLOCK, _block(reviewer="''"), "needs a reviewer"),
    (BLOCK, _block(decided="'yesterday'"), "not an ISO date and time"),
    (BLOCK, _block(edits=f"[{_TERM}'\"x'}}]"), "not an N-Triples term"),
    (BLOCK, _block(edits=f"[{_TERM}'\"x\" . <urn:a> <urn:b> <urn:c>'}}]"), "N-Triples term"),
    (BLOCK, _block(edits="[{resource: '\"x\"', property: '<urn:p>', new: '1'}]"), "is not an IRI"),
])
def test_a_malformed_review_file_is_refused_with_line_and_reason(draft: Draft, old: str, new: str,
                                                                 reason: str) -> None:
    path = _edited(draft, old, new)
    with pytest.raises(ReviewError) as refused:
        load_review(Path(path))
    assert reason in str(refused.value) and "line " in str(refused.value)


def test_a_review_of_a_changed_draft_is_refused(draft: Draft) -> None:
    review = new_review(draft)
    save_review(review)
    draft.path.write_bytes(draft.path.read_bytes() + b"\n# changed\n")
    with pytest.raises(ReviewError, match="has changed since this review began"):
        load_review(review.path)
