"""Who took part in an event: the persons the event's stretch of the sentence names after an
honorific ("Herr Muzaffar Huseinzoda", "Mr. Fumio Kishida", "г-н Виктор Майко") or after a title
("Präsident Emomali Rahmon", "the Minister for Foreign Affairs of Japan Mr. KONO Taro",
"Президента Республики Таджикистан Эмомали Рахмона"), with the title as their role and the state
they act for.

The role is the title in English: as written on an English page; on a German or Russian page
translated where every word of it is known ("stellvertretenden Außenministers" → "Deputy Minister
of Foreign Affairs", "Министр иностранных дел Украины" → "Minister of Foreign Affairs of Ukraine"),
else kept as written. The state is the one the title names ("of Japan", "Tadschikistans",
"rumänischen", "Республики Казахстан"); for a title without one, a federal title ("Bundeskanzler",
"Bundesrat") is the partner's where the partner is a federation that uses it, a monarch's the
partner's, and any other the page's own state (a ministry calls its own president "President"),
each said in a reading note. Russian names are put in the nominative by the case of their title
(pymorphy3); an initial and a surname ("E. Rahmon", "К.-Ж. Токаев") or a surname alone
("Präsident Rahmon") is the person of that surname named in full on the page before."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from diplokg.ingest.facts import Participant, Person
from diplokg.ingest.gazetteer import OFFICIAL_NAMES, Mention
from diplokg.ingest.rules import event_words as words
from diplokg.ingest.rules.context import HOME, SentenceView
from diplokg.ingest.russian import morph

_UP = r"A-ZÄÖÜÅØÆÉÈ\u0410-\u042f\u0401"
_NAME_WORD = rf"(?:[{_UP}][\w'’æøå-]*\w|[{_UP}]\.(?:-[{_UP}]\.)?)"
_NAME = re.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}")
_HONORIFIC = re.compile(r"(?<!\w)(?:Herrn?|Frau|S\.\s?E\.|H\.\s?E\.|Mr\.|Mrs\.|Ms\.|г-н|г-жа|господин\w*|госпож\w+)\s+"
                        r"(?:(?:Dr\.|Prof\.|Herr|Frau)\s+)*")
#: per language: (title pattern, English role or None: as written, kind: plain | federal | monarch)
TITLES: dict[str, list[tuple[str, str | None, str]]] = {
    "de": [(r"stellvertretende[nmrs]?\s+Außenminister\w*", "Deputy Minister of Foreign Affairs", "plain"),
           (r"Bundesaußenminister\w*", "Federal Minister for Foreign Affairs", "federal"),
           (r"Außenminister\w*", "Minister of Foreign Affairs", "plain"),
           (r"Bundespräsident\w*", "Federal President", "federal"),
           (r"Bundeskanzler\w*", "Federal Chancellor", "federal"),
           (r"Bundesr(?:at|ätin)\b", "Federal Councillor", "federal"), (r"Vizepräsident\w*", "Vice President", "plain"),
           (r"Ministerpräsident\w*|Premierminister\w*", "Prime Minister", "plain"),
           (r"Präsident\w*", "President", "plain"), (r"Finanzminister\w*", "Minister of Finance", "plain"),
           (r"außerordentliche[nmrs]?\s+und\s+bevollmächtigte[nmrs]?\s+Botschafter\w*",
            "Ambassador Extraordinary and Plenipotentiary", "plain"),
           (r"Botschafter\w*", "Ambassador", "plain"), (r"Staatssekretär\w*", "State Secretary", "plain"),
           (r"Minister\w*", None, "plain"),
           (r"Vorsteher\w*|Leiter\w*|Beauftragte\w*|Direktor\w*|Vorsitzende\w*", None, "plain"),
           (r"Kaiser(?:in)?", "Emperor", "monarch"), (r"König(?:in)?", "King", "monarch")],
    "en": [(r"Ambassador\s+Extraordinary\s+and\s+Plenipotentiary|(?:Vice\s+)?President|Prime\s+Minister|"
            r"(?:Deputy\s+)?Minister|Ambassador|Speaker|Chairman|Chairwoman|"
            r"Chancellor|Secretary|Commissioner|Director|Head|Governor", None, "plain"),
           (r"Emperor|King|Queen|Majesty", None, "monarch")],
    "ru": [(r"заместител\w+\s+[Мм]инистра\s+иностранных\s+дел", "Deputy Minister of Foreign Affairs", "plain"),
           (r"[Мм]инистр\w*\s+иностранных\s+дел", "Minister of Foreign Affairs", "plain"),
           (r"Премьер-[Мм]инистр\w*", "Prime Minister", "plain"), (r"[Пп]резидент\w*", "President", "plain"),
           (r"Чрезвычайн\w+\s+и\s+Полномочн\w+\s+Посл\w*", "Ambassador Extraordinary and Plenipotentiary", "plain"),
           (r"Посол\b|Посл[аоуе]м?\b", "Ambassador", "plain"), (r"[Мм]инистр\w*", None, "plain"),
           (r"Председател\w*", "Chairman", "plain"), (r"Император\w*", "Emperor", "monarch")],
}
_THEN = {"de": r"damalige[nmrs]?\s+", "en": r"(?:then|acting|former)\s+", "ru": r"(?:тогдашн\w+|бывш\w+)\s+"}
_FEDERATIONS = ("DEU", "CHE", "AUT")
#: an initial and a surname ("E. Rahmon", "К.-Ж. Токаев"): a person where the page named them in full before
_INITIAL_NAME = re.compile(rf"(?<![\w.])[{_UP}]\.(?:-[{_UP}]\.)?\s?[{_UP}][\w'’-]+")
_COPULA = re.compile(r"\b(?:ist|war|sind|waren|is|was|are|were|является|являлся|являлась)\b")
_ADJECTIVE_EN = r"\b(?:Tajik|[A-Z][a-z]+(?:ian|ese|ish|ic))"
#: English titles that name nothing but the office
_BARE_EN = (r"(?:(?:then|acting|former)\s+)?(?:(?:Deputy|Vice)\s+)?(?:President|Prime\s+Minister|Foreign\s+Minister|"
            r"Minister\s+(?:of|for)\s+Foreign\s+Affairs|Chairman|Speaker)")
#: the words between a title and a state that completes it ("of the Republic of", "der", "в")
_TITLE_GAP = re.compile(r"(?:\s+(?:of|to|in|the|der|des|dem|den|bei|в|во|Republi\w*|Республик\w*|Königreich\w*|"
                        r"Kingdom|Bundesrepublik|Федеративн\w+))*\s+")
#: between a name read after a title and an honorific that names the title's person instead
_HONORIFIC_GAP = re.compile(r"[^a-zäöüа-яё]*(?:Herrn?|Frau|Mr\.|Mrs\.|Ms\.|г-н|г-жа)?\s*")
_NOT_NAME = re.compile(r"^(?:Extraordinary|Plenipotentiary|Excellency|Majesty|Чрезвычайн\w*|Republi\w*|"
                       r"Königreich\w*|Kingdom|Federal|Bundes\w*|Government|Regierung|Ministry|"
                       r"Ministerium\w*|Embassy|Botschaft\w*|House|Herr|Frau|Mr|The|Der|Die|Das|On|In|Am|Im|His|Her|"
                       r"Республик\w*|Правительств\w*|Посольств\w*)\b")

@dataclass(frozen=True)
class Named:
    """A person the sentence names, where, and how it was read."""

    start: int
    end: int
    participant: Participant
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Title:
    stated: str | None = None  # as written ("stellvertretenden Außenministers")
    role: str | None = None  # in English where known, else as written
    of: tuple[str, ...] = ()  # the states it is of ("of Japan", "Tadschikistans", an adjective)
    head: str | None = None  # the title word ("Präsident", "Председателем")
    kind: str = "plain"  # plain | federal | monarch | coordinated
    bare: bool = False  # a known title and nothing else ("President", "stellvertretender Außenminister")


def named_people(view: SentenceView, known: dict[str, Participant]) -> list[Named]:
    """The persons the sentence names, in order; ``known``: the page's persons named so far with the
    state their title stated (kept up to date), to read an initial and surname, or a surname alone,
    as the full name named before, and an unqualified title by the state stated before."""
    language = view.context.page.language
    out: list[Named] = []
    spans, leads = _names(view, language)
    for start, end in spans:
        notes: list[str] = []
        title = _title(view, leads.get(start, start), language)
        if start in leads and not title.of:
            title = replace(title, kind="coordinated")
        name = _nominative(view.text[start:end], title.head, language)
        earlier = _known(name, known, notes)
        if earlier is None and title.stated is None and _INITIAL_NAME.fullmatch(view.text[start:end]) and \
                not _HONORIFIC.search(view.text[max(0, start - 12):start]):
            continue  # an initial and surname the page has not named in full
        on_behalf = _state_of(view, title, notes, earlier)
        full = earlier.person.name if earlier and earlier.person else name
        participant = Participant(Person(full, title.stated), None, title.role, on_behalf)
        if _leads(view, start, spans, language):
            participant = replace(participant, part="head-of-delegation")
            notes.append(f"'{full}' leads a delegation: read as its head")
        if title.of or title.kind in ("federal", "monarch") or full.casefold() not in known:
            stated = on_behalf if title.of or title.kind in ("federal", "monarch") else None
            known[full.casefold()] = replace(participant, on_behalf_of=stated)
        if all(n.participant.person != participant.person for n in out):
            out.append(Named(start, end, participant, tuple(notes)))
    return out


def _leads(view: SentenceView, start: int, spans: list[tuple[int, int]], language: str) -> bool:
    """Whether "unter der Leitung des", "led by", "во главе с" introduces the name at ``start``
    (with its title, and no other name, between)."""
    lo = max(0, start - 200)
    found = list(words.LEAD[language].finditer(view.text, lo, start))
    if not found:
        return False
    at = found[-1].end()
    between = re.sub(r"\([^)]*\)", "", view.text[at:start])
    others = [b for a, b in spans if at <= a < start]  # "unter der Leitung des A und des B": both lead
    joined = all(re.match(r"\s+(?:und|and|и)\s", view.text[b:]) for b in others)
    return not re.search(r"[,;:]", between) and joined


def _names(view: SentenceView, language: str) -> tuple[list[tuple[int, int]], dict[int, int]]:
    """Spans of person names: after an honorific, after a title, and coordinated after a plural
    title ("Президенты Украины Леонид Кучма (…), Виктор Ющенко (…)"); and for a coordinated name,
    the start of the first name, whose title is theirs too."""
    text = view.text
    spans: list[tuple[int, int]] = []
    leads: dict[int, int] = {}
    for m in _HONORIFIC.finditer(text):
        name = _NAME.match(text, m.end())
        if name and not _NOT_NAME.match(name.group(0)):
            spans.append((name.start(), _trim(view, name.start(), name.end())))
    spans += [(m.start(), m.end()) for m in _INITIAL_NAME.finditer(text)]
    honorific = list(spans)
    for pattern, _, _ in TITLES[language]:
        for m in re.finditer(rf"(?<![\w-])(?:{pattern})(?![\w-])", text):
            name = _NAME.match(text, _after_title(view, m.end()))
            if name is None or _NOT_NAME.match(name.group(0)) or \
                    view.states_in(name.start(), _trim(view, name.start(), name.end())):
                continue
            if any(name.start() < a <= name.end() + 20 and _HONORIFIC_GAP.fullmatch(text[name.end():a])
                   for a, _ in honorific):
                continue  # an honorific names the person of this title ("… Agency (JICA) Mr. Shinichi Kitaoka")
            spans.append((name.start(), _trim(view, name.start(), name.end())))
            if re.search(r"(?:s|ы|и)$", m.group(0)):
                lead = spans[-1][0]
                for span in _coordinated(view, spans[-1][1]):
                    spans.append(span)
                    leads[span[0]] = lead
    return sorted(set(spans)), leads


def _coordinated(view: SentenceView, at: int) -> list[tuple[int, int]]:
    text = view.text
    out: list[tuple[int, int]] = []
    while True:
        m = re.match(r"\s*(?:\([^)]*\))?\s*(?:,|\s(?:и|and|und))\s+", text[at:])
        name = _NAME.match(text, at + m.end()) if m else None
        if m is None or name is None or _NOT_NAME.match(name.group(0)):
            return out
        out.append((name.start(), _trim(view, name.start(), name.end())))
        at = out[-1][1]


def _after_title(view: SentenceView, at: int) -> int:
    """Where the name after a title begins: after the states that complete the title ("Prime
    Minister of Japan Fumio Kishida", "Посол Республики Таджикистан в Украине г-н …"; in Russian also
    past the organisation between: "Председатель Сената Парламента Республики Казахстан …"), a
    parenthesis and an honorific."""
    text = view.text
    language = view.context.page.language
    while True:
        gap = _TITLE_GAP.match(text, at)
        end = gap.end() if gap else at
        state = next((m for m in view.states if m.start == end), None)
        if state is None and language == "ru":
            state = _russian_state_ahead(view, at)
        if state is None:
            break
        at = state.end
    rest = re.match(r"\s*(?:\([^)]*\)\s*)?(?:(?:Herrn?|Frau|Mr\.|Mrs\.|Ms\.|г-н|г-жа)\s+)?", text[at:])
    return at + (rest.end() if rest else 0)


def _russian_state_ahead(view: SentenceView, at: int) -> Mention | None:
    """The state a Russian title's genitive organisation ends with, within six words and no verb."""
    ahead = [m for m in view.states if at <= m.start]
    if not ahead:
        return None
    between = view.text[at:ahead[0].start].split()
    if len(between) > 6 or re.search(r"[,;:]", view.text[at:ahead[0].start]):
        return None
    for word in between:
        if word[:1].islower() and {str(p.tag.POS) for p in morph().parse(word)[:1]} & {"VERB", "PREP", "CONJ", "INFN"}:
            return None
    return ahead[0]


