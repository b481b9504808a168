"""One-value constraints hold per source graph: two source pages may each state their own value of a
property the shapes allow once (a contradiction between sources stays visible), one page may not.

The shapes are split in two. The union of all graphs is validated against every constraint except
the one-value ones (``sh:maxCount`` and ``sh:uniqueLang`` of a property shape of a shape with targets);
those are validated once per *view*: the shared graphs (every graph that is not a source graph:
ontology, vocabularies, reference entities, states), the ``rdf:type`` triples of all graphs (so
that a resource typed by another source is still a focus node) and one source graph. A shared graph
and a source that state different values of a one-value property are a violation of that source's
view; a view of the shared graphs alone checks them without any source. One-value constraints inside
shapes used by ``sh:node``, ``sh:or`` or ``sh:qualifiedValueShape`` stay with the union, as do the
SPARQL-based constraints (which may compare two sources' dates of the same resource).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, SH

from diplokg.core.namespaces import SOURCE_GRAPH

Node = rdflib.term.Node

#: the constraint parameters that allow a property a limited number of values
ONE_VALUE = (SH.maxCount, SH.uniqueLang)
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
#: what a shape of the one-value shapes graph keeps besides its targets and one-value parameters
_KEPT = (RDF.type, SH.path, SH.message, SH.severity, SH.deactivated, SH.name, *_TARGETS)


@dataclass(frozen=True)
class SplitShapes:
    """The shapes without their one-value constraints (for the union) and those constraints alone
    (with their shapes' targets, paths and messages; for each view)."""

    union: rdflib.Graph
    one_value: rdflib.Graph


def split_shapes(shapes: rdflib.Graph) -> SplitShapes:
    """Split ``shapes`` into the constraints of the union and the one-value constraints."""
    found = list(_one_value_triples(shapes))
    union = rdflib.Graph()
    removed = {t for _, t in found}
    for t in shapes:
        if t not in removed:
            union.add(t)
    one = rdflib.Graph()
    for root, (shape, p, o) in found:
        _copy(shapes, one, root, _KEPT)
        if shape != root:
            one.add((root, SH.property, shape))
        _copy(shapes, one, shape, _KEPT)
        one.add((shape, p, o))
    for prefix, ns in shapes.namespaces():
        one.bind(prefix, ns, override=True)
        union.bind(prefix, ns, override=True)
    return SplitShapes(union, one)


def _one_value_triples(shapes: rdflib.Graph) -> Iterator[tuple[Node, tuple[Node, Node, Node]]]:
    """(the shape with targets, a one-value triple of it or of one of its property shapes)."""
    roots = sorted({s for p in _TARGETS for s in shapes.subjects(p, None)}, key=str)
    for root in roots:
        for shape in [root, *sorted(shapes.objects(root, SH.property), key=str)]:
            if (shape, SH.path, None) not in shapes:
                continue
            for p in ONE_VALUE:
                for o in shapes.objects(shape, p):
                    yield root, (shape, p, o)


def _copy(src: rdflib.Graph, dst: rdflib.Graph, node: Node, predicates: tuple[Node, ...]) -> None:
    """Copy the triples of ``node`` with these predicates, and everything their blank nodes describe
    (paths, SPARQL targets and their prefixes)."""
    todo: list[Node] = []
    for p in predicates:
        for o in src.objects(node, p):
            dst.add((node, p, o))
            todo.append(o)
    seen: set[Node] = set()
    while todo:
        n = todo.pop()
        if not isinstance(n, rdflib.BNode) or n in seen:
            continue
        seen.add(n)
        for p, o in src.predicate_objects(n):
            dst.add((n, p, o))
            todo.append(o)


@dataclass(frozen=True)
class View:
    """The data one source graph is validated in (graph None: the shared graphs alone)."""

    graph: str | None
    quads: list[ox.Quad]


def views(store: ox.Store) -> list[View]:
    """The view of the shared graphs, then one view per source graph, in the order of their names."""
    names = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    sources = [g for g in names if g.startswith(SOURCE_GRAPH)]
    shared = [q for g in names if not g.startswith(SOURCE_GRAPH)
              for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g))]
    types = [q for g in sources
             for q in store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), None, ox.NamedNode(g))]
    out = [View(None, shared + types)]
    for g in sources:
        own = [q for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g))
               if q.predicate.value != str(RDF.type)]
        out.append(View(g, shared + types + own))
    return out
