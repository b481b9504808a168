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
import io
import itertools
import logging
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from diplokg.engine import framing
from diplokg.engine.remote_query import GRAPH_COUNTS, BindingUnsupported, check_syntax, dataset_params, engine_text
from diplokg.core.errors import StoreError
from diplokg.engine.execute import (FrameWriter, TrackingSend, decode_term, error_frame, send_capped_solutions, send_head,
                       syntax_error_frame)
from diplokg.engine.fair_shares import FairShares, PoolBusy
from diplokg.core.formats import OX_RDF, OX_RESULTS
from diplokg.engine.pool import QueryTimeout
from diplokg.core.lexer import analyse

_log = logging.getLogger("diplokg")
_ERROR_BYTES = 4096
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
Send = Callable[[bytes], None]


class _Cancelled(Exception):
    pass


@dataclass(frozen=True)
class EngineAuth:
    user: str
    password: str
    scheme: str = "basic"  # basic | digest

    def httpx(self) -> httpx.Auth:
        if self.scheme == "digest":
            return httpx.DigestAuth(self.user, self.password)
        return httpx.BasicAuth(self.user, self.password)


class EngineError(Exception):
    def __init__(self, status: int, message: str, kind: str = "engine") -> None:
        super().__init__(message)
        self.status, self.message, self.kind = status, message, kind


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
            result = ox.parse_query_results(_Body(response, deadline, threading.Event()),
                                            format=ox.QueryResultsFormat.JSON)
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
    async def run(self, request: dict[str, Any], deadline: float, client: str | None = None
                  ) -> AsyncIterator[tuple[int, bytes]]:
        """The response frames of ``request`` (see pool.WorkerPool.run). Raises PoolBusy and
        QueryTimeout; an engine that fails or cannot be reached gives an ERROR frame (502)."""
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

        def send(frame: bytes) -> None:  # in the request's thread: wait for room, unless cancelled
            future = asyncio.run_coroutine_threadsafe(frames.put(frame), loop)
            while True:
                try:
                    future.result(timeout=0.2)
                    return
                except concurrent.futures.TimeoutError:
                    if cancelled.is_set():
                        future.cancel()
                        raise _Cancelled from None

        def free() -> None:
            self._busy -= 1
            self._slots.release()

        def finished(_: concurrent.futures.Future[None]) -> None:
            loop.call_soon_threadsafe(free)

        try:
            job = self._threads.submit(self._evaluate, request, send, deadline, cancelled)
        except RuntimeError:  # shut down
            free()
            await self._shares.release(share)
            raise PoolBusy("the server is shutting down") from None
        job.add_done_callback(finished)
        try:
            while True:
                async with asyncio.timeout_at(loop_deadline):
                    frame = await frames.get()
                kind, payload = frame[0], frame[5:]
                yield kind, payload
                if kind in (framing.END, framing.ERROR, framing.ABORT):
                    return
        except TimeoutError:
            raise QueryTimeout from None
        finally:
            cancelled.set()
            while not frames.empty():
                frames.get_nowait()
            await self._shares.release(share)

    def _evaluate(self, request: dict[str, Any], send: Send, deadline: float, cancelled: threading.Event) -> None:
        tracking = TrackingSend(send)
        try:
            if request.get("op") == "query":
                self._query(request, tracking, deadline, cancelled)
            elif request.get("op") == "graph":
                self._graph(request, tracking, deadline, cancelled)
            else:
                tracking(error_frame(500, f"unknown request {request.get('op')!r}"))
            self.reachable = True
        except _Cancelled:
            return
        except EngineError as e:
            if e.kind == "engine-unreachable":
                self.reachable = False
            self.failures += 1
            self.last_error = e.message
            error = {"status": e.status, "message": e.message, "kind": e.kind}
            with _suppress_cancel():
                tracking(framing.encode_json(framing.ABORT, error) if tracking.head_sent else error_frame(**error))
        except Exception as e:  # noqa: BLE001 - reported to the client, never lost
            _log.exception("engine request failed")
            message = f"reading the SPARQL engine's answer failed: {e}"
            with _suppress_cancel():
                tracking(framing.encode_json(framing.ABORT, {"message": message}) if tracking.head_sent
                         else error_frame(500, message))

    # -- one query --------------------------------------------------------------------------
    def _query(self, request: dict[str, Any], send: TrackingSend, deadline: float, cancelled: threading.Event) -> None:
        text = request["query"]
        info = analyse(text, self.prefixes)
        form = info.form
        try:
            check_syntax(text, form, self.prefixes)
        except SyntaxError as e:
            send(syntax_error_frame(e))
            return
        bindings = {name: decode_term(spec) for name, spec in (request.get("substitutions") or {}).items()}
        try:
            protocol_dataset = request.get("default_graphs") is not None or request.get("named_graphs") is not None
            sent = engine_text(text, self.prefixes, bindings, protocol_dataset, info)
        except BindingUnsupported as e:
            send(error_frame(400, f"cannot bind values in this query: {e}"))
            return
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        fmt = request.get("graph_format") if graph_form else request.get("results_format")
        if fmt is None:
            send(error_frame(406, f"no acceptable format for {form} results", kind="not-acceptable", form=form))
            return
        params = [("query", sent), *dataset_params(request, [] if self.engine_union else list(self.graphs))]
        cap = int(request.get("row_cap") or 0)
        writer = FrameWriter(send)
        with self._post(params, _GRAPH_ACCEPT if graph_form else _RESULTS_ACCEPT, deadline) as response:
            body = _Body(response, deadline, cancelled)
            cut = ENGINE_CUT_HEADER in response.headers  # the engine's own row limit (Virtuoso: ResultSetMaxRows)
            if graph_form:
                triples = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
                _send_triples(triples, fmt, cap, writer, send, self.prefixes, cut)
            else:
                result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
                if isinstance(result, ox.QueryBoolean):
                    send_head(send, fmt)
                    writer.write(result.serialize(format=OX_RESULTS[fmt]))
                else:
                    _send_solutions(result, fmt, cap, writer, send, cut)
        writer.finish()
        send(framing.encode(framing.END, b""))

    def _graph(self, request: dict[str, Any], send: TrackingSend, deadline: float, cancelled: threading.Event) -> None:
        """Graph Store Protocol GET: one named graph of the release, or the default graph (the union)."""
        fmt, graph = request["format"], request.get("graph")
        if graph is None:
            params = [("query", _UNION_TRIPLES), *self._union()]
        elif graph in self.graphs:
            params = [("query", _GRAPH_TRIPLES), ("default-graph-uri", graph)]
        else:
            send(error_frame(404, f"no graph <{graph}> in this dataset", kind="not-found"))
            return
        ox_format = OX_RDF[fmt]
        writer = FrameWriter(send)
        with self._post(params, _GRAPH_ACCEPT, deadline) as response:
            triples = ox.parse(_Body(response, deadline, cancelled), format=ox.RdfFormat.N_TRIPLES)
            items: Iterator[Any] = triples
            if graph is not None and ox_format in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
                node = ox.NamedNode(graph)
                items = (ox.Quad(t.subject, t.predicate, t.object, node) for t in triples)
            send_head(send, fmt)
            ox.serialize(items, writer, format=ox_format)
        writer.finish()
        send(framing.encode(framing.END, b""))

    # -- HTTP -------------------------------------------------------------------------------
    def _post(self, params: list[tuple[str, str]], accept: str, deadline: float) -> "_Exchange":
        return _Exchange(self, params, accept, deadline)


