"""``diplokg generate``: deterministic synthetic data of a requested size, in our ontology, that
passes our SHACL shapes and exercises every feature the benchmark relies on."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from diplokg.build.pipeline import check
from diplokg.source.tree import SourceTree
from support.cli_runner import REPO, run_cli

FEATURES = """
PREFIX dkg: <https://w3id.org/diplokg/ontology#>
SELECT ?feature (COUNT(*) AS ?n) WHERE {
  { ?t a dkg:Tenure ; dkg:isResident false . BIND("non-resident tenure" AS ?feature) }
  UNION { ?t a dkg:Tenure ; dkg:isResident true . BIND("resident tenure" AS ?feature) }
  UNION { ?c a dkg:ConcurrentAccreditation ; dkg:includesTenure ?x . BIND("concurrent tenure" AS ?feature) }
  UNION { ?m a dkg:DiplomaticMission ; dkg:covers ?s1, ?s2 FILTER(?s1 != ?s2)
          BIND("mission covering others" AS ?feature) }
  UNION { ?e dkg:date ?d BIND(CONCAT("date ", STR(DATATYPE(?d))) AS ?feature) }
  UNION { ?t dkg:appointment ?x BIND("appointment" AS ?feature) }
  UNION { ?t dkg:credentialsPresentation ?x BIND("credentials" AS ?feature) }
  UNION { ?t dkg:termination ?x BIND("termination" AS ?feature) }
  UNION { ?e dkg:startDate ?x BIND("span" AS ?feature) }
  UNION { ?e dkg:participation ?x BIND("participation" AS ?feature) }
  UNION { ?r a dkg:DiplomaticRelation ; dkg:establishedBy ?x BIND("relation" AS ?feature) }
  UNION { ?e dkg:act ?x BIND("decree" AS ?feature) }
  UNION { ?e a dkg:Agreement BIND("agreement" AS ?feature) }
  UNION { ?e dkg:eventType <https://w3id.org/diplokg/vocab/event-type/political-consultations>
          BIND("consultations" AS ?feature) }
  UNION { ?e dkg:evidence ?x BIND("evidence link" AS ?feature) }
} GROUP BY ?feature
"""
XSD = "http://www.w3.org/2001/XMLSchema#"


def _tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _synthetic_store(root: Path) -> ox.Store:
    store = ox.Store()
    for path in sorted((root / "data" / "synthetic").glob("*.nq")):
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    return store


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "tree"
    proc = run_cli("generate", "-o", str(out), "--triples", "25000", "--seed", "7", "--source", str(REPO), "-q")
    assert proc.returncode == 0, proc.stderr
    assert "SYNTHETIC" in proc.stdout
    return out


def test_size_is_near_the_target(generated):
    info = json.loads((generated / "synthetic.json").read_text())
    assert info["requested_triples"] == 25000 and info["seed"] == 7
    assert 25000 <= info["triples"] <= 25000 * 1.3
    assert sum(1 for _ in _synthetic_store(generated)) == info["synthetic_triples"] > 10000


def test_same_seed_same_bytes_other_seed_other_data(generated, tmp_path):
    again, other = tmp_path / "again", tmp_path / "other"
    assert run_cli("generate", "-o", str(again), "--triples", "25000", "--seed", "7", "--source", str(REPO),
                   "-q").returncode == 0
    assert run_cli("generate", "-o", str(other), "--triples", "25000", "--seed", "8", "--source", str(REPO),
                   "-q").returncode == 0
    assert _tree_digest(again) == _tree_digest(generated)
    assert _tree_digest(other) != _tree_digest(generated)


def test_generated_tree_passes_the_shapes(generated):
    _, report = check(SourceTree(generated))
    assert report.conforms, report.to_text()[:3000]


def test_every_benchmarked_feature_occurs(generated):
    rows = _synthetic_store(generated).query(FEATURES, use_default_graph_as_union=True)
    found = {r["feature"].value: int(r["n"].value) for r in rows}
    for feature in ("non-resident tenure", "resident tenure", "concurrent tenure", "mission covering others",
                    f"date {XSD}date", f"date {XSD}gYearMonth", f"date {XSD}gYear", "appointment", "credentials",
                    "termination", "span", "participation", "relation", "decree", "agreement", "consultations",
                    "evidence link"):
        assert found.get(feature, 0) > 0, (feature, found)


def test_every_document_says_it_is_synthetic(generated):
    rows = _synthetic_store(generated).query(
        "SELECT ?doc ?comment { ?doc a <https://w3id.org/diplokg/ontology#SourceDocument> . "
        "OPTIONAL { ?doc <http://www.w3.org/2000/01/rdf-schema#comment> ?comment } }", use_default_graph_as_union=True)
    rows = list(rows)
    assert rows
    for row in rows:
        assert row["comment"] is not None and "SYNTHETIC" in row["comment"].value, row["doc"]
    assert "NOT REAL" in (generated / "data" / "synthetic" / "README.md").read_text()


def test_real_pairs_are_left_alone(generated):
    """The pairs the seed pages describe get no synthetic facts (no synthetic relation TJK–ROU etc.)."""
    store = _synthetic_store(generated)
    for pair in ("ROU-TJK", "NOR-TJK", "AUT-TJK"):
        assert not store.query(f"ASK {{ <https://w3id.org/diplokg/id/relation/synthetic-{pair}> ?p ?o }}",
                               use_default_graph_as_union=True)


def test_refuses_non_empty_output_and_absurd_sizes(tmp_path):
    (tmp_path / "x").write_text("keep me")
    proc = run_cli("generate", "-o", str(tmp_path), "--triples", "10000", "--source", str(REPO), "-q")
    assert proc.returncode != 0 and "not empty" in proc.stderr
    assert (tmp_path / "x").read_text() == "keep me"
    proc = run_cli("generate", "-o", str(tmp_path / "new"), "--triples", "10", "--source", str(REPO), "-q")
    assert proc.returncode != 0 and "--triples" in proc.stderr
