"""What every kind's writer shares: the draft graph, the entity index, state names, the page's
organisations by name, and the new places, persons and organisations it describes (each gets the
fact's evidence too).

Organisations: one the graph holds keeps its IRI (by key, label or alternative label); a state's
government and its ministry of foreign affairs are id:organization/government-NOR and
id:organization/ministry-of-foreign-affairs-NOR, as in the hand-written graphs ("Regierung der
Republik Tadschikistan", "the Government of Japan", "Правительство Республики Казахстан";
"Außenministerium des Königreichs Norwegen", "Ministry of Foreign Affairs of Japan", "МИД
Украины"), with labels saying that reading; any other is id:organization/SLUG-OF-ITS-NAME (and
its state's code). A name the page states in one language only is the label in the other
language too, and the drafted fact's reading notes say so (nothing is translated)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from diplokg.core.namespaces import ID
from diplokg.ingest.entities import EntityIndex, Linked
from diplokg.ingest.facts import Drafted, Organisation, Person, Place
from diplokg.ingest.rdf import Graph, iri, state, vocab

_LATIN = re.compile(r"[\sA-Za-z\u00C0-\u024F'’.-]+")  # a name in Latin letters (with accents)
#: an organisation's kind (vocab:organization-type) from its head noun, lower case, by its ending
ORGANISATION_TYPES = (
    ("gemeinschaftsunternehmen|joint-venture|joint venture|совместн\\w* предприяти\\w*", "joint-venture"),
    ("ministerium|ministry|министерств|departement|department|außenamt", "ministry"),
    ("regierung|government|правительств", "government"),
    ("union|organisation|organization|организаци|союз", "international-organization"),
    ("unternehmen|company|компани|корпораци|corporation|предприяти\\w*|enterprise", "company"),
    ("kommission|commission|комисси", "intergovernmental-commission"),
    ("programme|programm|program|программ|dialog|dialogue|диалог", "programme"),
    ("parlament|parliament|парламент", "parliament"),
    ("versammlung|assembly|ассамбле|akademie|academy|академи", "organization-body"),
    ("agentur|agency|агентств|direktion|directorate|sekretariat|secretariat|amt|office|büro|behörde|authority|"
     "ведомств|служб|service|gesellschaft", "government-agency"),
)


#: how an organisation named as one of another ("Programm der Europäischen Bank …") relates to it, by its kind
_OF = {"programme": "dkg:operatedBy", "organization-body": "dkg:subOrganizationOf"}
#: a state's institutions that have one IRI per state: (IRI name, English label, German label,
#: pattern of its name in the nominative per language)
_INSTITUTIONS = (
    ("ministry-of-foreign-affairs", "Ministry of Foreign Affairs of {}", "Außenministerium von {}", {
        "de": r"^(?:[\w-]+\s+)?(?:bundes)?außenministerium\b|^auswärtige[sn]?\s+amt\b|"
              r"^(?:[\w-]+\s+)?(?:ministerium|departement)\s+(?:für|der)\s+auswärtigen?\s+angelegenheiten\b",
        "en": r"^(?:[\w-]+\s+)?(?:(?:ministry|department)\s+(?:of|for)\s+foreign\s+affairs|"
              r"foreign\s+(?:ministry|office))\b",
        "ru": r"^министерств\w*\s+иностранных\s+дел\b|^мид\b"}),
    ("government", "Government of {}", "Regierung von {}", {
        "de": r"^(?:[\w-]+\s+)?(?:bundes)?regierung\b", "en": r"^(?:[\w-]+\s+)?government\b",
        "ru": r"^правительств\w*\b"}),
)


@dataclass(frozen=True)
class _Institution:
    node: ox.NamedNode
    labels: tuple[str, str]  # en, de
    reading: str


class Writer:
    def __init__(self, graph: Graph, entities: EntityIndex, state_names: dict[str, dict[str, str]],
                 alpha3: dict[str, str], language: str, organisations: dict[str, Organisation] | None = None) -> None:
        self.graph, self.entities, self.names, self.language = graph, entities, state_names, language
        self.alpha3 = alpha3  # ISO alpha-2 → alpha-3
        self.organisations = organisations or {}  # the page's organisations by every name they go by
        self.written: set[str] = set()  # the IRIs of the new organisations written so far
        self.events: dict[str, int] = {}  # event IRIs given, to number events of the same type and day
        self.event_nodes: dict[object, ox.NamedNode] = {}  # the events written, by drafted fact
        self.described: list[ox.NamedNode] = []  # new places, persons, participations of the current fact

    def name(self, alpha3: str | None, language: str) -> str:
        """A state's name in ``language`` (its code when the graph has none)."""
        return self.names.get(alpha3 or "", {}).get(language) or alpha3 or "?"

    def place(self, place: Place, drafted: Drafted) -> ox.NamedNode:
            linked = self.entities.city(place.name, place.as_stated or place.name)
            node = iri(linked.iri)
            if linked.existing:
                note(drafted, linked)
                return node
            german = place.as_stated if self.language == "de" and place.as_stated else place.name
            self.graph.typed(node, "dkg:City", place.name, german)
            if place.country in self.alpha3:
                self.graph.add(node, "dkg:locatedIn", state(self.alpha3[place.country]))
            if place.geonames_id:
                self.graph.add(node, "skos:exactMatch", ox.NamedNode(f"https://sws.geonames.org/{place.geonames_id}/"))
            self.described.append(node)
            return node

    def person(self, person: Person, drafted: Drafted) -> ox.NamedNode:
            linked = self.entities.person(person.name)
            node = iri(linked.iri)
            if linked.existing:
                note(drafted, linked)
            else:
                self.graph.typed(node, "dkg:Person", person.name, person.name)
                if not _LATIN.fullmatch(person.name):  # a name in Latin letters is the same name in en and de
                    as_written(drafted, person.name, self.language)
            return node


    def organisation(self, organisation: Organisation | str, drafted: Drafted, kind: str | None = None) -> ox.NamedNode:
        """An organisation of the graph (by IRI or name), else a new one: its name, kind and state. A
        name alone is the page's organisation of that name; ``kind``: its kind where its name shows none."""
        if isinstance(organisation, str):
            organisation = self.organisations.get(organisation) or Organisation(organisation)
        institution = self._institution(organisation)
        linked = Linked(organisation.key, True, None) if organisation.key else \
            self.entities.organisation(organisation.name, organisation.state)
        if not linked.existing and institution and institution.node.value in self.entities.preferred:
            linked = Linked(institution.node.value, True, f"'{organisation.name}' is "
                            f"id:{institution.node.value.removeprefix(ID)} of the graph (the state's institution)")
        node = iri(linked.iri)
        if linked.existing:
            note(drafted, linked)
            return node
        first = node.value not in self.written
        self.written.add(node.value)
        if institution:
            node, (en, de) = institution.node, institution.labels
            if first:
                _reason(drafted, institution.reading)
        else:
            en, de = self._labels(organisation.name, drafted if first else None)
        self.graph.typed(node, "dkg:Organization", en, de)
        found = organisation_type(organisation)
        self.graph.add(node, "dkg:organizationType",
                       vocab("organization-type", kind if kind and found == "other" else found))
        if organisation.state:
            self.graph.add(node, "dkg:belongsToState", state(organisation.state))
        self.described.append(node)
        if organisation.of is not None and found in _OF:
            self.graph.add(node, _OF[found], self.organisation(organisation.of, drafted))
            _reason(drafted, f"'{organisation.name}' is named as a {found.replace('-', ' ')} of "
                             f"'{organisation.of.name}': {_OF[found]}")
        return node

    def _institution(self, organisation: Organisation) -> _Institution | None:
        """A state's government or ministry of foreign affairs: its IRI, labels and the reading."""
        if not organisation.state:
            return None
        for path, en, de, patterns in _INSTITUTIONS:
            if path == "government" and organisation_type(organisation) != "government":
                continue  # "Government Agency for …", "Правительственная комиссия": not the government
            if re.search(patterns.get(self.language, "^$"), organisation.name.lower()):
                code = organisation.state
                labels = {"en": en.format(self.name(code, "en")), "de": de.format(self.name(code, "de"))}
                if len(organisation.name.split()) > 1:  # as the page names it, where that is more than the noun
                    labels[self.language] = organisation.name
                reading = (f"'{organisation.name}' is the {path.replace('-', ' ')} of {code} "
                           f"(id:organization/{path}-{code}); a label in a language the page does not use says so, "
                           "it does not translate the page")
                return _Institution(iri(f"organization/{path}-{code}"), (labels["en"], labels["de"]), reading)
        return None

    def _labels(self, name: str, drafted: Drafted | None) -> tuple[str, str]:
        """A name stated in the page's language only: the label in the other language repeats it (said
        in the reading notes of the first fact that writes it)."""
        if drafted is not None:
            as_written(drafted, name, self.language)
        return name, name


