"""Unit tests of the endpoint's pure functions: SPARQL lexer and federation filter, content
negotiation, protocol parsing, settings, and the executor's row cap."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from diplokg.engine import framing
from diplokg.core.errors import DiplokgError
from diplokg.engine.execute import execute
from diplokg.http.federation import FederationRefused, check_services
from diplokg.http.budget import QueryBudget, query_budget, service_timeout_message
from diplokg.core.formats import GRAPH_FORMATS, RESULT_FORMATS
from diplokg.http.negotiation import choose, parse_accept
from diplokg.http.protocol import ProtocolError, parse_query_request
from diplokg.engine.service_errors import service_failure
from diplokg.core.settings import load_settings
from diplokg.core.lexer import analyse


# -- lexer -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("query,form", [
    ("SELECT * {}", "SELECT"), ("  ask {}", "ASK"), ("PREFIX a: <http://a/> BASE <http://b/> CONSTRUCT WHERE {}", "CONSTRUCT"),
    ("# c\nDESCRIBE <x>", "DESCRIBE"), ("INSERT DATA { <a> <b> <c> }", "UPDATE"), ("prefix x: <y> delete where {}", "UPDATE"),
    ("LOAD <http://x/>", "UPDATE"), ("{", None),
])
def test_query_form(query, form):
    assert analyse(query).form == form


def test_dataset_clause_detection():
    assert analyse("SELECT * FROM <g> { }").has_dataset_clause
    assert analyse("SELECT * FROM NAMED <g> { }").has_dataset_clause
    assert not analyse('SELECT * { ?s ?p "FROM" } # FROM').has_dataset_clause


@pytest.mark.parametrize("query,targets", [
    ("SELECT * { SERVICE <http://e/sparql> { } }", ["http://e/sparql"]),
    ("SELECT * { SERVICE SILENT <http://e/sparql> { } }", ["http://e/sparql"]),
    ("PREFIX e: <http://e/> SELECT * { service e:sparql { } }", ["http://e/sparql"]),
    ("BASE <http://e/> SELECT * { SERVICE <sparql> { } }", ["http://e/sparql"]),
    ("SELECT * { SERVICE ?x { } }", [None]),
    ("SELECT * { SERVICE", [None]),
    ("SELECT * { ?service ?p 'SERVICE <http://e/>' } # SERVICE <http://e/>", []),
    ('SELECT * { ?s ?p """multi\nSERVICE <http://e/>\n""" }', []),
    ("PREFIX service: <http://e/> SELECT * { ?s service:x ?o }", []),
])
def test_service_targets(query, targets):
    assert [c.iri for c in analyse(query).services] == targets


def test_predefined_prefixes_resolve_service_targets():
    info = analyse("SELECT * { SERVICE wd:sparql { } }", {"wd": "http://www.wikidata.org/entity/"})
    assert info.services[0].iri == "http://www.wikidata.org/entity/sparql"


def test_federation_rules():
    allowed = ["https://query.wikidata.org/sparql"]
    check_services(analyse("SELECT * { SERVICE <https://query.wikidata.org/sparql> { } }"), allowed)
    with pytest.raises(FederationRefused, match="disabled"):
        check_services(analyse("SELECT * { SERVICE <https://query.wikidata.org/sparql> { } }"), [])
    with pytest.raises(FederationRefused, match="allowlist"):
        check_services(analyse("SELECT * { SERVICE <http://127.0.0.1/> { } }"), allowed)
    with pytest.raises(FederationRefused, match="variable"):
        check_services(analyse("SELECT * { SERVICE ?x { } }"), allowed)


def test_lexer_is_linear_on_deep_nesting():
    import time

    query = "SELECT * " + "{ " * 100_000 + "}" * 100_000
    start = time.perf_counter()
    analyse(query)
    assert time.perf_counter() - start < 5


# -- negotiation -----------------------------------------------------------------------------------

def test_accept_q_values_and_wildcards():
    assert choose("text/csv;q=0.5, application/sparql-results+xml", RESULT_FORMATS).name == "xml"
    assert choose("text/*;q=0.5, text/tab-separated-values", RESULT_FORMATS).name == "tsv"
    assert choose("*/*", RESULT_FORMATS).name == "json"
    assert choose(None, GRAPH_FORMATS).name == "turtle"
    assert choose("application/json", GRAPH_FORMATS).name == "jsonld"
    assert choose("application/json", RESULT_FORMATS).name == "json"
    assert choose("application/xml", GRAPH_FORMATS).name == "rdfxml"
    assert choose("image/png", RESULT_FORMATS) is None
    assert choose("text/csv;q=0", RESULT_FORMATS) is None
    assert choose("*/*;q=0.1, text/turtle;q=0", GRAPH_FORMATS).name == "ntriples"


