"""What a rule sees: the page's sentences, the states and cities each one names, its dates, and the
two states the page is about (Tajikistan's ministry writes about one partner)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from diplokg.ingest.dates import DateMention, find_dates
from diplokg.ingest.gazetteer import City, CityGazetteer, Mention, StateGazetteer
from diplokg.ingest.page import Page
from diplokg.ingest.segment import Sentence, sentences

HOME = "TJK"  # the ministry's own state


@dataclass
class SentenceView:
    """One sentence with what the gazetteers and the date finder found in it."""

    sentence: Sentence
    states: list[Mention]
    dates: list[DateMention]
    context: PageContext

    @property
    def text(self) -> str:
        return self.sentence.text

    def search(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        return pattern.search(self.text)

    def states_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.states if start <= m.start and m.end <= end]

    def state_after(self, offset: int, within: int = 60) -> Mention | None:
        return next((m for m in self.states if offset <= m.start <= offset + within), None)

    def dates_unquoted(self) -> list[DateMention]:
        return [d for d in self.dates if not d.quoted and not d.needs_year]

    def city_after(self, offset: int, within: int = 40) -> tuple[Mention, list[City]] | None:
        """The first city named within ``within`` characters after ``offset``."""
        window = self.text[offset:offset + within]
        for mention, cities in self.context.cities.find(window, self.context.page.language,
                                                         self.context.preferred_countries):
            return Mention(offset + mention.start, offset + mention.end, mention.text, mention.key), cities
        return None


@dataclass
class PageContext:
    page: Page
    states: StateGazetteer
    cities: CityGazetteer
    views: list[SentenceView] = field(default_factory=list)

    def __post_init__(self) -> None:
        language = self.page.language
        for s in sentences(self.page.text, language):
            self.views.append(SentenceView(s, self.states.find(s.text, language), find_dates(s.text, language), self))

    @cached_property
    def partner(self) -> str | None:
        """The state the page is about, besides Tajikistan: the one it names most."""
        counts = Counter(m.key for v in self.views for m in v.states if m.key != HOME)
        return counts.most_common(1)[0][0] if counts else None

    @cached_property
    def preferred_countries(self) -> tuple[str, ...]:
        """ISO alpha-2 codes of the page's states, to decide between cities of the same name."""
        codes = [self.states.records[a3].alpha2 for a3 in (HOME, self.partner) if a3 in self.states.records]
        return tuple(codes)
