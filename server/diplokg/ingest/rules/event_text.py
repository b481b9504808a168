"""Where things are in a sentence, for the event rules: its clauses, the triggers that count (not
those inside quotation marks or a residence in parentheses, not a visit someone is invited to, one
trigger per event: "zu einem bilateralen Gespräch zusammentraf"), a second meeting at "and with",
the lists dates form, the cities it names after "in / в", and the state a visit went to."""

from __future__ import annotations

import re
from collections.abc import Iterable

from diplokg.ingest.facts import Drafted, Event, Participant, Place
from diplokg.ingest.rules import event_words as words
from diplokg.ingest.rules.context import SentenceView
from diplokg.ingest.rules.event_dates import EventDate, in_list
from diplokg.ingest.rules.event_words import VISITS, Trigger


def select(view: SentenceView, language: str) -> list[Trigger]:
    """The sentence's triggers, without those inside quotation marks or parentheses of residence,
    those of an invitation, plain visit verbs beside a visit noun, and a second trigger of the
    same event ("zu einem bilateralen Gespräch zusammentraf")."""
    text = view.text
    hidden = [m.span() for m in re.finditer(r"[„“”«\"][^„“”«»\"]{3,}[“”»\"]", text)]
    hidden += [m.span() for m in words.RESIDENCE.finditer(text)]
    found = [t for t in words.find_triggers(text, language)
             if not any(a <= t.start and t.end <= b for a, b in hidden) and not invited(text, t, language)
             and not _no_event(text, t, language)]
    found = [t for t in found if not _series_start(text, t, found, language)]
    kept: list[Trigger] = []
    for t in found:
        if t.form == "visit-verb" and any(o.type in VISITS and o.form == "noun" and clause(text, o.start) ==
                                          clause(text, t.start) for o in found):
            continue
        last = kept[-1] if kept else None
        if last and last.type == t.type and t.start - last.end <= 40 and \
                not re.search(r",|\b(?:und|and|и|sowie)\b", text[last.end:t.start]):
            if t.form == "verb":
                kept[-1] = Trigger(last.start, last.end, last.text, last.type, "verb")
            continue
        kept.append(t)
    return kept + and_with(text, kept, language)


def _no_event(text: str, t: Trigger, language: str) -> bool:
    """A noun that announces a list ("the following visits:"), one in a document's title ("das
    Protokoll über Konsultationen"), one still to come ("the upcoming visit"), a founding of
    relations or of a mission (kinds of their own)."""
    before = text[max(0, t.start - 80):t.start]
    if t.form == "noun" and words.ends_with(words.LIST_HEAD[language], before, 2) and \
            ":" in text[t.end:clause(text, t.start)[1]]:
        return True
    if t.form == "noun" and re.search(rf"(?:{words.DOCUMENT[language]})$", before, re.IGNORECASE):
        return True
    if t.form == "noun" and (words.ends_with(words.FUTURE, before, 1) or re.match(words.FUTURE, t.text)):
        return True
    if t.type != "founding":
        return False
    lo, hi = clause(text, t.start)
    for m in words.FOUNDED_OTHER[language].finditer(text, lo, min(hi, t.end + 40)):
        initiator = words.INITIATOR_BEFORE.search(text[max(0, m.start() - 40):m.start()])
        if not (t.start <= m.start() < t.end) and not initiator:
            return True
    return False


def _series_start(text: str, t: Trigger, found: list[Trigger], language: str) -> bool:
    """"The consultations … were launched in 2010": the start of a series of events is its first
    event, no founding (the event noun before the founding verb in its clause, not as its frame)."""
    if t.type != "founding":
        return False
    here = clause(text, t.start)
    return any(o.form == "noun" and o.type not in (None, "founding") and o.end <= t.start and
               clause(text, o.start) == here and
               not words.ends_with(words.FRAME[language], text[max(0, o.start - 60):o.start], 2) for o in found)


def invited(text: str, t: Trigger, language: str) -> bool:
    """"who invited him to pay an official visit": a visit not (yet) made."""
    if t.type not in VISITS:
        return False
    return words.INVITATION[language].search(text[max(clause(text, t.start)[0], t.start - 60):t.start]) is not None


def and_with(text: str, triggers: list[Trigger], language: str) -> list[Trigger]:
    """"met with A and with B": a second meeting, at "and with"."""
    conj = {"de": r"und\s+mit", "en": r"and\s+with", "ru": r"и\s+(?:с|со)"}[language]
    extra: list[Trigger] = []
    for t in triggers:
        if t.type != "meeting" or t.form != "verb":
            continue
        _, end = clause(text, t.start)
        following = [o.start for o in triggers if o.start > t.end]
        limit = min([end, *following])
        for m in re.finditer(rf",?\s+{conj}\s", text[t.end:limit]):
            extra.append(Trigger(t.end + m.start(), t.end + m.end(), m.group(0).strip(" ,"), "meeting", "verb"))
    return sorted(extra, key=lambda t: t.start)


def clause(text: str, at: int) -> tuple[int, int]:
    start = max((m.end() for m in words.CLAUSE_END.finditer(text, 0, at)), default=0)
    following = words.CLAUSE_END.search(text, at)
    return start, following.start() if following else len(text)


