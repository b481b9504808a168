"""``diplokg review DRAFT.trig``: the review workspace in the browser (``cli.workspace``), or with
``--compare`` each drafted fact of a draft against the published graph, one line per fact (new,
known, adds detail, contradicts; the rule and the fact's sentence), and for a contradiction the
other source's value and sentence (reads only; writes nothing)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from diplokg.cli.common import DEFAULT_STORE, Progress, UsageError
from diplokg.core.namespaces import shorten

if TYPE_CHECKING:
    import pyoxigraph as ox

    from diplokg.review.compare import Comparison

#: how much of a sentence a line shows
SHORT = 90


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rv = sub.add_parser(
        "review", help="review a draft in the browser, or how its facts stand against the published graph (--compare)",
        description="Serve the review workspace of DRAFT.trig on 127.0.0.1 (never the public endpoint): the source "
        "text with each fact's sentence marked, a card per drafted fact to accept, edit, reject or defer, each "
        "decision saved at once to DRAFT.review.yaml beside the draft; the address printed carries the session's "
        "token. With --compare: compare every drafted fact of DRAFT.trig (written by 'diplokg ingest') with the "
        "published graph: new (none of its resources is published), known (a published source states all of it), adds "
        "detail (its resources are published, it states more), contradicts (a property the shapes allow once "
        "per resource has another value in a published source; that source's value and sentence follow). "
        f"The published graph is a built store (--store, default {DEFAULT_STORE}) or a source tree (--source).",
        epilog="Examples: diplokg review draft.trig --reviewer 'A. Person'; diplokg review draft.trig --compare "
        "--store var/store")
    rv.add_argument("draft", metavar="DRAFT.trig", help="a draft written by 'diplokg ingest'")
    rv.add_argument("--compare", action="store_true", help="compare the drafted facts with the published graph")
    where = rv.add_mutually_exclusive_group()
    where.add_argument("--store", metavar="DIR", help=f"a store built by 'diplokg build' (default: {DEFAULT_STORE})")
    where.add_argument("--source", metavar="DIR", help="a source tree (ontology/, data/, shapes/), read unbuilt")
    rv.add_argument("--reviewer", metavar="NAME", help="the name saved with each decision (default: the login name)")
    rv.add_argument("--port", type=int, default=0, metavar="N",
                    help="the workspace's port on 127.0.0.1 (default: a free one)")
    rv.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    rv.set_defaults(func=cmd_review)


def cmd_review(args: argparse.Namespace) -> int:
    from diplokg.review.compare import compare

    draft = _read_draft(Path(args.draft))
    if not args.compare:
        from diplokg.cli.workspace import serve_workspace

        return serve_workspace(args, draft, _published)
    published, shapes = _published(args, Progress(args.quiet))
    for line in format_comparisons(compare(draft, published, shapes)):
        print(line)
    return 0


def _read_draft(path: Path) -> ox.Store:
    import pyoxigraph as ox

    from diplokg.review.compare import DRAFTED_FACT, RDF_TYPE

    if not path.is_file():
        raise UsageError(f"no draft at {path}")
    draft = ox.Store()
    try:
        draft.load(path=str(path), format=ox.RdfFormat.TRIG)
    except (SyntaxError, ValueError, OSError) as e:
        raise UsageError(f"{path} is not a TriG draft: {str(e).splitlines()[0] if str(e) else type(e).__name__}"
                         ) from None
    if next(iter(draft.quads_for_pattern(None, RDF_TYPE, DRAFTED_FACT)), None) is None:
        raise UsageError(f"{path} holds no dkg:DraftedFact: not a draft of 'diplokg ingest'")
    return draft


def _published(args: argparse.Namespace, progress: Progress) -> tuple[ox.Store, list[Path]]:
    """The published graph and the shape files it was (or is to be) validated against."""
    if args.source:
        from diplokg.source.loader import load
        from diplokg.source.tree import SourceTree

        tree = SourceTree(Path(args.source).resolve())
        if not tree.shape_files() or not tree.data_files():
            raise UsageError(f"{args.source} is not a source tree (no shapes/*.ttl or no data files)")
        progress(f"reading the source tree {args.source}")
        return load(tree).store, tree.shape_files()
    from diplokg.build.errors import StoreError
    from diplokg.build.reader import open_release
    from diplokg.build.store import open_read_only

    try:
        release = open_release(Path(args.store or DEFAULT_STORE))
        return open_read_only(release.path), release.shape_files()
    except StoreError as e:  # the store named on the command line is not one: bad input
        raise UsageError(str(e)) from None


def _short(text: str | None) -> str:
    if not text:
        return "(no sentence)"
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= SHORT else f'"{text[:SHORT - 1]}…"'


def format_comparisons(comparisons: list[Comparison]) -> list[str]:
    """One line per fact; under a contradiction one line per conflicting value, with its source."""
    lines = []
    for c in sorted(comparisons, key=_number):
        number = c.fact.value.rsplit("/", 1)[-1]
        lines.append(f"{number:>3} {c.status.value:<12} {c.rule or '-':<30} {_short(c.sentence)}")
        for conflict in c.conflicts:
            source = conflict.source
            lines.append(f"    {shorten(conflict.resource.value)} {shorten(conflict.property.value)}: "
                         f"{_term(conflict.value)} here, {_term(conflict.other)} in {shorten(source.graph.value)}: "
                         + "; ".join(_short(q) for q in source.quotes or (None,)))
    if not comparisons:
        lines.append("the draft holds no drafted facts")
    return lines


def _number(comparison: Comparison) -> tuple[str, int, str]:
    """Facts in the order of their numbers (the drafter numbers them in page order)."""
    graph, _, number = comparison.fact.value.rpartition("/")
    return (graph, int(number) if number.isdigit() else 0, number)


def _term(term: object) -> str:
    value = getattr(term, "value", str(term))
    return shorten(value) if value.startswith("http") else f'"{value}"'
