"""Which saved queries (queries/*.rq) each engine answers like our endpoint: prepares the four
engines on a source tree (default: the repository's bundled data), sends every saved query to each
over HTTP and prints, per query and engine, identical / order differs / same values with other
lexical forms / different / error, with the error text or example rows.

    python bench/saved_query_compat.py [--source DIR] [--engines NAME …] [--json FILE] [--keep DIR]

Queries go as written: a parameter variable (?_name_type) stays unbound, so a parameterised query
answers for all values (each file is plain SPARQL by design). Federated queries (SERVICE) are left
out: they would call the outside world.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from engines import ENGINES, Engine, create
from engines.answers import Answer, Verdict, ask, compare, is_ordered

REPO = Path(__file__).resolve().parents[1]
REFERENCE = "diplokg"


def saved_queries(source: Path) -> dict[str, str]:
    """The saved queries of a source tree by slug, federated ones left out."""
    from diplokg.core.lexer import mentions_service

    out = {}
    for path in sorted((source / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        if not mentions_service(text):
            out[path.stem] = text
    return out


def prepare_all(source: Path, workdir: Path, names: list[str]) -> dict[str, Engine]:
    """diplokg built from ``source``, the others loaded from its N-Quads dump (not started)."""
    diplokg = create("diplokg")
    diplokg.prepare(source, workdir / "diplokg")
    engines: dict[str, Engine] = {"diplokg": diplokg}
    for name in names:
        if name != "diplokg":
            engine = create(name)
            engine.prepare(diplokg.nquads_path, workdir / name)
            engines[name] = engine
    return engines


def answers(engines: dict[str, Engine], queries: dict[str, str], timeout: float = 120) -> dict[str, dict[str, Answer]]:
    """Every query's answer from every (running) engine. A query that takes longer than
    ``timeout`` seconds is an error answer, and its engine is restarted (a server may go on
    computing it, as rdflib-endpoint does, blocking every later request)."""
    out: dict[str, dict[str, Answer]] = {}
    for slug, text in queries.items():
        out[slug] = {}
        for name, engine in engines.items():
            answer = ask(engine.query_url, text, timeout=timeout)
            if answer.timed_out or not engine.running():  # still computing, or crashed
                engine.stop()
                engine.start()
            out[slug][name] = answer
    return out


def verdicts(results: dict[str, dict[str, Answer]], queries: dict[str, str]) -> dict[str, dict[str, Verdict]]:
    """Each engine's answer compared with the reference engine's."""
    out = {}
    for slug, by_engine in results.items():
        reference = by_engine[REFERENCE]
        if reference.kind == "error":
            raise RuntimeError(f"{REFERENCE} failed on {slug}: {reference.error}")
        out[slug] = {name: compare(reference, answer, is_ordered(queries[slug]))
                     for name, answer in by_engine.items() if name != REFERENCE}
    return out


def table(results: dict[str, dict[str, Answer]], found: dict[str, dict[str, Verdict]]) -> str:
    names = [n for n in next(iter(found.values()))]
    lines = [f"{'query':<30}{'rows':>6}  " + "".join(f"{n:<34}" for n in names)]
    for slug, by_engine in found.items():
        lines.append(f"{slug:<30}{results[slug][REFERENCE].size:>6}  "
                     + "".join(f"{by_engine[n].category:<34}" for n in names))
    lines.append("")
    for slug, by_engine in found.items():
        for name, v in by_engine.items():
            if not v.same:
                lines.append(f"{slug} / {name}: {v.category}: {v.detail}")
                lines.extend(f"    {e}" for e in v.examples)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, default=REPO, help="source tree (default: the repository)")
    ap.add_argument("--engines", nargs="*", default=list(ENGINES), help="engines (diplokg is always the reference)")
    ap.add_argument("--timeout", type=float, default=120, help="seconds a query may take (default 120)")
    ap.add_argument("--json", type=Path, help="also write the verdicts here")
    ap.add_argument("--keep", type=Path, help="work directory to keep (default: a temporary one, removed)")
    args = ap.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="diplokg-compat-"))
    engines: dict[str, Engine] = {}
    try:
        engines = prepare_all(args.source, work, args.engines)
        for engine in engines.values():
            engine.start()
        queries = saved_queries(args.source)
        results = answers(engines, queries, args.timeout)
        found = verdicts(results, queries)
        print(table(results, found))
        if args.json:
            args.json.write_text(json.dumps({slug: {n: asdict(v) for n, v in by.items()} for slug, by in found.items()},
                                            indent=2))
        return 0
    finally:
        for engine in engines.values():
            engine.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