def _trim(view: SentenceView, start: int, end: int) -> int:
    """A name ends before a following capitalised title or state ("Micheline Calmy-Rey", not "…
    Calmy-Rey Tadschikistan")."""
    words = view.text[start:end].split()
    while len(words) > 1 and (_NOT_NAME.match(words[-1]) or view.states_in(start + len(" ".join(words[:-1])), end)):
        words.pop()
        end = start + len(" ".join(words))
    return start + len(" ".join(words))


def _title(view: SentenceView, name_start: int, language: str) -> _Title:
    """The title written just before a name (with a "then" and a state adjective before it)."""
    text = view.text
    window_start = max(0, name_start - 160)
    best: tuple[int, int, str | None, str] | None = None
    for pattern, english, kind in TITLES[language]:
        for m in re.finditer(rf"(?<![\w-])(?:{pattern})(?![\w-])", text[window_start:name_start]):
            start, end = window_start + m.start(), window_start + m.end()
            if best is None or (end, -start) > (best[1], -best[0]):
                best = (start, end, english, kind)
    if best is None or re.search(r"[,;]", re.sub(r"\([^)]*\)", "", text[best[1]:name_start])) or \
            _COPULA.search(text[best[1]:name_start]) or any(best[1] <= d.start < name_start for d in view.dates):
        return _Title()
    start, end, english, kind = best
    before = re.search(rf"(?:(?:{_THEN[language]})|\b[a-zäöüа-яё]\w*(?:isch|ск)\w*\s+|{_ADJECTIVE_EN}\s+)+$",
                       text[max(0, start - 40):start], re.IGNORECASE)
    title_start = start - (len(before.group(0)) if before else 0)
    stated = re.sub(r"\s+(?:Herrn?|Frau|Mr\.|Mrs\.|Ms\.|г-н|г-жа)\s*$", "",
                    words.RESIDENCE.sub("", text[title_start:name_start]).strip(" ,"))
    states = view.states_in(title_start, name_start)
    of = [m.key for m in states if not _is_to(stated, m)]
    pair = [c for c in (HOME, view.context.partner) if c]
    adjective = next((c for c in pair if _adjective(view, c, text[title_start:start])), None)
    if adjective and adjective not in of:
        of.insert(0, adjective)
    if not of:  # an adjective within the title ("Vorsteherin des Eidgenössischen Departements")
        of += [c for c in pair if _adjective(view, c, stated)][:1]
    then = bool(before and re.search(_THEN[language], before.group(0), re.IGNORECASE))
    role, bare = _english(english, stated, states, view, then, adjective, language)
    return _Title(stated, role, tuple(of), text[start:end], kind, bare)


