"""Unit tests of the SPARQL lexer (diplokg.core.lexer): form, dataset clause, SERVICE targets, nesting."""

from __future__ import annotations

import pytest

from diplokg.core.lexer import analyse


@pytest.mark.parametrize("query,form", [
    ("SELECT * {}", "SELECT"), ("  ask {}", "ASK"),
    ("PREFIX a: <http://a/> BASE <http://b/> CONSTRUCT WHERE {}", "CONSTRUCT"),
    ("# c\nDESCRIBE <x>", "DESCRIBE"), ("INSERT DATA { <a> <b> <c> }", "UPDATE"),
    ("prefix x: <y> delete where {}", "UPDATE"),
    ("LOAD <http://x/>", "UPDATE"), ("{", None),
])
def test_query_form(query, form):
    assert analyse(query).form == form


def test_dataset_clause_detection():
    assert analyse("SELECT * FROM <g> { }").has_dataset_clause
    assert analyse("SELECT * FROM NAMED <g> { }").has_dataset_clause
    assert not analyse('SELECT * { ?s ?p "FROM" } # FROM').has_dataset_clause


@pytest.mark.parametrize("query,targets", [
    ("SELECT * { SERVICE <http://e/sparql> { } }", ["http://e/sparql"]),
    ("SELECT * { SERVICE SILENT <http://e/sparql> { } }", ["http://e/sparql"]),
    ("PREFIX e: <http://e/> SELECT * { service e:sparql { } }", ["http://e/sparql"]),
    ("BASE <http://e/> SELECT * { SERVICE <sparql> { } }", ["http://e/sparql"]),
    ("SELECT * { SERVICE ?x { } }", [None]),
    ("SELECT * { SERVICE", [None]),
    ("SELECT * { ?service ?p 'SERVICE <http://e/>' } # SERVICE <http://e/>", []),
    ('SELECT * { ?s ?p """multi\nSERVICE <http://e/>\n""" }', []),
    ("PREFIX service: <http://e/> SELECT * { ?s service:x ?o }", []),
])
def test_service_targets(query, targets):
    assert [c.iri for c in analyse(query).services] == targets


def test_predefined_prefixes_resolve_service_targets():
    info = analyse("SELECT * { SERVICE wd:sparql { } }", {"wd": "http://www.wikidata.org/entity/"})
    assert info.services[0].iri == "http://www.wikidata.org/entity/sparql"


def test_lexer_is_linear_on_deep_nesting():
    import time

    query = "SELECT * " + "{ " * 100_000 + "}" * 100_000
    start = time.perf_counter()
    analyse(query)
    assert time.perf_counter() - start < 5


def test_nesting_depth_counts_brackets_of_code_only():
    assert analyse("SELECT * WHERE { ?s ?p ?o }").max_depth == 1
    assert analyse("SELECT * WHERE { FILTER((1 + (2))) [ <p> [ <q> 1 ] ] }").max_depth == 4
    # brackets inside strings, IRIs and comments are not nesting
    assert analyse('SELECT * WHERE { ?s ?p "((((" . ?s <http://e/((> ?o # [[[[\n }').max_depth == 1


# RFC 3986, section 5.4: the normal and abnormal examples of reference resolution
RFC3986_BASE = "http://a/b/c/d;p?q"
RFC3986_REFERENCES = ["g", "./g", "g/", "/g", "//g", "?y", "g?y", "#s", "g#s", "g?y#s", ";x", "g;x", "g;x?y#s", "",
                      ".", "./", "..", "../", "../g", "../..", "../../", "../../g", "../../../g", "../../../../g",
                      "/./g", "/../g", "g.", ".g", "g..", "..g", "./../g", "./g/.", "g/./h", "g/../h", "g;x=1/./y",
                      "g;x=1/../y", "g?y/./x", "g?y/../x", "g#s/./x", "g#s/../x",
                      # and what urljoin gets wrong: empty fragments and queries are kept
                      "s#", "s?", "#", "?", "ontology#", "../a?#", "//h2", "//h2/p#f"]


@pytest.mark.parametrize("reference", RFC3986_REFERENCES)
def test_relative_iris_resolve_as_the_engine_resolves_them(reference):
    """The federation check sees a relative SERVICE IRI resolved; it must be the IRI the engine
    will call, so the lexer's resolution is checked against pyoxigraph's on RFC 3986's examples."""
    import pyoxigraph as ox

    engine = next(iter(ox.Store().query(f"SELECT ?x {{ BIND(<{reference}> AS ?x) }}", base_iri=RFC3986_BASE)))["x"]
    ours = analyse(f"SELECT * {{ SERVICE <{reference}> {{ }} }}", base=RFC3986_BASE).services[0].iri
    assert ours == engine.value


def test_a_query_base_resolves_against_the_given_base():
    info = analyse("BASE <sub/> PREFIX p: <q/> SELECT * { SERVICE p:x { } }", base="http://h/kg/sparql")
    assert info.base == "http://h/kg/sub/"
    assert info.services[0].iri == "http://h/kg/sub/q/x"
