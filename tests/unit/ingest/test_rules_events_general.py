"""Event rules on constructions the first development pages did not use (round 3: rules made
general), on sentences written for these tests in German, English and Russian: what is no event
(a list's announcement, an event noun in a document's title, the founding of relations or of a
mission, a series "launched", goods received), and the dates, places and references of events
stated in other ways."""

from __future__ import annotations

from typing import Any

import pytest

from diplokg.ingest.facts import Drafted, Event
from diplokg.ingest.page import Page
from diplokg.ingest.pipeline import Drafter


def _events(drafter: Drafter, text: str, language: str) -> list[Drafted]:
    return [d for d in drafter.draft(Page(text, language)).facts if isinstance(d.fact, Event)]


def _keys(events: list[Drafted]) -> list[tuple[int, str, Any]]:
    return [(d.sentence.number, d.fact.type, d.gold()["date"]) for d in events]


# -- what is no event ---------------------------------------------------------------------------

@pytest.mark.parametrize("language,text", [
    ("de", "Diplomatische Beziehungen zwischen Tadschikistan und Chile wurden am 3. März 1995 durch einen "
           "Notenaustausch begründet und 1996 ins Leben gerufen."),
    ("de", "Die Botschaft der Republik Tadschikistan in Chile wurde am 3. März 2005 gegründet."),
    ("en", "Diplomatic relations between Tajikistan and Chile were established by an exchange of notes on "
           "3 March 1995."),
    ("en", "The Embassy of Tajikistan in Santiago was established on 3 March 2005."),
    ("ru", "Посольство Республики Таджикистан в Республике Чили учреждено 3 марта 2005 года."),
    ("ru", "Генеральное консульство Республики Чили в г. Душанбе основано в 2009 году."),
])
def test_a_founding_of_relations_or_of_a_mission_is_no_founding_event(drafter: Drafter, language: str,
                                                                      text: str) -> None:
    assert [k for k in _keys(_events(drafter, text, language)) if k[1] == "founding"] == []


@pytest.mark.parametrize("language,text,expected", [
    ("de", "Im Mai 2012 wurde auf Initiative der Botschaft Chiles das Chilenisch-Tadschikische Kulturzentrum "
           "gegründet.", "2012-05"),
    ("en", "The Tajik-Chilean Friendship Society was founded in 2012 by the Embassy of Chile.", "2012"),
    ("ru", "Таджикско-чилийский культурный центр создан в 2012 году по инициативе Посольства Республики Чили.",
     "2012"),
])
def test_a_founding_on_an_embassys_initiative_is_a_founding(drafter: Drafter, language: str, text: str,
                                                            expected: str) -> None:
    assert _keys(_events(drafter, text, language)) == [(1, "founding", expected)]


@pytest.mark.parametrize("language,text,expected", [
    ("de", "Die jährlichen Konsultationen der beiden Außenministerien wurden 2011 ins Leben gerufen.", "2011"),
    ("en", "The Annual Strategic Consultations between the two countries were launched in 2011.", "2011"),
    ("ru", "Консультации между министерствами иностранных дел двух стран были учреждены в 2011 году.", "2011"),
])
def test_a_series_of_events_launched_is_its_first_event_not_a_founding(drafter: Drafter, language: str, text: str,
                                                                      expected: str) -> None:
    assert _keys(_events(drafter, text, language)) == [(1, "political-consultations", expected)]


@pytest.mark.parametrize("language,text", [
    ("de", "Am 3. Mai 2015 wurden folgende Dokumente unterzeichnet: das Protokoll über Konsultationen zwischen den "
           "Außenministerien und das Abkommen über den Luftverkehr."),
    ("en", "On 3 May 2015 the Ministers approved the Memorandum on Consultations between the two ministries."),
    ("ru", "3 мая 2015 года был одобрен Протокол о консультациях между министерствами иностранных дел."),
])
def test_an_event_noun_in_a_documents_title_is_no_event(drafter: Drafter, language: str, text: str) -> None:
    assert [k for k in _keys(_events(drafter, text, language)) if k[1] == "political-consultations"] == []


