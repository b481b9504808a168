"""Sentences as the gold files count them (diplokg.ingest.segment): headings skipped, a list
introduced by a colon is one sentence, no split after initials, offsets point into the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplokg.ingest.segment import sentences

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.mark.parametrize("page,language,count", [
    ("seeds/000_fd352b37559a1e18.txt", "de", 10), ("seeds/001_cc2d9dda1c7b0770.txt", "de", 16),
    ("ingest/dev/de-germany.txt", "de", 18), ("ingest/dev/en-japan.txt", "en", 14),
    ("ingest/dev/ru-kazakhstan.txt", "ru", 12),
])
def test_sentence_counts_and_offsets(page: str, language: str, count: int) -> None:
    text = (FIXTURES / page).read_text(encoding="utf-8")
    found = sentences(text, language)
    assert [s.number for s in found] == list(range(1, count + 1))
    assert all(text[s.start:s.end] == s.text and s.text == s.text.strip() for s in found)


def test_headings_are_not_sentences_and_a_list_is_one() -> None:
    text = (FIXTURES / "seeds/001_cc2d9dda1c7b0770.txt").read_text(encoding="utf-8")
    found = sentences(text, "de")
    assert not any(s.text == "Wirtschaftliche Zusammenarbeit" for s in found)
    listing = found[7]
    assert listing.text.startswith("Norwegen hat Tadschikistan") and listing.text.endswith("natürlicher Ressourcen.")
    assert listing.text.count("\n") == 4
    assert found[11].text.startswith("In Tadschikistan funktioniert")  # after the heading


def test_no_split_after_initials() -> None:
    found = sentences("Заголовок\nВ ходе визита 2021 года, 20 мая, К.-Ж. Токаев встретился в г. Душанбе с ним. "
                      "Второе предложение.", "ru")
    assert [s.text[:20] for s in found] == ["В ходе визита 2021 г", "Второе предложение."]


@pytest.mark.parametrize("text,language,starts", [
    ("The minister met Smt. Asha Rao in Delhi. She thanked him.", "en", ["The minister", "She thanked"]),
    ("Die Gespräche fanden am 14. und 15. Mai 2021 in Graz statt. Sie waren offen.", "de",
     ["Die Gespräche", "Sie waren"]),
    ("Die Sitzung vom 3. bis 4. Juni 2020 war die erste. Weitere folgten.", "de", ["Die Sitzung", "Weitere"]),
    ("Встреча с г-ном А. Ивановым прошла в Минске. Стороны обсудили планы.", "ru", ["Встреча", "Стороны"]),
])
def test_no_split_where_no_sentence_ends(text: str, language: str, starts: list[str]) -> None:
    """After an honorific, between the days of a range, before a piece in lower case."""
    found = sentences(text, language)
    assert [s.text[:len(start)] for s, start in zip(found, starts, strict=False)] == starts
    assert len(found) == len(starts)


def test_a_russian_sentence_may_end_with_a_year_abbreviation() -> None:
    found = sentences("Стороны подписали меморандум 5 мая 2019 г. Следующая встреча прошла в Минске. "
                      "В 2020 г. Посол Иван Петров вручил верительные грамоты.", "ru")
    assert [s.text[:12] for s in found] == ["Стороны подп", "Следующая вс", "В 2020 г. По"]
