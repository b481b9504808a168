"""The words of missions per language (German, English, Russian), for ``missions``: the mission
nouns and their types, what a clause says of a mission (opened: "eröffnet", "richtete … ein",
"besteht seit", "was inaugurated", "has been operating since", "учреждено", "приступило к работе",
"действует"; what it covers: "zuständig", "accredited", "по совместительству"), the prepositions of
its seat and of the states it covers, and the dates stated relative to another ("im selben Jahr",
"in March of the following year", "в марте следующего года")."""

from __future__ import annotations

import re

#: mission nouns per language → mission type; an office of an embassy ("ein Büro dieser Botschaft",
#: "a branch of the Embassy", "офис посольства") and an agency's coordination office are representations
NOUNS: dict[str, list[tuple[str, str]]] = {
    "de": [(r"Honorarkonsulat(?:e|s|en)?", "honorary-consulate"), (r"(?:General)?[Kk]onsulat(?:e|s|en)?", "consulate"),
           (r"Ständige\w*\s+Vertretung(?:en)?|\w*(?:Kooperations|Koordinations|Verbindungs)büros?|Vertretung(?:en)?"
            r"|(?:Büro|Außenstelle|Zweigstelle)(?=\s+(?:der|dieser|ihrer|seiner)\s+Botschaft)", "representation"),
           (r"Botschaft(?:en)?", "embassy")],
    "en": [(r"Honorary\s+Consulate\w*", "honorary-consulate"), (r"(?:General\s+)?Consulate\w*", "consulate"),
           (r"Permanent\s+Mission\w*|Representation\w*|(?:\w+\s+)?(?:Cooperation|Coordination|Liaison)\s+Office"
            r"|(?:Office|Branch)(?=\s+of\s+(?:the|this|its)\s+Embassy)", "representation"),
           (r"Embass(?:y|ies)", "embassy")],
    "ru": [(r"Почетн\w+\s+консульств\w*|Почётн\w+\s+консульств\w*", "honorary-consulate"),
           (r"(?:Генеральн\w+\s+)?[Кк]онсульств\w*", "consulate"),
           (r"Постоянн\w+\s+представительств\w*|Дипломатическ\w+\s+мисси\w*"
            r"|(?:[Оо]фис|[Оо]тделени\w+|[Фф]илиал\w*)(?=\s+(?:этого\s+|данного\s+)?посольства)", "representation"),
           (r"Посольств\w*", "embassy")],
}
OPENED = {
    "de": re.compile(r"\b(eröffnet\w*|Eröffnung|Arbeit\s+auf|nahm\s+[^.;]{0,60}Arbeit|aufgenommen|tätig"
                     r"|seit\s+[^.;]{0,40}\barbeitet|eingerichtet|richtete\w*\s+[^.;]{0,60}\bein|eingeweiht"
                     r"|weihte\w*\s+[^.;]{0,60}\bein|besteht\s+[^.;]{0,30}\bseit|bestehen\s+[^.;]{0,30}\bseit"
                     r"|unterhält\s+[^.;]{0,60}\bseit)\b", re.I),
    "en": re.compile(r"\b(opened|opening\s+of|is\s+functioning|functions|functioning|began\s+(?:its\s+)?work|works\s+in"
                     r"|established|inaugurated|operating|operates|began\s+operating|set\s+up"
                     r"|maintained\s+[^.;]{0,60}\bsince|has\s+had\s+[^.;]{0,60}\bsince|has\s+existed)\b", re.I),
    "ru": re.compile(r"(?<!\w)(открыт\w*|открыл\w*|открыти\w+|начал\w*\s+работ\w*|приступил\w*\s+к\s+работе"
                     r"|функционир\w+|преобразован\w*|учрежден\w*|действует|работает(?!\s+над)|существует)\b", re.I),
}
COVERS = {
    "de": re.compile(r"\b(?:betreut|zuständig\w*|akkreditiert|nebenakkreditiert|mitakkreditiert|wahrgenommen)\b", re.I),
    "en": re.compile(r"\b(?:covered|covers|covering|accredited|responsible\s+for|maintains\s+relations)\b", re.I),
    "ru": re.compile(r"(?:по\s+совместительству|аккредитован\w*|курирует|отвеча\w+\s+(?:также\s+)?за)", re.I),
}
#: a clause that says who heads a mission is about its head, not the mission ("the Embassy has been
#: headed by …", "Посольство возглавляет …", "die Botschaft leitet …")
HEADED = {"de": re.compile(r"\b(?:geleitet|leitet|leitete|geführt)\b", re.I),
          "en": re.compile(r"\b(?:headed|heads|led|leads)\b", re.I),
          "ru": re.compile(r"(?<!\w)(?:возглавл\w+|руковод\w+)", re.I)}
