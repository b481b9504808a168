"""Map diplokg facts to Wikidata statements (plain functions, no I/O).

Which Wikidata property a fact becomes is read from the ontology's ``dkg:wikidataProperty``
annotations wherever the ontology has one, so that ontology and export cannot disagree:

=======================  ==========================  =====================================
role                     ontology term (annotated)   written as
=======================  ==========================  =====================================
diplomatic relation      dkg:DiplomaticRelation      P530, both directions
position held            dkg:Tenure                  P39 (person → post item)
start of a tenure        dkg:appointment             qualifier P580 on P39
end of a tenure          dkg:termination             qualifier P582 on P39
mission operator         dkg:sendingState            P137
mission location         dkg:seat ⊑ dkg:locatedIn    P131 (the annotation of dkg:locatedIn)
mission jurisdiction     dkg:covers                  P1001
=======================  ==========================  =====================================

The ontology does not annotate the rest, so this module keeps its own table (:data:`OWN`): the
date of a relation's establishing event (``dkg:establishedBy``) is the start time P580 of P530;
the mission type's ``skos:exactMatch`` item is P31 "instance of"; each evidence sentence is a
reference with P1683 "quotation" (``oa:exact``) and P854 "reference URL" (``oa:hasSource``).

Conservative choices (MODEL.md: per-pair ambassador posts are modelled differently from item to
item): P39 is written only when both the person and the post itself have a verified QID, i.e. the
post is linked to its own position item ("ambassador of X to Y"); it never falls back to the
generic class Q121998 "ambassador". No date is ever invented: only a stated ``dkg:date`` becomes a
time value (xsd:date → precision 11, xsd:gYearMonth → 10, xsd:gYear → 9); bounds
(``dkg:earliestDate``/``dkg:latestDate``), spans and ``dkg:attestedOn`` are not dates of the fact.
A statement needs at least one source sentence. Whatever is not written is returned as a
:class:`Skipped` row saying which part, which entities lack a QID, and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diplokg.core.errors import DiplokgError
from diplokg.core.namespaces import ONTOLOGY
from diplokg.wikidata.facts import Entity, Evidence, Facts, Mission, Relation, StatedDate, Tenure

WD = "http://www.wikidata.org/entity/"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: role -> the ontology term whose dkg:wikidataProperty annotation names the Wikidata property
ANNOTATED: dict[str, str] = {
    "relation": ONTOLOGY + "DiplomaticRelation",
    "position": ONTOLOGY + "Tenure",
    "start": ONTOLOGY + "appointment",
    "end": ONTOLOGY + "termination",
    "operator": ONTOLOGY + "sendingState",
    "location": ONTOLOGY + "seat",
    "jurisdiction": ONTOLOGY + "covers",
}

#: role -> Wikidata property for what the ontology does not annotate (see the module docstring)
OWN: dict[str, str] = {
    "relation_start": "P580",  # date of the event a relation is dkg:establishedBy
    "instance_of": "P31",  # the item the dkg:missionType concept is skos:exactMatch to
    "quotation": "P1683",  # oa:exact of the evidence, monolingual text in the source's language
    "reference_url": "P854",  # oa:hasSource of the evidence: our source document's IRI
}

KIND_RELATION, KIND_POSITION, KIND_MISSION = "relation", "position-held", "mission"


@dataclass(frozen=True)
class Time:
    """A Wikidata time value at day (11), month (10) or year (9) precision, Gregorian, UTC."""

    year: int
    month: int | None
    day: int | None

    @property
    def precision(self) -> int:
        return 11 if self.day else 10 if self.month else 9

    def rdf_lexical(self) -> str:
        """xsd:dateTime as in Wikidata's RDF: unused month/day are 01 (Wikibase DateTimeValueCleaner)."""
        return f"{self.year:04d}-{self.month or 1:02d}-{self.day or 1:02d}T00:00:00Z"

    def quickstatements(self) -> str:
        """QuickStatements time: sign, unused month/day 00, then /precision (e.g. +1992-00-00T00:00:00Z/9)."""
        return f"+{self.year:04d}-{self.month or 0:02d}-{self.day or 0:02d}T00:00:00Z/{self.precision}"


