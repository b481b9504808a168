"""Virtuoso's blank nodes in SPARQL JSON results ("nodeID://b10000", what Virtuoso 7 answers) become
labels pyoxigraph's parser reads, wherever the engine's answer is split into chunks."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from diplokg.engine.remote_http import bnode_labels

VIRTUOSO_JSON = (b'\n{ "head": { "link": [], "vars": ["s", "p", "o"] },\n  "results": { "distinct": false, '
                 b'"ordered": true, "bindings": [\n    { "s": { "type": "bnode", "value": "nodeID://b10000" }\t, '
                 b'"p": { "type": "uri", '
                 b'"value": "http://example.org/p" }\t, "o": { "type": "bnode", "value": "nodeID://b10001" }},\n'
                 b'    { "s": { "type": "uri", "value": "http://example.org/s" }\t, "p": { "type": "uri", "value": '
                 b'"http://example.org/p" }\t, "o": { "type": "literal", "value": "nodeID://not-a-bnode" }} ] } }')


@pytest.mark.parametrize("size", [1, 7, 20, 64, 65, 1000, 100000])
def test_virtuoso_blank_nodes_parse_whatever_the_chunks(size):
    chunks = [VIRTUOSO_JSON[i:i + size] for i in range(0, len(VIRTUOSO_JSON), size)]
    body = b"".join(bnode_labels(iter(chunks)))
    rows = list(ox.parse_query_results(body, ox.QueryResultsFormat.JSON))
    assert [r["s"] for r in rows] == [ox.BlankNode("b10000"), ox.NamedNode("http://example.org/s")]
    assert rows[0]["o"] == ox.BlankNode("b10001")
    assert rows[1]["o"] == ox.Literal("nodeID://not-a-bnode")  # a literal keeps its value


def test_without_the_rewrite_pyoxigraph_refuses_them():
    with pytest.raises(SyntaxError):
        list(ox.parse_query_results(VIRTUOSO_JSON, ox.QueryResultsFormat.JSON))