def listed_dates(text: str, dates: list[EventDate], reverse: bool = False) -> list[EventDate]:
    """The first dates of ``dates`` that form a list, in the order given."""
    chain = dates[:1]
    for d in dates[1:]:
        first, second = (d, chain[-1]) if reverse else (chain[-1], d)
        if second.year_read or not in_list(text, first, second):
            break
        chain.append(d)
    return chain


def cities(view: SentenceView, language: str, dates: list[tuple[int, int]]) -> list[tuple[int, int, Place]]:
    """The cities the sentence names after "in / в" or as a host ("Dushanbe hosted"), not in a residence in
    parentheses nor a date ("im Mai")."""
    text = view.text
    hidden = [m.span() for m in words.RESIDENCE.finditer(text)] + dates
    context = view.context
    out = []
    for mention, cities in context.cities.find(text, language, context.preferred_countries):
        if any(a <= mention.start < b for a, b in hidden):
            continue
        if words.PLACE_BEFORE[language].search(text[max(0, mention.start - 20):mention.start]) or \
                words.HOSTS.match(text, mention.end):
            city = cities[0]
            out.append((mention.start, mention.end, Place(city.name, city.geonames_id, mention.text, city.country)))
    return out


def city_before_where(text: str, found: list[tuple[int, int, Place]], at: int) -> Place | None:
    """The city before ", where / wo / где" that opens the clause of the trigger at ``at``, or the
    city that hosts it ("Dushanbe hosted a forum", "Duschanbe war Gastgeber des Gipfels", "г. Душанбе
    стал местом проведения саммита")."""
    where = re.search(rf"(?:,\s*|\s)(?:where|wo|где)\s|(?:{words.HOSTS.pattern})\s+(?:\w+\s+){{0,3}}$",
                      text[max(0, at - 80):at])
    if where is None:
        return None
    end = max(0, at - 80) + where.start()
    before = [p for s, e, p in found if e <= end and not text[e:end].strip()]
    return before[-1] if before else None


def visited_state(view: SentenceView, region: tuple[int, int], t: Trigger) -> str | None:
    """The state a visit went to: after "to / nach / in / в", or the object of the visit verb (next
    to it; the bare state that ends its clause, "besuchte die Delegation … Portugal"; the dative of
    "stattete Portugal … einen Besuch ab")."""
    lo, hi = region
    text = view.text
    for m in view.states_in(lo, hi):
        if re.search(r"\bstattete[n]?\s+$", text[max(lo, m.start - 12):m.start]):
            return m.key
        if t.form == "visit-verb" and m.start > t.end and not text[m.end:clause(text, m.start)[1]].strip(" .!") and \
                not re.search(r"(?:\b(?:der|des|dem|den|von|vom|aus|of|the|from)|[(,])\s+(?:Republi\w+\s+|"
                              r"Königreich\w*\s+|Kingdom\s+of\s+)?$|(?<!\w)(?:из|от)\s+$", text[t.end:m.start]):
            return m.key
        before = text[max(lo, m.start - 30):m.start]
        if re.search(r"(?:\bto|\bnach|\bin|(?<!\w)в|(?<!\w)во)\s+(?:the\s+|die\s+|der\s+)?(?:Republi\w+\s+|"
                     r"Königreich\w*\s+|"
                     r"Kingdom\s+of\s+)?$", before, re.IGNORECASE):
            return m.key
        if 0 <= m.start - t.end <= 2 or 0 <= t.start - m.end <= 2:
            return m.key
        if re.match(r"\s+einen\s+(?:\w+\s+)?Besuch", text[m.end:]):
            return m.key
    return None


def signatories(view: SentenceView, t: Trigger, participants: Iterable[Participant]) -> bool:
    """Whether the sentence names who signed: the agent of a passive signing ("vom Minister …",
    "by …"), or a person beside an active one; a Russian passive or noun names no signer."""
    language = view.context.page.language
    if not any(p.person is not None for p in participants):
        return False
    passive = words.PASSIVE[language].search(view.text[max(0, t.start - 60):t.end + 20]) is not None
    if language == "ru":
        passive = passive or not re.match(r"подписал", t.text)
    if not passive:
        return True
    return words.AGENT[language].search(view.text[max(0, t.start - 200):t.start + 200]) is not None


def agreed(view: SentenceView, dates: list[EventDate], triggers: list[Trigger], related: frozenset[str]
           ) -> list[Drafted]:
    """"Die im Mai 2016 vereinbarten Konsultationen": the agreement is an event of its own."""
    out = []
    for d in dates:
        if d.use != "agreed":
            continue
        noun = next((t for t in triggers if 0 <= t.start - d.end <= 40), None)
        if noun is None:
            continue
        topic = f"agreement on {(noun.type or 'other').replace('-', ' ')}"
        fact = Event("other", d.date, None, related, (), topic)
        reasons = [f"'{d.text}' is the date '{noun.text}' was agreed on"]
        out.append(Drafted(fact, view.sentence, "events/agreed", 0.5, reasons))
    return out
