"""Runs one W3C test against a SPARQL endpoint over HTTP (the SPARQL 1.1 Protocol only, so the same
runner drives ``diplokg serve`` and ``oxigraph serve``) and says whether it passed.

- Query syntax tests: the query file as it is, POSTed as ``application/sparql-query`` with an empty
  protocol dataset; positive: 200, negative: 400. Relative IRIs resolve against the endpoint's own
  base IRI.
- Update syntax tests: the update POSTed as ``application/sparql-update`` must be refused with 403
  (the endpoint is read-only, whatever the update says), and sent as a query it must get 400; that
  none was executed is checked once for all (test_no_update_was_executed).
- Evaluation tests: every data file is loaded as a named graph named by its W3C IRI
  (``dataset_quads``); the query gets its file's IRI as base (``BASE`` first, as a test runner that
  reads it from the file would; not if the query sets an absolute BASE first) and, unless it has
  FROM / FROM NAMED of its own, the protocol dataset of the manifest: ``default-graph-uri`` for
  ``qt:data``, ``named-graph-uri`` for ``qt:graphData``. The result is asked for in the format of
  the expected result file (XML, JSON, TSV, CSV; Turtle, RDF/XML or N-Triples for graphs; JSON for
  result sets written in RDF), parsed and compared (``results``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import httpx
import pyoxigraph as ox

from diplokg.core.iris import resolve
from diplokg.core.lexer import analyse
from w3c.manifests import EVALUATION_KINDS, SYNTAX_KINDS, UPDATE_SYNTAX_KINDS, W3CTest, path_of
from w3c.results import (
    RDF_FORMATS,
    Graph,
    Result,
    difference,
    is_ordered,
    parse_csv,
    parse_graph,
    parse_results,
    result_set,
)

#: names a default graph that no test has: an empty one
EMPTY = "urn:x-w3c-tests:empty"
ACCEPT = {"srx": "application/sparql-results+xml", "srj": "application/sparql-results+json",
          "tsv": "text/tab-separated-values", "csv": "text/csv", "ttl": "text/turtle",
          "rdf": "application/rdf+xml", "nt": "application/n-triples"}
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_FROM = re.compile(r"\bFROM\s+(?:NAMED\s+)?<([^>]*)>", re.IGNORECASE)
_RDF_PARSERS = {".ttl": ox.RdfFormat.TURTLE, ".rdf": ox.RdfFormat.RDF_XML, ".nt": ox.RdfFormat.N_TRIPLES}


@dataclass(frozen=True)
class Outcome:
    passed: bool
    reason: str = ""


def data_files(tests: Iterable[W3CTest]) -> list[str]:
    """The IRIs of every file the evaluation tests load, once each: the manifests' data and the
    queries' FROM / FROM NAMED files."""
    files: set[str] = set()
    for t in tests:
        if t.kind in EVALUATION_KINDS:
            files.update(t.data)
            files.update(f for _, f in t.graph_data)
            files.update(f for _, f in t.service_data)
            if t.query:
                text = path_of(t.query).read_text("utf-8")
                files.update(resolve(iri, t.query) for iri in _FROM.findall(text))
    return sorted(files)


