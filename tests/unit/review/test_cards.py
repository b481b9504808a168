"""Cards of a draft (diplokg.review.cards): one per drafted fact, in order, with its rule,
confidence, sentence and offsets, questions and triples — those the fact asserts (a resource two
facts share carries into each only what that fact says of it)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from diplokg.review.cards import Draft, fact_triples, read_draft
from diplokg.review.errors import ReviewError
from unit.review.conftest import FACT, ID, PAGE


def test_one_card_per_fact_in_order_with_its_sentence(draft: Draft) -> None:
    assert [c.fact for c in draft.cards] == [FACT[n] for n in range(1, 5)]
    assert [c.rule for c in draft.cards][:3] == ["relations/established", "heads/post", "events/meeting"]
    assert draft.slug == "review-test" and len(draft.sha256) == 64
    for card in draft.cards:
        assert card.sentence.start is not None and card.sentence.end is not None
        assert PAGE[card.sentence.start:card.sentence.end] == card.sentence.quote
        assert 0 <= card.confidence <= 1
    assert draft.cards[3].questions and "15-16 April 2019" in draft.cards[3].questions[0]
    assert not draft.cards[0].questions


def test_a_card_holds_the_triples_its_fact_asserts(draft: Draft) -> None:
    """The meeting (fact 3) and the ambassador's post (fact 2) share the person: each card holds
    what its own fact says of him, the meeting card not his post or tenure."""
    meeting, head = draft.card(FACT[3]), draft.card(FACT[2])
    assert meeting is not None and head is not None
    person = ox.NamedNode(f"{ID}person/pedro-testaverde")
    subjects = {t.subject.value for t in meeting.triples if isinstance(t.subject, ox.NamedNode)}
    assert f"{ID}event/2019-05-03-meeting-CHL-TJK" in subjects
    assert f"{ID}event/2019-05-03-meeting-CHL-TJK/participation/pedro-testaverde" in subjects
    label = ox.Triple(person, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                      ox.Literal("Pedro Testaverde", language="en"))
    assert label in meeting.triples and label in head.triples
    assert not any("tenure/" in t.subject.value or "post/" in t.subject.value for t in meeting.triples)
    assert any("tenure/" in t.subject.value for t in head.triples)
    assert person.value in head.resources


def test_fact_triples_of_a_draft_without_asserted_triples(draft: Draft) -> None:
    """Drafts written before facts recorded their triples: a fact's resources and what only they
    lead to."""
    meeting = draft.card(FACT[3])
    assert meeting is not None
    owned = {r for c in draft.cards for r in c.resources} - set(meeting.resources)
    found = fact_triples(draft.triples, meeting.resources, owned)
    assert f"{ID}person/pedro-testaverde" not in {t.subject.value for t in found}  # fact 2 drafted the person
    alone = fact_triples(draft.triples, [f"{ID}event/2019-05-03-meeting-CHL-TJK"])
    assert {t.subject.value for t in alone if isinstance(t.subject, ox.NamedNode)} >= \
        {f"{ID}person/pedro-testaverde"}  # without owners given, it follows every described node


def test_every_triple_is_the_base_a_fact_a_fact_record_or_a_statement(draft: Draft) -> None:
    covered = set(draft.base).union(*(c.triples for c in draft.cards))
    statement = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement")
    statements = {t.subject for t in draft.triples if t.object == statement}
    rest = {t for t in draft.triples - covered if t.subject.value not in FACT.values() and t.subject not in statements}
    assert not rest
    assert covered <= draft.triples, "a card holds only triples the draft states"


@pytest.mark.parametrize("content, reason", [
    (b"not TriG {", "cannot read the draft"),
    (b"<urn:a> <urn:b> <urn:c> <https://w3id.org/diplokg/graph/source/x> .\n<urn:a> <urn:b> <urn:c> <urn:g> .",
     "one named graph"),
    (b"<urn:a> <urn:b> <urn:c> <https://w3id.org/diplokg/graph/source/x> .", "no dkg:DraftedFact"),
])
def test_a_file_that_is_no_draft_is_refused(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "x.trig"
    path.write_bytes(content.replace(b"> .\n", b"> .\n") if b"{" in content else _nquads_as_trig(content))
    with pytest.raises(ReviewError, match=reason):
        read_draft(path)


def _nquads_as_trig(content: bytes) -> bytes:
    quads = ox.parse(content, format=ox.RdfFormat.N_QUADS)
    return bytes(ox.serialize(list(quads), format=ox.RdfFormat.TRIG) or b"")
