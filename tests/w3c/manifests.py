"""The W3C SPARQL test manifests of ``tests/w3c/suites``: every test as a ``W3CTest``.

Files are named by their W3C IRIs, as the manifests name them (``data-r2/`` for SPARQL 1.0,
``data-sparql11/`` for 1.1); ``path_of`` maps such an IRI to the copy here. Withdrawn tests are
left out, as the W3C's own reports leave them out."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import rdflib
from rdflib.collection import Collection

SUITES = Path(__file__).parent / "suites"
ROOTS = {
    "sparql10": "http://www.w3.org/2001/sw/DataAccess/tests/data-r2/",
    "sparql11": "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/",
}
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
DAWGT = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#")

#: the top manifests of the query, update-syntax, results-format and federation tests
QUERY_MANIFESTS = (
    "sparql10/manifest-syntax.ttl",
    "sparql10/manifest-evaluation.ttl",
    "sparql11/manifest-sparql11-query.ttl",
    "sparql11/manifest-sparql11-results.ttl",
    "sparql11/manifest-sparql11-update.ttl",
    "sparql11/manifest-sparql11-fed.ttl",
)
SYNTAX_KINDS = {"PositiveSyntaxTest", "PositiveSyntaxTest11", "NegativeSyntaxTest", "NegativeSyntaxTest11"}
UPDATE_SYNTAX_KINDS = {"PositiveUpdateSyntaxTest11", "NegativeUpdateSyntaxTest11"}
EVALUATION_KINDS = {"QueryEvaluationTest", "CSVResultFormatTest"}


@dataclass(frozen=True)
class W3CTest:
    """One test of a manifest: its IRI, kind (the local name of its ``mf:`` type) and files (IRIs)."""

    iri: str
    kind: str
    name: str
    query: str | None = None
    data: tuple[str, ...] = ()
    #: named graphs: (graph name, file IRI); the name is the file's IRI unless the manifest labels it
    graph_data: tuple[tuple[str, str], ...] = ()
    #: SERVICE endpoints the test simulates: (endpoint IRI, file IRI)
    service_data: tuple[tuple[str, str], ...] = ()
    result: str | None = None
    requires: tuple[str, ...] = ()
    #: mf:LaxCardinality: duplicates may be kept or removed (REDUCED)
    lax: bool = False

    @property
    def id(self) -> str:
        """A short, stable name: the manifest's folder under the suites and the test's fragment."""
        for suite, root in ROOTS.items():
            if self.iri.startswith(root):
                return suite + "/" + self.iri[len(root):].replace("manifest#", "")
        return self.iri

    @property
    def positive(self) -> bool:
        return self.kind.startswith("Positive")


def iri_of(path: Path) -> str:
    relative = path.resolve().relative_to(SUITES.resolve())
    suite, rest = relative.parts[0], "/".join(relative.parts[1:])
    return ROOTS[suite] + rest


def path_of(iri: str) -> Path:
    for suite, root in ROOTS.items():
        if iri.startswith(root):
            return SUITES / suite / iri[len(root):].split("#")[0]
    raise ValueError(f"not a file of the W3C suites: {iri}")


@cache
def load(*manifests: str) -> tuple[W3CTest, ...]:
    """The tests of ``manifests`` (paths under the suites) and of the manifests they include, in
    manifest order."""
    found: list[W3CTest] = []
    for manifest in manifests:
        _collect(iri_of(SUITES / manifest), found, set())
    return tuple(found)


def _collect(manifest: str, found: list[W3CTest], seen: set[str]) -> None:
    if manifest in seen:
        return
    seen.add(manifest)
    graph = rdflib.Graph()
    graph.parse(path_of(manifest), format="turtle", publicID=manifest)
    node = rdflib.URIRef(manifest)
    for head in graph.objects(node, MF.include):
        for included in Collection(graph, head):
            _collect(str(included), found, seen)
    for head in graph.objects(node, MF.entries):
        for entry in Collection(graph, head):
            test = _test(graph, entry)
            if test is not None:
                found.append(test)


def _test(graph: rdflib.Graph, entry: rdflib.term.Node) -> W3CTest | None:
    if (entry, DAWGT.approval, DAWGT.Withdrawn) in graph:
        return None
    kinds = [str(t)[len(str(MF)):] for t in graph.objects(entry, rdflib.RDF.type) if str(t).startswith(str(MF))]
    kind = kinds[0] if kinds else "Unknown"
    name = str(graph.value(entry, MF.name) or entry)
    action = graph.value(entry, MF.action)
    result = graph.value(entry, MF.result)
    requires = tuple(sorted(str(r)[len(str(MF)):] for r in graph.objects(entry, MF.requires)))
    lax = (entry, MF.resultCardinality, MF.LaxCardinality) in graph
    base = {"iri": str(entry), "kind": kind, "name": name, "requires": requires, "lax": lax,
            "result": str(result) if isinstance(result, rdflib.URIRef) else None}
    if isinstance(action, rdflib.URIRef):  # a syntax test: the action is the query or update file
        return W3CTest(query=str(action), **base)
    if action is None:
        return W3CTest(**base)
    query = graph.value(action, QT.query) or graph.value(action, UT.request)
    data = tuple(sorted(str(d) for d in graph.objects(action, QT.data)))
    named = []
    for g in graph.objects(action, QT.graphData):
        if isinstance(g, rdflib.URIRef):
            named.append((str(g), str(g)))
        else:
            named.append((str(graph.value(g, rdflib.RDFS.label)), str(graph.value(g, QT.graph))))
    services = tuple(sorted((str(graph.value(s, QT.endpoint)), str(graph.value(s, QT.data)))
                            for s in graph.objects(action, QT.serviceData)))
    return W3CTest(query=str(query) if query else None, data=data, graph_data=tuple(sorted(named)),
                   service_data=services, **base)


def runnable() -> tuple[W3CTest, ...]:
    """The tests this project runs: query syntax, update syntax and query evaluation (the update
    evaluation tests need a writable endpoint)."""
    kinds = SYNTAX_KINDS | UPDATE_SYNTAX_KINDS | EVALUATION_KINDS
    return tuple(t for t in load(*QUERY_MANIFESTS) if t.kind in kinds)
