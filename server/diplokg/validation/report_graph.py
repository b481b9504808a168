"""A SHACL validation report graph (sh:ValidationReport with one sh:ValidationResult per result) from
the results of the SPARQL engine, shaped like pyshacl's: blank-node paths, shapes and constraints are
copied from the shapes graph with everything they describe."""

from __future__ import annotations

from collections.abc import Sequence

import rdflib
from rdflib.namespace import RDF, SH

from diplokg.validation.run import ShaclResult


def report_graph(results: Sequence[ShaclResult], shapes: rdflib.Graph) -> rdflib.Graph:
    g = rdflib.Graph()
    report = rdflib.BNode()
    g.add((report, RDF.type, SH.ValidationReport))
    g.add((report, SH.conforms, rdflib.Literal(not results)))
    copied: set[rdflib.term.Node] = set()
    for r in results:
        node = rdflib.BNode()
        g.add((report, SH.result, node))
        g.add((node, RDF.type, SH.ValidationResult))
        g.add((node, SH.focusNode, r.focus_node))
        g.add((node, SH.sourceConstraintComponent, r.source_constraint_component))
        g.add((node, SH.sourceShape, r.source_shape))
        g.add((node, SH.resultSeverity, r.severity))
        for p, o in ((SH.resultPath, r.result_path), (SH.value, r.value), (SH.sourceConstraint, r.source_constraint)):
            if o is not None:
                g.add((node, p, o))
        for m in r.messages:
            g.add((node, SH.resultMessage, m))
        for shape_term in (r.result_path, r.source_shape, r.source_constraint):
            _copy_description(shapes, g, shape_term, copied)
    return g


def _copy_description(src: rdflib.Graph, dst: rdflib.Graph, node: rdflib.term.Node | None,
                      copied: set[rdflib.term.Node]) -> None:
    """Copy the triples of a blank node of the shapes graph and of the blank nodes it reaches."""
    todo = [node] if isinstance(node, rdflib.BNode) else []
    while todo:
        n = todo.pop()
        if n in copied:
            continue
        copied.add(n)
        for p, o in src.predicate_objects(n):
            dst.add((n, p, o))
            if isinstance(o, rdflib.BNode):
                todo.append(o)


def merge_reports(parts: Sequence[tuple[rdflib.Graph, Sequence[rdflib.term.Node]]]) -> rdflib.Graph:
    """One report of the given results of several report graphs (each result with its nested results
    and the shapes-graph descriptions it refers to); conforms when there are none."""
    g = rdflib.Graph()
    report = rdflib.BNode()
    g.add((report, RDF.type, SH.ValidationReport))
    g.add((report, SH.conforms, rdflib.Literal(not any(nodes for _, nodes in parts))))
    for src, nodes in parts:
        copied: set[rdflib.term.Node] = set()
        for node in nodes:
            g.add((report, SH.result, node))
            _copy_description(src, g, node, copied)
    return g
