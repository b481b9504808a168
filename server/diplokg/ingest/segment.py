"""A page's sentences, numbered as a reader counts them, with character offsets into the page text.

The page has one paragraph per line. A line without sentence-final punctuation that is short (a
title or heading such as "Wirtschaftliche Zusammenarbeit") is not a sentence. A line ending with a
colon introduces a list: it and the following item lines, up to the one ending with a full stop,
are one sentence. Within a paragraph, sentences are split by pysbd (rule-based, language-aware,
abbreviations such as "Dr.", "Mio.", "S.E.", "г." handled), then rejoined where pysbd split where
no sentence ends: after an initial ("К.-Ж. Токаев", "I. Sattorov") or an honorific ("Smt. Kavita"),
after a piece without final punctuation, before a piece that begins in lower case, and between the
ordinal days of a range ("am 21. und 22. November"). pysbd never ends a Russian sentence at "г."
(year): "… 27 декабря 1991 г. Дипломатические отношения …" is split there when the clause before
has a finite verb and the next word is capitalised but no proper name (pymorphy3), so that "В 2018
г. Посол …" stays one sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pysbd

from diplokg.ingest.russian import morph

#: what may close a sentence, before closing quotes and brackets
_FINAL = re.compile(r"[.!?…;:][\"'»“”‘’)\]]*$")
_HEADING_WORDS = 14
#: a segment that ends with initials: pysbd split inside a name ("К.-Ж.", "I.", "S.E.")
_INITIALS = re.compile(r"(?:^|[\s(])(?:\w\.-)?\w\.(?:\w\.)?$")
#: honorifics and titles abbreviated with a full stop, which a name follows
_HONORIFIC = re.compile(r"(?:^|\s)(?:Smt|Shri|Sh|Mr|Mrs|Ms|Dr|Prof|Hr|Fr|Hrn|Amb|Gen|Col|Sen|Rep|Sr|Jr|Mme|Mlle|"
                        r"г-на?|г-жа|тов)\.$|(?<![\d\s])\s+г\.$", re.I)  # "в г. Душанбе"; not "1991 г." (year)
_ORDINAL_END = re.compile(r"(?:^|\s)\d{1,2}\.$")


@dataclass(frozen=True)
class Sentence:
    number: int  # 1-based, headings not counted
    start: int  # offset of the first character in the page text
    end: int  # offset after the last character
    text: str


def sentences(text: str, language: str) -> list[Sentence]:
    spans: list[tuple[int, int]] = []
    lines = list(_lines(text))
    i = 0
    while i < len(lines):
        start, line = lines[i]
        if _is_heading(line):
            i += 1
            continue
        parts = _split(line, language)
        if line.rstrip().endswith(":"):  # a list: the item lines belong to the sentence introducing them
            j = i + 1
            while j < len(lines) and not lines[j][1].rstrip().endswith("."):
                j += 1
            last_start, last_line = lines[min(j, len(lines) - 1)]
            parts[-1] = (parts[-1][0], last_start - start + len(last_line))
            i = j + 1
        else:
            i += 1
        spans.extend((start + a, start + b) for a, b in parts)
    return [Sentence(n, a, b, text[a:b]) for n, (a, b) in enumerate(spans, start=1)]


def _lines(text: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((offset, line))
        offset += len(line) + 1
    return out


def _is_heading(line: str) -> bool:
    return not _FINAL.search(line.rstrip()) and len(line.split()) <= _HEADING_WORDS


@cache
def _segmenter(language: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=language, clean=False, char_span=True)


def _split(line: str, language: str) -> list[tuple[int, int]]:
    """Sentence spans within one paragraph (trimmed), rejoined after initials."""
    spans: list[tuple[int, int]] = []
    for piece in _segmenter(language).segment(line):
        a, b = piece.start, piece.end
        while b > a and line[b - 1].isspace():
            b -= 1
        while a < b and line[a].isspace():
            a += 1
        if a == b:
            continue
        if spans and _no_end_between(line[spans[-1][0]:spans[-1][1]], line[a:b]):
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    if language == "ru":
        spans = [part for span in spans for part in _year_ends(line, span)]
    return spans or [(0, len(line.rstrip()))]


_YEAR_END = re.compile(r"\d{4}\s?г\.(?=\s+([А-ЯЁ][а-яё]+))")
_PROPER = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"}


def _year_ends(line: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """A Russian span split after "<year> г." where a new sentence begins."""
    a, b = span
    parts = []
    for m in _YEAR_END.finditer(line, a, b):
        nxt = morph().parse(m.group(1))[0]
        if _PROPER & set(nxt.tag.grammemes) or not _has_verb(line[a:m.start()]):
            continue
        parts.append((a, m.end()))
        a = m.end() + len(line[m.end():]) - len(line[m.end():].lstrip())
    return [*parts, (a, b)]


def _has_verb(text: str) -> bool:
    return any({"VERB", "PRTS"} & set(morph().parse(w)[0].tag.grammemes) for w in re.findall(r"[а-яё]+", text))



def _no_end_between(before: str, after: str) -> bool:
    """Whether pysbd split where no sentence ends."""
    return bool(_INITIALS.search(before) or _HONORIFIC.search(before) or not _FINAL.search(before)
                or after[:1].islower() or (_ORDINAL_END.search(before) and after[:1].isdigit()))
