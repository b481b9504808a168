"""What a sentence says of an event besides its type, date, place and people, each as stated:

- its title: 'unter dem Titel “Agenda 2040“', 'titled "Water for Peace"', 'под названием «…»';
- its occasion, the wider frame it took place in: "im Rahmen ihrer EU-Ratspräsidentschaft",
  "während der norwegischen OSZE-Präsidentschaft", "during Portugal's chairmanship of the OSCE",
  "в рамках председательства Казахстана в ОБСЕ" (not an event: "im Rahmen der Konferenz" is the
  frame event itself, rules.events);
- its topics: what a speech or a conference was about ("sprach … über X", "a conference on X",
  "выступил … о X"), what was discussed ("Während des Treffens wurden X diskutiert", "The sides
  discussed X", "Стороны обсудили X", "были обсуждены X") and what the sides stated ("Die Parteien
  wiesen darauf hin, dass X", "The parties noted that X", "Стороны отметили, что X"). Topics joined
  by "sowie", "as well as", "а также" are one topic each; "und / and / и" joins words of one topic
  ("zwischen Tadschikistan und Portugal") and never splits."""

from __future__ import annotations

import re
from dataclasses import dataclass

from diplokg.ingest.inflection import is_german_adjective
from diplokg.ingest.rules.context import SentenceView
from diplokg.ingest.rules.event_words import CLAUSE_END, Trigger
from diplokg.ingest.russian import morph

_F = re.IGNORECASE
_QUOTE = r"[„“”\"«]([^„“”\"«»]{2,200})[“”\"»]"
TITLE = {"de": re.compile(r"\b(?:unter\s+dem\s+(?:Titel|Motto|Thema)|mit\s+dem\s+Titel|zum\s+Thema|betitelt)\s*"
                          + _QUOTE, _F),
         "en": re.compile(r"\b(?:(?:en)?titled|under\s+the\s+(?:title|theme|motto)|on\s+the\s+theme(?:\s+of)?)\s*"
                          + _QUOTE, _F),
         "ru": re.compile(r"(?<!\w)(?:под\s+(?:названием|девизом|лозунгом)|на\s+тему|с\s+названием)\s*" + _QUOTE, _F)}
OCCASION = {"de": re.compile(r"\b(?:im\s+Rahmen|während|anlässlich|aus\s+Anlass|am\s+Rande)\s+", _F),
            "en": re.compile(r"\b(?:during|on\s+the\s+occasion\s+of|(?:with)?in\s+the\s+framework\s+of|"
                             r"on\s+the\s+(?:sidelines|margins?)\s+of|as\s+part\s+of)\s+", _F),
            "ru": re.compile(r"(?<!\w)(?:в\s+рамках|в\s+ходе|во\s+время|по\s+случаю|на\s+полях|в\s+период)\s+", _F)}
#: what a speech or conference was about, right after its noun or after its verb in the clause
ABOUT = {"de": re.compile(r"\b(?:über|zum\s+Thema)\s+", _F),
         "en": re.compile(r"\b(?:about|on\s+(?:the\s+(?:topic|theme|subject)s?\s+of\s+)?)(?=\s*\w)\s*", _F),
         "ru": re.compile(r"(?<!\w)(?:об?|обо|по\s+(?:вопрос\w+|тем\w+)|на\s+тему)\s+", _F)}
#: what was discussed: (pattern, where the topic is: after | before)
DISCUSSED = {
    "de": [(re.compile(r"\b(?:wurden?|sind|waren)\s+(?P<topic>.+?)\s+(?:diskutiert|erörtert|besprochen|behandelt)\b",
                       _F), "inner"),
           (re.compile(r"\b(?:diskutierten|erörterten|besprachen|behandelten)\s+(?:(?:die|beide)\s+(?:beiden\s+)?"
                       r"(?:Seiten|Parteien|Delegationen|Gesprächspartner)\s+)?", _F), "after")],
    "en": [(re.compile(r"\b(?:discussed|exchanged\s+views\s+on|considered)\s+", _F), "after"),
           (re.compile(r"(?P<topic>[^,;]+?)\s+(?:was|were)\s+(?:also\s+)?discussed\b", _F), "inner")],
    "ru": [(re.compile(r"(?<!\w)(?:обсудили|обсуждались|(?:был[аио]?\s+)?обсужден[аоы]?|рассмотрели|"
                       r"обменялись\s+мнениями\s+по)\s+", _F), "after")],
}
#: a statement of the sides: its content ("dass X")
STATED = {"de": re.compile(r"\b(?:wiesen|weisen)\s+darauf\s+hin|\b(?:betonten|unterstrichen|stellten\s+fest|"
                           r"hoben\s+hervor|bekräftigten|vereinbarten)\b", _F),
          "en": re.compile(r"\b(?:noted|stressed|emphasi[sz]ed|underlined|pointed\s+out|agreed|reaffirmed)\b", _F),
          "ru": re.compile(r"(?<!\w)(?:отметили|подчеркнули|констатировали|договорились|подтвердили)(?!\w)", _F)}
