"""The W3C SPARQL 1.1 Protocol query tests (https://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/),
adapted to this dataset's graph names, against a real server process; plus the negative tests.

The W3C tests assume graphs data0…data3.rdf; here the named graphs of the two source pages play
their part: a fact of one page is true in its graph and absent from the other."""

from __future__ import annotations

import json

import httpx
import pytest

from support.dataset_names import NORWAY, ONTOLOGY, ROMANIA


@pytest.fixture(scope="module")
def server(backend_server):
    """Every test of this module runs against each query backend (embedded store, Virtuoso)."""
    return backend_server


ROMANIA_DOC = "https://w3id.org/diplokg/id/source/mfa-tj-romania"
NORWAY_DOC = "https://w3id.org/diplokg/id/source/mfa-tj-norway"
DKG = "https://w3id.org/diplokg/ontology#"
ASK_ROMANIA_DOC = f"ASK {{ <{ROMANIA_DOC}> a <{DKG}SourceDocument> }}"
ASK_BOTH_DOCS = f"ASK {{ <{ROMANIA_DOC}> a <{DKG}SourceDocument> . <{NORWAY_DOC}> a <{DKG}SourceDocument> }}"
SPARQL_QUERY = {"Content-Type": "application/sparql-query"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def boolean(response: httpx.Response) -> bool:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    return json.loads(response.content)["boolean"]


# -- positive tests ------------------------------------------------------------------------------

def test_query_get(server, http):
    r = http.get(server.endpoint, params={"query": "ASK {}"}, headers={"Accept": "application/sparql-results+json"})
    assert boolean(r) is True


def test_query_post_form(server, http):
    r = http.post(server.endpoint, content="query=ASK%20%7B%7D",
                  headers={**FORM, "Accept": "application/sparql-results+json"})
    assert boolean(r) is True


def test_query_post_direct(server, http):
    r = http.post(server.endpoint, content="ASK {}",
                  headers={**SPARQL_QUERY, "Accept": "application/sparql-results+json"})
    assert boolean(r) is True


def test_query_dataset_default_graphs_get(server, http):
    # one default graph: the Romania page's facts hold, the Norway page's do not
    r = http.get(server.endpoint, params=[("query", ASK_ROMANIA_DOC), ("default-graph-uri", ROMANIA)])
    assert boolean(r) is True
    r = http.get(server.endpoint, params=[("query", ASK_ROMANIA_DOC), ("default-graph-uri", NORWAY)])
    assert boolean(r) is False
    # two default graphs are merged
    r = http.get(server.endpoint, params=[("query", ASK_BOTH_DOCS), ("default-graph-uri", ROMANIA),
                                          ("default-graph-uri", NORWAY)])
    assert boolean(r) is True


def test_query_dataset_default_graphs_post(server, http):
    params = [("default-graph-uri", ROMANIA), ("default-graph-uri", NORWAY)]
    r = http.post(server.endpoint, params=params, content=ASK_BOTH_DOCS, headers=SPARQL_QUERY)
    assert boolean(r) is True
    r = http.post(server.endpoint, params=params[:1], content=ASK_BOTH_DOCS, headers=SPARQL_QUERY)
    assert boolean(r) is False


def test_query_dataset_default_graphs_post_form(server, http):
    body = httpx.QueryParams([("query", ASK_BOTH_DOCS), ("default-graph-uri", ROMANIA), ("default-graph-uri", NORWAY)])
    r = http.post(server.endpoint, content=str(body), headers=FORM)
    assert boolean(r) is True


GRAPHS_QUERY = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"


def graphs(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [b["g"]["value"] for b in response.json()["results"]["bindings"]]


def test_query_dataset_named_graphs_post(server, http):
    r = http.post(server.endpoint, params=[("named-graph-uri", ROMANIA), ("named-graph-uri", NORWAY)],
                  content=GRAPHS_QUERY, headers=SPARQL_QUERY)
    assert graphs(r) == sorted([NORWAY, ROMANIA])


def test_query_dataset_named_graphs_get(server, http):
    r = http.get(server.endpoint, params=[("query", GRAPHS_QUERY), ("named-graph-uri", NORWAY)])
    assert graphs(r) == [NORWAY]


def test_query_dataset_full(server, http):
    # default graph = the ontology graph, named graphs = the two pages
    query = f"""SELECT DISTINCT ?g WHERE {{ <{DKG}SourceDocument> a ?class .
                GRAPH ?g {{ ?doc a <{DKG}SourceDocument> }} }}
                ORDER BY ?g"""
    r = http.get(server.endpoint, params=[("query", query), ("default-graph-uri", ONTOLOGY),
                                          ("named-graph-uri", ROMANIA), ("named-graph-uri", NORWAY)])
    assert graphs(r) == sorted([NORWAY, ROMANIA])
    # without the ontology as default graph the first pattern fails
    r = http.get(server.endpoint, params=[("query", query), ("default-graph-uri", ROMANIA),
                                          ("named-graph-uri", ROMANIA), ("named-graph-uri", NORWAY)])
    assert graphs(r) == []


def test_query_multiple_dataset(server, http):
    # the protocol dataset overrides FROM in the query
    query = f"ASK FROM <{ROMANIA}> {{ <{ROMANIA_DOC}> ?p ?o }}"
    assert boolean(http.get(server.endpoint, params={"query": query})) is True
    r = http.post(server.endpoint, params={"default-graph-uri": NORWAY}, content=query, headers=SPARQL_QUERY)
    assert boolean(r) is False


def test_from_in_query_is_honoured_without_protocol_dataset(server, http):
    query = f"ASK FROM <{NORWAY}> {{ <{ROMANIA_DOC}> ?p ?o }}"
    assert boolean(http.get(server.endpoint, params={"query": query})) is False


def test_default_graph_is_union_of_named_graphs(server, http):
    assert boolean(http.get(server.endpoint, params={"query": ASK_BOTH_DOCS})) is True


@pytest.mark.parametrize("accept", [None, "*/*", "application/sparql-results+xml", "application/sparql-results+json",
                                    "text/csv", "text/tab-separated-values"])
def test_query_content_type_select(server, http, accept):
    r = http.post(server.endpoint, content="SELECT (1 AS ?value) {}",
                  headers={**SPARQL_QUERY, **({"Accept": accept} if accept else {})})
    assert r.status_code == 200
    media = r.headers["content-type"].split(";")[0]
    assert media in {"application/sparql-results+xml", "application/sparql-results+json", "text/csv",
                     "text/tab-separated-values"}
    if accept and accept != "*/*":
        assert media == accept
    assert b"value" in r.content and b"1" in r.content


@pytest.mark.parametrize("accept", [None, "application/sparql-results+xml", "application/sparql-results+json"])
def test_query_content_type_ask(server, http, accept):
    r = http.post(server.endpoint, content="ASK {}", headers={**SPARQL_QUERY, **({"Accept": accept} if accept else {})})
    assert r.status_code == 200
    media = r.headers["content-type"].split(";")[0]
    assert media in {"application/sparql-results+xml", "application/sparql-results+json"}
    assert b"true" in r.content


RDF_MEDIA = {"application/rdf+xml", "text/turtle", "application/n-triples", "application/ld+json", "application/trig",
             "application/n-quads"}


@pytest.mark.parametrize("accept", [None, "application/rdf+xml", "text/turtle", "application/n-triples",
                                    "application/ld+json"])
def test_query_content_type_describe(server, http, accept):
    r = http.post(server.endpoint, content=f"DESCRIBE <{ROMANIA_DOC}>",
                  headers={**SPARQL_QUERY, **({"Accept": accept} if accept else {})})
    assert r.status_code == 200
    media = r.headers["content-type"].split(";")[0]
    assert media in RDF_MEDIA
    if accept:
        assert media == accept
    assert ROMANIA_DOC.encode() in r.content or b"mfa-tj-romania" in r.content


@pytest.mark.parametrize("accept", [None, "application/rdf+xml", "text/turtle", "application/n-triples",
                                    "application/ld+json", "application/trig", "application/n-quads"])
def test_query_content_type_construct(server, http, accept):
    r = http.post(server.endpoint, content="CONSTRUCT { <http://example.org/s> <http://example.org/p> 1 } WHERE {}",
                  headers={**SPARQL_QUERY, **({"Accept": accept} if accept else {})})
    assert r.status_code == 200
    media = r.headers["content-type"].split(";")[0]
    assert media in RDF_MEDIA
    if accept:
        assert media == accept
    assert b"http://example.org/s" in r.content


# -- negative tests ------------------------------------------------------------------------------

def test_bad_query_method(server, http):
    r = http.put(server.endpoint, params={"query": "ASK {}"})
    assert r.status_code == 405
    assert set(r.headers["allow"].replace(" ", "").split(",")) >= {"GET", "POST"}
    assert http.delete(server.endpoint, params={"query": "ASK {}"}).status_code == 405


def test_bad_multiple_queries(server, http):
    r = http.get(server.endpoint, params=[("query", "ASK {}"), ("query", "SELECT * {}")])
    assert r.status_code == 400
    assert "at most once" in r.text


def test_bad_query_wrong_media_type(server, http):
    r = http.post(server.endpoint, content="ASK {}", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415


def test_bad_query_missing_form_type(server, http):
    r = http.post(server.endpoint, content="query=ASK%20%7B%7D")
    assert r.status_code == 415


def test_bad_query_missing_direct_type(server, http):
    r = http.post(server.endpoint, content="ASK {}")
    assert r.status_code == 415


def test_bad_query_non_utf8(server, http):
    r = http.post(server.endpoint, content="ASK {}".encode("utf-16"),
                  headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert r.status_code == 415
    r = http.post(server.endpoint, content="ASK { ?s ?p 'caf\u00e9' }".encode("latin-1"), headers=SPARQL_QUERY)
    assert r.status_code == 400 and "UTF-8" in r.text
    r = http.get(server.endpoint + "?query=ASK%20%7B%3Fs%20%3Fp%20%22%E9%22%7D")
    assert r.status_code == 400 and "UTF-8" in r.text


def test_bad_query_syntax(server, http):
    r = http.get(server.endpoint, params={"query": "ASK {"})
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("text/plain")
    assert "syntax error" in r.text and "1:" in r.text
    assert "Traceback" not in r.text


def test_bad_query_syntax_as_json(server, http):
    r = http.get(server.endpoint, params={"query": "SELECT * WHERE {\n ?s ?p }"},
                 headers={"Accept": "application/json"})
    assert r.status_code == 400
    body = r.json()
    assert body["status"] == 400 and body["line"] == 2 and body["column"] >= 1
    assert "syntax error" in body["message"]


def test_bad_update_get(server, http):
    assert http.get(server.endpoint, params={"update": "CLEAR ALL"}).status_code == 403


def test_bad_multiple_updates(server, http):
    r = http.post(server.endpoint, content="update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", headers=FORM)
    assert r.status_code == 403


def test_bad_update_wrong_media_type(server, http):
    assert http.post(server.endpoint, content="CLEAR NAMED", headers={"Content-Type": "text/plain"}).status_code == 415


def test_bad_update_missing_form_type(server, http):
    assert http.post(server.endpoint, content="update=CLEAR%20NAMED").status_code == 415


def test_bad_update_non_utf8(server, http):
    r = http.post(server.endpoint, content="CLEAR NAMED".encode("utf-16"),
                  headers={"Content-Type": "application/sparql-update; charset=UTF-16"})
    assert r.status_code in (403, 415)


def test_update_post_direct_is_forbidden(server, http):
    r = http.post(server.endpoint, content="CLEAR ALL", headers={"Content-Type": "application/sparql-update"})
    assert r.status_code == 403
    assert "read-only" in r.text


def test_update_syntax_inside_query_is_400(server, http, figures):
    r = http.get(server.endpoint, params={"query": "INSERT DATA { <http://a> <http://b> <http://c> }"})
    assert r.status_code == 400
    r = http.post(server.endpoint, content="PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }", headers=SPARQL_QUERY)
    assert r.status_code == 400
    # and nothing changed
    count = http.get(server.endpoint, params={"query": "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"}).json()
    assert int(count["results"]["bindings"][0]["n"]["value"]) == figures["quads"]


def test_query_in_url_and_body(server, http):
    r = http.post(server.endpoint + "?query=ASK%20%7B%7D", content="query=ASK%20%7B%7D", headers=FORM)
    assert r.status_code == 400
    r = http.post(server.endpoint + "?query=ASK%20%7B%7D", content="ASK {}", headers=SPARQL_QUERY)
    assert r.status_code == 400


def test_not_acceptable(server, http):
    r = http.get(server.endpoint, params={"query": "SELECT * { ?s ?p ?o } LIMIT 1"}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert "application/sparql-results+json" in r.text
    r = http.get(server.endpoint, params={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"},
                 headers={"Accept": "text/csv"})
    assert r.status_code == 406
    r = http.get(server.endpoint, params={"query": "ASK {}", "format": "nonsense"})
    assert r.status_code == 406


# The update tests of the W3C protocol manifest, as requests to this read-only endpoint: every one is
# refused with 403 before its text is looked at (valid or not), and nothing changes.
UPDATE = "PREFIX dc: <http://purl.org/dc/terms/> INSERT DATA { <http://example.org/a> dc:title \"x\" }"
UPDATE_OPERATIONS = {
    "update_post_form": ("", {**FORM}, "update=" + UPDATE.replace(" ", "%20")),
    "update_post_direct": ("", {"Content-Type": "application/sparql-update"}, UPDATE),
    "update_dataset_default_graph": ("?using-graph-uri=" + ROMANIA, {"Content-Type": "application/sparql-update"},
                                     UPDATE),
    "update_dataset_default_graphs": (f"?using-graph-uri={ROMANIA}&using-graph-uri={NORWAY}",
                                      {"Content-Type": "application/sparql-update"}, UPDATE),
    "update_dataset_named_graphs": (f"?using-named-graph-uri={ROMANIA}", {"Content-Type": "application/sparql-update"},
                                    UPDATE),
    "update_dataset_full": (f"?using-graph-uri={ROMANIA}&using-named-graph-uri={NORWAY}",
                            {"Content-Type": "application/sparql-update"}, UPDATE),
    "update_base_uri": ("", {"Content-Type": "application/sparql-update"},
                        "INSERT DATA { <a> <b> <c> }"),
    "bad_update_syntax": ("", {"Content-Type": "application/sparql-update"}, "INSERT DATA { <a> <b> <c> "),
    "bad_update_dataset_conflict": (f"?using-graph-uri={ROMANIA}", {"Content-Type": "application/sparql-update"},
                                    f"DELETE {{ ?s ?p ?o }} USING <{NORWAY}> WHERE {{ ?s ?p ?o }}"),
}


@pytest.mark.parametrize("name", sorted(UPDATE_OPERATIONS))
def test_update_operations_are_refused(server, http, figures, name):
    query, headers, body = UPDATE_OPERATIONS[name]
    r = http.post(server.endpoint + query, content=body, headers=headers)
    assert r.status_code == 403, r.text
    assert "read-only" in r.text
    count = http.get(server.endpoint, params={"query": "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"}).json()
    assert int(count["results"]["bindings"][0]["n"]["value"]) == figures["quads"]