def organisation_type(organisation: Organisation) -> str:
    """The kind of an organisation from its head noun; a bank by whether it is international."""
    head = (organisation.head or "").casefold()
    if head.endswith(("bank", "банк", "fund", "fonds", "фонд")):
        international = re.search(r"internation|europ|world|welt|asia|asiat|междунар|европ|азиат", organisation.name,
                                  re.I)
        return "international-financial-institution" if international else "company"
    for endings, kind in ORGANISATION_TYPES:
        if head and re.search(rf"(?:{endings})$", head):
            return kind
    return "other"


def as_written(drafted: Drafted, name: str, language: str) -> None:
    """Say that a new entity's labels in the languages other than the page's repeat its name as
    written (the shapes want labels in en and de; the page gives only its own language's form)."""
    others = [lang for lang in ("en", "de") if lang != language]
    labels = "the en and de labels" if len(others) == 2 else f"the {others[0]} label"
    repeat = "repeat" if len(others) == 2 else "repeats"
    reason = f"{labels} of '{name}' {repeat} the name as written: the page names it in {language} only"
    if reason not in drafted.reasons:
        drafted.reasons.append(reason)


def note(drafted: Drafted, linked: Linked) -> None:
    """Keep why an entity was linked to an existing IRI among the fact's reasons."""
    if linked.reason and linked.reason not in drafted.reasons:
        drafted.reasons.append(linked.reason)


def _reason(drafted: Drafted, reason: str) -> None:
    if reason not in drafted.reasons:
        drafted.reasons.append(reason)
