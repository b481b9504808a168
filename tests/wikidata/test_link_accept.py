"""`diplokg link --accept FILE`: only rows a person marked accept are merged, with provenance,
into data/wikidata-links-reviewed.trig of a temporary copy of the repository's data; every
refusal leaves the data untouched; the result validates."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from link_fixtures import FIXTURES, ID, propose

from support.cli_runner import run_cli

REVIEWED = Path("data") / "wikidata-links-reviewed.trig"
GRAPH = "https://w3id.org/diplokg/graph/reference/reviewed-links"
COLUMNS = ["entity", "entity_label", "entity_type", "entity_context", "candidate", "candidate_label",
           "candidate_description", "candidate_url", "score", "reasons", "decision", "reviewer", "reviewed_on", "note"]
DUSHANBE, OSCE, ASTANA = ID + "place/dushanbe", ID + "organization/osce", ID + "place/astana"
REASONS = "label exact (en); instance of Q515 (city); country Q863 = state it lies in (Tajikistan)"


def accept(tree: Path, review: Path, *extra: str):
    return run_cli("link", "--accept", str(review), "--source", str(tree), "-q", *extra)


def edit(review: Path, decisions: dict[tuple[str, str], dict[str, str]]) -> None:
    """What a reviewer does in a spreadsheet: fill decision, reviewer, reviewed_on of some rows."""
    rows = list(csv.DictReader(io.StringIO(review.read_text(encoding="utf-8"), newline=""), delimiter="\t"))
    for row in rows:
        row.update(decisions.get((row["entity"], row["candidate"]), {}))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter="\t", lineterminator="\r\n")  # as spreadsheets save
    writer.writeheader()
    writer.writerows(rows)
    review.write_text(out.getvalue(), encoding="utf-8")


def write_review(path: Path, *rows: dict[str, str]) -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in COLUMNS})
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def row(entity: str, candidate: str, decision: str = "accept", reviewer: str = "Ann Example",
        reviewed_on: str = "2026-11-20", score: str = "0.95", reasons: str = REASONS) -> dict[str, str]:
    return dict(entity=entity, candidate=candidate, decision=decision, reviewer=reviewer, reviewed_on=reviewed_on,
                score=score, reasons=reasons)


def link_quads(tree: Path) -> set[tuple[str, str, str]]:
    quads = list(ox.parse(path=str(tree / REVIEWED), format=ox.RdfFormat.TRIG))
    assert {q.graph_name.value for q in quads} == {GRAPH}
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in quads}


def expected_link(entity: str, qid: str, reviewer: str, day: str, score: str,
                  reasons: str) -> set[tuple[str, str, str]]:
    """The triples the brief specifies for one accepted row."""
    link = f"<{ID}wikidata-link/{entity[len(ID):]}>"
    dkg, wd = "https://w3id.org/diplokg/ontology#", f"<http://www.wikidata.org/entity/{qid}>"
    xsd = "http://www.w3.org/2001/XMLSchema#"
    return {
        (f"<{entity}>", f"<{dkg}wikidataId>", f'"{qid}"'),
        (f"<{entity}>", "<http://www.w3.org/2004/02/skos/core#exactMatch>", wd),
        (link, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", f"<{dkg}WikidataLink>"),
        (link, f"<{dkg}linkedEntity>", f"<{entity}>"),
        (link, f"<{dkg}linkedItem>", wd),
        (link, f"<{dkg}linkMethod>", "<https://w3id.org/diplokg/vocab/link-method/reviewed-candidate>"),
        (link, f"<{dkg}reviewer>", f'"{reviewer}"'),
        (link, f"<{dkg}reviewedOn>", f'"{day}"^^<{xsd}date>'),
        (link, f"<{dkg}candidateScore>", f'"{score}"^^<{xsd}decimal>'),
        (link, f"<{dkg}matchReasons>", f'"{reasons}"@en'),
    }


# ---- the whole workflow --------------------------------------------------------------------------
def test_propose_review_accept_validate(accept_tree, search_api, wdqs, tmp_path) -> None:
    review = tmp_path / "review.tsv"
    assert propose(accept_tree, review, search_api.url, wdqs.url).returncode == 0
    # the reviewer accepts Dushanbe, rejects the constructed mission candidate, leaves the OSCE open
    edit(review, {(DUSHANBE, "Q9365"): dict(decision="accept", reviewer="Ann Example", reviewed_on="2026-11-20"),
                  (ID + "mission/ROU-embassy-astana", "Q900000020"): dict(decision="reject", reviewer="Ann Example")})
    proc = accept(accept_tree, review)
    assert proc.returncode == 0, proc.stderr
    assert "Added 1 reviewed link(s)" in proc.stdout and f"{DUSHANBE} = Q9365" in proc.stdout
    assert link_quads(accept_tree) == expected_link(DUSHANBE, "Q9365", "Ann Example", "2026-11-20", "0.95", REASONS)

    # later the OSCE row is accepted too; the reviewer's name comes from --reviewer
    edit(review, {(OSCE, "Q81299"): dict(decision="Accept", reviewed_on="2026-11-21")})
    proc = accept(accept_tree, review, "--reviewer", "Bo Example")
    assert proc.returncode == 0, proc.stderr
    assert "Added 1 reviewed link(s)" in proc.stdout and "(1 already there)" in proc.stdout
    osce = expected_link(OSCE, "Q81299", "Bo Example", "2026-11-21", "0.80",
                         "label exact (en); instance of Q43229 (organization)")
    assert (link_quads(accept_tree)
            == expected_link(DUSHANBE, "Q9365", "Ann Example", "2026-11-20", "0.95", REASONS) | osce)
    written = (accept_tree / REVIEWED).read_bytes()
    assert written == (FIXTURES / "expected-reviewed-links.trig").read_bytes()  # deterministic layout, sorted

    # accepting the same file again changes nothing
    proc = accept(accept_tree, review, "--reviewer", "Bo Example")
    assert proc.returncode == 0 and "already in" in proc.stdout and "nothing changed" in proc.stdout
    assert (accept_tree / REVIEWED).read_bytes() == written
    # the rejected and the undecided candidates are not linked
    assert "Q900000020" not in written.decode()

    report = run_cli("validate", "--source", str(accept_tree))
    assert report.returncode == 0, report.stdout
    assert "conforms" in report.stdout


def test_no_accepted_row_writes_nothing(accept_tree, tmp_path) -> None:
    review = write_review(tmp_path / "review.tsv", row(DUSHANBE, "Q9365", decision="reject"),
                          row(OSCE, "Q81299", decision=""))
    proc = accept(accept_tree, review)
    assert proc.returncode == 0 and "nothing was written" in proc.stdout
    assert not (accept_tree / REVIEWED).exists()


def test_reviewed_on_today_only_when_asked(accept_tree, tmp_path) -> None:
    review = write_review(tmp_path / "review.tsv", row(DUSHANBE, "Q9365", reviewed_on=""))
    refused = accept(accept_tree, review)
    assert refused.returncode == 2 and "row 2: accepted without a review date" in refused.stderr
    proc = accept(accept_tree, review, "--reviewed-on", "today")
    assert proc.returncode == 0, proc.stderr
    today = dt.date.today().isoformat()
    assert link_quads(accept_tree) == expected_link(DUSHANBE, "Q9365", "Ann Example", today, "0.95", REASONS)


# ---- refusals: exit 2, every problem with its row number, nothing written -------------------------
REFUSALS = {
    "no reviewer": ([row(DUSHANBE, "Q9365", reviewer="")],
                    ["row 2: accepted without a reviewer (fill the reviewer column or pass --reviewer NAME)"]),
    "no date": ([row(DUSHANBE, "Q9365", reviewed_on="")], ["row 2: accepted without a review date"]),
    "bad date": ([row(DUSHANBE, "Q9365", reviewed_on="20.11.2026")],
                 ['row 2: reviewed_on "20.11.2026" is not a date of the form YYYY-MM-DD']),
    "impossible date": ([row(DUSHANBE, "Q9365", reviewed_on="2026-02-30")],
                        ['row 2: reviewed_on "2026-02-30" is not a calendar date']),
    "future date": ([row(DUSHANBE, "Q9365", reviewed_on="2999-01-01")],
                    ["row 2: reviewed_on 2999-01-01 is in the future"]),
    "entity not in the data": ([row(ID + "person/nobody", "Q9365")],
                               [f"row 2: entity <{ID}person/nobody> is not a person, organisation, "
                                "mission, city or state in the data"]),
    "not an entity of our kinds": ([row(ID + "event/1992-establishment-of-relations-NOR-TJK", "Q9365")],
                                   ["is not a person, organisation, mission, city or state in the data"]),
    "entity already linked": ([row(ASTANA, "Q9365")], [f"row 2: entity <{ASTANA}> already has the QID Q1520"]),
    "two rows for one entity": ([row(DUSHANBE, "Q9365"), row(OSCE, "Q81299"), row(DUSHANBE, "Q9365")],
                                [f"row 2: rows 2, 4 all accept a candidate for <{DUSHANBE}>; "
                                 "accept at most one per entity"]),
    "one QID for two entities": ([row(DUSHANBE, "Q81299"), row(OSCE, "Q81299")],
                                 ["row 2: rows 2, 3 accept Q81299 for different entities"]),
    "QID with a leading zero": ([row(DUSHANBE, "Q09365")], ['row 2: candidate "Q09365" is not a QID']),
    "lower-case QID": ([row(DUSHANBE, "q9365")], ['row 2: candidate "q9365" is not a QID']),
    "number only": ([row(DUSHANBE, "9365")], ['row 2: candidate "9365" is not a QID']),
    "empty candidate": ([row(DUSHANBE, "")], ["row 2: accepted, but the candidate column is empty"]),
    "QID of another entity": ([row(DUSHANBE, "Q1520")], [f"row 2: Q1520 is already the QID of <{ASTANA}>"]),
    "decision not accept/reject/empty": ([row(DUSHANBE, "Q9365", decision="yes")],
                                         ['row 2: decision "yes" is not accept, reject or empty']),
    "bad score": ([row(DUSHANBE, "Q9365", score="0,95")], ['row 2: score "0,95" is not a decimal number such as 0.85']),
    "score above 1": ([row(DUSHANBE, "Q9365", score="1.5")], ["row 2: score 1.5 is not between 0 and 1"]),
    "no reasons": ([row(DUSHANBE, "Q9365", reasons="")], ["row 2: the reasons column is empty"]),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_refusals(accept_tree, tmp_path, case) -> None:
    rows, messages = REFUSALS[case]
    before = sorted((p.relative_to(accept_tree), p.read_bytes()) for p in (accept_tree / "data").rglob("*")
                    if p.is_file())
    proc = accept(accept_tree, write_review(tmp_path / "review.tsv", *rows))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "refused, nothing was written" in proc.stderr
    for message in messages:
        assert message in proc.stderr, proc.stderr
    after = sorted((p.relative_to(accept_tree), p.read_bytes()) for p in (accept_tree / "data").rglob("*")
                   if p.is_file())
    assert after == before


def test_every_problem_is_listed_with_its_row(accept_tree, tmp_path) -> None:
    review = write_review(
        tmp_path / "review.tsv",
        row(DUSHANBE, "Q9365"),  # row 2: fine on its own
        row(OSCE, "Q81299", decision="maybe"),  # row 3
        row(ID + "person/madalina-lupu", "Q12", reviewer=""),  # row 4
        row(ASTANA, "Q1520"),  # row 5: already linked
        row(ID + "organization/tajikhydro", "Q1741"),  # row 6: Vienna's QID
    )
    proc = accept(accept_tree, review)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert lines[0].startswith(f"diplokg: error: {review}: refused, nothing was written (4 problem(s)):")
    assert [line.split(":")[0].strip() for line in lines[1:]] == ["row 3", "row 4", "row 5", "row 6"]
    assert not (accept_tree / REVIEWED).exists()


def test_a_hand_edited_reviewed_links_file_is_not_rewritten(accept_tree, tmp_path) -> None:
    review = write_review(tmp_path / "review.tsv", row(DUSHANBE, "Q9365"))
    assert accept(accept_tree, review).returncode == 0
    target = accept_tree / REVIEWED
    target.write_text(target.read_text(encoding="utf-8").replace(
        "}\n", f"<{OSCE}> <http://example.org/note> \"x\" .\n}}\n"), encoding="utf-8")
    edited = target.read_bytes()
    proc = accept(accept_tree, write_review(tmp_path / "second.tsv", row(OSCE, "Q81299")))
    assert proc.returncode == 2 and "holds statements that `diplokg link --accept` did not write" in proc.stderr
    assert target.read_bytes() == edited


def test_the_result_must_validate(accept_tree, tmp_path) -> None:
    """A shape (added for this test) that every reviewed link must carry a label: the accept runs the
    validation and refuses, writing nothing."""
    shapes = accept_tree / "shapes" / "diplokg-shapes.ttl"
    shapes.write_text(shapes.read_text(encoding="utf-8") + """
