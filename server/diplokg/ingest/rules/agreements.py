"""Agreements a sentence says were signed, adopted or ratified, or names as the basis of something
(the titles: rules/instruments.py).

- signed: "Am 3. Mai 2011 wurde in Berlin das Kulturabkommen unterzeichnet", "a Joint Statement was
  signed", "была подписана Декларация о …", "the parties adopted a joint communiqué": the date and
  the city (after "in / в") of the signing clause; a day without its year takes the sentence's year.
  A sentence that signs "during the talks", "im Rahmen dieses Besuchs", "в ходе визита" and has no
  date of its own takes the previous sentence's date (and city): an open question says so.
- basis or ratification: "auf der Grundlage eines Regierungsabkommens", "the basic document … is
  the Treaty of …", "в рамках «Соглашения …»", "die Ratifizierung des … Abkommens": no signing is
  stated, so no date or place unless a participle dates it ("des im Mai 2005 unterzeichneten …").
- planned: an instrument the words before it (or before its signing word) give as possible, planned
  or in preparation ("die Möglichkeit, ein Abkommen oder einen Aktionsplan zu entwickeln", "plans to
  sign an agreement on …", "подготовка проекта Соглашения о …", "soll … unterzeichnet werden") or
  under negotiation ("die Seiten verhandeln über ein Abkommen …", "are negotiating an agreement",
  "ведутся переговоры по Соглашению …") is
  no signed agreement but a PlannedAgreement: status possible (a possibility) or intended (a plan, a
  draft); instruments offered as alternatives ("oder", "or", "или") are one, of either type.
- not drafted: plural or generic mentions, references back ("dieser Vereinbarung").
- parties: the sides of a "between" clause (a state, its government or official name → the state;
  an organisation as named, "Norwegian Red Cross"); "beider Länder", "стороны", "zwischenstaatlich"
  or no parties named: the page's two states, said so in a reading note.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplokg.ingest.dates import DateMention, StatedDate
from diplokg.ingest.facts import Agreement, Drafted, Organisation, Place, PlannedAgreement
from diplokg.ingest.inflection import russian_nominative
from diplokg.ingest.rules.context import HOME, SentenceView
from diplokg.ingest.rules.instruments import Instrument, find_instruments, state_of_side

_SIGNING = {"de": r"unterzeichn\w*|Unterzeichnung\w*|abgeschlossen\w*|geschlossen\w*|schlossen|verabschiedet\w*"
                  r"|angenommen\w*|paraphiert\w*",
            "en": r"sign(?:ed|ing)|conclu(?:ded|sion)|adopted|initialled",
            "ru": r"подпис\w+|заключ\w+|принят\w+|парафир\w+"}
_BASIS = {"de": r"auf\s+(?:der\s+)?Grundlage|auf\s+Grund|aufgrund|gemäß|im\s+Rahmen|in\s+Übereinstimmung\s+mit"
                r"|Ratifi\w+|ratifi\w+",
          "en": r"basic\s+document|basis|under\s+the|in\s+accordance\s+with|framework|ratif\w+",
          "ru": r"основополагающ\w+|на\s+основ\w+|в\s+рамках|в\s+соответствии\s+с|ратифи\w+"}
_BASIS_WINDOW = 80  # characters between the basis phrase and the instrument
#: an instrument only planned or drafted, not (yet) signed
_PLANNED = {"de": r"Entwurf\w*|Entwürfe\w*|geplant\w*|vorbereit\w*|Möglichkeit\w*|soll\w*|werden\s+unterzeichnet"
                  r"|künftig\w*|beabsichtig\w*|Ausarbeitung|verhandel(?:n|t|te|ten)\b|(?:laufen|werden)\s+Verhandlungen",
            "en": r"draft\w*|planned|planning|plans?\s+to|prepar\w+|possib\w+|will\s+(?:be\s+)?sign\w*"
                  r"|to\s+(?:be\s+)?sign\w*|future|intend\w*|(?:are|is|were|was|be|been|being)\s+(?:\w+\s+)?"
                  r"negotiat\w+|negotiating|under\s+negotiation|negotiations\s+(?:are|were)\s+(?:\w+\s+)?on",
            "ru": r"проект\w*(?=\s+(?:соглашени|договор|меморандум|деклараци|протокол|программ))|планир\w+"
                  r"|подготов\w+|возможн\w+|будет\s+подписан\w*|намер\w+|разработк\w+"
                  r"|(?:ведут(?:ся)?|идут|продолжа\w+)\s+переговоры|переговоры\s+(?:ведутся|идут|продолжа\w+)"}
_PLANNED_WINDOW = 60
_POSSIBLE = re.compile(r"möglich|Möglichkeit|possib|возможн", re.I)
#: what stands between two instruments offered as alternatives: "ein Abkommen oder einen Aktionsplan"
_ALTERNATIVE = re.compile(r"\s*,?\s*(?:oder|or|или|либо)\s+(?:(?:ein\w*|an?|the)\s+)?", re.I)
_BOTH = {"de": r"beide[nr]?\s+(?:Länder|Staaten|Seiten|Regierungen)\w*|zwischenstaatlich\w*|bilateral\w*",
         "en": r"both\s+(?:countries|states|sides|governments)|the\s+two\s+(?:countries|states|sides)|bilateral"
               r"|intergovernmental|the\s+(?:sides|parties)\b",
         "ru": r"сторон\w*|об[ео]\w*\s+стран\w*|двусторонн\w+|межгосударственн\w+|межправительственн\w+"}
_OCCASION = {"de": r"im\s+Rahmen\s+(?:dieses|des|der|dieser)\s+\w+|während\s+(?:dieses|des|der|dieser)\s+\w+"
                   r"|\bdabei\b|bei\s+(?:diesem|dem|der|dieser)\s+(?:Besuch|Treffen|Gespräch)\w*",
             "en": r"during\s+(?:the|this|these|his|her)\s+\w+|in\s+the\s+course\s+of|on\s+this\s+occasion"
                   r"|following\s+the\s+talks",
             "ru": r"в\s+ходе\s+(?:визита|переговоров|встречи|этого|данного)|во\s+время\s+\w+"
                   r"|в\s+рамках\s+(?:визита|встречи|этого|данного)"}
#: a clause ends at ';' or before a coordinated clause (a full stop inside a sentence ends an abbreviation)
#: words that make the previous sentence an occasion at which something can be signed
_EVENT = re.compile(r"besuch|treffen|gespräch|verhandlung|konferenz|gipfel|sitzung|tagung|reise|visit|meeting|\bmet\b"
                    r"|talks|negotiat|conference|summit|session|trip|визит|встреч|переговор|конференц|саммит|заседан"
                    r"|посети|поездк", re.I)
_CLAUSE_END = re.compile(r";|, (?:und|and|а|и) (?=\w+\s+\w+)")
_PLACE = {"de": re.compile(r"\b(?:in|im)\s+(?:der\s+Stadt\s+)?$"), "en": re.compile(r"\bin\s+$"),
          "ru": re.compile(r"(?<!\w)(?:в|во)\s+(?:г\.\s*)?$")}
_GOVERNMENT = re.compile(r"^(?:(?:der|die|dem|den|des|the)\s+)?(Regierung|Government|Правительств)\w*(?!\w)", re.I)
_ARTICLE = re.compile(r"^(?:der|die|das|dem|den|des|the)\s+", re.I)


def agreement_rules(view: SentenceView) -> Iterator[Drafted]:
    language = view.context.page.language
    planned: list[tuple[Instrument, re.Match[str] | None]] = []
    for instrument in find_instruments(view):
        signing = _signal(view, instrument, _SIGNING[language], anywhere=True)
        plan = _planned(view, instrument, signing)
        alternative = planned and _ALTERNATIVE.fullmatch(view.text[planned[-1][0].end:instrument.start])
        if plan is not None or alternative:  # "die Möglichkeit, ein Abkommen oder einen Aktionsplan …"
            governs = plan is not None and _same_clause(view.text, plan, instrument, signing)
            planned.append((instrument, plan if governs else None))
            continue
        basis = _signal(view, instrument, _BASIS[language], anywhere=False)
        if signing is None and (basis is None or instrument.type == "cooperation-programme"):
            continue
        reasons: list[str] = []
        questions: list[str] = []
        if instrument.inflected:
            reasons.append("'{}' of the sentence is read in the nominative: '{}'".format(*instrument.inflected))
        parties, sure = _parties(view, instrument, reasons, questions)
        date, place = (None, None)
        if signing is not None:
            date, place = _signing(view, instrument, signing, reasons, questions)
        fact = Agreement(instrument.title, parties, date, place, instrument.type, signing is not None,
                         _governments(view, instrument, reasons))
        confidence = (0.85 if sure else 0.65) - (0.2 if questions else 0)
        yield Drafted(fact, view.sentence, f"agreements/{instrument.type}", confidence, reasons, questions)
    yield from _planned_agreements(view, planned)


def _signal(view: SentenceView, instrument: Instrument, pattern: str, anywhere: bool) -> re.Match[str] | None:
    """The signing word nearest the instrument (anywhere in the sentence), or a basis phrase
    shortly before it (or a ratification after it)."""
    found = [m for m in re.finditer(rf"(?<![\w-])(?:{pattern})", view.text, re.I)
             if not instrument.start <= m.start() < instrument.end]
    if not anywhere:
        found = [m for m in found if instrument.start - _BASIS_WINDOW <= m.end() <= instrument.start
                 or (m.group(0).lower().startswith(("ratif", "ратиф")) and m.start() < instrument.start)]
    return min(found, key=lambda m: abs(m.start() - instrument.start), default=None)


def _planned(view: SentenceView, instrument: Instrument, signing: re.Match[str] | None) -> re.Match[str] | None:
    """The word just before the instrument or its signing that says it is only possible, planned or drafted."""
    pattern = re.compile(rf"(?<![\w-])(?:{_PLANNED[view.context.page.language]})", re.I)
    starts = [instrument.start] + ([signing.start()] if signing else [])
    found = [m for start in starts for m in pattern.finditer(view.text, max(0, start - _PLANNED_WINDOW), start)]
    return found[-1] if found else None


def _same_clause(text: str, plan: re.Match[str], instrument: Instrument, signing: re.Match[str] | None) -> bool:
    """Whether the planning word is in the clause of the instrument or of its signing (it governs it)."""
    starts = [instrument.start] + ([signing.start()] if signing else [])
    return any(_clause(text, at)[0] <= plan.start() for at in starts)


def _planned_agreements(view: SentenceView, planned: list[tuple[Instrument, re.Match[str] | None]]
                        ) -> Iterator[Drafted]:
    """One PlannedAgreement per planned instrument, or per group of alternatives ("A oder B")."""
    groups: list[list[Instrument]] = []
    plans: list[re.Match[str]] = []
    for instrument, plan in planned:
        if groups and _ALTERNATIVE.fullmatch(view.text[groups[-1][-1].end:instrument.start]):
            groups[-1].append(instrument)
        elif plan is not None:
            groups.append([instrument])
            plans.append(plan)
    for group, plan in zip(groups, plans, strict=True):
        reasons = [f"'{plan.group(0)}': the instrument is not signed, only {_status(plan)}"]
        questions: list[str] = []
        if len(group) > 1:
            reasons.append("one instrument, of either type: " + " or ".join(f"'{i.title}'" for i in group))
        parties, sure = _parties(view, next((i for i in group if i.sides), group[0]), reasons, questions)
        single = group[0] if len(group) == 1 else None
        title = single.title if single and (single.quoted or len(single.title.split()) > 1) else None
        fact = PlannedAgreement(tuple(dict.fromkeys(i.type for i in group)), _status(plan), parties, title)
        confidence = (0.7 if sure else 0.55) - (0.2 if questions else 0)
        yield Drafted(fact, view.sentence, f"agreements/planned-{fact.status}", confidence, reasons, questions)


def _status(plan: re.Match[str]) -> str:
    return "possible" if _POSSIBLE.match(plan.group(0)) else "intended"


def _parties(view: SentenceView, instrument: Instrument, reasons: list[str],
             questions: list[str]) -> tuple[frozenset[str], bool]:
    """The parties, and whether the sentence names them."""
    language = view.context.page.language
    pair = frozenset(s for s in (HOME, view.context.partner) if s)
    both = re.search(_BOTH[language], view.text, re.I)
    if len(instrument.sides) >= 2:
        parties: set[str] = set()
        for side in instrument.sides:
            state = state_of_side(view, side)
            if state:
                parties.add(state)
            elif re.search(_BOTH[language], side, re.I):
                parties |= pair
            else:
                parties.add(_ARTICLE.sub("", side).strip(" ,"))
        return frozenset(parties), True
    if both:
        reasons.append(f"'{both.group(0)}': the parties are the page's two states, {', '.join(sorted(pair))}")
        return pair, True
    reasons.append(f"the sentence names no parties: the page's two states are read, {', '.join(sorted(pair))}")
    others = {m.key for m in view.states} - pair
    if others:
        questions.append(f"the sentence also names {', '.join(sorted(others))}: is the agreement between "
                         f"{' and '.join(sorted(pair))} only?")
    return pair, False


def _governments(view: SentenceView, instrument: Instrument, reasons: list[str]) -> frozenset[Organisation]:
    """The sides of the "between" clause that are a state's government ("der Regierung der Republik
    Tadschikistan", "the Government of Japan", "Правительством Республики Казахстан"): the party is
    the government, an organisation of that state, named as written without its article."""
    governments = set()
    for side in instrument.sides:
        head = _GOVERNMENT.match(side)
        state = state_of_side(view, side) if head else None
        if head and state:
            name = _ARTICLE.sub("", side).strip(" ,")
            if view.context.page.language == "ru":  # "Правительством Республики …" → "Правительство Республики …"
                first, _, rest = name.partition(" ")
                name = russian_nominative([], first, rest)
            governments.add(Organisation(name, None, head.group(1).lower(), state))
            reasons.append(f"'{name}': the party is the government of {state}, an organisation of the state")
    return frozenset(governments)


def _signing(view: SentenceView, instrument: Instrument, signing: re.Match[str], reasons: list[str],
             questions: list[str]) -> tuple[StatedDate | None, Place | None]:
    """The date and city of the signing clause: the date nearest the signing word, on the side away
    from the instrument first ("am 5. Mai … unterzeichnet", "X, подписанный 6.07.2001 г.")."""
    start, end = _clause(view.text, signing.start())
    in_clause = [d for d in view.dates if start <= d.start and d.end <= end and not d.quoted
                 and not instrument.start <= d.start < instrument.end]
    before = [d for d in in_clause if d.end <= signing.start()][::-1]
    after = [d for d in in_clause if d.start >= signing.end()]
    nearest = after + before if signing.start() >= instrument.end else before + after
    mention = nearest[0] if nearest else None
    if mention is None:
        earlier = [d for d in view.dates if d.end <= start and not d.quoted]
        mention = earlier[-1] if earlier else None
        if mention:
            reasons.append(f"the signing clause has no date: {mention.text}, given earlier in the sentence, is read")
    place = _place(view, *_participle_phrase(view, instrument, signing, start, end))
    if place is None and start > 0:
        place = _earlier_place(view, start, reasons, questions)
    if mention is not None:
        return _with_year(view, mention, reasons), place
    return _carried(view, place, reasons, questions)


def _clause(text: str, at: int) -> tuple[int, int]:
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, at)), default=0)
    following = _CLAUSE_END.search(text, at)
    return start, following.start() if following else len(text)


def _with_year(view: SentenceView, mention: DateMention, reasons: list[str]) -> StatedDate | None:
    if not mention.needs_year:
        return mention.date
    full = [d for d in view.dates if not d.needs_year and not d.quoted]
    if not full:
        reasons.append(f"'{mention.text}' names no year, and the sentence none either: no date is drafted")
        return None
    year = full[0].date.start[:4]
    reasons.append(f"'{mention.text}' names no year: the year of {full[0].text} is read")
    return StatedDate(year + mention.date.start[4:], None, mention.text)


def _place(view: SentenceView, start: int, end: int) -> Place | None:
    offset = start
    while (found := view.city_after(offset, within=end - offset)) is not None:
        mention, cities = found
        in_date = any(d.start <= mention.start < d.end for d in view.dates)  # "im Mai 2011" names no city Mai
        before = view.text[max(0, mention.start - 12):mention.start]
        if not in_date and _PLACE[view.context.page.language].search(before):
            city = cities[0]
            return Place(city.name, city.geonames_id, mention.text, city.country)
        offset = mention.end
    return None


#: the article that opens a German participle phrase before an instrument ("des 2005 in Wien unterzeichneten …")
_PHRASE_START = re.compile(r"\b(?:der|des|dem|den|die|das|eine[smnr]?|ein)\s")


def _participle_phrase(view: SentenceView, instrument: Instrument, signing: re.Match[str], start: int,
                       end: int) -> tuple[int, int]:
    """Where the city of the signing is looked for: the German participle phrase when the signing is
    its participle ("eines 2017 in Wien geschlossenen Vertrags", not "die Universität in Lublin …
    auf der Grundlage eines 2017 geschlossenen Vertrags"), else the signing clause."""
    between = view.text[signing.end():instrument.start]
    if view.context.page.language != "de" or signing.end() > instrument.start \
            or not re.fullmatch(r"\s*(?:[\w-]+\s+){0,2}", between):
        return start, end
    opening = [m.start() for m in _PHRASE_START.finditer(view.text, max(start, signing.start() - 60), signing.start())]
    return (opening[-1], instrument.start) if opening else (start, end)


def _earlier_place(view: SentenceView, start: int, reasons: list[str], questions: list[str]) -> Place | None:
    """The city of an earlier signing clause of the sentence, for a clause that signs more and names
    none ("unterzeichneten … in Duschanbe die Erklärung; darüber hinaus wurden … unterzeichnet")."""
    signings = list(re.finditer(rf"(?<![\w-])(?:{_SIGNING[view.context.page.language]})", view.text[:start], re.I))
    if not signings:
        return None
    clause = _clause(view.text, signings[-1].start())
    place = _place(view, clause[0], min(clause[1], start))
    if place is not None:
        reasons.append(f"the signing clause names no city: {place.as_stated}, of the sentence's earlier signing, "
                       "is read")
        questions.append(f"was it signed in {place.name} too, like the sentence's earlier signing?")
    return place


def _carried(view: SentenceView, place: Place | None, reasons: list[str],
             questions: list[str]) -> tuple[StatedDate | None, Place | None]:
    """The date (and city) of the previous sentence, when this one signs "during the talks" of it."""
    occasion = re.search(_OCCASION[view.context.page.language], view.text, re.I)
    number = view.sentence.number
    if occasion is None or number < 2:
        return None, place
    previous = view.context.views[number - 2]
    dates = [d for d in previous.dates if not d.quoted and not d.needs_year]
    if not dates or not _EVENT.search(previous.text):
        return None, place
    date = dates[-1].date
    carried = place or _place(previous, 0, len(previous.text))
    what = "date" + (" and place" if carried and not place else "")
    reasons.append(f"'{occasion.group(0)}' refers to sentence {number - 1}: its {what} ({dates[-1].text}) is read")
    where = f" in {carried.name}" if carried and not place else ""
    questions.append(f"was it signed on {dates[-1].text}{where}, the occasion of sentence {number - 1}?")
    return date, carried
