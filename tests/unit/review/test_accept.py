"""Publishing a review (diplokg.review.accept): the accepted facts only, with edits applied and
provenance (reviewer, time, rule, confidence, answers, edits); refused with every problem and
nothing written for undecided facts, unanswered questions, a resource only an unaccepted fact
drafts, an existing source without replace, and SHACL violations; replace says what changed."""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox
import pytest

from diplokg.review.accept import accept
from diplokg.review.cards import Draft
from diplokg.review.errors import ReviewError
from diplokg.review.file import Edit, Review, decide, new_review
from diplokg.source.tree import SourceTree
from unit.review.conftest import FACT, ID

NOW = dt.datetime(2026, 12, 6, 21, 0, tzinfo=dt.UTC)
DKG = "https://w3id.org/diplokg/ontology#"
CONFERENCE = ox.NamedNode(f"{ID}event/2019-04-15-conference-CHL-TJK")
STATED = ox.NamedNode(DKG + "dateAsStated")
QUERY = """PREFIX dkg: <https://w3id.org/diplokg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>"""


def _review(draft: Draft, decisions: dict[int, str], answer: bool = True, edits: tuple[Edit, ...] = ()) -> Review:
    review = new_review(draft)
    for n, decision in decisions.items():
        card = draft.card(FACT[n])
        assert card is not None
        answers = tuple(f"yes ({i})" for i, _ in enumerate(card.questions)) if answer else ()
        decide(review, FACT[n], decision, "Ann Example", answers, edits if n == 4 else (), now=NOW)
    return review


