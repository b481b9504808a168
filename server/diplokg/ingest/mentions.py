"""The persons, organisations and cities a page names, and which mentions name the same one.

    names = page_names(context, entities)
    names.entities            # each with its canonical name (the first form the page uses) and mentions
    names.in_sentence(7)      # the mentions of sentence 7, each with .entity
    names.entity_of(mention)  # the entity a mention names ("Rahmon" → "Emomali Rahmon")

Persons (diplokg.ingest.persons) are read first with their titles and honorifics, then a second
pass finds the names the page has used without a title ("ABE Shinzo"). Two person mentions are one
person when ``names.person_relation`` relates them (same words, order, initials, surname, part,
transliteration, renaming); a mention that fits two persons is left to the reviewer (``ambiguous``).
Organisations (diplokg.ingest.organisations) are one when the graph knows them as one, when one
abbreviates the other in a sentence, when their names agree, when a state's adjective and head noun
fit a name of that state ("norwegischen Außenministerium" / "Außenministerium des Königreichs
Norwegen"), or when a one-word name is spelt nearly alike ("Tajhydro" / "Tajikhydro"); a
description without a name that the next sentence names ("ein tadschikisch-norwegisches
Gemeinschaftsunternehmen" … 'Das tadschikisch-norwegische Unternehmen "Tajikhydro"') is a mention
of that organisation (diplokg.ingest.descriptions), the first one. Cities are
one when they are the same GeoNames city ("Нур-Султан" / "Астана"). A person the graph holds whose
words the page writes in another order keeps the graph's name ("Kalandar Idibek" → "Idibek Kalandar")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from diplokg.ingest.descriptions import describe
from diplokg.ingest.entities import EntityIndex
from diplokg.ingest.facts import Organisation, Place
from diplokg.ingest.gazetteer import CityGazetteer, Mention, StateGazetteer
from diplokg.ingest.names import NameMention, person_relation, similar_single
from diplokg.ingest.organisations import find_organisations
from diplokg.ingest.page import Page
from diplokg.ingest.persons import find_persons, known_person_spans, known_words
from diplokg.ingest.russian import morph
from diplokg.ingest.segment import Sentence
from diplokg.matching.names import unquote, words

_QUOTED_WORD = re.compile(r"[\"„“«][A-ZА-ЯЁ][\w-]{2,}[\"“”»]")


class SentenceLike(Protocol):
    """What is read of a sentence (rules.context.SentenceView)."""

    @property
    def sentence(self) -> Sentence: ...
    @property
    def states(self) -> list[Mention]: ...
    @property
    def text(self) -> str: ...


class PageLike(Protocol):
    """What is read of a page (rules.context.PageContext, which this module must not import)."""

    @property
    def page(self) -> Page: ...
    @property
    def states(self) -> StateGazetteer: ...
    @property
    def cities(self) -> CityGazetteer: ...
    @property
    def views(self) -> Sequence[SentenceLike]: ...
    @property
    def preferred_countries(self) -> tuple[str, ...]: ...


@dataclass
class Entity:
    kind: str  # person | organisation | city
    name: str  # canonical: the page's first form (a person the graph holds: the graph's label)
    mentions: list[NameMention] = field(default_factory=list)
    key: str | None = None  # graph IRI or GeoNames id
    graph_name: bool = False  # the name is the graph's, not the page's first form
    relations: dict[int, str] = field(default_factory=dict)  # id(mention) → how it names the entity
    ambiguous: dict[int, list[str]] = field(default_factory=dict)  # id(mention) → other candidates
    place: Place | None = None  # a city: its GeoNames record

    def organisation(self) -> Organisation:
        """The entity as an organisation of a drafted fact (head noun and state from its mentions, the
        first the page writes first: a description's noun before the name's)."""
        ordered = sorted(self.mentions, key=lambda m: (m.sentence, m.start))
        head = next((m.head for m in ordered if m.head), None)
        state = next((m.state for m in ordered if m.state), None)
        return Organisation(self.name, self.key, head, state)


@dataclass
class PageNames:
    context: PageLike
    entities: list[Entity] = field(default_factory=list)
    _of: dict[int, Entity] = field(default_factory=dict)

    def in_sentence(self, number: int) -> list[NameMention]:
        return [m for e in self.entities for m in e.mentions if m.sentence == number]

    def entity_of(self, mention: NameMention) -> Entity | None:
        return self._of.get(id(mention))

    def organisations(self) -> dict[str, Organisation]:
        """Every organisation of the page by each name it goes by (as written, unquoted, in the nominative)."""
        out: dict[str, Organisation] = {}
        for entity in self.entities:
            if entity.kind == "organisation":
                organisation = entity.organisation()
                for form in (entity.name, *(f for m in entity.mentions for f in (m.name, unquote(m.text)))):
                    out.setdefault(form, organisation)
        return out

    def add(self, mention: NameMention, entity: Entity, relation: str) -> None:
        entity.mentions.append(mention)
        entity.relations[id(mention)] = relation
        self._of[id(mention)] = entity


def page_names(context: PageLike, index: EntityIndex) -> PageNames:
    """Every person, organisation and city the page names, with its mentions in page order."""
    language = context.page.language
    organisations: list[NameMention] = []
    persons: list[NameMention] = []
    cities: list[NameMention] = []
    places: dict[str, Place] = {}
    for view in context.views:
        number, text = view.sentence.number, view.text
        found = find_organisations(text, language, view.states, context.states, index.organisation_labels)
        organisations += [NameMention("organisation", number, o.start, o.end, o.text, o.name, o.key, o.head, o.state,
                                      o.full, o.how) for o in found]
        taken = [(o.start, o.end) for o in found]
        in_sentence = context.cities.find(text, language, context.preferred_countries)
        spans = [(c.start, c.end) for c, _ in in_sentence]
        persons += [NameMention("person", number, p.start, p.end, p.text, p.name, how=p.how)
                    for p in find_persons(text, language, view.states, taken, spans)]
        for found_city, candidates in in_sentence:
            city = candidates[0]
            places[str(city.geonames_id)] = Place(city.name, city.geonames_id, found_city.text, city.country)
            cities.append(NameMention("city", number, found_city.start, found_city.end, found_city.text,
                                      _city_name(found_city.text, language), str(city.geonames_id), how="city"))
    organisations += _known_organisations(context, organisations)
    persons += _known_persons(context, persons, organisations)
    names = PageNames(context)
    for mention in sorted(persons, key=lambda m: (m.sentence, m.start)):
        _add_person(names, mention, index, language)
    for mention in sorted(organisations, key=lambda m: (m.sentence, m.start, -m.end)):
        _add_organisation(names, mention)
    for d in describe([(v.sentence.number, v.text) for v in context.views], language, organisations):
        entity = names.entity_of(d.named)
        if entity is not None:
            names.add(NameMention("organisation", d.sentence, d.start, d.end, d.text, entity.name, entity.key, d.noun,
                                  how=f"description, named '{unquote(d.named.text)}' after '{d.reference}' in "
                                      f"sentence {d.named.sentence}"), entity, "description")
    for mention in sorted(cities, key=lambda m: (m.sentence, m.start)):
        _add_city(names, mention, places)
    return names


def _known_persons(context: PageLike, persons: list[NameMention],
                   organisations: list[NameMention]) -> list[NameMention]:
    language = context.page.language
    known = known_words([p.name for p in persons], language)
    out = []
    for view in context.views:
        number = view.sentence.number
        taken = [(m.start, m.end) for m in persons + organisations if m.sentence == number]
        out += [NameMention("person", number, p.start, p.end, p.text, p.name, how=p.how)
                for p in known_person_spans(view.text, language, view.states, taken, known)]
    return out


def _known_organisations(context: PageLike, organisations: list[NameMention]) -> list[NameMention]:
    """Abbreviations, one-word names and names quoted after an organisation noun the page has
    introduced, where it uses them again ("Die DAW arbeitet …", '"Riga Pamir Textiles" works …'),
    and one-word quoted names ("„Tajhydro“ ist …") that may be one of them."""
    known: dict[str, NameMention] = {}
    for o in organisations:
        if o.full or len(o.name.split()) == 1 or o.how == "quoted name after an organisation noun":
            known.setdefault(o.text, o)
    out = []
    for view in context.views:
        number = view.sentence.number
        taken = [(m.start, m.end) for m in organisations if m.sentence == number]
        pattern = "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True))
        spans: list[tuple[int, int, NameMention | None]] = []
        if known:
            found = re.finditer(rf"(?<![\w-])(?:{pattern})(?![\w])", view.text)
            spans += [(m.start(), m.end(), known[m.group(0)]) for m in found]
        spans += [(m.start(), m.end(), None) for m in _QUOTED_WORD.finditer(view.text)]
        for start, end, like in spans:
            if any(a <= start < b or a < end <= b for a, b in taken):
                continue
            taken.append((start, end))
            text = view.text[start:end]
            out.append(NameMention("organisation", number, start, end, text, like.name if like else unquote(text),
                                   like.key if like else None, like.head if like else None,
                                   like.state if like else None, like.full if like else None,
                                   "used again" if like else "quoted name"))
    return out


def _city_name(text: str, language: str) -> str:
    if language != "ru":
        return text
    normal = morph().parse(text)[0].normal_form
    return "-".join(part[:1].upper() + part[1:] for part in normal.split("-"))


def _add_person(names: PageNames, mention: NameMention, index: EntityIndex, language: str) -> None:
    fits = []
    for entity in names.entities:
        if entity.kind != "person":
            continue
        relation = _best_relation(entity, mention, language)
        if relation:
            fits.append((entity, relation))
    if len(fits) > 1:  # "same" decides; else the reviewer must
        same = [f for f in fits if f[1] == "same"]
        fits = same or fits
    if fits:
        entity, relation = fits[0]
        names.add(mention, entity, relation)
        if len(fits) > 1:
            entity.ambiguous[id(mention)] = [e.name for e, _ in fits[1:]]
        return
    linked = index.person(mention.name)
    label = index.label(linked.iri, language) if linked.existing else None
    if label and words(label) != words(mention.name):
        names.entities.append(entity := Entity("person", label, key=linked.iri, graph_name=True))
        names.add(mention, entity, person_relation(label, mention.name) or "graph")
        return
    names.entities.append(entity := Entity("person", mention.name, key=linked.iri if linked.existing else None))
    names.add(mention, entity, "first")


def _best_relation(entity: Entity, mention: NameMention, language: str) -> str | None:
    """How ``mention`` names ``entity``: compared with each form the entity already has."""
    forms = [entity.name] + [m.name for m in entity.mentions]
    relations = [person_relation(form, mention.name) for form in forms]
    if language == "ru" and any(_case_form(form, mention.name) for form in forms):
        return "same"
    if language == "ru":  # "У. Ташматова" (genitive, no title to tell the case) for "Улугбек Ташматов"
        relations += [person_relation(" ".join(_stems(form)), " ".join(_stems(mention.name))) for form in forms]
    for preferred in ("same", "order", "initials", "surname", "part", "longer", "spelling", "renamed"):
        if preferred in relations:
            return preferred
    return None


def _case_form(a: str, b: str) -> bool:
    """Two Russian spellings of one name in different cases ("Эмомали Рахмона" / "Эмомали Рахмон")."""
    return _stems(a) == _stems(b)


def _stems(name: str) -> list[str]:
    """The words of a Russian name without their case endings."""
    return [w[:-1] if len(w) > 4 and w[-1] in "ауеыюя" else w[:-2] if len(w) > 5 and w[-2:] in ("ом", "ем", "ым", "ой")
            else w for w in words(name)]


def _add_organisation(names: PageNames, mention: NameMention) -> None:
    entity, relation = _organisation_of(names, mention)
    if entity is not None and entity.key is None and mention.key:
        entity.key = mention.key
    if entity is None:
        names.entities.append(entity := Entity("organisation", mention.name, key=mention.key))
        relation = "first"
    names.add(mention, entity, relation)


def _organisation_of(names: PageNames, mention: NameMention) -> tuple[Entity | None, str]:
    organisations = [e for e in names.entities if e.kind == "organisation"]
    if mention.key:
        found = next((e for e in organisations if e.key == mention.key), None)
        if found:
            return found, "graph"
    if mention.full:
        found = next((e for e in organisations if any(words(m.name) == words(mention.full) for m in e.mentions)), None)
        if found:
            return found, "abbreviation"
    mine, loose = words(mention.name), words(mention.name, signs=True)
    for entity in organisations:
        if any(words(m.name) == mine or words(m.text) == mine for m in entity.mentions):
            return entity, "same"
        if any(words(m.name, signs=True) == loose for m in entity.mentions):
            return entity, "sign"
    if mention.state and mention.how == "state adjective":
        fits = [e for e in organisations if any(m.state == mention.state and m.head == mention.head
                                                and m.how != "state adjective" for m in e.mentions)]
        if len(fits) == 1:
            return fits[0], "state-adjective"
    state_named = [e for e in organisations if _state_named(e, mention)]
    if len(state_named) == 1:
        return state_named[0], "state-named"
    similar = [e for e in organisations if similar_single(e.name, mention.name)]
    if len(similar) == 1:
        return similar[0], "similar"
    return None, ""


#: the words that begin what an organisation is of ("Majlisi Namoyandagon | von Tadschikistan")
_OF_WORDS = {"der", "des", "von", "of", "the"}
_MISSION = re.compile(r"botschaft|embassy|konsulat|consulate|mission|vertretung", re.I)


def _state_named(entity: Entity, mention: NameMention) -> bool:
    """The same name with its state named in fewer words: "Majlisi Namoyandagon von Tadschikistan"
    after "Majlisi Namoyandagon der Majlisi Oli der Republik Tadschikistan", "the Council of Ministers
    of Latvia" after "the Council of Ministers of the Republic of Latvia" (same state, nothing else
    after it: "… in Berlin" names another one)."""
    mine = words(mention.name)
    core = next((i for i, w in enumerate(mine) if w in _OF_WORDS), 0)
    if core == 0 or mention.state is None or len(mine) - core > 3 or " in " in f" {mention.name} " \
            or _MISSION.search(mention.head or ""):  # a state has embassies in many cities
        return False
    return any(m.state == mention.state and len(theirs := words(m.name)) > len(mine) and theirs[:core] == mine[:core]
               and theirs[core] in _OF_WORDS and " in " not in m.name for m in entity.mentions)


def _add_city(names: PageNames, mention: NameMention, places: dict[str, Place]) -> None:
    entity = next((e for e in names.entities if e.kind == "city" and e.key == mention.key), None)
    if entity is None:
        place = places.get(mention.key or "")
        names.entities.append(entity := Entity("city", mention.name, key=mention.key, place=place))
        names.add(mention, entity, "first")
    else:
        names.add(mention, entity, "city")
