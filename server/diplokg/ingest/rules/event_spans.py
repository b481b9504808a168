"""Which part of a sentence belongs to which event trigger, for rules.events: a trigger's stretch
(its clause, up to the neighbouring triggers), the dates of that stretch (the nearest before the
trigger, else the first after it; a list of dates is one item each: "im März 2014 in Lissabon und
am 2. Juni 2016 in Duschanbe", "in 2003, in 2004 and in 2005"), the dates right after a trigger
noun ("визита 2021 года"), the trigger a person or city belongs to (the one before it in the
clause, unless a comma sets it apart as part of the next), and an event's city ("in Duschanbe",
"в г. Бишкеке", "Dushanbe, where …")."""

from __future__ import annotations

import re

from diplokg.ingest.facts import Place
from diplokg.ingest.rules import event_text
from diplokg.ingest.rules import event_words as words
from diplokg.ingest.rules.context import SentenceView
from diplokg.ingest.rules.event_dates import EventDate
from diplokg.ingest.rules.event_text import clause, listed_dates
from diplokg.ingest.rules.event_words import Trigger


class Spans:
    """A sentence's triggers and dates, and what belongs to which trigger."""

    def __init__(self, view: SentenceView, dates: list[EventDate]) -> None:
        self.view, self.text, self.language = view, view.text, view.context.page.language
        self.dates = dates
        self.triggers: list[Trigger] = []
        self.claimed: set[int] = set()  # starts of the dates a trigger has taken
        self._found_cities: list[tuple[int, int, Place]] | None = None

    def attached(self, t: Trigger) -> list[EventDate]:
        """The dates right after a trigger noun ("визита 2021 года", "Die Konsultationen 2019 und 2020")."""
        after = [d for d in self.region_dates(t) if d.start >= t.end]
        if not after or not re.fullmatch(r"\s*", self.text[t.end:after[0].start]):
            return []
        chain = listed_dates(self.text, after)
        cut = next((i for i, d in enumerate(chain) if d.date.precision != "year"), len(chain))
        return chain[:cut]

    def region(self, t: Trigger) -> tuple[int, int]:
        """``t``'s stretch: its clause up to the neighbouring triggers, with the relative clause right
        after a trigger noun ("Die siebte Runde, die am … stattfand", "the talks, which took place …")."""
        lo, hi = clause(self.text, t.start)
        relative = words.RELATIVE_CLAUSE.match(self.text, t.end) if t.form == "noun" else None
        if relative is not None and hi == relative.start(1):
            following = re.search(r"[,;]", self.text[relative.end():])
            hi = relative.end() + following.start() if following else len(self.text)
        for other in self.triggers:
            if other.end <= t.start and other.form != "anaphor":
                lo = max(lo, other.end)
            elif other.start >= t.end and other.form != "anaphor":
                hi = min(hi, other.start)
        return lo, hi

    def region_dates(self, t: Trigger) -> list[EventDate]:
        lo, hi = self.region(t)
        out = []
        for d in self.dates:
            if not (lo <= d.start and d.end <= hi):
                continue
            if d.use == "event" or (d.use == "signed" and 0 <= t.start - d.end <= 40 and
                                    words.ends_with(words.FRAME[self.language], self.text[d.end:t.start], 2)):
                out.append(d)
        return out

    def dates_for(self, t: Trigger) -> list[tuple[EventDate | None, str | None, tuple[int, int] | None]]:
        """The dates of ``t``'s own stretch (one per list item, with the item's visit type and span),
        or [(None, None, None)] when it has none."""
        own = [d for d in self.region_dates(t) if d.start not in self.claimed]
        before = [d for d in own if d.end <= t.start]
        after = [d for d in own if d.start >= t.end]
        chain = listed_dates(self.text, after)
        back = listed_dates(self.text, before[::-1], reverse=True)[::-1]
        found: list[tuple[EventDate | None, str | None, tuple[int, int] | None]]
        if len(chain) >= 2:
            found = [(d, words.item_type(self.text[max(t.end, d.start - 40):d.start], self.language),
                      (chain[i - 1].end if i else t.end, d.end)) for i, d in enumerate(chain)]
        elif len(back) >= 2 and not after:
            found = [(d, None, (back[i - 1].end if i else self.region(t)[0], d.end)) for i, d in enumerate(back)]
        elif before or after:
            found = [(after[0] if self._own_after(t, before, after) else before[-1], None, None)]
        else:
            return [(None, None, None)]
        self.claimed.update(d.start for d, _, _ in found if d is not None)
        return found

    def _own_after(self, t: Trigger, before: list[EventDate], after: list[EventDate]) -> bool:
        """Whether the date right after ``t`` is its own, not the one before it: none before, or one
        an "and" sets apart ("arrived in May and presented her credentials on 2 June")."""
        if not before:
            return True
        return bool(after) and re.fullmatch(r"\s*(?:am|on|в|во|,)?\s*", self.text[t.end:after[0].start]) is not None \
            and re.search(r"\b(?:und|and|и|а|sowie)\b", self.text[before[-1].end:t.start]) is not None

    def owner(self, start: int, end: int, place: bool = False) -> Trigger | None:
        """The trigger a person or place named at start:end belongs to: the one before it in the clause
        (its object, or its subject after the verb), unless a comma sets it apart as part of the next;
        a person after a frame "am Rande / on the sidelines of / на полях" is the next one's subject
        (a place there is still the frame's: "на полях саммита в г. X президенты встретились")."""
        lo, hi = clause(self.text, start)
        inside = [t for t in self.triggers if lo <= t.start < hi] or self.triggers
        before = [t for t in inside if t.start <= start]
        after = [t for t in inside if t.start >= end]
        if before and after:
            t1, t2 = before[-1], after[0]
            if not place and self.aside(t1) and t2.form != "anaphor" and not self.aside(t2):
                return t2  # "On the sidelines of the summit, the presidents met": the subject of the verb
            if re.search(r"[,;]", self.text[t1.end:start]) and not re.search(r"[,;]", self.text[end:t2.start]):
                return t2
            return t1
        return before[-1] if before else (after[0] if after else None)

    def aside(self, t: Trigger) -> bool:
        """Whether ``t`` is a frame others take place beside ("am Rande des Gipfels", "на полях саммита")."""
        before = self.text[max(0, t.start - 60):t.start]
        return t.form == "noun" and words.ends_with(words.SIDELINES[self.language], before, 3)

    def place_of(self, t: Trigger, dated: EventDate | None, span: tuple[int, int] | None) -> Place | None:
        """The city after "in / в" that belongs to ``t`` (as a person does: see owner), within its
        list item (after its date, else before it, in a later item after the list's "," or "and": "held
        in Oslo on 2 May, the second on …", not "on 1 May in Oslo and on 3 May online"); or the
        city before ", where / wo / где" that opens ``t``'s clause."""
        lo, hi = self.region(t)
        stretches = [(lo, hi)]
        if span is not None and dated is not None:
            following = [d.start for d in self.dates if d.start > dated.end]
            cut = list(re.finditer(r"[,;]|\b(?:und|and|и|sowie)\b", self.text[span[0]:dated.start]))
            lead = cut[-1].end() if cut and span[0] > t.end else 0  # a later item: after its "," / "and"
            stretches = [(dated.end, min([hi, *following])), (span[0] + lead, dated.start)]
        for a, b in stretches:
            for start, end, place in self.cities():
                if a <= start < b and self.owner(start, end, place=True) is t:
                    return place
        return event_text.city_before_where(self.text, self.cities(), t.start)

    def cities(self) -> list[tuple[int, int, Place]]:
        if self._found_cities is None:
            self._found_cities = event_text.cities(self.view, self.language, [(d.start, d.end) for d in self.dates])
        return self._found_cities
