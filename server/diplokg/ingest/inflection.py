"""Names put back in the nominative, by the rules of German and Russian grammar.

German organisation names: the adjectives before the head noun take the strong nominative ending of
the head's gender (read from its suffix: "-ung", "-tion", "Union" … feminine; "-ium", "-ment", "Amt"
… neuter; "Rat", "Dienst" … masculine), a masculine or neuter head drops its genitive "-s":
"des Eidgenössischen Departements" → "Eidgenössisches Departement", "der Europäischen Union" →
"Europäische Union", "im Auswärtigen Amt" → "Auswärtiges Amt".

Russian organisation names: the head noun and its adjectives in the nominative (pymorphy3), the
rest as written: "Межправительственной комиссии по …" → "Межправительственная комиссия по …".

Russian person names: the case is that of the title they stand beside ("Посла … Валихана
Туреханова": genitive), each word then loses its case ending ("Валихан Туреханов"); names that do
not decline ("Эмомали", "Назри", "Ющенко", the Tajik family names in "-зода": "Давлатзода") stay
as written."""

from __future__ import annotations

import re

from diplokg.ingest.russian import morph

FEMININE = re.compile(r"(?:ung|heit|keit|schaft|tion|sion|ion|ie|ei|tät|ur|enz|anz|ik|bank|union|gruppe|kammer|"
                      r"behörde|akademie|corporation|agentur|versammlung|vertretung|initiative|plattform|"
                      r"allianz|organisation|direktion|kommission|regierung|stiftung|gesellschaft)$", re.I)
MASCULINE = re.compile(r"(?:rat|bund|fonds|dienst|ausschuss|verband|verein|tag|hof|kongress|senat|dialog|"
                       r"konzern|stab|vertrag|beschluss)$", re.I)
NEUTER = re.compile(r"(?:ment|ium|at|amt|büro|institut|zentrum|komitee|programm|parlament|unternehmen|gremium|"
                    r"forum|werk|haus|kollegium|bündnis|office|format|abkommen|memorandum|protokoll|dekret)$", re.I)
_ADJECTIVE = re.compile(r"^(\w*?(?:isch|sch|lich|ig|al|ell|iv|är|ös|sam|bar|haft|an|ar|ant|ent|er|ne))"
                        r"(e|en|er|es|em)$")
_STRONG = {"f": "e", "m": "er", "n": "es"}


def german_gender(head: str) -> str | None:
    """f, m or n for an organisation noun, from its ending (compounds by their last part)."""
    if FEMININE.search(head):
        return "f"
    if MASCULINE.search(head):
        return "m"
    if NEUTER.search(head):
        return "n"
    return None


def german_head_nominative(head: str) -> str:
    """A masculine or neuter head without its genitive ending ("Departements" → "Departement")."""
    for ending in ("es", "s"):
        stem = head[:-len(ending)]
        if head.endswith(ending) and len(stem) > 2 and german_gender(stem) in ("m", "n") \
                and german_gender(head) is None:
            return stem
    return head


def german_adjective(word: str, gender: str | None) -> str:
    """An attributive adjective with the strong nominative ending of ``gender``
    ("Eidgenössischen" → "Eidgenössisches")."""
    match = _ADJECTIVE.match(word)
    if match is None or gender is None:
        return word
    return match.group(1) + _STRONG[gender]


def is_german_adjective(word: str) -> bool:
    return bool(_ADJECTIVE.match(word))


def german_nominative(adjectives: list[str], head: str, rest: str) -> str:
    """Adjectives, head and the rest of an organisation's name, in the nominative."""
    noun = german_head_nominative(head)
    gender = german_gender(noun)
    parts = [german_adjective(a, gender) for a in adjectives] + [noun]
    return " ".join(parts) + (" " + rest if rest else "")


def _capitalised(form: str, like: str) -> str:
    return form[:1].upper() + form[1:] if like[:1].isupper() else form


def russian_nominative(adjectives: list[str], head: str, rest: str) -> str:
    """A Russian noun phrase with its head and adjectives in the nominative, the rest as written."""
    parses = [p for p in morph().parse(head) if "NOUN" in p.tag]
    if not parses:
        return " ".join([*adjectives, head] + ([rest] if rest else []))
    noun = parses[0]
    number = "plur" if "plur" in noun.tag else "sing"
    nominative = noun.inflect({"nomn", number})
    parts = []
    for adjective in adjectives:
        agreeing = [p for p in morph().parse(adjective) if "ADJF" in p.tag and noun.tag.case in p.tag]
        target = {"nomn", number} | ({noun.tag.gender} if number == "sing" and noun.tag.gender else set())
        form = agreeing[0].inflect(target) if agreeing else None
        parts.append(_capitalised(form.word, adjective) if form else adjective)
    parts.append(_capitalised(nominative.word, head) if nominative else head)
    return " ".join(parts) + (" " + rest if rest else "")


def russian_case(title: str) -> str:
    """The case of a title word ("Посла" → "gent", "Председателем" → "ablt"); nominative if unsure."""
    parses = [p for p in morph().parse(title) if "NOUN" in p.tag]
    return str(parses[0].tag.case) if parses and parses[0].tag.case else "nomn"


#: case endings of Russian personal names and what the nominative has instead, longest first
_ENDINGS = {
    "gent": (("ова", "ов"), ("ева", "ев"), ("ина", "ин"), ("ына", "ын"), ("ия", "ий"), ("ея", "ей"), ("ой", "а"),
             ("ы", "а")),
    "accs": (("ова", "ов"), ("ева", "ев"), ("ина", "ин"), ("ына", "ын"), ("ия", "ий"), ("ея", "ей"), ("у", "а")),
    "datv": (("ову", "ов"), ("еву", "ев"), ("ину", "ин"), ("ию", "ий"), ("ею", "ей"), ("ой", "а"), ("е", "а")),
    "ablt": (("овым", "ов"), ("евым", "ев"), ("иным", "ин"), ("ием", "ий"), ("еем", "ей"), ("ой", "а")),
    "loct": (("ове", "ов"), ("еве", "ев"), ("ине", "ин"), ("ии", "ий")),
}
#: endings a masculine name adds to its consonant: Валихан-а, -у, -ом, -е
_CONSONANT_ENDINGS = {"gent": "а", "accs": "а", "datv": "у", "ablt": "ом", "loct": "е"}
_VOWELS = "аеёиоуыэюяь"
#: Tajik and Persian family names ("Давлатзода", "Рахимзаде") do not decline in Russian
_INDECLINABLE = re.compile(r"(?:зода|заде)$", re.I)


def russian_name_nominative(name: str, case: str) -> str:
    """A Russian person's name in the nominative, given the case it is written in."""
    if case == "nomn" or case not in _CONSONANT_ENDINGS:
        return name
    return " ".join(_word_nominative(w, case) for w in name.split())


def _word_nominative(word: str, case: str) -> str:
    if len(word) < 4 or re.search(r"\.$", word) or _INDECLINABLE.search(word):
        return word
    lower = word.lower()
    for ending, nominative in _ENDINGS[case]:
        if lower.endswith(ending) and len(lower) - len(ending) >= 3:
            return word[:-len(ending)] + nominative
    ending = _CONSONANT_ENDINGS[case]
    if ending == "ом" and lower.endswith("ем"):
        return word[:-2] + "ь"
    stem = lower[:-len(ending)]
    if lower.endswith(ending) and len(stem) >= 3 and stem[-1] not in _VOWELS:
        return word[:-len(ending)]
    return word
