"""Name variants: a later form of a name the page used first, drafted where the page writes it.

"Im Dezember 2011 … Präsident Emomali Rahmon …" then "Präsident Rahmon nahm … teil": Rahmon is a
variant of Emomali Rahmon (sentence of "Rahmon"). Other forms: initials ("E. Rahmon",
"К.-Ж. Токаев"), another order ("ABE Shinzo" for "Shinzo Abe"; "Kalandar Idibek" for the graph's
"Idibek Kalandar"), part of the name ("Валихана Туреханова" for "Туреханов Валихан Амирханулы",
kept as written), another transliteration ("Serzh Sarkisian" / "Serzh Sargsyan"), a changed name
("Давлатали Назризода" / "Давлат Назри"), an abbreviation ("Europäischen Union (EU)"), a state's
adjective for "of the state" ("norwegischen Außenministerium"), a city's other name ("Астане" for
"Нур-Султан"). Each form is drafted once, where it first appears; a form that differs only by its
case ("Эмомали Рахмона") is no variant. Guesses (transliterations, renamings, near spellings, a form
that fits two entities) carry an open question and a lower confidence."""

from __future__ import annotations

from collections.abc import Iterator

from diplokg.ingest.facts import Drafted, NameVariant
from diplokg.ingest.mentions import Entity, PageNames
from diplokg.ingest.names import CONFIDENCE, NameMention
from diplokg.ingest.segment import Sentence
from diplokg.matching.names import unquote, words

_READING = {"order": "the same words in another order", "initials": "initials for given names",
            "surname": "the family name alone", "part": "part of the full name", "longer": "a fuller form",
            "spelling": "another transliteration", "renamed": "the name with a changed ending",
            "abbreviation": "an abbreviation given beside the full name", "graph": "the graph's name for it",
            "state-adjective": "the state's adjective for 'of the state'", "similar": "a near spelling",
            "city": "another name of the same GeoNames city", "same": "the same name",
            "sign": "the same name with a sign for a word ('+' for 'plus')",
            "state-named": "the same name with its state named in fewer words"}
_QUESTIONS = {
    "spelling": "Is '{variant}' another transliteration of '{entity}' (the same person)?",
    "renamed": "Is '{variant}' the same person as '{entity}', under a changed name?",
    "similar": "Is '{variant}' a misspelling of '{entity}'?",
    "state-adjective": "Is '{variant}' the organisation '{entity}' named earlier on the page?",
    "state-named": "Is '{variant}' the organisation '{entity}' named earlier on the page?",
}


def variant_rules(names: PageNames, sentences: dict[int, Sentence]) -> Iterator[Drafted]:
    """The name variants of a page, in page order."""
    drafted = []
    for entity in names.entities:
        drafted += list(_variants(entity, sentences))
    yield from sorted(drafted, key=lambda d: (d.sentence.number, d.fact.variant if isinstance(d.fact, NameVariant)
                                              else ""))


def _variants(entity: Entity, sentences: dict[int, Sentence]) -> Iterator[Drafted]:
    seen = {tuple(words(entity.name))}
    for mention in sorted(entity.mentions, key=lambda m: (m.sentence, m.start)):
        relation = entity.relations.get(id(mention), "same")
        form = tuple(words(mention.name))
        if relation in ("first", "same", "description") or form in seen:
            seen.add(form)
            continue
        seen.add(form)
        yield _drafted(entity, mention, relation, sentences[mention.sentence])


def _drafted(entity: Entity, mention: NameMention, relation: str, sentence: Sentence) -> Drafted:
    variant = unquote(mention.text)
    fact = NameVariant(entity.name, variant, entity.kind, relation, entity.key,
                       entity.organisation() if entity.kind == "organisation" else None, entity.place)
    reasons = [f"'{variant}' read as {entity.kind} '{entity.name}': {_READING.get(relation, relation)}"]
    if mention.how:
        reasons.append(f"'{variant}' found by {mention.how}")
    if entity.graph_name:
        reasons.append(f"'{entity.name}' is the graph's name of {entity.key}")
    questions = []
    confidence = CONFIDENCE.get(relation, 0.6)
    if relation in _QUESTIONS:
        questions.append(_QUESTIONS[relation].format(variant=variant, entity=entity.name))
    if "do not fit" in mention.how:
        questions.append(f"Does '{variant}' stand for '{entity.name}'? Its letters do not spell the name.")
        confidence = min(confidence, 0.5)
    others = entity.ambiguous.get(id(mention))
    if others:
        questions.append(f"'{variant}' fits '{entity.name}' and also " + ", ".join(f"'{o}'" for o in others)
                         + ": which is meant?")
        confidence = min(confidence, 0.4)
    return Drafted(fact, sentence, f"names/{relation}", confidence, reasons, questions)