_DATE_FORMS = {
    XSD + "date": re.compile(r"(\d{4})-(\d{2})-(\d{2})"),
    XSD + "gYearMonth": re.compile(r"(\d{4})-(\d{2})()"),
    XSD + "gYear": re.compile(r"(\d{4})()()"),
}


def wikidata_time(date: StatedDate) -> Time | None:
    """The time value of a stated date; None for a form the export does not read (time zone, sign …)."""
    form = _DATE_FORMS.get(date.datatype)
    match = form.fullmatch(date.value) if form else None
    if not match:
        return None
    year, month, day = match.groups()  # the year is always there, month and day may be empty
    return Time(int(year), int(month) if month else None, int(day) if day else None)


@dataclass(frozen=True)
class Reference:
    """A Wikidata reference: the quoted sentence (P1683) and our source document's IRI (P854)."""

    evidence: str
    quote: str
    language: str
    url: str


@dataclass(frozen=True)
class Statement:
    fact: str
    kind: str
    subject: str
    property: str
    value: str
    qualifiers: tuple[tuple[str, Time], ...]
    references: tuple[Reference, ...]


@dataclass(frozen=True)
class Skipped:
    """Something not exported: the fact, its kind, which part, the entities lacking a QID, why."""

    fact: str
    kind: str
    part: str
    without_qid: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Mapping:
    """Wikidata property ids per role, resolved from the ontology annotations and :data:`OWN`."""

    properties: dict[str, str]

    def __getitem__(self, role: str) -> str:
        return self.properties[role]


def resolve_mapping(annotations: dict[str, tuple[str, ...]], super_properties: dict[str, tuple[str, ...]]) -> Mapping:
    """Each annotated role's property, from the term's own annotation or, failing that, the nearest
    annotated super-property (dkg:seat inherits P131 from dkg:locatedIn). A role whose term has no
    annotation, or an ambiguous one, is an error: the export will not guess a property."""
    properties = dict(OWN)
    for role, term in ANNOTATED.items():
        found: tuple[str, ...] = ()
        level, seen = [term], set[str]()
        while level and not found:
            found = tuple(sorted({p for t in level for p in annotations.get(t, ())}))
            seen.update(level)
            level = [s for t in level for s in super_properties.get(t, ()) if s not in seen]
        if len(found) != 1 or not found[0].startswith(WD + "P"):
            raise DiplokgError(
                f"the ontology annotates {term} (or its super-properties) with dkg:wikidataProperty "
                f"{list(found) or 'nothing'}; the Wikidata export needs exactly one Wikidata property for it")
        properties[role] = found[0][len(WD):]
    return Mapping(properties)


@dataclass(frozen=True)
class Export:
    statements: tuple[Statement, ...]
    skipped: tuple[Skipped, ...]


def _references(evidence: tuple[Evidence, ...]) -> tuple[Reference, ...]:
    return tuple(Reference(e.iri, e.quote, e.language or "und", e.source) for e in evidence)


def _without_qid(*entities: Entity | None) -> tuple[str, ...]:
    return tuple(sorted({e.iri for e in entities if e is not None and not e.qid}))


def _qualifier(role: str, mapping: Mapping, date: StatedDate | None, fact: str, kind: str,
               skipped: list[Skipped]) -> tuple[tuple[str, Time], ...]:
    if date is None:
        return ()
    time = wikidata_time(date)
    if time is None:
        skipped.append(Skipped(fact, kind, f"{mapping[role]} qualifier", (),
                               f"the stated date {date.value!r} ({date.datatype}) is not a plain xsd:date, "
                               "xsd:gYearMonth or xsd:gYear, so no Wikidata time value is written"))
        return ()
    return ((mapping[role], time),)


