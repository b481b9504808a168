"""Assistance one state gives another: money pledged, provided or spent, and help given for a list
of purposes.

- an amount (rules/money.py) and a word of giving: "2019 stellte Japan 4 Mio. Euro für Schulen
  bereit", "sagte … zu", "Engagement", "Kooperationsprogramm", "provided", "allocated", "with the
  support of", "выделило", "безвозмездная помощь" — one fact, the bracketed amount its conversion;
  goods handed over or received ("übergab … im Wert von", "handed over equipment worth", "received
  from", "передал", "получил от") and projects implemented ("projects worth … implemented by X",
  "Projekte … umgesetzt", "реализовано проектов на сумму") are given too;
- help and a verb of giving, no amount needed: "X hat Y technische Hilfe … geleistet:" and a list
  of items, one fact per item, its purpose the item ("die Sanierung von Schulen;").
- donor and recipient: a demonym of one of the page's two states ("die norwegische Seite", "das
  Schweizer Engagement", "Japanese"), a genitive, "of / by / from / со стороны" give the donor; "in /
  to / for / в / для" or a Russian dative the recipient; states otherwise marked are read in the
  order named (donor first). "Die Bundesregierung", "the Government", "Правительство" without a
  state: the page's partner; no recipient named: Tajikistan. Each such reading is a reading note.
- year: the sentence's year or years, or the one it states relative to the sentence before ("im
  selben Jahr", "in the same year", "в том же году"); purpose: the phrase after the amount ("für die Räumung von
  Minenfeldern"), as stated; the agreement it is given under, when the sentence refers back to one
  ("in Übereinstimmung mit dieser Vereinbarung", "under this agreement") or names one.
- of a listed item, the organisation it was given through and the one it is about (rules/channels.py).
"""

from __future__ import annotations

import re
from itertools import pairwise

from diplokg.ingest.dates import StatedDate
from diplokg.ingest.facts import Agreement, Amount, Assistance, Drafted
from diplokg.ingest.rules.channels import read_item, through_organisations
from diplokg.ingest.rules.context import SentenceView
from diplokg.ingest.rules.event_dates import DateReader
from diplokg.ingest.rules.givers import Reading, roles
from diplokg.ingest.rules.money import Money, find_money

_GIVING = {
    "de": r"Hilfe\w*|Unterstützung\w*|Engagement\w*|\w*(?:Kooperations|Entwicklungs|Hilfs)programm\w*"
          r"|Entwicklungszusammenarbeit|Zuschu(?:ss|ß)\w*"
          r"|Zuschüsse\w*|Kredit\w*|Darlehen\w*|Spende\w*|finanzier\w*|Finanzierung\w*|bereit(?:gestellt|stellen)?"
          r"|zugesagt|sagten?\s[^;]*?\bzu\b|gewährt\w*|vorgesehen|spendete\w*|Mittel\w*|gefördert|Förder\w*"
          r"|zur\s+Verfügung|übergab\w*|übergeben|überreicht\w*|überließ\w*|überlassen"
          r"|(?:erhielt\w*|erhalten|bekam\w*)(?![^.]*[Ii]nvest)(?=[^.]*\b(?:von|aus)\s)"
          r"|Projekt\w*[^.]*\b(?:umgesetzt|durchgeführt|realisiert)",
    "en": r"assistance|aid|support\w*|grants?|loans?|fund(?:s|ed|ing)|financ\w+|provided|allocated|pledged"
          r"|donated|contribut\w+|granted|(?:cooperation|development|assistance)\s+program(?:me)?s?"
          r"|handed\s+over|delivered|transferred|received(?![^.]*invest)(?=[^.]*\bfrom\s)"
          r"|projects?\b[^.]*\b(?:implemented|carried\s+out)|(?:implemented|carried\s+out)\b[^.]*\bprojects?\b",
    "ru": r"помощ\w+|содейств\w+|поддержк\w+|грант\w*|кредит\w*|займ\w*|заём|финансир\w+|выдел\w+|предостав\w+"
          r"|безвозмездн\w+|программ\w+\s+(?:сотрудничества|помощи|развития)|переда[лн]\w*|вручил\w*"
          r"|получ(?:ил|ен)\w*(?![^.]*инвест)(?=[^.]*(?<!\w)от\s)|проект\w*[^.]*(?<!\w)(?:реализ|осуществл)\w+"
          r"|(?:реализ|осуществ)\w+[^.]*(?<!\w)проект\w*",
}
_HELP = {"de": r"Hilfe|Unterstützung", "en": r"assistance|aid|support", "ru": r"помощ\w+|содейств\w+|поддержк\w+"}
_GAVE = {"de": r"geleistet|leistete\w*|gewährt\w*|erwiesen|erwies|bereitgestellt|stellte\w*",
         "en": r"provided|rendered|extended|gave|given|granted|offered", "ru": r"оказ\w+|предостав\w+"}