SEAT_PREPOSITION = {
    "de": re.compile(r"(?:\b(?:in|mit\s+Sitz\s+in|mit\s+Residenz\s+in)\s+(?:der\s+Stadt\s+)?|\(\s*)$", re.I),
    "en": re.compile(r"(?:\b(?:in|based\s+in|with\s+residence\s+in)\s+(?:the\s+city\s+of\s+)?|\(\s*)$", re.I),
    "ru": re.compile(r"(?:(?<!\w)(?:в|во)\s+|\(\s*)(?:г\.\s*|городе\s+)?$", re.I),
}
CAPS = {"de": r"[A-ZÄÖÜ][\w-]*", "en": r"[A-Z][\w-]*", "ru": r"[А-ЯЁ][\w-]*"}
#: what may stand between the mission noun and its state ("Botschaft der Republik |Tadschikistan")
OF = {"de": re.compile(rf"\s+(?:(?:der|des)\s+)?(?:{CAPS['de']}\s+(?:(?:der|des)\s+)?){{0,3}}"),
      "en": re.compile(rf"\s+of\s+(?:the\s+)?(?:{CAPS['en']}\s+(?:of\s+(?:the\s+)?)?){{0,3}}"),
      "ru": re.compile(rf"\s+(?:{CAPS['ru']}\s+){{0,3}}")}
#: a preposition before a state the mission covers ("zur Republik |Polen", "relations with |Tajikistan")
TOWARDS = {"de": re.compile(rf"\b(?:in|zur|zum|zu|für|mit|nach)\s+(?:(?:der|dem|den)\s+)?"
                            rf"(?:{CAPS['de']}\s+){{0,2}}$"),
           "en": re.compile(rf"\b(?:in|to|with|for)\s+(?:the\s+)?(?:{CAPS['en']}\s+(?:of\s+(?:the\s+)?)?){{0,2}}$"),
           "ru": re.compile(rf"(?<!\w)(?:в|во|с|со|на|для)\s+(?:{CAPS['ru']}\s+){{0,2}}$")}
IN = {"de": re.compile(r"\s+(?:in|bei)\s+(?:(?:der|dem)\s+)?"), "en": re.compile(r"\s+(?:in|to)\s+(?:the\s+)?"),
      "ru": re.compile(r"\s+(?:в|во)\s+")}
POSSESSIVE = {"de": re.compile(r"\b(?:seine|ihre|seiner|ihrer|seinen|ihren)\s+(?:\w+\s+){0,3}$", re.I),
              "en": re.compile(r"\b(?:its|their)\s+(?:\w+\s+){0,3}$", re.I),
              "ru": re.compile(r"(?<!\w)сво\w+\s+(?:\w+\s+){0,3}$", re.I)}
#: "its own embassy": the state of the sentence's other mission
OWN = {"de": re.compile(r"\beigene\w*\s+$", re.I), "en": re.compile(r"\bown\s+$", re.I),
       "ru": re.compile(r"(?<!\w)собственн\w+\s+$", re.I)}
#: a mission noun after a demonstrative names a mission named before ("ein Büro dieser Botschaft")
DEMONSTRATIVE = {"de": re.compile(r"\b(?:dieser|diese|dieses|diesem|diesen|derselben|desselben)\s+$", re.I),
                 "en": re.compile(r"\b(?:this|that|the\s+same)\s+$", re.I),
                 "ru": re.compile(r"(?<!\w)(?:этого|этой|этом|это|данного|того\s+же)\s+$", re.I)}
