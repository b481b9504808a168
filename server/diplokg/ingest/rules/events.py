"""Bilateral events: visits (official, working, state), political consultations, meetings and talks,
conferences and summits, speeches, signings, foundings, friendship groups, commission sessions,
and the "other" events the pages date (credentials presented, telegrams exchanged, a phone call,
a reception, a ceremony).

A trigger (rules.event_words) names an event and its type. Its date is the nearest date before it
in its stretch of the clause (up to the neighbouring triggers), else the first after it; a list of
dates is one event per date ("am 1. Oktober 2019 in Berlin und am 8 Dezember 2020", "in 2003, in
2004 and in 2005", "государственный – в декабре 2008 года, официальный – в декабре 2011 года"). A
trigger without a date of its own takes the date of the visit or conference it took place in
("paid an official visit …, during which he held talks …") or of the event of the sentence
before that the sentence goes on about ("Im Rahmen der Konferenz sprach …", "During the talks …",
"Die Vorsteherin des EDA wurde … empfangen"): a reading note says so and the confidence is lower.
A frame or demonstrative that names the event of the sentence before ("Während des Treffens",
"dieser Veranstaltung", "В ходе визита 2021 года", "Die Konsultationen 2019 und 2020") is that
event again, not a new one; so is a sentence that goes on about its sides ("Die Parteien …").

The place is the city after "in / в" in the event's stretch (not a residence in parentheses); a
visit's destination state is kept for the graph. Persons come from rules.event_people (their
parts from rules.event_parts), organisations (organiser, deciding body, delegation, the sides of an
event between organisations) from rules.event_bodies; title, occasion and topics as stated from
rules.event_details; readings of imperfect sentences (merged names, a German sentence without its
verb in second place) from rules.event_readings. The event is between the page's two states."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from diplokg.ingest.dates import StatedDate
from diplokg.ingest.facts import Drafted, Event, Participant, Place, Reading
from diplokg.ingest.mentions import PageNames
from diplokg.ingest.rules import event_acronyms, event_text
from diplokg.ingest.rules import event_details as details
from diplokg.ingest.rules import event_words as words
from diplokg.ingest.rules.context import HOME, SentenceView
from diplokg.ingest.rules.event_bodies import bodies, sides
from diplokg.ingest.rules.event_dates import DateReader, EventDate
from diplokg.ingest.rules.event_parts import is_subject, shared_subject, with_part
from diplokg.ingest.rules.event_people import Named, named_people
from diplokg.ingest.rules.event_readings import fronted_date, host_before_subject, merged_names, merged_reading
from diplokg.ingest.rules.event_spans import Spans
from diplokg.ingest.rules.event_text import clause
from diplokg.ingest.rules.event_words import FRAMING, VISITS, Trigger

_ABOUT = ("speech", "conference", "meeting", "political-consultations", "commission-session")
_NO_SIDES = ("founding",)  # events "the sides" of the next sentence cannot be about
_FAMILY = {**{t: "visit" for t in VISITS}, "meeting": "talks", "political-consultations": "talks",
           "conference": "conference", "commission-session": "conference"}


@dataclass
class EventMemory:
    """The events and dates of the sentences read so far on a page."""

    events: dict[int, list[Event]] = field(default_factory=dict)
    dates: dict[int, list[StatedDate]] = field(default_factory=dict)
    persons: dict[str, Participant] = field(default_factory=dict)  # named so far, by lower-case name
    names: PageNames | None = None  # the page's persons, organisations and cities (ingest.mentions)

    def before(self, number: int) -> list[Event]:
        out: list[Event] = []
        for event in self.events.get(number - 1, []):
            event = root(event)
            if event not in out:
                out.append(event)
        return out


def root(event: Event) -> Event:
    while event.same_as is not None:
        event = event.same_as
    return event


def event_rules(view: SentenceView, memory: EventMemory | None = None) -> Iterator[Drafted]:
    memory = memory if memory is not None else EventMemory()
    reader = _Sentence(view, memory)
    drafted = reader.read()
    number = view.sentence.number
    memory.events[number] = [d.fact for d in drafted if isinstance(d.fact, Event)]
    memory.dates[number] = [d.date for d in reader.dates if d.use == "event"]
    yield from drafted


@dataclass
class _Source:
    """Where an event without a date of its own takes its date from."""

    event: Event
    why: str
    frame: bool  # the event took place within it


class _Sentence(Spans):
    def __init__(self, view: SentenceView, memory: EventMemory) -> None:
        self.number, self.memory = view.sentence.number, memory
        super().__init__(view, DateReader(view, memory.dates.get(self.number - 1, [])).read())
        self.previous = memory.before(self.number)
        self.related = frozenset(s for s in (HOME, view.context.partner) if s)
        selected = [t for t in event_text.select(view, self.language) if not self._attributive(t)]
        selected = event_acronyms.expand(view, selected, any(d.use == "event" for d in self.dates))
        self.triggers = self._named_once(selected)
        self.drafted: list[tuple[Drafted, Trigger | None]] = []
        self.people = named_people(view, memory.persons)
        self.frame: Event | None = None
        self.occasions = details.occasions(view, self.triggers, [(d.start, d.end) for d in self.dates])
        self.discussed = details.discussed(view)
        self.bodies = bodies(view, memory.names)
        self.garbled = fronted_date(view)

    def _attributive(self, t: Trigger) -> bool:
        """"des im Juni 2009 unterzeichneten Abkommens", "the treaty signed in 2009": a document's date."""
        return t.form == "signing" and any(
            d.use == "signed" and (0 <= t.start - d.end <= 40 or 0 <= d.start - t.end <= 5) for d in self.dates)

    def _named_once(self, triggers: list[Trigger]) -> list[Trigger]:
        """Without a noun that names an event of the sentence again ("…; an den Gesprächen nahm auch
        … teil", "…; во встрече принял участие также …"): its persons are the earlier event's."""
        kept: list[Trigger] = []
        for t in triggers:
            family = _FAMILY.get(_type(t), _type(t))
            lo, hi = clause(self.text, t.start)
            before = self.text[max(0, t.start - 40):t.start]
            again = t.form == "noun" and words.ends_with(words.AGAIN[self.language], before, 1)
            if again and any(_FAMILY.get(_type(o), _type(o)) == family and o.form != "weak" for o in kept) and \
                    not any(lo <= d.start < hi and d.use == "event" for d in self.dates):
                continue
            kept.append(t)
        return kept

    def read(self) -> list[Drafted]:
        self.drafted += [(d, None) for d in event_text.agreed(self.view, self.dates, self.triggers, self.related)]
        refers = {t: refs for t in self.triggers if (refs := self._refers(t))}
        self.claimed.update(d.start for t in refers for d in self.attached(t))
        self.frame = next((refs[0] for refs in refers.values()), None)  # an earlier event the sentence is within
        others = [t for t in self.triggers if t not in refers and t.form != "anaphor"]
        if not [t for t in others if t.form != "weak"]:
            for t, refs in refers.items():
                for event in refs:
                    self._again(event, t, f"'{t.text}' is the {event.type} of the sentence before")
            if not refers and self.previous and self.previous[0].type not in _NO_SIDES and \
                    words.CONTINUATION[self.language].search(self.text):
                self._again(self.previous[0], None, "the sentence goes on about the event of the sentence before")
            if refers or not others:
                return [d for d, _ in self.drafted]
        link = self._link(refers, others)
        for t in others:
            if t.form == "weak" and any(o is not t and not self.aside(o) for o in others):
                continue  # a talk within another event; beside a summit ("am Rande …") it is one of its own
            items = self.dates_for(t)
            for dated, kind, span in items:
                self._new(t, kind or _type(t), dated, link, span, [d for d, _, _ in items])
        return [d for d, _ in self.drafted]

    # -- what a trigger refers to --------------------------------------------------------------

    def _refers(self, t: Trigger) -> list[Event]:
        """The events of the sentence before that ``t`` names again ("dieses Treffens", "Während des
        Treffens", "Die Konsultationen 2019 und 2020"), if any."""
        if not self.previous or t.form not in ("noun", "anaphor"):
            return []
        before = self.text[max(0, t.start - 60):t.start]
        if t.form == "anaphor" or words.ends_with(words.DEMONSTRATIVE[self.language], before, 1):
            return [self.previous[-1]]
        framed = words.ends_with(words.FRAME[self.language], before, 2)
        if not (framed or words.ends_with(words.DEFINITE[self.language], before, 1)):
            return []
        own = self.attached(t)
        if any(d.date.precision != "year" for d in own) or any(d.end <= t.start for d in self.region_dates(t)):
            return []
        if not framed and any(d.start >= t.end and d not in own for d in self.region_dates(t)):
            return []  # "Die siebte Runde, die am 23. Mai stattfand", "The first meeting … took place on 2 May"
        same = [e for e in self.previous if _FAMILY.get(e.type, e.type) == _FAMILY.get(_type(t), _type(t))]
        if not own:
            return same[-1:]
        years = [d.date.start[:4] for d in own]
        found = [next((e for e in same if e.date.start[:4] == y), None) for y in years]
        return [e for e in found if e is not None] if all(found) else []

    def _link(self, refers: dict[Trigger, list[Event]], others: list[Trigger]) -> _Source | None:
        """The event of the sentence before that this sentence goes on about, if it names no date."""
        if not self.previous or any(d.use == "event" for d in self.dates):
            return None
        if refers:
            event = next(iter(refers.values()))[0]
            return _Source(event, f"the {event.type} of the sentence before", True)
        starts_framed = others and words.ends_with(words.FRAME[self.language], self.text[:others[0].start], 3)
        if not (starts_framed or any(t.form in ("verb", "visit-verb") for t in others)):
            return None
        event = self.previous[0]
        return _Source(event, f"the {event.type} of the sentence before", True)

    # -- dates ---------------------------------------------------------------------------------

    def _source(self, t: Trigger, link: _Source | None) -> _Source | None:
        earlier = [(d.fact, tr) for d, tr in self.drafted if isinstance(d.fact, Event) and tr is not None
                   and tr.end <= t.start]
        framing = [e for e, _ in earlier if e.type in FRAMING]
        if framing and not (_type(t) == "conference" and framing[-1].type in VISITS):
            return _Source(framing[-1], f"the {framing[-1].type} it took place within", True)
        if link is not None:
            return link
        if earlier:
            return _Source(earlier[-1][0], f"the {earlier[-1][0].type} before it", False)
        return None

    # -- drafting ------------------------------------------------------------------------------

    def _new(self, t: Trigger, kind: str, dated: EventDate | None, link: _Source | None,
             span: tuple[int, int] | None, items: list[EventDate | None] | None = None) -> None:
        reasons: list[str] = []
        questions: list[str] = []
        resolved = self._resolve(t, kind, dated, link, span, reasons, questions)
        if resolved is None:
            return
        date, place, parent, source, confidence = resolved
        named, reading = self._owned(t, span, dated, items, questions)
        participants = tuple(with_part(n.participant, kind, is_subject(self.view, n, t)) for n in named)
        if t.form == "signing" and not event_text.signatories(self.view, t, participants):
            return
        participants = self._with_subject(participants, named, source, t, kind)
        mine = [b for b in self.bodies if self.owner(b.start, b.end) is t and (span is None or b.start < span[1])]
        participants += tuple(b.participant for b in mine)
        reasons += [note for n in named for note in n.notes] + [note for b in mine for note in b.notes]
        destination = event_text.visited_state(self.view, self.region(t), t) if kind in VISITS else None
        for found in (host_before_subject(self.view, destination) if kind in VISITS else None, self.garbled):
            if reading is None and found is not None:
                reading, question = found
                questions.append(question)
        fact = Event(kind, date, place, self.related, participants, details.topic_of(kind, destination, self.view),
                     destination, sub_event_of=parent, title=details.title(self.view, t, self.region(t)[1]),
                     occasion=self._occasion(t, dated, span, reasons, questions), topics=self._topics(t, kind),
                     between=sides(self.view, self.memory.names, *self.region(t)), reading=reading)
        confidence -= 0.15 if reading is not None else 0
        self.drafted.append((Drafted(fact, self.view.sentence, f"events/{kind}", confidence, reasons, questions), t))

    def _resolve(self, t: Trigger, kind: str, dated: EventDate | None, link: _Source | None,
                 span: tuple[int, int] | None, reasons: list[str], questions: list[str]
                 ) -> tuple[StatedDate, Place | None, Event | None, _Source | None, float] | None:
        """The event's date, place, the event it is part of, where its date comes from, a confidence."""
        parent: Event | None = None
        source: _Source | None = None
        place = self.place_of(t, dated, span)
        if dated is not None:
            date = dated.date
            reasons += dated.reasons
            questions += dated.questions
            confidence = 0.5 if dated.relative else 0.6
        else:
            source = self._source(t, link) or self._fallback(t)
            if source is None:
                return None
            date = source.event.date
            place = place or source.event.place
            parent = source.event if source.frame and source.event.type != kind else None
            reasons.append(f"'{t.text}' names no date of its own: the date of {source.why} is read")
            confidence = 0.45
            if len({e.date for e in self.previous}) > 1 and source is link:
                questions.append(f"The sentence names no date; read as part of the {source.event.type} of the "
                                 f"sentence before ({date.as_stated or date.start}). Is that the one meant?")
        if parent is None and self.frame is not None and self.frame.type != kind:
            parent = self.frame
        return date, place, parent, source, confidence

    def _again(self, event: Event, t: Trigger | None, why: str) -> None:
        named = self._owned(t, None)[0] if t else self.people
        participants = tuple(with_part(n.participant, event.type, t is None or n.start < t.start) for n in named)
        fact = Event(event.type, event.date, event.place, event.related, participants, None, event.destination,
                     same_as=event, topics=self._topics(t, event.type))
        reasons = [f"{why}; its date{' and place' if event.place else ''} are read from there",
                   *(note for n in named for note in n.notes)]
        self.drafted.append((Drafted(fact, self.view.sentence, f"events/{event.type}", 0.45, reasons), t))

    def _owned(self, t: Trigger, span: tuple[int, int] | None, dated: EventDate | None = None,
               items: list[EventDate | None] | None = None, questions: list[str] | None = None
               ) -> tuple[list[Named], Reading | None]:
        """The persons of ``t``: those its stretch names (within its list item, if it is one; else
        those before it, else those after every item, one each where they are merged names)."""
        mine = [n for n in self.people if self.owner(n.start, n.end) is t]
        if span is None:
            return mine, None
        inside = [n for n in mine if span[0] <= n.start < span[1]]
        before = [n for n in mine if n.start < t.start]
        after = [n for n in mine if all(d is None or n.start >= d.end for d in items or [])]
        if inside or not items or dated is None:
            return inside or before, None
        shared = before or after
        split = merged_names(self.view, shared, len(items))
        if split is None:
            return shared, None
        reading, question = merged_reading(self.view, split, [d.text for d in items if d is not None])
        if questions is not None:
            questions.append(question)
        return [split[items.index(dated)]], reading

    def _with_subject(self, participants: tuple[Participant, ...], named: list[Named], source: _Source | None,
                      t: Trigger, kind: str) -> tuple[Participant, ...]:
        earlier = [d.fact for d, tr in self.drafted
                   if isinstance(d.fact, Event) and tr is not None and tr.end <= t.start]
        return shared_subject(participants, named, source.event if source else None, earlier, t.start, kind)

    def _topics(self, t: Trigger | None, kind: str) -> tuple[str, ...]:
        """What the event was about (a speech's or conference's "über X") and what the sentence says
        was discussed or stated, where that belongs to ``t`` (every such phrase, for no trigger)."""
        out = details.about(self.view, t, self.region(t)[1]) if t is not None and kind in _ABOUT else []
        out += [p.text for p in self.discussed if t is None or self._topic_owner(p.start, p.end) is t]
        return tuple(dict.fromkeys(out))

    def _topic_owner(self, start: int, end: int) -> Trigger | None:
        """The event a topic belongs to: that of the trigger before it, a verb of talking
        ("discussed") that is no event of its own read as the event it is about."""
        owner = self.owner(start, end)
        if owner is None or owner.form != "weak":
            return owner
        here = clause(self.text, start)
        strong = [t for t in self.triggers if t.form != "weak" and clause(self.text, t.start) == here]
        return next((t for t in reversed(strong) if t.start <= start), strong[0] if strong else owner)

    def _occasion(self, t: Trigger, dated: EventDate | None, span: tuple[int, int] | None, reasons: list[str],
                  questions: list[str]) -> str | None:
        spans = [(d.start, d.end) for d in self.dates]
        own = (dated.start, dated.end, dated.text) if dated is not None else None
        return details.occasion_of(self.text, self.occasions, spans, own, self.region(t) if span is None else None,
                                   reasons, questions)

    def _fallback(self, t: Trigger) -> _Source | None:
        usable = [d for d in self.dates if d.use == "event"]
        before = [d for d in usable if d.end <= t.start]
        chosen = before[-1] if before else (usable[0] if usable else None)
        if chosen is None:
            return None
        return _Source(Event("?", chosen.date), f"'{chosen.text}' elsewhere in the sentence", False)


def _type(t: Trigger) -> str:
    return t.type or "other"
