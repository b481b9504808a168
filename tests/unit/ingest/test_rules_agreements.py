"""The agreement and assistance rules (diplokg.ingest.rules.agreements, .instruments, .assistance,
.money, .parties) on sentences written for these tests, in German, English and Russian: what is
drafted (titles as stated in the nominative, parties, signing date and city; donor, recipient,
amounts with their currencies, year, purpose), what is not (plans, plural and referring mentions,
amounts that are no assistance), and the readings that are said in notes or open questions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from diplokg.ingest.facts import Agreement, Assistance, Drafted
from diplokg.ingest.page import Page
from diplokg.ingest.pipeline import Drafter
from diplokg.ingest.rules.money import find_money

AUSTRIA_DE = "Die diplomatischen Beziehungen zwischen der Republik Tadschikistan und der Republik Österreich " \
             "wurden 1992 aufgenommen."
AUSTRIA_EN = "Diplomatic relations between the Republic of Tajikistan and the Republic of Austria were " \
             "established in 1992."
UZBEKISTAN_RU = "Дипломатические отношения между Республикой Таджикистан и Республикой Узбекистан были " \
                "установлены в 1993 году."


def _drafts(drafter: Drafter, language: str, *lines: str, kind: type = Agreement) -> list[Drafted]:
    result = drafter.draft(Page("\n".join(lines), language))
    return [d for d in result.facts if isinstance(d.fact, kind)]


def _gold(drafted: list[Drafted]) -> list[dict[str, Any]]:
    return [{k: v for k, v in d.gold().items() if k != "kind"} for d in drafted]


# ---- agreements -------------------------------------------------------------------------------

def test_german_agreement_signed_with_date_and_city(drafter: Drafter) -> None:
    found = _drafts(drafter, "de", AUSTRIA_DE,
                    "Am 12. März 2014 wurde in Wien das Abkommen über die kulturelle Zusammenarbeit unterzeichnet.")
    assert _gold(found) == [{"sentence": 2, "title": "Abkommen über die kulturelle Zusammenarbeit",
                             "parties": ["AUT", "TJK"], "date": "2014-03-12", "signed_at": "Vienna"}]
    fact = found[0].fact
    assert isinstance(fact, Agreement) and fact.signed and fact.type == "agreement"
    assert any("names no parties" in r for r in found[0].reasons)


def test_german_genitive_title_is_put_in_the_nominative(drafter: Drafter) -> None:
    found = _drafts(drafter, "de", AUSTRIA_DE,
                    "Die Minister sprachen über die Umsetzung des im Mai 2011 zwischen beiden Staaten "
                    "unterzeichneten Luftverkehrsabkommens.",
                    "Die Zusammenarbeit beruht auf einer am 8. Oktober 2012 unterzeichneten Gemeinsamen Erklärung "
                    "zwischen dem Wirtschaftsministerium der Republik Österreich und dem Ministerium für Verkehr "
                    "der Republik Tadschikistan.")
    assert _gold(found) == [
        {"sentence": 2, "title": "Luftverkehrsabkommen", "parties": ["AUT", "TJK"], "date": "2011-05"},
        {"sentence": 3, "title": "Gemeinsame Erklärung", "date": "2012-10-08",
         "parties": ["Ministerium für Verkehr der Republik Tadschikistan",
                     "Wirtschaftsministerium der Republik Österreich"]}]
    assert "'Luftverkehrsabkommens' of the sentence is read in the nominative: 'Luftverkehrsabkommen'" \
        in found[0].reasons
    assert isinstance(found[1].fact, Agreement) and found[1].fact.type == "joint-declaration"


def test_german_quoted_title_between_governments(drafter: Drafter) -> None:
    title = ("Abkommen zwischen der Regierung der Republik Tadschikistan und der Regierung der Republik "
             "Österreich über die Befreiung von der Visumpflicht")
    found = _drafts(drafter, "de", AUSTRIA_DE, f"Am 3. Juni 2019 unterzeichneten die Außenminister in Duschanbe "
                                               f"das „{title}“.")
    assert _gold(found) == [{"sentence": 2, "title": title, "parties": ["AUT", "TJK"], "date": "2019-06-03",
                             "signed_at": "Dushanbe"}]


def test_german_plans_plurals_and_references_are_no_agreements(drafter: Drafter) -> None:
    assert _drafts(drafter, "de", AUSTRIA_DE,
                   "Beide Seiten erörterten die Möglichkeit, ein Abkommen über den Handel zu schließen.",
                   "Seitdem wurden mehrere Abkommen unterzeichnet.",
                   "Auf der Grundlage dieses Abkommens wurden Projekte umgesetzt.",
                   "Eine Erklärung zur Lage in der Region wurde verabschiedet.") == []


def test_english_treaty_with_states_in_its_title(drafter: Drafter) -> None:
    title = "Treaty on Friendship and Cooperation between the Republic of Tajikistan and the Republic of Austria"
    found = _drafts(drafter, "en", AUSTRIA_EN, f"On 14 May 2013 the {title} was signed in Vienna.")
    assert _gold(found) == [{"sentence": 2, "title": title, "parties": ["AUT", "TJK"], "date": "2013-05-14",
                             "signed_at": "Vienna"}]
    assert isinstance(found[0].fact, Agreement) and found[0].fact.type == "treaty"


def test_english_quoted_memorandum_between_ministries(drafter: Drafter) -> None:
    title = ("Memorandum of Understanding between the Ministry of Education of Austria and the Ministry of "
             "Education of the Republic of Tajikistan")
    found = _drafts(drafter, "en", AUSTRIA_EN, f'The "{title}" was signed on 5 May 2018.')
    assert _gold(found) == [{"sentence": 2, "title": title, "date": "2018-05-05",
                             "parties": ["Ministry of Education of Austria",
                                         "Ministry of Education of the Republic of Tajikistan"]}]
    assert isinstance(found[0].fact, Agreement) and found[0].fact.type == "memorandum-of-understanding"


def test_english_signing_during_talks_takes_the_previous_date_as_a_question(drafter: Drafter) -> None:
    found = _drafts(drafter, "en", AUSTRIA_EN, "On 2 April 2016 the Federal President of Austria visited Dushanbe.",
                    "During the talks a Joint Declaration on Partnership was signed, as well as several agreements.")
    assert _gold(found) == [{"sentence": 3, "title": "Joint Declaration on Partnership", "parties": ["AUT", "TJK"],
                             "date": "2016-04-02"}]
    assert found[0].questions and "sentence 2" in found[0].questions[0] and found[0].confidence < 0.6


def test_english_generic_mentions_are_no_agreements(drafter: Drafter) -> None:
    assert _drafts(drafter, "en", AUSTRIA_EN, "About twenty agreements were signed during the visit.",
                   "A number of documents on cooperation were signed.",
                   "The ministers discussed a possible agreement on trade.") == []


def test_russian_treaty_signed_in_a_city(drafter: Drafter) -> None:
    title = "Договор о дружбе и сотрудничестве между Республикой Таджикистан и Республикой Узбекистан"
    found = _drafts(drafter, "ru", UZBEKISTAN_RU, f"12 октября 2010 года в г. Ташкенте был подписан {title}.")
    assert _gold(found) == [{"sentence": 2, "title": title, "parties": ["TJK", "UZB"], "date": "2010-10-12",
                             "signed_at": "Tashkent"}]


def test_russian_genitive_title_and_governments_as_parties(drafter: Drafter) -> None:
    found = _drafts(drafter, "ru", UZBEKISTAN_RU,
                    "Важным шагом стало подписание в марте 2018 года Соглашения о торговле между Правительством "
                    "Республики Таджикистан и Правительством Республики Узбекистан.")
    assert _gold(found) == [{"sentence": 2, "parties": ["TJK", "UZB"], "date": "2018-03",
                             "title": "Соглашение о торговле между Правительством Республики Таджикистан и "
                                      "Правительством Республики Узбекистан"}]
    assert "'Соглашения' of the sentence is read in the nominative: 'Соглашение'" in found[0].reasons


def test_russian_quoted_agreement_as_a_basis_has_no_signing(drafter: Drafter) -> None:
    title = ("Правительством Республики Таджикистан и Правительством Республики Узбекистан о сотрудничестве "
             "в области энергетики")
    found = _drafts(drafter, "ru", UZBEKISTAN_RU, f"Строительство ведётся в рамках «Соглашения между {title}».")
    assert _gold(found) == [{"sentence": 2, "title": f"Соглашение между {title}", "parties": ["TJK", "UZB"]}]
    assert isinstance(found[0].fact, Agreement) and not found[0].fact.signed


def test_russian_generic_mentions_are_no_agreements(drafter: Drafter) -> None:
    assert _drafts(drafter, "ru", UZBEKISTAN_RU, "Договорно-правовая база насчитывает более 100 документов.",
                   "Стороны обсудили проект соглашения о торговле.",
                   "В ходе визита было подписано несколько соглашений.") == []


def test_two_instruments_in_one_sentence_are_two_agreements(drafter: Drafter) -> None:
    titles = {"de": (AUSTRIA_DE, "Im Juli 2017 wurden ein Abkommen über den Luftverkehr und ein Memorandum über "
                                 "Tourismus unterzeichnet.",
                     ["Abkommen über den Luftverkehr", "Memorandum über Tourismus"]),
              "en": (AUSTRIA_EN, "In July 2017 the sides signed an Agreement on Air Services and a Memorandum on "
                                 "Tourism.", ["Agreement on Air Services", "Memorandum on Tourism"]),
              "ru": (UZBEKISTAN_RU, "В июле 2017 года были подписаны Соглашение о воздушном сообщении и Меморандум о "
                                    "туризме.", ["Соглашение о воздушном сообщении", "Меморандум о туризме"])}
    for language, (intro, sentence, expected) in titles.items():
        found = _drafts(drafter, language, intro, sentence)
        assert [d.gold()["title"] for d in found] == expected and all(d.gold()["date"] == "2017-07" for d in found)


@pytest.mark.parametrize("language,sentence", [
    ("de", "Die Außenminister vereinbarten, den Entwurf eines Abkommens über Investitionsschutz vorzubereiten."),
    ("en", "Preparations for signing an intergovernmental agreement on air transport are under way."),
    ("en", "The sides agreed to sign an agreement on trade in the near future."),
    ("en", "The agreement was signed."),
    ("en", "In 2016 the Collective Security Treaty Organization, where agreements were signed, met."),
    ("ru", "Стороны договорились ускорить подготовку проекта Соглашения о взаимной защите инвестиций."),
    ("ru", "Были подписаны соглашения о сотрудничестве в области культуры."),
    ("ru", "Таджикистан является членом Организации Договора о коллективной безопасности, подписанного в 1992 году."),
])
def test_planned_referring_plural_and_named_instruments_are_no_agreements(drafter: Drafter, language: str,
                                                                         sentence: str) -> None:
    intro = {"de": AUSTRIA_DE, "en": AUSTRIA_EN, "ru": UZBEKISTAN_RU}[language]
    assert _drafts(drafter, language, intro, sentence) == []


def test_lower_case_titles_end_before_the_date(drafter: Drafter) -> None:
    english = _drafts(drafter, "en", AUSTRIA_EN, "The parties signed an agreement on cooperation in agriculture on "
                                                 "3 March 2019 in Vienna.")
    russian = _drafts(drafter, "ru", UZBEKISTAN_RU, "В 2010 году было подписано соглашение о сотрудничестве в области "
                                                    "образования.")
    assert _gold(english) == [{"sentence": 2, "title": "agreement on cooperation in agriculture",
                               "parties": ["AUT", "TJK"], "date": "2019-03-03", "signed_at": "Vienna"}]
    assert _gold(russian) == [{"sentence": 2, "title": "соглашение о сотрудничестве в области образования",
                               "parties": ["TJK", "UZB"], "date": "2010"}]


def test_a_quoted_subject_after_the_head_and_a_period_belong_to_the_title(drafter: Drafter) -> None:
    german = _drafts(drafter, "de", AUSTRIA_DE, "Am 9. Juni 2016 wurde das Abkommen „Über die Zusammenarbeit im "
                                                "Sport“ unterzeichnet.")
    russian = _drafts(drafter, "ru", UZBEKISTAN_RU, "Была утверждена Программа сотрудничества на 2021-2023 годы, "
                                                    "подписанная 3 мая 2021 года.")
    assert [(d.gold()["title"], d.gold()["date"]) for d in german + russian] == [
        ("Abkommen „Über die Zusammenarbeit im Sport“", "2016-06-09"),
        ("Программа сотрудничества на 2021-2023 годы", "2021-05-03")]


# ---- assistance -------------------------------------------------------------------------------

def test_german_amount_with_demonym_donor_and_purpose(drafter: Drafter) -> None:
    found = _drafts(drafter, "de", AUSTRIA_DE, "Im Jahr 2015 stellte die österreichische Regierung Tadschikistan "
                                               "4,5 Mio. Euro für die Sanierung von Schulen bereit.", kind=Assistance)
    assert _gold(found) == [{"sentence": 2, "donor": "AUT", "recipient": "TJK", "year": "2015",
                             "amounts": [{"value": 4500000, "currency": "EUR"}],
                             "purpose": "für die Sanierung von Schulen"}]


def test_german_shared_currency_name_is_the_donors_and_the_bracket_a_conversion(drafter: Drafter) -> None:
    found = _drafts(drafter, "de", "Die Beziehungen zwischen Tadschikistan und Schweden wurden 1992 aufgenommen.",
                    "2012 stellte die schwedische Seite 20 Millionen Kronen (2,9 Millionen US-Dollar) für die "
                    "Wasserversorgung in Tadschikistan bereit.", kind=Assistance)
    assert _gold(found) == [{"sentence": 2, "donor": "SWE", "recipient": "TJK", "year": "2012",
                             "amounts": [{"value": 20000000, "currency": "SEK"}, {"value": 2900000, "currency": "USD"}],
                             "purpose": "für die Wasserversorgung in Tadschikistan"}]
    fact = found[0].fact
    assert isinstance(fact, Assistance) and fact.amounts[1].conversion_of == 0
    assert fact.amounts[0].as_stated == "20 Millionen Kronen"


def test_german_listed_purposes_give_one_fact_each(drafter: Drafter) -> None:
    found = _drafts(drafter, "de", AUSTRIA_DE,
                    "Österreich hat Tadschikistan technische Hilfe in mehreren Bereichen geleistet:",
                    "Ausbildung von Grenzbeamten;", "Modernisierung von Krankenhäusern.", kind=Assistance)
    assert _gold(found) == [
        {"sentence": 2, "donor": "AUT", "recipient": "TJK", "purpose": "Ausbildung von Grenzbeamten"},
        {"sentence": 2, "donor": "AUT", "recipient": "TJK", "purpose": "Modernisierung von Krankenhäusern"}]
    fact = found[0].fact
    assert isinstance(fact, Assistance) and "technical-assistance" in fact.types and fact.enumeration is not None


def test_german_assistance_under_the_agreement_it_refers_to(drafter: Drafter) -> None:
    result = drafter.draft(Page("\n".join([
        AUSTRIA_DE, "Am 4. Mai 2015 wurde das Abkommen über die Entwicklungszusammenarbeit unterzeichnet.",
        "Auf Grundlage dieses Abkommens stellte Österreich 2016 Tadschikistan 3 Mio. Euro zur Verfügung."]), "de"))
    agreements = [d.fact for d in result.facts if isinstance(d.fact, Agreement)]
    assistance = [d for d in result.facts if isinstance(d.fact, Assistance)]
    assert len(agreements) == 1 and len(assistance) == 1
    fact = assistance[0].fact
    assert isinstance(fact, Assistance) and fact.under == agreements[0]
    assert _gold(assistance) == [{"sentence": 3, "donor": "AUT", "recipient": "TJK", "year": "2016",
                                  "amounts": [{"value": 3000000, "currency": "EUR"}]}]


def test_english_government_of_a_state_gives_to_a_state(drafter: Drafter) -> None:
    found = _drafts(drafter, "en", AUSTRIA_EN, "In 2019 the Government of Austria provided grants of USD 12.5 "
                                               "million to Tajikistan for rural development.", kind=Assistance)
    assert _gold(found) == [{"sentence": 2, "donor": "AUT", "recipient": "TJK", "year": "2019",
                             "amounts": [{"value": 12500000, "currency": "USD"}], "purpose": "for rural development"}]


def test_russian_dative_recipient_and_amount(drafter: Drafter) -> None:
    found = _drafts(drafter, "ru", UZBEKISTAN_RU, "В 2017 году Правительство Узбекистана выделило Таджикистану "
                                                  "15 млн долларов США на строительство больниц.", kind=Assistance)
    assert _gold(found) == [{"sentence": 2, "donor": "UZB", "recipient": "TJK", "year": "2017",
                             "amounts": [{"value": 15000000, "currency": "USD"}],
                             "purpose": "на строительство больниц"}]


def test_a_government_without_its_state_is_the_page_partners(drafter: Drafter) -> None:
    german = _drafts(drafter, "de", AUSTRIA_DE, "Für 2018-2019 sagte die Bundesregierung Tadschikistan 7 Mio. Euro zu.",
                     "2016 stellte die schwedische Regierung 5 Mio. Euro für Schulen bereit.", kind=Assistance)
    english = _drafts(drafter, "en", AUSTRIA_EN, "In 2016 the Government allocated 5 million euros for schools in "
                                                 "Tajikistan.", kind=Assistance)
    assert _gold(german) == [{"sentence": 2, "donor": "AUT", "recipient": "TJK", "year": ["2018", "2019"],
                              "amounts": [{"value": 7000000, "currency": "EUR"}]}]
    assert _gold(english) == [{"sentence": 2, "donor": "AUT", "recipient": "TJK", "year": "2016",
                               "amounts": [{"value": 5000000, "currency": "EUR"}],
                               "purpose": "for schools in Tajikistan"}]
    assert any("government of the page's partner" in r for r in german[0].reasons + english[0].reasons)


def test_russian_demonym_donor_and_a_year_since_which_is_no_year(drafter: Drafter) -> None:
    found = _drafts(drafter, "ru", UZBEKISTAN_RU, "Узбекская сторона с 2015 года оказывает Таджикистану помощь на "
                                                  "сумму 3 млн долларов США для подготовки врачей.", kind=Assistance)
    assert _gold(found) == [{"sentence": 2, "donor": "UZB", "recipient": "TJK", "purpose": "для подготовки врачей",
                             "amounts": [{"value": 3000000, "currency": "USD"}]}]
    assert any("no year or span" in r for r in found[0].reasons)


@pytest.mark.parametrize("language,sentence", [
    ("de", "Der Handelsumsatz betrug 2019 rund 50 Mio. US-Dollar."),
    ("de", "Die Außenminister unterzeichneten ein Memorandum über ein Programm im Umfang von 8 Mio. Euro."),
    ("en", "Trade between the two countries reached 30 million US dollars in 2020."),
    ("ru", "Товарооборот между странами в 2021 году составил 100 млн долларов США."),
])
def test_amounts_that_are_no_assistance(drafter: Drafter, language: str, sentence: str) -> None:
    intro = {"de": AUSTRIA_DE, "en": AUSTRIA_EN, "ru": UZBEKISTAN_RU}[language]
    assert _drafts(drafter, language, intro, sentence, kind=Assistance) == []


@pytest.mark.parametrize("language,text,expected", [
    ("de", "33,5 Mio. Euro und 1.500 Euro", [("33,5 Mio. Euro", "33500000", "EUR"), ("1.500 Euro", "1500", "EUR")]),
    ("en", "USD 2.5 million, $3 million and 1,060,000 euros",
     [("USD 2.5 million", "2500000", "USD"), ("$3 million", "3000000", "USD"), ("1,060,000 euros", "1060000", "EUR")]),
    ("ru", "5,5 млн евро и 12 миллионов долларов США", [("5,5 млн евро", "5500000", "EUR"),
                                                       ("12 миллионов долларов США", "12000000", "USD")]),
    ("de", "am 3. Juli 2024 für 426 Projekte", []),
])
def test_money_is_read_with_the_languages_separators_and_the_cldr_currency_names(
        language: str, text: str, expected: list[tuple[str, str, str]]) -> None:
    found = [(m.text, m.value, m.currency(None)) for m in find_money(text, language)]
    assert found == [(t, Decimal(v), c) for t, v, c in expected]


def test_a_shared_currency_name_needs_the_donor() -> None:
    (kronen,) = find_money("7 Millionen Kronen", "de")
    assert kronen.currency(None) is None and kronen.currency("NO") == "NOK" and kronen.currency("DK") == "DKK"
