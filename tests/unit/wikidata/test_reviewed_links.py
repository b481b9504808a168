"""The reviewed-links file format (diplokg.wikidata.reviewed_links): rendered sorted, read back."""

from __future__ import annotations

from pathlib import Path

from diplokg.wikidata.reviewed_links import LinkRecord, read, render


def test_reviewed_links_render_and_read_back(tmp_path: Path) -> None:
    records = [
        LinkRecord("https://w3id.org/diplokg/id/place/b", "Q2", 'Ann "Quote" Example', "2026-11-20", "0.90",
                   "label exact (de); a \\ backslash and\ta tab"),
        LinkRecord("https://w3id.org/diplokg/id/place/a", "Q1", "Bo", "2026-11-21", "1.00", "instance of Q515 (city)"),
    ]
    path = tmp_path / "links.trig"
    path.write_text(render(records), encoding="utf-8")
    assert render(list(reversed(records))) == render(records)  # sorted, whatever the input order
    back, quads = read(path)
    assert back == sorted(records)
    assert len(quads) == 20 and {q.graph_name.value for q in quads} == {"https://w3id.org/diplokg/graph/reference/reviewed-links"}
    assert render(back) == path.read_text(encoding="utf-8")
