"""Missions: id:mission/ROU-embassy-astana with its opening (their heads: ``heads``)."""

from __future__ import annotations

import pyoxigraph as ox

from diplokg.ingest.entities import slug
from diplokg.ingest.facts import Drafted, MissionOpened
from diplokg.ingest.rdf import state, vocab
from diplokg.ingest.writers.base import Writer

_MISSION_TYPES = {"embassy": ("embassy", "Embassy", "Botschaft"), "consulate": ("consulate", "Consulate", "Konsulat"),
                  "honorary-consulate": ("honorary-consulate", "Honorary consulate", "Honorarkonsulat"),
                  "representation": ("diplomatic-mission", "Representation", "Vertretung")}


def mission(w: Writer, fact: MissionOpened, drafted: Drafted) -> list[ox.NamedNode]:
    """A mission with its type, state, seat, the states it covers and its opening; a mission to an
    international organisation, which covers no state, as an organisation of its state
    (vocab:organization-type/permanent-mission) located in its seat."""
    concept, en_type, de_type = _MISSION_TYPES[fact.type]
    sending = fact.sending or "XXX"
    seat = slug(fact.seat.name) if fact.seat else "unknown-seat"
    in_en = f" in {fact.seat.name}" if fact.seat else ""
    in_de = f" in {fact.seat.as_stated or fact.seat.name}" if fact.seat else ""
    if fact.to_organisation:
        concept, en_type, de_type = "permanent-mission", "Permanent mission", "Ständige Vertretung"
        mission = w.graph.typed(f"organization/{sending}-permanent-mission-{seat}", "dkg:Organization",
                                f"{en_type} of {w.name(sending, 'en')}{in_en}",
                                f"{de_type} von {w.name(sending, 'de')}{in_de}")
        w.graph.add(mission, "dkg:organizationType", vocab("organization-type", concept))
        if fact.sending:
            w.graph.add(mission, "dkg:belongsToState", state(fact.sending))
        if fact.seat:
            w.graph.add(mission, "dkg:locatedIn", w.place(fact.seat, drafted))
    else:
        mission = w.graph.typed(f"mission/{sending}-{concept}-{seat}", "dkg:DiplomaticMission",
                                f"{en_type} of {w.name(sending, 'en')}{in_en}",
                                f"{de_type} von {w.name(sending, 'de')}{in_de}")
        w.graph.add(mission, "dkg:missionType", vocab("mission-type", concept))
        if fact.sending:
            w.graph.add(mission, "dkg:sendingState", state(fact.sending))
        for covered in sorted(fact.covers):
            w.graph.add(mission, "dkg:covers", state(covered))
        if fact.seat:
            w.graph.add(mission, "dkg:seat", w.place(fact.seat, drafted))
    resources = [mission]
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
