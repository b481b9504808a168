"""The result and RDF formats the endpoint speaks: media types, short names for ``format=``,
pyoxigraph format objects and the W3C format IRIs used in the service description."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

W3C_FORMATS = "http://www.w3.org/ns/formats/"


@dataclass(frozen=True)
class Format:
    name: str  # short name for the `format=` parameter
    media_type: str  # the canonical media type sent in Content-Type
    aliases: tuple[str, ...]  # other media types that select this format
    short_names: tuple[str, ...]
    w3c: str  # http://www.w3.org/ns/formats/…
    extension: str
    textual: bool = True

    @property
    def content_type(self) -> str:
        return (f"{self.media_type}; charset=utf-8" if self.textual and not self.media_type.endswith("+json")
                else self.media_type)

    def matches(self, name: str) -> bool:
        name = name.strip().lower()
        return name == self.name or name in self.short_names or name == self.media_type or name in self.aliases


RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", ("application/json",), ("srj",),
           W3C_FORMATS + "SPARQL_Results_JSON", "srj"),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml"), ("srx",),
           W3C_FORMATS + "SPARQL_Results_XML", "srx"),
    Format("csv", "text/csv", (), (), W3C_FORMATS + "SPARQL_Results_CSV", "csv"),
    Format("tsv", "text/tab-separated-values", (), (), W3C_FORMATS + "SPARQL_Results_TSV", "tsv"),
)

GRAPH_FORMATS: tuple[Format, ...] = (
    # Turtle is a subset of N3, so N3 requests are answered with Turtle.
    Format("turtle", "text/turtle", ("application/x-turtle", "text/n3", "text/rdf+n3", "application/rdf+n3"),
           ("ttl", "n3"), W3C_FORMATS + "Turtle", "ttl"),
    Format("ntriples", "application/n-triples", ("text/plain",), ("nt", "n-triples"), W3C_FORMATS + "N-Triples", "nt"),
    Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml"), ("rdf", "xml", "rdf+xml"),
           W3C_FORMATS + "RDF_XML", "rdf"),
    Format("jsonld", "application/ld+json", ("application/json",), ("json-ld", "json"),
           W3C_FORMATS + "JSON-LD", "jsonld"),
    Format("trig", "application/trig", (), (), W3C_FORMATS + "TriG", "trig"),
    Format("nquads", "application/n-quads", (), ("nq", "n-quads"), W3C_FORMATS + "N-Quads", "nq"),
)

# Formats of pages and listings (not SPARQL results): negotiated with the same machinery.
HTML = Format("html", "text/html", ("application/xhtml+xml",), (), "", "html")
JSON = Format("json", "application/json", (), (), "", "json")
SPARQL_TEXT = Format("rq", "application/sparql-query", (), ("sparql",), "", "rq")

OX_RESULTS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
OX_RDF = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}

BY_NAME = {f.name: f for f in RESULT_FORMATS + GRAPH_FORMATS}


def serialized(data: bytes | None) -> bytes:
    """The bytes of a pyoxigraph serialisation made without an output file (its stubs also allow
    None, which it returns only when it wrote to a file)."""
    assert data is not None, "pyoxigraph returns the bytes when no output is given"
    return data