def dataset_quads(files: Iterable[str]) -> tuple[list[ox.Quad], dict[str, str]]:
    """Each file as a named graph named by its IRI (its base IRI too); and the files that did not
    parse, with the parser's message (their tests fail with it)."""
    quads: list[ox.Quad] = []
    broken: dict[str, str] = {}
    for iri in files:
        path = path_of(iri)
        try:
            # blank nodes renamed: two files that write _:a mean two blank nodes
            triples = list(ox.parse(path=path, format=_RDF_PARSERS[path.suffix], base_iri=iri,
                                    rename_blank_nodes=True))
        except (SyntaxError, KeyError) as e:
            broken[iri] = f"{path.name} does not load: {e}"
            continue
        graph = ox.NamedNode(iri)
        quads += [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    return quads, broken


class Runner:
    def __init__(self, client: httpx.Client, endpoint: str, broken: dict[str, str]) -> None:
        self.client, self.endpoint, self.broken = client, endpoint, broken

    def run(self, test: W3CTest) -> Outcome:
        if test.kind in SYNTAX_KINDS:
            return self._syntax(test)
        if test.kind in UPDATE_SYNTAX_KINDS:
            return self._update_syntax(test)
        if test.kind in EVALUATION_KINDS:
            return self._evaluation(test)
        raise ValueError(f"{test.id}: tests of kind {test.kind} are not run here")

    def post_query(self, text: str, params: list[tuple[str, str]], accept: str) -> httpx.Response:
        return self.client.post(self.endpoint, params=params, content=text.encode("utf-8"),
                                headers={"Content-Type": "application/sparql-query", "Accept": accept})

    def _syntax(self, test: W3CTest) -> Outcome:
        assert test.query is not None
        r = self.post_query(path_of(test.query).read_text("utf-8"), [("default-graph-uri", EMPTY)],
                            "application/sparql-results+json, text/turtle;q=0.9")
        want = 200 if test.positive else 400
        if r.status_code == want:
            return Outcome(True)
        return Outcome(False, f"status {r.status_code} instead of {want}: {r.text[:300]}")

    def _update_syntax(self, test: W3CTest) -> Outcome:
        assert test.query is not None
        text = path_of(test.query).read_text("utf-8")
        r = self.client.post(self.endpoint, content=text.encode("utf-8"),
                             headers={"Content-Type": "application/sparql-update"})
        if r.status_code != 403:
            return Outcome(False, f"update: status {r.status_code} instead of 403: {r.text[:300]}")
        r = self.post_query(text, [("default-graph-uri", EMPTY)], "application/sparql-results+json")
        if r.status_code != 400:
            return Outcome(False, f"update sent as a query: status {r.status_code} instead of 400: {r.text[:300]}")
        return Outcome(True)

    def _evaluation(self, test: W3CTest) -> Outcome:
        assert test.query is not None and test.result is not None
        files = [*test.data, *(f for _, f in test.graph_data), *(f for _, f in test.service_data)]
        if broken := [self.broken[f] for f in files if f in self.broken]:
            return Outcome(False, "; ".join(broken))
        query = path_of(test.query).read_text("utf-8")
        expected = expected_result(test)
        extension = test.result.rsplit(".", 1)[-1]
        if extension in RDF_FORMATS and not isinstance(expected, Graph):
            extension = "srj"  # a result set written in RDF: asked for as JSON
        params: list[tuple[str, str]] = []
        info = analyse(query)
        # the file's IRI as base, unless the query sets an absolute one first (two BASEs are valid
        # SPARQL, but Virtuoso refuses them)
        own_base = info.base is not None and _ABSOLUTE.match(info.base) is not None
        if not info.has_dataset_clause:
            params = [("default-graph-uri", g) for g in test.data or (EMPTY,)]
            params += [("named-graph-uri", name) for name, _ in test.graph_data]
        r = self.post_query(query if own_base else f"BASE <{test.query}>\n{query}", params, ACCEPT[extension])
        if r.status_code != 200:
            return Outcome(False, f"status {r.status_code}: {r.text[:300]}")
        if r.headers.get("x-diplokg-truncated") == "true":
            return Outcome(False, "the result was cut at the endpoint's row cap")
        try:
            actual = parse_answer(r.content, extension)
        except (SyntaxError, ValueError) as e:
            return Outcome(False, f"the {extension} answer does not parse: {e}")
        why = difference(expected, actual, is_ordered(query), test.lax)
        return Outcome(why is None, why or "")


def expected_result(test: W3CTest) -> Result:
    assert test.result is not None
    path = path_of(test.result)
    extension = path.suffix[1:]
    if extension == "csv":
        return parse_csv(path.read_bytes())
    if extension in RDF_FORMATS:
        graph = parse_graph(path.read_bytes(), extension, test.result)
        return result_set(graph) or graph
    return parse_results(path.read_bytes(), extension)


def parse_answer(body: bytes, extension: str) -> Result:
    if extension == "csv":
        return parse_csv(body)
    if extension in RDF_FORMATS:
        return parse_graph(body, extension)
    return parse_results(body, extension)
