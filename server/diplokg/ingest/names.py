"""Names as a page writes them, and whether two of them name the same person or organisation.

A ``NameMention`` is one place where a sentence names a person, an organisation or a city: the text
as written ("Валихана Туреханова", "norwegischen Außenministerium", "EU") and its name in the
nominative ("Валихан Туреханов", "Außenministerium", "EU").

``person_relation`` compares two person names word by word and says how the second differs from
the first: ``same``; ``order`` ("Kalandar Idibek" / "Idibek Kalandar"); ``initials`` ("I. Sattorov",
"К.-Ж. Токаев"); ``surname`` ("Rahmon"); ``part`` (some of the words: "Валихан Туреханов" for
"Туреханов Валихан Амирханулы"); ``spelling`` (another transliteration: "Sarkisian" / "Sargsyan",
"Mukhriddin" / "Muhriddin", compared by their consonants); ``renamed`` (every word grown or cut at
its end, or a family-name ending changed: "Давлат Назри" / "Давлатали Назризода", "Рахмонов" /
"Рахмон", "Назаров" / "Назарзода"); or None."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from anyascii import anyascii

from diplokg.matching.names import MIN_SKELETON, skeleton, words

#: how sure a variant of each relation is (a transliteration or a renaming is a guess)
CONFIDENCE = {"order": 0.8, "initials": 0.8, "surname": 0.75, "part": 0.7, "longer": 0.7, "spelling": 0.6,
              "renamed": 0.5, "abbreviation": 0.85, "state-adjective": 0.6, "graph": 0.8, "city": 0.7,
              "similar": 0.5, "quoted": 0.75}
_INITIAL = re.compile(r"^\w\.(?:-?\w\.)*$")


@dataclass(frozen=True)
class NameMention:
    kind: str  # person | organisation | city
    sentence: int  # its number
    start: int  # offsets in the sentence's text
    end: int
    text: str  # as written (enclosing quotes removed)
    name: str  # in the nominative, as the page would name it first
    key: str | None = None  # the graph's IRI, a city's GeoNames id
    head: str | None = None  # an organisation's head noun, lower case ("außenministerium")
    state: str | None = None  # the state an organisation is named by ("norwegischen Außenministerium")
    full: str | None = None  # an abbreviation: the name it abbreviates in the same sentence
    how: str = ""  # how it was found, for the reader


def _alike(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= MIN_SKELETON and skeleton(a) == skeleton(b))


#: family-name endings a renaming adds or drops ("Рахмонов" → "Рахмон", "Назаров" → "Назарзода")
_FAMILY_ENDING = re.compile(r"(?:овна|евна|ова|ева|ов|ев|зода|заде|ova|eva|ov|ev|zoda|zade)$")


def _grown(a: str, b: str) -> bool:
    """One word is the other with letters added at its end ("Назри" / "Назризода"), or both share a
    stem but for a family-name ending ("Назаров" / "Назарзода")."""
    if a == b:
        return False
    short, long = sorted((a, b), key=len)
    if len(short) >= MIN_SKELETON and long.startswith(short):
        return True
    stem_a, stem_b = _FAMILY_ENDING.sub("", a), _FAMILY_ENDING.sub("", b)
    return len(stem_a) >= MIN_SKELETON and stem_a == stem_b


def _initials_fit(initials: list[str], names: list[str]) -> bool:
    """Each initial ("К.-Ж.") is the first letters of a different one of ``names`` ("касым-жомарт")."""
    left = list(names)
    for initial in initials:
        letters = [p for p in re.split(r"[.-]+", initial) if p]
        match = next((n for n in left if [part[:1] for part in n.split("-")] == letters
                      or (len(letters) == 1 and n[:1] == letters[0])), None)
        if match is None:
            return False
        left.remove(match)
    return True


def person_relation(first: str, later: str) -> str | None:
    """How ``later`` names the person called ``first`` (see the module's docstring), or None."""
    a, b = words(first), words(later)
    if not a or not b:
        return None
    if a == b:
        return "same"
    if sorted(a) == sorted(b):
        return "order"
    initials = [w for w in b if _INITIAL.match(w)]
    if initials:
        rest = [w for w in b if not _INITIAL.match(w)]
        remaining = list(a)
        for w in rest:
            if w not in remaining:
                return None
            remaining.remove(w)
        return "initials" if rest and _initials_fit(initials, remaining) else None
    if len(b) == 1:
        return _single(a, b[0])
    if len(a) == len(b):
        return _aligned(a, b)
    if set(b) < set(a):
        return "part"
    if set(a) < set(b):
        return "longer"
    return None


def _single(a: list[str], word: str) -> str | None:
    """One word for a name of several: the family name alone ("Rahmon"), written without its
    diacritics ("Orlowicz" for "Orłowicz"), or in another transliteration ("Тошматов" for
    "Ташматов": ``spelling``)."""
    if len(a) < 2 or len(word) < 3:
        return None
    if word in a or anyascii(word) in [anyascii(w) for w in a]:
        return "surname"
    return "spelling" if any(_alike(w, word) for w in a if not _INITIAL.match(w)) else None


def _aligned(a: list[str], b: list[str]) -> str | None:
    for order in (b, b[::-1]):
        pairs = list(zip(a, order, strict=True))
        if all(_alike(x, y) for x, y in pairs):
            return "spelling"
        if all(x == y or _grown(x, y) for x, y in pairs):
            return "renamed"
    return None


def similar_single(a: str, b: str) -> bool:
    """Two one-word names that differ by a few letters ("Tajikhydro" / "Tajhydro")."""
    x, y = words(a), words(b)
    if len(x) != 1 or len(y) != 1 or x == y or min(len(x[0]), len(y[0])) < 6 or x[0][:3] != y[0][:3]:
        return False
    return SequenceMatcher(None, x[0], y[0]).ratio() >= 0.85
