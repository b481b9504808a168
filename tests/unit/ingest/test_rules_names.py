"""Name variants and organisation links (diplokg.ingest.rules.names, .rules.organisations, the
mentions they read): sentences written for these tests, in German, English and Russian, drafted
against the repository's graph; each test asserts the drafted facts in the gold format."""

from __future__ import annotations

from typing import Any

from diplokg.ingest.facts import Drafted
from diplokg.ingest.inflection import german_nominative, russian_name_nominative, russian_nominative
from diplokg.ingest.names import person_relation
from diplokg.ingest.page import Page
from diplokg.ingest.pipeline import Drafter
from diplokg.matching.names import acronym_fits, skeleton


def _draft(drafter: Drafter, text: str, language: str, kind: str) -> list[Drafted]:
    return [d for d in drafter.draft(Page(text, language)).facts if d.fact.kind == kind]


def _variants(drafted: list[Drafted]) -> list[tuple[int, str, str]]:
    out = []
    for d in drafted:
        gold = d.gold()
        out.append((gold["sentence"], gold["entity"], gold["variant"]))
    return out


def _links(drafted: list[Drafted]) -> list[dict[str, Any]]:
    return [{k: v for k, v in d.gold().items() if k != "kind"} for d in drafted]


def test_surname_and_initials_are_variants_of_the_first_name_german(drafter: Drafter) -> None:
    text = ("Am 3. Mai 2015 empfing Präsident Alisher Nazarov die Gäste in Duschanbe.\n"
            "Im Juni 2016 reiste Präsident Nazarov nach Wien.\n"
            "Später traf A. Nazarov dort den Bürgermeister.\n"
            "Präsident Alisher Nazarov dankte den Gastgebern.")
    drafted = _draft(drafter, text, "de", "name-variant")
    assert _variants(drafted) == [(2, "Alisher Nazarov", "Nazarov"), (3, "Alisher Nazarov", "A. Nazarov")]
    assert all(not d.questions for d in drafted)


def test_another_order_and_a_transliteration_english(drafter: Drafter) -> None:
    text = ("On 5 May 2016 the Minister of Foreign Affairs Mr. Bakhtiyor Usmonov met the delegation.\n"
            "In 2017 the talks of USMONOV Bakhtiyor with the hosts took place in Berlin.\n"
            "In 2018 Mr. Bakhtiyor Usmanov spoke at the forum.")
    drafted = _draft(drafter, text, "en", "name-variant")
    assert _variants(drafted) == [(2, "Bakhtiyor Usmonov", "USMONOV Bakhtiyor"),
                                  (3, "Bakhtiyor Usmonov", "Bakhtiyor Usmanov")]
    guess = drafted[1]
    assert guess.questions and "transliteration" in guess.questions[0] and guess.confidence < drafted[0].confidence


def test_a_case_form_is_no_variant_but_initials_are_russian(drafter: Drafter) -> None:
    text = ("Послом Республики Казахстан в Республике Таджикистан является Ерлан Сагатов.\n"
            "15 мая 2020 года заместитель министра принял Посла Казахстана Ерлана Сагатова.\n"
            "Е. Сагатов передал послание.")
    assert _variants(_draft(drafter, text, "ru", "name-variant")) == [(3, "Ерлан Сагатов", "Е. Сагатов")]


def test_a_changed_name_is_a_variant_with_a_question_russian(drafter: Drafter) -> None:
    text = ("По информации Посла Рустама Назарова, посольство работает в обычном режиме.\n"
            "В мае 2022 года Посол Республики Таджикистан в Украине Рустамали Назарзода встретился с министром.")
    drafted = _draft(drafter, text, "ru", "name-variant")
    assert _variants(drafted) == [(2, "Рустам Назаров", "Рустамали Назарзода")]
    assert drafted[0].questions and drafted[0].confidence <= 0.5


def test_abbreviations_in_brackets_and_used_again(drafter: Drafter) -> None:
    german = ("Die Projekte setzt die Deutsche Agentur für Wasserwirtschaft (DAW) um.\n"
              "Die DAW arbeitet mit dem Ministerium für Energie zusammen.")
    assert _variants(_draft(drafter, german, "de", "name-variant")) == [
        (1, "Deutsche Agentur für Wasserwirtschaft", "DAW")]
    links = _links(_draft(drafter, german, "de", "organisation-link"))
    assert links == [{"sentence": 2, "organisation": "Deutsche Agentur für Wasserwirtschaft",
                      "relation": "cooperates-with", "other": "Ministerium für Energie"}]
    russian = "В 2019 году состоялось заседание Межправительственной комиссии по торговому сотрудничеству (МКТС)."
    assert _variants(_draft(drafter, russian, "ru", "name-variant")) == [
        (1, "Межправительственная комиссия по торговому сотрудничеству", "МКТС")]


def test_the_abbreviation_fits_the_nearest_name_whose_initials_it_spells(drafter: Drafter) -> None:
    text = "In 2019 the Assembly of the Central Asian Water Union (CAWU) met in Dushanbe."
    assert _variants(_draft(drafter, text, "en", "name-variant")) == [(1, "Central Asian Water Union", "CAWU")]


