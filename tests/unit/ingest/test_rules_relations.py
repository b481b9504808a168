"""Relations established and recognitions read from sentences written for these tests
(diplokg.ingest.rules.relations), in German, English and Russian: the passive with the states between
subject and verb, the object first, relations "maintained since", the establishment named as a noun
with its date, the date of the verb's own clause, recognition stated as "among the first to
recognise", and a German date whose full stop does not end the clause."""

from __future__ import annotations

from typing import Any

from diplokg.ingest.facts import Recognition, RelationEstablished
from diplokg.ingest.page import Page
from diplokg.ingest.pipeline import Drafter

FINLAND_DE = "Tadschikistan und Finnland arbeiten in vielen Bereichen zusammen. "
LATVIA_EN = "Tajikistan and Latvia cooperate in many fields. "
LATVIA_RU = "Таджикистан и Латвия сотрудничают во многих областях. "


def facts(drafter: Drafter, text: str, language: str) -> list[dict[str, Any]]:
    drafted = drafter.draft(Page(text, language)).facts
    return [{k: v for k, v in d.gold().items() if k != "sentence"} for d in drafted
            if isinstance(d.fact, RelationEstablished | Recognition)]


def test_german_recognition_with_a_dotted_date_and_relations_maintained_since(drafter: Drafter) -> None:
    text = FINLAND_DE + ("Als einer der ersten Staaten Nordeuropas hat Finnland die Unabhängigkeit Tadschikistans "
                         "schon am 5. Januar 1992 anerkannt. Diplomatische Beziehungen unterhalten beide Staaten "
                         "seit dem 3. März 1993.")
    assert facts(drafter, text, "de") == [
        {"kind": "recognition", "recognising": "FIN", "recognised": "TJK", "date": "1992-01-05"},
        {"kind": "relation-established", "states": ["FIN", "TJK"], "date": "1993-03-03"}]


def test_german_establishment_as_a_noun_needs_its_date(drafter: Drafter) -> None:
    text = FINLAND_DE + ("Seit der Aufnahme diplomatischer Beziehungen am 3. März 1993 haben beide Seiten zehn "
                         "Abkommen geschlossen. Seit der Aufnahme der diplomatischen Beziehungen wächst der Handel.")
    assert facts(drafter, text, "de") == [
        {"kind": "relation-established", "states": ["FIN", "TJK"], "date": "1993-03-03"}]


def test_english_first_to_recognise_and_the_date_of_the_verbs_clause(drafter: Drafter) -> None:
    text = LATVIA_EN + ("Latvia was one of the first countries to recognize the independence of Tajikistan, doing so "
                        "on 4 January 1992. Latvia recognised the Republic of Tajikistan's independence on 4 January "
                        "1992 and established diplomatic relations with it on June 9, 1993.")
    assert facts(drafter, text, "en") == [
        {"kind": "recognition", "recognising": "LVA", "recognised": "TJK", "date": "1992-01-04"},
        {"kind": "relation-established", "states": ["LVA", "TJK"], "date": "1993-06-09"},
        {"kind": "recognition", "recognising": "LVA", "recognised": "TJK", "date": "1992-01-04"}]


def test_english_passive_with_the_states_between_and_an_anniversary(drafter: Drafter) -> None:
    text = LATVIA_EN + ("Diplomatic relations between the two states were established by an exchange of letters on "
                        "9 June 1993. The 30th anniversary of the establishment of diplomatic relations was marked "
                        "in 2023.")
    assert facts(drafter, text, "en") == [
        {"kind": "relation-established", "states": ["LVA", "TJK"], "date": "1993-06-09"}]


def test_russian_object_first_and_relations_maintained_since(drafter: Drafter) -> None:
    text = LATVIA_RU + ("Дипломатические отношения Таджикистан и Латвия установили 9 июня 1993 года. Латвия одной из "
                        "первых признала независимость Республики Таджикистан 4 января 1992 года.")
    assert facts(drafter, text, "ru") == [
        {"kind": "relation-established", "states": ["LVA", "TJK"], "date": "1993-06-09"},
        {"kind": "recognition", "recognising": "LVA", "recognised": "TJK", "date": "1992-01-04"}]
    text = LATVIA_RU + "Дипломатические отношения между двумя странами поддерживаются с 9 июня 1993 года."
    assert facts(drafter, text, "ru") == [
        {"kind": "relation-established", "states": ["LVA", "TJK"], "date": "1993-06-09"}]
