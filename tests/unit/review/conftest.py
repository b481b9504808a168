"""A small draft for the review tests, drafted by the real drafter from sentences written for these
tests (not the corpus), and a copy of the project's source tree to publish into."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from diplokg.ingest.draft import write_draft
from diplokg.ingest.page import Page
from diplokg.ingest.pipeline import Drafter
from diplokg.review.cards import Draft, read_draft
from diplokg.source.tree import SourceTree
from support.cli_runner import REPO

PAGE = "\n".join((
    "Diplomatic relations between the Republic of Tajikistan and the Republic of Chile were established on "
    "14 March 1996.",
    "The Ambassador Extraordinary and Plenipotentiary of Chile to Tajikistan is Mr. Pedro Testaverde.",
    "On 3 May 2019 Ambassador Pedro Testaverde met the Minister of Foreign Affairs of Tajikistan Sirojiddin "
    "Muhriddin in Dushanbe.",
    "The Government of Chile organised within the framework of its chairmanship (15-16 April 2019) a high-level "
    "conference on Central Asia."))
ID = "https://w3id.org/diplokg/id/"
FACT = {n: f"{ID}draft/review-test/{n}" for n in range(1, 5)}  # 1 relation, 2 head, 3 meeting, 4 conference


@pytest.fixture(scope="session")
def draft_bytes() -> bytes:
    drafter = Drafter(SourceTree(REPO))
    return write_draft(drafter.draft(Page(PAGE, "en")), drafter.entities, "review-test")


@pytest.fixture
def draft(tmp_path: Path, draft_bytes: bytes) -> Draft:
    path = tmp_path / "chile.trig"
    path.write_bytes(draft_bytes)
    return read_draft(path)


@pytest.fixture
def tree(tmp_path: Path) -> SourceTree:
    root = tmp_path / "tree"
    for part in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(REPO / part, root / part)
    return SourceTree(root)
