"""The saved-query REST API and the examples graph, against a real server process."""

from __future__ import annotations

import csv
import io
import json

import pytest
import rdflib

from diplokg.saved_queries.catalog import load_all
from support.cli_runner import REPO
from support.saved_results import EXPECTED, comparable, is_ordered


@pytest.fixture(scope="module")
def server(backend_server):
    """Every test of this module runs against each query backend (embedded store, Virtuoso)."""
    return backend_server


QUERIES = load_all(REPO / "queries")
LOCAL = sorted(slug for slug, q in QUERIES.items() if not q.federated)
TJK = "https://w3id.org/diplokg/id/state/TJK"
ROU = "https://w3id.org/diplokg/id/state/ROU"


def test_list_json_and_html(server, http):
    body = http.get(server.url + "queries", headers={"Accept": "application/json"}).json()
    listed = {q["slug"]: q for q in body["queries"]}
    assert set(listed) == set(QUERIES)
    for slug, q in listed.items():
        assert q["summary"] == QUERIES[slug].summary and q["tags"] == list(QUERIES[slug].tags)
        assert q["links"]["results"] == server.url + f"queries/{slug}/results"
    page = http.get(server.url + "queries", headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html")
    assert all(slug in page.text for slug in QUERIES)


def test_show_query(server, http):
    slug = "relations-of-a-state"
    body = http.get(server.url + f"queries/{slug}").json()
    assert body["query"] == QUERIES[slug].text
    state = next(p for p in body["parameters"] if p["name"] == "state")
    assert state["type"] == "iri" and TJK in state["allowed_values"] and len(state["allowed_values"]) == 195
    text = http.get(server.url + f"queries/{slug}", headers={"Accept": "application/sparql-query"})
    assert text.text == QUERIES[slug].text
    assert http.get(server.url + "queries/no-such-query").status_code == 404


@pytest.mark.parametrize("endpoint", ["embedded_server", "disk_server"])
@pytest.mark.parametrize("slug", LOCAL)
def test_results_equal_the_expected_results(request, http, slug, endpoint):
    """From memory (the default) and from the on-disk store (--disk-only) alike."""
    server = request.getfixturevalue(endpoint)
    r = http.get(server.url + f"queries/{slug}/results", headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    expected = json.loads((EXPECTED / f"{slug}.json").read_text(encoding="utf-8"))
    ordered = is_ordered(QUERIES[slug].text)
    assert comparable(r.json(), ordered) == comparable(expected, ordered)


def test_parameters_and_formats(server, http):
    url = server.url + "queries/relations-of-a-state/results"
    default = http.get(url, params={"format": "json"}).json()
    romania = http.get(url, params={"state": ROU, "format": "json"}).json()
    assert default != romania
    partners = {b.get("partner", {}).get("value") for b in romania["results"]["bindings"]}
    assert TJK in partners
    as_csv = http.get(url + ".csv", params={"state": ROU})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert len(list(csv.reader(io.StringIO(as_csv.text)))) == len(romania["results"]["bindings"]) + 1
    assert http.get(url + ".tsv").headers["content-type"].startswith("text/tab-separated-values")
    assert http.get(url, headers={"Accept": "application/sparql-results+xml"}).headers["content-type"].startswith(
        "application/sparql-results+xml")
    posted = http.post(url, data={"state": ROU}, headers={"Accept": "application/sparql-results+json"}).json()
    assert posted == romania
    assert http.get(url + ".pdf").status_code == 404


@pytest.mark.parametrize("params,name", [
    ({"state": "not an IRI"}, "state"),
    ({"state": "https://w3id.org/diplokg/id/state/XXX"}, "state"),
    ({"state": TJK + "> ?p ?o } # "}, "state"),
    ({"colour": "red"}, "colour"),
])
def test_bad_parameters_are_400_naming_the_parameter(server, http, params, name):
    r = http.get(server.url + "queries/relations-of-a-state/results", params=params,
                 headers={"Accept": "application/json"})
    assert r.status_code == 400
    assert r.json()["parameter"] == name and name in r.json()["message"]


def test_openapi_has_one_operation_per_saved_query(server, http):
    spec = http.get(server.url + "openapi.json").json()
    for slug, q in QUERIES.items():
        op = spec["paths"][f"/queries/{slug}/results"]["get"]
        assert op["summary"] == q.summary
        documented = {p["name"]: p for p in op["parameters"]}
        for p in q.parameters:
            assert documented[p.name]["description"]
            assert documented[p.name]["schema"]["type"] in ("string", "integer", "number", "boolean")


def test_examples_graph_matches_the_files(server, http):
    query = """PREFIX sh: <http://www.w3.org/ns/shacl#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT ?slug ?label ?text WHERE { GRAPH <https://w3id.org/diplokg/.well-known/sparql-examples> {
      ?ex a sh:SPARQLExecutable ; dcterms:identifier ?slug ; rdfs:label ?label .
      OPTIONAL { ?ex sh:select ?text } OPTIONAL { ?ex sh:construct ?text } OPTIONAL { ?ex sh:ask ?text } } }"""
    rows = http.get(server.endpoint, params={"query": query}).json()["results"]["bindings"]
    published = {r["slug"]["value"]: (r["label"]["value"], r["text"]["value"]) for r in rows}
    assert published == {slug: (q.summary, q.text) for slug, q in QUERIES.items()}
    g = rdflib.Graph().parse(data=http.get(server.url + "graph-store", params={
        "graph": "https://w3id.org/diplokg/.well-known/sparql-examples"}, headers={"Accept": "text/turtle"}).content,
        format="turtle")
    keywords = {str(o) for o in g.objects(None, rdflib.URIRef("https://schema.org/keywords"))}
    assert keywords == {t for q in QUERIES.values() for t in q.tags}


def test_cli_runs_saved_queries(built_store):
    from support.cli_runner import run_cli

    proc = run_cli("query", "--store", str(built_store), "--saved", "relations-of-a-state", "--param", f"state={ROU}",
                   "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert TJK in proc.stdout
    bad = run_cli("query", "--store", str(built_store), "--saved", "relations-of-a-state", "--param", "state=oops")
    assert bad.returncode != 0 and "parameter 'state'" in bad.stderr


def test_listings_default_to_json_for_non_browsers(server, http):
    for path in ("queries", "dumps/", ""):
        r = http.get(server.url + path, headers={"Accept": "*/*"})
        assert r.headers["content-type"].startswith("application/json"), path
        browser = http.get(server.url + path, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
        assert browser.headers["content-type"].startswith("text/html"), path
