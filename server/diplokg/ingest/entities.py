"""Linking what a page names to the graph: a person or city the graph already holds keeps its IRI
(with the reason of the match recorded); a new one gets a deterministic IRI from its name.

Persons match by their words in any order and case ("Kalandar Idibek" is id:person/idibek-kalandar);
cities by their English or German label, or by the GeoNames id the gazetteer found; organisations
(dkg:Organization, missions left out) by a label or alternative label ("OSZE",
"Internationale Finanz-Corporation"), whose texts ``organisation_labels`` lists for finding them in
a page. ``label`` gives an entity's preferred label (rdfs:label) in a language; ``tenures_from`` the
tenures the graph records for a person at a residence (to group a new non-resident post with them)."""

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
class HeldPost:
    """A tenure of the graph held from a residence: its IRI, receiving state and concurrent group."""

    tenure: str
    receiving: str | None
    group: str | None


@dataclass(frozen=True)
class Linked:
    iri: str
    existing: bool
    reason: str | None = None


class EntityIndex:
    """The persons, cities and organisations of the graph, by name."""

    def __init__(self, graph: ox.Store) -> None:
        self.persons = self._index(graph, ONTOLOGY + "Person")
        self.cities = self._index(graph, ONTOLOGY + "City")
        self.organisations = self._index(graph, ONTOLOGY + "Organization")
        self.preferred: dict[str, dict[str, str]] = {}  # IRI → language → rdfs:label
        #: (label or alternative label, its language, IRI, whether preferred) of every organisation but missions
        self.organisation_labels: list[tuple[str, str, str, bool]] = []
        self._labels(graph)
        self.held: dict[tuple[str, str], list[HeldPost]] = _held_posts(graph)  # (holder, residence) → tenures

    def _labels(self, graph: ox.Store) -> None:
        query = f"""SELECT ?s ?label ?alt ?org WHERE {{
            {{ ?s a <{ONTOLOGY}Person> }} UNION {{ ?s a <{ONTOLOGY}Organization> BIND(true AS ?org)
              FILTER NOT EXISTS {{ ?s a <{ONTOLOGY}DiplomaticMission> }} }}
            {{ ?s <{_RDFS_LABEL}> ?label }} UNION {{ ?s <{_SKOS_ALT}> ?label BIND(true AS ?alt) }} }}"""
        result = graph.query(query, use_default_graph_as_union=True)
        assert isinstance(result, ox.QuerySolutions)
        for row in result:
            s, label = row["s"], row["label"]
            assert s is not None and isinstance(label, ox.Literal)
            language = label.language or ""
            if row["alt"] is None:
                self.preferred.setdefault(s.value, {}).setdefault(language, label.value)
            if row["org"] is not None:
                self.organisation_labels.append((label.value, language, s.value, row["alt"] is None))
        self.organisation_labels.sort(key=lambda t: (-len(t[0]), t))

    def label(self, iri: str, language: str) -> str | None:
        """The preferred label of ``iri`` in ``language`` (else in English)."""
        labels = self.preferred.get(iri, {})
        return labels.get(language) or labels.get("en")

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

    def organisation(self, name: str, state: str | None = None) -> Linked:
        """An organisation by its name; a new one is id:organization/SLUG (with the state it belongs to)."""
        found = self.organisations.get(name_key(name))
        if found:
            return Linked(found, True, f"'{name}' is {_short(found)} of the graph")
        return Linked(ID + "organization/" + slug(name) + (f"-{state}" if state else ""), False)

    def city(self, name: str, as_stated: str) -> Linked:
        for candidate in (name, as_stated):
            found = self.cities.get(name_key(candidate))
            if found:
                return Linked(found, True, f"'{as_stated}' is {_short(found)} of the graph")
        return Linked(ID + "place/" + slug(name), False)


    def tenures_from(self, holder: str, residence: str) -> list[HeldPost]:
        """The tenures of ``holder`` (a person's IRI) the graph records with the residence ``residence``."""
        return self.held.get((holder, residence), [])


def _held_posts(graph: ox.Store) -> dict[tuple[str, str], list[HeldPost]]:
    query = f"""SELECT DISTINCT ?t ?h ?c ?r ?g WHERE {{ ?t a <{ONTOLOGY}Tenure> ; <{ONTOLOGY}holder> ?h ;
                <{ONTOLOGY}residence> ?c . OPTIONAL {{ ?t <{ONTOLOGY}ofPost>/<{ONTOLOGY}receivingState> ?r }}
                OPTIONAL {{ ?t <{ONTOLOGY}concurrentAccreditation> ?g }} }} ORDER BY ?t"""
    result = graph.query(query, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    held: dict[tuple[str, str], list[HeldPost]] = {}
    for row in result:
        t, h, c, r, g = (row[v] for v in ("t", "h", "c", "r", "g"))
        assert t is not None and h is not None and c is not None
        receiving = r.value.rsplit("/", 1)[-1] if r is not None else None
        held.setdefault((h.value, c.value), []).append(HeldPost(t.value, receiving, g.value if g else None))
    return held


def _short(iri: str) -> str:
    return "id:" + iri[len(ID):] if iri.startswith(ID) else f"<{iri}>"
