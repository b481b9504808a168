"""Missions: an embassy, consulate, honorary consulate or representation (permanent mission,
diplomatic mission, cooperation office) that a sentence says was opened ("eröffnet", "nahm … ihre
Arbeit auf", "was opened", "is functioning since", "открыто", "начала работу", "преобразована в
Посольство") or what it covers ("Über die Botschaft in Berlin werden auch die Beziehungen
Tadschikistans zur Republik Polen … betreut", "are covered by the Tajik Embassy in the Russian
Federation (with residence in Moscow)", "maintains relations with Tajikistan through its Embassy in
Astana", "по совместительству аккредитовано в …").

Each mission is read within its clause (commas, semicolons and dashes part two missions of one
sentence: "Посольство … в г. Киеве начало работу в декабре 2010 года, Посольство Украины в г.
Душанбе функционирует с октября 2012 года"). Its sending state is the one it belongs to ("Botschaft
der Republik Tadschikistan", "Embassy of Japan", "Посольство Украины"), or its adjective ("die
tadschikische Botschaft", "the Tajik Embassy"), or the subject its possessive points to
("Deutschland hat … seine Botschaft", "The Armenian side … its Embassy"), or the state whose
relations it handles ("die Beziehungen Tadschikistans"); a later noun for the same state's mission
of the same type ("… – die erste tadschikische Botschaft in einem Land der EU") is the same
mission. Its seat is the city after (or before) a place preposition in its clause; it covers the
page's other state, the state it is "in", and where the sentence says what it covers, the states
named there; a mission to an organisation ("beim Büro der Vereinten Nationen") covers none. Its
date is the one in its clause, or "the following year" after the year of the sentence before."""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplokg.ingest.dates import StatedDate
from diplokg.ingest.facts import Drafted, MissionOpened, Place
from diplokg.ingest.rules.adjectives import adjective_before, adjective_states, state_adjectives
from diplokg.ingest.rules.context import HOME, SentenceView

#: mission nouns per language → mission type
_NOUNS: dict[str, list[tuple[str, str]]] = {
    "de": [(r"Honorarkonsulat(?:e|s|en)?", "honorary-consulate"), (r"(?:General)?[Kk]onsulat(?:e|s|en)?", "consulate"),
           (r"Ständige\w*\s+Vertretung(?:en)?|Kooperationsbüros?|Vertretung(?:en)?", "representation"),
           (r"Botschaft(?:en)?", "embassy")],
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
    "ru": re.compile(r"\b(открыт\w*|открыл\w*|начал\w*\s+работ\w*|функционирует|преобразован\w*)\b", re.I),
}
_COVERS = {
    "de": re.compile(r"\b(?:betreut|zuständig|akkreditiert|nebenakkreditiert|mitakkreditiert|wahrgenommen)\b", re.I),
    "en": re.compile(r"\b(?:covered|covers|covering|accredited|responsible\s+for|maintains\s+relations)\b", re.I),
    "ru": re.compile(r"(?:по\s+совместительству|аккредитован\w*|курирует|отвечает\s+за)", re.I),
}
_SEAT_PREPOSITION = {
    "de": re.compile(r"\b(?:in|mit\s+Sitz\s+in|mit\s+Residenz\s+in)\s+(?:der\s+Stadt\s+)?$", re.I),
    "en": re.compile(r"\b(?:in|based\s+in|with\s+residence\s+in)\s+(?:the\s+city\s+of\s+)?$", re.I),
    "ru": re.compile(r"(?<!\w)(?:в|во)\s+(?:г\.\s*|городе\s+)?$", re.I),
}
_CAPS = {"de": r"[A-ZÄÖÜ][\w-]*", "en": r"[A-Z][\w-]*", "ru": r"[А-ЯЁ][\w-]*"}
#: what may stand between the mission noun and its state ("Botschaft der Republik |Tadschikistan")
_OF = {"de": re.compile(rf"\s+(?:(?:der|des)\s+)?(?:{_CAPS['de']}\s+(?:(?:der|des)\s+)?){{0,3}}"),
       "en": re.compile(rf"\s+of\s+(?:the\s+)?(?:{_CAPS['en']}\s+(?:of\s+(?:the\s+)?)?){{0,3}}"),
       "ru": re.compile(rf"\s+(?:{_CAPS['ru']}\s+){{0,3}}")}
