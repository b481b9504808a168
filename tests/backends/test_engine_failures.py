"""Publishing into Virtuoso and what happens when the engine fails, with a Virtuoso instance of this
module's own (it is killed): the bulk loader, stale graphs, a release the engine does not
hold, an engine that is down, too slow, stopped by its own time limit, or crashing mid-query, and
fair shares of the engine's connections."""

from __future__ import annotations

import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest

from support.cli_runner import run_cli
from support.server_process import NO_ERROR_BUDGET, ServerProcess, free_port
from support.virtuoso_instance import VirtuosoInstance

ROMANIA = "https://w3id.org/diplokg/graph/source/mfa-tj-romania"
JSON = {"Accept": "application/sparql-results+json"}
#: takes Virtuoso far longer than any budget here (a filtered product of all triples, three times)
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER (STR(?c) < STR(?i)) }"
ENGINE_LIMIT = 3  # seconds: Virtuoso's own MaxQueryExecutionTime in this module
ENGINE_ROWS = 5000  # Virtuoso's own ResultSetMaxRows in this module (the data: 7708 quads, 4037 in the largest graph)
CAP = ("--row-cap", "4000")  # a row cap the engine's row limit allows


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):
    with VirtuosoInstance(tmp_path_factory.mktemp("virtuoso-failures"), max_query_seconds=ENGINE_LIMIT,
                          max_rows=ENGINE_ROWS) as instance:
        yield instance


def publish_bulk(store: Path, engine: VirtuosoInstance) -> subprocess.CompletedProcess[str]:
    return run_cli("publish", "--store", str(store), "--virtuoso-isql", engine.sql, "--load-dir", str(engine.load_dir),
                   "--query-url", engine.query_url, "--engine-user", "dba",
                   "--engine-password-file", str(engine.password_file()))


def put_graph(engine: VirtuosoInstance, graph: str, ntriples: str) -> None:
    r = httpx.put(engine.graph_store, params={"graph": graph}, content=ntriples.encode(),
                  headers={"Content-Type": "application/n-triples"}, auth=httpx.DigestAuth("dba", engine.password))
    assert r.status_code in (200, 201, 204), r.text


def graphs_in(engine: VirtuosoInstance) -> set[str]:
    r = httpx.post(engine.query_url, data={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}, headers=JSON)
    return {b["g"]["value"] for b in r.json()["results"]["bindings"]}


