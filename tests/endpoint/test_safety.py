"""Time budgets, worker replacement, row cap, request limits and the federation filter, against
real server processes."""

from __future__ import annotations

import csv
import io
import threading
import time

import httpx
import pytest

from support.canary import Canary

CARTESIAN = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# the same product, counted: no row is produced before the end, which is ~1.9e11 bindings away
COUNT_CARTESIAN = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CHEAP = "ASK { ?s a <https://w3id.org/diplokg/ontology#State> }"


def health(server, http):
    return http.get(server.url + "health").json()


def test_runaway_query_is_stopped_and_others_are_served(server, http):
    before = health(server, http)["workers"]["replaced"]
    result: dict[str, object] = {}

    def runaway():  # from another client address (all of 127/8 is loopback)
        start = time.monotonic()
        with httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"), timeout=60) as other:
            r = other.get(server.endpoint, params={"query": COUNT_CARTESIAN, "timeout": "2"})
        result.update(status=r.status_code, elapsed=time.monotonic() - start, headers=r.headers, text=r.text)

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.5)  # the runaway query now occupies one worker
    start = time.monotonic()
    cheap = http.get(server.endpoint, params={"query": CHEAP})
    cheap_elapsed = time.monotonic() - start
    thread.join(30)
    assert cheap.status_code == 200 and cheap.json()["boolean"] is True
    assert cheap_elapsed < 1.5, f"a cheap query waited {cheap_elapsed:.2f} s behind a runaway one"
    assert result["status"] == 503
    assert 1.9 <= result["elapsed"] < 6, result["elapsed"]
    assert result["headers"]["retry-after"]
    assert "time budget of 2 s" in result["text"]
    # the killed worker was replaced: the pool is back to full strength
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        state = health(server, http)
        if state["workers"]["alive"] == state["workers"]["configured"] and state["workers"]["replaced"] > before:
            break
        time.sleep(0.1)
    assert state["workers"]["replaced"] == before + 1
    assert state["workers"]["alive"] == state["workers"]["configured"]
    # and answers queries again
    for _ in range(4):
        assert http.get(server.endpoint, params={"query": CHEAP}).status_code == 200


def test_cartesian_product_is_cut_at_the_row_cap(server, http):
    """With a row cap the whole (capped) result is computed before the response starts: the
    product is answered promptly with the first rows and the truncation header."""
    start = time.monotonic()
    r = http.get(server.endpoint, params={"query": CARTESIAN, "format": "tsv"})
    assert r.status_code == 200
    assert time.monotonic() - start < 20
    assert r.headers["x-diplokg-truncated"] == "true"
    assert len(r.text.splitlines()) == 100_000 + 1


def test_uncapped_cartesian_stream_is_stopped_at_the_budget(uncapped_server, http):
    """Without a row cap the result streams as it is produced; at the budget the worker is killed
    and the stream is cut, so the client sees an incomplete response, never a silently short one."""
    start = time.monotonic()
    with pytest.raises(httpx.RemoteProtocolError):
        with http.stream("GET", uncapped_server.endpoint, params={"query": CARTESIAN, "format": "tsv"}) as r:
            assert r.status_code == 200
            for _ in r.iter_bytes():
                pass
    assert 1.9 <= time.monotonic() - start < 10
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        state = health(uncapped_server, http)
        if state["workers"]["replaced"] >= 1 and state["workers"]["alive"] == state["workers"]["configured"]:
            break
        time.sleep(0.1)
    assert state["workers"]["replaced"] >= 1 and state["workers"]["alive"] == state["workers"]["configured"]
    assert http.get(uncapped_server.endpoint, params={"query": CHEAP}).json()["boolean"] is True


def test_server_budget_applies_without_timeout_parameter(strict_server, http):
    start = time.monotonic()
    # the timeout parameter is capped at the 4 s budget
    r = http.get(strict_server.endpoint, params={"query": COUNT_CARTESIAN, "timeout": "100"})
    assert r.status_code == 503
    assert 3.9 <= time.monotonic() - start < 9
    assert "time budget of 4 s" in r.text


def test_bad_timeout_parameter(server, http):
    for value in ("abc", "-1", "0", "nan", "5e-324", "0.099"):
        r = http.get(server.endpoint, params={"query": CHEAP, "timeout": value})
        assert r.status_code == 400 and "at least 0.1" in r.text, value
        r = http.get(server.url + "queries/relations-of-a-state/results", params={"timeout": value})
        assert r.status_code == 400 and "at least 0.1" in r.text, value
    assert http.get(server.endpoint, params={"query": CHEAP, "timeout": "0.1"}).status_code == 200


