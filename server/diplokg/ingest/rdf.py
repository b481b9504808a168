"""Quads of one draft graph, written the way the hand-written source files are: relative IRIs
under https://w3id.org/diplokg/id/, labels in English and German, dates as stated with their
precision and normalised bounds."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field

import pyoxigraph as ox

from diplokg.core.formats import serialized
from diplokg.core.namespaces import ID, ONTOLOGY, PREFIXES, VOCAB
from diplokg.ingest.dates import StatedDate

XSD = PREFIXES["xsd"]
RDF_TYPE = PREFIXES["rdf"] + "type"
_DATATYPES = {"day": "date", "month": "gYearMonth", "year": "gYear"}


def iri(value: str) -> ox.NamedNode:
    """An IRI from a prefixed name (dkg:, oa:, rdfs: …), a path under id/, or an absolute IRI."""
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return ox.NamedNode(PREFIXES[prefix] + local)
    if "://" in value:
        return ox.NamedNode(value)
    return ox.NamedNode(ID + value)


def vocab(scheme: str, concept: str) -> ox.NamedNode:
    return ox.NamedNode(f"{VOCAB}{scheme}/{concept}")


def state(alpha3: str) -> ox.NamedNode:
    return ox.NamedNode(f"{ID}state/{alpha3}")


@dataclass
class Graph:
    """The quads of one named graph, deduplicated, serialised sorted. While ``recording`` is a set,
    every triple added goes into it as well, already there or not (what one fact's writer asserted)."""

    name: ox.NamedNode
    quads: set[ox.Quad] = field(default_factory=set)
    recording: set[ox.Triple] | None = None

    def add(self, s: ox.NamedNode | str, p: str, o: ox.NamedNode | ox.Literal | str) -> None:
        subject = s if isinstance(s, ox.NamedNode) else iri(s)
        obj = o if isinstance(o, ox.NamedNode | ox.Literal) else iri(o)
        self.quads.add(ox.Quad(subject, iri(p), obj, self.name))
        if self.recording is not None:
            self.recording.add(ox.Triple(subject, iri(p), obj))

    def typed(self, s: ox.NamedNode | str, cls: str, en: str, de: str) -> ox.NamedNode:
        subject = s if isinstance(s, ox.NamedNode) else iri(s)
        self.add(subject, "rdf:type", cls)
        self.add(subject, "rdfs:label", ox.Literal(en, language="en"))
        self.add(subject, "rdfs:label", ox.Literal(de, language="de"))
        return subject

    def date(self, s: ox.NamedNode, date: StatedDate, as_stated: str | None, language: str) -> None:
        """A date as stated: ``dkg:date`` (or ``dkg:startDate`` / ``dkg:endDate`` for a span) at its
        precision, the wording, and the earliest and latest day it can mean."""
        if date.end:
            self.add(s, "dkg:startDate", typed_date(date.start))
            self.add(s, "dkg:endDate", typed_date(date.end))
        else:
            self.add(s, "dkg:date", typed_date(date.start))
        if as_stated:
            self.add(s, "dkg:dateAsStated", ox.Literal(as_stated, language=language))
        self.add(s, "dkg:earliestDate", ox.Literal(bounds(date.start)[0], datatype=ox.NamedNode(XSD + "date")))
        self.add(s, "dkg:latestDate", ox.Literal(bounds(date.end or date.start)[1],
                                                 datatype=ox.NamedNode(XSD + "date")))

    def trig(self) -> bytes:
        quads = sorted(self.quads, key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))
        prefixes = {p: PREFIXES[p] for p in ("dkg", "rdf", "rdfs", "xsd", "skos", "oa", "prov", "dcterms", "owl")}
        prefixes["id"] = ID
        return serialized(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes))


def typed_date(value: str) -> ox.Literal:
    precision = StatedDate(value).precision
    return ox.Literal(value, datatype=ox.NamedNode(XSD + _DATATYPES[precision]))


def bounds(value: str) -> tuple[str, str]:
    """The first and last day a date of any precision can mean."""
    parts = value.split("-")
    year = int(parts[0])
    if len(parts) == 3:
        return value, value
    if len(parts) == 2:
        month = int(parts[1])
        return f"{value}-01", f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    return f"{value}-01-01", f"{value}-12-31"


def dkg(local: str) -> str:
    return ONTOLOGY + local
