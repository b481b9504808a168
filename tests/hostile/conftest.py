"""Fixtures for the hostile-input suite: a server with tight cost limits, and HTTP clients that come
from distinct loopback addresses (all of 127.0.0.0/8 reaches the server), so that one test can play
an attacker and a bystander as two different clients."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from costly_limits import BUDGET_S, MEMORY_MIB
from hypothesis import settings

from support.server_process import NO_ERROR_BUDGET, ServerProcess

# Fuzzing profiles: "ci" (default) draws the same examples on every run and keeps no example
# database, so the suite is repeatable and a clean clone stays clean; "explore" draws new ones each
# run (HYPOTHESIS_PROFILE=explore scripts/test tests/hostile) and remembers failures.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def costly_server(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """Two workers, each allowed 256 MiB beyond the shared store, and a 5 s query budget."""
    log = tmp_path_factory.mktemp("costly") / "serve.log"
    with ServerProcess(built_store, "--worker-memory", str(MEMORY_MIB), "--timeout", str(BUDGET_S), "--workers", "2",
                       "--no-access-log", *NO_ERROR_BUDGET, log=log) as proc:
        yield proc


@pytest.fixture
def client_at() -> Iterator[Callable[[str], httpx.Client]]:
    """``client_at("127.0.0.2")``: an HTTP client whose requests come from that loopback address."""
    clients: list[httpx.Client] = []

    def make(address: str) -> httpx.Client:
        client = httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=60)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()
