"""Unit tests of query analysis (diplokg.http.analysis): the federation filter."""

from __future__ import annotations

import pytest

from diplokg.core.lexer import analyse
from diplokg.http.analysis import check_services
from diplokg.http.errors import ProtocolError as FederationRefused


def test_federation_rules():
    allowed = ["https://query.wikidata.org/sparql"]
    check_services(analyse("SELECT * { SERVICE <https://query.wikidata.org/sparql> { } }"), allowed)
    with pytest.raises(FederationRefused, match="disabled"):
        check_services(analyse("SELECT * { SERVICE <https://query.wikidata.org/sparql> { } }"), [])
    with pytest.raises(FederationRefused, match="allowlist"):
        check_services(analyse("SELECT * { SERVICE <http://127.0.0.1/> { } }"), allowed)
    with pytest.raises(FederationRefused, match="variable"):
        check_services(analyse("SELECT * { SERVICE ?x { } }"), allowed)


def test_the_lexer_pass_of_a_repeated_text_is_kept_and_the_checks_still_run():
    from diplokg.http import analysis

    text = "SELECT ?s WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    first = analysis.analyse_query(text, (), ["http://example.org/sparql"], "http://x/")
    assert analysis.analyse_query(text, (), ["http://example.org/sparql"], "http://x/") is first
    with pytest.raises(FederationRefused, match="federated queries are disabled"):  # same text, other allowlist
        analysis.analyse_query(text, (), [], "http://x/")
    other_base = analysis.analyse_query("SELECT * { SERVICE <sparql> { ?s ?p ?o } }", (), ["http://y/sparql"],
                                        "http://y/")
    assert other_base.services[0].iri == "http://y/sparql"
    long = "SELECT * WHERE { ?s ?p ?o } #" + "x" * analysis._CACHED_CHARS
    assert analysis.analyse_query(long, (), [], "http://x/") is not analysis.analyse_query(long, (), [], "http://x/")