class _Exchange:
    """One POST to the engine, as a context manager yielding the (streamed) 200 response; any other
    answer, or no answer, raises EngineError with what the engine said."""

    def __init__(self, engine: RemoteEngine, params: list[tuple[str, str]], accept: str, deadline: float) -> None:
        self.engine, self.params, self.accept, self.deadline = engine, params, accept, deadline
        self._stream: Any = None

    def __enter__(self) -> httpx.Response:
        client = self.engine._client
        if client is None:
            raise EngineError(503, "the server is shutting down", "busy")
        remaining = max(0.05, self.deadline - time.monotonic())
        timeout = httpx.Timeout(remaining, connect=min(remaining, self.engine.connect_timeout))
        self._stream = client.stream("POST", self.engine.endpoint, content=urlencode(self.params).encode("ascii"),
                                     headers={"Accept": self.accept,
                                              "Content-Type": "application/x-www-form-urlencoded"}, timeout=timeout)
        try:
            response = self._stream.__enter__()
        except httpx.TimeoutException:
            raise EngineError(503, "the SPARQL engine did not answer within the time budget", "timeout") from None
        except httpx.HTTPError as e:
            raise EngineError(502, f"the SPARQL engine at {self.engine.endpoint} cannot be reached: {e}",
                              "engine-unreachable") from None
        if response.status_code != 200:
            detail = _start_of(response)
            self.__exit__(None, None, None)
            # 400: the engine refused the query (our parser accepted it); anything else is the engine's
            # or this server's configuration's fault (credentials, URL): 502
            status = 400 if response.status_code == 400 else 502
            raise EngineError(status, f"the SPARQL engine answered {response.status_code}: {detail}")
        partial = response.headers.get("x-sql-state")
        if partial:  # Virtuoso's "anytime" answer: cut at its own time limit, not an error in its eyes
            self.__exit__(None, None, None)
            raise EngineError(503, f"the SPARQL engine stopped the query at its own time limit and sent a partial "
                              f"result (X-SQL-State {partial}), which is not passed on", "timeout")
        return response

    def __exit__(self, *exc: object) -> None:
        if self._stream is not None:
            stream, self._stream = self._stream, None
            stream.__exit__(None, None, None)


