"""Fixtures for `diplokg link`: stand-ins for the Wikidata search API and query service on
loopback (serving the synthetic responses in recorded/), and temporary copies of the repository's
data in which some verified links are removed, so that there is something to propose and accept."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from link_fixtures import FIXTURES, UNLINKED, UNLINKED_FOR_PROPOSING, copy_tree, unlink
from search_standin import SearchStandIn

from support.sparql_standin import StandInEndpoint


@pytest.fixture
def search_api() -> Iterator[SearchStandIn]:
    with SearchStandIn() as api:
        yield api


@pytest.fixture
def wdqs() -> Iterator[StandInEndpoint]:
    with StandInEndpoint((FIXTURES / "recorded" / "items.ttl").read_text(encoding="utf-8")) as endpoint:
        yield endpoint


@pytest.fixture
def accept_tree(tmp_path: Path) -> Path:
    """The repository's data (valid) with the verified links of Dushanbe and the OSCE removed."""
    root = copy_tree(tmp_path / "src")
    unlink(root, *UNLINKED)
    return root


@pytest.fixture
def propose_tree(tmp_path: Path) -> Path:
    """The repository's data with the verified links of Dushanbe, the OSCE and Norway removed, plus
    the constructed test entities of fixture-entities.trig (not valid data: only for proposing)."""
    root = copy_tree(tmp_path / "src")
    unlink(root, *UNLINKED_FOR_PROPOSING)
    shutil.copy(FIXTURES / "fixture-entities.trig", root / "data" / "fixture-entities.trig")
    return root
