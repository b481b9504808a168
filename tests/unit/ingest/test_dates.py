"""Dates as pages state them (diplokg.ingest.dates): precision, ranges, days without a year, dates
inside quoted titles."""

from __future__ import annotations

import pytest

from diplokg.ingest.dates import StatedDate, find_dates


@pytest.mark.parametrize("language,text,expected", [
    ("de", "am 7 Juli 1992 aufgenommen", ("1992-07-07", None)),
    ("de", "Am 28. Februar 1992 erkannte", ("1992-02-28", None)),
    ("de", "fanden im April 2018 statt", ("2018-04", None)),
    ("de", "(15.-16. April 2019)", ("2019-04-15", "2019-04-16")),
    ("de", "Vom 28. bis 30. März 2011 hielt sich", ("2011-03-28", "2011-03-30")),
    ("de", "Für die Jahre 2016-2017 sagte", ("2016", "2017")),
    ("de", "wurden 1992 aufgenommen", ("1992", None)),
    ("en", "On December 28, 1991 the state", ("1991-12-28", None)),
    ("en", "On April 2-3, 2002 the President", ("2002-04-02", "2002-04-03")),
    ("en", "On 18-20 December 2025 President", ("2025-12-18", "2025-12-20")),
    ("en", "is functioning since 28.11.2007.", ("2007-11-28", None)),
    ("ru", "7 января 1993 года между", ("1993-01-07", None)),
    ("ru", "начало работу в декабре 2010 года", ("2010-12", None)),
    ("ru", "а 13.01.1993 г. стороны", ("1993-01-13", None)),
    ("ru", "3-4 мая 2023 года состоялся", ("2023-05-03", "2023-05-04")),
    ("ru", "В 1997 году в г. Душанбе", ("1997", None)),
    # two days in a row joined by "and" are one span of days; an ordinal day is a day
    ("de", "tagte am 2. und 3. Oktober 2017 in Linz", ("2017-10-02", "2017-10-03")),
    ("en", "met on 9 and 10 July 2015 in Oslo", ("2015-07-09", "2015-07-10")),
    ("en", "met on July 9 and 10, 2015 in Oslo", ("2015-07-09", "2015-07-10")),
    ("ru", "прошли 9 и 10 июля 2015 года в Осло", ("2015-07-09", "2015-07-10")),
    ("en", "arrived on March 3rd, 2016 in Rome", ("2016-03-03", None)),
    ("en", "arrived on the 21st of May 2016", ("2016-05-21", None)),
])
def test_stated_dates(language: str, text: str, expected: tuple[str, str | None]) -> None:
    (mention,) = find_dates(text, language)
    assert (mention.date.start, mention.date.end) == expected
    assert text[mention.start:mention.end] == mention.text == mention.date.as_stated


def test_two_days_apart_joined_by_and_are_no_span() -> None:
    (mention,) = find_dates("am 2. und 8. Oktober 2017", "de")
    assert (mention.date.start, mention.date.end) == ("2017-10-08", None)


def test_precision_and_equality() -> None:
    assert [StatedDate(v).precision for v in ("1992", "1992-07", "1992-07-07")] == ["year", "month", "day"]
    assert StatedDate("1992", as_stated="1992") == StatedDate("1992", as_stated="im Jahr 1992")


def test_a_day_without_its_year_and_a_quoted_year() -> None:
    day, = [d for d in find_dates("4 мая в г. Астане была подписана", "ru")]
    assert day.needs_year and day.date.start == "0000-05-04"
    quoted = find_dates("unter dem Titel “Agenda 2030: Partnerschaft für nachhaltige Entwicklung“.", "de")
    assert [(d.text, d.quoted) for d in quoted] == [("2030", True)]
    assert find_dates("more than 426 social projects for 350 million US dollars", "en") == []
