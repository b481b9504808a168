"""Bilateral events: visits (official, working, state), political consultations, meetings and talks,
conferences and summits, speeches, signings, foundings, friendship groups, commission sessions,
and the "other" events the pages date (credentials presented, telegrams exchanged, a phone call).

A trigger word or phrase names the event and its type; the event is drafted only with a date (every
dated event of the corpus has one): the date of its clause (the nearest date, before the trigger
within the clause, else after it); a trigger followed by a list of dates ("… im Dezember 2018 in
Duschanbe, am 1. Oktober 2019 in Berlin und am 8 Dezember 2020 …") is one event per date. A day
without its year ("am 29. März", "4 мая") takes the year of the sentence's other date, said so in a
reading note. The place is the city named after "in / в" in the clause; the event is between the
page's two states."""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplokg.ingest.dates import DateMention, StatedDate
from diplokg.ingest.facts import Drafted, Event, Place
from diplokg.ingest.rules.context import HOME, SentenceView

_TRIGGERS: dict[str, list[tuple[str, str]]] = {
    "de": [(r"Staatsbesuch\w*", "state-visit"), (r"Arbeitsbesuch\w*", "working-visit"),
           (r"offizielle\w*\s+(?:Besuch\w*|Delegation)", "official-visit"),
           (r"politische\w*\s+Konsultationen|Konsultationen", "political-consultations"),
           (r"Sitzung\s+der\s+\w*\s*Kommission|Tagung\s+der\s+\w*\s*Kommission", "commission-session"),
           (r"Gipfeltreffen|Gipfel\b|Konferenz\w*", "conference"),
           (r"Freundschaftsgruppe\w*", "parliamentary-friendship-group"),
           (r"Beglaubigungsschreiben|Glückwunsch\w*|Telefongespräch\w*", "other"),
           (r"besuchte\w*|Besuch\b|Besuchs?\b|hielt\s+sich[^.;]{0,80}\bauf\b", "visit"),
           (r"traf\s+sich|trafen\s+sich|zusammentraf|Treffen\b|Gespräch\w*|empfing|empfangen|Unterredung", "meeting"),
           (r"\bsprach\b|Rede\b", "speech"), (r"unterzeichnet\w*", "agreement-signing"),
           (r"gegründet|eingerichtet", "founding")],
    "en": [(r"state\s+visit", "state-visit"), (r"working\s+visit", "working-visit"),
           (r"official\s+visit|visited\s+officially", "official-visit"),
           (r"political\s+consultations|consultations", "political-consultations"),
           (r"session\s+of\s+the\s+[\w\s-]{0,40}Commission", "commission-session"),
           (r"Summit|Conference|Foreign\s+Ministers'\s+Meeting", "conference"),
           (r"friendship\s+group", "parliamentary-friendship-group"),
           (r"credentials|congratulatory|telephone\s+conversation|phone\s+call", "other"),
           (r"visited|paid\s+a\s+visit|visit\b", "visit"),
           (r"met\s+with|held\s+a\s+meeting|meeting\b|talks\b|received\b", "meeting"),
           (r"speech|addressed", "speech"), (r"\bsigned\b", "agreement-signing"),
           (r"initiated|founded|established\s+the", "founding")],
    "ru": [(r"государственн\w+\s+визит\w*", "state-visit"), (r"рабоч\w+\s+визит\w*", "working-visit"),
           (r"официальн\w+\s+визит\w*", "official-visit"),
           (r"политическ\w+\s+консультаци\w*|консультаци\w*", "political-consultations"),
           (r"заседани\w+\s+Межправительственн\w+\s+комисси\w*", "commission-session"),
           (r"саммит\w*|конференци\w*|Совет\w*\s+министров", "conference"),
           (r"групп\w+\s+дружбы", "parliamentary-friendship-group"),
           (r"верительн\w+\s+грамот\w*|поздравительн\w+|телефонн\w+\s+разговор\w*|послани\w*", "other"),
           (r"посетил\w*|визит\w*", "visit"),
           (r"встретил\w*|встреч\w+|принял\b|принят\w*|переговор\w*", "meeting"),
           (r"выступил\w*|выступлени\w*", "speech"), (r"подписан\w*", "agreement-signing"),
           (r"учрежден\w*|основан\w*", "founding")],
}
_CLAUSE_END = re.compile(r";|\.\s|, (?:und|and|а|и) (?=\w+\s+\w+)")
_PLACE = {"de": re.compile(r"\b(?:in|im)\s+(?:der\s+Stadt\s+)?$"), "en": re.compile(r"\bin\s+$"),
          "ru": re.compile(r"\b(?:в|во)\s+(?:г\.\s*)?$")}