def _start_of(response: httpx.Response) -> str:
    data = b""
    try:
        for chunk in response.iter_bytes():
            data += chunk
            if len(data) >= _ERROR_BYTES:
                break
    except httpx.HTTPError:
        pass
    text = data[:_ERROR_BYTES].decode("utf-8", "replace").strip()
    return " ".join(text.split()) or "(no message)"


class _Body(io.RawIOBase):
    """The response body as a binary file for pyoxigraph's parsers; stops at the deadline or when
    the request is cancelled (client gone, time budget spent)."""

    def __init__(self, response: httpx.Response, deadline: float, cancelled: threading.Event) -> None:
        self._chunks = response.iter_bytes()
        self._rest = b""
        self._deadline, self._cancelled = deadline, cancelled

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self._rest:
            if self._cancelled.is_set() or time.monotonic() > self._deadline:
                raise _Cancelled
            try:
                self._rest = next(self._chunks, b"")
            except httpx.TimeoutException:
                raise EngineError(503, "the SPARQL engine did not answer within the time budget", "timeout") from None
            except httpx.HTTPError as e:
                raise EngineError(502, f"the SPARQL engine's answer broke off: {e}") from None
            if not self._rest:
                return 0
        n = min(len(buffer), len(self._rest))
        buffer[:n] = self._rest[:n]
        self._rest = self._rest[n:]
        return n


class _suppress_cancel:
    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> bool:
        return kind is not None and issubclass(kind, _Cancelled)


def _send_solutions(result: ox.QuerySolutions, fmt: str, cap: int, writer: FrameWriter, send: Send,
                    cut: bool = False) -> None:
    """Solutions parsed from the engine's answer, in ``fmt``, cut after ``cap`` rows (announced in
    the head, which is sent first). ``cut``: the engine itself cut the result short (announced too)."""
    if cap == 0:
        send_head(send, fmt, cut)
        result.serialize(writer, format=OX_RESULTS[fmt])
        return
    send_capped_solutions(result, fmt, cap, writer, send, cut)


def _send_triples(triples: Iterator[ox.Triple], fmt: str, cap: int, writer: FrameWriter, send: Send,
                  prefixes: dict[str, str], cut: bool = False) -> None:
    ox_format = OX_RDF[fmt]
    pretty = prefixes if ox_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    if cap == 0:
        send_head(send, fmt, cut)
        ox.serialize(triples, writer, format=ox_format, prefixes=pretty)
        return
    kept = list(itertools.islice(triples, cap + 1))
    send_head(send, fmt, len(kept) > cap or cut)
    ox.serialize(kept[:cap], writer, format=ox_format, prefixes=pretty)


def engine_for(release: Any, settings: Any) -> RemoteEngine:
    """The remote engine serving ``release`` as ``settings`` say (URL, credentials, connections)."""
    from diplokg.core.namespaces import PREFIXES

    auth = None
    if settings.engine_user:
        auth = EngineAuth(settings.engine_user, settings.engine_password, settings.engine_auth)
    return RemoteEngine(settings.engine_url, release.stats.get("graphs", {}), settings.workers, PREFIXES, auth,
                        row_cap=settings.row_cap)