def test_row_cap_truncates_with_a_header(strict_server, http):
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    for fmt, count in (("json", lambda r: len(r.json()["results"]["bindings"])),
                       ("tsv", lambda r: len(r.text.splitlines()) - 1),
                       ("csv", lambda r: len(list(csv.reader(io.StringIO(r.text)))) - 1),
                       ("xml", lambda r: r.text.count("<result>"))):
        r = http.get(strict_server.endpoint, params={"query": query, "format": fmt})
        assert r.status_code == 200
        assert r.headers["x-diplokg-truncated"] == "true", fmt
        assert r.headers["x-diplokg-row-cap"] == "50"
        assert count(r) == 50, fmt
    small = http.get(strict_server.endpoint, params={"query": query + " LIMIT 50"})
    assert "x-diplokg-truncated" not in small.headers
    assert len(small.json()["results"]["bindings"]) == 50
    construct = http.get(strict_server.endpoint, params={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "nt"})
    assert construct.headers["x-diplokg-truncated"] == "true"
    assert len(construct.text.strip().splitlines()) == 50


def test_large_results_are_streamed_complete(server, http, figures):
    with http.stream("GET", server.endpoint,
                     params={"query": "SELECT * { GRAPH ?g { ?s ?p ?o } }", "format": "tsv"}) as r:
        assert r.status_code == 200
        assert "content-length" not in r.headers  # streamed (chunked), not built in memory first
        body = b"".join(r.iter_bytes())
    assert "x-diplokg-truncated" not in r.headers
    assert len(body.decode().splitlines()) == figures["quads"] + 1


def test_request_size_limits(strict_server, http):
    r = http.get(strict_server.endpoint, params={"query": "ASK { " + "?s ?p ?o . " * 400 + "}"})
    assert r.status_code == 414
    r = http.post(strict_server.endpoint, content="ASK { " + "?s ?p ?o . " * 600 + "}",
                  headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413

    def chunks():
        for _ in range(100):
            yield b"# padding padding padding padding padding padding padding padding\n"
        yield b"ASK {}"

    r = http.post(strict_server.endpoint, content=chunks(), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413


def test_per_client_concurrency_limit(strict_server):
    statuses: list[int] = []

    def slow():
        statuses.append(httpx.get(strict_server.endpoint, params={"query": COUNT_CARTESIAN, "timeout": "2"},
                                  timeout=30).status_code)

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.5)
    r = httpx.get(strict_server.endpoint, params={"query": CHEAP}, timeout=30)
    thread.join(30)
    assert r.status_code == 429
    assert r.headers["retry-after"]
    assert statuses == [503]
    assert httpx.get(strict_server.endpoint, params={"query": CHEAP}, timeout=30).status_code == 200


@pytest.fixture
def listener():
    with Canary() as canary:
        yield canary


@pytest.mark.parametrize("template", [
    "SELECT * {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "PREFIX x: <http://127.0.0.1:{port}/> SELECT * {{ service x:sparql {{ ?s ?p ?o }} }}",
    "SELECT * {{ BIND(<http://127.0.0.1:{port}/sparql> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    "SELECT * {{ ?s ?p ?o OPTIONAL {{ SeRvIcE <http://127.0.0.1:{port}/> {{ ?s ?p ?x }} }} }}",
    "SELECT * # comment\n{{ SERVICE\n<http://127.0.0.1:{port}/sparql>\n{{ ?s ?p ?o }} }}",
    "BASE <http://127.0.0.1:{port}/> SELECT * {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
])
def test_service_is_refused_without_connecting(server, http, listener, template):
    r = http.get(server.endpoint, params={"query": template.format(port=listener.port)})
    assert r.status_code == 400, r.text
    assert "SERVICE" in r.text
    time.sleep(0.3)
    assert listener.connections == 0


def test_allowlist_admits_only_listed_constant_targets(strict_server, http, listener, dead_endpoint):
    r = http.get(strict_server.endpoint,
                 params={"query": f"SELECT * {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"})
    assert r.status_code == 400 and "not in the federation allowlist" in r.text
    r = http.get(strict_server.endpoint,
                 params={"query": f"SELECT * {{ BIND(<{dead_endpoint}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}"})
    assert r.status_code == 400 and "variable" in r.text
    time.sleep(0.3)
    assert listener.connections == 0
    # an allowlisted endpoint is called; it is down, so the query fails at run time: 502 naming it
    r = http.get(strict_server.endpoint, params={"query": f"SELECT * {{ SERVICE <{dead_endpoint}> {{ ?s ?p ?o }} }}"})
    assert r.status_code == 502
    assert f"SERVICE <{dead_endpoint}>" in r.text and "Connection refused" in r.text
    # SERVICE SILENT to the same endpoint ignores the failure
    r = http.get(strict_server.endpoint,
                 params={"query": f"SELECT * {{ SERVICE SILENT <{dead_endpoint}> {{ ?s ?p ?o }} }}"})
    assert r.status_code == 200


def test_service_in_strings_iris_and_comments_is_not_a_call(server, http):
    query = """PREFIX service: <http://example.org/service#>
    SELECT ?service WHERE { BIND("SERVICE <http://127.0.0.1:1/>" AS ?service) } # SERVICE <http://127.0.0.1:1/>"""
    r = http.get(server.endpoint, params={"query": query})
    assert r.status_code == 200
    assert r.json()["results"]["bindings"][0]["service"]["value"].startswith("SERVICE")
