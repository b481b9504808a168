"""What every kind's writer shares: the draft graph, the entity index, state names, and the new
places and persons it describes (each gets the fact's evidence too)."""

from __future__ import annotations

import pyoxigraph as ox

from diplokg.ingest.entities import EntityIndex, Linked
from diplokg.ingest.facts import Drafted, Person, Place
from diplokg.ingest.rdf import Graph, iri, state


class Writer:
    def __init__(self, graph: Graph, entities: EntityIndex, state_names: dict[str, dict[str, str]],
                 alpha3: dict[str, str], language: str) -> None:
        self.graph, self.entities, self.names, self.language = graph, entities, state_names, language
        self.alpha3 = alpha3  # ISO alpha-2 → alpha-3
        self.events: dict[str, int] = {}  # event IRIs given, to number events of the same type and day
        self.event_nodes: dict[object, ox.NamedNode] = {}  # the events written, by drafted fact
        self.described: list[ox.NamedNode] = []  # new places, persons, participations of the current fact

    def name(self, alpha3: str | None, language: str) -> str:
        """A state's name in ``language`` (its code when the graph has none)."""
        return self.names.get(alpha3 or "", {}).get(language) or alpha3 or "?"

    def place(self, place: Place, drafted: Drafted) -> ox.NamedNode:
            linked = self.entities.city(place.name, place.as_stated or place.name)
            node = iri(linked.iri)
            if linked.existing:
                note(drafted, linked)
                return node
            german = place.as_stated if self.language == "de" and place.as_stated else place.name
            self.graph.typed(node, "dkg:City", place.name, german)
            if place.country in self.alpha3:
                self.graph.add(node, "dkg:locatedIn", state(self.alpha3[place.country]))
            if place.geonames_id:
                self.graph.add(node, "skos:exactMatch", ox.NamedNode(f"https://sws.geonames.org/{place.geonames_id}/"))
            self.described.append(node)
            return node

    def person(self, person: Person, drafted: Drafted) -> ox.NamedNode:
            linked = self.entities.person(person.name)
            node = iri(linked.iri)
            if linked.existing:
                note(drafted, linked)
            else:
                self.graph.typed(node, "dkg:Person", person.name, person.name)
            return node


def note(drafted: Drafted, linked: Linked) -> None:
    """Keep why an entity was linked to an existing IRI among the fact's reasons."""
    if linked.reason and linked.reason not in drafted.reasons:
        drafted.reasons.append(linked.reason)
