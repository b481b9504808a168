"""Missions: an embassy, consulate, honorary consulate or representation (permanent mission,
diplomatic mission, cooperation or liaison office, an office of an embassy) that a sentence says was
opened ("eröffnet", "richtete … ein", "wurde eingeweiht", "besteht seit", "was inaugurated", "has
been operating since", "has maintained … since", "открыто", "учреждено", "приступило к работе",
"действует с", "преобразована в Посольство", "bis zur Eröffnung …") or what it covers ("Über die
Botschaft in Berlin werden auch die Beziehungen Tadschikistans zur Republik Polen … betreut", "are
covered by the Tajik Embassy in the Russian Federation (with residence in Moscow)", "maintains
relations with Tajikistan through its Embassy in Astana", "по совместительству аккредитовано в …";
a following clause on its district: "ihr Amtsbezirk umfasst außerdem …", "its jurisdiction also
extends to …"). The vocabulary is in ``mission_words``.

Each mission is read within its clause (commas, semicolons, dashes and "whereas" part two missions
of one sentence: "Посольство … в г. Киеве начало работу в декабре 2010 года, Посольство Украины в
г. Душанбе функционирует с октября 2012 года"; within one clause, each from its noun to the next).
Its sending state is the one it belongs to ("Botschaft der Republik Tadschikistan", "Embassy of
Japan", "Посольство Украины"), or its adjective or a state name before it ("die tadschikische
Botschaft", "the U.S. Embassy"), or the subject its possessive points to ("Deutschland hat …
seine Botschaft", "Кыргызская сторона открыла своё посольство"), the state of the sentence's other
mission for "its own" ("einer eigenen Botschaft"), or the state whose relations it handles ("die
Beziehungen Tadschikistans"), else the sentence's subject (a state or its adjective); a later noun
for the same state's mission of the same type in no other city or state (" – die erste
tadschikische Botschaft in einem Land der EU") is the same mission, and a noun after a
demonstrative ("ein Büro dieser Botschaft") names one named before. Its seat is the city after (or
before) a place preposition or an opening bracket in its clause; it covers the page's other state,
the state it is "in", and where the sentence says what it covers, the states named there; a mission
to an organisation ("beim Büro der Vereinten Nationen") covers none. Its date is the one in its
clause, or one stated relative to the date before ("im selben Jahr", "in March of the following
year", "в марте следующего года"). A mission without a state in a clause about who heads it ("the
Embassy has been headed by …") is not drafted."""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplokg.ingest.dates import StatedDate, month_words
from diplokg.ingest.facts import Drafted, MissionOpened, Place
from diplokg.ingest.gazetteer import Mention
from diplokg.ingest.rules import mission_words as w
from diplokg.ingest.rules.adjectives import adjective_before, adjective_states, state_adjectives
from diplokg.ingest.rules.context import HOME, SentenceView


def mission_rules(view: SentenceView) -> Iterator[Drafted]:
    language = view.context.page.language
    if not view.search(w.OPENED[language]) and not view.search(w.COVERS[language]):
        return
    nouns = sorted(((m, kind) for pattern, kind in w.NOUNS[language]
                    for m in re.finditer(rf"\b(?:{pattern})\b", view.text, re.I if language != "de" else 0)
                    if not _inside_earlier_noun(view, m.start(), language)), key=lambda nk: nk[0].start())
    earlier: list[MissionOpened] = []
    for noun, kind in nouns:
        if w.DEMONSTRATIVE[language].search(view.text, max(0, noun.start() - 20), noun.start()):
            continue  # "ein Büro dieser Botschaft": the embassy named before
        drafted = _mission(view, noun, kind, earlier, [n for n, _ in nouns])
        if drafted is not None:
            assert isinstance(drafted.fact, MissionOpened)
            earlier.append(drafted.fact)
            yield drafted


def _inside_earlier_noun(view: SentenceView, start: int, language: str) -> bool:
    """"Vertretung" inside "Ständige Vertretung": counted once, as the longer noun."""
    for pattern, _ in w.NOUNS[language]:
        for m in re.finditer(rf"\b(?:{pattern})", view.text, re.I if language != "de" else 0):
            if m.start() < start < m.end():
                return True
    return False


