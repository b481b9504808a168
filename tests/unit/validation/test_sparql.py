"""The SPARQL SHACL engine gives exactly pyshacl's results.

Both engines validate the same data and their results are compared as multisets of (focus node,
result path, value, constraint component, source shape — a blank-node property shape named by its
parent shapes and path —, source constraint, messages given by sh:message). Nested results (sh:detail)
are not counted. The data: every fixture of tests/shapes/ (with the ontology and base.ttl, as
tests/test_shapes.py validates them), the real data, and seeded batches of mutations of the real
data (deleted triples, other datatypes, languages and lexical forms, objects of another class,
second values, unknown dkg: terms, copied identifiers…). pyshacl runs in two worker processes.
"""

from __future__ import annotations

import logging
import multiprocessing
import warnings
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache

import pytest
import rdflib

from diplokg.validation.compile import compile_shapes
from diplokg.validation.errors import UnsupportedShapesError
from support import shacl_equivalence as E

FIXTURE_FILES = sorted(p.name for p in E.FIXTURES.glob("*.ttl"))
BATCHES, MUTATIONS, SEED = 8, 40, 20261123
CASES = [f"fixture:{f}" for f in FIXTURE_FILES] + ["real"] + [f"mutant:{i}" for i in range(BATCHES)]


@lru_cache(maxsize=1)
def real() -> list:
    return E.real_quads()


def case_data(name: str) -> tuple[list, list[tuple[str, set[str]]]]:
    """The quads of a case and, for a mutant batch, what each mutation touched."""
    kind, _, arg = name.partition(":")
    if kind == "fixture":
        return E.fixture_quads(E.FIXTURES / arg), []
    if kind == "real":
        return real(), []
    return E.Mutator(real(), SEED + int(arg)).mutant(MUTATIONS)


@lru_cache(maxsize=1)
def plan():
    return compile_shapes(E.shapes_graph())


def both(name: str) -> tuple[Counter, Counter, list[tuple[str, set[str]]]]:
    """pyshacl's and the SPARQL engine's results for one case (run in a worker process)."""
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    quads, mutations = case_data(name)
    return E.pyshacl_keys(quads), E.engine_keys(quads, plan()), mutations


@pytest.fixture(scope="module")
def outcome() -> dict[str, tuple[Counter, Counter, list]]:
    """Every case validated by both engines in two worker processes (the largest cases first)."""
    order = sorted(CASES, key=lambda c: c.startswith("fixture"))
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        return dict(zip(order, pool.map(both, order), strict=True))


def compare(name: str, outcome) -> Counter:
    want, got, _ = outcome[name]
    assert got == want, f"{name}:\n{E.diff(want, got)}"
    return got


@pytest.mark.parametrize("fixture", FIXTURE_FILES)
def test_fixture_results_equal_pyshacl(fixture: str, outcome) -> None:
    got = compare(f"fixture:{fixture}", outcome)
    assert bool(got) == fixture.endswith("-invalid.ttl")


def test_real_data_results_equal_pyshacl(outcome) -> None:
    assert compare("real", outcome) == Counter()


@pytest.mark.parametrize("batch", range(BATCHES))
def test_mutant_results_equal_pyshacl(batch: int, outcome) -> None:
    assert compare(f"mutant:{batch}", outcome)


def test_most_mutations_produce_a_violation_at_what_they_touched(outcome) -> None:
    """The comparison is not vacuous: most single mutations yield a result whose focus node or
    value is a term of the mutated triple."""
    applied = detected = 0
    for batch in range(BATCHES):
        want, _, mutations = outcome[f"mutant:{batch}"]
        named = {term for key in want for term in (key[0], key[2])}
        for note, touched in mutations:
            if note.startswith("(skipped"):
                continue
            applied += 1
            detected += bool(touched & named)
    assert applied >= 250
    assert detected >= 0.6 * applied, f"only {detected} of {applied} mutations led to a violation"
    print(f"{detected} of {applied} applied mutations led to a violation at the mutated triple")


