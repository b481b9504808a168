"""The lists of W3C tests known to fail, with their reasons: ``known_failures.toml`` (this endpoint
on its embedded store) and ``known_failures_virtuoso.toml`` (on the sparql backend, Virtuoso)."""

from __future__ import annotations

import tomllib
from pathlib import Path

CATEGORIES = {"engine", "policy"}


def known_failures(name: str) -> dict[str, tuple[str, str]]:
    """Test id → (category, group) of the list ``name`` (a file beside this module)."""
    data = tomllib.loads((Path(__file__).parent / name).read_text("utf-8"))
    listed: dict[str, tuple[str, str]] = {}
    for category, groups in data.items():
        assert category in CATEGORIES, f"{name}: unknown category {category}"
        for group, entry in groups.items():
            assert entry["reason"].strip(), f"{name}: {category}.{group} gives no reason"
            for test_id in entry["tests"]:
                assert test_id not in listed, f"{name}: {test_id} is listed twice"
                listed[test_id] = (category, group)
    return listed
