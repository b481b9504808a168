"""The persons a sentence names, found by what stands before a name:

- an honorific: "Herrn Muzaffar Huseinzoda", "S.E. Herr Dr. Imomudin Sattorov", "Mr. KONO Taro",
  "г-н Константин Грищенко";
- a title, perhaps with what it is of: "Präsident Rahmon", "Bundeskanzlerin Angela Merkel", "the
  Prime Minister of Japan Fumio Kishida", "Посла Казахстана Валихана Туреханова" (the name agrees
  with its title's case: genitive, put back in the nominative), "Minister für wirtschaftliche
  Entwicklung und Handel Nematullo Hikmatullozoda" (a complement's last noun is not the name);
- "ist / is / является": "является Туреханов Валихан Амирханулы";
- initials: "E. Rahmon", "К.-Ж. Токаев"; a middle initial: "Daniel K. Whitcombe";
- a plural title names two: "Presidents Davlatzoda and Karaduman", "президенты A и B".

A name is a run of capitalised words (or initials) that are not states, titles, months or German
nouns of a common ending, not after an article ("die Länder Osteuropas" is no name), not before
"Republic / Республика" ("Кыргызской Республики"), not a city at its end ("… Ozols Duschanbe").
``known_person_spans`` finds the names a page has already used, without a title: "ABE Shinzo"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from diplokg.ingest.gazetteer import Mention
from diplokg.ingest.inflection import russian_case, russian_name_nominative
from diplokg.ingest.russian import morph

_TOKEN = re.compile(r"(?:\w\.-)*\w+(?:[-'’]\w+)*\.?|[^\w\s]")
HONORIFIC = re.compile(r"^(?:Herrn?|Frau|Dr\.|Prof\.|S\.E\.|I\.E\.|Mr\.|Mrs\.|Ms\.|Dr|H\.E\.|г-н|г-жа|г-на|"
                        r"г-ну|г-ном|господин\w*|госпож\w*)$")
TITLES = {
    "de": re.compile(r"^[A-ZÄÖÜ]?\w*(?:[Mm]inister|[Pp]räsident|[Kk]anzler|[Bb]otschafter|[Ss]ekretär|[Dd]irektor|"
                     r"[Vv]orsteher|[Ll]eiter|[Bb]eauftragte|[Vv]orsitzende|Bundesrat|Bundesrätin|Kaiser|König|"
                     r"Gouverneur|[Bb]ürgermeister|[Gg]eschäftsträger)(?:in|s|n|en|r)?$"),
    "en": re.compile(r"^(?:President|Presidents|Minister|Ministers|Ambassador|Emperor|Empress|King|Queen|"
                     r"Chancellor|Speaker|Chairman|Chairwoman|Chair|Secretary|Director|Governor|Mayor|Premier|"
                     r"Vice-President|Envoy|Commissioner|Chargé|Charge)$"),
    "ru": re.compile(r"^(?:(?:[Пп]резидент|[Пп]редседател|[Мм]инистр|[Пп]ремьер-министр|[Зз]аместител|[Ии]мператор|"
                     r"[Кк]анцлер|[Сс]пикер|[Вв]ице-президент|[Сс]екретар|[Дд]иректор|[Пп]оверенн)\w*|"
                     r"[Пп]ос(?:ол|л(?:а|у|ом|е|ы|ов|ам|ами|ах))|[Гг]лав(?:а|ы|е|у|ой)|[Кк]орол(?:ь|я|ю|ём|ем|е)|"
                     r"[Мм]эр(?:а|у|ом|е)?)$"),
}
_COPULA = re.compile(r"^(?:ist|war|is|was|является|являлся|являлась|являлись)$")
_ARTICLE = re.compile(r"^(?:der|die|das|des|dem|den|ein|eine|einer|eines|einem|einen|the|a|an|im|am|vom|zum|zur)$",
                      re.I)
_CONJUNCTION = re.compile(r"^(?:und|and|и|sowie)$")
_COMPLEMENT = re.compile(r"^(?:of|for|für|по)$")
#: capitalised words that are not names: titles' parts, states' forms, months, function words
_NOT_NAME = re.compile(
    r"^(?:Republi\w*|Республик\w*|K[öo]nigreich\w*|Kingdom|Королевств\w*|Federation|Föderation|Федераци\w*|"
    r"Foreign|Affairs|Deputy|Prime|Vice|Acting|Extraordinary|Plenipotentiary|His|Her|Majesty|Excellency|"
    r"Federal|State|States|United|Government|Ministry|Embassy|House|Representatives|Council|Office|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Januar|Februar|März|Mai|Juni|Juli|Oktober|Dezember|"
    r"The|This|That|These|In|On|At|During|After|Before|Since|Within|Following|From|For|With|By|"
    r"Am|Im|Vom|Seit|Nach|Während|Die|Der|Das|Den|Dem|Des|Auf|Zum|Zur|Für|Über|Mit|Bei|Es|Er|Sie|"
    r"В|Во|На|С|По|Для|При|Из|От|До|Это|Он|Она|Они|Таджикистан\w*|"
    r"Mr|Mrs|Ms|Dr|Herr|Herrn|Frau|Außerordentlich\w*|Чрезвычайн\w*|Полномочн\w*|Stellvertretend\w*)$")
#: German nouns by their ending: not names ("Entwicklung", "Gesellschaft", "Präsidentschaft")
_STATE_WORD = re.compile(r"^(?:Republi\w*|Республик\w*|K[öo]nigreich\w*|Kingdom|Королевств\w*|Federation|Föderation|"
                         r"Федераци\w*|Emirates|Эмират\w*)$")
_GERMAN_NOUN = re.compile(r"(?:ung|heit|keit|schaft|tion|sion|ität|ismus|nis|tum|ium|ment|ierung|anz|enz|"
                          r"ie|ei|ik|ur|amt|amtes|rat|rates|ministerium)$")
_INITIAL = re.compile(r"^(?:[^\W\d_]\.-)*[^\W\d_]\.$")
_PATRONYMIC = re.compile(r"(?:ович|евич|ич|овна|евна|ична|улы|уулу|кызы|зода)$", re.I)
MAX_NAME_WORDS = 4
_WINDOW = 14


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class PersonSpan:
    start: int
    end: int
    text: str  # as written
    name: str  # in the nominative
    how: str  # "honorific", "title", "copula", "initials", "known"


def tokens(text: str) -> list[Token]:
    """Words (with initials and abbreviations such as "Mr." kept whole) and punctuation marks."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        if word.endswith(".") and len(word) > 2 and not _INITIAL.match(word) and not HONORIFIC.match(word):
            out.append(Token(m.start(), m.end() - 1, word[:-1]))
            out.append(Token(m.end() - 1, m.end(), "."))
        else:
            out.append(Token(m.start(), m.end(), word))
    return out