_TECHNICAL = re.compile(r"technisch|technical|техническ", re.I)
_PURPOSE = {"de": r"\b(?:für|zur(?!\s+Verfügung)|zum|bei)\s", "en": r"\bfor\s", "ru": r"(?<!\w)(?:на|для)\s(?!сумм)"}
_PURPOSE_END = re.compile(r"[,;:(]|\.$|\s(?:und|and|и|а)\s+(?:\w+\s+){0,2}(?:wurde|was|were|был)")
_TRAILING = re.compile(r"\s+(?:zur\s+Verfügung|zu|bereit|vor|an|aus|ein|mit|fest|frei|ge\w+(?:t|en)|\w+iert"
                       r"|wurden?|ist|sind)$")
_REFERENCE = {"de": r"\bdies\w*\s+(?:Vereinbarung|Abkommen\w*|Vertrag\w*|Memorandum\w*|Programm\w*)",
              "en": r"\bth(?:is|at)\s+(?:agreement|treaty|memorandum|programme|program)",
              "ru": r"(?:эт\w+|данн\w+|указанн\w+)\s+(?:соглашени\w+|договор\w*|меморандум\w*|программ\w+)"}
_QUALIFIERS = [(re.compile(r"\b(?:pro|je)\s+Jahr\b|\bjährlich|\bper\s+(?:year|annum)\b|\bannual\w*|(?<!\w)в\s+год\b"
                           r"|ежегодн\w+", re.I), "the amount is per year"),
               (re.compile(r"\b(?:etwa|rund|ca\.|ungefähr|about|around|approximately|some|около|порядка|примерно)(?!\w)",
                           re.I), "the amount is approximate"),
               (re.compile(r"\b(?:insgesamt|in\s+total|total|всего|в\s+общей\s+сложности)(?!\w)", re.I),
                "the amount is a total")]
_FROM_YEAR = re.compile(r"(?:\bzwischen|\bbetween|\bfrom|\bvon|(?<!\w)с)\s+(?:(?:dem|the)\s+)?$", re.I)
_TO_YEAR = re.compile(r"\s*(?:und|and|to|bis|по)\s+(?:(?:zum|the)\s+)?", re.I)
_SINCE = re.compile(r"(?:\bseit|\bsince|(?<!\w)с)\s+$", re.I)
_ITEM = re.compile(r"^[\s\-–•*]*(.*?)[\s;,.]*$")


def assistance_rules(view: SentenceView, drafted: list[Drafted]) -> list[Drafted]:
    """The assistance the sentence states (``drafted``: what the page's earlier rules drafted)."""
    language = view.context.page.language
    lines = view.text.split("\n")
    listed = len(lines) > 1 and lines[0].rstrip().endswith(":")
    intro_end = len(lines[0]) if listed else len(view.text)
    money = find_money(view.text, language)
    help_word = re.search(_HELP[language], view.text[:intro_end], re.I)
    helped = help_word if help_word and re.search(_GAVE[language], view.text, re.I) else None
    if not helped and not (money and re.search(_GIVING[language], view.text, 0 if language == "de" else re.I)):
        return []
    reading = roles(view, intro_end, money, drafted)
    if reading is None:
        return []
    types = {"financial-assistance"} | ({"technical-assistance"} if _TECHNICAL.search(view.text[:intro_end]) else set())
    under = _under(view, drafted, reading.reasons)
    questions: list[str] = []
    reading.reasons += [f"'{m.group(0)}': {note}" for pattern, note in _QUALIFIERS if money
                        and (m := pattern.search(view.text))]
    if not listed:
        year = _year(view, 0, len(view.text), money, reading.reasons) or _relative_year(view, reading.reasons,
                                                                                           questions)
        amounts = _amounts(view, money, reading.donor, questions)
        purpose = _purpose(view, money[-1].end if money else (helped.end() if helped else 0), len(view.text))
        fact = Assistance(reading.donor, reading.recipient, amounts, purpose, year, frozenset(types), None, under)
        return [_drafted(view, fact, reading, questions)]
    enumeration = _purpose(view, helped.end() if helped else 0, intro_end) or ""
    through = through_organisations(view, intro_end) is not None
    out = []
    offset = intro_end + 1
    for line in lines[1:]:
        item = _ITEM.match(line)
        start, end = offset, offset + len(line)
        offset = end + 1
        if not item or not item.group(1):
            continue
        in_item = [m for m in money if start <= m.start < end]
        amounts = _amounts(view, in_item, reading.donor, questions)
        year = _year(view, start, end, in_item, []) or _year(view, 0, intro_end, money, [])
        reasons: list[str] = []
        parts = read_item(view, start, end, through, reasons)
        fact = Assistance(reading.donor, reading.recipient, amounts, item.group(1), year, frozenset(types),
                          enumeration, under, parts.channel, parts.concerns, parts.concerns_in)
        out.append(_drafted(view, fact, reading, list(questions), reasons))
    return out


