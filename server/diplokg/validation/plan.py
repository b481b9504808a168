"""The plan of a SHACL shapes graph, as plain data: the shapes that have targets, with their
targets, paths and constraints. ``compile.py`` reads a shapes graph into a plan; ``sparql.py``
renders a plan as queries; ``run.py`` runs them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import SupportsInt, cast

import rdflib
from rdflib.namespace import SH

Node = rdflib.term.Node


@dataclass(frozen=True)
class Path:
    """A property path: kind is 'iri', 'inverse', 'alternative' or 'sequence'."""

    kind: str
    node: Node  # the path node in the shapes graph (an IRI, or the blank node describing it)
    iri: str | None = None
    parts: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Target:
    """kind: 'class', 'node', 'subjectsOf', 'objectsOf' (term set) or 'sparql' (select set)."""

    kind: str
    term: Node | None = None
    select: str | None = None
    prefixes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class SparqlConstraint:
    """An sh:sparql constraint: its node, SELECT text, prefixes and messages."""

    node: Node
    select: str
    prefixes: tuple[tuple[str, str], ...]
    messages: tuple[rdflib.Literal, ...]


@dataclass(frozen=True)
class Constraint:
    """One constraint of a shape. component: the sh:…ConstraintComponent IRI. value: the parameter
    (an RDF term, an int, a Shape, a tuple of Shapes, a SparqlConstraint…), extra: a second parameter
    (the flags of sh:pattern, the count of sh:qualifiedValueShape)."""

    component: rdflib.URIRef
    value: object
    extra: object = None


@dataclass(eq=False)
class Shape:
    """A node shape (path None) or property shape, with what it requires of its value nodes."""

    node: Node
    path: Path | None
    targets: tuple[Target, ...] = ()
    constraints: list[Constraint] = field(default_factory=list)
    messages: tuple[rdflib.Literal, ...] = ()
    severity: rdflib.URIRef = SH.Violation


@dataclass
class Plan:
    """The shapes to validate (those with targets) and every datatype that sh:datatype names."""

    shapes: list[Shape]
    datatypes: frozenset[str]


# The parameters of a constraint (Constraint.value and .extra) have the type compile.py gives them for
# the constraint's component; these read them as that type.
def shape_parameter(value: object) -> Shape:
    """The shape of sh:node, sh:property and sh:qualifiedValueShape."""
    return cast(Shape, value)


def term_parameter(value: object) -> Node:
    """An RDF term of the shapes graph (sh:class, sh:datatype, sh:minInclusive, sh:hasValue…)."""
    return cast(Node, value)


def count_parameter(value: object) -> int:
    """A count (sh:minCount, sh:minLength, the count of sh:qualifiedValueShape…)."""
    return int(cast(SupportsInt, value))


def property_path(shape: Shape) -> Path:
    """The path of a property shape (compile.py refuses the constraints that need one on node shapes)."""
    assert shape.path is not None, f"{shape.node} is not a property shape"
    return shape.path
