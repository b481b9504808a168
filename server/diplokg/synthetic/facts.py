"""Turn the synthetic plan into facts in our ontology, each stated by a German sentence of a
synthetic source document: state profiles (cities, government bodies, office holders), relations
with their establishment, missions with seats and covered states, posts and tenures (appointment
by decree, credentials, end, residence, non-resident and concurrent accreditations), and the events
and participations they are stated with (the bilateral events are in ``events``)."""

from __future__ import annotations

import datetime as dt
import random

import pyoxigraph as ox

from diplokg.synthetic.dates import StatedDate, random_day, stated, xsd_date
from diplokg.synthetic.document import Document, de, dkg, iri
from diplokg.synthetic.plan import HORIZON, StateInfo, TenurePlan, Unit, World, rng_for

VOCAB = "https://w3id.org/diplokg/vocab/"
XSD_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
OFFICES = {"president": ("President", "Präsident"), "foreign-minister": ("Foreign Minister", "Außenminister"),
           "deputy-foreign-minister": ("Deputy Foreign Minister", "stellvertretender Außenminister")}


def cap(text: str) -> str:
    """Upper-case the first letter only (str.capitalize would lower-case month names)."""
    return text[:1].upper() + text[1:]


def span_de(start: StatedDate, end: StatedDate) -> str:
    """"vom 15. Juni 1967 bis 1968", "von 1960 bis zum 2. Oktober 1962"."""
    first = f"vom {start.german}" if start.precision == "day" else f"von {start.german}"
    last = f"bis zum {end.german}" if end.precision == "day" else f"bis {end.german}"
    return f"{first} {last}"


def concept(scheme: str, name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{VOCAB}{scheme}/{name}")


def state(code: str) -> ox.NamedNode:
    return iri(f"state/{code}")


def boolean(value: bool) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=XSD_BOOLEAN)


def city(code: str, n: int = 0) -> ox.NamedNode:
    return iri(f"place/synthetic-{code}-{n}")


def person(key: str) -> ox.NamedNode:
    return iri(f"person/synthetic-{key}")


def organization(kind: str, code: str) -> ox.NamedNode:
    return iri(f"organization/synthetic-{kind}-{code}")


# ---- events and participations ----------------------------------------------------------------
def dated_event(doc: Document, node: ox.NamedNode, types: list[str], label_en: str, label_de: str,
                when: StatedDate | None, evidence: ox.NamedNode, until: StatedDate | None = None) -> ox.NamedNode:
    """An event with its types, and either one stated date or a span (``when`` .. ``until``)."""
    doc.typed(node, "Event", label_en, label_de, evidence)
    for t in types:
        doc.add(node, dkg("eventType"), concept("event-type", t))
    if when is not None and until is None:
        doc.add(node, dkg("date"), when.literal)
        doc.add(node, dkg("dateAsStated"), de(when.german))
        doc.add(node, dkg("earliestDate"), xsd_date(when.earliest))
        doc.add(node, dkg("latestDate"), xsd_date(when.latest))
    elif when is not None and until is not None:
        doc.add(node, dkg("startDate"), when.literal)
        doc.add(node, dkg("endDate"), until.literal)
        doc.add(node, dkg("dateAsStated"), de(f"{when.german} bis {until.german}"))
        doc.add(node, dkg("earliestDate"), xsd_date(when.earliest))
        doc.add(node, dkg("latestDate"), xsd_date(until.latest))
    return node


def participation(doc: Document, event: ox.NamedNode, slug: str, agent: ox.NamedNode, role: str,
                  behalf: ox.NamedNode, label_en: str, label_de: str, evidence: ox.NamedNode,
                  title_de: str | None = None) -> None:
    node = ox.NamedNode(f"{event.value}/participation/{slug}")
    doc.typed(node, "Participation", label_en, label_de, evidence)
    doc.add(event, dkg("participation"), node)
    doc.add(node, dkg("agent"), agent)
    doc.add(node, dkg("role"), concept("role", role))
    doc.add(node, dkg("onBehalfOf"), behalf)
    if title_de:
        doc.add(node, dkg("titleAsStated"), de(title_de))


