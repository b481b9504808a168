"""Events (visits, consultations, meetings, …) of vocab:event-type, numbered when a page states
two of the same type on the same day, written as the seed graphs write them: the states (or the
organisations) it is between, the date as stated, the place (a city; for a visit without one, the
state visited), the topic, its title, occasion and topics in the page's words, the event it took
place within (dkg:subEventOf), and one dkg:Participation per person or organisation (the agent,
the role of vocab:role, the title as stated, the state on whose behalf; an organiser is also the
event's dkg:organizer; a delegation is an organisation of its own, of its state and, where stated,
a member of the organisation it is a delegation to). How an imperfect sentence was read is a
dkg:Interpretation (merged-statement, garbled-sentence). An event a later sentence speaks of again
is the same resource: it gains that sentence's participations, topics and evidence."""

from __future__ import annotations

import re

import pyoxigraph as ox

from diplokg.core.namespaces import ID
from diplokg.ingest.entities import slug
from diplokg.ingest.facts import Drafted, Event, Participant, Reading
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
          "speaker": ("speaker", "Redner"), "signatory": ("signatory", "Unterzeichner"),
          "head-of-delegation": ("head of delegation", "Delegationsleiter"), "organizer": ("organiser", "Veranstalter"),
          "delegation": ("delegation", "Delegation"), "decision-body": ("deciding body", "beschließendes Organ")}
_READINGS = {"merged-statement": ("One sentence read as several statements", "Ein Satz als mehrere Aussagen gelesen"),
             "garbled-sentence": ("Reading of an imperfect sentence", "Lesart eines fehlerhaften Satzes")}


def event(w: Writer, fact: Event, drafted: Drafted) -> list[ox.NamedNode]:
    """An event, of its type of vocab:event-type; the earlier event itself where the sentence speaks
    of one again."""
    earlier = _earlier(w, fact)
    if earlier is not None:
        _participations(w, earlier, fact.participants, drafted)
        _stated(w, earlier, fact)
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
    for side in [w.organisation(o, drafted) for o in fact.between] or [state(code) for code in codes]:
        w.graph.add(node, "dkg:between", side)
    w.graph.date(node, fact.date, fact.date.as_stated or None, w.language)
    if fact.place:
        w.graph.add(node, "dkg:place", w.place(fact.place, drafted))
    elif fact.destination:
        w.graph.add(node, "dkg:place", state(fact.destination))
    if fact.topic:
        w.graph.add(node, "dkg:topic", ox.Literal(fact.topic, language="en"))
    _stated(w, node, fact)
    if fact.reading is not None:
        _reading(w, node, path, fact.reading)
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


def _stated(w: Writer, node: ox.NamedNode, fact: Event) -> None:
    """Title, occasion and topics, in the words of the page."""
    for prop, value in (("dkg:title", fact.title), ("dkg:occasion", fact.occasion)):
        if value:
            w.graph.add(node, prop, ox.Literal(value, language=w.language))
    for topic in fact.topics:
        w.graph.add(node, "dkg:topic", ox.Literal(topic, language=w.language))


def _reading(w: Writer, node: ox.NamedNode, path: str, reading: Reading) -> None:
    en, de = _READINGS.get(reading.kind, ("Reading of the sentence", "Lesart des Satzes"))
    interpretation = w.graph.typed(f"interpretation/{path.removeprefix('event/')}-{reading.kind}",
                                   "dkg:Interpretation", en, de)
    w.graph.add(interpretation, "dkg:interpretationKind", vocab("interpretation-kind", reading.kind))
    w.graph.add(interpretation, "rdfs:comment", ox.Literal(reading.comment, language="en"))
    w.graph.add(node, "dkg:interpretation", interpretation)


def _agent(w: Writer, p: Participant, drafted: Drafted, event: ox.NamedNode) -> tuple[ox.NamedNode, str] | None:
    """The participant's agent and its name: a person, an organisation, or a delegation."""
    if p.person is not None:
        return w.person(p.person, drafted), p.person.name
    if p.body is None:
        return None
    if p.part == "delegation":
        return delegation(w, p, drafted, event), p.organisation or p.body.name
    return w.organisation(p.body, drafted), p.body.name


def _participations(w: Writer, node: ox.NamedNode, participants: tuple[Participant, ...], drafted: Drafted) -> None:
    for p in participants:
        found = _agent(w, p, drafted, node)
        if found is None:
            continue
        agent, name = found
        w.described.append(agent)
        en, de = _PARTS.get(p.part, (p.part, p.part))
        participation = w.graph.typed(f"{node.value.removeprefix(ID)}/participation/{slug(name)}",
                                      "dkg:Participation", f"{name} as {en}", f"{name} als {de}")
        w.graph.add(participation, "dkg:agent", agent)
        w.graph.add(participation, "dkg:role", vocab("role", p.part))
        if p.part == "organizer":
            w.graph.add(node, "dkg:organizer", agent)
        stated = p.person.title_as_stated if p.person else p.organisation if p.part == "delegation" else None
        if stated:
            w.graph.add(participation, "dkg:titleAsStated", ox.Literal(stated, language=w.language))
        if p.on_behalf_of:
            w.graph.add(participation, "dkg:onBehalfOf", state(p.on_behalf_of))
        w.graph.add(node, "dkg:participation", participation)
        w.described.append(participation)


def delegation(w: Writer, p: Participant, drafted: Drafted, event: ox.NamedNode) -> ox.NamedNode:
    """A delegation of a state (to an organisation, where it is one of its delegations): an
    organisation of its own, named as the sentence names it."""
    body = p.body
    assert body is not None
    code = body.state or "XXX"
    member = w.organisation(p.member_of, drafted) if p.member_of is not None else None
    suffix = slug(p.member_of.name) if p.member_of is not None else event.value.removeprefix(ID + "event/")
    stated = (p.organisation or body.name)[:1].upper() + (p.organisation or body.name)[1:]
    to = f" to {p.member_of.name}" if p.member_of is not None else ""
    node = w.graph.typed(f"organization/delegation-{code}-{suffix}", "dkg:Organization",
                         f"Delegation of {w.name(code, 'en')}{to}" if w.language != "en" else stated, stated)
    parliamentary = member is not None and re.search(r"versammlung|assembl|parlament|ассамбле|парламент",
                                                     p.member_of.name if p.member_of else "", re.I)
    w.graph.add(node, "dkg:organizationType",
                vocab("organization-type", "parliamentary-delegation" if parliamentary else "delegation"))
    if body.state:
        w.graph.add(node, "dkg:belongsToState", state(body.state))
    if member is not None:
        w.graph.add(node, "dkg:memberOf", member)
    if w.language != "en":
        what = " and the name of what it is a delegation to, as written" if to else ""
        drafted.reasons.append(f"'{stated}' is named in '{w.language}' only: its English label is made of the "
                               f"state's English name{what}")
    w.described.append(node)
    return node
