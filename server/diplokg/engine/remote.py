"""The ``sparql`` backend: queries are evaluated by a remote SPARQL 1.1 engine (e.g. Virtuoso),
everything else stays with this server (protocol checks, federation allowlist, time budget, row cap,
fair shares, saved queries, pages, dumps).

It has the worker pool's interface (start, close, health, run → response frames), so the query
service does not know which backend it talks to. Each request runs in a thread of its own: it sends
the query to the engine (SPARQL protocol, POST form), parses the engine's answer with pyoxigraph as it
arrives, and re-serialises it in the format the client negotiated, cut at the row cap, as frames.

Limits: ``size`` requests reach the engine at once (a slot is given back when its thread ends, not
before), shared fairly between clients (fair_shares). At its deadline a request is answered 503 and
its thread stops reading; the engine itself is asked nothing more: its own time limit (Virtuoso:
MaxQueryExecutionTime) must stop the evaluation there. The per-worker memory limit has no
equivalent here.

At start the engine must hold exactly this release: the quads per named graph it reports must
equal the release's, or the server refuses to start (``diplokg publish`` loads a release). It must
also return results as long as the row cap allows (and the largest graph, for the Graph Store):
engines with a row limit of their own (Virtuoso's ResultSetMaxRows, 10000 by default in Debian's
virtuoso.ini) would otherwise cut results silently. A result the engine says it cut (Virtuoso's
X-SPARQL-MaxRows header) is announced to the client as truncated.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
import time
from collections.abc import AsyncGenerator, Iterator
from typing import TYPE_CHECKING, Any

import httpx
import pyoxigraph as ox

from diplokg.build.errors import StoreError
from diplokg.core.errors import ErrorKind
from diplokg.core.formats import OX_RDF, OX_RESULTS, serialized
from diplokg.core.lexer import QueryForm, analyse
from diplokg.core.namespaces import PREFIXES
from diplokg.engine.errors import PoolBusy, QueryTimeout
from diplokg.engine.execute import not_acceptable, syntax_failure
from diplokg.engine.fair_shares import FairShares
from diplokg.engine.framing import (
    LAST,
    Frame,
    FrameWriter,
    Send,
    TrackingSend,
    failure_frame,
    output,
    send_end,
    send_head,
    send_solutions,
    send_triples,
)
from diplokg.engine.messages import Failure, GraphJob, Job, QueryJob
from diplokg.engine.remote_http import Cancelled, EngineAuth, EngineError, Exchange, open_body, suppress_cancel
from diplokg.engine.remote_query import GRAPH_COUNTS, BindingUnsupported, check_syntax, dataset_params, engine_text

if TYPE_CHECKING:
    from diplokg.build.reader import Release
    from diplokg.core.settings import Settings

_log = logging.getLogger("diplokg")
#: the engine's answer is read in these formats (every SPARQL 1.1 engine offers them)
_RESULTS_ACCEPT = "application/sparql-results+json"
_GRAPH_ACCEPT = "application/n-triples"
_UNION_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
_GRAPH_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
#: Virtuoso's sign that it cut a result at its ResultSetMaxRows (sent for SELECT; not reliably for
#: CONSTRUCT, see openlink/virtuoso-opensource#939): the client is told the result is truncated
ENGINE_CUT_HEADER = "x-sparql-maxrows"
_PROBE = "SELECT * WHERE {} LIMIT 1"
PROBE_SECONDS = 2.0
_TOTAL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


class RemoteEngine:
    def __init__(self, endpoint: str, graphs: dict[str, int], size: int, prefixes: dict[str, str],
                 auth: EngineAuth | None = None, connect_timeout: float = 5.0, row_cap: int = 0) -> None:
        self.endpoint, self.graphs, self.size, self.prefixes = endpoint, dict(graphs), size, prefixes
        self.row_cap = row_cap
        self.auth, self.connect_timeout = auth, connect_timeout
        self._shares = FairShares(size)
        self._slots = asyncio.Semaphore(size)
        self._busy = 0  # slots held by requests whose thread still runs
        self._threads = concurrent.futures.ThreadPoolExecutor(size, thread_name_prefix="engine")
        self._client: httpx.Client | None = None
        self.checked = False
        self.engine_union = False  # the engine's own default graph is the union of exactly the release's graphs
        self.reachable: bool | None = None
        self.last_error: str | None = None
        self.failures = 0
        self._probe: asyncio.Task[None] | None = None

    # -- life cycle -------------------------------------------------------------------------
    async def start(self, startup_timeout: float = 60.0) -> None:
        """Connect and check that the engine serves this release (StoreError otherwise)."""
        self._client = httpx.Client(auth=self.auth.httpx() if self.auth else None, follow_redirects=False,
                                    limits=httpx.Limits(max_connections=self.size + 2))
        try:
            counts = await asyncio.wait_for(asyncio.to_thread(self._check_release, startup_timeout), startup_timeout)
        except (EngineError, TimeoutError, SyntaxError, ValueError, OSError) as e:
            await self.close()
            raise StoreError(f"cannot use the SPARQL engine: {e}") from None
        differences = [f"<{g}>: {counts.get(g, 0)} quads there, {n} in the release"
                       for g, n in sorted(self.graphs.items()) if counts.get(g, 0) != n]
        if differences:
            await self.close()
            raise StoreError(f"the SPARQL engine at {self.endpoint} does not hold this release ("
                             + "; ".join(differences[:5]) + (" …" if len(differences) > 5 else "")
                             + "); load it with 'diplokg publish'")
        need = self.rows_needed()
        got = await asyncio.to_thread(self._count_rows, need, startup_timeout)
        if got < need:
            await self.close()
            raise StoreError(f"the SPARQL engine at {self.endpoint} returns at most {got} rows per result, fewer than "
                             f"the {need} this server needs (its row cap, or the largest graph for the Graph Store); "
                             "raise its limit (Virtuoso: ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)")
        self.checked = self.reachable = True
        self._probe = asyncio.get_running_loop().create_task(self._watch())

    async def _watch(self) -> None:
        """While the engine is unreachable (a request could not reach it), ask it every few seconds
        whether it is back, so that /health recovers without waiting for a client's query."""
        while True:
            await asyncio.sleep(PROBE_SECONDS)
            if self.reachable is False:
                try:
                    await asyncio.to_thread(self._select, [("query", _PROBE)], time.monotonic() + PROBE_SECONDS)
                except (EngineError, SyntaxError, ValueError, OSError):
                    continue
                self.reachable, self.last_error = True, None
                _log.info("the SPARQL engine at %s answers again", self.endpoint)

    async def close(self) -> None:
        if self._probe is not None:
            self._probe.cancel()
        self._threads.shutdown(wait=False, cancel_futures=True)
        if self._client is not None:
            self._client.close()
            self._client = None

    def rows_needed(self) -> int:
        """Rows an answer of the engine must be able to hold: the row cap plus one (to know a result
        was cut), or the whole data without a cap, and the largest graph (Graph Store GET)."""
        total = sum(self.graphs.values())
        capped = min(total, self.row_cap + 1) if self.row_cap else total
        return max(capped, max(self.graphs.values(), default=0))

    def _count_rows(self, limit: int, timeout: float) -> int:
        """How many of ``limit`` quads the engine returns in one result (its own row limit may cut it)."""
        query = f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} LIMIT {int(limit)}"
        return len(self._select([("query", query), *self._named()], time.monotonic() + timeout))

    def _check_release(self, timeout: float) -> dict[str, int]:
        """Quads per named graph of the release, as the engine reports them. First asked without a
        dataset (the engine's named graphs, however many the release has): if the engine's own
        dataset is exactly the release (its named graphs, and a default graph that is their union:
        Virtuoso with its own graphs private, as in a fresh database after 'diplokg publish'), no
        query needs to name the graphs (``engine_union``). Otherwise every query names them
        (default-graph-uri, named-graph-uri)."""
        deadline = time.monotonic() + timeout
        found = self._graph_counts([], deadline)
        counts = {g: found[g] for g in self.graphs if g in found}
        if counts != self.graphs:  # an engine that shows no named graphs without a dataset
            return self._graph_counts([("named-graph-uri", g) for g in self.graphs], deadline)
        if set(found) == set(self.graphs):
            total = self._select([("query", _TOTAL)], deadline)
            self.engine_union = bool(total) and int(total[0]["n"].value) == sum(self.graphs.values())
        return counts

    def _graph_counts(self, dataset: list[tuple[str, str]], deadline: float) -> dict[str, int]:
        rows = self._select([("query", GRAPH_COUNTS), *dataset], deadline)
        return {row["g"].value: int(row["n"].value) for row in rows if row["g"] is not None}

    def _named(self) -> list[tuple[str, str]]:
        return [] if self.engine_union else [("named-graph-uri", g) for g in self.graphs]

    def _union(self) -> list[tuple[str, str]]:
        return [] if self.engine_union else [("default-graph-uri", g) for g in self.graphs]

    def _select(self, params: list[tuple[str, str]], deadline: float) -> list[ox.QuerySolution]:
        with self._post(params, _RESULTS_ACCEPT, deadline) as response:
            result = ox.parse_query_results(open_body(response, deadline, threading.Event(), json_results=True),
                                            format=ox.QueryResultsFormat.JSON)
            if not isinstance(result, ox.QuerySolutions):
                raise EngineError(502, "the SPARQL engine answered a SELECT query with a boolean")
            return list(result)

    # -- health -----------------------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        return {
            "store_loaded": bool(self.checked and self.reachable),
            "quads": sum(self.graphs.values()),
            "serving_from": "sparql",
            "in_memory": "off",
            "engine": {"endpoint": self.endpoint, "release_checked": self.checked, "reachable": self.reachable,
                       "dataset": "engine's own" if self.engine_union else "named in each query",
                       "failures": self.failures, **({"last_error": self.last_error} if self.last_error else {})},
            "workers": {"configured": self.size, "alive": self.size, "idle": self.size - self._busy,
                        "replaced": 0, "retiring": 0},
        }

    # -- running requests -------------------------------------------------------------------
    async def run(self, job: Job, deadline: float,
                  client: str | None = None) -> AsyncGenerator[tuple[Frame, bytes], None]:
        """The answer frames of ``job`` (see pool.WorkerPool.run). Raises PoolBusy and QueryTimeout;
        an engine that fails or cannot be reached gives an ERROR frame (502)."""
        loop = asyncio.get_running_loop()
        loop_deadline = loop.time() + (deadline - time.monotonic())
        share = await self._shares.reserve(client, loop_deadline)
        try:
            async with asyncio.timeout_at(loop_deadline):
                await self._slots.acquire()
            self._busy += 1
        except TimeoutError:
            await self._shares.release(share)
            raise PoolBusy("all connections to the SPARQL engine stayed busy for the whole time budget") from None
        self._shares.started(share)
        frames: asyncio.Queue[bytes] = asyncio.Queue(maxsize=8)
        cancelled = threading.Event()
        try:
            self._start_thread(job, frames, deadline, cancelled, loop)
        except BaseException:
            await self._shares.release(share)
            raise
        try:
            while True:
                async with asyncio.timeout_at(loop_deadline):
                    frame = await frames.get()
                kind, payload = Frame(frame[0]), frame[5:]
                yield kind, payload
                if kind in LAST:
                    return
        except TimeoutError:
            raise QueryTimeout from None
        finally:
            cancelled.set()
            while not frames.empty():
                frames.get_nowait()
            await self._shares.release(share)

    def _start_thread(self, job: Job, frames: asyncio.Queue[bytes], deadline: float, cancelled: threading.Event,
                      loop: asyncio.AbstractEventLoop) -> None:
        """Evaluate ``job`` in a thread of the engine's pool, its frames put into ``frames``; the
        request's slot is given back when the thread ends. PoolBusy if the server is shutting down."""

        def send(frame: bytes) -> None:  # in the request's thread: wait for room, unless cancelled
            future = asyncio.run_coroutine_threadsafe(frames.put(frame), loop)
            while True:
                try:
                    future.result(timeout=0.2)
                    return
                except concurrent.futures.TimeoutError:
                    if cancelled.is_set():
                        future.cancel()
                        raise Cancelled from None

        def free() -> None:
            self._busy -= 1
            self._slots.release()

        try:
            thread = self._threads.submit(self._evaluate, job, send, deadline, cancelled)
        except RuntimeError:  # shut down
            free()
            raise PoolBusy("the server is shutting down") from None
        thread.add_done_callback(lambda _: loop.call_soon_threadsafe(free))

    def _evaluate(self, job: Job, send: Send, deadline: float, cancelled: threading.Event) -> None:
        tracking = TrackingSend(send)
        try:
            if isinstance(job, QueryJob):
                self._query(job, tracking, deadline, cancelled)
            elif isinstance(job, GraphJob):
                self._graph(job, tracking, deadline, cancelled)
            else:
                tracking(failure_frame(Failure(500, f"the sparql backend does not run {type(job).__name__}")))
            self.reachable = True
        except Cancelled:
            return
        except (EngineError, SyntaxError) as raised:
            # a SyntaxError here: the engine's answer does not parse (Virtuoso's IRI("x") is not absolute)
            e = raised if isinstance(raised, EngineError) else EngineError(
                502, f"the SPARQL engine's answer is not valid: {raised}", ErrorKind.ENGINE)
            if e.kind is ErrorKind.ENGINE_UNREACHABLE:
                self.reachable = False
            if e.status >= 500:  # the engine's fault, not a query it refused (4xx)
                self.failures += 1
                self.last_error = e.message
            with suppress_cancel():
                tracking.fail(Failure(e.status, e.message, e.kind))
        except Exception as e:
            _log.exception("engine request failed")
            with suppress_cancel():
                tracking.fail(Failure(500, f"reading the SPARQL engine's answer failed: {e}"))

    # -- one query --------------------------------------------------------------------------
    def _engine_params(self, job: QueryJob, send: TrackingSend) -> tuple[QueryForm, str, list[tuple[str, str]]] | None:
        """The query's form, the format of its answer and what is posted to the engine; None if a
        failure was sent instead (a syntax error, a binding with no place, no acceptable format)."""
        info = analyse(job.text, self.prefixes, job.base)
        try:
            check_syntax(job.text, info.form, self.prefixes, job.base)
        except SyntaxError as e:
            send(failure_frame(syntax_failure(e)))
            return None
        form = info.form or QueryForm.SELECT
        try:
            sent = engine_text(job.text, self.prefixes, dict(job.bindings), job.dataset is not None, info, job.base,
                               self.graphs)
        except BindingUnsupported as e:
            send(failure_frame(Failure(400, f"cannot bind values in this query: {e}")))
            return None
        fmt = job.graph_format if form.gives_graph else job.results_format
        if fmt is None:
            send(failure_frame(not_acceptable(form)))
            return None
        return form, fmt, [("query", sent),
                           *dataset_params(job, [] if self.engine_union else list(self.graphs), self.graphs)]

    def _query(self, job: QueryJob, send: TrackingSend, deadline: float, cancelled: threading.Event) -> None:
        prepared = self._engine_params(job, send)
        if prepared is None:
            return
        form, fmt, params = prepared
        writer = FrameWriter(send)
        with self._post(params, _GRAPH_ACCEPT if form.gives_graph else _RESULTS_ACCEPT, deadline) as response:
            body = open_body(response, deadline, cancelled, json_results=not form.gives_graph)
            cut = ENGINE_CUT_HEADER in response.headers  # the engine's own row limit (Virtuoso: ResultSetMaxRows)
            if form.gives_graph:
                triples = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
                send_triples(triples, fmt, job.row_cap, writer, send, self.prefixes, cut)
            else:
                result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
                if isinstance(result, ox.QueryBoolean):
                    send_head(send, fmt)
                    writer.write(serialized(result.serialize(format=OX_RESULTS[fmt])))
                else:
                    send_solutions(result, fmt, job.row_cap, writer, send, cut)
        writer.finish()
        send_end(send)

    def _graph(self, job: GraphJob, send: TrackingSend, deadline: float, cancelled: threading.Event) -> None:
        """Graph Store Protocol GET: one named graph of the release, or the default graph (the union)."""
        graph = job.graph
        if graph is None:
            params = [("query", _UNION_TRIPLES), *self._union()]
        elif graph in self.graphs:
            params = [("query", _GRAPH_TRIPLES), ("default-graph-uri", graph)]
        else:
            send(failure_frame(Failure(404, f"no graph <{graph}> in this dataset", ErrorKind.NOT_FOUND)))
            return
        ox_format = OX_RDF[job.format]
        writer = FrameWriter(send)
        with self._post(params, _GRAPH_ACCEPT, deadline) as response:
            triples = ox.parse(open_body(response, deadline, cancelled), format=ox.RdfFormat.N_TRIPLES)
            items: Iterator[Any] = triples
            if graph is not None and ox_format in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
                node = ox.NamedNode(graph)
                items = (ox.Quad(t.subject, t.predicate, t.object, node) for t in triples)
            send_head(send, job.format)
            ox.serialize(items, output(writer), format=ox_format)
        writer.finish()
        send_end(send)

    # -- HTTP -------------------------------------------------------------------------------
    def _post(self, params: list[tuple[str, str]], accept: str, deadline: float) -> Exchange:
        return Exchange(self._client, self.endpoint, self.connect_timeout, params, accept, deadline)


def engine_for(release: Release, settings: Settings) -> RemoteEngine:
    """The remote engine serving ``release`` as ``settings`` say (URL, credentials, connections)."""
    auth = None
    if settings.engine_user:
        auth = EngineAuth(settings.engine_user, settings.engine_password, settings.engine_auth)
    return RemoteEngine(settings.engine_url, release.stats.get("graphs", {}), settings.workers, PREFIXES, auth,
                        row_cap=settings.row_cap)

