"""Dates as a page states them, at their stated precision: a day ("7 Juli 1992", "June 26, 2014",
"13.01.1993 г."), a month ("im April 2018", "в октябре 2012 года"), a year ("1992", "в 1997 году"),
or a range of them ("15.-16. April 2019", "Vom 28. bis 30. März 2011", "18-20 December 2025",
"3-4 мая 2023 года", "2016-2017"). A day without a year ("4 мая", "on December 19") is found too,
marked as needing its year from the context. Month names come from the CLDR (Babel) in every form
the language uses; Russian ones in all their cases (pymorphy3). Nothing is made more precise than
the text: "Ende November 2017" is November 2017.

Each mention keeps its character span in the sentence, so that rules can ask what is near it, and
whether it stands inside quotation marks (a date inside a quoted title is part of the title)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from babel.dates import get_month_names

from diplokg.ingest.russian import morph

_YEAR = r"(?P<{}>(?:19|20)\d\d)"
_DAY = r"(?P<{}>[0-3]?\d)"
_DASH = r"\s*[-–—]\s*"
_ORDINAL = r"(?:st|nd|rd|th)?"  # "October 27th, 2021", "the 1st of March"
_AND = r"\s+(?P<joined>und|and|и)\s+"  # two days in a row: "am 18. und 19. März", "11 и 12 июня"
_QUOTED = re.compile(r'[„“”«"‚]([^„“”«»"\n]{3,})[“”»"‘]')


@dataclass(frozen=True)
class StatedDate:
    """A date or span of dates as precise as the text: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``;
    ``end`` set for a range."""

    start: str
    end: str | None = None
    as_stated: str = field(default="", compare=False)  # the words of the page ("7 Juli 1992")

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.start)]


@dataclass(frozen=True)
class DateMention:
    start: int  # span in the sentence
    end: int
    text: str  # as written ("7 Juli 1992")
    date: StatedDate
    needs_year: bool = False  # a day and month; its year comes from the context ("0000" in the date)
    quoted: bool = False  # inside quotation marks (part of a title)


@cache
def month_words(language: str) -> dict[str, int]:
    """Every written form of the month names of ``language`` (lower case) → month number."""
    words: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, context, language).items():
                words[name.lower().rstrip(".")] = number
    if language == "ru":
        for name, number in list(words.items()):
            for parse in morph().parse(name)[:1]:
                for form in parse.lexeme:
                    words.setdefault(form.word, number)
    return words


@cache
def _patterns(language: str) -> list[tuple[re.Pattern[str], str]]:
    months = "|".join(sorted((re.escape(w) for w in month_words(language)), key=len, reverse=True))
    m = rf"(?P<month>{months})\.?"
    m2 = rf"(?P<month2>{months})\.?"
    d1, d2, y1, y2 = _DAY.format("day"), _DAY.format("day2"), _YEAR.format("year"), _YEAR.format("year2")
    year_word = r"(?:\s*(?:года|году|год|г\.))?"
    numeric = rf"\b{d1}\.(?P<nmonth>[01]?\d)\.{y1}\b(?:\s*г\.)?"
    patterns = [
        (numeric, "numeric"),
        # ranges of days: 15.-16. April 2019 / vom 28. bis 30. März 2011 / 18-20 December 2025 / April 2-3, 2002;
        # two days in a row: am 4. und 5. Juni 2021 / June 4 and 5, 2021
        (rf"\b{d1}\.?{_ORDINAL}(?:{_DASH}|\s+(?:bis|to|until|по|до)\s+|{_AND}){d2}\.?{_ORDINAL}\s+(?:of\s+)?{m}\s+"
         rf"{y1}{year_word}", "days"),
        (rf"\b{m}\s+{d1}{_ORDINAL}(?:{_DASH}|{_AND}){d2}{_ORDINAL},?\s+{y1}", "days"),
        # a day: 28. Februar 1992 / 7 января 1993 года / June 26, 2014 / October 27th, 2021 / the 1st of March 2020
        (rf"\b{d1}\.?{_ORDINAL}\s+(?:of\s+)?{m}\s+{y1}{year_word}", "day"),
        (rf"\b{m}\s+{d1}{_ORDINAL},?\s+{y1}\b", "day"),
        # ranges of months: April-May 2019
        (rf"\b{m}{_DASH}{m2}\s+{y1}{year_word}", "months"),
        # a month: im April 2018 / в октябре 2012 года / January 2002
        (rf"\b{m}\s+{y1}{year_word}", "month"),
        # a day without its year: 4 мая / on December 19 / 5 October
        (rf"\b{d1}\.?\s+{m}\b(?!\s*(?:19|20)\d\d)", "day-no-year"),
        (rf"\b{m}\s+{d1}\b(?!\s*,?\s*(?:19|20)\d\d)", "day-no-year"),
        # ranges of years: 2016-2017 / 2012–2015
        (rf"\b{y1}{_DASH}{y2}\b{year_word}", "years"),
        # a year: 1992 / в 1997 году / 1997 г.
        (rf"\b{y1}\b{year_word}", "year"),
    ]
    return [(re.compile(p, re.IGNORECASE), kind) for p, kind in patterns]


def find_dates(sentence: str, language: str) -> list[DateMention]:
    """The date mentions of ``sentence``, in order, none overlapping another."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    quoted = _quoted_spans(sentence)
    months = month_words(language)
    for pattern, kind in _patterns(language):
        for match in pattern.finditer(sentence):
            a, b = match.span()
            if any(a < y and x < b for x, y in taken):
                continue
            date = _date(match, kind, months)
            if date is None:
                continue
            date = replace(date, as_stated=match.group(0))
            taken.append((a, b))
            inside = any(x <= a and b <= y for x, y in quoted)
            found.append(DateMention(a, b, match.group(0), date, kind == "day-no-year", inside))
    return sorted(found, key=lambda d: d.start)


def _date(match: re.Match[str], kind: str, months: dict[str, int]) -> StatedDate | None:
    g = match.groupdict()
    month = months.get(g["month"].lower().rstrip(".")) if g.get("month") else None
    if kind == "numeric":
        month = int(g["nmonth"])
    year = g.get("year") or "0000"
    if kind in ("year", "years"):
        return StatedDate(year, g["year2"] if kind == "years" else None)
    assert month is not None
    if not 1 <= month <= 12:
        return None
    if kind in ("month", "months"):
        end = months.get(g["month2"].lower().rstrip(".")) if kind == "months" else None
        return StatedDate(f"{year}-{month:02d}", f"{year}-{end:02d}" if end else None)
    day = int(g["day"])
    if not 1 <= day <= 31:
        return None
    start = f"{year}-{month:02d}-{day:02d}"
    if kind == "days":
        day2 = int(g["day2"])
        if not day < day2 <= 31 or (g.get("joined") and day2 != day + 1):
            return None
        return StatedDate(start, f"{year}-{month:02d}-{day2:02d}")
    return StatedDate(start)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks of any style („…“, “…”, «…», "…", and the mixed “…“)."""
    return [m.span() for m in _QUOTED.finditer(text)]