@pytest.fixture(scope="module")
def published(built_store: Path, engine: VirtuosoInstance) -> VirtuosoInstance:
    """The release bulk-loaded, with a stale graph of ours and someone else's graph there before."""
    stale, foreign = "https://w3id.org/diplokg/graph/source/withdrawn", "http://example.org/someone-elses"
    put_graph(engine, stale, "<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    put_graph(engine, foreign, "<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    result = publish_bulk(built_store, engine)
    assert result.returncode == 0, result.stderr
    assert "with the Virtuoso bulk loader" in result.stdout and "removed 1 stale graph" in result.stdout
    found = graphs_in(engine)
    assert stale not in found and foreign in found  # ours withdrawn, others' left alone
    return engine


def serve(store: Path, engine: VirtuosoInstance, log: Path, *options: str) -> ServerProcess:
    return ServerProcess(store, "--backend", "sparql", "--engine-url", engine.query_url, *CAP, *NO_ERROR_BUDGET,
                         *options, log=log)


def test_bulk_loaded_release_is_served(built_store, published, tmp_path, http):
    with serve(built_store, published, tmp_path / "serve.log") as server:
        r = http.get(server.endpoint, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                     headers=JSON)
        quads = int(r.json()["results"]["bindings"][0]["n"]["value"])
        health = http.get(server.url + "health").json()
        assert quads == health["quads"] == 7708
        # someone else's graph is there too: every query names the release's graphs
        assert health["engine"]["dataset"] == "named in each query"
        r = http.get(server.endpoint, params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
                     headers=JSON)
        assert "http://example.org/someone-elses" not in r.text and ROMANIA in r.text
        r = http.get(server.endpoint, params={"query": "ASK { <http://example.org/a> ?p ?o }"}, headers=JSON)
        assert r.json()["boolean"] is False
        assert not list((published.load_dir).glob("diplokg-*"))  # the copy made for the loader is gone


def test_publish_again_replaces_the_graphs(built_store, published, tmp_path):
    """A second publish (Graph Store Protocol this time) leaves exactly the release, not twice it."""
    result = run_cli("publish", "--store", str(built_store), "--to", published.graph_store, "--query-url",
                     published.query_url, "--engine-user", "dba", "--engine-password-file",
                     str(published.password_file()), "--engine-auth", "digest")
    assert result.returncode == 0, result.stderr
    assert "7,708 quads in 6 graphs" in result.stdout


def test_wrong_password_is_refused_with_the_reason(built_store, published, tmp_path):
    wrong = tmp_path / "pw"
    wrong.write_text("not-the-password\n")
    result = run_cli("publish", "--store", str(built_store), "--to", published.graph_store, "--query-url",
                     published.query_url, "--engine-user", "dba", "--engine-password-file", str(wrong),
                     "--engine-auth", "digest")
    assert result.returncode == 1
    assert "the graph store refused" in result.stderr and "401" in result.stderr


def test_serve_refuses_an_engine_without_the_release(built_store, published, tmp_path):
    """An engine whose graphs differ from the release's is refused at start, naming the graph; after
    publishing again the same command serves."""
    put_graph(published, ROMANIA, "<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    proc = run_cli("serve", "--store", str(built_store), "--backend", "sparql", "--engine-url", published.query_url,
                   "--port", str(free_port()))
    assert proc.returncode == 1
    assert "does not hold this release" in proc.stderr and f"<{ROMANIA}>: 1 quads there" in proc.stderr
    assert publish_bulk(built_store, published).returncode == 0


def test_serve_refuses_an_engine_that_would_cut_results(built_store, published):
    """Virtuoso's row limit (5000) is below what the default row cap (100 000) needs for this data
    (7708 rows at most): refused at start, naming the setting, instead of silently cut results."""
    proc = run_cli("serve", "--store", str(built_store), "--backend", "sparql", "--engine-url", published.query_url,
                   "--port", str(free_port()))
    assert proc.returncode == 1
    assert f"returns at most {ENGINE_ROWS} rows per result, fewer than the 7708" in proc.stderr
    assert "ResultSetMaxRows" in proc.stderr


def test_a_result_the_engine_cut_is_announced(built_store, published, tmp_path, http):
    """The engine's row limit lowered below the row cap after the server started (Virtuoso restarted
    with ResultSetMaxRows 100): Virtuoso cuts the result and says so (X-SPARQL-MaxRows); the client
    gets the 100 rows marked truncated, not a result that looks complete."""
    with serve(built_store, published, tmp_path / "serve.log") as server:
        published.restart(max_rows=100)
        try:
            r = http.get(server.endpoint, params={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers=JSON)
            assert r.status_code == 200, r.text
            assert len(r.json()["results"]["bindings"]) == 100
            assert r.headers["x-diplokg-truncated"] == "true"
        finally:
            published.restart(max_rows=ENGINE_ROWS)


def test_serve_refuses_an_engine_that_is_not_there(built_store):
    url = f"http://127.0.0.1:{free_port()}/sparql"
    proc = run_cli("serve", "--store", str(built_store), "--backend", "sparql", "--engine-url", url,
                   "--port", str(free_port()))
    assert proc.returncode == 1
    assert f"cannot use the SPARQL engine: the SPARQL engine at {url} cannot be reached" in proc.stderr


def test_bad_engine_settings_are_refused(built_store):
    for options, message in ((["--backend", "sparql"], "needs --engine-url"),
                             (["--backend", "sparql", "--engine-url", "http://dba:pw@127.0.0.1:1/sparql"],
                              "without credentials"),
                             (["--backend", "sparql", "--engine-url", "ftp://127.0.0.1/sparql"],
                              "absolute http(s) URL")):
        proc = run_cli("serve", "--store", str(built_store), "--port", str(free_port()), *options)
        assert proc.returncode != 0 and message in proc.stderr, proc.stderr


def test_our_time_budget_comes_first(built_store, published, tmp_path, http):
    """Budget 1 s, engine limit 3 s: 503 at our budget, and the server answers the next query."""
    with serve(built_store, published, tmp_path / "serve.log", "--timeout", "1") as server:
        started = time.monotonic()
        r = http.get(server.endpoint, params={"query": SLOW}, headers=JSON)
        elapsed = time.monotonic() - started
        assert r.status_code == 503 and r.json()["kind"] == "timeout", r.text
        assert 0.9 < elapsed < 2.5, elapsed
        assert http.get(server.endpoint, params={"query": "ASK {}"}, headers=JSON).json()["boolean"] is True


def test_the_engine_s_own_time_limit_is_reported(built_store, published, tmp_path, http):
    """Budget 30 s, engine limit 3 s: Virtuoso stops the query and says so; the client gets 502 with
    Virtuoso's message (not a partial or empty result)."""
    with serve(built_store, published, tmp_path / "serve.log") as server:
        started = time.monotonic()
        r = http.get(server.endpoint, params={"query": SLOW}, headers=JSON)
        assert time.monotonic() - started < ENGINE_LIMIT + 5
        assert r.status_code == 502 and r.json()["kind"] == "engine", r.text
        assert "Transaction timed out" in r.json()["message"]


def test_fair_shares_of_the_engine_connections(built_store, published, tmp_path, http):
    """Two connections to the engine: one address's slow queries hold at most one of them, so another
    address is answered at once while they run."""
    with serve(built_store, published, tmp_path / "serve.log", "--workers", "2", "--timeout", "2") as server:
        slow_done: list[int] = []

        def slow() -> None:
            with httpx.Client(timeout=30) as client:
                slow_done.append(client.get(server.endpoint, params={"query": SLOW}, headers=JSON).status_code)

        threads = [threading.Thread(target=slow) for _ in range(2)]
        for t in threads:
            t.start()
        time.sleep(0.5)
        with httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"), timeout=30) as other:
            started = time.monotonic()
            r = other.get(server.endpoint, params={"query": "ASK {}"}, headers=JSON)
            assert r.status_code == 200 and time.monotonic() - started < 1.0
        for t in threads:
            t.join()
        assert sorted(slow_done) == [503, 503]


def test_engine_crash_mid_query_and_recovery(built_store, published, tmp_path, http):
    """virtuoso-t killed (SIGKILL) while it evaluates a query: the client gets 502 naming the engine
    (every time: an engine that is down does not use up the client's error budget) and /health
    turns 503; once Virtuoso is back, health and queries recover without restarting the server."""
    with serve(built_store, published, tmp_path / "serve.log", "--client-errors", "3") as server:
        killer = threading.Timer(0.5, lambda: published.proc.kill())
        killer.start()
        r = http.get(server.endpoint, params={"query": SLOW}, headers=JSON)
        killer.join()
        assert r.status_code == 502 and r.json()["kind"] == "engine-unreachable", r.text
        assert published.query_url in r.json()["message"]
        health = http.get(server.url + "health")
        assert health.status_code == 503 and health.json()["engine"]["reachable"] is False
        for _ in range(5):
            r = http.get(server.endpoint, params={"query": "ASK {}"}, headers=JSON)
            assert r.status_code == 502 and "cannot be reached" in r.json()["message"]
        published.restart()
        deadline = time.monotonic() + 15
        while http.get(server.url + "health").status_code != 200:
            assert time.monotonic() < deadline, "health did not recover"
            time.sleep(0.2)
        r = http.get(server.endpoint, params={"query": "ASK {}"}, headers=JSON)
        assert r.status_code == 200 and r.json()["boolean"] is True
