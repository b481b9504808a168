"""Protocol abuse against a real ``diplokg serve`` on loopback: every malformed, smuggled, oversized
or unsupported request gets the right 4xx with a clear message, never a 500 or a hang, and the
server keeps answering afterwards."""

from __future__ import annotations

import httpx
import pytest
from raw_http import request, send_until_refused

from diplokg.http.limits import MAX_DATASET_GRAPHS, MAX_HEADER_BYTES, MAX_HEADER_FIELDS, MAX_QUERY_NESTING

ASK = b"ASK%7B%7D"  # ASK {}
FORM = b"Content-Type: application/x-www-form-urlencoded"

CASES = [
    # name, request line and headers, body, status, fragment of the message
    ("';' is not a form separator: the smuggled field stays part of the query",
     b"POST /sparql HTTP/1.1\r\n" + FORM, b"query=" + ASK + b";query=" + ASK, 400, b"SPARQL syntax error"),
    ("two queries in the form", b"POST /sparql HTTP/1.1\r\n" + FORM, b"query=" + ASK + b"&query=" + ASK, 400, b"query"),
    ("query in the URL and in the body", b"POST /sparql?query=" + ASK + b" HTTP/1.1\r\n" + FORM,
     b"query=" + ASK, 400, b"query"),
    ("percent-encoded bytes in the URL that are not UTF-8",
     b"GET /sparql?query=ASK%7B%7D%FF HTTP/1.1", b"", 400, b"not valid UTF-8"),
    ("raw bytes in the URL that are not UTF-8", b"GET /sparql?query=ASK\xff\xfe HTTP/1.1", b"", 400,
     b"Invalid HTTP request"),
    ("a body that is not UTF-8", b"POST /sparql HTTP/1.1\r\nContent-Type: application/sparql-query",
     b"ASK{\xff}", 400, b"not valid UTF-8"),
    ("a form whose percent-encoded bytes are not UTF-8", b"POST /sparql HTTP/1.1\r\n" + FORM,
     b"query=ASK%7B%FF", 400, b"not valid UTF-8"),
    ("a form in another charset", b"POST /sparql HTTP/1.1\r\n" + FORM + b"; charset=latin1",
     b"query=" + ASK, 415, b"UTF-8"),
    ("a POST without Content-Type", b"POST /sparql HTTP/1.1", b"ASK { }", 415, b"Content-Type"),
    ("a POST with an unknown media type", b"POST /sparql HTTP/1.1\r\nContent-Type: text/csv", b"ASK { }", 415,
     b"Content-Type"),
    ("an Accept nothing can satisfy", b"GET /sparql?query=" + ASK + b" HTTP/1.1\r\nAccept: image/png", b"", 406,
     b"image/png"),
    ("a Content-Length that is not a number",
     b"POST /sparql HTTP/1.1\r\nContent-Type: application/sparql-query\r\nContent-Length: abc", b"ASK{}", 400,
     b"Invalid"),
    ("a default-graph-uri with a space", b"GET /sparql?query=" + ASK + b"&default-graph-uri=not%20an%20iri HTTP/1.1",
     b"", 400, b"absolute IRI"),
    ("a relative default-graph-uri", b"GET /sparql?query=" + ASK + b"&default-graph-uri=foo HTTP/1.1", b"", 400,
     b"absolute IRI"),
    ("an empty named-graph-uri", b"GET /sparql?query=" + ASK + b"&named-graph-uri= HTTP/1.1", b"", 400,
     b"absolute IRI"),
    ("10 000 named-graph-uri in the body", b"POST /sparql HTTP/1.1\r\n" + FORM,
     b"query=" + ASK + b"&named-graph-uri=http://e/g" * 10_000, 400, b"at most %d" % MAX_DATASET_GRAPHS),
    ("10 000 default-graph-uri in the URL (290 kB: over the URL limit)",
     b"GET /sparql?query=" + ASK + b"&default-graph-uri=http://e/g" * 10_000 + b" HTTP/1.1", b"", 414, b"POST"),
    ("a URL over the limit", b"GET /sparql?query=" + ASK + b"%20" * 6_000 + b" HTTP/1.1", b"", 414, b"POST"),
    ("a body declared over the limit",  # refused before it is read
     b"POST /sparql HTTP/1.1\r\nContent-Type: application/sparql-query\r\nContent-Length: 1100000", b"ASK {}",
     413, b"larger than"),
    ("a 70 kB URL (httptools alone answers 'Invalid HTTP request' past 64 KiB)",
     b"GET /sparql?query=" + ASK + b"%20" * 23_000 + b" HTTP/1.1", b"", 414, b"POST"),
    ("a 10 MB URL", b"GET /sparql?query=" + ASK + b"a" * 10_000_000 + b" HTTP/1.1", b"", 414, b"POST"),
    ("a 10 MB header", b"GET /sparql?query=" + ASK + b" HTTP/1.1\r\nX-Big: " + b"a" * 10_000_000, b"", 431,
     b"headers are too large"),
    ("a 200 kB header", b"GET /sparql?query=" + ASK + b" HTTP/1.1\r\nX-Big: " + b"a" * 200_000, b"", 431,
     b"headers are too large"),
    ("5 000 header fields", b"GET /sparql?query=" + ASK + b" HTTP/1.1\r\n"
     + b"\r\n".join(b"X-H%d: v" % i for i in range(5_000)), b"", 431, b"headers are too large"),
    *[(f"method {m}", m.encode() + b" /sparql HTTP/1.1", b"", 405, b"not allowed")
      for m in ("PUT", "DELETE", "PATCH", "TRACE", "PROPFIND")],
    ("a method HTTP does not know", b"BREW /sparql HTTP/1.1", b"", 400, b"Invalid HTTP request"),
]