def test_a_state_adjective_names_the_ministry_of_that_state(drafter: Drafter) -> None:
    text = ("Das Unternehmen „Pamirhydro“ wurde auf Grundlage einer Vereinbarung zwischen dem Außenministerium der "
            "Republik Kasachstan und dem Energieministerium der Republik Tadschikistan gegründet.\n"
            "„Pamirhydro“ arbeitet mit dem kasachischen Außenministerium zusammen.")
    variants = _draft(drafter, text, "de", "name-variant")
    assert _variants(variants) == [(2, "Außenministerium der Republik Kasachstan", "kasachischen Außenministerium")]
    assert variants[0].questions
    links = _links(_draft(drafter, text, "de", "organisation-link"))
    assert links == [
        {"sentence": 1, "organisation": "Pamirhydro", "relation": "founded-on", "other": "Vereinbarung"},
        {"sentence": 2, "organisation": "Pamirhydro", "relation": "cooperates-with",
         "other": "Außenministerium der Republik Kasachstan"}]


def test_membership_and_founding_by_a_government_english(drafter: Drafter) -> None:
    text = ("The Tajik Aluminium Company is a member of the International Aluminium Institute.\n"
            "The Government of Norway founded the Pamir Energy Fund in 2005.")
    links = _links(_draft(drafter, text, "en", "organisation-link"))
    assert links == [
        {"sentence": 1, "organisation": "Tajik Aluminium Company", "relation": "member-of",
         "other": "International Aluminium Institute"},
        {"sentence": 2, "organisation": "Pamir Energy Fund", "relation": "founded-by", "other": "NOR"}]


def test_founded_on_an_intergovernmental_agreement_has_the_pages_states(drafter: Drafter) -> None:
    text = ("Die diplomatischen Beziehungen zwischen Tadschikistan und Lettland wurden 1993 aufgenommen.\n"
            "Auf der Grundlage eines zwischenstaatlichen Handelsabkommens entstand 2012 die BalticBank Tadschikistan.")
    (link,) = _draft(drafter, text, "de", "organisation-link")
    assert _links([link]) == [{"sentence": 2, "organisation": "BalticBank Tadschikistan", "relation": "founded-on",
                               "other": "Handelsabkommen"}]
    assert link.fact.parties == ("TJK", "LVA")


def test_a_renamed_city_is_a_variant_russian(drafter: Drafter) -> None:
    text = ("В 2020 году в г. Нур-Султане прошли переговоры.\n"
            "В 2023 году в Астане был подписан протокол.")
    assert _variants(_draft(drafter, text, "ru", "name-variant")) == [(2, "Нур-Султан", "Астане")]


def test_the_graphs_name_of_a_person_is_the_entity(drafter: Drafter) -> None:
    text = "Botschafter der Republik Tadschikistan in Lettland ist Herr Kalandar Idibek."
    drafted = _draft(drafter, text, "de", "name-variant")
    assert _variants(drafted) == [(1, "Idibek Kalandar", "Kalandar Idibek")]
    assert any("graph" in reason for reason in drafted[0].reasons)


def test_person_relations() -> None:
    assert person_relation("Касым-Жомарт Токаев", "К.-Ж. Токаев") == "initials"
    assert person_relation("Serzh Sargsyan", "Serzh Sarkisian") == "spelling"
    assert person_relation("Туреханов Валихан Амирханулы", "Валихан Туреханов") == "part"
    assert person_relation("Emomali Rahmon", "Rahmon") == "surname"
    assert person_relation("Emomali Rahmon", "Rustam Emomali") is None
    assert skeleton("Huseinzoda") == skeleton("Huseynzoda")


def test_nominatives() -> None:
    assert german_nominative(["Eidgenössischen"], "Departements", "für Verkehr") == \
        "Eidgenössisches Departement für Verkehr"
    assert german_nominative(["Europäischen"], "Union", "") == "Europäische Union"
    assert german_nominative(["Auswärtigen"], "Amtes", "") == "Auswärtiges Amt"
    assert russian_nominative(["Межправительственной"], "комиссии", "по транспорту") == \
        "Межправительственная комиссия по транспорту"
    assert russian_name_nominative("Давлата Назри", "gent") == "Давлат Назри"
    assert russian_name_nominative("Дмитрием Сеником", "ablt") == "Дмитрий Сеник"
    assert acronym_fits("EDA", "Eidgenössisches Departement für auswärtige Angelegenheiten")
    assert not acronym_fits("SALW", "Kleinwaffen")


def test_a_known_name_does_not_take_the_capitalised_word_before_it(drafter: Drafter) -> None:
    text = ("Am 4. Mai 2019 empfing Präsident Farrukh Sharifov die Delegation.\n"
            "Im Gespräch sprach Farrukh Sharifov über Wasserfragen.\n"
            "Zum Abschluss sprach die Delegation in Chudschand Farrukh Sharifov ihren Dank aus.")
    assert _variants(_draft(drafter, text, "de", "name-variant")) == []
