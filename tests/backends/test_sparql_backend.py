"""``diplokg serve --backend sparql`` with Virtuoso evaluating the queries, against the same server
on the embedded store: saved queries, the Graph Store, pages, row cap, time budget and the checks
made before a query reaches the engine. (The protocol, bindings and client suites run against both
backends in tests/endpoint through the ``backend_server`` fixture.)"""

from __future__ import annotations

import csv
import io
import re
import sys

import httpx
import pyoxigraph as ox
import pytest

from diplokg.saved_queries.catalog import load_all
from support.cli_runner import REPO
from support.saved_results import EXPECTED, comparable
from support.server_process import NO_ERROR_BUDGET, ServerProcess
from support.virtuoso_differences import NOT_FOR_VIRTUOSO, VIRTUOSO_SAVED_QUERY_DIFFERENCES

sys.path.insert(0, str(REPO / "bench"))
from engines.answers import compare, is_ordered, parse, query_form

QUERIES = load_all(REPO / "queries")
LOCAL = sorted(slug for slug, q in QUERIES.items() if not q.federated)
ON_VIRTUOSO = [slug for slug in LOCAL if slug not in NOT_FOR_VIRTUOSO]
JSON = {"Accept": "application/sparql-results+json"}
ROMANIA = "https://w3id.org/diplokg/graph/source/mfa-tj-romania"
MANY_ROWS = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


def saved_answer(server: ServerProcess, slug: str):
    form = query_form(QUERIES[slug].text)
    accept = "application/n-triples" if form in ("CONSTRUCT", "DESCRIBE") else JSON["Accept"]
    r = httpx.get(server.url + f"queries/{slug}/results", headers={"Accept": accept}, timeout=60)
    assert r.status_code == 200, r.text
    return r, parse(r.content, r.headers["content-type"].split(";")[0], form)


def test_health_names_the_engine(virtuoso_server, virtuoso, http):
    health = http.get(virtuoso_server.url + "health").json()
    assert health["status"] == "ok" and health["serving_from"] == "sparql"
    # the engine holds another graph too: every query names the release's graphs
    assert health["engine"] == {"endpoint": virtuoso.query_url, "release_checked": True, "reachable": True,
                                "dataset": "named in each query", "failures": health["engine"]["failures"]}


@pytest.mark.parametrize("slug", ON_VIRTUOSO)
def test_saved_query_on_both_backends(embedded_server, virtuoso_server, slug):
    """Every saved query, parameters bound to their defaults: the embedded store gives the checked-in
    result; Virtuoso gives the same, or exactly its documented difference (virtuoso_differences)."""
    response, embedded = saved_answer(embedded_server, slug)
    if embedded.kind == "bindings":
        expected = (EXPECTED / f"{slug}.json").read_text(encoding="utf-8")
        import json

        ordered = is_ordered(QUERIES[slug].text)
        assert comparable(response.json(), ordered) == comparable(json.loads(expected), ordered)
    _, remote = saved_answer(virtuoso_server, slug)
    verdict = compare(embedded, remote, is_ordered(QUERIES[slug].text))
    allowed = VIRTUOSO_SAVED_QUERY_DIFFERENCES.get(slug, "identical")
    assert verdict.category in ({allowed} if isinstance(allowed, str) else allowed), (verdict.detail, verdict.examples)


def test_saved_query_parameters_are_bound_on_the_engine(embedded_server, virtuoso_server, http):
    """A parameter reaches Virtuoso as a value (VALUES), with the same effect as on the embedded store."""
    url = "queries/relations-of-a-state/results"
    for state in ("https://w3id.org/diplokg/id/state/ROU", "https://w3id.org/diplokg/id/state/NOR"):
        answers = [http.get(s.url + url, params={"state": state}, headers=JSON).json()
                   for s in (embedded_server, virtuoso_server)]
        assert answers[0]["results"]["bindings"]
        assert comparable(answers[1], False) == comparable(answers[0], False)


def _graph(response: httpx.Response) -> set[ox.Triple]:
    assert response.status_code == 200, response.text
    fmt = ox.RdfFormat.from_media_type(response.headers["content-type"].split(";")[0])
    return {q.triple if isinstance(q, ox.Quad) else q for q in ox.parse(response.content, format=fmt)}


@pytest.mark.parametrize("fmt", ["nt", "trig"])
@pytest.mark.parametrize("graph", [ROMANIA, "https://w3id.org/diplokg/graph/ontology", None])
def test_graph_store_get_on_both_backends(embedded_server, virtuoso_server, http, graph, fmt):
    params = {"graph": graph} if graph else {"default": ""}
    answers = [_graph(http.get(s.url + "graph-store", params={**params, "format": fmt}))
               for s in (embedded_server, virtuoso_server)]
    assert answers[0] and answers[0] == answers[1]


