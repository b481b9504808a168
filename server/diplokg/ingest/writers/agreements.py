"""Agreements and assistance, as the seed graph of the Norway page has them: a dkg:Agreement
(id:agreement/DATE-TITLE) with its title, type (vocab:agreement-type), parties (states, or
organisations as named) and a signing event (event type agreement-signing, with its date and
place); assistance as a dkg:Event of type financial-assistance (technical-assistance where stated)
with its provider, recipient, purpose, year, amounts (dkg:MonetaryAmount: value, ISO 4217
currency, the wording, dkg:conversionOf for a bracketed conversion) and the agreement it is given
under; a sentence that lists several purposes is one event with a sub-event per purpose."""

from __future__ import annotations

import re

import pyoxigraph as ox

from diplokg.ingest.entities import slug
from diplokg.ingest.facts import Agreement, Assistance, Drafted, Organisation
from diplokg.ingest.rdf import XSD, Graph, state, vocab
from diplokg.ingest.writers.base import Writer, organisation_type

_TYPES = {"agreement": ("Agreement", "Abkommen"), "treaty": ("Treaty", "Vertrag"),
          "joint-declaration": ("Joint declaration", "Gemeinsame Erklärung"),
          "memorandum-of-understanding": ("Memorandum of understanding", "Absichtserklärung"),
          "joint-communique": ("Joint communiqué", "Gemeinsames Kommuniqué"), "protocol": ("Protocol", "Protokoll"),
          "action-plan": ("Action plan", "Aktionsplan"),
          "cooperation-programme": ("Cooperation programme", "Kooperationsprogramm")}
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
    for party in sorted(fact.parties):
        w.graph.add(node, "dkg:party", state(party) if _STATE.match(party) else _organisation(w, party, drafted))
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


def _organisation(w: Writer, name: str, drafted: Drafted) -> ox.NamedNode:
    """An organisation that is a party: the page's organisation of that name (Writer.organisation: the
    same IRI wherever the page names it), its kind read from its name where its head noun shows none."""
    kind = next((k for pattern, k in _ORGANISATION_TYPES if re.search(pattern, name, re.I)), None)
    node = w.organisation(name, drafted, kind or "international-organization")
    known = w.organisations.get(name) or Organisation(name)
    if kind is None and node in w.described and organisation_type(known) == "other":
        drafted.questions.append(f"what kind of organisation is '{name}'? (drafted as an international organisation)")
    return node


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
    resources.append(event)
    return resources + _amounts(w.graph, event, path, fact, w.language)


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
