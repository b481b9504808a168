"""Diplomatic relations established, and recognition of a state's independence.

- relations: "die diplomatischen Beziehungen … aufgenommen", "established diplomatic relations",
  "Diplomatic relations between the two countries were established", "установлены дипломатические
  отношения", "Дипломатические отношения … установили" (an anniversary of relations is not their
  establishment); relations maintained since a date ("unterhalten … seit dem …", "have maintained
  diplomatic relations since …", "поддерживают дипломатические отношения с …") are read as
  established then, with a lower confidence; the establishment named as a noun with its date ("die
  Aufnahme diplomatischer Beziehungen am …", "the establishment of diplomatic relations on …").
  Between Tajikistan and the other state the sentence names (the page's partner when it says "both
  states"); dated by the date of the verb's clause ("recognised … on 2 May and established
  relations on 5 June": 5 June), else the date before the verb, or the sentence's earlier date
  where it says "on the same day".
- recognition: "erkannte … die Unabhängigkeit … an", "the independence of … was recognized by …",
  "was among the first to recognise the independence of …", "признал независимость": the state
  after "Unabhängigkeit (der) / independence of / независимость" is recognised, the other one
  recognises.

Dates are masked before the patterns are searched, so that the full stop of "am 30. Dezember" does
not end a clause."""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplokg.ingest.dates import DateMention
from diplokg.ingest.facts import Drafted, Recognition, RelationEstablished
from diplokg.ingest.rules.context import HOME, SentenceView

_RELATIONS = {
    "de": re.compile(r"diplomatische\w*\s+Beziehungen\b[^.;]*?\b(aufgenommen|hergestellt|aufnahmen)\b"
                     r"|\b(aufgenommen|hergestellt)\b[^.;]{0,80}?diplomatische\w*\s+Beziehungen"
                     r"|\b(?P<noun>Aufnahme|Herstellung)\s+(?:der\s+)?diplomatische\w*\s+Beziehungen", re.I),
    "en": re.compile(r"\b(established|establish)\s+(?:\w+\s+){0,3}diplomatic\s+relations"
                     r"|diplomatic\s+relations\s+(?:between\s+[^.;]{3,80}?\s+)?(?:were|have\s+been|was)\s+(established)"
                     r"|\b(?P<noun>establishment)\s+of\s+diplomatic\s+relations", re.I),
    "ru": re.compile(r"\b(установлены|установили|установила|установлено)\s+дипломатические\s+отношения"
                     r"|дипломатические\s+отношения\s+(?:[^.;]{3,80}?\s+)?(?:были\s+)?(установлены|установили)"
                     r"|(?<!\w)(?P<noun>установлени\w+)\s+дипломатических\s+отношений", re.I),
}
#: relations maintained since a date: read as established then
_MAINTAINED = {
    "de": re.compile(r"diplomatische\w*\s+Beziehungen\b[^.;]*?\b(unterhalten|unterhält|bestehen)\b"
                     r"|\b(unterhalten|unterhält)\b[^.;]{0,60}?diplomatische\w*\s+Beziehungen", re.I),
    "en": re.compile(r"\b(maintained|maintains?)\s+diplomatic\s+relations"
                     r"|diplomatic\s+relations\s+(?:between\s+[^.;]{3,80}?\s+)?(?:have\s+existed|exist)", re.I),
    "ru": re.compile(r"\b(поддерживают|поддерживает)\s+дипломатические\s+отношения"
                     r"|дипломатические\s+отношения\s+(?:[^.;]{3,80}?\s+)?(поддерживают|существуют)", re.I),
}
_SINCE = {"de": re.compile(r"\b(?:seit|ab)\s+(?:dem\s+)?$", re.I), "en": re.compile(r"\bsince\s+$", re.I),
          "ru": re.compile(r"(?<!\w)(?:с|со)\s+$", re.I)}
#: a noun naming the establishment is a fact only with the date right after it ("am / on / в …")
_NOUN_DATE = re.compile(r"\s*(?:(?:am|im|vom|on|in|в|во)\s+)?")
_CLAUSE = re.compile(r"[,;]\s+|\s+(?:und|and|а|и)\s+")
_SAME_DAY = re.compile(r"\b(am\s+selben\s+Tag|am\s+gleichen\s+Tag|on\s+the\s+same\s+day|в\s+тот\s+же\s+день)\b", re.I)
_ANNIVERSARY = re.compile(r"Jahrestag|anniversary|годовщин|летия", re.I)
_RECOGNITION = {
    "de": re.compile(r"\b(erkannte\w*|anerkannt\w*|anzuerkennen|Anerkennung)\b[^.;]*?Unabhängigkeit"
                     r"|Unabhängigkeit[^.;]*?\b(anerkannt|anzuerkennen|Anerkennung)", re.I),
    "en": re.compile(r"\b(recogni[sz](?:ed|e|es|ing)|recognition)\b[^.;]*?independence"
                     r"|independence[^.;]*?\b(recogni[sz]ed|recognition)\b", re.I),
    "ru": re.compile(r"(?<!\w)(призна\w*)\b[^.;]*?независимост|независимост[^.;]*?(?<!\w)признан", re.I),
}
_INDEPENDENCE_OF = {
    "de": re.compile(r"Unabhängigkeit\s+(?:(?:der|des|von)\s+)?", re.I),
    "en": re.compile(r"independence\s+of\s+(?:the\s+)?", re.I),
    "ru": re.compile(r"независимост\w*\s+", re.I),
}


