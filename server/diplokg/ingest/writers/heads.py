"""Heads of mission as the seed graphs write them: a post (id:post/TJK-ROU-ambassador-extraordinary-
and-plenipotentiary) and the tenure of its holder (id:tenure/idibek-kalandar-TJK-ROU, keyed by the
holder's IRI) with its residence and whether it is resident; the presentation of credentials; the
appointment (an event with its date and its act, a presidential decree with its issuer and his title
as stated, and the participations of issuer and appointee); the first holder; the day the page shows
the holder in office; and a concurrent accreditation (id:concurrent/idibek-kalandar-vienna, keyed by
person and residence) grouping the tenures one person holds at the same time, each linked both ways.

"Botschafter … in Österreich Herr X gleichzeitig als Botschafter … in Rumänien (mit Sitz in Wien)
ernannt": every post of the group is held from the residence stated (Vienna), the one in the state
where it lies (Austria) as resident, an implied fact recorded as a ``dkg:Interpretation``. "Botschafter
… in Norwegen (mit Sitz in Wien) ist Herr X" on another page: a non-resident post whose residence is
a city from which the graph records another post of the same person joins that person's group from
there, as a reading with an open question (the page names neither the other post nor the overlap)."""

from __future__ import annotations

import re

import pyoxigraph as ox

from diplokg.core.namespaces import ID
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
    resident = _residence(w, tenure, fact.residence, fact.receiving, drafted) if fact.residence else None
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
    elif resident is False and (group := join_held_posts(w, fact, tenure, person, drafted)):
        resources.append(group)
    return resources


def _tenure(w: Writer, s: str, r: str, rank_read: str, rank_as_stated: str | None, person: Person,
            holder: ox.NamedNode) -> tuple[ox.NamedNode, ox.NamedNode]:
    """The post and the person's tenure of it (the same IRIs wherever a page states them: the tenure is
    keyed by the holder's IRI, also where the page writes his name otherwise)."""
    rank = "ambassador-extraordinary-and-plenipotentiary" if rank_read == "ambassador" and _EXTRAORDINARY.search(
        rank_as_stated or "") else rank_read
    en, de = _RANKS[rank]
    post = w.graph.typed(f"post/{s}-{r}-{rank}", "dkg:HeadOfMissionPost",
                         f"{en} of {w.name(s, 'en')} to {w.name(r, 'en')}",
                         f"{de} {genitive(w.name(s, 'de'))} in {w.name(r, 'de')}")
    w.graph.add(post, "dkg:sendingState", state(s))
    w.graph.add(post, "dkg:receivingState", state(r))
    w.graph.add(post, "dkg:rank", vocab("rank", rank))
    name = holder_name(w, holder, person.name)
    tenure = w.graph.typed(f"tenure/{key(holder)}-{s}-{r}", "dkg:Tenure",
                           f"{name}, {en} of {w.name(s, 'en')} to {w.name(r, 'en')}",
                           f"{name}, {de} {genitive(w.name(s, 'de'))} in {w.name(r, 'de')}")
    w.graph.add(tenure, "dkg:ofPost", post)
    w.graph.add(tenure, "dkg:holder", holder)
    if rank_as_stated:
        w.graph.add(tenure, "dkg:rankAsStated", ox.Literal(rank_as_stated, language=w.language))
    return post, tenure


def _appointment(w: Writer, fact: HeadOfMission, tenure: ox.NamedNode, person: ox.NamedNode,
                 drafted: Drafted) -> ox.NamedNode:
    """The appointment event of the tenure, with its act and the participations of issuer and appointee."""
    assert fact.person and fact.sending and fact.receiving
    s, r, name = fact.sending, fact.receiving, fact.person.name
    dated = f"{fact.appointed.start}-" if fact.appointed else ""
    event = w.graph.typed(f"event/{dated}appointment-{slug(name)}-{s}-{r}", "dkg:Event",
                          f"Appointment of {name} as ambassador of {w.name(s, 'en')} to {w.name(r, 'en')}",
                          f"Ernennung von {name} zum Botschafter {genitive(w.name(s, 'de'))} in {w.name(r, 'de')}")
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


