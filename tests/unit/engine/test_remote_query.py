"""What the sparql backend sends to its engine (diplokg.engine.remote_query): the local syntax check,
predefined prefixes, bound values as VALUES, dataset clauses and protocol datasets."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from diplokg.engine.messages import Dataset, QueryJob
from diplokg.engine.remote_query import (
    NO_GRAPH,
    BindingUnsupported,
    check_syntax,
    dataset_params,
    engine_text,
    without_dataset_clauses,
)

PREFIXES = {"dkg": "https://w3id.org/diplokg/ontology#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}
TJK = ox.NamedNode("https://w3id.org/diplokg/id/state/TJK")


def parses(text: str) -> None:
    ox.Store().query(text)  # no predefined prefixes: what a standard engine gets


@pytest.mark.parametrize("query", ["ASK { ?s ?p }", "ask {\n ?s ?p ?o . ?s ?p }", "PREFIX a: <x:>\nASK { a:b a:c }}"])
def test_ask_is_checked_with_the_positions_of_the_original(query):
    """An ASK is checked as a CONSTRUCT (never evaluated); the error position is the ASK's."""
    with pytest.raises(SyntaxError) as ours:
        check_syntax(query, "ASK", PREFIXES)
    with pytest.raises(SyntaxError) as engine:
        ox.Store().query(query, prefixes=PREFIXES)
    assert str(ours.value).split(":")[:2] == str(engine.value).split(":")[:2]