def test_format_parameter_overrides_accept():
    assert choose("text/csv", RESULT_FORMATS, "json").name == "json"
    assert choose(None, RESULT_FORMATS, ["unknown", "text/tab-separated-values"]).name == "tsv"
    assert choose(None, GRAPH_FORMATS, "n3").name == "turtle"
    assert choose(None, RESULT_FORMATS, "turtle") is None


def test_malformed_accept_is_lenient():
    assert [r.type for r in parse_accept("garbage, text/csv;q=abc, /x, */json")] == ["text"]


# -- protocol --------------------------------------------------------------------------------------

def test_protocol_get_and_post():
    req = parse_query_request("GET", None, b"query=ASK%20%7B%7D&default-graph-uri=http%3A%2F%2Fg&timeout=2.5", b"")
    assert req.query == "ASK {}" and req.default_graphs == ["http://g"] and req.timeout == 2.5
    req = parse_query_request("POST", "application/sparql-query; charset=utf-8", b"named-graph-uri=http%3A%2F%2Fn", b"ASK {}")
    assert req.query == "ASK {}" and req.named_graphs == ["http://n"]
    req = parse_query_request("POST", "application/x-www-form-urlencoded", b"", b"query=ASK+%7B%7D&format=json")
    assert req.query == "ASK {}" and req.formats == ["json"]
    assert parse_query_request("GET", None, b"", b"").query is None


@pytest.mark.parametrize("method,ctype,qs,body,status", [
    ("PUT", None, b"query=ASK%20%7B%7D", b"", 405),
    ("GET", None, b"update=CLEAR%20ALL", b"", 403),
    ("POST", "application/sparql-update", b"", b"CLEAR ALL", 403),
    ("POST", "application/x-www-form-urlencoded", b"", b"update=CLEAR%20ALL", 403),
    ("POST", "text/plain", b"", b"ASK {}", 415),
    ("POST", None, b"", b"ASK {}", 415),
    ("POST", "application/sparql-query; charset=latin-1", b"", b"ASK {}", 415),
    ("POST", "application/sparql-query", b"", b"ASK {\xff}", 400),
    ("GET", None, b"query=%FF", b"", 400),
    ("GET", None, b"query=ASK%20%7B%7D&query=ASK%20%7B%7D", b"", 400),
    ("GET", None, b"query=+", b"", 400),
    ("GET", None, b"query=ASK%20%7B%7D&default-graph-uri=not%20an%20iri", b"", 400),
    ("POST", "application/x-www-form-urlencoded", b"query=ASK%20%7B%7D", b"query=ASK%20%7B%7D", 400),
    ("POST", "application/x-www-form-urlencoded", b"", b"format=json", 400),
])
def test_protocol_errors(method, ctype, qs, body, status):
    with pytest.raises(ProtocolError) as e:
        parse_query_request(method, ctype, qs, body)
    assert e.value.status == status


def test_semicolon_is_not_a_separator():
    req = parse_query_request("GET", None, b"query=ASK%20%7B%7D;update=CLEAR", b"")
    assert req.query == "ASK {};update=CLEAR"


# -- settings --------------------------------------------------------------------------------------

def test_settings_precedence():
    s = load_settings({"timeout": 5, "port": None}, {"DIPLOKG_TIMEOUT": "9", "DIPLOKG_PORT": "9000",
                                                      "DIPLOKG_FEDERATION_ALLOWLIST": "http://a/ http://b/"})
    assert s.timeout == 5 and s.port == 9000 and s.federation_allowlist == ("http://a/", "http://b/")
    assert s.base_url == "http://127.0.0.1:9000/" and s.endpoint_url == "http://127.0.0.1:9000/sparql"
    assert load_settings({"base_url": "https://kg.example/x"}, {}).base_url == "https://kg.example/x/"
    assert s.service_timeout == 10
    assert load_settings({"service_timeout": "2.5"}, {"DIPLOKG_SERVICE_TIMEOUT": "7"}).service_timeout == 2.5
    assert load_settings(None, {"DIPLOKG_SERVICE_TIMEOUT": "7"}).service_timeout == 7
    with pytest.raises(DiplokgError, match="service_timeout must be positive"):
        load_settings({"service_timeout": 0}, {})


# -- federated query budget and SERVICE failures ---------------------------------------------------

