"""Diplomatic relations established, and recognition of a state's independence.

- relations: "die diplomatischen Beziehungen … aufgenommen", "established diplomatic relations",
  "установлены дипломатические отношения" (an anniversary of relations is not their establishment);
  between Tajikistan and the other state the sentence names (the page's partner when it says "both
  states"); dated by the date before the verb, or by the sentence's earlier date where it says "on
  the same day".
- recognition: "erkannte … die Unabhängigkeit … an", "the independence of … was recognized by …",
  "признал независимость": the state after "Unabhängigkeit der / independence of / независимость"
  is recognised, the other one recognises.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplokg.ingest.dates import DateMention
from diplokg.ingest.facts import Drafted, Recognition, RelationEstablished
from diplokg.ingest.rules.context import HOME, SentenceView

_RELATIONS = {
    "de": re.compile(r"diplomatische\w*\s+Beziehungen\b[^.;]*?\b(aufgenommen|hergestellt|aufnahmen)\b"
                     r"|\b(aufgenommen|hergestellt)\b[^.;]{0,80}?diplomatische\w*\s+Beziehungen", re.I),
    "en": re.compile(r"\b(established|establish)\s+(?:\w+\s+){0,3}diplomatic\s+relations"
                     r"|diplomatic\s+relations\s+(?:were|have\s+been|was)\s+(established)", re.I),
    "ru": re.compile(r"\b(установлены|установили|установила|установлено)\s+дипломатические\s+отношения"
                     r"|дипломатические\s+отношения\s+(?:были\s+)?(установлены)", re.I),
}
_SAME_DAY = re.compile(r"\b(am\s+selben\s+Tag|am\s+gleichen\s+Tag|on\s+the\s+same\s+day|в\s+тот\s+же\s+день)\b", re.I)
_ANNIVERSARY = re.compile(r"Jahrestag|anniversary|годовщин|летия", re.I)
_RECOGNITION = {
    "de": re.compile(r"\b(erkannte|erkannten|anerkannt)\b[^.;]*?Unabhängigkeit|Unabhängigkeit[^.;]*?\banerkannt", re.I),
    "en": re.compile(r"\b(recogni[sz]ed)\b[^.;]*?independence|independence[^.;]*?\b(recogni[sz]ed)\b", re.I),
    "ru": re.compile(r"\b(признал[аи]?|признана|признание)\b[^.;]*?независимост|независимост[^.;]*?\bпризнан", re.I),
}
_INDEPENDENCE_OF = {
    "de": re.compile(r"Unabhängigkeit\s+(?:der|des|von)\s+", re.I),
    "en": re.compile(r"independence\s+of\s+(?:the\s+)?", re.I),
    "ru": re.compile(r"независимост\w*\s+", re.I),
}


def relation_rules(view: SentenceView) -> Iterator[Drafted]:
    yield from _relation(view)
    yield from _recognition(view)


def _relation(view: SentenceView) -> Iterator[Drafted]:
    language = view.context.page.language
    match = view.search(_RELATIONS[language])
    if match is None:
        return
    before = view.text[:match.start()]
    if _ANNIVERSARY.search(before[-60:]):
        return
    reasons: list[str] = []
    states = {m.key for m in view.states}
    partner = next((s for s in sorted(states) if s != HOME), None) or view.context.partner
    if not {m.key for m in view.states} - {HOME}:
        reasons.append("the sentence names no partner state ('both states'): the page's partner "
                       f"{partner} is read")
    date = _date_for(view, match.start(), reasons)
    fact = RelationEstablished(frozenset(s for s in (HOME, partner) if s), date.date if date else None)
    yield Drafted(fact, view.sentence, "relations/established", 0.9 if date and partner else 0.6, reasons)


def _date_for(view: SentenceView, keyword: int, reasons: list[str]) -> DateMention | None:
    """The date of a clause: after "on the same day", the sentence's first date; else the last date
    before the keyword, else the first one after it."""
    dates = view.dates_unquoted()
    same_day = _SAME_DAY.search(view.text)
    if same_day and dates and dates[0].start < same_day.start():
        reasons.append(f"'{same_day.group(0)}' read as the date given earlier in the sentence, {dates[0].text}")
        return dates[0]
    before = [d for d in dates if d.end <= keyword]
    if before:
        return before[-1]
    return next((d for d in dates if d.start >= keyword), None)


def _recognition(view: SentenceView) -> Iterator[Drafted]:
    language = view.context.page.language
    match = view.search(_RECOGNITION[language])
    if match is None:
        return
    of = _INDEPENDENCE_OF[language].search(view.text)
    recognised = view.state_after(of.end(), within=30) if of else None
    others = [m for m in view.states if recognised is None or m.key != recognised.key]
    recognising = others[0] if others else None
    dates = view.dates_unquoted()
    before = [d for d in dates if d.end <= match.end()]
    date = before[-1] if before else (dates[0] if dates else None)
    fact = Recognition(recognising.key if recognising else None, recognised.key if recognised else None,
                       date.date if date else None)
    questions = [] if recognising and recognised else ["which state recognised which is not clear from the sentence"]
    yield Drafted(fact, view.sentence, "relations/recognition", 0.85 if not questions else 0.4, [], questions)