@pytest.mark.parametrize("language,text,expected", [
    ("de", "Es fanden folgende Besuche statt: ein Staatsbesuch des Präsidenten in Chile am 4. Mai 2016 und ein "
           "Arbeitsbesuch des Außenministers in Santiago am 9. Juni 2018.",
     [(1, "state-visit", "2016-05-04"), (1, "working-visit", "2018-06-09")]),
    ("en", "The following visits took place: a state visit of the President to Chile on 4 May 2016 and a working "
           "visit of the Foreign Minister to Santiago on 9 June 2018.",
     [(1, "state-visit", "2016-05-04"), (1, "working-visit", "2018-06-09")]),
    ("ru", "Состоялись следующие визиты: государственный визит Президента в Чили 4 мая 2016 года и рабочий визит "
           "Министра иностранных дел в г. Сантьяго 9 июня 2018 года.",
     [(1, "state-visit", "2016-05-04"), (1, "working-visit", "2018-06-09")]),
])
def test_a_noun_announcing_a_list_is_no_event(drafter: Drafter, language: str, text: str,
                                             expected: list[tuple[int, str, str]]) -> None:
    assert _keys(_events(drafter, text, language)) == expected


def test_goods_received_are_no_meeting(drafter: Drafter) -> None:
    text = ("On 9 May 2020 the Ministry of Health of Tajikistan received from Chile medical equipment worth "
            "USD 2 million.")
    assert _events(drafter, text, "en") == []


def test_the_sides_after_a_founding_are_no_event(drafter: Drafter) -> None:
    text = ("The Tajik-Chilean Business Council was founded in 2014.\n"
            "The sides are now preparing an agreement on trade.")
    assert _keys(_events(drafter, text, "en")) == [(1, "founding", "2014")]


# -- dates --------------------------------------------------------------------------------------

@pytest.mark.parametrize("language,text,expected", [
    ("en", "From 4 to 6 May 2016 the President of Chile paid an official visit to Tajikistan.",
     ["2016-05-04", "2016-05-06"]),
    ("ru", "С 4 по 6 мая 2016 года Президент Чили находился в Таджикистане с официальным визитом.",
     ["2016-05-04", "2016-05-06"]),
])
def test_a_span_of_days_from_to_is_the_events_date(drafter: Drafter, language: str, text: str,
                                                   expected: list[str]) -> None:
    assert _keys(_events(drafter, text, language)) == [(1, "official-visit", expected)]


# -- which event a noun names -------------------------------------------------------------------

@pytest.mark.parametrize("language,text", [
    ("de", "Im März 2015 fanden in Duschanbe politische Konsultationen statt.\n"
           "Die dritte Konsultationsrunde, die am 4. Mai 2019 in Santiago abgehalten wurde, leitete der "
           "stellvertretende Außenminister Karim Rahimov."),
    ("en", "Political consultations were held in Dushanbe in March 2015.\n"
           "The third round of consultations, which took place in Santiago on 4 May 2019, was led by Deputy "
           "Minister Karim Rahimov."),
    ("ru", "Политические консультации прошли в г. Душанбе в марте 2015 года.\n"
           "Третий раунд консультаций, который прошёл 4 мая 2019 года в г. Сантьяго, возглавил заместитель "
           "министра Карим Рахимов."),
])
def test_a_definite_noun_with_its_own_date_in_a_relative_clause_is_a_new_event(drafter: Drafter, language: str,
                                                                               text: str) -> None:
    events = _events(drafter, text, language)
    assert _keys(events) == [(1, "political-consultations", "2015-03"), (2, "political-consultations", "2019-05-04")]
    assert events[1].gold()["place"] == "Santiago"
    assert events[1].fact.same_as is None


def test_a_definite_noun_with_its_own_date_after_it_is_a_new_event(drafter: Drafter) -> None:
    text = ("In March 2015 the two Presidents held a meeting in Dushanbe.\n"
            "The next meeting took place in Santiago on 4 May 2019.")
    assert _keys(_events(drafter, text, "en")) == [(1, "meeting", "2015-03"), (2, "meeting", "2019-05-04")]


@pytest.mark.parametrize("language,text", [
    ("de", "Am 4. Mai 2019 fanden in Santiago Konsultationen der Außenministerien statt; an den Gesprächen nahm "
           "auch Botschafter Karim Rahimov teil."),
    ("en", "On 4 May 2019 political consultations were held in Santiago; the talks were also attended by "
           "Ambassador Karim Rahimov."),
    ("ru", "4 мая 2019 года в г. Сантьяго состоялись политические консультации; во встрече принял участие также "
           "Посол Карим Рахимов."),
])
def test_a_noun_naming_the_event_of_its_sentence_again_adds_its_persons(drafter: Drafter, language: str,
                                                                        text: str) -> None:
    (event,) = _events(drafter, text, language)
    assert _keys([event]) == [(1, "political-consultations", "2019-05-04")]
    assert [p.person.name for p in event.fact.participants if p.person] == ["Karim Rahimov" if language != "ru"
                                                                           else "Карим Рахимов"]


