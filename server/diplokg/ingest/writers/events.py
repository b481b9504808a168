"""Events (visits, consultations, meetings, …) of vocab:event-type, numbered when a page states
two of the same type on the same day."""

from __future__ import annotations

import pyoxigraph as ox

from diplokg.ingest.facts import Drafted, Event
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


def event(w: Writer, fact: Event, drafted: Drafted) -> list[ox.NamedNode]:
    """An event, of its type of vocab:event-type."""
    codes = sorted(fact.related)
    path = f"event/{fact.date.start}-{fact.type}-{'-'.join(codes)}"
    w.events[path] = w.events.get(path, 0) + 1
    if w.events[path] > 1:
        path += f"-{w.events[path]}"
    names_en = " and ".join(w.name(c, "en") for c in codes)
    names_de = " und ".join(w.name(c, "de") for c in codes)
    en, de = _EVENT_LABELS.get(fact.type, (fact.type.replace("-", " ").capitalize(), "Ereignis"))
    event = w.graph.typed(path, "dkg:Event", f"{en} ({names_en}, {fact.date.as_stated or fact.date.start})",
                             f"{de} ({names_de}, {fact.date.as_stated or fact.date.start})")
    w.graph.add(event, "dkg:eventType", vocab("event-type", fact.type))
    for code in codes:
        w.graph.add(event, "dkg:between", state(code))
    w.graph.date(event, fact.date, fact.date.as_stated or None, w.language)
    if fact.place:
        w.graph.add(event, "dkg:place", w.place(fact.place, drafted))
    return [event]