def test_valid_queries_pass_the_check():
    for query, form in (("ASK { ?s dkg:x ?o }", "ASK"), ("SELECT * { ?s ?p ?o }", "SELECT"),
                        ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"), ("DESCRIBE <x:y>", "DESCRIBE")):
        check_syntax(query, form, PREFIXES)


def test_ask_is_not_evaluated_by_the_check():
    """A costly ASK (27 million combinations: seconds when evaluated, even on an empty store) costs
    nothing to check: it is checked as a lazy CONSTRUCT, never iterated."""
    import time

    values = " ".join(str(i) for i in range(300))
    query = (f"ASK {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} VALUES ?c {{ {values} }} "
             "FILTER(?a + ?b + ?c < 0) }")
    started = time.monotonic()
    check_syntax(query, "ASK", PREFIXES)
    assert time.monotonic() - started < 0.5


def test_predefined_prefixes_are_declared_when_used_and_undeclared():
    sent = engine_text("SELECT ?l { ?s rdfs:label ?l ; dkg:p ?o }", PREFIXES, {})
    assert sent.startswith("PREFIX dkg: <https://w3id.org/diplokg/ontology#>\nPREFIX rdfs:")
    parses(sent)
    own = engine_text("PREFIX dkg: <urn:own#>\nSELECT * { ?s dkg:p ?o }", PREFIXES, {})
    assert own == "PREFIX dkg: <urn:own#>\nSELECT * { ?s dkg:p ?o }"


@pytest.mark.parametrize("query", [
    "SELECT ?s ?l WHERE { ?s rdfs:label ?l }",
    "SELECT ?s (EXISTS { ?s ?p ?o } AS ?e) { ?s rdfs:label ?l }",  # a brace inside the projection
    "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }",
    "ASK { ?s rdfs:label 'x' }",
    "CONSTRUCT { ?s a <x:T> } WHERE { ?s ?p ?o }",
    "DESCRIBE ?s WHERE { ?s ?p ?o }",
])
def test_bound_values_go_first_in_the_outermost_group(query):
    sent = engine_text(query, PREFIXES, {"s": TJK, "l": ox.Literal("Ta\"dschik\nistan", language="de")})
    parses(sent)
    block = 'VALUES (?l ?s) { ("Ta\\"dschik\\nistan"@de <https://w3id.org/diplokg/id/state/TJK>) }'
    assert block in sent
    before = sent[:sent.index(block)]
    assert before.rstrip().endswith("{") and "SELECT ?s WHERE { ?s" not in before


def test_values_cannot_go_in_a_construct_where_or_describe_without_where():
    for query in ("CONSTRUCT WHERE { ?s ?p ?o }", "DESCRIBE <x:y>"):
        with pytest.raises(BindingUnsupported):
            engine_text(query, PREFIXES, {"s": TJK})


def test_dataset_clauses_are_blanked_for_a_protocol_dataset():
    query = "SELECT *\nFROM <x:a> FROM NAMED dkg:b\nWHERE { ?s ?p ?o } # FROM <x:c>"
    blanked = without_dataset_clauses(query)
    assert len(blanked) == len(query) and blanked.count("\n") == 2
    assert "FROM" not in blanked.split("#")[0] and "# FROM <x:c>" in blanked
    sent = engine_text(query, PREFIXES, {}, protocol_dataset=True)
    assert "<x:a>" not in sent and "PREFIX dkg" not in sent
    assert engine_text(query, PREFIXES, {}) .endswith(query)  # no protocol dataset: the query's own clauses


def test_dataset_params():
    graphs = ["g:1", "g:2"]
    union = dataset_params(QueryJob("", union=True), graphs)
    assert union == [("default-graph-uri", "g:1"), ("default-graph-uri", "g:2"),
                     ("named-graph-uri", "g:1"), ("named-graph-uri", "g:2")]
    assert dataset_params(QueryJob("", union=False), graphs) == []  # the query's FROM clauses apply
    assert dataset_params(QueryJob("", dataset=Dataset(("g:1",), ())), graphs) == [
        ("default-graph-uri", "g:1"), ("named-graph-uri", NO_GRAPH)]
    assert dataset_params(QueryJob("", dataset=Dataset((), ("g:2",))), graphs) == [
        ("default-graph-uri", NO_GRAPH), ("named-graph-uri", "g:2")]


def test_the_engine_gets_the_base_iri_explicitly():
    sent = engine_text("SELECT * { <a> ?p ?o }", PREFIXES, {}, base="http://h/kg/sparql")
    assert sent.startswith("BASE <http://h/kg/sparql>\n") and sent.endswith("SELECT * { <a> ?p ?o }")


def test_a_query_with_its_own_base_gets_its_prologue_resolved_instead_of_a_second_base():
    sent = engine_text("PREFIX p: <q/> BASE <sub/> PREFIX r: <s#> SELECT * { <a> p:x r:y }", PREFIXES, {},
                       base="http://h/kg/sparql")
    assert sent == ("PREFIX p: <http://h/kg/q/> BASE <http://h/kg/sub/> PREFIX r: <http://h/kg/sub/s#> "
                    "SELECT * { <a> p:x r:y }")
    assert sent.count("BASE") == 1


RELEASE = {"http://r/g1": 3, "http://r/g2": 4}


@pytest.mark.parametrize(("query", "sent"), [
    # a graph of the release stays; the missing half is made empty
    ("SELECT * FROM <http://r/g1> { ?s ?p ?o }", f"SELECT * FROM <http://r/g1> FROM NAMED <{NO_GRAPH}> {{ ?s ?p ?o }}"),
    ("SELECT * FROM NAMED <http://r/g2> { GRAPH ?g { } }",
     f"SELECT * FROM NAMED <http://r/g2> FROM <{NO_GRAPH}> {{ GRAPH ?g {{ }} }}"),
    # a graph the release does not have is never read, whatever it is called
    ("PREFIX x: <http://other/> SELECT * FROM x:g FROM NAMED <http://r/g1> { ?s ?p ?o }",
     f"PREFIX x: <http://other/> SELECT * FROM <{NO_GRAPH}> FROM NAMED <http://r/g1> {{ ?s ?p ?o }}"),
    ("BASE <http://r/> SELECT * FROM <g1> FROM NAMED <g9> { ?s ?p ?o }",
     f"BASE <http://r/> SELECT * FROM <g1> FROM NAMED <{NO_GRAPH}> {{ ?s ?p ?o }}"),
])
def test_a_querys_own_dataset_is_kept_to_the_release(query, sent):
    assert engine_text(query, {}, {}, release=RELEASE) == sent


def test_a_protocol_dataset_is_kept_to_the_release():
    job = QueryJob("", dataset=Dataset(("http://r/g1", "http://other/g"), ("http://other/h",)))
    assert dataset_params(job, [], RELEASE) == [("default-graph-uri", "http://r/g1"), ("default-graph-uri", NO_GRAPH),
                                                ("named-graph-uri", NO_GRAPH)]
