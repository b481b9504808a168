"""Name matching and score arithmetic of `diplokg link` (diplokg.wikidata.scoring)."""

from __future__ import annotations

from decimal import Decimal

from diplokg.matching.names import folded as fold
from diplokg.wikidata.candidates import ContextValue, Entity, Found, ItemFacts
from diplokg.wikidata.client import SearchHit
from diplokg.wikidata.scoring import score


def test_fold_ignores_case_accents_and_ligatures() -> None:
    assert fold("Knut Vollebæk") == fold("knut  VOLLEBAEK")
    assert fold("Muzaffar Huseinzoda") == fold("Muzaffar Huseinzóda")
    assert fold("Straße") == fold("strasse")


def _person(*labels: tuple[str, str, bool]) -> Entity:
    return Entity("https://w3id.org/diplokg/id/person/x", "person", list(labels),
                  [ContextValue("serves", "Tajikistan", "Q863")])


def _found(qid: str, text: str = "Knut Vollebæk") -> list[Found]:
    return [Found(SearchHit(qid, "", "", "label", "en", text, 0), text, "en")]


def test_score_parts_and_reasons() -> None:
    person = _person(("Knut Vollebæk", "en", False))
    human = ItemFacts("Q900000001", labels={("en", "knut vollebaek")},
                      claims={"P31": {"Q5": "human"}, "P27": {"Q863": ""}}, instance_of_expected={"Q5"})
    s = score(person, "Q900000001", _found("Q900000001"), human, ["en"], {})
    assert s.score == Decimal("0.80")  # 0.30 folded label + 0.35 type + 0.15 citizenship
    assert s.reasons == ("label matches ignoring case and accents (en)", "instance of Q5 (human)",
                         "citizenship Q863 = state served (Tajikistan)")
    # a "mul" label counts for every language
    mul = ItemFacts("Q900000001", labels={("mul", "Knut Vollebæk")})
    assert score(person, "Q900000001", _found("Q900000001"), mul, ["en"], {}).reasons[0] == "label exact (en)"


def test_score_is_clipped_to_0_and_1() -> None:
    person = _person(("Fixture Person A", "en", False), ("Fixture Person A", "de", False))
    best = ItemFacts("Q900000001", labels={("en", "Fixture Person A")},
                     claims={"P31": {"Q5": ""}, "P27": {"Q863": ""}}, instance_of_expected={"Q5"}, ambassador=True)
    person.context.append(ContextValue("head-of-mission post", "Ambassador of Tajikistan to Norway"))
    assert score(person, "Q900000001", _found("Q900000001"), best, ["en", "de"], {}).score == Decimal("1.00")
    linked = score(person, "Q900000001", _found("Q900000001"), best, ["en"], {"Q900000001": ["https://w3id.org/diplokg/id/person/y"]})
    assert linked.score == Decimal("0.00") and linked.reasons[-1] == "already the QID of id:person/y in our data"
