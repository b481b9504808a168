"""What a sentence says about the posts it names beyond who holds them: the appointment (its date,
the act and who issued it), a first holder, concurrent posts, and a day the holder is seen in office.

- Appointment: "am 18. September 2018 … durch das Dekret … des Präsidenten … Herrn X … als
  Botschafter … ernannt", "was appointed Ambassador … by decree of the President … on 3 May 2019",
  "назначенный на эту должность в 2012 году", "Указом Президента … Y назначен Послом": the verb
  belongs to the post nearest to it; its date is the nearest date that does not open a period
  ("seit / since / с …" start a tenure, they are not the appointment); a decree ("Dekret",
  "Erlass", "decree", "Указ") is the act, and the person named after it its issuer, with the
  title the page gives him.
- First holder: "zum ersten Mal / erstmals / for the first time / впервые" with an appointment, or
  "der erste Botschafter / the first Ambassador / первый Посол".
- Concurrent posts: "gleichzeitig / zugleich / concurrently / simultaneously / по совместительству /
  одновременно" before a post: that post is held together with the person's other posts of the
  sentence.
- Credentials: "überreichte … sein Beglaubigungsschreiben", "presented his credentials", "вручил
  верительные грамоты" with the day nearest to them.
- Attested: a sentence dated to the day that shows the holder acting ("On 2 February 2022 … received
  the Ambassador …"), unless the date is an appointment, a start ("since") or the credentials."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from diplokg.ingest.dates import DateMention, StatedDate
from diplokg.ingest.facts import Person
from diplokg.ingest.rules.context import SentenceView
from diplokg.ingest.rules.persons import HONORIFIC, NAME, case_of, nominative
from diplokg.ingest.rules.posts import Post

_APPOINTED = {"de": re.compile(r"\b(?:ernannt\w*|ernennt|Ernennung)\b"),
              "en": re.compile(r"\b(?:appointed|appointment)\b", re.I),
              "ru": re.compile(r"\b(?:назначен\w*|назначени\w*)", re.I)}
#: between a post and the appointment verb after it: a parenthesis, the holder's name, up to two
#: words, or a date ("(mit Sitz in Wien) ernannt", "г-н Виктор Никитюк, назначенный", "Mr. X, who was
#: appointed", "в 2015 году был назначен")
_VERB_AFTER_POST = re.compile(rf"[\s,]*(?:\([^)]*\)[\s,]*)?(?:(?:{HONORIFIC.pattern})?{NAME.pattern}[\s,]*)?"
                              r"(?:[^\W\d]+\s+|\d{1,4}\.?\s+){0,4}")  # "… в 2015 году был назначен"
#: between the appointment verb and the post after it: a few small words, no name or noun
_VERB_BEFORE_POST = re.compile(r"\s*(?:[a-zäöüßа-яё]+\s+){0,5}")
#: the verb, its object and the post ("ernannte … Herrn X zum Botschafter", "appointed Ms. Y as Ambassador")
_VERB_OBJECT_POST = re.compile(r"[^;:]{0,120}\s(?:zum|zur|as)\s+")
_DECREE = {"de": re.compile(r"\b(?:Dekret|Erlass)\w*"), "en": re.compile(r"\bdecree\b", re.I),
           "ru": re.compile(r"\b[Уу]каз\w*")}
_ISSUER_LEAD = {"de": re.compile(r"\s*(?:der|des|vom|von)?\s*"), "en": re.compile(r"\s*(?:of\s+(?:the\s+)?)?"),
                "ru": re.compile(r"\s*")}
_TITLE = re.compile(r"\b(?:Präsident\w*|President|Президент\w*)\b", re.I)
_FIRST_TIME = {"de": re.compile(r"\b(?:zum\s+ersten\s+Mal|erstmal(?:s|ig))\b", re.I),
               "en": re.compile(r"\bfor\s+the\s+first\s+time\b", re.I),
               "ru": re.compile(r"(?<!\w)впервые\b", re.I)}
_FIRST_BEFORE = {"de": re.compile(r"\berste[nrms]?\s+$", re.I), "en": re.compile(r"\bfirst\s+$", re.I),
                 "ru": re.compile(r"(?<!\w)перв\w+\s+$", re.I)}
_SINCE = {"de": re.compile(r"\b(?:seit|ab)\s+(?:dem\s+)?$", re.I), "en": re.compile(r"\b(?:since|from)\s+$", re.I),
          "ru": re.compile(r"(?<!\w)(?:с|со)\s+$", re.I)}
_CONCURRENT = {"de": re.compile(r"\b(?:gleichzeitig|zugleich)\b", re.I),
               "en": re.compile(r"\b(?:concurrently|simultaneously)\b", re.I),
               "ru": re.compile(r"(?<!\w)(?:по\s+совместительству|одновременно)\b", re.I)}
_CREDENTIALS = {"de": re.compile(r"Beglaubigungsschreiben"), "en": re.compile(r"\bcredentials\b", re.I),
                "ru": re.compile(r"верительн\w+\s+грамот", re.I)}


@dataclass
class Details:
    """What the sentence says about one post besides its holder."""

    appointed: StatedDate | None = None
    act: str | None = None
    by: Person | None = None
    first_holder: bool = False
    concurrent: bool = False  # introduced by "gleichzeitig", "по совместительству" …
    attested_on: StatedDate | None = None
    credentials: StatedDate | None = None  # the day the holder presented his credentials
    reasons: list[str] = field(default_factory=list)


def read_details(view: SentenceView, posts: list[Post]) -> list[Details]:
    language = view.context.page.language
    details = [Details() for _ in posts]
    appointed = _appointment(view, posts, details, language)
    for i, post in enumerate(posts):
        if _FIRST_BEFORE[language].search(view.text, max(0, post.start - 12), post.start):
            details[i].first_holder = True
            details[i].reasons.append("the page calls the holder the first in this post")
    for marker in _CONCURRENT[language].finditer(view.text):
        after = [i for i, p in enumerate(posts) if 0 <= p.start - marker.end() <= 100]
        if after:
            details[after[0]].concurrent = True
    credentials = _CREDENTIALS[language].search(view.text)
    if credentials:
        date = _nearest_date(view, credentials.start(), credentials.end(), language)
        index = min(range(len(posts)), key=lambda i: min(abs(credentials.start() - posts[i].end),
                                                         abs(posts[i].start - credentials.end())))
        if date and date.date.precision == "day":
            details[index].credentials = date.date
            details[index].reasons.append(f"'{date.text}' read as the day the credentials were presented")
    elif appointed is None:
        day = _attested_day(view, language)
        for d in details:
            d.attested_on = day
    return details


def _appointment(view: SentenceView, posts: list[Post], details: list[Details], language: str) -> int | None:
    """Fill in the appointment of the post the appointment verb belongs to; its index."""
    index, verb = _appointed_post(view, posts, language)
    if index is None or verb is None:
        return None
    d = details[index]
    date = _nearest_date(view, verb.start(), verb.end(), language)
    if date:
        d.appointed = date.date
        d.reasons.append(f"'{date.text}' read as the date of the appointment ('{verb.group(0)}')")
    decree = _DECREE[language].search(view.text)
    if decree:
        d.act = "decree"
        d.by = _issuer(view, decree, language)
    if _FIRST_TIME[language].search(view.text):
        d.first_holder = True
        d.reasons.append("'first time' of the appointment read as: the first holder of this post")
    return index


def _appointed_post(view: SentenceView, posts: list[Post],
                    language: str) -> tuple[int | None, re.Match[str] | None]:
    """The post an appointment verb is about: right before it ("… in Rumänien (mit Sitz in Wien)
    ernannt wurde", "…, назначенный на эту должность") or right after it ("was appointed for the
    first time Ambassador …", "назначен Послом …"); not a post the verb does not reach ("who was
    appointed Minister …, met the Ambassador")."""
    for verb in _APPOINTED[language].finditer(view.text):
        for i, post in enumerate(posts):
            before = view.text[post.end:verb.start()] if post.end <= verb.start() else None
            after = view.text[verb.end():post.start] if verb.end() <= post.start else None
            if before is not None and _VERB_AFTER_POST.fullmatch(before):
                return i, verb
            if after is not None and (_VERB_BEFORE_POST.fullmatch(after) or _VERB_OBJECT_POST.fullmatch(after)):
                return i, verb
    return None, None


def _nearest_date(view: SentenceView, start: int, end: int, language: str) -> DateMention | None:
    dates = [d for d in view.dates_unquoted() if not _SINCE[language].search(view.text, max(0, d.start - 12), d.start)]
    return min(dates, key=lambda d: min(abs(d.start - end), abs(start - d.end)), default=None)


def _issuer(view: SentenceView, decree: re.Match[str], language: str) -> Person | None:
    """The person who issued the decree, named after it (with his title as the page gives it):
    after the president's title and state ("Präsident der Republik Tadschikistan Herrn X",
    "Президента Республики Таджикистан X-а"), else after the first honorific."""
    text = view.text
    lead = _ISSUER_LEAD[language].match(text, decree.end())
    start = lead.end() if lead else decree.end()
    window = text[start:start + 250]
    title, honorific = _TITLE.search(window), HONORIFIC.search(window)
    case = None
    if title and (honorific is None or title.start() < honorific.start()):
        states = [m for m in view.states if start + title.end() <= m.start < start + title.end() + 60]
        title_end = states[0].end - start if states else title.end()
        at = title_end + len(window[title_end:]) - len(window[title_end:].lstrip())
        skip = HONORIFIC.match(window, at)
        name = NAME.match(window, skip.end() if skip else at)
        case = case_of(title.group(0)) if language == "ru" and not skip else None
    elif honorific:
        name, title_end = NAME.match(window, honorific.end()), honorific.start()
    else:
        return None
    if name is None:
        return None
    words = nominative(name.group(0), case) if case else name.group(0)
    return Person(words, window[:title_end].strip(" ,") or None)


def _attested_day(view: SentenceView, language: str) -> StatedDate | None:
    days = [d for d in view.dates_unquoted() if d.date.precision == "day" and not d.date.end
            and not _SINCE[language].search(view.text, max(0, d.start - 12), d.start)]
    return days[0].date if len(days) == 1 else None
