"""Unit tests of the SPARQL 1.1 Protocol parsing (diplokg.http.protocol)."""

from __future__ import annotations

import pytest

from diplokg.http.errors import ProtocolError
from diplokg.http.protocol import parse_query_request


def test_protocol_get_and_post():
    req = parse_query_request("GET", None, b"query=ASK%20%7B%7D&default-graph-uri=http%3A%2F%2Fg&timeout=2.5", b"")
    assert req.query == "ASK {}" and req.default_graphs == ["http://g"] and req.timeout == 2.5
    req = parse_query_request("POST", "application/sparql-query; charset=utf-8", b"named-graph-uri=http%3A%2F%2Fn",
                              b"ASK {}")
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
