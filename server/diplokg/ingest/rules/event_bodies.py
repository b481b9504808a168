"""The organisations that take part in an event, as the sentence names them (found by
diplokg.ingest.organisations, one entity per organisation by diplokg.ingest.mentions):

- the organiser: the subject of "organisierte / veranstaltete / organized / hosted / организовал /
  провёл" ("Die portugiesische Regierung organisierte … eine Konferenz", "The Government of Japan
  hosted a forum"), or the agent of "organized by";
- the deciding body: the subject of a decision ("der Ausschuss … hat eine Entscheidung …
  getroffen", "the Committee decided", "Комитет принял решение");
- a delegation: "die norwegische Delegation der Parlamentarischen Versammlung", "a delegation of
  the Kingdom of Norway", "делегация Королевства Норвегия": of the state its adjective or the
  state after it names, and a delegation of the organisation after it, where one follows;
- the sides of an event between organisations: "zwischen der X und der Y", "between the X and the
  Y", "между X и Y" (both organisations, not states)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from diplokg.ingest.facts import Organisation, Participant
from diplokg.ingest.inflection import german_nominative, russian_nominative
from diplokg.ingest.mentions import PageNames
from diplokg.ingest.names import NameMention
from diplokg.ingest.rules.adjectives import adjective_before, state_adjectives
from diplokg.ingest.rules.context import SentenceView

_F = re.IGNORECASE
ORGANISE = {"de": re.compile(r"\b(?:organisierte[n]?|veranstaltete[n]?|richtete[n]?\s+(?:[\w-]+\s+){0,8}?aus)\b"),
            "en": re.compile(r"\b(?:organi[sz]ed|hosted|convened)\b(?P<by>\s+by\s+(?:the\s+)?)?", _F),
            "ru": re.compile(r"(?<!\w)(?:организовал[аио]?|провел[аио]?|провёл)(?!\w)", _F)}
DECIDE = {"de": re.compile(r"\b(?:Entscheidung|Beschluss)\b|\bbeschlo(?:ss|ß)(?:en)?\b|\bentschied\w*"),
          "en": re.compile(r"\bdecid(?:ed|ion)\b|\bresolved\b", _F),
          "ru": re.compile(r"(?<!\w)(?:решени[еяю]|постановил\w*|решил\w*)(?!\w)", _F)}
DELEGATION = {"de": re.compile(r"\bDelegation\b"), "en": re.compile(r"\bdelegation\b", _F),
              "ru": re.compile(r"(?<!\w)делегаци[яиюей]\w*", _F)}
_OF_STATE = re.compile(r"^\s*(?:des|der|von|aus|of\s+(?:the\s+)?|from\s+(?:the\s+)?)?\s*(?:Königreichs?\s+|Republik\s+|"
                       r"Kingdom\s+of\s+|Republic\s+of\s+|Королевства\s+|Республики\s+)?$")
_OF_BODY = re.compile(r"^\s+(?:der|des|to\s+the|of\s+the)\s+$")
#: an abbreviation in the genitive that completes a name ("der Parlamentarischen Versammlung der OSZE")
_GENITIVE_ACRONYM = re.compile(r"\s+(?:der|des|of\s+the)\s+[A-ZÄÖÜ]{2,6}\b")
#: an organisation named as the genitive of a noun before it ("der Rat der X"): not the subject
_GENITIVE_OF = re.compile(r"(?:\b[A-ZÄÖÜ]\w+\s+(?:der|des)|\b\w+\s+of(?:\s+the)?)\s+$")
_BETWEEN = {"de": r"\bzwischen\s+(?:der|dem|den)?\s*$", "en": r"\bbetween\s+(?:the\s+)?$", "ru": r"(?<!\w)между\s+$"}
_AND = re.compile(r"^\s+(?:und|and|и)\s+(?:der|dem|den|the)?\s*$")
_ARTICLE = re.compile(r"^(?:die|der|das|den|dem|des|eine[rsmn]?|the|a|an)\s+", _F)


@dataclass(frozen=True)
class Body:
    """An organisation that took part, where the sentence names it."""

    start: int
    end: int
    participant: Participant
    notes: tuple[str, ...] = ()


def bodies(view: SentenceView, names: PageNames | None) -> list[Body]:
    """The organisers, deciding bodies and delegations the sentence names, in order."""
    organisations = _organisations(view, names)
    found = [*_organisers(view, organisations, names), *_deciders(view, organisations, names),
             *_delegations(view, organisations, names)]
    return sorted(found, key=lambda b: b.start)


def sides(view: SentenceView, names: PageNames | None, lo: int, hi: int) -> tuple[Organisation, ...]:
    """The two organisations "zwischen X und Y" names within lo:hi, if both are organisations."""
    organisations = _organisations(view, names)
    text = view.text
    for first in organisations:
        if not (lo <= first.start < hi) or not re.search(_BETWEEN[view.context.page.language], text[:first.start]):
            continue
        second = next((o for o in organisations if o.start >= first.end and _AND.match(text[first.end:o.start])),
                      None)
        if second is not None:
            german = view.context.page.language == "de"
            return _organisation(first, names, german), _organisation(second, names, german)
    return ()


def _organisations(view: SentenceView, names: PageNames | None) -> list[NameMention]:
    """The sentence's organisations, the outermost of nested names only."""
    if names is None:
        return []
    found = [m for m in names.in_sentence(view.sentence.number) if m.kind == "organisation"]
    found.sort(key=lambda m: (m.start, -m.end))
    out: list[NameMention] = []
    for m in found:
        if not any(o.start <= m.start and m.end <= o.end for o in out):
            out.append(m)
    return out


