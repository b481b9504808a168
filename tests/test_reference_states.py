"""The states reference graph: complete, correct for the seed states, and reproducible."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from diplokg.reference_states import render_states

REPO = Path(__file__).resolve().parents[1]
STATES = REPO / "data" / "states.trig"
D = "https://w3id.org/diplokg/ontology#"


def _states() -> dict[str, dict[str, list[ox.Term]]]:
    out: dict[str, dict[str, list[ox.Term]]] = {}
    quads = list(ox.parse(path=str(STATES), format=ox.RdfFormat.TRIG))
    states = {q.subject for q in quads if q.predicate.value.endswith("#type") and q.object.value == D + "State"}
    for q in quads:
        if q.subject in states:
            out.setdefault(q.subject.value, {}).setdefault(q.predicate.value, []).append(q.object)
    return out


def test_committed_file_is_what_the_generator_produces() -> None:
    assert render_states(REPO / "data" / "reference" / "countries-regions.csv") == STATES.read_text(encoding="utf-8")


def test_all_sovereign_states_with_codes_names_and_qids() -> None:
    states = _states()
    assert len(states) == 195
    status = [s[D + "unStatus"][0].value.rsplit("/", 1)[-1] for s in states.values()]
    assert status.count("member") == 193 and status.count("observer") == 2
    for iri, s in states.items():
        labels = s["http://www.w3.org/2000/01/rdf-schema#label"]
        assert sorted(l.language for l in labels) == ["de", "en"], iri
        assert re.fullmatch(r"[A-Z]{2}", s[D + "isoAlpha2"][0].value)
        assert re.fullmatch(r"[A-Z]{3}", s[D + "isoAlpha3"][0].value)
        assert iri.endswith("/" + s[D + "isoAlpha3"][0].value)
        assert re.fullmatch(r"Q[1-9][0-9]*", s[D + "wikidataId"][0].value)
    without_cow = sorted(i.rsplit("/", 1)[-1] for i, s in states.items() if D + "cowCode" not in s)
    assert without_cow == ["PSE"]  # the Correlates of War list has no code for Palestine


def test_seed_states() -> None:
    states = _states()
    expected = {"TJK": ("Q863", 702), "ROU": ("Q218", 360), "NOR": ("Q20", 385), "AUT": ("Q40", 305), "KAZ": ("Q232", 705)}
    for a3, (qid, cow) in expected.items():
        s = states[f"https://w3id.org/diplokg/id/state/{a3}"]
        assert s[D + "wikidataId"][0].value == qid
        assert int(s[D + "cowCode"][0].value) == cow
    names = {l.language: l.value for l in states["https://w3id.org/diplokg/id/state/TJK"]["http://www.w3.org/2000/01/rdf-schema#label"]}
    assert names == {"en": "Tajikistan", "de": "Tadschikistan"}
    vat = states["https://w3id.org/diplokg/id/state/VAT"]
    assert {l.value for l in vat["http://www.w3.org/2000/01/rdf-schema#label"]} == {"Holy See", "Heiliger Stuhl"}
