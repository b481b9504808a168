"""The plan of a synthetic diplomatic world, decided before any triple is written: which state keeps
which missions where, which partners each mission also covers (non-resident accreditations), when
relations were established, who held each post when, and who was president or minister.

Everything is drawn from ``random.Random`` seeded with the run's seed and the entity's key, so the
same seed always gives the same world, whatever size is generated from it. The states are the real
ones of the reference graph (their IRIs, codes and names); everything else is made up.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from functools import cached_property

from diplokg.synthetic.dates import random_day
from diplokg.synthetic.names import city_name, person_name

#: The last day the synthetic record covers (tenures running past it are current).
HORIZON = dt.date(2025, 6, 30)
#: Pairs of states the real seed pages describe: left out, so synthetic facts never mix with them.
REAL_PAIRS = frozenset({frozenset({"TJK", "ROU"}), frozenset({"TJK", "NOR"}), frozenset({"TJK", "AUT"})})
#: Generated first, so that even small graphs answer the saved queries' default parameters.
FIRST_SENDER = "TJK"


def rng_for(seed: int, *key: object) -> random.Random:
    return random.Random(":".join(str(k) for k in (seed, *key)))


@dataclass(frozen=True)
class StateInfo:
    code: str  # ISO 3166-1 alpha-3, the local name of the state's IRI (state/<code>)
    name_en: str
    name_de: str


@dataclass(frozen=True)
class Term:
    """A person holding an office (president, foreign minister, deputy) from ``start`` to ``end``."""

    key: str
    name: str
    office: str
    start: dt.date
    end: dt.date


@dataclass
class Profile:
    """A state's synthetic cities and office holders."""

    state: StateInfo
    cities: list[str]  # made-up names; cities[0] is the capital
    terms: list[Term]

    def holder(self, office: str, day: dt.date) -> Term | None:
        for term in self.terms:
            if term.office == office and term.start <= day <= term.end:
                return term
        return None


@dataclass(frozen=True)
class TenurePlan:
    key: str
    holder_name: str
    appointed: dt.date
    credentials: dt.date | None  # None: the source gives no presentation of credentials
    ended: dt.date | None  # None: still in office at the horizon
    with_appointment: bool  # False: only the presentation of credentials (or attestations) is known
    attested_only: bool  # True: the source only shows the holder in office on some days
    end_reason: str | None
    first_holder: bool


@dataclass
class Unit:
    """One resident mission of ``sender`` in ``seat_state`` and the states it also covers."""

    sender: str
    seat_state: str
    also_covers: list[str]
    opened: dt.date


@dataclass
class World:
    seed: int
    states: dict[str, StateInfo]
    profiles: dict[str, Profile] = field(default_factory=dict)

    def profile(self, code: str) -> Profile:
        if code not in self.profiles:
            self.profiles[code] = _profile(self.seed, self.states[code])
        return self.profiles[code]

    @cached_property
    def senders(self) -> list[str]:
        codes = sorted(self.states)
        rng_for(self.seed, "senders").shuffle(codes)
        codes.remove(FIRST_SENDER)
        return [FIRST_SENDER, *codes] if FIRST_SENDER in self.states else codes

    def units_of(self, sender: str) -> list[Unit]:
        """The sender's resident missions, in the order they are generated."""
        rng = rng_for(self.seed, "units", sender)
        partners = [c for c in sorted(self.states) if c != sender and frozenset({c, sender}) not in REAL_PAIRS]
        rng.shuffle(partners)
        resident = partners[: max(1, min(len(partners), rng.randint(25, 70)))]
        non_resident = partners[len(resident):]
        covers: dict[str, list[str]] = {c: [] for c in resident}
        for partner in non_resident:
            if rng.random() < 0.8:  # the rest: no accreditation at all
                covers[rng.choice(resident[: max(1, len(resident) // 2)])].append(partner)
        units = []
        for seat in resident:
            established = self.relation_established(sender, seat).day
            opened = random_day(rng, established, min(HORIZON, established + dt.timedelta(days=3 * 365)))
            units.append(Unit(sender, seat, covers[seat], opened))
        return units

    def relation_established(self, a: str, b: str) -> StatedDateSpec:
        x, y = sorted((a, b))
        rng = rng_for(self.seed, "relation", x, y)
        year = rng.choice((rng.randint(1946, 1990), rng.randint(1960, 2015), rng.randint(1991, 1995)))
        day = random_day(rng, dt.date(year, 1, 1), dt.date(year, 12, 31))
        return StatedDateSpec(day, rng.choices(("day", "month", "year"), weights=(6, 2, 2))[0])

    def tenures(self, sender: str, receiver: str, start: dt.date) -> list[TenurePlan]:
        """Successive heads of the sender's mission to ``receiver`` from ``start`` to the horizon."""
        rng = rng_for(self.seed, "tenures", sender, receiver)
        out: list[TenurePlan] = []
        appointed = start + dt.timedelta(days=rng.randint(30, 900))
        n = 0
        while appointed < HORIZON:
            n += 1
            length = rng.randint(700, 2300)
            ended = appointed + dt.timedelta(days=length)
            credentials = appointed + dt.timedelta(days=rng.randint(15, 200)) if rng.random() < 0.8 else None
            if credentials is not None and credentials >= ended:
                credentials = None
            current = ended > HORIZON
            attested_only = rng.random() < 0.05
            out.append(TenurePlan(
                key=f"{sender}-{receiver}-{n}", holder_name=person_name(rng), appointed=appointed,
                credentials=None if attested_only else credentials, ended=None if current else ended,
                with_appointment=not attested_only and rng.random() < 0.9, attested_only=attested_only,
                end_reason=None if current or attested_only else rng.choices(
                    ("left-post", "superseded", "presented-recall", "died-at-post", "mission-closed"),
                    weights=(50, 25, 20, 2, 3))[0],
                first_holder=n == 1,
            ))
            appointed = ended + dt.timedelta(days=rng.randint(1, 240))
        return out


@dataclass(frozen=True)
class StatedDateSpec:
    day: dt.date
    precision: str


def _profile(seed: int, state: StateInfo) -> Profile:
    rng = rng_for(seed, "profile", state.code)
    cities = [city_name(rng) for _ in range(3)]
    terms: list[Term] = []
    for office, low, high in (("president", 1800, 3600), ("foreign-minister", 700, 2200),
                              ("deputy-foreign-minister", 500, 1800)):
        day, n = dt.date(1945, 1, 1) + dt.timedelta(days=rng.randint(0, 900)), 0
        while day <= HORIZON:
            n += 1
            end = day + dt.timedelta(days=rng.randint(low, high))
            terms.append(Term(f"{state.code}-{office}-{n}", person_name(rng), office, day, end))
            day = end + dt.timedelta(days=1)
    return Profile(state, cities, terms)
