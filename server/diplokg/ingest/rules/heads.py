"""Heads of mission: an ambassador (or chargé d'affaires) of one state to another, named.

"Außerordentlicher und bevollmächtigter Botschafter der Republik Tadschikistan in Rumänien (mit
Sitz in Wien) ist Herr Idibek Kalandar", "the Ambassador Extraordinary and Plenipotentiary of Japan
to the Republic of Tajikistan Mr. Toshihiro Aiki", "Послом Республики Казахстан в Республике
Таджикистан … является Туреханов Валихан Амирханулы": the sending state follows the rank (or its
adjective precedes it: "des norwegischen Botschafters"), the receiving state follows "in / to / в",
the residence is "(mit Sitz in …)", "(with residence in …)", "(с резиденцией в …)", and the person
is named after an honorific (Herr, Frau, Mr., г-н …), or after "ist / является", or right after
the post. A post is recorded where the page first states it: a later mention of the same person
in the same post is not a new fact."""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplokg.ingest.facts import Drafted, HeadOfMission, Person, Place
from diplokg.ingest.gazetteer import Mention
from diplokg.ingest.rules.context import SentenceView

_RANK = {
    "de": re.compile(r"\b(?:Botschafter(?:in|s)?|Geschäftsträger\w*)\b"),
    "en": re.compile(r"\b(?:Ambassador|Chargé\s+d'affaires)\b", re.I),
    "ru": re.compile(r"\b(?:Посол|Посла|Послу|Послом|После|Временн\w+\s+поверенн\w+)\b"),
}
#: "Außerordentlicher und bevollmächtigter" before, "Extraordinary and Plenipotentiary" after the rank
_EXTRAORDINARY_BEFORE = re.compile(r"(?:außerordentliche\w*\s+und\s+bevollmächtigte\w*|Чрезвычайн\w+\s+и\s+"
                                   r"Полномочн\w+)\s+$", re.I)
_EXTRAORDINARY_AFTER = re.compile(r"\s+Extraordinary\s+and\s+Plenipotentiary\b", re.I)
_RECEIVING = {"de": r"(?:in|bei)\s+(?:der\s+|dem\s+)?", "en": r"(?:to|in)\s+(?:the\s+)?", "ru": r"(?:в|во)\s+"}
_RESIDENCE = {
    "de": re.compile(r"\((?:mit\s+(?:Wohn)?[Ss]itz|mit\s+Residenz)\s+in\s+", re.I),
    "en": re.compile(r"\((?:with\s+residence|resident|based)\s+in\s+", re.I),
    "ru": re.compile(r"\(с\s+резиденцией\s+в\s+(?:г\.\s*)?", re.I),
}
_HONORIFIC = re.compile(r"\b(?:Herrn?|Frau|S\.E\.|Mr\.|Mrs\.|Ms\.|H\.E\.|г-н|г-жа|господин|госпожа)\s+"
                        r"(?:(?:Herr|Frau|Dr\.|Prof\.)\s+)*")
_COPULA = re.compile(r"\b(?:ist|war|is|was|является|являлся|являлась)\s+(?:(?:Herr|Frau|Mr\.|Mrs\.|Ms\.|г-н|г-жа)\s+)?")
_NAME = re.compile(r"(?:[A-ZÄÖÜÅØÆ][\w'’-]+|[А-ЯЁ][\w'’-]+)(?:\s+(?:[A-ZÄÖÜÅØÆ][\w'’-]+|[А-ЯЁ][\w'’-]+)){1,3}")
_NOT_NAME = re.compile(r"^(Republik|Republic|Республик|Königreich|Kingdom|Botschaft|Embassy|Посольств|Präsident|"
                       r"President|Президент|Herr|Frau|Mr|Minister|Министр)", re.I)


def head_rules(view: SentenceView, recorded: set[tuple[str, str, str]]) -> Iterator[Drafted]:
    language = view.context.page.language
    for rank in _RANK[language].finditer(view.text):
        drafted = _head(view, rank, language)
        if drafted is None:
            continue
        fact = drafted.fact
        assert isinstance(fact, HeadOfMission)
        key = (fact.sending or "", fact.receiving or "", (fact.person.name if fact.person else "").casefold())
        if key in recorded:
            continue
        recorded.add(key)
        yield drafted


def _head(view: SentenceView, rank: re.Match[str], language: str) -> Drafted | None:
    text = view.text
    reasons: list[str] = []
    sending = view.state_after(rank.end(), within=45)
    if sending is None:  # "des norwegischen Botschafters": the state's adjective is not yet read
        return None
    receiving_at = re.compile(_RECEIVING[language], re.I).search(text, sending.end, sending.end + 25)
    receiving = view.state_after(receiving_at.end(), within=30) if receiving_at else None
    if receiving is None or receiving.key == sending.key:
        return None
    residence = _residence(view, rank.end(), language)
    person = _person(view, receiving, language)
    if person is None:
        return None
    kind = "charge-d-affaires" if re.match(r"Gesch|Charg|Временн", rank.group(0)) else "ambassador"
    before = _EXTRAORDINARY_BEFORE.search(text, max(0, rank.start() - 60), rank.start())
    fact = HeadOfMission(sending.key, receiving.key, person, kind, residence,
                         rank_as_stated=text[before.start() if before else rank.start():receiving.end])
    return Drafted(fact, view.sentence, "heads/post", 0.8, reasons)


def _residence(view: SentenceView, after: int, language: str) -> Place | None:
    match = _RESIDENCE[language].search(view.text, after)
    if match is None:
        return None
    found = view.city_after(match.end(), within=40)
    if found is None:
        return None
    mention, cities = found
    return Place(cities[0].name, cities[0].geonames_id, mention.text, cities[0].country)


def _person(view: SentenceView, receiving: Mention, language: str) -> Person | None:
    """The person holding the post: after an honorific, after "ist / является", or right after the post."""
    text = view.text
    window_end = min(len(text), receiving.end + 160)
    for pattern in (_HONORIFIC, _COPULA):
        for m in pattern.finditer(text, receiving.end, window_end):
            name = _NAME.match(text, m.end())
            if name and not _NOT_NAME.match(name.group(0)):
                return Person(_clean(name.group(0)))
    rest = re.match(r"\s*(?:\([^)]*\)\s*)?", text[receiving.end:])
    start = receiving.end + (rest.end() if rest else 0)
    name = _NAME.match(text, start)
    if name and not _NOT_NAME.match(name.group(0)):
        return Person(_clean(name.group(0)))
    return None


def _clean(name: str) -> str:
    return re.sub(r"['’]s$", "", name).strip()
