"""Benchmark: SHACL validation with pyshacl against the SPARQL engine (diplokg.shacl_*), side by side,
on the same quads and shapes, and whether their results agree.

    python bench/validation_bench.py [PATH ...] [--shapes FILE] [--repeat 3] [--pyshacl-cap 300] [--no-pyshacl]

PATHs are N-Quads/TriG/Turtle/N-Triples files or directories (searched recursively); Turtle and
N-Triples go into one named graph. Without PATHs: the bundled ontology and data, as the build reads
them. Each engine runs --repeat times and the median is printed. The SPARQL engine's time includes
loading the quads into an in-memory store and compiling the shapes; pyshacl's includes building its
rdflib graph. pyshacl runs in a child process that is stopped after --pyshacl-cap seconds.
Agreement: the results of both as a multiset of (focus node, constraint component, source shape,
value). The row "sparql per source" times what the build runs (diplokg.validation.per_source: the
union without the one-value constraints, then one view per source graph with them) against the row
"sparql" (the union against every constraint). This is a script, not a timed test.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, SH

REPO = Path(__file__).resolve().parents[1]
FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG, ".ttl": ox.RdfFormat.TURTLE,
           ".nt": ox.RdfFormat.N_TRIPLES}
GRAPH = ox.NamedNode("https://w3id.org/diplokg/graph/bench")


def read_quads(paths: list[Path]) -> list[ox.Quad]:
    if not paths:
        from diplokg.source.loader import load
        from diplokg.source.tree import SourceTree

        return load(SourceTree(REPO)).quads
    files = sorted(f for p in paths for f in ([p] if p.is_file() else p.rglob("*")) if f.suffix in FORMATS)
    out: list[ox.Quad] = []
    for f in files:
        for q in ox.parse(path=str(f), format=FORMATS[f.suffix]):
            graph = GRAPH if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name
            out.append(ox.Quad(q.subject, q.predicate, q.object, graph))
    return out


def key(focus, component, shape, value) -> tuple[str, str, str, str]:
    return (str(focus), str(component), str(shape), "-" if value is None else str(value))


def run_sparql(quads: list[ox.Quad], shapes: rdflib.Graph) -> tuple[float, Counter, dict[str, float]]:
    from diplokg.validation.compile import compile_shapes
    from diplokg.validation.run import run_plan

    t0 = time.perf_counter()
    store = ox.Store()
    store.bulk_extend(quads)
    t1 = time.perf_counter()
    plan = compile_shapes(shapes)
    t2 = time.perf_counter()
    results = run_plan(store, plan, shapes)
    t3 = time.perf_counter()
    found = Counter(key(r.focus_node, r.source_constraint_component, r.source_shape, r.value) for r in results)
    return t3 - t0, found, {"load": t1 - t0, "compile": t2 - t1, "queries": t3 - t2}


def run_per_source(quads: list[ox.Quad], shapes: rdflib.Graph) -> tuple[float, int, int]:
    """What the build runs (diplokg.validation.per_source): the union against the shapes without their
    one-value constraints, then each view (shared graphs + types + one source graph) against those
    constraints. Seconds, results, views."""
    from diplokg.validation.compile import compile_shapes
    from diplokg.validation.per_source import split_shapes, views
    from diplokg.validation.run import run_plan

    t0 = time.perf_counter()
    store = ox.Store()
    store.bulk_extend(quads)
    split = split_shapes(shapes)
    n = len(run_plan(store, compile_shapes(split.union), split.union))
    plan = compile_shapes(split.one_value)
    count = 0
    for _, view in views(store):
        view_store = ox.Store()
        view_store.bulk_extend(view.quads)
        n += len(run_plan(view_store, plan, split.one_value))
        count += 1
    return time.perf_counter() - t0, n, count


def _pyshacl_child(quads_nq: bytes, shapes_ttl: str, out) -> None:
    import pyshacl

    from diplokg.validation.validate import to_rdflib

    quads = list(ox.parse(quads_nq, format=ox.RdfFormat.N_QUADS))
    shapes = rdflib.Graph().parse(data=shapes_ttl, format="turtle")
    t0 = time.perf_counter()
    _, results, _ = pyshacl.validate(to_rdflib(quads), shacl_graph=shapes, inference="none", advanced=True)
    elapsed = time.perf_counter() - t0
    found = Counter(key(results.value(r, SH.focusNode), results.value(r, SH.sourceConstraintComponent),
                        results.value(r, SH.sourceShape), results.value(r, SH.value))
                    for r in results.subjects(RDF.type, SH.ValidationResult) if (None, SH.detail, r) not in results)
    out.put((elapsed, found))


def run_pyshacl(quads: list[ox.Quad], shapes_ttl: str, cap: float) -> tuple[float, Counter] | None:
    """pyshacl in a child process; None if it did not finish within ``cap`` seconds."""
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    child = ctx.Process(target=_pyshacl_child, args=(ox.serialize(quads, format=ox.RdfFormat.N_QUADS), shapes_ttl, out))
    child.start()
    try:
        return out.get(timeout=cap)
    except Exception:
        return None
    finally:
        child.terminate()
        child.join()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", type=Path, help="data files or directories (default: the bundled data)")
    ap.add_argument("--shapes", type=Path, default=REPO / "shapes" / "diplokg-shapes.ttl")
    ap.add_argument("--repeat", type=int, default=3, help="runs per engine; the median is printed (default 3)")
    ap.add_argument("--pyshacl-cap", type=float, default=300.0, help="seconds after which pyshacl is stopped")
    ap.add_argument("--no-pyshacl", action="store_true", help="time the SPARQL engine only")
    args = ap.parse_args()

    quads = read_quads(args.paths)
    shapes_ttl = args.shapes.read_text(encoding="utf-8")
    shapes = rdflib.Graph().parse(data=shapes_ttl, format="turtle")
    print(f"{len(set(quads))} quads, shapes {args.shapes.name}, {args.repeat} run(s) per engine", flush=True)

    sparql_runs = [run_sparql(quads, shapes) for _ in range(args.repeat)]
    sparql_median = statistics.median(t for t, _, _ in sparql_runs)
    parts = {k: statistics.median(r[2][k] for r in sparql_runs) for k in sparql_runs[0][2]}
    sparql_found = sparql_runs[0][1]

    per_source_runs = [run_per_source(quads, shapes) for _ in range(args.repeat)]
    per_source_median = statistics.median(t for t, _, _ in per_source_runs)

    py_times, py_found, capped = [], None, False
    if not args.no_pyshacl:
        for _ in range(args.repeat):
            outcome = run_pyshacl(quads, shapes_ttl, args.pyshacl_cap)
            if outcome is None:
                capped = True
                break
            py_times.append(outcome[0])
            py_found = outcome[1]

    py_text = (f"> {args.pyshacl_cap:.0f} s (stopped)" if capped else
               "not run" if not py_times else f"{statistics.median(py_times):8.3f} s")
    print(f"{'engine':<10} {'median':>12}   results")
    print(f"{'pyshacl':<10} {py_text:>12}   {sum(py_found.values()) if py_found is not None else '-'}")
    print(f"{'sparql':<10} {sparql_median:10.3f} s   {sum(sparql_found.values())}   "
          f"(load {parts['load']:.3f} s, compile {parts['compile']:.3f} s, queries {parts['queries']:.3f} s)")
    _, per_source_results, n_views = per_source_runs[0]
    print(f"{'sparql per source':<10} {per_source_median:10.3f} s   {per_source_results}   (what the build runs: the "
          f"union without one-value constraints, then {n_views} view(s) with them; "
          f"{per_source_median / sparql_median:.2f}x the union alone)")
    if py_found is not None:
        same = py_found == sparql_found
        print(f"results agree (focus node, component, shape, value as multisets): {'yes' if same else 'NO'}")
        if py_times:
            print(f"speed-up: {statistics.median(py_times) / sparql_median:.1f}x")
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
