"""Event rules (diplokg.ingest.rules.events and its helpers) on sentences written for these tests, in
German, English and Russian: which sentence states which events, of which type, on which date, at
which place, with whom; dates carried from the sentence before only where the sentence goes on
about its event, relative dates resolved, signings only where someone is named as signing."""

from __future__ import annotations

from typing import Any

from diplokg.ingest.facts import Drafted, Event
from diplokg.ingest.page import Page
from diplokg.ingest.pipeline import Drafter


def _events(drafter: Drafter, text: str, language: str) -> list[Drafted]:
    return [d for d in drafter.draft(Page(text, language)).facts if isinstance(d.fact, Event)]


def _keys(events: list[Drafted]) -> list[tuple[int, str, Any]]:
    return [(d.sentence.number, d.fact.type, d.gold()["date"]) for d in events]


def _event(events: list[Drafted], sentence: int, kind: str) -> Drafted:
    return next(d for d in events if d.sentence.number == sentence and d.fact.type == kind)


# -- types, dates, places -------------------------------------------------------------------------

def test_a_typed_visit_noun_takes_the_plain_visit_verb_with_it(drafter: Drafter) -> None:
    events = _events(drafter, "Der Präsident Portugals besuchte Tadschikistan am 4. Mai 2016 zu einem Staatsbesuch.\n"
                              "Am 5. Mai 2016 traf er in Duschanbe mit Präsident Emomali Rahmon zusammen.", "de")
    assert _keys(events) == [(1, "state-visit", "2016-05-04"), (2, "meeting", "2016-05-05")]
    assert _event(events, 2, "meeting").fact.place is not None
    assert _event(events, 2, "meeting").gold()["place"] == "Dushanbe"
    assert _event(events, 1, "state-visit").fact.related == frozenset({"TJK", "PRT"})


def test_a_list_of_dates_is_one_event_per_date_with_its_place(drafter: Drafter) -> None:
    de = _events(drafter, "Die Konsultationen mit Portugal fanden im März 2014 in Lissabon, am 2. Juni 2016 in "
                          "Duschanbe und am 9 Oktober 2018 per Videokonferenz statt.", "de")
    assert [(k, d) for _, k, d in _keys(de)] == [("political-consultations", "2014-03"),
                                                 ("political-consultations", "2016-06-02"),
                                                 ("political-consultations", "2018-10-09")]
    assert [d.gold().get("place") for d in de] == ["Lisbon", "Dushanbe", None]
    en = _events(drafter, "The Prime Minister of Portugal visited Tajikistan in 1998, in 2001 and in 2007.", "en")
    assert [d for _, _, d in _keys(en)] == ["1998", "2001", "2007"]
    ru = _events(drafter, "Президент Республики Таджикистан совершил визиты в Португалию: официальный – в марте 2009 "
                          "года и рабочий – в мае 2013 года.", "ru")
    assert [(k, d) for _, k, d in _keys(ru)] == [("official-visit", "2009-03"), ("working-visit", "2013-05")]


def test_a_day_without_its_year_and_relative_dates_are_read_from_the_sentence(drafter: Drafter) -> None:
    en = _events(drafter, "In April 2017 the Minister of Foreign Affairs of Portugal paid an official visit to "
                          "Tajikistan; on 12 April in Dushanbe he held talks with the President, and on the next day "
                          "he addressed the Academy of Sciences.", "en")
    assert _keys(en) == [(1, "official-visit", "2017-04"), (1, "meeting", "2017-04-12"), (1, "speech", "2017-04-13")]
    assert any("names no year" in r for r in _event(en, 1, "meeting").reasons)
    ru = _events(drafter, "21 июня 2019 года министры провели телефонный разговор, а в тот же день Посол Португалии "
                          "встретился с заместителем министра иностранных дел.", "ru")
    assert _keys(ru) == [(1, "other", "2019-06-21"), (1, "meeting", "2019-06-21")]


def test_start_dates_and_document_dates_are_no_event_dates(drafter: Drafter) -> None:
    ru = _events(drafter, "Послом Португалии в Таджикистане с 3 марта 2020 года является г-н Жуан Силва, который "
                          "вручил верительные грамоты 17 мая 2020 года.", "ru")
    assert _keys(ru) == [(1, "other", "2020-05-17")]
    de = _events(drafter, "Der Präsident empfing den Außenminister Portugals und sprach mit ihm über das im März 2012 "
                          "unterzeichnete Abkommen.", "de")
    assert de == []  # the only date is the agreement's