class _Sentence:
    def __init__(self, text: str, language: str, states: Iterable[Mention], taken: Iterable[tuple[int, int]],
                 places: Iterable[tuple[int, int]] = ()):
        self.text, self.language = text, language
        self.tokens = tokens(text)
        self.states = [(m.start, m.end) for m in states]
        self.taken = list(taken)  # spans of organisations and other names already read
        self.places = list(places)  # spans of cities: not the last word of a longer name

    def in_state(self, t: Token) -> bool:
        return any(a <= t.start < b for a, b in self.states) or any(a <= t.start < b for a, b in self.taken)

    def name_like(self, i: int) -> bool:
        word = self.tokens[i].text
        if _INITIAL.match(word):
            return word[:1].isupper()
        if not word[:1].isupper() or _NOT_NAME.match(word) or HONORIFIC.match(word) or self.in_state(self.tokens[i]):
            return False
        if TITLES[self.language].match(word) or self._state_word_after(i):
            return False
        return not (self.language == "de" and (_GERMAN_NOUN.search(word) or re.search(r"(?:isch|lich)e[nrms]?$",
                                                                                   word)))

    def _state_word_after(self, i: int) -> bool:
        """A word before "Republic / Republik / Республика …" is a state's adjective, not a name
        ("Кыргызской Республики", "Kyrgyz Republic"), wherever the gazetteer misses the state."""
        nxt = self.tokens[i + 1].text if i + 1 < len(self.tokens) else ""
        return bool(_STATE_WORD.match(nxt))

    def run(self, i: int) -> tuple[int, int] | None:
        """The name starting at token ``i``: initials first, then up to four words, with a middle
        initial between two of them ("Daniel K. Whitcombe")."""
        j = i
        while j < len(self.tokens) and _INITIAL.match(self.tokens[j].text):
            j += 1
        k = j
        while k < len(self.tokens) and k - i < MAX_NAME_WORDS and self.name_like(k) \
                and not _INITIAL.match(self.tokens[k].text):
            k += 1
            if k > j and self._middle_initial(k):
                k += 1
        return (i, k) if k > j else None

    def _middle_initial(self, k: int) -> bool:
        """A capital initial at ``k`` between two name words ("Jonathan P. Marsh")."""
        return k + 1 < len(self.tokens) and bool(_INITIAL.match(self.tokens[k].text)) \
            and self.tokens[k].text[:1].isupper() and len(self.tokens[k].text) == 2 \
            and self.name_like(k + 1) and not _INITIAL.match(self.tokens[k + 1].text)

    def span(self, i: int, k: int, how: str, case: str = "nomn") -> PersonSpan:
        while k - i > 1 and any(a <= self.tokens[k - 1].start < b for a, b in self.places):
            k -= 1  # "besuchte Präsident Andris Ozols Duschanbe": the city after the name
        start, end = self.tokens[i].start, self.tokens[k - 1].end
        text = re.sub(r"['’]s$", "", self.text[start:end])
        name = russian_name_nominative(text, case) if self.language == "ru" else text
        return PersonSpan(start, start + len(text), text, name, how)


