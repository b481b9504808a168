"""Organisation links: memberships, cooperations and foundings the page states.

- member-of: "„Tajhydro“ ist Mitglied des Programms der …", "X is a member of Y", "X является членом Y";
- cooperates-with: "X arbeitet auch zusammen mit der A und dem B, um …", "X cooperates with A and
  B", "X сотрудничает с A": one link per partner, with the purpose the sentence states ("um Mittel
  … zu erhalten", "to obtain funds for …", "чтобы привлечь средства …");
- founded-by: "The Government of Japan initiated the … Dialogue" (a state's government acts for the
  state), "X wurde von Y gegründet", "X was established by Y", "X создан по инициативе Y";
- founded-on: "X wurde auf Grund einer … Gemeinsamen Erklärung … gegründet", "Auf der Grundlage
  eines zwischenstaatlichen Regierungsabkommens entstand … die X", "X was established under the
  … Agreement", "X создан на основе Соглашения …": the agreement as the page names it, in the
  nominative, with the capitalised adjectives of its name ("Gemeinsame Erklärung") and without the
  lower-case ones ("Regierungsabkommen"); its parties where the sentence names them ("zwischen dem
  A und dem B", or "zwischenstaatlich": the page's two states, said so) and the day it was signed
  ("eines am 27. April 2010 unterzeichneten …"); where the agreement rules drafted that agreement
  from the same sentence, the link names theirs (one agreement, not two).

An organisation whose name is of another one ("Programm der Europäischen Bank für Wiederaufbau und
Entwicklung …", "Programme of the United Nations …", "Программа ЕБРР") keeps it as ``of``.

Organisations are named as the page first names them (diplokg.ingest.mentions): "dem norwegischen
Außenministerium" is the "Außenministerium des Königreichs Norwegen" of an earlier sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from diplokg.ingest.facts import Agreement, Drafted, Organisation, OrganisationLink
from diplokg.ingest.inflection import german_nominative, is_german_adjective, russian_nominative
from diplokg.ingest.mentions import PageNames
from diplokg.ingest.names import NameMention
from diplokg.ingest.rules.context import HOME, SentenceView
from diplokg.ingest.rules.instruments import agreement_type
from diplokg.matching.names import unquote

_MEMBER = {"de": r"\b(?:ist|war|wurde)\s+(?:auch\s+)?Mitglied\s+(?:des|der|im|in\s+der|in\s+dem)\s+",
           "en": r"\b(?:is|was|became|has\s+been)\s+(?:also\s+)?(?:a\s+)?member\s+of\s+(?:the\s+)?",
           "ru": r"\b(?:является|являлся|являлась|стал|стала)\s+(?:также\s+)?член(?:ом)?\s+"}
_COOPERATES = {"de": r"\b(?:arbeite[tn]|kooperier(?:t|en))\s+(?:\w+\s+){0,2}?mit\s+|"
                     r"\bmit\s+(?=[^,.;]*?\b(?:zusammenarbeite[tn]|kooperier(?:t|en))\b)",
               "en": r"\b(?:cooperates?|co-operates?|works?|worked|cooperated)\s+(?:\w+\s+){0,2}?with\s+",
               "ru": r"\b(?:сотруднича(?:ет|ют|л|ла)|взаимодейству(?:ет|ют))\s+(?:\w+\s+)?с\s+"}
#: a cooperation of two subjects ("X und Y kooperieren", "X and Y cooperate", "X и Y сотрудничают"), no partner after
_MUTUAL = {"de": r"\b(?:kooperieren|arbeiten\s+(?:[a-zäöü]+\s+){0,3}?zusammen)\b(?!\s+mit\b)",
           "en": r"\b(?:cooperate|co-operate|collaborate|work\s+together)\b(?!\s+(?:\w+\s+)?with\b)",
           "ru": r"\b(?:сотрудничают|взаимодействуют)\b(?!\s+(?:\w+\s+)?с\s+\D)"}  # "с 2015 года": since
_FOUNDED_BY = {"de": r"\b(?:gründete|gründeten|initiierte|initiierten|rief|riefen)\s+",
               "en": r"\b(?:initiated|founded|established|created|launched|set\s+up)\s+",
               "ru": r"\b(?:учредил[аи]?|основал[аи]?|создал[аи]?|инициировал[аи]?)\s+"}
_FOUNDED_BY_PASSIVE = {"de": r"\b(?:von|durch)\s+(?=.*\b(?:gegründet|initiiert|ins\s+Leben\s+gerufen))|"
                             r"\bauf\s+(?:Initiative|Anregung)\s+",
                       "en": r"\b(?:founded|established|created|initiated|launched|set\s+up)\s+"
                             r"(?:(?:in|on)\s+[\w\s]{1,20}?\s+)?by\s+|\bon\s+the\s+initiative\s+of\s+",
                       "ru": r"\bпо\s+инициативе\s+|\b(?:учрежд[её]нн|созданн|основанн)\w+\s+"
                             r"(?:в\s+\d{4}\s+году\s+)?"}
#: between two founders of one organisation: "von A und B", "by A together with B", "А и Б"
_ALSO = re.compile(r"^\s*(?:\([^()]{1,12}\)\s*)?(?:und|and|и|together\s+with|gemeinsam\s+mit|совместно\s+с)\s+"
                   r"(?:the\s+|der\s+|dem\s+|des\s+)?$")
#: before a second predicate of the sentence's subject: "X, founded …, cooperates with", "X … и сотрудничает с"
_SECOND_PREDICATE = re.compile(r"(?:,|\s(?:und|and|и))(?:\s+[a-zäöüа-яё]+)?\s*$")
#: what may stand before the sentence's subject: "Die X …", "The X …"
_SUBJECT_START = re.compile(r"^\W*(?:(?:Die|Der|Das|The)\s+)?$")
_BASIS = {"de": r"\b(?:auf\s+(?:der\s+)?Grund(?:lage)?|auf\s+Basis|gemäß)\s+(?:eine[sr]?|de[sr]|dem|den)?\s*",
          "en": r"\b(?:on\s+the\s+basis\s+of|under|pursuant\s+to|in\s+accordance\s+with)\s+(?:an?|the)\s+",
          "ru": r"\bна\s+основ(?:е|ании)\s+"}
_FOUNDING = {"de": r"\b(?:gegründet|entstand|entstanden|errichtet|geschaffen|eingerichtet)\b",
             "en": r"\b(?:founded|established|created|set\s+up)\b", "ru": r"\b(?:создан|основан|учрежд[её]н)\w*"}
_AGREEMENT = {"de": re.compile(r"^\w*(?:[Aa]bkommen|[Vv]ereinbarung|[Ee]rklärung|[Vv]ertrag|Memorandum|[Pp]rotokoll|"
                               r"[Üü]bereinkommen|[Bb]eschluss)(?:e?s)?$"),
              "en": re.compile(r"^(?:Agreement|Treaty|Declaration|Memorandum|Protocol|Convention|Accord)$"),
              "ru": re.compile(r"^(?:[Сс]оглашени|[Дд]оговор|[Дд]екларац|[Мм]еморандум|[Пп]ротокол|[Кк]онвенци)\w*$")}
_BETWEEN_STATES = re.compile(r"zwischenstaatlich|intergovernmental|межгосударствен|межправительствен", re.I)
#: a purpose clause after the partners of a cooperation, to the end of the clause
_PURPOSE = {"de": re.compile(r",?\s*(\bum\s[^.;]*?\bzu\s+\w+)"),
            "en": re.compile(r",?\s*(\b(?:in\s+order\s+to|so\s+as\s+to|to)\s+[a-z][^.;,]*)"),
            "ru": re.compile(r",?\s*(\b(?:чтобы|с\s+целью|в\s+целях)\s[^.;]*)")}
#: the words between an organisation's head noun and another organisation its name is of
_OF = {"de": re.compile(r"^(?:[\w-]+\s+){1,3}(?:der|des)\s+$"),
       "en": re.compile(r"^(?:[\w-]+\s+){1,3}of\s+(?:the\s+)?$"),
       "ru": re.compile(r"^(?:[\w-]+\s+){1,3}$")}
_SIGNED = re.compile(r"unterzeichnet|signed|подписан", re.I)
_GOVERNMENT = {"government", "regierung", "правительство", "bundesregierung"}


def organisation_rules(view: SentenceView, names: PageNames, drafted: list[Drafted]) -> Iterator[Drafted]:
    """The links the sentence states; ``drafted``: the facts drafted so far (the agreements of the sentence)."""
    language = view.context.page.language
    orgs = _outermost([m for m in names.in_sentence(view.sentence.number) if m.kind == "organisation"
                       and not m.how.startswith("description")])
    agreements = [d.fact for d in drafted if isinstance(d.fact, Agreement) and d.sentence is view.sentence]
    yield from _members(view, names, orgs, language)
    yield from _cooperations(view, names, orgs, language)
    yield from _mutual(view, names, orgs, language)
    yield from _foundings(view, names, orgs, language, agreements)


def _outermost(mentions: list[NameMention]) -> list[NameMention]:
    return sorted((m for m in mentions if not any(o is not m and o.start <= m.start and m.end <= o.end
                                                  and (o.end - o.start) > (m.end - m.start) for o in mentions)),
                  key=lambda m: m.start)


def _organisation(names: PageNames, mention: NameMention) -> Organisation:
    entity = names.entity_of(mention)
    organisation = entity.organisation() if entity else \
        Organisation(mention.name, mention.key, mention.head, mention.state)
    language = names.context.page.language
    inner = [m for m in names.in_sentence(mention.sentence) if m.kind == "organisation" and m is not mention
             and mention.start < m.start and m.end <= mention.end and names.entity_of(m) is not entity]
    for other in sorted(inner, key=lambda m: m.start):
        between = mention.text[:other.start - mention.start]
        if _OF[language].match(between):
            return replace(organisation, of=_known_prefix(names, _organisation(names, other)))
    return organisation


def _known_prefix(names: PageNames, organisation: Organisation) -> Organisation:
    """An organisation the page names elsewhere whose name begins this one's, which goes on with a
    complement ("Азиатский банк развития" of "Азиатский банк развития по поддержке …"): that one
    (the complement is the outer organisation's)."""
    known = [e for e in names.entities if e.kind == "organisation" and len(e.name) < len(organisation.name)
             and organisation.name.startswith(e.name + " ")]
    return max(known, key=lambda e: len(e.name)).organisation() if known else organisation


def _subject_before(orgs: list[NameMention], offset: int, text: str = "") -> NameMention | None:
    """The organisation before ``offset``; an abbreviation in brackets stands for the name before it
    ("X при Y (ОшГУ) создан": X); before a second predicate ("X, gegründet von A, arbeitet mit …",
    "X … и сотрудничает с …"), the sentence's subject where the sentence begins with it."""
    before = [m for m in orgs if m.end <= offset and not (m.how.startswith("abbreviation")
                                                          and text[:m.start].rstrip().endswith("("))]
    if before and text and _SECOND_PREDICATE.search(text[:offset]) and _SUBJECT_START.match(text[:before[0].start]):
        return before[0]
    return before[-1] if before else None


def _of_question(names: PageNames, mention: NameMention) -> str | None:
    """A question where an organisation named as of another one ends where that one ends: the words
    after its head may be the outer one's ("Программа Азиатского банка развития по поддержке …")."""
    for inner in names.in_sentence(mention.sentence):
        if inner.kind == "organisation" and inner.key is None and mention.start < inner.start \
                and _known_prefix(names, Organisation(inner.name)).name == inner.name \
                and inner.end == mention.end and _OF[names.context.page.language].match(
                    mention.text[:inner.start - mention.start]) and len(inner.name.split()) > 3:
            return (f"Does '{inner.name}' end where '{mention.name}' ends? Its last words may belong to "
                    f"'{mention.name}' instead.")
    return None


def _link(view: SentenceView, names: PageNames, subject: NameMention, relation: str, other: Organisation | str,
          other_kind: str, partners: tuple[Organisation | str, ...] = (),
          parties: tuple[Organisation | str, ...] = (), purpose: str | None = None,
          agreement: Agreement | None = None) -> Drafted:
    organisation = _organisation(names, subject)
    fact = OrganisationLink(organisation, relation, other, other_kind, partners, parties, purpose, agreement)
    written = unquote(subject.text)
    reasons = [f"'{written}' read as '{organisation.name}'"] if written != organisation.name else []
    if isinstance(other, Organisation):
        reasons.append(f"{relation}: '{other.name}'")
    return Drafted(fact, view.sentence, f"organisations/{relation}", 0.7, reasons)


def _members(view: SentenceView, names: PageNames, orgs: list[NameMention], language: str) -> Iterator[Drafted]:
    for m in re.finditer(_MEMBER[language], view.text):
        subject = _subject_before(orgs, m.start())
        other = next((o for o in orgs if m.end() <= o.start <= m.end() + 3), None)
        if subject and other:
            drafted = _link(view, names, subject, "member-of", _organisation(names, other), "organisation")
            question = _of_question(names, other)
            if question:
                drafted.questions.append(question)
            yield drafted


def _cooperations(view: SentenceView, names: PageNames, orgs: list[NameMention], language: str) -> Iterator[Drafted]:
    for m in re.finditer(_COOPERATES[language], view.text):
        subject = _subject_before(orgs, m.start(), view.text)
        stop = re.search(r"[,;:(]|\s(?:um|to|чтобы)\s", view.text[m.end():])
        end = m.end() + (stop.start() if stop else len(view.text))
        partners = [o for o in orgs if m.end() <= o.start and o.end <= end]
        states = [s for s in view.states if m.end() <= s.start and s.end <= end
                  and not any(o.start <= s.start < o.end for o in partners)]
        if subject is None or not (partners or states):
            continue
        named = [_organisation(names, p) for p in partners]
        everyone: tuple[Organisation | str, ...] = (*named, *(s.key for s in states))
        said = _PURPOSE[language].match(view.text[end:])
        purpose = said.group(1).strip() if said else None
        others: list[tuple[Organisation | str, str]] = [*((o, "organisation") for o in named),
                                                          *((s.key, "state") for s in states)]
        for other, kind in others:
            drafted = _link(view, names, subject, "cooperates-with", other, kind, partners=everyone, purpose=purpose)
            if purpose:
                drafted.reasons.append(f"purpose as stated: '{purpose}'")
            yield drafted


def _mutual(view: SentenceView, names: PageNames, orgs: list[NameMention], language: str) -> Iterator[Drafted]:
    """"Die A (AB) und die B kooperieren …": A cooperates with B (one link, both named as partners)."""
    for m in re.finditer(_MUTUAL[language], view.text):
        before = [o for o in orgs if o.end <= m.start() and not o.how.startswith("abbreviation")]
        if len(before) < 2:
            continue
        first, second = before[-2], before[-1]
        joined = re.match(r"^\s*(?:\([^()]{1,12}\)\s*)?(?:und|and|и)\s+(?:die|der|das|the)?\s*$",
                          view.text[first.end:second.start])
        if joined and not re.search(r"[,;]", view.text[second.end:m.start()]):
            partners = (_organisation(names, first), _organisation(names, second))
            yield _link(view, names, first, "cooperates-with", partners[1], "organisation", partners=partners)


def _foundings(view: SentenceView, names: PageNames, orgs: list[NameMention], language: str,
               agreements: list[Agreement]) -> Iterator[Drafted]:
    for m in re.finditer(_FOUNDED_BY[language], view.text):
        agent = _subject_before(orgs, m.start())
        founded = next((o for o in orgs if m.end() <= o.start <= m.end() + 6), None)
        if agent and founded:
            yield _founded_by(view, names, founded, agent)
    for m in re.finditer(_FOUNDED_BY_PASSIVE[language], view.text):
        agents = _agents(view.text, orgs, m.end())
        founded = _subject_before(orgs, m.start(), view.text) \
            or next((o for o in orgs if agents and o.start >= agents[-1].end and o not in agents), None)
        if founded is not None:
            yield from (_founded_by(view, names, founded, agent) for agent in agents)
    basis = re.search(_BASIS[language], view.text, re.IGNORECASE)
    verb = re.search(_FOUNDING[language], view.text)
    if basis and verb:
        yield from _founded_on(view, names, orgs, language, agreements, basis, verb)


def _agents(text: str, orgs: list[NameMention], start: int) -> list[NameMention]:
    """The organisations right after ``start``, joined by "und / and / и / together with"."""
    agents = [o for o in orgs if start <= o.start <= start + 6][:1]
    for o in orgs:
        if agents and o.start > agents[-1].end and _ALSO.match(text[agents[-1].end:o.start]):
            agents.append(o)
    return agents


def _founded_on(view: SentenceView, names: PageNames, orgs: list[NameMention], language: str,
                agreements: list[Agreement], basis: re.Match[str], verb: re.Match[str]) -> Iterator[Drafted]:
    """"X wurde auf Grund einer … Erklärung … gegründet": the agreement, its parties and signing day."""
    agreement = _agreement(view, basis.end(), language)
    if agreement is None:
        return
    title, end, parties = agreement
    after = verb.start() >= end  # "… entstand die X": the organisation after the verb that follows the agreement
    founded = _subject_before(orgs, basis.start()) or next((o for o in orgs if after and o.start >= verb.end()), None)
    if founded is None:
        return
    if not parties:
        parties = _parties_between(view, names, orgs, end, founded)
    drafted_by_rules = next((a for a in agreements if a.title.casefold() == title.casefold()), None)
    instrument = drafted_by_rules or _instrument(view, title, basis.end(), end, parties)
    drafted = _link(view, names, founded, "founded-on", title, "agreement", parties=parties, agreement=instrument)
    if parties and parties == (HOME, view.context.partner):
        drafted.reasons.append("parties: the page's two states, from 'zwischenstaatlich' / "
                               "'intergovernmental' (no party is named)")
    if not parties and not (drafted_by_rules and drafted_by_rules.parties):
        drafted.questions.append(f"Which agreement is '{title}'? The sentence names no parties.")
    if drafted_by_rules:
        drafted.reasons.append(f"'{title}' is the agreement drafted from this sentence")
    elif instrument.date:
        drafted.reasons.append(f"'{title}' signed on {instrument.date.as_stated}, as the words before it say")
    yield drafted


def _instrument(view: SentenceView, title: str, start: int, end: int,
                parties: tuple[Organisation | str, ...]) -> Agreement:
    """The agreement a founding rests on, where the agreement rules did not draft it: its title,
    parties, and the day it was signed where the words before it say so ("eines am 27. April 2010
    unterzeichneten …", "the agreement signed on 3 May 2011")."""
    stretch = view.text[start:end]
    date = next((d.date for d in view.dates_unquoted() if start <= d.start and d.end <= end), None) \
        if _SIGNED.search(stretch) else None
    names = frozenset(p.name if isinstance(p, Organisation) else p for p in parties)
    return Agreement(title, names, date, type=agreement_type(title.split()[-1]), signed=date is not None)


def _parties_between(view: SentenceView, names: PageNames, orgs: list[NameMention], end: int,
                     founded: NameMention) -> tuple[Organisation | str, ...]:
    """The organisations of "… zwischen dem A und dem B" right after the agreement (or after the day
    it was signed: "a Joint Declaration signed on 12 May 2011 between the A and the B")."""
    between = re.match(r"[^,;:]{0,40}?(?:zwischen|between|между)\s", view.text[end:])
    if between is None:
        return ()
    end += between.end()
    stop = re.search(r"[,;:]|\s(?:gegründet|unterzeichnet|signed|подписан)", view.text[end:])
    limit = end + (stop.start() if stop else len(view.text))
    return tuple(_organisation(names, o) for o in orgs if end < o.start and o.end <= limit and o is not founded)


def _founded_by(view: SentenceView, names: PageNames, founded: NameMention, agent: NameMention) -> Drafted:
    """A government founds for its state ("The Government of Japan initiated …" → JPN)."""
    if agent.head in _GOVERNMENT and agent.state:
        drafted = _link(view, names, founded, "founded-by", agent.state, "state")
        drafted.reasons.append(f"'{agent.text}' acts for its state {agent.state}")
        return drafted
    return _link(view, names, founded, "founded-by", _organisation(names, agent), "organisation")


def _agreement(view: SentenceView, start: int, language: str) -> tuple[str, int, tuple[Organisation | str, ...]] | None:
    """The agreement named after "auf Grund …": its title in the nominative, where it ends, its parties."""
    words = list(re.finditer(r"[\w-]+", view.text[start:start + 160]))
    for i, word in enumerate(words):
        if not _AGREEMENT[language].match(word.group(0)):
            continue
        j = i
        while j > 0 and words[j - 1].group(0)[:1].isupper() and (
                language != "de" or is_german_adjective(words[j - 1].group(0))):
            j -= 1
        adjectives = [w.group(0) for w in words[j:i]]
        head = word.group(0)
        if language == "de":
            title = german_nominative(adjectives, head, "")
        elif language == "ru":
            title = russian_nominative(adjectives, head, "")
        else:
            title = " ".join([*adjectives, head])
        end = start + word.end()
        lowered = view.text[start:start + words[i].start()]
        parties: tuple[Organisation | str, ...] = ()
        if _BETWEEN_STATES.search(lowered) and view.context.partner:
            parties = (HOME, view.context.partner)
        return title, end, parties
    return None
