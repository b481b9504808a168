"""What every kind's writer shares: the draft graph, the entity index, state names, and the new
places and persons it describes (each gets the fact's evidence too)."""

from __future__ import annotations

import re

import pyoxigraph as ox

from diplokg.ingest.entities import EntityIndex, Linked
from diplokg.ingest.facts import Drafted, Organisation, Person, Place
from diplokg.ingest.rdf import Graph, iri, state, vocab

#: an organisation's kind (vocab:organization-type) from its head noun, lower case, by its ending
ORGANISATION_TYPES = (
    ("gemeinschaftsunternehmen|joint venture", "joint-venture"),
    ("ministerium|ministry|министерств|departement|department|außenamt", "ministry"),
    ("regierung|government|правительств", "government"),
    ("union|organisation|organization|организаци|союз", "international-organization"),
    ("unternehmen|company|компани|корпораци|corporation", "company"),
    ("kommission|commission|комисси", "intergovernmental-commission"),
    ("programm|program|программ|dialog|диалог", "programme"),
    ("parlament|parliament|парламент", "parliament"),
    ("versammlung|assembly|ассамбле|akademie|academy|академи", "organization-body"),
    ("agentur|agency|агентств|direktion|directorate|sekretariat|secretariat|amt|office|büro|behörde|authority|"
     "ведомств|служб|service|gesellschaft", "government-agency"),
)


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


    def organisation(self, organisation: Organisation, drafted: Drafted) -> ox.NamedNode:
        """An organisation of the graph (by IRI or name), else a new one: its name, kind and state."""
        linked = Linked(organisation.key, True, None) if organisation.key else \
            self.entities.organisation(organisation.name, organisation.state)
        node = iri(linked.iri)
        if linked.existing:
            note(drafted, linked)
            return node
        self.graph.typed(node, "dkg:Organization", organisation.name, organisation.name)
        if self.language != "en":
            said = f"'{organisation.name}' is named in '{self.language}' only: its English label repeats it as written"
            drafted.reasons += [] if said in drafted.reasons else [said]
        self.graph.add(node, "dkg:organizationType", vocab("organization-type", organisation_type(organisation)))
        if organisation.state:
            self.graph.add(node, "dkg:belongsToState", state(organisation.state))
        self.described.append(node)
        return node


def organisation_type(organisation: Organisation) -> str:
    """The kind of an organisation from its head noun; a bank by whether it is international."""
    head = (organisation.head or "").casefold()
    if head.endswith(("bank", "банк", "fund", "fonds", "фонд")):
        international = re.search(r"internation|europ|world|welt|asia|asiat|междунар|европ|азиат", organisation.name,
                                  re.I)
        return "international-financial-institution" if international else "company"
    for endings, kind in ORGANISATION_TYPES:
        if head and re.search(rf"(?:{endings})$", head):
            return kind
    return "other"


def note(drafted: Drafted, linked: Linked) -> None:
    """Keep why an entity was linked to an existing IRI among the fact's reasons."""
    if linked.reason and linked.reason not in drafted.reasons:
        drafted.reasons.append(linked.reason)
