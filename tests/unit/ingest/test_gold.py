"""Scoring drafts against gold facts (diplokg.ingest.gold): a fact is found by its kind, sentence and
identifying fields; the other fields are right, wrong, missing or guessed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from diplokg.ingest.gold import load_gold, normalise, score

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "ingest"


def test_values_are_compared_normalised() -> None:
    assert normalise("Kalandar Idibek") == normalise("Idibek  Kalandar")
    assert normalise(dt.date(1992, 7, 7)) == normalise("1992-07-07") and normalise(1992) == "1992"
    assert normalise([dt.date(2019, 4, 15), dt.date(2019, 4, 16)]) == "2019-04-15/2019-04-16"
    assert normalise(["TJK", "ROU"]) == normalise(["ROU", "TJK"])


def test_found_missed_false_and_field_verdicts() -> None:
    gold = [{"kind": "relation-established", "sentence": 1, "states": ["TJK", "ROU"], "date": dt.date(1992, 7, 7)},
            {"kind": "head-of-mission", "sentence": 3, "sending": "ROU", "receiving": "TJK", "person": "Madalina Lupu",
             "rank": "ambassador", "residence": "Astana"},
            {"kind": "event", "sentence": 5, "type": "meeting", "date": "2018-04"}]
    drafted = [{"kind": "relation-established", "sentence": 1, "states": ["ROU", "TJK"], "date": "1992-07-07"},
               {"kind": "head-of-mission", "sentence": 3, "sending": "ROU", "receiving": "TJK",
                "person": "Lupu Madalina", "rank": "ambassador", "residence": "Vienna", "appointed": "2018"},
               {"kind": "relation-established", "sentence": 2, "states": ["ROU", "TJK"], "date": "1992"}]
    result = score(gold, drafted)
    assert result.found == {"relation-established": 1, "head-of-mission": 1}
    assert result.strict == {"relation-established": 1}
    assert [f["kind"] for f in result.misses] == ["event"] and result.false_drafts[0]["sentence"] == 2
    assert result.fields == {"right": 1, "wrong": 1, "guessed": 1}
    assert result.precision() == 2 / 3 and result.recall() == 2 / 3 and result.recall(strict=True) == 1 / 3


def test_the_corpus_loads_with_its_pages() -> None:
    pages = load_gold(CORPUS / "seeds.gold.yaml") + load_gold(CORPUS / "dev" / "de-germany.gold.yaml")
    assert [p.path.name for p in pages] == ["000_fd352b37559a1e18.txt", "001_cc2d9dda1c7b0770.txt", "de-germany.txt"]
    assert all(p.path.is_file() for p in pages) and sum(len(p.facts) for p in pages) == 66
