"""SPARQL 1.1 Service Description of the endpoint (https://www.w3.org/TR/sparql11-service-description/).

Every IRI is built from the configured base URL, never from the request."""

from __future__ import annotations

from typing import Any

from diplokg.core.description import Description, lit
from diplokg.core.formats import GRAPH_FORMATS, RESULT_FORMATS
from diplokg.core.settings import Settings
from diplokg.http.void import DATASET_IRI

SD_PREFIXES = {
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "void": "http://rdfs.org/ns/void#",
    "ent": "http://www.w3.org/ns/entailment/",
    "formats": "http://www.w3.org/ns/formats/",
}

UNION_NOTE = (
    "Without FROM/FROM NAMED in the query and without default-graph-uri/named-graph-uri in the request, "
    "the default graph is the union (RDF merge) of all named graphs of the dataset; every named graph is "
    "also available by name in GRAPH."
)


def service_description(settings: Settings, stats: dict[str, Any]) -> Description:
    d = Description(SD_PREFIXES)
    endpoint = settings.endpoint_url
    d.add(endpoint, "rdf:type", "sd:Service")
    d.add(endpoint, "sd:endpoint", endpoint)
    d.add(endpoint, "sd:supportedLanguage", "sd:SPARQL11Query")
    d.add(endpoint, "sd:resultFormat", [f.w3c for f in RESULT_FORMATS + GRAPH_FORMATS])
    features = ["sd:UnionDefaultGraph", "sd:EmptyGraphs"]
    if settings.federation_allowlist:
        features.append("sd:BasicFederatedQuery")
    d.add(endpoint, "sd:feature", features)
    d.add(endpoint, "sd:defaultEntailmentRegime", "ent:Simple")
    d.add(endpoint, "rdfs:label", [lit("diplokg SPARQL endpoint", "en"), lit("diplokg SPARQL-Endpunkt", "de")])
    comment = (
        "Read-only SPARQL 1.1 query service over the diplokg knowledge graph of diplomatic relations. " + UNION_NOTE
        + f" Queries run at most {settings.timeout:g} s (lower per request with the 'timeout' parameter)"
        + (f"; responses are capped at {settings.row_cap} rows or triples (header X-Diplokg-Truncated: true when cut)."
           if settings.row_cap else ".")
        + (" Federated SERVICE calls are limited to: " + ", ".join(settings.federation_allowlist)
           + f"; a query that calls SERVICE runs at most {settings.service_timeout:g} s."
           if settings.federation_allowlist else " Federated queries (SERVICE) are disabled.")
    )
    d.add(endpoint, "rdfs:comment", lit(comment, "en"))
    dataset = DATASET_IRI
    d.add(endpoint, "sd:defaultDataset", dataset)
    d.add(dataset, "rdf:type", ["sd:Dataset", "void:Dataset"])
    default_graph = endpoint + "#default-graph"
    d.add(dataset, "sd:defaultGraph", default_graph)
    d.add(default_graph, "rdf:type", ["sd:Graph", "void:Dataset"])
    d.add(default_graph, "rdfs:comment", lit(UNION_NOTE, "en"))
    d.add(default_graph, "void:triples", int(stats["triples"]))
    d.add(default_graph, "void:distinctSubjects", int(stats["distinct_subjects"]))
    d.add(default_graph, "void:distinctObjects", int(stats["distinct_objects"]))
    d.add(default_graph, "void:properties", int(stats["properties"]))
    d.add(default_graph, "void:classes", len(stats["classes"]))
    for i, (graph, triples) in enumerate(sorted(stats["graphs"].items()), start=1):
        named = f"{endpoint}#named-graph-{i}"
        d.add(dataset, "sd:namedGraph", named)
        d.add(named, "rdf:type", "sd:NamedGraph")
        d.add(named, "sd:name", graph)
        d.add(named, "sd:graph", f"{endpoint}#graph-{i}")
        d.add(f"{endpoint}#graph-{i}", "rdf:type", ["sd:Graph", "void:Dataset"])
        d.add(f"{endpoint}#graph-{i}", "void:triples", int(triples))
    return d
