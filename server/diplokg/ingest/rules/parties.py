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

from diplokg.ingest.gazetteer import iso_names
from diplokg.ingest.rules.adjectives import state_adjectives
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


def role(view: SentenceView, start: int, text: str, adjective: bool = False) -> str | None:
    """The role the words before a state's name (at ``start``) give it: that of the organisation
    it is part of, if it is ("to the Ministry of Health of the Republic of X"), else its own."""
    governed = _governed(view, start, adjective)
    if governed != _NOT_GOVERNED:
        return governed
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
    official = {key: _official_adjectives(view, key, language) for key in keys if key}
    taken = [(m.start, m.end) for m in view.states]
    adjectives = state_adjectives(view)
    found: list[Side] = []
    for word in re.finditer(r"(?<![\w-])[^\W\d_]{4,}(?![\w-])", view.text):
        if any(a <= word.start() < b for a, b in taken):
            continue
        lower = word.group(0).lower()
        regular = _ADJECTIVE_END[language].search(word.group(0)) is not None
        derived = {a.key for a in adjectives if a.start == word.start()}  # "polnisch" of "Polen"
        for key, forms in names.items():
            if (regular and any(_shares_stem(lower, form) for form in forms)) or key in derived \
                    or any(lower.startswith(a) and len(lower) - len(a) <= 3 for a in official[key]):
                marked = role(view, word.start(), word.group(0), adjective=True)
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
    names += [name for name in iso_names(record.alpha2, language) if " " not in name]  # "Кыргызстан"
    return [name.lower() for name in names if name]


#: an official name made of an adjective and a state noun: its adjective's stem is a demonym
_OFFICIAL_ADJECTIVE = re.compile(r"^(\w{4,}?)(?:e|er|es|ая|ий|ое)?\s+(?:Republik|Republic|Республика|Föderation"
                                 r"|Federation|Федерация|Eidgenossenschaft|Confederation|Конфедерация)$")


def _official_adjectives(view: SentenceView, key: str, language: str) -> list[str]:
    """The stems of the adjectives of the state's official names, lower case: "französisch" of
    "Französische Republik", "french" of "French Republic", "французск" of "Французская Республика"
    (irregular demonyms the names do not give)."""
    record = view.context.states.records.get(key)
    names = iso_names(record.alpha2, language) if record else []
    return [m.group(1).lower() for name in names if (m := _OFFICIAL_ADJECTIVE.match(name))]


def _shares_stem(word: str, name: str) -> bool:
    """``word`` begins with most of ``name``: at least four letters and at least half of it."""
    common = 0
    for a, b in zip(word, name, strict=False):
        if a != b:
            break
        common += 1
    return word != name and common >= max(4, (len(name) + 1) // 2)


_NOT_GOVERNED = "-"
#: the head of an organisation's name, which "for / für" may continue ("Agency for International Development")
_HEAD = re.compile(r"(?:ministry|agency|committee|council|cent(?:re|er)|academy|university|institute|office|service"
                   r"|commission|fund|foundation|bank|ministerium|agentur|komitee|rat|zentrum|akademie|universität"
                   r"|institut|amt|büro|dienst|kommission|fonds|stiftung|bank)$", re.I)
_LINKS = {"en": {"of", "and", "the", "on", "in", "&"}, "de": {"und", "der", "des", "die", "das", "dem", "den"}}
_CONTINUES = {"for", "für", "zur", "zum"}  # inside a name after its head, else a purpose
_GENITIVE = {"en": {"of"}, "de": {"der", "des"}}
_TOKEN = re.compile(r"[\w'’.-]+|[^\w\s]")
#: prepositions that govern a German dative ("mit dem Ministerium"): the article is no object of its own
_DATIVE = {"mit", "bei", "nach", "zu", "seit", "von", "aus", "gegenüber", "an", "in", "auf", "unter", "vor"}


def _governed(view: SentenceView, start: int, adjective: bool) -> str | None:
    """The role of the phrase a state's name (or adjective) is part of, from the word that governs
    the phrase: "to the Ministry of Health of X", "für Schulen der Region X", "zur Ausbildung
    tadschikischer Grenzbeamter", "жителям … области X", "Кабинет Министров X"; _NOT_GOVERNED
    where the name is no part of a longer phrase."""
    language = view.context.page.language
    if language == "ru":
        return _russian_governed(view.text[:start])
    tokens = _TOKEN.findall(view.text[:start] if adjective else _STATE_FORMS.sub("", view.text[:start]))
    if not adjective:
        if tokens and tokens[-1].lower() == "the":
            tokens.pop()
        if not tokens or tokens[-1].lower() not in _GENITIVE[language]:
            return _NOT_GOVERNED
        tokens.pop()
    named = 0
    while tokens:
        word = tokens[-1]
        lower = word.lower()
        if (lower in _CONTINUES and len(tokens) > 1 and _HEAD.search(tokens[-2])) \
                or (lower in _GENITIVE[language] and len(tokens) > 1 and tokens[-2][:1].isupper()):
            tokens.pop()  # "Agency for …", "Ministry of …": inside the name
        elif language == "de" and lower == "dem" and named and (len(tokens) < 2 or tokens[-2].lower() not in _DATIVE):
            return "recipient"  # "übergab dem Ministerium … der Republik X": a dative object receives
        elif lower in _TO or lower in _FROM or lower in _CONTINUES \
                or not (word[:1].isupper() or lower in _LINKS[language]):
            break
        else:
            named += word[:1].isupper()
            tokens.pop()
    if not named or not tokens:
        return _NOT_GOVERNED
    governing = tokens[-1].lower()
    return "recipient" if governing in _TO or governing in _CONTINUES else "donor" if governing in _FROM else None


def _russian_governed(lead: str) -> str | None:
    """Russian: the word before the genitives that end with the name governs them: a preposition,
    a dative noun (the recipient), a capitalised noun in the nominative (the giver)."""
    words = re.findall(r"[\w-]+", lead)
    walked = 0
    while words and words[-1].lower() not in _TO and words[-1].lower() not in _FROM \
            and any("gent" in p.tag and p.tag.POS in ("NOUN", "ADJF") for p in morph().parse(words[-1])):
        words.pop()
        walked += 1
    if not walked or not words:
        return _NOT_GOVERNED
    word = words[-1]
    if word.lower() in _TO:
        return "recipient"
    if word.lower() in _FROM:
        return "donor"
    nouns = [p.tag for p in morph().parse(word) if p.tag.POS == "NOUN"]
    if nouns and all("datv" in t for t in nouns):
        return "recipient"
    if nouns and word[:1].isupper() and any("nomn" in t for t in nouns):
        return "donor"
    return None
