"""The nouns that head an organisation's name, in German, English and Russian.

- common nouns: "Ministerium", "Agency", "комиссия", "Kammer", "Board", "палата", "Botschaft",
  "Embassy", "посольство"; German compounds by their last part ("Außenministerium",
  "Abgeordnetenkammer", "Agraruniversität", "Entwicklungsagentur", "Regierungskommission");
- the names of parliaments, which are names by themselves ("im Sejm", "the Knesset", "в Сейме"):
  Majlis, Duma, Sejm, Rada, Knesset, Storting, Kenesh …; a Tajik or Persian name in the izafet
  ("Majlisi Namoyandagon", "Majlisi Oli", "Маджлиси милли": "the assembly of …") takes the word
  after it; a capitalised word before it is part of it ("Oliy Majlis", "Jogorku Kenesh")."""

from __future__ import annotations

import re

#: German heads that also end compounds written in one word ("Entwicklungsagentur")
_DE_COMPOUND = ("Agentur|Universität|Kammer|Kommission|Komitee|Ausschuss|Stiftung|Institut|Verband|Behörde|"
                "Versammlung|Organisation|Fonds|Hochschule|Ministerium|Bank|Unternehmen|Akademie")
#: the names of parliaments (general knowledge: the word for "parliament" in the state's language)
PARLIAMENTS = {
    "de": r"Majlisi|Majlis|Madschlis|Mazhilis|Mejlis|Meclis|Sejm|Duma|Rada|Knesset|Storting|Riksdag|Folketing|"
          r"Seimas|Saeima|Riigikogu|Kenesh|Kurultai|Bundestag|Nationalrat|Sabor|Eduskunta|Althing|Oireachtas",
    "en": r"Majlisi|Majlis|Mazhilis|Mejlis|Meclis|Sejm|Duma|Rada|Knesset|Storting|Riksdag|Folketing|Seimas|"
          r"Saeima|Riigikogu|Kenesh|Kurultai|Bundestag|Sabor|Eduskunta|Althing|Oireachtas",
    "ru": r"Маджлиси|Маджлис|Мажилис|Меджлис|Сейм|Дум[аыеуо]|Рад[аыеуо]|Кнессет|Стортинг|Риксдаг|Фолькетинг|"
          r"Кенеш|Курултай|Бундестаг|Сабор",
}
HEADS = {
    "de": rf"Union|Gesellschaft|Departement|Direktion|Amt|Staatssekretariat|Sekretariat|Gemeinschaft|Programm|Büro|"
          rf"Parlament|Regierung|Dienst|Forum|Zentrum|Corporation|Dialog|Rat|Botschaft|"
          rf"{'|'.join(f'[{w[0]}{w[0].lower()}]{w[1:]}' for w in _DE_COMPOUND.split('|'))}|{PARLIAMENTS['de']}",
    "en": r"Union|Organi[sz]ation|Agency|Ministry|Department|Bank|Fund|Commission|Committee|Council|Office|"
          r"Programme|Program|Corporation|Company|Association|Institute|Foundation|Assembly|Parliament|Government|"
          r"Service|Authority|Dialogue|Forum|Centre|Center|Secretariat|Academy|University|Directorate|Chamber|Board|"
          rf"Embassy|Conference|{PARLIAMENTS['en']}",
    "ru": r"[Сс]оюз|[Оо]рганизаци|[Аа]гентств|[Мм]инистерств|[Вв]едомств|[Бб]анк|[Фф]онд|[Кк]омисси|[Кк]омитет|"
          r"[Сс]овет|[Пп]рограмм|[Кк]орпораци|[Кк]омпани|[Аа]ссоциаци|[Ии]нститут|[Оо]бществ|[Аа]ссамбле|"
          r"[Пп]арламент|[Пп]равительств|[Сс]лужб|[Сс]енат|[Сс]екретариат|[Дд]иалог|[Дд]епартамент|[Пп]редприяти|"
          rf"[Пп]алат|[Пп]осольств|[Цц]ентр|[Уу]ниверситет|[Аа]кадеми|Совещани|Содружеств|{PARLIAMENTS['ru']}",
}
HEAD = {
    "de": re.compile(rf"^(?:[\w-]{{3,}}?-?)?({HEADS['de']})(es|s)?$"),
    "en": re.compile(rf"^({HEADS['en']})$"),
    "ru": re.compile(rf"^({HEADS['ru']})\w{{0,4}}$"),
}
_PARLIAMENT = {language: re.compile(rf"^(?:{names})\w{{0,3}}$") for language, names in PARLIAMENTS.items()}
#: whole words only: "insgesamt", "Apparat", "Grußbotschaft" (a message), "Heirat"
SHORT_HEADS = {"Amt", "Büro", "Rat", "Botschaft"}
#: a name in the Tajik or Persian izafet: the head's "-i" joins the word after it
_IZAFET = re.compile(r"^(?:Majlisi|Маджлиси|Madschlisi)$")


def head_of(word: str, language: str) -> str | None:
    """The head noun ``word`` is, or ends with (a German compound), if it heads organisations."""
    m = HEAD[language].match(word)
    if m is None or (m.group(1) in SHORT_HEADS and word not in (m.group(1), m.group(1) + "es", m.group(1) + "s")):
        return None
    return m.group(1)


def is_parliament(word: str, language: str) -> bool:
    """A parliament's own name ("Sejm", "Majlisi", "Думы"): a name without attributes."""
    return bool(_PARLIAMENT[language].match(word))


def izafet(word: str) -> bool:
    """A head in the izafet ("Majlisi"): the word after it is part of the name."""
    return bool(_IZAFET.match(word))
