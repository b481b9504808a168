"""Runs one job against a pyoxigraph store and sends its answer as frames.

Plain functions over a store and a ``send(bytes)`` callable, so tests can call them directly; a
query worker (``zygote.serve_worker``) only feeds them the jobs from its socket.

Results are serialised by pyoxigraph straight to bytes and sent in chunks as they are produced.
With a row cap, the query is evaluated once: solutions are serialised to TSV — where every row is
exactly one line — cut after the cap and converted to the requested format; triples are taken up to
the cap and serialised. So the truncation is known, and announced, before the first byte is sent.
(Until issue 24 a result over 256 KB was evaluated twice, once to find that it was large; at 1 M
triples that doubled the time of most saved queries: bench/cap_paths.py.)
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

from diplokg.core.errors import ErrorKind
from diplokg.core.formats import OX_RDF, OX_RESULTS, serialized
from diplokg.core.lexer import QueryForm
from diplokg.engine.framing import (
    Frame,
    FrameWriter,
    Send,
    TrackingSend,
    encode_json,
    failure_frame,
    output,
    send_end,
    send_head,
    send_solutions,
    send_triples,
)
from diplokg.engine.messages import Failure, GraphJob, Job, PingJob, QueryJob
from diplokg.engine.service_errors import query_fault, service_failure

_POSITION = re.compile(r"error at (\d+):(\d+)")
_UNION_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"


def dataset_arguments(job: QueryJob) -> dict[str, Any]:
    """pyoxigraph arguments for the job's RDF dataset.

    A protocol dataset (default-graph-uri / named-graph-uri) replaces the query's FROM clauses; a
    query without either gets the union of all named graphs as its default graph."""
    if job.dataset is not None:
        default, named = job.dataset.default_graphs, job.dataset.named_graphs
        return {
            "default_graph": [ox.NamedNode(g) for g in default] if default else ox.DefaultGraph(),
            "named_graphs": [ox.NamedNode(g) for g in named] if named else [],
        }
    if job.union:
        return {"use_default_graph_as_union": True}
    return {}


def execute(store: ox.Store, job: Job, send: Send, prefixes: dict[str, str]) -> None:
    if isinstance(job, QueryJob):
        _run_query(store, job, send, prefixes)
    elif isinstance(job, GraphJob):
        _run_graph(store, job, send)
    elif isinstance(job, PingJob):
        send(encode_json(Frame.END, {"quads": len(store)}))


def syntax_failure(e: SyntaxError) -> Failure:
    """400 with the parser's message and, where it names one, the position."""
    message = str(e)
    m = _POSITION.search(message)
    line, column = (int(m.group(1)), int(m.group(2))) if m else (None, None)
    return Failure(400, f"SPARQL syntax error: {message}", ErrorKind.SYNTAX, line, column)


def not_acceptable(form: QueryForm) -> Failure:
    """406: the client accepts no format for a result of ``form`` (the HTTP layer lists the formats)."""
    what = {QueryForm.ASK: "an ASK result", QueryForm.SELECT: "SELECT results"}.get(
        form, "a CONSTRUCT/DESCRIBE result")
    return Failure(406, f"no acceptable format for {what}", ErrorKind.NOT_ACCEPTABLE, form=form)


def _evaluate(store: ox.Store, job: QueryJob, prefixes: dict[str, str]) -> Any:
    substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(name): term for name, term in job.bindings.items()}
    return store.query(job.text, prefixes=prefixes, substitutions=substitutions, base_iri=job.base,
                       **dataset_arguments(job))


def _run_query(store: ox.Store, job: QueryJob, send: Send, prefixes: dict[str, str]) -> None:
    try:
        result = _evaluate(store, job, prefixes)
    except SyntaxError as e:
        send(failure_frame(syntax_failure(e)))
        return
    except Exception as e:  # evaluation error: 400 if the query's fault, 502 if a SERVICE call failed, else 500
        send(failure_frame(_evaluation_failure(e, job)))
        return
    tracking = TrackingSend(send)
    writer = FrameWriter(tracking)
    try:
        if not _send_result(job, result, writer, tracking, prefixes):
            return
        writer.finish()
        send_end(tracking)
    except Exception as e:  # evaluation is lazy: errors (e.g. a failing SERVICE) surface while serialising
        # the web process answers with the error if no chunk has gone out, else cuts the response
        tracking.fail(_evaluation_failure(e, job))


def _send_result(job: QueryJob, result: Any, writer: FrameWriter, send: TrackingSend,
                 prefixes: dict[str, str]) -> bool:
    """Head and body of ``result`` (False: a 406 was sent instead)."""
    if isinstance(result, ox.QueryBoolean):
        if job.results_format is None:
            send(failure_frame(not_acceptable(QueryForm.ASK)))
            return False
        body = serialized(result.serialize(format=OX_RESULTS[job.results_format]))
        send_head(send, job.results_format)
        writer.write(body)
    elif isinstance(result, ox.QuerySolutions):
        if job.results_format is None:
            send(failure_frame(not_acceptable(QueryForm.SELECT)))
            return False
        send_solutions(result, job.results_format, job.row_cap, writer, send)
    else:
        if job.graph_format is None:
            send(failure_frame(not_acceptable(QueryForm.CONSTRUCT)))
            return False
        send_triples(result, job.graph_format, job.row_cap, writer, send, prefixes)
    return True


def _evaluation_failure(e: Exception, job: QueryJob) -> Failure:
    """Status, message and kind for an error raised by the engine while evaluating ``job``."""
    if isinstance(e, MemoryError):
        return Failure(503, "the query needed more than the worker memory limit", ErrorKind.MEMORY)
    if query_fault(e):
        return Failure(400, f"the query cannot be evaluated: {e}", ErrorKind.UNSUPPORTED)
    message = service_failure(e, job.services)
    if message is not None:
        return Failure(502, message, ErrorKind.SERVICE)
    return Failure(500, f"query evaluation failed: {e}")


def _run_graph(store: ox.Store, job: GraphJob, send: Send) -> None:
    """Graph Store Protocol GET: one named graph, or (``graph`` = None) the default graph, which is
    the union of all named graphs as in the query service."""
    ox_format = OX_RDF[job.format]
    items: Any
    if job.graph is None:
        items = store.query(_UNION_TRIPLES, use_default_graph_as_union=True)
    else:
        node = ox.NamedNode(job.graph)
        if not store.contains_named_graph(node):
            send(failure_frame(Failure(404, f"no graph <{job.graph}> in this dataset", ErrorKind.NOT_FOUND)))
            return
        quads = store.quads_for_pattern(None, None, None, node)
        items = quads if ox_format in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS) else (q.triple for q in quads)
    writer = FrameWriter(send)
    send_head(send, job.format)
    try:
        ox.serialize(items, output(writer), format=ox_format)
        writer.finish()
        send_end(send)
    except Exception as e:
        send(failure_frame(Failure(500, f"serialisation failed: {e}"), after_head=True))
