"""Federation fails clearly and never hangs: allowlisted SERVICE endpoints on loopback that hang,
answer HTTP 500, answer HTML instead of SPARQL results, or do not listen at all, called through real
``diplokg serve`` processes with a 2 s service timeout and a 20 s query budget."""

from __future__ import annotations

import json
import time

import pyoxigraph as ox
import pytest

from diplokg.engine.execute import execute
from diplokg.engine.framing import Frame
from diplokg.engine.messages import QueryJob
from diplokg.engine.service_errors import service_failure
from support.server_process import ServerProcess
from support.sparql_standin import ERROR_BODY, StandInEndpoint

SERVICE_TIMEOUT = 2
QUERY_TIMEOUT = 20
JSON = {"Accept": "application/sparql-results+json, application/json;q=0.9"}
ROMANIA_LABELS = "?label WHERE {{ <https://w3id.org/diplokg/id/state/ROU> rdfs:label ?label . {service} }}"


@pytest.fixture(scope="module")
def standins():
    with (StandInEndpoint(mode="hang") as hang, StandInEndpoint(mode="error") as error,
          StandInEndpoint(mode="garbage") as garbage):
        yield {"hang": hang, "error": error, "garbage": garbage}


@pytest.fixture(scope="module")
def endpoints(standins, dead_endpoint):
    """Mode → SERVICE endpoint IRI; ``unreachable`` is a loopback port where nothing listens."""
    return {**{mode: s.url for mode, s in standins.items()}, "unreachable": dead_endpoint}


def _serve(built_store, endpoints, log, *options):
    return ServerProcess(built_store, "--federation-allowlist", *endpoints.values(),
                         "--service-timeout", str(SERVICE_TIMEOUT), "--timeout", str(QUERY_TIMEOUT),
                         "--workers", "2", *options, log=log)


@pytest.fixture(scope="module")
def failing_server(built_store, endpoints, tmp_path_factory):
    """Row cap on (the default): results are collected before the response head is sent."""
    with _serve(built_store, endpoints, tmp_path_factory.mktemp("fed-fail") / "serve.log") as proc:
        yield proc


@pytest.fixture(scope="module")
def streaming_server(built_store, endpoints, tmp_path_factory):
    """No row cap: the worker sends the response head before evaluating, so a SERVICE failure
    arrives after it (as an ABORT frame, before the first chunk)."""
    with _serve(built_store, endpoints, tmp_path_factory.mktemp("fed-fail-stream") / "serve.log",
                "--row-cap", "0") as proc:
        yield proc


def _select(endpoint_iri: str, silent: bool = False) -> str:
    return "SELECT " + ROMANIA_LABELS.format(
        service=f"SERVICE {'SILENT ' if silent else ''}<{endpoint_iri}> {{ ?x ?y ?z }}")


def _health(server, http):
    return http.get(server.url + "health").json()


def test_hanging_service_is_stopped_at_the_service_timeout(failing_server, endpoints, standins, http):
    before = _health(failing_server, http)["workers"]["replaced"]
    start = time.monotonic()
    r = http.post(failing_server.endpoint, data={"query": _select(endpoints["hang"])}, headers=JSON)
    elapsed = time.monotonic() - start
    assert r.status_code == 504, r.text
    body = r.json()
    assert body["kind"] == "service-timeout" and body["error"] == "Gateway Timeout"
    assert f"SERVICE <{endpoints['hang']}>" in body["message"] and f"{SERVICE_TIMEOUT} s" in body["message"]
    assert standins["hang"].queries, "the hanging stand-in was called"
    # the service timeout fired, not the 20 s query budget
    assert SERVICE_TIMEOUT - 0.1 <= elapsed < 8, elapsed
    # the stopped worker is replaced and the server answers normal queries
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        state = _health(failing_server, http)
        if state["workers"]["replaced"] > before and state["workers"]["alive"] == state["workers"]["configured"]:
            break
        time.sleep(0.1)
    assert state["store_loaded"] and state["workers"]["replaced"] == before + 1
    assert state["workers"]["alive"] == state["workers"]["configured"]
    ok = http.get(failing_server.endpoint, params={"query": "SELECT " + ROMANIA_LABELS.format(service="")},
                  headers=JSON)
    assert ok.status_code == 200 and len(ok.json()["results"]["bindings"]) == 2


