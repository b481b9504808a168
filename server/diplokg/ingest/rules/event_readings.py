"""Sentences about events that are imperfect in a way the text shows, and how they are read. Each
reading becomes a dkg:Interpretation of the event and an open question for the reviewer:

- merged-statement: a list of dates and, for them, one title followed by as many full names side
  by side with no conjunction ("1999 und 2004 besuchten der damalige Minister Herr Anton Berg Paul
  Lind Portugal", "In 2001 and 2005 the then Minister Mr. Anton Berg Paul Lind visited Portugal",
  "В 2001 и 2005 годах … министр г-н Антон Берг Пауль Линд посетили Португалию"): the names are
  paired with the dates in the order given;
- garbled-sentence (German, whose main clause has its finite verb in second place): a fronted date
  followed by the subject instead of the verb ("Am 3. Mai 2021 der Ausschuss … eine Entscheidung
  getroffen hat"), read with the verb at the end as the finite verb; and "stattete" followed by a
  bare state name and then the subject ("stattete Portugal der Minister … einen Besuch ab"): a name
  without article shows no case, the state is read as the host (dative), the titled person as the
  visitor."""

from __future__ import annotations

import re
from dataclasses import replace

from diplokg.ingest.facts import Person, Reading
from diplokg.ingest.rules.context import SentenceView
from diplokg.ingest.rules.event_people import Named

_CONJUNCTION = re.compile(r"\b(?:und|and|и|sowie|or|oder|или)\b|[,;]")
_DETERMINER = re.compile(r"\s*,?\s*(?:der|die|das|ein|eine)\s+\S")
_FRONTED = re.compile(r"^(?:(?:Am|Im|In|Anfang|Ende|Mitte)\s+)?$")
_HOST = re.compile(r"\bstattete[n]?\s+$")


def merged_names(view: SentenceView, named: list[Named], count: int) -> list[Named] | None:
    """One name per date where a single name of the sentence is ``count`` full names side by side."""
    if count < 2 or len(named) != 1:
        return None
    one = named[0]
    text = view.text[one.start:one.end]
    parts = text.split()
    if len(parts) % count or len(parts) // count < 2 or _CONJUNCTION.search(text):
        return None
    size = len(parts) // count
    out = []
    for i in range(count):
        name = " ".join(parts[i * size:(i + 1) * size])
        person = one.participant.person
        title = person.title_as_stated if person else None
        out.append(replace(one, participant=replace(one.participant, person=Person(name, title))))
    return out


def merged_reading(view: SentenceView, named: list[Named], dates: list[str]) -> tuple[Reading, str]:
    """The reading of a merged statement and its question."""
    pairs = ", ".join(f"{n.participant.person.name if n.participant.person else '?'} ({d})"
                      for n, d in zip(named, dates, strict=False))
    together = " ".join(n.participant.person.name for n in named if n.participant.person)
    comment = (f"The sentence names '{together}' with no conjunction for the dates {', '.join(dates)}: read as "
               f"{len(named)} persons, each with the date in the same place of its list: {pairs}.")
    question = f"'{together}' is read as {len(named)} persons: {pairs}. Is that right?"
    return Reading("merged-statement", comment), question


def fronted_date(view: SentenceView) -> tuple[Reading, str] | None:
    """A German sentence that opens with a date and goes on with the subject, no finite verb between."""
    if view.context.page.language != "de":
        return None
    first = min(view.dates, key=lambda d: d.start, default=None)
    if first is None or not _FRONTED.match(view.text[:first.start]) or \
            not _DETERMINER.match(view.text, first.end):
        return None
    last = re.search(r"(\w+(?:\s+\w+)?)\W*$", view.text)
    verb = last.group(1) if last else ""
    comment = (f"The sentence has no finite verb after its opening date ('{view.text[:first.end]}'), which German "
               f"puts there; it is read with the verb at its end ('{verb}') as its finite verb, the noun after the "
               f"date as its subject.")
    return Reading("garbled-sentence", comment), \
        f"The sentence lacks its verb after '{first.text}': is it read right (subject: what follows the date)?"


def host_before_subject(view: SentenceView, destination: str | None) -> tuple[Reading, str] | None:
    """"stattete Portugal der Minister … einen Besuch ab": the bare state before the subject."""
    if view.context.page.language != "de" or destination is None:
        return None
    state = next((m for m in view.states if m.key == destination and _HOST.search(view.text[:m.start])), None)
    if state is None or not _DETERMINER.match(view.text, state.end):
        return None
    comment = (f"'{view.text[:state.end]}' puts the state before the subject with no article, so its case does "
               f"not show; it is read as the host (dative: the state visited) and the titled person after it as "
               f"the visitor.")
    return Reading("garbled-sentence", comment), f"Is '{state.text}' the state visited (not the visitor)?"
