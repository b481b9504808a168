"""Missions read from sentences written for these tests (diplokg.ingest.rules.missions), in German,
English and Russian: two missions in one sentence with their own dates and seats, the state as
adjective, possessive or whose relations the mission handles, the same mission named twice, "the
following year", what a mission covers, a mission to an organisation (written as an organisation,
not as a mission covering a state), a mission upgraded to an embassy."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from diplokg.ingest.draft import write_draft
from diplokg.ingest.facts import MissionOpened
from diplokg.ingest.page import Page
from diplokg.ingest.pipeline import Drafter

LATVIA_DE = "Die diplomatischen Beziehungen zwischen Tadschikistan und Lettland wurden 1993 aufgenommen. "
LATVIA_EN = "Tajikistan and Latvia established diplomatic relations in 1993. "
LATVIA_RU = "Таджикистан и Латвия установили дипломатические отношения в 1993 году. "


def missions(drafter: Drafter, text: str, language: str) -> list[dict[str, Any]]:
    facts = [d for d in drafter.draft(Page(text, language)).facts if isinstance(d.fact, MissionOpened)]
    return [{k: v for k, v in d.gold().items() if k != "kind"} for d in facts]


def test_german_two_missions_each_with_its_clause(drafter: Drafter) -> None:
    text = LATVIA_DE + ("Am 4. Mai 2005 wurde in Riga die Botschaft der Republik Tadschikistan eröffnet, am 2. März "
                        "2009 folgte das Honorarkonsulat Lettlands in Duschanbe.")
    assert missions(drafter, text, "de") == [
        {"sentence": 2, "sending": "TJK", "type": "embassy", "seat": "Riga", "covers": ["LVA"], "date": "2005-05-04"},
        {"sentence": 2, "sending": "LVA", "type": "honorary-consulate", "seat": "Dushanbe", "covers": ["TJK"],
         "date": "2009-03-02"}]


def test_german_possessive_following_year_and_the_same_mission_named_again(drafter: Drafter) -> None:
    text = LATVIA_DE + ("Lettland hat im Jahr 2006 seine Botschaft in Duschanbe eröffnet. Im darauffolgenden Jahr "
                        "nahm in Riga die Botschaft der Republik Tadschikistan ihre Arbeit auf – die zweite "
                        "tadschikische Botschaft in Nordeuropa.")
    assert missions(drafter, text, "de") == [
        {"sentence": 2, "sending": "LVA", "type": "embassy", "seat": "Dushanbe", "covers": ["TJK"], "date": "2006"},
        {"sentence": 3, "sending": "TJK", "type": "embassy", "seat": "Riga", "covers": ["LVA"], "date": "2007"}]


def test_german_what_a_mission_covers(drafter: Drafter) -> None:
    text = LATVIA_DE + ("Über die Botschaft in Riga werden auch die Beziehungen Tadschikistans zur Republik Litauen "
                        "und zur Estnischen Republik betreut.")
    assert missions(drafter, text, "de") == [
        {"sentence": 2, "sending": "TJK", "type": "embassy", "seat": "Riga", "covers": ["EST", "LTU", "LVA"]}]


def test_german_mission_to_an_organisation_covers_no_state(drafter: Drafter) -> None:
    text = LATVIA_DE + ("Am 1. Juni 2012 wurde in Wien die Ständige Vertretung der Republik Tadschikistan bei der "
                        "Organisation für Sicherheit und Zusammenarbeit in Europa eröffnet.")
    assert missions(drafter, text, "de") == [
        {"sentence": 2, "sending": "TJK", "type": "representation", "seat": "Vienna", "date": "2012-06-01"}]
    result = drafter.draft(Page(text, "de"))
    store = ox.Store()
    store.load(write_draft(result, drafter.entities), format=ox.RdfFormat.TRIG)
    rows = list(store.query("""SELECT ?t WHERE { ?m <https://w3id.org/diplokg/ontology#organizationType> ?t ;
        <https://w3id.org/diplokg/ontology#belongsToState> <https://w3id.org/diplokg/id/state/TJK> }""",
                            use_default_graph_as_union=True))
    assert [r["t"].value for r in rows] == ["https://w3id.org/diplokg/vocab/organization-type/permanent-mission"]


def test_english_adjective_residence_and_host_state(drafter: Drafter) -> None:
    text = LATVIA_EN + ("The Latvian Embassy in the Republic of Kazakhstan (with residence in Astana) also covers "
                        "Tajikistan.")
    assert missions(drafter, text, "en") == [
        {"sentence": 2, "sending": "LVA", "type": "embassy", "seat": "Astana", "covers": ["KAZ", "TJK"]}]


