"""Drafted facts as resources of our ontology, one method per kind, named and shaped as in the
hand-written source files (id:relation/ROU-TJK, id:tenure/idibek-kalandar-TJK-ROU, …). Each
resource gets the sentence that states it as ``dkg:evidence``; a person or city the graph already
holds keeps its IRI; a new one is described with its name as written."""

from __future__ import annotations

import re

import pyoxigraph as ox

from diplokg.ingest.entities import EntityIndex, Linked, slug
from diplokg.ingest.facts import Drafted, HeadOfMission, MissionOpened, Person, Place, Recognition, RelationEstablished
from diplokg.ingest.rdf import XSD, Graph, iri, state, vocab

_MISSION_TYPES = {"embassy": ("embassy", "Embassy", "Botschaft"), "consulate": ("consulate", "Consulate", "Konsulat"),
                  "honorary-consulate": ("honorary-consulate", "Honorary consulate", "Honorarkonsulat"),
                  "representation": ("diplomatic-mission", "Representation", "Vertretung")}
_EXTRAORDINARY = re.compile(r"außerordentlich|extraordinary|чрезвычайн", re.I)
_RANKS = {"ambassador-extraordinary-and-plenipotentiary": ("Ambassador Extraordinary and Plenipotentiary",
                                                           "Außerordentlicher und bevollmächtigter Botschafter"),
          "ambassador": ("Ambassador", "Botschafter"), "charge-d-affaires": ("Chargé d'affaires", "Geschäftsträger")}