def _mission(view: SentenceView, noun: re.Match[str], kind: str, earlier: list[MissionOpened],
             nouns: list[re.Match[str]]) -> Drafted | None:
    language = view.context.page.language
    reasons: list[str] = []
    start, end = region(view.text, noun, nouns)
    wider = _continued(view.text, end, language, nouns)
    rule = _trigger(view, start, wider, language, reasons)
    if rule is None:
        return None
    sending, after_sending = _sending(view, noun, (start, end), nouns, reasons)
    seat = _seat(view, noun.end(), wider, language) or _seat_before(view, start, noun.start(), language)
    if sending is None and earlier:  # "…, die … in eine Botschaft umgewandelt wurde": the same state's
        sending, seat = earlier[-1].sending, seat or earlier[-1].seat
        reasons.append("read as the same state's mission as the one named before it in the sentence")
    if sending is None and w.HEADED[language].search(view.text, start, end):
        return None  # "the Embassy has been headed by …": a sentence about its head
    subject = sending is None and _subject(view, noun.start())
    if subject:
        sending = subject.key
        reasons.append(f"the mission is read as {sending}'s: the sentence's subject ({subject.text})")
    organisation = w.ORGANISATION[language].match(view.text, after_sending)
    if any(_same(e, sending, kind, seat, _host(view, after_sending)) for e in earlier):
        return None  # the same mission named again ("… – die erste tadschikische Botschaft …")
    to_organisation = bool(organisation and not view.state_after(organisation.end(), within=3))
    if to_organisation:
        covers: set[str] = set()
        reasons.append("a mission to an organisation: it covers no state")
    else:
        covers = _covers(view, sending, after_sending, (start, end), rule == "missions/covers")
        covers |= _district(view, wider, language, reasons) - {sending}
    date = _date(view, noun, (start, end), wider, nouns, reasons)
    fact = MissionOpened(sending, kind, seat, frozenset(covers), date, to_organisation)
    questions = [] if sending else ["which state's mission this is is not stated"]
    confidence = (0.8 if seat else 0.7) if sending else 0.5
    return Drafted(fact, view.sentence, rule, confidence, reasons, questions)


def _trigger(view: SentenceView, start: int, end: int, language: str, reasons: list[str]) -> str | None:
    """What the mission's clause says of it: opened ("missions/opened"), what it covers
    ("missions/covers"), or, in a clause that continues a list of openings ("…, am 3 September 2010
    folgte die Botschaft …"), opened too; None if neither (a mission named for another reason)."""
    if w.OPENED[language].search(view.text, start, end):
        return "missions/opened"
    if w.COVERS[language].search(view.text, start, end):
        return "missions/covers"
    sequence = w.SEQUENCE[language].search(view.text, start, end)
    if sequence and view.search(w.OPENED[language]):
        reasons.append(f"'{sequence.group(0)}': the opening stated before in the sentence applies to this mission")
        return "missions/opened"
    return None


def _clause(text: str, at: int) -> tuple[int, int]:
    """The clause of the sentence that ``at`` lies in (between commas, semicolons, dashes)."""
    start, end = 0, len(text)
    for m in w.CLAUSE_BREAK.finditer(text):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            end = m.start()
            break
    return start, end


def region(text: str, noun: re.Match[str], nouns: list[re.Match[str]]) -> tuple[int, int]:
    """The part of the sentence that speaks of the mission ``noun``: its clause, and where the clause
    names another mission, from the noun up to the next one ("Bis zur Eröffnung einer eigenen
    Botschaft in Warschau im Juni 2023 | war die Botschaft … zuständig")."""
    start, end = _clause(text, noun.start())
    others = [n for n in nouns if n is not noun and start <= n.start() < end]
    if any(n.start() < noun.start() for n in others):
        start = noun.start()
    return start, min([end, *[n.start() for n in others if n.start() > noun.start()]])


def _continued(text: str, end: int, language: str, nouns: list[re.Match[str]]) -> int:
    """The end of the clause ending at ``end`` with the clauses after it that go on describing its
    mission (and name no other mission)."""
    while end < len(text):
        following = w.CLAUSE_BREAK.match(text, end)
        if following is None or not (w.CONTINUES[language].match(text, following.end())
                                     or w.COVERAGE[language].match(text, following.end())):
            break
        _, after = _clause(text, following.end())
        if any(following.end() <= n.start() < after for n in nouns):
            break
        end = after
    return end


