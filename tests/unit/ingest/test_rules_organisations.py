"""Organisations in the drafts (diplokg.ingest.rules.bodies, .rules.organisations, .descriptions and
the organisation writer): sentences written for these tests, in German, English and Russian, drafted
against the repository's graph; each test asserts the drafted facts and, where the rule is about the
RDF, the resources of the draft."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from diplokg.core.namespaces import ID, ONTOLOGY, PREFIXES
from diplokg.ingest.draft import write_draft
from diplokg.ingest.entities import slug
from diplokg.ingest.facts import Drafted, Organisation, OrganisationFact, OrganisationLink
from diplokg.ingest.organisations import find_organisations
from diplokg.ingest.page import Page
from diplokg.ingest.pipeline import Drafter, DraftResult
from diplokg.ingest.rdf import Graph
from diplokg.ingest.writers import FactWriter

VOCAB = "https://w3id.org/diplokg/vocab/"


class Draft:
    """A page drafted from text: its facts and its RDF."""

    def __init__(self, drafter: Drafter, text: str, language: str) -> None:
        self.result: DraftResult = drafter.draft(Page(text, language))
        self.store = ox.Store()
        self.store.load(write_draft(self.result, drafter.entities, "test"), format=ox.RdfFormat.TRIG)

    def facts(self, kind: str) -> list[Drafted]:
        return [d for d in self.result.facts if d.fact.kind == kind]

    def objects(self, subject: str, predicate: str) -> set[str]:
        """The values of ``predicate`` (dkg:…, rdfs:…, skos:…) of ``subject`` (a path under id/)."""
        prefix, local = predicate.split(":")
        node = ox.NamedNode((ONTOLOGY if prefix == "dkg" else PREFIXES[prefix]) + local)
        quads = self.store.quads_for_pattern(ox.NamedNode(ID + subject), node, None, None)
        return {f"{q.object.value}@{q.object.language}" if isinstance(q.object, ox.Literal) and q.object.language
                else q.object.value for q in quads}


GERMAN_INTENDED = (
    "Die diplomatischen Beziehungen zwischen Tadschikistan und Kirgisistan wurden 1993 aufgenommen.\n"
    "Die Gespräche der beiden Außenminister in Bischkek sind die Grundlage für die Gründung einer Gemeinsamen "
    "Kommission für kulturelle, sportliche und wissenschaftliche Zusammenarbeit.")
ENGLISH_INTENDED = (
    "Diplomatic relations between Tajikistan and Latvia were established in 1993.\n"
    "Both sides plan the establishment of the Joint Commission on Trade, Transport and Scientific Cooperation.")
RUSSIAN_INTENDED = (
    "Дипломатические отношения между Таджикистаном и Латвией установлены в 1993 году.\n"
    "Стороны планируют создание Межправительственной комиссии по торгово-экономическому, научно-техническому "
    "и культурному сотрудничеству.")


@pytest.mark.parametrize(("text", "language", "name", "states"), [
    (GERMAN_INTENDED, "de", "Gemeinsame Kommission für kulturelle, sportliche und wissenschaftliche Zusammenarbeit",
     {"TJK", "KGZ"}),
    (ENGLISH_INTENDED, "en", "Joint Commission on Trade, Transport and Scientific Cooperation", {"TJK", "LVA"}),
    (RUSSIAN_INTENDED, "ru", "Межправительственная комиссия по торгово-экономическому, научно-техническому и "
                             "культурному сотрудничеству", {"TJK", "LVA"}),
])
def test_an_establishment_still_to_come_is_an_intended_body_of_the_two_states(
        drafter: Drafter, text: str, language: str, name: str, states: set[str]) -> None:
    draft = Draft(drafter, text, language)
    (drafted,) = draft.facts("organisation")
    fact = drafted.fact
    assert isinstance(fact, OrganisationFact)
    assert (drafted.sentence.number, fact.organisation.name, fact.status, set(fact.states)) == \
        (2, name, "intended", states)
    assert drafted.questions and drafted.confidence <= 0.5
    assert any("page's two states" in n for n in drafted.reasons)
    path = f"organization/{slug(name)}"
    assert draft.objects(path, "dkg:status") == {VOCAB + "status/intended"}
    assert draft.objects(path, "dkg:organizationType") == {VOCAB + "organization-type/intergovernmental-commission"}
    assert draft.objects(path, "dkg:belongsToState") == {ID + f"state/{s}" for s in states}
    assert draft.objects(path, "rdfs:label") == {f"{name}@en", f"{name}@de"}  # as written: nothing translated


@pytest.mark.parametrize(("text", "language"), [
    ("Die diplomatischen Beziehungen zwischen Tadschikistan und Kirgisistan wurden 1993 aufgenommen.\n"
     "Die Einrichtung der Gemeinsamen Kommission für Kultur wurde 2001 abgeschlossen.", "de"),
    ("Diplomatic relations between Tajikistan and Latvia were established in 1993.\n"
     "The Joint Council on Science was established in 2010, as planned after the creation of the Joint Council on "
     "Science was agreed.", "en"),
    ("Дипломатические отношения между Таджикистаном и Латвией установлены в 1993 году.\n"
     "В 2012 году было завершено создание Совместного совета по образованию.", "ru"),
])
def test_an_establishment_that_took_place_is_not_intended(drafter: Drafter, text: str, language: str) -> None:
    assert Draft(drafter, text, language).facts("organisation") == []


JOINT_VENTURES = {
    "de": ("Die diplomatischen Beziehungen zwischen Tadschikistan und Lettland wurden 1993 aufgenommen.\n"
           "In Tadschikistan funktioniert ein tadschikisch-lettisches Gemeinschaftsunternehmen.\n"
           "Das tadschikisch-lettische Unternehmen „Pamir Textil“ wurde 2011 gegründet.",
           "Pamir Textil", "pamir-textil"),
    "en": ("Diplomatic relations between Tajikistan and Latvia were established in 1993.\n"
           "A Tajik-Latvian joint venture operates in Tajikistan.\n"
           'The Tajik-Latvian company "Riga Pamir Textiles" was set up in 2011.',
           "Riga Pamir Textiles", "riga-pamir-textiles"),
    "ru": ("Дипломатические отношения между Таджикистаном и Латвией установлены в 1993 году.\n"
           "В Таджикистане действует таджикско-латвийское совместное предприятие.\n"
           "Таджикско-латвийское предприятие «Памир Текстиль» было создано в 2011 году.",
           "Памир Текстиль", "pamir-tekstil"),
}


@pytest.mark.parametrize("language", ["de", "en", "ru"])
def test_a_described_organisation_is_the_one_the_next_sentence_names(drafter: Drafter, language: str) -> None:
    text, name, path = JOINT_VENTURES[language]
    draft = Draft(drafter, text, language)
    (drafted,) = draft.facts("organisation")
    fact = drafted.fact
    assert isinstance(fact, OrganisationFact)
    assert (drafted.sentence.number, fact.organisation.name, fact.located_in) == (2, name, "TJK")
    assert drafted.questions and fact.described_as
    assert draft.objects(f"organization/{path}", "dkg:organizationType") == {VOCAB + "organization-type/joint-venture"}
    assert draft.objects(f"organization/{path}", "dkg:locatedIn") == {ID + "state/TJK"}
    assert ID + "source/test/sentence/2" in draft.objects(f"organization/{path}", "dkg:evidence")
    assert draft.facts("name-variant") == []  # the description is no name


def test_a_description_without_a_later_name_is_no_organisation(drafter: Drafter) -> None:
    text = ("In Tadschikistan funktioniert ein tadschikisch-lettisches Gemeinschaftsunternehmen.\n"
            "Das Unternehmen „Pamir Textil“ aus Riga baut eine Fabrik.")  # no describing word shared
    assert Draft(drafter, text, "de").facts("organisation") == []


COOPERATIONS = {
    "de": ("Die diplomatischen Beziehungen zwischen Tadschikistan und Lettland wurden 1993 aufgenommen.\n"
           "Das Unternehmen „Pamir Textil“ wurde 2011 in Duschanbe gegründet.\n"
           "„Pamir Textil“ arbeitet mit der Asiatischen Entwicklungsbank und dem lettischen Außenministerium "
           "zusammen, um Mittel für den Ausbau der Textilbranche zu gewinnen.",
           "um Mittel für den Ausbau der Textilbranche zu gewinnen",
           {"Außenministerium von Lettland@de", "Ministry of Foreign Affairs of Latvia@en"}),
    "en": ("Diplomatic relations between Tajikistan and Latvia were established in 1993.\n"
           'The company "Riga Pamir Textiles" works with the Asian Development Bank and the Latvian Ministry of '
           "Foreign Affairs to attract investment in the textile sector.",
           "to attract investment in the textile sector",
           {"Latvian Ministry of Foreign Affairs@en", "Außenministerium von Lettland@de"}),
    "ru": ("Дипломатические отношения между Таджикистаном и Латвией установлены в 1993 году.\n"
           "В Душанбе работает предприятие «Памир Текстиль».\n"
           "«Памир Текстиль» сотрудничает с Азиатским банком развития и Министерством иностранных дел Латвии, "
           "чтобы привлечь инвестиции в текстильную отрасль.",
           "чтобы привлечь инвестиции в текстильную отрасль",
           {"Ministry of Foreign Affairs of Latvia@en", "Außenministerium von Lettland@de"}),
}


@pytest.mark.parametrize("language", ["de", "en", "ru"])
def test_a_cooperation_keeps_its_purpose_and_a_foreign_ministry_is_the_states(drafter: Drafter, language: str) -> None:
    text, purpose, ministry_labels = COOPERATIONS[language]
    draft = Draft(drafter, text, language)
    links = [d for d in draft.facts("organisation-link") if isinstance(d.fact, OrganisationLink)]
    assert [d.fact.relation for d in links] == ["cooperates-with", "cooperates-with"]
    assert {d.fact.purpose for d in links} == {purpose}
    ministry = "organization/ministry-of-foreign-affairs-LVA"
    assert draft.objects(ministry, "dkg:belongsToState") == {ID + "state/LVA"}
    assert draft.objects(ministry, "rdfs:label") == ministry_labels
    assert any("ministry of foreign affairs of LVA" in n for d in draft.result.facts for n in d.reasons)
    events = {q.subject.value for q in draft.store.quads_for_pattern(
        None, ox.NamedNode(ONTOLOGY + "purpose"), ox.Literal(purpose, language=language), None)}
    (event,) = events
    assert event.endswith("-ministry-of-foreign-affairs-LVA")
    agents = {q.object.value for q in draft.store.quads_for_pattern(None, ox.NamedNode(ONTOLOGY + "agent"), None,
                                                                     None)}
    assert ID + ministry in agents and len(agents) == 3


FOUNDINGS = {
    "de": ("Die diplomatischen Beziehungen zwischen Tadschikistan und Lettland wurden 1993 aufgenommen.\n"
           "Das Unternehmen „Pamir Textil“ wurde auf Grund einer am 12. Mai 2011 unterzeichneten Gemeinsamen "
           "Erklärung zwischen dem Wirtschaftsministerium der Republik Lettland und dem Ministerium für Industrie "
           "der Republik Tadschikistan gegründet."),
    "en": ("Diplomatic relations between Tajikistan and Latvia were established in 1993.\n"
           'The company "Riga Pamir Textiles" was established on the basis of a Joint Declaration signed on 12 May '
           "2011 between the Ministry of Economy of Latvia and the Ministry of Industry of the Republic of "
           "Tajikistan."),
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_founding_rests_on_the_one_agreement_signed_that_day(drafter: Drafter, language: str) -> None:
    draft = Draft(drafter, FOUNDINGS[language], language)
    (link,) = draft.facts("organisation-link")
    assert isinstance(link.fact, OrganisationLink) and link.fact.relation == "founded-on"
    assert link.fact.agreement is not None and link.fact.agreement.date is not None
    assert link.fact.agreement.date.start == "2011-05-12"
    agreements = {q.subject.value for q in draft.store.quads_for_pattern(
        None, ox.NamedNode(PREFIXES["rdf"] + "type"), ox.NamedNode(ONTOLOGY + "Agreement"), None)}
    assert len(agreements) == 1  # the agreement rules' and the founding's are one resource
    (agreement,) = agreements
    founding = {q.subject.value for q in draft.store.quads_for_pattern(
        None, ox.NamedNode(ONTOLOGY + "underAgreement"), ox.NamedNode(agreement), None)}
    assert len(founding) == 1
    kinds = draft.objects(agreement.removeprefix(ID), "dkg:agreementType")
    assert kinds == {VOCAB + "agreement-type/joint-declaration"}
    states = set()  # each party is a state, or an organisation of the state its name names
    for party in draft.objects(agreement.removeprefix(ID), "dkg:party"):
        states |= {party} if "/state/" in party else draft.objects(party.removeprefix(ID), "dkg:belongsToState")
    assert states == {ID + "state/LVA", ID + "state/TJK"}


PROGRAMMES = {
    "de": ("Das Unternehmen „Pamir Textil“ ist Mitglied des Programms der Europäischen Bank für Wiederaufbau und "
           "Entwicklung zur Förderung des Mittelstands.", "organization/ebrd"),
    "en": ('The company "Riga Pamir Textiles" is a member of the Programme of the European Bank for Reconstruction '
           "and Development for small firms.", "organization/ebrd"),
    "ru": ("В Душанбе работает предприятие «Памир Текстиль». Предприятие сотрудничает с Азиатским банком развития.\n"
           "«Памир Текстиль» является членом Программы Азиатского банка развития по поддержке малого бизнеса.",
           "organization/aziatskiy-bank-razvitiya"),
}


@pytest.mark.parametrize("language", ["de", "en", "ru"])
def test_a_programme_of_an_organisation_is_operated_by_it(drafter: Drafter, language: str) -> None:
    text, operator = PROGRAMMES[language]
    draft = Draft(drafter, text, language)
    (member,) = [d for d in draft.facts("organisation-link") if isinstance(d.fact, OrganisationLink)
                 and d.fact.relation == "member-of"]
    assert isinstance(member.fact.other, str) is False
    programmes = {q.subject.value for q in draft.store.quads_for_pattern(
        None, ox.NamedNode(ONTOLOGY + "operatedBy"), ox.NamedNode(ID + operator), None)}
    assert len(programmes) == 1
    (programme,) = programmes
    assert draft.objects(programme.removeprefix(ID), "dkg:organizationType") == {VOCAB + "organization-type/programme"}
    assert not member.questions  # the operator's name ends where the page names it elsewhere, or is the graph's


@pytest.mark.parametrize(("organisation", "language", "path", "labels"), [
    (Organisation("Regierung der Republik Usbekistan", head="regierung", state="UZB"), "de",
     "organization/government-UZB", {"Regierung der Republik Usbekistan@de", "Government of Uzbekistan@en"}),
    (Organisation("Government of Uzbekistan", head="government", state="UZB"), "en",
     "organization/government-UZB", {"Government of Uzbekistan@en", "Regierung von Usbekistan@de"}),
    (Organisation("Министерство иностранных дел Республики Узбекистан", head="министерств", state="UZB"), "ru",
     "organization/ministry-of-foreign-affairs-UZB",
     {"Ministry of Foreign Affairs of Uzbekistan@en", "Außenministerium von Usbekistan@de"}),
    (Organisation("Auswärtiges Amt", head="amt", state="DEU"), "de",
     "organization/ministry-of-foreign-affairs-DEU",
     {"Auswärtiges Amt@de", "Ministry of Foreign Affairs of Germany@en"}),
])
def test_a_states_government_and_foreign_ministry_have_one_iri_and_labels_saying_so(
        drafter: Drafter, organisation: Organisation, language: str, path: str, labels: set[str]) -> None:
    page = Page("Text.", language)
    result = drafter.draft(page)
    graph = Graph(ox.NamedNode("https://w3id.org/diplokg/graph/source/test"))
    records = result.context.states.records.values()
    names = {r.alpha3: {lang: r.name(lang) or "" for lang in ("en", "de")} for r in records}
    writer = FactWriter(graph, drafter.entities, names, {r.alpha2: r.alpha3 for r in records}, language,
                        {organisation.name: organisation})
    drafted = Drafted(OrganisationFact(organisation), result.context.views[0].sentence, "test", 1.0)
    node = writer.organisation(organisation, drafted)
    assert node.value == ID + path
    assert {f"{q.object.value}@{q.object.language}" for q in graph.quads if isinstance(q.object, ox.Literal)
            and q.subject == node and q.predicate.value.endswith("#label")} == labels
    assert any("does not translate" in reason for reason in drafted.reasons)
    assert writer.organisation(organisation.name, drafted) == node  # a name alone: the page's organisation


def test_a_name_stated_in_one_language_is_the_other_label_said_so(drafter: Drafter) -> None:
    text = ("Das Unternehmen „Pamirhydro“ ist Mitglied des Verbands der Energieerzeuger Zentralasiens.\n"
            "„Pamhydro“ arbeitet mit dem Verband der Energieerzeuger Zentralasiens zusammen.")
    draft = Draft(drafter, text, "de")
    assert draft.objects("organization/pamirhydro", "rdfs:label") == {"Pamirhydro@de", "Pamirhydro@en"}
    notes = [n for d in draft.result.facts for n in d.reasons if "repeats the name as written" in n]
    assert any("the en label of 'Pamirhydro'" in n for n in notes)
    # the variant is an alternative label in both languages, as the name is its label in both
    assert draft.objects("organization/pamirhydro", "skos:altLabel") == {"Pamhydro@de", "Pamhydro@en"}


@pytest.mark.parametrize(("text", "language", "name"), [
    ("Die Minister vereinbarten die Arbeit der Gemeinsamen Kommission für wirtschaftliche, kulturelle und "
     "wissenschaftlich-technische Zusammenarbeit.", "de",
     "Gemeinsame Kommission für wirtschaftliche, kulturelle und wissenschaftlich-technische Zusammenarbeit"),
    ("They met at the Joint Commission on Economic, Trade and Scientific Cooperation.", "en",
     "Joint Commission on Economic, Trade and Scientific Cooperation"),
    ("Стороны обсудили работу Межправительственной комиссии по торгово-экономическому, научно-техническому и "
     "культурному сотрудничеству.", "ru",
     "Межправительственная комиссия по торгово-экономическому, научно-техническому и культурному сотрудничеству"),
    ("Партнером выступает Азиатский банк развития и Министерство иностранных дел Латвии.", "ru",
     "Азиатский банк развития"),
])
def test_a_name_goes_on_over_a_series_of_attributes(text: str, language: str, name: str) -> None:
    assert name in [o.name for o in find_organisations(text, language, [])]


@pytest.mark.parametrize(("organisation", "language", "path"), [
    (Organisation("Government Agency for Water Resources", head="agency", state="UZB"), "en",
     "organization/government-agency-for-water-resources-UZB"),
    (Organisation("Правительственная комиссия по водным ресурсам", head="комисси", state="UZB"), "ru",
     "organization/pravitel-stvennaya-komissiya-po-vodnym-resursam-UZB"),
    (Organisation("Pressedienst des Außenministeriums", head="dienst", state="UZB"), "de",
     "organization/pressedienst-des-aussenministeriums-UZB"),
])
def test_a_body_of_the_government_is_not_the_government(drafter: Drafter, organisation: Organisation, language: str,
                                                        path: str) -> None:
    result = drafter.draft(Page("Text.", language))
    writer = FactWriter(Graph(ox.NamedNode("https://w3id.org/diplokg/graph/source/test")), drafter.entities, {}, {},
                        language)
    drafted = Drafted(OrganisationFact(organisation), result.context.views[0].sentence, "test", 1.0)
    assert writer.organisation(organisation, drafted).value == ID + path
