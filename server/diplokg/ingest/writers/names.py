"""Name variants and organisation links, written as the seed graphs write them.

A variant is a ``skos:altLabel`` (in the page's language) of the person, organisation or city it
names; another order of the words or another spelling also gets a ``dkg:Interpretation`` (kind
name-order or spelling-variant), as "Kalandar Idibek" and "Tajhydro" have in data/sources.

Organisation links: ``dkg:memberOf``; a cooperation is an event of type cooperation with a
participation (role partner) of the organisation and of each partner; a founding is an event of
type founding that ``dkg:concerns`` the organisation (which is ``dkg:foundedBy`` it), with the
founder as ``dkg:organizer`` or the agreement it rests on as ``dkg:underAgreement`` (an agreement of
the parties the sentence names)."""

from __future__ import annotations

import re

import pyoxigraph as ox

from diplokg.ingest.entities import slug
from diplokg.ingest.facts import Drafted, NameVariant, Organisation, OrganisationLink, Person, Place
from diplokg.ingest.rdf import iri, state, vocab
from diplokg.ingest.writers.base import Writer

_INTERPRETATIONS = {"order": "name-order", "spelling": "spelling-variant", "similar": "spelling-variant",
                    "renamed": "spelling-variant", "state-adjective": "coreference"}
_JOINT = re.compile(r"gemeinsam|joint|совместн", re.I)
_DECLARATION = re.compile(r"erklärung|declaration|декларац", re.I)


def variant(w: Writer, fact: NameVariant, drafted: Drafted) -> list[ox.NamedNode]:
    """The entity, with the variant as an alternative label (and how it was read, where it is a reading)."""
    if fact.entity_kind == "organisation" and fact.organisation:
        node = w.organisation(fact.organisation, drafted)
    elif fact.entity_kind == "city" and fact.place:
        node = w.place(Place(fact.place.name, fact.place.geonames_id, fact.entity, fact.place.country), drafted)
    else:
        node = w.person(Person(fact.entity), drafted)
    w.graph.add(node, "skos:altLabel", ox.Literal(fact.variant, language=w.language))
    kind = _INTERPRETATIONS.get(fact.relation)
    if kind:
        interpretation = w.graph.typed(f"interpretation/{slug(fact.variant)}-is-{slug(fact.entity)}",
                                       "dkg:Interpretation", f"'{fact.variant}' is {fact.entity}",
                                       f"'{fact.variant}' ist {fact.entity}")
        w.graph.add(interpretation, "dkg:interpretationKind", vocab("interpretation-kind", kind))
        w.graph.add(interpretation, "rdfs:comment", ox.Literal(
            f"The page names '{fact.entity}' also '{fact.variant}' ({kind.replace('-', ' ')}); both are read as "
            f"one {fact.entity_kind}, the later form kept as an alternative label.", language="en"))
        w.graph.add(node, "dkg:interpretation", interpretation)
    return [node]


def link(w: Writer, fact: OrganisationLink, drafted: Drafted) -> list[ox.NamedNode]:
    organisation = w.organisation(fact.organisation, drafted)
    if fact.relation == "member-of" and isinstance(fact.other, Organisation):
        other = w.organisation(fact.other, drafted)
        w.graph.add(organisation, "dkg:memberOf", other)
        return [organisation, other]
    if fact.relation == "cooperates-with":
        return [organisation, _cooperation(w, fact, organisation, drafted)]
    return [organisation, _founding(w, fact, organisation, drafted)]


def _agent(w: Writer, party: Organisation | str, drafted: Drafted) -> ox.NamedNode:
    return w.organisation(party, drafted) if isinstance(party, Organisation) else state(party)


def _name(w: Writer, party: Organisation | str, language: str) -> str:
    return party.name if isinstance(party, Organisation) else w.name(party, language)


def _cooperation(w: Writer, fact: OrganisationLink, organisation: ox.NamedNode, drafted: Drafted) -> ox.NamedNode:
    """One cooperation event per sentence: the organisation and every partner the sentence names."""
    partners = fact.partners or (fact.other,)
    en = " and ".join(_name(w, p, "en") for p in partners)
    de = " und ".join(_name(w, p, "de") for p in partners)
    path = f"event/cooperation-{slug(fact.organisation.name)}-" + "-".join(slug(_name(w, p, "en")) for p in partners)
    event = w.graph.typed(path[:160], "dkg:Event", f"Cooperation of {fact.organisation.name} with {en}",
                          f"Zusammenarbeit von {fact.organisation.name} mit {de}")
    w.graph.add(event, "dkg:eventType", vocab("event-type", "cooperation"))
    for party, node in ((fact.organisation, organisation), (fact.other, _agent(w, fact.other, drafted))):
        participation = iri(f"{event.value}/participation/{slug(_name(w, party, 'en'))}")
        w.graph.typed(participation, "dkg:Participation", f"{_name(w, party, 'en')}, partner",
                      f"{_name(w, party, 'de')}, Partner")
        w.graph.add(participation, "dkg:agent", node)
        w.graph.add(participation, "dkg:role", vocab("role", "partner"))
        w.graph.add(event, "dkg:participation", participation)
        w.described.append(participation)
    return event


def _founding(w: Writer, fact: OrganisationLink, organisation: ox.NamedNode, drafted: Drafted) -> ox.NamedNode:
    name = fact.organisation.name
    event = w.graph.typed(f"event/founding-{slug(name)}", "dkg:Event", f"Founding of {name}", f"Gründung von {name}")
    w.graph.add(event, "dkg:eventType", vocab("event-type", "founding"))
    w.graph.add(event, "dkg:concerns", organisation)
    w.graph.add(organisation, "dkg:foundedBy", event)
    if fact.relation == "founded-by":
        w.graph.add(event, "dkg:organizer", _agent(w, fact.other, drafted))
    elif fact.parties and isinstance(fact.other, str):
        w.graph.add(event, "dkg:underAgreement", _agreement(w, fact, fact.other, drafted))
    return event


def _agreement(w: Writer, fact: OrganisationLink, title: str, drafted: Drafted) -> ox.NamedNode:
    kind = "joint-declaration" if _JOINT.search(title) or _DECLARATION.search(title) else "agreement"
    agreement = w.graph.typed(f"agreement/{slug(title)}-founding-{slug(fact.organisation.name)}", "dkg:Agreement",
                              f"{title} (founding of {fact.organisation.name})",
                              f"{title} (Gründung von {fact.organisation.name})")
    w.graph.add(agreement, "dkg:agreementType", vocab("agreement-type", kind))
    w.graph.add(agreement, "dkg:title", ox.Literal(title, language=w.language))
    for party in fact.parties:
        w.graph.add(agreement, "dkg:party", _agent(w, party, drafted))
    w.described.append(agreement)
    return agreement
