"""Persons named beside a post or an act: after an honorific ("Herr", "Frau", "S.E. Herr Dr.",
"Mr.", "H.E.", "г-н"), after "ist / is / является", right after the post ("… in Rumänien Idibek
Kalandar"), or before it when the sentence links them ("Herr X als Botschafter", "Mr. X as
Ambassador", "г-н X … являлся Послом").

Russian names take the case of the word they stand beside: "принял Посла Казахстана Валихана
Туреханова" names Valikhan Turekhanov; pymorphy3 gives each word of the name its nominative (a word
it does not know as a name, "Назри", is kept as written). Two spellings of one person on a page
("Давлат Назри", "Давлатали Назризода"; "I. Sattorov") are recognised by their words' beginnings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from diplokg.ingest.facts import Person
from diplokg.ingest.rules.context import SentenceView
from diplokg.ingest.russian import morph

HONORIFIC = re.compile(r"\b(?:Herrn?|Frau|S\.\s?E\.|I\.\s?E\.|Mr\.|Mrs\.|Ms\.|H\.\s?E\.|Sir|Madam|"
                       r"[Гг]-(?:н|жа|ну|на|ном|же)|[Гг]осподин\w*|[Гг]осп[оа]ж\w*)\s+(?:(?:Herrn?|Frau|Dr\.|Prof\.|Mr\.|Mrs\.|Ms\.)\s+)*")
_WORD = r"(?:[A-ZÄÖÜÅØÆ][\w'’-]+|[А-ЯЁ][\w'’-]+)"
NAME = re.compile(rf"{_WORD}(?:\s+(?:[A-ZА-ЯЁ]\.\s*)?{_WORD}){{1,3}}")  # "Daniel K. Whitcombe"
_NOT_NAME = re.compile(r"^(Republik|Republic|Республик|Königreich|Kingdom|Королевств|Botschaft|Embassy|Посольств|"
                       r"Präsident|President|Президент|Herr|Frau|Mr|Minister|Министр|Außerordentlich|Extraordinary|"
                       r"Чрезвычайн|Bundes|Federal|Федеральн|Staat|State|Государств|Regierung|Government|"
                       r"Правительств|Prime|Premier|Seine|His|Her|Sein|Ihre|Его|Ее)", re.I)
#: words between the subject and the post that make the subject its holder
_LINK = re.compile(r"\b(?:als|as|zum|zur|в\s+качестве|является|являлся|являлась|был|была|ist|war|is|was|wurde|wird|"
                   r"ernannt|appointed|назначен\w*)\b", re.I)
#: a copula before the name: the name is in the nominative whatever the case of the post
_COPULA = re.compile(r"\b(?:ist|war|is|was|является|являлся|являлась|стал|стала|был|была|назначен|назначена)\b",
                    re.I)
#: between a name and the post after it, an apposition ("Ms. X, the current Ambassador …", "X, Посол …")
_APPOSITION = re.compile(r"\s*,\s*(?:(?:the|der|die)\s+)?(?:(?:current|present|new|former|jetzige|derzeitige|neue|"
                         r"ehemalige|нынешний|новый|бывший)\w*\s+)?", re.I)
_CASES = ("gent", "datv", "accs", "ablt", "loct")


@dataclass(frozen=True)
class Named:
    person: Person
    start: int
    end: int
    how: str  # "after", "copula", "before"


def person_after(view: SentenceView, start: int, end: int, case: str | None) -> Named | None:
    """The person named for a post that ends at ``start``: right after the post (past a
    parenthesis), or after an honorific or a copula before ``end``."""
    text = view.text
    gap = re.match(r"\s*,?\s*(?:\([^)]*\)\s*)?", text[start:end])
    direct = _name_at(view, start + (gap.end() if gap else 0), case)
    if direct is not None:
        return direct
    markers = sorted([*HONORIFIC.finditer(text, start, end), *_COPULA.finditer(text, start, end)],
                     key=lambda m: m.start())
    for m in markers:
        copula = _COPULA.match(text, m.start()) is not None
        if copula:
            at = m.end() + len(text[m.end():]) - len(text[m.end():].lstrip())
            found = _name_at(view, at, None)
        else:  # after a copula earlier in the window the name is in the nominative
            found = _name_at(view, m.start(), None if _COPULA.search(text, start, m.start()) else case)
        if found is not None:
            return Named(found.person, found.start, found.end, "copula" if copula else "after")
    return None


def person_before(view: SentenceView, start: int, floor: int = 0) -> Named | None:
    """The sentence's subject named before a post that begins at ``start`` when a linking word
    stands between them ("Herr X als …", "г-н X, …, являлся также Послом …")."""
    text = view.text
    candidates = [m for m in HONORIFIC.finditer(text, floor, start)]
    names = [n for m in candidates if (n := _name_at(view, m.end(), None, start))]
    names += [n for m in NAME.finditer(text, floor, start) if (n := _name_at(view, m.start(), None, start))]
    if not names:
        return None
    last = max(names, key=lambda n: n.end)
    between = text[last.end:start]
    # "ist Herr X Botschafter …" (the copula before the name), "Ms. X, the current Ambassador …"
    placed = (not between.strip() and _COPULA.search(text, max(0, last.start - 30), last.start)) \
        or _APPOSITION.fullmatch(between)
    if not placed and (not _LINK.search(between) or len(between) > 160 or HONORIFIC.search(between)):
        return None
    return Named(last.person, last.start, last.end, "before")


def _name_at(view: SentenceView, at: int, case: str | None, end: int | None = None) -> Named | None:
    m = HONORIFIC.match(view.text, at, end or len(view.text))
    if m:
        at = m.end()
    name = NAME.match(view.text, at, end or len(view.text))
    if name is None or _NOT_NAME.match(name.group(0)):
        return None
    if any(s.start < name.end() and name.start() < s.end for s in view.states):
        return None
    words = re.sub(r"['’]s$", "", name.group(0)).strip()
    if view.context.page.language == "ru" and case in _CASES:
        words = nominative(words, case)
    return Named(Person(words), name.start(), name.end(), "after")


def nominative(name: str, case: str) -> str:
    """A Russian name given in ``case`` (pymorphy3's grammeme) put in the nominative, word by word."""
    out = []
    for word in name.split():
        parses = [p for p in morph().parse(word) if case in p.tag and ({"Name", "Surn", "Patr"} & p.tag.grammemes)]
        parses.sort(key=lambda p: ("masc" not in p.tag, -p.score))
        form = parses[0].inflect({"nomn"}) if parses else None
        out.append(form.word.capitalize() if form and "-" not in word else word)
    return " ".join(out)


def case_of(word: str) -> str | None:
    """The grammatical case of a Russian word ("Посла": genitive or accusative; "Послом": instrumental),
    the likeliest of its readings; None when it may be nominative."""
    parses = morph().parse(word)
    cases = [c for p in parses for c in ("nomn", *_CASES) if c in p.tag]
    if not cases or "nomn" in cases:
        return None
    return cases[0]


def same_person(a: str, b: str) -> bool:
    """Two spellings of one name: every word of the shorter begins a different word of the longer
    ("I. Sattorov" ~ "Imomudin Sattorov", "Валихан Туреханов" ~ "Туреханов Валихан Амирханулы")."""
    wa, wb = (_words(a), _words(b))
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if not short:
        return False
    free = list(long)
    for word in short:
        match = next((w for w in free if w.startswith(word)), None)
        if match is None:
            return False
        free.remove(match)
    return True


def _words(name: str) -> list[str]:
    return [w.strip(".") for w in name.casefold().replace("ё", "е").split() if w.strip(".")]
