"""Helpers to compare the SPARQL SHACL engine with pyshacl: both validate the same quads, and their
results are compared as multisets of (focus node, result path, value, constraint component, source
shape, source constraint, messages). Also seeded mutations of the real data. Used by
tests/test_shacl_sparql.py and bench/validation_bench.py; nothing here is a test by itself."""

from __future__ import annotations

import decimal
import logging
import random
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

REPO = Path(__file__).resolve().parents[2]
SHAPES = REPO / "shapes" / "diplokg-shapes.ttl"
FIXTURES = REPO / "tests" / "fixtures" / "shapes"
DKG = "https://w3id.org/diplokg/ontology#"
GRAPH = ox.NamedNode("https://w3id.org/diplokg/graph/test/mutant")

Key = tuple[str, ...]


@lru_cache(maxsize=1)
def shapes_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES, format="turtle")


def parse(path: Path, graph: ox.NamedNode = GRAPH) -> list[ox.Quad]:
    fmt = ox.RdfFormat.TRIG if path.suffix == ".trig" else ox.RdfFormat.TURTLE
    return [ox.Quad(q.subject, q.predicate, q.object, graph if fmt == ox.RdfFormat.TURTLE else q.graph_name)
            for q in ox.parse(path=str(path), format=fmt)]


def fixture_quads(fixture: Path) -> list[ox.Quad]:
    """What tests/test_shapes.py validates for a fixture: ontology, vocabularies, base.ttl, fixture."""
    paths = [*sorted((REPO / "ontology").glob("*.ttl")), FIXTURES / "base.ttl", fixture]
    return [q for p in paths for q in parse(p)]


def real_quads() -> list[ox.Quad]:
    """What the build validates: the ontology and all data files, as the loader reads them."""
    from diplokg.source.loader import load
    from diplokg.source.tree import SourceTree

    return load(SourceTree(REPO)).quads


# ---- the two engines ---------------------------------------------------------------------------
def store_of(quads: Iterable[ox.Quad]) -> ox.Store:
    store = ox.Store()
    store.extend(quads)
    return store


def engine_keys(quads: Sequence[ox.Quad], plan=None, sg: rdflib.Graph | None = None) -> Counter[Key]:
    from diplokg.validation.compile import compile_shapes
    from diplokg.validation.run import run_plan

    sg = sg if sg is not None else shapes_graph()
    results = run_plan(store_of(quads), plan or compile_shapes(sg), sg)
    return Counter(result_key(sg, sg, r.focus_node, r.result_path, r.value, r.source_constraint_component,
                              r.source_shape, r.source_constraint, r.messages) for r in results)


def pyshacl_keys(quads: Sequence[ox.Quad], sg: rdflib.Graph | None = None) -> Counter[Key]:
    import pyshacl

    from diplokg.validation.validate import to_rdflib

    sg = sg if sg is not None else shapes_graph()
    _, results, _ = pyshacl.validate(to_rdflib(list(quads)), shacl_graph=sg, inference="none", advanced=True)
    assert isinstance(results, rdflib.Graph), results
    out: Counter[Key] = Counter()
    for r in results.subjects(RDF.type, SH.ValidationResult):
        if (None, SH.detail, r) in results:  # nested result of sh:node: reported with its parent
            continue
        v = results.value
        out[result_key(sg, results, v(r, SH.focusNode), v(r, SH.resultPath), v(r, SH.value),
                       v(r, SH.sourceConstraintComponent), v(r, SH.sourceShape), v(r, SH.sourceConstraint),
                       tuple(results.objects(r, SH.resultMessage)))] += 1
    return out


# ---- naming results ----------------------------------------------------------------------------
def norm(t: rdflib.term.Node | None) -> str:
    """A term as text, literals normalised the same way whichever engine produced them."""
    if t is None:
        return "-"
    if isinstance(t, rdflib.Literal):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _norm_literal(t)
    return t.n3()


def _norm_literal(t: rdflib.Literal) -> str:
    dt = None if t.language or t.datatype in (None, XSD.string) else t.datatype
    lit = rdflib.Literal(str(t), lang=t.language.lower() if t.language else None, datatype=dt)
    if isinstance(lit.value, decimal.Decimal) and not getattr(lit, "ill_typed", False):
        # the store keeps numbers in canonical form ("-1.0" is read back as "-1")
        return f"{lit.value.normalize()}^^{dt}"
    return lit.n3()


