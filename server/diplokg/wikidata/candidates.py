"""Which entities ``diplokg link`` proposes Wikidata candidates for, what we know about them, and
what Wikidata says about the candidates.

Entities: every instance of dkg:Person, dkg:Organization, dkg:DiplomaticMission, dkg:City and
dkg:State without a dkg:wikidataId, read with SPARQL from a store (built, or loaded from a source
tree). For each we collect its labels (``rdfs:label``) and name variants (``skos:altLabel``) and its
context: for a person the states it serves (sending state of the head-of-mission posts it holds)
or acts for (``dkg:onBehalfOf`` a state), the receiving states and residence of its posts, and its
offices as named in the data; for an organisation the state it belongs to or lies in, the city it
lies in, the organisation it is part of or operated by; for a mission its sending state, seat
city, the state of that city, and the states it covers; for a city the state it lies in.

Candidates: the Wikidata search API (``wbsearchentities``) for every distinct label and name
variant in each requested language, then one SPARQL query to the Wikidata Query Service for all
candidates at once: labels and aliases (requested languages and ``mul``), descriptions,
``wdt:P31`` (instance of), whether the candidate is an instance of the class expected for the
entity's kind (``wdt:P31/wdt:P279*``), ``wdt:P27`` citizenship, ``wdt:P17`` country, ``wdt:P131``
located in, ``wdt:P137`` operator, ``wdt:P39`` positions held, and whether a position held or an
occupation (``wdt:P106``) falls under ambassador (Q121998). Only QIDs matching
``^Q[1-9][0-9]*$`` are written into the query (``VALUES``); no label or other text ever is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from diplokg.build.store import run_select
from diplokg.core.namespaces import ONTOLOGY
from diplokg.wikidata.client import SearchHit, WikidataClient

QID = re.compile(r"^Q[1-9][0-9]*$")
WD = "http://www.wikidata.org/entity/"

#: Our classes, in order of precedence when an entity has several, and the kind written to the review file.
KINDS: tuple[tuple[str, str], ...] = (
    (ONTOLOGY + "DiplomaticMission", "mission"),
    (ONTOLOGY + "Person", "person"),
    (ONTOLOGY + "City", "city"),
    (ONTOLOGY + "State", "state"),
    (ONTOLOGY + "Organization", "organization"),
)

#: The Wikidata class(es) a candidate of each kind is expected to be an instance of (P31/P279*).
EXPECTED: dict[str, tuple[tuple[str, str], ...]] = {
    "person": (("Q5", "human"),),
    "mission": (("Q3917681", "embassy"), ("Q213283", "diplomatic mission")),
    "city": (("Q515", "city"),),
    "state": (("Q3624078", "sovereign state"),),
    "organization": (("Q43229", "organization"),),
}
AMBASSADOR = ("Q121998", "ambassador")

#: Wikidata properties fetched for every candidate (field name = property id).
PROPERTIES = ("P31", "P27", "P17", "P131", "P137", "P39")


def is_qid(text: str) -> bool:
    return bool(QID.match(text))


# ---- our side ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ContextValue:
    """One piece of context: a role ("serves", "seat" …) and a resource (with its QID) or a text."""

    role: str
    label: str
    qid: str = ""

    def describe(self) -> str:
        return f"{self.label} ({self.qid})" if self.qid else self.label


@dataclass
class Entity:
    iri: str
    kind: str
    #: (text, language, is an alternative label)
    labels: list[tuple[str, str, bool]] = field(default_factory=list)
    context: list[ContextValue] = field(default_factory=list)

    def label(self, languages: Iterable[str] = ("en", "de")) -> str:
        for lang in languages:
            for text, tag, alt in self.labels:
                if tag == lang and not alt:
                    return text
        return self.labels[0][0] if self.labels else ""

    def values(self, *roles: str) -> list[ContextValue]:
        return [c for c in self.context if c.role in roles]

    def context_text(self) -> str:
        """Context for the reviewer, e.g. ``serves: Tajikistan (Q863); residence: Vienna (Q1741)``."""
        by_role: dict[str, list[str]] = {}
        for c in self.context:
            by_role.setdefault(c.role, []).append(c.describe())
        return "; ".join(f"{role}: {', '.join(sorted(set(v)))}" for role, v in sorted(by_role.items()))


_CLASSES = " ".join(f"<{iri}>" for iri, _ in KINDS)

_ENTITIES = f"""
SELECT DISTINCT ?e ?class WHERE {{
  VALUES ?class {{ {_CLASSES} }}
  ?e a ?class .
  FILTER(isIRI(?e))
  FILTER NOT EXISTS {{ ?e dkg:wikidataId ?qid }}
}}"""

_LABELS = f"""
SELECT DISTINCT ?e ?alt ?label WHERE {{
  VALUES ?class {{ {_CLASSES} }}
  ?e a ?class .
  FILTER NOT EXISTS {{ ?e dkg:wikidataId ?qid }}
  {{ ?e rdfs:label ?label . BIND(false AS ?alt) }} UNION {{ ?e skos:altLabel ?label . BIND(true AS ?alt) }}
}}"""

# Context of each unlinked entity: (role, value). A value is a resource (with its English label and
# QID if it has them) or a text (an office as stated).
_CONTEXT = f"""
SELECT DISTINCT ?e ?role ?v ?vqid ?vlabel WHERE {{
  VALUES ?class {{ {_CLASSES} }}
  ?e a ?class .
  FILTER NOT EXISTS {{ ?e dkg:wikidataId ?qid }}
  {{ ?t dkg:holder ?e ; dkg:ofPost/dkg:sendingState ?v . BIND("serves" AS ?role) }}
  UNION {{ ?t dkg:holder ?e ; dkg:ofPost/dkg:receivingState ?v . BIND("accredited to" AS ?role) }}
  UNION {{ ?t dkg:holder ?e ; dkg:ofPost ?post . ?post rdfs:label ?v . FILTER(LANG(?v) = "en")
          BIND("head-of-mission post" AS ?role) }}
  UNION {{ ?t dkg:holder ?e ; dkg:residence ?v . BIND("residence" AS ?role) }}
  UNION {{ ?p dkg:agent ?e ; dkg:onBehalfOf ?v . ?v a dkg:State . BIND("acts for" AS ?role) }}
  UNION {{ ?p dkg:agent ?e ; dkg:titleAsStated ?v . BIND("title as stated" AS ?role) }}
  UNION {{ ?act dkg:issuedBy ?e ; dkg:issuerTitleAsStated ?v . BIND("title as stated" AS ?role) }}
  UNION {{ ?e dkg:belongsToState ?v . BIND("belongs to" AS ?role) }}
  UNION {{ ?e dkg:locatedIn ?v . ?v a dkg:State . BIND("lies in" AS ?role) }}
  UNION {{ ?e dkg:locatedIn ?v . FILTER NOT EXISTS {{ ?v a dkg:State }} BIND("located in place" AS ?role) }}
  UNION {{ ?e dkg:subOrganizationOf ?v . BIND("part of" AS ?role) }}
  UNION {{ ?e dkg:operatedBy ?v . BIND("operated by" AS ?role) }}
  UNION {{ ?e a dkg:DiplomaticMission ; dkg:sendingState ?v . BIND("sending state" AS ?role) }}
  UNION {{ ?e dkg:seat ?v . BIND("seat" AS ?role) }}
  UNION {{ ?e dkg:seat/dkg:locatedIn ?v . ?v a dkg:State . BIND("seat lies in" AS ?role) }}
  UNION {{ ?e dkg:covers ?v . BIND("covers" AS ?role) }}
  OPTIONAL {{ ?v dkg:wikidataId ?vqid }}
  OPTIONAL {{ ?v rdfs:label ?vlabel . FILTER(LANG(?vlabel) = "en") }}
}}"""

_LINKED = "SELECT DISTINCT ?e ?qid WHERE { ?e dkg:wikidataId ?qid }"


def unlinked_entities(store: ox.Store) -> list[Entity]:
    """Every entity of our classes without a dkg:wikidataId, sorted by IRI, with labels and context."""
    rank = {iri: i for i, (iri, _) in enumerate(KINDS)}
    kinds = dict(KINDS)
    chosen: dict[str, str] = {}
    for row in run_select(store, _ENTITIES):
        iri, cls = row["e"].value, row["class"].value
        if iri not in chosen or rank[cls] < rank[chosen[iri]]:
            chosen[iri] = cls
    entities = {iri: Entity(iri, kinds[cls]) for iri, cls in chosen.items()}
    for row in run_select(store, _LABELS):
        e, label = entities.get(row["e"].value), row["label"]
        if e is not None and isinstance(label, ox.Literal) and label.language:
            e.labels.append((label.value, label.language, row["alt"].value == "true"))
    for row in run_select(store, _CONTEXT):
        e, v = entities.get(row["e"].value), row["v"]
        if e is None:
            continue
        if isinstance(v, ox.Literal):
            e.context.append(ContextValue(row["role"].value, v.value))
        else:
            qid = row["vqid"].value if row["vqid"] is not None else ""
            label = row["vlabel"].value if row["vlabel"] is not None else v.value
            e.context.append(ContextValue(row["role"].value, label, qid))
    for e in entities.values():
        e.labels.sort(key=lambda t: (t[2], t[1], t[0]))  # labels before name variants
        e.context = sorted(set(e.context), key=lambda c: (c.role, c.label, c.qid))
    return [entities[iri] for iri in sorted(entities)]


def linked_qids(store: ox.Store) -> dict[str, list[str]]:
    """QID -> the entities of our data that already carry it."""
    owners: dict[str, list[str]] = {}
    for row in run_select(store, _LINKED):
        owners.setdefault(row["qid"].value, []).append(row["e"].value)
    return {q: sorted(v) for q, v in owners.items()}


# ---- Wikidata's side ---------------------------------------------------------------------------
@dataclass
class Found:
    """A search hit for an entity: which of our labels (text, language) found it."""

    hit: SearchHit
    text: str
    language: str


@dataclass
class ItemFacts:
    """What the query service says about one candidate item."""

    qid: str
    #: (language, text) pairs
    labels: set[tuple[str, str]] = field(default_factory=set)
    aliases: set[tuple[str, str]] = field(default_factory=set)
    descriptions: dict[str, str] = field(default_factory=dict)
    #: property id -> {value QID: English label or ""}
    claims: dict[str, dict[str, str]] = field(default_factory=dict)
    #: expected classes (QIDs) the item is an instance of, through P31/P279*
    instance_of_expected: set[str] = field(default_factory=set)
    ambassador: bool = False

    def label(self, languages: Iterable[str]) -> str:
        for lang in (*languages, "mul"):
            for tag, text in sorted(self.labels):
                if tag == lang:
                    return text
        return ""

    def description(self, languages: Iterable[str]) -> str:
        for lang in languages:
            if lang in self.descriptions:
                return self.descriptions[lang]
        return ""


def search_terms(entity: Entity, languages: list[str]) -> list[tuple[str, str]]:
    """The distinct (text, language) pairs to search for: labels first, then name variants."""
    out: list[tuple[str, str]] = []
    for lang in languages:
        for text, tag, _alt in entity.labels:
            if tag == lang and (text, lang) not in out:
                out.append((text, lang))
    return out


def search_candidates(client: WikidataClient, entities: list[Entity], languages: list[str], limit: int,
                      progress: Callable[[str], None] | None = None) -> dict[str, dict[str, list[Found]]]:
    """entity IRI -> candidate QID -> the searches that found it (sequential requests)."""
    jobs = [(e, text, lang) for e in entities for text, lang in search_terms(e, languages)]
    if progress:
        progress(f"{len(entities)} unlinked entities: {len(jobs)} searches at {client.api_url} "
                 f"({client.delay:g} s apart)")
    found: dict[str, dict[str, list[Found]]] = {e.iri: {} for e in entities}
    for e, text, lang in jobs:
        for hit in client.search(text, lang, limit):
            if is_qid(hit.qid):
                found[e.iri].setdefault(hit.qid, []).append(Found(hit, text, lang))
    return found


def item_query(pairs: Iterable[tuple[str, str]], languages: list[str], with_ambassador: Iterable[str]) -> str:
    """The one SPARQL query for all candidates. ``pairs`` are (candidate QID, expected class QID);
    only well-formed QIDs and language codes reach the query text (anything else raises)."""
    pairs = sorted(set(pairs))
    amb = sorted(set(with_ambassador))
    for qid in [q for p in pairs for q in p] + amb:
        if not is_qid(qid):
            raise ValueError(f"not a QID: {qid!r}")
    for lang in languages:
        if not re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]+)*", lang):
            raise ValueError(f"not a language code: {lang!r}")
    items = " ".join(sorted({f"wd:{q}" for q, _ in pairs}))
    expected = " ".join(f"(wd:{q} wd:{c})" for q, c in pairs)
    ambassador = f"""
  UNION {{
    VALUES ?item {{ {" ".join(f"wd:{q}" for q in amb)} }}
    ?item wdt:P39|wdt:P106 ?value .
    FILTER EXISTS {{ ?value (wdt:P31|wdt:P279)* wd:{AMBASSADOR[0]} }}
    BIND("ambassador" AS ?field)
  }}""" if amb else ""
    langs = ", ".join(f'"{lang}"' for lang in [*languages, "mul"])
    props = " ".join(f'("{p}" wdt:{p})' for p in PROPERTIES)
    return f"""PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
