"""Faults: workers killed from outside (as the kernel's OOM killer would) in the middle of a query or
of a streamed response, clients that hang up mid-stream, and builds that fail (invalid data, a
syntax error, a full disk) while the previous release is being served. The request concerned fails
cleanly, the pool and the web process return to their baseline, and nothing published changes."""

from __future__ import annotations

import hashlib
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from server_processes import open_fds, threads, workers

from support.cli_runner import run_cli
from support.server_process import NO_ERROR_BUDGET, ServerProcess
from support.source_breakage import break_shacl, break_syntax

COUNT_CARTESIAN = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CARTESIAN = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CHEAP = "ASK { ?s a <https://w3id.org/diplokg/ontology#State> }"
JSON = {"Accept": "application/json"}


@pytest.fixture(scope="module")
def fault_server(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """No row cap (results stream as they are produced) and a 20 s budget."""
    log = tmp_path_factory.mktemp("faults") / "serve.log"
    with ServerProcess(built_store, "--row-cap", "0", "--timeout", "20", "--workers", "2", "--no-access-log",
                       *NO_ERROR_BUDGET, log=log) as proc:
        yield proc


def pool_state(server: ServerProcess) -> dict:
    return httpx.get(server.url + "health", timeout=10).json()["workers"]


def settle(server: ServerProcess, timeout: float = 10.0) -> dict:
    """/health once the pool is at full strength with no worker retiring, and the server has no
    process beyond its workers (no zombie: every dead worker was reaped)."""
    deadline = time.monotonic() + timeout
    while True:
        state = pool_state(server)
        procs = workers(server.proc.pid)
        if (state["alive"] == state["configured"] == len(procs) and not state["retiring"]
                and all(p.state != "Z" for p in procs)) or time.monotonic() > deadline:
            return {**state, "processes": len(procs), "zombies": sum(p.state == "Z" for p in procs)}
        time.sleep(0.05)


def kill_workers(server: ServerProcess) -> int:
    procs = workers(server.proc.pid)
    for p in procs:
        os.kill(p.pid, signal.SIGKILL)
    return len(procs)


def all_cheap_queries_answered(server: ServerProcess, n: int = 10) -> bool:
    with httpx.Client(timeout=30) as client:
        return all(client.get(server.endpoint, params={"query": CHEAP}, headers=JSON).json()["boolean"] is True
                   for _ in range(n))


def test_workers_killed_mid_query_fail_that_request_cleanly_and_the_pool_recovers(fault_server):
    """Both workers are SIGKILLed while one answers a long query: that request gets 500 naming the
    signal; the idle one's death is noticed before it is handed out, so no later request fails."""
    settle(fault_server)
    result: dict = {}

    def long_query() -> None:
        r = httpx.get(fault_server.endpoint, params={"query": COUNT_CARTESIAN}, headers=JSON, timeout=60)
        result.update(status=r.status_code, body=r.json())

    thread = threading.Thread(target=long_query)
    thread.start()
    time.sleep(1.0)
    assert kill_workers(fault_server) == 2
    thread.join(30)
    assert result["status"] == 500 and result["body"]["kind"] == "worker"
    assert "SIGKILL" in result["body"]["message"] and "replaced" in result["body"]["message"]
    assert all_cheap_queries_answered(fault_server)
    state = settle(fault_server)
    assert state["zombies"] == 0 and state["processes"] == state["configured"] == state["alive"]


def test_a_worker_killed_mid_stream_cuts_the_response(fault_server):
    """Killed while it streams: the client sees a broken chunked response, never a clean but short
    one, and the pool recovers."""
    settle(fault_server)
    received = 0
    with pytest.raises(httpx.RemoteProtocolError):
        with httpx.stream("GET", fault_server.endpoint, params={"query": CARTESIAN, "format": "tsv"}, timeout=60) as r:
            assert r.status_code == 200
            for chunk in r.iter_bytes():
                received += len(chunk)
                if received > 1_000_000 and received - len(chunk) <= 1_000_000:
                    kill_workers(fault_server)
    assert received > 1_000_000
    assert all_cheap_queries_answered(fault_server)
    state = settle(fault_server)
    assert state["zombies"] == 0 and state["processes"] == state["configured"]


def test_clients_hanging_up_mid_stream_leak_nothing(fault_server):
    """Two rounds of 20 clients read the start of an endless stream and hang up. Each interrupted
    worker is stopped, replaced and reaped; the web process holds as many open files as before and
    its thread count does not grow from one round to the next (the only threads it may add are its
    bounded executor's, created as it needs them); the client's concurrency slots are free again."""
    settle(fault_server)
    web = fault_server.proc.pid
    base_fds = open_fds(web)
    after_round = []
    for _ in range(2):
        replaced = pool_state(fault_server)["replaced"]
        for _ in range(20):
            with httpx.stream("GET", fault_server.endpoint, params={"query": CARTESIAN, "format": "tsv"},
                              timeout=60) as r:
                assert r.status_code == 200
                next(r.iter_bytes())
            # leaving the block closes the connection with most of the stream unread
        state = settle(fault_server)
        assert state["replaced"] == replaced + 20  # each abandoned stream's worker was stopped, not left running
        assert state["zombies"] == 0 and state["processes"] == state["configured"]
        deadline = time.monotonic() + 10
        while open_fds(web) != base_fds and time.monotonic() < deadline:
            time.sleep(0.1)
        after_round.append((threads(web), open_fds(web)))
    assert after_round[0][1] == after_round[1][1] == base_fds
    # a thread left behind per abandoned stream would add 20 a round; the executor may still start
    # one of its few threads late (seen once in CI: 2 then 3), which is not a leak
    assert after_round[1][0] - after_round[0][0] <= 2, after_round
    # the per-client limit (4 in flight) is not held by the abandoned streams
    results: list[int] = []
    barrier = threading.Barrier(4)

    def one() -> None:
        barrier.wait()
        results.append(httpx.get(fault_server.endpoint, params={"query": CHEAP}, timeout=30).status_code)

    ts = [threading.Thread(target=one) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join(30)
    assert results == [200] * 4


# -- damaged stores ---------------------------------------------------------------------------


def damage_current(store: Path) -> None:
    (store / "CURRENT").write_text("garbage\n")


def truncate_tables(store: Path) -> None:
    for table in store.glob("*.sst"):
        table.write_bytes(table.read_bytes()[:100])


@pytest.mark.parametrize("damage", [damage_current, truncate_tables], ids=["CURRENT garbled", "tables truncated"])
@pytest.mark.parametrize("mode", [(), ("--disk-only",)], ids=["default", "disk-only"])
def test_a_damaged_store_is_refused_at_start(built_store, tmp_path, damage, mode):
    """RocksDB files damaged behind the build's back: the server exits non-zero naming the store and
    the damage, and never serves an empty or partial store."""
    import shutil

    copy = tmp_path / "store"
    shutil.copytree(built_store.resolve(), copy)
    damage(copy)
    proc = run_cli("serve", "--store", str(copy), "--port", "0", "--no-access-log", *mode)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert f"cannot open store {copy}" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert ("CURRENT" in proc.stderr or "Corruption" in proc.stderr), proc.stderr[-2000:]


# -- failed builds while serving ------------------------------------------------------------


def fingerprint(directory: Path) -> dict[str, str]:
    """SHA-256 of every file under ``directory`` (following the store symlink)."""
    root = directory.resolve()
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and p.name != "LOG" and not p.name.startswith("LOG.old")}


def published(server: ServerProcess) -> dict[str, bytes]:
    """The bytes the server publishes: every dump, the VoID description, and one query's answer."""
    with httpx.Client(timeout=30) as client:
        listing = client.get(server.url + "dumps/", headers={"Accept": "application/json"}).json()
        names = sorted(d["file"] for d in listing["dumps"])
        out = {name: client.get(server.url + "dumps/" + name).content for name in names}
        out["void"] = client.get(server.url + ".well-known/void", headers={"Accept": "application/n-triples"}).content
        out["query"] = client.get(server.endpoint, params={
            "query": "SELECT ?s ?o { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o } ORDER BY ?s ?o"},
            headers={"Accept": "text/csv"}).content
    return out


@pytest.mark.parametrize("failure", ["SHACL violation", "syntax error", "disk full"])
def test_a_failed_build_leaves_the_served_release_byte_identical(tmp_path, source_tree, failure):
    store = tmp_path / "store"
    run_cli("build", "--source", str(source_tree), "--store", str(store), "-q", check=True)
    with ServerProcess(store, "--no-access-log", log=tmp_path / "serve.log") as server:
        link, files, before = os.readlink(store), fingerprint(store), published(server)
        assert len([n for n in before if n not in ("void", "query")]) >= 4  # the dumps are there
        if failure == "SHACL violation":
            break_shacl(source_tree)
            proc = run_cli("build", "--source", str(source_tree), "--store", str(store))
            expected = "violation"
        elif failure == "syntax error":
            line = break_syntax(source_tree)
            proc = run_cli("build", "--source", str(source_tree), "--store", str(store))
            expected = f"norway.trig:{line}"
        else:  # no file may grow past 100 kB: writing the new store fails as on a full disk
            proc = run_cli("build", "--source", str(source_tree), "--store", str(store), max_file_bytes=100_000)
            expected = "could not be written"
        assert proc.returncode == 1, proc.stderr
        assert expected in proc.stderr and "Traceback" not in proc.stderr and "internal error" not in proc.stderr
        assert os.readlink(store) == link
        assert fingerprint(store) == files
        assert [p.name for p in (tmp_path / ".store.builds").iterdir() if p.is_dir()] == [Path(link).name]
        assert published(server) == before
        assert pool_state(server)["alive"] == 2
