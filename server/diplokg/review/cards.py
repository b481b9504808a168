"""A draft of ``diplokg ingest`` read into typed cards, one per ``dkg:DraftedFact``: its rule,
confidence, evidence sentence (quote and offsets), drafted resources, reading notes, open
questions, and its triples: those it ``dkg:asserts`` (reified as ``rdf:Statement``s: what the
drafter's writer stated for this fact, so that a resource two facts share carries into each only
what that fact said of it). A draft without them (written before they were) gets
:func:`fact_triples`: the triples of the draft graph whose subject is one of its drafted
resources, and those of the nodes only they lead to — participations, acts, interpretations,
linked persons that the draft describes but no fact lists as drafted. A node that another fact
drafted is that fact's: it is not part of this one (publishing needs it accepted too, or already
described by the source tree). The draft's other triples are its source document and
sentences (:attr:`Draft.base`) and the drafted-fact records themselves."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from diplokg.core.namespaces import ONTOLOGY, PREFIXES, SOURCE_GRAPH
from diplokg.review.errors import ReviewError

RDF = PREFIXES["rdf"]
RDF_TYPE = ox.NamedNode(RDF + "type")
OA = PREFIXES["oa"]


_Term = ox.NamedNode | ox.BlankNode | ox.Literal


def dkg(local: str) -> ox.NamedNode:
    return ox.NamedNode(ONTOLOGY + local)


@dataclass(frozen=True)
class Sentence:
    """The evidence sentence of a fact: its IRI, the quoted text and its offsets in the page's text."""

    iri: str
    quote: str
    start: int | None
    end: int | None


@dataclass(frozen=True)
class Card:
    """One drafted fact, as a reviewer sees it."""

    fact: str
    rule: str
    confidence: Decimal
    sentence: Sentence
    resources: tuple[str, ...]
    notes: tuple[str, ...]
    questions: tuple[str, ...]
    triples: frozenset[ox.Triple]


@dataclass(frozen=True)
class Draft:
    """A draft file: its path, the SHA-256 of its bytes, its one named graph, its triples, the base
    (source document and sentences) and the cards in the order of their numbers."""

    path: Path
    sha256: str
    graph: ox.NamedNode
    triples: frozenset[ox.Triple]
    base: frozenset[ox.Triple]
    cards: tuple[Card, ...]

    @property
    def slug(self) -> str:
        """The source's name: the last part of its graph IRI."""
        return self.graph.value.removeprefix(SOURCE_GRAPH)

    def card(self, fact: str) -> Card | None:
        return next((c for c in self.cards if c.fact == fact), None)


def fact_triples(triples: Iterable[ox.Triple], resources: Iterable[str],
                 owned: Iterable[str] = ()) -> frozenset[ox.Triple]:
    """The triples whose subject is one of ``resources`` (IRIs), and those of the nodes they lead to
    (objects described in ``triples``), transitively, except nodes in ``owned`` (the resources other
    facts drafted, the source document and sentences, the drafted facts)."""
    by_subject: dict[str, list[ox.Triple]] = {}
    for t in triples:
        if isinstance(t.subject, ox.NamedNode):
            by_subject.setdefault(t.subject.value, []).append(t)
    wanted, stop = list(resources), set(owned)
    seen, out = set(wanted), set()
    while wanted:
        for t in by_subject.get(wanted.pop(), ()):
            out.add(t)
            node = t.object.value if isinstance(t.object, ox.NamedNode) else None
            if node and node in by_subject and node not in seen and node not in stop:
                seen.add(node)
                wanted.append(node)
    return frozenset(out)


