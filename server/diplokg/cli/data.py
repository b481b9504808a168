"""Commands over the source tree and the built store: validate, build, stats, dump, generate."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from diplokg.cli.common import Progress, add_common, source_tree
from diplokg.validation.errors import InvalidDataError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    v = sub.add_parser("validate", help="SHACL-validate ontology + data; exit 1 on any violation",
                       description="Validate the ontology, vocabularies and all data files against the SHACL shapes. "
                       "Prints focus node, path, constraint, message and data file of every violation; "
                       "exit status 1 if any.")
    v.add_argument("--format", choices=["text", "json", "turtle"], default="text", help="report format (default: text)")
    v.add_argument("--engine", choices=["sparql", "pyshacl"], default="sparql",
                   help="SHACL engine: the shapes compiled to SPARQL (fast) or pyshacl, the reference "
                   "(default: %(default)s)")
    add_common(v, store=False, source=True)
    v.set_defaults(func=cmd_validate)

    b = sub.add_parser("build", help="validate, then load into an on-disk store (atomic)",
                       description="Validate, then load everything into a new on-disk pyoxigraph store and switch to "
                       "it atomically. Invalid data or a parse error leaves the existing store untouched (exit 1).")
    b.add_argument("--if-changed", action="store_true",
                   help="do nothing if the store was built from the same ontology, data, shapes and diplokg version")
    add_common(b, source=True)
    b.set_defaults(func=cmd_build)

    d = sub.add_parser("dump", help="write the whole graph deterministically",
                       description="Write every named graph of the store; the same store always gives byte-identical "
                       "output. ttl, nt and jsonld hold the union of the graphs, trig and nq keep the named graphs. "
                       "The dump is the one the build published with the store (under dumps/), checked against its "
                       "recorded checksum and decompressed.")
    d.add_argument("--format", required=True, choices=["ttl", "nt", "trig", "nq", "jsonld"])
    d.add_argument("-o", "--output", help="output file (default: stdout)")
    add_common(d)
    d.set_defaults(func=cmd_dump)

    g = sub.add_parser("generate", help="write a source tree with synthetic data of a given size (benchmarks)",
                       description="Write a source tree (ontology, shapes, saved queries, the real data) plus "
                       "deterministic, SHACL-valid SYNTHETIC data in our ontology — states' missions, posts, tenures "
                       "with mixed-precision dates, non-resident and concurrent accreditations, bilateral events, "
                       "evidence in synthetic source documents — until the tree holds at least --triples triples. "
                       "For benchmarks and load tests only: every synthetic document says it is made up.")
    g.add_argument("-o", "--output", required=True, metavar="DIR", help="new directory to write the source tree to")
    g.add_argument("--triples", type=int, default=100_000, metavar="N",
                   help="target size of the whole tree in triples, 1,000 to 50,000,000 (default: %(default)s)")
    g.add_argument("--seed", type=int, default=1, help="random seed; the same seed gives the same files (default: 1)")
    add_common(g, store=False, source=True)
    g.set_defaults(func=cmd_generate)

    s = sub.add_parser("stats", help="instances per class, facts per source",
                       description="Print triples per named graph, instances per class and facts with evidence "
                       "per source.")
    add_common(s)
    s.set_defaults(func=cmd_stats)


def cmd_validate(args: argparse.Namespace) -> int:
    from diplokg.build.pipeline import check

    _, report = check(source_tree(args), Progress(args.quiet or args.format != "text"), engine=args.engine)
    text = {"text": report.to_text, "json": report.to_json, "turtle": report.to_turtle}[args.format]()
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0 if report.conforms else 1


def cmd_build(args: argparse.Namespace) -> int:
    from diplokg.build.pipeline import build, is_up_to_date
    from diplokg.build.stats import collect
    from diplokg.build.store import open_read_only

    progress = Progress(args.quiet)
    if args.if_changed and is_up_to_date(source_tree(args), Path(args.store)):
        print(f"Store {args.store} is up to date (same ontology, data, shapes and diplokg version); not rebuilt.")
        return 0
    try:
        result = build(source_tree(args), Path(args.store), progress)
    except InvalidDataError as e:
        if e.report is not None:
            sys.stderr.write(e.report.to_text() + "\n")
        raise
    progress(f"store ready at {args.store}")
    print(f"Built store {args.store} (validated: conforms).")
    print("Triples per named graph:")
    for graph, n in result.graph_counts:
        print(f"  {n:>7}  {graph}")
    print(f"  {sum(n for _, n in result.graph_counts):>7}  (total)")
    if not args.quiet:
        stats = collect(open_read_only(Path(args.store)))
        print("\n".join(stats.to_text().splitlines()[len(result.graph_counts) + 2 :]))
    return 0


def cmd_dump(args: argparse.Namespace) -> int:
    from diplokg.build.reader import open_release, write_published_dump

    release = open_release(Path(args.store))
    if args.output and args.output != "-":
        out = Path(args.output)
        tmp = out.with_name(f".{out.name}.tmp")
        try:
            with tmp.open("wb") as fh:
                write_published_dump(release, args.format, fh)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        tmp.replace(out)
        Progress(args.quiet)(f"wrote {out} ({out.stat().st_size} bytes)")
    else:
        write_published_dump(release, args.format, sys.stdout.buffer)
        sys.stdout.flush()
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    from diplokg.synthetic.generate import generate

    result = generate(source_tree(args), Path(args.output), args.triples, args.seed, Progress(args.quiet))
    print(f"Wrote {result.out}: {result.triples:,} triples ({result.synthetic_triples:,} synthetic in "
          f"{result.documents:,} documents, {result.units:,} missions) in {result.seconds:.1f} s. "
          f"SYNTHETIC DATA: build it with 'diplokg build --source {result.out} --store DIR'; never publish it.")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from diplokg.build.stats import collect
    from diplokg.build.store import open_read_only

    print(collect(open_read_only(Path(args.store))).to_text())
    return 0

