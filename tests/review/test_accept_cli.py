"""`diplokg ingest` then `diplokg ingest --accept` end to end: a page written for this test is
drafted with its review file (every fact undecided), the review file is edited as a person would in
an editor (all facts accepted, or some), the accepted facts are published into a copy of the source
tree, `diplokg build` succeeds and the store answers with the accepted facts and their sentences;
a refused review (an undecided fact, an existing source without --replace, a changed draft) exits
with status 2, lists its problems and writes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from support.cli_runner import REPO, run_cli

PAGE = ("Diplomatic relations between the Republic of Tajikistan and the Republic of Chile were established on "
        "14 March 1996.\nThe Ambassador Extraordinary and Plenipotentiary of Chile to Tajikistan is Mr. Pedro "
        "Testaverde.\nThe Government of Chile organised within the framework of its chairmanship (15-16 April 2019) "
        "a high-level conference on Central Asia.\n")
FACTS = "https://w3id.org/diplokg/id/draft/chile-cli/"


@pytest.fixture
def drafted(tmp_path: Path) -> tuple[Path, Path]:
    """The draft and its review file, and a copy of the source tree in tmp_path/tree."""
    page = tmp_path / "chile.txt"
    page.write_text(PAGE, encoding="utf-8")
    draft = tmp_path / "chile.trig"
    proc = run_cli("ingest", str(page), "-o", str(draft), "--name", "chile-cli", "--source", str(REPO), check=True)
    review = tmp_path / "chile.review.yaml"
    assert f"Decide each fact in {review}" in proc.stdout
    for part in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(REPO / part, tmp_path / "tree" / part)
    return draft, review


def _decide(review: Path, decisions: dict[str, str]) -> None:
    """Edit the review file as a person would: decision, reviewer, time, answers (comments kept)."""
    text = review.read_text(encoding="utf-8")
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    data = yaml.safe_load(text)
    for fact in data["facts"]:
        assert fact["decision"] == ""  # written undecided
        fact["decision"] = decisions.get(fact["fact"].removeprefix(FACTS), "")
        fact["reviewer"], fact["decided"] = "Ann Example", "2026-12-06T21:00:00+00:00"
        fact["answers"] = ["yes, as drafted" for _ in fact["questions"]]
    review.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_accepted_facts_are_built_and_queryable_with_their_sentence(drafted: tuple[Path, Path],
                                                                   tmp_path: Path) -> None:
    _, review = drafted
    _decide(review, {"1": "accept", "2": "accept", "3": "reject"})
    tree = tmp_path / "tree"
    proc = run_cli("ingest", "--accept", str(review), "--source", str(tree), "-q", check=True)
    assert "Wrote" in proc.stdout and "2 accepted fact(s)" in proc.stdout
    store = tmp_path / "store"
    run_cli("build", "--source", str(tree), "--store", str(store), "-q", check=True)
    rows = run_cli("query", "--store", str(store), "--format", "csv", """SELECT ?fact ?who ?quote WHERE {
        ?fact a dkg:ReviewedFact ; dkg:acceptedBy ?who ; dkg:evidence/oa:hasSelector/oa:exact ?quote }
        ORDER BY ?fact""", check=True).stdout.splitlines()
    assert rows[1:] == [f"{FACTS}1,Ann Example,Diplomatic relations between the Republic of Tajikistan and the "
                        "Republic of Chile were established on 14 March 1996.",
                        f"{FACTS}2,Ann Example,The Ambassador Extraordinary and Plenipotentiary of Chile to "
                        "Tajikistan is Mr. Pedro Testaverde."]
    events = run_cli("query", "--store", str(store), "--format", "csv", "SELECT ?e WHERE { GRAPH "
                     "<https://w3id.org/diplokg/graph/source/chile-cli> { ?e a dkg:Event } }", check=True).stdout
    assert events.split() == ["e", "https://w3id.org/diplokg/id/event/1996-03-14-establishment-of-relations-CHL-TJK"]
    # the rejected fact's conference is not published


def test_refusals_exit_2_and_write_nothing(drafted: tuple[Path, Path], tmp_path: Path) -> None:
    draft, review = drafted
    tree = tmp_path / "tree"
    target = tree / "data" / "sources" / "chile-cli.trig"
    _decide(review, {"1": "accept", "2": "accept"})
    proc = run_cli("ingest", "--accept", str(review), "--source", str(tree), "-q")
    assert proc.returncode == 2 and f"fact {FACTS}3 is undecided" in proc.stderr and not target.exists()
    _decide_again(review, "3", "defer")
    run_cli("ingest", "--accept", str(review), "--source", str(tree), "-q", check=True)
    published = target.read_bytes()
    proc = run_cli("ingest", "--accept", str(review), "--source", str(tree), "-q")
    assert proc.returncode == 2 and "give --replace" in proc.stderr and target.read_bytes() == published
    draft.write_bytes(draft.read_bytes() + b"\n")
    proc = run_cli("ingest", "--accept", str(review), "--source", str(tree), "--replace", "-q")
    assert proc.returncode == 2 and "has changed since this review began" in proc.stderr
    assert target.read_bytes() == published
    proc = run_cli("ingest", "--accept", str(tmp_path / "none.review.yaml"), "--source", str(tree))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1


def _decide_again(review: Path, number: str, decision: str) -> None:
    data = yaml.safe_load(review.read_text(encoding="utf-8"))
    for fact in data["facts"]:
        if fact["fact"] == FACTS + number:
            fact["decision"] = decision
    review.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
