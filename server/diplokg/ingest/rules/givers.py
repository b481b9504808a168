"""Who gives and who receives the assistance a sentence states (rules/assistance.py), from the
states it names, their demonyms and the agencies the page has named by an abbreviation.

- marked roles (rules/parties.py): "to / für / для", a Russian dative, "from / von / от", the
  phrase a name is part of ("to the Ministry of Health of X", "für Schulen der Region X").
- agencies: an abbreviation the page has defined after a name that names a state ("the United
  States Agency for International Development (USAID)", "die Französische Entwicklungsagentur
  (AFD)", "Турецкое агентство по сотрудничеству (ТИКА)") stands for that state where it is used
  alone later ("USAID pledged …", "… implemented by TİKA").
- a receiving verb ("received from", "erhielt von", "получил от"): the unmarked state is the
  recipient; otherwise the unmarked states are read in the order named, donor first.
- no donor named: a bare government ("die Bundesregierung", "the Government") is the partner's; an
  envoy who hands something over ("Chargé d'Affaires a.i. X handed over …") is the head of mission
  the page has drafted for him, else the partner's (an open question). No recipient: Tajikistan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from diplokg.ingest.facts import Drafted, HeadOfMission
from diplokg.ingest.rules.context import HOME, SentenceView
from diplokg.ingest.rules.money import Money
from diplokg.ingest.rules.parties import Side, demonyms, role
from diplokg.ingest.russian import morph

_GOVERNMENT = {"de": r"\b(?:Bundes)?[Rr]egierung\b", "en": r"\b[Gg]overnment\b(?!\s+of)",
               "ru": r"(?<!\w)[Пп]равительств\w+"}
_RECEIVING = {"de": r"\b(?:erhielt\w*|erhalten|bekam\w*|empfing\w*)\b", "en": r"\b(?:received|receives|obtained)\b",
              "ru": r"(?<!\w)(?:получил\w*|получен\w*)"}
_ENVOY = {"de": r"Botschafter\w*|Geschäftsträger\w*|Gesandte\w*", "en": r"Ambassador|Charg[ée]\s+d[’']Affaires|Envoy",
          "ru": r"(?<!\w)(?:[Пп]ос(?:ол|л[аеуо]\w*)|[Пп]оверенн\w+\s+в\s+делах)"}
#: a preposition that marks the giver just before a state's name ("from the Republic of", "от")
_GIVER = re.compile(r"(?:\b(?:from|von|aus|seitens)|(?<!\w)от)\s+(?:[\w'’-]+\s+){0,3}$", re.I)
#: an abbreviation in brackets after a name ("(USAID)", "(TİKA)", "(ТИКА)")
_DEFINED = re.compile(r"\(([^\W\d_]{2,8})\)")


@dataclass
class Reading:
    donor: str
    recipient: str
    reasons: list[str]
    sure: bool
    questions: list[str]


def roles(view: SentenceView, limit: int, money: list[Money], drafted: list[Drafted]) -> Reading | None:
    """Donor and recipient: as the sentence marks them, else in the order it names them."""
    partner = view.context.partner
    sides = [Side(m.key, m.start, m.text, role(view, m.start, m.text)) for m in view.states
             if m.start < limit and not any(a.start <= m.start < a.end for a in money)]
    sides += [s for s in demonyms(view, (HOME, partner)) + agencies(view) if s.start < limit]
    sides.sort(key=lambda s: s.start)
    receiving = re.search(_RECEIVING[view.context.page.language], view.text)
    if receiving:  # "the Border Service of X received … from Y": only "from" marks the giver
        sides = [s if _GIVER.search(view.text[:s.start]) else replace(s, role=None) for s in sides]
    reading = Reading("", "", [], True, [])
    donor = next((s.key for s in sides if s.role == "donor"), None)
    recipient = next((s.key for s in sides if s.role == "recipient" and s.key != donor), None)
    government = _bare_government(view, limit)
    if donor is None and government and partner and partner != recipient:
        donor = partner
        reading.reasons.append(f"'{government.group(0).strip()}' names no state: the government of the page's "
                               f"partner {partner}")
    for side in (s for s in sides if s.role is None):
        if receiving and recipient is None and side.key != donor:
            recipient = side.key
            reading.reasons.append(f"'{side.text}' is read as the recipient: it '{receiving.group(0)}'")
        elif donor is None and side.key != recipient:
            donor, reading.sure = side.key, False
            reading.reasons.append(f"'{side.text}' is read as the donor, named first")
        elif recipient is None and side.key != donor:
            recipient = side.key
            reading.reasons.append(f"'{side.text}' is read as the recipient, named after the donor")
    if donor is None and recipient == HOME:
        donor = _envoy_state(view, drafted, reading)
    if donor and recipient is None and donor != HOME:
        recipient = HOME
        reading.reasons.append(f"the sentence names no recipient: {HOME}, the ministry's state")
    if donor is None or recipient is None or donor == recipient:
        return None
    reading.donor, reading.recipient = donor, recipient
    return reading


def agencies(view: SentenceView) -> list[Side]:
    """The abbreviations used alone in the sentence that the page (up to this sentence) has defined
    after a name naming one of its two states, as sides of that state."""
    keys = (HOME, view.context.partner)
    defined: dict[str, str] = {}
    for earlier in view.context.views[:view.sentence.number]:
        for match in _DEFINED.finditer(earlier.text):
            if match.group(1).isupper():
                key = _state_named_before(earlier, match.start(), keys)
                if key:
                    defined.setdefault(match.group(1), key)
    found = []
    for abbreviation, key in defined.items():
        for match in re.finditer(rf"(?<![\w(]){re.escape(abbreviation)}(?![\w)])", view.text):
            found.append(Side(key, match.start(), match.group(0), role(view, match.start(), match.group(0), True)))
    return found


def _state_named_before(view: SentenceView, at: int, keys: tuple[str | None, ...]) -> str | None:
    """The state (of ``keys``) named, by its name or its demonym, in the name that ends at ``at``:
    its capitalised words and their links, no further back than the clause."""
    start = max((m.end() for m in re.finditer(r"[,;:(]|\s[a-zа-яё]{4,}\s", view.text[:at])
                 if _ends_clause(m.group(0), view.context.page.language)), default=0)
    named = [m.key for m in view.states if start <= m.start < at and m.key in keys]
    named += [s.key for s in demonyms(view, keys) if start <= s.start < at]
    return named[0] if len(set(named)) == 1 else None


def _ends_clause(word: str, language: str) -> bool:
    """A mark or lower-case word that ends a clause before a name: any such word in German and
    English ("opened"), a verb in Russian, whose names go on in lower case ("агентство развития")."""
    if language != "ru" or not word.strip().isalpha():
        return True
    return any(p.tag.POS in ("VERB", "INFN", "PRTS", "GRND") for p in morph().parse(word.strip())[:1])


def _envoy_state(view: SentenceView, drafted: list[Drafted], reading: Reading) -> str | None:
    """The state of an envoy who gives something and whose state the sentence does not name: the
    head of mission the page has drafted with his name, else the page's partner (asked)."""
    envoy = re.search(_ENVOY[view.context.page.language], view.text)
    partner = view.context.partner
    if envoy is None:
        return None
    for fact in (d.fact for d in drafted if isinstance(d.fact, HeadOfMission)):
        surname = fact.person.name.split()[-1] if fact.person else None
        if surname and fact.sending and re.search(rf"(?<!\w){re.escape(surname)}(?!\w)", view.text):
            reading.reasons.append(f"'{surname}' heads the mission of {fact.sending} (an earlier sentence): the donor")
            return fact.sending
    if partner is None or partner == HOME:
        return None
    reading.sure = False
    reading.reasons.append(f"'{envoy.group(0)}' names no state: read as the envoy of the page's partner {partner}")
    reading.questions.append(f"the sentence names no donor: is '{envoy.group(0)}' the envoy of {partner}, the donor?")
    return partner


def _bare_government(view: SentenceView, limit: int) -> re.Match[str] | None:
    """A government the sentence names without its state ("die Bundesregierung", "the Government",
    "Правительство"), not "die japanische Regierung", "the Swedish government", "шведское правительство"."""
    language = view.context.page.language
    for match in re.finditer(_GOVERNMENT[language], view.text[:limit]):
        before = re.findall(r"[\w'’-]+", view.text[:match.start()])
        previous = before[-1] if before else ""
        if language == "ru":
            bare = not any(p.tag.POS == "ADJF" for p in morph().parse(previous)) if previous else True
        else:
            bare = previous.lower() in ("", "die", "der", "seitens", "the", "its", "their")
        if bare:
            return match
    return None
