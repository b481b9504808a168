"""The saved query source-contradictions on a source tree with two sources that contradict each
other: the bundled ontology, shapes and data plus a test page (tests/fixtures/review) dating the
establishment of relations between Romania and Tajikistan 9 August 1993, where the Romania page
says 7 July 1992. The tree is built with `diplokg build` and the saved query answers from the built
store: one-value shapes (dkg:establishedBy's sh:maxCount 1) hold per source graph, so two sources
that disagree are published side by side; a source that states two values itself is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from diplokg.saved_queries.catalog import load_all
from support.cli_runner import REPO, run_cli
from support.saved_results import run_saved

FIXTURE = REPO / "tests" / "fixtures" / "review" / "contradicting-source.trig"
ID = "https://w3id.org/diplokg/id/"
GRAPH = "https://w3id.org/diplokg/graph/source/"
ROMANIA_1 = "Die diplomatischen Beziehungen zwischen Tadschikistan und Rumänien wurden am 7 Juli 1992 aufgenommen."
TEST_1 = "Tadschikistan und Rumänien haben am 9. August 1993 diplomatische Beziehungen aufgenommen."


def tree(tmp_path: Path, source: str) -> Path:
    """The bundled ontology, data, shapes and saved queries plus ``source`` as a second page."""
    root = tmp_path / "src"
    for part in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(REPO / part, root / part)
    (root / "data" / "sources" / "test-contradicting.trig").write_text(source, encoding="utf-8")
    return root


def tree_with(tmp_path: Path, source: str) -> ox.Store:
    """The store that `diplokg build` builds of the tree with ``source``, opened read-only."""
    store = tmp_path / "store"
    run_cli("build", "--source", str(tree(tmp_path, source)), "--store", str(store), "-q", check=True)
    return ox.Store.read_only(str(store.resolve()))


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


@pytest.mark.parametrize(("date", "datatype", "earliest", "latest"), [
    ("1992-07", "gYearMonth", "1992-07-01", "1992-07-31"), ("1992", "gYear", "1992-01-01", "1992-12-31")])
def test_the_same_date_at_another_precision_is_no_contradiction(
        tmp_path: Path, date: str, datatype: str, earliest: str, latest: str) -> None:
    text = (FIXTURE.read_text(encoding="utf-8")
            .replace('dkg:date "1993-08-09"^^xsd:date', f'dkg:date "{date}"^^xsd:{datatype}')
            .replace('dkg:earliestDate "1993-08-09"', f'dkg:earliestDate "{earliest}"')
            .replace('dkg:latestDate "1993-08-09"', f'dkg:latestDate "{latest}"')
            .replace("1993-08-09", date))
    assert f'dkg:date "{date}"^^xsd:{datatype}' in text and f'dkg:latestDate "{latest}"' in text
    assert rows(tree_with(tmp_path, text)) == []



def test_the_build_publishes_both_sources_each_with_its_own_statement(tmp_path: Path) -> None:
    store = tree_with(tmp_path, FIXTURE.read_text(encoding="utf-8"))
    established = {(q.graph_name.value, q.object.value) for q in store.quads_for_pattern(
        ox.NamedNode(ID + "relation/ROU-TJK"), ox.NamedNode("https://w3id.org/diplokg/ontology#establishedBy"), None)}
    assert established == {
        (GRAPH + "mfa-tj-romania", ID + "event/1992-07-07-establishment-of-relations-ROU-TJK"),
        (GRAPH + "test-contradicting", ID + "event/1993-08-09-establishment-of-relations-ROU-TJK"),
    }


def test_a_source_that_contradicts_itself_is_refused_with_its_graph_named(tmp_path: Path) -> None:
    own = "dkg:establishedBy <event/1993-08-09-establishment-of-relations-ROU-TJK> ;"
    text = FIXTURE.read_text(encoding="utf-8")
    assert own in text
    text = text.replace(own, own[:-2] + " , <event/1992-07-07-establishment-of-relations-ROU-TJK> ;")
    store = tmp_path / "store"
    proc = run_cli("build", "--source", str(tree(tmp_path, text)), "--store", str(store), "-q")
    assert proc.returncode != 0
    assert "SHACL validation failed with 1 violation(s)" in proc.stderr
    assert f"graph:      <{GRAPH}test-contradicting> (one value per source graph)" in proc.stderr
    assert "focus node: id:relation/ROU-TJK" in proc.stderr
    assert "sh:MaxCountConstraintComponent" in proc.stderr
    assert f"dkg:establishedBy is at most one dkg:Event (in source graph <{GRAPH}test-contradicting>)" in proc.stderr
    assert not store.exists()