def path_text(g: rdflib.Graph, p: rdflib.term.Node | None) -> str:
    if p is None:
        return "-"
    if isinstance(p, rdflib.URIRef):
        return p.n3()
    if (p, RDF.first, None) in g:
        return "(" + "/".join(path_text(g, x) for x in Collection(g, p)) + ")"
    if (inner := g.value(p, SH.inversePath)) is not None:
        return "^" + path_text(g, inner)
    if (alts := g.value(p, SH.alternativePath)) is not None:
        return "(" + "|".join(path_text(g, x) for x in Collection(g, alts)) + ")"
    return f"unknown path {p!r}"


def shape_name(sg: rdflib.Graph, shape: rdflib.term.Node) -> str:
    """An IRI shape by its IRI; a blank-node property shape by (parent shapes, path)."""
    if isinstance(shape, rdflib.URIRef):
        return shape.n3()
    parents = sorted(p.n3() for p in sg.subjects(SH.property, shape))
    return f"{'+'.join(parents) or '?'} / {path_text(sg, sg.value(shape, SH.path))}"


def result_key(sg: rdflib.Graph, g: rdflib.Graph, focus, path, value, component, shape, constraint,
               messages) -> Key:
    """The compared fields. Messages only where they come from sh:message (pyshacl's generic texts
    depend on the prefixes bound in the data graph, which the store does not have)."""
    explicit = (shape, SH.message, None) in sg or component == SH.SPARQLConstraintComponent
    shown = " | ".join(sorted(str(m) for m in messages)) if explicit else "(generic)"
    return (norm(focus), path_text(g, path), norm(value), str(component), shape_name(sg, shape),
            norm(constraint), shown)






def to_rdflib(t: ox.Term) -> rdflib.term.Node:
    from diplokg.validation.run import to_rdflib as convert

    return convert(t)


def diff(a: Counter[Key], b: Counter[Key]) -> str:
    only_a, only_b = a - b, b - a
    lines = [f"pyshacl only: {k} x{n}" for k, n in sorted(only_a.items())]
    lines += [f"sparql only:  {k} x{n}" for k, n in sorted(only_b.items())]
    return "\n".join(lines[:40])


# ---- mutations of the real data -----------------------------------------------------------------
XSD_TYPES = [XSD.string, XSD.integer, XSD.decimal, XSD.boolean, XSD.date, XSD.gYear, XSD.gYearMonth, XSD.language]
LANGS = ["en", "de", "fr", "EN", "en-GB", None]


