"""Organisation links and organisation names in forms beyond the first pages (diplokg.ingest.organisations,
.organisation_heads, .rules.organisations): founders after "auf Initiative / by … together with / по
инициативе", a participle phrase ("учреждённый … палатой А и палатой Б"), a second predicate of the
sentence's subject ("… и сотрудничает с", "das eng mit … zusammenarbeitet"), hyphenated adjectives,
a German genitive state ("Botschaft Lettlands"), heads new to the finder ("Agentur", "Conference",
"Содружество"), parliaments by their own names ("Sejm", "Majlisi Milli der …": a Tajik name in the
izafet), a name with its state said shorter ("Majlisi Milli von Tadschikistan") and a state
adjective after an article or ordinal ("die erste lettische Botschaft"), which is a common noun, not a
name. Sentences written for these tests."""

from __future__ import annotations

from diplokg.ingest.facts import NameVariant, OrganisationLink
from diplokg.ingest.mentions import page_names
from diplokg.ingest.page import Page
from diplokg.ingest.pipeline import Drafter
from diplokg.ingest.rules.context import PageContext


def links(drafter: Drafter, text: str, language: str) -> set[tuple[str, str, str]]:
    result = drafter.draft(Page(text, language))
    return {(d.fact.organisation.name, d.fact.relation,
             d.fact.other.name if not isinstance(d.fact.other, str) else d.fact.other)
            for d in result.facts if isinstance(d.fact, OrganisationLink)}


def variants(drafter: Drafter, text: str, language: str) -> set[tuple[str, str]]:
    result = drafter.draft(Page(text, language))
    return {(d.fact.entity, d.fact.variant) for d in result.facts if isinstance(d.fact, NameVariant)}


def test_german_founder_on_initiative_and_cooperation_in_a_relative_clause(drafter: Drafter) -> None:
    text = ("Im Mai 2015 wurde auf Initiative der Botschaft Lettlands das Lettisch-Tadschikische Institut für "
            "Geschichte und Sprache in Chudschand eröffnet, das eng mit der Tadschikischen Technischen Universität "
            "zusammenarbeitet.")
    assert links(drafter, text, "de") == {
        ("Lettisch-Tadschikische Institut für Geschichte und Sprache", "founded-by", "Botschaft Lettlands"),
        ("Lettisch-Tadschikische Institut für Geschichte und Sprache", "cooperates-with",
         "Tadschikische Technische Universität")}


def test_english_two_founders_and_a_second_predicate(drafter: Drafter) -> None:
    founded = ("The Latvian-Tajik Trade Council was established in 2015 by the Latvian Investment Board together "
               "with the Chamber of Commerce of the Republic of Tajikistan.")
    assert links(drafter, founded, "en") == {
        ("Latvian-Tajik Trade Council", "founded-by", "Latvian Investment Board"),
        ("Latvian-Tajik Trade Council", "founded-by", "Chamber of Commerce of the Republic of Tajikistan")}
    works = ("The Latvian-Tajik Trade Council, founded by the Latvian Investment Board, cooperates closely with "
             "the Agency for Export Promotion of the Republic of Tajikistan.")
    assert links(drafter, works, "en") == {
        ("Latvian-Tajik Trade Council", "founded-by", "Latvian Investment Board"),
        ("Latvian-Tajik Trade Council", "cooperates-with", "Agency for Export Promotion of the Republic of Tajikistan")}


def test_russian_initiative_and_second_predicate_of_the_subject(drafter: Drafter) -> None:
    text = ("Латвийско-таджикский языковой центр при Таджикском национальном университете создан в 2017 году по "
            "инициативе Посольства Латвийской Республики и сотрудничает с Рижским техническим университетом.")
    centre = "Латвийско-таджикский языковой центр при Таджикском национальном университете"
    assert links(drafter, text, "ru") == {(centre, "founded-by", "Посольство Латвийской Республики"),
                                          (centre, "cooperates-with", "Рижский технический университет")}


