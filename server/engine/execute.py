"""Runs one request from the web process against the in-memory store and emits response frames.

Plain functions over a store and a ``send(bytes)`` callable, so tests can call them directly; the
worker process (``worker.py``) only feeds them requests from its socket.

Results are serialised by pyoxigraph straight to bytes and sent in chunks as they are produced.
With a row cap, a small result (fewer bytes than the cap, hence fewer rows) is sent as is; a large
one is re-evaluated to TSV — where every row is exactly one line — cut after the cap, and converted
to the requested format, so the truncation is known, and announced, before the first byte is sent.
"""

from __future__ import annotations

import itertools
import re
import tempfile
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox

from diplokg.engine import framing
from diplokg.core.formats import OX_RDF, OX_RESULTS
from diplokg.engine.service_errors import service_failure

Send = Callable[[bytes], None]
CHUNK_SIZE = 64 * 1024
_FAST_PATH_BYTES = 256 * 1024
_SPOOL_MEMORY = 8 * 1024 * 1024
_POSITION = re.compile(r"error at (\d+):(\d+)")


class ResultFull(Exception):
    pass


class FrameWriter:
    """A binary file-like object that sends what pyoxigraph writes as CHUNK frames."""

    def __init__(self, send: Send) -> None:
        self.send, self.buffer = send, bytearray()

    def write(self, data: bytes) -> int:
        self.buffer += data
        if len(self.buffer) >= CHUNK_SIZE:
            self.send(framing.encode(framing.CHUNK, bytes(self.buffer)))
            self.buffer.clear()
        return len(data)

    def flush(self) -> None:
        pass

    def finish(self) -> None:
        if self.buffer:
            self.send(framing.encode(framing.CHUNK, bytes(self.buffer)))
            self.buffer.clear()


class _LimitedBuffer:
    def __init__(self, limit: int) -> None:
        self.limit, self.data = limit, bytearray()

    def write(self, data: bytes) -> int:
        if len(self.data) + len(data) > self.limit:
            raise ResultFull
        self.data += data
        return len(data)

    def flush(self) -> None:
        pass


class TsvRowCap:
    """Keeps the header line and the first ``cap`` rows of a TSV serialisation; notes whether more followed."""

    def __init__(self, cap: int, spool: Any) -> None:
        self.remaining_lines, self.spool, self.truncated = cap + 1, spool, False

    def write(self, data: bytes) -> int:
        if self.remaining_lines == 0:
            if data:
                self.truncated = True
                raise ResultFull
            return 0
        pos = -1
        for _ in range(self.remaining_lines):
            pos = data.find(b"\n", pos + 1)
            if pos < 0:
                break
            self.remaining_lines -= 1
        if self.remaining_lines == 0 and pos + 1 < len(data):
            self.spool.write(data[: pos + 1])
            self.truncated = True
            raise ResultFull
        self.spool.write(data)
        return len(data)

    def flush(self) -> None:
        pass


def error_frame(status: int, message: str, **extra: object) -> bytes:
    return framing.encode_json(framing.ERROR, {"status": status, "message": message, **extra})


def send_head(send: Send, fmt: str, truncated: bool = False) -> None:
    send(framing.encode_json(framing.HEAD, {"status": 200, "format": fmt, "truncated": truncated}))


class TrackingSend:
    """Wraps ``send`` to remember whether the response head has gone out."""

    def __init__(self, send: Send) -> None:
        self.inner, self.head_sent = send, False

    def __call__(self, frame: bytes) -> None:
        if frame[0] == framing.HEAD:
            self.head_sent = True
        self.inner(frame)


def dataset_arguments(request: dict[str, Any]) -> dict[str, Any]:
    """pyoxigraph arguments for the request's RDF dataset.

    A protocol dataset (default-graph-uri / named-graph-uri) replaces the query's FROM clauses; a
    query without either gets the union of all named graphs as its default graph."""
    default, named = request.get("default_graphs"), request.get("named_graphs")
    if default is not None or named is not None:
        return {
            "default_graph": [ox.NamedNode(g) for g in default] if default else ox.DefaultGraph(),
            "named_graphs": [ox.NamedNode(g) for g in named] if named else [],
        }
    if request.get("union", True):
        return {"use_default_graph_as_union": True}
    return {}