# ---- state profiles ---------------------------------------------------------------------------
def profile_document(world: World, code: str) -> Document:
    """Cities, government, foreign ministry, parliament and office holders of one state."""
    profile = world.profile(code)
    s = profile.state
    doc = Document(f"synthetic-profile-{code}", f"profile of {s.name_en}", f"Profil von {s.name_de}", world.seed)
    for n, name in enumerate(profile.cities):
        ev = doc.say(f"{name} ist {'die Hauptstadt' if n == 0 else 'eine Stadt'} von {s.name_de}.")
        node = doc.typed(city(code, n), "City", name, name, ev)
        doc.add(node, dkg("locatedIn"), state(code))
    for kind, otype, name_en, name_de in (
            ("government", "government", f"Government of {s.name_en}", f"Regierung von {s.name_de}"),
            ("ministry-of-foreign-affairs", "ministry", f"Ministry of Foreign Affairs of {s.name_en}",
             f"Außenministerium von {s.name_de}"),
            ("parliament", "parliament", f"Parliament of {s.name_en}", f"Parlament von {s.name_de}")):
        ev = doc.say(f"Die Aufgaben der Institution „{name_de}“ sind in der Verfassung geregelt.")
        node = doc.typed(organization(kind, code), "Organization", name_en, name_de, ev)
        doc.add(node, dkg("organizationType"), concept("organization-type", otype))
        doc.add(node, dkg("belongsToState"), state(code))
    rng = rng_for(world.seed, "profile-text", code)
    for term in profile.terms:
        _, office_de = OFFICES[term.office]
        start, end = stated(rng, term.start, (2, 3, 5)), stated(rng, min(term.end, HORIZON), (2, 3, 5))
        ev = doc.say(f"{term.name} war {span_de(start, end)} {office_de} von {s.name_de}.")
        doc.typed(person(term.key), "Person", term.name, term.name, ev)
    return doc


# ---- relations --------------------------------------------------------------------------------
def relation_facts(doc: Document, world: World, a: str, b: str) -> None:
    """The relation between ``a`` and ``b``, its establishment and (sometimes) its legal framework."""
    x, y = sorted((a, b))
    sx, sy = world.states[x], world.states[y]
    spec = world.relation_established(x, y)
    when = StatedDate(spec.day, spec.precision)
    ev = doc.say(f"Die diplomatischen Beziehungen zwischen {sx.name_de} und {sy.name_de} wurden "
                 f"{when.german_phrase} aufgenommen.")
    rel = doc.typed(iri(f"relation/synthetic-{x}-{y}"), "DiplomaticRelation",
                    f"Diplomatic relations between {sx.name_en} and {sy.name_en}",
                    f"Diplomatische Beziehungen zwischen {sx.name_de} und {sy.name_de}", ev)
    doc.add(rel, dkg("relationBetween"), state(x))
    doc.add(rel, dkg("relationBetween"), state(y))
    event = dated_event(doc, iri(f"event/synthetic-establishment-of-relations-{x}-{y}"), ["establishment-of-relations"],
                        f"Establishment of diplomatic relations between {sx.name_en} and {sy.name_en}",
                        f"Aufnahme diplomatischer Beziehungen zwischen {sx.name_de} und {sy.name_de}", when, ev)
    doc.add(event, dkg("between"), state(x))
    doc.add(event, dkg("between"), state(y))
    doc.add(rel, dkg("establishedBy"), event)
    rng = rng_for(world.seed, "framework", x, y)
    if rng.random() < 0.4:
        status = rng.choice(("active", "active", "being-restored"))
        ev = doc.say(f"Der zwischenstaatliche Rechtsrahmen zwischen {sx.name_de} und {sy.name_de} ist "
                     f"{'in Kraft' if status == 'active' else 'im Wiederherstellungsprozess'}.")
        fw = doc.typed(iri(f"legal-framework/synthetic-{x}-{y}"), "LegalFramework",
                       f"Legal framework between {sx.name_en} and {sy.name_en}",
                       f"Rechtsrahmen zwischen {sx.name_de} und {sy.name_de}", ev)
        doc.add(fw, dkg("frameworkOf"), rel)
        doc.add(fw, dkg("status"), concept("status", status))


