"""Missions and their heads: id:mission/ROU-embassy-astana with its opening, and a post
(id:post/TJK-ROU-…) with the tenure of the person who holds it."""

from __future__ import annotations

import re

import pyoxigraph as ox

from diplokg.ingest.entities import slug
from diplokg.ingest.facts import Drafted, HeadOfMission, MissionOpened
from diplokg.ingest.rdf import XSD, state, vocab
from diplokg.ingest.writers.base import Writer

_MISSION_TYPES = {"embassy": ("embassy", "Embassy", "Botschaft"), "consulate": ("consulate", "Consulate", "Konsulat"),
                  "honorary-consulate": ("honorary-consulate", "Honorary consulate", "Honorarkonsulat"),
                  "representation": ("diplomatic-mission", "Representation", "Vertretung")}
_EXTRAORDINARY = re.compile(r"außerordentlich|extraordinary|чрезвычайн", re.I)
_RANKS = {"ambassador-extraordinary-and-plenipotentiary": ("Ambassador Extraordinary and Plenipotentiary",
                                                           "Außerordentlicher und bevollmächtigter Botschafter"),
          "ambassador": ("Ambassador", "Botschafter"), "charge-d-affaires": ("Chargé d'affaires", "Geschäftsträger")}


def mission(w: Writer, fact: MissionOpened, drafted: Drafted) -> list[ox.NamedNode]:
    concept, en_type, de_type = _MISSION_TYPES[fact.type]
    sending = fact.sending or "XXX"
    seat = slug(fact.seat.name) if fact.seat else "unknown-seat"
    mission = w.graph.typed(f"mission/{sending}-{concept}-{seat}", "dkg:DiplomaticMission",
                               f"{en_type} of {w.name(sending, 'en')}" + (f" in {fact.seat.name}" if fact.seat
                                                                              else ""),
                               f"{de_type} von {w.name(sending, 'de')}" + (
                                   f" in {fact.seat.as_stated or fact.seat.name}" if fact.seat else ""))
    w.graph.add(mission, "dkg:missionType", vocab("mission-type", concept))
    if fact.sending:
        w.graph.add(mission, "dkg:sendingState", state(fact.sending))
    for covered in sorted(fact.covers):
        w.graph.add(mission, "dkg:covers", state(covered))
    resources = [mission]
    if fact.seat:
        w.graph.add(mission, "dkg:seat", w.place(fact.seat, drafted))
    if fact.date:
        opening = w.graph.typed(f"event/{fact.date.start}-opening-{sending}-{concept}-{seat}", "dkg:Event",
                                   f"Opening of the {en_type.lower()} of {w.name(sending, 'en')}",
                                   f"Eröffnung: {de_type} von {w.name(sending, 'de')}")
        w.graph.add(opening, "dkg:eventType", vocab("event-type", "mission-opening"))
        w.graph.add(opening, "dkg:concerns", mission)
        w.graph.date(opening, fact.date, fact.date.as_stated, w.language)
        w.graph.add(mission, "dkg:foundedBy", opening)
        resources.append(opening)
    return resources


def head(w: Writer, fact: HeadOfMission, drafted: Drafted) -> list[ox.NamedNode]:
    if not (fact.sending and fact.receiving and fact.person):
        return []
    rank = "ambassador-extraordinary-and-plenipotentiary" if fact.rank == "ambassador" and _EXTRAORDINARY.search(
        fact.rank_as_stated or "") else fact.rank
    s, r = fact.sending, fact.receiving
    en, de = _RANKS[rank]
    post = w.graph.typed(f"post/{s}-{r}-{rank}", "dkg:HeadOfMissionPost",
                            f"{en} of {w.name(s, 'en')} to {w.name(r, 'en')}",
                            f"{de} {_genitive(w.name(s, 'de'))} in {w.name(r, 'de')}")
    w.graph.add(post, "dkg:sendingState", state(s))
    w.graph.add(post, "dkg:receivingState", state(r))
    w.graph.add(post, "dkg:rank", vocab("rank", rank))
    person = w.person(fact.person, drafted)
    tenure = w.graph.typed(f"tenure/{slug(fact.person.name)}-{s}-{r}", "dkg:Tenure",
                              f"{fact.person.name}, {en} of {w.name(s, 'en')} to {w.name(r, 'en')}",
                              f"{fact.person.name}, {de} {_genitive(w.name(s, 'de'))} in {w.name(r, 'de')}")
    w.graph.add(tenure, "dkg:ofPost", post)
    w.graph.add(tenure, "dkg:holder", person)
    if fact.rank_as_stated:
        w.graph.add(tenure, "dkg:rankAsStated", ox.Literal(fact.rank_as_stated, language=w.language))
    if fact.residence:
        city = w.place(fact.residence, drafted)
        w.graph.add(tenure, "dkg:residence", city)
        country = w.alpha3.get(fact.residence.country or "")
        if country:
            w.graph.add(tenure, "dkg:isResident", ox.Literal(str(country == r).lower(),
                                                                 datatype=ox.NamedNode(XSD + "boolean")))
    return [post, tenure, person]


def _genitive(name: str) -> str:
    """A German state name in the genitive, as the hand-written labels have it ("Rumäniens")."""
    return name if name.endswith(("s", "z", "x", "ß")) else name + "s"
