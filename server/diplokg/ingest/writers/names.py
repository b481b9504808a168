"""Name variants and organisation links, written as the seed graphs write them.

A variant is a ``skos:altLabel`` (in the page's language, and in the other label language where the
draft's label there repeats the name as written) of the person, organisation or city it names;
another order of the words or another spelling also gets a ``dkg:Interpretation`` (kind name-order
or spelling-variant), as "Kalandar Idibek" and "Tajhydro" have in data/sources.

Organisation links: ``dkg:memberOf``; a cooperation is an event of type cooperation with a
participation (role partner) of the organisation and of each partner; a founding is an event of
type founding that ``dkg:concerns`` the organisation (which is ``dkg:foundedBy`` it), with the
founder as ``dkg:organizer`` or the agreement it rests on as ``dkg:underAgreement`` (written by
writers.agreements: one resource with the agreement rules' draft of it, its parties the page's
organisations with their states)."""

from __future__ import annotations

import pyoxigraph as ox

from diplokg.ingest.entities import slug
from diplokg.ingest.facts import (
    Drafted,
    NameVariant,
    Organisation,
    OrganisationFact,
    OrganisationLink,
    Person,
    Place,
)
from diplokg.ingest.rdf import iri, state, vocab
from diplokg.ingest.writers.agreements import agreement, agreement_path
from diplokg.ingest.writers.base import Writer

_INTERPRETATIONS = {"order": "name-order", "spelling": "spelling-variant", "similar": "spelling-variant",
                    "renamed": "spelling-variant", "state-adjective": "coreference"}


def variant(w: Writer, fact: NameVariant, drafted: Drafted) -> list[ox.NamedNode]:
    """The entity, with the variant as an alternative label (and how it was read, where it is a reading)."""
    if fact.entity_kind == "organisation" and fact.organisation:
        node = w.organisation(fact.organisation, drafted)
    elif fact.entity_kind == "city" and fact.place:
        node = w.place(Place(fact.place.name, fact.place.geonames_id, fact.entity, fact.place.country), drafted)
    else:
        node = w.person(Person(fact.entity), drafted)
    w.graph.add(node, "skos:altLabel", ox.Literal(fact.variant, language=w.language))
    for language in _same_labels(w, node):  # a label that repeats the name as written: its variant too
        w.graph.add(node, "skos:altLabel", ox.Literal(fact.variant, language=language))
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


def _same_labels(w: Writer, node: ox.NamedNode) -> list[str]:
    """The other label languages in which the draft labels ``node`` as in the page's language."""
    labels = {q.object.language: q.object.value for q in w.graph.quads if q.subject == node
              and q.predicate.value.endswith("#label") and isinstance(q.object, ox.Literal)}
    mine = labels.get(w.language)
    return [lang for lang in ("en", "de") if lang != w.language and mine is not None and labels.get(lang) == mine]


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
    """One cooperation event per sentence: the organisation and every partner the sentence names
    (id:event/cooperation-ORGANISATION-PARTNER-…, after their IRIs), with the purpose as stated."""
    partners = fact.partners or (fact.other,)
    nodes = [_agent(w, p, drafted) for p in partners]
    en = " and ".join(_name(w, p, "en") for p in partners)
    de = " und ".join(_name(w, p, "de") for p in partners)
    path = "event/cooperation-" + "-".join(n.value.rsplit("/", 1)[-1] for n in (organisation, *nodes))
    event = w.graph.typed(path[:160], "dkg:Event", f"Cooperation of {fact.organisation.name} with {en}",
                          f"Zusammenarbeit von {fact.organisation.name} mit {de}")
    w.graph.add(event, "dkg:eventType", vocab("event-type", "cooperation"))
    if fact.purpose:
        w.graph.add(event, "dkg:purpose", ox.Literal(fact.purpose, language=w.language))
    for party, node in ((fact.organisation, organisation), (fact.other, _agent(w, fact.other, drafted))):
        participation = iri(f"{event.value}/participation/{node.value.rsplit('/', 1)[-1]}")
        w.graph.typed(participation, "dkg:Participation", f"{_name(w, party, 'en')}, partner",
                      f"{_name(w, party, 'de')}, Partner")
        w.graph.add(participation, "dkg:agent", node)
        w.graph.add(participation, "dkg:role", vocab("role", "partner"))
        w.graph.add(event, "dkg:participation", participation)
        w.described.append(participation)
    return event


def _founding(w: Writer, fact: OrganisationLink, organisation: ox.NamedNode, drafted: Drafted) -> ox.NamedNode:
    """The founding event; one resting on an agreement is ``dkg:underAgreement`` the agreement as the
    agreement writer names and writes it (the same resource as the agreement rules' draft of it)."""
    name = fact.organisation.name
    event = w.graph.typed(f"event/founding-{slug(name)}", "dkg:Event", f"Founding of {name}", f"Gründung von {name}")
    w.graph.add(event, "dkg:eventType", vocab("event-type", "founding"))
    w.graph.add(event, "dkg:concerns", organisation)
    w.graph.add(organisation, "dkg:foundedBy", event)
    if fact.relation == "founded-by":
        w.graph.add(event, "dkg:organizer", _agent(w, fact.other, drafted))
    elif fact.agreement is not None and fact.agreement.parties:
        w.described.extend(agreement(w, fact.agreement, drafted))
        w.graph.add(event, "dkg:underAgreement", iri(agreement_path(fact.agreement)))
    return event


def body(w: Writer, fact: OrganisationFact, drafted: Drafted) -> list[ox.NamedNode]:
    """An organisation with what the sentence states of it: its states, where it works, its status."""
    node = w.organisation(fact.organisation, drafted)
    for code in sorted(fact.states):
        w.graph.add(node, "dkg:belongsToState", state(code))
    if fact.located_in:
        w.graph.add(node, "dkg:locatedIn", state(fact.located_in))
    if fact.status:
        w.graph.add(node, "dkg:status", vocab("status", fact.status))
    return [node]
