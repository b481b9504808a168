"""A draft as TriG: one named graph for the new source (https://w3id.org/diplokg/graph/source/SLUG)
holding the source document (its text, SHA-256, language, URL and retrieval date where known), its
sentences as evidence (an ``oa:TextQuoteSelector`` that is also an ``oa:TextPositionSelector``: the
quote and its character offsets in the stored text), the drafted resources in our ontology, each
with its evidence sentence, and one ``dkg:DraftedFact`` per fact: what it drafted, the triples it
asserts (``dkg:asserts``, reified), the rule, a confidence, the reading notes and the open
questions. Resources are shaped and named as in the hand-written source files, so that reviewed
drafts and hand-written data meet in the same IRIs."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox

from diplokg.core.namespaces import GRAPH
from diplokg.ingest.entities import EntityIndex, slug
from diplokg.ingest.facts import Drafted
from diplokg.ingest.page import Page
from diplokg.ingest.pipeline import DraftResult
from diplokg.ingest.rdf import XSD, Graph, iri
from diplokg.ingest.segment import Sentence
from diplokg.ingest.writers import FactWriter

_KINDS = {"de": ("German", "deutschsprachige"), "en": ("English", "englischsprachige"),
          "ru": ("Russian", "russischsprachige")}


def source_slug(page: Page) -> str:
    """The source's name in its IRIs: from the title, else the file name, else the URL's last part."""
    base = page.title or (page.file_name.rsplit(".", 1)[0] if page.file_name else None) or \
        (page.url or "page").rstrip("/").rsplit("/", 1)[-1]
    return slug(base)[:80]


def write_draft(result: DraftResult, entities: EntityIndex, source: str | None = None) -> bytes:
    """The draft of ``result`` as TriG; ``source``: the source's name in its IRIs (default: from the page)."""
    page = result.context.page
    name = source or source_slug(page)
    graph = Graph(ox.NamedNode(f"{GRAPH}source/{name}"))
    document = _document(graph, page, name)
    evidence = {s.number: _sentence(graph, document, name, s) for s in (v.sentence for v in result.context.views)}
    records = result.context.states.records.values()
    labels = {r.alpha3: {lang: label for lang in ("en", "de") if (label := r.name(lang))} for r in records}
    writer = FactWriter(graph, entities, labels, {r.alpha2: r.alpha3 for r in records}, page.language,
                        result.organisations)
    for number, drafted in enumerate(result.facts, start=1):
        graph.recording = set()
        resources = writer.write(drafted, evidence[drafted.sentence.number])
        asserted, graph.recording = graph.recording, None
        _drafted_fact(graph, f"draft/{name}/{number}", drafted, resources, evidence[drafted.sentence.number])
        _asserts(graph, iri(f"draft/{name}/{number}"), asserted)
    return graph.trig()


def _document(graph: Graph, page: Page, name: str) -> ox.NamedNode:
    language_en, language_de = _KINDS[page.language]
    title = page.title or page.file_name or page.url or name
    doc = graph.typed(f"source/{name}", "dkg:SourceDocument", f"Draft source: {title} ({language_en})",
                      f"Entwurfsquelle: {title} ({language_de} Seite)")
    graph.add(doc, "dcterms:identifier", ox.Literal(name))
    graph.add(doc, "dcterms:language", ox.Literal(page.language, datatype=ox.NamedNode(XSD + "language")))
    graph.add(doc, "dkg:fileName", ox.Literal(page.file_name or f"{name}.txt"))
    graph.add(doc, "dkg:sha256", ox.Literal(page.sha256))
    graph.add(doc, "dkg:text", ox.Literal(page.text))
    if page.url:
        graph.add(doc, "dcterms:source", ox.NamedNode(page.url))
    if page.retrieved:
        graph.add(doc, "dcterms:date", ox.Literal(page.retrieved, datatype=ox.NamedNode(XSD + "date")))
    return doc


def _sentence(graph: Graph, document: ox.NamedNode, name: str, sentence: Sentence) -> ox.NamedNode:
    node = graph.typed(f"source/{name}/sentence/{sentence.number}", "dkg:Evidence",
                       f"Sentence {sentence.number} of {name}", f"Satz {sentence.number} von {name}")
    graph.add(node, "rdf:type", "oa:SpecificResource")
    graph.add(node, "oa:hasSource", document)
    selector = iri(f"source/{name}/sentence/{sentence.number}/quote")
    graph.add(node, "oa:hasSelector", selector)
    graph.add(selector, "rdf:type", "oa:TextQuoteSelector")
    graph.add(selector, "rdf:type", "oa:TextPositionSelector")
    graph.add(selector, "oa:exact", ox.Literal(sentence.text))
    graph.add(selector, "oa:start", ox.Literal(str(sentence.start), datatype=ox.NamedNode(XSD + "integer")))
    graph.add(selector, "oa:end", ox.Literal(str(sentence.end), datatype=ox.NamedNode(XSD + "integer")))
    return node


def _asserts(graph: Graph, fact: ox.NamedNode, triples: set[ox.Triple]) -> None:
    """What the fact's writer asserted, each triple an ``rdf:Statement`` (RDF reification) the fact
    ``dkg:asserts``: a triple stated by two facts is in both, so publishing one fact publishes what
    it states, never what only another (perhaps rejected) fact states of a resource they share."""
    ordered = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    for number, triple in enumerate(ordered, start=1):
        node = ox.NamedNode(f"{fact.value}/statement/{number}")
        graph.add(fact, "dkg:asserts", node)
        graph.add(node, "rdf:type", "rdf:Statement")
        assert isinstance(triple.subject, ox.NamedNode) and isinstance(triple.object, ox.NamedNode | ox.Literal)
        graph.add(node, "rdf:subject", triple.subject)
        graph.add(node, "rdf:predicate", triple.predicate)
        graph.add(node, "rdf:object", triple.object)


def _drafted_fact(graph: Graph, path: str, drafted: Drafted, resources: list[ox.NamedNode],
                  evidence: ox.NamedNode) -> None:
    node = iri(path)
    graph.add(node, "rdf:type", "dkg:DraftedFact")
    for resource in resources:
        graph.add(node, "dkg:draftedResource", resource)
    graph.add(node, "dkg:evidence", evidence)
    graph.add(node, "dkg:rule", ox.Literal(drafted.rule))
    confidence = Decimal(str(round(drafted.confidence, 2)))
    graph.add(node, "dkg:confidence", ox.Literal(str(confidence), datatype=ox.NamedNode(XSD + "decimal")))
    for note in drafted.reasons:
        graph.add(node, "dkg:readingNote", ox.Literal(note))
    for question in drafted.questions:
        graph.add(node, "dkg:openQuestion", ox.Literal(question))
