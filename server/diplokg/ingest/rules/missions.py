"""Missions opened: an embassy, consulate, honorary consulate or representation (permanent mission,
diplomatic mission, cooperation office) with an opening word ("eröffnet", "nahm … ihre Arbeit
auf", "was opened", "is functioning since", "открыто", "начала работу", "преобразована в
Посольство").

The sending state is the one the mission belongs to ("Botschaft der Republik Tadschikistan",
"Embassy of Japan", "Посольство Республики Таджикистан"), else the state that is the sentence's
subject ("Deutschland hat … seine Botschaft … eröffnet"); the seat is the city after "in" / "в
г."; the mission covers the page's other state (a mission seated in a third country, such as an
embassy in Astana for Tajikistan, covers it non-resident)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplokg.ingest.dates import StatedDate
from diplokg.ingest.facts import Drafted, MissionOpened, Place
from diplokg.ingest.rules.context import HOME, SentenceView

#: mission nouns per language → mission type
_NOUNS: dict[str, list[tuple[str, str]]] = {
    "de": [(r"Honorarkonsulat\w*", "honorary-consulate"), (r"Generalkonsulat\w*|Konsulat\w*", "consulate"),
           (r"Ständige\w*\s+Vertretung\w*|Kooperationsbüro\w*|Vertretung\w*", "representation"),
           (r"Botschaft\w*", "embassy")],
    "en": [(r"Honorary\s+Consulate\w*", "honorary-consulate"), (r"(?:General\s+)?Consulate\w*", "consulate"),
           (r"Permanent\s+Mission\w*|Representation\w*|Cooperation\s+Office", "representation"),
           (r"Embass(?:y|ies)", "embassy")],
    "ru": [(r"Почетн\w+\s+консульств\w*|Почётн\w+\s+консульств\w*", "honorary-consulate"),
           (r"(?:Генеральн\w+\s+)?[Кк]онсульств\w*", "consulate"),
           (r"Постоянн\w+\s+представительств\w*|Дипломатическ\w+\s+мисси\w*", "representation"),
           (r"Посольств\w*", "embassy")],
}
_OPENED = {
    "de": re.compile(r"\b(eröffnet\w*|Arbeit\s+auf|nahm\s+[^.;]{0,60}Arbeit|aufgenommen|tätig)\b", re.I),
    "en": re.compile(r"\b(opened|is\s+functioning|functions|began\s+(?:its\s+)?work|works\s+in|established)\b", re.I),
    "ru": re.compile(r"\b(открыт\w*|начал\w*\s+работ\w*|функционирует|преобразован\w*)\b", re.I),
}
_SEAT_PREPOSITION = {
    "de": re.compile(r"\b(?:in|mit\s+Sitz\s+in|mit\s+Residenz\s+in)\s+(?:der\s+Stadt\s+)?$", re.I),
    "en": re.compile(r"\b(?:in|based\s+in|with\s+residence\s+in)\s+(?:the\s+city\s+of\s+)?$", re.I),
    "ru": re.compile(r"\b(?:в|во)\s+(?:г\.\s*|городе\s+)?$", re.I),
}
_OF = {"de": r"\s+(?:der|des)\s+", "en": r"\s+of\s+(?:the\s+)?", "ru": r"\s+"}


def mission_rules(view: SentenceView) -> Iterator[Drafted]:
    language = view.context.page.language
    if not view.search(_OPENED[language]):
        return
    nouns = sorted(((m, kind) for pattern, kind in _NOUNS[language]
                    for m in re.finditer(rf"\b(?:{pattern})", view.text)
                    if not _inside_earlier_noun(view, m.start(), language)), key=lambda nk: nk[0].start())
    earlier: list[MissionOpened] = []
    for noun, kind in nouns:
        for drafted in _mission(view, noun, kind, earlier):
            assert isinstance(drafted.fact, MissionOpened)
            earlier.append(drafted.fact)
            yield drafted


def _inside_earlier_noun(view: SentenceView, start: int, language: str) -> bool:
    """"Vertretung" inside "Ständige Vertretung": counted once, as the longer noun."""
    for pattern, _ in _NOUNS[language]:
        for m in re.finditer(rf"\b(?:{pattern})", view.text):
            if m.start() < start < m.end():
                return True
    return False


def _mission(view: SentenceView, noun: re.Match[str], kind: str, earlier: list[MissionOpened]) -> Iterator[Drafted]:
    language = view.context.page.language
    reasons: list[str] = []
    owner = re.match(_OF[language], view.text[noun.end():])
    sending = view.state_after(noun.end() + (owner.end() if owner else 0), within=25) if owner or language == "ru" \
        else None
    sending_key = sending.key if sending else None
    seat = _seat(view, noun.end(), language) or _seat_before(view, noun.start(), language)
    if sending_key is None and earlier:  # "…, die … in eine Botschaft umgewandelt wurde": the same state's
        sending_key, seat = earlier[-1].sending, seat or earlier[-1].seat
        reasons.append("read as the same state's mission as the one named before it in the sentence")
    if sending_key is None:
        before = [m for m in view.states if m.end <= noun.start()]
        if before:
            sending_key = before[0].key
            reasons.append(f"the mission is read as {sending_key}'s: the sentence's subject ({before[0].text})")
    covers = _covers(view, sending_key, seat)
    date = _nearest_date(view, noun.start(), noun.end())
    fact = MissionOpened(sending_key, kind, seat, frozenset(covers), date)
    questions = [] if sending_key else ["which state's mission this is is not stated"]
    yield Drafted(fact, view.sentence, "missions/opened", 0.8 if sending_key and seat else 0.5, reasons, questions)


def _nearest_date(view: SentenceView, start: int, end: int) -> StatedDate | None:
    dates = view.dates_unquoted()
    if not dates:
        return None
    nearest = min(dates, key=lambda d: min(abs(d.start - end), abs(start - d.end)))
    return nearest.date


def _seat_before(view: SentenceView, before: int, language: str) -> Place | None:
    """A city named before the mission noun ("in Bonn die Botschaft …", "в г. Душанбе … миссия")."""
    seat = None
    for mention, cities in view.context.cities.find(view.text[:before], language, view.context.preferred_countries):
        if _SEAT_PREPOSITION[language].search(view.text[max(0, mention.start - 25):mention.start]):
            seat = Place(cities[0].name, cities[0].geonames_id, mention.text, cities[0].country)
    return seat


def _seat(view: SentenceView, after: int, language: str) -> Place | None:
    """The first city after ``after`` that a place preposition introduces."""
    offset = after
    while True:
        found = view.city_after(offset, within=len(view.text) - offset)
        if found is None:
            return None
        mention, cities = found
        if _SEAT_PREPOSITION[language].search(view.text[max(0, mention.start - 25):mention.start]):
            return Place(cities[0].name, cities[0].geonames_id, mention.text, cities[0].country)
        offset = mention.end


def _covers(view: SentenceView, sending: str | None, seat: Place | None) -> set[str]:
    """The page's other state: the one the mission is accredited to."""
    page_states = {s for s in (HOME, view.context.partner) if s}
    return {s for s in page_states if s != sending} if sending in page_states else set()