def test_a_signing_is_an_event_only_where_the_signers_are_named(drafter: Drafter) -> None:
    passive = _events(drafter, "Am 8. Juni 2015 wurde in Lissabon das Abkommen über Luftverkehr mit Portugal "
                               "unterzeichnet.", "de")
    assert passive == []
    named = _events(drafter, "Am 8. Juni 2015 wurde in Lissabon das Abkommen über Luftverkehr vom Außenminister "
                             "Portugals Herrn João Silva und dem Botschafter Tadschikistans Herrn Rustam Nazarov "
                             "unterzeichnet.", "de")
    assert _keys(named) == [(1, "agreement-signing", "2015-06-08")]
    assert {p.person.name for p in named[0].fact.participants if p.person} == {"João Silva", "Rustam Nazarov"}
    en = _events(drafter, "On 8 June 2015 an agreement on air services with Portugal was signed.", "en")
    assert en == []


def test_an_invitation_to_visit_is_no_visit(drafter: Drafter) -> None:
    events = _events(drafter, "On 3 March 2011 in Lisbon the President of Portugal met with President Emomali "
                              "Rahmon, who invited him to pay a state visit to Tajikistan.", "en")
    assert _keys(events) == [(1, "meeting", "2011-03-03")]
    assert events[0].gold()["place"] == "Lisbon"


def test_met_with_one_and_with_another_is_two_meetings(drafter: Drafter) -> None:
    events = _events(drafter, "In May 2019 President Emomali Rahmon paid a working visit to Portugal, during which he "
                              "met with the Prime Minister of Portugal Mr. Carlos Costa and with the Speaker of the "
                              "Assembly Mr. Pedro Santos.", "en")
    assert _keys(events) == [(1, "working-visit", "2019-05"), (1, "meeting", "2019-05"), (1, "meeting", "2019-05")]
    visit, first, second = events
    assert visit.fact.destination == "PRT" and visit.fact.topic == "working visit to Portugal"
    names = [{p.person.name for p in m.fact.participants if p.person} for m in (first, second)]
    assert names == [{"Emomali Rahmon", "Carlos Costa"}, {"Emomali Rahmon", "Pedro Santos"}]
    assert first.fact.sub_event_of is visit.fact


# -- the sentence before ---------------------------------------------------------------------------

def test_an_undated_sentence_goes_on_about_the_event_before(drafter: Drafter) -> None:
    events = _events(drafter, "Vom 2. bis 4. Juli 2018 besuchte eine Delegation Portugals Tadschikistan.\n"
                              "Die Delegation wurde von Präsident Emomali Rahmon empfangen.\n"
                              "Während des Treffens wurden Fragen der Energie erörtert.\n"
                              "Die Parteien vereinbarten, die Zusammenarbeit fortzusetzen.", "de")
    assert _keys(events) == [(1, "visit", ["2018-07-02", "2018-07-04"]), (2, "meeting", ["2018-07-02", "2018-07-04"]),
                             (3, "meeting", ["2018-07-02", "2018-07-04"]), (4, "meeting", ["2018-07-02", "2018-07-04"])]
    meeting, again, sides = (_event(events, n, "meeting") for n in (2, 3, 4))
    assert meeting.confidence < 0.6 and any("names no date of its own" in r for r in meeting.reasons)
    assert meeting.fact.sub_event_of is _event(events, 1, "visit").fact
    assert again.fact.same_as is meeting.fact and sides.fact.same_as is meeting.fact


def test_a_generic_statement_after_an_event_is_no_event(drafter: Drafter) -> None:
    events = _events(drafter, "Am 5. Mai 2016 fanden in Lissabon politische Konsultationen statt.\n"
                              "Politische Konsultationen sind die Grundlage der Zusammenarbeit mit Portugal.", "de")
    assert _keys(events) == [(1, "political-consultations", "2016-05-05")]


def test_years_name_the_events_of_the_sentence_before(drafter: Drafter) -> None:
    events = _events(drafter, "Political consultations with Portugal were held on 4 March 2015 in Lisbon and on "
                              "9 November 2017 in Dushanbe.\n"
                              "The consultations 2015 and 2017 were led by the Deputy Ministers of Foreign "
                              "Affairs.", "en")
    assert _keys(events)[2:] == [(2, "political-consultations", "2015-03-04"),
                                 (2, "political-consultations", "2017-11-09")]
    assert [d.gold()["place"] for d in events[2:]] == ["Lisbon", "Dushanbe"]
    assert all(d.fact.same_as is not None for d in events[2:])