def test_english_subject_and_possessive_of_each_clause(drafter: Drafter) -> None:
    text = LATVIA_EN + ("Latvia has an Honorary Consulate in Dushanbe, which was opened in May 2015, while Tajikistan "
                        "maintains relations with Latvia through its Embassy in Berlin.")
    assert missions(drafter, text, "en") == [
        {"sentence": 2, "sending": "LVA", "type": "honorary-consulate", "seat": "Dushanbe", "covers": ["TJK"],
         "date": "2015-05"},
        {"sentence": 2, "sending": "TJK", "type": "embassy", "seat": "Berlin", "covers": ["LVA"]}]


def test_russian_two_missions_and_an_adjective(drafter: Drafter) -> None:
    text = LATVIA_RU + ("Посольство Латвии в г. Душанбе начало работу в марте 2008 года, а Посольство Республики "
                        "Таджикистан в Латвийской Республике открыто 5 июня 2010 года. В 2011 году в Риге открылось "
                        "таджикское консульство.")
    assert missions(drafter, text, "ru") == [
        {"sentence": 2, "sending": "LVA", "type": "embassy", "seat": "Dushanbe", "covers": ["TJK"], "date": "2008-03"},
        {"sentence": 2, "sending": "TJK", "type": "embassy", "covers": ["LVA"], "date": "2010-06-05"},
        {"sentence": 3, "sending": "TJK", "type": "consulate", "seat": "Riga", "covers": ["LVA"], "date": "2011"}]


def test_russian_mission_upgraded_to_an_embassy(drafter: Drafter) -> None:
    text = LATVIA_RU + ("Дипломатическая миссия Латвии, открытая в г. Душанбе в 2001 году, 12 мая 2004 года была "
                        "преобразована в Посольство.")
    assert missions(drafter, text, "ru") == [
        {"sentence": 2, "sending": "LVA", "type": "representation", "seat": "Dushanbe", "covers": ["TJK"],
         "date": "2001"},
        {"sentence": 2, "sending": "LVA", "type": "embassy", "seat": "Dushanbe", "covers": ["TJK"],
         "date": "2004-05-12"}]


def test_no_mission_without_an_opening_or_coverage(drafter: Drafter) -> None:
    text = LATVIA_DE + "Die Botschaft Lettlands lud am 4. Mai 2019 zu einem Empfang in Duschanbe ein."
    assert missions(drafter, text, "de") == []


def test_an_opening_in_another_clause_is_not_the_missions(drafter: Drafter) -> None:
    text = LATVIA_DE + ("Am 4. Mai 2019 eröffnete der Minister in Duschanbe eine Ausstellung; auch die Botschaft "
                        "Lettlands war vertreten.")
    assert missions(drafter, text, "de") == []


def test_german_separable_verb_existence_since_and_the_missions_district(drafter: Drafter) -> None:
    text = LATVIA_DE + ("Im Mai 2006 richtete Lettland in Duschanbe ein Honorarkonsulat ein. Die Botschaft der "
                        "Republik Tadschikistan in Riga besteht seit dem 3. April 2009; ihr Amtsbezirk umfasst "
                        "außerdem die Republik Estland. Im selben Jahr wurde in Daugavpils ein Honorarkonsulat "
                        "Tadschikistans feierlich eingeweiht.")
    assert missions(drafter, text, "de") == [
        {"sentence": 2, "sending": "LVA", "type": "honorary-consulate", "seat": "Dushanbe", "covers": ["TJK"],
         "date": "2006-05"},
        {"sentence": 3, "sending": "TJK", "type": "embassy", "seat": "Riga", "covers": ["EST", "LVA"],
         "date": "2009-04-03"},
        {"sentence": 4, "sending": "TJK", "type": "honorary-consulate", "seat": "Daugavpils", "covers": ["LVA"],
         "date": "2009"}]


