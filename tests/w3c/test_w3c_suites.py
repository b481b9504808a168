"""The W3C SPARQL 1.0 and 1.1 query, update-syntax, results-format and federation tests, over HTTP,
against ``diplokg serve`` (default settings) on the embedded store and on the sparql backend
(Virtuoso), and, side by side, ``oxigraph serve`` (in memory).

One pytest test per W3C test: it passes when the W3C test passes, or when the W3C test fails and is
listed in ``known_failures.toml`` (then it must fail: a listed test that starts to pass fails here
until it is taken off the list). The list's engine limits are checked against ``oxigraph serve``,
and every test ``oxigraph serve`` passes must pass here, unless our policy refuses it."""

from __future__ import annotations

import httpx
import pytest

from w3c.known import known_failures
from w3c.manifests import EVALUATION_KINDS, SYNTAX_KINDS, UPDATE_SYNTAX_KINDS, W3CTest, runnable
from w3c.runner import Outcome

RUN = runnable()
KNOWN = known_failures("known_failures.toml")
KNOWN_ON_VIRTUOSO = known_failures("known_failures_virtuoso.toml")


@pytest.mark.parametrize("test", RUN, ids=lambda t: t.id)
def test_w3c(test: W3CTest, ours_outcomes: dict[str, Outcome]) -> None:
    outcome = ours_outcomes[test.id]
    if test.id in KNOWN:
        category, group = KNOWN[test.id]
        assert not outcome.passed, (f"{test.id} passes but is listed in known_failures.toml ({category}.{group}): "
                                    "take it off the list")
    else:
        assert outcome.passed, f"{test.name}: {outcome.reason}"


@pytest.mark.parametrize("test", RUN, ids=lambda t: t.id)
def test_w3c_on_virtuoso(test: W3CTest, virtuoso_outcomes: dict[str, Outcome]) -> None:
    """The same tests on the sparql backend: Virtuoso's differences are listed, and asserted, in
    known_failures_virtuoso.toml."""
    outcome = virtuoso_outcomes[test.id]
    if test.id in KNOWN_ON_VIRTUOSO:
        category, group = KNOWN_ON_VIRTUOSO[test.id]
        assert not outcome.passed, (f"{test.id} passes on Virtuoso but is listed in known_failures_virtuoso.toml "
                                    f"({category}.{group}): take it off the list")
    else:
        assert outcome.passed, f"{test.name}: {outcome.reason}"


def test_results_converted_at_the_row_cap_are_the_same(ours_outcomes: dict[str, Outcome],
                                                       uncapped_outcomes: dict[str, Outcome]) -> None:
    """Through the capped path (serialised to TSV, cut, converted to XML, JSON, CSV, Turtle …)
    every test passes or fails as it does when the engine's own serialisation is sent."""
    assert {i for i, o in uncapped_outcomes.items() if not o.passed} == {i for i, o in ours_outcomes.items()
                                                                        if not o.passed}


def test_the_suites_are_all_there() -> None:
    """The manifests give what the README's figures count (no manifest silently lost)."""
    kinds = [t.kind for t in RUN]
    assert sum(k in SYNTAX_KINDS for k in kinds) == 313
    assert sum(k in UPDATE_SYNTAX_KINDS for k in kinds) == 55
    assert sum(k in EVALUATION_KINDS for k in kinds) == 519
    assert len({t.id for t in RUN}) == len(RUN)


def test_known_failures_name_tests_of_the_suites() -> None:
    assert sorted(set(KNOWN) - {t.id for t in RUN}) == []
    assert sorted(set(KNOWN_ON_VIRTUOSO) - {t.id for t in RUN}) == []


def test_engine_limits_are_oxigraph_serves_too(oxigraph_outcomes: dict[str, Outcome]) -> None:
    """Every failure put down to the engine also fails on the engine's own server."""
    passing_there = sorted(i for i, (category, _) in KNOWN.items()
                           if category == "engine" and oxigraph_outcomes[i].passed)
    assert passing_there == [], "listed as engine limits, but oxigraph serve passes them"


def test_what_oxigraph_serve_passes_passes_here(ours_outcomes: dict[str, Outcome],
                                                oxigraph_outcomes: dict[str, Outcome]) -> None:
    """The issue's bar: no test that passes on ``oxigraph serve`` over HTTP fails here, except by
    a documented policy of this endpoint."""
    worse = sorted(i for i, outcome in oxigraph_outcomes.items()
                   if outcome.passed and not ours_outcomes[i].passed and KNOWN.get(i, ("",))[0] != "policy")
    assert worse == []
    passed_there = sum(o.passed for o in oxigraph_outcomes.values())
    passed_here = sum(ours_outcomes[i].passed for i in oxigraph_outcomes)
    assert passed_here >= passed_there - sum(1 for c, _ in KNOWN.values() if c == "policy")


def test_no_update_was_executed(ours_outcomes: dict[str, Outcome], w3c_server, w3c_dataset) -> None:
    """After every update test has been sent (as an update and as a query), the endpoint serves
    exactly the quads it was built with."""
    assert len(ours_outcomes) == len(RUN)
    r = httpx.post(w3c_server.endpoint, content="SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }",
                   headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    served = int(r.json()["results"]["bindings"][0]["n"]["value"])
    assert served == len(set(w3c_dataset[0]))  # some files repeat a triple
