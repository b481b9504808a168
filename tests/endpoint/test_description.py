"""Service description, VoID/DCAT, Graph Store Protocol (read), dumps, CORS and health, against
real server processes."""

from __future__ import annotations

import gzip
import hashlib
import json

import pytest
import rdflib

from support.dataset_names import NORWAY, ROMANIA, STATES


@pytest.fixture(scope="module")
def server(backend_server):
    """Every test of this module runs against each query backend (embedded store, Virtuoso)."""
    return backend_server


SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")
FORMATS = rdflib.Namespace("http://www.w3.org/ns/formats/")


def parse(response, fmt):
    assert response.status_code == 200, response.text
    return rdflib.Graph().parse(data=response.content, format=fmt)


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/rdf+xml", "xml"),
                                        ("application/ld+json", "json-ld"), ("application/n-triples", "nt")])
def test_service_description(server, http, accept, fmt):
    g = parse(http.get(server.endpoint, headers={"Accept": accept}), fmt)
    endpoint = rdflib.URIRef(server.endpoint)
    assert (endpoint, rdflib.RDF.type, SD.Service) in g
    assert (endpoint, SD.endpoint, endpoint) in g
    assert (endpoint, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert (endpoint, SD.feature, SD.UnionDefaultGraph) in g
    assert (endpoint, SD.feature, SD.BasicFederatedQuery) not in g
    assert {FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_XML, FORMATS.SPARQL_Results_CSV,
            FORMATS.SPARQL_Results_TSV, FORMATS.Turtle, FORMATS["N-Triples"], FORMATS.RDF_XML,
            FORMATS["JSON-LD"]} <= set(g.objects(endpoint, SD.resultFormat))
    dataset = g.value(endpoint, SD.defaultDataset)
    default_graph = g.value(dataset, SD.defaultGraph)
    assert int(g.value(default_graph, VOID.triples)) > 5000
    assert "union" in str(g.value(default_graph, rdflib.RDFS.comment))
    names = {g.value(ng, SD.name) for ng in g.objects(dataset, SD.namedGraph)}
    assert {rdflib.URIRef(ROMANIA), rdflib.URIRef(NORWAY), rdflib.URIRef(STATES)} <= names


def test_service_description_uses_base_url_not_host_header(strict_server, http):
    g = parse(http.get(strict_server.endpoint, headers={"Accept": "text/turtle", "Host": "evil.example"}), "turtle")
    services = set(g.subjects(rdflib.RDF.type, SD.Service))
    assert services == {rdflib.URIRef("https://example.org/kg/sparql")}
    assert b"evil.example" not in http.get(strict_server.endpoint, headers={"Host": "evil.example"}).content
    assert (rdflib.URIRef("https://example.org/kg/sparql"), SD.feature, SD.BasicFederatedQuery) in g
    void = http.get(strict_server.url + ".well-known/void", headers={"Host": "evil.example"})
    assert b"evil.example" not in void.content and b"https://example.org/kg/dumps/" in void.content


def test_void(server, http, built_store):
    g = parse(http.get(server.url + ".well-known/void", headers={"Accept": "text/turtle"}), "turtle")
    ds = rdflib.URIRef("https://w3id.org/diplokg/id/dataset/diplokg")
    assert (ds, rdflib.RDF.type, VOID.Dataset) in g and (ds, rdflib.RDF.type, DCAT.Dataset) in g
    assert (ds, rdflib.URIRef("http://purl.org/dc/terms/license"),
            rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/")) in g
    assert (ds, VOID.sparqlEndpoint, rdflib.URIRef(server.endpoint)) in g
    # the figures are those of the data
    count = http.get(server.endpoint,
                     params={"query": "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"}).json()
    assert int(g.value(ds, VOID.triples)) == int(count["results"]["bindings"][0]["n"]["value"])
    states = {int(g.value(p, VOID.entities)) for p in g.objects(ds, VOID.classPartition)
              if g.value(p, VOID["class"]) == rdflib.URIRef("https://w3id.org/diplokg/ontology#State")}
    assert states == {195}
    assert len(list(g.objects(ds, VOID.propertyPartition))) > 50
    assert {rdflib.URIRef(ROMANIA), rdflib.URIRef(NORWAY)} <= set(g.objects(ds, VOID.subset))
    assert rdflib.URIRef("https://w3id.org/diplokg/id/source/mfa-tj-romania") in set(g.objects(ds, rdflib.URIRef("http://purl.org/dc/terms/source")))
    assert g.value(ds, DCAT.version) is not None
    # every dump is a distribution whose checksum matches the file served
    dumps = list(g.objects(ds, VOID.dataDump))
    assert len(dumps) == 5
    for dist in g.objects(ds, DCAT.distribution):
        url = g.value(dist, DCAT.downloadURL)
        if url is None:
            continue
        body = http.get(str(url)).content
        checksum = g.value(g.value(dist, SPDX.checksum), SPDX.checksumValue)
        assert hashlib.sha256(body).hexdigest() == str(checksum)
        assert int(g.value(dist, DCAT.byteSize)) == len(body)


def test_graph_store_named_graph(server, http):
    r = http.get(server.url + "graph-store", params={"graph": ROMANIA}, headers={"Accept": "text/turtle"})
    g = parse(r, "turtle")
    doc = rdflib.URIRef("https://w3id.org/diplokg/id/source/mfa-tj-romania")
    assert (doc, rdflib.RDF.type, rdflib.URIRef("https://w3id.org/diplokg/ontology#SourceDocument")) in g
    assert len(g) == 499
    nq = http.get(server.url + "graph-store", params={"graph": NORWAY, "format": "nq"})
    assert nq.headers["content-type"].startswith("application/n-quads")
    assert all(line.endswith(f"<{NORWAY}> .") for line in nq.text.strip().splitlines())
    head = http.head(server.url + "graph-store", params={"graph": ROMANIA})
    assert head.status_code == 200 and head.content == b""


def test_graph_store_default_graph_is_the_union(server, http, figures):
    g = parse(http.get(server.url + "graph-store?default", headers={"Accept": "application/n-triples"}), "nt")
    assert len(g) == figures["triples"]  # distinct triples of all named graphs
    assert 5000 < figures["triples"] < figures["quads"]


def test_graph_store_errors(server, http):
    assert http.get(server.url + "graph-store", params={"graph": "https://example.org/nothing"}).status_code == 404
    assert http.get(server.url + "graph-store").status_code == 400
    assert http.get(server.url + "graph-store", params={"graph": "not an iri"}).status_code == 400
    for method in ("PUT", "POST", "DELETE"):
        r = http.request(method, server.url + "graph-store", params={"graph": ROMANIA}, content=b"")
        assert r.status_code == 405
        assert "GET" in r.headers["allow"]


def test_dumps_listing_and_files(server, http, built_store, figures):
    listing = http.get(server.url + "dumps/", headers={"Accept": "application/json"}).json()
    files = {d["file"]: d for d in listing["dumps"]}
    assert set(files) == {"diplokg.trig", "diplokg.nq.gz", "diplokg.ttl", "diplokg.nt.gz", "diplokg.jsonld"}
    for name, entry in files.items():
        r = http.get(server.url + "dumps/" + name)
        assert r.status_code == 200
        assert hashlib.sha256(r.content).hexdigest() == entry["sha256"]
        assert (built_store / "dumps" / name).read_bytes() == r.content
        assert r.headers["etag"] == f'"{entry["sha256"]}"'
        assert r.headers["last-modified"]
    nquads = gzip.decompress(http.get(server.url + "dumps/diplokg.nq.gz").content).decode()
    assert len(nquads.strip().splitlines()) == figures["quads"]
    g = rdflib.Dataset()
    g.parse(data=http.get(server.url + "dumps/diplokg.trig").content, format="trig")
    assert sum(1 for _ in g.quads((None, None, None, None))) == figures["quads"]
    html = http.get(server.url + "dumps/", headers={"Accept": "text/html"})
    assert html.headers["content-type"].startswith("text/html") and "diplokg.ttl" in html.text


def test_dump_range_and_conditional_requests(server, http):
    full = http.get(server.url + "dumps/diplokg.ttl")
    part = http.get(server.url + "dumps/diplokg.ttl", headers={"Range": "bytes=10-99"})
    assert part.status_code == 206
    assert part.content == full.content[10:100]
    assert part.headers["content-range"] == f"bytes 10-99/{len(full.content)}"
    etag = full.headers["etag"]
    assert http.get(server.url + "dumps/diplokg.ttl", headers={"If-None-Match": etag}).status_code == 304
    assert http.get(server.url + "dumps/nothing.ttl").status_code == 404
    assert http.get(server.url + "dumps/..%2Fdiplokg-build.json").status_code == 404


def test_cors(server, http):
    origin = {"Origin": "https://yasgui.example"}
    r = http.get(server.endpoint, params={"query": "ASK {}"}, headers=origin)
    assert r.headers["access-control-allow-origin"] in ("*", "https://yasgui.example")
    pre = http.options(server.endpoint, headers={**origin, "Access-Control-Request-Method": "POST",
                                                  "Access-Control-Request-Headers": "content-type"})
    assert pre.status_code == 200
    assert "POST" in pre.headers["access-control-allow-methods"]
    assert "content-type" in pre.headers["access-control-allow-headers"].lower()
    r = http.get(server.url + "dumps/diplokg.ttl", headers=origin)
    assert r.headers["access-control-allow-origin"] in ("*", "https://yasgui.example")
    r = http.get(server.endpoint, params={"query": "SELECT * { ?s ?p ?o }"}, headers=origin)
    assert "x-diplokg-truncated" in r.headers.get("access-control-expose-headers", "").lower()
    # refusals by the request limits carry CORS headers too (a browser would otherwise see a network error)
    r = http.post(server.endpoint, content=b"x" * 1_100_000,
                  headers={**origin, "Content-Type": "application/sparql-query"})
    assert r.status_code == 413 and r.headers["access-control-allow-origin"] in ("*", "https://yasgui.example")
    r = http.get(server.endpoint, params={"query": "ASK {}" + " " * 17_000}, headers=origin)
    assert r.status_code == 414 and r.headers["access-control-allow-origin"] in ("*", "https://yasgui.example")


def test_health_and_openapi(server, http, figures):
    h = http.get(server.url + "health")
    assert h.status_code == 200
    body = h.json()
    assert (body["status"] == "ok" and body["quads"] == figures["quads"]
            and body["workers"]["alive"] == body["workers"]["configured"])
    spec = http.get(server.url + "openapi.json").json()
    assert "/sparql" in spec["paths"] and "/graph-store" in spec["paths"]
    assert http.get(server.url + "docs").status_code == 200


def test_access_log_records_status_and_duration(server, http):
    http.get(server.endpoint, params={"query": "ASK { ?s ?p 'access-log-probe' }"})
    log = server.log.read_text()
    assert '"GET /sparql" 200' in log and "ms" in log


def test_root_links(server, http):
    body = http.get(server.url, headers={"Accept": "application/json"}).json()
    assert body["sparql"] == server.endpoint
    assert json.dumps(body)


def test_landing_page_counts(server, http, built_store):
    import json as _json

    stats = _json.loads((built_store / "void-stats.json").read_text())
    body = http.get(server.url, headers={"Accept": "application/json"}).json()
    assert body["counts"]["states"] == 195
    assert body["counts"]["triples"] == stats["triples"]
    assert body["counts"]["source pages"] == 2 and body["counts"]["quoted source sentences"] == 31
    page = http.get(server.url, headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html")
    assert "<td>195</td><th>states</th>" in page.text and "How to cite" in page.text
