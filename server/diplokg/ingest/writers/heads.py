"""Heads of mission as the seed graphs write them: a post (id:post/TJK-ROU-ambassador-extraordinary-
and-plenipotentiary) and the tenure of its holder (id:tenure/idibek-kalandar-TJK-ROU) with its
residence and whether it is resident; the presentation of credentials; the appointment (an event
with its date and its act, a presidential decree with its issuer and his title as stated, and the
participations of issuer and appointee); the first holder; the day the page shows the holder in
office; and a concurrent accreditation (id:concurrent/idibek-kalandar-vienna) grouping the tenures
one person holds at the same time, each tenure linked both ways."""

from __future__ import annotations

import re

import pyoxigraph as ox

from diplokg.ingest.entities import slug
from diplokg.ingest.facts import Drafted, HeadOfMission, Person, Place
from diplokg.ingest.rdf import XSD, state, vocab
from diplokg.ingest.writers.base import Writer

_EXTRAORDINARY = re.compile(r"außerordentlich|extraordinary|чрезвычайн", re.I)
_PRESIDENT = re.compile(r"präsident|president|президент", re.I)
_RANKS = {"ambassador-extraordinary-and-plenipotentiary": ("Ambassador Extraordinary and Plenipotentiary",
                                                           "Außerordentlicher und bevollmächtigter Botschafter"),
          "ambassador": ("Ambassador", "Botschafter"), "charge-d-affaires": ("Chargé d'affaires", "Geschäftsträger")}
_BOOLEAN = ox.NamedNode(XSD + "boolean")


def head(w: Writer, fact: HeadOfMission, drafted: Drafted) -> list[ox.NamedNode]:
    if not (fact.sending and fact.receiving and fact.person):
        return []
    person = w.person(fact.person, drafted)
    post, tenure = _tenure(w, fact.sending, fact.receiving, fact.rank, fact.rank_as_stated, fact.person, person)
    if fact.residence:
        _residence(w, tenure, fact.residence, fact.receiving, drafted)
    if fact.first_holder:
        w.graph.add(tenure, "dkg:isFirstHolder", ox.Literal("true", datatype=_BOOLEAN))
    if fact.attested_on and fact.attested_on.precision == "day":
        w.graph.add(tenure, "dkg:attestedOn", ox.Literal(fact.attested_on.start, datatype=ox.NamedNode(XSD + "date")))
    resources = [post, tenure, person]
    if fact.appointed or fact.act:
        resources.append(_appointment(w, fact, tenure, person, drafted))
    if fact.credentials:
        resources.append(_credentials(w, fact, tenure))
    if fact.concurrent_with:
        resources.append(_concurrent(w, fact, tenure, person, drafted))
    return resources


def _tenure(w: Writer, s: str, r: str, rank_read: str, rank_as_stated: str | None, person: Person,
            holder: ox.NamedNode) -> tuple[ox.NamedNode, ox.NamedNode]:
    """The post and the person's tenure of it (the same IRIs wherever the page states them)."""
    rank = "ambassador-extraordinary-and-plenipotentiary" if rank_read == "ambassador" and _EXTRAORDINARY.search(
        rank_as_stated or "") else rank_read
    en, de = _RANKS[rank]
    post = w.graph.typed(f"post/{s}-{r}-{rank}", "dkg:HeadOfMissionPost",
                         f"{en} of {w.name(s, 'en')} to {w.name(r, 'en')}",
                         f"{de} {_genitive(w.name(s, 'de'))} in {w.name(r, 'de')}")
    w.graph.add(post, "dkg:sendingState", state(s))
    w.graph.add(post, "dkg:receivingState", state(r))
    w.graph.add(post, "dkg:rank", vocab("rank", rank))
    tenure = w.graph.typed(f"tenure/{slug(person.name)}-{s}-{r}", "dkg:Tenure",
                           f"{person.name}, {en} of {w.name(s, 'en')} to {w.name(r, 'en')}",
                           f"{person.name}, {de} {_genitive(w.name(s, 'de'))} in {w.name(r, 'de')}")
    w.graph.add(tenure, "dkg:ofPost", post)
    w.graph.add(tenure, "dkg:holder", holder)
    if rank_as_stated:
        w.graph.add(tenure, "dkg:rankAsStated", ox.Literal(rank_as_stated, language=w.language))
    return post, tenure


def _residence(w: Writer, tenure: ox.NamedNode, residence: Place, receiving: str, drafted: Drafted) -> None:
    w.graph.add(tenure, "dkg:residence", w.place(residence, drafted))
    country = w.alpha3.get(residence.country or "")
    if country:
        w.graph.add(tenure, "dkg:isResident", ox.Literal(str(country == receiving).lower(), datatype=_BOOLEAN))


