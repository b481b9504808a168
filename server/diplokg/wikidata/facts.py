"""Read the facts a Wikidata-shaped export needs from a built store, as plain values.

Every query is a constant (no text is built from input); all run over the union of the named
graphs, with DISTINCT because a resource described in several source graphs occurs once per graph.
The mapping to Wikidata lives in :mod:`diplokg.wikidata.export`; this module only reads.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TypeVar

import pyoxigraph as ox

from diplokg.core.errors import DiplokgError
from diplokg.core.namespaces import sparql_prologue

_P = sparql_prologue()


@dataclass(frozen=True)
class Entity:
    """A resource of ours and its verified Wikidata QID (``dkg:wikidataId``), if it has one."""

    iri: str
    qid: str | None


@dataclass(frozen=True)
class StatedDate:
    """A ``dkg:date`` literal as stated (lexical form and datatype IRI)."""

    value: str
    datatype: str


@dataclass(frozen=True)
class Evidence:
    """One quoted source sentence: its IRI, the quote, the source document and its language."""

    iri: str
    quote: str
    source: str
    language: str | None


@dataclass(frozen=True)
class Relation:
    iri: str
    states: tuple[Entity, ...]
    event: str | None
    date: StatedDate | None
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Tenure:
    iri: str
    holder: Entity
    post: Entity
    appointment: str | None
    start: StatedDate | None
    termination: str | None
    end: StatedDate | None
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Mission:
    iri: str
    qid: str | None
    mission_type: str | None
    #: Wikidata item the mission type concept is skos:exactMatch to (e.g. Q3917681 for embassy)
    type_qid: str | None
    sender: Entity | None
    seat: Entity | None
    covers: tuple[Entity, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Facts:
    #: ontology term -> Wikidata property IRIs of its dkg:wikidataProperty annotations
    annotations: dict[str, tuple[str, ...]]
    #: property -> its direct rdfs:subPropertyOf super-properties
    super_properties: dict[str, tuple[str, ...]]
    relations: tuple[Relation, ...]
    tenures: tuple[Tenure, ...]
    missions: tuple[Mission, ...]


ANNOTATIONS = _P + """SELECT DISTINCT ?term ?property WHERE { ?term dkg:wikidataProperty ?property }"""

SUPER_PROPERTIES = _P + """SELECT DISTINCT ?property ?super WHERE {
    ?property rdfs:subPropertyOf ?super . FILTER(isIRI(?property) && isIRI(?super)) }"""

EVIDENCE = _P + """SELECT DISTINCT ?subject ?evidence ?quote ?source ?language WHERE {
    ?subject dkg:evidence ?evidence .
    ?evidence oa:hasSelector/oa:exact ?quote ; oa:hasSource ?source .
    OPTIONAL { ?source dcterms:language ?language }
}"""

RELATION_STATES = _P + """SELECT DISTINCT ?relation ?state ?qid WHERE {
    ?relation a dkg:DiplomaticRelation ; dkg:relationBetween ?state .
    OPTIONAL { ?state dkg:wikidataId ?qid }
}"""

RELATION_EVENTS = _P + """SELECT DISTINCT ?relation ?event ?date WHERE {
    ?relation a dkg:DiplomaticRelation .
    OPTIONAL { ?relation dkg:establishedBy ?event . OPTIONAL { ?event dkg:date ?date } }
}"""

TENURES = _P + """SELECT DISTINCT ?tenure ?holder ?holderQid ?post ?postQid ?appointment ?start ?termination ?end
WHERE {
    ?tenure a dkg:Tenure ; dkg:holder ?holder ; dkg:ofPost ?post .
    OPTIONAL { ?holder dkg:wikidataId ?holderQid }
    OPTIONAL { ?post dkg:wikidataId ?postQid }
    OPTIONAL { ?tenure dkg:appointment ?appointment . OPTIONAL { ?appointment dkg:date ?start } }
    OPTIONAL { ?tenure dkg:termination ?termination . OPTIONAL { ?termination dkg:date ?end } }
}"""

MISSIONS = _P + """SELECT DISTINCT ?mission ?qid ?type ?typeItem ?sender ?senderQid ?seat ?seatQid WHERE {
    ?mission a dkg:DiplomaticMission .
    OPTIONAL { ?mission dkg:wikidataId ?qid }
    OPTIONAL { ?mission dkg:missionType ?type .
               OPTIONAL { ?type skos:exactMatch ?typeItem .
                          FILTER(STRSTARTS(STR(?typeItem), "http://www.wikidata.org/entity/Q")) } }
    OPTIONAL { ?mission dkg:sendingState ?sender . OPTIONAL { ?sender dkg:wikidataId ?senderQid } }
    OPTIONAL { ?mission dkg:seat ?seat . OPTIONAL { ?seat dkg:wikidataId ?seatQid } }
}"""

MISSION_COVERS = _P + """SELECT DISTINCT ?mission ?state ?qid WHERE {
    ?mission a dkg:DiplomaticMission ; dkg:covers ?state .
    OPTIONAL { ?state dkg:wikidataId ?qid }
}"""


_Term = ox.NamedNode | ox.BlankNode | ox.Literal
_Row = dict[str, _Term | None]
_T = TypeVar("_T")


def _rows(store: ox.Store, query: str) -> list[_Row]:
    result = store.query(query, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions), "the queries above are SELECT queries"
    names = [v.value for v in result.variables]
    return [{n: row[n] for n in names} for row in result]


def _str(term: _Term | None) -> str | None:
    return None if term is None else term.value


def _bound(term: _Term | None) -> str:
    """The value of a variable outside any OPTIONAL, which every solution binds."""
    assert term is not None, "a variable outside OPTIONAL is bound in every solution"
    return term.value


def _date(term: object) -> StatedDate | None:
    if not isinstance(term, ox.Literal):
        return None
    return StatedDate(term.value, term.datatype.value)


def _single(values: set[_T], what: str, iri: str) -> _T | None:
    """The one value of a functional property; the shapes guarantee at most one."""
    if len(values) > 1:
        raise DiplokgError(f"{iri} has several {what}: {sorted(map(str, values))}; the shapes allow one")
    return next(iter(values), None)


def _one(values: set[_T], what: str, iri: str) -> _T:
    """:func:`_single` of the values found for a resource (so there is one)."""
    value = _single(values, what, iri)
    assert value is not None, f"{iri} was found with its {what}"
    return value


def read_facts(store: ox.Store) -> Facts:
    """Everything the Wikidata export maps, read with the constant queries above."""
    annotations = _pairs(store, ANNOTATIONS, "term", "property")
    supers = _pairs(store, SUPER_PROPERTIES, "property", "super")
    evidence = _evidence(store)
    relations = _relations(store, evidence)
    tenures = _tenures(store, evidence)
    missions = _missions(store, evidence)
    return Facts(
        annotations={k: tuple(sorted(v)) for k, v in annotations.items()},
        super_properties={k: tuple(sorted(v)) for k, v in supers.items()},
        relations=relations, tenures=tenures, missions=missions,
    )


def _pairs(store: ox.Store, query: str, key: str, value: str) -> dict[str, set[str]]:
    """The values of the variable ``value`` per value of ``key`` (both bound in every solution)."""
    out: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, query):
        out[_bound(row[key])].add(_bound(row[value]))
    return out


def _evidence(store: ox.Store) -> dict[str, set[Evidence]]:
    """The evidence sentences of each resource."""
    evidence: dict[str, set[Evidence]] = defaultdict(set)
    for row in _rows(store, EVIDENCE):
        evidence[_bound(row["subject"])].add(Evidence(
            _bound(row["evidence"]), _bound(row["quote"]), _bound(row["source"]), _str(row["language"])))
    return evidence


def _evidence_of(evidence: dict[str, set[Evidence]], *iris: str | None) -> tuple[Evidence, ...]:
    found = set[Evidence]().union(*(evidence.get(i, set()) for i in iris if i))
    return tuple(sorted(found, key=lambda e: e.iri))


def _relations(store: ox.Store, evidence: dict[str, set[Evidence]]) -> tuple[Relation, ...]:
    states: dict[str, set[Entity]] = defaultdict(set)
    for row in _rows(store, RELATION_STATES):
        states[_bound(row["relation"])].add(Entity(_bound(row["state"]), _str(row["qid"])))
    events: dict[str, set[tuple[str | None, StatedDate | None]]] = defaultdict(set)
    for row in _rows(store, RELATION_EVENTS):
        events[_bound(row["relation"])].add((_str(row["event"]), _date(row["date"])))
    relations = []
    for iri in sorted(events):
        event, date = _single(events[iri], "establishing events or dates", iri) or (None, None)
        relations.append(Relation(iri, tuple(sorted(states[iri], key=lambda e: e.iri)), event, date,
                                  _evidence_of(evidence, iri, event if date else None)))
    return tuple(relations)


_TenureRow = tuple[Entity, Entity, str | None, StatedDate | None, str | None, StatedDate | None]


def _tenures(store: ox.Store, evidence: dict[str, set[Evidence]]) -> tuple[Tenure, ...]:
    tenure_rows: dict[str, set[_TenureRow]] = defaultdict(set)
    for row in _rows(store, TENURES):
        tenure_rows[_bound(row["tenure"])].add((
            Entity(_bound(row["holder"]), _str(row["holderQid"])), Entity(_bound(row["post"]), _str(row["postQid"])),
            _str(row["appointment"]), _date(row["start"]), _str(row["termination"]), _date(row["end"])))
    tenures = []
    for iri in sorted(tenure_rows):
        holder, post, appointment, start, termination, end = _one(tenure_rows[iri], "holders, posts or dates", iri)
        evidence_iris = (iri, appointment if start else None, termination if end else None)
        tenures.append(Tenure(iri, holder, post, appointment, start, termination, end,
                              _evidence_of(evidence, *evidence_iris)))
    return tuple(tenures)


_MissionRow = tuple[str | None, str | None, str | None, Entity | None, Entity | None]


def _missions(store: ox.Store, evidence: dict[str, set[Evidence]]) -> tuple[Mission, ...]:
    covers: dict[str, set[Entity]] = defaultdict(set)
    for row in _rows(store, MISSION_COVERS):
        covers[_bound(row["mission"])].add(Entity(_bound(row["state"]), _str(row["qid"])))
    mission_rows: dict[str, set[_MissionRow]] = defaultdict(set)
    for row in _rows(store, MISSIONS):
        type_item = _str(row["typeItem"])
        mission_rows[_bound(row["mission"])].add((
            _str(row["qid"]), _str(row["type"]), type_item.rsplit("/", 1)[1] if type_item else None,
            Entity(_bound(row["sender"]), _str(row["senderQid"])) if row["sender"] else None,
            Entity(_bound(row["seat"]), _str(row["seatQid"])) if row["seat"] else None))
    missions = []
    for iri in sorted(mission_rows):
        qid, mission_type, type_qid, sender, seat = _one(mission_rows[iri], "QIDs, types, senders or seats", iri)
        missions.append(Mission(iri, qid, mission_type, type_qid, sender, seat,
                                tuple(sorted(covers[iri], key=lambda e: e.iri)), _evidence_of(evidence, iri)))
    return tuple(missions)