#: a preposition before a state the mission covers ("zur Republik |Polen", "relations with |Tajikistan")
_TOWARDS = {"de": re.compile(rf"\b(?:in|zur|zum|zu|für|mit|nach)\s+(?:(?:der|dem|den)\s+)?"
                             rf"(?:{_CAPS['de']}\s+){{0,2}}$"),
            "en": re.compile(rf"\b(?:in|to|with|for)\s+(?:the\s+)?(?:{_CAPS['en']}\s+(?:of\s+(?:the\s+)?)?){{0,2}}$"),
            "ru": re.compile(rf"(?<!\w)(?:в|во|с|со|на|для)\s+(?:{_CAPS['ru']}\s+){{0,2}}$")}
_IN = {"de": re.compile(r"\s+(?:in|bei)\s+(?:(?:der|dem)\s+)?"), "en": re.compile(r"\s+(?:in|to)\s+(?:the\s+)?"),
       "ru": re.compile(r"\s+(?:в|во)\s+")}
_POSSESSIVE = {"de": re.compile(r"\b(?:seine|ihre|seiner|ihrer|seinen|ihren)\s+$", re.I),
               "en": re.compile(r"\b(?:its|their)\s+$", re.I), "ru": re.compile(r"(?<!\w)сво\w+\s+$", re.I)}
_RELATIONS = {"de": re.compile(r"\b(?:Beziehungen|Interessen)\s+"),
              "en": re.compile(r"\b(?:relations|interests)\s+of\s+(?:the\s+)?", re.I),
              "ru": re.compile(r"(?<!\w)(?:отношения|интересы)\s+", re.I)}
_ORGANISATION = {"de": re.compile(r"\s*(?:beim|bei\s+(?:der|den|dem))\s+"), "en": re.compile(r"\s*(?:to|at)\s+the\s+"),
                 "ru": re.compile(r"\s*при\s+")}
_FOLLOWING_YEAR = {"de": re.compile(r"\b(?:im\s+(?:darauf)?folgenden\s+Jahr|ein\s+Jahr\s+später)\b", re.I),
                   "en": re.compile(r"\b(?:the\s+(?:following|next)\s+year|a\s+year\s+later)\b", re.I),
                   "ru": re.compile(r"(?<!\w)(?:в\s+следующем\s+году|через\s+год|год\s+спустя)\b", re.I)}
#: a clause that continues a list of openings: "…, am 3 September 2010 folgte die Botschaft …"
_SEQUENCE = {"de": re.compile(r"\b(?:folgte\w*|gefolgt|danach|anschließend)\b", re.I),
             "en": re.compile(r"\b(?:followed|then|later)\b", re.I),
             "ru": re.compile(r"(?<!\w)(?:последовал\w*|затем|позднее|позже)\b", re.I)}
_CLAUSE_BREAK = re.compile(r"\s*(?:;|\s[–—-]\s|,(?!\s*\d{4}\b))\s*")  # not the comma of "June 26, 2014"
#: a clause that goes on describing the noun before it ("…, opened in 2001, …", "…, открытая в г. …")
_CONTINUES = {"de": re.compile(r"(?:die|der|das|welche\w*|eröffnet\w*|gegründet\w*)\b"),
              "en": re.compile(r"(?:which|that|opened|located|based|established)\b"),
              "ru": re.compile(r"(?:котор\w+|открыт\w+|расположен\w+|созданн\w+|учрежденн\w+)", re.I)}


def mission_rules(view: SentenceView) -> Iterator[Drafted]:
    language = view.context.page.language
    if not view.search(_OPENED[language]) and not view.search(_COVERS[language]):
        return
    nouns = sorted(((m, kind) for pattern, kind in _NOUNS[language]
                    for m in re.finditer(rf"\b(?:{pattern})\b", view.text, re.I if language != "de" else 0)
                    if not _inside_earlier_noun(view, m.start(), language)), key=lambda nk: nk[0].start())
    earlier: list[MissionOpened] = []
    for noun, kind in nouns:
        drafted = _mission(view, noun, kind, earlier, [n for n, _ in nouns])
        if drafted is not None:
            assert isinstance(drafted.fact, MissionOpened)
            earlier.append(drafted.fact)
            yield drafted