def _is_to(stated: str, m: Mention) -> bool:
    return re.search(r"\b(?:in|bei|to|в|во)\s+(?:the\s+|der\s+)?\S*\s*$", stated[:stated.find(m.text)]) is not None


def _english(head: str | None, stated: str, states: list[Mention], view: SentenceView, then: bool,
             adjective: str | None, language: str) -> tuple[str, bool]:
    """The English role where every part of the title is known (else the title as written), and
    whether the title is bare (a known title word with nothing else)."""
    if language == "en":
        return stated, re.fullmatch(_BARE_EN, stated, re.IGNORECASE) is not None
    if head is None:
        return stated, False
    rest = stated
    for m in states:
        rest = rest.replace(m.text, " ")
    rest = re.sub(r"(?i)(?<!\w)(?:der|des|die|dem|den|in|im|bei|в|во|Republi\w*|Республик\w*|Königreich\w*|"
                  r"Королевств\w*|Bundesrepublik|damalige\w*|тогдашн\w*|\w+(?:isch|ск)\w*)(?!\w)", " ", rest)
    if len(rest.split()) > max(1, len(head.split())):
        return stated, False
    role = ("then " if then else "") + head
    names = view.context.states.records
    for code in ([adjective] if adjective else []):
        role += f" of {names[code].name('en') if code in names else code}"
    for m in states:
        to = _is_to(stated, m)
        said = re.search(r"Республик\w*\s*$", stated[:stated.find(m.text)]) or m.text.startswith("Республик")
        name = names[m.key].name("en") if m.key in names else m.key
        role += f" {'to' if to else 'of'} {'the Republic of ' if said and not to else ''}{name}"
    return role, not states and not adjective


