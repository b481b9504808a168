"""The dates of a sentence as events read them: each date mention with its year completed ("am 29.
März" in a sentence about March 2011), dates stated relative to another ("on the same day", "am
nächsten Tag", "в том же году") resolved, and each marked with its use:

- ``event``: a date an event may have;
- ``since``: the start of a state or a period ("seit Februar 2022", "since 2019", "с 15 марта 2022
  года", "für die Jahre 2016-2017"), never an event's date;
- ``signed``: the date of a signed document ("des im Juni 2009 unterzeichneten Abkommens",
  "подписанный 6.07.2001 г."), an event's date only for an event the signing took place in
  ("подписанный 6.07.2001 г. в ходе официального визита");
- ``agreed``: the date something was agreed ("die im Mai 2016 vereinbarten Konsultationen").

A relative date or a day without its year is read from the nearest date before it in the sentence
(else after it), else from the previous sentence when that has exactly one date; where the
previous sentence has several, the nearest is read and the reader is asked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from diplokg.ingest.dates import DateMention, StatedDate
from diplokg.ingest.rules import event_words as words
from diplokg.ingest.rules.context import SentenceView

_DETERMINER_BEFORE = re.compile(r"\b(?:der|die|das|des|dem|den|eine[smnr]?|ein|dieser|diese[ns]?)\s+(?:am|im|vom|"
                                r"in)?\s*$",
                                re.IGNORECASE)


@dataclass(frozen=True)
class EventDate:
    start: int  # span in the sentence
    end: int
    text: str
    date: StatedDate
    use: str = "event"  # event | since | signed | agreed
    reasons: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    relative: bool = False  # stated relative to another date
    year_read: bool = False  # a day and month whose year is read from another date


@dataclass
class DateReader:
    """The dates of one sentence; ``previous``: the usable dates of the sentence before."""

    view: SentenceView
    previous: list[StatedDate] = field(default_factory=list)

    def read(self) -> list[EventDate]:
        language = self.view.context.page.language
        text = self.view.text
        found: list[EventDate] = []
        for mention in self.view.dates:
            if mention.quoted:
                continue
            found.append(EventDate(mention.start, mention.end, mention.text, mention.date,
                                   _use(text, mention, language)))
        found.sort(key=lambda d: d.start)
        found = [self._with_year(d, found) if d.date.start.startswith("0000") else d for d in found]
        found = [d for d in found if not d.date.start.startswith("0000")]
        found += self._relative(text, language, found)
        return sorted(found, key=lambda d: d.start)

    def _with_year(self, mention: EventDate, dates: list[EventDate]) -> EventDate:
        full = [d for d in dates if not d.date.start.startswith("0000") and d.use != "since"]
        before = [d for d in full if d.end <= mention.start]
        source = before[-1] if before else (full[0] if full else None)
        if source is None:
            year = self._previous_year()
            if year is None:
                return mention
            reason = f"'{mention.text}' names no year: the year {year} of the sentence before is read"
        else:
            year = source.date.start[:4]
            reason = f"'{mention.text}' names no year: the year of '{source.text}' is read"
        stated = StatedDate(year + mention.date.start[4:], year + mention.date.end[4:] if mention.date.end else None,
                            mention.text)
        return replace(mention, date=stated, reasons=(reason,), year_read=True)

    def _previous_year(self) -> str | None:
        years = {d.start[:4] for d in self.previous}
        return years.pop() if len(years) == 1 else None

    def _relative(self, text: str, language: str, dates: list[EventDate]) -> list[EventDate]:
        out: list[EventDate] = []
        for pattern, unit, offset in words.RELATIVE[language]:
            for m in re.finditer(rf"(?<!\w)(?:{pattern})(?!\w)", text, re.IGNORECASE):
                if any(m.start() < d.end and d.start < m.end() for d in dates):
                    continue
                resolved = self._resolve(m, unit, offset, dates)
                if resolved is not None:
                    out.append(resolved)
        return out

    def _resolve(self, m: re.Match[str], unit: str, offset: int, dates: list[EventDate]) -> EventDate | None:
        precise = [d for d in dates if d.use == "event" and _as_precise(d.date, unit)]
        before = [d for d in precise if d.end <= m.start()]
        questions: tuple[str, ...] = ()
        if before:
            base, source = before[-1].date, f"'{before[-1].text}'"
        else:
            candidates = [d for d in self.previous if _as_precise(d, unit)]
            if not candidates:
                return None
            last = candidates[-1]
            base, source = last, f"'{last.as_stated or last.start}' of the sentence before"
            if len({c.start for c in candidates}) > 1:
                questions = (f"'{m.group(0)}': the sentence before names several dates; read from the last, "
                             f"{source}. Is that the one meant?",)
        stated = _shift(base, unit, offset, m.group(0))
        reason = f"'{m.group(0)}' is read from {source}: {stated.start}"
        return EventDate(m.start(), m.end(), m.group(0), stated, "event", (reason,), questions, relative=True)


def _as_precise(date: StatedDate, unit: str) -> bool:
    """Whether ``date`` names the ``unit`` a relative date counts in (a day for "am nächsten Tag")."""
    return date.precision == "day" or unit == "year" or (unit == "month" and date.precision == "month")


def _shift(base: StatedDate, unit: str, offset: int, as_stated: str) -> StatedDate:
    if unit == "year":
        return StatedDate(str(int(base.start[:4]) + offset), None, as_stated)
    if unit == "month":
        months = int(base.start[:4]) * 12 + int(base.start[5:7]) - 1 + offset
        return StatedDate(f"{months // 12:04d}-{months % 12 + 1:02d}", None, as_stated)
    day = date.fromisoformat((base.end or base.start) if offset else base.start) + timedelta(days=offset)
    return StatedDate(day.isoformat(), None, as_stated)


def _use(text: str, mention: DateMention, language: str) -> str:
    before, after = text[max(0, mention.start - 40):mention.start], text[mention.end:mention.end + 60]
    span_of_days = mention.date.end is not None and mention.date.precision == "day"  # "from 14 to 16 May"
    if words.NOT_EVENT_DATE[language].search(before) and not span_of_days:
        return "since"
    attributive = language != "de" or _DETERMINER_BEFORE.search(before) is not None  # "des im Juni 2009 …"
    signed = attributive and words.SIGNED_BEFORE[language].match(after) is not None
    if signed or words.SIGNED_AFTER[language].search(before):
        return "signed"
    agreed = attributive and words.AGREED_BEFORE[language].match(after) is not None
    if agreed or words.AGREED_AFTER[language].search(before):
        return "agreed"
    return "event"


def in_list(text: str, first: EventDate, second: EventDate) -> bool:
    """Whether two dates are items of one list ("im Dezember 2018 in Duschanbe, am 1. Oktober 2019 …")."""
    return words.LIST_GAP.match(text[first.end:second.start]) is not None