def _residence(w: Writer, tenure: ox.NamedNode, residence: Place, receiving: str, drafted: Drafted) -> bool | None:
    """The tenure's residence and whether it lies in the receiving state (None where its state is unknown)."""
    w.graph.add(tenure, "dkg:residence", w.place(residence, drafted))
    country = w.alpha3.get(residence.country or "")
    if not country:
        return None
    w.graph.add(tenure, "dkg:isResident", ox.Literal(str(country == receiving).lower(), datatype=_BOOLEAN))
    return country == receiving


def _concurrent(w: Writer, fact: HeadOfMission, tenure: ox.NamedNode, person: ox.NamedNode,
                drafted: Drafted) -> ox.NamedNode:
    """The concurrent accreditation: this tenure and the person's other tenures the sentence states,
    all held from the residence the sentence gives (each resident where it lies in the receiving
    state), and the person's tenures the graph records from there that belong to no group yet."""
    assert fact.person
    name = holder_name(w, person, fact.person.name)
    where = slug(fact.residence.name) if fact.residence else "-".join(sorted(c.receiving for c in fact.concurrent_with))
    group = _group(w, f"concurrent/{key(person)}-{where}", name, person, fact.residence, drafted)
    tenures = [tenure]
    for other in fact.concurrent_with:
        post, other_tenure = _tenure(w, other.sending, other.receiving, other.rank, other.rank_as_stated, fact.person,
                                     person)
        w.described += [post, other_tenure]
        if fact.residence:
            _shared_residence(w, other_tenure, other.receiving, fact.residence, name, drafted)
        tenures.append(other_tenure)
    if fact.residence:
        city = w.place(fact.residence, drafted)
        stated = {t.value for t in tenures} | {fact.receiving or "", *(c.receiving for c in fact.concurrent_with)}
        held = [h for h in w.entities.tenures_from(person.value, city.value)
                if h.group is None and not {h.tenure, h.receiving or ""} & stated]
        if held:
            listed = ", ".join(_short(h.tenure) for h in held)
            drafted.reasons.append(f"the graph records {name}'s tenure(s) {listed} from the same residence: grouped "
                                   "with the concurrent posts")
            drafted.questions.append(f"are {listed} held concurrently with the posts of this sentence? The sentence "
                                     "does not name them")
            tenures += [ox.NamedNode(h.tenure) for h in held]
    include(w, group, tenures)
    return group


def _shared_residence(w: Writer, tenure: ox.NamedNode, receiving: str, residence: Place, name: str,
                      drafted: Drafted) -> None:
    """A concurrent post held from the residence the sentence gives (one residence for the group)."""
    stated = residence.as_stated or residence.name
    if _residence(w, tenure, residence, receiving, drafted):
        drafted.reasons.append(f"'{stated}', the residence of the concurrent posts, lies in {receiving}: the post in "
                               f"{receiving} is resident there")
        city_de = place_name(w, residence, "de", drafted)
        interpretation(w, tenure, f"{key(tenure)}-residence", (
            f"{name} resides in {residence.name}", f"{name} residiert in {city_de}"),
            f"The sentence gives the residence '{stated}' of the posts {name} holds concurrently; it is recorded "
            f"for each of them, and the post in {w.name(receiving, 'en')}, where {residence.name} lies, is resident.")
    else:
        drafted.reasons.append(f"the post in {receiving} is held from the same residence, '{stated}'")


