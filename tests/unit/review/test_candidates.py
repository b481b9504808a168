"""What an entity value can be changed to (diplokg.review.candidates): the other resources of its
kind in the draft and in the published graph (loaded from the bundled source tree), a name the
sentence writes first, then names like the drafted one; a concept only among its scheme's."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from diplokg.matching.names import word_key as folded
from diplokg.review.candidates import PREFILTER, Candidates
from diplokg.review.cards import Draft
from diplokg.source.loader import load
from diplokg.source.tree import SourceTree
from support.cli_runner import REPO
from unit.review.conftest import FACT, ID

VOCAB = "https://w3id.org/diplokg/vocab/"


@pytest.fixture(scope="module")
def published() -> ox.Store:
    return load(SourceTree(REPO)).store


def test_states_the_sentence_names_come_first_then_published_states(draft: Draft, published: ox.Store) -> None:
    choices = Candidates(draft, published).every()[FACT[1]]
    chile = choices[f"{ID}state/CHL"]
    assert chile[0].value == ox.NamedNode(f"{ID}state/TJK"), "the other state the sentence names"
    assert chile[0].score >= 2
    assert {c.origin for c in chile} == {"published"}
    assert ox.NamedNode(f"{ID}state/CHL") not in {c.value for c in chile}, "never the drafted value itself"
    assert len(chile) == 20, "at most LIMIT, best first"
    assert [c.score for c in chile] == sorted((c.score for c in chile), reverse=True)


def test_a_person_of_the_draft_and_the_published_persons(draft: Draft, published: ox.Store) -> None:
    choices = Candidates(draft, published).every()[FACT[3]]
    (person,) = [v for v in choices if v.startswith(f"{ID}person/pedro")]
    offered = {c.value.value: c for c in choices[person]}
    assert f"{ID}person/sirojiddin-muhriddin" in offered, "the other person the sentence names"
    assert offered[f"{ID}person/sirojiddin-muhriddin"].score >= 2
    assert f"{ID}person/idibek-kalandar" in offered and offered[f"{ID}person/idibek-kalandar"].origin == "published"
    assert offered[f"{ID}person/idibek-kalandar"].name == "Idibek Kalandar"


def test_a_concept_only_among_the_concepts_of_its_scheme(draft: Draft, published: ox.Store) -> None:
    choices = Candidates(draft, published).every()[FACT[2]]
    ranks = choices[f"{VOCAB}rank/ambassador-extraordinary-and-plenipotentiary"]
    assert ranks and all(c.value.value.startswith(f"{VOCAB}rank/") for c in ranks)
    assert "Chargé d'affaires" in {c.name for c in ranks}


def test_without_a_published_graph_the_draft_alone(draft: Draft) -> None:
    choices = Candidates(draft).every()
    offered = {c.value.value for values in choices.values() for found in values.values() for c in found}
    assert offered and all(c.origin == "draft" for v in choices.values() for f in v.values() for c in f)
    assert not offered & ({c.fact for c in draft.cards} | {t.subject.value for t in draft.base
                                                          if isinstance(t.subject, ox.NamedNode)}), \
        "the draft's facts, document and sentences are never entities to choose"


def test_folded_names_ignore_case_accents_and_word_order() -> None:
    assert folded("Ciobanu, Mădălina") == folded("madalina CIOBANU")
    assert folded("Lupu") != folded("Lupo")


def test_a_large_kind_is_narrowed_to_names_that_share_a_word(draft: Draft) -> None:
    """Above PREFILTER resources of a kind, only those with a name word in common with the value or
    its sentence are ranked (a big graph's persons are not each compared)."""
    store = ox.Store()
    person = ox.NamedNode("https://w3id.org/diplokg/ontology#Person")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    graph = ox.NamedNode("https://w3id.org/diplokg/graph/test")
    for n in range(PREFILTER + 100):
        node = ox.NamedNode(f"{ID}person/synthetic-{n}")
        store.add(ox.Quad(node, rdf_type, person, graph))
        store.add(ox.Quad(node, label, ox.Literal(f"Someone Number{n}", language="en"), graph))
    namesake = ox.NamedNode(f"{ID}person/ana-testaverde")
    store.add(ox.Quad(namesake, rdf_type, person, graph))
    store.add(ox.Quad(namesake, label, ox.Literal("Ana Testaverde", language="en"), graph))
    choices = Candidates(draft, store).every()[FACT[3]]
    (pedro,) = [v for v in choices if v.startswith(f"{ID}person/pedro")]
    offered = [c.value for c in choices[pedro]]
    assert offered[0] == namesake
    assert not any("synthetic" in c.value for c in offered)
