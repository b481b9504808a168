"""Each drafted fact of a draft against the published graph: ``new`` (none of its resources is
published), ``known`` (every triple it states is already stated by a published source),
``adds detail`` (its resources are published and it states more, nothing conflicting) or
``contradicts`` (a one-value property of one of its resources has another value in a published
graph). A fact's triples are those it ``dkg:asserts`` (as its card in the workspace holds them;
in a draft without them, the draft graph's triples whose subject is one of its
``dkg:draftedResource``); their ``dkg:evidence``, the draft's own sentence, is left out.

Which properties hold one value per resource is read from the SHACL shapes (a property shape with
``sh:maxCount 1`` of a node shape's ``sh:targetClass``), never from a list here. What counts as the
same value (dates at another precision, labels in another language, events) is said in
``review.sameness``. Every SPARQL query binds its values as RDF terms."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import pyoxigraph as ox

from diplokg.review.cards import asserted
from diplokg.review.sameness import DKG, Value, agree, covers

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SUBCLASS_OF = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
EVIDENCE = ox.NamedNode(DKG + "evidence")
DRAFTED_FACT = ox.NamedNode(DKG + "DraftedFact")
DRAFTED_RESOURCE = ox.NamedNode(DKG + "draftedResource")

_ONE_VALUE = """PREFIX sh: <http://www.w3.org/ns/shacl#>
SELECT DISTINCT ?class ?path WHERE {
  ?shape sh:targetClass ?class ; sh:property ?property .
  ?property sh:path ?path ; sh:maxCount ?max . FILTER(isIRI(?path) && ?max = 1) }"""
_FACTS = """PREFIX dkg: <https://w3id.org/diplokg/ontology#> PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?fact ?graph ?rule ?quote WHERE { GRAPH ?graph {
  ?fact a dkg:DraftedFact .
  OPTIONAL { ?fact dkg:rule ?rule } OPTIONAL { ?fact dkg:evidence/oa:hasSelector/oa:exact ?quote } } }
