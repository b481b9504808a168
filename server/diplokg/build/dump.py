"""Deterministic dumps of the whole graph: the same store gives byte-identical output.

Quads are sorted by graph name and then by their N-Quads line before serialising (triples by their
N-Triples line); Turtle and JSON-LD (graph formats)
contain the union of all named graphs (duplicates removed), TriG and N-Quads keep the graphs.
The data contains no blank nodes (the shapes forbid them), so no relabelling can change output.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

import pyoxigraph as ox

from diplokg.core.namespaces import PREFIXES

FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    # name: (format, keeps named graphs)
    "ttl": (ox.RdfFormat.TURTLE, False),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "trig": (ox.RdfFormat.TRIG, True),
    "nq": (ox.RdfFormat.N_QUADS, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
}

_SERIALISATION_PREFIXES = {k: v for k, v in PREFIXES.items() if k not in {"id", "dks", "sh"}}



@dataclass(frozen=True)
class DumpOrder:
    """The store's content in dump order, as N-Quads / N-Triples text computed once for all formats.

    Sorting the serialised lines (bytes) instead of Python term objects keeps a build of millions
    of triples fast and its memory small."""

    #: every quad of the named graphs, one line each, sorted by graph, then by the line
    nquads: bytes
    #: the union of the graphs without duplicates, one line per triple, sorted
    ntriples: bytes


def dump_order(store: ox.Store) -> DumpOrder:
    named: Iterable[ox.Quad]
    if any(True for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph())):
        named = (q for q in store.quads_for_pattern(None, None, None)
                 if not isinstance(q.graph_name, ox.DefaultGraph))
    else:
        named = store
    data = ox.serialize(named, format=ox.RdfFormat.N_QUADS)
    assert data is not None, "pyoxigraph returns the bytes when no output is given"
    lines = data.splitlines(keepends=True)
    lines.sort()  # "<s> <p> <o> <g> .": the copies of one triple in several graphs become neighbours
    triples: list[bytes] = []
    previous = b""
    for line in lines:
        triple = line[: line.rindex(b" <", 0, len(line) - 3)] + b" .\n"  # IRIs hold no " <": the graph's
        if triple != previous:
            triples.append(triple)
            previous = triple
    lines.sort(key=_graph_of)  # stable: by graph, and within a graph still by line
    return DumpOrder(b"".join(lines), b"".join(triples))


def _graph_of(line: bytes) -> bytes:
    return line[line.rindex(b" <", 0, len(line) - 3):]


def write_items(order: DumpOrder, fmt: str, output: BinaryIO) -> None:
    """Write the ordered content in one of FORMATS to a binary stream."""
    rdf_format, keeps_graphs = FORMATS[fmt]
    text = order.nquads if keeps_graphs else order.ntriples
    if rdf_format in {ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES}:
        output.write(text)
        return
    items = ox.parse(text, format=ox.RdfFormat.N_QUADS if keeps_graphs else ox.RdfFormat.N_TRIPLES)
    prefixes = _SERIALISATION_PREFIXES if rdf_format in {ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG} else None
    ox.serialize(items, output, format=rdf_format, prefixes=prefixes, base_iri=None)


def write_dump(store: ox.Store, fmt: str, output: BinaryIO) -> None:
    """Serialise every named graph of the store in the given format to a binary stream."""
    write_items(dump_order(store), fmt, output)
