"""Results of the W3C evaluation tests, expected and actual, in one comparable form, and their
comparison as the W3C's test runners make it:

- solutions are a multiset (each at most as often as expected and at least once if the cardinality
  is lax), or a sequence when the query orders them (``ORDER BY``) or the expected
  result set numbers them (``rs:index``); the variables of the head are compared as a set;
- blank nodes are equal up to one consistent renaming over the whole result (graphs: isomorphism);
- literals by lexical form, datatype and language tag (tags case-insensitive; a simple literal is an
  ``xsd:string``), never by value: ``"01"^^xsd:integer`` is not ``"1"^^xsd:integer``;
- CSV, which keeps no types, cell by cell as text, blank nodes (``_:``) renamed consistently; the
  columns by name (the order of ``SELECT *``'s variables is the engine's).

Parsing is pyoxigraph's (strict, lexical forms kept) for SPARQL results in XML, JSON and TSV and for
RDF; Python's csv module for CSV."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from rdflib.compare import isomorphic

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

#: ("iri", value) | ("bnode", label) | ("literal", lexical form, datatype or "", language or "")
Term = tuple[str, ...]
Row = tuple[tuple[str, Term], ...]  # (variable, term) pairs, sorted by variable


@dataclass(frozen=True)
class Solutions:
    variables: frozenset[str] | None  # None: not stated (CSV has its own header check)
    rows: tuple[Row, ...]
    ordered: bool = False  # the expected result numbers its solutions (rs:index)


@dataclass(frozen=True)
class Boolean:
    value: bool


@dataclass(frozen=True)
class Graph:
    triples: tuple[tuple[Term, Term, Term], ...]


@dataclass(frozen=True)
class Table:
    """A CSV result: the header and the rows as text."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Result = Solutions | Boolean | Graph | Table

RESULT_FORMATS = {"srx": ox.QueryResultsFormat.XML, "srj": ox.QueryResultsFormat.JSON,
                  "tsv": ox.QueryResultsFormat.TSV}
RDF_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "rdf": ox.RdfFormat.RDF_XML, "nt": ox.RdfFormat.N_TRIPLES,
               "jsonld": ox.RdfFormat.JSON_LD}


def term(t: object) -> Term:
    if isinstance(t, ox.NamedNode):
        return ("iri", t.value)
    if isinstance(t, ox.BlankNode):
        return ("bnode", t.value)
    if isinstance(t, ox.Literal):
        datatype = "" if t.language or t.datatype.value == XSD_STRING else t.datatype.value
        return ("literal", t.value, datatype, (t.language or "").lower())
    raise TypeError(f"unexpected term {t!r}")


def parse_results(body: bytes, extension: str) -> Solutions | Boolean:
    """SPARQL results in XML (srx), JSON (srj) or TSV."""
    parsed = ox.parse_query_results(body, RESULT_FORMATS[extension])
    if isinstance(parsed, ox.QueryBoolean):
        return Boolean(bool(parsed))
    names = [v.value for v in parsed.variables]
    rows = tuple(tuple(sorted((n, term(s[n])) for n in names if s[n] is not None)) for s in parsed)
    return Solutions(frozenset(names), rows)


def parse_csv(body: bytes) -> Table:
    lines = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    return Table(tuple(lines[0]) if lines else (), tuple(tuple(r) for r in lines[1:]))


def parse_graph(body: bytes, extension: str, base: str | None = None) -> Graph:
    return Graph(tuple((term(t.subject), term(t.predicate), term(t.object))
                       for t in ox.parse(body, RDF_FORMATS[extension], base_iri=base)))


def result_set(graph: Graph) -> Solutions | Boolean | None:
    """The result set an RDF graph in the DAWG result-set vocabulary describes; None if it is no
    result set (a CONSTRUCT result)."""
    by_subject: dict[Term, list[tuple[Term, Term]]] = {}
    for s, p, o in graph.triples:
        by_subject.setdefault(s, []).append((p, o))
    sets = [s for s, pos in by_subject.items() if (("iri", RDF_TYPE), ("iri", RS + "ResultSet")) in pos]
    if not sets:
        return None
    props = by_subject[sets[0]]
    for p, o in props:
        if p == ("iri", RS + "boolean"):
            return Boolean(o[1] == "true")
    variables = frozenset(o[1] for p, o in props if p == ("iri", RS + "resultVariable"))
    rows: list[tuple[int, Row]] = []
    for p, solution in props:
        if p != ("iri", RS + "solution"):
            continue
        index, pairs = 0, []
        for sp, so in by_subject.get(solution, []):
            if sp == ("iri", RS + "index"):
                index = int(so[1])
            elif sp == ("iri", RS + "binding"):
                binding = dict(by_subject.get(so, []))
                pairs.append((binding[("iri", RS + "variable")][1], binding[("iri", RS + "value")]))
        rows.append((index, tuple(sorted(pairs))))
    ordered = any(i for i, _ in rows)
    if ordered:
        rows.sort(key=lambda numbered: numbered[0])
    return Solutions(variables, tuple(r for _, r in rows), ordered)


_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)


def is_ordered(query: str) -> bool:
    return bool(_ORDER_BY.search(query))


