"""What the event rules read besides type, date and persons (rules.event_details, event_bodies,
event_readings), on sentences written for these tests in German, English and Russian: titles,
occasions and topics as stated, heads of delegations, organisers, deciding bodies, delegations and
the organisations an event is between, and the readings of imperfect sentences (merged names,
German sentences without their verb in second place), each with an open question; and how the
draft writes them as RDF."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from diplokg.ingest.draft import write_draft
from diplokg.ingest.facts import Drafted, Event, Participant
from diplokg.ingest.page import Page
from diplokg.ingest.pipeline import Drafter

DKG = "https://w3id.org/diplokg/ontology#"


def _events(drafter: Drafter, text: str, language: str) -> list[Drafted]:
    return [d for d in drafter.draft(Page(text, language)).facts if isinstance(d.fact, Event)]


def _in(events: list[Drafted], sentence: int) -> list[Event]:
    return [d.fact for d in events if d.sentence.number == sentence and isinstance(d.fact, Event)]


def _bodies(event: Event) -> list[tuple[str | None, str, str | None]]:
    return [(p.organisation, p.part, p.on_behalf_of) for p in event.participants if p.body is not None]


def _heads(event: Event) -> list[str]:
    return [p.person.name for p in event.participants if p.part == "head-of-delegation" and p.person]


# -- titles, occasions, organisers ------------------------------------------------------------

CONFERENCE = {
    "de": "Die österreichische Regierung organisierte im Rahmen ihrer OSZE-Präsidentschaft (3.-4. Mai 2021) ein "
          "Forum über die Wasserpolitik der Region unter dem Titel „Wasser für den Frieden“.",
    "en": 'The Government of Austria organized a conference on water security titled "Water for Peace" on 3-4 May '
          "2021 during Austria's chairmanship of the OSCE.",
    "ru": "Австрийское правительство организовало 3-4 мая 2021 года в рамках председательства Австрии в ОБСЕ "
          "конференцию по вопросам водной безопасности под названием «Вода для мира».",
}


@pytest.mark.parametrize("language", ["de", "en", "ru"])
def test_a_conference_has_its_title_occasion_topic_and_organiser(drafter: Drafter, language: str) -> None:
    events = _events(drafter, CONFERENCE[language], language)
    (conference,) = _in(events, 1)
    assert conference.type == "conference"
    assert (conference.date.start, conference.date.end) == ("2021-05-03", "2021-05-04")
    titles = {"de": "Wasser für den Frieden", "en": "Water for Peace", "ru": "Вода для мира"}
    assert conference.title == titles[language]
    assert conference.occasion == {"de": "im Rahmen ihrer OSZE-Präsidentschaft",
                                   "en": "during Austria's chairmanship of the OSCE",
                                   "ru": "в рамках председательства Австрии"}[language]
    assert conference.topics == ({"de": "die Wasserpolitik der Region", "en": "water security",
                                  "ru": "водной безопасности"}[language],)
    assert _bodies(conference) == [({"de": "österreichische Regierung", "en": "Government of Austria",
                                     "ru": "Австрийское правительство"}[language], "organizer", "AUT")]


def test_a_date_in_parentheses_after_an_occasion_is_read_as_the_events_and_asked(drafter: Drafter) -> None:
    (drafted,) = _events(drafter, CONFERENCE["de"], "de")
    assert any("3.-4. Mai 2021" in q for q in drafted.questions)


def test_no_occasion_from_a_frame_event_or_a_relative_pronoun(drafter: Drafter) -> None:
    events = _events(drafter, "Am 2. März 2020 besuchte der Außenminister Anton Berg Österreich. Im Rahmen des "
                              "Besuchs traf er den Bundeskanzler Karl Lenz.", "de")
    assert all(e.occasion is None for e in _in(events, 2))
    ru = _events(drafter, "Президент Австрии посетил Таджикистан с официальным визитом 19 мая 2021 года, в ходе "
                          "которого был подписан договор.", "ru")
    assert all(e.occasion is None for e in _in(ru, 1))


# -- heads of delegation, delegations, speeches, topics ---------------------------------------

FOLLOW_UP = {
    "de": "Die tadschikische Delegation unter der Leitung des Finanzministers Faiziddin Qahhorzoda nahm an dieser "
          "Veranstaltung teil. Im Rahmen des Forums sprach der Botschafter Österreichs Paulo Sousa über die Folgen "
          "der Dürre für die Landwirtschaft.",
    "en": "The Tajik delegation led by Finance Minister Faiziddin Qahhorzoda took part in the event. During the "
          "conference, Ambassador Paulo Sousa spoke about the effects of drought on agriculture.",
    "ru": "Таджикская делегация во главе с Министром иностранных дел Антоном Бергом приняла участие в этом "
          "мероприятии. В рамках конференции Посол Австрии Пауло Соуза выступил с докладом о последствиях засухи "
          "для сельского хозяйства.",
}


@pytest.mark.parametrize("language", ["de", "en", "ru"])
def test_the_head_of_a_delegation_and_the_topic_of_a_speech(drafter: Drafter, language: str) -> None:
    events = _events(drafter, CONFERENCE[language] + " " + FOLLOW_UP[language], language)
    (again,) = _in(events, 2)
    assert again.same_as is not None and again.same_as.type == "conference"
    assert _heads(again) == [{"ru": "Антон Берг"}.get(language, "Faiziddin Qahhorzoda")]
    (speech,) = _in(events, 3)
    assert speech.type == "speech" and speech.sub_event_of is not None
    assert speech.topics == ({"de": "die Folgen der Dürre für die Landwirtschaft",
                              "en": "the effects of drought on agriculture",
                              "ru": "последствиях засухи для сельского хозяйства"}[language],)


MEETING = {
    "de": "Am 6. Juni 2021 traf sich der Außenminister Anton Berg mit einer Delegation der Republik Österreich unter "
          "der Leitung des österreichischen Botschafters Paulo Sousa. Während des Treffens wurden die Fragen des "
          "Handels sowie die Vorbereitung neuer Abkommen diskutiert. Die Seiten wiesen darauf hin, dass die "
          "Zusammenarbeit im Bereich der Bildung ausgebaut werden muss.",
    "en": "On 6 June 2021, Foreign Minister Anton Berg met with a delegation of Austria headed by Ambassador Paulo "
          "Sousa. During the meeting, the sides discussed trade issues as well as the preparation of new "
          "agreements. The parties noted that cooperation in education must be expanded.",
    "ru": "6 июня 2021 года Министр иностранных дел Антон Берг встретился с делегацией Австрии во главе с Послом "
          "Австрии Пауло Соуза. В ходе встречи стороны обсудили вопросы торговли, а также подготовку новых "
          "соглашений. Стороны отметили, что сотрудничество в области образования должно быть расширено.",
}


@pytest.mark.parametrize("language", ["de", "en", "ru"])
def test_a_meeting_with_a_delegation_and_its_topics_from_the_sentences_after(drafter: Drafter, language: str) -> None:
    events = _events(drafter, MEETING[language], language)
    (meeting,) = _in(events, 1)
    assert _heads(meeting) == ["Paulo Sousa"] if language != "ru" else _heads(meeting) == ["Пауло Соуза"]
    assert _bodies(meeting) == [({"de": "Delegation der Republik Österreich", "en": "delegation of Austria",
                                  "ru": "делегация Австрии"}[language], "delegation", "AUT")]
    (discussed,) = _in(events, 2)
    (stated,) = _in(events, 3)
    assert discussed.same_as is meeting and stated.same_as is meeting
    assert discussed.topics == {"de": ("die Fragen des Handels", "die Vorbereitung neuer Abkommen"),
                                "en": ("trade issues", "the preparation of new agreements"),
                                "ru": ("вопросы торговли", "подготовку новых соглашений")}[language]
    assert stated.topics == ({"de": "die Zusammenarbeit im Bereich der Bildung ausgebaut werden muss",
                              "en": "cooperation in education must be expanded",
                              "ru": "сотрудничество в области образования должно быть расширено"}[language],)


def test_two_heads_joined_by_and_both_lead(drafter: Drafter) -> None:
    events = _events(drafter, "Die Konsultationen im Mai 2019 wurden unter der Leitung des Außenministers Herrn "
                              "Anton Berg und des österreichischen Botschafters Herrn Paulo Sousa geführt.", "de")
    (consultations,) = _in(events, 1)
    assert _heads(consultations) == ["Anton Berg", "Paulo Sousa"]


DELEGATION_VISIT = {
    "de": "Die österreichische Delegation der Parlamentarischen Versammlung des Europarates besuchte 2015 "
          "Tadschikistan.",
    "en": "In 2015 the Austrian delegation to the Parliamentary Assembly of the Council of Europe visited Tajikistan.",
    "ru": "В 2015 году австрийская делегация посетила Таджикистан.",
}


@pytest.mark.parametrize("language", ["de", "en", "ru"])
def test_a_delegation_visits_a_state(drafter: Drafter, language: str) -> None:
    (visit,) = _in(_events(drafter, DELEGATION_VISIT[language], language), 1)
    assert visit.type == "visit" and visit.destination == "TJK"
    (delegation,) = [p for p in visit.participants if p.body is not None]
    assert (delegation.part, delegation.on_behalf_of) == ("delegation", "AUT")
    member = delegation.member_of.name if delegation.member_of else None
    assert member == {"de": "Parlamentarische Versammlung des Europarates",
                      "en": "Parliamentary Assembly of the Council of Europe", "ru": None}[language]


# -- decisions and the organisations an event is between ---------------------------------------

DECISION = {
    "de": "Am 5. Mai 2019 hat der Ausschuss für auswärtige Angelegenheiten des Parlaments Tadschikistans eine "
          "Entscheidung zur Gründung einer Freundschaftsgruppe zwischen dem tadschikischen Parlament und dem "
          "österreichischen Parlament getroffen.",
    "en": "On 5 May 2019 the Committee on Foreign Affairs of the Parliament of Tajikistan decided to establish a "
          "friendship group between the Parliament of Tajikistan and the National Council of Austria.",
    "ru": "5 мая 2019 года Комитет по международным делам Парламента Таджикистана принял решение о создании группы "
          "дружбы между Комитетом по международным делам Парламента Таджикистана и Комитетом по иностранным делам "
          "Национального совета Австрии.",
}


@pytest.mark.parametrize("language", ["de", "en", "ru"])
def test_a_decision_on_a_friendship_group_between_two_organisations(drafter: Drafter, language: str) -> None:
    (group,) = _in(_events(drafter, DECISION[language], language), 1)
    assert group.type == "parliamentary-friendship-group" and group.date.start == "2019-05-05"
    (body,) = [p for p in group.participants if p.body is not None]
    assert (body.part, body.on_behalf_of) == ("decision-body", "TJK")
    assert [o.state for o in group.between] == ["TJK", "AUT"]
    assert group.reading is None


NESTED = {
    "de": "Der Ausschuss für Kultur des Parlaments der Republik Österreich hat am 3. März 2021 eine Entscheidung zur "
          "Gründung einer Freundschaftsgruppe getroffen.",
    "en": "The Committee on Culture of the Parliament of Austria decided on 3 March 2021 to form a friendship group.",
    "ru": "Комитет по культуре Парламента Австрии 3 марта 2021 года принял решение о создании группы дружбы.",
}


@pytest.mark.parametrize("language", ["de", "en", "ru"])
def test_the_deciding_body_is_the_subject_not_its_genitive(drafter: Drafter, language: str) -> None:
    (group,) = _in(_events(drafter, NESTED[language], language), 1)
    assert [(p.part, p.on_behalf_of) for p in group.participants] == [("decision-body", "AUT")]
    assert group.participants[0].organisation is not None
    assert group.participants[0].organisation.casefold().startswith(("ausschuss", "committee", "комитет"))


def test_an_organisation_in_the_genitive_of_an_unknown_body_is_not_its_subject(drafter: Drafter) -> None:
    text = ("Am 3. März 2021 hat der Vorstand der Stiftung für Kultur der Republik Österreich eine Entscheidung zur "
            "Gründung einer Freundschaftsgruppe getroffen.")
    (group,) = _in(_events(drafter, text, "de"), 1)
    assert group.participants == ()


def test_a_german_sentence_without_its_verb_after_the_date_is_read_and_asked(drafter: Drafter) -> None:
    text = DECISION["de"].replace("2019 hat der", "2019 der").replace("getroffen.", "getroffen hat.")
    (drafted,) = [d for d in _events(drafter, text, "de") if d.sentence.number == 1]
    assert isinstance(drafted.fact, Event) and drafted.fact.reading is not None
    assert drafted.fact.reading.kind == "garbled-sentence"
    assert drafted.questions and drafted.confidence < 0.6
    assert [p.part for p in drafted.fact.participants] == ["decision-body"]


# -- merged names, a host before the subject ----------------------------------------------------

MERGED = {
    "de": "2001 während der österreichischen EU-Ratspräsidentschaft und 2006 besuchten der damalige Außenminister "
          "Österreichs Herr Anton Berg Paul Lind Tadschikistan.",
    "en": "In 2001 and 2006, the then Foreign Minister of Austria Mr. Anton Berg Paul Lind visited Tajikistan.",
    "ru": "В 2001 и 2006 годах тогдашний Министр иностранных дел Австрии г-н Антон Берг Пауль Линд посетил "
          "Таджикистан.",
}


@pytest.mark.parametrize("language", ["de", "en", "ru"])
def test_two_names_side_by_side_for_two_dates_are_two_visits(drafter: Drafter, language: str) -> None:
    drafted = [d for d in _events(drafter, MERGED[language], language) if d.sentence.number == 1]
    facts = [d.fact for d in drafted if isinstance(d.fact, Event)]
    assert [(e.type, e.date.start, e.destination) for e in facts] == [("visit", "2001", "TJK"),
                                                                       ("visit", "2006", "TJK")]
    names = [[p.person.name for p in e.participants if p.person] for e in facts]
    assert names == ([["Антон Берг"], ["Пауль Линд"]] if language == "ru" else [["Anton Berg"], ["Paul Lind"]])
    assert all(p.part == "visitor" for e in facts for p in e.participants)  # German: the subject after the verb
    assert all(e.reading is not None and e.reading.kind == "merged-statement" for e in facts)
    assert all(d.questions for d in drafted)
    if language == "de":
        assert [e.occasion for e in facts] == ["während der österreichischen EU-Ratspräsidentschaft", None]


def test_one_name_for_two_dates_is_the_visitor_of_both(drafter: Drafter) -> None:
    facts = _in(_events(drafter, "In 2001 and 2006, Foreign Minister Mr. Anton Berg visited Tajikistan.", "en"), 1)
    assert [[p.person.name for p in e.participants if p.person] for e in facts] == [["Anton Berg"], ["Anton Berg"]]
    assert all(e.reading is None for e in facts)


HOST = {
    "de": "Im März 2014 stattete Österreich der damalige Minister für Verkehr Tadschikistans Herr Rustam Nazar einen "
          "Arbeitsbesuch ab.",
    "en": "In March 2014 the then Minister of Transport of Tajikistan Mr. Rustam Nazar paid a working visit to "
          "Austria.",
    "ru": "В марте 2014 года тогдашний Министр транспорта Таджикистана г-н Рустам Назар совершил рабочий визит в "
          "Австрию.",
}


@pytest.mark.parametrize("language", ["de", "en", "ru"])
def test_the_state_a_working_visit_went_to(drafter: Drafter, language: str) -> None:
    (drafted,) = [d for d in _events(drafter, HOST[language], language) if d.sentence.number == 1]
    assert isinstance(drafted.fact, Event)
    assert (drafted.fact.type, drafted.fact.destination) == ("working-visit", "AUT")
    visitors = [p.person.name for p in drafted.fact.participants if p.person and p.part == "visitor"]
    assert visitors == (["Рустам Назар"] if language == "ru" else ["Rustam Nazar"])
    if language == "de":  # the bare state before the subject: read as the host, and asked
        assert drafted.fact.reading is not None and drafted.fact.reading.kind == "garbled-sentence"
        assert drafted.questions
    else:
        assert drafted.fact.reading is None


# -- the RDF ------------------------------------------------------------------------------------

def _ask(store: ox.Store, pattern: str) -> bool:
    query = (f"PREFIX dkg: <{DKG}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
             f"PREFIX vocab: <https://w3id.org/diplokg/vocab/> ASK {{ {pattern} }}")
    result = store.query(query, use_default_graph_as_union=True)
    return bool(result)


def test_the_draft_writes_title_occasion_topics_organiser_and_readings(drafter: Drafter) -> None:
    text = CONFERENCE["de"] + " " + FOLLOW_UP["de"] + "\n" + MERGED["de"]
    result = drafter.draft(Page(text, "de"))
    store = ox.Store()
    store.load(write_draft(result, drafter.entities), format=ox.RdfFormat.TRIG)
    assert _ask(store, """?e dkg:title "Wasser für den Frieden"@de ; dkg:occasion ?o ; dkg:organizer ?org ;
                          dkg:topic "die Wasserpolitik der Region"@de .
                          ?org dkg:belongsToState <https://w3id.org/diplokg/id/state/AUT> ;
                               rdfs:label "Österreichische Regierung"@de""")
    assert _ask(store, """?e dkg:participation [ dkg:role vocab:role\\/head-of-delegation ;
                                                 dkg:agent/rdfs:label "Faiziddin Qahhorzoda"@en ]""")
    assert _ask(store, """?s dkg:subEventOf ?e ; dkg:topic "die Folgen der Dürre für die Landwirtschaft"@de""")
    assert _ask(store, """?v dkg:interpretation ?i ; dkg:place <https://w3id.org/diplokg/id/state/TJK> .
                          ?i dkg:interpretationKind vocab:interpretation-kind\\/merged-statement ;
                             rdfs:comment ?c""")
    notes = [str(n) for d in result.facts for n in d.reasons]
    assert any("is the government of AUT" in n and "does not translate" in n for n in notes)


def test_a_delegation_is_an_organisation_of_its_state(drafter: Drafter) -> None:
    result = drafter.draft(Page(DELEGATION_VISIT["de"], "de"))
    store = ox.Store()
    store.load(write_draft(result, drafter.entities), format=ox.RdfFormat.TRIG)
    assert _ask(store, """?v dkg:participation [ dkg:role vocab:role\\/delegation ;
                                                 dkg:agent ?d ] .
                          ?d dkg:belongsToState <https://w3id.org/diplokg/id/state/AUT> ; dkg:memberOf ?a ;
                             dkg:organizationType vocab:organization-type\\/parliamentary-delegation .
                          ?a rdfs:label "Parlamentarische Versammlung des Europarates"@de""")


def test_participants_without_a_body_keep_their_old_gold_form() -> None:
    assert Participant(None, "Regierung Österreichs", "organiser", "AUT", "organizer").gold() == {
        "organisation": "Regierung Österreichs", "role": "organiser", "on_behalf_of": "AUT"}
