"""The messages between the HTTP layer and a query backend: the jobs a backend runs, the head of a
response and a failure. For the embedded store they also cross the socket between the web process
and a query worker, as JSON (``to_json`` / ``job_from_json``); RDF terms bound to variables travel
as ``{"type": "iri"|"literal", "value", "datatype", "language"}``.

Each answer is a sequence of frames (``framing.py``): a ``Head`` (status 200: the format and
whether the result was cut at the row cap) or a ``Failure`` first, then the body in chunks, then the
end, or a ``Failure`` that breaks the response off after its head."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from diplokg.core.errors import ErrorKind
from diplokg.core.lexer import QueryForm
from diplokg.core.terms import Term


@dataclass(frozen=True)
class Dataset:
    """A protocol dataset (default-graph-uri / named-graph-uri): it replaces the query's own."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class QueryJob:
    """Evaluate ``text`` and serialise its result in the format of its form (SELECT/ASK:
    ``results_format``, CONSTRUCT/DESCRIBE: ``graph_format``; None: not acceptable to the client),
    cut after ``row_cap`` rows or triples (0: no cap)."""

    text: str
    results_format: str | None = None
    graph_format: str | None = None
    row_cap: int = 0
    #: the default graph is the union of the named graphs (a query without FROM / FROM NAMED)
    union: bool = True
    dataset: Dataset | None = None
    bindings: Mapping[str, Term] = field(default_factory=dict)
    #: the SERVICE endpoints the query calls (they name the endpoint when a call fails)
    services: tuple[str, ...] = ()
    #: the base IRI relative IRIs of the query resolve against, unless the query declares its own BASE
    base: str | None = None


@dataclass(frozen=True)
class GraphJob:
    """Graph Store Protocol GET: one named graph, or (``graph`` None) the default graph."""

    format: str
    graph: str | None = None


@dataclass(frozen=True)
class PingJob:
    """Answer END with the number of quads the worker serves."""


Job = QueryJob | GraphJob | PingJob


@dataclass(frozen=True)
class Head:
    """The start of a successful answer."""

    format: str
    truncated: bool = False


@dataclass(frozen=True)
class Failure:
    """Why a job failed: the HTTP status and message for the client, and for some the kind of
    failure, the position of a syntax error or the form of a query no format was acceptable for."""

    status: int
    message: str
    kind: ErrorKind | None = None
    line: int | None = None
    column: int | None = None
    form: QueryForm | None = None

    def details(self) -> dict[str, Any]:
        """The fields an error response adds to status and message (kind, line, column)."""
        return {k: v for k, v in (("kind", self.kind), ("line", self.line), ("column", self.column)) if v is not None}


def encode_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "iri", "value": term.value}
    out = {"type": "literal", "value": term.value, "datatype": term.datatype.value}
    if term.language:
        out["language"] = term.language
    return out


def decode_term(spec: Mapping[str, str]) -> Term:
    if spec["type"] == "iri":
        return ox.NamedNode(spec["value"])
    if spec.get("language"):
        return ox.Literal(spec["value"], language=spec["language"])
    return ox.Literal(spec["value"], datatype=ox.NamedNode(spec["datatype"]) if spec.get("datatype") else None)


def to_json(message: Job | Head | Failure) -> dict[str, Any]:
    """``message`` as a JSON object (its type in ``op`` for jobs)."""
    if isinstance(message, QueryJob):
        return {"op": "query", "text": message.text, "results_format": message.results_format,
                "graph_format": message.graph_format, "row_cap": message.row_cap, "union": message.union,
                "dataset": None if message.dataset is None else
                [list(message.dataset.default_graphs), list(message.dataset.named_graphs)],
                "bindings": {name: encode_term(term) for name, term in message.bindings.items()},
                "services": list(message.services), "base": message.base}
    if isinstance(message, GraphJob):
        return {"op": "graph", "format": message.format, "graph": message.graph}
    if isinstance(message, PingJob):
        return {"op": "ping"}
    if isinstance(message, Head):
        return {"status": 200, "format": message.format, "truncated": message.truncated}
    return {"status": message.status, "message": message.message,
            **{k: v for k, v in (("kind", message.kind), ("line", message.line), ("column", message.column),
                                  ("form", message.form)) if v is not None}}


def job_from_json(obj: Mapping[str, Any]) -> Job:
    """The job of a JSON object written by ``to_json`` (ValueError for anything else)."""
    op = obj.get("op")
    if op == "query":
        dataset = obj.get("dataset")
        return QueryJob(str(obj["text"]), obj.get("results_format"), obj.get("graph_format"), int(obj["row_cap"]),
                        bool(obj["union"]), None if dataset is None else Dataset(tuple(dataset[0]), tuple(dataset[1])),
                        {name: decode_term(spec) for name, spec in obj.get("bindings", {}).items()},
                        tuple(obj.get("services", ())), obj.get("base"))
    if op == "graph":
        return GraphJob(str(obj["format"]), obj.get("graph"))
    if op == "ping":
        return PingJob()
    raise ValueError(f"unknown job {op!r}")


def head_from_json(obj: Mapping[str, Any]) -> Head:
    return Head(str(obj["format"]), bool(obj.get("truncated")))


def failure_from_json(obj: Mapping[str, Any]) -> Failure:
    kind, form = obj.get("kind"), obj.get("form")
    return Failure(int(obj.get("status", 500)), str(obj.get("message", "")), ErrorKind(kind) if kind else None,
                   obj.get("line"), obj.get("column"), QueryForm(form) if form else None)
