"""Relations between states: diplomatic relations established (id:relation/ROU-TJK with its
establishing event), their legal framework (id:legal-framework/NOR-TJK with its status) and
recognitions of independence."""

from __future__ import annotations

import pyoxigraph as ox

from diplokg.ingest.facts import Drafted, LegalFramework, Recognition, RelationEstablished
from diplokg.ingest.rdf import iri, state, vocab
from diplokg.ingest.writers.base import Writer


def relation(w: Writer, fact: RelationEstablished, drafted: Drafted) -> list[ox.NamedNode]:
    codes = sorted(fact.states)
    if len(codes) != 2:
        return []
    a, b = codes
    relation = _relation(w, a, b)
    if fact.date is None:
        return [relation]
    event = w.graph.typed(f"event/{fact.date.start}-establishment-of-relations-{a}-{b}", "dkg:Event",
                             f"Establishment of diplomatic relations between {w.name(a, 'en')} and "
                             f"{w.name(b, 'en')}", f"Aufnahme diplomatischer Beziehungen zwischen "
                             f"{w.name(a, 'de')} und {w.name(b, 'de')}")
    w.graph.add(event, "dkg:eventType", vocab("event-type", "establishment-of-relations"))
    w.graph.add(event, "dkg:between", state(a))
    w.graph.add(event, "dkg:between", state(b))
    w.graph.date(event, fact.date, fact.date.as_stated, w.language)
    w.graph.add(relation, "dkg:establishedBy", event)
    return [relation, event]


def _relation(w: Writer, a: str, b: str) -> ox.NamedNode:
    """The diplomatic relation between two states (codes in order): id:relation/A-B."""
    relation = w.graph.typed(f"relation/{a}-{b}", "dkg:DiplomaticRelation",
                             f"Diplomatic relations between {w.name(a, 'en')} and {w.name(b, 'en')}",
                             f"Diplomatische Beziehungen zwischen {w.name(a, 'de')} und {w.name(b, 'de')}")
    w.graph.add(relation, "dkg:relationBetween", state(a))
    w.graph.add(relation, "dkg:relationBetween", state(b))
    return relation


def framework(w: Writer, fact: LegalFramework, drafted: Drafted) -> list[ox.NamedNode]:
    """The legal framework of a relation (id:legal-framework/A-B) with its status, and the relation."""
    a, b = sorted(fact.states)
    relation = _relation(w, a, b)
    node = w.graph.typed(f"legal-framework/{a}-{b}", "dkg:LegalFramework",
                         f"Legal framework of the relations between {w.name(a, 'en')} and {w.name(b, 'en')}",
                         f"Rechtsrahmen der Beziehungen zwischen {w.name(a, 'de')} und {w.name(b, 'de')}")
    w.graph.add(node, "dkg:frameworkOf", relation)
    w.graph.add(node, "dkg:status", vocab("status", fact.status))
    return [node, relation]


def recognition(w: Writer, fact: Recognition, drafted: Drafted) -> list[ox.NamedNode]:
    by, of = fact.recognising or "XXX", fact.recognised or "XXX"
    date = fact.date.start if fact.date else "undated"
    event = w.graph.typed(f"event/{date}-recognition-{by}-{of}", "dkg:Event",
                             f"Recognition of {w.name(of, 'en')}'s independence by {w.name(by, 'en')}",
                             f"Anerkennung der Unabhängigkeit von {w.name(of, 'de')} durch "
                             f"{w.name(by, 'de')}")
    w.graph.add(event, "dkg:eventType", vocab("event-type", "recognition"))
    for code, role in ((fact.recognising, "recognising-state"), (fact.recognised, "recognised-state")):
        if code:
            w.graph.add(event, "dkg:between", state(code))
            participation = iri(f"{event.value}/participation/{code}")
            w.graph.typed(participation, "dkg:Participation", f"{w.name(code, 'en')} ({role})",
                             f"{w.name(code, 'de')} ({role})")
            w.graph.add(participation, "dkg:agent", state(code))
            w.graph.add(participation, "dkg:role", vocab("role", role))
            w.graph.add(event, "dkg:participation", participation)
            w.described.append(participation)
    if fact.date:
        w.graph.date(event, fact.date, fact.date.as_stated, w.language)
    return [event]
