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

    kind = "head-of-mission"


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

    kind = "event"
    unscored = ("destination", "same_as", "sub_event_of")  # not fields of the gold format


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
            if name == "rank_as_stated" or name in getattr(self.fact, "unscored", ()):
                continue
            value = _gold_value(value)
            if value not in (None, [], False):
                out[name] = value
        return out


def _gold_value(value: object) -> Any:
    if isinstance(value, StatedDate):
        return [value.start, value.end] if value.end else value.start
    if isinstance(value, Place | Person):
        return value.name
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple):
        return [v.gold() if isinstance(v, Participant) else _gold_value(v) for v in value]
    return value