def difference(expected: Result, actual: Result, ordered: bool, lax: bool = False) -> str | None:
    """Why ``actual`` is not ``expected`` (None: it is). ``lax``: the test's cardinality is lax
    (``REDUCED``): each solution may appear once or as often as expected."""
    if type(expected) is not type(actual):
        return f"expected {type(expected).__name__}, got {type(actual).__name__}"
    if isinstance(expected, Boolean):
        return None if expected == actual else f"expected {expected.value}, got {not expected.value}"
    if isinstance(expected, Graph):
        assert isinstance(actual, Graph)
        if isomorphic(_rdflib(expected), _rdflib(actual)):
            return None
        return f"graphs differ: expected {len(set(expected.triples))} triples, got {len(set(actual.triples))}"
    if isinstance(expected, Table):
        assert isinstance(actual, Table)
        if sorted(expected.header) != sorted(actual.header):
            return f"CSV header {actual.header} instead of {expected.header}"
        columns = [actual.header.index(name) for name in expected.header]  # SELECT * orders them as it likes
        same = _match([tuple((c,) for c in r) for r in expected.rows],
                      [tuple((r[i],) for i in columns) for r in actual.rows], ordered, _csv_blank)
        return None if same else f"CSV rows differ: expected {list(expected.rows)}, got {list(actual.rows)}"
    assert isinstance(expected, Solutions) and isinstance(actual, Solutions)
    if expected.variables is not None and actual.variables is not None and expected.variables != actual.variables:
        return f"variables {sorted(actual.variables)} instead of {sorted(expected.variables)}"
    rows_e = [tuple(t for _, t in r) + tuple(("var", v) for v, _ in r) for r in expected.rows]
    rows_a = [tuple(t for _, t in r) + tuple(("var", v) for v, _ in r) for r in actual.rows]
    if _match(rows_e, rows_a, ordered or expected.ordered, _bnode):
        return None
    if lax and not ordered and set(rows_a) <= set(rows_e) and len(set(rows_a)) == len(set(rows_e)) <= len(rows_a) \
            and all(rows_a.count(r) <= rows_e.count(r) for r in set(rows_a)):
        return None
    return (f"solutions differ: expected {len(rows_e)}, got {len(rows_a)}"
            + ("" if len(rows_e) > 8 else f": expected {list(expected.rows)}, got {list(actual.rows)}"))


def _bnode(t: Term) -> str | None:
    return t[1] if t[0] == "bnode" else None


def _csv_blank(t: Term) -> str | None:
    return t[0][2:] if t[0].startswith("_:") else None


def _shape(row: Sequence[Term], blank) -> tuple[object, ...]:
    return tuple("_" if blank(t) is not None else t for t in row)


def _match(expected: list[tuple[Term, ...]], actual: list[tuple[Term, ...]], ordered: bool, blank) -> bool:
    """Whether one consistent renaming of blank nodes makes the rows equal (as sequences if ordered,
    else as multisets)."""
    if len(expected) != len(actual):
        return False
    if ordered:
        forward: dict[str, str] = {}
        backward: dict[str, str] = {}
        return all(_unify(e, a, forward, backward, blank) for e, a in zip(expected, actual, strict=True))
    if Counter(_shape(r, blank) for r in expected) != Counter(_shape(r, blank) for r in actual):
        return False
    ground_e = [r for r in expected if all(blank(t) is None for t in r)]
    ground_a = [r for r in actual if all(blank(t) is None for t in r)]
    if Counter(ground_e) != Counter(ground_a):
        return False
    rest_e = [r for r in expected if any(blank(t) is not None for t in r)]
    rest_a = [r for r in actual if any(blank(t) is not None for t in r)]
    return _search(rest_e, rest_a, [False] * len(rest_a), {}, {}, blank)


def _unify(e: Sequence[Term], a: Sequence[Term], forward: dict[str, str], backward: dict[str, str], blank) -> bool:
    """Extend the renaming so that ``e`` becomes ``a`` (False, and the renaming unchanged, if it cannot)."""
    added = []
    for te, ta in zip(e, a, strict=True):
        be, ba = blank(te), blank(ta)
        if be is None or ba is None:
            if te != ta:
                break
            continue
        if forward.get(be, ba) != ba or backward.get(ba, be) != be:
            break
        if be not in forward:
            forward[be], backward[ba] = ba, be
            added.append(be)
    else:
        return True
    for be in added:
        del backward[forward.pop(be)]
    return False


def _search(expected, actual, used, forward, backward, blank) -> bool:
    if not expected:
        return True
    first, rest = expected[0], expected[1:]
    shape = _shape(first, blank)
    for i, candidate in enumerate(actual):
        if used[i] or _shape(candidate, blank) != shape:
            continue
        f, b = dict(forward), dict(backward)
        if _unify(first, candidate, f, b, blank):
            used[i] = True
            if _search(rest, actual, used, f, b, blank):
                return True
            used[i] = False
    return False


def _rdflib(graph: Graph) -> rdflib.Graph:
    g = rdflib.Graph()
    for triple in graph.triples:
        g.add(tuple(_rdflib_term(t) for t in triple))  # type: ignore[arg-type]  # a triple of three terms
    return g


def _rdflib_term(t: Term) -> rdflib.term.Node:
    if t[0] == "iri":
        return rdflib.URIRef(t[1])
    if t[0] == "bnode":
        return rdflib.BNode(t[1])
    return rdflib.Literal(t[1], lang=t[3] or None, datatype=rdflib.URIRef(t[2]) if t[2] else None, normalize=False)
