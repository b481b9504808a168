"""Events (visits, consultations, meetings, …) of vocab:event-type, numbered when a page states
two of the same type on the same day, written as the seed graphs write them: the states it is
between, the date as stated, the place (a city; for a visit without one, the state visited), the
topic, the event it took place within (dkg:subEventOf), and one dkg:Participation per person (the
person as dkg:agent, the role of vocab:role, the title as stated, the state on whose behalf). An
event a later sentence speaks of again is the same resource: it gains that sentence's
participations and evidence."""

from __future__ import annotations

import pyoxigraph as ox

from diplokg.core.namespaces import ID
from diplokg.ingest.entities import slug
from diplokg.ingest.facts import Drafted, Event, Participant
from diplokg.ingest.rdf import state, vocab
from diplokg.ingest.writers.base import Writer

_EVENT_LABELS = {"visit": ("Visit", "Besuch"), "official-visit": ("Official visit", "Offizieller Besuch"),
                 "working-visit": ("Working visit", "Arbeitsbesuch"), "state-visit": ("State visit", "Staatsbesuch"),
                 "political-consultations": ("Political consultations", "Politische Konsultationen"),
                 "meeting": ("Meeting", "Treffen"), "conference": ("Conference", "Konferenz"),
                 "speech": ("Speech", "Rede"), "agreement-signing": ("Signing", "Unterzeichnung"),
                 "founding": ("Founding", "Gründung"),
                 "parliamentary-friendship-group": ("Parliamentary friendship group",
                                                    "Parlamentarische Freundschaftsgruppe"),
                 "commission-session": ("Commission session", "Kommissionssitzung"), "other": ("Event", "Ereignis")}
_PARTS = {"participant": ("participant", "Teilnehmer"), "visitor": ("visitor", "Besucher"),
          "speaker": ("speaker", "Redner"), "signatory": ("signatory", "Unterzeichner")}


def event(w: Writer, fact: Event, drafted: Drafted) -> list[ox.NamedNode]:
    """An event, of its type of vocab:event-type; the earlier event itself where the sentence speaks
    of one again."""
    earlier = _earlier(w, fact)
    if earlier is not None:
        _participations(w, earlier, fact.participants, drafted)
        w.event_nodes[fact] = earlier
        return [earlier]
    codes = sorted(fact.related)
    path = f"event/{fact.date.start}-{fact.type}-{'-'.join(codes)}"
    w.events[path] = w.events.get(path, 0) + 1
    if w.events[path] > 1:
        path += f"-{w.events[path]}"
    names_en = " and ".join(w.name(c, "en") for c in codes)
    names_de = " und ".join(w.name(c, "de") for c in codes)
    en, de = _EVENT_LABELS.get(fact.type, (fact.type.replace("-", " ").capitalize(), "Ereignis"))
    node = w.graph.typed(path, "dkg:Event", f"{en} ({names_en}, {fact.date.as_stated or fact.date.start})",
                         f"{de} ({names_de}, {fact.date.as_stated or fact.date.start})")
    w.graph.add(node, "dkg:eventType", vocab("event-type", fact.type))
    for code in codes:
        w.graph.add(node, "dkg:between", state(code))
    w.graph.date(node, fact.date, fact.date.as_stated or None, w.language)
    if fact.place:
        w.graph.add(node, "dkg:place", w.place(fact.place, drafted))
    elif fact.destination:
        w.graph.add(node, "dkg:place", state(fact.destination))
    if fact.topic:
        w.graph.add(node, "dkg:topic", ox.Literal(fact.topic, language="en"))
    parent = w.event_nodes.get(fact.sub_event_of) if fact.sub_event_of is not None else None
    if parent is not None:
        w.graph.add(node, "dkg:subEventOf", parent)
    _participations(w, node, fact.participants, drafted)
    w.event_nodes[fact] = node
    return [node]


def _earlier(w: Writer, fact: Event) -> ox.NamedNode | None:
    seen = fact.same_as
    while seen is not None:
        if seen in w.event_nodes:
            return w.event_nodes[seen]
        seen = seen.same_as
    return None


def _participations(w: Writer, node: ox.NamedNode, participants: tuple[Participant, ...], drafted: Drafted) -> None:
    for p in participants:
        if p.person is None:
            continue
        agent = w.person(p.person, drafted)
        w.described.append(agent)
        en, de = _PARTS.get(p.part, (p.part, p.part))
        participation = w.graph.typed(f"{node.value.removeprefix(ID)}/participation/{slug(p.person.name)}",
                                      "dkg:Participation", f"{p.person.name} as {en}", f"{p.person.name} als {de}")
        w.graph.add(participation, "dkg:agent", agent)
        w.graph.add(participation, "dkg:role", vocab("role", p.part))
        if p.person.title_as_stated:
            w.graph.add(participation, "dkg:titleAsStated", ox.Literal(p.person.title_as_stated, language=w.language))
        if p.on_behalf_of:
            w.graph.add(participation, "dkg:onBehalfOf", state(p.on_behalf_of))
        w.graph.add(node, "dkg:participation", participation)
        w.described.append(participation)
