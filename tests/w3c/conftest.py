"""The endpoints the W3C suites run against, and their outcomes, computed once per session:
``diplokg serve`` over a store of the suites' data files (one named graph per file, written without
our SHACL shapes: the build's checks are for our data, not for test data), the same on the sparql
backend (Virtuoso), and ``oxigraph serve`` in memory with the same quads. After the run, a table of
the outcomes is printed with pytest's summary."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from support.cli_runner import REPO
from support.server_process import NO_ERROR_BUDGET, ServerProcess
from support.virtuoso_instance import VirtuosoInstance
from w3c.known import known_failures
from w3c.manifests import UPDATE_SYNTAX_KINDS, runnable
from w3c.runner import Outcome, Runner, data_files, dataset_quads

sys.path.insert(0, str(REPO / "bench"))  # bench/ is not an installed package
from engines import create

#: endpoint name → test id → outcome, for the summary
OUTCOMES: dict[str, dict[str, Outcome]] = {}
KNOWN_LISTS = {
    "diplokg, embedded store": "known_failures.toml",
    "diplokg, embedded store, --row-cap 0": "known_failures.toml",
    "diplokg, sparql backend (Virtuoso)": "known_failures_virtuoso.toml",
    "oxigraph serve (in memory)": None,
}


@pytest.fixture(scope="session")
def w3c_dataset() -> tuple[list[ox.Quad], dict[str, str]]:
    return dataset_quads(data_files(runnable()))


@pytest.fixture(scope="session")
def w3c_store(w3c_dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from diplokg.build.artifacts import write_artifacts
    from diplokg.build.store import write_store

    quads, _ = w3c_dataset
    store = tmp_path_factory.mktemp("w3c") / "store"
    write_store(store, quads, {"triples": len(quads)}, lambda target, db: write_artifacts(target, db, None))
    return store


@pytest.fixture(scope="session")
def w3c_server(w3c_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """``diplokg serve`` with default settings (no error budget: the suites send hundreds of
    invalid queries on purpose) over the suites' data."""
    with ServerProcess(w3c_store, *NO_ERROR_BUDGET, log=tmp_path_factory.mktemp("w3c-serve") / "serve.log") as proc:
        yield proc


@pytest.fixture(scope="session")
def w3c_uncapped_server(w3c_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """The same without a row cap: every result is sent as the engine's serialiser wrote it, where
    the default server (row cap 100 000) sends solutions serialised to TSV, cut at the cap and
    converted to the format asked for."""
    log = tmp_path_factory.mktemp("w3c-uncapped") / "serve.log"
    with ServerProcess(w3c_store, "--row-cap", "0", *NO_ERROR_BUDGET, log=log) as proc:
        yield proc


@pytest.fixture(scope="session")
def w3c_virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoInstance]:
    """A Virtuoso of its own for the suites' data (the session's holds the bundled release; after
    the suites' 188 graphs went into that one, publishing the release there again timed out)."""
    with VirtuosoInstance(tmp_path_factory.mktemp("w3c-virtuoso-db"), max_query_seconds=30) as instance:
        yield instance


@pytest.fixture(scope="session")
def w3c_virtuoso_server(w3c_store: Path, w3c_virtuoso: VirtuosoInstance,
                        tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """``diplokg serve`` on the sparql backend: the suites' data published into Virtuoso by
    ``diplokg publish``, queries evaluated by Virtuoso."""
    virtuoso = w3c_virtuoso
    virtuoso.publish(w3c_store)
    log = tmp_path_factory.mktemp("w3c-virtuoso") / "serve.log"
    with ServerProcess(w3c_store, *virtuoso.serve_options, *NO_ERROR_BUDGET, log=log) as proc:
        yield proc


@pytest.fixture(scope="session")
def oxigraph_server(w3c_dataset, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``oxigraph serve`` in memory (PyPI package oxigraph, the same engine's own server), through
    the benchmark's adapter (bench/engines/oxigraph_memory_engine.py), loaded with the same quads
    over HTTP, with the plain SPARQL dataset (without --union-default-graph, a query with only FROM
    NAMED has an empty default graph, as the W3C tests expect); its query URL."""
    work = tmp_path_factory.mktemp("oxigraph")
    quads, _ = w3c_dataset
    nquads = work / "w3c.nq"
    nquads.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    engine = create("oxigraph-memory", union_default_graph=False)
    engine.prepare(nquads, work)
    engine.start()
    try:
        yield engine.query_url
    finally:
        engine.stop()


def _outcomes(name: str, endpoint: str, broken: dict[str, str], with_updates: bool = True) -> dict[str, Outcome]:
    with httpx.Client(timeout=60) as client:
        runner = Runner(client, endpoint, broken)
        OUTCOMES[name] = {t.id: runner.run(t) for t in runnable() if with_updates or t.kind not in UPDATE_SYNTAX_KINDS}
    return OUTCOMES[name]


@pytest.fixture(scope="session")
def ours_outcomes(w3c_server: ServerProcess, w3c_dataset) -> dict[str, Outcome]:
    return _outcomes("diplokg, embedded store", w3c_server.endpoint, w3c_dataset[1])


@pytest.fixture(scope="session")
def uncapped_outcomes(w3c_uncapped_server: ServerProcess, w3c_dataset) -> dict[str, Outcome]:
    return _outcomes("diplokg, embedded store, --row-cap 0", w3c_uncapped_server.endpoint, w3c_dataset[1])


@pytest.fixture(scope="session")
def virtuoso_outcomes(w3c_virtuoso_server: ServerProcess, w3c_dataset) -> dict[str, Outcome]:
    return _outcomes("diplokg, sparql backend (Virtuoso)", w3c_virtuoso_server.endpoint, w3c_dataset[1])


@pytest.fixture(scope="session")
def oxigraph_outcomes(oxigraph_server: str, w3c_dataset) -> dict[str, Outcome]:
    """Without the update syntax tests: oxigraph serve is writable, so it would run the updates."""
    return _outcomes("oxigraph serve (in memory)", oxigraph_server, w3c_dataset[1], with_updates=False)


def pytest_terminal_summary(terminalreporter) -> None:
    if not OUTCOMES:
        return
    write = terminalreporter.write_line
    write("")
    write("W3C SPARQL 1.0/1.1 suites over HTTP (tests/w3c): passed / run; failures listed as engine limits, policy")
    for name, outcomes in OUTCOMES.items():
        listed = known_failures(KNOWN_LISTS[name]) if KNOWN_LISTS.get(name) else {}
        failed = [i for i, o in outcomes.items() if not o.passed]
        engine = sum(listed.get(i, ("",))[0] == "engine" for i in failed)
        policy = sum(listed.get(i, ("",))[0] == "policy" for i in failed)
        write(f"  {name:38} {sum(o.passed for o in outcomes.values()):4} / {len(outcomes):4}"
              + (f"   engine {engine:3}   policy {policy:3}" if listed else f"   failed {len(failed):3}"))
