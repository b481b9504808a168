"""The sh:resultMessage of a SHACL result, as pyshacl writes it: the shape's sh:message values; for a
SPARQL-based constraint also the constraint's messages, with {?var}/{$var} replaced by the values
of the solution; without any sh:message a generic text per constraint component."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import cast

import rdflib
from rdflib.namespace import SH

from diplokg.validation.plan import Constraint, Shape, SparqlConstraint, shape_parameter, term_parameter

Node = rdflib.term.Node


def messages(shape: Shape, c: Constraint, g: rdflib.Graph, focus: Node, value: Node | None,
             bound: Mapping[str, Node] | None = None) -> tuple[rdflib.Literal, ...]:
    """The result messages of one violation of ``c`` (``bound``: the variables of a SPARQL solution)."""
    own = list(shape.messages)
    out: list[rdflib.Literal] = []
    extra = cast(SparqlConstraint, c.value).messages if c.component == SH.SPARQLConstraintComponent else ()
    for m in extra:
        if m not in own:
            out.append(_substitute(m, bound))
    if not extra and not own:
        own = [rdflib.Literal(generic(shape, c, g, focus, value))]
    out += [_substitute(m, bound) for m in own]
    return tuple(out)


def _substitute(m: rdflib.Literal, bound: Mapping[str, Node] | None) -> rdflib.Literal:
    if bound is None:
        return m
    text = str(m)
    for var, val in bound.items():
        text = re.sub(f"{{[?$]{re.escape(var)}}}", _replacement(str(val)), text)
    return rdflib.Literal(text)


def _replacement(text: str) -> Callable[[re.Match[str]], str]:
    """A re.sub replacement giving ``text`` as it is (a plain string would have its escapes read)."""
    return lambda _: text


def show(g: rdflib.Graph, node: Node | None, depth: int = 0) -> str:
    """A node as pyshacl prints it: a prefixed name, a Literal(...) or a [ p o ] description."""
    nsm = g.namespace_manager
    if isinstance(node, rdflib.Literal):
        lex, val = str(node), node.value
        text = f'"{lex}"' if val is None or str(val) == lex else f'"{lex}" = {val}'
        lang = f", lang={node.language}" if node.language else ""
        dt = f", datatype={show(g, node.datatype)}" if node.datatype else ""
        return f"Literal({text}{lang}{dt})"
    if isinstance(node, rdflib.BNode) and depth < 12:
        if (node, rdflib.RDF.first, None) in g:
            return "( " + " ".join(show(g, x, depth + 1) for x in g.items(node)) + " )"
        parts = {}
        for p in set(g.predicates(node, None)):
            objs = sorted(show(g, o, depth + 1) for o in g.objects(node, p))
            parts[p.n3(nsm)] = ", ".join(objs)
        if not parts:
            return "[ ]"
        return "[ " + " ; ".join(f"{p} {o}" for p, o in sorted(parts.items())) + " ]"
    if isinstance(node, rdflib.URIRef):
        try:
            return node.n3(nsm)
        except Exception:
            return str(node)
    return str(node)


def generic(shape: Shape, c: Constraint, g: rdflib.Graph, focus: Node, value: Node | None) -> str:
    """pyshacl's text for a constraint component when the shape has no sh:message."""
    comp = c.component

    def s(node: object) -> str:
        """A node as ``show`` prints it; ``c.value`` is an RDF term for the components that show it."""
        return show(g, cast("Node | None", node))

    path = s(shape.path.node) if shape.path is not None else None
    on = f"{s(focus)}->{path}" if path else s(focus)
    texts: dict[Node, Callable[[], str]] = {
        SH.ClassConstraintComponent: lambda: f"Value does not have class {s(c.value)}",
        SH.DatatypeConstraintComponent: lambda: f"Value is not Literal with datatype {s(c.value)}",
        SH.NodeKindConstraintComponent: lambda: f"Value is not of Node Kind {s(c.value)}",
        SH.MinCountConstraintComponent: lambda: f"Less than {c.value} values on {on}",
        SH.MaxCountConstraintComponent: lambda: f"More than {c.value} values on {on}",
        SH.MinInclusiveConstraintComponent: lambda: f"Value is not >= {s(c.value)}",
        SH.MaxInclusiveConstraintComponent: lambda: f"Value is not <= {s(c.value)}",
        SH.MinLengthConstraintComponent: lambda: f"String length not >= {s(rdflib.Literal(c.value))}",
        SH.PatternConstraintComponent: lambda: f"Value does not match pattern '{c.value}'",
        SH.LanguageInConstraintComponent: lambda: "String language is not in " + s(g.value(shape.node, SH.languageIn)),
        SH.UniqueLangConstraintComponent: lambda: "More than one String shares the same Language",
        SH.DisjointConstraintComponent: lambda: f"Value of {s(focus)}->{s(c.value)} == {s(value)}",
        SH.NodeConstraintComponent: lambda: f"Value does not conform to Shape {s(shape_parameter(c.value).node)}. "
                                            "See details for more information.",
        SH.OrConstraintComponent: lambda: f"Node {s(value)} must conform to one or more shapes in "
                                          + " , ".join(s(x) for x in g.items(term_parameter(c.extra))),
        SH.QualifiedMinCountConstraintComponent: lambda: _qualified(c, s, "MinCount"),
        SH.QualifiedMaxCountConstraintComponent: lambda: _qualified(c, s, "MaxCount"),
    }
    if comp == SH.HasValueConstraintComponent:
        where = (f"Node {on} does not contain a value in the set:" if path
                 else f"Node {on} value is not a in the set of values:")
        return f"{where} {[s(c.value)]}"
    return texts[comp]() if comp in texts else f"Violation of {s(comp)}"


def _qualified(c: Constraint, s: Callable[[object], str], kind: str) -> str:
    return f"Focus node does not conform to shape {kind} {c.extra}: {s(shape_parameter(c.value).node)}"
