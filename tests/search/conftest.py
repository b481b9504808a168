"""Search and reconciliation fixtures: a server with tight limits (one request in flight per
client, small bodies, a 4 s budget) over the session's built store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support.server_process import NO_ERROR_BUDGET, ServerProcess


@pytest.fixture(scope="session")
def tight_server(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    log = tmp_path_factory.mktemp("tight") / "serve.log"
    with ServerProcess(built_store, "--timeout", "4", "--max-body", "5000", "--client-concurrency", "1",
                       "--workers", "2", *NO_ERROR_BUDGET, log=log) as proc:
        yield proc
