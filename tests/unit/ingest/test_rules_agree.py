"""Agreements and assistance stated in wordings beyond the first corpus (round 3: general rules), on
sentences written for these tests in German, English and Russian: states named by their official
names, agreements under negotiation, titles with enumerations, dates read from the sentence before,
assistance handed over, received or implemented, donors named by their agency's abbreviation.
Every sentence here is invented for the test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from diplokg.ingest.facts import Agreement, Drafted
from diplokg.ingest.page import Page
from diplokg.ingest.pipeline import Drafter
from diplokg.source.tree import SourceTree

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def drafter() -> Drafter:
    return Drafter(SourceTree(REPO))


def _drafts(drafter: Drafter, language: str, *lines: str, kind: type = Agreement) -> list[Drafted]:
    result = drafter.draft(Page("\n".join(lines), language))
    return [d for d in result.facts if isinstance(d.fact, kind)]


def _gold(drafted: list[Drafted], *fields: str) -> list[dict[str, Any]]:
    return [{k: v for k, v in d.gold().items() if k != "kind" and (not fields or k in fields)} for d in drafted]


# ---- states by their official names -------------------------------------------------------------

@pytest.mark.parametrize(("language", "text", "key"), [
    ("de", "mit der Regierung der Französischen Republik", "FRA"),
    ("de", "in den Vereinigten Staaten von Amerika", "USA"),
    ("ru", "в Кыргызстане", "KGZ"),
    ("ru", "с Французской Республикой", "FRA"),
])
def test_a_state_is_found_by_its_official_name_declined(drafter: Drafter, language: str, text: str,
                                                        key: str) -> None:
    assert [m.key for m in drafter.states.find(text, language)] == [key]


def test_a_russian_pronoun_is_no_state(drafter: Drafter) -> None:
    """"Того" is a state, "в том же году" and "того" are a pronoun."""
    assert [m.key for m in drafter.states.find("В том же году, после того как в Того …", "ru")] == ["TGO"]
