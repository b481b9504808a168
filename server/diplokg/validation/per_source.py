"""One-value constraints hold per source graph: two source pages may each state their own value of a
property the shapes allow once (a contradiction between sources stays visible), one page may not.

The shapes are split in two. The union of all graphs is validated against every constraint except
the one-value ones (``sh:maxCount`` and ``sh:uniqueLang`` on a property path, in a shape with class,
node or subjects-of targets or in one of its property shapes); those are validated once per *view*.
The first view is the shared graphs (every graph that is not a source graph: ontology, vocabularies,
reference entities, states); each further view is one source graph with what the shared graphs and
the other sources' ``rdf:type`` triples say of its subjects (so a resource typed by another source
is still a focus node). A shared graph and a source that state different values of a one-value
property are a violation of that source's view; two sources that do are not a violation at all.
Focus nodes of a subjects-of target are those of the view. One-value constraints in shapes used by
``sh:node``, ``sh:or`` or ``sh:qualifiedValueShape``, in shapes with SPARQL or objects-of targets
(the ontology terms' labels), and the SPARQL-based constraints (which may compare the dates two
sources give one resource) stay with the union.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, RDFS, SH

from diplokg.core.namespaces import SOURCE_GRAPH

Node = rdflib.term.Node

#: the constraint parameters that allow a property a limited number of values
ONE_VALUE = (SH.maxCount, SH.uniqueLang)
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
_LOCAL_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf)
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
    """(the shape with targets, a one-value triple of it or of one of its property shapes): those
    whose values are triples of the focus node (an IRI path) and whose focus nodes are found by
    their own triples (class, node and subjects-of targets; SPARQL and objects-of targets stay with
    the union)."""
    roots = sorted({s for p in _LOCAL_TARGETS for s in shapes.subjects(p, None)}, key=str)
    for root in roots:
        if any((root, p, None) in shapes for p in _TARGETS if p not in _LOCAL_TARGETS):
            continue
        for shape in [root, *sorted(shapes.objects(root, SH.property), key=str)]:
            if not isinstance(shapes.value(shape, SH.path), rdflib.URIRef):
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


def views(store: ox.Store, part: int = 0, parts: int = 1) -> Iterator[tuple[int, View]]:
    """The view of the shared graphs (index 0), then one view per source graph, in the order of their
    names, each with its index (made one at a time: at most one view's quads are held besides the
    shared graphs); with ``parts`` > 1 only the views whose index is ``part`` modulo ``parts``.
    A view of a source holds the source, and of the shared graphs and of the types stated by other
    sources only what describes its subjects (and every rdfs:subClassOf): the one-value constraints
    read only triples of their focus nodes, and the values of a resource the source does not describe
    are the shared graphs', checked in their own view."""
    names = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    sources = [ox.NamedNode(g) for g in names if g.startswith(SOURCE_GRAPH)]
    shared = [q for g in names if not g.startswith(SOURCE_GRAPH)
              for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g))]
    types: dict[object, list[ox.Quad]] = {}
    for g in sources:
        for q in store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), None, g):
            types.setdefault(q.subject, []).append(q)
    by_subject: dict[object, list[ox.Quad]] = {}
    for q in shared:
        by_subject.setdefault(q.subject, []).append(q)
    sub_class = [q for q in shared if q.predicate.value == str(RDFS.subClassOf)]

    def around(own: list[ox.Quad], graph: ox.NamedNode) -> list[ox.Quad]:
        subjects = {q.subject for q in own}
        return sub_class + [q for s in subjects for q in by_subject.get(s, [])
                            + [t for t in types.get(s, []) if t.graph_name != graph]]

    if part == 0:
        yield 0, View(None, shared + [q for s in by_subject for q in types.get(s, [])])
    for index, g in enumerate(sources, start=1):
        if index % parts == part:
            own = list(store.quads_for_pattern(None, None, None, g))
            yield index, View(g.value, around(own, g) + own)