class FactWriter:
    def __init__(self, graph: Graph, entities: EntityIndex, state_names: dict[str, dict[str, str]],
                 alpha3: dict[str, str], language: str) -> None:
        self.graph, self.entities, self.names, self.language = graph, entities, state_names, language
        self.alpha3 = alpha3  # ISO alpha-2 → alpha-3

    def write(self, drafted: Drafted, evidence: ox.NamedNode) -> list[ox.NamedNode]:
        """The resources of ``drafted``; each of them, and every new place or participation it
        describes, gets ``evidence``."""
        self.described: list[ox.NamedNode] = []
        fact = drafted.fact
        if isinstance(fact, RelationEstablished):
            resources = self._relation(fact)
        elif isinstance(fact, Recognition):
            resources = self._recognition(fact)
        elif isinstance(fact, MissionOpened):
            resources = self._mission(fact, drafted)
        else:
            resources = self._head(fact, drafted)
        for resource in [*resources, *self.described]:
            self.graph.add(resource, "dkg:evidence", evidence)
        return resources

    def _name(self, alpha3: str | None, language: str) -> str:
        return self.names.get(alpha3 or "", {}).get(language) or alpha3 or "?"

    def _relation(self, fact: RelationEstablished) -> list[ox.NamedNode]:
        codes = sorted(fact.states)
        if len(codes) != 2:
            return []
        a, b = codes
        relation = self.graph.typed(f"relation/{a}-{b}", "dkg:DiplomaticRelation",
                                    f"Diplomatic relations between {self._name(a, 'en')} and {self._name(b, 'en')}",
                                    f"Diplomatische Beziehungen zwischen {self._name(a, 'de')} und "
                                    f"{self._name(b, 'de')}")
        self.graph.add(relation, "dkg:relationBetween", state(a))
        self.graph.add(relation, "dkg:relationBetween", state(b))
        if fact.date is None:
            return [relation]
        event = self.graph.typed(f"event/{fact.date.start}-establishment-of-relations-{a}-{b}", "dkg:Event",
                                 f"Establishment of diplomatic relations between {self._name(a, 'en')} and "
                                 f"{self._name(b, 'en')}", f"Aufnahme diplomatischer Beziehungen zwischen "
                                 f"{self._name(a, 'de')} und {self._name(b, 'de')}")
        self.graph.add(event, "dkg:eventType", vocab("event-type", "establishment-of-relations"))
        self.graph.add(event, "dkg:between", state(a))
        self.graph.add(event, "dkg:between", state(b))
        self.graph.date(event, fact.date, fact.date.as_stated, self.language)
        self.graph.add(relation, "dkg:establishedBy", event)
        return [relation, event]

    def _recognition(self, fact: Recognition) -> list[ox.NamedNode]:
        by, of = fact.recognising or "XXX", fact.recognised or "XXX"
        date = fact.date.start if fact.date else "undated"
        event = self.graph.typed(f"event/{date}-recognition-{by}-{of}", "dkg:Event",
                                 f"Recognition of {self._name(of, 'en')}'s independence by {self._name(by, 'en')}",
                                 f"Anerkennung der Unabhängigkeit von {self._name(of, 'de')} durch "
                                 f"{self._name(by, 'de')}")
        self.graph.add(event, "dkg:eventType", vocab("event-type", "recognition"))
        for code, role in ((fact.recognising, "recognising-state"), (fact.recognised, "recognised-state")):
            if code:
                self.graph.add(event, "dkg:between", state(code))
                participation = iri(f"{event.value}/participation/{code}")
                self.graph.typed(participation, "dkg:Participation", f"{self._name(code, 'en')} ({role})",
                                 f"{self._name(code, 'de')} ({role})")
                self.graph.add(participation, "dkg:agent", state(code))
                self.graph.add(participation, "dkg:role", vocab("role", role))
                self.graph.add(event, "dkg:participation", participation)
                self.described.append(participation)
        if fact.date:
            self.graph.date(event, fact.date, fact.date.as_stated, self.language)
        return [event]

    def _place(self, place: Place, drafted: Drafted) -> ox.NamedNode:
        linked = self.entities.city(place.name, place.as_stated or place.name)
        node = iri(linked.iri)
        if linked.existing:
            _note(drafted, linked)
            return node
        german = place.as_stated if self.language == "de" and place.as_stated else place.name
        self.graph.typed(node, "dkg:City", place.name, german)
        if place.country in self.alpha3:
            self.graph.add(node, "dkg:locatedIn", state(self.alpha3[place.country]))
        if place.geonames_id:
            self.graph.add(node, "skos:exactMatch", ox.NamedNode(f"https://sws.geonames.org/{place.geonames_id}/"))
        self.described.append(node)
        return node

    def _mission(self, fact: MissionOpened, drafted: Drafted) -> list[ox.NamedNode]:
        concept, en_type, de_type = _MISSION_TYPES[fact.type]
        sending = fact.sending or "XXX"
        seat = slug(fact.seat.name) if fact.seat else "unknown-seat"
        mission = self.graph.typed(f"mission/{sending}-{concept}-{seat}", "dkg:DiplomaticMission",
                                   f"{en_type} of {self._name(sending, 'en')}" + (f" in {fact.seat.name}" if fact.seat
                                                                                  else ""),
                                   f"{de_type} von {self._name(sending, 'de')}" + (
                                       f" in {fact.seat.as_stated or fact.seat.name}" if fact.seat else ""))
        self.graph.add(mission, "dkg:missionType", vocab("mission-type", concept))
        if fact.sending:
            self.graph.add(mission, "dkg:sendingState", state(fact.sending))
        for covered in sorted(fact.covers):
            self.graph.add(mission, "dkg:covers", state(covered))
        resources = [mission]
        if fact.seat:
            self.graph.add(mission, "dkg:seat", self._place(fact.seat, drafted))
        if fact.date:
            opening = self.graph.typed(f"event/{fact.date.start}-opening-{sending}-{concept}-{seat}", "dkg:Event",
                                       f"Opening of the {en_type.lower()} of {self._name(sending, 'en')}",
                                       f"Eröffnung: {de_type} von {self._name(sending, 'de')}")
            self.graph.add(opening, "dkg:eventType", vocab("event-type", "mission-opening"))
            self.graph.add(opening, "dkg:concerns", mission)
            self.graph.date(opening, fact.date, fact.date.as_stated, self.language)
            self.graph.add(mission, "dkg:foundedBy", opening)
            resources.append(opening)
        return resources

    def _person(self, person: Person, drafted: Drafted) -> ox.NamedNode:
        linked = self.entities.person(person.name)
        node = iri(linked.iri)
        if linked.existing:
            _note(drafted, linked)
        else:
            self.graph.typed(node, "dkg:Person", person.name, person.name)
        return node

    def _head(self, fact: HeadOfMission, drafted: Drafted) -> list[ox.NamedNode]:
        if not (fact.sending and fact.receiving and fact.person):
            return []
        rank = "ambassador-extraordinary-and-plenipotentiary" if fact.rank == "ambassador" and _EXTRAORDINARY.search(
            fact.rank_as_stated or "") else fact.rank
        s, r = fact.sending, fact.receiving
        en, de = _RANKS[rank]
        post = self.graph.typed(f"post/{s}-{r}-{rank}", "dkg:HeadOfMissionPost",
                                f"{en} of {self._name(s, 'en')} to {self._name(r, 'en')}",
                                f"{de} {_genitive(self._name(s, 'de'))} in {self._name(r, 'de')}")
        self.graph.add(post, "dkg:sendingState", state(s))
        self.graph.add(post, "dkg:receivingState", state(r))
        self.graph.add(post, "dkg:rank", vocab("rank", rank))
        person = self._person(fact.person, drafted)
        tenure = self.graph.typed(f"tenure/{slug(fact.person.name)}-{s}-{r}", "dkg:Tenure",
                                  f"{fact.person.name}, {en} of {self._name(s, 'en')} to {self._name(r, 'en')}",
                                  f"{fact.person.name}, {de} {_genitive(self._name(s, 'de'))} in {self._name(r, 'de')}")
        self.graph.add(tenure, "dkg:ofPost", post)
        self.graph.add(tenure, "dkg:holder", person)
        if fact.rank_as_stated:
            self.graph.add(tenure, "dkg:rankAsStated", ox.Literal(fact.rank_as_stated, language=self.language))
        if fact.residence:
            city = self._place(fact.residence, drafted)
            self.graph.add(tenure, "dkg:residence", city)
            country = self.alpha3.get(fact.residence.country or "")
            if country:
                self.graph.add(tenure, "dkg:isResident", ox.Literal(str(country == r).lower(),
                                                                     datatype=ox.NamedNode(XSD + "boolean")))
        return [post, tenure, person]


def _genitive(name: str) -> str:
    """A German state name in the genitive, as the hand-written labels have it ("Rumäniens")."""
    return name if name.endswith(("s", "z", "x", "ß")) else name + "s"


def _note(drafted: Drafted, linked: Linked) -> None:
    if linked.reason and linked.reason not in drafted.reasons:
        drafted.reasons.append(linked.reason)