@pytest.mark.parametrize("language,text", [
    ("de", "Die erste Sitzung der Regierungskommission für Handel tagte am 2. Mai 2016 in Santiago, die zweite am "
           "7. und 8. Juni 2019 in Duschanbe."),
    ("en", "The first session of the Intergovernmental Commission on Trade was held in Santiago on 2 May 2016, the "
           "second on 7 and 8 June 2019 in Dushanbe."),
    ("ru", "Первое заседание Межправительственной комиссии по торговле прошло 2 мая 2016 года в г. Сантьяго, "
           "второе — 7 и 8 июня 2019 года в г. Душанбе."),
])
def test_an_ordinal_standing_for_the_noun_is_a_list_item(drafter: Drafter, language: str, text: str) -> None:
    events = _events(drafter, text, language)
    assert _keys(events) == [(1, "commission-session", "2016-05-02"),
                             (1, "commission-session", ["2019-06-07", "2019-06-08"])]
    assert [d.gold().get("place") for d in events] == ["Santiago", "Dushanbe"]


@pytest.mark.parametrize("language,text", [
    ("de", "Im März 2019 besuchte der Außenminister Chile.\n"
           "Im selben Monat wurde im Parlament Chiles eine Parlamentarische Gruppe Chile–Tadschikistan gebildet."),
    ("en", "In March 2019 the Foreign Minister visited Chile.\n"
           "In the same month a parliamentary group Chile–Tajikistan was formed in the Chilean Senate."),
    ("ru", "В марте 2019 года Министр иностранных дел посетил Чили.\n"
           "В том же месяце в Сенате Чили была образована парламентская группа Чили–Таджикистан."),
])
def test_a_parliamentary_group_in_the_same_month(drafter: Drafter, language: str, text: str) -> None:
    events = _events(drafter, text, language)
    assert _keys(events)[1:] == [(2, "parliamentary-friendship-group", "2019-03")]


def test_the_following_month(drafter: Drafter) -> None:
    text = ("In December 2019 the Foreign Minister visited Chile.\n"
            "The following month political consultations were held in Dushanbe.")
    assert _keys(_events(drafter, text, "en"))[1:] == [(2, "political-consultations", "2020-01")]


@pytest.mark.parametrize("language,text", [
    ("de", "Konsultationen der Außenministerien fanden am 3. April 2017 in Santiago und am 9. Mai 2018 per "
           "Videokonferenz statt."),
    ("en", "Consultations between the foreign ministries took place on 3 April 2017 in Santiago and on 9 May 2018 "
           "by video link."),
    ("ru", "Консультации между министерствами иностранных дел состоялись 3 апреля 2017 года в г. Сантьяго и "
           "9 мая 2018 года в формате видеоконференции."),
])
def test_a_city_of_one_list_item_is_not_the_next_ones(drafter: Drafter, language: str, text: str) -> None:
    events = _events(drafter, text, language)
    assert [d.gold().get("place") for d in events] == ["Santiago", None]


@pytest.mark.parametrize("language,text", [
    ("de", "Am Rande des Gipfels der Schanghaier Organisation für Zusammenarbeit am 4. Juli 2017 in Astana tauschten "
           "sich Außenminister Karim Rahimov und Premierminister Jon Berg über die Lage in der Region aus."),
    ("en", "On the sidelines of the summit of the Shanghai Cooperation Organisation on 4 July 2017 in Astana, "
           "Foreign Minister Karim Rahimov and Prime Minister Jon Berg exchanged views on the region."),
    ("ru", "На полях сессии Совета министров Организации по безопасности 4 июля 2017 года в г. Астане министры "
           "иностранных дел Карим Рахимов и Йон Берг обменялись мнениями о положении в регионе."),
])
def test_a_talk_beside_a_summit_is_an_event_of_its_own(drafter: Drafter, language: str, text: str) -> None:
    events = _events(drafter, text, language)
    assert _keys(events) == [(1, "conference", "2017-07-04"), (1, "meeting", "2017-07-04")]
    assert [d.gold().get("place") for d in events] == ["Astana", "Astana"]
    summit, meeting = (d.fact for d in events)
    assert not summit.participants
    assert len([p for p in meeting.participants if p.person]) == 2


@pytest.mark.parametrize("language,text", [
    ("de", "Botschafterin Anna Lind traf im Mai 2021 in Duschanbe ein und überreichte ihr Beglaubigungsschreiben am "
           "3. Juni 2021."),
    ("en", "Ambassador Anna Lind arrived in Dushanbe in May 2021 and presented her credentials on 3 June 2021."),
    ("ru", "Посол Анна Линд прибыла в г. Душанбе в мае 2021 года и вручила верительные грамоты 3 июня 2021 года."),
])
def test_the_date_right_after_a_coordinated_trigger_is_its_own(drafter: Drafter, language: str, text: str) -> None:
    assert _keys(_events(drafter, text, language)) == [(1, "other", "2021-06-03")]


