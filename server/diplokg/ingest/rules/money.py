"""Amounts of money as a page states them: "33,5 Mio. Euro", "7 Millionen Kronen (1,06 Millionen
US-Dollar)", "USD 350 million", "$2.5 million", "12 млн долларов США", "CHF 5 000 000".

The currency is read from the CLDR's currency names in the page's language (Babel, in singular and
plural forms: "US-Dollar", "US dollars", "долларов США", "Schweizer Franken") or an ISO 4217 code or
symbol; a name several currencies share ("Kronen", "dollars") is the donor's currency when the
donor's country uses one of them (Babel's territory currencies), else left open. Numbers are read
with the language's separators ("1,06" in German, "1,060,000" in English); "Mio.", "million",
"млн" and their kin scale them. An amount in brackets right after another is its conversion."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from babel import Locale
from babel.numbers import get_currency_name, get_currency_symbol, get_territory_currencies

_SCALES = [(r"Mio\.?|Millionen|Million|million|millions|mln\.?|млн\.?|миллион\w*", 6),
           (r"Mrd\.?|Milliarden|Milliarde|billion|billions|bn|млрд\.?|миллиард\w*", 9),
           (r"Tsd\.?|Tausend|thousand|тыс\.?|тысяч\w*", 3)]
_NUMBER = r"\d{1,3}(?:[ .,'’ ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SCALE = "|".join(s for s, _ in _SCALES)
_AFTER = re.compile(rf"(?<![\w.,])(?P<number>{_NUMBER})(?:\s*(?P<scale>{_SCALE})(?!\w))?\s*")
_BEFORE = re.compile(rf"(?P<code>\b[A-Z]{{3}}\b|[$€£¥₽])\s?(?P<number>{_NUMBER})(?:\s*(?P<scale>{_SCALE})(?!\w))?")
_WORD = re.compile(r"[\w$€£¥₽][\w-]*")


@dataclass(frozen=True)
class Money:
    start: int  # span in the sentence, the currency included
    end: int
    text: str  # as written
    value: Decimal
    currencies: frozenset[str]  # the ISO 4217 codes its currency can be
    bracketed: bool  # inside brackets right after another amount: its conversion

    def currency(self, donor_alpha2: str | None) -> str | None:
        """The currency: the only one its name can be, or the one the donor's country uses."""
        if len(self.currencies) == 1:
            return next(iter(self.currencies))
        used = set(get_territory_currencies(donor_alpha2)) if donor_alpha2 else set()
        chosen = self.currencies & used
        return next(iter(chosen)) if len(chosen) == 1 else None


def find_money(text: str, language: str) -> list[Money]:
    """The amounts of money in ``text``, in order."""
    found: list[Money] = []
    for match in _BEFORE.finditer(text):
        codes = _currencies(language).get((match.group("code").lower(),))
        value = _value(match.group("number"), match.group("scale"), language)
        if codes and value is not None:
            found.append(_money(text, match.start(), match.end(), value, codes, found))
    for match in _AFTER.finditer(text):
        if any(m.start <= match.start() < m.end for m in found):
            continue
        value = _value(match.group("number"), match.group("scale"), language)
        currency = _currency_after(text, match.end(), language)
        if value is not None and currency is not None:
            codes, end = currency
            found.append(_money(text, match.start(), end, value, codes, found))
    return sorted(found, key=lambda m: m.start)


def _money(text: str, start: int, end: int, value: Decimal, codes: frozenset[str], found: list[Money]) -> Money:
    before = text[:start].rstrip()
    bracketed = before.endswith("(") and any(m.end >= len(before[:-1].rstrip()) for m in found)
    return Money(start, end, text[start:end], value, codes, bracketed)


def _currency_after(text: str, at: int, language: str) -> tuple[frozenset[str], int] | None:
    """The currency named right at ``at`` (the longest name of up to three words), and its end."""
    words = list(_WORD.finditer(text, at, min(len(text), at + 60)))
    if not words or words[0].start() != at:
        return None
    names = _currencies(language)
    for n in (3, 2, 1):
        if len(words) < n or any(words[i + 1].start() - words[i].end() > 1 for i in range(n - 1)):
            continue
        key = tuple(w.group(0).lower() for w in words[:n])
        if key in names:
            return names[key], words[n - 1].end()
    return None


def _value(number: str, scale: str | None, language: str) -> Decimal | None:
    digits = re.sub(r"[ '’ ]", "", number)
    separators = [c for c in digits if c in ".,"]
    if len(set(separators)) == 2:  # both: the last one is the decimal mark
        decimal = separators[-1]
    elif len(separators) == 1:  # one: a thousands separator only before three digits, as the language writes it
        mark = separators[0]
        thousands = "," if language == "en" else "."
        decimal = "" if mark == thousands and re.search(r"[.,]\d{3}$", digits) else mark
    else:
        decimal = ""
    whole, _, fraction = digits.rpartition(decimal) if decimal else (digits, "", "")
    try:
        value = Decimal(re.sub(r"[.,]", "", whole) + ("." + fraction if fraction else ""))
    except InvalidOperation:
        return None
    power = next((p for pattern, p in _SCALES if scale and re.fullmatch(pattern, scale)), 0)
    return value.scaleb(power)


@cache
def _currencies(language: str) -> dict[tuple[str, ...], frozenset[str]]:
    """Every written form of a currency in ``language`` (lower-case words) → the codes it can be: its
    ISO code, its symbol, its names; a name's ending ("kronen" of "Norwegische Kronen") only where
    it is no currency's whole name ("euros" is the euro, not the "WIR euros")."""
    whole: dict[tuple[str, ...], set[str]] = {}
    endings: dict[tuple[str, ...], set[str]] = {}
    symbols: dict[str, set[str]] = {}
    for code in Locale(language).currencies.keys() & _tender():
        whole.setdefault((code.lower(),), set()).add(code)
        symbols.setdefault(get_currency_symbol(code, language), set()).add(code)
        for count in (1, 2, 5):
            words = tuple(get_currency_name(code, count, language).lower().split())
            whole.setdefault(words, set()).add(code)
            for i in range(1, len(words)):
                endings.setdefault(words[i:], set()).add(code)
    for symbol, codes in symbols.items():
        if len(symbol) == 1 and len(codes) == 1:
            whole.setdefault((symbol,), set()).update(codes)
    return {key: frozenset(codes) for key, codes in {**endings, **whole}.items()}


@cache
def _tender() -> frozenset[str]:
    """The currencies that are or were legal tender somewhere (not funds codes such as CHW, USN)."""
    since, until = dt.date(1900, 1, 1), dt.date.today()
    return frozenset(code for territory in Locale("en").territories
                     for code in get_territory_currencies(str(territory), since, until, tender=True))
