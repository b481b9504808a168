"""The saved queries published inside the dataset, as SIB's SPARQL examples do: each query is a
``sh:SPARQLExecutable`` in the named graph ``https://w3id.org/diplokg/.well-known/sparql-examples``,
so any SPARQL editor can list them with a query."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from diplokg.core.namespaces import BASE
from diplokg.saved_queries.catalog import SavedQuery

EXAMPLES_GRAPH = BASE + ".well-known/sparql-examples"
EXAMPLE_PREFIX = EXAMPLES_GRAPH + "/"
SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_FORM_PREDICATE = {"SELECT": SH + "select", "ASK": SH + "ask", "CONSTRUCT": SH + "construct",
                   "DESCRIBE": SH + "construct"}
_FORM_CLASS = {"SELECT": SH + "SPARQLSelectExecutable", "ASK": SH + "SPARQLAskExecutable",
               "CONSTRUCT": SH + "SPARQLConstructExecutable"}


def example_quads(queries: Iterable[SavedQuery]) -> list[ox.Quad]:
    graph = ox.NamedNode(EXAMPLES_GRAPH)
    quads = []

    def add(s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal) -> None:
        quads.append(ox.Quad(s, ox.NamedNode(p), o, graph))

    for q in queries:
        node = ox.NamedNode(EXAMPLE_PREFIX + q.slug)
        add(node, RDF_TYPE, ox.NamedNode(SH + "SPARQLExecutable"))
        if q.form in _FORM_CLASS:
            add(node, RDF_TYPE, ox.NamedNode(_FORM_CLASS[q.form]))
        add(node, RDFS + "label", ox.Literal(q.summary, language="en"))
        if q.description:
            add(node, RDFS + "comment", ox.Literal(q.description, language="en"))
        add(node, _FORM_PREDICATE[q.form], ox.Literal(q.text))
        add(node, "http://purl.org/dc/terms/identifier", ox.Literal(q.slug))
        for tag in q.tags:
            add(node, "https://schema.org/keywords", ox.Literal(tag))
    return quads
