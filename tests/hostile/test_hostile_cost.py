"""Cost attacks against a real ``diplokg serve`` with tight limits (256 MiB per worker, 5 s budget):
every query that would take the machine's memory or time is stopped with a clear 503 (or refused
with 413/414 before it is read), its worker is replaced and reaped, memory stays within the limit,
and other clients are served meanwhile. (Cartesian products, row caps and runaway streams are in
tests/endpoint/test_safety.py; 100 000-deep nesting in test_hostile_protocol.py.)"""

from __future__ import annotations

import statistics
import threading
import time

import httpx
import pytest
from costly_limits import BUDGET_S, MEMORY_MIB
from raw_http import request, send_until_refused
from server_processes import workers

CHEAP = "ASK { ?s a <https://w3id.org/diplokg/ontology#State> }"
JSON = {"Accept": "application/json"}
PATH = "(<urn:x>|!<urn:x>)+"  # every predicate, one or more times


def doubled(times: int) -> str:
    """Graph patterns binding ?a0 = "a" and ?aN = ?aN-1 twice over: a string of 2**times characters
    built by the query itself (no large literal is sent)."""
    binds = ['BIND("a" AS ?a0)'] + [f"BIND(CONCAT(?a{i - 1}, ?a{i - 1}) AS ?a{i})" for i in range(1, times + 1)]
    return " ".join(binds)


MEMORY_HOGS = {
    "ORDER BY over every pair of triples": "SELECT ?a ?c ?d ?f { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1",
    "GROUP BY with GROUP_CONCAT over every pair of triples":
        "SELECT ?c (GROUP_CONCAT(STR(?f)) AS ?g) { ?a ?b ?c . ?d ?e ?f } GROUP BY ?c",
    "a string doubled 30 times (1 GiB)": f"SELECT (STRLEN(?a30) AS ?n) {{ {doubled(30)} }}",
    "ORDER BY over chained unbounded paths": f"SELECT * {{ ?a {PATH} ?b . ?b {PATH} ?c . ?c {PATH} ?d }} ORDER BY ?d",
}


def settled(server, http: httpx.Client, replaced: int, timeout: float = 10.0) -> dict:
    """/health once ``replaced`` workers have been replaced and the pool is back to full strength."""
    deadline = time.monotonic() + timeout
    while True:
        state = http.get(server.url + "health").json()["workers"]
        if (state["replaced"] >= replaced and state["alive"] == state["configured"]) or time.monotonic() > deadline:
            return state
        time.sleep(0.05)


def worker_rss_sampler(server_pid: int, stop: threading.Event, peaks: list[int]) -> None:
    while not stop.is_set():
        peaks.append(max((w.rss_kib for w in workers(server_pid)), default=0))
        time.sleep(0.005)


@pytest.mark.parametrize("query", MEMORY_HOGS.values(), ids=MEMORY_HOGS.keys())
def test_a_query_past_the_memory_limit_is_stopped_and_its_worker_replaced(costly_server, http, query):
    before = http.get(costly_server.url + "health").json()["workers"]["replaced"]
    baseline = max(w.rss_kib for w in workers(costly_server.proc.pid))
    stop, peaks = threading.Event(), []
    sampler = threading.Thread(target=worker_rss_sampler, args=(costly_server.proc.pid, stop, peaks))
    sampler.start()
    try:
        start = time.monotonic()
        r = http.get(costly_server.endpoint, params={"query": query}, headers=JSON)
        elapsed = time.monotonic() - start
    finally:
        stop.set()
        sampler.join()
    assert r.status_code == 503, r.text
    body = r.json()
    assert body["kind"] == "memory"
    assert f"memory limit of {MEMORY_MIB} MiB" in body["message"] and "more selective" in body["message"]
    assert "Traceback" not in r.text and "retry-after" not in r.headers  # retrying would not help
    assert elapsed < BUDGET_S, "stopped at the memory limit, not at the time budget"
    # memory stayed bounded: no worker grew beyond the limit (sampled every 5 ms while it ran)
    assert max(peaks) < baseline + MEMORY_MIB * 1024 + 64 * 1024, (baseline, max(peaks))
    # the worker was replaced and reaped: the pool is at full strength with no zombie left behind
    state = settled(costly_server, http, before + 1)
    assert state["replaced"] == before + 1 and state["alive"] == state["configured"]
    procs = workers(costly_server.proc.pid)
    assert len(procs) == state["configured"] and all(p.state != "Z" for p in procs), procs
    assert http.get(costly_server.endpoint, params={"query": CHEAP}).json()["boolean"] is True


