"""Endpoint fixtures: real ``diplokg serve`` processes on loopback over the session's built store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support.server_process import NO_ERROR_BUDGET, ServerProcess, free_port


@pytest.fixture(scope="session")
def dead_endpoint() -> str:
    """An allowlisted SERVICE endpoint on loopback where nothing listens (connection refused)."""
    return f"http://127.0.0.1:{free_port()}/sparql"


@pytest.fixture(scope="session")
def strict_server(built_store: Path, tmp_path_factory: pytest.TempPathFactory,
                  dead_endpoint: str) -> Iterator[ServerProcess]:
    """The endpoint with tight limits: row cap 50, 4 s budget, small bodies and URLs, one query per client,
    a public base URL different from where it listens, and one allowlisted (dead) SERVICE endpoint."""
    log = tmp_path_factory.mktemp("strict") / "serve.log"
    with ServerProcess(built_store, "--row-cap", "50", "--timeout", "4", "--max-body", "5000", "--max-url", "3000",
                       "--client-concurrency", "1", "--workers", "2", "--base-url", "https://example.org/kg/",
                       "--federation-allowlist", dead_endpoint, *NO_ERROR_BUDGET, log=log) as proc:
        yield proc


@pytest.fixture(scope="session")
def uncapped_server(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """The endpoint without a row cap and with a 2 s budget: results stream as they are produced."""
    log = tmp_path_factory.mktemp("uncapped") / "serve.log"
    with ServerProcess(built_store, "--row-cap", "0", "--timeout", "2", *NO_ERROR_BUDGET, log=log) as proc:
        yield proc


@pytest.fixture(scope="session")
def figures(built_store: Path) -> dict[str, int]:
    """Sizes of the built dataset, from the build's own records: quads, distinct triples."""
    import json

    info = json.loads((built_store / "diplokg-build.json").read_text())
    stats = json.loads((built_store / "void-stats.json").read_text())
    return {"quads": info["triples"], "triples": stats["triples"]}