# ---- missions, posts, tenures -----------------------------------------------------------------
def mission_facts(doc: Document, world: World, unit: Unit) -> ox.NamedNode:
    sender = world.states[unit.sender]
    seat_city = world.profile(unit.seat_state).cities[0]
    rng = rng_for(world.seed, "mission", unit.sender, unit.seat_state)
    opened = stated(rng, unit.opened, (3, 3, 4))
    ev = doc.say(f"Die Botschaft von {sender.name_de} in {seat_city} wurde {opened.german_phrase} eröffnet.")
    node = doc.typed(iri(f"mission/synthetic-{unit.sender}-embassy-{unit.seat_state}"), "DiplomaticMission",
                     f"Embassy of {sender.name_en} in {seat_city}", f"Botschaft von {sender.name_de} in {seat_city}",
                     ev)
    doc.add(node, dkg("missionType"), concept("mission-type", "embassy"))
    doc.add(node, dkg("sendingState"), state(unit.sender))
    doc.add(node, dkg("seat"), city(unit.seat_state))
    doc.add(node, dkg("covers"), state(unit.seat_state))
    opening = dated_event(doc, iri(f"event/synthetic-opening-{unit.sender}-embassy-{unit.seat_state}"),
                          ["mission-opening"], f"Opening of the embassy of {sender.name_en} in {seat_city}",
                          f"Eröffnung der Botschaft von {sender.name_de} in {seat_city}", opened, ev)
    doc.add(opening, dkg("place"), city(unit.seat_state))
    doc.add(opening, dkg("concerns"), node)
    doc.add(node, dkg("foundedBy"), opening)
    if unit.also_covers:
        names = ", ".join(world.states[c].name_de for c in unit.also_covers)
        ev = doc.say(f"Die Botschaft von {sender.name_de} in {seat_city} ist auch für {names} zuständig.")
        doc.add(node, dkg("evidence"), ev)
        for covered in unit.also_covers:
            doc.add(node, dkg("covers"), state(covered))
    return node


def post_node(doc: Document, world: World, sender: str, receiver: str, evidence: ox.NamedNode) -> ox.NamedNode:
    s, r = world.states[sender], world.states[receiver]
    node = doc.typed(iri(f"post/synthetic-{sender}-{receiver}-ambassador-extraordinary-and-plenipotentiary"),
                     "HeadOfMissionPost", f"Ambassador Extraordinary and Plenipotentiary of {s.name_en} to {r.name_en}",
                     f"Außerordentlicher und bevollmächtigter Botschafter von {s.name_de} in {r.name_de}", evidence)
    doc.add(node, dkg("sendingState"), state(sender))
    doc.add(node, dkg("receivingState"), state(receiver))
    doc.add(node, dkg("rank"), concept("rank", "ambassador-extraordinary-and-plenipotentiary"))
    return node


def tenure_facts(doc: Document, world: World, plan: TenurePlan, sender: str, receiver: str, post: ox.NamedNode,
                 residence: tuple[str, int], rng: random.Random, holder_key: str | None = None) -> ox.NamedNode:
    """One tenure with its events; the holder is described here unless ``holder_key`` names a person
    already described (a concurrent accreditation of the same envoy)."""
    s, r = world.states[sender], world.states[receiver]
    res_state, res_n = residence
    res_city = world.profile(res_state).cities[res_n]
    resident = res_state == receiver
    title_de = f"Außerordentlicher und bevollmächtigter Botschafter von {s.name_de} in {r.name_de}"
    where = "" if resident else f" mit Sitz in {res_city}"
    holder = person(holder_key or f"{plan.key}-envoy")
    name = plan.holder_name
    node = iri(f"tenure/synthetic-{plan.key}")
    ev = doc.say(f"{title_de}{where} war {name}." if plan.ended else f"{title_de}{where} ist {name}.")
    if holder_key is None:
        doc.typed(holder, "Person", name, name, ev)
    doc.typed(node, "Tenure", f"{name}, ambassador of {s.name_en} to {r.name_en}",
              f"{name}, Botschafter von {s.name_de} in {r.name_de}", ev)
    doc.add(node, dkg("ofPost"), post)
    doc.add(node, dkg("holder"), holder)
    doc.add(node, dkg("rankAsStated"), de(title_de))
    doc.add(node, dkg("residence"), city(res_state, res_n))
    doc.add(node, dkg("isResident"), boolean(resident))
    if plan.first_holder:
        doc.add(node, dkg("isFirstHolder"), boolean(True))
    if plan.attested_only:
        _attestations(doc, plan, r, node, rng)
        return node
    if plan.with_appointment:
        _appointment(doc, world, plan, s, r, node, holder, rng)
    if plan.credentials is not None:
        _credentials(doc, world, plan, plan.credentials, s, r, node, holder, rng)
    if plan.ended is not None:
        _termination(doc, plan, plan.ended, r, node, rng)
    return node


def _attestations(doc: Document, plan: TenurePlan, r: StateInfo, node: ox.NamedNode, rng: random.Random) -> None:
    """A tenure the source only shows on some days: the holder meeting representatives of ``r``."""
    last = min(plan.ended or HORIZON, HORIZON)
    for day in sorted({random_day(rng, plan.appointed, last) for _ in range(rng.randint(1, 3))}):
        ev = doc.say(f"Am {StatedDate(day, 'day').german} traf sich Botschafter {plan.holder_name} mit Vertretern von "
                     f"{r.name_de}.")
        doc.add(node, dkg("attestedOn"), xsd_date(day))
        doc.add(node, dkg("evidence"), ev)