def join_held_posts(w: Writer, fact: HeadOfMission, tenure: ox.NamedNode, person: ox.NamedNode,
                    drafted: Drafted) -> ox.NamedNode | None:
    """A non-resident post whose residence is a city from which the graph records another post of the
    same person: one of his concurrent accreditations from there. It joins the group of those posts
    (id:concurrent/PERSON-CITY, whichever source declared it), or founds it with them."""
    assert fact.person and fact.residence and fact.receiving
    city = w.place(fact.residence, drafted)
    held = [h for h in w.entities.tenures_from(person.value, city.value)
            if h.tenure != tenure.value and h.receiving != fact.receiving]
    groups = sorted({h.group for h in held if h.group})
    if not held or len(groups) > 1:
        return None
    name = holder_name(w, person, fact.person.name)
    group = ox.NamedNode(groups[0]) if groups else \
        _group(w, f"concurrent/{key(person)}-{slug(fact.residence.name)}", name, person, fact.residence, drafted)
    include(w, group, [tenure, *(ox.NamedNode(h.tenure) for h in held if not h.group)])
    stated, listed = fact.residence.as_stated or fact.residence.name, ", ".join(_short(h.tenure) for h in held)
    r = fact.receiving
    drafted.reasons.append(f"non-resident in {r}, from '{stated}', where the graph records {name}'s tenure(s) "
                           f"{listed}: read as one of his concurrent accreditations ({_short(group.value)})")
    drafted.questions.append(f"is the post in {r} held concurrently with {listed}? The page states only the "
                             f"residence '{stated}', not the other post nor that the periods overlap")
    drafted.confidence = min(drafted.confidence, 0.7)
    city_de = place_name(w, fact.residence, "de", drafted)
    interpretation(w, tenure, f"{key(tenure)}-concurrent", (
        f"The accreditation to {w.name(r, 'en')} is part of {name}'s concurrent accreditations from "
        f"{fact.residence.name}",
        f"Die Akkreditierung in {w.name(r, 'de')} gehört zur Mehrfachakkreditierung von {name} mit Sitz in "
        f"{city_de}"),
        f"The page states the post and the residence ('{stated}'), which lies outside the receiving state; the "
        f"graph records another post of the same person held from there ({listed}), so the tenure is grouped with "
        "his concurrent accreditations from that residence. The page does not say that the periods overlap.")
    return group


def _group(w: Writer, path: str, name: str, person: ox.NamedNode, residence: Place | None,
           drafted: Drafted) -> ox.NamedNode:
    """A concurrent accreditation of ``person`` from ``residence`` (keyed by both, so that the drafts of
    several pages meet in it)."""
    place_en = f" from {residence.name}" if residence else ""
    place_de = f" mit Sitz in {place_name(w, residence, 'de', drafted)}" if residence else ""
    group = w.graph.typed(path, "dkg:ConcurrentAccreditation", f"{name}'s concurrent accreditations{place_en}",
                          f"Mehrfachakkreditierung von {name}{place_de}")
    w.graph.add(group, "dkg:holder", person)
    if residence:
        w.graph.add(group, "dkg:residence", w.place(residence, drafted))
    return group


def include(w: Writer, group: ox.NamedNode, tenures: list[ox.NamedNode]) -> None:
    """The tenures of a group, linked both ways."""
    for t in tenures:
        w.graph.add(group, "dkg:includesTenure", t)
        w.graph.add(t, "dkg:concurrentAccreditation", group)


def interpretation(w: Writer, node: ox.NamedNode, path: str, labels: tuple[str, str], comment: str) -> None:
    """An implied fact the draft records on ``node`` (a reading of the context, not the sentence's words)."""
    reading = w.graph.typed(f"interpretation/{path}", "dkg:Interpretation", *labels)
    w.graph.add(reading, "dkg:interpretationKind", vocab("interpretation-kind", "implied-fact"))
    w.graph.add(reading, "rdfs:comment", ox.Literal(comment, language="en"))
    w.graph.add(node, "dkg:interpretation", reading)


def holder_name(w: Writer, holder: ox.NamedNode, name: str) -> str:
    """The holder's name as the graph labels him (the page's form for a new person)."""
    return w.entities.label(holder.value, "en") or name


def place_name(w: Writer, place: Place, language: str, drafted: Drafted) -> str:
    """A city's name in ``language``: the graph's label, else as the page states it (German pages), else
    its English name."""
    label = w.entities.label(w.place(place, drafted).value, language)
    return label or (place.as_stated if w.language == language and place.as_stated else place.name)


def key(node: ox.NamedNode) -> str:
    """The last segment of an IRI (a person's key in the IRIs of his tenures and groups)."""
    return node.value.rsplit("/", 1)[-1]


def _short(value: str) -> str:
    return "id:" + value[len(ID):] if value.startswith(ID) else f"<{value}>"


def genitive(name: str) -> str:
    """A German state name in the genitive, as the hand-written labels have it ("Rumäniens")."""
    return name if name.endswith(("s", "z", "x", "ß")) else name + "s"
