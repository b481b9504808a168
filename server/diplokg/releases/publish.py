"""``diplokg publish``: load a built, validated release into a SPARQL engine, for the ``sparql``
backend (``diplokg serve --backend sparql``).

Two ways in, both ending with the same check:
- any engine: SPARQL 1.1 Graph Store HTTP Protocol, one PUT per named graph of the release (its
  triples as N-Triples; PUT replaces what the graph held), then DELETE for every graph in the
  diplokg namespace that the release no longer has;
- Virtuoso, for large releases: its bulk loader (``ld_dir``, ``rdf_loader_run``, ``checkpoint``
  through ``isql-vt``), after clearing the release's graphs and the stale ones. The snapshot is
  copied into a directory Virtuoso may read (its ``DirsAllowed``) and removed after loading.
The check: the engine's SPARQL endpoint must report, per named graph, exactly the release's number
of quads; otherwise publish fails (exit 1) and says which graphs differ.

The release is read from its snapshot after its checksums are verified: only a release that a build
validated (SHACL) and wrote completely can be published.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from diplokg.build.reader import Release, verify_dump_checksums
from diplokg.core.errors import DiplokgError
from diplokg.engine.remote_http import EngineAuth
from diplokg.engine.remote_query import GRAPH_COUNTS

#: graphs under this IRI are the dataset's own: publish replaces them and removes those a release no
#: longer has (other graphs in the engine are left alone)
NAMESPACE = "https://w3id.org/diplokg/"
_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
Progress = Callable[[str], None]


class PublishError(DiplokgError):
    pass


@dataclass(frozen=True)
class PublishResult:
    graphs: dict[str, int]  # quads per graph, as the engine reports them after loading
    removed: list[str]  # stale graphs deleted
    seconds: float
    method: str


@dataclass(frozen=True)
class Engine:
    """Where the release goes: the engine's SPARQL endpoint (for the check) and credentials."""
    query_url: str
    auth: EngineAuth | None = None
    timeout: float = 600.0

    def client(self) -> httpx.Client:
        return httpx.Client(auth=self.auth.httpx() if self.auth else None, timeout=self.timeout)


def split_graphs(release: Release, directory: Path) -> dict[str, Path]:
    """The release's snapshot as one N-Triples file per named graph (streamed, any size)."""
    files: dict[str, Path] = {}
    handles = {}
    try:
        for quad in ox.parse(path=str(release.snapshot), format=ox.RdfFormat.N_QUADS):
            if not isinstance(quad.graph_name, ox.NamedNode):
                raise PublishError("the release has triples outside named graphs; rebuild it")
            graph = quad.graph_name.value
            if graph not in handles:
                files[graph] = directory / f"graph-{len(files)}.nt"
                handles[graph] = open(files[graph], "wb")  # noqa: SIM115 - closed below
            handles[graph].write(str(quad.triple).encode("utf-8") + b" .\n")
    finally:
        for handle in handles.values():
            handle.close()
    return files


def graph_store_put(release: Release, graph_store: str, engine: Engine, progress: Progress) -> PublishResult:
    """Publish through the Graph Store Protocol at ``graph_store`` (e.g. Virtuoso's
    http://host:8890/sparql-graph-crud-auth, with digest authentication)."""
    started = time.monotonic()
    verify_dump_checksums(release)
    with tempfile.TemporaryDirectory(prefix="diplokg-publish-") as tmp, engine.client() as client:
        files = split_graphs(release, Path(tmp))
        for graph, file in sorted(files.items()):
            progress(f"PUT <{graph}> ({file.stat().st_size} bytes of N-Triples)")
            # in memory: digest authentication sends the body twice (after the 401 challenge)
            response = _request(client, "PUT", graph_store, graph, file.read_bytes())
            if response.status_code not in (200, 201, 204):
                raise PublishError(f"the graph store refused <{graph}>: {response.status_code} {_detail(response)}")
        removed = [g for g in stale_graphs(client, engine.query_url, set(files))]
        for graph in removed:
            progress(f"DELETE <{graph}> (not in this release)")
            response = _request(client, "DELETE", graph_store, graph, None)
            if response.status_code not in (200, 204, 404):
                raise PublishError(f"the graph store did not delete <{graph}>: {response.status_code} "
                                   f"{_detail(response)}")
        counts = check_counts(client, engine.query_url, release)
    return PublishResult(counts, removed, time.monotonic() - started, "Graph Store Protocol")


def _request(client: httpx.Client, method: str, graph_store: str, graph: str, body: bytes | None) -> httpx.Response:
    url = graph_store + ("&" if "?" in graph_store else "?") + urlencode({"graph": graph})
    headers = {"Content-Type": "application/n-triples"} if body is not None else {}
    try:
        return client.request(method, url, content=body, headers=headers)
    except httpx.HTTPError as e:
        raise PublishError(f"cannot reach the graph store at {graph_store}: {e}") from None


def _detail(response: httpx.Response) -> str:
    return " ".join(response.text[:500].split()) or "(no message)"


