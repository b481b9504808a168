"""What a sentence says of an organisation itself (facts.OrganisationFact), beyond naming it:

- a step still to come: its establishment named as a noun ("die Einrichtung der Gemeinsamen
  Kommission für …", "the establishment of the Joint Commission on …", "создание Межправительственной
  комиссии …") in a sentence that speaks of a basis, plan, aim, proposal or possibility ("sind die
  Grundlage für …", "plan", "будет") and not of it having been established: status intended, with a
  question for the reviewer;
- a joint or intergovernmental body that names no state of its own ("Gemeinsame Zwischenstaatliche
  Kommission", "Joint Commission", "Межправительственная комиссия") belongs to the page's two
  states, said so;
- an organisation described without its name and named in a later sentence ("In Tadschikistan
  funktioniert ein tadschikisch-norwegisches Gemeinschaftsunternehmen."; diplokg.ingest.descriptions):
  its kind is read from the describing noun, the state it works in from "in STATE" with a verb of
  working ("funktioniert", "operates", "действует"); the reading is a question for the reviewer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplokg.ingest.facts import Drafted, OrganisationFact
from diplokg.ingest.mentions import PageNames
from diplokg.ingest.names import NameMention
from diplokg.ingest.rules.context import HOME, SentenceView

_ESTABLISHMENT = {
    "de": r"\b(?:Einrichtung|Gründung|Schaffung|Errichtung|Bildung)\s+(?:der|des|einer|eines)\s+$",
    "en": r"\b(?:establishment|creation|setting[- ]up|founding|formation)\s+of\s+(?:the\s+|an?\s+)?$",
    "ru": r"\b(?:создани|учреждени|образовани)[еяюи]\s+$",
}
#: the sentence speaks of something to come: a basis, plan, aim, proposal, possibility, future
_PROSPECTIVE = {
    "de": r"[Gg]rundlage\b|\bBasis\b|\bZiel|\bzielt|beabsichtig|\bgeplant|\bplan(?:t|en)\b|\bvorgesehen|"
          r"\bsoll(?:en|te|ten)?\b|\bwird\b|\bwerden\b|Möglichkeit|\bVorschlag|\bvorgeschlagen|\berwäg",
    "en": r"\bbasis\s+for\b|\baim|\bplan|\bintend|\bpropos|\bwill\b|\bwould\b|\bshall\b|\bpossib|\bconsider",
    "ru": r"основ\w*\s+для|\bцел[ьи]\w*|планир|намер|предлага|предложени|\bбудет\b|\bбудут\b|возможност|"
          r"рассматрива",
}
#: the sentence says it was established after all
_ESTABLISHED = {
    "de": r"\b(?:wurde|wurden|ist|sind|war|waren)\b[^.]*\b(?:eingerichtet|gegründet|geschaffen|errichtet|gebildet)\b",
    "en": r"\b(?:was|were|has\s+been|have\s+been)\s+(?:\w+\s+)?(?:established|created|set\s+up|founded|formed)\b",
    "ru": r"\b(?:был[аио]?\s+)?(?:создан[аоы]?|учрежд[её]н[аоы]?|образован[аоы]?)\b",
}
_JOINT = re.compile(r"zwischenstaatlich|gemeinsam|intergovernmental|joint|межгосударствен|межправительствен|"
                    r"совместн", re.I)
_WORKING = {"de": r"\b(?:funktioniert|funktionieren|arbeitet|arbeiten|tätig|besteht|bestehen|existiert|operiert)\b",
            "en": r"\b(?:operates|operate|works|work|functions|exists|is\s+active|is\s+operating|is\s+working)\b",
            "ru": r"\b(?:действует|действуют|работает|работают|функционирует|функционируют|существует)\b"}
_IN = {"de": r"\b[Ii]n\s+(?:der\s+|dem\s+)?$", "en": r"\b[Ii]n\s+(?:the\s+)?$", "ru": r"\b[Вв]о?\s+$"}


def body_rules(view: SentenceView, names: PageNames) -> Iterator[Drafted]:
    """The organisation facts of one sentence."""
    language = view.context.page.language
    mentions = [m for m in names.in_sentence(view.sentence.number) if m.kind == "organisation"]
    for mention in mentions:
        if mention.how.startswith("description"):
            yield _described(view, names, mention, language)
        elif re.search(_ESTABLISHMENT[language], view.text[:mention.start]):
            drafted = _intended(view, names, mention, language)
            if drafted:
                yield drafted


def _intended(view: SentenceView, names: PageNames, mention: NameMention, language: str) -> Drafted | None:
    """An organisation whose establishment the sentence speaks of as a step to come."""
    if not re.search(_PROSPECTIVE[language], view.text) or re.search(_ESTABLISHED[language], view.text):
        return None
    entity = names.entity_of(mention)
    if entity is None:
        return None
    organisation = entity.organisation()
    noun = re.search(_ESTABLISHMENT[language], view.text[:mention.start])
    cue = re.search(rf"\w*(?:{_PROSPECTIVE[language]})\w*", view.text)
    reasons = [f"'{noun.group(0).strip() if noun else ''} {mention.text}': its establishment is spoken of as a "
               f"step to come ('{cue.group(0) if cue else ''}'), not as done: status intended"]
    states = _joint_states(view, organisation.name, organisation.state, reasons)
    questions = [f"Is '{organisation.name}' established already? The sentence speaks of its establishment but "
                 "does not say it took place: drafted as intended."]
    fact = OrganisationFact(organisation, states, status="intended")
    return Drafted(fact, view.sentence, "bodies/intended", 0.5, reasons, questions)


def _joint_states(view: SentenceView, name: str, state: str | None, reasons: list[str]) -> frozenset[str]:
    """The page's two states for a joint or intergovernmental body that names no state of its own."""
    joint = re.search(rf"\w*(?:{_JOINT.pattern})\w*", name, re.I)
    if state or not joint or not view.context.partner:
        return frozenset({state} if state else ())
    reasons.append(f"'{joint.group(0)}' and no state named: a body of the page's two states "
                   f"({HOME}, {view.context.partner})")
    return frozenset({HOME, view.context.partner})


def _described(view: SentenceView, names: PageNames, mention: NameMention, language: str) -> Drafted:
    """An organisation described without its name: its kind, the state it works in."""
    entity = names.entity_of(mention)
    assert entity is not None
    organisation = entity.organisation()
    reasons = [f"'{mention.text}' is read as '{organisation.name}': {mention.how}",
               f"its kind is read from '{mention.head}'"]
    located = None
    working = re.search(_WORKING[language], view.text)
    places = [s for s in view.states if re.search(_IN[language], view.text[:s.start])]
    if working and len(places) == 1:
        located = places[0].key
        reasons.append(f"'{places[0].text}' with '{working.group(0)}': it works in {located}")
    questions = [f"Is '{mention.text}' the organisation '{organisation.name}' named later?"]
    fact = OrganisationFact(organisation, located_in=located, described_as=mention.text)
    return Drafted(fact, view.sentence, "bodies/described", 0.6, reasons, questions)
