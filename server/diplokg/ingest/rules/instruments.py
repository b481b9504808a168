"""The agreements a sentence names, with their titles as stated: treaties, agreements, declarations,
memoranda, communiqués, protocols, action plans and cooperation programmes.

- A quoted title is taken whole, its head word in the nominative: „Abkommen zwischen … über …“,
  "Cooperation Program between … for 2024-2026", «Соглашения о …» → «Соглашение о …».
- Otherwise the instrument's head with the capitalised adjective before it ("Joint Statement",
  "Gemeinsamen Erklärung" → "Gemeinsame Erklärung", "Kulturabkommens" → "Kulturabkommen",
  "Совместного заявления" → "Совместное заявление", "joint communique") and its complement
  ("über die kulturelle Zusammenarbeit", "of Friendship between the Republic of X and Y",
  "о стратегическом партнерстве между …"), up to a verb, a date, a comma, "in/в" + a city, a quoted
  name (which is kept) or the end of the sentence; a list of subjects goes on after a comma ("о
  дружбе, добрососедстве и партнёрстве", "on Trade, Investment and Transport").
- A "between" clause gives the parties; it stays in an unquoted title only when every side is a
  state or its government (the formula of a treaty's title), not when two ministries sign, or when it
  names no two sides ("Protokoll über Konsultationen zwischen den Außenministerien").
- Plural, generic and referring mentions are not instruments: "a number of agreements", "mehrere
  Abkommen", "dieser Vereinbarung", "этого соглашения", lower-case Russian "соглашения".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diplokg.ingest.rules.adjectives import adjective_states
from diplokg.ingest.rules.context import SentenceView
from diplokg.ingest.russian import morph

#: head nouns by stem (German and Russian nouns in any case), and the agreement type they give
_TYPES = [("memorandum|меморандум|absichtserklärung", "memorandum-of-understanding"),
          ("vertrag|treaty|договор|konvention|convention|конвенци", "treaty"),
          ("erklärung|deklaration|declaration|statement|заявлени|деклараци", "joint-declaration"),
          ("kommuniqu|communiqu|коммюнике", "joint-communique"), ("protokoll|protocol|протокол", "protocol"),
          ("aktionsplan|action plan|план", "action-plan"), ("programm|program|программ", "cooperation-programme")]
_NOUNS = {
    "de": r"\w*(?:abkommen|übereinkommen|vereinbarung|vertrag|konvention|deklaration|memorandum|protokoll"
          r"|kommuniqué|kommunique|aktionsplan|programm)(?:e?s)?(?:\s+of\s+Understanding)?|Absichtserklärung"
          r"|Erklärung",
    "en": r"treaty|agreement|memorandum(?:\s+of\s+understanding)?|declaration|statement|communiqu[eé]|protocol"
          r"|program(?:me)?|convention|accord|action\s+plan",
    "ru": r"договор\w*|соглашени\w+|деклараци\w+|меморандум\w*|заявлени\w+|коммюнике|протокол\w*|программ\w+"
          r"|конвенци\w+|план\w*\s+действий",
}
_ADJECTIVE = {"de": r"[A-ZÄÖÜ]\w+(?:e|en|er|es|em)\s+", "en": r"(?:(?:[A-Z][\w-]*|joint)\s+){1,3}",
              "ru": r"[А-ЯЁ][а-яё]+(?:ое|ого|ому|ым|ом|ая|ой|ую|ый|ий|ые|ых)\s+"}
#: words before a head that make it no instrument of its own (determiners are not title words)
_DETERMINERS = re.compile(r"^(?:der|die|das|den|dem|des|ein\w*|dies\w*|the|a|an|this|that|these|those|its|their)$",
                          re.I)
_GENERIC = re.compile(r"\b(?:dies\w*|jene\w*|mehrere\w*|zahlreiche\w*|einige\w*|weitere\w*|verschiedene\w*"
                      r"|solche\w*|Reihe|Dutzend\w*|this|that|these|those|several|number|dozen|various|other"
                      r"|many|numerous|such|эт(?:от|ого|ому|им|ом|а|ой|у)|данн\w+|указанн\w+|ряд\w?|нескольк\w+"
                      r"|многочисленн\w+|(?<![\d.])(?:[2-9]|[1-9]\d)(?![\d.]))\s+(?:\w+\s+)?$", re.I)
_COMPLEMENT = {"de": r"über|zwischen|zur|zum|zu|für|betreffend|bezüglich|gegen|mit|im\s+Bereich|auf\s+dem\s+Gebiet",
               "en": r"of|on|between|for|concerning|regarding|with|to|in\s+the\s+field",
               "ru": r"о|об|между|по|в\s+области|в\s+сфере|с|на"}
_STOPS = {
    "de": r"wurde|wurden|ist|sind|war|waren|hat|haben|hatte|hatten|wird|werden|unterzeichnet\w*|geschlossen|"
          r"abgeschlossen|entstand|trat|tritt|vom|am|sowie|im\s+Umfang|in\s+Höhe|(?-i:ge[a-zäöüß]+t)"
          r"|zu\s+(?-i:(?!(?:der|die|das|den|dem|des|ein\w*)\s)[a-zäöüß]\w*)",  # "… zu schließen": an infinitive
    "en": r"was|were|is|are|has|have|had|will|signed|adopted|concluded|during|following|at|as|which|that|by",
    "ru": r"был\w*|явля\w+|подписан\w*|заключ\w+|принят\w*|вступ\w+|стал\w*|в\s+ходе|в\s+рамках|котор\w+",
}
_BETWEEN = re.compile(r"\b(?:zwischen|between)\s+|(?<!\w)между\s+", re.I)
_AND = {"de": r"\s+und\s+(?=(?:der|dem|den|des|die)\s)", "en": r"\s+and\s+(?=the\s)", "ru": r"\s+и\s+(?=[А-ЯЁ])"}
_AND_PLAIN = {"de": r"\s+und\s+(?=[A-ZÄÖÜ])", "en": r"\s+and\s+(?=[A-Z])", "ru": r"\s+и\s+(?=[А-ЯЁ])"}
#: where the last side of a "between" clause ends: the agreement's subject, or the years it is for
_SUBJECT = re.compile(r"\s(?:über|on|concerning|regarding|о|об)\s"
                      r"|\s(?:für|for|на)\s+(?:the\s+years?\s+|die\s+Jahre\s+)?\d", re.I)
_QUOTE = re.compile(r'„[^„“”"\n]{3,}[“”"]|“[^“”\n]{3,}[”“]|«[^«»\n]{3,}»|"[^"\n]{3,}"')
_TOKEN = re.compile(r'\s*(„[^“”"]*[“”"]|“[^“”]*[”“]|«[^»]*»|"[^"]*"|[\w\'’-]+|[^\w\s])')
_OPENING = "„“«\""
#: words a title does not end with ("… on cooperation in agriculture on 3 March")
_DANGLING = re.compile(r"(?:\s+(?:on|in|at|of|the|and|am|im|vom|in|und|der|die|das|den|dem|des|в|во|на|и|с|от))+$",
                       re.I)
#: an instrument named in an organisation's name ("Organisation des Vertrags über kollektive Sicherheit")
_IN_NAME = re.compile(r"(?:Organisation|Organization|Организаци\w*)\s+(?:des\s+|of\s+the\s+)?$", re.I)
_CITY_BEFORE = re.compile(r"^(?:in|im|в|во)$", re.I)
_GERMAN_GENITIVE = re.compile(r"(abkommen|vertrag|memorandum|protokoll|programm|kommuniqué|kommunique|aktionsplan"
                              r"|übereinkommen)e?s$", re.I)


@dataclass(frozen=True)
class Instrument:
    start: int  # span of the title in the sentence (a quoted title with its marks)
    end: int
    title: str  # as stated, its head in the nominative
    type: str  # a concept of vocab:agreement-type
    sides: tuple[str, ...]  # the sides of its "between" clause as written ("dem Außenministerium …")
    quoted: bool
    inflected: tuple[str, str] | None = None  # the head as written and in the nominative, where they differ


def find_instruments(view: SentenceView) -> list[Instrument]:
    """The instruments the sentence names, in order, none inside another."""
    language = view.context.page.language
    found = [i for q in _QUOTE.finditer(view.text) if (i := _quoted(view, q, language))]
    pattern = re.compile(rf"(?P<adj>{_ADJECTIVE[language]})?(?<![\w-])(?P<noun>(?i:{_NOUNS[language]}))(?![\w-])")
    for match in pattern.finditer(view.text):
        if any(i.start <= match.start("noun") < i.end for i in found):
            continue
        instrument = _unquoted(view, match, language)
        if instrument:
            found.append(instrument)
    found.sort(key=lambda i: i.start)
    return [i for n, i in enumerate(found) if not any(o.start <= i.start < o.end for o in found[:n])]


def agreement_type(head: str) -> str:
    lower = head.lower()
    return next((concept for stems, concept in _TYPES if re.search(stems, lower)), "agreement")


def _quoted(view: SentenceView, quote: re.Match[str], language: str) -> Instrument | None:
    inner = quote.group(0)[1:-1]
    head = re.match(rf"(?:\w+\s+){{0,2}}?(?<![\w-])(?i:{_NOUNS[language]})(?![\w-])", inner)
    if head is None:
        return None
    words = inner.split(" ", 1)
    first = _nominative(words[0], None, language) if head.group(0) == words[0] else words[0]
    title = " ".join([first, *words[1:]])
    sides = _sides(inner, language, quoted=True)
    inflected = (words[0], first) if first != words[0] else None
    return Instrument(quote.start(), quote.end(), title, agreement_type(head.group(0)), sides, True, inflected)


def _unquoted(view: SentenceView, match: re.Match[str], language: str) -> Instrument | None:
    noun, adjective = match.group("noun"), (match.group("adj") or "").split()
    while adjective and _DETERMINERS.match(adjective[0]):
        adjective.pop(0)
    if language == "de" and not (noun[0].isupper() or adjective):
        return None
    if not _specific(noun, adjective, language) or _GENERIC.search(view.text[:match.start()]) \
            or _IN_NAME.search(view.text[:match.start()]) or re.match(r"\s+[A-Z]", view.text[match.end():]):
        return None
    start = match.start("noun") - (len(match.group("adj")) - match.group("adj").find(adjective[0]) if adjective else 0)
    written = " ".join([*adjective, noun])
    head = _nominative(noun, " ".join(adjective) or None, language)
    end, complement = _complement(view, match.end("noun"), language)
    if not (noun[0].isupper() or adjective or complement):  # "the agreement was signed": which one?
        return None
    sides = _sides(complement, language, quoted=False)
    between = _BETWEEN.search(complement)
    if between and len(sides) > 1 and not all(state_of_side(view, side) for side in sides):
        complement = complement[:between.start()].rstrip()
        end = match.end("noun") + len(complement)
    title = (head + complement).strip()
    return Instrument(start, end, title, agreement_type(written), sides, False,
                      (written, head) if written != head else None)


def _specific(noun: str, adjective: list[str], language: str) -> bool:
    """Not a plural (a Russian word in lower case only where it cannot be one: "соглашение", not
    "соглашения"); a declaration or statement only as a joint one ("Gemeinsame Erklärung", "Joint
    Statement", "Совместное заявление"), not a declaration of independence or a government statement."""
    lower = noun.lower()
    if language == "ru":
        numbers = {p.tag.number for p in morph().parse(noun.split()[0]) if p.tag.POS == "NOUN"}
        if "sing" not in numbers or ("plur" in numbers and not (noun[0].isupper() or adjective)):
            return False
    if lower in ("erklärung", "statement") or lower.startswith("заявлени"):
        return any(a.lower().startswith(("gemeinsam", "joint", "совместн")) for a in adjective)
    return True


def _complement(view: SentenceView, at: int, language: str) -> tuple[int, str]:
    """The end of the title after its head at ``at``, and the complement's text."""
    text = view.text
    if not re.match(rf"\s+(?:{_COMPLEMENT[language]})\s|\s*[{_OPENING}]", text[at:], re.I) \
            and not (language == "ru" and _russian_genitive(text[at:])):
        return at, ""
    stops = re.compile(rf"(?:{_STOPS[language]})(?![\w-])", re.I)
    # "… und ein Memorandum über …", "… oder einen Aktionsplan": a second instrument begins
    another = re.compile(rf"(?:und|sowie|oder|and|as\s+well\s+as|or|и|а\s+также|или|либо)\s+"
                         rf"(?:[\w-]+\s+){{0,2}}?(?<![\w-])(?i:{_NOUNS[language]})(?![\w-])", re.I)
    dates = {d.start for d in view.dates}
    periods = {d.start: d.end for d in view.dates if d.date.precision == "year"}  # "for 2014-2016": in the title
    ends = [at]  # the end of each token taken
    previous, skip = "", 0
    for token in _TOKEN.finditer(text, at):
        word, start = token.group(1), token.start(1)
        if start < skip or (start in periods and previous.lower() in ("für", "for", "на")):
            skip = max(skip, periods.get(start, 0))
            ends.append(token.end(1))
            continue
        listed = _enumeration(text, start, previous, language) if word == "," else None
        if listed:  # "über Freundschaft, gute Nachbarschaft und Partnerschaft": the list is the subject
            skip = listed
            ends.append(listed)
            continue
        if start in dates or (not word[0].isalnum() and word[0] not in _OPENING) or stops.match(text, start) \
                or another.match(text, start):
            break
        if _CITY_BEFORE.match(previous) and view.city_after(start, within=len(word) + 1):
            ends.pop()  # "in" + a city: where it was signed, not the title
            break
        ends.append(token.end(1))
        if word[0] in _OPENING:
            break
        previous = word
    complement = _DANGLING.sub("", text[at:ends[-1]])
    return at + len(complement), complement


#: an item of a title's list of subjects: German nouns (an adjective may precede), English capitalised
#: words, Russian words (their case checked)
_ITEM = {"de": r"(?:[a-zäöüß]+e[nmrs]?\s+)?[A-ZÄÖÜ][\w-]+", "en": r"[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?",
         "ru": r"(?:[а-яё]+(?:[ыио]й|[ая]я|[ое]е|[ыи]е|[ое]го|[ое]му|[ыи]м|[ое]м|[ое]й|[ую]ю|[ыи]х|[ыи]ми)\s+)?[а-яё]+"}
_LIST_AND = {"de": "und", "en": "and", "ru": "и"}


def _enumeration(text: str, comma: int, previous: str, language: str) -> int | None:
    """The end of a list of subjects that goes on after the comma at ``comma`` and ends with "und /
    and / и" + an item ("о дружбе, добрососедстве и партнёрстве", "on Trade, Investment and Transport");
    Russian items must share the case of the word before the comma."""
    item = _ITEM[language]
    match = re.compile(rf",\s+(?:{item},\s+)*{item}\s+{_LIST_AND[language]}\s+{item}(?![\w-])").match(text, comma)
    follows = re.compile(rf"\s*(?:[^\w\s]|$|(?:{_COMPLEMENT[language]}|{_STOPS[language]})(?![\w-]))", re.I)
    if match is None or not follows.match(text, match.end()):  # "…, President X and President Y held talks"
        return None
    if language == "ru":
        cases = {p.tag.case for p in morph().parse(previous) if p.tag.POS == "NOUN"}
        items = re.findall(r"[а-яё]+", match.group(0))
        nouns = [w for w in items if w != "и" and not any(p.tag.POS == "ADJF" for p in morph().parse(w)[:1])]
        if not nouns or not all(cases & {p.tag.case for p in morph().parse(w) if p.tag.POS == "NOUN"} for w in nouns):
            return None
    return match.end()


def _russian_genitive(rest: str) -> bool:
    """A Russian title's complement in the genitive ("Программа сотрудничества", "Договор дружбы")."""
    word = re.match(r"\s+([а-яё]+)", rest)
    return word is not None and any(p.tag.POS == "NOUN" and "gent" in p.tag for p in morph().parse(word.group(1)))


def _sides(text: str, language: str, quoted: bool) -> tuple[str, ...]:
    """The sides of the "between" clause in ``text`` as written, each up to the agreement's subject."""
    between = _BETWEEN.search(text)
    if between is None:
        return ()
    rest = text[between.end():]
    subject = _SUBJECT.search(rest)
    if subject and (quoted or subject.start() > 0):
        rest = rest[:subject.start()]
    parts = re.split(_AND[language], rest)
    if len(parts) < 2:
        parts = re.split(_AND_PLAIN[language], rest)
    return tuple(p.strip() for p in parts if p.strip())


_STATE_FORM = re.compile(r"^(?:(?:der|die|dem|den|des|the|of|Regierung\w*|Government|Правительств\w+|Bundesrepublik"
                         r"|Republik|Republic|Республик\w+|Königreich\w*|Kingdom|Королевств\w+|Federal|Федеративн\w+)"
                         r"\s+)*", re.I)


def state_of_side(view: SentenceView, side: str) -> str | None:
    """The state a side of a "between" clause is (its name, its official name, its government)."""
    rest = _STATE_FORM.sub("", side.strip())
    mentions = view.context.states.find(rest, view.context.page.language)
    if mentions and mentions[0].start == 0 and len(rest) - mentions[0].end <= 1:
        return mentions[0].key
    # an adjective and a state noun: "Правительством Кыргызской Республики", "der Slowakischen Republik"
    return next((m.key for m in adjective_states(view) if m.text == rest.strip(" ,.")), None)


def _nominative(noun: str, adjective: str | None, language: str) -> str:
    """The head of a title in the nominative: German genitive -s/-es dropped and the adjective's
    weak ending (-e) restored; Russian words put in the nominative singular by pymorphy3."""
    if language == "de":
        noun = _GERMAN_GENITIVE.sub(lambda m: m.group(1), noun) if noun[-1] == "s" else noun
        if adjective:
            adjective = re.sub(r"(?:en|er|es|em)$", "e", adjective)
    elif language == "ru":
        noun, gender = _russian_nominative(noun, None)
        if adjective:
            adjective = " ".join(_russian_nominative(a, gender)[0] for a in adjective.split())
    return f"{adjective} {noun}" if adjective else noun


def _russian_nominative(word: str, gender: str | None) -> tuple[str, str | None]:
    pos = ("ADJF",) if gender else ("NOUN",)
    parses = [p for p in morph().parse(word) if p.tag.POS in pos]
    if not parses:
        return word, gender
    parse = next((p for p in parses if "sing" in p.tag), parses[0])
    form = parse.inflect({"nomn", "sing", gender} if gender else {"nomn", "sing"}) or parse
    new = form.word
    new = new[0].upper() + new[1:] if word[0].isupper() else new
    return new, gender or (parse.tag.gender if parse.tag.gender else None)