def find_persons(text: str, language: str, states: Iterable[Mention], taken: Iterable[tuple[int, int]] = (),
                 places: Iterable[tuple[int, int]] = ()) -> list[PersonSpan]:
    """The persons a sentence names, each once (the first reading of a place wins); ``places``: the
    spans of the cities it names."""
    s = _Sentence(text, language, states, taken, places)
    found: list[PersonSpan] = []
    for reader in (_after_honorifics, _after_copula, _initials, _after_titles):
        for span in reader(s):
            overlapping = [f for f in found if span.start < f.end and f.start < span.end]
            if overlapping and all(span.start <= f.start and f.end <= span.end and f.how == "initials"
                                   for f in overlapping):  # "Daniel K. Whitcombe" holds "K. Whitcombe"
                found = [f for f in found if f not in overlapping]
                overlapping = []
            if not overlapping:
                found.append(span)
    return sorted(found, key=lambda p: p.start)


def _title_case(s: _Sentence, i: int) -> str:
    """The case of the title chain that ends before token ``i`` (its first title word decides)."""
    if s.language != "ru":
        return "nomn"
    j = i - 1
    first = None
    while j >= 0 and i - j <= _WINDOW:
        if TITLES["ru"].match(s.tokens[j].text):
            first = j
        elif s.tokens[j].text in ".;:," or _COPULA.match(s.tokens[j].text) or _verb(s.tokens[j].text) \
                or _governing_noun(s.tokens[j].text):
            break
        j -= 1
    return russian_case(s.tokens[first].text) if first is not None else "nomn"


def _verb(word: str) -> bool:
    """A Russian verb ("встретился", "принял"): where the title chain before a name begins."""
    return word[:1].islower() and any(p.tag.POS in ("VERB", "INFN", "GRND") for p in morph().parse(word)[:1])


