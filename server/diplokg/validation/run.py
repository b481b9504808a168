"""Run a compiled SHACL plan on a pyoxigraph store (default graph = union of all named graphs) and
return the validation results: one query per constraint, each finding all its violations at once.

Before the queries run, the literals whose datatype some sh:datatype names are checked once each
with rdflib's own conversion, so that "ill-typed" means what it means to pyshacl.
"""

from __future__ import annotations

import datetime
import decimal
import logging
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from rdflib.namespace import XSD

from diplokg.validation.compile import XSD_STRINGS, compile_shapes
from diplokg.validation.messages import messages
from diplokg.validation.plan import Plan, Shape
from diplokg.validation.sparql import Check, Renderer

Node = rdflib.term.Node

#: Python type rdflib must produce for a well-typed literal of these datatypes (as pyshacl checks).
_PY_TYPES: dict[str, type | tuple[type, ...]] = {
    str(XSD.integer): int, str(XSD.float): float, str(XSD.decimal): decimal.Decimal, str(XSD.boolean): bool,
    str(XSD.date): datetime.date, str(XSD.time): datetime.time, str(XSD.dateTime): datetime.datetime,
}


@dataclass(frozen=True)
class ShaclResult:
    """One validation result. Data terms (focus node, value) and shapes-graph terms (path, shape,
    constraint) are rdflib terms; ``path`` is the path node of the shapes graph."""

    focus_node: Node
    result_path: Node | None
    value: Node | None
    source_constraint_component: rdflib.URIRef
    source_shape: Node
    source_constraint: Node | None
    messages: tuple[rdflib.Literal, ...]
    severity: rdflib.URIRef


def validate_store(store: ox.Store, shapes: rdflib.Graph) -> list[ShaclResult]:
    """All SHACL results of the union of the store's graphs against the shapes."""
    return run_plan(store, compile_shapes(shapes), shapes)


def run_plan(store: ox.Store, plan: Plan, shapes: rdflib.Graph) -> list[ShaclResult]:
    ill = ill_typed_literals(store, plan.datatypes)
    out: list[ShaclResult] = []
    for check in Renderer(ill).checks(plan.shapes):
        out += _run_check(store, check, shapes)
    return out


def ill_typed_literals(store: ox.Store, datatypes: Iterable[str]) -> dict[str, list[ox.Literal]]:
    """For each datatype (other than the string types), the distinct literals of that datatype in
    the store that rdflib cannot read as a valid value of it."""
    checked = sorted(set(datatypes) - XSD_STRINGS)
    if not checked:
        return {}
    listed = ", ".join(str(ox.NamedNode(d)) for d in checked)
    query = f"SELECT DISTINCT ?o WHERE {{ ?s ?p ?o FILTER(isLiteral(?o) && DATATYPE(?o) IN ({listed})) }}"
    out: dict[str, list[ox.Literal]] = {}
    for solution in _select(store, query):
        lit = solution["o"]
        if not rdflib_accepts(lit.value, lit.datatype.value):
            out.setdefault(lit.datatype.value, []).append(lit)
    return out


def rdflib_accepts(lexical: str, datatype: str) -> bool:
    """Whether pyshacl's sh:datatype check accepts this literal: rdflib converts it without marking
    it ill-typed, to a value of the Python type expected for the datatype."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logger = logging.getLogger("rdflib.term")
        level = logger.level
        logger.setLevel(logging.ERROR)
        try:
            lit = rdflib.Literal(lexical, datatype=rdflib.URIRef(datatype))
        finally:
            logger.setLevel(level)
    if getattr(lit, "ill_typed", None) is True:
        return False
    expected = _PY_TYPES.get(datatype)
    return expected is None or isinstance(lit.value, expected)


def to_rdflib(t: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """An oxigraph term as the rdflib term pyshacl would see after parsing N-Triples."""
    if isinstance(t, ox.NamedNode):
        return rdflib.URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return rdflib.BNode(t.value)
    if t.language:
        return rdflib.Literal(t.value, lang=t.language)
    if t.datatype.value == str(XSD.string):
        return rdflib.Literal(t.value)
    return rdflib.Literal(t.value, datatype=rdflib.URIRef(t.datatype.value))


def _select(store: ox.Store, query: str) -> ox.QuerySolutions:
    """The solutions of a SELECT query over the union of the store's graphs."""
    solutions = store.query(query, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions), "the engine writes SELECT queries only"
    return solutions


def _run_check(store: ox.Store, check: Check, shapes: rdflib.Graph) -> list[ShaclResult]:
    solutions = _select(store, check.query)
    if check.sparql is not None:
        return _sparql_results(check, solutions, shapes)
    out = []
    value_name = check.value_var[1:] if check.value_var else None
    for solution in solutions:
        focus = to_rdflib(solution["this"])
        value = to_rdflib(solution[value_name]) if value_name else None
        out.append(_result(check, shapes, focus, value))
    return out


def _result(check: Check, shapes: rdflib.Graph, focus: Node, value: Node | None,
            path: Node | None = None, bound: Mapping[str, Node] | None = None) -> ShaclResult:
    shape: Shape = check.shape
    if path is None and shape.path is not None:
        path = shape.path.node
    return ShaclResult(
        focus_node=focus, result_path=path, value=value,
        source_constraint_component=check.constraint.component, source_shape=shape.node,
        source_constraint=check.sparql.node if check.sparql else None,
        messages=messages(shape, check.constraint, shapes, focus, value, bound),
        severity=shape.severity,
    )


def _sparql_results(check: Check, solutions: ox.QuerySolutions, shapes: rdflib.Graph) -> list[ShaclResult]:
    """One result per distinct solution, as pyshacl reports SPARQL-based constraints: ?path and
    ?value are used when bound; on a node shape the value defaults to the focus node."""
    names = [v.value for v in solutions.variables]
    seen, out = set(), []
    for solution in solutions:
        row = {n: to_rdflib(solution[n]) for n in names if solution[n] is not None}
        key = frozenset(row.items())
        if key in seen:
            continue
        seen.add(key)
        focus, path, value = row.pop("this"), row.pop("path", None), row.pop("value", None)
        row.pop("failure", None)
        if value is None and check.shape.path is None:
            value = focus
        bound = {**row, "this": focus, **({"path": path} if path is not None else {}),
                 **({"value": value} if value is not None else {})}
        out.append(_result(check, shapes, focus, value, path, bound))
    return out


__all__ = ["ShaclResult", "ill_typed_literals", "rdflib_accepts", "run_plan", "to_rdflib", "validate_store"]
