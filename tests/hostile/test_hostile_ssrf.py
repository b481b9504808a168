"""Server-side request forgery: no query, dataset parameter or update can make the server open a
connection to anywhere but an allowlisted SERVICE endpoint. Loopback canaries count every
connection offered to them, so "refused" means "refused before any connection was made"."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from support.canary import Canary
from support.server_process import NO_ERROR_BUDGET, ServerProcess

JSON = {"Accept": "application/json"}
SERVICE_TIMEOUT = 2


@pytest.fixture(scope="module")
def canary() -> Iterator[Canary]:
    with Canary() as c:
        yield c


@pytest.fixture(scope="module")
def tarpit() -> Iterator[Canary]:
    with Canary(tarpit=True) as c:
        yield c


@pytest.fixture(scope="module")
def redirector(canary: Canary) -> Iterator[Canary]:
    """An allowlisted endpoint that answers every request with a redirect to the canary."""
    reply = (f"HTTP/1.1 302 Found\r\nLocation: {canary.url}?query=ASK%7B%7D\r\nContent-Length: 0\r\n"
             "Connection: close\r\n\r\n").encode()
    with Canary(reply=reply) as c:
        yield c


@pytest.fixture(scope="module")
def federating_server(built_store: Path, tmp_path_factory: pytest.TempPathFactory, tarpit: Canary,
                      redirector: Canary) -> Iterator[ServerProcess]:
    """Federation allowed to exactly two endpoints (a tarpit and a redirector), 2 s per SERVICE query."""
    log = tmp_path_factory.mktemp("ssrf") / "serve.log"
    with ServerProcess(built_store, "--federation-allowlist", tarpit.url, redirector.url, "--service-timeout",
                       str(SERVICE_TIMEOUT), *NO_ERROR_BUDGET, "--no-access-log", log=log) as proc:
        yield proc


def quiet(canary: Canary, before: int = 0) -> bool:
    time.sleep(0.3)  # a connection attempt, had there been one, has arrived by now
    return canary.connections == before


TARGETS = [
    "http://127.0.0.1:{port}/sparql", "http://localhost:{port}/sparql", "http://[::1]:{port}/sparql",
    "http://0.0.0.0:{port}/sparql", "http://127.1:{port}/sparql", "http://2130706433:{port}/sparql",
    "http://0x7f000001:{port}/sparql", "http://user:pw@127.0.0.1:{port}/sparql", "http://127.0.0.1:{port}/sparql#x",
    "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "file:///etc/passwd", "ftp://127.0.0.1:{port}/",
    "gopher://127.0.0.1:{port}/_GET%20/",
]


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("silent", ["", "SILENT "], ids=["SERVICE", "SERVICE SILENT"])
def test_service_is_refused_without_an_allowlist(server, http, canary, target, silent):
    iri = target.format(port=canary.port)
    r = http.get(server.endpoint, params={"query": f"SELECT * {{ SERVICE {silent}<{iri}> {{ ?s ?p ?o }} }}"},
                 headers=JSON)
    assert r.status_code == 400 and r.json()["kind"] == "federation", r.text
    assert quiet(canary)


VARIABLE_TARGETS = [
    "SELECT * {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    "SELECT * {{ BIND(IRI(CONCAT(\"http://127.0.0.1:\", \"{port}/sparql\")) AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    "SELECT * {{ {{ SELECT ?e {{ BIND(<{url}> AS ?e) }} }} SERVICE SILENT ?e {{ ?s ?p ?o }} }}",
    "SELECT * {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "ASK {{ OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "DESCRIBE ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
]


@pytest.mark.parametrize("template", VARIABLE_TARGETS)
def test_service_to_a_non_allowlisted_or_variable_target_is_refused_with_an_allowlist(
        federating_server, http, canary, template):
    r = http.get(federating_server.endpoint, params={"query": template.format(url=canary.url, port=canary.port)},
                 headers=JSON)
    assert r.status_code == 400 and r.json()["kind"] == "federation", r.text
    assert quiet(canary)


@pytest.mark.parametrize("variant", ["{url}/", "{url}?x=1", "{url}#x", "http://localhost:{port}/sparql",
                                     "http://user@127.0.0.1:{port}/sparql", "HTTP://127.0.0.1:{port}/sparql"])
def test_only_the_exact_allowlisted_iri_is_admitted(federating_server, http, tarpit, variant):
    before = tarpit.connections
    iri = variant.format(url=tarpit.url, port=tarpit.port)
    r = http.get(federating_server.endpoint, params={"query": f"ASK {{ SERVICE <{iri}> {{ ?s ?p ?o }} }}"},
                 headers=JSON)
    assert r.status_code == 400 and "not in the federation allowlist" in r.json()["message"], r.text
    assert quiet(tarpit, before)


def test_service_silent_to_a_tarpit_ends_at_the_service_timeout(federating_server, http, tarpit):
    """The allowlisted endpoint accepts the connection and never answers; SILENT does not help
    (nothing fails), so the query is stopped at the service timeout, the worker replaced."""
    before = tarpit.connections
    replaced = http.get(federating_server.url + "health").json()["workers"]["replaced"]
    start = time.monotonic()
    r = http.get(federating_server.endpoint, headers=JSON,
                 params={"query": f"SELECT * {{ SERVICE SILENT <{tarpit.url}> {{ ?s ?p ?o }} }}"})
    elapsed = time.monotonic() - start
    assert r.status_code == 504 and r.json()["kind"] == "service-timeout", r.text
    assert tarpit.url in r.json()["message"]
    assert SERVICE_TIMEOUT - 0.1 <= elapsed < SERVICE_TIMEOUT + 3
    assert tarpit.connections == before + 1  # the call was made, to the allowlisted endpoint only
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        state = http.get(federating_server.url + "health").json()["workers"]
        if state["replaced"] == replaced + 1 and state["alive"] == state["configured"]:
            break
        time.sleep(0.05)
    assert state["replaced"] == replaced + 1 and state["alive"] == state["configured"]


def test_a_redirect_from_an_allowlisted_endpoint_is_not_followed(federating_server, http, redirector, canary):
    """An allowlisted endpoint could point the engine elsewhere with a redirect; the engine does not
    follow it, so the canary it points to is never contacted and the query fails with 502."""
    before = redirector.connections
    r = http.get(federating_server.endpoint, headers=JSON,
                 params={"query": f"SELECT * {{ SERVICE <{redirector.url}> {{ ?s ?p ?o }} }}"})
    assert r.status_code == 502 and r.json()["kind"] == "service", r.text
    assert "redirect" in r.json()["message"]
    assert redirector.connections == before + 1
    assert quiet(canary)


@pytest.mark.parametrize(("params", "query"), [
    ({}, "SELECT * FROM <{url}> {{ ?s ?p ?o }}"),
    ({}, "SELECT * FROM NAMED <{url}> {{ GRAPH ?g {{ ?s ?p ?o }} }}"),
    ({"default-graph-uri": "{url}"}, "SELECT * {{ ?s ?p ?o }}"),
    ({"named-graph-uri": "{url}"}, "SELECT * {{ GRAPH ?g {{ ?s ?p ?o }} }}"),
    ({}, "DESCRIBE <{url}>"),
    ({}, "SELECT * {{ GRAPH <{url}> {{ ?s ?p ?o }} }}"),
])
def test_dataset_iris_are_names_never_fetched(server, http, canary, params, query):
    """FROM, FROM NAMED, the protocol's dataset parameters and GRAPH name graphs of the store; an
    IRI no graph has gives an empty dataset, and nothing is fetched."""
    r = http.get(server.endpoint, params={"query": query.format(url=canary.url),
                                          **{k: v.format(url=canary.url) for k, v in params.items()}},
                 headers={"Accept": "application/sparql-results+json, text/turtle"})
    assert r.status_code == 200, r.text
    assert r.text.count(canary.url) == 0 or query.startswith("DESCRIBE")
    if "json" in r.headers["content-type"]:
        assert r.json()["results"]["bindings"] == []
    assert quiet(canary)


@pytest.mark.parametrize("update", ["LOAD <{url}>", "LOAD SILENT <{url}> INTO GRAPH <urn:g>",
                                    "INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"])
def test_updates_that_would_fetch_are_refused(server, http, canary, update):
    text = update.format(url=canary.url)
    r = http.post(server.endpoint, data={"update": text})
    assert r.status_code == 403
    r = http.post(server.endpoint, content=text.encode(), headers={"Content-Type": "application/sparql-update"})
    assert r.status_code == 403
    r = http.get(server.endpoint, params={"query": text})
    assert r.status_code == 400
    assert quiet(canary)


def test_saved_query_parameters_are_bound_as_terms_not_fetched(server, http, canary):
    # a free IRI parameter: bound as a term, matching nothing
    r = http.get(server.url + "queries/evidence-for-a-fact/results", params={"fact": canary.url},
                 headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.json()["results"]["bindings"] == [], r.text
    # a parameter with a closed list of values: refused
    r = http.get(server.url + "queries/relations-of-a-state/results", params={"state": canary.url},
                 headers={"Accept": "application/json"})
    assert r.status_code == 400 and "not one of the allowed values" in r.json()["message"]
    assert quiet(canary)


def test_entity_pages_never_dereference_what_they_show(server, http, canary):
    r = http.get(server.url + "id/" + canary.url, headers={"Accept": "text/html"})
    assert r.status_code == 404
    assert quiet(canary)


def test_no_connection_reached_the_canary_in_this_module(canary):
    """Belt and braces: after every test above, the canary has still never been contacted."""
    assert canary.connections == 0
    # and the canary itself was reachable all along:
    with httpx.Client(timeout=5) as client:
        with pytest.raises(httpx.HTTPError):
            client.get(canary.url)
    assert canary.connections == 1