RELATIONS = {"de": re.compile(r"\b(?:Beziehungen|Interessen)\s+"),
             "en": re.compile(r"\b(?:relations|interests)\s+of\s+(?:the\s+)?", re.I),
             "ru": re.compile(r"(?<!\w)(?:отношения|интересы)\s+", re.I)}
ORGANISATION = {"de": re.compile(r"\s*(?:beim|bei\s+(?:der|den|dem))\s+"), "en": re.compile(r"\s*(?:to|at)\s+the\s+"),
                "ru": re.compile(r"\s*при\s+")}
#: a clause that continues a list of openings: "…, am 3 September 2010 folgte die Botschaft …"
SEQUENCE = {"de": re.compile(r"\b(?:folgte\w*|gefolgt|danach|anschließend)\b", re.I),
            "en": re.compile(r"\b(?:followed|then|later)\b", re.I),
            "ru": re.compile(r"(?<!\w)(?:последовал\w*|затем|позднее|позже)\b", re.I)}
#: not the comma of "June 26, 2014" nor of "Washington, D.C."
CLAUSE_BREAK = re.compile(r"\s*(?:;|\s[–—-]\s|,(?!\s*\d{4}\b)(?!\s*[A-Z]\.[A-Z]\.)|\s(?:whereas|while|während)\s)\s*")
#: a clause that goes on describing the noun before it ("…, opened in 2001, …", "…, открытое в г. …";
#: Russian "который" is masculine: it goes on about a person, not about the mission)
CONTINUES = {"de": re.compile(r"(?:die|der|das|welche\w*|eröffnet\w*|gegründet\w*)\b"),
             "en": re.compile(r"(?:which|that|opened|located|based|established)\b"),
             "ru": re.compile(r"(?:которо[ейм]|которая|которую|открыт\w+|расположен\w+|созданн\w+|учрежденн\w+)",
                              re.I)}
#: a following clause that says what the mission covers through its district ("ihr Amtsbezirk umfasst
#: außerdem …", "its jurisdiction also extends to …", "его юрисдикция распространяется также на …")
COVERAGE = {"de": re.compile(r"(?:ihr|sein)(?:e|en)?\s+(?:Amtsbezirk|Zuständigkeit\w*|Konsularbezirk)\b", re.I),
            "en": re.compile(r"(?:its|their)\s+(?:jurisdiction|district|consular\s+district|remit)\b", re.I),
            "ru": re.compile(r"(?:его|её|ее|их)\s+(?:юрисдикци\w+|консульск\w+\s+округ\w*|компетенци\w+)", re.I)}
#: a year stated relative to another: the same year, the next one (a month may precede it)
SAME_YEAR = {"de": re.compile(r"\b(?:im\s+(?:selben|gleichen)\s+Jahr|noch\s+im\s+selben\s+Jahr)\b", re.I),
             "en": re.compile(r"\b(?:in\s+the\s+same\s+year|that\s+same\s+year|later\s+that\s+year)\b", re.I),
             "ru": re.compile(r"(?<!\w)(?:в\s+том\s+же\s+году|в\s+этом\s+же\s+году)\b", re.I)}
FOLLOWING_YEAR = {"de": re.compile(r"\b(?:im\s+(?:darauf)?folgenden\s+Jahr|ein\s+Jahr\s+später|im\s+nächsten\s+Jahr"
                                   r"|im\s+Jahr\s+darauf|(?P<month>\w+)\s+(?:des\s+)?(?:darauf)?"
                                   r"(?:folgenden|nächsten)\s+Jahres)\b", re.I),
                  "en": re.compile(r"\b(?:(?:in\s+)?(?P<month>\w+)\s+of\s+)?(?:the\s+(?:following|next)\s+year"
                                   r"|a\s+year\s+later)\b", re.I),
                  "ru": re.compile(r"(?<!\w)(?:в\s+следующем\s+году|через\s+год|год\s+спустя"
                                   r"|в\s+(?P<month>\w+)\s+следующего\s+года)\b", re.I)}
