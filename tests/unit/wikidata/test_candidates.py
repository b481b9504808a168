"""The candidate query of `diplokg link` (diplokg.wikidata.candidates): only QIDs and language codes
reach its text; parsing the items."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from diplokg.wikidata.candidates import item_query, parse_items


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
        {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q1520"},
         "field": {"type": "literal", "value": "P17"},
         "value": {"type": "uri", "value": "http://www.wikidata.org/entity/Q232"},
         "valueLabel": {"type": "literal", "value": "Kazakhstan", "xml:lang": "en"}},
        {"item": {"type": "uri", "value": "http://example.org/Q1"}, "field": {"type": "literal", "value": "label"},
         "value": {"type": "literal", "value": "x", "xml:lang": "en"}},
        {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q1520"},
         "field": {"type": "literal", "value": "P31"},
         "value": {"type": "uri", "value": "http://example.org/not-wikidata"}},
    ])
    assert list(items) == ["Q1520"]
    assert items["Q1520"].claims == {"P17": {"Q232": "Kazakhstan"}}
