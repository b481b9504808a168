"""States named by their adjective: "des norwegischen Botschafters", "die tadschikische Botschaft",
"der Schweizer Botschafter", "the Japanese Ambassador", "the Tajik Embassy", "украинского посла",
"казахстанское посольство".

No shipped data lists demonyms in German, English and Russian, so the adjectives are derived from
the state names the gazetteer holds (the graph's labels, CLDR's names) by the word-formation rules
of each language: a name loses its ending ("Norweg|en", "Rumän|ien", "Tadschik|istan", "Armeni|a",
"Ukrain|e", "Япон|ия", "Таджик|истан") and takes an adjective suffix ("-isch", "-esisch", "-ian",
"-ese", "-ский", "-ийский") with its inflection. A stem that two states share ("Kore-" for both
Koreas) is dropped; irregular adjectives ("französisch", "Swiss", "норвежский") are not found, and
the rules that use adjectives fall back to their other readings."""

from __future__ import annotations

import re

from babel import Locale

from diplokg.ingest.gazetteer import OFFICIAL_NAMES, Mention, StateGazetteer, iso_names
from diplokg.ingest.rules.context import SentenceView

#: endings a name loses before an adjective suffix is added ("" keeps the name whole)
_ENDINGS = {
    "de": ("", "en", "ien", "e", "a", "land", "istan", "stan", "ei"),
    "en": ("", "a", "e", "y", "ia", "ey", "and", "istan", "stan"),
    "ru": ("", "а", "я", "ия", "истан", "стан"),
}
_SUFFIXES = {
    "de": r"(?:isch|esisch|anisch|nisch|erisch|ienisch)(?:e|en|er|es|em)?",
    "en": r"(?:ian|an|ese|ish|i|ic|ean)",
    "ru": r"(?:ий|ь)?ск(?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|ими|ие)",
}
#: endings after which the stem alone is the adjective ("deutsch-e", "the Tajik embassy")
_BARE = {"de": ("land",), "en": ("istan", "stan", "y"), "ru": ()}
_MIN_STEM = 3


def state_adjectives(view: SentenceView) -> list[Mention]:
    """The adjectives of ``view`` that name a state (key: its ISO alpha-3), none inside a state name."""
    language = view.context.page.language
    pattern, stems = _adjective_pattern(view.context.states, language)
    if pattern is None:
        return []
    found = []
    for m in pattern.finditer(view.text):
        if any(s.start <= m.start() < s.end for s in view.states):
            continue
        stem = m.group("stem") or m.group("bare") or m.groupdict().get("place") or ""
        key = stems.get(stem if language == "en" else stem.lower())
        if key:
            found.append(Mention(m.start(), m.end(), m.group(0), key))
    return found


#: a state noun after a state adjective names the state ("die Tschechische Republik", "the Kyrgyz
#: Republic", "Латвийская Республика")
_STATE_NOUN = re.compile(r"\s+(?:Republik|Föderation|Republic|Federation|Республик\w*|Федераци\w*)\b")


def adjective_states(view: SentenceView) -> list[Mention]:
    """States named as an adjective and a state noun: "zur Tschechischen Republik" (CZE)."""
    found = []
    for adjective in state_adjectives(view):
        noun = _STATE_NOUN.match(view.text, adjective.end)
        if noun:
            found.append(Mention(adjective.start, noun.end(), view.text[adjective.start:noun.end()], adjective.key))
    return found


def adjective_before(view: SentenceView, offset: int, within: int = 3) -> Mention | None:
    """The state adjective that ends right before ``offset`` ("norwegischen |Botschafters")."""
    return next((a for a in state_adjectives(view) if 0 <= offset - a.end <= within), None)


_PATTERNS: dict[tuple[int, str], tuple[StateGazetteer, re.Pattern[str] | None, dict[str, str]]] = {}


def _adjective_pattern(states: StateGazetteer, language: str) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The pattern of every state adjective of ``language`` and its stems (built once per gazetteer)."""
    cached = _PATTERNS.get((id(states), language))
    if cached is None or cached[0] is not states:
        cached = (states, *_build(states, language))
        _PATTERNS[(id(states), language)] = cached
    return cached[1], cached[2]


def _build(states: StateGazetteer, language: str) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    stems: dict[str, set[str]] = {}
    bare: set[str] = set()
    for alpha3, names in _state_names(states, language).items():
        for name in names:
            for ending in _ENDINGS[language]:
                if ending and not name.endswith(ending):
                    continue
                stem = name[:len(name) - len(ending)] if ending else name
                if len(stem) < _MIN_STEM or " " in stem:
                    continue
                stems.setdefault(stem, set()).add(alpha3)
                if ending in _BARE[language] or (language == "de" and stem.endswith("sch")):
                    bare.add(stem)
        for stem in _official_adjective_stems(names):
            stems.setdefault(stem, set()).add(alpha3)
    unique = {stem: next(iter(keys)) for stem, keys in stems.items() if len(keys) == 1}
    if not unique:
        return None, {}
    alternatives = "|".join(re.escape(s) for s in sorted(unique, key=len, reverse=True))
    optional = "|".join(re.escape(s) for s in sorted(bare & set(unique), key=len, reverse=True)) or "(?!)"
    inflection = r"(?:e|en|er|es|em)?" if language == "de" else ""
    body = rf"(?P<stem>{alternatives}){_SUFFIXES[language]}|(?P<bare>{optional}){inflection}"
    if language == "de":  # "der Schweizer Botschafter": the name + "-er", not declined, before a noun
        whole = "|".join(re.escape(s) for s in sorted(unique, key=len, reverse=True) if not s.endswith("e"))
        body += rf"|(?P<place>{whole})er(?=\s+(?-i:[A-ZÄÖÜ]))"
    flags = re.IGNORECASE if language != "en" else 0
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags), unique


def _state_names(states: StateGazetteer, language: str) -> dict[str, set[str]]:
    """Each state's names in ``language``, lower case (German and Russian adjectives are written
    lower case; English ones keep the capital)."""
    territories = Locale(language).territories
    names: dict[str, set[str]] = {}
    for record in states.records.values():
        found = {label for lang, label in record.labels if lang == language}
        if territories.get(record.alpha2):
            found.add(territories[record.alpha2])
        found.update(n for n in iso_names(record.alpha2, language) if " " not in n)  # "Кыргызстан"
        found.update(n for n in OFFICIAL_NAMES.get(record.alpha3, {}).get(language, []) if not n.isupper())
        names[record.alpha3] = {n if language == "en" else n.lower() for n in found if n}
    return names


def _official_adjective_stems(names: set[str]) -> set[str]:
    """The stems of the adjectives that begin a state's long names, where they begin like one of its
    short names: "Französische Republik" (Frankreich) gives "französ-", "Французская Республика"
    (Франция) "француз-"; "Islamische Republik …" gives none."""
    short = {n[:3].lower() for n in names if " " not in n}
    stems = set()
    for name in names:
        first = name.split()[0] if " " in name else ""
        m = re.match(r"(\w{3,}?)(?:isch|ск)\w*$", first, re.I)
        if m and m.group(1)[:3].lower() in short:
            stems.add(m.group(1))
    return stems
