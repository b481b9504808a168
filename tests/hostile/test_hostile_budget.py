"""The per-client error budget: a client whose query requests keep failing gets 429 with
Retry-After, other clients do not notice. (The concurrency budget, 429 beyond N requests in flight
from one address, is tested in tests/endpoint/test_safety.py.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from diplokg.core.settings import Settings
from diplokg.http.middleware.error_budget import ErrorBudget, counts
from support.manual_clock import ManualClock
from support.server_process import ServerProcess

BAD = "SELECT * WHERE { ?s ?p }"
GOOD = "ASK { ?s ?p ?o }"


def test_budget_counts_failures_in_a_sliding_window():
    clock = ManualClock(1000.0)
    budget = ErrorBudget(3, window=60, clock=clock)
    for _ in range(2):
        budget.record_failure("a")
        clock.now += 10
    assert budget.retry_after("a") is None  # 2 of 3
    budget.record_failure("a")
    assert budget.retry_after("a") == pytest.approx(40)  # the first failure, at 1000, leaves at 1060
    assert budget.retry_after("b") is None  # per client
    clock.now = 1060
    assert budget.retry_after("a") is None  # the first one has left the window
    budget.record_failure("a")
    assert budget.retry_after("a") == pytest.approx(10)
    clock.now = 2000
    assert budget.retry_after("a") is None and budget._failures == {}  # forgotten entirely


def test_only_query_routes_count():
    assert counts("/sparql") and counts("/queries/relations-of-a-state/results")
    assert counts("/queries/relations-of-a-state/results.csv")
    assert counts("/search") and counts("/reconcile") and counts("/reconcile/suggest/entity")
    assert not counts("/id/state/ROU") and not counts("/queries") and not counts("/health")


def test_the_default_budget_is_on():
    assert Settings().client_errors == 30


@pytest.fixture(scope="module")
def budget_server(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    log = tmp_path_factory.mktemp("budget") / "serve.log"
    with ServerProcess(built_store, "--client-errors", "3", "--no-access-log", log=log) as proc:
        yield proc


def test_a_client_over_its_error_budget_gets_429_and_others_do_not(budget_server, client_at):
    offender, bystander = client_at("127.0.0.4"), client_at("127.0.0.5")
    for _ in range(3):
        assert offender.get(budget_server.endpoint, params={"query": BAD}).status_code == 400
    bystander_bad = bystander.get(budget_server.endpoint, params={"query": BAD})
    assert bystander_bad.status_code == 400  # one failure of its own, within its budget
    for query in (BAD, GOOD):  # over budget: even a good query waits
        r = offender.get(budget_server.endpoint, params={"query": query},
                         headers={"Accept": "application/json", "Origin": "https://yasgui.example"})
        assert r.status_code == 429
        assert r.headers["access-control-allow-origin"] in ("*", "https://yasgui.example")
        assert "retry-after" in r.headers["access-control-expose-headers"].lower()
        assert r.json()["kind"] == "error-budget" and "3 in the last 60 s" in r.json()["message"]
        assert 55 <= int(r.headers["retry-after"]) <= 60
    r = offender.post(budget_server.url + "queries/relations-of-a-state/results", data={"state": "ROU"})
    assert r.status_code == 429
    # the 429s themselves are not failures, and pages other than the query routes are served
    assert offender.get(budget_server.url + "health").status_code == 200
    assert offender.get(budget_server.url + "id/state/ROU", headers={"Accept": "text/turtle"}).status_code == 200
    # the bystander is served as before
    r = bystander.get(budget_server.endpoint, params={"query": GOOD},
                      headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.json()["boolean"] is True


def test_failed_reconciliations_count_against_the_same_budget(budget_server, client_at):
    offender = client_at("127.0.0.6")
    for _ in range(3):
        assert offender.post(budget_server.url + "reconcile", data={"queries": "{not json"}).status_code == 400
    good = {"queries": '{"q": {"query": "Norway"}}'}
    assert offender.post(budget_server.url + "reconcile", data=good).status_code == 429
    assert offender.get(budget_server.endpoint, params={"query": GOOD}).status_code == 429
    assert offender.get(budget_server.url + "search", params={"q": "Norway"},
                        headers={"Accept": "application/json"}).status_code == 429


def test_a_client_cannot_escape_its_budget_by_naming_another_address(budget_server, client_at):
    """Without --trusted-proxies, X-Forwarded-For and Forwarded are ignored from every peer, loopback
    included (uvicorn believes them from 127.0.0.1 unless told otherwise)."""
    offender = client_at("127.0.0.10")
    for _ in range(3):
        assert offender.get(budget_server.endpoint, params={"query": BAD}).status_code == 400
    for header in ({"X-Forwarded-For": "203.0.113.9"}, {"Forwarded": "for=203.0.113.9"},
                   {"X-Forwarded-For": "127.0.0.11"}):
        r = offender.get(budget_server.endpoint, params={"query": GOOD}, headers=header)
        assert r.status_code == 429, header


@pytest.fixture(scope="module")
def proxied_server(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    log = tmp_path_factory.mktemp("proxied") / "serve.log"
    with ServerProcess(built_store, "--client-errors", "3", "--trusted-proxies", "127.0.0.12", "--no-access-log",
                       log=log) as proc:
        yield proc


def test_behind_a_trusted_proxy_the_forwarded_client_is_the_client(proxied_server, client_at):
    """Requests relayed by the trusted proxy (127.0.0.12) count for the client X-Forwarded-For names:
    one over its budget is refused, another behind the same proxy is served. Another peer's header
    is still ignored."""
    proxy, stranger = client_at("127.0.0.12"), client_at("127.0.0.13")
    first, second = {"X-Forwarded-For": "203.0.113.7"}, {"X-Forwarded-For": "203.0.113.8"}
    for _ in range(3):
        assert proxy.get(proxied_server.endpoint, params={"query": BAD}, headers=first).status_code == 400
    assert proxy.get(proxied_server.endpoint, params={"query": GOOD}, headers=first).status_code == 429
    assert proxy.get(proxied_server.endpoint, params={"query": GOOD}, headers=second).status_code == 200
    for _ in range(3):
        assert stranger.get(proxied_server.endpoint, params={"query": BAD}, headers=second).status_code == 400
    assert stranger.get(proxied_server.endpoint, params={"query": GOOD}, headers=first).status_code == 429
    assert proxy.get(proxied_server.endpoint, params={"query": GOOD}, headers=second).status_code == 200