def verbatim(lit: ox.Literal) -> bool:
    """Whether rdflib keeps the lexical form of a literal. It rewrites some on parsing ("Q242"^^xsd:boolean
    becomes "false", "01"^^xsd:integer "1"), so pyshacl would validate other data than the store holds;
    the mutator does not create such literals."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.disable(logging.ERROR)
        try:
            dt = None if lit.language else rdflib.URIRef(lit.datatype.value)
            return str(rdflib.Literal(lit.value, lang=lit.language, datatype=dt)) == lit.value
        finally:
            logging.disable(logging.NOTSET)


class Mutator:
    """Seeded, realistic data errors applied to a list of quads; each returns a description."""

    def __init__(self, quads: Sequence[ox.Quad], seed: int) -> None:
        self.base = list(dict.fromkeys(quads))
        self.rng = random.Random(seed)
        self.types: dict[ox.Term, set[str]] = {}
        for q in self.base:
            if q.predicate.value == str(RDF.type):
                self.types.setdefault(q.subject, set()).add(q.object.value)
        self.typed = sorted(self.types, key=str)
        self.literals = [i for i, q in enumerate(self.base) if isinstance(q.object, ox.Literal)]
        self.iris = [i for i, q in enumerate(self.base) if isinstance(q.object, ox.NamedNode)
                     and q.predicate.value != str(RDF.type)]
        self.ops = [self.delete, self.retype_literal, self.relanguage, self.other_class_object, self.duplicate_value,
                    self.unknown_term, self.iri_to_literal, self.relexicalise, self.drop_or_add_type,
                    self.copy_identifier]

    def mutant(self, k: int) -> tuple[list[ox.Quad], list[tuple[str, set[str]]]]:
        """The data with k mutations applied one after the other, and for each mutation its
        description and the terms (as in result keys) of the triple it changed."""
        quads, notes = list(self.base), []
        for _ in range(k):
            op = self.rng.choice(self.ops)
            quads, note, touched = op(quads)
            notes.append((note, {norm(to_rdflib(t)) for t in touched}))
        return quads, notes

    def pick(self, quads: list[ox.Quad], literal: bool | None = None) -> int:
        while True:
            i = self.rng.randrange(len(quads))
            if literal is None or isinstance(quads[i].object, ox.Literal) == literal:
                return i

    def replace(self, quads: list[ox.Quad], i: int, obj: ox.Term, note: str) -> tuple[list[ox.Quad], str]:
        q = quads[i]
        if isinstance(obj, ox.Literal) and not verbatim(obj):
            return quads, f"(skipped: rdflib would rewrite {obj})", set()
        quads = [*quads[:i], ox.Quad(q.subject, q.predicate, obj, q.graph_name), *quads[i + 1:]]
        return quads, f"{note}: {q.subject} {q.predicate} {q.object} -> {obj}", {q.subject, q.object, obj}

    def delete(self, quads):
        i = self.pick(quads)
        return quads[:i] + quads[i + 1:], f"delete {quads[i]}", {quads[i].subject, quads[i].object}

    def retype_literal(self, quads):
        i = self.pick(quads, literal=True)
        dt = self.rng.choice(XSD_TYPES)
        return self.replace(quads, i, ox.Literal(quads[i].object.value, datatype=ox.NamedNode(str(dt))), "datatype")

    def relanguage(self, quads):
        i = self.pick(quads, literal=True)
        lang = self.rng.choice(LANGS)
        return self.replace(quads, i, ox.Literal(quads[i].object.value, language=lang), "language")

    def other_class_object(self, quads):
        i = self.rng.choice(self.iris)
        if i >= len(quads) or not isinstance(quads[i].object, ox.NamedNode):
            i = self.pick(quads)
        old = self.types.get(quads[i].object, set())
        others = [t for t in self.typed if self.types[t] != old]
        return self.replace(quads, i, self.rng.choice(others), "other-class object")

    def duplicate_value(self, quads):
        q = quads[self.pick(quads)]
        same_p = [x.object for x in quads if x.predicate == q.predicate and x.object != q.object]
        obj = self.rng.choice(same_p) if same_p else q.object
        extra = ox.Quad(q.subject, q.predicate, obj, q.graph_name)
        return [*quads, extra], f"second value {extra}", {q.subject, obj}

    def unknown_term(self, quads):
        s = self.rng.choice(self.typed)
        if self.rng.random() < 0.5:
            extra = ox.Quad(s, ox.NamedNode(DKG + "misspeltProperty"), ox.Literal("x"), GRAPH)
        else:
            extra = ox.Quad(s, ox.NamedNode(str(RDF.type)), ox.NamedNode(DKG + "Evnt"), GRAPH)
        return [*quads, extra], f"unknown term {extra}", {s}

    def iri_to_literal(self, quads):
        i = self.pick(quads, literal=False)
        return self.replace(quads, i, ox.Literal(quads[i].object.value), "IRI as string")

    def relexicalise(self, quads):
        i = self.pick(quads, literal=True)
        o = quads[i].object
        text = self.rng.choice(["", o.value.lower(), o.value + "\n", "-" + o.value, o.value[:4], "Q0" + o.value[1:],
                                o.value + "0", "2.5", "2020-02-30"])
        lit = ox.Literal(text, language=o.language) if o.language else ox.Literal(text, datatype=o.datatype)
        return self.replace(quads, i, lit, "lexical form")

    def drop_or_add_type(self, quads):
        s = self.rng.choice(self.typed)
        if self.rng.random() < 0.5:
            kept = [q for q in quads if not (q.subject == s and q.predicate.value == str(RDF.type))]
            return kept, f"drop types of {s}", {s}
        other = self.rng.choice(sorted({t for ts in self.types.values() for t in ts}))
        extra = ox.Quad(s, ox.NamedNode(str(RDF.type)), ox.NamedNode(other), GRAPH)
        return [*quads, extra], f"extra type {extra}", {s}

    def copy_identifier(self, quads):
        ids = [q for q in quads if q.predicate.value in (DKG + "isoAlpha2", DKG + "wikidataId", DKG + "sha256",
                                                         "http://www.w3.org/2004/02/skos/core#exactMatch")]
        q = self.rng.choice(ids)
        s = self.rng.choice(self.typed)
        extra = ox.Quad(s, q.predicate, q.object, GRAPH)
        return [*quads, extra], f"copied identifier {extra}", {s, q.subject, q.object}