def _state_of(view: SentenceView, title: _Title, notes: list[str], earlier: Participant | None) -> str | None:
    """The state a titled person acts for: the one the title names (or its adjective); else the
    one the page stated before; else by the kind of title; else, for a bare title, the page's own."""
    if title.of:
        return title.of[0]
    if earlier is not None and earlier.on_behalf_of:
        return earlier.on_behalf_of
    partner = view.context.partner
    if title.kind == "federal" and partner in _FEDERATIONS:
        notes.append(f"'{title.stated}' is a federal title: read as acting for {partner}")
        return partner
    if title.kind == "monarch" and partner:
        notes.append(f"'{title.stated}' is a monarch's title: read as acting for {partner}")
        return partner
    if title.bare and title.kind == "plain":
        notes.append(f"'{title.stated}' names no state: read as the page's own ({HOME})")
        return HOME
    return None


def _adjective(view: SentenceView, code: str, words_before: str) -> bool:
    """Whether the words before a title hold the adjective of state ``code`` ("rumänischen",
    "Norwegian", "таджикского", "Eidgenössischen")."""
    record = view.context.states.records.get(code)
    names = [label for _, label in record.labels] if record else []
    names += [n for by_language in OFFICIAL_NAMES.get(code, {}).values() for n in by_language]
    stems = {w.lower()[:5] for n in names for w in n.split() if len(w) >= 5}
    for word in re.findall(r"[\w-]+", words_before):
        low = word.lower()
        if len(low) >= 5 and low[:5] in stems and re.search(r"(?:isch\w*|ian|ese|ск\w*)$", low):
            return True
    return False