ORDER BY ?graph ?fact"""
_QUOTE = """PREFIX dkg: <https://w3id.org/diplokg/ontology#> PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT DISTINCT ?resource ?graph ?quote WHERE { GRAPH ?graph { ?resource dkg:evidence ?evidence .
  ?evidence oa:hasSelector/oa:exact ?quote } } ORDER BY ?quote"""


class Status(StrEnum):
    NEW = "new"
    KNOWN = "known"
    ADDS_DETAIL = "adds detail"
    CONTRADICTS = "contradicts"


@dataclass(frozen=True)
class Statement:
    """Where a published source states something about a resource: its graph and sentence."""
    resource: ox.NamedNode
    graph: ox.NamedNode
    quotes: tuple[str, ...]  # the exact sentences of the resource's dkg:evidence there (none: reference data)


@dataclass(frozen=True)
class Conflict:
    """A one-value property stated with another value by a published source."""
    resource: ox.NamedNode
    property: ox.NamedNode
    value: Value  # what the draft states
    other: Value  # what the published source states
    source: Statement


@dataclass(frozen=True)
class Comparison:
    fact: ox.NamedNode
    rule: str | None
    sentence: str | None  # the drafted fact's own evidence sentence
    status: Status
    resources: tuple[ox.NamedNode, ...]
    conflicts: tuple[Conflict, ...] = ()
    known_from: tuple[Statement, ...] = ()  # the sources stating it already (known) or its resources


OneValue = frozenset[tuple[ox.NamedNode, ox.NamedNode]]  # (class, property) pairs


def one_value_properties(shape_files: Iterable[Path]) -> OneValue:
    """(class, property) pairs whose property holds at most one value, from the SHACL shapes."""
    shapes = ox.Store()
    for path in shape_files:
        shapes.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return frozenset((row["class"], row["path"]) for row in _select(shapes, _ONE_VALUE)
                     if isinstance(row["class"], ox.NamedNode) and isinstance(row["path"], ox.NamedNode))


def _select(store: ox.Store, query: str, bindings: dict[str, Value] | None = None) -> list[ox.QuerySolution]:
    result = store.query(query, substitutions={ox.Variable(k): v for k, v in (bindings or {}).items()})
    assert isinstance(result, ox.QuerySolutions)
    return list(result)


class Comparer:
    """Compares the facts of a draft (a dataset) with a published store."""

    def __init__(self, draft: ox.Store, published: ox.Store, one_value: OneValue) -> None:
        self.draft, self.published, self.one_value = draft, published, one_value
        self.own: set[ox.NamedNode] = set()  # the draft's graphs: never compared with themselves
        self._statements: dict[ox.NamedNode, dict[str, frozenset[ox.Triple]]] = {}  # graph → fact → asserted

    def compare(self) -> list[Comparison]:
        """Every drafted fact of the draft, in the order of its graph and IRI."""
        rows = _select(self.draft, _FACTS)
        self.own = {r["graph"] for r in rows if isinstance(r["graph"], ox.NamedNode)}
        out = []
        for row in rows:
            fact, graph = row["fact"], row["graph"]
            if not isinstance(fact, ox.NamedNode) or not isinstance(graph, ox.NamedNode):
                continue
            rule, quote = row["rule"], row["quote"]
            out.append(self.fact(fact, graph, rule.value if rule else None, quote.value if quote else None))
        return out

    def fact(self, fact: ox.NamedNode, graph: ox.NamedNode, rule: str | None, sentence: str | None) -> Comparison:
        """One drafted fact compared."""
        resources = tuple(sorted((q.object for q in self.draft.quads_for_pattern(fact, DRAFTED_RESOURCE, None, graph)
                                  if isinstance(q.object, ox.NamedNode)), key=str))
        published = [r for r in resources if self._is_published(r)]
        if not published:
            return Comparison(fact, rule, sentence, Status.NEW, resources)
        triples = [q for q in self._asserted(fact, graph) if q.predicate != EVIDENCE] \
            or [q for r in resources for q in self.draft.quads_for_pattern(r, None, None, graph)
                if q.predicate != EVIDENCE]
        conflicts = tuple(c for q in triples for c in self._conflicts(q, graph))
        if conflicts:
            return Comparison(fact, rule, sentence, Status.CONTRADICTS, resources, conflicts)
        found = [self._stated_in(q) for q in triples]
        if all(found):
            graphs = {(q.subject, g) for q, gs in zip(triples, found, strict=True) for g in gs}
            status = Status.KNOWN
        else:
            graphs = {(r, g) for r in published for g in self._graphs_of(r)}
            status = Status.ADDS_DETAIL
        statements = tuple(self._statement(r, g) for r, g in sorted(graphs, key=str)
                           if isinstance(r, ox.NamedNode))
        return Comparison(fact, rule, sentence, status, resources, known_from=statements)

    def _asserted(self, fact: ox.NamedNode, graph: ox.NamedNode) -> list[ox.Quad]:
        """The triples the fact ``dkg:asserts`` (a draft without them, or with a broken statement: none)."""
        if graph not in self._statements:
            try:
                self._statements[graph] = asserted(ox.Triple(q.subject, q.predicate, q.object)
                                                   for q in self.draft.quads_for_pattern(None, None, None, graph))
            except ValueError:
                self._statements[graph] = {}
        return sorted((ox.Quad(t.subject, t.predicate, t.object, graph)
                       for t in self._statements[graph].get(fact.value, ())), key=str)

    def _is_published(self, resource: ox.NamedNode) -> bool:
        return any(q.graph_name not in self.own for q in self.published.quads_for_pattern(resource, None, None))

    def _graphs_of(self, resource: ox.NamedNode) -> set[ox.NamedNode]:
        return {q.graph_name for q in self.published.quads_for_pattern(resource, None, None)
                if isinstance(q.graph_name, ox.NamedNode) and q.graph_name not in self.own}

    def _published_quads(self, subject: Value, predicate: ox.NamedNode) -> list[ox.Quad]:
        if not isinstance(subject, ox.NamedNode | ox.BlankNode):
            return []
        return [q for q in self.published.quads_for_pattern(subject, predicate, None)
                if isinstance(q.graph_name, ox.NamedNode) and q.graph_name not in self.own]

    def _stated_in(self, quad: ox.Quad) -> set[ox.NamedNode]:
        """The published graphs that state the drafted triple (or more: see review.sameness)."""
        return {q.graph_name for q in self._published_quads(quad.subject, quad.predicate)
                if isinstance(q.graph_name, ox.NamedNode)
                and (same_name(quad, q) or covers(q.object, quad.object, self._draft_value, self._published_value))}

    def _conflicts(self, quad: ox.Quad, graph: ox.NamedNode) -> list[Conflict]:
        subject = quad.subject
        if not isinstance(subject, ox.NamedNode) or not self._holds_one(subject, quad.predicate, graph):
            return []
        return [Conflict(subject, quad.predicate, quad.object, q.object, self._statement(subject, q.graph_name))
                for q in self._published_quads(subject, quad.predicate)
                if isinstance(q.graph_name, ox.NamedNode)
                and not agree(q.object, quad.object, self._draft_value, self._published_value)]

    def _holds_one(self, subject: ox.NamedNode, predicate: ox.NamedNode, graph: ox.NamedNode) -> bool:
        classes = {q.object for q in self.draft.quads_for_pattern(subject, RDF_TYPE, None, graph)}
        classes |= {q.object for q in self._published_quads(subject, RDF_TYPE)}
        return any((c, predicate) in self.one_value for c in self._with_superclasses(classes))

    def _with_superclasses(self, classes: set[Value]) -> set[ox.NamedNode]:
        """The classes and their superclasses (rdfs:subClassOf of the published ontology): a shape
        targeting dkg:Organization holds for a dkg:DiplomaticMission too, as in SHACL."""
        found: set[ox.NamedNode] = set()
        todo = [c for c in classes if isinstance(c, ox.NamedNode)]
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo.extend(q.object for q in self.published.quads_for_pattern(current, SUBCLASS_OF, None)
                            if isinstance(q.object, ox.NamedNode))
        return found

    def _statement(self, resource: ox.NamedNode, graph: ox.NamedNode | ox.DefaultGraph) -> Statement:
        assert isinstance(graph, ox.NamedNode)
        rows = _select(self.published, _QUOTE, {"resource": resource, "graph": graph})
        return Statement(resource, graph, tuple(q.value for r in rows if isinstance(q := r["quote"], ox.Literal)))

    def _draft_value(self, subject: ox.NamedNode, predicate: ox.NamedNode) -> Value | None:
        return next((q.object for q in self.draft.quads_for_pattern(subject, predicate, None)), None)

    def _published_value(self, subject: ox.NamedNode, predicate: ox.NamedNode) -> Value | None:
        return next((q.object for q in self._published_quads(subject, predicate)), None)


def same_name(drafted: ox.Quad, published: ox.Quad) -> bool:
    """An ``rdfs:label`` names the resource, in the words of whoever wrote the graph (the drafter
    makes up "Madalina Lupu, Ambassador … to Tajikistan"), not in the page's: a published label in
    the same language already names it. Other names (``skos:altLabel``: a name variant the page
    states) are compared as wordings."""
    return drafted.predicate == LABEL and isinstance(drafted.object, ox.Literal) \
        and isinstance(published.object, ox.Literal) and drafted.object.language == published.object.language


def compare(draft: ox.Store, published: ox.Store, shape_files: Sequence[Path]) -> list[Comparison]:
    """Every drafted fact of ``draft`` against ``published``, with the one-value properties of the shapes."""
    return Comparer(draft, published, one_value_properties(shape_files)).compare()