def test_chained_unbounded_paths_are_stopped_at_the_time_budget(costly_server, http):
    before = http.get(costly_server.url + "health").json()["workers"]["replaced"]
    query = f"SELECT (COUNT(*) AS ?n) {{ ?a {PATH} ?b . ?b {PATH} ?c . ?c {PATH} ?d . ?d {PATH} ?e }}"
    start = time.monotonic()
    r = http.get(costly_server.endpoint, params={"query": query}, headers=JSON)
    elapsed = time.monotonic() - start
    assert r.status_code == 503 and r.json()["kind"] == "timeout", r.text
    assert f"time budget of {BUDGET_S} s" in r.json()["message"] and r.headers["retry-after"]
    assert BUDGET_S - 0.1 <= elapsed < BUDGET_S + 3
    state = settled(costly_server, http, before + 1)
    assert state["replaced"] == before + 1 and state["alive"] == state["configured"]


def test_one_unbounded_path_is_answered(costly_server, http):
    """``(<>|!<>)+`` over the whole graph is a closure the engine computes with a visited set: on our
    graph it is answered, in full, well within the budget."""
    r = http.get(costly_server.endpoint, params={"query": f"SELECT (COUNT(*) AS ?n) {{ ?s {PATH} ?o }}"},
                 headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    assert int(r.json()["results"]["bindings"][0]["n"]["value"]) > 10_000


@pytest.mark.parametrize("pattern", ["^(a+)+$", "^(a|aa)+$", "^(a|a?)+$", "^(.*a){20}$"])
def test_catastrophic_regexes_run_in_linear_time(costly_server, http, pattern):
    """Patterns that backtrack exponentially in PCRE-style engines, on a 131 072-character string of
    a's followed by '!' (built by the query): the engine's regex crate matches in linear time, so the
    answer (no match) comes at once."""
    query = (f'SELECT (STRLEN(?a17) AS ?n) ?m {{ {doubled(17)} '
             f'BIND(REGEX(CONCAT(?a17, "!"), "{pattern}") AS ?m) }}')
    start = time.monotonic()
    r = http.get(costly_server.endpoint, params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    elapsed = time.monotonic() - start
    assert r.status_code == 200, r.text
    row = r.json()["results"]["bindings"][0]
    assert row["n"]["value"] == "131072" and row["m"]["value"] == "false"
    assert elapsed < 2


def test_a_regex_too_large_to_compile_is_no_match(costly_server, http):
    """A pattern whose compiled form exceeds the regex crate's size limit is an evaluation error for
    that row (no match), not a stall."""
    query = 'SELECT ?x { BIND("a" AS ?x) FILTER REGEX(?x, "(((a{100}){100}){100}){100}") }'
    r = http.get(costly_server.endpoint, params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.json()["results"]["bindings"] == []


def test_a_50_mb_literal_is_refused_before_it_is_read(costly_server, http):
    query = 'ASK { FILTER(STRLEN("' + "a" * 50_000_000 + '") > 0) }'
    r = http.post(costly_server.endpoint, content=query.encode(), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413 and "larger than 1000000 bytes" in r.text


def test_a_50_mb_literal_without_declared_length_is_cut_off_while_read(costly_server):
    """Sent chunked (no Content-Length): the server stops reading after the body limit and answers
    413; the client could not deliver the 50 MB."""
    head = (b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
            b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
    chunk = b"a" * 65536
    opening = head + b'%x\r\nASK { FILTER(STRLEN("\r\n' % len(b'ASK { FILTER(STRLEN("')
    sent, response = send_until_refused(costly_server.port, opening, b"%x\r\n%s\r\n" % (len(chunk), chunk),
                                        50_000_000)
    assert response.startswith(b"HTTP/1.1 413"), response[:200]
    assert b"larger than 1000000 bytes" in response
    assert sent < 20_000_000, f"the server read {sent} bytes"


def test_a_million_row_values_is_refused_by_size(costly_server, http):
    rows = " ".join(str(i) for i in range(1_000_000))
    query = f"SELECT (COUNT(*) AS ?n) {{ VALUES ?x {{ {rows} }} }}"
    r = http.post(costly_server.endpoint, content=query.encode(), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413
    # in the URL (6.9 MB: more than httpx will send)
    r = request(costly_server.port, b"GET /sparql?query=" + query.replace(" ", "+").encode() + b" HTTP/1.1")
    assert r.status == 414 and b"POST" in r.body


def test_the_largest_values_block_within_the_body_limit_is_answered(costly_server, http):
    rows = " ".join(str(i) for i in range(140_000))  # 868 kB
    query = f"SELECT (COUNT(*) AS ?n) {{ VALUES ?x {{ {rows} }} }}"
    r = http.post(costly_server.endpoint, content=query.encode(),
                  headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert r.status_code == 200 and r.text.split() == ["n", "140000"]


@pytest.mark.parametrize("addresses", [["127.0.0.2"], ["127.0.0.6", "127.0.0.7", "127.0.0.8", "127.0.0.9"]],
                         ids=["one attacker", "four attackers"])
def test_costly_queries_never_hold_every_worker(costly_server, http, client_at, addresses):
    """Attackers keep four memory- and time-hogging queries in flight for 8 s, from one address or
    from four. One client's queries take at most one of the two workers at a time; clients known to
    be heavy (slow queries, or many) share one worker between them. A bystander (127.0.0.3) asking
    cheap queries meanwhile gets every answer promptly, once the attackers' first queries, which
    nothing yet marks as heavy, are out of the way."""
    attackers, bystander = [client_at(a) for a in addresses], client_at("127.0.0.3")
    idle = []
    for _ in range(20):
        start = time.monotonic()
        assert bystander.get(costly_server.endpoint, params={"query": CHEAP}).status_code == 200
        idle.append(time.monotonic() - start)
    stop = threading.Event()
    statuses: list[int] = []
    hogs = [*list(MEMORY_HOGS.values())[:2],
            f"SELECT (COUNT(*) AS ?n) {{ ?a {PATH} ?b . ?b {PATH} ?c . ?c {PATH} ?d . ?d {PATH} ?e }}"]

    def attack(i: int) -> None:
        attacker = attackers[i % len(attackers)]
        while not stop.is_set():
            statuses.append(attacker.get(costly_server.endpoint, params={"query": hogs[i % len(hogs)]}).status_code)
            i += 1

    threads = [threading.Thread(target=attack, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    time.sleep(BUDGET_S + 1)  # every attacker's first query has run into a limit: all are known heavy
    busy = []
    until = time.monotonic() + 8
    while time.monotonic() < until:
        start = time.monotonic()
        r = bystander.get(costly_server.endpoint, params={"query": CHEAP})
        busy.append(time.monotonic() - start)
        assert r.status_code == 200 and r.json()["boolean"] is True
        time.sleep(0.05)
    stop.set()
    for t in threads:
        t.join(30)
    # the attacker got its answers: the memory limit, the time budget, or 429 beyond 4 in flight
    assert statuses and set(statuses) <= {503, 429}, statuses
    assert 503 in statuses
    # nothing the bystander asked waited behind the attacker (a hog takes 0.2-5 s)
    assert max(busy) < 1.0, f"bystander waited up to {max(busy):.2f} s (idle median {statistics.median(idle):.3f} s)"