def read_draft(path: Path) -> Draft:
    """Read a draft TriG file; :class:`ReviewError` if it is not one (unreadable, not one source graph)."""
    try:
        data = path.read_bytes()
        quads = list(ox.parse(data, format=ox.RdfFormat.TRIG))
    except (OSError, SyntaxError, ValueError) as e:
        raise ReviewError(f"cannot read the draft {path}: {e}") from None
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    if len(graphs) != 1 or any(not isinstance(q.graph_name, ox.NamedNode) for q in quads):
        raise ReviewError(f"{path} is not a draft: it must hold one named graph, it holds {len(graphs)}")
    (graph,) = graphs
    if not graph.startswith(SOURCE_GRAPH) or not re.fullmatch(r"[a-z0-9-]+", graph.removeprefix(SOURCE_GRAPH)):
        raise ReviewError(f"{path} is not a draft: its graph {graph} is not {SOURCE_GRAPH}SLUG")
    triples = frozenset(ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    base = _base(triples)
    facts = _subjects(triples, dkg("DraftedFact"))
    owned = {t.object.value for t in triples
             if t.predicate == dkg("draftedResource") and isinstance(t.object, ox.NamedNode)}
    owned |= {t.subject.value for t in base if isinstance(t.subject, ox.NamedNode)} | {f.value for f in facts}
    owned |= {s.value for s in _subjects(triples, ox.NamedNode(RDF + "Statement"))}
    try:
        stated = asserted(triples)
    except ValueError as e:
        raise ReviewError(f"{path}: {e}") from None
    cards = tuple(sorted((_card(path, triples, f, owned, stated.get(f.value)) for f in facts), key=_order))
    if not cards:
        raise ReviewError(f"{path} holds no dkg:DraftedFact: nothing to review")
    return Draft(path, hashlib.sha256(data).hexdigest(), ox.NamedNode(graph), triples, base, cards)


def _subjects(triples: frozenset[ox.Triple], cls: ox.NamedNode) -> list[ox.NamedNode]:
    return [t.subject for t in triples
            if t.predicate == RDF_TYPE and t.object == cls and isinstance(t.subject, ox.NamedNode)]


def _objects(triples: frozenset[ox.Triple], subject: ox.NamedNode, predicate: ox.NamedNode) -> list[_Term]:
    found = (t.object for t in triples if t.subject == subject and t.predicate == predicate)
    return sorted((o for o in found if not isinstance(o, ox.Triple)), key=str)


def _order(card: Card) -> tuple[int, str]:
    number = re.search(r"(\d+)$", card.fact)
    return (int(number.group(1)) if number else 0, card.fact)


def asserted(triples: Iterable[ox.Triple]) -> dict[str, frozenset[ox.Triple]]:
    """Per fact (IRI), the triples it ``dkg:asserts``, each an ``rdf:Statement``; ValueError if a
    statement lacks an IRI subject, an IRI predicate or an object."""
    triples = list(triples)
    parts: dict[ox.NamedNode | ox.BlankNode, dict[str, _Term]] = {}
    for t in triples:
        local = t.predicate.value.removeprefix(RDF)
        if local in ("subject", "predicate", "object") and not isinstance(t.subject, ox.Triple) \
                and not isinstance(t.object, ox.Triple):
            parts.setdefault(t.subject, {})[local] = t.object
    out: dict[str, set[ox.Triple]] = {}
    for t in triples:
        if t.predicate == dkg("asserts") and isinstance(t.subject, ox.NamedNode):
            found = parts.get(t.object) if isinstance(t.object, ox.NamedNode | ox.BlankNode) else None
            s, p, o = (found or {}).get("subject"), (found or {}).get("predicate"), (found or {}).get("object")
            if not isinstance(s, ox.NamedNode) or not isinstance(p, ox.NamedNode) or o is None:
                raise ValueError(f"drafted fact {t.subject.value}: its statement {t.object} lacks an IRI subject, "
                                 "an IRI predicate or an object")
            out.setdefault(t.subject.value, set()).add(ox.Triple(s, p, o))
    return {fact: frozenset(found) for fact, found in out.items()}


def _card(path: Path, triples: frozenset[ox.Triple], fact: ox.NamedNode, owned: set[str],
          asserted: frozenset[ox.Triple] | None) -> Card:
    def one(local: str) -> _Term:
        values = _objects(triples, fact, dkg(local))
        if len(values) != 1:
            raise ReviewError(f"{path}: drafted fact {fact.value} has {len(values)} dkg:{local}, not one")
        return values[0]

    evidence, rule, confidence = one("evidence"), one("rule"), one("confidence")
    if not isinstance(evidence, ox.NamedNode):
        raise ReviewError(f"{path}: drafted fact {fact.value}: its dkg:evidence is not an IRI")
    try:
        level = Decimal(confidence.value)
    except InvalidOperation:
        raise ReviewError(f"{path}: drafted fact {fact.value}: confidence {confidence.value!r} is no decimal") from None
    resources = tuple(r.value for r in _objects(triples, fact, dkg("draftedResource")))
    return Card(fact.value, rule.value, level, _sentence(triples, evidence), resources,
                tuple(n.value for n in _objects(triples, fact, dkg("readingNote"))),
                tuple(q.value for q in _objects(triples, fact, dkg("openQuestion"))),
                asserted if asserted is not None else fact_triples(triples, resources, owned - set(resources)))


def _sentence(triples: frozenset[ox.Triple], evidence: ox.NamedNode) -> Sentence:
    found = _objects(triples, evidence, ox.NamedNode(OA + "hasSelector"))
    selectors = [s for s in found if isinstance(s, ox.NamedNode)]
    quote, start, end = "", None, None
    for selector in selectors[:1]:
        quote = "".join(v.value for v in _objects(triples, selector, ox.NamedNode(OA + "exact")))
        start = _integer(_objects(triples, selector, ox.NamedNode(OA + "start")))
        end = _integer(_objects(triples, selector, ox.NamedNode(OA + "end")))
    return Sentence(evidence.value, quote, start, end)


def _integer(values: list[_Term]) -> int | None:
    return int(values[0].value) if values and values[0].value.isdigit() else None


def _base(triples: frozenset[ox.Triple]) -> frozenset[ox.Triple]:
    """The source document, its sentences and their selectors."""
    nodes: set[object] = set(_subjects(triples, dkg("SourceDocument"))) | set(_subjects(triples, dkg("Evidence")))
    nodes |= {t.object for t in triples if t.subject in nodes and t.predicate == ox.NamedNode(OA + "hasSelector")}
    return frozenset(t for t in triples if t.subject in nodes)
