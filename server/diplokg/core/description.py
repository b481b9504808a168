"""Tiny helpers to write RDF descriptions as pyoxigraph triples, and serialise them by format name."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from diplokg.core.formats import OX_RDF, serialized
from diplokg.core.namespaces import PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"


def iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def lit(value: object, lang: str | None = None, datatype: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(str(value), language=lang)
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=iri(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=iri(datatype or XSD + "integer"))
    return ox.Literal(str(value), datatype=iri(datatype) if datatype else None)


class Description:
    """A list of triples with compact ``add(subject, predicate, object)`` using prefixed names."""

    def __init__(self, prefixes: dict[str, str] | None = None) -> None:
        self.prefixes = {**PREFIXES, **(prefixes or {})}
        self.triples: list[ox.Triple] = []
        self._serialized: dict[str, bytes] = {}

    def term(self, value: str | ox.NamedNode | ox.Literal | ox.BlankNode) -> ox.NamedNode | ox.Literal | ox.BlankNode:
        if not isinstance(value, str):
            return value
        prefix, sep, local = value.partition(":")
        if sep and prefix in self.prefixes and not local.startswith("//"):
            return iri(self.prefixes[prefix] + local)
        return iri(value)

    def add(self, s: str | ox.NamedNode, p: str, o: object) -> None:
        values = o if isinstance(o, (list, tuple)) else [o]
        for value in values:
            obj = value if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)) else (
                self.term(value) if isinstance(value, str) else lit(value))
            subject, predicate = self.term(s), self.term(p)
            assert isinstance(subject, (ox.NamedNode, ox.BlankNode)) and isinstance(predicate, ox.NamedNode)
            self.triples.append(ox.Triple(subject, predicate, obj))

    def serialize(self, fmt: str) -> bytes:
        """The description in a format (computed once per format; add no triples afterwards)."""
        if fmt not in self._serialized:
            self._serialized[fmt] = self._serialize(fmt)
        return self._serialized[fmt]

    def _serialize(self, fmt: str) -> bytes:
        rdf_format = OX_RDF[fmt]
        triples = sorted(self.triples, key=lambda t: str(t.subject))  # stable: groups subjects, keeps order
        pretty = self.prefixes if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML) else None
        used = _used_prefixes(triples, pretty) if pretty else None
        return serialized(ox.serialize(triples, format=rdf_format, prefixes=used))


def _used_prefixes(triples: Iterable[ox.Triple], prefixes: dict[str, str]) -> dict[str, str]:
    iris = {t.value for tr in triples for t in (tr.subject, tr.predicate, tr.object) if isinstance(t, ox.NamedNode)}
    iris |= {tr.object.datatype.value for tr in triples if isinstance(tr.object, ox.Literal)}
    # prefixes whose local names contain "/" (id:, vocab:) would need escapes in Turtle: leave them out
    return {p: ns for p, ns in prefixes.items() if p not in _PATH_PREFIXES and any(i.startswith(ns) for i in iris)}


_PATH_PREFIXES = {"id", "vocab", "dks"}
