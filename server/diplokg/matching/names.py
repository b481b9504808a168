"""Names compared as people write them: case, accents, quotes and transliteration aside.

The primitives every part of diplokg that matches names uses (ingest's entity linking today; search,
reconciliation, review candidates and Wikidata linking are to follow, issue 25): the words of a
name, its consonant skeleton across transliterations ("Sargsyan" / "Sarkisian", "Qalandar" /
"Kalandar" / "Каландар"), acronyms and initials, and ``likeness``: how alike two names are and why.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from anyascii import anyascii
from rapidfuzz import process
from rapidfuzz.distance import Indel

_QUOTES = "\"'„“”«»‚‘’"
#: spellings of one sound in the common transliterations of Cyrillic and Tajik names, English and
#: German ("Dzhamshed" / "Dschamsched", "Bakhtiyor" / "Bachtijor", "Nazarov" / "Nasarow"); "J" is the
#: consonant of "dzh", a "j" left after it the German glide ("y"), read as a vowel
_SOUNDS = (("dsch", "J"), ("dzh", "J"), ("tsch", "ch"), ("kh", "h"), ("ch", "h"), ("zh", "J"), ("sh", "s"),
           ("ts", "c"), ("ck", "k"), ("ph", "f"), ("y", "i"), ("g", "k"), ("w", "v"), ("q", "k"), ("z", "s"))
MIN_SKELETON = 4  # shorter words must be written alike
#: letters that Unicode does not decompose into a base letter and a mark
_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "đ": "d", "ł": "l", "œ": "oe", "ı": "i", "ð": "d", "þ": "th"})


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
    """Case-folded without combining marks (the dot of "İ", which "İ".casefold() keeps), the letters
    that are not a base letter with a mark written as one ("Vollebæk" → "vollebaek", "ø" → "o"), spaces
    collapsed; the script is kept ("Каландар" stays Cyrillic: ``plain`` transliterates)."""
    decomposed = unicodedata.normalize("NFKD", spaced(text).casefold().translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def spaced(text: str) -> str:
    """NFC, with runs of white space as one space and none at the ends."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def word_key(text: str) -> str:
    """The plain words of a name in the order of the alphabet: names with the same words in any
    order share it ("Idibek Kalandar", "KALANDAR, Idibek" → "idibek kalandar")."""
    return " ".join(sorted(plain(text).split()))


def initials_of(phrase: str) -> str:
    """The first letters of a phrase's capitalised words ("Collective Security Treaty Organization" → "CSTO")."""
    return "".join(w[0] for w in re.findall(r"\w[\w-]*", phrase) if w[0].isupper())


@functools.lru_cache(maxsize=65536)  # the same names are compared again and again
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
    return Likeness(query).whole(name)


def partial_likeness(query: str, name: str) -> tuple[float, str]:
    """Like ``likeness``, and also a query that is part of the name, as one searches or types: every
    word of the query a word of the name ("Kalandar" in "Idibek Kalandar": 0.6–0.9 by the share of
    the name's words), or the beginning of one ("Kal", "Norw Peo": 0.5–0.8), or close to one
    ("Kalamdar": 0.45–0.75). The highest wins."""
    return Likeness(query).partial(name)


class Likeness:
    """``likeness`` and ``partial_likeness`` of one query against many names: the query's forms are
    computed once; a name's plain form may be given (the name index stores it). Letter similarity
    is rapidfuzz's normalised Indel similarity (difflib's ratio, in C++)."""

    def __init__(self, query: str) -> None:
        self.query, self.plain, self.folded = query, plain(query), folded(query)
        self.words = self.plain.split()
        self.sorted = sorted(self.words)
        self.skeletons = sorted(map(skeleton, self.words))
        self.latin = anyascii(query) != query
        self.long_words = all(len(w) >= MIN_SKELETON for w in self.words)

    def whole(self, name: str, name_plain: str | None = None) -> tuple[float, str]:
        if self.query == name:
            return 1.0, "exact"
        a, b = self.plain, plain(name) if name_plain is None else name_plain
        if not a or not b:
            return 0.0, "no letters"
        if self.folded == folded(name):
            return 0.98, "case or accents"
        if a == b:
            return 0.95, "transliteration" if self.latin or anyascii(name) != name else "punctuation"
        wb = b.split()
        ordered = sorted(wb)
        if self.sorted == ordered:
            return 0.9, "word order"
        if len(self.words) == len(wb) and self.long_words and all(len(w) >= MIN_SKELETON for w in wb) \
                and self.skeletons == sorted(map(skeleton, wb)):
            return 0.85, "spelling variant"
        return round(0.8 * Indel.normalized_similarity(" ".join(self.sorted), " ".join(ordered)), 3), "similar letters"

    def partial(self, name: str, name_plain: str | None = None) -> tuple[float, str]:
        b = plain(name) if name_plain is None else name_plain
        score, reason = self.whole(name, b)
        wa, wb = self.words, b.split()
        if not wa or not wb or score >= 0.9:
            return score, reason
        if all(w in wb for w in wa):
            return max((score, reason), (round(0.6 + 0.3 * len(set(wa)) / len(wb), 3), "words of the name"))
        begun = [next((w2 for w2 in wb if w2.startswith(w)), None) for w in wa]
        if all(begun):
            share = sum(map(len, wa)) / sum(len(w2) for w2 in begun if w2)
            return max((score, reason), (round(0.5 + 0.3 * share * min(1.0, len(wa) / len(wb)), 3),
                                         "beginnings of words"))
        near = 1.0
        for w in wa:  # each word of the query close to one of the name ("Kalamdar": "Kalandar")?
            closest = process.extractOne(w, wb, scorer=Indel.normalized_similarity, score_cutoff=0.75)
            if closest is None:
                return score, reason
            near = min(near, closest[1])
        share = len(wa) / len(wb) if len(wa) <= len(wb) else len(wb) / len(wa)
        return max((score, reason), (round(0.45 + 0.3 * near * share, 3), "words of the name, misspelt"))
