"""Drafted facts as resources of our ontology, one module per group of kinds, named and shaped as
in the hand-written source files (id:relation/ROU-TJK, id:tenure/idibek-kalandar-TJK-ROU, …). Each
resource gets the sentence that states it as ``dkg:evidence``; a person or city the graph already
holds keeps its IRI; a new one is described with its name as written.

``base`` holds what the kinds share; ``states``, ``missions``, ``events`` … write one group of
kinds each and import only ``base`` (and the modules of ``ingest`` below it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyoxigraph as ox

from diplokg.ingest.facts import (
    Agreement,
    Assistance,
    Drafted,
    Event,
    HeadOfMission,
    LegalFramework,
    MissionOpened,
    NameVariant,
    OrganisationFact,
    OrganisationLink,
    PlannedAgreement,
    Recognition,
    RelationEstablished,
)
from diplokg.ingest.writers import agreements, events, heads, missions, names, states
from diplokg.ingest.writers.base import Writer

#: the writer of each kind of fact: (writer, fact, drafted) → the fact's resources
KINDS: dict[type, Callable[[Writer, Any, Drafted], list[ox.NamedNode]]] = {
    RelationEstablished: states.relation,
    Recognition: states.recognition,
    MissionOpened: missions.mission,
    HeadOfMission: heads.head,
    Event: events.event,
    NameVariant: names.variant,
    OrganisationLink: names.link,
    Agreement: agreements.agreement,
    Assistance: agreements.assistance,
    PlannedAgreement: agreements.planned,
    LegalFramework: states.framework,
    OrganisationFact: names.body,
}


class FactWriter(Writer):
    def write(self, drafted: Drafted, evidence: ox.NamedNode) -> list[ox.NamedNode]:
        """The resources of ``drafted``; each of them, and every new place, person or participation
        it describes, gets ``evidence``."""
        self.described = []
        resources = KINDS[type(drafted.fact)](self, drafted.fact, drafted)
        for resource in [*resources, *self.described]:
            self.graph.add(resource, "dkg:evidence", evidence)
        return resources
