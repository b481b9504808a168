"""Dates at mixed precision for the synthetic-data generator: a day, a month or a year, as the
sources state them, with the xsd literal, the normalised xsd:date bounds and the German wording."""

from __future__ import annotations

import calendar
import datetime as dt
import random
from dataclasses import dataclass

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
_DATE = ox.NamedNode(XSD + "date")
_YEAR_MONTH = ox.NamedNode(XSD + "gYearMonth")
_YEAR = ox.NamedNode(XSD + "gYear")
MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
             "November", "Dezember")


@dataclass(frozen=True)
class StatedDate:
    """A day (precision "day"), a month ("month") or a year ("year")."""

    day: dt.date
    precision: str

    @property
    def literal(self) -> ox.Literal:
        if self.precision == "day":
            return ox.Literal(self.day.isoformat(), datatype=_DATE)
        if self.precision == "month":
            return ox.Literal(f"{self.day.year:04d}-{self.day.month:02d}", datatype=_YEAR_MONTH)
        return ox.Literal(f"{self.day.year:04d}", datatype=_YEAR)

    @property
    def earliest(self) -> dt.date:
        if self.precision == "day":
            return self.day
        if self.precision == "month":
            return self.day.replace(day=1)
        return dt.date(self.day.year, 1, 1)

    @property
    def latest(self) -> dt.date:
        if self.precision == "day":
            return self.day
        if self.precision == "month":
            return self.day.replace(day=calendar.monthrange(self.day.year, self.day.month)[1])
        return dt.date(self.day.year, 12, 31)

    @property
    def german(self) -> str:
        """As a German page writes it: "18. September 2018", "April 2018", "2018"."""
        if self.precision == "day":
            return f"{self.day.day}. {MONTHS_DE[self.day.month - 1]} {self.day.year}"
        if self.precision == "month":
            return f"{MONTHS_DE[self.day.month - 1]} {self.day.year}"
        return str(self.day.year)

    @property
    def german_phrase(self) -> str:
        """The date inside a sentence: "am 18. September 2018", "im April 2018", "2018"."""
        if self.precision == "day":
            return "am " + self.german
        if self.precision == "month":
            return "im " + self.german
        return self.german


def xsd_date(day: dt.date) -> ox.Literal:
    return ox.Literal(day.isoformat(), datatype=_DATE)


def random_day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A day in [start, end] (start if the interval is empty)."""
    span = (end - start).days
    return start + dt.timedelta(days=rng.randint(0, span)) if span > 0 else start


def stated(rng: random.Random, day: dt.date, weights: tuple[int, int, int] = (6, 3, 1)) -> StatedDate:
    """``day`` as a source might state it: to the day, month or year, drawn with ``weights``."""
    precision = rng.choices(("day", "month", "year"), weights=weights)[0]
    return StatedDate(day, precision)
