"""Variable bindings on the protocol endpoint (RDF4J's convention: ``$name=<N-Triples term>``): the
value is bound as an RDF term, bad terms and unbindable variables get 400 with the reason."""

from __future__ import annotations

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper


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