def _sending(view: SentenceView, noun: re.Match[str], span: tuple[int, int], nouns: list[re.Match[str]],
             reasons: list[str]) -> tuple[str | None, int]:
    """The mission's state, and where the words naming the mission end."""
    language = view.context.page.language
    owner = _owner(view, noun)
    if owner:
        return owner.key, owner.end
    adjective = adjective_before(view, noun.start(), within=2) or next(
        (m for m in view.states if 0 <= noun.start() - m.end <= 1), None)  # "the U.S. Embassy"
    if adjective:
        reasons.append(f"'{adjective.text}' read as the mission's state")
        return adjective.key, noun.end()
    subjects = sorted([*view.states, *state_adjectives(view)], key=lambda m: m.start)
    if w.POSSESSIVE[language].search(view.text, max(0, noun.start() - 60), noun.start()):
        before = [m for m in subjects if span[0] <= m.start and m.end <= noun.start()] or \
            [m for m in subjects if m.end <= noun.start()]
        if before:
            reasons.append(f"'its' read as the mission of {before[0].key}, the sentence's subject ({before[0].text})")
            return before[0].key, noun.end()
    if w.OWN[language].search(view.text, max(0, noun.start() - 20), noun.start()):
        owners = [o for n in nouns if n is not noun and (o := _owner(view, n))]
        if owners:
            reasons.append(f"'own' read as the mission of {owners[0].key}, whose other mission the sentence names")
            return owners[0].key, noun.end()
    for relations in w.RELATIONS[language].finditer(view.text, *span):
        state = next((m for m in view.states if m.start == relations.end()), None)
        if state:
            reasons.append(f"read as the mission of {state.key}, whose relations it handles")
            return state.key, noun.end()
    return None, noun.end()


def _same(earlier: MissionOpened, sending: str | None, kind: str, seat: Place | None, host: Mention | None) -> bool:
    """Whether a mission is one named before in the sentence: the same state's of the same type, in
    the same city, or in no city and no other state ("die Botschaft der Republik Tadschikistan in
    der Bundesrepublik Deutschland" is not its embassy in Warsaw)."""
    if earlier.sending != sending or earlier.type != kind:
        return False
    if seat is not None:
        return earlier.seat == seat
    return host is None or earlier.seat is None or host.key in earlier.covers


def _host(view: SentenceView, after: int) -> Mention | None:
    """The state the mission is "in" ("Botschaft … in der Bundesrepublik Deutschland")."""
    located = w.IN[view.context.page.language].match(view.text, after)
    if located is None:
        return None
    return next((m for m in sorted([*view.states, *adjective_states(view)], key=lambda m: m.start)
                 if located.end() <= m.start <= located.end() + 40), None)


def _owner(view: SentenceView, noun: re.Match[str]) -> Mention | None:
    """The state named right after the mission noun ("Botschaft der Republik Polen")."""
    language = view.context.page.language
    return next((m for m in view.states if m.start >= noun.end()
                 and w.OF[language].fullmatch(view.text, noun.end(), m.start)), None)


def _subject(view: SentenceView, before: int) -> Mention | None:
    """The sentence's first state before the noun, named or as an adjective ("Кыргызская сторона
    открыла …", "The Turkish agency has had an office …")."""
    found = [m for m in [*view.states, *state_adjectives(view)] if m.end <= before]
    return min(found, key=lambda m: m.start, default=None)


def _covers(view: SentenceView, sending: str | None, after: int, clause: tuple[int, int], stated: bool) -> set[str]:
    """The page's other state; the state the mission is "in"; where the sentence says what the
    mission covers, every state it names after "zur / with / in / с …" in the mission's clause."""
    if sending is None:
        return set()
    language = view.context.page.language
    page_states = {s for s in (HOME, view.context.partner) if s}
    covers = {s for s in page_states if s != sending} if sending in page_states else set()
    located = w.IN[language].match(view.text, after)
    host = view.state_after(located.end(), within=40) if located else None
    if host and w.TOWARDS[language].search(view.text, max(0, host.start - 50), host.start):
        covers.add(host.key)
    if stated:
        for m in [*view.states, *adjective_states(view)]:
            if clause[0] <= m.start < clause[1] and w.TOWARDS[language].search(view.text, max(0, m.start - 50),
                                                                                 m.start):
                covers.add(m.key)
    return covers - {sending}


