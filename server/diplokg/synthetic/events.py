"""Bilateral events between two states, each stated by a German sentence of a synthetic source
document: visits, consultations, meetings, agreements, assistance and friendship groups."""

from __future__ import annotations

import datetime as dt
import random

import pyoxigraph as ox

from diplokg.synthetic.dates import StatedDate, random_day, stated
from diplokg.synthetic.document import Document, de, dkg, en, iri
from diplokg.synthetic.facts import cap, city, concept, dated_event, organization, participation, person, span_de, state
from diplokg.synthetic.plan import HORIZON, Profile, StateInfo, World, rng_for

SCHEMA = "http://schema.org/"
XSD_DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")


def bilateral_events(doc: Document, world: World, a: str, b: str, since: dt.date) -> None:
    """Visits, consultations, meetings, agreements, assistance and a friendship group between ``a``
    (the reporting state) and ``b``, year by year from ``since``."""
    rng = rng_for(world.seed, "events", a, b)
    sa, sb = world.states[a], world.states[b]
    pa, pb = world.profile(a), world.profile(b)
    n = 0
    for year in range(since.year + 1, HORIZON.year + 1):
        for kind, p in (("visit", 0.12), ("consultations", 0.1), ("meeting", 0.08), ("agreement", 0.07),
                        ("assistance", 0.04)):
            if rng.random() >= p:
                continue
            n += 1
            day = random_day(rng, dt.date(year, 1, 1), min(dt.date(year, 12, 31), HORIZON))
            key = f"synthetic-{a}-{b}-{n}"
            if kind == "visit":
                _visit(doc, rng, key, day, sa, sb, pa, pb)
            elif kind == "consultations":
                _consultations(doc, rng, key, day, sa, sb, pa, pb)
            elif kind == "meeting":
                _meeting(doc, rng, key, day, sa, sb, pa, pb)
            elif kind == "agreement":
                _agreement(doc, rng, key, day, sa, sb)
            else:
                _assistance(doc, rng, key, day, sa, sb)
    if rng.random() < 0.25:
        _friendship_group(doc, rng, a, b, random_day(rng, since, HORIZON), sa, sb)


def _visit(doc: Document, rng: random.Random, key: str, day: dt.date, sa: StateInfo, sb: StateInfo, pa: Profile,
           pb: Profile) -> None:
    minister = pa.holder("foreign-minister", day)
    if minister is None:
        return
    kind = rng.choice(("visit", "official-visit", "working-visit"))
    kind_de = {"visit": "Besuch", "official-visit": "offiziellen Besuch", "working-visit": "Arbeitsbesuch"}[kind]
    until: StatedDate | None
    if rng.random() < 0.3:
        start, until = StatedDate(day, "day"), StatedDate(day + dt.timedelta(days=rng.randint(1, 3)), "day")
        when_de = span_de(start, until)
    else:
        start, until = stated(rng, day, (5, 3, 2)), None
        when_de = start.german_phrase
    ev = doc.say(f"{cap(when_de)} stattete der Außenminister von {sa.name_de} {minister.name} "
                 f"{sb.name_de} einen {kind_de} ab.")
    event = dated_event(doc, iri(f"event/{key}-visit"), [kind], f"Visit of {minister.name} to {sb.name_en}",
                        f"Besuch von {minister.name} in {sb.name_de}", start, ev, until)
    doc.add(event, dkg("place"), city(sb.code))
    participation(doc, event, "visitor", person(minister.key), "visitor", state(sa.code),
                  f"{minister.name}, foreign minister of {sa.name_en}, visitor",
                  f"{minister.name}, Außenminister von {sa.name_de}, Besucher", ev, f"Außenminister von {sa.name_de}")
    host = pb.holder("foreign-minister", day)
    if host is not None and rng.random() < 0.6:
        ev2 = doc.say(f"Während des Besuchs traf er mit dem Außenminister von {sb.name_de} {host.name} zusammen.")
        doc.add(event, dkg("evidence"), ev2)
        participation(doc, event, "host", person(host.key), "host", state(sb.code),
                      f"{host.name}, host", f"{host.name}, Gastgeber", ev2, f"Außenminister von {sb.name_de}")
        doc.add(event, dkg("topic"), de("die bilaterale Zusammenarbeit"))
        doc.add(event, dkg("topic"), en("bilateral cooperation"))


