"""Fuzzing with Hypothesis: generated query strings, parameter values, bodies and headers against the
protocol handlers (plain functions, thousands of cases) and against a real server on loopback
(hundreds of requests). The only outcomes allowed are an answer or a clear client error: a handler
raises ProtocolError (never anything else), the server never answers 5xx and never stops serving."""

from __future__ import annotations

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplokg.core.formats import GRAPH_FORMATS, RESULT_FORMATS
from diplokg.core.lexer import analyse
from diplokg.core.namespaces import PREFIXES
from diplokg.core.terms import parse_term
from diplokg.http.errors import ProtocolError
from diplokg.http.negotiation import choose, parse_accept
from diplokg.http.protocol import bindings as protocol_bindings
from diplokg.http.protocol import parse_query_request

PARAM_NAMES = st.sampled_from(["query", "update", "default-graph-uri", "named-graph-uri", "timeout", "format",
                               "$x", "$", "$1a", "$s", "queryLn", "q\x00", "é"])
TEXT = st.text(st.characters(codec="utf-8"), max_size=200)
BYTES = st.binary(max_size=300)
METHODS = st.sampled_from(["GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "BREW", ""])
CONTENT_TYPES = st.one_of(st.none(), st.sampled_from([
    "application/x-www-form-urlencoded", "application/sparql-query", "application/sparql-update",
    "application/x-www-form-urlencoded; charset=latin1", "application/sparql-query;charset=UTF-8", "text/plain",
    ";", "application/x-www-form-urlencoded;;charset", ""]), TEXT)

# SPARQL-shaped text: tokens of the language in random order, so that generated queries get past the
# lexer and into the parser and the engine, not only into the first syntax error
TOKENS = st.sampled_from([
    "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "{", "}", "(", ")", "[", "]", ".", ";", ",", "*", "?s", "?p",
    "?o", "$x", "a", "<http://example.org/x>", "<>", "dkg:State", "rdfs:label", "\"x\"", "\"x\"@en", "'''x'''", "1",
    "1.5e3", "true", "FILTER", "OPTIONAL", "UNION", "MINUS", "GRAPH", "SERVICE", "BIND", "AS", "VALUES", "UNDEF",
    "LIMIT", "OFFSET", "ORDER BY", "GROUP BY", "HAVING", "COUNT", "DISTINCT", "REGEX", "STR", "+", "*", "/", "|",
    "^", "!", "?", "PREFIX", "BASE", "ex:", "#", "\n", "FROM", "NAMED", "INSERT", "DATA", "LOAD", "\\u0041", "_:b"])
SPARQLISH = st.lists(TOKENS, max_size=40).map(" ".join)


@settings(max_examples=2000, deadline=None)
@given(METHODS, CONTENT_TYPES, st.one_of(BYTES, st.lists(st.tuples(PARAM_NAMES, TEXT), max_size=6).map(
    lambda pairs: httpx.QueryParams(pairs).__str__().encode())), BYTES)
def test_parse_query_request_raises_only_protocol_errors(method, content_type, query_string, body):
    try:
        request = parse_query_request(method, content_type, query_string, body)
    except ProtocolError as e:
        assert 400 <= e.status < 500 and e.message
        return
    assert request.query is None or request.query.strip()


@settings(max_examples=1000, deadline=None)
@given(st.dictionaries(st.one_of(PARAM_NAMES, TEXT), st.lists(TEXT, max_size=3), max_size=5))
def test_bindings_raise_only_protocol_errors(params):
    try:
        protocol_bindings(params)
    except ProtocolError as e:
        assert e.status == 400 and e.message


@settings(max_examples=1000, deadline=None)
@given(TEXT)
def test_term_parser_raises_only_value_errors(text):
    try:
        parse_term(text)
    except ValueError as e:
        assert str(e)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.none(), TEXT, st.lists(st.sampled_from(
    ["text/csv", "*/*", "application/*", ";q=0.5", ";q=abc", ",", "application/sparql-results+json", ";q=1e9",
     "text/turtle;q=0", "x", ";level=1"]), max_size=8).map("".join)), st.lists(TEXT, max_size=2))
def test_negotiation_never_fails(accept, format_param):
    parse_accept(accept)
    for offered in (RESULT_FORMATS, GRAPH_FORMATS):
        chosen = choose(accept, offered, format_param)
        assert chosen is None or chosen in offered


@settings(max_examples=1000, deadline=None)
@given(st.one_of(TEXT, SPARQLISH))
def test_the_query_lexer_never_fails(text):
    info = analyse(text, PREFIXES)
    assert info.max_depth >= 0


# -- against a real server ----------------------------------------------------------------------

FUZZ_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def assert_served(r: httpx.Response) -> None:
    assert r.status_code < 500 or (r.status_code == 503 and "time budget" in r.text), (r.status_code, r.text[:300])
    assert "Traceback" not in r.text


@FUZZ_SETTINGS
@given(st.one_of(SPARQLISH, TEXT))
def test_generated_queries_never_get_5xx(server, query):
    with httpx.Client(timeout=60) as client:
        assert_served(client.get(server.endpoint, params={"query": query, "timeout": "3"}))
        assert_served(client.post(server.endpoint, content=query.encode(), params={"timeout": "3"},
                                  headers={"Content-Type": "application/sparql-query"}))


@FUZZ_SETTINGS
@given(st.lists(st.tuples(PARAM_NAMES, TEXT), max_size=6), st.one_of(st.none(), TEXT.filter(str.isprintable)))
def test_generated_parameters_and_accept_headers_never_get_5xx(server, pairs, accept):
    headers = {"Accept": accept} if accept is not None and accept.isascii() else {}
    with httpx.Client(timeout=60) as client:
        assert_served(client.get(server.endpoint, params=[("query", "ASK { ?s ?p ?o }"), *pairs], headers=headers))
        assert_served(client.post(server.endpoint, data=dict([("query", "ASK {}"), *pairs]), headers=headers))


@FUZZ_SETTINGS
@given(BYTES, CONTENT_TYPES.filter(lambda c: c is None or (c.isascii() and c.isprintable())))
def test_generated_bodies_never_get_5xx(server, body, content_type):
    headers = {"Content-Type": content_type} if content_type is not None else {}
    with httpx.Client(timeout=60) as client:
        assert_served(client.post(server.endpoint, content=body, headers=headers))


def test_the_server_is_still_serving_after_the_fuzzing(server, http):
    health = http.get(server.url + "health").json()
    assert health["status"] == "ok" and health["workers"]["alive"] == health["workers"]["configured"]
    assert http.get(server.endpoint, params={"query": "ASK { ?s ?p ?o }"},
                    headers={"Accept": "application/sparql-results+json"}).json()["boolean"] is True