def _district(view: SentenceView, wider: int, language: str, reasons: list[str]) -> set[str]:
    """The states of a following clause on the mission's district ("ihr Amtsbezirk umfasst außerdem
    das Königreich Belgien", "its jurisdiction also extends to Canada")."""
    found: set[str] = set()
    for m in w.COVERAGE[language].finditer(view.text, 0, wider):
        _, end = _clause(view.text, m.end())
        states = {s.key for s in view.states if m.end() <= s.start < min(end, wider)}
        if states:
            reasons.append(f"'{m.group(0)}': the mission also covers {', '.join(sorted(states))}")
        found |= states
    return found


def _date(view: SentenceView, noun: re.Match[str], clause: tuple[int, int], wider: int, nouns: list[re.Match[str]],
          reasons: list[str]) -> StatedDate | None:
    """The date in the mission's clause (or in the clauses that go on describing it); else a date
    stated relative to another in its clause ("im selben Jahr", "in March of the following year");
    else the nearest date not in another mission's clause."""
    language = view.context.page.language
    dates = view.dates_unquoted()
    inside = [d for d in dates if clause[0] <= d.start < clause[1]] or [d for d in dates
                                                                        if clause[1] <= d.start < wider]
    if inside:
        return min(inside, key=lambda d: min(abs(d.start - noun.end()), abs(noun.start() - d.end))).date
    relative = _relative(view, clause, reasons)
    if relative:
        return relative
    others = [(a, _continued(view.text, b, language, nouns)) for a, b in
              (region(view.text, n, nouns) for n in nouns if n is not noun)]
    candidates = [d for d in dates if not any(a <= d.start < b for a, b in others)]
    if candidates:
        return min(candidates, key=lambda d: min(abs(d.start - noun.end()), abs(noun.start() - d.end))).date
    return None


def _relative(view: SentenceView, clause: tuple[int, int], reasons: list[str]) -> StatedDate | None:
    """A year stated relative to the last date before it in the sentence, else in the sentence before:
    "im selben Jahr", "in the same year", "в том же году"; "im darauffolgenden Jahr", "в марте
    следующего года" (the month kept)."""
    language = view.context.page.language
    same = w.SAME_YEAR[language].search(view.text, *clause)
    following = w.FOLLOWING_YEAR[language].search(view.text, *clause)
    phrase = same or following
    if phrase is None:
        return None
    earlier = [d.date.start[:4] for d in view.dates_unquoted() if d.end <= phrase.start()]
    if not earlier:
        previous = [v for v in view.context.views if v.sentence.number == view.sentence.number - 1]
        earlier = [d.date.start[:4] for v in previous for d in v.dates_unquoted()]
    if not earlier:
        return None
    year = int(earlier[-1]) + (0 if same else 1)
    month = following.groupdict().get("month") if following else None
    number = month_words(language).get(month.lower()) if month else None
    value = f"{year}-{number:02d}" if number else str(year)
    reasons.append(f"'{phrase.group(0)}' read from {earlier[-1]}, the year stated before it: {value}")
    return StatedDate(value, as_stated=phrase.group(0))


def _seat_before(view: SentenceView, start: int, before: int, language: str) -> Place | None:
    """A city named before the mission noun in its clause ("in Bonn die Botschaft …", "в г. Душанбе … миссия")."""
    seat = None
    for mention, cities in view.context.cities.find(view.text[start:before], language,
                                                    view.context.preferred_countries):
        at = start + mention.start
        if w.SEAT_PREPOSITION[language].search(view.text[max(0, at - 25):at]) and not _in_state(view, at):
            seat = Place(cities[0].name, cities[0].geonames_id, mention.text, cities[0].country)
    return seat


def _seat(view: SentenceView, after: int, end: int, language: str) -> Place | None:
    """The first city after ``after`` in the clause that a place preposition introduces."""
    offset = after
    while offset < end:
        found = view.city_after(offset, within=end - offset)
        if found is None:
            return None
        mention, cities = found
        if w.SEAT_PREPOSITION[language].search(view.text[max(0, mention.start - 25):mention.start]) \
                and not _in_state(view, mention.start):
            return Place(cities[0].name, cities[0].geonames_id, mention.text, cities[0].country)
        offset = mention.end
    return None


def _in_state(view: SentenceView, at: int) -> bool:
    """Whether ``at`` lies in a state's name ("в Финляндской Республике" names no city)."""
    return any(m.start <= at < m.end for m in [*view.states, *adjective_states(view)])