def _consultations(doc: Document, rng: random.Random, key: str, day: dt.date, sa: StateInfo, sb: StateInfo,
                   pa: Profile, pb: Profile) -> None:
    when = stated(rng, day, (4, 4, 2))
    venue, venue_profile = rng.choice(((sa, pa), (sb, pb)))
    ev = doc.say(f"{cap(when.german_phrase)} fanden in {venue_profile.cities[0]} politische Konsultationen zwischen "
                 f"den Außenministerien von {sa.name_de} und {sb.name_de} statt.")
    event = dated_event(doc, iri(f"event/{key}-consultations"), ["political-consultations"],
                        f"Political consultations between {sa.name_en} and {sb.name_en}",
                        f"Politische Konsultationen zwischen {sa.name_de} und {sb.name_de}", when, ev)
    doc.add(event, dkg("between"), state(sa.code))
    doc.add(event, dkg("between"), state(sb.code))
    doc.add(event, dkg("place"), city(venue.code))
    for side, profile in ((sa, pa), (sb, pb)):
        deputy = profile.holder("deputy-foreign-minister", day)
        if deputy is not None:
            participation(doc, event, f"deputy-{side.code}", person(deputy.key), "head-of-delegation", state(side.code),
                          f"{deputy.name}, deputy foreign minister of {side.name_en}",
                          f"{deputy.name}, stellvertretender Außenminister von {side.name_de}", ev,
                          f"stellvertretender Außenminister von {side.name_de}")


def _meeting(doc: Document, rng: random.Random, key: str, day: dt.date, sa: StateInfo, sb: StateInfo, pa: Profile,
             pb: Profile) -> None:
    ours, theirs = pa.holder("deputy-foreign-minister", day), pb.holder("foreign-minister", day)
    if ours is None or theirs is None:
        return
    when = StatedDate(day, "day")
    ev = doc.say(f"Am {when.german} traf sich der stellvertretende Außenminister {ours.name} mit dem Außenminister "
                 f"von {sb.name_de} {theirs.name}.")
    event = dated_event(doc, iri(f"event/{key}-meeting"), ["meeting"], f"Meeting of {ours.name} and {theirs.name}",
                        f"Treffen von {ours.name} und {theirs.name}", when, ev)
    doc.add(event, dkg("between"), state(sa.code))
    doc.add(event, dkg("between"), state(sb.code))
    participation(doc, event, "a", person(ours.key), "participant", state(sa.code), f"{ours.name}, participant",
                  f"{ours.name}, Teilnehmer", ev, f"stellvertretender Außenminister von {sa.name_de}")
    participation(doc, event, "b", person(theirs.key), "participant", state(sb.code), f"{theirs.name}, participant",
                  f"{theirs.name}, Teilnehmer", ev, f"Außenminister von {sb.name_de}")


_SUBJECTS = (("Zusammenarbeit im Bereich der Bildung", "cooperation in education"),
             ("Zusammenarbeit im Bereich des Verkehrs", "cooperation in transport"),
             ("Förderung und gegenseitigen Schutz von Investitionen", "promotion and protection of investments"),
             ("Zusammenarbeit im Bereich der Kultur", "cultural cooperation"),
             ("Vermeidung der Doppelbesteuerung", "avoidance of double taxation"),
             ("Zusammenarbeit im Bereich der Gesundheit", "cooperation in health"))


def _agreement(doc: Document, rng: random.Random, key: str, day: dt.date, sa: StateInfo, sb: StateInfo) -> None:
    when = stated(rng, day, (7, 2, 1))
    subject_de, subject_en = rng.choice(_SUBJECTS)
    kind = rng.choice(("agreement", "agreement", "joint-declaration", "action-plan"))
    title = {"agreement": "Abkommen", "joint-declaration": "Gemeinsame Erklärung", "action-plan": "Aktionsplan"}[kind]
    title_de = f"{title} zwischen der Regierung von {sa.name_de} und der Regierung von {sb.name_de} über {subject_de}"
    ev = doc.say(f"{cap(when.german_phrase)} wurde das „{title_de}“ unterzeichnet.")
    agreement = doc.typed(iri(f"agreement/{key}"), "Agreement", f"{title} on {subject_en} ({sa.name_en}–{sb.name_en})",
                          title_de, ev)
    doc.add(agreement, dkg("agreementType"), concept("agreement-type", kind))
    doc.add(agreement, dkg("title"), de(title_de))
    doc.add(agreement, dkg("subject"), de(subject_de))
    doc.add(agreement, dkg("subject"), en(subject_en))
    for side in (sa, sb):
        doc.add(agreement, dkg("party"), organization("government", side.code))
    event = dated_event(doc, iri(f"event/{key}-signing"), ["agreement-signing"], f"Signing: {title} on {subject_en}",
                        f"Unterzeichnung: {title_de}", when, ev)
    doc.add(event, dkg("concerns"), agreement)
    doc.add(agreement, dkg("signing"), event)
    for side in (sa, sb):
        participation(doc, event, f"government-{side.code}", organization("government", side.code), "signatory",
                      state(side.code), f"Government of {side.name_en}, signatory",
                      f"Regierung von {side.name_de}, Unterzeichner", ev)


