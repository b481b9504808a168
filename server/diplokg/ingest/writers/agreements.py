"""Agreements and assistance, as the seed graph of the Norway page has them: a dkg:Agreement
(id:agreement/DATE-TITLE) with its title, type (vocab:agreement-type), parties (states, or
organisations as named) and a signing event (event type agreement-signing, with its date and
place); assistance as a dkg:Event of type financial-assistance (technical-assistance where stated)
with its provider, recipient, purpose, year, amounts (dkg:MonetaryAmount: value, ISO 4217
currency, the wording, dkg:conversionOf for a bracketed conversion) and the agreement it is given
under; a sentence that lists several purposes is one event with a sub-event per purpose, each with
the organisation it was given through (dkg:channel) and the one it is about (dkg:concerns).
A party stated as a state's government is id:organization/government-XXX (type government, of
its state); a planned instrument is a dkg:Agreement with a dkg:status (possible, intended) and no
signing (id:agreement/ROU-TJK-possible-agreement-or-action-plan)."""

from __future__ import annotations

import re

import pyoxigraph as ox

from diplokg.ingest.entities import slug
from diplokg.ingest.facts import Agreement, Assistance, Drafted, Organisation, PlannedAgreement
from diplokg.ingest.rdf import XSD, Graph, iri, state, vocab
from diplokg.ingest.writers.base import Writer, organisation_type

_TYPES = {"agreement": ("Agreement", "Abkommen"), "treaty": ("Treaty", "Vertrag"),
          "joint-declaration": ("Joint declaration", "Gemeinsame Erklärung"),
          "memorandum-of-understanding": ("Memorandum of understanding", "Absichtserklärung"),
          "joint-communique": ("Joint communiqué", "Gemeinsames Kommuniqué"), "protocol": ("Protocol", "Protokoll"),
          "action-plan": ("Action plan", "Aktionsplan"),
          "cooperation-programme": ("Cooperation programme", "Kooperationsprogramm")}
_STATUS = {"possible": ("Possible", "möglich"), "intended": ("Intended", "beabsichtigt")}
#: the kind of an organisation that is a party, by a word of its name
_ORGANISATION_TYPES = [(r"minist|министерств", "ministry"), (r"regierung|government|правительств", "government"),
                       (r"\bbank|банк", "international-financial-institution"),
                       (r"\baid\b|hilfe|red cross|rotes kreuz|stiftung|foundation|помощ|фонд", "ngo")]
_STATE = re.compile(r"^[A-Z]{3}$")


def agreement_path(fact: Agreement) -> str:
    """The agreement's IRI under id/ (an assistance event given under it links there too)."""
    date = fact.date.start if fact.date else "undated"
    return f"agreement/{date}-{slug(fact.title)[:60].rstrip('-')}"


def agreement(w: Writer, fact: Agreement, drafted: Drafted) -> list[ox.NamedNode]:
    en, de = _TYPES.get(fact.type, _TYPES["agreement"])
    # the title as the label in its own language, with the kind of agreement in the other
    label_en = fact.title if w.language == "en" else f"{en}: {fact.title}"
    label_de = fact.title if w.language == "de" else f"{de}: {fact.title}"
    node = w.graph.typed(agreement_path(fact), "dkg:Agreement", label_en, label_de)
    w.graph.add(node, "dkg:agreementType", vocab("agreement-type", fact.type))
    w.graph.add(node, "dkg:title", ox.Literal(fact.title, language=w.language))
    governments = {g.state: g for g in fact.governments}
    for party in sorted(fact.parties):
        w.graph.add(node, "dkg:party", _party(w, party, governments.get(party), drafted))
    if not fact.signed:
        return [node]
    date = fact.date.start if fact.date else "undated"
    signing = w.graph.typed(f"event/{date}-signing-{slug(fact.title)[:50].rstrip('-')}", "dkg:Event",
                            f"Signing: {fact.title}", f"Unterzeichnung: {fact.title}")
    w.graph.add(signing, "dkg:eventType", vocab("event-type", "agreement-signing"))
    w.graph.add(signing, "dkg:concerns", node)
    if fact.date:
        w.graph.date(signing, fact.date, fact.date.as_stated or None, w.language)
    if fact.signed_at:
        w.graph.add(signing, "dkg:place", w.place(fact.signed_at, drafted))
    w.graph.add(node, "dkg:signing", signing)
    return [node, signing]


