"""The drafter of the rules' unit tests: the repository's source tree as gazetteer (one per test
module, as each module had its own: a Drafter is slow to build)."""

from __future__ import annotations

import pytest

from diplokg.ingest.pipeline import Drafter
from diplokg.source.tree import SourceTree
from support.cli_runner import REPO


@pytest.fixture(scope="module")
def drafter() -> Drafter:
    return Drafter(SourceTree(REPO))
