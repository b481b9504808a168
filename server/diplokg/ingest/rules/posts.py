"""Head-of-mission posts as a sentence words them: a rank, the sending state and the receiving
state, and the residence.

"Außerordentlicher und bevollmächtigter Botschafter der Republik Tadschikistan in Rumänien (mit
Sitz in Wien)", "des norwegischen Botschafters in Tadschikistan (mit Wohnsitz in Astana)", "the
Ambassador Extraordinary and Plenipotentiary of Japan to the Republic of Tajikistan", "the Japanese
Ambassador in Dushanbe", "Послом Республики Казахстан в Республике Таджикистан", "Посол Украины в
Исламской Республике Афганистан (с резиденцией в г. Душанбе)": the sending state follows the rank
(a genitive, "of …") or its adjective precedes it; the receiving state (or a city in it) follows "in
/ im / to / в". Where the sentence does not say, a post is read, less surely and with a question for
the reviewer, from the sentence's construction: "Die Republik Tadschikistan wird in der Schweiz
durch den Botschafter … vertreten" (the represented state and where), "Посла … Посольство
Таджикистана в Киеве" (the mission the sentence names), "dem Botschafter der Bundesrepublik
Deutschland" on a page about Germany and Tajikistan (the page's other state)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from diplokg.ingest.facts import Place
from diplokg.ingest.gazetteer import Mention
from diplokg.ingest.rules.adjectives import adjective_before, state_adjectives
from diplokg.ingest.rules.context import HOME, SentenceView
from diplokg.ingest.rules.persons import case_of

RANK = {
    "de": re.compile(r"\b(?:Botschafter(?:in|s|n)?|Geschäftsträger\w*)\b"),
    "en": re.compile(r"\b(?:Ambassador|Chargé\s+d'affaires)\b", re.I),
    "ru": re.compile(r"\b(?:Посол|Посла|Послу|Послом|После|Временн\w+\s+поверенн\w+(?:\s+в\s+делах)?)\b", re.I),
}
_EXTRAORDINARY_BEFORE = re.compile(r"(?:außerordentliche\w*\s+und\s+bevollmächtigte\w*|Чрезвычайн\w+\s+и\s+"
                                   r"Полномочн\w+)\s+$", re.I)
_CAPS = {"de": r"[A-ZÄÖÜ][\w-]*", "en": r"[A-Z][\w-]*", "ru": r"[А-ЯЁ][\w-]*"}
#: what may stand between the rank and the sending state ("… of the Republic of |Tajikistan")
_SENDING_GAP = {
    "de": re.compile(rf"\s+(?:(?:der|des|die|den)\s+)?(?:{_CAPS['de']}\s+(?:(?:der|des)\s+)?){{0,3}}"),
    "en": re.compile(rf"\s+(?:Extraordinary\s+and\s+Plenipotentiary\s+)?of\s+(?:the\s+)?"
                     rf"(?:{_CAPS['en']}\s+(?:of\s+(?:the\s+)?)?){{0,3}}"),
    "ru": re.compile(rf"\s+(?:{_CAPS['ru']}\s+){{0,3}}"),
}
_IM = r"(?:im|beim)\s+"  # "in dem", "bei dem" contracted ("im Königreich Schweden")
#: a preposition and what may stand between it and the receiving state ("in der |Schweiz")
_RECEIVING_GAP = {
    "de": re.compile(rf"\s+(?:(?:in|bei|für)\s+(?:(?:der|dem|den|die)\s+)?|{_IM})"
                     rf"(?:{_CAPS['de']}\s+(?:(?:der|des)\s+)?){{0,3}}"),
    "en": re.compile(rf"\s+(?:to|in|at)\s+(?:the\s+)?(?:{_CAPS['en']}\s+(?:of\s+(?:the\s+)?)?){{0,3}}"),
    "ru": re.compile(rf"\s+(?:в|во|при)\s+(?:г\.\s*)?(?:{_CAPS['ru']}\s+){{0,3}}"),
}
RESIDENCE = {  # in brackets or not: "(mit Sitz in Wien)", "mit Sitz in Warschau", "from Washington"
    "de": re.compile(r"\s*(?:\(|,\s*)?(?:mit\s+(?:Wohn|Amts|Dienst)?[Ss]itz|mit\s+Residenz|residierend)\s+in\s+", re.I),
    "en": re.compile(r"\s*(?:\(|,\s*)?(?:with\s+residence|resident|residing|based)\s+in\s+|\s+from\s+(?=[A-Z])", re.I),
    "ru": re.compile(r"\s*(?:\(|,\s*)?с\s+(?:резиденцией|местопребыванием)\s+в\s+(?:г\.\s*)?", re.I),
}
_REPRESENTED = {"de": re.compile(r"\bvertr(?:eten|itt|at)\b"), "en": re.compile(r"\brepresent(?:ed|s)\b", re.I),
                "ru": re.compile(r"\bпредставл\w+", re.I)}
_INTERESTS = {"de": re.compile(r"\b(?:seine|ihre)\s+Interessen\b", re.I),
              "en": re.compile(r"\b(?:its|their)\s+interests\b", re.I),
              "ru": re.compile(r"(?<!\w)(?:его|её|ее|их)\s+интересы\b", re.I)}
_CITY_PREPOSITION = {"de": re.compile(r"\s+(?:in|bei)\s+(?:der\s+Stadt\s+)?"),
                     "en": re.compile(r"\s+(?:in|at)\s+(?:the\s+city\s+of\s+)?"),
                     "ru": re.compile(r"\s+(?:в|во)\s+(?:г\.\s*|городе\s+)?")}
#: a place preposition (and the words of a state's long name) right before a state
_LOCATED = {"de": re.compile(rf"\b(?:(?:in|bei)\s+(?:(?:der|dem|den)\s+)?|{_IM})(?:{_CAPS['de']}\s+(?:(?:der|des)\s+)?)"
                            r"{0,3}$"),
            "en": re.compile(rf"\b(?:in|to)\s+(?:the\s+)?(?:{_CAPS['en']}\s+(?:of\s+(?:the\s+)?)?){{0,3}}$"),
            "ru": re.compile(rf"(?<!\w)(?:в|во)\s+(?:{_CAPS['ru']}\s+){{0,3}}$")}
_MISSION = {"de": r"Botschaft", "en": r"Embassy", "ru": r"Посольств\w*"}


@dataclass
class Post:
    start: int  # the post's first word ("Außerordentlicher", "norwegischen", "Ambassador")
    rank_end: int
    end: int  # after the receiving state (or the residence)
    rank: str  # ambassador | charge-d-affaires
    sending: str | None
    receiving: str | None
    case: str | None  # the Russian case of the rank word (the case of a name right after it)
    residence: Place | None = None
    stated: str = ""  # the post's words, without the residence
    confidence: float = 0.8
    reasons: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return self.sending or "", self.receiving or ""


def find_posts(view: SentenceView) -> list[Post]:
    """The posts ``view`` names, in order; those whose states cannot be read are left out."""
    language = view.context.page.language
    posts = []
    for rank in RANK[language].finditer(view.text):
        post = _post(view, rank, language)
        if post is not None and post.sending and post.receiving and post.sending != post.receiving:
            posts.append(post)
    return posts


def _post(view: SentenceView, rank: re.Match[str], language: str) -> Post | None:
    text = view.text
    before = _EXTRAORDINARY_BEFORE.search(text, max(0, rank.start() - 60), rank.start())
    start = before.start() if before else rank.start()
    kind = "charge-d-affaires" if re.match(r"Gesch|Charg|Временн", rank.group(0), re.I) else "ambassador"
    case = case_of(rank.group(0).split()[0]) if language == "ru" else None
    post = Post(start, rank.end(), rank.end(), kind, None, None, case)
    adjective = adjective_before(view, rank.start()) or adjective_before(view, start) or next(
        (m for m in view.states if language == "en" and 0 <= start - m.end <= 1), None)  # "the U.S. Ambassador"
    sending = None if adjective else _state_after(view, rank.end(), _SENDING_GAP[language])
    if adjective:
        post.start, post.sending = min(start, adjective.start), adjective.key
        post.reasons.append(f"'{adjective.text}' read as the sending state {adjective.key}")
    elif sending:
        post.sending, post.end = sending.key, sending.end
    receiving = _receiving(view, post.end, language)
    if receiving:
        post.receiving, post.end = receiving
    if post.sending is None:
        _from_construction(view, post, language)
    elif post.receiving is None:
        _other_page_state(view, post)
    post.stated = text[post.start:post.end]
    post.residence, post.end = residence_at(view, post.end, language) or (None, post.end)
    return post


def _state_after(view: SentenceView, offset: int, gap: re.Pattern[str]) -> Mention | None:
    for mention in view.states:
        if mention.start >= offset and gap.fullmatch(view.text, offset, mention.start):
            return mention
    return None


def _receiving(view: SentenceView, offset: int, language: str) -> tuple[str, int] | None:
    """The receiving state after ``offset``: a state after "in / to / в", or the state of a city there."""
    state = _state_after(view, offset, _RECEIVING_GAP[language])
    if state:
        return state.key, state.end
    preposition = _CITY_PREPOSITION[language].match(view.text, offset)
    found = view.city_after(preposition.end(), within=30) if preposition else None
    if preposition is None or found is None or found[0].start != preposition.end():
        return None
    alpha3 = _alpha3(view, found[1][0].country)
    return (alpha3, found[0].end) if alpha3 else None


def residence_at(view: SentenceView, offset: int, language: str) -> tuple[Place, int] | None:
    """A residence stated right at ``offset``: "(mit Sitz in Wien)", "(с резиденцией в г. Душанбе)",
    "mit Sitz in Warschau", "from Washington" (the city right after the words)."""
    match = RESIDENCE[language].match(view.text, offset)
    found = view.city_after(match.end(), within=40) if match else None
    if match is None or found is None or found[0].start != match.end():
        return None
    mention, cities = found
    close = view.text.find(")", mention.end) if "(" in match.group(0) else -1
    return Place(cities[0].name, cities[0].geonames_id, mention.text, cities[0].country), \
        (close + 1 if close >= 0 else mention.end)


def _alpha3(view: SentenceView, alpha2: str) -> str | None:
    return next((r.alpha3 for r in view.context.states.records.values() if r.alpha2 == alpha2), None)


def _from_construction(view: SentenceView, post: Post, language: str) -> None:
    """A rank without its state: the state represented ("X wird in Y durch den Botschafter …
    vertreten"), else the mission the sentence names ("Посла …, … Посольство Таджикистана в Киеве")."""
    states = [m for m in view.states if m.end <= post.start]
    if _REPRESENTED[language].search(view.text) and states:
        located = [m for m in states if _LOCATED[language].search(view.text, max(0, m.start - 50), m.start)]
        subject = next((m for m in states if m not in located), None)
        if subject and located and subject.key != located[-1].key:
            post.sending, post.receiving = subject.key, located[-1].key
            post.confidence = 0.7
            post.reasons.append(f"read from the sentence's construction: {subject.text} represented in "
                                f"{located[-1].text}")
            return
    if _interests(view, post, language):
        return
    mission = _named_mission(view, language)
    if mission:
        post.sending, post.receiving = mission
        post.confidence = 0.5
        post.questions.append(f"the post names no state; read as the head of the mission of {mission[0]} "
                              f"in {mission[1]} that the sentence names")


def _interests(view: SentenceView, post: Post, language: str) -> bool:
    """A rank without its state that represents a state's interests ("Кыргызская сторона …, до
    этого её интересы представлял временный поверенный …", "its interests were represented by a
    chargé d'affaires"): the sentence's subject (a state or its adjective) is read as sending, the
    page's other state as receiving, with a question."""
    interests = _INTERESTS[language].search(view.text, 0, post.start)
    if interests is None or not _REPRESENTED[language].search(view.text, interests.end()):
        return False
    subjects = sorted([*view.states, *state_adjectives(view)], key=lambda m: m.start)
    subject = next((m for m in subjects if m.end <= interests.start()), None)
    pair = {HOME, view.context.partner} if view.context.partner else set()
    if subject is None or subject.key not in pair:
        return False
    post.sending, post.receiving = subject.key, next(s for s in pair if s != subject.key)
    post.confidence = 0.5
    post.questions.append(f"the post names no state; read as {subject.key}'s ({subject.text}, whose interests it "
                          f"represents) in {post.receiving}, the page's other state")
    return True


def _named_mission(view: SentenceView, language: str) -> tuple[str, str] | None:
    """The one embassy the sentence names with its sending state and where it is."""
    found = []
    for m in re.finditer(rf"\b{_MISSION[language]}\b", view.text):
        sending = _state_after(view, m.end(), _SENDING_GAP[language])
        receiving = _receiving(view, sending.end, language) if sending else None
        if sending and receiving and sending.key != receiving[0]:
            found.append((sending.key, receiving[0]))
    return found[0] if len(set(found)) == 1 else None


def _other_page_state(view: SentenceView, post: Post) -> None:
    """A post with its sending state but no receiving one: on a page about two states, the other."""
    partner = view.context.partner
    pair = {HOME, partner} if partner else set()
    if post.sending in pair:
        post.receiving = next(s for s in pair if s != post.sending)
        post.confidence = 0.6
        post.questions.append(f"the receiving state is not stated; read as {post.receiving}, the page's other state")


def sending_after(view: SentenceView, offset: int) -> Mention | None:
    """The state a mission or post belongs to, named after it ("Botschaft der Republik |Polen")."""
    return _state_after(view, offset, _SENDING_GAP[view.context.page.language])


def receiving_after(view: SentenceView, offset: int) -> tuple[str, int] | None:
    """The state a post or mission is in, named after ``offset`` ("in Rumänien", "в г. Душанбе")."""
    return _receiving(view, offset, view.context.page.language)
