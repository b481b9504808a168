"""SHACL validation of the whole graph (ontology + vocabularies + data), turned into a typed report
that names, for every violation, the data file(s) describing the focus node. One-value constraints
hold per source graph (``per_source``): a violation of one names its source graph. Two engines: "sparql"
(the default: the shapes compiled to set-oriented SPARQL run in an in-memory pyoxigraph store, see
shacl_compile/shacl_run) and "pyshacl" (the reference implementation, much slower)."""

from __future__ import annotations

import functools
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import rdflib
from rdflib.namespace import SH

from diplokg.core.errors import DiplokgError
from diplokg.core.namespaces import PREFIXES, shorten
from diplokg.source.loader import LoadedData

if TYPE_CHECKING:
    from diplokg.validation.plan import Plan


@dataclass(frozen=True)
class Violation:
    """One result of the SHACL report."""

    focus_node: str
    path: str | None
    value: str | None
    constraint: str
    shape: str | None
    severity: str
    message: str
    files: tuple[str, ...]
    #: the source graph whose own statements break a one-value constraint (None: found in the union)
    graph: str | None = None


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation]
    results_graph: rdflib.Graph

    def to_text(self) -> str:
        if self.conforms:
            return "SHACL validation: the data conforms to the shapes (0 violations)."
        lines = [f"SHACL validation: {len(self.violations)} violation(s)."]
        for i, v in enumerate(self.violations, 1):
            lines.append(f"{i}. {', '.join(v.files) or '(no data file)'}")
            lines.append(f"   focus node: {shorten(v.focus_node)}")
            if v.graph:
                lines.append(f"   graph:      <{v.graph}> (one value per source graph)")
            if v.path:
                lines.append(f"   path:       {v.path}")
            if v.value:
                lines.append(f"   value:      {v.value}")
            lines.append(f"   constraint: {shorten(v.constraint)}"
                         + (f" (shape {shorten(v.shape)})" if v.shape else ""))
            lines.append(f"   message:    {v.message}")
        return "\n".join(lines)

    def to_json(self) -> str:
        return json.dumps(
            {"conforms": self.conforms, "violations": [asdict(v) for v in self.violations]},
            ensure_ascii=False,
            indent=2,
        )

    def to_turtle(self) -> str:
        g = self.results_graph
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns, override=True)
        return g.serialize(format="turtle")


def to_rdflib(quads: list[ox.Quad]) -> rdflib.Graph:
    """The union of all graphs as one rdflib graph (pyshacl validates a single data graph)."""
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    data = ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES)
    g = rdflib.Graph()
    g.parse(data=data, format="nt")
    return g


def load_shapes(shape_files: list[Path]) -> rdflib.Graph:
    g = rdflib.Graph()
    for path in shape_files:
        g.parse(path, format="turtle")
    return g