def _inside_earlier_noun(view: SentenceView, start: int, language: str) -> bool:
    """"Vertretung" inside "Ständige Vertretung": counted once, as the longer noun."""
    for pattern, _ in _NOUNS[language]:
        for m in re.finditer(rf"\b(?:{pattern})", view.text, re.I if language != "de" else 0):
            if m.start() < start < m.end():
                return True
    return False


def _mission(view: SentenceView, noun: re.Match[str], kind: str, earlier: list[MissionOpened],
             nouns: list[re.Match[str]]) -> Drafted | None:
    language = view.context.page.language
    reasons: list[str] = []
    start, end = _clause(view.text, noun.start())
    wider = _continued(view.text, end, language, nouns)
    rule = _trigger(view, start, wider, language, reasons)
    if rule is None:
        return None
    sending, after_sending = _sending(view, noun, start, end, reasons)
    seat = _seat(view, noun.end(), wider, language) or _seat_before(view, start, noun.start(), language)
    if sending is None and earlier:  # "…, die … in eine Botschaft umgewandelt wurde": the same state's
        sending, seat = earlier[-1].sending, seat or earlier[-1].seat
        reasons.append("read as the same state's mission as the one named before it in the sentence")
    subject = next((m for m in view.states if m.end <= noun.start()), None)
    if sending is None and subject:
        sending = subject.key
        reasons.append(f"the mission is read as {sending}'s: the sentence's subject ({subject.text})")
    if any(e.sending == sending and e.type == kind and (seat is None or e.seat == seat) for e in earlier):
        return None  # the same mission named again ("… – die erste tadschikische Botschaft …")
    organisation = _ORGANISATION[language].match(view.text, after_sending)
    to_organisation = bool(organisation and not view.state_after(organisation.end(), within=3))
    if to_organisation:
        covers: set[str] = set()
        reasons.append("a mission to an organisation: it covers no state")
    else:
        covers = _covers(view, sending, after_sending, (start, end), rule == "missions/covers")
    date = _date(view, noun, (start, end), wider, nouns, reasons)
    fact = MissionOpened(sending, kind, seat, frozenset(covers), date, to_organisation)
    questions = [] if sending else ["which state's mission this is is not stated"]
    confidence = (0.8 if seat else 0.7) if sending else 0.5
    return Drafted(fact, view.sentence, rule, confidence, reasons, questions)


def _trigger(view: SentenceView, start: int, end: int, language: str, reasons: list[str]) -> str | None:
    """What the mission's clause says of it: opened ("missions/opened"), what it covers
    ("missions/covers"), or, in a clause that continues a list of openings ("…, am 3 September 2010
    folgte die Botschaft …"), opened too; None if neither (a mission named for another reason)."""
    if _OPENED[language].search(view.text, start, end):
        return "missions/opened"
    if _COVERS[language].search(view.text, start, end):
        return "missions/covers"
    sequence = _SEQUENCE[language].search(view.text, start, end)
    if sequence and view.search(_OPENED[language]):
        reasons.append(f"'{sequence.group(0)}': the opening stated before in the sentence applies to this mission")
        return "missions/opened"
    return None


def _clause(text: str, at: int) -> tuple[int, int]:
    """The clause of the sentence that ``at`` lies in (between commas, semicolons, dashes)."""
    start, end = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            end = m.start()
            break
    return start, end


def _continued(text: str, end: int, language: str, nouns: list[re.Match[str]]) -> int:
    """The end of the clause ending at ``end`` with the clauses after it that go on describing its
    mission (and name no other mission)."""
    while end < len(text):
        following = _CLAUSE_BREAK.match(text, end)
        if following is None or not _CONTINUES[language].match(text, following.end()):
            break
        _, after = _clause(text, following.end())
        if any(following.end() <= n.start() < after for n in nouns):
            break
        end = after
    return end