def test_lower_query_timeout_is_a_plain_timeout(failing_server, endpoints, http):
    """A request budget below the service timeout is the query's own limit: 503, as for any slow query."""
    r = http.post(failing_server.endpoint, data={"query": _select(endpoints["hang"]), "timeout": "1"}, headers=JSON)
    assert r.status_code == 503 and r.json()["kind"] == "timeout", r.text


# mode → text of the engine's message that must reach the client
FAILURES = {
    "error": ["Error 500 Internal Server Error", ERROR_BODY],
    "garbage": ["Unsupported Content-Type", "text/html"],
    "unreachable": ["Connection refused"],
}


@pytest.mark.parametrize("which", ["failing_server", "streaming_server"])
@pytest.mark.parametrize("mode", sorted(FAILURES))
def test_failing_service_is_a_bad_gateway(request, which, mode, endpoints, http):
    server = request.getfixturevalue(which)
    r = http.post(server.endpoint, data={"query": _select(endpoints[mode])}, headers=JSON)
    assert r.status_code == 502, r.text
    body = r.json()
    assert body["kind"] == "service" and body["error"] == "Bad Gateway"
    assert body["message"].startswith(f"SERVICE <{endpoints[mode]}>")
    for text in FAILURES[mode]:
        assert text in body["message"]
    plain = http.post(server.endpoint, data={"query": _select(endpoints[mode])},
                      headers={"Accept": "text/plain, */*;q=0.1"})
    assert plain.status_code == 502 and endpoints[mode] in plain.text


@pytest.mark.parametrize("which", ["failing_server", "streaming_server"])
def test_service_silent_keeps_the_local_rows(request, which, endpoints, standins, http):
    server = request.getfixturevalue(which)
    calls = len(standins["error"].queries)
    r = http.post(server.endpoint, data={"query": _select(endpoints["error"], silent=True)}, headers=JSON)
    assert r.status_code == 200, r.text
    labels = {(b["label"]["value"], b["label"].get("xml:lang")) for b in r.json()["results"]["bindings"]}
    assert labels == {("Romania", "en"), ("Rumänien", "de")}
    assert len(standins["error"].queries) == calls + 1, "the failing stand-in was called"


def test_service_failures_are_recognised_in_the_engine_errors(endpoints):
    """The classifier against the exceptions pyoxigraph really raises (no server in between)."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o")))
    for mode in FAILURES:
        with pytest.raises(Exception) as caught:
            list(store.query(f"SELECT * {{ ?s ?p ?o SERVICE <{endpoints[mode]}> {{ ?s ?p ?x }} }}"))
        message = service_failure(caught.value, [endpoints[mode]])
        assert message is not None and message.startswith(f"SERVICE <{endpoints[mode]}>"), (mode, caught.value)
        assert str(caught.value).strip() in message
        assert service_failure(caught.value, []) is None  # no SERVICE in the query: not a service failure


def test_executor_reports_a_failing_service_before_and_after_the_head(endpoints):
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o")))
    query = f"SELECT * {{ ?s ?p ?o SERVICE <{endpoints['error']}> {{ ?s ?p ?x }} }}"
    for cap, expected in ((100, Frame.ERROR), (0, Frame.ABORT)):
        frames: list[bytes] = []
        execute(store, QueryJob(query, results_format="json", row_cap=cap, services=(endpoints["error"],)),
                frames.append, {})
        assert frames[-1][0] == expected
        err = json.loads(frames[-1][5:])
        assert err["status"] == 502 and err["kind"] == "service" and endpoints["error"] in err["message"]


def test_service_timeout_is_described(failing_server, http):
    sd = http.get(failing_server.endpoint, headers={"Accept": "text/turtle"})
    assert sd.status_code == 200 and f"a query that calls SERVICE runs at most {SERVICE_TIMEOUT} s" in sd.text
    spec = http.get(failing_server.url + "openapi.json").json()
    descriptions = " ".join(op.get("description", "") for op in spec["paths"]["/sparql"].values())
    assert "--service-timeout" in descriptions and "504" in descriptions and "502" in descriptions