_THAT = {"de": r",?\s*(?:dass|daß)\s+", "en": r",?\s*that\s+", "ru": r",?\s*что\s+"}
_SPLIT = {"de": r"\s+sowie\s+|;\s*", "en": r",?\s+as\s+well\s+as\s+|;\s*", "ru": r",?\s+а\s+также\s+|;\s*"}
_STOP = {"de": {"und", "bzw", "bzw.", "sowie", "oder", "in", "im", "am", "an", "auf", "mit", "von", "zu", "nach"},
         "en": {"and", "or", "in", "at", "on", "to", "with", "by", "from", "for"},
         "ru": {"и", "или", "а", "с", "со", "к", "на", "по", "для", "от"}}
_PRONOUN = re.compile(r"(?:котор|эт[оиа]|which|whom|this|these|that|dem|denen|deren|dessen|welche)\w*\b", _F)
_DETERMINERS = {"der", "des", "dem", "den", "die", "das", "ihrer", "ihres", "seiner", "seines", "einer", "eines",
                "the", "a", "an", "its", "his", "her", "their"}


@dataclass(frozen=True)
class Phrase:
    start: int
    end: int
    text: str


def title(view: SentenceView, t: Trigger, hi: int) -> str | None:
    """The quoted title after trigger ``t`` (before ``hi``)."""
    m = TITLE[view.context.page.language].search(view.text, t.end)
    return m.group(1).strip() if m and m.start() < hi else None


def occasions(view: SentenceView, triggers: list[Trigger], dates: list[tuple[int, int]]) -> list[Phrase]:
    """The occasions the sentence names: a frame word and the noun phrase after it, not an event."""
    language = view.context.page.language
    out = []
    for m in OCCASION[language].finditer(view.text):
        end = _noun_phrase(view.text, m.end(), language, [d for d, _ in dates])
        if end <= m.end() or any(m.start() <= t.start < end for t in triggers) or _PRONOUN.match(view.text, m.end()):
            continue
        out.append(Phrase(m.start(), end, view.text[m.start():end]))
    return out


def occasion_of(text: str, found: list[Phrase], dates: list[tuple[int, int]], dated: tuple[int, int, str] | None,
                region: tuple[int, int] | None, reasons: list[str], questions: list[str]) -> str | None:
    """The occasion of an event: the one right after its date ("1999 während der …"), or right before
    its date in parentheses ("im Rahmen ihrer …-Präsidentschaft (15.-16. April 2019)": asked), else
    one in its ``region`` (none for an item of a list) that no date claims."""
    def after(p: Phrase, d: tuple[int, int]) -> bool:
        return p.start >= d[1] and not text[d[1]:p.start].strip()

    def before(p: Phrase, d: tuple[int, int]) -> bool:
        return d[0] >= p.end and re.fullmatch(r"\s*\(\s*", text[p.end:d[0]]) is not None

    for p in found:
        if dated is not None and after(p, dated[:2]):
            return p.text
        if dated is not None and before(p, dated[:2]):
            reasons.append(f"'({dated[2]})' follows '{p.text}': read as the date of the event")
            questions.append(f"Is '{dated[2]}' the date of the event, not of '{p.text}'?")
            return p.text
    if region is None:
        return None
    claimed = [p for p in found for d in dates if after(p, d) or before(p, d)]
    return next((p.text for p in found if region[0] <= p.start < region[1] and p not in claimed), None)


