"""Every saved query runs against the bundled data with its default parameters and gives exactly
the result checked in under tests/queries/expected/ (compared in order when the query orders,
as a set otherwise); the federated one is tested against a stand-in endpoint (tests/endpoint)."""

from __future__ import annotations

import json

import pytest

from diplokg.saved_queries.catalog import load_all
from support.cli_runner import REPO
from support.saved_results import EXPECTED, comparable, is_ordered, run_saved

QUERIES = load_all(REPO / "queries")
LOCAL = [slug for slug, q in QUERIES.items() if not q.federated]


def test_there_are_saved_queries():
    assert len(QUERIES) >= 15
    assert any(q.federated for q in QUERIES.values())


@pytest.mark.parametrize("slug", LOCAL)
def test_saved_query_result(store, slug):
    saved = QUERIES[slug]
    expected_file = EXPECTED / f"{slug}.json"
    assert expected_file.exists(), f"no expected result checked in for {slug}"
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    actual = run_saved(store, saved)
    ordered = is_ordered(saved.text)
    assert comparable(actual, ordered) == comparable(expected, ordered)


def test_every_expected_file_belongs_to_a_query():
    assert {p.stem for p in EXPECTED.glob("*.json")} == set(LOCAL)


@pytest.mark.parametrize("slug", sorted(QUERIES))
def test_metadata_is_complete(slug):
    q = QUERIES[slug]
    assert q.summary and q.description, "summary and description say what research question it answers"
    assert q.tags
    for p in q.parameters:
        assert p.description, f"parameter {p.name} is undocumented"
        if p.required:
            assert p.default is not None, f"required parameter {p.name} needs a default for the examples"
        if p.enumerate:
            assert p.values_class, f"enumerated parameter {p.name} needs params.{p.name}.class"
