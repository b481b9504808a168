"""The states reference graph: reproducible from its sources, complete, and correct for the seed
states."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from diplokg.source.reference_states import render_states

REPO = Path(__file__).resolve().parents[3]
CSV = REPO / "data" / "reference" / "countries-regions.csv"
STATES = REPO / "data" / "states.trig"
GRAPH = "https://w3id.org/diplokg/graph/reference/states"
DKG = "https://w3id.org/diplokg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
STATE_IRI = "https://w3id.org/diplokg/id/state/"
UN_STATUS = "https://w3id.org/diplokg/vocab/un-status/"

SEEDS = {"TJK": ("Q863", 702), "ROU": ("Q218", 360), "NOR": ("Q20", 385), "AUT": ("Q40", 305), "KAZ": ("Q232", 705)}


@pytest.fixture(scope="module")
def states() -> dict[str, dict[str, list[ox.Term]]]:
    """Subject IRI -> predicate IRI -> objects, for every dkg:State in the committed file."""
    quads = list(ox.parse(path=str(STATES), format=ox.RdfFormat.TRIG))
    assert {q.graph_name.value for q in quads} == {GRAPH}
    subjects = {q.subject for q in quads if q.predicate.value == RDF_TYPE and q.object.value == DKG + "State"}
    out: dict[str, dict[str, list[ox.Term]]] = {}
    for q in quads:
        if q.subject in subjects:
            out.setdefault(q.subject.value, {}).setdefault(q.predicate.value, []).append(q.object)
    return out


def _one(state: dict[str, list[ox.Term]], prop: str) -> str:
    values = state[DKG + prop]
    assert len(values) == 1
    return values[0].value


def test_committed_file_is_what_the_generator_produces() -> None:
    assert render_states(CSV).encode("utf-8") == STATES.read_bytes()


def test_all_sovereign_states_with_labels_codes_and_qids(states: dict[str, dict[str, list[ox.Term]]]) -> None:
    assert len(states) == 195
    status = [_one(s, "unStatus") for s in states.values()]
    assert status.count(UN_STATUS + "member") == 193
    assert status.count(UN_STATUS + "observer") == 2
    observers = sorted(iri.removeprefix(STATE_IRI) for iri, s in states.items()
                       if _one(s, "unStatus") == UN_STATUS + "observer")
    assert observers == ["PSE", "VAT"]
    for iri, s in states.items():
        labels = s[RDFS_LABEL]
        assert sorted(label.language for label in labels) == ["de", "en"], iri
        assert all(label.value.strip() for label in labels), iri
        assert re.fullmatch(r"[A-Z]{2}", _one(s, "isoAlpha2")), iri
        alpha3 = _one(s, "isoAlpha3")
        assert re.fullmatch(r"[A-Z]{3}", alpha3), iri
        assert iri == STATE_IRI + alpha3
        assert re.fullmatch(r"Q[1-9][0-9]*", _one(s, "wikidataId")), iri


def test_seed_states(states: dict[str, dict[str, list[ox.Term]]]) -> None:
    for alpha3, (qid, cow) in SEEDS.items():
        s = states[STATE_IRI + alpha3]
        assert _one(s, "wikidataId") == qid
        assert int(_one(s, "cowCode")) == cow
        assert _one(s, "unStatus") == UN_STATUS + "member"
    tajikistan = {label.language: label.value for label in states[STATE_IRI + "TJK"][RDFS_LABEL]}
    assert tajikistan == {"en": "Tajikistan", "de": "Tadschikistan"}
    holy_see = states[STATE_IRI + "VAT"]
    assert {label.language: label.value for label in holy_see[RDFS_LABEL]}["en"] == "Holy See"
    assert "Vatican" in {label.value for label in holy_see["http://www.w3.org/2004/02/skos/core#altLabel"]}