def test_russian_founders_in_a_participle_phrase(drafter: Drafter) -> None:
    text = ("Латвийско-таджикский торговый совет, учреждённый в 2018 году Торгово-промышленной палатой Латвийской "
            "Республики и Торгово-промышленной палатой Республики Таджикистан, тесно взаимодействует с Агентством "
            "по инвестициям Латвийской Республики.")
    council = "Латвийско-таджикский торговый совет"
    assert links(drafter, text, "ru") == {
        (council, "founded-by", "Торгово-промышленная палата Латвийской Республики"),
        (council, "founded-by", "Торгово-промышленная палата Республики Таджикистан"),
        (council, "cooperates-with", "Агентство по инвестициям Латвийской Республики")}


def test_abbreviations_of_names_with_new_heads(drafter: Drafter) -> None:
    assert ("Lettische Investitionsagentur", "LIAA") in variants(
        drafter, "Die Lettische Investitionsagentur (LIAA) eröffnete 2019 ein Büro in Duschanbe.", "de")
    assert ("Conference on Trade and Transit in Central Asia", "CTTCA") in variants(
        drafter, "In 2018 both states took part in the Conference on Trade and Transit in Central Asia (CTTCA).",
        "en")
    assert ("Содружество Независимых Государств", "СНГ") in variants(
        drafter, "Обе страны являются членами Содружества Независимых Государств (СНГ).", "ru")


def test_a_state_adjective_after_an_article_or_ordinal_is_no_name(drafter: Drafter) -> None:
    german = ("Die Botschaft der Republik Lettland in Duschanbe nahm 1998 ihre Arbeit auf. "
              "Sie war die erste lettische Botschaft in Zentralasien.")
    assert not any("lettische" in v for _, v in variants(drafter, german, "de"))
    english = ("The Embassy of the Republic of Latvia in Dushanbe opened in 1998. "
               "It was the first Latvian Embassy in Central Asia.")
    assert not any("Latvian" in v for _, v in variants(drafter, english, "en"))
    russian = ("Посольство Латвийской Республики в Душанбе открылось в 1998 году. "
               "Это было первое латвийское посольство в Центральной Азии.")
    assert not any("латвийское" in v for _, v in variants(drafter, russian, "ru"))


def organisations(drafter: Drafter, text: str, language: str) -> dict[str, str | None]:
    """The organisations the page names, in the nominative, with the state each belongs to."""
    context = PageContext(Page(text, language), drafter.states, drafter.cities)
    names = page_names(context, drafter.entities)
    return {m.name: m.state for v in context.views for m in names.in_sentence(v.sentence.number)
            if m.kind == "organisation"}


def test_parliaments_by_their_own_names_and_in_the_izafet(drafter: Drafter) -> None:
    german = ("Im Mai 2021 besuchte eine Delegation der Majlisi Milli der Majlisi Oli der Republik Tadschikistan "
              "Warschau. Die Abgeordneten der Majlisi Milli von Tadschikistan trafen Vertreter des Sejm und der "
              "Polnischen Abgeordnetenkammer.")
    found = organisations(drafter, german, "de")
    assert found["Majlisi Milli der Majlisi Oli der Republik Tadschikistan"] == "TJK"
    assert "Sejm" in found and found["Polnische Abgeordnetenkammer"] == "POL"
    assert ("Majlisi Milli der Majlisi Oli der Republik Tadschikistan", "Majlisi Milli von Tadschikistan") in \
        variants(drafter, german, "de")
    english = ("In May 2021 a delegation of the Majlisi Milli of the Majlisi Oli of the Republic of Tajikistan "
               "visited Riga. The members of the Majlisi Milli of Tajikistan met deputies of the Saeima.")
    assert "Saeima" in organisations(drafter, english, "en")
    assert ("Majlisi Milli of the Majlisi Oli of the Republic of Tajikistan", "Majlisi Milli of Tajikistan") in \
        variants(drafter, english, "en")
    russian = "В мае 2021 года делегация Сейма Латвийской Республики посетила Душанбе."
    assert "Сейм Латвийской Республики" in organisations(drafter, russian, "ru")


