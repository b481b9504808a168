"""Drafted facts against the published store (diplokg.review.compare): drafts made by the real
drafter from sentences written for these tests, compared with a store built from the bundled data
(the Romania page dates the relations with Tajikistan 7 July 1992)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from diplokg.build.pipeline import build
from diplokg.build.reader import open_release
from diplokg.build.store import open_read_only
from diplokg.ingest.draft import write_draft
from diplokg.ingest.page import Page
from diplokg.ingest.pipeline import Drafter
from diplokg.review.compare import Comparison, Status, compare, one_value_properties
from diplokg.review.sameness import literal_covers, literals_agree
from diplokg.source.tree import SourceTree
from support.cli_runner import REPO

ID = "https://w3id.org/diplokg/id/"
DKG = "https://w3id.org/diplokg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
ROMANIA = ox.NamedNode("https://w3id.org/diplokg/graph/source/mfa-tj-romania")
PUBLISHED_1992 = "Die diplomatischen Beziehungen zwischen Tadschikistan und Rumänien wurden am 7 Juli 1992 aufgenommen."


@pytest.fixture(scope="module")
def drafter() -> Drafter:
    return Drafter(SourceTree(REPO))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built by diplokg.build from the repository's bundled data."""
    target = tmp_path_factory.mktemp("published") / "store"
    build(SourceTree(REPO), target)
    return target


@pytest.fixture(scope="module")
def store(built: Path) -> ox.Store:
    return open_read_only(open_release(built).path)


@pytest.fixture(scope="module")
def shapes(built: Path) -> list[Path]:
    return open_release(built).shape_files()


def compared(drafter: Drafter, store: ox.Store, shapes: list[Path], text: str) -> list[Comparison]:
    result = drafter.draft(Page(text, "de", title="Testseite"))
    draft = ox.Store()
    draft.load(write_draft(result, drafter.entities, "test-page"), format=ox.RdfFormat.TRIG)
    return compare(draft, store, shapes)


def only(comparisons: list[Comparison], rule: str) -> Comparison:
    found = [c for c in comparisons if c.rule == rule]
    assert len(found) == 1, comparisons
    return found[0]


def test_another_date_of_the_relations_contradicts_the_romania_page(drafter, store, shapes) -> None:
    text = "Die diplomatischen Beziehungen zwischen Tadschikistan und Rumänien wurden am 9. August 1993 aufgenommen."
    fact = only(compared(drafter, store, shapes, text), "relations/established")
    assert fact.status is Status.CONTRADICTS
    assert fact.sentence == text
    [conflict] = fact.conflicts
    assert conflict.resource == ox.NamedNode(ID + "relation/ROU-TJK")
    assert conflict.property == ox.NamedNode(DKG + "establishedBy")
    assert conflict.value == ox.NamedNode(ID + "event/1993-08-09-establishment-of-relations-ROU-TJK")
    assert conflict.other == ox.NamedNode(ID + "event/1992-07-07-establishment-of-relations-ROU-TJK")
    assert conflict.source.graph == ROMANIA
    assert conflict.source.quotes == (PUBLISHED_1992,)


def test_a_page_repeating_the_published_date_is_known_with_the_published_sentence(drafter, store, shapes) -> None:
    text = "Die diplomatischen Beziehungen zwischen Tadschikistan und Rumänien wurden am 7. Juli 1992 aufgenommen."
    fact = only(compared(drafter, store, shapes, text), "relations/established")
    assert fact.status is Status.KNOWN and not fact.conflicts
    assert {s.graph for s in fact.known_from} == {ROMANIA}
    assert {q for s in fact.known_from for q in s.quotes} == {PUBLISHED_1992}


def test_a_coarser_date_is_not_a_contradiction(drafter, store, shapes) -> None:
    text = "Die diplomatischen Beziehungen zwischen Tadschikistan und Rumänien wurden im Juli 1992 aufgenommen."
    fact = only(compared(drafter, store, shapes, text), "relations/established")
    assert fact.status is Status.ADDS_DETAIL  # the event of July 1992 is another IRI, not another date
    assert not fact.conflicts


def test_an_opening_date_of_a_published_embassy_adds_detail(drafter, store, shapes) -> None:
    fact = only(compared(drafter, store, shapes, "Die Botschaft Rumäniens in Astana wurde am 3. März 2005 eröffnet."),
                "missions/opened")
    assert fact.status is Status.ADDS_DETAIL and not fact.conflicts
    assert ox.NamedNode(ID + "mission/ROU-embassy-astana") in fact.resources
    assert ROMANIA in {s.graph for s in fact.known_from}


def test_relations_with_a_state_no_source_speaks_of_are_new(drafter, store, shapes) -> None:
    text = "Die diplomatischen Beziehungen zwischen Tadschikistan und Finnland wurden am 3. März 1993 aufgenommen."
    fact = only(compared(drafter, store, shapes, text), "relations/established")
    assert fact.status is Status.NEW and not fact.known_from and not fact.conflicts


def test_one_value_properties_come_from_the_shapes(shapes) -> None:
    one = one_value_properties(shapes)
    assert (ox.NamedNode(DKG + "DiplomaticRelation"), ox.NamedNode(DKG + "establishedBy")) in one
    assert (ox.NamedNode(DKG + "Event"), ox.NamedNode(DKG + "date")) in one
    assert (ox.NamedNode(DKG + "Event"), ox.NamedNode(DKG + "between")) not in one
    assert one_value_properties([]) == frozenset()


def _date(value: str, kind: str = "date") -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + kind))


def test_dates_at_another_precision_agree_and_cover_only_downwards() -> None:
    day, month = _date("1992-07-07"), _date("1992-07", "gYearMonth")
    assert literals_agree(day, month) and literals_agree(month, day)
    assert literal_covers(day, month) and not literal_covers(month, day)
    assert not literals_agree(day, _date("1993-08-09"))
    assert not literals_agree(_date("1992", "gYear"), _date("1993-07", "gYearMonth"))


def test_wordings_and_numbers() -> None:
    assert literals_agree(ox.Literal("7 Juli 1992", language="de"), ox.Literal("July 1993", language="en"))
    assert literal_covers(ox.Literal("7 Juli 1992", language="de"), ox.Literal("7. Juli 1992", language="de"))
    assert not literal_covers(ox.Literal("7 Juli 1992", language="de"), ox.Literal("7 July 1992", language="en"))
    assert literal_covers(_date("1.0", "decimal"), _date("1.00", "decimal"))
    assert not literals_agree(_date("1", "integer"), _date("2", "integer"))
    assert not literals_agree(ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")),
                              ox.Literal("false", datatype=ox.NamedNode(XSD + "boolean")))


def test_a_one_value_property_of_a_superclass_holds_for_the_subclass(drafter, store, shapes) -> None:
    """dkg:foundedBy is one value of a dkg:Organization, so of a dkg:DiplomaticMission: the embassy's
    dated opening is compared with the Romania page's undated one (the same event, dated now)."""
    from diplokg.review.compare import Comparer

    comparer = Comparer(ox.Store(), store, one_value_properties(shapes))
    founded_by = ox.NamedNode(DKG + "foundedBy")
    assert comparer._holds_one(ox.NamedNode(ID + "mission/ROU-embassy-astana"), founded_by, ROMANIA)
    assert not comparer._holds_one(ox.NamedNode(ID + "place/astana"), founded_by, ROMANIA)