def test_a_frame_naming_the_visit_before_is_that_visit(drafter: Drafter) -> None:
    events = _events(drafter, "Президент Португалии посетил Таджикистан с официальным визитом 10-11 сентября 2018 "
                              "года.\n"
                              "В ходе визита 2018 года, 11 сентября, он встретился в г. Душанбе с Президентом.", "ru")
    assert _keys(events) == [(1, "official-visit", ["2018-09-10", "2018-09-11"]), (2, "meeting", "2018-09-11")]
    assert events[1].gold()["place"] == "Dushanbe"
    assert events[1].fact.sub_event_of is events[0].fact


def test_a_relative_date_read_from_a_sentence_with_several_dates_is_asked_about(drafter: Drafter) -> None:
    events = _events(drafter, "The embassy opened in March 2004, and the consulate in May 2006.\n"
                              "The same year the Minister of Foreign Affairs of Portugal paid a working visit to "
                              "Tajikistan.", "en")
    (visit,) = events
    assert visit.gold()["date"] == "2006"
    assert visit.questions and "several dates" in visit.questions[0]


# -- participants ----------------------------------------------------------------------------------

def test_participants_have_their_title_in_english_and_their_state(drafter: Drafter) -> None:
    de = _events(drafter, "Portugal und Tadschikistan pflegen gute Beziehungen.\n"
                          "Am 14. Februar 2017 traf sich der stellvertretende Außenminister Herr Karim Saidov mit "
                          "dem portugiesischen Staatssekretär Herrn Rui Costa.", "de")
    assert de[0].gold()["participants"] == [
        {"person": "Karim Saidov", "role": "Deputy Minister of Foreign Affairs", "on_behalf_of": "TJK"},
        {"person": "Rui Costa", "role": "State Secretary of Portugal", "on_behalf_of": "PRT"}]
    en = _events(drafter, "On 6 June 2018 the Minister for Foreign Affairs of Portugal Mr. Pedro Nunes held talks "
                          "with President Emomali Rahmon.", "en")
    assert en[0].gold()["participants"] == [
        {"person": "Pedro Nunes", "role": "Minister for Foreign Affairs of Portugal", "on_behalf_of": "PRT"},
        {"person": "Emomali Rahmon", "role": "President", "on_behalf_of": "TJK"}]
    assert any("names no state" in r for r in en[0].reasons)


def test_russian_names_are_read_in_the_nominative(drafter: Drafter) -> None:
    events = _events(drafter, "12 марта 2019 года Министр иностранных дел Республики Таджикистан встретился с "
                              "Министром иностранных дел Португалии Антониу Сантушем.", "ru")
    (participant,) = events[0].fact.participants
    assert participant.person is not None and participant.person.name == "Антониу Сантуш"
    assert participant.role == "Minister of Foreign Affairs of Portugal" and participant.on_behalf_of == "PRT"


def test_a_surname_after_a_title_is_the_person_named_before(drafter: Drafter) -> None:
    events = _events(drafter, "Im Mai 2015 besuchte Außenminister Portugals Herr João Nunes Tadschikistan.\n"
                              "Im Juni 2016 sprach Außenminister Nunes in Duschanbe auf einer Konferenz.", "de")
    speech = _event(events, 2, "speech")
    assert [p.person.name for p in speech.fact.participants if p.person] == ["João Nunes"]
    assert speech.fact.participants[0].on_behalf_of == "PRT"


def test_during_which_frames_the_visit_of_its_own_sentence(drafter: Drafter) -> None:
    events = _events(drafter, "On 2 March 2016 the Ministers of Foreign Affairs of Portugal and Tajikistan held talks "
                              "in Lisbon.\n"
                              "In June 2017 President Emomali Rahmon paid a state visit to Portugal, during which he "
                              "held talks with the President of Portugal Mr. Rui Lopes.", "en")
    assert _keys(events) == [(1, "meeting", "2016-03-02"), (2, "state-visit", "2017-06"), (2, "meeting", "2017-06")]
    assert events[2].fact.same_as is None and events[2].fact.sub_event_of is events[1].fact