def _noun_phrase(text: str, at: int, language: str, stops: list[int]) -> int:
    """Where the noun phrase that starts at ``at`` ends: before punctuation, a conjunction, a
    preposition, a date or (German, Russian) a verb; a German phrase ends with a capitalised noun."""
    end = at
    tokens = list(re.finditer(r"[\w'’.-]+", text[at:at + 120]))
    for i, m in enumerate(tokens):
        start = at + m.start()
        word = m.group(0).rstrip(".") if not re.fullmatch(r"\d+\.", m.group(0)) else m.group(0)
        if start in stops or re.search(r"[,;:()\"„“”«»]", text[end:start]) or word.casefold() in _STOP[language]:
            break
        if not _in_phrase(word, tokens[i + 1].group(0) if i + 1 < len(tokens) else "", language):
            break
        if language != "de" or word[:1].isupper():
            end = start + len(word)
    return end


def _in_phrase(word: str, following: str, language: str) -> bool:
    if word.casefold() in _DETERMINERS or re.fullmatch(r"\d+\.?|[\w-]+['’]s", word):
        return True
    if language == "de":
        return word[:1].isupper() or (is_german_adjective(word) and following[:1].isupper())
    if language == "en":
        return word.casefold() != "of" or bool(following)
    parse = morph().parse(word)[0]
    return word[:1].isupper() or str(parse.tag.POS) in ("NOUN", "ADJF", "PRTF", "NUMR", "None")


def about(view: SentenceView, t: Trigger, hi: int) -> list[str]:
    """What a speech or conference was about: the phrase after "über / on / about / о" (right after
    the noun; for a verb anywhere in its clause) up to a title, a date or the clause's end."""
    language = view.context.page.language
    text = view.text
    m = ABOUT[language].search(text, t.end, hi)
    if m is None or (t.form == "noun" and text[t.end:m.start()].strip()):
        return []
    if language == "en" and m.group(0).strip().casefold() == "on" and t.form != "noun":
        return []
    end = _topic_end(view, m.end(), hi)
    return _split(text[m.end():end], language)


def discussed(view: SentenceView) -> list[Phrase]:
    """What the sentence says was discussed, and what the sides stated ("dass X")."""
    language = view.context.page.language
    text = view.text
    out: list[Phrase] = []
    for pattern, where in DISCUSSED[language]:
        for m in pattern.finditer(text):
            if where == "inner":
                start, end = m.start("topic"), m.end("topic")
            else:
                start, end = m.end(), _topic_end(view, m.end(), len(text), dates=False)
            out += [Phrase(start, end, p) for p in _split(text[start:end], language)]
    for m in STATED[language].finditer(text):
        that = re.match(_THAT[language], text[m.end():])
        if that:
            start = m.end() + that.end()
            out += [Phrase(start, len(text), p) for p in _split(text[start:], language)]
    return sorted(out, key=lambda p: p.start)


def _topic_end(view: SentenceView, at: int, hi: int, dates: bool = True) -> int:
    """Where a topic that starts at ``at`` ends: at ``hi``, a title, the clause's end (or a date)."""
    text = view.text
    ends = [hi, len(text)]
    ends += [m.start() for m in TITLE[view.context.page.language].finditer(text, at)]
    ends += [d.start for d in view.dates if d.start >= at and dates]
    for clause in CLAUSE_END.finditer(text, at):  # ", а также …" goes on with the next topic
        if not re.match(_SPLIT[view.context.page.language], text[clause.start():]):
            ends.append(clause.start())
            break
    return min(ends)


def _split(phrase: str, language: str) -> list[str]:
    parts = [p.strip(" ,.;:") for p in re.split(_SPLIT[language], phrase.strip())]
    return [p for p in parts if len(p.split()) >= 2 or (p and p[:1].isupper())]


def topic_of(kind: str, destination: str | None, view: SentenceView) -> str | None:
    """A short English topic where the type says it: "official visit to Japan"."""
    if destination and kind in ("visit", "official-visit", "working-visit", "state-visit"):
        record = view.context.states.records.get(destination)
        name = record.name("en") if record else None
        return f"{kind.replace('-', ' ')} to {name}" if name else None
    return None
