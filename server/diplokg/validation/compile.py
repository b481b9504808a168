"""Read a SHACL shapes graph into a plan: the shapes that have targets, with their targets, paths and
constraints as plain data (no SPARQL yet; shacl_sparql.py renders the plan as queries).

Only what diplokg's shapes use is implemented. Every shape, target, path form or constraint
component the engine does not implement makes ``compile_shapes`` raise UnsupportedShapesError listing
all of them at once: nothing is ever skipped silently. Well-formedness (SHACL-SHACL) is checked
elsewhere (validation.check_shapes).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from diplokg.validation.errors import UnsupportedShapesError
from diplokg.validation.plan import Constraint, Node, Path, Plan, Shape, SparqlConstraint, Target
from diplokg.validation.sparql import Renderer, RenderError

if TYPE_CHECKING:
    from rdflib.plugins.sparql.parserutils import CompValue

#: Predicates of the sh: namespace that may appear on a shape without being a constraint.
_NON_CONSTRAINT = {
    RDF.type, SH.path, SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group,
    SH.defaultValue, SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target,
    SH.declare, SH.prefixes,
}
#: Constraint parameters implemented by the SPARQL engine.
_SUPPORTED = {
    SH["class"], SH.datatype, SH.nodeKind, SH.minCount, SH.maxCount, SH.minInclusive, SH.maxInclusive,
    SH.minLength, SH.pattern, SH.flags, SH.languageIn, SH.uniqueLang, SH.disjoint, SH.hasValue, SH.node,
    SH["or"], SH.property, SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.sparql,
}
_NODE_KINDS = {SH.IRI, SH.BlankNode, SH.Literal, SH.BlankNodeOrIRI, SH.BlankNodeOrLiteral, SH.IRIOrLiteral}
#: Pre-bound variables of SHACL-SPARQL that the engine does not bind (it joins on $this only).
_PREBOUND = re.compile(r"[$?](PATH|currentShape|shapesGraph|failure)\b")
_FORBIDDEN = re.compile(r"\b(MINUS|VALUES|SERVICE)\b", re.I)
_PROLOGUE = re.compile(r"^\s*(PREFIX|BASE)\b", re.I)
_COUNT_LIMIT = 6  # cardinalities are checked with pairwise-distinct patterns; larger ones are refused


def compile_shapes(g: rdflib.Graph) -> Plan:
    """Read the shapes graph; raise UnsupportedShapesError naming everything not implemented."""
    reader = _Reader(g)
    roots = sorted({s for p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
                    for s in g.subjects(p, None)}, key=str)
    shapes = [reader.shape(s) for s in roots]
    reader.check_graph()
    if reader.problems:
        raise UnsupportedShapesError(reader.problems)
    plan = Plan(shapes, frozenset(reader.datatypes))
    _dry_render(plan)
    return plan


def _dry_render(plan: Plan) -> None:
    """Write every query once (without data) so that what cannot be expressed fails here, and
    let pyoxigraph parse each one."""
    try:
        checks = Renderer().checks(plan.shapes)
    except RenderError as e:
        raise UnsupportedShapesError([str(e)]) from None
    empty = ox.Store()
    problems = []
    for check in checks:
        try:
            empty.query(check.query)
        except SyntaxError as e:
            problems.append(f"a query for {check.constraint.component.n3()} on {check.shape.node.n3()} "
                            f"does not parse in pyoxigraph: {e}")
    if problems:
        raise UnsupportedShapesError(problems)


class _Reader:
    """Turns shape nodes into Shape objects, collecting every unsupported feature on the way."""

    def __init__(self, g: rdflib.Graph) -> None:
        self.g = g
        self.problems: list[str] = []
        self.datatypes: set[str] = set()
        self.done: dict[Node, Shape] = {}
        self.active: set[Node] = set()

    def name(self, node: Node) -> str:
        return node.n3(self.g.namespace_manager)

    def check_graph(self) -> None:
        for c in self.g.subjects(RDF.type, SH.ConstraintComponent):
            self.problems.append(f"custom constraint component {self.name(c)}")
        for s, _, _ in self.g.triples((None, SH.rule, None)):
            self.problems.append(f"SHACL rules (sh:rule) on {self.name(s)}")

    def shape(self, node: Node) -> Shape:
        if node in self.done:
            return self.done[node]
        if node in self.active:
            self.problems.append(f"recursive shape {self.name(node)}")
            return Shape(node, None)
        self.active.add(node)
        g = self.g
        severity = g.value(node, SH.severity) or SH.Violation
        shape = Shape(node, self.path(g.value(node, SH.path)) if (node, SH.path, None) in g else None,
                      targets=self.targets(node),
                      messages=tuple(m for m in g.objects(node, SH.message) if isinstance(m, rdflib.Literal)),
                      severity=severity)  # type: ignore[arg-type]  # SHACL-SHACL requires sh:severity to be an IRI
        if set(g.objects(node, RDF.type)) & {RDFS.Class, OWL.Class}:
            self.problems.append(f"implicit class target of {self.name(node)} (a shape that is also a class)")
        for p in sorted(set(g.predicates(node, None)), key=str):
            if str(p).startswith(str(SH)) and p not in _NON_CONSTRAINT and p not in _SUPPORTED:
                self.problems.append(f"{self.name(p)} (on shape {self.name(node)})")
        shape.constraints = self.constraints(node, shape)
        self.active.discard(node)
        self.done[node] = shape
        return shape

    # ---- paths and targets ----------------------------------------------------------------------
    def path(self, node: Node | None) -> Path:
        g = self.g
        if isinstance(node, rdflib.URIRef):
            return Path("iri", node, iri=str(node))
        if isinstance(node, rdflib.BNode):
            if (node, RDF.first, None) in g:
                return Path("sequence", node, parts=tuple(self.path(p) for p in Collection(g, node)))
            if (inner := g.value(node, SH.inversePath)) is not None:
                return Path("inverse", node, parts=(self.path(inner),))
            if (alts := g.value(node, SH.alternativePath)) is not None:
                return Path("alternative", node, parts=tuple(self.path(p) for p in Collection(g, alts)))
        described = ", ".join(sorted(self.name(p) for p in g.predicates(node, None))) if node is not None else "none"
        self.problems.append(f"path described by {described} (only IRIs, sh:inversePath, sh:alternativePath and "
                             "sequences are implemented)")
        return Path("iri", node or SH.path, iri=str(SH.path))

    def targets(self, node: Node) -> tuple[Target, ...]:
        g, out = self.g, []
        kinds = {SH.targetClass: "class", SH.targetNode: "node", SH.targetSubjectsOf: "subjectsOf",
                 SH.targetObjectsOf: "objectsOf"}
        for p, kind in kinds.items():
            out += [Target(kind, term=t) for t in sorted(g.objects(node, p), key=str)]
        for t in g.objects(node, SH.target):
            select = g.value(t, SH.select)
            types = set(g.objects(t, RDF.type))
            if select is None or not types <= {SH.SPARQLTarget}:
                self.problems.append(f"target {self.name(t)} of {self.name(node)} "
                                     "(only sh:SPARQLTarget with sh:select)")
                continue
            if (t, SH.deactivated, None) in g or (t, SH.ask, None) in g:
                self.problems.append(f"sh:deactivated/sh:ask on SPARQL target of {self.name(node)}")
            prefixes = self.prefixes(t)
            self.check_select(str(select), prefixes, f"SPARQL target of {self.name(node)}", constraint=False)
            out.append(Target("sparql", select=str(select), prefixes=prefixes))
        return tuple(out)

    def prefixes(self, node: Node) -> tuple[tuple[str, str], ...]:
        """The prefixes of a SPARQL-based target or constraint, collected as pyshacl does: rdf, rdfs,
        owl, then the sh:declare of each sh:prefixes value (plus those of every owl:Ontology when the
        value is not itself an ontology)."""
        g = self.g
        out = {"rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL)}
        ontologies = set(g.subjects(RDF.type, OWL.Ontology))
        global_declares = {d for o in ontologies for d in g.objects(o, SH.declare)}
        for value in g.objects(node, SH.prefixes):
            own = set(g.objects(value, SH.declare))
            declares = own if (own and value in ontologies) else own | global_declares
            for d in sorted(declares, key=str):
                prefix, namespace = g.value(d, SH.prefix), g.value(d, SH.namespace)
                if prefix is None or namespace is None:
                    self.problems.append(f"incomplete sh:declare {self.name(d)}")
                    continue
                out[str(prefix)] = str(namespace)
        return tuple(sorted(out.items()))

    def check_select(self, text: str, prefixes: tuple[tuple[str, str], ...], what: str, constraint: bool) -> None:
        if _PROLOGUE.match(text):
            self.problems.append(f"PREFIX/BASE inside the sh:select of the {what}")
        if constraint and (m := _PREBOUND.search(text)):
            self.problems.append(f"pre-bound variable ${m.group(1)} in the {what}")
        if constraint and (m := _FORBIDDEN.search(text)):
            self.problems.append(f"{m.group(1).upper()} in the {what} (not allowed in SPARQL constraints)")
        problem = binds_this(text, dict(prefixes))
        if problem:
            self.problems.append(f"the {what}: {problem}")

    # ---- constraints ---------------------------------------------------------------------------
    def constraints(self, node: Node, shape: Shape) -> list[Constraint]:
        g, out = self.g, []

        def one(p: rdflib.URIRef) -> Node | None:
            return g.value(node, p)

        for cls in sorted(g.objects(node, SH["class"]), key=str):
            out.append(Constraint(SH.ClassConstraintComponent, cls))
        if (dt := one(SH.datatype)) is not None:
            if dt == RDFS.Datatype or not isinstance(dt, rdflib.URIRef):
                self.problems.append(f"sh:datatype {self.name(dt)} on {self.name(node)}")
            self.datatypes.add(str(dt))
            out.append(Constraint(SH.DatatypeConstraintComponent, dt))
        if (kind := one(SH.nodeKind)) is not None:
            if kind not in _NODE_KINDS:
                self.problems.append(f"sh:nodeKind {self.name(kind)} on {self.name(node)}")
            out.append(Constraint(SH.NodeKindConstraintComponent, kind))
        for p, comp in ((SH.minCount, SH.MinCountConstraintComponent), (SH.maxCount, SH.MaxCountConstraintComponent)):
            if (n := one(p)) is not None:
                out.append(Constraint(comp, self.count(n, node, p, limit=_COUNT_LIMIT - (p == SH.maxCount))))
        for p, comp in ((SH.minInclusive, SH.MinInclusiveConstraintComponent),
                        (SH.maxInclusive, SH.MaxInclusiveConstraintComponent)):
            out += [Constraint(comp, v) for v in sorted(g.objects(node, p), key=str)]
        if (n := one(SH.minLength)) is not None:
            out.append(Constraint(SH.MinLengthConstraintComponent, self.count(n, node, SH.minLength, limit=None)))
        out += self.patterns(node)
        if (langs := one(SH.languageIn)) is not None:
            out.append(Constraint(SH.LanguageInConstraintComponent,
                                  tuple(str(x).lower() for x in Collection(g, langs))))
        if isinstance(unique := one(SH.uniqueLang), rdflib.Literal) and unique.toPython() is True:
            out.append(Constraint(SH.UniqueLangConstraintComponent, True))
        out += [Constraint(SH.DisjointConstraintComponent, p) for p in sorted(g.objects(node, SH.disjoint), key=str)]
        out += [Constraint(SH.HasValueConstraintComponent, v) for v in sorted(g.objects(node, SH.hasValue), key=str)]
        out += [Constraint(SH.NodeConstraintComponent, self.shape(s))
                for s in sorted(g.objects(node, SH.node), key=str)]
        for lst in g.objects(node, SH["or"]):
            out.append(Constraint(SH.OrConstraintComponent, tuple(self.shape(s) for s in Collection(g, lst)), lst))
        out += self.qualified(node)
        out += [Constraint(SH.PropertyConstraintComponent, self.shape(p))
                for p in sorted(g.objects(node, SH.property), key=str)]
        out += self.sparql(node, shape)
        self.check_counts(node, shape, out)
        return out

    def count(self, literal: Node, node: Node, p: Node, limit: int | None) -> int:
        n = literal.toPython() if isinstance(literal, rdflib.Literal) else None
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            self.problems.append(f"{self.name(p)} {literal} on {self.name(node)} (not a non-negative integer)")
            return 0
        if limit is not None and n > limit:
            self.problems.append(f"{self.name(p)} {n} on {self.name(node)} (at most {limit} is implemented)")
        return n

    def patterns(self, node: Node) -> list[Constraint]:
        g = self.g
        flags = str(g.value(node, SH.flags) or "")
        if set(flags) - set("im"):
            self.problems.append(f"sh:flags {flags!r} on {self.name(node)} (only i and m are implemented)")
        pats = sorted(g.objects(node, SH.pattern), key=str)
        return [Constraint(SH.PatternConstraintComponent, str(p), flags) for p in pats]

    def qualified(self, node: Node) -> list[Constraint]:
        g, out = self.g, []
        values = sorted(g.objects(node, SH.qualifiedValueShape), key=str)
        if (node, SH.qualifiedValueShapesDisjoint, rdflib.Literal(True)) in g:
            self.problems.append(f"sh:qualifiedValueShapesDisjoint on {self.name(node)}")
        for v in values:
            shape = self.shape(v)
            if (n := g.value(node, SH.qualifiedMinCount)) is not None:
                count = self.count(n, node, SH.qualifiedMinCount, limit=_COUNT_LIMIT)
                out.append(Constraint(SH.QualifiedMinCountConstraintComponent, shape, count))
            if (n := g.value(node, SH.qualifiedMaxCount)) is not None:
                count = self.count(n, node, SH.qualifiedMaxCount, limit=_COUNT_LIMIT - 1)
                out.append(Constraint(SH.QualifiedMaxCountConstraintComponent, shape, count))
        return out

    def sparql(self, node: Node, shape: Shape) -> list[Constraint]:
        g, out = self.g, []
        for c in sorted(g.objects(node, SH.sparql), key=str):
            what = f"SPARQL constraint {self.name(c)}"
            if shape.path is not None:
                self.problems.append(f"{what} on a property shape")
            if (c, SH.deactivated, None) in g:
                self.problems.append(f"sh:deactivated on {what}")
            selects = list(g.objects(c, SH.select))
            if len(selects) != 1:
                self.problems.append(f"{what} without exactly one sh:select")
                continue
            prefixes = self.prefixes(c)
            self.check_select(str(selects[0]), prefixes, what, constraint=True)
            messages = tuple(m for m in g.objects(c, SH.message) if isinstance(m, rdflib.Literal))
            out.append(Constraint(SH.SPARQLConstraintComponent,
                                  SparqlConstraint(c, str(selects[0]), prefixes, messages)))
        return out

    def check_counts(self, node: Node, shape: Shape, out: list[Constraint]) -> None:
        property_only = {SH.MinCountConstraintComponent, SH.MaxCountConstraintComponent,
                         SH.UniqueLangConstraintComponent, SH.QualifiedMinCountConstraintComponent,
                         SH.QualifiedMaxCountConstraintComponent}
        if shape.path is None and any(c.component in property_only for c in out):
            self.problems.append(f"cardinality/uniqueLang/qualified constraints on node shape {self.name(node)}")


def binds_this(select: str, prefixes: Mapping[str, str] | None = None) -> str | None:
    """None if the SELECT projects ?this and binds it in every solution (so joining it with the
    focus nodes equals pre-binding $this); otherwise what is wrong."""
    from rdflib.plugins.sparql import prepareQuery

    try:
        q = prepareQuery(select, initNs=dict(prefixes or _ALL_PREFIXES))
    except Exception as e:
        return f"cannot parse the query: {e}"
    this = rdflib.Variable("this")
    if not _certain(q.algebra, this):
        return "$this is not projected and bound in every solution"
    return None


_ALL_PREFIXES = {"rdf": str(RDF), "rdfs": str(RDFS), "owl": "http://www.w3.org/2002/07/owl#", "xsd": str(XSD),
                 "sh": str(SH)}


def _certain(node: CompValue, var: rdflib.Variable) -> bool:
    """Whether ``var`` is bound in every solution of an rdflib algebra node (conservative)."""
    name = getattr(node, "name", None)
    if name == "BGP":
        return any(var in t for t in node.triples)
    if name in ("SelectQuery", "Project"):
        pv = getattr(node, "PV", None)
        return (pv is None or var in pv) and _certain(node.p, var)
    if name in ("Join",):
        return _certain(node.p1, var) or _certain(node.p2, var)
    if name in ("LeftJoin", "Minus"):
        return _certain(node.p1, var)
    if name == "Union":
        return _certain(node.p1, var) and _certain(node.p2, var)
    if name == "Extend":
        return bool(node.var == var) or _certain(node.p, var)
    if name in ("Filter", "Distinct", "Reduced", "Slice", "OrderBy", "ToMultiSet", "Graph"):
        return _certain(node.p, var)
    return False


XSD_STRINGS = {str(XSD.string), str(RDF.langString), str(RDFS.Literal)}