@pytest.mark.parametrize(("name", "head", "body", "status", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_abuse_gets_the_right_4xx_and_the_server_stays_up(server, name, head, body, status, fragment):
    response = request(server.port, head, body)
    assert response.status == status, (name, response.head, response.body[:300])
    assert fragment in response.body, response.body[:300]
    assert b"Traceback" not in response.body
    assert httpx.get(server.url + "health", timeout=10).json()["status"] == "ok"
    assert httpx.get(server.endpoint, params={"query": "ASK { ?s ?p ?o }"}, timeout=10,
                     headers={"Accept": "application/sparql-results+json"}).json()["boolean"] is True


@pytest.mark.parametrize(("method", "status"), [("HEAD", 200), ("OPTIONS", 204)])
def test_head_and_options_are_answered(server, method, status):
    response = request(server.port, method.encode() + b" /sparql?query=" + ASK + b" HTTP/1.1")
    assert response.status == status
    assert response.body == b""


def test_dataset_graph_limit_is_exact(server):
    def ask(n: int) -> int:
        body = b"query=" + ASK + b"&named-graph-uri=http://example.org/g" * n
        return request(server.port, b"POST /sparql HTTP/1.1\r\n" + FORM, body).status

    assert ask(MAX_DATASET_GRAPHS) == 200
    assert ask(MAX_DATASET_GRAPHS + 1) == 400


def test_header_limits_are_exact(server):
    line = b"GET /sparql?query=" + ASK + b" HTTP/1.1\r\nAccept: application/sparql-results+json\r\n"
    # with the Host and Connection fields request() adds: 3 fields before the test's own
    fixed_fields, fixed_bytes = 3, len(b"host127.0.0.1connectioncloseacceptapplication/sparql-results+json")
    fields_ok = b"\r\n".join(b"X-%03d: v" % i for i in range(MAX_HEADER_FIELDS - fixed_fields))
    assert request(server.port, line + fields_ok).status == 200
    assert request(server.port, line + fields_ok + b"\r\nX-one-more: v").status == 431
    room = MAX_HEADER_BYTES - fixed_bytes - len(b"x-pad")
    assert request(server.port, line + b"X-Pad: " + b"a" * room).status == 200
    assert request(server.port, line + b"X-Pad: " + b"a" * (room + 1)).status == 431


@pytest.mark.parametrize("prefix", [b"GET /sparql?query=", b"GET /sparql HTTP/1.1\r\nX-Endless: "],
                         ids=["URL", "header"])
def test_an_endless_request_head_is_cut_off_while_it_is_read(server, prefix):
    """A client sending a URL or header that never ends: the web process answers 414/431 and closes
    the connection after a bounded amount (URL limit + header limit), instead of buffering it all."""
    sent, response = send_until_refused(server.port, prefix, b"a" * 65536, 100_000_000)
    assert response.split(b" ", 2)[1] == (b"414" if b"?" in prefix else b"431"), response[:200]
    assert sent < 20_000_000, f"the server read {sent} bytes"
    assert httpx.get(server.url + "health", timeout=10).json()["status"] == "ok"


DEEP = 100_000  # pyoxigraph's parser overflowed its stack and killed the worker from a few thousand levels


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { FILTER(" + "(" * DEEP + "1" + ")" * DEEP + ") }",
    "SELECT * WHERE " + "{" * DEEP + "}" * DEEP,
    "SELECT * WHERE { ?s <p> " + "[ <p> " * DEEP + "]" * DEEP + " }",
], ids=["parentheses", "groups", "blank-node property lists"])
def test_deep_nesting_is_refused_before_it_reaches_a_worker(server, http, query):
    replaced = http.get(server.url + "health").json()["workers"]["replaced"]
    response = http.post(server.endpoint, content=query.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "application/json"})
    assert response.status_code == 400
    assert response.json()["kind"] == "nesting"
    assert f"at most {MAX_QUERY_NESTING}" in response.json()["message"]
    assert http.get(server.url + "health").json()["workers"]["replaced"] == replaced


def test_nesting_up_to_the_limit_is_answered(server, http):
    query = "ASK { FILTER(" + "(" * (MAX_QUERY_NESTING - 2) + "true" + ")" * (MAX_QUERY_NESTING - 2) + ") }"
    response = http.post(server.endpoint, content=query.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    assert response.json()["boolean"] is True
    too_deep = query.replace("FILTER(", "FILTER((", 1).replace("true", "true)", 1)
    assert http.post(server.endpoint, content=too_deep.encode(), headers={
        "Content-Type": "application/sparql-query"}).status_code == 400
