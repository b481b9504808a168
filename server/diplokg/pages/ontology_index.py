"""The ontology graph of the store as an in-memory index, for the ontology documentation and for
dereferencing vocabulary IRIs: one SPARQL query over the named graph ``ONTOLOGY_GRAPH`` (the graph
bound as a term, not spliced into the text), then lookups by subject, predicate and object.

Terms are kept as SPARQL JSON terms (``{"type": "uri"|"literal"|"bnode", "value": …}``)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from diplokg.core.namespaces import ONTOLOGY, ONTOLOGY_GRAPH, ONTOLOGY_IRI, VOCAB
from diplokg.http.execution import QueryRunner

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = RDF + "type"

Term = dict[str, Any]

_TRIPLES = "SELECT ?graph ?s ?p ?o WHERE { GRAPH ?graph { ?s ?p ?o } }"
_VOCAB_PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~\-/]{0,300}$")


@dataclass
class OntologyIndex:
    """Statements of the ontology graph, by subject (outgoing) and by IRI object (incoming)."""

    outgoing: dict[str, dict[str, list[Term]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    incoming: dict[str, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))

    def objects(self, subject: str, predicate: str) -> list[Term]:
        return self.outgoing.get(subject, {}).get(predicate, [])

    def subjects(self, predicate: str, obj: str) -> list[str]:
        return self.incoming.get(obj, {}).get(predicate, [])

    def instances(self, cls: str) -> list[str]:
        """IRIs (not blank nodes) typed ``cls``."""
        return [s for s in self.subjects(RDF_TYPE, cls) if not s.startswith("_:")]

    def types(self, subject: str) -> set[str]:
        return {t["value"] for t in self.objects(subject, RDF_TYPE)}

    def version_iris(self) -> list[str]:
        return [t["value"] for t in self.objects(ONTOLOGY_IRI, OWL + "versionIRI") if t["type"] == "uri"]


def build_index(bindings: list[dict[str, Term]]) -> OntologyIndex:
    index = OntologyIndex()
    for b in bindings:
        s = _key(b["s"])
        index.outgoing[s][b["p"]["value"]].append(b["o"])
        if b["o"]["type"] != "literal":
            index.incoming[_key(b["o"])][b["p"]["value"]].append(s)
    return index


def _key(term: Term) -> str:
    return str("_:" + term["value"] if term["type"] == "bnode" else term["value"])


async def load_index(service: QueryRunner) -> OntologyIndex:
    """Read the whole ontology graph (a few thousand triples) through the query service."""
    rows = await service.select(_TRIPLES, {"graph": ox.NamedNode(ONTOLOGY_GRAPH)})
    return build_index(rows)


def anchor(iri: str) -> str:
    """The id of a term on the documentation page: the local name of ontology terms (``State``),
    ``vocab-`` and the path with dashes for schemes and concepts (``vocab-rank-ambassador``)."""
    if iri.startswith(ONTOLOGY):
        local = iri[len(ONTOLOGY):]
    elif iri.startswith(VOCAB):
        local = "vocab-" + iri[len(VOCAB):].strip("/").replace("/", "-")
    else:
        local = "term-" + iri
    return re.sub(r"[^A-Za-z0-9._\-]", "-", local) or "term"


def vocab_iri(path: str) -> str | None:
    """The vocabulary IRI of a request path below /vocab/, or None for a malformed path."""
    if not _VOCAB_PATH.match(path) or ".." in path.split("/") or "//" in path:
        return None
    return VOCAB + path