def _sending(view: SentenceView, noun: re.Match[str], start: int, end: int,
             reasons: list[str]) -> tuple[str | None, int]:
    """The mission's state, and where the words naming the mission end."""
    language = view.context.page.language
    owner = next((m for m in view.states if m.start >= noun.end() and _OF[language].fullmatch(view.text, noun.end(),
                                                                                              m.start)), None)
    if owner:
        return owner.key, owner.end
    adjective = adjective_before(view, noun.start(), within=2)
    if adjective:
        reasons.append(f"'{adjective.text}' read as the mission's state")
        return adjective.key, noun.end()
    subjects = sorted([*view.states, *state_adjectives(view)], key=lambda m: m.start)
    if _POSSESSIVE[language].search(view.text, max(0, noun.start() - 12), noun.start()):
        before = [m for m in subjects if start <= m.start and m.end <= noun.start()]
        if before:
            reasons.append(f"'its' read as the mission of {before[0].key}, the sentence's subject ({before[0].text})")
            return before[0].key, noun.end()
    for relations in _RELATIONS[language].finditer(view.text, start, end):
        state = next((m for m in view.states if m.start == relations.end()), None)
        if state:
            reasons.append(f"read as the mission of {state.key}, whose relations it handles")
            return state.key, noun.end()
    return None, noun.end()


def _covers(view: SentenceView, sending: str | None, after: int, clause: tuple[int, int], stated: bool) -> set[str]:
    """The page's other state; the state the mission is "in"; where the sentence says what the
    mission covers, every state it names after "zur / with / in / с …" in the mission's clause."""
    if sending is None:
        return set()
    language = view.context.page.language
    page_states = {s for s in (HOME, view.context.partner) if s}
    covers = {s for s in page_states if s != sending} if sending in page_states else set()
    located = _IN[language].match(view.text, after)
    host = view.state_after(located.end(), within=40) if located else None
    if host and _TOWARDS[language].search(view.text, max(0, host.start - 50), host.start):
        covers.add(host.key)
    if stated:
        for m in [*view.states, *adjective_states(view)]:
            if clause[0] <= m.start < clause[1] and _TOWARDS[language].search(view.text, max(0, m.start - 50),
                                                                                m.start):
                covers.add(m.key)
    return covers - {sending}


def _date(view: SentenceView, noun: re.Match[str], clause: tuple[int, int], wider: int, nouns: list[re.Match[str]],
          reasons: list[str]) -> StatedDate | None:
    """The date in the mission's clause (or in the clauses that go on describing it); else the
    nearest not in another mission's clause; else "the following year" after the year of the
    sentence before."""
    language = view.context.page.language
    dates = view.dates_unquoted()
    inside = [d for d in dates if clause[0] <= d.start < clause[1]] or [d for d in dates
                                                                        if clause[1] <= d.start < wider]
    others = [(a, _continued(view.text, b, language, nouns)) for a, b in
              (_clause(view.text, n.start()) for n in nouns if n is not noun)]
    candidates = inside or [d for d in dates if not any(a <= d.start < b for a, b in others)]
    if candidates:
        return min(candidates, key=lambda d: min(abs(d.start - noun.end()), abs(noun.start() - d.end))).date
    following = _FOLLOWING_YEAR[language].search(view.text, clause[0], clause[1])
    previous = [v for v in view.context.views if v.sentence.number == view.sentence.number - 1]
    years = [d.date.start[:4] for v in previous for d in v.dates_unquoted()]
    if following and years:
        year = str(int(years[-1]) + 1)
        reasons.append(f"'{following.group(0)}' read as the year after {years[-1]} (the sentence before): {year}")
        return StatedDate(year, as_stated=following.group(0))
    return None


def _seat_before(view: SentenceView, start: int, before: int, language: str) -> Place | None:
    """A city named before the mission noun in its clause ("in Bonn die Botschaft …", "в г. Душанбе … миссия")."""
    seat = None
    for mention, cities in view.context.cities.find(view.text[start:before], language,
                                                    view.context.preferred_countries):
        at = start + mention.start
        if _SEAT_PREPOSITION[language].search(view.text[max(0, at - 25):at]):
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
        if _SEAT_PREPOSITION[language].search(view.text[max(0, mention.start - 25):mention.start]):
            return Place(cities[0].name, cities[0].geonames_id, mention.text, cities[0].country)
        offset = mention.end
    return None

