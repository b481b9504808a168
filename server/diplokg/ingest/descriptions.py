"""An organisation a sentence describes without naming it, named by the sentence after it:

    In Tadschikistan funktioniert ein tadschikisch-norwegisches Gemeinschaftsunternehmen.
    Das tadschikisch-norwegische Unternehmen "Tajikhydro" wurde … gegründet.

    A Tajik-Norwegian joint venture operates in Tajikistan.
    The Tajik-Norwegian company "Tajikhydro" was founded …

    В Таджикистане действует таджикско-норвежское совместное предприятие.
    Таджикско-норвежское предприятие «Tajikhydro» было создано …

The description is an organisation noun ("Gemeinschaftsunternehmen", "joint venture",
"предприятие") with an indefinite article (German, English) and the lower-case words before it; the
naming sentence (one of the next two) has a name right after an organisation noun that the first
one ends with or that names a company too ("Unternehmen", "company"), and shares a describing word
with it ("tadschikisch-norwegische", "Tajik-Norwegian"). ``describe`` gives the description's span,
its noun (lower case: the organisation's kind is read from it) and the mention it is read as.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from diplokg.ingest.names import NameMention

_NOUNS = {
    "de": r"(?=[A-ZÄÖÜ])[\w-]*?(?:[Uu]nternehmen|[Gg]esellschaft|[Ff]irma|[Bb]etrieb|[Jj]oint-Venture|[Bb]ank|[Ff]onds|"
          r"[Ss]tiftung|[Oo]rganisation|[Kk]ommission|[Zz]entrum|[Ii]nstitut|[Aa]gentur|[Pp]rogramm)",
    "en": r"(?:joint\s+venture|company|enterprise|firm|bank|fund|foundation|organi[sz]ation|commission|centre|"
          r"center|institute|agency|programme|program)",
    "ru": r"(?:предприяти|компани|фирм|банк|фонд|организаци|комисси|центр|институт|агентств|программ)\w*",
}
_ARTICLE = {"de": r"\b(?:[Ee]in|[Ee]ine|[Ee]inen|[Ee]inem|[Ee]iner|[Ee]ines)\s+", "en": r"\b(?:[Aa]n?)\s+",
            "ru": r"(?:^|(?<=\s))"}
_DEFINITE = {"de": r"(?:\b(?:[Dd]as|[Dd]ie|[Dd]er|[Dd]em|[Dd]en|[Dd]es)\s+)", "en": r"(?:\b[Tt]he\s+)", "ru": r"(?:)"}
#: nouns of a company: a description by one and a name after another are the same kind of thing
_COMPANY = re.compile(r"unternehmen|gesellschaft|firma|betrieb|joint|venture|company|enterprise|firm|предприяти|"
                      r"компани|фирм", re.I)
_QUOTE = "\"„“«"
#: a describing word before the noun: German lower case, English any, Russian an adjective
_WORD = {"de": r"[a-zäöüß][\w-]*", "en": r"[\w-]+",
         "ru": r"[а-яёА-ЯЁ][а-яё-]*(?:ое|ая|ый|ий|ой|ые|ого|ому|ым|ом|ую|ых|ими|ей)"}


@dataclass(frozen=True)
class Description:
    sentence: int
    start: int
    end: int
    text: str  # as written ("ein tadschikisch-norwegisches Gemeinschaftsunternehmen")
    noun: str  # lower case ("gemeinschaftsunternehmen", "joint venture", "совместное предприятие")
    named: NameMention  # the mention of the naming sentence it is read as
    reference: str  # the naming words there ("tadschikisch-norwegische Unternehmen")


def describe(texts: Sequence[tuple[int, str]], language: str, mentions: Iterable[NameMention]) -> list[Description]:
    """The descriptions of ``texts`` ((sentence number, text) in page order) that a later sentence names."""
    by_sentence: dict[int, list[NameMention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    found = []
    for i, (number, text) in enumerate(texts):
        taken = [(m.start, m.end) for m in by_sentence.get(number, [])]
        pattern = rf"{_ARTICLE[language]}((?:{_WORD[language]}\s+){{0,3}}?)({_NOUNS[language]})\b(?!\s*[{_QUOTE}])"
        for m in re.finditer(pattern, text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            words, noun = _stems(m.group(1).split()), m.group(2)
            for later, later_text in texts[i + 1:i + 3]:
                named = _naming(later_text, language, by_sentence.get(later, []), words, noun)
                if named:
                    mention, reference = named
                    found.append(Description(number, m.start(), m.end(), m.group(0).strip(), _noun(m, language),
                                             mention, reference))
                    break
    return found


def _naming(text: str, language: str, mentions: list[NameMention], words: set[str],
            noun: str) -> tuple[NameMention, str] | None:
    """The organisation a sentence names right after a noun that fits the description's."""
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.kind != "organisation":
            continue
        words_before = rf"{_DEFINITE[language]}?((?:{_WORD[language]}\s+){{0,3}}?)"
        before = re.search(rf"{words_before}({_NOUNS[language]})\s*[{_QUOTE}]?\s*$", text[:mention.start],
                           re.IGNORECASE if language != "de" else 0)
        if before is None:
            continue
        other = before.group(2)
        fits = noun.lower().endswith(other.lower()) or (_COMPANY.search(noun) and _COMPANY.search(other))
        if fits and words & _stems(before.group(1).split()):
            return mention, before.group(0).strip()
    return None


def _stems(words: Iterable[str]) -> set[str]:
    """Describing words without their inflection ("tadschikisch-norwegisches" → "tadschikisch-norwegisch")."""
    return {re.sub(r"(?:es|en|em|er|e|ое|ая|ый|ий|ого|ому|ом|ой|ую|ые|ых)$", "", w.lower()) for w in words
            if len(w) > 3}


def _noun(match: re.Match[str], language: str) -> str:
    """The describing noun, lower case; a Russian one with its adjectives ("совместное предприятие")."""
    if language == "de":
        return match.group(2).lower()
    if language == "ru":
        return " ".join([*match.group(1).split()[-1:], match.group(2)]).lower()
    return match.group(2).lower()