@pytest.mark.parametrize("language,text", [
    ("de", "Im Mai 2015 wurde der Hochrangige Rat für Zusammenarbeit (HRZ) gegründet.\n"
           "Die erste Sitzung des HRZ fand am 6. Oktober 2016 in Santiago statt."),
    ("en", "The High-Level Council for Cooperation (HLCC) was set up in May 2015.\n"
           "The first meeting of the HLCC was held in Santiago on 6 October 2016."),
    ("ru", "В мае 2015 года был создан Совет по сотрудничеству высокого уровня (ССВУ).\n"
           "Первое заседание ССВУ состоялось 6 октября 2016 года в г. Сантьяго."),
])
def test_an_event_noun_before_a_defined_acronym_is_read_with_its_full_name(drafter: Drafter, language: str,
                                                                           text: str) -> None:
    events = [d for d in _events(drafter, text, language) if d.sentence.number == 2]
    assert _keys(events) == [(2, "commission-session", "2016-10-06")]


@pytest.mark.parametrize("language,text", [
    ("de", "Die Jährlichen Politischen Konsultationen (JPK) wurden 2012 vereinbart.\n"
           "Die dritte Runde der JPK fand am 2. März 2016 in Santiago statt."),
    ("en", "The Annual Political Consultations (APC) were agreed in 2012.\n"
           "The third round of the APC was held in Santiago on 2 March 2016."),
    ("ru", "Ежегодные политические консультации (ЕПК) были согласованы в 2012 году.\n"
           "Третий раунд ЕПК прошёл 2 марта 2016 года в г. Сантьяго."),
])
def test_an_acronym_of_an_event_series_is_an_event_where_dated(drafter: Drafter, language: str, text: str) -> None:
    events = [d for d in _events(drafter, text, language) if d.sentence.number == 2]
    assert _keys(events) == [(2, "political-consultations", "2016-03-02")]


@pytest.mark.parametrize("language,text", [
    ("de", "Am 4. Mai 2021 empfing der Außenminister Karim Rahimov den Botschafter Jon Berg, um die bevorstehende "
           "Sitzung der Regierungskommission vorzubereiten."),
    ("en", "On 4 May 2021 Foreign Minister Karim Rahimov received Ambassador Jon Berg to discuss preparations for "
           "the next session of the Intergovernmental Commission."),
    ("ru", "4 мая 2021 года Министр иностранных дел Карим Рахимов принял Посла Йона Берга для подготовки к "
           "предстоящему заседанию Межправительственной комиссии."),
])
def test_an_event_still_to_come_is_none(drafter: Drafter, language: str, text: str) -> None:
    assert _keys(_events(drafter, text, language)) == [(1, "meeting", "2021-05-04")]


@pytest.mark.parametrize("language,text", [
    ("de", "Das Abkommen über den Handel wurde am 2. Dezember 2022 in Santiago von Außenminister Karim Rahimov "
           "unterzeichnet."),
    ("en", "The Agreement on Trade was signed on 2 December 2022 in Santiago by Foreign Minister Karim Rahimov."),
    ("ru", "Соглашение о торговле было подписано 2 декабря 2022 года в г. Сантьяго Министром иностранных дел "
           "Каримом Рахимовым."),
])
def test_a_passive_signing_with_its_auxiliary_and_signer_is_an_event(drafter: Drafter, language: str,
                                                                     text: str) -> None:
    events = _events(drafter, text, language)
    assert _keys(events) == [(1, "agreement-signing", "2022-12-02")]
    assert events[0].gold().get("place") == "Santiago"


@pytest.mark.parametrize("language,text", [
    ("de", "Santiago war Gastgeber eines Ministertreffens der Pazifik-Allianz am 3. Mai 2019."),
    ("en", "Santiago hosted a ministerial meeting of the Pacific Alliance on 3 May 2019."),
    ("ru", "Сантьяго стал местом проведения министерской встречи Тихоокеанского альянса 3 мая 2019 года."),
])
def test_a_ministerial_meeting_in_the_city_that_hosts_it(drafter: Drafter, language: str, text: str) -> None:
    events = _events(drafter, text, language)
    assert _keys(events) == [(1, "conference", "2019-05-03")]
    assert events[0].gold().get("place") == "Santiago"
