"""The cells of the review file of `diplokg link` (diplokg.wikidata.review)."""

from __future__ import annotations

from pathlib import Path

from diplokg.wikidata.review import ReviewRow, read_review, render_review


def test_review_cells_never_start_a_formula(tmp_path: Path) -> None:
    row = ReviewRow("https://w3id.org/diplokg/id/place/x", "=HYPERLINK(\"http://evil\")", "city", "", "Q1",
                    "+cmd", "@SUM(A1)", "https://www.wikidata.org/wiki/Q1", "0.50", "label exact (en)")
    path = tmp_path / "review.tsv"
    path.write_text(render_review([row]), encoding="utf-8")
    (back,) = read_review(path)
    assert back.values["entity_label"] == "'=HYPERLINK(\"http://evil\")"
    assert back.values["candidate_label"] == "'+cmd" and back.values["candidate_description"] == "'@SUM(A1)"
    assert back.number == 2 and back.values["candidate"] == "Q1" and back.values["decision"] == ""
