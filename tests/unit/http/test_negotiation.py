"""Unit tests of content negotiation (diplokg.http.negotiation)."""

from __future__ import annotations

from diplokg.core.formats import GRAPH_FORMATS, RESULT_FORMATS
from diplokg.http.negotiation import choose, parse_accept


def test_accept_q_values_and_wildcards():
    assert choose("text/csv;q=0.5, application/sparql-results+xml", RESULT_FORMATS).name == "xml"
    assert choose("text/*;q=0.5, text/tab-separated-values", RESULT_FORMATS).name == "tsv"
    assert choose("*/*", RESULT_FORMATS).name == "json"
    assert choose(None, GRAPH_FORMATS).name == "turtle"
    assert choose("application/json", GRAPH_FORMATS).name == "jsonld"
    assert choose("application/json", RESULT_FORMATS).name == "json"
    assert choose("application/xml", GRAPH_FORMATS).name == "rdfxml"
    assert choose("image/png", RESULT_FORMATS) is None
    assert choose("text/csv;q=0", RESULT_FORMATS) is None
    assert choose("*/*;q=0.1, text/turtle;q=0", GRAPH_FORMATS).name == "ntriples"


def test_format_parameter_overrides_accept():
    assert choose("text/csv", RESULT_FORMATS, "json").name == "json"
    assert choose(None, RESULT_FORMATS, ["unknown", "text/tab-separated-values"]).name == "tsv"
    assert choose(None, GRAPH_FORMATS, "n3").name == "turtle"
    assert choose(None, RESULT_FORMATS, "turtle") is None


def test_malformed_accept_is_lenient():
    assert [r.type for r in parse_accept("garbage, text/csv;q=abc, /x, */json")] == ["text"]
