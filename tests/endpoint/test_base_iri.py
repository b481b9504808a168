"""Relative IRIs in queries resolve against a base IRI, as other endpoints do: the query's own BASE,
else the endpoint's public URL (``--base-url`` + ``sparql``) — never the request's Host header;
a saved query's relative IRIs against its own published IRI. On the sparql backend the text sent to
the engine carries an explicit BASE, so Virtuoso resolves them the same way. A query that calls a
function the engine does not implement is the client's error: 400 with the engine's message."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from support.server_process import NO_ERROR_BUDGET, ServerProcess

JSON = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def server(backend_server):
    """The /sparql tests run against each query backend (embedded store, Virtuoso)."""
    return backend_server


def select(http, server, query: str, **headers: str) -> list[dict[str, str]]:
    r = http.post(server.endpoint, content=query,
                  headers={"Content-Type": "application/sparql-query", **JSON, **headers})
    assert r.status_code == 200, r.text
    return [{k: v["value"] for k, v in row.items()} for row in json.loads(r.content)["results"]["bindings"]]


def test_relative_iris_resolve_against_the_endpoint_url(server, http):
    rows = select(http, server, "SELECT ?iri WHERE { BIND(<a/b?c#d> AS ?iri) }")
    assert rows == [{"iri": server.url + "a/b?c#d"}]


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { <a> <b> <c> }",
    "PREFIX : <> SELECT * WHERE { :a :b ?c }",
    "SELECT * FROM <data.ttl> WHERE { ?s ?p ?o }",
    "ASK { <../x> ?p ?o }",
])
def test_textbook_queries_with_relative_iris_are_answered(server, http, query):
    r = http.post(server.endpoint, content=query, headers={"Content-Type": "application/sparql-query", **JSON})
    assert r.status_code == 200, r.text


def test_the_querys_own_base_wins_and_a_relative_base_resolves_against_the_endpoint(server, http):
    absolute = select(http, server, "BASE <http://other.example/dir/> SELECT ?iri WHERE { BIND(<x> AS ?iri) }")
    assert absolute == [{"iri": "http://other.example/dir/x"}]
    relative = select(http, server, "BASE <sub/> PREFIX p: <q/> SELECT ?iri ?p WHERE { BIND(<x> AS ?iri) "
                                    "BIND(p:y AS ?p) }")
    assert relative == [{"iri": server.url + "sub/x", "p": server.url + "sub/q/y"}]


def test_the_base_is_the_configured_public_url_not_the_host_header(strict_server, http):
    rows = select(http, strict_server, "SELECT ?iri WHERE { BIND(<a> AS ?iri) }", Host="attacker.example")
    assert rows == [{"iri": "https://example.org/kg/a"}]


def test_a_relative_service_iri_is_checked_as_resolved(strict_server, http, dead_endpoint):
    r = http.post(strict_server.endpoint, content="SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
                  headers={"Content-Type": "application/sparql-query", **JSON})
    assert r.status_code == 400
    assert r.json()["kind"] == "federation"
    assert "SERVICE <https://example.org/kg/sparql>" in r.json()["message"]
    # the same relative IRI against a base where it names the allowlisted endpoint: called (and dead)
    base = dead_endpoint.removesuffix("sparql")
    r = http.post(strict_server.endpoint, content=f"BASE <{base}> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
                  headers={"Content-Type": "application/sparql-query", **JSON})
    assert r.status_code == 502, r.text
    assert dead_endpoint in r.json()["message"]


@pytest.mark.parametrize(("query", "function"), [
    ("SELECT ?v WHERE { BIND(<http://example.org/ns#myFunction>(1) AS ?v) }", "http://example.org/ns#myFunction"),
    ("PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT * WHERE { ?s ?p ?o FILTER(xsd:frobnicate(?o)) }",
     "http://www.w3.org/2001/XMLSchema#frobnicate"),
    ("SELECT * WHERE { ?s ?p ?o } ORDER BY <http://example.org/f>(?o)", "http://example.org/f"),
])
def test_an_unknown_extension_function_is_the_clients_error(server, http, query, function):
    """400 with the engine's message (pyoxigraph: "The custom function <…> is not supported";
    Virtuoso: "SR185: Undefined procedure …"), kind ``unsupported``; never 500 or 502."""
    r = http.post(server.endpoint, content=query, headers={"Content-Type": "application/sparql-query", **JSON})
    assert r.status_code == 400, r.text
    body = r.json()
    assert body["kind"] == "unsupported"
    assert function in body["message"]
    assert "is not supported" in body["message"] or "Undefined procedure" in body["message"]


RELATIVE_SAVED_QUERY = """#+ summary: The saved query's own IRI, and an IRI relative to it
#+ description: >
#+   Research question: none; a fixture that shows how a saved query's relative IRIs resolve.
SELECT ?own ?sibling WHERE { BIND(<> AS ?own) BIND(<related> AS ?sibling) }
"""


@pytest.fixture(scope="module")
def saved_query_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A store of one triple with one saved query that uses relative IRIs (test data, written
    without the build's checks, which are for our data)."""
    from diplokg.build.artifacts import write_artifacts
    from diplokg.build.store import write_store

    root = tmp_path_factory.mktemp("base-iri")
    queries = root / "queries"
    queries.mkdir()
    (queries / "relative-iris.rq").write_text(RELATIVE_SAVED_QUERY, encoding="utf-8")
    quads = [ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"),
                     ox.Literal("o"), ox.NamedNode("http://example.org/g"))]
    store: Path = root / "store"
    write_store(store, quads, {"triples": 1}, lambda target, db: write_artifacts(target, db, queries))
    with ServerProcess(store, "--base-url", "https://example.org/kg/", *NO_ERROR_BUDGET, log=root / "serve.log") as p:
        yield p


def test_a_saved_querys_relative_iris_resolve_against_its_published_iri(saved_query_server, http):
    r = http.get(saved_query_server.url + "queries/relative-iris/results", headers=JSON)
    assert r.status_code == 200, r.text
    row = {k: v["value"] for k, v in r.json()["results"]["bindings"][0].items()}
    assert row == {"own": "https://example.org/kg/queries/relative-iris", "sibling": "https://example.org/kg/queries/related"}
