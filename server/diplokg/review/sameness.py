"""When a value a draft states is "the same" as a value a published source states.

- Terms that are equal are the same.
- A date (xsd:date, xsd:gYearMonth, xsd:gYear) at another precision is the same date said less or
  more exactly: "1992-07" and "1992-07-07" agree. The published value *covers* the drafted one
  when it is as exact or more exact ("1992-07-07" covers "1992-07"; the other way round the draft
  adds detail). Two dates contradict only when neither is a prefix of the other.
- Numbers (xsd:integer, xsd:decimal) compare by value ("1.0" and "1.00").
- A language-tagged string is a wording, not a value: a label in another language, or another
  wording in the same language, never contradicts. It is already stated when a published value in
  the same language reads the same but for case, spaces and punctuation ("7 Juli 1992" and
  "7. Juli 1992").
- Two events (IRIs) are the same event when they are of the same event type and their dates agree
  as above: a draft that dates the establishment of relations "Juli 1992" names
  event/1992-07-establishment-of-relations-ROU-TJK, the published source
  event/1992-07-07-establishment-of-relations-ROU-TJK; that is not a contradiction. An event with
  no date agrees with one of the same type that has one (the dated one adds detail): the Romania
  page's undated event/opening-ROU-embassy-astana and a page's event/2005-03-03-opening-….
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
DKG = "https://w3id.org/diplokg/ontology#"
DATES = frozenset(ox.NamedNode(XSD + t) for t in ("date", "gYearMonth", "gYear"))
NUMBERS = frozenset(ox.NamedNode(XSD + t) for t in ("integer", "decimal"))
DATE = ox.NamedNode(DKG + "date")
EVENT_TYPE = ox.NamedNode(DKG + "eventType")
_NOT_WORD = re.compile(r"[\W_]+")

Value = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
#: the value of a one-value property of a resource, where the term's own store knows it
Lookup = Callable[[ox.NamedNode, ox.NamedNode], Value | None]


def wording(text: str) -> str:
    """A text for comparing wordings: case folded, without spaces and punctuation."""
    return _NOT_WORD.sub("", text.casefold())


def _number(literal: ox.Literal) -> Decimal | None:
    try:
        return Decimal(literal.value)
    except InvalidOperation:
        return None


def literal_covers(published: ox.Literal, drafted: ox.Literal) -> bool:
    """Whether the published literal says at least what the drafted one says."""
    if published == drafted:
        return True
    if published.language or drafted.language:
        return published.language == drafted.language and wording(published.value) == wording(drafted.value)
    if published.datatype in DATES and drafted.datatype in DATES:
        return published.value.startswith(drafted.value)
    if published.datatype in NUMBERS and drafted.datatype in NUMBERS:
        number = _number(published)
        return number is not None and number == _number(drafted)
    return False


def literals_agree(published: ox.Literal, drafted: ox.Literal) -> bool:
    """Whether two literals of a one-value property can both be true (see the module's notes)."""
    if published.language or drafted.language:
        return True
    return literal_covers(published, drafted) or literal_covers(drafted, published)


def same_event(drafted: ox.NamedNode, published: ox.NamedNode, draft_value: Lookup, published_value: Lookup,
               covering: bool) -> bool:
    """Two event IRIs naming the same event: one event type, dates that agree (``covering``: the
    published date is as exact as the drafted one, or more)."""
    kind, other_kind = draft_value(drafted, EVENT_TYPE), published_value(published, EVENT_TYPE)
    if kind is None or kind != other_kind:
        return False
    date, other_date = draft_value(drafted, DATE), published_value(published, DATE)
    if not isinstance(date, ox.Literal) or not isinstance(other_date, ox.Literal):  # an event with no date
        return not covering or not isinstance(date, ox.Literal)
    return literal_covers(other_date, date) if covering else literals_agree(other_date, date)


def covers(published: Value, drafted: Value, draft_value: Lookup, published_value: Lookup) -> bool:
    """Whether the published value states at least what the drafted value states."""
    return _matches(published, drafted, draft_value, published_value, covering=True)


def agree(published: Value, drafted: Value, draft_value: Lookup, published_value: Lookup) -> bool:
    """Whether two values of a one-value property can both be true."""
    return _matches(published, drafted, draft_value, published_value, covering=False)


def _matches(published: Value, drafted: Value, draft_value: Lookup, published_value: Lookup, covering: bool) -> bool:
    if published == drafted:
        return True
    if isinstance(published, ox.Literal) and isinstance(drafted, ox.Literal):
        return literal_covers(published, drafted) if covering else literals_agree(published, drafted)
    if isinstance(published, ox.NamedNode) and isinstance(drafted, ox.NamedNode):
        return same_event(drafted, published, draft_value, published_value, covering=covering)
    return False
