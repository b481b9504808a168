"""Name variants of persons in the forms a ministry page writes them (diplokg.ingest.persons,
.names, .mentions): middle initials, titles with their complement, state adjectives before
"Republic", titles whose names are read after an honorific, plural titles, indeclinable Tajik
family names, initials that tell a name's first word, German transliterations, family names
without their diacritics. Sentences written for these tests, in German, English and Russian."""

from __future__ import annotations

from diplokg.ingest.facts import NameVariant
from diplokg.ingest.inflection import russian_name_nominative
from diplokg.ingest.names import person_relation
from diplokg.ingest.page import Page
from diplokg.ingest.pipeline import Drafter
from diplokg.matching.names import skeleton


def _variants(drafter: Drafter, text: str, language: str) -> list[tuple[int, str, str]]:
    out = []
    for d in drafter.draft(Page(text, language)).facts:
        if isinstance(d.fact, NameVariant) and d.fact.entity_kind == "person":
            gold = d.gold()
            out.append((gold["sentence"], gold["entity"], gold["variant"]))
    return out


def test_a_middle_initial_belongs_to_the_name(drafter: Drafter) -> None:
    english = ("On 4 May 2021 Chargé d'Affaires a.i. Robert J. Halloran opened the exhibition.\n"
               "Later R. Halloran thanked the hosts.")
    assert _variants(drafter, english, "en") == [(2, "Robert J. Halloran", "R. Halloran")]
    german = ("Am 4. Mai 2021 eröffnete Geschäftsträger Robert J. Halloran die Ausstellung.\n"
              "Danach dankte R. Halloran den Gastgebern.")
    assert _variants(drafter, german, "de") == [(2, "Robert J. Halloran", "R. Halloran")]


def test_a_title_names_its_person_before_an_honorific_names_another(drafter: Drafter) -> None:
    german = ("Am 3. Mai 2020 ernannte Präsident Rustam Kamolov per Dekret Herrn Sadriddin Olimov zum Botschafter.\n"
              "Im Juni 2020 empfing Präsident Kamolov die Gäste.")
    assert _variants(drafter, german, "de") == [(2, "Rustam Kamolov", "Kamolov")]
    english = ("On 3 May 2020 President Rustam Kamolov appointed Mr. Sadriddin Olimov ambassador.\n"
               "In June 2020 President Kamolov received the guests.")
    assert _variants(drafter, english, "en") == [(2, "Rustam Kamolov", "Kamolov")]
    russian = ("3 мая 2020 года Президент Рустам Камолов назначил г-на Садриддина Олимова послом.\n"
               "В июне 2020 года Президент Камолов принял гостей.")
    assert _variants(drafter, russian, "ru") == [(2, "Рустам Камолов", "Камолов")]


def test_the_complement_of_a_title_is_not_part_of_the_name(drafter: Drafter) -> None:
    english = ("In 2019 Minister of Transport Dilshod Rahimov visited Riga.\n"
               "Rahimov met the mayor.")
    assert _variants(drafter, english, "en") == [(2, "Dilshod Rahimov", "Rahimov")]
    german = ("Im Jahr 2019 besuchte der Minister für Verkehr Dilshod Rahimov Riga.\n"
              "Minister Rahimov traf den Bürgermeister.")
    assert _variants(drafter, german, "de") == [(2, "Dilshod Rahimov", "Rahimov")]


def test_the_adjective_of_a_state_before_republic_is_no_name_russian(drafter: Drafter) -> None:
    text = ("Указом Президента Кыргызской Республики Алмаза Бекова от 3 мая 2019 года назначен новый посол.\n"
            "Президент А. Беков провёл встречу с делегацией.")
    assert _variants(drafter, text, "ru") == [(2, "Алмаз Беков", "А. Беков")]