def test_graph_store_unknown_graph_is_404(virtuoso_server, http):
    r = http.get(virtuoso_server.url + "graph-store", params={"graph": "https://w3id.org/diplokg/graph/none"})
    assert r.status_code == 404 and "no graph" in r.text


def _page(server: ServerProcess, path: str) -> str:
    r = httpx.get(server.url + path, headers={"Accept": "text/html"}, follow_redirects=True, timeout=60)
    assert r.status_code == 200, r.text
    return r.text.replace(server.url, "/")


def _timeline_events(page: str) -> set[str]:
    start = page.index('<section class="timeline entity-section"')
    section = page[start:page.index("</section>", start)]
    return set(re.findall(r'<td class="fact">\s*<a href="([^"]+)"', section))


def _without_section(page: str, name: str) -> str:
    start = page.index(f'<section class="{name} entity-section"')
    return page[:start] + page[page.index("</section>", start) + len("</section>"):]


@pytest.mark.parametrize("path", ["id/source/mfa-tj-norway", "id/person/idibek-kalandar", "ontology",
                                  "id/state/TJK", "id/state/ROU"])
def test_pages_are_built_from_the_engine(embedded_server, virtuoso_server, path):
    """Entity pages and the ontology documentation come from internal queries: on Virtuoso they are
    the same page, except the documented difference: a state's timeline misses events on Virtuoso
    (its query has zero-or-one paths after an alternative, which Virtuoso answers without those rows;
    Romania's is empty)."""
    embedded, remote = _page(embedded_server, path), _page(virtuoso_server, path)
    if path.startswith("id/state/"):
        assert _timeline_events(remote) < _timeline_events(embedded)
        assert _without_section(embedded, "timeline") == _without_section(remote, "timeline")
    else:
        assert embedded == remote


def test_invalid_query_never_reaches_the_engine(virtuoso_server, embedded_server, http):
    """The same parser (pyoxigraph) checks the query first: the same 400, message and position."""
    for query in ("SELECT * WHERE { ?s ?p }", "ASK { ?s ?p ?o", "PREFIX x: <a>\nASK {\n  ?s ?p ?o . ?s ?p }"):
        answers = [http.get(s.endpoint, params={"query": query}, headers=JSON)
                   for s in (embedded_server, virtuoso_server)]
        assert [a.status_code for a in answers] == [400, 400]
        assert answers[0].json() == answers[1].json()
    failures = http.get(virtuoso_server.url + "health").json()["engine"]["failures"]
    assert failures == 0


def test_federation_allowlist_applies_before_the_engine(virtuoso_server, http):
    r = http.get(virtuoso_server.endpoint,
                 params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"},
                 headers=JSON)
    assert r.status_code == 400 and r.json()["kind"] == "federation"


def test_update_is_refused_before_the_engine(virtuoso_server, http):
    r = http.post(virtuoso_server.endpoint, data={"query": f"CLEAR GRAPH <{ROMANIA}>"}, headers=JSON)
    assert r.status_code == 400
    r = http.post(virtuoso_server.endpoint, data={"update": f"CLEAR GRAPH <{ROMANIA}>"}, headers=JSON)
    assert r.status_code in (400, 403)
    assert (http.get(virtuoso_server.url + "graph-store", params={"graph": ROMANIA, "format": "nt"}).text.count("\n")
            > 100)


@pytest.fixture(scope="module")
def capped_virtuoso_server(built_store, virtuoso, virtuoso_server, tmp_path_factory):
    """A second server on the same published Virtuoso, with a row cap of 5."""
    log = tmp_path_factory.mktemp("capped-virtuoso") / "serve.log"
    with ServerProcess(built_store, "--backend", "sparql", "--engine-url", virtuoso.query_url, "--row-cap", "5",
                       *NO_ERROR_BUDGET, log=log) as proc:
        yield proc


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv", "application/sparql-results+xml",
                                    "text/tab-separated-values"])