def _assistance(doc: Document, rng: random.Random, key: str, day: dt.date, sa: StateInfo, sb: StateInfo) -> None:
    when = stated(rng, day, (2, 3, 5))
    millions = rng.choice((0.5, 1, 1.5, 2, 3, 5, 7, 10, 25))
    value = int(millions * 1_000_000)
    stated_de = f"{str(millions).replace('.', ',').removesuffix(',0')} Millionen US-Dollar"
    ev = doc.say(f"{cap(when.german_phrase)} stellte {sa.name_de} {sb.name_de} {stated_de} für humanitäre "
                 "Projekte bereit.")
    event = dated_event(doc, iri(f"event/{key}-assistance"), ["financial-assistance"],
                        f"{sa.name_en} provides USD {value:,} to {sb.name_en}",
                        f"{sa.name_de} stellt {sb.name_de} {stated_de} bereit", when, ev)
    doc.add(event, dkg("provider"), state(sa.code))
    doc.add(event, dkg("recipient"), state(sb.code))
    doc.add(event, dkg("purpose"), de("für humanitäre Projekte"))
    doc.add(event, dkg("purpose"), en("for humanitarian projects"))
    amount = doc.typed(iri(f"amount/{key}-USD"), "MonetaryAmount", f"USD {value:,}", stated_de, ev)
    doc.add(amount, ox.NamedNode(SCHEMA + "value"), ox.Literal(f"{value}.0", datatype=XSD_DECIMAL))
    doc.add(amount, ox.NamedNode(SCHEMA + "currency"), ox.Literal("USD"))
    doc.add(amount, dkg("amountAsStated"), de(stated_de))
    doc.add(event, dkg("amount"), amount)


def _friendship_group(doc: Document, rng: random.Random, a: str, b: str, day: dt.date, sa: StateInfo,
                      sb: StateInfo) -> None:
    when = stated(rng, day, (6, 3, 1))
    ev = doc.say(f"{cap(when.german_phrase)} beschloss das Parlament von {sa.name_de} die Einrichtung einer "
                 f"Freundschaftsgruppe mit dem Parlament von {sb.name_de}.")
    group = doc.typed(organization("friendship-group", f"{a}-{b}"), "Organization",
                      f"Friendship group with the parliament of {sb.name_en}",
                      f"Freundschaftsgruppe mit dem Parlament von {sb.name_de}", ev)
    doc.add(group, dkg("organizationType"), concept("organization-type", "parliamentary-friendship-group"))
    doc.add(group, dkg("belongsToState"), state(a))
    doc.add(group, dkg("subOrganizationOf"), organization("parliament", a))
    event = dated_event(doc, iri(f"event/synthetic-friendship-group-{a}-{b}"), ["parliamentary-friendship-group"],
                        f"Decision to establish a friendship group with the parliament of {sb.name_en}",
                        f"Entscheidung zur Einrichtung einer Freundschaftsgruppe mit dem Parlament von {sb.name_de}",
                        when, ev)
    doc.add(event, dkg("between"), organization("parliament", a))
    doc.add(event, dkg("between"), organization("parliament", b))
    doc.add(event, dkg("concerns"), group)
    doc.add(group, dkg("foundedBy"), event)
    participation(doc, event, "parliament", organization("parliament", a), "decision-body", state(a),
                  f"Parliament of {sa.name_en}, deciding body", f"Parlament von {sa.name_de}, beschließendes Organ", ev)