def _known(name: str, known: dict[str, Participant], notes: list[str]) -> Participant | None:
    """The page's person named before that ``name`` stands for: the same name, or the full name of an
    initial and surname or a surname alone ("E. Rahmon", "Präsident Rahmon")."""
    if name.casefold() in known:
        return known[name.casefold()]
    words = name.split()
    surname = words[-1].casefold()
    if len(words) == 1 or all(re.fullmatch(r"\w\.(?:-\w\.)?", w) for w in words[:-1]):
        full = {key: p for key, p in known.items() if key.split()[-1] == surname and len(key.split()) > 1}
        if len(full) == 1:
            person = next(iter(full.values()))
            notes.append(f"'{name}' is {person.person.name if person.person else name}, named so before on the page")
            return person
    return None


def _nominative(name: str, head: str | None, language: str) -> str:
    """The name as written, Russian words put in the nominative by the case of the title before them."""
    if language != "ru" or not head:
        return name
    parses = morph().parse(head.split()[0])
    case = parses[0].tag.case if parses else None
    words = []
    for word in name.split():
        words.append(_word_nominative(word, case) if case and case != "nomn" else word)
    return " ".join(words)


def _word_nominative(word: str, case: str) -> str:
    for parse in morph().parse(word):
        grammemes = parse.tag.grammemes
        if parse.tag.case == case and grammemes & {"Name", "Surn", "Patr"}:
            inflected = parse.inflect({"nomn"})
            if inflected:
                return "-".join(p[:1].upper() + p[1:] for p in inflected.word.split("-"))
    return word