def _rows(path: object, query: str) -> list[tuple[str, ...]]:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TRIG)
    result = store.query(QUERY + query, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    return sorted(tuple(t.value if t is not None else "" for t in row) for row in result)


def test_accepted_facts_are_published_with_their_provenance(draft: Draft, tree: SourceTree) -> None:
    old = ox.Literal("15-16 April 2019", language="en")
    edit = Edit(CONFERENCE, STATED, old, ox.Literal("15–16 April 2019", language="en"))
    review = _review(draft, {1: "accept", 2: "accept", 3: "reject", 4: "accept"}, edits=(edit,))
    done = accept(review.path, tree)
    assert done.path == tree.data_dir / "sources" / "review-test.trig" and not done.replaced
    assert done.facts == [FACT[1], FACT[2], FACT[4]]
    facts = _rows(done.path, """SELECT ?fact ?who ?when ?rule ?quote WHERE { ?fact a dkg:ReviewedFact ;
        dkg:acceptedBy ?who ; prov:generatedAtTime ?when ; dkg:rule ?rule ;
        dkg:evidence/oa:hasSelector/oa:exact ?quote }""")
    assert [(f, w, t) for f, w, t, _, _ in facts] == [(FACT[n], "Ann Example", "2026-12-06T21:00:00Z")
                                                     for n in (1, 2, 4)]
    assert _rows(done.path, "SELECT ?q ?a WHERE { ?f dkg:answer [ dkg:question ?q ; dkg:answerText ?a ] }") == \
        [(draft.cards[3].questions[0], "yes (0)")]
    assert _rows(done.path, f"SELECT ?v WHERE {{ <{CONFERENCE.value}> dkg:dateAsStated ?v }}") == \
        [("15–16 April 2019",)]
    assert _rows(done.path, "SELECT ?old ?new WHERE { ?f dkg:edit [ dkg:oldValue ?old ; dkg:newValue ?new ] }") == \
        [(str(old), str(edit.new))]
    assert not _rows(done.path, "SELECT ?e WHERE { ?e a dkg:Event ; dkg:date ?d FILTER(STR(?d) = '2019-05-03') }")
    assert not _rows(done.path, "SELECT ?f WHERE { ?f a dkg:DraftedFact }")  # only reviewed facts


def test_every_problem_is_listed_and_nothing_written(draft: Draft, tree: SourceTree) -> None:
    tenure = ox.NamedNode(f"{ID}tenure/pedro-testaverde-CHL-TJK")  # drafted by fact 2 only
    nobody = ox.NamedNode(f"{ID}person/nobody-at-all")
    related = ox.NamedNode(DKG + "concerns")
    links = (Edit(CONFERENCE, related, None, tenure), Edit(CONFERENCE, related, None, nobody))
    review = _review(draft, {2: "reject", 3: "accept", 4: "accept"}, answer=False, edits=links)
    with pytest.raises(ReviewError) as refused:
        accept(review.path, tree)
    problems = refused.value.problems
    assert problems[0] == f"fact {FACT[1]} is undecided (accept, reject or defer it)"
    assert any(p.startswith(f"fact {FACT[4]} is accepted with its open question unanswered") for p in problems)
    assert f"fact {FACT[4]} needs {tenure.value}, which would not be published (drafted by fact {FACT[2]}, " \
           "which is reject)" in problems
    assert f"fact {FACT[4]} needs {nobody.value}, which would not be published (described nowhere)" in problems
    assert not (tree.data_dir / "sources" / "review-test.trig").exists()


def test_a_shared_resource_carries_only_what_the_accepted_fact_asserts(draft: Draft, tree: SourceTree) -> None:
    """Fact 2 (Pedro Testaverde is Chile's ambassador) is rejected, fact 3 (he met the minister) is
    accepted: the person is published as fact 3 names him, his post and tenure are not."""
    review = _review(draft, {1: "reject", 2: "reject", 3: "accept", 4: "reject"})
    done = accept(review.path, tree)
    person = f"{ID}person/pedro-testaverde"
    assert _rows(done.path, f"SELECT ?name WHERE {{ <{person}> rdfs:label ?name }}")
    assert not _rows(done.path, "SELECT ?t WHERE { ?t a dkg:Tenure }")
    assert not _rows(done.path, "SELECT ?p WHERE { ?p a dkg:Post }")
    assert not _rows(done.path, "SELECT ?s WHERE { ?s a rdf:Statement }"), "what a draft asserts stays in the draft"


def test_deferred_facts_are_a_decision_and_not_published(draft: Draft, tree: SourceTree) -> None:
    review = _review(draft, {1: "accept", 2: "defer", 3: "defer", 4: "reject"})
    done = accept(review.path, tree)
    assert done.facts == [FACT[1]]
    assert not _rows(done.path, "SELECT ?p WHERE { ?p a dkg:Person }")


def test_an_existing_source_is_replaced_only_when_told_and_the_changes_said(draft: Draft, tree: SourceTree) -> None:
    review = _review(draft, {1: "accept", 2: "accept", 3: "accept", 4: "reject"})
    first = accept(review.path, tree).path.read_bytes()
    with pytest.raises(ReviewError, match="exists: give --replace"):
        accept(review.path, tree)
    decide(review, FACT[3], "reject", "Bob", now=NOW)
    done = accept(review.path, tree, replace=True)
    assert done.replaced and done.path.read_bytes() != first
    assert set(done.changes) == {FACT[3]} and done.changes[FACT[3]][0] == 0 and done.changes[FACT[3]][1] > 10


def test_a_source_that_breaks_the_shapes_is_refused_with_its_violations(draft: Draft, tree: SourceTree) -> None:
    edit = Edit(CONFERENCE, ox.NamedNode(DKG + "earliestDate"), None,
                ox.Literal("not a date", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")))
    review = _review(draft, {1: "reject", 2: "reject", 3: "reject", 4: "accept"}, edits=(edit,))
    with pytest.raises(ReviewError) as refused:
        accept(review.path, tree)
    assert any(p.startswith(f"SHACL: {CONFERENCE.value} dkg:earliestDate") for p in refused.value.problems)
    assert not (tree.data_dir / "sources" / "review-test.trig").exists()
