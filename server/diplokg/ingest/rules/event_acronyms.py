"""Event nouns with a body or series the page names by an acronym it defined in an earlier sentence:
"the High-Level Cooperation Council (HLCC)" … "the first meeting of the HLCC" (read as "meeting of
the High-Level Cooperation Council"); "die Jährlichen Konsultationen (JK)" … "die dritte Runde der
JK"; "Межправительственная комиссия (МПК)" … "заседание МПК". An event noun before such an acronym
takes the type its full name gives; an acronym whose full name is itself an event ("Annual
Consultations (AC)") is a trigger of that type where the sentence dates it."""

from __future__ import annotations

import re

from diplokg.ingest.rules import event_words as words
from diplokg.ingest.rules.context import SentenceView
from diplokg.ingest.rules.event_words import Trigger
from diplokg.matching.names import acronym_fits

#: words, then an acronym in parentheses ("… Cooperation Council (HLCC)")
_DEFINED = re.compile(r"((?:[\w-]+\s+){0,9}[\w-]+)\s*\(([A-ZА-ЯЁ][A-Za-zА-Яа-яЁё0-9+]{1,7})\)")
#: a plain noun of a session or round, no trigger of its own ("die erste Sitzung des HRZ")
_SESSION = {"de": r"Sitzung|Tagung|Treffen|Runde", "en": r"session|meeting|round",
            "ru": r"заседани\w*|сесси\w*|раунд\w*"}
#: what joins an event noun to the acronym after it ("meeting of the", "Sitzung des", "заседание")
_JOIN = re.compile(r"\s+(?:of\s+(?:the\s+)?|de[rs]\s+)?")


def definitions(view: SentenceView) -> dict[str, str]:
    """The acronyms the page defined before ``view``'s sentence, with their full names."""
    out: dict[str, str] = {}
    for other in view.context.views:
        if other.sentence.number >= view.sentence.number:
            break
        for m in _DEFINED.finditer(other.text):
            phrase = _phrase(m.group(1), m.group(2))
            if phrase is not None:
                out.setdefault(m.group(2), phrase)
    return out


def _phrase(words_before: str, acronym: str) -> str | None:
    """The shortest run of words before the parenthesis that the acronym abbreviates, from a
    capitalised word with its first letter."""
    parts = words_before.split()
    for i in range(len(parts) - 1, -1, -1):
        first = parts[i]
        if first[:1].isupper() and first[:1].casefold() == acronym[:1].casefold():
            phrase = " ".join(parts[i:])
            if acronym_fits(acronym, phrase):
                return phrase
    return None


def expand(view: SentenceView, triggers: list[Trigger], dated: bool) -> list[Trigger]:
    """``triggers`` with the event noun before a defined acronym (or a plain "Sitzung / round /
    заседание" there) typed by the acronym's full name, and the acronyms that name an event
    themselves added where the sentence names a date (``dated``)."""
    language = view.context.page.language
    out = list(triggers)
    for acronym, phrase in definitions(view).items():
        for m in re.finditer(rf"(?<![\w(]){re.escape(acronym)}(?![\w)])", view.text):
            before = next((t for t in out if t.form == "noun" and t.end <= m.start() and
                           _JOIN.fullmatch(view.text[t.end:m.start()])), None)
            plain = re.search(rf"(?<![\w-])(?:{_SESSION[language]}){_JOIN.pattern}$", view.text[:m.start()], re.I)
            if plain is not None and words.ends_with(words.FUTURE, view.text[:plain.start()][-40:], 1):
                continue  # "preparations for the next meeting of the HLCC"
            start = before.start if before is not None else plain.start() if plain is not None else None
            if start is None:
                if dated and not any(t.start <= m.start() < t.end for t in out):
                    own = [t for t in words.find_triggers(phrase, language) if t.form == "noun" and t.type]
                    out += [Trigger(m.start(), m.end(), m.group(0), own[0].type, "noun")] if own else []
                continue
            full = [t for t in words.find_triggers(view.text[start:m.start()] + phrase, language) if t.type]
            kind = full[0].type if full else before.type if before is not None else None
            if before is not None:
                out.remove(before)
            if kind is not None and (before is not None or dated):
                out.append(Trigger(start, m.end(), view.text[start:m.end()], kind, "noun"))
    return sorted(out, key=lambda t: t.start)