def _appointment(w: Writer, fact: HeadOfMission, tenure: ox.NamedNode, person: ox.NamedNode,
                 drafted: Drafted) -> ox.NamedNode:
    """The appointment event of the tenure, with its act and the participations of issuer and appointee."""
    assert fact.person and fact.sending and fact.receiving
    s, r, name = fact.sending, fact.receiving, fact.person.name
    dated = f"{fact.appointed.start}-" if fact.appointed else ""
    event = w.graph.typed(f"event/{dated}appointment-{slug(name)}-{s}-{r}", "dkg:Event",
                          f"Appointment of {name} as ambassador of {w.name(s, 'en')} to {w.name(r, 'en')}",
                          f"Ernennung von {name} zum Botschafter {_genitive(w.name(s, 'de'))} in {w.name(r, 'de')}")
    w.graph.add(event, "dkg:eventType", vocab("event-type", "appointment"))
    if fact.appointed:
        w.graph.date(event, fact.appointed, fact.appointed.as_stated or None, w.language)
    w.graph.add(tenure, "dkg:appointment", event)
    _participation(w, event, person, name, "appointee", s)
    if fact.act and fact.by and _PRESIDENT.search(fact.by.title_as_stated or ""):
        issuer = w.person(fact.by, drafted)
        w.described.append(issuer)
        act = w.graph.typed(f"act/{dated}decree-appointment-{slug(name)}", "dkg:Act",
                            f"Presidential decree appointing {name} ambassador to {w.name(r, 'en')}",
                            f"Präsidialdekret zur Ernennung von {name} zum Botschafter in {w.name(r, 'de')}")
        w.graph.add(act, "dkg:actType", vocab("act-type", "presidential-decree"))
        w.graph.add(act, "dkg:issuedBy", issuer)
        w.graph.add(act, "dkg:issuerTitleAsStated", ox.Literal(fact.by.title_as_stated or "", language=w.language))
        w.graph.add(event, "dkg:act", act)
        w.described.append(act)
        _participation(w, event, issuer, fact.by.name, "appointing-authority", s, fact.by.title_as_stated)
    elif fact.act:
        question = "the decree's issuer is not named as a president: its act is not written (vocab:act-type)"
        if question not in drafted.questions:
            drafted.questions.append(question)
    return event


def _credentials(w: Writer, fact: HeadOfMission, tenure: ox.NamedNode) -> ox.NamedNode:
    """The presentation of the holder's credentials (the start of his functions, VCDR Art. 13)."""
    assert fact.person and fact.sending and fact.receiving and fact.credentials
    s, r, name, day = fact.sending, fact.receiving, fact.person.name, fact.credentials
    event = w.graph.typed(f"event/{day.start}-credentials-{slug(name)}-{s}-{r}", "dkg:Event",
                          f"{name} presents his credentials to {w.name(r, 'en')}",
                          f"{name} überreicht {w.name(r, 'de')} sein Beglaubigungsschreiben")
    w.graph.add(event, "dkg:eventType", vocab("event-type", "credentials-presentation"))
    w.graph.add(event, "dkg:between", state(s))
    w.graph.add(event, "dkg:between", state(r))
    w.graph.date(event, day, day.as_stated or None, w.language)
    w.graph.add(tenure, "dkg:credentialsPresentation", event)
    return event


def _participation(w: Writer, event: ox.NamedNode, agent: ox.NamedNode, name: str, role: str, on_behalf_of: str,
                   title: str | None = None) -> None:
    labels = {"appointee": ("appointee", "Ernannter"), "appointing-authority": ("appointing authority",
                                                                                 "ernennende Stelle")}[role]
    node = w.graph.typed(f"{event.value}/participation/{slug(name)}", "dkg:Participation", f"{name} as {labels[0]}",
                         f"{name} als {labels[1]}")
    w.graph.add(node, "dkg:agent", agent)
    w.graph.add(node, "dkg:role", vocab("role", role))
    w.graph.add(node, "dkg:onBehalfOf", state(on_behalf_of))
    if title:
        w.graph.add(node, "dkg:titleAsStated", ox.Literal(title, language=w.language))
    w.graph.add(event, "dkg:participation", node)
    w.described.append(node)


def _concurrent(w: Writer, fact: HeadOfMission, tenure: ox.NamedNode, person: ox.NamedNode,
                drafted: Drafted) -> ox.NamedNode:
    """The concurrent accreditation: this tenure and the person's other tenures the sentence states."""
    assert fact.person
    name = fact.person.name
    where = slug(fact.residence.name) if fact.residence else "-".join(sorted(c.receiving for c in fact.concurrent_with))
    place_en = f" from {fact.residence.name}" if fact.residence else ""
    place_de = f" mit Sitz in {fact.residence.as_stated or fact.residence.name}" if fact.residence else ""
    group = w.graph.typed(f"concurrent/{slug(name)}-{where}", "dkg:ConcurrentAccreditation",
                          f"{name}'s concurrent accreditations{place_en}",
                          f"Mehrfachakkreditierung von {name}{place_de}")
    w.graph.add(group, "dkg:holder", person)
    if fact.residence:
        w.graph.add(group, "dkg:residence", w.place(fact.residence, drafted))
    tenures = [tenure]
    for other in fact.concurrent_with:
        post, other_tenure = _tenure(w, other.sending, other.receiving, other.rank, other.rank_as_stated, fact.person,
                                     person)
        w.described += [post, other_tenure]
        tenures.append(other_tenure)
    for t in tenures:
        w.graph.add(group, "dkg:includesTenure", t)
        w.graph.add(t, "dkg:concurrentAccreditation", group)
    return group


def _genitive(name: str) -> str:
    """A German state name in the genitive, as the hand-written labels have it ("Rumäniens")."""
    return name if name.endswith(("s", "z", "x", "ß")) else name + "s"
