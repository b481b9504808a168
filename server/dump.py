"""Deterministic dumps of the whole graph: the same store gives byte-identical output.

Quads are sorted by their N-Quads form before serialising; Turtle and JSON-LD (graph formats)
contain the union of all named graphs (duplicates removed), TriG and N-Quads keep the graphs.
The data contains no blank nodes (the shapes forbid them), so no relabelling can change output.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

import pyoxigraph as ox

from .namespaces import PREFIXES

FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    # name: (format, keeps named graphs)
    "ttl": (ox.RdfFormat.TURTLE, False),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "trig": (ox.RdfFormat.TRIG, True),
    "nq": (ox.RdfFormat.N_QUADS, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
}

_SERIALISATION_PREFIXES = {k: v for k, v in PREFIXES.items() if k not in {"id", "dks", "sh"}}



def sorted_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    return sorted(set(quads), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def sorted_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def write_dump(store: ox.Store, fmt: str, output: BinaryIO) -> None:
    """Serialise every named graph of the store in the given format to a binary stream."""
    rdf_format, keeps_graphs = FORMATS[fmt]
    quads = [q for q in store.quads_for_pattern(None, None, None) if not isinstance(q.graph_name, ox.DefaultGraph)]
    items: list[ox.Quad] | list[ox.Triple] = sorted_quads(quads) if keeps_graphs else sorted_triples(quads)
    prefixes = _SERIALISATION_PREFIXES if rdf_format in {ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG} else None
    ox.serialize(items, output, format=rdf_format, prefixes=prefixes, base_iri=None)