def map_relation(r: Relation, mapping: Mapping) -> tuple[list[Statement], list[Skipped]]:
    """P530 from each state to the other, with the establishment date as P580 when stated."""
    kind, prop = KIND_RELATION, mapping["relation"]
    missing = _without_qid(*r.states)
    if len(r.states) != 2 or missing:
        return [], [Skipped(r.iri, kind, "all", missing,
                            f"{prop} needs a QID for both states of the relation")]
    if not r.evidence:
        return [], [Skipped(r.iri, kind, "all", (), "no source sentence to cite as reference")]
    skipped: list[Skipped] = []
    qualifiers = _qualifier("relation_start", mapping, r.date, r.iri, kind, skipped)
    a, b = (s.qid for s in r.states)
    assert a and b, "_without_qid found every state's QID"
    refs = _references(r.evidence)
    return [Statement(r.iri, kind, x, prop, y, qualifiers, refs) for x, y in ((a, b), (b, a))], skipped


def map_tenure(t: Tenure, mapping: Mapping) -> tuple[list[Statement], list[Skipped]]:
    """P39 from the person to the post's own position item, with P580/P582 from stated dates."""
    kind, prop = KIND_POSITION, mapping["position"]
    missing = _without_qid(t.holder, t.post)
    if missing:
        return [], [Skipped(t.iri, kind, "all", missing,
                            f"{prop} needs a QID for the person and for the post's own position item "
                            "(the generic Q121998 'ambassador' is not used: Wikidata models per-pair "
                            "ambassador posts differently from item to item)")]
    if not t.evidence:
        return [], [Skipped(t.iri, kind, "all", (), "no source sentence to cite as reference")]
    skipped: list[Skipped] = []
    qualifiers = (_qualifier("start", mapping, t.start, t.iri, kind, skipped)
                  + _qualifier("end", mapping, t.end, t.iri, kind, skipped))
    holder, post = t.holder.qid, t.post.qid
    assert holder and post, "_without_qid found both QIDs"
    return [Statement(t.iri, kind, holder, prop, post, qualifiers, _references(t.evidence))], skipped


def map_mission(m: Mission, mapping: Mapping) -> tuple[list[Statement], list[Skipped]]:
    """P31 (mission type item), P137 (sending state), P131 (seat), P1001 (covered states)."""
    kind = KIND_MISSION
    if not m.qid:
        return [], [Skipped(m.iri, kind, "all", (m.iri,),
                            "the mission has no QID (no Wikidata item to add statements to)")]
    if not m.evidence:
        return [], [Skipped(m.iri, kind, "all", (), "no source sentence to cite as reference")]
    refs = _references(m.evidence)
    candidates: list[tuple[str, str, Entity | None, str | None]] = [
        # (role, part label, entity lacking a QID, value QID)
        ("instance_of", "mission type", Entity(m.mission_type, m.type_qid) if m.mission_type else None, m.type_qid),
        ("operator", "sending state", m.sender, m.sender.qid if m.sender else None),
        ("location", "seat", m.seat, m.seat.qid if m.seat else None),
    ] + [("jurisdiction", "covered state", state, state.qid) for state in m.covers]
    statements, skipped = [], []
    for role, label, entity, qid in candidates:
        if entity is None:
            continue
        if qid:
            statements.append(Statement(m.iri, kind, m.qid, mapping[role], qid, (), refs))
        else:
            skipped.append(Skipped(m.iri, kind, f"{mapping[role]} statement", (entity.iri,),
                                   f"the {label} has no QID"))
    return statements, skipped


def export(facts: Facts) -> Export:
    """All statements and all skipped parts, sorted."""
    mapping = resolve_mapping(facts.annotations, facts.super_properties)
    statements: list[Statement] = []
    skipped: list[Skipped] = []
    mapped = ([map_relation(r, mapping) for r in facts.relations] + [map_tenure(t, mapping) for t in facts.tenures]
              + [map_mission(m, mapping) for m in facts.missions])
    for s, k in mapped:
        statements += s
        skipped += k
    key = lambda s: (s.fact, s.subject, s.property, s.value)  # noqa: E731
    return Export(tuple(sorted(statements, key=key)),
                  tuple(sorted(set(skipped), key=lambda k: (k.fact, k.kind, k.part, k.reason))))
