"""Shared fixtures: the repository root, the diplokg command, and one store built once per session
by the real command line from the packaged data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from support.browsers import browser, page  # noqa: F401 - the browser fixtures (tests/browser, tests/workspace)
from support.cli_runner import REPO, run_cli
from support.hostile_payloads import hostile_quads
from support.server_process import NO_ERROR_BUDGET, ServerProcess
from support.virtuoso_instance import VirtuosoInstance

__all__ = ["REPO", "run_cli"]


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built by ``diplokg build`` from the packaged data (shared, read-only for tests)."""
    store = tmp_path_factory.mktemp("built") / "store"
    run_cli("build", "--store", str(store), "--quiet", check=True)
    return store


@pytest.fixture(scope="session")
def store(built_store: Path):
    from diplokg.build.store import open_read_only

    return open_read_only(built_store)


@pytest.fixture
def source_tree(tmp_path: Path) -> Path:
    """A private copy of the repository's ontology, data and shapes that a test may break."""
    import shutil

    root = tmp_path / "src"
    for part in ("ontology", "data", "shapes"):
        shutil.copytree(REPO / part, root / part)
    return root


@pytest.fixture(scope="session")
def embedded_server(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """The endpoint with default settings (as the README's main command runs it), except the error
    budget: the suites send hundreds of deliberately bad requests from one address (the budget has
    its own tests in tests/hostile/test_hostile_budget.py)."""
    log = tmp_path_factory.mktemp("server") / "serve.log"
    with ServerProcess(built_store, *NO_ERROR_BUDGET, log=log) as proc:
        yield proc


@pytest.fixture(scope="session")
def server(embedded_server: ServerProcess) -> ServerProcess:
    """The endpoint on its default backend, the embedded store (suites that run against every
    backend override this fixture with ``backend_server``)."""
    return embedded_server


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoInstance]:
    """A Virtuoso server of its own on loopback, empty (tests/virtuoso_instance.py), which stops any
    query after 30 s (the endpoint's default budget), as the README advises."""
    with VirtuosoInstance(tmp_path_factory.mktemp("virtuoso"), max_query_seconds=30) as instance:
        yield instance


@pytest.fixture(scope="session")
def virtuoso_server(built_store: Path, virtuoso: VirtuosoInstance,
                    tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """The endpoint with default settings on the ``sparql`` backend: the built release published
    into Virtuoso by ``diplokg publish`` (Graph Store Protocol), queries evaluated by Virtuoso. The
    engine holds someone else's graph too, so every query must name the release's graphs (an engine
    whose own dataset is exactly the release is served as such: tests/backends/test_backend_bench.py)."""
    import httpx

    r = httpx.put(virtuoso.graph_store, params={"graph": "http://example.org/someone-elses"},
                  content=b"<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n",
                  headers={"Content-Type": "application/n-triples"}, auth=httpx.DigestAuth("dba", virtuoso.password))
    assert r.status_code in (200, 201, 204), r.text
    virtuoso.publish(built_store)
    log = tmp_path_factory.mktemp("virtuoso-server") / "serve.log"
    with ServerProcess(built_store, *virtuoso.serve_options, *NO_ERROR_BUDGET, log=log) as proc:
        yield proc


#: the query backends every backend-independent suite runs against (fixture names)
BACKENDS = {"embedded": "embedded_server", "virtuoso": "virtuoso_server"}


@pytest.fixture(scope="module", params=sorted(BACKENDS))
def backend_server(request: pytest.FixtureRequest) -> ServerProcess:
    """The endpoint on each query backend in turn: the embedded store, then Virtuoso."""
    return request.getfixturevalue(BACKENDS[request.param])


@pytest.fixture(scope="session")
def disk_server(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """The endpoint answering from the on-disk store only (``--disk-only``)."""
    log = tmp_path_factory.mktemp("disk-server") / "serve.log"
    with ServerProcess(built_store, "--disk-only", *NO_ERROR_BUDGET, log=log) as proc:
        yield proc


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=60) as client:
        yield client




@pytest.fixture(scope="session")
def hostile_server(built_store, tmp_path_factory):
    """The bundled data plus hostile statements (tests/hostile_payloads.py: markup in labels, a label
    closing the embedded JSON-LD, rdf:HTML, javascript: links), published without validation (the
    build would refuse some of them) to prove that the pages escape whatever the graph holds."""
    import pyoxigraph as ox

    from diplokg.build.artifacts import write_artifacts
    from diplokg.build.store import write_store

    snapshot = ox.Store()
    snapshot.bulk_load(path=str(built_store.resolve() / "snapshot.nq"), format=ox.RdfFormat.N_QUADS)
    quads = list(snapshot) + hostile_quads()
    root = tmp_path_factory.mktemp("hostile")
    store = root / "store"
    write_store(store, quads, {"triples": len(quads)}, lambda target, db: write_artifacts(target, db, None))
    with ServerProcess(store, *NO_ERROR_BUDGET, log=root / "serve.log") as proc:
        yield proc