def relation_rules(view: SentenceView) -> Iterator[Drafted]:
    yield from _relation(view)
    yield from _recognition(view)


def _relation(view: SentenceView) -> Iterator[Drafted]:
    language = view.context.page.language
    text = masked(view)
    match = _RELATIONS[language].search(text)
    maintained = _MAINTAINED[language].search(text) if match is None else None
    if match is None and maintained is None:
        return
    found = match or maintained
    assert found is not None
    if _ANNIVERSARY.search(view.text[max(0, found.start() - 60):found.start()]):
        return
    reasons: list[str] = []
    questions: list[str] = []
    if maintained:
        date = _since_date(view, language)
        if date:
            questions.append(f"relations maintained since {date.text}: read as established then")
    elif match and match.groupdict().get("noun"):
        date = _date_after_noun(view, match.end())
    else:
        date = _date_for(view, text, found, reasons)
    if date is None and (maintained or (match and match.groupdict().get("noun"))):
        return
    states = {m.key for m in view.states}
    partner = next((s for s in sorted(states) if s != HOME), None) or view.context.partner
    if not states - {HOME}:
        reasons.append("the sentence names no partner state ('both states'): the page's partner "
                       f"{partner} is read")
    fact = RelationEstablished(frozenset(s for s in (HOME, partner) if s), date.date if date else None)
    confidence = (0.7 if questions else 0.9) if date and partner else 0.6
    yield Drafted(fact, view.sentence, "relations/established", confidence, reasons, questions)


def masked(view: SentenceView) -> str:
    """The sentence with its dates blanked out (same length): "am 30. Dezember" ends no clause."""
    text = view.text
    for d in view.dates:
        text = text[:d.start] + "#" * (d.end - d.start) + text[d.end:]
    return text


def _since_date(view: SentenceView, language: str) -> DateMention | None:
    return next((d for d in view.dates_unquoted() if _SINCE[language].search(view.text, max(0, d.start - 12),
                                                                               d.start)), None)


def _date_after_noun(view: SentenceView, end: int) -> DateMention | None:
    """The date right after the establishment named as a noun ("… Beziehungen am 5. Mai 1992")."""
    gap = _NOUN_DATE.match(view.text, end)
    at = gap.end() if gap else end
    return next((d for d in view.dates_unquoted() if d.start == at), None)


def _date_for(view: SentenceView, text: str, keyword: re.Match[str], reasons: list[str]) -> DateMention | None:
    """The date of a clause: after "on the same day", the sentence's first date; else the date in
    the verb's clause (nearest before it, else after it); else the last date before the keyword,
    else the first one after it."""
    dates = view.dates_unquoted()
    same_day = _SAME_DAY.search(view.text)
    if same_day and dates and dates[0].start < same_day.start():
        reasons.append(f"'{same_day.group(0)}' read as the date given earlier in the sentence, {dates[0].text}")
        return dates[0]
    start = max((m.end() for m in _CLAUSE.finditer(text, 0, keyword.start())), default=0)
    end = next((m.start() for m in _CLAUSE.finditer(text, keyword.end())), len(text))
    inside = [d for d in dates if start <= d.start and d.end <= end]
    if inside:
        before_verb = [d for d in inside if d.end <= keyword.start()]
        return before_verb[-1] if before_verb else inside[0]
    before = [d for d in dates if d.end <= keyword.start()]
    if before:
        return before[-1]
    return next((d for d in dates if d.start >= keyword.start()), None)


def _recognition(view: SentenceView) -> Iterator[Drafted]:
    language = view.context.page.language
    match = _RECOGNITION[language].search(masked(view))
    if match is None:
        return
    of = _INDEPENDENCE_OF[language].search(view.text)
    recognised = view.state_after(of.end(), within=30) if of else None
    word = re.search(r"Unabhängigkeit|independence|независимост", view.text, re.I)
    if recognised is None and word:  # "Tajikistan's independence", "Tadschikistans Unabhängigkeit"
        recognised = next((m for m in view.states if 0 <= word.start() - m.end <= 4
                           and re.fullmatch(r"(?:['’]s)?\s+", view.text[m.end:word.start()])), None)
    others = [m for m in view.states if recognised is None or m.key != recognised.key]
    recognising = others[0] if others else None
    dates = view.dates_unquoted()
    before = [d for d in dates if d.end <= match.end()]
    date = before[-1] if before else (dates[0] if dates else None)
    fact = Recognition(recognising.key if recognising else None, recognised.key if recognised else None,
                       date.date if date else None)
    questions = [] if recognising and recognised else ["which state recognised which is not clear from the sentence"]
    yield Drafted(fact, view.sentence, "relations/recognition", 0.85 if not questions else 0.4, [], questions)