def _select(client: httpx.Client, query_url: str, params: list[tuple[str, str]]) -> list[ox.QuerySolution]:
    try:
        response = client.post(query_url, content=urlencode(params).encode("ascii"),
                               headers={"Accept": "application/sparql-results+json",
                                        "Content-Type": "application/x-www-form-urlencoded"})
    except httpx.HTTPError as e:
        raise PublishError(f"cannot reach the SPARQL endpoint at {query_url}: {e}") from None
    if response.status_code != 200:
        raise PublishError(f"the SPARQL endpoint at {query_url} answered {response.status_code}: {_detail(response)}")
    results = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
    assert isinstance(results, ox.QuerySolutions), "a SELECT query has solutions"
    return list(results)


def stale_graphs(client: httpx.Client, query_url: str, keep: set[str]) -> list[str]:
    """Graphs in the diplokg namespace that the engine holds and the release does not."""
    rows = _select(client, query_url, [("query", _GRAPHS)])
    found = {row["g"].value for row in rows if isinstance(row["g"], ox.NamedNode)}
    return sorted(g for g in found if g.startswith(NAMESPACE) and g not in keep)


def check_counts(client: httpx.Client, query_url: str, release: Release) -> dict[str, int]:
    """The engine's quads per graph of the release; PublishError unless they are the release's."""
    expected: dict[str, int] = release.stats.get("graphs", {})
    # every graph the engine has, without naming the release's (Virtuoso echoes each named graph in a
    # response header: a release of hundreds of graphs overflows any HTTP client's header limit)
    rows = _select(client, query_url, [("query", GRAPH_COUNTS)])
    counts = {row["g"].value: int(row["n"].value) for row in rows if row["g"] is not None}
    wrong = [f"<{g}>: {counts.get(g, 0)} quads in the engine, {n} in the release"
             for g, n in sorted(expected.items()) if counts.get(g, 0) != n]
    if wrong:
        raise PublishError("the engine does not hold the release after loading: " + "; ".join(wrong))
    return {g: counts[g] for g in expected}


# -- Virtuoso's bulk loader --------------------------------------------------------------------

@dataclass(frozen=True)
class Isql:
    """``isql-vt`` connected to a Virtuoso server's SQL port."""
    address: str  # host:port
    user: str
    password: str
    binary: str = "isql-vt"

    def run(self, sql: str, timeout: float = 24 * 3600) -> str:
        argv = [self.binary, self.address, self.user, self.password, "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF",
                "ECHO=OFF", f"EXEC={sql}"]
        try:
            proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
        except FileNotFoundError:
            raise PublishError(f"{self.binary} not found: the bulk loader needs Virtuoso's isql (Debian package "
                               "virtuoso-opensource-7-bin)") from None
        out = proc.stdout + proc.stderr
        if proc.returncode != 0 or "*** Error" in out:
            raise PublishError(f"isql at {self.address}: {sql[:200]!r} failed:\n{out.strip()[-1500:]}")
        return out


def sql_string(value: str) -> str:
    """A Virtuoso SQL string literal (single quotes doubled; no control characters)."""
    if any(ord(c) < 32 for c in value):
        raise PublishError(f"cannot pass {value!r} to SQL")
    return "'" + value.replace("'", "''") + "'"


def virtuoso_bulk_load(release: Release, isql: Isql, load_dir: Path, engine: Engine,
                       progress: Progress) -> PublishResult:
    """Publish with Virtuoso's bulk loader. ``load_dir`` must be readable by the Virtuoso server and
    listed in its DirsAllowed (virtuoso.ini); a subdirectory for this release is made and removed."""
    started = time.monotonic()
    verify_dump_checksums(release)
    expected: dict[str, int] = release.stats.get("graphs", {})
    with engine.client() as client:
        removed = stale_graphs(client, engine.query_url, set(expected))
        batch = Path(tempfile.mkdtemp(prefix=f"diplokg-{release.build_id}-", dir=load_dir))
        try:
            batch.chmod(0o755)
            target = batch / "release.nq"
            shutil.copyfile(release.snapshot, target)
            target.chmod(0o644)
            for graph in sorted(set(expected) | set(removed)):
                progress(f"clearing <{graph}>")
                isql.run(f"log_enable(3,1); DELETE FROM DB.DBA.RDF_QUAD WHERE G = iri_to_id({sql_string(graph)});")
            progress(f"bulk loading {target.stat().st_size} bytes of N-Quads")
            folder = sql_string(str(batch.resolve()))
            isql.run(f"ld_dir({folder}, '*.nq', 'urn:x-diplokg:no-graph');")
            isql.run("rdf_loader_run();")
            isql.run("checkpoint;")
            failed = isql.run("SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST "
                              f"WHERE ll_file LIKE {sql_string(str(batch.resolve()) + '/%')} "
                              "AND (ll_state <> 2 OR ll_error IS NOT NULL);")
            if str(batch.resolve()) in failed:
                raise PublishError(f"Virtuoso's bulk loader did not load the release:\n{failed.strip()[-1500:]}")
        finally:
            shutil.rmtree(batch, ignore_errors=True)
        counts = check_counts(client, engine.query_url, release)
    return PublishResult(counts, removed, time.monotonic() - started, "Virtuoso bulk loader")