def _organisation(mention: NameMention, names: PageNames | None, german: bool = False) -> Organisation:
    """The organisation a mention names: its entity on the page, unless that is of another state
    than the mention says; named by a state's adjective and its head noun where the page names it so
    ("die österreichische Regierung": "Österreichische Regierung")."""
    entity = names.entity_of(mention) if names is not None else None
    found = entity.organisation() if entity is not None else None
    if found is None or (mention.state and found.state != mention.state):
        found = Organisation(mention.name, mention.key, mention.head, mention.state)
    words = mention.text.split()
    if german and found.key is None and len(words) == 2 and found.name == words[1] and words[0][:1].islower():
        name = german_nominative([words[0][:1].upper() + words[0][1:]], words[1], "")
        found = Organisation(name, None, found.head, found.state)
    return found


def _participant(view: SentenceView, mention: NameMention, names: PageNames | None, part: str, role: str
                 ) -> Participant:
    """An organisation in its part; of the state its name or a state's adjective in it names."""
    body = _organisation(mention, names, view.context.page.language == "de")
    code = mention.state or body.state or next((a.key for a in state_adjectives(view)
                                                if mention.start <= a.start < mention.end), None)
    if code and not body.state:
        body = replace(body, state=code)
    return Participant(None, _ARTICLE.sub("", mention.text), role, code, part, body)


def _organisers(view: SentenceView, organisations: list[NameMention], names: PageNames | None) -> list[Body]:
    text = view.text
    out = []
    for verb in ORGANISE[view.context.page.language].finditer(text):
        if verb.groupdict().get("by"):  # "organized by the Government of …"
            subject = next((o for o in organisations if o.start == verb.end()), None)
        else:  # right before the verb, or right after it ("organisierte die Regierung …")
            subject = next((o for o in organisations if _next_to(text, o, verb.start(), verb.end())), None)
        if subject is not None:
            participant = _participant(view, subject, names, "organizer", "organiser")
            out.append(Body(subject.start, subject.end, participant, (f"'{subject.text}' organised it",)))
    return out


def _next_to(text: str, o: NameMention, start: int, end: int) -> bool:
    """Whether ``o`` stands right before start:end, or right after it (an article between)."""
    if o.end <= start:
        return not text[o.end:start].strip()
    return o.start >= end and not _ARTICLE.sub("", text[end:o.start] + " ").strip()


def _deciders(view: SentenceView, organisations: list[NameMention], names: PageNames | None) -> list[Body]:
    """The subject of a decision: the first organisation before it that is no genitive of a noun,
    with at most three words between (names, states and dates not counted: "der Rat der X der
    Republik Y hat am 3. Mai 2021 eine Entscheidung")."""
    text = view.text
    named = [(o.start, o.end) for o in organisations] + [(m.start, m.end) for m in view.states]
    named += [(d.start, d.end) for d in view.dates]
    for decision in DECIDE[view.context.page.language].finditer(text):
        before = [o for o in organisations if o.end <= decision.start() and not _GENITIVE_OF.search(text[:o.start])
                  and _short_gap(text, o.end, decision.start(), named)]
        if before:
            subject = before[0]
            participant = _participant(view, subject, names, "decision-body", "decision-maker")
            return [Body(subject.start, subject.end, participant, (f"'{subject.text}' took the decision",))]
    return []


def _short_gap(text: str, start: int, end: int, named: list[tuple[int, int]]) -> bool:
    gap = "".join(" " if any(a <= i < b for a, b in named) else c for i, c in enumerate(text[start:end], start))
    return len(re.sub(r"\b(?:der|des|von|of|the)\b", " ", gap).split()) <= 3 and not re.search(r"[,;]", gap)


def _delegations(view: SentenceView, organisations: list[NameMention], names: PageNames | None) -> list[Body]:
    text = view.text
    language = view.context.page.language
    out = []
    for m in DELEGATION[language].finditer(text):
        adjective = adjective_before(view, m.start(), 2)
        after = next((s for s in view.states if s.start >= m.end() and _OF_STATE.match(text[m.end():s.start])), None)
        code = adjective.key if adjective else after.key if after else None
        if code is None:
            continue
        member = next((o for o in organisations if o.start > m.end() and _OF_BODY.match(text[m.end():o.start])), None)
        start = adjective.start if adjective else m.start()
        end = after.end if after else member.end if member else m.end()
        tail = _GENITIVE_ACRONYM.match(text, end) if member is not None else None
        end = tail.end() if tail else end
        stated = text[start:end]
        adjectives = [adjective.text] if adjective is not None else []
        if language == "de" and adjectives:
            stated = german_nominative(adjectives, m.group(0), text[m.end():end].strip())
        elif language == "ru":
            stated = russian_nominative(adjectives, m.group(0), text[m.end():end].strip())
        body = Organisation(stated, None, "delegation", code)
        of = _organisation(member, names) if member is not None else None
        participant = Participant(None, stated, "delegation", code, "delegation", body, of)
        out.append(Body(start, end, participant, (f"'{stated}' is a delegation of {code}",)))
    return out