def _governing_noun(word: str) -> bool:
    """A common noun that is no complement of a title ("указом Президента …": the decree's noun ends
    the chain; "министра иностранных дел": the genitive goes on)."""
    if not word[:1].islower():
        return False
    parse = morph().parse(word)[0]
    return parse.tag.POS == "NOUN" and parse.tag.case not in ("gent", "loct")


def _after_honorifics(s: _Sentence) -> Iterable[PersonSpan]:
    i = 0
    while i < len(s.tokens):
        if HONORIFIC.match(s.tokens[i].text):
            j = i + 1
            while j < len(s.tokens) and HONORIFIC.match(s.tokens[j].text):
                j += 1
            run = s.run(j) if j < len(s.tokens) else None
            if run:
                yield s.span(*run, "honorific", _title_case(s, i))
                i = run[1]
                continue
            i = j
        i += 1


def _after_copula(s: _Sentence) -> Iterable[PersonSpan]:
    for i, t in enumerate(s.tokens[:-1]):
        if _COPULA.match(t.text):
            run = s.run(i + 1)
            if run and run[1] - run[0] >= 2:
                yield s.span(*run, "copula")


def _initials(s: _Sentence) -> Iterable[PersonSpan]:
    i = 0
    while i < len(s.tokens):
        t = s.tokens[i]
        if _INITIAL.match(t.text) and t.text[:1].isupper() and not HONORIFIC.match(t.text) \
                and (i == 0 or not _INITIAL.match(s.tokens[i - 1].text)):
            run = s.run(i)
            if run and run[1] > i + 1:
                yield s.span(*run, "initials", _title_case(s, i))
                i = run[1]
                continue
        i += 1


def _after_titles(s: _Sentence) -> Iterable[PersonSpan]:
    for i, t in enumerate(s.tokens):
        if TITLES[s.language].match(t.text):
            run = _name_after_title(s, i)
            if run:
                case = _title_case(s, run[0])
                yield s.span(*run, "title", case)
                second = _second_name(s, i, run[1])
                if second:
                    yield s.span(*second, "title", case)


def _second_name(s: _Sentence, title: int, end: int) -> tuple[int, int] | None:
    """The second name after a plural title: "Presidents Rahmon and Mirziyoyev", "die Präsidenten A
    und B", "президенты Рахмон и Мирзиёев"."""
    if end + 1 >= len(s.tokens) or not _CONJUNCTION.match(s.tokens[end].text) or not _plural(s, title) \
            or not s.name_like(end + 1):
        return None
    return s.run(end + 1)


def _plural(s: _Sentence, i: int) -> bool:
    word = s.tokens[i].text
    if s.language == "ru":
        return any(p.tag.number == "plur" and p.tag.POS == "NOUN" for p in morph().parse(word)[:1])
    return word.endswith("s") if s.language == "en" else word.endswith(("en", "innen"))


def _name_after_title(s: _Sentence, i: int) -> tuple[int, int] | None:
    """The name a title introduces: right after it, after the state it is of, or after its complement."""
    end = _window_end(s, i)
    if end is None:
        return None
    for k in range(i + 1, end):
        if s.in_state(s.tokens[k]) and (k + 1 >= len(s.tokens) or not s.in_state(s.tokens[k + 1])):
            nxt = _skip_brackets(s, k + 1)
            if nxt < len(s.tokens) and s.name_like(nxt):
                return s.run(nxt)
    if i + 1 < end and s.name_like(i + 1):
        return _trim(s, s.run(i + 1), i)
    for k in range(i + 1, end):
        if s.name_like(k) and not s.in_state(s.tokens[k]):
            run = s.run(k)
            before = s.tokens[k - 1].text
            if run is None or _ARTICLE.match(before) or (run[1] - run[0] < 2):
                return None
            return _trim(s, run, k - 1)
    return None


