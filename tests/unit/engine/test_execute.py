"""Unit tests of running a job on a store (diplokg.engine.execute): the row cap and errors as frames."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from diplokg.engine.execute import execute
from diplokg.engine.framing import Frame
from diplokg.engine.messages import QueryJob


@pytest.fixture(scope="module")
def small_store() -> ox.Store:
    store = ox.Store()
    g = ox.NamedNode("http://g")
    store.extend(ox.Quad(ox.NamedNode(f"http://s/{i}"), ox.NamedNode("http://p"), ox.Literal(f"line\n{i}\t\"x\""), g)
                 for i in range(3000))
    return store


def run(store, query, **job):
    frames: list[tuple[int, bytes]] = []

    def send(frame: bytes) -> None:
        frames.append((frame[0], frame[5:]))

    execute(store, QueryJob(query, union=True, **job), send, {})
    head = json.loads(frames[0][1])
    body = b"".join(p for k, p in frames if k == Frame.CHUNK)
    assert frames[-1][0] == Frame.END
    return head, body


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
@pytest.mark.parametrize("cap,expected,truncated", [(0, 3000, False), (2999, 2999, True), (3000, 3000, False),
                                                     (10, 10, True)])
def test_row_cap_is_exact(small_store, fmt, cap, expected, truncated):
    head, body = run(small_store, query="SELECT ?s ?o { ?s ?p ?o }", results_format=fmt, row_cap=cap)
    assert head["truncated"] is truncated
    parsed = list(ox.parse_query_results(body, {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                                                 "tsv": ox.QueryResultsFormat.TSV}[fmt])) if fmt != "csv" else None
    if parsed is not None:
        assert len(parsed) == expected
        assert all(str(sol["o"].value).startswith("line\n") for sol in parsed)
    else:
        import csv
        import io

        assert len(list(csv.reader(io.StringIO(body.decode())))) == expected + 1


def test_triples_cap_is_exact(small_store):
    head, body = run(small_store, query="CONSTRUCT WHERE { ?s ?p ?o }", graph_format="ntriples", row_cap=2500)
    assert head["truncated"] is True and len(body.decode().strip().splitlines()) == 2500
    head, body = run(small_store, query="CONSTRUCT WHERE { ?s ?p ?o }", graph_format="ntriples", row_cap=3000)
    assert head["truncated"] is False and len(body.decode().strip().splitlines()) == 3000


def test_syntax_error_frame(small_store):
    frames: list[bytes] = []
    execute(small_store, QueryJob("SELECT * {", results_format="json"), frames.append, {})
    assert frames[0][0] == Frame.ERROR
    err = json.loads(frames[0][5:])
    assert err["status"] == 400 and err["line"] == 1 and "syntax error" in err["message"]
