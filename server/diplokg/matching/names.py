"""Names compared as people write them: case, accents, quotes and transliteration aside.

The primitives every part of diplokg that matches names uses (ingest's entity linking today; search,
reconciliation, review candidates and Wikidata linking are to follow, issue 25): the words of a
name, its consonant skeleton across transliterations ("Sargsyan" / "Sarkisian", "Qalandar" /
"Kalandar" / "Каландар"), acronyms and initials, and ``likeness``: how alike two names are and why.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from anyascii import anyascii

_QUOTES = "\"'„“”«»‚‘’"
#: spellings of one sound in the common transliterations of Cyrillic and Tajik names, English and
#: German ("Dzhamshed" / "Dschamsched", "Bakhtiyor" / "Bachtijor", "Nazarov" / "Nasarow"); "J" is the
#: consonant of "dzh", a "j" left after it the German glide ("y"), read as a vowel
_SOUNDS = (("dsch", "J"), ("dzh", "J"), ("tsch", "ch"), ("kh", "h"), ("ch", "h"), ("zh", "J"), ("sh", "s"),
           ("ts", "c"), ("ck", "k"), ("ph", "f"), ("y", "i"), ("g", "k"), ("w", "v"), ("q", "k"), ("z", "s"))
MIN_SKELETON = 4  # shorter words must be written alike


def words(name: str, signs: bool = False) -> list[str]:
    """The words of a name, case-folded, 'ё' as 'е', "'s" and quotes dropped; with ``signs``, "+" and
    "&" read as the words they stand for ("Central Asia + Japan" is "Central Asia plus Japan")."""
    text = unicodedata.normalize("NFC", name).casefold().replace("ё", "е")
    if signs:
        text = text.replace("+", " plus ").replace("&", " and ")
    text = re.sub(r"['’]s\b", "", text)
    return [w.strip(_QUOTES + ",;:") for w in text.split() if w.strip(_QUOTES + ",;:")]


def unquote(text: str) -> str:
    """The text without quotes that enclose all of it ("„Tajhydro“" → "Tajhydro")."""
    stripped = text.strip()
    if len(stripped) > 2 and stripped[0] in _QUOTES and stripped[-1] in _QUOTES \
            and not any(q in stripped[1:-1] for q in _QUOTES):
        return stripped[1:-1]
    return stripped


def skeleton(word: str) -> str:
    """A word's consonants after folding transliteration variants ("Sargsyan", "Sarkisian" → "srksn")."""
    text = anyascii(word).lower()
    for spelling, sound in _SOUNDS:
        text = text.replace(spelling, sound)
    head, rest = text[:1], re.sub(r"[aeiouj\W]", "", text[1:])
    return re.sub(r"(.)\1+", r"\1", head + rest).lower()


def acronym_fits(acronym: str, phrase: str) -> bool:
    """The acronym's letters are the phrase's in order, the first one starting a word ("EDA" in
    "Eidgenössisches Departement für auswärtige Angelegenheiten")."""
    letters, text = folded(acronym), folded(phrase)  # "TİKA" as "tika"
    starts = [m.start() for m in re.finditer(r"\w+", text)]
    for start in starts:
        if text[start] != letters[0]:
            continue
        position = start + 1
        for letter in letters[1:]:
            position = text.find(letter, position) + 1
            if position == 0:
                break
        else:
            return True
    return False


def folded(text: str) -> str:
    """Case-folded without combining marks (the dot of "İ", which "İ".casefold() keeps)."""
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c))


def initials_of(phrase: str) -> str:
    """The first letters of a phrase's capitalised words ("Collective Security Treaty Organization" → "CSTO")."""
    return "".join(w[0] for w in re.findall(r"\w[\w-]*", phrase) if w[0].isupper())


def plain(text: str) -> str:
    """Case, accents, quotes and punctuation aside, transliterated to Latin letters, words in their
    order ("Norwegian People's Aid" → "norwegian peoples aid", "Каландар" → "kalandar")."""
    latin = anyascii(unicodedata.normalize("NFC", text).replace("ё", "е").replace("Ё", "Е")).casefold()
    latin = re.sub(r"['’`]", "", latin)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", latin).split())


def likeness(query: str, name: str) -> tuple[float, str]:
    """How alike ``query`` is to ``name`` (1.0: the same as written) and why, the first that holds:
    the same text; the same but for case, accents and punctuation; the same in Latin letters
    (another script); the same words in another order; the same consonants word by word (another
    transliteration: "Qalandar" / "Kalandar"); else the similarity of their Latin letters."""
    if query == name:
        return 1.0, "exact"
    a, b = plain(query), plain(name)
    if not a or not b:
        return 0.0, "no letters"
    if folded(query) == folded(name):
        return 0.98, "case or accents"
    if a == b:
        return 0.95, "transliteration" if anyascii(query) != query or anyascii(name) != name else "punctuation"
    wa, wb = a.split(), b.split()
    if sorted(wa) == sorted(wb):
        return 0.9, "word order"
    if len(wa) == len(wb) and sorted(map(skeleton, wa)) == sorted(map(skeleton, wb)) \
            and all(len(w) >= MIN_SKELETON for w in wa + wb):
        return 0.85, "spelling variant"
    ratio = SequenceMatcher(None, " ".join(sorted(wa)), " ".join(sorted(wb))).ratio()
    return round(0.8 * ratio, 3), "similar letters"