def _window_end(s: _Sentence, i: int) -> int | None:
    """Where a title's reach ends: at a stop, another title or an honorific (whose name is read on its
    own: "Präsident Umarali Davlatzoda ernannte Herrn …" still names the president)."""
    lower = 0
    for k in range(i + 1, min(len(s.tokens), i + _WINDOW)):
        word = s.tokens[k].text
        if word in ",;:." or HONORIFIC.match(word) or TITLES[s.language].match(word) or _COPULA.match(word):
            return k
        if word[:1].islower():
            lower += 1
            if lower > 4:
                return k
    return min(len(s.tokens), i + _WINDOW)


def _skip_brackets(s: _Sentence, k: int) -> int:
    if k < len(s.tokens) and s.tokens[k].text == "(":
        while k < len(s.tokens) and s.tokens[k].text != ")":
            k += 1
        return k + 1
    return k


def _trim(s: _Sentence, run: tuple[int, int] | None, before: int) -> tuple[int, int] | None:
    """A run of three or more words after "und" / "and" or after the preposition of a title's
    complement starts with the complement's last noun ("Minister of Finance Jamoliddin Sharipov")."""
    if run is None:
        return None
    i, k = run
    if k - i >= 3 and (_CONJUNCTION.match(s.tokens[before].text) or _COMPLEMENT.match(s.tokens[before].text)) \
            and not _PATRONYMIC.search(s.tokens[k - 1].text):
        return (i + 1, k)
    return run


def known_person_spans(text: str, language: str, states: Iterable[Mention], taken: Iterable[tuple[int, int]],
                       known: set[str]) -> list[PersonSpan]:
    """Runs of name-like words of which one is a word of a name the page has used ("ABE Shinzo")."""
    s = _Sentence(text, language, states, taken)
    out, i = [], 0
    while i < len(s.tokens):
        run = s.run(i) if s.name_like(i) and not (i and s.name_like(i - 1)) else None
        if run and any(_stem(s.tokens[k].text, language) in known for k in range(*run)) \
                and not (i and _ARTICLE.match(s.tokens[i - 1].text)):
            out.append(s.span(*_known_part(s, run, known), "known"))
            i = run[1]
            continue
        i += 1
    return out


def _known_part(s: _Sentence, run: tuple[int, int], known: set[str]) -> tuple[int, int]:
    """A run without the unknown words before the known name, nor after it if two words remain
    ("in Narnia Idibek Kalandar" → "Idibek Kalandar")."""
    a, b = run
    language = s.language
    while _stem(s.tokens[a].text, language) not in known and not _INITIAL.match(s.tokens[a].text) \
            and not _initial_fits(s, a, known):
        a += 1
    while b - a > 2 and _stem(s.tokens[b - 1].text, language) not in known:
        b -= 1
    return a, b


def _initial_fits(s: _Sentence, a: int, known: set[str]) -> bool:
    """The word at ``a`` is the given name an initial stood for before the known family name after it
    ("Э. Сатыбалдиев" known: "Эрмек Сатыбалдиев" is the whole name)."""
    if a + 1 >= len(s.tokens):
        return False
    initial = s.tokens[a].text[:1].casefold() + "."
    return f"{initial}+{_stem(s.tokens[a + 1].text, s.language)}" in known


def _stem(word: str, language: str) -> str:
    lower = word.casefold().replace("ё", "е")
    if language == "ru":
        return re.sub(r"(?:ом|ем|ым|ой|а|у|е|ы|ю|я)$", "", lower) if len(lower) > 4 else lower
    return lower


def known_words(names: Iterable[str], language: str) -> set[str]:
    """The words of the persons' names a page uses, as ``known_person_spans`` compares them, and each
    initial with the family name after it ("э.+сатыбалдиев")."""
    out = set()
    for name in names:
        parts = name.split()
        out |= {_stem(w, language) for w in parts if len(w) >= 3 and not _INITIAL.match(w)}
        out |= {f"{w[:1].casefold()}.+{_stem(n, language)}" for w, n in pairwise(parts)
                if _INITIAL.match(w) and not _INITIAL.match(n)}
    return out
