"""What an item of a list of assistance is given through and what it is about (rules/assistance.py
reads the list).

- channel: the introduction says the help came through organisations ("im Rahmen verschiedener
  internationaler Organisationen", "through international organisations", "по линии
  международных организаций") and the item names one by its abbreviation, as the language joins
  an abbreviation to what belongs to it: a German compound "OSZE-Programme", "UNDP-Akademie"; an
  English abbreviation before its noun "the OSCE Academy", "UNICEF programmes"; a Russian one after
  its noun, in the genitive "программы ОБСЕ", "Института ПРООН". A bracketed abbreviation ("(SALW)")
  names no organisation.
- concerns: the organisation the item names (found by its head noun, diplokg.ingest.organisations:
  "die Einrichtung der OSZE-Stabsakademie für Grenzmanagement"), and the city after "in / в" that
  ends its name ("… in Duschanbe"): where it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diplokg.ingest.facts import Organisation, Place
from diplokg.ingest.organisations import find_organisations
from diplokg.ingest.rules.context import SentenceView

_THROUGH = {
    "de": r"(?:im\s+Rahmen|über|durch|mittels)\s+(?:[\w-]+\s+){0,4}Organisationen",
    "en": r"(?:through|via|(?:with)?in\s+the\s+framework\s+of)\s+(?:[\w-]+\s+){0,4}organi[sz]ations",
    "ru": r"(?:по\s+линии|через|в\s+рамках)\s+(?:[\w-]+\s+){0,4}организаци\w+",
}
_ABBREVIATION = {
    "de": re.compile(r"(?<![\w(-])([A-ZÄÖÜ]{2,6})-[A-ZÄÖÜ][a-zäöüß]"),
    "en": re.compile(r"(?<![\w(-])([A-Z]{2,6})\s+(?=[A-Za-z]{3,})"),
    "ru": re.compile(r"(?<=[а-яё]\s)([А-ЯЁ]{2,6})(?![\w)-])"),
}
_IN = {"de": r"\s+in\s+$", "en": r"\s+in\s+$", "ru": r"\s+(?:в|во)\s+(?:г\.\s*)?$"}


@dataclass
class ItemReading:
    channel: Organisation | None = None
    concerns: Organisation | None = None
    concerns_in: Place | None = None


def through_organisations(view: SentenceView, end: int) -> re.Match[str] | None:
    """The words of the introduction (up to ``end``) that say the help came through organisations."""
    return re.search(_THROUGH[view.context.page.language], view.text[:end], re.I)


def read_item(view: SentenceView, start: int, end: int, through: bool, reasons: list[str]) -> ItemReading:
    """The channel (when the introduction says ``through`` organisations) and the organisation an
    item (``start``-``end`` of the sentence) is about; what was read goes to ``reasons``."""
    language = view.context.page.language
    reading = ItemReading()
    item = view.text[start:end]
    abbreviation = _ABBREVIATION[language].search(item)
    if through and abbreviation:
        name = abbreviation.group(1)
        reading.channel = Organisation(name, None, "organisation")
        reasons.append(f"'{name}' in '{item.strip(' ;.')}': the organisation the help was given through")
    spans = [o for o in find_organisations(view.text, language, view.states, view.context.states)
             if start <= o.start < end and o.head and o.how == "head noun"]
    if not spans:
        return reading
    span = spans[0]
    name, end = span.name, span.end
    if abbreviation and language == "ru" and 0 <= start + abbreviation.start(1) - span.end <= 1:
        name, end = f"{name} {abbreviation.group(1)}", start + abbreviation.end(1)  # "Институт ОБСЕ"
    found = view.city_after(span.start, within=end - span.start + 30)
    before = re.search(_IN[language], view.text[span.start:found[0].start]) if found else None
    if found is not None and before is not None and found[0].start <= end + 5:
        mention, cities = found
        reading.concerns_in = Place(cities[0].name, cities[0].geonames_id, mention.text, cities[0].country)
        tail = view.text[span.start + before.start():mention.end].strip()  # "in Duschanbe", part of the name
        name = name[:-len(tail)].strip() if name.endswith(tail) else name
        reasons.append(f"'{tail}': where '{name}' is")
    reading.concerns = Organisation(name, None, span.head, span.state)
    reasons.append(f"'{name}': the organisation the item is about")
    return reading