def _party(w: Writer, party: str, government: Organisation | None, drafted: Drafted) -> ox.NamedNode:
    """A party: a state, a state's government (id:organization/government-XXX) or an organisation."""
    if not _STATE.match(party):
        return _organisation(w, party, drafted)
    if government is None:
        return state(party)
    node = iri(f"organization/government-{party}")
    if node.value in w.entities.preferred:  # the graph has it
        drafted.reasons.append(f"'{government.name}' is id:{node.value.split('/id/', 1)[-1]} of the graph")
        return node
    en = government.name if w.language == "en" else f"Government of {w.name(party, 'en')}"
    de = government.name if w.language == "de" else f"Regierung von {w.name(party, 'de')}"
    made = " and ".join(lang for lang, label in (("English", en), ("German", de)) if label != government.name)
    drafted.reasons.append(f"'{government.name}': its {made} label is made from the state's name in the graph")
    w.graph.typed(node, "dkg:Organization", en, de)
    w.graph.add(node, "dkg:organizationType", vocab("organization-type", "government"))
    w.graph.add(node, "dkg:belongsToState", state(party))
    w.described.append(node)
    return node


def _organisation(w: Writer, name: str, drafted: Drafted) -> ox.NamedNode:
    """An organisation that is a party: the page's organisation of that name (Writer.organisation: the
    same IRI wherever the page names it), its kind read from its name where its head noun shows none."""
    kind = next((k for pattern, k in _ORGANISATION_TYPES if re.search(pattern, name, re.I)), None)
    node = w.organisation(name, drafted, kind or "international-organization")
    known = w.organisations.get(name) or Organisation(name)
    if kind is None and node in w.described and organisation_type(known) == "other":
        drafted.questions.append(f"what kind of organisation is '{name}'? (drafted as an international organisation)")
    return node


def planned(w: Writer, fact: PlannedAgreement, drafted: Drafted) -> list[ox.NamedNode]:
    """A possible or intended instrument: a dkg:Agreement with its status and no signing, named
    id:agreement/PARTIES-STATUS-TYPES ("agreement/ROU-TJK-possible-agreement-or-action-plan")."""
    parties = sorted(fact.parties)
    what = slug(fact.title)[:50].rstrip("-") if fact.title else "-or-".join(fact.types)
    path = f"agreement/{'-'.join(p if _STATE.match(p) else slug(p)[:30] for p in parties)}-{fact.status}-{what}"
    types_en = " or ".join(_TYPES.get(t, _TYPES["agreement"])[0].lower() for t in fact.types)
    types_de = " oder ".join(_TYPES.get(t, _TYPES["agreement"])[1] for t in fact.types)
    states = [p for p in parties if _STATE.match(p)]
    between_en = f" between {' and '.join(w.name(p, 'en') for p in states)}" if len(states) == 2 else ""
    between_de = f" zwischen {' und '.join(w.name(p, 'de') for p in states)}" if len(states) == 2 else ""
    title = f": {fact.title}" if fact.title else ""
    node = w.graph.typed(path, "dkg:Agreement", f"{_STATUS[fact.status][0]} {types_en}{between_en}{title}",
                         f"{types_de}{between_de} ({_STATUS[fact.status][1]}){title}")
    for kind in fact.types:
        w.graph.add(node, "dkg:agreementType", vocab("agreement-type", kind))
    w.graph.add(node, "dkg:status", vocab("status", fact.status))
    if fact.title:
        w.graph.add(node, "dkg:title", ox.Literal(fact.title, language=w.language))
    for party in parties:
        w.graph.add(node, "dkg:party", _party(w, party, None, drafted))
    return [node]


