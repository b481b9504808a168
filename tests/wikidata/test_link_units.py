"""The pure parts of `diplokg link`, in process: the candidate query (only QIDs reach its text),
name matching and score arithmetic, the review file's cells, and the reviewed-links file format."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from diplokg.wikidata.candidates import ContextValue, Entity, Found, ItemFacts, item_query, parse_items
from diplokg.wikidata.review import ReviewRow, read_review, render_review
from diplokg.wikidata.scoring import fold, score
from diplokg.wikidata.reviewed_links import LinkRecord, read, render
from diplokg.wikidata.client import SearchHit


@pytest.mark.parametrize("bad", ["Q0", "Q01", "q5", "P31", "Q5 } . ?s ?p ?o . VALUES ?x {", "wd:Q5", ""])
def test_the_query_takes_only_qids(bad: str) -> None:
    with pytest.raises(ValueError, match="not a QID"):
        item_query([(bad, "Q5")], ["en"], [])
    with pytest.raises(ValueError, match="not a QID"):
        item_query([("Q5", "Q5")], ["en"], [bad])


def test_the_query_takes_only_language_codes() -> None:
    with pytest.raises(ValueError, match="not a language code"):
        item_query([("Q1520", "Q515")], ['en") || true || ("'], [])


def test_the_query_parses_and_binds_pairs() -> None:
    query = item_query([("Q1520", "Q515"), ("Q9365", "Q515")], ["de", "en"], ["Q900000001"])
    ox.Store().query(query)  # valid SPARQL
    assert "VALUES ?item { wd:Q1520 wd:Q9365 }" in query
    assert "(wd:Q1520 wd:Q515) (wd:Q9365 wd:Q515)" in query
    assert 'IN ("de", "en", "mul")' in query


def test_parse_items_ignores_foreign_iris() -> None:
    items = parse_items([
        {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q1520"}, "field": {"type": "literal", "value": "P17"},
         "value": {"type": "uri", "value": "http://www.wikidata.org/entity/Q232"}, "valueLabel": {"type": "literal", "value": "Kazakhstan", "xml:lang": "en"}},
        {"item": {"type": "uri", "value": "http://example.org/Q1"}, "field": {"type": "literal", "value": "label"},
         "value": {"type": "literal", "value": "x", "xml:lang": "en"}},
        {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q1520"}, "field": {"type": "literal", "value": "P31"},
         "value": {"type": "uri", "value": "http://example.org/not-wikidata"}},
    ])
    assert list(items) == ["Q1520"]
    assert items["Q1520"].claims == {"P17": {"Q232": "Kazakhstan"}}


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
    human = ItemFacts("Q900000001", labels={("en", "knut vollebaek")}, claims={"P31": {"Q5": "human"}, "P27": {"Q863": ""}},
                      instance_of_expected={"Q5"})
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


def test_review_cells_never_start_a_formula(tmp_path: Path) -> None:
    row = ReviewRow("https://w3id.org/diplokg/id/place/x", "=HYPERLINK(\"http://evil\")", "city", "", "Q1",
                    "+cmd", "@SUM(A1)", "https://www.wikidata.org/wiki/Q1", "0.50", "label exact (en)")
    path = tmp_path / "review.tsv"
    path.write_text(render_review([row]), encoding="utf-8")
    (back,) = read_review(path)
    assert back.values["entity_label"] == "'=HYPERLINK(\"http://evil\")"
    assert back.values["candidate_label"] == "'+cmd" and back.values["candidate_description"] == "'@SUM(A1)"
    assert back.number == 2 and back.values["candidate"] == "Q1" and back.values["decision"] == ""


def test_reviewed_links_render_and_read_back(tmp_path: Path) -> None:
    records = [
        LinkRecord("https://w3id.org/diplokg/id/place/b", "Q2", 'Ann "Quote" Example', "2026-11-20", "0.90",
                   "label exact (de); a \\ backslash and\ta tab"),
        LinkRecord("https://w3id.org/diplokg/id/place/a", "Q1", "Bo", "2026-11-21", "1.00", "instance of Q515 (city)"),
    ]
    path = tmp_path / "links.trig"
    path.write_text(render(records), encoding="utf-8")
    assert render(list(reversed(records))) == render(records)  # sorted, whatever the input order
    back, quads = read(path)
    assert back == sorted(records)
    assert len(quads) == 20 and {q.graph_name.value for q in quads} == {"https://w3id.org/diplokg/graph/reference/reviewed-links"}
    assert render(back) == path.read_text(encoding="utf-8")
