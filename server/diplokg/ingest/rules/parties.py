"""Who gives and who receives: the role a sentence marks for a state it names, and the states it
names by a demonym.

- role: the words before the name, after its state forms ("der Regierung der Republik", "the
  Government of the"): "in / nach / für / to / for / в / для" or a Russian dative mark the
  recipient ("in Tadschikistan", "to Tajikistan", "Таджикистану"); a genitive article, "von / aus /
  seitens / of / by / from / от / со стороны" or a German genitive ending ("Japans") the donor
  ("das Programm der Schweiz", "the support of the Government of Japan"). Unmarked: None.
- demonyms of the page's states, read from their names without a list of demonyms: a word whose
  beginning is most of the state's name and whose ending is an adjective's ("norwegische" of
  "Norwegen", "Schweizer" of "Schweiz", "Japanese" of "Japan", "японская" of "Япония").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel import Locale

from diplokg.ingest.rules.context import SentenceView
from diplokg.ingest.russian import morph

_STATE_FORMS = re.compile(r"(?:\b(?:Regierung\w*|Government|Правительств\w+|Republik|Republic|Республик\w+"
                          r"|Königreich\w*|Kingdom|Королевств\w+|Bundesrepublik|Federal|Федеративн\w+)"
                          r"(?:\s+(?:der|des|of(?:\s+the)?))?\s+)+$")
_TO = {"in", "nach", "an", "für", "zu", "to", "for", "into", "в", "во", "для"}
_FROM = {"von", "aus", "seitens", "of", "by", "from", "от", "стороны"}
_ARTICLES = {"der", "des", "dem", "den", "die", "the"}
_ADJECTIVE_END = {"de": re.compile(r"(?:isch\w*|er)$", re.I), "en": re.compile(r"(?:an|ian|ese|ish|i)$", re.I),
                  "ru": re.compile(r"(?:[сц]к\w+)$", re.I)}


@dataclass(frozen=True)
class Side:
    key: str  # ISO alpha-3
    start: int
    text: str
    role: str | None  # donor | recipient | None (not marked)


def role(view: SentenceView, start: int, text: str) -> str | None:
    """The role the words before a state's name (at ``start``) give it."""
    lead = _STATE_FORMS.sub("", view.text[:start])
    words = re.findall(r"[\w-]+", lead.lower())[-2:]
    if words and words[-1] in _ARTICLES:
        article = words.pop()
        if words and words[-1] in _TO:
            return "recipient"
        if article in ("der", "des") and not (words and words[-1] in _FROM):
            return "donor"
    if words and words[-1] in _TO:
        return "recipient"
    if words and words[-1] in _FROM:
        return "donor"
    language = view.context.page.language
    if language == "ru":
        return _russian_role(text)
    if language == "de" and text.endswith("s") and view.context.states.find(text[:-1], "de"):
        return "donor"  # a genitive: "Japans"
    return None


def _russian_role(text: str) -> str | None:
    """A Russian name's case: the subject (nominative) gives, a dative receives."""
    tags = [p.tag for p in morph().parse(text.split()[-1]) if p.tag.POS == "NOUN"]
    if tags and all("datv" in t for t in tags):
        return "recipient"
    if tags and all("nomn" in t for t in tags):
        return "donor"
    return None


def demonyms(view: SentenceView, keys: tuple[str | None, ...]) -> list[Side]:
    """The words of the sentence that are demonyms of the states ``keys``, each as a donor unless
    the words before it mark a recipient ("für die tadschikische Seite")."""
    language = view.context.page.language
    names = {key: _names(view, key, language) for key in keys if key}
    taken = [(m.start, m.end) for m in view.states]
    found: list[Side] = []
    for word in re.finditer(r"(?<![\w-])[^\W\d_]{4,}(?![\w-])", view.text):
        if any(a <= word.start() < b for a, b in taken) or not _ADJECTIVE_END[language].search(word.group(0)):
            continue
        lower = word.group(0).lower()
        for key, forms in names.items():
            if any(_shares_stem(lower, form) for form in forms):
                marked = role(view, word.start(), word.group(0))
                found.append(Side(key, word.start(), word.group(0), "recipient" if marked == "recipient" else "donor"))
                break
    return found


def _names(view: SentenceView, key: str, language: str) -> list[str]:
    """The state's names in ``language``: the graph's labels and the CLDR's."""
    record = view.context.states.records.get(key)
    if record is None:
        return []
    names = [label for lang, label in record.labels if lang == language]
    names.append(Locale(language).territories.get(record.alpha2, ""))
    return [name.lower() for name in names if name]


def _shares_stem(word: str, name: str) -> bool:
    """``word`` begins with most of ``name``: at least four letters and at least half of it."""
    common = 0
    for a, b in zip(word, name, strict=False):
        if a != b:
            break
        common += 1
    return word != name and common >= max(4, (len(name) + 1) // 2)
