"""The VoID + DCAT description of the dataset served at ``/.well-known/void``
(https://www.w3.org/TR/void/, https://www.w3.org/TR/vocab-dcat-3/): size, class and property
partitions, named graphs, dumps with checksums, the SPARQL endpoint, licence, version and sources."""

from __future__ import annotations

import hashlib
from typing import Any

from diplokg import __version__
from diplokg.core.description import Description, lit
from diplokg.core.namespaces import ID, ONTOLOGY_IRI

DATASET_IRI = ID + "dataset/diplokg"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
VOID_PREFIXES = {
    "void": "http://rdfs.org/ns/void#",
    "spdx": "http://spdx.org/rdf/terms#",
    "formats": "http://www.w3.org/ns/formats/",
}
_VOCABULARIES = [
    ONTOLOGY_IRI, "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#",
    "http://www.w3.org/ns/oa#", "http://purl.org/dc/terms/", "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2002/07/owl#",
]


def _key(value: str) -> str:
    return hashlib.sha1(value.encode()).hexdigest()[:12]


def void_description(base_url: str, stats: dict[str, Any], dumps: list[dict[str, Any]], built_at: str | None,
                     release: dict[str, Any] | None = None) -> Description:
    """``release``: the ``release.json`` of a versioned release (releases.versions): the dataset then
    carries the release's version and version IRI (DCAT 3 versioning) instead of the software's."""
    d = Description(VOID_PREFIXES)
    ds = DATASET_IRI
    endpoint = base_url + "sparql"
    d.add(ds, "rdf:type", ["void:Dataset", "dcat:Dataset"])
    d.add(ds, "dcterms:title", [lit("diplokg: a knowledge graph of diplomatic relations", "en"),
                                lit("diplokg: ein Wissensgraph diplomatischer Beziehungen", "de")])
    d.add(ds, "dcterms:description", lit(
        "Diplomatic relations between states, diplomatic missions, heads of mission with their accreditations "
        "and residences, and bilateral events, agreements and assistance, each fact traceable to the quoted "
        "sentence of its source page.", "en"))
    d.add(ds, "dcterms:license", LICENSE)
    _version(d, ds, release)
    _statistics(d, ds, stats, endpoint, built_at)
    _sparql_service(d, ds, endpoint)
    for dump in dumps:
        _dump(d, ds, base_url, dump)
    return d


def _version(d: Description, ds: str, release: dict[str, Any] | None) -> None:
    """The release's version and version IRI (DCAT 3 versioning), or the software's version."""
    if release is not None:
        version = release["version_iri"]
        d.add(ds, "dcat:version", lit(release["version"]))
        d.add(ds, "owl:versionInfo", lit(release["version"]))
        d.add(ds, "owl:versionIRI", version)
        d.add(ds, "dcat:hasCurrentVersion", version)
        d.add(version, "rdf:type", "dcat:Dataset")
        d.add(version, "dcat:isVersionOf", ds)
        d.add(version, "dcat:version", lit(release["version"]))
        if release.get("previous"):
            d.add(version, "dcat:previousVersion", ds + "/" + release["previous"])
    else:
        d.add(ds, "dcat:version", lit(__version__))
        d.add(ds, "owl:versionInfo", lit(__version__))


def _statistics(d: Description, ds: str, stats: dict[str, Any], endpoint: str, built_at: str | None) -> None:
    """Modification date, sources, size, class and property partitions, and the named graphs."""
    if built_at:
        d.add(ds, "dcterms:modified", lit(built_at, datatype="http://www.w3.org/2001/XMLSchema#dateTime"))
    d.add(ds, "dcterms:source", list(stats.get("sources", [])))
    d.add(ds, "void:uriSpace", lit(ID))
    d.add(ds, "void:vocabulary", _VOCABULARIES)
    d.add(ds, "void:sparqlEndpoint", endpoint)
    d.add(ds, "void:triples", int(stats["triples"]))
    d.add(ds, "void:distinctSubjects", int(stats["distinct_subjects"]))
    d.add(ds, "void:distinctObjects", int(stats["distinct_objects"]))
    d.add(ds, "void:properties", int(stats["properties"]))
    d.add(ds, "void:classes", len(stats["classes"]))
    for cls, n in sorted(stats["classes"].items()):
        part = f"{ds}#class-{_key(cls)}"
        d.add(ds, "void:classPartition", part)
        d.add(part, "void:class", cls)
        d.add(part, "void:entities", int(n))
    for prop, n in sorted(stats["property_triples"].items()):
        part = f"{ds}#property-{_key(prop)}"
        d.add(ds, "void:propertyPartition", part)
        d.add(part, "void:property", prop)
        d.add(part, "void:triples", int(n))
    for graph, n in sorted(stats["graphs"].items()):
        d.add(ds, "void:subset", graph)
        d.add(graph, "rdf:type", "void:Dataset")
        d.add(graph, "void:triples", int(n))
        d.add(graph, "void:sparqlEndpoint", endpoint)


def _sparql_service(d: Description, ds: str, endpoint: str) -> None:
    """The SPARQL endpoint as a DCAT distribution and data service."""
    service = endpoint
    d.add(ds, "dcat:distribution", f"{ds}#sparql")
    d.add(f"{ds}#sparql", "rdf:type", "dcat:Distribution")
    d.add(f"{ds}#sparql", "dcat:accessURL", endpoint)
    d.add(f"{ds}#sparql", "dcat:accessService", service)
    d.add(service, "rdf:type", "dcat:DataService")
    d.add(service, "dcat:endpointURL", endpoint)
    d.add(service, "dcterms:conformsTo", "https://www.w3.org/TR/sparql11-protocol/")
    d.add(service, "dcat:servesDataset", ds)


def _dump(d: Description, ds: str, base_url: str, dump: dict[str, Any]) -> None:
    """One dump as a DCAT distribution with its size, media type and SHA-256 (SPDX)."""
    url = base_url + "dumps/" + dump["file"]
    dist = f"{ds}#dump-{dump['file']}"
    d.add(ds, "void:dataDump", url)
    d.add(ds, "dcat:distribution", dist)
    d.add(dist, "rdf:type", "dcat:Distribution")
    d.add(dist, "dcterms:title", lit(dump["title"], "en"))
    d.add(dist, "dcat:downloadURL", url)
    d.add(dist, "dcat:mediaType", "https://www.iana.org/assignments/media-types/" + dump["media_type"])
    d.add(dist, "dcterms:format", dump["w3c"])
    if dump["gzip"]:
        d.add(dist, "dcat:compressFormat", "https://www.iana.org/assignments/media-types/application/gzip")
    d.add(dist, "dcat:byteSize", lit(dump["bytes"], datatype="http://www.w3.org/2001/XMLSchema#nonNegativeInteger"))
    d.add(dist, "dcterms:license", LICENSE)
    checksum = f"{dist}-sha256"
    d.add(dist, "spdx:checksum", checksum)
    d.add(checksum, "rdf:type", "spdx:Checksum")
    d.add(checksum, "spdx:algorithm", "spdx:checksumAlgorithm_sha256")
    d.add(checksum, "spdx:checksumValue", lit(dump["sha256"], datatype="http://www.w3.org/2001/XMLSchema#hexBinary"))
