"""Linking what a page names to the graph: a person or city the graph already holds keeps its IRI
(with the reason of the match recorded); a new one gets a deterministic IRI from its name.

Persons match by their words in any order and case ("Kalandar Idibek" is id:person/idibek-kalandar);
cities by their English or German label, or by the GeoNames id the gazetteer found."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pyoxigraph as ox
from anyascii import anyascii

from diplokg.core.namespaces import ID, ONTOLOGY, PREFIXES

_RDFS_LABEL = PREFIXES["rdfs"] + "label"
_SKOS_ALT = PREFIXES["skos"] + "altLabel"


def slug(text: str) -> str:
    """A readable IRI segment: ASCII (Cyrillic transliterated), lower case, words joined by '-'."""
    ascii_text = anyascii(unicodedata.normalize("NFC", text)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


def name_key(name: str) -> tuple[str, ...]:
    return tuple(sorted(unicodedata.normalize("NFC", name).casefold().split()))


@dataclass(frozen=True)
class Linked:
    iri: str
    existing: bool
    reason: str | None = None


class EntityIndex:
    """The persons and cities of the graph, by name."""

    def __init__(self, graph: ox.Store) -> None:
        self.persons = self._index(graph, ONTOLOGY + "Person")
        self.cities = self._index(graph, ONTOLOGY + "City")

    @staticmethod
    def _index(graph: ox.Store, cls: str) -> dict[tuple[str, ...], str]:
        query = f"""SELECT DISTINCT ?s ?label WHERE {{ ?s a <{cls}> .
                    {{ ?s <{_RDFS_LABEL}> ?label }} UNION {{ ?s <{_SKOS_ALT}> ?label }} }}"""
        result = graph.query(query, use_default_graph_as_union=True)
        assert isinstance(result, ox.QuerySolutions)
        index: dict[tuple[str, ...], str] = {}
        for row in result:
            s, label = row["s"], row["label"]
            assert s is not None and label is not None
            index.setdefault(name_key(label.value), s.value)
        return index

    def person(self, name: str) -> Linked:
        found = self.persons.get(name_key(name))
        if found:
            return Linked(found, True, f"'{name}' is {_short(found)} of the graph (same name words)")
        return Linked(ID + "person/" + slug(name), False)

    def city(self, name: str, as_stated: str) -> Linked:
        for candidate in (name, as_stated):
            found = self.cities.get(name_key(candidate))
            if found:
                return Linked(found, True, f"'{as_stated}' is {_short(found)} of the graph")
        return Linked(ID + "place/" + slug(name), False)


def _short(iri: str) -> str:
    return "id:" + iri[len(ID):] if iri.startswith(ID) else f"<{iri}>"