# ---- features outside the real shapes ----------------------------------------------------------
EXTRA_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix dkg: <https://w3id.org/diplokg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix ex: <https://example.org/shapes#> .
@prefix id: <https://w3id.org/diplokg/id/> . @prefix vocab: <https://w3id.org/diplokg/vocab/> .
ex:Nodes a sh:NodeShape ; sh:targetNode id:state\\/NOR , id:state\\/ROU , id:nowhere ;
    sh:property [ sh:path ( dkg:unStatus skos:inScheme ) ; sh:hasValue vocab:status ; sh:message "sequence" ] ,
                [ sh:path dkg:isoAlpha2 ; sh:minCount 1 ] .
ex:Objects a sh:NodeShape ; sh:targetObjectsOf dkg:sendingState ;
    sh:property [ sh:path ( dkg:unStatus skos:prefLabel ) ; sh:maxCount 1 ; sh:languageIn ( "de" ) ] ;
    sh:nodeKind sh:BlankNode .
"""


def test_node_and_objects_of_targets_and_sequence_paths_equal_pyshacl() -> None:
    sg = rdflib.Graph().parse(data=EXTRA_SHAPES, format="turtle")
    want = E.pyshacl_keys(real(), sg)
    got = E.engine_keys(real(), compile_shapes(sg), sg)
    assert got == want, E.diff(want, got)
    assert sum(got.values()) > 10


# ---- what is not implemented is refused --------------------------------------------------------
def test_unsupported_constraint_components_are_named() -> None:
    g = E.shapes_graph() + rdflib.Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
        ex:Closed a sh:NodeShape ; sh:targetClass ex:Thing ; sh:closed true ;
            sh:xone ( [ sh:class ex:A ] [ sh:class ex:B ] ) .
        ex:Deep a sh:NodeShape ; sh:targetNode ex:x ;
            sh:property [ sh:path [ sh:zeroOrMorePath ex:p ] ; sh:minCount 1 ] .
    """, format="turtle")
    with pytest.raises(UnsupportedShapesError) as e:
        compile_shapes(g)
    text = str(e.value)
    for name in ("sh:closed", "sh:xone", "ex:Closed", "zeroOrMorePath"):
        assert name in text, text


def test_sparql_constraint_that_does_not_bind_this_everywhere_is_refused() -> None:
    g = rdflib.Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:sparql [ sh:select
            "SELECT $this WHERE { { $this <https://example.org/p> ?x } UNION { ?y <https://example.org/q> ?x } }" ] .
    """, format="turtle")
    with pytest.raises(UnsupportedShapesError, match=r"\$this is not projected and bound"):
        compile_shapes(g)


# ---- the engines behind diplokg's validate ------------------------------------------------------
def test_both_engines_give_the_same_violations_for_an_invalid_fixture() -> None:
    import pyoxigraph as ox

    from diplokg.source.loader import LoadedData
    from diplokg.validation.validate import validate

    loaded = LoadedData(files=["fixture.ttl"])
    graph = ox.NamedNode("https://w3id.org/diplokg/graph/test-fixture")
    loaded.store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, graph)
                             for q in E.fixture_quads(E.FIXTURES / "wikidata-link-record-invalid.ttl"))
    loaded.graph_files[graph.value].add("fixture.ttl")
    fast, slow = (validate(loaded, E.shapes_graph(), engine=e) for e in ("sparql", "pyshacl"))
    assert not fast.conforms and not slow.conforms
    fields = lambda r: sorted(repr((v.focus_node, v.path, v.value, v.constraint, v.shape, v.severity, v.files))  # noqa: E731
                              for v in r.violations)
    assert fields(fast) == fields(slow)
    assert len(fast.violations) == 12
    assert "sh:ValidationResult" in fast.to_turtle()