def _appointment(doc: Document, world: World, plan: TenurePlan, s: StateInfo, r: StateInfo, node: ox.NamedNode,
                 holder: ox.NamedNode, rng: random.Random) -> None:
    """The appointment of the holder of a tenure as ambassador of ``s`` to ``r``, sometimes by a
    decree of the president of ``s``."""
    name = plan.holder_name
    when = stated(rng, plan.appointed, (5, 3, 2))
    president = world.profile(s.code).holder("president", plan.appointed)
    decree = president is not None and rng.random() < 0.6
    ev = doc.say(f"{cap(when.german_phrase)} wurde {name} "
                 + (f"durch Erlass des Präsidenten {president.name} " if decree and president else "")
                 + f"zum Botschafter von {s.name_de} in {r.name_de} ernannt.")
    event = dated_event(doc, iri(f"event/synthetic-appointment-{plan.key}"), ["appointment"],
                        f"Appointment of {name} as ambassador of {s.name_en} to {r.name_en}",
                        f"Ernennung von {name} zum Botschafter von {s.name_de} in {r.name_de}", when, ev)
    doc.add(node, dkg("appointment"), event)
    participation(doc, event, "appointee", holder, "appointee", state(s.code), f"{name} as appointee",
                  f"{name} als Ernannter", ev)
    if decree and president:
        participation(doc, event, "appointing-authority", person(president.key), "appointing-authority",
                      state(s.code), f"{president.name} as appointing authority",
                      f"{president.name} als ernennende Stelle", ev, f"Präsident von {s.name_de}")
        act = doc.typed(iri(f"act/synthetic-decree-{plan.key}"), "Act",
                        f"Presidential decree appointing {name} ambassador to {r.name_en}",
                        f"Präsidialerlass zur Ernennung von {name} zum Botschafter in {r.name_de}", ev)
        doc.add(act, dkg("actType"), concept("act-type", "presidential-decree"))
        doc.add(act, dkg("issuedBy"), person(president.key))
        doc.add(act, dkg("issuerTitleAsStated"), de(f"Präsident von {s.name_de}"))
        doc.add(event, dkg("act"), act)


def _credentials(doc: Document, world: World, plan: TenurePlan, day: dt.date, s: StateInfo, r: StateInfo,
                 node: ox.NamedNode, holder: ox.NamedNode, rng: random.Random) -> None:
    """The presentation of credentials on ``day`` in the capital of ``r``, hosted by its president."""
    name = plan.holder_name
    when = stated(rng, day, (8, 2, 0))
    ev = doc.say(f"{cap(when.german_phrase)} überreichte {name} sein Beglaubigungsschreiben in "
                 f"{world.profile(r.code).cities[0]}.")
    event = dated_event(doc, iri(f"event/synthetic-credentials-{plan.key}"), ["credentials-presentation"],
                        f"{name} presents credentials in {r.name_en}",
                        f"{name} überreicht das Beglaubigungsschreiben in {r.name_de}", when, ev)
    doc.add(event, dkg("place"), city(r.code))
    doc.add(node, dkg("credentialsPresentation"), event)
    participation(doc, event, "envoy", holder, "participant", state(s.code), f"{name}, envoy",
                  f"{name}, Gesandter", ev)
    head = world.profile(r.code).holder("president", day)
    if head is not None:
        participation(doc, event, "host", person(head.key), "host", state(r.code), f"{head.name}, host",
                      f"{head.name}, Gastgeber", ev, f"Präsident von {r.name_de}")


def _termination(doc: Document, plan: TenurePlan, day: dt.date, r: StateInfo, node: ox.NamedNode,
                 rng: random.Random) -> None:
    """The end of a tenure on ``day``, with its reason if known."""
    name = plan.holder_name
    when = stated(rng, day, (5, 3, 2))
    ev = doc.say(f"{name} beendete {when.german_phrase} seine Tätigkeit als Botschafter in {r.name_de}.")
    event = dated_event(doc, iri(f"event/synthetic-end-{plan.key}"), ["end-of-tenure"],
                        f"End of {name}'s tenure in {r.name_en}", f"Ende der Amtszeit von {name} in {r.name_de}",
                        when, ev)
    doc.add(node, dkg("termination"), event)
    if plan.end_reason:
        doc.add(node, dkg("endReason"), concept("end-reason", plan.end_reason))