def decode_term(spec: dict[str, str]) -> ox.NamedNode | ox.Literal:
    if spec["type"] == "iri":
        return ox.NamedNode(spec["value"])
    if spec.get("language"):
        return ox.Literal(spec["value"], language=spec["language"])
    return ox.Literal(spec["value"], datatype=ox.NamedNode(spec["datatype"]) if spec.get("datatype") else None)


def encode_term(term: ox.NamedNode | ox.Literal) -> dict[str, str]:
    """An RDF term as JSON for the worker request (the inverse of ``decode_term``)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "iri", "value": term.value}
    out = {"type": "literal", "value": term.value, "datatype": term.datatype.value}
    if term.language:
        out["language"] = term.language
    return out


def _evaluate(store: ox.Store, request: dict[str, Any], prefixes: dict[str, str]) -> Any:
    substitutions = {ox.Variable(name): decode_term(spec) for name, spec in (request.get("substitutions") or {}).items()}
    return store.query(request["query"], prefixes=prefixes, substitutions=substitutions, **dataset_arguments(request))


def execute(store: ox.Store, request: dict[str, Any], send: Send, prefixes: dict[str, str]) -> None:
    op = request.get("op")
    if op == "query":
        _run_query(store, request, send, prefixes)
    elif op == "graph":
        _run_graph(store, request, send)
    elif op == "ping":
        send(framing.encode_json(framing.END, {"quads": len(store)}))
    else:
        send(error_frame(500, f"unknown worker operation {op!r}"))


def syntax_error_frame(e: SyntaxError) -> bytes:
    message = str(e)
    m = _POSITION.search(message)
    position = {"line": int(m.group(1)), "column": int(m.group(2))} if m else {}
    return error_frame(400, f"SPARQL syntax error: {message}", kind="syntax", **position)


def _run_query(store: ox.Store, request: dict[str, Any], send: Send, prefixes: dict[str, str]) -> None:
    try:
        result = _evaluate(store, request, prefixes)
    except SyntaxError as e:
        send(syntax_error_frame(e))
        return
    except Exception as e:  # evaluation error: 502 if a SERVICE call failed, else 500, with the engine's message
        send(error_frame(**_evaluation_error(e, request)))
        return
    cap = int(request.get("row_cap") or 0)
    send = TrackingSend(send)
    writer = FrameWriter(send)
    try:
        if isinstance(result, ox.QueryBoolean):
            fmt = request.get("results_format")
            if fmt is None:
                send(error_frame(406, "no acceptable format for an ASK result", kind="not-acceptable", form="ASK"))
                return
            body = result.serialize(format=OX_RESULTS[fmt])
            send_head(send, fmt)
            writer.write(body)
        elif isinstance(result, ox.QuerySolutions):
            fmt = request.get("results_format")
            if fmt is None:
                send(error_frame(406, "no acceptable format for SELECT results", kind="not-acceptable", form="SELECT"))
                return
            _send_solutions(store, request, result, fmt, cap, writer, send, prefixes)
        else:
            fmt = request.get("graph_format")
            if fmt is None:
                send(error_frame(406, "no acceptable RDF format for a CONSTRUCT/DESCRIBE result", kind="not-acceptable", form="CONSTRUCT"))
                return
            _send_triples(store, request, result, fmt, cap, writer, send, prefixes)
        writer.finish()
        send(framing.encode(framing.END, b""))
    except Exception as e:  # evaluation is lazy: errors (e.g. a failing SERVICE) surface while serialising
        error = _evaluation_error(e, request)
        if send.head_sent:  # the web process answers with the error if no chunk has gone out, else cuts the response
            send(framing.encode_json(framing.ABORT, error))
        else:
            send(error_frame(**error))


def _evaluation_error(e: Exception, request: dict[str, Any]) -> dict[str, Any]:
    """Status, message and kind for an error raised by the engine while evaluating ``request``."""
    if isinstance(e, MemoryError):
        return {"status": 503, "message": "the query needed more than the worker memory limit", "kind": "memory"}
    message = service_failure(e, request.get("services") or ())
    if message is not None:
        return {"status": 502, "message": message, "kind": "service"}
    return {"status": 500, "message": f"query evaluation failed: {e}"}


def _send_solutions(store, request, result, fmt, cap, writer, send, prefixes) -> None:  # type: ignore[no-untyped-def]
    ox_format = OX_RESULTS[fmt]
    if cap == 0:
        send_head(send, fmt)
        result.serialize(writer, format=ox_format)
        return
    small = _LimitedBuffer(min(cap, _FAST_PATH_BYTES))
    try:
        result.serialize(small, format=ox_format)
    except ResultFull:
        pass
    else:  # fewer bytes than the cap, so fewer rows: complete
        send_head(send, fmt)
        writer.write(bytes(small.data))
        return
    # Large: re-evaluate to TSV (one row per line), keep the first `cap` rows.
    send_capped_solutions(_evaluate(store, request, prefixes), fmt, cap, writer, send)


def send_capped_solutions(solutions: ox.QuerySolutions, fmt: str, cap: int, writer: FrameWriter, send: Send,
                          cut: bool = False) -> None:
    """The first ``cap`` solutions in ``fmt``, after a head that says whether more followed (or
    ``cut``: the result was cut short before it got here): spooled as TSV, one row per line, which
    stops reading after the cap, then converted."""
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_MEMORY) as spool:
        counter = TsvRowCap(cap, spool)
        try:
            solutions.serialize(counter, format=ox.QueryResultsFormat.TSV)
        except ResultFull:
            pass
        send_head(send, fmt, counter.truncated or cut)
        spool.seek(0)
        if fmt == "tsv":
            while block := spool.read(CHUNK_SIZE):
                writer.write(block)
        else:
            ox.parse_query_results(spool, ox.QueryResultsFormat.TSV).serialize(writer, format=OX_RESULTS[fmt])


def _send_triples(store, request, result, fmt, cap, writer, send, prefixes) -> None:  # type: ignore[no-untyped-def]
    ox_format = OX_RDF[fmt]
    pretty = prefixes if ox_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    if cap == 0:
        send_head(send, fmt)
        ox.serialize(result, writer, format=ox_format, prefixes=pretty)
        return
    small = _LimitedBuffer(min(cap, _FAST_PATH_BYTES))
    try:
        ox.serialize(result, small, format=ox_format, prefixes=pretty)
    except ResultFull:
        pass
    else:
        send_head(send, fmt)
        writer.write(bytes(small.data))
        return
    triples = list(itertools.islice(_evaluate(store, request, prefixes), cap + 1))
    truncated = len(triples) > cap
    send_head(send, fmt, truncated)
    ox.serialize(triples[:cap], writer, format=ox_format, prefixes=pretty)


_UNION_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"


def _run_graph(store: ox.Store, request: dict[str, Any], send: Send) -> None:
    """Graph Store Protocol GET: one named graph, or (``graph`` = None) the default graph, which is
    the union of all named graphs as in the query service."""
    fmt = request["format"]
    ox_format = OX_RDF[fmt]
    graph = request.get("graph")
    if graph is None:
        items: Any = store.query(_UNION_TRIPLES, use_default_graph_as_union=True)
    else:
        node = ox.NamedNode(graph)
        if not store.contains_named_graph(node):
            send(error_frame(404, f"no graph <{graph}> in this dataset", kind="not-found"))
            return
        quads = store.quads_for_pattern(None, None, None, node)
        items = quads if ox_format in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS) else (q.triple for q in quads)
    writer = FrameWriter(send)
    send_head(send, fmt)
    try:
        ox.serialize(items, writer, format=ox_format)
        writer.finish()
        send(framing.encode(framing.END, b""))
    except Exception as e:
        send(framing.encode_json(framing.ABORT, {"message": f"serialisation failed: {e}"}))
