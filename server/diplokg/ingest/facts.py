"""Drafted facts: what a rule read from one sentence, before it is written as RDF.

The kinds and their fields follow the gold format of the development corpus (tests/fixtures/ingest/
README.md), so that drafts can be scored against gold facts field by field: states as ISO 3166
alpha-3 codes, cities by their English name (with their GeoNames id), persons and organisations as
the page names them, dates as precise as the text. A field the sentence does not state is None.
Every drafted fact keeps the rule that produced it, a confidence, the reasons for its readings and
the questions it leaves open for the reviewer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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


@dataclass(frozen=True)
class ConcurrentPost:
    """Another post the same person holds at the same time ("gleichzeitig", "по совместительству")."""

    sending: str
    receiving: str
    rank: str
    rank_as_stated: str | None = None


@dataclass(frozen=True)
class Event:
    type: str  # visit | official-visit | working-visit | state-visit | political-consultations | meeting | …
    date: StatedDate
    place: Place | None = None
    related: frozenset[str] = frozenset()  # the states it is between

    kind = "event"


Fact = RelationEstablished | Recognition | MissionOpened | HeadOfMission | Event


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
            if name in _NOT_GOLD:
                continue
            value = _gold_value(value)
            if value not in (None, [], False):
                out[name] = value
        return out


#: fields that the RDF uses but the gold format does not have
_NOT_GOLD = {"rank_as_stated", "attested_on", "credentials", "to_organisation"}


def _gold_value(value: object) -> Any:
    if isinstance(value, ConcurrentPost):
        return {"sending": value.sending, "receiving": value.receiving, "rank": value.rank}
    if isinstance(value, tuple):
        return [_gold_value(v) for v in value]
    if isinstance(value, StatedDate):
        return [value.start, value.end] if value.end else value.start
    if isinstance(value, Place | Person):
        return value.name
    if isinstance(value, frozenset):
        return sorted(value)
    return value
