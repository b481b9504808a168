"""Two replicas behind nginx (Debian's nginx-light, installed by scripts/test), all on loopback, with
the configuration ``diplokg proxy-config`` prints: both serve, one is killed in the middle of a
stream of requests from several clients and only what it was answering may fail, the clients'
addresses reach the replicas' per-client limits, and no client can pose as another."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from support.cli_runner import run_cli
from support.server_process import ServerProcess, free_port

NGINX = "/usr/sbin/nginx"
CHEAP = "ASK { ?s a <https://w3id.org/diplokg/ontology#State> }"
JSON = {"Accept": "application/sparql-results+json"}


class Nginx:
    def __init__(self, replicas: list[str], prefix: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        prefix.mkdir(parents=True, exist_ok=True)
        config = run_cli("proxy-config", "--listen", f"127.0.0.1:{self.port}",
                         *[a for r in replicas for a in ("--replica", r)],
                         "--prefix", str(prefix), check=True).stdout
        self.config = prefix / "nginx.conf"
        self.config.write_text(config)
        directives = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
        self.proc = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(self.config), "-g", directives],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("nginx did not start: " + (prefix / "error.log").read_text()[-2000:])

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGQUIT)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture
def replicas(built_store: Path, tmp_path: Path) -> Iterator[list[ServerProcess]]:
    assert shutil.which(NGINX), f"{NGINX} is missing: scripts/test installs Debian's nginx-light"
    started: list[ServerProcess] = []
    try:
        for i in range(2):
            started.append(ServerProcess(built_store, "--trusted-proxies", "127.0.0.1", "--client-errors", "3",
                                         "--base-url", "https://diplokg.example/", "--no-access-log",
                                         log=tmp_path / f"replica{i}.log").start())
        yield started
    finally:
        for replica in started:
            replica.stop()


@pytest.fixture
def proxy(replicas: list[ServerProcess], tmp_path: Path) -> Iterator[Nginx]:
    nginx = Nginx([f"127.0.0.1:{r.port}" for r in replicas], tmp_path / "nginx")
    yield nginx
    nginx.stop()


def test_both_replicas_serve_the_same_release(proxy, replicas):
    answered_by, releases = set(), set()
    with httpx.Client(timeout=30) as client:
        for _ in range(10):
            r = client.get(proxy.url + "sparql", params={"query": CHEAP}, headers=JSON)
            assert r.status_code == 200 and r.json()["boolean"] is True
            answered_by.add(r.headers["x-diplokg-replica"])
        for _ in range(4):
            releases.add(client.get(proxy.url + "health").json()["release"])
        r = client.get(proxy.url + ".well-known/void", headers={"Accept": "text/turtle"})
        assert "https://diplokg.example/sparql" in r.text and "127.0.0.1" not in r.text
    assert answered_by == {f"127.0.0.1:{r.port}" for r in replicas}
    assert len(releases) == 1


def test_a_replica_killed_mid_test_fails_only_its_requests_in_flight(proxy, replicas):
    """Four clients query for 6 s; after 2 s one replica is SIGKILLed with everything it runs. At
    most the four requests then in flight may fail; every request after the kill is answered by the
    other replica."""
    stop = threading.Event()
    results: list[tuple[float, int, str]] = []
    killed_at: list[float] = []

    def client_loop() -> None:
        with httpx.Client(timeout=30) as client:
            while not stop.is_set():
                try:
                    r = client.post(proxy.url + "sparql", data={"query": CHEAP}, headers=JSON)
                    results.append((time.monotonic(), r.status_code, r.headers.get("x-diplokg-replica", "")))
                except httpx.HTTPError:
                    results.append((time.monotonic(), 0, ""))

    threads = [threading.Thread(target=client_loop) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(2)
    victim, survivor = replicas
    victim.proc.kill()  # the web process; its zygotes and workers die with it (PR_SET_PDEATHSIG)
    killed_at.append(time.monotonic())
    time.sleep(4)
    stop.set()
    for t in threads:
        t.join(30)
    failed = [r for r in results if r[1] != 200]
    after = [r for r in results if r[0] > killed_at[0] + 1]
    assert len(results) > 100
    assert len(failed) <= 4, failed
    assert after and all(status == 200 and replica == f"127.0.0.1:{survivor.port}" for _, status, replica in after)


def test_limits_apply_to_the_real_client_behind_the_proxy(proxy):
    """nginx replaces X-Forwarded-For with the peer's address, and the replicas trust it: a client
    over its error budget is refused whatever header it sends, another client is served."""
    bad = {"query": "SELECT * WHERE { ?s ?p }"}
    with httpx.Client(timeout=30, transport=httpx.HTTPTransport(local_address="127.0.0.21")) as offender, \
            httpx.Client(timeout=30, transport=httpx.HTTPTransport(local_address="127.0.0.22")) as bystander:
        # round robin alternates: each replica counts 3 of them (its budget), all answered 400
        for _ in range(6):
            assert offender.get(proxy.url + "sparql", params=bad).status_code == 400
        for _ in range(2):
            r = offender.get(proxy.url + "sparql", params={"query": CHEAP},
                             headers={**JSON, "X-Forwarded-For": "127.0.0.22"})
            assert r.status_code == 429 and r.headers["retry-after"]
        r = bystander.get(proxy.url + "sparql", params={"query": CHEAP}, headers=JSON)
        assert r.status_code == 200