def event_rules(view: SentenceView) -> Iterator[Drafted]:
    language = view.context.page.language
    seen: set[tuple[str, str]] = set()
    for trigger, kind in _triggers(view, language):
        for date, reasons in _dates_of(view, trigger):
            key = (kind, date.start + (date.end or ""))
            if key in seen:
                continue
            seen.add(key)
            place = _place(view, trigger, language)
            related = frozenset(s for s in (HOME, view.context.partner) if s)
            fact = Event(kind, date, place, related)
            yield Drafted(fact, view.sentence, f"events/{kind}", 0.6, reasons)


def _triggers(view: SentenceView, language: str) -> list[tuple[re.Match[str], str]]:
    """The trigger words of the sentence, none inside another (the more specific one first)."""
    found: list[tuple[re.Match[str], str]] = []
    for pattern, kind in _TRIGGERS[language]:
        for m in re.finditer(rf"(?<!\w)(?:{pattern})", view.text, re.IGNORECASE):
            if not any(m.start() < other.end() and other.start() < m.end() for other, _ in found):
                found.append((m, kind))
    return sorted(found, key=lambda tk: tk[0].start())


def _clause(view: SentenceView, at: int) -> tuple[int, int]:
    """The span of the clause around ``at`` (up to ';' or a coordinated clause)."""
    start = max((m.end() for m in _CLAUSE_END.finditer(view.text, 0, at)), default=0)
    following = _CLAUSE_END.search(view.text, at)
    return start, following.start() if following else len(view.text)


def _dates_of(view: SentenceView, trigger: re.Match[str]) -> list[tuple[StatedDate, list[str]]]:
    start, end = _clause(view, trigger.start())
    in_clause = [d for d in view.dates if start <= d.start and d.end <= end and not d.quoted]
    after = [d for d in in_clause if d.start >= trigger.end()]
    if len(after) >= 2 and all(not d.needs_year for d in after):  # an enumeration of occasions
        return [(d.date, []) for d in after]
    before = [d for d in in_clause if d.end <= trigger.start()]
    chosen = before[-1] if before else (after[0] if after else None)
    if chosen is None:
        main = view.dates_unquoted()
        if not main:
            return []
        chosen = main[0]
    return [_with_year(view, chosen)]


def _with_year(view: SentenceView, mention: DateMention) -> tuple[StatedDate, list[str]]:
    if not mention.needs_year:
        return mention.date, []
    years = [d for d in view.dates_unquoted()]
    if not years:
        return mention.date, [f"'{mention.text}' names no year, and the sentence none either"]
    year = years[0].date.start[:4]
    start = year + mention.date.start[4:]
    return (StatedDate(start, None, mention.text),
            [f"'{mention.text}' names no year: the year of {years[0].text} is read"])


def _place(view: SentenceView, trigger: re.Match[str], language: str) -> Place | None:
    start, end = _clause(view, trigger.start())
    offset = start
    while True:
        found = view.city_after(offset, within=end - offset)
        if found is None:
            return None
        mention, cities = found
        if _PLACE[language].search(view.text[max(0, mention.start - 12):mention.start]):
            city = cities[0]
            return Place(city.name, city.geonames_id, mention.text, city.country)
        offset = mention.end