def test_row_cap_on_the_engine_s_results(capped_virtuoso_server, http, accept):
    r = http.get(capped_virtuoso_server.endpoint, params={"query": MANY_ROWS}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["x-diplokg-truncated"] == "true"
    assert _rows(r, accept) == 5
    small = http.get(capped_virtuoso_server.endpoint, params={"query": MANY_ROWS + " LIMIT 5"},
                     headers={"Accept": accept})
    assert small.status_code == 200 and "x-diplokg-truncated" not in small.headers
    assert _rows(small, accept) == 5


def _rows(response: httpx.Response, accept: str) -> int:
    if accept == "text/csv":  # lossy, so pyoxigraph does not parse it: one header line, one line per row
        return len(list(csv.reader(io.StringIO(response.text)))) - 1
    return len(list(ox.parse_query_results(response.content, format=ox.QueryResultsFormat.from_media_type(accept))))


def test_row_cap_on_constructed_triples(capped_virtuoso_server, http):
    r = http.get(capped_virtuoso_server.endpoint, params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                 headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["x-diplokg-truncated"] == "true"
    assert len(list(ox.parse(r.content, format=ox.RdfFormat.TURTLE))) == 5


@pytest.fixture(scope="module")
def federating_virtuoso_server(built_store, virtuoso, virtuoso_server, tmp_path_factory):
    """A stand-in endpoint on loopback, allowlisted, and Virtuoso allowed to call SERVICE endpoints
    (Virtuoso 7's grants for the SPARQL user, as the README's set-up says)."""
    from support.sparql_standin import StandInEndpoint

    virtuoso.isql('GRANT SELECT ON DB.DBA.SPARQL_SINV_2 TO "SPARQL"; '
                  'GRANT EXECUTE ON DB.DBA.SPARQL_SINV_IMP TO "SPARQL";')
    log = tmp_path_factory.mktemp("federating-virtuoso") / "serve.log"
    with StandInEndpoint('<http://example.org/x> <http://example.org/p> "from the stand-in" .') as standin, \
            ServerProcess(built_store, "--backend", "sparql", "--engine-url", virtuoso.query_url,
                          "--federation-allowlist", standin.url, *NO_ERROR_BUDGET, log=log) as server:
        yield server, standin


def test_federated_query_is_evaluated_by_the_engine(federating_virtuoso_server, http):
    """SERVICE to an allowlisted endpoint: our server checks the allowlist, Virtuoso makes the call."""
    server, standin = federating_virtuoso_server
    query = f"SELECT ?o WHERE {{ SERVICE <{standin.url}> {{ ?s <http://example.org/p> ?o }} }}"
    r = http.get(server.endpoint, params={"query": query}, headers=JSON)
    assert r.status_code == 200, r.text
    assert [b["o"]["value"] for b in r.json()["results"]["bindings"]] == ["from the stand-in"]
    assert any("http://example.org/p" in q for q in standin.queries)
    calls = len(standin.queries)
    other = standin.url.replace("/sparql", "/other")
    r = http.get(server.endpoint, params={"query": f"SELECT * WHERE {{ SERVICE <{other}> {{ ?s ?p ?o }} }}"},
                 headers=JSON)
    assert r.status_code == 400 and r.json()["kind"] == "federation"
    assert len(standin.queries) == calls  # refused before the engine: nothing called


def test_engine_specific_syntax_never_reaches_the_engine(virtuoso_server, http):
    """Virtuoso's own extensions (DEFINE pragmas, e.g. making it fetch documents from the web) are
    not SPARQL: our parser refuses them with 400 before Virtuoso sees them."""
    query = 'DEFINE get:soft "replace" SELECT * FROM <http://127.0.0.1:9/doc> WHERE { ?s ?p ?o }'
    r = http.get(virtuoso_server.endpoint, params={"query": query}, headers=JSON)
    assert r.status_code == 400 and r.json()["kind"] == "syntax"


SOMEONE_ELSES = "http://example.org/someone-elses"  # a graph the engine holds besides the release (conftest)


@pytest.mark.parametrize(("query", "params"), [
    (f"SELECT * FROM <{SOMEONE_ELSES}> WHERE {{ ?s ?p ?o }}", []),
    (f"SELECT ?g FROM <{ROMANIA}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", []),
    (f"SELECT ?g FROM NAMED <{SOMEONE_ELSES}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", []),
    ("SELECT * WHERE { ?s ?p ?o }", [("default-graph-uri", SOMEONE_ELSES)]),
    ("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", [("default-graph-uri", ROMANIA), ("named-graph-uri", SOMEONE_ELSES)]),
])
def test_no_query_reads_a_graph_outside_the_release(virtuoso_server, embedded_server, http, query, params):
    """The engine holds another graph: neither a query's own FROM / FROM NAMED nor a protocol
    dataset reaches it, and FROM without FROM NAMED does not open every graph to GRAPH ?g (Virtuoso
    would): the answers are the embedded store's, which holds the release only."""
    answers = []
    for server in (embedded_server, virtuoso_server):
        r = http.post(server.endpoint, params=params, content=query,
                      headers={"Content-Type": "application/sparql-query", **JSON})
        assert r.status_code == 200, r.text
        rows = r.json()["results"]["bindings"]
        assert all(SOMEONE_ELSES not in str(row) for row in rows)
        answers.append(sorted(str(sorted(row.items())) for row in rows))
    assert answers[0] == answers[1]
