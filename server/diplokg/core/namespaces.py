"""The one prefix registry of the project: namespaces, graph names and prefixes used everywhere."""

from __future__ import annotations

BASE = "https://w3id.org/diplokg/"
ONTOLOGY = BASE + "ontology#"
ONTOLOGY_IRI = BASE + "ontology"
ID = BASE + "id/"
VOCAB = BASE + "vocab/"
SHAPES = BASE + "shapes#"
GRAPH = BASE + "graph/"

#: Named graph holding the ontology and the controlled vocabularies.
ONTOLOGY_GRAPH = GRAPH + "ontology"

#: Named graphs of source pages start with this (one graph per page: what that page says).
SOURCE_GRAPH = GRAPH + "source/"

#: Prefixes offered to every SPARQL query, dump and report (prefix -> namespace IRI).
PREFIXES: dict[str, str] = {
    "dkg": ONTOLOGY,
    "id": ID,
    "vocab": VOCAB,
    "dks": SHAPES,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "schema": "http://schema.org/",
    "sh": "http://www.w3.org/ns/shacl#",
    "wd": "http://www.wikidata.org/entity/",
}


def sparql_prologue() -> str:
    """PREFIX declarations for all registered prefixes, for query files and documentation."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def shorten(iri: str) -> str:
    """Compact an IRI with the registered prefixes for display (may use "/" in the local part)."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(best):
            best, name = ns, prefix
    if best:
        local = iri[len(best):]
        if local and all(c.isalnum() or c in "-_./" for c in local) and not local.endswith("."):
            return f"{name}:{local}"
    return f"<{iri}>"