def test_a_noun_before_the_title_ends_its_chain_russian(drafter: Drafter) -> None:
    text = ("Фарход Салимов назначен Послом Республики Таджикистан в Латвии указом Президента Республики "
            "Таджикистан Азиза Каримова.\n"
            "Президент А. Каримов подписал указ.")
    assert _variants(drafter, text, "ru") == [(2, "Азиз Каримов", "А. Каримов")]


def test_tajik_family_names_do_not_decline_russian(drafter: Drafter) -> None:
    assert russian_name_nominative("Умеда Шарифзода", "gent") == "Умед Шарифзода"
    text = ("Верительные грамоты были вручены Президенту Республики Таджикистан Умеду Шарифзода.\n"
            "Позднее У. Шарифзода принял министра.")
    assert _variants(drafter, text, "ru") == [(2, "Умед Шарифзода", "У. Шарифзода")]


def test_an_initial_tells_the_first_word_of_a_name_found_without_a_title(drafter: Drafter) -> None:
    russian = ("Бахтиёр Сафаров назначен Послом в Латвии в 2019 году.\n"
               "Верительные грамоты Б. Сафаров вручил 5 мая 2019 года.")
    assert _variants(drafter, russian, "ru") == [(2, "Бахтиёр Сафаров", "Б. Сафаров")]
    english = ("Bakhtiyor Safarov became ambassador to Latvia in 2019.\n"
               "On 5 May 2019 B. Safarov presented his credentials.")
    assert _variants(drafter, english, "en") == [(2, "Bakhtiyor Safarov", "B. Safarov")]


def test_initials_in_an_oblique_case_russian(drafter: Drafter) -> None:
    text = ("Президент Латвии Андрис Озолс посетил Душанбе в 2018 году.\n"
            "В ходе переговоров А. Озолса и министров был подписан договор.")
    assert _variants(drafter, text, "ru") == [(2, "Андрис Озолс", "А. Озолса")]


def test_a_plural_title_names_two_persons(drafter: Drafter) -> None:
    english = ("In 2018 President Andris Ozols visited Dushanbe.\n"
               "In 2019 Presidents Kamolov and Ozols met in Riga.")
    assert _variants(drafter, english, "en") == [(2, "Andris Ozols", "Ozols")]
    german = ("Im Jahr 2018 besuchte Präsident Andris Ozols Duschanbe.\n"
              "Im Jahr 2019 trafen sich die Präsidenten Kamolov und Ozols in Riga.")
    assert _variants(drafter, german, "de") == [(2, "Andris Ozols", "Ozols")]
    russian = ("В 2018 году Президент Андрис Озолс посетил Душанбе.\n"
               "В 2019 году президенты Камолов и Озолс встретились в Риге.")
    assert _variants(drafter, russian, "ru") == [(2, "Андрис Озолс", "Озолс")]


def test_german_transliterations_and_names_without_diacritics() -> None:
    assert person_relation("Bakhtiyor Ismoilov", "Bachtijor Ismoilow") == "spelling"
    assert person_relation("Dzhamshed Nazarov", "Dschamsched Nasarow") == "spelling"
    assert skeleton("Jamshed") == skeleton("Dzhamshed")
    assert person_relation("Łukasz Wróbel", "Wrobel") == "surname"
    assert person_relation("Улугбек Ташматов", "Тошматов") == "spelling"
    assert person_relation("Улугбек Ташматов", "Каримов") is None


def test_a_family_name_without_diacritics_is_a_variant(drafter: Drafter) -> None:
    german = ("Im Mai 2008 besuchte der Präsident der Republik Polen, Herr Łukasz Wróbel, Duschanbe.\n"
              "Präsident Wrobel traf den Außenminister.")
    assert _variants(drafter, german, "de") == [(2, "Łukasz Wróbel", "Wrobel")]
    english = ("In May 2008 the President of Poland, Mr. Łukasz Wróbel, visited Dushanbe.\n"
               "President Wrobel met the foreign minister.")
    assert _variants(drafter, english, "en") == [(2, "Łukasz Wróbel", "Wrobel")]