dks:TestLinkNeedsLabel a sh:NodeShape ;
    rdfs:label "Test: link needs a label"@en , "Test: Verknüpfung braucht Bezeichnung"@de ;
    rdfs:comment "Added by a test."@en , "Von einem Test hinzugefügt."@de ;
    sh:targetClass dkg:WikidataLink ;
    sh:property [ sh:path rdfs:label ; sh:minCount 1 ; sh:message "test: a link needs a label" ] .
""", encoding="utf-8")
    proc = accept(accept_tree, write_review(tmp_path / "review.tsv", row(DUSHANBE, "Q9365")))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "the accepted links would make the data invalid; nothing was written" in proc.stderr
    assert "test: a link needs a label" in proc.stderr
    assert not (accept_tree / REVIEWED).exists()


def test_spreadsheet_csv_with_bom_is_read(accept_tree, tmp_path) -> None:
    """A review saved by a spreadsheet as CSV with a byte-order mark and CRLF line ends."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerow({c: row(DUSHANBE, "Q9365").get(c, "") for c in COLUMNS})
    review = tmp_path / "review.csv"
    review.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    proc = accept(accept_tree, review)
    assert proc.returncode == 0, proc.stderr
    assert link_quads(accept_tree) == expected_link(DUSHANBE, "Q9365", "Ann Example", "2026-11-20", "0.95", REASONS)


def test_accept_needs_a_source_tree(tmp_path) -> None:
    review = write_review(tmp_path / "review.tsv", row(DUSHANBE, "Q9365"))
    proc = run_cli("link", "--accept", str(review), cwd=tmp_path)
    assert proc.returncode == 2 and "is not a source tree" in proc.stderr


def test_missing_columns_are_refused(accept_tree, tmp_path) -> None:
    review = tmp_path / "review.tsv"
    review.write_text("entity\tcandidate\tdecision\n" + f"{DUSHANBE}\tQ9365\taccept\n", encoding="utf-8")
    proc = accept(accept_tree, review)
    assert proc.returncode == 2 and "lacks the column(s) score, reasons, reviewer, reviewed_on" in proc.stderr
