"""Drafting a page, end to end: the gazetteers built once from a source tree (the graph's states;
GeoNames' cities), then for each page all rules over its sentences."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from diplokg.ingest.entities import EntityIndex
from diplokg.ingest.facts import Drafted, Organisation
from diplokg.ingest.gazetteer import CityGazetteer, StateGazetteer, city_gazetteer, state_gazetteer
from diplokg.ingest.mentions import page_names
from diplokg.ingest.page import Page
from diplokg.ingest.rules.agreements import agreement_rules
from diplokg.ingest.rules.assistance import assistance_rules
from diplokg.ingest.rules.bodies import body_rules
from diplokg.ingest.rules.context import PageContext
from diplokg.ingest.rules.events import EventMemory, event_rules
from diplokg.ingest.rules.frameworks import framework_rules
from diplokg.ingest.rules.heads import head_rules
from diplokg.ingest.rules.missions import mission_rules
from diplokg.ingest.rules.names import variant_rules
from diplokg.ingest.rules.organisations import organisation_rules
from diplokg.ingest.rules.relations import relation_rules
from diplokg.source.loader import load
from diplokg.source.tree import SourceTree


@dataclass(frozen=True)
class DraftResult:
    context: PageContext
    facts: list[Drafted]
    organisations: dict[str, Organisation] = field(default_factory=dict)  # the page's, by every name they go by


class Drafter:
    """Drafts pages against the graph of a source tree (its states, persons, places)."""

    def __init__(self, tree: SourceTree) -> None:
        self.graph = ox.Store()
        self.graph.bulk_extend(load(tree).quads)
        self.states: StateGazetteer = state_gazetteer(self.graph)
        self.cities: CityGazetteer = city_gazetteer()
        self.entities = EntityIndex(self.graph)

    def draft(self, page: Page) -> DraftResult:
        context = PageContext(page, self.states, self.cities)
        recorded_posts: set[tuple[str, str, str]] = set()
        names = page_names(context, self.entities)  # persons, organisations, cities and their variants
        events = EventMemory(names=names)
        facts: list[Drafted] = []
        for view in context.views:
            facts.extend(relation_rules(view))
            facts.extend(mission_rules(view))
            facts.extend(head_rules(view, recorded_posts))
            facts.extend(event_rules(view, events))
            facts.extend(agreement_rules(view))
            facts.extend(assistance_rules(view, facts))
            facts.extend(framework_rules(view))
        facts.extend(variant_rules(names, {v.sentence.number: v.sentence for v in context.views}))
        facts.extend([f for view in context.views for f in organisation_rules(view, names, facts)])
        facts.extend(f for view in context.views for f in body_rules(view, names))
        return DraftResult(context, facts, names.organisations())