def _drafted(view: SentenceView, fact: Assistance, reading: Reading, questions: list[str],
             more: tuple[str, ...] | list[str] = ()) -> Drafted:
    confidence = (0.8 if reading.sure else 0.6) - (0.2 if questions else 0)
    return Drafted(fact, view.sentence, "assistance/" + ("listed" if fact.enumeration is not None else "amount"),
                   confidence, [*reading.reasons, *more], [*reading.questions, *questions])


def _amounts(view: SentenceView, money: list[Money], donor: str, questions: list[str]) -> tuple[Amount, ...]:
    records = view.context.states.records
    alpha2 = records[donor].alpha2 if donor in records else None
    amounts: list[Amount] = []
    for m in money:
        currency = m.currency(alpha2)
        if currency is None:
            questions.append(f"which currency is '{m.text}'? ({', '.join(sorted(m.currencies)[:6])} …)")
            continue
        converts = len(amounts) - 1 if m.bracketed and amounts else None
        amounts.append(Amount(m.value, currency, m.text, converts))
    return tuple(amounts)


def _year(view: SentenceView, start: int, end: int, money: list[Money], reasons: list[str]) -> StatedDate | None:
    """The year or years of the sentence (part): two years as a span ("zwischen 2015 und 2019", "from
    2015 to 2019", "с 2015 по 2019 год"), else a span after the amount (the years it is for: "… $5
    million for programmes in 2019–2024"), else the first date; none for "since 2010" (a start)."""
    dates = [d for d in view.dates if start <= d.start < end and not d.quoted and not d.needs_year
             and not any(m.start <= d.start < m.end for m in money)]
    for first, second in pairwise(dates):
        if _FROM_YEAR.search(view.text[max(0, first.start - 9):first.start]) \
                and _TO_YEAR.fullmatch(view.text[first.end:second.start]):
            stated, last_year = view.text[first.start:second.end], (second.date.end or second.date.start)[:4]
            reasons.append(f"'{stated}': the years from {first.date.start[:4]} to {last_year}")
            return StatedDate(first.date.start[:4], last_year, stated)
    after = money[0].end if money else end
    spans = [d for d in dates if d.start >= after and d.date.end and d.date.end[:4] != d.date.start[:4]]
    for d in spans[:1] + dates[:1]:
        if since := _SINCE.search(view.text[max(0, d.start - 8):d.start]):
            reasons.append(f"'{since.group(0).strip()} {d.text}' is when it began: no year or span is drafted")
            return None
        first_year, last = d.date.start[:4], (d.date.end or d.date.start)[:4]
        return StatedDate(first_year, last if last != first_year else None, d.text)
    return None


def _relative_year(view: SentenceView, reasons: list[str], questions: list[str]) -> StatedDate | None:
    """The year of a date stated relative to the sentence before ("im selben Jahr", "in the same
    year", "в том же году", "a year later")."""
    number = view.sentence.number
    before = view.context.views[number - 2] if number >= 2 else None
    previous = [d.date for d in before.dates if not d.quoted and not d.needs_year] if before else []
    for date in (d for d in DateReader(view, previous).read() if d.relative):
        reasons.extend(date.reasons)
        questions.extend(date.questions)
        return StatedDate(date.date.start[:4], None, date.text)
    return None


def _purpose(view: SentenceView, at: int, end: int) -> str | None:
    """The purpose phrase after ``at`` ("für die Räumung von Minenfeldern"), up to the clause's end;
    a phrase that only names a state ("für Tadschikistan") is the recipient, not a purpose."""
    language = view.context.page.language
    clause = re.compile(r"[,;:]").search(view.text, at, end)
    text = view.text[:clause.start() if clause else end]
    for match in re.finditer(_PURPOSE[language], text[at:]):
        start = at + match.start()
        stop = _PURPOSE_END.search(text, at + match.end())
        phrase = text[start:stop.start() if stop else len(text)].strip().rstrip(".")
        while (trailing := _TRAILING.search(phrase)) and trailing.start() > len(match.group(0)):
            phrase = phrase[:trailing.start()]
        rest = re.sub(r"^(?:der|die|das|dem|den|the)\s+", "", phrase[len(match.group(0)):])
        states = view.context.states.find(rest, language)
        if not (states and states[0].start == 0 and states[0].end >= len(rest.rstrip(" .")) - 1):
            return phrase
    return None


def _under(view: SentenceView, drafted: list[Drafted], reasons: list[str]) -> Agreement | None:
    """The agreement the assistance is given under: one the sentence names, or the last one of the
    previous two sentences when it refers back to it ("dieser Vereinbarung")."""
    number = view.sentence.number
    same = [d.fact for d in drafted if isinstance(d.fact, Agreement) and d.sentence.number == number]
    if same:
        return same[0]
    reference = re.search(_REFERENCE[view.context.page.language], view.text, re.I)
    earlier = [d for d in drafted if isinstance(d.fact, Agreement) and number - 2 <= d.sentence.number < number]
    if reference is None or not earlier:
        return None
    agreement = earlier[-1]
    assert isinstance(agreement.fact, Agreement)
    reasons.append(f"'{reference.group(0)}' is the agreement of sentence {agreement.sentence.number}")
    return agreement.fact
