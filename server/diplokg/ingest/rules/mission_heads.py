"""Heads of mission read from a sentence that says who heads or headed a state's embassy, when no
post names the states: "Herr X hatte die französische Botschaft in Duschanbe von 2016 bis 2023
geleitet", "the U.S. Embassy was led by Chargé d'Affaires a.i. X", "Посольство Латвии в г. Душанбе
возглавляет Посол X". The embassy gives the two states: its own ("französische", "U.S.", "of
Latvia", "Латвии") and the one it is in (a state or a city after "in / в"; else, with a question,
the page's other state); the rank is the one named with the person ("by Ambassador X"); where none
is named, the head of an embassy is read as its ambassador, less surely and with a question. An
embassy whose state the sentence does not name ("the Embassy has been headed by …") is read, with a
question, as the mission of the post named in the sentences just before; without one it is left out."""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplokg.ingest.facts import Drafted, HeadOfMission
from diplokg.ingest.gazetteer import Mention
from diplokg.ingest.rules.adjectives import adjective_before
from diplokg.ingest.rules.context import HOME, SentenceView
from diplokg.ingest.rules.persons import HONORIFIC, Named, person_after, same_person
from diplokg.ingest.rules.posts import RANK, Post, receiving_after, sending_after

_EMBASSY = {"de": re.compile(r"\bBotschaft\b"), "en": re.compile(r"\bEmbassy\b"),
            "ru": re.compile(r"(?<!\w)[Пп]осольств[оаеу]\b")}
_HEADED = {"de": re.compile(r"\b(?:geleitet|leitet|leitete|leiteten)\b"),
           "en": re.compile(r"\b(?:headed|heads|led|leads)\b"),
           "ru": re.compile(r"(?<!\w)(?:возглавля\w+|возглавил\w*|руководил\w*|руководит)")}
#: between the verb and the head named after it ("headed by |Ambassador X", "geleitet von |Herrn X")
_BY = {"de": re.compile(r"\s*\b(?:von|durch)\s+(?:(?:der|dem)\s+)?"), "en": re.compile(r"\s*by\s+(?:the\s+)?"),
       "ru": re.compile(r"\s*")}
_RANK_GAP = re.compile(r"(?:(?:Außerordentlich\w*|Extraordinary|Чрезвычайн\w+)\s+(?:und|and|и)\s+"
                       r"(?:Bevollmächtigt\w*|Plenipotentiary|Полномочн\w+)\s+)?", re.I)


def mission_heads(view: SentenceView, recorded: set[tuple[str, str, str]],
                  last: tuple[Post, Named] | None) -> Iterator[Drafted]:
    """``last``: the post (with its holder) named just before, which "the Embassy" may continue."""
    language = view.context.page.language
    verb = view.search(_HEADED[language])
    embassies = list(_EMBASSY[language].finditer(view.text))
    if verb is None or len(embassies) != 1:
        return
    embassy, questions = embassies[0], list[str]()
    mention = _sending(view, embassy)
    if mention is not None:
        sending: str | None = mention.key
        receiving = _receiving(view, embassy.end(), mention.key, questions)
    elif last is not None and not view.state_after(embassy.end(), within=25):  # "the Embassy" alone
        sending, receiving = last[0].key
        questions.append(f"the embassy's states are not stated; read as those of the post named before "
                         f"({sending}→{receiving})")
    else:
        return
    head, rank = _head(view, verb, embassy.start(), language)
    if not receiving or head is None or receiving == sending:
        return
    name = head.person.name
    if any((s, r) == (sending, receiving) and same_person(n, name) for s, r, n in recorded):
        return
    recorded.add((sending or "", receiving, name))
    if rank is None:
        rank = "ambassador"
        questions.append("the rank is not stated: the head of the embassy is read as its ambassador")
    reasons = [f"'{verb.group(0)}': {name} heads the embassy of {sending}"]
    fact = HeadOfMission(sending, receiving, head.person, rank)
    yield Drafted(fact, view.sentence, "heads/mission", 0.5 if questions else 0.7, reasons, questions)


def _sending(view: SentenceView, embassy: re.Match[str]) -> Mention | None:
    """The embassy's state: its adjective or name before it, or the state named after it."""
    before = adjective_before(view, embassy.start(), within=2) or next(
        (m for m in view.states if 0 <= embassy.start() - m.end <= 1), None)
    return before or sending_after(view, embassy.end())


def _receiving(view: SentenceView, after: int, sending: str, questions: list[str]) -> str | None:
    """The state the embassy is in: named after it (or its city), else the page's other state."""
    owner = sending_after(view, after)
    stated = receiving_after(view, owner.end if owner else after)
    if stated:
        return stated[0]
    partner = view.context.partner
    if partner and sending in (HOME, partner):
        other = partner if sending == HOME else HOME
        questions.append(f"the embassy's host state is not stated; read as {other}, the page's other state")
        return other
    return None


def _head(view: SentenceView, verb: re.Match[str], embassy: int, language: str) -> tuple[Named | None, str | None]:
    """The head and the rank named with him: after the verb ("headed by Ambassador X",
    "возглавляет Посол X", "wird … von Botschafterin X geleitet"), else the subject with an
    honorific before the embassy ("Herr X hatte die … Botschaft … geleitet")."""
    by = _BY[language].match(view.text, verb.end()) if language != "de" else \
        _BY["de"].search(view.text, embassy, verb.start())  # "wird die Botschaft von X geleitet"
    at = by.end() if by else verb.end()
    gap = _RANK_GAP.match(view.text, at)
    rank = RANK[language].match(view.text, gap.end() if gap else at)
    kind = None
    if rank:
        kind = "charge-d-affaires" if re.match(r"Gesch|Charg|Временн", rank.group(0), re.I) else "ambassador"
        at = rank.end()
        at = re.match(r"(?:\s+(?:a\.\s?i\.|ad\s+interim|i\.\s?V\.))?", view.text[at:]).end() + at  # type: ignore[union-attr]
    head = person_after(view, at, min(len(view.text), at + 60), None) if rank or by else None
    if head is None and verb.start() > embassy:
        honorifics = [m for m in HONORIFIC.finditer(view.text, 0, embassy)]
        if honorifics:
            head = person_after(view, honorifics[-1].start(), embassy, None)
    return head, kind
