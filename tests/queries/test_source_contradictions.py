"""The saved query source-contradictions on a source tree with two sources that contradict each
other: the bundled ontology, shapes and data plus a test page (tests/fixtures/review) dating the
establishment of relations between Romania and Tajikistan 9 August 1993, where the Romania page
says 7 July 1992. The tree is loaded, not built: the build validates the union of the graphs, and
dkg:establishedBy's sh:maxCount 1 refuses two sources that disagree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from diplokg.saved_queries.catalog import load_all
from diplokg.source.loader import load
from diplokg.source.tree import SourceTree
from support.cli_runner import REPO
from support.saved_results import run_saved

FIXTURE = REPO / "tests" / "fixtures" / "review" / "contradicting-source.trig"
ID = "https://w3id.org/diplokg/id/"
GRAPH = "https://w3id.org/diplokg/graph/source/"
ROMANIA_1 = "Die diplomatischen Beziehungen zwischen Tadschikistan und Rumänien wurden am 7 Juli 1992 aufgenommen."
TEST_1 = "Tadschikistan und Rumänien haben am 9. August 1993 diplomatische Beziehungen aufgenommen."


def tree_with(tmp_path: Path, source: str) -> ox.Store:
    root = tmp_path / "src"
    for part in ("ontology", "data", "shapes"):
        shutil.copytree(REPO / part, root / part)
    (root / "data" / "sources" / "test-contradicting.trig").write_text(source, encoding="utf-8")
    return load(SourceTree(root)).store


def rows(store: ox.Store) -> list[dict[str, str]]:
    saved = load_all(REPO / "queries")["source-contradictions"]
    result = run_saved(store, saved)
    return [{k: v["value"] for k, v in b.items()} for b in result["results"]["bindings"]]


def test_two_sources_dating_the_relations_otherwise_are_listed_with_both_sentences(tmp_path: Path) -> None:
    assert rows(tree_with(tmp_path, FIXTURE.read_text(encoding="utf-8"))) == [{
        "resource": ID + "relation/ROU-TJK",
        "resourceLabel": "Diplomatic relations between Romania and Tajikistan",
        "property": "https://w3id.org/diplokg/ontology#establishedBy",
        "value": ID + "event/1992-07-07-establishment-of-relations-ROU-TJK",
        "graph": GRAPH + "mfa-tj-romania",
        "quote": ROMANIA_1,
        "otherValue": ID + "event/1993-08-09-establishment-of-relations-ROU-TJK",
        "otherGraph": GRAPH + "test-contradicting",
        "otherQuote": TEST_1,
    }]


@pytest.mark.parametrize(("date", "datatype"), [("1992-07", "gYearMonth"), ("1992", "gYear")])
def test_the_same_date_at_another_precision_is_no_contradiction(tmp_path: Path, date: str, datatype: str) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("1993-08-09", date).replace(
        f'"{date}"^^xsd:date', f'"{date}"^^xsd:{datatype}')
    assert f'dkg:date "{date}"^^xsd:{datatype}' in text
    assert rows(tree_with(tmp_path, text)) == []