def test_federated_query_budget():
    assert query_budget(30, [], 10) == QueryBudget(30)  # no SERVICE: the query's own budget
    budget = query_budget(30, ["http://a/sparql", "http://a/sparql"], 10)
    assert budget == QueryBudget(10, ("http://a/sparql",)) and budget.service_bound
    assert query_budget(4, ["http://a/sparql"], 10) == QueryBudget(4)  # a lower query budget wins and is the query's own
    assert not query_budget(4, ["http://a/sparql"], 10).service_bound
    message = service_timeout_message(query_budget(20, ["http://a/sparql", "http://b/sparql"], 2))
    assert message.startswith("SERVICE <http://a/sparql> or SERVICE <http://b/sparql>: no answer within 2 s")


@pytest.mark.parametrize("error,named", [
    # texts pyoxigraph 0.5.13 raised for failing SERVICE calls (see diplokg.engine.service_errors)
    (OSError("Error 500 Internal Server Error returned by http://b/sparql with payload:\nboom"), "http://b/sparql"),
    (RuntimeError("Unsupported Content-Type returned by service <http://b/sparql>: text/html"), "http://b/sparql"),
    (RuntimeError("Expecting <head> tag, found <results>"), None),
    (ConnectionRefusedError("Connection refused (os error 111)"), None),
])
def test_service_failure_names_the_endpoint_and_keeps_the_engine_text(error, named):
    message = service_failure(error, ["http://a/sparql", "http://b/sparql"])
    assert message is not None and str(error) in message
    assert message.startswith(f"SERVICE <{named}>:" if named else "SERVICE <http://a/sparql> or SERVICE <http://b/sparql>:")


@pytest.mark.parametrize("error,services", [
    (ConnectionRefusedError("Connection refused (os error 111)"), []),  # no SERVICE in the query
    (RuntimeError("The SPARQL query does not contains variable x in its SELECT projection"), ["http://a/"]),
    (ValueError("bad input"), ["http://a/"]),
    (SyntaxError("error at 1:3"), ["http://a/"]),
])
def test_other_errors_are_not_service_failures(error, services):
    assert service_failure(error, services) is None


# -- executor --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_store() -> ox.Store:
    store = ox.Store()
    g = ox.NamedNode("http://g")
    store.extend(ox.Quad(ox.NamedNode(f"http://s/{i}"), ox.NamedNode("http://p"), ox.Literal(f"line\n{i}\t\"x\""), g)
                 for i in range(3000))
    return store


def run(store, **request):
    frames: list[tuple[int, bytes]] = []

    def send(frame: bytes) -> None:
        frames.append((frame[0], frame[5:]))

    execute(store, {"op": "query", "union": True, **request}, send, {})
    head = json.loads(frames[0][1])
    body = b"".join(p for k, p in frames if k == framing.CHUNK)
    assert frames[-1][0] == framing.END
    return head, body


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
@pytest.mark.parametrize("cap,expected,truncated", [(0, 3000, False), (2999, 2999, True), (3000, 3000, False), (10, 10, True)])
def test_row_cap_is_exact(small_store, fmt, cap, expected, truncated):
    head, body = run(small_store, query="SELECT ?s ?o { ?s ?p ?o }", results_format=fmt, row_cap=cap)
    assert head["truncated"] is truncated
    parsed = list(ox.parse_query_results(body, {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                                                 "tsv": ox.QueryResultsFormat.TSV}[fmt])) if fmt != "csv" else None
    if parsed is not None:
        assert len(parsed) == expected
        assert all(str(sol["o"].value).startswith("line\n") for sol in parsed)
    else:
        import csv
        import io

        assert len(list(csv.reader(io.StringIO(body.decode())))) == expected + 1


def test_triples_cap_is_exact(small_store):
    head, body = run(small_store, query="CONSTRUCT WHERE { ?s ?p ?o }", graph_format="ntriples", row_cap=2500)
    assert head["truncated"] is True and len(body.decode().strip().splitlines()) == 2500
    head, body = run(small_store, query="CONSTRUCT WHERE { ?s ?p ?o }", graph_format="ntriples", row_cap=3000)
    assert head["truncated"] is False and len(body.decode().strip().splitlines()) == 3000


def test_syntax_error_frame(small_store):
    frames: list[bytes] = []
    execute(small_store, {"op": "query", "query": "SELECT * {", "results_format": "json"}, frames.append, {})
    assert frames[0][0] == framing.ERROR
    err = json.loads(frames[0][5:])
    assert err["status"] == 400 and err["line"] == 1 and "syntax error" in err["message"]


def test_nesting_depth_counts_brackets_of_code_only():
    assert analyse("SELECT * WHERE { ?s ?p ?o }").max_depth == 1
    assert analyse("SELECT * WHERE { FILTER((1 + (2))) [ <p> [ <q> 1 ] ] }").max_depth == 4
    # brackets inside strings, IRIs and comments are not nesting
    assert analyse('SELECT * WHERE { ?s ?p "((((" . ?s <http://e/((> ?o # [[[[\n }').max_depth == 1