# diplokg link: facts about candidate items for human review
SELECT ?item ?field ?value ?valueLabel WHERE {{
  VALUES ?item {{ {items} }}
  {{ ?item rdfs:label ?value . FILTER(LANG(?value) IN ({langs})) BIND("label" AS ?field) }}
  UNION {{ ?item skos:altLabel ?value . FILTER(LANG(?value) IN ({langs})) BIND("alias" AS ?field) }}
  UNION {{ ?item schema:description ?value . FILTER(LANG(?value) IN ({langs})) BIND("description" AS ?field) }}
  UNION {{
    VALUES (?field ?property) {{ {props} }}
    ?item ?property ?value .
    OPTIONAL {{ ?value rdfs:label ?valueLabel . FILTER(LANG(?valueLabel) = "en") }}
  }}
  UNION {{
    VALUES (?item ?value) {{ {expected} }}
    FILTER EXISTS {{ ?item wdt:P31/wdt:P279* ?value }}
    BIND("instance of expected" AS ?field)
  }}{ambassador}
}}"""


def parse_items(bindings: list[dict[str, dict[str, str]]]) -> dict[str, ItemFacts]:
    """SPARQL JSON bindings of :func:`item_query` -> facts per QID."""
    items: dict[str, ItemFacts] = {}

    def qid_of(term: dict[str, str] | None) -> str:
        if term and term.get("type") == "uri" and term.get("value", "").startswith(WD):
            q = term["value"][len(WD):]
            return q if is_qid(q) else ""
        return ""

    for b in bindings:
        qid, fld, value = qid_of(b.get("item")), b.get("field", {}).get("value", ""), b.get("value")
        if not qid or not value:
            continue
        facts = items.setdefault(qid, ItemFacts(qid))
        lang, text = value.get("xml:lang", ""), value.get("value", "")
        if fld == "label":
            facts.labels.add((lang, text))
        elif fld == "alias":
            facts.aliases.add((lang, text))
        elif fld == "description":
            facts.descriptions.setdefault(lang, text)
        elif fld in PROPERTIES:
            target = qid_of(value)
            if target:
                label = b.get("valueLabel", {}).get("value", "")
                known = facts.claims.setdefault(fld, {})
                known[target] = known.get(target) or label
        elif fld == "instance of expected":
            target = qid_of(value)
            if target:
                facts.instance_of_expected.add(target)
        elif fld == "ambassador":
            facts.ambassador = True
    return items


def fetch_items(client: WikidataClient, found: dict[str, dict[str, list[Found]]], entities: list[Entity],
                languages: list[str], progress: Callable[[str], None] | None = None) -> dict[str, ItemFacts]:
    """One query for every candidate of every entity."""
    kinds = {e.iri: e.kind for e in entities}
    pairs = [(qid, cls) for iri, cands in found.items() for qid in cands for cls, _ in EXPECTED[kinds[iri]]]
    amb = [qid for iri, cands in found.items() if kinds[iri] == "person" for qid in cands]
    if not pairs:
        return {}
    if progress:
        progress(f"{len({q for q, _ in pairs})} candidates: one query to {client.sparql_url}")
    return parse_items(client.select(item_query(pairs, languages, amb)))
