"""The organisations a sentence names, found by their head noun and what makes them a name:

- a head noun of an organisation ("Ministerium", "Agency", "комиссия"; German compounds by their
  last part: "Außenministerium", "Entwicklungsbank") with capitalised adjectives before it
  ("Deutsche Gesellschaft", "Eidgenössischen Departements", "Collective Security Treaty
  Organization") and what it is of or for after it ("für Entwicklung und Zusammenarbeit", "of
  Foreign Affairs of the Republic of Tajikistan", "по экономическому сотрудничеству между …", up to
  the state that ends it); put in the nominative (diplokg.ingest.inflection);
- an abbreviation in brackets or right after such a name: "(EDA)", "(CSTO)", "(МПК)",
  "Staatssekretariat für Wirtschaft SECO"; the name before it is the one whose initials it fits;
- a state's adjective before the head: "dem norwegischen Außenministerium" (the ministry of NOR);
- a quoted name after an organisation noun or before its head: 'Unternehmen "Tajikhydro"',
  'the "Central Asia + Japan" Dialogue';
- the organisations of the graph, by label or alternative label, inflected forms included
  ("der Europäischen Bank für Wiederaufbau und Entwicklung")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from diplokg.ingest.gazetteer import Mention, StateGazetteer
from diplokg.ingest.inflection import german_nominative, is_german_adjective, russian_nominative
from diplokg.ingest.organisation_heads import HEAD, head_of, is_parliament, izafet
from diplokg.ingest.persons import HONORIFIC, TITLES, Token, tokens
from diplokg.ingest.russian import morph
from diplokg.matching.names import acronym_fits, initials_of, unquote

_COMPLEMENT_START = {"de": {"für", "des", "der", "zur", "zum", "von", "über", "bei"},
                     "en": {"of", "for", "on"}, "ru": {"по", "при", "между", "в", "для"}}
_LINKS = {"de": {"für", "des", "der", "zur", "zum", "von", "über", "bei", "und", "in", "den", "dem"},
          "en": {"of", "for", "on", "and", "the", "in"}, "ru": {"по", "при", "между", "и", "в", "для"}}
_ACRONYM = re.compile(r"^(?:(?![a-zß-ÿа-яё])[^\W\d_]){2,6}$")  # capitals of any alphabet: "EDA", "TİKA", "ОДКБ"
#: a short form in brackets with capitals inside: "(ОшГУ)", "(AmCham)"
_MIXED_ACRONYM = re.compile(r"^[^\W\d_][^\W\d_]*?[A-ZÄÖÜА-ЯЁ][^\W\d_]*$")
_OWNER = {"de": r"(?:\s+(?:von|der|des)\s+)", "en": r"(?:\s+of\s+(?:the\s+)?)", "ru": r"(?:\s+)"}
_QUOTED = re.compile(r"[\"„“«]([^\"„“”«»]{2,60})[\"“”»]")
MAX_COMPLEMENT = 12
_PARTICIPLE = re.compile(r"^(?:\w*ge\w+t|\w+iert|eröffnet|errichtet|eingerichtet|entstanden)$")
#: an article or ordinal before "state adjective + head" makes it a common noun, not a name: "die
#: erste tadschikische Botschaft in …", "a Latvian company", "первое таджикское посольство"
_GENERIC = re.compile(r"^(?:eine?[mnrs]?|erste\w*|zweite\w*|letzte\w*|jede\w*|a|an|first|second|last|each|every|"
                      r"another|перв\w+|втор\w+|последн\w+|кажд\w+)$", re.IGNORECASE)


@dataclass(frozen=True)
class OrganisationSpan:
    start: int
    end: int
    text: str  # as written
    name: str  # in the nominative
    head: str | None = None
    state: str | None = None  # the state it is of, or named by
    full: str | None = None  # an abbreviation: the name it stands for
    key: str | None = None  # the graph's IRI
    how: str = ""


class _Reader:
    def __init__(self, text: str, language: str, states: list[Mention], gazetteer: StateGazetteer | None):
        self.text, self.language, self.states = text, language, states
        self.tokens = tokens(text)
        self.gazetteer = gazetteer

    def state_at(self, t: Token) -> Mention | None:
        return next((m for m in self.states if m.start <= t.start < m.end), None)

    def head(self, i: int) -> str | None:
        return head_of(self.tokens[i].text, self.language)

    def adjectives(self, i: int) -> int:
        """Where the capitalised adjectives (or, in English, capitalised words) before token ``i`` begin."""
        j = i
        while j > 0 and self._attribute(self.tokens[j - 1].text):
            j -= 1
            if self.language == "en" and j > 1 and self.tokens[j - 1].text in ("and", "&") \
                    and self._attribute(self.tokens[j - 2].text):  # "Turkish Cooperation and Coordination Agency"
                j -= 1
        return j

    def _attribute(self, word: str) -> bool:
        """A capitalised adjective before the head; hyphenated ones by their last part
        ("Französisch-Tadschikische", "Tajik-Turkish", "Кыргызско-таджикский")."""
        last = word.rsplit("-", 1)[-1]
        if self.language == "en" and re.match(r"^(?:[A-Z]\.){1,3}$", word):  # "the U.S. Embassy" (tokens "U.", "S.")
            return True
        if not (word.replace("-", "").isalpha() and last):
            return False
        if self.language == "de":
            return word[:1].isupper() and is_german_adjective(last)
        if self.language == "en":
            return word[:1].isupper() and word not in ("The", "In", "On")
        return any("ADJF" in p.tag for p in morph().parse(last)[:2])

    def complement(self, i: int) -> int:
        """The token after what the head at ``i`` is of or for (ends after a state, before an acronym)."""
        k = i + 1
        state = self.state_at(self.tokens[k]) if k < len(self.tokens) else None
        if state and ((self.language == "de" and self.tokens[k].text.endswith("s"))  # "Botschaft Frankreichs"
                      or (self.language == "ru" and _is_genitive(self.tokens[k].text))):  # "Сейм Латвийской Республики"
            return self._after_states(k, state)
        if k >= len(self.tokens) or (self.tokens[k].text not in _COMPLEMENT_START[self.language]
                                     and not self._genitive(k)):
            return k
        end = k
        while k < len(self.tokens) and k - i <= MAX_COMPLEMENT:
            t = self.tokens[k]
            if t.text == "," and self._enumeration(k):
                k += 1
                continue
            if _ACRONYM.match(t.text) or not (t.text[:1].isalpha() or t.text == "-"):
                break
            state = self.state_at(t)
            if state:
                return self._after_states(k, state)
            if HONORIFIC.match(t.text) or TITLES[self.language].match(t.text):
                break
            if not self._continues(k):
                break
            k += 1
            if t.text not in _LINKS[self.language]:
                end = k
        return self._before_participle(end)

    def _before_participle(self, end: int) -> int:
        """A German name without the place a verb at the clause's end is done in: "das Zentrum für
        Kultur in Duschanbe gegründet" ("in Duschanbe" is where it was founded, not its name)."""
        if self.language == "de" and end >= 2 and end < len(self.tokens) and self.tokens[end - 2].text == "in" \
                and _PARTICIPLE.match(self.tokens[end].text):
            return end - 2
        return end

    def _enumeration(self, k: int) -> bool:
        """A comma between two attributes of one noun, in a series closed by "und / and / и" ("für
        wirtschaftliche, handelspolitische und wissenschaftlich-technische Zusammenarbeit", "on
        Economic, Trade and Scientific Cooperation", "по торгово-экономическому, научно-техническому
        и культурному сотрудничеству")."""
        if not 0 < k < len(self.tokens) - 1 or \
                not all(self._attribute_word(self.tokens[j].text) for j in (k - 1, k + 1)):
            return False
        for t in self.tokens[k + 1:k + 8]:
            if t.text in ("und", "and", "и"):
                return True
            if not (t.text == "," or self._attribute_word(t.text)):
                return False
        return False

    def _genitive(self, k: int) -> bool:
        """A Russian word in the genitive right after the head: its complement ("Министерство
        иностранных дел …", "Азиатский банк развития"); not a state, which the loop reads."""
        if self.language != "ru" or self.state_at(self.tokens[k]):
            return False
        parses = morph().parse(self.tokens[k].text)[:2]
        return any(p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF") for p in parses)

    def _attribute_word(self, word: str) -> bool:
        if self.language == "de":
            return is_german_adjective(word.rsplit("-", 1)[-1])  # "wissenschaftlich-technische"
        if self.language == "en":
            return word[:1].isupper() and word.replace("-", "").isalpha()
        return any("ADJF" in p.tag for p in morph().parse(word)[:2])

    def _after_states(self, k: int, state: Mention) -> int:
        """The token after a state, or after "… und Y" when Y is a state too ("zwischen X und Y")."""
        while k < len(self.tokens) and self.tokens[k].start < state.end:
            k += 1
        if k + 1 < len(self.tokens) and self.tokens[k].text in ("und", "and", "и"):
            other = self.state_at(self.tokens[k + 1])
            if other:
                return self._after_states(k + 1, other)
        return k

    def _continues(self, k: int) -> bool:
        word = self.tokens[k].text
        if word in ("und", "and", "и"):  # "Energie und Industrie" goes on, "und dem Ministerium" does not
            nxt = self.tokens[k + 1].text if k + 1 < len(self.tokens) else ""
            j = k + 1  # "… банком развития и Министерством …", "… палатой А и Торгово-промышленной палатой Б"
            while j < len(self.tokens) - 1 and j - k <= 3 and self._attribute(self.tokens[j].text):
                j += 1
            if nxt and j < len(self.tokens) and self.head(j):  # another organisation
                return False
            series = self.language == "de" and k > 0 and self._attribute_word(self.tokens[k - 1].text) \
                and self._attribute_word(nxt)  # "wirtschaftliche und wissenschaftlich-technische Zusammenarbeit"
            return nxt[:1].isupper() or (self.language == "ru" and nxt[:1].isalpha()) or series
        if word in _LINKS[self.language] or word[:1].isupper():
            return True
        if self.language == "de":  # an attribute stands before its noun: "… in Riga kooperieren seit …" ends
            nxt = self.tokens[k + 1].text if k + 1 < len(self.tokens) else ""
            return self._attribute_word(word) and (nxt[:1].isupper() or nxt in ("und", ",")
                                                   or self._attribute_word(nxt))
        if self.language == "ru":
            return any(p.tag.POS in ("NOUN", "ADJF", "PREP") for p in morph().parse(word)[:1])
        return False

    def nominative(self, first: int, head: int, end: int) -> str:
        adjectives = [t.text for t in self.tokens[first:head]]
        rest = self.text[self.tokens[head].end:self.tokens[end - 1].end].strip() if end > head + 1 else ""
        if self.language == "de":
            return german_nominative(adjectives, self.tokens[head].text, rest)
        if self.language == "ru":
            return russian_nominative(adjectives, self.tokens[head].text, rest)
        return self.text[self.tokens[first].start:self.tokens[end - 1].end]


def find_organisations(text: str, language: str, states: list[Mention], gazetteer: StateGazetteer | None = None,
                       graph_labels: Iterable[tuple[str, str, str, bool]] = ()) -> list[OrganisationSpan]:
    """The organisations a sentence names (nested names kept: "Council of the … Organization")."""
    r = _Reader(text, language, states, gazetteer)
    found = [_with_head(r, g) for g in _by_graph(r, graph_labels)]
    for span in [*_by_head(r), *_by_quotes(r)]:
        if not any(f.key and (f.start == span.start or (f.start <= span.start and span.end <= f.end)) for f in found):
            found.append(span)
    found += _abbreviations(r, found)
    found += _bracketed_short_forms(r, found)
    return sorted(found, key=lambda o: (o.start, -o.end))


def _with_head(r: _Reader, span: OrganisationSpan) -> OrganisationSpan:
    """A graph organisation's span with the head noun and state read from its words."""
    inside = [i for i, t in enumerate(r.tokens) if span.start <= t.start < span.end]
    head = next((h for i in inside if (h := r.head(i))), None)
    state = next((m.key for i in inside if (m := r.state_at(r.tokens[i]))), None)
    if state is None and inside:
        state = _state_adjective(r, inside[0])
    return replace(span, head=head.casefold() if head else None, state=state)


def _by_head(r: _Reader) -> Iterable[OrganisationSpan]:
    for i in range(len(r.tokens)):
        head = r.head(i)
        if head is None:
            continue
        joined = izafet(r.tokens[i].text) and i + 1 < len(r.tokens) and r.tokens[i + 1].text[:1].isupper()
        first, end = r.adjectives(i), r.complement(i + 1 if joined else i)  # "Majlisi Namoyandagon der …"
        adjective_state = _state_adjective(r, first - 1) if first > 0 else None
        if adjective_state is None and first < i:  # "the Latvian Ministry of …", "Rumänische Abgeordnetenkammer"
            adjective_state = _state_adjective(r, first)
        named = first < i or end > i + 1 or adjective_state or _acronym_after(r, end) \
            or is_parliament(head, r.language) or (r.language == "de" and re.search(r"[a-z][A-Z]", r.tokens[i].text))
        if r.language != "de" and not r.tokens[first].text[:1].isupper():
            named = False
        if not named:
            continue
        if end == i + 1 and end < len(r.tokens) and re.search(r"[a-z][A-Z]", r.tokens[i].text):
            following = r.state_at(r.tokens[end])  # "AccessBank Tadschikistan": the state is part of the name
            while following and end < len(r.tokens) and r.tokens[end].start < following.end:
                end += 1
        state = next((m.key for t in r.tokens[i:end] if (m := r.state_at(t))), None)
        if adjective_state and first == i and end == i + 1 and first > 1 and _GENERIC.match(r.tokens[first - 2].text):
            continue
        start_token = first - 1 if adjective_state and first == i else first
        start, stop = r.tokens[start_token].start, r.tokens[end - 1].end
        name = r.nominative(first, i, end)
        yield OrganisationSpan(start, stop, text_of(r, start, stop), name, head.casefold(), adjective_state or state,
                               how="state adjective" if adjective_state and first == i else "head noun")


def text_of(r: _Reader, start: int, end: int) -> str:
    return r.text[start:end]


def _acronym_after(r: _Reader, end: int) -> bool:
    nxt = r.tokens[end:end + 3]
    words = [t.text for t in nxt]
    if not words:
        return False
    return bool(_ACRONYM.match(words[0]) or (words[0] == "(" and len(words) > 1 and _ACRONYM.match(words[1])))


def _is_genitive(word: str) -> bool:
    """A Russian word that may be in the genitive ("Латвийской", "Таджикистана")."""
    return any("gent" in p.tag for p in morph().parse(word)[:3])


def _state_adjective(r: _Reader, i: int) -> str | None:
    """The state whose adjective token ``i`` is ("norwegischen", "Japanese", "норвежского"), if any."""
    if i < 0 or r.gazetteer is None:
        return None
    word = r.tokens[i].text.casefold()
    stem = {"de": r"^(\w{4,}?)(?:isch|sch)(?:e|en|er|es|em)?$", "en": r"^(\w{4,}?)(?:ian|ese|ish|ic|i|an)$",
            "ru": r"^(\w{4,}?)(?:ск|цк)(?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|им|ими)$"}[r.language]
    stems = [m.group(1) for m in (re.match(stem, word), re.match(stem.replace("{4,}?", "{4,}"), word)) if m]
    for found in dict.fromkeys(stems):  # the shortest stem, then the longest ("latv-ian", "latvi-an")
        for form, alpha3 in r.gazetteer.forms[r.language].items():
            dropped = form[:-2] + "n" if form.endswith("en") else form  # "Polen" / "poln-isch"
            if " " not in form and (form.startswith(found) or dropped == found) \
                    and len(found) >= min(5, max(4, (len(form) + 1) // 2)):
                return alpha3
    return None


def _abbreviations(r: _Reader, found: list[OrganisationSpan]) -> list[OrganisationSpan]:
    """Abbreviations in brackets or right after a name: the name they fit best stands for them."""
    out = []
    for i, t in enumerate(r.tokens):
        bracketed = i > 0 and r.tokens[i - 1].text == "(" and i + 1 < len(r.tokens) and r.tokens[i + 1].text == ")"
        if not (_ACRONYM.match(t.text) or (bracketed and len(t.text) <= 8 and _MIXED_ACRONYM.match(t.text)
                                           and t.text[:1].isupper())):
            continue
        before = r.tokens[i - 2] if bracketed and i > 1 else (r.tokens[i - 1] if i > 0 else None)
        if before is None:
            continue
        candidates = [f for f in found if f.end == before.end]
        if not candidates:
            continue
        best = next((c for c in candidates if initials_of(c.text).casefold() == t.text.casefold()), None) \
            or next((c for c in candidates if acronym_fits(t.text, c.name)  # the one whose first letter it starts with
                     and c.name[:1].casefold() == t.text[:1].casefold()), None) \
            or next((c for c in candidates if acronym_fits(t.text, c.name)), None) or candidates[-1]
        fits = acronym_fits(t.text, best.name)
        if not fits and not _ACRONYM.match(t.text):
            continue  # "(Bischkek)", "(Hauptstadt)": not a short form
        out.append(OrganisationSpan(t.start, t.end, t.text, t.text, best.head, best.state, full=best.name,
                                    key=best.key, how="abbreviation" + ("" if fits else " (letters do not fit)")))
    return out


def _bracketed_short_forms(r: _Reader, found: list[OrganisationSpan]) -> list[OrganisationSpan]:
    """A short form of two or three words in brackets right after a name, its first word an
    abbreviation whose letters fit the name: "(AmCham Latvia)", "(МИД ЛР)", "(LIAA Riga)"."""
    out = []
    for m in re.finditer(r"\(([^()\s]+(?:\s+[^()\s]+){1,2})\)", r.text):
        first, *rest = m.group(1).split()
        if not ((_ACRONYM.match(first) or _MIXED_ACRONYM.match(first)) and first[:1].isupper()
                and all(w[:1].isupper() and w.isalpha() for w in rest)):
            continue
        before = next((f for f in found if f.full is None and f.end <= m.start()
                       and not r.text[f.end:m.start()].strip()), None)
        if before is not None and acronym_fits(first, before.name):
            out.append(OrganisationSpan(m.start(1), m.end(1), m.group(1), m.group(1), before.head, before.state,
                                        full=before.name, key=before.key, how="abbreviation with more words"))
    return out


def _by_quotes(r: _Reader) -> Iterable[OrganisationSpan]:
    """'Unternehmen "Tajikhydro"' (the name), 'the "Central Asia + Japan" Dialogue' (name and head)."""
    for m in _QUOTED.finditer(r.text):
        inner = m.group(1).strip()
        if len(inner.split()) > 6 or not inner[:1].isupper():
            continue
        before = r.text[max(0, m.start() - 40):m.start()].split()
        after = re.match(r"\s+(\w+)", r.text[m.end():])
        if after and HEAD[r.language].match(after.group(1)) and after.group(1)[:1].isupper():
            end = m.end() + after.end()
            yield OrganisationSpan(m.start(), end, r.text[m.start():end], f"{inner} {after.group(1)}",
                                   after.group(1).casefold(), how="quoted name and head noun")
        elif before and HEAD[r.language].match(before[-1][:1].upper() + before[-1][1:] if r.language == "en"
                                                else before[-1]) and len(inner.split()) <= 3:  # 'company "X"'
            yield OrganisationSpan(m.start(), m.end(), unquote(m.group(0)), inner, before[-1].casefold(),
                                   how="quoted name after an organisation noun")


def _by_graph(r: _Reader, labels: Iterable[tuple[str, str, str, bool]]) -> list[OrganisationSpan]:
    """The graph's organisations, by label or alternative label, inflected endings tolerated (a label
    is named as the graph writes it); an alternative label followed by the state it is of keeps it
    ("Majlisi Namoyandagon von Tadschikistan")."""
    out: list[OrganisationSpan] = []
    for label, language, iri, preferred in labels:
        if language not in (r.language, ""):
            continue
        for m in re.finditer(_label_pattern(label, r.language), r.text, re.IGNORECASE):
            end = m.end()
            owner = re.match(_OWNER[r.language], r.text[end:])
            state = next((s for s in r.states if owner and s.start == end + owner.end()), None)
            if state and not preferred:
                end = state.end
            if any(o.start <= m.start() and end <= o.end for o in out):
                continue
            text = r.text[m.start():end]
            out.append(OrganisationSpan(m.start(), end, text, label if preferred else text, key=iri,
                                        how="graph label" if preferred else "graph alternative label"))
    return out


def _label_pattern(label: str, language: str) -> str:
    parts = []
    for word in label.split():
        if language == "en" or len(word) <= 4 or _ACRONYM.match(word):
            parts.append(re.escape(word))
        else:
            stem = re.sub(r"(?:en|er|es|em|e|s)$", "", word) if language == "de" else word[:-2]
            parts.append(re.escape(stem) + r"\w{0,3}")
    return r"(?<![\w-])" + r"\s+".join(parts) + r"(?![\w-])"
