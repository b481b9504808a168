"""Drafted facts: what a rule read from one sentence, before it is written as RDF.

The kinds and their fields follow the gold format of the development corpus (tests/fixtures/ingest/
README.md), so that drafts can be scored against gold facts field by field: states as ISO 3166
alpha-3 codes, cities by their English name (with their GeoNames id), persons and organisations as
the page names them, dates as precise as the text. A field the sentence does not state is None.
Every drafted fact keeps the rule that produced it, a confidence, the reasons for its readings and
the questions it leaves open for the reviewer."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from diplokg.ingest.dates import StatedDate
from diplokg.ingest.segment import Sentence


@dataclass(frozen=True)
class Place:
    name: str  # English exonym
    geonames_id: int | None = None
    as_stated: str = ""
    country: str | None = None  # ISO 3166 alpha-2 of the country it lies in


@dataclass(frozen=True)
class Person:
    name: str  # as the page names it (nominative)
    title_as_stated: str | None = None


@dataclass(frozen=True)
class Organisation:
    name: str  # as the page first names it (nominative)
    key: str | None = None  # the graph's IRI
    head: str | None = None  # its head noun, lower case ("ministerium", "agency")
    state: str | None = None  # ISO alpha-3 of the state it is of
    of: Organisation | None = None  # the organisation its name is of ("Programm der Europäischen Bank …")


@dataclass(frozen=True)
class RelationEstablished:
    states: frozenset[str]
    date: StatedDate | None

    kind = "relation-established"


@dataclass(frozen=True)
class Recognition:
    recognising: str | None
    recognised: str | None
    date: StatedDate | None

    kind = "recognition"


@dataclass(frozen=True)
class MissionOpened:
    sending: str | None
    type: str  # embassy | consulate | honorary-consulate | representation
    seat: Place | None
    covers: frozenset[str]
    date: StatedDate | None
    to_organisation: bool = False  # a permanent mission to an international organisation (covers no state)

    kind = "mission-opened"
    NOT_SCORED: ClassVar[frozenset[str]] = frozenset({"to_organisation"})


@dataclass(frozen=True)
class HeadOfMission:
    sending: str | None
    receiving: str | None
    person: Person | None
    rank: str  # ambassador | charge-d-affaires
    residence: Place | None = None
    appointed: StatedDate | None = None
    by: Person | None = None
    act: str | None = None  # decree
    first_holder: bool = False
    rank_as_stated: str | None = None
    concurrent_with: tuple[ConcurrentPost, ...] = ()  # the person's other posts stated with this one
    attested_on: StatedDate | None = None  # a day the sentence shows the holder in office (RDF only)
    credentials: StatedDate | None = None  # the day the holder presented his credentials (RDF only)

    kind = "head-of-mission"
    NOT_SCORED: ClassVar[frozenset[str]] = frozenset({"rank_as_stated", "attested_on", "credentials"})


@dataclass(frozen=True)
class ConcurrentPost:
    """Another post the same person holds at the same time ("gleichzeitig", "по совместительству")."""

    sending: str
    receiving: str
    rank: str
    rank_as_stated: str | None = None


@dataclass(frozen=True)
class Participant:
    """Who took part in an event, as the sentence names them: a person or an organisation, the
    title the sentence gives them (in English where the title is known, else as written), the
    state on whose behalf (stated by the title, or the page's own state for an unqualified title)."""

    person: Person | None = None
    organisation: str | None = None
    role: str | None = None  # the title in English ("Deputy Minister of Foreign Affairs")
    on_behalf_of: str | None = None  # ISO alpha-3
    part: str = "participant"  # vocab:role concept: participant, visitor, host, signatory, speaker, …
    body: Organisation | None = None  # the organisation that took part (``organisation``: as the sentence names it)
    member_of: Organisation | None = None  # a delegation: the organisation it is a delegation of

    def gold(self) -> dict[str, str]:
        out = {"person": self.person.name if self.person else None, "organisation": self.organisation,
               "role": self.role, "on_behalf_of": self.on_behalf_of}
        return {k: v for k, v in out.items() if v}


@dataclass(frozen=True)
class Event:
    type: str  # visit | official-visit | working-visit | state-visit | political-consultations | meeting | …
    date: StatedDate
    place: Place | None = None
    related: frozenset[str] = frozenset()  # the states it is between
    participants: tuple[Participant, ...] = ()
    topic: str | None = None  # short, in English
    destination: str | None = None  # the state visited (ISO alpha-3), the place where no city is named
    same_as: Event | None = None  # the event of an earlier sentence this one speaks of again
    sub_event_of: Event | None = None  # the event it took place within ("im Rahmen der Konferenz")
    title: str | None = None  # its title as stated ('unter dem Titel “…“')
    occasion: str | None = None  # the wider frame as stated ("während der norwegischen OSZE-Präsidentschaft")
    topics: tuple[str, ...] = ()  # what was discussed or addressed, as stated (in the page's language)
    between: tuple[Organisation, ...] = ()  # the organisations it is between, where the sentence names them
    reading: Reading | None = None  # how an imperfect sentence was read (a dkg:Interpretation)

    kind = "event"
    NOT_SCORED: ClassVar[frozenset[str]] = frozenset({"destination", "same_as", "sub_event_of", "title", "occasion",
                                                      "topics", "between", "reading"})


@dataclass(frozen=True)
class Reading:
    """The reading of a sentence a rule found imperfect: a concept of vocab:interpretation-kind
    (merged-statement, garbled-sentence) and what was read how, in English."""

    kind: str
    comment: str


@dataclass(frozen=True)
class NameVariant:
    """A later form of a name the page used first ("Rahmon" for "Emomali Rahmon", "EU" for
    "Europäische Union"): ``entity`` in the nominative, ``variant`` as written."""

    entity: str
    variant: str
    entity_kind: str  # person | organisation | city
    relation: str  # how the variant names it: order, initials, surname, spelling, abbreviation, …
    key: str | None = None  # the graph's IRI of the entity, a city's GeoNames id
    organisation: Organisation | None = None  # the entity, if an organisation
    place: Place | None = None  # the entity, if a city

    kind = "name-variant"
    NOT_SCORED: ClassVar[frozenset[str]] = frozenset({"entity_kind", "relation", "key", "organisation", "place"})


@dataclass(frozen=True)
class OrganisationLink:
    """An organisation's membership, cooperation or founding: ``other`` is an organisation as the
    page names it, a state (ISO alpha-3) or an agreement ("Gemeinsame Erklärung")."""

    organisation: Organisation
    relation: str  # member-of | cooperates-with | founded-by | founded-on
    other: Organisation | str  # an organisation, a state (ISO alpha-3) or an agreement's title
    other_kind: str  # organisation | state | agreement
    partners: tuple[Organisation | str, ...] = ()  # cooperates-with: every partner the sentence names
    parties: tuple[Organisation | str, ...] = ()  # founded-on: the agreement's parties (organisations, states)
    purpose: str | None = None  # cooperates-with: the purpose as stated ("um Mittel … zu erhalten")
    agreement: Agreement | None = None  # founded-on: the agreement (the one the agreement rules drafted, if any)

    kind = "organisation-link"
    NOT_SCORED: ClassVar[frozenset[str]] = frozenset({"other_kind", "partners", "parties", "purpose", "agreement"})


@dataclass(frozen=True)
class OrganisationFact:
    """What a sentence states of an organisation itself, beyond naming it: its kind, the states it is
    of, the state it works in, a status ("die Einrichtung der … Kommission" as a step still to
    come: intended). Not a kind of the gold format: drafted and written, not scored."""

    organisation: Organisation
    states: frozenset[str] = frozenset()  # ISO alpha-3 of the states it belongs to
    located_in: str | None = None  # ISO alpha-3 of the state it works in ("In Tadschikistan funktioniert …")
    status: str | None = None  # a concept of vocab:status (intended)
    described_as: str | None = None  # the words that describe it without its name ("ein … Gemeinschaftsunternehmen")

    kind = "organisation"


@dataclass(frozen=True)
class Agreement:
    title: str  # as stated (a quoted title whole), its head word in the nominative
    parties: frozenset[str]  # ISO alpha-3 of states; organisations as the page names them
    date: StatedDate | None = None  # of its signing
    signed_at: Place | None = None
    type: str = "agreement"  # a concept of vocab:agreement-type
    signed: bool = False  # the sentence states its signing (or adoption): a signing event is written
    governments: frozenset[Organisation] = frozenset()  # parties the sentence names as a state's government

    kind = "agreement"
    NOT_SCORED: ClassVar[frozenset[str]] = frozenset({"type", "signed", "governments"})  # not gold fields


@dataclass(frozen=True)
class Amount:
    value: Decimal
    currency: str  # ISO 4217
    as_stated: str  # "7 Millionen Kronen"
    conversion_of: int | None = None  # the index of the amount it converts (a bracketed second amount)

    def gold(self) -> dict[str, Any]:
        whole = self.value == self.value.to_integral_value()
        return {"value": int(self.value) if whole else float(self.value), "currency": self.currency}


@dataclass(frozen=True)
class Assistance:
    donor: str | None
    recipient: str | None
    amounts: tuple[Amount, ...] = ()
    purpose: str | None = None  # the purpose phrase as stated
    year: StatedDate | None = None
    types: frozenset[str] = frozenset({"financial-assistance"})  # concepts of vocab:event-type
    enumeration: str | None = None  # the common purpose of a sentence listing several (one fact per item)
    under: Agreement | None = None  # the agreement the sentence says it is given under
    channel: Organisation | None = None  # the organisation it was given through ("OSZE-…" of an item)
    concerns: Organisation | None = None  # the organisation it is about ("die Einrichtung der …-Akademie")
    concerns_in: Place | None = None  # the city that organisation is in ("… in Duschanbe")

    kind = "assistance"
    NOT_SCORED: ClassVar[frozenset[str]] = frozenset({"types", "enumeration", "under", "channel", "concerns",
                                                      "concerns_in"})


@dataclass(frozen=True)
class PlannedAgreement:
    """An instrument a sentence speaks of as possible, planned or in preparation, not as signed ("die
    Möglichkeit, ein Abkommen oder einen Aktionsplan zu entwickeln"); instruments offered as
    alternatives ("oder", "or", "или") are one. Not a kind of the gold format: not scored."""

    types: tuple[str, ...]  # concepts of vocab:agreement-type, in the order named
    status: str  # a concept of vocab:status: possible | intended
    parties: frozenset[str]  # as for Agreement
    title: str | None = None  # as stated, where the sentence names one instrument by more than its type

    kind = "planned-agreement"


@dataclass(frozen=True)
class LegalFramework:
    """The legal framework of a relation and the status a sentence gives it ("Der zwischenstaatliche
    Rechtsrahmen befindet sich im Wiederherstellungsprozess"). Not a kind of the gold format."""

    states: frozenset[str]  # the two states of the relation
    status: str  # a concept of vocab:status
    status_as_stated: str

    kind = "legal-framework"


Fact = (RelationEstablished | Recognition | MissionOpened | HeadOfMission | Event | NameVariant | OrganisationLink
        | Agreement | Assistance | PlannedAgreement | LegalFramework | OrganisationFact)


@dataclass
class Drafted:
    """A fact read from a sentence by a rule."""

    fact: Fact
    sentence: Sentence
    rule: str
    confidence: float
    reasons: list[str] = field(default_factory=list)  # how entities were matched, what was read how
    questions: list[str] = field(default_factory=list)  # what a person must decide

    def gold(self) -> dict[str, Any]:
        """The fact in the gold format (fields the sentence does not state left out)."""
        out: dict[str, Any] = {"kind": self.fact.kind, "sentence": self.sentence.number}
        for name, value in vars(self.fact).items():
            if name in getattr(self.fact, "NOT_SCORED", ()):
                continue
            value = _gold_value(value)
            if value not in (None, [], False):
                out[name] = value
        return out


def _gold_value(value: object) -> Any:
    if isinstance(value, ConcurrentPost):
        return {"sending": value.sending, "receiving": value.receiving, "rank": value.rank}
    if isinstance(value, Amount | Participant):
        return value.gold()
    if isinstance(value, tuple):
        return [_gold_value(v) for v in value]
    if isinstance(value, StatedDate):
        return [value.start, value.end] if value.end else value.start
    if isinstance(value, Place | Person | Organisation):
        return value.name
    if isinstance(value, frozenset):
        return sorted(value)
    return value