def test_a_shorter_state_is_no_variant_of_an_office_in_another_city(drafter: Drafter) -> None:
    text = ("Die Botschaft der Republik Lettland in Duschanbe wurde 1998 eröffnet. "
            "Die Botschaft von Lettland in Taschkent betreut auch Turkmenistan.")
    assert not any(v.startswith("Botschaft von Lettland") for _, v in variants(drafter, text, "de"))


def test_short_forms_with_capitals_of_any_alphabet_and_mixed_case(drafter: Drafter) -> None:
    english = ("The Latvian Trade and Investment Agency (LİAA) opened an office in Dushanbe in 2019; "
               "the Riga Technical University (RiTU) trains Tajik engineers.")
    assert {("Latvian Trade and Investment Agency", "LİAA"), ("Riga Technical University", "RiTU")} <= \
        variants(drafter, english, "en")
    german = "Die Lettische Agraruniversität (LaAU) arbeitet seit 2016 mit Partnern in Tadschikistan."
    assert ("Lettische Agraruniversität", "LaAU") in variants(drafter, german, "de")
    russian = "Рижский технический университет (РиТУ) принимает студентов из Таджикистана."
    assert ("Рижский технический университет", "РиТУ") in variants(drafter, russian, "ru")


def test_an_abbreviation_stands_for_the_inner_name_it_spells(drafter: Drafter) -> None:
    russian = ("В 2019 году состоялась встреча Совета министров обороны Организации Договора о коллективной "
               "безопасности (ОДКБ).")
    assert ("Организация Договора о коллективной безопасности", "ОДКБ") in variants(drafter, russian, "ru")
    english = "In 2019 the Council of Ministers of the Latvian Investment Agency (LIA) met in Riga."
    assert ("Latvian Investment Agency", "LIA") in variants(drafter, english, "en")


def test_two_subjects_that_cooperate(drafter: Drafter) -> None:
    german = ("Die Lettische Agraruniversität (LAU) und die Universität für Forstwirtschaft in Jelgava kooperieren "
              "seit 2015 auf der Grundlage eines Vertrags.")
    assert links(drafter, german, "de") == {
        ("Lettische Agraruniversität", "cooperates-with", "Universität für Forstwirtschaft in Jelgava")}
    english = "The Riga Technical University and the Tajik Technical University cooperate in engineering."
    assert links(drafter, english, "en") == {
        ("Riga Technical University", "cooperates-with", "Tajik Technical University")}
    russian = "Рижский технический университет и Таджикский технический университет сотрудничают с 2015 года."
    assert links(drafter, russian, "ru") == {
        ("Рижский технический университет", "cooperates-with", "Таджикский технический университет")}


def test_a_state_abbreviation_before_the_head(drafter: Drafter) -> None:
    text = "The Latvian Business Council was founded in 2018 and cooperates closely with the U.K. Embassy."
    assert links(drafter, text, "en") == {("Latvian Business Council", "cooperates-with", "U.K. Embassy")}


def test_a_short_form_of_several_words_in_brackets(drafter: Drafter) -> None:
    english = "The American Chamber of Commerce in Latvia (AmCham Latvia) opened a desk for Tajik companies in 2020."
    assert ("American Chamber of Commerce in Latvia", "AmCham Latvia") in variants(drafter, english, "en")
    russian = ("В 2020 году директор департамента Министерства иностранных дел Латвийской Республики (МИД ЛР) "
               "посетил Душанбе.")
    assert ("Министерство иностранных дел Латвийской Республики", "МИД ЛР") in variants(drafter, russian, "ru")
    german = "Die Lettische Handelskammer (LHK Riga) berät seit 2019 auch tadschikische Firmen."
    assert ("Lettische Handelskammer", "LHK Riga") in variants(drafter, german, "de")
    not_short = "Die Lettische Handelskammer (Sitz Riga) berät seit 2019 auch tadschikische Firmen."
    assert not any(v == "Sitz Riga" for _, v in variants(drafter, not_short, "de"))
