"""The words of events, per language: the triggers that name an event and its type, and the words
around a trigger that say how to read it.

A trigger has a *form*:

- ``noun``: an event noun ("Staatsbesuch", "talks", "переговоры"); an event where the sentence
  dates it, or as a frame of another event;
- ``verb``: a verb that narrates an event ("traf sich", "met with", "встретился");
- ``visit-verb``: a plain visit verb ("besuchte", "visited", "посетил"), the same event as a typed
  visit noun of its clause ("посетил Таджикистан с официальным визитом" is one official visit);
- ``signing``: a signing ("unterzeichnet", "signed", "подписан"), an event only where the sentence
  names who signed; otherwise the date belongs to the agreement, not to an event;
- ``weak``: a verb of talking ("diskutiert", "discussed", "обсудили"), an event only where the
  sentence names no other;
- ``anaphor``: a noun that only refers back ("Veranstaltung", "event", "мероприятие").

Around a trigger: *frames* ("im Rahmen der Konferenz", "during the talks", "в ходе визита") and
demonstratives ("dieses Treffens") that may refer to an event of the previous sentence; subjects
that continue it ("Die Parteien …", "The sides …", "Стороны …"); an invitation ("invited him to pay
an official visit") that is no event yet; dates that are no event's date ("seit 2019", "since",
"с 15 марта", "für die Jahre 2016-2017"), or the date of an agreement ("das im Juni 2009
unterzeichnete Abkommen", "подписанный 6.07.2001 г."); and dates stated relative to another ("am
selben Tag", "on the next day", "в том же году")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_F = re.IGNORECASE
VISITS = ("visit", "official-visit", "working-visit", "state-visit")
#: events other events take place within
FRAMING = (*VISITS, "conference", "commission-session")

#: (type or None, form, pattern), the more specific first; None: the type of the event referred to
TRIGGERS: dict[str, list[tuple[str | None, str, str]]] = {
    "de": [
        ("state-visit", "noun", r"Staatsbesuch\w*"),
        ("working-visit", "noun", r"(?:offizielle[nmrs]?\s+)?Arbeitsbesuch\w*"),
        ("official-visit", "noun", r"offizielle[nmrs]?\s+Besuch\w*"),
        ("commission-session", "noun", r"(?:Sitzung|Tagung)\s+(?:der|des)\s+(?:[\w-]+\s+){0,3}?[\w-]*[Kk]ommission\w*|"
                                       r"(?:Sitzung|Tagung|Treffen)\s+des\s+Hochrangigen?\s+(?:[\w-]+\s+){0,3}?\w*[Rr]at(?:es)?\b"),
        ("political-consultations", "noun", r"(?:politische[nmrs]?\s+)?Konsultation(?:en)?"),
        ("conference", "noun", r"(?!(?:Video|Telefon|Online)konferenz)[\w-]*(?:Gipfel\w*|Konferenz\w*)|Forums?\b|"
                               r"[\w-]*[Mm]inistertreffen\w*|"
                               r"(?:Treffen|Sitzung|Tagung)\s+(?:der|des)\s+"
                               r"(?:[\w-]+\s+){0,3}?[\w-]*(?:gruppe|[Rr]ates?|[Oo]rganisation|[Gg]emeinschaft|"
                               r"[Dd]ialogs?|"
                               r"[Uu]nion|[Ff]orums?|[Vv]ersammlung)\b"),
        ("parliamentary-friendship-group", "noun", r"[\w-]*Freundschaftsgruppe\w*|[Pp]arlamentarische\w*\s+"
                                                   r"(?:[\w-]*[Gg]ruppe|Freundschaftsgruppe)\w*"),
        ("other", "noun", r"Beglaubigungsschreiben|Glückwunsch\w*|Telefongespräch\w*|Telefonat\w*|Empfang\b|Empfangs\b|"
                          r"Zeremonie\w*|Grundsteinlegung\w*|(?:Runde|Sitzung)\s+(?:des|der)\s+(?:[\w-]+\s+){0,2}?"
                          r"[\w-]*[Dd]ialogs?\b"),
        ("visit", "visit-verb", r"besuchten?\b|besucht\b|hielt(?:en)?\s+sich\b(?=[^;]{0,160}\bauf\b)"),
        ("visit", "noun", r"Besuch(?:e|s|es)?\b"),
        ("meeting", "verb", r"traf(?:en)?\s+sich|zusammentrafen|zusammentraf|"
                            r"traf(?:en)?\s+(?:[\w.-]+\s+){1,8}?zusammen\b|empfingen|"
                            r"empfing|empfangen\b"),
        ("meeting", "noun", r"Treffens?\b|Gespräch(?:e|en|s)?\b|Unterredung\w*|Begegnung\w*|Verhandlungen\b"),
        ("speech", "verb", r"sprach\b|hielt\s+(?:\w+\s+){0,2}?(?:Rede|Ansprache)"),
        ("speech", "noun", r"Rede\b|Ansprache\w*"),
        ("agreement-signing", "signing", r"unterzeichnete\w*|unterzeichnet\b|unterschrieben\w*"),
        ("founding", "verb", r"gegründet\b|gründete\w*|entstand(?:en)?\b|ins\s+Leben\s+gerufen|initiiert\w*"),
        ("meeting", "weak", r"erörtert\w*|diskutiert\w*|besprochen\b|besprachen\b|"
                            r"tauschten\s+sich\b(?=[^;]{0,120}\baus\b)"),
        (None, "anaphor", r"Veranstaltung\w*"),
    ],
    "en": [
        ("state-visit", "noun", r"state\s+visits?"),
        ("working-visit", "noun", r"(?:official\s+)?working\s+visits?"),
        ("official-visit", "noun", r"official\s+visits?|(?:was\s+|were\s+)?visited\s+officially"),
        ("commission-session", "noun", r"(?:session|meeting)\s+of\s+the\s+(?:[\w-]+\s+){0,6}?Commission\b|"
                                       r"(?:session|meeting)\s+of\s+the\s+High-Level\s+(?:[\w-]+\s+){0,3}?Council\b"),
        ("political-consultations", "noun", r"(?:political\s+)?consultations"),
        ("conference", "noun", r"summits?\b|(?<!video\s)conferences?\b|forums?\b|ministerial\s+meetings?\b|"
                               r"(?:ministers|leaders|"
                               r"heads\s+of\s+state)['’]?\s+meeting|"
                               r"(?:session|meeting)\s+of\s+the\s+(?:[\w\"“”'’+-]+\s+){0,6}?(?:Council|Dialogue|"
                               r"Organi[sz]ation|Group|Forum|Union|Assembly)\b"),
        ("parliamentary-friendship-group", "noun", r"(?:parliamentary\s+)?friendship\s+groups?|"
                                                   r"parliamentary\s+(?:[\w-]+\s+)?groups?"),
        ("other", "noun", r"credentials|congratulatory\s+(?:telegrams?|messages?|letters?)|"
                          r"(?:tele)?phone\s+(?:conversation|"
                          r"call)s?|receptions?\b|ceremon(?:y|ies)\b|"
                          r"rounds?\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?dialogue"),
        ("visit", "visit-verb", r"visited"),
        ("visit", "noun", r"visits?\b"),
        ("meeting", "verb", r"met\b|(?:was|were)\s+received|received\b(?!\s+(?:from|support|funding|assistance|aid|"
                            r"grants?|loans?|donations?|equipment|supplies|goods|vehicles|humanitarian|medical|"
                            r"a\s+(?:grant|loan|donation|shipment)|\d)\b)"),
        ("meeting", "noun", r"meetings?\b|talks\b|negotiations\b"),
        ("speech", "verb", r"addressed|spoke\b|delivered\s+(?:a|an)\s+(?:speech|address)"),
        ("speech", "noun", r"speech(?:es)?\b"),
        ("agreement-signing", "signing", r"signed\b"),
        ("founding", "verb", r"initiated|founded|launched|set\s+up|established\b(?!\s+(?:diplomatic|relations))"),
        ("meeting", "weak", r"discussed|exchanged\s+views"),
        (None, "anaphor", r"event\b"),
    ],
    "ru": [
        ("state-visit", "noun", r"государственн\w+\s+визит\w*"),
        ("working-visit", "noun", r"рабоч\w+\s+визит\w*"),
        ("official-visit", "noun", r"официальн\w+\s+визит\w*"),
        ("commission-session", "noun", r"(?:[\w-]+\s+)?заседани\w+\s+(?:[\w-]+\s+){0,3}?[Кк]омисси\w*|"
                                       r"заседани\w+\s+Совет\w*\s+(?:[\w-]+\s+){0,3}?высокого\s+уровня"),
        ("political-consultations", "noun", r"(?:политическ\w+\s+)?консультаци\w*"),
        ("conference", "noun", r"саммит\w*|конференци\w*|форум\w*|министерск\w+\s+(?:встреч|совещани)\w*|"
                               r"(?:заседани|сесси)\w+\s+(?:[\w-]+\s+){0,3}?"
                               r"(?:Совет\w*|"
                               r"[Оо]рганизаци\w*|"
                               r"[Гг]рупп\w*)"),
        ("parliamentary-friendship-group", "noun", r"групп\w+\s+(?:[\w-]+\s+){0,3}?дружб\w+|"
                                                   r"(?:меж)?парламентск\w+\s+групп\w*"),
        ("other", "noun", r"верительн\w+\s+грамот\w*|поздравительн\w+\s+(?:послани|телеграмм|письм)\w*|"
                          r"телефонн\w+\s+разговор\w*|"
                          r"церемони\w*"),
        ("visit", "visit-verb", r"посетил\w*|находил\w*(?=[^;]{0,100}визит)|пребывал\w*(?=[^;]{0,100}визит)"),
        ("visit", "noun", r"визит\w*|посещени\w*"),
        ("meeting", "verb", r"встретил\w*|принял[аи]?\b(?!\s+(?:участи|решени))"),
        ("meeting", "noun", r"встреч[аиеуы]\w*|переговор\w*"),
        ("speech", "verb", r"выступил\w*"),
        ("speech", "noun", r"выступлени\w*"),
        ("agreement-signing", "signing", r"подписал\w*|подписан\w*|подписани\w*"),
        ("founding", "verb", r"(?:учрежден|основан|создан)[аоы]?\b|учредил\w*|основал\w*"),
        ("meeting", "weak", r"обсудил\w*|обменялись\s+мнениями"),
        (None, "anaphor", r"мероприяти\w*"),
    ],
}

#: visit types a list item names by its adjective ("государственный – в декабре 2008 года")
ITEM_TYPES: dict[str, list[tuple[str, str]]] = {
    "de": [(r"Staats\w*|staatlich\w*", "state-visit"), (r"offiziell\w*", "official-visit"),
           (r"Arbeits\w*", "working-visit")],
    "en": [(r"state", "state-visit"), (r"official", "official-visit"), (r"working", "working-visit")],
    "ru": [(r"государственн\w+", "state-visit"), (r"официальн\w+", "official-visit"), (r"рабоч\w+", "working-visit")],
}
#: words just before a trigger that make it the frame of what the sentence tells
FRAME = {
    "de": r"(?:im\s+Rahmen|während|am\s+Rande|im\s+Zuge|im\s+Verlauf|anlässlich|nach)\s+(?:de[rsnm]|dies\w*|ihre\w*|"
          r"seine\w*)?",
    "en": r"(?:during|on\s+the\s+(?:sidelines|margins?)\s+of|(?:with)?in\s+the\s+framework\s+of|in\s+the\s+course\s+of|"
          r"following)\s+(?:the|this|these|his|her|its|their)?",
    "ru": r"(?:в\s+ходе|в\s+рамках|во\s+время|на\s+полях|по\s+итогам)",
}
#: a frame beside which other events take place ("am Rande des Gipfels", "on the sidelines of", "на полях")
SIDELINES = {"de": r"\bam\s+Rande\s+(?:de[rs]\s+)?", "en": r"\bon\s+the\s+(?:sidelines|margins?)\s+of\s+(?:the\s+)?",
             "ru": r"(?<!\w)на\s+полях"}
DEMONSTRATIVE = {"de": r"\b(?:dies(?:e[rsmn]?)?|jene[rsmn]?)", "en": r"\b(?:this|these|that)",
                 "ru": r"\b(?:эт(?:от|ого|ом|ому|им|а|ой|у|и|их)|данн\w+|указанн\w+)"}
DEFINITE = {"de": r"\b(?:der|die|das|des|dem|den|am|im|beim|zum|zur)", "en": r"\bthe", "ru": r"(?!x)x"}
#: words before a noun that may name an event of the same sentence again ("an den Gesprächen", "во встрече")
AGAIN = {"de": rf"{DEFINITE['de']}|{DEMONSTRATIVE['de']}", "en": r"\b(?:the|this|these)", "ru": r"(?<!\w)(?:во?|на)"}
#: a sentence that goes on about the event of the sentence before ("Die Parteien wiesen darauf hin …")
CONTINUATION = {
    "de": re.compile(r"^(?:Die|Beide)\s+(?:beiden\s+)?(?:Seiten|Parteien|Delegationen|Gesprächspartner)\b"),
    "en": re.compile(r"^(?:The|Both)\s+(?:two\s+)?(?:sides|parties|delegations|interlocutors)\b"),
    "ru": re.compile(r"^(?:Стороны|Делегации|Собеседники)\b"),
}
#: a plural noun that announces a list ("Состоялись следующие визиты:"): no event of its own
LIST_HEAD = {"de": r"\bfolgende\w*", "en": r"\bfollowing", "ru": r"(?<!\w)следующ\w+"}
#: words before an event noun that make it one still to come ("the upcoming visit", "preparations for the next
#: meeting", "die bevorstehende Sitzung", "подготовка к следующему заседанию", "предстоящий визит")
FUTURE = (r"\b(?:upcoming|forthcoming|bevorstehende\w*|kommende\w*|künftige\w*)|(?<!\w)(?:предстоящ|будущ)\w*|"
          r"\b(?:for|to|on|für|auf|zur?|über)\s+(?:the\s+|die\s+|das\s+|den\s+|der\s+|dem\s+)?(?:next|nächste\w*)|"
          r"(?<!\w)(?:к|о)\s+следующ\w*")
#: a document whose title an event noun is part of ("das Protokoll über Konsultationen", "Agreement on Visits")
DOCUMENT = {
    "de": r"\b\w*(?:abkommen|vereinbarung|vertrag|protokoll|memorandum|erklärung|programm)\w*\s+(?:über|zu[mr]?|"
          r"betreffend)\s+(?:(?:die|den|der|das|dem|des)\s+)?(?:[\w-]+\s+){0,2}?",
    "en": r"\b(?:treaty|agreement|memorandum|protocol|declaration|statement|program(?:me)?)\s+(?:on|of|concerning|"
          r"regarding)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?",
    "ru": r"(?<!\w)(?:соглашени|договор|протокол|меморандум|деклараци|заявлени|программ)\w*\s+(?:о|об|по)\s+"
          r"(?:[\w-]+\s+){0,2}?",
}
#: what a founding verb may found that is no founding event: diplomatic relations and missions (kinds of their
#: own); the nominative (or accusative) only, not the initiator ("auf Initiative der Botschaft", "by the Embassy")
FOUNDED_OTHER = {
    "de": re.compile(r"\b(?:[Dd]ie\s+(?:[\w-]+\s+){0,2}?(?:Botschaft|\w*[Vv]ertretung)|[Dd]as\s+(?:[\w-]+\s+){0,2}?"
                     r"\w*[Kk]onsulat)\b|\b[Dd]iplomatische\w*\s+Beziehungen\b"),
    "en": re.compile(r"\b(?:[Ee]mbassy|[Cc]onsulate|[Cc]onsulate[- ][Gg]eneral|[Pp]ermanent\s+[Mm]ission|"
                     r"[Rr]epresentation|[Dd]iplomatic\s+relations)\b"),
    "ru": re.compile(r"(?<!\w)(?:[Пп]осольство|(?:[Гг]енеральное\s+|[Пп]оч[её]тное\s+)?[Кк]онсульство|"
                     r"[Пп]редставительство|[Дд]ипломатические\s+отношения)(?!\w)"),
}
#: words before such a noun that make it the initiator, not what was founded ("by the Embassy")
INITIATOR_BEFORE = re.compile(r"(?:\b(?:by|with|of|from|von|vom|durch|mit)|(?<!\w)(?:по\s+инициативе|при|с))\s+"
                              r"(?:the\s+)?(?:[\w.-]+\s+){0,2}$", _F)
#: the words that make the person after them the head of a delegation ("unter der Leitung des …")
LEAD = {
    "de": re.compile(r"\bunter\s+(?:der\s+)?(?:Leitung|Führung)\s+(?:von\s+|des\s+|der\s+)?", _F),
    "en": re.compile(r"\b(?:led|headed)\s+by\s+|\bunder\s+the\s+leadership\s+of\s+", _F),
    "ru": re.compile(r"(?<!\w)во\s+главе\s+со?\s+|(?<!\w)под\s+руководством\s+|(?<!\w)возглавляем\w+\s+", _F),
}
#: an event someone is invited to is not (yet) an event
INVITATION = {"de": re.compile(r"\b(?:einlud|eingeladen|Einladung|lud\b[^.;]{0,80}\bein\b)", _F),
              "en": re.compile(r"\binvit\w+", _F), "ru": re.compile(r"\bприглас\w+|приглашени\w+", _F)}
#: words before a date that make it the start of a state, a period, or not the event's date
NOT_EVENT_DATE = {
    "de": re.compile(r"(?:\bseit|\bab|\bfür\s+(?:die\s+Jahre|das\s+Jahr|den\s+Zeitraum)?|\bbis|"
                     r"\bZeitraum)\s+(?:de[mn]\s+)?$", _F),
    "en": re.compile(r"(?:\bsince|\bfrom|\buntil|\bfor(?:\s+the\s+(?:years?|period))?)\s+(?:the\s+)?$", _F),
    "ru": re.compile(r"(?:(?<!\w)с|(?<!\w)по|(?<!\w)до|(?<!\w)на)\s+$", _F),
}
#: participles of signing or agreeing next to a date: the date of what was signed or agreed
SIGNED_BEFORE = {"de": re.compile(r"^\s*(?:(?:zwischen|von)\s+(?:[\w-]+\s+){1,3}?)?(?:unterzeichnete\w*|"
                                  r"geschlossene\w*|"
                                  r"abgeschlossene\w*|unterschriebene\w*)\b"),
                 "en": re.compile(r"(?!x)x"), "ru": re.compile(r"(?!x)x")}
SIGNED_AFTER = {"de": re.compile(r"(?!x)x"),
                "en": re.compile(r"(?<!\bwas\s)(?<!\bwere\s)\b(?:signed|concluded)\s+(?:on|in)?\s*$", _F),
                "ru": re.compile(r"(?<!был\s)(?<!была\s)(?<!было\s)(?<!были\s)(?<!\w)(?:подписанн?\w*|"
                                 r"заключенн?\w*)\s+$", _F)}  # with its auxiliary ("was signed on") it narrates
AGREED_BEFORE = {"de": re.compile(r"^\s*vereinbarte\w*\b"), "en": re.compile(r"(?!x)x"),
                 "ru": re.compile(r"^\s*(?:согласованн|договоренн)\w*\b")}
AGREED_AFTER = {"de": re.compile(r"(?!x)x"), "en": re.compile(r"\bagreed\s+(?:on|in)?\s*$", _F),
                "ru": re.compile(r"(?!x)x")}
#: a signing in the passive, and the words that introduce who signed it
PASSIVE = {"de": re.compile(r"\b(?:wurden?|worden)\b"), "en": re.compile(r"\b(?:was|were|been|"
                                                                         r"being)\s+(?:\w+\s+)?signed\b"),
           "ru": re.compile(r"подписан(?![а-яё]*л)\w*|подписани\w*")}
#: who a passive signing names as its signer: "vom Minister", "by the Minister", a Russian title in the
#: instrumental ("подписано министрами …", "Президентом …", "послом …")
AGENT = {"de": re.compile(r"\b(?:von|vom|durch)\s"), "en": re.compile(r"\bby\s"),
         "ru": re.compile(r"(?<!\w)(?:министр|президент|премьер-министр|посл|председател|глав|заместител|"
                          r"руководител)\w*?(?:ом|ем|ами|ями|ой)(?!\w)", _F)}
#: dates stated relative to another one: (pattern, unit, offset)
RELATIVE = {
    "de": [(r"am\s+(?:selben|gleichen)\s+Tag", "day", 0),
           (r"am\s+(?:nächsten|folgenden|darauffolgenden)\s+Tag", "day", 1),
           (r"im\s+(?:selben|gleichen)\s+Monat", "month", 0),
           (r"im\s+(?:darauffolgenden|folgenden|nächsten)\s+Monat|einen\s+Monat\s+später", "month", 1),
           (r"im\s+(?:selben|gleichen)\s+Jahr", "year", 0),
           (r"im\s+(?:darauffolgenden|folgenden|nächsten)\s+Jahr|ein\s+Jahr\s+später", "year", 1)],
    "en": [(r"(?:on\s+)?the\s+same\s+day", "day", 0), (r"(?:on\s+)?the\s+(?:next|following)\s+day", "day", 1),
           (r"(?:in\s+)?the\s+same\s+month", "month", 0), (r"(?:in\s+)?the\s+same\s+year", "year", 0),
           (r"(?:in\s+)?the\s+(?:next|following)\s+month|a\s+month\s+later", "month", 1),
           (r"(?:in\s+)?the\s+(?:next|following)\s+year|a\s+year\s+later", "year", 1)],
    "ru": [(r"в\s+(?:тот\s+же|этот\s+же)\s+день", "day", 0), (r"на\s+следующий\s+день", "day", 1),
           (r"в\s+(?:том\s+же|этом\s+же)\s+месяце", "month", 0), (r"в\s+(?:том\s+же|этом\s+же)\s+году", "year", 0),
           (r"в\s+следующем\s+месяце|через\s+месяц", "month", 1), (r"в\s+следующем\s+году|через\s+год", "year", 1)],
}
#: a city that hosts an event ("Dushanbe hosted a forum", "Duschanbe war Gastgeber", "Душанбе стал местом проведения")
HOSTS = re.compile(r"\s+(?:hosted|war\s+Gastgeber\w*|стал\w*\s+местом\s+проведения)\b")
#: "in / в" before a city; a residence in parentheses is no event's place
PLACE_BEFORE = {"de": re.compile(r"\b(?:in|im)\s+(?:der\s+Stadt\s+)?$"),
                "en": re.compile(r"\bin\s+(?:the\s+city\s+of\s+)?$"),
                "ru": re.compile(r"(?<!\w)(?:в|во)\s+(?:г\.\s*|городе\s+)?$")}
RESIDENCE = re.compile(r"\((?:mit\s+(?:Wohn)?[Ss]itz|mit\s+Residenz|with\s+residence|resident|based|"
                       r"с\s+резиденцией)\s+in\s+"
                       r"[^)]*\)|\(с\s+резиденцией\s+в\s+[^)]*\)", _F)
#: an ordinal that stands for a list item's noun ("die erste Sitzung … am 21. Mai, die zweite am …")
ORDINAL = (r"(?:erste|zweite|dritte|vierte|fünfte|sechste|siebte|achte|neunte|zehnte|letzte|nächste|first|second|"
           r"third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|next|перв|втор|трет|четв[её]рт|пят|шест|"
           r"седьм|восьм|девят|десят|последн|следующ)\w*|\d+(?:\.|st|nd|rd|th|-?(?:й|е|я))")
#: where one clause ends and the next begins within a sentence
CLAUSE_END = re.compile(r";|,\s+(?:und|and|but|aber|а|и|но)\s+(?=\S+\s+\S+)|"
                        r",\s+(?:which|who|der|die|который|которая)\s(?!(?:" + ORDINAL + r")\s)")
#: a relative clause right after a trigger noun (group 1: where the clause of the noun ends)
RELATIVE_CLAUSE = re.compile(r"[\w-]*(\s*,)\s+(?:die|der|das|welche[rs]?|which|that|котор\w+)\s")
#: between two dates of a list ("im Dezember 2018 in Duschanbe, am 1. Oktober 2019 in Berlin und am …")
LIST_GAP = re.compile(
    r"^\s*\)?\s*(?:(?:in|im|at|в|во)\s+(?:г\.\s*)?[A-ZÄÖÜА-ЯЁ][\w-]*(?:\s+[A-ZÄÖÜА-ЯЁ][\w-]*)?\s*|(?:während|during|"
    r"во\s+время)"
    r"\s+(?:[\w.-]+\s+){1,4}?)?(?:,|;|,?\s*\b(?:und|and|и|bzw\.?|sowie|"
    r"as\s+well\s+as)(?:\s+bzw\.)?)\s*(?:[a-zа-яё]+\s*[–—-]\s*)?(?:"
    r"(?:(?:die|der|das|the)\s+)?(?:" + ORDINAL + r")\s+(?:(?:one|Sitzung|Runde|session|round|meeting)\s+)?)?"
    r"(?:(?:am|im|in|on|в|во)\s+)?(?:[A-ZА-ЯЁ][\w.-]+\s+){0,3}\(?\s*$")


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    text: str
    type: str | None
    form: str


@cache
def _compiled(language: str) -> list[tuple[str | None, str, re.Pattern[str]]]:
    return [(kind, form, re.compile(rf"(?<![\w-])(?:{pattern})", _F)) for kind, form, pattern in TRIGGERS[language]]


def find_triggers(text: str, language: str) -> list[Trigger]:
    """The triggers of a sentence in order, none inside another (the more specific pattern first)."""
    found: list[Trigger] = []
    for kind, form, pattern in _compiled(language):
        for m in pattern.finditer(text):
            if not any(m.start() < t.end and t.start < m.end() for t in found):
                found.append(Trigger(m.start(), m.end(), m.group(0), kind, form))
    return sorted(found, key=lambda t: t.start)


def item_type(text: str, language: str) -> str | None:
    """The visit type a list item's adjective names ("официальный –"), if any."""
    for pattern, kind in ITEM_TYPES[language]:
        if re.search(rf"(?<!\w)(?:{pattern})\s*[–—-]\s*(?:(?:am|im|in|on|в|во)\s+)?$", text, _F):
            return kind
    return None


def ends_with(pattern: str, text: str, words: int = 2) -> bool:
    """Whether ``text`` ends with ``pattern`` followed by at most ``words`` words."""
    return re.search(rf"(?:{pattern})\s+(?:[\w\"„“”«»'’.-]+\s+){{0,{words}}}$", text + " ", _F) is not None
