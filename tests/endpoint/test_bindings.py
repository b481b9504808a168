"""Variable bindings on the protocol endpoint (RDF4J's convention: ``$name=<N-Triples term>``): the
value is bound as an RDF term, bad terms and unbindable variables get 400 with the reason."""

from __future__ import annotations

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from diplokg.core.terms import parse_term


@pytest.fixture(scope="module")
def server(backend_server):
    """Every test of this module runs against each query backend (embedded store, Virtuoso)."""
    return backend_server


TJK = "https://w3id.org/diplokg/id/state/TJK"
LABEL_QUERY = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
               "SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?label")


def test_binding_restricts_the_results(server, http):
    r = http.post(server.endpoint, data={"query": LABEL_QUERY, "$s": f"<{TJK}>"},
                  headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    rows = r.json()["results"]["bindings"]
    assert {row["s"]["value"] for row in rows} == {TJK}
    assert {row["label"]["value"] for row in rows} >= {"Tajikistan", "Tadschikistan"}


def test_literal_binding_with_language_and_get(server, http):
    r = http.get(server.endpoint, params={"query": LABEL_QUERY, "$label": '"Tadschikistan"@de'},
                 headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    assert [row["s"]["value"] for row in r.json()["results"]["bindings"]] == [TJK]


def test_binding_in_ask(server, http):
    ask = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ASK { ?s rdfs:label \"Norway\"@en }"
    yes = http.post(server.endpoint, data={"query": ask, "$s": "<https://w3id.org/diplokg/id/state/NOR>"},
                    headers={"Accept": "application/sparql-results+json"})
    no = http.post(server.endpoint, data={"query": ask, "$s": f"<{TJK}>"},
                   headers={"Accept": "application/sparql-results+json"})
    assert yes.json()["boolean"] is True and no.json()["boolean"] is False


def test_sparqlwrapper_add_parameter(server):
    client = SPARQLWrapper(server.endpoint)
    client.setQuery(LABEL_QUERY)
    client.addParameter("$s", f"<{TJK}>")
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]
    assert rows and {row["s"]["value"] for row in rows} == {TJK}


@pytest.mark.parametrize("params,message", [
    ({"$s": "Tajikistan"}, "is not an RDF term"),
    ({"$s": f"<{TJK}> . ?x ?y ?z"}, "is not an RDF term"),
    ({"$s": "<relative>"}, "not an absolute IRI"),
    ({"$s": '"a" } DROP ALL { "b"'}, "is not an RDF term"),
    ({"$p": f"<{TJK}>"}, "in the SELECT clause"),
    ({"$1x": f"<{TJK}>"}, "not a variable binding"),
])
def test_bad_bindings_are_400_with_the_reason(server, http, params, message):
    r = http.post(server.endpoint, data={"query": LABEL_QUERY, **params}, headers={"Accept": "application/json"})
    assert r.status_code == 400
    assert message in r.text


def test_repeated_binding_is_400(server, http):
    r = http.post(server.endpoint, content=f"query=x&$s=<{TJK}>&$s=<{TJK}>".encode(),
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400 and "given once" in r.text


@pytest.mark.parametrize("text,expected", [
    ("<http://example.org/a>", ("iri", "http://example.org/a", None, None)),
    ('"x\\"y\\n"', ("literal", 'x"y\n', "http://www.w3.org/2001/XMLSchema#string", None)),
    ('"caf\\u00E9"@DE', ("literal", "café", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", "de")),
    ('"2015-04-20"^^<http://www.w3.org/2001/XMLSchema#date>',
     ("literal", "2015-04-20", "http://www.w3.org/2001/XMLSchema#date", None)),
])
def test_parse_term(text, expected):
    term = parse_term(text)
    kind = "iri" if not hasattr(term, "datatype") else "literal"
    got = (kind, term.value, term.datatype.value if kind == "literal" else None,
           (term.language or None) if kind == "literal" else None)
    assert got == expected


@pytest.mark.parametrize("text", ["", "<a b>", '"open', '"x"@', '"x"^^xsd:date', "_:b0", '"bad \\q escape"'])
def test_parse_term_refuses(text):
    with pytest.raises(ValueError):
        parse_term(text)