def test_german_own_embassy_and_the_one_that_covered_the_state_before(drafter: Drafter) -> None:
    text = LATVIA_DE + ("Bis zur Eröffnung einer eigenen Botschaft in Riga im Mai 2015 war die Botschaft der "
                        "Republik Tadschikistan in der Republik Finnland auch für Lettland zuständig. Lettland "
                        "unterhält seine für Tadschikistan zuständige Botschaft in Astana; seit März 2018 arbeitet "
                        "in Duschanbe zudem eine Außenstelle dieser Botschaft.")
    assert missions(drafter, text, "de") == [
        {"sentence": 2, "sending": "TJK", "type": "embassy", "seat": "Riga", "covers": ["LVA"], "date": "2015-05"},
        {"sentence": 2, "sending": "TJK", "type": "embassy", "covers": ["FIN", "LVA"]},
        {"sentence": 3, "sending": "LVA", "type": "embassy", "seat": "Astana", "covers": ["TJK"]},
        {"sentence": 3, "sending": "LVA", "type": "representation", "seat": "Dushanbe", "covers": ["TJK"],
         "date": "2018-03"}]


def test_english_inaugurated_operating_since_the_same_year_and_a_jurisdiction(drafter: Drafter) -> None:
    text = LATVIA_EN + ("Latvia set up an Honorary Consulate in Dushanbe in 2004. The Embassy of Latvia in Astana "
                        "started functioning in the same year, whereas the Embassy of the Republic of Tajikistan in "
                        "Riga was not inaugurated until 5 May 2009; its jurisdiction also extends to Estonia.")
    assert missions(drafter, text, "en") == [
        {"sentence": 2, "sending": "LVA", "type": "honorary-consulate", "seat": "Dushanbe", "covers": ["TJK"],
         "date": "2004"},
        {"sentence": 3, "sending": "LVA", "type": "embassy", "seat": "Astana", "covers": ["TJK"], "date": "2004"},
        {"sentence": 3, "sending": "TJK", "type": "embassy", "seat": "Riga", "covers": ["EST", "LVA"],
         "date": "2009-05-05"}]


def test_english_abbreviated_state_an_agencys_office_and_a_sentence_about_the_head(drafter: Drafter) -> None:
    text = ("Tajikistan and the United States cooperate closely. The U.S. Embassy in Dushanbe opened its doors "
            "in April 1992. The U.S. Agency for Development has had a Liaison Office in Khujand since 2011. "
            "Since 2021 the Embassy has been headed by Ambassador John Smith, who is also accredited to "
            "Kyrgyzstan.")
    assert missions(drafter, text, "en") == [
        {"sentence": 2, "sending": "USA", "type": "embassy", "seat": "Dushanbe", "covers": ["TJK"], "date": "1992-04"},
        {"sentence": 3, "sending": "USA", "type": "representation", "seat": "Khujand", "covers": ["TJK"],
         "date": "2011"}]


def test_russian_seat_in_brackets_the_side_as_subject_and_march_of_the_next_year(drafter: Drafter) -> None:
    text = LATVIA_RU + ("Посольство Республики Таджикистан в Латвийской Республике (г. Рига) учреждено 2 мая 2008 "
                        "года. Латвийская сторона открыла своё посольство в г. Душанбе в 2010 году, а в марте "
                        "следующего года в г. Худжанде приступило к работе Почётное консульство Латвии. С 2015 года "
                        "в г. Даугавпилсе действует Генеральное консульство Республики Таджикистан.")
    assert missions(drafter, text, "ru") == [
        {"sentence": 2, "sending": "TJK", "type": "embassy", "seat": "Riga", "covers": ["LVA"], "date": "2008-05-02"},
        {"sentence": 3, "sending": "LVA", "type": "embassy", "seat": "Dushanbe", "covers": ["TJK"], "date": "2010"},
        {"sentence": 3, "sending": "LVA", "type": "honorary-consulate", "seat": "Khujand", "covers": ["TJK"],
         "date": "2011-03"},
        {"sentence": 4, "sending": "TJK", "type": "consulate", "seat": "Daugavpils", "covers": ["LVA"],
         "date": "2015"}]


def test_russian_own_embassy_and_a_head_who_is_accredited_elsewhere(drafter: Drafter) -> None:
    text = LATVIA_RU + ("До открытия собственного посольства в г. Риге в мае 2015 года Посольство Республики "
                        "Таджикистан в Финляндской Республике отвечало также за Латвию. С 2016 года Посольство "
                        "возглавляет Посол Рустам Каримов, который по совместительству аккредитован в Эстонии.")
    assert missions(drafter, text, "ru") == [
        {"sentence": 2, "sending": "TJK", "type": "embassy", "seat": "Riga", "covers": ["LVA"], "date": "2015-05"},
        {"sentence": 2, "sending": "TJK", "type": "embassy", "covers": ["FIN", "LVA"]}]