def check_shapes(shapes: rdflib.Graph) -> None:
    """Validate the shapes graph against SHACL-SHACL (shipped with pyshacl); raise on any problem."""
    import pyshacl

    meta = rdflib.Graph().parse(Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl", format="turtle")
    conforms, results, _ = pyshacl.validate(shapes, shacl_graph=meta, inference="none")
    if not conforms:
        problems = [
            f"{results.value(r, SH.resultPath)} {results.value(r, SH.value)}: {results.value(r, SH.resultMessage)}"
            for r in results.subjects(rdflib.RDF.type, SH.ValidationResult)
        ]
        raise DiplokgError(f"the SHACL shapes graph is invalid (SHACL-SHACL): {'; '.join(sorted(problems))}")


ENGINES = ("sparql", "pyshacl")


def validate(loaded: LoadedData, shapes: rdflib.Graph, engine: str = "sparql", processes: int = 1
             ) -> ValidationReport:
    """Validate everything loaded against the shapes with the given engine: the union of all graphs
    against every constraint but the one-value ones, which hold per source graph (see per_source).
    ``processes`` > 1 (commands only, see forked): the shapes graph is checked against SHACL-SHACL
    in a child meanwhile, and the source graphs' views are validated in that many children."""
    from diplokg.validation.forked import Forked
    from diplokg.validation.per_source import split_shapes
    from diplokg.validation.report_graph import merge_reports

    if engine not in ENGINES:
        raise DiplokgError(f"unknown SHACL engine {engine!r} (choose one of {', '.join(ENGINES)})")
    split = split_shapes(shapes)
    pool = Forked(processes)
    pool.register("shapes", functools.partial(check_shapes, shapes))
    pool.register("views", functools.partial(_source_views, engine, loaded, split.one_value))
    with pool:
        shapes_checked = pool.start("shapes")
        try:
            union = _results(engine, loaded.store, split.union)
            found = _violations(union, loaded)
            shared, shared_found = _shared_view(engine, loaded, split.one_value)
            views = sorted((v for part in pool.parts("views", {_key(v) for _, v in shared_found}) for v in part),
                           key=lambda v: v[0])
        except DiplokgError:
            shapes_checked()  # an invalid shapes graph is the error to report
            raise
        shapes_checked()
    parts = [(union, [node for node, _ in found]), (shared, [node for node, _ in shared_found])]
    found += shared_found
    for _, results, kept in views:
        found += kept
        parts.append((results, [node for node, _ in kept]))
    violations = sorted((v for _, v in found), key=lambda v: (v.files, v.focus_node, v.constraint, v.path or ""))
    return ValidationReport(not violations, violations, merge_reports(parts))


_Found = list[tuple[rdflib.term.Node, Violation]]


def _shared_view(engine: str, loaded: LoadedData, one_value: rdflib.Graph) -> tuple[rdflib.Graph, _Found]:
    """The results of the first view (the shared graphs) and its violations."""
    from diplokg.validation.per_source import views

    _, view = next(views(loaded.store))
    results = _view_results(engine, view.quads, one_value)
    return results, _violations(results, loaded)


def _source_views(engine: str, loaded: LoadedData, one_value: rdflib.Graph, part: int, parts: int,
                  shared_keys: set[tuple[object, ...]]) -> list[tuple[int, rdflib.Graph, _Found]]:
    """Part ``part`` of ``parts`` of the source graphs' views (every parts-th view), each with its
    results and the violations the shared view did not find already."""
    from diplokg.validation.per_source import views

    plan = _plan(engine, one_value)  # compiled once for all the views of this part
    out = []
    for index, view in views(loaded.store, part, parts):
        if view.graph is None:  # the shared view: validated by the parent first
            continue
        results = _view_results(engine, view.quads, one_value, plan)
        _name_graph(results, view.graph)
        kept = [(n, v) for n, v in _violations(results, loaded, view.graph) if _key(v) not in shared_keys]
        out.append((index, results, kept))
    return out


def _view_results(engine: str, quads: list[ox.Quad], one_value: rdflib.Graph, plan: Plan | None = None
                  ) -> rdflib.Graph:
    """The report graph of one view's quads, in a store of their own, against the one-value shapes."""
    store = ox.Store()
    store.bulk_extend(quads)
    return _results(engine, store, one_value, plan)


def _name_graph(results: rdflib.Graph, graph: str) -> None:
    """Say in each message of a view's results which source graph broke the one-value constraint."""
    for r in list(results.subjects(rdflib.RDF.type, SH.ValidationResult)):
        for m in list(results.objects(r, SH.resultMessage)):
            results.remove((r, SH.resultMessage, m))
            results.add((r, SH.resultMessage, rdflib.Literal(f"{m} (in source graph <{graph}>)")))


def _key(v: Violation) -> tuple[object, ...]:
    """A violation apart from the view it was found in."""
    return (v.focus_node, v.path, v.value, v.constraint, v.shape,
            v.message.replace(f" (in source graph <{v.graph}>)", "") if v.graph else v.message)


def _plan(engine: str, shapes: rdflib.Graph) -> Plan | None:
    """The shapes compiled for the sparql engine (None for pyshacl, which reads the shapes itself)."""
    from diplokg.validation.compile import compile_shapes

    return compile_shapes(shapes) if engine == "sparql" else None


def _results(engine: str, store: ox.Store, shapes: rdflib.Graph, plan: Plan | None = None) -> rdflib.Graph:
    """The SHACL report graph of the union of the store's graphs against the shapes (``plan``: the
    shapes already compiled, for the sparql engine)."""
    if engine == "sparql":
        from diplokg.validation.compile import compile_shapes
        from diplokg.validation.report_graph import report_graph
        from diplokg.validation.run import run_plan

        return report_graph(run_plan(store, plan or compile_shapes(shapes), shapes), shapes)
    import pyshacl  # imported lazily: it is slow to import and only needed here

    data = to_rdflib(list(store.quads_for_pattern(None, None, None)))
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=False)
    if not isinstance(results, rdflib.Graph):  # pyshacl reports a broken shapes graph this way
        raise DiplokgError(f"the SHACL shapes cannot be used: {results}")
    return results


def _term_text(term: rdflib.term.Node | None) -> str | None:
    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return str(term)
    return term.n3()


def _violations(results: rdflib.Graph, loaded: LoadedData, graph: str | None = None
                ) -> list[tuple[rdflib.term.Node, Violation]]:
    """The top-level results of a report graph with their nodes; ``graph``: the source graph of the
    view they were found in (its files are named, not every file describing the focus node)."""
    out = []
    for r in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        if (None, SH.detail, r) in results:  # nested result of sh:node / sh:or: reported with its parent
            continue
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        focus_term = _to_ox(focus)
        if graph is not None:
            files = tuple(sorted(loaded.graph_files.get(graph, ())))
        else:
            files = tuple(loaded.files_for(focus_term)) if focus_term is not None else ()
        out.append((r, Violation(
                focus_node=_term_text(focus) or "",
                path=shorten(str(path)) if isinstance(path, rdflib.URIRef) else (_term_text(path) if path else None),
                value=_term_text(results.value(r, SH.value)),
                constraint=str(results.value(r, SH.sourceConstraintComponent)),
                shape=str(s) if isinstance(s := results.value(r, SH.sourceShape), rdflib.URIRef) else None,
                severity=shorten(str(results.value(r, SH.resultSeverity))),
                message="; ".join(sorted(str(m) for m in results.objects(r, SH.resultMessage))),
                files=files,
                graph=graph,
            )))
    return out


def _to_ox(term: rdflib.term.Node | None) -> ox.NamedNode | ox.BlankNode | None:
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    return None