def assistance(w: Writer, fact: Assistance, drafted: Drafted) -> list[ox.NamedNode]:
    if not (fact.donor and fact.recipient):
        return []
    year = fact.year.start if fact.year else "undated"
    base = f"event/{year}-assistance-{fact.donor}-{fact.recipient}"
    names = (w.name(fact.donor, "en"), w.name(fact.recipient, "en"), w.name(fact.donor, "de"),
             w.name(fact.recipient, "de"))
    resources: list[ox.NamedNode] = []
    parent = None
    if fact.enumeration is not None:
        parent = _assistance_event(w, fact, f"{base}-{slug(fact.enumeration or 'listed')[:40]}".rstrip("-"), names,
                                   None)
        if fact.enumeration:
            w.graph.add(parent, "dkg:purpose", ox.Literal(fact.enumeration, language=w.language))
        resources.append(parent)
    path = f"{base}-{slug(fact.purpose)[:40]}".rstrip("-") if fact.purpose else base
    w.events[path] = w.events.get(path, 0) + 1
    if w.events[path] > 1:
        path += f"-{w.events[path]}"
    event = _assistance_event(w, fact, path, names, fact.purpose)
    if parent is not None:
        w.graph.add(event, "dkg:subEventOf", parent)
        w.graph.add(event, "dkg:topic", ox.Literal(fact.purpose or "", language=w.language))
    elif fact.purpose:
        w.graph.add(event, "dkg:purpose", ox.Literal(fact.purpose, language=w.language))
    if fact.under is not None:
        w.graph.add(event, "dkg:underAgreement", agreement_path(fact.under))
    _channel_and_concerns(w, event, fact, drafted)
    resources.append(event)
    return resources + _amounts(w.graph, event, path, fact, w.language)


def _channel_and_concerns(w: Writer, event: ox.NamedNode, fact: Assistance, drafted: Drafted) -> None:
    """The organisation the assistance was given through (an open question when the graph does not
    know it) and the one it is about, with the city it is in."""
    if fact.channel is not None:
        channel = w.organisation(fact.channel, drafted)
        w.graph.add(event, "dkg:channel", channel)
        if channel in w.described:
            drafted.questions.append(f"is '{fact.channel.name}' the organisation the help was given through? "
                                     "(the graph does not know it)")
    if fact.concerns is not None:
        concerns = w.organisation(fact.concerns, drafted)
        w.graph.add(event, "dkg:concerns", concerns)
        if fact.concerns_in is not None and concerns in w.described:
            w.graph.add(concerns, "dkg:locatedIn", w.place(fact.concerns_in, drafted))


def _assistance_event(w: Writer, fact: Assistance, path: str, names: tuple[str, str, str, str],
                      purpose: str | None) -> ox.NamedNode:
    donor_en, recipient_en, donor_de, recipient_de = names
    what = f": {purpose}" if purpose else ""
    event = w.graph.typed(path, "dkg:Event", f"Assistance of {donor_en} to {recipient_en}{what}",
                          f"Hilfe von {donor_de} für {recipient_de}{what}")
    for kind in sorted(fact.types):
        w.graph.add(event, "dkg:eventType", vocab("event-type", kind))
    w.graph.add(event, "dkg:provider", state(fact.donor or ""))
    w.graph.add(event, "dkg:recipient", state(fact.recipient or ""))
    if fact.year:
        w.graph.date(event, fact.year, fact.year.as_stated or None, w.language)
    return event


def _amounts(graph: Graph, event: ox.NamedNode, path: str, fact: Assistance, language: str) -> list[ox.NamedNode]:
    nodes: list[ox.NamedNode] = []
    for n, amount in enumerate(fact.amounts):
        value = format(amount.value.normalize(), "f")
        whole = amount.value == amount.value.to_integral_value()
        again = sum(a.currency == amount.currency for a in fact.amounts[:n])
        name = f"amount/{path.removeprefix('event/')}-{amount.currency}" + (f"-{again + 1}" if again else "")
        node = graph.typed(name,
                           "dkg:MonetaryAmount", f"{amount.currency} {int(amount.value) if whole else value:,}",
                           amount.as_stated)
        graph.add(node, "schema:value", ox.Literal(value, datatype=ox.NamedNode(XSD + "decimal")))
        graph.add(node, "schema:currency", ox.Literal(amount.currency))
        graph.add(node, "dkg:amountAsStated", ox.Literal(amount.as_stated, language=language))
        if amount.conversion_of is not None and amount.conversion_of < n:
            graph.add(node, "dkg:conversionOf", nodes[amount.conversion_of])
        graph.add(event, "dkg:amount", node)
        nodes.append(node)
    return nodes
